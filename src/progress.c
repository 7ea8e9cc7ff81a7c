/*
 * Progress on a terminal: see progress.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "progress.h"

static struct {
	int		on;
	int		drawn;
	struct timespec	start;
	double		last;
	double		delay;
} pg;

static double
now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - pg.start.tv_sec) +
	    (double)(t.tv_nsec - pg.start.tv_nsec) / 1e9;
}

void
progress_begin(void)
{
	clock_gettime(CLOCK_MONOTONIC, &pg.start);
	const char *d = getenv("TERMC_PROGRESS_DELAY");

	pg.on = isatty(STDERR_FILENO);
	pg.drawn = 0;
	pg.last = 0;
	/* As GIT_PROGRESS_DELAY: seconds before the first line (tests set 0). */
	pg.delay = d != NULL && *d != '\0' ? strtod(d, NULL) : 1.0;
}

void
progress_tick(const char *what, size_t done, size_t total)
{
	double t;

	if (!pg.on)
		return;
	t = now();
	if (t < pg.delay || (pg.drawn && t - pg.last < 0.1 && done < total))
		return;
	fprintf(stderr, "\rtermc: %s %zu/%zu\033[K", what, done, total);
	fflush(stderr);
	pg.drawn = 1;
	pg.last = t;
}

void
progress_off(void)
{
	pg.on = 0;
}

void
progress_end(void)
{
	if (pg.on && pg.drawn)
		fputs("\r\033[K", stderr);
	pg.on = 0;
	pg.drawn = 0;
}

double
progress_elapsed(void)
{
	return now();
}
