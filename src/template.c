/*
 * Templates, parsed and filled with libxml2: see template.h.
 *
 * Templates are trusted files of the repository, but they are parsed as
 * strictly as input: explicit UTF-8, no network, no implied elements, and
 * an external entity loader that refuses everything.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>

#include "assets.h"
#include "buf.h"
#include "diag.h"
#include "source.h"
#include "template.h"
#include "xalloc.h"

#define X(s)	((const xmlChar *)(s))

xmlParserInputPtr
xml_refuse_entity(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	(void)url;
	(void)id;
	(void)ctxt;
	return NULL;
}

/*
 * Parse errors are collected into the first error seen.  libxml2 2.9's
 * HTML parser knows HTML 4 only and calls HTML5 elements (header, nav,
 * main, section) unknown; it still builds them as elements, so that one
 * complaint is not an error here.
 */
static void
on_error(void *ctx, xmlErrorPtr e)
{
	xmlError *first = ctx;

	if (e->code == XML_HTML_UNKNOWN_TAG)
		return;
	if (first->code == 0 && e->level >= XML_ERR_ERROR)
		xmlCopyError(e, first);
}

/* The node after n in a pre-order walk of its document, without recursion. */
static xmlNodePtr
next_in_order(xmlNodePtr n)
{
	if (n->children != NULL && n->type == XML_ELEMENT_NODE)
		return n->children;
	while (n != NULL && n->next == NULL)
		n = n->parent;
	return n != NULL ? n->next : NULL;
}

/*
 * The slot each template must have, by file name: without it every page
 * made from the template would be published empty, and exit 0.
 */
static const struct {
	const char	*name;
	const char	*slot;
} required[] = {
	{ "page.html", "body" },
	{ "index.html", "providers" },
	{ "diff.html", "rows" },
	{ "matrix.html", "table" }
};

/*
 * Templates are trusted, but a mistake in one must not publish silently.
 * libxml2 writes the text of <script> and <style> unescaped (HTML's raw
 * text elements), so a slot there would put input into a script: refuse
 * it.  Refuse a template that lacks its required slot.  Returns the
 * number of diagnostics recorded.
 */
static int
tpl_check(htmlDocPtr doc, const char *name, const char *path,
    struct diags *d)
{
	xmlNodePtr n;
	xmlChar *v;
	size_t i;
	int bad = 0;

	for (n = xmlDocGetRootElement(doc); n != NULL; n = next_in_order(n)) {
		if (n->type != XML_ELEMENT_NODE ||
		    (v = xmlGetProp(n, X("data-slot"))) == NULL)
			continue;
		if (xmlStrcasecmp(n->name, X("script")) == 0 ||
		    xmlStrcasecmp(n->name, X("style")) == 0) {
			diag(d, path, (int)xmlGetLineNo(n), 1, D_TEMPLATE,
			    "data-slot=\"%s\" on <%s>, whose text is published "
			    "unescaped", (char *)v, (char *)n->name);
			bad++;
		}
		xmlFree(v);
	}
	for (i = 0; i < sizeof(required) / sizeof(required[0]); i++)
		if (strcmp(name, required[i].name) == 0 &&
		    tpl_slot(doc, required[i].slot) == NULL) {
			diag(d, path, 0, 0, D_TEMPLATE, "%s needs an element "
			    "with data-slot=\"%s\"", name, required[i].slot);
			bad++;
		}
	return bad;
}

/*
 * The template is read here and parsed from memory: the entity loader that
 * refuses everything would also refuse libxml2's own open of the file.
 */
int
tpl_load(struct tpl *t, const char *dir, const char *name, struct diags *d)
{
	struct buf path;
	xmlError err;
	size_t len;
	char *bytes, *p;

	memset(t, 0, sizeof(*t));
	memset(&err, 0, sizeof(err));
	buf_init(&path);
	if ((bytes = asset_read(dir, name, &len, &p, d)) == NULL) {
		free(p);
		buf_release(&path);
		return -1;
	}
	buf_puts(&path, p);
	free(p);
	xmlSetExternalEntityLoader(xml_refuse_entity);
	xmlSetStructuredErrorFunc(&err, on_error);
	t->doc = htmlReadMemory(bytes, (int)len, path.data, "UTF-8",
	    HTML_PARSE_NONET | HTML_PARSE_NOIMPLIED | HTML_PARSE_NOERROR |
	    HTML_PARSE_NOWARNING);
	xmlSetStructuredErrorFunc(NULL, NULL);
	free(bytes);
	if (t->doc == NULL || err.code != 0) {
		diag(d, path.data, err.line, err.int2 + 1, D_IO,
		    "template: %s", err.message ? err.message :
		    "cannot parse");
		xmlResetError(&err);
		if (t->doc)
			xmlFreeDoc(t->doc);
		buf_release(&path);
		t->doc = NULL;
		return -1;
	}
	xmlResetError(&err);
	if (tpl_check(t->doc, name, path.data, d) > 0) {
		xmlFreeDoc(t->doc);
		t->doc = NULL;
		buf_release(&path);
		return -1;
	}
	t->path = buf_detach(&path);
	return 0;
}

void
tpl_release(struct tpl *t)
{
	if (t->doc)
		xmlFreeDoc(t->doc);
	free(t->path);
	memset(t, 0, sizeof(*t));
}

htmlDocPtr
tpl_instance(const struct tpl *t)
{
	return xmlCopyDoc(t->doc, 1);
}

xmlNodePtr
tpl_slot(htmlDocPtr doc, const char *name)
{
	xmlNodePtr n = xmlDocGetRootElement(doc);
	xmlChar *v;

	while (n != NULL) {
		if (n->type == XML_ELEMENT_NODE &&
		    (v = xmlGetProp(n, X("data-slot"))) != NULL) {
			int hit = strcmp((char *)v, name) == 0;

			xmlFree(v);
			if (hit)
				return n;
		}
		n = next_in_order(n);
	}
	return NULL;
}

void
tpl_clear(xmlNodePtr slot)
{
	xmlNodePtr c, next;

	for (c = slot->children; c != NULL; c = next) {
		next = c->next;
		xmlUnlinkNode(c);
		xmlFreeNode(c);
	}
}

char *
tpl_finish(htmlDocPtr doc, const char *root, const char *lang, size_t *len)
{
	xmlNodePtr n = xmlDocGetRootElement(doc), html = n;
	xmlOutputBufferPtr out;
	xmlChar *v;
	struct buf href;
	int size = 0;
	char *r;

	if (html != NULL && lang != NULL)
		xmlSetProp(html, X("lang"), X(lang));
	while (n != NULL) {
		if (n->type == XML_ELEMENT_NODE) {
			if ((v = xmlGetProp(n, X("data-root-href"))) != NULL) {
				buf_init(&href);
				buf_printf(&href, "%s%s", root, (char *)v);
				xmlSetProp(n, X("href"), X(href.data));
				buf_release(&href);
				xmlFree(v);
				xmlUnsetProp(n, X("data-root-href"));
			}
			xmlUnsetProp(n, X("data-slot"));
		}
		n = next_in_order(n);
	}
	/*
	 * Serialize as UTF-8 text.  With no document encoding libxml2 would
	 * write every non-ASCII character as a numeric reference, and
	 * htmlDocDumpMemory() picks its encoder from a http-equiv meta only.
	 */
	if (doc->encoding != NULL)
		xmlFree((xmlChar *)doc->encoding);
	doc->encoding = xmlStrdup(X("UTF-8"));
	out = xmlAllocOutputBuffer(NULL);
	htmlDocContentDumpFormatOutput(out, doc, NULL, 0);
	xmlOutputBufferFlush(out);
	size = (int)xmlOutputBufferGetSize(out);
	r = xstrndup((const char *)xmlOutputBufferGetContent(out),
	    (size_t)size);
	*len = (size_t)size;
	xmlOutputBufferClose(out);
	return r;
}
