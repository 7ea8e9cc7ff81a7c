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

#include "baseline.h"
#include "check.h"
#include "cli.h"
#include "diag.h"
#include "diff.h"
#include "doc.h"
#include "outfile.h"
#include "report.h"
#include "xalloc.h"

static const char check_usage[] =
    "usage: termc check [--format=text|json|junit] [--strict]\n"
    "                   [--baseline FILE | --write-baseline FILE] [FILE|DIR ...]\n\n"
    "Check terms files (default: terms/) for drafting errors: broken and\n"
    "mislabelled cross references, self references, numbering gaps,\n"
    "duplicates and disorder, empty articles, conflicting definitions,\n"
    "revision history, late-payment interest above 14.6%.\n"
    "Findings go to standard output as path:line:col: level: message [code];\n"
    "a summary line (files, errors, warnings) to standard error.  Finding no\n"
    "terms file (*.md) is an error.\n\n"
    "  --format=text    diagnostic lines (default)\n"
    "  --format=json    a JSON array of findings\n"
    "  --format=junit   JUnit XML, one testsuite per file\n"
    "  --strict         warnings fail the check too\n"
    "  --baseline FILE  leave out the findings FILE accepts (matched by code,\n"
    "                   document, clause and text, not by line); report new ones\n"
    "  --write-baseline FILE\n"
    "                   write every finding to FILE as accepted, and exit 0\n"
    "                   unless a file cannot be read\n"
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

/* "1 file", "2 files". */
static const char *
plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

/*
 * The one line that ends every check, on standard error so that the
 * findings on standard output stay one per line for scripts.
 */
static void
summary(const struct corpus *c, const struct diags *d, size_t accepted,
    size_t stale, int baseline)
{
	size_t i, nerr = 0, nwarn = 0;

	for (i = 0; i < d->n; i++) {
		if (diag_level(d->v[i].code) >= DL_ERROR)
			nerr++;
		else if (diag_level(d->v[i].code) == DL_WARNING)
			nwarn++;
	}
	fprintf(stderr, "%zu %s, %zu %s, %zu %s", c->nfiles,
	    plural(c->nfiles, "file", "files"), nerr,
	    plural(nerr, "error", "errors"), nwarn,
	    plural(nwarn, "warning", "warnings"));
	if (baseline)
		fprintf(stderr, ", %zu accepted by the baseline", accepted);
	/* A terms file saved as .txt must not pass unseen. */
	if (c->nskipped > 0 && c->nfiles > 0)
		fprintf(stderr, ", %zu other %s passed over (only *.md files "
		    "are read)", c->nskipped, plural(c->nskipped, "file",
		    "files"));
	if (stale > 0)
		fprintf(stderr, ", %zu baseline %s no longer found", stale,
		    plural(stale, "entry", "entries"));
	fputc('\n', stderr);
}

int
cmd_check(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "strict", no_argument, NULL, 's' },
		{ "baseline", required_argument, NULL, 'b' },
		{ "write-baseline", required_argument, NULL, 'w' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	static char *defaults[] = { (char *)"terms" };
	struct baseline base;
	struct corpus c;
	struct diff **pairs;
	struct diags d;
	enum fmt fmt = F_TEXT;
	const char *bpath = NULL, *wpath = NULL;
	char **files, *out;
	size_t i, len, accepted = 0, stale = 0;
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
		case 'b':
			bpath = optarg;
			break;
		case 'w':
			wpath = optarg;
			break;
		case 'h':
			fputs(check_usage, stdout);
			return 0;
		default:
			return bad_option("check", check_usage, argv, "h");
		}
	}
	if (bpath != NULL && wpath != NULL)
		return usage_error("check", "--baseline and --write-baseline "
		    "exclude each other");
	diags_init(&d);
	memset(&base, 0, sizeof(base));
	/* A baseline that cannot be read stops the check: it would pass. */
	if (bpath != NULL && baseline_load(&base, bpath, &d) == -1) {
		diags_print_split(&d, stdout, stderr);
		rc = diags_exit(&d, strict);
		baseline_release(&base);
		diags_release(&d);
		return rc ? rc : 1;
	}
	/*
	 * A path that cannot be read is an io finding (exit 2); the files
	 * that did load are still checked and reported.  No terms file at
	 * all fails: a check of nothing must not pass CI.
	 */
	corpus_load(&c, optind < argc ? argv + optind : defaults,
	    optind < argc ? (size_t)(argc - optind) : 1, &d);
	if (c.nfiles == 0 && d.worst < DL_FATAL)
		diag(&d, optind < argc ? argv[optind] : defaults[0], 0, 0,
		    D_NO_TERMS, c.nskipped ? "only *.md files are read; %zu "
		    "other %s passed over" : NULL, c.nskipped,
		    plural(c.nskipped, "file", "files"));
	pairs = diff_pairs(&c);
	check_corpus(&c, pairs, &d);
	diff_pairs_free(pairs, c.n);
	/* Written, the findings are accepted: one line says how many. */
	if (wpath != NULL && d.worst < DL_FATAL) {
		out = baseline_text(&d, &c, &len);
		rc = outfile_write_path(wpath, out, len, &d);
		free(out);
		if (rc == 0) {
			fprintf(stderr, "%zu %s, %zu %s written to %s\n",
			    c.nfiles, plural(c.nfiles, "file", "files"), d.n,
			    plural(d.n, "finding", "findings"), wpath);
			corpus_release(&c);
			diags_release(&d);
			return 0;
		}
	}
	if (bpath != NULL) {
		accepted = baseline_apply(&base, &d, &c);
		stale = baseline_stale(&base);
	}
	switch (fmt) {
	case F_TEXT:
		diags_print_split(&d, stdout, stderr);
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
	summary(&c, &d, accepted, stale, bpath != NULL);
	corpus_release(&c);
	baseline_release(&base);
	diags_release(&d);
	return rc;
}
