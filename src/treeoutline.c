/*
 * termc tree --format=outline: the clause tree for a person at a
 * terminal.  One clause a line, indented two columns a level, as
 *
 *   第1条（適用）  本約款は、当社と契約者との間の…  #a1
 *
 * label (or "(N)" for a number supplied by position, or the node type),
 * caption (a division's or article's as its heading reads: 第1章 総則,
 * 1. Acceptance),
 * the first OUTLINE_CHARS characters of the text, and the anchor.  Text
 * passes diag_escape(): no clause can drive the terminal.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "clause.h"
#include "diag.h"
#include "doc.h"
#include "text.h"
#include "tree.h"

#define OUTLINE_CHARS	24

/* The first OUTLINE_CHARS characters of s, line ends as spaces. */
static void
put_excerpt(struct buf *b, const char *s)
{
	size_t len = strlen(s), n, i;
	int32_t c;
	int k;

	for (i = 0, k = 0; i < len && k < OUTLINE_CHARS; i += n, k++) {
		n = utf8_next(s + i, len - i, &c);
		if (c == '\n' || c == '\t')
			buf_putc(b, ' ');
		else
			buf_put(b, s + i, n);
	}
	if (i < len)
		buf_puts(b, "…");
}

static void
put_node(struct buf *b, const struct node *n, int depth)
{
	struct buf line;
	char *esc;
	int i;

	buf_init(&line);
	for (i = 0; i < depth; i++)
		buf_puts(&line, "  ");
	/* Divisions and articles read as their headings do (node_title():
	 * 第1章 総則, 第1条（目的）, 1. Acceptance). */
	if ((n->type == N_DIVISION || n->type == N_ARTICLE) &&
	    (n->label != NULL || n->caption != NULL))
		node_title(&line, n);
	else if (n->label != NULL)
		buf_puts(&line, n->label);
	else if (n->type == N_TABLE && n->table != NULL)
		buf_printf(&line, "table %zu×%zu", n->table->nrows,
		    n->table->ncols);
	else if (n->num != NULL)
		buf_printf(&line, "(%s)", n->num);
	else
		buf_puts(&line, ntype_name(n->type));
	if (n->caption != NULL && n->type != N_DIVISION &&
	    n->type != N_ARTICLE)
		buf_printf(&line, "（%s）", n->caption);
	if (n->text != NULL && *n->text != '\0') {
		buf_puts(&line, "  ");
		put_excerpt(&line, n->text);
	}
	if (n->id != NULL)
		buf_printf(&line, "  #%s", n->id);
	esc = diag_escape(line.data);
	buf_printf(b, "%s\n", esc);
	free(esc);
	buf_release(&line);
}

char *
tree_outline(const struct doc *doc)
{
	struct buf b;
	const struct node *n, *p;
	int depth;

	buf_init(&b);
	buf_printf(&b, "%s %s %s\n", doc->meta.provider, doc->meta.document,
	    doc->meta.revision);
	if (doc->meta.title != NULL) {
		char *t = diag_escape(doc->meta.title);

		buf_printf(&b, "%s\n", t);
		free(t);
	}
	/* Pre-order, iteratively; depth follows the parent links. */
	for (n = doc->root->first; n != NULL; n = node_next(n, doc->root)) {
		depth = 0;
		for (p = n->parent; p != NULL && p != doc->root; p = p->parent)
			depth++;
		put_node(&b, n, depth + 1);
	}
	return buf_detach(&b);
}
