/*
 * Unit tests for clause.c: building trees, the ENTER/EXIT iterator,
 * pre-order node_next, freeing (also a very deep tree), unlinking a
 * middle child, spans in the tree's pool, and node_path_label.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "clause.h"
#include "pool.h"
#include "tap.h"

/* A node of parent's tree; with no parent, the root of a new tree. */
static struct node *
mk(struct node *parent, enum ntype t, const char *num, const char *label)
{
	struct node *n = parent ? node_new(parent->pool, t, 1, 1) :
	    node_tree(1, 1);
	struct pool *p = n->pool;

	n->num = num ? pool_strdup(p, num) : NULL;
	n->label = label ? pool_strdup(p, label) : NULL;
	n->id = num ? pool_strdup(p, num) : NULL;
	if (parent != NULL)
		node_append(parent, n);
	return n;
}

/* The walk as a string: "+x" on enter, "-x" on exit, x the node's id. */
static char *
walk(struct node *root)
{
	struct iter it;
	enum iter_event ev;
	struct buf b;

	buf_init(&b);
	iter_init(&it, root);
	while ((ev = iter_next(&it)) != ITER_DONE)
		buf_printf(&b, "%c%s ", ev == ITER_ENTER ? '+' : '-',
		    it.cur->id ? it.cur->id : "?");
	return buf_detach(&b);
}

static char *
preorder(struct node *root)
{
	struct node *n;
	struct buf b;

	buf_init(&b);
	for (n = root; n != NULL; n = node_next(n, root))
		buf_printf(&b, "%s ", n->id ? n->id : "?");
	return buf_detach(&b);
}

int
main(void)
{
	struct node *doc, *ch, *a1, *a2, *p1, *p2, *i1, *s1, *n, *deep;
	char *s;
	int k;

	doc = mk(NULL, N_DOCUMENT, "D", NULL);
	ch = mk(doc, N_DIVISION, "C", "第2章");
	ch->divkind = DIV_CHAPTER;
	a1 = mk(ch, N_ARTICLE, "A1", "第17条");
	p1 = mk(a1, N_PARAGRAPH, "1", NULL);
	p2 = mk(a1, N_PARAGRAPH, "3", "３");
	i1 = mk(p2, N_ITEM, "2", "（２）");
	s1 = mk(i1, N_SUBITEM, "S", "イ");
	a2 = mk(ch, N_ARTICLE, "A2", "第18条");

	tap(doc->first == ch && ch->first == a1 && ch->last == a2 &&
	    a1->next == a2 && a2->prev == a1 && p2->parent == a1,
	    "node_append links parent, first, last, prev, next");
	s = walk(doc);
	tap_str(s, "+D +C +A1 +1 -1 +3 +2 +S -S -2 -3 -A1 +A2 -A2 -C -D ",
	    "iterator: ENTER/EXIT order, leaves exited at once");
	free(s);
	s = walk(p1);
	tap_str(s, "+1 -1 ", "iterator on a leaf: enter, exit");
	free(s);
	s = walk(a1);
	tap_str(s, "+A1 +1 -1 +3 +2 +S -S -2 -3 -A1 ",
	    "iterator on a subtree stays inside it");
	free(s);
	s = walk(NULL);
	tap_str(s, "", "iterator on NULL: done");
	free(s);
	s = preorder(doc);
	tap_str(s, "D C A1 1 3 2 S A2 ", "node_next: pre-order");
	free(s);
	s = preorder(a1);
	tap_str(s, "A1 1 3 2 S ", "node_next stays inside its root");
	free(s);

	s = node_path_label(s1);
	tap_str(s, "第17条第3項第2号イ", "node_path_label of a sub-item");
	free(s);
	s = node_path_label(i1);
	tap_str(s, "第17条第3項第2号", "node_path_label of an item");
	free(s);
	s = node_path_label(a1);
	tap_str(s, "第17条", "node_path_label of an article");
	free(s);
	s = node_path_label(ch);
	tap_str(s, "第2章", "node_path_label of a division");
	free(s);
	s = node_path_label(doc);
	tap_str(s, "", "node_path_label of the document");
	free(s);
	{
		struct node *supp = mk(doc, N_DIVISION, NULL, NULL);
		struct node *pp = mk(supp, N_PARAGRAPH, "1", NULL);

		supp->caption = pool_strdup(supp->pool, "付則");
		s = node_path_label(pp);
		tap_str(s, "付則第1項", "node_path_label under an unnumbered division");
		free(s);
		node_free(supp);
		tap(doc->last == ch && ch->next == NULL && supp->parent == NULL,
		    "node_free of a subtree unlinks it");
	}

	tap_str(ntype_name(N_ARTICLE), "article", "ntype_name");
	tap_str(ntype_name(N_SUBITEM), "subitem", "ntype_name subitem");
	tap_str(divkind_name(DIV_CHAPTER), "chapter", "divkind_name");
	tap_str(divkind_name(DIV_SUPPL), "supplementary", "divkind_name 付則");

	/* Spans keep their href copy; growing keeps the spans before. */
	{
		char href[] = "https://example.com/";
		struct span *sp = node_add_span(p1, 0, 3, SPAN_LINK, href);

		href[0] = 'X';
		tap(p1->nspans == 1 && strcmp(sp->href,
		    "https://example.com/") == 0 && sp->target == NULL,
		    "node_add_span copies href");
		for (k = 1; k < 100; k++)
			node_add_span(p1, (size_t)k * 4, 3, SPAN_EMPH, NULL);
		for (k = 0; k < 100 && p1->spans[k].off == (size_t)k * 4; k++)
			;
		tap(p1->nspans == 100 && k == 100 &&
		    strcmp(p1->spans[0].href, "https://example.com/") == 0,
		    "node_add_span: 100 spans, in order, the first kept");
	}

	/* Freeing a middle child unlinks it from its siblings. */
	node_free(p2);
	tap(a1->first == p1 && a1->last == p1 && p1->next == NULL,
	    "node_free of a last child relinks parent and siblings");
	n = mk(ch, N_ARTICLE, "A3", NULL);
	node_free(a2);
	tap(a1->next == n && n->prev == a1 && ch->last == n,
	    "node_free of a middle child relinks its neighbours");
	s = preorder(doc);
	tap_str(s, "D C A1 1 A3 ", "  the tree after both");
	free(s);
	node_free(doc);
	tap(1, "node_free of a whole tree");

	/*
	 * A chain a million deep, then a wide one: a recursive free would
	 * overflow the stack (and ASan/valgrind would see any leak).
	 */
	deep = n = node_tree(1, 1);
	for (k = 0; k < 1000000; k++) {
		struct node *c = node_new(deep->pool, N_SUBITEM, k, 1);

		c->text = pool_strdup(c->pool, "x");
		node_append(n, c);
		n = c;
	}
	for (k = 0, n = deep; n != NULL; n = node_next(n, deep))
		k++;
	tap_long(k, 1000001, "node_next walks a million-deep chain");
	node_free(deep);
	tap(1, "node_free of a million-deep chain");
	deep = node_tree(1, 1);
	for (k = 0; k < 100000; k++)
		node_append(deep, node_new(deep->pool, N_PARAGRAPH, k, 1));
	node_free(deep);
	tap(1, "node_free of a 100000-wide tree");
	return tap_done();
}
