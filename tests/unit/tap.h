/*
 * The unit test protocol of tests/run.sh: one line "ok N name" or
 * "not ok N name" per check; the program exits 1 when any failed.
 * Header-only; each test program includes it once.
 */
#ifndef TERMC_TAP_H
#define TERMC_TAP_H

#include <stdio.h>
#include <string.h>

static int tap_n, tap_failed;

/* Record one check; returns cond so callers can stop on failure. */
static inline int
tap(int cond, const char *name)
{
	printf("%s %d %s\n", cond ? "ok" : "not ok", ++tap_n, name);
	if (!cond)
		tap_failed++;
	return cond;
}

/* String equality, printing both on failure; NULLs compare equal. */
static inline int
tap_str(const char *got, const char *want, const char *name)
{
	int eq = (got == NULL || want == NULL) ? got == want :
	    strcmp(got, want) == 0;

	if (!tap(eq, name))
		printf("#   got  \"%s\"\n#   want \"%s\"\n",
		    got ? got : "(null)", want ? want : "(null)");
	return eq;
}

static inline int
tap_long(long got, long want, const char *name)
{
	if (!tap(got == want, name))
		printf("#   got %ld, want %ld\n", got, want);
	return got == want;
}

static inline int
tap_done(void)
{
	printf("# %d checks, %d failed\n", tap_n, tap_failed);
	return tap_failed ? 1 : 0;
}

#endif
