#!/bin/sh
# tests/seeds/check.sh TERMC: check that the terms files made from the five
# source documents in tests/seeds/src carry every article of their source,
# in order, with the same number and caption.
#
# From each source text, the article headings are extracted:
#   第N条（見出し） / 第N条 (見出し) / 第N条の2…, any numerals (ASCII,
#   full-width, kanji), spaces inside the label allowed (第 24 条); text may
#   follow the caption after a space (第4条 (用語の定義) この約款…); a caption
#   that wraps onto the next non-blank line is joined (seed 003); a line that
#   goes on right after the closing bracket is body text that happens to
#   start with a reference (第１２条（…）規定の…), not a heading;
#   table-of-contents lines (ending in a tab and a page number, seed 002)
#   are skipped; with "captions", lines that are a bracketed caption alone,
#   before the first numbered article, are headings whose number was lost
#   (seed 000): they count as 第1条, 第2条, … in order.
# From each terms file, the articles as `TERMC tree` reports them (label and
# caption).  Both lists are compared line by line after removing whitespace
# (ASCII and U+3000) only; any difference fails with a diff: source on the
# left (-), terms on the right (+).  Exit 0 when all match, 1 otherwise.
# TERMS_DIR (default terms) names the collection to check; the suite uses
# it to prove that a broken copy fails.
#
# POSIX sh and awk only: no python, no jq.
set -u
if [ $# -ne 1 ]; then
	echo "usage: tests/seeds/check.sh TERMC" >&2
	exit 2
fi
T=$1
case $T in /*) ;; *) T="$(pwd)/$T" ;; esac
cd "$(dirname "$0")/../.." || exit 2
terms=${TERMS_DIR:-terms}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
# Byte semantics in awk (gawk would count characters in a UTF-8 locale).
LC_ALL=C
export LC_ALL

# seed source | mode | terms files (under TERMS_DIR) whose articles,
# concatenated, are the source's articles.  mode: "-" or "captions".
MAP='
000_1d0187179ba45fa4.txt|captions|mic/full-managed/2012-02-29.md
001_35244394e40e63ec.txt|-|dnet/operation-support/2018-08-01.md
002_a1a1efcafd46ffbd.txt|-|directors/cloud-operation/2019-06-01.md
002_a1a1efcafd46ffbd.txt|-|directors/cloud-operation/2017-03-01.md
003_d3890c41cd2197f5.txt|-|dnet/secure-managed-server/2017-06-01.md dnet/secure-managed-server-windows/2006-04-12.md
004_5da013a9188c288f.txt|-|itscom/server-hosting/2024-03-01.md
'

# Article headings of a source text, one "label（caption）" per line.
source_articles() {
	awk -v mode="$2" '
	function trim(s) {
		sub(/^([ \t\r]|\343\200\200)+/, "", s)
		sub(/([ \t\r]|\343\200\200)+$/, "", s)
		return s
	}
	function squeeze(s) {
		gsub(/([ \t\r]|\343\200\200)+/, "", s)
		return s
	}
	# Byte index just past the bracket that closes the one at s[1],
	# or 0 when it does not close.
	function close_at(s,    i, n, d, c) {
		n = length(s)
		d = 0
		for (i = 1; i <= n; ) {
			if (substr(s, i, 3) == "\357\274\210") { d++; i += 3 }
			else if (substr(s, i, 1) == "(") { d++; i++ }
			else if (substr(s, i, 3) == "\357\274\211") {
				i += 3
				if (--d == 0) return i
			} else if (substr(s, i, 1) == ")") {
				i++
				if (--d == 0) return i
			} else i++
		}
		return 0
	}
	function is_open(s) {
		return substr(s, 1, 1) == "(" || substr(s, 1, 3) == "\357\274\210"
	}
	# The caption without its brackets.
	function inner(c,    a, b) {
		a = substr(c, 1, 1) == "(" ? 2 : 4
		b = substr(c, length(c), 1) == ")" ? 1 : 3
		return substr(c, a, length(c) - a - b + 1)
	}
	function emit(label, cap, at) {
		print squeeze(label) "（" squeeze(cap) "）" "\t" at
	}
	{ line[NR] = $0 }
	END {
		# Numerals: ASCII and full-width digits, kanji; spaces between.
		num = "([0-9]|\357\274[\220-\231]|〇|一|二|三|四|五|六|七|八|九|十|百|千)+"
		sp = "([ \t]|\343\200\200)*"
		lab = "^第" sp num sp "条(の" num ")*"
		seen_numbered = 0
		for (i = 1; i <= NR; i++) {
			raw = line[i]
			if (raw ~ /\t[0-9]+[ \t\r]*$/)
				continue	# table of contents
			s = trim(raw)
			if (match(s, lab)) {
				label = substr(s, 1, RLENGTH)
				rest = trim(substr(s, RLENGTH + 1))
				if (rest == "") {
					emit(label, "", i)
					seen_numbered = 1
					continue
				}
				if (!is_open(rest))
					continue	# 第N条 in running text
				# A caption may wrap onto the next non-blank line.
				j = i
				while (!(e = close_at(rest)) && j < NR && j < i + 3) {
					j++
					if (trim(line[j]) == "") { continue }
					rest = rest trim(line[j])
				}
				if (!e)
					continue
				after = substr(rest, e)
				if (after != "" && after !~ /^([ \t\r]|\343\200\200)/)
					continue	# reference inside a sentence
				emit(label, inner(substr(rest, 1, e - 1)), i)
				seen_numbered = 1
				i = j
				continue
			}
			if (mode == "captions" && !seen_numbered && is_open(s) &&
			    close_at(s) == length(s) + 1) {
				lost++
				emit("第" lost "条", inner(s), i)
			}
		}
	}' "$1"
}

# Articles of terms files as termc reports them, one "label（caption）" per
# line.  Reads `termc tree` JSON: one member per line, an article's "type"
# first, then its "label" and "caption".
terms_articles() {
	for f in "$@"; do
		f=$terms/$f
		if ! "$T" tree "$f" >"$tmp/tree.json" 2>"$tmp/tree.err"; then
			{ echo "termc tree $f failed:"; cat "$tmp/tree.err"; } >"$tmp/why"
			return 1
		fi
		awk -v file="$f" '
		function str(s) {
			sub(/^[^:]*: /, "", s)
			sub(/,$/, "", s)
			if (s == "null")
				return ""
			s = substr(s, 2, length(s) - 2)
			gsub(/\\"/, "\"", s)
			gsub(/\\\\/, "\\", s)
			return s
		}
		function squeeze(s) {
			gsub(/([ \t\r]|\343\200\200)+/, "", s)
			return s
		}
		/^ *"type": "article",$/ { want = 2; label = cap = ""; next }
		want && /^ *"label": / { label = str($0); next }
		want && /^ *"line": / { at = $2; sub(/,$/, "", at); next }
		want && /^ *"caption": / { cap = str($0); next }
		want && /^ *"children": / {
			print squeeze(label) "（" squeeze(cap) "）" "\t" file ":" at
			want = 0
		}' "$tmp/tree.json" || return 1
	done
}

status=0
n=0
echo "$MAP" | while IFS='|' read -r seed mode files; do
	[ -n "$seed" ] || continue
	n=$((n + 1))
	name=$(echo "${seed%%_*}")
	# shellcheck disable=SC2086
	source_articles "tests/seeds/src/$seed" "$mode" >"$tmp/src.$n"
	if ! terms_articles $files >"$tmp/terms.$n"; then
		echo "seed $name: $(cat "$tmp/why")"
		echo FAIL
		continue
	fi
	cut -f1 "$tmp/src.$n" >"$tmp/seed-$name-source"
	cut -f1 "$tmp/terms.$n" >"$tmp/seed-$name-terms"
	count=$(wc -l <"$tmp/seed-$name-source")
	if [ "$count" -eq 0 ]; then
		echo "seed $name: no articles found in the source"
		echo FAIL
	elif cmp -s "$tmp/seed-$name-source" "$tmp/seed-$name-terms"; then
		echo "seed $name: $count articles match ($terms: $files)"
	else
		echo "seed $name: articles differ (- source $seed, + $terms: $files):"
		diff -u "$tmp/seed-$name-source" "$tmp/seed-$name-terms" |
		    sed -n '3,$p'
		# Where the first difference is, in both files.
		paste "$tmp/src.$n" "$tmp/terms.$n" | awk -F'\t' '
		    $1 != $3 { printf "first difference: source line %s: %s\n", $2, $1
			printf "                  %s: %s\n", $4, $3; exit }'
		echo FAIL
	fi
done >"$tmp/log"
grep -v '^FAIL$' "$tmp/log"
grep -q '^FAIL$' "$tmp/log" && status=1
exit $status
