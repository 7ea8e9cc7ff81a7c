/*
 * The clause tree as Japanese standard law XML (法令標準XMLスキーマ v3,
 * e-Gov's stdLaw.xsd): `termc tree --format=lawxml`.  Unlike treexml.c,
 * every file written here is valid against the schema, for any clause
 * tree, and carries nothing the schema does not allow (no ids, no lines).
 *
 * The schema is stricter than a terms file.  A container (MainProvision,
 * Part, Chapter, Section, Subsection, Division) holds either articles or
 * containers one level down, with articles allowed only before them; an
 * article holds paragraphs and nothing else; an appendix table holds
 * tables and items.  Where the clause tree does not fit, the rules below
 * keep every word and make the result readable back by lawxml_import.c:
 *
 * - Division levels come from depth, not from the kind written: the
 *   outermost divisions are Chapters (Parts when the document has 編),
 *   then Sections, Subsections and Divisions.  A heading deeper than
 *   Division becomes a paragraph of its own text, its content following.
 * - Text that stands outside any article where the schema wants articles
 *   goes into an article with an empty ArticleTitle and no ArticleCaption;
 *   articles that follow a sub-container go into a container with an
 *   empty title.  lawxml_import.c unwraps both.
 * - A division under an article closes the article and follows it.
 * - An article or paragraph with nothing the schema requires gets an
 *   empty Paragraph or Sentence.
 * - Leading text of the document is the Preamble.  MainProvision ends at
 *   the first top-level 付則 or 別表; from there on, in order, 付則 are
 *   SupplProvision, 別表 of tables and text AppdxTable (a paragraph is an
 *   Item without ItemTitle, an item one with), and 別表 with headings
 *   inside, or anything else, AppdxNote, whose Note takes any element:
 *   a heading there is a NoteStruct over its content.
 * - A deleted article (第七条　削除) is a paragraph of 削除, as in e-Gov's.
 * - A sentence with ただし書 (。ただし／。但し) is two Sentence elements,
 *   Function="main" and Function="proviso".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "clause.h"
#include "doc.h"
#include "tree.h"
#include "xalloc.h"

#define X(s)	((const xmlChar *)(s))

/* Container levels of the schema, outermost first. */
enum { L_PART, L_CHAPTER, L_SECTION, L_SUBSECTION, L_DIVISION, L__MAX };
static const char *const level_name[L__MAX] = {
	"Part", "Chapter", "Section", "Subsection", "Division"
};
static const char *const level_title[L__MAX] = {
	"PartTitle", "ChapterTitle", "SectionTitle", "SubsectionTitle",
	"DivisionTitle"
};

#define IDSP	"\xe3\x80\x80"		/* 　 */
#define DELETED	"\xe5\x89\x8a\xe9\x99\xa4"	/* 削除 */

static void	emit_paragraph(xmlNodePtr, const struct node *, int);
static void	emit_container(xmlNodePtr, const struct node *, int, int);

static xmlNodePtr
child(xmlNodePtr parent, const char *name, const char *text)
{
	return xmlNewTextChild(parent, NULL, X(name), text ? X(text) : NULL);
}

static void
set_num(xmlNodePtr x, size_t pos)
{
	char b[24];

	snprintf(b, sizeof(b), "%zu", pos);
	xmlNewProp(x, X("Num"), X(b));
}

/* "第1章　通則": the label and caption of a heading, either may be absent. */
static char *
heading_text(const struct node *n)
{
	const char *l = n->label ? n->label : "", *c = n->caption ?
	    n->caption : "";
	size_t len = strlen(l) + strlen(c) + sizeof(IDSP);
	char *s = xmalloc(len);

	snprintf(s, len, "%s%s%s", l, *l && *c ? IDSP : "", c);
	return s;
}

/*
 * Sentence elements for text: one, or main and proviso where a sentence
 * ending in 。 is followed by ただし or 但し.
 */
static void
sentences(xmlNodePtr wrap, const char *text)
{
	static const char *const proviso[] = {
		"\xe3\x80\x82\xe3\x81\x9f\xe3\x81\xa0\xe3\x81\x97",	/* 。ただし */
		"\xe3\x80\x82\xe4\xbd\x86\xe3\x81\x97",		/* 。但し */
	};
	const char *p = NULL, *q;
	xmlNodePtr s;
	size_t i;
	char *main;

	if (text == NULL)
		text = "";
	for (i = 0; i < sizeof(proviso) / sizeof(proviso[0]); i++)
		if ((q = strstr(text, proviso[i])) != NULL &&
		    (p == NULL || q < p))
			p = q;
	if (p == NULL) {
		s = child(wrap, "Sentence", text);
		xmlNewProp(s, X("Num"), X("1"));
		return;
	}
	p += 3;				/* keep 。 with the main sentence */
	main = xstrndup(text, (size_t)(p - text));
	s = child(wrap, "Sentence", main);
	xmlNewProp(s, X("Num"), X("1"));
	xmlNewProp(s, X("Function"), X("main"));
	s = child(wrap, "Sentence", p);
	xmlNewProp(s, X("Num"), X("2"));
	xmlNewProp(s, X("Function"), X("proviso"));
	free(main);
}

/* A TableStruct for t: its first row the header, alignment per column. */
static void
emit_table(xmlNodePtr parent, const struct table *t)
{
	static const char *const align[] = { "left", "center", "right" };
	xmlNodePtr ts, tab, row, col;
	const char *a;
	size_t r, k;

	ts = child(parent, "TableStruct", NULL);
	tab = child(ts, "Table", NULL);
	xmlNewProp(tab, X("WritingMode"), X("horizontal"));
	for (r = 0; r < t->nrows; r++) {
		row = child(tab, r == 0 ? "TableHeaderRow" : "TableRow", NULL);
		for (k = 0; k < t->ncols; k++) {
			if (r == 0) {
				child(row, "TableHeaderColumn",
				    t->cells[r * t->ncols + k]);
				continue;
			}
			col = child(row, "TableColumn", NULL);
			a = t->align[k] == 'l' ? align[0] : t->align[k] == 'c' ?
			    align[1] : t->align[k] == 'r' ? align[2] : NULL;
			if (a != NULL)
				xmlNewProp(col, X("Align"), X(a));
			sentences(col, t->cells[r * t->ncols + k]);
		}
	}
	/* A table of a header row only still needs one TableRow. */
	if (t->nrows < 2) {
		row = child(tab, "TableRow", NULL);
		col = child(row, "TableColumn", NULL);
		sentences(col, "");
	}
}

/*
 * An item or sub-item at depth (0 Item, 1 Subitem1 … 10 Subitem10) and
 * its sub-items, then its tables, as the schema orders them.  Sub-items
 * below Subitem10 follow it as its siblings.
 */
static void
emit_item(xmlNodePtr parent, const struct node *n, int depth, size_t pos)
{
	const struct node *c;
	char name[24], part[40];
	xmlNodePtr x, w;
	size_t k = 0;

	if (depth == 0)
		snprintf(name, sizeof(name), "Item");
	else
		snprintf(name, sizeof(name), "Subitem%d", depth);
	x = child(parent, name, NULL);
	set_num(x, pos);
	snprintf(part, sizeof(part), "%sTitle", name);
	child(x, part, n->label ? n->label : "");
	snprintf(part, sizeof(part), "%sSentence", name);
	w = child(x, part, NULL);
	sentences(w, n->text);
	for (c = n->first; c != NULL; c = c->next)
		if (c->type == N_ITEM || c->type == N_SUBITEM)
			emit_item(depth < 10 ? x : parent, c, depth < 10 ?
			    depth + 1 : depth, ++k);
	for (c = n->first; c != NULL; c = c->next)
		if (c->type == N_TABLE)
			emit_table(x, c->table);
}

/* A Paragraph for n (NULL: an empty one), with its items, then tables. */
static void
emit_paragraph(xmlNodePtr parent, const struct node *n, int pos)
{
	xmlNodePtr x, w;
	const struct node *c;
	size_t k = 0;

	x = child(parent, "Paragraph", NULL);
	set_num(x, (size_t)pos);
	if (n != NULL && n->caption != NULL)
		child(x, "ParagraphCaption", n->caption);
	child(x, "ParagraphNum", n && n->label ? n->label : "");
	w = child(x, "ParagraphSentence", NULL);
	sentences(w, n ? n->text : NULL);
	if (n == NULL)
		return;
	for (c = n->first; c != NULL; c = c->next)
		if (c->type == N_ITEM || c->type == N_SUBITEM)
			emit_item(x, c, 0, ++k);
	for (c = n->first; c != NULL; c = c->next)
		if (c->type == N_TABLE)
			emit_table(x, c->table);
}

/*
 * A run of loose nodes (paragraphs, items, tables, headings too deep for
 * a container) as Paragraph elements of parent.  Items and tables join
 * the paragraph before them when it can take them, or an empty one.
 */
struct para_run {
	xmlNodePtr	 last;		/* the last Paragraph written */
	int		 has_tables;	/* it holds a table after its items */
	int		 pos;
};

static void
loose(xmlNodePtr parent, const struct node *n, struct para_run *r)
{
	const struct node *c;
	char *h;

	switch (n->type) {
	case N_PARAGRAPH:
		emit_paragraph(parent, n, ++r->pos);
		r->last = parent->last;
		r->has_tables = 0;
		for (c = n->first; c != NULL; c = c->next)
			if (c->type == N_TABLE)
				r->has_tables = 1;
		break;
	case N_ITEM:
	case N_SUBITEM:
		if (r->last == NULL || r->has_tables) {
			emit_paragraph(parent, NULL, ++r->pos);
			r->last = parent->last;
			r->has_tables = 0;
		}
		emit_item(r->last, n, 0, (size_t)xmlChildElementCount(r->last)
		    - 1);
		break;
	case N_TABLE:
		if (r->last == NULL) {
			emit_paragraph(parent, NULL, ++r->pos);
			r->last = parent->last;
		}
		emit_table(r->last, n->table);
		r->has_tables = 1;
		break;
	case N_DIVISION:
	case N_ARTICLE:
		/*
		 * A heading with nowhere to stand: a paragraph of its text.
		 * A division's body follows it in the run (flatten()); an
		 * article's is written here.
		 */
		h = heading_text(n);
		emit_paragraph(parent, NULL, ++r->pos);
		r->last = parent->last;
		r->has_tables = 0;
		xmlNodeAddContent(r->last->last->last, X(h));
		free(h);
		if (n->type == N_ARTICLE)
			for (c = n->first; c != NULL; c = c->next)
				loose(parent, c, r);
		break;
	default:
		break;
	}
}

/* An Article for a clause-tree article; its divisions are left out. */
static void
emit_article(xmlNodePtr parent, const struct node *n, size_t pos)
{
	struct para_run r = { NULL, 0, 0 };
	const struct node *c;
	xmlNodePtr x, cap;

	x = child(parent, "Article", NULL);
	if (n->num != NULL)
		xmlNewProp(x, X("Num"), X(n->num));
	else
		set_num(x, pos);
	/*
	 * A deleted article (第七条　削除: termc reads 削除 as its caption and
	 * it holds nothing) is written as e-Gov writes one: a paragraph
	 * whose sentence is 削除.
	 */
	if (n->caption != NULL && n->first == NULL &&
	    strcmp(n->caption, DELETED) == 0) {
		child(x, "ArticleTitle", n->label ? n->label : "");
		x = child(x, "Paragraph", NULL);
		xmlNewProp(x, X("Num"), X("1"));
		child(x, "ParagraphNum", "");
		sentences(child(x, "ParagraphSentence", NULL), DELETED);
		return;
	}
	if (n->caption != NULL) {
		cap = child(x, "ArticleCaption", NULL);
		xmlNodeAddContent(cap, X("\xef\xbc\x88"));	/* （ */
		xmlNodeAddContent(cap, X(n->caption));
		xmlNodeAddContent(cap, X("\xef\xbc\x89"));	/* ） */
	}
	child(x, "ArticleTitle", n->label ? n->label : "");
	for (c = n->first; c != NULL; c = c->next)
		if (c->type != N_DIVISION)
			loose(x, c, &r);
	if (r.pos == 0)
		emit_paragraph(x, NULL, 1);
}

/* An article with an empty title for a run of loose nodes [a, b). */
static void
emit_wrapper_article(xmlNodePtr parent, const struct node *const *a,
    const struct node *const *b, size_t pos)
{
	struct para_run r = { NULL, 0, 0 };
	xmlNodePtr x;

	x = child(parent, "Article", NULL);
	set_num(x, pos);
	child(x, "ArticleTitle", "");
	for (; a < b; a++)
		loose(x, *a, &r);
	if (r.pos == 0)
		emit_paragraph(x, NULL, 1);
}

/*
 * The body of a container as a flat list: its children, with each
 * article's divisions right after the article, and, where the container
 * is a Division already, the content of divisions under it in place
 * (their headings are loose nodes, kept as text).
 */
struct kids {
	const struct node	**v;
	size_t			  n;
};

static void
kids_push(struct kids *k, const struct node *n)
{
	k->v = xgrow(k->v, k->n + 1, sizeof(*k->v));
	k->v[k->n++] = n;
}

static void
gather(struct kids *k, const struct node *parent)
{
	const struct node *c, *d;

	for (c = parent->first; c != NULL; c = c->next) {
		kids_push(k, c);
		if (c->type == N_ARTICLE)
			for (d = c->first; d != NULL; d = d->next)
				if (d->type == N_DIVISION)
					kids_push(k, d);
	}
}

static int
is_container(const struct node *n, int level)
{
	return n->type == N_DIVISION && level + 1 < L__MAX;
}

static int
is_article(const struct node *n)
{
	return n->type == N_ARTICLE;
}

/*
 * [a, b) with each division in it (a heading too deep for a container)
 * followed by its own body, recursively: one flat run of articles and
 * loose nodes.
 */
static void
flatten(struct kids *out, const struct node *const *a,
    const struct node *const *b)
{
	struct kids k = { NULL, 0 };

	for (; a < b; a++) {
		kids_push(out, *a);
		if ((*a)->type != N_DIVISION)
			continue;
		gather(&k, *a);
		if (k.n > 0)
			flatten(out, k.v, k.v + k.n);
		free(k.v);
		k.v = NULL;
		k.n = 0;
	}
}

/*
 * Articles and loose text [a, b) into w: each article as it is, each run
 * of other nodes (a heading too deep for a container among them, as a
 * paragraph of its text) in a wrapper article.  An empty range is one
 * empty wrapper article (a container needs one).
 */
static void
emit_run(xmlNodePtr w, const struct node *const *a,
    const struct node *const *b, size_t *pos)
{
	struct kids k = { NULL, 0 };
	size_t i, j;

	flatten(&k, a, b);
	if (k.n == 0)
		emit_wrapper_article(w, a, b, ++*pos);
	for (i = 0; i < k.n; i = j) {
		if (is_article(k.v[i])) {
			emit_article(w, k.v[i], ++*pos);
			j = i + 1;
			continue;
		}
		for (j = i; j < k.n && !is_article(k.v[j]); j++)
			;
		emit_wrapper_article(w, k.v + i, k.v + j, ++*pos);
	}
	free(k.v);
}

/*
 * Write kids[0..n) into x, a container whose children are at level + 1,
 * as the schema's content model wants it: articles, then containers one
 * level down; other runs wrapped.  MainProvision takes one kind of child
 * only; a SupplProvision takes articles, chapters and paragraphs in any
 * order.
 */
enum body { B_CONTAINER, B_MAIN, B_SUPPL };

static void
emit_body(xmlNodePtr x, const struct node *const *kids, size_t n, int level,
    enum body how)
{
	static const struct node *const none[1];
	struct para_run r = { NULL, 0, 0 };
	size_t i, j, ncont = 0, nother = 0, sub = 0, apos = 0;
	xmlNodePtr w;

	if (kids == NULL)
		kids = none;		/* no arithmetic on a null pointer */
	for (i = 0; i < n; i++) {
		if (is_container(kids[i], level))
			ncont++;
		else if (!is_article(kids[i]))
			nother++;
	}
	if (how == B_SUPPL) {
		for (i = 0; i < n; i++) {
			if (is_container(kids[i], level)) {
				emit_container(x, kids[i], level + 1, ++sub);
				r.last = NULL;
			} else if (is_article(kids[i])) {
				emit_article(x, kids[i], ++apos);
				r.last = NULL;
			} else
				loose(x, kids[i], &r);
		}
		if (n == 0)
			emit_paragraph(x, NULL, 1);
		return;
	}
	/* Text alone in MainProvision: its paragraphs, as the schema allows. */
	if (how == B_MAIN && n > 0 && nother == n) {
		for (i = 0; i < n; i++)
			loose(x, kids[i], &r);
		return;
	}
	i = 0;
	for (;;) {
		/* A run of articles and loose text up to the next container. */
		for (j = i; j < n && !is_container(kids[j], level); j++)
			;
		if (j > i || n == 0) {
			if (ncont == 0 || (i == 0 && how == B_CONTAINER)) {
				w = x;		/* articles may stand here */
			} else {
				w = child(x, level_name[level + 1], NULL);
				set_num(w, ++sub);
				child(w, level_title[level + 1], "");
			}
			emit_run(w, kids + i, kids + j, &apos);
		}
		if (j == n)
			break;
		emit_container(x, kids[j], level + 1, ++sub);
		i = j + 1;
	}
}

/* A division as the container element of level, numbered pos if unnumbered. */
static void
emit_container(xmlNodePtr parent, const struct node *n, int level, int pos)
{
	struct kids k = { NULL, 0 };
	xmlNodePtr x;
	char *h;

	x = child(parent, level_name[level], NULL);
	if (n->num != NULL)
		xmlNewProp(x, X("Num"), X(n->num));
	else
		set_num(x, (size_t)pos);
	h = heading_text(n);
	child(x, level_title[level], h);
	free(h);
	gather(&k, n);
	emit_body(x, k.v, k.n, level, B_CONTAINER);
	free(k.v);
}

/*
 * The content of a flat appendix (appendix_flat()) as AppdxTable wants
 * it: tables, and items; a paragraph is an Item without ItemTitle.
 */
static void
emit_appendix(xmlNodePtr x, const struct node *from, size_t *pos)
{
	const struct node *c;
	xmlNodePtr it, w;

	for (c = from; c != NULL; c = c->next) {
		switch (c->type) {
		case N_TABLE:
			emit_table(x, c->table);
			break;
		case N_ITEM:
		case N_SUBITEM:
			emit_item(x, c, 0, ++*pos);
			break;
		case N_PARAGRAPH:
			it = child(x, "Item", NULL);
			set_num(it, ++*pos);
			w = child(it, "ItemSentence", NULL);
			sentences(w, c->text);
			emit_appendix(x, c->first, pos);
			break;
		default:
			break;
		}
	}
}

/* An appendix of tables, paragraphs and items only, for AppdxTable. */
static int
appendix_flat(const struct node *n)
{
	const struct node *c;

	for (c = n->first; c != NULL; c = c->next)
		if (c->type == N_DIVISION || c->type == N_ARTICLE)
			return 0;
	return 1;
}

/*
 * An appendix with headings or articles inside, in the Note of an
 * AppdxNote, which takes any element of the schema: a heading is a
 * NoteStruct whose NoteStructTitle is the heading and whose Note holds
 * what the heading holds; articles, paragraphs and tables are as
 * elsewhere.
 */
static void	emit_note(xmlNodePtr, const struct node *,
		    const struct node *);

static void
note_heading(xmlNodePtr x, const struct node *n)
{
	xmlNodePtr ns = child(x, "NoteStruct", NULL);
	char *h = heading_text(n);

	child(ns, "NoteStructTitle", h);
	free(h);
	emit_note(child(ns, "Note", NULL), n->first, NULL);
}

/* Nodes [from, to) into the Note x (to NULL: to the last sibling). */
static void
emit_note(xmlNodePtr x, const struct node *from, const struct node *to)
{
	struct para_run r = { NULL, 0, 0 };
	const struct node *c, *d;
	size_t pos = 0;

	for (c = from; c != to; c = c->next) {
		switch (c->type) {
		case N_DIVISION:
			note_heading(x, c);
			r.last = NULL;
			break;
		case N_ARTICLE:
			emit_article(x, c, ++pos);
			for (d = c->first; d != NULL; d = d->next)
				if (d->type == N_DIVISION)
					note_heading(x, d);
			r.last = NULL;
			break;
		case N_TABLE:
			emit_table(x, c->table);
			r.last = NULL;
			break;
		default:
			loose(x, c, &r);
			break;
		}
	}
}

/* 和暦: the era and year of a YYYY-MM-DD date (Meiji for any before). */
static void
era_year(const char *date, const char **era, int *year, int *month,
    int *day)
{
	static const struct {
		const char	*name;
		int		 y, m, d;
	} eras[] = {
		{ "Reiwa", 2019, 5, 1 }, { "Heisei", 1989, 1, 8 },
		{ "Showa", 1926, 12, 25 }, { "Taisho", 1912, 7, 30 },
		{ "Meiji", 1868, 1, 25 },
	};
	size_t i;
	int y = 0, m = 0, d = 0;

	if (date == NULL || sscanf(date, "%4d-%2d-%2d", &y, &m, &d) != 3)
		y = m = d = 0;
	for (i = 0; i + 1 < sizeof(eras) / sizeof(eras[0]); i++)
		if (y > eras[i].y || (y == eras[i].y && (m > eras[i].m ||
		    (m == eras[i].m && d >= eras[i].d))))
			break;
	*era = eras[i].name;
	*year = y - eras[i].y + 1 > 0 ? y - eras[i].y + 1 : 1;
	*month = m;
	*day = d;
}

/* Law's Num: the first run of digits of the law number, 1 when none. */
static unsigned long
law_num(const char *s)
{
	unsigned long v = 0;

	if (s == NULL)
		return 1;
	while (*s != '\0' && (*s < '0' || *s > '9'))
		s++;
	while (*s >= '0' && *s <= '9' && v < 100000000)
		v = v * 10 + (unsigned long)(*s++ - '0');
	return v > 0 ? v : 1;
}

/* 付則 and 別表 at the top follow MainProvision. */
static int
back_matter(const struct node *n)
{
	return n->type == N_DIVISION && (n->divkind == DIV_SUPPL ||
	    n->divkind == DIV_APPENDIX);
}

char *
tree_lawxml(const struct doc *doc)
{
	struct kids main = { NULL, 0 };
	const struct node *c, *lead, *back;
	xmlDocPtr xd = xmlNewDoc(X("1.0"));
	xmlNodePtr law, body, x, pre = NULL;
	xmlChar *mem = NULL;
	const char *era;
	char b[24], *h, *r;
	int year, month, day, size = 0, pos = 0, level = L_CHAPTER - 1;
	size_t apos = 0;

	law = xmlNewNode(NULL, X("Law"));
	xmlDocSetRootElement(xd, law);
	era_year(doc->meta.revision, &era, &year, &month, &day);
	xmlNewProp(law, X("Era"), X(era));
	snprintf(b, sizeof(b), "%d", year);
	xmlNewProp(law, X("Year"), X(b));
	snprintf(b, sizeof(b), "%lu", law_num(doc->meta.document_number));
	xmlNewProp(law, X("Num"), X(b));
	if (month > 0) {
		snprintf(b, sizeof(b), "%d", month);
		xmlNewProp(law, X("PromulgateMonth"), X(b));
		snprintf(b, sizeof(b), "%d", day);
		xmlNewProp(law, X("PromulgateDay"), X(b));
	}
	xmlNewProp(law, X("LawType"), X("Misc"));
	xmlNewProp(law, X("Lang"), X(doc->meta.lang &&
	    strcmp(doc->meta.lang, "ja") == 0 ? "ja" : "en"));
	child(law, "LawNum", doc->meta.document_number ?
	    doc->meta.document_number : doc->meta.document);
	body = child(law, "LawBody", NULL);
	child(body, "LawTitle", doc->meta.title);

	/*
	 * The main provision is what comes before the first top-level 付則
	 * or 別表; text before its first article or division is the
	 * Preamble, unless it is all the main provision holds.
	 */
	for (back = doc->root->first; back != NULL; back = back->next)
		if (back_matter(back))
			break;
	for (lead = doc->root->first; lead != back; lead = lead->next)
		if (lead->type == N_ARTICLE || lead->type == N_DIVISION)
			break;
	c = doc->root->first;
	if (lead != back && lead != c) {
		struct para_run run = { NULL, 0, 0 };

		pre = child(body, "Preamble", NULL);
		for (; c != lead; c = c->next)
			loose(pre, c, &run);
	}
	for (; c != back; c = c->next) {
		if (c->type == N_DIVISION && c->divkind == DIV_PART)
			level = L_PART - 1;
		kids_push(&main, c);
		if (c->type == N_ARTICLE) {
			const struct node *d;

			for (d = c->first; d != NULL; d = d->next)
				if (d->type == N_DIVISION)
					kids_push(&main, d);
		}
	}
	x = child(body, "MainProvision", NULL);
	emit_body(x, main.v, main.n, level, B_MAIN);
	free(main.v);

	/*
	 * Then, in order: 付則 as SupplProvision, 別表 as AppdxTable (or
	 * AppdxNote when it has headings inside), and anything else that
	 * follows them (a 別紙 read as a plain heading, text) as AppdxNote,
	 * with the heading as its title or, for text, with none.
	 */
	for (c = back; c != NULL; c = c->next) {
		if (c->type == N_DIVISION && c->divkind == DIV_SUPPL) {
			struct kids k = { NULL, 0 };

			x = child(body, "SupplProvision", NULL);
			h = heading_text(c);
			child(x, "SupplProvisionLabel", h);
			free(h);
			gather(&k, c);
			emit_body(x, k.v, k.n, L_PART, B_SUPPL);
			free(k.v);
		} else if (c->type == N_DIVISION && (c->divkind != DIV_APPENDIX ||
		    !appendix_flat(c))) {
			x = child(body, "AppdxNote", NULL);
			set_num(x, (size_t)++pos);
			h = heading_text(c);
			child(x, "AppdxNoteTitle", h);
			free(h);
			emit_note(child(child(x, "NoteStruct", NULL), "Note",
			    NULL), c->first, NULL);
		} else if (c->type == N_DIVISION) {
			x = child(body, "AppdxTable", NULL);
			set_num(x, (size_t)++pos);
			h = heading_text(c);
			child(x, "AppdxTableTitle", h);
			free(h);
			apos = 0;
			emit_appendix(x, c->first, &apos);
		} else {
			const struct node *end = c;

			while (end->next != NULL && end->next->type !=
			    N_DIVISION)
				end = end->next;
			x = child(body, "AppdxNote", NULL);
			set_num(x, (size_t)++pos);
			emit_note(child(child(x, "NoteStruct", NULL), "Note",
			    NULL), c, end->next);
			c = end;
		}
	}
	xmlDocDumpFormatMemoryEnc(xd, &mem, &size, "UTF-8", 1);
	r = xstrndup((const char *)mem, (size_t)size);
	xmlFree(mem);
	xmlFreeDoc(xd);
	return r;
}
