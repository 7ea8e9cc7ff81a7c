#!/bin/sh
# How much termc diff says against how much changed, on the real revision
# pairs of ../shared/corpus: consecutive dates of each ota service and the
# amended e-Gov statutes (imported first).
# Usage: tests/diff/corpus.sh TERMC CORPUS WORKDIR
#
# For every pair:
#   wd     bytes (spaces left out) of the tokens a word diff of the
#          rendered text marks changed: each side's clause texts, captions,
#          labels and table cells one a line, through
#          git diff --no-index --word-diff (words for English; for
#          Japanese, which has no spaces, single characters, but a
#          number with its unit one token, as termc marks it);
#   rep    bytes of the text termc's text diff reports changed: the lines
#          of added, removed and moved clauses and the marked parts of
#          modified, split, merged and reflowed ones;
#   same   clauses reported changed whose text did not change: a modified
#          clause whose text and caption are equal, a line of a removed
#          clause that an added one lists as well (each pair once);
#   renum  renumbering reports.
# Changed link targets are reported apart (a word diff of the rendered
# text cannot see them): their lines are not counted in rep.
# Prints one line per pair with its ratio rep/wd, then "figure" lines:
# pairs, changed pairs, pairs over 1.5x and over 5x, same, renum.
set -u
T=$1
C=$2
W=$3
rm -rf "$W"
mkdir -p "$W"

# render DOC: the text a reader sees, one clause part a line.
render() {
	"$T" tree "$1" 2>/dev/null | jq -r '
	    def walk_: ., (.children // [] | .[] | walk_);
	    walk_ | (.label // empty), (.caption // empty), (.text // empty),
	    (.rows // [] | .[] | .[]?)' | sed 's/[[:space:]]\{1,\}/\n/g' |
	    grep -v '^$'
}

# wordiff OLD NEW JA: bytes of the changed tokens.
wordiff() {
	render "$1" >"$W/a"
	render "$2" >"$W/b"
	if [ "$3" = ja ]; then
		# One token a character (a UTF-8 lead byte and its tails),
		# but a number and its unit one token, as termc widens an
		# edit to the unit a reader underlines (docs/diff.md): digits
		# (ASCII, 全角, 〇一二…十百千万) with their separators, then one
		# kanji (a numeral is a kanji too: a longer run would take the
		# next number in), a katakana run or a percent sign:
		# 九月二十七日 → 十月十五日 is the tokens 九月, 二十七日 against
		# 十月, 十五日 in both measures, not 九, 二, 七 against 十, 五.
		d='[0-9]|\357\274[\220-\231]|\343\200\207|\344\270\200|\344\272\214|\344\270\211|\345\233\233|\344\272\224|\345\205\255|\344\270\203|\345\205\253|\344\271\235|\345\215\201|\347\231\276|\345\215\203|\344\270\207'
		sep='[,.]|\357\274[\214\216]|\343\203\273'
		kanji='\344[\270-\277][\200-\277]|[\345-\351][\200-\277][\200-\277]'
		kata='\343\202[\241-\277]|\343\203[\200-\272]|\343\203\274'
		unit="$kanji|($kata)+|%%|\357\274\205"
		re=$(printf "($d)+(($sep)($d)+)*($unit)?|[^\200-\277][\200-\277]*")
	else
		re='[^[:space:]]+'
	fi
	LC_ALL=C git diff --no-index --word-diff=porcelain --word-diff-regex="$re" \
	    "$W/a" "$W/b" 2>/dev/null | LC_ALL=C awk '
	    /^(\+\+\+|---) / { next }
	    /^[-+]/ { s = substr($0, 2); gsub(/[ \t]/, "", s); n += length(s) }
	    END { print n + 0 }'
}

# reported TEXTDIFF: bytes termc reports changed.
reported() {
	LC_ALL=C awk '
	function marks(s,   n, i, j) {
		n = 0
		while ((i = index(s, "[-")) > 0 || (j = index(s, "{+")) > 0) {
			i = index(s, "[-"); j = index(s, "{+")
			if (i == 0 || (j > 0 && j < i)) {
				s = substr(s, j + 2); e = index(s, "+}")
			} else {
				s = substr(s, i + 2); e = index(s, "-]")
			}
			if (e == 0) break
			t = substr(s, 1, e - 1); gsub(/[ \t]/, "", t)
			n += length(t); s = substr(s, e + 2)
		}
		return n
	}
	NR <= 3 { next }
	/^  link "/ { next }
	/^$/ { moved = 0; parts = 0; next }
	/ moved from / && !/^  / { moved = 1; next }
	/ split into | merged from | reflowed into / && !/^[-+ ] / { parts = 1; next }
	parts { n += marks($0); next }
	/^[-+] / { s = substr($0, 3); gsub(/[ \t]/, "", s); n += length(s); next }
	moved && /^  / { s = $0; gsub(/[ \t]/, "", s); n += length(s); next }
	/\[-|\{\+/ { n += marks($0) }
	END { print n + 0 }' "$1"
}

# same TEXTDIFF JSONDIFF: clauses reported changed with unchanged text.
same() {
	jq -r '[.changes[] | select(.kind == "modified" and .old.text ==
	    .new.text and .old.caption == .new.caption)] | length' "$2"
	# Lines listed removed that are listed added too (as multisets),
	# in hunks of removed and added clauses (a split lists its parts).
	awk '/^$/ { k = 0; next } /^[^-+ ].* (removed|added)( \(|$)/ { k = 1; next }
	    k && /^- / { print substr($0, 3) }' "$1" | sort >"$W/rem"
	awk '/^$/ { k = 0; next } /^[^-+ ].* (removed|added)( \(|$)/ { k = 1; next }
	    k && /^\+ / { print substr($0, 3) }' "$1" | sort >"$W/add"
	comm -12 "$W/rem" "$W/add" | wc -l
}

# pair NAME OLD NEW JA
pair() {
	"$T" diff "$2" "$3" >"$W/t" 2>/dev/null
	rc=$?
	"$T" diff --format=json "$2" "$3" >"$W/j" 2>/dev/null
	wd=$(wordiff "$2" "$3" "$4")
	rep=$(reported "$W/t")
	s=$(same "$W/t" "$W/j" | awk '{ n += $1 } END { print n + 0 }')
	rn=$(jq '[.changes[] | select(.renumbered)] | length' "$W/j")
	echo "$1	$rc	$wd	$rep	$s	$rn" >>"$W/pairs"
}

: >"$W/pairs"
for d in "$C"/ota/terms/*/terms-of-service; do
	prev=
	for f in "$d"/*.md; do
		[ -n "$prev" ] && pair "$(basename "$(dirname "$d")")/$(basename "$f" .md)" \
		    "$prev" "$f" en
		prev=$f
	done
done
tail -n +2 "$C/egov/PAIRS.tsv" | while IFS='	' read -r o n name; do
	id=$(basename "$(dirname "$o")")
	for r in 2013-11-02 2013-11-26; do
		"$T" import --provider=x --provider-name=x --document=law \
		    --title=t --revision=$r -o "$W/egov/$id/x/law/$r.md" \
		    "$C/egov/pairs/$id/$r.txt" 2>/dev/null
	done
	pair "egov/$id" "$W/egov/$id/x/law/2013-11-02.md" \
	    "$W/egov/$id/x/law/2013-11-26.md" ja
done

echo "pair	exit	worddiff	reported	ratio	same	renum"
awk -F '\t' '
{
	r = $3 > 0 ? $4 / $3 : ($4 > 0 ? 99 : 0)
	printf "%s\t%s\t%d\t%d\t%.2f\t%d\t%d\n", $1, $2, $3, $4, r, $5, $6
	n++
	if ($3 > 0) { c++; if (r > 1.5) o15++; if (r >= 5) o5++ }
	if ($3 == 0 && $2 == 0 && $4 == 0) quiet++
	s += $5; rn += $6; tw += $3; tr += $4
}
END {
	printf "figure diff_pairs %d\n", n
	printf "figure diff_changed_pairs %d\n", c
	printf "figure diff_over_1_5x %d\n", o15
	printf "figure diff_over_5x %d\n", o5
	printf "figure diff_same_text_reported %d\n", s
	printf "figure diff_renumbered_reports %d\n", rn
	printf "figure diff_total_ratio %.2f\n", tw ? tr / tw : 0
}' "$W/pairs"
