# Compare `termc matrix --format=tsv` output with a hand-written truth file.
# Usage: awk -F'\t' -v name=NAME -f check.awk TRUTH TSV
# Truth lines: document, topic, articles ("-" or a1,a2), value ("-", "?", v).
# Prints every wrong cell, then one summary line:
#   NAME: cells R/N right; values V/W right (cells whose truth is neither
#   "-" nor "yes"); topic assignment precision P recall Q (tp/fp/fn)
# Exit status 1 if any cell is wrong or missing.
FNR == NR {
	if ($0 ~ /^#/ || NF < 4)
		next
	k = $1 "\t" $2
	want[k] = $4
	arts[k] = $3
	order[++n] = k
	next
}
{
	k = $1 "\t" $2
	if (!(k in want))
		next
	got[k] = $4
	gota[k] = $5
}
END {
	right = 0
	for (i = 1; i <= n; i++) {
		k = order[i]
		if (!(k in got)) {
			printf "  missing cell %s (want %s)\n", k, want[k]
			continue
		}
		# Values: cells whose truth is a value, not "-" or "yes".
		if (want[k] != "-" && want[k] != "yes") {
			nval++
			if (got[k] == want[k])
				vright++
		}
		if (got[k] == want[k])
			right++
		else
			printf "  wrong cell %s: want %s, got %s\n", k, want[k], got[k]
		# Topic assignment, article by article.
		split(arts[k] == "-" ? "" : arts[k], ta, ",")
		split(gota[k] == "-" ? "" : gota[k], ga, ",")
		delete tset
		for (j in ta) tset[ta[j]] = 1
		for (j in ga) {
			if (ga[j] in tset) { tp++; delete tset[ga[j]] }
			else { fp++; printf "  extra article %s %s\n", k, ga[j] }
		}
		for (j in tset) { fn++; printf "  missed article %s %s\n", k, j }
	}
	p = tp + fp ? tp / (tp + fp) : 1
	r = tp + fn ? tp / (tp + fn) : 1
	printf "%s: cells %d/%d right; values %d/%d right; topic assignment precision %.3f recall %.3f (tp %d, fp %d, fn %d)\n", \
	    name, right, n, vright, nval, p, r, tp, fp, fn
	exit right == n ? 0 : 1
}
