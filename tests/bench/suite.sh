# tests/bench: a long body is parsed and lowered in pieces (md.c), and the
# pieces change nothing.  Each document of tests/bench/long.awk is built
# (termc check, termc tree) as it is, in pieces, and again with a link
# reference definition at its end, which makes md.c parse it whole: both
# must agree byte for byte, and the findings written into a late piece
# must stand at the lines and columns the generator wrote them.
# Sourced by tests/run.sh once per binary $T; uses its helpers.
lb=$tmp/long
mkdir -p "$lb"
for mode in plain toc blocks title titlelate titlefar; do
	awk -v n=2000 -v mode=$mode -f tests/bench/long.awk \
	    >"$lb/doc.md" 2>"$lb/pos"
	capture check "$lb/doc.md" >/dev/null
	cat "$tmp/out" "$tmp/err" >"$lb/pieces.check"
	capture tree "$lb/doc.md" >/dev/null
	cp "$tmp/out" "$lb/pieces.tree"
	# The title heading is a line of text unless another heading of its
	# level comes later (in a later piece).
	nd=$(grep -c '"type": "division"' "$lb/pieces.tree")
	case $mode in
	title | titlefar) [ "$nd" = 0 ] && ok || bad "bench long $mode: $nd divisions" ;;
	titlelate) [ "$nd" = 2 ] && ok || bad "bench long titlelate: $nd divisions, expected 2" ;;
	esac
	sed -n 's/^[^:]*:\([0-9]*:[0-9]*\): warning: .*\[raw-html\]$/\1/p' \
	    "$lb/pieces.check" | tr '\n' ' ' >"$lb/got"
	[ "$(cat "$lb/got")" = "$(cat "$lb/pos") " ] && ok ||
	    bad "bench long $mode: raw-html at $(cat "$lb/got"), expected $(cat "$lb/pos")"
	printf '\n[unused]: https://example.com/\n' >>"$lb/doc.md"
	capture check "$lb/doc.md" >/dev/null
	cat "$tmp/out" "$tmp/err" | cmp -s - "$lb/pieces.check" && ok ||
	    bad "bench long $mode: findings differ when parsed whole"
	capture tree "$lb/doc.md" >/dev/null
	cmp -s "$tmp/out" "$lb/pieces.tree" && ok ||
	    bad "bench long $mode: tree differs when parsed whole"
done

# termc build of a long document: with -j 2 its pieces are parsed on a
# second thread and its checks run beside its pages (docs/speed.md); -j 1
# makes it on one.  The site and the findings must be the same, byte for
# byte: a document of two revisions, then with a history out of order in
# the second (an error of the checks, so that it is left out and the
# pages made beside them are thrown away).
lt=$lb/terms/a/b
mkdir -p "$lt"
# build_j12 NAME: $lb/terms built with -j 1 into $lb/o1 (findings and exit
# status in $lb/e1) and with -j 2 into $lb/o2: the same, byte for byte.
build_j12() {
	for j in 1 2; do
		rm -rf "$lb/o$j"
		run_termc build --no-cache -j $j -o "$lb/o$j" "$lb/terms" \
		    >/dev/null 2>"$lb/e$j"
		echo $? >>"$lb/e$j"
		sed -i "s|$lb/o$j|OUT|" "$lb/e$j"
	done
	diff -r "$lb/o1" "$lb/o2" >/dev/null && cmp -s "$lb/e1" "$lb/e2" && ok ||
	    bad "bench long build $1: -j 1 and -j 2 differ"
}
awk -v n=2000 -v mode=plain -f tests/bench/long.awk >"$lt/2024-01-01.md" \
    2>/dev/null
sed -e 's/^revision: 2024-01-01/revision: 2024-06-01/' \
    -e 's/利用者の理解を助ける/利用者の理解を深める/' "$lt/2024-01-01.md" \
    >"$lt/2024-06-01.md"
for round in good late; do
	if [ $round = late ]; then
		sed -i 's/^revision: 2024-06-01$/revision: 2024-06-01\nhistory:\n  - date: 2024-06-01\n    note: 改定\n  - date: 2024-01-01\n    note: 制定/' \
		    "$lt/2024-06-01.md"
	fi
	build_j12 "$round"
	n=$(ls "$lb/o1/a/b" | grep -c '^2024-.*\.html$')
	case $round in
	good) [ "$n" = 2 ] && ok || bad "bench long build good: $n pages, expected 2" ;;
	late) [ "$n" = 1 ] && grep -q 'history-order' "$lb/e1" && ok ||
	    bad "bench long build late: $n pages, expected 1 and a history-order error" ;;
	esac
done

# The references of a long document: with -j 2 those of its second half
# are resolved on the second thread (xref.c, xref_resolve_par()), with
# -j 1 all on one; the sites and the findings (lines and columns of the
# broken ones: one in ten articles, and 前条 in the first) must be the
# same, byte for byte.
rm -rf "$lb/terms"
mkdir -p "$lt"
awk -v n=2000 -v mode=refs -f tests/bench/long.awk >"$lt/2024-01-01.md" \
    2>/dev/null
build_j12 refs
n=$(grep -c 'xref-broken' "$lb/e1")
[ "$n" = 201 ] &&
    grep -q "2024-01-01.md:12009:30: warning: .*第4000条" "$lb/e1" && ok ||
    bad "bench long build refs: $n xref-broken, expected 201 (前条 in 第1条 too) and the last at 12009:30"

# A lowering that fails in a middle piece (more item levels than the
# lowering allows, in article 1000 of 2000) stops the thread that parses
# the pieces ahead of it: exit 1 and the findings of the body parsed
# whole; ASan and valgrind see the pieces parsed and never lowered freed.
awk -v n=2000 -v mode=plain -f tests/bench/long.awk 2>/dev/null |
    awk '{ print } /^## 第1000条/ { getline; print; print ""
	print "本文。"; print "（１）あ"; print "①い"; print "一　う"
	print "イ　え"; print "（ア）か"; print "(a) き"; print "(ii) く"
	print "a) け"; print "（一）こ"; print "1) さ" }' >"$lb/deep.md"
rc=$(capture check "$lb/deep.md")
cat "$tmp/out" "$tmp/err" >"$lb/deep.check"
printf '\n[unused]: https://example.com/\n' >>"$lb/deep.md"
capture check "$lb/deep.md" >/dev/null
[ "$rc" = 1 ] && grep -q 'more than 8 item levels \[too-deep\]' "$lb/deep.check" &&
    cat "$tmp/out" "$tmp/err" | cmp -s - "$lb/deep.check" && ok ||
    bad "bench long deep: rc $rc; findings in pieces differ from whole or lack too-deep"
