# The heads of a collection of many files are read on two threads
# (corpus.c corpus_scan(), SCAN_PAR_MIN files or more): the same out/ and
# the same findings, in their order, as one thread's (-j 1), with and
# without the cache, with files that fail in both halves of the list and
# one reached by two names.
# Sourced by tests/site/suite.sh.
scn="$tmp/scan"
rm -rf "$scn"
mkdir -p "$scn/src" "$scn/a" "$scn/b"
for p in $(seq -f %02g 1 40); do
	mkdir -p "$scn/src/s$p/terms"
	for r in 2024-01-01 2024-06-01; do
		{ printf -- '---\nprovider: s%s\nprovider_name: 事業者%s\ndocument: terms\ntitle: 利用規約\nrevision: %s\n---\n\n' "$p" "$p" "$r"
		printf '## 第1条（適用）\n\n本規約は、当社と利用者との関係に適用します。\n\n'
		printf '## 第2条（料金）\n\n料金は月額%s円とします。前条の規定を準用します。\n' "${r#2024-}"; } \
		    >"$scn/src/s$p/terms/$r.md"
	done
done
# Findings in both halves: a zero-width space, bytes that are no UTF-8,
# a front matter that does not parse, and a file under two names.
printf '\n本規約は\342\200\213変更されます。\n' >>"$scn/src/s03/terms/2024-06-01.md"
printf '\n\377\376\n' >>"$scn/src/s10/terms/2024-01-01.md"
printf -- '---\nprovider: [s33\n---\n\n本文\n' >"$scn/src/s33/terms/2024-06-01.md"
printf '\n第三条に定めるとおりとします。\n' >>"$scn/src/s37/terms/2024-01-01.md"
ln "$scn/src/s20/terms/2024-01-01.md" "$scn/src/s20/terms/2024-03-01.md"
# pair_build DIR SRC ARGS...: termc build ARGS of SRC into DIR/out, its
# findings in DIR/err and status in DIR/rc; pair_same A B: the same
# three.  tests/site/walk.sh uses them too.
pair_build() {
	(cd "$1" && src=$2 && shift 2 && run_termc build "$@" -o out \
	    "$src" >/dev/null 2>err; echo $? >rc)
}
pair_same() {
	[ "$(cat "$1/rc")" = "$(cat "$2/rc")" ] &&
	    diff -r "$1/out" "$2/out" >/dev/null 2>&1 &&
	    cmp -s "$1/err" "$2/err"
}
scn_build() {
	dir=$1
	shift
	pair_build "$scn/$dir" "$scn/src" "$@"
}
scn_same() {
	pair_same "$scn/a" "$scn/b"
}
scn_build a --no-cache -j 1
scn_build b --no-cache -j 2
scn_same && [ "$(grep -c . "$scn/a/err")" -ge 4 ] && ok ||
    bad "site: heads read on two threads differ from one thread's"
# With the cache: filled, then its front matter memo read on two threads.
rm -rf "$scn/a" "$scn/b"
mkdir -p "$scn/a" "$scn/b"
scn_build a -j 1
scn_build b -j 2
scn_same && ok || bad "site: heads read on two threads, with the cache"
scn_build a -j 1
scn_build b -j 2
scn_same && ok ||
    bad "site: heads read on two threads from the cache's memo"
