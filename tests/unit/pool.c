/*
 * Unit tests for pool.c: pieces are zeroed and aligned, strings and
 * objects cut from the same chunks never overlap (every piece is filled
 * and then checked), large pieces, growing an array, and freeing.  A
 * pool of megabytes: the same, its chunks past the first megabytes
 * mapped apart in huge pages and unmapped by pool_free().
 */
#include <stdalign.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "maps.h"
#include "pool.h"
#include "tap.h"

#define N	20000

/* BIG pieces of 32 bytes and as many strings: 12 MB or so. */
#define BIG	200000

static void
test_big_pool(void)
{
	struct pool *p = pool_new();
	unsigned long *obj;
	static unsigned long *objs[BIG];
	static char *strs[BIG];
	char want[32];
	size_t k, bad = 0, bad_align = 0, bad_zero = 0;
	long before = maps_advised_bytes();
#ifndef __SANITIZE_ADDRESS__
	long grown;
#endif

	for (k = 0; k < BIG; k++) {
		snprintf(want, sizeof(want), "piece %zu of many", k);
		strs[k] = pool_strdup(p, want);
		obj = objs[k] = pool_calloc(p, 4, sizeof(*obj));
		bad_align += (uintptr_t)obj % alignof(max_align_t) != 0;
		bad_zero += obj[0] != 0 || obj[3] != 0;
		obj[0] = obj[3] = k;
	}
	for (k = 0; k < BIG; k++) {
		snprintf(want, sizeof(want), "piece %zu of many", k);
		bad += strcmp(strs[k], want) != 0 || objs[k][0] != k ||
		    objs[k][1] != 0 || objs[k][3] != k;
	}
	tap(bad == 0 && bad_align == 0 && bad_zero == 0,
	    "a pool of megabytes: pieces aligned, zeroed, none overlaps");
#ifndef __SANITIZE_ADDRESS__	/* there each piece is malloc's */
	grown = maps_advised_bytes() - before;
	tap(!maps_can_advise() || grown >= 4L << 20,
	    "  its chunks past the first megabytes ask for huge pages");
#endif
	pool_free(p);
	tap(maps_advised_bytes() == before, "  pool_free unmaps them");
}

int
main(void)
{
	static char *str[N];
	static unsigned char *obj[N];
	static size_t objlen[N];
	struct pool *p;
	size_t k, i, bad_align = 0, bad_zero = 0, bad = 0, len;
	char want[64];
	long *v, *w;

	/*
	 * Leave dirty memory behind for the next pool's chunks, which malloc
	 * hands out again: zeroing must be the pool's doing.
	 */
	p = pool_new();
	for (k = 0; k < 1000; k++)
		memset(pool_calloc(p, 100, 1), 0xff, 100);
	pool_free(p);
	p = pool_new();

	/* Interleaved strings and objects of many sizes, some large. */
	for (k = 0; k < N; k++) {
		len = (size_t)snprintf(want, sizeof(want), "s%zu", k * 7919);
		str[k] = pool_strndup(p, want, len);
		objlen[k] = k % 97 == 0 ? 9000 + k : 1 + k % 61;
		obj[k] = pool_calloc(p, objlen[k], 1);
		bad_align += (uintptr_t)obj[k] % alignof(max_align_t) != 0;
		for (i = 0; i < objlen[k]; i++)
			bad_zero += obj[k][i] != 0;
		memset(obj[k], (int)(k & 0xff) | 1, objlen[k]);
	}
	tap(bad_align == 0, "pool_calloc: aligned for any type");
	tap(bad_zero == 0, "pool_calloc: zeroed");
	for (k = 0; k < N; k++) {
		snprintf(want, sizeof(want), "s%zu", k * 7919);
		bad += strcmp(str[k], want) != 0;
		for (i = 0; i < objlen[k]; i++)
			bad += obj[k][i] != ((k & 0xff) | 1);
	}
	tap(bad == 0, "no piece overlaps another: all still hold what was put");
	tap_str(pool_strdup(p, ""), "", "pool_strdup of the empty string");

	v = pool_calloc(p, 3, sizeof(*v));
	v[0] = 1;
	v[1] = 2;
	v[2] = 3;
	w = pool_grow(p, v, 3, 1000, sizeof(*w));
	for (i = 3, bad = 0; i < 1000; i++)
		bad += w[i] != 0;
	tap(w[0] == 1 && w[1] == 2 && w[2] == 3 && bad == 0,
	    "pool_grow: the old elements, then zeros");
	pool_free(p);
	pool_free(NULL);
	tap(1, "pool_free of a pool and of NULL");
	test_big_pool();
	return tap_done();
}
