/*
 * termc diff: compare two terms files clause by clause.  Exit status as
 * diff(1): 0 identical, 1 different, 2 trouble; with --check-declared, 0
 * when the revision declares exactly what changed, 1 when it does not.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "diag.h"
#include "diff.h"
#include "doc.h"
#include "html.h"
#include "md.h"
#include "par.h"

/*
 * One file loaded on a thread of its own, with its own diagnostics, and
 * made ready for the diff there (diff_side_new()): the side that loads
 * first is mirrored while the other still loads, on the core that holds
 * its tree.
 */
struct load {
	const char		*path;
	struct doc		*doc;
	struct diff_side	*side;
	struct diags		 d;
};

static void *
load_run(void *arg)
{
	struct load *l = arg;

	l->doc = doc_load_text(l->path, &l->d);
	l->side = l->doc != NULL && diags_exit(&l->d, 0) == 0 ?
	    diff_side_new(l->doc) : NULL;
	return NULL;
}

/*
 * Parsing is most of the work on large files: load OLD on a second thread
 * while this one loads NEW.  Loading keeps no mutable static state of
 * termc's; cmark-gfm's registry is written once, by md_init() before the
 * thread starts, and md_parse() attaches only the table extension, which
 * writes no shared tables during a parse (see md.c).  libyaml and utf8proc
 * are reentrant, and a side's mirror reads only its own doc (diff.h).
 * Diagnostics are reported in argument order, so output is the same as a
 * sequential load.  la and lb hold the docs and sides for the caller to
 * diff or free.
 */
static void
load_both(const char *a, const char *b, struct load *la, struct load *lb,
    struct diags *d)
{
	la->path = a;
	lb->path = b;
	diags_init(&la->d);
	diags_init(&lb->d);
	md_init();
	par_both(load_run, la, lb);
	diags_move(d, &la->d);
	diags_move(d, &lb->d);
	diags_release(&la->d);
	diags_release(&lb->d);
}

static const char diff_usage[] =
    "usage: termc diff [--format=text|json|html] [--ignore-normalization]\n"
    "                  [--ignore-links]\n"
    "                  [--check-declared] [--order=new-old|old-new]\n"
    "                  [--templates DIR] OLD NEW\n"
    "       termc diff --by-topic [--format=text|json] [--as-of DATE]\n"
    "                  [--topics FILE] [-d TERMS_DIR] A B\n\n"
    "Compare two terms files clause by clause: added, removed, modified,\n"
    "renumbered, moved, split and merged clauses, with the changed\n"
    "characters inside modified text.  Files of different providers or\n"
    "documents are aligned by caption and content instead of numbers.\n\n"
    "  --format=text          hunks labelled by clause (default)\n"
    "  --format=json          every change with ids, labels, texts, edits\n"
    "  --format=html          a 新旧対照表 page (templates/diff.html)\n"
    "  --ignore-normalization treat 全角/半角, 〜/～ changes as unchanged\n"
    "  --ignore-links         do not compare link targets\n"
    "  --check-declared       report changes NEW's front matter does not\n"
    "                         declare, and declared changes that did not\n"
    "                         happen (exit 1 when there are any)\n"
    "  --order=new-old        HTML columns 改正後 | 改正前 (default)\n"
    "  --order=old-new        HTML columns 改正前 | 改正後\n"
    "  --templates DIR        page templates (default: the nearest\n"
    "                         templates/ above the input)\n"
    "  --by-topic             compare two providers topic by topic, as the\n"
    "                         matrix does (termc diff --by-topic --help)\n"
    "  --help                 show this help\n\n"
    "Exit status: 0 identical, 1 different, 2 trouble.\n";

int
cmd_diff(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "ignore-normalization", no_argument, NULL, 'n' },
		{ "ignore-links", no_argument, NULL, 'l' },
		{ "check-declared", no_argument, NULL, 'c' },
		{ "order", required_argument, NULL, 'o' },
		{ "templates", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *format = "text", *tpldir = NULL;
	char *tpl;
	struct templates *t;
	struct diff_opts dopts = { 0 };
	struct load la, lb;
	struct doc *old, *new;
	struct diff *D;
	struct diags d;
	int c, check = 0, new_first = 1, rc;
	size_t len;
	char *out = NULL;

	/* `termc diff --by-topic A B`: the matrix's topic diff (matrixcmd.c). */
	for (c = 1; c < argc; c++)
		if (strcmp(argv[c], "--by-topic") == 0)
			return cmd_diff_by_topic(argc, argv);
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (strcmp(optarg, "text") != 0 &&
			    strcmp(optarg, "json") != 0 &&
			    strcmp(optarg, "html") != 0)
				return usage_error("diff",
				    "unknown format '%s'", optarg);
			format = optarg;
			break;
		case 'n':
			dopts.ignore_normalization = 1;
			break;
		case 'l':
			dopts.ignore_links = 1;
			break;
		case 'c':
			check = 1;
			break;
		case 'o':
			if (strcmp(optarg, "new-old") == 0)
				new_first = 1;
			else if (strcmp(optarg, "old-new") == 0)
				new_first = 0;
			else
				return usage_error("diff",
				    "unknown order '%s'", optarg);
			break;
		case 't':
			tpldir = optarg;
			break;
		case 'h':
			fputs(diff_usage, stdout);
			return 0;
		default:
			return bad_option("diff", diff_usage, argv, "h");
		}
	}
	if (argc - optind != 2)
		return usage_error("diff", "expected OLD and NEW");
	diags_init(&d);
	load_both(argv[optind], argv[optind + 1], &la, &lb, &d);
	old = la.doc;
	new = lb.doc;
	if (old == NULL || new == NULL || diags_exit(&d, 0) != 0) {
		diags_print(&d, stderr);
		diff_side_free(la.side);
		diff_side_free(lb.side);
		doc_free(old);
		doc_free(new);
		diags_release(&d);
		return 2;
	}
	if (check) {
		D = diff_new_sides(la.side, lb.side, NULL);
		rc = diff_check_declared(D, &d) > 0 ? 1 : 0;
		diff_free(D);
		diags_print(&d, stderr);
		doc_free(old);
		doc_free(new);
		diags_release(&d);
		return rc;
	}
	D = diff_new_sides(la.side, lb.side, &dopts);
	rc = diff_changed(D);
	if (strcmp(format, "json") == 0)
		out = diff_json(D);
	else if (strcmp(format, "html") == 0) {
		tpl = templates_dir(tpldir, argv[optind + 1]);
		/* Read on its own: no site, so no revision pages to link. */
		if ((t = templates_load(tpl, TPL_DIFF | TPL_STANDALONE,
		    &d)) != NULL)
			out = html_diff(D, t, "", new_first, NULL, NULL, &len);
		templates_free(t);
		free(tpl);
	} else
		out = diff_text(D);
	diags_print(&d, stderr);
	if (out == NULL)
		rc = 2;
	else {
		fputs(out, stdout);
		if (strcmp(format, "json") == 0)
			fputc('\n', stdout);
		if (finish_stdout("diff") != 0)
			rc = 2;
	}
	free(out);
	diff_free(D);
	/* Each tree is one pool (pool.h): a thread of its own gains nothing. */
	doc_free(old);
	doc_free(new);
	diags_release(&d);
	return rc;
}
