/*
 * Helpers shared by the subcommands.  Kept out of main.c so that every
 * object but main.o (commands included) links into the unit tests.
 */
#include <sys/stat.h>

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cli.h"
#include "diag.h"
#include "xalloc.h"

int
usage_error(const char *cmd, const char *fmt, ...)
{
	struct buf b;
	va_list ap;
	char *msg;

	/* An argument echoed back is escaped as diagnostics are. */
	buf_init(&b);
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	msg = diag_escape(b.data);
	buf_release(&b);
	fprintf(stderr, "termc: %s%s%s\nTry 'termc %s%s--help'.\n",
	    cmd ? cmd : "", cmd ? ": " : "", msg, cmd ? cmd : "",
	    cmd ? " " : "");
	free(msg);
	return 2;
}

/*
 * getopt_long() returned '?' (main() turns opterr off): the element it
 * stopped at is argv[optind - 1].  glibc leaves optopt 0 for an unknown
 * long option and sets it to the option's value for a known one given a
 * value it takes none of, or missing the one it needs.
 */
int
bad_option(const char *cmd, const char *usage, char **argv,
    const char *shortopts)
{
	const char *a = optind > 0 ? argv[optind - 1] : "", *eq, *p;
	char *msg;

	if (strncmp(a, "--", 2) == 0) {
		eq = strchr(a, '=');
		msg = diag_escape(a);
		if (eq != NULL)
			msg[eq - a] = '\0';
		if (optopt == 0)
			fprintf(stderr, "termc: %s: unknown option '%s'\n", cmd,
			    msg);
		else if (eq != NULL)
			fprintf(stderr, "termc: %s: option '%s' takes no "
			    "value\n", cmd, msg);
		else
			fprintf(stderr, "termc: %s: option '%s' needs a "
			    "value\n", cmd, msg);
		free(msg);
	} else if ((p = strchr(shortopts, optopt)) != NULL && optopt != 0 &&
	    p[1] == ':')
		fprintf(stderr, "termc: %s: option '-%c' needs a value\n", cmd,
		    optopt);
	else if (optopt > ' ' && optopt < 0x7f)
		fprintf(stderr, "termc: %s: unknown option '-%c'\n", cmd,
		    optopt);
	else
		fprintf(stderr, "termc: %s: unknown option\n", cmd);
	/* The synopsis: the usage text up to its first blank line. */
	if (strncmp(usage, "usage:", 6) != 0)
		fprintf(stderr, "usage: termc %s", cmd);
	p = strstr(usage, "\n\n");
	fwrite(usage, 1, p ? (size_t)(p - usage) + 1 : strlen(usage), stderr);
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

/* 1 if DIR/templates/page.html is a regular file. */
static int
has_templates(const char *dir)
{
	struct stat st;
	struct buf b;
	int r;

	buf_init(&b);
	buf_printf(&b, "%s/templates/page.html", dir);
	r = stat(b.data, &st) == 0 && S_ISREG(st.st_mode);
	buf_release(&b);
	return r;
}

char *
templates_dir(const char *given, const char *input)
{
	struct stat st;
	struct buf b;
	char *dir, *cwd, *slash;
	size_t n;

	if (given != NULL)
		return xstrdup(given);
	if (input == NULL || (dir = realpath(input, NULL)) == NULL)
		return has_templates(".") ? xstrdup("templates") : NULL;
	if (stat(dir, &st) == 0 && !S_ISDIR(st.st_mode) &&
	    (slash = strrchr(dir, '/')) != NULL)
		*slash = '\0';
	/* From the input's folder up to the root ("" stands for "/"). */
	while (!has_templates(dir)) {
		if ((slash = strrchr(dir, '/')) == NULL) {
			free(dir);
			return has_templates(".") ? xstrdup("templates") :
			    NULL;
		}
		*slash = '\0';
	}
	/* Named from the working folder when under it, as users wrote it. */
	buf_init(&b);
	cwd = realpath(".", NULL);
	n = cwd ? strlen(cwd) : 0;
	if (cwd != NULL && strncmp(dir, cwd, n) == 0 &&
	    (dir[n] == '\0' || dir[n] == '/') && strcmp(cwd, "/") != 0)
		buf_printf(&b, "%s%stemplates", dir[n] ? dir + n + 1 : "",
		    dir[n] ? "/" : "");
	else
		buf_printf(&b, "%s/templates", dir);
	free(cwd);
	free(dir);
	return buf_detach(&b);
}
