# termc check.  tests/check/CASE.md: `termc check CASE.md` must print exactly
# CASE.check (findings, then "rc=N").  CASE.tree, when present, is the
# golden `termc tree` (resolved references as xref spans).  tests/check/
# terms/*.check: the expected findings of every terms file, reviewed line
# by line against the source.  Plus formats, exit status and termc build.
# Sourced by tests/run.sh once per binary $T; uses its helpers.
for md in tests/check/*.md; do
	base=${md%.md}
	name=$(basename "$base")
	rc=$(capture check "$md")
	echo "rc=$rc" >>"$tmp/out"
	check "check $name" "$base.check" "$tmp/out"
	if [ -f "$base.tree" ]; then
		capture tree "$md" >/dev/null
		check "check $name: tree" "$base.tree" "$tmp/out"
	fi
done
for md in terms/*/*/*.md; do
	g=$(echo "${md#terms/}" | sed 's|/|-|g; s|\.md$||')
	rc=$(capture check "$md")
	echo "rc=$rc" >>"$tmp/out"
	check "check terms $g" "tests/check/terms/$g.check" "$tmp/out"
done
# The whole corpus, with the rules over consecutive revisions.
rc=$(capture check terms)
echo "rc=$rc" >>"$tmp/out"
check "check terms/" tests/check/terms/all.check "$tmp/out"
rc=$(capture check)
echo "rc=$rc" >>"$tmp/out"
check "check: default is terms/" tests/check/terms/all.check "$tmp/out"
rc=$(capture check --strict terms)
[ "$rc" = 1 ] && ok || bad "check --strict terms: exit $rc"
# A path that cannot be read: exit 2, and the other files still reported.
rc=$(capture check tests/check/refs-bad.md tests/check/no-such-file.md)
[ "$rc" = 2 ] && grep -q '^tests/check/refs-bad.md:.*\[xref-broken\]' "$tmp/out" &&
    grep -qxF "termc: tests/check/no-such-file.md: No such file or directory" "$tmp/err" && ok ||
    bad "check: an unreadable path hides the others' findings (exit $rc)"
# Declared changes across consecutive revisions: the site fixture's
# 2024-04-01 declares 第3条第2項追加 and changes four clauses more.
rc=$(capture check tests/site/terms)
echo "rc=$rc" >>"$tmp/out"
check "check: declared changes of consecutive revisions" \
    tests/check/declared-pair.check "$tmp/out"

# Formats.
rc=$(capture check --format=json tests/check/refs-bad.md)
check "check json" tests/check/refs-bad.json "$tmp/out"
rc=$(capture check --format=junit tests/check/refs-bad.md tests/check/refs-ok.md tests/check/history.md)
check "check junit" tests/check/refs-bad.junit "$tmp/out"
[ "$rc" = 1 ] && ok || bad "check junit: exit $rc"
rc=$(capture check --format=junit --strict tests/check/refs-bad.md)
[ "$rc" = 1 ] && grep -q '<failure type="xref-broken"' "$tmp/out" && ok ||
    bad "check junit --strict"
if command -v xmllint >/dev/null 2>&1; then
	xmllint --noout "$tmp/out" && ok || bad "check junit: not well-formed"
fi

# Exit status.
rc=$(capture check tests/check/refs-ok.md)
[ "$rc" = 0 ] && [ ! -s "$tmp/out" ] && ok || bad "check clean: exit $rc"
rc=$(capture check --strict tests/check/refs-ok.md)
[ "$rc" = 0 ] && ok || bad "check --strict clean: exit $rc"
rc=$(capture check tests/check/refs-bad.md)
[ "$rc" = 0 ] && ok || bad "check warnings: exit $rc"
rc=$(capture check --strict tests/check/refs-bad.md)
[ "$rc" = 1 ] && ok || bad "check --strict warnings: exit $rc"
rc=$(capture check tests/check/history.md)
[ "$rc" = 1 ] && ok || bad "check errors: exit $rc"
rc=$(capture check tests/check/no-such-file.md)
[ "$rc" = 2 ] && ok || bad "check missing file: exit $rc"
rc=$(capture check --bogus)
[ "$rc" = 2 ] && ok || bad "check bad option: exit $rc"
rc=$(capture check --format=yaml)
[ "$rc" = 2 ] && ok || bad "check bad format: exit $rc"
rc=$(capture check --help)
[ "$rc" = 0 ] && grep -q '^usage: termc check' "$tmp/out" && ok || bad "check --help"

# termc build runs the same checks: warnings print, the site publishes,
# unless --strict; references become links with the caption as tooltip.
rm -rf "$tmp/site"
rc=$(capture build -o "$tmp/site" tests/check/refs-ok.md tests/check/refs-bad.md)
[ "$rc" = 0 ] && grep -q 'xref-caption' "$tmp/err" && [ -f "$tmp/site/index.html" ] &&
    ok || bad "build with warnings: exit $rc"
p="$tmp/site/fx/refs-ok/2024-04-01.html"
grep -q '<a class="xref" href="#a3-p1-i2" title="定義">第3条（定義）第1項第２号</a>' "$p" 2>/dev/null &&
    ok || bad "build: xref link"
rm -rf "$tmp/site2"
rc=$(capture build --strict -o "$tmp/site2" tests/check/refs-bad.md)
[ "$rc" = 1 ] && [ ! -e "$tmp/site2/index.html" ] && ok || bad "build --strict: exit $rc"
rm -rf "$tmp/site3"
rc=$(capture build -o "$tmp/site3" tests/check/external.md)
grep -q '<span class="xref-external">第218条（令状による差押え・捜索・検証）</span>' \
    "$tmp/site3/fx/external/2024-04-01.html" 2>/dev/null && ok || bad "build: external reference"
# English references on a page (golden english-refs.html): links as the
# Japanese ones, unresolved and external ones as spans.
rm -rf "$tmp/site4"
rc=$(capture build -o "$tmp/site4" tests/check/english-refs.md)
grep -o '<a class="xref"[^>]*>[^<]*</a>\|<span class="xref-[a-z]*">[^<]*</span>' \
    "$tmp/site4/fx/english-refs/2024-04-01.html" >"$tmp/out" 2>/dev/null
check "build: English references" tests/check/english-refs.html "$tmp/out"

# Rules over consecutive revisions: the newer history lost 2019-01-01.
rc=$(capture check tests/check/pair)
echo "rc=$rc" >>"$tmp/out"
check "check pair" tests/check/pair.check "$tmp/out"

# A supplement whose parent is not among the provider's documents, or
# that names itself; a file checked alone has its parent elsewhere.
rc=$(capture check tests/check/supplements)
echo "rc=$rc" >>"$tmp/out"
check "check supplements" tests/check/supplements.check "$tmp/out"
rc=$(capture check tests/check/supplements/fx/annex/2024-04-01.md)
[ "$rc" = 0 ] && ! grep -q supplements-missing "$tmp/out" && ok ||
    bad "check: a supplement checked alone warns of its parent"

# Cost stays linear on long lines full of references (was quadratic:
# columns counted from the line start, captions searched to the end of the
# text: over 5 s here, against well under 1 s now, even with ASan).
{ printf -- '---\nprovider: a\nprovider_name: A\ndocument: b\ntitle: 約款\nrevision: 2024-01-01\n---\n\n## 第1条（a）\n\n'
  awk 'BEGIN { for (i = 0; i < 40000; i++) printf "同条"; print ""; print "";
      for (i = 0; i < 20000; i++) printf "第1条（"; print "" }'
} >"$tmp/m2"
rc=$(timeout 3 "$T" check "$tmp/m2" >/dev/null 2>&1; echo $?)
[ "$rc" = 0 ] && ok || bad "check: long lines of references (exit $rc)"
# A path with control characters: the JUnit report stays well-formed XML
# (no C0 control), all findings in the one suite named as they name it.
ctl="$tmp/ctl$(printf '\001\033')[2J.md"
cp tests/regress/chars.md "$ctl"
rc=$(capture check --format=junit "$ctl")
[ "$rc" = 0 ] && [ "$(LC_ALL=C tr -d '\011\012\040-\377' <"$tmp/out" | wc -c)" = 0 ] &&
    [ "$(grep -c '<testsuite ' "$tmp/out")" = 1 ] &&
    grep -qF 'ctl\x01\x1b[2J.md" tests="8" failures="0"' "$tmp/out" &&
    ok || bad "check junit: a path with control characters (exit $rc)"
rm -f "$ctl"
# A path that is no UTF-8 is named with \xNN: the JSON report keeps it.
bin="$tmp/x$(printf '\377')y.md"
cp tests/regress/chars.md "$bin"
rc=$(capture check --format=json "$bin")
[ "$rc" = 0 ] && [ "$(grep -cF "\"path\": \"$tmp/x\\\\xffy.md\"" "$tmp/out")" = 8 ] &&
    ok || bad "check json: a path that is no UTF-8 (exit $rc)"
rm -f "$bin"
# Suspect characters: one warning per line, 20 per file, then one note.
{ printf -- '---\nprovider: a\nprovider_name: A\ndocument: b\ntitle: T\nrevision: 2024-01-01\n---\n\n## 第1条（適用）\n\n'
  i=0; while [ $i -lt 25 ]; do printf '本文\342\200\213です。\342\200\256\n\n'; i=$((i + 1)); done; } >"$tmp/zw.md"
rc=$(capture check "$tmp/zw.md")
[ "$rc" = 0 ] && [ "$(grep -c ': warning: text holds a zero-width character: U+200B \[char-invisible\]$' "$tmp/out")" = 20 ] &&
    head -1 "$tmp/out" | grep -q "^$tmp/zw.md:11:3: " &&
    [ "$(tail -1 "$tmp/out")" = "$tmp/zw.md:0:0: warning: text holds a zero-width character: further lines with such characters are not reported [char-invisible]" ] &&
    [ "$(wc -l <"$tmp/out")" = 21 ] && ok || { bad "check: at most 20 character warnings per file (exit $rc)"; head -3 "$tmp/out"; }
