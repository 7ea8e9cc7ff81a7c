# tests/browser: the site built from terms/ opened in Debian's Chromium,
# headless (tests/browser/run.sh says what is checked and how).  Runs
# once, with the plain binary (the pages are the same under ASan).
# Checks that fail for a reason written in tests/browser/known-failures
# count as passed and are printed; a listed check that passes fails.
# Without Chromium the suite fails, unless it cannot be installed here
# (tools/deps.sh --test, as make test runs it, installs it).
# Sourced by tests/run.sh once per binary $T; uses its helpers.
case $T in
*asan*) ;;
*)
B=$tmp/browser
rm -rf "$B"
mkdir -p "$B"
kf=$top/tests/browser/known-failures
skip=
if ! command -v chromedriver >/dev/null 2>&1 ||
    ! command -v pdftotext >/dev/null 2>&1; then
	sh "$top/tools/deps.sh" --test >"$B/deps" 2>&1 || skip=1
fi
if [ -n "$skip" ]; then
	echo "   browser: skipped: Chromium is missing and cannot be installed here:"
	sed 's/^/   /' "$B/deps"
elif [ ! -x "$top/build/wdjson" ]; then
	bad "browser: build/wdjson is missing (make test builds it)"
elif ! "$T" build -o "$B/site" terms 2>"$B/err"; then
	bad "browser: terms/ does not build"
else
	sh "$top/tests/browser/run.sh" "$B/site" "$top/build/wdjson" "$B/work" \
	    >"$B/results" 2>"$B/err"
	[ $? = 0 ] && ok || { bad "browser: Chromium could not be driven"; head -5 "$B/err"; }
	grep -c '^[a-z]' "$kf" | sed 's/^/   browser: known failures listed in tests\/browser\/known-failures: /'
	# One verdict a check; a failure's detail lines follow it.
	last=
	while IFS='	' read -r verdict check page what; do
		case $verdict in
		ok|fail) ;;
		*) [ "$last" = shown ] && echo "   $verdict$check"; continue ;;
		esac
		known=$(awk -v c="$check" -v p="$page" '
		    $1 == c { pat = $2; gsub(/[.]/, "[.]", pat)
			gsub(/[*]/, "[^/]*", pat); gsub(/[?]/, "[^/]", pat)
			if (p ~ ("^" pat "$")) { print "known"; exit } }' "$kf")
		last=
		if [ "$verdict" = ok ] && [ -n "$known" ]; then
			bad "browser: $check $page passes: remove its line from tests/browser/known-failures"
		elif [ "$verdict" = ok ]; then
			ok
		elif [ -n "$known" ]; then
			ok
			echo "   browser: known failure: $check $page: $what"
		else
			bad "browser: $check $page: $what"
			last=shown
		fi
	done <"$B/results"
fi
;;
esac
