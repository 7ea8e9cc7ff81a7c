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
 * Memory: a tree's nodes and everything they hold (strings, spans,
 * tables) come from the pool of the tree (pool.h), made with its root by
 * node_tree() and freed with it by node_free(root).  Whoever sets a
 * node's string or array takes it from n->pool.
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

struct buf;
struct node;
struct pool;

struct span {
	size_t			 off;	/* byte offset into node->text */
	size_t			 len;
	enum spankind		 kind;
	char			*href;	/* SPAN_LINK */
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
	int		 part;		/* N_DIVISION: numbers its articles anew,
					   a second document on one page (set by
					   lowering; see node_numbering_scope()) */
	char		*topics;	/* "+a -b" of a <!-- termc: topics … --> line
					   right after this heading; NULL if none */
	int		 topics_line;	/* its source position */
	int		 topics_col;
	struct node	*parent;
	struct node	*first;
	struct node	*last;
	struct node	*prev;
	struct node	*next;
	struct pool	*pool;		/* the tree's: see above */
};

/* A new tree: its N_DOCUMENT root, which owns a new pool. */
struct node	*node_tree(int line, int col);
/* A new detached node of pool's tree (not N_DOCUMENT: see node_tree()). */
struct node	*node_new(struct pool *, enum ntype, int line, int col);
/* Append child as the last child of parent. */
void		 node_append(struct node *parent, struct node *child);
/*
 * Unlink n from its parent.  For a root (N_DOCUMENT), free the whole
 * tree; any other node's memory stays in the pool until then.
 */
void		 node_free(struct node *);
/*
 * An array for count spans of n, sized as node_add_span() expects
 * (capacity: the next power of two): whoever replaces n->spans takes
 * the new array here.
 */
struct span	*spans_alloc(struct node *n, size_t count);
/* Add a span to n; href is copied.  Spans must be added in text order. */
struct span	*node_add_span(struct node *, size_t off, size_t len,
		    enum spankind, const char *href);

/*
 * The division whose articles article n is numbered among: its 付則, its
 * appendix, or its part (a division that numbers anew), the nearest one;
 * NULL for the main provisions.  One decision for anchors, checks and
 * references.
 */
const struct node *node_numbering_scope(const struct node *n);

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
/*
 * Whether an article (or division) names itself in a Western style:
 * its label, else its caption, begins in ASCII ("4.", "Section 4",
 * "Fees").  Such a clause is "Section 4(a)" and its caption is written
 * "4. Fees", not 第4条（料金）.
 */
int		 node_western(const struct node *);
/*
 * A clause's title as its heading reads, appended to b: 第1条（目的）,
 * "18. Fees" (node_western), 第1章 総則.
 */
void		 node_title(struct buf *b, const struct node *n);

#endif
