/*
 * The clause tree: construction, iteration and freeing.  See clause.h.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "clause.h"
#include "pool.h"
#include "text.h"
#include "xalloc.h"

struct node *
node_tree(int line, int col)
{
	return node_new(pool_new(), N_DOCUMENT, line, col);
}

struct node *
node_new(struct pool *pool, enum ntype type, int line, int col)
{
	struct node *n = pool_calloc(pool, 1, sizeof(*n));

	n->type = type;
	n->line = line;
	n->col = col;
	n->pool = pool;
	return n;
}

void
node_append(struct node *parent, struct node *child)
{
	child->parent = parent;
	child->prev = parent->last;
	child->next = NULL;
	if (parent->last != NULL)
		parent->last->next = child;
	else
		parent->first = child;
	parent->last = child;
}

void
node_free(struct node *n)
{
	if (n == NULL)
		return;
	if (n->parent != NULL) {
		if (n->prev)
			n->prev->next = n->next;
		else
			n->parent->first = n->next;
		if (n->next)
			n->next->prev = n->prev;
		else
			n->parent->last = n->prev;
		n->parent = n->prev = n->next = NULL;
	}
	if (n->type == N_DOCUMENT)
		pool_free(n->pool);
}

struct span *
spans_alloc(struct node *n, size_t count)
{
	size_t cap = 1;

	while (cap < count)
		cap *= 2;
	return pool_calloc(n->pool, cap, sizeof(struct span));
}

struct span *
node_add_span(struct node *n, size_t off, size_t len, enum spankind kind,
    const char *href)
{
	struct span *s;

	/*
	 * The capacity is the next power of two (spans_alloc()), so it is
	 * full exactly when nspans is a power of two: double it then.
	 */
	if (n->nspans == 0 || (n->nspans & (n->nspans - 1)) == 0)
		n->spans = pool_grow(n->pool, n->spans, n->nspans,
		    n->nspans ? 2 * n->nspans : 1, sizeof(*n->spans));
	s = &n->spans[n->nspans++];
	s->off = off;
	s->len = len;
	s->kind = kind;
	s->href = href ? pool_strdup(n->pool, href) : NULL;
	s->target = NULL;
	s->xflags = 0;
	return s;
}

const struct node *
node_numbering_scope(const struct node *n)
{
	for (n = n->parent; n != NULL; n = n->parent)
		if (n->type == N_DIVISION && (n->divkind == DIV_SUPPL ||
		    n->divkind == DIV_APPENDIX || n->part))
			return n;
	return NULL;
}

struct node *
node_next(const struct node *n, const struct node *root)
{
	if (n->first != NULL)
		return n->first;
	while (n != NULL && n != root) {
		if (n->next != NULL)
			return n->next;
		n = n->parent;
	}
	return NULL;
}

void
iter_init(struct iter *it, struct node *root)
{
	it->root = root;
	it->cur = NULL;
	it->ev = ITER_DONE;
}

enum iter_event
iter_next(struct iter *it)
{
	struct node *n = it->cur;

	if (n == NULL) {
		if (it->ev != ITER_DONE || it->root == NULL)
			return it->ev = ITER_DONE;
		it->cur = it->root;
		return it->ev = ITER_ENTER;
	}
	if (it->ev == ITER_ENTER && n->first != NULL) {
		it->cur = n->first;
		return it->ev = ITER_ENTER;
	}
	if (it->ev == ITER_ENTER)
		return it->ev = ITER_EXIT;	/* leaf: exit at once */
	if (n == it->root) {
		it->cur = NULL;
		return it->ev = ITER_DONE;
	}
	if (n->next != NULL) {
		it->cur = n->next;
		return it->ev = ITER_ENTER;
	}
	it->cur = n->parent;
	return it->ev = ITER_EXIT;
}

const char *
ntype_name(enum ntype t)
{
	static const char *const names[N__MAX] = {
		"document", "division", "article", "paragraph", "item",
		"subitem", "table"
	};

	return t < N__MAX ? names[t] : "?";
}

const char *
divkind_name(enum divkind k)
{
	static const char *const names[] = {
		"none", "part", "chapter", "section", "subsection",
		"division", "supplementary", "appendix", "other"
	};

	return names[k];
}

/*
 * 第<num><unit>, a branch after the unit as statutes write it: "2_2" →
 * 第2号の2, "6_2_3" → 第6号の2の3.
 */
static void
put_numbered(struct buf *b, const char *num, const char *unit)
{
	size_t base = strcspn(num, "_");

	/* Pieces, not buf_printf(): every title and link label comes here. */
	buf_puts(b, "第");
	buf_put(b, num, base);
	buf_puts(b, unit);
	for (num += base; *num == '_'; num += base) {
		num++;
		base = strcspn(num, "_");
		buf_puts(b, "の");
		buf_put(b, num, base);
	}
}

int
node_western(const struct node *n)
{
	const char *top = n->label ? n->label : n->caption ? n->caption : "";

	return (unsigned char)top[0] < 0x80 && top[0] != '\0';
}

void
node_title(struct buf *b, const struct node *n)
{
	if (n->label != NULL)
		buf_puts(b, n->label);
	if (n->caption == NULL)
		return;
	/* Pieces, not buf_printf(): the pages and the search ask for each. */
	if (n->type == N_ARTICLE && !node_western(n)) {
		buf_puts(b, "（");
		buf_puts(b, n->caption);
		buf_puts(b, "）");
	} else {
		if (n->label != NULL)
			buf_putc(b, ' ');
		buf_puts(b, n->caption);
	}
}

/*
 * Is label a decimal clause number, 2.1 or 4.1.3 (a dot at its end),
 * perhaps after its word (Section 2.1, Clause 4.2)?
 */
static int
decimal_label(const char *label)
{
	const char *p = label;

	if (strncasecmp(p, "section ", 8) == 0)
		label = p += 8;
	else if (strncasecmp(p, "clause ", 7) == 0)
		label = p += 7;

	while (*p >= '0' && *p <= '9')
		p++;
	return p > label && *p == '.' && p[1] >= '0' && p[1] <= '9';
}

/*
 * An English label as a reader names it, without the dot that ends it: a
 * number is a Section (Section 4, Section 2.1), a roman numeral alone an
 * Article (IV. → Article IV), a label with its word as written (ARTICLE
 * II).
 */
static void
western_label(struct buf *b, const char *label)
{
	size_t len = strlen(label);

	while (len > 0 && label[len - 1] == '.')
		len--;
	if (label[0] >= '0' && label[0] <= '9')
		buf_puts(b, "Section ");
	else if (strspn(label, "IVXLivxl") == len && len > 0)
		buf_puts(b, "Article ");
	buf_put(b, label, len);
}

/*
 * A Japanese document numbered as sections (8. 解約について, 9 投稿情報,
 * １ 用語の定義): its article's label is a number in ASCII or full-width
 * digits, its caption opens in Japanese script.  Such a clause is
 * named in Japanese around the labels as written: the article's label
 * (8.), a written paragraph or item label in brackets (8.(2), 12(9)), an
 * unwritten number as 第N項 or 第N号 (8.第3号; the first paragraph left
 * unnamed when it only holds items).  Never "Section 8, item 3".
 */
static int
sectioned_ja(const struct node *n)
{
	const char *l = n->label;

	int32_t c = 0;

	if (n->caption != NULL && n->caption[0] != '\0')
		utf8_next_str(n->caption, &c);
	/* Japanese script opens the caption: not “Service” or Éligibilité. */
	return l != NULL && ((l[0] >= '0' && l[0] <= '9') ||
	    (strncmp(l, "\xef\xbc", 2) == 0 && (unsigned char)l[2] >= 0x90 &&
	    (unsigned char)l[2] <= 0x99)) &&
	    ((c >= 0x3000 && c <= 0x9fff) || (c >= 0xff00 && c <= 0xffef));
}

/*
 * A written paragraph or item label in brackets: (2) for "(2)", "2." or
 * "2)"; the brackets and dot as written are dropped first.  A label not
 * in ASCII, （２） ⑵ ②, is its own bracket: as written.
 */
static void
bracket_label(struct buf *b, const char *label)
{
	const char *p = label + strspn(label, "(");

	if ((unsigned char)label[0] >= 0x80)
		buf_puts(b, label);
	else
		buf_printf(b, "(%.*s)", (int)strcspn(p, ".)"), p);
}

char *
node_path_label(const struct node *n)
{
	const struct node *chain[16];
	struct buf b;
	size_t k = 0;
	int western, sja, bare = 0;

	buf_init(&b);
	for (; n != NULL && n->type != N_DOCUMENT && k < 16; n = n->parent) {
		chain[k++] = n;
		if (n->type == N_ARTICLE || n->type == N_DIVISION)
			break;
	}
	if (k == 0)
		return buf_detach(&b);
	/*
	 * The clause is named in its document's language, as its article
	 * names itself: 第17条第3項第2号, or Section 4(a) where the article
	 * is "4." or "Section 4" or a title in Latin letters.
	 */
	sja = sectioned_ja(chain[k - 1]);
	western = node_western(chain[k - 1]) && !sja;
	while (k-- > 0) {
		n = chain[k];
		switch (n->type) {
		case N_ARTICLE:
		case N_DIVISION:
			if (n->label && western) {
				western_label(&b, n->label);
			} else if (n->label)
				buf_puts(&b, n->label);
			else if (n->caption) {
				buf_puts(&b, n->caption);
				/* A title is no number: "Returns, paragraph
				 * 5", never Returns(5). */
				bare = western;
			}
			break;
		case N_PARAGRAPH:
			if (sja && n->label != NULL)
				bracket_label(&b, n->label);
			else if (sja && n->implicit && k > 0 &&
			    n->num != NULL && strcmp(n->num, "1") == 0)
				;	/* 8.第3号: the first paragraph unwritten */
			else if (!western)
				put_numbered(&b, n->num ? n->num : "?", "項");
			else if (n->label && decimal_label(n->label)) {
				/* A sub-clause names itself: Section 2.1. */
				buf_reset(&b);
				western_label(&b, n->label);
			}
			else if (n->label && bare)
				buf_printf(&b, ", paragraph %.*s",
				    (int)strcspn(n->label + strspn(n->label,
				    "("), ".)"), n->label + strspn(n->label,
				    "("));
			else if (n->label)
				bracket_label(&b, n->label);
			else if (!(k > 0 && n->implicit && n->num != NULL &&
			    strcmp(n->num, "1") == 0))
				buf_printf(&b, ", paragraph %s",
				    n->num ? n->num : "?");
			break;
		case N_ITEM:
			if (n->parent != NULL && n->parent->type ==
			    N_PARAGRAPH && n->parent->label != NULL)
				bare = 0;
			if (sja && n->label != NULL)
				bracket_label(&b, n->label);
			else if (!western)
				put_numbered(&b, n->num ? n->num : "?", "号");
			else if (n->label && decimal_label(n->label)) {
				/* 2.1.3 under 2.1: Section 2.1.3. */
				buf_reset(&b);
				western_label(&b, n->label);
			} else if (n->label) {
				/* Delivery, item (c): under a title alone. */
				if (bare)
					buf_puts(&b, ", item ");
				bracket_label(&b, n->label);
			}
			else
				buf_printf(&b, ", item %s", n->num ? n->num : "?");
			break;
		case N_SUBITEM:
			buf_printf(&b, "%s", n->label ? n->label : "(sub)");
			break;
		case N_TABLE:
			buf_puts(&b, "(table)");
			break;
		default:
			break;
		}
	}
	return buf_detach(&b);
}
