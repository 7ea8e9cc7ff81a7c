/*
 * termc matrix: the comparison matrix of every provider document on
 * standard output; and the topic-by-topic comparison of two providers
 * (cmd_diff_by_topic, reached as `termc diff --by-topic A B`).
 */
#include <sys/stat.h>

#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "buf.h"
#include "cli.h"
#include "diag.h"
#include "doc.h"
#include "html.h"
#include "matrix.h"
#include "meta.h"
#include "topics.h"
#include "xalloc.h"

static const char matrix_usage[] =
    "usage: termc matrix [--format=html|csv|json|tsv] [--as-of DATE]\n"
    "                    [--topics FILE] [--templates DIR] [TERMS_DIR|FILE ...]\n\n"
    "Print the comparison matrix: one row per topic of the taxonomy, one\n"
    "column per provider document (its latest revision, or the one in force\n"
    "at DATE), each cell the extracted value with links to its clauses.\n\n"
    "  --format=html    a page (uses TEMPLATES/matrix.html; expects matrix.js\n"
    "                   and style.css beside it, as termc build writes them)\n"
    "  --format=csv     UTF-8 with a byte-order mark, RFC 4180 (default)\n"
    "  --format=json    every cell with value, raw text, excerpt, clauses\n"
    "  --format=tsv     one line per cell: document, topic, state, value,\n"
    "                   clause anchors, raw text\n"
    "  --as-of DATE     YYYY-MM-DD: the revisions in force on that date\n"
    "  --topics FILE    the taxonomy (default: TERMS_DIR/topics.yaml)\n"
    "  --templates DIR  page templates (default: the nearest\n"
    "                   templates/ above the input)\n"
    "  --help           show this help\n";

/*
 * --format=html: the page streamed to standard output in the writer's
 * pieces (html.h's page_sink), as a build writes it, never held whole.
 */
static int
out_open(void *arg, const char *name, size_t no)
{
	(void)arg;
	(void)name;
	(void)no;
	return 0;
}

static int
out_put(void *arg, const char *s, size_t len)
{
	(void)arg;
	return fwrite(s, 1, len, stdout) == len ? 0 : -1;
}

static int
out_close(void *arg, int rc)
{
	(void)arg;
	return rc;
}

/* TERMS_DIR/topics.yaml for the first directory argument, else terms/. */
static char *
default_topics(char *const *paths, size_t n)
{
	struct stat st;
	struct buf b;
	size_t i;

	buf_init(&b);
	for (i = 0; i < n; i++)
		if (stat(paths[i], &st) == 0 && S_ISDIR(st.st_mode)) {
			buf_printf(&b, "%s/topics.yaml", paths[i]);
			return buf_detach(&b);
		}
	buf_puts(&b, "terms/topics.yaml");
	return buf_detach(&b);
}

int
cmd_matrix(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "as-of", required_argument, NULL, 'a' },
		{ "topics", required_argument, NULL, 't' },
		{ "templates", required_argument, NULL, 'T' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	static char *defaults[] = { (char *)"terms" };
	const char *format = "csv", *as_of = NULL, *topics = NULL,
	    *tpldir = NULL;
	char *const *paths;
	struct taxonomy tax;
	struct corpus c;
	struct matrix m;
	struct diags d;
	size_t npaths, len;
	char *out = NULL, *tfile, *tpl;
	int ch, rc, streamed = 0;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (ch) {
		case 'f':
			if (strcmp(optarg, "html") && strcmp(optarg, "csv") &&
			    strcmp(optarg, "json") && strcmp(optarg, "tsv"))
				return usage_error("matrix",
				    "unknown format '%s'", optarg);
			format = optarg;
			break;
		case 'a':
			if (!is_date(optarg))
				return usage_error("matrix",
				    "--as-of wants a date YYYY-MM-DD, not '%s'",
				    optarg);
			as_of = optarg;
			break;
		case 't':
			topics = optarg;
			break;
		case 'T':
			tpldir = optarg;
			break;
		case 'h':
			fputs(matrix_usage, stdout);
			return 0;
		default:
			return bad_option("matrix", matrix_usage, argv, "h");
		}
	}
	paths = optind < argc ? argv + optind : defaults;
	npaths = optind < argc ? (size_t)(argc - optind) : 1;
	tfile = topics ? xstrdup(topics) : default_topics(paths, npaths);
	diags_init(&d);
	if (taxonomy_load(&tax, tfile, &d) == 0) {
		if (corpus_load(&c, paths, npaths, &d) == 0 &&
		    diags_exit(&d, 0) == 0) {
			matrix_build(&m, &tax, &c, as_of, &d);
			if (strcmp(format, "csv") == 0)
				out = matrix_csv(&m, html_site_ja(&c), &len);
			else if (strcmp(format, "json") == 0)
				out = matrix_json(&m, &len);
			else if (strcmp(format, "tsv") == 0)
				out = matrix_tsv(&m, &len);
			else if (diags_exit(&d, 0) == 0) {
				struct page_sink ps = { out_open, out_put,
				    out_close, NULL };

				/* One page: the table whole. */
				tpl = templates_dir(tpldir, paths[0]);
				if (html_matrix_write(tpl, &m, SIZE_MAX,
				    html_site_ja(&c), NULL, &ps, &d) == 0)
					streamed = 1;
				free(tpl);
			}
			matrix_release(&m);
		}
		corpus_release(&c);
		taxonomy_release(&tax);
	}
	diags_print(&d, stderr);
	rc = diags_exit(&d, 0);
	if (out != NULL && rc == 0)
		fwrite(out, 1, len, stdout);
	if ((out != NULL || streamed) && rc == 0)
		rc = finish_stdout("matrix");
	free(out);
	free(tfile);
	diags_release(&d);
	return rc;
}

/* ---- termc diff --by-topic A B ---- */

static const char by_topic_usage[] =
    " [--format=text|json] [--as-of DATE]\n"
    "          [--topics FILE] [-d TERMS_DIR] A B\n\n"
    "Compare two providers topic by topic.  A and B are terms files,\n"
    "directories of terms files, or PROVIDER or PROVIDER/DOCUMENT names\n"
    "looked up in TERMS_DIR.  For a provider with several documents the\n"
    "first document that has a clause on the topic answers.\n"
    "Exit status: 0 no topic differs, 1 some differ, 2 trouble.\n"
    "\n"
    "  --format=text   one line per topic (default)\n"
    "  --format=json   the same as JSON\n"
    "  --as-of DATE    compare the revisions in force on DATE\n"
    "  --topics FILE   the taxonomy (default: TERMS_DIR/topics.yaml)\n"
    "  -d DIR          where provider names are looked up (default: terms)\n"
    "  --help          show this help\n";

/*
 * The path for one side: as given if it exists or looks like a path (has
 * a dot or starts with /), else the provider or provider/document name
 * looked up as TERMS_DIR/NAME.
 */
static char *
side_path(const char *arg, const char *dir)
{
	struct stat st;
	struct buf b;

	buf_init(&b);
	if (stat(arg, &st) == 0 || strchr(arg, '.') != NULL ||
	    arg[0] == '/')
		buf_puts(&b, arg);
	else
		buf_printf(&b, "%s/%s", dir, arg);
	return buf_detach(&b);
}

/* A side's answer for row i: the first cell with a value, else with a clause. */
static const struct cell *
side_cell(const struct matrix *m, size_t i, size_t *col)
{
	const struct cell *best = NULL;
	size_t j;

	for (j = 0; j < m->ncols; j++) {
		const struct cell *c = &m->rows[i].cells[j];

		if (best == NULL || c->state > best->state) {
			best = c;
			*col = j;
		}
	}
	return best;
}

static void
text_cell(struct buf *b, const struct cell *c)
{
	size_t k;

	if (c == NULL) {
		buf_puts(b, "条項なし");
		return;
	}
	buf_puts(b, cell_text(c));
	for (k = 0; k < c->nrefs; k++)
		buf_printf(b, "%s%s", k ? ", " : " (", c->refs[k].label);
	if (c->nrefs)
		buf_putc(b, ')');
}

static json_t *
side_json(const struct matrix *m, const struct cell *c, size_t col)
{
	static const char *const states[] = { "absent", "no-value", "value" };
	json_t *o, *refs;
	size_t k;

	if (c == NULL)
		return json_null();
	o = json_object();
	json_object_set_new(o, "document", json_string(m->cols[col].name));
	json_object_set_new(o, "revision",
	    json_string(m->cols[col].doc->meta.revision));
	json_object_set_new(o, "state", json_string(states[c->state]));
	json_object_set_new(o, "value",
	    c->value ? json_string(c->value) : json_null());
	json_object_set_new(o, "raw", c->raw ? json_string(c->raw) :
	    json_null());
	if (c->event != NULL)
		json_object_set_new(o, "event", json_string(c->event));
	if (c->cond != NULL)
		json_object_set_new(o, "condition", json_string(c->cond));
	refs = json_array();
	for (k = 0; k < c->nrefs; k++)
		json_array_append_new(refs, json_pack("{s:s,s:s,s:s}", "id",
		    c->refs[k].id, "label", c->refs[k].label, "href",
		    c->refs[k].href));
	json_object_set_new(o, "clauses", refs);
	return o;
}

static const char *
compare(const struct cell *a, const struct cell *b)
{
	int ha = a != NULL && a->state != CELL_ABSENT;
	int hb = b != NULL && b->state != CELL_ABSENT;

	if (!ha && !hb)
		return "neither";
	if (!hb)
		return "only-a";
	if (!ha)
		return "only-b";
	return strcmp(cell_text(a), cell_text(b)) == 0 ? "same" : "differs";
}

int
cmd_diff_by_topic(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "by-topic", no_argument, NULL, 'B' },
		{ "format", required_argument, NULL, 'f' },
		{ "as-of", required_argument, NULL, 'a' },
		{ "topics", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *dir = "terms", *as_of = NULL, *topics = NULL;
	char *pa = NULL, *pb = NULL, *tfile = NULL, *paths[2];
	struct taxonomy tax;
	struct corpus ca, cb;
	struct matrix ma, mb;
	struct diags d;
	struct buf out;
	json_t *root = NULL, *rows = NULL, *o;
	size_t i, ja = 0, jb = 0;
	int ch, rc, json = 0, differ = 0;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "d:h", opts, NULL)) != -1) {
		switch (ch) {
		case 'B':
			break;
		case 'f':
			if (strcmp(optarg, "json") == 0)
				json = 1;
			else if (strcmp(optarg, "text") == 0)
				json = 0;
			else
				return usage_error(argv[0],
				    "unknown format '%s'", optarg);
			break;
		case 'a':
			if (!is_date(optarg))
				return usage_error(argv[0],
				    "--as-of wants a date YYYY-MM-DD");
			as_of = optarg;
			break;
		case 't':
			topics = optarg;
			break;
		case 'd':
			dir = optarg;
			break;
		case 'h':
			fputs("usage: termc diff --by-topic", stdout);
			fputs(by_topic_usage, stdout);
			return 0;
		default:
			return bad_option("diff --by-topic", by_topic_usage, argv, "d:h");
		}
	}
	if (argc - optind != 2)
		return usage_error(argv[0], "expected two providers A B");
	pa = side_path(argv[optind], dir);
	pb = side_path(argv[optind + 1], dir);
	if (topics != NULL)
		tfile = xstrdup(topics);
	else {
		struct buf tb;

		buf_init(&tb);
		buf_printf(&tb, "%s/topics.yaml", dir);
		tfile = buf_detach(&tb);
	}
	diags_init(&d);
	buf_init(&out);
	memset(&ca, 0, sizeof(ca));
	memset(&cb, 0, sizeof(cb));
	if (taxonomy_load(&tax, tfile, &d) == -1)
		goto done;
	paths[0] = pa;
	paths[1] = pb;
	if (corpus_load(&ca, paths, 1, &d) == -1 ||
	    corpus_load(&cb, paths + 1, 1, &d) == -1 ||
	    diags_exit(&d, 0) != 0 || ca.n == 0 || cb.n == 0) {
		if (diags_exit(&d, 0) == 0)
			diag(&d, ca.n == 0 ? pa : pb, 0, 0, D_IO,
			    "no terms files");
		taxonomy_release(&tax);
		goto done;
	}
	/* One matrix per side, over the same taxonomy: rows line up. */
	matrix_build(&ma, &tax, &ca, as_of, &d);
	matrix_build(&mb, &tax, &cb, as_of, &d);
	if (json) {
		root = json_object();
		rows = json_array();
		json_object_set_new(root, "a", json_string(argv[optind]));
		json_object_set_new(root, "b", json_string(argv[optind + 1]));
		json_object_set_new(root, "as_of",
		    as_of ? json_string(as_of) : json_null());
	}
	for (i = 0; i < ma.nrows; i++) {
		const struct cell *a = side_cell(&ma, i, &ja);
		const struct cell *b = side_cell(&mb, i, &jb);
		const char *cmp = compare(a, b);

		if (strcmp(cmp, "same") && strcmp(cmp, "neither"))
			differ = 1;
		if (json) {
			o = json_object();
			json_object_set_new(o, "topic",
			    json_string(ma.rows[i].topic->id));
			json_object_set_new(o, "ja",
			    json_string(ma.rows[i].topic->ja));
			json_object_set_new(o, "result", json_string(cmp));
			json_object_set_new(o, "a", side_json(&ma, a, ja));
			json_object_set_new(o, "b", side_json(&mb, b, jb));
			json_array_append_new(rows, o);
			continue;
		}
		if (strcmp(cmp, "neither") == 0)
			continue;
		buf_printf(&out, "%-8s %s %s\n", cmp, ma.rows[i].topic->id,
		    ma.rows[i].topic->ja);
		buf_puts(&out, "  A: ");
		text_cell(&out, a);
		buf_puts(&out, "\n  B: ");
		text_cell(&out, b);
		buf_putc(&out, '\n');
	}
	if (json) {
		char *s;

		json_object_set_new(root, "topics", rows);
		s = json_dumps(root, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
		buf_puts(&out, s);
		buf_putc(&out, '\n');
		free(s);
		json_decref(root);
	}
	matrix_release(&ma);
	matrix_release(&mb);
	taxonomy_release(&tax);
done:
	corpus_release(&ca);
	corpus_release(&cb);
	diags_print(&d, stderr);
	rc = diags_exit(&d, 0);
	if (rc == 0) {
		fwrite(out.data, 1, out.len, stdout);
		rc = finish_stdout("diff") != 0 ? 2 : differ;
	}
	buf_release(&out);
	free(pa);
	free(pb);
	free(tfile);
	diags_release(&d);
	return rc;
}
