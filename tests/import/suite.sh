# termc import: encodings (generated with iconv(1) from UTF-8 sources),
# broken encodings, statute-form and PDF-layout fixtures with goldens, the
# five seeds measured against their terms files, -o, and the UTF-8-only
# rule of tree and build.
# Sourced by tests/run.sh once per binary $T; uses its helpers.
idir=tests/import
e=$tmp/enc
rm -rf "$e"
mkdir -p "$e"

# Run termc in $e on a relative name so that diagnostics are stable.
# Echoes the exit status; stdout in $e/out, stderr in $e/err.
ecap() {
	(cd "$e" && run_termc "$@" >"$e/out" 2>"$e/err")
	echo $?
}

# ---- encodings: every form of sample.txt imports to sample.md ----------
cp "$idir/enc/sample.txt" "$e/sample.utf8"
iconv -f UTF-8 -t CP932 "$idir/enc/sample.txt" >"$e/sample.cp932"
iconv -f UTF-8 -t EUC-JP "$idir/enc/sample.txt" >"$e/sample.eucjp"
{ printf '\357\273\277'; cat "$idir/enc/sample.txt"; } >"$e/sample.utf8bom"
{ printf '\377\376'; iconv -f UTF-8 -t UTF-16LE "$idir/enc/sample.txt"; } >"$e/sample.utf16le"
{ printf '\376\377'; iconv -f UTF-8 -t UTF-16BE "$idir/enc/sample.txt"; } >"$e/sample.utf16be"
# CRLF line ends, as Windows writes them.
iconv -f UTF-8 -t CP932 "$idir/enc/sample.txt" | sed 's/$/\r/' >"$e/sample.cp932crlf"
opts="--provider=sample --document=enc --revision=2024-04-01 --provider-name=Sample"
rc=$(ecap import $opts sample.utf8)
[ "$rc" = 0 ] && ok || bad "import: sample.utf8 exit $rc"
check "import: sample.md" "$idir/enc/sample.md" "$e/out"
for f in utf8:UTF-8:valid utf8bom:UTF-8:UTF-8 cp932:CP932:not \
    cp932crlf:CP932:not eucjp:EUC-JP:not utf16le:UTF-16:UTF-16LE \
    utf16be:UTF-16:UTF-16BE; do
	x=${f%%:*}; rest=${f#*:}; name=${rest%%:*}; why=${rest#*:}
	rc=$(ecap import $opts "sample.$x")
	[ "$rc" = 0 ] && cmp -s "$e/out" "$idir/enc/sample.md" && ok ||
	    bad "import: auto sample.$x differs from sample.md (exit $rc)"
	head -1 "$e/err" | grep -q "^termc: import: sample.$x: encoding $name ($why" &&
	    ok || bad "import: auto sample.$x: $(head -1 "$e/err")"
done
# Explicit encodings, and the aliases.
for f in utf8:utf-8 cp932:cp932 cp932:shift_jis cp932:sjis cp932:ms932 \
    eucjp:euc-jp utf16le:utf-16 utf16be:UTF-16 utf8bom:utf8; do
	x=${f%%:*}; enc=${f#*:}
	rc=$(ecap import $opts --encoding="$enc" "sample.$x")
	[ "$rc" = 0 ] && cmp -s "$e/out" "$idir/enc/sample.md" && ok ||
	    bad "import: --encoding=$enc sample.$x (exit $rc)"
done
# shift_jis is CP932: backslash and tilde stay, NEC extensions decode.
iconv -f UTF-8 -t CP932 "$idir/enc/cp932only.txt" >"$e/cp932only.sjis"
rc=$(ecap import $opts --encoding=shift_jis cp932only.sjis)
[ "$rc" = 0 ] && ok || bad "import: cp932only exit $rc"
check "import: cp932only.md" "$idir/enc/cp932only.md" "$e/out"
grep -qF '逆斜線\。' "$e/out" && ! grep -q '¥' "$e/out" && ! grep -q '‾' "$e/out" &&
    ok || bad "import: shift_jis turned \\ or ~ into ¥ or ‾"
# A wrong explicit encoding fails with a position, never garbles.
rc=$(ecap import $opts --encoding=euc-jp cp932only.sjis)
[ "$rc" = 1 ] && [ ! -s "$e/out" ] && ok || bad "import: cp932 read as euc-jp (exit $rc)"
rc=$(ecap import --encoding=latin9 sample.utf8)
[ "$rc" = 2 ] && ok || bad "import: unknown encoding exits 2 (got $rc)"
for o in --provider=Bad --document=a_b --revision=2024-13-01; do
	rc=$(ecap import "$o" sample.utf8)
	[ "$rc" = 2 ] && [ ! -s "$e/out" ] && ok || bad "import: $o exits 2 (got $rc)"
done

# ---- broken encodings: exit 1, nothing on stdout, the golden error -----
# CP932 with a multibyte character cut by the end of the file.
{ iconv -f UTF-8 -t CP932 "$idir/enc/sample.txt"; printf '\202'; } >"$e/trunc.cp932"
# CP932 with an invalid trail byte on line 5 (after "２　保存先は").
{ head -4 "$e/sample.cp932"; printf '\202\040'; tail -n +5 "$e/sample.cp932"; } >"$e/invalid.cp932"
# EUC-JP cut by the end of the file.
{ iconv -f UTF-8 -t EUC-JP "$idir/enc/sample.txt"; printf '\244'; } >"$e/trunc.eucjp"
# UTF-8 with a stray byte on line 3, and cut at the end.
{ head -2 "$e/sample.utf8"; printf 'ab\377'; tail -n +3 "$e/sample.utf8"; } >"$e/invalid.utf8"
{ cat "$idir/enc/sample.txt"; printf '\343\201'; } >"$e/trunc.utf8"
# UTF-16LE with an odd byte at the end; UTF-16 without BOM; a NUL.
{ cat "$e/sample.utf16le"; printf 'x'; } >"$e/trunc.utf16le"
iconv -f UTF-8 -t UTF-16LE "$idir/enc/sample.txt" >"$e/nobom.utf16"
{ printf '\377\376'; printf 'a\000\000\000b\000'; } >"$e/nul.utf16le"
for c in trunc.cp932:auto invalid.cp932:auto invalid.cp932:cp932 \
    trunc.eucjp:euc-jp trunc.eucjp:auto invalid.utf8:utf-8 trunc.utf8:utf-8 \
    trunc.utf16le:auto nobom.utf16:utf-16 nul.utf16le:auto; do
	f=${c%%:*}; enc=${c#*:}
	rc=$(ecap import --encoding="$enc" "$f")
	[ "$rc" = 1 ] && [ ! -s "$e/out" ] && ok ||
	    bad "import: broken $f ($enc): exit $rc, $(wc -c <"$e/out") bytes out"
	check "import: broken $f ($enc) diagnostics" "$idir/enc/$f.$enc.err" "$e/err"
done
# Private-use and control characters: a warning with the line, exit 0.
{ printf 'title\n\n'; printf '\360\100 user-defined\n'; } >"$e/pua.cp932"
printf 'line one\nline \001two\n' >"$e/ctrl.utf8"
# Bidirectional and zero-width characters warn as in terms files; a second
# byte-order mark that iconv passes through is no zero-width character.
{ printf '\377\376'; printf '\357\273\277line one\nline \342\200\256two\nthree\342\200\213\n' |
    iconv -f UTF-8 -t UTF-16LE; } >"$e/bidi.utf16le"
for f in pua.cp932:cp932 ctrl.utf8:auto bidi.utf16le:auto; do
	n=${f%%:*}; enc=${f#*:}
	rc=$(ecap import --encoding="$enc" "$n")
	[ "$rc" = 0 ] && [ -s "$e/out" ] && ok || bad "import: $n exit $rc"
	grep -v '^termc: import:' "$e/err" | grep -v 'import-fill' >"$e/warn"
	check "import: $n warnings" "$idir/enc/$n.err" "$e/warn"
done

# ---- -o: the whole file or nothing -------------------------------------
rc=$(ecap import $opts -o sub/dir/x.md sample.cp932)
[ "$rc" = 0 ] && [ ! -s "$e/out" ] && cmp -s "$e/sub/dir/x.md" "$idir/enc/sample.md" &&
    ok || bad "import: -o writes the file (exit $rc)"
echo keep >"$e/old.md"
rc=$(ecap import -o old.md trunc.cp932)
[ "$rc" = 1 ] && [ "$(cat "$e/old.md")" = keep ] && ok ||
    bad "import: -o on failure must leave the old file (exit $rc)"
rc=$(ecap import -o new.md trunc.cp932)
[ "$rc" = 1 ] && [ ! -e "$e/new.md" ] && ok || bad "import: -o on failure wrote new.md"
ls -a "$e" "$e/sub/dir" | grep -q '^\.termc-' && bad "import: temporary file left" || ok
head -c 17000000 /dev/zero | tr '\0' 'x' >"$e/big.txt"
rc=$(ecap import big.txt)
[ "$rc" = 1 ] && [ ! -s "$e/out" ] && grep -q 'error: document exceeds the size limit' "$e/err" &&
    ok || bad "import: a file over the size limit exits 1 (got $rc)"
rm -f "$e/big.txt"
rc=$(ecap import missing.txt)
[ "$rc" = 2 ] && grep -qxF 'termc: missing.txt: No such file or directory' "$e/err" && ok || bad "import: missing file exits 2 (got $rc)"

# ---- tree, check and build take UTF-8 only, and say to use termc import -
mkdir -p "$e/terms/a/b"
printf -- '---\nprovider: a\nprovider_name: A\ndocument: b\ntitle: T\nrevision: 2024-01-01\n---\n\n# 第1条（適用）\n\n当社は本約款を定めます。\n' >"$e/good.md"
iconv -f UTF-8 -t CP932 "$e/good.md" >"$e/terms/a/b/2024-01-01.md"
rc=$(ecap tree terms/a/b/2024-01-01.md)
[ "$rc" = 1 ] && grep -q '^terms/a/b/2024-01-01.md:9:3: error: invalid UTF-8; convert the file with termc import' "$e/err" &&
    ok || bad "tree: CP932 file must fail with a termc import hint (exit $rc): $(cat "$e/err")"
{ printf '\377\376'; iconv -f UTF-8 -t UTF-16LE "$e/good.md"; } >"$e/u16.md"
rc=$(ecap tree u16.md)
[ "$rc" = 1 ] && grep -q 'not a UTF-8 text file; convert it with termc import' "$e/err" &&
    ok || bad "tree: UTF-16 file must fail with a termc import hint (exit $rc)"
rc=$(ecap check terms/a/b/2024-01-01.md)
[ "$rc" = 1 ] && grep -q '^terms/a/b/2024-01-01.md:9:3: error: invalid UTF-8; convert the file with termc import' "$e/out" &&
    ok || bad "check: CP932 file must fail with a termc import hint (exit $rc)"
rc=$(ecap build -o site terms)
[ "$rc" != 0 ] && grep -q 'convert the file with termc import' "$e/err" && ok ||
    bad "build: CP932 terms file must fail with a termc import hint (exit $rc)"
# ... and what import makes of that file, tree reads.
rc=$(ecap import -o terms/a/b/2024-01-01.md --provider=a --provider-name=A \
    --document=b --title=T --revision=2024-01-01 terms/a/b/2024-01-01.md)
rc2=$(ecap tree terms/a/b/2024-01-01.md)
[ "$rc" = 0 ] && [ "$rc2" = 0 ] && grep -q '"caption": "適用"' "$e/out" && ok ||
    bad "import then tree: exit $rc/$rc2"

# ---- statute form and PDF layout: goldens, and the tree of the import --
for c in statute/kitei:kitei statute/egovlayout:egovlayout \
    layout/hokan:hokan layout/unplaced:unplaced layout/sections:sections \
    layout/webtext:webtext statute/readings:readings statute/parts:parts layout/history:history \
    statute/closing:closing statute/appendix:appendix layout/tabs:tabs \
    layout/bullets:bullets \
    statute/branches:branches statute/scopes:scopes \
    layout/wrapcaption:wrapcaption statute/preamble:preamble \
    layout/marked:marked \
    layout/glued:glued layout/gluedrun:gluedrun layout/flatlists:flatlists \
    layout/wholeitems:wholeitems layout/straytab:straytab \
    layout/footer-en:footer-en layout/contents-en:contents-en \
    statute/penalties:penalties layout/agreement-en:agreement-en \
    layout/wrap-en:wrap-en statute/tablenote:tablenote \
    statute/tablerows:tablerows statute/readpairs:readpairs layout/titles-en:titles-en \
    layout/plaintitles-en:plaintitles-en layout/runin-en:runin-en \
    layout/capstitles-en:capstitles-en layout/roman-en:roman-en \
    statute/paragraphs:paragraphs statute/enacting:enacting \
    statute/unnumbered:unnumbered statute/figures:figures \
    layout/marked-lead:marked-lead layout/glued-after-list:glued-after-list \
    layout/lead-after-item:lead-after-item statute/formcells:formcells \
    statute/itemtable:itemtable; do
	f=${c%%:*}; doc=${c#*:}
	rc=$(capture import --provider=sample --provider-name=サンプル \
	    --document="$doc" "$idir/$f.txt")
	[ "$rc" = 0 ] && ok || bad "import: $f exit $rc"
	check "import: $f.md" "$idir/$f.md" "$tmp/out"
	check "import: $f.err" "$idir/$f.err" "$tmp/err"
	cp "$tmp/out" "$e/$doc.md"
	rc=$(capture tree "$e/$doc.md")
	[ "$rc" = 0 ] && [ ! -s "$tmp/err" ] && ok || bad "import: tree of $f exit $rc"
	sed 's|"path": ".*"|"path": ""|' "$tmp/out" >"$e/$doc.tree"
	check "import: $f.tree" "$idir/$f.tree" "$e/$doc.tree"
	# The structure at a glance: type, number, label, caption per node.
	awk '/"type":/ { t = $2 } /"num":/ { n = $2 } /"label":/ { l = $2 }
	    /"caption":/ { print t, n, l, $2 }' "$e/$doc.tree" | tr -d '",' \
	    >"$e/$doc.outline"
	check "import: $f.outline" "$idir/$f.outline" "$e/$doc.outline"
done
# English text from a PDF: words joined across a wrap keep their space,
# "3.2 Overdue charges" opens its own paragraph after a full line while
# "2.5 million requests" runs on, "Page 1 of 2" is a page number, and the
# file says lang: en.
rc=$(capture import --provider=sample --provider-name=Sample --document=english \
    --title="Storage Agreement" --revision=2024-06-01 "$idir/layout/english.txt")
[ "$rc" = 0 ] && ok || bad "import: layout/english exit $rc"
check "import: layout/english.md" "$idir/layout/english.md" "$tmp/out"
cp "$tmp/out" "$e/english.md"
rc=$(capture tree --format=outline "$e/english.md")
[ "$rc" = 0 ] && [ ! -s "$tmp/err" ] && ok || bad "import: tree of layout/english exit $rc"
check "import: layout/english.outline" "$idir/layout/english.outline" "$tmp/out"
# A 別表 laid out a cell a line without a lead is a table, no items to
# number; a 別表 of numbered items keeps its real gap (一, 二, 四).
# scopes: a reference broken out of its sentence, a 読替え table's label
# cell, a 削除 range, 附　則　抄 and the 附則 of amendments read as
# written; only the real gap (附則 第一条, 第三条) is reported.
# tablerows: a table announced before a proviso, its rows labelled 一,
# 二 … with spanned cells, is a table; 第三号 and 前号 in its cells are
# its rows, not items, and 第二条's items stay numbered from 一; ○２ is
# paragraph 2.  readpairs: a table of readings in a statute of few
# indented lines keeps its pairs of 別表 names and its bare 第一条 as cells;
# 附則別表第一（附則第二条関係） heads a table of its own, and a 別表's last
# cell, 第二条 at the end of the text, is no article.  paragraphs: a
# statute of paragraphs, １ alone before any article, captions over ２ and
# ４ that are the paragraphs', no articles supplied.  (enacting: the
# law the enacting words cite, broken at the same places in 第一条, is
# no running header in a text not laid out in pages; unnumbered: ２
# alone under a first paragraph written with no number is paragraph 2;
# figures: numbers alone next to numbers alone are a table's figures, not
# page numbers.)
for doc in appendix scopes tablerows readpairs paragraphs; do
	rc=$(capture check "$e/$doc.md")
	cat "$tmp/out" "$tmp/err" | sed "s|$e/||" >"$tmp/chk"
	echo "rc=$rc" >>"$tmp/chk"
	check "import: statute/$doc.check" "$idir/statute/$doc.check" \
	    "$tmp/chk"
done
# A statute without articles: its title block ends at its first
# paragraph, so an item's text that names a company (株式会社…) stays the
# item's, not the provider's.
rc=$(capture import --provider=s --provider-name=S --document=d \
    --title=T --revision=2020-03-01 "$idir/statute/noarticles.txt")
cp "$tmp/out" "$e/noarticles.md"
rc2=$(capture tree "$e/noarticles.md")
[ "$rc" = 0 ] && [ "$rc2" = 0 ] && check "import: statute/noarticles.md" \
    "$idir/statute/noarticles.md" "$e/noarticles.md" ||
    bad "import: statute/noarticles exit $rc/$rc2"
# A line that repeats after indented paragraphs is text, not a page
# header: only a form feed puts a line at the top of a page.
rc=$(capture import --provider=s --provider-name=S --document=d \
    "$idir/layout/indented.txt")
[ "$rc" = 0 ] && [ "$(grep -c '詳細は別途定めるとおり$' "$tmp/out")" = 3 ] &&
    grep -q ' 0 repeated header/footer lines;' "$tmp/err" && ok ||
    bad "import: indented paragraphs made a repeated line a page header"
# The statute in CP932 and EUC-JP imports to the same terms file.
iconv -f UTF-8 -t CP932 "$idir/statute/kitei.txt" >"$e/kitei.cp932"
iconv -f UTF-8 -t EUC-JP "$idir/statute/kitei.txt" >"$e/kitei.eucjp"
for x in cp932 eucjp; do
	rc=$(capture import --provider=sample --provider-name=サンプル \
	    --document=kitei "$e/kitei.$x")
	[ "$rc" = 0 ] && cmp -s "$tmp/out" "$idir/statute/kitei.md" && ok ||
	    bad "import: kitei.$x differs from kitei.md (exit $rc)"
done
# Deterministic: the same bytes twice.
"$T" import "$idir/statute/kitei.txt" >"$e/k1" 2>/dev/null
"$T" import "$idir/statute/kitei.txt" >"$e/k2" 2>/dev/null
cmp -s "$e/k1" "$e/k2" && ok || bad "import: output differs between runs"

# ---- the five seeds against their terms files --------------------------
# measure.sh prints "NNN articles=M/N diff=D ..." per seed; a seed may not
# match fewer articles nor differ by more lines than seeds.golden says, and
# each import is kept as a golden (review its diff with UPDATE=1).
mkdir -p "$e/seeds"
T="$T" sh "$idir/measure.sh" "$T" "$e/seeds" >"$e/measure" 2>"$e/measure.err"
[ -s "$e/measure.err" ] && { bad "import: seeds: termc tree fails on an import"; head -5 "$e/measure.err"; }
if [ "${UPDATE:-}" = 1 ]; then
	cp "$e/measure" "$idir/seeds.golden"
fi
while read -r seed art diffl nsl trl hil rest; do
	want=$(grep "^$seed " "$idir/seeds.golden")
	set -- $want
	wm=${2#articles=}; wm=${wm%/*}; wd=${3#diff=}; wn=${4#nospace=}
	wt=${5#tree=}
	m=${art#articles=}; total=${m#*/}; m=${m%/*}; d=${diffl#diff=}
	n=${nsl#nospace=}; tr=${trl#tree=}
	hm=${hil#history=}; ht=${hm#*/}; hm=${hm%/*}
	[ -n "$want" ] && [ "$m" -ge "$wm" ] && [ "$m" = "$total" ] &&
	    [ "$d" -le "$wd" ] && [ "$n" -le "$wn" ] && [ "$tr" -le "$wt" ] &&
	    [ "$hm" = "$ht" ] &&
	    ok || bad "import: seed $seed regressed: $art $diffl (golden: $want)"
	[ "$d" -lt "${wd:-0}" ] && echo "   note: seed $seed improved to $diffl; update seeds.golden"
	check "import: seed $seed output" "$idir/seeds/$seed.md" "$e/seeds/$seed.md"
	check "import: seed $seed diagnostics" "$idir/seeds/$seed.err" "$e/seeds/$seed.err"
done <"$e/measure"
[ "$(wc -l <"$e/measure")" = 5 ] && ok || bad "import: measure.sh did not measure five seeds"

# ---- every byte reaches the tree: Markdown syntax in the text is escaped --
printf '%s\n' '第1条（記号）' '本文 a\*b と C:\[x] と 1) です。' \
    '# 見出しでない' '> 引用でない' '<b>タグ</b>' >"$e/md.txt"
rc=$(ecap import --provider=a --provider-name=A --document=b --title=T \
    --revision=2024-01-01 -o md.md md.txt)
rc2=$(ecap tree md.md)
[ "$rc" = 0 ] && [ "$rc2" = 0 ] &&
    grep -qF '"text": "本文 a\\*b と C:\\[x] と 1) です。"' "$e/out" &&
    grep -qF '"text": "# 見出しでない"' "$e/out" &&
    grep -qF '"text": "> 引用でない"' "$e/out" && ok ||
    bad "import: Markdown syntax in text must survive (exit $rc/$rc2)"
# --verbose accounts for every line import drops: the contents list of
# webtext.txt, each line with its number and the reason.
capture import -v --provider=s --provider-name=S --document=d \
    "$idir/layout/webtext.txt" >/dev/null
grep 'dropped' "$tmp/err" | sed "s|$idir/||" >"$e/webtext.dropped"
check "import: --verbose lists dropped lines" "$idir/layout/webtext.dropped" \
    "$e/webtext.dropped"
# Imports stay stable: the same statute re-flowed (lines broken after a
# reference joined, a sentence broken in two) under a changed title line
# gives the same clause tree, so a diff of two imports shows real changes
# only.
sed -e '/第二条第一号$/{N;s/\n//;}' -e '/第一条第二項$/{N;s/\n//;}' \
    -e 's/^架空施設管理規程$/架空施設管理規程（改定版）/' \
    -e 's/施設の適正な管理を/施設の適正な\n管理を/' \
    "$idir/statute/egovlayout.txt" >"$e/reflow.txt"
cmp -s "$e/reflow.txt" "$idir/statute/egovlayout.txt" && bad "import: re-flow fixture unchanged"
for v in "$idir/statute/egovlayout.txt" "$e/reflow.txt"; do
	"$T" import --provider=s --provider-name=S --document=d \
	    --revision=2024-01-01 "$v" >"$e/reflow.md" 2>/dev/null
	"$T" tree "$e/reflow.md" 2>/dev/null |
	    grep -v '"line"\|"path"\|"title"\|"col"' >"$e/reflow.$(basename "$v")"
done
[ -s "$e/reflow.egovlayout.txt" ] &&
    cmp -s "$e/reflow.egovlayout.txt" "$e/reflow.reflow.txt" && ok ||
    { bad "import: a re-flowed text gives another tree"
      diff "$e/reflow.egovlayout.txt" "$e/reflow.reflow.txt" | head -10; }
