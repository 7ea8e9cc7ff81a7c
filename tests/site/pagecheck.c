/*
 * pagecheck FILE...: parse each published page with libxml2's HTML
 * parser, independently of termc's own code, and print one line per
 * fault: "FILE: message".  Exit 1 when any page has a fault.
 *
 * A fault is: a parse error (HTML5 element names, unknown to libxml2
 * 2.9's HTML 4 parser, excepted); a <script> with text, or whose src is
 * not one of the site's own scripts (matrix.js, search.js and its
 * search-index.js); an event handler attribute (on...); a
 * URL attribute whose scheme is not http, https or mailto; two elements
 * with one id; a link to "#x" where the page has no id x.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>

#define X(s)	((const xmlChar *)(s))

static const char *page;
static int faults;

static void
fault(const char *what, const char *detail)
{
	printf("%s: %s%s%s\n", page, what, detail ? ": " : "",
	    detail ? detail : "");
	faults++;
}

static void
on_error(void *ctx, xmlErrorPtr e)
{
	(void)ctx;
	if (e->code == XML_HTML_UNKNOWN_TAG || e->level < XML_ERR_ERROR)
		return;
	fault("parse error", e->message);
}

static xmlParserInputPtr
refuse(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	(void)url;
	(void)id;
	(void)ctxt;
	return NULL;
}

/* The scheme of a URL as a browser reads it, or "" for a relative one. */
static void
scheme_of(const char *url, char *out, size_t size)
{
	size_t n = 0;

	for (; *url != '\0'; url++) {
		unsigned char c = (unsigned char)*url;

		if (c <= 0x20 || c == 0x7f)
			continue;
		if (c == ':')
			break;
		if (c == '/' || c == '?' || c == '#') {
			n = 0;
			break;
		}
		if (n + 1 < size)
			out[n++] = (char)tolower(c);
	}
	if (*url != ':')
		n = 0;
	out[n] = '\0';
}

struct ids {
	char	**v;
	size_t	  n;
};

static int
cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
walk(xmlNodePtr n, struct ids *ids, struct ids *frags)
{
	xmlAttrPtr a;
	xmlChar *v;
	char scheme[32];

	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (xmlStrcasecmp(n->name, X("script")) == 0) {
			v = xmlGetProp(n, X("src"));
			if (v == NULL || n->children != NULL ||
			    (strcmp((char *)v, "matrix.js") != 0 &&
			    strcmp((char *)v, "search.js") != 0 &&
			    strcmp((char *)v, "search-index.js") != 0))
				fault("script", v ? (char *)v : "inline");
			xmlFree(v);
		}
		for (a = n->properties; a != NULL; a = a->next) {
			if (tolower(a->name[0]) == 'o' &&
			    tolower(a->name[1]) == 'n')
				fault("event handler", (const char *)a->name);
			v = xmlNodeGetContent((xmlNodePtr)a);
			if (v == NULL)
				continue;
			if (xmlStrcasecmp(a->name, X("href")) == 0 ||
			    xmlStrcasecmp(a->name, X("src")) == 0 ||
			    xmlStrcasecmp(a->name, X("action")) == 0 ||
			    xmlStrcasecmp(a->name, X("formaction")) == 0) {
				scheme_of((char *)v, scheme, sizeof(scheme));
				if (*scheme && strcmp(scheme, "http") &&
				    strcmp(scheme, "https") &&
				    strcmp(scheme, "mailto"))
					fault("unsafe URL", (char *)v);
				if (v[0] == '#' && v[1] != '\0') {
					frags->v = realloc(frags->v,
					    (frags->n + 1) * sizeof(char *));
					frags->v[frags->n++] =
					    strdup((char *)v + 1);
				}
			}
			if (xmlStrcmp(a->name, X("id")) == 0) {
				ids->v = realloc(ids->v,
				    (ids->n + 1) * sizeof(char *));
				ids->v[ids->n++] = strdup((char *)v);
			}
			xmlFree(v);
		}
		walk(n->children, ids, frags);
	}
}

static void
check(const char *path)
{
	struct ids ids = { NULL, 0 }, frags = { NULL, 0 };
	htmlDocPtr doc;
	size_t i;
	char *key;

	FILE *f;
	char *bytes = NULL;
	size_t len = 0, got;

	page = path;
	/* Read here: the entity loader that refuses all refuses files too. */
	if ((f = fopen(path, "rb")) == NULL) {
		fault("cannot open", NULL);
		return;
	}
	do {
		bytes = realloc(bytes, len + 65536);
		got = fread(bytes + len, 1, 65536, f);
		len += got;
	} while (got > 0);
	fclose(f);
	xmlSetStructuredErrorFunc(NULL, on_error);
	doc = htmlReadMemory(bytes, (int)len, path, "UTF-8",
	    HTML_PARSE_NONET | HTML_PARSE_NOIMPLIED);
	xmlSetStructuredErrorFunc(NULL, NULL);
	free(bytes);
	if (doc == NULL) {
		fault("cannot parse", NULL);
		return;
	}
	walk(xmlDocGetRootElement(doc), &ids, &frags);
	qsort(ids.v, ids.n, sizeof(char *), cmp);
	for (i = 1; i < ids.n; i++)
		if (strcmp(ids.v[i - 1], ids.v[i]) == 0)
			fault("duplicate id", ids.v[i]);
	for (i = 0; i < frags.n; i++) {
		key = frags.v[i];
		if (bsearch(&key, ids.v, ids.n, sizeof(char *), cmp) == NULL)
			fault("link to a missing anchor", key);
		free(key);
	}
	for (i = 0; i < ids.n; i++)
		free(ids.v[i]);
	free(ids.v);
	free(frags.v);
	xmlFreeDoc(doc);
}

int
main(int argc, char **argv)
{
	int i;

	xmlSetExternalEntityLoader(refuse);
	for (i = 1; i < argc; i++)
		check(argv[i]);
	xmlCleanupParser();
	return faults > 0;
}
