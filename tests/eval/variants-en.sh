#!/bin/sh
# English terms in other sites' forms: does termc find the same sections?
# Usage: tests/eval/variants-en.sh TERMC DOCSTAT CORPUS WORKDIR
#
# Each ota service's latest version (../shared/corpus/ota, see its README)
# is rewritten at run time, in WORKDIR, in the forms other sites write
# terms in; nothing of the corpus is kept in the repository.  The sections
# of the original (the articles of its clause tree: number and caption)
# are where each variant puts its headings:
#   atx       ## 1. Caption
#   bold      **1. Caption**, a bold line
#   section   ## Section 1. Caption
#   paren     ## 1) Caption
#   article   ## Article 1. Caption
#   boldsec   **Section 1. Caption**
#   list      the sections wrapped in a numbered list: 1. Caption, its
#             body indented under it (unnumbered sections stay headings)
#   roman     ## I. Caption, roman numerals
#   caps      CAPTION, a line of its own with no number and no mark, as a
#             page reduced to text shows its headings (the other headings
#             below the title lose their marks too); compared without
#             numbers, in capitals
#   title     Caption, the same with the caption as written
#   plain     the Markdown reduced to plain text (no marks, links as their
#             words) and read by termc import
# A section without a number keeps its caption alone in every form.
# Apart from those, "wrap": the Markdown hard-wrapped at 60 columns
# (tests/matrix/wrap.pl, as authors who wrap their Markdown write it), whose
# every clause (type and number, in order) must be the original's.
# Prints per variant how many of the original's sections the variant's
# tree has (number and caption, as multisets) and how many it has over,
# then "figure variants-en-VARIANT AGREE", "figure variants-en-extra N" (the
# numbered forms) and "figure variants-en-caps-extra N", "…-title-extra N"
# lines; WORKDIR/VARIANT.fail lists what did not agree, per service.
set -u
T=$1
DS=$2
C=$3
W=$4
rm -rf "$W"
mkdir -p "$W"
variants="atx bold section paren article boldsec list plain roman caps title"

# sections FILE: "line<TAB>num<TAB>caption" of each article of FILE's
# tree (termc tree's JSON holds one key a line).
sections() {
	"$T" tree "$1" 2>/dev/null | awk '
	    function val(s) { sub(/^[^:]*: /, "", s); sub(/,$/, "", s)
		if (s == "null") return ""
		gsub(/^"|"$/, "", s); gsub(/\\"/, "\"", s); return s }
	    /^ *"type": / { art = ($0 ~ /"article"/); num = ""; cap = "" }
	    art && /^ *"num": / { num = val($0) }
	    art && /^ *"caption": / { cap = val($0) }
	    art && /^ *"line": / { print val($0) "\t" num "\t" cap; art = 0 }'
}

# got FILE: "num<TAB>caption" of FILE's articles, as docstat reads them.
got() {
	"$DS" "$1" 2>/dev/null | awk -F '\t' '$1 == "article" { print $2 "\t" $4 }'
}

# rewrite VARIANT SECTIONS SOURCE: the source with its section lines in
# the variant's form (a setext underline under one goes with it).
rewrite() {
	awk -F '\t' -v v="$1" '
	    NR == FNR { form[$1] = $2 "\t" $3; next }
	    function roman(n,    r, i, k, out) {
		split("1000 900 500 400 100 90 50 40 10 9 5 4 1", k, " ")
		split("M CM D CD C XC L XL X IX V IV I", r, " ")
		out = ""
		for (i = 1; i <= 13; i++)
			while (n >= k[i] + 0) { out = out r[i]; n -= k[i] }
		return out
	    }
	    function head(n, c) {
		if (v == "caps") return toupper(c)
		if (v == "title") return c
		if (n == "") return (v == "bold" || v == "boldsec") ? "**" c "**" : "## " c
		if (v == "roman") return n ~ /^[0-9]+$/ ? "## " roman(n) ". " c : "## " n ". " c
		if (v == "atx") return "## " n ". " c
		if (v == "bold") return "**" n ". " c "**"
		if (v == "section") return "## Section " n ". " c
		if (v == "paren") return "## " n ") " c
		if (v == "article") return "## Article " n ". " c
		if (v == "boldsec") return "**Section " n ". " c "**"
	    }
	    FNR == 1 && $0 == "---" { fm = 1; print; next }
	    fm { if ($0 == "---") fm = 0; print; next }
	    skip && /^ *(-+|=+) *$/ { skip = 0; next }
	    { skip = 0 }
	    (FNR in form) {
		split(form[FNR], f, "\t"); n = f[1]; c = f[2]
		gsub(/_/, ".", n)
		if (v == "list") {
			if (n == "") { print "## " c; inlist = 0 }
			else {
				if (!inlist) print ""
				print n ". " c
				pad = sprintf("%*s", length(n) + 2, "")
				inlist = 1
			}
		} else
			print head(n, c)
		skip = 1
		next
	    }
	    v == "list" && inlist { print ($0 == "" ? "" : pad $0); next }
	    (v == "caps" || v == "title") && /^##+ / { sub(/^#+ +/, ""); print; next }
	    { print }' "$2" "$3"
}

# plain SECTIONS SOURCE: the text a page reduced to plain text shows: no
# front matter, no marks, links as their words, a section line "1. Caption".
plain() {
	awk -F '\t' '
	    NR == FNR { form[$1] = $2 "\t" $3; next }
	    FNR == 1 && $0 == "---" { fm = 1; next }
	    fm { if ($0 == "---") fm = 0; next }
	    skip && /^ *(-+|=+) *$/ { skip = 0; next }
	    { skip = 0 }
	    (FNR in form) {
		split(form[FNR], f, "\t"); n = f[1]; gsub(/_/, ".", n)
		print (n == "" ? "" : n ". ") f[2]
		skip = 1
		next
	    }
	    /^ *(\* *\* *\*|- *- *-|_ *_ *_)[-*_ ]*$/ { next }
	    /^ *(-+|=+) *$/ { next }
	    {
		s = $0
		sub(/^#+ +/, "", s)
		gsub(/!?\[[^]]*\]\([^)]*\)/, "&\001", s)
		while (match(s, /!?\[[^]]*\]\([^)]*\)\001/)) {
			t = substr(s, RSTART, RLENGTH - 1)
			sub(/^!?\[/, "", t); sub(/\]\([^)]*\)$/, "", t)
			s = substr(s, 1, RSTART - 1) t substr(s, RSTART + RLENGTH)
		}
		gsub(/\*\*|__/, "", s)
		gsub(/\\/, "", s)
		sub(/^ *[*+-] +/, "- ", s)
		print s
	    }' "$1" "$2"
}

# unnumbered VARIANT: "num<TAB>caption" lines read as the caps and title
# forms write them: the caption alone (in capitals for caps), sorted.
unnumbered() {
	awk -F '\t' -v v="$1" '{ c = v == "caps" ? toupper($2) : $2
		print "\t" c }' | sort
}

for d in "$C"/ota/terms/*/terms-of-service; do
	svc=$(basename "$(dirname "$d")")
	src=$(ls "$d"/*.md | tail -1)
	rev=$(basename "$src" .md)
	mkdir -p "$W/$svc"
	sections "$src" >"$W/$svc/sections"
	got "$src" | sort >"$W/$svc/want"
	for v in $variants; do
		out=$W/$v/$svc/terms-of-service/$rev.md
		mkdir -p "$(dirname "$out")"
		if [ "$v" = plain ]; then
			plain "$W/$svc/sections" "$src" >"$W/$svc/plain.txt"
			"$T" import --provider="$svc" --provider-name="$svc" \
			    --document=terms-of-service --title="$svc" \
			    --revision="$rev" -o "$out" "$W/$svc/plain.txt" \
			    2>/dev/null
		else
			rewrite "$v" "$W/$svc/sections" "$src" >"$out"
		fi
		got "$out" | sort >"$W/$svc/$v.got"
		if [ "$v" = caps ] || [ "$v" = title ]; then
			# Unnumbered: the captions alone (in capitals).
			unnumbered "$v" <"$W/$svc/want" >"$W/$svc/$v.want"
			unnumbered "$v" <"$W/$svc/$v.got" >"$W/$svc/$v.got2"
			mv "$W/$svc/$v.got2" "$W/$svc/$v.got"
		else
			cp "$W/$svc/want" "$W/$svc/$v.want"
		fi
		t=$(wc -l <"$W/$svc/$v.want")
		g=$(wc -l <"$W/$svc/$v.got")
		r=$(comm -12 "$W/$svc/$v.want" "$W/$svc/$v.got" | wc -l)
		printf '%s\t%s\t%s\t%s\t%s\n' "$v" "$svc" "$t" "$r" "$g" >>"$W/rows"
		if [ "$r" -lt "$t" ] || [ "$g" -gt "$r" ]; then
			{
				echo "== $svc ($out)"
				comm -23 "$W/$svc/$v.want" "$W/$svc/$v.got" |
				    sed 's/^/  missed /'
				comm -13 "$W/$svc/$v.want" "$W/$svc/$v.got" |
				    sed 's/^/  extra  /'
			} >>"$W/$v.fail"
		fi
	done
done
for v in $variants; do
	awk -F '\t' -v v="$v" '$1 == v { t += $3; r += $4; x += $5 - $4
		if ($4 < $3 || $5 > $4) bad = bad " " $2 }
	    END { printf "variants-en %-8s sections %d/%d agree, %d extra%s\n",
		v, r, t, x, bad == "" ? "" : ";" bad }' "$W/rows"
done
# Extra sections: of the numbered forms together, and of each unnumbered
# one (caps, title: a page's lines in capitals or Title Case that were
# no section headings in the original read as such).
awk -F '\t' '{ r[$1] += $4
	if ($1 == "caps" || $1 == "title") ux[$1] += $5 - $4
	else x += $5 - $4 }
    END { n = split("'"$variants"'", vs, " ")
	  for (i = 1; i <= n; i++) printf "figure variants-en-%s %d\n", vs[i], r[vs[i]]
	  printf "figure variants-en-extra %d\n", x
	  printf "figure variants-en-caps-extra %d\n", ux["caps"]
	  printf "figure variants-en-title-extra %d\n", ux["title"] }' "$W/rows"

# wrap: the clause skeleton (type and number of each node, in order) of
# each service's latest version hard-wrapped, against the original's.
skeleton() {
	"$T" tree "$1" 2>/dev/null |
	    awk '/^ *"type": / { t = $2 } /^ *"num": / { print t, $2 }'
}
same=0 n=0
for d in "$C"/ota/terms/*/terms-of-service; do
	svc=$(basename "$(dirname "$d")")
	src=$(ls "$d"/*.md | tail -1)
	out=$W/wrap/$svc/terms-of-service/$(basename "$src")
	mkdir -p "$(dirname "$out")"
	perl -CSD -n "$(dirname "$0")/../matrix/wrap.pl" "$src" >"$out"
	skeleton "$src" >"$W/wrap/$svc/want"
	skeleton "$out" >"$W/wrap/$svc/got"
	n=$((n + 1))
	if cmp -s "$W/wrap/$svc/want" "$W/wrap/$svc/got"; then
		same=$((same + 1))
	else
		diff "$W/wrap/$svc/want" "$W/wrap/$svc/got" |
		    sed "s/^/  $svc /" >>"$W/wrap.fail"
	fi
done
echo "variants-en wrap     clause trees $same/$n the same as unwrapped"
echo "figure variants-en-wrap-same $same"
