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
if ! command -v chromium >/dev/null 2>&1 ||
    ! command -v chromedriver >/dev/null 2>&1 ||
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
	# more NAME [MATRIX [PAGES]]: run.sh on the site in $B/NAME (its
	# matrix page MATRIX, only the pages PAGES), the verdicts added to
	# the main run's with the pages named NAME/….
	more() {
		PAGES=${3:-} sh "$top/tests/browser/run.sh" "$B/$1" \
		    "$top/build/wdjson" "$B/work-$1" ${2:+"$2"} \
		    >"$B/results-$1" 2>"$B/err-$1" &&
		    awk -F'\t' -v n="$1" 'BEGIN { OFS = FS }
			/^(ok|fail)\t/ { $3 = n "/" $3 } { print }' \
		    "$B/results-$1" >>"$B/results" ||
		    { bad "browser: Chromium could not be driven ($1/)"; head -5 "$B/err-$1"; }
	}
	# A 新旧対照表 from `termc diff --format=html`, alone in a folder: the
	# same checks (no console error: its CSP allows its own style; no
	# overflow at 390 px, contrast), its pages named alone/....
	mkdir -p "$B/alone"
	"$T" diff --format=html terms/directors/cloud-operation/2017-03-01.md \
	    terms/directors/cloud-operation/2019-06-01.md >"$B/alone/diff.html" 2>"$B/err2"
	if [ $? != 1 ]; then
		bad "browser: termc diff --format=html failed"
	else
		more alone
	fi
	# A matrix in pages (termc build --matrix-columns 4): the index and
	# each page get the page checks, matrix-1.html the matrix's, and its
	# links to the other pages carry the filter; its pages named paged/….
	if ! "$T" build --matrix-columns 4 -o "$B/paged" terms 2>"$B/err" ||
	    [ ! -f "$B/paged/matrix-2.html" ]; then
		bad "browser: terms/ with --matrix-columns 4 builds no pages"
	else
		more paged matrix-1.html 'matrix*.html'
	fi
	# Long URLs in table cells (tests/site/urls) wrap at 390 px
	# (url-wrap), with the page checks; its pages named urls/….
	if ! "$T" build -o "$B/urls" tests/site/urls/terms 2>"$B/err"; then
		bad "browser: tests/site/urls/terms does not build"
	else
		more urls
	fi
	grep -c '^[a-z]' "$kf" | sed 's/^/   browser: known failures listed in tests\/browser\/known-failures: /'
	# Each verdict against the list: ok, known (a listed failure), fixed
	# (a listed check that passes), fail (then its detail lines); and
	# every line of the list that names no check the run made (a renamed
	# page, a check that no longer exists): stale.
	awk -F'\t' '
	    NR == FNR { if (/^[a-z]/) { split($1, f, " "); kc[++nk] = f[1]
		pat = kraw[nk] = f[2]; gsub(/[.]/, "[.]", pat); gsub(/[*]/, "[^/]*", pat)
		gsub(/[?]/, "[^/]", pat); kp[nk] = "^" pat "$" }; next }
	    /^(ok|fail)\t/ { shown = 0; known = 0
		for (k = 1; k <= nk; k++)
			if (kc[k] == $2 && $3 ~ kp[k]) { known = 1; used[k] = 1 }
		if ($1 == "ok") print (known ? "fixed" : "ok") "\t" $2 " " $3
		else if (known) print "known\t" $2 " " $3 ": " $4
		else { print "fail\t" $2 " " $3 ": " $4; shown = 1 }
		next }
	    shown { print "detail" $0 }
	    END { for (k = 1; k <= nk; k++) if (!used[k])
		print "stale\t" kc[k] " " kraw[k] }' \
	    "$kf" "$B/results" >"$B/verdicts"
	while IFS='	' read -r verdict what; do
		case $verdict in
		ok) ok ;;
		known) ok; echo "   browser: known failure: $what" ;;
		fixed) bad "browser: $what passes: remove its line from tests/browser/known-failures" ;;
		fail) bad "browser: $what" ;;
		detail) echo "   $what" ;;
		stale) bad "browser: tests/browser/known-failures: no such check: $what" ;;
		esac
	done <"$B/verdicts"
fi
;;
esac
