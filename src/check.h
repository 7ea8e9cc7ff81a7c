/*
 * Validation rules over loaded documents (termc check, termc build).
 * Each rule is one row of a table in check.c; findings go to a struct
 * diags with the codes of diag.h.
 */
#ifndef TERMC_CHECK_H
#define TERMC_CHECK_H

struct corpus;
struct diags;
struct diff;
struct doc;

/* Run every single-document rule on doc. */
void	check_doc(const struct doc *, struct diags *);
/*
 * Run every rule on every document of c, then every pair rule on each
 * pair of consecutive revisions of the same document, given by their
 * diffs from diff_pairs(c).
 */
void	check_corpus(const struct corpus *, struct diff *const *pairs,
	    struct diags *);

#endif
