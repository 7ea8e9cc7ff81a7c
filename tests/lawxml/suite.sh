# tests/lawxml: standard law XML out (termc tree --format=lawxml) and in
# (termc import FILE.xml).  Sourced by tests/run.sh once per binary $T.
#
# - CASE.md -> CASE.lawxml golden (the mapping of shapes the schema cannot
#   hold as they stand); CASE.xml -> CASE.import.md golden (import).
# - Every export is valid against e-Gov's schema v3, read from
#   ../shared/corpus/egov-xml/stdLaw.xsd: every terms file under tests/
#   that termc tree accepts, terms/, and the corpus documents (ota .md
#   directly, jtos and egov text after termc import).
# - Round trip: terms file -> lawxml -> import -> lawxml is the same XML
#   and the same clause tree (termc tree JSON but for source lines).
# - The e-Gov file 405AC0000000088_20240401.xml imports with every
#   article's number, caption and text equal to the XML.
# - bad/CASE.xml: exit 1, nothing on stdout, nothing written with -o, and
#   exactly CASE.err on stderr.
# - Lawtext (npm package, installed into build/lawtext) reads every export
#   of the fixtures and terms/: see lawtext-check.js.
lx_dir=tests/lawxml
lx_corpus=$top/../shared/corpus
lx_schema=$lx_corpus/egov-xml/stdLaw.xsd
lx_egov=$lx_corpus/egov-xml/405AC0000000088_20240401.xml
lx_opts="--provider=test --provider-name=Test --document=lawxml"

# Goldens.
for md in "$lx_dir"/*.md; do
	case $md in *.import.md) continue ;; esac
	rc=$(capture tree --format=lawxml "$md")
	[ "$rc" = 0 ] && ok || bad "lawxml $md: exit $rc"
	check "lawxml $md: golden" "${md%.md}.lawxml" "$tmp/out"
done
for x in "$lx_dir"/*.xml; do
	rc=$(capture import $lx_opts "$x")
	[ "$rc" = 0 ] && ok || bad "lawxml import $x: exit $rc"
	[ -s "$tmp/err" ] && bad "lawxml import $x: stderr: $(head -1 "$tmp/err")" || ok
	check "lawxml import $x: golden" "${x%.xml}.import.md" "$tmp/out"
	# What import writes is a terms file termc reads without a complaint.
	cp "$tmp/out" "$tmp/lx-import.md"
	rc=$(capture tree "$tmp/lx-import.md")
	[ "$rc" = 0 ] && [ ! -s "$tmp/err" ] && ok ||
	    bad "lawxml import $x: termc tree of the import: exit $rc $(head -1 "$tmp/err")"
done

# Bad XML: a clear error, nothing written.
for x in "$lx_dir"/bad/*.xml; do
	rm -f "$tmp/lx-out.md"
	run_termc import $lx_opts -o "$tmp/lx-out.md" "$x" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	[ "$rc" = 1 ] && ok || bad "lawxml bad $x: exit $rc, expected 1"
	[ -s "$tmp/out" ] && bad "lawxml bad $x: stdout not empty" || ok
	[ -e "$tmp/lx-out.md" ] && bad "lawxml bad $x: -o file written" || ok
	check "lawxml bad $x: diagnostics" "${x%.xml}.err" "$tmp/err"
done

# Round trip.  Not round-tripped, by design: tests/regress/lists.md (items
# numbered 1. 2. inside a list read back as paragraphs: a Markdown list's
# numbers are positions, the XML keeps only the text), and
# tests/regress/english-list-sections.md (sections numbered by their place
# in a list, no number written: read back as unnumbered headings).  Not yet:
# tests/check/ja-sections*.md (a Japanese section label without a dot,
# 3 禁止事項 or １ 用語の定義, reads back from the XML as a division), and
# tests/regress/nested-shallow.md (unnumbered sub-items under item 1: import
# writes them as a bullet list under an escaped "1\." paragraph, which
# reads back as items of the paragraph, not of item 1), and
# tests/regress/sections-list-nested-en.md (a list item of a title line and
# a paragraph under it: import writes "1\. Title" and its text as one
# paragraph of two lines, read back as an item whose text is both).  deep.md keeps its
# XML but not its tree: a heading deeper than Division is a paragraph of
# its text in the XML; so does tests/import/statute/itemtable.md: the
# tables a paragraph holds between its items (e-Gov's 一, its table, 二)
# are written after the items.
# The tree below the root, without source lines and without spans: links
# and emphasis have no place in the standard (its text is plain), and
# references are found again in the same text.
lx_json() {
	sed -n '/^ "children": /,$p' "$1" | grep -v '^ *"line": ' |
	    awk '/"spans": \[\],?$/ { next }
		/"spans": \[$/ { skip = 1; ind = index($0, "\""); next }
		skip && index($0, "]") == ind { skip = 0; next }
		!skip'
}
# Every terms file among the tests (those termc tree refuses left out).
lx_fixtures=$(find tests -name '*.md' ! -path 'tests/bad/*' ! -name '*.import.md' |
    LC_ALL=C sort)
for md in $lx_fixtures terms/*/*/*.md; do
	case $md in tests/regress/lists.md | \
	    tests/regress/english-list-sections.md | \
	    tests/check/ja-sections*.md | \
	    tests/regress/sections-list-nested-en.md | \
	    tests/regress/nested-shallow.md) continue ;; esac
	rev=$(sed -n 's/^revision: *//p' "$md" | head -1)
	run_termc tree --format=lawxml "$md" >"$tmp/lx1.xml" 2>/dev/null ||
	    continue
	run_termc tree "$md" >"$tmp/lx1.json" 2>/dev/null
	run_termc import $lx_opts --revision="$rev" -o "$tmp/lx-rt.md" \
	    "$tmp/lx1.xml" 2>"$tmp/err" >/dev/null
	run_termc tree --format=lawxml "$tmp/lx-rt.md" >"$tmp/lx2.xml" 2>/dev/null
	run_termc tree "$tmp/lx-rt.md" >"$tmp/lx2.json" 2>/dev/null
	cmp -s "$tmp/lx1.xml" "$tmp/lx2.xml" && ok ||
	    bad "lawxml round trip $md: XML differs"
	[ "$md" = "$lx_dir/deep.md" ] && continue
	[ "$md" = tests/import/statute/itemtable.md ] && continue
	lx_json "$tmp/lx1.json" >"$tmp/lx1.tree"
	lx_json "$tmp/lx2.json" >"$tmp/lx2.tree"
	if cmp -s "$tmp/lx1.tree" "$tmp/lx2.tree"; then
		ok
	else
		bad "lawxml round trip $md: clause tree differs"
		diff "$tmp/lx1.tree" "$tmp/lx2.tree" | head -6
	fi
done

# Schema validation of every export.
if ! command -v xmllint >/dev/null 2>&1; then
	bad "lawxml: xmllint missing (tools/deps.sh installs libxml2-utils)"
elif [ ! -f "$lx_schema" ]; then
	echo "   skip: lawxml schema validation: $lx_schema not found"
else
	rm -rf "$tmp/lx-valid"
	mkdir -p "$tmp/lx-valid"
	lx_n=0
	lx_export() {	# lx_export FILE: export one terms file for validation
		lx_n=$((lx_n + 1))
		if run_termc tree --format=lawxml "$1" \
		    >"$tmp/lx-valid/$lx_n.xml" 2>/dev/null; then
			echo "$lx_n $1" >>"$tmp/lx-valid.list"
		else
			rm -f "$tmp/lx-valid/$lx_n.xml"
			bad "lawxml export $1: termc tree refused it"
		fi
	}
	: >"$tmp/lx-valid.list"
	for md in $lx_fixtures; do
		# Fixtures termc tree refuses on purpose have nothing to export.
		run_termc tree "$md" >/dev/null 2>&1 && lx_export "$md"
	done
	for md in terms/*/*/*.md; do
		lx_export "$md"
	done
	# The corpus once per run, with the plain build (ASan makes its 450
	# documents slow; the fixtures above go through both builds).
	case $T in *-asan) lx_corpus_run= ;; *) lx_corpus_run=1 ;; esac
	if [ -z "$lx_corpus_run" ]; then
		:
	elif [ -d "$lx_corpus" ]; then
		for md in "$lx_corpus"/ota/terms/*/*/*.md; do
			[ -f "$md" ] && lx_export "$md"
		done
		# jtos and egov texts (and jtos Markdown without front matter)
		# become terms files through termc import first.
		for f in "$lx_corpus"/jtos/*.md "$lx_corpus"/jtos/*.txt \
		    "$lx_corpus"/egov/text/*.txt; do
			[ -f "$f" ] || continue
			run_termc import $lx_opts --title=T --revision=2020-01-01 \
			    -o "$tmp/lx-imp.md" "$f" >/dev/null 2>&1
			lx_export "$tmp/lx-imp.md"
			sed -i "\$s|$tmp/lx-imp.md|$f|" "$tmp/lx-valid.list"
		done
	else
		echo "   skip: lawxml corpus exports: $lx_corpus not found"
	fi
	xmllint --noout --schema "$lx_schema" "$tmp"/lx-valid/*.xml \
	    >/dev/null 2>"$tmp/lx-valid.out"
	lx_valid=$(grep -c ' validates$' "$tmp/lx-valid.out")
	lx_total=$(wc -l <"$tmp/lx-valid.list")
	if [ "$lx_valid" = "$lx_total" ] && [ "$lx_total" -gt 0 ]; then
		ok
		[ -n "$lx_corpus_run" ] &&
		    echo "   lawxml: $lx_valid of $lx_total exports valid"
	else
		bad "lawxml: $lx_valid of $lx_total exports valid"
		grep -v ' validates$' "$tmp/lx-valid.out" | head -5
	fi
	# The e-Gov file itself: the schema is the one it was written for.
	[ -f "$lx_egov" ] && { xmllint --noout --schema "$lx_schema" \
	    "$lx_egov" 2>/dev/null && ok || bad "lawxml: $lx_egov invalid"; }
fi

# Import of e-Gov's own XML: every article (number as written, caption,
# and every paragraph's and item's text, without tags, layout white space
# and ideographic spaces: import puts one between an item's number and
# its text, and between Columns) equal between the XML and termc's tree
# of the import, written back.
lx_articles() {
	xmllint --xpath '//Article' "$1" 2>/dev/null | LC_ALL=C tr -d '\n' |
	    LC_ALL=C sed -e 's/>[ 	]*</></g' \
	    -e 's#</Article>#\n#g' -e 's/<[^>]*>//g' -e 's/　//g'
}
if [ ! -f "$lx_egov" ]; then
	echo "   skip: lawxml e-Gov import: $lx_egov not found"
elif command -v xmllint >/dev/null 2>&1; then
	run_termc import $lx_opts -o "$tmp/lx-egov.md" "$lx_egov" \
	    >/dev/null 2>"$tmp/err"
	[ -s "$tmp/err" ] && bad "lawxml e-Gov import: $(head -1 "$tmp/err")" || ok
	grep -q '^document_number: "平成五年法律第八十八号"$' \
	    "$tmp/lx-egov.md" && grep -q '^revision: "2024-04-01"$' \
	    "$tmp/lx-egov.md" && ok || bad "lawxml e-Gov import: front matter"
	run_termc tree --format=lawxml "$tmp/lx-egov.md" >"$tmp/lx-egov.xml" \
	    2>"$tmp/err"
	[ -s "$tmp/err" ] && bad "lawxml e-Gov tree: $(head -1 "$tmp/err")" || ok
	lx_articles "$lx_egov" >"$tmp/lx-a"
	lx_articles "$tmp/lx-egov.xml" >"$tmp/lx-b"
	# 46 articles of the main provision and 23 of its 附則.
	[ "$(wc -l <"$tmp/lx-a")" = 69 ] && ok ||
	    bad "lawxml e-Gov: $(wc -l <"$tmp/lx-a") articles read from the XML, expected 69"
	if cmp -s "$tmp/lx-a" "$tmp/lx-b"; then
		ok
	else
		bad "lawxml e-Gov import: articles differ from the XML"
		diff "$tmp/lx-a" "$tmp/lx-b" | head -4 | cut -c1-200
	fi
fi

# Lawtext reads the export.  Once per run (with the plain build): node is
# slow to start, and the XML is the same from either binary.
lx_lawtext=$top/build/lawtext/node_modules/lawtext/dist/src/main.js
case $T in
*-asan) ;;
*)
	if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
		echo "   skip: Lawtext: npm is missing"
	else
		if [ ! -f "$lx_lawtext" ]; then
			mkdir -p "$top/build/lawtext"
			[ -f "$top/build/lawtext/package.json" ] ||
			    echo '{"private": true}' >"$top/build/lawtext/package.json"
			(cd "$top/build/lawtext" && npm install --ignore-scripts \
			    --no-audit --no-fund --loglevel=error lawtext@0.1.52) \
			    >"$tmp/npm.log" 2>&1 || cat "$tmp/npm.log"
		fi
		if [ ! -f "$lx_lawtext" ]; then
			bad "Lawtext: npm install lawtext failed"
		else
			# 行政手続法 too, as termc imports and writes it.
			lx_lt_egov=
			[ -s "$tmp/lx-egov.md" ] && lx_lt_egov=$tmp/lx-egov.md
			for md in tests/regress/*.md "$lx_dir"/*.md terms/*/*/*.md \
			    $lx_lt_egov; do
				case $md in *.import.md) continue ;; esac
				run_termc tree "$md" >"$tmp/lt.json" 2>/dev/null
				run_termc tree --format=lawxml "$md" >"$tmp/lt.xml" 2>/dev/null
				node "$lx_lawtext" -i "$tmp/lt.xml" --it xml \
				    -o "$tmp/lt.law" --ot lawtext >"$tmp/lt.log" 2>&1 &&
				node "$lx_lawtext" -i "$tmp/lt.xml" --it xml \
				    -o "$tmp/lt.html" --ot html >>"$tmp/lt.log" 2>&1 ||
				    { bad "Lawtext cannot read $md"; head -3 "$tmp/lt.log"; continue; }
				node "$lx_dir/lawtext-check.js" "$tmp/lt.json" "$tmp/lt.law" \
				    "$tmp/lt.html" >"$tmp/lt.out" 2>&1 && ok ||
				    { bad "Lawtext output of $md differs from termc's tree"; head -3 "$tmp/lt.out"; }
			done
		fi
	fi
	;;
esac
