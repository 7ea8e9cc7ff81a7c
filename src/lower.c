/*
 * Lowering: cmark-gfm's block tree → the clause tree (clause.h).
 *
 * Headings open divisions and articles and nest by heading level.  Body
 * blocks inside an article become paragraphs (項), items (号) and
 * sub-items, recognized in two ways that may mix:
 *
 *  - Markdown lists: a list at article level holds paragraphs, a list
 *    inside a paragraph holds items, deeper lists hold sub-items.  Ordered
 *    list numbers are read back from the source line, because cmark keeps
 *    only a list's first number and the source's numbers are what count.
 *  - Written markers: every line of a block is a unit.  A block's first
 *    line opens a paragraph (numbered if it starts with ２　, 2 , ２．);
 *    a line that starts with an item marker (（１）, (1), 一　, ①, イ　,
 *    （ア）) opens an item; the marker scheme decides the depth, the first
 *    scheme met under a paragraph being items, a new scheme one deeper,
 *    a scheme seen before closing back to its level (so statute order
 *    一 → イ → (1) and contract order （１）→ ① both work).  An unmarked
 *    later line under a paragraph is an item whose number was lost; under
 *    a marked item it continues that item's text.
 *
 * Then every node gets its stable id and duplicate article numbers are
 * reported.  Numbers are kept as written: nothing is renumbered.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

#include "buf.h"
#include "clause.h"
#include "diag.h"
#include "hmap.h"
#include "lower.h"
#include "meta.h"
#include "numeral.h"
#include "pool.h"
#include "recog.h"
#include "source.h"
#include "text.h"
#include "xalloc.h"

#define MAX_LEVELS	8	/* marker levels under one paragraph */
#define MAX_LISTS	8	/* nested Markdown lists */

/* cmark node types, mapped once. */
enum mdtype {
	MD_OTHER, MD_HEADING, MD_PARAGRAPH, MD_LIST, MD_ITEM, MD_QUOTE,
	MD_CODE_BLOCK, MD_HTML_BLOCK, MD_TABLE, MD_TABLE_ROW, MD_TABLE_CELL,
	MD_TEXT, MD_CODE, MD_HTML_INLINE, MD_SOFTBREAK, MD_LINEBREAK,
	MD_EMPH, MD_STRONG, MD_LINK, MD_IMAGE
};

static enum mdtype
md_type(cmark_node *n)
{
	cmark_node_type t = cmark_node_get_type(n);

	switch (t) {
	case CMARK_NODE_HEADING: return MD_HEADING;
	case CMARK_NODE_PARAGRAPH: return MD_PARAGRAPH;
	case CMARK_NODE_LIST: return MD_LIST;
	case CMARK_NODE_ITEM: return MD_ITEM;
	case CMARK_NODE_BLOCK_QUOTE: return MD_QUOTE;
	case CMARK_NODE_CODE_BLOCK: return MD_CODE_BLOCK;
	case CMARK_NODE_HTML_BLOCK: return MD_HTML_BLOCK;
	case CMARK_NODE_TEXT: return MD_TEXT;
	case CMARK_NODE_CODE: return MD_CODE;
	case CMARK_NODE_HTML_INLINE: return MD_HTML_INLINE;
	case CMARK_NODE_SOFTBREAK: return MD_SOFTBREAK;
	case CMARK_NODE_LINEBREAK: return MD_LINEBREAK;
	case CMARK_NODE_EMPH: return MD_EMPH;
	case CMARK_NODE_STRONG: return MD_STRONG;
	case CMARK_NODE_LINK: return MD_LINK;
	case CMARK_NODE_IMAGE: return MD_IMAGE;
	default: break;
	}
	/*
	 * Debian's cmark-gfm 0.29 does not export the table extension's
	 * node type variables; its type strings are stable.
	 */
	{
		const char *name = cmark_node_get_type_string(n);

		if (strcmp(name, "table") == 0)
			return MD_TABLE;
		if (strcmp(name, "table_row") == 0 ||
		    strcmp(name, "table_header") == 0)
			return MD_TABLE_ROW;
		if (strcmp(name, "table_cell") == 0)
			return MD_TABLE_CELL;
	}
	return MD_OTHER;
}

/* A flattened block: plain text, spans, and where its lines break. */
struct fspan {
	size_t		 off;
	size_t		 len;
	enum spankind	 kind;
	char		*href;
};

struct flat {
	struct buf	 text;
	struct fspan	*spans;
	size_t		 nspans;
	size_t		 spancap;
	size_t		*brk;		/* offsets where a new line starts */
	unsigned char	*hard;		/* brk[i] follows a hard break: two
					   spaces, a backslash, <br> */
	size_t		 nbrk;
	size_t		 brkcap;
	/*
	 * The item markers written inside a line of the text, "…, (ii)
	 * the" (inline_marks()): read once, when a line first asks
	 * (mid_read, cleared whenever the text changes); the first 16.
	 */
	struct marker	 mid[16];
	size_t		 nmid;
	int		 mid_read;
};

/* Marker state: what written markers under `base` open. */
struct mstate {
	struct node	*base;		/* paragraph (or list entry) owning level 0 */
	struct node	*unit;		/* node that takes continuation lines */
	int		 nlev;
	enum mscheme	 scheme[MAX_LEVELS];
	int		 iroha[MAX_LEVELS];	/* MS_PAREN_KANA order */
	struct node	*open[MAX_LEVELS];
	int		 bullets;	/* level 0 holds ・ bullets */
};

struct clines;

struct lower {
	const struct source	*src;
	const struct meta	*meta;
	struct diags		*d;
	/*
	 * The body is lowered in pieces (lower_pieces()): base is the
	 * line before the piece's first, which cmark-gfm numbers 1.
	 */
	int			 pieces;
	int			 base;
	/*
	 * In pieces: the lines of the top-level blocks that a contents list
	 * could hold (contents_lines()), kept to tell at the end whether
	 * the whole document has one (lower_end()); then a block's lines.
	 */
	struct clines		*entries;
	size_t			 in_row;	/* entries since a line that
						   ends a run */
	int			 three;		/* three in a row seen: the
						   least a contents list has */
	int			 title_level;	/* in pieces: the level of the
						   title heading of the first,
						   or 0 */
	int			 title_again;	/* a later piece has a heading
						   at that level or above: no
						   title (lower whole) */
	int			 ja;
	int			 sectioned;	/* ja, with no 第N条: numbered
						 * headings (1. 目的) are articles */
	int			 chapters;	/* sectioned, numbered by 第N章
					   alone: chapters are its articles
					   (chapter_articles()) */
	int			 failed;
	struct node		*root;
	struct node		*stack[8];	/* open headings by depth */
	int			 nstack;
	struct mstate		 ms;		/* state of the current container */
	struct flat		 scratch;	/* reused by every flatten: see flat_take */
	/*
	 * The node whose text continuation lines were last appended to, with
	 * its text's length and allocated size: later lines append in place
	 * instead of copying the whole text again.
	 */
	struct node		*app_node;
	size_t			 app_len;
	size_t			 app_cap;
	/*
	 * A heading that is only a caption, （目的）, written above the
	 * paragraph that opens its article (statute style): the caption
	 * waits here for that article.  Owned.
	 */
	char			*pending_cap;
	int			 in_contents;	/* lowering a contents list:
						   its lines open no article */
	int			 next_block_b;	/* the block after the one
						   lowered starts "b. " */
	int			 quiet;		/* flattening a block only to
						   read it: no diagnostics (its
						   lowering reports them) */
	/*
	 * The item scheme that numbers the paragraphs of para_owner: ① (1)
	 * 1) written where its first paragraph opens (opens_paragraphs()).
	 */
	enum mscheme		 para_scheme;
	const struct node	*para_owner;
	int			 hard_line;	/* the line unit() reads follows
						   a hard break (<br>) */
	int			 items_block;	/* the block unit() reads holds
						   items of the lead above it */
	/*
	 * The last paragraph that a paragraph block's first line opened
	 * (text written as a block, not a list entry): a bullet list right
	 * under it holds its items (bullet_items()).  Borrowed.
	 */
	const struct node	*plain_para;
	int			*roman;		/* lines of the headings that
						   number articles in roman
						   (roman_articles()) or in
						   letters (letter_articles(),
						   then letters is set); owned */
	int			 letters;
	size_t			 nroman;
	const struct node	*sub_art;	/* the article whose sub-clause
						   was opened last, and its
						   number: 2.3 → 3 */
	long			 sub_last;
	char			 sub_pre[24];	/* the number its sub-clauses
						   extend: "2" for 2.3, the
						   article's or, in an
						   unnumbered one, the first
						   sub-clause's (1.1 → "1") */
	struct node		*sub_para;	/* that sub-clause, 2.3: its
						   own 2.3.1 are its items */
	long			 subsub_last;	/* the last of those: 2.3.4 →
						   4 */
	int			 in_heading;	/* unit() reads a heading's
						   words (heading_line()) */
	struct node		*title_line;	/* a sub-clause whose title
						   was a line of a paragraph
						   (subclause_text()) */
	int			 block_read;	/* unit() took the whole block
						   (subclause_text()) */
	char			 cut;		/* the byte unit() ended its
						   line in place over */
	/*
	 * The list entries that hold an English document's sections
	 * (list_sections()), in order; owned.  next_lsect: the next to
	 * open; lsect_written: their markers run 1, 2, 3 and number them.
	 */
	cmark_node		**lsect;
	size_t			 nlsect;
	size_t			 next_lsect;
	int			 lsect_written;
	int			 lsect_titled;	/* entries open with a title line
						   (entry_opens_title()) */
};

/* The heading level of a section opened by a list entry: under every
 * heading, so that the next heading closes it. */
#define LIST_SECTION_LEVEL	7

/* ---- source access ---- */

/*
 * The source line of cmark-gfm's node n (of a piece: see struct lower);
 * 0 stays 0, a node of no line (one made after the parse).
 */
static int
md_line(const struct lower *L, cmark_node *n)
{
	int line = cmark_node_get_start_line(n);

	return line > 0 ? L->base + line : 0;
}

static const char *
source_line(const struct lower *L, int line)
{
	if (line < 1 || (size_t)line > L->src->nlines)
		return "";
	return L->src->text + L->src->line[line - 1];
}

/* Column (1-based, in characters) of the first non-space of a line. */
static int
first_col(const struct lower *L, int line)
{
	const char *p = source_line(L, line);
	int col = 1;
	int32_t c;
	size_t n;

	while (*p != '\n' && *p != '\0' &&
	    (n = utf8_next_str(p, &c)) > 0 && is_space(c)) {
		p += n;
		col++;
	}
	return col;
}

/*
 * cmark counts columns in bytes; diagnostics count characters (as
 * text_position() does).  The character column of a node of cmark.
 */
static int
node_col(const struct lower *L, cmark_node *n)
{
	int line = md_line(L, n);
	int bytecol = cmark_node_get_start_column(n);
	const char *p = source_line(L, line);
	int col = 1, i;

	for (i = 0; i < bytecol - 1 && p[i] != '\n' && p[i] != '\0'; i++)
		if (((unsigned char)p[i] & 0xc0) != 0x80)
			col++;
	return col;
}

/* ---- flattening inline content ---- */

static void
flat_init(struct flat *f)
{
	memset(f, 0, sizeof(*f));
	buf_init(&f->text);
}

static void flat_release(struct flat *);
static void flat_reset(struct flat *);

/*
 * Borrow L's scratch flat into f (a fresh one if it is out on loan), and
 * give it back after use: one buffer serves every block of a document
 * instead of an allocation per block.
 */
static void
flat_take(struct lower *L, struct flat *f)
{
	*f = L->scratch;
	memset(&L->scratch, 0, sizeof(L->scratch));
	if (f->text.data == NULL)
		flat_init(f);
}

static void
flat_give(struct lower *L, struct flat *f)
{
	if (L->scratch.text.data == NULL) {
		flat_reset(f);
		L->scratch = *f;
	} else
		flat_release(f);
}

/* Empty f for the next block, keeping its memory. */
static void
flat_reset(struct flat *f)
{
	size_t i;

	for (i = 0; i < f->nspans; i++)
		free(f->spans[i].href);
	f->nspans = 0;
	f->nbrk = 0;
	f->mid_read = 0;
	buf_reset(&f->text);
}

static void
flat_span(struct flat *f, const struct fspan *s)
{
	if (f->nspans == f->spancap) {
		f->spancap = f->spancap ? 2 * f->spancap : 8;
		f->spans = xreallocarray(f->spans, f->spancap,
		    sizeof(*f->spans));
	}
	f->spans[f->nspans++] = *s;
}

static void
flat_release(struct flat *f)
{
	size_t i;

	for (i = 0; i < f->nspans; i++)
		free(f->spans[i].href);
	free(f->spans);
	free(f->brk);
	free(f->hard);
	buf_release(&f->text);
}

static int
is_html_comment(const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\n')
		s++;
	return strncmp(s, "<!--", 4) == 0;
}

/* Last code point before the end of b, or 0. */
static int32_t
last_cp(const struct buf *b)
{
	size_t n;
	int32_t c;

	if (b->len == 0)
		return 0;
	n = utf8_prev_len(b->data, b->len);
	utf8_next(b->data + b->len - n, n, &c);
	return c;
}

/*
 * Flatten the inline children of block into f.  With split, soft and hard
 * breaks record a line boundary; without, they join: no space between two
 * wide (CJK) characters, one space otherwise.
 */
/*
 * A walk of a block's inline nodes in the order and with the events
 * cmark_iter_next() gives (a leaf is entered only, any other node entered
 * and left, empty or not), without its iterator: cmark_iter_new() is a
 * calloc and flatten() runs once per paragraph (2% of a diff's
 * instructions).  The block itself is neither entered nor left.
 */
struct walk {
	cmark_node		*root;
	cmark_node		*node;
	cmark_event_type	 ev;
};

/* The node types cmark-gfm's iterator enters without leaving. */
static int
walk_leaf(cmark_node *n)
{
	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_HTML_BLOCK:
	case CMARK_NODE_THEMATIC_BREAK:
	case CMARK_NODE_CODE_BLOCK:
	case CMARK_NODE_TEXT:
	case CMARK_NODE_SOFTBREAK:
	case CMARK_NODE_LINEBREAK:
	case CMARK_NODE_CODE:
	case CMARK_NODE_HTML_INLINE:
		return 1;
	default:
		return 0;
	}
}

/* The next node and event after W's, or NULL after the last. */
static cmark_node *
walk_next(struct walk *W)
{
	cmark_node *n = W->node, *c;

	if (n == NULL) {
		W->node = cmark_node_first_child(W->root);
		W->ev = CMARK_EVENT_ENTER;
		return W->node;
	}
	if (W->ev == CMARK_EVENT_ENTER && !walk_leaf(n)) {
		if ((c = cmark_node_first_child(n)) == NULL)
			W->ev = CMARK_EVENT_EXIT;
		else
			W->node = c;
		return W->node;
	}
	if ((c = cmark_node_next(n)) != NULL) {
		W->node = c;
		W->ev = CMARK_EVENT_ENTER;
		return c;
	}
	W->node = cmark_node_parent(n);
	W->ev = CMARK_EVENT_EXIT;
	return W->node == W->root ? NULL : W->node;
}

/*
 * <br>, <br/>, <BR /> written in Markdown: a line break, which is what
 * its author meant, and nothing that needs the raw-html warning (it has
 * no attributes to carry anything in).
 */
static int
is_html_break(const char *s)
{
	if (s[0] != '<' || (s[1] | 0x20) != 'b' || (s[2] | 0x20) != 'r')
		return 0;
	s += 3;
	while (*s == ' ')
		s++;
	if (*s == '/')
		s++;
	return s[0] == '>' && s[1] == '\0';
}

static void
flatten(struct lower *L, cmark_node *block, struct flat *f, int split)
{
	struct walk W = { block, NULL, CMARK_EVENT_NONE };
	cmark_event_type ev;
	cmark_node *n;
	size_t open_off = 0;
	int open_depth = 0, joinpending = 0;
	const char *lit, *url;

	f->mid_read = 0;
	while ((n = walk_next(&W)) != NULL) {
		ev = W.ev;
		switch (md_type(n)) {
		case MD_TEXT:
		case MD_CODE:
			if (ev != CMARK_EVENT_ENTER)
				break;
			lit = cmark_node_get_literal(n);
			if (joinpending && lit && *lit) {
				int32_t a = last_cp(&f->text), b;

				utf8_next_str(lit, &b);
				if (!(is_wide(a) && is_wide(b)) && a != 0)
					buf_putc(&f->text, ' ');
			}
			joinpending = 0;
			if (md_type(n) == MD_CODE && open_depth == 0) {
				struct fspan s = { f->text.len, strlen(lit),
				    SPAN_CODE, NULL };

				flat_span(f, &s);
			}
			buf_puts(&f->text, lit ? lit : "");
			break;
		case MD_HTML_INLINE:
			if (ev != CMARK_EVENT_ENTER)
				break;
			lit = cmark_node_get_literal(n);
			if (lit == NULL || is_html_comment(lit))
				break;
			if (is_html_break(lit))
				goto line_break;
			if (!L->quiet)
				diag(L->d, L->src->path,
				    md_line(L, n),
				    node_col(L, n), D_RAW_HTML, NULL);
			buf_puts(&f->text, lit);
			break;
		case MD_SOFTBREAK:
		case MD_LINEBREAK:
			if (ev != CMARK_EVENT_ENTER)
				break;
line_break:
			/* <br> then the line's end: one break (a hard one),
			 * not an empty line between them. */
			if (f->text.len == (f->nbrk > 0 ? f->brk[f->nbrk - 1] :
			    0))
				break;
			if (split) {
				if (f->nbrk == f->brkcap) {
					f->brkcap = f->brkcap ?
					    2 * f->brkcap : 16;
					f->brk = xreallocarray(f->brk,
					    f->brkcap, sizeof(*f->brk));
					f->hard = xreallocarray(f->hard,
					    f->brkcap, sizeof(*f->hard));
				}
				f->hard[f->nbrk] = md_type(n) != MD_SOFTBREAK;
				f->brk[f->nbrk++] = f->text.len;
			} else
				joinpending = 1;
			break;
		case MD_EMPH:
		case MD_STRONG:
		case MD_LINK:
		case MD_IMAGE:
			if (ev == CMARK_EVENT_ENTER) {
				if (open_depth++ == 0)
					open_off = f->text.len;
				break;
			}
			if (--open_depth != 0)
				break;
			if (md_type(n) == MD_IMAGE)
				break;	/* alt text only */
			url = md_type(n) == MD_LINK ?
			    cmark_node_get_url(n) : NULL;
			if (url != NULL && !url_is_safe(url)) {
				if (!L->quiet)
					diag(L->d, L->src->path,
					    md_line(L, n),
					    node_col(L, n), D_UNSAFE_URL, NULL);
				break;
			}
			if (f->text.len > open_off) {
				struct fspan s = { open_off,
				    f->text.len - open_off,
				    md_type(n) == MD_LINK ? SPAN_LINK :
				    md_type(n) == MD_EMPH ? SPAN_EMPH :
				    SPAN_STRONG, url ? xstrdup(url) : NULL };

				flat_span(f, &s);
			}
			break;
		default:
			break;
		}
	}
	/* A <br> that ends the block breaks before nothing. */
	while (f->nbrk > 0 && f->brk[f->nbrk - 1] == f->text.len)
		f->nbrk--;
}

/*
 * Give node the text seg[skip..len) (trimmed) with the spans of f that fall
 * inside [base+skip, base+len).  With append, add it after a newline.
 */
static void
put_text(struct lower *L, struct node *node, const struct flat *f,
    size_t base, size_t len, size_t skip, int append)
{
	const char *seg = f->text.data + base;
	size_t b = skip < len ? skip : len, e = len, n, i, at, s0, s1, lo, hi;
	int32_t c;
	char *t;

	while (b < e && (n = utf8_next(seg + b, e - b, &c)) > 0 && is_space(c))
		b += n;
	while (e > b) {
		n = utf8_prev_len(seg, e);
		utf8_next(seg + e - n, n, &c);
		if (!is_space(c))
			break;
		e -= n;
	}
	if (append && node->text != NULL) {
		if (L->app_node != node) {
			L->app_node = node;
			L->app_len = strlen(node->text);
			L->app_cap = L->app_len + 1;
		}
		if (L->app_len + 1 + (e - b) + 1 > L->app_cap) {
			L->app_cap = 2 * (L->app_len + 1 + (e - b) + 1);
			t = pool_alloc(node->pool, L->app_cap);
			memcpy(t, node->text, L->app_len);
			node->text = t;
		}
		node->text[L->app_len++] = '\n';
	} else {
		node->text = pool_alloc(node->pool, e - b + 1);
		L->app_node = node;
		L->app_len = 0;
		L->app_cap = e - b + 1;
	}
	at = L->app_len;
	memcpy(node->text + at, seg + b, e - b);
	L->app_len += e - b;
	node->text[L->app_len] = '\0';
	/* Spans are in text order: find the first that ends after b. */
	for (lo = 0, hi = f->nspans; lo < hi; ) {
		i = lo + (hi - lo) / 2;
		if (f->spans[i].off + f->spans[i].len <= base + b)
			lo = i + 1;
		else
			hi = i;
	}
	for (i = lo; i < f->nspans; i++) {
		s0 = f->spans[i].off;
		s1 = s0 + f->spans[i].len;
		if (s0 >= base + e)
			break;
		if (s0 < base + b)
			s0 = base + b;
		if (s1 > base + e)
			s1 = base + e;
		node_add_span(node, at + s0 - base - b, s1 - s0,
		    f->spans[i].kind, f->spans[i].href);
	}
}

/* ---- numbering helpers ---- */

static char *
numstr(struct pool *pool, long v)
{
	char tmp[24], *p = tmp + sizeof(tmp);

	*--p = '\0';
	do
		*--p = (char)('0' + v % 10);
	while ((v /= 10) > 0);
	return pool_strndup(pool, p, (size_t)(tmp + sizeof(tmp) - 1 - p));
}

/* s[0, len) trimmed (text_trim()), as a string of pool. */
static char *
trim_in(struct pool *pool, const char *s, size_t len)
{
	s = text_trimmed(s, &len);
	return pool_strndup(pool, s, len);
}

/* The number after the last child of parent with this type. */
static long
next_number(const struct node *parent, enum ntype type, int level)
{
	const struct node *c;

	for (c = parent->last; c != NULL; c = c->prev)
		if (c->type == type && (type != N_SUBITEM || c->level == level))
			return c->num ? atol(c->num) + 1 : 1;
	return 1;
}

static struct node *
new_numbered(struct node *parent, enum ntype type, int level, long value,
    const char *label, size_t labellen, int line, int col)
{
	struct node *n = node_new(parent->pool, type, line, col);

	n->level = level;
	if (value > 0) {
		n->num = numstr(n->pool, value);
		if (label != NULL)
			n->label = trim_in(n->pool, label, labellen);
	} else {
		n->num = numstr(n->pool, next_number(parent, type, level));
		n->implicit = 1;
	}
	node_append(parent, n);
	return n;
}

static struct node	*make_heading(struct lower *, const char *, int, int,
			    int, int);
static int		 history_kind(const char *, size_t);
static struct node	*current_container(struct lower *);

/* ---- written markers ---- */

static void
ms_reset(struct mstate *ms, struct node *base)
{
	memset(ms, 0, sizeof(*ms));
	ms->base = base;
	ms->unit = base;
}

/* Node type and sub-item level for marker level k under ms->base. */
static void
level_type(const struct mstate *ms, int k, enum ntype *type, int *level)
{
	const struct node *b = ms->base;

	if (b->type == N_PARAGRAPH) {
		*type = k == 0 ? N_ITEM : N_SUBITEM;
		*level = k;
	} else {
		*type = N_SUBITEM;
		*level = (b->type == N_SUBITEM ? b->level : 0) + k + 1;
	}
}

/* Items of a paragraph folded into an item: one level deeper. */
static void
relevel(struct node *n)
{
	struct node *c;

	for (c = n; c != NULL; c = node_next(c, n))
		if (c->type == N_ITEM) {
			c->type = N_SUBITEM;
			c->level = 1;
		} else if (c->type == N_SUBITEM)
			c->level++;
}

/*
 * "(ii)" where the paragraph open is unnumbered text whose paragraph
 * before ends with item (i):
 *
 *     (i) To the fullest extent …
 *     PLEASE READ THE FOLLOWING CAREFULLY …
 *     (a) … (b) … (c) …
 *     (ii) For residents of …
 *
 * The marker that goes on from (i) shows that the text between was
 * (i)'s own: a second paragraph of the item, its (a) (b) (c) the item's
 * sub-items.  Fold the paragraph into the item and open the item's level
 * again, scheme as m (already read as roman or not).  English only:
 * Japanese drafting writes text between items as a paragraph of its own.
 * Returns 1 if it did.
 */
static int
resume_item(struct lower *L, const struct marker *m)
{
	struct mstate *ms = &L->ms;
	struct node *p = ms->base, *q, *it, *c, *next;
	struct marker im;
	size_t at, i;
	char *t, lab[32];

	if (L->ja || p == NULL || p->type != N_PARAGRAPH || !p->implicit ||
	    p->label != NULL || p->text == NULL || (q = p->prev) == NULL ||
	    q->type != N_PARAGRAPH || (it = q->last) == NULL ||
	    it->type != N_ITEM || it->label == NULL || it->num == NULL ||
	    it->text == NULL || strtol(it->num, NULL, 10) != m->value - 1)
		return 0;
	/* The marker parser reads a line: the label with text after it. */
	snprintf(lab, sizeof(lab), "%s x", it->label);
	if (!item_marker_parse(lab, &im))
		return 0;
	if (im.scheme != m->scheme && !(im.roman == m->value - 1 &&
	    ((im.scheme == MS_PAREN_LATIN && m->scheme == MS_PAREN_ROMAN) ||
	    (im.scheme == MS_LATIN_PAREN && m->scheme == MS_ROMAN_PAREN))))
		return 0;
	for (c = p->first; c != NULL; c = c->next)
		if (c->type != N_ITEM)
			return 0;
	at = strlen(it->text) + 1;
	t = pool_alloc(it->pool, at + strlen(p->text) + 1);
	memcpy(t, it->text, at - 1);
	t[at - 1] = '\n';
	strcpy(t + at, p->text);
	it->text = t;
	for (i = 0; i < p->nspans; i++)
		node_add_span(it, at + p->spans[i].off, p->spans[i].len,
		    p->spans[i].kind, p->spans[i].href);
	for (c = p->first; c != NULL; c = next) {
		next = c->next;
		node_free(c);
		relevel(c);
		node_append(it, c);
	}
	node_free(p);
	L->app_node = NULL;
	ms_reset(ms, q);
	ms->nlev = 1;
	ms->scheme[0] = m->scheme;
	ms->open[0] = it;
	ms->unit = it;
	return 1;
}

static void
open_marked(struct lower *L, const struct marker *m, const struct flat *f,
    size_t base, size_t len, int line, int col)
{
	struct marker roman;
	struct mstate *ms = &L->ms;
	enum ntype type;
	int k, level;
	long value;
	struct node *parent, *n;

	/*
	 * (i), (v), (x) and i), v), x): the letter after (h), (u), (w) where
	 * a latin level of the same writing is in force with that number
	 * last, else a roman numeral: (i) is never item 9 of a list that has
	 * no (h), and i) ii) iii) is one roman run beside a) b) c).
	 */
	if ((m->scheme == MS_PAREN_LATIN || m->scheme == MS_LATIN_PAREN ||
	    m->scheme == MS_PAREN_UPPER) && m->roman > 0) {
		for (k = 0; k < ms->nlev; k++)
			if (ms->scheme[k] == m->scheme &&
			    ms->open[k] != NULL && ms->open[k]->num != NULL &&
			    strtol(ms->open[k]->num, NULL, 10) == m->value - 1)
				break;
		if (k == ms->nlev) {
			roman = *m;
			roman.scheme = m->scheme == MS_LATIN_PAREN ?
			    MS_ROMAN_PAREN : MS_PAREN_ROMAN;
			roman.value = m->roman;
			m = &roman;
		}
	}
	/* A scheme seen before closes back to its level. */
	for (k = 0; k < ms->nlev; k++)
		if (ms->scheme[k] == m->scheme)
			break;
	if (k == ms->nlev && m->value > 1 && resume_item(L, m))
		k = 0;
	if (k == ms->nlev) {
		if (k == MAX_LEVELS) {
			diag(L->d, L->src->path, line, col, D_TOO_DEEP,
			    "more than %d item levels", MAX_LEVELS);
			L->failed = 1;
			return;
		}
		ms->scheme[k] = m->scheme;
		/*
		 * The first kana sets the order: （イ） first is イロハ,
		 * else （ア）… アイウ; bare イ　 is statute イロハ unless the
		 * list opens with ア　 (ア, イ, ウ: 2 and 3, not 1 after 36).
		 */
		ms->iroha[k] = m->scheme == MS_PAREN_KANA ?
		    m->kana == 0x30a4 : m->kana != 0x30a2;
	}
	ms->nlev = k + 1;	/* deeper levels close */
	parent = k == 0 ? ms->base : ms->open[k - 1];
	level_type(ms, k, &type, &level);
	value = m->scheme == MS_PAREN_KANA || m->scheme == MS_IROHA ?
	    kana_ordinal(m->kana, ms->iroha[k]) : m->value;
	n = new_numbered(parent, type, level, value,
	    f->text.data + base, m->len, line, col);
	if (m->branch > 0) {
		/* 六の二: item 6_2, after 六 and before 七. */
		char num[48];

		snprintf(num, sizeof(num), "%ld_%ld", m->value, m->branch);
		n->num = pool_strdup(n->pool, num);
	}
	put_text(L, n, f, base, len, m->skip, 0);
	ms->open[k] = n;
	ms->unit = n;
}

/* An unmarked line under a paragraph: an item whose number was lost. */
static void
open_unmarked(struct lower *L, const struct flat *f, size_t base,
    size_t len, size_t skip, int line, int col)
{
	struct mstate *ms = &L->ms;
	enum ntype type;
	int level;
	struct node *n;

	if (ms->nlev == 0)
		ms->scheme[0] = MS_NONE;
	ms->nlev = 1;
	level_type(ms, 0, &type, &level);
	n = new_numbered(ms->base, type, level, 0, NULL, 0, line, col);
	put_text(L, n, f, base, len, skip, 0);
	ms->open[0] = n;
	ms->unit = n;
}

/* Is the open unit an item whose number was lost (no written marker)? */
static int
unit_is_unmarked_item(const struct mstate *ms)
{
	return ms->nlev == 1 && ms->scheme[0] == MS_NONE &&
	    ms->unit == ms->open[0];
}

/*
 * Is s, an unmarked line after the unmarked items of a lead that is its
 * article's first paragraph, the article's paragraph 2?  It names 前項:
 * an item of 第1項 has no paragraph before its own to call so, the next
 * paragraph has (以下の場合には変更できます。 / …とき。 / …とき。 / 当社は、
 * 前項による変更にあたり…通知します。).
 */
static int
names_first_paragraph(const struct mstate *ms, const struct node *container,
    const char *s)
{
	const struct node *b = ms->base;
	const char *p;

	if (b == NULL || b->type != N_PARAGRAPH || b->parent != container ||
	    container->type != N_ARTICLE || b->prev != NULL)
		return 0;
	for (p = s; (p = strstr(p, "前項")) != NULL; p += strlen("前項"))
		if (!has_prefix(p + strlen("前項"), "目"))
			return 1;
	return 0;
}

/*
 * Is a later line of a paragraph block in container, starting with the
 * bullet of bl bytes (・ 氏名, recog_bullet()), an item of the paragraph
 * open?  As in plain text (termc import): under a paragraph of an
 * article, two bullets of one kind or more in a row (next: the line
 * after it starts with the same), or one under a lead; never under a
 * paragraph that announces paragraphs (次の各項).  A single ・ line under
 * a sentence (a term, then its definition) goes on with the paragraph.
 */
static int
bullet_line_item(const struct mstate *ms, const struct node *container,
    int next)
{
	const struct node *b = ms->base;
	const char *t;

	if (b == NULL || b->type != N_PARAGRAPH || b->parent != container ||
	    container->type != N_ARTICLE)
		return 0;
	t = b->text ? b->text : "";
	if (ms->unit == b)
		return (next || recog_announces_items(t)) &&
		    !recog_announces_paragraphs(t);
	return ms->bullets && unit_is_unmarked_item(ms);
}

/*
 * Does paragraph b (ms->base) announce items?  Read off the last 512
 * bytes of its text: a lead's words stand in its last sentence, and a
 * paragraph that grows a line at a time must not be read whole per line
 * (linear cost).
 */
/*
 * Does English text s end on an item marker, "you represent that: (i)"?
 * Its series runs in the sentence (wrapped by its author): the lines
 * after it go on with the sentence, they are no list it announces.
 */
static int
ends_on_marker(const char *s)
{
	const char *p = strrchr(s, '(');
	struct marker m;
	char tail[16];
	size_t n = strlen(s), k;

	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\n'))
		n--;
	if (p == NULL || p == s || p[-1] != ' ' ||
	    (k = (size_t)(s + n - p)) > 8)
		return 0;
	/* The parser wants text after a marker: give it a word. */
	memcpy(tail, p, k);
	memcpy(tail + k, " x", 3);
	return item_marker_parse(tail, &m) && m.len == k;
}

static int
base_announces(const struct lower *L, const struct node *b)
{
	const char *t = b->text;
	size_t n;

	if (t == NULL)
		return 0;
	n = L->app_node == b ? L->app_len : strlen(t);
	if (n > 512) {
		t += n - 512;
		while (((unsigned char)*t & 0xc0) == 0x80)
			t++;
	}
	if (!L->ja && ends_on_marker(t))
		return 0;
	return recog_announces_items(t);
}

/* Does label s (as written) end on a dot, . or ．? */
static int
dot_label(const char *s, size_t len)
{
	return (len >= 1 && s[len - 1] == '.') || (len >= strlen("．") &&
	    memcmp(s + len - strlen("．"), "．", strlen("．")) == 0);
}

/* Does s open with an ASCII digit (3.), not a full-width one (３．)? */
static int
ascii_digit(const char *s)
{
	return s[0] >= '0' && s[0] <= '9';
}

/* Is m the number after paragraph b's own, as written (２． then ３．)? */
static int
paragraph_next(const struct node *b, const struct marker *m)
{
	return b->num != NULL && !b->implicit &&
	    strtol(b->num, NULL, 10) + 1 == m->value;
}

/*
 * Does block "4．…" (marker m at s) go on with the items that paragraph
 * b's list left open, 1. 2. 3. written as a Markdown list, the last one
 * as text (its dot full-width, or the list ended by a blank line)?  The
 * items, two or more, are numbered with a dot, in digits of m's width,
 * and the last is m's number before; and b is no paragraph whose own
 * number comes before m's (２． then items １． ２．, then ３． is
 * paragraph 3).  One item is too little
 * evidence: 1. alone under an unnumbered paragraph, then ２．前項の…, is
 * the article's paragraph 2.
 */
static int
list_goes_on(const struct node *b, const struct marker *m, const char *s)
{
	const struct node *it = b->last;

	return it != NULL && it->type == N_ITEM && it->num != NULL &&
	    it->label != NULL && m->value >= 3 &&
	    strtol(it->num, NULL, 10) + 1 == m->value &&
	    dot_label(it->label, strlen(it->label)) && dot_label(s, m->len) &&
	    ascii_digit(it->label) == ascii_digit(s) && !paragraph_next(b, m);
}

/*
 * A block that starts "1. " right under a paragraph announcing items
 * (以下の…：) or under an unnumbered paragraph, or "2. " after such an
 * item (and its sub-items): items, not paragraphs beside the one they
 * belong to, as the same numbers written as a Markdown list are
 * (lower_blocks()).  １． and ２　 are a paragraph's own number in
 * Japanese drafting, so they are items only under a lead (次のいずれか
 * …とします。 then １．, in a block of its own or on the next line of the
 * lead's block: first is 0) and after item １． so opened; and １． at a
 * block's start right under an unnumbered paragraph, as 1. is: the
 * article's paragraph 1 is that one, so １． there numbers no paragraph
 * (サービスの停止 then １．当社は… ２．…: its items, not paragraph 1 twice).
 * Returns 1 for an item, 2 for one that goes on with the open items in
 * a look of its own (4． after (3), below), 0 for no item.
 */
static int
numbered_item(const struct lower *L, const struct node *container,
    const struct marker *m, const char *s, int first)
{
	const struct mstate *ms = &L->ms;
	const struct node *b = ms->base;
	int ascii = s[0] >= '0' && s[0] <= '9' && s[m->len - 1] == '.';

	if (b == NULL || b->type != N_PARAGRAPH || b->parent != container ||
	    m->len < 2 || b->text == NULL || (!ascii && !first &&
	    ms->nlev == 0 && ms->unit != b))
		return 0;
	if (ms->nlev == 0)
		return (m->value == 1 && ((dot_label(s, m->len) && first &&
		    b->implicit) ||
		    base_announces(L, b))) || (first && list_goes_on(b, m, s));
	/* 4． after items (1) (2) (3) under an unnumbered paragraph (or
	 * paragraph 1): their item 4 in another look, as after 1. 2. 3.
	 * (list_goes_on()); as a paragraph it would skip 2 and 3.  2: the
	 * caller opens it at their level. */
	if (first && m->value >= 3 && dot_label(s, m->len) &&
	    ms->scheme[0] != MS_PAREN_KANA && ms->scheme[0] != MS_IROHA &&
	    ms->open[0] != NULL && ms->open[0]->type == N_ITEM &&
	    ms->open[0]->num != NULL && b->num != NULL &&
	    strtol(ms->open[0]->num, NULL, 10) + 1 == m->value &&
	    strtol(b->num, NULL, 10) + 1 < m->value)
		return 2;
	/* "2." after item 1 and its sub-items (1) (2): item 2, in digits
	 * of item 1's width (1. then ２．前項の… is the next paragraph). */
	return ms->scheme[0] == MS_PARA && ms->open[0] != NULL &&
	    ms->open[0]->num != NULL &&
	    strtol(ms->open[0]->num, NULL, 10) + 1 == m->value &&
	    (ms->open[0]->label == NULL ||
	    ascii_digit(ms->open[0]->label) == ascii_digit(s));
}

/*
 * Is a line that starts "a. ", "b. " (latin_dot_marker_parse()) an item?
 * An English line may start "a." as a sentence does; a run of a. b. c. is
 * the evidence.  b. and later: the letter before it is the last of a
 * level in force.  a.: the next line of the block goes on with b.
 * (next_b), or items are expected where it stands: inside a list entry
 * after its text (not as the entry's own first words, "* a. Who may use"),
 * under an item open (1. and then a. b.), under a lead (次の各号, a
 * colon).
 */
static int
latin_dot_item(const struct mstate *ms, const struct marker *m, int nested,
    int next_b)
{
	const struct node *b = ms->base;
	int k;

	if (m->value > 1) {
		for (k = 0; k < ms->nlev; k++)
			if (ms->scheme[k] == MS_LATIN_DOT &&
			    ms->open[k] != NULL && ms->open[k]->num != NULL &&
			    strtol(ms->open[k]->num, NULL, 10) == m->value - 1)
				return 1;
		return 0;
	}
	return next_b || (nested && b != NULL && b->text != NULL &&
	    b->text[0] != '\0') || ms->nlev > 0 ||
	    (b != NULL && b->type == N_PARAGRAPH && b->text != NULL &&
	    recog_announces_items(b->text));
}

/*
 * Does item marker m number a paragraph of container rather than an
 * item?  ① (1) 1) where an article's text opens, before any sentence,
 * number its 項, as a Markdown list there does (a list of items hangs
 * from a sentence that leads it), and so do ② (2) 2) right under its
 * first paragraph (below); later markers of that scheme go on with the
 * next number.  Other schemes nest under them as items.
 */
static int
opens_paragraphs(struct lower *L, const struct node *container,
    const struct marker *m, int nested)
{
	const struct mstate *ms = &L->ms;
	const struct node *b = ms->base;
	int k;

	if (nested || container->type != N_ARTICLE)
		return 0;
	if (m->scheme != MS_CIRCLED && m->scheme != MS_PAREN_NUM &&
	    m->scheme != MS_NUM_PAREN)
		return 0;
	if (b == NULL && m->value == 1) {
		L->para_scheme = m->scheme;
		L->para_owner = container;
		return 1;
	}
	/*
	 * (2) or ② right under the article's first paragraph, unnumbered:
	 * its paragraph 2, as ２　 is in Japanese drafting, which numbers
	 * paragraphs from 2.  No list starts at 2: not under the paragraph
	 * (a sentence that leads to no list, or one whose items are given),
	 * nor under its items in a scheme of their own (1. 2. then (2)).
	 */
	if (L->ja && m->value == 2 && b != NULL &&
	    b->type == N_PARAGRAPH && b->parent == container &&
	    b->implicit && b->num != NULL && strcmp(b->num, "1") == 0 &&
	    (b->first != NULL || !base_announces(L, b))) {
		for (k = 0; k < ms->nlev; k++)
			if (ms->scheme[k] == m->scheme)
				return 0;
		L->para_scheme = m->scheme;
		L->para_owner = container;
		return 1;
	}
	if (L->para_owner != container || L->para_scheme != m->scheme ||
	    b == NULL || b->type != N_PARAGRAPH || b->parent != container ||
	    b->num == NULL)
		return 0;
	/*
	 * (1) 以下の…： over its items (1) (2) (3), written as the
	 * paragraphs are: (2) goes on with the items while it is the
	 * number after the open item's, and is paragraph 2 after (3).
	 */
	for (k = 0; k < ms->nlev; k++)
		if (ms->scheme[k] == m->scheme && ms->open[k] != NULL &&
		    ms->open[k]->num != NULL &&
		    strtol(ms->open[k]->num, NULL, 10) + 1 == m->value)
			return 0;
	/* ① then a paragraph written without a number (2 by position,
	 * over its items), then ②: the author's paragraph 2, as 2. there
	 * is, not an item of that paragraph's last item. */
	return strtol(b->num, NULL, 10) + 1 == m->value || (b->implicit &&
	    strtol(b->num, NULL, 10) == m->value);
}

/*
 * Does a later line of a block, "２　前項の…", open the next paragraph of
 * container?  Japanese drafting numbers paragraphs from 2 in the line's
 * first column; a line that runs on from the sentence above and happens
 * to start with a number (２０２４年, 3 か月) is not one: the marker must
 * be the one after the open paragraph's, and followed by a space.
 */
static int
next_paragraph_line(const struct lower *L, const struct node *container,
    const char *s, const struct marker *m)
{
	const struct node *b = L->ms.base;

	return L->ja && b != NULL && b->type == N_PARAGRAPH &&
	    b->parent == container && b->num != NULL &&
	    strtol(b->num, NULL, 10) + 1 == m->value &&
	    s[m->len - 1] != '.' && m->len < m->skip;
}

/*
 * The words that may stand before a sub-clause's number, "Section 2.1
 * Fees", "Clause 4.2 …": the bytes to skip to the number, or 0.
 */
static size_t
subclause_word(const char *s)
{
	static const char *const words[] = { "Section ", "SECTION ",
	    "Clause ", "CLAUSE " };
	size_t i, n;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		n = strlen(words[i]);
		if (strncmp(s, words[i], n) == 0 && s[n] >= '0' && s[n] <= '9')
			return n;
	}
	return 0;
}

/*
 * A sub-clause written as a title alone (### 2.1 Registration, **2.1
 * Registration**, 2.1 Registration alone in its block) takes the title
 * as its caption; the text of the block right after it is its own text
 * (title_waits()).  A sentence (2.1 You must be 18.) is its text.
 */
static void
subclause_text(struct lower *L, struct node *p, struct flat *f,
    size_t base, size_t len, size_t skip)
{
	const char *t = f->text.data + base + skip;
	char *c;
	size_t i, k, n;
	int bold;

	/* **4.8 A title the author wrapped\nonto two lines**: all of it. */
	bold = base == 0 && f->nspans > 0 && f->spans[0].kind == SPAN_STRONG &&
	    f->spans[0].off == 0 && f->spans[0].len == f->text.len;
	if (bold)
		len = f->text.len;
	if (L->ja || base != 0 || len != f->text.len || *t < 'A' || *t > 'Z') {
		put_text(L, p, f, base, len, skip, 0);
		return;
	}
	/* unit() ended the line in place (its byte is L->cut); a space
	 * stands for each soft break. */
	c = pool_alloc(p->pool, len - skip + f->nbrk + 1);
	for (i = skip, k = 0, n = 0; i < len; i++) {
		if (n < f->nbrk && f->brk[n] == i) {
			c[k++] = ' ';
			n++;
		}
		c[k++] = f->text.data[i] == '\0' ? L->cut : f->text.data[i];
	}
	p->caption = trim_in(p->pool, c, k);
	/* Unmarked, a stop makes it a sentence: "3.2 Fees apply." */
	if (!recog_en_title(p->caption) || (!bold && !L->in_heading &&
	    p->caption[strlen(p->caption) - 1] == '.')) {
		p->caption = NULL;
		put_text(L, p, f, base, f->nbrk ? f->brk[0] : len, skip, 0);
		return;
	}
	p->text = pool_strdup(p->pool, "");
	/* The block's other lines are the title's: read. */
	L->block_read = 1;
	L->title_line = L->in_heading ? NULL : p;
}

/*
 * A title alone that was no heading, "4.2 The content complies with all
 * laws, rules, and", over a block that goes on in lower case: a sentence
 * the page broke, its text again (as the lines of such a page are read).
 */
static int
title_broke(struct lower *L, struct node *p, const char *next)
{
	if (p != L->title_line || !(*next >= 'a' && *next <= 'z'))
		return 0;
	p->text = p->caption;
	p->caption = NULL;
	ms_reset(&L->ms, NULL);
	return 1;
}

/*
 * Is p a sub-clause's title that waits for its text: its caption and no
 * text, nothing after it yet (its parent's last, no items), what unit()
 * reads right after it?
 */
static int
title_waits(const struct lower *L, const struct node *p)
{
	return p != NULL && p->caption != NULL && p->text != NULL &&
	    p->text[0] == '\0' && p->first == NULL && p->next == NULL &&
	    L->ms.unit == p && L->ms.base == p;
}

/*
 * A sub-clause: a block under article 2 whose first line starts 2.1, 2.2
 * or "Section 2.1" (recog_subclause()), or a sub-heading "### 3.3
 * Refunds" in article 3.  It is a paragraph of the article with its
 * number as written for label; the paragraph's own number stays its
 * position, since the unnumbered paragraphs that go on with a
 * sub-clause (2.1, then two of its paragraphs, then 2.2) are the
 * article's paragraphs as well.  A title alone (### 3.3 Refunds, **3.3
 * Refunds**, 3.3 Refunds) is the same paragraph whichever way it is
 * marked up (revisions change the markup, not the clauses): its caption,
 * over its text (subclause_text()).  The run is the evidence: 2.1
 * first, then each above the last (2.5 alone under article 2 is text).
 * An article with no number (a title alone, ACCEPTANCE OF TERMS) has
 * the number its first sub-clause, N.1, extends.  Under sub-clause 2.1,
 * 2.1.1, 2.1.2 … are its items, as the run goes.  Returns 1 if it
 * opened one.
 */
static int
open_subclause(struct lower *L, struct node *container, struct flat *f,
    size_t base, size_t len, int line, int col)
{
	const char *s = f->text.data + base;
	size_t labellen, skip, w = subclause_word(s);
	long sub, last;
	char pre[48];
	struct node *p;

	/* An unnumbered heading is an article once it holds text alone
	 * (promote_leaf_headings()). */
	if (!(container->type == N_ARTICLE || (!L->ja &&
	    container->type == N_DIVISION && container->divkind == DIV_OTHER &&
	    container->num == NULL)) || !(s[w] >= '0' && s[w] <= '9'))
		return 0;
	last = L->sub_art == container ? L->sub_last : 0;
	if (last > 0 && L->sub_para != NULL &&
	    L->sub_para->parent == container) {
		/* 2.1.3 under 2.1: the sub-clause's own. */
		snprintf(pre, sizeof(pre), "%s_%ld", L->sub_pre, last);
		if (recog_subclause(s + w, pre, &labellen, &skip, &sub) &&
		    sub == L->subsub_last + 1) {
			p = new_numbered(L->sub_para, N_ITEM, 0, sub, NULL, 0,
			    line, col);
			p->label = pool_strndup(p->pool, s, w + labellen);
			subclause_text(L, p, f, base, len, w + skip);
			ms_reset(&L->ms, p);
			L->subsub_last = sub;
			return 1;
		}
	}
	if (container->num != NULL)
		snprintf(pre, sizeof(pre), "%s", container->num);
	else if (last > 0)
		snprintf(pre, sizeof(pre), "%s", L->sub_pre);
	else
		snprintf(pre, sizeof(pre), "%ld", strtol(s + w, NULL, 10));
	if (strlen(pre) >= sizeof(L->sub_pre) ||
	    !recog_subclause(s + w, pre, &labellen, &skip, &sub))
		return 0;
	if (last == 0 ? sub != 1 : sub <= last)
		return 0;
	p = new_numbered(container, N_PARAGRAPH, 0, 0, NULL, 0, line, col);
	p->label = pool_strndup(p->pool, s, w + labellen);
	subclause_text(L, p, f, base, len, w + skip);
	ms_reset(&L->ms, p);
	L->plain_para = p;
	L->sub_art = container;
	L->sub_last = sub;
	memcpy(L->sub_pre, pre, strlen(pre) + 1);	/* fits: above */
	L->sub_para = p;
	L->subsub_last = 0;
	return 1;
}

/*
 * A new paragraph of container from the line s (base, len of f): its
 * number value as written (label bytes, text after skip), or 0 for its
 * position.  plain: written as text, not a list entry (plain_para).
 */
static void
open_paragraph(struct lower *L, struct node *container, struct flat *f,
    size_t base, size_t len, long value, size_t label, size_t skip,
    int plain, int line, int col)
{
	struct node *p;

	p = new_numbered(container, N_PARAGRAPH, 0, value,
	    f->text.data + base, label, line, col);
	put_text(L, p, f, base, len, skip, 0);
	ms_reset(&L->ms, p);
	if (plain)
		L->plain_para = p;
}

/*
 * The spaces that indent a marked line (　一　…, 　ア　…, as statutes and
 * their imitators lay items out under a paragraph): read from its marker,
 * as a line that starts with it.  0 when no marker follows the spaces.
 */
static size_t
marker_indent(const char *s)
{
	struct marker m;
	size_t n = text_skip_spaces(s);

	return n > 0 && (item_marker_parse(s + n, &m) ||
	    para_marker_parse(s + n, &m)) ? n : 0;
}

/*
 * Does the text before t[at] (a space) enumerate, "…, (ii)", "; (b)",
 * "that: (i)", "and (iii)"?  A reference writes a word before the marker
 * instead: "subject to (a) above", "under (b)".
 */
static int
enumerates(const char *t, size_t at)
{
	static const char *const words[] = { "and", "or", "that" };
	size_t i, n;

	if (at > 0 && strchr(",;:", t[at - 1]) != NULL)
		return 1;
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		n = strlen(words[i]);
		if (at >= n && memcmp(t + at - n, words[i], n) == 0 &&
		    (at == n || t[at - n - 1] == ' '))
			return 1;
	}
	return 0;
}

/*
 * The item markers that stand inside a line of f, after a space: "(i) you
 * are …, (ii) the …".  Read once a block (a line at a time would make a
 * long block quadratic); f->mid holds the first ones.
 */
static void
inline_marks(struct flat *f)
{
	const char *t = f->text.data;
	size_t i, k = 0;
	struct marker m;

	f->mid_read = 1;
	f->nmid = 0;
	for (i = 1; i < f->text.len; i++) {
		while (k < f->nbrk && f->brk[k] < i)
			k++;
		if (t[i] != '(' || t[i - 1] != ' ' ||
		    (k < f->nbrk && f->brk[k] == i) || !enumerates(t, i - 1))
			continue;
		if (item_marker_parse(t + i, &m) &&
		    f->nmid < sizeof(f->mid) / sizeof(f->mid[0]))
			f->mid[f->nmid++] = m;
	}
}

/* Are a and b next to each other in one series: (a) (b), (ii) (iii)? */
static int
series_neighbours(const struct marker *a, const struct marker *b)
{
	long x, y;

	if (a->scheme == b->scheme && labs(a->value - b->value) == 1)
		return 1;
	/* (i) reads as a letter until (ii) shows the series is roman. */
	x = a->scheme == MS_PAREN_ROMAN ? a->value : a->roman;
	y = b->scheme == MS_PAREN_ROMAN ? b->value : b->roman;
	return (a->scheme == MS_PAREN_ROMAN || b->scheme == MS_PAREN_ROMAN) &&
	    x > 0 && y > 0 && labs(x - y) == 1;
}

/*
 * English wrapped by its author: "(ii)" opens a line (after a soft break)
 * in the middle of a sentence (the line before ends on a word, a comma or
 * a semicolon) and a neighbour of it, (i) or (iii), stands inside a line
 * of the same block as an enumeration does (enumerates()).  The series
 * runs in the sentence, and this marker is text, as a browser shows it; a
 * list a converter writes one item a line has all its markers at lines'
 * starts.
 */
static int
marker_in_sentence(const struct lower *L, struct flat *f, size_t base,
    const struct marker *m)
{
	const char *t = f->text.data;
	size_t i;

	if (L->ja || L->hard_line || base == 0 || t[base] != '(')
		return 0;
	i = base;
	while (i > 0 && t[i - 1] == ' ')
		i--;
	if (i == 0 || !((t[i - 1] >= 'a' && t[i - 1] <= 'z') ||
	    (t[i - 1] >= 'A' && t[i - 1] <= 'Z') ||
	    (t[i - 1] >= '0' && t[i - 1] <= '9') || t[i - 1] == ',' ||
	    t[i - 1] == ';'))
		return 0;
	/* thirty + (30) days: the figure of the number word before it. */
	if (m->scheme == MS_PAREN_NUM) {
		size_t w = i;

		while (w > 0 && ((t[w - 1] >= 'a' && t[w - 1] <= 'z') ||
		    (t[w - 1] >= 'A' && t[w - 1] <= 'Z') || t[w - 1] == '-'))
			w--;
		if (recog_number_word(t + w, i - w) == m->value)
			return 1;
	}
	if (!f->mid_read)
		inline_marks(f);
	for (i = 0; i < f->nmid; i++)
		if (series_neighbours(m, &f->mid[i]))
			return 1;
	return 0;
}

/*
 * One line (unit) of a block in container.  first: the block's first line.
 * nested: the block sits inside a list entry, which is ms->base.
 *
 *   ① (1) 1) where an article opens     → paragraph (opens_paragraphs())
 *   marked line                          → item at the marker's level
 *   first line of a block under a lead,
 *     its lines broken by hand            → item (items_block)
 *   2.1 under article 2                  → sub-clause (open_subclause())
 *   first line of a top-level block      → new paragraph (numbered if written)
 *   ２　 after paragraph 1 on a later line → the next paragraph
 *   a history line, a ・ bullet run       → paragraph, item
 *   later line, paragraph still open     → item whose number was lost
 *   later line after a hard break        → the next paragraph (Japanese)
 *   anything else                        → continues the open unit's text
 */
static void
unit(struct lower *L, struct node *container, struct flat *f,
    size_t base, size_t len, int line, int first, int nested)
{
	struct mstate *ms = &L->ms;
	struct marker m;
	int col = first_col(L, line);
	/* The marker parsers read a NUL-terminated line: end it in place. */
	char *s = f->text.data + base, saved = s[len];
	struct node *p;
	int numbered = -1;	/* para_marker_parse(s, &m), once asked */
	int next_b, next_bullet, marked, goes;
	size_t bl, nb, ind, fb;

	/* Before the line is ended in place: does the next go on a. → b.,
	 * the next line of the block or the block after its last? */
	next_b = base + len < f->text.len ?
	    latin_dot_marker_parse(s + len, &m) && m.value == 2 :
	    L->next_block_b;
	/* ・ here and ・ on the next line: a run of bullets. */
	nb = !first && !nested && base + len < f->text.len ?
	    recog_bullet(s + len) : 0;
	next_bullet = nb > 0 && nb <= len && memcmp(s, s + len, nb) == 0;
	s[len] = '\0';
	L->cut = saved;
	if ((ind = marker_indent(s)) > 0) {
		s += ind;
		base += ind;
		len -= ind;
	}
	bl = first || nested ? 0 : recog_bullet(s);
	next_bullet = next_bullet && bl == nb;

	/* (A) (B) are an English ladder's; Japanese keeps them as text. */
	marked = !L->in_contents && item_marker_parse(s, &m) &&
	    !(L->ja && m.scheme == MS_PAREN_UPPER) &&
	    (first || !marker_in_sentence(L, f, base, &m));
	if (L->in_contents && !nested) {
		/* A contents entry numbers nothing: a line of text. */
		open_paragraph(L, container, f, base, len, 0, 0, 0, 1, line,
		    col);
	} else if (marked && opens_paragraphs(L, container, &m, nested))
		open_paragraph(L, container, f, base, len, m.value, m.len,
		    m.skip, 1, line, col);
	else if (marked || (latin_dot_marker_parse(s, &m) &&
	    latin_dot_item(ms, &m, nested, next_b))) {
		if (ms->base == NULL) {
			/* Items before any paragraph text: an empty 項. */
			p = new_numbered(container, N_PARAGRAPH, 0, 0, NULL, 0,
			    line, col);
			p->text = pool_strdup(p->pool, "");
			ms_reset(ms, p);
		}
		open_marked(L, &m, f, base, len, line, col);
	} else if (!nested && (first || L->ja) &&
	    (numbered = para_marker_parse(s, &m)) &&
	    (goes = numbered_item(L, container, &m, s, first)) > 0) {
		if (goes == 2)
			m.scheme = ms->scheme[0];
		open_marked(L, &m, f, base, len, line, col);
	} else if (first && !nested && L->ja && (fb = recog_bullet(s)) > 0 &&
	    bullet_line_item(ms, container, 0)) {
		/*
		 * ・ opening a block of its own under a lead, or under the
		 * bullet item before it: a list whose entries a converter
		 * wrote as paragraphs, one a block.
		 */
		open_unmarked(L, f, base, len, fb, line, col);
		ms->bullets = 1;
	} else if (first && !nested && L->items_block) {
		open_unmarked(L, f, base, len, 0, line, col);
	} else if (first && !nested && open_subclause(L, container, f, base,
	    len, line, col)) {
		/* 2.1 under article 2: opened. */
	} else if (first && !nested && title_waits(L, ms->unit) &&
	    !title_broke(L, ms->unit, s) &&
	    !(numbered == -1 ? (numbered = para_marker_parse(s, &m)) :
	    numbered)) {
		/* The text under ### 2.1 Registration: the sub-clause's. */
		put_text(L, ms->unit, f, base, len, 0, 0);
	} else if ((first && !nested) || ms->base == NULL) {
		if (numbered == -1)
			numbered = para_marker_parse(s, &m);
		open_paragraph(L, container, f, base, len,
		    numbered ? m.value : 0, numbered ? m.len : 0,
		    numbered ? m.skip : 0, first && !nested, line, col);
	} else if (!first && !nested && para_marker_parse(s, &m) &&
	    next_paragraph_line(L, container, s, &m))
		open_paragraph(L, container, f, base, len, m.value, m.len,
		    m.skip, 1, line, col);
	else if (!first && !nested && L->ja && ms->base->type ==
	    N_PARAGRAPH && ms->base->parent == container &&
	    history_kind(s, len) == 2) {
		/*
		 * 【2021年5月1日改定】 on a line of its own under an article's
		 * sentence: history, a paragraph of its own as it is where
		 * a blank line sets it apart, never more of the sentence.
		 */
		open_paragraph(L, container, f, base, len, 0, 0, 0, 1, line,
		    col);
	} else if (!first && !nested && L->ja && unit_is_unmarked_item(ms) &&
	    names_first_paragraph(ms, container, s)) {
		/* Xは、前項による変更にあたり… under items of 第1項's lead. */
		open_paragraph(L, container, f, base, len, 0, 0, 0, 1, line,
		    col);
	} else if (bl > 0 && bullet_line_item(ms, container, next_bullet)) {
		open_unmarked(L, f, base, len, bl, line, col);
		ms->bullets = 1;
	} else if (!first && (ms->unit == ms->base ||
	    unit_is_unmarked_item(ms)) && ms->base->type == N_PARAGRAPH &&
	    !(ms->unit == ms->base && recog_goes_on(s)) &&
	    base_announces(L, ms->base))
		open_unmarked(L, f, base, len, 0, line, col);
	else if (L->hard_line && L->ja && !nested && ms->unit == ms->base &&
	    ms->base->type == N_PARAGRAPH && ms->base->parent == container) {
		/*
		 * A line its author broke on purpose (<br>, two spaces) under
		 * a sentence of an article: the next 項, where a Japanese
		 * soft break only wraps the sentence.
		 */
		open_paragraph(L, container, f, base, len, 0, 0, 0, 1, line,
		    col);
	} else
		put_text(L, ms->unit, f, base, len, 0, 1);
	s[len] = saved;
}

/*
 * Does article number num come after the article open (or is it 1, with
 * none open yet): right after it when next is set, else later, a number
 * the document skipped between (第11条, then 第13条)?  The evidence a
 * heading glued to its text needs: a reference glued so (第2条（禁止事項）
 * 違反が…) names an article already read far more often than one ahead.
 */
static int
follows_article(const struct lower *L, const char *num, int next)
{
	const struct node *a = NULL;
	long n, open;
	int i;

	for (i = L->nstack - 1; i >= 0 && a == NULL; i--)
		if (L->stack[i]->type == N_ARTICLE)
			a = L->stack[i];
	if (a == NULL || a->num == NULL)
		return strcmp(num, "1") == 0;
	n = strtol(num, NULL, 10);
	open = strtol(a->num, NULL, 10);
	if (strchr(num, '_') == NULL && strchr(a->num, '_') == NULL)
		return next ? n == open + 1 : n > open;
	return next ? strcmp(num, a->num) != 0 :
	    n > open || (n == open && strcmp(num, a->num) > 0);
}

/*
 * A line of a paragraph that the recognizer reads as an article heading
 * (Japanese documents whose authors wrote 第1条（定義） or **第1条** as
 * text, not as a Markdown heading): open that article beside the one
 * open, under the innermost division, and return where the article's
 * text starts in the line; or return (size_t)-1.
 */
static size_t
paragraph_article(struct lower *L, struct flat *f, size_t from, size_t to,
    int line, int start)
{
	struct rarticle a;
	struct node *parent, *n;
	char *s = f->text.data + from, saved = s[to - from], *head;
	size_t skip = (size_t)-1;

	s[to - from] = '\0';
	/*
	 * 第9条（解除）以下の場合、…: text that might go on with a
	 * reference; at a block's start, the next article's number says
	 * it is the heading.
	 */
	if (!recog_article(s, 0, &a) && start &&
	    recog_article(s, RA_NEXT, &a) && !follows_article(L, a.num, 1)) {
		free(a.num);
		a.num = NULL;
	}
	if (a.num != NULL && a.glued && !follows_article(L, a.num, 0)) {
		/* 第2条（禁止事項）違反が…: a reference, not article 2 again. */
		free(a.num);
	} else if (a.num != NULL) {
		while (L->nstack > 0 &&
		    L->stack[L->nstack - 1]->type == N_ARTICLE)
			L->nstack--;
		if (L->nstack < (int)(sizeof(L->stack) / sizeof(L->stack[0]))) {
			parent = current_container(L);
			head = xstrndup(s, a.headlen);
			n = make_heading(L, head, RA_HEADING,
			    parent->level + 1, line, first_col(L, line));
			free(head);
			if (n->caption == NULL && L->pending_cap != NULL)
				n->caption = pool_strdup(n->pool,
				    L->pending_cap);
			node_append(parent, n);
			L->stack[L->nstack++] = n;
			ms_reset(&L->ms, NULL);
			skip = (size_t)(a.rest - s);
		}
		free(a.num);
	}
	free(L->pending_cap);
	L->pending_cap = NULL;
	s[to - from] = saved;
	return skip;
}

static char	*first_line(struct lower *, cmark_node *);
static char	*heading_text(struct lower *, cmark_node *);

/*
 * Does line (owned; freed here) open an article without a caption of its
 * own?  Then cap waits for it (L->pending_cap, paragraph_article()): the
 * one decision behind a caption heading (## （定義）) and a caption line
 * of a paragraph (（目的） over 第一条).
 */
static int
caption_waits(struct lower *L, const char *cap, size_t caplen, char *line)
{
	struct rarticle a;
	int yes = recog_article(line, 0, &a) && a.cap == NULL;

	free(a.num);
	free(line);
	if (yes) {
		free(L->pending_cap);
		L->pending_cap = xstrndup(cap, caplen);
	}
	return yes;
}


/*
 * Is line i of block f only a caption, （目的） or 【目的】, written above
 * the article line next (statute style, as termc import reads it): the
 * block's next line, or the first of the next block (next) when the
 * caption is a block of its own, opens an article that has no caption?
 * Then the caption waits for that article (paragraph_article()) and the
 * line is no text.  Or, a block of its own, is it written below an
 * article heading that has no caption and no text yet?  Then it is that
 * article's caption.
 */
static int
paragraph_caption(struct lower *L, struct flat *f, size_t i, cmark_node *next)
{
	struct node *a;
	const char *cap;
	size_t caplen, from = i == 0 ? 0 : f->brk[i - 1],
	    to = i == f->nbrk ? f->text.len : f->brk[i];
	char *s = f->text.data + from, saved = s[to - from];
	int yes;

	s[to - from] = '\0';
	/* 【目的】 yes; ■お客様へのお願い is a notice in running text, but
	 * ■ 適用範囲 alone right over ## 第1条 is its caption. */
	yes = recog_caption_line(s, has_prefix(s + text_skip_spaces(s),
	    "【") || (f->nbrk == 0 && next != NULL &&
	    md_type(next) == MD_HEADING) ? RC_MARKED : 0, &cap, &caplen);
	s[to - from] = saved;
	if (!yes)
		return 0;
	if (i < f->nbrk)
		return caption_waits(L, cap, caplen, xstrndup(f->text.data +
		    to, (i + 1 == f->nbrk ? f->text.len : f->brk[i + 1]) - to));
	if (f->nbrk == 0 && next != NULL && md_type(next) == MD_PARAGRAPH &&
	    caption_waits(L, cap, caplen, first_line(L, next)))
		return 1;
	/* （目的） over ## 第1条: the heading takes it (heading_node()). */
	if (f->nbrk == 0 && next != NULL && md_type(next) == MD_HEADING &&
	    caption_waits(L, cap, caplen, heading_text(L, next)))
		return 1;
	/*
	 * ## 第6条, then （取得・期限） a block of its own: written below
	 * an article that has no caption and no text yet, it is the
	 * article's caption.
	 */
	if (f->nbrk == 0 && L->nstack > 0 && (a = L->stack[L->nstack - 1],
	    a->type == N_ARTICLE) && a->caption == NULL && a->first == NULL) {
		a->caption = pool_strndup(a->pool, cap, caplen);
		return 1;
	}
	return 0;
}

/*
 * A block whose first line is 附則 (付則, 附　則, 附則（2024年4月1日）)
 * alone, as recog_named_division() reads a plain line the way termc
 * import does: open that division as a heading would, in the place of
 * the outermost open article or numbered division, so that it closes
 * them; the block's other lines are its text.  別表 or 別記 only after a
 * 附則 or another appendix: before, those words also head a form inside
 * an article (an article's sub-heading is its text).  Returns whether it
 * did.
 */
static int
paragraph_division(struct lower *L, struct flat *f, size_t to, int line)
{
	struct node *n, *parent;
	enum divkind k;
	char saved;
	int hlevel, i;

	if (to > 160)
		return 0;
	saved = f->text.data[to];
	f->text.data[to] = '\0';
	k = recog_named_division(f->text.data, 0);
	/* 別表第一 after the 附則 is the law's appendix, as in statutes:
	 * no form inside an article stands there. */
	for (i = 0; k == DIV_APPENDIX && i < L->nstack; i++)
		if (L->stack[i]->type == N_DIVISION &&
		    (L->stack[i]->divkind == DIV_SUPPL ||
		    L->stack[i]->divkind == DIV_APPENDIX))
			break;
	if ((k != DIV_SUPPL && (k != DIV_APPENDIX || i == L->nstack)) ||
	    L->nstack >= (int)(sizeof(L->stack) / sizeof(L->stack[0]))) {
		f->text.data[to] = saved;
		return 0;
	}
	for (i = 0; i < L->nstack; i++)
		if (L->stack[i]->type == N_ARTICLE ||
		    L->stack[i]->divkind != DIV_OTHER)
			break;
	hlevel = i < L->nstack ? L->stack[i]->level : L->nstack + 1;
	while (L->nstack > 0 && L->stack[L->nstack - 1]->level >= hlevel)
		L->nstack--;
	parent = current_container(L);
	n = make_heading(L, f->text.data, RA_HEADING, hlevel, line,
	    first_col(L, line));
	f->text.data[to] = saved;
	node_append(parent, n);
	L->stack[L->nstack++] = n;
	ms_reset(&L->ms, NULL);
	return 1;
}

/* Are all the block's line breaks hard ones (<br>, two spaces)? */
static int
lines_broken_by_hand(const struct flat *f)
{
	size_t i;

	for (i = 0; i < f->nbrk; i++)
		if (!f->hard[i])
			return 0;
	return f->nbrk > 0;
}

/*
 * Is the paragraph open in container a lead (以下の行為…。) that no item
 * has followed yet?  Then a block of lines its author broke by hand right
 * under it holds those items, one a line, as the web page it came from
 * showed them.
 */
static int
lead_waits(const struct mstate *ms, const struct node *container)
{
	const struct node *b = ms->base;

	return b != NULL && b->type == N_PARAGRAPH && b->parent == container &&
	    ms->unit == b && b->last == NULL && b->text != NULL &&
	    recog_announces_items(b->text);
}

/* A paragraph block: split into lines, each a unit. */
/* Is s spaces alone: space, tab, line break, U+00A0? */
static int
blank_text(const char *s)
{
	for (;;) {
		if (*s == ' ' || *s == '\t' || *s == '\n')
			s++;
		else if (has_prefix(s, "\u00a0"))
			s += 2;
		else
			return *s == '\0';
	}
}

static void
lower_paragraph(struct lower *L, struct node *container, cmark_node *para,
    int nested)
{
	struct flat f;
	size_t i, from, to, skip;
	int line = md_line(L, para), first = 1;
	cmark_node *next = cmark_node_next(para);
	struct marker m;
	int col;

	/* a. in one paragraph, b. in the next: a run all the same (read
	 * off the source line: "b. " is written as it shows). */
	L->next_block_b = 0;
	if (next != NULL && md_type(next) == MD_PARAGRAPH) {
		col = cmark_node_get_start_column(next);
		L->next_block_b = latin_dot_marker_parse(source_line(L,
		    md_line(L, next)) + (col > 0 ? col - 1 : 0),
		    &m) && m.value == 2;
	}
	flat_take(L, &f);
	flatten(L, para, &f, 1);
	/*
	 * A paragraph of no-break spaces alone (a web page's spacer, "&nbsp;"
	 * between list entries) is a blank line: no paragraph to number, no
	 * lead for the list after it.
	 */
	if (!L->ja && blank_text(f.text.data)) {
		flat_give(L, &f);
		L->next_block_b = 0;
		return;
	}
	L->items_block = L->ja && !nested && lines_broken_by_hand(&f) &&
	    lead_waits(&L->ms, container);
	for (i = 0; i <= f.nbrk; i++, first = 0) {
		from = i == 0 ? 0 : f.brk[i - 1];
		to = i == f.nbrk ? f.text.len : f.brk[i];
		if (i == 0 && L->ja && !nested && !L->in_contents &&
		    paragraph_division(L, &f, to, line)) {
			container = current_container(L);
			continue;
		}
		if (L->ja && !nested && !L->in_contents &&
		    paragraph_caption(L, &f, i, next))
			continue;
		if (L->ja && !nested && !L->in_contents &&
		    (skip = paragraph_article(L, &f,
		    from, to, line + (int)i, i == 0)) != (size_t)-1) {
			container = current_container(L);
			first = 1;
			if ((from += skip) == to)
				continue;
		}
		/* "&nbsp; (a) The laws …": the marker after a web page's
		 * no-break space opens the line all the same (a line of
		 * such spaces alone stays as it was). */
		for (skip = from; !L->ja && skip < to &&
		    (f.text.data[skip] == ' ' ||
		    has_prefix(f.text.data + skip, "\u00a0"));
		    skip += f.text.data[skip] == ' ' ? 1 : 2)
			;
		if (skip < to)
			from = skip;
		L->hard_line = i > 0 && f.hard[i - 1];
		unit(L, container, &f, from, to - from, line + (int)i, first,
		    nested);
		L->hard_line = 0;
		if (L->block_read) {
			L->block_read = 0;
			break;
		}
	}
	flat_give(L, &f);
	L->next_block_b = 0;
	L->items_block = 0;
}

/* ---- tables ---- */

static void
lower_table(struct lower *L, struct node *parent, cmark_node *tbl)
{
	struct node *n = node_new(L->root->pool, N_TABLE,
	    md_line(L, tbl), node_col(L, tbl));
	struct table *t = pool_calloc(n->pool, 1, sizeof(*t));
	cmark_node *row, *cell;
	uint8_t *al;
	size_t r, c;
	struct flat f;

	t->ncols = cmark_gfm_extensions_get_table_columns(tbl);
	for (row = cmark_node_first_child(tbl); row; row = cmark_node_next(row))
		t->nrows++;
	t->cells = pool_calloc(n->pool, t->nrows * t->ncols + 1,
	    sizeof(*t->cells));
	t->align = pool_calloc(n->pool, t->ncols + 1, 1);
	al = cmark_gfm_extensions_get_table_alignments(tbl);
	for (c = 0; c < t->ncols && al; c++)
		t->align[c] = al[c] == 'l' || al[c] == 'c' || al[c] == 'r' ?
		    (char)al[c] : 0;
	for (r = 0, row = cmark_node_first_child(tbl); row;
	    row = cmark_node_next(row), r++) {
		for (c = 0, cell = cmark_node_first_child(row); cell;
		    cell = cmark_node_next(cell), c++) {
			if (c >= t->ncols)
				break;
			flat_take(L, &f);
			flatten(L, cell, &f, 0);
			t->cells[r * t->ncols + c] = trim_in(n->pool,
			    f.text.data, f.text.len);
			flat_give(L, &f);
		}
		for (; c < t->ncols; c++)
			t->cells[r * t->ncols + c] = pool_strdup(n->pool, "");
	}
	n->table = t;
	node_append(parent, n);
}

/* ---- lists ---- */

static void lower_blocks(struct lower *, struct node *, cmark_node *, int);

/*
 * A Markdown list.  depth 0: entries are paragraphs of container; deeper:
 * entries are items or sub-items of owner.
 */

/* Does a bullet list's first entry start with a paragraph number (- 2 …)? */
static int
entries_numbered(struct lower *L, cmark_node *list)
{
	cmark_node *item = cmark_node_first_child(list), *p;
	struct marker m;
	char *s;
	int yes;

	if (item == NULL || (p = cmark_node_first_child(item)) == NULL ||
	    md_type(p) != MD_PARAGRAPH)
		return 0;
	s = first_line(L, p);
	yes = para_marker_parse(s, &m) || item_marker_parse(s, &m) ||
	    (numeral_parse(s, &(size_t){0}, 1) >= 0 && s[strspn(s,
	    "0123456789")] == '\0');
	free(s);
	return yes;
}

/*
 * Does bullet list b, right under the paragraph L->ms.base of its article,
 * hold that paragraph's items (号)?  Under a lead (次の各号, 以下の…, a
 * colon), and under any paragraph written as a block of text when the
 * list has two entries or more, as ・ bullets under a paragraph are in
 * plain text: "当社は、利用者の情報を取得します。" then "- 氏名" "- 住所".
 * Not so: one bullet under a sentence that leads to nothing (a term, then
 * its definition as the next paragraph); a paragraph that is a list entry
 * itself (the bullets go on with its list); a paragraph that announces
 * paragraphs (次の各項); entries that write their own paragraph numbers
 * (- 2 …).  A list at the start of an article, with no paragraph before
 * it, holds paragraphs: the caller asks only with a paragraph.
 */
static int
bullet_items(struct lower *L, cmark_node *b)
{
	const char *t = L->ms.base->text ? L->ms.base->text : "";
	cmark_node *first = cmark_node_first_child(b);

	return (recog_announces_items(t) || (L->ms.base == L->plain_para &&
	    first != NULL && cmark_node_next(first) != NULL)) &&
	    !recog_announces_paragraphs(t) && !entries_numbered(L, b);
}

/*
 * Markdown's automatic numbering: every entry written with the same
 * number (1. 1. 1.), which Markdown shows as 1, 2, 3.  Such numbers are
 * positions, not numbers the author wrote.
 */
static int
auto_numbered(struct lower *L, cmark_node *list)
{
	cmark_node *item;
	long first = -1, v;
	size_t used;
	int n = 0, col;

	for (item = cmark_node_first_child(list); item;
	    item = cmark_node_next(item), n++) {
		col = cmark_node_get_start_column(item);
		v = numeral_parse(source_line(L, md_line(L,
		    item)) + (col > 0 ? col - 1 : 0), &used, 0);
		if (n == 0)
			first = v;
		else if (v != first)
			return 0;
	}
	/* Two entries 1. 1. may be a real slip; three are a habit. */
	return n >= 3;
}

/*
 * Put the n bytes at p before f's text, its spans and line starts moved
 * along: a contents entry keeps the number its list marker writes.
 */
static void
flat_prepend(struct flat *f, const char *p, size_t n)
{
	size_t i, len = f->text.len;

	buf_put(&f->text, p, n);	/* room for n more; moved below */
	memmove(f->text.data + n, f->text.data, len);
	memcpy(f->text.data, p, n);
	f->mid_read = 0;
	for (i = 0; i < f->nspans; i++)
		f->spans[i].off += n;
	for (i = 0; i < f->nbrk; i++)
		f->brk[i] += n;
}

static void
lower_list(struct lower *L, struct node *container, struct node *owner,
    cmark_node *list, int depth)
{
	cmark_node *item, *child;
	enum ntype type;
	struct node *entry;
	struct marker m;
	struct mstate saved;
	int line, col, level, ordered, first, autonum;
	const char *src;
	size_t used;
	long value, lastitem = 0;
	struct node *lead = NULL;	/* the paragraph whose items run */

	if (depth >= MAX_LISTS) {
		diag(L->d, L->src->path, md_line(L, list), 1,
		    D_TOO_DEEP, "more than %d nested lists", MAX_LISTS);
		L->failed = 1;
		return;
	}
	ordered = cmark_node_get_list_type(list) == CMARK_ORDERED_LIST;
	if (depth == 0) {
		type = N_PARAGRAPH;
		level = 0;
	} else if (owner->type == N_PARAGRAPH) {
		type = N_ITEM;
		level = 0;
	} else {
		type = N_SUBITEM;
		level = owner->type == N_SUBITEM ? owner->level + 1 : 1;
	}
	autonum = ordered && auto_numbered(L, list);
	for (item = cmark_node_first_child(list); item;
	    item = cmark_node_next(item)) {
		line = md_line(L, item);
		col = cmark_node_get_start_column(item);
		value = 0;
		src = source_line(L, line);
		used = 0;
		if (ordered && L->in_contents) {
			/*
			 * A contents entry numbers nothing: its marker, as
			 * written, is the first words of its text.
			 */
			const char *p = src + (col > 0 ? col - 1 : 0);

			if (numeral_parse(p, &used, 0) >= 0 &&
			    (p[used] == '.' || p[used] == ')'))
				used++;
			entry = new_numbered(depth == 0 ? container : owner,
			    type, level, 0, NULL, 0, line, node_col(L, item));
			entry->label = NULL;
			src = p;
		} else if (ordered && !autonum) {
			/* The marker as written, from the source line. */
			const char *p = src + (col > 0 ? col - 1 : 0);

			value = numeral_parse(p, &used, 0);
			/* The label keeps its delimiter, as ２． does. */
			if (value >= 0 && (p[used] == '.' || p[used] == ')'))
				used++;
			/*
			 * 1. 以下の場合、…： then 1. 2. 3. then 2.: entries
			 * that start at 1 again under a paragraph that
			 * announces items are its items, while each is the
			 * number after the last item's; 2. then goes on
			 * with the paragraphs.
			 */
			if (lead != NULL && value >= 1 && (lastitem > 0 ?
			    value == lastitem + 1 : value == 1)) {
				entry = new_numbered(lead, N_ITEM, 0, value,
				    p, used, line, node_col(L, item));
				lastitem = value;
			} else
				entry = new_numbered(depth == 0 ? container :
				    owner, type, level, value, p, used, line,
				    node_col(L, item));
		} else
			entry = new_numbered(depth == 0 ? container : owner,
			    type, level, 0, NULL, 0, line, node_col(L, item));
		saved = L->ms;
		ms_reset(&L->ms, entry);
		first = 1;
		for (child = cmark_node_first_child(item); child;
		    child = cmark_node_next(child)) {
			if (first && md_type(child) == MD_PARAGRAPH) {
				struct flat f;
				size_t i, from, to;
				int pl = md_line(L, child);
				char *first_line;

				flat_take(L, &f);
				flatten(L, child, &f, 1);
				if (ordered && L->in_contents && used > 0) {
					flat_prepend(&f, " ", 1);
					flat_prepend(&f, src, used);
				}
				to = f.nbrk ? f.brk[0] : f.text.len;
				/*
				 * A bullet entry may carry its number as a
				 * written marker: "- (1) …", "- 2 …".  Only
				 * on its first line: the flattened text runs
				 * on into the next ("- 一" + "　z" is no 一　).
				 */
				first_line = xstrndup(f.text.data, to);
				if (!ordered && entry->implicit &&
				    (type == N_PARAGRAPH ?
				    para_marker_parse(first_line, &m) :
				    item_marker_parse(first_line, &m))) {
					entry->num = numstr(entry->pool,
					    m.value);
					entry->label = trim_in(entry->pool,
					    f.text.data, m.len);
					entry->implicit = 0;
					put_text(L, entry, &f, 0, to, m.skip, 0);
				} else
					put_text(L, entry, &f, 0, to, 0, 0);
				free(first_line);
				for (i = 1; i <= f.nbrk; i++) {
					from = f.brk[i - 1];
					to = i == f.nbrk ? f.text.len : f.brk[i];
					unit(L, container, &f, from, to - from,
					    pl + (int)i, 0, 1);
				}
				flat_give(L, &f);
			} else if (md_type(child) == MD_LIST)
				lower_list(L, container, entry, child,
				    depth + 1);
			else
				lower_blocks(L, container, child, 1);
			first = 0;
		}
		if (entry->text == NULL)
			entry->text = pool_strdup(entry->pool, "");
		L->ms = saved;
		if (depth == 0)
			ms_reset(&L->ms, entry);
		if (depth == 0 && entry->type == N_PARAGRAPH) {
			/* One that has its items (a list inside) waits
			 * for none. */
			lead = ordered && !autonum && !L->in_contents &&
			    entry->first == NULL && base_announces(L, entry) ?
			    entry : NULL;
			lastitem = 0;
		}
	}
}

/* ---- headings ---- */


/*
 * A block's text, flattened and trimmed (caller frees): all of it, its
 * lines joined, or with first_only its first line.
 */
static char *
block_text(struct lower *L, cmark_node *b, int first_only)
{
	struct flat f;
	char *s;

	flat_take(L, &f);
	flatten(L, b, &f, first_only);
	s = text_trim(f.text.data, first_only && f.nbrk ? f.brk[0] :
	    f.text.len);
	flat_give(L, &f);
	return s;
}

static char *
heading_text(struct lower *L, cmark_node *h)
{
	return block_text(L, h, 0);
}

/*
 * A heading of a roman run (roman_articles()): ARTICLE II. ACCOUNTS is
 * article 2, its label as written, ARTICLE II., its caption ACCOUNTS.
 * NULL when the heading at line is none.
 */
static struct node *
roman_heading(struct lower *L, const char *text, int line, int col)
{
	struct rroman rr;
	struct node *n;
	const char *cap;
	size_t i, caplen, used;

	for (i = 0; i < L->nroman && L->roman[i] != line; i++)
		;
	if (i == L->nroman || !(L->letters ? recog_letter_article(text, &rr) :
	    recog_roman_article(text, &rr)))
		return NULL;
	n = node_new(L->root->pool, N_ARTICLE, line, col);
	n->num = numstr(n->pool, rr.value);
	n->label = trim_in(n->pool, text, rr.labellen);
	/* ARTICLE I. (DEFINITIONS), as termc import writes a caption. */
	if (caption_parse(rr.cap, &cap, &caplen, &used) &&
	    rr.cap[used + text_skip_spaces(rr.cap + used)] == '\0')
		n->caption = pool_strndup(n->pool, cap, caplen);
	else if (*rr.cap != '\0')
		n->caption = trim_in(n->pool, rr.cap, strlen(rr.cap));
	return n;
}

/*
 * The node a heading's text makes: an article when the recognizer reads
 * one (raflags as recog_article() takes them), else a division.
 */
static struct node *
make_heading(struct lower *L, const char *text, int raflags, int hlevel,
    int line, int col)
{
	struct pool *pool = L->root->pool;
	struct node *n;
	const char *cap, *rest, *t, *label = text;
	size_t len, caplen, used, tlen;
	char *num = NULL;
	struct rarticle ra;
	struct rdivision rd;

	if ((n = roman_heading(L, text, line, col)) != NULL) {
		n->level = hlevel;
		return n;
	}
	ra.num = NULL;
	if (L->chapters && recog_division(text, RA_HEADING, &rd) &&
	    rd.kind == DIV_CHAPTER) {
		/* 第2章 会員登録: the article-level unit (chapter_articles()). */
		n = node_new(pool, N_ARTICLE, line, col);
		rest = text + rd.labellen;
		tlen = strlen(rest);
		t = text_trimmed(rest, &tlen);
		/* 第1章（総則）, as the article's caption is written. */
		if (caption_parse(rest, &cap, &caplen, &used) &&
		    rest[used + text_skip_spaces(rest + used)] == '\0') {
			t = cap;
			tlen = caplen;
		}
		n->num = pool_strdup(pool, rd.num);
		free(rd.num);
		n->label = pool_strndup(pool, text, rd.labellen);
		if (tlen > 0)
			n->caption = pool_strndup(pool, t, tlen);
	} else if ((L->ja && recog_article(text, raflags, &ra)) ||
	    ((!L->ja || (L->sectioned && raflags == RA_HEADING)) &&
	    article_label_parse(text, &num, &len))) {
		n = node_new(pool, N_ARTICLE, line, col);
		if (ra.num != NULL) {
			num = ra.num;
			label = ra.label;
			len = ra.labellen;
			rest = ra.rest;
			if (ra.cap != NULL)
				n->caption = pool_strndup(pool, ra.cap,
				    ra.caplen);
		} else {
			rest = text + len;
			/* Section 5 – Governing Law: the mark is no caption. */
			if (!L->ja)
				rest += recog_caption_sep(rest);
			if (caption_parse(rest, &cap, &caplen, &used)) {
				n->caption = pool_strndup(pool, cap, caplen);
				rest += used;
			} else {
				tlen = strlen(rest);
				t = text_trimmed(rest, &tlen);
				if (tlen > 0) {
					n->caption = pool_strndup(pool, t, tlen);
					rest += strlen(rest);
				}
			}
		}
		n->num = pool_strdup(pool, num);
		free(num);
		num = NULL;
		n->label = trim_in(pool, label, len);
		/* Text after the caption on the heading line: a first 項. */
		tlen = strlen(rest);
		t = text_trimmed(rest, &tlen);
		if (tlen > 0) {
			struct node *p = node_new(pool, N_PARAGRAPH, line, col);

			p->num = numstr(pool, 1);
			p->implicit = 1;
			p->text = pool_strndup(pool, t, tlen);
			node_append(n, p);
		}
	} else {
		free(num);
		n = node_new(pool, N_DIVISION, line, col);
		if (recog_division(text, RA_HEADING, &rd)) {
			tlen = strlen(text + rd.labellen);
			t = text_trimmed(text + rd.labellen, &tlen);
			n->divkind = rd.kind;
			n->num = pool_strdup(pool, rd.num);
			free(rd.num);
			n->label = pool_strndup(pool, text, rd.labellen);
			if (tlen > 0)
				n->caption = pool_strndup(pool, t, tlen);
		} else {
			n->divkind = recog_named_division(text, RA_HEADING);
			n->caption = pool_strdup(pool, text);
		}
	}
	n->level = hlevel;
	return n;
}

static struct node *
current_container(struct lower *L)
{
	return L->nstack ? L->stack[L->nstack - 1] : L->root;
}

/* The first line of a paragraph block, flattened; caller frees. */
static char *
first_line(struct lower *L, cmark_node *para)
{
	return block_text(L, para, 1);
}

/*
 * Is heading h (its text given) only a caption, and does the paragraph
 * after it open an article that has none?  Then the caption is kept for
 * that article and the heading makes no division.
 */
static int
caption_above_article(struct lower *L, cmark_node *h, const char *text)
{
	cmark_node *next = cmark_node_next(h);
	const char *cap;
	size_t caplen;

	if (next == NULL || md_type(next) != MD_PARAGRAPH ||
	    !recog_caption_line(text, RC_MARKED, &cap, &caplen))
		return 0;
	return caption_waits(L, cap, caplen, first_line(L, next));
}

static void	heading_node(struct lower *, cmark_node *, char *, int, int,
		    int);

/* text (taken: freed here), a heading's words, as a line of container's
 * text at line, the first of a block. */
static void
heading_line(struct lower *L, struct node *container, char *text, int line)
{
	struct flat f;

	flat_take(L, &f);
	buf_puts(&f.text, text);
	L->in_heading = 1;
	unit(L, container, &f, 0, f.text.len, line, 1, 0);
	L->in_heading = 0;
	flat_give(L, &f);
	free(text);
}

/* heading_line(), a paragraph of its own that leads nothing (the lines
 * after it are no items of it): a title, a history line. */
static void
text_line(struct lower *L, struct node *container, char *text, int line)
{
	heading_line(L, container, text, line);
	ms_reset(&L->ms, NULL);
	L->plain_para = NULL;
}

static void
lower_heading(struct lower *L, cmark_node *h)
{
	heading_node(L, h, heading_text(L, h), cmark_node_get_heading_level(h),
	    md_line(L, h), cmark_node_get_start_column(h));
}

/* A heading of hlevel with text (taken: freed here), h its block. */
static void
heading_node(struct lower *L, cmark_node *h, char *text, int hlevel, int line,
    int col)
{
	struct node *n, *parent;
	struct rhistory hist;

	/*
	 * "#### Last Updated: May 22, 2024", "##### March 21, 2024": the
	 * document's history (doc_history() reads the first), a line of
	 * the text where it stands, never a division or an article that
	 * holds what follows.
	 */
	if (!L->ja && (recog_history_entry(text, &hist) ?
	    (free(hist.note), 1) : recog_date_alone(text))) {
		text_line(L, current_container(L), text, line);
		return;
	}
	/*
	 * "### Table of Contents" over a list: text where it stands, as
	 * 目次 is and as "**Table of Contents**" written in bold is, even
	 * where the list goes on past its entries into the sections
	 * (CommonMark joins 1. … 4. and the 1. **Section** after them):
	 * no article that holds the list.  Whether the list's lines are
	 * a contents list is contents_blocks()'s to tell.
	 */
	if (!L->ja && h != NULL && cmark_node_next(h) != NULL &&
	    md_type(cmark_node_next(h)) == MD_LIST &&
	    recog_english_contents_heading(text)) {
		text_line(L, current_container(L), text, line);
		return;
	}
	while (L->nstack > 0 && L->stack[L->nstack - 1]->level >= hlevel)
		L->nstack--;
	parent = current_container(L);
	if (parent->type == N_ARTICLE) {
		/* A sub-heading inside an article is text of the article. */
		heading_line(L, parent, text, line);
		return;
	}
	if (L->ja && caption_above_article(L, h, text)) {
		free(text);
		return;
	}
	n = make_heading(L, text, RA_HEADING, hlevel, line, col);
	free(text);
	/* The caption line right above it (paragraph_caption()). */
	if (n->type == N_ARTICLE && n->caption == NULL &&
	    L->pending_cap != NULL)
		n->caption = pool_strdup(n->pool, L->pending_cap);
	free(L->pending_cap);
	L->pending_cap = NULL;
	node_append(parent, n);
	L->stack[L->nstack++] = n;
	ms_reset(&L->ms, NULL);
	if (n->last != NULL)
		ms_reset(&L->ms, n->last);
}

/* ---- blocks ---- */

/*
 * An author's topic marker: a comment block "<!-- termc: topics +a -b -->"
 * directly after an article or division heading.  The words after
 * "topics" are kept on the heading's node for topics.c to read.
 */
static void
topics_marker(struct lower *L, cmark_node *b, const char *lit)
{
	static const char key[] = "<!-- termc: topics";
	cmark_node *prev = cmark_node_previous(b);
	struct node *h;
	const char *s, *e;

	while (*lit == ' ' || *lit == '\t')
		lit++;
	if (strncmp(lit, key, sizeof(key) - 1) != 0)
		return;
	h = L->nstack ? L->stack[L->nstack - 1] : NULL;
	if (prev == NULL || md_type(prev) != MD_HEADING || h == NULL ||
	    h->line != md_line(L, prev) || h->topics != NULL) {
		diag(L->d, L->src->path, md_line(L, b),
		    cmark_node_get_start_column(b), D_TOPIC_PLACE, NULL);
		return;
	}
	s = lit + sizeof(key) - 1;
	if ((e = strstr(s, "-->")) == NULL)
		e = s + strlen(s);
	h->topics = trim_in(h->pool, s, (size_t)(e - s));
	h->topics_line = md_line(L, b);
	h->topics_col = cmark_node_get_start_column(b);
}

static void
lower_blocks(struct lower *L, struct node *container, cmark_node *b,
    int nested)
{
	struct node *owner;
	cmark_node *c;
	const char *lit;

	switch (md_type(b)) {
	case MD_HEADING:
		if (!nested)
			lower_heading(L, b);
		else {
			/*
			 * A heading inside a list entry ("* a. Who can use
			 * …" over a rule) heads no clause of its own: its
			 * words are a line of the entry, never dropped.
			 */
			struct flat f;
			char *text = heading_text(L, b);

			flat_take(L, &f);
			buf_puts(&f.text, text);
			unit(L, container, &f, 0, f.text.len,
			    md_line(L, b), 0, nested);
			flat_give(L, &f);
			free(text);
		}
		break;
	case MD_PARAGRAPH:
		lower_paragraph(L, container, b, nested);
		break;
	case MD_LIST:
		/*
		 * A list inside a list entry holds that entry's items; at
		 * article level a list holds paragraphs.
		 */
		if (nested && L->ms.unit != NULL) {
			lower_list(L, container, L->ms.unit, b, 1);
			break;
		}
		/*
		 * "1)" is an item marker, as （１） and １） are: such a list
		 * after a paragraph's text holds that paragraph's items.
		 */
		if (!nested && L->ms.base != NULL &&
		    L->ms.base->type == N_PARAGRAPH &&
		    cmark_node_get_list_type(b) == CMARK_ORDERED_LIST &&
		    cmark_node_get_list_delim(b) == CMARK_PAREN_DELIM) {
			lower_list(L, container, L->ms.base, b, 1);
			break;
		}
		/*
		 * A list under a lead sentence (次の各号, 以下の…, a colon)
		 * holds that paragraph's items, and so does a numbered list
		 * that starts again at 1 under a paragraph whose number is
		 * not written (as paragraphs its 1 would be the paragraph's
		 * own).  A numbered list that goes on from the paragraphs
		 * (4. after 3.) holds paragraphs.
		 */
		if (!nested && L->ms.base != NULL &&
		    L->ms.base->type == N_PARAGRAPH &&
		    container->type == N_ARTICLE &&
		    L->ms.base->parent == container &&
		    (cmark_node_get_list_type(b) == CMARK_ORDERED_LIST ?
		    cmark_node_get_list_start(b) == 1 &&
		    (recog_announces_items(L->ms.base->text ?
		    L->ms.base->text : "") || L->ms.base->implicit) :
		    bullet_items(L, b))) {
			lower_list(L, container, L->ms.base, b, 1);
			break;
		}
		lower_list(L, container, NULL, b, 0);
		break;
	case MD_QUOTE:
		for (c = cmark_node_first_child(b); c; c = cmark_node_next(c))
			lower_blocks(L, container, c, nested);
		break;
	case MD_TABLE:
		owner = L->ms.unit != NULL && container->type == N_ARTICLE ?
		    L->ms.base : container;
		lower_table(L, owner, b);
		break;
	case MD_CODE_BLOCK:
	case MD_HTML_BLOCK:
		lit = cmark_node_get_literal(b);
		if (md_type(b) == MD_HTML_BLOCK && lit != NULL)
			topics_marker(L, b, lit);
		if (lit == NULL || (md_type(b) == MD_HTML_BLOCK &&
		    is_html_comment(lit)))
			break;
		if (md_type(b) == MD_HTML_BLOCK)
			diag(L->d, L->src->path, md_line(L, b),
			    node_col(L, b), D_RAW_HTML, NULL);
		{
			struct flat f;
			struct node *p;

			flat_take(L, &f);
			buf_puts(&f.text, lit);
			while (f.text.len && f.text.data[f.text.len - 1] == '\n')
				f.text.data[--f.text.len] = '\0';
			p = new_numbered(container, N_PARAGRAPH, 0, 0, NULL, 0,
			    md_line(L, b), node_col(L, b));
			put_text(L, p, &f, 0, f.text.len, 0, 0);
			ms_reset(&L->ms, p);
			flat_give(L, &f);
		}
		break;
	default:
		break;
	}
}

/* A section's title after its number: short, capitalized, no sentence. */
static int
title_words(const char *t)
{
	size_t n;

	while (*t == ' ')
		t++;
	n = strlen(t);
	if (n == 0 || n > 100 || !(*t >= 'A' && *t <= 'Z'))
		return 0;
	while (n > 0 && (t[n - 1] == '.' || t[n - 1] == ' '))
		n--;
	return n > 0 && t[n - 1] != ':' && memchr(t, '.', n) == NULL;
}

/* Is paragraph p bold and nothing else (**User Content and Privacy**)? */
static int
all_bold(cmark_node *p)
{
	cmark_node *c = cmark_node_first_child(p);

	return c != NULL && md_type(c) == MD_STRONG &&
	    cmark_node_next(c) == NULL;
}

/* Is paragraph p one line of plain text and nothing else? */
static int
all_plain(cmark_node *p)
{
	cmark_node *c = cmark_node_first_child(p);

	return c != NULL && md_type(c) == MD_TEXT && cmark_node_next(c) == NULL;
}

/*
 * Are text's words those that end the front matter's title, "Terms of
 * Service" under "Acme Terms of Service", any case?  Japanese titles
 * are told by their words alone (利用規約 under the title さくら利用規約
 * may be a part's name), whole.
 */
static int
ends_title(const struct lower *L, const char *text)
{
	const char *title = L->meta != NULL ? L->meta->title : NULL;
	size_t n = strlen(text), tn = title != NULL ? strlen(title) : 0;

	return n > 0 && n <= tn && strcasecmp(title + tn - n, text) == 0 &&
	    (n == tn || (!L->ja && title[tn - n - 1] == ' '));
}

/*
 * Is block b a title line with no number: a paragraph that is bold and
 * nothing else, a title (short, capitalized, no sentence, no stop at its
 * end), or one line of plain text that is a title alone
 * (recog_title_alone(): ACCEPTANCE OF TERMS, Your Account), as a page
 * reduced to text shows its headings?
 */
static int
title_block(struct lower *L, cmark_node *b)
{
	char *text;
	int bold, yes;

	if (md_type(b) != MD_PARAGRAPH)
		return 0;
	if (!(bold = all_bold(b)) && !all_plain(b))
		return 0;
	L->quiet = 1;
	text = heading_text(L, b);
	L->quiet = 0;
	yes = strchr(text, '\n') == NULL && (bold ? title_words(text) &&
	    text[strlen(text) - 1] != '.' : recog_title_alone(text)) &&
	    !recog_english_contents_heading(text) && !ends_title(L, text);
	free(text);
	return yes;
}

/* How many words, parted by spaces, text has. */
static size_t
words(const char *text)
{
	size_t n = 0;
	int in = 0;

	for (; *text != '\0'; text++) {
		n += !in && *text != ' ';
		in = *text != ' ';
	}
	return n;
}

/*
 * Is block b a title line alone with a stop at its end, Termination. or
 * TERMINATION. (recog_title_alone() of the words before the stop)?  Such
 * a line may be a short sentence too (Welcome aboard.): it heads a
 * section only among titles found without it (bold_titles()).
 */
static int
title_block_stop(struct lower *L, cmark_node *b)
{
	char *text;
	size_t len;
	int yes = 0;

	if (md_type(b) != MD_PARAGRAPH || !all_plain(b))
		return 0;
	L->quiet = 1;
	text = heading_text(L, b);
	L->quiet = 0;
	len = strlen(text);
	/* Title Case (recog_en_title(): three words at most, or no long
	 * word small), or capitals of three words at most: a sentence in
	 * capitals (PLEASE READ THIS SECTION CAREFULLY.) is no title. */
	if (strchr(text, '\n') == NULL && len > 1 && text[len - 1] == '.' &&
	    text[len - 2] != '.' && recog_en_title(text) &&
	    (strpbrk(text, "abcdefghijklmnopqrstuvwxyz") != NULL ||
	    words(text) <= 3)) {
		text[len - 1] = '\0';
		yes = recog_title_alone(text) && !ends_title(L, text);
	}
	free(text);
	return yes;
}

/*
 * Is block b the line that names the document (Terms of Service under
 * the title Acme Terms of Service)?  What stands above it is the page's
 * header (a region, a menu), no section.
 */
static int
names_document(struct lower *L, cmark_node *b)
{
	char *text;
	int yes;

	if (md_type(b) != MD_PARAGRAPH || (!all_plain(b) && !all_bold(b)))
		return 0;
	L->quiet = 1;
	text = heading_text(L, b);
	L->quiet = 0;
	yes = ends_title(L, text);
	free(text);
	return yes;
}

/*
 * The n title blocks v (in order, at least one) and, after the first,
 * the title lines with a stop (title_block_stop()) with text after them
 * that is no title line: returns the new count, *vp grown.
 */
static size_t
stop_titles(struct lower *L, cmark_node *root, cmark_node ***vp, size_t n)
{
	cmark_node *b, *next, **v = *vp, **w = NULL;
	size_t i = 0, k = 0;

	for (b = cmark_node_first_child(root); b; b = next) {
		next = cmark_node_next(b);
		if (i < n && b == v[i]) {
			w = xgrow(w, k, sizeof(*w));
			w[k++] = v[i++];
		} else if (i > 0 && next != NULL &&
		    md_type(next) != MD_HEADING && title_block_stop(L, b) &&
		    !title_block(L, next) && !title_block_stop(L, next)) {
			w = xgrow(w, k, sizeof(*w));
			w[k++] = b;
		}
	}
	free(v);
	*vp = w;
	return k;
}

/* Order of titles for finding the repeated ones: by text, then place. */
struct title_ref {
	char	*text;
	size_t	 at;
};

static int
title_ref_cmp(const void *a, const void *b)
{
	const struct title_ref *x = a, *y = b;
	int c = strcmp(x->text, y->text);

	return c != 0 ? c : x->at < y->at ? -1 : x->at > y->at;
}

/*
 * Keep of the n title blocks v those whose words no other one repeats:
 * a line that comes back (More simply put, Summary over each section's
 * digest) labels a passage, it names no section.  Returns how many are
 * kept, in order; *caps: how many of those are in capitals (no small
 * letter).
 */
static size_t
distinct_titles(struct lower *L, cmark_node **v, size_t n, size_t *caps)
{
	struct title_ref *t = xcalloc(n ? n : 1, sizeof(*t));
	unsigned char *drop = xcalloc(n ? n : 1, 1);
	size_t i, k = 0;
	const char *c;

	L->quiet = 1;
	for (i = 0; i < n; i++) {
		t[i].text = heading_text(L, v[i]);
		t[i].at = i;
	}
	L->quiet = 0;
	qsort(t, n, sizeof(*t), title_ref_cmp);
	for (i = 0; i + 1 < n; i++)
		if (strcmp(t[i].text, t[i + 1].text) == 0)
			drop[t[i].at] = drop[t[i + 1].at] = 1;
	*caps = 0;
	for (i = 0; i < n; i++) {
		if (!drop[t[i].at]) {
			for (c = t[i].text; *c != '\0' && !(*c >= 'a' &&
			    *c <= 'z'); c++)
				;
			*caps += *c == '\0';
		}
		free(t[i].text);
	}
	for (i = 0; i < n; i++)
		if (!drop[i])
			v[k++] = v[i];
	free(t);
	free(drop);
	return k;
}

/*
 * Does paragraph b open with a sub-clause's number, 4.1 Our Platform
 * (recog_decimal_clause(), the decision import's line joins ask too)?
 */
static int
subclause_line(struct lower *L, cmark_node *b)
{
	char *text;
	int yes;

	if (md_type(b) != MD_PARAGRAPH)
		return 0;
	L->quiet = 1;
	text = heading_text(L, b);
	L->quiet = 0;
	yes = recog_decimal_clause(text);
	free(text);
	return yes;
}

/*
 * Do the n title blocks v (in order) run through the document, as its
 * sections do: a preamble before the first of at most one in eight of
 * the document's nblocks top-level blocks, and no stretch without one
 * (between two, after the last; a line numbered as a sub-clause, 4.1,
 * divides it as a title does) longer than a third of them?  Sections
 * long enough to fall under one title in eight still divide the whole
 * text; a few Title Case lines that label passages leave long
 * stretches with none, and titles that start late head an appendix of
 * the text, not its sections.
 */
static int
titles_spread(struct lower *L, cmark_node *root, cmark_node **v, size_t n,
    size_t nblocks)
{
	cmark_node *b;
	size_t i = 0, run = 0, most = 0;

	for (b = cmark_node_first_child(root); b; b = cmark_node_next(b)) {
		if (md_type(b) == MD_HEADING)
			continue;
		if (i > 0 && subclause_line(L, b)) {
			/* 4.1 Our Platform: a section divided further. */
			run = 0;
			continue;
		}
		if (i < n && b == v[i]) {
			/* What comes before the first is a preamble. */
			if (i++ == 0 && run * 8 > nblocks)
				return 0;
			run = 0;
			continue;
		}
		if (++run > most)
			most = run;
	}
	return most * 3 <= nblocks;
}

/*
 * English terms whose sections are title lines with no number, as a site
 * writes its headings: **User Content and Privacy** in bold, or
 * ACCEPTANCE OF TERMS alone on its line (title_block()), its text after
 * it.  In a document with no heading but its title and no numbered
 * sections, three or more top-level title lines, each with text after it
 * that is no such line and none repeated (distinct_titles()), are its
 * sections, unnumbered as such headings are, where they hold the
 * document: one top-level block in eight or more, a title in capitals
 * counting twice, or, sections being long, spread through it
 * (titles_spread()) (a few bold or Title Case lines among many
 * paragraphs mark passages, not its sections; a line in capitals alone
 * is a heading as a reader sees it).  Returns how many, their blocks in
 * *marks (caller frees), or 0.
 */
static size_t
bold_titles(struct lower *L, cmark_node *root, cmark_node ***marks)
{
	cmark_node *b, *next, **v = NULL;
	size_t n = 0, heads = 0, nblocks = 0, caps = 0;
	int here, after = -1;	/* title_block() of b, asked as the next */

	for (b = cmark_node_first_child(root); b; b = next) {
		next = cmark_node_next(b);
		if (md_type(b) == MD_HEADING) {
			heads++;
			after = -1;
			continue;
		}
		nblocks++;
		if (names_document(L, b)) {
			/* Above the document's name: its page header. */
			n = 0;
			after = -1;
			continue;
		}
		here = after >= 0 ? after : title_block(L, b);
		after = next != NULL ? title_block(L, next) : 0;
		if (!here || next == NULL || after ||
		    md_type(next) == MD_HEADING)
			continue;
		v = xgrow(v, n, sizeof(*v));
		v[n++] = b;
	}
	/* The title's own heading, # Terms of Service, is no section. */
	if (heads <= 1 && n >= 3)
		n = distinct_titles(L, v, n, &caps);
	if (heads > 1 || n < 3 || ((n + caps) * 8 < nblocks &&
	    !titles_spread(L, root, v, n, nblocks))) {
		free(v);
		return 0;
	}
	n = stop_titles(L, root, &v, n);
	*marks = v;
	return n;
}

/*
 * Does paragraph b open with bold that runs into its text, "**1. Use.**
 * You may …" (a title run in, as printed terms set their sections)?
 */
static int
run_in(cmark_node *b)
{
	cmark_node *c = cmark_node_first_child(b);

	return md_type(b) == MD_PARAGRAPH && c != NULL &&
	    md_type(c) == MD_STRONG && cmark_node_next(c) != NULL;
}

/*
 * English terms written without headings: "1. Your Use of the Service",
 * "2\\. Privacy", "Section 3 – Fees", "**ARTICLE IV. TERM**" as paragraphs
 * (or a one-entry list), or run in, "**1. Use.** You may …" (run_in():
 * the bold is the title, the rest the article's first paragraph,
 * lower_run_in()), their numbers running 1, 2, 3 … through the
 * document, each a title (short, no sentence in it).
 * Where the document numbers no article by a heading, those paragraphs are
 * its article headings.  Returns how many it marked in *marks (the first
 * block of each, in document order; caller frees), at least three or 0.
 */
static size_t
section_paragraphs(struct lower *L, cmark_node *root, cmark_node ***marks)
{
	cmark_node *b, *p, **v = NULL;
	size_t n = 0, len, nroman = L->nroman;
	long want = 1;
	char *text, *num;
	struct rroman rr;

	*marks = NULL;
	/* Roman headings number this document's articles already. */
	if (L->nroman > 0)
		return 0;
	for (b = cmark_node_first_child(root); b; b = cmark_node_next(b)) {
		p = b;
		if (md_type(b) == MD_HEADING) {
			text = heading_text(L, b);
			num = NULL;
			if (article_label_parse(text, &num, &len)) {
				free(num);
				free(text);
				free(v);
				return 0;
			}
			free(text);
			continue;
		}
		if (md_type(b) == MD_LIST && cmark_node_get_list_type(b) ==
		    CMARK_ORDERED_LIST && cmark_node_first_child(b) ==
		    cmark_node_last_child(b) && cmark_node_get_list_start(b) ==
		    want && cmark_node_first_child(b) != NULL)
			p = cmark_node_first_child(cmark_node_first_child(b));
		else if (md_type(b) != MD_PARAGRAPH)
			continue;
		if (p == NULL || md_type(p) != MD_PARAGRAPH)
			continue;
		text = heading_text(L, p);
		if (p != b) {
			/* The list's number stands before its text. */
			char *t = xmalloc(strlen(text) + 32);

			snprintf(t, strlen(text) + 32, "%ld. %s", want, text);
			free(text);
			text = t;
		}
		num = NULL;
		if (p == b && run_in(b)) {
			/* **1. Use.** You may …: the bold is the line, its
			 * colon (**3. Damage:**) as a stop. */
			free(text);
			text = heading_text(L, cmark_node_first_child(b));
			if ((len = strlen(text)) > 0 && text[len - 1] == ':')
				text[len - 1] = '\0';
		}
		if (article_label_parse(text, &num, &len) &&
		    strtol(num, NULL, 10) == want && strchr(num, '_') == NULL &&
		    title_words(text + len + recog_caption_sep(text + len))) {
			v = xgrow(v, n, sizeof(*v));
			v[n++] = b;
			want++;
		} else if (p == b && recog_roman_article(text, &rr) &&
		    rr.value == want && title_words(rr.cap) &&
		    (rr.word || (*text >= 'A' && *text <= 'Z'))) {
			/* i. ii. iii. in small letters number items. */
			/* **ARTICLE II. ACCOUNTS**: roman_heading() reads it. */
			L->roman = xgrow(L->roman, L->nroman,
			    sizeof(*L->roman));
			L->roman[L->nroman++] = md_line(L, b);
			v = xgrow(v, n, sizeof(*v));
			v[n++] = b;
			want++;
		}
		free(num);
		free(text);
	}
	if (n < 3) {
		/* Fewer than three numbered: title lines, if any. */
		free(v);
		v = NULL;
		L->nroman = nroman;
		if ((n = bold_titles(L, root, &v)) > 0) {
			*marks = v;
			return n;
		}
	}
	if (n < 3) {
		L->nroman = nroman;
		free(v);
		return 0;
	}
	*marks = v;
	return n;
}

/* The heading text of a block section_paragraphs() marked. */
static char *
section_title(struct lower *L, cmark_node *b)
{
	cmark_node *p;
	char *text, *t;
	size_t len;

	if (md_type(b) == MD_PARAGRAPH)
		return heading_text(L, b);
	p = cmark_node_first_child(cmark_node_first_child(b));
	text = heading_text(L, p);
	len = strlen(text) + 32;
	t = xmalloc(len);
	snprintf(t, len, "%d. %s", cmark_node_get_list_start(b), text);
	free(text);
	return t;
}

/*
 * English articles lettered: the headings that read A. Definitions, B.
 * Accounts (recog_letter_article()) and run A, B, C … from A, each the
 * next (three or more), in a document whose headings number no article
 * (### A. under ## 1. is that section's own).  Their lines go to
 * L->roman, read by roman_heading() as letters (L->letters): article 2,
 * label B., caption Accounts.
 */
static void
letter_articles(struct lower *L, cmark_node *root)
{
	struct rroman rr;
	cmark_node *b;
	char *text, *num;
	size_t len;
	long last = 0;

	for (b = cmark_node_first_child(root); b; b = cmark_node_next(b)) {
		if (md_type(b) != MD_HEADING)
			continue;
		text = heading_text(L, b);
		num = NULL;
		if (article_label_parse(text, &num, &len)) {
			free(num);
			free(text);
			L->nroman = 0;
			return;
		}
		if (recog_letter_article(text, &rr) && rr.value == last + 1) {
			L->roman = xgrow(L->roman, L->nroman,
			    sizeof(*L->roman));
			L->roman[L->nroman++] = md_line(L, b);
			last = rr.value;
		}
		free(text);
	}
	if (L->nroman < 3)
		L->nroman = 0;
	L->letters = L->nroman > 0;
}

/*
 * English articles numbered in roman: the top-level headings that read
 * ARTICLE I., Article II, IV. (recog_roman_article()) and run I, II, III
 * … from I, each above the one before (a gap is the source's, for the
 * checks to report).  One line is no run: "## I. Overview" alone, or a
 * heading out of the run ("## V. Vision" before any I), stays a heading
 * of its own; a label that names itself (Article I) needs no second.
 * Sets L->roman to their lines.
 */
static void
roman_articles(struct lower *L, cmark_node *root)
{
	struct rroman rr;
	cmark_node *b;
	char *text;
	long last = 0;
	int word = 0;

	for (b = cmark_node_first_child(root); b; b = cmark_node_next(b)) {
		if (md_type(b) != MD_HEADING)
			continue;
		text = heading_text(L, b);
		if (recog_roman_article(text, &rr) && rr.value > last &&
		    (last > 0 || rr.value == 1)) {
			L->roman = xgrow(L->roman, L->nroman,
			    sizeof(*L->roman));
			L->roman[L->nroman++] = md_line(L, b);
			last = rr.value;
			word |= rr.word;
		}
		free(text);
	}
	if (L->nroman < 2 && !word)
		L->nroman = 0;
	if (L->nroman == 0)
		letter_articles(L, root);
}

/*
 * Does the source write 第N条 articles anywhere (as a heading, in bold,
 * as a line)?  A Japanese document that does not is numbered as sections.
 */
static int
writes_articles(const struct source *src)
{
	struct rarticle a;
	const char *s, *e;
	char *line;
	size_t i;
	int yes = 0;

	for (i = 0; i < src->nlines && !yes; i++) {
		s = src->text + src->line[i];
		e = strchr(s, '\n');
		e = e != NULL ? e : s + strlen(s);
		while (s < e && (*s == '#' || *s == '*' || *s == ' ' ||
		    *s == '>' || *s == '_'))
			s++;
		if (!has_prefix(s, "第"))	/* most lines: no copy */
			continue;
		line = xstrndup(s, (size_t)(e - s));
		if (recog_article(line, 0, &a)) {
			free(a.num);
			yes = 1;
		}
		free(line);
	}
	return yes;
}

/*
 * The document's title written as its first heading: the first heading,
 * with no other heading at its level or above, numbering no article, and
 * either words that end the front matter's title ("Terms of Service"
 * under the title "Acme Terms of Service", perhaps after a paragraph) or
 * a masthead's place, nothing but history lines before it and a history
 * line right after it ("User Agreement" over "March 21, 2024").  It names
 * the document; it is no division around all of it.  NULL when there is
 * none.
 */
static cmark_node *
title_heading(struct lower *L, cmark_node *root, const char *title)
{
	struct rhistory hist;
	cmark_node *h, *b;
	size_t len;
	char *text, *num;
	int level, yes, top = 1;

	if (title == NULL)
		return NULL;
	L->quiet = 1;	/* read, not lowered: no diagnostics twice */
	for (h = cmark_node_first_child(root); h != NULL &&
	    md_type(h) != MD_HEADING; h = cmark_node_next(h)) {
		text = top && md_type(h) == MD_PARAGRAPH ? heading_text(L, h) :
		    NULL;
		if (text == NULL || (recog_history_entry(text, &hist) ?
		    (free(hist.note), 0) : !recog_date_alone(text)))
			top = 0;
		free(text);
	}
	if (top && h != NULL && (b = cmark_node_next(h)) != NULL &&
	    (md_type(b) == MD_HEADING || md_type(b) == MD_PARAGRAPH)) {
		text = heading_text(L, b);
		top = recog_history_entry(text, &hist) ?
		    (free(hist.note), 1) : recog_date_alone(text);
		free(text);
	} else
		top = 0;
	L->quiet = 0;
	if (h == NULL)
		return NULL;
	level = cmark_node_get_heading_level(h);
	for (b = cmark_node_next(h); b; b = cmark_node_next(b))
		if (md_type(b) == MD_HEADING &&
		    cmark_node_get_heading_level(b) <= level)
			return NULL;
	text = heading_text(L, h);
	yes = top || ends_title(L, text);
	/* "## 1. Law and Venue" alone numbers an article: no title. */
	num = NULL;
	if (article_label_parse(text, &num, &len))
		yes = 0;
	free(num);
	free(text);
	return yes ? h : NULL;
}

/* ---- sections written as list entries ---- */

/* The number written before a list entry (its source line), or -1. */
static long
entry_value(struct lower *L, cmark_node *item)
{
	int col = cmark_node_get_start_column(item);
	size_t used;

	return numeral_parse(source_line(L, md_line(L, item)) +
	    (col > 0 ? col - 1 : 0), &used, 0);
}

/* Does list entry item open with bold text ("1. **Termination.**")? */
static int
entry_opens_bold(cmark_node *item)
{
	cmark_node *p = cmark_node_first_child(item), *c;
	const char *lit;

	if (p == NULL || md_type(p) != MD_PARAGRAPH)
		return 0;
	for (c = cmark_node_first_child(p); c != NULL && md_type(c) == MD_TEXT;
	    c = cmark_node_next(c)) {
		lit = cmark_node_get_literal(c);
		if (lit != NULL && lit[strspn(lit, " \t")] != '\0')
			return 0;
	}
	return c != NULL && md_type(c) == MD_STRONG;
}

/*
 * Does list entry item open with a title of its own, a paragraph that
 * is one short capitalized line and no sentence, its body in the blocks
 * after it ("1. Termination", then the section's text indented under it,
 * as a site that wraps its sections in a numbered list writes them)?
 */
static int
entry_opens_title(struct lower *L, cmark_node *item)
{
	cmark_node *p = cmark_node_first_child(item);
	char *text;
	int r;

	if (p == NULL || md_type(p) != MD_PARAGRAPH ||
	    cmark_node_next(p) == NULL)
		return 0;
	L->quiet = 1;
	text = heading_text(L, p);
	L->quiet = 0;
	r = strchr(text, '\n') == NULL && title_words(text);
	free(text);
	return r;
}

/*
 * Do the top-level entries that open with a title line (1. Termination,
 * its body under it) number the document's sections: three or more,
 * their numbers running 1, 2, 3 … through the document?  Entries whose
 * numbers start again (1. Informal Resolution … 7., later 1. Entire
 * Agreement …) are each section's own clauses.
 */
static int
titled_run(struct lower *L, cmark_node *root, const unsigned char *toc)
{
	cmark_node *b, *item;
	size_t nb, n = 0;
	long v, last = 0;

	for (b = cmark_node_first_child(root), nb = 0; b;
	    b = cmark_node_next(b), nb++) {
		if ((toc != NULL && toc[nb]) || md_type(b) != MD_LIST ||
		    cmark_node_get_list_type(b) != CMARK_ORDERED_LIST)
			continue;
		for (item = cmark_node_first_child(b); item;
		    item = cmark_node_next(item)) {
			if (!entry_opens_title(L, item))
				continue;
			if ((v = entry_value(L, item)) != last + 1)
				return 0;
			last = v;
			n++;
		}
	}
	return n >= 3;
}

/*
 * English terms whose sections are the entries of a top-level numbered
 * list, each opening with its caption in bold (or with a title line of
 * its own over a body, entry_opens_title()):
 *
 *     1. **Who Can Use the Service?**
 *
 *     1. Eligibility. …
 *     2. Accounts. …
 *
 *     3. **User Content.** …
 *
 * The run is the evidence: three entries or more that open in bold, in
 * a document that numbers no article by a heading.  Once the run has
 * begun, an entry that goes on from the last section's number (8. bold,
 * then 9. in plain words), and not from the entry before it, is the next
 * section; an entry that does not (1. after 1. **…**, 2. after that 1.)
 * is one of the section's own clauses, which a converter from HTML often
 * writes at the top level.  Sets
 * L->lsect to the sections' entries, in order.  toc: the top-level
 * blocks that are a contents list (contents_blocks()), or NULL.
 */
static void
list_sections(struct lower *L, cmark_node *root, const unsigned char *toc)
{
	cmark_node *b, *item;
	size_t nbold = 0, len, i, nb;
	long v, last = 0, lastsub = 0;
	char *text, *num;

	if (L->ja || L->nroman > 0)
		return;
	L->lsect_titled = titled_run(L, root, toc);
	for (b = cmark_node_first_child(root), nb = 0; b;
	    b = cmark_node_next(b), nb++) {
		/* A contents list's entries are text (contents_blocks()). */
		if (toc != NULL && toc[nb])
			continue;
		if (md_type(b) == MD_HEADING) {
			L->quiet = 1;
			text = heading_text(L, b);
			L->quiet = 0;
			num = NULL;
			i = article_label_parse(text, &num, &len);
			free(num);
			free(text);
			if (i)
				goto none;
			continue;
		}
		if (md_type(b) != MD_LIST ||
		    cmark_node_get_list_type(b) != CMARK_ORDERED_LIST)
			continue;
		for (item = cmark_node_first_child(b); item;
		    item = cmark_node_next(item)) {
			v = entry_value(L, item);
			if (entry_opens_bold(item) || (L->lsect_titled &&
			    entry_opens_title(L, item)))
				nbold++;
			else if (L->nlsect == 0 || v != last + 1 ||
			    (lastsub > 0 && v == lastsub + 1)) {
				if (L->nlsect > 0)
					lastsub = v;
				continue;
			}
			L->lsect = xgrow(L->lsect, L->nlsect,
			    sizeof(*L->lsect));
			L->lsect[L->nlsect++] = item;
			last = v;
			lastsub = 0;
		}
	}
	if (nbold < 3)
		goto none;
	/*
	 * Markers that run 1, 2, 3 are the sections' numbers, a slip here
	 * and there (13, 15, 15) the source's, for the checks to report:
	 * three steps in four or more go on by one.  Markers that skip as
	 * a rule (1, 3, 5, 7, 10, 13) count something else, the entries a
	 * converter flattened between them: the sections are numbered by
	 * their place, as a browser shows such a list and as the
	 * document's own references count them.
	 */
	for (i = 1, len = 0; i < L->nlsect; i++)
		len += entry_value(L, L->lsect[i]) ==
		    entry_value(L, L->lsect[i - 1]) + 1;
	L->lsect_written = 4 * len >= 3 * (L->nlsect - 1);
	return;
none:
	free(L->lsect);
	L->lsect = NULL;
	L->nlsect = 0;
}

/*
 * Where the caption of a section entry ends in f's first line [0, to):
 * the bold text that opens it, when the bold ends the line, is followed
 * by . or : and a space, or ends with a stop of its own ("**Appeals.**
 * You can …").  *skip: where the text after it starts.  0 when the bold
 * is the first words of a sentence ("**You may not** use …").
 */
static size_t
caption_end(const struct flat *f, size_t to, size_t *skip)
{
	const char *t = f->text.data;
	size_t e, r;

	if (f->nspans == 0 || f->spans[0].kind != SPAN_STRONG ||
	    f->spans[0].off != 0 || (e = f->spans[0].len) > to || e == 0)
		return 0;
	/* Spaces, no-break ones too, before the line's end end it. */
	for (r = e; r < to && (t[r] == ' ' || has_prefix(t + r, "\u00a0"));
	    r += t[r] == ' ' ? 1 : 2)
		;
	*skip = e;
	if ((t[e] == '.' || t[e] == ':') && (e + 1 == to || t[e + 1] == ' '))
		*skip = e + 1;
	else if (r != to && !(t[e] == ' ' && strchr(".:?!", t[e - 1])))
		*skip = 0;
	return *skip > 0 ? e : 0;
}

/*
 * The lines of f after a title that ends at skip of its first line (at
 * source line), as the text of article a: a block whose first line opens
 * at skip.
 */
static void
title_text(struct lower *L, struct node *a, struct flat *f, size_t skip,
    int line)
{
	size_t i, from, to;
	int first = 1;

	for (i = 0; i <= f->nbrk; i++) {
		from = i == 0 ? skip : f->brk[i - 1];
		to = i == f->nbrk ? f->text.len : f->brk[i];
		while (from < to && f->text.data[from] == ' ')
			from++;
		if (from == to)
			continue;
		unit(L, a, f, from, to - from, line + (int)i, first, 0);
		first = 0;
	}
}

/*
 * Open the section of list entry item, the k-th of the run: an article
 * under the headings open, numbered by the number its caption writes
 * (**2\. User Content**), else by its marker when the markers number the
 * sections, else by its place.  Its caption is the bold text; the rest of
 * the entry is the article's text and clauses.
 */
static void
open_list_section(struct lower *L, cmark_node *item, size_t k)
{
	struct pool *pool = L->root->pool;
	cmark_node *p = cmark_node_first_child(item), *c;
	struct node *n;
	struct flat f;
	size_t to, end, skip = 0, len, clen;
	const char *cap;
	char *num = NULL, *anum, lab[32];
	long v = entry_value(L, item);
	int line = md_line(L, p), titled;

	while (L->nstack > 0 &&
	    L->stack[L->nstack - 1]->level >= LIST_SECTION_LEVEL)
		L->nstack--;
	n = node_new(pool, N_ARTICLE, md_line(L, item),
	    node_col(L, item));
	n->level = LIST_SECTION_LEVEL;
	flat_take(L, &f);
	flatten(L, p, &f, 1);
	to = f.nbrk ? f.brk[0] : f.text.len;
	/* 1. Termination., its body under it: the line is the caption,
	 * as written. */
	titled = f.nbrk == 0 && L->lsect_titled &&
	    entry_opens_title(L, item);
	if (titled) {
		end = f.text.len;
		skip = end;
	} else
		end = caption_end(&f, to, &skip);
	if (end > 0) {
		cap = f.text.data;
		clen = end;
		while (!titled && clen > 0 && (cap[clen - 1] == '.' ||
		    cap[clen - 1] == ':' || cap[clen - 1] == ' '))
			clen--;
		/* **2\. User Content**: the number is the caption's. */
		num = xstrndup(cap, clen);
		anum = NULL;
		if (*cap >= '0' && *cap <= '9' &&
		    article_label_parse(num, &anum, &len) &&
		    len < clen && memchr(num, '.', len) != NULL) {
			n->num = pool_strdup(pool, anum);
			n->label = trim_in(pool, cap, len);
			len += recog_caption_sep(num + len);
			cap += len;
			clen -= len;
		}
		free(anum);
		free(num);
		if (clen > 0)
			n->caption = pool_strndup(pool, cap, clen);
	}
	if (n->num == NULL && L->lsect_written && v >= 0) {
		n->num = numstr(pool, v);
		snprintf(lab, sizeof(lab), "%ld.", v);
		n->label = pool_strdup(pool, lab);
	} else if (n->num == NULL) {
		n->num = numstr(pool, (long)k + 1);
		n->implicit = 1;
	}
	node_append(current_container(L), n);
	L->stack[L->nstack++] = n;
	ms_reset(&L->ms, NULL);
	title_text(L, n, &f, skip, line);
	flat_give(L, &f);
	for (c = cmark_node_next(p); c != NULL; c = cmark_node_next(c))
		lower_blocks(L, n, c, 0);
}

/*
 * A section whose title runs in (run_in()): "**1. Use.** You may …" is
 * the article 1. Use (its heading, the bold without the stop after it)
 * and the words after the bold its first paragraph, as the heading on
 * a line of its own and the paragraph under it would be.
 */
static void
lower_run_in(struct lower *L, cmark_node *b)
{
	struct flat f;
	size_t to, end, skip = 0;
	int line = md_line(L, b);

	flat_take(L, &f);
	flatten(L, b, &f, 1);
	to = f.nbrk ? f.brk[0] : f.text.len;
	if ((end = caption_end(&f, to, &skip)) == 0)
		end = skip = f.spans[0].len;
	/* Its stop ends the title, not the caption: "Use." is Use. */
	while (end > 0 && strchr(".: ", f.text.data[end - 1]) != NULL)
		end--;
	heading_node(L, b, text_trim(f.text.data, end), 2, line,
	    cmark_node_get_start_column(b));
	title_text(L, current_container(L), &f, skip, line);
	flat_give(L, &f);
}

/* Lower the entries gathered in run (a list of our making), free it. */
static cmark_node *
flush_entries(struct lower *L, cmark_node *run)
{
	if (run != NULL) {
		lower_blocks(L, current_container(L), run, 0);
		cmark_node_free(run);
	}
	return NULL;
}

/*
 * A top-level numbered list of a document whose sections are list
 * entries (list_sections()): each section entry opens its article; the
 * entries between are lowered as a list of their own in the article
 * open, a new one where the numbers start again (1. after 4.: a nested
 * list the converter flattened, the items of the entry before it).
 */
static void
lower_section_list(struct lower *L, cmark_node *list)
{
	cmark_node *item, *next, *run = NULL;
	long v, last = 0;

	for (item = cmark_node_first_child(list); item; item = next) {
		next = cmark_node_next(item);
		if (L->next_lsect < L->nlsect &&
		    item == L->lsect[L->next_lsect]) {
			run = flush_entries(L, run);
			open_list_section(L, item, L->next_lsect++);
			continue;
		}
		v = entry_value(L, item);
		if (run != NULL && v <= last)
			run = flush_entries(L, run);
		if (run == NULL) {
			run = md_node_new(CMARK_NODE_LIST);
			cmark_node_set_list_type(run, CMARK_ORDERED_LIST);
			cmark_node_set_list_delim(run,
			    cmark_node_get_list_delim(list));
			cmark_node_set_list_tight(run,
			    cmark_node_get_list_tight(list));
			cmark_node_set_list_start(run, v > 0 ? (int)v : 1);
		}
		cmark_node_append_child(run, item);
		last = v;
	}
	flush_entries(L, run);
}

/* Does list b hold the next section entry, or follow an opened one? */
static int
section_list(const struct lower *L, cmark_node *b)
{
	return L->nlsect > 0 && md_type(b) == MD_LIST &&
	    cmark_node_get_list_type(b) == CMARK_ORDERED_LIST &&
	    (L->next_lsect > 0 || (L->next_lsect < L->nlsect &&
	    cmark_node_parent(L->lsect[L->next_lsect]) == b));
}

/* ---- ids ---- */

static const char *
div_prefix(enum divkind k)
{
	switch (k) {
	case DIV_PART: return "pt";
	case DIV_CHAPTER: return "ch";
	case DIV_SECTION: return "sec";
	case DIV_SUBSECTION: return "ssec";
	case DIV_DIVISION: return "div";
	case DIV_SUPPL: return "suppl";
	case DIV_APPENDIX: return "appx";
	default: return "d";
	}
}

/* The nearest enclosing division or article with an id, or NULL. */
static const struct node *
id_parent(const struct node *n)
{
	for (n = n->parent; n != NULL; n = n->parent)
		if (n->id != NULL)
			return n;
	return NULL;
}

/*
 * Parts: a division whose first article is numbered 1 after articles
 * before it in its parent (a 基本規約 and a 利用規約 on one page, a US and
 * an EU version; at the top or below a title that holds them all)
 * numbers its articles anew; its articles' anchors take its own
 * as prefix, and their numbers are checked among themselves.
 */
static void
mark_parts(struct node *root)
{
	struct node *d, *n;
	int before = 0;

	for (d = root->first; d != NULL; d = d->next) {
		if (d->type == N_ARTICLE && d->num != NULL)
			before = 1;
		if (d->type != N_DIVISION || d->divkind == DIV_SUPPL ||
		    d->divkind == DIV_APPENDIX)
			continue;
		for (n = d->first; n != NULL; n = node_next(n, d))
			if (n->type == N_ARTICLE && n->num != NULL)
				break;
		if (n == NULL)
			continue;
		if (before && strcmp(n->num, "1") == 0)
			d->part = 1;
		/* Parts below: 規約集 > 基本規約, 個別規約, each from 1. */
		mark_parts(d);
		before = 1;
	}
}

/* The scope that numbers articles: a 付則, appendix or part, or none. */
static const struct node *
article_scope(const struct node *n)
{
	return node_numbering_scope(n);
}

/*
 * Give n the id want, or want-2, want-3 … if taken.  last maps a wanted id
 * to the last suffix handed out for it (its keys are owned copies), so k
 * clashes cost k lookups in all, not k².
 */
static void
assign_id(struct hmap *ids, struct hmap *last, struct node *n,
    const char *want)
{
	struct buf b;
	uintptr_t k;
	char *key;

	n->id = pool_strdup(n->pool, want);
	if (hmap_put(ids, n->id, n) == n)
		return;
	k = (uintptr_t)hmap_get(last, want);
	buf_init(&b);
	for (k = k ? k + 1 : 2;; k++) {
		buf_reset(&b);
		buf_puts(&b, want);
		buf_putc(&b, '-');
		buf_put_long(&b, (long)k);
		if (hmap_get(ids, b.data) == NULL)
			break;
	}
	if (hmap_get(last, want) == NULL) {
		key = xstrdup(want);
		hmap_set(last, key, (void *)k);
	} else
		hmap_set(last, want, (void *)k);
	n->id = pool_strdup(n->pool, b.data);
	buf_release(&b);
	hmap_put(ids, n->id, n);
}

static void
assign_ids(struct lower *L)
{
	struct hmap ids, last;
	struct node *n;
	const struct node *par, *scope, *first;
	struct buf b;
	size_t nodes = 0;
	int unnumbered = 0, divs = 0;

	/* Every node gets an id: the map is sized once, not doubled and
	 * rehashed on the way (lower_end() of the 1 MB bench corpus
	 * 1.3 -> 1.0 ms, medians of 15 traced builds). */
	for (n = L->root->first; n != NULL; n = node_next(n, L->root))
		nodes++;
	hmap_init(&ids);
	hmap_reserve(&ids, nodes);
	hmap_init(&last);
	buf_init(&b);
	for (n = L->root->first; n != NULL; n = node_next(n, L->root)) {
		par = id_parent(n);
		buf_reset(&b);
		if (par != NULL && n->type != N_ARTICLE) {
			buf_puts(&b, par->id);
			buf_putc(&b, '-');
		}
		switch (n->type) {
		case N_DIVISION:
			divs++;
			if (n->num != NULL)
				{
					buf_puts(&b, div_prefix(n->divkind));
					buf_puts(&b, n->num);
				}
			else if (n->divkind == DIV_OTHER) {
				buf_putc(&b, 'd');
				buf_put_long(&b, divs);
			} else
				buf_puts(&b, div_prefix(n->divkind));
			break;
		case N_ARTICLE:
			scope = article_scope(n);
			if (scope != NULL) {
				buf_puts(&b, scope->id);
				buf_putc(&b, '-');
			}
			if (n->num != NULL) {
				buf_putc(&b, 'a');
				buf_puts(&b, n->num);
				/*
				 * Only articles have ids a<num>: a taken one
				 * is a number written twice in this scope, a
				 * drafting finding, never a refusal: both
				 * articles stay, the second as a<num>-2.
				 */
				first = hmap_get(&ids, b.data);
				if (first != NULL)
					diag(L->d, L->src->path, n->line,
					    n->col, D_NUM_DUP,
					    "%s (first at line %d)",
					    n->label ? n->label : n->num,
					    first->line);
			} else {
				buf_puts(&b, "a-n");
				buf_put_long(&b, ++unnumbered);
			}
			break;
		case N_PARAGRAPH:
			buf_putc(&b, 'p');
			buf_puts(&b, n->num);
			break;
		case N_ITEM:
			buf_putc(&b, 'i');
			buf_puts(&b, n->num);
			break;
		case N_SUBITEM:
			buf_putc(&b, 's');
			buf_puts(&b, n->num);
			break;
		case N_TABLE:
			/* Ordinal among sibling tables, kept in level. */
			{
				const struct node *s = n->prev;

				while (s != NULL && s->type != N_TABLE)
					s = s->prev;
				n->level = s ? s->level + 1 : 1;
			}
			buf_putc(&b, 't');
			buf_put_long(&b, n->level);
			break;
		default:
			break;
		}
		assign_id(&ids, &last, n, b.data);
	}
	buf_release(&b);
	hmap_release_keys(&last);
	hmap_release(&ids);
}

/*
 * Documents in other languages number their headings loosely: a heading
 * that holds text and no further headings is an article, numbered or not.
 */
static void
promote_leaf_headings(struct node *root)
{
	struct node *n, *c;
	int leaf;

	for (n = root->first; n != NULL; n = node_next(n, root)) {
		if (n->type != N_DIVISION || n->divkind != DIV_OTHER)
			continue;
		leaf = n->first != NULL;
		for (c = n->first; c != NULL; c = c->next)
			if (c->type == N_DIVISION || c->type == N_ARTICLE)
				leaf = 0;
		if (leaf)
			n->type = N_ARTICLE;
	}
}

/*
 * What one line of the document's last lines says of its history: 2 a
 * history line (【2020年4月1日制定】, 2023年4月1日 改定, 改定：2023年1月5日,
 * recog_history_entry();
 * not a sentence such as 本規約は、…から施行します。),
 * 1 a history word alone (（改定）), 3 a date alone, 4 以上 (the word that
 * closes a Japanese document), 0 anything else.
 */
static int
history_kind(const char *s, size_t len)
{
	struct rhistory h;
	char *line, *w, date[11];
	size_t used, tlen = len;
	const char *t = text_trimmed(s, &tlen);
	int k = 0;

	line = xstrndup(t, tlen);
	if (recog_history_entry(line, &h)) {
		free(h.note);
		/* "本規約は、…から施行します。" is a provision's sentence. */
		k = strstr(line, "。") == NULL && strstr(line, "は、") == NULL ?
		    2 : 0;
	} else if ((w = recog_history_word(line)) != NULL) {
		free(w);
		k = 1;
	} else if (recog_date(line, date, &used) &&
	    line[used + text_skip_spaces(line + used)] == '\0')
		k = 3;
	else if (strcmp(line, "以上") == 0)
		k = 4;
	free(line);
	return k;
}

/*
 * Is paragraph p's text all history lines, given the kind of the line
 * before it (*prev, updated; 0 at the run's start)?  A date alone is
 * history after a history word alone (its date on the next line); 以上
 * closes the run, or opens it: 以上 then 2024年1月1日 制定.
 */
static int
history_paragraph(const struct node *p, int *prev)
{
	const char *s, *e;
	int k;

	if (p->type != N_PARAGRAPH || p->first != NULL || p->label != NULL ||
	    p->text == NULL || p->text[0] == '\0')
		return 0;
	for (s = p->text; ; s = e + 1) {
		e = strchr(s, '\n');
		if (e == NULL)
			e = s + strlen(s);
		k = history_kind(s, (size_t)(e - s));
		if (k == 0 || (k == 3 && *prev != 1) || (k != 4 && *prev == 4))
			return 0;
		/* 以上 that opens the run closes the provisions before it:
		 * the history lines after it are the run's (kind 5). */
		*prev = k == 4 && *prev == 0 ? 5 : k;
		if (*e == '\0')
			return 1;
	}
}

/*
 * History lines at the end of a Japanese document (【2020年4月1日制定】,
 * 2023年4月1日 改定, an orphan （改定） with its date on the next line, then
 * perhaps 以上) are the document's history, as termc import reads them
 * (recog.h), not paragraphs of its last article: they leave the article
 * for the document, where they are the text after the articles.  An
 * article made of nothing else keeps them (they are its text).
 */
static void
history_tail(struct node *root)
{
	struct node *a, *c, *run, *next;
	int prev, hist;

	for (a = root->last; a != NULL && a->type == N_DIVISION; a = a->last)
		;
	if (a == NULL || a->type != N_ARTICLE)
		return;
	run = NULL;
	prev = 0;
	hist = 0;
	for (c = a->first; c != NULL; c = c->next) {
		if (history_paragraph(c, &prev)) {
			if (run == NULL)
				run = c;
			hist |= prev != 4 && prev != 5;
		} else {
			run = NULL;
			prev = 0;
			hist = 0;
		}
	}
	if (run == NULL || run == a->first || !hist)
		return;
	for (c = run; c != NULL; c = next) {
		next = c->next;
		node_free(c);
		c->num = numstr(root->pool, next_number(root, N_PARAGRAPH, 0));
		c->implicit = 1;
		node_append(root, c);
	}
}

/*
 * "1. 法令違反", "  - 犯罪行為", "2. 迷惑行為": a list indented under an
 * ordered list's entry by less than the entry's text (two spaces under
 * "1. ") is, to CommonMark, a list of its own after it, and the entries
 * after it a new list from 2.  Its author meant one list with a deeper
 * level: the indented list moves into the last entry before it, and the
 * list that goes on with the numbers joins the first again.  Costs one
 * pass over the lists.
 */
static void
mend_shallow_lists(cmark_node *parent)
{
	cmark_node *a, *b, *c, *item, *next;
	int n;

	for (a = cmark_node_first_child(parent); a != NULL;
	    a = cmark_node_next(a)) {
		if (md_type(a) != MD_LIST)
			continue;
		n = 0;		/* a's entries, kept as entries join it */
		for (item = cmark_node_first_child(a); item != NULL;
		    item = cmark_node_next(item), n++)
			mend_shallow_lists(item);
		if (cmark_node_get_list_type(a) != CMARK_ORDERED_LIST)
			continue;
		while ((b = cmark_node_next(a)) != NULL &&
		    md_type(b) == MD_LIST && cmark_node_get_start_column(b) >
		    cmark_node_get_start_column(a) &&
		    cmark_node_last_child(a) != NULL) {
			cmark_node_append_child(cmark_node_last_child(a), b);
			for (item = cmark_node_first_child(b); item != NULL;
			    item = cmark_node_next(item))
				mend_shallow_lists(item);
			c = cmark_node_next(a);
			if (c == NULL || md_type(c) != MD_LIST ||
			    cmark_node_get_list_type(c) != CMARK_ORDERED_LIST ||
			    cmark_node_get_list_delim(c) !=
			    cmark_node_get_list_delim(a) ||
			    cmark_node_get_start_column(c) !=
			    cmark_node_get_start_column(a) ||
			    cmark_node_get_list_start(c) !=
			    cmark_node_get_list_start(a) + n)
				break;
			for (item = cmark_node_first_child(c); item != NULL;
			    item = next) {
				next = cmark_node_next(item);
				cmark_node_append_child(a, item);
				mend_shallow_lists(item);
				n++;
			}
			cmark_node_free(c);
		}
	}
}

/*
 * Is a Japanese document that writes no 第N条 numbered by chapters alone:
 * headings 第1章 総則, 第2章 … and no heading that numbers an article
 * (1. 目的) under them?  Then each chapter is the article-level unit, an
 * article numbered as written with its title as caption, and what
 * follows it is lowered as an article's paragraphs and items.
 */
static int
chapter_articles(struct lower *L, cmark_node *root)
{
	struct rdivision rd;
	cmark_node *b;
	char *text, *num;
	size_t len;
	int chapters = 0, other = 0;

	for (b = cmark_node_first_child(root); b != NULL && !other;
	    b = cmark_node_next(b)) {
		if (md_type(b) != MD_HEADING)
			continue;
		text = heading_text(L, b);
		num = NULL;
		if (recog_division(text, RA_HEADING, &rd)) {
			chapters += rd.kind == DIV_CHAPTER;
			free(rd.num);
		} else if (article_label_parse(text, &num, &len))
			other = 1;
		free(num);
		free(text);
	}
	return chapters > 0 && !other;
}

/* ---- contents lists ---- */

/* The lines of a document's top-level blocks, each with its block. */
struct clines {
	/*
	 * The lines, each NUL-terminated, one after the other in one
	 * buffer rather than a copy apiece: every line of the body is
	 * one (lines pointers into text, made once all are in).
	 */
	struct buf	  text;
	size_t		 *off;		/* of each line in text */
	char		**s;
	size_t		 *blk;		/* index of its top-level block */
	size_t		  n;
	/*
	 * Set: keep no line, only count the entries in a row, as
	 * three_in_a_row() counts them, to row (entries_in_a_row()).
	 */
	int		  rows;
	int		  row;
};

static int	contents_entry(const char *);

/* Add the len bytes at p as a line of block blk. */
static void
clines_add(struct clines *c, const char *p, size_t len, size_t blk)
{
	if (c->rows) {
		/* Empty lines are passed over; three in a row end it. */
		if (len == 0 || *p == '\0' || c->row >= 3)
			return;
		buf_reset(&c->text);
		buf_put(&c->text, p, len);
		buf_putc(&c->text, '\0');
		c->row = contents_entry(c->text.data) ? c->row + 1 : 0;
		return;
	}
	c->off = xgrow(c->off, c->n, sizeof(*c->off));
	c->blk = xgrow(c->blk, c->n, sizeof(*c->blk));
	c->off[c->n] = c->text.len;
	c->blk[c->n++] = blk;
	buf_put(&c->text, p, len);
	buf_putc(&c->text, '\0');
}

/*
 * The lines block b shows (a heading's text, a paragraph's lines, a list's
 * entries' lines), as blk's.  Any other block is one line that no
 * contents list holds: it ends a run.
 */
static void
block_lines(struct lower *L, struct clines *c, cmark_node *b, size_t blk)
{
	struct flat f;
	cmark_node *item, *ch;
	const char *t;
	size_t i, from, to, len;
	char *h;

	switch (md_type(b)) {
	case MD_HEADING:
		h = heading_text(L, b);
		clines_add(c, h, strlen(h), blk);
		free(h);
		break;
	case MD_PARAGRAPH:
		flat_take(L, &f);
		flatten(L, b, &f, 1);
		for (i = 0; i <= f.nbrk; i++) {
			from = i == 0 ? 0 : f.brk[i - 1];
			to = i == f.nbrk ? f.text.len : f.brk[i];
			len = to - from;
			t = text_trimmed(f.text.data + from, &len);
			clines_add(c, t, len, blk);
		}
		flat_give(L, &f);
		break;
	case MD_LIST:
		for (item = cmark_node_first_child(b); item;
		    item = cmark_node_next(item))
			for (ch = cmark_node_first_child(item); ch;
			    ch = cmark_node_next(ch))
				block_lines(L, c, ch, blk);
		break;
	default:
		clines_add(c, "<>", 2, blk);
		break;
	}
}

/*
 * A line a contents list's run goes on with: an article, a division or
 * 附則 alone (recog_contents_runs()'s entries; every other line with text
 * ends a run).
 */
static int
contents_entry(const char *s)
{
	struct rarticle a;

	if (recog_article(s, 0, &a)) {
		free(a.num);
		return 1;
	}
	return recog_contents_division(s) || recog_suppl_alone(s);
}

/*
 * Is L's body one whose contents list, if any, is told from its entries
 * alone (lower_pieces()): Japanese, numbered by articles, naming no 目次
 * nor Contents?  English lists are told by a heading, as is a list under
 * 目次; chapters as articles (sectioned) number otherwise.
 */
static int
entries_tell_contents(const struct lower *L)
{
	const char *t = L->src->text;
	size_t n = L->src->len;

	return L->ja && !L->sectioned &&
	    !text_memfind(t, n, "目次", strlen("目次")) &&
	    !text_memfind(t, n, "ontents", strlen("ontents")) &&
	    !text_memfind(t, n, "ONTENTS", strlen("ONTENTS"));
}

/*
 * Do three entries stand in a row among the lines of root's top-level
 * blocks (empty lines between them)?  A run that recog_contents_runs()
 * marks has three or more: in a body whose entries_tell_contents(),
 * without them it marks none.  The lines are counted as block_lines()
 * gives them, not kept: most bodies have no such row, and no line of
 * theirs is needed.
 */
static int
entries_in_a_row(struct lower *L, cmark_node *root)
{
	struct clines c;
	cmark_node *b;

	memset(&c, 0, sizeof(c));
	buf_init(&c.text);
	c.rows = 1;
	L->quiet = 1;
	for (b = cmark_node_first_child(root); b != NULL && c.row < 3;
	    b = cmark_node_next(b))
		block_lines(L, &c, b, 0);
	L->quiet = 0;
	buf_release(&c.text);
	return c.row >= 3;
}

/*
 * Which top-level blocks of root are a contents list
 * (recog_contents_runs(), the decision termc import makes on plain text):
 * blocks whose every line is an entry, 第1章　総則, 第1条（目的）, and a
 * 目次 heading or paragraph right above them.  Their lines name clauses
 * the document has below; they open none, and stay as text.  Returns a
 * flag per top-level block (caller frees), or NULL if there is none.
 */
static unsigned char *
contents_blocks(struct lower *L, cmark_node *root)
{
	struct clines c;
	cmark_node *b;
	unsigned char *toc, *all = NULL, *any;
	size_t i, nblk = 0;

	/* Most bodies have no three entries in a row: no lines kept then. */
	if (entries_tell_contents(L) && !entries_in_a_row(L, root))
		return NULL;
	memset(&c, 0, sizeof(c));
	buf_init(&c.text);
	/*
	 * A blank line after each block, as in the text import reads: an
	 * English contents list runs to the end of its block.
	 */
	L->quiet = 1;
	for (b = cmark_node_first_child(root); b; b = cmark_node_next(b)) {
		block_lines(L, &c, b, nblk);
		clines_add(&c, "", 0, nblk++);
	}
	L->quiet = 0;
	c.s = xcalloc(c.n ? c.n : 1, sizeof(*c.s));
	for (i = 0; i < c.n; i++)
		c.s[i] = c.text.data + c.off[i];
	toc = xcalloc(c.n ? c.n : 1, 1);
	if (c.n > 0 &&
	    recog_contents_runs((const char *const *)c.s, c.n, toc) > 0) {
		all = xmalloc(nblk);
		any = xcalloc(nblk, 1);
		memset(all, 1, nblk);
		for (i = 0; i < c.n; i++) {
			if (c.s[i][0] == '\0')
				continue;
			/* 目次 as the first line of the block it heads. */
			if (!toc[i] && !((i == 0 || c.s[i - 1][0] == '\0') &&
			    recog_contents_heading(c.s[i])))
				all[c.blk[i]] = 0;
			any[c.blk[i]] |= toc[i];
		}
		/* A block none of whose lines is an entry is no contents. */
		for (i = 0; i < nblk; i++)
			all[i] &= any[i];
		/*
		 * 目次, a block of its own (one line between blanks), right
		 * above a contents block.
		 */
		for (i = 2; i < c.n; i++)
			if (c.s[i - 1][0] == '\0' && all[c.blk[i]] &&
			    (i == 2 || c.s[i - 3][0] == '\0') &&
			    recog_contents_heading(c.s[i - 2]))
				all[c.blk[i - 2]] = 1;
		free(any);
	}
	buf_release(&c.text);
	free(c.off);
	free(c.s);
	free(c.blk);
	free(toc);
	return all;
}

/*
 * A block of a contents list: text at the level it stands, a heading
 * (## 目次) a paragraph; its article and division lines open nothing.
 */
static void
lower_contents(struct lower *L, struct node *container, cmark_node *b)
{
	struct node *p;
	char *text;

	if (md_type(b) == MD_HEADING) {
		text = heading_text(L, b);
		p = new_numbered(container, N_PARAGRAPH, 0, 0, NULL, 0,
		    md_line(L, b), node_col(L, b));
		p->text = pool_strdup(p->pool, text);
		free(text);
		ms_reset(&L->ms, p);
		return;
	}
	L->in_contents = 1;
	lower_blocks(L, container, b, 0);
	L->in_contents = 0;
}

/* A line that ends a run, one for all of those in a row. */
static void
ends_run(struct clines *c)
{
	if (c->n == 0 || strcmp(c->text.data + c->off[c->n - 1], "<>") != 0)
		clines_add(c, "<>", 2, 0);
}

/*
 * Keep the lines of top-level block b that a contents list could hold,
 * for lower_end() to run recog_contents_runs() over the whole body.
 * An entry is an article, a division or 附則 alone (the lines that do
 * not end a run there); every other line with text ends a run and
 * stands as one "<>" for all of those in a row; an empty line is
 * skipped there and here.  recog_contents_runs() marks the same
 * Japanese runs of those as of all lines: what it reads of a line that
 * ends a run is only that it does.  (What counts as an entry here is
 * what goes on with a run there: the two change together.)  A run it
 * marks has three entries or more in a row; without them lower_end()
 * need not ask it.  English lists, told by a heading these lines do not
 * keep, never come here: a body with one is lowered whole
 * (lower_pieces()).
 */
static void
contents_lines(struct lower *L, cmark_node *b)
{
	struct clines *c = L->entries, *all = L->entries + 1;
	const char *s;
	size_t i;

	/* Emptied now and then, not for each block: xgrow() would start
	 * its arrays again from one. */
	if (all->n >= 256) {
		all->n = 0;
		buf_reset(&all->text);
	}
	i = all->n;
	L->quiet = 1;
	block_lines(L, all, b, 0);
	L->quiet = 0;
	for (; i < all->n; i++) {
		s = all->text.data + all->off[i];
		if (*s == '\0')
			continue;
		if (!contents_entry(s)) {
			ends_run(c);
			L->in_row = 0;
			continue;
		}
		clines_add(c, s, strlen(s), 0);
		if (++L->in_row >= 3)
			L->three = 1;
	}
}

struct lower *
lower_new(const struct source *src, const struct meta *meta,
    struct diags *d)
{
	struct lower *L = xcalloc(1, sizeof(*L));

	L->src = src;
	L->meta = meta;
	L->d = d;
	L->ja = meta == NULL || meta->lang == NULL ||
	    strncmp(meta->lang, "ja", 2) == 0;
	L->root = node_tree(1, 1);
	L->sectioned = L->ja && !writes_articles(src);
	return L;
}

int
lower_pieces(struct lower *L)
{
	/*
	 * What the whole-body passes of lower_piece() look for: English
	 * numbering (roman_articles(), section_paragraphs(),
	 * list_sections(), title_heading()) and chapters as articles
	 * (chapter_articles()) are not read from pieces; a contents list is
	 * (lower_end() tells whether the body has one), but one that is
	 * there makes the work twice, so a body that names one (目次, or
	 * Contents: an English list is told by its heading, which the
	 * pieces' lines do not keep) is lowered whole from the start.
	 */
	if (!entries_tell_contents(L))
		return 0;
	L->pieces = 1;
	/* The entries, and a block's lines read for them. */
	L->entries = xcalloc(2, sizeof(*L->entries));
	buf_init(&L->entries[0].text);
	buf_init(&L->entries[1].text);
	return 1;
}

int
lower_piece(struct lower *L, cmark_node *root, int base, int whole)
{
	cmark_node *b, *next, *done = NULL, **sect = NULL, *title = NULL;
	size_t nsect = 0, k = 0, nb = 0;
	unsigned char *toc = NULL;

	if (L->failed)
		return -1;
	L->base = base;
	mend_shallow_lists(root);
	/*
	 * Each top-level block is freed once lowered and no longer looked
	 * at (a topic marker reads the block before it), so the Markdown
	 * tree shrinks as the clause tree grows: peak memory is about one
	 * tree, not both.  The clause tree copies all the text it keeps.
	 */
	if (!L->pieces) {
		L->chapters = L->sectioned && chapter_articles(L, root);
		if (!L->ja)
			roman_articles(L, root);
		nsect = L->ja ? 0 : section_paragraphs(L, root, &sect);
		toc = contents_blocks(L, root);
		if (nsect == 0)
			list_sections(L, root, toc);
		title = title_heading(L, root, L->meta != NULL ?
		    L->meta->title : NULL);
	} else if (base == 0) {
		/*
		 * The title, in the first piece: whether a later piece has a
		 * heading at its level or above is told as they come, and
		 * then the body is lowered whole (lower_end()).
		 */
		title = title_heading(L, root, L->meta != NULL ?
		    L->meta->title : NULL);
		L->title_level = title != NULL ?
		    cmark_node_get_heading_level(title) : 0;
	} else if (L->title_level > 0)
		for (b = cmark_node_first_child(root); b; b = cmark_node_next(b))
			if (md_type(b) == MD_HEADING &&
			    cmark_node_get_heading_level(b) <= L->title_level)
				L->title_again = 1;
	for (b = cmark_node_first_child(root); b; b = next, nb++) {
		next = cmark_node_next(b);
		if (L->pieces)
			contents_lines(L, b);
		if (toc != NULL && toc[nb])
			lower_contents(L, current_container(L), b);
		else if (k < nsect && b == sect[k] && run_in(b)) {
			k++;
			lower_run_in(L, b);
		} else if (k < nsect && b == sect[k]) {
			k++;
			heading_node(L, b, section_title(L, b), 2,
			    md_line(L, b),
			    cmark_node_get_start_column(b));
		} else if (b == title)
			text_line(L, current_container(L), heading_text(L, b),
			    md_line(L, b));
		else if (section_list(L, b))
			lower_section_list(L, b);
		else
			lower_blocks(L, current_container(L), b, 0);
		if (done != NULL && !whole)
			cmark_node_free(done);
		done = b;
		if (L->failed)
			break;
	}
	free(sect);
	free(toc);
	return L->failed ? -1 : 0;
}

struct node *
lower_end(struct lower *L, int *again)
{
	struct node *root = L->root;
	struct clines *c = L->entries;
	unsigned char *toc;
	size_t i;

	*again = 0;
	if (c != NULL) {
		/* A contents list somewhere: lowered whole, it is text. */
		c->s = xcalloc(c->n ? c->n : 1, sizeof(*c->s));
		for (i = 0; i < c->n; i++)
			c->s[i] = c->text.data + c->off[i];
		toc = xcalloc(c->n ? c->n : 1, 1);
		*again = !L->failed && ((L->three && recog_contents_runs(
		    (const char *const *)c->s, c->n, toc) > 0) ||
		    L->title_again);
		free(toc);
		for (i = 0; i < 2; i++) {
			buf_release(&c[i].text);
			free(c[i].off);
			free(c[i].s);
			free(c[i].blk);
		}
		free(c);
	}
	if (L->scratch.text.data != NULL)
		flat_release(&L->scratch);
	free(L->pending_cap);
	free(L->roman);
	free(L->lsect);
	if (L->failed || *again) {
		node_free(root);
		root = NULL;
	} else {
		if (!L->ja)
			promote_leaf_headings(root);
		else
			history_tail(root);
		mark_parts(root);
		assign_ids(L);
	}
	free(L);
	return root;
}

struct node *
lower_document(cmark_node *root, const struct source *src,
    const struct meta *meta, struct diags *d)
{
	struct lower *L = lower_new(src, meta, d);
	int again;

	lower_piece(L, root, 0, 0);
	return lower_end(L, &again);
}
