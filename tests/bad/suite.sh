# tests/bad/**/CASE.md with CASE.err: `termc tree` exits 1, prints nothing on
# stdout and exactly CASE.err on stderr.  Plus generated oversize inputs
# (size, depth, line length, table length), too big to commit.
# Sourced by tests/run.sh once per binary $T; uses its helpers.
find tests/bad -name '*.md' | sort | while read -r md; do
	base=${md%.md}
	rc=$(capture tree "$md")
	[ "$rc" = 1 ] && [ ! -s "$tmp/out" ] && echo ok || echo "FAIL: bad $md: exit $rc"
	if [ "${UPDATE:-}" = 1 ]; then cp "$tmp/err" "$base.err"; echo ok
	elif cmp -s "$base.err" "$tmp/err"; then echo ok
	else echo "FAIL: bad $md: diagnostics"; diff -u "$base.err" "$tmp/err" | head -10; fi
done >"$tmp/badlog"
while read -r line; do
	case $line in ok) ok ;; FAIL*) bad "${line#FAIL: }" ;; *) echo "$line" ;; esac
done <"$tmp/badlog"
# Generated: a file over the size limit, and deep nesting.
{ printf -- '---\nprovider: a\nprovider_name: A\ndocument: b\ntitle: T\nrevision: 2024-01-01\n---\n'
  head -c 17000000 /dev/zero | tr '\0' 'x'; } >"$tmp/big.md"
rc=$(capture tree "$tmp/big.md")
[ "$rc" = 1 ] && grep -q "error: document exceeds the size limit" "$tmp/err" && ok || bad "bad: size limit ($rc)"
{ printf -- '---\nprovider: a\nprovider_name: A\ndocument: b\ntitle: T\nrevision: 2024-01-01\n---\n'
  i=0; while [ $i -lt 40 ]; do printf '> '; i=$((i + 1)); done; echo x; } >"$tmp/deep.md"
rc=$(capture tree "$tmp/deep.md")
[ "$rc" = 1 ] && grep -q "deep.md:8:1: error: nesting exceeds the depth limit" "$tmp/err" && ok || bad "bad: depth limit ($rc)"
{ printf -- '---\nprovider: a\nprovider_name: A\ndocument: b\ntitle: T\nrevision: 2024-01-01\n---\n\n本文。\n'
  head -c 262145 /dev/zero | tr '\0' 'x'; echo; } >"$tmp/long.md"
rc=$(capture tree "$tmp/long.md")
[ "$rc" = 1 ] && [ ! -s "$tmp/out" ] &&
    grep -qx "$tmp/long.md:10:1: error: line exceeds the length limit: 262145 bytes, the limit is 262144 \[line-long\]" "$tmp/err" &&
    ok || bad "bad: line length limit ($rc)"
{ printf -- '---\nprovider: a\nprovider_name: A\ndocument: b\ntitle: T\nrevision: 2024-01-01\n---\n\n| a |\n|---|\n'
  i=0; while [ $i -lt 20000 ]; do echo '| x |'; i=$((i + 1)); done; } >"$tmp/rows.md"
rc=$(capture tree "$tmp/rows.md")
[ "$rc" = 1 ] && [ ! -s "$tmp/out" ] &&
    grep -qx "$tmp/rows.md:20010:1: error: table exceeds the row limit: the limit is 20000 rows \[table-long\]" "$tmp/err" &&
    ok || bad "bad: table row limit ($rc)"
# Diagnostics escape control and bidirectional characters: a file name
# with a terminal escape and a line break is printed as \x1b and \x0a:
# one line per finding, no escape byte.
esc=$(printf '\033')
evil="$tmp/a${esc}[2Jb
c.md"
printf -- '---\nprovider: a\n---\n' >"$evil"
rc=$(capture tree "$evil")
[ "$rc" = 1 ] && [ -s "$tmp/err" ] && ! grep -q "$esc" "$tmp/err" &&
    [ "$(grep -cF "$tmp/a\\x1b[2Jb\\x0ac.md:2:1: error: " "$tmp/err")" = "$(wc -l <"$tmp/err")" ] &&
    ok || { bad "bad: control characters of a path reach stderr ($rc)"; cat -v "$tmp/err"; }
rm -f "$evil"
# Depth counts one level per '>' (issue 14, item 18): 16 quotes are
# within the limit of 16 levels, 17 are not, and the message says so.
for k in 16 17; do
	{ printf -- '---\nprovider: a\nprovider_name: A\ndocument: b\ntitle: T\nrevision: 2024-01-01\n---\n'
	  i=0; while [ $i -lt $k ]; do printf '> '; i=$((i + 1)); done; echo x; } >"$tmp/q$k.md"
done
rc=$(capture tree "$tmp/q16.md")
[ "$rc" = 0 ] && ok || bad "bad: 16 nested quotes refused ($rc)"
rc=$(capture tree "$tmp/q17.md")
[ "$rc" = 1 ] && grep -qx "$tmp/q17.md:8:1: error: nesting exceeds the depth limit: 17 levels, the limit is 16 (a level is a > or a list marker, or two columns of indentation) \[too-deep\]" "$tmp/err" &&
    ok || bad "bad: 17 nested quotes ($rc)"
# A table under a paragraph, its delimiter row at line 64 of the block:
# within the table-lead limit (tests/bad/table-lead.md is one line past).
{ printf -- '---\nprovider: a\nprovider_name: A\ndocument: b\ntitle: T\nrevision: 2024-01-01\n---\n\n'
  i=0; while [ $i -lt 62 ]; do echo '料金は次のとおり。'; i=$((i + 1)); done
  printf '| a | b |\n|---|---|\n| 1 | 2 |\n'; } >"$tmp/lead.md"
rc=$(capture tree "$tmp/lead.md")
[ "$rc" = 0 ] && grep -q '"type": "table"' "$tmp/out" && ok || bad "bad: table 62 lines into its block ($rc)"
# Rows padded to the header's width: "x" under 60 columns is 60 cells.
{ printf -- '---\nprovider: a\nprovider_name: A\ndocument: b\ntitle: T\nrevision: 2024-01-01\n---\n\n'
  i=0; while [ $i -lt 60 ]; do printf '|a'; i=$((i + 1)); done; echo '|'
  i=0; while [ $i -lt 60 ]; do printf '|-'; i=$((i + 1)); done; echo '|'
  i=0; while [ $i -lt 1200 ]; do echo x; i=$((i + 1)); done; } >"$tmp/pad.md"
rc=$(capture tree "$tmp/pad.md")
[ "$rc" = 1 ] && [ ! -s "$tmp/out" ] &&
    grep -qx "$tmp/pad.md:1110:1: error: tables hold more cells than the size limit: 68262 cells (rows times columns, empty ones included), the limit is 68260 \[table-cells\]" "$tmp/err" &&
    ok || { bad "bad: table cells ($rc)"; cat "$tmp/err"; }
