/*
 * termc check: load terms files, run every rule (check.c), report.
 * Output: the usual diagnostic lines on standard output, or a JSON array,
 * or JUnit XML.  Exit 0 clean, 1 errors (warnings too with --strict),
 * 2 usage or I/O trouble.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "check.h"
#include "cli.h"
#include "diag.h"
#include "diff.h"
#include "doc.h"
#include "report.h"
#include "xalloc.h"

static const char check_usage[] =
    "usage: termc check [--format=text|json|junit] [--strict] [FILE|DIR ...]\n\n"
    "Check terms files (default: terms/) for drafting errors: broken and\n"
    "mislabelled cross references, self references, numbering gaps,\n"
    "duplicates and disorder, empty articles, conflicting definitions,\n"
    "revision history, late-payment interest above 14.6%.\n"
    "Findings go to standard output as path:line:col: level: message [code].\n\n"
    "  --format=text    diagnostic lines (default)\n"
    "  --format=json    a JSON array of findings\n"
    "  --format=junit   JUnit XML, one testsuite per file\n"
    "  --strict         warnings fail the check too\n"
    "  --help           show this help\n\n"
    "Exit status: 0 clean, 1 errors (or warnings with --strict),\n"
    "2 usage or I/O trouble.\n";

enum fmt { F_TEXT, F_JSON, F_JUNIT };

static char *
report_json(const struct diags *d)
{
	json_t *a = json_array(), *o;
	const struct diag *x;
	size_t i;
	char *s, *r;

	for (i = 0; i < d->n; i++) {
		x = &d->v[i];
		o = json_object();
		json_object_set_new(o, "path", json_string(x->path));
		json_object_set_new(o, "line", json_integer(x->line));
		json_object_set_new(o, "col", json_integer(x->col));
		json_object_set_new(o, "severity", json_string(
		    diag_level_name(diag_level(x->code))));
		json_object_set_new(o, "code", json_string(diag_name(x->code)));
		json_object_set_new(o, "message",
		    json_string(diag_message(x->code)));
		json_object_set_new(o, "detail", x->detail ?
		    json_string(x->detail) : json_null());
		json_array_append_new(a, o);
	}
	s = json_dumps(a, JSON_INDENT(1));
	json_decref(a);
	r = xstrdup(s);
	free(s);
	return r;
}

int
cmd_check(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "strict", no_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	static char *defaults[] = { (char *)"terms" };
	struct corpus c;
	struct diff **pairs;
	struct diags d;
	enum fmt fmt = F_TEXT;
	char **files, *out;
	size_t i;
	int ch, strict = 0, rc;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (ch) {
		case 'f':
			if (strcmp(optarg, "text") == 0)
				fmt = F_TEXT;
			else if (strcmp(optarg, "json") == 0)
				fmt = F_JSON;
			else if (strcmp(optarg, "junit") == 0)
				fmt = F_JUNIT;
			else
				return usage_error("check",
				    "unknown format '%s'", optarg);
			break;
		case 's':
			strict = 1;
			break;
		case 'h':
			fputs(check_usage, stdout);
			return 0;
		default:
			return usage_error("check", "bad option");
		}
	}
	diags_init(&d);
	/*
	 * A path that cannot be read is an io finding (exit 2); the files
	 * that did load are still checked and reported.
	 */
	corpus_load(&c, optind < argc ? argv + optind : defaults,
	    optind < argc ? (size_t)(argc - optind) : 1, &d);
	pairs = diff_pairs(&c);
	check_corpus(&c, pairs, &d);
	diff_pairs_free(pairs, c.n);
	switch (fmt) {
	case F_TEXT:
		diags_print(&d, stdout);
		break;
	case F_JSON:
		out = report_json(&d);
		puts(out);
		free(out);
		break;
	case F_JUNIT:
		/* Named as diagnostics name them, so that they group. */
		files = xreallocarray(NULL, c.n + 1, sizeof(*files));
		for (i = 0; i < c.n; i++)
			files[i] = diag_escape(c.docs[i]->path);
		out = report_junit(&d, files, c.n, strict);
		fputs(out, stdout);
		free(out);
		for (i = 0; i < c.n; i++)
			free(files[i]);
		free(files);
		break;
	}
	if ((rc = finish_stdout("check")) == 0)
		rc = diags_exit(&d, strict);
	corpus_release(&c);
	diags_release(&d);
	return rc;
}
