/*
 * Allocation that never fails for its callers: on exhaustion the process
 * prints one line and aborts (as mandoc_aux.c and cmark do).  Every pointer
 * these return is owned by the caller and released with free().
 */
#ifndef TERMC_XALLOC_H
#define TERMC_XALLOC_H

#include <stddef.h>

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xrealloc(void *, size_t);
/* Grow an array of nmemb elements of size bytes; checks the multiplication. */
void	*xreallocarray(void *, size_t nmemb, size_t size);
/*
 * Make room for element n of an array that holds n elements, for an append:
 * p[n] may be written after p = xgrow(p, n, sizeof(*p)).  The capacity is
 * implicit, the power of two at or above n, so it doubles and n appends
 * copy O(n) bytes in all: growing by one element per realloc is quadratic
 * wherever realloc moves the block (ASan's always does).  The array must be
 * sized by xgrow alone (or be NULL with n 0).
 */
void	*xgrow(void *p, size_t n, size_t size);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
/*
 * A block of n zeroed bytes that one module owns whole (a big document's
 * pool chunks, a big table, a big file's bytes), mapped apart from
 * malloc's heap, aligned to XMAP_UNIT and asked to be backed by huge
 * pages: its first writes then fault once every 2 MB, not every 4 KB
 * (docs/speed.md).  It is mapped in whole units, so an n of whole units
 * wastes nothing.  xremap() and xunmap() take the n given to xmap().
 * Under AddressSanitizer the block is malloc's, of n bytes.
 */
#define XMAP_UNIT	((size_t)2 << 20)
void	*xmap(size_t n);
/*
 * The block p of oldn bytes grown to n, its bytes kept, maybe moved (and
 * then maybe no longer aligned); p is gone.
 */
void	*xremap(void *p, size_t oldn, size_t n);
void	 xunmap(void *p, size_t n);
/* The bytes a block of n holds, n rounded up to whole units. */
size_t	 xmap_size(size_t n);
/*
 * Let p go as it was made: xunmap(p, mapped) for xmap()'s block of
 * mapped bytes, free(p) for malloc's when mapped is 0.  The one place
 * that decides it for every module that holds both kinds.
 */
void	 xfree_block(void *p, size_t mapped);
/* Report exhaustion and abort: for allocators built on these. */
_Noreturn void	 xalloc_die(void);

#endif
