/*
 * Unit tests for search.c: a document's search.js holds one entry per
 * article, and its strings are JSON that is also a JavaScript literal:
 * quote, backslash, controls and U+2028 escaped, markup left as text.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "doc.h"
#include "search.h"
#include "tap.h"

static const char src[] =
    "---\nprovider: p\nprovider_name: P\ndocument: d\ntitle: T\n"
    "revision: 2024-01-01\n---\n\n"
    "## 第1条（定義）\n\n引用\"と\\\\と\xe2\x80\xa8と\tと<b>。\n\n"
    "## 第2条（適用）\n\n本規約は適用する。\n";

/* The escapes of a JSON string that is also a JavaScript literal, by byte. */
static void
js_want(char *out, const char *s)
{
	const unsigned char *u = (const unsigned char *)s;

	for (*out = '\0'; *u != '\0'; u++, out += strlen(out))
		if (*u == '"' || *u == '\\')
			sprintf(out, "\\%c", *u);
		else if (*u == '\n')
			strcpy(out, "\\n");
		else if (*u < 0x20)
			sprintf(out, "\\u%04x", *u);
		else if (u[0] == 0xe2 && u[1] == 0x80 && (u[2] == 0xa8 ||
		    u[2] == 0xa9)) {
			sprintf(out, "\\u%04x", 0x2000 + (u[2] & 0x3f));
			u += 2;
		} else
			sprintf(out, "%c", *u);
}

/*
 * The scan skips eight bytes at a time: each escaped byte, U+2028 and
 * U+2026 (E2 but no escape) at every offset of a word, among Japanese
 * text and among ASCII, comes out as js_want() says.
 */
static void
js_words(void)
{
	static const char *const fill[] = { "\xe7\xac\xac", "a b" };
	static const char *const spec[] = { "\"", "\\", "\n", "\x01",
	    "\x1f", "\xe2\x80\xa8", "\xe2\x80\xa6" };
	char in[64], want[256], *js;
	const char *name[1];
	size_t n, len, bad = 0;

	for (n = 0; n < 2 * 7 * 24; n++) {
		in[0] = '\0';
		while (strlen(in) < 40)
			strcat(in, fill[n % 2]);
		memcpy(in + n / 14, spec[n / 2 % 7], strlen(spec[n / 2 % 7]));
		strcpy(want, "var TERMC_SEARCH_DOCS = [\"");
		js_want(want + strlen(want), in);
		strcat(want, "\"];");
		name[0] = in;
		js = search_index(name, 1, &len);
		bad += strstr(js, want) == NULL;
		free(js);
	}
	tap(bad == 0, "escapes at every offset of a word");
}

int
main(void)
{
	struct diags d;
	struct doc *doc;
	struct buf out;
	size_t len;
	char *js, *s;

	js_words();
	diags_init(&d);
	doc = doc_load_mem("p/d/2024-01-01.md", src, sizeof(src) - 1, &d);
	if (!tap(doc != NULL, "document loads"))
		return 1;
	buf_init(&out);
	buf_puts(&out, "kept/");
	search_document(doc, "p/d/2024-01-01.html", &out);
	tap(strncmp(out.data, "kept/", 5) == 0 && strlen(out.data) == out.len,
	    "appended to the buffer given");
	js = out.data + 5;
	tap(strstr(js, "TERMC_SEARCH = TERMC_SEARCH.concat([{") != NULL,
	    "entries added to TERMC_SEARCH");
	tap(strstr(js, "\"u\":\"p/d/2024-01-01.html#a1\",\"l\":\"第1条（定義）\"")
	    != NULL && strstr(js, "#a2\"") != NULL, "one entry per article");
	s = strstr(js, "\"x\":\"引用");
	tap(s != NULL && strncmp(s, "\"x\":\"引用\\\"と\\\\と\\u2028と\\u0009と<b>。\"",
	    strlen("\"x\":\"引用\\\"と\\\\と\\u2028と\\u0009と<b>。\"")) == 0,
	    "quote, backslash, U+2028 and tab escaped; markup kept as text");
	buf_release(&out);
	js = search_index((const char *const[]){ "a/b/search.js",
	    "c\"d/search.js" }, 2, &len);
	tap(strstr(js, "var TERMC_SEARCH_DOCS = [\"a/b/search.js\","
	    "\"c\\\"d/search.js\"];") != NULL, "the list of documents' scripts");
	free(js);
	doc_free(doc);
	diags_release(&d);
	return tap_failed ? 1 : 0;
}
