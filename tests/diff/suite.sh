# tests/diff: `termc diff` on tests/diff/<case>.old.md + <case>.new.md and
# on the real 002 revision pair (collision: two texts whose 32-bit hashes
# are equal must still differ), against the goldens <case>.diff.txt,
# .diff.json and .diff.html; exit status, options, declared changes.
# Sourced by tests/run.sh once per binary $T; uses its helpers.
d002=terms/directors/cloud-operation
# unstyle FILE: a 新旧対照表 page with its <style> (a copy of style.css,
# the page stands alone) written as <style>…</style>.
unstyle() {
	awk '!skip && /<style>/ { sub(/<style>.*/, "<style>…</style>"); print; skip = 1; next }
	    skip && /<\/style>/ { sub(/.*<\/style>/, ""); skip = 0; if ($0 == "") next }
	    !skip { print }' "$1" >"$1.u" && mv "$1.u" "$1"
}
for old in tests/diff/*.old.md real002; do
	if [ "$old" = real002 ]; then
		base=tests/diff/real002
		o=$d002/2017-03-01.md
		n=$d002/2019-06-01.md
	else
		base=${old%.old.md}
		o=$old
		n=$base.new.md
	fi
	name=$(basename "$base")
	for f in txt json html; do
		fmt=$f
		[ "$f" = txt ] && fmt=text
		rc=$(capture diff --format="$fmt" "$o" "$n")
		[ "$rc" = 1 ] && ok || { bad "diff $name $fmt: exit $rc"; head -5 "$tmp/err"; }
		# The page's own copy of style.css is checked once, below.
		[ "$f" = html ] && unstyle "$tmp/out"
		check "diff $name: $f" "$base.diff.$f" "$tmp/out"
	done
	# Deterministic, and the HTML carries no script or handler.
	capture diff --format=html "$o" "$n" >/dev/null
	cp "$tmp/out" "$tmp/html1"
	capture diff --format=html "$o" "$n" >/dev/null
	cmp -s "$tmp/out" "$tmp/html1" && ok || bad "diff $name: two runs differ"
	if grep -Eiq '<script|<[^>]*[[:space:]]on[a-z]+=' "$tmp/out"; then
		bad "diff $name: unsafe HTML"
	else ok; fi
done

# Identical files: exit 0 and "no changes".
rc=$(capture diff tests/diff/same.md tests/diff/insert.old.md)
[ "$rc" = 0 ] && grep -q '^no changes$' "$tmp/out" && ok || bad "diff: identical files exit $rc"
# Normalization only: exit 1, or 0 when ignored.
rc=$(capture diff --ignore-normalization tests/diff/normalize.old.md tests/diff/normalize.new.md)
[ "$rc" = 0 ] && ok || bad "diff: --ignore-normalization exit $rc"
rc=$(capture diff tests/diff/normalize.old.md tests/diff/normalize.new.md)
[ "$rc" = 1 ] && grep -q 'normalization only' "$tmp/out" && ok || bad "diff: normalization not labelled ($rc)"
# Link targets: a changed one is a change; --ignore-links hides it, and
# a revision whose only change is a link target is then unchanged.
rc=$(capture diff --ignore-links tests/diff/links.old.md tests/diff/links.new.md)
[ "$rc" = 1 ] && ! grep -q '^  link \|link target' "$tmp/out" && ok || bad "diff: --ignore-links ($rc)"
sed -e '/^Write to/s/legal@/help@/' -e '/^Write to/s/, or see.*\./ with any question./' \
    -e '/^Write to/s/question with any question/question/' tests/diff/links.new.md >"$tmp/linkonly.md"
rc=$(capture diff tests/diff/links.old.md "$tmp/linkonly.md")
[ "$rc" = 1 ] && grep -q '^1 link targets changed$' "$tmp/out" && ok || bad "diff: a link-only change is no change ($rc)"
rc=$(capture diff --ignore-links tests/diff/links.old.md "$tmp/linkonly.md")
[ "$rc" = 0 ] && ok || bad "diff: --ignore-links still reports a link-only change ($rc)"
# White space only (a line break for a space) is layout: normalization.
sed 's/^Fees are not refundable except where/Fees are not refundable\nexcept where/' \
    tests/diff/english.old.md >"$tmp/ws.md"
rc=$(capture diff tests/diff/english.old.md "$tmp/ws.md")
[ "$rc" = 1 ] && grep -q '^Section 18, paragraph 2 normalization only$' "$tmp/out" &&
    ok || bad "diff: a white-space change is not normalization ($rc)"
rc=$(capture diff --ignore-normalization tests/diff/english.old.md "$tmp/ws.md")
[ "$rc" = 0 ] && ok || bad "diff: --ignore-normalization keeps a white-space change ($rc)"
# The merge is the split read backwards.
rc=$(capture diff tests/diff/split.new.md tests/diff/split.old.md)
[ "$rc" = 1 ] && grep -q '^第6条第1項 merged from 第6条第1項, 第6条第2項$' "$tmp/out" && ok || bad "diff: merge not found"
# Text that became a table is the table that became text read backwards.
rc=$(capture diff tests/diff/tabletext.new.md tests/diff/tabletext.old.md)
[ "$rc" = 1 ] && grep -q '^第2条第2項 split into 第2条第2項, 第2条第2項$' "$tmp/out" &&
    grep -q '^+ {+ 解約の方法 効力の生じる日 +}会員ページからの手続 ' "$tmp/out" &&
    ok || bad "diff: text that became a table is no split ($rc)"
# The page stands alone: templates/style.css in it, allowed by its CSP,
# and no link to a style sheet or page that is not there.
capture diff --format=html tests/diff/edit.old.md tests/diff/edit.new.md >/dev/null
awk '/<style>/ { sub(/.*<style>/, ""); on = 1 } on && /<\/style>/ { sub(/<\/style>.*/, ""); if ($0 != "") print; exit } on' \
    "$tmp/out" >"$tmp/css"
if cmp -s "$tmp/css" templates/style.css &&
    grep -q "style-src 'self' 'unsafe-inline'" "$tmp/out" &&
    ! grep -Eq '<link|href="[^"#]' "$tmp/out"; then
	ok
else
	bad "diff: --format=html does not stand alone (style.css not in it, or a link out)"
fi
# A style sheet that would end its <style> early is refused, not copied.
rm -rf "$tmp/tplx" && mkdir -p "$tmp/tplx" && cp templates/* "$tmp/tplx/" &&
    printf '/* </style><script>alert(1)</script> */\n' >>"$tmp/tplx/style.css"
rc=$(capture diff --format=html --templates "$tmp/tplx" tests/diff/edit.old.md tests/diff/edit.new.md)
[ "$rc" = 2 ] && grep -q 'style.css:.*cannot be put in a page' "$tmp/err" && [ ! -s "$tmp/out" ] &&
    ok || bad "diff: a style sheet holding </style> is put in the page ($rc)"
# Column order.
capture diff --format=html tests/diff/edit.old.md tests/diff/edit.new.md >/dev/null
grep -q '<th>改正後</th><th>改正前</th>' "$tmp/out" && ok || bad "diff: default order is not 改正後 | 改正前"
capture diff --format=html --order=old-new tests/diff/edit.old.md tests/diff/edit.new.md >/dev/null
grep -q '<th>改正前</th><th>改正後</th>' "$tmp/out" && ok || bad "diff: --order=old-new"
# Trouble is 2.
rc=$(capture diff tests/diff/edit.old.md tests/diff/nonexistent.md)
[ "$rc" = 2 ] && ok || bad "diff: missing file exit $rc"
rc=$(capture diff --format=pdf tests/diff/edit.old.md tests/diff/edit.new.md)
[ "$rc" = 2 ] && ok || bad "diff: bad format exit $rc"
rc=$(capture diff tests/diff/edit.old.md)
[ "$rc" = 2 ] && ok || bad "diff: one file exit $rc"
rc=$(capture diff --help)
[ "$rc" = 0 ] && grep -q '^usage: termc diff' "$tmp/out" && ok || bad "diff --help"

# Declared changes.
rc=$(capture diff --check-declared $d002/2017-03-01.md $d002/2019-06-01.md)
[ "$rc" = 0 ] && [ ! -s "$tmp/err" ] && ok || { bad "diff: 002 declaration ($rc)"; cat "$tmp/err"; }
for c in insert delete move split table; do
	rc=$(capture diff --check-declared tests/diff/$c.old.md tests/diff/$c.new.md)
	[ "$rc" = 0 ] && [ ! -s "$tmp/err" ] && ok || { bad "diff: $c declaration ($rc)"; cat "$tmp/err"; }
done
: >"$tmp/declared"
rc=$(capture diff --check-declared tests/diff/edit.old.md tests/diff/edit.new.md)
[ "$rc" = 1 ] && ok || bad "diff: edit declares a change that did not happen ($rc)"
cat "$tmp/err" >>"$tmp/declared"
mkdir -p "$tmp/decl"
grep -v '^  - 第8条第2項変更$' tests/diff/edit.new.md >"$tmp/decl/edit.new.md"
rc=$(capture diff --check-declared tests/diff/edit.old.md "$tmp/decl/edit.new.md")
[ "$rc" = 1 ] && ok || bad "diff: undeclared change not reported ($rc)"
sed "s|$tmp/decl/|TMP/|" "$tmp/err" >>"$tmp/declared"
sed '/^  - date: 2024-04-01/,/^---$/{/^---$/!d;}' tests/diff/edit.new.md >"$tmp/decl/none.md"
rc=$(capture diff --check-declared tests/diff/edit.old.md "$tmp/decl/none.md")
[ "$rc" = 1 ] && ok || bad "diff: revision declaring nothing not reported ($rc)"
sed "s|$tmp/decl/|TMP/|" "$tmp/err" >>"$tmp/declared"
# Articles named as headings number them: spaces and full-width digits
# (第 8 条第２項), branch numbers (第10条の2, reported as written).
sed -e 's/^  - 第8条第2項変更$/  - 第 8 条第２項変更/' \
    -e 's/^  - 第10条変更$/  - 第10条の2変更/' tests/diff/edit.new.md >"$tmp/decl/spaced.md"
rc=$(capture diff --check-declared tests/diff/edit.old.md "$tmp/decl/spaced.md")
[ "$rc" = 1 ] && ok || bad "diff: spaced declaration ($rc)"
sed "s|$tmp/decl/|TMP/|" "$tmp/err" >>"$tmp/declared"
# A declaration that names no clause says so.
sed -e '/^  - 第[0-9]*条/d' -e 's/^changes:$/changes:\n  - 一部改訂/' \
    tests/diff/edit.new.md >"$tmp/decl/vague.md"
rc=$(capture diff --check-declared tests/diff/edit.old.md "$tmp/decl/vague.md")
[ "$rc" = 1 ] && ok || bad "diff: declaration naming no clause ($rc)"
sed "s|$tmp/decl/|TMP/|" "$tmp/err" >>"$tmp/declared"
check "diff: declared-change diagnostics" tests/diff/declared.lint "$tmp/declared"
# A reflowed run is declared by any of its clauses, either verb fitting
# (it holds clauses added and removed); a run left undeclared is named.
sed 's/^lang: ja$/lang: ja\nchanges:\n  - 第3条第5項追記/' tests/diff/reflowback.new.md >"$tmp/decl/flow.md"
rc=$(capture diff --check-declared tests/diff/reflowback.old.md "$tmp/decl/flow.md")
[ "$rc" = 0 ] && [ ! -s "$tmp/err" ] && ok || bad "diff: reflowed run declared ($rc)"
sed 's/^lang: ja$/lang: ja\nchanges:\n  - 第2条変更/' tests/diff/reflowback.new.md >"$tmp/decl/flow.md"
rc=$(capture diff --check-declared tests/diff/reflowback.old.md "$tmp/decl/flow.md")
[ "$rc" = 1 ] && grep -q '第3条第1項 reflowed \[decl-missing\]' "$tmp/err" &&
    ok || bad "diff: undeclared reflowed run ($rc)"
# A table is declared by its appendix: 別表, its caption, its number.
for dl in 別表変更 別表（料金表）変更; do
	sed "s/^  - 別表（料金表）変更$/  - $dl/" tests/diff/table.new.md >"$tmp/decl/t.md"
	rc=$(capture diff --check-declared tests/diff/table.old.md "$tmp/decl/t.md")
	[ "$rc" = 0 ] && [ ! -s "$tmp/err" ] && ok || bad "diff: table declared as $dl ($rc)"
done
sed 's/^# 別表（料金表）/# 別表第1（料金表）/' tests/diff/table.old.md >"$tmp/decl/t1old.md"
sed -e 's/^# 別表（料金表）/# 別表第１（料金表）/' -e 's/^  - 別表（料金表）変更$/  - 別表第一変更/' \
    tests/diff/table.new.md >"$tmp/decl/t1.md"
rc=$(capture diff --check-declared "$tmp/decl/t1old.md" "$tmp/decl/t1.md")
[ "$rc" = 0 ] && [ ! -s "$tmp/err" ] && ok || bad "diff: table declared by number ($rc)"
sed 's/^  - 別表（料金表）変更$/  - 別表第2変更/' tests/diff/table.new.md >"$tmp/decl/t.md"
rc=$(capture diff --check-declared tests/diff/table.old.md "$tmp/decl/t.md")
[ "$rc" = 1 ] && grep -q 'declared change did not happen: 別表第2 \[decl-false\]' "$tmp/err" &&
    grep -q 'not declared by the revision: 別表（料金表） modified \[decl-missing\]' "$tmp/err" &&
    ok || bad "diff: another table declared ($rc)"
# Line endings: the loader reads CRLF as LF, so they never count as a change.
sed 's/$/\r/' tests/diff/same.md >"$tmp/decl/crlf.md"
rc=$(capture diff tests/diff/same.md "$tmp/decl/crlf.md")
[ "$rc" = 0 ] && ok || bad "diff: CRLF line endings count as a change ($rc)"
# The text diff names its files as diagnostics do: a control character of
# a path is escaped, never written.
ctl="$tmp/old$(printf '\033')[2J.md"
cp tests/diff/insert.old.md "$ctl"
rc=$(capture diff "$ctl" tests/diff/insert.new.md)
[ "$rc" = 1 ] && head -1 "$tmp/out" | grep -qF -- "--- $tmp/old\\x1b[2J.md (" &&
    [ "$(LC_ALL=C tr -d '\011\012\040-\377' <"$tmp/out" | wc -c)" = 0 ] &&
    ok || bad "diff: a control character of a path reaches the text diff ($rc)"
rm -f "$ctl"

# The diff corpus figures (tests/diff/corpus.sh on ../shared/corpus: the
# ota services' and the amended statutes' revision pairs), held against
# tests/diff/corpus.floors.  Once, with the plain binary (the asan one
# gives the same figures, slower), and only where the corpus is there.
case $T in
*asan*) ;;
*)
if [ -d "$top/../shared/corpus/ota" ] && [ -d "$top/../shared/corpus/egov" ]; then
	sh tests/diff/corpus.sh "$T" "$top/../shared/corpus" "$tmp/dcorpus" \
	    >"$tmp/dcorpus.out" 2>&1
	grep '^figure' "$tmp/dcorpus.out" | sed 's/^figure /   /'
	while read -r name op value; do
		case $name in '#'*|'') continue ;; esac
		got=$(awk -v n="$name" '$1 == "figure" && $2 == n { print $3 }' \
		    "$tmp/dcorpus.out")
		if [ -n "$got" ] && awk -v g="$got" -v o="$op" -v v="$value" \
		    'BEGIN { exit !(o == "-le" ? g + 0 <= v + 0 : g + 0 >= v + 0) }'
		then ok
		else bad "diff corpus: $name is ${got:-missing}, the floor says $op $value"
		fi
	done <tests/diff/corpus.floors
else
	echo "   diff corpus: ../shared/corpus not found, skipped"
fi
;;
esac
