# Nothing dropped silently: every letter and digit of the text a reader
# sees in a terms file is in its clause tree (labels, captions, text,
# table cells, title, provider name, history notes), for every terms
# file of the repository that loads.  ASCII digits are left out of the
# comparison: Markdown shows list numbers anew (1. 1. 1. reads 1. 2. 3.).
# build/docstat counts (tests/eval/docstat.c); plain binary only.
case $T in
*asan*) ;;
*)
if [ ! -x "$top/build/docstat" ]; then
	bad "lossless: build/docstat is missing (make test builds it)"
else
	n=0
	for md in terms/*/*/*.md tests/regress/*.md tests/check/*.md \
	    tests/site/terms/*/*/*.md tests/diff/*.md tests/diff/*/*.md; do
		[ -f "$md" ] || continue
		"$top/build/docstat" "$md" >"$tmp/ds" 2>/dev/null || continue
		grep -q '^status	ok' "$tmp/ds" || continue
		lost=$(awk -F'\t' '$1 == "letters" { print $5 }' "$tmp/ds")
		n=$((n + 1))
		[ "${lost:-x}" = 0 ] && ok ||
		    bad "lossless: $md: ${lost:-?} letters of its text are not in its tree"
	done
	[ $n -ge 20 ] && ok || bad "lossless: only $n terms files read"
fi
;;
esac
