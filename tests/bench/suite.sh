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
