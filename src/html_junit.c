/*
 * JUnit XML reports of diagnostics (report.h), built as a libxml2 tree and
 * serialized: never by string concatenation, so any message text is
 * escaped.  Part of the libxml2 layer.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "buf.h"
#include "diag.h"
#include "hmap.h"
#include "report.h"
#include "xalloc.h"

#define X(s)	((const xmlChar *)(s))

static void
set_count(xmlNodePtr n, const char *attr, size_t v)
{
	char num[32];

	snprintf(num, sizeof(num), "%zu", v);
	xmlSetProp(n, X(attr), X(num));
}

static int
fails(const struct diag *x, int strict)
{
	enum dlevel l = diag_level(x->code);

	return l >= DL_ERROR || (strict && l >= DL_WARNING);
}

/*
 * One suite for path: its findings, chained from first (index + 1; 0 ends
 * the chain) through next[].
 */
static void
suite(xmlNodePtr root, const struct diags *d, const char *path,
    size_t first, const size_t *next, int strict, size_t *tot,
    size_t *totfail)
{
	xmlNodePtr s, tc, f;
	struct buf name, msg;
	size_t i, n = 0, nfail = 0;
	const struct diag *x;

	s = xmlNewChild(root, NULL, X("testsuite"), NULL);
	xmlSetProp(s, X("name"), X(path));
	for (i = first; i != 0; i = next[i - 1]) {
		x = &d->v[i - 1];
		n++;
		buf_init(&name);
		buf_init(&msg);
		buf_printf(&name, "%s:%d:%d [%s]", x->path, x->line, x->col,
		    diag_name(x->code));
		buf_printf(&msg, "%s: %s", diag_level_name(diag_level(x->code)),
		    diag_message(x->code));
		if (x->detail != NULL && *x->detail != '\0')
			buf_printf(&msg, ": %s", x->detail);
		tc = xmlNewChild(s, NULL, X("testcase"), NULL);
		xmlSetProp(tc, X("name"), X(name.data));
		xmlSetProp(tc, X("classname"), X(diag_name(x->code)));
		xmlSetProp(tc, X("file"), X(x->path));
		set_count(tc, "line", (size_t)(x->line > 0 ? x->line : 0));
		if (fails(x, strict)) {
			nfail++;
			f = xmlNewChild(tc, NULL, X("failure"), NULL);
			xmlSetProp(f, X("type"), X(diag_name(x->code)));
			xmlSetProp(f, X("message"), X(msg.data));
			xmlNodeAddContent(f, X(msg.data));
		} else
			xmlNewTextChild(tc, NULL, X("system-out"),
			    X(msg.data));
		buf_release(&name);
		buf_release(&msg);
	}
	if (n == 0) {
		tc = xmlNewChild(s, NULL, X("testcase"), NULL);
		xmlSetProp(tc, X("name"), X("check"));
		xmlSetProp(tc, X("classname"), X("termc"));
		xmlSetProp(tc, X("file"), X(path));
		n = 1;
	}
	set_count(s, "tests", n);
	set_count(s, "failures", nfail);
	set_count(s, "errors", 0);
	*tot += n;
	*totfail += nfail;
}

char *
report_junit(const struct diags *d, char *const *files, size_t nfiles,
    int strict)
{
	xmlDocPtr doc;
	xmlNodePtr root;
	xmlChar *out = NULL;
	struct hmap first, last, listed;
	size_t i, *next, tot = 0, totfail = 0;
	int len = 0;
	char *r;

	/* Chain each path's findings once: linear in files and findings. */
	hmap_init(&first);
	hmap_init(&last);
	hmap_init(&listed);
	next = xcalloc(d->n + 1, sizeof(*next));
	for (i = 0; i < d->n; i++) {
		const char *p = d->v[i].path;
		uintptr_t l = (uintptr_t)hmap_get(&last, p);

		if (l == 0)
			hmap_set(&first, p, (void *)(uintptr_t)(i + 1));
		else
			next[l - 1] = i + 1;
		hmap_set(&last, p, (void *)(uintptr_t)(i + 1));
	}
	for (i = 0; i < nfiles; i++)
		hmap_set(&listed, files[i], (void *)1);

	doc = xmlNewDoc(X("1.0"));
	root = xmlNewNode(NULL, X("testsuites"));
	xmlDocSetRootElement(doc, root);
	xmlSetProp(root, X("name"), X("termc check"));
	for (i = 0; i < nfiles; i++)
		suite(root, d, files[i], (uintptr_t)hmap_get(&first, files[i]),
		    next, strict, &tot, &totfail);
	/* Findings on paths not among files (directories, I/O): own suites. */
	for (i = 0; i < d->n; i++)
		if (hmap_get(&listed, d->v[i].path) == NULL &&
		    (uintptr_t)hmap_get(&first, d->v[i].path) == i + 1)
			suite(root, d, d->v[i].path, i + 1, next, strict, &tot,
			    &totfail);
	free(next);
	hmap_release(&first);
	hmap_release(&last);
	hmap_release(&listed);
	set_count(root, "tests", tot);
	set_count(root, "failures", totfail);
	xmlDocDumpFormatMemoryEnc(doc, &out, &len, "UTF-8", 1);
	xmlFreeDoc(doc);
	r = xstrndup(out ? (const char *)out : "", out ? (size_t)len : 0);
	xmlFree(out);
	return r;
}
