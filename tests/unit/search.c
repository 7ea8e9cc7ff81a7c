/*
 * Unit tests for search.c: a document's search.js holds one entry per
 * article, and its strings are JSON that is also a JavaScript literal:
 * quote, backslash, controls and U+2028 escaped, markup left as text.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "doc.h"
#include "search.h"
#include "tap.h"

static const char src[] =
    "---\nprovider: p\nprovider_name: P\ndocument: d\ntitle: T\n"
    "revision: 2024-01-01\n---\n\n"
    "## 第1条（定義）\n\n引用\"と\\\\と\xe2\x80\xa8と\tと<b>。\n\n"
    "## 第2条（適用）\n\n本規約は適用する。\n";

int
main(void)
{
	struct diags d;
	struct doc *doc;
	size_t len;
	char *js, *s;

	diags_init(&d);
	doc = doc_load_mem("p/d/2024-01-01.md", src, sizeof(src) - 1, &d);
	if (!tap(doc != NULL, "document loads"))
		return 1;
	js = search_document(doc, "p/d/2024-01-01.html", &len);
	tap(strlen(js) == len, "length");
	tap(strstr(js, "TERMC_SEARCH = TERMC_SEARCH.concat([{") != NULL,
	    "entries added to TERMC_SEARCH");
	tap(strstr(js, "\"u\":\"p/d/2024-01-01.html#a1\",\"l\":\"第1条（定義）\"")
	    != NULL && strstr(js, "#a2\"") != NULL, "one entry per article");
	s = strstr(js, "\"x\":\"引用");
	tap(s != NULL && strncmp(s, "\"x\":\"引用\\\"と\\\\と\\u2028と\\u0009と<b>。\"",
	    strlen("\"x\":\"引用\\\"と\\\\と\\u2028と\\u0009と<b>。\"")) == 0,
	    "quote, backslash, U+2028 and tab escaped; markup kept as text");
	free(js);
	js = search_index((const char *const[]){ "a/b/search.js",
	    "c\"d/search.js" }, 2, &len);
	tap(strstr(js, "var TERMC_SEARCH_DOCS = [\"a/b/search.js\","
	    "\"c\\\"d/search.js\"];") != NULL, "the list of documents' scripts");
	free(js);
	doc_free(doc);
	diags_release(&d);
	return tap_failed ? 1 : 0;
}
