# tests/publish: termc build replaces its output folder whole.  A killed,
# failed or concurrent build leaves the previous site or the new one, never
# a mix; nothing is written through a symbolic link; the terms walk follows
# links only inside the tree, each file once; a broken document keeps its
# previous pages and blocks no other.
# Sourced by tests/run.sh once per binary $T; uses its helpers.
P=$tmp/publish
rm -rf "$P"
mkdir -p "$P"

# pub_gen DIR TAG FIRST LAST: providers FIRST to LAST, 3 documents, 2
# revisions each; TAG is in every page, so two tags give two sites that
# differ in every file.
pub_gen() {
	for p in $(seq -f %02g "$3" "$4"); do
		for dd in a b c; do
			mkdir -p "$1/p$p/d$dd"
			for r in 2024-01-01 2024-04-01; do
				{ printf -- '---\nprovider: p%s\nprovider_name: 事業者%s\ndocument: d%s\ntitle: 約款%s %s\nrevision: %s\n---\n\n' "$p" "$p" "$dd" "$dd" "$2" "$r"
				printf '## 第1条（適用）\n\n本約款（%s）は、当社と契約者との関係に適用します。\n\n' "$2"
				printf '## 第2条（料金）\n\n料金は月額%s円とします。\n' "${r#2024-}"; } >"$1/p$p/d$dd/$r.md"
			done
		done
	done
}

# pub_manifest DIR: every name below DIR, and every file's checksum.
pub_manifest() {
	(cd "$1" && find . | LC_ALL=C sort &&
	    find . -type f -exec md5sum {} + | LC_ALL=C sort -k2)
}

# pub_stale PARENT NAME: staging folders of NAME left in PARENT.
pub_stale() {
	find "$1" -maxdepth 1 -name ".$2.termc-new-*" | wc -l
}

# Two sites of about 200 files, A and B (B lacks provider 20 and has 21);
# each built alone gives a reference listing.
pub_gen "$P/A" alpha 1 20
pub_gen "$P/B" beta 1 19
pub_gen "$P/B" beta 21 21
"$T" build -o "$P/refA" "$P/A" 2>/dev/null && "$T" build -o "$P/refB" "$P/B" 2>/dev/null &&
    ok || bad "publish: the generated sites do not build"
pub_manifest "$P/refA" >"$P/mA"
pub_manifest "$P/refB" >"$P/mB"
cmp -s "$P/mA" "$P/mB" && bad "publish: sites A and B are alike"

# A build killed at random moments leaves out/ entirely A or entirely B;
# the next build removes the staging folders killed builds left.  The
# moments spread over the time a whole build takes here.
mkdir -p "$P/k"
"$T" build -o "$P/k/out" "$P/A" 2>/dev/null
pub_t0=$(date +%s%N)
"$T" build -o "$P/k/ref" "$P/B" 2>/dev/null
pub_ms=$(( ($(date +%s%N) - pub_t0) / 1000000 + 5 ))
# pub_kills N SEED FIRST OUT [OPTIONS]: N builds into OUT, of site FIRST
# and then of whichever out/ does not hold, each killed at a random
# moment; pub_mixed counts those that left out/ neither A nor B.
pub_kills() {
	pub_n=$1 pub_seed=$2 pub_next=$3 pub_out=$4
	shift 4
	pub_mixed=0
	for pub_delay in $(awk -v n="$pub_n" -v s="$pub_seed" -v ms="$pub_ms" \
	    'BEGIN { srand(s); for (i = 0; i < n; i++)
	    printf "%.3f\n", rand() * ms * 1.2 / 1000 }'); do
		"$T" build "$@" -o "$pub_out" "$P/$pub_next" 2>/dev/null &
		pub_pid=$!
		sleep "$pub_delay"
		kill -9 $pub_pid 2>/dev/null
		wait $pub_pid 2>/dev/null
		pub_manifest "$pub_out" >"$P/mk"
		if cmp -s "$P/mk" "$P/mA"; then pub_next=B
		elif cmp -s "$P/mk" "$P/mB"; then pub_next=A
		else pub_mixed=$((pub_mixed + 1)); fi
	done
}
pub_kills 20 14 B "$P/k/out"
[ $pub_mixed = 0 ] && ok || bad "publish: $pub_mixed killed builds left a mixed out/"
"$T" build -o "$P/k/out" "$P/A" 2>/dev/null
[ "$(pub_stale "$P/k" out)" = 0 ] && pub_manifest "$P/k/out" | cmp -s - "$P/mA" &&
    ok || bad "publish: staging folders of killed builds stay"
# A staging folder, even one holding a link, is removed without following it.
# Killed builds above left the spare (the generation before out/, which
# the next build edits into its own) half edited: it still gives whole
# sites, both ways.
"$T" build -o "$P/k/out" "$P/B" 2>/dev/null
pub_manifest "$P/k/out" | cmp -s - "$P/mB" && [ -d "$P/k/.out.termc-spare" ] &&
    "$T" build -o "$P/k/out" "$P/A" 2>/dev/null &&
    pub_manifest "$P/k/out" | cmp -s - "$P/mA" && ok ||
    bad "publish: a half-edited spare gave a wrong site"
# Nothing in the spare is trusted: links where its files and folders were
# are replaced, not followed; files and folders the build does not make
# are removed; a file at a folder's place and a folder at a file's give
# way; a folder's mode is a new tree's.  (The spare holds site B here: out/ was B before the last build.)
rm -rf "$P/victim"
mkdir -p "$P/victim"
echo keep >"$P/victim/f"
pub_s="$P/k/.out.termc-spare"
rm -rf "$pub_s/p01" "$pub_s/p02/da/2024-01-01.html" "$pub_s/p03/db" "$pub_s/index.html"
ln -s ../../victim "$pub_s/p01"
ln -s ../../../../victim/f "$pub_s/p02/da/2024-01-01.html"
echo stray >"$pub_s/p03/db"
mkdir -p "$pub_s/index.html/x" "$pub_s/zz/yy"
echo stray >"$pub_s/zz/yy/f"
echo stray >"$pub_s/p04/dc/stray.html"
echo stray >"$pub_s/.termc-stray"
chmod 700 "$pub_s/p05/da"
"$T" build -o "$P/k/out" "$P/B" 2>/dev/null
[ "$(ls "$P/victim")" = f ] && [ "$(cat "$P/victim/f")" = keep ] &&
    [ "$(stat -c %a "$P/k/out/p05/da")" = 755 ] &&
    pub_manifest "$P/k/out" | cmp -s - "$P/mB" && ok ||
    bad "publish: a planted spare leaked into out/ or its link was followed"
# The spare is edited, not made again: out/ holds the folders of the
# generation two builds before.
pub_ino=$(stat -c %i "$P/k/out/p05/da")
"$T" build -o "$P/k/out" "$P/A" 2>/dev/null
"$T" build -o "$P/k/out" "$P/B" 2>/dev/null
[ "$(stat -c %i "$P/k/out/p05/da")" = "$pub_ino" ] &&
    pub_manifest "$P/k/out" | cmp -s - "$P/mB" && ok ||
    bad "publish: the spare was not reused"
# Without the cache a spare's file is rewritten in place (outtree.c
# rewrite_spare()), but only one that is the build's alone: a file with a
# second link, one a reader holds open, a FIFO, one of another mode keep
# or give way as they should, and every site is still whole.
mkdir -p "$P/w"
"$T" build --no-cache -o "$P/w/out" "$P/A" 2>/dev/null
"$T" build --no-cache -o "$P/w/out" "$P/B" 2>/dev/null
pub_s="$P/w/.out.termc-spare"
# Its birth time (where the filesystem keeps one, else "-") tells a
# file rewritten from one made anew, whose inode number may be the same.
pub_born=$(stat -c %w "$pub_s/p05/da/2024-01-01.html")
ln "$pub_s/p06/da/2024-01-01.html" "$P/w/linked"
cp "$P/w/linked" "$P/w/linked.want"
cp "$pub_s/p07/da/2024-01-01.html" "$P/w/held.want"
printf 'a longer tail than any page has\n%0600d\n' 0 >>"$pub_s/p08/da/2024-01-01.html"
chmod 600 "$pub_s/p09/da/2024-01-01.html"
rm -f "$pub_s/p10/da/2024-01-01.html"
mkfifo "$pub_s/p10/da/2024-01-01.html"
exec 7<"$pub_s/p07/da/2024-01-01.html"
# The spare holds site A: building B changes every file's bytes.
"$T" build --no-cache -o "$P/w/out" "$P/B" 2>/dev/null
pub_rc=$?
cat <&7 >"$P/w/held.got"
exec 7<&-
# (A filesystem that grants no write lease, NFS, makes every file anew:
# correct, and only the first check below fails there.)
[ "$(stat -c %w "$P/w/out/p05/da/2024-01-01.html")" = "$pub_born" ] && ok ||
    bad "publish: a spare's file was made anew, not rewritten in place"
[ $pub_rc = 0 ] && pub_manifest "$P/w/out" | cmp -s - "$P/mB" &&
    cmp -s "$P/w/linked" "$P/w/linked.want" &&
    cmp -s "$P/w/held.got" "$P/w/held.want" &&
    [ "$(stat -c %a "$P/w/out/p09/da/2024-01-01.html")" = 644 ] && ok ||
    bad "publish: rewriting the spare in place touched a file not its own ($pub_rc)"
# Builds without the cache killed at random moments leave out/ whole too.
pub_kills 8 15 A "$P/w/out" --no-cache
"$T" build --no-cache -o "$P/w/out" "$P/B" 2>/dev/null
[ $pub_mixed = 0 ] && pub_manifest "$P/w/out" | cmp -s - "$P/mB" && ok ||
    bad "publish: $pub_mixed killed builds without the cache left a mixed out/"
mkdir -p "$P/victim" "$P/k/.out.termc-new-zzzzzz/p01"
echo keep >"$P/victim/f"
ln -s "$P/victim" "$P/k/.out.termc-new-zzzzzz/p01/da"
"$T" build -o "$P/k/out" "$P/A" 2>/dev/null
[ "$(pub_stale "$P/k" out)" = 0 ] && [ "$(cat "$P/victim/f")" = keep ] &&
    ok || bad "publish: a stale staging folder stays, or its link was followed"

# A full disk: the new site does not fit beside the old one.  The build
# fails with an io error, out/ keeps the previous site, no staging remains.
mkdir -p "$P/full"
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=64m tmpfs "$P/full" 2>/dev/null; then
	"$T" build -o "$P/full/out" "$P/A" 2>/dev/null
	pub_kb=$(df -k --output=used "$P/full" | tail -1)
	mount -o remount,size=$((pub_kb * 3 / 2))k "$P/full"
	rc=$(capture build -o "$P/full/out" "$P/B")
	[ "$rc" = 2 ] && grep -q '^termc: .*: No space left on device$' "$tmp/err" &&
	    pub_manifest "$P/full/out" | cmp -s - "$P/mA" &&
	    [ "$(pub_stale "$P/full" out)" = 0 ] &&
	    ok || bad "publish: a full disk changed out/ ($rc)"
	umount "$P/full"
else
	echo "   skipped: disk-full test (needs root and a tmpfs mount)"
fi

# A second build while one holds the lock fails and writes nothing; two
# builds at once leave one whole site.
mkdir -p "$P/c"
"$T" build -o "$P/c/out" "$P/A" 2>/dev/null
rc=$(flock "$P/c/.out.termc-lock" "$T" build -o "$P/c/out" "$P/B" 2>"$tmp/err" >/dev/null; echo $?)
[ "$rc" = 2 ] && grep -q "^termc: $P/c/out: another termc build is writing this folder" "$tmp/err" &&
    pub_manifest "$P/c/out" | cmp -s - "$P/mA" && ok || bad "publish: a locked out/ was written ($rc)"
pub_mixed=0
for pub_i in 1 2 3; do
	"$T" build -o "$P/c/out" "$P/A" 2>"$P/c/errA" &
	pub_pid=$!
	"$T" build -o "$P/c/out" "$P/B" 2>"$P/c/errB"
	pub_rcB=$?
	wait $pub_pid
	pub_rcA=$?
	pub_manifest "$P/c/out" >"$P/mc"
	cmp -s "$P/mc" "$P/mA" || cmp -s "$P/mc" "$P/mB" || pub_mixed=$((pub_mixed + 1))
	for pub_x in A B; do
		eval "pub_rc=\$pub_rc$pub_x"
		[ "$pub_rc" = 0 ] || grep -q 'another termc build' "$P/c/err$pub_x" ||
		    pub_mixed=$((pub_mixed + 1))
	done
done
[ $pub_mixed = 0 ] && ok || bad "publish: concurrent builds mixed out/ ($pub_mixed)"

# A link planted in out/ is never written through: the victim stays.
rm -rf "$P/victim" "$P/l"
mkdir -p "$P/victim" "$P/l"
echo keep >"$P/victim/f"
"$T" build -o "$P/l/out" "$P/A" 2>/dev/null
rm -rf "$P/l/out/p01"
ln -s ../../victim "$P/l/out/p01"
ln -sf ../../../victim/f "$P/l/out/p02/da/2024-01-01.html"
rc=$(capture build -o "$P/l/out" "$P/A")
[ "$rc" = 0 ] && [ "$(ls "$P/victim")" = f ] && [ "$(cat "$P/victim/f")" = keep ] &&
    pub_manifest "$P/l/out" | cmp -s - "$P/mA" && ok ||
    bad "publish: a link in out/ was followed ($rc)"

# Dotfiles at the top of out/ (.gitignore) are carried into each new site;
# a folder that holds what termc does not write is refused, not replaced.
# Temporary files an older termc left (.termc-XXXXXX) go with the old site.
printf '*\n!.gitignore\n' >"$P/l/out/.gitignore"
: >"$P/l/out/.termc-AbC123"
: >"$P/l/out/p03/db/.termc-dEf456"
"$T" build -o "$P/l/out" "$P/A" 2>/dev/null
printf '*\n!.gitignore\n' | cmp -s - "$P/l/out/.gitignore" &&
    [ -z "$(find "$P/l/out" -name '.termc-*')" ] && ok ||
    bad "publish: out/.gitignore was not kept, or .termc-* files stay"
mkdir -p "$P/notsite/src"
echo 'int main;' >"$P/notsite/src/main.c"
rc=$(capture build -o "$P/notsite" "$P/A")
[ "$rc" = 2 ] && [ -f "$P/notsite/src/main.c" ] && [ ! -e "$P/notsite/index.html" ] &&
    grep -q "^termc: $P/notsite: src/main.c: the output folder holds what termc does not write" "$tmp/err" &&
    ok || bad "publish: a folder that is not a site was replaced ($rc)"

# The terms walk: links that loop cost nothing and no file is read twice;
# a link to a file outside the tree is not read (link-outside warning).
rm -rf "$P/w" "$P/wout" "$P/secret"
mkdir -p "$P/w" "$P/secret"
cp -r "$top/tests/site/terms/acme" "$P/w/"
for pub_i in 1 2 3 4 5; do ln -s . "$P/w/l$pub_i"; ln -s .. "$P/w/acme/hosting/up$pub_i"; done
sed 's/^title: .*/title: SECRET/; s/^revision: .*/revision: 2024-09-01/' \
    "$top/tests/site/terms/acme/hosting/2024-04-01.md" >"$P/secret/2024-09-01.md"
ln -s "$P/secret/2024-09-01.md" "$P/w/acme/hosting/2024-09-01.md"
rc=$(capture build -o "$P/wout" "$P/w")
[ "$rc" = 0 ] && diff -r "$top/tests/site/expected" "$P/wout" >/dev/null &&
    ! grep -q 'dup-revision' "$tmp/err" &&
    grep -q "^$P/w/acme/hosting/2024-09-01.md:0:0: warning: symbolic link leads out of the terms folder; not read: $P/secret/2024-09-01.md \[link-outside\]$" "$tmp/err" &&
    ok || bad "publish: the terms walk followed a loop or left the tree ($rc)"

# A slug too long for a folder name: an error at the field, nothing written.
mkdir -p "$P/slug"
pub_slug=$(printf '%0300d' 0 | tr 0 a)
sed "s/^provider: .*/provider: $pub_slug/" "$top/tests/site/terms/acme/hosting/2024-01-01.md" >"$P/slug/long.md"
cp -r "$P/refA" "$P/slugout"
rc=$(capture build -o "$P/slugout" "$P/slug/long.md")
[ "$rc" = 1 ] && grep -q "^$P/slug/long.md:2:11: error: slug longer than 100 characters: provider: 300 characters \[fm-long\]$" "$tmp/err" &&
    pub_manifest "$P/slugout" | cmp -s - "$P/mA" && ok || bad "publish: a 300-character slug ($rc)"

# No terms file: an error, and out/ keeps its site.
mkdir -p "$P/empty"
rc=$(capture build -o "$P/slugout" "$P/empty")
[ "$rc" = 1 ] && grep -q "^$P/empty:0:0: error: no terms file found \[no-terms\]$" "$tmp/err" &&
    pub_manifest "$P/slugout" | cmp -s - "$P/mA" && ok || bad "publish: an empty terms folder ($rc)"

# The site's feed holds the 100 newest of the 120 revisions, newest first
# (60 of 2024-04-01, then 40 of 2024-01-01); a document's feed all of its.
[ "$(grep -c '^    <updated>' "$P/refA/feed.atom")" = 100 ] &&
    [ "$(grep '^    <updated>' "$P/refA/feed.atom" | uniq -c | awk '{ printf "%s %s;", $1, $2 }')" = \
    "60 <updated>2024-04-01T00:00:00Z</updated>;40 <updated>2024-01-01T00:00:00Z</updated>;" ] &&
    [ "$(grep -c '<entry' "$P/refA/p20/dc/feed.atom")" = 2 ] && ok ||
    bad "publish: the site feed is not the 100 newest revisions"

# A removed source takes its pages with it.
rm -rf "$P/rm" "$P/rmout"
cp -r "$P/A" "$P/rm"
"$T" build -o "$P/rmout" "$P/rm" 2>/dev/null
rm "$P/rm/p05/db/2024-04-01.md"
rc=$(capture build -o "$P/rmout" "$P/rm")
[ "$rc" = 0 ] && [ ! -e "$P/rmout/p05/db/2024-04-01.html" ] &&
    [ ! -e "$P/rmout/p05/db/diff-2024-01-01-2024-04-01.html" ] &&
    [ -f "$P/rmout/p05/db/2024-01-01.html" ] && ok || bad "publish: a removed source's pages stay ($rc)"
# A removed document, and a removed provider, take their folders, their
# feeds and their entries in the site's feed and sitemap with them: the
# output is the same as a clean build of what is left.
rm -rf "$P/rm/p05/db" "$P/rm/p06" "$P/rmclean"
rc=$(capture build --base-url https://example.org/ -o "$P/rmout" "$P/rm")
"$T" build --base-url https://example.org/ -o "$P/rmclean" "$P/rm" 2>/dev/null
[ "$rc" = 0 ] && [ ! -e "$P/rmout/p05/db" ] && [ ! -e "$P/rmout/p06" ] &&
    [ -f "$P/rmout/p05/da/feed.atom" ] &&
    ! grep -q 'p05/db\|p06/' "$P/rmout/feed.atom" "$P/rmout/sitemap.xml" "$P/rmout/index.html" &&
    diff -r "$P/rmclean" "$P/rmout" >/dev/null && ok ||
    bad "publish: a removed document or provider left pages or entries ($rc)"

# A broken document among good ones: its previous pages stay byte for
# byte, every other document is published, exit 1.
rm -rf "$P/br" "$P/brout"
cp -r "$P/A" "$P/br"
"$T" build -o "$P/brout" "$P/br" 2>/dev/null
cp "$P/brout/p07/dc/2024-04-01.html" "$P/brout/p07/dc/diff-2024-01-01-2024-04-01.html" "$P/"
printf '\377' >>"$P/br/p07/dc/2024-04-01.md"
sed -i 's/^title: .*/title: 新しい題名/' "$P/br/p08/da/2024-04-01.md"
rc=$(capture build -o "$P/brout" "$P/br")
[ "$rc" = 1 ] && grep -q "^$P/br/p07/dc/2024-04-01.md:.*\[utf8\]$" "$tmp/err" &&
    cmp -s "$P/2024-04-01.html" "$P/brout/p07/dc/2024-04-01.html" &&
    cmp -s "$P/diff-2024-01-01-2024-04-01.html" "$P/brout/p07/dc/diff-2024-01-01-2024-04-01.html" &&
    [ -f "$P/brout/p07/dc/2024-01-01.html" ] &&
    grep -q 新しい題名 "$P/brout/p08/da/2024-04-01.html" && ok ||
    bad "publish: a broken document blocked the others or lost its pages ($rc)"
# A document that loads but has an error (history-order) keeps its pages too,
# and with --strict a warning is enough to leave a document out (here
# every 2024-04-01 revision, which declares no changes: decl-none).
cp "$P/brout/p09/da/2024-01-01.html" "$P/p09da.html"
cp "$P/brout/p10/db/2024-04-01.html" "$P/p10db.html"
sed -i 's/^revision: .*/&\nhistory:\n  - date: 2023-01-01\n    note: 改定\n  - date: 2022-01-01\n    note: 制定/' \
    "$P/br/p09/da/2024-01-01.md"
printf '\n<b>raw</b>\n' >>"$P/br/p10/db/2024-04-01.md"
sed -i 's/^title: .*/title: 三番目の題名/' "$P/br/p08/da/2024-01-01.md"
rc=$(capture build --strict -o "$P/brout" "$P/br")
[ "$rc" = 1 ] && grep -q "^$P/br/p09/da/2024-01-01.md:.*\[history-order\]$" "$tmp/err" &&
    cmp -s "$P/p09da.html" "$P/brout/p09/da/2024-01-01.html" &&
    cmp -s "$P/p10db.html" "$P/brout/p10/db/2024-04-01.html" &&
    cmp -s "$P/2024-04-01.html" "$P/brout/p07/dc/2024-04-01.html" &&
    grep -q 三番目の題名 "$P/brout/p08/da/2024-01-01.html" && ok ||
    bad "publish: a document with errors, or warnings under --strict, lost its pages ($rc)"

# Where the filesystem cannot exchange two names (a shim makes renameat2
# refuse), out/ is renamed aside and the new site renamed in: the result is
# the same whole site, and nothing stays beside it.
rm -rf "$P/nx"
mkdir -p "$P/nx"
if cc -shared -fPIC -o "$P/noexchange.so" "$top/tests/publish/noexchange.c" 2>/dev/null; then
	NOEXCHANGE_MARK="$P/nx/mark" ASAN_OPTIONS=verify_asan_link_order=0 \
	    LD_PRELOAD="$P/noexchange.so" "$T" build -o "$P/nx/out" "$P/A" 2>/dev/null &&
	NOEXCHANGE_MARK="$P/nx/mark" ASAN_OPTIONS=verify_asan_link_order=0 \
	    LD_PRELOAD="$P/noexchange.so" "$T" build -o "$P/nx/out" "$P/B" 2>/dev/null
	rc=$?
	[ "$rc" = 0 ] && [ -f "$P/nx/mark" ] && pub_manifest "$P/nx/out" | cmp -s - "$P/mB" &&
	    [ "$(pub_stale "$P/nx" out)" = 0 ] && ok || bad "publish: the rename fallback ($rc)"
	# The generation renamed aside becomes the spare, edited back into A.
	NOEXCHANGE_MARK="$P/nx/mark" ASAN_OPTIONS=verify_asan_link_order=0 \
	    LD_PRELOAD="$P/noexchange.so" "$T" build -o "$P/nx/out" "$P/A" 2>/dev/null
	rc=$?
	[ "$rc" = 0 ] && pub_manifest "$P/nx/out" | cmp -s - "$P/mA" &&
	    [ -d "$P/nx/.out.termc-spare" ] && [ "$(pub_stale "$P/nx" out)" = 0 ] && ok ||
	    bad "publish: the rename fallback with a spare ($rc)"
else
	echo "   skipped: rename fallback test (no cc to build the shim)"
fi
