/*
 * Unit tests for xalloc.c's xgrow(): appends keep every element; the
 * array moves only when its count reaches a power of two, so n appends
 * move it about log2(n) times (growing by one element per realloc moved
 * it n times: quadratic where realloc copies, as under ASan).  Writing
 * past the capacity is caught by the ASan build of this program.
 */
#include <stdlib.h>

#include "tap.h"
#include "xalloc.h"

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
	return tap_failed != 0;
}
