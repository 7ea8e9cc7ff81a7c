/*
 * Allocation wrappers: see xalloc.h for the contract.
 */
#define _GNU_SOURCE	/* mremap() */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "xalloc.h"

_Noreturn void
xalloc_die(void)
{
	fputs("termc: out of memory\n", stderr);
	abort();
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		xalloc_die();
	return p;
}

void *
xcalloc(size_t nmemb, size_t size)
{
	void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);

	if (p == NULL)
		xalloc_die();
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (p == NULL)
		xalloc_die();
	return p;
}

void *
xreallocarray(void *p, size_t nmemb, size_t size)
{
	if (size != 0 && nmemb > SIZE_MAX / size)
		xalloc_die();
	return xrealloc(p, nmemb * size);
}

void *
xgrow(void *p, size_t n, size_t size)
{
	if (n == 0)
		return xreallocarray(p, 1, size);
	if ((n & (n - 1)) != 0)		/* below the capacity, n + 1 fits */
		return p;
	if (n > SIZE_MAX / 2)
		xalloc_die();
	return xreallocarray(p, 2 * n, size);
}

/* n rounded up to a whole number of XMAP_UNIT. */
static size_t
map_size(size_t n)
{
	if (n > SIZE_MAX - 2 * XMAP_UNIT)
		xalloc_die();
	return (n + XMAP_UNIT - 1) / XMAP_UNIT * XMAP_UNIT;
}

/*
 * A first write to a 4 KB page costs a fault, about 2 us on a virtual
 * machine: the 10 MB corpus's build took 16,000 of them.  Linux backs a
 * range with a huge page at its first fault when the range was advised
 * so and holds the whole aligned 2 MB (transparent huge pages, in the
 * "madvise" mode Debian sets by default), hence the alignment: one unit
 * more is mapped and the two ends beside the aligned block unmapped.
 * A kernel without huge pages refuses the advice, and the block is then
 * as malloc would have mapped it.
 */
void *
xmap(size_t n)
{
	size_t size = map_size(n), head;
	char *p, *block;

	p = mmap(NULL, size + XMAP_UNIT, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		xalloc_die();
	block = (char *)(((uintptr_t)p + XMAP_UNIT - 1) &
	    ~(uintptr_t)(XMAP_UNIT - 1));
	head = (size_t)(block - p);
	if (head > 0)
		(void)munmap(p, head);
	(void)munmap(block + size, XMAP_UNIT - head);
#ifdef MADV_HUGEPAGE
	(void)madvise(block, size, MADV_HUGEPAGE);
#endif
	return block;
}

/*
 * The pages of p move into the new block as they are (mremap() over its
 * first part): neither copied nor faulted again, and whole huge pages
 * stay whole, both blocks being aligned.
 */
void *
xremap(void *p, size_t oldn, size_t n)
{
	size_t old = map_size(oldn);
	char *q;

	if (map_size(n) <= old)
		return p;
	q = xmap(n);
	if (mremap(p, old, old, MREMAP_MAYMOVE | MREMAP_FIXED, q) == MAP_FAILED) {
		memcpy(q, p, old);
		(void)munmap(p, old);
	}
	return q;
}

void
xunmap(void *p, size_t n)
{
	if (p != NULL)
		(void)munmap(p, map_size(n));
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}
