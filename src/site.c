/*
 * termc build: load every terms file, report, and publish the site.
 *
 * A terms file with an error (with --strict, a warning) is left out and
 * the pages it had stay as they were; every other document is published.
 * The site is written page by page into a staging tree and switched in
 * whole (outtree.h): the output folder holds exactly the documents of
 * this build and the kept pages of the failed ones, or, when anything
 * fails that belongs to no single document (a template, topics.yaml, a
 * write), the previous output as it was.
 *
 * Documents are built one at a time (struct build, below), and each is
 * kept in the build cache (cache.h) so that the next build makes only
 * what changed; --part builds a share of them into the cache alone.
 */
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <ctype.h>
#include <errno.h>
#include <signal.h>
#include <getopt.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "assets.h"
#include "buf.h"
#include "cache.h"
#include "check.h"
#include "cli.h"
#include "diag.h"
#include "diff.h"
#include "doc.h"
#include "feed.h"
#include "html.h"
#include "matrix.h"
#include "hmap.h"
#include "outtree.h"
#include "par.h"
#include "pool.h"
#include "progress.h"
#include "source.h"
#include "search.h"
#include "timeline.h"
#include "search.h"
#include "timeline.h"
#include "topics.h"
#include "version.h"
#include "xalloc.h"

#define STR_(x)	#x
#define STR(x)	STR_(x)

/* -j: processes that build documents (run_workers()). */
#define MAX_JOBS	64
#define MAX_JOBS_S	"64"
#define DEFAULT_JOBS	8

static const char build_usage[] =
    "usage: termc build [-o DIR] [--templates DIR] [--base-url URL] [--strict]\n"
    "                   [--cache DIR | --no-cache] [--part K/N] [-j N]\n"
    "                   [--matrix-columns N]\n"
    "                   [TERMS_DIR|FILE ...]\n\n"
    "Compile terms files (default: terms/) into a published site:\n"
    "DIR/index.html, one page per revision at\n"
    "DIR/<provider>/<document>/<revision>.html, a 新旧対照表 for each pair\n"
    "of consecutive revisions at DIR/<provider>/<document>/diff-OLD-NEW.html,\n"
    "DIR/style.css, and Atom feeds of the revisions: DIR/feed.atom (the\n"
    "100 newest) and DIR/<provider>/<document>/feed.atom (all).\n"
    "It runs the checks of termc check first: findings go to standard\n"
    "error; warnings do not stop the build.  A file with errors (and,\n"
    "with --strict, warnings) is left out, its pages stay as they were,\n"
    "every other document is published, and the exit status is 1.\n"
    "With TERMS_DIR/topics.yaml also the comparison matrix:\n"
    "DIR/matrix.html, matrix.csv, matrix.json (and matrix.js, matrix.css);\n"
    "a matrix of more columns than one page holds is cut into pages\n"
    "DIR/matrix-1.html, matrix-2.html …, and matrix.html is their index,\n"
    "as matrix.json is of matrix-1.json, matrix-2.json ….\n\n"
    "  -o, --output DIR   output directory (default: out)\n"
    "  --templates DIR    page templates (default: the nearest\n"
    "                     templates/ above the input)\n"
    "  --base-url URL     the site's public http(s) URL: absolute links in\n"
    "                     the feeds, and DIR/sitemap.xml\n"
    "  --strict           treat warnings as errors\n"
    "  --cache DIR        the build cache (default: DIR.cache beside the\n"
    "                     output): unchanged documents are not made again\n"
    "  --no-cache         build without the cache\n"
    "  --part K/N         build every N-th provider from the K-th into the\n"
    "                     cache only; a build with that cache assembles\n"
    "  -j, --jobs N       build the documents the cache lacks in N processes,\n"
    "                     a long document on two threads unless N is 1\n"
    "                     (default: the online cores, at most 8)\n"
    "  --matrix-columns N at most N documents on one matrix page\n"
    "                     (default: " STR(MATRIX_PAGE_COLUMNS) ")\n"
    "  --help             show this help\n";

/*
 * Each file is written into the staging tree as soon as it is rendered,
 * and freed: a build holds one page at a time, not the site.  The tree
 * is switched in only when all of it was written (outtree.h): a template
 * or asset that cannot be read, or a write that fails, leaves the
 * previous output as it was.
 */
struct stage {
	struct outtree	*t;
	struct diags	*d;
	int		 rc;	/* -1 after the first failed write */
	/* While a document's files are also kept in the build cache: */
	struct cache	*cache;
	const char	*key;		/* its entry, or NULL */
	int		 kept;		/* -1 when one could not be kept */
	char		**rels;		/* the files kept */
	size_t		 nrels;
};

/* Write a file into the new tree; takes rel and frees it, data stays. */
static void
stage_put(struct stage *st, char *rel, const char *data, size_t len)
{
	char *path;
	int rc;

	/* A part of a build (--part) keeps its files in the cache only. */
	if (st->rc == 0 && st->t != NULL)
		st->rc = outtree_write(st->t, rel, data, len, st->d);
	if (st->rc == 0 && st->key != NULL && st->kept == 0) {
		/*
		 * The page just written is linked, not written again; a
		 * hand-over cache keeps no files: it stays in the tree.
		 */
		rc = -1;
		path = cache_file(st->cache, st->key, st->nrels);
		if (path == NULL)
			rc = 0;
		else if (st->t != NULL)
			rc = outtree_link_out(st->t, rel, path);
		free(path);
		if (rc == -1 && cache_put_file(st->cache, st->key, st->nrels,
		    data, len) == -1)
			st->kept = -1;
		else {
			st->rels = xgrow(st->rels, st->nrels,
			    sizeof(*st->rels));
			st->rels[st->nrels++] = rel;
			rel = NULL;
		}
	}
	free(rel);
}

/* stage_put(), and data freed. */
static void
stage_add(struct stage *st, char *rel, char *data, size_t len)
{
	stage_put(st, rel, data, len);
	free(data);
}

/*
 * The documents a build leaves out, as "provider/document/revision": the
 * pages they had stay.  Owns the strings.
 */
struct failed {
	char	**v;
	size_t	  n;
};

/*
 * Is name, in its document's folder, a page of revision rev: rev.html,
 * or a 新旧対照表 diff-REV-OTHER.html or diff-OTHER-REV.html?
 */
static int
page_of(const char *name, const char *rev)
{
	size_t r = strlen(rev);

	if (strncmp(name, rev, r) == 0 && strcmp(name + r, ".html") == 0)
		return 1;
	if (strncmp(name, "diff-", 5) != 0 || strlen(name) != 5 + 2 * r + 6)
		return 0;
	return (strncmp(name + 5, rev, r) == 0 && name[5 + r] == '-') ||
	    (name[5 + r] == '-' && strncmp(name + 6 + r, rev, r) == 0);
}

/* Carry the previous pages of each failed document into the new tree. */
static int
keep_failed(struct outtree *t, const struct failed *f, struct diags *d)
{
	struct buf dir, rel;
	const char *rev;
	char **names;
	size_t i, j, n;
	int rc = 0;

	for (i = 0; i < f->n && rc == 0; i++) {
		rev = strrchr(f->v[i], '/') + 1;
		buf_init(&dir);
		buf_put(&dir, f->v[i], (size_t)(rev - 1 - f->v[i]));
		names = outtree_previous(t, dir.data, &n);
		for (j = 0; j < n; j++) {
			if (rc == 0 && page_of(names[j], rev)) {
				buf_init(&rel);
				buf_printf(&rel, "%s/%s", dir.data, names[j]);
				rc = outtree_keep(t, rel.data, d);
				buf_release(&rel);
			}
			free(names[j]);
		}
		free(names);
		buf_release(&dir);
	}
	return rc;
}

/*
 * Carry the kept pages of the failed documents into the new tree and
 * switch it in; on any failure the output stays as it was.
 */
static int
stage_commit(struct stage *st, const struct failed *f)
{
	if (st->rc == 0)
		st->rc = keep_failed(st->t, f, st->d);
	if (st->rc == 0)
		st->rc = outtree_commit(st->t, st->d);
	return st->rc;
}

/* Links the build collects for the index; it owns the strings. */
struct links {
	struct page_link	*v;
	size_t			 n, cap;
};

static void
links_add(struct links *l, char *label, char *href, char *group)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 16;
		l->v = xreallocarray(l->v, l->cap, sizeof(*l->v));
	}
	l->v[l->n].label = label;
	l->v[l->n].href = href;
	l->v[l->n].group = group;
	l->n++;
}

static void
links_free(struct page_link *v, size_t n)
{
	while (n-- > 0) {
		free((char *)v[n].label);
		free((char *)v[n].href);
		free((char *)v[n].group);
	}
}

static void
links_release(struct links *l)
{
	links_free(l->v, l->n);
	free(l->v);
}

/*
 * "新旧対照表（OLD → NEW）", or "Changes (OLD → NEW)" for a document
 * not in Japanese, the dates written as its pages write them.  Caller
 * frees.
 */
static char *
diff_label(const struct doc *a, const struct doc *b)
{
	const char *lang = b->meta.lang;
	int ja = lang != NULL && strncmp(lang, "ja", 2) == 0;
	char *da = html_date(a->meta.revision, ja, 0);
	char *db = html_date(b->meta.revision, ja, 0);
	struct buf l;

	buf_init(&l);
	buf_printf(&l, ja ? "新旧対照表（%s → %s）" : "Changes (%s → %s)",
	    da, db);
	free(da);
	free(db);
	return buf_detach(&l);
}

/* "diff-OLD-NEW.html", caller frees. */
static char *
diff_file(const struct doc *a, const struct doc *b)
{
	struct buf l;

	buf_init(&l);
	buf_printf(&l, "diff-%s-%s.html", a->meta.revision, b->meta.revision);
	return buf_detach(&l);
}

/*
 * "provider/document/revision" of a terms file that could not be read, from
 * a path ending in <provider>/<document>/<YYYY-MM-DD>.md; NULL for other
 * paths (their pages, if any, cannot be known).  Caller frees.
 */
static char *
path_key(const char *path)
{
	const char *seg[3], *end = path + strlen(path), *q;
	char *key, *p, *s;
	size_t k;

	if (end - path < 3 || strcmp(end - 3, ".md") != 0)
		return NULL;
	end -= 3;
	for (k = 3; k-- > 0; end = q - 1) {
		for (q = end; q > path && q[-1] != '/'; q--)
			;
		if (q == path && k > 0)
			return NULL;
		seg[k] = q;
	}
	key = xstrndup(seg[0], (size_t)(path + strlen(path) - 3 - seg[0]));
	/* key is "provider/document/YYYY-MM-DD": check each part. */
	p = strchr(key, '/');
	*p = '\0';
	s = strchr(p + 1, '/');
	*s = '\0';
	if (!is_slug(key) || !is_slug(p + 1) || !is_date(s + 1)) {
		free(key);
		return NULL;
	}
	*p = *s = '/';
	return key;
}

static void
failed_release(struct failed *f)
{
	while (f->n > 0)
		free(f->v[--f->n]);
	free(f->v);
}

/*
 * Stage a template-side file (style sheet, script) for the output root:
 * from tpldir, or built in when tpldir is NULL.
 */
static int
stage_asset(struct stage *st, const char *tpldir, const char *name,
    struct diags *d)
{
	size_t len;
	char *data, *path;

	data = asset_read(tpldir, name, &len, &path, d);
	free(path);
	if (data == NULL)
		return -1;
	stage_add(st, xstrdup(name), data, len);
	return 0;
}

/*
 * A build goes through the corpus one document at a time (the revisions
 * of one provider's document, oldest first): load, check, sort out,
 * publish its pages, 新旧対照表 and feed, hand its newest revision to
 * the matrix, and free the trees.  What stays for the index, the site's
 * feed, the sitemap and the matrix is each published revision's front
 * matter (doc_strip()), its diff summary and the matrix cells: memory
 * follows the largest document (the largest provider, for the matrix,
 * whose supplements share a column), not the corpus.
 *
 * The diagnostics come out as a build that held the whole corpus would
 * record them: taxonomy and walk, loading in file order, dup-revision,
 * the checks in corpus order, publishing.  Each phase keeps its own list
 * and the lists are joined at the end.
 */
struct build {
	enum dlevel		 min;	/* findings that leave a file out */
	const struct taxonomy	*tax;
	const char		*outdir, *tpldir, *base;
	struct corpus		 heads;	/* every file's front matter, sorted */
	struct diags		*loadd;	/* loadd[i]: loading heads.files[i] */
	struct diags		 dupd, checkd, pubd, matd;
	struct hmap		 keys;	/* "p/d/r" of the revisions left out */
	struct failed		 f;	/* the same, owning the strings */
	int			 nopub;	/* a finding of no terms file */
	/* Publishing: */
	int			 state;	/* 0 not begun, 1 on, -1 stopped */
	struct stage		 st;
	struct templates	*t, *tdiff;
	struct corpus		 good;	/* published, stripped */
	char			**sums;	/* good.docs[j]'s diff summary, or
					   NULL where it starts a document */
	size_t			*nchg;	/* the clauses that diff changed */
	unsigned char		*wareki; /* good.docs[j] writes dates in an
					   era (html_uses_wareki), for the
					   index, which sees front matter */
	struct links		 idx;
	struct matrix		 m;
	size_t			 mcols;	/* columns on one matrix page */
	size_t			 ndocs;	/* documents in heads: a column
					   each at most */
	char			**colkey; /* m.cols[j]'s provider's matrix
					   cache key, or NULL: uncached */
	size_t			*colat;	/* m.cols[j]'s place among its
					   provider's columns */
	struct doc		**pend;	/* the current provider's newest
					   revisions, for the matrix */
	char			**pendkey; /* their documents' cache keys */
	size_t			 npend;
	/* The build cache (cache.h), or NULL: */
	struct cache		*cache;
	struct ckey		 salt;	/* all but the sources */
	const char		*taxpath; /* topics.yaml, when read */
	/* --part K/N: build providers K, K + N, … into the cache only. */
	size_t			 part, nparts;
	/*
	 * A worker (-j): want[i], the number (from 1) of the provider of
	 * heads.docs[i] among those the cache lacks, else 0; next and
	 * mine, par_take()'s.
	 */
	size_t			*want;
	size_t			*next;
	size_t			 mine;
	size_t			 jobs;	/* -j: processes that build */
	int			 handoff; /* cache is a hand-over one */
	struct ckey		 exe;	/* termc's bytes */
};

/* The index of path in heads.files (sorted), or nfiles. */
static size_t
file_index(const struct build *b, const char *path)
{
	size_t lo = 0, hi = b->heads.nfiles, mid;
	int r;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if ((r = strcmp(b->heads.files[mid], path)) == 0)
			return mid;
		if (r < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return b->heads.nfiles;
}

/* "provider/document/revision" of m; caller frees. */
static char *
meta_key(const struct meta *m)
{
	struct buf key;

	buf_init(&key);
	buf_printf(&key, "%s/%s/%s", m->provider, m->document, m->revision);
	return buf_detach(&key);
}

/* Leave out the revision key (taken; NULL: none to name). */
static void
leave_out(struct build *b, char *key)
{
	if (key == NULL)
		return;
	if (hmap_get(&b->keys, key) == NULL)
		hmap_put(&b->keys, key, key);
	b->f.v = xgrow(b->f.v, b->f.n, sizeof(*b->f.v));
	b->f.v[b->f.n++] = key;
}

/*
 * The files that cannot be read or whose front matter fails are no
 * document's: each with a finding at the build's level leaves out the
 * revision its path names.
 */
static void
sort_out_unread(struct build *b)
{
	const struct diags *d;
	size_t i, k;

	for (i = 0; i < b->heads.nfiles; i++) {
		d = &b->loadd[i];
		for (k = 0; k < d->n; k++)
			if (diag_level(d->v[k].code) >= b->min)
				break;
		if (k == d->n)
			continue;
		if (strcmp(d->v[k].path, b->heads.files[i]) != 0)
			b->nopub = 1;
		else
			leave_out(b, path_key(b->heads.files[i]));
	}
}

/*
 * Mark bad the files of heads.docs[lo, hi) that d's findings from index
 * from name at the build's level; a finding that names none of them
 * belongs to no document and stops publishing.
 */
static void
mark_bad(struct build *b, const struct diags *d, size_t from, size_t lo,
    size_t hi, struct hmap *bad)
{
	size_t k, i;

	for (k = from; k < d->n; k++) {
		if (diag_level(d->v[k].code) < b->min)
			continue;
		for (i = lo; i < hi; i++)
			if (strcmp(b->heads.docs[i]->path, d->v[k].path) == 0)
				break;
		if (i == hi)
			b->nopub = 1;
		else
			hmap_put(bad, b->heads.docs[i]->path, b->heads.docs[i]);
	}
}

/*
 * The matrix columns of the current provider's documents, cached under
 * the key made of its documents' keys: the columns in order, each with
 * its document and supplements (indices into pend) and its cells, and
 * the marker findings.
 */
static void
matrix_record(struct buf *r, const struct build *b, size_t first,
    size_t m0)
{
	const struct matrix *m = &b->m;
	const struct cell *c;
	size_t i, j, k, p;
	uint64_t bits;

	rec_u64(r, m->ncols - first);
	for (j = first; j < m->ncols; j++) {
		for (p = 0; p < b->npend && b->pend[p] != m->cols[j].doc; p++)
			;
		rec_u64(r, p);
		rec_u64(r, m->cols[j].nsupps);
		for (k = 0; k < m->cols[j].nsupps; k++) {
			for (p = 0; p < b->npend &&
			    b->pend[p] != m->cols[j].supps[k]; p++)
				;
			rec_u64(r, p);
		}
	}
	for (i = 0; i < m->nrows; i++)
		for (j = first; j < m->ncols; j++) {
			c = &m->rows[i].cells[j];
			rec_u64(r, c->state);
			rec_str(r, c->value);
			rec_str(r, c->raw);
			memcpy(&bits, &c->num, sizeof(bits));
			rec_u64(r, bits);
			rec_u64(r, (unsigned char)c->unit);
			rec_str(r, c->excerpt);
			rec_str(r, c->cond);
			rec_str(r, c->event);
			rec_u64(r, (uint64_t)c->event_said);
			rec_u64(r, c->nrefs);
			for (k = 0; k < c->nrefs; k++) {
				rec_str(r, c->refs[k].id);
				rec_str(r, c->refs[k].document);
				rec_str(r, c->refs[k].label);
				rec_str(r, c->refs[k].href);
			}
		}
	rec_diags(r, &b->matd, m0);
	rec_put_end(r);
}

/*
 * The columns of a matrix record into b->m, their strings from its pool;
 * -1 (nothing added) if bad.
 */
static int
matrix_replay(struct build *b, const char *data, size_t len)
{
	struct rec r = { data, data + len, 0 };
	struct matrix *m = &b->m;
	struct mcol *cols = NULL;
	struct cell **cells, *block;
	struct cell *c;
	struct diags md;
	struct pool *pl = matrix_pool(m);
	size_t i, j, k, n, p, ns;
	uint64_t bits;
	char *s;
	int ok;

	n = rec_get_u64(&r);
	if (r.bad || n > b->npend)
		return -1;
	cols = xcalloc(n ? n : 1, sizeof(*cols));
	for (j = 0; j < n && !r.bad; j++) {
		p = rec_get_u64(&r);
		ns = rec_get_u64(&r);
		if (r.bad || p >= b->npend || ns > b->npend) {
			r.bad = 1;
			break;
		}
		cols[j].doc = b->pend[p];
		cols[j].pooled = 1;
		cols[j].supps = xcalloc(ns ? ns : 1, sizeof(*cols[j].supps));
		for (k = 0; k < ns && !r.bad; k++) {
			p = rec_get_u64(&r);
			if (p >= b->npend)
				r.bad = 1;
			else
				cols[j].supps[cols[j].nsupps++] = b->pend[p];
		}
	}
	/* One block: row i's cells at cells[i]. */
	cells = xcalloc(m->nrows ? m->nrows : 1, sizeof(*cells));
	block = xcalloc(m->nrows * n > 0 ? m->nrows * n : 1, sizeof(*block));
	for (i = 0; i < m->nrows; i++)
		cells[i] = block + i * n;
	for (i = 0; i < m->nrows && !r.bad; i++)
		for (j = 0; j < n && !r.bad; j++) {
			c = &cells[i][j];
			c->state = (enum cstate)rec_get_u64(&r);
			c->value = rec_get_pstr(&r, pl);
			c->raw = rec_get_pstr(&r, pl);
			bits = rec_get_u64(&r);
			memcpy(&c->num, &bits, sizeof(bits));
			c->unit = (char)rec_get_u64(&r);
			c->excerpt = rec_get_pstr(&r, pl);
			c->cond = rec_get_pstr(&r, pl);
			c->event = rec_get_pstr(&r, pl);
			c->event_said = (int)rec_get_u64(&r);
			k = rec_get_u64(&r);
			if (r.bad || k > len || c->state > CELL_VALUE ||
			    (c->state == CELL_VALUE && c->value == NULL)) {
				r.bad = 1;
				break;
			}
			c->refs = pool_calloc(pl, k ? k : 1, sizeof(*c->refs));
			for (; c->nrefs < k && !r.bad; c->nrefs++) {
				struct cref *f = &c->refs[c->nrefs];

				f->id = rec_get_pstr(&r, pl);
				s = rec_get_str(&r);
				f->label = rec_get_pstr(&r, pl);
				f->href = rec_get_pstr(&r, pl);
				/* The supplement's slug, from its own doc. */
				for (p = 0; s != NULL && p < cols[j].nsupps &&
				    f->document == NULL; p++)
					if (strcmp(cols[j].supps[p]->meta.document,
					    s) == 0)
						f->document =
						    cols[j].supps[p]->meta.document;
				if (f->id == NULL || f->label == NULL ||
				    f->href == NULL ||
				    (s != NULL && f->document == NULL))
					r.bad = 1;
				free(s);
			}
		}
	diags_init(&md);
	rec_get_diags(&r, &md);
	ok = rec_get_end(&r);
	/* Into the matrix; else dropped (the cells' strings are the pool's). */
	if (ok) {
		for (j = 0; j < n; j++) {
			struct buf name;

			buf_init(&name);
			buf_printf(&name, "%s/%s", cols[j].doc->meta.provider,
			    cols[j].doc->meta.document);
			cols[j].name = buf_detach(&name);
		}
		matrix_append(m, cols, n, cells);
		diags_move(&b->matd, &md);
	} else {
		for (j = 0; j < n; j++)
			free(cols[j].supps);
		diags_release(&md);
	}
	free(cols);
	free(block);
	free(cells);
	return ok ? 0 : -1;
}

/*
 * The columns from first on are the current provider's, cached under
 * key (empty: not cached): what names them in a matrix page's key.
 */
static void
note_columns(struct build *b, size_t first, const char *key)
{
	size_t j;

	for (j = first; j < b->m.ncols; j++) {
		b->colkey = xgrow(b->colkey, j, sizeof(*b->colkey));
		b->colat = xgrow(b->colat, j, sizeof(*b->colat));
		b->colkey[j] = key[0] != '\0' ? xstrdup(key) : NULL;
		b->colat[j] = j - first;
	}
}

/*
 * Give the current provider's documents to the matrix, from the cache
 * when their columns are kept there, and strip them.  A document that
 * came from the cache has no tree: it is loaded again for the matrix.
 */
static void
flush_matrix(struct build *b)
{
	struct ckey k;
	struct buf r;
	struct diags scratch;
	struct doc *full;
	char key[34], *data;
	size_t i, len, first, m0;

	if (b->npend > 0 && b->state == 1 && b->st.rc == 0) {
		key[0] = '\0';
		for (i = 0; i < b->npend; i++)
			if (strcmp(b->pendkey[i], "-") == 0)
				break;
		if (b->cache != NULL && i == b->npend) {
			k = b->salt;
			ckey_str(&k, "matrix");
			for (i = 0; i < b->npend; i++)
				ckey_str(&k, b->pendkey[i]);
			key[0] = 'm';
			ckey_hex(&k, key + 1);
			cache_use(b->cache, key);
			first = b->m.ncols;
			if ((data = cache_record(b->cache, key, &len)) != NULL) {
				i = matrix_replay(b, data, len);
				free(data);
				if (i == 0) {
					note_columns(b, first, key);
					goto strip;
				}
			}
		}
		for (i = 0; i < b->npend; i++)
			if (b->pend[i]->root == NULL) {
				diags_init(&scratch);
				full = doc_load(b->pend[i]->path, b->jobs > 1,
				    &scratch);
				if (full == NULL) {
					/* Changed while the build ran. */
					diags_move(&b->pubd, &scratch);
					b->st.rc = -1;
					goto strip;
				}
				diags_release(&scratch);
				{
					b->pend[i]->root = full->root;
					b->pend[i]->xrefs = full->xrefs;
					full->root = NULL;
					full->xrefs = NULL;
					doc_free(full);
				}
			}
		first = b->m.ncols;
		m0 = b->matd.n;
		matrix_add(&b->m, (const struct doc **)b->pend, b->npend,
		    &b->matd);
		note_columns(b, first, key);
		if (key[0] != '\0' && cache_begin(b->cache, key) == 0) {
			buf_init(&r);
			matrix_record(&r, b, first, m0);
			cache_end(b->cache, key, r.data, r.len);
			buf_release(&r);
		}
	}
strip:
	for (i = 0; i < b->npend; i++) {
		doc_strip(b->pend[i]);
		free(b->pendkey[i]);
	}
	b->npend = 0;
}

/*
 * What a long document's pages need, made while its checks run
 * (check_group()), and taken by publish_group() when every revision
 * checked turns out published, or freed (early_release()).
 */
struct early {
	int			 loaded;	/* templates_load() asked: */
	struct templates	*t;		/* its templates, or NULL, */
	struct diags		 td;		/* and its findings */
	struct buf		*pages;		/* the revisions' pages */
	size_t			 n;		/* of pages */
};

/*
 * Templates and staging tree, at the first document published; the
 * templates from e (NULL: none) when it loaded them, with its findings,
 * as loading them here would have given.
 */
static void
begin_publishing(struct build *b, struct early *e)
{
	b->state = -1;
	if (e != NULL && e->loaded) {
		b->t = e->t;
		e->t = NULL;
		e->loaded = 0;
		diags_move(&b->pubd, &e->td);
	} else
		b->t = templates_load(b->tpldir, TPL_PAGES, &b->pubd);
	if (b->t == NULL)
		return;
	b->st.d = &b->pubd;
	if (b->nparts == 0 &&
	    (b->st.t = outtree_open(b->outdir, &b->pubd)) == NULL)
		return;
	if (b->tax != NULL) {
		matrix_begin(&b->m, b->tax, NULL);
		matrix_reserve(&b->m, b->ndocs);
	}
	b->state = 1;
}

/* The 新旧対照表 of docs[a] → docs[b] as a link of a revision page. */
static void
diff_link(struct page_ctx *pc, struct page_link *rl, const struct doc *a,
    const struct doc *b)
{
	rl[pc->nlinks].label = diff_label(a, b);
	rl[pc->nlinks].href = diff_file(a, b);
	rl[pc->nlinks++].group = NULL;
}

/* The points of good.docs[from, to): one document's revisions. */
static struct tl_point *
timeline_points(const struct build *b, size_t from, size_t to)
{
	struct tl_point *p = xcalloc(to - from + 1, sizeof(*p));
	size_t j;

	for (j = from; j < to; j++) {
		p[j - from].date = b->good.docs[j]->meta.revision;
		p[j - from].first = j == from;
		p[j - from].changes = j > from ? b->nchg[j] : 0;
	}
	return p;
}

/* DIR/<provider>/<document>/timeline.svg of good.docs[from, …). */
static void
stage_timeline(struct build *b, size_t from)
{
	const struct meta *m = &b->good.docs[from]->meta;
	struct tl_lane lane;
	struct buf rel;
	size_t len;
	char *svg;

	lane.label = b->good.docs[b->good.n - 1]->meta.title;
	lane.pts = timeline_points(b, from, b->good.n);
	lane.n = b->good.n - from;
	svg = timeline_svg(&lane, 1, m->lang && strncmp(m->lang, "ja", 2) ==
	    0, &len);
	free((void *)lane.pts);
	buf_init(&rel);
	buf_printf(&rel, "%s/%s/timeline.svg", m->provider, m->document);
	stage_add(&b->st, buf_detach(&rel), svg, len);
}

static int
cmp_lanes(const void *a, const void *b)
{
	const struct tl_lane *x = a, *y = b;
	int c = strcmp(y->pts[y->n - 1].date, x->pts[x->n - 1].date);

	return c != 0 ? c : strcmp(x->label, y->label);
}

/* DIR/timeline.svg: the documents revised last (TIMELINE_MAX_LANES). */
static void
stage_site_timeline(struct build *b)
{
	struct tl_lane *lanes = NULL;
	size_t i, end, n = 0, len;
	char *svg;

	for (i = 0; i < b->good.n; i = end) {
		end = corpus_group_end(&b->good, i);
		lanes = xgrow(lanes, n, sizeof(*lanes));
		lanes[n].label = b->good.docs[end - 1]->meta.title;
		lanes[n].pts = timeline_points(b, i, end);
		lanes[n++].n = end - i;
	}
	qsort(lanes, n, sizeof(*lanes), cmp_lanes);
	svg = timeline_svg(lanes, n, html_site_ja(&b->good), &len);
	stage_add(&b->st, xstrdup("timeline.svg"), svg, len);
	for (i = 0; i < n; i++)
		free((void *)lanes[i].pts);
	free(lanes);
}

/*
 * The offline search (search.h): search-index.js lists each document's
 * search.js (written with its pages); search.html and search.js come
 * from the templates.
 */
static int
stage_search(struct build *b)
{
	char **files = NULL, *js;
	size_t i, end, n = 0, len;
	struct buf rel;

	for (i = 0; i < b->good.n; i = end) {
		const struct meta *m = &b->good.docs[i]->meta;

		end = corpus_group_end(&b->good, i);
		buf_init(&rel);
		buf_printf(&rel, "%s/%s/search.js", m->provider, m->document);
		files = xgrow(files, n, sizeof(*files));
		files[n++] = buf_detach(&rel);
	}
	js = search_index((const char *const *)files, n, &len);
	stage_add(&b->st, xstrdup("search-index.js"), js, len);
	for (i = 0; i < n; i++)
		free(files[i]);
	free(files);
	js = html_search(b->tpldir, html_site_ja(&b->good), &b->pubd, &len);
	if (js == NULL)
		return -1;
	stage_add(&b->st, xstrdup("search.html"), js, len);
	if (stage_asset(&b->st, b->tpldir, "search.js", &b->pubd) == -1)
		return -1;
	return 0;
}

/* The page of revision j of g, with t, into page (html_page()). */
static void
revision_page(const struct templates *t, const struct corpus *g, size_t j,
    struct buf *page)
{
	struct page_ctx pc;
	struct page_link rl[2];

	memset(&pc, 0, sizeof(pc));
	pc.root = "../../";
	pc.revisions = (const struct doc *const *)g->docs;
	pc.nrevisions = g->n;
	/* Its 新旧対照表 with the revisions before and after. */
	pc.links = rl;
	if (j > 0)
		diff_link(&pc, rl, g->docs[j - 1], g->docs[j]);
	if (j + 1 < g->n)
		diff_link(&pc, rl, g->docs[j], g->docs[j + 1]);
	html_page(t, g->docs[j], &pc, page);
	links_free(rl, pc.nlinks);
}

/*
 * Publish the revisions of one document, g (all good), with the diffs of
 * its consecutive revisions: the pages, the 新旧対照表 (listed under the
 * document in the index) and the document's feed.  Takes g's docs into
 * b->good.  e (NULL: none) holds what check_group() made of g.
 */
static void
publish_group(struct build *b, const struct corpus *g, struct diff **pairs,
    struct early *e)
{
	const struct meta *m = &g->docs[0]->meta;
	struct buf rel, group, sum, page, spare;
	size_t j, len, from;
	char *html, *file;

	/* The memory of the longest page, written: the search script's
	 * (a 1 MB document's page is 1.8 MB, its script 1.2 MB). */
	buf_init_large(&spare);
	if (b->state == 0)
		begin_publishing(b, e);
	for (j = 1; j < g->n && b->state == 1 && b->tdiff == NULL; j++)
		if ((b->tdiff = templates_load(b->tpldir, TPL_DIFF,
		    &b->pubd)) == NULL)
			b->state = -1;
	for (j = 0; j < g->n && b->state == 1 && b->st.rc == 0; j++) {
		buf_init(&rel);
		buf_printf(&rel, "%s/%s/%s.html", m->provider, m->document,
		    g->docs[j]->meta.revision);
		if (e != NULL && e->pages != NULL &&
		    e->pages[j].data != NULL) {
			page = e->pages[j];
			e->pages[j].data = NULL;
		} else
			revision_page(b->t, g, j, &page);
		stage_put(&b->st, buf_detach(&rel), page.data, page.len);
		if (page.cap > spare.cap) {
			buf_release(&spare);
			spare = page;
			buf_reset(&spare);
		} else
			buf_release(&page);
	}
	for (j = 1; j < g->n && b->state == 1 && b->st.rc == 0; j++) {
		/* The two revisions' pages, in the same folder. */
		buf_init(&rel);
		buf_printf(&rel, "%s.html", g->docs[j - 1]->meta.revision);
		buf_init(&group);
		buf_printf(&group, "%s.html", g->docs[j]->meta.revision);
		html = html_diff(pairs[j], b->tdiff, "../../", 1, rel.data,
		    group.data, &len);
		buf_release(&rel);
		buf_release(&group);
		file = diff_file(g->docs[j - 1], g->docs[j]);
		buf_init(&rel);
		buf_printf(&rel, "%s/%s/%s", m->provider, m->document, file);
		free(file);
		stage_add(&b->st, xstrdup(rel.data), html, len);
		buf_init(&group);
		buf_printf(&group, "%s/%s", m->provider, m->document);
		links_add(&b->idx, diff_label(g->docs[j - 1], g->docs[j]),
		    buf_detach(&rel), buf_detach(&group));
	}
	from = b->good.n;
	for (j = 0; j < g->n; j++) {
		b->good.docs = xgrow(b->good.docs, b->good.n,
		    sizeof(*b->good.docs));
		b->sums = xgrow(b->sums, b->good.n, sizeof(*b->sums));
		b->nchg = xgrow(b->nchg, b->good.n, sizeof(*b->nchg));
		b->wareki = xgrow(b->wareki, b->good.n, sizeof(*b->wareki));
		b->sums[b->good.n] = NULL;
		b->nchg[b->good.n] = diff_nchanged(pairs[j]);
		b->wareki[b->good.n] = (unsigned char)html_uses_wareki(
		    g->docs[j]);
		if (pairs[j] != NULL && b->state == 1) {
			buf_init(&sum);
			diff_summary(&sum, pairs[j]);
			b->sums[b->good.n] = buf_detach(&sum);
		}
		b->good.docs[b->good.n++] = g->docs[j];
	}
	if (b->state == 1 && b->st.rc == 0) {
		html = feed_document(&b->good, (const char *const *)b->sums,
		    from, b->good.n, b->base, &len);
		buf_init(&rel);
		buf_printf(&rel, "%s/%s/feed.atom", m->provider, m->document);
		stage_add(&b->st, buf_detach(&rel), html, len);
		if (g->n > 1)
			stage_timeline(b, from);
		/* Its latest revision's clauses, for the offline search. */
		buf_init(&rel);
		buf_printf(&rel, "%s/%s/%s.html", m->provider, m->document,
		    g->docs[g->n - 1]->meta.revision);
		search_document(g->docs[g->n - 1], rel.data, &spare);
		buf_reset(&rel);
		buf_printf(&rel, "%s/%s/search.js", m->provider, m->document);
		stage_put(&b->st, buf_detach(&rel), spare.data, spare.len);
	}
	buf_release(&spare);
}

/* The work of one thread of check_group(). */
struct early_job {
	struct build		*b;
	const struct corpus	*g;
	struct diff		**pairs;
	struct early		*e;
	int			 pages;	/* else the checks */
};

static void *
early_run(void *arg)
{
	struct early_job *j = arg;
	struct early *e = j->e;
	const struct templates *t = j->b->t;
	size_t i;

	if (!j->pages) {
		check_corpus(j->g, j->pairs, &j->b->checkd);
		return NULL;
	}
	if (j->b->state == 0) {
		t = e->t = templates_load(j->b->tpldir, TPL_PAGES, &e->td);
		e->loaded = 1;
	}
	for (i = 0; t != NULL && i < e->n; i++)
		revision_page(t, j->g, i, &e->pages[i]);
	return NULL;
}

/*
 * Check g (its revisions' diffs pairs) into b->checkd.  A long document
 * (PAR_MIN bytes in its revisions, -j above 1) is checked on a second
 * thread while this one makes its revisions' pages (and loads the
 * templates, when publishing has not begun) into e: what publish_group()
 * makes of g when the checks leave every revision in, made before they
 * tell.  Checks and pages only read the docs and write apart (the
 * findings go to b->checkd alone, in their order); a page made for a
 * revision left out is thrown away (early_release()).  The search script
 * is not made here: made beside the pages, it stood in memory with them
 * (a 10 MB document's page is 18 MB, its script 12 MB).
 */
static void
check_group(struct build *b, const struct corpus *g, struct diff **pairs,
    struct early *e)
{
	struct early_job checks = { b, g, pairs, e, 0 };
	struct early_job pages = { b, g, pairs, e, 1 };
	size_t i, bytes = 0;

	memset(e, 0, sizeof(*e));
	diags_init(&e->td);
	for (i = 0; i < g->n; i++)
		bytes += g->docs[i]->bytes;
	if (b->jobs < 2 || bytes < PAR_MIN || g->n == 0 || b->nopub ||
	    b->state < 0 || b->st.rc != 0) {
		check_corpus(g, pairs, &b->checkd);
		return;
	}
	e->n = g->n;
	e->pages = xcalloc(g->n, sizeof(*e->pages));
	par_both(early_run, &checks, &pages);
}

/* Free what of e publish_group() did not take. */
static void
early_release(struct early *e)
{
	size_t i;

	if (e->loaded)
		templates_free(e->t);
	diags_release(&e->td);
	for (i = 0; i < e->n; i++)
		if (e->pages[i].data != NULL)
			buf_release(&e->pages[i]);
	free(e->pages);
}

/*
 * The cache key of the document heads.docs[lo, hi): the build's salt,
 * then each revision's path and the digest of its bytes, taken when the
 * heads were read (source.h), so that a document found in the cache is
 * read once.
 */
static void
group_key(const struct build *b, size_t lo, size_t hi, char key[34])
{
	struct ckey k = b->salt;
	size_t i;

	ckey_u64(&k, hi - lo);
	for (i = lo; i < hi; i++) {
		ckey_str(&k, b->heads.docs[i]->path);
		ckey_u64(&k, b->heads.docs[i]->sum.a);
		ckey_u64(&k, b->heads.docs[i]->sum.b);
	}
	key[0] = 'g';
	ckey_hex(&k, key + 1);
}

/*
 * A document's cache record: per revision whether it loaded and its
 * loading findings, the dup-revision and check findings, the revisions
 * left out, whether a finding named no file, the published revisions
 * with their diff summaries and whether they write dates in an era, the
 * files staged and the index links.
 */
struct grec {
	int		*loaded;
	struct diags	*loadd;		/* hi - lo */
	struct diags	 dupd, checkd;
	char		**left;
	size_t		 nleft;
	int		 nopub;
	size_t		*ok;		/* offsets from lo */
	char		**sums;
	size_t		*nchg;
	unsigned char	*wareki;
	size_t		 nok;
	char		**rels;
	struct stat	*files;		/* the cache's copy of each rel */
	size_t		 nrels;
	struct page_link *links;
	size_t		 nlinks;
};

static void
grec_release(struct grec *g, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		diags_release(&g->loadd[i]);
	free(g->loadd);
	free(g->loaded);
	diags_release(&g->dupd);
	diags_release(&g->checkd);
	for (i = 0; i < g->nleft; i++)
		free(g->left[i]);
	free(g->left);
	for (i = 0; i < g->nok; i++)
		free(g->sums[i]);
	free(g->sums);
	free(g->nchg);
	free(g->wareki);
	free(g->ok);
	for (i = 0; i < g->nrels; i++)
		free(g->rels[i]);
	free(g->rels);
	free(g->files);
	links_free(g->links, g->nlinks);
	free(g->links);
}

/* Read a record of n revisions into g; -1 if it does not read whole. */
static int
grec_read(struct grec *g, const char *data, size_t len, size_t n,
    const struct build *b, const char *key)
{
	struct rec r = { data, data + len, 0 };
	size_t i;
	char *s;
	int ok;

	memset(g, 0, sizeof(*g));
	g->loadd = xcalloc(n, sizeof(*g->loadd));
	g->loaded = xcalloc(n, sizeof(*g->loaded));
	if (rec_get_u64(&r) != n)
		r.bad = 1;
	for (i = 0; i < n && !r.bad; i++) {
		g->loaded[i] = rec_get_u64(&r) != 0;
		rec_get_diags(&r, &g->loadd[i]);
	}
	rec_get_diags(&r, &g->dupd);
	rec_get_diags(&r, &g->checkd);
	g->nleft = rec_get_count(&r);
	g->left = xcalloc(g->nleft + 1, sizeof(*g->left));
	for (i = 0; i < g->nleft; i++)
		if ((g->left[i] = rec_get_str(&r)) == NULL)
			r.bad = 1;
	g->nopub = rec_get_u64(&r) != 0;
	g->nok = r.bad ? 0 : rec_get_u64(&r);
	if (g->nok > n)
		r.bad = 1, g->nok = 0;
	g->ok = xcalloc(g->nok + 1, sizeof(*g->ok));
	g->sums = xcalloc(g->nok + 1, sizeof(*g->sums));
	g->nchg = xcalloc(g->nok + 1, sizeof(*g->nchg));
	g->wareki = xcalloc(g->nok + 1, sizeof(*g->wareki));
	for (i = 0; i < g->nok; i++) {
		g->ok[i] = rec_get_u64(&r);
		g->sums[i] = rec_get_str(&r);
		g->nchg[i] = rec_get_u64(&r);
		g->wareki[i] = rec_get_u64(&r) != 0;
		if (g->ok[i] >= n || !g->loaded[g->ok[i]] ||
		    (i > 0 && g->ok[i] <= g->ok[i - 1]))
			r.bad = 1;
	}
	g->nrels = rec_get_count(&r);
	g->rels = xcalloc(g->nrels + 1, sizeof(*g->rels));
	g->files = xcalloc(g->nrels + 1, sizeof(*g->files));
	for (i = 0; i < g->nrels; i++) {
		g->rels[i] = rec_get_str(&r);
		/* A file gone from the cache: the record is no use. */
		if (g->rels[i] == NULL)
			r.bad = 1;
		else if ((s = cache_file(b->cache, key, i)) != NULL) {
			if (lstat(s, &g->files[i]) == -1 ||
			    !S_ISREG(g->files[i].st_mode))
				r.bad = 1;
			free(s);
		}
	}
	g->nlinks = rec_get_count(&r);
	g->links = xcalloc(g->nlinks + 1, sizeof(*g->links));
	for (i = 0; i < g->nlinks; i++) {
		g->links[i].label = rec_get_str(&r);
		g->links[i].href = rec_get_str(&r);
		g->links[i].group = rec_get_str(&r);
		if (g->links[i].label == NULL || g->links[i].href == NULL)
			r.bad = 1;
	}
	ok = rec_get_end(&r);
	return ok ? 0 : -1;
}

/*
 * Replay a cached document: its findings, what it leaves out, and, when
 * the build publishes, its files (linked from the cache) and links.
 * Returns -1, having changed nothing, when the record is no use.
 */
static int
replay_group(struct build *b, size_t lo, size_t hi, const char *key)
{
	struct grec g;
	size_t i, len, fi;
	char *data, *path;

	if ((data = cache_record(b->cache, key, &len)) == NULL)
		return -1;
	if (grec_read(&g, data, len, hi - lo, b, key) == -1) {
		free(data);
		grec_release(&g, hi - lo);
		return -1;
	}
	free(data);
	for (i = lo; i < hi; i++) {
		progress_tick("building", i + 1, b->heads.n);
		fi = file_index(b, b->heads.docs[i]->path);
		diags_move(&b->loadd[fi], &g.loadd[i - lo]);
	}
	diags_move(&b->dupd, &g.dupd);
	diags_move(&b->checkd, &g.checkd);
	for (i = 0; i < g.nleft; i++) {
		leave_out(b, g.left[i]);
		g.left[i] = NULL;
	}
	if (g.nopub)
		b->nopub = 1;
	if (g.nok > 0 && !b->nopub && b->state >= 0) {
		if (b->state == 0)
			begin_publishing(b, NULL);
		if (g.nok > 1 && b->state == 1 && b->tdiff == NULL &&
		    (b->tdiff = templates_load(b->tpldir, TPL_DIFF,
		    &b->pubd)) == NULL)
			b->state = -1;
		for (i = 0; i < g.nrels && b->state == 1 && b->st.rc == 0 &&
		    b->st.t != NULL; i++) {
			/* NULL: a worker wrote it into the tree (hand_over()). */
			path = cache_file(b->cache, key, i);
			b->st.rc = path != NULL ? outtree_import(b->st.t,
			    g.rels[i], path, &g.files[i], &b->pubd) :
			    outtree_adopt(b->st.t, g.rels[i], &b->pubd);
			free(path);
		}
		for (i = 0; i < g.nlinks; i++) {
			links_add(&b->idx, (char *)g.links[i].label,
			    (char *)g.links[i].href, (char *)g.links[i].group);
			g.links[i].label = g.links[i].href = NULL;
			g.links[i].group = NULL;
		}
		/* The front matter read first stands for the revision. */
		for (i = 0; i < g.nok; i++) {
			b->good.docs = xgrow(b->good.docs, b->good.n,
			    sizeof(*b->good.docs));
			b->sums = xgrow(b->sums, b->good.n, sizeof(*b->sums));
			b->nchg = xgrow(b->nchg, b->good.n, sizeof(*b->nchg));
			b->wareki = xgrow(b->wareki, b->good.n,
			    sizeof(*b->wareki));
			b->nchg[b->good.n] = g.nchg[i];
			b->wareki[b->good.n] = g.wareki[i];
			b->sums[b->good.n] = g.sums[i];
			g.sums[i] = NULL;
			b->good.docs[b->good.n++] = b->heads.docs[lo + g.ok[i]];
			b->heads.docs[lo + g.ok[i]] = NULL;
		}
		if (b->tax != NULL && b->state == 1) {
			b->pend = xgrow(b->pend, b->npend, sizeof(*b->pend));
			b->pendkey = xgrow(b->pendkey, b->npend,
			    sizeof(*b->pendkey));
			b->pendkey[b->npend] = xstrdup(key);
			b->pend[b->npend++] = b->good.docs[b->good.n - 1];
		}
	}
	grec_release(&g, hi - lo);
	return 0;
}

/* Write the cache record of a document just built (see struct grec). */
static void
record_group(struct build *b, size_t lo, size_t hi, const char *key,
    const int *loaded, size_t d0, size_t c0, size_t f0, int nopub,
    const size_t *ok, size_t nok, size_t good0, size_t idx0)
{
	struct buf r;
	size_t i;

	buf_init(&r);
	rec_u64(&r, hi - lo);
	for (i = lo; i < hi; i++) {
		rec_u64(&r, (uint64_t)loaded[i - lo]);
		rec_diags(&r, &b->loadd[file_index(b, b->heads.docs[i]->path)],
		    0);
	}
	rec_diags(&r, &b->dupd, d0);
	rec_diags(&r, &b->checkd, c0);
	rec_u64(&r, b->f.n - f0);
	for (i = f0; i < b->f.n; i++)
		rec_str(&r, b->f.v[i]);
	rec_u64(&r, (uint64_t)nopub);
	rec_u64(&r, nok);
	for (i = 0; i < nok; i++) {
		rec_u64(&r, ok[i]);
		rec_str(&r, nok > 0 && good0 + i < b->good.n ?
		    b->sums[good0 + i] : NULL);
		rec_u64(&r, nok > 0 && good0 + i < b->good.n ?
		    b->nchg[good0 + i] : 0);
		rec_u64(&r, nok > 0 && good0 + i < b->good.n ?
		    b->wareki[good0 + i] : 0);
	}
	rec_u64(&r, b->st.nrels);
	for (i = 0; i < b->st.nrels; i++)
		rec_str(&r, b->st.rels[i]);
	rec_u64(&r, b->idx.n - idx0);
	for (i = idx0; i < b->idx.n; i++) {
		rec_str(&r, b->idx.v[i].label);
		rec_str(&r, b->idx.v[i].href);
		rec_str(&r, b->idx.v[i].group);
	}
	rec_put_end(&r);
	cache_end(b->cache, key, r.data, r.len);
	buf_release(&r);
}

/*
 * One document: the revisions heads.docs[lo, hi).  From the cache when
 * it holds them; else load them, run the checks (when check is set: the
 * walk went well), leave out the files with findings at the build's
 * level with every other file of their revision, publish the rest, keep
 * it all in the cache, and free the trees.
 */
static void
build_group(struct build *b, size_t lo, size_t hi, int check)
{
	struct corpus g, ok;
	struct diff **pairs, **gpairs;
	struct early e;
	struct hmap bad;
	struct doc *doc;
	size_t i, fi, d0, c0, f0, good0, idx0, *okat;
	int *loaded, nopub0 = b->nopub, cached = 0;
	char key[34], *k;

	if (b->cache != NULL && check) {
		group_key(b, lo, hi, key);
		cache_use(b->cache, key);
		if (replay_group(b, lo, hi, key) == 0)
			return;
		cached = cache_begin(b->cache, key) == 0;
	}
	memset(&g, 0, sizeof(g));
	memset(&ok, 0, sizeof(ok));
	loaded = xcalloc(hi - lo, sizeof(*loaded));
	okat = xcalloc(hi - lo, sizeof(*okat));
	f0 = b->f.n;
	for (i = lo; i < hi; i++) {
		progress_tick("building", i + 1, b->heads.n);
		fi = file_index(b, b->heads.docs[i]->path);
		doc = doc_load_again(b->heads.docs[i], b->jobs > 1,
		    &b->loadd[fi]);
		if (doc == NULL) {
			/* Known by its path, as a file that cannot be read. */
			if (b->loadd[fi].worst >= b->min)
				leave_out(b, path_key(b->heads.docs[i]->path));
			continue;
		}
		loaded[i - lo] = 1;
		/* Changed since its head was read: its key is not its own. */
		if (memcmp(&doc->sum, &b->heads.docs[i]->sum,
		    sizeof(doc->sum)) != 0)
			cached = 0;
		g.docs = xgrow(g.docs, g.n, sizeof(*g.docs));
		g.docs[g.n++] = doc;
	}
	d0 = b->dupd.n;
	corpus_check_collection(&g, &b->dupd);
	if (!check) {
		for (i = 0; i < g.n; i++)
			doc_free(g.docs[i]);
		free(g.docs);
		free(loaded);
		free(okat);
		return;
	}
	pairs = diff_pairs(&g);
	c0 = b->checkd.n;
	check_group(b, &g, pairs, &e);
	hmap_init(&bad);
	b->nopub = 0;
	for (i = lo; i < hi; i++) {
		fi = file_index(b, b->heads.docs[i]->path);
		mark_bad(b, &b->loadd[fi], 0, lo, hi, &bad);
	}
	mark_bad(b, &b->dupd, d0, lo, hi, &bad);
	mark_bad(b, &b->checkd, c0, lo, hi, &bad);
	for (i = 0; i < g.n; i++)
		if (hmap_get(&bad, g.docs[i]->path) != NULL)
			leave_out(b, meta_key(&g.docs[i]->meta));
	for (i = 0, fi = lo; i < g.n; i++, fi++) {
		while (!loaded[fi - lo])
			fi++;
		k = meta_key(&g.docs[i]->meta);
		if (hmap_get(&bad, g.docs[i]->path) == NULL &&
		    hmap_get(&b->keys, k) == NULL) {
			okat[ok.n] = fi - lo;
			ok.docs = xgrow(ok.docs, ok.n, sizeof(*ok.docs));
			ok.docs[ok.n++] = g.docs[i];
		} else
			doc_free(g.docs[i]);
		free(k);
	}
	hmap_release(&bad);
	if (b->nopub) {
		/* This document's finding of no file: nothing published. */
		cached = 0;
	}
	b->nopub |= nopub0;
	good0 = b->good.n;
	idx0 = b->idx.n;
	if (ok.n > 0 && !b->nopub && b->state >= 0) {
		gpairs = ok.n == g.n ? pairs : diff_pairs(&ok);
		if (cached) {
			b->st.cache = b->cache;
			b->st.key = key;
			b->st.kept = 0;
		}
		/* What check_group() made fits when all are in. */
		publish_group(b, &ok, gpairs, ok.n == g.n ? &e : NULL);
		if (gpairs != pairs)
			diff_pairs_free(gpairs, ok.n);
		/* Cached only what was published whole. */
		if (b->state != 1 || b->st.rc != 0 || b->st.kept != 0)
			cached = 0;
		/* The newest revision waits for its provider's others. */
		if (b->tax != NULL && b->state == 1) {
			b->pend = xgrow(b->pend, b->npend, sizeof(*b->pend));
			b->pendkey = xgrow(b->pendkey, b->npend,
			    sizeof(*b->pendkey));
			b->pendkey[b->npend] = xstrdup(cached ? key : "-");
			b->pend[b->npend++] = ok.docs[--ok.n];
		}
		for (i = 0; i < ok.n; i++)
			doc_strip(ok.docs[i]);
		ok.n = b->good.n - good0;
	} else {
		for (i = 0; i < ok.n; i++)
			doc_free(ok.docs[i]);
		/* Not published for a reason outside this document. */
		if (ok.n > 0)
			cached = 0;
		ok.n = 0;
	}
	if (cached)
		record_group(b, lo, hi, key, loaded, d0, c0, f0, 0, okat,
		    ok.n, good0, idx0);
	early_release(&e);
	b->st.key = NULL;
	while (b->st.nrels > 0)
		free(b->st.rels[--b->st.nrels]);
	diff_pairs_free(pairs, g.n);
	free(g.docs);
	free(ok.docs);
	free(loaded);
	free(okat);
}

/* A file streamed into the new tree: a JSON of the matrix, the CSV. */
struct file_out {
	struct stage	*st;
	int		 fd;
	const char	*rel;
};

static int
put_file(void *arg, const char *s, size_t len)
{
	struct file_out *o = arg;

	return outtree_put(o->st->t, o->fd, o->rel, s, len, o->st->d);
}

/*
 * matrix.json, the largest file of a site (about 12 KB a column), as
 * rel: columns [c0, c1), or with starts the index of n parts, its
 * columns from cols (matrix.h).  Written a row at a time.
 */
static int
stage_json(struct build *b, const char *rel, size_t c0, size_t c1,
    const size_t *starts, size_t n, char *const *cols)
{
	struct file_out o = { &b->st, -1, rel };
	int rc;

	if ((o.fd = outtree_create(b->st.t, rel, b->st.d)) == -1)
		return -1;
	if (starts != NULL)
		rc = matrix_json_index_write(&b->m, starts, n, cols, put_file,
		    &o);
	else if (c0 == 0 && c1 == b->m.ncols)
		rc = matrix_json_write(&b->m, put_file, &o);
	else
		rc = matrix_json_part_write(&b->m, c0, c1, put_file, &o);
	if (rc == -1) {
		close(o.fd);
		return -1;
	}
	return outtree_close(b->st.t, o.fd, rel, b->st.d);
}

/*
 * A matrix page, into the new tree (html.h's page_sink); for a matrix
 * in pages, the files of page no also into the cache as the files of
 * entry keys[no] (empty: not kept), numbered in order.
 */
struct page_out {
	struct stage	*st;
	int		 fd;
	char		*rel;
	size_t		 no;
	struct cache	*cache;
	char		(*keys)[34];	/* NULL: none kept */
	size_t		*nfiles;
};

static int
page_open(void *arg, const char *name, size_t no)
{
	struct page_out *o = arg;

	free(o->rel);
	o->rel = xstrdup(name);
	o->no = no;
	o->fd = outtree_create(o->st->t, name, o->st->d);
	return o->fd == -1 ? -1 : 0;
}

static int
page_put(void *arg, const char *s, size_t len)
{
	struct page_out *o = arg;

	return outtree_put(o->st->t, o->fd, o->rel, s, len, o->st->d);
}

/* Keep file rel of the new tree as the next file of page no's entry. */
static void
page_keep(struct page_out *o, const char *rel, size_t no)
{
	char *path;

	if (o->keys == NULL || o->keys[no][0] == '\0')
		return;
	path = cache_file(o->cache, o->keys[no], o->nfiles[no]++);
	/* Not linked (another file system): the page is made next time. */
	if (outtree_link_out(o->st->t, rel, path) == -1)
		o->keys[no][0] = '\0';
	free(path);
}

static int
page_close(void *arg, int rc)
{
	struct page_out *o = arg;

	if (rc != 0) {
		close(o->fd);
		return -1;
	}
	if (outtree_close(o->st->t, o->fd, o->rel, o->st->d) == -1)
		return -1;
	page_keep(o, o->rel, o->no);
	return 0;
}

/* The file names a matrix page's cache entry holds, in order. */
static void
page_files(size_t no, char names[3][64])
{
	snprintf(names[0], sizeof(names[0]), "matrix-%zu.html", no);
	snprintf(names[1], sizeof(names[1]), "matrix-%zu.js", no);
	snprintf(names[2], sizeof(names[2]), "matrix-%zu.json", no);
}

/*
 * The cache key of matrix page no of n, columns [c0, c1): what shapes
 * its files (html.h: the page, its data for matrix.js; matrix.h: its
 * part of matrix.json and its pieces of matrix.csv).  That is the salt,
 * the page's template and language, its place among the pages, its
 * columns (each by its provider's cache key and its place there), and
 * what the other columns decide: each row's "differs" and the ★ of the
 * page's cells.  Returns -1 when a column is not in the cache.
 */
static int
page_key(const struct build *b, const struct ckey *tpl, int ja, size_t no,
    size_t n, size_t c0, size_t c1, char key[34])
{
	const struct matrix *m = &b->m;
	struct ckey k = *tpl;
	unsigned char bit;
	size_t i, j;

	ckey_u64(&k, (uint64_t)ja);
	ckey_u64(&k, no);
	ckey_u64(&k, n);
	ckey_u64(&k, c1 - c0);
	for (j = c0; j < c1; j++) {
		if (b->colkey[j] == NULL)
			return -1;
		ckey_str(&k, b->colkey[j]);
		ckey_u64(&k, b->colat[j]);
	}
	for (i = 0; i < m->nrows; i++) {
		bit = (unsigned char)(m->rows[i].differs != 0);
		ckey_add(&k, &bit, 1);
		for (j = c0; j < c1; j++) {
			bit = (unsigned char)(m->rows[i].cells[j].best != 0);
			ckey_add(&k, &bit, 1);
		}
	}
	key[0] = 'p';
	ckey_hex(&k, key + 1);
	return 0;
}

/*
 * Page no's files from the cache entry key into the new tree, its pieces
 * of matrix.csv into *csv (malloc'd, a piece a line, each ended by a
 * NUL) and its columns of the index matrix.json into *jcols (malloc'd).
 * Returns -1, having changed nothing, when the entry is no use.
 */
static int
page_replay(struct build *b, const char *key, size_t no, char **csv,
    char **jcols)
{
	struct rec r;
	struct stat st[3];
	char names[3][64], *data, *s, *path;
	size_t i, len, nl;
	int ok;

	if ((data = cache_record(b->cache, key, &len)) == NULL)
		return -1;
	r = (struct rec){ data, data + len, 0 };
	page_files(no, names);
	ok = rec_get_u64(&r) == no;
	for (i = 0; i < 3; i++) {
		s = rec_get_str(&r);
		if (s == NULL || strcmp(s, names[i]) != 0)
			ok = 0;
		free(s);
	}
	ok = rec_get_end(&r) && ok;
	free(data);
	/* A file gone from the cache: the entry is no use. */
	for (i = 0; i < 3 && ok; i++) {
		path = cache_file(b->cache, key, i);
		ok = lstat(path, &st[i]) == 0 && S_ISREG(st[i].st_mode);
		free(path);
	}
	if (!ok || (*csv = cache_read_file(b->cache, key, 3, &len)) == NULL)
		return -1;
	for (i = nl = 0; i < len; i++)
		nl += (*csv)[i] == '\0';
	if (nl != b->m.nrows + 1 || len == 0 || (*csv)[len - 1] != '\0' ||
	    (*jcols = cache_read_file(b->cache, key, 4, &len)) == NULL) {
		free(*csv);
		*csv = NULL;
		return -1;
	}
	for (i = 0; i < 3 && b->st.rc == 0; i++) {
		path = cache_file(b->cache, key, i);
		b->st.rc = outtree_import(b->st.t, names[i], path, &st[i],
		    &b->pubd);
		free(path);
	}
	return 0;
}

/* Page no's pieces of matrix.csv, columns [c0, c1): see page_replay(). */
static char *
csv_pieces(const struct build *b, int ja, size_t c0, size_t c1,
    size_t *len)
{
	struct buf p;
	size_t i;

	buf_init(&p);
	for (i = 0; i <= b->m.nrows; i++) {
		matrix_csv_piece(&p, &b->m, ja, i, c0, c1);
		buf_putc(&p, '\0');
	}
	*len = p.len;
	return buf_detach(&p);
}

/* matrix.csv from the pages' pieces csv[1, n], a line at a time. */
static int
stage_csv(struct build *b, char **csv, size_t n)
{
	struct file_out o = { &b->st, -1, "matrix.csv" };
	struct buf line;
	size_t i, k, len;
	int rc = 0;

	if ((o.fd = outtree_create(b->st.t, o.rel, b->st.d)) == -1)
		return -1;
	buf_init(&line);
	for (i = 0; i <= b->m.nrows && rc == 0; i++) {
		matrix_csv_lead(&line, &b->m, i);
		for (k = 1; k <= n; k++) {
			len = strlen(csv[k]);
			buf_put(&line, csv[k], len);
			csv[k] += len + 1;
		}
		buf_puts(&line, "\r\n");
		if (line.len >= 65536 || i == b->m.nrows) {
			rc = put_file(&o, line.data, line.len);
			buf_reset(&line);
		}
	}
	buf_release(&line);
	if (rc == -1) {
		close(o.fd);
		return -1;
	}
	return outtree_close(b->st.t, o.fd, o.rel, b->st.d);
}

/*
 * A matrix in n pages (html.h), starts as html_matrix_pages() gives
 * them: each page whose cache entry is there is carried into the new
 * tree; the others are made, and kept, with the index, matrix.json and
 * matrix-cols.js, which every column shapes; then matrix.csv from every
 * page's pieces.  One edit among many documents so makes its own page
 * again and the index, not the matrix (unless it changes what the other
 * columns show: a row's "differs", a ★).
 */
static int
publish_pages(struct build *b, const size_t *starts, size_t n, int ja)
{
	struct stage *st = &b->st;
	/* Pages are kept in a cache that keeps files, not a hand-over one. */
	struct cache *pc = b->handoff ? NULL : b->cache;
	struct page_out o = { st, -1, NULL, 0, pc, NULL, NULL };
	struct page_sink ps = { page_open, page_put, page_close, &o };
	struct ckey tpl;
	unsigned char *want;
	char (*keys)[34], **csv, **jcols, names[3][64], *path, *data;
	size_t no, len, *nfiles, c0, c1;
	struct buf r;
	int rc = 0;

	want = xcalloc(n + 1, 1);
	keys = xcalloc(n + 1, sizeof(*keys));
	nfiles = xcalloc(n + 1, sizeof(*nfiles));
	csv = xcalloc(n + 1, sizeof(*csv));
	jcols = xcalloc(n + 1, sizeof(*jcols));
	want[0] = 1;
	if (pc != NULL) {
		tpl = b->salt;
		ckey_str(&tpl, "matrix page");
		ckey_str(&tpl, b->tax->path);
		data = asset_read(b->tpldir, "matrix.html", &len, &path,
		    &b->pubd);
		free(path);
		if (data == NULL)
			rc = -1;
		else
			ckey_add(&tpl, data, len);
		free(data);
	}
	for (no = 1; no <= n && rc == 0; no++) {
		c0 = starts[no - 1];
		c1 = starts[no];
		if (pc == NULL ||
		    page_key(b, &tpl, ja, no, n, c0, c1, keys[no]) == -1) {
			want[no] = 1;
			continue;
		}
		cache_use(pc, keys[no]);
		if (page_replay(b, keys[no], no, &csv[no], &jcols[no]) == 0)
			continue;
		want[no] = 1;
		if (cache_begin(pc, keys[no]) == -1)
			keys[no][0] = '\0';
	}
	o.keys = keys;
	o.nfiles = nfiles;
	if (rc == 0 && st->rc == 0)
		rc = html_matrix_write(b->tpldir, &b->m, b->mcols, ja, want,
		    &ps, &b->pubd);
	/* A page begun and not written fails the build, as stage_add(). */
	if (rc == -1 && o.rel != NULL && st->rc == 0)
		st->rc = -1;
	free(o.rel);
	for (no = 1; no <= n && rc == 0 && st->rc == 0; no++) {
		if (!want[no])
			continue;
		page_files(no, names);
		c0 = starts[no - 1];
		c1 = starts[no];
		if ((st->rc = stage_json(b, names[2], c0, c1, NULL, 0,
		    NULL)) == -1)
			break;
		page_keep(&o, names[2], no);
		csv[no] = csv_pieces(b, ja, c0, c1, &len);
		buf_init(&r);
		matrix_json_cols(&r, &b->m, c0, c1, no);
		jcols[no] = buf_detach(&r);
		if (keys[no][0] == '\0' || nfiles[no] != 3 ||
		    cache_put_file(pc, keys[no], 3, csv[no], len) == -1 ||
		    cache_put_file(pc, keys[no], 4, jcols[no],
		    strlen(jcols[no])) == -1)
			continue;
		buf_init(&r);
		rec_u64(&r, no);
		rec_str(&r, names[0]);
		rec_str(&r, names[1]);
		rec_str(&r, names[2]);
		rec_put_end(&r);
		cache_end(pc, keys[no], r.data, r.len);
		buf_release(&r);
	}
	if (rc == 0 && st->rc == 0)
		st->rc = stage_json(b, "matrix.json", 0, b->m.ncols, starts, n,
		    jcols);
	if (rc == 0 && st->rc == 0) {
		/* stage_csv() moves the pointers along the pieces. */
		char **at = xcalloc(n + 1, sizeof(*at));

		memcpy(at, csv, (n + 1) * sizeof(*at));
		st->rc = stage_csv(b, at, n);
		free(at);
	}
	for (no = 1; no <= n; no++) {
		free(csv[no]);
		free(jcols[no]);
	}
	free(csv);
	free(jcols);
	free(nfiles);
	free(keys);
	free(want);
	return rc;
}

/*
 * matrix.html (or its index and pages, html.h), .csv and .json (see
 * matrix.h), with their assets.  The pages are streamed into the tree.
 */
static int
publish_matrix(struct build *b)
{
	struct stage *st = &b->st;
	struct page_out o = { st, -1, NULL, 0, NULL, NULL, NULL };
	struct page_sink ps = { page_open, page_put, page_close, &o };
	size_t len, n, *starts;
	char *s;
	int rc, ja = html_site_ja(&b->good);

	matrix_end(&b->m);
	diags_move(&b->pubd, &b->matd);
	n = html_matrix_pages(&b->m, b->mcols, &starts);
	if (n > 1)
		rc = publish_pages(b, starts, n, ja);
	else {
		rc = html_matrix_write(b->tpldir, &b->m, b->mcols, ja, NULL,
		    &ps, &b->pubd);
		/* A page begun and not written fails the build. */
		if (rc == -1 && o.rel != NULL && st->rc == 0)
			st->rc = -1;
		free(o.rel);
		if (rc == 0) {
			s = matrix_csv(&b->m, ja, &len);
			stage_add(st, xstrdup("matrix.csv"), s, len);
			if (st->rc == 0)
				st->rc = stage_json(b, "matrix.json", 0,
				    b->m.ncols, NULL, 0, NULL);
		}
	}
	free(starts);
	if (rc == -1)
		return -1;
	if (stage_asset(st, b->tpldir, "matrix.js", &b->pubd) == -1 ||
	    stage_asset(st, b->tpldir, "matrix.css", &b->pubd) == -1)
		return -1;
	return 0;
}

/*
 * What needs every document: the matrix, the index, the site's feed and
 * the sitemap; then switch the new tree in.  Returns 0 when the site was
 * published.
 */
static int
finish(struct build *b)
{
	const char *const *sums = (const char *const *)b->sums;
	size_t len;
	char *s;
	int rc;

	flush_matrix(b);
	if (b->nparts > 0)
		return b->st.rc;
	if (b->nopub || b->state != 1 || b->st.rc != 0)
		return -1;
	/* Opened for the workers (hand_over()), and nothing to publish. */
	if (b->handoff && b->good.n == 0)
		return -1;
	rc = b->tax != NULL ? publish_matrix(b) : 0;
	if (rc == 0) {
		if (b->tax != NULL)
			links_add(&b->idx, xstrdup(html_site_ja(&b->good) ?
			    "約款比較表（項目別）" :
			    "Comparison of the terms, by topic"),
			    xstrdup("matrix.html"), NULL);
		s = html_index(b->t, &b->good, b->wareki, b->idx.v,
		    b->idx.n, &len);
		stage_add(&b->st, xstrdup("index.html"), s, len);
		rc = stage_asset(&b->st, b->tpldir, "style.css", &b->pubd);
		s = feed_site(&b->good, sums, b->base, &len);
		stage_add(&b->st, xstrdup("feed.atom"), s, len);
		stage_site_timeline(b);
		if (rc == 0)
			rc = stage_search(b);
		if (b->base != NULL) {
			s = feed_sitemap(&b->good, b->base, b->tax != NULL,
			    &len);
			stage_add(&b->st, xstrdup("sitemap.xml"), s, len);
		}
	}
	if (rc == 0)
		rc = stage_commit(&b->st, &b->f);
	return rc;
}

/*
 * What shapes a document's output besides its sources: termc itself
 * (its version, and the program file, so that a rebuilt termc starts
 * afresh), the options, the templates, the taxonomy and the revisions
 * left out for files that could not be read.
 */
static void
build_salt(struct build *b, const char *taxpath, int strict)
{
	static const char *const names[] = { "page.html", "index.html",
	    "diff.html" };
	struct diags scratch;
	size_t i, len;
	char *data, *path;

	ckey_init(&b->salt);
	ckey_str(&b->salt, "termc " TERMC_VERSION);
	/* The program's bytes: the same termc anywhere, the same keys. */
	ckey_u64(&b->salt, b->exe.a);
	ckey_u64(&b->salt, b->exe.b);
	ckey_u64(&b->salt, (uint64_t)strict);
	ckey_str(&b->salt, b->base);
	diags_init(&scratch);
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		ckey_str(&b->salt, names[i]);
		data = asset_read(b->tpldir, names[i], &len, &path, &scratch);
		free(path);
		if (data == NULL)
			ckey_str(&b->salt, NULL);
		else {
			ckey_u64(&b->salt, len);
			ckey_add(&b->salt, data, len);
		}
		free(data);
	}
	diags_release(&scratch);
	if (taxpath != NULL && ckey_file(&b->salt, taxpath) == -1) {
		cache_close(b->cache, 0);	/* keyed by nothing */
		b->cache = NULL;
	}
	for (i = 0; i < b->f.n; i++)
		ckey_str(&b->salt, b->f.v[i]);
}

/*
 * Build the documents of heads in order, those of this part (--part) or
 * this worker only, giving each provider's to the matrix.  A worker
 * takes the providers the cache lacks one at a time as it is ready
 * (par_take()), so one that meets slow work (the machine's other load,
 * a file read from disk) takes fewer: with shares fixed before the
 * start, one worker often finished the 1000 files a fifth of the time
 * before the other, and a collection of providers of unequal size would
 * have been shared unequally.
 */
static void
build_groups(struct build *b, int check)
{
	size_t i, end, provider = 0;
	char *prev = NULL;

	for (i = 0; i < b->heads.n; i = end) {
		end = corpus_group_end(&b->heads, i);
		/* A provider's documents share the matrix's columns. */
		if (b->npend > 0 && strcmp(b->pend[0]->meta.provider,
		    b->heads.docs[i]->meta.provider) != 0)
			flush_matrix(b);
		if (prev != NULL && strcmp(prev,
		    b->heads.docs[i]->meta.provider) != 0)
			provider++;
		free(prev);
		prev = xstrdup(b->heads.docs[i]->meta.provider);
		if ((b->nparts == 0 || provider % b->nparts == b->part - 1) &&
		    (b->want == NULL || (b->want[i] > 0 &&
		    par_take(b->next, &b->mine, b->want[i]))))
			build_group(b, i, end, check);
		for (; i < end; i++) {
			doc_free(b->heads.docs[i]);
			b->heads.docs[i] = NULL;
		}
	}
	free(prev);
}

/*
 * Both cores (-j): the documents the cache lacks are built by jobs worker
 * processes, each taking their providers one at a time as it is ready
 * (a provider's documents stay together for the matrix), into the cache
 * alone, as the parts of a build do (--part); then this process builds
 * the whole corpus, which now finds every document in the cache and
 * only assembles.  So the output and the findings, in their order, are
 * a one-process build's, byte for byte, and a worker that fails costs
 * time, never correctness: what it did not keep is built here.
 * Processes rather than threads: the per-document code keeps state in
 * libraries (cmark-gfm's extension registry, libxml2, malloc's arenas)
 * that need no audit this way.
 */
static void
run_workers(struct build *b)
{
	unsigned char *need;
	size_t i, end, w, n, nneed, jobs, *next, *want;
	pid_t *pids, parent = getpid();
	FILE **hand = NULL;
	char key[34];
	int status;

	need = xcalloc(b->heads.n + 1, 1);
	nneed = 0;
	/* need[i]: document i misses; then its provider is worth a worker. */
	for (i = 0; i < b->heads.n; i = end) {
		end = corpus_group_end(&b->heads, i);
		group_key(b, i, end, key);
		need[i] = !cache_has(b->cache, key);
	}
	/* want[i]: the number of document i's provider among those. */
	want = xcalloc(b->heads.n + 1, sizeof(*want));
	for (i = 0; i < b->heads.n; i = end) {
		for (end = i, n = 0; end < b->heads.n && strcmp(
		    b->heads.docs[end]->meta.provider,
		    b->heads.docs[i]->meta.provider) == 0; end++)
			n |= need[end];
		if (n)
			for (nneed++; i < end; i++)
				want[i] = nneed;
	}
	free(need);
	jobs = b->jobs < nneed ? b->jobs : nneed;
	/* The providers the workers took: memory they share. */
	if (jobs < 2 || (next = mmap(NULL, sizeof(*next), PROT_READ |
	    PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0)) == MAP_FAILED) {
		free(want);
		return;
	}
	*next = 0;
	pids = xcalloc(jobs, sizeof(*pids));
	/* Without a cache, each worker's records come back in a file. */
	if (b->handoff)
		hand = xcalloc(jobs, sizeof(*hand));
	fflush(NULL);
	for (w = 0; w < jobs; w++) {
		if (hand != NULL && (hand[w] = tmpfile()) == NULL)
			break;
		if ((pids[w] = fork()) == -1) {
			if (hand != NULL)
				fclose(hand[w]);
			break;
		}
		if (pids[w] != 0)
			continue;
		/* A worker dies with its build, releasing the cache lock. */
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (getppid() != parent)
			_exit(1);
		progress_off();
		if (hand != NULL)
			cache_handoff_to(b->cache, fileno(hand[w]));
		free(hand);	/* the parent's; a leak checker follows workers */
		free(pids);
		b->want = want;
		b->next = next;
		b->part = b->nparts = 1;
		build_groups(b, 1);
		flush_matrix(b);
		/* What it made is in the cache; nothing here to free. */
		_exit(0);
	}
	for (n = 0; n < w; n++) {
		while (waitpid(pids[n], &status, 0) == -1 && errno == EINTR)
			;
		if (hand != NULL) {
			cache_handoff_from(b->cache, fileno(hand[n]));
			fclose(hand[n]);
		}
	}
	munmap(next, sizeof(*next));
	free(hand);
	free(pids);
	free(want);
}

/*
 * Both cores without a cache (-j with --no-cache, or a cache that cannot
 * be used): the new tree is opened before the workers start, and they
 * write their documents' files into it (outtree_share()) and hand their
 * records back through a hand-over cache (cache.h), which this process
 * then replays as it would a cache's.  The keys need only tell this
 * build's documents apart: the salt is empty.  If the tree cannot be
 * opened, nothing of the attempt is kept: the build goes on in one
 * process and meets the failure where a one-process build does.
 */
static void
hand_over(struct build *b)
{
	begin_publishing(b, NULL);
	if (b->state != 1) {
		diags_release(&b->pubd);
		diags_init(&b->pubd);
		templates_free(b->t);
		b->t = NULL;
		outtree_free(b->st.t);
		b->st.t = NULL;
		b->state = 0;
		return;
	}
	outtree_share(b->st.t);
	b->cache = cache_handoff();
	b->handoff = 1;
	ckey_init(&b->salt);
}

/*
 * Build the corpus heads (corpus_scan(), walk gone well when check is
 * set) group by group, then finish.  Returns 0 when the site was
 * published.  The diagnostics of each phase go to d in the order a
 * whole-corpus build records them.
 */
static int
build_all(struct build *b, int check, const char *nothing,
    struct diags *d)
{
	size_t i;
	int rc = -1;

	hmap_init(&b->keys);
	for (i = 0; i < b->heads.n; i = corpus_group_end(&b->heads, i))
		b->ndocs++;
	sort_out_unread(b);
	if (b->cache == NULL && check && b->nparts == 0 && b->jobs > 1 &&
	    b->ndocs > 1 && !b->nopub)
		hand_over(b);
	else if (b->cache != NULL)
		build_salt(b, b->taxpath, b->min == DL_WARNING);
	if (b->cache != NULL && check && b->nparts == 0 && b->jobs > 1)
		run_workers(b);
	build_groups(b, check);
	if (check && b->heads.nfiles > 0)
		rc = finish(b);
	else
		flush_matrix(b);
	for (i = 0; i < b->heads.nfiles; i++)
		diags_move(d, &b->loadd[i]);
	diags_move(d, &b->dupd);
	diags_move(d, &b->checkd);
	if (check && b->heads.nfiles == 0)
		diag(d, nothing, 0, 0, D_NO_TERMS, b->heads.nskipped ?
		    "only *.md files are read; %zu other %s passed over" :
		    NULL, b->heads.nskipped, b->heads.nskipped == 1 ? "file" :
		    "files");
	if (!b->nopub)
		diags_move(d, &b->pubd);
	return rc;
}

static void
build_release(struct build *b)
{
	size_t i;

	diags_release(&b->pubd);
	diags_release(&b->matd);
	diags_release(&b->dupd);
	diags_release(&b->checkd);
	free(b->loadd);
	hmap_release(&b->keys);
	failed_release(&b->f);
	for (i = 0; i < b->m.ncols; i++)
		free(b->colkey[i]);
	free(b->colkey);
	free(b->colat);
	matrix_release(&b->m);
	outtree_free(b->st.t);
	templates_free(b->t);
	templates_free(b->tdiff);
	links_release(&b->idx);
	for (i = 0; i < b->good.n; i++) {
		doc_free(b->good.docs[i]);
		free(b->sums[i]);
	}
	free(b->good.docs);
	free(b->sums);
	free(b->nchg);
	free(b->wareki);
	for (i = 0; i < b->npend; i++)
		free(b->pendkey[i]);
	free(b->pend);
	free(b->pendkey);
	free(b->st.rels);
	free(b->want);
	corpus_release(&b->heads);
}

/* The errors and the warnings of d. */
static void
count_findings(const struct diags *d, size_t *nerr, size_t *nwarn)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		if (diag_level(d->v[i].code) >= DL_ERROR)
			(*nerr)++;
		else if (diag_level(d->v[i].code) == DL_WARNING)
			(*nwarn)++;
	}
}

/*
 * The line that ends a build, on standard error: where, what was
 * published, what was found.  The time only when standard error is a
 * terminal, so that a build's output stays the same from run to run.
 */
static void
build_summary(const char *outdir, const struct corpus *good, int matrix,
    const struct diags *d)
{
	size_t i, pages = good->n, diffs = 0, nerr = 0, nwarn = 0;
	char *out;

	for (i = 0; i < good->n; i = corpus_group_end(good, i))
		diffs += corpus_group_end(good, i) - i - 1;
	count_findings(d, &nerr, &nwarn);
	out = diag_escape(outdir);
	if (pages == 0)
		fprintf(stderr, "termc: build: %s: nothing published", out);
	else
		fprintf(stderr, "termc: build: %s: %zu %s, %zu %s%s", out,
		    pages, pages == 1 ? "page" : "pages", diffs,
		    diffs == 1 ? "diff" : "diffs", matrix ? ", matrix" : "");
	fprintf(stderr, "; %zu %s, %zu %s", nerr, nerr == 1 ? "error" :
	    "errors", nwarn, nwarn == 1 ? "warning" : "warnings");
	if (isatty(STDERR_FILENO))
		fprintf(stderr, " (%.2f s)", progress_elapsed());
	fputc('\n', stderr);
	free(out);
}

/* The line that ends a part of a build (--part): what it kept. */
static void
part_summary(const char *cache, size_t part, size_t nparts,
    const struct corpus *good, const struct diags *d)
{
	size_t nerr = 0, nwarn = 0;
	char *where;

	count_findings(d, &nerr, &nwarn);
	where = diag_escape(cache);
	fprintf(stderr, "termc: build: part %zu/%zu: %zu %s in %s; %zu %s, "
	    "%zu %s\n", part, nparts, good->n, good->n == 1 ? "page" :
	    "pages", where, nerr, nerr == 1 ? "error" : "errors", nwarn,
	    nwarn == 1 ? "warning" : "warnings");
	free(where);
}

/*
 * The front matter of the heads of the build before (doc.h's head_memo),
 * kept in the cache as one entry: parsing 10,000 front matters (libyaml,
 * and the language guess over each body without `lang`) was half the
 * instructions of a build after one edit.  The entry is keyed by termc's
 * bytes, each head by its path and the digest of its bytes, so a head
 * taken from it is what meta_parse() would make of the file now.
 *
 * Each head also keeps its file's stamp (source.h), settled or not by
 * the clock read before the heads were: a file whose stamp is still a
 * settled one is not read at all.  Reading and digesting the 10,000
 * files was the largest part of a build after one edit left (four
 * system calls each where a stamp is one).
 */
struct memo_head {
	char		*path;
	struct digest	 sum;
	int		 plain;
	struct stamp	 stamp;
	int		 settled;
	struct meta	 m;
	struct diags	 fmd;
	int		 taken;
};

struct memo {
	struct memo_head *v;
	size_t		 n;
	struct hmap	 at;		/* path -> its memo_head */
	char		 key[34];
	struct timespec	 clock;		/* before any stamp of the scan */
	/* The folders (struct memo_folder), keyed alike. */
	struct memo_folder *fv;
	size_t		 nf;
	struct hmap	 fat;		/* path -> its memo_folder */
	char		 fkey[34];
};

static void
rec_meta(struct buf *r, const struct meta *m)
{
	size_t i;

	rec_str(r, m->provider);
	rec_str(r, m->provider_name);
	rec_str(r, m->document);
	rec_str(r, m->title);
	rec_str(r, m->revision);
	rec_str(r, m->lang);
	rec_str(r, m->document_number);
	rec_str(r, m->supplements);
	rec_u64(r, m->nhistory);
	for (i = 0; i < m->nhistory; i++) {
		rec_str(r, m->history[i].date);
		rec_str(r, m->history[i].note);
		rec_u64(r, (uint64_t)(int64_t)m->history[i].line);
	}
	rec_u64(r, m->nchanges);
	for (i = 0; i < m->nchanges; i++)
		rec_str(r, m->changes[i]);
	rec_u64(r, (uint64_t)(int64_t)m->changes_line);
	rec_u64(r, (uint64_t)(int64_t)m->provider_line);
	rec_u64(r, (uint64_t)(int64_t)m->document_line);
	rec_u64(r, (uint64_t)(int64_t)m->revision_line);
	rec_u64(r, (uint64_t)(int64_t)m->supplements_line);
	rec_u64(r, (uint64_t)(int64_t)m->provider_col);
	rec_u64(r, (uint64_t)(int64_t)m->document_col);
	rec_u64(r, (uint64_t)(int64_t)m->revision_col);
	rec_u64(r, (uint64_t)(int64_t)m->supplements_col);
}

static void
rec_stamp(struct buf *r, const struct stamp *s)
{
	rec_u64(r, s->dev);
	rec_u64(r, s->ino);
	rec_u64(r, s->size);
	rec_u64(r, (uint64_t)s->mtime_s);
	rec_u64(r, (uint64_t)s->mtime_ns);
	rec_u64(r, (uint64_t)s->ctime_s);
	rec_u64(r, (uint64_t)s->ctime_ns);
}

static void
rec_get_stamp(struct rec *r, struct stamp *s)
{
	s->dev = rec_get_u64(r);
	s->ino = rec_get_u64(r);
	s->size = rec_get_u64(r);
	s->mtime_s = (int64_t)rec_get_u64(r);
	s->mtime_ns = (long)rec_get_u64(r);
	s->ctime_s = (int64_t)rec_get_u64(r);
	s->ctime_ns = (long)rec_get_u64(r);
}

/* rec_meta()'s inverse; r->bad when it does not read back. */
static void
rec_get_meta(struct rec *r, struct meta *m)
{
	size_t i, n;

	memset(m, 0, sizeof(*m));
	m->provider = rec_get_str(r);
	m->provider_name = rec_get_str(r);
	m->document = rec_get_str(r);
	m->title = rec_get_str(r);
	m->revision = rec_get_str(r);
	m->lang = rec_get_str(r);
	m->document_number = rec_get_str(r);
	m->supplements = rec_get_str(r);
	n = rec_get_count(r);
	if (n > 0)
		m->history = xcalloc(n, sizeof(*m->history));
	for (i = 0; i < n && !r->bad; i++, m->nhistory++) {
		m->history[i].date = rec_get_str(r);
		m->history[i].note = rec_get_str(r);
		m->history[i].line = (int)(int64_t)rec_get_u64(r);
	}
	n = rec_get_count(r);
	if (n > 0)
		m->changes = xcalloc(n, sizeof(*m->changes));
	for (i = 0; i < n && !r->bad; i++)
		m->changes[m->nchanges++] = rec_get_str(r);
	m->changes_line = (int)(int64_t)rec_get_u64(r);
	m->provider_line = (int)(int64_t)rec_get_u64(r);
	m->document_line = (int)(int64_t)rec_get_u64(r);
	m->revision_line = (int)(int64_t)rec_get_u64(r);
	m->supplements_line = (int)(int64_t)rec_get_u64(r);
	m->provider_col = (int)(int64_t)rec_get_u64(r);
	m->document_col = (int)(int64_t)rec_get_u64(r);
	m->revision_col = (int)(int64_t)rec_get_u64(r);
	m->supplements_col = (int)(int64_t)rec_get_u64(r);
	/* What meta_parse() always sets. */
	if (m->provider == NULL || m->document == NULL ||
	    m->revision == NULL || m->lang == NULL)
		r->bad = 1;
}

static void
memo_release(struct memo *mo)
{
	size_t i;

	for (i = 0; i < mo->n; i++) {
		free(mo->v[i].path);
		meta_release(&mo->v[i].m);
		diags_release(&mo->v[i].fmd);
	}
	free(mo->v);
	hmap_release(&mo->at);
	mo->v = NULL;
	mo->n = 0;
}

static void	heads_open(struct memo *, struct cache *);
static void	folders_open(struct memo *, struct cache *);
static void	folders_close(struct memo *, struct cache *,
		    struct corpus *);

/* One of the memo's two records to read (memo_open()). */
struct memo_load {
	struct memo	*mo;
	struct cache	*c;
	int		 folders;
};

static void *
memo_load(void *arg)
{
	struct memo_load *l = arg;

	if (l->folders)
		folders_open(l->mo, l->c);
	else
		heads_open(l->mo, l->c);
	return NULL;
}

/*
 * The key of one of the memo's records (what, tagged tag): termc's
 * bytes, and whose build it is, since what a memo proves is taken
 * without reading, and only its reader's.
 */
static void
memo_key(char key[34], char tag, const char *what, const struct ckey *exe)
{
	struct ckey k;

	ckey_init(&k);
	ckey_str(&k, what);
	ckey_u64(&k, exe->a);
	ckey_u64(&k, exe->b);
	ckey_u64(&k, (uint64_t)geteuid());
	key[0] = tag;
	ckey_hex(&k, key + 1);
}

/* The memo of cache c (NULL: none) for the termc whose bytes are exe. */
static void
memo_open(struct memo *mo, struct cache *c, const struct ckey *exe)
{
	struct memo_load heads = { mo, c, 0 }, folders = { mo, c, 1 };

	memset(mo, 0, sizeof(*mo));
	hmap_init(&mo->at);
	hmap_init(&mo->fat);
	if (c == NULL)
		return;
	/* Unread, no stamp is settled (memo_close()). */
	if (clock_gettime(CLOCK_REALTIME_COARSE, &mo->clock) == -1)
		memset(&mo->clock, 0, sizeof(mo->clock));
	memo_key(mo->key, 'h', "heads " TERMC_VERSION, exe);
	memo_key(mo->fkey, 'f', "folders " TERMC_VERSION, exe);
	cache_use(c, mo->key);
	cache_use(c, mo->fkey);
	/* Two records of 3 MB each for 10,000 documents: on two threads. */
	par_both(memo_load, &folders, &heads);
}

/* The heads' record of the memo's cache. */
static void
heads_open(struct memo *mo, struct cache *c)
{
	struct rec r;
	struct memo_head *h;
	char *data;
	size_t len, n;

	if ((data = cache_record(c, mo->key, &len)) == NULL)
		return;
	r = (struct rec){ data, data + len, 0 };
	n = rec_get_count(&r);
	mo->v = xcalloc(n + 1, sizeof(*mo->v));
	for (; mo->n < n && !r.bad; mo->n++) {
		h = &mo->v[mo->n];
		diags_init(&h->fmd);
		h->path = rec_get_str(&r);
		h->sum.a = rec_get_u64(&r);
		h->sum.b = rec_get_u64(&r);
		h->plain = rec_get_u64(&r) != 0;
		rec_get_stamp(&r, &h->stamp);
		h->settled = rec_get_u64(&r) != 0;
		rec_get_meta(&r, &h->m);
		rec_get_diags(&r, &h->fmd);
		if (h->path == NULL)
			r.bad = 1;
	}
	if (!rec_get_end(&r)) {
		memo_release(mo);
		hmap_init(&mo->at);
	}
	for (n = 0; n < mo->n; n++)
		hmap_put(&mo->at, mo->v[n].path, &mo->v[n]);
	free(data);
}

/*
 * The folders the walk met in the build before, kept in the cache as
 * one entry beside the heads' (keyed alike, by termc's bytes): each
 * with its stamp, settled or not as a head's is, and its entries.  A
 * folder whose stamp is still a settled one holds those entries: adding,
 * removing or renaming one changes a folder's ctime and mtime.  So an
 * edit build among 10,000 documents opens none of their 20,000 folders
 * (one fstatat() each instead of an open, an fstat, two getdents and a
 * close).
 */
struct memo_folder {
	struct folder	 f;
	int		 settled;
};

static void
folders_release(struct memo *mo)
{
	size_t i;

	for (i = 0; i < mo->nf; i++)
		folder_release(&mo->fv[i].f);
	free(mo->fv);
	hmap_release(&mo->fat);
	mo->fv = NULL;
	mo->nf = 0;
}

/* The folders' record of the memo's cache. */
static void
folders_open(struct memo *mo, struct cache *c)
{
	struct memo_folder *h;
	struct rec r;
	char *data;
	size_t len, n, i;

	if ((data = cache_record(c, mo->fkey, &len)) == NULL)
		return;
	r = (struct rec){ data, data + len, 0 };
	n = rec_get_count(&r);
	mo->fv = xcalloc(n + 1, sizeof(*mo->fv));
	for (; mo->nf < n && !r.bad; mo->nf++) {
		h = &mo->fv[mo->nf];
		h->f.path = rec_get_str(&r);
		rec_get_stamp(&r, &h->f.stamp);
		h->settled = rec_get_u64(&r) != 0;
		h->f.n = rec_get_count(&r);
		h->f.v = xcalloc(h->f.n + 1, sizeof(*h->f.v));
		for (i = 0; i < h->f.n && !r.bad; i++) {
			h->f.v[i].name = rec_get_str(&r);
			h->f.v[i].type = (unsigned char)rec_get_u64(&r);
			h->f.v[i].ino = rec_get_u64(&r);
			if (h->f.v[i].name == NULL)
				r.bad = 1;
		}
		if (h->f.path == NULL)
			r.bad = 1;
	}
	if (!rec_get_end(&r)) {
		folders_release(mo);
		hmap_init(&mo->fat);
	}
	for (n = 0; n < mo->nf; n++)
		hmap_put(&mo->fat, mo->fv[n].f.path, &mo->fv[n]);
	free(data);
}

/* head_memo's folder(): the entries of a folder its stamp proves. */
static int
memo_folder(void *arg, const char *path, const struct stamp *now,
    struct folder_entry **v, size_t *n)
{
	struct memo *mo = arg;
	struct memo_folder *h;

	/* Lent, not given: the walk's two halves read them, and a half
	   walked again (a clash, corpus.c) asks again. */
	if ((h = hmap_get(&mo->fat, path)) == NULL || !h->settled ||
	    !stamp_same(&h->f.stamp, now))
		return -1;
	*v = h->f.v;
	*n = h->f.n;
	return 0;
}

/* Do a and b hold the same entries? */
static int
same_entries(const struct folder *a, const struct folder *b)
{
	size_t i;

	if (a->n != b->n)
		return 0;
	for (i = 0; i < a->n; i++)
		if (a->v[i].type != b->v[i].type ||
		    a->v[i].ino != b->v[i].ino ||
		    strcmp(a->v[i].name, b->v[i].name) != 0)
			return 0;
	return 1;
}

/*
 * Keep the folders the walk met (heads->folders, released here) in
 * cache c, unless each is the memo's as it would be kept now (a folder
 * the memo proved is; one read is when its stamp, settledness and
 * entries are), or none is settled (a memo that proves nothing);
 * release the memo's folders.
 */
static void
folders_close(struct memo *mo, struct cache *c, struct corpus *heads)
{
	const struct memo_folder *h;
	const struct folder *f;
	unsigned char *settled = NULL;
	struct buf r;
	size_t i, j, nsettled = 0, same = 0;
	struct stamp_fs fs = { 0, 0, 0 };

	if (c != NULL && mo->fkey[0] != '\0') {
		settled = xcalloc(heads->nfolders + 1, 1);
		for (i = 0; i < heads->nfolders; i++) {
			f = &heads->folders[i];
			settled[i] = stamp_counts(&fs, &f->stamp, f->path,
			    &mo->clock);
			nsettled += settled[i];
			h = hmap_get(&mo->fat, f->path);
			same += f->lent || (h != NULL &&
			    h->settled == settled[i] &&
			    stamp_same(&h->f.stamp, &f->stamp) &&
			    same_entries(&h->f, f));
		}
	}
	if (settled != NULL && nsettled > 0 &&
	    (same != heads->nfolders || heads->nfolders != mo->nf) &&
	    cache_begin(c, mo->fkey) == 0) {
		buf_init(&r);
		rec_u64(&r, heads->nfolders);
		for (i = 0; i < heads->nfolders; i++) {
			f = &heads->folders[i];
			rec_str(&r, f->path);
			rec_stamp(&r, &f->stamp);
			rec_u64(&r, settled[i]);
			rec_u64(&r, f->n);
			for (j = 0; j < f->n; j++) {
				rec_str(&r, f->v[j].name);
				rec_u64(&r, f->v[j].type);
				rec_u64(&r, f->v[j].ino);
			}
		}
		rec_put_end(&r);
		cache_end(c, mo->fkey, r.data, r.len);
		buf_release(&r);
	}
	free(settled);
	for (i = 0; i < heads->nfolders; i++)
		folder_release(&heads->folders[i]);
	free(heads->folders);
	heads->folders = NULL;
	heads->nfolders = heads->nread = 0;
	folders_release(mo);
}

/* Give h's front matter and its warnings to the head that takes it. */
static void
memo_take(struct memo_head *h, struct meta *m, struct diags *fmd)
{
	*m = h->m;
	memset(&h->m, 0, sizeof(h->m));
	diags_move(fmd, &h->fmd);
	h->taken = 1;
}

static int
memo_get(void *arg, const char *path, const struct digest *sum,
    struct meta *m, struct diags *fmd)
{
	struct memo *mo = arg;
	struct memo_head *h;

	if ((h = hmap_get(&mo->at, path)) == NULL || h->taken ||
	    memcmp(&h->sum, sum, sizeof(*sum)) != 0)
		return -1;
	memo_take(h, m, fmd);
	return 0;
}

/* head_memo's unchanged(): memo_get() of a file its stamp proves. */
static int
memo_unchanged(void *arg, const char *path, const struct stamp *now,
    struct digest *sum, int *plain, struct meta *m, struct diags *fmd)
{
	struct memo *mo = arg;
	struct memo_head *h;

	if ((h = hmap_get(&mo->at, path)) == NULL || h->taken ||
	    !h->settled || !stamp_same(&h->stamp, now))
		return -1;
	*sum = h->sum;
	*plain = h->plain;
	/* Heads are read on two threads (corpus_scan()), each file once:
	   an entry is one thread's. */
	memo_take(h, m, fmd);
	return 0;
}

/*
 * Keep the front matter of heads (just scanned) in cache c as the memo,
 * unless the memo held them all and nothing else, each with the stamp
 * and settledness it would be kept with now; release the memo.  A stamp is settled by the clock read before
 * it was taken, so a file changed while it was read, or after in the
 * same tick, is read again; one read again keeps its stamp settled
 * once it is.  Only stamps of a local file system count (stamp_counts()).
 */
static void
memo_close(struct memo *mo, struct cache *c, const struct corpus *heads)
{
	const struct doc *doc;
	const struct memo_head *h;
	unsigned char *settled;
	struct buf r;
	size_t i, same = 0;
	struct stamp_fs fs = { 0, 0, 0 };

	if (c == NULL || mo->key[0] == '\0') {
		memo_release(mo);
		return;
	}
	/* Each head as it would be kept now, and whether it was so. */
	settled = xcalloc(heads->n + 1, 1);
	for (i = 0; i < heads->n; i++) {
		doc = heads->docs[i];
		settled[i] = stamp_counts(&fs, &doc->stamp, doc->path,
		    &mo->clock);
		h = hmap_get(&mo->at, doc->path);
		same += h != NULL && h->taken && h->settled == settled[i] &&
		    stamp_same(&h->stamp, &doc->stamp);
	}
	if ((same != heads->n || mo->n != heads->n) &&
	    cache_begin(c, mo->key) == 0) {
		buf_init(&r);
		rec_u64(&r, heads->n);
		for (i = 0; i < heads->n; i++) {
			doc = heads->docs[i];
			rec_str(&r, doc->path);
			rec_u64(&r, doc->sum.a);
			rec_u64(&r, doc->sum.b);
			rec_u64(&r, (uint64_t)doc->plain);
			rec_stamp(&r, &doc->stamp);
			rec_u64(&r, settled[i]);
			rec_meta(&r, &doc->meta);
			rec_diags(&r, doc->fmd, 0);
		}
		rec_put_end(&r);
		cache_end(c, mo->key, r.data, r.len);
		buf_release(&r);
	}
	free(settled);
	memo_release(mo);
}

/* A count option's value: digits only, from 1 to max. */
static int
count_arg(const char *s, size_t max, size_t *n)
{
	char junk;

	return isdigit((unsigned char)*s) &&
	    sscanf(s, "%zu%c", n, &junk) == 1 && *n >= 1 && *n <= max;
}

int
cmd_build(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "templates", required_argument, NULL, 't' },
		{ "strict", no_argument, NULL, 's' },
		{ "base-url", required_argument, NULL, 'b' },
		{ "no-cache", no_argument, NULL, 'n' },
		{ "cache", required_argument, NULL, 'c' },
		{ "part", required_argument, NULL, 'p' },
		{ "matrix-columns", required_argument, NULL, 'm' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	static char *defaults[] = { (char *)"terms" };
	const char *outdir = "out", *given = NULL, *baseopt = NULL;
	char *tpldir, *base = NULL;
	struct taxonomy tax, *taxp = NULL;
	struct stat st;
	struct buf tpath;
	struct build b;
	struct corpus none;
	struct memo memo;
	struct head_memo hm;
	struct diags d;
	size_t i;
	const char *cachedir = NULL;
	struct buf cpath;
	size_t part = 0, nparts = 0, jobs = 0, mcols = MATRIX_PAGE_COLUMNS;
	long ncpu;
	char junk;
	int ch, strict = 0, rc, published, check, nocache = 0, busy = 0;

#ifdef M_MMAP_THRESHOLD
	/*
	 * Blocks of 128 KB and more (a source, a page, cmark-gfm's buffers
	 * of a long document) are mapped and given back when freed, always:
	 * glibc would otherwise raise that bound to the largest block freed
	 * so far, and the next such blocks would come from the heap, whose
	 * freed memory a build keeps.  The 10 MB bench corpus peaked at
	 * 101 MB that way, 88 MB this way; the instructions are the same.
	 */
	mallopt(M_MMAP_THRESHOLD, 128 * 1024);
#endif
	optind = 1;
	while ((ch = getopt_long(argc, argv, "o:j:h", opts, NULL)) != -1) {
		switch (ch) {
		case 'o':
			if (*optarg == '\0')
				return usage_error("build",
				    "the output directory is an empty name");
			outdir = optarg;
			break;
		case 't':
			given = optarg;
			break;
		case 's':
			strict = 1;
			break;
		case 'n':
			nocache = 1;
			break;
		case 'c':
			if (*optarg == '\0')
				return usage_error("build",
				    "the cache folder is an empty name");
			cachedir = optarg;
			break;
		case 'p':
			if (sscanf(optarg, "%zu/%zu%c", &part, &nparts,
			    &junk) != 2 || part < 1 || part > nparts ||
			    !isdigit((unsigned char)*optarg))
				return usage_error("build", "--part takes K/N, "
				    "1 <= K <= N");
			break;
		case 'm':
			if (!count_arg(optarg, SIZE_MAX, &mcols))
				return usage_error("build", "--matrix-columns "
				    "takes a number of columns, 1 or more");
			break;
		case 'j':
			if (!count_arg(optarg, MAX_JOBS, &jobs))
				return usage_error("build", "-j takes a number "
				    "of processes, 1 to " MAX_JOBS_S);
			break;
		case 'b':
			if (!feed_base_ok(optarg))
				return usage_error("build", "--base-url takes "
				    "an http:// or https:// URL");
			baseopt = optarg;
			break;
		case 'h':
			fputs(build_usage, stdout);
			return 0;
		default:
			return bad_option("build", build_usage, argv, "o:j:h");
		}
	}
	if (nparts > 0 && nocache)
		return usage_error("build", "--part keeps its work in the "
		    "cache: not with --no-cache");
	/* Pages go below the base URL: it ends with "/". */
	if (baseopt != NULL) {
		base = xmalloc(strlen(baseopt) + 2);
		strcpy(base, baseopt);
		if (base[strlen(base) - 1] != '/')
			strcat(base, "/");
	}
	progress_begin();
	tpldir = templates_dir(given, optind < argc ? argv[optind] :
	    defaults[0]);
	diags_init(&d);
	/* The topic taxonomy lives with the terms: TERMS_DIR/topics.yaml. */
	buf_init(&tpath);
	buf_printf(&tpath, "%s/topics.yaml",
	    optind < argc ? argv[optind] : defaults[0]);
	if (stat(tpath.data, &st) == 0 && S_ISREG(st.st_mode) &&
	    taxonomy_load(&tax, tpath.data, &d) == 0)
		taxp = &tax;
	memset(&b, 0, sizeof(b));
	b.min = strict ? DL_WARNING : DL_ERROR;
	b.tax = taxp;
	b.outdir = outdir;
	b.tpldir = tpldir;
	b.base = base;
	b.taxpath = taxp != NULL ? tpath.data : NULL;
	b.part = part;
	b.nparts = nparts;
	b.mcols = mcols;
	/* By default one process per core the system has online, capped. */
	if (jobs == 0) {
		ncpu = sysconf(_SC_NPROCESSORS_ONLN);
		jobs = ncpu < 1 ? 1 : ncpu > DEFAULT_JOBS ? DEFAULT_JOBS :
		    (size_t)ncpu;
	}
	b.jobs = jobs;
	buf_init(&cpath);
	if (cachedir != NULL)
		buf_puts(&cpath, cachedir);
	else
		buf_printf(&cpath, "%s.cache", outdir);
	/* Locked while open (cache.h): parts share it, a build holds it. */
	if (!nocache && (b.cache = cache_open(cpath.data, nparts > 0,
	    &busy)) == NULL && (busy || nparts > 0))
		diag(&d, cpath.data, 0, 0, D_IO, "%s", busy ? "another termc "
		    "build is using this cache; try again when it is done" :
		    "cannot be used as a build cache");
	if (b.cache != NULL) {
		ckey_init(&b.exe);
		(void)ckey_file(&b.exe, "/proc/self/exe");
	}
	/* The parts of a build share the cache: none keeps the memo. */
	memo_open(&memo, nparts == 0 ? b.cache : NULL, &b.exe);
	hm.get = memo_get;
	hm.unchanged = memo.key[0] != '\0' ? memo_unchanged : NULL;
	hm.folder = memo.key[0] != '\0' ? memo_folder : NULL;
	hm.arg = &memo;
	check = (nparts == 0 ? !busy : b.cache != NULL) &&
	    corpus_scan(&b.heads, optind < argc ? argv + optind :
	    defaults, optind < argc ? (size_t)(argc - optind) : 1, &hm,
	    b.jobs > 1, &d, &b.loadd) == 0;
	folders_close(&memo, check ? b.cache : NULL, &b.heads);
	memo_close(&memo, check ? b.cache : NULL, &b.heads);
	/* A finding that is no document's (topics.yaml): nothing published. */
	for (i = 0; i < d.n; i++)
		if (diag_level(d.v[i].code) >= b.min &&
		    file_index(&b, d.v[i].path) == b.heads.nfiles)
			b.nopub = 1;
	published = build_all(&b, check, optind < argc ? argv[optind] :
	    defaults[0], &d) == 0;
	progress_end();
	diags_print(&d, stderr);
	rc = diags_exit(&d, strict);
	if (rc < 2 && nparts > 0)
		part_summary(cpath.data, part, nparts, &b.good, &d);
	else if (rc < 2) {
		memset(&none, 0, sizeof(none));
		build_summary(outdir, published ? &b.good : &none,
		    published && taxp != NULL, &d);
	}
	cache_close(b.cache, published && nparts == 0);
	buf_release(&cpath);
	build_release(&b);
	buf_release(&tpath);
	if (taxp != NULL)
		taxonomy_release(taxp);
	diags_release(&d);
	free(tpldir);
	free(base);
	return rc;
}
