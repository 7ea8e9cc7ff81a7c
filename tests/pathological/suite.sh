# tests/pathological: inputs shaped to drive a parser into quadratic time
# or a large output, in the spirit of cmark's test/pathological_tests.py
# (the shapes are written afresh here).  Each shape is generated at n and
# at 10n in the same run, and termc must
#  - end in success (exit 0) or in a clear "path:line:col: error:" with
#    exit 1 and nothing on stdout: never a crash, a sanitizer report or a
#    time-out (PATHO_TIMEOUT seconds, 60 by default);
#  - take at most RATIO (30) times as long for 10n as for n: linear is 10,
#    quadratic 100.  A run faster than the floor (process start-up, 20 ms;
#    60 ms for the ASan build) counts as the floor, so that noise on tiny
#    runs cannot fail the ratio, and a ratio over the limit is measured
#    once more before it fails;
#  - for the shapes that expand text (link references, table rows padded
#    to the header's width), write at most 8 bytes per input byte plus
#    2 MiB on stdout.
# Under VALGRIND=1 the suite is skipped: time there means nothing.
# Sourced by tests/run.sh once per binary $T; uses its helpers.
if [ "${VALGRIND:-}" != 1 ]; then
pd=$tmp/patho
mkdir -p "$pd"
case $T in *asan*) pfloor=60 ;; *) pfloor=20 ;; esac

# pgen SHAPE N FILE: write one input.  Terms files get a fixed front
# matter unless the shape writes its own.
pgen() {
	awk -v s="$1" -v n="$2" '
	function rep(t, k,  i) { for (i = 0; i < k; i++) printf "%s", t }
	function fm(title) {
		printf "---\nprovider: a\nprovider_name: A\ndocument: b\n"
		printf "title: %s\nrevision: 2024-01-01\n", title
	}
	BEGIN {
		if (s == "fm-flow") {
			fm("T"); printf "x: "; rep("[", n); rep("]", n)
			printf "\n---\n\n本文。\n"; exit
		}
		if (s == "history") {
			fm("T"); printf "history:\n"
			rep("  - date: 2024-01-01\n", n)
			printf "---\n\n本文。\n"; exit
		}
		if (s == "topics-flow") {
			printf "topics: "; rep("[", n); rep("]", n); print ""; exit
		}
		if (s == "import") {
			for (i = 1; i <= n; i++)
				printf "第%d条（目的）\nこの規約は、利用の条件を定める。\n", i
			exit
		}
		if (s == "contents-en") {
			# Contents headings in one block, then a sentence:
			# each would read the block to the same line.
			rep("Contents\n", n); print "This is the end."; exit
		}
		fm("T"); printf "---\n\n"
		if (s == "table-cve") rep("|-\nt>|-\n", n)
		else if (s == "table-colons") { printf ":-\n"; rep(":\n", n); printf ":-\n" }
		else if (s == "table-lead") { rep("x\n", n); printf ":-\n" }
		else if (s == "table-html") {
			# A table inside an HTML comment, then a paragraph.
			printf "<!--\n\na|b\n-|-\nx -->|\n"; rep("t>|-\n|-\n", n)
		}
		else if (s == "ref-expand") {
			printf "[a]: /"; rep("u", n / 2); printf " \""; rep("t", n / 2)
			printf "\"\n\n"
			for (i = 1; i <= n / 10; i++)
				printf "[a]%s", i % 500 == 0 ? "\n\n" : ""
			print ""
		}
		else if (s == "ref-many") {
			for (i = 0; i < n; i++)
				printf "%s[r%d]: /u%d\n", i % 400 == 0 ? "\n" : "", i, i
			for (i = 0; i < n; i++)
				printf "%s[r%d]", i % 400 == 0 ? "\n\n" : " ", i
			print ""
		}
		else if (s == "url-parens") { printf "https://a.example/"; rep("()", n / 2); rep(")", n / 2); print "" }
		else if (s == "url-many") {
			for (i = 1; i <= n; i++)
				printf "https://a.example/(x)。%s", i % 200 == 0 ? "\n" : ""
			print ""
		}
		else if (s == "appx-refs") {
			for (i = 1; i <= n; i++)
				printf "%s別表第%d（", i % 400 == 0 ? "\n\n" : "", i
			print ""
			for (i = 1; i <= n / 10; i++)
				printf "\n# 別表第%d\n\n表。\n", i
		}
		else if (s == "brackets") { rep("[", n); printf "a"; rep("]", n); print "" }
		else if (s == "emph-nested") { rep("*a **a ", n); printf "b"; rep(" a** a*", n); print "" }
		else if (s == "emph-closers") { rep("a_ ", n); print "" }
		else if (s == "emph-openers") { rep("_a ", n); print "" }
		else if (s == "emph-mod3") { printf "a**b"; rep("c* ", n); print "" }
		else if (s == "link-openers") { rep("[ a_", n); print "" }
		else if (s == "link-parens") { rep("[ (](", n); print "" }
		else if (s == "link-unclosed") { rep("[a](<b", n); print "" }
		else if (s == "backticks") {
			for (i = 1; i <= n; i++) { printf "e"; rep("`", i) }
			print ""
		}
		else if (s == "blocks-para") rep("段落の文。[注]と*強調*。\n\n", n)
		else if (s == "quotes") {
			for (i = 0; i < n; i++) { rep("> ", i % 16); print "a" }
		}
		else if (s == "lists") {
			for (i = 0; i < n; i++) { rep("  ", i % 8); print "- a" }
		}
		else if (s == "table-rows") {
			print "| a | b | c |"; print "|---|---|---|"
			rep("| x | y | z |\n", n)
		}
		else if (s == "table-pad") {
			rep("|a", 60); print "|"; rep("|-", 60); print "|"
			rep("x\n", n)
		}
		else if (s == "table-cols") {
			for (i = 0; i < n; i++) {
				rep("|a", 60); print "|"; rep("|-", 60); print "|"
				rep("|x", 60); print "|"; print ""
			}
		}
	}' >"$3"
}

# ptime SHAPE FILE: run the shape's command on FILE; elapsed ms on stdout,
# exit status in $pd/rc, output in $pd/out and $pd/err.
ptime() {
	case $1 in
	topics-flow) set -- matrix --topics "$2" terms/acme/hosting ;;
	import | contents-en) set -- import --provider=a --document=b \
	    --revision=2024-01-01 --provider-name=A "$2" ;;
	*) set -- tree "$2" ;;
	esac
	t0=$(date +%s%N)
	timeout "${PATHO_TIMEOUT:-60}" "$T" "$@" >"$pd/out" 2>"$pd/err"
	echo $? >"$pd/rc"
	t1=$(date +%s%N)
	echo $(((t1 - t0) / 1000000))
}

# poutcome SHAPE FILE: success, or one clear error about FILE.
poutcome() {
	prc=$(cat "$pd/rc")
	if grep -q 'Sanitizer\|runtime error' "$pd/err"; then
		bad "pathological: $1: sanitizer report"
		head -5 "$pd/err"
	elif [ "$prc" = 0 ]; then
		ok
	elif [ "$prc" = 1 ] && [ ! -s "$pd/out" ] &&
	    grep -q "^$2:[0-9][0-9]*:[0-9][0-9]*: error: " "$pd/err"; then
		ok
	elif [ "$prc" = 124 ]; then
		bad "pathological: $1: timed out"
	else
		bad "pathological: $1: exit $prc without a path:line:col error"
		head -3 "$pd/err"
	fi
	case $1 in ref-*|table-pad*)
		pin=$(wc -c <"$2")
		pout=$(wc -c <"$pd/out")
		[ "$pout" -le $((8 * pin + 2097152)) ] && ok ||
		    bad "pathological: $1: $pout bytes out for $pin in" ;;
	esac
}

pline=""
# shape NAME N: the shape at N and 10N.
shape() {
	f1=$pd/$1.1.md
	f10=$pd/$1.10.md
	pgen "$1" "$2" "$f1"
	pgen "$1" $(($2 * 10)) "$f10"
	for try in 1 2; do
		ms1=$(ptime "$1" "$f1")
		poutcome "$1 n=$2" "$f1"
		ms10=$(ptime "$1" "$f10")
		poutcome "$1 n=$(($2 * 10))" "$f10"
		base=$ms1
		[ "$base" -ge "$pfloor" ] || base=$pfloor
		[ "$ms10" -le $((30 * base)) ] && break
	done
	[ "$ms10" -le $((30 * base)) ] && ok ||
	    bad "pathological: $1: ${ms1} ms at n=$2, ${ms10} ms at 10n"
	pline="$pline $1 $ms1/$ms10"
	rm -f "$f1" "$f10"
}

# The quadratic shapes termc guards (issue 14), then cmark's classics.
shape table-cve 600
shape table-colons 25000
shape table-lead 5000
shape table-html 600
shape fm-flow 4000
shape topics-flow 4000
shape ref-expand 4000
shape history 4500
shape import 3000
shape contents-en 3000
shape ref-many 400
shape url-parens 20000
shape url-many 3000
shape appx-refs 3000
shape brackets 180
shape emph-nested 90
shape emph-closers 600
shape emph-openers 600
shape emph-mod3 600
shape link-openers 450
shape link-parens 350
shape link-unclosed 900
shape backticks 60
shape blocks-para 300
shape quotes 300
shape lists 300
shape table-rows 1500
shape table-cols 20
shape table-pad 1000
echo "   pathological ms (n/10n):$pline" | fold -s -w 100 | sed '2,$s/^/     /'
fi
