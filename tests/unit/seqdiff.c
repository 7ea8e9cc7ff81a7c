/*
 * Unit tests for seqdiff: every script is checked by replaying it (the
 * unchanged elements between groups must be equal on both sides), edit
 * costs against a dynamic-programming LCS where the diff must be minimal,
 * compaction against a boundary function, and the cost cap on two large
 * unrelated sequences.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "seqdiff.h"

static int nfail, ntest;

static void
result(int okay, const char *name)
{
	ntest++;
	if (!okay)
		nfail++;
	printf("%sok %d %s\n", okay ? "" : "not ", ntest, name);
}

struct rec {
	size_t	 g[4096][4];
	size_t	 n;
	size_t	 cost;
	int	 overflow;
};

static void
collect(void *arg, size_t a0, size_t na, size_t b0, size_t nb)
{
	struct rec *r = arg;

	r->cost += na + nb;
	if (r->n >= 4096) {
		r->overflow = 1;
		return;
	}
	r->g[r->n][0] = a0;
	r->g[r->n][1] = na;
	r->g[r->n][2] = b0;
	r->g[r->n][3] = nb;
	r->n++;
}

/* Replay: the gaps between groups must match element for element. */
static int
valid(const struct rec *r, const uint32_t *a, size_t na, const uint32_t *b,
    size_t nb)
{
	size_t i = 0, j = 0, k;

	if (r->overflow)
		return 0;
	for (k = 0; k <= r->n; k++) {
		size_t ea = k < r->n ? r->g[k][0] : na;
		size_t eb = k < r->n ? r->g[k][2] : nb;

		if (ea < i || eb < j || ea - i != eb - j)
			return 0;
		for (; i < ea; i++, j++)
			if (a[i] != b[j])
				return 0;
		if (k < r->n) {
			if (r->g[k][1] + r->g[k][3] == 0)
				return 0;
			i += r->g[k][1];
			j += r->g[k][3];
		}
	}
	return i == na && j == nb;
}

static size_t
lcs_cost(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
	size_t *dp = calloc((na + 1) * (nb + 1), sizeof(*dp)), i, j, l;

	for (i = 1; i <= na; i++)
		for (j = 1; j <= nb; j++)
			dp[i * (nb + 1) + j] = a[i - 1] == b[j - 1] ?
			    dp[(i - 1) * (nb + 1) + j - 1] + 1 :
			    dp[(i - 1) * (nb + 1) + j] > dp[i * (nb + 1) + j - 1] ?
			    dp[(i - 1) * (nb + 1) + j] : dp[i * (nb + 1) + j - 1];
	l = dp[na * (nb + 1) + nb];
	free(dp);
	return na + nb - 2 * l;
}

static size_t
ids(const char *s, uint32_t *out)
{
	size_t n = 0;

	for (; *s; s++)
		out[n++] = (uint32_t)(unsigned char)*s;
	return n;
}

static unsigned long rng = 12345;

static uint32_t
rnd(uint32_t mod)
{
	rng = rng * 6364136223846793005UL + 1442695040888963407UL;
	return (uint32_t)((rng >> 33) % mod);
}

/* Prefer groups that start right after a '.' (id 46). */
static int
after_dot(void *arg, int side, size_t pos, size_t len)
{
	const uint32_t *const *seqs = arg;

	(void)len;
	return pos > 0 && seqs[side][pos - 1] == '.';
}

/* Digits may not anchor the patience pass. */
static int
not_digit(void *arg, uint32_t id)
{
	(void)arg;
	return id < '0' || id > '9';
}

/* seqdiff_hash as first written: the tail by memcpy into a zeroed word. */
static uint32_t
hash_ref(const void *p, size_t len, uint32_t seed)
{
	const unsigned char *s = p;
	uint64_t h = (seed ^ UINT64_C(0x9e3779b97f4a7c15)) + len, w;

	for (; len >= 8; s += 8, len -= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * UINT64_C(0xff51afd7ed558ccd);
		h ^= h >> 32;
	}
	w = 0;
	if (len > 0)
		memcpy(&w, s, len);
	h = (h ^ w) * UINT64_C(0xc4ceb9fe1a85ec53);
	h ^= h >> 29;
	return (uint32_t)h ^ (uint32_t)(h >> 32);
}

int
main(void)
{
	static struct rec r;
	static uint32_t a[64], b[64];
	uint32_t *big1, *big2;
	size_t na, nb, i, n, k, cost;
	struct seqdiff_opts exact = { 1L << 30, NULL, NULL, NULL };
	const uint32_t *seqs[2];
	struct seqdiff_opts o;
	int okay;
	clock_t t0;
	double secs;

	na = ids("abcdef", a);
	nb = ids("abcdef", b);
	memset(&r, 0, sizeof(r));
	result(seqdiff(a, na, b, nb, NULL, collect, &r) == 0 && r.n == 0,
	    "equal sequences: no groups");

	na = ids("", a);
	nb = ids("xyz", b);
	memset(&r, 0, sizeof(r));
	seqdiff(a, na, b, nb, NULL, collect, &r);
	result(r.n == 1 && r.g[0][1] == 0 && r.g[0][3] == 3 &&
	    valid(&r, a, na, b, nb), "empty against three: one insertion");

	/* Myers' paper example: no unique ids, so Myers, minimal: D = 5. */
	na = ids("abcabba", a);
	nb = ids("cbabac", b);
	memset(&r, 0, sizeof(r));
	seqdiff(a, na, b, nb, &exact, collect, &r);
	result(valid(&r, a, na, b, nb) && r.cost == 5,
	    "abcabba/cbabac: valid and minimal (5)");

	/* A replacement inside keeps both ends. */
	na = ids("the quick fox", a);
	nb = ids("the slow fox", b);
	memset(&r, 0, sizeof(r));
	seqdiff(a, na, b, nb, NULL, collect, &r);
	result(valid(&r, a, na, b, nb) && r.g[0][0] >= 4 &&
	    r.g[r.n - 1][0] + r.g[r.n - 1][1] <= 9,
	    "common ends are kept");

	/* Random small pairs: always valid; minimal without patience anchors. */
	okay = 1;
	for (k = 0; k < 2000 && okay; k++) {
		na = rnd(40);
		nb = rnd(40);
		for (i = 0; i < na; i++)
			a[i] = rnd(k % 2 ? 3 : 12);
		for (i = 0; i < nb; i++)
			b[i] = rnd(k % 2 ? 3 : 12);
		memset(&r, 0, sizeof(r));
		seqdiff(a, na, b, nb, &exact, collect, &r);
		if (!valid(&r, a, na, b, nb))
			okay = 0;
		cost = lcs_cost(a, na, b, nb);
		/* Patience may lose a little; it never beats the LCS. */
		if (r.cost < cost || r.cost > cost + cost / 2 + 4)
			okay = 0;
	}
	result(okay, "2000 random pairs: valid, never below LCS cost");

	/* Patience anchors: a moved unique line does not drag others. */
	na = ids("aXbcdYe", a);
	nb = ids("abcdYXe", b);
	memset(&r, 0, sizeof(r));
	seqdiff(a, na, b, nb, NULL, collect, &r);
	result(valid(&r, a, na, b, nb) && r.cost == 2,
	    "moved unique element costs one deletion and one insertion");

	/* Compaction: "x.ab.ab.y" minus one "ab." slides to after a dot. */
	na = ids("x.ab.ab.y", a);
	nb = ids("x.ab.y", b);
	seqs[0] = a;
	seqs[1] = b;
	o.max_cost = 0;
	o.boundary = after_dot;
	o.arg = seqs;
	o.anchor = NULL;
	memset(&r, 0, sizeof(r));
	seqdiff(a, na, b, nb, &o, collect, &r);
	result(r.n == 1 && r.g[0][1] == 3 && r.g[0][3] == 0 &&
	    a[r.g[0][0] - 1] == '.' && valid(&r, a, na, b, nb),
	    "compact: deletion slides to a boundary");
	memset(&r, 0, sizeof(r));
	seqdiff(a, na, b, nb, NULL, collect, &r);
	result(r.n == 1 && r.g[0][0] == 5 && valid(&r, a, na, b, nb),
	    "compact: without boundary, slides down");

	/*
	 * Anchors: a list whose numbers shift after an insertion.  Unique
	 * numbers would anchor old 2 to new 2 and pair each word with the
	 * one before it; refused as anchors, the words stay and each number
	 * after the insertion is changed.
	 */
	na = ids("1p2q3r4s", a);
	nb = ids("1n2p3q4r5s", b);
	o.boundary = NULL;
	o.anchor = not_digit;
	memset(&r, 0, sizeof(r));
	seqdiff(a, na, b, nb, &o, collect, &r);
	okay = r.n == 4 && r.g[0][0] == 1 && r.g[0][1] == 0 &&
	    r.g[0][3] == 2 && valid(&r, a, na, b, nb);
	for (k = 1; okay && k < r.n; k++)
		okay = r.g[k][1] == 1 && r.g[k][3] == 1 &&
		    a[r.g[k][0]] >= '0' && a[r.g[k][0]] <= '9';
	result(okay, "anchor: refused ids leave the words paired");

	/* Cost cap: two unrelated 1M-element sequences over 64 ids. */
	n = 1000000;
	big1 = malloc(n * sizeof(*big1));
	big2 = malloc(n * sizeof(*big2));
	for (i = 0; i < n; i++) {
		big1[i] = rnd(64);
		big2[i] = rnd(64);
	}
	t0 = clock();
	memset(&r, 0, sizeof(r));
	seqdiff(big1, n, big2, n, NULL, collect, &r);
	secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	printf("# unrelated 1M x 1M: %.2fs, cost %zu\n", secs, r.cost);
	result(secs < 20 && r.cost > 0 && r.cost <= 2 * n,
	    "cost cap: unrelated 1M-element inputs finish");
	free(big1);
	free(big2);

	result(seqdiff_hash("abc", 3, 0) == seqdiff_hash("abc", 3, 0) &&
	    seqdiff_hash("abc", 3, 0) != seqdiff_hash("abd", 3, 0),
	    "hash");
	{
		const char *t = "0123456789abcdefghijklmnopqrstuvwxyz";
		size_t len;
		int same = 1;

		for (len = 0; len <= 24; len++)
			same &= seqdiff_hash(t + 3, len, 7) ==
			    hash_ref(t + 3, len, 7);
		result(same, "hash: the tail's bytes as memcpy places them");
	}
	return nfail != 0;
}
