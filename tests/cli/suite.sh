# Command line: --help, --version, usage errors, every command's --help.
# Sourced by tests/run.sh once per binary $T; uses its helpers.
rc=$(capture --version); [ "$rc" = 0 ] && grep -q '^termc [0-9]' "$tmp/out" && ok || bad "cli: --version"
rc=$(capture --help); [ "$rc" = 0 ] && grep -q '^usage: termc' "$tmp/out" && ok || bad "cli: --help"
rc=$(capture); [ "$rc" = 2 ] && ok || bad "cli: no command exits 2"
rc=$(capture frobnicate); [ "$rc" = 2 ] && grep -q "unknown command" "$tmp/err" && ok || bad "cli: unknown command"
for c in $("$T" --help | awk '/^Commands:/{f=1;next} f&&!NF{f=0} f{print $1}'); do
	rc=$(capture "$c" --help)
	[ "$rc" = 0 ] && grep -q "^usage: termc $c" "$tmp/out" && ok || bad "cli: $c --help"
	rc=$(capture "$c" --no-such-option)
	[ "$rc" = 2 ] && ok || bad "cli: $c bad option exits 2 (got $rc)"
done
# A result that cannot be written (full disk) is trouble: exit 2, and said.
if [ -c /dev/full ]; then
	for c in "tree terms/mic/full-managed/2012-02-29.md" \
	    "diff terms/directors/cloud-operation/2017-03-01.md terms/directors/cloud-operation/2019-06-01.md" \
	    "matrix" "diff --by-topic dnet itscom" \
	    "import tests/import/enc/sample.txt" "check terms"; do
		run_termc $c >/dev/full 2>"$tmp/err"
		rc=$?
		[ "$rc" = 2 ] && grep -q 'cannot write standard output' "$tmp/err" &&
		    ok || bad "cli: termc $c > /dev/full exits $rc"
	done
fi
# An empty output directory would be the file system root: refused.
rc=$(capture build -o '' tests/site/terms)
[ "$rc" = 2 ] && grep -q 'output directory is an empty name' "$tmp/err" && ok ||
    bad "cli: build -o '' exits $rc"
# An argument echoed in a usage error is escaped as diagnostics are.
rc=$(capture "$(printf 'x\033[2Jy')")
[ "$rc" = 2 ] && grep -qxF "termc: unknown command 'x\\x1b[2Jy'" "$tmp/err" && ok ||
    bad "cli: a control character of an argument reaches stderr"
