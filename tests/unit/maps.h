/*
 * What the kernel says of this process's mappings, for the tests of
 * xmap()'s users: /proc/self/smaps lists each mapping with its flags,
 * "hg" where huge pages were asked for (madvise(MADV_HUGEPAGE)).
 */
#ifndef TERMC_TEST_MAPS_H
#define TERMC_TEST_MAPS_H

#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Can this kernel give huge pages when asked?  Else no "hg" is set. */
static inline int
maps_can_advise(void)
{
	return access("/sys/kernel/mm/transparent_hugepage/enabled", R_OK) == 0;
}

/* The bytes of the mappings flagged "hg", or -1 when smaps is unread. */
static inline long
maps_advised_bytes(void)
{
	char line[512];
	unsigned long lo = 0, hi = 0, a, b;
	long bytes = 0;
	FILE *f;

	if ((f = fopen("/proc/self/smaps", "r")) == NULL)
		return -1;
	while (fgets(line, sizeof(line), f) != NULL) {
		/* A field's name may start as a hex number does ("Anon"). */
		if (sscanf(line, "%lx-%lx ", &a, &b) == 2) {
			lo = a;
			hi = b;
			continue;
		}
		if (strncmp(line, "VmFlags:", 8) == 0 && strstr(line, " hg") != NULL)
			bytes += (long)(hi - lo);
	}
	fclose(f);
	return bytes;
}

/* Is [p, p + n) one mapping of the process, exactly? */
static inline int
maps_one(const void *p, size_t n)
{
	char line[512];
	unsigned long a, b;
	int one = 0;
	FILE *f;

	if ((f = fopen("/proc/self/maps", "r")) == NULL)
		return 0;
	while (fgets(line, sizeof(line), f) != NULL)
		if (sscanf(line, "%lx-%lx ", &a, &b) == 2 &&
		    a == (unsigned long)p && b == (unsigned long)p + n)
			one = 1;
	fclose(f);
	return one;
}

#endif
