/*
 * Growable byte buffer: see buf.h.  Capacity doubles, so appending n bytes
 * costs O(n) amortized.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "xalloc.h"

void
buf_init(struct buf *b)
{
	b->cap = 64;
	b->len = 0;
	b->large = 0;
	b->data = xmalloc(b->cap);
	b->data[0] = '\0';
}

void
buf_init_large(struct buf *b)
{
	buf_init(b);
	b->large = 1;
}

/* Is b's data a block of xmap()'s? */
static int
mapped(const struct buf *b)
{
	return b->large && b->cap >= BUF_MAP_MIN;
}

void
buf_release(struct buf *b)
{
	xfree_block(b->data, mapped(b) ? b->cap : 0);
	b->data = NULL;
	b->len = b->cap = 0;
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	b->data[0] = '\0';
}

void
buf_grow(struct buf *b, size_t extra)
{
	size_t need, cap;
	char *data;

	/*
	 * A wrapped size or a released buffer is a caller's bug: abort
	 * rather than loop on a capacity that doubles to 0, or overrun.
	 */
	if (extra >= SIZE_MAX - b->len || b->cap == 0) {
		fprintf(stderr, "termc: buf_grow: %s\n", b->cap == 0 ?
		    "buffer used after release" : "size overflow");
		abort();
	}
	need = b->len + extra + 1;
	if (need <= b->cap)
		return;
	cap = b->cap;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? need : cap * 2;
	if (!b->large || cap < BUF_MAP_MIN) {
		b->data = xrealloc(b->data, cap);
		b->cap = cap;
		return;
	}
	cap = xmap_size(cap);
	if (mapped(b))
		data = xremap(b->data, b->cap, cap);
	else {
		data = xmap(cap);
		memcpy(data, b->data, b->len + 1);
		free(b->data);
	}
	b->data = data;
	b->cap = cap;
}

void
buf_put_grow(struct buf *b, const void *p, size_t n)
{
	buf_grow(b, n);
	memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
buf_putc_grow(struct buf *b, int c)
{
	buf_grow(b, 1);
	b->data[b->len++] = (char)c;
	b->data[b->len] = '\0';
}

void
buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list aq;
	size_t room;
	int n;

	/*
	 * Formatted into the room there is: once, the usual case; only
	 * what does not fit is formatted again after the buffer grows.
	 */
	if (b->cap == 0)
		buf_grow(b, 0);		/* aborts: released */
	room = b->cap - b->len;
	va_copy(aq, ap);
	n = vsnprintf(b->data + b->len, room, fmt, aq);
	va_end(aq);
	if (n < 0) {
		b->data[b->len] = '\0';
		return;
	}
	if ((size_t)n >= room) {
		buf_grow(b, (size_t)n);
		vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	}
	b->len += (size_t)n;
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void
buf_put_long(struct buf *b, long v)
{
	char d[24], *p = d + sizeof(d);
	/* Negated as unsigned: LONG_MIN has no positive long. */
	unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;

	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (v < 0)
		*--p = '-';
	buf_put(b, p, (size_t)(d + sizeof(d) - p));
}

void
hex64(char out[16], uint64_t v)
{
	int i;

	for (i = 15; i >= 0; i--, v >>= 4)
		out[i] = "0123456789abcdef"[v & 0xf];
}

char *
buf_detach(struct buf *b)
{
	char *p = b->data;

	if (mapped(b)) {
		p = xmalloc(b->len + 1);
		memcpy(p, b->data, b->len + 1);
		xunmap(b->data, b->cap);
	}
	b->data = NULL;
	b->len = b->cap = 0;
	return p;
}
