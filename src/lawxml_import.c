/*
 * Standard law XML (e-Gov's, or termc's own --format=lawxml) to a terms
 * file.  The XML is parsed whole by libxml2 with entities and network off,
 * then walked once, writing Markdown:
 *
 *   Part … Division, SupplProvision, AppdxTable …  headings, one level per
 *                                                 container (# to ######)
 *   Article         a heading "第一条（目的）", one level below its container
 *   Paragraph       "２　text" (the first, unnumbered, as plain text)
 *   Item, Subitem1… "一　text", "イ　text", each on its own block
 *   TableStruct     a Markdown table (the first row as its header)
 *
 * The reverse of lawxml.c's rules for what the schema cannot hold: an
 * Article with an empty ArticleTitle and no ArticleCaption, and a container
 * with an empty title, are wrappers whose content stands in their parent;
 * an empty Paragraph (no number, no text) is a placeholder and writes
 * nothing; in an appendix an Item without ItemTitle is a paragraph.
 *
 * Safety: a DOCTYPE (the only place entities can be declared) is refused
 * by a scan of the prolog before libxml2 sees the bytes, so no entity is
 * ever declared, expanded or loaded; the parser runs with XML_PARSE_NONET
 * and an external-entity loader that refuses everything.  libxml2 limits
 * nesting to 256 levels, which bounds the recursion of the walk.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "buf.h"
#include "diag.h"
#include "import.h"
#include "lawxml.h"
#include "meta.h"
#include "recog.h"
#include "template.h"
#include "xalloc.h"

#define IDSP	"\xe3\x80\x80"		/* 　 */
#define FILL	"FILL-ME"
#define DELETED	"\xe5\x89\x8a\xe9\x99\xa4"	/* 削除 */

struct w {
	struct buf	*o;
	int		 en;		/* Lang="en": captions in ( ) */
	int		 indent;	/* bullets of items: under a bullet */
	int		 in_article;	/* writing an article's paragraphs */
};

static int	name_is(xmlNodePtr, const char *);

int
lawxml_detect(const char *b, size_t len)
{
	size_t i = 0;

	if (len >= 3 && memcmp(b, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < len && strchr(" \t\r\n", b[i]) != NULL && b[i] != '\0')
		i++;
	if (len - i >= 5 && memcmp(b + i, "<?xml", 5) == 0)
		return 1;
	return len - i >= 5 && memcmp(b + i, "<Law", 4) == 0 &&
	    strchr(" \t\r\n>", b[i + 4]) != NULL && b[i + 4] != '\0';
}

/*
 * The line of a DOCTYPE (or any other <! declaration but a comment) in
 * the prolog, the part before the root element, or 0 when there is none.
 */
static int
prolog_doctype(const char *b, size_t len)
{
	const char *p = b, *end = b + len, *q;
	int line = 1;

	while (p < end) {
		if (*p == '\n')
			line++;
		if (*p != '<') {
			p++;
			continue;
		}
		if (end - p >= 4 && memcmp(p, "<!--", 4) == 0) {
			for (q = p + 4; q + 3 <= end && memcmp(q, "-->", 3); q++)
				if (*q == '\n')
					line++;
			p = q + 3;
		} else if (end - p >= 2 && p[1] == '?') {
			for (q = p + 2; q + 2 <= end && memcmp(q, "?>", 2); q++)
				if (*q == '\n')
					line++;
			p = q + 2;
		} else if (end - p >= 2 && p[1] == '!')
			return line;
		else
			return 0;	/* the root element */
	}
	return 0;
}

static void
first_error(void *ctx, xmlErrorPtr e)
{
	xmlError *first = ctx;

	if (first->code == 0 && e->level >= XML_ERR_ERROR)
		xmlCopyError(e, first);
}

static int
name_is(xmlNodePtr n, const char *name)
{
	return n != NULL && n->type == XML_ELEMENT_NODE &&
	    strcmp((const char *)n->name, name) == 0;
}

static int
name_ends(xmlNodePtr n, const char *suffix)
{
	size_t a, b;

	if (n == NULL || n->type != XML_ELEMENT_NODE)
		return 0;
	a = strlen((const char *)n->name);
	b = strlen(suffix);
	return a >= b && strcmp((const char *)n->name + a - b, suffix) == 0;
}

static xmlNodePtr
find(xmlNodePtr parent, const char *name)
{
	xmlNodePtr c;

	for (c = parent ? parent->children : NULL; c != NULL; c = c->next)
		if (name_is(c, name))
			return c;
	return NULL;
}

/* The text of n: its character data, ruby readings (Rt) left out. */
static void
text_of(struct buf *b, xmlNodePtr n)
{
	xmlNodePtr c;

	for (c = n->children; c != NULL; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE)
			buf_puts(b, (const char *)c->content);
		else if (c->type == XML_ELEMENT_NODE && !name_is(c, "Rt"))
			text_of(b, c);
	}
}

/*
 * The text of a sentence wrapper (ParagraphSentence, ItemSentence …):
 * its Sentences joined as written, Columns apart by an ideographic space.
 * White space that only indents the XML is not text.
 */
static char *
sentence_text(xmlNodePtr wrap)
{
	struct buf b;
	xmlNodePtr c;
	int ncol = 0;

	buf_init(&b);
	for (c = wrap ? wrap->children : NULL; c != NULL; c = c->next) {
		if (name_is(c, "Column")) {
			if (ncol++ > 0)
				buf_puts(&b, IDSP);
			text_of(&b, c);
		} else if (c->type == XML_ELEMENT_NODE)
			text_of(&b, c);
	}
	buf_putc(&b, '\0');
	return buf_detach(&b);
}

static char *
plain(xmlNodePtr n)
{
	struct buf b;

	buf_init(&b);
	if (n != NULL)
		text_of(&b, n);
	buf_putc(&b, '\0');
	return buf_detach(&b);
}

/* A new block: a blank line after what came before. */
static void
block(struct w *w)
{
	if (w->o->len > 0 && !(w->o->len >= 2 &&
	    memcmp(w->o->data + w->o->len - 2, "\n\n", 2) == 0))
		buf_puts(w->o, w->o->data[w->o->len - 1] == '\n' ? "\n" :
		    "\n\n");
}

/*
 * Text as Markdown reads it back as the same text: ASCII punctuation that
 * Markdown gives a meaning to is escaped, and so is what would open a
 * block at the start of a line (#, >, -, +, =, 1. and 1) ).  A line break
 * stays one: a terms file keeps the lines of a paragraph.
 */
static void
md_text(struct w *w, const char *s, int at_line_start)
{
	const char *p;

	for (p = s; *p != '\0'; p++) {
		if (at_line_start) {
			const char *q = p;

			while (*q >= '0' && *q <= '9')
				q++;
			if (strchr("#>-+=", *p) != NULL)
				buf_putc(w->o, '\\');
			else if (q > p && (*q == '.' || *q == ')')) {
				buf_put(w->o, p, (size_t)(q - p));
				p = q;
				buf_putc(w->o, '\\');
			}
			at_line_start = 0;
		}
		if (*p == '\n') {
			buf_putc(w->o, '\n');
			at_line_start = 1;
			continue;
		}
		if (*p == '\r')
			continue;
		if (strchr("\\`*_[]<>|&~!", *p) != NULL)
			buf_putc(w->o, '\\');
		buf_putc(w->o, *p);
	}
}

static void
heading(struct w *w, int level, const char *text)
{
	block(w);
	if (level > 6)
		level = 6;
	while (level-- > 0)
		buf_putc(w->o, '#');
	buf_putc(w->o, ' ');
	md_text(w, text, 0);
	buf_putc(w->o, '\n');
}

/* "label　text", or the text alone: one block. */
static void
line(struct w *w, const char *label, const char *text)
{
	int has = label != NULL && *label != '\0';

	if (!has && *text == '\0')
		return;
	block(w);
	if (has) {
		md_text(w, label, 1);
		/* An ASCII label ("1.", "(a)") is followed by a space. */
		buf_puts(w->o, (unsigned char)label[strlen(label) - 1] < 0x80 ?
		    " " : IDSP);
	}
	md_text(w, text, !has);
	buf_putc(w->o, '\n');
}

static void
cell(struct w *w, xmlNodePtr c)
{
	char *t = c ? plain(c) : xstrdup("");
	char *p;

	for (p = t; *p; p++)
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
	buf_putc(w->o, ' ');
	md_text(w, t, 0);
	buf_puts(w->o, " |");
	free(t);
}

/* A Table as a Markdown table; its first row is the header. */
static void
table(struct w *w, xmlNodePtr t)
{
	xmlNodePtr r, c;
	size_t ncols = 0, k, nrows = 0;
	xmlChar *a;

	for (r = t->children; r != NULL; r = r->next) {
		if (!name_is(r, "TableRow") && !name_is(r, "TableHeaderRow"))
			continue;
		nrows++;
		k = 0;
		for (c = r->children; c != NULL; c = c->next)
			if (c->type == XML_ELEMENT_NODE)
				k++;
		if (k > ncols)
			ncols = k;
	}
	if (ncols == 0)
		return;
	block(w);
	nrows = 0;
	for (r = t->children; r != NULL; r = r->next) {
		if (!name_is(r, "TableRow") && !name_is(r, "TableHeaderRow"))
			continue;
		buf_putc(w->o, '|');
		k = 0;
		for (c = r->children; c != NULL; c = c->next)
			if (c->type == XML_ELEMENT_NODE) {
				cell(w, c);
				k++;
			}
		for (; k < ncols; k++)
			cell(w, NULL);
		buf_putc(w->o, '\n');
		if (nrows++ > 0)
			continue;
		/* The delimiter row: alignment from the next row's cells. */
		buf_putc(w->o, '|');
		c = NULL;
		for (xmlNodePtr n = r->next; n != NULL; n = n->next)
			if (name_is(n, "TableRow")) {
				c = n->children;
				break;
			}
		for (k = 0; k < ncols; k++) {
			while (c != NULL && c->type != XML_ELEMENT_NODE)
				c = c->next;
			a = c ? xmlGetProp(c, (const xmlChar *)"Align") : NULL;
			buf_puts(w->o, a == NULL ? "---|" :
			    strcmp((char *)a, "left") == 0 ? ":--|" :
			    strcmp((char *)a, "center") == 0 ? ":-:|" :
			    strcmp((char *)a, "right") == 0 ? "--:|" : "---|");
			xmlFree(a);
			if (c != NULL)
				c = c->next;
		}
		buf_putc(w->o, '\n');
	}
}

static void	struct_el(struct w *, xmlNodePtr);
static int	has_title(xmlNodePtr);

/* Item, Subitem1 … Subitem10 and List/Sublist: "title　text", then below. */
static void
item(struct w *w, xmlNodePtr n)
{
	xmlNodePtr c, title = NULL, sent = NULL;
	char *t, *s;
	int i, depth = 0;

	if (strncmp((const char *)n->name, "Subitem", 7) == 0)
		depth = atoi((const char *)n->name + 7);

	for (c = n->children; c != NULL; c = c->next) {
		if (title == NULL && name_ends(c, "Title"))
			title = c;
		else if (sent == NULL && name_ends(c, "Sentence"))
			sent = c;
	}
	t = plain(title);
	s = sentence_text(sent);
	if ((*t == '\0' && *s != '\0') || (*t != '\0' && depth > 0 &&
	    n->parent != NULL && !has_title(n->parent))) {
		/*
		 * An item without a number is a bullet, as a terms file
		 * writes one; a sub-item's bullet is indented under it.
		 * So is a numbered sub-item under a bullet ("- (a) …"), or
		 * it would leave the list it belongs to.
		 */
		block(w);
		for (i = 0; i < depth + w->indent; i++)
			buf_puts(w->o, "  ");
		buf_puts(w->o, "- ");
		if (*t != '\0') {
			md_text(w, t, 0);
			buf_putc(w->o, ' ');
		}
		md_text(w, s, 0);
		buf_putc(w->o, '\n');
	} else
		line(w, t, s);
	free(t);
	free(s);
	for (c = n->children; c != NULL; c = c->next)
		if (c != title && c != sent)
			struct_el(w, c);
}

/* What may stand under a paragraph or an item: more items, tables … */
static void
struct_el(struct w *w, xmlNodePtr c)
{
	xmlNodePtr t;
	char *s;

	if (c->type != XML_ELEMENT_NODE)
		return;
	if (name_is(c, "TableStruct")) {
		for (t = c->children; t != NULL; t = t->next)
			if (name_is(t, "Table"))
				table(w, t);
			else
				struct_el(w, t);
	} else if (name_is(c, "Table"))
		table(w, c);
	else if (name_is(c, "Item") || strncmp((const char *)c->name,
	    "Subitem", 7) == 0 || name_is(c, "List") ||
	    strncmp((const char *)c->name, "Sublist", 7) == 0)
		item(w, c);
	else if (name_is(c, "Remarks") || name_is(c, "Class") ||
	    name_is(c, "AmendProvision") || name_is(c, "NoteStruct") ||
	    name_is(c, "StyleStruct") || name_is(c, "FigStruct") ||
	    name_is(c, "Note") || name_is(c, "Style") ||
	    name_is(c, "QuoteStruct")) {
		for (t = c->children; t != NULL; t = t->next)
			struct_el(w, t);
	} else if (name_is(c, "Fig")) {
		;				/* a picture: no text */
	} else {
		/* Titles, labels, sentences: a paragraph of their text. */
		s = plain(c);
		line(w, NULL, s);
		free(s);
	}
}

/* Does item n have a number (a non-empty title)? */
static int
has_title(xmlNodePtr n)
{
	xmlNodePtr c;
	char *t;
	int r = 0;

	for (c = n->children; c != NULL; c = c->next)
		if (name_ends(c, "Title")) {
			t = plain(c);
			r = *t != '\0';
			free(t);
		}
	return r;
}

static void
paragraph(struct w *w, xmlNodePtr p)
{
	xmlNodePtr c, first = NULL;
	char *num, *s;
	int n;

	num = plain(find(p, "ParagraphNum"));
	s = sentence_text(find(p, "ParagraphSentence"));
	for (c = p->children; c != NULL; c = c->next)
		if (name_is(c, "ParagraphCaption")) {
			char *cap = plain(c);

			/* An English one titles its numbered paragraph,
			 * "2.1 Registration", its text the block below;
			 * （施行期日） stands on its own line above, and an
			 * empty one is none: the number stays with the
			 * text. */
			if (*cap != '\0' && (unsigned char)cap[0] < 0x80 &&
			    *num != '\0') {
				line(w, num, cap);
				*num = '\0';
			} else
				line(w, NULL, cap);
			free(cap);
		}
	/*
	 * Items without numbers are bullets (item()).  In an article they
	 * stand right under the paragraph's text, numbered or not: there a
	 * bullet list of two entries or more under a paragraph written as a
	 * block of text holds its items, and so does one under a lead, as a
	 * terms file writes them.  Elsewhere (a 附則 or an appendix made of
	 * paragraphs), and for a lone item under a sentence that leads to
	 * nothing, an unnumbered paragraph becomes a bullet and its items
	 * nest under it.
	 */
	n = 0;
	for (c = p->children; c != NULL; c = c->next)
		if (name_is(c, "Item") && n++ == 0)
			first = c;
	if (*num == '\0' && *s != '\0' && n > 0 && !has_title(first) &&
	    (!w->in_article || (n == 1 && !recog_announces_items(s)))) {
		block(w);
		buf_puts(w->o, "- ");
		md_text(w, s, 0);
		buf_putc(w->o, '\n');
		w->indent = 1;
	} else
		line(w, num, s);
	free(num);
	free(s);
	for (c = p->children; c != NULL; c = c->next)
		if (!name_is(c, "ParagraphNum") && !name_is(c,
		    "ParagraphSentence") && !name_is(c, "ParagraphCaption"))
			struct_el(w, c);
	w->indent = 0;
}

/* A caption "（目的）" without its brackets, or NULL when it has none. */
static char *
unbracket(const char *s)
{
	size_t n = strlen(s);

	if (n >= 6 && strncmp(s, "\xef\xbc\x88", 3) == 0 &&
	    strcmp(s + n - 3, "\xef\xbc\x89") == 0)
		return xstrndup(s + 3, n - 6);
	if (n >= 2 && s[0] == '(' && s[n - 1] == ')')
		return xstrndup(s + 1, n - 2);
	return NULL;
}

/*
 * Is a a deleted article as e-Gov writes one: a title, no caption, and
 * one unnumbered paragraph whose whole text is 削除?
 */
static int
deleted(xmlNodePtr a)
{
	xmlNodePtr c, p = NULL;
	char *t;
	int r;

	if (find(a, "ArticleCaption") != NULL)
		return 0;
	for (c = a->children; c != NULL; c = c->next) {
		if (name_is(c, "ArticleTitle"))
			continue;
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (p != NULL || !name_is(c, "Paragraph"))
			return 0;
		p = c;
	}
	if (p == NULL)
		return 0;
	for (c = p->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE && !name_is(c, "ParagraphNum") &&
		    !name_is(c, "ParagraphSentence"))
			return 0;
	t = plain(find(p, "ParagraphNum"));
	r = *t == '\0';
	free(t);
	t = plain(find(a, "ArticleTitle"));
	r = r && *t != '\0';
	free(t);
	t = sentence_text(find(p, "ParagraphSentence"));
	r = r && strcmp(t, DELETED) == 0;
	free(t);
	return r;
}

static void
article(struct w *w, xmlNodePtr a, int level)
{
	xmlNodePtr c, cap = find(a, "ArticleCaption");
	char *title = plain(find(a, "ArticleTitle")), *ctext = plain(cap);
	char *bare = unbracket(ctext);
	struct buf h;

	if (deleted(a)) {
		/* 第七条　削除, as a terms file writes a deleted article. */
		buf_init(&h);
		buf_printf(&h, "%s" IDSP DELETED, title);
		heading(w, level, h.data);
		buf_release(&h);
		free(title);
		free(ctext);
		free(bare);
		return;
	}
	if (*title != '\0' || cap != NULL) {
		buf_init(&h);
		buf_puts(&h, title);
		if (*title == '\0')
			buf_puts(&h, bare ? bare : ctext);
		else if (cap != NULL && w->en)
			buf_printf(&h, " (%s)", bare ? bare : ctext);
		else if (cap != NULL)
			buf_puts(&h, ctext);
		buf_putc(&h, '\0');
		heading(w, level, h.data);
		buf_release(&h);
	}
	w->in_article = 1;
	for (c = a->children; c != NULL; c = c->next) {
		if (name_is(c, "Paragraph"))
			paragraph(w, c);
		else if (!name_is(c, "ArticleTitle") &&
		    !name_is(c, "ArticleCaption"))
			struct_el(w, c);
	}
	w->in_article = 0;
	free(title);
	free(ctext);
	free(bare);
}

static void	body(struct w *, xmlNodePtr, int);
static void	appendix(struct w *, xmlNodePtr, int);
static void	suppl(struct w *, xmlNodePtr, int);

/* Part … Division: a heading, or, with an empty title, a wrapper. */
static void
container(struct w *w, xmlNodePtr n, int level)
{
	xmlNodePtr t = n->children;
	char *s;
	int wrapper;

	while (t != NULL && !name_ends(t, "Title"))
		t = t->next;
	s = plain(t);
	if (!(wrapper = *s == '\0'))
		heading(w, level, s);
	free(s);
	body(w, n, wrapper ? level : level + 1);
}

static void	body_one(struct w *, xmlNodePtr, int);

/* The children of a container or provision; headings at level. */
static void
body(struct w *w, xmlNodePtr n, int level)
{
	xmlNodePtr c;

	for (c = n->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE && !name_ends(c, "Title") &&
		    !name_ends(c, "Label"))
			body_one(w, c, level);
}

static void
body_one(struct w *w, xmlNodePtr c, int level)
{
	static const char *const cont[] = {
		"Part", "Chapter", "Section", "Subsection", "Division"
	};
	size_t i;

	{
		for (i = 0; i < sizeof(cont) / sizeof(cont[0]); i++)
			if (name_is(c, cont[i]))
				break;
		if (i < sizeof(cont) / sizeof(cont[0]))
			container(w, c, level);
		else if (name_is(c, "Article"))
			article(w, c, level);
		else if (name_is(c, "Paragraph"))
			paragraph(w, c);
		else if (name_is(c, "SupplProvision"))
			suppl(w, c, level);
		else if (name_is(c, "RelatedArticleNum"))
			;
		else if (name_ends(c, "AppdxTable") || name_ends(c, "Appdx") ||
		    name_ends(c, "AppdxStyle") || name_ends(c, "AppdxNote") ||
		    name_ends(c, "AppdxFormat") || name_ends(c, "AppdxFig"))
			appendix(w, c, level);
		else
			struct_el(w, c);
	}
}

/*
 * The Note of an appendix as lawxml.c writes one for an appendix with
 * headings inside: a NoteStruct is a heading one level down (its
 * NoteStructTitle) over the content of its Note.
 */
static void
note(struct w *w, xmlNodePtr n, int level)
{
	xmlNodePtr c, k;
	char *t;

	for (c = n->children; c != NULL; c = c->next) {
		if (name_is(c, "NoteStruct")) {
			t = plain(find(c, "NoteStructTitle"));
			heading(w, level + 1, t);
			free(t);
			for (k = c->children; k != NULL; k = k->next)
				if (name_is(k, "Note"))
					note(w, k, level + 1);
				else if (!name_is(k, "NoteStructTitle"))
					struct_el(w, k);
		} else if (name_is(c, "Article"))
			article(w, c, level + 1);
		else if (name_is(c, "Paragraph"))
			paragraph(w, c);
		else
			struct_el(w, c);
	}
}

/*
 * 別表 and the other appendices: a heading of their title (and the
 * articles they relate to), then tables and items; an Item without
 * ItemTitle is a paragraph, a TableStructTitle a heading one level down.
 */
static void
appendix(struct w *w, xmlNodePtr n, int level)
{
	xmlNodePtr c;
	struct buf h;

	buf_init(&h);
	for (c = n->children; c != NULL; c = c->next)
		if (name_ends(c, "Title") || name_is(c, "RelatedArticleNum"))
			text_of(&h, c);
	buf_putc(&h, '\0');
	/* An AppdxNote without a title holds text that follows 付則. */
	if (*h.data != '\0' || !name_is(n, "AppdxNote"))
		heading(w, level, *h.data ? h.data :
		    "\xe5\x88\xa5\xe8\xa1\xa8");		/* 別表 */
	else
		level--;
	buf_release(&h);
	for (c = n->children; c != NULL; c = c->next) {
		if (name_ends(c, "Title") || name_is(c, "RelatedArticleNum"))
			continue;
		if (name_is(c, "NoteStruct") && find(c, "Note") != NULL) {
			for (xmlNodePtr k = c->children; k != NULL; k = k->next)
				if (name_is(k, "Note"))
					note(w, k, level);
				else
					struct_el(w, k);
		} else if (name_is(c, "TableStruct") &&
		    find(c, "TableStructTitle") != NULL) {
			char *t = plain(find(c, "TableStructTitle"));

			heading(w, level + 1, t);
			free(t);
			for (xmlNodePtr k = c->children; k != NULL; k = k->next)
				if (name_is(k, "Table"))
					table(w, k);
				else if (!name_is(k, "TableStructTitle"))
					struct_el(w, k);
		} else if (name_is(c, "Item") && find(c, "ItemTitle") == NULL) {
			char *t = sentence_text(find(c, "ItemSentence"));

			line(w, NULL, t);
			free(t);
			for (xmlNodePtr k = c->children; k != NULL; k = k->next)
				if (!name_is(k, "ItemSentence"))
					struct_el(w, k);
		} else
			struct_el(w, c);
	}
}

/* 附則: "附則（改正法の番号）", then its articles, paragraphs and chapters. */
static void
suppl(struct w *w, xmlNodePtr n, int level)
{
	xmlChar *amend = xmlGetProp(n, (const xmlChar *)"AmendLawNum");
	struct buf h;
	char *label = plain(find(n, "SupplProvisionLabel"));

	buf_init(&h);
	buf_puts(&h, *label ? label : "\xe9\x99\x84\xe5\x89\x87");	/* 附則 */
	if (amend != NULL && *amend != '\0')
		buf_printf(&h, "\xef\xbc\x88%s\xef\xbc\x89", (char *)amend);
	buf_putc(&h, '\0');
	heading(w, level, h.data);
	buf_release(&h);
	free(label);
	xmlFree(amend);
	body(w, n, level + 1);
}

static void
yaml_field(struct buf *o, const char *key, const char *v)
{
	const unsigned char *p;

	buf_printf(o, "%s: \"", key);
	for (p = (const unsigned char *)v; *p != '\0'; p++) {
		if (*p < 0x20 || *p == 0x7f)
			buf_putc(o, ' ');
		else {
			if (*p == '"' || *p == '\\')
				buf_putc(o, '\\');
			buf_putc(o, *p);
		}
	}
	buf_puts(o, "\"\n");
}

/* The revision of an e-Gov file name: 405AC0000000088_20240401.xml. */
static char *
name_date(const char *path)
{
	const char *base = strrchr(path, '/'), *u;
	char d[11];

	base = base ? base + 1 : path;
	if ((u = strrchr(base, '_')) == NULL || strspn(u + 1, "0123456789")
	    != 8)
		return NULL;
	snprintf(d, sizeof(d), "%.4s-%.2s-%.2s", u + 1, u + 5, u + 7);
	return is_date(d) ? xstrdup(d) : NULL;
}

/*
 * The promulgation date of Law's Era, Year, PromulgateMonth and
 * PromulgateDay, as termc's export writes the revision date there.
 */
static char *
promulgated(xmlNodePtr law)
{
	static const struct {
		const char	*name;
		int		 base;
	} eras[] = {
		{ "Meiji", 1867 }, { "Taisho", 1911 }, { "Showa", 1925 },
		{ "Heisei", 1988 }, { "Reiwa", 2018 },
	};
	static const char *const attr[] = {
		"Era", "Year", "PromulgateMonth", "PromulgateDay"
	};
	xmlChar *v[4];
	char d[32], *r = NULL;
	size_t i;

	for (i = 0; i < 4; i++)
		v[i] = xmlGetProp(law, (const xmlChar *)attr[i]);
	for (i = 0; v[0] != NULL && i < sizeof(eras) / sizeof(eras[0]); i++)
		if (strcmp((char *)v[0], eras[i].name) == 0 && v[1] && v[2] &&
		    v[3] && strlen((char *)v[1]) < 4 && strlen((char *)v[2]) < 3 &&
		    strlen((char *)v[3]) < 3) {
			snprintf(d, sizeof(d), "%04d-%02d-%02d", eras[i].base +
			    atoi((char *)v[1]), atoi((char *)v[2]),
			    atoi((char *)v[3]));
			if (is_date(d))
				r = xstrdup(d);
		}
	for (i = 0; i < 4; i++)
		xmlFree(v[i]);
	return r;
}

static void
front_matter(struct buf *o, const char *path, xmlNodePtr law,
    const struct import_opts *op, struct diags *d)
{
	xmlNodePtr b = find(law, "LawBody");
	char *title = plain(find(b, "LawTitle")), *num = plain(find(law,
	    "LawNum")), *rev = name_date(path);

	if (rev == NULL)
		rev = promulgated(law);
	xmlChar *lang = xmlGetProp(law, (const xmlChar *)"Lang");

	buf_puts(o, "---\n");
	yaml_field(o, "provider", op->provider ? op->provider : FILL);
	yaml_field(o, "provider_name", op->provider_name ? op->provider_name :
	    FILL);
	yaml_field(o, "document", op->document ? op->document : FILL);
	yaml_field(o, "title", op->title ? op->title : *title ? title : FILL);
	if (*num != '\0')
		yaml_field(o, "document_number", num);
	yaml_field(o, "revision", op->revision ? op->revision : rev ? rev :
	    FILL);
	yaml_field(o, "lang", lang && strcmp((char *)lang, "en") == 0 ? "en" :
	    "ja");
	buf_puts(o, "---\n");
	if (op->provider == NULL)
		diag(d, path, 0, 0, D_IMP_FILL, "provider (--provider)");
	if (op->provider_name == NULL)
		diag(d, path, 0, 0, D_IMP_FILL,
		    "provider_name (--provider-name)");
	if (op->document == NULL)
		diag(d, path, 0, 0, D_IMP_FILL, "document (--document)");
	if (op->title == NULL && *title == '\0')
		diag(d, path, 0, 0, D_IMP_FILL, "title (--title)");
	if (op->revision == NULL && rev == NULL)
		diag(d, path, 0, 0, D_IMP_FILL, "revision (--revision)");
	free(title);
	free(num);
	free(rev);
	xmlFree(lang);
}

char *
lawxml_import(const char *path, const char *bytes, size_t len,
    const struct import_opts *op, struct diags *d)
{
	xmlExternalEntityLoader old;
	xmlDocPtr doc;
	xmlNodePtr law, b, c;
	xmlError err;
	struct buf o;
	struct w w;
	xmlChar *lang;
	const char *msg;
	int at;

	if ((at = prolog_doctype(bytes, len)) > 0) {
		diag(d, path, at, 1, D_XML_DOCTYPE, "standard law XML has "
		    "no DOCTYPE; entities and external resources stay off");
		return NULL;
	}
	if (len > INT32_MAX) {
		diag(d, path, 0, 0, D_TOO_BIG, "%zu bytes", len);
		return NULL;
	}
	memset(&err, 0, sizeof(err));
	old = xmlGetExternalEntityLoader();
	xmlSetExternalEntityLoader(xml_refuse_entity);
	xmlSetStructuredErrorFunc(&err, first_error);
	doc = xmlReadMemory(bytes, (int)len, path, NULL, XML_PARSE_NONET |
	    XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	xmlSetStructuredErrorFunc(NULL, NULL);
	xmlSetExternalEntityLoader(old);
	if (doc == NULL || err.code != 0) {
		msg = err.message ? err.message : "cannot parse";
		diag(d, path, err.line, err.int2 > 0 ? err.int2 : 1,
		    D_XML_SYNTAX, "%.*s", (int)strcspn(msg, "\n"), msg);
		xmlResetError(&err);
		if (doc != NULL)
			xmlFreeDoc(doc);
		return NULL;
	}
	law = xmlDocGetRootElement(doc);
	if (law == NULL || !name_is(law, "Law") || law->ns != NULL ||
	    (b = find(law, "LawBody")) == NULL) {
		diag(d, path, law ? (int)xmlGetLineNo(law) : 0, 1, D_LAWXML,
		    law == NULL ? "no root element" : !name_is(law, "Law") ?
		    "the root element is <%s>, not <Law>" : law->ns != NULL ?
		    "<%s> is in a namespace" : "<%s> has no <LawBody>",
		    law ? (const char *)law->name : "");
		xmlFreeDoc(doc);
		return NULL;
	}
	buf_init(&o);
	front_matter(&o, path, law, op, d);
	lang = xmlGetProp(law, (const xmlChar *)"Lang");
	memset(&w, 0, sizeof(w));
	w.o = &o;
	w.en = lang != NULL && strcmp((char *)lang, "en") == 0;
	xmlFree(lang);
	for (c = b->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || name_is(c, "LawTitle") ||
		    name_is(c, "TOC"))
			continue;
		if (name_is(c, "EnactStatement")) {
			char *t = plain(c);

			line(&w, NULL, t);
			free(t);
		} else if (name_is(c, "Preamble") ||
		    name_is(c, "MainProvision"))
			body(&w, c, 1);
		else if (name_is(c, "SupplProvision"))
			suppl(&w, c, 1);
		else
			body_one(&w, c, 1);
	}
	xmlFreeDoc(doc);
	buf_putc(&o, '\0');
	return buf_detach(&o);
}
