/*
 * docstat: what `make eval` needs to know of one terms file, read through
 * the library as termc reads it.
 *
 *   docstat TERMS.md [SOURCE [DROPPED]]
 *
 * Prints, one record a line, tab-separated:
 *   status	ok | refused		(refused: no tree, or an error)
 *   article	NUM	LABEL	CAPTION	(every article, document order)
 *   warning	CODE			(every warning, termc check's included)
 *   letters	SOURCE	TREE	LOST	LOST_BUT_DIGITS
 * LETTERS counts letters and digits (Unicode L* and N*): SOURCE those of
 * the text a reader sees in SOURCE (a plain text that was imported, or a
 * Markdown file rendered as plain text by cmark-gfm, so that link targets
 * and markup do not count) or, without SOURCE, of TERMS.md after its
 * front matter; TREE those of every label, caption, text and table cell
 * of the tree and of the title, provider name and history (notes, and
 * dates as 2019年10月1日); LOST
 * those of the source that the tree lacks, compared as multisets of
 * characters (so moves do not count, losses do).  DROPPED holds the lines
 * termc import said it dropped (--verbose): accounted for, not lost.
 * LOST_BUT_DIGITS leaves out ASCII digits: Markdown shows list numbers
 * anew (1. 1. 1. reads 1. 2. 3.), which no tree holds as written.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmark-gfm.h>
#include <utf8proc.h>

#include "check.h"
#include "clause.h"
#include "diag.h"
#include "doc.h"

#define NCP	0x110000

static int
is_letter(int32_t cp)
{
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_ND:
	case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
		return 1;
	default:
		return 0;
	}
}

/* Add (sign +1) or take (-1) the letters of s[0..len) to hist. */
static long
count(int32_t *hist, const char *s, size_t len, int sign)
{
	utf8proc_ssize_t k;
	int32_t cp;
	long n = 0;

	if (s == NULL)
		return 0;
	while (len > 0) {
		k = utf8proc_iterate((const uint8_t *)s, (utf8proc_ssize_t)len,
		    &cp);
		if (k <= 0) {
			k = 1;
			cp = -1;
		}
		if (cp >= 0 && is_letter(cp)) {
			hist[cp] += sign;
			n++;
		}
		s += k;
		len -= (size_t)k;
	}
	return n;
}

static long
counts(int32_t *hist, const char *s, int sign)
{
	return s == NULL ? 0 : count(hist, s, strlen(s), sign);
}

/*
 * Take the letters of a history date (YYYY-MM-DD) as a source writes
 * it, 2019年10月1日: import moved the line into the history, where the
 * date is kept in ISO form.
 */
static long
date_letters(int32_t *hist, const char *date)
{
	char w[64];
	int y, m, d;

	if (date == NULL || sscanf(date, "%d-%d-%d", &y, &m, &d) != 3)
		return 0;
	snprintf(w, sizeof(w), "%d年%d月%d日", y, m, d);
	return counts(hist, w, -1);
}

static char *
slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *b = NULL;
	size_t cap = 0, n = 0, r;

	if (fp == NULL)
		return NULL;
	do {
		if (n + 65536 > cap) {
			cap = cap ? cap * 2 : 1 << 20;
			b = realloc(b, cap + 1);
			if (b == NULL)
				abort();
		}
		r = fread(b + n, 1, 65536, fp);
		n += r;
	} while (r > 0);
	fclose(fp);
	b[n] = '\0';
	*len = n;
	return b;
}

/* The body of a terms file: what follows its closing front matter line. */
static const char *
body_of(const char *b, size_t *len)
{
	const char *p;

	if (strncmp(b, "---\n", 4) != 0)
		return b;
	p = strstr(b + 4, "\n---\n");
	if (p == NULL)
		return b;
	p += 5;
	*len -= (size_t)(p - b);
	return p;
}

int
main(int argc, char **argv)
{
	struct diags d;
	struct doc *doc;
	struct node *n;
	int32_t *hist;
	const char *body, *path;
	char *src, *plain, *dropped;
	size_t dlen;
	size_t i, j, len;
	long nsrc, ntree = 0, lost = 0, lostnd = 0;
	int refused;

	if (argc < 2 || argc > 4) {
		fputs("usage: docstat TERMS.md [SOURCE [DROPPED]]\n", stderr);
		return 2;
	}
	diags_init(&d);
	doc = doc_load(argv[1], 1, &d);
	refused = doc == NULL || diags_exit(&d, 0) != 0;
	if (doc != NULL)
		check_doc(doc, &d);	/* what termc check reports too */
	printf("status\t%s\n", refused ? "refused" : "ok");
	for (i = 0; i < d.n; i++)
		if (diag_level(d.v[i].code) == DL_WARNING)
			printf("warning\t%s\n", diag_name(d.v[i].code));
	if (doc == NULL) {
		diags_release(&d);
		return 0;
	}
	hist = calloc(NCP, sizeof(*hist));
	src = slurp(argc >= 3 ? argv[2] : argv[1], &len);
	if (hist == NULL || src == NULL) {
		perror("docstat");
		return 2;
	}
	body = argc >= 3 ? src : body_of(src, &len);
	plain = NULL;
	path = argc >= 3 ? argv[2] : argv[1];
	if (strlen(path) > 3 && strcmp(path + strlen(path) - 3, ".md") == 0) {
		cmark_node *md = cmark_parse_document(body, len,
		    CMARK_OPT_DEFAULT), *x;
		cmark_iter *it;
		cmark_event_type ev;

		/*
		 * A list's numbers are structure, not text, and the plain
		 * renderer numbers a list anew (1. 1. 1. → 1. 2. 3.): render
		 * lists as bullets, whose marks are no letters.
		 */
		it = cmark_iter_new(md);
		while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
			x = cmark_iter_get_node(it);
			if (ev == CMARK_EVENT_ENTER &&
			    cmark_node_get_type(x) == CMARK_NODE_LIST)
				cmark_node_set_list_type(x, CMARK_BULLET_LIST);
		}
		cmark_iter_free(it);
		plain = cmark_render_plaintext(md, CMARK_OPT_DEFAULT, 0);
		cmark_node_free(md);
		body = plain;
		len = strlen(plain);
	}
	nsrc = count(hist, body, len, +1);
	free(plain);
	if (argc == 4 && (dropped = slurp(argv[3], &dlen)) != NULL) {
		count(hist, dropped, dlen, -1);
		free(dropped);
	}
	ntree += counts(hist, doc->meta.title, -1);
	ntree += counts(hist, doc->meta.provider_name, -1);
	ntree += counts(hist, doc->meta.document_number, -1);
	for (i = 0; i < doc->meta.nhistory; i++) {
		ntree += counts(hist, doc->meta.history[i].note, -1);
		ntree += date_letters(hist, doc->meta.history[i].date);
	}
	for (n = doc->root; n != NULL; n = node_next(n, doc->root)) {
		if (n->type == N_ARTICLE)
			printf("article\t%s\t%s\t%s\n", n->num ? n->num : "",
			    n->label ? n->label : "",
			    n->caption ? n->caption : "");
		ntree += counts(hist, n->label, -1);
		ntree += counts(hist, n->caption, -1);
		ntree += counts(hist, n->text, -1);
		if (n->table != NULL)
			for (j = 0; j < n->table->nrows * n->table->ncols; j++)
				ntree += counts(hist, n->table->cells[j], -1);
	}
	for (i = 0; i < NCP; i++)
		if (hist[i] > 0) {
			lost += hist[i];
			if (i < '0' || i > '9')
				lostnd += hist[i];
			if (getenv("DOCSTAT_LOST") != NULL)
				printf("lost\tU+%04zX\t%d\n", i, (int)hist[i]);
		}
	printf("letters\t%ld\t%ld\t%ld\t%ld\n", nsrc, ntree, lost, lostnd);
	free(hist);
	free(src);
	doc_free(doc);
	diags_release(&d);
	return 0;
}
