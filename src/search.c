/*
 * The offline search index: see search.h.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "buf.h"
#include "clause.h"
#include "doc.h"
#include "search.h"
#include "xalloc.h"

/* The text of n and every clause below it, a line each. */
static void
subtree_text(struct buf *b, const struct node *top)
{
	const struct node *n = top;
	size_t r;

	do {
		if (n->text != NULL) {
			if (b->len > 0)
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
add_entry(json_t *entries, const struct doc *doc, const char *href,
    const struct node *n)
{
	json_t *e = json_object();
	struct buf b;

	buf_init(&b);
	buf_printf(&b, "%s#%s", href, n->id);
	json_object_set_new(e, "u", json_string(b.data));
	buf_reset(&b);
	if (n->label != NULL)
		buf_puts(&b, n->label);
	if (n->caption != NULL)
		buf_printf(&b, n->type == N_ARTICLE ? "（%s）" : " %s",
		    n->caption);
	json_object_set_new(e, "l", json_string(b.data));
	buf_reset(&b);
	subtree_text(&b, n);
	json_object_set_new(e, "x", json_string(b.data));
	json_object_set_new(e, "t", json_string(doc->meta.title));
	json_object_set_new(e, "p", json_string(doc->meta.provider_name));
	json_object_set_new(e, "r", json_string(doc->meta.revision));
	json_array_append_new(entries, e);
	buf_release(&b);
}

/* The script "TERMC_SEARCH = TERMC_SEARCH.concat(JSON);", *len bytes. */
static char *
script(const char *head, json_t *v, const char *tail, size_t *len)
{
	char *json = json_dumps(v, JSON_COMPACT);
	struct buf b;

	buf_init(&b);
	buf_puts(&b, "/* termc search index: generated, do not edit. */\n");
	buf_puts(&b, head);
	buf_puts(&b, json ? json : "[]");
	buf_puts(&b, tail);
	free(json);
	json_decref(v);
	*len = b.len;
	return buf_detach(&b);
}

char *
search_document(const struct doc *doc, const char *href, size_t *len)
{
	const struct node *n = doc->root->first;
	json_t *entries = json_array();

	/* Articles, wherever their divisions put them; else top clauses. */
	while (n != NULL) {
		if (n->type == N_DIVISION && n->first != NULL) {
			n = n->first;
			continue;
		}
		if (n->type != N_DIVISION && n->id != NULL)
			add_entry(entries, doc, href, n);
		while (n->next == NULL && n->parent != doc->root &&
		    n->parent != NULL)
			n = n->parent;
		n = n->next;
	}
	return script("TERMC_SEARCH = TERMC_SEARCH.concat(", entries, ");\n",
	    len);
}

char *
search_index(const char *const *files, size_t n, size_t *len)
{
	json_t *list = json_array();
	size_t i;

	for (i = 0; i < n; i++)
		json_array_append_new(list, json_string(files[i]));
	return script("var TERMC_SEARCH = [];\nvar TERMC_SEARCH_DOCS = ",
	    list, ";\n", len);
}
