/*
 * Cross references inside a terms document: find them in the text of every
 * paragraph, item and sub-item (and in table cells), resolve them against
 * the clause tree, and attach each one to its node as a SPAN_XREF span.
 *
 * Forms recognized (any numerals: 23, ２３, 二十三; spaces inside allowed):
 *   absolute   第23条, 第23条第1項, 第23条第1項第3号, 第17条の2,
 *              第23条（提供の停止）第1項, 第3条5項 (no 第 before 項/号)
 *   own        本条, 本項, 本号 (+ 第N項 / N項 / 第N号 …)
 *   repeated   同条, 同項, 同号: the clause named last in the same article
 *   relative   前条, 次条, 前項, 次項, 前号, 次号, 前各項, 前各号,
 *              前二項 / 前2項
 *   bare       第2項, 第3号: in the current article / paragraph
 *   bracketed  第1項(1)(3), 第1項（２）: items, only right after a 項
 *   lists      第1項、第2項及び第3項; 第5号または6号; 第3条から第5条まで;
 *              第1項乃至第3項 — each member is a reference of its own,
 *              numbered within the clause the previous member named.
 * External references (never resolved, never reported): a reference right
 * after the name of another law or document — a run of kanji, katakana or
 * Latin letters ending in 法, 令, 律, 則, 約, 款, 程, 例, 書, 表, 紙, 針, 示,
 * 達, 準, 領, 定 …, or in katakana or Latin (刑事訴訟法第218条, 法第4条, 同法,
 * 別表第1, 告示第3号, ガイドライン第5条, SLA第2条, 本約款第8条 inside a 規則),
 * or right after a closing 」 (「基本サービス仕様書」第3条) — unless the run
 * names this document itself (本約款, この約款 … where the title says so);
 * and 同条/同項 after an external reference.  本則第N条 and 付則第N条 name
 * this document's main and supplementary provisions.
 *
 * English references, in a document with an article in Latin letters:
 * Section 5, Sections 3 and 4, Sections 3–5, Article II (roman where
 * the articles are), clause 2.1(b)(ii), Section 4(a), paragraph (a) of
 * Section 5.  External by what precedes (the Act's section 12, GDPR
 * Article 6, California Civil Code Section 1789.3) or follows (of the
 * Communications Decency Act, Article 6(1)(f) GDPR); Article N where the
 * articles are not Articles.  See docs/structure.md.
 *
 * Cost: one left-to-right pass over all text; lookups by number go through
 * a hash map of articles, paragraphs by a scan of one article's children.
 */
#ifndef TERMC_XREF_H
#define TERMC_XREF_H

#include <stddef.h>

struct node;
struct source;

enum xref_status {
	XR_RESOLVED,
	XR_BROKEN,		/* names a clause this document does not have */
	XR_EXTERNAL		/* into another law or document */
};

struct xref {
	const struct node	*src;	/* node whose text (or table) holds it */
	size_t			 cell;	/* table cell index + 1; 0 for text */
	size_t			 off;	/* bytes into src->text (or the cell) */
	size_t			 len;
	int			 line;	/* source position, for diagnostics */
	int			 col;	/* 1-based, in characters */
	enum xref_status	 status;
	const struct node	*target;	/* XR_RESOLVED: deepest clause */
	const struct node	*article;	/* article named, if resolved */
	int			 bynumber;	/* article named by its number */
	int			 self;		/* names its own clause by number */
	char			*caption;	/* （caption） as written, or NULL */
	char			*text;		/* the reference as written */
};

/* The references of one document, in text order.  Owns its strings. */
struct xrefs {
	struct xref	*v;
	size_t		 n;
	size_t		 cap;
};

/*
 * Find and resolve every reference below root.  Attaches a SPAN_XREF to
 * the node for each reference in a node's text (skipping any that would
 * overlap an existing span): resolved ones with target set, broken and
 * external ones with target NULL and xflags XREF_BROKEN / XREF_EXTERNAL.
 * title (may be NULL) is the document's title: it tells which 本X names
 * the document itself.  src (may be NULL) is the source the tree was
 * parsed from (source.h): each reference's column is where its text
 * stands on its source line, in characters.  Appends records to out
 * (caller releases).
 */
/*
 * An appendix named at s (which starts with 別表): 別表 alone, with its
 * caption 別表（料金表）, or with its number 別表第1, 別表第一, 別表１.
 * Sets *name to the name folded (NFKC, numerals as digits; caller
 * frees) and returns the text after it.  One reading for the references
 * in text (xref_resolve) and in declared changes (declared.c).
 */
const char	*appx_ref(const char *s, char **name);
/*
 * Does the 別表 node div (its label and caption, folded as appx_ref folds
 * a reference) answer to name?  別表 answers to any; 別表第1 to 別表第1
 * and 別表第1（料金表）, not to 別表第10 or 別表第1の2.
 */
int		 appx_names(const char *name, const struct node *div);

/*
 * The 附則 of a later amending act that holds n, 附　則　（平成十三年…法律
 * 第十号）, as a consolidated statute carries them, or NULL.  It is an
 * enactment of its own: its references and its definitions are its.
 */
const struct node *xref_amending_suppl(const struct node *n);

void	xref_resolve(struct node *root, const char *title,
	    const struct source *src, struct xrefs *out);
/*
 * xref_resolve() on two threads, with beside(arg) on the second before
 * the references of the clauses from about the middle on (an article
 * whose heading starts a line of its own); the first thread resolves the
 * rest and then merges.  Output, spans and their order are
 * xref_resolve()'s.  beside must not read the nodes' spans nor allocate
 * from the tree's pool.
 */
void	xref_resolve_par(struct node *root, const char *title,
	    const struct source *src, struct xrefs *out,
	    void (*beside)(void *), void *arg);
void	xrefs_release(struct xrefs *);

#endif
