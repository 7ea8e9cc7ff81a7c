#!/bin/sh
# make bench: termc build against cmark-gfm -e table on the same Markdown.
#
# Corpora are generated from terms/ (tests/bench/gen.sh): one 1 MB file,
# one 10 MB file, and 1000 files of about 10 KB; then the 1000 files and
# 10,000 of them, with and without the matrix, built and edited.  For
# each of the first three, the fastest of five runs, the two programs in
# turn, and the peak resident memory are printed for both programs, then
# termc/cmark-gfm as ratios.  Nothing here is a pass/fail test.
set -eu
T=${1:-./termc}
cd "$(dirname "$0")/../.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
cc -O2 -o "$work/measure" tests/bench/measure.c

mkdir -p "$work/one1/bench/corpus" "$work/one10/bench/corpus" "$work/many"
sh tests/bench/gen.sh 1000000 "$work/one1/bench/corpus/2024-01-01.md"
sh tests/bench/gen.sh 10000000 "$work/one10/bench/corpus/2024-01-01.md"
sh tests/bench/gen.sh 10000 "$work/small.md"
# providers N DIR: N provider folders of one copy of small.md each.
providers() {
	i=0
	while [ $i -lt "$1" ]; do
		mkdir -p "$2/p$i/corpus"
		sed "s/^provider: bench/provider: p$i/" "$work/small.md" \
		    >"$2/p$i/corpus/2024-01-01.md"
		i=$((i + 1))
	done
}
providers 1000 "$work/many"

# lesser A B / greater A B: of two numbers as measure prints them (A
# empty: B), the one chosen as it was printed.
lesser() { [ -z "$1" ] && echo "$2" || awk "BEGIN{print ($1 < $2 ? \"$1\" : \"$2\")}"; }
greater() { [ -z "$1" ] && echo "$2" || awk "BEGIN{print ($1 > $2 ? \"$1\" : \"$2\")}"; }
# row NAME FILES: cmark-gfm on FILES, termc build on $corpus, in turn five
# times, so that a machine whose speed drifts (this one's moves by a
# third within minutes) slows both alike; the fastest run and the
# largest peak of each.  termc runs --no-cache with its default -j (the
# online cores): on the 1000 files its workers build the documents and
# hand them back (docs/speed.md), while cmark-gfm runs on one core; a
# single document is built in one process.
row() {
	name=$1; shift
	src=$1; shift
	ct= cm= tt= tm=
	for round in 1 2 3 4 5; do
		set -- $("$work/measure" 1 /dev/null -- cmark-gfm -e table $src)
		ct=$(lesser "$ct" "$1") cm=$(greater "$cm" "$2")
		set -- $("$work/measure" 1 /dev/null -- "$T" build --no-cache \
		    -o "$work/out" "$corpus")
		tt=$(lesser "$tt" "$1") tm=$(greater "$tm" "$2")
	done
	printf '%-10s %9s %9s %10s %10s %8s %8s\n' "$name" "$tt" "$ct" "$tm" "$cm" \
	    "$(awk "BEGIN{printf \"%.2f\", $tt/$ct}")" \
	    "$(awk "BEGIN{printf \"%.2f\", $tm/$cm}")"
}

printf '%-10s %9s %9s %10s %10s %8s %8s\n' corpus "termc s" "cmark s" "termc KB" \
    "cmark KB" "time x" "mem x"
corpus="$work/one1"; row "1 MB" "$work/one1/bench/corpus/2024-01-01.md"
corpus="$work/one10"; row "10 MB" "$work/one10/bench/corpus/2024-01-01.md"
corpus="$work/many"; row "1000 files" "$(find "$work/many" -name '*.md' | sort)"

# The matrix step is linear in documents x topics (issue 17: sentences are
# split once per article, tests/unit/topics.c holds that contract): the
# 47 topics of terms/topics.yaml over 250 and over 1000 of the files
# above.  "x 4n/n" is the time ratio of the two: near 4 when linear.
mkdir -p "$work/quarter"
i=0
while [ $i -lt 250 ]; do
	cp -R "$work/many/p$i" "$work/quarter/p$i"
	i=$((i + 1))
done
set -- $("$work/measure" 5 /dev/null -- "$T" matrix --format=tsv \
    --topics terms/topics.yaml "$work/quarter")
qt=$1 qm=$2
set -- $("$work/measure" 5 /dev/null -- "$T" matrix --format=tsv \
    --topics terms/topics.yaml "$work/many")
printf '\n%-18s %9s %10s %9s %10s %8s\n' matrix "250 s" "250 KB" "1000 s" \
    "1000 KB" "x 4n/n"
printf '%-18s %9s %10s %9s %10s %8s\n' "47 topics" "$qt" "$qm" "$1" "$2" \
    "$(awk "BEGIN{printf \"%.2f\", $1/$qt}")"

# Many documents (docs/speed.md): the 1000 files with the matrix, a build
# without the cache, one that fills it, and one after editing a document.
cp terms/topics.yaml "$work/many/topics.yaml"
set -- $("$work/measure" 1 /dev/null -- "$T" build --no-cache -o "$work/mo" \
    "$work/many")
nt=$1 nm=$2
rm -rf "$work/mo" "$work/mo.cache"
set -- $("$work/measure" 1 /dev/null -- "$T" build -o "$work/mo" "$work/many")
ct=$1 cm=$2
# The first edit after a new output folder also makes the spare
# generation (docs/speed.md); the second is what each later edit costs.
printf '\n本約款の末尾に一文を加える。\n' >>"$work/many/p7/corpus/2024-01-01.md"
"$T" build -o "$work/mo" "$work/many" 2>/dev/null
printf '\n本約款の末尾に一文を加える。\n' >>"$work/many/p8/corpus/2024-01-01.md"
set -- $("$work/measure" 1 /dev/null -- "$T" build -o "$work/mo" "$work/many")
printf '\n%-18s %9s %10s %9s %10s %9s %10s\n' "1000 + matrix" "clean s" \
    "clean KB" "cache s" "cache KB" "1 edit s" "1 edit KB"
printf '%-18s %9s %10s %9s %10s %9s %10s\n' "" "$nt" "$nm" "$ct" "$cm" "$1" "$2"

# Both cores (-j): the same 1000 files (with the matrix) into a new
# cache, one process against two workers: the output is the same, the
# time is what differs.
set -- $("$work/measure" 1 /dev/null -- "$T" build -j 1 -o "$work/j1" \
    "$work/many")
j1t=$1 j1m=$2
set -- $("$work/measure" 1 /dev/null -- "$T" build -j 2 -o "$work/j2" \
    "$work/many")
printf '\n%-18s %9s %10s %9s %10s\n' "1000 + matrix, new" "-j 1 s" \
    "-j 1 KB" "-j 2 s" "-j 2 KB"
printf '%-18s %9s %10s %9s %10s\n' "" "$j1t" "$j1m" "$1" "$2"

# The issue's scale (docs/speed.md): 10,000 providers of one document
# each, without and with the matrix: a build into a new cache, then an
# edit that makes the spare, then the fastest of three more edits, each
# of another document (what each later edit costs).
providers 10000 "$work/big"
big() {
	label=$1
	rm -rf "$work/bo" "$work/bo.cache" "$work/.bo.termc-spare"
	set -- $("$work/measure" 1 /dev/null -- "$T" build -o "$work/bo" \
	    "$work/big")
	bt=$1 bm=$2
	printf '\n本約款の末尾に一文を加える。\n' >>"$work/big/p7/corpus/2024-01-01.md"
	"$T" build -o "$work/bo" "$work/big" 2>/dev/null || :
	et= em=
	for p in p8 p9 p10; do
		printf '\n本約款の末尾に一文を加える。\n' \
		    >>"$work/big/$p/corpus/2024-01-01.md"
		set -- $("$work/measure" 1 /dev/null -- "$T" build \
		    -o "$work/bo" "$work/big")
		et=$(lesser "$et" "$1") em=$(greater "$em" "$2")
	done
	printf '%-18s %9s %10s %9s %10s\n' "$label" "$bt" "$bm" "$et" "$em"
}
printf '\n%-18s %9s %10s %9s %10s\n' "10,000 documents" "build s" \
    "build KB" "1 edit s" "1 edit KB"
big "no matrix"
cp terms/topics.yaml "$work/big/topics.yaml"
big "with the matrix"
