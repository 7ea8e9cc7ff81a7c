/*
 * The comparison matrix as a page: templates/matrix.html with its table
 * slot written through the HTML writer (see html.h).
 *
 * The page is complete without JavaScript: every value, link, excerpt,
 * the "differs" row class and the ★ of the most favourable value are in
 * the markup.  The template's own script (templates/matrix.js) only adds
 * filtering and sorting.  Terms text is written only as escaped text;
 * hrefs are built from slugs and anchors that the parser made.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "doc.h"
#include "html.h"
#include "hwriter.h"
#include "matrix.h"
#include "search.h"
#include "template.h"
#include "topics.h"
#include "value.h"
#include "version.h"
#include "xalloc.h"

/*
 * The page's own words, in the language of the collection (html.h's
 * html_site_ja): Japanese keeps the template's text, English fills the
 * template's text slots from here.
 */
struct mwords {
	const char *topic, *best, *event_default, *event, *nav, *index,
	    *prev, *next, *page_of, *page_no, *index_lead, *as_of, *latest;
	int ja;
};

static const struct mwords ja_mwords = {
	"項目", "契約者に最も有利", "条項に記載がなく、項目の既定の起点",
	"起点: ", "比較表のページ", "事業者一覧", "← 前のページ",
	"次のページ →", "%zu / %zu ページ: ", "%zu ページ: ",
	"%zu 事業者・%zu 文書を %zu ページに分けて示します。"
	"事業者を選ぶと、そのページがその事業者の列だけを表示して開きます"
	"（表示する事業者はページで選び直し、他のページの事業者も加えられ"
	"ます）。", " 時点で施行されている版", "各文書の最新版", 1
};

static const struct mwords en_mwords = {
	"Topic", "Most favourable to the customer",
	"Not stated in the clause: the topic's usual starting point",
	"Counts from: ", "Pages of the matrix", "All providers",
	"← Previous page", "Next page →", "Page %zu of %zu: ", "Page %zu: ",
	"%zu providers and %zu documents, in %zu pages. Choose a provider "
	"to open its page showing its columns only (choose again on the "
	"page, and add providers of other pages there).",
	": the revisions in force on this date", "The latest revision of "
	"each document", 0
};

/* Column j's header cell: provider, document link, revision, supplements. */
static void
head_cell(struct hw *w, const struct matrix *m, size_t j, const char *root)
{
	const struct meta *mt = &m->cols[j].doc->meta;
	struct buf href;
	size_t k;

	hw_open(w, HW_TH, NULL);
	hw_attr(w, HA_SCOPE, "col");
	/* The column's name in a page URL (matrix.js: ?cols=). */
	buf_init(&href);
	buf_printf(&href, "%s/%s", mt->provider, mt->document);
	hw_attr(w, HA_DATA_COL, href.data);
	buf_release(&href);
	hw_texts(w, mt->provider_name);
	buf_init(&href);
	buf_printf(&href, "%s%s/%s/%s.html", root, mt->provider,
	    mt->document, mt->revision);
	hw_open(w, HW_SPAN, "doc");
	hw_link(w, href.data, NULL, mt->title);
	hw_close(w);
	buf_release(&href);
	hw_leaf(w, HW_SPAN, "rev", mt->revision);
	/* Supplements shown in this column, each a link. */
	for (k = 0; k < m->cols[j].nsupps; k++) {
		const struct meta *sm = &m->cols[j].supps[k]->meta;

		buf_init(&href);
		buf_printf(&href, "%s%s/%s/%s.html", root,
		    sm->provider, sm->document, sm->revision);
		hw_open(w, HW_SPAN, "supp");
		hw_link(w, href.data, NULL, sm->title);
		hw_close(w);
		buf_release(&href);
	}
	hw_close(w);
}

static void
head_row(struct hw *w, const struct matrix *m, size_t c0, size_t c1,
    const char *root, const struct mwords *wd)
{
	size_t j;

	hw_open(w, HW_THEAD, NULL);
	hw_open(w, HW_TR, NULL);
	hw_open(w, HW_TH, NULL);
	hw_attr(w, HA_SCOPE, "col");
	hw_texts(w, wd->topic);
	hw_close(w);
	for (j = c0; j < c1; j++)
		head_cell(w, m, j, root);
	hw_close(w);
	hw_close(w);
}

static void
cell(struct hw *w, const struct mrow *r, const struct cell *c,
    const char *root, const struct mwords *wd)
{
	static const char *const cls[] = { "absent", "novalue", "value" };
	struct buf b;
	size_t k;
	char num[40], *label;

	buf_init(&b);
	buf_puts(&b, cls[c->state]);
	if (c->best)
		buf_puts(&b, " best");
	hw_open(w, HW_TD, b.data);
	buf_release(&b);
	if (c->state == CELL_VALUE && r->topic->vtype != VT_PRESENCE &&
	    r->topic->vtype != VT_COURT && r->topic->vtype != VT_LAW) {
		snprintf(num, sizeof(num), "%.6g", c->num);
		hw_attr(w, HA_DATA_SORT, num);
	}
	label = cell_label(r, c, wd->ja);
	hw_open(w, HW_SPAN, "value");
	if (c->state == CELL_VALUE)
		hw_attr(w, HA_TITLE, c->value);
	hw_texts(w, label);
	hw_close(w);
	if (c->best) {
		hw_open(w, HW_SPAN, "best-mark");
		hw_attr(w, HA_TITLE, wd->best);
		hw_texts(w, "★");
		hw_close(w);
	}
	/* The text as written, where it says more than the label. */
	if (c->raw != NULL && strcmp(c->raw, label) != 0)
		hw_leaf(w, HW_SPAN, "raw", c->raw);
	if (c->event != NULL) {
		/* What the duration counts from; from the taxonomy: say so. */
		hw_open(w, HW_SPAN, "event");
		if (!c->event_said)
			hw_attr(w, HA_TITLE, wd->event_default);
		hw_texts(w, wd->event);
		hw_texts(w, c->event);
		hw_close(w);
	}
	if (c->cond != NULL)
		hw_leaf(w, HW_SPAN, "cond", c->cond);
	free(label);
	if (c->nrefs > 0) {
		hw_open(w, HW_SPAN, "clauses");
		for (k = 0; k < c->nrefs; k++) {
			if (k)
				hw_texts(w, wd->ja ? "、" : "; ");
			buf_init(&b);
			buf_printf(&b, "%s%s", root, c->refs[k].href);
			hw_link(w, b.data, NULL, c->refs[k].label);
			buf_release(&b);
		}
		hw_close(w);
	}
	if (c->excerpt != NULL && *c->excerpt != '\0')
		hw_leaf(w, HW_SPAN, "excerpt", c->excerpt);
	hw_close(w);
}

/* A matrix in pages: page no (from 1; 0 the index) of n. */
struct mpages {
	const size_t	*starts;	/* page i shows columns
					   [starts[i], starts[i + 1]) */
	size_t		 n, no;
};

/*
 * Where a streamed page goes: its bytes are handed to put a piece at a
 * time, so that no page is held whole (a matrix page grows with its
 * columns).  rc keeps put's first failure; later pieces are dropped.
 */
struct sink {
	int	(*put)(void *arg, const char *s, size_t len);
	void	*arg;
	int	 rc;
};

/* Hand what the writer's buffer holds to the sink, and empty it. */
static void
drain(struct sink *k, struct buf *out)
{
	if (k->rc == 0 && out->len > 0)
		k->rc = k->put(k->arg, out->data, out->len);
	out->len = 0;
}

/* Drain at this size: rows are written whole, pieces stay small. */
#define DRAIN_AT	65536

static void
table(struct hw *w, const struct matrix *m, size_t c0, size_t c1,
    const char *root, const struct mwords *wd, struct sink *k)
{
	size_t i, j;

	hw_open(w, HW_TABLE, "matrix");
	head_row(w, m, c0, c1, root, wd);
	hw_open(w, HW_TBODY, NULL);
	for (i = 0; i < m->nrows; i++) {
		const struct mrow *r = &m->rows[i];

		hw_open(w, HW_TR, r->differs ? "differs" : NULL);
		hw_attr(w, HA_ID, r->topic->id);
		hw_open(w, HW_TH, NULL);
		hw_attr(w, HA_SCOPE, "row");
		if (wd->ja) {
			hw_texts(w, r->topic->ja);
			hw_leaf(w, HW_SPAN, "en", r->topic->en);
		} else
			hw_texts(w, r->topic->en);
		hw_leaf(w, HW_SPAN, "vtype", vtype_name(r->topic->vtype));
		hw_close(w);
		for (j = c0; j < c1; j++)
			cell(w, r, &r->cells[j], root, wd);
		hw_close(w);
		if (w->out->len >= DRAIN_AT)
			drain(k, w->out);
	}
	hw_close(w);
	hw_close(w);
}

size_t
html_matrix_pages(const struct matrix *m, size_t maxcols, size_t **starts)
{
	size_t *s, n = 0, j, p, np;

	s = xcalloc(m->ncols + 2, sizeof(*s));
	s[n++] = 0;
	for (j = 0; j < m->ncols; j = p) {
		/* The provider's columns [j, p). */
		for (p = j + 1; p < m->ncols &&
		    strcmp(m->cols[p].doc->meta.provider,
		    m->cols[j].doc->meta.provider) == 0; p++)
			;
		np = p - j;
		if (j > s[n - 1] && j - s[n - 1] + np > maxcols)
			s[n++] = j;
		/* A provider larger than a page fills pages of its own. */
		while (np > maxcols) {
			j += maxcols;
			np -= maxcols;
			s[n++] = j;
		}
	}
	s[n] = m->ncols;
	*starts = s;
	return n;
}

/* "matrix-3.html": the name of page no (from 1) of a matrix in pages. */
static void
page_name(struct buf *b, const char *root, size_t no)
{
	buf_printf(b, "%smatrix-%zu.html", root, no);
}

/* "株式会社A – 株式会社B": the providers of columns [c0, c1). */
static void
page_span(struct hw *w, const struct matrix *m, size_t c0, size_t c1)
{
	const char *first = m->cols[c0].doc->meta.provider_name;
	const char *last = m->cols[c1 - 1].doc->meta.provider_name;

	hw_texts(w, first);
	if (strcmp(first, last) != 0) {
		hw_texts(w, " – ");
		hw_texts(w, last);
	}
}

/* A page's way to the others: the index, the page before and after. */
static void
page_nav(struct hw *w, const struct matrix *m, const struct mpages *pg,
    const char *root, const struct mwords *wd)
{
	struct buf b;
	char n[64];

	hw_open(w, HW_NAV, NULL);
	hw_attr(w, HA_ARIA_LABEL, wd->nav);
	buf_init(&b);
	buf_printf(&b, "%smatrix.html", root);
	hw_link(w, b.data, "up", wd->index);
	buf_reset(&b);
	if (pg->no > 1) {
		page_name(&b, root, pg->no - 1);
		hw_link(w, b.data, "prev", wd->prev);
		buf_reset(&b);
	}
	hw_open(w, HW_SPAN, "here");
	snprintf(n, sizeof(n), wd->page_of, pg->no, pg->n);
	hw_texts(w, n);
	page_span(w, m, pg->starts[pg->no - 1], pg->starts[pg->no]);
	hw_close(w);
	if (pg->no < pg->n) {
		page_name(&b, root, pg->no + 1);
		hw_link(w, b.data, "next", wd->next);
	}
	buf_release(&b);
	hw_close(w);
}

/*
 * The index of a matrix in pages: each page with its providers, each
 * provider a link to its page showing its columns only (matrix.js's
 * ?cols=).  Written in place of the table on matrix.html.
 */
static void
page_index(struct hw *w, const struct matrix *m, const struct mpages *pg,
    const char *root, const struct mwords *wd, struct sink *k)
{
	struct buf b;
	size_t i, j, p, nprov = 0;
	char n[64];

	for (j = 0; j < m->ncols; j++)
		if (j == 0 || strcmp(m->cols[j].doc->meta.provider,
		    m->cols[j - 1].doc->meta.provider) != 0)
			nprov++;
	hw_open(w, HW_NAV, "matrix-index");
	hw_attr(w, HA_ARIA_LABEL, wd->index);
	buf_init(&b);
	buf_printf(&b, wd->index_lead, nprov, m->ncols, pg->n);
	hw_leaf(w, HW_P, NULL, b.data);
	hw_open(w, HW_OL, NULL);
	for (i = 0; i < pg->n; i++) {
		hw_open(w, HW_LI, NULL);
		buf_reset(&b);
		page_name(&b, root, i + 1);
		hw_open(w, HW_A, "page");
		hw_attr(w, HA_HREF, b.data);
		snprintf(n, sizeof(n), wd->page_no, i + 1);
		hw_texts(w, n);
		page_span(w, m, pg->starts[i], pg->starts[i + 1]);
		hw_close(w);
		hw_open(w, HW_UL, NULL);
		for (j = pg->starts[i]; j < pg->starts[i + 1]; j = p) {
			const struct meta *mt = &m->cols[j].doc->meta;

			buf_reset(&b);
			page_name(&b, root, i + 1);
			buf_puts(&b, "?cols=");
			for (p = j; p < pg->starts[i + 1] && strcmp(
			    m->cols[p].doc->meta.provider, mt->provider) == 0;
			    p++)
				buf_printf(&b, "%s%s", p > j ? "," : "",
				    m->cols[p].name);
			hw_open(w, HW_LI, NULL);
			hw_link(w, b.data, NULL, mt->provider_name);
			hw_close(w);
		}
		hw_close(w);
		hw_close(w);
		if (w->out->len >= DRAIN_AT)
			drain(k, w->out);
	}
	buf_release(&b);
	hw_close(w);
	hw_close(w);
}

struct matrix_fill {
	const struct matrix	*m;
	const char		*root;
	const struct mwords	*wd;
	const struct mpages	*pg;	/* NULL: the one page */
	size_t			 page;	/* of pg: 0 the index, else a page */
	struct sink		*k;	/* where the bytes go */
};

/*
 * The template's own text in English (a Japanese page keeps the
 * template's): returns 1 when slot is one of them.
 */
static int
english_slot(const char *slot, struct hw *w)
{
	if (strcmp(slot, "title") == 0 || strcmp(slot, "heading") == 0)
		hw_texts(w, "Terms compared");
	else if (strcmp(slot, "home") == 0)
		hw_texts(w, "All terms");
	else if (strcmp(slot, "lead") == 0)
		hw_texts(w, "Each provider's terms topic by topic: the value "
		    "read from each clause, and a link to the clause.");
	else if (strcmp(slot, "legend") == 0) {
		hw_open(w, HW_LI, NULL);
		hw_leaf(w, HW_SPAN, "best-mark", "★");
		hw_texts(w, " the value most favourable to the customer");
		hw_close(w);
		hw_open(w, HW_LI, NULL);
		hw_leaf(w, HW_SPAN, "swatch differs", "");
		hw_texts(w, " a topic on which the providers differ");
		hw_close(w);
		hw_open(w, HW_LI, NULL);
		hw_leaf(w, HW_SPAN, "absent", "No clause");
		hw_texts(w, " no clause on the topic / ");
		hw_leaf(w, HW_SPAN, "novalue", "Clause, no value");
		hw_texts(w, " a clause whose value could not be read");
		hw_close(w);
	} else if (strcmp(slot, "csv") == 0)
		hw_texts(w, "CSV (for spreadsheets)");
	else if (strcmp(slot, "json") == 0)
		hw_texts(w, "JSON (for programs)");
	else
		return 0;
	return 1;
}

static int
matrix_slot(void *arg, const char *slot, struct hw *w)
{
	const struct matrix_fill *f = arg;
	const struct mpages *pg = f->pg;

	if (strcmp(slot, "table") == 0) {
		if (pg == NULL)
			table(w, f->m, 0, f->m->ncols, f->root, f->wd, f->k);
		else if (f->page > 0)
			table(w, f->m, pg->starts[f->page - 1],
			    pg->starts[f->page], f->root, f->wd, f->k);
	} else if (strcmp(slot, "pages") == 0) {
		if (pg == NULL)
			return 0;
		if (f->page == 0)
			page_index(w, f->m, pg, f->root, f->wd, f->k);
		else
			page_nav(w, f->m, pg, f->root, f->wd);
	} else if (strcmp(slot, "as-of") == 0) {
		if (f->m->as_of != NULL) {
			hw_texts(w, f->m->as_of);
			hw_texts(w, f->wd->as_of);
		} else
			hw_texts(w, f->wd->latest);
	} else if (strcmp(slot, "footer") == 0)
		hw_texts(w, "termc " TERMC_VERSION);
	else
		return !f->wd->ja && english_slot(slot, w);
	return 1;
}

/*
 * The data of a matrix in pages for matrix.js, which puts columns of
 * other pages beside a page's own when the page's ?cols= names them:
 *
 *   matrix-cols.js  TERMC_MATRIX_COLS = [[name, provider, title, page], …]
 *   matrix-K.js     TERMC_MATRIX[K] = [[name, th, [td, …]], …]
 *
 * th and td are the markup the pages hold (head_cell(), cell(): every
 * text and URL through the writer), as JavaScript strings; the tds in
 * the rows' order.  Like the search's scripts, they load from file://.
 */
static void
js_cols(struct buf *out, const struct matrix *m, const struct mpages *pg,
    struct sink *k)
{
	size_t i, j;

	buf_puts(out, "var TERMC_MATRIX_COLS = [");
	for (i = 0; i < pg->n; i++)
		for (j = pg->starts[i]; j < pg->starts[i + 1]; j++) {
			const struct meta *mt = &m->cols[j].doc->meta;

			buf_puts(out, j > 0 ? ",\n[" : "\n[");
			js_string(out, m->cols[j].name,
			    strlen(m->cols[j].name));
			buf_putc(out, ',');
			js_string(out, mt->provider_name,
			    strlen(mt->provider_name));
			buf_putc(out, ',');
			js_string(out, mt->title, strlen(mt->title));
			buf_printf(out, ",%zu]", i + 1);
			if (out->len >= DRAIN_AT)
				drain(k, out);
		}
	buf_puts(out, "\n];\n");
}

static void
js_page(struct buf *out, const struct matrix *m, const struct mpages *pg,
    const struct mwords *wd, struct sink *k)
{
	struct buf h;
	struct hw w;
	size_t i, j, c0 = pg->starts[pg->no - 1], c1 = pg->starts[pg->no];

	buf_init(&h);
	buf_printf(out, "var TERMC_MATRIX = window.TERMC_MATRIX || {};\n"
	    "TERMC_MATRIX[%zu] = [", pg->no);
	for (j = c0; j < c1; j++) {
		buf_puts(out, j > c0 ? ",\n[" : "\n[");
		js_string(out, m->cols[j].name, strlen(m->cols[j].name));
		buf_putc(out, ',');
		hw_init(&w, &h);
		head_cell(&w, m, j, "");
		hw_finish(&w);
		js_string(out, h.data, h.len);
		buf_puts(out, ",[");
		for (i = 0; i < m->nrows; i++) {
			buf_reset(&h);
			hw_init(&w, &h);
			cell(&w, &m->rows[i], &m->rows[i].cells[j], "", wd);
			hw_finish(&w);
			if (i > 0)
				buf_putc(out, ',');
			js_string(out, h.data, h.len);
			if (out->len >= DRAIN_AT)
				drain(k, out);
		}
		buf_reset(&h);
		buf_puts(out, "]]");
	}
	buf_puts(out, "\n];\n");
	buf_release(&h);
}

/* Stream file name (of page no) through ps, made by fill (see below). */
static int
put_file(const struct page_sink *ps, struct sink *k, const char *name,
    size_t no, struct buf *out, void (*fill)(void *, struct buf *),
    void *arg)
{
	k->put = ps->put;
	k->arg = ps->arg;
	k->rc = 0;
	if (ps->open(ps->arg, name, no) == -1)
		return -1;
	fill(arg, out);
	drain(k, out);
	if (ps->close(ps->arg, k->rc) == -1 || k->rc != 0)
		return -1;
	return 0;
}

/* What fills a file: the page's template, or its data for matrix.js. */
struct filler {
	const struct tpl	*t;
	struct matrix_fill	*f;
	struct mpages		*pg;
};

static void
fill_page(void *arg, struct buf *out)
{
	struct filler *fl = arg;

	tpl_write(fl->t, out, "", fl->f->wd->ja ? "ja" : "en", matrix_slot,
	    fl->f);
}

static void
fill_js(void *arg, struct buf *out)
{
	struct filler *fl = arg;

	if (fl->pg->no == 0)
		js_cols(out, fl->f->m, fl->pg, fl->f->k);
	else
		js_page(out, fl->f->m, fl->pg, fl->f->wd, fl->f->k);
}

int
html_matrix_write(const char *tpldir, const struct matrix *m,
    size_t maxcols, int ja, const unsigned char *want,
    const struct page_sink *ps, struct diags *d)
{
	struct matrix_fill f = { m, "", ja ? &ja_mwords : &en_mwords,
	    NULL, 0, NULL };
	struct filler fl;
	struct mpages pg;
	struct sink k;
	struct tpl t;
	struct buf out, name;
	size_t *starts, i;
	int rc = 0;

	if (tpl_load(&t, tpldir, "matrix.html", d) == -1)
		return -1;
	pg.n = html_matrix_pages(m, maxcols, &starts);
	pg.starts = starts;
	f.pg = pg.n > 1 ? &pg : NULL;
	f.k = &k;
	fl.t = &t;
	fl.f = &f;
	fl.pg = &pg;
	buf_init(&out);
	buf_init(&name);
	/*
	 * One page: matrix.html, the table whole.  Else an index and pages,
	 * and for matrix.js the list of columns and each page's cells.
	 */
	for (i = 0; i <= (pg.n > 1 ? pg.n : 0) && rc == 0; i++) {
		if (want != NULL && !want[i])
			continue;
		f.page = pg.no = i;
		buf_reset(&name);
		if (i == 0)
			buf_puts(&name, "matrix.html");
		else
			page_name(&name, "", i);
		rc = put_file(ps, &k, name.data, i, &out, fill_page, &fl);
		if (pg.n == 1 || rc == -1)
			break;
		buf_reset(&name);
		if (i == 0)
			buf_puts(&name, "matrix-cols.js");
		else
			buf_printf(&name, "matrix-%zu.js", i);
		rc = put_file(ps, &k, name.data, i, &out, fill_js, &fl);
	}
	buf_release(&name);
	buf_release(&out);
	free(starts);
	tpl_release(&t);
	return rc;
}
