/*
 * Markdown parsing: limits first, then cmark-gfm with its table extension,
 * then bare URLs made links (link_bare_urls).
 *
 * The limit scan is one pass over the body, line by line, counting what
 * drives cmark-gfm 0.29's known quadratic paths: container nesting (block
 * quotes, list markers, indentation), inline delimiters in one paragraph
 * (bracket and emphasis stacks), table width and length, table delimiter
 * rows under long paragraphs, and the expansion of link references.
 */
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

#include "diag.h"
#include "lower.h"
#include "md.h"
#include "par.h"
#include "source.h"
#include "text.h"
#include "xalloc.h"

/*
 * Block nesting of a line: one level for each block quote marker '>'
 * (with the one blank that belongs to it) and each list marker ("- ",
 * "1. "), and one for every two columns of other indentation (a tab is four
 * columns), so that "> > > x" is three levels and "    - x" three.
 */
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
			if (p < end && (*p == ' ' || *p == '\t'))
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

/* Leading blanks in columns (a tab is four); *first is the first other byte. */
static int
indent_of(const char *p, const char *end, const char **first)
{
	int n = 0;

	for (; p < end && (*p == ' ' || *p == '\t'); p++)
		n += *p == '\t' ? 4 : 1;
	*first = p;
	return n;
}

/* An ATX heading "## x": it ends any paragraph above it. */
static int
is_heading(const char *p, const char *end)
{
	const char *q;
	int n;

	if (indent_of(p, end, &p) >= 4)
		return 0;
	for (q = p; q < end && *q == '#'; q++)
		;
	n = (int)(q - p);
	return n >= 1 && n <= 6 && (q == end || *q == ' ' || *q == '\t');
}

/*
 * Could cmark-gfm's table extension take this line for a delimiter row?
 * Only | : - and blanks, with a dash: a superset of what it accepts.
 */
static int
delimiter_like(const char *p, const char *end)
{
	int dash = 0;

	for (; p < end; p++) {
		if (*p == '-')
			dash = 1;
		else if (*p != '|' && *p != ':' && *p != ' ' && *p != '\t')
			return 0;
	}
	return dash;
}

/*
 * A GFM table delimiter row "| --- | :-: |": its column count, or 0.
 * Each cell is :?-+:? between blanks; the outer pipes are optional.  A
 * subset of what cmark-gfm accepts.
 */
static int
delimiter_row(const char *p, const char *end)
{
	const char *q;
	int cols = 0;

	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	if (p < end && *p == '|')
		p++;
	if (end > p && end[-1] == '|')
		end--;
	for (;;) {
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		if (p < end && *p == ':')
			p++;
		for (q = p; q < end && *q == '-'; q++)
			;
		if (q == p)
			return 0;
		p = q;
		if (p < end && *p == ':')
			p++;
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		cols++;
		if (p == end)
			return cols;
		if (*p++ != '|')
			return 0;
	}
}

/*
 * 1 for a byte that may open or close inline markup, 2 for a pipe; 4 marks
 * the ']' that may end a link reference.
 */
#define LIMIT_BYTES	"[]*_`<!|"	/* the bytes with a class */
static const unsigned char limit_class[256] = {
	['['] = 1, [']'] = 1 | 4, ['*'] = 1, ['_'] = 1, ['`'] = 1, ['<'] = 1,
	['!'] = 1, ['|'] = 2
};


/*
 * The limit scan: one pass over the body, line by line.  Besides nesting,
 * line length and inline delimiters it bounds the costs that grow faster
 * than the input in cmark-gfm 0.29:
 *
 * Table headers.  Each line that may be a delimiter row makes the table
 * extension parse the paragraph above it again, line by line, in search of
 * a header (CVE-2023-37463): "|-" and "t>|-" repeated is quadratic, and so
 * is one ":-" under a long paragraph.  So such a line must come within
 * MD_MAX_LEAD lines and MD_MAX_LEAD_BYTES bytes of the start of its block
 * (a blank line or a heading: nothing else surely ends a paragraph), and
 * one in a table is no exception: whether cmark-gfm is inside a table
 * depends on fences, HTML blocks and containers that a line scan cannot
 * follow, and a guess that errs towards "in a table" reopens the hole.
 * The cost left is linear: at most MD_MAX_LEAD retries of at most
 * MD_MAX_LEAD_BYTES each per block.
 *
 * Table size.  A row holds as many cells as the header, however short its
 * text: "x" under 60 columns is 60 cells.  For the row and cell counts a
 * table is taken as open from any line that may be a delimiter row to the
 * end of its block, with at most one column more than that line has
 * pipes.  Rows of one table are bounded by MD_MAX_ROWS, cells of all
 * tables by the body's bytes plus MD_CELLS_SLACK.
 *
 * Reference expansion.  Every use of a link reference copies the target
 * and title of its definition into the tree, so a long title used often
 * makes the output far larger than the input.  A definition's copy lies
 * between its "]:" and the end of its block (a title holds no blank line;
 * a label may span lines, so any "]:" counts), and every use holds a ']':
 * their product may not exceed MD_EXPAND_FACTOR times the body plus
 * MD_EXPAND_SLACK.
 */
struct scan {
	const struct source	*src;
	struct diags		*d;
	int			 line;
	/* Table headers. */
	int			 lead;		/* lines since the block began */
	const char		*lead_start;
	/* Table size. */
	int			 table;		/* perhaps in a table */
	int			 tcols;		/* its columns, at most */
	size_t			 rows;
	size_t			 cells;
	/* Reference expansion. */
	size_t			 uses;		/* ']' seen */
	const char		*def;		/* "]:" of this block, or NULL */
	int			 defline;
	size_t			 maxdef;	/* longest definition so far */
	int			 maxdefline;
};

/* A new block begins after this line (a blank one, or the last one). */
static void
scan_block_end(struct scan *S, const char *p)
{
	if (S->def != NULL && (size_t)(p - S->def) > S->maxdef) {
		S->maxdef = (size_t)(p - S->def);
		S->maxdefline = S->defline;
	}
	S->def = NULL;
	S->table = 0;
	S->tcols = 0;
	S->lead = 0;
	S->lead_start = p;
}

/* The table rules for one non-blank line with this many pipes. */
static int
scan_table_line(struct scan *S, const char *p, const char *eol, int pipes)
{
	int cols, like;

	if (is_heading(p, eol)) {
		S->lead = 0;
		S->lead_start = eol;
	} else
		S->lead++;
	if ((like = delimiter_like(p, eol)) && (S->lead > MD_MAX_LEAD ||
	    (size_t)(eol - S->lead_start) > MD_MAX_LEAD_BYTES)) {
		diag(S->d, S->src->path, S->line, 1, D_TABLE_LEAD,
		    "line %d of its block; the limit is %d lines and %d "
		    "bytes: put a blank line before the table", S->lead,
		    MD_MAX_LEAD, MD_MAX_LEAD_BYTES);
		return -1;
	}
	cols = delimiter_row(p, eol);
	if (cols > MD_MAX_COLS || pipes > 2 * MD_MAX_COLS) {
		diag(S->d, S->src->path, S->line, 1, D_TABLE_WIDE,
		    "the limit is %d columns", MD_MAX_COLS);
		return -1;
	}
	if (like) {
		if (!S->table)
			S->rows = 0;
		S->table = 1;
		if (pipes + 1 > S->tcols)
			S->tcols = pipes + 1;
	}
	if (!S->table)
		return 0;
	if (++S->rows > MD_MAX_ROWS) {
		diag(S->d, S->src->path, S->line, 1, D_TABLE_LONG,
		    "the limit is %d rows", MD_MAX_ROWS);
		return -1;
	}
	S->cells += (size_t)S->tcols;
	if (S->cells > S->src->len + MD_CELLS_SLACK) {
		diag(S->d, S->src->path, S->line, 1, D_TABLE_CELLS,
		    "%zu cells (rows times columns, empty ones included), the "
		    "limit is %zu", S->cells, S->src->len + MD_CELLS_SLACK);
		return -1;
	}
	return 0;
}

static int
check_limits(const struct source *src, struct diags *d)
{
	const char *p = src->text, *end = src->text + src->len, *eol, *q;
	struct scan S;
	size_t delims = 0, budget;
	int block_line = 1, pipes, k, depth;

	memset(&S, 0, sizeof(S));
	S.src = src;
	S.d = d;
	S.lead_start = p;
	for (S.line = 1; p <= end; p = eol + 1, S.line++) {
		if ((eol = memchr(p, '\n', (size_t)(end - p))) == NULL)
			eol = end;
		if ((size_t)(eol - p) > MD_MAX_LINE) {
			diag(d, src->path, S.line, 1, D_LINE_LONG,
			    "%zu bytes, the limit is %u", (size_t)(eol - p),
			    MD_MAX_LINE);
			return -1;
		}
		if (is_blank(p, eol)) {
			scan_block_end(&S, p);
			delims = 0;
			block_line = S.line + 1;
			if (eol == end)
				break;
			continue;
		}
		if ((depth = line_depth(p, eol)) > MD_MAX_DEPTH) {
			diag(d, src->path, S.line, 1, D_TOO_DEEP,
			    "%d levels, the limit is %d (a level is a > or a "
			    "list marker, or two columns of indentation)",
			    depth, MD_MAX_DEPTH);
			return -1;
		}
		for (q = p, pipes = 0;; q++) {
			/*
			 * To the next byte of limit_class[] or the line's
			 * end: markup is rare in a line of text, and
			 * strcspn() tests many bytes a step.  The body is
			 * NUL-terminated; a NUL before eol (a source has
			 * none) has class 0, and the scan steps over it.
			 */
			q += strcspn(q, LIMIT_BYTES "\n");
			if (q >= eol)
				break;
			k = limit_class[(unsigned char)*q];
			delims += k & 1;
			pipes += (k >> 1) & 1;
			S.uses += k >> 2;
			if (S.def == NULL && *q == ']' && q + 1 < eol &&
			    q[1] == ':') {
				S.def = q + 1;
				S.defline = S.line;
			}
		}
		if (delims > MD_MAX_DELIMS) {
			diag(d, src->path, block_line, 1, D_DELIMS,
			    "more than %d", MD_MAX_DELIMS);
			return -1;
		}
		if (scan_table_line(&S, p, eol, pipes) == -1)
			return -1;
		if (eol == end) {
			scan_block_end(&S, eol);
			break;
		}
	}
	budget = MD_EXPAND_FACTOR * src->len + MD_EXPAND_SLACK;
	if (S.maxdef > 0 && S.uses > budget / S.maxdef) {
		diag(d, src->path, S.maxdefline, 1, D_REF_EXPAND,
		    "%zu possible uses (']') of definitions of up to %zu "
		    "bytes, the limit is %zu bytes", S.uses, S.maxdef, budget);
		return -1;
	}
	return 0;
}

/* ---- bare URLs ---- */

/* A new text node of literal s[0, len). */
static cmark_node *
new_text(const char *s, size_t len)
{
	cmark_node *t = md_node_new(CMARK_NODE_TEXT);
	char *lit = xstrndup(s, len);

	cmark_node_set_literal(t, lit);	/* copies */
	free(lit);
	return t;
}

/*
 * Does s[0, len) hold "://"?  Searched by its colon, which most text
 * lacks (glibc's strstr was 1% of a diff's instructions).
 */
static int
has_scheme_sep(const char *s, size_t len)
{
	const char *end = s + len;

	while ((s = memchr(s, ':', (size_t)(end - s))) != NULL)
		if (end - ++s >= 2 && s[0] == '/' && s[1] == '/')
			return 1;
	return 0;
}

/* Split text node t at each bare URL into text, a link, text. */
static void
link_text(cmark_node *t)
{
	const char *lit = cmark_node_get_literal(t);
	cmark_node *last = t, *link;
	size_t len, i, n, from = 0;
	char *copy;

	if (lit == NULL || !has_scheme_sep(lit, len = strlen(lit)))
		return;
	/* t's literal changes below: work on a copy. */
	copy = xstrndup(lit, len);
	for (i = 0; i < len; i++) {
		if (copy[i] != 'h' || (n = url_bare(copy, i, len)) == 0)
			continue;
		if (last == t) {
			char *head = xstrndup(copy, i);

			cmark_node_set_literal(t, head);
			free(head);
		} else if (i > from) {
			cmark_node_insert_after(last, link = new_text(copy +
			    from, i - from));
			last = link;
		}
		link = md_node_new(CMARK_NODE_LINK);
		cmark_node_append_child(link, new_text(copy + i, n));
		cmark_node_set_url(link, cmark_node_get_literal(
		    cmark_node_first_child(link)));
		cmark_node_insert_after(last, link);
		last = link;
		from = i + n;
		i = from - 1;
	}
	if (last != t && from < len)
		cmark_node_insert_after(last, new_text(copy + from,
		    len - from));
	free(copy);
}

/*
 * Bare URLs in text become links, as GFM's autolink extension makes them
 * (http and https only).  Done here on the parsed tree, not by the
 * extension: its inline hooks write cmark-gfm's library-wide character
 * tables on every parse, and parses run on two threads at once (see
 * md_parse).  Text in links, images and code is left alone.
 */
static void
link_bare_urls(cmark_node *root)
{
	cmark_iter *it;
	cmark_event_type ev;
	cmark_node *n, **v = NULL;
	size_t nv = 0, cap = 0, i;
	int inlink = 0;

	cmark_consolidate_text_nodes(root);
	it = cmark_iter_new(root);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		if (cmark_node_get_type(n) == CMARK_NODE_LINK ||
		    cmark_node_get_type(n) == CMARK_NODE_IMAGE)
			inlink += ev == CMARK_EVENT_ENTER ? 1 : -1;
		else if (ev == CMARK_EVENT_ENTER && inlink == 0 &&
		    cmark_node_get_type(n) == CMARK_NODE_TEXT) {
			if (nv == cap) {
				cap = cap ? 2 * cap : 64;
				v = xreallocarray(v, cap, sizeof(*v));
			}
			v[nv++] = n;
		}
	}
	cmark_iter_free(it);
	/* Split after the walk: the iterator must not see new nodes. */
	for (i = 0; i < nv; i++)
		link_text(v[i]);
	free(v);
}

void
md_init(void)
{
	cmark_gfm_core_extensions_ensure_registered();
}

/* ---- pieces ---- */

/*
 * A body longer than this is parsed in pieces of about this size, each
 * lowered and freed before the next is parsed: cmark-gfm's tree, several
 * times the bytes it holds, then stands for one piece at a time, not for
 * the whole body beside the clause tree.
 */
#ifndef MD_PIECE
#define MD_PIECE	(64 * 1024)
#endif

/* Where a piece begins: its offset in the body and its first line. */
struct cut {
	size_t	off;
	int	line;
};

/*
 * A fence line at column 0, ``` or ~~~ and more of the same: its length,
 * or 0; *ch: its byte.
 */
static size_t
fence_at(const char *p, const char *end, char *ch)
{
	const char *q = p;

	if (p >= end || (*p != '`' && *p != '~'))
		return 0;
	while (q < end && *q == *p)
		q++;
	*ch = *p;
	return q - p >= 3 ? (size_t)(q - p) : 0;
}

/*
 * Where the line at p first holds s (three bytes, no newline in them),
 * or NULL.
 */
static const char *
line_find(const char *p, const char *s)
{
	for (; *p != '\0' && *p != '\n'; p++)
		if (p[0] == s[0] && p[1] == s[1] && p[2] == s[2])
			return p;
	return NULL;
}

/*
 * Markup that cuts_of() does not follow and after which a heading line
 * may be no block of its own: link reference definitions (any "]:"),
 * which serve the whole body; the HTML blocks that end at a marker, not
 * at a blank line (<script, <pre, <style, <textarea, <?, <!X,
 * <![CDATA[, and <!-- left open on its line anywhere but at column 0);
 * a fence anywhere but at column 0.  With any of these the body is
 * parsed whole.
 */
static int
unfollowed(const char *text)
{
	static const char *const tags[] = { "script", "pre", "style",
	    "textarea" };
	const char *p = text, *close = NULL;
	size_t i, n;

	/* Markup is rare: strcspn() tests many bytes a step. */
	for (p += strcspn(p, "]<`~"); *p != '\0'; p += strcspn(p, "]<`~")) {
		switch (*p++) {
		case ']':
			if (*p == ':')
				return 1;
			break;
		case '`':
		case '~':
			/* Three of a kind, but for at a line's start. */
			if (p[0] == p[-1] && p[1] == p[-1]) {
				if (p - 1 != text && p[-2] != '\n')
					return 1;
				while (*p == p[-1])
					p++;
			}
			break;
		default:	/* '<' */
			if (*p == '?' || (*p == '!' && (p[1] == '[' ||
			    (p[1] >= 'A' && p[1] <= 'Z') ||
			    (p[1] >= 'a' && p[1] <= 'z'))))
				return 1;
			for (i = 0; i < sizeof(tags) / sizeof(tags[0]); i++) {
				n = strlen(tags[i]);
				if (strncasecmp(p, tags[i], n) == 0)
					return 1;
			}
			/* close: a --> after p on its line, found once for
			 * all the <!-- before it (many on one line would
			 * make the search quadratic). */
			if (strncmp(p, "!--", 3) != 0 || p - 1 == text ||
			    p[-2] == '\n' || (close != NULL && close > p))
				break;
			if ((close = line_find(p + 3, "-->")) == NULL)
				return 1;
			break;
		}
	}
	return 0;
}

/*
 * Where the body may be cut so that cmark-gfm parses each piece alone
 * into the top-level blocks it makes of the whole: before an ATX heading
 * at column 0 ("# x", "## x") that follows a blank line, outside a fence
 * and an HTML comment.  A blank line ends every paragraph (no lazy
 * continuation crosses it), table and HTML block of the kinds that end
 * so; a line at column 0 after it ends every list and block quote; a
 * heading line begins no setext heading.  Fences are followed when they
 * stand at column 0 after a blank line, comments when they open at
 * column 0 (unfollowed() refuses the rest).  A cut is made once a piece
 * holds MD_PIECE bytes.  Returns the number of pieces, their starts in
 * *cuts (caller frees); 1 when the body is parsed whole.
 */
static size_t
cuts_of(const struct source *src, struct cut **cuts)
{
	const char *text = src->text, *p = text, *end = text + src->len, *eol;
	struct cut *v = xmalloc(sizeof(*v));
	size_t n = 1, flen = 0, len;
	char fch = 0, ch;
	int line = 1, blank = 1, comment = 0, headed = 0;

	v[0].off = 0;
	v[0].line = 1;
	*cuts = v;
	if (src->len <= MD_PIECE || unfollowed(text))
		return 1;
	for (; p < end; p = eol + 1, line++) {
		if ((eol = memchr(p, '\n', (size_t)(end - p))) == NULL)
			eol = end;
		if (flen > 0) {		/* in a fence: its closing line? */
			if ((len = fence_at(p, eol, &ch)) >= flen &&
			    ch == fch && is_blank(p + len, eol))
				flen = 0;
		} else if (comment)
			comment = line_find(p, "-->") == NULL;
		else if ((len = fence_at(p, eol, &ch)) > 0) {
			/* ``` after text, or ```a`: not surely a fence. */
			if (!blank || (ch == '`' && memchr(p + len, '`',
			    (size_t)(eol - p - len)) != NULL)) {
				n = 1;
				break;
			}
			flen = len;
			fch = ch;
		} else if (strncmp(p, "<!--", 4) == 0)
			comment = line_find(p + 4, "-->") == NULL;
		else if (*p == '#' && is_heading(p, eol)) {
			/*
			 * Not before the first heading: the first piece
			 * holds it, as title_heading() reads it with what
			 * stands before it.
			 */
			if (blank && headed && (size_t)(p - text) -
			    v[n - 1].off >= MD_PIECE) {
				v = xreallocarray(v, n + 1, sizeof(*v));
				v[n].off = (size_t)(p - text);
				v[n++].line = line;
			}
			headed = 1;
		}
		blank = is_blank(p, eol);
	}
	*cuts = v;
	return n;
}

/* ---- an arena for one parse ---- */

/*
 * cmark-gfm allocates a node, a buffer or a line at a time and frees each
 * apart (malloc and free were a sixth of a build's instructions).  A
 * parse of a text up to ARENA_TEXT bytes (a piece, most documents) takes
 * its memory from an arena instead: blocks cut from chunks in turn, a
 * free that does nothing, and all of it given back at once when the tree
 * and the parser are gone (arena_reset(), arena_release()).  cmark_mem's
 * hooks have no argument, so the arena cut from is the one the thread
 * names (arena, below): termc diff parses two texts at once on two
 * threads, and a long body is parsed on one thread while the piece
 * before is lowered on another (struct line).  A longer text keeps
 * malloc: its tree is freed block by block as it is lowered (see
 * MD_PIECE), which an arena would not give back.
 */
#define ARENA_TEXT	(4 * MD_PIECE)
#define ARENA_CHUNK	(60 * 1024)	/* under malloc's mmap threshold */
#define ARENA_ALIGN	sizeof(max_align_t)

struct chunk {
	struct chunk	*next;		/* the chunks before */
	size_t		 cap, used;	/* of data, in bytes */
	max_align_t	 data[];
};

/*
 * The chunks of one parse, the one cut from first; spare: emptied chunks
 * of ARENA_CHUNK bytes, cut from again by the next parse (a piece's
 * parse reuses the last one's memory without malloc, on whichever thread
 * it runs).
 */
struct arena {
	struct chunk	*chunks;
	struct chunk	*spare;
};

/* The arena this thread's cmark-gfm allocations are cut from, or NULL. */
static _Thread_local struct arena *arena;
/* The allocator of the tree this thread parses or lowers; NULL. */
static _Thread_local cmark_mem *tree_mem;

/* A chunk of cap data bytes: a spare one when cap is ARENA_CHUNK. */
static struct chunk *
chunk_new(struct arena *a, size_t cap)
{
	struct chunk *c;

	if (cap == ARENA_CHUNK && a->spare != NULL) {
		c = a->spare;
		a->spare = c->next;
	} else {
		c = xmalloc(sizeof(*c) + cap);
		c->cap = cap;
	}
	c->used = 0;
	return c;
}

/* n bytes, aligned, after a header that holds n (for arena_realloc()). */
static void *
arena_alloc(size_t n)
{
	struct arena *a = arena;
	struct chunk *c = a->chunks;
	size_t need;
	char *p;

	if (n > SIZE_MAX / 2)
		xalloc_die();
	need = (n + 2 * ARENA_ALIGN - 1) / ARENA_ALIGN * ARENA_ALIGN;
	if (c == NULL || c->cap - c->used < need) {
		c = chunk_new(a, need > ARENA_CHUNK ? need : ARENA_CHUNK);
		/* A block larger than a chunk has one of its own, and the
		 * chunk being cut stays first. */
		if (a->chunks != NULL && need > ARENA_CHUNK) {
			c->next = a->chunks->next;
			a->chunks->next = c;
		} else {
			c->next = a->chunks;
			a->chunks = c;
		}
	}
	p = (char *)c->data + c->used;
	c->used += need;
	memcpy(p, &n, sizeof(n));
	return p + ARENA_ALIGN;
}

static void *
arena_calloc(size_t k, size_t size)
{
	void *p;

	if (size != 0 && k > SIZE_MAX / size)
		xalloc_die();
	p = arena_alloc(k * size);
	memset(p, 0, k * size);
	return p;
}

static void *
arena_realloc(void *p, size_t n)
{
	size_t old;
	void *q;

	if (p == NULL)
		return arena_alloc(n);
	memcpy(&old, (char *)p - ARENA_ALIGN, sizeof(old));
	if (n <= old)
		return p;
	q = arena_alloc(n);
	memcpy(q, p, old);
	return q;
}

static void
arena_free(void *p)
{
	(void)p;
}

static cmark_mem arena_mem = { arena_calloc, arena_realloc, arena_free };

cmark_node *
md_node_new(cmark_node_type type)
{
	return cmark_node_new_with_mem(type, tree_mem != NULL ? tree_mem :
	    cmark_get_default_mem_allocator());
}

/* Empties a: every block cut from it is gone; its chunks stay, spare. */
static void
arena_reset(struct arena *a)
{
	struct chunk *c, *next;

	for (c = a->chunks; c != NULL; c = next) {
		next = c->next;
		if (c->cap == ARENA_CHUNK) {
			c->next = a->spare;
			a->spare = c;
		} else
			free(c);
	}
	a->chunks = NULL;
}

/* Frees a's chunks, spare ones too. */
static void
arena_release(struct arena *a)
{
	struct chunk *c, *next;

	arena_reset(a);
	for (c = a->spare; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	a->spare = NULL;
}

/*
 * One text parsed, waiting to be lowered: its tree, its parser and the
 * arena they are cut from (mem is &arena_mem then).
 */
struct parsed {
	struct arena	 arena;
	cmark_mem	*mem;
	cmark_parser	*parser;
	cmark_node	*root;
};

/* p's tree of text[0, len), bare URLs made links, on this thread. */
static void
parse(struct parsed *p, const char *text, size_t len)
{
	cmark_syntax_extension *table;

	p->mem = len <= ARENA_TEXT ? &arena_mem :
	    cmark_get_default_mem_allocator();
	arena = &p->arena;
	tree_mem = p->mem;
	p->parser = cmark_parser_new_with_mem(CMARK_OPT_DEFAULT, p->mem);
	/*
	 * The table extension only.  It has no inline hooks, so a parse
	 * writes none of cmark-gfm's library-wide character tables (an
	 * extension with inline hooks, strikethrough or autolink, would):
	 * after md_init(), parses may run on two threads at once (diffcmd.c).
	 */
	if ((table = cmark_find_syntax_extension("table")) != NULL)
		cmark_parser_attach_syntax_extension(p->parser, table);
	cmark_parser_feed(p->parser, text, len);
	p->root = cmark_parser_finish(p->parser);
	/* Text without "://" has no bare URL: spare the walks. */
	if (has_scheme_sep(text, len))
		link_bare_urls(p->root);
	arena = NULL;
	tree_mem = NULL;
}

/*
 * Free p's tree and parser; its arena is emptied for the next parse.  A
 * tree cut from the arena is not walked to be freed: arena_free() frees
 * nothing, and emptying the arena frees it all.
 */
static void
parsed_free(struct parsed *p)
{
	arena = &p->arena;
	if (p->mem != &arena_mem) {
		cmark_node_free(p->root);
		cmark_parser_free(p->parser);
	}
	arena = NULL;
	arena_reset(&p->arena);
	p->root = NULL;
	p->parser = NULL;
}

/*
 * Lower p as L's piece after line base, on this thread, then free it.
 * The lowering reads literals (which cmark-gfm may copy) and makes
 * nodes of the tree's allocator: both come from p's arena.  Returns
 * lower_piece()'s status.
 */
static int
lower_parsed(struct lower *L, struct parsed *p, int base)
{
	int rc;

	arena = &p->arena;
	tree_mem = p->mem;
	rc = lower_piece(L, p->root, base, p->mem == &arena_mem);
	tree_mem = NULL;
	parsed_free(p);
	return rc;
}

/*
 * A long body's pieces on two threads: a second thread parses pieces
 * ahead while the caller's lowers piece k, the pieces handed over in
 * LINE_SLOTS slots (the parse of piece k+LINE_SLOTS waits for the
 * lowering of piece k to empty its slot).  The lowering must follow the
 * pieces in order, and cmark-gfm's parse is about as long as termc's
 * lowering: so the body's parse and lowering take about the time of one
 * of them.  Three slots, not two: with two, a parse that ran late (or a
 * parser woken late) left the lowering waiting, 4 to 9 ms of the 10 MB
 * corpus's 55; with three, under 1 ms, and peak memory the same (a
 * slot holds a 64 KB piece's tree).  Each slot's arena is its
 * own: the two threads never cut from the same one, and a slot's chunks
 * serve its next piece.  Only cmark-gfm's parse runs on the second
 * thread (md_parse() registers the extensions before it starts, so it
 * only reads their registry); the findings, the clause tree and its pool
 * stay on the caller's.  A thread that waits for a slot spins before it
 * sleeps (par_spin()): asleep, it was woken onto the other thread's CPU
 * and waited there for it.
 */
#define LINE_SLOTS	3
struct line {
	const struct source	*src;
	const struct cut	*cuts;
	size_t			 n;
	struct parsed		 slot[LINE_SLOTS];
	/* Slot holds a piece: stored atomically, par_spin() reads it. */
	int			 full[LINE_SLOTS];
	int			 stop;		/* lowering failed */
	pthread_mutex_t		 mu;
	pthread_cond_t		 cv;
};

/* Piece k of the body of src cut at cuts (n pieces): its bytes. */
static size_t
piece_len(const struct source *src, const struct cut *cuts, size_t n,
    size_t k)
{
	return (k + 1 < n ? cuts[k + 1].off : src->len) - cuts[k].off;
}

/* The second thread: parse the pieces in turn into the slots. */
static void *
line_parse(void *arg)
{
	struct line *l = arg;
	size_t k;
	int s, stop;

	for (k = 0; k < l->n; k++) {
		s = (int)(k % LINE_SLOTS);
		par_spin(&l->full[s], 0);
		pthread_mutex_lock(&l->mu);
		while (l->full[s] && !l->stop)
			pthread_cond_wait(&l->cv, &l->mu);
		stop = l->stop;
		pthread_mutex_unlock(&l->mu);
		if (stop)
			break;
		parse(&l->slot[s], l->src->text + l->cuts[k].off,
		    piece_len(l->src, l->cuts, l->n, k));
		pthread_mutex_lock(&l->mu);
		__atomic_store_n(&l->full[s], 1, __ATOMIC_RELEASE);
		pthread_cond_broadcast(&l->cv);
		pthread_mutex_unlock(&l->mu);
	}
	return NULL;
}

/*
 * Lower the n pieces of src cut at cuts as L's, parsed on a second
 * thread when one starts (struct line), on this one otherwise.
 */
static void
lower_pieces_of(struct lower *L, const struct source *src,
    const struct cut *cuts, size_t n, int threads)
{
	struct line l;
	pthread_t t;
	size_t k;
	int s, rc;

	memset(&l, 0, sizeof(l));
	l.src = src;
	l.cuts = cuts;
	l.n = n;
	if (!threads || pthread_mutex_init(&l.mu, NULL) != 0) {
		for (k = 0; k < n; k++) {
			parse(&l.slot[0], src->text + cuts[k].off,
			    piece_len(src, cuts, n, k));
			if (lower_parsed(L, &l.slot[0], cuts[k].line - 1) != 0)
				break;
		}
		arena_release(&l.slot[0].arena);
		return;
	}
	if (pthread_cond_init(&l.cv, NULL) != 0) {
		pthread_mutex_destroy(&l.mu);
		lower_pieces_of(L, src, cuts, n, 0);
		return;
	}
	if (par_start(&t, line_parse, &l) != 0) {
		pthread_cond_destroy(&l.cv);
		pthread_mutex_destroy(&l.mu);
		lower_pieces_of(L, src, cuts, n, 0);
		return;
	}
	for (k = 0; k < n; k++) {
		s = (int)(k % LINE_SLOTS);
		par_spin(&l.full[s], 1);
		pthread_mutex_lock(&l.mu);
		while (!l.full[s])
			pthread_cond_wait(&l.cv, &l.mu);
		pthread_mutex_unlock(&l.mu);
		rc = lower_parsed(L, &l.slot[s], cuts[k].line - 1);
		pthread_mutex_lock(&l.mu);
		__atomic_store_n(&l.full[s], 0, __ATOMIC_RELEASE);
		l.stop = rc != 0;
		pthread_cond_broadcast(&l.cv);
		pthread_mutex_unlock(&l.mu);
		if (rc != 0)
			break;
	}
	pthread_join(t, NULL);
	/* After a failure, a piece parsed that nobody lowers. */
	for (s = 0; s < LINE_SLOTS; s++) {
		if (l.full[s])
			parsed_free(&l.slot[s]);
		arena_release(&l.slot[s].arena);
	}
	pthread_cond_destroy(&l.cv);
	pthread_mutex_destroy(&l.mu);
}

/*
 * A body of more than one piece (cuts_of()) whose document lower_pieces()
 * accepts is parsed and lowered a piece at a time; its findings wait in
 * their own list, so that if the pieces' lowering must be done again
 * whole (lower_end()) none is reported twice.
 */
struct node *
md_parse(const struct source *src, const struct meta *meta, int threads,
    struct diags *d)
{
	struct lower *L;
	struct diags pd;
	struct cut *cuts;
	struct parsed whole;
	struct node *tree;
	size_t n;
	int again;

	if (check_limits(src, d) == -1)
		return NULL;
	cmark_gfm_core_extensions_ensure_registered();
	n = cuts_of(src, &cuts);
	diags_init(&pd);
	L = lower_new(src, meta, &pd);
	if (n > 1 && lower_pieces(L)) {
		lower_pieces_of(L, src, cuts, n, threads);
		if ((tree = lower_end(L, &again)) != NULL || !again)
			goto done;
		diags_release(&pd);	/* the pieces' findings */
		L = lower_new(src, meta, &pd);
	}
	memset(&whole, 0, sizeof(whole));
	parse(&whole, src->text, src->len);
	lower_parsed(L, &whole, 0);
	arena_release(&whole.arena);
	tree = lower_end(L, &again);
done:
	diags_move(d, &pd);
	free(cuts);
	return tree;
}
