# What tests/eval/eval.sh and tests/eval/variants.sh share: measuring one
# jtos document against TRUTH.tsv.  Sourced; the caller sets T (termc),
# DS (docstat), C (the corpus), W (a work folder) and verbose (-v when
# termc import has --verbose).

# stat FILE [SOURCE]: docstat's records into $W/stat, plus refusals.
stat() {
	"$DS" "$@" >"$W/stat" 2>/dev/null || echo "status	refused" >"$W/stat"
}

# match TRUTH GOT: how many lines of TRUTH GOT has too (as multisets).
match() {
	sort "$1" >"$W/m1"
	sort "$2" >"$W/m2"
	comm -12 "$W/m1" "$W/m2" | wc -l
}

figure() { echo "figure $1 $2"; }

# The lines import listed as dropped (contents lists, page furniture):
# accounted for, so not lost.
dropped() {
	sed -n 's/^termc: import: .*:[0-9]*: dropped ([^)]*): //p' "$W/imp"
}

# jtos_doc SLUG FORMAT SOURCE DIR: build SOURCE (Markdown with front
# matter added, or a text imported) as DIR/SLUG/tos/REVISION.md, compare
# its articles (number and caption) with SLUG's truth, and append its
# row to $W/jtos.rows (row()).
jtos_doc() {
	_slug=$1 _format=$2 _src=$3 _dir=$4
	out=$_dir/$_slug/tos/2024-01-01.md
	mkdir -p "$(dirname "$out")"
	if [ "$_format" = markdown ]; then
		# crlf set: the whole file, front matter too, ends its
		# lines with CR LF (tests/eval/variants.sh).
		{ printf -- '---\nprovider: %s\nprovider_name: "%s"\ndocument: tos\ntitle: "%s"\nrevision: 2024-01-01\n---\n\n' \
		    "$_slug" "$_slug" "$_slug"; cat "$_src"; } |
		    if [ -n "${crlf:-}" ]; then sed 's/\r*$/\r/'; else cat; fi >"$out"
		stat "$out" "$_src"
	else
		# The title is the document's own title line where import
		# finds one (its letters are the title's, not lost); the
		# slug only where it finds none.  So is the revision: the
		# latest date of the document's own history, as a user
		# importing it gets; 2024-01-01 only where it has none.
		"$T" import $verbose --provider="$_slug" --provider-name="$_slug" \
		    --document=tos \
		    -o "$W/title.md" "$_src" 2>"$W/imp"
		sed -e "s/^title: FILL-ME\$/title: \"$_slug\"/" \
		    -e 's/^revision: FILL-ME$/revision: 2024-01-01/' \
		    "$W/title.md" >"$W/rev.md"
		rev=$(sed -n 's/^revision: *//p' "$W/rev.md" | head -1)
		rm -f "$out"
		out=$_dir/$_slug/tos/$rev.md
		mv "$W/rev.md" "$out"
		dropped >"$W/dropped"
		stat "$out" "$_src" "$W/dropped"
	fi
	awk -F '\t' -v s="$_slug" '$1 == s { print $3 "\t" $4 }' \
	    "$C/jtos/TRUTH.tsv" >"$W/truth"
	awk -F '\t' '$1 == "article" { print $2 "\t" $4 }' "$W/stat" >"$W/got"
	row "$_slug" jtos
}

# row NAME SET: compare $W/got with $W/truth (articles, "number<TAB>
# caption") and append to $W/SET.rows "name status truth right got
# letters-lost warnings" from $W/stat, the codes of its warnings to
# $W/SET.warn.
row() {
	t=$(wc -l <"$W/truth"); g=$(wc -l <"$W/got"); r=$(match "$W/truth" "$W/got")
	st=$(awk -F '\t' '$1 == "status" { print $2 }' "$W/stat")
	l=$(awk -F '\t' '$1 == "letters" { print $4 }' "$W/stat")
	nw=$(grep -c '^warning' "$W/stat")
	grep '^warning' "$W/stat" | cut -f2 >>"$W/$2.warn"
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$st" "$t" "$r" "$g" "${l:-0}" "$nw" >>"$W/$2.rows"
}
