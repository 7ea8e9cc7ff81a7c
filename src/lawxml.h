/*
 * Japanese standard law XML (法令標準XMLスキーマ) in: `termc import` of a
 * file as e-Gov and its API publish it, or as `termc tree --format=lawxml`
 * writes it (lawxml_import.c; the export is tree_lawxml() in tree.h).
 */
#ifndef TERMC_LAWXML_H
#define TERMC_LAWXML_H

#include <stddef.h>

struct diags;
struct import_opts;

/*
 * Is bytes XML for lawxml_import()?  True when, after a UTF-8 byte-order
 * mark and white space, it opens with an XML declaration or a <Law
 * element.  Anything else is text for import_text().
 */
int	 lawxml_detect(const char *bytes, size_t len);

/*
 * Turn standard law XML into a terms file: front matter (title, law
 * number, the revision date of an e-Gov file name), divisions, articles,
 * paragraphs, items, 附則 and 別表.  Entities and network access stay off:
 * a DOCTYPE is refused before parsing.  Returns the Markdown (caller
 * frees), or NULL with an error in d when the XML is not well-formed, has
 * a DOCTYPE, or its root is not Law.
 */
char	*lawxml_import(const char *path, const char *bytes, size_t len,
	    const struct import_opts *, struct diags *d);

#endif
