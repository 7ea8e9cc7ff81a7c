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
