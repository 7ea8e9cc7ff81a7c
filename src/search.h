/*
 * Search that works offline from out/: an index written at build time as
 * scripts (search-index.js and one search.js per document, loaded by
 * search.html's search.js), so that it loads from a file:// page too,
 * where a fetch of JSON would be refused.  No outside service.
 *
 * One entry per article (or top-level clause) of each document's latest
 * revision: its page and anchor, the document's title and provider, the
 * clause's label and caption, and its whole text with its paragraphs',
 * items' and tables' text.  Every string goes through js_string(), which
 * escapes it; the page's script writes results as text, never as markup.
 */
#ifndef TERMC_SEARCH_H
#define TERMC_SEARCH_H

#include <stddef.h>

struct buf;
struct doc;

/*
 * DIR/<provider>/<document>/search.js: the entries of doc's clauses,
 * whose page is href (from the output root), added to TERMC_SEARCH.
 * Written with the document's pages, so that a build holds one
 * document's entries at a time.  The script is appended to out (the
 * memory of a page written before it, site.c).
 */
void	 search_document(const struct doc *doc, const char *href,
	    struct buf *out);
/*
 * DIR/search-index.js: TERMC_SEARCH, empty, and the list of the
 * documents' scripts (files[0, n), from the output root) that search.js
 * loads in order.  Returns the script, *len bytes.
 */
char	*search_index(const char *const *files, size_t n, size_t *len);

/*
 * Append s[0, len) (valid UTF-8) as a quoted JSON string that is also a
 * JavaScript string literal: quote, backslash, every control character
 * and U+2028/U+2029 escaped.  (The matrix's page data uses it too.)
 */
void	js_string(struct buf *, const char *s, size_t len);

#endif
