/*
 * Published HTML.  The libxml2 layer (html.c, template.c and the other
 * html*.c renderers) builds every page as a tree, fills a template and
 * serializes it; callers get bytes.  No libxml2 type crosses this header.
 */
#ifndef TERMC_HTML_H
#define TERMC_HTML_H

#include <stddef.h>

struct buf;
struct corpus;
struct diags;
struct diff;
struct doc;
struct matrix;
struct templates;

/* A link to another page, href relative to the page that shows it. */
struct page_link {
	const char	*label;
	const char	*href;
	const char	*group;	/* html_index: "provider/document" to show the
				   link with that document; NULL: above all */
};

struct page_ctx {
	const char		 *root;		/* from the page to the output root: "../../" */
	const struct doc *const	 *revisions;	/* this document's revisions, oldest first */
	size_t			  nrevisions;
	const struct page_link	 *links;	/* related pages (新旧対照表 …) */
	size_t			  nlinks;
};

/*
 * Load the templates a caller needs from dir, each read and parsed once:
 * TPL_PAGES page.html and index.html, TPL_DIFF diff.html; with
 * TPL_STANDALONE, pages that stand alone, outside a site (the style
 * sheets in the page: template.h's tpl_load_standalone).  NULL with
 * diagnostics on failure.
 */
#define TPL_PAGES	1
#define TPL_DIFF	2
#define TPL_STANDALONE	4
struct templates	*templates_load(const char *dir, int which,
			    struct diags *);
void			 templates_free(struct templates *);

/*
 * A date YYYY-MM-DD as readers write it: 2024年4月1日 (ja), 1 April 2024
 * (otherwise), or with wareki (ja only) in Japan's era: HTML_WAREKI
 * 令和6年4月1日, 令和元年5月1日, 平成31年4月30日; HTML_WAREKI_BESIDE the
 * era beside the year, 2024年（令和6年）4月1日, as the index writes a
 * date among the dates of other documents (from 1873; earlier dates
 * stay as they are).  Anything but a date comes back as it is.  Caller
 * frees.
 */
#define HTML_WAREKI		1
#define HTML_WAREKI_BESIDE	2
char	*html_date(const char *iso, int ja, int wareki);
/*
 * Does the document write its dates in an era (令和6年, 平成三十年,
 * 令和元年 in its text, captions or history notes)?  Then its pages show
 * dates so.
 */
int	 html_uses_wareki(const struct doc *);

/*
 * Is the site's own interface (the index, its feed and timeline)
 * Japanese?  Yes when any of c's documents is: all English makes an
 * English site; a mixed one stays Japanese, each document's entries in
 * its own language.  An empty corpus is Japanese, termc's default.
 */
int	 html_site_ja(const struct corpus *);

/*
 * One revision's page, into out, which this makes (buf_init_large(): a
 * page of megabytes is written in huge pages) and the caller releases.
 */
void	 html_page(const struct templates *, const struct doc *,
	    const struct page_ctx *, struct buf *out);
/*
 * The index: providers → documents → revisions, newest first.  extras are
 * links shown above the list (comparison matrix …), or under one document
 * when their group names it (新旧対照表 …).  wareki[i] (NULL: none) says
 * c->docs[i] writes its dates in an era (html_uses_wareki() of its whole
 * tree, which the index's stripped documents no longer have): its date
 * is shown 2024年（令和6年）4月1日.
 */
char	*html_index(const struct templates *, const struct corpus *,
	    const unsigned char *wareki, const struct page_link *extras,
	    size_t nextras, size_t *len);

/*
 * The search page from DIR/search.html (NULL: the built-in one), its
 * words Japanese (ja) or English.  Returns the bytes (caller frees) and
 * *len, or NULL with a diagnostic when the template cannot be read.
 */
char	*html_search(const char *tpldir, int ja, struct diags *,
	    size_t *len);

/*
 * Where html_matrix_write() writes its pages: open starts the file name
 * (in the output root) of page no (0: matrix.html and matrix-cols.js),
 * put appends to it, close ends it (rc: 0, or -1 when a put failed and
 * the file is to be dropped).  Each returns 0 or -1.
 */
struct page_sink {
	int	(*open)(void *arg, const char *name, size_t no);
	int	(*put)(void *arg, const char *s, size_t len);
	int	(*close)(void *arg, int rc);
	void	*arg;
};

/*
 * The comparison matrix's pages from DIR/matrix.html (tpldir), in the
 * output root, each streamed through ps (no page is held whole); ja: the
 * pages' words are Japanese, else English (html_site_ja).  With at most
 * maxcols columns, matrix.html is the table whole.  With more, the table is cut
 * into pages of at most maxcols columns, matrix-1.html, matrix-2.html …
 * (html_matrix_pages()), each linking the pages beside it, and
 * matrix.html is their index: every provider, linked to its page showing
 * its columns; matrix-cols.js and matrix-1.js … hold the list of columns
 * and each page's cells for templates/matrix.js, which shows columns of
 * other pages beside a page's own (html_matrix.c says their form).
 * With want (NULL: every page), only the files of the pages no whose
 * want[no] is set, 0 the index and matrix-cols.js (a build that has
 * the others already).  Returns 0, or -1 (a diagnostic when the template
 * cannot be read; a failed write is the sink's to report).
 */
#define MATRIX_PAGE_COLUMNS	100	/* maxcols of a build's matrix */
int	html_matrix_write(const char *tpldir, const struct matrix *,
	    size_t maxcols, int ja, const unsigned char *want,
	    const struct page_sink *ps, struct diags *);
/*
 * Where the pages of a matrix of more than maxcols (>= 1) columns
 * break: *starts (caller frees) holds n + 1 column numbers for the n
 * pages returned, page i showing [starts[i], starts[i + 1]).  A
 * provider's columns stay on one page, unless they are more than a page
 * holds: then they fill pages of their own.
 */
size_t	html_matrix_pages(const struct matrix *, size_t maxcols,
	    size_t **starts);

/*
 * The 新旧対照表 page of a diff (html_diff.c), from diff.html of t (loaded
 * with TPL_DIFF).  root: from the page to the output root.  new_first:
 * columns 改正後 | 改正前.  old_page, new_page: the two revisions' pages
 * from this one, linked from the heading and from each changed clause
 * (to its anchor); NULL where there is none (a page on its own).
 * Returns the bytes (caller frees) and *len.
 */
char	*html_diff(const struct diff *, const struct templates *t,
	    const char *root, int new_first, const char *old_page,
	    const char *new_page, size_t *len);

#endif
