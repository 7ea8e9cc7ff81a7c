/*
 * The clause tree as JSON.  Every node carries type, num, label, caption,
 * id, line, text and children, null when absent; these appear only where
 * they apply: kind (divisions), level (sub-items), implicit (a number
 * supplied by position), spans (when there are any), rows and align
 * (tables: "left", "center", "right" or null per column).
 * Built recursively: depth is bounded by the parser's limits (a document
 * holds at most divisions → article → paragraph → items → MAX_LEVELS).
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "clause.h"
#include "doc.h"
#include "tree.h"
#include "xalloc.h"

/* A table column's alignment, or null. */
static json_t *
align_name(char a)
{
	return a == 'l' ? json_string("left") : a == 'c' ?
	    json_string("center") : a == 'r' ? json_string("right") :
	    json_null();
}

static json_t *
str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *
spans_json(const struct node *n)
{
	static const char *const kinds[] = { "link", "emph", "strong", "code",
	    "xref" };
	json_t *a = json_array(), *o;
	size_t i;

	for (i = 0; i < n->nspans; i++) {
		const struct span *s = &n->spans[i];

		o = json_object();
		json_object_set_new(o, "kind", json_string(kinds[s->kind]));
		json_object_set_new(o, "text",
		    json_stringn(n->text + s->off, s->len));
		if (s->href)
			json_object_set_new(o, "href", json_string(s->href));
		if (s->kind == SPAN_XREF) {
			json_object_set_new(o, "target", s->target ?
			    str_or_null(s->target->id) : json_null());
			if (s->xflags & XREF_EXTERNAL)
				json_object_set_new(o, "external",
				    json_true());
			if (s->xflags & XREF_BROKEN)
				json_object_set_new(o, "broken", json_true());
		}
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *
node_json(const struct node *n)
{
	json_t *o = json_object(), *kids, *rows, *row;
	const struct node *c;
	size_t r, k;

	json_object_set_new(o, "type", json_string(ntype_name(n->type)));
	if (n->type == N_DIVISION)
		json_object_set_new(o, "kind",
		    json_string(divkind_name(n->divkind)));
	if (n->type == N_SUBITEM)
		json_object_set_new(o, "level", json_integer(n->level));
	json_object_set_new(o, "num", str_or_null(n->num));
	json_object_set_new(o, "label", str_or_null(n->label));
	json_object_set_new(o, "caption", str_or_null(n->caption));
	json_object_set_new(o, "id", str_or_null(n->id));
	json_object_set_new(o, "line", json_integer(n->line));
	json_object_set_new(o, "text", str_or_null(n->text));
	if (n->implicit)
		json_object_set_new(o, "implicit", json_true());
	if (n->nspans)
		json_object_set_new(o, "spans", spans_json(n));
	if (n->table != NULL) {
		rows = json_array();
		for (r = 0; r < n->table->nrows; r++) {
			row = json_array();
			for (k = 0; k < n->table->ncols; k++)
				json_array_append_new(row, json_string(
				    n->table->cells[r * n->table->ncols + k]));
			json_array_append_new(rows, row);
		}
		json_object_set_new(o, "rows", rows);
		row = json_array();
		for (k = 0; k < n->table->ncols; k++)
			json_array_append_new(row,
			    align_name(n->table->align[k]));
		json_object_set_new(o, "align", row);
	}
	kids = json_array();
	for (c = n->first; c != NULL; c = c->next)
		json_array_append_new(kids, node_json(c));
	json_object_set_new(o, "children", kids);
	return o;
}

char *
tree_json(const struct doc *doc)
{
	const struct meta *m = &doc->meta;
	json_t *o, *h, *e, *ch;
	const struct node *c;
	size_t i;
	char *s, *r;

	o = json_object();
	json_object_set_new(o, "type", json_string("document"));
	json_object_set_new(o, "path", json_string(doc->path));
	json_object_set_new(o, "provider", json_string(m->provider));
	json_object_set_new(o, "provider_name", json_string(m->provider_name));
	json_object_set_new(o, "document", json_string(m->document));
	json_object_set_new(o, "title", json_string(m->title));
	json_object_set_new(o, "revision", json_string(m->revision));
	json_object_set_new(o, "lang", json_string(m->lang));
	h = json_array();
	for (i = 0; i < m->nhistory; i++) {
		e = json_object();
		json_object_set_new(e, "date", json_string(m->history[i].date));
		json_object_set_new(e, "note", json_string(m->history[i].note));
		json_array_append_new(h, e);
	}
	json_object_set_new(o, "history", h);
	h = json_array();
	for (i = 0; i < m->nchanges; i++)
		json_array_append_new(h, json_string(m->changes[i]));
	json_object_set_new(o, "changes", h);
	ch = json_array();
	for (c = doc->root->first; c != NULL; c = c->next)
		json_array_append_new(ch, node_json(c));
	json_object_set_new(o, "children", ch);
	s = json_dumps(o, JSON_INDENT(1));
	json_decref(o);
	r = xstrdup(s);
	free(s);
	return r;
}
