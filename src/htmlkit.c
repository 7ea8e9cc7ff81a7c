/*
 * Builders for the libxml2 layer: see htmlkit.h.
 */
#include <string.h>

#include <libxml/xmlsave.h>

#include "buf.h"
#include "htmlkit.h"

xmlNodePtr
hk_el(xmlNodePtr parent, const char *name, const char *cls)
{
	/* Created in parent's document: names come from its dictionary. */
	xmlNodePtr e = xmlNewDocNode(parent ? parent->doc : NULL, NULL,
	    X(name), NULL);

	if (cls != NULL)
		xmlNewProp(e, X("class"), X(cls));
	if (parent != NULL)
		xmlAddChild(parent, e);
	return e;
}

void
hk_text(xmlNodePtr parent, const char *s, size_t len)
{
	xmlAddChild(parent, xmlNewDocTextLen(parent->doc, X(s), (int)len));
}

void
hk_texts(xmlNodePtr parent, const char *s)
{
	hk_text(parent, s, strlen(s));
}

void
hk_lines(xmlNodePtr parent, const char *s, size_t len)
{
	const char *nl;

	while (len > 0 && (nl = memchr(s, '\n', len)) != NULL) {
		if (nl > s)
			hk_text(parent, s, (size_t)(nl - s));
		hk_el(parent, "br", NULL);
		len -= (size_t)(nl - s) + 1;
		s = nl + 1;
	}
	if (len > 0)
		hk_text(parent, s, len);
}

xmlNodePtr
hk_link(xmlNodePtr parent, const char *href, const char *cls,
    const char *label)
{
	xmlNodePtr a = hk_el(parent, "a", cls);

	xmlNewProp(a, X("href"), X(href));
	if (label != NULL)
		hk_texts(a, label);
	return a;
}

xmlDocPtr
hk_scratch_doc(void)
{
	xmlDocPtr sd = xmlNewDoc(X("1.0"));

	sd->encoding = xmlStrdup(X("UTF-8"));
	sd->dict = xmlDictCreate();
	return sd;
}

static int
append_to_buf(void *ctx, const char *bytes, int len)
{
	buf_put(ctx, bytes, (size_t)len);
	return len;
}

/*
 * libxml2's XHTML serializer: void elements as <br />, every other empty
 * element with its end tag, text escaped in one pass.  It is about twice
 * as fast as the HTML serializer, which copies every text node and looks
 * every element up by name.  No formatting: it would break lines between
 * the inline parts of a heading; callers put line breaks in as text.
 */
xmlSaveCtxtPtr
hk_save_to(struct buf *out)
{
	return xmlSaveToIO(append_to_buf, NULL, out, "UTF-8",
	    XML_SAVE_XHTML | XML_SAVE_NO_DECL);
}
