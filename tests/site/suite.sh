# tests/site: build tests/site/terms and compare with tests/site/expected;
# builds are deterministic; a failing build leaves its output untouched;
# published HTML carries no script, handler or unsafe URL.
# Sourced by tests/run.sh once per binary $T; uses its helpers.
rm -rf "$tmp/site" "$tmp/site2" "$tmp/real1" "$tmp/real2" "$tmp/keep" "$tmp/failing"
rc=$(capture build -o "$tmp/site" tests/site/terms)
[ "$rc" = 0 ] && ok || { bad "site: build exit $rc"; cat "$tmp/err"; }
if [ "${UPDATE:-}" = 1 ]; then
	rm -rf tests/site/expected && cp -r "$tmp/site" tests/site/expected && ok
elif diff -r tests/site/expected "$tmp/site" >"$tmp/sitediff"; then ok
else bad "site: output differs from tests/site/expected"; head -30 "$tmp/sitediff"; fi
capture build -o "$tmp/site2" tests/site/terms >/dev/null
diff -r "$tmp/site" "$tmp/site2" >/dev/null && ok || bad "site: two builds differ"
# The real collection builds clean, twice the same.
rc=$(capture build -o "$tmp/real1" terms)
[ "$rc" = 0 ] && ok || { bad "site: terms/ build exit $rc"; head "$tmp/err"; }
capture build -o "$tmp/real2" terms >/dev/null
diff -r "$tmp/real1" "$tmp/real2" >/dev/null && ok || bad "site: terms/ builds differ"
# Dates in 和暦 where the document writes them (平成29年3月1日制定), on
# its pages; in the Western calendar where it does not.  The index, which
# keeps only front matter, has it from the build (its group metadata and
# cache record): 2024年（令和6年）4月1日 for a document whose text writes
# 令和 and no history note does (golden), the same from the cache.
grep -q '<time datetime="2019-06-01">令和元年6月1日</time>' "$tmp/real1/directors/cloud-operation/2019-06-01.html" &&
    grep -q '<a href="2017-03-01.html">平成29年3月1日</a>' "$tmp/real1/directors/cloud-operation/2019-06-01.html" &&
    grep -q '<time datetime="2018-08-01">2018年8月1日</time>' "$tmp/real1/dnet/operation-support/2018-08-01.html" &&
    ok || bad "site: 和暦 dates where the document writes them, and only there"
# Bare URLs in table cells are links, as in running text (url_bare():
# not inside a word, trailing punctuation and Japanese left out, no
# scheme but http(s)): golden.
rm -rf "$tmp/urls" "$tmp/urls.cache"
capture build -o "$tmp/urls" tests/site/urls/terms >/dev/null
check "site: URLs in table cells" tests/site/urls/2024-04-01.html \
    "$tmp/urls/lambda/hosting/2024-04-01.html"
rm -rf "$tmp/wareki" "$tmp/wareki.cache"
capture build -o "$tmp/wareki" tests/site/wareki/terms >/dev/null
check "site: 和暦 on the index" tests/site/wareki/index.html "$tmp/wareki/index.html"
capture build -o "$tmp/wareki" tests/site/wareki/terms >/dev/null
check "site: 和暦 on the index, from the cache" tests/site/wareki/index.html "$tmp/wareki/index.html"
# A document that fails to load is left out and publishes nothing (the
# good ones are as before): out/ keeps its bytes.  tests/publish checks
# that the good documents of such a build are published.
mkdir -p "$tmp/failing/acme/hosting"
cp tests/site/terms/acme/hosting/*.md "$tmp/failing/acme/hosting/"
printf -- '---\nprovider: acme\n---\n' >"$tmp/failing/acme/hosting/2099-01-01.md"
cp -r "$tmp/site" "$tmp/keep"
rc=$(capture build -o "$tmp/keep" "$tmp/failing")
[ "$rc" = 1 ] && diff -r "$tmp/site" "$tmp/keep" >/dev/null && ok || bad "site: a failed document touched out/ ($rc)"
[ -z "$(find "$tmp/keep" -name '.termc-*')" ] && ok || bad "site: temporary files left"
# An output folder that cannot be made (a file is in the way): exit 2, one
# io error naming the folder.
: >"$tmp/plainfile"
rc=$(capture build -o "$tmp/plainfile/out" tests/site/terms)
[ "$rc" = 2 ] && grep -qxF "termc: $tmp/plainfile: Not a directory" "$tmp/err" &&
    ok || bad "site: output under a file: exit $rc"
# From another working folder, build and diff find the templates/ that
# lies beside the terms; with none above the input, the built-in ones
# (tests/install checks them byte for byte).
rm -rf "$tmp/elsewhere" "$tmp/lone"
mkdir -p "$tmp/elsewhere" "$tmp/lone/acme/hosting"
rc=$(cd "$tmp/elsewhere" && capture build -o out "$top/tests/site/terms")
[ "$rc" = 0 ] && diff -r tests/site/expected "$tmp/elsewhere/out" >/dev/null &&
    ok || bad "site: build from another folder: exit $rc"
rc=$(cd "$tmp/elsewhere" && capture diff --format=html \
    "$top/tests/site/terms/acme/hosting/2024-01-01.md" \
    "$top/tests/site/terms/acme/hosting/2024-04-01.md")
[ "$rc" = 1 ] && grep -q '<table class="taisho"' "$tmp/out" && ok ||
    bad "site: diff --format=html from another folder: exit $rc"
cp tests/site/terms/acme/hosting/2024-01-01.md "$tmp/lone/acme/hosting/"
rc=$(cd "$tmp/elsewhere" && capture build -o out2 "$tmp/lone")
[ "$rc" = 0 ] && [ -f "$tmp/elsewhere/out2/acme/hosting/2024-01-01.html" ] && ok ||
    bad "site: no templates above the input: exit $rc"
# Published HTML carries no script, handler or unsafe URL from input.
# (Escaped text such as &lt;img onerror=…&gt; is harmless and not matched.)
# matrix.html loads the template's own matrix.js: tests/matrix checks it;
# search.html its search.js and the index (pagecheck allows those three).
if grep -rEil --include='*.html' --exclude=matrix.html --exclude=search.html '<script|<[^>]*[[:space:]]on[a-z]+=|(href|src)="[[:space:]]*(javascript|vbscript|data|file):' "$tmp/site" "$tmp/real1"; then
	bad "site: unsafe markup in published HTML"
else ok; fi
# Every published page parses with libxml2's HTML parser alone (not
# termc's code) and has no script but the matrix's own, no handler, no
# unsafe URL, no duplicate id and no link to a missing anchor; the checker
# itself finds each of those in a page made to have them.
if [ ! -x build/pagecheck ]; then bad "site: build/pagecheck is not built (make test builds it)"
else
	find "$tmp/site" "$tmp/real1" -name '*.html' -print0 |
	    xargs -0 build/pagecheck >"$tmp/pagecheck" 2>&1 && ok ||
	    { bad "site: published pages fail pagecheck"; head "$tmp/pagecheck"; }
	build/pagecheck tests/site/pagecheck-bad.html >"$tmp/pagecheck" 2>&1
	[ $? = 1 ] && [ "$(grep -c . "$tmp/pagecheck")" -ge 6 ] && ok ||
	    { bad "site: pagecheck misses faults of pagecheck-bad.html"; cat "$tmp/pagecheck"; }
	# A matrix in pages: every page, and the cells matrix.js takes from
	# the other pages' data (matrix-K.js) into a page.
	rm -rf "$tmp/paged"
	if "$T" build --matrix-columns 2 -o "$tmp/paged" terms >/dev/null 2>&1 &&
	    [ -f "$tmp/paged/matrix-2.js" ]; then
		find "$tmp/paged" \( -name '*.html' -o -name 'matrix-[0-9]*.js' \) -print0 |
		    xargs -0 build/pagecheck >"$tmp/pagecheck" 2>&1 && ok ||
		    { bad "site: a matrix in pages fails pagecheck"; head "$tmp/pagecheck"; }
	else bad "site: terms/ with --matrix-columns 2 builds no matrix pages"; fi
	build/pagecheck tests/site/pagecheck-bad.js >"$tmp/pagecheck" 2>&1
	[ $? = 1 ] && [ "$(grep -c . "$tmp/pagecheck")" -ge 5 ] && ok ||
	    { bad "site: pagecheck misses faults of pagecheck-bad.js"; cat "$tmp/pagecheck"; }
fi
# Revisions given under two roots are ordered by date, not by path: the
# 新旧対照表 goes from the older to the newer, and the newer is the latest.
rm -rf "$tmp/r1" "$tmp/r2" "$tmp/two"
mkdir -p "$tmp/r1/acme/hosting" "$tmp/r2/acme/hosting"
cp tests/site/terms/acme/hosting/2024-04-01.md "$tmp/r1/acme/hosting/"
cp tests/site/terms/acme/hosting/2024-01-01.md "$tmp/r2/acme/hosting/"
rc=$(capture build -o "$tmp/two" "$tmp/r1" "$tmp/r2")
[ "$rc" = 0 ] && [ -f "$tmp/two/acme/hosting/diff-2024-01-01-2024-04-01.html" ] &&
    diff -r "$tmp/site" "$tmp/two" >/dev/null && ok ||
    bad "site: revisions under two roots are not in date order ($rc)"
# Two files of one revision: an error, and nothing is written.
rm -rf "$tmp/dup" "$tmp/dupout"
mkdir -p "$tmp/dup/a/acme/hosting" "$tmp/dup/b/acme/hosting"
cp tests/site/terms/acme/hosting/2024-01-01.md "$tmp/dup/a/acme/hosting/"
cp tests/site/terms/acme/hosting/2024-01-01.md "$tmp/dup/b/acme/hosting/"
rc=$(capture build -o "$tmp/dupout" "$tmp/dup")
[ "$rc" = 1 ] && grep -q 'error: two files hold the same revision: acme/hosting 2024-01-01, also in .* \[dup-revision\]' "$tmp/err" &&
    [ ! -e "$tmp/dupout" ] && ok || bad "site: a duplicate revision is no dup-revision error ($rc)"
# A template asset that cannot be read fails the build before any write.
rm -rf "$tmp/tpl" "$tmp/keep2"
cp -r templates "$tmp/tpl" && rm "$tmp/tpl/style.css"
cp -r "$tmp/site" "$tmp/keep2"
echo '<!-- previous build -->' >>"$tmp/keep2/acme/hosting/2024-01-01.html"
rc=$(capture build -o "$tmp/keep2" --templates "$tmp/tpl" tests/site/terms)
[ "$rc" = 2 ] && grep -q 'previous build' "$tmp/keep2/acme/hosting/2024-01-01.html" &&
    ok || bad "site: a missing style.css left a partial site ($rc)"
# diff.html is read once, and only when there is a 新旧対照表 to write:
# without it, a build with a revision pair fails with one io error and
# writes nothing; a build of one revision does not need it.
rm -rf "$tmp/tpl2" "$tmp/nodiff" "$tmp/one" "$tmp/oneout"
cp -r templates "$tmp/tpl2" && rm "$tmp/tpl2/diff.html"
rc=$(capture build -o "$tmp/nodiff" --templates "$tmp/tpl2" tests/site/terms)
[ "$rc" = 2 ] && [ "$(grep -c '^termc: .*/diff.html: No such file or directory' "$tmp/err")" = 1 ] &&
    [ ! -e "$tmp/nodiff" ] && ok || bad "site: a missing diff.html: exit $rc"
mkdir -p "$tmp/one/acme/hosting"
cp tests/site/terms/acme/hosting/2024-01-01.md "$tmp/one/acme/hosting/"
rc=$(capture build -o "$tmp/oneout" --templates "$tmp/tpl2" "$tmp/one")
[ "$rc" = 0 ] && [ -f "$tmp/oneout/acme/hosting/2024-01-01.html" ] && ok ||
    bad "site: one revision needs no diff.html: exit $rc"
rc=$(capture diff --format=html --templates "$tmp/tpl2" \
    tests/site/terms/acme/hosting/2024-01-01.md tests/site/terms/acme/hosting/2024-04-01.md)
[ "$rc" = 2 ] && [ ! -s "$tmp/out" ] && grep -q '^termc: .*/diff.html: No such file' "$tmp/err" &&
    ok || bad "site: diff --format=html without diff.html: exit $rc"
# Every in-page link (permalinks, table of contents, references) reaches an
# id on its page: on the real site, and with an article id over 300 bytes.
rm -rf "$tmp/long" "$tmp/longout"
mkdir -p "$tmp/long/acme/hosting"
{ printf -- '---\nprovider: acme\nprovider_name: A\ndocument: hosting\ntitle: T\nrevision: 2024-01-01\n---\n\n## 第1条'
  i=101; while [ $i -le 180 ]; do printf 'の%d' $i; i=$((i + 1)); done
  printf '（枝番号の長い条）\n\n本文。\n\n## 第2条（参照）\n\n前条を見る。\n'; } >"$tmp/long/acme/hosting/2024-01-01.md"
capture build -o "$tmp/longout" "$tmp/long" >/dev/null
dangling=0
for page in $(find "$tmp/real1" "$tmp/longout" -name '*.html'); do
	grep -o 'id="[^"]*"' "$page" | sed 's/^id="//; s/"$//' | sort -u >"$tmp/ids"
	grep -o 'href="#[^"]*"' "$page" | sed 's/^href="#//; s/"$//' | sort -u >"$tmp/hrefs"
	if [ -n "$(comm -23 "$tmp/hrefs" "$tmp/ids")" ]; then
		dangling=1
		echo "   $page: $(comm -23 "$tmp/hrefs" "$tmp/ids" | head -1 | cut -c1-60)"
	fi
done
[ $dangling = 0 ] && [ -n "$(grep -o 'id="a1_101_[^"]*' "$tmp/longout/acme/hosting/2024-01-01.html")" ] &&
    ok || bad "site: an in-page link names no id on its page"
# Same input, same modes: folders 0755 and files 0644 whatever the umask.
rm -rf "$tmp/umask"
rc=$( (umask 077 && capture build -o "$tmp/umask/out" tests/site/terms) )
[ "$rc" = 0 ] && [ -z "$(find "$tmp/umask/out" \( -type d ! -perm 0755 \) -o \( -type f ! -perm 0644 \))" ] &&
    ok || bad "site: modes follow the umask (exit $rc)"
# A terms file with control characters: the published page carries none
# but tab and LF (they become U+FFFD), and the warnings are given.
rm -rf "$tmp/chars"
rc=$(capture build -o "$tmp/chars" tests/regress/chars.md)
[ "$rc" = 0 ] && grep -q '\[char-control\]$' "$tmp/err" &&
    [ "$(cat "$tmp/chars/acme/hosting/2024-04-01.html" | LC_ALL=C tr -d '\011\012\040-\377' | wc -c)" = 0 ] &&
    grep -q '本約款は�、当社と契約者�\[31m' "$tmp/chars/acme/hosting/2024-04-01.html" &&
    ok || bad "site: control characters published (exit $rc)"
# A template with a slot on <script> or <style> (their text is published
# unescaped), or without its required slot, is refused: exit 2, one
# template diagnostic each, nothing written.
rm -rf "$tmp/tplterms"
cp -r tests/site/terms "$tmp/tplterms"
cp terms/topics.yaml "$tmp/tplterms/"
for t in page:body index:providers diff:rows matrix:table; do
	slot=${t#*:}; t=${t%:*}
	rm -rf "$tmp/tpl" "$tmp/tplout"
	cp -r templates "$tmp/tpl"
	sed -i "s/ data-slot=\"$slot\"//; s|<title|<script data-slot=\"footer\"></script><style data-slot=\"title\"></style><title|" "$tmp/tpl/$t.html"
	rc=$(capture build --templates "$tmp/tpl" -o "$tmp/tplout" "$tmp/tplterms")
	[ "$rc" = 2 ] && [ ! -e "$tmp/tplout" ] &&
	    grep -q "^$tmp/tpl/$t.html:[0-9]*:1: fatal: template refused: data-slot=\"footer\" on <script>, whose text is published unescaped \[template\]$" "$tmp/err" &&
	    grep -q "^$tmp/tpl/$t.html:[0-9]*:1: fatal: template refused: data-slot=\"title\" on <style>, whose text is published unescaped \[template\]$" "$tmp/err" &&
	    grep -qx "$tmp/tpl/$t.html:0:0: fatal: template refused: $t.html needs an element with data-slot=\"$slot\" \[template\]" "$tmp/err" &&
	    ok || { bad "site: bad $t.html template not refused (exit $rc)"; grep -v warning "$tmp/err" | head -5; }
done
# Every published page carries a Content-Security-Policy that allows no
# script, inline or outside; matrix.html and search.html allow their own
# scripts only.
csp="<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'\">"
n=0; nbad=0
for f in $(find "$tmp/real1" -name '*.html' ! -name matrix.html ! -name search.html); do
	n=$((n + 1))
	grep -qxF "$csp" "$f" || nbad=$((nbad + 1))
done
[ "$n" -gt 5 ] && [ "$nbad" = 0 ] && ok || bad "site: $nbad of $n pages lack the Content-Security-Policy"
grep -qxF "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'\">" "$tmp/real1/matrix.html" &&
    ! grep -Eq '<script>|<script [^>]*>[^<]|<style| style=' "$tmp/real1/matrix.html" &&
    ok || bad "site: matrix.html policy, or markup the policy would block"
grep -qxF "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'\">" "$tmp/real1/search.html" &&
    ! grep -Eq '<script>|<script [^>]*>[^<]|<style| style=' "$tmp/real1/search.html" &&
    ok || bad "site: search.html policy, or markup the policy would block"
# Feeds and the sitemap (src/feed.c): well-formed XML; one entry a
# revision; every link of a feed, relative to the feed's folder, finds its
# page; with --base-url every link is under the base and sitemap.xml
# lists every page (goldens in tests/site/feed/); without, no sitemap.
rm -rf "$tmp/based"
n=0; nbad=0
for f in $(find "$tmp/site" "$tmp/real1" -name feed.atom); do
	n=$((n + 1))
	xmllint --noout "$f" 2>>"$tmp/feederr" || { nbad=$((nbad + 1)); continue; }
	d=$(dirname "$f")
	for href in $(xmllint --xpath '//*[local-name()="link"]/@href' "$f" |
	    sed 's/^ *href="//; s/"$//'); do
		[ -f "$d/$href" ] || { nbad=$((nbad + 1)); echo "   $f: $href"; }
	done
done
revs=$(find "$tmp/real1" -name '[0-9]*.html' | wc -l)
[ "$n" -gt 5 ] && [ "$nbad" = 0 ] && [ ! -e "$tmp/real1/sitemap.xml" ] &&
    [ "$(xmllint --xpath 'count(//*[local-name()="entry"])' "$tmp/real1/feed.atom")" = "$revs" ] &&
    ok || bad "site: feeds: $nbad of $n broken, or not one entry a revision ($revs)"
rc=$(capture build --base-url https://example.org/terms -o "$tmp/based" tests/site/terms)
[ "$rc" = 0 ] && ok || bad "site: --base-url build: exit $rc"
check "site: sitemap.xml" tests/site/feed/sitemap.xml "$tmp/based/sitemap.xml"
check "site: feed.atom with --base-url" tests/site/feed/feed.atom "$tmp/based/feed.atom"
[ "$(grep -o 'href="[^"]*"' "$tmp/based/acme/hosting/feed.atom" | grep -vc '^href="https://example.org/terms/acme/hosting/')" = 0 ] &&
    xmllint --noout "$tmp/based/sitemap.xml" && ok ||
    bad "site: a feed link outside --base-url"
# Ids are urn:uuid names (version 8), one a revision, none twice.
sed -n 's/^ *<id>\(.*\)<\/id>$/\1/p' "$tmp/real1/feed.atom" >"$tmp/ids0"
[ "$(wc -l <"$tmp/ids0")" = $((revs + 1)) ] &&
    [ "$(sort -u "$tmp/ids0" | grep -Ec '^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$')" = $((revs + 1)) ] &&
    ok || bad "site: Atom ids are not distinct version 8 UUIDs"
# Entry ids do not move with the base: the same revision, the same id.
grep '<id>' "$tmp/site/feed.atom" >"$tmp/ids1"
grep '<id>' "$tmp/based/feed.atom" | cmp -s - "$tmp/ids1" && ok ||
    bad "site: Atom ids change with --base-url"
for u in ftp://example.org/ https:// 'https://example.org/a b' 'https://example.org/"' \
    'https://example.org/#top' 'https://例え.jp/' relative/path; do
	rc=$(capture build --base-url "$u" -o "$tmp/based2" tests/site/terms)
	[ "$rc" = 2 ] && [ ! -e "$tmp/based2" ] &&
	    grep -qx 'termc: build: --base-url takes an http:// or https:// URL' "$tmp/err" &&
	    ok || bad "site: --base-url '$u' accepted ($rc)"
done
# Revision timelines: well-formed SVG, one lane per document (the site's:
# at most 40), one point per revision, whose title gives its date and the
# changes the 新旧対照表 counts.
nbad=0
for f in $(find "$tmp/real1" -name timeline.svg); do
	xmllint --noout "$f" 2>/dev/null || nbad=$((nbad + 1))
done
[ "$nbad" = 0 ] && ok || bad "site: $nbad timeline.svg not well-formed"
revs=$(find "$tmp/real1" -name '[0-9]*.html' | wc -l)
[ "$(xmllint --xpath 'count(//*[local-name()="circle"])' "$tmp/real1/timeline.svg")" = "$revs" ] &&
    ok || bad "site: the site timeline does not show every revision"
sum=$(grep -o '<li>[^<]* [0-9]*件</li>' "$tmp/site/acme/hosting/diff-2024-01-01-2024-04-01.html" |
    sed 's/.* \([0-9]*\)件.*/\1/' | awk '{ s += $1 } END { print s }')
[ "$sum" -gt 0 ] && grep -q "<title>2024-04-01 変更 ${sum}件</title>" "$tmp/site/acme/hosting/timeline.svg" &&
    ok || bad "site: the timeline's count of changes ($sum) does not match the 新旧対照表"
# Offline search: the index holds each document's latest revision, an
# entry per article; in Chromium (installed by make test) search.html
# finds the articles holding every word typed, kept in ?q=, and says so
# when nothing holds them.
grep -q '"u":"acme/hosting/2024-04-01.html#a3"' "$tmp/site/acme/hosting/search.js" &&
    ! grep -q '2024-01-01.html#' "$tmp/site/acme/hosting/search.js" &&
    grep -q '"acme/hosting/search.js"' "$tmp/site/search-index.js" && ok ||
    bad "site: search-index.js lacks the latest revision's articles"
if command -v chromium >/dev/null 2>&1; then
	search() {
		timeout 60 chromium --headless --no-sandbox --disable-gpu \
		    --virtual-time-budget=3000 --dump-dom \
		    "file://$tmp/site/search.html?q=$1" 2>/dev/null
	}
	search '%E7%94%B3%E8%BE%BC%E3%81%BF' >"$tmp/search.html"
	n=$(grep -o '<li><a href="acme/hosting/2024-04-01.html#[a-z0-9_-]*"' "$tmp/search.html" | wc -l)
	[ "$n" -gt 0 ] && grep -q "<p id=\"count\"[^>]*>${n}件</p>" "$tmp/search.html" &&
	    ok || bad "site: search.html finds no article holding 申込み ($n)"
	search 'zzqqxx' | grep -q '見つかりません' && ok ||
	    bad "site: search.html does not say that nothing was found"
else bad "site: chromium is missing (make test installs it)"; fi
. tests/site/incremental.sh
. tests/site/scan.sh
. tests/site/walk.sh
. tests/site/stamp.sh
# An English document's pages speak English: the link to its 新旧対照表,
# its dates, and the 新旧対照表 itself.
rm -rf "$tmp/en" "$tmp/enout"
mkdir -p "$tmp/en/example/terms-of-service"
cp tests/diff/english.old.md "$tmp/en/example/terms-of-service/2024-01-01.md"
cp tests/diff/english.new.md "$tmp/en/example/terms-of-service/2024-06-01.md"
capture build -o "$tmp/enout" "$tmp/en" >/dev/null
p="$tmp/enout/example/terms-of-service"
grep -q '>Changes (1 January 2024 → 1 June 2024)</a>' "$p/2024-06-01.html" &&
    grep -q '<time datetime="2024-06-01">1 June 2024</time>' "$p/2024-06-01.html" &&
    grep -q '<h2>Summary of changes</h2>' "$p/diff-2024-01-01-2024-06-01.html" &&
    ! grep -q '新旧対照表\|目次\|改正' "$p/2024-06-01.html" "$p/diff-2024-01-01-2024-06-01.html" &&
    ok || bad "site: an English document's pages carry Japanese interface words"
# A site of English documents only is English: its index (golden), the
# site's feed and timeline hold no Japanese character at all (the
# documents are English: any would be an interface word), and the
# index's html lang is en.  A mixed site's index stays Japanese, each
# document's entries in its own language.
rm -rf "$tmp/enout2" "$tmp/mixed" "$tmp/mixout"
cp terms/topics.yaml "$tmp/en/"
rc=$(capture build -o "$tmp/enout2" "$tmp/en")
[ "$rc" = 0 ] && ok || bad "site: English site: exit $rc"
check "site: English index" tests/site/english/index.html "$tmp/enout2/index.html"
check "site: English matrix" tests/site/english/matrix.html "$tmp/enout2/matrix.html"
check "site: English search page" tests/site/english/search.html "$tmp/enout2/search.html"
check "site: English matrix.csv" tests/site/english/matrix.csv "$tmp/enout2/matrix.csv"
if grep -lP '[\x{3000}-\x{30ff}\x{4e00}-\x{9fff}\x{ff00}-\x{ffef}]' \
    "$tmp/enout2"/*.html "$tmp/enout2"/*/*/*.html "$tmp/enout2/feed.atom" \
    "$tmp/enout2/timeline.svg"; then
	bad "site: an English site's pages, feed or timeline carry Japanese words"
else ok; fi
mkdir -p "$tmp/mixed"
cp -R "$tmp/en/example" tests/site/terms/acme "$tmp/mixed/"
capture build -o "$tmp/mixout" "$tmp/mixed" >/dev/null
grep -q '^<html lang="ja">' "$tmp/mixout/index.html" &&
    grep -q '<h1>約款一覧</h1>' "$tmp/mixout/index.html" &&
    grep -q 'lang="en">1 June 2024</a><span class="latest">latest</span>' "$tmp/mixout/index.html" &&
    ok || bad "site: a mixed site's index is not Japanese with English entries"
# A build reads each front matter once, for the order of the collection,
# and the full load takes it (doc_load_again()): its warnings are the
# build's once each, as termc check reports them, and the language it
# guesses from the body of a document without lang is the page's.
rm -rf "$tmp/fmonce" "$tmp/fmonceout" "$tmp/fmonceout.cache"
mkdir -p "$tmp/fmonce/acme/rules"
printf -- '---\nprovider: acme\nprovider_name: Acme\ndocument: rules\ntitle: Rules\nrevision: 2024-01-01\nsummary: none\n---\n\n## Article 1 (Purpose)\n\nThese rules govern the use of the service.\n' \
    >"$tmp/fmonce/acme/rules/2024-01-01.md"
capture build --no-cache -o "$tmp/fmonceout" "$tmp/fmonce" >/dev/null
grep 'fm-unknown' "$tmp/err" >"$tmp/fmonce.build"
capture check "$tmp/fmonce/acme/rules/2024-01-01.md" >/dev/null
cat "$tmp/out" "$tmp/err" | grep 'fm-unknown' >"$tmp/fmonce.check"
[ "$(wc -l <"$tmp/fmonce.build")" -eq 1 ] &&
    cmp -s "$tmp/fmonce.build" "$tmp/fmonce.check" &&
    grep -q '^<html lang="en">' "$tmp/fmonceout/acme/rules/2024-01-01.html" &&
    ok || { bad "site: a front matter's warning once, as check has it, its language guessed"; cat "$tmp/fmonce.build" "$tmp/fmonce.check"; }
