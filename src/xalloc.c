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

size_t
xmap_size(size_t n)
{
	if (n > SIZE_MAX - 2 * XMAP_UNIT)
		xalloc_die();
	return n == 0 ? XMAP_UNIT : (n + XMAP_UNIT - 1) / XMAP_UNIT * XMAP_UNIT;
}

void
xfree_block(void *p, size_t mapped)
{
	if (mapped != 0)
		xunmap(p, mapped);
	else
		free(p);
}

#ifdef __SANITIZE_ADDRESS__
/*
 * Under AddressSanitizer a block is malloc's, of n bytes exactly: its
 * redzones then catch a write past n, and LeakSanitizer scans it for
 * the pointers it holds (it does not scan mappings).
 */
void *
xmap(size_t n)
{
	void *p;

	if (posix_memalign(&p, XMAP_UNIT, n ? n : 1) != 0)
		xalloc_die();
	memset(p, 0, n);
	return p;
}

void *
xremap(void *p, size_t oldn, size_t n)
{
	void *q = xmap(n);

	memcpy(q, p, oldn < n ? oldn : n);
	free(p);
	return q;
}

void
xunmap(void *p, size_t n)
{
	(void)n;
	free(p);
}
#else
/*
 * size bytes (a whole number of units) mapped at an address aligned to
 * XMAP_UNIT: one unit more is mapped and the two ends beside the aligned
 * block unmapped, so that the block is one mapping of its own.
 */
static char *
map_aligned(size_t size)
{
	char *p, *block;
	size_t head;

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
	return block;
}

/*
 * A first write to a 4 KB page costs a fault, about 2 us on a virtual
 * machine: the 10 MB corpus's build took 16,000 of them.  Linux backs a
 * range with a huge page at its first fault when the range was advised
 * so and holds the whole aligned 2 MB (transparent huge pages, in their
 * "madvise" and "always" modes), hence the alignment.  A kernel without
 * huge pages refuses the advice, and the block is then as malloc would
 * have mapped it.  On a virtual machine whose balloon hands free memory
 * back to its host, a huge page is often such memory, which faults in
 * the host too: there the gain holds for builds that follow each other
 * (docs/speed.md, the ninth session).
 */
void *
xmap(size_t n)
{
	size_t size = xmap_size(n);
	char *block = map_aligned(size);

#ifdef MADV_HUGEPAGE
	(void)madvise(block, size, MADV_HUGEPAGE);
#endif
	return block;
}

/*
 * mremap() grows p's one mapping where it is or moves it: its pages are
 * neither copied nor faulted again, the advice goes with the mapping,
 * and the block stays one mapping, which the next growth needs (a range
 * of two mappings moves only on Linux 6.17 and later).  A moved block
 * need not stay aligned: its huge pages are then mapped as 4 KB pages,
 * the same memory, and the part added gets huge pages where it holds
 * whole aligned ones.  (Moving it onto an aligned place with
 * MREMAP_FIXED kept it aligned, but valgrind 3.19 then took the part
 * added for unaddressable.)  Should the move fail, the bytes are
 * copied into a new block.
 */
void *
xremap(void *p, size_t oldn, size_t n)
{
	size_t old = xmap_size(oldn), size = xmap_size(n);
	char *q;

	if (size <= old)
		return p;
	if ((q = mremap(p, old, size, MREMAP_MAYMOVE)) == MAP_FAILED) {
		q = xmap(n);
		memcpy(q, p, old);
		(void)munmap(p, old);
	}
	return q;
}

void
xunmap(void *p, size_t n)
{
	if (p != NULL)
		(void)munmap(p, xmap_size(n));
}
#endif

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
