/*
 * Loading documents: source → front matter → Markdown → clause tree, then
 * the check that the front matter agrees with the file's path.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "clause.h"
#include "diag.h"
#include "doc.h"
#include "md.h"
#include "meta.h"
#include "par.h"
#include "recog.h"
#include "source.h"
#include "text.h"
#include "xalloc.h"
#include "xref.h"

/*
 * For a path ending in <provider>/<document>/<YYYY-MM-DD>.md, the three
 * fields must agree with it.  Other paths (fixtures) are not checked.
 */
static void
check_path(const struct doc *doc, struct diags *d)
{
	const char *p = doc->path, *seg[3] = { NULL, NULL, NULL };
	size_t len[3] = { 0, 0, 0 }, n = strlen(p);
	const char *end = p + n, *q;
	char date[11];
	int k;

	if (n < 13 || strcmp(end - 3, ".md") != 0)
		return;
	end -= 3;
	for (k = 2; k >= 0; k--) {
		for (q = end; q > p && q[-1] != '/'; q--)
			;
		seg[k] = q;
		len[k] = (size_t)(end - q);
		if (q == p && k > 0)
			return;
		end = q - 1;
	}
	if (len[2] != 10)
		return;
	memcpy(date, seg[2], 10);
	date[10] = '\0';
	if (!is_date(date))
		return;
	if (strlen(doc->meta.provider) != len[0] ||
	    strncmp(doc->meta.provider, seg[0], len[0]) != 0)
		diag(d, doc->path, doc->meta.provider_line,
		    doc->meta.provider_col, D_FM_PATH, "provider %s, folder %.*s",
		    doc->meta.provider, (int)len[0], seg[0]);
	if (strlen(doc->meta.document) != len[1] ||
	    strncmp(doc->meta.document, seg[1], len[1]) != 0)
		diag(d, doc->path, doc->meta.document_line,
		    doc->meta.document_col, D_FM_PATH, "document %s, folder %.*s",
		    doc->meta.document, (int)len[1], seg[1]);
	if (strcmp(doc->meta.revision, date) != 0)
		diag(d, doc->path, doc->meta.revision_line,
		    doc->meta.revision_col, D_FM_PATH,
		    "revision %s, file name %s", doc->meta.revision, date);
}

/* ---- revision history ---- */

/* Add date and note (both copied) to doc's history, line as given. */
static void
history_add(struct doc *doc, const char *date, const char *note, int line)
{
	struct history *h;

	doc->history = xgrow(doc->history, doc->nhistory,
	    sizeof(*doc->history));
	h = &doc->history[doc->nhistory++];
	h->date = xstrdup(date);
	h->note = xstrdup(note != NULL ? note : "");
	h->line = line;
}

/*
 * Is an entry of date and note from the body there already?  The front
 * matter's entry of that date (its note is the author's reading of the
 * same line), or an entry of the body with that date and note.
 */
static int
history_has(const struct doc *doc, size_t nfront, const char *date,
    const char *note)
{
	size_t i;

	for (i = 0; i < doc->nhistory; i++)
		if (strcmp(doc->history[i].date, date) == 0 &&
		    (i < nfront || strcmp(doc->history[i].note, note) == 0))
			return 1;
	return 0;
}

/*
 * Can the line s[0..len) hold a date as recog_date() or recog.c's English
 * dates read one?  The former needs 年 after its year, the latter a year
 * of four ASCII digits (2024-03-01 starts with one): a line with neither
 * states no history entry and is no date alone, so most lines of a body
 * are passed over on this test without being copied or parsed.  年 is
 * looked for by memchr() (text_memfind()); digits only where there is
 * ASCII, eight bytes a step passed over while there is none.
 */
static int
may_hold_date(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, run = 0;

	if (text_memfind(s, len, "年", strlen("年")) != NULL)
		return 1;
	while (i < len) {
		if (len - i >= 8 && !word_has_below(word8_at(u + i), 0x80)) {
			run = 0;
			i += 8;
			continue;
		}
		if (u[i] >= '0' && u[i] <= '9') {
			if (++run == 4)
				return 1;
		} else
			run = 0;
		i++;
	}
	return 0;
}

/*
 * The history lines of one text (its lines split at \n): a line that
 * states an entry, or a history word alone (（改定）) with its date alone
 * on the next line.  Only a line that may hold a date (may_hold_date())
 * is read further; the line before it is asked for its word then.
 */
static void
history_text(struct doc *doc, size_t nfront, const char *text, int line)
{
	struct rhistory h;
	const char *s, *e, *prev = NULL;
	char *cur, *before, *word, date[11];
	size_t used, prevlen = 0;

	for (s = text; *s != '\0'; s = *e ? e + 1 : e) {
		e = strchr(s, '\n');
		if (e == NULL)
			e = s + strlen(s);
		if (may_hold_date(s, (size_t)(e - s))) {
			cur = text_trim(s, (size_t)(e - s));
			if (recog_history_entry(cur, &h)) {
				if (!history_has(doc, nfront, h.date, h.note))
					history_add(doc, h.date, h.note, line);
				free(h.note);
			} else if (prev != NULL && recog_date(cur, date,
			    &used) && cur[used + text_skip_spaces(cur +
			    used)] == '\0') {
				before = text_trim(prev, prevlen);
				word = recog_history_word(before);
				free(before);
				if (word != NULL &&
				    !history_has(doc, nfront, date, word))
					history_add(doc, date, word, line);
				free(word);
			}
			free(cur);
		}
		prev = s;
		prevlen = (size_t)(e - s);
		line++;
	}
}

static int
history_cmp(const void *a, const void *b)
{
	const struct history *x = a, *y = b;
	int c = strcmp(x->date, y->date);

	/* Stable: equal dates keep the order they came in (line, then
	 * front matter first, whose lines come first). */
	return c != 0 ? c : (x->line > y->line) - (x->line < y->line);
}

/*
 * doc->history: the front matter's entries, then every history line of
 * the body that they lack, by date.  The body keeps its text: a history
 * line stays where it stands in the tree.
 */
static void
doc_history(struct doc *doc)
{
	const struct meta *m = &doc->meta;
	struct iter it;
	enum iter_event ev;
	struct node *n;
	size_t i, nfront;

	for (i = 0; i < m->nhistory; i++)
		history_add(doc, m->history[i].date, m->history[i].note,
		    m->history[i].line);
	nfront = doc->nhistory;
	iter_init(&it, doc->root);
	while ((ev = iter_next(&it)) != ITER_DONE) {
		n = it.cur;
		if (ev != ITER_ENTER)
			continue;
		if (n->type == N_PARAGRAPH && n->text != NULL)
			history_text(doc, nfront, n->text, n->line);
		else if (n->type == N_DIVISION && n->caption != NULL)
			history_text(doc, nfront, n->caption, n->line);
	}
	if (doc->nhistory > nfront)
		qsort(doc->history, doc->nhistory, sizeof(*doc->history),
		    history_cmp);
}

/* doc_history() as xref_resolve_par() runs it beside the references. */
static void
history_beside(void *doc)
{
	doc_history(doc);
}

/*
 * The doc of src, its front matter taken from head when head (may be
 * NULL) read the same bytes and still holds its warnings (doc_load_again()).
 * threads: a long body may be worked on two threads (md_parse()).
 */
static struct doc *
doc_from_source(struct source *src, int xrefs, struct doc *head,
    int threads, struct diags *d)
{
	struct doc *doc = xcalloc(1, sizeof(*doc));

	doc->path = xstrdup(src->path);
	doc->sum = src->sum;
	doc->bytes = src->len;
	if (head != NULL && head->fmd != NULL &&
	    memcmp(&head->sum, &src->sum, sizeof(src->sum)) == 0) {
		meta_copy(&doc->meta, &head->meta);
		diags_move(d, head->fmd);
		free(head->fmd);
		head->fmd = NULL;
	} else if (meta_parse(&doc->meta, src, d) == -1) {
		source_release(src);
		free(doc->path);
		free(doc);
		return NULL;
	}
	check_path(doc, d);
	doc->root = md_parse(src, &doc->meta, threads, d);
	if (doc->root == NULL) {
		source_release(src);
		doc_free(doc);
		return NULL;
	}
	if (doc->root->first == NULL)
		diag(d, doc->path, 0, 0, D_EMPTY_DOC, NULL);
	/*
	 * Without references the doc is termc diff's, which compares clause
	 * text and reads only the front matter's history (declared.c): the
	 * body's history lines were 14% of a diff's instructions.
	 * References are resolved while the body is at hand for columns; a
	 * long body's history lines are read on a second thread meanwhile,
	 * and then the references of its second half.  The two read the
	 * tree apart: doc_history() reads the nodes' text and captions and
	 * writes doc->history; the references write the spans and
	 * doc->xrefs.
	 */
	if (xrefs) {
		doc->xrefs = xcalloc(1, sizeof(*doc->xrefs));
		if (threads && src->len >= PAR_MIN)
			xref_resolve_par(doc->root, doc->meta.title, src,
			    doc->xrefs, history_beside, doc);
		else {
			doc_history(doc);
			xref_resolve(doc->root, doc->meta.title, src,
			    doc->xrefs);
		}
	}
	source_release(src);
	return doc;
}

static struct doc *
doc_read(const char *path, int xrefs, struct doc *head, int threads,
    struct diags *d)
{
	struct source src;

	if (head != NULL && head->src != NULL) {
		src = *head->src;
		free(head->src);
		head->src = NULL;
		diags_move(d, head->srcd);
		free(head->srcd);
		head->srcd = NULL;
		source_index_lines(&src);
		return doc_from_source(&src, xrefs, head, threads, d);
	}
	/* Without references, a doc is termc diff's: no cache keys it. */
	if ((head != NULL && head->plain ?
	    source_read_plain(&src, path, &head->sum, d) :
	    source_read(&src, path, 0, xrefs ? 0 : SOURCE_NO_DIGEST,
	    d)) == -1)
		return NULL;
	return doc_from_source(&src, xrefs, head, threads, d);
}

struct doc *
doc_load(const char *path, int threads, struct diags *d)
{
	return doc_read(path, 1, NULL, threads, d);
}

struct doc *
doc_load_text(const char *path, struct diags *d)
{
	return doc_read(path, 0, NULL, 0, d);
}

struct doc *
doc_load_mem(const char *path, const char *bytes, size_t len, struct diags *d)
{
	struct source src;

	if (source_load(&src, path, bytes, len, 0, d) == -1)
		return NULL;
	return doc_from_source(&src, 1, NULL, 0, d);
}

struct doc *
doc_load_again(struct doc *head, int threads, struct diags *d)
{
	return doc_read(head->path, 1, head, threads, d);
}

struct doc *
doc_load_head(const char *path, const struct head_memo *memo,
    struct diags *d)
{
	struct source src;
	struct diags sd;
	struct doc *doc;
	struct stamp st;

	/* Taken before the bytes are read: a change after them shows. */
	memset(&st, 0, sizeof(st));
	if (memo != NULL && memo->unchanged != NULL &&
	    stamp_take(&st, path) == 0) {
		doc = xcalloc(1, sizeof(*doc));
		doc->fmd = xmalloc(sizeof(*doc->fmd));
		diags_init(doc->fmd);
		if (memo->unchanged(memo->arg, path, &st, &doc->sum,
		    &doc->plain, &doc->meta, doc->fmd) == 0) {
			doc->path = xstrdup(path);
			doc->stamp = st;
			return doc;
		}
		free(doc->fmd);
		free(doc);
	}
	diags_init(&sd);
	if (source_read(&src, path, 0, SOURCE_NO_LINES, &sd) == -1) {
		diags_move(d, &sd);
		return NULL;
	}
	doc = xcalloc(1, sizeof(*doc));
	doc->path = xstrdup(src.path);
	doc->sum = src.sum;
	doc->plain = src.plain;
	doc->stamp = st;
	doc->fmd = xmalloc(sizeof(*doc->fmd));
	diags_init(doc->fmd);
	if ((memo == NULL || memo->get(memo->arg, doc->path, &doc->sum,
	    &doc->meta, doc->fmd) == -1) &&
	    meta_parse(&doc->meta, &src, doc->fmd) == -1) {
		diags_move(d, &sd);
		diags_move(d, doc->fmd);
		free(doc->fmd);
		free(doc->path);
		free(doc);
		source_release(&src);
		return NULL;
	}
	doc->src = xmalloc(sizeof(*doc->src));
	*doc->src = src;
	doc->srcd = xmalloc(sizeof(*doc->srcd));
	diags_init(doc->srcd);
	diags_move(doc->srcd, &sd);
	return doc;
}

void
doc_drop_source(struct doc *doc)
{
	if (doc->src != NULL) {
		source_release(doc->src);
		free(doc->src);
		doc->src = NULL;
	}
	if (doc->srcd != NULL) {
		diags_release(doc->srcd);
		free(doc->srcd);
		doc->srcd = NULL;
	}
}

void
doc_strip(struct doc *doc)
{
	if (doc->xrefs != NULL) {
		xrefs_release(doc->xrefs);
		free(doc->xrefs);
		doc->xrefs = NULL;
	}
	node_free(doc->root);
	doc->root = NULL;
}

void
doc_free(struct doc *doc)
{
	size_t i;

	if (doc == NULL)
		return;
	if (doc->xrefs != NULL) {
		xrefs_release(doc->xrefs);
		free(doc->xrefs);
	}
	node_free(doc->root);
	for (i = 0; i < doc->nhistory; i++) {
		free(doc->history[i].date);
		free(doc->history[i].note);
	}
	free(doc->history);
	if (doc->fmd != NULL) {
		diags_release(doc->fmd);
		free(doc->fmd);
	}
	doc_drop_source(doc);
	meta_release(&doc->meta);
	free(doc->path);
	free(doc);
}

int
doc_same_document(const struct doc *a, const struct doc *b)
{
	return strcmp(a->meta.provider, b->meta.provider) == 0 &&
	    strcmp(a->meta.document, b->meta.document) == 0;
}
