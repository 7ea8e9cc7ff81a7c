#!/bin/sh
# Measure termc on the jtos documents written in other authors' styles.
# Usage: tests/eval/variants.sh TERMC DOCSTAT CORPUS WORKDIR
#
# Each variant is one transform of every jtos source (tests/eval/
# variants.awk says which), made at run time in WORKDIR: the corpus text
# never enters the repository.  A variant's articles are compared with
# TRUTH.tsv as make eval compares the originals' (normalized number and
# caption), and one line a variant says: the documents it changed, the
# articles right, extra and lost, warnings and letters lost; then one
# "figure variant-NAME-right|extra|warnings VALUE" line each, held
# against tests/eval/variants.floors: a figure that crosses its floor is
# printed and makes the exit status 1.
set -u
T=$1
DS=$2
C=$3
W=$4
here=$(dirname "$0")
rm -rf "$W"
mkdir -p "$W"
verbose=
"$T" import --help 2>/dev/null | grep -q -- --verbose && verbose=-v
. "$here/lib.sh"

variants="orig plain art-width art-kanji cap-space cap-paren cap-above bold
level+1 level1 para-width para-dot para-paren para-circled glued md crlf"

for v in $variants; do
	: >"$W/jtos.rows"
	: >"$W/jtos.warn"
	changed=0
	tail -n +2 "$C/jtos/MANIFEST.tsv" |
	while IFS='	' read -r slug file service repo path commit format n; do
		src=$C/jtos/$file
		f=plain
		[ "$format" = markdown ] && f=markdown
		awk -F '\t' -v s="$slug" '$1 == s { print $2 "\t" $3 "\t" $4 }' \
		    "$C/jtos/TRUTH.tsv" >"$W/arts"
		if [ "$v" != orig ]; then
			mkdir -p "$W/src/$v"
			LC_ALL=C awk -v v="$v" -v format="$f" -v truth="$W/arts" \
			    -f "$here/variants.awk" "$src" "$src" "$src" >"$W/src/$v/$file"
			cmp -s "$src" "$W/src/$v/$file" || echo "$slug" >>"$W/changed"
			src=$W/src/$v/$file
			# Markdown reduced to text goes through termc import.
			[ "$v" = plain ] && [ "$f" = markdown ] && format=plain
			# Text written as Markdown gets front matter instead.
			[ "$v" = md ] && [ "$f" = plain ] && format=markdown
		fi
		crlf=
		[ "$v" = crlf ] && crlf=1
		jtos_doc "$slug" "$format" "$src" "$W/build/$v"
	done
	nc=0
	[ -f "$W/changed" ] && nc=$(wc -l <"$W/changed") && rm "$W/changed"
	[ "$v" = orig ] && nc=-
	awk -F '\t' -v v="$v" -v nc="$nc" '
	    { t += $3; r += $4; x += $5 - $4; l += $6; w += $7; if ($2 != "ok") ref++ }
	    END { printf "%-13s %3s %4d/%d %4d %4d %4d %6d %4d\n", v, nc, r, t, x, t - r, w, l, ref
		  printf "figure variant-%s-right %d\nfigure variant-%s-extra %d\nfigure variant-%s-warnings %d\n", v, r, v, x, v, w >"/dev/stderr" }' \
	    "$W/jtos.rows" 2>>"$W/figures"
	# The documents that fare worse than their originals.
	[ "$v" = orig ] && cp "$W/jtos.rows" "$W/orig.rows"
	awk -F '\t' 'NR == FNR { w[$1] = $7; next }
	    $4 < $3 || $5 > $4 || $2 != "ok" || $7 > w[$1] {
	    printf "    %-20s %s articles %d/%d, %d extra, warnings %d (%d)\n",
		$1, $2, $4, $3, $5 - $4, $7, w[$1] }' \
	    "$W/orig.rows" "$W/jtos.rows" >"$W/rows.$v"
done | { echo "variant       changed right  extra lost warn letters refused"; cat; }
cat "$W/figures"
status=0
while read -r name op value; do
	case $name in '#'*|'') continue ;; esac
	got=$(awk -v n="$name" '$1 == "figure" && $2 == n { print $3 }' "$W/figures")
	if [ -z "$got" ] || ! [ "$got" "$op" "$value" ]; then
		echo "variants: $name is ${got:-missing}, the floor says $op $value"
		status=1
	fi
done <"$here/variants.floors"
exit $status
