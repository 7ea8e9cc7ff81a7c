# tests/matrix/wrap.pl: hard-wrap a terms file's body as authors who wrap
# their Markdown do (perl -CSD -n wrap.pl FILE; W=60 by default).  Plain
# paragraph lines longer than W characters are cut: English at spaces,
# Japanese after W characters.  Front matter, headings, tables, lists,
# HTML and indented code are kept, and no cut line opens with a Markdown
# marker, so the document is the same to a reader.  Used by corpus.sh to
# measure the matrix on the corpus written another way.
use strict;
use warnings;
use utf8;
our ($fm, $W);
$W = $ENV{W} || 60;
if ($. == 1 && /^---$/) { $fm = 1; print; next }
if ($fm) { $fm = 0 if /^---$/; print; next }
chomp;
my $line = $_;
if ($line =~ /^\s*(?:[#|<>`]|[-*+] |\d+[.)] |\s{4})/ ||
    length($line) <= $W) {
	print "$line\n";
	next;
}
my @out;
if (($line =~ tr/\x00-\x7f//) > length($line) / 2) {
	my $cur = '';
	for my $w (split / /, $line) {
		if ($cur ne '' && length($cur) + 1 + length($w) > $W &&
		    $w !~ /^(?:[-*+#>|=]|\d+[.)])/) {
			push @out, $cur;
			$cur = $w;
		} else {
			$cur = $cur eq '' ? $w : "$cur $w";
		}
	}
	push @out, $cur;
} else {
	while (length($line) > $W) {
		my $k = $W;
		$k++ while $k < length($line) &&
		    substr($line, $k, 1) =~ /[\s\d#\-*+>|=]/;
		push @out, substr($line, 0, $k);
		$line = substr($line, $k);
	}
	push @out, $line if $line ne '';
}
print join("\n", @out), "\n";
