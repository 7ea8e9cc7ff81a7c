/*
 * The clause tree as HTML: one renderer per node type (a table, as
 * mandoc's mdoc_html.c), each writing its start through the HTML writer
 * and saying how many elements stay open for its children.  Text never
 * becomes markup: the writer escapes it, and checks every href again.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "clause.h"
#include "doc.h"
#include "html.h"
#include "hwriter.h"
#include "numeral.h"
#include "template.h"
#include "text.h"
#include "version.h"
#include "xalloc.h"


/* UI words by language: Japanese, or English for everything else. */
struct words {
	const char *toc, *provider, *document, *revision, *docnum, *changes,
	    *history, *date, *note, *revisions, *latest, *index, *permalink,
	    *current, *related, *to_toc, *timeline;
	/* The index (html_index): */
	const char *lead, *search, *feed, *sep, *site_timeline;
	int ja;		/* dates as 2024年4月1日 */
};

static const struct words ja_words = {
	"目次", "事業者", "文書", "施行日", "文書番号", "今回の変更",
	"改定履歴", "日付", "内容", "他の版", "最新", "約款一覧",
	"この箇所へのリンク", "この版", "関連ページ", "目次へ",
	"改定の年表（各版の施行日と変更した条項の数）",
	"事業者ごとの約款と、その改定履歴です。新しい改定が先に並びます。",
	"約款を検索", "改定の通知（Atom フィード）", " ・ ",
	"改定の年表（最近改定された文書の各版の施行日と変更した条項の数）", 1
};
static const struct words en_words = {
	"Contents", "Provider", "Document", "Effective", "Document number",
	"Changes in this revision", "Revision history", "Date", "Note",
	"Other revisions", "latest", "All terms", "Link to this clause",
	"this revision", "Related pages", "Back to contents",
	"Revision timeline: when each revision took effect and how many "
	"clauses it changed",
	"Each provider's terms and their revision history, the newest "
	"revision first.",
	"Search the terms", "Revision notices (Atom feed)", " · ",
	"Revision timeline: when each revision of the recently revised "
	"documents took effect and how many clauses it changed", 0
};

static const struct words *
words_for(const char *lang)
{
	return lang && strncmp(lang, "ja", 2) == 0 ? &ja_words : &en_words;
}

int
html_site_ja(const struct corpus *c)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		if (words_for(c->docs[i]->meta.lang)->ja)
			return 1;
	return c->n == 0;
}

/*
 * Japan's eras since the Gregorian calendar (1873-01-01), newest first:
 * the first day of each (for 明治, of the Gregorian calendar), the year
 * that is its 元年, and its name.  Earlier dates stay Gregorian (the old
 * calendar's days are not these).
 */
static const struct era {
	unsigned	 y, m, d, first;
	const char	*name;
} eras[] = {
	{ 2019, 5, 1, 2019, "令和" }, { 1989, 1, 8, 1989, "平成" },
	{ 1926, 12, 25, 1926, "昭和" }, { 1912, 7, 30, 1912, "大正" },
	{ 1873, 1, 1, 1868, "明治" }
};

/* Are the n bytes at s ASCII digits? */
static int
digits(const char *s, size_t n)
{
	while (n-- > 0)
		if (*s < '0' || *s++ > '9')
			return 0;
	return 1;
}

/* "M月D日", in decimal with no padding as %u writes them. */
static void
month_day(struct buf *b, unsigned m, unsigned d)
{
	buf_put_long(b, m);
	buf_puts(b, "月");
	buf_put_long(b, d);
	buf_puts(b, "日");
}

char *
html_date(const char *iso, int ja, int wareki)
{
	static const char *const months[] = { "January", "February",
	    "March", "April", "May", "June", "July", "August", "September",
	    "October", "November", "December" };
	unsigned y, m, d, k;
	struct buf b;
	int n = 0;

	buf_init(&b);
	/* YYYY-MM-DD, as front matter writes it, is read here; any other
	 * form by sscanf(). */
	if (strlen(iso) == 10 && digits(iso, 4) && iso[4] == '-' &&
	    digits(iso + 5, 2) && iso[7] == '-' && digits(iso + 8, 2)) {
		y = (unsigned)(iso[0] - '0') * 1000 + (unsigned)(iso[1] - '0') *
		    100 + (unsigned)(iso[2] - '0') * 10 + (unsigned)(iso[3] - '0');
		m = (unsigned)(iso[5] - '0') * 10 + (unsigned)(iso[6] - '0');
		d = (unsigned)(iso[8] - '0') * 10 + (unsigned)(iso[9] - '0');
		n = 10;
	} else if (strlen(iso) != 10 || sscanf(iso, "%4u-%2u-%2u%n", &y, &m,
	    &d, &n) != 3)
		n = 0;
	if (!(n == 10 && m >= 1 && m <= 12 && d >= 1 && d <= 31)) {
		buf_puts(&b, iso);
		return buf_detach(&b);
	}
	if (!ja) {
		buf_put_long(&b, d);
		buf_putc(&b, ' ');
		buf_puts(&b, months[m - 1]);
		buf_putc(&b, ' ');
		buf_put_long(&b, y);
		return buf_detach(&b);
	}
	for (k = 0; wareki && k < sizeof(eras) / sizeof(eras[0]); k++) {
		const struct era *e = &eras[k];

		if (y * 10000 + m * 100 + d < e->y * 10000 + e->m * 100 + e->d)
			continue;
		if (wareki == HTML_WAREKI_BESIDE) {
			buf_put_long(&b, y);
			buf_puts(&b, "年（");
		}
		buf_puts(&b, e->name);
		if (y == e->first)
			buf_puts(&b, "元");	/* the first year: 令和元年 */
		else
			buf_put_long(&b, y - e->first + 1);
		buf_puts(&b, wareki == HTML_WAREKI_BESIDE ? "年）" : "年");
		month_day(&b, m, d);
		return buf_detach(&b);
	}
	buf_put_long(&b, y);
	buf_puts(&b, "年");
	month_day(&b, m, d);
	return buf_detach(&b);
}

/* Does s write a year in an era: 令和6年, 平成三十年, 令和元年? */
static int
era_year_in(const char *s)
{
	const char *p, *q;
	size_t k, used;

	for (k = 0; k < sizeof(eras) / sizeof(eras[0]); k++)
		for (p = s; (p = strstr(p, eras[k].name)) != NULL; p = q) {
			q = p + strlen(eras[k].name);
			if (has_prefix(q, "元年") ||
			    (numeral_parse(q, &used, 1) > 0 &&
			    has_prefix(q + used, "年")))
				return 1;
		}
	return 0;
}

int
html_uses_wareki(const struct doc *doc)
{
	const struct node *n;
	size_t i;

	for (i = 0; i < doc->meta.nhistory; i++)
		if (doc->meta.history[i].note != NULL &&
		    era_year_in(doc->meta.history[i].note))
			return 1;
	for (n = doc->root; n != NULL; n = node_next(n, doc->root))
		if ((n->text != NULL && era_year_in(n->text)) ||
		    (n->caption != NULL && era_year_in(n->caption)))
			return 1;
	return 0;
}

/*
 * A date YYYY-MM-DD as readers of the page write it (html_date): in a
 * Japanese page of a document that writes 和暦, 令和6年4月1日.
 */
static void
date_text(struct hw *w, const struct words *wd, int wareki, const char *iso)
{
	char *s = html_date(iso, wd->ja, wareki);

	hw_texts(w, s);
	free(s);
}

struct templates *
templates_load(const char *dir, int which, struct diags *d)
{
	struct templates *t = xcalloc(1, sizeof(*t));

	if (((which & TPL_PAGES) &&
	    (tpl_load(&t->page, dir, "page.html", d) == -1 ||
	    tpl_load(&t->index, dir, "index.html", d) == -1)) ||
	    ((which & TPL_DIFF) && ((which & TPL_STANDALONE) ?
	    tpl_load_standalone(&t->diff, dir, "diff.html", d) :
	    tpl_load(&t->diff, dir, "diff.html", d)) == -1)) {
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

/* <a href="#id">, whatever the id's length; left open. */
static void
open_link_to(struct hw *w, const char *id, const char *cls)
{
	char frag[64];
	size_t len = strlen(id);
	struct buf href;

	hw_open(w, HW_A, cls);
	/* An id is short: its "#id" is made on the stack, not malloc'd. */
	if (len < sizeof(frag) - 1) {
		frag[0] = '#';
		memcpy(frag + 1, id, len + 1);
		hw_attr(w, HA_HREF, frag);
		return;
	}
	buf_init(&href);
	buf_putc(&href, '#');
	buf_puts(&href, id);
	hw_attr(w, HA_HREF, href.data);
	buf_release(&href);
}

static void
anchor_link(struct hw *w, const char *id, const char *cls,
    const char *label, const char *title)
{
	open_link_to(w, id, cls);
	if (title != NULL)
		hw_attr(w, HA_TITLE, title);
	if (label != NULL)
		hw_texts(w, label);
	hw_close(w);
}

/* A node's text with its spans: links, emphasis, code, cross references. */
static void
rich(struct hw *w, const struct node *n)
{
	const char *s = n->text;
	size_t at = 0, i, len;
	const struct span *sp;

	if (s == NULL)
		return;
	len = strlen(s);
	for (i = 0; i < n->nspans; i++) {
		sp = &n->spans[i];
		if (sp->off < at || sp->off + sp->len > len)
			continue;	/* overlapping or stale: text only */
		hw_lines(w, s + at, sp->off - at);
		switch (sp->kind) {
		case SPAN_LINK:
			hw_open(w, HW_A, NULL);
			hw_attr(w, HA_HREF, sp->href ? sp->href : "#");
			break;
		case SPAN_EMPH:
			hw_open(w, HW_EM, NULL);
			break;
		case SPAN_STRONG:
			hw_open(w, HW_STRONG, NULL);
			break;
		case SPAN_CODE:
			hw_open(w, HW_CODE, NULL);
			break;
		case SPAN_XREF:
		default:
			if (sp->target == NULL || sp->target->id == NULL) {
				hw_open(w, HW_SPAN, sp->xflags &
				    XREF_EXTERNAL ? "xref-external" :
				    "xref-unresolved");
				break;
			}
			open_link_to(w, sp->target->id, "xref");
			{
				/* Tooltip: the target's article caption. */
				const struct node *t = sp->target;

				while (t && t->type != N_ARTICLE && t->parent)
					t = t->parent;
				if (t && t->caption)
					hw_attr(w, HA_TITLE, t->caption);
			}
			break;
		}
		hw_lines(w, s + sp->off, sp->len);
		hw_close(w);
		at = sp->off + sp->len;
	}
	hw_lines(w, s + at, len - at);
}

/* ---- renderers, one per node type ---- */

/*
 * A block element of the body starts a line of its own: the body is
 * written without formatting inside a heading or paragraph, whose inline
 * parts must not be split by line breaks.
 */
static void
block(struct hw *w, enum hw_tag t, const char *cls)
{
	hw_text(w, "\n", 1);
	hw_open(w, t, cls);
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
heading_title(struct hw *w, const struct node *n)
{
	if (n->label != NULL)
		hw_leaf(w, HW_SPAN, "label", n->label);
	if (n->caption != NULL) {
		/* "18. Fees": a Western caption follows its label as words. */
		if (n->label != NULL && node_western(n))
			hw_texts(w, " ");
		hw_open(w, HW_SPAN, "caption");
		if (n->type == N_ARTICLE && !node_western(n)) {
			hw_texts(w, "（");
			hw_texts(w, n->caption);
			hw_texts(w, "）");
		} else
			hw_texts(w, n->caption);
		hw_close(w);
	}
}

/* A <section> with its heading and a permalink marked mark; left open. */
static int
section(struct hw *w, const struct node *n, const char *cls,
    const char *mark, const struct words *wd)
{
	static const enum hw_tag h[] = { HW_H1, HW_H2, HW_H3, HW_H4, HW_H5,
	    HW_H6 };

	block(w, HW_SECTION, cls);
	hw_attr(w, HA_ID, n->id);
	block(w, h[heading_level(n) - 1], NULL);
	heading_title(w, n);
	anchor_link(w, n->id, "permalink", mark, wd->permalink);
	hw_close(w);
	return 1;
}

static int
r_division(struct hw *w, const struct node *n, const struct words *wd)
{
	char cls[64];

	snprintf(cls, sizeof(cls), "division %s", divkind_name(n->divkind));
	return section(w, n, cls, "#", wd);
}

static int
r_article(struct hw *w, const struct node *n, const struct words *wd)
{
	return section(w, n, "article", "¶", wd);
}

/*
 * The number as a link to the clause itself, or a ¶ after the text when
 * none is written.  No title attribute here: there are tens of thousands
 * of these in a large document, and the number says what it links to.
 */
static void
number(struct hw *w, const struct node *n)
{
	if (n->label != NULL)
		anchor_link(w, n->id, "num", n->label, NULL);
}

/*
 * A sub-clause's title (### 2.1 Registration) runs in before its text,
 * in its own span: "2.1 Registration You must …".
 */
static void
run_in_caption(struct hw *w, const struct node *n)
{
	if (n->caption == NULL)
		return;
	hw_leaf(w, HW_SPAN, "caption", n->caption);
	if (n->text != NULL && n->text[0] != '\0')
		hw_texts(w, " ");
}

static void
trailing_permalink(struct hw *w, const struct node *n, const struct words *wd)
{
	if (n->label != NULL)
		return;
	open_link_to(w, n->id, "permalink");
	hw_attr(w, HA_ARIA_LABEL, wd->permalink);
	hw_texts(w, "¶");
	hw_close(w);
}

/*
 * A paragraph is a <p class="paragraph">; one with items or tables is a
 * <div class="paragraph"> holding its <p> and them.
 */
static int
r_paragraph(struct hw *w, const struct node *n, const struct words *wd)
{
	if (n->first == NULL) {
		block(w, HW_P, "paragraph");
		hw_attr(w, HA_ID, n->id);
	} else {
		block(w, HW_DIV, "paragraph");
		hw_attr(w, HA_ID, n->id);
		block(w, HW_P, NULL);
	}
	number(w, n);
	run_in_caption(w, n);
	rich(w, n);
	trailing_permalink(w, n, wd);
	hw_close(w);
	return n->first != NULL;
}

/*
 * Items and sub-items share one <ol> per run of siblings: the first of a
 * run opens it, the last leaves it to be closed with its own <li>.
 */
static int
r_item(struct hw *w, const struct node *n, const struct words *wd)
{
	int opens = 1;

	if (n->prev == NULL || n->prev->type != n->type)
		block(w, HW_OL, n->type == N_ITEM ? "items" : "subitems");
	if (n->next == NULL || n->next->type != n->type)
		opens++;
	block(w, HW_LI, NULL);
	hw_attr(w, HA_ID, n->id);
	number(w, n);
	run_in_caption(w, n);
	rich(w, n);
	trailing_permalink(w, n, wd);
	return opens;
}

/*
 * A table cell's text (the tree keeps cells as text): its bare URLs
 * (url_bare(), as md.c finds them in running text) linked as running
 * text's are, href and text as written, the href through url_is_safe()
 * in the writer; line breaks as <br>.
 */
static void
cell_text(struct hw *w, const char *s)
{
	size_t len = strlen(s), at = 0, i, n;
	char *href;

	for (i = 0; i < len; i++) {
		if (s[i] != 'h' || (n = url_bare(s, i, len)) == 0)
			continue;
		hw_lines(w, s + at, i - at);
		hw_open(w, HW_A, NULL);
		href = xstrndup(s + i, n);
		hw_attr(w, HA_HREF, href);
		free(href);
		hw_text(w, s + i, n);
		hw_close(w);
		at = i + n;
		i = at - 1;
	}
	hw_lines(w, s + at, len - at);
}

static int
r_table(struct hw *w, const struct node *n, const struct words *wd)
{
	const struct table *t = n->table;
	char cls[8];
	size_t r, c;

	(void)wd;
	block(w, HW_DIV, "table-wrap");
	hw_open(w, HW_TABLE, NULL);
	hw_attr(w, HA_ID, n->id);
	for (r = 0; r < t->nrows; r++) {
		if (r == 0)
			hw_open(w, HW_THEAD, NULL);
		else if (r == 1) {
			hw_close(w);
			hw_open(w, HW_TBODY, NULL);
		}
		block(w, HW_TR, NULL);
		for (c = 0; c < t->ncols; c++) {
			cls[0] = '\0';
			if (t->align[c] == 'r' || t->align[c] == 'c')
				snprintf(cls, sizeof(cls), "al-%c",
				    t->align[c]);
			hw_open(w, r == 0 ? HW_TH : HW_TD,
			    cls[0] ? cls : NULL);
			cell_text(w, t->cells[r * t->ncols + c]);
			hw_close(w);
		}
		hw_close(w);
	}
	if (t->nrows > 0)
		hw_close(w);	/* thead or tbody */
	hw_close(w);		/* table */
	hw_close(w);		/* div */
	return 0;		/* tables have no children */
}

/* Renderers write a node's start and return how many elements stay open. */
typedef int (*renderer)(struct hw *, const struct node *,
    const struct words *);

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
 * Render top and its subtree.  Iterative; each entered node's count of
 * open elements waits on a stack for its exit (depth is bounded by the
 * parser's limits, and counts are small).
 */
static void
render_subtree(struct hw *w, const struct node *top, const struct words *wd)
{
	struct iter it;
	unsigned char *opens = NULL;
	size_t sp = 0, cap = 0;
	enum iter_event ev;
	struct node *n;

	iter_init(&it, (struct node *)top);
	while ((ev = iter_next(&it)) != ITER_DONE) {
		n = it.cur;
		if (ev == ITER_ENTER) {
			if (sp == cap) {
				cap = cap ? 2 * cap : 64;
				opens = xreallocarray(opens, cap, 1);
			}
			opens[sp++] = (unsigned char)renderers[n->type](w, n,
			    wd);
		} else if (sp > 0)
			for (sp--; opens[sp] > 0; opens[sp]--)
				hw_close(w);
	}
	free(opens);
}

/* ---- table of contents ---- */

/*
 * Divisions and articles as nested lists.  A division's list is opened
 * by its first entry, so a division without articles lists nothing under
 * its link; below 32 levels, divisions list flat.
 */
#define TOC_DEPTH	32

static void
toc_entry(struct hw *w, const struct node *n)
{
	struct buf b;

	buf_init(&b);
	node_title(&b, n);
	hw_open(w, HW_LI, NULL);
	anchor_link(w, n->id, NULL, b.data, NULL);
	buf_release(&b);
}

static void
toc(struct hw *w, const struct node *root)
{
	struct iter it;
	int listed[TOC_DEPTH];	/* each open level's <ol> is written */
	int sp = 0, ndiv = 0;
	enum iter_event ev;
	struct node *n;

	hw_open(w, HW_OL, NULL);
	listed[0] = 1;
	iter_init(&it, (struct node *)root);
	while ((ev = iter_next(&it)) != ITER_DONE) {
		n = it.cur;
		if (n->type != N_DIVISION && n->type != N_ARTICLE)
			continue;
		if (ev == ITER_EXIT) {
			if (n->type != N_DIVISION || ndiv-- > TOC_DEPTH - 1)
				continue;
			if (listed[sp])
				hw_close(w);	/* ol */
			hw_close(w);		/* li */
			sp--;
			continue;
		}
		if (!listed[sp]) {
			hw_open(w, HW_OL, NULL);
			listed[sp] = 1;
		}
		toc_entry(w, n);
		if (n->type == N_DIVISION && ++ndiv <= TOC_DEPTH - 1)
			listed[++sp] = 0;
		else
			hw_close(w);		/* li */
	}
	hw_close(w);
}

/* ---- pages ---- */

static void
meta_list(struct hw *w, const struct doc *doc, const struct page_ctx *pc,
    const struct words *wd, int wareki)
{
	const struct meta *m = &doc->meta;
	struct buf b;
	size_t i;

	hw_open(w, HW_DL, "meta");
	hw_leaf(w, HW_DT, NULL, wd->provider);
	hw_leaf(w, HW_DD, NULL, m->provider_name);
	hw_leaf(w, HW_DT, NULL, wd->revision);
	hw_open(w, HW_DD, NULL);
	hw_open(w, HW_TIME, NULL);
	hw_attr(w, HA_DATETIME, m->revision);
	date_text(w, wd, wareki, m->revision);
	hw_close(w);
	hw_close(w);
	if (m->document_number) {
		hw_leaf(w, HW_DT, NULL, wd->docnum);
		hw_leaf(w, HW_DD, NULL, m->document_number);
	}
	if (m->nchanges) {
		hw_leaf(w, HW_DT, NULL, wd->changes);
		hw_open(w, HW_DD, NULL);
		hw_open(w, HW_UL, "changes");
		for (i = 0; i < m->nchanges; i++)
			hw_leaf(w, HW_LI, NULL, m->changes[i]);
		hw_close(w);
		hw_close(w);
	}
	if (pc->nrevisions > 1) {
		hw_leaf(w, HW_DT, NULL, wd->revisions);
		hw_open(w, HW_DD, NULL);
		hw_open(w, HW_UL, "revisions");
		for (i = pc->nrevisions; i-- > 0;) {
			const struct doc *r = pc->revisions[i];

			hw_open(w, HW_LI, NULL);
			if (r == doc) {
				hw_open(w, HW_STRONG, NULL);
				date_text(w, wd, wareki, r->meta.revision);
				hw_close(w);
				hw_texts(w, wd->ja ? "（" : " (");
				hw_texts(w, wd->current);
				hw_texts(w, wd->ja ? "）" : ")");
			} else {
				buf_init(&b);
				buf_printf(&b, "%s.html", r->meta.revision);
				hw_open(w, HW_A, NULL);
				hw_attr(w, HA_HREF, b.data);
				date_text(w, wd, wareki, r->meta.revision);
				hw_close(w);
				buf_release(&b);
			}
			hw_close(w);
		}
		hw_close(w);
		hw_close(w);
	}
	if (pc->nlinks) {
		hw_leaf(w, HW_DT, NULL, wd->related);
		hw_open(w, HW_DD, NULL);
		hw_open(w, HW_UL, "related");
		for (i = 0; i < pc->nlinks; i++) {
			hw_open(w, HW_LI, NULL);
			hw_link(w, pc->links[i].href, NULL,
			    pc->links[i].label);
			hw_close(w);
		}
		hw_close(w);
		hw_close(w);
	}
	hw_close(w);
}

static void
history_table(struct hw *w, const struct doc *doc, size_t nrevisions,
    const struct words *wd, int wareki)
{
	size_t i;

	/* The front matter's entries and the body's history lines. */
	if (doc->nhistory == 0 && nrevisions < 2)
		return;
	hw_leaf(w, HW_H2, NULL, wd->history);
	if (nrevisions > 1) {
		/* site.c draws it for a document of two revisions or more. */
		hw_open(w, HW_FIGURE, "timeline");
		hw_open(w, HW_IMG, NULL);
		hw_attr(w, HA_SRC, "timeline.svg");
		hw_attr(w, HA_ALT, wd->timeline);
		hw_close(w);
	}
	if (doc->nhistory == 0)
		return;
	hw_open(w, HW_DIV, "table-wrap");
	hw_open(w, HW_TABLE, NULL);
	hw_open(w, HW_THEAD, NULL);
	hw_open(w, HW_TR, NULL);
	hw_leaf(w, HW_TH, NULL, wd->date);
	hw_leaf(w, HW_TH, NULL, wd->note);
	hw_close(w);
	hw_close(w);
	hw_open(w, HW_TBODY, NULL);
	for (i = 0; i < doc->nhistory; i++) {
		hw_open(w, HW_TR, NULL);
		hw_open(w, HW_TD, NULL);
		date_text(w, wd, wareki, doc->history[i].date);
		hw_close(w);
		hw_leaf(w, HW_TD, NULL, doc->history[i].note);
		hw_close(w);
	}
	hw_close(w);
	hw_close(w);
	hw_close(w);
}

struct page_fill {
	const struct doc	*doc;
	const struct page_ctx	*pc;
	const struct words	*wd;
	const char		*title;
	int			 wareki;	/* dates as 令和6年 */
};

static int
page_slot(void *arg, const char *slot, struct hw *w)
{
	const struct page_fill *f = arg;
	const struct meta *m = &f->doc->meta;
	const struct node *top;

	if (strcmp(slot, "body") == 0) {
		for (top = f->doc->root->first; top != NULL; top = top->next)
			render_subtree(w, top, f->wd);
	} else if (strcmp(slot, "toc") == 0)
		toc(w, f->doc->root);
	else if (strcmp(slot, "meta") == 0)
		meta_list(w, f->doc, f->pc, f->wd, f->wareki);
	else if (strcmp(slot, "history") == 0)
		history_table(w, f->doc, f->pc->nrevisions, f->wd, f->wareki);
	else if (strcmp(slot, "title") == 0)
		hw_texts(w, f->title);
	else if (strcmp(slot, "home") == 0)
		hw_texts(w, f->wd->index);
	else if (strcmp(slot, "toc-heading") == 0)
		hw_texts(w, f->wd->toc);
	else if (strcmp(slot, "to-toc") == 0)
		hw_texts(w, f->wd->to_toc);
	else if (strcmp(slot, "provider") == 0)
		hw_texts(w, m->provider_name);
	else if (strcmp(slot, "doc-title") == 0)
		hw_texts(w, m->title);
	else if (strcmp(slot, "footer") == 0)
		hw_texts(w, "termc " TERMC_VERSION);
	else
		return 0;
	return 1;
}

void
html_page(const struct templates *t, const struct doc *doc,
    const struct page_ctx *pc, struct buf *out)
{
	struct page_fill f;
	struct buf title;

	f.wd = words_for(doc->meta.lang);
	buf_init(&title);
	buf_printf(&title, f.wd->ja ? "%s — %s（%s）" : "%s — %s (%s)",
	    doc->meta.title, doc->meta.provider_name, doc->meta.revision);
	f.doc = doc;
	f.pc = pc;
	f.title = title.data;
	f.wareki = html_uses_wareki(doc);
	buf_init_large(out);
	/* Room for a short document's page: fewer copies as it grows. */
	buf_grow(out, PAGE_ROOM);
	tpl_write(&t->page, out, pc->root, doc->meta.lang, page_slot, &f);
	buf_release(&title);
}

/* ---- index ---- */

struct index_fill {
	const struct corpus	*c;
	const struct page_link	*extras;
	size_t			 nextras;
	const struct words	*wd;	/* the site's (html_site_ja) */
	const unsigned char	*wareki;	/* of c->docs[i], or NULL */
};

/* The links grouped under group (NULL: above all), as <ul class=cls>. */
static void
extra_links(struct hw *w, const struct index_fill *f, const char *group,
    const char *cls)
{
	size_t j;
	int open = 0;

	for (j = 0; j < f->nextras; j++) {
		if ((group == NULL) != (f->extras[j].group == NULL) ||
		    (group != NULL && strcmp(f->extras[j].group, group) != 0))
			continue;
		if (!open++)
			hw_open(w, HW_UL, cls);
		hw_open(w, HW_LI, NULL);
		hw_link(w, f->extras[j].href, NULL, f->extras[j].label);
		hw_close(w);
	}
	if (open)
		hw_close(w);
}

static void
providers(struct hw *w, const struct index_fill *f)
{
	const struct corpus *c = f->c;
	const struct doc *d, *prev = NULL;
	struct buf b;
	size_t i, j, end;

	/* The corpus is sorted by path: provider, document, revision. */
	for (i = 0; i < c->n; i = end) {
		d = c->docs[i];
		end = corpus_group_end(c, i);
		if (prev == NULL ||
		    strcmp(prev->meta.provider, d->meta.provider) != 0) {
			if (prev != NULL)
				hw_close(w);
			hw_open(w, HW_SECTION, "provider");
			hw_attr(w, HA_ID, d->meta.provider);
			hw_leaf(w, HW_H2, NULL, d->meta.provider_name);
		}
		prev = d;
		/* The newest revision names the document and is its link. */
		hw_open(w, HW_SECTION, "document");
		hw_open(w, HW_H3, NULL);
		buf_init(&b);
		buf_printf(&b, "%s/%s/%s.html", d->meta.provider,
		    d->meta.document, c->docs[end - 1]->meta.revision);
		hw_link(w, b.data, NULL, c->docs[end - 1]->meta.title);
		buf_release(&b);
		hw_close(w);
		hw_open(w, HW_UL, "revisions");
		for (j = end; j-- > i;) {
			const struct meta *m = &c->docs[j]->meta;

			hw_open(w, HW_LI, NULL);
			buf_init(&b);
			buf_printf(&b, "%s/%s/%s.html", m->provider,
			    m->document, m->revision);
			hw_open(w, HW_A, NULL);
			hw_attr(w, HA_HREF, b.data);
			hw_attr(w, HA_LANG, m->lang);
			date_text(w, words_for(m->lang), f->wareki != NULL &&
			    f->wareki[j] ? HTML_WAREKI_BESIDE : 0, m->revision);
			hw_close(w);
			buf_release(&b);
			if (j == end - 1)
				hw_leaf(w, HW_SPAN, "latest",
				    words_for(m->lang)->latest);
			if (m->nhistory > 0 && strcmp(m->history[
			    m->nhistory - 1].date, m->revision) == 0) {
				hw_texts(w, " ");
				hw_texts(w, m->history[m->nhistory - 1].note);
			}
			hw_close(w);
		}
		hw_close(w);
		/* Links grouped under this document (新旧対照表 …). */
		buf_init(&b);
		buf_printf(&b, "%s/%s", d->meta.provider, d->meta.document);
		extra_links(w, f, b.data, "related");
		buf_release(&b);
		hw_close(w);
	}
}

static int
index_slot(void *arg, const char *slot, struct hw *w)
{
	const struct index_fill *f = arg;

	if (strcmp(slot, "providers") == 0)
		providers(w, f);
	else if (strcmp(slot, "extras") == 0)
		extra_links(w, f, NULL, "extras");
	else if (strcmp(slot, "title") == 0 || strcmp(slot, "heading") == 0)
		hw_texts(w, f->wd->index);
	else if (strcmp(slot, "lead") == 0)
		hw_texts(w, f->wd->lead);
	else if (strcmp(slot, "feeds") == 0) {
		hw_link(w, "search.html", NULL, f->wd->search);
		hw_texts(w, f->wd->sep);
		hw_link(w, "feed.atom", NULL, f->wd->feed);
	} else if (strcmp(slot, "timeline") == 0) {
		hw_open(w, HW_IMG, NULL);
		hw_attr(w, HA_SRC, "timeline.svg");
		hw_attr(w, HA_ALT, f->wd->site_timeline);
	} else if (strcmp(slot, "footer") == 0)
		hw_texts(w, "termc " TERMC_VERSION);
	else
		return 0;
	return 1;
}

char *
html_index(const struct templates *t, const struct corpus *c,
    const unsigned char *wareki, const struct page_link *extras,
    size_t nextras, size_t *len)
{
	struct index_fill f = { c, extras, nextras, NULL, wareki };
	struct buf out;

	f.wd = html_site_ja(c) ? &ja_words : &en_words;
	buf_init(&out);
	tpl_write(&t->index, &out, "", f.wd->ja ? "ja" : "en", index_slot,
	    &f);
	*len = out.len;
	return buf_detach(&out);
}

/*
 * The search page's own words in English (a Japanese page keeps the
 * template's text); the results are written by templates/search.js in
 * the page's language.
 */
static int
search_slot(void *arg, const char *slot, struct hw *w)
{
	(void)arg;
	if (strcmp(slot, "title") == 0 || strcmp(slot, "heading") == 0)
		hw_texts(w, "Search the terms");
	else if (strcmp(slot, "home") == 0)
		hw_texts(w, en_words.index);
	else if (strcmp(slot, "lead") == 0)
		hw_texts(w, "Searches the latest revision of every published "
		    "document, clause by clause. Words separated by spaces "
		    "find the clauses that hold them all.");
	else if (strcmp(slot, "noscript") == 0) {
		hw_texts(w, "The search needs JavaScript. Every document can "
		    "also be read from ");
		hw_link(w, "index.html", NULL, en_words.index);
		hw_texts(w, ".");
	} else if (strcmp(slot, "label") == 0)
		hw_texts(w, "Search for");
	else
		return 0;
	return 1;
}

char *
html_search(const char *tpldir, int ja, struct diags *d, size_t *len)
{
	struct tpl t;
	struct buf out;

	if (tpl_load(&t, tpldir, "search.html", d) == -1)
		return NULL;
	buf_init(&out);
	tpl_write(&t, &out, "", ja ? "ja" : "en", ja ? NULL : search_slot,
	    NULL);
	tpl_release(&t);
	*len = out.len;
	return buf_detach(&out);
}
