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
 */
#include <sys/stat.h>

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "assets.h"
#include "buf.h"
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
#include "progress.h"
#include "source.h"
#include "topics.h"
#include "xalloc.h"

static const char build_usage[] =
    "usage: termc build [-o DIR] [--templates DIR] [--base-url URL] [--strict]\n"
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
    "DIR/matrix.html, matrix.csv, matrix.json (and matrix.js, matrix.css).\n\n"
    "  -o, --output DIR   output directory (default: out)\n"
    "  --templates DIR    page templates (default: the nearest\n"
    "                     templates/ above the input)\n"
    "  --base-url URL     the site's public http(s) URL: absolute links in\n"
    "                     the feeds, and DIR/sitemap.xml\n"
    "  --strict           treat warnings as errors\n"
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
};

/* Write a file into the new tree; takes rel and data, and frees them. */
static void
stage_add(struct stage *st, char *rel, char *data, size_t len)
{
	if (st->rc == 0)
		st->rc = outtree_write(st->t, rel, data, len, st->d);
	free(rel);
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

/* "新旧対照表（OLD → NEW）", caller frees. */
static char *
diff_label(const struct doc *a, const struct doc *b)
{
	struct buf l;

	buf_init(&l);
	buf_printf(&l, "新旧対照表（%s → %s）", a->meta.revision,
	    b->meta.revision);
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
	struct links		 idx;
	struct matrix		 m;
	struct doc		**pend;	/* the current provider's newest
					   revisions, for the matrix */
	size_t			 npend;
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

/* Give the current provider's documents to the matrix and strip them. */
static void
flush_matrix(struct build *b)
{
	size_t i;

	if (b->npend > 0 && b->state == 1 && b->st.rc == 0)
		matrix_add(&b->m, (const struct doc **)b->pend, b->npend,
		    &b->matd);
	for (i = 0; i < b->npend; i++)
		doc_strip(b->pend[i]);
	b->npend = 0;
}

/* Templates and staging tree, at the first document published. */
static void
begin_publishing(struct build *b)
{
	b->state = -1;
	if ((b->t = templates_load(b->tpldir, TPL_PAGES, &b->pubd)) == NULL)
		return;
	b->st.d = &b->pubd;
	if ((b->st.t = outtree_open(b->outdir, &b->pubd)) == NULL)
		return;
	if (b->tax != NULL)
		matrix_begin(&b->m, b->tax, NULL);
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

/*
 * Publish the revisions of one document, g (all good), with the diffs of
 * its consecutive revisions: the pages, the 新旧対照表 (listed under the
 * document in the index) and the document's feed.  Takes g's docs into
 * b->good.
 */
static void
publish_group(struct build *b, const struct corpus *g, struct diff **pairs)
{
	const struct meta *m = &g->docs[0]->meta;
	struct page_ctx pc;
	struct page_link rl[2];
	struct buf rel, group, sum;
	size_t j, len, from;
	char *html, *file;

	if (b->state == 0)
		begin_publishing(b);
	for (j = 1; j < g->n && b->state == 1 && b->tdiff == NULL; j++)
		if ((b->tdiff = templates_load(b->tpldir, TPL_DIFF,
		    &b->pubd)) == NULL)
			b->state = -1;
	for (j = 0; j < g->n && b->state == 1 && b->st.rc == 0; j++) {
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
		buf_init(&rel);
		buf_printf(&rel, "%s/%s/%s.html", m->provider, m->document,
		    g->docs[j]->meta.revision);
		html = html_page(b->t, g->docs[j], &pc, &len);
		stage_add(&b->st, buf_detach(&rel), html, len);
		links_free(rl, pc.nlinks);
	}
	for (j = 1; j < g->n && b->state == 1 && b->st.rc == 0; j++) {
		html = html_diff(pairs[j], b->tdiff, "../../", 1, &len);
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
		b->sums[b->good.n] = NULL;
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
	}
}

/*
 * One document: the revisions heads.docs[lo, hi).  Load them, run the
 * checks (when check is set: the walk went well), leave out the files
 * with findings at the build's level with every other file of their
 * revision, publish the rest and free the trees.
 */
static void
build_group(struct build *b, size_t lo, size_t hi, int check)
{
	struct corpus g, ok;
	struct diff **pairs, **gpairs;
	struct hmap bad;
	struct doc *doc;
	size_t i, fi, d0, c0;
	char *key;

	memset(&g, 0, sizeof(g));
	memset(&ok, 0, sizeof(ok));
	for (i = lo; i < hi; i++) {
		progress_tick("building", i + 1, b->heads.n);
		fi = file_index(b, b->heads.docs[i]->path);
		doc = doc_load(b->heads.docs[i]->path, &b->loadd[fi]);
		if (doc == NULL) {
			/* Known by its path, as a file that cannot be read. */
			if (b->loadd[fi].worst >= b->min)
				leave_out(b, path_key(b->heads.docs[i]->path));
			continue;
		}
		g.docs = xgrow(g.docs, g.n, sizeof(*g.docs));
		g.docs[g.n++] = doc;
	}
	d0 = b->dupd.n;
	corpus_check_dups(&g, &b->dupd);
	if (!check) {
		for (i = 0; i < g.n; i++)
			doc_free(g.docs[i]);
		free(g.docs);
		return;
	}
	pairs = diff_pairs(&g);
	c0 = b->checkd.n;
	check_corpus(&g, pairs, &b->checkd);
	hmap_init(&bad);
	for (i = lo; i < hi; i++) {
		fi = file_index(b, b->heads.docs[i]->path);
		mark_bad(b, &b->loadd[fi], 0, lo, hi, &bad);
	}
	mark_bad(b, &b->dupd, d0, lo, hi, &bad);
	mark_bad(b, &b->checkd, c0, lo, hi, &bad);
	for (i = 0; i < g.n; i++)
		if (hmap_get(&bad, g.docs[i]->path) != NULL)
			leave_out(b, meta_key(&g.docs[i]->meta));
	for (i = 0; i < g.n; i++) {
		key = meta_key(&g.docs[i]->meta);
		if (hmap_get(&bad, g.docs[i]->path) == NULL &&
		    hmap_get(&b->keys, key) == NULL) {
			ok.docs = xgrow(ok.docs, ok.n, sizeof(*ok.docs));
			ok.docs[ok.n++] = g.docs[i];
		} else
			doc_free(g.docs[i]);
		free(key);
	}
	hmap_release(&bad);
	if (ok.n > 0 && !b->nopub && b->state >= 0) {
		gpairs = ok.n == g.n ? pairs : diff_pairs(&ok);
		publish_group(b, &ok, gpairs);
		if (gpairs != pairs)
			diff_pairs_free(gpairs, ok.n);
		/* The newest revision waits for its provider's others. */
		if (b->tax != NULL && b->state == 1) {
			b->pend = xgrow(b->pend, b->npend, sizeof(*b->pend));
			b->pend[b->npend++] = ok.docs[--ok.n];
		}
		for (i = 0; i < ok.n; i++)
			doc_strip(ok.docs[i]);
	} else
		for (i = 0; i < ok.n; i++)
			doc_free(ok.docs[i]);
	diff_pairs_free(pairs, g.n);
	free(g.docs);
	free(ok.docs);
}

/* matrix.html, .csv and .json (see matrix.h), with their assets. */
static int
publish_matrix(struct build *b)
{
	struct stage *st = &b->st;
	size_t len;
	char *s;

	matrix_end(&b->m);
	diags_move(&b->pubd, &b->matd);
	if ((s = html_matrix(b->tpldir, &b->m, "", &b->pubd, &len)) == NULL)
		return -1;
	stage_add(st, xstrdup("matrix.html"), s, len);
	s = matrix_csv(&b->m, &len);
	stage_add(st, xstrdup("matrix.csv"), s, len);
	s = matrix_json(&b->m, &len);
	stage_add(st, xstrdup("matrix.json"), s, len);
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
	if (b->nopub || b->state != 1 || b->st.rc != 0)
		return -1;
	rc = b->tax != NULL ? publish_matrix(b) : 0;
	if (rc == 0) {
		if (b->tax != NULL)
			links_add(&b->idx, xstrdup("約款比較表（項目別）"),
			    xstrdup("matrix.html"), NULL);
		s = html_index(b->t, &b->good, b->idx.v, b->idx.n, &len);
		stage_add(&b->st, xstrdup("index.html"), s, len);
		rc = stage_asset(&b->st, b->tpldir, "style.css", &b->pubd);
		s = feed_site(&b->good, sums, b->base, &len);
		stage_add(&b->st, xstrdup("feed.atom"), s, len);
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
 * Build the corpus heads (corpus_scan(), walk gone well when check is
 * set) group by group, then finish.  Returns 0 when the site was
 * published.  The diagnostics of each phase go to d in the order a
 * whole-corpus build records them.
 */
static int
build_all(struct build *b, int check, const char *nothing,
    struct diags *d)
{
	size_t i, end;
	int rc = -1;

	hmap_init(&b->keys);
	sort_out_unread(b);
	for (i = 0; i < b->heads.n; i = end) {
		end = corpus_group_end(&b->heads, i);
		/* A provider's documents share the matrix's columns. */
		if (b->npend > 0 && strcmp(b->pend[0]->meta.provider,
		    b->heads.docs[i]->meta.provider) != 0)
			flush_matrix(b);
		build_group(b, i, end, check);
		for (; i < end; i++) {
			doc_free(b->heads.docs[i]);
			b->heads.docs[i] = NULL;
		}
	}
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
	free(b->pend);
	corpus_release(&b->heads);
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
	for (i = 0; i < d->n; i++) {
		if (diag_level(d->v[i].code) >= DL_ERROR)
			nerr++;
		else if (diag_level(d->v[i].code) == DL_WARNING)
			nwarn++;
	}
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

int
cmd_build(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "templates", required_argument, NULL, 't' },
		{ "strict", no_argument, NULL, 's' },
		{ "base-url", required_argument, NULL, 'b' },
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
	struct diags d;
	size_t i;
	int ch, strict = 0, rc, published, check;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "o:h", opts, NULL)) != -1) {
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
			return bad_option("build", build_usage, argv, "o:h");
		}
	}
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
	buf_release(&tpath);
	memset(&b, 0, sizeof(b));
	b.min = strict ? DL_WARNING : DL_ERROR;
	b.tax = taxp;
	b.outdir = outdir;
	b.tpldir = tpldir;
	b.base = base;
	check = corpus_scan(&b.heads, optind < argc ? argv + optind :
	    defaults, optind < argc ? (size_t)(argc - optind) : 1, &d,
	    &b.loadd) == 0;
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
	if (rc < 2) {
		memset(&none, 0, sizeof(none));
		build_summary(outdir, published ? &b.good : &none,
		    published && taxp != NULL, &d);
	}
	build_release(&b);
	if (taxp != NULL)
		taxonomy_release(taxp);
	diags_release(&d);
	free(tpldir);
	free(base);
	return rc;
}
