/*
 * A growable byte buffer, always NUL-terminated after buf_init().
 * An embedded object: buf_init() before use, buf_release() frees the bytes.
 * buf_detach() hands the bytes to the caller, who frees them.  A struct
 * buf may be moved (copied, the old one then forgotten), never shared.
 */
#ifndef TERMC_BUF_H
#define TERMC_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "xalloc.h"

struct buf {
	char	*data;
	size_t	 len;
	size_t	 cap;
	/*
	 * buf_init_large(): from BUF_MAP_MIN bytes on, data is a block of
	 * xmap()'s, whose pages are huge (a page of megabytes is written
	 * with a fault every 2 MB, not every 4 KB), and cap is its size.
	 */
	int	 large;
};

#define BUF_MAP_MIN	(2 * XMAP_UNIT)

/*
 * What a writer of a whole page may reserve at once (buf_grow()): the
 * page of a short document fits, so it is not copied as it doubles.
 * The capacity it makes is 64 KB, under the 128 KB from which malloc
 * maps (and unmaps) each block apart (site.c).
 */
#define PAGE_ROOM	(60 * 1024)

void	 buf_init(struct buf *);
/*
 * buf_init() for a buffer that may grow to megabytes and is released,
 * not detached: buf_detach() copies a mapped block into malloc's.
 */
void	 buf_init_large(struct buf *);
void	 buf_release(struct buf *);
void	 buf_reset(struct buf *);
void	 buf_grow(struct buf *, size_t extra);
/* buf_put() and buf_putc() when the bytes do not fit: grow, then append. */
void	 buf_put_grow(struct buf *, const void *, size_t);
void	 buf_putc_grow(struct buf *, int);

/*
 * The appenders are in line: the HTML writer and the search index append
 * a few bytes at a time, and a call to grow (which aborts on a released
 * buffer, cap 0, whose test below always fails) is then the rare case.
 */
static inline void
buf_put(struct buf *b, const void *p, size_t n)
{
	if (n >= b->cap - b->len) {
		buf_put_grow(b, p, n);
		return;
	}
	memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

/* A constant s is measured when compiled. */
static inline void
buf_puts(struct buf *b, const char *s)
{
	buf_put(b, s, strlen(s));
}

static inline void
buf_putc(struct buf *b, int c)
{
	if (b->cap - b->len < 2) {
		buf_putc_grow(b, c);
		return;
	}
	b->data[b->len++] = (char)c;
	b->data[b->len] = '\0';
}

void	 buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 buf_vprintf(struct buf *, const char *, va_list);
/* buf_printf(b, "%ld", v) without printf: numbers in ids and keys. */
void	 buf_put_long(struct buf *, long v);
/* v as sixteen lowercase hex digits ("%016llx"), no NUL: keys. */
void	 hex64(char out[16], uint64_t v);
char	*buf_detach(struct buf *);

#endif
