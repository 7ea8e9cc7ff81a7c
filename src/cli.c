/*
 * Helpers shared by the subcommands.  Kept out of main.c so that every
 * object but main.o (commands included) links into the unit tests.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

int
usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "termc: %s%s", cmd ? cmd : "", cmd ? ": " : "");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'termc %s%s--help'.\n", cmd ? cmd : "",
	    cmd ? " " : "");
	return 2;
}

int
finish_stdout(const char *cmd)
{
	if (fflush(stdout) == 0 && !ferror(stdout))
		return 0;
	fprintf(stderr, "termc: %s: cannot write standard output: %s\n", cmd,
	    strerror(errno));
	return 2;
}
