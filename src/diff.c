/*
 * Clause-level diff: see diff.h.  The stages, for two revisions:
 *
 *   mirror   each clause tree is mirrored into xnodes holding the folded
 *            (NFKC, 〜→~) own text, a content key of the whole subtree
 *            that leaves numbers out, and a raw key of the characters
 *            as written, labels included;
 *   align    level by level, children are diffed with seqdiff on content
 *            keys: equal keys pair up even when their numbers differ
 *            (renumbering); inside each change group clauses of the same
 *            type pair by text similarity (bigram Dice) into modified
 *            clauses, or one into several (split, merged);
 *   moves    removed and added clauses with equal content become moves;
 *   inline   modified text is diffed on runs of one character class
 *            (kanji, hiragana, katakana, digits, Latin; punctuation one by
 *            one), then cleaned up as diff-match-patch's semantic cleanup
 *            does, so the edits read like an editor's markup;
 *   renum    consecutive renumbered clauses with one shift become runs.
 *
 * Across providers or documents only articles are paired: by caption,
 * then by content similarity among candidates that share a min-hash
 * (bounded work per article), and the rest are listed as unmatched.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "clause.h"
#include "diff.h"
#include "doc.h"
#include "hmap.h"
#include "par.h"
#include "seqdiff.h"
#include "text.h"
#include "xalloc.h"

#define SIM_SAME_NUM	30	/* % similarity to pair clauses of one number */
#define SIM_OTHER	50	/* … of different numbers */
#define SIM_SPLIT	80	/* parts together must be this close */
#define SIM_CROSS	18	/* % word-bigram similarity across documents */
#define DP_MAX		4096	/* pairs compared exactly in one group */
#define WINDOW		8	/* candidates per clause beyond that */
#define MOVE_MIN	10	/* characters a moved clause must have */
#define BIGRAM_MAX	20000	/* code points used for similarity */
#define SIM_FLOW	50	/* % of a run's text kept: one text reflowed */
#define FLOW_MAX	(256 * 1024)	/* bytes of a run's side compared */
#define NHASH		8	/* min-hashes per article across documents */
#define BUCKET_MAX	32

struct xnode {
	const struct node	*n;
	const char		*own;	/* raw own text: caption, text, cells */
	const char		*fold;	/* folded own text */
	char			*ownbuf, *foldbuf; /* own, fold when not lent */
	size_t			 ownlen, foldlen;
	char			*sub;	/* folded subtree text (lazy) */
	uint32_t		 key;	/* folded subtree, numbers left out */
	uint32_t		 tkey;	/* the same, clause types left out */
	uint32_t		 raw;	/* raw subtree, labels as written */
	uint32_t		*bg;	/* sorted bigrams of sub (lazy) */
	size_t			 nbg;
	int			 bgdone;
	uint32_t		*wg;	/* sorted word bigrams (lazy) */
	size_t			 nwg;
	int			 wgdone;
	struct xnode		*kids;
	size_t			 nkids;
	size_t			 nodes;	/* in the subtree, this one included */
	int			 loose;	/* a copy read as a leaf (see unwrap()):
					   pairs with a clause of any type */
};

struct pending {
	struct dnode	*dn;
	struct xnode	*x;
};

/*
 * The alignment of a pair's children, put off (see align_root()): the
 * pair's dnode and clauses, where the pending lists stood when it was
 * made, and, once done, the removed and added clauses it found.
 */
/*
 * Arrays of xnode copies a level was re-read through (see unwrap()),
 * freed with the diff: pending lists and tasks point into them.
 */
struct spill {
	struct spill	*next;
	size_t		 n;
	struct xnode	 x[];
};

struct task {
	struct dnode	*d;
	struct xnode	*a, *b;
	size_t		 atrem, atadd;
	struct pending	*rem, *add;
	size_t		 nrem, nadd;
	struct spill	*spill;
};

struct ctx {
	struct diff	*D;
	struct spill	*spill;		/* see struct spill */
	struct pending	*rem, *add;	/* in document order */
	size_t		 nrem, nadd, caprem, capadd;
	struct task	*tasks;		/* NULL: align children at once */
	size_t		 ntasks, captasks;
};

/* Does a clause of type t hold text of its own, as a paragraph does? */
static int
text_type(enum ntype t)
{
	return t == N_PARAGRAPH || t == N_ITEM || t == N_SUBITEM;
}

/* ---- folding ---- */

/*
 * A run of full-width ASCII forms (U+FF01 to U+FF5E: １, （, Ａ) and the
 * ideographic space, the unstable characters of most Japanese text,
 * folded without utf8proc: NFKC maps each to its ASCII character, which
 * composes with nothing.  Returns 0, having written nothing, when the
 * run holds any other character.
 */
static int
fold_fullwidth(struct buf *b, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i;

	if (len % 3 != 0)
		return 0;
	for (i = 0; i < len; i += 3)
		if (!(p[i] == 0xef && ((p[i + 1] == 0xbc && p[i + 2] >= 0x81 &&
		    p[i + 2] <= 0xbf) || (p[i + 1] == 0xbd &&
		    p[i + 2] >= 0x80 && p[i + 2] <= 0x9e))) &&
		    !(p[i] == 0xe3 && p[i + 1] == 0x80 && p[i + 2] == 0x80))
			return 0;
	for (i = 0; i < len; i += 3)
		buf_putc(b, p[i] == 0xe3 ? ' ' : p[i + 1] == 0xbc ?
		    (char)(p[i + 2] - 0x60) : (char)(p[i + 2] - 0x20));
	return 1;
}

static void
fold_run(struct buf *b, const char *s, size_t len)
{
	char *f;

	if (len == 0 || fold_fullwidth(b, s, len))
		return;
	if ((f = text_nfkc(s, len)) == NULL)
		buf_put(b, s, len);
	else {
		buf_puts(b, f);
		free(f);
	}
}

/*
 * A stretch of s: copied as it is when every character in it is stable
 * under NFKC, else normalized as a whole.
 */
static void
fold_put(struct buf *b, const char *s, size_t len, int stable)
{
	if (stable)
		buf_put(b, s, len);
	else
		fold_run(b, s, len);
}

/* Start the folded copy of s: its first len bytes fold to themselves. */
static void
fold_begin(struct buf *b, int *changed, const char *s, size_t len,
    size_t total)
{
	if (*changed)
		return;
	buf_init(b);
	buf_grow(b, total + 1);
	buf_put(b, s, len);
	*changed = 1;
}

/* May a stable character stay as it is before the text s[0, len)? */
static int
may_precede(const char *s, size_t len)
{
	int32_t next;

	if (len == 0)
		return 1;
	utf8_next_inline(s, len, &next);
	return nfkc_stable_before(next);
}

/*
 * NFKC, and 〜 (U+301C) as ~ like ～ (U+FF5E) becomes.  The text is cut
 * into stretches of stable and unstable characters (a stable one that
 * the next may compose with counts as unstable); only the unstable ones
 * go through utf8proc.  Stable stretches are skipped on a byte test;
 * only the characters around a change are decoded.  Most text folds to
 * itself: then nothing is copied and the result is NULL.  Else the
 * folded text, its length in *flen; caller frees.
 */
static char *
fold_text(const char *s, size_t len, size_t *flen)
{
	struct buf b;
	size_t off = 0, seg = 0, used, span;
	int32_t c;
	int stable, segstable = -1, changed = 0;

	if (len == 0)
		return NULL;
	while (off < len) {
		if (segstable != 0) {
			/*
			 * In a stable stretch: skip what the byte test
			 * vouches for.  The span's last character is stable
			 * only if what follows lets it be, unless it ends
			 * the text: it goes through the test below.
			 */
			span = nfkc_stable_span(s + off, len - off);
			if (span > 0 && span < len - off)
				span -= utf8_prev_len(s + off, span);
			if (span > 0) {
				segstable = 1;
				off += span;
				continue;
			}
		}
		used = utf8_next_inline(s + off, len - off, &c);
		if (c == 0x301c) {
			fold_begin(&b, &changed, s, seg, len);
			if (segstable != -1)
				fold_put(&b, s + seg, off - seg, segstable);
			buf_putc(&b, '~');
			seg = off + used;
			segstable = -1;
			off += used;
			continue;
		}
		stable = nfkc_stable(c) &&
		    may_precede(s + off + used, len - off - used);
		if (segstable == -1)
			segstable = stable;
		else if (stable != segstable) {
			/* Stable text before a change stays put. */
			if (!segstable)
				fold_begin(&b, &changed, s, seg, len);
			if (changed)
				fold_put(&b, s + seg, off - seg, segstable);
			seg = off;
			segstable = stable;
		}
		off += used;
	}
	if (segstable == 0)
		fold_begin(&b, &changed, s, seg, len);
	if (!changed)
		return NULL;
	if (segstable != -1)
		fold_put(&b, s + seg, off - seg, segstable);
	*flen = b.len;
	return buf_detach(&b);
}

/* The folded text of s as a new string; NULL folds as "". */
static char *
fold(const char *s)
{
	size_t len = s ? strlen(s) : 0, flen;
	char *f;

	if ((f = fold_text(s, len, &flen)) != NULL)
		return f;
	return xstrndup(s ? s : "", len);
}

/* ---- mirror ---- */

/*
 * A clause's own text: its caption, text and table cells.  Most clauses
 * have text only; they lend it (*buf stays NULL) instead of copying.
 */
static const char *
own_text(const struct node *n, char **buf, size_t *len)
{
	struct buf b;
	size_t r, c;

	*buf = NULL;
	if (n->caption == NULL && n->table == NULL) {
		*len = n->text ? strlen(n->text) : 0;
		return n->text ? n->text : "";
	}
	buf_init(&b);
	if (n->caption != NULL) {
		buf_puts(&b, n->caption);
		if (n->text != NULL || n->table != NULL)
			buf_putc(&b, '\n');
	}
	if (n->text != NULL)
		buf_puts(&b, n->text);
	if (n->table != NULL)
		for (r = 0; r < n->table->nrows; r++) {
			for (c = 0; c < n->table->ncols; c++) {
				if (c > 0)
					buf_putc(&b, '\t');
				buf_puts(&b, n->table->cells[r *
				    n->table->ncols + c]);
			}
			buf_putc(&b, '\n');
		}
	*len = b.len;
	*buf = buf_detach(&b);
	return *buf;
}

/*
 * A side's xnodes, in blocks: each node's children take nkids consecutive
 * slots of the current block, so the whole mirror is a few allocations
 * and needs no count of the tree first.
 */
#define XBLOCK	4096

struct xblock {
	struct xblock	*next;
	size_t		 used, cap;
	struct xnode	 x[];
};

static struct xnode *
xpool_take(struct xblock **pool, size_t n)
{
	struct xblock *b = *pool;
	size_t cap;

	if (b == NULL || b->cap - b->used < n) {
		cap = n > XBLOCK ? n : XBLOCK;
		b = xmalloc(sizeof(*b) + cap * sizeof(b->x[0]));
		b->next = *pool;
		b->used = 0;
		b->cap = cap;
		*pool = b;
	}
	b->used += n;
	return b->x + b->used - n;
}

/* Free what one xnode owns (not its children). */
static void
xnode_release(struct xnode *x)
{
	free(x->ownbuf);
	free(x->foldbuf);
	free(x->sub);
	free(x->bg);
	free(x->wg);
}

/*
 * Free the pool and what its xnodes own: block by block, in memory order,
 * rather than down the tree.
 */
static void
xpool_free(struct xblock *b)
{
	struct xblock *next;
	size_t i;

	for (; b != NULL; b = next) {
		next = b->next;
		for (i = 0; i < b->used; i++)
			xnode_release(&b->x[i]);
		free(b);
	}
}

/* The links of a node's text: where they stand and where they lead. */
static uint32_t
link_hash(const struct node *n)
{
	uint32_t h = 5381;
	size_t k;

	for (k = 0; k < n->nspans; k++) {
		const struct span *sp = &n->spans[k];

		if (sp->kind != SPAN_LINK || sp->href == NULL)
			continue;
		h = seqdiff_hash(&sp->off, sizeof(sp->off), h);
		h = seqdiff_hash(sp->href, strlen(sp->href), h);
	}
	return h;
}

/*
 * Is s a page number alone: one to four digits?  A PDF's page footer
 * leaves one between the paragraphs of the text taken from it, and it
 * moves with every line added above.
 */
static int
page_number(const char *s)
{
	size_t digits = 0;

	for (; *s >= '0' && *s <= '9'; s++)
		digits++;
	return *s == '\0' && digits > 0 && digits <= 4;
}

/* White space or a character that shows nothing: no-break and
 * typographic spaces, zero-width joiners, the byte-order mark. */
static inline int
blank_cp(int32_t cp)
{
	return char_class(cp) == CC_SPACE || cp == 0xa0 ||
	    (cp >= 0x2000 && cp <= 0x200d) || cp == 0x202f || cp == 0x205f ||
	    cp == 0x2060 || cp == 0xfeff;
}

/*
 * A clause with nothing a reader sees: no children, caption or table, and
 * text of white space and zero-width characters only (a paragraph of one
 * &nbsp; that a page keeps for spacing, or of a lone U+200D joiner), or
 * an unnumbered paragraph that is a page number alone
 * (page_number()).  It is layout, as a blank line is, and is left out of
 * the comparison: its coming and going is no change of wording.
 */
static int
blank_leaf(const struct node *n)
{
	const char *s = n->text;
	size_t used;
	int32_t cp;

	if (n->first != NULL || n->caption != NULL || n->table != NULL)
		return 0;
	if (s == NULL)
		return 1;
	if (n->type == N_PARAGRAPH && n->label == NULL && page_number(s))
		return 1;
	/* Decoded a character at a time: most text ends this at its first. */
	for (; *s != '\0'; s += used) {
		used = utf8_next_str(s, &cp);
		if (used == 0 || !blank_cp(cp))
			return 0;
	}
	return 1;
}

/*
 * Mirror n into x; children's xnodes come from the side's pool.  Blank
 * children (blank_leaf()) have no xnode.
 */
static void
mirror(struct xnode *x, const struct node *n, struct xblock **pool)
{
	const struct node *c;
	uint32_t t = (uint32_t)n->type, hk, hr, ho, hf, ht;
	size_t i;

	memset(x, 0, sizeof(*x));
	x->n = n;
	x->own = own_text(n, &x->ownbuf, &x->ownlen);
	/* The folded text is the own text unless folding changes it. */
	x->foldbuf = fold_text(x->own, x->ownlen, &x->foldlen);
	if (x->foldbuf != NULL)
		x->fold = x->foldbuf;
	else {
		x->fold = x->own;
		x->foldlen = x->ownlen;
	}
	for (c = n->first; c != NULL; c = c->next)
		x->nkids += !blank_leaf(c);
	x->kids = xpool_take(pool, x->nkids);
	/* The text is hashed once when it folds to itself, as most does. */
	ho = seqdiff_hash(x->own, x->ownlen, 0);
	hf = x->fold == x->own ? ho : seqdiff_hash(x->fold, x->foldlen, 0);
	hk = seqdiff_hash(&t, sizeof(t), 0);
	hk = seqdiff_hash(&hf, sizeof(hf), hk);
	ht = seqdiff_hash(&hf, sizeof(hf), 2);
	hr = seqdiff_hash(&t, sizeof(t), 1);
	if (n->label != NULL)
		hr = seqdiff_hash(n->label, strlen(n->label) + 1, hr);
	hr = seqdiff_hash(&ho, sizeof(ho), hr);
	hr = seqdiff_hash(&(uint32_t){ link_hash(n) }, 4, hr);
	x->nodes = 1;
	for (i = 0, c = n->first; c != NULL; c = c->next) {
		if (blank_leaf(c))
			continue;
		mirror(&x->kids[i], c, pool);
		hk = seqdiff_hash(&x->kids[i].key, 4, hk);
		ht = seqdiff_hash(&x->kids[i].tkey, 4, ht);
		hr = seqdiff_hash(&x->kids[i].raw, 4, hr);
		x->nodes += x->kids[i++].nodes;
	}
	x->key = hk;
	x->tkey = ht;
	x->raw = hr;
}

static void
sub_text(struct xnode *x, struct buf *b)
{
	size_t i;

	buf_put(b, x->fold, x->foldlen);
	for (i = 0; i < x->nkids; i++)
		sub_text(&x->kids[i], b);
}

/*
 * The characters of x's subtree text (xsub()), counted up to max only,
 * on its parts, without building it: asked of every pending clause and
 * its children (is it long enough to be a move?), text_nchars(xsub())
 * was 7% of a diff's instructions.
 */
static size_t
sub_chars_upto(const struct xnode *x, size_t max)
{
	size_t i, n = 0;

	for (i = 0; i < x->foldlen && n < max; i++)
		if (((unsigned char)x->fold[i] & 0xc0) != 0x80)
			n++;
	for (i = 0; i < x->nkids && n < max; i++)
		n += sub_chars_upto(&x->kids[i], max - n);
	return n;
}

static const char *
xsub(struct xnode *x)
{
	struct buf b;

	if (x->sub == NULL) {
		buf_init(&b);
		sub_text(x, &b);
		x->sub = buf_detach(&b);
	}
	return x->sub;
}

/* ---- similarity ---- */

/*
 * Sort v ascending: short arrays by insertion, longer ones by radix, a
 * byte a pass (a bigram profile has up to BIGRAM_MAX values; qsort's
 * callback per comparison cost more than the rest of similarity).
 */
static void
sort_u32(uint32_t *v, size_t n)
{
	size_t count[256], i, pos, sum;
	uint32_t *tmp, *from, *to, *swap, x;
	int shift;

	if (n < 64) {
		for (i = 1; i < n; i++) {
			x = v[i];
			for (pos = i; pos > 0 && v[pos - 1] > x; pos--)
				v[pos] = v[pos - 1];
			v[pos] = x;
		}
		return;
	}
	tmp = xreallocarray(NULL, n, sizeof(*tmp));
	from = v;
	to = tmp;
	for (shift = 0; shift < 32; shift += 8) {
		memset(count, 0, sizeof(count));
		for (i = 0; i < n; i++)
			count[from[i] >> shift & 0xff]++;
		for (i = 0, sum = 0; i < 256; i++) {
			pos = count[i];
			count[i] = sum;
			sum += pos;
		}
		for (i = 0; i < n; i++)
			to[count[from[i] >> shift & 0xff]++] = from[i];
		swap = from;
		from = to;
		to = swap;
	}
	/* Four passes: the sorted values are back in v. */
	free(tmp);
}

static uint32_t *
bigrams(const char *s, size_t *n)
{
	size_t len = strlen(s), off = 0, k = 0, cap = 64, used;
	int32_t prev = -1, cp;
	uint32_t *v = xreallocarray(NULL, cap, sizeof(*v));

	while (off < len && k < BIGRAM_MAX) {
		used = utf8_next(s + off, len - off, &cp);
		off += used ? used : 1;
		if (cp == ' ' || cp == '\n' || cp == '\t')
			continue;
		if (prev >= 0) {
			if (k == cap) {
				cap *= 2;
				v = xreallocarray(v, cap, sizeof(*v));
			}
			v[k++] = (uint32_t)prev * 2654435761u ^ (uint32_t)cp;
		}
		prev = cp;
	}
	if (k == 0 && prev >= 0)
		v[k++] = (uint32_t)prev;
	sort_u32(v, k);
	*n = k;
	return v;
}

static int
dice(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
	size_t i = 0, j = 0, common = 0;

	if (na + nb == 0)
		return 100;
	while (i < na && j < nb) {
		if (a[i] == b[j]) {
			common++;
			i++;
			j++;
		} else if (a[i] < b[j])
			i++;
		else
			j++;
	}
	return (int)(200 * common / (na + nb));
}

/*
 * The similarity profile of a clause: the bigrams of its text, or for a
 * division the content keys of its children (and its caption), which is
 * cheaper and says the same for a container.
 */
static void
xbigrams(struct xnode *x)
{
	size_t i;

	if (x->bgdone)
		return;
	x->bgdone = 1;
	if (x->n->type != N_DIVISION) {
		x->bg = bigrams(xsub(x), &x->nbg);
		return;
	}
	x->bg = xreallocarray(NULL, x->nkids + 1, sizeof(*x->bg));
	x->bg[0] = seqdiff_hash(x->fold, x->foldlen, 3);
	for (i = 0; i < x->nkids; i++)
		x->bg[i + 1] = x->kids[i].key;
	x->nbg = x->nkids + 1;
	sort_u32(x->bg, x->nbg);
}

/*
 * The profile that compares clauses of different documents: bigrams of
 * words, not of characters.  A word is a run of one character class
 * (Latin letters, case folded; digits; kanji; hiragana; katakana), so
 * English compares on word pairs and Japanese on pairs of runs (当社|は,
 * 料金|を).  Letter pairs do not tell related text from unrelated:
 * unrelated sections of two services' English terms share 50-70 % of
 * them, and unrelated Japanese articles 20-40 % of character pairs.
 */
static void
xwords(struct xnode *x)
{
	const char *s;
	size_t len, off = 0, used, k = 0, cap = 64;
	uint32_t prev = 0, h;
	int32_t cp;
	int have = 0;
	enum cclass c;

	if (x->wgdone)
		return;
	x->wgdone = 1;
	s = xsub(x);
	len = strlen(s);
	x->wg = xreallocarray(NULL, cap, sizeof(*x->wg));
	while (off < len && k < BIGRAM_MAX) {
		used = utf8_next(s + off, len - off, &cp);
		if (used == 0)
			used = 1;
		c = char_class(cp);
		if (c == CC_SPACE || c == CC_PUNCT) {
			off += used;
			continue;
		}
		h = 2166136261u;
		if (c != CC_OTHER) {
			while (off < len) {
				used = utf8_next(s + off, len - off, &cp);
				if (used == 0 || char_class(cp) != c)
					break;
				if (cp >= 'A' && cp <= 'Z')
					cp += 'a' - 'A';
				h = (h ^ (uint32_t)cp) * 16777619u;
				off += used;
			}
		} else {
			h = (h ^ (uint32_t)cp) * 16777619u;
			off += used;
		}
		if (have) {
			if (k == cap) {
				cap *= 2;
				x->wg = xreallocarray(x->wg, cap,
				    sizeof(*x->wg));
			}
			x->wg[k++] = prev * 2654435761u ^ h;
		}
		prev = h;
		have = 1;
	}
	if (k == 0 && have)
		x->wg[k++] = prev;
	sort_u32(x->wg, k);
	x->nwg = k;
}

/* Similarity of two clauses of different documents, %. */
static int
xsim(struct xnode *a, struct xnode *b)
{
	xwords(a);
	xwords(b);
	return dice(a->wg, a->nwg, b->wg, b->nwg);
}

static int
same_str(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

static size_t
nlinks(const struct node *n)
{
	size_t k, c = 0;

	for (k = 0; k < n->nspans; k++)
		if (n->spans[k].kind == SPAN_LINK && n->spans[k].href != NULL)
			c++;
	return c;
}

static const struct span *
link_at(const struct node *n, size_t i)
{
	size_t k;

	for (k = 0; k < n->nspans; k++)
		if (n->spans[k].kind == SPAN_LINK && n->spans[k].href != NULL &&
		    i-- == 0)
			return &n->spans[k];
	return NULL;
}

/*
 * Do two clauses' links lead to the same places?  The links pair in
 * order; with d, the ones that differ (target changed, or one side has
 * more links) are recorded in d->links.
 */
static int
same_links(const struct node *a, const struct node *b, struct dnode *d)
{
	size_t na = nlinks(a), nb = nlinks(b), k, n = na > nb ? na : nb;
	const struct span *x, *y;
	int same = 1;

	for (k = 0; k < n; k++) {
		x = k < na ? link_at(a, k) : NULL;
		y = k < nb ? link_at(b, k) : NULL;
		if (x != NULL && y != NULL && strcmp(x->href, y->href) == 0)
			continue;
		same = 0;
		if (d == NULL)
			break;
		if (d->nlinks == 0)
			d->links = xreallocarray(NULL, n, sizeof(*d->links));
		d->links[d->nlinks].old = x;
		d->links[d->nlinks++].new = y;
	}
	return same;
}

/*
 * Do two subtrees hold the same characters, labels as written included?
 * Equal raw hashes only say they may: 32-bit hashes collide, and a
 * collision must never hide a change.
 */
static int
same_raw(const struct xnode *a, const struct xnode *b)
{
	size_t i;

	if (a->nkids != b->nkids || a->n->type != b->n->type ||
	    strcmp(a->own, b->own) != 0 ||
	    !same_str(a->n->label, b->n->label) ||
	    !same_links(a->n, b->n, NULL))
		return 0;
	for (i = 0; i < a->nkids; i++)
		if (a->kids[i].raw != b->kids[i].raw ||
		    !same_raw(&a->kids[i], &b->kids[i]))
			return 0;
	return 1;
}

static int
sim(struct xnode *a, struct xnode *b)
{
	if (a->key == b->key)
		return 100;
	xbigrams(a);
	xbigrams(b);
	return dice(a->bg, a->nbg, b->bg, b->nbg);
}

/* Similarity of one clause to the concatenation of several. */
static int
sim_concat(struct xnode *one, struct xnode **many, size_t n)
{
	struct buf b;
	uint32_t *v;
	size_t nv, i;
	int s;

	buf_init(&b);
	for (i = 0; i < n; i++)
		buf_puts(&b, xsub(many[i]));
	v = bigrams(b.data, &nv);
	xbigrams(one);
	s = dice(one->bg, one->nbg, v, nv);
	free(v);
	buf_release(&b);
	return s;
}

/* ---- the annotated tree ---- */

/*
 * Was a clause renumbered?  Only where the source writes both numbers: a
 * number supplied by position (implicit, as an unnumbered paragraph's)
 * moves with every insertion before it and says nothing to a reader.
 */
static int
renumbered(const struct node *o, const struct node *n)
{
	if (o->type == N_DOCUMENT || o->implicit || n->implicit)
		return 0;
	return !same_str(o->num, n->num);
}

static struct dnode *
dn_new(struct dnode *parent, enum dkind kind, const struct node *o,
    const struct node *n)
{
	struct dnode *d = xcalloc(1, sizeof(*d));

	d->kind = kind;
	d->old = o;
	d->new = n;
	if (o != NULL && n != NULL)
		d->renumbered = renumbered(o, n);
	if (parent != NULL) {
		d->parent = parent;
		d->prev = parent->last;
		if (parent->last)
			parent->last->next = d;
		else
			parent->first = d;
		parent->last = d;
	}
	return d;
}

static void
dn_unlink(struct dnode *d)
{
	if (d->prev)
		d->prev->next = d->next;
	else if (d->parent)
		d->parent->first = d->next;
	if (d->next)
		d->next->prev = d->prev;
	else if (d->parent)
		d->parent->last = d->prev;
	d->parent = d->prev = d->next = NULL;
}

struct dnode *
dnode_next(const struct dnode *d)
{
	if (d->first)
		return d->first;
	while (d != NULL && d->next == NULL)
		d = d->parent;
	return d ? d->next : NULL;
}

/* Put d's children after d, in d's place among its siblings. */
static void
dn_lift_children(struct dnode *d)
{
	struct dnode *k, *after = d;

	while ((k = d->first) != NULL) {
		dn_unlink(k);
		k->parent = d->parent;
		k->prev = after;
		k->next = after->next;
		if (after->next != NULL)
			after->next->prev = k;
		else if (d->parent != NULL)
			d->parent->last = k;
		after->next = k;
		after = k;
	}
}

/* Free d and its subtree; d must be unlinked.  Iterative: children are
 * spliced into the chain of nodes still to free, as cmark's node.c does. */
static void
dn_free(struct dnode *d)
{
	struct dnode *e = d, *next;
	size_t k;

	d->next = NULL;
	while (e != NULL) {
		if (e->first != NULL) {
			e->last->next = e->next;
			e->next = e->first;
		}
		next = e->next;
		free(e->edits);
		free(e->links);
		for (k = 0; k < e->ncells; k++)
			free(e->cells[k].edits);
		free(e->cells);
		if (e->kind == DK_REFLOWED) {
			free(e->flow[0]);
			free(e->flow[1]);
		}
		free(e);
		e = next;
	}
}

/* ---- inline: runs, seqdiff, semantic cleanup ---- */

/*
 * The class a reader's unit is made of: char_class(), except that kanji
 * numerals (〇一二三四五六七八九十百千万) count as digits, so that 平成二十五年
 * 九月二十七日 is read as numbers and their units, not one run of kanji.
 */
static enum cclass
wclass(int32_t c)
{
	static const int32_t kn[] = { 0x3007, 0x4e00, 0x4e8c, 0x4e09,
	    0x56db, 0x4e94, 0x516d, 0x4e03, 0x516b, 0x4e5d, 0x5341, 0x767e,
	    0x5343, 0x4e07 };
	size_t k;

	for (k = 0; k < sizeof(kn) / sizeof(kn[0]); k++)
		if (c == kn[k])
			return CC_DIGIT;
	return char_class(c);
}

struct tok {
	size_t		 off, len;	/* bytes in the text */
	size_t		 chars;
};

static int
run_class(enum cclass c)
{
	return c == CC_KANJI || c == CC_HIRAGANA || c == CC_KATAKANA ||
	    c == CC_DIGIT || c == CC_LATIN;
}

/*
 * Split s into runs of one class (wclass(): a kanji numeral run is a run
 * of its own, so 製剤二十八 → 製剤二十九 changes the number, not the word
 * before it); ids from folded (or raw) run text.
 */
static size_t
tokenize(const char *s, int raw, struct tok **tv, uint32_t **iv)
{
	size_t len = strlen(s), off = 0, n = 0, cap = 16, used;
	struct tok *t = xreallocarray(NULL, cap, sizeof(*t));
	uint32_t *ids;
	enum cclass cls, prev = CC_OTHER;
	int32_t cp;
	char *f, *g;

	while (off < len) {
		used = utf8_next(s + off, len - off, &cp);
		if (used == 0)
			used = 1;
		cls = wclass(cp);
		if (n > 0 && run_class(cls) && cls == prev &&
		    t[n - 1].off + t[n - 1].len == off) {
			t[n - 1].len += used;
			t[n - 1].chars++;
		} else {
			if (n == cap) {
				cap *= 2;
				t = xreallocarray(t, cap, sizeof(*t));
			}
			t[n].off = off;
			t[n].len = used;
			t[n].chars = 1;
			n++;
		}
		prev = cls;
		off += used;
	}
	ids = xreallocarray(NULL, n + 1, sizeof(*ids));
	for (off = 0; off < n; off++) {
		if (raw)
			ids[off] = seqdiff_hash(s + t[off].off, t[off].len, 7);
		else {
			f = xstrndup(s + t[off].off, t[off].len);
			g = fold(f);
			ids[off] = seqdiff_hash(g, strlen(g), 7);
			free(g);
			free(f);
		}
		/* The low bit says "a number": see tanchor(). */
		utf8_next(s + t[off].off, t[off].len, &cp);
		ids[off] = (ids[off] & ~1u) | (wclass(cp) == CC_DIGIT);
	}
	*tv = t;
	*iv = ids;
	return n;
}

struct tgroup {
	size_t	 a0, na, b0, nb;	/* token ranges */
};

struct tgroups {
	struct tgroup	*v;
	size_t		 n, cap;
};

static void
tcollect(void *arg, size_t a0, size_t na, size_t b0, size_t nb)
{
	struct tgroups *g = arg;

	if (g->n == g->cap) {
		g->cap = g->cap ? 2 * g->cap : 16;
		g->v = xreallocarray(g->v, g->cap, sizeof(*g->v));
	}
	g->v[g->n].a0 = a0;
	g->v[g->n].na = na;
	g->v[g->n].b0 = b0;
	g->v[g->n].nb = nb;
	g->n++;
}

static size_t
tchars(const struct tok *t, size_t from, size_t n)
{
	size_t c = 0;

	while (n-- > 0)
		c += t[from++].chars;
	return c;
}

/* Byte range of tokens [from, from+n) in a text of length len. */
static void
trange(const struct tok *t, size_t nt, size_t from, size_t n, size_t len,
    size_t *off, size_t *blen)
{
	*off = from < nt ? t[from].off : len;
	*blen = n > 0 ? t[from + n - 1].off + t[from + n - 1].len - *off : 0;
}

/*
 * A number never anchors the patience pass: in a list written into one
 * text (一　…二　…), an item inserted shifts every number after it, and
 * old 二十八 paired with new 二十八 would pair the wrong items' words.
 */
static int
tanchor(void *arg, uint32_t id)
{
	(void)arg;
	return (id & 1) == 0;
}

/* Boundary score for compaction: changes that start after punctuation. */
struct bctx {
	const char	*s[2];
	struct tok	*t[2];
};

static int
tboundary(void *arg, int side, size_t pos, size_t len)
{
	struct bctx *b = arg;
	const struct tok *t = b->t[side];
	int32_t cp;
	int sc = 0;

	(void)len;
	if (pos == 0)
		return 2;
	utf8_next(b->s[side] + t[pos - 1].off, t[pos - 1].len, &cp);
	if (char_class(cp) == CC_PUNCT || char_class(cp) == CC_SPACE)
		sc += 2;
	return sc;
}

/* Equal code points, folded or raw. */
static int
cp_equal(const char *a, size_t la, const char *b, size_t lb, int raw)
{
	char *x, *y;
	int eq;

	if (la == lb && memcmp(a, b, la) == 0)
		return 1;
	if (raw)
		return 0;
	x = xstrndup(a, la);
	y = xstrndup(b, lb);
	{
		char *fx = fold(x), *fy = fold(y);

		eq = strcmp(fx, fy) == 0;
		free(fx);
		free(fy);
	}
	free(x);
	free(y);
	return eq;
}

/* Trim code points common to both ends of an edit. */
static void
refine(const char *os, const char *ns, struct dedit *e, int raw)
{
	int32_t c1, c2;
	size_t l1, l2;

	while (e->olen > 0 && e->nlen > 0) {
		l1 = utf8_next(os + e->ooff, e->olen, &c1);
		l2 = utf8_next(ns + e->noff, e->nlen, &c2);
		if (!cp_equal(os + e->ooff, l1, ns + e->noff, l2, raw))
			break;
		e->ooff += l1;
		e->olen -= l1;
		e->noff += l2;
		e->nlen -= l2;
	}
	while (e->olen > 0 && e->nlen > 0) {
		l1 = utf8_prev_len(os + e->ooff, e->olen);
		l2 = utf8_prev_len(ns + e->noff, e->nlen);
		if (!cp_equal(os + e->ooff + e->olen - l1, l1,
		    ns + e->noff + e->nlen - l2, l2, raw))
			break;
		e->olen -= l1;
		e->nlen -= l2;
	}
}

/* ---- widening to units ---- */

/* The class of the code point before (at) byte off of s; -1 at the ends. */
static int
cls_before(const char *s, size_t off)
{
	int32_t cp;

	if (off == 0)
		return -1;
	utf8_next(s + off - utf8_prev_len(s, off), utf8_prev_len(s, off), &cp);
	return (int)wclass(cp);
}

static int32_t
cp_at(const char *s, size_t off, size_t len)
{
	int32_t cp;

	if (off >= len)
		return -1;
	utf8_next(s + off, len - off, &cp);
	return cp;
}

static int32_t
cp_before(const char *s, size_t off)
{
	int32_t cp;
	size_t l;

	if (off == 0)
		return -1;
	l = utf8_prev_len(s, off);
	utf8_next(s + off - l, l, &cp);
	return cp;
}

/* A separator inside a written number: 3,000  1.5  ３，０００. */
static int
num_sep(int32_t c)
{
	return c == ',' || c == '.' || c == 0xff0c || c == 0xff0e;
}

/* A sign written before an amount. */
static int
currency(int32_t c)
{
	return c == '$' || c == 0xa5 || c == 0xffe5 || c == 0x20ac ||
	    c == 0xa3 || c == 0xff04;
}

static int
is_digit(int32_t c)
{
	return c >= 0 && wclass(c) == CC_DIGIT;
}

/* One widening step on both sides: the code points before the edit. */
static void
step_back(const char *os, const char *ns, struct dedit *e)
{
	size_t lo = utf8_prev_len(os, e->ooff), ln = utf8_prev_len(ns, e->noff);

	e->ooff -= lo;
	e->olen += lo;
	e->noff -= ln;
	e->nlen += ln;
}

static void
step_fwd(const char *os, const char *ns, struct dedit *e)
{
	size_t o = e->ooff + e->olen, n = e->noff + e->nlen;
	int32_t c;
	size_t lo = utf8_next(os + o, strlen(os + o), &c);
	size_t ln = utf8_next(ns + n, strlen(ns + n), &c);

	e->olen += lo ? lo : 1;
	e->nlen += ln ? ln : 1;
}

/*
 * The characters after an edit that a number takes as its unit: 日, 円,
 * 時間, 営業日 (a kanji run of up to 3), a katakana run (パーセント),
 * % and ％, and a counter connector before kanji (３か月, ３ヶ月).
 * Returns the count of code points, 0 for none.
 */
static size_t
unit_len(const char *s, size_t off)
{
	size_t len = strlen(s), n = 0, at = off, conn = 0;
	int32_t c = cp_at(s, at, len);
	enum cclass k;

	if (c == '%' || c == 0xff05)
		return 1;
	if (c == 0x304b || c == 0x30f6 || c == 0x30b1 || c == 0x30ab ||
	    c == 0x7b87) {
		at += utf8_next(s + at, len - at, &c);
		n = conn = 1;
		c = cp_at(s, at, len);
		if (c < 0 || wclass(c) != CC_KANJI)
			return 0;
	}
	k = c < 0 ? CC_OTHER : wclass(c);
	if (k != CC_KANJI && k != CC_KATAKANA)
		return 0;
	while ((c = cp_at(s, at, len)) >= 0 && wclass(c) == k) {
		at += utf8_next(s + at, len - at, &c);
		n++;
	}
	return k == CC_KANJI && n - conn > 3 ? 0 : n;
}

/*
 * Does an edit widen over a run of class k?  Latin letters and digits
 * always; kanji and kana only where the edit replaces (both sides).
 */
static int
widens_over(int k, int both)
{
	return k == CC_DIGIT || k == CC_LATIN || (both && (k == CC_KANJI ||
	    k == CC_HIRAGANA || k == CC_KATAKANA));
}

/*
 * Widen an edit to the units a reader underlines.  The text before and
 * after an edit is equal on both sides (folded), so both sides widen by
 * the same characters; lo and hi (old-side offsets) bound it at the
 * neighbouring edits.
 *   - a word: Latin letters and digits always widen to their whole run
 *     (agree → agrees marks the word); a kanji or kana run widens only
 *     where the edit replaces something (契約者 → 利用者), so that an
 *     insertion into a run stays just what was inserted (内容{+及び…+});
 *   - a number takes its other digits and separators (3,[000] →
 *     [3,000]), its currency sign, and the unit after it (３０日 → ６０日
 *     is marked whole, not as the digit ３ → ６).
 */
static void
widen(const char *os, const char *ns, struct dedit *e, size_t lo,
    size_t hi)
{
	int both = e->olen > 0 && e->nlen > 0, k, kn, num;
	int32_t fo, fn, c;
	size_t u, olen = strlen(os);

	/* Back, over the run the edit starts inside. */
	for (;;) {
		if (e->ooff <= lo || e->noff == 0)
			break;
		k = cls_before(os, e->ooff);
		kn = cls_before(ns, e->noff);
		if (k != kn)
			break;
		fo = cp_at(os, e->ooff, e->ooff + e->olen);
		fn = cp_at(ns, e->noff, e->noff + e->nlen);
		if (!((fo >= 0 && (int)wclass(fo) == k) ||
		    (fn >= 0 && (int)wclass(fn) == k)))
			break;
		if (!widens_over(k, both))
			break;
		step_back(os, ns, e);
	}
	/* Forward, the same. */
	for (;;) {
		size_t o = e->ooff + e->olen, n = e->noff + e->nlen;

		if (o >= hi || ns[n] == '\0')
			break;
		fo = cp_at(os, o, olen);
		k = (int)wclass(fo);
		if (k != (int)wclass(cp_at(ns, n, strlen(ns))))
			break;
		fo = e->olen ? cp_before(os, o) : -1;
		fn = e->nlen ? cp_before(ns, n) : -1;
		if (!((fo >= 0 && (int)wclass(fo) == k) ||
		    (fn >= 0 && (int)wclass(fn) == k)))
			break;
		if (!widens_over(k, both))
			break;
		step_fwd(os, ns, e);
	}
	num = (e->olen && (is_digit(cp_at(os, e->ooff, olen)) ||
	    is_digit(cp_before(os, e->ooff + e->olen)))) ||
	    (e->nlen && (is_digit(cp_at(ns, e->noff, strlen(ns))) ||
	    is_digit(cp_before(ns, e->noff + e->nlen))));
	if (!num)
		return;
	/* A number: digits and separators before, then its currency sign. */
	while (e->ooff > lo && e->noff > 0) {
		c = cp_before(os, e->ooff);
		if (is_digit(c) || (num_sep(c) && is_digit(cp_before(os,
		    e->ooff - utf8_prev_len(os, e->ooff)))))
			step_back(os, ns, e);
		else
			break;
	}
	if (e->ooff > lo && e->noff > 0 && currency(cp_before(os, e->ooff)))
		step_back(os, ns, e);
	/* After: separators and digits, then the unit. */
	for (;;) {
		size_t o = e->ooff + e->olen;

		if (o >= hi)
			break;
		c = cp_at(os, o, olen);
		if (is_digit(c))
			step_fwd(os, ns, e);
		else if (num_sep(c) && o + 1 < hi && is_digit(cp_at(os,
		    o + 1, olen)))
			step_fwd(os, ns, e);
		else
			break;
	}
	u = unit_len(os, e->ooff + e->olen);
	while (u-- > 0 && e->ooff + e->olen < hi &&
	    ns[e->noff + e->nlen] != '\0')
		step_fwd(os, ns, e);
}

/*
 * The edits from os to ns.  raw: compare characters as written (for a
 * normalization-only change); else folded.
 */
static void
inline_edits(struct dnode *d, const char *os, const char *ns, int raw)
{
	struct tok *ta, *tb;
	uint32_t *ia, *ib;
	size_t na, nb, k, w, gap, m1, m2;
	struct tgroups g = { NULL, 0, 0 };
	struct seqdiff_opts o;
	struct bctx bc;
	int merged;

	na = tokenize(os, raw, &ta, &ia);
	nb = tokenize(ns, raw, &tb, &ib);
	bc.s[0] = os;
	bc.s[1] = ns;
	bc.t[0] = ta;
	bc.t[1] = tb;
	o.max_cost = 0;
	o.boundary = tboundary;
	o.anchor = tanchor;
	o.arg = &bc;
	seqdiff(ia, na, ib, nb, &o, tcollect, &g);
	/*
	 * Semantic cleanup: an equality no longer than the changes on both
	 * sides of it is folded into them (diff-match-patch), until stable.
	 */
	do {
		merged = 0;
		for (k = 0, w = 0; k < g.n; k++) {
			if (w > 0) {
				struct tgroup *p = &g.v[w - 1], *q = &g.v[k];

				gap = tchars(ta, p->a0 + p->na,
				    q->a0 - p->a0 - p->na);
				m1 = tchars(ta, p->a0, p->na);
				m2 = tchars(tb, p->b0, p->nb);
				m1 = m1 > m2 ? m1 : m2;
				m2 = tchars(ta, q->a0, q->na);
				if (tchars(tb, q->b0, q->nb) > m2)
					m2 = tchars(tb, q->b0, q->nb);
				if (gap <= m1 && gap <= m2) {
					p->na = q->a0 + q->na - p->a0;
					p->nb = q->b0 + q->nb - p->b0;
					merged = 1;
					continue;
				}
			}
			g.v[w++] = g.v[k];
		}
		g.n = w;
	} while (merged);
	d->edits = xreallocarray(NULL, g.n + 1, sizeof(*d->edits));
	d->nedits = 0;
	for (k = 0; k < g.n; k++) {
		struct dedit *e = &d->edits[d->nedits];

		trange(ta, na, g.v[k].a0, g.v[k].na, strlen(os), &e->ooff,
		    &e->olen);
		trange(tb, nb, g.v[k].b0, g.v[k].nb, strlen(ns), &e->noff,
		    &e->nlen);
		refine(os, ns, e, raw);
		if (e->olen + e->nlen > 0)
			d->nedits++;
	}
	/* Widened edits that meet become one. */
	for (k = 0, w = 0; k < d->nedits; k++) {
		struct dedit *e = &d->edits[k];

		widen(os, ns, e, w > 0 ? d->edits[w - 1].ooff +
		    d->edits[w - 1].olen : 0, k + 1 < d->nedits ?
		    d->edits[k + 1].ooff : strlen(os));
		if (w > 0 && d->edits[w - 1].ooff + d->edits[w - 1].olen >=
		    e->ooff) {
			struct dedit *p = &d->edits[w - 1];

			p->olen = e->ooff + e->olen - p->ooff;
			p->nlen = e->noff + e->nlen - p->noff;
			continue;
		}
		d->edits[w++] = *e;
	}
	d->nedits = w;
	free(g.v);
	free(ta);
	free(tb);
	free(ia);
	free(ib);
}

/* ---- tables, cell by cell ---- */

static const char *
cell(const struct table *t, size_t r, size_t c)
{
	return t->cells[r * t->ncols + c];
}

/* Equal texts once folded. */
static int
same_fold(const char *a, const char *b)
{
	char *x, *y;
	int eq;

	if (strcmp(a, b) == 0)
		return 1;
	x = fold(a);
	y = fold(b);
	eq = strcmp(x, y) == 0;
	free(x);
	free(y);
	return eq;
}

static uint32_t
row_hash(const struct table *t, size_t r)
{
	uint32_t h = 11;
	size_t c;

	for (c = 0; c < t->ncols; c++) {
		const char *s = cell(t, r, c);
		char *f = fold(s);

		h = seqdiff_hash(f, strlen(f) + 1, h);
		free(f);
	}
	return h;
}

static void
add_cell(struct dnode *d, size_t *cap, long orow, long ocol, long nrow,
    long ncol)
{
	if (d->ncells == *cap) {
		*cap = *cap ? 2 * *cap : 8;
		d->cells = xreallocarray(d->cells, *cap, sizeof(*d->cells));
	}
	d->cells[d->ncells] = (struct dcell){ orow, ocol, nrow, ncol, NULL,
	    0 };
	d->ncells++;
}

/* Two rows paired: their cells by column, each changed one's edits. */
static void
row_cells(struct dnode *d, size_t *cap, const struct table *a, size_t ra,
    const struct table *b, size_t rb, const long *colmap)
{
	struct dnode tmp;
	struct dcell *dc;
	size_t c;
	long oc;

	for (c = 0; c < b->ncols; c++) {
		oc = colmap[c];
		if (oc >= 0 && same_fold(cell(a, ra, (size_t)oc),
		    cell(b, rb, c)) && strcmp(cell(a, ra, (size_t)oc),
		    cell(b, rb, c)) == 0)
			continue;
		add_cell(d, cap, oc >= 0 ? (long)ra : -1, oc, (long)rb,
		    (long)c);
		if (oc < 0)
			continue;
		memset(&tmp, 0, sizeof(tmp));
		inline_edits(&tmp, cell(a, ra, (size_t)oc), cell(b, rb, c),
		    same_fold(cell(a, ra, (size_t)oc), cell(b, rb, c)));
		dc = &d->cells[d->ncells - 1];
		dc->edits = tmp.edits;
		dc->nedits = tmp.nedits;
	}
	/* Old columns no new column took: their cells are gone. */
	for (c = 0; c < a->ncols; c++) {
		size_t k;

		for (k = 0; k < b->ncols && colmap[k] != (long)c; k++)
			;
		if (k == b->ncols && cell(a, ra, c)[0] != '\0')
			add_cell(d, cap, (long)ra, (long)c, (long)rb, -1);
	}
}

/*
 * The changes of a table: rows aligned on their content (seqdiff on row
 * hashes), the rows of a change group paired by their heading (first
 * cell), then in order where both sides have as many left; columns
 * paired by their heading, else by place when both tables have as many.
 * A paired row's differing cells get inline edits; the other rows are
 * added or removed whole.
 */
static void
table_edits(struct dnode *d, const struct table *a, const struct table *b)
{
	uint32_t *ia, *ib;
	long *colmap, *pa, *pb;
	struct tgroups g = { NULL, 0, 0 };
	size_t cap = 0, i, j, k, r, c, ra = 0, rb = 0;

	if (a->nrows == 0 || b->nrows == 0 || a->ncols == 0 || b->ncols == 0)
		return;
	colmap = xreallocarray(NULL, b->ncols, sizeof(long));
	for (c = 0; c < b->ncols; c++) {
		colmap[c] = -1;
		for (k = 0; k < a->ncols; k++)
			if (same_fold(cell(a, 0, k), cell(b, 0, c))) {
				colmap[c] = (long)k;
				break;
			}
		if (colmap[c] < 0 && a->ncols == b->ncols)
			colmap[c] = (long)c;
	}
	ia = xreallocarray(NULL, a->nrows, sizeof(*ia));
	ib = xreallocarray(NULL, b->nrows, sizeof(*ib));
	for (r = 0; r < a->nrows; r++)
		ia[r] = row_hash(a, r);
	for (r = 0; r < b->nrows; r++)
		ib[r] = row_hash(b, r);
	seqdiff(ia, a->nrows, ib, b->nrows, NULL, tcollect, &g);
	for (k = 0; k <= g.n; k++) {
		size_t a0 = k < g.n ? g.v[k].a0 : a->nrows;
		size_t b0 = k < g.n ? g.v[k].b0 : b->nrows;
		size_t na, nb;

		/* Equal rows may still differ in how cells are written. */
		for (; ra < a0 && rb < b0; ra++, rb++)
			row_cells(d, &cap, a, ra, b, rb, colmap);
		if (k == g.n)
			break;
		na = g.v[k].na;
		nb = g.v[k].nb;
		pa = xreallocarray(NULL, na + 1, sizeof(long));
		pb = xreallocarray(NULL, nb + 1, sizeof(long));
		for (i = 0; i < na; i++)
			pa[i] = -1;
		for (j = 0; j < nb; j++)
			pb[j] = -1;
		for (j = 0; j < nb; j++)
			for (i = 0; i < na; i++)
				if (pa[i] < 0 && same_fold(cell(a, ra + i, 0),
				    cell(b, rb + j, 0))) {
					pa[i] = (long)j;
					pb[j] = (long)i;
					break;
				}
		/* Headings all differ: rows pair in order when as many. */
		for (i = 0; i < na && pa[i] < 0; i++)
			;
		if (i == na && na == nb)
			for (i = 0; i < na; i++)
				pa[i] = pb[i] = (long)i;
		for (i = 0, j = 0; i < na || j < nb;) {
			if (i < na && pa[i] < 0) {
				add_cell(d, &cap, (long)(ra + i), -1, -1, -1);
				i++;
			} else if (j < nb && pb[j] < 0) {
				add_cell(d, &cap, -1, -1, (long)(rb + j), -1);
				j++;
			} else if (i < na && j < nb) {
				row_cells(d, &cap, a, ra + i, b,
				    rb + (size_t)pa[i], colmap);
				i++;
				j++;
			} else
				break;
		}
		free(pa);
		free(pb);
		ra += na;
		rb += nb;
	}
	free(g.v);
	free(ia);
	free(ib);
	free(colmap);
}

char *
dcell_name(const struct dnode *d, const struct dcell *c)
{
	const struct table *t;
	long r, col;
	struct buf b;

	if (c->nrow >= 0 && d->new != NULL && d->new->table != NULL) {
		t = d->new->table;
		r = c->nrow;
		col = c->ncol;
	} else {
		t = d->old->table;
		r = c->orow;
		col = c->ocol;
	}
	if (c->ncol < 0 && c->ocol >= 0) {
		t = d->old->table;
		r = c->orow;
		col = c->ocol;
	}
	buf_init(&b);
	if (r == 0)
		buf_puts(&b, "見出し行");
	else
		buf_puts(&b, cell(t, (size_t)r, 0));
	if (col > 0 || (col == 0 && r == 0)) {
		buf_puts(&b, " / ");
		buf_puts(&b, cell(t, 0, (size_t)col));
	}
	return buf_detach(&b);
}

/* ---- align: revisions of one document ---- */

static void	align_level(struct ctx *, struct dnode *, struct xnode *,
		    size_t, struct xnode *, size_t);

static void
pending(struct pending **v, size_t *n, size_t *cap, struct dnode *d,
    struct xnode *x)
{
	if (*n == *cap) {
		*cap = *cap ? 2 * *cap : 16;
		*v = xreallocarray(*v, *cap, sizeof(**v));
	}
	(*v)[*n].dn = d;
	(*v)[*n].x = x;
	(*n)++;
}

/*
 * Do two folded texts differ only in white space: a line break where a
 * space was, two spaces for one, a space at an end?  That is layout, as
 * 全角/半角 is: a normalization, not a change of wording.
 */
static int
same_but_space(const char *a, const char *b)
{
	for (;;) {
		int sa = 0, sb = 0;

		while (*a == ' ' || *a == '\n' || *a == '\t')
			a++, sa = 1;
		while (*b == ' ' || *b == '\n' || *b == '\t')
			b++, sb = 1;
		if (*a == '\0' || *b == '\0')
			return *a == *b;
		if (sa != sb && !(sa && sb))
			return 0;
		if (*a != *b)
			return 0;
		a++;
		b++;
	}
}

/* A link-only change marks the links' texts on both sides. */
static void
link_edits(struct dnode *d)
{
	size_t k, oend = 0, nend = 0;

	d->kind = DK_LINKS;
	d->edits = xreallocarray(NULL, d->nlinks + 1, sizeof(*d->edits));
	for (k = 0; k < d->nlinks; k++) {
		const struct span *x = d->links[k].old, *y = d->links[k].new;

		/* A side without the link holds an empty edit where the
		 * last one ended, so that edits stay in text order. */
		d->edits[k].ooff = x ? x->off : oend;
		d->edits[k].olen = x ? x->len : 0;
		d->edits[k].noff = y ? y->off : nend;
		d->edits[k].nlen = y ? y->len : 0;
		oend = d->edits[k].ooff + d->edits[k].olen;
		nend = d->edits[k].noff + d->edits[k].nlen;
	}
	d->nedits = d->nlinks;
}

static int	tables_as_text(struct dnode *, struct xnode *, struct xnode *);

/* Pair two clauses: compare their own text, then align their children. */
static struct dnode *
pair(struct ctx *c, struct dnode *parent, struct xnode *a, struct xnode *b)
{
	struct dnode *d = dn_new(parent, DK_SAME, a->n, b->n);
	char *fa, *fb;

	if (a->raw == b->raw && same_raw(a, b))
		return d;
	if (strcmp(a->fold, b->fold) != 0 && !same_but_space(a->fold,
	    b->fold)) {
		d->kind = DK_MODIFIED;
		fa = fold(a->n->caption);
		fb = fold(b->n->caption);
		d->caption = strcmp(fa, fb) != 0;
		free(fa);
		free(fb);
		if (a->n->text != NULL && b->n->text != NULL)
			inline_edits(d, a->n->text, b->n->text, 0);
		if (a->n->table != NULL && b->n->table != NULL)
			table_edits(d, a->n->table, b->n->table);
	} else if (strcmp(a->own, b->own) != 0) {
		d->kind = DK_NORMALIZED;
		d->caption = !same_str(a->n->caption, b->n->caption);
		if (a->n->text != NULL && b->n->text != NULL)
			inline_edits(d, a->n->text, b->n->text, 1);
		if (a->n->table != NULL && b->n->table != NULL)
			table_edits(d, a->n->table, b->n->table);
	}
	/*
	 * Link targets are part of a clause: a changed one is a change of
	 * its own kind where the text is the same, and is listed beside
	 * the text's edits where it is not.
	 */
	if (!c->D->ignore_links && !same_links(a->n, b->n, d) &&
	    d->kind == DK_SAME)
		link_edits(d);
	if (d->kind == DK_MODIFIED && tables_as_text(d, a, b))
		return d;
	if (c->tasks != NULL) {
		if (c->ntasks == c->captasks) {
			c->captasks *= 2;
			c->tasks = xreallocarray(c->tasks, c->captasks,
			    sizeof(*c->tasks));
		}
		c->tasks[c->ntasks++] = (struct task){ d, a, b, c->nrem,
		    c->nadd, NULL, NULL, 0, 0, NULL };
	} else
		align_level(c, d, a->kids, a->nkids, b->kids, b->nkids);
	return d;
}

/*
 * A clause read as a leaf (relevel()) that is added or removed is its
 * own line only: its clauses were aligned beside it.
 */
static void
added(struct ctx *c, struct dnode *parent, struct xnode *b)
{
	struct dnode *d = dn_new(parent, DK_ADDED, NULL, b->n);

	d->shell = b->loose && b->n->first != NULL;
	pending(&c->add, &c->nadd, &c->capadd, d, b);
}

static void
removed(struct ctx *c, struct dnode *parent, struct xnode *a)
{
	struct dnode *d = dn_new(parent, DK_REMOVED, a->n, NULL);

	d->shell = a->loose && a->n->first != NULL;
	pending(&c->rem, &c->nrem, &c->caprem, d, a);
}

/*
 * Do two clauses carry the same heading (folded)?  A division or article
 * that keeps its heading is the same clause however much of its body was
 * rewritten: its clauses are then aligned inside it.
 */
static int
same_caption(const struct xnode *a, const struct xnode *b)
{
	char *fa, *fb;
	int r;

	if (a->n->caption == NULL || b->n->caption == NULL ||
	    a->n->first == NULL || b->n->first == NULL)
		return 0;
	fa = fold(a->n->caption);
	fb = fold(b->n->caption);
	r = *fa != '\0' && strcmp(fa, fb) == 0;
	free(fa);
	free(fb);
	return r;
}

static int
weight(struct xnode *a, struct xnode *b)
{
	int s, same, cap;

	if (!(a->loose && b->loose) && (a->n->type != b->n->type ||
	    a->n->divkind != b->n->divkind))
		return -1;
	same = same_str(a->n->num, b->n->num);
	s = sim(a, b);
	cap = same_caption(a, b);
	if (s < (same ? SIM_SAME_NUM : SIM_OTHER) && !cap)
		return -1;
	/* The same heading outweighs any closeness of text: 附則（A） pairs
	 * with 附則（A）, not with a new 附則（B） that took over its end. */
	return s * 2 + same + (cap ? 256 : 0);
}

/*
 * Pair the clauses of one change group, keeping their order: exactly (a
 * weighted LCS) when the group is small, else greedily within a window.
 * pa[i] = j or -1.
 */
static void
pair_group(struct xnode *A, size_t na, struct xnode *B, size_t nb, long *pa)
{
	size_t i, j, jcur;
	long *dp, w, best, bestj;

	for (i = 0; i < na; i++)
		pa[i] = -1;
	if (na == 0 || nb == 0)
		return;
	if (na * nb <= DP_MAX) {
		long *W = xreallocarray(NULL, na * nb, sizeof(long));

		dp = xcalloc((na + 1) * (nb + 1), sizeof(long));
		for (i = 0; i < na; i++)
			for (j = 0; j < nb; j++)
				W[i * nb + j] = weight(&A[i], &B[j]);
#define DP(i, j)	dp[(i) * (nb + 1) + (j)]
		for (i = 1; i <= na; i++)
			for (j = 1; j <= nb; j++) {
				best = DP(i - 1, j) > DP(i, j - 1) ?
				    DP(i - 1, j) : DP(i, j - 1);
				w = W[(i - 1) * nb + j - 1];
				if (w >= 0 && DP(i - 1, j - 1) + w + 1 > best)
					best = DP(i - 1, j - 1) + w + 1;
				DP(i, j) = best;
			}
		for (i = na, j = nb; i > 0 && j > 0;) {
			w = W[(i - 1) * nb + j - 1];
			if (w >= 0 && DP(i, j) == DP(i - 1, j - 1) + w + 1) {
				pa[i - 1] = (long)(j - 1);
				i--;
				j--;
			} else if (DP(i, j) == DP(i - 1, j))
				i--;
			else
				j--;
		}
#undef DP
		free(dp);
		free(W);
		return;
	}
	for (i = 0, jcur = 0; i < na && jcur < nb; i++) {
		best = -1;
		bestj = -1;
		for (j = jcur; j < nb && j < jcur + WINDOW; j++)
			if ((w = weight(&A[i], &B[j])) > best) {
				best = w;
				bestj = (long)j;
			}
		if (bestj >= 0) {
			pa[i] = bestj;
			jcur = (size_t)bestj + 1;
		}
	}
}

/*
 * Is the one clause's text the window's texts run together, white space
 * left out?  A line that became a paragraph of its own, or the reverse
 * (a heading line read into the paragraph under it), is then a split or
 * a merge however close the larger part alone is.
 */
static int
same_concat(struct xnode *one, struct xnode **many, size_t n)
{
	const char *a = xsub(one), *b;
	size_t i;

	for (i = 0; i < n; i++)
		for (b = xsub(many[i]); *b != '\0'; b++) {
			if (*b == ' ' || *b == '\n' || *b == '\t')
				continue;
			while (*a == ' ' || *a == '\n' || *a == '\t')
				a++;
			if (*a++ != *b)
				return 0;
		}
	while (*a == ' ' || *a == '\n' || *a == '\t')
		a++;
	return *a == '\0';
}

/*
 * The parts n clauses make: each, and the clauses it holds when they are
 * leaves that hold text; more than DIFF_MAXPARTS when any holds others.
 */
static size_t
nparts(const struct xnode *v, size_t n)
{
	size_t i, k, m = 0;

	for (i = 0; i < n; i++) {
		for (k = 0; k < v[i].nkids; k++)
			if (v[i].kids[k].nkids > 0 ||
			    !text_type(v[i].kids[k].n->type))
				return DIFF_MAXPARTS + 1;
		m += 1 + v[i].nkids;
	}
	return m;
}

/* Add x's clauses (leaves, nparts()) to d's parts, then x itself unless
 * it is d's own side. */
static void
add_parts(struct dnode *d, const struct xnode *x, int own)
{
	size_t k;

	if (!own)
		d->parts[d->nparts++] = x->n;
	for (k = 0; k < x->nkids; k++)
		d->parts[d->nparts++] = x->kids[k].n;
}

/*
 * Splits: one old clause against a window of consecutive new clauses
 * that holds j (its pair, or any unpaired one) and otherwise only unpaired
 * clauses of its type; merges are the same the other way round.  The
 * window counts when together its clauses are much closer to the one
 * than the pair alone (base), or when its texts together are the one's
 * (same_concat()): the first window of equal texts, else the closest.  Returns the window's
 * length (0: none) and its start in *start.
 */
static size_t
try_parts(struct xnode *one, struct xnode *many, size_t j, size_t lo,
    size_t hi, const long *taken, int base, size_t *start)
{
	struct xnode *v[DIFF_MAXPARTS];
	size_t s, k, bestn = 0;
	int sc, best = 0;

	/*
	 * Only clauses that hold text split: paragraphs, items, sub-items,
	 * the one holding no clauses.  A part may hold such leaves (a piece
	 * of a hard-wrapped paragraph that took the next piece as its item):
	 * they are parts too, after it (nparts()).
	 */
	if (!text_type(one->n->type) || one->nkids > 0)
		return 0;
	for (s = j + 1 > DIFF_MAXPARTS ? j + 1 - DIFF_MAXPARTS : 0; s <= j;
	    s++) {
		if (s < lo)
			continue;
		for (k = s; k < hi && k - s < DIFF_MAXPARTS; k++) {
			if (k != j && (taken[k] >= 0 ||
			    !text_type(many[k].n->type)))
				break;
			if (nparts(many + s, k - s + 1) > DIFF_MAXPARTS)
				break;
			v[k - s] = &many[k];
			if (k <= j || k - s + 1 < 2)
				continue;
			if (same_concat(one, v, k - s + 1)) {
				*start = s;
				return k - s + 1;
			}
			if (base >= 90)
				continue;
			sc = sim_concat(one, v, k - s + 1);
			if (sc >= SIM_SPLIT && sc > base + 10 && sc > best) {
				best = sc;
				bestn = k - s + 1;
				*start = s;
			}
		}
		/* Windows ending at j. */
		if (k > j && j > s && same_concat(one, v, j - s + 1)) {
			*start = s;
			return j - s + 1;
		}
		if (k > j && j > s && base < 90 && (sc = sim_concat(one, v,
		    j - s + 1)) >= SIM_SPLIT && sc > base + 10 && sc > best) {
			best = sc;
			bestn = j - s + 1;
			*start = s;
		}
	}
	return bestn;
}

char *
diff_part_text(const struct node *n)
{
	struct buf b;
	size_t k;

	if (n->text != NULL)
		return xstrdup(n->text);
	if (n->table == NULL)
		return NULL;
	buf_init(&b);
	for (k = 0; k < n->table->nrows * n->table->ncols; k++) {
		buf_putc(&b, ' ');
		buf_puts(&b, n->table->cells[k]);
	}
	return buf_detach(&b);
}

char *
dnode_side_text(const struct dnode *d, int side_new)
{
	const struct node *n = side_new ? d->new : d->old;
	struct buf b;
	size_t k, len;
	char *t;

	if (d->kind == DK_REFLOWED) {
		buf_init(&b);
		for (k = 0; k < d->nflow[side_new]; k++) {
			t = diff_flow_text(d->flow[side_new][k],
			    k + 1 < d->nflow[side_new] ?
			    d->flow[side_new][k + 1] : NULL, &len);
			buf_puts(&b, t);
			free(t);
		}
		return buf_detach(&b);
	}
	if (n == NULL || n->text == NULL)
		return NULL;
	buf_init(&b);
	buf_puts(&b, n->text);
	if ((d->kind == DK_SPLIT && side_new) ||
	    (d->kind == DK_MERGED && !side_new))
		for (k = 0; k < d->nparts; k++)
			if ((t = diff_part_text(d->parts[k])) != NULL) {
				buf_puts(&b, t);
				free(t);
			}
	return buf_detach(&b);
}

/* Are the bytes s[0, len) white space only (blank_cp())? */
static int
all_space(const char *s, size_t len)
{
	size_t off = 0, used;
	int32_t cp;

	for (; off < len; off += used) {
		used = utf8_next(s + off, len - off, &cp);
		if (used == 0 || !blank_cp(cp))
			return 0;
	}
	return 1;
}

static int
ascii_space(char c)
{
	return c == ' ' || c == '\n' || c == '\t';
}

/* Narrow [*off, +*len) of s to what lies between white space at its
 * ends (ASCII: where joined clauses meet). */
static void
trim_space(const char *s, size_t *off, size_t *len)
{
	while (*len > 0 && ascii_space(s[*off])) {
		(*off)++;
		(*len)--;
	}
	while (*len > 0 && ascii_space(s[*off + *len - 1]))
		(*len)--;
}

/*
 * The edits between texts joined from several clauses, o and n: the
 * line break or space that stood between two of them is an edit of
 * white space only, layout as in pair(), and left out; white space
 * against words leaves the words only.
 */
static void
joined_edits(struct dnode *d, const char *o, const char *n)
{
	size_t k, w;

	inline_edits(d, o, n, 0);
	for (k = 0, w = 0; k < d->nedits; k++) {
		struct dedit *e = &d->edits[k];
		int os = all_space(o + e->ooff, e->olen);
		int ns = all_space(n + e->noff, e->nlen);

		if (os && ns)
			continue;
		/* White space against words: only the words. */
		if (os)
			e->olen = 0;
		if (ns)
			e->nlen = 0;
		d->edits[w++] = *e;
	}
	d->nedits = w;
}

/* Split or merged: the edits between one text and the parts together,
 * joined as they are. */
static void
part_edits(struct dnode *d)
{
	char *o = dnode_side_text(d, 0), *n = dnode_side_text(d, 1);

	if (o != NULL && n != NULL)
		joined_edits(d, o, n);
	free(o);
	free(n);
}

/*
 * A paragraph that holds tables only, paired with one that holds nothing
 * (or the reverse): the tables' cells became its text, or its text
 * became tables (a 別表 written out as sentences).  So it is when the
 * paragraph's text with the tables' cells is clearly closer to the
 * other text than its own text alone: then the pair is a merge (the
 * tables are parts after the paragraph, read as text, diff_part_text())
 * or a split, compared by words, whatever the layout.  Returns 1 when
 * so; the tables are then no changes of their own.
 */
static int
tables_as_text(struct dnode *d, struct xnode *a, struct xnode *b)
{
	struct xnode *many = a->nkids > 0 ? a : b, *one = many == a ? b : a;
	uint32_t *v;
	size_t nv, k;
	int own;

	if (!text_type(a->n->type) || !text_type(b->n->type) ||
	    one->nkids > 0 || many->nkids == 0 ||
	    many->nkids + 1 > DIFF_MAXPARTS || one->n->text == NULL ||
	    many->n->text == NULL)
		return 0;
	for (k = 0; k < many->nkids; k++)
		if (many->kids[k].n->type != N_TABLE ||
		    many->kids[k].nkids > 0)
			return 0;
	v = bigrams(many->fold, &nv);
	xbigrams(one);
	own = dice(one->bg, one->nbg, v, nv);
	free(v);
	if (sim(many, one) < own + 10)
		return 0;
	free(d->edits);
	d->edits = NULL;
	d->nedits = 0;
	d->kind = many == a ? DK_MERGED : DK_SPLIT;
	for (k = 0; k < many->nkids; k++)
		d->parts[d->nparts++] = many->kids[k].n;
	part_edits(d);
	return 1;
}

/* next[i]: the first k > i with p[k] >= 0 (paired), or n. */
static void
next_paired(const long *p, size_t n, size_t *next)
{
	size_t i, k = n;

	for (i = n; i-- > 0;) {
		next[i] = k;
		if (p[i] >= 0)
			k = i;
	}
}

static void
spill_chain(struct spill **to, struct spill *from)
{
	struct spill *next;

	for (; from != NULL; from = next) {
		next = from->next;
		from->next = *to;
		*to = from;
	}
}

static int
cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

static int
has_key(const uint32_t *v, size_t n, uint32_t k)
{
	return n > 0 && bsearch(&k, v, n, sizeof(*v), cmp_u32) != NULL;
}

/*
 * Does container x hold what the other side has at this level: at least
 * half of its children, and two or more (or its only one), have their
 * content key among keys?
 */
static int
wraps(const struct xnode *x, const uint32_t *keys, size_t nkeys)
{
	size_t i, hit = 0;

	if (x->nkids == 0 || x->n->type == N_TABLE)
		return 0;
	for (i = 0; i < x->nkids; i++)
		if (has_key(keys, nkeys, x->kids[i].key))
			hit++;
	return hit * 2 >= x->nkids && (hit >= 2 || x->nkids == 1);
}

/* A clause's own text as a key for any type: its text, else its label. */
static uint32_t
text_key(const struct xnode *x)
{
	if (x->foldlen > 0)
		return seqdiff_hash(x->fold, x->foldlen, 5);
	if (x->n->label != NULL)
		return seqdiff_hash(x->n->label, strlen(x->n->label), 6);
	return 0;
}

/*
 * Count the lines of own text in X's subtrees (a clause's text may hold
 * several, as a list item holding paragraphs does); with v, list their
 * keys.
 */
static size_t
leaf_keys(const struct xnode *X, size_t n, uint32_t *v)
{
	size_t i, m = 0, at, e;
	const char *f;

	for (i = 0; i < n; i++) {
		f = X[i].fold;
		for (at = 0; at < X[i].foldlen; at = e + 1) {
			for (e = at; e < X[i].foldlen && f[e] != '\n'; e++)
				;
			if (e == at)
				continue;
			if (v != NULL)
				v[m] = seqdiff_hash(f + at, e - at, 5);
			m++;
		}
		m += leaf_keys(X[i].kids, X[i].nkids, v ? v + m : NULL);
	}
	return m;
}

/* The clauses with a text key in X's subtrees. */
static size_t
leaf_count(const struct xnode *X, size_t n)
{
	size_t i, m = 0;

	for (i = 0; i < n; i++)
		m += (text_key(&X[i]) != 0) + leaf_count(X[i].kids,
		    X[i].nkids);
	return m;
}

static void
leaf_put(struct xnode *out, size_t *m, struct xnode *X, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (text_key(&X[i]) != 0) {
			out[*m] = X[i];
			out[*m].key = text_key(&X[i]);
			out[*m].kids = NULL;
			out[*m].nkids = 0;
			out[*m].loose = 1;
			/* Its similarity is its own text's, not its subtree's. */
			out[*m].sub = (char *)X[i].fold;
			out[*m].bg = NULL;
			out[*m].nbg = 0;
			out[*m].bgdone = 0;
			(*m)++;
		}
		leaf_put(out, m, X[i].kids, X[i].nkids);
	}
}

/*
 * The last resort of looking through structure: the change group's
 * clauses on both sides, every one of them down to the leaves, read as
 * one sequence of texts whatever their type and depth (bold lines that
 * became headings, list items that became paragraphs, a heading moved a
 * level).  Used when most of the texts on the smaller side are found
 * on the other: then the texts are aligned as such and only what
 * changed in them is reported.
 */
static int
relevel(struct ctx *c, struct dnode *parent, struct xnode *A, size_t na,
    struct xnode *B, size_t nb, int force)
{
	size_t ma = leaf_keys(A, na, NULL), mb = leaf_keys(B, nb, NULL);
	size_t i, j, hit = 0, m;
	uint32_t *ka, *kb;
	struct spill *sa, *sb;

	/* Leaves read once are read as they are. */
	if (ma < 2 || mb < 2 || A[0].loose || B[0].loose)
		return 0;
	ka = xreallocarray(NULL, ma, sizeof(*ka));
	kb = xreallocarray(NULL, mb, sizeof(*kb));
	leaf_keys(A, na, ka);
	leaf_keys(B, nb, kb);
	qsort(ka, ma, sizeof(*ka), cmp_u32);
	qsort(kb, mb, sizeof(*kb), cmp_u32);
	for (i = 0, j = 0; i < ma && j < mb;)
		if (ka[i] == kb[j])
			hit++, i++, j++;
		else if (ka[i] < kb[j])
			i++;
		else
			j++;
	free(ka);
	free(kb);
	if (!force && hit * 2 < (ma < mb ? ma : mb))
		return 0;
	ma = leaf_count(A, na);
	mb = leaf_count(B, nb);
	sa = xmalloc(sizeof(*sa) + (ma + 1) * sizeof(sa->x[0]));
	sb = xmalloc(sizeof(*sb) + (mb + 1) * sizeof(sb->x[0]));
	sa->n = ma;
	sb->n = mb;
	sa->next = sb;
	sb->next = c->spill;
	c->spill = sa;
	m = 0;
	leaf_put(sa->x, &m, A, na);
	m = 0;
	leaf_put(sb->x, &m, B, nb);
	align_level(c, parent, sa->x, ma, sb->x, mb);
	return 1;
}

/*
 * Count, once per parent, the pairs read as leaves whose kind changed:
 * the restructuring a reader is told about in one line.
 */
static void
restructs(struct diff *D)
{
	struct dnode *d;
	size_t k, cap = 0;
	int from, to;

	for (d = D->root; d != NULL; d = dnode_next(d)) {
		if (d->old == NULL || d->new == NULL ||
		    d->old->type == d->new->type || d->kind == DK_MATCHED ||
		    d->kind == DK_SPLIT || d->kind == DK_MERGED)
			continue;
		from = d->old->type;
		to = d->new->type;
		for (k = 0; k < D->nrestructs; k++)
			if (D->restructs[k].at == d->parent &&
			    D->restructs[k].from == from &&
			    D->restructs[k].to == to)
				break;
		if (k == D->nrestructs) {
			if (D->nrestructs == cap) {
				cap = cap ? 2 * cap : 4;
				D->restructs = xreallocarray(D->restructs,
				    cap, sizeof(*D->restructs));
			}
			D->restructs[k] = (struct drestruct){ d->parent, from,
			    to, 0 };
			D->nrestructs++;
		}
		D->restructs[k].n++;
	}
}

static int
unwrap(struct ctx *c, struct dnode *parent, struct xnode *A, size_t na,
    struct xnode *B, size_t nb)
{
	uint32_t *ka, *kb;
	char *wa, *wb;
	size_t i, any = 0;

	if (na == 0 || nb == 0)
		return 0;
	ka = xreallocarray(NULL, na, sizeof(*ka));
	kb = xreallocarray(NULL, nb, sizeof(*kb));
	for (i = 0; i < na; i++)
		ka[i] = A[i].key;
	for (i = 0; i < nb; i++)
		kb[i] = B[i].key;
	qsort(ka, na, sizeof(*ka), cmp_u32);
	qsort(kb, nb, sizeof(*kb), cmp_u32);
	wa = xcalloc(na, 1);
	wb = xcalloc(nb, 1);
	for (i = 0; i < na; i++)
		if (!has_key(kb, nb, A[i].key) && wraps(&A[i], kb, nb))
			wa[i] = 1, any++;
	for (i = 0; i < nb; i++)
		if (!has_key(ka, na, B[i].key) && wraps(&B[i], ka, na))
			wb[i] = 1, any++;
	free(ka);
	free(kb);
	free(wa);
	free(wb);
	return any > 0 && relevel(c, parent, A, na, B, nb, 1);
}

/*
 * The next pair from A[i], B[j] on, with the unpaired clauses before it
 * and after it on both sides, where one side holds clauses unpaired and
 * the other side's clause of the pair holds more clauses than its
 * partner: the clauses around it were taken in as its own (a heading
 * line whose paragraph became its body, a paragraph read as an item of
 * the one before, a heading inserted taking the clauses after it), or
 * the reverse.  Then the pair and those clauses are read through their
 * structure (relevel()).  Returns 0 when not, else the clauses taken on
 * each side, A's << 16 | B's.
 */
static size_t
adopts(struct ctx *c, struct dnode *parent, struct xnode *A, size_t na,
    size_t i, const long *pa, const size_t *ka, struct xnode *B, size_t nb,
    size_t j, const long *pb, const size_t *kb)
{
	size_t i2 = i, j2 = j, ra = 0, rb = 0;

	while (i2 < na && pa[i2] < 0 && i2 - i < 0x7ff)
		i2++;
	while (j2 < nb && pb[j2] < 0 && j2 - j < 0x7ff)
		j2++;
	if (i2 >= na || j2 >= nb || pa[i2] != (long)j2 || ka[i2] > 0 ||
	    kb[j2] > 0)
		return 0;
	while (i2 + 1 + ra < na && pa[i2 + 1 + ra] < 0 && ra < 0x7ff)
		ra++;
	while (j2 + 1 + rb < nb && pb[j2 + 1 + rb] < 0 && rb < 0x7ff)
		rb++;
	ra += i2 - i;
	rb += j2 - j;
	if (!((ra > 0 && B[j2].nkids > A[i2].nkids) ||
	    (rb > 0 && A[i2].nkids > B[j2].nkids)))
		return 0;
	if (!relevel(c, parent, &A[i], ra + 1, &B[j], rb + 1, 1))
		return 0;
	return (ra + 1) << 16 | (rb + 1);
}

static void
hunk(struct ctx *c, struct dnode *parent, struct xnode *A, size_t na,
    struct xnode *B, size_t nb)
{
	long *pa = xreallocarray(NULL, na + 1, sizeof(long));
	long *pb = xreallocarray(NULL, nb + 1, sizeof(long));
	size_t *ka = xcalloc(na + 1, sizeof(size_t));	/* merged parts */
	size_t *kb = xcalloc(nb + 1, sizeof(size_t));	/* split parts */
	size_t *nx = xreallocarray(NULL, na + 1, sizeof(size_t));
	size_t *ny = xreallocarray(NULL, nb + 1, sizeof(size_t));
	size_t i, j, k, lo, hi, n, run;
	struct dnode *d;
	int fresh;

	if (unwrap(c, parent, A, na, B, nb)) {
		free(pa);
		free(pb);
		free(ka);
		free(kb);
		free(nx);
		free(ny);
		return;
	}
	pair_group(A, na, B, nb, pa);
	for (i = 0; i < na && pa[i] < 0; i++)
		;
	/* Nothing pairs: perhaps the same texts in another structure. */
	if (i == na && relevel(c, parent, A, na, B, nb, 0)) {
		free(pa);
		free(pb);
		free(ka);
		free(kb);
		free(nx);
		free(ny);
		return;
	}
	for (j = 0; j < nb; j++)
		pb[j] = -1;
	for (i = 0; i < na; i++)
		if (pa[i] >= 0)
			pb[pa[i]] = (long)i;
	/*
	 * Splits and merges around pairs, and among unpaired clauses.  lo and
	 * hi bound the other side by the nearest pairs before and after; a
	 * pass changes only the entry it stands on, so lo runs along and the
	 * next pair after each index is found once (next_paired()).
	 */
	next_paired(pa, na, nx);
	for (run = 0, i = 0; i < na; i++) {
		size_t st = 0;

		if (i > 0 && pa[i - 1] >= 0)
			run = (size_t)pa[i - 1] + 1;
		lo = run;
		hi = nx[i] < na ? (size_t)pa[nx[i]] : nb;
		if (pa[i] >= 0) {
			j = (size_t)pa[i];
			if ((n = try_parts(&A[i], B, j, lo, hi, pb,
			    sim(&A[i], &B[j]), &st)) > 0) {
				pb[j] = -1;
				pa[i] = (long)st;
				for (k = 0; k < n; k++)
					pb[st + k] = (long)i;
				kb[st] = n - 1;
			}
			continue;
		}
		for (j = lo; j < hi && j < lo + WINDOW; j++) {
			if (pb[j] >= 0 || B[j].n->type != A[i].n->type)
				continue;
			if ((n = try_parts(&A[i], B, j, j, hi, pb,
			    SIM_SPLIT - 11, &st)) > 0) {
				pa[i] = (long)st;
				for (k = 0; k < n; k++)
					pb[st + k] = (long)i;
				kb[st] = n - 1;
				break;
			}
		}
	}
	/* Merges: the same with the sides swapped. */
	next_paired(pb, nb, ny);
	for (run = 0, j = 0; j < nb; j++) {
		size_t st = 0;

		if (j > 0 && pb[j - 1] >= 0)
			run = (size_t)pb[j - 1] + 1;
		if (pb[j] < 0 || kb[j] > 0 || (j > 0 && pb[j - 1] == pb[j]))
			continue;
		i = (size_t)pb[j];
		if (ka[i] > 0)
			continue;
		lo = run;
		hi = ny[j] < nb ? (size_t)pb[ny[j]] : na;
		if (lo > i)
			lo = i;
		if ((n = try_parts(&B[j], A, i, lo, hi, pa, sim(&A[i], &B[j]),
		    &st)) > 0) {
			pa[i] = -1;
			pb[j] = (long)st;
			for (k = 0; k < n; k++)
				pa[st + k] = (long)j;
			ka[st] = n - 1;
		}
	}
	/*
	 * Emit in order: removed before added between pairs.  Each gap and
	 * the pair after it are first offered to adopts(), once (fresh).
	 */
	i = j = 0;
	fresh = 1;
	while (i < na || j < nb) {
		if (fresh) {
			fresh = 0;
			if ((n = adopts(c, parent, A, na, i, pa, ka, B, nb, j,
			    pb, kb)) > 0) {
				i += n >> 16;
				j += n & 0xffff;
				fresh = 1;
				continue;
			}
		}
		if (i < na && pa[i] < 0) {
			removed(c, parent, &A[i++]);
			continue;
		}
		if (j < nb && pb[j] < 0) {
			added(c, parent, &B[j++]);
			continue;
		}
		if (i >= na || j >= nb)
			break;
		if (kb[j] > 0) {
			d = dn_new(parent, DK_SPLIT, A[i].n, B[j].n);
			for (k = 0; k <= kb[j]; k++)
				add_parts(d, &B[j + k], k == 0);
			part_edits(d);
			i++;
			j += kb[j] + 1;
		} else if (ka[i] > 0) {
			d = dn_new(parent, DK_MERGED, A[i].n, B[j].n);
			for (k = 0; k <= ka[i]; k++)
				add_parts(d, &A[i + k], k == 0);
			part_edits(d);
			i += ka[i] + 1;
			j++;
		} else
			pair(c, parent, &A[i++], &B[j++]);
		fresh = 1;
	}
	free(pa);
	free(pb);
	free(ka);
	free(kb);
	free(nx);
	free(ny);
}

static void
align_level(struct ctx *c, struct dnode *parent, struct xnode *A, size_t na,
    struct xnode *B, size_t nb)
{
	uint32_t *ia, *ib;
	struct tgroups g = { NULL, 0, 0 };
	size_t i = 0, j = 0, k;

	if (na == 0 && nb == 0)
		return;
	ia = xreallocarray(NULL, na + 1, sizeof(*ia));
	ib = xreallocarray(NULL, nb + 1, sizeof(*ib));
	for (k = 0; k < na; k++)
		ia[k] = A[k].key;
	for (k = 0; k < nb; k++)
		ib[k] = B[k].key;
	seqdiff(ia, na, ib, nb, NULL, tcollect, &g);
	for (k = 0; k <= g.n; k++) {
		size_t a0 = k < g.n ? g.v[k].a0 : na;
		size_t b0 = k < g.n ? g.v[k].b0 : nb;

		while (i < a0 && j < b0)
			pair(c, parent, &A[i++], &B[j++]);
		if (k < g.n) {
			hunk(c, parent, A + i, g.v[k].na, B + j, g.v[k].nb);
			i += g.v[k].na;
			j += g.v[k].nb;
		}
	}
	free(g.v);
	free(ia);
	free(ib);
}

/* ---- the top level, on two threads ---- */

/* Tasks [from, to) of a list, run one after another. */
struct trange {
	struct diff	*D;
	struct task	*v;
	size_t		 from, to;
};

static void *
run_tasks(void *arg)
{
	struct trange *r = arg;
	struct task *t;
	struct ctx c;
	size_t k;

	for (k = r->from; k < r->to; k++) {
		t = &r->v[k];
		memset(&c, 0, sizeof(c));
		c.D = r->D;
		align_level(&c, t->d, t->a->kids, t->a->nkids, t->b->kids,
		    t->b->nkids);
		t->rem = c.rem;
		t->nrem = c.nrem;
		t->add = c.add;
		t->nadd = c.nadd;
		t->spill = c.spill;
	}
	return NULL;
}

/*
 * Put each task's clauses into a pending list where they would stand had
 * the task run in its turn: the lists then hold clauses in document
 * order, as a walk of the whole tree makes them, and moves() finds the
 * same moves however the work was shared.
 */
static void
merge_pending(struct pending **v, size_t *n, size_t *cap,
    const struct pending *top, size_t ntop, struct task *tasks,
    size_t ntasks, int added)
{
	size_t k, i, from = 0, at, nt;
	const struct pending *tv;

	for (k = 0; k <= ntasks; k++) {
		at = k < ntasks ? (added ? tasks[k].atadd : tasks[k].atrem) :
		    ntop;
		for (i = from; i < at; i++)
			pending(v, n, cap, top[i].dn, top[i].x);
		from = at;
		if (k == ntasks)
			break;
		tv = added ? tasks[k].add : tasks[k].rem;
		nt = added ? tasks[k].nadd : tasks[k].nrem;
		for (i = 0; i < nt; i++)
			pending(v, n, cap, tv[i].dn, tv[i].x);
	}
}

/*
 * Align the two documents' top levels here, putting off the children of
 * each pair; then align those on two threads, about half the clauses
 * each.  A task reads and writes only its own pair's subtrees (the
 * lazy sub texts and bigrams included) and dnodes, so the tasks share
 * nothing but the allocator; the result is the same as one walk's.
 */
static void
align_root(struct ctx *c, struct xnode *xa, struct xnode *xb)
{
	struct trange r1, r2;
	struct pending *rem, *add;
	size_t nrem, nadd, k, half, total = 0, sum = 0;

	c->captasks = 16;
	c->tasks = xreallocarray(NULL, c->captasks, sizeof(*c->tasks));
	align_level(c, c->D->root, xa->kids, xa->nkids, xb->kids, xb->nkids);
	for (k = 0; k < c->ntasks; k++)
		total += c->tasks[k].a->nodes + c->tasks[k].b->nodes;
	for (half = 0; half < c->ntasks && 2 * sum < total; half++)
		sum += c->tasks[half].a->nodes + c->tasks[half].b->nodes;
	r1 = (struct trange){ c->D, c->tasks, 0, half };
	r2 = (struct trange){ c->D, c->tasks, half, c->ntasks };
	if (half == 0 || half == c->ntasks) {
		r1.to = c->ntasks;
		run_tasks(&r1);
	} else
		par_both(run_tasks, &r2, &r1);
	rem = c->rem;
	nrem = c->nrem;
	add = c->add;
	nadd = c->nadd;
	c->rem = c->add = NULL;
	c->nrem = c->nadd = c->caprem = c->capadd = 0;
	merge_pending(&c->rem, &c->nrem, &c->caprem, rem, nrem, c->tasks,
	    c->ntasks, 0);
	merge_pending(&c->add, &c->nadd, &c->capadd, add, nadd, c->tasks,
	    c->ntasks, 1);
	for (k = 0; k < c->ntasks; k++) {
		free(c->tasks[k].rem);
		free(c->tasks[k].add);
		spill_chain(&c->spill, c->tasks[k].spill);
	}
	free(rem);
	free(add);
	free(c->tasks);
	c->tasks = NULL;
}

/* ---- moves ---- */

static int
cmp_pending(const void *a, const void *b)
{
	const struct pending *x = a, *y = b;

	return x->x->tkey < y->x->tkey ? -1 : x->x->tkey > y->x->tkey;
}

static int
cmp_pending_ptr(const void *a, const void *b)
{
	return cmp_pending(*(struct pending *const *)a,
	    *(struct pending *const *)b);
}

static void	move_take(struct pending *, struct pending *);

/* The first removed clause whose key is k or more (c->rem sorted by key). */
static size_t
first_removed(const struct ctx *c, uint32_t k)
{
	size_t lo = 0, hi = c->nrem, mid;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (c->rem[mid].x->tkey < k)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}


/*
 * Move the added clause a from removed r when they are twins: same text
 * (equal keys may collide: the text decides) and same type, or types that
 * both hold text (a list item that became a paragraph of its own
 * elsewhere moved: its kind is the structure's, not its wording).
 * Returns 1 when moved: the added dnode becomes the move, the removed one
 * leaves the tree.
 */
static int
move_from(struct pending *a, struct pending *r)
{
	enum ntype ta = a->x->n->type, tr;

	if (r->dn == NULL)
		return 0;
	tr = r->x->n->type;
	if ((tr != ta && !(text_type(tr) && text_type(ta))) ||
	    strcmp(xsub(r->x), xsub(a->x)) != 0)
		return 0;
	move_take(a, r);
	return 1;
}

/*
 * A removed clause reported by its own line only (a shell: opened for a
 * move, open_side(), or restructured) whose clauses all stand elsewhere
 * now is left with that line: it moved when an added
 * clause of a text type and no clauses holds the same text (the lead
 * sentence of a list whose items became paragraphs elsewhere).  The
 * added leaves are looked up by key, as a leaf of that text has it.
 */
static void
move_shells(struct ctx *c)
{
	struct pending *r, **v = NULL;
	size_t i, lo, hi, mid, n = 0;
	uint32_t hf, k;

	for (i = 0; i < c->nadd; i++)
		if (c->add[i].dn->kind == DK_ADDED &&
		    c->add[i].x->nkids == 0 &&
		    text_type(c->add[i].x->n->type)) {
			v = xgrow(v, n, sizeof(*v));
			v[n++] = &c->add[i];
		}
	if (n > 0)
		qsort(v, n, sizeof(*v), cmp_pending_ptr);
	for (i = 0; i < c->nrem && n > 0; i++) {
		r = &c->rem[i];
		if (r->dn == NULL || !r->dn->shell || r->dn->first != NULL ||
		    !text_type(r->x->n->type) ||
		    text_chars(r->x->fold, r->x->foldlen) < MOVE_MIN)
			continue;
		hf = seqdiff_hash(r->x->fold, r->x->foldlen, 0);
		k = seqdiff_hash(&hf, sizeof(hf), 2);
		for (lo = 0, hi = n; lo < hi;) {
			mid = (lo + hi) / 2;
			if (v[mid]->x->tkey < k)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (; lo < n && v[lo]->x->tkey == k; lo++)
			if (v[lo]->dn->kind == DK_ADDED &&
			    v[lo]->x->foldlen == r->x->foldlen &&
			    memcmp(v[lo]->x->fold, r->x->fold,
			    r->x->foldlen) == 0) {
				move_take(v[lo], r);
				break;
			}
	}
	free(v);
}

/*
 * The other way round: an added clause reported by its own line only (a
 * shell) whose line is the text of a removed clause of a text type, a
 * leaf or one whose own clauses are told apart already: that clause
 * moved and became the line, as a bold paragraph "Table of Contents"
 * (with its entries as items, or not) that became the heading over the
 * entries.  Its
 * kind and level changed, not its words.  The added shell becomes the
 * move and keeps its clauses' changes below it.  c->rem is sorted by
 * key, and a leaf's key is its text's.
 */
/* A removed clause by the hash of its own text (its line only). */
struct byfold {
	uint32_t	 h;
	size_t		 i;	/* into c->rem */
};

static int
cmp_byfold(const void *a, const void *b)
{
	const struct byfold *x = a, *y = b;

	if (x->h != y->h)
		return x->h < y->h ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

/* Would removed r, as a line, be the move of added shell a?  A leaf, or
 * one whose own clauses are told apart already (a shell itself). */
static int
shell_twin(const struct pending *a, const struct pending *r)
{
	return r->dn != NULL && r->dn->kind == DK_REMOVED &&
	    (r->x->nkids > 0 || !r->dn->shell) &&
	    text_type(r->x->n->type) && r->x->foldlen == a->x->foldlen &&
	    memcmp(r->x->fold, a->x->fold, a->x->foldlen) == 0;
}

static void
move_into_shells(struct ctx *c)
{
	struct pending *a, *r;
	struct byfold *v = NULL, key;
	size_t i, lo, n = 0;
	uint32_t hf, k;

	for (i = 0; i < c->nadd; i++) {
		a = &c->add[i];
		if (a->dn == NULL || a->dn->kind != DK_ADDED ||
		    !a->dn->shell ||
		    text_chars(a->x->fold, a->x->foldlen) < MOVE_MIN)
			continue;
		/*
		 * A removed leaf is found by its key, which is its text's;
		 * one with items ("Table of Contents" over its entries, read
		 * as items) by its own text's hash, indexed once.
		 */
		if (v == NULL) {
			v = xreallocarray(NULL, c->nrem ? c->nrem : 1,
			    sizeof(*v));
			for (lo = 0; lo < c->nrem; lo++)
				if (c->rem[lo].x->nkids > 0 &&
				    text_type(c->rem[lo].x->n->type)) {
					v[n].h = seqdiff_hash(c->rem[lo].x->fold,
					    c->rem[lo].x->foldlen, 0);
					v[n++].i = lo;
				}
			qsort(v, n, sizeof(*v), cmp_byfold);
		}
		hf = seqdiff_hash(a->x->fold, a->x->foldlen, 0);
		k = seqdiff_hash(&hf, sizeof(hf), 2);
		r = NULL;
		for (lo = first_removed(c, k); r == NULL && lo < c->nrem &&
		    c->rem[lo].x->tkey == k; lo++)
			if (c->rem[lo].x->nkids == 0 &&
			    shell_twin(a, &c->rem[lo]))
				r = &c->rem[lo];
		key.h = hf;
		key.i = 0;
		if (r == NULL) {
			/* The first entry of hash hf, by bisection. */
			size_t l = 0, h = n, mid;

			while (l < h) {
				mid = (l + h) / 2;
				if (cmp_byfold(&v[mid], &key) < 0)
					l = mid + 1;
				else
					h = mid;
			}
			for (; l < n && v[l].h == hf && r == NULL; l++)
				if (shell_twin(a, &c->rem[v[l].i]))
					r = &c->rem[v[l].i];
		}
		if (r == NULL)
			continue;
		/* Its items, told apart already, stay where they are. */
		dn_lift_children(r->dn);
		move_take(a, r);
		/* A heading's number is no paragraph's. */
		if (a->dn->old->type != a->dn->new->type)
			a->dn->renumbered = 0;
	}
	free(v);
}

/* The added clause a is removed r moved; r leaves the tree. */
static void
move_take(struct pending *a, struct pending *r)
{
	struct dnode *d = a->dn;

	d->kind = DK_MOVED;
	d->old = r->x->n;
	d->renumbered = renumbered(d->old, d->new);
	dn_unlink(r->dn);
	dn_free(r->dn);
	r->dn = NULL;
}

/* Move the added clause a from any removed twin (c->rem sorted by key). */
static void
move_one(struct ctx *c, struct pending *a)
{
	size_t lo;

	for (lo = first_removed(c, a->x->tkey);
	    lo < c->nrem && c->rem[lo].x->tkey == a->x->tkey; lo++)
		if (move_from(a, &c->rem[lo]))
			return;
}

/* The removed clauses by their old node, for move_beside(). */
struct byold {
	const struct node	*n;
	struct pending		*r;
};

static int
cmp_byold(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t)((const struct byold *)a)->n;
	uintptr_t y = (uintptr_t)((const struct byold *)b)->n;

	return x < y ? -1 : x > y;
}

static struct pending *
removed_of(const struct byold *v, size_t n, const struct node *o)
{
	struct byold k = { o, NULL }, *f;

	if (o == NULL)
		return NULL;
	f = bsearch(&k, v, n, sizeof(*v), cmp_byold);
	return f != NULL ? f->r : NULL;
}

/*
 * A short clause (a heading "4. Account" in a table of contents) moved
 * when a neighbour moved with it: the removed clause that stood next to
 * the neighbour's old side, on the same side, is its twin.  Constant
 * work per clause, however many share its text.
 */
static void
move_beside(struct pending *a, const struct byold *v, size_t n)
{
	const struct dnode *p = a->dn->prev, *q = a->dn->next;
	struct pending *r;

	if (p != NULL && p->kind == DK_MOVED &&
	    (r = removed_of(v, n, p->old->next)) != NULL && move_from(a, r))
		return;
	if (q != NULL && q->kind == DK_MOVED &&
	    (r = removed_of(v, n, q->old->prev)) != NULL)
		move_from(a, r);
}

/* The keys of side v's pendings and of their clauses one level down. */
static size_t
pending_keys(const struct pending *v, size_t n, uint32_t **out)
{
	size_t i, k, m = 0, cap = 16;
	uint32_t *o = xreallocarray(NULL, cap, sizeof(*o));

	for (i = 0; i < n; i++) {
		const struct xnode *x = v[i].x;

		if (v[i].dn == NULL || v[i].dn->shell)
			continue;
		for (k = 0; k <= x->nkids; k++) {
			if (m == cap) {
				cap *= 2;
				o = xreallocarray(o, cap, sizeof(*o));
			}
			o[m++] = k == 0 ? x->tkey : x->kids[k - 1].tkey;
		}
	}
	qsort(o, m, sizeof(*o), cmp_u32);
	*out = o;
	return m;
}

/*
 * Open the added or removed clauses (side v) that hold a clause found
 * added or removed on the other side (keys): the clause becomes its own
 * line (its dnode a shell, opened), and each of its clauses a change of
 * its own, so that moves() can find the one that moved (a provision
 * carried from the last 附則 into a new one).  Returns the count opened.
 */
static size_t
open_side(struct ctx *c, int added_side, const uint32_t *keys, size_t nkeys)
{
	size_t i, k, n = added_side ? c->nadd : c->nrem, opened = 0;

	for (i = 0; i < n; i++) {
		struct pending *p = added_side ? &c->add[i] : &c->rem[i];
		struct xnode *x = p->x;
		struct dnode *d = p->dn;

		if (d == NULL || d->shell || x->nkids == 0 ||
		    x->n->type == N_TABLE || has_key(keys, nkeys, x->tkey))
			continue;
		for (k = 0; k < x->nkids; k++)
			if (sub_chars_upto(&x->kids[k], MOVE_MIN) >= MOVE_MIN &&
			    has_key(keys, nkeys, x->kids[k].tkey))
				break;
		if (k == x->nkids)
			continue;
		d->shell = d->opened = 1;
		for (k = 0; k < x->nkids; k++)
			if (added_side)
				added(c, d, &x->kids[k]);
			else
				removed(c, d, &x->kids[k]);
		opened++;
	}
	return opened;
}

/* open_side() on both sides until nothing more opens. */
static void
open_moves(struct ctx *c)
{
	uint32_t *ka, *kr;
	size_t na, nr, opened;

	do {
		na = pending_keys(c->add, c->nadd, &ka);
		nr = pending_keys(c->rem, c->nrem, &kr);
		opened = open_side(c, 0, ka, na) + open_side(c, 1, kr, nr);
		free(ka);
		free(kr);
	} while (opened > 0);
}

/* The next sibling of n that is not blank (blank_leaf()), or NULL. */
static const struct node *
next_shown(const struct node *n)
{
	for (n = n->next; n != NULL && blank_leaf(n); n = n->next)
		;
	return n;
}

/*
 * Removed and added clauses of one type with equal content (and enough of
 * it to mean something, or a neighbour moved with it) are one clause
 * moved.  The added dnode becomes the move; the removed one leaves the
 * tree.
 */
static void
moves(struct ctx *c)
{
	struct byold *v;
	size_t i;

	if (c->nrem == 0 || c->nadd == 0)
		return;
	open_moves(c);
	qsort(c->rem, c->nrem, sizeof(*c->rem), cmp_pending);
	for (i = 0; i < c->nadd; i++)
		if (sub_chars_upto(c->add[i].x, MOVE_MIN) >= MOVE_MIN)
			move_one(c, &c->add[i]);
	move_shells(c);
	move_into_shells(c);
	/*
	 * Short clauses beside a neighbour that moved: once forward, once
	 * back, so that a run of them follows the long one before or after.
	 */
	v = xreallocarray(NULL, c->nrem, sizeof(*v));
	for (i = 0; i < c->nrem; i++) {
		v[i].n = c->rem[i].x->n;
		v[i].r = &c->rem[i];
	}
	qsort(v, c->nrem, sizeof(*v), cmp_byold);
	for (i = 0; i < c->nadd; i++)
		if (c->add[i].dn->kind == DK_ADDED)
			move_beside(&c->add[i], v, c->nrem);
	for (i = c->nadd; i-- > 0;)
		if (c->add[i].dn->kind == DK_ADDED)
			move_beside(&c->add[i], v, c->nrem);
	free(v);
}

/* ---- across documents ---- */

static uint32_t
minhash(const uint32_t *bg, size_t n, uint32_t seed)
{
	uint32_t m = UINT32_MAX, h;
	size_t i;

	for (i = 0; i < n; i++) {
		h = (bg[i] ^ seed) * 2654435761u;
		h ^= h >> 15;
		if (h < m)
			m = h;
	}
	return m;
}

static void
articles(struct xnode *x, struct xnode ***v, size_t *n, size_t *cap)
{
	size_t i;

	if (x->n->type == N_ARTICLE) {
		if (*n == *cap) {
			*cap = *cap ? 2 * *cap : 32;
			*v = xreallocarray(*v, *cap, sizeof(**v));
		}
		(*v)[(*n)++] = x;
		return;
	}
	for (i = 0; i < x->nkids; i++)
		articles(&x->kids[i], v, n, cap);
}

struct mh {
	uint32_t	 h;
	size_t		 idx;
};

static int
cmp_mh(const void *a, const void *b)
{
	const struct mh *x = a, *y = b;

	if (x->h != y->h)
		return x->h < y->h ? -1 : 1;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/*
 * Pair articles by caption (equal folded captions, first unused one),
 * then by content among min-hash candidates; list the rest.  Output order:
 * the new document's order, unmatched old articles after.
 */
struct cand {
	int	 s;
	size_t	 i, j;
};

/* Best similarity first; then new, then old document order. */
static int
cmp_cand(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;

	if (x->s != y->s)
		return x->s > y->s ? -1 : 1;
	if (x->j != y->j)
		return x->j < y->j ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

/*
 * What compares captions across documents: the folded caption (NFKC, so
 * width does not count) with Latin letters in lower case, so that
 * "General terms" meets "General Terms" and "ＦＥＥＳ" meets "Fees".
 * Caller frees.
 */
static char *
caption_key(const struct xnode *x)
{
	char *k = fold(x->n->caption), *p;

	for (p = k; *p != '\0'; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p += 'a' - 'A';
	return k;
}

static void
cross(struct ctx *c, struct xnode *xa, struct xnode *xb)
{
	struct xnode **A = NULL, **B = NULL;
	char **ka, **kb;
	struct cand *cand = NULL;
	size_t ncand = 0, capcand = 0;
	size_t na = 0, nb = 0, cap = 0, i, j, k, lo, n;
	long *pb, *chain;
	char *used;
	struct mh *tab;
	struct hmap caps;
	void *p;
	int s;
	long bestj;
	struct dnode *d;

	articles(xa, &A, &na, &cap);
	cap = 0;
	articles(xb, &B, &nb, &cap);
	pb = xreallocarray(NULL, nb + 1, sizeof(long));
	used = xcalloc(na + 1, 1);
	/* Captions: a chain of old articles per caption key. */
	ka = xreallocarray(NULL, na + 1, sizeof(*ka));
	kb = xreallocarray(NULL, nb + 1, sizeof(*kb));
	for (i = 0; i < na; i++)
		ka[i] = caption_key(A[i]);
	for (j = 0; j < nb; j++)
		kb[j] = caption_key(B[j]);
	hmap_init(&caps);
	chain = xreallocarray(NULL, na + 1, sizeof(long));
	for (i = na; i-- > 0;) {
		chain[i] = -1;
		if (A[i]->n->caption == NULL)
			continue;
		if ((p = hmap_get(&caps, ka[i])) != NULL)
			chain[i] = (long)((size_t)p - 1);
		hmap_set(&caps, ka[i], (void *)(i + 1));
	}
	for (j = 0; j < nb; j++) {
		pb[j] = -1;
		if (B[j]->n->caption == NULL ||
		    (p = hmap_get(&caps, kb[j])) == NULL)
			continue;
		for (bestj = (long)((size_t)p - 1); bestj >= 0 &&
		    used[bestj]; bestj = chain[bestj])
			;
		if (bestj >= 0) {
			pb[j] = bestj;
			used[bestj] = 1;
		}
	}
	hmap_release(&caps);
	free(chain);
	/* Content: min-hash buckets of the old articles. */
	tab = xreallocarray(NULL, na * NHASH + 1, sizeof(*tab));
	n = 0;
	for (i = 0; i < na; i++) {
		xwords(A[i]);
		if (A[i]->nwg == 0)
			continue;
		for (k = 0; k < NHASH; k++) {
			tab[n].h = minhash(A[i]->wg, A[i]->nwg, (uint32_t)k) *
			    31 + (uint32_t)k;
			tab[n++].idx = i;
		}
	}
	qsort(tab, n, sizeof(*tab), cmp_mh);
	/*
	 * Every candidate pair at or above the threshold, then the best
	 * first: an article takes its closest counterpart, not the first
	 * one above the threshold that an earlier article left.
	 */
	for (j = 0; j < nb; j++) {
		if (pb[j] >= 0)
			continue;
		xwords(B[j]);
		if (B[j]->nwg == 0)
			continue;
		for (k = 0; k < NHASH; k++) {
			uint32_t h = minhash(B[j]->wg, B[j]->nwg,
			    (uint32_t)k) * 31 + (uint32_t)k;
			size_t hi2 = n, mid, cnt;

			lo = 0;
			while (lo < hi2) {
				mid = (lo + hi2) / 2;
				if (tab[mid].h < h)
					lo = mid + 1;
				else
					hi2 = mid;
			}
			for (cnt = 0; lo < n && tab[lo].h == h &&
			    cnt < BUCKET_MAX; lo++, cnt++) {
				i = tab[lo].idx;
				if (used[i] || (s = xsim(A[i], B[j])) <
				    SIM_CROSS)
					continue;
				if (ncand == capcand) {
					capcand = capcand ? 2 * capcand : 32;
					cand = xreallocarray(cand, capcand,
					    sizeof(*cand));
				}
				cand[ncand].s = s;
				cand[ncand].i = i;
				cand[ncand++].j = j;
			}
		}
	}
	if (ncand > 0)
		qsort(cand, ncand, sizeof(*cand), cmp_cand);
	for (k = 0; k < ncand; k++) {
		if (used[cand[k].i] || pb[cand[k].j] >= 0)
			continue;
		pb[cand[k].j] = (long)cand[k].i;
		used[cand[k].i] = 1;
	}
	free(cand);
	free(tab);
	for (j = 0; j < nb; j++) {
		if (pb[j] < 0) {
			dn_new(c->D->root, DK_ADDED, NULL, B[j]->n);
			continue;
		}
		d = dn_new(c->D->root, DK_MATCHED, A[pb[j]]->n, B[j]->n);
		d->sim = xsim(A[pb[j]], B[j]);
		if (A[pb[j]]->n->caption && B[j]->n->caption)
			d->caption = strcmp(ka[pb[j]], kb[j]) != 0;
		/* Inside a matched pair, paragraphs and items align as usual. */
		align_level(c, d, A[pb[j]]->kids, A[pb[j]]->nkids, B[j]->kids,
		    B[j]->nkids);
	}
	for (i = 0; i < na; i++)
		if (!used[i])
			dn_new(c->D->root, DK_REMOVED, A[i]->n, NULL);
	for (i = 0; i < na; i++)
		free(ka[i]);
	for (j = 0; j < nb; j++)
		free(kb[j]);
	free(ka);
	free(kb);
	free(pb);
	free(used);
	free(A);
	free(B);
}

/* ---- reflowed runs ---- */

/* The first code point a clause reads with in a run, or -1. */
static int32_t
flow_first(const struct node *n)
{
	const char *s = n->label ? n->label : n->caption ? n->caption :
	    n->text;
	int32_t cp;

	if (s == NULL || *s == '\0' || utf8_next_str(s, &cp) == 0)
		return -1;
	return cp;
}

char *
diff_flow_text(const struct node *n, const struct node *next, size_t *len)
{
	struct buf b;
	char *t;
	int32_t last = -1, first;

	buf_init(&b);
	if (n->label != NULL)
		buf_puts(&b, n->label);
	if (n->caption != NULL) {
		if (b.len > 0)
			buf_putc(&b, ' ');
		buf_puts(&b, n->caption);
	}
	if ((t = diff_part_text(n)) != NULL) {
		if (b.len > 0 && t[0] != ' ')
			buf_putc(&b, ' ');
		buf_puts(&b, t);
		free(t);
	}
	*len = b.len;
	if (b.len > 0)
		utf8_next_str(b.data + b.len - utf8_prev_len(b.data, b.len),
		    &last);
	/* A line break between two wide characters is no space. */
	first = next != NULL ? flow_first(next) : -1;
	if (!(last >= 0 && first >= 0 && is_wide(last) && is_wide(first)))
		buf_putc(&b, '\n');
	return buf_detach(&b);
}

/*
 * Does d give its own line to a reflowed run: a clause added or removed;
 * a split or merge that took DIFF_MAXPARTS clauses, where the bound, not
 * the text, may have ended it (a paragraph whose lines became a dozen
 * paragraphs: the ones after the eighth are added); or a pair that kept
 * nothing of its line (a caption where the other side has none, a text
 * of which no word is left), which is what the alignment makes of two
 * clauses that share no text: a removal and an addition.
 */
static int
flow_member(const struct dnode *d)
{
	const struct node *o = d->old, *n = d->new;

	if (d->kind == DK_ADDED || d->kind == DK_REMOVED)
		return 1;
	if (d->kind == DK_SPLIT || d->kind == DK_MERGED)
		return d->nparts + 1 >= DIFF_MAXPARTS;
	if (d->kind != DK_MODIFIED || d->renumbered || d->nlinks > 0 ||
	    d->ncells > 0 || o->table != NULL || n->table != NULL)
		return 0;
	if (o->caption != NULL && n->caption != NULL)
		return 0;
	if (o->text != NULL && n->text != NULL && !(d->nedits == 1 &&
	    d->edits[0].olen == strlen(o->text) &&
	    d->edits[0].nlen == strlen(n->text)))
		return 0;
	return 1;
}

/* A clause of a run, its place in the walk breaking ties of line. */
struct fnode {
	const struct node	*n;
	size_t			 seq;
};

struct fside {
	struct fnode	*v;
	size_t		 n, cap, bytes;
};

static void
fside_put(struct fside *s, const struct node *n)
{
	size_t k;

	if (blank_leaf(n))
		return;
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 16;
		s->v = xreallocarray(s->v, s->cap, sizeof(*s->v));
	}
	s->v[s->n].n = n;
	s->v[s->n].seq = s->n;
	s->n++;
	s->bytes += (n->label ? strlen(n->label) : 0) + (n->caption ?
	    strlen(n->caption) : 0) + (n->text ? strlen(n->text) : 0) + 2;
	if (n->table != NULL)
		for (k = 0; k < n->table->nrows * n->table->ncols; k++)
			s->bytes += strlen(n->table->cells[k]) + 1;
}

/* The clauses d gives to one side of a run: its own line (and a split's
 * or merge's parts on their side), or the whole clause where it was
 * added or removed with all it holds. */
static void
fside_take(struct fside *s, const struct dnode *d, int side_new)
{
	const struct node *x = side_new ? d->new : d->old, *p = x;
	size_t k;

	if (x == NULL)
		return;
	if (d->kind == DK_SPLIT || d->kind == DK_MERGED) {
		fside_put(s, x);
		if ((d->kind == DK_SPLIT) == side_new)
			for (k = 0; k < d->nparts; k++)
				fside_put(s, d->parts[k]);
		return;
	}
	if (d->kind == DK_MODIFIED || d->shell || d->opened) {
		fside_put(s, x);
		return;
	}
	do
		fside_put(s, p);
	while ((p = node_next(p, x)) != NULL);
}

static int
cmp_fnode(const void *a, const void *b)
{
	const struct fnode *x = a, *y = b;

	if (x->n->line != y->n->line)
		return x->n->line < y->n->line ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Bytes of s[0, len) that are not white space. */
static size_t
ink(const char *s, size_t len)
{
	size_t k, n = 0;

	for (k = 0; k < len; k++)
		if (!ascii_space(s[k]))
			n++;
	return n;
}

/*
 * A run of clauses removed and added at one place, v[0, m) in tree
 * order: when both sides hold clauses, three or more in all, and their
 * texts read as one (words joined across clause and line boundaries) keep
 * SIM_FLOW % of their ink, the run becomes one DK_REFLOWED change at
 * v[0] with the word edits inside; the other dnodes go, the clauses they
 * did not cover (children outside the run) taking their place.  Sides
 * over FLOW_MAX bytes are not compared, and a letter-pair profile (its
 * first BIGRAM_MAX code points) must be close first, so a run costs
 * one bounded inline diff at most.
 */
static void
reflow_run(struct dnode **v, size_t m)
{
	struct fside sd[2];
	struct dnode t, *r = v[0];
	char *text[2];
	uint32_t *bg[2];
	size_t nbg[2], k, i, all, kept;
	int side, alike;

	memset(sd, 0, sizeof(sd));
	for (k = 0; k < m; k++)
		for (side = 0; side < 2; side++)
			fside_take(&sd[side], v[k], side);
	if (sd[0].n == 0 || sd[1].n == 0 || sd[0].n + sd[1].n < 3 ||
	    sd[0].bytes > FLOW_MAX || sd[1].bytes > FLOW_MAX)
		goto out;
	memset(&t, 0, sizeof(t));
	t.kind = DK_REFLOWED;
	for (side = 0; side < 2; side++) {
		qsort(sd[side].v, sd[side].n, sizeof(*sd[side].v), cmp_fnode);
		t.flow[side] = xreallocarray(NULL, sd[side].n,
		    sizeof(*t.flow[side]));
		for (k = 0; k < sd[side].n; k++)
			t.flow[side][k] = sd[side].v[k].n;
		t.nflow[side] = sd[side].n;
		text[side] = dnode_side_text(&t, side);
		bg[side] = bigrams(text[side], &nbg[side]);
	}
	alike = dice(bg[0], nbg[0], bg[1], nbg[1]) >= SIM_FLOW;
	free(bg[0]);
	free(bg[1]);
	all = ink(text[0], strlen(text[0])) + ink(text[1], strlen(text[1]));
	kept = 0;
	if (alike) {
		joined_edits(&t, text[0], text[1]);
		kept = all;
		for (i = 0, k = 0; i < t.nedits; i++) {
			struct dedit *e = &t.edits[i];

			/* The break after a line's last word is no edit. */
			trim_space(text[0], &e->ooff, &e->olen);
			trim_space(text[1], &e->noff, &e->nlen);
			kept -= ink(text[0] + e->ooff, e->olen) +
			    ink(text[1] + e->noff, e->nlen);
			if (e->olen + e->nlen > 0)
				t.edits[k++] = *e;
		}
		t.nedits = k;
	}
	free(text[0]);
	free(text[1]);
	if (all == 0 || kept * 100 < all * SIM_FLOW) {
		free(t.edits);
		free(t.flow[0]);
		free(t.flow[1]);
		goto out;
	}
	/* Descendants follow their clause in tree order: last first. */
	for (k = m; k-- > 1; ) {
		dn_lift_children(v[k]);
		dn_unlink(v[k]);
		dn_free(v[k]);
	}
	dn_lift_children(r);
	free(r->edits);
	free(r->links);
	for (k = 0; k < r->ncells; k++)
		free(r->cells[k].edits);
	free(r->cells);
	r->kind = DK_REFLOWED;
	r->renumbered = r->caption = r->shell = r->opened = 0;
	r->links = NULL;
	r->nlinks = 0;
	r->cells = NULL;
	r->ncells = 0;
	r->nparts = 0;
	r->edits = t.edits;
	r->nedits = t.nedits;
	for (side = 0; side < 2; side++) {
		r->flow[side] = t.flow[side];
		r->nflow[side] = t.nflow[side];
	}
	r->old = r->flow[0][0];
	r->new = r->flow[1][0];
out:
	free(sd[0].v);
	free(sd[1].v);
}

/*
 * Reflowed runs: where the alignment leaves clauses removed and added
 * one after the other (a PDF extraction's line a paragraph against the
 * same text in one clause, or the reverse), the run is read as one text
 * each side (reflow_run()).  Runs are found first, then rewritten: a
 * rewrite frees dnodes of its own run only.
 */
static void
reflows(struct diff *D)
{
	struct dnode *d, **v = NULL;
	size_t *start = NULL, n = 0, cap = 0, nrun = 0, capr = 0, k, s;

	for (d = D->root->first; d != NULL; d = dnode_next(d)) {
		if (!flow_member(d)) {
			/* Close the open run: a new one starts at n. */
			if (nrun == 0 || start[nrun - 1] != n) {
				if (nrun == capr) {
					capr = capr ? 2 * capr : 16;
					start = xreallocarray(start, capr,
					    sizeof(*start));
				}
				start[nrun++] = n;
			}
			continue;
		}
		if (n == cap) {
			cap = cap ? 2 * cap : 64;
			v = xreallocarray(v, cap, sizeof(*v));
		}
		v[n++] = d;
	}
	for (k = 0, s = 0; k <= nrun; k++) {
		size_t e = k < nrun ? start[k] : n;

		if (e > s + 1)
			reflow_run(v + s, e - s);
		s = e;
	}
	free(v);
	free(start);
}

/* ---- renumbering runs ---- */

static int
plain_num(const char *s, long *v)
{
	char *end;

	if (s == NULL || *s < '0' || *s > '9')
		return 0;
	*v = strtol(s, &end, 10);
	return *end == '\0';
}

static int
is_renumber(const struct dnode *d)
{
	return d->renumbered && (d->kind == DK_SAME ||
	    d->kind == DK_MODIFIED || d->kind == DK_NORMALIZED);
}

/*
 * Runs: consecutive renumbered clauses of one type (articles anywhere;
 * paragraphs and items under one parent) whose old and new numbers both
 * go up by one.  Any other clause of that type in between ends the run.
 */
static void
renum_runs(struct diff *D)
{
	long open[N__MAX];
	const struct dnode *last;
	struct dnode *d;
	size_t cap = 0;
	long o1, o2, n1, n2;
	int t;

	for (t = 0; t < N__MAX; t++)
		open[t] = -1;
	for (d = D->root->first; d != NULL; d = dnode_next(d)) {
		const struct node *any = d->new ? d->new : d->old;

		t = any->type;
		if (!is_renumber(d)) {
			if (d->kind != DK_REMOVED)
				open[t] = -1;
			continue;
		}
		D->nrenumbered++;
		if (open[t] >= 0) {
			last = D->renums[open[t]].last;
			if ((t == N_ARTICLE || last->parent == d->parent) &&
			    plain_num(last->old->num, &o1) &&
			    plain_num(last->new->num, &n1) &&
			    plain_num(d->old->num, &o2) &&
			    plain_num(d->new->num, &n2) &&
			    o2 == o1 + 1 && n2 == n1 + 1) {
				D->renums[open[t]].last = d;
				D->renums[open[t]].n++;
				continue;
			}
		}
		if (D->nrenums == cap) {
			cap = cap ? 2 * cap : 8;
			D->renums = xreallocarray(D->renums, cap,
			    sizeof(*D->renums));
		}
		D->renums[D->nrenums].first = D->renums[D->nrenums].last = d;
		D->renums[D->nrenums].n = 1;
		open[t] = (long)D->nrenums++;
	}
}

int
drenum_shift(const struct drenum *r)
{
	long a, b;

	if (!plain_num(r->first->old->num, &a) ||
	    !plain_num(r->first->new->num, &b) || a == b)
		return 0;
	return b > a ? 1 : -1;
}

/* ---- the whole ---- */

const char *
dkind_name(enum dkind k)
{
	static const char *const names[DK__MAX] = {
		"unchanged", "normalized", "modified", "moved", "added",
		"removed", "split", "merged", "matched", "link", "reflowed"
	};

	return k < DK__MAX ? names[k] : "?";
}

int
dnode_changed(const struct diff *D, const struct dnode *d)
{
	if (d->kind == DK_SAME)
		return 0;
	if (d->kind == DK_NORMALIZED && D->ignore_norm)
		return 0;
	return 1;
}

static int
mark_inner(const struct diff *D, struct dnode *d)
{
	struct dnode *c;
	int any = 0;

	for (c = d->first; c != NULL; c = c->next)
		if (mark_inner(D, c))
			any = 1;
	d->inner = any;
	return any || dnode_changed(D, d) || d->renumbered;
}

/*
 * One side of a diff: a document, its tree's mirror and the mirror's
 * pool.
 */
struct diff_side {
	const struct doc	*doc;
	struct xnode		 x;
	struct xblock		*pool;
};

struct diff_side *
diff_side_new(const struct doc *doc)
{
	struct diff_side *sd = xmalloc(sizeof(*sd));

	sd->doc = doc;
	sd->pool = NULL;
	mirror(&sd->x, doc->root, &sd->pool);
	return sd;
}

void
diff_side_free(struct diff_side *sd)
{
	if (sd == NULL)
		return;
	xnode_release(&sd->x);
	xpool_free(sd->pool);
	free(sd);
}

/* A side to make on a thread of par_both(): from doc into side. */
struct side_job {
	const struct doc	*doc;
	struct diff_side	*side;
};

static void *
side_run(void *arg)
{
	struct side_job *j = arg;

	j->side = diff_side_new(j->doc);
	return NULL;
}

static void *
side_free_run(void *arg)
{
	diff_side_free(arg);
	return NULL;
}

struct diff *
diff_new(const struct doc *old, const struct doc *new,
    const struct diff_opts *opts)
{
	struct side_job ja = { old, NULL }, jb = { new, NULL };

	/*
	 * The sides are mirrored at once: folding every clause's text is
	 * most of a diff's own work, and each side reads only its own
	 * document (utf8proc is reentrant).
	 */
	par_both(side_run, &ja, &jb);
	return diff_new_sides(ja.side, jb.side, opts);
}

struct diff *
diff_new_sides(struct diff_side *sa, struct diff_side *sb,
    const struct diff_opts *opts)
{
	struct diff *D = xcalloc(1, sizeof(*D));
	const struct doc *old = sa->doc, *new = sb->doc;
	struct ctx c;
	struct dnode *d;

	memset(&c, 0, sizeof(c));
	c.D = D;
	D->old = old;
	D->new = new;
	D->ignore_norm = opts != NULL && opts->ignore_normalization;
	D->ignore_links = opts != NULL && opts->ignore_links;
	D->cross = !doc_same_document(old, new);
	D->root = dn_new(NULL, DK_SAME, old->root, new->root);
	if (D->cross) {
		cross(&c, &sa->x, &sb->x);
		/* Across documents numbers mean nothing: none is renumbered. */
		for (d = D->root; d != NULL; d = dnode_next(d))
			d->renumbered = 0;
	} else {
		align_root(&c, &sa->x, &sb->x);
		moves(&c);
		reflows(D);
		renum_runs(D);
		restructs(D);
	}
	mark_inner(D, D->root);
	for (d = D->root->first; d != NULL; d = dnode_next(d))
		if (dnode_changed(D, d))
			D->count[d->kind]++;
	free(c.rem);
	free(c.add);
	while (c.spill != NULL) {
		struct spill *next = c.spill->next;
		size_t k;

		/* Leaf copies own the bigrams made for them (leaf_put()). */
		for (k = 0; k < c.spill->n; k++)
			free(c.spill->x[k].bg);
		free(c.spill);
		c.spill = next;
	}
	/* The mirrors are freed at once too, each on a thread. */
	par_both(side_free_run, sa, sb);
	return D;
}

void
diff_free(struct diff *D)
{
	if (D == NULL)
		return;
	dn_free(D->root);
	free(D->renums);
	free(D->restructs);
	free(D);
}

struct diff **
diff_pairs(const struct corpus *c)
{
	struct diff **v = xcalloc(c->n ? c->n : 1, sizeof(*v));
	size_t j;

	for (j = 1; j < c->n; j++)
		if (doc_same_document(c->docs[j - 1], c->docs[j]))
			v[j] = diff_new(c->docs[j - 1], c->docs[j], NULL);
	return v;
}

void
diff_pairs_free(struct diff **v, size_t n)
{
	size_t j;

	if (v == NULL)
		return;
	for (j = 0; j < n; j++)
		diff_free(v[j]);
	free(v);
}

int
diff_changed(const struct diff *D)
{
	size_t k;

	if (D->nrenumbered > 0 || D->nrestructs > 0)
		return 1;
	for (k = 0; k < DK__MAX; k++)
		if (k != DK_SAME && D->count[k] > 0)
			return 1;
	return 0;
}

size_t
diff_nchanged(const struct diff *D)
{
	size_t k, n = 0;

	for (k = 0; D != NULL && k < DK__MAX; k++)
		if (k != DK_SAME && k != DK_MATCHED)
			n += D->count[k];
	return n;
}

int
dedit_clip(const struct dnode *d, size_t k, int side_new, size_t base,
    size_t len, size_t *off, size_t *end)
{
	const struct dedit *e = &d->edits[k];
	size_t o = side_new ? e->noff : e->ooff;
	size_t l = side_new ? e->nlen : e->olen;

	if (l == 0 || o + l <= base || o >= base + len)
		return 0;
	*off = o < base ? 0 : o - base;
	*end = o + l - base > len ? len : o + l - base;
	return 1;
}

int
diff_node_ja(const struct diff *D, const struct node *n)
{
	const struct doc *doc;

	while (n->parent != NULL)
		n = n->parent;
	doc = n == D->old->root ? D->old : D->new;
	return doc->meta.lang == NULL || strcmp(doc->meta.lang, "ja") == 0;
}

/*
 * A written paragraph or item label as it follows a section number:
 * "(e)" stays, "e." and "3." become "(e)" and "(3)"; NULL when the
 * label is not one of those short forms.
 */
static char *
sub_label(const char *l)
{
	size_t n = strlen(l);
	struct buf b;

	if (n >= 3 && l[0] == '(' && l[n - 1] == ')' && n <= 8)
		return xstrdup(l);
	if (n >= 2 && n <= 6 && l[n - 1] == '.') {
		buf_init(&b);
		buf_putc(&b, '(');
		buf_put(&b, l, n - 1);
		buf_putc(&b, ')');
		return buf_detach(&b);
	}
	return NULL;
}

/*
 * English (and any language but Japanese): the article or division by
 * its written label ("19." reads "Section 19") or caption, then each
 * paragraph, item and sub-item by its written label, "(e)", or where
 * the source writes none, by position: ", paragraph 2".
 */
static char *
label_en(const struct node *n)
{
	const struct node *chain[16];
	struct buf b;
	size_t k = 0, len;
	char *sub;

	buf_init(&b);
	for (; n != NULL && n->type != N_DOCUMENT && k < 16; n = n->parent) {
		chain[k++] = n;
		if (n->type == N_ARTICLE || n->type == N_DIVISION)
			break;
	}
	while (k-- > 0) {
		n = chain[k];
		switch (n->type) {
		case N_ARTICLE:
		case N_DIVISION:
			if (n->label != NULL) {
				len = strlen(n->label);
				if (len > 0 && n->label[len - 1] == '.')
					len--;
				if (len > 0 && n->label[0] >= '0' &&
				    n->label[0] <= '9')
					buf_puts(&b, "Section ");
				buf_put(&b, n->label, len);
			} else if (n->caption != NULL)
				buf_puts(&b, n->caption);
			break;
		case N_PARAGRAPH:
		case N_ITEM:
		case N_SUBITEM:
			/* An unnumbered paragraph holding a lettered item
			 * is left out: Section 19(e). */
			if (n->implicit && k > 0 && !chain[k - 1]->implicit &&
			    chain[k - 1]->label != NULL &&
			    (sub = sub_label(chain[k - 1]->label)) != NULL) {
				free(sub);
				break;
			}
			if (!n->implicit && n->label != NULL &&
			    (sub = sub_label(n->label)) != NULL) {
				buf_puts(&b, sub);
				free(sub);
				break;
			}
			buf_printf(&b, "%s%s %s", b.len ? ", " : "",
			    n->type == N_PARAGRAPH ? "paragraph" : "item",
			    n->label && !n->implicit ? n->label :
			    n->num ? n->num : "?");
			break;
		case N_TABLE:
			buf_printf(&b, "%stable", b.len ? ", " : "");
			break;
		default:
			break;
		}
	}
	if (b.len == 0)
		buf_puts(&b, "");
	return buf_detach(&b);
}

/*
 * A table is named by the clause that holds it, 別表（料金表）, and
 * where that clause holds several, by its place among them as well:
 * 別表（料金表）（表2）, "Section 4, table 2".
 */
static char *
table_label(const struct diff *D, const struct node *n)
{
	const struct node *c;
	size_t k = 0, i = 0;
	struct buf b;
	char *s;

	for (c = n->parent->first; c != NULL; c = c->next)
		if (c->type == N_TABLE) {
			k++;
			if (c == n)
				i = k;
		}
	buf_init(&b);
	if (n->parent->type == N_DOCUMENT) {
		/* A table of its own: 表, 表2; Table, Table 2. */
		buf_puts(&b, diff_node_ja(D, n) ? "表" : "Table");
		if (k > 1)
			buf_printf(&b, diff_node_ja(D, n) ? "%zu" : " %zu", i);
		return buf_detach(&b);
	}
	s = diff_node_label(D, n->parent);
	buf_puts(&b, s);
	free(s);
	if (k > 1)
		buf_printf(&b, diff_node_ja(D, n) ? "（表%zu）" : ", table %zu",
		    i);
	return buf_detach(&b);
}

/*
 * A paragraph with no number of its own directly under a division (a
 * line of 制定・改定日, of a 附則 without articles) is no 項: it is named
 * by its division and its first words, quoted: 制定・改定日「2019年6月1日
 * 一部改訂（第17条…」, or where it is the division's only clause, by the
 * division alone: 付則.  NULL for any other clause.
 */
#define QUOTE_CHARS	16

static char *
line_label(const struct diff *D, const struct node *n)
{
	const struct node *f;
	const char *t;
	size_t len, at, used, k;
	int32_t cp;
	struct buf b;
	char *s;

	if (n->type != N_PARAGRAPH || !n->implicit || n->parent == NULL ||
	    n->parent->type != N_DIVISION || n->text == NULL)
		return NULL;
	len = strlen(n->text);
	t = text_trimmed(n->text, &len);
	for (at = 0, k = 0; at < len && t[at] != '\n' && k < QUOTE_CHARS;
	    at += used, k++)
		if ((used = utf8_next(t + at, len - at, &cp)) == 0)
			used = 1;
	if (at == 0)
		return NULL;
	s = diff_node_label(D, n->parent);
	/* The division's only clause is the division: 付則. */
	for (f = n->parent->first; f != NULL && blank_leaf(f); f = f->next)
		;
	if (f == n && next_shown(n) == NULL)
		return s;
	buf_init(&b);
	buf_printf(&b, "%s「%.*s%s」", s, (int)at, t, at < len ? "…" : "");
	free(s);
	return buf_detach(&b);
}

char *
diff_node_label(const struct diff *D, const struct node *n)
{
	char *s;

	if (n == NULL)
		return xstrdup("");
	if (n->type == N_TABLE && n->parent != NULL)
		return table_label(D, n);
	if (diff_node_ja(D, n) && (s = line_label(D, n)) != NULL)
		return s;
	s = diff_node_ja(D, n) ? node_path_label(n) : label_en(n);
	if (*s == '\0' && n->id != NULL) {
		free(s);
		s = xstrdup(n->id);
	}
	return s;
}

const char *
label_gap(const struct diff *D, const struct node *n)
{
	if (n->label == NULL)
		return "";
	if (!diff_node_ja(D, n))
		return " ";
	return label_closes(n->label) ? "" : "　";
}

int
label_closes(const char *s)
{
	size_t n = strlen(s);

	return (n >= 1 && s[n - 1] == ')') ||
	    (n >= 3 && strcmp(s + n - 3, "）") == 0);
}
