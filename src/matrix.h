/*
 * The comparison matrix: rows are topics, columns are provider documents
 * (the latest revision, or the one in force at a date), each cell the
 * value a reader wants with links to the clauses it comes from.
 *
 *   struct corpus + struct taxonomy -matrix_build-> struct matrix
 *   struct matrix -matrix_csv/json/tsv-> bytes;  -html_matrix (html.h)-> page
 *
 * Ownership: a matrix owns its cells and strings and borrows the taxonomy
 * and the documents (both must outlive it; of the documents only path and
 * metadata are read after matrix_add(), so a build may doc_strip() them).
 */
#ifndef TERMC_MATRIX_H
#define TERMC_MATRIX_H

#include <stddef.h>

struct buf;
struct corpus;
struct diags;
struct doc;
struct pool;
struct taxonomy;
struct topic;

enum cstate {
	CELL_ABSENT,		/* no clause on the topic */
	CELL_NOVALUE,		/* a clause, but no value of the topic's type */
	CELL_VALUE
};

struct cref {
	char	*id;		/* article anchor: "a26" */
	const char *document;	/* a supplement's document slug, or NULL for
				   the column's own document */
	char	*label;		/* "第26条（遅延損害金）" */
	char	*href;		/* "directors/cloud-operation/2019-06-01.html#a26" */
};

struct cell {
	enum cstate	 state;
	char		*value;		/* normalized (value.h); "yes" for presence */
	char		*raw;		/* the value as written in the source */
	double		 num;
	char		 unit;		/* of num (value.h); cells compare only
					   when their units agree */
	char		*excerpt;	/* short quote of the clause, as written */
	char		*cond;		/* a condition that stays with the value
					   ("故意・重過失を除く"), or NULL */
	char		*event;		/* what a duration counts from or back
					   to ("変更の効力発生日"), or NULL */
	int		 event_said;	/* event quoted from the clause (1) or
					   the taxonomy's default for the
					   topic (0) */
	struct cref	*refs;		/* every article on the topic */
	size_t		 nrefs;
	int		 best;		/* most favourable to the customer */
};

/*
 * A column is one provider document and the documents that supplement it
 * (front matter `supplements: <document>`, same provider): their clauses
 * answer in the parent's column, after the parent's own.  A supplement
 * whose parent has no column (absent, not yet in force at the date, or a
 * chain that comes back to itself) keeps a column of its own.
 */
struct mcol {
	const struct doc	*doc;
	char			*name;		/* "provider/document" */
	const struct doc	**supps;	/* in corpus order */
	size_t			 nsupps;
	int			 pooled;	/* its cells' strings and clause
						   lists are the matrix's pool's */
};

struct mrow {
	const struct topic	*topic;
	struct cell		*cells;		/* ncols */
	int			 differs;	/* providers disagree */
};

struct matrix {
	const struct taxonomy	*tax;
	char			*as_of;		/* NULL: latest */
	struct mcol		*cols;
	size_t			 ncols;
	struct mrow		*rows;
	size_t			 nrows;
	size_t			 cellcap;	/* cells room in each row */
	struct pool		*pool;		/* or NULL: matrix_pool() */
};

/*
 * Build the matrix of every provider document in c: the latest revision,
 * or with as_of (YYYY-MM-DD) the newest revision effective on or before
 * it (documents not yet in force are left out).  Marker problems go to d.
 */
void	 matrix_build(struct matrix *, const struct taxonomy *,
	    const struct corpus *, const char *as_of, struct diags *d);
/*
 * The same, a provider at a time, for a build that keeps one document's
 * tree at a time: matrix_begin(); matrix_add() for each provider's picked
 * documents pk[0, n) (one revision per document, in corpus order; the
 * providers in corpus order), whose clause trees are needed only during
 * the call (the columns keep pointing at the docs for their metadata);
 * matrix_end() marks the best cells and the rows that differ.
 * matrix_build() is exactly these calls.
 */
void	 matrix_begin(struct matrix *, const struct taxonomy *,
	    const char *as_of);
void	 matrix_add(struct matrix *, const struct doc **pk, size_t n,
	    struct diags *d);
/*
 * Room for n columns, for a build that knows how many it may add: a
 * matrix grown column by column copies its rows as they double (10,000
 * columns of 47 topics: 47 MB of cells).
 */
void	 matrix_reserve(struct matrix *, size_t n);
/*
 * Append n columns made elsewhere (a build cache): cols[j] and, for each
 * row i, cells[i][j].  Takes the columns' and cells' contents (the
 * arrays stay the caller's).  A column marked pooled has its
 * cells' strings and clause lists from matrix_pool(), freed at once with
 * the matrix (a build reads 10,000 columns' cells from its cache: freed
 * one by one, they took a tenth of a build after one edit).
 */
void	 matrix_append(struct matrix *, struct mcol *cols, size_t n,
	    struct cell **cells);
struct pool	*matrix_pool(struct matrix *);
void	 matrix_end(struct matrix *);
void	 matrix_release(struct matrix *);

/* Serializations; each returns bytes the caller frees, and *len. */
/* BOM, RFC 4180; the cells' words Japanese (ja) or English. */
char	*matrix_csv(const struct matrix *, int ja, size_t *len);
/*
 * matrix_csv() by pieces, for a build that keeps a page's columns (see
 * html.h's html_matrix_pages()) made once: line 0 is the header, line i
 * row i - 1; each line is its lead (the BOM on line 0, then the topic's
 * three fields), then the pieces of its columns in order, then CRLF.  A
 * piece is the fields of columns [c0, c1), each after a comma.
 */
void	 matrix_csv_lead(struct buf *, const struct matrix *, size_t line);
void	 matrix_csv_piece(struct buf *, const struct matrix *, int ja,
	    size_t line, size_t c0, size_t c1);
char	*matrix_json(const struct matrix *, size_t *len);
/*
 * matrix_json() given to put a piece at a time (a row of topics), for a
 * matrix too large to hold its JSON whole.  Stops at put's first -1 and
 * returns it; else 0.
 */
int	 matrix_json_write(const struct matrix *,
	    int (*put)(void *arg, const char *s, size_t len), void *arg);
/*
 * A matrix in parts, for a site whose matrix is in pages: part K
 * (matrix-K.json) is matrix_json_part_write() of columns [c0, c1), the
 * form of matrix.json for those columns (a row's "differs" and a cell's
 * "best" still judge every column); the index (matrix.json) is the
 * file's top object with "parts" (the part files' names), every column
 * with its "part", and the rows without their "cells".  starts as
 * html_matrix_pages() gives it, of n parts.  The index's columns of
 * part K are matrix_json_cols() of its columns; cols[1, n] (NULL: made
 * here) may give them, made before.
 */
int	 matrix_json_part_write(const struct matrix *, size_t c0, size_t c1,
	    int (*put)(void *arg, const char *s, size_t len), void *arg);
int	 matrix_json_index_write(const struct matrix *, const size_t *starts,
	    size_t n, char *const *cols,
	    int (*put)(void *arg, const char *s, size_t len), void *arg);
/* The index's entries of columns [c0, c1) of part K (from 1). */
void	 matrix_json_cols(struct buf *, const struct matrix *, size_t c0,
	    size_t c1, size_t part);
char	*matrix_tsv(const struct matrix *, size_t *len);	/* one line per cell */

/*
 * A cell's text for comparing: its value's code (EONM, P14D, yes),
 * "条項なし" or "条項あり（値なし）".
 */
const char	*cell_text(const struct cell *);
/*
 * What a reader is shown for cell c of row r (the page, the CSV): the
 * value in words (value.h's value_label: 翌月末に終了, 14日, あり), or
 * cell_text's words; in English unless ja ("No clause", "Clause, no
 * value").  Caller frees.
 */
char		*cell_label(const struct mrow *r, const struct cell *c, int ja);

#endif
