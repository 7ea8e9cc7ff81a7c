/*
 * A terms document: one revision of one provider's document, parsed.
 * The stages after parsing (check, html, diff, matrix) take a struct doc.
 * A doc owns its path, metadata and clause tree; doc_free() frees all.
 */
#ifndef TERMC_DOC_H
#define TERMC_DOC_H

#include <stddef.h>

#include "meta.h"

struct diags;
struct node;
struct xrefs;

struct doc {
	char		*path;
	struct meta	 meta;
	struct node	*root;		/* N_DOCUMENT */
	struct xrefs	*xrefs;		/* cross references found (xref.h) */
};

/*
 * Read and parse a terms file.  Diagnostics go to d.  Returns NULL when the
 * file cannot be parsed at all (I/O, encoding, limits, front matter);
 * otherwise a doc, possibly with errors recorded (duplicate numbers …).
 */
struct doc	*doc_load(const char *path, struct diags *d);
/* The same for bytes in memory (tests, fuzzing). */
struct doc	*doc_load_mem(const char *path, const char *bytes, size_t len,
		    struct diags *d);
void		 doc_free(struct doc *);

/* A set of documents in a stable order (provider, document, revision). */
struct corpus {
	struct doc	**docs;
	size_t		  n;
};

/*
 * Load every terms file named: a file, or a directory searched for
 * <provider>/<document>/<revision>.md below it.  Returns 0, or -1 when a
 * path cannot be read.  Documents that fail to parse are left out, with
 * their diagnostics in d.
 */
int	corpus_load(struct corpus *, char *const *paths, size_t npaths,
	    struct diags *d);
void	corpus_release(struct corpus *);

#endif
