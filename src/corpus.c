/*
 * Loading a collection of terms files: walk directories, keep *.md files,
 * sort by path so that every run sees them in the same order, parse each.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "doc.h"
#include "xalloc.h"

struct names {
	char	**v;
	size_t	  n;
};

static void
add_name(struct names *ns, char *s)
{
	ns->v = xgrow(ns->v, ns->n, sizeof(*ns->v));
	ns->v[ns->n++] = s;
}

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Provider, document, revision, then path: the order every stage expects. */
static int
cmp_docs(const void *a, const void *b)
{
	const struct doc *x = *(const struct doc *const *)a;
	const struct doc *y = *(const struct doc *const *)b;
	int r;

	if ((r = strcmp(x->meta.provider, y->meta.provider)) != 0 ||
	    (r = strcmp(x->meta.document, y->meta.document)) != 0 ||
	    (r = strcmp(x->meta.revision, y->meta.revision)) != 0)
		return r;
	return strcmp(x->path, y->path);
}

/* Collect *.md files below dir; depth bounds symlink loops and abuse. */
static int
walk(const char *dir, int depth, struct names *ns, struct diags *d)
{
	DIR *dp;
	struct dirent *de;
	struct stat st;
	struct buf path;
	size_t n;

	if (depth > 8)
		return 0;
	if ((dp = opendir(dir)) == NULL) {
		diag(d, dir, 0, 0, D_IO, "%s", strerror(errno));
		return -1;
	}
	while ((de = readdir(dp)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		buf_init(&path);
		buf_printf(&path, "%s/%s", dir, de->d_name);
		if (stat(path.data, &st) == -1) {
			buf_release(&path);
			continue;
		}
		n = strlen(de->d_name);
		if (S_ISDIR(st.st_mode)) {
			walk(path.data, depth + 1, ns, d);
			buf_release(&path);
		} else if (S_ISREG(st.st_mode) && n > 3 &&
		    strcmp(de->d_name + n - 3, ".md") == 0)
			add_name(ns, buf_detach(&path));
		else
			buf_release(&path);
	}
	closedir(dp);
	return 0;
}

int
corpus_load(struct corpus *c, char *const *paths, size_t npaths,
    struct diags *d)
{
	struct names ns = { NULL, 0 };
	struct stat st;
	struct doc *doc;
	size_t i;
	int rc = 0;

	memset(c, 0, sizeof(*c));
	for (i = 0; i < npaths; i++) {
		if (stat(paths[i], &st) == -1) {
			diag(d, paths[i], 0, 0, D_IO, "%s", strerror(errno));
			rc = -1;
		} else if (S_ISDIR(st.st_mode)) {
			size_t len = strlen(paths[i]);
			char *dir = xstrdup(paths[i]);

			while (len > 1 && dir[len - 1] == '/')
				dir[--len] = '\0';
			if (walk(dir, 0, &ns, d) == -1)
				rc = -1;
			free(dir);
		} else
			add_name(&ns, xstrdup(paths[i]));
	}
	if (ns.n > 1)	/* qsort(NULL, 0, …) is undefined */
		qsort(ns.v, ns.n, sizeof(*ns.v), cmp_names);
	for (i = 0; i < ns.n; i++) {
		if ((doc = doc_load(ns.v[i], d)) != NULL) {
			c->docs = xgrow(c->docs, c->n, sizeof(*c->docs));
			c->docs[c->n++] = doc;
		}
		free(ns.v[i]);
	}
	free(ns.v);
	if (c->n > 1)
		qsort(c->docs, c->n, sizeof(*c->docs), cmp_docs);
	for (i = 1; i < c->n; i++)
		if (doc_same_document(c->docs[i - 1], c->docs[i]) &&
		    strcmp(c->docs[i - 1]->meta.revision,
		    c->docs[i]->meta.revision) == 0)
			diag(d, c->docs[i]->path, c->docs[i]->meta.revision_line,
			    1, D_DUP_REVISION, "%s/%s %s, also in %s",
			    c->docs[i]->meta.provider,
			    c->docs[i]->meta.document,
			    c->docs[i]->meta.revision, c->docs[i - 1]->path);
	return rc;
}

size_t
corpus_group_end(const struct corpus *c, size_t i)
{
	size_t end;

	for (end = i + 1; end < c->n &&
	    doc_same_document(c->docs[end], c->docs[i]); end++)
		;
	return end;
}

void
corpus_release(struct corpus *c)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		doc_free(c->docs[i]);
	free(c->docs);
	memset(c, 0, sizeof(*c));
}
