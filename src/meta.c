/*
 * Front matter parsing with libyaml's document loader: see meta.h.
 *
 * libyaml reports every scalar as a string (no YAML 1.1 type guessing), so
 * 2017-03-01 stays the text "2017-03-01" and we validate it ourselves.
 * Aliases cost nothing: libyaml's document API keeps an alias as a
 * shared reference to its anchor node and expands nothing, so a
 * "billion laughs" costs nothing here.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "diag.h"
#include "hmap.h"
#include "meta.h"
#include "source.h"
#include "text.h"
#include "xalloc.h"
#include "yamlguard.h"

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

/*
 * Is scalar n free of NUL, controls and noncharacters?  libyaml refuses
 * them raw but makes them from escapes ("acme\0/../evil", "\e[31m"):
 * a NUL would cut the value short where C reads it, and no output can
 * carry the others (text_uncarried()).  Otherwise an error, and 0.
 */
static int
clean(struct ctx *c, yaml_node_t *n, const char *field)
{
	size_t off;
	int32_t cp;

	off = text_find_uncarried((const char *)n->data.scalar.value,
	    n->data.scalar.length, &cp);
	if (off == n->data.scalar.length)
		return 1;
	diag(c->d, c->src->path, line_of(c, n), col_of(n), D_FM_CONTROL,
	    "%s: U+%04X", field, (unsigned)cp);
	c->errors++;
	return 0;
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
	if (!clean(c, n, field))
		return NULL;
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
			if (k == NULL || k->type != YAML_SCALAR_NODE ||
			    !clean(c, k, "history field name"))
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
		m->history = xgrow(m->history, m->nhistory,
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
		m->changes = xgrow(m->changes, m->nchanges,
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
		m->changes = xgrow(m->changes, m->nchanges,
		    sizeof(*m->changes));
		m->changes[m->nchanges++] = s;
	}
}

/*
 * The scalar fields of the front matter, in the order their "missing"
 * diagnostics are given.  Offsets locate each field's string and, where
 * later diagnostics need it, its position in struct meta.
 */
#define NOPOS	((size_t)-1)
static const struct field {
	const char	*name;
	size_t		 val;		/* char * */
	size_t		 line, col;	/* int, or NOPOS */
	int		 required;
	enum dcode	 check;		/* D_FM_SLUG, D_FM_DATE, or D__MAX */
} fields[] = {
	{ "provider", offsetof(struct meta, provider),
	    offsetof(struct meta, provider_line),
	    offsetof(struct meta, provider_col), 1, D_FM_SLUG },
	{ "provider_name", offsetof(struct meta, provider_name), NOPOS,
	    NOPOS, 1, D__MAX },
	{ "document", offsetof(struct meta, document),
	    offsetof(struct meta, document_line),
	    offsetof(struct meta, document_col), 1, D_FM_SLUG },
	{ "title", offsetof(struct meta, title), NOPOS, NOPOS, 1, D__MAX },
	{ "revision", offsetof(struct meta, revision),
	    offsetof(struct meta, revision_line),
	    offsetof(struct meta, revision_col), 1, D_FM_DATE },
	{ "lang", offsetof(struct meta, lang), NOPOS, NOPOS, 0, D__MAX },
	{ "document_number", offsetof(struct meta, document_number), NOPOS,
	    NOPOS, 0, D__MAX },
	{ "supplements", offsetof(struct meta, supplements),
	    offsetof(struct meta, supplements_line),
	    offsetof(struct meta, supplements_col), 0, D_FM_SLUG },
};
#define NFIELDS	(sizeof(fields) / sizeof(fields[0]))

#define FIELD_STR(m, f)	((char **)((char *)(m) + (f)->val))
#define FIELD_INT(m, o)	((int *)((char *)(m) + (o)))

static void
walk(struct ctx *c, struct meta *m, yaml_node_t *root)
{
	yaml_node_pair_t *p;
	yaml_node_t *k, *v, *first;
	const struct field *f;
	const char *key;
	char **slot;
	int present[NFIELDS];
	char len[64];
	struct hmap seen;
	size_t i;

	memset(present, 0, sizeof(present));
	hmap_init(&seen);
	for (p = root->data.mapping.pairs.start;
	    p < root->data.mapping.pairs.top; p++) {
		k = yaml_document_get_node(c->doc, p->key);
		v = yaml_document_get_node(c->doc, p->value);
		if (k == NULL || v == NULL || k->type != YAML_SCALAR_NODE ||
		    !clean(c, k, "field name"))
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
		if (strcmp(key, "history") == 0) {
			parse_history(c, m, v);
			continue;
		}
		if (strcmp(key, "changes") == 0) {
			parse_changes(c, m, v);
			continue;
		}
		for (i = 0; i < NFIELDS && strcmp(key, fields[i].name) != 0;
		    i++)
			;
		if (i == NFIELDS) {
			diag(c->d, c->src->path, line_of(c, k), col_of(k),
			    D_FM_UNKNOWN, "%s", key);
			continue;
		}
		f = &fields[i];
		present[i] = 1;
		slot = FIELD_STR(m, f);
		free(*slot);
		if ((*slot = scalar(c, v, key)) == NULL)
			continue;
		if (f->line != NOPOS) {
			*FIELD_INT(m, f->line) = line_of(c, v);
			*FIELD_INT(m, f->col) = col_of(v);
		}
		if ((f->check == D_FM_SLUG && !is_slug(*slot)) ||
		    (f->check == D_FM_DATE && !is_date(*slot)))
			error(c, v, f->check, *slot);
		else if (f->check == D_FM_SLUG && strlen(*slot) > SLUG_MAX) {
			/*
			 * A slug names a folder of the site: longer than a
			 * file name may be, the build would fail halfway.
			 */
			snprintf(len, sizeof(len), "%s: %zu characters", key,
			    strlen(*slot));
			error(c, v, D_FM_LONG, len);
		}
	}
	for (i = 0; i < NFIELDS; i++) {
		char *val = *FIELD_STR(m, &fields[i]);

		/* A field of the wrong type was reported already. */
		if (fields[i].required && ((val == NULL && !present[i]) ||
		    (val != NULL && *val == '\0'))) {
			diag(c->d, c->src->path, c->src->fmline, 1, D_FM_FIELD,
			    "%s", fields[i].name);
			c->errors++;
		}
	}
	hmap_release(&seen);
}

static const char *
guess_lang(const struct meta *m, const struct source *src)
{
	const char *lang = text_lang_of(src->text, src->len);

	if (lang == NULL && m->title != NULL)
		lang = text_lang_of(m->title, strlen(m->title));
	return lang != NULL ? lang : text_lang_by_script(0, 0);
}

/*
 * Is the YAML s[0, len) too shallow to pass YAML_MAX_DEPTH?  Every
 * collection libyaml's scanner opens starts at an indicator of its own: a
 * block mapping at its first key's ':' (or an explicit '?'), a block
 * sequence at its first '-', a flow collection at '[' or '{'.  With no
 * more of those bytes than the limit, no nesting can pass it, and
 * yaml_guard()'s scan, a token at a time (a third of the front matter's
 * cost), is spared; the usual front matter has a dozen.
 */
static int
yaml_shallow(const char *s, size_t len)
{
	size_t i, n = 0;

	if (len > YAML_MAX_BYTES)
		return 0;
	for (i = 0; i < len; i++)
		if ((s[i] == ':' || s[i] == '-' || s[i] == '?' ||
		    s[i] == '[' || s[i] == '{') && ++n > YAML_MAX_DEPTH)
			return 0;
	return 1;
}

int
meta_parse(struct meta *m, const struct source *src, struct diags *d)
{
	yaml_parser_t parser;
	yaml_document_t doc;
	yaml_node_t *root;
	struct ctx c;
	int line, col;

	memset(m, 0, sizeof(*m));
	memset(&c, 0, sizeof(c));
	c.src = src;
	c.d = d;
	c.doc = &doc;
	switch (yaml_shallow(src->fm, src->fmlen) ? YG_OK :
	    yaml_guard(src->fm, src->fmlen, &line, &col)) {
	case YG_SIZE:
		diag(d, src->path, src->fmline + line, 1, D_YAML_LIMIT,
		    "front matter of %zu bytes, the limit is %d", src->fmlen,
		    YAML_MAX_BYTES);
		return -1;
	case YG_DEPTH:
		diag(d, src->path, src->fmline + line, col + 1, D_YAML_LIMIT,
		    "nested deeper than %d levels", YAML_MAX_DEPTH);
		return -1;
	case YG_OK:
		break;
	}
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
	if (m->lang == NULL)
		m->lang = xstrdup(guess_lang(m, src));
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
	free(m->supplements);
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

/* xstrdup() of s, or NULL for NULL (the optional fields). */
static char *
dup_or_null(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

void
meta_copy(struct meta *dst, const struct meta *src)
{
	size_t i;

	*dst = *src;
	dst->provider = dup_or_null(src->provider);
	dst->provider_name = dup_or_null(src->provider_name);
	dst->document = dup_or_null(src->document);
	dst->title = dup_or_null(src->title);
	dst->revision = dup_or_null(src->revision);
	dst->lang = dup_or_null(src->lang);
	dst->document_number = dup_or_null(src->document_number);
	dst->supplements = dup_or_null(src->supplements);
	dst->history = NULL;
	if (src->nhistory > 0) {
		dst->history = xcalloc(src->nhistory, sizeof(*dst->history));
		for (i = 0; i < src->nhistory; i++) {
			dst->history[i].date = dup_or_null(src->history[i].date);
			dst->history[i].note = dup_or_null(src->history[i].note);
			dst->history[i].line = src->history[i].line;
		}
	}
	dst->changes = NULL;
	if (src->nchanges > 0) {
		dst->changes = xcalloc(src->nchanges, sizeof(*dst->changes));
		for (i = 0; i < src->nchanges; i++)
			dst->changes[i] = dup_or_null(src->changes[i]);
	}
}
