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
 *
 * A matrix page's data script, matrix-K.js (TERMC_MATRIX[K] = [[name,
 * th, [td, …]], …]), holds cells of markup that matrix.js puts into a
 * page: each th and td is parsed as a table cell and checked the same
 * way, ids and anchors aside (they belong to the page that shows them).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
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

/* The whole file at path, or NULL (a fault said). */
static char *
slurp(const char *path, size_t *len)
{
	FILE *f;
	char *bytes = NULL;
	size_t got;

	/* Read here: the entity loader that refuses all refuses files too. */
	*len = 0;
	if ((f = fopen(path, "rb")) == NULL) {
		fault("cannot open", NULL);
		return NULL;
	}
	do {
		bytes = realloc(bytes, *len + 65536);
		got = fread(bytes + *len, 1, 65536, f);
		*len += got;
	} while (got > 0);
	fclose(f);
	return bytes;
}

static htmlDocPtr
parse(const char *bytes, size_t len)
{
	htmlDocPtr doc;

	xmlSetStructuredErrorFunc(NULL, on_error);
	doc = htmlReadMemory(bytes, (int)len, page, "UTF-8",
	    HTML_PARSE_NONET | HTML_PARSE_NOIMPLIED);
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (doc == NULL)
		fault("cannot parse", NULL);
	return doc;
}

static void
free_ids(struct ids *ids)
{
	size_t i;

	for (i = 0; i < ids->n; i++)
		free(ids->v[i]);
	free(ids->v);
}

static void
check_page(const char *bytes, size_t len)
{
	struct ids ids = { NULL, 0 }, frags = { NULL, 0 };
	htmlDocPtr doc;
	size_t i;
	char *key;

	if ((doc = parse(bytes, len)) == NULL)
		return;
	walk(xmlDocGetRootElement(doc), &ids, &frags);
	qsort(ids.v, ids.n, sizeof(char *), cmp);
	for (i = 1; i < ids.n; i++)
		if (strcmp(ids.v[i - 1], ids.v[i]) == 0)
			fault("duplicate id", ids.v[i]);
	for (i = 0; i < frags.n; i++) {
		key = frags.v[i];
		if (bsearch(&key, ids.v, ids.n, sizeof(char *), cmp) == NULL)
			fault("link to a missing anchor", key);
	}
	free_ids(&ids);
	free_ids(&frags);
	xmlFreeDoc(doc);
}

/* One th or td of matrix-K.js, parsed in a row of a table. */
static void
check_cell(const json_t *cell)
{
	struct ids ids = { NULL, 0 }, frags = { NULL, 0 };
	const char *markup = json_string_value(cell);
	htmlDocPtr doc;
	char *row;
	size_t len;

	if (markup == NULL) {
		fault("cell is not a string", NULL);
		return;
	}
	len = strlen(markup) + 64;
	row = malloc(len);
	len = (size_t)snprintf(row, len,
	    "<html><body><table><tr>%s</tr></table></body></html>", markup);
	if ((doc = parse(row, len)) != NULL) {
		walk(xmlDocGetRootElement(doc), &ids, &frags);
		xmlFreeDoc(doc);
	}
	free_ids(&ids);
	free_ids(&frags);
	free(row);
}

static void
check_matrix_js(const char *bytes)
{
	const char *eq = strstr(bytes, "] = [");
	json_error_t err;
	json_t *cols, *col, *cell;
	size_t i, j;

	if (strstr(bytes, "TERMC_MATRIX[") == NULL || eq == NULL) {
		fault("not a matrix page's data", NULL);
		return;
	}
	cols = json_loads(eq + 4, JSON_DISABLE_EOF_CHECK, &err);
	if (!json_is_array(cols)) {
		fault("data does not parse", err.text);
		json_decref(cols);
		return;
	}
	json_array_foreach(cols, i, col) {
		if (!json_is_array(col) || json_array_size(col) != 3 ||
		    !json_is_array(json_array_get(col, 2))) {
			fault("column is not [name, th, [td, …]]", NULL);
			continue;
		}
		check_cell(json_array_get(col, 1));
		json_array_foreach(json_array_get(col, 2), j, cell)
			check_cell(cell);
	}
	json_decref(cols);
}

static void
check(const char *path)
{
	size_t len;
	char *bytes;

	page = path;
	if ((bytes = slurp(path, &len)) == NULL)
		return;
	if (len > 3 && strcmp(path + strlen(path) - 3, ".js") == 0) {
		bytes = realloc(bytes, len + 1);
		bytes[len] = '\0';
		check_matrix_js(bytes);
	} else
		check_page(bytes, len);
	free(bytes);
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
