#!/bin/sh
# Measure termc on the real documents of ../shared/corpus (see its README).
# Usage: tests/eval/eval.sh TERMC DOCSTAT CORPUS WORKDIR
#
# Prints one "figure NAME VALUE" line per measure (tests/eval/suite.sh
# holds them against tests/eval/floors) after a human summary:
#   jtos: Japanese terms by many authors, against TRUTH.tsv (number and
#         caption of every article);
#   egov: statutes in e-Gov's plain text, imported; the truth of each is
#         read off its own layout (an article line is 第…条 alone on its
#         line, its text on the next line that is not blank opening with
#         　, or 第…条　削除, and its caption is the
#         （…） line right above it, or the lines a reference broke it into);
#   egov pairs: the amended statutes, imported and diffed;
#   ota:  English terms, many versions of each;
#   variants-en: each ota service's latest version rewritten in other
#         sites' forms (tests/eval/variants-en.sh): its sections found again.
# Letters lost: letters and digits of a source the clause tree lacks,
# but for the lines import says it dropped (termc import --verbose).
set -u
T=$1
DS=$2
C=$3
W=$4
rm -rf "$W"
mkdir -p "$W"
# An older termc (a "before" figure) may lack --verbose.
verbose=
"$T" import --help 2>/dev/null | grep -q -- --verbose && verbose=-v

. "$(dirname "$0")/lib.sh"

# --- jtos --------------------------------------------------------------
jd=0 jref=0 jtruth=0 jright=0 jextra=0 jlost=0 jwarn=0
: >"$W/jtos.warn"
tail -n +2 "$C/jtos/MANIFEST.tsv" | while IFS='	' read -r slug file service repo path commit format n; do
	jtos_doc "$slug" "$format" "$C/jtos/$file" "$W/jtos"
done
awk -F '\t' '
    { d++; if ($2 != "ok") ref++; t += $3; r += $4; x += $5 - $4; l += $6; w += $7
      if ($4 < $3 || $5 > $4 || $2 != "ok")
	    printf "  %-20s %s articles %d/%d, %d extra, %d letters lost, %d warnings\n", $1, $2, $4, $3, $5 - $4, $6, $7 }
    END { printf "jtos: %d documents, %d refused; articles right %d/%d (%.1f%%), %d extra; %d letters lost; %d warnings\n", d, ref, r, t, 100 * r / t, x, l, w
	  printf "figure jtos-refused %d\nfigure jtos-right-permille %d\nfigure jtos-extra %d\nfigure jtos-lost %d\nfigure jtos-warnings %d\n", ref, 1000 * r / t, x, l, w }' "$W/jtos.rows"
sort "$W/jtos.warn" | uniq -c | sort -rn | awk '{ printf "  warnings %s: %d\n", $2, $1 }'

# --- egov ----------------------------------------------------------------
kanji="(〇|一|二|三|四|五|六|七|八|九|十|百|千)+"
# truth TXT: "label<TAB>caption" per article, read off e-Gov's layout.
truth_egov() {
	LC_ALL=C.UTF-8 awk -v k="$kanji" '
	    BEGIN { art = "^第" k "条(の" k ")*" }
	    # Some texts end a line with CR LF, some runs of lines only.
	    { sub("\r$", ""); line[NR] = $0 }
	    END {
		cap = ""
		for (i = 1; i <= NR; i++) {
		    s = line[i]
		    sub("( |　)+$", "", s)
		    # A caption broken after a reference: （法第九条第一項 / の…）,
		    # its bracket open till the last piece; not a note that
		    # closes and goes on (（平成三年法律第四十八号）第十条…), nor
		    # a sentence, nor a caption of its own on the next line.
		    for (k = 1; k <= 3 && s ~ "^（" && s !~ "）" && s !~ "。" &&
			line[i + k] != "" && line[i + k] !~ "^(　|（)" &&
			line[i + k] !~ "。"; k++)
			    if (line[i + k] ~ "）( |　)*$") {
				    t = s
				    for (q = 1; q <= k; q++) t = t line[i + q]
				    sub("( |　)+$", "", t)
				    s = t; i += k; break
			    }
		    if (s ~ "^（.*）$") { cap = s; continue }
		    # Past blank lines, the text of the article opens with 　; a
		    # bare 第…条 before an unindented line is a table cell.
		    for (k = i + 1; k <= NR && line[k] ~ "^( |　)*$" &&
			line[k] !~ "^　"; k++)
			    ;
		    if (s ~ (art "$") && line[k] ~ "^　" ||
			s ~ (art "　+削除$")) {
			    lab = s; sub("　.*", "", lab)
			    c = cap; sub("^（", "", c); sub("）$", "", c)
			    print lab "\t" c
		    }
		    if (s != "") cap = ""
		}
	    }' "$1"
}
: >"$W/egov.rows"
: >"$W/egov.warn"
for f in "$C"/egov/text/*.txt; do
	id=$(basename "$f" .txt)
	out=$W/egov/$id/law/2013-11-02.md
	mkdir -p "$(dirname "$out")"
	"$T" import $verbose --provider="$id" --provider-name=egov --document=law \
	    --title="$id" --revision=2013-11-02 -o "$out" "$f" 2>"$W/imp"
	dropped >"$W/dropped"
	stat "$out" "$f" "$W/dropped"
	truth_egov "$f" >"$W/truth"
	awk -F '\t' '$1 == "article" { l = $3; gsub(/ /, "", l); print l "\t" $4 }' "$W/stat" >"$W/got"
	row "$id" egov
done
awk -F '\t' '
    { d++; if ($2 != "ok") ref++; t += $3; r += $4; x += $5 - $4; l += $6; w += $7 }
    END { printf "egov: %d statutes, %d refused; articles right %d/%d (%.1f%%), %d extra; %d letters lost; %d warnings\n", d, ref, r, t, 100 * r / t, x, l, w
	  printf "figure egov-refused %d\nfigure egov-right-permille %d\nfigure egov-extra %d\nfigure egov-lost %d\nfigure egov-warnings %d\n", ref, 1000 * r / t, x, l, w }' "$W/egov.rows"
sort "$W/egov.warn" | uniq -c | sort -rn | awk '{ printf "  warnings %s: %d\n", $2, $1 }'
sort -t '	' -k4,4n "$W/egov.rows" | awk -F '\t' '$4 < $3 || $2 != "ok" { n++; if (n <= 12) printf "  %s %s articles %d/%d, %d extra, %d lost\n", $1, $2, $4, $3, $5 - $4, $6 }'

# --- egov pairs ------------------------------------------------------------
pn=0 pok=0
for d in "$C"/egov/pairs/*/; do
	id=$(basename "$d")
	for v in 2013-11-02 2013-11-26; do
		mkdir -p "$W/pairs/$id/law"
		"$T" import --provider="$id" --provider-name=egov --document=law \
		    --title="$id" --revision=$v -o "$W/pairs/$id/law/$v.md" \
		    "$d/$v.txt" 2>/dev/null
	done
	"$T" diff "$W/pairs/$id/law/2013-11-02.md" "$W/pairs/$id/law/2013-11-26.md" >/dev/null 2>&1
	rc=$?
	pn=$((pn + 1))
	[ $rc -le 1 ] && pok=$((pok + 1))
done
echo "egov pairs: $pok/$pn diffed"
figure egov-pairs-diffed "$pok"

# --- ota -------------------------------------------------------------------
: >"$W/ota.rows"
: >"$W/ota.warn"
for f in "$C"/ota/terms/*/*/*.md; do
	stat "$f"
	st=$(awk -F '\t' '$1 == "status" { print $2 }' "$W/stat")
	l=$(awk -F '\t' '$1 == "letters" { print $4 }' "$W/stat")
	a=$(grep -c '^article' "$W/stat")
	nw=$(grep -c '^warning	num-' "$W/stat")
	grep '^warning' "$W/stat" | cut -f2 >>"$W/ota.warn"
	printf '%s\t%s\t%s\t%s\t%s\n' "${f#$C/ota/terms/}" "$st" "$a" "${l:-0}" "$nw" >>"$W/ota.rows"
done
awk -F '\t' '
    { d++; if ($2 != "ok") ref++; a += $3; l += $4; w += $5 }
    END { printf "ota: %d versions, %d refused; %d articles; %d letters lost; %d num-* warnings\n", d, ref, a, l, w
	  printf "figure ota-refused %d\nfigure ota-lost %d\nfigure ota-num-warnings %d\n", ref, l, w }' "$W/ota.rows"
sort "$W/ota.warn" | uniq -c | sort -rn | awk '{ printf "  warnings %s: %d\n", $2, $1 }'

# --- English terms in other sites' forms (variants-en.sh) -------------------
sh "$(dirname "$0")/variants-en.sh" "$T" "$DS" "$C" "$W/variants-en"
