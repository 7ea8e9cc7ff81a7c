/*
 * termc import: plain text extracted from PDFs and word processors (already
 * decoded to UTF-8 by decode.c) to a structured terms file in the format of
 * FORMAT.md: front matter, divisions, articles, paragraphs, items, tables.
 */
#ifndef TERMC_IMPORT_H
#define TERMC_IMPORT_H

#include <stddef.h>

struct diags;

/* Front matter values given on the command line; NULL: guess or fill. */
struct import_opts {
	const char	*provider;
	const char	*provider_name;
	const char	*document;
	const char	*title;
	const char	*revision;
	int		 verbose;	/* list every dropped line on stderr */
};

/* What import did, for the summary line on standard error. */
struct import_stats {
	size_t	 articles;
	size_t	 supplied;	/* articles whose number import supplied */
	size_t	 divisions;
	size_t	 tables;
	size_t	 toc;		/* dropped table-of-contents lines */
	size_t	 pagenum;	/* dropped page numbers */
	size_t	 repeated;	/* dropped repeated headers and footers */
	size_t	 joined;	/* layout line breaks removed */
	size_t	 unmarked;	/* items without markers, by their wording */
	size_t	 unglued;	/* item markers or division headings glued
				   to the line before */
	int	 wrapped;	/* layout wraps at width (columns), or 0 */
	int	 passthrough;	/* input was a terms file already */
};

/*
 * Turn len bytes of UTF-8 text (any line ends) read from path into a terms
 * file.  Text that starts with a --- line is a terms file already (in a
 * legacy encoding, say): it comes back as it is, with LF line ends.  Never fails: what it cannot place is reported in d as a warning
 * with its line and kept in the output as a plain paragraph.  Returns the
 * Markdown, NUL-terminated (caller frees); fills st.
 */
char	*import_text(const char *path, const char *text, size_t len,
	    const struct import_opts *, struct import_stats *st,
	    struct diags *d);

#endif
