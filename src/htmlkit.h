/*
 * Small builders shared by the libxml2 layer's renderers (html.c,
 * html_diff.c, html_matrix.c).  Internal to that layer.  Text always
 * enters the tree as text nodes: libxml2 escapes it on output.
 */
#ifndef TERMC_HTMLKIT_H
#define TERMC_HTMLKIT_H

#include <stddef.h>

#include <libxml/tree.h>
#include <libxml/xmlsave.h>

#include "template.h"

#define X(s)	((const xmlChar *)(s))

/* The loaded templates (html.h's templates_load); unloaded ones are zero. */
struct templates {
	struct tpl	page;
	struct tpl	index;
	struct tpl	diff;
};

/* A new element, with a class when cls is not NULL, appended to parent. */
xmlNodePtr	hk_el(xmlNodePtr parent, const char *name, const char *cls);
/* A text node of len bytes (or of all of s) appended to parent. */
void		hk_text(xmlNodePtr parent, const char *s, size_t len);
void		hk_texts(xmlNodePtr parent, const char *s);
/* Text whose line breaks become <br> elements. */
void		hk_lines(xmlNodePtr parent, const char *s, size_t len);
/* <a href> with an optional class and label, appended to parent. */
xmlNodePtr	hk_link(xmlNodePtr parent, const char *href, const char *cls,
		    const char *label);

/*
 * A document for trees built only to be serialized through hk_save_to():
 * an XML document (ids are not indexed) with UTF-8 as its encoding (text
 * is written as UTF-8, not as character references) and a dictionary
 * (element and attribute names are shared, not copied).
 */
xmlDocPtr	hk_scratch_doc(void);
/*
 * A serializer of trees as HTML, appending to out: xmlSaveTree() each
 * node, then xmlSaveClose(); the last bytes reach out at the close.
 */
struct buf;
xmlSaveCtxtPtr	hk_save_to(struct buf *out);

#endif
