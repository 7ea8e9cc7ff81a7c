/*
 * Markdown body → clause tree.  md.c and lower.c are the only files that
 * include cmark-gfm; no cmark type crosses this interface.
 *
 * Debian's cmark-gfm 0.29 lacks upstream's 2023 fixes for quadratic inputs,
 * so md_parse() first scans the text once and refuses, with a diagnostic,
 * anything past these limits.  Real terms are far inside all of them.
 */
#ifndef TERMC_MD_H
#define TERMC_MD_H

#include <stddef.h>

struct diags;
struct meta;
struct node;
struct source;

#define MD_MAX_LINE	(256u * 1024)	/* bytes in one line */
#define MD_MAX_DEPTH	16		/* levels: a > or a list marker, or */
					/* two columns of indentation, each */
#define MD_MAX_COLS	64		/* table columns */
#define MD_MAX_ROWS	20000		/* rows in one table */
#define MD_CELLS_SLACK	65536		/* table cells: body bytes plus this */
#define MD_MAX_DELIMS	2000		/* [ ] * _ ` < ! in one block */
#define MD_MAX_LEAD	64		/* a possible delimiter row: within */
#define MD_MAX_LEAD_BYTES (64 * 1024)	/* these of its block's start */
#define MD_EXPAND_FACTOR 4		/* copies of link references: bytes */
#define MD_EXPAND_SLACK	(1024 * 1024)	/* per body byte, plus these */

/*
 * Parse src's body into a clause tree (an N_DOCUMENT node, owned by the
 * caller).  Returns NULL after recording an error in d when a limit is
 * exceeded; structural faults are recorded and the tree still returned.
 * A long body is parsed and lowered in pieces (md.c, cuts_of()), to the
 * same tree and findings as whole; with threads set, each piece is
 * parsed on a second thread while the one before is lowered.
 */
struct node	*md_parse(const struct source *, const struct meta *,
		    int threads, struct diags *);
/*
 * Register cmark-gfm's extensions once.  md_parse() does it too; call this
 * first when several threads are about to parse, so that they only read.
 */
void		 md_init(void);

#endif
