/*
 * The build cache: what termc build made of each document, kept beside
 * the output folder (DIR.cache for output DIR) so that the next build
 * redoes only the documents whose inputs changed.
 *
 * An entry is named by a key, a hash of everything that shapes what it
 * holds (the caller decides: source bytes, templates, taxonomy, options,
 * termc's version), so an entry is never out of date, only unused.  It
 * holds a record (bytes the caller writes with the rec_* helpers) and
 * files.  The record is written last, by rename: an entry without its
 * record, or whose record does not read back, is a miss and is redone.
 * A cache of another termc version is emptied; a folder by that name
 * that is no termc cache is left alone and not used.  Entries no build
 * used are removed by cache_close(…, prune).
 *
 * A cache is locked while it is open, as the output folder is
 * (outtree.h): P/.C.termc-lock beside cache folder P/C, with flock(2).
 * A build that may prune or empty it holds the lock alone; the parts of
 * one build (--part), which write disjoint entries and remove none,
 * share it.  Whoever finds it taken the other way is refused, not made
 * to wait, so that two builds never write one cache at once.
 */
#ifndef TERMC_CACHE_H
#define TERMC_CACHE_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

struct cache;
struct diag;
struct diags;
struct pool;

/* A 128-bit key: two FNV-1a hashes. */
struct ckey {
	uint64_t	a, b;
};

void	ckey_init(struct ckey *);
void	ckey_add(struct ckey *, const void *p, size_t len);
void	ckey_str(struct ckey *, const char *s);	/* with its NUL */
void	ckey_u64(struct ckey *, uint64_t);
/* The file's bytes; -1 when it cannot be read. */
int	ckey_file(struct ckey *, const char *path);
/* The key as 32 hex digits and a NUL. */
void	ckey_hex(const struct ckey *, char out[33]);

/*
 * Lock and open the cache folder dir, made if needed; shared: the lock
 * as a part of a build takes it (see above).  NULL: no cache, with *busy
 * set when another build holds the lock (else the folder cannot be made
 * or is no termc cache).
 */
struct cache	*cache_open(const char *dir, int shared, int *busy);
/*
 * A hand-over cache, for the worker processes of a build without a cache
 * (build -j --no-cache): records only, no files and no folder.  Files
 * stay where the workers wrote them (cache_file() gives NULL), and each
 * worker's records go to a file the build reads back when the worker is
 * done.  cache_handoff_to(): in a worker, cache_end() appends each record
 * to fd; the build's own records are dropped.  cache_handoff_from(): in
 * the build, take the records a worker wrote to fd (from its start); a
 * record cut short by a worker's death is not taken.
 */
struct cache	*cache_handoff(void);
void	 cache_handoff_to(struct cache *, int fd);
void	 cache_handoff_from(struct cache *, int fd);
/* Does entry key have its record (not checked whole)? */
int	 cache_has(const struct cache *, const char *key);
/* The record of entry key (malloc'd, *len bytes), or NULL. */
char	*cache_record(struct cache *, const char *key, size_t *len);
/*
 * Begin entry key afresh (any old one removed).  Returns 0, or -1 when
 * it cannot be made (the build then goes on without caching it).
 */
int	 cache_begin(struct cache *, const char *key);
/*
 * An entry's files are known by their number, from 0 in the order they
 * were kept; the caller's record says what each is.  Keep file i of
 * entry key (begun).
 */
int	 cache_put_file(struct cache *, const char *key, size_t i,
	    const void *data, size_t len);
/* End entry key with its record. */
int	 cache_end(struct cache *, const char *key, const void *rec,
	    size_t len);
/*
 * Where file i of entry key is kept (or, the entry begun, is to be: the
 * caller may link a file there instead of cache_put_file()); caller
 * frees.  NULL for a hand-over cache, which keeps no files.
 */
char	*cache_file(const struct cache *, const char *key, size_t i);
/* The bytes of file i of entry key (malloc'd, *len), or NULL. */
char	*cache_read_file(const struct cache *, const char *key, size_t i,
	    size_t *len);
/* Count entry key as used by this build. */
void	 cache_use(struct cache *, const char *key);
/* Close; with prune, remove the entries this build did not use. */
void	 cache_close(struct cache *, int prune);

/* Records: little-endian integers, strings with their length. */
void	 rec_u64(struct buf *, uint64_t);
void	 rec_str(struct buf *, const char *);	/* NULL allowed */
void	 rec_diags(struct buf *, const struct diags *, size_t from);

struct rec {
	const char	*p, *end;
	int		 bad;		/* read past the end, or malformed */
};

/*
 * A record's end mark, written last: rec_get_end() reads it and says
 * whether the record read back whole (nothing bad, the mark, nothing
 * after it).  A record cut short or of another shape is no use.
 */
void		 rec_put_end(struct buf *);
int		 rec_get_end(struct rec *);

uint64_t	 rec_get_u64(struct rec *);
/*
 * A count of things that follow: at most the bytes left, each taking
 * one or more, so that a damaged record asks no huge allocation; else
 * r->bad and 0.
 */
size_t		 rec_get_count(struct rec *);
char		*rec_get_str(struct rec *);	/* malloc'd, or NULL */
/* The same from pool pl (pool.h), the pool's to free. */
char		*rec_get_pstr(struct rec *, struct pool *pl);
/* Append the diagnostics read to d as they were recorded. */
void		 rec_get_diags(struct rec *, struct diags *d);

#endif
