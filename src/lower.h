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

#endif
