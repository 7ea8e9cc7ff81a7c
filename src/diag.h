/*
 * Diagnostics, in mandoc's shape: one table of codes ordered by severity,
 * one fixed message per code, one printer.  A message may carry a detail
 * string ("第12条 (first at line 52)") printed after the fixed text.
 *
 * Every code has a short stable name, printed in brackets and documented in
 * termc.1 (tests/install checks it) and docs/; CI pipelines match on it.  Exit status is the worst level seen:
 * see diags_exit().
 */
#ifndef TERMC_DIAG_H
#define TERMC_DIAG_H

#include <stdio.h>

enum dlevel {
	DL_NONE = 0,
	DL_WARNING,
	DL_ERROR,
	DL_FATAL		/* usage or I/O trouble: exit status 2 */
};

/*
 * X(code, level, name, message).  Keep rows grouped by level, warnings
 * first; the enum order is the severity order.
 */
#define DIAG_TABLE \
	X(FM_UNKNOWN,   WARNING, "fm-unknown",   "unknown front matter field") \
	X(RAW_HTML,     WARNING, "raw-html",     "raw HTML is published as text") \
	X(UNSAFE_URL,   WARNING, "unsafe-url",   "unsafe link target removed") \
	X(EMPTY_DOC,    WARNING, "no-articles",  "document has no articles") \
	X(XREF_BROKEN,  WARNING, "xref-broken",  "reference to a clause that does not exist") \
	X(XREF_CAPTION, WARNING, "xref-caption", "reference caption differs from the article it names") \
	X(XREF_SELF,    WARNING, "xref-self",    "clause refers to itself by its own number") \
	X(NUM_GAP,      WARNING, "num-gap",      "numbering gap") \
	X(NUM_DUP,      WARNING, "num-dup",      "duplicate number") \
	X(NUM_ORDER,    WARNING, "num-order",    "number out of order") \
	X(EMPTY_ART,    WARNING, "empty-article", "article has no text") \
	X(TERM_REDEF,   WARNING, "term-redefined", "term defined twice with different definitions") \
	X(TERM_SAME,    WARNING, "term-same-wording", "two terms defined with the same wording") \
	X(HIST_DATE,    WARNING, "history-date", "revision date and revision history disagree") \
	X(INTEREST,     WARNING, "interest-cap", "late-payment interest above 14.6% a year") \
	X(TOPIC_UNKNOWN, WARNING, "topic-unknown", "topic marker names an unknown topic") \
	X(TOPIC_MARKER, WARNING, "topic-marker", "topic marker word is not ID, +ID, -ID or =") \
	X(TOPIC_PLACE,  WARNING, "topic-place",  "topic marker is not right after a heading; ignored") \
	X(DEC_PUA,      WARNING, "decode-pua",   "decoded text holds a private-use character") \
	X(CHAR_CONTROL, WARNING, "char-control", "text holds a control character") \
	X(CHAR_BIDI,    WARNING, "char-bidi",    "text holds a bidirectional control; the line may read differently from what it says") \
	X(CHAR_INVISIBLE, WARNING, "char-invisible", "text holds a zero-width character") \
	X(CHAR_NONCHAR, WARNING, "char-nonchar", "text holds a noncharacter") \
	X(IMP_UNPLACED, WARNING, "import-unplaced", "import could not place this text") \
	X(IMP_SUPPLIED, WARNING, "import-supplied", "import supplied an article number the source lacks") \
	X(IMP_FILL,     WARNING, "import-fill",  "front matter field left for the reviewer to fill") \
	X(DECL_MISSING, WARNING, "decl-missing", "change not declared by the revision") \
	X(DECL_FALSE,   WARNING, "decl-false",   "declared change did not happen") \
	X(DECL_NONE,    WARNING, "decl-none",    "revision changes clauses but declares no changes") \
	X(SUPP_MISSING, WARNING, "supplements-missing", "supplements names no other document of this provider among the inputs") \
	X(LINK_OUT,     WARNING, "link-outside", "symbolic link leads out of the terms folder; not read") \
	X(BAD_UTF8,     ERROR,   "utf8",         "invalid UTF-8; convert the file with termc import") \
	X(XML_SYNTAX,   ERROR,   "xml",          "not well-formed XML") \
	X(XML_DOCTYPE,  ERROR,   "xml-doctype",  "DOCTYPE refused") \
	X(LAWXML,       ERROR,   "lawxml",       "not standard law XML") \
	X(NOT_UTF8,     ERROR,   "encoding",     "not a UTF-8 text file; convert it with termc import") \
	X(DEC_INVALID,  ERROR,   "decode",       "invalid byte sequence for the encoding") \
	X(DEC_TRUNCATED, ERROR,  "decode-truncated", "incomplete multibyte sequence at end of file") \
	X(TOO_BIG,      ERROR,   "too-big",      "document exceeds the size limit") \
	X(LINE_LONG,    ERROR,   "line-long",    "line exceeds the length limit") \
	X(TOO_DEEP,     ERROR,   "too-deep",     "nesting exceeds the depth limit") \
	X(TABLE_WIDE,   ERROR,   "table-wide",   "table exceeds the column limit") \
	X(TABLE_LONG,   ERROR,   "table-long",   "table exceeds the row limit") \
	X(DELIMS,       ERROR,   "delimiters",   "block has too many inline delimiters") \
	X(TABLE_CELLS,  ERROR,   "table-cells",  "tables hold more cells than the size limit") \
	X(TABLE_LEAD,   ERROR,   "table-lead",   "table delimiter row too far into its block") \
	X(REF_EXPAND,   ERROR,   "ref-expand",   "link references would expand past the size limit") \
	X(YAML_LIMIT,   ERROR,   "yaml-limit",   "YAML exceeds the size or nesting limit") \
	X(FM_MISSING,   ERROR,   "fm-missing",   "missing front matter") \
	X(FM_SYNTAX,    ERROR,   "fm-syntax",    "invalid front matter") \
	X(FM_FIELD,     ERROR,   "fm-field",     "missing front matter field") \
	X(FM_TYPE,      ERROR,   "fm-type",      "front matter field has the wrong type") \
	X(FM_SLUG,      ERROR,   "fm-slug",      "invalid slug, expected [a-z0-9-]+") \
	X(FM_DATE,      ERROR,   "fm-date",      "invalid date, expected YYYY-MM-DD") \
	X(FM_PATH,      ERROR,   "fm-path",      "front matter disagrees with the path") \
	X(FM_CONTROL,   ERROR,   "fm-control",   "front matter holds a NUL, control character or noncharacter") \
	X(FM_LONG,      ERROR,   "fm-long",      "slug longer than 100 characters") \
	X(DUP_REVISION, ERROR,   "dup-revision", "two files hold the same revision") \
	X(HIST_ORDER,   ERROR,   "history-order", "revision history out of date order") \
	X(TOPICS_SYNTAX, ERROR,  "topics-syntax", "invalid topics file") \
	X(TOPICS_FIELD, ERROR,   "topics-field", "invalid or missing topic field") \
	X(TOPICS_DUP,   ERROR,   "topics-dup",   "duplicate topic id") \
	X(BASELINE,     ERROR,   "baseline",     "invalid baseline line") \
	X(TEMPLATE,     FATAL,   "template",     "template refused") \
	X(NO_TERMS,     ERROR,   "no-terms",     "no terms file found") \
	X(IO,           FATAL,   "io",           "file cannot be read or written")

enum dcode {
#define X(code, level, name, msg) D_##code,
	DIAG_TABLE
#undef X
	D__MAX
};

struct diag {
	char		*path;
	int		 line;
	int		 col;
	enum dcode	 code;
	char		*detail;	/* may be NULL */
};

/*
 * A collection of diagnostics.  Embedded: diags_init()/diags_release().
 * Strings are copied; the collection owns them.
 */
struct diags {
	struct diag	*v;
	size_t		 n;
	size_t		 cap;
	enum dlevel	 worst;
};

void		 diags_init(struct diags *);
void		 diags_release(struct diags *);
/* Record one diagnostic.  line/col are 1-based; 0 means "whole file". */
void		 diag(struct diags *, const char *path, int line, int col,
		    enum dcode, const char *detailfmt, ...)
		    __attribute__((format(printf, 6, 7)));
/*
 * s as diagnostics carry it (diag() escapes path and detail so): every
 * control character, tab and LF included (one finding, one line), and
 * every byte that is no UTF-8, as \xNN; C1 and bidirectional controls
 * as \uNNNN.  Caller frees.
 */
char		*diag_escape(const char *s);
/*
 * Print all in the order recorded: "path:line:col: level: message: detail
 * [name]"; an io diagnostic without a position as "termc: path: detail".
 */
void		 diags_print(const struct diags *, FILE *);
/* The same with the io diagnostics without a position to trouble. */
void		 diags_print_split(const struct diags *, FILE *findings,
		    FILE *trouble);
/*
 * Keep the diagnostics keep() accepts, in order; recompute the worst
 * level.  Returns how many were dropped.
 */
size_t		 diags_filter(struct diags *,
		    int (*keep)(const struct diag *, void *), void *arg);
/* Move all of src to the end of dst; src is left empty. */
void		 diags_move(struct diags *dst, struct diags *src);

enum dlevel	 diag_level(enum dcode);
const char	*diag_name(enum dcode);
const char	*diag_message(enum dcode);
const char	*diag_level_name(enum dlevel);
/* 0 clean; 1 errors (or warnings when strict); 2 fatal. */
int		 diags_exit(const struct diags *, int strict);

#endif
