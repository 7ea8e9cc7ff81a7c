/*
 * Unit tests for doc.c's two reads of a build (doc_load_head(), then
 * doc_load_again()): a head that keeps its source makes the doc of the
 * bytes it read, with what reading them found reported once, whatever
 * the file holds by then; a head whose source was dropped reads the file
 * again.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clause.h"
#include "diag.h"
#include "doc.h"
#include "tap.h"

#define FRONT	"---\nprovider: p\nprovider_name: P\ndocument: d\n" \
		"title: T\nrevision: 2024-01-01\n---\n\n## 第1条（適用）\n\n"

static void
put(const char *path, const char *body)
{
	FILE *f = fopen(path, "w");

	if (f == NULL || fputs(FRONT, f) == EOF || fputs(body, f) == EOF ||
	    fclose(f) == EOF) {
		perror(path);
		exit(1);
	}
}

/* The text of the first paragraph below the first article, or "". */
static const char *
first_text(const struct doc *doc)
{
	const struct node *n;

	for (n = doc->root; n != NULL; n = n->first)
		if (n->text != NULL)
			return n->text;
	return "";
}

/* How many of d's findings are code. */
static size_t
count(const struct diags *d, enum dcode code)
{
	size_t i, n = 0;

	for (i = 0; i < d->n; i++)
		n += d->v[i].code == code;
	return n;
}

int
main(void)
{
	char path[] = "/tmp/termc-unit-doc-XXXXXX";
	struct diags d;
	struct doc *head, *doc;
	int fd;

	if ((fd = mkstemp(path)) == -1) {
		tap(0, "mkstemp");
		return tap_done();
	}
	close(fd);

	/* A zero-width space in the bytes the head reads; none after. */
	put(path, "本約款は\xe2\x80\x8b当社に適用します。\n");
	diags_init(&d);
	head = doc_load_head(path, NULL, &d);
	tap(head != NULL && head->src != NULL, "head: keeps its source");
	tap(count(&d, D_CHAR_INVISIBLE) == 0,
	    "head: what reading found waits for the doc");
	put(path, "本約款は利用者に適用します。\n");
	doc = head != NULL ? doc_load_again(head, 0, &d) : NULL;
	if (tap(doc != NULL, "again: a doc")) {
		tap(strstr(first_text(doc), "当社") != NULL,
		    "again: of the bytes the head read");
		tap(memcmp(&doc->sum, &head->sum, sizeof(doc->sum)) == 0,
		    "again: their digest");
	}
	tap_long((long)count(&d, D_CHAR_INVISIBLE), 1,
	    "again: the zero-width space reported once");
	tap(head != NULL && head->src == NULL, "again: the source taken");
	doc_free(doc);
	doc_free(head);
	diags_release(&d);

	/* Dropped: the file is read again, as it is now. */
	diags_init(&d);
	head = doc_load_head(path, NULL, &d);
	if (head != NULL)
		doc_drop_source(head);
	put(path, "本約款は契約者に適用します。\n");
	doc = head != NULL ? doc_load_again(head, 0, &d) : NULL;
	tap(doc != NULL && strstr(first_text(doc), "契約者") != NULL,
	    "dropped: the file read again");
	doc_free(doc);
	doc_free(head);
	diags_release(&d);
	unlink(path);
	return tap_done();
}
