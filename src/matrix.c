/*
 * The comparison matrix: see matrix.h.
 *
 * For each column document the articles are classified (topics.c); a
 * topic's cell lists every article that has the topic and takes its value
 * from the first article, in document order, that yields one.  Inside an
 * article the value is looked for first in the sentences that matched one
 * of the topic's text patterns (the sentence that says it), then in the
 * whole article.  Values are found on NFKC text and quoted from the text
 * as written through the offset map that topics.c keeps.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "buf.h"
#include "clause.h"
#include "doc.h"
#include "matrix.h"
#include "pool.h"
#include "text.h"
#include "topics.h"
#include "value.h"
#include "xalloc.h"

#define EXCERPT_CHARS	60

const char *
cell_text(const struct cell *c)
{
	switch (c->state) {
	case CELL_ABSENT:
		return "条項なし";
	case CELL_NOVALUE:
		return "条項あり（値なし）";
	default:
		return c->value;
	}
}

char *
cell_label(const struct mrow *r, const struct cell *c, int ja)
{
	if (c->state == CELL_VALUE)
		return value_label(r->topic->vtype, c->value, ja);
	if (!ja)
		return xstrdup(c->state == CELL_ABSENT ? "No clause" :
		    "Clause, no value");
	return xstrdup(cell_text(c));
}

/* Sentence bounds around off in s (NFKC): after 。 or \n, up to either. */
static void
sentence_around(const char *s, size_t len, size_t off, size_t *b, size_t *e)
{
	static const char maru[] = "\xe3\x80\x82";
	size_t i = off;

	while (i > 0 && s[i - 1] != '\n' &&
	    !(i >= 3 && memcmp(s + i - 3, maru, 3) == 0))
		i--;
	*b = i;
	for (i = off; i < len && s[i] != '\n'; i++)
		if (i + 3 <= len && memcmp(s + i, maru, 3) == 0) {
			i += 3;
			break;
		}
	*e = i;
}

/* orig text of norm[b, e), trimmed and cut to cut characters (0: whole). */
static char *
quote(const struct tagged *a, size_t b, size_t e, size_t cut)
{
	size_t ob = a->map[b], oe = a->map[e], i, n, tlen, chars = 0;
	struct buf out;
	char *t;
	int32_t cp;

	t = text_trim(a->orig + ob, oe - ob);
	if (!cut)
		return t;
	buf_init(&out);
	tlen = strlen(t);
	for (i = 0; i < tlen; i += n) {
		n = utf8_next(t + i, tlen - i, &cp);
		if (n == 0)
			break;
		if (cp == '\n')
			cp = ' ';
		if (chars++ == cut) {
			buf_puts(&out, "…");
			break;
		}
		if (cp == ' ')
			buf_putc(&out, ' ');
		else
			buf_put(&out, t + i, n);
	}
	free(t);
	return buf_detach(&out);
}

/*
 * Look for the topic's value in one article; 1 if found.  First the
 * sentences that matched a pattern, then every sentence; sentences with
 * one of the topic's excludes are skipped.  The sentences are the ones
 * topics.c split the article into, once.
 */
static int
article_value(const struct topic *tp, const struct tagged *a,
    struct value *v)
{
	size_t j, k, at;

	if (tp->vtype == VT_PRESENCE)
		return 0;
	/* A named law anywhere in the article wins over "your own law". */
	if (tp->vtype == VT_LAW)
		return value_find(tp->vtype, a->norm, 0, a->normlen, v);
	for (j = 0; j < tp->npatterns; j++)
		for (k = 0; (k = pattern_sentence(tp, tp->patterns[j], a, k,
		    &at)) < a->nsent; k++)
			if (value_find(tp->vtype, a->norm, SENT_B(a, k),
			    SENT_E(a, k), v))
				return 1;
	for (k = 0; k < a->nsent; k++)
		if (!excluded(tp, a->norm, SENT_B(a, k), SENT_E(a, k)) &&
		    value_find(tp->vtype, a->norm, SENT_B(a, k), SENT_E(a, k),
		    v))
			return 1;
	return 0;
}

/* Does s[b, e) contain w? */
static int
find_in_text(const char *s, size_t b, size_t e, const char *w)
{
	size_t n = strlen(w), i;

	for (i = b; i + n <= e; i++)
		if (memcmp(s + i, w, n) == 0)
			return 1;
	return 0;
}

/*
 * A condition that stays with a value, read from the paragraph (line)
 * that states it: a cap that does not apply to wilful misconduct or gross
 * negligence ("ただし、故意又は重大な過失による場合はこの限りではありませ
 * ん", "except in the case of gross negligence"), a notice that can be
 * shortened in an emergency.  The kind of fault alone is not enough: "故
 * 意または重過失が理由で…を限度" caps exactly those cases.
 */
static char *
value_condition(enum vtype t, const char *s, size_t len, size_t off)
{
	static const char *const fault[] = { "故意又は重大な過失",
	    "故意または重大な過失", "故意もしくは重大な過失", "故意・重過失",
	    "故意又は重過失", "故意または重過失", "重過失", "重大な過失",
	    "gross negligence", "willful misconduct", "wilful misconduct",
	    NULL };
	static const char *const except[] = { "除き", "除きます", "除く",
	    "この限りで", "この限りではな", "except", "unless",
	    "does not apply", "shall not apply", NULL };
	static const char *const urgent[] = { "緊急", "やむを得ない",
	    "emergenc", "urgent", NULL };
	size_t b = off, e = off, k;
	int f = 0, x = 0;

	while (b > 0 && s[b - 1] != '\n')
		b--;
	while (e < len && s[e] != '\n')
		e++;
	if (t == VT_CAP) {
		for (k = 0; fault[k] != NULL; k++)
			if (find_in_text(s, b, e, fault[k]))
				f = 1;
		for (k = 0; except[k] != NULL; k++)
			if (find_in_text(s, b, e, except[k]))
				x = 1;
		if (f && x)
			return xstrdup("故意・重過失を除く");
	}
	if (t == VT_NOTICE)
		for (k = 0; urgent[k] != NULL; k++)
			if (find_in_text(s, b, e, urgent[k]))
				return xstrdup("緊急時は短縮あり");
	return NULL;
}

#define COND_CHARS	80

/*
 * Any other condition that qualifies a value, as written, from the
 * sentence that carries it: a phrase that ends in 場合を除き, 場合に限り …
 * (from the clause's start: after the last 、), one that starts with
 * unless, except, only if, provided that … (to the next , ; or the end),
 * or the proviso sentence right after it in the same paragraph (ただし、
 * …, 但し…), which in Japanese drafting qualifies the sentence before.
 */
static char *
general_condition(const struct tagged *a, size_t off)
{
	static const char *const ends[] = { "場合を除き", "場合を除いて",
	    "場合を除く", "場合に限り", "場合に限って", "ときを除き",
	    "ときに限り", "限りにおいて", NULL };
	static const char *const starts_en[] = { "unless ", "except ",
	    "only if ", "provided that ", "provided, however, that ",
	    "subject to ", NULL };
	static const char *const proviso[] = { "ただし", "但し", "ただ、",
	    NULL };
	static const char comma[] = "\xe3\x80\x81";	/* 、 */
	const char *s = a->norm;
	size_t k, sb, se, i, j, w, n;

	for (k = 0; k < a->nsent && SENT_E(a, k) <= off; k++)
		;
	if (k == a->nsent)
		return NULL;
	sb = SENT_B(a, k);
	se = SENT_E(a, k);
	for (i = sb; i < se; i++) {
		for (w = 0; ends[w] != NULL; w++) {
			n = strlen(ends[w]);
			if (i + n > se || memcmp(s + i, ends[w], n) != 0)
				continue;
			for (j = i; j > sb && !(j >= sb + 3 &&
			    memcmp(s + j - 3, comma, 3) == 0); j--)
				;
			return quote(a, j, i + n, COND_CHARS);
		}
		for (w = 0; starts_en[w] != NULL; w++) {
			n = strlen(starts_en[w]);
			if (i + n > se || memcmp(s + i, starts_en[w], n) != 0 ||
			    (i > sb && s[i - 1] != ' ' && s[i - 1] != ','))
				continue;
			for (j = i + n; j < se && !strchr(",;\n", s[j]) &&
			    !(s[j] == '.' && (j + 1 == se || s[j + 1] == ' '));
			    j++)
				;
			return quote(a, i, j, COND_CHARS);
		}
	}
	/* The proviso: the next sentence, on the same line. */
	if (k + 1 < a->nsent && s[se - 1] != '\n')
		for (w = 0; proviso[w] != NULL; w++)
			if (strncmp(s + se, proviso[w], strlen(proviso[w])) ==
			    0) {
				j = SENT_E(a, k + 1);
				while (j > se && (s[j - 1] == '\n' ||
				    s[j - 1] == ' '))
					j--;
				return quote(a, se, j, COND_CHARS);
			}
	return NULL;
}

/* The first pattern sentence of an article found by its text, or 0. */
static int
topic_sentence(const struct topic *tp, const struct tagged *a,
    size_t *sb, size_t *se)
{
	size_t j, k, at;

	for (j = 0; j < tp->npatterns; j++)
		if ((k = pattern_sentence(tp, tp->patterns[j], a, 0, &at)) <
		    a->nsent) {
			sentence_around(a->norm, a->normlen, at, sb, se);
			return 1;
		}
	return 0;
}

/*
 * An article named as its document names it (node_path_label): 第18条
 * （料金）, or Section 18 (Fees) where the article is written "18.".
 */
static char *
ref_label(const struct node *n)
{
	int western = node_western(n);
	struct buf b;
	char *l;

	buf_init(&b);
	if (n->label != NULL) {
		l = node_path_label(n);
		buf_puts(&b, l);
		free(l);
	}
	if (n->caption != NULL && western)
		buf_printf(&b, "%s(%s)", b.len > 0 ? " " : "", n->caption);
	else if (n->caption != NULL)
		buf_printf(&b, "（%s）", n->caption);
	if (b.len == 0)
		buf_puts(&b, n->id);
	return buf_detach(&b);
}

/*
 * The documents of column j: the column's own, then its supplements.
 * g[k] is the tagging of part k.
 */
struct parts {
	const struct doc	**docs;
	struct tagging		 *g;
	size_t			  n;
};

static void
add_ref(struct cell *c, const struct tagged *a, const struct doc *doc,
    int supp)
{
	struct buf href, label;
	char *l;

	c->refs = xgrow(c->refs, c->nrefs, sizeof(*c->refs));
	c->refs[c->nrefs].id = xstrdup(a->article->id);
	c->refs[c->nrefs].document = supp ? doc->meta.document : NULL;
	l = ref_label(a->article);
	if (supp) {
		/* 第3条 of a supplement is not the parent's 第3条. */
		buf_init(&label);
		buf_printf(&label, "%s %s", doc->meta.title, l);
		free(l);
		l = buf_detach(&label);
	}
	c->refs[c->nrefs].label = l;
	buf_init(&href);
	buf_printf(&href, "%s/%s/%s.html#%s", doc->meta.provider,
	    doc->meta.document, doc->meta.revision, a->article->id);
	c->refs[c->nrefs++].href = buf_detach(&href);
}

/* The taxonomy's event for the topic, in the document's language. */
static char *
default_event(const struct topic *tp, const char *lang)
{
	const char *ev = strncmp(lang, "en", 2) == 0 && tp->event_en ?
	    tp->event_en : tp->event;

	return ev ? xstrdup(ev) : NULL;
}

static void
fill_cell(struct cell *c, const struct topic *tp, size_t ti,
    const struct parts *p)
{
	const char *lang = "ja";
	const struct tagged *a, *first = NULL, *from = NULL;
	struct value v, found;
	size_t i, k, sb, se;

	memset(c, 0, sizeof(*c));
	memset(&found, 0, sizeof(found));
	for (k = 0; k < p->n; k++)
		for (i = 0; i < p->g[k].n; i++) {
			a = &p->g[k].v[i];
			if (!a->set[ti])
				continue;
			if (first == NULL)
				first = a;
			add_ref(c, a, p->docs[k], k > 0);
			if (from == NULL && article_value(tp, a, &v)) {
				found = v;
				from = a;
				lang = p->docs[k]->meta.lang;
			}
		}
	if (first == NULL) {
		c->state = CELL_ABSENT;
		return;
	}
	if (tp->vtype == VT_PRESENCE) {
		c->state = CELL_VALUE;
		c->value = xstrdup("yes");
		c->num = 1;
	} else if (from != NULL) {
		c->state = CELL_VALUE;
		c->value = xstrdup(found.norm);
		c->num = found.num;
		c->unit = found.unit;
		c->raw = quote(from, found.off, found.off + found.len, 0);
		sentence_around(from->norm, from->normlen, found.off, &sb, &se);
		c->excerpt = quote(from, sb, se, EXCERPT_CHARS);
		/*
		 * A cap's fault exception is named as such; any other
		 * condition is quoted as written, before a notice's general
		 * "shortened in an emergency".
		 */
		if (tp->vtype == VT_CAP)
			c->cond = value_condition(tp->vtype, from->norm,
			    from->normlen, found.off);
		if (c->cond == NULL)
			c->cond = general_condition(from, found.off);
		if (c->cond == NULL)
			c->cond = value_condition(tp->vtype, from->norm,
			    from->normlen, found.off);
		if (found.evlen > 0) {
			c->event = quote(from, found.evoff,
			    found.evoff + found.evlen, 0);
			c->event_said = 1;
		} else if (tp->vtype == VT_NOTICE || tp->vtype == VT_DURATION)
			c->event = default_event(tp, lang);
		value_release(&found);
		return;
	} else
		c->state = CELL_NOVALUE;
	/*
	 * No value: quote the sentence that made the article's topic, or
	 * the clause's first sentence when its caption did.
	 */
	if (first->set[ti] != TAG_TEXT ||
	    !topic_sentence(tp, first, &sb, &se))
		sentence_around(first->norm, first->normlen, 0, &sb, &se);
	c->excerpt = quote(first, sb, se, EXCERPT_CHARS);
}

/* Mark the most favourable cells and whether the row differs. */
static void
judge_row(struct mrow *r, size_t ncols)
{
	const char *k0 = NULL, *k;
	double best = 0;
	size_t i, nval = 0, nabsent = 0;
	int have = 0, distinct = 0, mixed = 0;
	enum favour fav = r->topic->favour;
	char unit = 0;

	for (i = 0; i < ncols; i++) {
		k = cell_text(&r->cells[i]);
		if (k0 == NULL)
			k0 = k;
		else if (strcmp(k0, k) != 0)
			r->differs = 1;
		/*
		 * Where no clause is worse (no notice promised), a notice
		 * clause that states no period promises none either.
		 */
		if (r->cells[i].state == CELL_ABSENT ||
		    (r->cells[i].state == CELL_NOVALUE &&
		    r->topic->vtype == VT_NOTICE &&
		    r->topic->absent == ABS_WORSE))
			nabsent++;
		if (r->cells[i].state != CELL_VALUE)
			continue;
		nval++;
		if (!have) {
			best = r->cells[i].num;
			unit = r->cells[i].unit;
			have = 1;
			/*
			 * An SLA's outage threshold ranks the other way from
			 * its availability: a credit after a shorter outage
			 * is better (value.h).
			 */
			if (unit == 'o' && fav == FAV_HIGHER)
				fav = FAV_LOWER;
			continue;
		}
		if (r->cells[i].unit != unit) {
			mixed = 1;	/* months' fees against yen: no judge */
			continue;
		}
		if (r->cells[i].num != best)
			distinct = 1;
		if ((fav == FAV_LOWER && r->cells[i].num < best) ||
		    (fav == FAV_HIGHER && r->cells[i].num > best))
			best = r->cells[i].num;
	}
	if (r->topic->favour == FAV_PRESENT) {
		if (nval > 0 && nabsent > 0)
			for (i = 0; i < ncols; i++)
				r->cells[i].best =
				    r->cells[i].state == CELL_VALUE;
		return;
	}
	/* A presence that is better absent: an arbitration clause, a waiver. */
	if (r->topic->vtype == VT_PRESENCE && r->topic->absent == ABS_BETTER &&
	    nabsent > 0 && nval > 0) {
		for (i = 0; i < ncols; i++)
			r->cells[i].best = r->cells[i].state == CELL_ABSENT;
		return;
	}
	if (r->topic->favour == FAV_NONE)
		return;
	/*
	 * "No clause" ranks as the taxonomy says: no cap on liability beats
	 * every cap (the cells without one are the best); no promised notice
	 * loses to every notice, so a sole stated value is the best.
	 */
	if (nabsent > 0 && nval > 0 && r->topic->absent == ABS_BETTER) {
		for (i = 0; i < ncols; i++)
			r->cells[i].best = r->cells[i].state == CELL_ABSENT;
		return;
	}
	if (mixed || (!distinct && !(nval > 0 && nabsent > 0 &&
	    r->topic->absent == ABS_WORSE)))
		return;
	for (i = 0; i < ncols; i++)
		r->cells[i].best = r->cells[i].state == CELL_VALUE &&
		    r->cells[i].num == best;
}

/*
 * The index in pk[0, n) (one provider's picked documents, sorted by
 * document) of the column that pk[i]'s chain of `supplements` leads to:
 * i itself when the chain leaves them or comes back (n steps at most).
 */
static size_t
column_of(const struct doc **pk, size_t n, size_t i)
{
	size_t at = i, steps, k, next;

	for (steps = 0; pk[at]->meta.supplements != NULL && steps < n;
	    steps++) {
		next = n;
		for (k = 0; k < n && next == n; k++)
			if (k != at && strcmp(pk[k]->meta.document,
			    pk[at]->meta.supplements) == 0)
				next = k;
		if (next == n)
			return i;
		at = next;
	}
	return pk[at]->meta.supplements == NULL ? at : i;
}

void
matrix_begin(struct matrix *m, const struct taxonomy *t, const char *as_of)
{
	size_t i;

	memset(m, 0, sizeof(*m));
	m->tax = t;
	m->as_of = as_of ? xstrdup(as_of) : NULL;
	m->nrows = t->n;
	m->rows = xcalloc(t->n ? t->n : 1, sizeof(*m->rows));
	for (i = 0; i < t->n; i++)
		m->rows[i].topic = &t->v[i];
}

/* Room in every row for n cells. */
void
matrix_reserve(struct matrix *m, size_t n)
{
	size_t i;

	if (n <= m->cellcap)
		return;
	m->cellcap = n;
	for (i = 0; i < m->nrows; i++)
		m->rows[i].cells = xreallocarray(m->rows[i].cells,
		    m->cellcap, sizeof(struct cell));
}

/* Room in every row for a cell per column, doubling: adding stays linear. */
static void
cells_room(struct matrix *m)
{
	size_t cap = m->cellcap ? 2 * m->cellcap : 16;

	if (m->ncols > m->cellcap)
		matrix_reserve(m, cap > m->ncols ? cap : m->ncols);
}

void
matrix_add(struct matrix *m, const struct doc **pk, size_t npk,
    struct diags *d)
{
	const struct taxonomy *t = m->tax;
	struct parts *parts;
	struct buf name;
	struct mcol *col;
	size_t i, j, k, first = m->ncols, *home, *colno;

	/* home[i]: the picked document whose column shows pk[i]. */
	home = xcalloc(npk ? npk : 1, sizeof(*home));
	colno = xcalloc(npk ? npk : 1, sizeof(*colno));
	for (i = 0; i < npk; i++)
		home[i] = column_of(pk, npk, i);
	for (i = 0; i < npk; i++) {
		if (home[i] != i)
			continue;
		m->cols = xgrow(m->cols, m->ncols, sizeof(*m->cols));
		col = &m->cols[m->ncols];
		memset(col, 0, sizeof(*col));
		buf_init(&name);
		buf_printf(&name, "%s/%s", pk[i]->meta.provider,
		    pk[i]->meta.document);
		col->doc = pk[i];
		col->name = buf_detach(&name);
		colno[i] = m->ncols++;
	}
	for (i = 0; i < npk; i++) {
		if (home[i] == i)
			continue;
		col = &m->cols[colno[home[i]]];
		col->supps = xgrow(col->supps, col->nsupps,
		    sizeof(*col->supps));
		col->supps[col->nsupps++] = pk[i];
	}
	free(colno);
	free(home);
	if (m->ncols == first)
		return;
	cells_room(m);
	parts = xcalloc(m->ncols - first, sizeof(*parts));
	for (j = first; j < m->ncols; j++) {
		struct parts *p = &parts[j - first];

		p->n = 1 + m->cols[j].nsupps;
		p->docs = xcalloc(p->n, sizeof(*p->docs));
		p->g = xcalloc(p->n, sizeof(*p->g));
		p->docs[0] = m->cols[j].doc;
		for (k = 1; k < p->n; k++)
			p->docs[k] = m->cols[j].supps[k - 1];
		for (k = 0; k < p->n; k++)
			topics_classify(&p->g[k], t, p->docs[k], d);
	}
	for (i = 0; i < t->n; i++)
		for (j = first; j < m->ncols; j++)
			fill_cell(&m->rows[i].cells[j], &t->v[i], i,
			    &parts[j - first]);
	for (j = 0; j < m->ncols - first; j++) {
		for (k = 0; k < parts[j].n; k++)
			tagging_release(&parts[j].g[k]);
		free(parts[j].g);
		free(parts[j].docs);
	}
	free(parts);
}

void
matrix_append(struct matrix *m, struct mcol *cols, size_t n,
    struct cell **cells)
{
	size_t i, j;

	for (j = 0; j < n; j++) {
		m->cols = xgrow(m->cols, m->ncols, sizeof(*m->cols));
		m->cols[m->ncols++] = cols[j];
	}
	cells_room(m);
	for (i = 0; i < m->nrows; i++) {
		memcpy(m->rows[i].cells + m->ncols - n, cells[i],
		    n * sizeof(struct cell));
	}
}

struct pool *
matrix_pool(struct matrix *m)
{
	if (m->pool == NULL)
		m->pool = pool_new();
	return m->pool;
}

void
matrix_end(struct matrix *m)
{
	size_t i;

	for (i = 0; i < m->nrows; i++)
		judge_row(&m->rows[i], m->ncols);
}

void
matrix_build(struct matrix *m, const struct taxonomy *t,
    const struct corpus *c, const char *as_of, struct diags *d)
{
	const struct doc **pk, *pick;
	size_t i, j, end, npk = 0, lo;

	matrix_begin(m, t, as_of);
	/* The corpus is sorted: provider, document, revision. */
	pk = xcalloc(c->n ? c->n : 1, sizeof(*pk));
	for (i = 0; i < c->n; i = end) {
		end = corpus_group_end(c, i);
		pick = NULL;
		for (j = i; j < end; j++)
			if (as_of == NULL ||
			    strcmp(c->docs[j]->meta.revision, as_of) <= 0)
				pick = c->docs[j];
		if (pick != NULL)
			pk[npk++] = pick;
	}
	/* A parent is looked for among its own provider's documents only. */
	for (lo = 0; lo < npk; lo = i) {
		for (i = lo + 1; i < npk && strcmp(pk[i]->meta.provider,
		    pk[lo]->meta.provider) == 0; i++)
			;
		matrix_add(m, pk + lo, i - lo, d);
	}
	free(pk);
	matrix_end(m);
}

void
matrix_release(struct matrix *m)
{
	size_t i, j, k;
	struct cell *c;

	for (i = 0; i < m->nrows; i++) {
		for (j = 0; j < m->ncols; j++) {
			if (m->cols[j].pooled)
				continue;
			c = &m->rows[i].cells[j];
			free(c->value);
			free(c->raw);
			free(c->excerpt);
			free(c->cond);
			free(c->event);
			for (k = 0; k < c->nrefs; k++) {
				free(c->refs[k].id);
				free(c->refs[k].label);
				free(c->refs[k].href);
			}
			free(c->refs);
		}
		free(m->rows[i].cells);
	}
	free(m->rows);
	for (j = 0; j < m->ncols; j++) {
		free(m->cols[j].name);
		free(m->cols[j].supps);
	}
	free(m->cols);
	free(m->as_of);
	pool_free(m->pool);
	memset(m, 0, sizeof(*m));
}

/* ---- CSV (RFC 4180, UTF-8 with a byte-order mark) ---- */

/*
 * One cell.  A spreadsheet reads a cell that starts with =, +, -, @, tab
 * or CR as a formula (=HYPERLINK(...) would run on opening the file), so
 * such a cell is neutralized as OWASP's "CSV injection" page says: quoted,
 * with a single quote before its text.  Every cell termc writes passes
 * here, headers included.
 */
static void
csv_field(struct buf *b, const char *s, int first)
{
	int formula;

	if (!first)
		buf_putc(b, ',');
	if (s == NULL)
		return;
	formula = *s != '\0' && strchr("=+-@\t\r", *s) != NULL;
	if (!formula && strpbrk(s, ",\"\r\n") == NULL) {
		buf_puts(b, s);
		return;
	}
	buf_putc(b, '"');
	if (formula)
		buf_putc(b, '\'');
	for (; *s != '\0'; s++) {
		if (*s == '"')
			buf_putc(b, '"');
		buf_putc(b, *s);
	}
	buf_putc(b, '"');
}

/* The labels of a cell's clauses, in the list style of the language. */
static char *
cell_refs(const struct cell *c, int ja)
{
	struct buf b;
	size_t k;

	buf_init(&b);
	for (k = 0; k < c->nrefs; k++) {
		if (k)
			buf_puts(&b, ja ? "、" : "; ");
		buf_puts(&b, c->refs[k].label);
	}
	return buf_detach(&b);
}

void
matrix_csv_lead(struct buf *b, const struct matrix *m, size_t line)
{
	const struct topic *tp;

	if (line == 0) {
		buf_puts(b, "\xef\xbb\xbf");
		csv_field(b, "topic", 1);
		csv_field(b, "項目", 0);
		csv_field(b, "Topic", 0);
		return;
	}
	tp = m->rows[line - 1].topic;
	csv_field(b, tp->id, 1);
	csv_field(b, tp->ja, 0);
	csv_field(b, tp->en, 0);
}

void
matrix_csv_piece(struct buf *b, const struct matrix *m, int ja,
    size_t line, size_t c0, size_t c1)
{
	struct buf h;
	size_t j, k;
	char *s;

	buf_init(&h);
	for (j = c0; j < c1 && line == 0; j++) {
		buf_reset(&h);
		buf_printf(&h, "%s %s", m->cols[j].doc->meta.provider_name,
		    m->cols[j].doc->meta.title);
		for (k = 0; k < m->cols[j].nsupps; k++)
			buf_printf(&h, ja ? "＋%s" : " + %s",
			    m->cols[j].supps[k]->meta.title);
		csv_field(b, h.data, 0);
		buf_reset(&h);
		buf_printf(&h, ja ? "%s@%s 条項" : "%s@%s clauses",
		    m->cols[j].name, m->cols[j].doc->meta.revision);
		csv_field(b, h.data, 0);
	}
	for (j = c0; j < c1 && line > 0; j++) {
		const struct mrow *r = &m->rows[line - 1];
		const struct cell *c = &r->cells[j];

		/* In words, as the page shows it (html_matrix.c). */
		s = cell_label(r, c, ja);
		buf_reset(&h);
		buf_puts(&h, s);
		if (c->raw != NULL && strcmp(c->raw, s) != 0)
			buf_printf(&h, ja ? "（%s）" : " (%s)", c->raw);
		free(s);
		if (c->event != NULL)
			buf_printf(&h, ja ? "［起点: %s］" :
			    " [counts from: %s]", c->event);
		if (c->cond != NULL)
			buf_printf(&h, ja ? "〔%s〕" : " {%s}", c->cond);
		if (c->best)
			buf_puts(&h, " ★");
		csv_field(b, h.data, 0);
		s = cell_refs(c, ja);
		csv_field(b, s, 0);
		free(s);
	}
	buf_release(&h);
}

char *
matrix_csv(const struct matrix *m, int ja, size_t *len)
{
	struct buf b;
	size_t i;

	buf_init(&b);
	for (i = 0; i <= m->nrows; i++) {
		matrix_csv_lead(&b, m, i);
		matrix_csv_piece(&b, m, ja, i, 0, m->ncols);
		buf_puts(&b, "\r\n");
	}
	*len = b.len;
	return buf_detach(&b);
}

/* ---- TSV: one line per cell, for scripts and tests ---- */

char *
matrix_tsv(const struct matrix *m, size_t *len)
{
	static const char *const states[] = { "absent", "no-value", "value" };
	struct buf b;
	size_t i, j, k;

	buf_init(&b);
	for (i = 0; i < m->nrows; i++)
		for (j = 0; j < m->ncols; j++) {
			const struct cell *c = &m->rows[i].cells[j];

			buf_printf(&b, "%s\t%s\t%s\t%s\t", m->cols[j].name,
			    m->rows[i].topic->id, states[c->state],
			    c->state == CELL_VALUE ? c->value :
			    c->state == CELL_ABSENT ? "-" : "?");
			for (k = 0; k < c->nrefs; k++)
				buf_printf(&b, "%s%s%s%s", k ? "," : "",
				    c->refs[k].document ? c->refs[k].document :
				    "", c->refs[k].document ? "#" : "",
				    c->refs[k].id);
			if (c->nrefs == 0)
				buf_putc(&b, '-');
			buf_printf(&b, "\t%s\n", c->raw ? c->raw : "-");
		}
	*len = b.len;
	return buf_detach(&b);
}

/* ---- JSON ---- */

#define JSON_FLAGS	(JSON_INDENT(1) | JSON_PRESERVE_ORDER | \
			    JSON_REAL_PRECISION(6))

static json_t *
jstr(const char *s)
{
	return s ? json_string(s) : json_null();
}

/* Column j's description; with part (not 0), the part that holds it. */
static json_t *
json_col(const struct matrix *m, size_t j, size_t part)
{
	const struct meta *mt = &m->cols[j].doc->meta;
	json_t *o = json_object(), *sv, *so;
	char name[64];
	size_t k;

	json_object_set_new(o, "id", json_string(m->cols[j].name));
	json_object_set_new(o, "provider", json_string(mt->provider));
	json_object_set_new(o, "provider_name",
	    json_string(mt->provider_name));
	json_object_set_new(o, "document", json_string(mt->document));
	json_object_set_new(o, "title", json_string(mt->title));
	json_object_set_new(o, "revision", json_string(mt->revision));
	if (m->cols[j].nsupps > 0) {
		sv = json_array();
		for (k = 0; k < m->cols[j].nsupps; k++) {
			mt = &m->cols[j].supps[k]->meta;
			so = json_object();
			json_object_set_new(so, "document",
			    json_string(mt->document));
			json_object_set_new(so, "title", json_string(mt->title));
			json_object_set_new(so, "revision",
			    json_string(mt->revision));
			json_array_append_new(sv, so);
		}
		json_object_set_new(o, "supplements", sv);
	}
	if (part > 0) {
		snprintf(name, sizeof(name), "matrix-%zu.json", part);
		json_object_set_new(o, "part", json_string(name));
	}
	return o;
}

/* Cell j of row rw. */
static json_t *
json_cell(const struct matrix *m, const struct mrow *rw, size_t j)
{
	static const char *const states[] = { "absent", "no-value", "value" };
	const struct cell *c = &rw->cells[j];
	json_t *co = json_object(), *refs, *ro;
	size_t k;
	char *s;

	json_object_set_new(co, "document", json_string(m->cols[j].name));
	json_object_set_new(co, "state", json_string(states[c->state]));
	json_object_set_new(co, "value", jstr(c->value));
	if (c->state == CELL_VALUE) {
		s = cell_label(rw, c, 1);
		json_object_set_new(co, "label", json_string(s));
		free(s);
	}
	json_object_set_new(co, "raw", jstr(c->raw));
	if (c->event != NULL) {
		json_object_set_new(co, "event", json_string(c->event));
		json_object_set_new(co, "event_from",
		    json_string(c->event_said ? "text" : "taxonomy"));
	}
	if (c->cond != NULL)
		json_object_set_new(co, "condition", json_string(c->cond));
	if (c->state == CELL_VALUE && rw->topic->vtype != VT_COURT &&
	    rw->topic->vtype != VT_LAW)
		json_object_set_new(co, "num", json_real(c->num));
	json_object_set_new(co, "best", json_boolean(c->best));
	json_object_set_new(co, "excerpt", jstr(c->excerpt));
	refs = json_array();
	for (k = 0; k < c->nrefs; k++) {
		ro = json_object();
		json_object_set_new(ro, "id", json_string(c->refs[k].id));
		if (c->refs[k].document != NULL)
			json_object_set_new(ro, "document",
			    json_string(c->refs[k].document));
		json_object_set_new(ro, "label",
		    json_string(c->refs[k].label));
		json_object_set_new(ro, "href", json_string(c->refs[k].href));
		json_array_append_new(refs, ro);
	}
	json_object_set_new(co, "clauses", refs);
	return co;
}

/*
 * o dumped, two levels down (an element of an array of the top object),
 * after "\n  "; o is released.
 */
static void
put_nested(struct buf *b, json_t *o)
{
	char *s, *r;

	s = json_dumps(o, JSON_FLAGS);
	json_decref(o);
	buf_puts(b, "\n  ");
	for (r = s; *r != '\0'; r++)
		if (*r == '\n')
			buf_puts(b, "\n  ");
		else
			buf_putc(b, *r);
	free(s);
}

void
matrix_json_cols(struct buf *b, const struct matrix *m, size_t c0,
    size_t c1, size_t part)
{
	size_t j;

	for (j = c0; j < c1; j++) {
		if (j > c0)
			buf_putc(b, ',');
		put_nested(b, json_col(m, j, part));
	}
}

/*
 * The JSON of columns [c0, c1), as jansson would dump it whole; with
 * starts, the index of n parts (matrix_json_index_write()): every column
 * from cols[1, n] (pieces; NULL: made here), and no cells.
 */
static int
json_write(const struct matrix *m, size_t c0, size_t c1,
    const size_t *starts, size_t n, char *const *cols,
    int (*put)(void *, const char *, size_t), void *arg)
{
	json_t *root = json_object(), *parts, *o, *cells;
	struct buf b;
	const char *tname;
	size_t i, j, p;
	char *s, name[64];
	int rc = 0;

	json_object_set_new(root, "as_of", jstr(m->as_of));
	/*
	 * The file name only: the path as given may be absolute, and the
	 * same input must give the same bytes wherever the checkout lives.
	 */
	tname = strrchr(m->tax->path, '/');
	json_object_set_new(root, "topics_file",
	    json_string(tname ? tname + 1 : m->tax->path));
	if (starts != NULL) {
		parts = json_array();
		for (p = 1; p <= n; p++) {
			snprintf(name, sizeof(name), "matrix-%zu.json", p);
			json_array_append_new(parts, json_string(name));
		}
		json_object_set_new(root, "parts", parts);
	}
	s = json_dumps(root, JSON_FLAGS);
	json_decref(root);
	buf_init(&b);
	/* s ends with "\n}"; the columns and rows follow as its members. */
	buf_put(&b, s, strlen(s) - 2);
	free(s);
	buf_puts(&b, ",\n \"columns\": ");
	buf_puts(&b, c1 > c0 ? "[" : "[]");
	for (p = 1; starts != NULL && p <= n; p++) {
		if (p > 1)
			buf_putc(&b, ',');
		if (cols != NULL)
			buf_puts(&b, cols[p]);
		else
			matrix_json_cols(&b, m, starts[p - 1], starts[p], p);
	}
	if (starts == NULL)
		matrix_json_cols(&b, m, c0, c1, 0);
	buf_puts(&b, c1 > c0 ? "\n ],\n \"rows\": [" : ",\n \"rows\": [");
	/*
	 * The rows are the bulk (a cell per topic and column): each is made
	 * and written on its own, so that one row's JSON objects are held at
	 * a time.
	 */
	for (i = 0; i < m->nrows; i++) {
		const struct mrow *rw = &m->rows[i];

		o = json_object();
		json_object_set_new(o, "topic", json_string(rw->topic->id));
		json_object_set_new(o, "ja", json_string(rw->topic->ja));
		json_object_set_new(o, "en", json_string(rw->topic->en));
		json_object_set_new(o, "value_type",
		    json_string(vtype_name(rw->topic->vtype)));
		json_object_set_new(o, "favours",
		    json_string(favour_name(rw->topic->favour)));
		json_object_set_new(o, "absent",
		    json_string(absence_name(rw->topic->absent)));
		json_object_set_new(o, "differs", json_boolean(rw->differs));
		if (starts == NULL) {
			cells = json_array();
			for (j = c0; j < c1; j++)
				json_array_append_new(cells,
				    json_cell(m, rw, j));
			json_object_set_new(o, "cells", cells);
		}
		if (i > 0)
			buf_putc(&b, ',');
		put_nested(&b, o);
		/* Out a row at a time: the file is never whole in memory. */
		if (rc == 0)
			rc = put(arg, b.data, b.len);
		buf_reset(&b);
	}
	buf_puts(&b, m->nrows > 0 ? "\n ]\n}\n" : "]\n}\n");
	if (rc == 0)
		rc = put(arg, b.data, b.len);
	buf_release(&b);
	return rc;
}

int
matrix_json_write(const struct matrix *m,
    int (*put)(void *, const char *, size_t), void *arg)
{
	return json_write(m, 0, m->ncols, NULL, 0, NULL, put, arg);
}

int
matrix_json_part_write(const struct matrix *m, size_t c0, size_t c1,
    int (*put)(void *, const char *, size_t), void *arg)
{
	return json_write(m, c0, c1, NULL, 0, NULL, put, arg);
}

int
matrix_json_index_write(const struct matrix *m, const size_t *starts,
    size_t n, char *const *cols, int (*put)(void *, const char *, size_t),
    void *arg)
{
	return json_write(m, 0, m->ncols, starts, n, cols, put, arg);
}

static int
put_buf(void *arg, const char *s, size_t len)
{
	buf_put(arg, s, len);
	return 0;
}

char *
matrix_json(const struct matrix *m, size_t *len)
{
	struct buf b;

	buf_init(&b);
	matrix_json_write(m, put_buf, &b);
	*len = b.len;
	return buf_detach(&b);
}
