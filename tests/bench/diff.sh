#!/bin/sh
# Time `termc diff` on generated 1 MB and 10 MB revision pairs beside
# `git diff --no-index --word-diff-regex=.` and docdiff on the same files,
# and print the ratios (termc and git: the fastest of five runs; docdiff,
# which takes a minute on 10 MB: one); then two unrelated 10 MB documents
# (the cost cap).
# Usage: tests/bench/diff.sh [TERMC]   (make bench-diff)
#
# The pairs are built from the paragraphs of terms/: articles of three
# paragraphs in chapters of twenty.  The new revision inserts an article
# every 50 (renumbering all that follow), deletes one every 101, and edits
# a sentence in one every 37 -- a realistic revision, many times over.
set -u
cd "$(dirname "$0")/../.." || exit 2
termc=${1:-./termc}
case $termc in /*) ;; *) termc="$(pwd)/$termc" ;; esac
sh tools/deps.sh --bench || exit 2
TIMEOUT=${TIMEOUT:-600}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM

pool="$work/pool"
# Paragraph text of every terms file: no front matter, headings, comments,
# tables or blank lines; leading paragraph numbers dropped.
for f in terms/*/*/*.md; do
	awk 'NR == 1 && /^---$/ { fm = 1; next }
	    fm && /^---$/ { fm = 0; next }
	    fm || /^#/ || /^<!--/ || /^\|/ || /^[[:space:]]*$/ { next }
	    { sub(/^([0-9]|０|１|２|３|４|５|６|７|８|９)+([. ]|．|　)+/, "")
	      if (length($0) > 60) print }' "$f"
done >"$pool"

# gen SIZE REV MODE OUT [NSRC]: MODE old, new (a revision of old) or other
# (unrelated: other captions, the pool read backwards, another document);
# NSRC: stop after that many source articles instead of at SIZE bytes.
gen() {
	awk -v size="$1" -v rev="$2" -v mode="$3" -v nsrc="${5:-0}" '
	{ p[n++] = $0 }
	END {
		doc = mode == "other" ? "other" : "big"
		printf "---\nprovider: bench\nprovider_name: ベンチ株式会社\n"
		printf "document: %s\ntitle: ベンチ約款\nrevision: %s\nlang: ja\n---\n\n", doc, rev
		bytes = 0; art = 0; src = 0
		while (nsrc > 0 ? src < nsrc : bytes < size) {
			src++
			if (mode == "new" && src % 101 == 0)
				continue
			if (mode == "new" && src % 50 == 0)
				bytes += article(++art, "追加条項" src, 1)
			bytes += article(++art, (mode == "other" ? "規定" : "見出し") src, 0)
		}
	}
	# Chapters follow the source articles too: an inserted article
	# joins its chapter, as in a real revision.
	function article(num, cap, extra,    s, i, t, ch) {
		ch = int((src - 1) / 20) + 1
		if (ch != lastch) {
			s = sprintf("# 第%d章 第%d章の規定\n\n", ch, ch)
			printf "%s", s
			lastch = ch
		}
		t = sprintf("## 第%d条（%s）\n\n", num, cap)
		printf "%s", t; s = s t
		for (i = 1; i <= 3; i++) {
			# Text follows the source article, so that a revision
			# keeps the text of the articles it renumbers.
			k = extra ? src * 7 + i + 1 : src * 3 + i
			line = mode == "other" ? p[n - 1 - (k % n)] : p[k % n]
			if (extra)
				line = "契約者は、" line
			else if (mode == "new" && src % 37 == 0 && i == 2)
				line = line "ただし、当社が別に定める場合はこの限りではありません。"
			t = (i == 1 ? "" : sprintf("%d　", i)) line "\n\n"
			printf "%s", t; s = s t
		}
		return length(s)
	}' "$pool" >"$4"
}

now() { date +%s.%N; }
# run LABEL CMD...: seconds, or "timeout"/"failed".
run() {
	t0=$(now)
	timeout "$TIMEOUT" "$@" >"$work/out" 2>"$work/err"
	rc=$?
	t1=$(now)
	if [ $rc = 124 ]; then echo timeout
	elif [ $rc -gt 1 ]; then echo "failed($rc)"
	else echo "$t0 $t1" | awk '{ printf "%.3f", $2 - $1 }'; fi
}
# best CMD...: the fastest of five runs, as run prints it (a run of 20 ms
# moves by a few ms from one to the next on a shared machine).
best() {
	b=
	for i in 1 2 3 4 5; do
		t=$(run "$@")
		case $t in [0-9]*) ;; *) echo "$t"; return ;; esac
		b=$(echo "$t ${b:-$t}" | awk '{ print ($1 < $2 ? $1 : $2) }')
	done
	echo "$b"
}
ratio() {
	case $2 in [0-9]*) echo "$1 $2" | awk '{ printf "%.2fx", ($2 > 0 ? $1 / $2 : 0) }' ;;
	*) echo "n/a" ;; esac
}

printf '%-8s %10s %10s %10s %10s %12s %12s\n' size bytes termc git docdiff termc/git termc/docdiff
for spec in 1MB:1000000 10MB:10000000; do
	name=${spec%%:*}
	size=${spec#*:}
	gen "$size" 2020-01-01 old "$work/old.md" <"$pool"
	gen "$size" 2021-01-01 new "$work/new.md" \
	    "$(grep -c '^## ' "$work/old.md")" <"$pool"
	t=$(best "$termc" diff "$work/old.md" "$work/new.md")
	termc_summary=$(sed -n 3p "$work/out")
	g=$(best git diff --no-index --word-diff-regex=. "$work/old.md" "$work/new.md")
	d=$(run docdiff "$work/old.md" "$work/new.md")
	printf '%-8s %10s %10s %10s %10s %12s %12s\n' "$name" \
	    "$(wc -c <"$work/old.md")" "$t" "$g" "$d" "$(ratio "$t" "$g")" \
	    "$(ratio "$t" "$d")"
	echo "         termc: $termc_summary"
done
# Adversarial: unrelated 10 MB documents, across documents and as two
# revisions of one document (every article changed).
gen 10000000 2020-01-01 old "$work/a.md" <"$pool"
gen 10000000 2021-01-01 other "$work/b.md" <"$pool"
t=$(run "$termc" diff "$work/a.md" "$work/b.md")
echo "unrelated 10MB, different documents: termc ${t}s: $(sed -n 4p "$work/out")"
sed 's/^document: other$/document: big/' "$work/b.md" >"$work/c.md"
t=$(run "$termc" diff "$work/a.md" "$work/c.md")
echo "unrelated 10MB, same document:       termc ${t}s: $(sed -n 3p "$work/out")"
# The same without chapters: 10,000 articles in one flat list.
grep -v '^# ' "$work/a.md" >"$work/a2.md"
grep -v '^# ' "$work/c.md" >"$work/c2.md"
t=$(run "$termc" diff "$work/a2.md" "$work/c2.md")
echo "unrelated 10MB, same document, flat: termc ${t}s: $(sed -n 3p "$work/out")"
