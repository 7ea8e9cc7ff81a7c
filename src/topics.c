/*
 * The topic taxonomy and the classification of articles: see topics.h.
 *
 * terms/topics.yaml is read with libyaml's document loader, as meta.c reads
 * front matter: every scalar is a string, positions come from the nodes'
 * marks, and every problem is reported as path:line:col.
 *
 * Classification is plain substring search on NFKC text with ASCII folded
 * to lower case, so full-width and half-width forms meet, and so do
 * "Governing Law" and "governing law": an article has a topic when its caption
 * contains one of the topic's caption keywords, or one sentence of its text
 * matches one of the topic's patterns.  A pattern is a list of parts
 * separated by "..." (written … in the YAML file) that must occur in that
 * order inside one sentence (up to 。 or a line end).  The author's marker
 * comes last and wins.  Cost: linear in text size times the number of
 * keywords.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "buf.h"
#include "clause.h"
#include "diag.h"
#include "doc.h"
#include "meta.h"
#include "source.h"
#include "text.h"
#include "topics.h"
#include "xalloc.h"
#include "yamlguard.h"

#define TOPICS_MAX_BYTES	(1024 * 1024)

static const char *const vtype_names[VT__MAX] = {
	"presence", "rate", "duration", "notice", "amount", "multiple", "cap",
	"court", "law", "survival", "age", "arbitration", "sla", "retention"
};

static const char *const favour_names[] = {
	"none", "lower", "higher", "present"
};

static const char *const absence_names[] = { "unknown", "worse", "better" };

const char *
absence_name(enum absence a)
{
	return (size_t)a < sizeof(absence_names) / sizeof(absence_names[0]) ?
	    absence_names[a] : "?";
}

const char *
vtype_name(enum vtype t)
{
	return t < VT__MAX ? vtype_names[t] : "?";
}

const char *
favour_name(enum favour f)
{
	return (size_t)f < sizeof(favour_names) / sizeof(favour_names[0]) ?
	    favour_names[f] : "?";
}

/* ---- loading ---- */

struct tctx {
	const char	*path;
	yaml_document_t	*doc;
	struct diags	*d;
	int		 errors;
};

static void
terr(struct tctx *c, const yaml_node_t *n, enum dcode code, const char *fmt,
    const char *arg)
{
	diag(c->d, c->path, n ? (int)n->start_mark.line + 1 : 1,
	    n ? (int)n->start_mark.column + 1 : 1, code, fmt, arg);
	c->errors++;
}

static char *
tscalar(struct tctx *c, yaml_node_t *n, const char *field)
{
	int32_t cp;

	if (n == NULL || n->type != YAML_SCALAR_NODE) {
		terr(c, n, D_TOPICS_FIELD, "%s: expected a string", field);
		return NULL;
	}
	if (n->data.scalar.length == 0) {
		terr(c, n, D_TOPICS_FIELD, "%s: empty", field);
		return NULL;
	}
	/* As in the front matter (meta.c): escapes make what no output carries. */
	if (text_find_uncarried((const char *)n->data.scalar.value,
	    n->data.scalar.length, &cp) < n->data.scalar.length) {
		terr(c, n, D_TOPICS_FIELD, "%s: NUL, control character or "
		    "noncharacter", field);
		return NULL;
	}
	return xstrndup((const char *)n->data.scalar.value,
	    n->data.scalar.length);
}

/* ASCII letters to lower case, in place: English captions match any case. */
static void
fold_ascii(char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] >= 'A' && s[i] <= 'Z')
			s[i] += 'a' - 'A';
}

/*
 * NFKC of a keyword, ASCII folded to lower case; "…" becomes "..." on the
 * way, which is the pattern separator.
 */
static char *
keyword(const char *s)
{
	char *k = text_nfkc(s, strlen(s));

	if (k == NULL)
		k = xstrdup(s);
	fold_ascii(k, strlen(k));
	return k;
}

/* A string or a list of strings, NFKC'd, appended to *v. */
static void
tlist(struct tctx *c, yaml_node_t *n, const char *field, char ***v,
    size_t *nv)
{
	yaml_node_item_t *it;
	yaml_node_t *e;
	char *s;

	if (n != NULL && n->type == YAML_SCALAR_NODE) {
		if ((s = tscalar(c, n, field)) == NULL)
			return;
		*v = xgrow(*v, *nv, sizeof(**v));
		(*v)[(*nv)++] = keyword(s);
		free(s);
		return;
	}
	if (n == NULL || n->type != YAML_SEQUENCE_NODE) {
		terr(c, n, D_TOPICS_FIELD, "%s: expected a list of strings",
		    field);
		return;
	}
	for (it = n->data.sequence.items.start;
	    it < n->data.sequence.items.top; it++) {
		e = yaml_document_get_node(c->doc, *it);
		if ((s = tscalar(c, e, field)) == NULL)
			continue;
		*v = xgrow(*v, *nv, sizeof(**v));
		(*v)[(*nv)++] = keyword(s);
		free(s);
	}
}

static void
topic_release(struct topic *t)
{
	size_t i;

	free(t->id);
	free(t->ja);
	free(t->en);
	free(t->event);
	free(t->event_en);
	for (i = 0; i < t->ncaptions; i++)
		free(t->captions[i]);
	free(t->captions);
	for (i = 0; i < t->npatterns; i++)
		free(t->patterns[i]);
	free(t->patterns);
	for (i = 0; i < t->nexcludes; i++)
		free(t->excludes[i]);
	free(t->excludes);
}

/* The topic's plain text fields by name: labels and events. */
static char **
text_field(struct topic *t, const char *key)
{
	static const struct {
		const char	*name;
		size_t		 off;
	} f[] = {
		{ "ja", offsetof(struct topic, ja) },
		{ "en", offsetof(struct topic, en) },
		{ "event", offsetof(struct topic, event) },
		{ "event_en", offsetof(struct topic, event_en) },
	};
	size_t i;

	for (i = 0; i < sizeof(f) / sizeof(f[0]); i++)
		if (strcmp(key, f[i].name) == 0)
			return (char **)(void *)((char *)t + f[i].off);
	return NULL;
}

static int
parse_topic(struct tctx *c, yaml_node_t *e, struct topic *t)
{
	yaml_node_pair_t *p;
	yaml_node_t *k, *v;
	const char *key;
	char *s, **slot;
	size_t i;
	int before = c->errors, have_value = 0;

	memset(t, 0, sizeof(*t));
	t->line = (int)e->start_mark.line + 1;
	if (e->type != YAML_MAPPING_NODE) {
		terr(c, e, D_TOPICS_FIELD, "%s", "topic: expected a mapping");
		return -1;
	}
	for (p = e->data.mapping.pairs.start; p < e->data.mapping.pairs.top;
	    p++) {
		k = yaml_document_get_node(c->doc, p->key);
		v = yaml_document_get_node(c->doc, p->value);
		if (k == NULL || k->type != YAML_SCALAR_NODE || v == NULL)
			continue;
		key = (const char *)k->data.scalar.value;
		if (strcmp(key, "id") == 0) {
			free(t->id);
			if ((t->id = tscalar(c, v, "id")) != NULL &&
			    !is_slug(t->id))
				terr(c, v, D_TOPICS_FIELD,
				    "id: '%s' is not a slug [a-z0-9-]+", t->id);
		} else if ((slot = text_field(t, key)) != NULL) {
			free(*slot);
			*slot = tscalar(c, v, key);
		} else if (strcmp(key, "captions") == 0)
			tlist(c, v, "captions", &t->captions, &t->ncaptions);
		else if (strcmp(key, "patterns") == 0)
			tlist(c, v, "patterns", &t->patterns, &t->npatterns);
		else if (strcmp(key, "exclude") == 0)
			tlist(c, v, "exclude", &t->excludes, &t->nexcludes);
		else if (strcmp(key, "value") == 0) {
			if ((s = tscalar(c, v, "value")) == NULL)
				continue;
			for (i = 0; i < VT__MAX; i++)
				if (strcmp(s, vtype_names[i]) == 0)
					break;
			if (i == VT__MAX)
				terr(c, v, D_TOPICS_FIELD,
				    "value: unknown type '%s'", s);
			else {
				t->vtype = (enum vtype)i;
				have_value = 1;
			}
			free(s);
		} else if (strcmp(key, "absent") == 0) {
			if ((s = tscalar(c, v, "absent")) == NULL)
				continue;
			for (i = 0; i < sizeof(absence_names) /
			    sizeof(absence_names[0]); i++)
				if (strcmp(s, absence_names[i]) == 0)
					break;
			if (i == sizeof(absence_names) / sizeof(absence_names[0]))
				terr(c, v, D_TOPICS_FIELD,
				    "absent: '%s' is not unknown, worse or better",
				    s);
			else
				t->absent = (enum absence)i;
			free(s);
		} else if (strcmp(key, "favours") == 0) {
			if ((s = tscalar(c, v, "favours")) == NULL)
				continue;
			for (i = 0; i < sizeof(favour_names) /
			    sizeof(favour_names[0]); i++)
				if (strcmp(s, favour_names[i]) == 0)
					break;
			if (i == sizeof(favour_names) / sizeof(favour_names[0]))
				terr(c, v, D_TOPICS_FIELD,
				    "favours: '%s' is not none, lower, higher "
				    "or present", s);
			else
				t->favour = (enum favour)i;
			free(s);
		} else
			terr(c, k, D_TOPICS_FIELD, "unknown field '%s'", key);
	}
	if (t->id == NULL)
		terr(c, e, D_TOPICS_FIELD, "%s", "topic without an id");
	if (t->ja == NULL || t->en == NULL)
		terr(c, e, D_TOPICS_FIELD, "%s", "topic needs ja and en labels");
	if (!have_value)
		terr(c, e, D_TOPICS_FIELD, "%s", "topic needs a value type");
	if (t->ncaptions + t->npatterns == 0)
		terr(c, e, D_TOPICS_FIELD, "%s",
		    "topic needs captions or patterns");
	for (i = 0; i < t->ncaptions; i++)
		if (strcmp(t->captions[i], "=") == 0)
			terr(c, e, D_TOPICS_FIELD, "%s", "captions: empty '='");
	for (i = 0; i < t->npatterns; i++)
		if (strspn(t->patterns[i], ".") == strlen(t->patterns[i]))
			terr(c, e, D_TOPICS_FIELD, "patterns: '%s' matches "
			    "everything", t->patterns[i]);
	if (c->errors != before) {
		topic_release(t);
		return -1;
	}
	return 0;
}

int
taxonomy_load_mem(struct taxonomy *t, const char *path, const char *bytes,
    size_t len, struct diags *d)
{
	yaml_parser_t parser;
	yaml_document_t doc;
	yaml_node_t *root, *k, *v, *list = NULL, *e;
	yaml_node_pair_t *p;
	yaml_node_item_t *it;
	struct tctx c;
	struct topic tp;
	size_t i;
	int gline, gcol;

	memset(t, 0, sizeof(*t));
	memset(&c, 0, sizeof(c));
	c.path = path;
	c.d = d;
	c.doc = &doc;
	switch (yaml_guard(bytes, len, &gline, &gcol)) {
	case YG_SIZE:
		diag(d, path, gline + 1, 1, D_YAML_LIMIT,
		    "%zu bytes, the limit is %d", len, YAML_MAX_BYTES);
		return -1;
	case YG_DEPTH:
		diag(d, path, gline + 1, gcol + 1, D_YAML_LIMIT,
		    "nested deeper than %d levels", YAML_MAX_DEPTH);
		return -1;
	case YG_OK:
		break;
	}
	if (!yaml_parser_initialize(&parser)) {
		diag(d, path, 0, 0, D_TOPICS_SYNTAX, "YAML parser");
		return -1;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)bytes,
	    len);
	yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
	if (!yaml_parser_load(&parser, &doc)) {
		int line = (int)parser.problem_mark.line + 1;
		int col = (int)parser.problem_mark.column + 1;

		/* Reader errors (bad UTF-8) carry a byte offset, not a mark. */
		if (parser.error == YAML_READER_ERROR) {
			line = 1;
			col = 1;
			for (i = 0; i < parser.problem_offset && i < len; i++)
				if (bytes[i] == '\n') {
					line++;
					col = 1;
				} else if (((unsigned char)bytes[i] & 0xc0) != 0x80)
					col++;
		}
		diag(d, path, line, col, D_TOPICS_SYNTAX, "%s",
		    parser.problem ? parser.problem : "YAML error");
		yaml_parser_delete(&parser);
		return -1;
	}
	root = yaml_document_get_root_node(&doc);
	if (root == NULL || root->type != YAML_MAPPING_NODE) {
		terr(&c, root, D_TOPICS_SYNTAX, "%s",
		    "expected a mapping with a 'topics' list");
		goto done;
	}
	for (p = root->data.mapping.pairs.start;
	    p < root->data.mapping.pairs.top; p++) {
		k = yaml_document_get_node(&doc, p->key);
		v = yaml_document_get_node(&doc, p->value);
		if (k == NULL || k->type != YAML_SCALAR_NODE)
			continue;
		if (strcmp((char *)k->data.scalar.value, "topics") == 0)
			list = v;
		else if (strcmp((char *)k->data.scalar.value, "version") != 0)
			terr(&c, k, D_TOPICS_FIELD, "unknown field '%s'",
			    (char *)k->data.scalar.value);
	}
	if (list == NULL || list->type != YAML_SEQUENCE_NODE) {
		terr(&c, list ? list : root, D_TOPICS_SYNTAX, "%s",
		    "'topics' must be a list of topics");
		goto done;
	}
	for (it = list->data.sequence.items.start;
	    it < list->data.sequence.items.top; it++) {
		if ((e = yaml_document_get_node(&doc, *it)) == NULL)
			continue;
		if (parse_topic(&c, e, &tp) == -1)
			continue;
		for (i = 0; i < t->n; i++)
			if (strcmp(t->v[i].id, tp.id) == 0)
				break;
		if (i < t->n) {
			diag(d, path, tp.line, (int)e->start_mark.column + 1,
			    D_TOPICS_DUP, "%s (first at line %d)", tp.id,
			    t->v[i].line);
			c.errors++;
			topic_release(&tp);
			continue;
		}
		t->v = xgrow(t->v, t->n, sizeof(*t->v));
		t->v[t->n++] = tp;
	}
	if (t->n == 0 && c.errors == 0)
		terr(&c, list, D_TOPICS_SYNTAX, "%s", "no topics");
done:
	yaml_document_delete(&doc);
	yaml_parser_delete(&parser);
	if (c.errors) {
		taxonomy_release(t);
		return -1;
	}
	t->path = xstrdup(path);
	return 0;
}

int
taxonomy_load(struct taxonomy *t, const char *path, struct diags *d)
{
	size_t len;
	char *bytes;
	int rc;

	memset(t, 0, sizeof(*t));
	if ((bytes = read_file(path, TOPICS_MAX_BYTES, &len, d)) == NULL)
		return -1;
	rc = taxonomy_load_mem(t, path, bytes, len, d);
	free(bytes);
	return rc;
}

void
taxonomy_release(struct taxonomy *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		topic_release(&t->v[i]);
	free(t->v);
	free(t->path);
	memset(t, 0, sizeof(*t));
}

long
taxonomy_find(const struct taxonomy *t, const char *id, size_t len)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (strlen(t->v[i].id) == len &&
		    memcmp(t->v[i].id, id, len) == 0)
			return (long)i;
	return -1;
}

/* ---- matching ---- */

static int
isalnum_ascii(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9');
}

static const char *
find_in(const char *s, size_t b, size_t e, const char *needle, size_t nlen)
{
	const char *p = s + b, *end = s + e;

	if (nlen == 0)
		return p;
	while ((size_t)(end - p) >= nlen) {
		const char *q = memchr(p, needle[0], (size_t)(end - p) - nlen + 1);

		if (q == NULL)
			return NULL;
		if (memcmp(q, needle, nlen) == 0)
			return q;
		p = q + 1;
	}
	return NULL;
}

/* End of the sentence starting at b: after 。, a newline or ". ", or e. */
static size_t
sentence_end(const char *s, size_t b, size_t e)
{
	static const char maru[] = "\xe3\x80\x82";	/* 。 */
	size_t i;

	for (i = b; i < e; i++) {
		if (s[i] == '\n')
			return i + 1;
		if (i + 3 <= e && memcmp(s + i, maru, 3) == 0)
			return i + 3;
		/*
		 * An English sentence: ". " after a word of two letters or
		 * more, so that "u.s. $100" and "e.g. " go on.
		 */
		if (s[i] == '.' && i + 1 < e && s[i + 1] == ' ' && i >= b + 2 &&
		    isalnum_ascii(s[i - 1]) && isalnum_ascii(s[i - 2]))
			return i + 2;
	}
	return e;
}

/*
 * Is s[at] inside the caption of a reference, 第10条(反社会的勢力の排除)?
 * Such words name another article; they say nothing about this one.
 */
static int
in_ref_caption(const char *s, size_t b, size_t at)
{
	static const char jo[] = "\xe6\x9d\xa1";	/* 条 */
	size_t i = at;

	while (i > b) {
		i--;
		if (s[i] == ')' || s[i] == '\n')
			return 0;
		if (s[i] == '(')
			return i >= b + 3 && memcmp(s + i - 3, jo, 3) == 0;
	}
	return 0;
}

/*
 * The first occurrence of the keyword k (klen bytes) in s[b, e) that is a
 * word of its own where it has ASCII letters: a keyword starting with a
 * letter or digit must not follow one ("formation" is not found in
 * "information"), and one ending with a letter must not be followed by
 * one, except a plural "s" ("limitation" finds "limitations").  A keyword
 * ending in "*" is a stem ("terminat*" finds "terminate", "termination").
 * Japanese text has no spaces; there only the bytes decide.
 */
static const char *
word_find(const char *s, size_t b, size_t e, const char *k, size_t klen)
{
	const char *hit, *end = s + e;
	size_t pos = b, after;
	int stem = klen > 1 && k[klen - 1] == '*';

	if (stem)
		klen--;
	while ((hit = find_in(s, pos, e, k, klen)) != NULL) {
		pos = (size_t)(hit - s) + 1;
		if (isalnum_ascii(k[0]) && hit > s && isalnum_ascii(hit[-1]))
			continue;
		if (in_ref_caption(s, b, (size_t)(hit - s)))
			continue;
		if (stem || !isalnum_ascii(k[klen - 1]))
			return hit;
		after = (size_t)(hit - s) + klen;
		if (s + after >= end || !isalnum_ascii(s[after]))
			return hit;
		if (s[after] == 's' && (s + after + 1 >= end ||
		    !isalnum_ascii(s[after + 1])))
			return hit;
	}
	return NULL;
}

/* The length a keyword's match covers: its bytes without a stem's "*". */
static size_t
word_len(const char *k, size_t klen)
{
	return klen > 1 && k[klen - 1] == '*' ? klen - 1 : klen;
}

/* All parts of pattern, in order, inside s[b, e)? */
static int
parts_match(const char *pattern, const char *s, size_t b, size_t e,
    size_t *at)
{
	const char *part = pattern, *sep, *hit;
	size_t plen, pos = b;
	int first = 1;

	for (;;) {
		sep = strstr(part, "...");
		plen = sep ? (size_t)(sep - part) : strlen(part);
		if (plen > 0) {
			if ((hit = word_find(s, pos, e, part, plen)) == NULL)
				return 0;
			if (first) {
				*at = (size_t)(hit - s);
				first = 0;
			}
			pos = (size_t)(hit - s) + word_len(part, plen);
		}
		if (sep == NULL)
			break;
		part = sep + 3;
	}
	if (first)
		*at = b;
	return 1;
}

int
excluded(const struct topic *tp, const char *s, size_t b, size_t e)
{
	size_t k;

	for (k = 0; k < tp->nexcludes; k++)
		if (word_find(s, b, e, tp->excludes[k],
		    strlen(tp->excludes[k])) != NULL)
			return 1;
	return 0;
}

size_t
pattern_sentence(const struct topic *tp, const char *pattern,
    const struct tagged *a, size_t k, size_t *at)
{
	for (; k < a->nsent; k++)
		if (parts_match(pattern, a->norm, SENT_B(a, k), SENT_E(a, k),
		    at) && !excluded(tp, a->norm, SENT_B(a, k), SENT_E(a, k)))
			return k;
	return a->nsent;
}

static int
caption_match(const char *kw, const char *caption)
{
	if (kw[0] == '=')
		return strcmp(kw + 1, caption) == 0;
	return word_find(caption, 0, strlen(caption), kw, strlen(kw)) != NULL;
}

/* ---- article text ---- */

/*
 * One node's text as one line.  A line break inside it is the source's
 * wrapping (a soft break), not the end of a sentence: between two
 * characters beyond ASCII (Japanese wrapped mid-phrase) it is dropped,
 * elsewhere it is a space, as a browser shows it.
 */
static void
put_text(struct buf *b, const char *s)
{
	const char *nl;

	if (s == NULL || *s == '\0')
		return;
	while ((nl = strchr(s, '\n')) != NULL) {
		buf_put(b, s, (size_t)(nl - s));
		if (!(nl > s && (unsigned char)nl[-1] >= 0x80 &&
		    (unsigned char)nl[1] >= 0x80))
			buf_putc(b, ' ');
		s = nl + 1;
	}
	buf_puts(b, s);
	buf_putc(b, '\n');
}

/* orig: every text below the article, one line per node (tables by row). */
static char *
article_text(const struct node *art)
{
	const struct node *n;
	struct buf b;
	size_t r, col;

	buf_init(&b);
	for (n = art->first ? art->first : NULL; n != NULL;
	    n = node_next(n, art)) {
		if (n->type == N_TABLE && n->table != NULL) {
			for (r = 0; r < n->table->nrows; r++) {
				for (col = 0; col < n->table->ncols; col++) {
					if (col)
						buf_puts(&b, " | ");
					buf_puts(&b, n->table->cells[
					    r * n->table->ncols + col]);
				}
				buf_putc(&b, '\n');
			}
		} else
			put_text(&b, n->text);
	}
	return buf_detach(&b);
}

/*
 * NFKC one code point at a time, remembering where each output byte came
 * from.  Composition across code points (a base letter and a combining
 * mark) is lost; terms text has none that matter for matching.
 */
/* Is the code point at s a voicing or combining mark?  *n: its length. */
static int
is_mark(const char *s, size_t len, size_t *n)
{
	int32_t cp;

	*n = utf8_next(s, len, &cp);
	return *n > 0 && (cp == 0xff9e || cp == 0xff9f ||
	    (cp >= 0x3099 && cp <= 0x309c) || (cp >= 0x0300 && cp <= 0x036f));
}

static void
normalize(struct tagged *a)
{
	struct buf out;
	size_t i = 0, len = strlen(a->orig), cap = len + 16, n, k, olen;
	int32_t cp;
	char *piece;

	buf_init(&out);
	a->map = xreallocarray(NULL, cap, sizeof(*a->map));
	while (i < len) {
		n = utf8_next(a->orig + i, len - i, &cp);
		if (n == 0)
			n = 1;
		/* ASCII, kana and common kanji are their own NFKC. */
		if ((unsigned char)a->orig[i] < 0x80 ||
		    (cp >= 0x3041 && cp <= 0x3096) ||
		    (cp >= 0x30a1 && cp <= 0x30fa) ||
		    (cp >= 0x4e00 && cp <= 0x9fff)) {
			piece = NULL;
			olen = n;
		} else {
			/*
			 * With the voicing or combining marks that follow:
			 * ﾋﾞ is ビ only when normalized together.
			 */
			while (i + n < len && is_mark(a->orig + i + n,
			    len - i - n, &k))
				n += k;
			piece = text_nfkc(a->orig + i, n);
			olen = piece ? strlen(piece) : n;
		}
		if (out.len + olen + 1 > cap) {
			cap = (out.len + olen + 1) * 2;
			a->map = xreallocarray(a->map, cap, sizeof(*a->map));
		}
		for (k = 0; k < olen; k++)
			a->map[out.len + k] = i;
		buf_put(&out, piece ? piece : a->orig + i, olen);
		free(piece);
		i += n;
	}
	a->map[out.len] = len;
	a->normlen = out.len;
	fold_ascii(out.data, out.len);
	a->norm = buf_detach(&out);
}

/*
 * Split a's text into sentences, once: every topic and pattern, and the
 * values after them, work on these bounds (issue 17: the matrix step is
 * linear in documents times topics).
 */
static void
split_sentences(struct tagged *a)
{
	size_t b, e;

	for (b = 0; b < a->normlen; b = e) {
		e = sentence_end(a->norm, b, a->normlen);
		/* A sentence keeps its line end: no empty sentence after 。 */
		if (e < a->normlen && a->norm[e] == '\n' &&
		    a->norm[e - 1] != '\n')
			e++;
		a->sent = xgrow(a->sent, a->nsent, sizeof(*a->sent));
		a->sent[a->nsent++] = e;
	}
}

/*
 * Headings below an article that the structure keeps as paragraphs
 * ("c. Limitation of Liability", a bold line): a short paragraph that does
 * not end like a sentence.  Their words are caption evidence too.
 */
static int
is_subcaption(const struct node *n)
{
	size_t len;
	char last;

	if (n->type != N_PARAGRAPH || n->text == NULL ||
	    !isalnum_ascii(n->text[0]))
		return 0;
	len = strlen(n->text);
	if (len == 0 || len > 80 || strstr(n->text, "\xe3\x80\x82") != NULL)
		return 0;
	last = n->text[len - 1];
	return last != '.' && last != ':' && last != ';' && last != ',';
}

/*
 * Only English-style lines (they start with a letter or digit: Japanese
 * articles put their headings in the caption).  Where such lines are half
 * the paragraphs or more, the article is a list of headings (a table of
 * contents), and none counts.
 */
static void
subcaptions(struct tagged *a)
{
	const struct node *n;
	size_t npara = 0, i;

	for (n = a->article->first; n != NULL; n = node_next(n, a->article)) {
		if (n->type == N_PARAGRAPH)
			npara++;
		if (is_subcaption(n)) {
			a->subcaps = xgrow(a->subcaps, a->nsubcaps,
			    sizeof(*a->subcaps));
			a->subcaps[a->nsubcaps++] = keyword(n->text);
		}
	}
	if (a->nsubcaps * 2 >= npara && a->nsubcaps > 1) {
		for (i = 0; i < a->nsubcaps; i++)
			free(a->subcaps[i]);
		free(a->subcaps);
		a->subcaps = NULL;
		a->nsubcaps = 0;
	}
}

/* Does one of the topic's caption keywords match the caption or a
 * subcaption? */
static int
captioned(const struct topic *tp, const struct tagged *a)
{
	size_t j, k;

	for (j = 0; j < tp->ncaptions; j++) {
		if (caption_match(tp->captions[j], a->caption))
			return 1;
		for (k = 0; k < a->nsubcaps; k++)
			if (caption_match(tp->captions[j], a->subcaps[k]))
				return 1;
	}
	return 0;
}

/* ---- markers ---- */

/*
 * Apply a marker's words to set: "=" drops what was found automatically,
 * "+id" (or a bare "id") adds, "-id" removes.  With d, bad words are reported (once per
 * marker: the caller passes d only for the marker's own node).
 */
static void
apply_marker(const struct taxonomy *t, const struct node *h,
    unsigned char *set, const char *path, struct diags *d)
{
	const char *s = h->topics, *w, *id;
	size_t len, idlen, j;
	long k;
	int op;

	while (*s != '\0') {
		while (*s == ' ' || *s == '\t' || *s == '\n')
			s++;
		if (*s == '\0')
			break;
		for (w = s; *s != '\0' && *s != ' ' && *s != '\t' &&
		    *s != '\n'; s++)
			;
		len = (size_t)(s - w);
		if (len == 1 && w[0] == '=') {
			memset(set, TAG_NONE, t->n);
			continue;
		}
		op = w[0] == '+' || w[0] == '-' ? w[0] : 0;
		id = op ? w + 1 : w;
		idlen = op ? len - 1 : len;
		for (j = 0; j < idlen && ((id[j] >= 'a' && id[j] <= 'z') ||
		    (id[j] >= '0' && id[j] <= '9') || id[j] == '-'); j++)
			;
		if (idlen == 0 || j < idlen) {
			if (d != NULL)
				diag(d, path, h->topics_line, h->topics_col,
				    D_TOPIC_MARKER, "%.*s", (int)len, w);
			continue;
		}
		if ((k = taxonomy_find(t, id, idlen)) == -1) {
			if (d != NULL)
				diag(d, path, h->topics_line, h->topics_col,
				    D_TOPIC_UNKNOWN, "%.*s", (int)idlen, id);
			continue;
		}
		set[k] = op == '-' ? TAG_NONE : TAG_MARK;
	}
}

void
topics_classify(struct tagging *g, const struct taxonomy *t,
    const struct doc *doc, struct diags *d)
{
	const struct node *n, *h, *chain[16];
	struct tagged *a;
	size_t i, at, nchain;

	memset(g, 0, sizeof(*g));
	g->ntopics = t->n;
	for (n = doc->root; n != NULL; n = node_next(n, doc->root)) {
		/* Report each marker's problems once, where it is written. */
		if (n->topics != NULL) {
			unsigned char *scratch = xcalloc(t->n ? t->n : 1, 1);

			apply_marker(t, n, scratch, doc->path, d);
			free(scratch);
		}
		if (n->type != N_ARTICLE)
			continue;
		g->v = xgrow(g->v, g->n, sizeof(*g->v));
		a = &g->v[g->n++];
		memset(a, 0, sizeof(*a));
		a->article = n;
		a->caption = n->caption ? keyword(n->caption) : xstrdup("");
		a->orig = article_text(n);
		normalize(a);
		split_sentences(a);
		g->nsplit += a->nsent;
		subcaptions(a);
		a->set = xcalloc(t->n ? t->n : 1, 1);
		for (i = 0; i < t->n; i++) {
			const struct topic *tp = &t->v[i];
			size_t j;

			if (captioned(tp, a))
				a->set[i] = TAG_CAPTION;
			for (j = 0; j < tp->npatterns && !a->set[i]; j++)
				if (pattern_sentence(tp, tp->patterns[j], a, 0,
				    &at) < a->nsent)
					a->set[i] = TAG_TEXT;
		}
		/* Markers from the outermost division inwards. */
		nchain = 0;
		for (h = n; h != NULL && nchain < 16; h = h->parent)
			if (h->topics != NULL)
				chain[nchain++] = h;
		while (nchain > 0)
			apply_marker(t, chain[--nchain], a->set, doc->path,
			    NULL);
	}
}

void
tagging_release(struct tagging *g)
{
	size_t i, j;

	for (i = 0; i < g->n; i++) {
		free(g->v[i].caption);
		for (j = 0; j < g->v[i].nsubcaps; j++)
			free(g->v[i].subcaps[j]);
		free(g->v[i].subcaps);
		free(g->v[i].orig);
		free(g->v[i].norm);
		free(g->v[i].map);
		free(g->v[i].sent);
		free(g->v[i].set);
	}
	free(g->v);
	memset(g, 0, sizeof(*g));
}
