# tests/regress/CASE.md: tree (JSON) golden CASE.tree, XML golden CASE.xml
# when present, and the diagnostics golden CASE.lint (empty when absent).
# Sourced by tests/run.sh once per binary $T; uses its helpers.
for md in tests/regress/*.md; do
	[ -f "$md" ] || continue
	base=${md%.md}
	name=$(basename "$base")
	rc=$(capture tree "$md")
	# Exit 1 exactly when the expected diagnostics hold an error.
	want=0
	grep -q ': error: ' "$base.lint" 2>/dev/null && want=1
	[ "$rc" = "$want" ] && ok || bad "regress $name: exit $rc, expected $want"
	check "regress $name: tree" "$base.tree" "$tmp/out"
	if [ -f "$base.lint" ] || [ -s "$tmp/err" ]; then
		check "regress $name: diagnostics" "$base.lint" "$tmp/err"
	else
		ok
	fi
	if [ -f "$base.xml" ] || [ "${UPDATE:-}" = 1 ]; then
		capture tree --format=xml "$md" >/dev/null
		check "regress $name: xml" "$base.xml" "$tmp/out"
		# No output carries a C0 control but tab and LF (XML 1.0
		# forbids them; chars.md holds some).
		[ "$(LC_ALL=C tr -d '\011\012\040-\377' <"$tmp/out" | wc -c)" = 0 ] &&
		    ok || bad "regress $name: xml carries control characters"
	fi
done

# CASE.history.html: the revision history section of CASE's page (termc
# build): the front matter's entries and the history lines of the body.
for g in tests/regress/*.history.html; do
	[ -f "$g" ] || continue
	md=${g%.history.html}.md
	doc=$(sed -n 's/^document: *//p' "$md" | head -1)
	rev=$(sed -n 's/^revision: *//p' "$md" | head -1)
	rm -rf "$tmp/hist"
	mkdir -p "$tmp/hist/in/test/$doc"
	cp "$md" "$tmp/hist/in/test/$doc/$rev.md"
	run_termc build -o "$tmp/hist/out" "$tmp/hist/in" >/dev/null 2>&1 ||
	    bad "regress $(basename "$md"): termc build failed"
	grep -o '<section class="history">.*</section>' \
	    "$tmp/hist/out/test/$doc/$rev.html" >"$tmp/out" 2>/dev/null
	check "regress $(basename "$md"): history section" "$g" "$tmp/out"
done
