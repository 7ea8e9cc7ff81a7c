/*
 * Search that works offline from out/: an index written at build time as
 * a script (search-index.js, loaded by search.html with search.js), so
 * that it loads from a file:// page too, where a fetch of JSON would be
 * refused.  No outside service.
 *
 * One entry per article (or top-level clause) of each document's latest
 * revision: its page and anchor, the document's title and provider, the
 * clause's label and caption, and its whole text with its paragraphs',
 * items' and tables' text.  JSON built with jansson, so every string is
 * escaped; the page's script writes results as text, never as markup.
 */
#ifndef TERMC_SEARCH_H
#define TERMC_SEARCH_H

#include <stddef.h>

struct doc;
struct search;

struct search	*search_new(void);
/* Add the clauses of doc, whose page is href (from the output root). */
void		 search_add(struct search *, const struct doc *doc,
		    const char *href);
/* The script, *len bytes; frees s.  Caller frees the result. */
char		*search_finish(struct search *s, size_t *len);

#endif
