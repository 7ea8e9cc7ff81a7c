/*
 * Subcommands.  Each takes main's argc/argv shifted so that argv[0] is the
 * command name, parses its own options, and returns the exit status:
 * 0 clean, 1 findings (errors, or differences for diff), 2 usage or I/O.
 */
#ifndef TERMC_CLI_H
#define TERMC_CLI_H

#include <stdio.h>

#include "version.h"

int	cmd_build(int, char **);
int	cmd_check(int, char **);
int	cmd_diff(int, char **);
int	cmd_tree(int, char **);
int	cmd_matrix(int, char **);	/* matrixcmd.c */
/* `termc diff --by-topic A B`: argv as "diff --by-topic A B [--format=…]". */
int	cmd_diff_by_topic(int, char **);
int	cmd_import(int, char **);

/*
 * Flush standard output; if anything written to it was lost (a full disk,
 * a closed pipe), say so and return 2, else 0.  Every command that writes
 * its result to standard output ends with this.
 */
int	finish_stdout(const char *cmd);

/* Print "termc: message" for a usage error and return 2. */
int	usage_error(const char *cmd, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

/*
 * For getopt_long() returning '?': print one line naming the option and
 * what is wrong with it, then the synopsis of usage (the text before its
 * first blank line; prefixed "usage: termc cmd" when it does not start
 * with "usage:") on standard error.  Returns 2.
 */
int	bad_option(const char *cmd, const char *usage, char **argv,
	    const char *shortopts);

/*
 * The templates folder: given (--templates) when not NULL; else the
 * nearest folder named templates that holds page.html, looking from input
 * (a terms folder or file; NULL for none) up to the root, since a
 * collection keeps terms/ and templates/ side by side; failing that,
 * templates/ in the working folder when it holds page.html; failing that,
 * NULL: the templates built into termc (assets.h).  Named relative to the
 * working folder when it lies under it.  Caller frees.
 */
char	*templates_dir(const char *given, const char *input);

#endif
