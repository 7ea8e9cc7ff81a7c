/*
 * Validation rules: one table row per rule, as mandoc's validators.  Each
 * rule walks the clause tree (or the references xref.c found at load, or
 * the front matter) once and records findings with a code of diag.h.
 *
 * Severity (diag.h): every rule that finds drafting errors in the wording
 * of a document (references, captions, numbering, definitions, interest)
 * is a warning, so that a site with known drafting errors still publishes
 * while `termc check --strict` gates CI; a revision history out of date
 * order is an error, since it breaks the site's revision order.
 */
#include <limits.h>
#include <stdio.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "check.h"
#include "clause.h"
#include "diag.h"
#include "diff.h"
#include "doc.h"
#include "hmap.h"
#include "meta.h"
#include "numeral.h"
#include "recog.h"
#include "text.h"
#include "xalloc.h"
#include "xref.h"

/* Strings owned for the length of one rule (hash map keys, values). */
struct pool {
	char	**v;
	size_t	  n;
};

static char *
pool_add(struct pool *p, char *s)
{
	p->v = xgrow(p->v, p->n, sizeof(*p->v));
	p->v[p->n++] = s;
	return s;
}

static void
pool_release(struct pool *p)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		free(p->v[i]);
	free(p->v);
	p->v = NULL;
	p->n = 0;
}

/* "第23条（禁止される行為）" for messages; caller frees. */
static char *
article_name(const struct node *a)
{
	struct buf b;

	buf_init(&b);
	buf_puts(&b, a->label ? a->label : a->num ? a->num : "?");
	if (a->caption)
		buf_printf(&b, "（%s）", a->caption);
	return buf_detach(&b);
}

/* ---- references ---- */

static void
rule_xref(const struct doc *doc, struct diags *d)
{
	const struct xrefs *xs = doc->xrefs;
	const struct xref *x;
	const struct node *n, *other;
	struct hmap caps;
	struct pool pool = { NULL, 0 };
	char *where, *want, *have, *name;
	size_t i;

	if (xs == NULL)
		return;
	/* Caption → first article carrying it. */
	hmap_init(&caps);
	for (n = doc->root; n != NULL; n = node_next(n, doc->root))
		if (n->type == N_ARTICLE && n->caption != NULL)
			hmap_put(&caps, pool_add(&pool, text_caption_key(
			    n->caption, strlen(n->caption))), (void *)n);
	for (i = 0; i < xs->n; i++) {
		x = &xs->v[i];
		if (x->status == XR_EXTERNAL)
			continue;
		want = have = NULL;
		if (x->caption != NULL && x->article != NULL) {
			want = text_caption_key(x->caption,
			    strlen(x->caption));
			have = x->article->caption ? text_caption_key(
			    x->article->caption, strlen(x->article->caption)) :
			    xstrdup("");
			if (strcmp(want, have) == 0) {
				free(want);
				free(have);
				want = have = NULL;
			}
		}
		/* The clause's label is built only for a finding. */
		if (x->status != XR_BROKEN && want == NULL && !x->self)
			continue;
		where = node_path_label(x->src);
		if (x->status == XR_BROKEN)
			diag(d, doc->path, x->line, x->col, D_XREF_BROKEN,
			    "%s in %s", x->text, where);
		if (want != NULL) {
			name = article_name(x->article);
			other = hmap_get(&caps, want);
			if (other != NULL && other != x->article)
				diag(d, doc->path, x->line, x->col,
				    D_XREF_CAPTION, "%s in %s names "
				    "%s; %s is the caption of %s",
				    x->text, where, name, x->caption,
				    other->label ? other->label :
				    other->num ? other->num : other->caption);
			else
				diag(d, doc->path, x->line, x->col,
				    D_XREF_CAPTION, "%s in %s names "
				    "%s; no article has the caption "
				    "%s", x->text, where, name,
				    x->caption);
			free(name);
			free(want);
			free(have);
		}
		if (x->self)
			diag(d, doc->path, x->line, x->col, D_XREF_SELF,
			    "%s in %s", x->text, where);
		free(where);
	}
	hmap_release(&caps);
	pool_release(&pool);
}

/* ---- numbering ---- */

/*
 * strtol(s, end, 10), read here for the ASCII digits a clause's number
 * is written in (12, 3_2: the numbering rules read thousands of them);
 * anything else, a sign or a space first or more than a long holds, is
 * strtol()'s.
 */
static long
decimal(const char *s, char **end)
{
	const char *p = s;
	long v = 0;

	if (*p < '0' || *p > '9')
		return strtol(s, end, 10);
	for (; *p >= '0' && *p <= '9'; p++) {
		if (v > (LONG_MAX - (*p - '0')) / 10)
			return strtol(s, end, 10);
		v = v * 10 + (*p - '0');
	}
	*end = (char *)p;
	return v;
}

/* "17_2" → {17, 2}; returns the count of parts (at most 4). */
static int
num_parts(const char *s, long v[4])
{
	int k = 0;
	char *end;

	while (k < 4 && *s != '\0') {
		v[k++] = decimal(s, &end);
		if (end == s)
			return 0;
		s = end;
		if (*s == '_')
			s++;
		else
			break;
	}
	return k;
}

static int
num_cmp(const long *a, int na, const long *b, int nb)
{
	int i;

	for (i = 0; i < na || i < nb; i++) {
		long x = i < na ? a[i] : 0, y = i < nb ? b[i] : 0;

		if (x != y)
			return x < y ? -1 : 1;
	}
	return 0;
}

/*
 * Is n's number a Markdown list's count over a clause whose text opens
 * with a marker of its own (1. a. Eligibility…, 3. 2. User Content…)?
 * The text writes the clause's number; the list's, which Markdown counts
 * anew in every list, is none the source wrote.
 */
static int
listed_number(const struct node *n)
{
	struct marker m;
	const char *t = n->text;
	size_t len;

	if (n->label == NULL || t == NULL || (len = strlen(n->label)) < 2 ||
	    n->label[len - 1] != '.' || n->label[0] < '0' || n->label[0] > '9')
		return 0;
	if (!para_marker_parse(t, &m) && !item_marker_parse(t, &m) &&
	    !latin_dot_marker_parse(t, &m))
		return 0;
	return m.len != len || strncmp(t, n->label, len) != 0;
}

/*
 * Does the text just before cur (three text blocks back at most) write
 * the marker before cur's, (b) before (c), (2) before (3)?  Then cur goes
 * on from an enumeration inline in a sentence, "(a) … (b) … ;", that the
 * layout broke before (c): it is no first number.
 */
static int
inline_before(const struct node *cur)
{
	const struct node *t = cur;
	const char *l = cur->label;
	char want[24];
	long v;
	int k, steps;

	if (l == NULL || l[0] != '(')
		return 0;
	if (l[1] >= 'b' && l[1] <= 'z' && strcmp(l + 2, ")") == 0)
		snprintf(want, sizeof(want), "(%c)", l[1] - 1);
	else if ((v = strtol(l + 1, NULL, 10)) > 1 &&
	    strspn(l + 1, "0123456789") + 2 == strlen(l) &&
	    l[strlen(l) - 1] == ')')
		snprintf(want, sizeof(want), "(%ld)", v - 1);
	else
		return 0;
	/* Back in document order: three texts, or 16 nodes at most. */
	for (k = 0, steps = 0; k < 3 && steps < 16; steps++) {
		if (t->prev != NULL)
			for (t = t->prev; t->last != NULL; t = t->last)
				;
		else if ((t = t->parent) == NULL)
			return 0;
		if (t->text == NULL)
			continue;
		if (strstr(t->text, want) != NULL)
			return 1;
		k++;
	}
	return 0;
}

/*
 * The first branch under a number: 第4条の2 follows 第4条 (the base is
 * the first), where a decimal 4.1 follows 4. (its label says 4.1).
 */
static long
first_branch(const struct node *cur)
{
	const char *p = cur->label != NULL ? cur->label : "";

	p += strcspn(p, ".");
	return p[0] == '.' && p[1] >= '0' && p[1] <= '9' ? 1 : 2;
}

/*
 * One numbered sequence: prev (NULL for the first) then cur.  Branch
 * numbers (第17条の2) may follow their base or another branch.  Numbers
 * supplied by position (implicit) are never reported.  flags:
 * SEQ_DUP_CORE, a duplicate is the core's finding (dup-article), not
 * num-dup; SEQ_EXCERPT, the sequence is an excerpt (附則　抄), where
 * numbers left out are no gap.
 */
#define SEQ_DUP_CORE	1
#define SEQ_EXCERPT	2

static int
seq_step(const struct doc *doc, const struct node *prev,
    const struct node *cur, struct diags *d, int flags)
{
	long a[4] = { 0 }, b[4] = { 0 };
	int na = 0, nb, c;
	enum dcode code;
	char *label, *plabel;

	if (cur->num == NULL || (nb = num_parts(cur->num, b)) == 0)
		return 0;
	if (cur->implicit || listed_number(cur))
		return 1;
	/*
	 * "1." after other numbers: a Markdown list that starts anew, or
	 * one that counts itself (1. 1. 1., which Markdown shows 1. 2. 3.).
	 * Its number was never written as the document's: no finding, and
	 * the count goes on from it.
	 */
	if (prev != NULL && (strcmp(cur->label ? cur->label : "", "1.") == 0 ||
	    strcmp(cur->label ? cur->label : "", "1)") == 0))
		return 1;
	/*
	 * A position sets no number to follow, but for the unnumbered
	 * first paragraph, which is 1 by the convention that numbers the
	 * rest from ２: the fifth of eight unnumbered paragraphs says
	 * nothing of a "1." list after them.
	 */
	if (prev != NULL && prev->num != NULL && !listed_number(prev) &&
	    (!prev->implicit || strcmp(prev->num, "1") == 0)) {
		/* 第9条及び第10条　削除, 第1-2条: the next one is 11, 3. */
		char *end = prev->type == N_ARTICLE ?
		    recog_range_last(prev->label) : NULL;

		na = num_parts(end != NULL ? end : prev->num, a);
		free(end);
	}
	if (na == 0) {
		if (b[0] != 1 && prev == NULL && !(flags & SEQ_EXCERPT) &&
		    !inline_before(cur)) {
			label = node_path_label(cur);
			diag(d, doc->path, cur->line, cur->col, D_NUM_GAP,
			    "%s is the first", label);
			free(label);
		}
		return 1;
	}
	c = num_cmp(b, nb, a, na);
	if (c == 0)
		code = flags & SEQ_DUP_CORE ? D__MAX : D_NUM_DUP;
	else if (c < 0)
		code = D_NUM_ORDER;
	else if (nb == 1 && b[0] != a[0] + 1)
		code = D_NUM_GAP;
	else if (nb > 1 && !(b[0] == a[0] && (na == 1 ? nb == 2 &&
	    b[1] == first_branch(cur) : (nb == na &&
	    b[na - 1] == a[na - 1] + 1) ||
	    (nb == na + 1 && b[na] == first_branch(cur)) || (nb < na &&
	    b[nb - 1] == a[nb - 1] + 1))))
		code = D_NUM_GAP;
	else
		code = D__MAX;
	if (code == D_NUM_GAP && (flags & SEQ_EXCERPT))
		code = D__MAX;
	/* Labels are built only for a finding: most steps have none. */
	if (code != D__MAX) {
		label = node_path_label(cur);
		if (code == D_NUM_DUP)
			diag(d, doc->path, cur->line, cur->col, code,
			    "%s (first at line %d)", label, prev->line);
		else {
			plabel = node_path_label(prev);
			diag(d, doc->path, cur->line, cur->col, code,
			    "%s after %s", label, plabel);
			free(plabel);
		}
		free(label);
	}
	/* A number out of order or repeated does not move the sequence. */
	return c > 0;
}

/*
 * A sequence in progress: the last number that moved it, and the last
 * one held back as out of order or repeated.  A stray number (1, 2, 64,
 * 3, 4 …) is reported once, not with every number after it: when a
 * number is below the last but above the one held back, the stray was
 * the last, and the sequence goes on from the one held back.
 */
struct seq {
	const struct node	*last;
	const struct node	*held;
};

static void
seq_next(const struct doc *doc, struct seq *q, const struct node *cur,
    struct diags *d, int flags)
{
	const struct node *from = q->last;
	long a[4], h[4], b[4];
	int na, nh, nb;

	if (q->held != NULL && q->last != NULL && q->last->num != NULL &&
	    q->held->num != NULL && cur->num != NULL &&
	    (na = num_parts(q->last->num, a)) > 0 &&
	    (nh = num_parts(q->held->num, h)) > 0 &&
	    (nb = num_parts(cur->num, b)) > 0 &&
	    num_cmp(b, nb, a, na) < 0 && num_cmp(b, nb, h, nh) > 0 &&
	    num_cmp(h, nh, a, na) < 0)
		from = q->held;
	if (seq_step(doc, from, cur, d, flags)) {
		q->last = cur;
		q->held = NULL;
	} else if (cur->num != NULL && !cur->implicit)
		q->held = cur;
}

/* Is a division an excerpt: 附　則　（…）　抄, marked 抄 after its name? */
static int
excerpt(const struct node *div)
{
	const char *t = div->caption != NULL ? div->caption : div->label;
	size_t n;

	if (t == NULL)
		return 0;
	n = strlen(t);
	t = text_trimmed(t, &n);
	return n >= strlen("抄") && memcmp(t + n - strlen("抄"), "抄",
	    strlen("抄")) == 0;
}

/*
 * An unnumbered paragraph is no numbering scope of its own: text the
 * layout set between two items (a table's other cells, a sentence after
 * (i) before (ii)) makes one, and the items after it go on from the
 * items before.  Returns the last item or subitem of the paragraphs
 * before n, when n is such a paragraph, back to the first numbered one;
 * else NULL.
 */
static const struct node *
items_before(const struct node *n)
{
	const struct node *p, *c;

	if (n->type != N_PARAGRAPH || !n->implicit)
		return NULL;
	for (p = n->prev; p != NULL && p->type == N_PARAGRAPH; p = p->prev) {
		for (c = p->last; c != NULL; c = c->prev)
			if (c->type == N_ITEM || c->type == N_SUBITEM)
				return c;
		if (!p->implicit)
			break;
	}
	return NULL;
}

/*
 * Does item c go on from item prev, past it, of its type?  (One past, or
 * a gap the step reports as after prev, not as "the first".)
 */
static int
continues(const struct node *prev, const struct node *c)
{
	long a[4], b[4];
	int na, nb;

	if (prev->type != c->type || prev->num == NULL || c->num == NULL ||
	    c->implicit || (na = num_parts(prev->num, a)) != 1 ||
	    (nb = num_parts(c->num, b)) != 1)
		return 0;
	return b[0] > a[0];
}

static void
rule_numbering(const struct doc *doc, struct diags *d)
{
	const struct node *n, *c, *sup;
	const struct node *lastsup = NULL, *carry, *body = NULL;
	long v[4], w[4];
	struct seq art = { NULL, NULL }, clause, div[DIV_OTHER + 1];
	int k, flags;

	/* Articles: one sequence for the body, one per 付則 or part. */
	for (n = doc->root; n != NULL; n = node_next(n, doc->root)) {
		if (n->type != N_ARTICLE || n->num == NULL)
			continue;
		/* Appendices quote articles more than they number them:
		 * only a 付則 or a part starts a sequence of its own. */
		sup = node_numbering_scope(n);
		if (sup != NULL && sup->divkind == DIV_APPENDIX)
			sup = NULL;
		if (sup != lastsup) {
			art.last = art.held = NULL;
			lastsup = sup;
			/*
			 * Older statutes number their 附則 on from the body
			 * (第十一条, then 附　則 第十二条): a 附則 whose first
			 * number is past the body's last goes on from it.
			 */
			if (sup != NULL && sup->divkind == DIV_SUPPL &&
			    body != NULL && num_parts(n->num, v) > 0 &&
			    num_parts(body->num, w) > 0 && v[0] > w[0])
				art.last = body;
		}
		/* 附則　抄: an excerpt, its articles chosen, gaps expected. */
		if (sup != NULL && sup->divkind == DIV_SUPPL && excerpt(sup))
			continue;
		seq_next(doc, &art, n, d, SEQ_DUP_CORE);
		if (sup == NULL)
			body = art.last;
	}
	/* Divisions of each kind within their parent; clauses within theirs. */
	for (n = doc->root; n != NULL; n = node_next(n, doc->root)) {
		if (n->type == N_ARTICLE || n->type == N_DIVISION ||
		    n->type == N_DOCUMENT || n->type == N_PARAGRAPH ||
		    n->type == N_ITEM || n->type == N_SUBITEM) {
			/* An excerpt leaves out items and paragraphs too. */
			for (sup = n; sup != NULL && !(sup->type ==
			    N_DIVISION && sup->divkind == DIV_SUPPL);
			    sup = sup->parent)
				;
			flags = sup != NULL && excerpt(sup) ? SEQ_EXCERPT : 0;
			for (k = 0; k <= DIV_OTHER; k++)
				div[k].last = div[k].held = NULL;
			clause.last = clause.held = NULL;
			carry = items_before(n);
			for (c = n->first; c != NULL; c = c->next) {
				if (c->type == N_DIVISION) {
					if (c->divkind < DIV_PART ||
					    c->divkind > DIV_DIVISION ||
					    c->num == NULL)
						continue;
					seq_next(doc, &div[c->divkind], c, d,
					    flags);
					continue;
				}
				if ((n->type == N_ARTICLE &&
				    c->type == N_PARAGRAPH) ||
				    (c->type == N_ITEM &&
				    n->type != N_ITEM) ||
				    c->type == N_SUBITEM) {
					if (clause.last != NULL &&
					    clause.last->type != c->type)
						clause.last = clause.held =
						    NULL;
					if (clause.last == NULL &&
					    carry != NULL && continues(carry, c))
						clause.last = carry;
					carry = NULL;
					seq_next(doc, &clause, c, d, flags);
				}
			}
		}
	}
}

/*
 * Sub-clauses (2.1, 2.2 under article 2): their numbers are written in
 * their labels, while the paragraphs' own numbers are positions (the
 * unnumbered paragraphs between count too), so they are a sequence of
 * their own in each article: 2.1, 2.2, 2.4 is a gap at 2.4.
 */
static void
rule_subclauses(const struct doc *doc, struct diags *d)
{
	const struct node *n, *c, *prev;
	const char *dot;
	char *label, *plabel;
	long v, last;

	for (n = doc->root; n != NULL; n = node_next(n, doc->root)) {
		if (n->type != N_ARTICLE)
			continue;
		prev = NULL;
		last = 0;
		for (c = n->first; c != NULL; c = c->next) {
			if (c->type != N_PARAGRAPH || !c->implicit ||
			    c->label == NULL ||
			    (dot = strrchr(c->label, '.')) == NULL)
				continue;
			/* 2.1. as 2.1: the dot that ends it numbers nothing. */
			if (dot[1] == '\0') {
				while (dot > c->label && dot[-1] != '.')
					dot--;
				v = dot > c->label ? strtol(dot, NULL, 10) : 0;
			} else
				v = strtol(dot + 1, NULL, 10);
			if (v <= 0)
				continue;
			if (prev != NULL && v > last + 1) {
				label = node_path_label(c);
				plabel = node_path_label(prev);
				diag(d, doc->path, c->line, c->col, D_NUM_GAP,
				    "%s after %s", label, plabel);
				free(label);
				free(plabel);
			}
			prev = c;
			last = v;
		}
	}
}

/* ---- empty articles ---- */

static int
has_text(const struct node *a)
{
	const struct node *n;

	for (n = a->first; n != NULL; n = node_next(n, a))
		if ((n->text != NULL && *n->text != '\0') || n->table != NULL)
			return 1;
	return 0;
}

static void
rule_empty(const struct doc *doc, struct diags *d)
{
	const struct node *n;
	char *name;

	/* 第五条　削除: deleted, and says so. */
	for (n = doc->root; n != NULL; n = node_next(n, doc->root))
		if (n->type == N_ARTICLE && !has_text(n) &&
		    !(n->caption != NULL && strcmp(n->caption, "削除") == 0)) {
			name = article_name(n);
			diag(d, doc->path, n->line, n->col, D_EMPTY_ART,
			    "%s", name);
			free(name);
		}
}

/* ---- definitions ---- */

struct def {
	char	*term;
	char	*wording;	/* normalized */
	char	*shown;		/* as written, shortened */
	char	*key, *wkey;	/* term and wording within their scope */
	int	 line;
};

/*
 * Definitions by term and by wording, each within its scope: the body
 * (with the law's own 附則), or one 附則 of a later amending act, an
 * enactment of its own that defines its 施行日 and 旧法 afresh.
 */
struct defs {
	struct hmap	 byterm;
	struct hmap	 bywording;
	struct def	**v;
	size_t		 n;
	const char	*scope;		/* "" or that 附則's id */
};

/* scope and s as one key: "s", or "scope\x1fs". */
static char *
scoped(const char *scope, const char *s)
{
	struct buf b;

	buf_init(&b);
	if (*scope != '\0')
		buf_printf(&b, "%s\x1f", scope);
	buf_puts(&b, s);
	return buf_detach(&b);
}

static int
boundary(const char *p)
{
	static const char *const stops[] = { "、", "。", "「", "」", "『", "』",
	    "）", ")", "，", "\n", "：", ":" };

	return (int)text_prefix_of(p, stops,
	    sizeof(stops) / sizeof(stops[0]));
}

/*
 * Do two normalized wordings define the same thing?  Equal, or one ends
 * with the other (a phrase of 8 characters or more, or a word after a
 * word's edge): the wording is read back to the previous 、 or 。, so
 * it may hold words of the sentence before the name, 租税特別措置法 and
 * …以後に行われる租税特別措置法（以下「法」という。）.
 */
static int
same_wording(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), n;
	const char *t;
	int32_t c;

	if (la < lb) {
		t = a, a = b, b = t;
		n = la, la = lb, lb = n;
	}
	if (strcmp(a + la - lb, b) != 0)
		return 0;
	if (la == lb || text_chars(b, lb) >= 8)
		return 1;	/* a phrase read back further, the same */
	/* A word: the words before end at a word's edge
	 * (…行われる租税特別措置法), not inside a compound: 有料サービス is
	 * no サービス. */
	n = utf8_prev_len(a, la - lb);
	utf8_next(a + la - lb - n, n, &c);
	return !((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x30a0 && c <= 0x30ff) ||
	    (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	    (c >= '0' && c <= '9'));
}

/*
 * Does a definition's wording point at text elsewhere (次の各号に掲げる事項,
 * 下記の事項, 前各号の行為) rather than say what the term is?  Two terms so
 * defined name different lists: no same wording.
 */
static int
wording_points(const char *w, size_t wlen)
{
	static const char *const leads[] = { "次の", "次に", "以下の", "下記",
	    "前各号", "前項各号" };
	size_t i, n;

	for (i = 0; i < sizeof(leads) / sizeof(leads[0]); i++) {
		n = strlen(leads[i]);
		if (wlen >= n && memcmp(w, leads[i], n) == 0)
			return 1;
	}
	return 0;
}

static void
add_def(const struct doc *doc, struct defs *D, const char *term, size_t tlen,
    const char *w, size_t wlen, int line, struct diags *d)
{
	struct def *x, *old;

	if (tlen == 0 || wlen == 0)
		return;
	x = xcalloc(1, sizeof(*x));
	x->term = text_caption_key(term, tlen);
	x->wording = text_caption_key(w, wlen);
	x->shown = xstrndup(w, wlen);
	x->line = line;
	x->key = scoped(D->scope, x->term);
	x->wkey = scoped(D->scope, x->wording);
	D->v = xgrow(D->v, D->n, sizeof(*D->v));
	D->v[D->n++] = x;
	if (*x->term == '\0' || *x->wording == '\0')
		return;
	old = hmap_get(&D->byterm, x->key);
	if (old != NULL && !same_wording(old->wording, x->wording))
		diag(d, doc->path, line, 1, D_TERM_REDEF,
		    "「%s」: %s (line %d) and %s", x->term, old->shown,
		    old->line, x->shown);
	else if (old == NULL)
		hmap_put(&D->byterm, x->key, x);
	if (wording_points(w, wlen))
		return;
	old = hmap_get(&D->bywording, x->wkey);
	if (old != NULL && strcmp(old->term, x->term) != 0)
		diag(d, doc->path, line, 1, D_TERM_SAME,
		    "「%s」 (line %d) and 「%s」 are both %s", old->term,
		    old->line, x->term, x->shown);
	else if (old == NULL)
		hmap_put(&D->bywording, x->wkey, x);
}

/*
 * （以下「X」といいます）, (以下、あわせて『X』とします), 以下「X」という:
 * the wording is the phrase before the opening bracket, back to the
 * previous 、 。 「 or line start.
 */
static void
defs_inline(const struct doc *doc, struct defs *D, const char *text, int line,
    struct diags *d)
{
	static const char *const fillers[] = { "、", "，", " ", "あわせて",
	    "併せて", "単に", "総称して" };
	static const char *const lead[] = { " ", "の", "及び", "並びに",
	    "又は", "または", "若しくは", "もしくは" };
	const char *p, *q, *open, *close, *t, *tend, *w, *hit;
	const char *end = text + strlen(text);
	size_t k;
	int ln = line, depth;

	/* Jump from one 以下 to the next, counting lines on the way. */
	for (p = text; (hit = text_memfind(p, (size_t)(end - p), "以下",
	    strlen("以下"))) != NULL; p = hit + 1) {
		for (; p < hit; p++)
			if (*p == '\n')
				ln++;
		q = p + strlen("以下");
		while ((k = text_prefix_of(q, fillers,
		    sizeof(fillers) / sizeof(fillers[0]))) > 0)
			q += k;
		if (has_prefix(q, "「"))
			close = "」";
		else if (has_prefix(q, "『"))
			close = "』";
		else
			continue;
		t = q + strlen("「");
		/* A term is short: look for its end within 90 bytes. */
		for (tend = t; *tend != '\0' && tend - t < 90 &&
		    !has_prefix(tend, close); tend++)
			;
		if (!has_prefix(tend, close))
			continue;
		q = tend + strlen(close);
		if (!has_prefix(q, "といいます") && !has_prefix(q, "という") &&
		    !has_prefix(q, "とします") && !has_prefix(q, "とする") &&
		    !has_prefix(q, "と称") && !has_prefix(q, "と総称"))
			continue;
		/* The unclosed bracket before 以下. */
		open = NULL;
		depth = 0;
		for (w = p; w > text && p - w < 600; ) {
			k = utf8_prev_len(text, (size_t)(w - text));
			w -= k;
			if (has_prefix(w, "）") || has_prefix(w, ")"))
				depth++;
			else if (has_prefix(w, "（") || has_prefix(w, "(")) {
				if (depth-- == 0) {
					open = w;
					break;
				}
			} else if (has_prefix(w, "。") || *w == '\n')
				break;
		}
		if (open == NULL)
			continue;
		for (w = open; w > text && open - w < 600; ) {
			k = utf8_prev_len(text, (size_t)(w - text));
			if (boundary(w - k))
				break;
			w -= k;
		}
		/* Not part of the wording: 及び, 又は, の … before it. */
		while ((k = text_prefix_of(w, lead,
		    sizeof(lead) / sizeof(lead[0]))) > 0)
			w += k;
		add_def(doc, D, t, (size_t)(tend - t), w, (size_t)(open - w),
		    ln, d);
	}
}

/*
 * In an article whose caption says 定義: entries "X：wording" or a term on
 * its own line followed by its wording.
 */
static void
defs_entry(const struct doc *doc, struct defs *D, const char *text, int line,
    struct diags *d)
{
	const char *sep, *nl;
	size_t cps = 0, i;

	nl = strchr(text, '\n');
	sep = strstr(text, "：");
	if (sep == NULL || (nl != NULL && nl < sep))
		sep = nl;
	if (sep == NULL || sep == text)
		return;
	for (i = 0; text + i < sep; i++) {
		if ((text[i] & 0xc0) != 0x80)
			cps++;
		if (has_prefix(text + i, "。") || has_prefix(text + i, "、"))
			return;
	}
	if (cps > 20)
		return;
	i = *sep == '\n' ? 1 : strlen("：");
	nl = strchr(sep + i, '\n');
	add_def(doc, D, text, (size_t)(sep - text), sep + i,
	    nl ? (size_t)(nl - sep - i) : strlen(sep + i), line, d);
}

static void
rule_terms(const struct doc *doc, struct diags *d)
{
	struct defs D;
	const struct node *n, *a, *asked = NULL;
	size_t i;
	int defining = 0;

	memset(&D, 0, sizeof(D));
	hmap_init(&D.byterm);
	hmap_init(&D.bywording);
	for (n = doc->root; n != NULL; n = node_next(n, doc->root)) {
		D.scope = (a = xref_amending_suppl(n)) != NULL &&
		    a->id != NULL ? a->id : "";
		if (n->text != NULL) {
			defs_inline(doc, &D, n->text, n->line, d);
			for (a = n->parent; a && a->type != N_ARTICLE;
			    a = a->parent)
				;
			/* An article's caption is asked once, not once a
			 * clause. */
			if (a != NULL && a != asked) {
				asked = a;
				defining = a->caption != NULL &&
				    strstr(a->caption, "定義") != NULL;
			}
			if (a != NULL && defining &&
			    (n->type == N_ITEM || n->type == N_PARAGRAPH))
				defs_entry(doc, &D, n->text, n->line, d);
		}
		if (n->table != NULL)
			for (i = 0; i < n->table->nrows * n->table->ncols; i++)
				defs_inline(doc, &D, n->table->cells[i],
				    n->line, d);
	}
	for (i = 0; i < D.n; i++) {
		free(D.v[i]->key);
		free(D.v[i]->wkey);
		free(D.v[i]->term);
		free(D.v[i]->wording);
		free(D.v[i]->shown);
		free(D.v[i]);
	}
	free(D.v);
	hmap_release(&D.byterm);
	hmap_release(&D.bywording);
}

/* ---- revision history ---- */

static void
rule_history(const struct doc *doc, struct diags *d)
{
	const struct meta *m = &doc->meta;
	size_t i;
	int found = 0;

	for (i = 0; i < m->nhistory; i++) {
		if (i > 0 && strcmp(m->history[i].date,
		    m->history[i - 1].date) < 0)
			diag(d, doc->path, m->history[i].line, 1,
			    D_HIST_ORDER, "%s %s after %s %s",
			    m->history[i].date, m->history[i].note,
			    m->history[i - 1].date, m->history[i - 1].note);
		if (strcmp(m->history[i].date, m->revision) == 0)
			found = 1;
		else if (strcmp(m->history[i].date, m->revision) > 0)
			diag(d, doc->path, m->history[i].line, 1,
			    D_HIST_DATE, "%s %s is later than the revision %s",
			    m->history[i].date, m->history[i].note,
			    m->revision);
	}
	if (m->nhistory > 0 && !found)
		diag(d, doc->path, m->revision_line, 1, D_HIST_DATE,
		    "revision %s has no history entry", m->revision);
}

/* ---- late-payment interest ---- */

/* A rate "14.6" / "１４．６" / "十四・六" at s: hundredths, or -1. */
static long
rate(const char *s, size_t *used)
{
	const char *p = s;
	long whole, frac = 0, scale = 10;
	size_t n;
	int32_t c;

	if ((whole = numeral_parse(p, &n, 1)) < 0)
		return -1;
	p += n;
	if (has_prefix(p, ".") || has_prefix(p, "．") || has_prefix(p, "・")) {
		p += *p == '.' ? 1 : strlen("．");
		while ((n = utf8_next(p, strnlen(p, 4), &c)) > 0) {
			long v = c >= '0' && c <= '9' ? c - '0' :
			    c >= 0xff10 && c <= 0xff19 ? c - 0xff10 : -1;
			size_t kn;

			if (v < 0 && (v = numeral_parse(p, &kn, 1)) >= 0 &&
			    v < 10)
				n = kn;
			else if (v < 0)
				break;
			if (scale >= 1)
				frac += v * scale;
			scale /= 10;
			p += n;
		}
	}
	*used = (size_t)(p - s);
	return whole * 100 + frac;
}

/*
 * Does s say 遅延 or 延滞?  One pass over s for 延, the character both
 * share, then a look at its neighbours (it was a pass for each word).
 */
static int
says_late(const char *s)
{
	const char *p, *end = s + strlen(s);

	for (p = s; (p = text_memfind(p, (size_t)(end - p), "延",
	    strlen("延"))) != NULL; p += strlen("延"))
		if ((p - s >= (ptrdiff_t)strlen("遅") &&
		    memcmp(p - strlen("遅"), "遅", strlen("遅")) == 0) ||
		    has_prefix(p + strlen("延"), "滞"))
			return 1;
	return 0;
}

static void
rule_interest(const struct doc *doc, struct diags *d)
{
	static const char *const percent[] = { "%", "％", "パーセント" };
	const struct node *n, *a, *asked = NULL;
	const char *p, *q;
	size_t used;
	long r;
	int late, ln, caption_late = 0;

	for (n = doc->root; n != NULL; n = node_next(n, doc->root)) {
		if (n->text == NULL)
			continue;
		for (a = n; a && a->type != N_ARTICLE; a = a->parent)
			;
		late = says_late(n->text);
		/* An article's caption is asked once, not once a clause. */
		if (!late && a != NULL && a->caption != NULL) {
			if (a != asked) {
				asked = a;
				caption_late = says_late(a->caption);
			}
			late = caption_late;
		}
		if (!late)
			continue;
		ln = n->line;
		for (p = n->text; *p != '\0'; p++) {
			if (*p == '\n')
				ln++;
			if (!has_prefix(p, "年"))
				continue;
			q = p + strlen("年");
			if (has_prefix(q, "率") || has_prefix(q, "利"))
				q += strlen("率");
			while (*q == ' ')
				q++;
			if ((r = rate(q, &used)) < 0)
				continue;
			q += used;
			while (*q == ' ')
				q++;
			if ((used = text_prefix_of(q, percent,
			    sizeof(percent) / sizeof(percent[0]))) == 0)
				continue;
			/* Hundredths: 14.6% is the cap. */
			if (r > 1460)
				diag(d, doc->path, ln, n->col, D_INTEREST,
				    "%.*s", (int)(q + used - p), p);
		}
	}
}

/* ---- the tables ---- */

static const struct {
	const char	*name;
	void		(*run)(const struct doc *, struct diags *);
} rules[] = {
	{ "references", rule_xref },
	{ "numbering", rule_numbering },
	{ "sub-clauses", rule_subclauses },
	{ "empty articles", rule_empty },
	{ "definitions", rule_terms },
	{ "history", rule_history },
	{ "interest", rule_interest },
};

/*
 * Rules over two consecutive revisions of one document, given as their
 * diff (D->old older, D->new newer).  A new row here is all `termc check`
 * needs to compare revisions.
 */
static void
pair_history(const struct diff *D, struct diags *d)
{
	const struct doc *old = D->old, *new = D->new;
	size_t i, j;

	/* The newer revision keeps the older one's history. */
	for (i = 0; i < old->meta.nhistory; i++) {
		for (j = 0; j < new->meta.nhistory; j++)
			if (strcmp(old->meta.history[i].date,
			    new->meta.history[j].date) == 0)
				break;
		if (j == new->meta.nhistory && new->meta.nhistory > 0)
			diag(d, new->path, new->meta.revision_line, 1,
			    D_HIST_DATE, "history lacks %s %s of revision %s",
			    old->meta.history[i].date,
			    old->meta.history[i].note, old->meta.revision);
	}
}

/* What a revision declares (changes:, history) against its real diff. */
static void
pair_declared(const struct diff *D, struct diags *d)
{
	diff_check_declared(D, d);
}

static const struct {
	const char	*name;
	void		(*run)(const struct diff *, struct diags *);
} pair_rules[] = {
	{ "history kept", pair_history },
	{ "declared changes", pair_declared },
};

struct ranked {
	struct diag	 d;
	size_t		 seq;
};

static int
cmp_ranked(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;

	if (x->d.line != y->d.line)
		return x->d.line < y->d.line ? -1 : 1;
	if (x->d.col != y->d.col)
		return x->d.col < y->d.col ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void
check_doc(const struct doc *doc, struct diags *d)
{
	struct ranked *r;
	size_t i, from = d->n;

	if (doc == NULL || doc->root == NULL)
		return;
	for (i = 0; i < sizeof(rules) / sizeof(rules[0]); i++)
		rules[i].run(doc, d);
	/* One document's findings in file order, rules in table order. */
	if (d->n - from < 2)
		return;
	r = xreallocarray(NULL, d->n - from, sizeof(*r));
	for (i = from; i < d->n; i++) {
		r[i - from].d = d->v[i];
		r[i - from].seq = i;
	}
	qsort(r, d->n - from, sizeof(*r), cmp_ranked);
	for (i = from; i < d->n; i++)
		d->v[i] = r[i - from].d;
	free(r);
}

void
check_corpus(const struct corpus *c, struct diff *const *pairs,
    struct diags *d)
{
	size_t i, k;

	for (i = 0; i < c->n; i++) {
		check_doc(c->docs[i], d);
		if (pairs[i] == NULL)
			continue;
		for (k = 0; k < sizeof(pair_rules) / sizeof(pair_rules[0]);
		    k++)
			pair_rules[k].run(pairs[i], d);
	}
}
