/*
 * Unit tests for html_matrix.c's pages: where a large matrix breaks into
 * pages (a provider's columns stay together unless they are more than a
 * page holds), and that html_matrix_write() streams each page (and the
 * pages' data for matrix.js) in pieces rather than handing it over whole,
 * one file per page.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "doc.h"
#include "html.h"
#include "matrix.h"
#include "tap.h"
#include "topics.h"
#include "xalloc.h"

/* A matrix of columns only, one per letter of provs: "aab" is a, a, b. */
static void
columns(struct matrix *m, struct doc *docs, const char *provs)
{
	size_t j;

	memset(m, 0, sizeof(*m));
	m->ncols = strlen(provs);
	m->cols = xcalloc(m->ncols + 1, sizeof(*m->cols));
	for (j = 0; j < m->ncols; j++) {
		struct meta *mt = &docs[j].meta;

		memset(&docs[j], 0, sizeof(docs[j]));
		mt->provider = xmalloc(2);
		mt->provider[0] = provs[j];
		mt->provider[1] = '\0';
		mt->provider_name = mt->provider;
		mt->document = xmalloc(24);
		snprintf(mt->document, 24, "d%zu", j);
		mt->title = mt->document;
		mt->revision = (char *)"2024-01-01";
		m->cols[j].doc = &docs[j];
		m->cols[j].name = xmalloc(32);
		snprintf(m->cols[j].name, 32, "%c/d%zu", provs[j], j);
	}
}

static void
release(struct matrix *m, struct doc *docs)
{
	size_t j;

	for (j = 0; j < m->ncols; j++) {
		free(docs[j].meta.provider);
		free(docs[j].meta.document);
		free(m->cols[j].name);
	}
	free(m->cols);
}

/* The page starts of provs at maxcols, as "0 2 5|7" (the end after |). */
static void
pages(const char *provs, size_t maxcols, const char *want)
{
	struct matrix m;
	struct doc docs[64];
	struct buf b, name;
	size_t *s, n, i;

	columns(&m, docs, provs);
	n = html_matrix_pages(&m, maxcols, &s);
	buf_init(&b);
	for (i = 0; i < n; i++)
		buf_printf(&b, "%s%zu", i ? " " : "", s[i]);
	buf_printf(&b, "|%zu", s[n]);
	buf_init(&name);
	buf_printf(&name, "pages of %s at %zu", provs, maxcols);
	tap_str(b.data, want, name.data);
	buf_release(&name);
	buf_release(&b);
	free(s);
	release(&m, docs);
}

/* A sink that counts files and pieces and keeps the largest piece. */
struct count {
	size_t	files, pieces, largest, bytes;
	struct buf names;
};

static int
c_open(void *arg, const char *name, size_t no)
{
	struct count *c = arg;

	c->files++;
	buf_printf(&c->names, "%s:%zu ", name, no);
	return 0;
}

static int
c_put(void *arg, const char *s, size_t len)
{
	struct count *c = arg;

	(void)s;
	c->pieces++;
	c->bytes += len;
	if (len > c->largest)
		c->largest = len;
	return 0;
}

static int
c_close(void *arg, int rc)
{
	(void)arg;
	return rc;
}

int
main(void)
{
	struct matrix m;
	struct doc docs[64];
	struct count c;
	struct page_sink ps = { c_open, c_put, c_close, &c };
	struct diags d;
	char provs[61];

	pages("abc", 5, "0|3");
	pages("abc", 3, "0|3");
	pages("abcd", 3, "0 3|4");
	/* b's two columns do not fit after a's two: b starts a page. */
	pages("aabbc", 3, "0 2|5");
	/* A provider of more columns than a page fills pages of its own. */
	pages("abbbbbc", 2, "0 1 3 5|7");
	pages("aaaaa", 2, "0 2 4|5");
	pages("", 3, "0|0");

	/*
	 * 60 columns of 400 topics, 20 columns a page: the index and three
	 * pages of some 400 KB, each handed over in pieces of about 64 KB
	 * (whole rows), none whole.
	 */
	for (size_t j = 0; j < 60; j++)
		provs[j] = (char)('a' + j % 26);
	provs[60] = '\0';
	columns(&m, docs, provs);
	struct topic topic = { .id = (char *)"t", .ja = (char *)"項目",
	    .en = (char *)"Topic", .vtype = VT_PRESENCE };
	m.nrows = 400;
	m.rows = xcalloc(m.nrows, sizeof(*m.rows));
	for (size_t i = 0; i < m.nrows; i++) {
		m.rows[i].topic = &topic;
		m.rows[i].cells = xcalloc(m.ncols, sizeof(struct cell));
	}
	memset(&c, 0, sizeof(c));
	buf_init(&c.names);
	diags_init(&d);
	tap(html_matrix_write(NULL, &m, 20, 1, NULL, &ps, &d) == 0,
	    "pages written");
	tap_str(c.names.data, "matrix.html:0 matrix-cols.js:0 "
	    "matrix-1.html:1 matrix-1.js:1 matrix-2.html:2 matrix-2.js:2 "
	    "matrix-3.html:3 matrix-3.js:3 ",
	    "the index and each page, each with its data, by number");
	tap(c.bytes > 6 * 300000 && c.pieces >= 6 * 5,
	    "pages handed over in pieces");
	tap(c.largest < 70000, "no piece much over 64 KB");
	/* A build that has pages 1 and 3 already asks for the others. */
	buf_reset(&c.names);
	tap(html_matrix_write(NULL, &m, 20, 1,
	    (const unsigned char *)"\1\0\1\0", &ps, &d) == 0 &&
	    strcmp(c.names.data, "matrix.html:0 matrix-cols.js:0 "
	    "matrix-2.html:2 matrix-2.js:2 ") == 0, "only the pages wanted");
	c.files = c.pieces = c.largest = c.bytes = 0;
	buf_reset(&c.names);
	tap(html_matrix_write(NULL, &m, 60, 1, NULL, &ps, &d) == 0 &&
	    c.files == 1,
	    "as many columns as a page holds: one page");
	tap_str(c.names.data, "matrix.html:0 ", "the one page is matrix.html");
	tap(c.pieces > 10 && c.largest < 70000, "the one page in pieces too");
	for (size_t i = 0; i < m.nrows; i++)
		free(m.rows[i].cells);
	free(m.rows);
	buf_release(&c.names);
	diags_release(&d);
	release(&m, docs);
	return tap_failed != 0;
}
