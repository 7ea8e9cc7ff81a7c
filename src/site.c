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
#include "search.h"
#include "timeline.h"
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
 * The 新旧対照表 of each pair of consecutive revisions docs[i, end),
 * written next to the revision pages and listed under the document in
 * the index.
 */
static void
diff_pages(const struct corpus *c, struct diff *const *pairs, size_t i,
    size_t end, struct stage *st, const struct templates *t,
    struct links *idx)
{
	const struct meta *m;
	struct buf rel, group;
	size_t j, len;
	char *html, *file;

	for (j = i + 1; j < end; j++) {
		m = &c->docs[j]->meta;
		/* The two revisions' pages, in the same folder. */
		buf_init(&rel);
		buf_printf(&rel, "%s.html", c->docs[j - 1]->meta.revision);
		buf_init(&group);
		buf_printf(&group, "%s.html", m->revision);
		html = html_diff(pairs[j], t, "../../", 1, rel.data,
		    group.data, &len);
		buf_release(&rel);
		buf_release(&group);
		file = diff_file(c->docs[j - 1], c->docs[j]);
		buf_init(&rel);
		buf_printf(&rel, "%s/%s/%s", m->provider, m->document, file);
		free(file);
		stage_add(st, xstrdup(rel.data), html, len);
		buf_init(&group);
		buf_printf(&group, "%s/%s", m->provider, m->document);
		links_add(idx, diff_label(c->docs[j - 1], c->docs[j]),
		    buf_detach(&rel), buf_detach(&group));
	}
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
/* matrix.html, .csv and .json (see matrix.h), with their assets. */
static int
publish_matrix(const struct corpus *c, const struct taxonomy *tax,
    struct stage *st, const char *tpldir, struct diags *d)
{
	struct matrix m;
	size_t len;
	char *s;
	int rc = 0;

	matrix_build(&m, tax, c, NULL, d);
	if ((s = html_matrix(tpldir, &m, "", d, &len)) == NULL)
		rc = -1;
	else {
		stage_add(st, xstrdup("matrix.html"), s, len);
		s = matrix_csv(&m, &len);
		stage_add(st, xstrdup("matrix.csv"), s, len);
		s = matrix_json(&m, &len);
		stage_add(st, xstrdup("matrix.json"), s, len);
		if (stage_asset(st, tpldir, "matrix.js", d) == -1 ||
		    stage_asset(st, tpldir, "matrix.css", d) == -1)
			rc = -1;
	}
	matrix_release(&m);
	return rc;
}

/*
 * feed.atom for the site and for each document, and with a base URL
 * sitemap.xml (feed.h).
 */
static void
publish_feeds(const struct corpus *c, struct diff *const *pairs,
    const char *base, int matrix, struct stage *st)
{
	const struct meta *m;
	struct buf rel;
	size_t i, end, len;
	char *s;

	s = feed_site(c, pairs, base, &len);
	stage_add(st, xstrdup("feed.atom"), s, len);
	for (i = 0; i < c->n; i = end) {
		end = corpus_group_end(c, i);
		m = &c->docs[i]->meta;
		s = feed_document(c, pairs, i, end, base, &len);
		buf_init(&rel);
		buf_printf(&rel, "%s/%s/feed.atom", m->provider, m->document);
		stage_add(st, buf_detach(&rel), s, len);
	}
	if (base != NULL) {
		s = feed_sitemap(c, base, matrix, &len);
		stage_add(st, xstrdup("sitemap.xml"), s, len);
	}
}

/* Clauses a diff reports changed (0 for none). */
static size_t
changed_clauses(const struct diff *D)
{
	static const enum dkind kinds[] = { DK_ADDED, DK_REMOVED,
	    DK_MODIFIED, DK_MOVED, DK_SPLIT, DK_MERGED, DK_NORMALIZED,
	    DK_LINKS };
	size_t k, n = 0;

	for (k = 0; D != NULL && k < sizeof(kinds) / sizeof(kinds[0]); k++)
		n += D->count[kinds[k]];
	return n;
}

static int
cmp_lanes(const void *a, const void *b)
{
	const struct tl_lane *x = a, *y = b;
	int c = strcmp(y->pts[y->n - 1].date, x->pts[x->n - 1].date);

	return c != 0 ? c : strcmp(x->label, y->label);
}

/*
 * The revision timelines: DIR/<provider>/<document>/timeline.svg for a
 * document of two revisions or more, and DIR/timeline.svg of the
 * documents revised last (TIMELINE_MAX_LANES).  docs[i] is the oldest
 * revision of a group; pairs as diff_pairs().
 */
static void
publish_timelines(const struct corpus *c, struct diff *const *pairs,
    struct stage *st)
{
	struct tl_point *pts = xcalloc(c->n, sizeof(*pts));
	struct tl_lane *lanes = NULL;
	size_t i, j, end, nlanes = 0, len;
	struct buf rel;
	char *svg;

	for (i = 0; i < c->n; i = end) {
		const struct meta *m = &c->docs[i]->meta;

		end = corpus_group_end(c, i);
		for (j = i; j < end; j++) {
			pts[j].date = c->docs[j]->meta.revision;
			pts[j].first = j == i;
			pts[j].changes = j > i ? changed_clauses(pairs[j]) : 0;
		}
		lanes = xreallocarray(lanes, nlanes + 1, sizeof(*lanes));
		lanes[nlanes].label = c->docs[end - 1]->meta.title;
		lanes[nlanes].pts = pts + i;
		lanes[nlanes].n = end - i;
		if (end - i > 1) {
			svg = timeline_svg(&lanes[nlanes], 1,
			    m->lang && strncmp(m->lang, "ja", 2) == 0, &len);
			buf_init(&rel);
			buf_printf(&rel, "%s/%s/timeline.svg", m->provider,
			    m->document);
			stage_add(st, buf_detach(&rel), svg, len);
		}
		nlanes++;
	}
	qsort(lanes, nlanes, sizeof(*lanes), cmp_lanes);
	svg = timeline_svg(lanes, nlanes, 1, &len);
	stage_add(st, xstrdup("timeline.svg"), svg, len);
	free(lanes);
	free(pts);
}

/*
 * Offline search (search.h): search-index.js of every document's latest
 * revision, and the page and script that read it.
 */
static void
publish_search(const struct corpus *c, struct stage *st, const char *tpldir,
    struct diags *d)
{
	struct search *s = search_new();
	struct buf href;
	size_t i, end, len;
	char *js;

	for (i = 0; i < c->n; i = end) {
		const struct meta *m;

		end = corpus_group_end(c, i);
		m = &c->docs[end - 1]->meta;
		buf_init(&href);
		buf_printf(&href, "%s/%s/%s.html", m->provider, m->document,
		    m->revision);
		search_add(s, c->docs[end - 1], href.data);
		buf_release(&href);
	}
	js = search_finish(s, &len);
	stage_add(st, xstrdup("search-index.js"), js, len);
	if (stage_asset(st, tpldir, "search.html", d) == -1 ||
	    stage_asset(st, tpldir, "search.js", d) == -1)
		st->rc = -1;
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

static int
publish(const struct corpus *c, struct diff *const *pairs,
    const struct taxonomy *tax, const struct failed *f, const char *outdir,
    const char *tpldir, const char *base, struct diags *d)
{
	struct templates *t;
	struct page_ctx pc;
	struct stage st = { NULL, d, 0 };
	struct buf rel;
	struct links idx = { NULL, 0, 0 };
	struct page_link rl[2];
	size_t i, j, end, len;
	char *html;
	int rc, which = TPL_PAGES;

	/* diff.html only when there is a 新旧対照表 to write. */
	for (j = 0; j < c->n; j++)
		if (pairs[j] != NULL)
			which |= TPL_DIFF;
	if ((t = templates_load(tpldir, which, d)) == NULL)
		return -1;
	if ((st.t = outtree_open(outdir, d)) == NULL) {
		templates_free(t);
		return -1;
	}
	for (i = 0; i < c->n && st.rc == 0; i = end) {
		end = corpus_group_end(c, i);
		for (j = i; j < end; j++) {
			const struct meta *m = &c->docs[j]->meta;

			memset(&pc, 0, sizeof(pc));
			pc.root = "../../";
			pc.revisions = (const struct doc *const *)c->docs + i;
			pc.nrevisions = end - i;
			/* Its 新旧対照表 with the revisions before and after. */
			pc.links = rl;
			if (j > i)
				diff_link(&pc, rl, c->docs[j - 1], c->docs[j]);
			if (j + 1 < end)
				diff_link(&pc, rl, c->docs[j], c->docs[j + 1]);
			buf_init(&rel);
			buf_printf(&rel, "%s/%s/%s.html", m->provider,
			    m->document, m->revision);
			progress_tick("rendering", j + 1, c->n);
			html = html_page(t, c->docs[j], &pc, &len);
			stage_add(&st, buf_detach(&rel), html, len);
			links_free(rl, pc.nlinks);
		}
		diff_pages(c, pairs, i, end, &st, t, &idx);
	}
	rc = st.rc;
	if (rc == 0 && tax != NULL)
		rc = publish_matrix(c, tax, &st, tpldir, d);
	if (rc == 0) {
		if (tax != NULL)
			links_add(&idx, xstrdup("約款比較表（項目別）"),
			    xstrdup("matrix.html"), NULL);
		html = html_index(t, c, idx.v, idx.n, &len);
		stage_add(&st, xstrdup("index.html"), html, len);
		rc = stage_asset(&st, tpldir, "style.css", d);
		publish_feeds(c, pairs, base, tax != NULL, &st);
		publish_timelines(c, pairs, &st);
		publish_search(c, &st, tpldir, d);
	}
	if (rc == 0)
		rc = stage_commit(&st, f);
	outtree_free(st.t);
	links_release(&idx);
	templates_free(t);
	return rc;
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

/*
 * Sort the corpus into what is published (good, its docs borrowed from c)
 * and what is left out (f), by the findings of d at level min and above: a
 * terms file with such a finding fails, with every other file of its
 * revision.  Returns -1 when a finding belongs to no terms file (topics.yaml,
 * a folder that cannot be read): then nothing is published.
 */
static int
sort_out(const struct corpus *c, const struct diags *d, enum dlevel min,
    struct corpus *good, struct failed *f)
{
	struct hmap files, docs, bad, keys;
	const struct meta *m;
	const struct doc *doc;
	struct buf key;
	size_t i;
	int rc = 0;
	char *k;

	memset(good, 0, sizeof(*good));
	memset(f, 0, sizeof(*f));
	hmap_init(&files);
	hmap_init(&docs);
	hmap_init(&bad);
	hmap_init(&keys);
	for (i = 0; i < c->nfiles; i++)
		hmap_put(&files, c->files[i], c->files[i]);
	for (i = 0; i < c->n; i++)
		hmap_put(&docs, c->docs[i]->path, c->docs[i]);
	for (i = 0; i < d->n && rc == 0; i++) {
		if (diag_level(d->v[i].code) < min)
			continue;
		if ((k = hmap_get(&files, d->v[i].path)) == NULL)
			rc = -1;
		else if (hmap_get(&bad, k) == NULL) {
			hmap_put(&bad, k, k);
			if ((doc = hmap_get(&docs, k)) != NULL) {
				m = &doc->meta;
				buf_init(&key);
				buf_printf(&key, "%s/%s/%s", m->provider,
				    m->document, m->revision);
				k = buf_detach(&key);
			} else
				k = path_key(k);
			if (k != NULL) {
				f->v = xreallocarray(f->v, f->n + 1,
				    sizeof(*f->v));
				f->v[f->n++] = k;
				hmap_put(&keys, k, k);
			}
		}
	}
	for (i = 0; i < c->n && rc == 0; i++) {
		m = &c->docs[i]->meta;
		buf_init(&key);
		buf_printf(&key, "%s/%s/%s", m->provider, m->document,
		    m->revision);
		if (hmap_get(&bad, c->docs[i]->path) == NULL &&
		    hmap_get(&keys, key.data) == NULL) {
			good->docs = xreallocarray(good->docs, good->n + 1,
			    sizeof(*good->docs));
			good->docs[good->n++] = c->docs[i];
		}
		buf_release(&key);
	}
	hmap_release(&files);
	hmap_release(&docs);
	hmap_release(&bad);
	hmap_release(&keys);
	return rc;
}

static void
failed_release(struct failed *f)
{
	while (f->n > 0)
		free(f->v[--f->n]);
	free(f->v);
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
	struct corpus c, good = { 0 };
	struct failed f = { NULL, 0 };
	struct diff **pairs, **gpairs;
	struct diags d;
	int ch, strict = 0, rc, published = 0;

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
	if (corpus_load(&c, optind < argc ? argv + optind : defaults,
	    optind < argc ? (size_t)(argc - optind) : 1, &d) == 0) {
		/* The checks of termc check: warnings do not block. */
		pairs = diff_pairs(&c);
		check_corpus(&c, pairs, &d);
		/*
		 * No terms file, a finding that is no document's, or no
		 * document left: nothing is published, the output stays whole.
		 */
		if (c.nfiles == 0)
			diag(&d, optind < argc ? argv[optind] : defaults[0],
			    0, 0, D_NO_TERMS, c.nskipped ? "only *.md files "
			    "are read; %zu other %s passed over" : NULL,
			    c.nskipped, c.nskipped == 1 ? "file" : "files");
		else if (sort_out(&c, &d, strict ? DL_WARNING : DL_ERROR,
		    &good, &f) == 0 && good.n > 0) {
			gpairs = good.n == c.n ? pairs : diff_pairs(&good);
			if (publish(&good, gpairs, taxp, &f, outdir, tpldir,
			    base, &d) == 0)
				published = 1;
			if (gpairs != pairs)
				diff_pairs_free(gpairs, good.n);
		}
		failed_release(&f);
		diff_pairs_free(pairs, c.n);
	}
	progress_end();
	diags_print(&d, stderr);
	rc = diags_exit(&d, strict);
	if (rc < 2) {
		if (!published)
			good.n = 0;
		build_summary(outdir, &good, published && taxp != NULL, &d);
	}
	free(good.docs);
	if (taxp != NULL)
		taxonomy_release(taxp);
	corpus_release(&c);
	diags_release(&d);
	free(tpldir);
	free(base);
	return rc;
}
