/*
 * Unit tests for cache.c's records: a record reads back whole only with
 * its end mark and nothing after it; a count larger than the bytes left
 * makes the record bad, not a huge allocation.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cache.h"
#include "tap.h"

static struct rec
rec_of(const struct buf *b, size_t len)
{
	struct rec r = { b->data, b->data + len, 0 };

	return r;
}

int
main(void)
{
	struct buf b;
	struct rec r;

	buf_init(&b);
	rec_u64(&b, 2);
	rec_str(&b, "一");
	rec_str(&b, "二");
	rec_put_end(&b);
	r = rec_of(&b, b.len);
	tap(rec_get_count(&r) == 2 && !r.bad, "rec_get_count: a count");
	free(rec_get_str(&r));
	free(rec_get_str(&r));
	tap(rec_get_end(&r), "rec_get_end: read back whole");
	r = rec_of(&b, b.len - 1);
	rec_get_count(&r);
	free(rec_get_str(&r));
	free(rec_get_str(&r));
	tap(!rec_get_end(&r), "rec_get_end: cut short");
	buf_putc(&b, 'x');
	r = rec_of(&b, b.len);
	rec_get_count(&r);
	free(rec_get_str(&r));
	free(rec_get_str(&r));
	tap(!rec_get_end(&r), "rec_get_end: bytes after the end mark");
	r = rec_of(&b, b.len);
	tap(!rec_get_end(&r), "rec_get_end: no end mark where one is read");
	buf_release(&b);
	/* A count of more things than bytes left. */
	buf_init(&b);
	rec_u64(&b, UINT64_MAX / 2);
	rec_str(&b, "a");
	r = rec_of(&b, b.len);
	tap(rec_get_count(&r) == 0 && r.bad,
	    "rec_get_count: more than the bytes left is bad");
	tap(rec_get_count(&r) == 0 && r.bad, "rec_get_count: once bad, 0");
	buf_release(&b);
	return tap_failed != 0;
}
