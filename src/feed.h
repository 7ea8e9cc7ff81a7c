/*
 * What a site offers to programs that follow it: Atom feeds of revisions
 * (RFC 4287), site-wide and per document, and a sitemap (sitemaps.org
 * 0.9).  XML outputs, written with libxml2's xmlTextWriter; no libxml2
 * type leaves feed.c.
 *
 * Every date comes from the sources (a revision's date, taken as
 * midnight UTC), never from the clock, so two builds of the same input
 * give the same bytes.  An entry is one published revision: its page, its
 * 新旧対照表 with the revision before (when there is one), the change
 * summary of that diff (diff_summary(), as termc diff prints it) and the
 * changes its front matter declares.  Atom ids are urn:uuid names made
 * from the provider, document and revision alone, so that they stay the
 * same when the site moves or gains a base URL.
 *
 * base is the site's public URL ending in "/" (termc build --base-url),
 * or NULL: links are then relative to the feed's own place, which Atom
 * resolves against the feed's URL.  A sitemap needs absolute URLs: it is
 * only written with a base.
 */
#ifndef TERMC_FEED_H
#define TERMC_FEED_H

#include <stddef.h>

struct corpus;

/*
 * The site's feed holds its newest revisions only: what a reader polls
 * stays small however many documents the site has.  A document's feed
 * holds every revision of it.
 */
#define FEED_SITE_MAX	100

/*
 * The feed of the FEED_SITE_MAX newest revisions of c, newest first, for
 * DIR/feed.atom.
 * sums[j] is the summary of the diff of docs[j - 1] and docs[j]
 * (diff_summary(), as termc diff prints it), or NULL where docs[j] starts
 * its document: a feed needs the documents' metadata only, not their
 * trees.
 * Returns the document, *len bytes; caller frees.
 */
char	*feed_site(const struct corpus *c, const char *const *sums,
	    const char *base, size_t *len);
/*
 * The feed of one document, the revisions docs[from, to) of c (one
 * corpus_group_end() group), newest first, for
 * DIR/<provider>/<document>/feed.atom.
 */
char	*feed_document(const struct corpus *c, const char *const *sums,
	    size_t from, size_t to, const char *base, size_t *len);
/*
 * sitemap.xml under base (not NULL): the index, the matrix when matrix
 * is set, and every revision page and 新旧対照表, each dated by the
 * newest revision it shows or links (its document's; the site's for the
 * index and the matrix).
 */
char	*feed_sitemap(const struct corpus *c, const char *base, int matrix,
	    size_t *len);
/*
 * Is s fit to be a base URL: http:// or https:// and a host, printable
 * ASCII only (a sitemap wants URLs escaped), no space, quote, angle
 * bracket, backslash, backquote or fragment?
 */
int	 feed_base_ok(const char *s);

#endif
