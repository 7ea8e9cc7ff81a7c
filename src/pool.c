/*
 * Pools: see pool.h.  Pieces are cut from chunks small enough to come
 * from malloc's heap (below its mmap threshold), so a pool reuses what
 * the parse freed before it; a piece larger than a quarter chunk gets a
 * chunk of its own.  Strings are packed unaligned from one end of a
 * chunk, objects aligned from the other.  A pool that holds BIG_AFTER
 * bytes (a document of megabytes) takes its further chunks whole from
 * xmap(), in huge pages: their nodes then cost a page fault every 2 MB,
 * not every 4 KB.
 */
#include <stdalign.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pool.h"
#include "xalloc.h"

#define CHUNK_SIZE	(32 * 1024)
#define BIG_AFTER	(2 * XMAP_UNIT)
#define ALIGN		alignof(max_align_t)

struct chunk {
	struct chunk	*prev;
	size_t		 mapped;	/* xmap()'s size, or 0: malloc's */
	alignas(max_align_t) char data[];
};

struct pool {
	struct chunk	*chunks;	/* newest first */
	char		*lo, *hi;	/* free bytes of the newest chunk */
	size_t		 held;		/* bytes of the chunks cut from */
};

struct pool *
pool_new(void)
{
	return xcalloc(1, sizeof(struct pool));
}

void
pool_free(struct pool *p)
{
	struct chunk *c, *prev;

	if (p == NULL)
		return;
	for (c = p->chunks; c != NULL; c = prev) {
		prev = c->prev;
		xfree_block(c, c->mapped);
	}
	free(p);
}

/*
 * A new chunk of size data bytes.  current: pieces are cut from it next
 * (once the pool holds BIG_AFTER bytes, a chunk of all but its header
 * of XMAP_UNIT); else it holds one piece and goes behind the newest.
 */
static char *
chunk_add(struct pool *p, size_t size, int current)
{
	struct chunk *c;

	if (current && p->held >= BIG_AFTER &&
	    size <= XMAP_UNIT - sizeof(*c)) {
		c = xmap(XMAP_UNIT);
		c->mapped = XMAP_UNIT;
		size = XMAP_UNIT - sizeof(*c);
	} else {
		c = xmalloc(sizeof(*c) + size);
		c->mapped = 0;
	}
	if (current) {
		p->held += size;
		c->prev = p->chunks;
		p->chunks = c;
		p->lo = c->data;
		p->hi = c->data + size;
	} else if (p->chunks == NULL) {
		c->prev = NULL;
		p->chunks = c;
	} else {
		/* Behind the newest, whose free bytes stay in use. */
		c->prev = p->chunks->prev;
		p->chunks->prev = c;
	}
	return c->data;
}

#ifdef __SANITIZE_ADDRESS__
/* Each piece a chunk of its own, so that ASan sees its bounds. */
static void *
piece(struct pool *p, size_t n, size_t align)
{
	(void)align;
	return chunk_add(p, n, 0);
}
#else
static void *
piece(struct pool *p, size_t n, size_t align)
{
	uintptr_t at;

	if (n > CHUNK_SIZE / 4)
		return chunk_add(p, n, 0);
	if (align > 1) {
		at = ((uintptr_t)p->lo + align - 1) & ~(uintptr_t)(align - 1);
		if (p->lo != NULL && at + n <= (uintptr_t)p->hi) {
			p->lo = (char *)at + n;
			return (void *)at;
		}
		chunk_add(p, CHUNK_SIZE, 1);
		p->lo += n;
		return p->lo - n;
	}
	if (p->lo == NULL || (size_t)(p->hi - p->lo) < n)
		chunk_add(p, CHUNK_SIZE, 1);
	p->hi -= n;
	return p->hi;
}
#endif

void *
pool_calloc(struct pool *p, size_t nmemb, size_t size)
{
	size_t n;
	void *v;

	if (size != 0 && nmemb > SIZE_MAX / 2 / size)
		xalloc_die();
	n = nmemb * size;
	v = piece(p, n > 0 ? n : 1, ALIGN);
	memset(v, 0, n);
	return v;
}

void *
pool_grow(struct pool *p, const void *old, size_t oldn, size_t newn,
    size_t size)
{
	void *v = pool_calloc(p, newn, size);

	if (old != NULL && oldn > 0)
		memcpy(v, old, (oldn < newn ? oldn : newn) * size);
	return v;
}

char *
pool_alloc(struct pool *p, size_t len)
{
	if (len > SIZE_MAX / 2)
		xalloc_die();
	return piece(p, len ? len : 1, 1);
}

char *
pool_strndup(struct pool *p, const char *s, size_t len)
{
	char *v = pool_alloc(p, len + 1);

	memcpy(v, s, len);
	v[len] = '\0';
	return v;
}

char *
pool_strdup(struct pool *p, const char *s)
{
	return pool_strndup(p, s, strlen(s));
}
