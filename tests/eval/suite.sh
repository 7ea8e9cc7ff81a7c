# The figures of make eval on the real documents of ../shared/corpus,
# held against tests/eval/floors.  Runs once, with the plain binary (the
# figures are the same under ASan, and slower), and only where the
# corpus is there: CI has it beside the clone.
corpus=$top/../shared/corpus
case $T in
*asan*) ;;
*)
if [ ! -d "$corpus/jtos" ]; then
	echo "   eval: skipped: no $corpus"
elif [ ! -x "$top/build/docstat" ]; then
	bad "eval: build/docstat is missing (make test builds it)"
else
	sh "$top/tests/eval/eval.sh" "$T" "$top/build/docstat" "$corpus" \
	    "$tmp/eval" >"$tmp/eval.out" 2>&1
	grep '^[a-z]' "$tmp/eval.out" | grep -v '^figure' | sed 's/^/   /'
	while read -r name op value; do
		case $name in '#'*|'') continue ;; esac
		got=$(awk -v n="$name" '$1 == "figure" && $2 == n { print $3 }' \
		    "$tmp/eval.out")
		[ -n "$got" ] && [ "$got" "$op" "$value" ] && ok ||
		    bad "eval: $name is ${got:-missing}, the floor says $op $value"
	done <"$top/tests/eval/floors"
fi
;;
esac
