/*
 * termc: the terms compiler.  Dispatches subcommands; `termc tree` lives
 * here because it is only a load and a dump.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "diag.h"
#include "doc.h"
#include "tree.h"

static const struct command {
	const char	*name;
	int		(*run)(int, char **);
	const char	*summary;
} commands[] = {
	{ "build", cmd_build, "compile terms into a published site" },
	{ "check", cmd_check, "check terms files for drafting errors" },
	{ "import", cmd_import, "convert plain text or legacy encodings to a terms file" },
	{ "diff", cmd_diff, "compare two terms files clause by clause" },
	{ "tree", cmd_tree, "print the clause tree of a terms file" },
	{ "matrix", cmd_matrix, "compare providers topic by topic in one table" },
};

#define NCOMMANDS	(sizeof(commands) / sizeof(commands[0]))

static void
usage(FILE *fp)
{
	size_t i;

	fputs("usage: termc [--help | --version] COMMAND [ARGS]\n\n"
	    "Commands:\n", fp);
	for (i = 0; i < NCOMMANDS; i++)
		fprintf(fp, "  %-8s %s\n", commands[i].name,
		    commands[i].summary);
	fputs("\n'termc COMMAND --help' describes a command.\n", fp);
}

static const char tree_usage[] =
    "usage: termc tree [--format=outline|json|xml|lawxml] FILE\n\n"
    "Print the clause tree of one terms file: divisions, articles,\n"
    "paragraphs, items and tables with their numbers, labels, captions,\n"
    "anchors and source lines.\n\n"
    "  --format=outline one clause a line, indented, with its anchor and\n"
    "                   the first words of its text (default on a terminal)\n"
    "  --format=json    JSON (default otherwise)\n"
    "  --format=xml     termc's annotated XML (ids, lines) in the element\n"
    "                   names of the Japanese standard law XML; not valid\n"
    "                   against its schema\n"
    "  --format=lawxml  Japanese standard law XML, valid against e-Gov's\n"
    "                   schema (v3); readable by termc import and Lawtext\n"
    "  --help           show this help\n";

enum tree_fmt { TF_JSON, TF_XML, TF_OUTLINE, TF_LAWXML };

int
cmd_tree(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct diags d;
	struct doc *doc;
	char *out;
	int c, rc;
	/* A person at a terminal reads the outline; a pipe gets JSON. */
	enum tree_fmt fmt = isatty(STDOUT_FILENO) ? TF_OUTLINE : TF_JSON;

	optind = 1;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (strcmp(optarg, "json") == 0)
				fmt = TF_JSON;
			else if (strcmp(optarg, "xml") == 0)
				fmt = TF_XML;
			else if (strcmp(optarg, "outline") == 0)
				fmt = TF_OUTLINE;
			else if (strcmp(optarg, "lawxml") == 0)
				fmt = TF_LAWXML;
			else
				return usage_error("tree",
				    "unknown format '%s'", optarg);
			break;
		case 'h':
			fputs(tree_usage, stdout);
			return 0;
		default:
			return bad_option("tree", tree_usage, argv, "h");
		}
	}
	if (argc - optind != 1)
		return usage_error("tree", "expected one FILE");
	diags_init(&d);
	doc = doc_load(argv[optind], 1, &d);
	diags_print(&d, stderr);
	rc = diags_exit(&d, 0);
	if (doc != NULL && rc == 0) {
		out = fmt == TF_XML ? tree_xml(doc) : fmt == TF_OUTLINE ?
		    tree_outline(doc) : fmt == TF_LAWXML ? tree_lawxml(doc) :
		    tree_json(doc);
		fputs(out, stdout);
		if (fmt == TF_JSON)
			fputc('\n', stdout);
		free(out);
		rc = finish_stdout("tree");
	}
	doc_free(doc);
	diags_release(&d);
	return rc;
}

int
main(int argc, char **argv)
{
	size_t i;

	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		usage(stdout);
		return 0;
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("termc %s\n", TERMC_VERSION);
		return 0;
	}
	/* Commands report bad options themselves (bad_option()). */
	opterr = 0;
	for (i = 0; i < NCOMMANDS; i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].run(argc - 1, argv + 1);
	return usage_error(NULL, "unknown command '%s'", argv[1]);
}
