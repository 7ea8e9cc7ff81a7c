/*
 * Unit tests for xalloc.c's xgrow(): appends keep every element; the
 * array moves only when its count reaches a power of two, so n appends
 * move it about log2(n) times (growing by one element per realloc moved
 * it n times: quadratic where realloc copies, as under ASan).  Writing
 * past the capacity is caught by the ASan build of this program.
 * xmap(): blocks of whole units, aligned, zeroed, asked for huge pages,
 * and gone after xunmap(), the unit mapped beside them too.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>

#include "maps.h"
#include "tap.h"
#include "xalloc.h"

#ifndef __SANITIZE_ADDRESS__
/*
 * Is [p, p + n) mapped?  mincore() says ENOMEM of a range that is not
 * (valgrind takes it as a question; msync() it takes as a use).
 */
static int
mapped(const void *p, size_t n)
{
	static unsigned char vec[4 * XMAP_UNIT / 4096];

	return mincore((void *)((uintptr_t)p & ~(uintptr_t)4095), n,
	    vec) == 0 || errno != ENOMEM;
}
#endif

/* xmap(): whole units, aligned, zeroed, advised, one mapping each. */
static void
test_xmap(void)
{
	static const size_t sizes[] = { 1, XMAP_UNIT, XMAP_UNIT + 1 };
	size_t k, i, whole, bad;
	long before;
	char *p;

	for (k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
		whole = (sizes[k] + XMAP_UNIT - 1) / XMAP_UNIT * XMAP_UNIT;
		before = maps_advised_bytes();
		p = xmap(sizes[k]);
#ifdef __SANITIZE_ADDRESS__
		whole = sizes[k];	/* malloc's, of n bytes */
#else
		/*
		 * One mapping, and the page after it unmapped: the slack
		 * after the block is at least that page, and nothing was
		 * mapped since.  (The slack before may be empty, and the
		 * page there another mapping's.)
		 */
		tap(maps_one(p, whole) && !mapped(p + whole, 4096),
		    "xmap: the block is one mapping, its slack unmapped");
#endif
		tap((uintptr_t)p % XMAP_UNIT == 0, "  the block is aligned");
		for (i = 0, bad = 0; i < whole; i++)
			bad += p[i] != 0;
		tap(bad == 0, "  zeroed, all of it");
		memset(p, 0xa5, whole);
#ifndef __SANITIZE_ADDRESS__
		tap(!maps_can_advise() ||
		    maps_advised_bytes() - before == (long)whole,
		    "  asked for huge pages, all of it");
#endif
		xunmap(p, sizes[k]);
#ifndef __SANITIZE_ADDRESS__
		tap(!mapped(p, whole), "  xunmap unmaps all of it");
#endif
		tap(maps_advised_bytes() == before, "  and nothing advised stays");
	}
	xunmap(NULL, XMAP_UNIT);
	tap(1, "xunmap of NULL");
}

/*
 * xremap(): grown three times, the bytes stay, the block stays one
 * mapping (a range of two mappings would not move again on the kernels
 * before Linux 6.17), and xunmap() lets all of it go.
 */
static void
test_xremap(void)
{
	size_t n = XMAP_UNIT, i, bad = 0, k;
	long before = maps_advised_bytes();
	unsigned char *p = xmap(n);

	for (i = 0; i < n; i++)
		p[i] = (unsigned char)(i * 7);
	for (k = 0; k < 3; k++) {
		p = xremap(p, n, 2 * n);
		for (i = 0; i < n; i++)
			bad += p[i] != (unsigned char)(i * 7);
		for (i = n; i < 2 * n; i++)
			bad += p[i] != 0;
		for (i = n; i < 2 * n; i++)
			p[i] = (unsigned char)(i * 7);
		n *= 2;
	}
	tap(bad == 0, "xremap: the bytes kept, the new ones zero");
#ifndef __SANITIZE_ADDRESS__
	tap(maps_one(p, n), "  one mapping after three moves");
	tap(!maps_can_advise() || maps_advised_bytes() - before == (long)n,
	    "  advised, all of it");
	tap(xremap(p, n, n - 1) == p, "  a block that holds n stays");
#endif
	xunmap(p, n);
	tap(maps_advised_bytes() == before, "  xunmap lets it all go");
}

int
main(void)
{
	long *v = NULL, *before;
	size_t n, moved = 0, grown = 0, bad = 0;

	for (n = 0; n < 100000; n++) {
		before = v;
		v = xgrow(v, n, sizeof(*v));
		if (v != before)
			moved++;
		if (n == 0 || (n & (n - 1)) == 0)
			grown++;
		else if (v != before)
			bad++;
		v[n] = (long)n * 3;
	}
	tap(bad == 0, "xgrow moves the array only at powers of two");
	tap(moved <= grown && grown == 18, "  at most 18 moves for 100,000 appends");
	for (n = 0; n < 100000 && v[n] == (long)n * 3; n++)
		;
	tap_long((long)n, 100000, "every element kept");
	free(v);
	test_xmap();
	test_xremap();
	return tap_failed != 0;
}
