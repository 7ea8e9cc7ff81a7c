/*
 * Markdown parsing: limits first, then cmark-gfm with its table extension.
 *
 * The limit scan is one pass over the body, line by line, counting what
 * drives cmark-gfm 0.29's known quadratic paths: container nesting (block
 * quotes, list markers, indentation), inline delimiters in one paragraph
 * (bracket and emphasis stacks), and table width and length.
 */
#include <stdint.h>
#include <string.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

#include "diag.h"
#include "lower.h"
#include "md.h"
#include "source.h"

/* Count the container markers that open a line: "> - 1. " and indentation. */
static int
line_depth(const char *p, const char *end)
{
	int depth = 0, indent = 0;
	const char *q;

	for (;;) {
		while (p < end && (*p == ' ' || *p == '\t')) {
			indent += *p == '\t' ? 4 : 1;
			p++;
		}
		if (p < end && *p == '>') {
			depth++;
			p++;
			continue;
		}
		if (p + 1 < end && (*p == '-' || *p == '*' || *p == '+') &&
		    (p[1] == ' ' || p[1] == '\t')) {
			depth++;
			p += 2;
			continue;
		}
		for (q = p; q < end && q - p < 9 && *q >= '0' && *q <= '9'; q++)
			;
		if (q > p && q + 1 < end && (*q == '.' || *q == ')') &&
		    (q[1] == ' ' || q[1] == '\t')) {
			depth++;
			p = q + 2;
			continue;
		}
		break;
	}
	return depth + indent / 2;
}

static int
is_blank(const char *p, const char *end)
{
	for (; p < end; p++)
		if (*p != ' ' && *p != '\t')
			return 0;
	return 1;
}

/* A GFM table delimiter row: | --- | :-: | ; returns its column count. */
static int
delimiter_row(const char *p, const char *end)
{
	int cols = 0, dashes = 0, pipes = 0;

	for (; p < end; p++) {
		switch (*p) {
		case '|':
			pipes++;
			if (dashes)
				cols++;
			dashes = 0;
			break;
		case '-':
			dashes++;
			break;
		case ':': case ' ': case '\t':
			break;
		default:
			return 0;
		}
	}
	if (dashes)
		cols++;
	return (pipes > 0 && cols > 0) ? cols : 0;
}

/* 1 for a byte that may open or close inline markup, 2 for a pipe. */
static const unsigned char limit_class[256] = {
	['['] = 1, [']'] = 1, ['*'] = 1, ['_'] = 1, ['`'] = 1, ['<'] = 1,
	['!'] = 1, ['|'] = 2
};

/*
 * Are all eight bytes at p at least 0x80, parts of multibyte characters?
 * Markup is ASCII: most of a Japanese line is skipped this way.
 */
static int
all_high(const char *p)
{
	uint64_t w;

	memcpy(&w, p, sizeof(w));
	return (w & 0x8080808080808080ULL) == 0x8080808080808080ULL;
}

static int
check_limits(const struct source *src, struct diags *d)
{
	const char *p = src->text, *end = src->text + src->len, *eol, *q;
	size_t delims = 0, rows = 0;
	int line = 1, block_line = 1, in_table = 0, cols, pipes, k;

	for (; p < end; p = eol + 1, line++) {
		if ((eol = memchr(p, '\n', (size_t)(end - p))) == NULL)
			eol = end;
		if ((size_t)(eol - p) > MD_MAX_LINE) {
			diag(d, src->path, line, 1, D_LINE_LONG,
			    "%zu bytes, the limit is %u", (size_t)(eol - p),
			    MD_MAX_LINE);
			return -1;
		}
		if (is_blank(p, eol)) {
			delims = 0;
			in_table = 0;
			block_line = line + 1;
			continue;
		}
		if (line_depth(p, eol) > MD_MAX_DEPTH) {
			diag(d, src->path, line, 1, D_TOO_DEEP,
			    "the limit is %d levels", MD_MAX_DEPTH);
			return -1;
		}
		for (q = p, pipes = 0; q < eol; q++) {
			/* Eight bytes of multibyte characters at once. */
			while (eol - q >= 8 && all_high(q))
				q += 8;
			if (q == eol)
				break;
			k = limit_class[(unsigned char)*q];
			delims += k & 1;
			pipes += k >> 1;
		}
		if (delims > MD_MAX_DELIMS) {
			diag(d, src->path, block_line, 1, D_DELIMS,
			    "more than %d", MD_MAX_DELIMS);
			return -1;
		}
		if ((cols = delimiter_row(p, eol)) > 0) {
			in_table = 1;
			rows = 0;
		}
		if (cols > MD_MAX_COLS || pipes > 2 * MD_MAX_COLS) {
			diag(d, src->path, line, 1, D_TABLE_WIDE,
			    "the limit is %d columns", MD_MAX_COLS);
			return -1;
		}
		if (in_table && ++rows > MD_MAX_ROWS) {
			diag(d, src->path, line, 1, D_TABLE_LONG,
			    "the limit is %d rows", MD_MAX_ROWS);
			return -1;
		}
		if (eol == end)
			break;
	}
	return 0;
}

void
md_init(void)
{
	cmark_gfm_core_extensions_ensure_registered();
}

struct node *
md_parse(const struct source *src, const struct meta *meta, struct diags *d)
{
	cmark_parser *parser;
	cmark_syntax_extension *table;
	cmark_node *root;
	struct node *tree;

	if (check_limits(src, d) == -1)
		return NULL;
	cmark_gfm_core_extensions_ensure_registered();
	parser = cmark_parser_new(CMARK_OPT_DEFAULT);
	/*
	 * The table extension only.  It has no inline hooks, so a parse
	 * writes none of cmark-gfm's library-wide character tables (an
	 * extension with inline hooks, strikethrough or autolink, would):
	 * after md_init(), parses may run on two threads at once (diffcmd.c).
	 */
	if ((table = cmark_find_syntax_extension("table")) != NULL)
		cmark_parser_attach_syntax_extension(parser, table);
	cmark_parser_feed(parser, src->text, src->len);
	root = cmark_parser_finish(parser);
	tree = lower_document(root, src, meta, d);
	cmark_node_free(root);
	cmark_parser_free(parser);
	return tree;
}
