#!/bin/sh
# tests/browser/run.sh SITE WDJSON WORK [MATRIX]: open every page of the built site
# SITE in Debian's Chromium, headless, through chromedriver (the W3C
# WebDriver protocol: curl for HTTP, WDJSON, tests/browser/wdjson.c, for
# JSON), and print one line a check, tab-separated:
#   ok	CHECK	PAGE
#   fail	CHECK	PAGE	WHAT
# followed, for a failure, by lines that start with a tab and say more.
# PAGE is relative to SITE.  The checks:
#   console	the page logs no error (a script error, a refused resource)
#   overflow	at a 390 px wide window the page is no wider than the window
#   links	every link, style sheet, script and image of the site that a page
#		names finds its file, and every anchor its id
#   url-wrap	at 390 px, every http(s) link in a table cell ends within
#		what its table's scroll box shows: a long URL wraps
#   contrast	every text has contrast 4.5:1 or more on its background
#   sticky-header, sticky-topic	(matrix.html, 390 px) scrolled down and
#		right, the header row and the topic column stay in sight
#   print-a4	(matrix.html) printed on A4 landscape, the PDF holds every
#		column's document title (pdftotext)
#   print-chosen	(matrix.html?cols=A,B) printed, the PDF holds the
#		chosen columns' titles and no other's
#   picker-url, picker, filter, diff, sort, noscript	(matrix.html) the
#		column picker, the filter box, "only rows that differ" and
#		the sortable headers of templates/matrix.js do what they say,
#		keep the choice in the page's query, and bring it back from
#		it; with script off every column and row is shown (picker.js)
#   page-links	(MATRIX other than matrix.html, a matrix in pages) the
#		links to the other pages carry the filter along
#   borrow	(the same) a column of matrix-2.html named in the query, or
#		chosen in the box that adds one, shows beside the page's own
# With PAGES set (a file name pattern), only the pages it matches are
# visited (their links to other pages' anchors are then not checked).
# MATRIX is the matrix page the matrix checks drive (default matrix.html;
# matrix-1.html for a matrix in pages).  WORK is a scratch folder.  Exits 2 when the browser cannot be driven.
set -u
site=$(cd "$1" && pwd) || exit 2
wdjson=$2
w=$3
mx=${4:-matrix.html}
here=$(cd "$(dirname "$0")" && pwd)
# Chromium's profile and scratch files go in WORK too (TMPDIR).
mkdir -p "$w/ids" "$w/tmp" || exit 2

cd_pid=
sid=
cleanup() {
	[ -n "$sid" ] && curl -sS --max-time 30 -X DELETE \
	    "http://127.0.0.1:$port/session/$sid" >/dev/null 2>&1
	[ -n "$cd_pid" ] && kill "$cd_pid" 2>/dev/null && wait "$cd_pid" 2>/dev/null
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# wd METHOD PATH [BODY_FILE]: one WebDriver command; the response on
# standard output.  A response that is an error is printed on standard
# error and the status is 1.
wd() {
	if [ $# -gt 2 ]; then
		curl -sS --max-time 120 -X "$1" -H 'Content-Type: application/json' \
		    --data-binary "@$3" "http://127.0.0.1:$port$2" >"$w/resp"
	else
		curl -sS --max-time 120 -X "$1" "http://127.0.0.1:$port$2" >"$w/resp"
	fi || return 1
	if "$wdjson" get value error <"$w/resp" >/dev/null 2>&1; then
		"$wdjson" get value message <"$w/resp" | head -3 >&2
		return 1
	fi
	cat "$w/resp"
}

# script FILE [ARG]: run FILE in the page; its result on standard output.
script() {
	{ printf '{"script":'; "$wdjson" str <"$1"
	  printf ',"args":[%s]}' "${2:+\"$2\"}"; } >"$w/body"
	wd POST "/session/$sid/execute/sync" "$w/body" | "$wdjson" get value
}

# cdp METHOD PARAMS: a DevTools command through chromedriver.
cdp() {
	printf '{"cmd":"%s","params":%s}' "$1" "$2" >"$w/body"
	wd POST "/session/$sid/goog/cdp/execute" "$w/body" >/dev/null
}

visit() {
	printf '{"url":"file://%s/%s"}' "$site" "$1" >"$w/body"
	wd POST "/session/$sid/url" "$w/body" >/dev/null
}

# result CHECK PAGE [WHAT]: ok without WHAT, else fail.
result() {
	if [ $# -eq 2 ]; then
		printf 'ok\t%s\t%s\n' "$1" "$2"
	else
		printf 'fail\t%s\t%s\t%s\n' "$1" "$2" "$3"
	fi
}

# chromedriver on a port of its own: another run may hold one (then
# chromedriver exits at once), so up to five ports are tried.
for try in 1 2 3 4 5; do
	port=$((20000 + ($$ * 7 + try * 1009) % 40000))
	TMPDIR=$w/tmp chromedriver --port="$port" >"$w/chromedriver.log" 2>&1 &
	cd_pid=$!
	i=0
	until curl -sS --max-time 5 "http://127.0.0.1:$port/status" 2>/dev/null |
	    grep -q '"ready":true'; do
		i=$((i + 1))
		kill -0 "$cd_pid" 2>/dev/null && [ "$i" -le 100 ] || break
		sleep 0.2
	done
	[ "$i" -le 100 ] && kill -0 "$cd_pid" 2>/dev/null && break
	kill "$cd_pid" 2>/dev/null
	wait "$cd_pid" 2>/dev/null
	cd_pid=
done
if [ -z "$cd_pid" ]; then
	echo "browser: chromedriver did not start:" >&2
	tail -5 "$w/chromedriver.log" >&2
	exit 2
fi
# As root, Chromium runs only without its sandbox.
printf '%s' '{"capabilities":{"alwaysMatch":{"browserName":"chrome",
 "goog:chromeOptions":{"binary":' >"$w/body"
printf "%s" "$(command -v chromium)" | "$wdjson" str >>"$w/body"
cat >>"$w/body" <<'EOF'
,"args":["--headless=new","--no-sandbox","--disable-gpu",
  "--disable-dev-shm-usage","--window-size=1280,900"]},
 "goog:loggingPrefs":{"browser":"ALL"}}}}
EOF
sid=$(wd POST /session "$w/body" | "$wdjson" get value sessionId) || {
	echo "browser: no WebDriver session" >&2
	exit 2
}

# A phone's window: 390 CSS px wide (window sizes below 500 px are only
# had by emulation).
cdp Emulation.setDeviceMetricsOverride \
    '{"width":390,"height":844,"deviceScaleFactor":1,"mobile":false}' || exit 2
(cd "$site" && find . -name "${PAGES:-*.html}" | sed 's|^\./||' | LC_ALL=C sort) >"$w/pages"
: >"$w/links"
while read -r page; do
	if ! visit "$page" || ! script "$here/page.js" >"$w/page.out"; then
		result load "$page" "the page could not be opened"
		continue
	fi
	echo '{"type":"browser"}' >"$w/body"
	wd POST "/session/$sid/se/log" "$w/body" | "$wdjson" severe >"$w/console"
	if [ -s "$w/console" ]; then
		result console "$page" "$(wc -l <"$w/console") errors"
		sed 's/^/\t/' "$w/console"
	else
		result console "$page"
	fi
	awk -F'\t' '$1 == "width" { exit !($2 <= $3) }' "$w/page.out" &&
	    result overflow "$page" || result overflow "$page" "$(awk -F'\t' \
	    '$1 == "width" { print $2 " px wide at a " $3 " px window" }' "$w/page.out")"
	if grep -q '^urlcell' "$w/page.out"; then
		result url-wrap "$page" "$(grep -c '^urlcell' "$w/page.out") URLs in table cells pass the screen"
		awk -F'\t' '$1 == "urlcell" { print "\t" $2 " ends at " $3 " px, the box at " $4 " px" }' \
		    "$w/page.out" | head -4
	else
		result url-wrap "$page"
	fi
	awk -F'\t' '$1 == "id" { print $2 }' "$w/page.out" >"$w/ids/$(echo "$page" | tr / _)"
	awk -F'\t' -v p="$page" '$1 == "link" { print p "\t" $2 "\t" $3 }' \
	    "$w/page.out" >>"$w/links"
	if grep -q '^contrast' "$w/page.out"; then
		result contrast "$page" "$(grep -c '^contrast' "$w/page.out") texts below 4.5:1"
		# RATIO FG BG WHERE TEXT: the first of each kind of element.
		awk -F'\t' '$1 == "contrast" && !seen[$5 FS $3 FS $4]++ {
		    print "\t" $2 ":1 " $3 " on " $4 " " $5 " \"" $6 "\"" }' \
		    "$w/page.out" | head -8
	else
		result contrast "$page"
	fi
done <"$w/pages"

# Every link into the site, once every page's anchors are known.
while read -r page; do
	awk -F'\t' -v p="$page" '$1 == p' "$w/links" | while IFS='	' read -r _ path frag; do
		case $path in
		"$site"/*) rel=${path#"$site"/} ;;
		*) echo "$path (outside the site)"; continue ;;
		esac
		[ -f "$path" ] || { echo "$rel (no such file)"; continue; }
		[ -z "$frag" ] && continue
		ids="$w/ids/$(echo "$rel" | tr / _)"
		# PAGES set: anchors of pages not visited are not known.
		[ -n "${PAGES:-}" ] && [ ! -f "$ids" ] && continue
		[ -f "$ids" ] && grep -qxF -e "$frag" "$ids" ||
		    echo "$rel#$frag (no such anchor)"
	done >"$w/broken"
	if [ -s "$w/broken" ]; then
		result links "$page" "$(wc -l <"$w/broken") broken links"
		sed 's/^/\t/' "$w/broken" | head -8
	else
		result links "$page"
	fi
done <"$w/pages"

if [ -f "$site/$mx" ]; then
	visit "$mx" && script "$here/sticky.js" scroll >/dev/null &&
	    script "$here/sticky.js" >"$w/sticky" || : >"$w/sticky"
	for what in header topic; do
		line=$(awk -F'\t' -v k="$what" '$1 == k { $1 = $1; print }' "$w/sticky")
		moved=$(awk -F'\t' '$1 == "scrolled" { print ($2 > 0 && $3 > 0) }' "$w/sticky")
		case $line in
		*" visible "*)
			if [ "$moved" = 1 ]; then result "sticky-$what" "$mx"
			else result "sticky-$what" "$mx" "the table did not scroll"; fi ;;
		*) result "sticky-$what" "$mx" "out of sight after scrolling (${line:-no answer})" ;;
		esac
	done

	# Printed as a browser prints: the page's own size, no emulation.
	cdp Emulation.clearDeviceMetricsOverride '{}'
	printf '%s\n' 'return Array.prototype.map.call(document.querySelectorAll(' \
	    '"table.matrix thead th .doc"), function (e) { return e.textContent; }).join("\n");' \
	    >"$w/cols.js"
	cat >"$w/body" <<'EOF'
{"orientation":"landscape","page":{"width":29.7,"height":21.0},"background":true}
EOF
	if visit "$mx" && script "$w/cols.js" >"$w/cols" &&
	    wd POST "/session/$sid/print" "$w/body" | "$wdjson" get value |
	    base64 -d >"$w/matrix.pdf" && pdftotext -raw "$w/matrix.pdf" "$w/matrix.txt"; then
		tr -d ' \n\t' <"$w/matrix.txt" >"$w/matrix.flat"
		while read -r title; do
			flat=$(printf '%s' "$title" | tr -d ' \t')
			grep -qF -e "$flat" "$w/matrix.flat" || echo "$title"
		done <"$w/cols" >"$w/missing"
		if [ ! -s "$w/cols" ]; then
			result print-a4 "$mx" "no column found in the page"
		elif [ -s "$w/missing" ]; then
			result print-a4 "$mx" "$(wc -l <"$w/missing") of $(wc -l <"$w/cols") columns missing from the PDF"
			sed 's/^/\t/' "$w/missing"
		else
			result print-a4 "$mx"
		fi
	else
		result print-a4 "$mx" "could not print to PDF"
	fi
fi
# The matrix's controls (templates/matrix.js) driven as a reader does,
# at the desk's width; tests/browser/picker.js says what each step reports.
# A, B and C are the first three columns, D any topic's name.
if [ -f "$site/$mx" ]; then
	cdp Emulation.clearDeviceMetricsOverride '{}'
	grep -o 'data-col="[^"]*"' "$site/$mx" | sed 's/^data-col="//; s/"$//' >"$w/names"
	A=$(sed -n 1p "$w/names") B=$(sed -n 3p "$w/names") C=$(sed -n 2p "$w/names")
	all=$(paste -sd, "$w/names")
	D=$(sed -n 's/.*<th scope="row">\([^<]*\)<span.*/\1/p' "$site/$mx" | sed -n 1p)
	nrows=$(grep -o '<th scope="row">' "$site/$mx" | wc -l)
	# step ACTION: run picker.js; its state in $w/state.
	step() { script "$here/picker.js" "$1" >"$w/state" || : >"$w/state"; }
	# field NAME: one record of the state.
	field() { awk -F'\t' -v k="$1" '$1 == k { print $2 }' "$w/state"; }
	# sorted asc|desc: is the order record sorted, rows without a value last?
	sorted() { field order | awk -F, -v d="$1" '{ for (i = 1; i <= NF; i++) {
		if ($i == "-") { blank = 1; continue }
		if (blank || (i > 1 && $(i-1) != "-" && (d == "asc" ? $i + 0 < $(i-1) : $i + 0 > $(i-1)))) bad = 1 }
		exit !(NF > 1 && !bad) }'; }

	if [ -z "$C" ] || [ -z "$D" ]; then
		result picker "$mx" "fewer than three columns or no topic to drive"
	else
	visit "$mx?cols=$A,$B" && step state
	if [ "$(field cols)" != "$A,$B" ]; then
		result picker-url "$mx" "?cols=$A,$B shows columns '$(field cols)'"
	else
		result picker-url "$mx"
	fi
	step "pick $C"
	if [ "$(field cols)" != "$A,$C,$B" ] || [ "$(field query)" != "?cols=$A,$C,$B" ]; then
		result picker "$mx" "adding $C: columns '$(field cols)', query '$(field query)'"
	else
		result picker "$mx"
	fi

	step "filter $D"
	if [ "$mx" != matrix.html ]; then
		printf '%s\n' 'return Array.prototype.map.call(document.querySelectorAll(' \
		    '".matrix-pages a"), function (a) {' \
		    'return decodeURIComponent(a.getAttribute("href")); }).join("\n");' >"$w/nav.js"
		script "$w/nav.js" >"$w/nav" || : >"$w/nav"
		if [ -s "$w/nav" ] && ! grep -vqF -e "?q=$D" "$w/nav"; then
			result page-links "$mx"
		else
			result page-links "$mx" "after filtering '$D' the page links are '$(cat "$w/nav")'"
		fi
	fi
	if [ "$mx" != matrix.html ]; then
		# A column of another page named in the query is put in,
		# and the add box puts one in.
		X=$(grep -o 'data-col="[^"]*"' "$site/matrix-2.html" | sed -n '1s/^data-col="//; 1s/"$//p')
		# borrowed COLS: the state shows COLS (the cells load after
		# the page: asked again for up to 5 s).
		borrowed() {
			i=0
			while step state; [ "$(field cols)" != "$1" ] && [ $i -lt 10 ]; do
				sleep 0.5; i=$((i + 1))
			done
			[ "$(field cols)" = "$1" ] && [ "$(field rows)" = "$nrows" ]
		}
		if [ -z "$X" ]; then
			result borrow "$mx" "no column on matrix-2.html"
		elif ! { visit "$mx?cols=$A,$X" && borrowed "$A,$X"; }; then
			result borrow "$mx" "?cols=$A,$X shows columns '$(field cols)', $(field rows) rows"
		elif ! { visit "$mx?cols=$A" && step addfocus && sleep 1 &&
		    script "$here/picker.js" "add $X" >/dev/null && sleep 1 &&
		    borrowed "$A,$X"; }; then
			result borrow "$mx" "adding $X: columns '$(field cols)', query '$(field query)'"
		else
			result borrow "$mx"
		fi
		visit "$mx?cols=$A,$C,$B" && step "filter $D"
	fi
	if [ "$(field rows)" -lt 1 ] || [ -n "$(field missing)" ] ||
	    [ "$(field query)" != "?cols=$A,$C,$B&q=$D" ]; then
		result filter "$mx" "'$D': $(field rows) rows, without it: '$(field missing)', query '$(field query)'"
	else
		step "filter "
		if [ "$(field rows)" != "$nrows" ]; then
			result filter "$mx" "filter emptied: $(field rows) of $nrows rows"
		else
			result filter "$mx"
		fi
	fi

	# One column cannot differ from itself; two differ where they do.
	visit "$mx?cols=$A" && step diff
	r1=$(field rows) q1=$(field query)
	step "pick $B"
	if [ "$r1" != 0 ] || [ "$q1" != "?cols=$A&diff=1" ]; then
		result diff "$mx" "one column: $r1 rows differ, query '$q1'"
	elif [ -n "$(field same)$(field differs)" ] || [ "$(field rows)" -lt 1 ]; then
		result diff "$mx" "two columns: $(field rows) rows; shown though the same: '$(field same)'; hidden though they differ: '$(field differs)'"
	else
		result diff "$mx"
	fi

	# Sorted up, then down, and the URL brings the order back.
	visit "$mx?cols=$A,$B" && step "sort $A"
	if ! sorted asc || [ "$(field query)" != "?cols=$A,$B&sort=$A" ]; then
		result sort "$mx" "ascending by $A: '$(field order)', query '$(field query)'"
	else
		step "sort $A"
		before=$(field topics) q=$(field query)
		if ! sorted desc || [ "$q" != "?cols=$A,$B&sort=$A&dir=desc" ]; then
			result sort "$mx" "descending by $A: '$(field order)', query '$q'"
		else
			visit "$mx$q" && step state
			if [ "$(field topics)" != "$before" ] || [ "$(field cols)" != "$A,$B" ]; then
				result sort "$mx" "reopened as $q: another order or columns '$(field cols)'"
			else
				result sort "$mx"
			fi
		fi
	fi

	# Printed with two columns chosen: those two, not the others.
	printf '%s\n' 'return Array.prototype.map.call(document.querySelectorAll(' \
	    '"table.matrix thead th[data-col]"), function (e) {' \
	    'return e.getAttribute("data-col") + "\t" + e.querySelector(".doc").textContent; }).join("\n");' \
	    >"$w/titles.js"
	cat >"$w/body" <<'EOF2'
{"orientation":"landscape","page":{"width":29.7,"height":21.0},"background":true}
EOF2
	if visit "$mx?cols=$A,$B" && script "$w/titles.js" >"$w/titles" &&
	    wd POST "/session/$sid/print" "$w/body" | "$wdjson" get value |
	    base64 -d >"$w/chosen.pdf" && pdftotext -raw "$w/chosen.pdf" "$w/chosen.txt"; then
		tr -d ' \n\t' <"$w/chosen.txt" >"$w/chosen.flat"
		while IFS='	' read -r name title; do
			flat=$(printf '%s' "$title" | tr -d ' \t')
			if grep -qF -e "$flat" "$w/chosen.flat"; then in=1; else in=0; fi
			case ",$A,$B," in
			*",$name,"*) [ "$in" = 1 ] || echo "$name missing" ;;
			*) [ "$in" = 0 ] || echo "$name printed, not chosen" ;;
			esac
		done <"$w/titles" >"$w/wrong"
		if [ ! -s "$w/titles" ]; then
			result print-chosen "$mx" "no column found in the page"
		elif [ -s "$w/wrong" ]; then
			result print-chosen "$mx" "$(wc -l <"$w/wrong") columns wrong in the PDF"
			sed 's/^/\t/' "$w/wrong"
		else
			result print-chosen "$mx"
		fi
	else
		result print-chosen "$mx" "could not print to PDF"
	fi

	# Without script the page shows everything and no control.
	cdp Emulation.setScriptExecutionDisabled '{"value":true}'
	visit "$mx?cols=$A" && step state
	cdp Emulation.setScriptExecutionDisabled '{"value":false}'
	if [ "$(field controls)" != 0 ] || [ "$(field cols)" != "$all" ] ||
	    [ "$(field rows)" != "$nrows" ]; then
		result noscript "$mx" "script off: $(field controls) controls, columns '$(field cols)', $(field rows) of $nrows rows"
	else
		result noscript "$mx"
	fi
	fi
fi
exit 0
