/*
 * Baselines of accepted findings: see baseline.h.
 */
#include <stdlib.h>
#include <string.h>

#include "baseline.h"
#include "buf.h"
#include "clause.h"
#include "diag.h"
#include "doc.h"
#include "source.h"
#include "xalloc.h"

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
baseline_load(struct baseline *b, const char *path, struct diags *d)
{
	char *text, *p, *nl;
	size_t len;
	int line = 0, tabs, rc = 0;

	memset(b, 0, sizeof(*b));
	if ((text = read_file(path, 0, &len, d)) == NULL)
		return -1;
	for (p = text; *p != '\0'; p = nl) {
		line++;
		if ((nl = strchr(p, '\n')) != NULL)
			*nl++ = '\0';
		else
			nl = p + strlen(p);
		if (*p == '#' || *p == '\0')
			continue;
		for (tabs = 0, len = 0; p[len] != '\0'; len++)
			tabs += p[len] == '\t';
		if (tabs != 3) {
			diag(d, path, line, 1, D_BASELINE, "expected code, "
			    "document, clause and text separated by tabs");
			rc = -1;
			continue;
		}
		b->keys = xgrow(b->keys, b->n, sizeof(*b->keys));
		b->keys[b->n++] = xstrdup(p);
	}
	free(text);
	if (b->n > 1)
		qsort(b->keys, b->n, sizeof(*b->keys), cmp_str);
	b->used = xcalloc(b->n ? b->n : 1, 1);
	return rc;
}

void
baseline_release(struct baseline *b)
{
	size_t i;

	for (i = 0; i < b->n; i++)
		free(b->keys[i]);
	free(b->keys);
	free(b->used);
	memset(b, 0, sizeof(*b));
}

/*
 * The clause at a line: the last node, in document order, that starts on
 * or before it (a finding at an article's heading is the article's, one
 * in its second paragraph the paragraph's).  Nodes come in line order.
 */
static const char *
clause_at(const struct doc *doc, int line)
{
	const struct node *n, *hit = NULL;

	if (doc->root == NULL || line <= 0)
		return "-";
	for (n = doc->root->first; n != NULL; n = node_next(n, doc->root)) {
		if (n->line > line)
			break;
		if (n->id != NULL)
			hit = n;
	}
	return hit != NULL ? hit->id : "-";
}

/* The document a finding is about: its loaded doc, or NULL. */
static const struct doc *
doc_of(const struct diag *x, const struct corpus *c, char **escaped)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		if (strcmp(escaped[i], x->path) == 0)
			return c->docs[i];
	return NULL;
}

/*
 * "code\tdocument\tclause\tdetail": the detail with every number after
 * "line " blanked, since details name other lines ("(first at line 52)").
 */
static char *
key_of(const struct diag *x, const struct corpus *c, char **escaped)
{
	const struct doc *doc = doc_of(x, c, escaped);
	const char *p;
	struct buf b;

	buf_init(&b);
	buf_printf(&b, "%s\t", diag_name(x->code));
	if (doc != NULL)
		buf_printf(&b, "%s/%s/%s\t%s\t", doc->meta.provider,
		    doc->meta.document, doc->meta.revision,
		    clause_at(doc, x->line));
	else
		buf_printf(&b, "%s\t-\t", x->path);
	for (p = x->detail ? x->detail : ""; *p != '\0'; p++) {
		buf_putc(&b, *p);
		if (strncmp(p, "line ", 5) == 0 && p[5] >= '0' && p[5] <= '9') {
			buf_puts(&b, "ine #");
			for (p += 5; p[1] >= '0' && p[1] <= '9'; p++)
				continue;
		}
	}
	return buf_detach(&b);
}

static char **
escape_paths(const struct corpus *c)
{
	char **v = xreallocarray(NULL, c->n + 1, sizeof(*v));
	size_t i;

	for (i = 0; i < c->n; i++)
		v[i] = diag_escape(c->docs[i]->path);
	return v;
}

static void
free_paths(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

struct apply {
	struct baseline		*b;
	const struct corpus	*c;
	char			**escaped;
};

/* Keep x unless an unused key of the baseline equals its key. */
static int
keep_new(const struct diag *x, void *arg)
{
	struct apply *a = arg;
	size_t lo = 0, hi = a->b->n, mid;
	char *k;
	int found = 0;

	if (diag_level(x->code) >= DL_FATAL)
		return 1;
	k = key_of(x, a->c, a->escaped);
	while (lo < hi) {	/* the first key >= k */
		mid = lo + (hi - lo) / 2;
		if (strcmp(a->b->keys[mid], k) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < a->b->n && strcmp(a->b->keys[lo], k) == 0; lo++)
		if (!a->b->used[lo]) {
			a->b->used[lo] = 1;
			found = 1;
			break;
		}
	free(k);
	return !found;
}

size_t
baseline_apply(struct baseline *b, struct diags *d, const struct corpus *c)
{
	struct apply a;
	size_t n;

	a.b = b;
	a.c = c;
	a.escaped = escape_paths(c);
	n = diags_filter(d, keep_new, &a);
	free_paths(a.escaped, c->n);
	return n;
}

size_t
baseline_stale(const struct baseline *b)
{
	size_t i, n = 0;

	for (i = 0; i < b->n; i++)
		n += !b->used[i];
	return n;
}

char *
baseline_text(const struct diags *d, const struct corpus *c, size_t *len)
{
	char **escaped = escape_paths(c), **keys;
	struct buf b;
	size_t i, n = 0;

	keys = xreallocarray(NULL, d->n + 1, sizeof(*keys));
	for (i = 0; i < d->n; i++)
		if (diag_level(d->v[i].code) < DL_FATAL)
			keys[n++] = key_of(&d->v[i], c, escaped);
	free_paths(escaped, c->n);
	if (n > 1)
		qsort(keys, n, sizeof(*keys), cmp_str);
	buf_init(&b);
	buf_puts(&b, "# termc check baseline: accepted findings, one a line:\n"
	    "# code, document, clause, text (tab-separated).  Written by\n"
	    "# termc check --write-baseline; read by --baseline.\n");
	for (i = 0; i < n; i++) {
		buf_printf(&b, "%s\n", keys[i]);
		free(keys[i]);
	}
	free(keys);
	*len = b.len;
	return buf_detach(&b);
}
