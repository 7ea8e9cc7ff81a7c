/*
 * Loading a collection of terms files: walk directories, keep *.md files,
 * sort by path so that every run sees them in the same order, parse each.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "diag.h"
#include "dirscan.h"
#include "doc.h"
#include "hmap.h"
#include "par.h"
#include "progress.h"
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

/*
 * The walk.  A symbolic link is followed only where it stays inside the
 * tree, and every folder and file is visited once, by device and inode, so
 * links cannot loop (`ln -s . again` costs one realpath()) and a file
 * reached by two names is read once.  Each folder's entries go in name
 * order, and links wait until every real entry of the tree is seen: the
 * same tree always yields the same names, and a file is known by its own
 * name before any alias.  Names starting with "." are skipped.
 */
struct link {
	char	*path;		/* owned */
	int	 depth;
};

struct walk {
	struct names	*ns;
	struct hmap	 seen;		/* "dev:ino" keys, owned */
	char		*root;		/* the tree's real path */
	struct link	*links;		/* met, not yet followed */
	size_t		 nlinks;
	struct diags	*d;
	size_t		 skipped;	/* regular files not named *.md */
	int		 threads;	/* the top folder's halves on two */
	/*
	 * A memo that proves folders (memo->folder), or NULL; then the
	 * folders met, read (nread of them) or proved (walk_sub(),
	 * walk_path()).
	 */
	const struct head_memo *memo;
	struct folder	*folders;
	size_t		 nfolders, nread;
};

#define WALK_DEPTH	8	/* provider/document/revision needs 3 */
#define WALK_PAR_MIN	64	/* entries of the top folder */

/* The key of (dev, ino) in w->seen. */
static void
seen_key(char key[34], uint64_t dev, uint64_t ino)
{
	hex64(key, dev);
	key[16] = ':';
	hex64(key + 17, ino);
	key[33] = '\0';
}

/* Was the file or folder (dev, ino) met already? */
static int
seen_before(const struct walk *w, uint64_t dev, uint64_t ino)
{
	char key[34];

	seen_key(key, dev, ino);
	return hmap_get(&w->seen, key) != NULL;
}

/* Is the file or folder (dev, ino) new?  Marks it seen. */
static int
first_visit(struct walk *w, uint64_t dev, uint64_t ino)
{
	char key[34];

	seen_key(key, dev, ino);
	if (hmap_get(&w->seen, key) != NULL)
		return 0;
	hmap_put(&w->seen, xstrdup(key), w);
	return 1;
}

static int
is_md(const char *name)
{
	size_t n = strlen(name);

	return n > 3 && strcmp(name + n - 3, ".md") == 0;
}

static int
cmp_entries(const void *a, const void *b)
{
	return strcmp(((const struct folder_entry *)a)->name,
	    ((const struct folder_entry *)b)->name);
}

void
folder_release(struct folder *f)
{
	size_t i;

	if (!f->lent) {
		for (i = 0; i < f->n; i++)
			free(f->v[i].name);
		free(f->v);
	}
	free(f->path);
	memset(f, 0, sizeof(*f));
}

/*
 * Keep folder dir (stamp st, entries v[0, n)) among those met: read, v
 * is given; else the memo's, lent.
 */
static void
met_folder(struct walk *w, const char *dir, const struct stamp *st,
    struct folder_entry *v, size_t n, int read)
{
	struct folder *f;

	w->folders = xgrow(w->folders, w->nfolders, sizeof(*w->folders));
	f = &w->folders[w->nfolders++];
	f->path = xstrdup(dir);
	f->stamp = *st;
	f->v = v;
	f->n = n;
	f->lent = !read;
	w->nread += read;
}

static int	walk_path(struct walk *, const char *dir, int depth);

static void	walk_dir(struct walk *, int, const char *, uint64_t, int,
		    const struct stamp *);
static void	walk_sub(struct walk *, int, const char *, const char *,
		    int);

/*
 * The entries v[lo, hi) of folder fd (dir, on device dev), in turn; fd
 * -1: a folder the memo proved, not opened, whose entries are reached
 * by their paths.
 */
static void
walk_entries(struct walk *w, int fd, const char *dir, uint64_t dev,
    int depth, struct folder_entry *v, size_t lo, size_t hi)
{
	struct stat st;
	struct buf path;
	size_t i;
	int sub;
	unsigned char type;

	buf_init(&path);
	for (i = lo; i < hi; i++) {
		path.len = 0;
		buf_puts(&path, dir);
		buf_putc(&path, '/');
		buf_puts(&path, v[i].name);
		/*
		 * A filesystem that does not say: ask, and keep the answer
		 * for the memo.  Gone: passed over, and asked again next
		 * time (the failure may not last).
		 */
		if ((type = v[i].type) == DT_UNKNOWN) {
			type = fstatat(fd != -1 ? fd : AT_FDCWD,
			    fd != -1 ? v[i].name : path.data, &st,
			    AT_SYMLINK_NOFOLLOW) == -1 ? DT_UNKNOWN :
			    S_ISLNK(st.st_mode) ? DT_LNK :
			    S_ISDIR(st.st_mode) ? DT_DIR :
			    S_ISREG(st.st_mode) ? DT_REG : DT_FIFO;
			if (type != DT_UNKNOWN && fd != -1)
				v[i].type = type;
		}
		if (type == DT_LNK) {
			w->links = xreallocarray(w->links, w->nlinks + 1,
			    sizeof(*w->links));
			w->links[w->nlinks].path = xstrdup(path.data);
			w->links[w->nlinks++].depth = depth + 1;
		} else if (type == DT_DIR) {
			if (depth >= WALK_DEPTH)
				;
			else if (w->memo != NULL)
				walk_sub(w, fd, v[i].name, path.data,
				    depth + 1);
			else if ((sub = openat(fd, v[i].name, O_RDONLY |
			    O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)) == -1 ||
			    fstat(sub, &st) == -1) {
				diag(w->d, path.data, 0, 0, D_IO, "%s",
				    strerror(errno));
				if (sub != -1)
					close(sub);
			} else if (first_visit(w, (uint64_t)st.st_dev,
			    (uint64_t)st.st_ino))
				walk_dir(w, sub, path.data,
				    (uint64_t)st.st_dev, depth + 1, NULL);
			else
				close(sub);
		} else if (type == DT_REG && is_md(v[i].name)) {
			if (first_visit(w, dev, v[i].ino))
				add_name(w->ns, xstrdup(path.data));
		} else {
			/*
			 * Counted, so that check can say what it passed
			 * over; the taxonomy beside the terms is no stray.
			 */
			w->skipped += type == DT_REG && !(depth == 0 &&
			    strcmp(v[i].name, "topics.yaml") == 0);
		}
	}
	buf_release(&path);
}

/* Entries v[lo, hi) of the top folder, walked into w (walk_halves()). */
struct half_walk {
	struct walk		*w;
	int			 fd;
	const char		*dir;
	uint64_t		 dev;
	struct folder_entry	*v;
	size_t			 lo, hi;
};

static void *
half_walk_run(void *arg)
{
	struct half_walk *h = arg;

	walk_entries(h->w, h->fd, h->dir, h->dev, 0, h->v, h->lo, h->hi);
	return NULL;
}

/*
 * The top folder's entries v[0, n): the first half on this thread into
 * w, the second on another into a walk of its own; then the second's
 * names, links and findings follow the first's, as one walk in order
 * makes them.  What one half marks seen (first_visit()) the other cannot
 * know: when a folder or file is met in both (a hard link, a bind
 * mount), the second half's walk is thrown away and made again here,
 * after the first's.  The folder walk of 10,000 providers (20,000
 * folders opened, read and stat'ed) was a fifth of an edit build.
 */
static void
walk_halves(struct walk *w, int fd, const char *dir, uint64_t dev,
    struct folder_entry *v, size_t n)
{
	struct walk two;
	struct names ns = { NULL, 0 };
	struct diags d;
	struct half_walk first = { w, fd, dir, dev, v, 0, n / 2 };
	struct half_walk second = { &two, fd, dir, dev, v, n / 2, n };
	const char *key;
	size_t i, at = 0;
	int clash = 0;

	memset(&two, 0, sizeof(two));
	two.ns = &ns;
	two.root = w->root;
	two.d = &d;
	two.memo = w->memo;
	hmap_init(&two.seen);
	diags_init(&d);
	par_both(half_walk_run, &second, &first);
	while (!clash && (key = hmap_next_key(&two.seen, &at)) != NULL)
		clash = hmap_get(&w->seen, key) != NULL;
	if (clash) {
		for (i = 0; i < ns.n; i++)
			free(ns.v[i]);
		for (i = 0; i < two.nlinks; i++)
			free(two.links[i].path);
		diags_release(&d);
		hmap_release_keys(&two.seen);
		for (i = 0; i < two.nfolders; i++)
			folder_release(&two.folders[i]);
		walk_entries(w, fd, dir, dev, 0, v, n / 2, n);
	} else {
		for (i = 0; i < ns.n; i++)
			add_name(w->ns, ns.v[i]);
		/* The keys go to w->seen, which frees them. */
		for (at = 0; (key = hmap_next_key(&two.seen, &at)) != NULL; )
			hmap_put(&w->seen, key, w);
		hmap_release(&two.seen);
		for (i = 0; i < two.nlinks; i++) {
			w->links = xreallocarray(w->links, w->nlinks + 1,
			    sizeof(*w->links));
			w->links[w->nlinks++] = two.links[i];
		}
		w->skipped += two.skipped;
		diags_move(w->d, &d);
		for (i = 0; i < two.nfolders; i++) {
			w->folders = xgrow(w->folders, w->nfolders,
			    sizeof(*w->folders));
			w->folders[w->nfolders++] = two.folders[i];
		}
		w->nread += two.nread;
	}
	free(ns.v);
	free(two.links);
	free(two.folders);
}

/*
 * The entries v[0, n) of folder dir (fd, or -1: see walk_entries()), by
 * name; a top folder of WALK_PAR_MIN entries or more in two halves on
 * two threads when w->threads (walk_halves()).
 */
static void
walk_listed(struct walk *w, int fd, const char *dir, uint64_t dev,
    int depth, struct folder_entry *v, size_t n)
{
	if (depth == 0 && w->threads && n >= WALK_PAR_MIN)
		walk_halves(w, fd, dir, dev, v, n);
	else
		walk_entries(w, fd, dir, dev, depth, v, 0, n);
}

/*
 * Collect *.md files below folder fd (named dir, on device dev, already
 * marked seen), which this closes.  The folder's own entries give each
 * name's type and inode (dirscan.h): a file costs no system call of its
 * own, a folder its open and one fstat() (its device: it may be a mount;
 * with a memo, an fstatat() first, and nothing more when the memo
 * proves it: walk_sub()).  With a memo, st is the folder's stamp, taken
 * before its entries are read, and the folder is kept among those met.
 */
static void
walk_dir(struct walk *w, int fd, const char *dir, uint64_t dev, int depth,
    const struct stamp *st)
{
	struct dirscan sc;
	struct dirscan_ent ent;
	const struct dirscan_ent *de;
	struct folder_entry *v = NULL;
	size_t i, n = 0;

	dirscan_open(&sc, fd);
	while ((de = dirscan_next(&sc, &ent)) != NULL)
		if (de->name[0] != '.') {
			v = xgrow(v, n, sizeof(*v));
			v[n].name = xstrdup(de->name);
			v[n].type = de->type;
			v[n++].ino = de->ino;
		}
	if (n > 1)
		qsort(v, n, sizeof(*v), cmp_entries);
	walk_listed(w, fd, dir, dev, depth, v, n);
	dirscan_close(&sc);
	if (w->memo != NULL && st != NULL) {
		/* Its entries' types as walk_entries() settled them. */
		met_folder(w, dir, st, v, n, 1);
		return;
	}
	for (i = 0; i < n; i++)
		free(v[i].name);
	free(v);
}

/*
 * Folder dir (its stat st), when the memo proves its entries: marked
 * seen (if its caller has not), walked from them, unread, and kept among
 * the folders met; returns 1.  Else 0, nothing done.
 */
static int
walk_proved(struct walk *w, const char *dir, const struct stat *st,
    int depth)
{
	struct folder_entry *v;
	struct stamp s;
	size_t n;

	stamp_of(&s, st);
	if (w->memo->folder(w->memo->arg, dir, &s, &v, &n) == -1)
		return 0;
	first_visit(w, (uint64_t)st->st_dev, (uint64_t)st->st_ino);
	walk_listed(w, -1, dir, (uint64_t)st->st_dev, depth, v, n);
	met_folder(w, dir, &s, v, n, 0);
	return 1;
}

/*
 * With a memo: folder dir (name in folder at, or at -1: by its path),
 * which its parent lists as a folder, at depth.  Stamped first (one
 * fstatat()), and read only when the memo cannot prove its entries
 * (20,000 folders opened, read twice and closed were a sixth of an edit
 * build among 10,000 documents).
 */
static void
walk_sub(struct walk *w, int at, const char *name, const char *dir,
    int depth)
{
	struct stamp s;
	struct stat st;
	int fd;

	if (fstatat(at != -1 ? at : AT_FDCWD, at != -1 ? name : dir, &st,
	    AT_SYMLINK_NOFOLLOW) == -1) {
		diag(w->d, dir, 0, 0, D_IO, "%s", strerror(errno));
		return;
	}
	/* Changed since its parent was read: what opening it would say. */
	if (!S_ISDIR(st.st_mode)) {
		diag(w->d, dir, 0, 0, D_IO, "%s", strerror(S_ISLNK(st.st_mode) ?
		    ELOOP : ENOTDIR));
		return;
	}
	/* Marked seen once proved or opened, as the read walk marks it. */
	if (seen_before(w, (uint64_t)st.st_dev, (uint64_t)st.st_ino))
		return;
	if (walk_proved(w, dir, &st, depth))
		return;
	if ((fd = openat(at != -1 ? at : AT_FDCWD, at != -1 ? name : dir,
	    O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)) == -1 ||
	    fstat(fd, &st) == -1) {
		diag(w->d, dir, 0, 0, D_IO, "%s", strerror(errno));
		if (fd != -1)
			close(fd);
		return;
	}
	if (!first_visit(w, (uint64_t)st.st_dev, (uint64_t)st.st_ino)) {
		close(fd);
		return;
	}
	stamp_of(&s, &st);
	walk_dir(w, fd, dir, (uint64_t)st.st_dev, depth, &s);
}

/*
 * The folder at dir (marked seen; a link followed), proved by the memo
 * or read (walk_dir()).
 */
static int
walk_path(struct walk *w, const char *dir, int depth)
{
	struct stamp s;
	struct stat st;
	int fd;

	if (w->memo != NULL && stat(dir, &st) == 0 && S_ISDIR(st.st_mode) &&
	    walk_proved(w, dir, &st, depth))
		return 0;
	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1 ||
	    fstat(fd, &st) == -1) {
		diag(w->d, dir, 0, 0, D_IO, "%s", strerror(errno));
		if (fd != -1)
			close(fd);
		return -1;
	}
	stamp_of(&s, &st);
	walk_dir(w, fd, dir, (uint64_t)st.st_dev, depth, &s);
	return 0;
}

/* Follow the links met, in order; those followed may meet more. */
static void
walk_links(struct walk *w)
{
	struct stat st;
	size_t i, n = strlen(w->root);
	char *real;

	for (i = 0; i < w->nlinks; i++) {
		/* A dangling or looping link names nothing: skip it. */
		if ((real = realpath(w->links[i].path, NULL)) == NULL)
			continue;
		if (strncmp(real, w->root, n) != 0 ||
		    (real[n] != '/' && real[n] != '\0' && n > 1))
			diag(w->d, w->links[i].path, 0, 0, D_LINK_OUT, "%s",
			    real);
		else if (stat(real, &st) == 0) {
			if (S_ISDIR(st.st_mode)) {
				if (w->links[i].depth <= WALK_DEPTH &&
				    first_visit(w, (uint64_t)st.st_dev,
				    (uint64_t)st.st_ino))
					walk_path(w, w->links[i].path,
					    w->links[i].depth);
			} else if (S_ISREG(st.st_mode) &&
			    is_md(w->links[i].path) && first_visit(w,
			    (uint64_t)st.st_dev, (uint64_t)st.st_ino)) {
				add_name(w->ns, w->links[i].path);
				w->links[i].path = NULL;
			}
		}
		free(real);
	}
	for (i = 0; i < w->nlinks; i++)
		free(w->links[i].path);
	free(w->links);
	w->links = NULL;
	w->nlinks = 0;
}

/* Walk the tree at dir (a folder, seen as st) into w->ns. */
static int
walk(struct walk *w, const char *dir, const struct stat *st)
{
	int rc;

	if ((w->root = realpath(dir, NULL)) == NULL) {
		diag(w->d, dir, 0, 0, D_IO, "%s", strerror(errno));
		return -1;
	}
	if (!first_visit(w, (uint64_t)st->st_dev, (uint64_t)st->st_ino))
		rc = 0;
	else if ((rc = walk_path(w, dir, 0)) == 0)
		walk_links(w);
	free(w->root);
	w->root = NULL;
	return rc;
}

/*
 * Every terms file named by paths, into c->files (sorted by name),
 * c->nfiles and c->nskipped; a folder's top on two threads when threads;
 * with a memo that proves folders (memo->folder), the folders met into
 * c->folders, c->nfolders and c->nread.  Returns 0, or -1 when a path
 * cannot be read.
 */
static int
collect(struct corpus *c, char *const *paths, size_t npaths, int threads,
    const struct head_memo *memo, struct diags *d)
{
	struct names ns = { NULL, 0 };
	struct walk w;
	struct stat st;
	size_t i;
	int rc = 0;

	memset(c, 0, sizeof(*c));
	memset(&w, 0, sizeof(w));
	w.ns = &ns;
	w.d = d;
	w.threads = threads;
	w.memo = memo != NULL && memo->folder != NULL ? memo : NULL;
	hmap_init(&w.seen);
	for (i = 0; i < npaths; i++) {
		if (stat(paths[i], &st) == -1) {
			diag(d, paths[i], 0, 0, D_IO, "%s", strerror(errno));
			rc = -1;
		} else if (S_ISDIR(st.st_mode)) {
			size_t len = strlen(paths[i]);
			char *dir = xstrdup(paths[i]);

			while (len > 1 && dir[len - 1] == '/')
				dir[--len] = '\0';
			if (walk(&w, dir, &st) == -1)
				rc = -1;
			free(dir);
		} else if (first_visit(&w, (uint64_t)st.st_dev,
		    (uint64_t)st.st_ino))
			add_name(&ns, xstrdup(paths[i]));
	}
	hmap_release_keys(&w.seen);
	if (ns.n > 1)	/* qsort(NULL, 0, …) is undefined */
		qsort(ns.v, ns.n, sizeof(*ns.v), cmp_names);
	c->files = ns.v;
	c->nfiles = ns.n;
	c->nskipped = w.skipped;
	c->folders = w.folders;
	c->nfolders = w.nfolders;
	c->nread = w.nread;
	return rc;
}

static void
sort_docs(struct corpus *c)
{
	if (c->n > 1)
		qsort(c->docs, c->n, sizeof(*c->docs), cmp_docs);
}

/*
 * Whether docs [a, b), one provider's sorted by document, hold the
 * document named: a binary search, so a provider of many documents
 * costs n log n.
 */
static int
provider_has(const struct corpus *c, size_t a, size_t b, const char *name)
{
	size_t mid;
	int r;

	while (a < b) {
		mid = a + (b - a) / 2;
		if ((r = strcmp(c->docs[mid]->meta.document, name)) == 0)
			return 1;
		if (r < 0)
			a = mid + 1;
		else
			b = mid;
	}
	return 0;
}

/*
 * The matrix puts a supplement in its parent's column; a parent that is
 * not there leaves it a column of its own, which is worth saying.  Only
 * where the inputs hold another document of the provider: a file checked
 * alone has its parent elsewhere by design.
 */
static void
check_supplements(const struct corpus *c, struct diags *d)
{
	size_t a, b, i;

	for (a = 0; a < c->n; a = b) {
		for (b = a + 1; b < c->n && strcmp(c->docs[a]->meta.provider,
		    c->docs[b]->meta.provider) == 0; b++)
			;
		for (i = a; i < b; i++) {
			const struct meta *m = &c->docs[i]->meta;

			if (m->supplements == NULL ||
			    (doc_same_document(c->docs[a], c->docs[b - 1]) &&
			    strcmp(m->supplements, m->document) != 0) ||
			    (strcmp(m->supplements, m->document) != 0 &&
			    provider_has(c, a, b, m->supplements)))
				continue;
			diag(d, c->docs[i]->path, m->supplements_line,
			    m->supplements_col, D_SUPP_MISSING, "%s/%s",
			    m->provider, m->supplements);
		}
	}
}

void
corpus_check_collection(const struct corpus *c, struct diags *d)
{
	size_t i;

	for (i = 1; i < c->n; i++)
		if (doc_same_document(c->docs[i - 1], c->docs[i]) &&
		    strcmp(c->docs[i - 1]->meta.revision,
		    c->docs[i]->meta.revision) == 0)
			diag(d, c->docs[i]->path, c->docs[i]->meta.revision_line,
			    1, D_DUP_REVISION, "%s/%s %s, also in %s",
			    c->docs[i]->meta.provider,
			    c->docs[i]->meta.document,
			    c->docs[i]->meta.revision, c->docs[i - 1]->path);
	check_supplements(c, d);
}

int
corpus_load(struct corpus *c, char *const *paths, size_t npaths,
    struct diags *d)
{
	struct doc *doc;
	size_t i;
	int rc;

	rc = collect(c, paths, npaths, 0, NULL, d);
	for (i = 0; i < c->nfiles; i++) {
		progress_tick("loading", i + 1, c->nfiles);
		if ((doc = doc_load(c->files[i], 1, d)) != NULL) {
			c->docs = xgrow(c->docs, c->n, sizeof(*c->docs));
			c->docs[c->n++] = doc;
		}
	}
	sort_docs(c);
	corpus_check_collection(c, d);
	return rc;
}

/*
 * The heads of files [lo, hi) of a scan, into heads[] and failed[] at
 * their index: one thread's share (corpus_scan()).  Only the last head
 * of the share keeps its source.  Progress is drawn by the caller's
 * share alone, counting both (done).
 */
struct scan_share {
	struct corpus		*c;
	const struct head_memo	*memo;
	struct doc		**heads;
	struct diags		*failed;
	size_t			 lo, hi;
	size_t			*done;
	int			 draws;
};

static void *
scan_share(void *arg)
{
	struct scan_share *s = arg;
	struct doc *kept = NULL;
	struct diags fd;
	size_t i, n;

	for (i = s->lo; i < s->hi; i++) {
		n = __atomic_add_fetch(s->done, 1, __ATOMIC_RELAXED);
		if (s->draws)
			progress_tick("reading", n, s->c->nfiles);
		diags_init(&fd);
		if ((s->heads[i] = doc_load_head(s->c->files[i], s->memo,
		    &fd)) != NULL) {
			/* The last head read keeps its bytes (doc.h); one
			   its memo proved has none. */
			if (kept != NULL && s->heads[i]->src != NULL)
				doc_drop_source(kept);
			if (s->heads[i]->src != NULL)
				kept = s->heads[i];
			diags_release(&fd);
			diags_init(&s->failed[i]);
		} else
			s->failed[i] = fd;
	}
	return NULL;
}

/*
 * Files from which the heads are read on two threads: each head is a
 * read, a digest and a front matter (libyaml), about 120,000
 * instructions for a 10 KB file, and a build waits for all of them
 * before it starts; fewer are not worth a thread.
 */
#define SCAN_PAR_MIN	64

int
corpus_scan(struct corpus *c, char *const *paths, size_t npaths,
    const struct head_memo *memo, int threads, struct diags *d,
    struct diags **failed)
{
	struct scan_share one, two;
	struct doc **heads, *last = NULL;
	size_t i, done = 0;
	int rc;

	rc = collect(c, paths, npaths, threads, memo, d);
	*failed = xcalloc(c->nfiles ? c->nfiles : 1, sizeof(**failed));
	heads = xcalloc(c->nfiles ? c->nfiles : 1, sizeof(*heads));
	one.c = two.c = c;
	one.memo = two.memo = memo;
	one.heads = two.heads = heads;
	one.failed = two.failed = *failed;
	one.done = two.done = &done;
	one.draws = 1;
	two.draws = 0;
	one.lo = 0;
	if (threads && c->nfiles >= SCAN_PAR_MIN) {
		one.hi = two.lo = c->nfiles / 2;
		two.hi = c->nfiles;
		par_both(scan_share, &two, &one);
	} else {
		one.hi = c->nfiles;
		scan_share(&one);
	}
	/* In file order, as one thread reads them; one source kept. */
	for (i = 0; i < c->nfiles; i++) {
		if (heads[i] == NULL)
			continue;
		if (last != NULL && heads[i]->src != NULL)
			doc_drop_source(last);
		if (heads[i]->src != NULL)
			last = heads[i];
		c->docs = xgrow(c->docs, c->n, sizeof(*c->docs));
		c->docs[c->n++] = heads[i];
	}
	free(heads);
	sort_docs(c);
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
	for (i = 0; i < c->nfiles; i++)
		free(c->files[i]);
	free(c->files);
	for (i = 0; i < c->nfolders; i++)
		folder_release(&c->folders[i]);
	free(c->folders);
	memset(c, 0, sizeof(*c));
}
