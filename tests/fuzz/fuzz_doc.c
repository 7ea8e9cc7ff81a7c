/*
 * libFuzzer harness: bytes → doc_load_mem → tree_json, tree_xml,
 * tree_lawxml (read back by lawxml_import) and the published page
 * (html_page), with the tree's invariants checked on every input.
 *
 * Inputs that lawxml_detect() takes for XML go to lawxml_import and the
 * terms file it makes to doc_load_mem.  Inputs that start with "---" are
 * whole terms files; any other input is
 * a body behind a fixed front matter, so that mutations reach the
 * Markdown and clause layers instead of dying in the YAML check.
 *
 * Invariants (abort() when broken, so the fuzzer reports them):
 *  - every node's spans lie inside its text, sorted, not overlapping;
 *  - every id is unique in the tree; every table has its cells;
 *  - JSON, XML and HTML are produced for every loaded doc and are UTF-8;
 *    XML and HTML carry no C0 control but tab and LF;
 *  - the page carries no <script, no on…= handler attribute and no
 *    javascript:/vbscript:/data:/file: URL in href or src;
 *  - a document diffed with itself has no change, and diffed with its
 *    revision that lacks the line at the middle of the input, gives text
 *    and JSON in UTF-8.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "clause.h"
#include "diag.h"
#include "diff.h"
#include "doc.h"
#include "hmap.h"
#include "html.h"
#include "import.h"
#include "lawxml.h"
#include "source.h"
#include "tree.h"

#ifndef TEMPLATES_DIR
#define TEMPLATES_DIR "templates"
#endif

static struct templates *tpl;

static const char fm[] = "---\nprovider: acme\nprovider_name: Acme\n"
    "document: hosting\ntitle: T\nrevision: 2024-01-01\n---\n";

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct diags d;

	(void)argc;
	(void)argv;
	diags_init(&d);
	tpl = templates_load(getenv("TERMC_TEMPLATES") ?
	    getenv("TERMC_TEMPLATES") : TEMPLATES_DIR, TPL_PAGES, &d);
	if (tpl == NULL) {
		diags_print(&d, stderr);
		abort();
	}
	diags_release(&d);
	return 0;
}

static void
check(int cond, const char *what)
{
	if (!cond) {
		fprintf(stderr, "fuzz_doc: invariant broken: %s\n", what);
		abort();
	}
}

/* No C0 control but tab and LF: what XML 1.0 cannot carry. */
static int
no_controls(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if ((unsigned char)s[i] < 0x20 && s[i] != '\t' && s[i] != '\n')
			return 0;
	return 1;
}

static void
check_tree(struct node *root)
{
	struct hmap ids;
	struct node *n;
	size_t i, end, tlen;

	hmap_init(&ids);
	for (n = root; n != NULL; n = node_next(n, root)) {
		tlen = n->text ? strlen(n->text) : 0;
		for (i = 0, end = 0; i < n->nspans; i++) {
			check(n->spans[i].off >= end, "spans sorted, apart");
			end = n->spans[i].off + n->spans[i].len;
			check(end <= tlen, "span inside the text");
		}
		if (n->id != NULL)
			check(hmap_put(&ids, n->id, n) == n, "unique ids");
		else
			check(n->type == N_DOCUMENT, "every node has an id");
		if (n->type == N_TABLE) {
			check(n->table != NULL, "table data");
			for (i = 0; i < n->table->nrows * n->table->ncols; i++)
				check(n->table->cells[i] != NULL, "table cells");
		}
		check(n->first == NULL || n->first->parent == n, "links");
	}
	hmap_release(&ids);
}

/* Unsafe markup in published HTML: the site suite's rule, in C. */
static void
check_html(const char *h, size_t len)
{
	const char *p, *q;
	size_t bad;

	check(utf8_valid(h, len, &bad), "HTML is UTF-8");
	for (p = h; (p = strchr(p, '<')) != NULL; p++) {
		check(strncasecmp(p, "<script", 7) != 0, "no <script");
		/* Attributes of this tag: " on…=" is a handler. */
		for (q = p + 1; *q != '\0' && *q != '>'; q++) {
			if (*q == '"') {	/* skip a quoted value */
				while (*++q != '\0' && *q != '"')
					;
				if (*q == '\0')
					break;
				continue;
			}
			if (isspace((unsigned char)*q) &&
			    tolower((unsigned char)q[1]) == 'o' &&
			    tolower((unsigned char)q[2]) == 'n') {
				const char *r = q + 3;

				while (isalpha((unsigned char)*r))
					r++;
				check(*r != '=' || r == q + 3, "no on…= handler");
			}
			if (strncasecmp(q, "href=\"", 6) == 0 ||
			    strncasecmp(q, "src=\"", 5) == 0) {
				const char *v = strchr(q, '"') + 1;

				while (isspace((unsigned char)*v))
					v++;
				check(strncasecmp(v, "javascript:", 11) != 0 &&
				    strncasecmp(v, "vbscript:", 9) != 0 &&
				    strncasecmp(v, "data:", 5) != 0 &&
				    strncasecmp(v, "file:", 5) != 0,
				    "no unsafe URL");
			}
		}
	}
}

/* Diff output is UTF-8 text. */
static void
check_out(char *out, const char *what)
{
	size_t bad;

	check(out != NULL && utf8_valid(out, strlen(out), &bad), what);
	free(out);
}

/*
 * doc against itself, then against the revision of its bytes (len) that
 * lacks the line at their middle, the way a revision drops a sentence.
 */
static void
check_diff(const struct doc *doc, const char *bytes, size_t len)
{
	const char *mid, *end;
	struct diags d;
	struct diff *D;
	struct doc *rev;
	char *cut;

	D = diff_new(doc, doc, NULL);
	check(!diff_changed(D), "a document is the same as itself");
	diff_free(D);
	if ((mid = memchr(bytes + len / 2, '\n', len - len / 2)) == NULL ||
	    (end = memchr(mid + 1, '\n', (size_t)(bytes + len - mid - 1))) ==
	    NULL)
		return;
	cut = malloc(len);
	memcpy(cut, bytes, (size_t)(mid - bytes));
	memcpy(cut + (mid - bytes), end, (size_t)(bytes + len - end));
	diags_init(&d);
	rev = doc_load_mem("fuzz.md", cut, len - (size_t)(end - mid), &d);
	free(cut);
	if (rev != NULL) {
		D = diff_new(doc, rev, NULL);
		check_out(diff_text(D), "diff text");
		check_out(diff_json(D), "diff JSON");
		diff_free(D);
		doc_free(rev);
	}
	diags_release(&d);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diags d;
	struct doc *doc;
	struct page_ctx pc;
	struct buf page;
	const struct doc *revs[1];
	char *bytes, *out;
	size_t len, bad;

	if (lawxml_detect((const char *)data, size)) {
		/*
		 * Standard law XML: lawxml_import either refuses it with an
		 * error or returns a terms file, which must load.
		 */
		struct import_opts op = { "fuzz", "Fuzz", "fuzz", NULL,
		    "2024-01-01" };
		char *md;

		diags_init(&d);
		md = lawxml_import("fuzz.xml", (const char *)data, size, &op,
		    &d);
		check((md != NULL) == (diags_exit(&d, 0) == 0),
		    "law XML: a result exactly when no error");
		diags_release(&d);
		if (md != NULL) {
			diags_init(&d);
			doc = doc_load_mem("fuzz.md", md, strlen(md), &d);
			doc_free(doc);
			diags_release(&d);
			free(md);
		}
		return 0;
	}
	if (size >= 3 && memcmp(data, "---", 3) == 0) {
		bytes = malloc(size + 1);
		memcpy(bytes, data, size);
		len = size;
	} else {
		bytes = malloc(sizeof(fm) + size);
		memcpy(bytes, fm, sizeof(fm) - 1);
		memcpy(bytes + sizeof(fm) - 1, data, size);
		len = sizeof(fm) - 1 + size;
	}
	diags_init(&d);
	doc = doc_load_mem("fuzz.md", bytes, len, &d);
	if (doc != NULL) {
		check_diff(doc, bytes, len);
		check(doc->root != NULL && doc->root->type == N_DOCUMENT,
		    "document root");
		check_tree(doc->root);
		out = tree_json(doc);
		check(out != NULL && utf8_valid(out, strlen(out), &bad),
		    "JSON");
		free(out);
		out = tree_xml(doc);
		check(out != NULL && utf8_valid(out, strlen(out), &bad),
		    "XML");
		check(no_controls(out, strlen(out)), "XML without controls");
		free(out);
		out = tree_lawxml(doc);
		check(out != NULL && utf8_valid(out, strlen(out), &bad),
		    "law XML");
		check(no_controls(out, strlen(out)), "law XML without controls");
		{
			struct import_opts op;
			struct diags d2;
			char *md;

			memset(&op, 0, sizeof(op));
			diags_init(&d2);
			md = lawxml_import("fuzz.xml", out, strlen(out), &op,
			    &d2);
			check(md != NULL && diags_exit(&d2, 0) == 0,
			    "law XML reads back");
			free(md);
			diags_release(&d2);
		}
		free(out);
		memset(&pc, 0, sizeof(pc));
		revs[0] = doc;
		pc.root = "../../";
		pc.revisions = revs;
		pc.nrevisions = 1;
		html_page(tpl, doc, &pc, &page);
		check(page.data != NULL, "page");
		check(no_controls(page.data, page.len), "page without controls");
		check_html(page.data, page.len);
		buf_release(&page);
		doc_free(doc);
	} else
		check(d.worst >= DL_ERROR, "a failed load says why");
	free(bytes);
	diags_release(&d);
	return 0;
}
