/*
 * Templates: plain HTML files that a designer can open in a browser, with
 * marked slots the compiler fills.  Internal to the libxml2 layer: only
 * template.c and html.c include this header.
 *
 *   data-slot="NAME"       the element's children are replaced
 *   data-root-href="PATH"  href becomes the path from the page to PATH
 *                          in the output root
 * Both attributes are removed from the output.
 */
#ifndef TERMC_TEMPLATE_H
#define TERMC_TEMPLATE_H

#include <libxml/HTMLtree.h>

struct diags;

struct tpl {
	char		*path;
	htmlDocPtr	 doc;
};

/*
 * Parse dir/name into t (dir NULL: the built-in copy, assets.h).  Returns 0, or -1 with a diagnostic: also for a
 * template with a data-slot on <script> or <style> (their text is not
 * escaped) or without the slot its name requires (page.html body,
 * index.html providers, diff.html rows, matrix.html table).
 */
/*
 * The external entity loader every libxml2 parse of termc sets: it loads
 * nothing (no DTD, no entity, no network), whatever the input asks.
 */
xmlParserInputPtr xml_refuse_entity(const char *url, const char *id,
		    xmlParserCtxtPtr ctxt);
int		 tpl_load(struct tpl *t, const char *dir, const char *name,
		    struct diags *d);
void		 tpl_release(struct tpl *);
/* A fresh copy of the template to fill; free with xmlFreeDoc(). */
htmlDocPtr	 tpl_instance(const struct tpl *);
/* The element with data-slot=name, or NULL. */
xmlNodePtr	 tpl_slot(htmlDocPtr, const char *name);
/* Replace a slot's children by nothing (the caller then adds nodes). */
void		 tpl_clear(xmlNodePtr slot);
/*
 * Finish a page: resolve data-root-href against root ("../../"), set the
 * html lang, drop the marker attributes, and serialize.  Returns the bytes
 * (caller frees) and their length.
 */
char		*tpl_finish(htmlDocPtr, const char *root, const char *lang,
		    size_t *len);

#endif
