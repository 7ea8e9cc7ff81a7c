/*
 * Progress on a terminal for long runs: termc build turns it on when
 * standard error is a terminal; stages then report how far they are.
 * Nothing is drawn during the first second (TERMC_PROGRESS_DELAY seconds,
 * as git's GIT_PROGRESS_DELAY), nor more often than ten times a second, nor ever when it is off, so that output to files and
 * pipes stays byte-identical.  The state is this module's own (one
 * terminal, one line), kept here rather than passed through every stage.
 */
#ifndef TERMC_PROGRESS_H
#define TERMC_PROGRESS_H

#include <stddef.h>

/* Start the clock; draw on stderr from now on if it is a terminal. */
void	progress_begin(void);
/* Stage what ("loading", "rendering"): done of total. */
void	progress_tick(const char *what, size_t done, size_t total);
/* Clear the line if anything was drawn; stop drawing. */
void	progress_end(void);
/* Stop drawing and leave the line as it is: for a worker process. */
void	progress_off(void);
/* Seconds since progress_begin(). */
double	progress_elapsed(void);

#endif
