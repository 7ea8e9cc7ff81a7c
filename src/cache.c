/*
 * The build cache: see cache.h.  Layout of DIR.cache:
 *
 *   termc-cache		"termc build cache FORMAT VERSION\n": whose it is
 *   <key>/record		the caller's bytes, written last, by rename
 *   <key>/<i>		the entry's files, by number: one folder each
 *
 * and beside it .DIR.termc-lock, the lock (cache.h); it stays, as the
 * output folder's does, and lies outside DIR so that a folder by the
 * cache's name that is no cache gets nothing written into it.
 */
#include <sys/file.h>
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "cache.h"
#include "diag.h"
#include "hmap.h"
#include "outfile.h"
#include "pool.h"
#include "version.h"
#include "xalloc.h"

#define CACHE_FORMAT	"2"
#define MARK_NAME	"termc-cache"
#define MARK		"termc build cache " CACHE_FORMAT " " TERMC_VERSION "\n"

struct cache {
	char		*dir;		/* NULL: a hand-over cache */
	int		 lockfd;	/* holds the lock until closed */
	struct hmap	 used;		/* keys, owned */
	/* A hand-over cache (cache_handoff()): */
	int		 to;		/* a worker's records go here, or -1 */
	struct hmap	 recs;		/* key -> its entry in one of bufs */
	char		**bufs;		/* what each worker handed over */
	size_t		 nbufs;
};

/*
 * A hand-over entry: the key padded with NULs, the record's length
 * (8 bytes, little-endian), the record.
 */
#define HAND_KEY	34
#define HAND_HEAD	(HAND_KEY + 8)

void
ckey_init(struct ckey *k)
{
	k->a = 0xcbf29ce484222325ULL;
	k->b = 0x84222325cbf29ce4ULL;
}

void
ckey_add(struct ckey *k, const void *p, size_t len)
{
	const unsigned char *s = p;
	uint64_t a = k->a, b = k->b;
	size_t i;

	for (i = 0; i < len; i++) {
		a = (a ^ s[i]) * 0x100000001b3ULL;
		b = (b ^ s[i]) * 0x100000001b3ULL;
		b ^= b >> 29;
	}
	k->a = a;
	k->b = b;
}

void
ckey_str(struct ckey *k, const char *s)
{
	if (s == NULL)
		ckey_add(k, "\xff", 1);
	else
		ckey_add(k, s, strlen(s) + 1);
}

/* v as 8 bytes, little-endian: the same keys and records on any host. */
static void
le64(unsigned char b[8], uint64_t v)
{
	int i;

	for (i = 0; i < 8; i++)
		b[i] = (unsigned char)(v >> (8 * i));
}

void
ckey_u64(struct ckey *k, uint64_t v)
{
	unsigned char b[8];

	le64(b, v);
	ckey_add(k, b, 8);
}

int
ckey_file(struct ckey *k, const char *path)
{
	char chunk[65536];
	ssize_t r;
	uint64_t n = 0;
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return -1;
	while ((r = read(fd, chunk, sizeof(chunk))) != 0) {
		if (r == -1 && errno == EINTR)
			continue;
		if (r == -1) {
			close(fd);
			return -1;
		}
		ckey_add(k, chunk, (size_t)r);
		n += (uint64_t)r;
	}
	close(fd);
	ckey_u64(k, n);
	return 0;
}

void
ckey_hex(const struct ckey *k, char out[33])
{
	hex64(out, k->a);
	hex64(out + 16, k->b);
	out[32] = '\0';
}

/* Remove the tree at path (no symbolic link is followed). */
static void
remove_path(const char *path)
{
	struct dirent *e;
	struct stat st;
	struct buf sub;
	DIR *dp;

	if (lstat(path, &st) == -1)
		return;
	if (!S_ISDIR(st.st_mode)) {
		unlink(path);
		return;
	}
	if ((dp = opendir(path)) != NULL) {
		while ((e = readdir(dp)) != NULL) {
			if (strcmp(e->d_name, ".") == 0 ||
			    strcmp(e->d_name, "..") == 0)
				continue;
			buf_init(&sub);
			buf_printf(&sub, "%s/%s", path, e->d_name);
			remove_path(sub.data);
			buf_release(&sub);
		}
		closedir(dp);
	}
	rmdir(path);
}

/* The whole of a small file, or NULL. */
static char *
slurp(const char *path, size_t *len)
{
	struct buf b;
	char chunk[65536];
	ssize_t r;
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) == -1)
		return NULL;
	buf_init(&b);
	while ((r = read(fd, chunk, sizeof(chunk))) != 0) {
		if (r == -1 && errno == EINTR)
			continue;
		if (r == -1) {
			close(fd);
			buf_release(&b);
			return NULL;
		}
		buf_put(&b, chunk, (size_t)r);
	}
	close(fd);
	*len = b.len;
	if (b.data == NULL)
		buf_put(&b, "", 0);
	return buf_detach(&b);
}

/* The inverse of le64(). */
static uint64_t
get_le64(const char *p)
{
	uint64_t v = 0;
	int i;

	for (i = 0; i < 8; i++)
		v |= (uint64_t)(unsigned char)p[i] << (8 * i);
	return v;
}

/*
 * An entry's record, which cache_end() wrote after its length: one
 * read() where it fits the first, none more to find its end (10,000
 * documents are two records each a build).  NULL when it is not there
 * or not whole.
 */
static char *
read_record(const char *path, size_t *len)
{
	char *s = NULL;
	size_t cap = 65536, have = 0;
	uint64_t want = 0;
	ssize_t r;
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) == -1)
		return NULL;
	s = xmalloc(cap + 1);
	for (;;) {
		if ((r = read(fd, s + have, cap - have)) == -1 &&
		    errno == EINTR)
			continue;
		if (r <= 0)
			break;
		have += (size_t)r;
		if (have >= 8 && (want = get_le64(s)) == have - 8)
			break;
		if (have == cap)
			s = xrealloc(s, (cap *= 2) + 1);
	}
	close(fd);
	if (r == -1 || have < 8 || want != have - 8) {
		free(s);
		return NULL;
	}
	memmove(s, s + 8, (size_t)want);
	s[want] = '\0';
	*len = (size_t)want;
	return s;
}

/* Write path whole, through a temporary name: it exists whole or not. */
static int
put_whole(const char *path, const void *data, size_t len)
{
	struct diags scratch;
	struct buf tmp;
	int rc;

	buf_init(&tmp);
	buf_printf(&tmp, "%s.tmp", path);
	unlink(tmp.data);
	diags_init(&scratch);
	rc = outfile_write_path(tmp.data, data, len, &scratch);
	diags_release(&scratch);
	if (rc == 0 && rename(tmp.data, path) == -1)
		rc = -1;
	if (rc == -1)
		unlink(tmp.data);
	buf_release(&tmp);
	return rc;
}

/*
 * Is dir empty, but for the marker's temporary file (a build starting
 * beside this one, as the parts of a build do)?
 */
static int
is_empty(const char *dir)
{
	struct dirent *e;
	DIR *dp;
	int empty = 1;

	if ((dp = opendir(dir)) == NULL)
		return 0;
	while ((e = readdir(dp)) != NULL)
		if (strcmp(e->d_name, ".") != 0 &&
		    strcmp(e->d_name, "..") != 0 &&
		    strcmp(e->d_name, MARK_NAME ".tmp") != 0)
			empty = 0;
	closedir(dp);
	return empty;
}

/*
 * Take the lock of cache folder dir (whose parent exists): a descriptor,
 * or -1 with *busy set when another build holds it.
 */
static int
lock_cache(const char *dir, int shared, int *busy)
{
	struct buf path;
	char *d = xstrdup(dir), *slash;
	size_t len = strlen(d);
	int fd;

	while (len > 1 && d[len - 1] == '/')
		d[--len] = '\0';
	buf_init(&path);
	if ((slash = strrchr(d, '/')) == NULL)
		buf_printf(&path, ".%s.termc-lock", d);
	else {
		*slash = '\0';
		buf_printf(&path, "%s/.%s.termc-lock", d, slash + 1);
	}
	free(d);
	fd = open(path.data, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0644);
	buf_release(&path);
	if (fd != -1 && flock(fd, (shared ? LOCK_SH : LOCK_EX) | LOCK_NB) ==
	    -1) {
		*busy = errno == EWOULDBLOCK;
		close(fd);
		fd = -1;
	}
	return fd;
}

struct cache *
cache_open(const char *dir, int shared, int *busy)
{
	struct cache *c;
	struct buf mark;
	size_t len;
	char *have, *d;
	int ok, lockfd = -1;

	*busy = 0;
	buf_init(&mark);
	buf_printf(&mark, "%s/" MARK_NAME, dir);
	d = xstrdup(dir);
	ok = outfile_mkdirs(d) == 0 &&
	    (lockfd = lock_cache(dir, shared, busy)) != -1;
	free(d);
	have = ok ? slurp(mark.data, &len) : NULL;
	if (!ok)
		;
	else if (have != NULL && len == strlen(MARK) &&
	    memcmp(have, MARK, len) == 0)
		;
	else if (have != NULL && shared)
		ok = 0;		/* emptied only by a build that holds it alone */
	else if (have != NULL) {
		/* Another version's cache: emptied. */
		remove_path(dir);
		d = xstrdup(dir);
		ok = outfile_mkdirs(d) == 0 &&
		    put_whole(mark.data, MARK, strlen(MARK)) == 0;
		free(d);
	} else if (is_empty(dir))
		ok = put_whole(mark.data, MARK, strlen(MARK)) == 0;
	else
		ok = 0;		/* a folder that is no termc cache */
	free(have);
	buf_release(&mark);
	if (!ok) {
		if (lockfd != -1)
			close(lockfd);
		return NULL;
	}
	c = xcalloc(1, sizeof(*c));
	c->dir = xstrdup(dir);
	c->lockfd = lockfd;
	hmap_init(&c->used);
	return c;
}

/*
 * path := DIR/KEY/TAIL (TAIL NULL: DIR/KEY).  Put together without
 * printf: a build asks for 60,000 such paths among 10,000 documents.
 */
static void
entry_path(struct buf *path, const struct cache *c, const char *key,
    const char *tail)
{
	buf_init(path);
	buf_puts(path, c->dir);
	buf_putc(path, '/');
	buf_puts(path, key);
	if (tail != NULL) {
		buf_putc(path, '/');
		buf_puts(path, tail);
	}
}

struct cache *
cache_handoff(void)
{
	struct cache *c;

	c = xcalloc(1, sizeof(*c));
	c->lockfd = c->to = -1;
	hmap_init(&c->used);
	hmap_init(&c->recs);
	return c;
}

void
cache_handoff_to(struct cache *c, int fd)
{
	c->to = fd;
}

/*
 * A worker that died while writing leaves its last entry cut short:
 * what stands whole before it is taken.
 */
void
cache_handoff_from(struct cache *c, int fd)
{
	struct buf all;
	char chunk[65536], *p, *end;
	uint64_t n;
	ssize_t r;

	buf_init(&all);
	if (lseek(fd, 0, SEEK_SET) == 0)
		while ((r = read(fd, chunk, sizeof(chunk))) != 0) {
			if (r == -1 && errno == EINTR)
				continue;
			if (r == -1)
				break;
			buf_put(&all, chunk, (size_t)r);
		}
	if (all.len == 0) {
		buf_release(&all);
		return;
	}
	for (p = all.data, end = all.data + all.len;
	    (size_t)(end - p) >= HAND_HEAD; p += HAND_HEAD + n) {
		n = get_le64(p + HAND_KEY);
		if (p[HAND_KEY - 1] != '\0' || n > (size_t)(end - p) - HAND_HEAD)
			break;
		hmap_set(&c->recs, p, p);
	}
	c->bufs = xgrow(c->bufs, c->nbufs, sizeof(*c->bufs));
	c->bufs[c->nbufs++] = buf_detach(&all);
}

int
cache_has(const struct cache *c, const char *key)
{
	struct buf path;
	struct stat st;
	int rc;

	if (c->dir == NULL)
		return hmap_get(&c->recs, key) != NULL;
	entry_path(&path, c, key, "record");
	rc = lstat(path.data, &st) == 0 && S_ISREG(st.st_mode);
	buf_release(&path);
	return rc;
}

char *
cache_record(struct cache *c, const char *key, size_t *len)
{
	struct buf path;
	const char *e;
	uint64_t n;
	char *s;

	if (c->dir == NULL) {
		if ((e = hmap_get(&c->recs, key)) == NULL)
			return NULL;
		n = get_le64(e + HAND_KEY);
		s = xmalloc(n + 1);
		memcpy(s, e + HAND_HEAD, n);
		s[n] = '\0';
		*len = n;
		return s;
	}
	entry_path(&path, c, key, "record");
	s = read_record(path.data, len);
	buf_release(&path);
	return s;
}

int
cache_begin(struct cache *c, const char *key)
{
	struct buf path;
	int rc;

	if (c->dir == NULL)
		return 0;
	entry_path(&path, c, key, NULL);
	remove_path(path.data);
	rc = mkdir(path.data, 0777) == -1 ? -1 : 0;
	buf_release(&path);
	return rc;
}

char *
cache_file(const struct cache *c, const char *key, size_t i)
{
	struct buf path;
	char num[24], *p = num + sizeof(num);

	if (c->dir == NULL)
		return NULL;
	/* i in decimal, from its last digit. */
	*--p = '\0';
	do
		*--p = (char)('0' + i % 10);
	while ((i /= 10) > 0);
	entry_path(&path, c, key, p);
	return buf_detach(&path);
}

char *
cache_read_file(const struct cache *c, const char *key, size_t i,
    size_t *len)
{
	char *path, *s;

	if ((path = cache_file(c, key, i)) == NULL)
		return NULL;
	s = slurp(path, len);
	free(path);
	return s;
}

/*
 * Written in place, not through a temporary name: an entry is used only
 * once its record is there, and that is written last (cache_end()).
 */
int
cache_put_file(struct cache *c, const char *key, size_t i,
    const void *data, size_t len)
{
	const char *p = data;
	char *path;
	ssize_t w;
	int fd, rc = 0;

	if ((path = cache_file(c, key, i)) == NULL)
		return -1;
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC,
	    0644);
	free(path);
	/* It is linked into output folders: 0644, as outtree writes. */
	if (fd == -1 || fchmod(fd, 0644) == -1)
		rc = -1;
	while (rc == 0 && len > 0) {
		if ((w = write(fd, p, len)) == -1) {
			if (errno != EINTR)
				rc = -1;
			continue;
		}
		p += w;
		len -= (size_t)w;
	}
	if (fd != -1 && close(fd) == -1)
		rc = -1;
	return rc;
}

int
cache_end(struct cache *c, const char *key, const void *rec, size_t len)
{
	struct buf path;
	char head[HAND_HEAD], *sized;
	int rc;

	if (c->dir == NULL) {
		/* The build's own records are not read again: dropped. */
		if (c->to == -1)
			return 0;
		if (strlen(key) >= HAND_KEY)
			return -1;
		buf_init(&path);
		memset(head, 0, sizeof(head));
		memcpy(head, key, strlen(key));
		le64((unsigned char *)head + HAND_KEY, len);
		buf_put(&path, head, sizeof(head));
		buf_put(&path, rec, len);
		rc = outfile_put_fd(c->to, path.data, path.len);
		buf_release(&path);
		return rc;
	}
	/* Its length first: read_record() then needs no read at its end. */
	entry_path(&path, c, key, "record");
	sized = xmalloc(len + 8);
	le64((unsigned char *)sized, len);
	memcpy(sized + 8, rec, len);
	rc = put_whole(path.data, sized, len + 8);
	free(sized);
	buf_release(&path);
	return rc;
}

void
cache_use(struct cache *c, const char *key)
{
	if (hmap_get(&c->used, key) == NULL)
		hmap_put(&c->used, xstrdup(key), c);
}

void
cache_close(struct cache *c, int prune)
{
	struct dirent *e;
	struct buf path;
	DIR *dp;

	if (c == NULL)
		return;
	if (c->dir == NULL) {
		hmap_release(&c->recs);
		while (c->nbufs > 0)
			free(c->bufs[--c->nbufs]);
		free(c->bufs);
		prune = 0;
	}
	if (prune && (dp = opendir(c->dir)) != NULL) {
		while ((e = readdir(dp)) != NULL) {
			if (e->d_name[0] == '.' ||
			    strcmp(e->d_name, MARK_NAME) == 0 ||
			    hmap_get(&c->used, e->d_name) != NULL)
				continue;
			buf_init(&path);
			buf_printf(&path, "%s/%s", c->dir, e->d_name);
			remove_path(path.data);
			buf_release(&path);
		}
		closedir(dp);
	}
	hmap_release_keys(&c->used);
	if (c->lockfd != -1)
		close(c->lockfd);	/* releases the lock */
	free(c->dir);
	free(c);
}

void
rec_u64(struct buf *b, uint64_t v)
{
	unsigned char x[8];

	le64(x, v);
	buf_put(b, (const char *)x, 8);
}

void
rec_str(struct buf *b, const char *s)
{
	if (s == NULL) {
		rec_u64(b, UINT64_MAX);
		return;
	}
	rec_u64(b, strlen(s));
	buf_put(b, s, strlen(s));
}

void
rec_diags(struct buf *b, const struct diags *d, size_t from)
{
	size_t i;

	rec_u64(b, d->n - from);
	for (i = from; i < d->n; i++) {
		rec_str(b, d->v[i].path);
		rec_u64(b, (uint64_t)(int64_t)d->v[i].line);
		rec_u64(b, (uint64_t)(int64_t)d->v[i].col);
		rec_u64(b, (uint64_t)d->v[i].code);
		rec_str(b, d->v[i].detail);
	}
}

uint64_t
rec_get_u64(struct rec *r)
{
	uint64_t v = 0;
	int i;

	if (r->bad || r->end - r->p < 8) {
		r->bad = 1;
		return 0;
	}
	for (i = 0; i < 8; i++)
		v |= (uint64_t)(unsigned char)r->p[i] << (8 * i);
	r->p += 8;
	return v;
}

char *
rec_get_pstr(struct rec *r, struct pool *pl)
{
	uint64_t n = rec_get_u64(r);

	if (r->bad || n == UINT64_MAX)
		return NULL;
	if (n > (uint64_t)(r->end - r->p) || memchr(r->p, '\0', n) != NULL) {
		r->bad = 1;
		return NULL;
	}
	r->p += n;
	if (pl != NULL)
		return pool_strndup(pl, r->p - n, (size_t)n);
	return xstrndup(r->p - n, (size_t)n);
}

char *
rec_get_str(struct rec *r)
{
	return rec_get_pstr(r, NULL);
}

size_t
rec_get_count(struct rec *r)
{
	uint64_t n = rec_get_u64(r);

	if (r->bad || n > (uint64_t)(r->end - r->p)) {
		r->bad = 1;
		return 0;
	}
	return (size_t)n;
}

void
rec_put_end(struct buf *b)
{
	rec_str(b, "END");
}

int
rec_get_end(struct rec *r)
{
	char *s = rec_get_str(r);
	int ok = !r->bad && s != NULL && strcmp(s, "END") == 0 &&
	    r->p == r->end;

	free(s);
	return ok;
}

void
rec_get_diags(struct rec *r, struct diags *d)
{
	struct diags tmp;
	struct diag x;
	uint64_t i, n = rec_get_u64(r);

	diags_init(&tmp);
	for (i = 0; i < n && !r->bad; i++) {
		x.path = rec_get_str(r);
		x.line = (int)(int64_t)rec_get_u64(r);
		x.col = (int)(int64_t)rec_get_u64(r);
		x.code = (enum dcode)rec_get_u64(r);
		x.detail = rec_get_str(r);
		if (r->bad || x.path == NULL || (uint64_t)x.code >= D__MAX) {
			free(x.path);
			free(x.detail);
			r->bad = 1;
			break;
		}
		tmp.v = xgrow(tmp.v, tmp.n, sizeof(*tmp.v));
		tmp.v[tmp.n++] = x;
	}
	diags_move(d, &tmp);
}
