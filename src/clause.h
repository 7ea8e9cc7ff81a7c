/*
 * The clause tree: what every stage after parsing works on.
 *
 * document
 *   division   (第N編/章/節/款/目, 総則, 付則, 別表 …; nests by heading level)
 *     article  (第N条（見出し）, or a heading in documents in other languages)
 *       paragraph  (項)
 *         item     (号)
 *           subitem (イ, ロ, ハ; level 1, 2, … for deeper lists)
 *       table
 * Paragraphs and tables may also hang directly under a division or the
 * document (preamble, 付則 text, 別表).
 *
 * Ownership: a tree owns its nodes, a node owns its strings, spans and
 * table.  node_free() frees a whole subtree, iteratively.
 */
#ifndef TERMC_CLAUSE_H
#define TERMC_CLAUSE_H

#include <stddef.h>

enum ntype {
	N_DOCUMENT,
	N_DIVISION,
	N_ARTICLE,
	N_PARAGRAPH,
	N_ITEM,
	N_SUBITEM,
	N_TABLE,
	N__MAX
};

enum divkind {
	DIV_NONE,		/* not a division */
	DIV_PART,		/* 編 */
	DIV_CHAPTER,		/* 章 */
	DIV_SECTION,		/* 節 */
	DIV_SUBSECTION,		/* 款 */
	DIV_DIVISION,		/* 目 */
	DIV_SUPPL,		/* 付則, 附則 */
	DIV_APPENDIX,		/* 別表, 別紙, 別記, 様式 */
	DIV_OTHER		/* unnumbered heading: 総則, "Definitions" */
};

/* Inline marks on a node's text, sorted by offset, never overlapping. */
enum spankind {
	SPAN_LINK,		/* href: a checked URL */
	SPAN_EMPH,
	SPAN_STRONG,
	SPAN_CODE,
	SPAN_XREF		/* target: resolved reference (see xref.h) */
};

struct node;

struct span {
	size_t			 off;	/* byte offset into node->text */
	size_t			 len;
	enum spankind		 kind;
	char			*href;	/* SPAN_LINK: owned */
	const struct node	*target;	/* SPAN_XREF: borrowed, same tree */
	int			 xflags;	/* SPAN_XREF with no target: */
#define XREF_BROKEN	1	/* names a clause that does not exist */
#define XREF_EXTERNAL	2	/* into another law or document */
};

struct table {
	size_t		  nrows;	/* row 0 is the header row */
	size_t		  ncols;
	char		**cells;	/* nrows * ncols, row-major; owned, never NULL */
	char		 *align;	/* ncols of 'l', 'c', 'r' or 0 */
};

struct node {
	enum ntype	 type;
	enum divkind	 divkind;
	int		 level;		/* heading level; subitem depth (1…) */
	char		*num;		/* normalized number: "17", "17_2"; NULL if none */
	char		*label;		/* as written: "第１７条", "２", "（１）"; NULL if none */
	char		*caption;	/* 見出し without brackets; NULL if none */
	char		*id;		/* stable anchor: "a17", "a17-p3-i2" */
	char		*text;		/* own text, plain UTF-8; NULL for containers */
	struct span	*spans;
	size_t		 nspans;
	struct table	*table;		/* N_TABLE only */
	int		 line;		/* 1-based source position */
	int		 col;
	int		 implicit;	/* number supplied by position, not written */
	char		*topics;	/* "+a -b" of a <!-- termc: topics … --> line
					   right after this heading; NULL if none */
	int		 topics_line;	/* its source position */
	int		 topics_col;
	struct node	*parent;
	struct node	*first;
	struct node	*last;
	struct node	*prev;
	struct node	*next;
};

/* A new detached node; the caller owns it until it is appended. */
struct node	*node_new(enum ntype, int line, int col);
/* Append child as the last child of parent, which then owns it. */
void		 node_append(struct node *parent, struct node *child);
/* Free n and its subtree (iteratively: no recursion on depth). */
void		 node_free(struct node *);
/*
 * An array for n spans, sized as node_add_span() expects (capacity: the
 * next power of two): whoever replaces node->spans allocates it here.
 */
struct span	*spans_alloc(size_t n);
/* Add a span to n; href is copied.  Spans must be added in text order. */
struct span	*node_add_span(struct node *, size_t off, size_t len,
		    enum spankind, const char *href);

/* Pre-order successor of n within root's subtree, or NULL. */
struct node	*node_next(const struct node *n, const struct node *root);

/*
 * ENTER/EXIT walk over a subtree, as cmark's iterator: every node is entered
 * once and, if it may have children, exited once after them.
 */
enum iter_event { ITER_DONE, ITER_ENTER, ITER_EXIT };
struct iter {
	struct node	*root;
	struct node	*cur;
	enum iter_event	 ev;
};
void		 iter_init(struct iter *, struct node *root);
enum iter_event	 iter_next(struct iter *);

const char	*ntype_name(enum ntype);	/* "article" */
const char	*divkind_name(enum divkind);	/* "chapter" */
/* A human label for diagnostics: "第17条第3項第2号", "第2章". Caller frees. */
char		*node_path_label(const struct node *);

#endif
