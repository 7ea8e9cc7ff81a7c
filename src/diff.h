/*
 * Clause-level diff: two struct docs in, an annotated tree out (lowdown's
 * shape): every clause of either side appears once in a struct dnode that
 * says what happened to it, with the character-level edits inside
 * modified text.  Renderers (diff text and JSON here, the 新旧対照表 in
 * html_diff.c) only walk the tree.
 *
 * Two revisions of one document are aligned level by level (division,
 * article, paragraph, item) on content, so that an inserted article
 * renumbers the rest instead of "changing" all of them.  Documents of
 * different providers or documents are aligned by caption and content
 * similarity only: their numbers mean nothing to each other.
 *
 * Ownership: a struct diff owns its dnodes and edits, and borrows the two
 * docs, which must outlive it.
 */
#ifndef TERMC_DIFF_H
#define TERMC_DIFF_H

#include <stddef.h>

struct buf;
struct corpus;
struct diags;
struct doc;
struct node;

enum dkind {
	DK_SAME,		/* unchanged (its number may have changed) */
	DK_NORMALIZED,		/* differs only in 全角/半角, 〜/～ …  */
	DK_MODIFIED,		/* own text or caption changed */
	DK_MOVED,		/* same content at another place */
	DK_ADDED,
	DK_REMOVED,
	DK_SPLIT,		/* old clause → new and parts[] */
	DK_MERGED,		/* old and parts[] → new clause */
	DK_MATCHED,		/* across documents: counterpart by similarity */
	DK_LINKS,		/* same text, a link's target changed */
	DK_REFLOWED,		/* a run of clauses removed and added, read
				   as one text: flow[] on each side */
	DK__MAX
};

/*
 * One edit inside a text: old[ooff, +olen) became new[noff, +nlen).  For
 * a split (merged) clause the new (old) offsets count in the texts of the
 * clause and its parts[] one after the other: see dnode_side_text().
 */
struct dedit {
	size_t	 ooff, olen;	/* byte offsets in the old node's text */
	size_t	 noff, nlen;	/* byte offsets in the new node's text */
};

#define DIFF_MAXPARTS	8

/*
 * A link whose target changed, was added or was removed, the text being
 * otherwise the same or not: the spans (borrowed from the nodes) on each
 * side, NULL where that side has no such link.
 */
struct dlink {
	const struct span	*old, *new;
};

/*
 * A changed table cell, or a whole row added or removed (ocol and ncol
 * -1): row and column indexes on each side, -1 where that side has
 * none; edits as in a dnode, into the cells' texts.
 */
struct dcell {
	long		 orow, ocol, nrow, ncol;
	struct dedit	*edits;		/* owned */
	size_t		 nedits;
};

struct dnode {
	enum dkind		 kind;
	int			 renumbered;	/* both sides, numbers differ */
	int			 caption;	/* caption changed */
	int			 inner;		/* something below changed */
	int			 shell;		/* added/removed: its own line only;
						   its clauses were aligned where
						   they now stand (restructuring) */
	int			 opened;	/* added/removed shell whose
						   clauses are changes of their
						   own, one of them moved */
	int			 sim;		/* DK_MATCHED: similarity, % */
	const struct node	*old;		/* borrowed; NULL when added */
	const struct node	*new;		/* borrowed; NULL when removed */
	const struct node	*parts[DIFF_MAXPARTS];	/* split/merged */
	size_t			 nparts;
	struct dedit		*edits;		/* in text order; owned */
	size_t			 nedits;
	struct dlink		*links;		/* changed links; owned */
	size_t			 nlinks;
	struct dcell		*cells;		/* a table's changes; owned */
	size_t			 ncells;
	/*
	 * DK_REFLOWED: the run's clauses on each side (0 old, 1 new) in
	 * document order, old and new their first; edits count in their
	 * diff_flow_text()s joined.  The arrays are owned, the nodes
	 * borrowed.
	 */
	const struct node	**flow[2];
	size_t			 nflow[2];
	struct dnode		*parent, *first, *last, *prev, *next;
};

/* A run of clauses renumbered by the same shift, reported once. */
struct drenum {
	const struct dnode	*first;
	const struct dnode	*last;
	size_t			 n;
};

/*
 * Restructuring reported once: under one clause (or the document), n
 * clauses whose text stayed but whose kind changed (paragraphs that
 * became headings: from N_PARAGRAPH to N_ARTICLE).
 */
struct drestruct {
	const struct dnode	*at;
	int			 from, to;	/* enum ntype */
	size_t			 n;
};

struct diff {
	const struct doc	*old, *new;
	int			 cross;		/* different provider/document */
	struct dnode		*root;		/* pairs the two N_DOCUMENTs */
	size_t			 count[DK__MAX];	/* dnodes by kind */
	size_t			 nrenumbered;	/* dnodes renumbered */
	struct drenum		*renums;
	size_t			 nrenums;
	struct drestruct	*restructs;
	size_t			 nrestructs;
	int			 ignore_norm;
	int			 ignore_links;
};

struct diff_opts {
	int	ignore_normalization;	/* DK_NORMALIZED counts as DK_SAME */
	int	ignore_links;		/* link targets are not compared */
};

/* Diff two documents; opts may be NULL.  Free with diff_free(). */
struct diff	*diff_new(const struct doc *old, const struct doc *new,
		    const struct diff_opts *opts);
/*
 * A document made ready for a diff: its tree mirrored (each clause's
 * folded text and hashes), most of a diff's own work.  It reads only that
 * document, so it may be made on the thread that loaded it while the
 * other document loads (diffcmd.c).  The doc must outlive the side and
 * the diff.  diff_new_sides() diffs two sides and frees them, as
 * diff_new() does with sides it makes; diff_side_free() frees a side that
 * is not diffed (NULL is allowed).
 */
struct diff_side;
struct diff_side *diff_side_new(const struct doc *);
void		 diff_side_free(struct diff_side *);
struct diff	*diff_new_sides(struct diff_side *old, struct diff_side *new,
		    const struct diff_opts *opts);
void		 diff_free(struct diff *);
/*
 * The diff of every pair of consecutive revisions of one document in a
 * corpus, computed once for the checks and the site: v[j] diffs docs[j-1]
 * with docs[j] (default options); v[j] is NULL where docs[j] starts a
 * document.  Free with diff_pairs_free(v, c->n).
 */
struct diff	**diff_pairs(const struct corpus *);
void		 diff_pairs_free(struct diff **, size_t n);
/* 1 when the documents differ (as diff(1) exits), else 0. */
int		 diff_changed(const struct diff *);
/*
 * How many clauses D reports changed: added, removed, modified, moved,
 * split, merged, normalized or with a changed link (not the same, not
 * matched across documents).  0 for NULL.
 */
size_t		 diff_nchanged(const struct diff *);
/* "added", "removed", … */
const char	*dkind_name(enum dkind);
/* Does this dnode itself report a change (not only below it)? */
int		 dnode_changed(const struct diff *, const struct dnode *);
/*
 * The text a dnode's edits refer to on one side: the clause's text, or
 * for the split (merged) side the texts of the clause and its parts
 * joined (diff_part_text()), or for a reflowed run its clauses'
 * diff_flow_text()s joined.  NULL when that side has no text.  Caller
 * frees.
 */
char		*dnode_side_text(const struct dnode *, int side_new);
/*
 * The text a clause gives as a part of a split or merge: its text, or
 * for a table (a table that became text) its cells in reading order,
 * each after one space: the layout between them is white space, which
 * is no edit.  NULL when it has neither.  Caller frees.
 */
char		*diff_part_text(const struct node *);
/*
 * A clause as a reflowed run reads it: its written label, caption and
 * text (a table: its cells, diff_part_text()), one space between them,
 * *len bytes; then a newline, unless the clause ends and next (the
 * run's next clause, or NULL) begins with wide characters, which join
 * with no space (is_wide()).  Never NULL.  Caller frees.
 */
char		*diff_flow_text(const struct node *, const struct node *next,
		    size_t *len);
/*
 * A table cell's name for a reader: the row's heading (its first cell)
 * and the column's heading (the header row's cell), "基本料金 / 月額";
 * c->ocol == -1 (a whole row): the row's heading alone.  From the new
 * side where it has the cell.  Caller frees.
 */
char		*dcell_name(const struct dnode *, const struct dcell *c);
/* Pre-order successor within the tree, or NULL. */
struct dnode	*dnode_next(const struct dnode *);

/*
 * The k-th edit of d on one side, clipped to the window [base, base + len)
 * of that side's text and made relative to it (a split or merged part's
 * place in the joined text).  Returns 1 and sets *off and *end, or 0 when
 * the edit is empty on that side or falls outside the window.
 */
int		 dedit_clip(const struct dnode *d, size_t k, int side_new,
		    size_t base, size_t len, size_t *off, size_t *end);

/*
 * A clause's label in its document's language: "第17条第3項" in Japanese,
 * "Section 19(e)" or "Definitions, paragraph 2" in others (a paragraph
 * or item by its written label, else by its position); the anchor when
 * it has none; "" for NULL.  n belongs to D's old or new document.
 * Caller frees.
 */
char		*diff_node_label(const struct diff *D, const struct node *n);
/*
 * Which way a run was renumbered: +1 down (its numbers grew, 繰下げ: a
 * clause was inserted before it), -1 up (繰上げ), 0 where the numbers
 * are not plain.  For the writers' words.
 */
int		 drenum_shift(const struct drenum *r);
/* Is n (of D's old or new document) in a document written in Japanese? */
int		 diff_node_ja(const struct diff *D, const struct node *n);
/*
 * What goes between a clause's written label and its text: a space in
 * documents not in Japanese ("(e) Small claims …"); in Japanese nothing
 * after a closing bracket (（１）契約者), else an ideographic space (２　当社は).
 */
const char	*label_gap(const struct diff *, const struct node *);
/* Does a written label end with a closing bracket, as （１） and (a) do? */
int		 label_closes(const char *);

/* Renderers: NUL-terminated UTF-8, caller frees. */
char		*diff_text(const struct diff *);
/*
 * The summary line of diff_text(), newline included, appended to b:
 * "2 modified, 1 added, 3 renumbered" or "no changes".  The site's feeds
 * give it to each revision.
 */
void		 diff_summary(struct buf *b, const struct diff *);
char		*diff_json(const struct diff *);

/*
 * Declared changes: compare what D's new document says it changed in its
 * front matter (`changes:`, else the note of its last history entry when
 * dated on its revision) with what D found changed from the old one.
 * D must be made without options.  Records a warning in d for every
 * real change the declaration does not mention (decl-missing), every
 * declared change that did not happen (decl-false), or, when new declares
 * nothing at all but changes clauses, one decl-none.  Renumbering,
 * normalization-only changes and the revision's own 付則/制定・改定 lines
 * need no declaration.  Returns the number of findings.
 */
int		 diff_check_declared(const struct diff *, struct diags *d);

#endif
