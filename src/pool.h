/*
 * A pool: memory handed out in pieces and freed all at once, for data
 * whose pieces all live as long as the whole.  A clause tree is such:
 * a 10 MB document's tree is some 300,000 nodes, strings and arrays,
 * and freeing them one by one took as long as diffing two such trees.
 *
 * Pieces are never freed alone; a piece that grows (pool_grow()) leaves
 * its old copy in the pool.  Under AddressSanitizer every piece is an
 * allocation of its own, so that ASan still sees each piece's bounds.
 */
#ifndef TERMC_POOL_H
#define TERMC_POOL_H

#include <stddef.h>

struct pool;

struct pool	*pool_new(void);
/* Free the pool and every piece it handed out; NULL is ignored. */
void		 pool_free(struct pool *);
/* nmemb zeroed objects of size bytes, aligned for any type. */
void		*pool_calloc(struct pool *, size_t nmemb, size_t size);
/* A copy of p's first oldn objects in a new zeroed array of newn. */
void		*pool_grow(struct pool *, const void *p, size_t oldn,
		    size_t newn, size_t size);
/* len bytes for a string, neither aligned nor cleared. */
char		*pool_alloc(struct pool *, size_t len);
/* A NUL-terminated copy of s[0, len). */
char		*pool_strndup(struct pool *, const char *s, size_t len);
char		*pool_strdup(struct pool *, const char *);

#endif
