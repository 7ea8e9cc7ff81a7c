#!/bin/sh
# Measure termc import against the hand-made terms files.
# Usage: tests/import/measure.sh TERMC OUTDIR
#
# For each seed tests/import/seeds/NNN.txt (copies of the five source
# documents) and the terms file(s) made from it (seeds.map), prints one line
#   NNN articles=MATCH/TOTAL diff=LINES nospace=NOSPACE tree=TREE history=H/N terms_lines=N terms_nodes=M
# where MATCH counts the terms file's articles (number and caption, in
# order) that the import has too, and LINES is the number of lines that
# `diff` reports (added + removed) between the two, both normalized:
# front matter, HTML comments and blank lines dropped, leading and trailing
# spaces stripped; NOSPACE is the same count with every ASCII space removed
# (what remains when spacing differences are set aside); TREE is the number
# of lines diff reports between the two clause trees in outline (one line
# per node: type, number, label without spaces), which counts structure the text diff
# cannot see (a line that is an item in one and a paragraph in the other);
# history counts the terms file's history entries (date and note, spaces
# aside) that the import's front matter has too.  The import is written to OUTDIR/NNN.md and must load
# with `termc tree`.
set -u
T=$1
out=$2
dir=$(dirname "$0")

# Article "num<TAB>caption" lines from termc tree's JSON (pretty-printed
# one field per line), in document order.
articles() {
	"$T" tree "$1" | awk '
	    /"type": "article"/ { a = 1; num = ""; next }
	    a && /"num":/ { sub(/^ *"num": /, ""); sub(/,$/, ""); num = $0; next }
	    a && /"caption":/ { sub(/^ *"caption": /, ""); sub(/,$/, "");
		print num "\t" $0; a = 0 }'
}

# The clause tree in outline: "type num label" per node, document order.
outline() {
	"$T" tree "$1" | awk '/"type":/ { t = $2 } /"num":/ { n = $2 }
	    /"label":/ { l = $0; sub(/^ *"label": /, "", l); gsub(/ /, "", l)
		print t, n, l }' | tr -d '",'
}

# The front matter's history: "date note" per entry, spaces removed.
history() {
	"$T" tree "$1" | awk '/"history"/ { h = 1 } /"changes"/ { h = 0 }
	    h && /"date":/ { d = $2 }
	    h && /"note":/ { n = $0; sub(/^ *"note": /, "", n); gsub(/ /, "", n)
		print d, n }' | tr -d '",'
}

normalize() {
	awk 'NR == 1 && /^---$/ { fm = 1; next }
	    fm && /^---$/ { fm = 0; next }
	    fm { next }
	    /^[ \t]*<!--.*-->[ \t]*$/ { next }
	    { sub(/^[ \t]+/, ""); sub(/[ \t]+$/, "") }
	    NF { print }' "$@"
}

while read -r seed provider document revision terms; do
	case $seed in '#'*|'') continue ;; esac
	"$T" import --provider="$provider" --document="$document" \
	    --revision="$revision" "$dir/seeds/$seed.txt" \
	    >"$out/$seed.md" 2>"$out/$seed.err"
	# The terms files the seed became (003 became two documents).
	: >"$out/$seed.want"
	: >"$out/$seed.want.art"
	: >"$out/$seed.want.tree"
	history "terms/${terms%%,*}" >"$out/$seed.want.hist"
	for t in $(echo "$terms" | tr ',' ' '); do
		normalize "terms/$t" >>"$out/$seed.want"
		articles "terms/$t" >>"$out/$seed.want.art"
		outline "terms/$t" >>"$out/$seed.want.tree"
	done
	normalize "$out/$seed.md" >"$out/$seed.got"
	# A second document (import marks where it starts) is loaded on
	# its own, under the first one's front matter.
	awk -v a="$out/$seed.1.md" -v b="$out/$seed.2.md" '
	    NR == 1 { fm = 1 }
	    /^<!-- termc: import: a second document starts here/ { two = 1 }
	    { if (two) print >b; else print >a }
	    fm { head = head $0 "\n" }
	    fm && NR > 1 && /^---$/ { fm = 0; printf "%s", head >b }
	' "$out/$seed.md"
	: >"$out/$seed.got.art"
	: >"$out/$seed.got.tree"
	: >"$out/$seed.tree.err"
	history "$out/$seed.1.md" >"$out/$seed.got.hist" 2>/dev/null
	for part in "$out/$seed.1.md" "$out/$seed.2.md"; do
		[ -s "$part" ] || continue
		articles "$part" >>"$out/$seed.got.art" 2>>"$out/$seed.tree.err"
		outline "$part" >>"$out/$seed.got.tree" 2>/dev/null
	done
	rm -f "$out/$seed.1.md" "$out/$seed.2.md"
	if grep -q 'error' "$out/$seed.tree.err"; then
		echo "$seed: termc tree fails on the import:" >&2
		head -5 "$out/$seed.tree.err" >&2
	fi
	total=$(wc -l <"$out/$seed.want.art")
	# Articles of the terms file found, in order, in the import.
	match=$(diff "$out/$seed.want.art" "$out/$seed.got.art" |
	    grep -c '^<')
	match=$((total - match))
	lines=$(diff "$out/$seed.want" "$out/$seed.got" | grep -c '^[<>]')
	# The same with every ASCII space removed: what is not spacing.
	tr -d ' ' <"$out/$seed.want" >"$out/$seed.want.ns"
	tr -d ' ' <"$out/$seed.got" >"$out/$seed.got.ns"
	ns=$(diff "$out/$seed.want.ns" "$out/$seed.got.ns" | grep -c '^[<>]')
	tree=$(diff "$out/$seed.want.tree" "$out/$seed.got.tree" | grep -c '^[<>]')
	htotal=$(wc -l <"$out/$seed.want.hist")
	hmiss=$(diff "$out/$seed.want.hist" "$out/$seed.got.hist" | grep -c '^<')
	echo "$seed articles=$match/$total diff=$lines nospace=$ns tree=$tree history=$((htotal - hmiss))/$htotal terms_lines=$(wc -l <"$out/$seed.want") terms_nodes=$(wc -l <"$out/$seed.want.tree")"
done <"$dir/seeds.map"
