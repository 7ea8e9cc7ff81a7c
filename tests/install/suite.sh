# tests/install: termc runs anywhere.  A copy of tests/site/terms in a
# folder outside the repository, with no templates/ of its own, builds the
# same site as tests/site/expected (the templates are built in); with the
# plain binary, `make install DESTDIR=…` installs termc and termc.1, the
# installed binary does the same, and the man page lints clean.
# Sourced by tests/run.sh once per binary $T; uses its helpers.
rm -rf "$tmp/inst" "$tmp/coll"
mkdir -p "$tmp/coll"
cp -r tests/site/terms "$tmp/coll/terms"
rc=$(cd "$tmp/coll" && capture build -o out terms)
[ "$rc" = 0 ] && diff -r tests/site/expected "$tmp/coll/out" >/dev/null &&
    ok || { bad "install: build outside the repository: exit $rc"; head -3 "$tmp/err"; }
# diff and matrix pages too, with the built-in diff.html and matrix.html.
rc=$(cd "$tmp/coll" && capture diff --format=html terms/acme/hosting/2024-01-01.md \
    terms/acme/hosting/2024-04-01.md)
[ "$rc" = 1 ] && grep -q '<table class="taisho"' "$tmp/out" && ok ||
    bad "install: diff --format=html outside the repository: exit $rc"
cp terms/topics.yaml "$tmp/coll/topics.yaml"
rc=$(cd "$tmp/coll" && capture matrix --format=html --topics topics.yaml terms)
[ "$rc" = 0 ] && grep -q 'matrix.js' "$tmp/out" && ok ||
    bad "install: matrix --format=html outside the repository: exit $rc"
# A designer's folder still wins, and must be whole.
mkdir -p "$tmp/coll/tpl"
cp templates/* "$tmp/coll/tpl/"
sed "s|</body>|<p>designer</p></body>|" templates/page.html >"$tmp/coll/tpl/page.html"
rc=$(cd "$tmp/coll" && capture build -o out2 --templates tpl terms)
[ "$rc" = 0 ] && grep -q '<p>designer</p>' "$tmp/coll/out2/acme/hosting/2024-04-01.html" &&
    ok || bad "install: --templates does not override the built-in templates: exit $rc"
rm "$tmp/coll/tpl/style.css"
rc=$(cd "$tmp/coll" && capture build -o out3 --templates tpl terms)
[ "$rc" = 2 ] && [ ! -e "$tmp/coll/out3" ] &&
    grep -qxF "termc: tpl/style.css: No such file or directory; a templates folder (--templates DIR, or templates/ beside the terms) must hold every template" "$tmp/err" &&
    ok || { bad "install: a templates folder without style.css: exit $rc"; cat "$tmp/err"; }
case $T in
*/termc)
	if (MAKEFLAGS= MAKELEVEL= make -s install DESTDIR="$tmp/inst" PREFIX=/usr \
	    >"$tmp/out" 2>&1); then ok; else bad "install: make install failed"; cat "$tmp/out"; fi
	[ -x "$tmp/inst/usr/bin/termc" ] &&
	    cmp -s termc.1 "$tmp/inst/usr/share/man/man1/termc.1" && ok ||
	    bad "install: termc or termc.1 not installed under DESTDIR/PREFIX"
	rm -rf "$tmp/coll/out"
	(cd "$tmp/coll" && "$tmp/inst/usr/bin/termc" build -o out terms >/dev/null 2>&1)
	diff -r tests/site/expected "$tmp/coll/out" >/dev/null && ok ||
	    bad "install: the installed termc does not build the site"
	# mandoc -Tlint: an mdoc page with no error, warning or style note.
	if ! command -v mandoc >/dev/null 2>&1; then
		bad "install: mandoc missing (tools/deps.sh --test installs it)"
	elif mandoc -Tlint -Wstyle termc.1 >"$tmp/out" 2>&1; then ok
	else bad "install: mandoc -Tlint termc.1"; head -20 "$tmp/out"; fi
	# Every diagnostic code of src/diag.h has its entry in the man page,
	# and every command its section.
	for code in $(sed -n 's/^[[:space:]]*X([A-Z_0-9]*, *[A-Z]*, *"\([a-z0-9-]*\)".*/\1/p' src/diag.h); do
		grep -qx ".It Cm $code" termc.1 || bad "install: termc.1 lacks the code $code"
	done
	for c in $("$T" --help | awk '/^Commands:/{f=1;next} f&&!NF{f=0} f{print $1}'); do
		grep -qx ".Ss $c" termc.1 || bad "install: termc.1 lacks the command $c"
	done
	ok
	;;
esac
