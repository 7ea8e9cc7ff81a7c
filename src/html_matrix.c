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
#include "template.h"
#include "topics.h"
#include "value.h"
#include "version.h"
#include "xalloc.h"

static void
head_row(struct hw *w, const struct matrix *m, const char *root)
{
	struct buf href;
	size_t j, k;

	hw_open(w, HW_THEAD, NULL);
	hw_open(w, HW_TR, NULL);
	hw_open(w, HW_TH, NULL);
	hw_attr(w, HA_SCOPE, "col");
	hw_texts(w, "項目");
	hw_close(w);
	for (j = 0; j < m->ncols; j++) {
		const struct meta *mt = &m->cols[j].doc->meta;

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
	hw_close(w);
	hw_close(w);
}

static void
cell(struct hw *w, const struct mrow *r, const struct cell *c,
    const char *root)
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
	label = cell_label(r, c);
	hw_open(w, HW_SPAN, "value");
	if (c->state == CELL_VALUE)
		hw_attr(w, HA_TITLE, c->value);
	hw_texts(w, label);
	hw_close(w);
	if (c->best) {
		hw_open(w, HW_SPAN, "best-mark");
		hw_attr(w, HA_TITLE, "契約者に最も有利");
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
			hw_attr(w, HA_TITLE, "条項に記載がなく、項目の既定の起点");
		hw_texts(w, "起点: ");
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
				hw_texts(w, "、");
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

static void
table(struct hw *w, const struct matrix *m, const char *root)
{
	size_t i, j;

	hw_open(w, HW_TABLE, "matrix");
	head_row(w, m, root);
	hw_open(w, HW_TBODY, NULL);
	for (i = 0; i < m->nrows; i++) {
		const struct mrow *r = &m->rows[i];

		hw_open(w, HW_TR, r->differs ? "differs" : NULL);
		hw_attr(w, HA_ID, r->topic->id);
		hw_open(w, HW_TH, NULL);
		hw_attr(w, HA_SCOPE, "row");
		hw_texts(w, r->topic->ja);
		hw_leaf(w, HW_SPAN, "en", r->topic->en);
		hw_leaf(w, HW_SPAN, "vtype", vtype_name(r->topic->vtype));
		hw_close(w);
		for (j = 0; j < m->ncols; j++)
			cell(w, r, &r->cells[j], root);
		hw_close(w);
	}
	hw_close(w);
	hw_close(w);
}

struct matrix_fill {
	const struct matrix	*m;
	const char		*root;
};

static int
matrix_slot(void *arg, const char *slot, struct hw *w)
{
	const struct matrix_fill *f = arg;

	if (strcmp(slot, "table") == 0)
		table(w, f->m, f->root);
	else if (strcmp(slot, "as-of") == 0) {
		if (f->m->as_of != NULL) {
			hw_texts(w, f->m->as_of);
			hw_texts(w, " 時点で施行されている版");
		} else
			hw_texts(w, "各文書の最新版");
	} else if (strcmp(slot, "footer") == 0)
		hw_texts(w, "termc " TERMC_VERSION);
	else
		return 0;
	return 1;
}

char *
html_matrix(const char *tpldir, const struct matrix *m, const char *root,
    struct diags *d, size_t *len)
{
	struct matrix_fill f = { m, root };
	struct tpl t;
	struct buf out;

	if (tpl_load(&t, tpldir, "matrix.html", d) == -1)
		return NULL;
	buf_init(&out);
	tpl_write(&t, &out, root, "ja", matrix_slot, &f);
	tpl_release(&t);
	*len = out.len;
	return buf_detach(&out);
}
