/*
 * Allocation wrappers: see xalloc.h for the contract.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
