/*
 * Builders for the libxml2 layer: see htmlkit.h.
 */
#include <string.h>

#include "htmlkit.h"

xmlNodePtr
hk_el(xmlNodePtr parent, const char *name, const char *cls)
{
	xmlNodePtr e = xmlNewNode(NULL, X(name));

	if (cls != NULL)
		xmlNewProp(e, X("class"), X(cls));
	if (parent != NULL)
		xmlAddChild(parent, e);
	return e;
}

void
hk_text(xmlNodePtr parent, const char *s, size_t len)
{
	xmlAddChild(parent, xmlNewTextLen(X(s), (int)len));
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
