/*
 * The offline search index: see search.h.
 *
 * The entries are written as JSON by js_string() below rather than
 * through jansson: building and dumping a jansson tree of every clause's
 * text cost a third of a build (115M instructions on the 1 MB bench
 * corpus); one pass over the text costs a few instructions a byte.  The
 * escaping is exact for a JSON string that is also a JavaScript string
 * literal: quote, backslash, every control character, and U+2028/U+2029.
 * Input is valid UTF-8 (source.c checked it).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "clause.h"
#include "doc.h"
#include "search.h"
#include "text.h"
#include "xalloc.h"

/* Bytes that may need escaping: controls, quote, backslash, 0xE2. */
static const unsigned char special[256] = {
	[0x00] = 1, [0x01] = 1, [0x02] = 1, [0x03] = 1, [0x04] = 1,
	[0x05] = 1, [0x06] = 1, [0x07] = 1, [0x08] = 1, [0x09] = 1,
	[0x0a] = 1, [0x0b] = 1, [0x0c] = 1, [0x0d] = 1, [0x0e] = 1,
	[0x0f] = 1, [0x10] = 1, [0x11] = 1, [0x12] = 1, [0x13] = 1,
	[0x14] = 1, [0x15] = 1, [0x16] = 1, [0x17] = 1, [0x18] = 1,
	[0x19] = 1, [0x1a] = 1, [0x1b] = 1, [0x1c] = 1, [0x1d] = 1,
	[0x1e] = 1, [0x1f] = 1, ['"'] = 1, ['\\'] = 1, [0xe2] = 1
};

/*
 * Has the word a control, space, '!' or quote (a byte below '#'), a
 * backslash or 0xE2?  text.h's three tests in one: each leaves a byte's
 * high bit set where its answer is yes (word_has_below()), so their
 * bits are or'ed and masked once, with no branch between.
 */
static inline int
word_may_escape(uint64_t w)
{
	const uint64_t ones = 0x0101010101010101ULL;
	uint64_t bs = w ^ ('\\' * ones), e2 = w ^ (0xe2 * ones);

	return ((((w - ('"' + 1) * ones) & ~w) | ((bs - ones) & ~bs) |
	    ((e2 - ones) & ~e2)) & 0x80 * ones) != 0;
}

void
js_string(struct buf *b, const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, k, run = 0;
	uint64_t w;
	char esc[8];

	buf_putc(b, '"');
	while (i < len) {
		if (len - i >= 8) {
			/* Eight bytes with no control, quote, backslash nor 0xE2. */
			w = word8_at(u + i);
			if (!word_may_escape(w)) {
				i += 8;
				continue;
			}
			/* Find it, if it is not a space or a '!' (below '"'). */
			for (k = i + 8; i < k && !special[u[i]]; i++)
				;
			if (i == k)
				continue;
		} else if (!special[u[i]]) {
			i++;
			continue;
		}
		if (u[i] == 0xe2 && !(i + 2 < len && u[i + 1] == 0x80 &&
		    (u[i + 2] == 0xa8 || u[i + 2] == 0xa9))) {
			i++;
			continue;
		}
		buf_put(b, s + run, i - run);
		if (u[i] == '"' || u[i] == '\\') {
			esc[0] = '\\';
			esc[1] = (char)u[i];
			buf_put(b, esc, 2);
		} else if (u[i] == '\n')
			buf_put(b, "\\n", 2);
		else if (u[i] == 0xe2) {
			buf_puts(b, u[i + 2] == 0xa8 ? "\\u2028" : "\\u2029");
			i += 2;
		} else {
			snprintf(esc, sizeof(esc), "\\u%04x", u[i]);
			buf_puts(b, esc);
		}
		run = ++i;
	}
	buf_put(b, s + run, len - run);
	buf_putc(b, '"');
}

/* "name":s, s of len bytes (a buffer's, whose length is known). */
static void
put_field(struct buf *b, const char *name, const char *s, size_t len,
    int first)
{
	/* Names are this file's constants. */
	buf_puts(b, first ? "\"" : ",\"");
	buf_puts(b, name);
	buf_put(b, "\":", 2);
	js_string(b, s, len);
}

/* The text of n and every clause below it, a line each. */
static void
subtree_text(struct buf *b, const struct node *top)
{
	const struct node *n = top;
	size_t r, start = b->len;

	do {
		if (n->text != NULL) {
			if (b->len > start)
				buf_putc(b, '\n');
			buf_puts(b, n->text);
		}
		if (n->table != NULL)
			for (r = 0; r < n->table->nrows * n->table->ncols; r++) {
				buf_putc(b, r % n->table->ncols ? ' ' : '\n');
				buf_puts(b, n->table->cells[r]);
			}
	} while ((n = node_next(n, top)) != NULL);
}

static void
add_entry(struct buf *out, struct buf *tmp, const struct buf *tail,
    const char *href, const struct node *n, int first)
{
	buf_puts(out, first ? "{" : ",{");
	buf_reset(tmp);
	buf_puts(tmp, href);
	buf_putc(tmp, '#');
	buf_puts(tmp, n->id);
	put_field(out, "u", tmp->data, tmp->len, 1);
	buf_reset(tmp);
	node_title(tmp, n);
	put_field(out, "l", tmp->data, tmp->len, 0);
	buf_reset(tmp);
	subtree_text(tmp, n);
	put_field(out, "x", tmp->data, tmp->len, 0);
	buf_put(out, tail->data, tail->len);
}

static void
head(struct buf *b, const char *what)
{
	buf_puts(b, "/* termc search index: generated, do not edit. */\n");
	buf_puts(b, what);
}

void
search_document(const struct doc *doc, const char *href, struct buf *out)
{
	const struct node *n = doc->root->first;
	struct buf tmp, tail;
	int first = 1;

	buf_init(&tmp);
	/* The fields every entry of the document ends with, escaped once. */
	buf_init(&tail);
	put_field(&tail, "t", doc->meta.title,
	    strlen(doc->meta.title), 0);
	put_field(&tail, "p", doc->meta.provider_name,
	    strlen(doc->meta.provider_name), 0);
	put_field(&tail, "r", doc->meta.revision,
	    strlen(doc->meta.revision), 0);
	buf_putc(&tail, '}');
	/* Room for a short document's index: fewer copies as it grows. */
	buf_grow(out, PAGE_ROOM);
	head(out, "TERMC_SEARCH = TERMC_SEARCH.concat([");
	/* Articles, wherever their divisions put them; else top clauses. */
	while (n != NULL) {
		if (n->type == N_DIVISION && n->first != NULL) {
			n = n->first;
			continue;
		}
		if (n->type != N_DIVISION && n->id != NULL) {
			add_entry(out, &tmp, &tail, href, n, first);
			first = 0;
		}
		while (n->next == NULL && n->parent != doc->root &&
		    n->parent != NULL)
			n = n->parent;
		n = n->next;
	}
	buf_puts(out, "]);\n");
	buf_release(&tmp);
	buf_release(&tail);
}

char *
search_index(const char *const *files, size_t n, size_t *len)
{
	struct buf out;
	size_t i;

	buf_init(&out);
	head(&out, "var TERMC_SEARCH = [];\nvar TERMC_SEARCH_DOCS = [");
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_putc(&out, ',');
		js_string(&out, files[i], strlen(files[i]));
	}
	buf_puts(&out, "];\n");
	*len = out.len;
	return buf_detach(&out);
}
