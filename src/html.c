/*
 * The clause tree as HTML: one renderer per node type (a table, as
 * mandoc's mdoc_html.c), each returning the element its children go into.
 * Text never becomes markup: it enters the tree as text nodes, and links
 * carry only URLs that lower.c has already checked.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


#include "buf.h"
#include "clause.h"
#include "doc.h"
#include "html.h"
#include "htmlkit.h"
#include "template.h"
#include "version.h"
#include "xalloc.h"


/* UI words by language: Japanese, or English for everything else. */
struct words {
	const char *toc, *provider, *document, *revision, *docnum, *changes,
	    *history, *date, *note, *revisions, *latest, *index, *permalink,
	    *current, *related;
};

static const struct words ja_words = {
	"目次", "事業者", "文書", "施行日", "文書番号", "今回の変更",
	"改定履歴", "日付", "内容", "他の版", "最新", "約款一覧",
	"この箇所へのリンク", "この版", "関連ページ"
};
static const struct words en_words = {
	"Contents", "Provider", "Document", "Effective", "Document number",
	"Changes in this revision", "Revision history", "Date", "Note",
	"Other revisions", "latest", "All terms", "Link to this clause",
	"this revision", "Related pages"
};

static const struct words *
words_for(const char *lang)
{
	return lang && strncmp(lang, "ja", 2) == 0 ? &ja_words : &en_words;
}

struct templates *
templates_load(const char *dir, int which, struct diags *d)
{
	struct templates *t = xcalloc(1, sizeof(*t));

	if (((which & TPL_PAGES) &&
	    (tpl_load(&t->page, dir, "page.html", d) == -1 ||
	    tpl_load(&t->index, dir, "index.html", d) == -1)) ||
	    ((which & TPL_DIFF) &&
	    tpl_load(&t->diff, dir, "diff.html", d) == -1)) {
		templates_free(t);
		return NULL;
	}
	return t;
}

void
templates_free(struct templates *t)
{
	if (t == NULL)
		return;
	tpl_release(&t->page);
	tpl_release(&t->index);
	tpl_release(&t->diff);
	free(t);
}

/* ---- small builders ---- */

/* <a href="#id">, whatever the id's length. */
static xmlNodePtr
link_to(xmlNodePtr parent, const char *id, const char *cls, const char *label)
{
	struct buf href;
	xmlNodePtr a;

	buf_init(&href);
	buf_putc(&href, '#');
	buf_puts(&href, id);
	a = hk_link(parent, href.data, cls, label);
	buf_release(&href);
	return a;
}

static void
anchor_link(xmlNodePtr parent, const char *id, const char *cls,
    const char *label, const char *title)
{
	xmlNodePtr a;

	a = link_to(parent, id, cls, label);
	if (title != NULL)
		xmlNewProp(a, X("title"), X(title));
}

/* A node's text with its spans: links, emphasis, code, cross references. */
static void
rich(xmlNodePtr parent, const struct node *n)
{
	const char *s = n->text;
	size_t at = 0, i, len;
	const struct span *sp;
	xmlNodePtr e;

	if (s == NULL)
		return;
	len = strlen(s);
	for (i = 0; i < n->nspans; i++) {
		sp = &n->spans[i];
		if (sp->off < at || sp->off + sp->len > len)
			continue;	/* overlapping or stale: text only */
		hk_lines(parent, s + at, sp->off - at);
		switch (sp->kind) {
		case SPAN_LINK:
			e = hk_link(parent, sp->href ? sp->href : "#", NULL, NULL);
			break;
		case SPAN_EMPH:
			e = hk_el(parent, "em", NULL);
			break;
		case SPAN_STRONG:
			e = hk_el(parent, "strong", NULL);
			break;
		case SPAN_CODE:
			e = hk_el(parent, "code", NULL);
			break;
		case SPAN_XREF:
		default:
			if (sp->target == NULL || sp->target->id == NULL) {
				e = hk_el(parent, "span", sp->xflags &
				    XREF_EXTERNAL ? "xref-external" :
				    "xref-unresolved");
				break;
			}
			e = link_to(parent, sp->target->id, "xref", NULL);
			{
				/* Tooltip: the target's article caption. */
				const struct node *t = sp->target;

				while (t && t->type != N_ARTICLE && t->parent)
					t = t->parent;
				if (t && t->caption)
					xmlNewProp(e, X("title"),
					    X(t->caption));
			}
			break;
		}
		hk_lines(e, s + sp->off, sp->len);
		at = sp->off + sp->len;
	}
	hk_lines(parent, s + at, len - at);
}

/* ---- renderers, one per node type ---- */

struct rctx {
	const struct words	*w;
};

/*
 * A block element of the body, on a line of its own: the body is written
 * without the serializer's formatting (which would break lines between
 * the inline parts of a heading), so the line break is a text node.
 */
static xmlNodePtr
block(xmlNodePtr parent, const char *name, const char *cls)
{
	hk_text(parent, "\n", 1);
	return hk_el(parent, name, cls);
}

static int
heading_level(const struct node *n)
{
	int level = 2;
	const struct node *p;

	for (p = n->parent; p != NULL; p = p->parent)
		if (p->type == N_DIVISION)
			level++;
	return level > 6 ? 6 : level;
}

static void
heading_title(xmlNodePtr h, const struct node *n)
{
	if (n->label != NULL)
		hk_texts(hk_el(h, "span", "label"), n->label);
	if (n->caption != NULL) {
		xmlNodePtr c = hk_el(h, "span", "caption");

		if (n->type == N_ARTICLE) {
			hk_texts(c, "（");
			hk_texts(c, n->caption);
			hk_texts(c, "）");
		} else
			hk_texts(c, n->caption);
	}
}

/* A <section> with its heading and a permalink marked mark. */
static xmlNodePtr
section(xmlNodePtr parent, const struct node *n, const char *cls,
    const char *mark, const struct rctx *rc)
{
	char hn[16];
	xmlNodePtr s, h;

	s = block(parent, "section", cls);
	xmlNewProp(s, X("id"), X(n->id));
	snprintf(hn, sizeof(hn), "h%d", heading_level(n));
	h = block(s, hn, NULL);
	heading_title(h, n);
	anchor_link(h, n->id, "permalink", mark, rc->w->permalink);
	return s;
}

static xmlNodePtr
r_division(xmlNodePtr parent, const struct node *n, struct rctx *rc)
{
	char cls[64];

	snprintf(cls, sizeof(cls), "division %s", divkind_name(n->divkind));
	return section(parent, n, cls, "#", rc);
}

static xmlNodePtr
r_article(xmlNodePtr parent, const struct node *n, struct rctx *rc)
{
	return section(parent, n, "article", "¶", rc);
}

/*
 * The number as a link to the clause itself, or a ¶ after the text when
 * none is written.  No title attribute here: there are tens of thousands
 * of these in a large document, and the number says what it links to.
 */
static void
number(xmlNodePtr p, const struct node *n)
{
	if (n->label != NULL)
		anchor_link(p, n->id, "num", n->label, NULL);
}

static void
trailing_permalink(xmlNodePtr p, const struct node *n)
{
	if (n->label == NULL)
		anchor_link(p, n->id, "permalink", "¶", NULL);
}

/*
 * A paragraph is a <p class="paragraph">; one with items or tables is a
 * <div class="paragraph"> holding its <p> and them.
 */
static xmlNodePtr
r_paragraph(xmlNodePtr parent, const struct node *n, struct rctx *rc)
{
	xmlNodePtr div, p;

	(void)rc;
	if (n->first == NULL) {
		div = p = block(parent, "p", "paragraph");
	} else {
		div = block(parent, "div", "paragraph");
		p = block(div, "p", NULL);
	}
	xmlNewProp(div, X("id"), X(n->id));
	number(p, n);
	rich(p, n);
	trailing_permalink(p, n);
	return div;
}

/* Items and sub-items share one <ol> per run of siblings. */
static xmlNodePtr
list_for(xmlNodePtr parent, const char *cls)
{
	xmlNodePtr last = xmlGetLastChild(parent);
	xmlChar *c;

	if (last != NULL && last->type == XML_ELEMENT_NODE &&
	    xmlStrcmp(last->name, X("ol")) == 0 &&
	    (c = xmlGetProp(last, X("class"))) != NULL) {
		int same = strcmp((char *)c, cls) == 0;

		xmlFree(c);
		if (same)
			return last;
	}
	return block(parent, "ol", cls);
}

static xmlNodePtr
r_item(xmlNodePtr parent, const struct node *n, struct rctx *rc)
{
	xmlNodePtr li;

	(void)rc;
	li = block(list_for(parent, n->type == N_ITEM ? "items" : "subitems"),
	    "li", NULL);
	xmlNewProp(li, X("id"), X(n->id));
	number(li, n);
	rich(li, n);
	trailing_permalink(li, n);
	return li;
}

static xmlNodePtr
r_table(xmlNodePtr parent, const struct node *n, struct rctx *rc)
{
	const struct table *t = n->table;
	xmlNodePtr wrap, tbl, sec, tr, cell;
	char cls[8];
	size_t r, c;

	(void)rc;
	wrap = block(parent, "div", "table-wrap");
	tbl = hk_el(wrap, "table", NULL);
	xmlNewProp(tbl, X("id"), X(n->id));
	for (r = 0; r < t->nrows; r++) {
		if (r == 0)
			sec = hk_el(tbl, "thead", NULL);
		else if (r == 1)
			sec = hk_el(tbl, "tbody", NULL);
		tr = block(sec, "tr", NULL);
		for (c = 0; c < t->ncols; c++) {
			cls[0] = '\0';
			if (t->align[c] == 'r' || t->align[c] == 'c')
				snprintf(cls, sizeof(cls), "al-%c",
				    t->align[c]);
			cell = hk_el(tr, r == 0 ? "th" : "td",
			    cls[0] ? cls : NULL);
			hk_lines(cell, t->cells[r * t->ncols + c],
			    strlen(t->cells[r * t->ncols + c]));
		}
	}
	return NULL;	/* tables have no children */
}

typedef xmlNodePtr (*renderer)(xmlNodePtr, const struct node *,
    struct rctx *);

static const renderer renderers[N__MAX] = {
	NULL,		/* N_DOCUMENT */
	r_division,
	r_article,
	r_paragraph,
	r_item,		/* N_ITEM */
	r_item,		/* N_SUBITEM */
	r_table
};

/*
 * Render top and its subtree under parent.  Iterative, with an explicit
 * stack of output containers (depth is bounded by the parser's limits).
 */
static void
render_subtree(xmlNodePtr parent, const struct node *top, struct rctx *rc)
{
	struct iter it;
	xmlNodePtr stack[64];
	int sp = 0;
	enum iter_event ev;
	struct node *n;
	xmlNodePtr out;

	stack[sp] = parent;
	iter_init(&it, (struct node *)top);
	while ((ev = iter_next(&it)) != ITER_DONE) {
		n = it.cur;
		if (ev == ITER_ENTER) {
			out = renderers[n->type](stack[sp], n, rc);
			if (out == NULL)
				out = stack[sp];
			if (sp + 1 < 64)
				stack[++sp] = out;
		} else if (sp > 0)
			sp--;
	}
}

/* ---- table of contents ---- */

static void
toc(xmlNodePtr parent, const struct node *root)
{
	struct iter it;
	xmlNodePtr stack[32], li, ol;
	int sp = 0;
	enum iter_event ev;
	struct node *n;
	struct buf b;

	stack[0] = hk_el(parent, "ol", NULL);
	iter_init(&it, (struct node *)root);
	while ((ev = iter_next(&it)) != ITER_DONE) {
		n = it.cur;
		if (n->type != N_DIVISION && n->type != N_ARTICLE)
			continue;
		if (ev == ITER_EXIT) {
			if (n->type != N_DIVISION || sp == 0)
				continue;
			/* A division without articles lists nothing. */
			if (stack[sp]->children == NULL) {
				xmlUnlinkNode(stack[sp]);
				xmlFreeNode(stack[sp]);
			}
			sp--;
			continue;
		}
		li = hk_el(stack[sp], "li", NULL);
		buf_init(&b);
		if (n->label)
			buf_puts(&b, n->label);
		if (n->caption) {
			if (n->type == N_ARTICLE)
				buf_printf(&b, "（%s）", n->caption);
			else
				buf_printf(&b, "%s%s", n->label ? " " : "",
				    n->caption);
		}
		anchor_link(li, n->id, NULL, b.data, NULL);
		buf_release(&b);
		if (n->type == N_DIVISION && sp + 1 < 32) {
			ol = hk_el(li, "ol", NULL);
			stack[++sp] = ol;
		}
	}
}

/* ---- pages ---- */

static void
fill_text(htmlDocPtr doc, const char *slot, const char *s)
{
	xmlNodePtr n = tpl_slot(doc, slot);

	if (n == NULL)
		return;
	tpl_clear(n);
	if (s != NULL)
		hk_texts(n, s);
}

static void
meta_list(xmlNodePtr slot, const struct doc *doc, const struct page_ctx *pc,
    const struct words *w)
{
	const struct meta *m = &doc->meta;
	xmlNodePtr dl = hk_el(slot, "dl", "meta"), dd, ul, li;
	struct buf b;
	size_t i;

	hk_texts(hk_el(dl, "dt", NULL), w->provider);
	hk_texts(hk_el(dl, "dd", NULL), m->provider_name);
	hk_texts(hk_el(dl, "dt", NULL), w->revision);
	dd = hk_el(dl, "dd", NULL);
	xmlNewProp(hk_el(dd, "time", NULL), X("datetime"), X(m->revision));
	hk_texts(dd->children, m->revision);
	if (m->document_number) {
		hk_texts(hk_el(dl, "dt", NULL), w->docnum);
		hk_texts(hk_el(dl, "dd", NULL), m->document_number);
	}
	if (m->nchanges) {
		hk_texts(hk_el(dl, "dt", NULL), w->changes);
		ul = hk_el(hk_el(dl, "dd", NULL), "ul", "changes");
		for (i = 0; i < m->nchanges; i++)
			hk_texts(hk_el(ul, "li", NULL), m->changes[i]);
	}
	if (pc->nrevisions > 1) {
		hk_texts(hk_el(dl, "dt", NULL), w->revisions);
		ul = hk_el(hk_el(dl, "dd", NULL), "ul", "revisions");
		for (i = pc->nrevisions; i-- > 0;) {
			const struct doc *r = pc->revisions[i];

			li = hk_el(ul, "li", NULL);
			if (r == doc) {
				hk_texts(hk_el(li, "strong", NULL),
				    r->meta.revision);
				hk_texts(li, "（");
				hk_texts(li, w->current);
				hk_texts(li, "）");
				continue;
			}
			buf_init(&b);
			buf_printf(&b, "%s.html", r->meta.revision);
			hk_link(li, b.data, NULL, r->meta.revision);
			buf_release(&b);
		}
	}
	if (pc->nlinks) {
		hk_texts(hk_el(dl, "dt", NULL), w->related);
		ul = hk_el(hk_el(dl, "dd", NULL), "ul", "related");
		for (i = 0; i < pc->nlinks; i++)
			hk_link(hk_el(ul, "li", NULL), pc->links[i].href, NULL,
			    pc->links[i].label);
	}
}

static void
history_table(xmlNodePtr slot, const struct doc *doc, const struct words *w)
{
	const struct meta *m = &doc->meta;
	xmlNodePtr table, tr;
	size_t i;

	if (m->nhistory == 0)
		return;
	hk_texts(hk_el(slot, "h2", NULL), w->history);
	table = hk_el(hk_el(slot, "div", "table-wrap"), "table", NULL);
	tr = hk_el(hk_el(table, "thead", NULL), "tr", NULL);
	hk_texts(hk_el(tr, "th", NULL), w->date);
	hk_texts(hk_el(tr, "th", NULL), w->note);
	table = hk_el(table, "tbody", NULL);
	for (i = 0; i < m->nhistory; i++) {
		tr = hk_el(table, "tr", NULL);
		hk_texts(hk_el(tr, "td", NULL), m->history[i].date);
		hk_texts(hk_el(tr, "td", NULL), m->history[i].note);
	}
}

/*
 * The body is streamed: the template is filled with a marker comment in
 * the body slot and serialized; then each top-level clause is built as
 * its own small tree, serialized in place of the marker and freed.  Peak
 * memory is one top-level division's tree, not the whole page's.
 */
#define BODY_MARKER	"termc-body-d41d8cd9"

char *
html_page(const struct templates *t, const struct doc *doc,
    const struct page_ctx *pc, size_t *len)
{
	const struct words *w = words_for(doc->meta.lang);
	htmlDocPtr h = tpl_instance(&t->page);
	struct rctx rc = { w };
	const struct node *top;
	xmlNodePtr slot, scratch;
	xmlDocPtr sd;
	xmlSaveCtxtPtr save;
	struct buf title, out;
	char *page, *mark;
	size_t plen, mlen = strlen("<!--" BODY_MARKER "-->");

	buf_init(&title);
	buf_printf(&title, "%s — %s（%s）", doc->meta.title,
	    doc->meta.provider_name, doc->meta.revision);
	fill_text(h, "title", title.data);
	buf_release(&title);
	fill_text(h, "home", w->index);
	fill_text(h, "toc-heading", w->toc);
	fill_text(h, "provider", doc->meta.provider_name);
	fill_text(h, "doc-title", doc->meta.title);
	fill_text(h, "footer", "termc " TERMC_VERSION);
	if ((slot = tpl_slot(h, "meta")) != NULL) {
		tpl_clear(slot);
		meta_list(slot, doc, pc, w);
	}
	if ((slot = tpl_slot(h, "history")) != NULL) {
		tpl_clear(slot);
		history_table(slot, doc, w);
	}
	if ((slot = tpl_slot(h, "body")) != NULL) {
		tpl_clear(slot);
		xmlAddChild(slot, xmlNewComment(X(BODY_MARKER)));
	}
	/* Last: the table of contents is the largest filled slot. */
	if ((slot = tpl_slot(h, "toc")) != NULL) {
		tpl_clear(slot);
		toc(slot, doc->root);
	}
	page = tpl_finish(h, pc->root, doc->meta.lang, &plen);
	buf_init(&out);
	buf_grow(&out, 2 * plen + 4096);
	mark = strstr(page, "<!--" BODY_MARKER "-->");
	if (mark == NULL) {
		/* A template without a body slot: nothing to stream into. */
		buf_put(&out, page, plen);
	} else {
		buf_put(&out, page, (size_t)(mark - page));
		sd = hk_scratch_doc();
		save = hk_save_to(&out);
		for (top = doc->root->first; top != NULL; top = top->next) {
			scratch = xmlNewDocNode(sd, NULL, X("div"), NULL);
			render_subtree(scratch, top, &rc);
			for (slot = scratch->children; slot; slot = slot->next)
				xmlSaveTree(save, slot);
			xmlFreeNode(scratch);
		}
		xmlSaveClose(save);
		xmlFreeDoc(sd);
		buf_put(&out, mark + mlen, plen - (size_t)(mark - page) - mlen);
	}
	free(page);
	xmlFreeDoc(h);
	*len = out.len;
	return buf_detach(&out);
}

/* ---- index ---- */

char *
html_index(const struct templates *t, const struct corpus *c,
    const struct page_link *extras, size_t nextras, size_t *len)
{
	htmlDocPtr h = tpl_instance(&t->index);
	xmlNodePtr slot, prov = NULL, ul = NULL, li, sec;
	const struct doc *d, *prev = NULL;
	struct buf b;
	size_t i, j, end;
	char *out;

	fill_text(h, "footer", "termc " TERMC_VERSION);
	if ((slot = tpl_slot(h, "extras")) != NULL) {
		tpl_clear(slot);
		for (i = 0, ul = NULL; i < nextras; i++) {
			if (extras[i].group != NULL)
				continue;
			if (ul == NULL)
				ul = hk_el(slot, "ul", "extras");
			hk_link(hk_el(ul, "li", NULL), extras[i].href, NULL,
			    extras[i].label);
		}
	}
	if ((slot = tpl_slot(h, "providers")) == NULL)
		goto done;
	tpl_clear(slot);
	/* The corpus is sorted by path: provider, document, revision. */
	for (i = 0; i < c->n; i = end) {
		d = c->docs[i];
		end = corpus_group_end(c, i);
		if (prev == NULL ||
		    strcmp(prev->meta.provider, d->meta.provider) != 0) {
			prov = hk_el(slot, "section", "provider");
			xmlNewProp(prov, X("id"), X(d->meta.provider));
			hk_texts(hk_el(prov, "h2", NULL), d->meta.provider_name);
		}
		prev = d;
		/* The newest revision names the document. */
		sec = hk_el(prov, "section", "document");
		hk_texts(hk_el(sec, "h3", NULL), c->docs[end - 1]->meta.title);
		ul = hk_el(sec, "ul", "revisions");
		for (j = end; j-- > i;) {
			const struct doc *r = c->docs[j];
			const struct meta *m = &r->meta;

			li = hk_el(ul, "li", NULL);
			buf_init(&b);
			buf_printf(&b, "%s/%s/%s.html", m->provider,
			    m->document, m->revision);
			xmlNewProp(hk_link(li, b.data, NULL, NULL), X("lang"),
			    X(m->lang));
			hk_texts(li->children, m->revision);
			buf_release(&b);
			if (j == end - 1)
				hk_texts(hk_el(li, "span", "latest"),
				    words_for(m->lang)->latest);
			if (m->nhistory > 0 && strcmp(m->history[
			    m->nhistory - 1].date, m->revision) == 0) {
				hk_texts(li, " ");
				hk_texts(li, m->history[m->nhistory - 1].note);
			}
		}
		/* Links grouped under this document (新旧対照表 …). */
		buf_init(&b);
		buf_printf(&b, "%s/%s", d->meta.provider, d->meta.document);
		for (j = 0, ul = NULL; j < nextras; j++) {
			if (extras[j].group == NULL ||
			    strcmp(extras[j].group, b.data) != 0)
				continue;
			if (ul == NULL)
				ul = hk_el(sec, "ul", "related");
			hk_link(hk_el(ul, "li", NULL), extras[j].href, NULL,
			    extras[j].label);
		}
		buf_release(&b);
	}
done:
	out = tpl_finish(h, "", "ja", len);
	xmlFreeDoc(h);
	return out;
}
