# The folder walk of a collection of many providers is made in two halves
# on two threads (corpus.c walk_halves(), WALK_PAR_MIN entries at the
# top): the same files in the same order, the same findings in theirs,
# as one thread's walk (-j 1); with a file reached in both halves (a hard
# link) the second half is walked again after the first, and the file
# counts once, as one walk counts it.  The same again with the cache,
# once its memo proves the folders (settled: site.c struct memo_folder).
# Sourced by tests/site/suite.sh, after scan.sh (pair_build, pair_same).
wlk="$tmp/walk"
rm -rf "$wlk"
mkdir -p "$wlk"
wlk_tree() {
	for p in $(seq -f %02g 1 70); do
		mkdir -p "$1/w$p/terms"
		printf -- '---\nprovider: w%s\nprovider_name: 事業者%s\ndocument: terms\ntitle: 利用規約\nrevision: 2024-01-01\n---\n\n## 第1条（適用）\n\n本規約は、当社と利用者との関係に適用します。\n' \
		    "$p" "$p" >"$1/w$p/terms/2024-01-01.md"
	done
	# Findings in both halves: links out of the folder, strays.
	ln -s /etc "$1/w04/out"
	ln -s /tmp "$1/w66/out"
	echo note >"$1/w07/notes.txt"
	echo note >"$1/w61/notes.txt"
	# A link inside the folder, in the second half, to the first.
	ln -s ../w02/terms "$1/w62/alias"
}
wlk_build() {
	dir=$1
	shift
	pair_build "$wlk/$dir" "$wlk/$src" "$@"
}
wlk_same() {
	pair_same "$wlk/a" "$wlk/b"
}
# wlk_memo: build src with the cache three times into c, the last two
# with the folders settled and proved, each the same as a.
wlk_memo() {
	rm -rf "$wlk/c"
	mkdir -p "$wlk/c"
	wlk_build c -j 2 && wlk_build c -j 2 && pair_same "$wlk/a" "$wlk/c" &&
	    wlk_build c -j 1 && pair_same "$wlk/a" "$wlk/c"
}
wlk_tree "$wlk/plain"
wlk_tree "$wlk/clash"
ln "$wlk/clash/w03/terms/2024-01-01.md" "$wlk/clash/w64/terms/2024-06-01.md"
# Older than STAMP_SETTLE_S by the clock of the builds with the cache.
sleep 3
src=plain
mkdir -p "$wlk/a" "$wlk/b"
wlk_build a --no-cache -j 1
wlk_build b --no-cache -j 2
wlk_same && [ "$(grep -c 'link-outside' "$wlk/a/err")" -eq 2 ] &&
    [ "$(ls "$wlk/a/out" | grep -c '^w')" -eq 70 ] && ok ||
    bad "site: the folder walk in two halves differs from one thread's"
wlk_memo && ok || bad "site: the folder walk from the memo differs"
# One file under two names, one in each half: it counts once.
src=clash
rm -rf "$wlk/a" "$wlk/b"
mkdir -p "$wlk/a" "$wlk/b"
wlk_build a --no-cache -j 1
wlk_build b --no-cache -j 2
wlk_same && [ ! -e "$wlk/a/out/w64/terms/2024-06-01.html" ] && ok ||
    bad "site: a file met in both halves of the walk"
wlk_memo && ok ||
    bad "site: the folder walk from the memo differs (a file in both halves)"
# The second half walked again after a clash is proved again, not read
# (the memo lends its folders' entries): no folder of the tree opened.
if command -v strace >/dev/null 2>&1; then
	(cd "$wlk/c" && ASAN_OPTIONS=detect_leaks=0 strace -f -qq -y \
	    -e trace=open,openat,getdents64 -o trace "$T" build -j 2 -o out \
	    "$wlk/clash" >/dev/null 2>&1)
	n=$(grep -E 'getdents64|O_DIRECTORY' "$wlk/c/trace" |
	    grep -c "$wlk/clash")
	[ "$n" = 0 ] && ok ||
	    bad "site: folders read again after a clash in the walk ($n calls)"
else
	bad "site: strace is missing (make test installs it)"
fi
