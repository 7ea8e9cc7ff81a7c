#!/bin/sh
# Matrix accuracy on real documents nobody tuned the taxonomy for:
# ../shared/corpus/jtos (Japanese 利用規約 by many authors) and the latest
# version of each service in ../shared/corpus/ota (English terms).
# Usage: tests/matrix/corpus.sh TERMC CORPUS WORKDIR [TOPICS]
#
# The truth (tests/matrix/jtos.tsv, tests/matrix/ota.tsv) was written by
# reading the documents: per document and topic, the articles about it and
# the value a reader takes from them (format: tests/matrix/truth.tsv).
# Documents are turned into terms files as tests/eval/eval.sh does:
# front matter before a Markdown file, `termc import` for a text file.
# Prints the cells that are wrong, then per language one line
#   matrix-LANG: cells R/N right; values V/W right; topic assignment
#   precision P recall Q (tp, fp, fn)
# and "figure NAME VALUE" lines (permille) for a floor file.
set -u
T=$1
C=$2
W=$3
TOP=${4:-terms/topics.yaml}
m=$(dirname "$0")
rm -rf "$W"
mkdir -p "$W/jtos" "$W/ota"
if [ ! -d "$C/jtos" ] || [ ! -d "$C/ota" ]; then
	echo "matrix corpus: $C not found, skipped"
	exit 0
fi

tail -n +2 "$C/jtos/MANIFEST.tsv" | while IFS='	' read -r slug file service repo path commit format n; do
	out=$W/jtos/$slug/tos/2024-01-01.md
	mkdir -p "$(dirname "$out")"
	if [ "$format" = markdown ]; then
		{ printf -- '---\nprovider: %s\nprovider_name: "%s"\ndocument: tos\ntitle: "%s"\nrevision: 2024-01-01\n---\n\n' \
		    "$slug" "$slug" "$slug"; cat "$C/jtos/$file"; } >"$out"
	else
		"$T" import --provider="$slug" --provider-name="$slug" \
		    --document=tos --title="$slug" --revision=2024-01-01 \
		    -o "$out" "$C/jtos/$file" 2>/dev/null
	fi
done
for d in "$C"/ota/terms/*/terms-of-service; do
	s=$(basename "$(dirname "$d")")
	f=$(ls "$d"/*.md | tail -n 1)
	mkdir -p "$W/ota/$s/terms-of-service"
	cp "$f" "$W/ota/$s/terms-of-service/"
done

# The same documents hard-wrapped (wrap.pl), as authors who wrap their
# Markdown write them: a reader sees the same terms, so should the matrix.
for lang in jtos ota; do
	cp -R "$W/$lang" "$W/$lang-wrapped"
	find "$W/$lang-wrapped" -name '*.md' | while read -r f; do
		perl -CSD -n "$m/wrap.pl" "$f" >"$f.w" && mv "$f.w" "$f"
	done
done

st=0
for lang in jtos ota jtos-wrapped ota-wrapped; do
	"$T" matrix --format=tsv --topics "$TOP" "$W/$lang" >"$W/$lang.tsv" 2>"$W/$lang.err"
	truth=$m/${lang%-wrapped}.tsv
	awk -F'\t' -v name="matrix-$lang" -f "$m/check.awk" "$truth" "$W/$lang.tsv" >"$W/$lang.acc" || st=1
	cat "$W/$lang.acc"
	# Documents where termc found no article at all: their cells are all
	# misses of the structure, not of the taxonomy.
	awk -F'\t' '{ n[$1]++; if ($3 == "absent") a[$1]++ }
	    END { for (d in n) if (a[d] == n[d]) print d }' "$W/$lang.tsv" |
	    sort | sed 's/^/  no articles recognised: /'
	# The same figures without those documents.
	awk -F'\t' '{ n[$1]++; if ($3 == "absent") a[$1]++ }
	    END { for (d in n) if (a[d] == n[d]) print d }' "$W/$lang.tsv" >"$W/$lang.none"
	grep -v -F -f "$W/$lang.none" "$truth" >"$W/$lang.some" 2>/dev/null ||
	    cp "$truth" "$W/$lang.some"
	[ -s "$W/$lang.none" ] && awk -F'\t' -v name="matrix-$lang (recognised documents)" \
	    -f "$m/check.awk" "$W/$lang.some" "$W/$lang.tsv" | tail -n 1
	awk -v l="$lang" '/ precision / { for (i = 1; i <= NF; i++) {
		if ($i == "precision") p = $(i + 1); if ($i == "recall") r = $(i + 1)
		if ($i == "values") { split($(i + 1), v, "/") } }
	    printf "figure matrix-%s-precision %d\nfigure matrix-%s-recall %d\nfigure matrix-%s-values %d\n",
		l, 1000 * p, l, 1000 * r, l, v[2] ? 1000 * v[1] / v[2] : 1000 }' "$W/$lang.acc"
done
exit 0
