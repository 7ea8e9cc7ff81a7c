/*
 * Atom feeds and the sitemap (feed.h), streamed into a buffer by the small
 * XML writer below.  It writes what libxml2's xmlTextWriter wrote for
 * these files, byte for byte (an indent of two spaces a level, an empty
 * element as <name/>, the same references), at a tenth of the cost: a
 * document's feed took 86K instructions through xmlTextWriter, a third of
 * cmark-gfm's parse of a 10 KB document.  As in the HTML writer
 * (hwriter.h), names are this file's constants and every value goes
 * through an escaper; the only thing to get right here is what goes in.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "doc.h"
#include "feed.h"
#include "html.h"
#include "xalloc.h"

#define ATOM_NS		"http://www.w3.org/2005/Atom"
#define SITEMAP_NS	"http://www.sitemaps.org/schemas/sitemap/0.9"

/*
 * The writer: open elements by name (constants of this file, never
 * input), whether the innermost start tag still takes attributes, and
 * whether its content is elements (its end tag then goes on a line of its
 * own) or text.
 */
#define XW_DEPTH	8

struct xw {
	struct buf	 out;
	const char	*open[XW_DEPTH];
	size_t		 depth;
	int		 in_tag;	/* "<name attrs" written, ">" not */
	int		 nested;	/* the innermost holds elements */
};

/*
 * Text as xmlEncodeSpecialChars() escapes it: & < > " and carriage
 * return; attribute values as xmlBufAttrSerializeTxtContent() does for a
 * UTF-8 document: the same and newline and tab (an attribute value's
 * white space is normalized by a parser; a reference keeps it).
 */
static void
escape(struct buf *b, const char *s, int attr)
{
	const char *run = s;
	const char *ref;

	for (;; s++) {
		switch (*s) {
		case '\0':
			buf_put(b, run, (size_t)(s - run));
			return;
		case '&': ref = "&amp;"; break;
		case '<': ref = "&lt;"; break;
		case '>': ref = "&gt;"; break;
		case '"': ref = "&quot;"; break;
		case '\r': ref = "&#13;"; break;
		case '\n': ref = attr ? "&#10;" : NULL; break;
		case '\t': ref = attr ? "&#9;" : NULL; break;
		default: ref = NULL; break;
		}
		if (ref == NULL)
			continue;
		buf_put(b, run, (size_t)(s - run));
		buf_puts(b, ref);
		run = s + 1;
	}
}

static void
xw_indent(struct xw *w, size_t depth)
{
	size_t k;

	for (k = 0; k < depth; k++)
		buf_put(&w->out, "  ", 2);
}

/* End the start tag of the innermost element: its content follows. */
static void
xw_content(struct xw *w)
{
	if (w->in_tag) {
		buf_putc(&w->out, '>');
		w->in_tag = 0;
	}
}

static void
xw_init(struct xw *w)
{
	memset(w, 0, sizeof(*w));
	buf_init(&w->out);
	buf_puts(&w->out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
}

/* Open element name (a constant) on a line of its own. */
static void
xw_start(struct xw *w, const char *name)
{
	if (w->depth == XW_DEPTH)
		abort();	/* the shapes of feed.h are shallower */
	if (w->in_tag) {
		xw_content(w);
		buf_putc(&w->out, '\n');
	}
	xw_indent(w, w->depth);
	buf_putc(&w->out, '<');
	buf_puts(&w->out, name);
	w->open[w->depth++] = name;
	w->in_tag = 1;
	w->nested = 0;
}

static void
xw_attr(struct xw *w, const char *name, const char *value)
{
	buf_putc(&w->out, ' ');
	buf_puts(&w->out, name);
	buf_put(&w->out, "=\"", 2);
	escape(&w->out, value, 1);
	buf_putc(&w->out, '"');
}

static void
xw_text(struct xw *w, const char *s)
{
	xw_content(w);
	escape(&w->out, s, 0);
}

/* Close the innermost element: <name/> when it holds nothing. */
static void
xw_end(struct xw *w)
{
	const char *name = w->open[--w->depth];

	if (w->in_tag) {
		buf_put(&w->out, "/>", 2);
		w->in_tag = 0;
	} else {
		if (w->nested)
			xw_indent(w, w->depth);
		buf_put(&w->out, "</", 2);
		buf_puts(&w->out, name);
		buf_putc(&w->out, '>');
	}
	buf_putc(&w->out, '\n');
	/* Whatever held this element holds elements. */
	w->nested = 1;
}

/* Hand the document's bytes to the caller. */
static char *
xw_done(struct xw *w, size_t *len)
{
	while (w->depth > 0)
		xw_end(w);
	*len = w->out.len;
	return buf_detach(&w->out);
}

/* <name>text</name>; an empty text still gives both tags. */
static void
xw_leaf(struct xw *w, const char *name, const char *s)
{
	xw_start(w, name);
	xw_text(w, s);
	xw_end(w);
}

/*
 * Append the strings given, up to a NULL: the feeds' ids, titles and
 * links are strings end to end, which buf_printf() parsed a format to
 * join (a thousand instructions a call, ten calls a document).
 */
static void
cat(struct buf *b, ...)
{
	const char *s;
	va_list ap;

	va_start(ap, b);
	while ((s = va_arg(ap, const char *)) != NULL)
		buf_puts(b, s);
	va_end(ap);
}

/*
 * A name-based UUID (RFC 9562 version 8: the bits are ours) of key: two
 * FNV-1a hashes of 64 bits with different offsets.  Not for secrecy; only
 * stable and, for a site's few thousand keys, distinct.
 */
static void
put_uuid(struct buf *b, const char *key)
{
	uint64_t h[2] = { 0xcbf29ce484222325ULL, 0x84222325cbf29ce4ULL };
	unsigned char u[16];
	const unsigned char *p;
	size_t k;

	for (k = 0; k < 2; k++)
		for (p = (const unsigned char *)key; *p != '\0'; p++)
			h[k] = (h[k] ^ *p) * 0x100000001b3ULL;
	for (k = 0; k < 16; k++)
		u[k] = (unsigned char)(h[k / 8] >> (8 * (7 - k % 8)));
	u[6] = (unsigned char)((u[6] & 0x0f) | 0x80);	/* version 8 */
	u[8] = (unsigned char)((u[8] & 0x3f) | 0x80);	/* RFC variant */
	buf_puts(b, "urn:uuid:");
	for (k = 0; k < 16; k++) {
		if (k == 4 || k == 6 || k == 8 || k == 10)
			buf_putc(b, '-');
		/* Two hex digits, not buf_printf(): 16 of them an entry. */
		buf_putc(b, "0123456789abcdef"[u[k] >> 4]);
		buf_putc(b, "0123456789abcdef"[u[k] & 0x0f]);
	}
}

/* <id> of key, "termc-feed:" + key: see put_uuid(). */
static void
id_element(struct xw *w, const char *key)
{
	struct buf b, k;

	buf_init(&k);
	cat(&k, "termc-feed:", key, (char *)NULL);
	buf_init(&b);
	put_uuid(&b, k.data);
	xw_leaf(w, "id", b.data);
	buf_release(&b);
	buf_release(&k);
}

/* A revision date as an Atom date: midnight UTC of that day. */
static void
date_element(struct xw *w, const char *name, const char *date)
{
	struct buf b;

	buf_init(&b);
	cat(&b, date, "T00:00:00Z", (char *)NULL);
	xw_leaf(w, name, b.data);
	buf_release(&b);
}

/*
 * The URL of the page file of m's document: under base, or, without
 * one, relative to a feed in the site's root (in_doc 0) or in the
 * document's own folder.
 */
static void
put_href(struct buf *b, const char *base, int in_doc, const struct meta *m,
    const char *file)
{
	if (base != NULL)
		buf_puts(b, base);
	if (base != NULL || !in_doc)
		cat(b, m->provider, "/", m->document, "/", (char *)NULL);
	buf_puts(b, file);
}

/* <link rel=REL> to href, which it releases. */
static void
link_element(struct xw *w, const char *rel, const char *title,
    struct buf *href)
{
	xw_start(w, "link");
	xw_attr(w, "rel", rel);
	if (strcmp(rel, "self") != 0)
		xw_attr(w, "type", "text/html");
	if (title != NULL)
		xw_attr(w, "title", title);
	xw_attr(w, "href", href->data);
	xw_end(w);
	buf_release(href);
}

/* <link rel=REL> to the page file of m's document (put_href()). */
static void
link_page(struct xw *w, const char *rel, const char *title,
    const char *base, int in_doc, const struct meta *m, const char *file)
{
	struct buf href;

	buf_init(&href);
	put_href(&href, base, in_doc, m, file);
	link_element(w, rel, title, &href);
}

static int
ja(const struct doc *d)
{
	return d->meta.lang == NULL || strcmp(d->meta.lang, "ja") == 0;
}

/* One revision, docs[j] of c. */
static void
entry(struct xw *w, const struct corpus *c, const char *const *sums,
    size_t j, const char *base, int in_doc)
{
	const struct doc *d = c->docs[j];
	const struct meta *m = &d->meta;
	struct buf b;
	size_t k;

	xw_start(w, "entry");
	xw_attr(w, "xml:lang", m->lang != NULL ? m->lang : "ja");
	buf_init(&b);
	cat(&b, m->provider, "/", m->document, "/", m->revision,
	    (char *)NULL);
	id_element(w, b.data);
	buf_release(&b);
	buf_init(&b);
	cat(&b, m->title, ja(d) ? "（" : " (", m->revision, ja(d) ? "）" : ")",
	    (char *)NULL);
	xw_leaf(w, "title", b.data);
	buf_release(&b);
	date_element(w, "updated", m->revision);
	xw_start(w, "author");
	xw_leaf(w, "name", m->provider_name);
	xw_end(w);
	buf_init(&b);
	cat(&b, m->revision, ".html", (char *)NULL);
	link_page(w, "alternate", NULL, base, in_doc, m, b.data);
	buf_release(&b);
	buf_init(&b);
	if (sums[j] != NULL) {
		cat(&b, "diff-", c->docs[j - 1]->meta.revision, "-",
		    m->revision, ".html", (char *)NULL);
		link_page(w, "related", ja(d) ? "新旧対照表" :
		    "Comparison with the previous revision", base, in_doc, m,
		    b.data);
		buf_release(&b);
		buf_init(&b);
		buf_puts(&b, sums[j]);
		if (b.len > 0 && b.data[b.len - 1] == '\n')
			b.data[--b.len] = '\0';
	} else
		buf_puts(&b, "first published revision");
	xw_leaf(w, "summary", b.data);
	buf_release(&b);
	if (m->nchanges > 0) {
		buf_init(&b);
		for (k = 0; k < m->nchanges; k++)
			cat(&b, k > 0 ? "\n" : "", m->changes[k], (char *)NULL);
		xw_start(w, "content");
		xw_attr(w, "type", "text");
		xw_text(w, b.data);
		xw_end(w);
		buf_release(&b);
	}
	xw_end(w);
}

/*
 * Entries go newest revision first; on one date, in corpus order (by
 * provider and document), which the index keeps from qsort's whims.
 */
struct by_date {
	const char	*revision;
	size_t		 i;
};

static int
newest_first(const void *a, const void *b)
{
	const struct by_date *x = a, *y = b;
	int r = strcmp(y->revision, x->revision);

	return r != 0 ? r : (x->i > y->i) - (x->i < y->i);
}

/*
 * The feed of docs[from, to): the whole site (in_doc 0) or one document.
 */
static char *
feed(const struct corpus *c, const char *const *sums, size_t from,
    size_t to, const char *base, int in_doc, size_t *len)
{
	const struct meta *m = &c->docs[from]->meta;
	struct xw xw, *w = &xw;
	struct buf b, href;
	struct by_date *order;
	size_t n = to - from, k;

	order = xreallocarray(NULL, n, sizeof(*order));
	for (k = 0; k < n; k++) {
		order[k].revision = c->docs[from + k]->meta.revision;
		order[k].i = from + k;
	}
	qsort(order, n, sizeof(*order), newest_first);
	xw_init(w);
	xw_start(w, "feed");
	xw_attr(w, "xmlns", ATOM_NS);
	buf_init(&b);
	if (in_doc)
		cat(&b, m->provider, "/", m->document, "/feed", (char *)NULL);
	else
		buf_puts(&b, "feed");
	id_element(w, b.data);
	buf_release(&b);
	buf_init(&b);
	if (in_doc)
		cat(&b, c->docs[order[0].i]->meta.title,
		    ja(c->docs[order[0].i]) ? "（" : " (", m->provider_name,
		    ja(c->docs[order[0].i]) ? "）の改定" : "): revisions",
		    (char *)NULL);
	else
		buf_puts(&b, html_site_ja(c) ? "約款の改定" :
		    "Revisions of the terms");
	xw_leaf(w, "title", b.data);
	buf_release(&b);
	date_element(w, "updated", c->docs[order[0].i]->meta.revision);
	buf_init(&href);
	if (base != NULL && in_doc)
		cat(&href, base, m->provider, "/", m->document, "/feed.atom",
		    (char *)NULL);
	else
		cat(&href, base != NULL ? base : "", "feed.atom", (char *)NULL);
	link_element(w, "self", NULL, &href);
	buf_init(&href);
	if (in_doc) {
		buf_init(&b);
		cat(&b, c->docs[to - 1]->meta.revision, ".html", (char *)NULL);
		put_href(&href, base, 1, m, b.data);
		buf_release(&b);
	} else
		cat(&href, base != NULL ? base : "", "index.html", (char *)NULL);
	link_element(w, "alternate", NULL, &href);
	xw_leaf(w, "generator", "termc");
	if (!in_doc && n > FEED_SITE_MAX)
		n = FEED_SITE_MAX;
	for (k = 0; k < n; k++)
		entry(w, c, sums, order[k].i, base, in_doc);
	xw_end(w);
	free(order);
	return xw_done(w, len);
}

char *
feed_site(const struct corpus *c, const char *const *sums,
    const char *base, size_t *len)
{
	return feed(c, sums, 0, c->n, base, 0, len);
}

char *
feed_document(const struct corpus *c, const char *const *sums,
    size_t from, size_t to, const char *base, size_t *len)
{
	return feed(c, sums, from, to, base, 1, len);
}

static void
url(struct xw *w, struct buf *loc, const char *date)
{
	xw_start(w, "url");
	xw_leaf(w, "loc", loc->data);
	xw_leaf(w, "lastmod", date);
	xw_end(w);
	buf_release(loc);
}

char *
feed_sitemap(const struct corpus *c, const char *base, int matrix,
    size_t *len)
{
	const struct meta *m;
	const char *newest = c->docs[0]->meta.revision;
	struct xw xw, *w = &xw;
	struct buf loc;
	size_t i, j, end;

	for (i = 1; i < c->n; i++)
		if (strcmp(c->docs[i]->meta.revision, newest) > 0)
			newest = c->docs[i]->meta.revision;
	xw_init(w);
	xw_start(w, "urlset");
	xw_attr(w, "xmlns", SITEMAP_NS);
	buf_init(&loc);
	buf_printf(&loc, "%sindex.html", base);
	url(w, &loc, newest);
	if (matrix) {
		buf_init(&loc);
		buf_printf(&loc, "%smatrix.html", base);
		url(w, &loc, newest);
	}
	/*
	 * Every page of a document changes when a revision is added (the
	 * list of revisions, the link to the new 新旧対照表): all take the
	 * date of its newest revision.
	 */
	for (i = 0; i < c->n; i = end) {
		end = corpus_group_end(c, i);
		newest = c->docs[end - 1]->meta.revision;
		for (j = i; j < end; j++) {
			m = &c->docs[j]->meta;
			buf_init(&loc);
			buf_printf(&loc, "%s%s/%s/%s.html", base, m->provider,
			    m->document, m->revision);
			url(w, &loc, newest);
			if (j == i)
				continue;
			buf_init(&loc);
			buf_printf(&loc, "%s%s/%s/diff-%s-%s.html", base,
			    m->provider, m->document,
			    c->docs[j - 1]->meta.revision, m->revision);
			url(w, &loc, newest);
		}
	}
	xw_end(w);
	return xw_done(w, len);
}

int
feed_base_ok(const char *s)
{
	const char *host;

	if (strncmp(s, "https://", 8) == 0)
		host = s + 8;
	else if (strncmp(s, "http://", 7) == 0)
		host = s + 7;
	else
		return 0;
	if (*host == '\0' || *host == '/')
		return 0;
	for (; *s != '\0'; s++)
		if ((unsigned char)*s <= ' ' || (unsigned char)*s >= 0x7f ||
		    strchr("\"'<>\\`#", *s) != NULL)
			return 0;
	return 1;
}
