/*
 * Sequence diff over integer ids: see seqdiff.h for the stages.
 *
 * The Myers search is xdiff's xdl_split()/xdl_recs_cmp(): a forward and a
 * backward furthest-reaching search meet on a middle snake, and the range
 * is split there; here the recursion is an explicit stack, so no input can
 * exhaust the C stack.  Past max_cost edit steps the split takes the
 * furthest-reaching diagonal of either direction (GNU diff's "too
 * expensive" heuristic): the result is then a correct diff, only not a
 * minimal one.
 *
 * Patience (Bram Cohen; xdiff's xpatience.c): ids that occur exactly once
 * in both ranges are anchors; the longest increasing subsequence of their
 * positions is matched, and the gaps between are diffed again.  Depth is
 * capped so that pathological inputs stay linear per level.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "seqdiff.h"
#include "xalloc.h"

#define PATIENCE_DEPTH	4
#define MAX_COST	256	/* default cost cap per Myers split */

struct slot {
	uint32_t	 id;
	uint32_t	 used;
	size_t		 na, nb;	/* occurrences in a and b */
	size_t		 pb;	/* last position in b */
};

struct table {
	struct slot	*s;
	size_t		 mask;
};

struct range {
	long	 off1, lim1, off2, lim2;
	int	 need_min;
};

struct group {
	long	 a0, na, b0, nb;
};

struct ctx {
	const uint32_t	*ra, *rb;	/* reduced sequences */
	const struct seqdiff_opts *opts;
	long		 nra, nrb;
	char		*rca, *rcb;	/* change flags of the reduced ones */
	long		*kvd;		/* forward and backward diagonals */
	long		 mxcost;
};

/* ---- id table ---- */

static void
table_init(struct table *t, size_t n)
{
	size_t cap = 16;

	while (cap < 2 * n + 2)
		cap *= 2;
	t->s = xcalloc(cap, sizeof(*t->s));
	t->mask = cap - 1;
}

static struct slot *
table_get(struct table *t, uint32_t id)
{
	size_t i = (id * 2654435761u) & t->mask;

	while (t->s[i].used && t->s[i].id != id)
		i = (i + 1) & t->mask;
	if (!t->s[i].used) {
		t->s[i].used = 1;
		t->s[i].id = id;
	}
	return &t->s[i];
}

static struct slot *
table_find(const struct table *t, uint32_t id)
{
	size_t i = (id * 2654435761u) & t->mask;

	while (t->s[i].used) {
		if (t->s[i].id == id)
			return &t->s[i];
		i = (i + 1) & t->mask;
	}
	return NULL;
}

/* ---- align: Myers ---- */

/*
 * Find the split point of a[off1, lim1) and b[off2, lim2), whose ends
 * differ.  As xdl_split(): returns the point in *i1, *i2 and whether each
 * half still needs a minimal diff.
 */
static void
split(struct ctx *c, long off1, long lim1, long off2, long lim2,
    int need_min, long *s1, long *s2, int *min_lo, int *min_hi)
{
	const uint32_t *a = c->ra, *b = c->rb;
	long *kvdf = c->kvd + c->nrb + 1;
	long *kvdb = kvdf + c->nra + c->nrb + 3;
	long dmin = off1 - lim2, dmax = lim1 - off2;
	long fmid = off1 - off2, bmid = lim1 - lim2;
	long fmin = fmid, fmax = fmid, bmin = bmid, bmax = bmid;
	long ec, d, i1, i2, fbest, fbest1, bbest, bbest1;
	int odd = (fmid - bmid) & 1;

	kvdf[fmid] = off1;
	kvdb[bmid] = lim1;
	for (ec = 1;; ec++) {
		if (fmin > dmin)
			kvdf[--fmin - 1] = -1;
		else
			++fmin;
		if (fmax < dmax)
			kvdf[++fmax + 1] = -1;
		else
			--fmax;
		for (d = fmax; d >= fmin; d -= 2) {
			if (kvdf[d - 1] >= kvdf[d + 1])
				i1 = kvdf[d - 1] + 1;
			else
				i1 = kvdf[d + 1];
			i2 = i1 - d;
			while (i1 < lim1 && i2 < lim2 && a[i1] == b[i2]) {
				i1++;
				i2++;
			}
			kvdf[d] = i1;
			if (odd && bmin <= d && d <= bmax && kvdb[d] <= i1) {
				*s1 = i1;
				*s2 = i2;
				*min_lo = *min_hi = 1;
				return;
			}
		}
		if (bmin > dmin)
			kvdb[--bmin - 1] = LONG_MAX;
		else
			++bmin;
		if (bmax < dmax)
			kvdb[++bmax + 1] = LONG_MAX;
		else
			--bmax;
		for (d = bmax; d >= bmin; d -= 2) {
			if (kvdb[d - 1] < kvdb[d + 1])
				i1 = kvdb[d - 1];
			else
				i1 = kvdb[d + 1] - 1;
			i2 = i1 - d;
			while (i1 > off1 && i2 > off2 &&
			    a[i1 - 1] == b[i2 - 1]) {
				i1--;
				i2--;
			}
			kvdb[d] = i1;
			if (!odd && fmin <= d && d <= fmax && i1 <= kvdf[d]) {
				*s1 = i1;
				*s2 = i2;
				*min_lo = *min_hi = 1;
				return;
			}
		}
		if (need_min || ec < c->mxcost)
			continue;
		/* Too expensive: take the furthest-reaching diagonal. */
		fbest = fbest1 = -1;
		for (d = fmax; d >= fmin; d -= 2) {
			i1 = kvdf[d] < lim1 ? kvdf[d] : lim1;
			i2 = i1 - d;
			if (lim2 < i2) {
				i1 = lim2 + d;
				i2 = lim2;
			}
			if (fbest < i1 + i2) {
				fbest = i1 + i2;
				fbest1 = i1;
			}
		}
		bbest = bbest1 = LONG_MAX;
		for (d = bmax; d >= bmin; d -= 2) {
			i1 = kvdb[d] > off1 ? kvdb[d] : off1;
			i2 = i1 - d;
			if (i2 < off2) {
				i1 = off2 + d;
				i2 = off2;
			}
			if (i1 + i2 < bbest) {
				bbest = i1 + i2;
				bbest1 = i1;
			}
		}
		if ((lim1 + lim2) - bbest < fbest - (off1 + off2)) {
			*s1 = fbest1;
			*s2 = fbest - fbest1;
			*min_lo = 1;
			*min_hi = 0;
		} else {
			*s1 = bbest1;
			*s2 = bbest - bbest1;
			*min_lo = 0;
			*min_hi = 1;
		}
		return;
	}
}

struct rstack {
	struct range	*v;
	size_t		 n, cap;
};

static void
rpush(struct rstack *st, long off1, long lim1, long off2, long lim2,
    int need_min)
{
	if (st->n == st->cap) {
		st->cap = st->cap ? 2 * st->cap : 64;
		st->v = xreallocarray(st->v, st->cap, sizeof(*st->v));
	}
	st->v[st->n].off1 = off1;
	st->v[st->n].lim1 = lim1;
	st->v[st->n].off2 = off2;
	st->v[st->n].lim2 = lim2;
	st->v[st->n].need_min = need_min;
	st->n++;
}

/* Myers on the reduced range, marking changes in rca/rcb. */
static void
myers(struct ctx *c, long off1, long lim1, long off2, long lim2)
{
	struct rstack st = { NULL, 0, 0 };
	struct range r;
	long s1, s2;
	int lo, hi;

	rpush(&st, off1, lim1, off2, lim2, 0);
	while (st.n > 0) {
		r = st.v[--st.n];
		while (r.off1 < r.lim1 && r.off2 < r.lim2 &&
		    c->ra[r.off1] == c->rb[r.off2]) {
			r.off1++;
			r.off2++;
		}
		while (r.off1 < r.lim1 && r.off2 < r.lim2 &&
		    c->ra[r.lim1 - 1] == c->rb[r.lim2 - 1]) {
			r.lim1--;
			r.lim2--;
		}
		if (r.off1 == r.lim1) {
			memset(c->rcb + r.off2, 1, (size_t)(r.lim2 - r.off2));
			continue;
		}
		if (r.off2 == r.lim2) {
			memset(c->rca + r.off1, 1, (size_t)(r.lim1 - r.off1));
			continue;
		}
		split(c, r.off1, r.lim1, r.off2, r.lim2, r.need_min,
		    &s1, &s2, &lo, &hi);
		rpush(&st, s1, r.lim1, s2, r.lim2, hi);
		rpush(&st, r.off1, s1, r.off2, s2, lo);
	}
	free(st.v);
}

/* ---- align: patience ---- */

/*
 * Diff the reduced range, first on unique anchors, then with Myers.  The
 * recursion depth is at most PATIENCE_DEPTH.
 */
static void
align(struct ctx *c, long off1, long lim1, long off2, long lim2, int depth)
{
	struct table t;
	struct slot *s;
	long *ai, *bj, *tails, *prev, *seq;
	long i, n, k, lo, hi, mid, len, p1, p2;

	while (off1 < lim1 && off2 < lim2 && c->ra[off1] == c->rb[off2]) {
		off1++;
		off2++;
	}
	while (off1 < lim1 && off2 < lim2 &&
	    c->ra[lim1 - 1] == c->rb[lim2 - 1]) {
		lim1--;
		lim2--;
	}
	if (off1 == lim1 || off2 == lim2 || depth >= PATIENCE_DEPTH) {
		myers(c, off1, lim1, off2, lim2);
		return;
	}
	table_init(&t, (size_t)(lim1 - off1));
	for (i = off1; i < lim1; i++) {
		s = table_get(&t, c->ra[i]);
		s->na++;
	}
	for (i = off2; i < lim2; i++)
		if ((s = table_find(&t, c->rb[i])) != NULL) {
			s->nb++;
			s->pb = (size_t)i;
		}
	/* Anchors in a's order; their b positions. */
	n = 0;
	ai = xreallocarray(NULL, (size_t)(lim1 - off1), sizeof(long));
	bj = xreallocarray(NULL, (size_t)(lim1 - off1), sizeof(long));
	for (i = off1; i < lim1; i++) {
		s = table_find(&t, c->ra[i]);
		if (s->na == 1 && s->nb == 1 && (c->opts == NULL ||
		    c->opts->anchor == NULL || c->opts->anchor(c->opts->arg,
		    c->ra[i]))) {
			ai[n] = i;
			bj[n] = (long)s->pb;
			n++;
		}
	}
	free(t.s);
	if (n == 0) {
		free(ai);
		free(bj);
		myers(c, off1, lim1, off2, lim2);
		return;
	}
	/* Longest increasing subsequence of bj (patience sorting). */
	tails = xreallocarray(NULL, (size_t)n, sizeof(long));
	prev = xreallocarray(NULL, (size_t)n, sizeof(long));
	len = 0;
	for (k = 0; k < n; k++) {
		lo = 0;
		hi = len;
		while (lo < hi) {
			mid = (lo + hi) / 2;
			if (bj[tails[mid]] < bj[k])
				lo = mid + 1;
			else
				hi = mid;
		}
		prev[k] = lo > 0 ? tails[lo - 1] : -1;
		tails[lo] = k;
		if (lo == len)
			len++;
	}
	seq = xreallocarray(NULL, (size_t)len, sizeof(long));
	for (k = tails[len - 1], i = len; k >= 0; k = prev[k])
		seq[--i] = k;
	p1 = off1;
	p2 = off2;
	for (i = 0; i < len; i++) {
		k = seq[i];
		align(c, p1, ai[k], p2, bj[k], depth + 1);
		p1 = ai[k] + 1;
		p2 = bj[k] + 1;
	}
	align(c, p1, lim1, p2, lim2, depth + 1);
	free(seq);
	free(tails);
	free(prev);
	free(ai);
	free(bj);
}

/* ---- compact ---- */

static int
score(const struct seqdiff_opts *o, int side, long pos, long len)
{
	if (o == NULL || o->boundary == NULL)
		return 0;
	return o->boundary(o->arg, side, (size_t)pos, (size_t)len);
}

/*
 * Slide a pure insertion or deletion along runs of equal ids, keeping at
 * least one unchanged element between it and its neighbours, to the
 * position the boundary function scores best (ties: the lowest one, as
 * GNU diff and xdiff slide down).
 */
static void
compact(struct group *g, size_t ng, const uint32_t *a, long na,
    const uint32_t *b, long nb, const struct seqdiff_opts *o)
{
	size_t k;
	long lo_end, hi_start, best, bestpos, *p0, *q0, len, n, sc;
	const uint32_t *s;
	int side;

	for (k = 0; k < ng; k++) {
		if (g[k].na > 0 && g[k].nb > 0)
			continue;
		side = g[k].na > 0 ? 0 : 1;
		s = side == 0 ? a : b;
		n = side == 0 ? na : nb;
		p0 = side == 0 ? &g[k].a0 : &g[k].b0;
		q0 = side == 0 ? &g[k].b0 : &g[k].a0;
		len = side == 0 ? g[k].na : g[k].nb;
		lo_end = k > 0 ? (side == 0 ? g[k - 1].a0 + g[k - 1].na :
		    g[k - 1].b0 + g[k - 1].nb) : -1;
		hi_start = k + 1 < ng ? (side == 0 ? g[k + 1].a0 :
		    g[k + 1].b0) : n + 1;
		while (*p0 - 1 > lo_end && s[*p0 - 1] == s[*p0 + len - 1]) {
			(*p0)--;
			(*q0)--;
		}
		best = score(o, side, *p0, len);
		bestpos = *p0;
		while (*p0 + len + 1 < hi_start && *p0 + len < n &&
		    s[*p0] == s[*p0 + len]) {
			(*p0)++;
			(*q0)++;
			if ((sc = score(o, side, *p0, len)) >= best) {
				best = sc;
				bestpos = *p0;
			}
		}
		*q0 -= *p0 - bestpos;
		*p0 = bestpos;
	}
}

/* ---- the stages ---- */

size_t
seqdiff(const uint32_t *a, size_t na, const uint32_t *b, size_t nb,
    const struct seqdiff_opts *opts, seqdiff_fn emit, void *arg)
{
	struct ctx c;
	struct table t;
	struct slot *s;
	struct group *g = NULL;
	size_t pre = 0, suf = 0, i, j, ng = 0, gcap = 0, *ia, *ib;
	uint32_t *ra, *rb;
	char *ca, *cb;
	long nra = 0, nrb = 0;

	/* prepare */
	while (pre < na && pre < nb && a[pre] == b[pre])
		pre++;
	while (suf < na - pre && suf < nb - pre &&
	    a[na - 1 - suf] == b[nb - 1 - suf])
		suf++;
	if (pre == na && pre == nb)
		return 0;
	ca = xcalloc(na + 1, 1);
	cb = xcalloc(nb + 1, 1);
	table_init(&t, na + nb - 2 * (pre + suf));
	for (i = pre; i < na - suf; i++)
		table_get(&t, a[i])->na++;
	for (i = pre; i < nb - suf; i++)
		table_get(&t, b[i])->nb++;
	ra = xreallocarray(NULL, na - pre - suf + 1, sizeof(*ra));
	rb = xreallocarray(NULL, nb - pre - suf + 1, sizeof(*rb));
	ia = xreallocarray(NULL, na - pre - suf + 1, sizeof(*ia));
	ib = xreallocarray(NULL, nb - pre - suf + 1, sizeof(*ib));
	for (i = pre; i < na - suf; i++) {
		s = table_find(&t, a[i]);
		if (s->nb == 0)
			ca[i] = 1;
		else {
			ra[nra] = a[i];
			ia[nra++] = i;
		}
	}
	for (i = pre; i < nb - suf; i++) {
		s = table_find(&t, b[i]);
		if (s->na == 0)
			cb[i] = 1;
		else {
			rb[nrb] = b[i];
			ib[nrb++] = i;
		}
	}
	free(t.s);

	/* align */
	c.ra = ra;
	c.rb = rb;
	c.nra = nra;
	c.nrb = nrb;
	c.rca = xcalloc((size_t)nra + 1, 1);
	c.rcb = xcalloc((size_t)nrb + 1, 1);
	c.kvd = xreallocarray(NULL, 2 * ((size_t)nra + (size_t)nrb + 3),
	    sizeof(long));
	c.opts = opts;
	c.mxcost = opts != NULL && opts->max_cost > 0 ? opts->max_cost :
	    MAX_COST;
	align(&c, 0, nra, 0, nrb, 0);
	for (i = 0; i < (size_t)nra; i++)
		if (c.rca[i])
			ca[ia[i]] = 1;
	for (i = 0; i < (size_t)nrb; i++)
		if (c.rcb[i])
			cb[ib[i]] = 1;
	free(c.rca);
	free(c.rcb);
	free(c.kvd);
	free(ra);
	free(rb);
	free(ia);
	free(ib);

	/* script: maximal change groups */
	i = j = 0;
	while (i < na || j < nb) {
		size_t a0 = i, b0 = j;

		if (i < na && j < nb && !ca[i] && !cb[j]) {
			i++;
			j++;
			continue;
		}
		while (i < na && ca[i])
			i++;
		while (j < nb && cb[j])
			j++;
		if (i == a0 && j == b0) {
			/* Unpaired unchanged element: cannot happen; be safe. */
			i = na;
			j = nb;
		}
		if (ng == gcap) {
			gcap = gcap ? 2 * gcap : 16;
			g = xreallocarray(g, gcap, sizeof(*g));
		}
		g[ng].a0 = (long)a0;
		g[ng].na = (long)(i - a0);
		g[ng].b0 = (long)b0;
		g[ng].nb = (long)(j - b0);
		ng++;
	}
	free(ca);
	free(cb);

	/* compact, emit */
	compact(g, ng, a, (long)na, b, (long)nb, opts);
	for (i = 0; i < ng; i++)
		if (emit != NULL)
			emit(arg, (size_t)g[i].a0, (size_t)g[i].na,
			    (size_t)g[i].b0, (size_t)g[i].nb);
	free(g);
	return ng;
}
