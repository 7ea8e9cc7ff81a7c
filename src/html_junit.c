/*
 * JUnit XML reports of diagnostics (report.h), built as a libxml2 tree and
 * serialized: never by string concatenation, so any message text is
 * escaped.  Part of the libxml2 layer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "buf.h"
#include "diag.h"
#include "htmlkit.h"
#include "report.h"
#include "xalloc.h"

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

/* One suite for path: every finding recorded on it. */
static void
suite(xmlNodePtr root, const struct diags *d, const char *path, int strict,
    size_t *tot, size_t *totfail)
{
	xmlNodePtr s, tc, f;
	struct buf name, msg;
	size_t i, n = 0, nfail = 0;
	const struct diag *x;

	s = xmlNewChild(root, NULL, X("testsuite"), NULL);
	xmlSetProp(s, X("name"), X(path));
	for (i = 0; i < d->n; i++) {
		x = &d->v[i];
		if (strcmp(x->path, path) != 0)
			continue;
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
	size_t i, j, tot = 0, totfail = 0;
	int len = 0;
	char *r;

	doc = xmlNewDoc(X("1.0"));
	root = xmlNewNode(NULL, X("testsuites"));
	xmlDocSetRootElement(doc, root);
	xmlSetProp(root, X("name"), X("termc check"));
	for (i = 0; i < nfiles; i++)
		suite(root, d, files[i], strict, &tot, &totfail);
	/* Findings on paths not among files (directories, I/O): own suites. */
	for (i = 0; i < d->n; i++) {
		for (j = 0; j < nfiles; j++)
			if (strcmp(files[j], d->v[i].path) == 0)
				break;
		if (j < nfiles)
			continue;
		for (j = 0; j < i; j++)
			if (strcmp(d->v[j].path, d->v[i].path) == 0)
				break;
		if (j == i)
			suite(root, d, d->v[i].path, strict, &tot, &totfail);
	}
	set_count(root, "tests", tot);
	set_count(root, "failures", totfail);
	xmlDocDumpFormatMemoryEnc(doc, &out, &len, "UTF-8", 1);
	xmlFreeDoc(doc);
	r = xstrndup(out ? (const char *)out : "", out ? (size_t)len : 0);
	xmlFree(out);
	return r;
}
