/*
 * Front matter parsing with libyaml's document loader: see meta.h.
 *
 * libyaml reports every scalar as a string (no YAML 1.1 type guessing), so
 * 2017-03-01 stays the text "2017-03-01" and we validate it ourselves.
 * Aliases cost nothing: libyaml's document API keeps an alias as a
 * shared reference to its anchor node and expands nothing, so a
 * "billion laughs" costs nothing here.
 */
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "diag.h"
#include "hmap.h"
#include "meta.h"
#include "source.h"
#include "xalloc.h"

int
is_slug(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s != '\0'; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		    *s == '-'))
			return 0;
	return 1;
}

int
is_date(const char *s)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int i, y, mo, d;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return 0;
	y = atoi(s);
	mo = atoi(s + 5);
	d = atoi(s + 8);
	if (mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1])
		return 0;
	if (mo == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) ||
	    y % 400 == 0))
		return 0;
	return 1;
}

struct ctx {
	yaml_document_t		*doc;
	const struct source	*src;
	struct diags		*d;
	int			 errors;
};

static int
line_of(const struct ctx *c, const yaml_node_t *n)
{
	return c->src->fmline + (int)n->start_mark.line;
}

static int
col_of(const yaml_node_t *n)
{
	return (int)n->start_mark.column + 1;
}

static void
error(struct ctx *c, const yaml_node_t *n, enum dcode code, const char *what)
{
	diag(c->d, c->src->path, line_of(c, n), col_of(n), code, "%s", what);
	c->errors++;
}

/* A scalar's value (copied), or NULL with an error. */
static char *
scalar(struct ctx *c, yaml_node_t *n, const char *field)
{
	if (n == NULL || n->type != YAML_SCALAR_NODE) {
		if (n != NULL)
			error(c, n, D_FM_TYPE, field);
		return NULL;
	}
	return xstrndup((const char *)n->data.scalar.value,
	    n->data.scalar.length);
}

static void
parse_history(struct ctx *c, struct meta *m, yaml_node_t *seq)
{
	yaml_node_item_t *it;
	yaml_node_pair_t *p;
	yaml_node_t *e, *k, *v;
	struct history h;

	if (seq->type != YAML_SEQUENCE_NODE) {
		error(c, seq, D_FM_TYPE, "history: a list of {date, note}");
		return;
	}
	for (it = seq->data.sequence.items.start;
	    it < seq->data.sequence.items.top; it++) {
		e = yaml_document_get_node(c->doc, *it);
		if (e == NULL || e->type != YAML_MAPPING_NODE) {
			error(c, e ? e : seq, D_FM_TYPE,
			    "history entry: {date, note}");
			continue;
		}
		memset(&h, 0, sizeof(h));
		h.line = line_of(c, e);
		for (p = e->data.mapping.pairs.start;
		    p < e->data.mapping.pairs.top; p++) {
			k = yaml_document_get_node(c->doc, p->key);
			v = yaml_document_get_node(c->doc, p->value);
			if (k == NULL || k->type != YAML_SCALAR_NODE)
				continue;
			if (strcmp((char *)k->data.scalar.value, "date") == 0) {
				free(h.date);
				h.date = scalar(c, v, "history date");
				if (h.date && !is_date(h.date))
					error(c, v, D_FM_DATE, h.date);
			} else if (strcmp((char *)k->data.scalar.value,
			    "note") == 0) {
				free(h.note);
				h.note = scalar(c, v, "history note");
			} else
				diag(c->d, c->src->path, line_of(c, k),
				    col_of(k), D_FM_UNKNOWN, "history: %s",
				    (char *)k->data.scalar.value);
		}
		if (h.date == NULL) {
			diag(c->d, c->src->path, h.line, col_of(e), D_FM_FIELD,
			    "history entry without a date");
			c->errors++;
			free(h.note);
			continue;
		}
		if (h.note == NULL)
			h.note = xstrdup("");
		m->history = xreallocarray(m->history, m->nhistory + 1,
		    sizeof(*m->history));
		m->history[m->nhistory++] = h;
	}
}

static void
parse_changes(struct ctx *c, struct meta *m, yaml_node_t *v)
{
	yaml_node_item_t *it;
	yaml_node_t *e;
	char *s;

	m->changes_line = line_of(c, v);
	if (v->type == YAML_SCALAR_NODE) {
		m->changes = xreallocarray(m->changes, m->nchanges + 1,
		    sizeof(*m->changes));
		m->changes[m->nchanges++] = scalar(c, v, "changes");
		return;
	}
	if (v->type != YAML_SEQUENCE_NODE) {
		error(c, v, D_FM_TYPE, "changes: a list of strings");
		return;
	}
	for (it = v->data.sequence.items.start;
	    it < v->data.sequence.items.top; it++) {
		e = yaml_document_get_node(c->doc, *it);
		if ((s = scalar(c, e, "changes entry")) == NULL)
			continue;
		m->changes = xreallocarray(m->changes, m->nchanges + 1,
		    sizeof(*m->changes));
		m->changes[m->nchanges++] = s;
	}
}

static void
walk(struct ctx *c, struct meta *m, yaml_node_t *root)
{
	static const char *const required[] = { "provider", "provider_name",
	    "document", "title", "revision" };
	yaml_node_pair_t *p;
	yaml_node_t *k, *v, *first;
	const char *key;
	char **slot;
	int *lineslot, *colslot;
	int present[5] = { 0, 0, 0, 0, 0 };
	struct hmap seen;
	size_t i;

	hmap_init(&seen);

	for (p = root->data.mapping.pairs.start;
	    p < root->data.mapping.pairs.top; p++) {
		k = yaml_document_get_node(c->doc, p->key);
		v = yaml_document_get_node(c->doc, p->value);
		if (k == NULL || v == NULL || k->type != YAML_SCALAR_NODE)
			continue;
		key = (const char *)k->data.scalar.value;
		/* YAML keys are unique; libyaml does not check that. */
		if ((first = hmap_put(&seen, key, k)) != k) {
			diag(c->d, c->src->path, line_of(c, k), col_of(k),
			    D_FM_SYNTAX, "duplicate field %s (first at line %d)",
			    key, line_of(c, first));
			c->errors++;
			continue;
		}
		slot = NULL;
		lineslot = colslot = NULL;
		for (i = 0; i < sizeof(required) / sizeof(required[0]); i++)
			if (strcmp(key, required[i]) == 0)
				present[i] = 1;
		if (strcmp(key, "provider") == 0) {
			slot = &m->provider;
			lineslot = &m->provider_line;
			colslot = &m->provider_col;
		} else if (strcmp(key, "provider_name") == 0)
			slot = &m->provider_name;
		else if (strcmp(key, "document") == 0) {
			slot = &m->document;
			lineslot = &m->document_line;
			colslot = &m->document_col;
		} else if (strcmp(key, "title") == 0)
			slot = &m->title;
		else if (strcmp(key, "revision") == 0) {
			slot = &m->revision;
			lineslot = &m->revision_line;
			colslot = &m->revision_col;
		} else if (strcmp(key, "lang") == 0)
			slot = &m->lang;
		else if (strcmp(key, "document_number") == 0)
			slot = &m->document_number;
		else if (strcmp(key, "history") == 0) {
			parse_history(c, m, v);
			continue;
		} else if (strcmp(key, "changes") == 0) {
			parse_changes(c, m, v);
			continue;
		} else {
			diag(c->d, c->src->path, line_of(c, k), col_of(k),
			    D_FM_UNKNOWN, "%s", key);
			continue;
		}
		free(*slot);
		if ((*slot = scalar(c, v, key)) == NULL)
			continue;
		if (lineslot != NULL) {
			*lineslot = line_of(c, v);
			*colslot = col_of(v);
		}
		if ((slot == &m->provider || slot == &m->document) &&
		    !is_slug(*slot))
			error(c, v, D_FM_SLUG, *slot);
		if (slot == &m->revision && !is_date(*slot))
			error(c, v, D_FM_DATE, *slot);
	}
	for (i = 0; i < sizeof(required) / sizeof(required[0]); i++) {
		const char *f = required[i];
		char *val = strcmp(f, "provider") == 0 ? m->provider :
		    strcmp(f, "provider_name") == 0 ? m->provider_name :
		    strcmp(f, "document") == 0 ? m->document :
		    strcmp(f, "title") == 0 ? m->title : m->revision;

		/* A field of the wrong type was reported already. */
		if ((val == NULL && !present[i]) ||
		    (val != NULL && *val == '\0')) {
			diag(c->d, c->src->path, c->src->fmline, 1, D_FM_FIELD,
			    "%s", f);
			c->errors++;
		}
	}
	hmap_release(&seen);
	if (m->lang == NULL)
		m->lang = xstrdup("ja");
}

int
meta_parse(struct meta *m, const struct source *src, struct diags *d)
{
	yaml_parser_t parser;
	yaml_document_t doc;
	yaml_node_t *root;
	struct ctx c;

	memset(m, 0, sizeof(*m));
	memset(&c, 0, sizeof(c));
	c.src = src;
	c.d = d;
	c.doc = &doc;
	if (!yaml_parser_initialize(&parser)) {
		diag(d, src->path, src->fmline, 1, D_FM_SYNTAX, "YAML parser");
		return -1;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)src->fm,
	    src->fmlen);
	yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
	if (!yaml_parser_load(&parser, &doc)) {
		/*
		 * "while scanning a quoted scalar" points where the trouble
		 * began (the opening quote); the problem mark is where libyaml
		 * gave up (often the end of the front matter).
		 */
		if (parser.context != NULL)
			diag(d, src->path,
			    src->fmline + (int)parser.context_mark.line,
			    (int)parser.context_mark.column + 1, D_FM_SYNTAX,
			    "%s, %s (line %d)", parser.context,
			    parser.problem ? parser.problem : "YAML error",
			    src->fmline + (int)parser.problem_mark.line);
		else
			diag(d, src->path,
			    src->fmline + (int)parser.problem_mark.line,
			    (int)parser.problem_mark.column + 1, D_FM_SYNTAX,
			    "%s", parser.problem ? parser.problem :
			    "YAML error");
		yaml_parser_delete(&parser);
		return -1;
	}
	root = yaml_document_get_root_node(&doc);
	if (root == NULL || root->type != YAML_MAPPING_NODE) {
		diag(d, src->path, src->fmline, 1, D_FM_SYNTAX,
		    "expected a mapping of fields");
		c.errors++;
	} else
		walk(&c, m, root);
	yaml_document_delete(&doc);
	yaml_parser_delete(&parser);
	if (c.errors) {
		meta_release(m);
		return -1;
	}
	return 0;
}

void
meta_release(struct meta *m)
{
	size_t i;

	free(m->provider);
	free(m->provider_name);
	free(m->document);
	free(m->title);
	free(m->revision);
	free(m->lang);
	free(m->document_number);
	for (i = 0; i < m->nhistory; i++) {
		free(m->history[i].date);
		free(m->history[i].note);
	}
	free(m->history);
	for (i = 0; i < m->nchanges; i++)
		free(m->changes[i]);
	free(m->changes);
	memset(m, 0, sizeof(*m));
}
