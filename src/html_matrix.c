/*
 * The comparison matrix as a page: templates/matrix.html with its table
 * slot filled through libxml2.  Part of the libxml2 layer (see html.h).
 *
 * The page is complete without JavaScript: every value, link, excerpt,
 * the "differs" row class and the ★ of the most favourable value are in
 * the markup.  The template's own script (templates/matrix.js) only adds
 * filtering and sorting.  Terms text enters the tree only as text nodes;
 * hrefs are built from slugs and anchors that the parser made.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLtree.h>

#include "buf.h"
#include "doc.h"
#include "html.h"
#include "htmlkit.h"
#include "matrix.h"
#include "template.h"
#include "topics.h"
#include "value.h"
#include "version.h"
#include "xalloc.h"


static xmlNodePtr
span(xmlNodePtr parent, const char *cls, const char *s)
{
	xmlNodePtr e = hk_el(parent, "span", cls);

	hk_texts(e, s);
	return e;
}

static void
head_row(xmlNodePtr table, const struct matrix *m, const char *root)
{
	xmlNodePtr tr = hk_el(hk_el(table, "thead", NULL), "tr", NULL), th, a;
	struct buf href;
	size_t j;

	th = hk_el(tr, "th", NULL);
	xmlNewProp(th, X("scope"), X("col"));
	hk_texts(th, "項目");
	for (j = 0; j < m->ncols; j++) {
		const struct meta *mt = &m->cols[j].doc->meta;

		th = hk_el(tr, "th", NULL);
		xmlNewProp(th, X("scope"), X("col"));
		hk_texts(th, mt->provider_name);
		buf_init(&href);
		buf_printf(&href, "%s%s/%s/%s.html", root, mt->provider,
		    mt->document, mt->revision);
		a = hk_el(hk_el(th, "span", "doc"), "a", NULL);
		xmlNewProp(a, X("href"), X(href.data));
		hk_texts(a, mt->title);
		buf_release(&href);
		span(th, "rev", mt->revision);
	}
}

static void
cell(xmlNodePtr tr, const struct mrow *r, const struct cell *c,
    const char *root)
{
	static const char *const cls[] = { "absent", "novalue", "value" };
	xmlNodePtr td, refs, a, v;
	struct buf b;
	size_t k;
	char num[40], *label;

	buf_init(&b);
	buf_puts(&b, cls[c->state]);
	if (c->best)
		buf_puts(&b, " best");
	td = hk_el(tr, "td", b.data);
	buf_release(&b);
	if (c->state == CELL_VALUE && r->topic->vtype != VT_PRESENCE &&
	    r->topic->vtype != VT_COURT && r->topic->vtype != VT_LAW) {
		snprintf(num, sizeof(num), "%.6g", c->num);
		xmlNewProp(td, X("data-sort"), X(num));
	}
	label = c->state == CELL_VALUE ?
	    value_label(r->topic->vtype, c->value) : xstrdup(cell_text(c));
	v = span(td, "value", label);
	if (c->state == CELL_VALUE)
		xmlNewProp(v, X("title"), X(c->value));
	if (c->best) {
		xmlNodePtr s = span(td, "best-mark", "★");

		xmlNewProp(s, X("title"), X("契約者に最も有利"));
	}
	/* The text as written, where it says more than the label. */
	if (c->raw != NULL && strcmp(c->raw, label) != 0)
		span(td, "raw", c->raw);
	if (c->cond != NULL)
		span(td, "cond", c->cond);
	free(label);
	if (c->nrefs > 0) {
		refs = hk_el(td, "span", "clauses");
		for (k = 0; k < c->nrefs; k++) {
			if (k)
				hk_texts(refs, "、");
			buf_init(&b);
			buf_printf(&b, "%s%s", root, c->refs[k].href);
			a = hk_el(refs, "a", NULL);
			xmlNewProp(a, X("href"), X(b.data));
			hk_texts(a, c->refs[k].label);
			buf_release(&b);
		}
	}
	if (c->excerpt != NULL && *c->excerpt != '\0')
		span(td, "excerpt", c->excerpt);
}

char *
html_matrix(const char *tpldir, const struct matrix *m, const char *root,
    struct diags *d, size_t *len)
{
	struct tpl t;
	htmlDocPtr h;
	xmlNodePtr slot, table, tbody, tr, th;
	struct buf b;
	size_t i, j;
	char *out;

	if (tpl_load(&t, tpldir, "matrix.html", d) == -1)
		return NULL;
	h = tpl_instance(&t);
	if ((slot = tpl_slot(h, "as-of")) != NULL) {
		tpl_clear(slot);
		buf_init(&b);
		if (m->as_of != NULL)
			buf_printf(&b, "%s 時点で施行されている版", m->as_of);
		else
			buf_puts(&b, "各文書の最新版");
		hk_texts(slot, b.data);
		buf_release(&b);
	}
	if ((slot = tpl_slot(h, "footer")) != NULL) {
		tpl_clear(slot);
		hk_texts(slot, "termc " TERMC_VERSION);
	}
	if ((slot = tpl_slot(h, "table")) != NULL) {
		tpl_clear(slot);
		table = hk_el(slot, "table", "matrix");
		head_row(table, m, root);
		tbody = hk_el(table, "tbody", NULL);
		for (i = 0; i < m->nrows; i++) {
			const struct mrow *r = &m->rows[i];

			tr = hk_el(tbody, "tr", r->differs ? "differs" : NULL);
			xmlNewProp(tr, X("id"), X(r->topic->id));
			th = hk_el(tr, "th", NULL);
			xmlNewProp(th, X("scope"), X("row"));
			hk_texts(th, r->topic->ja);
			span(th, "en", r->topic->en);
			span(th, "vtype", vtype_name(r->topic->vtype));
			for (j = 0; j < m->ncols; j++)
				cell(tr, r, &r->cells[j], root);
		}
	}
	out = tpl_finish(h, root, "ja", len);
	xmlFreeDoc(h);
	tpl_release(&t);
	return out;
}
