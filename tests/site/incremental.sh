# Incremental builds (the build cache, docs/speed.md): over several rounds
# of random edits, additions and removals of documents (and a file that
# fails now and then), each build with the cache gives the same out/ and
# the same findings as a clean build without it, byte for byte; a damaged
# cache and a foreign folder named like it change nothing either.  The
# clean build is one process (-j 1); each round also builds without the
# cache in three processes, whose workers write into the new tree and
# hand their records back (site.c, hand_over()): the same, byte for byte.
# Sourced by tests/site/suite.sh.
inc="$tmp/inc"
rm -rf "$inc"
mkdir -p "$inc/src" "$inc/a" "$inc/b" "$inc/c"
cp -R terms/. "$inc/src/"
cp -R tests/site/terms/. "$inc/src/"
cp -R tests/matrix/supplement/. "$inc/src/"
# One edit: round r, step k picks a file by the same numbers every run.
pick() {
	find "$inc/src" -name '*.md' | LC_ALL=C sort |
	    awk -v n="$1" '{ f[NR] = $0 } END { if (NR) print f[n % NR + 1] }'
}
# inc_opts: more options for both builds (the matrix in pages, below).
inc_opts=
inc_round() {
	# The clean build starts from the same output: a failing file
	# keeps its pages.
	rm -rf "$inc/b/out" "$inc/c/out"
	[ -d "$inc/a/out" ] && cp -R "$inc/a/out" "$inc/b/out" &&
	    cp -R "$inc/a/out" "$inc/c/out"
	rc_a=$(cd "$inc/a" && run_termc build $inc_opts -o out "$inc/src" \
	    >/dev/null 2>err; echo $?)
	rc_b=$(cd "$inc/b" && run_termc build $inc_opts --no-cache -j 1 \
	    -o out "$inc/src" >/dev/null 2>err; echo $?)
	rc_c=$(cd "$inc/c" && run_termc build $inc_opts --no-cache -j 3 \
	    -o out "$inc/src" >/dev/null 2>err; echo $?)
	if [ "$rc_c" = "$rc_b" ] && diff -r "$inc/c/out" "$inc/b/out" \
	    >/dev/null 2>&1 && cmp -s "$inc/c/err" "$inc/b/err"; then
		ok
	else
		bad "site: build --no-cache -j 3 $1 differs from -j 1" \
		    "(exit $rc_c/$rc_b)"
		diff -r "$inc/c/out" "$inc/b/out" 2>&1 | head -5
		diff "$inc/c/err" "$inc/b/err" | head -5
	fi
	if [ "$rc_a" = "$rc_b" ] && diff -r "$inc/a/out" "$inc/b/out" \
	    >/dev/null 2>&1 && cmp -s "$inc/a/err" "$inc/b/err"; then
		ok
	else
		bad "site: incremental build $1 differs from a clean one" \
		    "(exit $rc_a/$rc_b)"
		diff -r "$inc/a/out" "$inc/b/out" 2>&1 | head -5
		diff "$inc/a/err" "$inc/b/err" | head -5
	fi
}
inc_round "0 (first)"
[ -f "$inc/a/out.cache/termc-cache" ] && ok || bad "site: no build cache"
# A new tree is listed (outtree.c, struct known) as an edited one is.
[ -s "$inc/a/.out.termc-list" ] && [ -s "$inc/b/.out.termc-list" ] && ok ||
    bad "site: no list of a new output tree's folders"
inc_round "0 (again)"
# The second build took its pages from the cache: linked, not written.
[ -n "$(find "$inc/a/out" -name '*.html' -links +1 | head -1)" ] && ok ||
    bad "site: the build cache was not used"
# Round r's edits, additions, removals and (every other round) a file
# that fails, mended the round after.
inc_edits() {
	r=$1
	# Edit two documents: a sentence more in one article.
	for k in 1 2; do
		f=$(pick $((r * 7 + k * 3)))
		awk -v r="$r" '/^#+ 第/ && !done { print; getline; print;
		    print ""; print "本条は改定 " r " により追記された。"; done = 1;
		    next } { print }' "$f" >"$f.new" && mv "$f.new" "$f"
	done
	# Add a revision of one document, dated after its others.
	f=$(pick $((r * 5)))
	d=$(dirname "$f")
	new="$d/2030-0$r-01.md"
	sed "s/^revision: .*/revision: 2030-0$r-01/" "$f" >"$new"
	# Remove one document (not the one just added).
	f=$(pick $((r * 11 + 1)))
	[ "$f" != "$new" ] && rm -f "$f"
	# Every other round a file fails; the next round mends it.
	if [ $((r % 2)) = 1 ]; then
		f=$(pick $((r * 13)))
		cp "$f" "$inc/mend"
		echo "$f" >"$inc/mendpath"
		printf -- '---\nprovider: x\n---\n' >"$f"
	elif [ -f "$inc/mendpath" ]; then
		cp "$inc/mend" "$(cat "$inc/mendpath")"
		rm -f "$inc/mendpath"
	fi
}
r=1
while [ $r -le 4 ]; do
	inc_edits $r
	inc_round "$r"
	r=$((r + 1))
done
# The topics change: every column is made again.
printf '\n' >>"$inc/src/topics.yaml"
inc_round "(topics.yaml)"
# A damaged cache: records cut short, files gone; then a foreign one.
for rec in $(find "$inc/a/out.cache" -name record | LC_ALL=C sort | head -3); do
	head -c 20 "$rec" >"$rec.cut" && mv "$rec.cut" "$rec"
done
# An entry's files are numbered (cache.c): two entries lose their first.
n=$(find "$inc/a/out.cache" -path '*/g*/0' | LC_ALL=C sort | tail -2 |
    xargs rm -v | wc -l)
[ "$n" = 2 ] && ok || bad "site: no cache files to remove ($n)"
# The heads' front matter of the build before (site.c, struct memo): one
# entry, cut short here.
memo=$(find "$inc/a/out.cache" -path '*/h*/record')
[ -n "$memo" ] && head -c 100 "$memo" >"$memo.cut" && mv "$memo.cut" "$memo" &&
    ok || bad "site: no front matter kept in the cache"
inc_round "(damaged cache)"
echo "termc build cache 0 old" >"$inc/a/out.cache/termc-cache"
inc_round "(another version's cache)"
# out/ edited by hand: a page removed, a stray file put beside another.
# out/ stays the tree the build before made (outtree.c: its shape is not
# walked again) and becomes the next build's spare: the two builds after
# restore the page and remove the stray, as a clean build has them.
set -- $(find "$inc/a/out" -mindepth 3 -name '*.html' | LC_ALL=C sort | head -2)
if [ $# = 2 ] && rm "$1" && echo stray >"${2%/*}/stray.html"; then
	inc_round "(a page removed by hand)"
	inc_round "(a page removed by hand, the spare)"
	[ -f "$1" ] && [ ! -e "${2%/*}/stray.html" ] && ok ||
	    bad "site: a page removed from out/ by hand is not back"
else
	bad "site: no pages to remove by hand"
fi
# The lists of out/'s and the spare's folders (outtree.c, struct known):
# cut short, or of another tree, they are not used.
[ -s "$inc/a/.out.termc-list" ] && [ -s "$inc/a/.out.termc-spare-list" ] &&
    ok || bad "site: no lists of the output's folders"
head -c 200 "$inc/a/.out.termc-spare-list" >"$inc/list.cut"
mv "$inc/list.cut" "$inc/a/.out.termc-spare-list"
echo stray >"${2%/*}/stray.html"
inc_round "(a list cut short)"
sed '1s/ [0-9]*$/ 1/' "$inc/a/.out.termc-spare-list" >"$inc/list.other"
mv "$inc/list.other" "$inc/a/.out.termc-spare-list"
inc_round "(a list of another tree)"
# The matrix in pages (two columns a page): a page's files come from
# the cache unless its columns changed or what the other columns decide
# (a row's differs, a ★); matrix.html, matrix.json, matrix-cols.js and
# matrix.csv are made from every page's.
inc_opts="--matrix-columns 2"
inc_round "(matrix in pages)"
inc_round "(matrix in pages, again)"
[ "$(ls "$inc/a/out" | grep -c '^matrix-[0-9]*\.json$')" -gt 2 ] &&
    [ -n "$(find "$inc/a/out" -name 'matrix-*.json' -links +1 | head -1)" ] &&
    ok || bad "site: the matrix's pages were not kept in the cache"
# One provider's notice period falls below another's: the ★ moves to a
# column on another page, whose own documents did not change; then back.
for days in 3 90; do
	f=$(ls "$inc/src/gamma/vps/"*.md | LC_ALL=C sort | tail -1)
	sed "s/[0-9]*日前までに契約者に通知/${days}日前までに契約者に通知/" "$f" \
	    >"$f.new" && mv "$f.new" "$f"
	inc_round "(matrix in pages, notice of $days days)"
done
for r in 5 6 7; do
	inc_edits $r
	# A value changes: a period, so that a ★ may move to another page.
	f=$(pick $((r * 3 + 2)))
	sed 's/30日/7日/; s/１か月/３か月/' "$f" >"$f.new" && mv "$f.new" "$f"
	inc_round "$r (matrix in pages)"
done
# Damaged page entries: a record cut short, a file gone.
for rec in $(find "$inc/a/out.cache" -path '*/p*/record' | LC_ALL=C sort |
    head -2); do
	head -c 9 "$rec" >"$rec.cut" && mv "$rec.cut" "$rec"
done
find "$inc/a/out.cache" -path '*/p*/3' | LC_ALL=C sort | tail -1 | xargs rm -f
find "$inc/a/out.cache" -path '*/p*/0' | LC_ALL=C sort | tail -2 | xargs rm -f
inc_round "(matrix in pages, damaged cache)"
# Three columns a page: every page is another.
inc_opts="--matrix-columns 3"
inc_round "(matrix in pages of three)"
inc_opts=
# A build in parts (--part K/N into one --cache), then the assembling
# build: the same out/ and findings as a clean build, and the assembly
# takes every page from the cache.
rm -rf "$inc/p"
mkdir -p "$inc/p"
for k in 1 2 3; do
	(cd "$inc/p" && run_termc build --part $k/3 --cache shared -o out \
	    "$inc/src" >/dev/null 2>>parts)
done
grep -c '^termc: build: part [123]/3: ' "$inc/p/parts" | grep -qx 3 && ok ||
    bad "site: build --part summaries"
rc_a=$(cd "$inc/p" && run_termc build --cache shared -o out "$inc/src" \
    >/dev/null 2>err; echo $?)
rm -rf "$inc/b/out"
rc_b=$(cd "$inc/b" && run_termc build --no-cache -j 1 -o out "$inc/src" \
    >/dev/null 2>err; echo $?)
[ "$rc_a" = "$rc_b" ] && diff -r "$inc/p/out" "$inc/b/out" >/dev/null &&
    cmp -s "$inc/p/err" "$inc/b/err" && ok ||
    bad "site: parts and assembly differ from a clean build ($rc_a/$rc_b)"
[ -z "$(find "$inc/p/out" -name '*.html' ! -name index.html \
    ! -name matrix.html ! -name search.html -links 1)" ] && ok ||
    bad "site: the assembling build made pages the parts had made"
rc=$(capture build --part 2/1 -o "$inc/p/x" "$inc/src")
[ "$rc" = 2 ] && ok || bad "site: --part 2/1 accepted ($rc)"
rc=$(capture build --part 1/2 --no-cache -o "$inc/p/x" "$inc/src")
[ "$rc" = 2 ] && ok || bad "site: --part with --no-cache accepted ($rc)"
# A folder by the cache's name that holds something else is not touched.
rm -rf "$inc/f"
mkdir -p "$inc/f/out.cache"
echo mine >"$inc/f/out.cache/notes"
rc=$(cd "$inc/f" && capture build -o out "$inc/src")
[ "$rc" = "$rc_b" ] && [ "$(ls "$inc/f/out.cache")" = notes ] &&
    diff -r "$inc/f/out" "$inc/b/out" >/dev/null && ok ||
    bad "site: a foreign folder named like the cache ($rc)"
# The cache is locked as the output folder is (cache.h): a build finds a
# cache another build holds and stops before it writes anything, into
# the cache or out/; the parts of a build share the lock, and a build
# cannot take it from them.
inc_tree() {
	(cd "$1" && find . -type f -exec md5sum {} + | LC_ALL=C sort -k2)
}
inc_tree "$inc/a/out.cache" >"$inc/cache-before"
inc_tree "$inc/a/out" >"$inc/out-before"
echo '本約款は変更されました。' >>"$(pick 3)"
rc=$(flock "$inc/a/.out.cache.termc-lock" sh -c 'cd "$1" && shift &&
    "$@" build -o out "$0" >/dev/null 2>err; echo $?' "$inc/src" \
    "$inc/a" "$T")
[ "$rc" = 2 ] && grep -q "^termc: out.cache: another termc build is using \
this cache" "$inc/a/err" && inc_tree "$inc/a/out.cache" |
    cmp -s - "$inc/cache-before" && inc_tree "$inc/a/out" |
    cmp -s - "$inc/out-before" && ok ||
    bad "site: a build wrote a cache another build held ($rc)"
rc=$(flock -s "$inc/p/.shared.termc-lock" sh -c 'cd "$1" && shift &&
    "$@" build --part 1/2 --cache shared -o out "$0" >/dev/null 2>&1;
    echo $?' "$inc/src" "$inc/p" "$T")
[ "$rc" = 0 ] || [ "$rc" = 1 ] && ok ||
    bad "site: a part was refused a cache other parts share ($rc)"
rc=$(flock -s "$inc/p/.shared.termc-lock" sh -c 'cd "$1" && shift &&
    "$@" build --cache shared -o out "$0" >/dev/null 2>err; echo $?' \
    "$inc/src" "$inc/p" "$T")
[ "$rc" = 2 ] && grep -q 'another termc build is using this cache' \
    "$inc/p/err" && ok ||
    bad "site: a build took a cache its parts were writing ($rc)"
# Once free, the cache serves the next build as a clean build would.
inc_round "after the lock"
# Both cores (-j): workers build the documents the cache lacks into it
# and the build assembles them; out/ and the findings are those of one
# process, byte for byte.
rm -rf "$inc/jref"
mkdir -p "$inc/jref"
rc_b=$(cd "$inc/jref" && run_termc build --no-cache -j 1 -o out \
    "$inc/src" >/dev/null 2>err; echo $?)
for j in 1 3; do
	rm -rf "$inc/j$j"
	mkdir -p "$inc/j$j"
	rc_a=$(cd "$inc/j$j" && run_termc build -j $j -o out "$inc/src" \
	    >/dev/null 2>err; echo $?)
	[ "$rc_a" = "$rc_b" ] && diff -r "$inc/j$j/out" "$inc/jref/out" \
	    >/dev/null && cmp -s "$inc/j$j/err" "$inc/jref/err" && ok ||
	    bad "site: build -j $j differs from a clean build ($rc_a/$rc_b)"
done
rc=$(capture build -j 0 -o "$inc/p/x" "$inc/src")
[ "$rc" = 2 ] && ok || bad "site: build -j 0 accepted ($rc)"
