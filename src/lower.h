/*
 * Internal to md.c and lower.c: lowering a cmark-gfm tree into a clause
 * tree.  Nothing else includes this header.
 */
#ifndef TERMC_LOWER_H
#define TERMC_LOWER_H

#include <cmark-gfm.h>

struct diags;
struct meta;
struct node;
struct source;

/*
 * Lower the cmark document root; returns an N_DOCUMENT tree or NULL.
 * Frees root's children as it goes (all but the last): the caller still
 * frees root.
 */
struct node	*lower_document(cmark_node *root, const struct source *,
		    const struct meta *, struct diags *);

/*
 * The same in steps, for a body parsed in pieces (md.c): lower_new(),
 * then lower_pieces() to ask whether the document may be lowered so,
 * lower_piece() for each piece in order (or once, for the whole body),
 * lower_end().  lower_piece() frees root's children but the last,
 * unless whole: the caller frees root's tree at once (an arena's, where
 * freeing a block frees nothing: md.c); base is the source line before
 * root's first; it returns -1 once the
 * lowering has failed (lower_end() returns NULL then), else 0.  lower_end() frees L and
 * returns the tree, or NULL: when lowering failed, or, with *again set,
 * when the pieces' lowering differs from the whole body's (a contents
 * list, which the whole body shows): then lower the body whole.
 */
struct lower;
struct lower	*lower_new(const struct source *, const struct meta *,
		    struct diags *);
int		 lower_pieces(struct lower *);
int		 lower_piece(struct lower *, cmark_node *root, int base,
		    int whole);
struct node	*lower_end(struct lower *, int *again);

/*
 * A new node of the allocator of the tree parsed and lowered on this
 * thread (md.c: an arena for most texts): cmark-gfm links no node of one
 * allocator into a tree of another.  Freed with the tree.
 */
cmark_node	*md_node_new(cmark_node_type);

#endif
