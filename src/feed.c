/*
 * Atom feeds and the sitemap (feed.h), written with libxml2's
 * xmlTextWriter into memory.  The writer escapes every text and
 * attribute value; the only thing to get right here is what goes in.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlwriter.h>

#include "buf.h"
#include "doc.h"
#include "feed.h"
#include "html.h"
#include "xalloc.h"

#define ATOM_NS		"http://www.w3.org/2005/Atom"
#define SITEMAP_NS	"http://www.sitemaps.org/schemas/sitemap/0.9"

/*
 * A writer into memory fails only when libxml2 runs out of memory: abort,
 * as every allocation of termc does.
 */
static void
xw(int rc)
{
	if (rc < 0)
		xalloc_die();
}

static xmlTextWriterPtr
writer_new(xmlBufferPtr *out)
{
	xmlTextWriterPtr w;

	if ((*out = xmlBufferCreate()) == NULL ||
	    (w = xmlNewTextWriterMemory(*out, 0)) == NULL)
		xalloc_die();
	xw(xmlTextWriterSetIndent(w, 1));
	xw(xmlTextWriterSetIndentString(w, BAD_CAST "  "));
	xw(xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL));
	return w;
}

/* End the document and hand its bytes to the caller. */
static char *
writer_done(xmlTextWriterPtr w, xmlBufferPtr out, size_t *len)
{
	char *s;

	xw(xmlTextWriterEndDocument(w));
	xmlFreeTextWriter(w);
	*len = (size_t)xmlBufferLength(out);
	s = xmalloc(*len + 1);
	memcpy(s, xmlBufferContent(out), *len);
	s[*len] = '\0';
	xmlBufferFree(out);
	return s;
}

static void
element(xmlTextWriterPtr w, const char *name, const char *text)
{
	xw(xmlTextWriterWriteElement(w, BAD_CAST name, BAD_CAST text));
}

static void
attribute(xmlTextWriterPtr w, const char *name, const char *value)
{
	xw(xmlTextWriterWriteAttribute(w, BAD_CAST name, BAD_CAST value));
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
	const unsigned char *p;
	char x[32];
	size_t k;

	for (k = 0; k < 2; k++)
		for (p = (const unsigned char *)key; *p != '\0'; p++)
			h[k] = (h[k] ^ *p) * 0x100000001b3ULL;
	/* Version 8 in byte 6's high nibble, the RFC variant in byte 8's
	   top bits: the hashes are the UUID's bytes, big-endian. */
	h[0] = (h[0] & ~(0xfULL << 12)) | (0x8ULL << 12);
	h[1] = (h[1] & ~(0x3ULL << 62)) | (0x2ULL << 62);
	hex64(x, h[0]);
	hex64(x + 16, h[1]);
	buf_puts(b, "urn:uuid:");
	buf_put(b, x, 8);
	for (k = 8; k < 20; k += 4) {
		buf_putc(b, '-');
		buf_put(b, x + k, 4);
	}
	buf_putc(b, '-');
	buf_put(b, x + 20, 12);
}

/* <id> of key, "termc-feed:" + key: see put_uuid(). */
static void
id_element(xmlTextWriterPtr w, const char *key)
{
	struct buf b, k;

	buf_init(&k);
	buf_printf(&k, "termc-feed:%s", key);
	buf_init(&b);
	put_uuid(&b, k.data);
	element(w, "id", b.data);
	buf_release(&b);
	buf_release(&k);
}

/* A revision date as an Atom date: midnight UTC of that day. */
static void
date_element(xmlTextWriterPtr w, const char *name, const char *date)
{
	struct buf b;

	buf_init(&b);
	buf_printf(&b, "%sT00:00:00Z", date);
	element(w, name, b.data);
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
		buf_printf(b, "%s/%s/", m->provider, m->document);
	buf_puts(b, file);
}

/* <link rel=REL> to href, which it releases. */
static void
link_element(xmlTextWriterPtr w, const char *rel, const char *title,
    struct buf *href)
{
	xw(xmlTextWriterStartElement(w, BAD_CAST "link"));
	attribute(w, "rel", rel);
	if (strcmp(rel, "self") != 0)
		attribute(w, "type", "text/html");
	if (title != NULL)
		attribute(w, "title", title);
	attribute(w, "href", href->data);
	xw(xmlTextWriterEndElement(w));
	buf_release(href);
}

/* <link rel=REL> to the page file of m's document (put_href()). */
static void
link_page(xmlTextWriterPtr w, const char *rel, const char *title,
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
entry(xmlTextWriterPtr w, const struct corpus *c, const char *const *sums,
    size_t j, const char *base, int in_doc)
{
	const struct doc *d = c->docs[j];
	const struct meta *m = &d->meta;
	struct buf b;
	size_t k;

	xw(xmlTextWriterStartElement(w, BAD_CAST "entry"));
	xw(xmlTextWriterWriteAttribute(w, BAD_CAST "xml:lang",
	    BAD_CAST (m->lang != NULL ? m->lang : "ja")));
	buf_init(&b);
	buf_printf(&b, "%s/%s/%s", m->provider, m->document, m->revision);
	id_element(w, b.data);
	buf_release(&b);
	buf_init(&b);
	buf_printf(&b, ja(d) ? "%s（%s）" : "%s (%s)", m->title, m->revision);
	element(w, "title", b.data);
	buf_release(&b);
	date_element(w, "updated", m->revision);
	xw(xmlTextWriterStartElement(w, BAD_CAST "author"));
	element(w, "name", m->provider_name);
	xw(xmlTextWriterEndElement(w));
	buf_init(&b);
	buf_printf(&b, "%s.html", m->revision);
	link_page(w, "alternate", NULL, base, in_doc, m, b.data);
	buf_release(&b);
	buf_init(&b);
	if (sums[j] != NULL) {
		buf_printf(&b, "diff-%s-%s.html", c->docs[j - 1]->meta.revision,
		    m->revision);
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
	element(w, "summary", b.data);
	buf_release(&b);
	if (m->nchanges > 0) {
		buf_init(&b);
		for (k = 0; k < m->nchanges; k++)
			buf_printf(&b, "%s%s", k > 0 ? "\n" : "",
			    m->changes[k]);
		xw(xmlTextWriterStartElement(w, BAD_CAST "content"));
		attribute(w, "type", "text");
		xw(xmlTextWriterWriteString(w, BAD_CAST b.data));
		xw(xmlTextWriterEndElement(w));
		buf_release(&b);
	}
	xw(xmlTextWriterEndElement(w));
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
	xmlBufferPtr out;
	xmlTextWriterPtr w;
	struct buf b, href;
	struct by_date *order;
	size_t n = to - from, k;

	order = xreallocarray(NULL, n, sizeof(*order));
	for (k = 0; k < n; k++) {
		order[k].revision = c->docs[from + k]->meta.revision;
		order[k].i = from + k;
	}
	qsort(order, n, sizeof(*order), newest_first);
	w = writer_new(&out);
	xw(xmlTextWriterStartElementNS(w, NULL, BAD_CAST "feed",
	    BAD_CAST ATOM_NS));
	buf_init(&b);
	if (in_doc)
		buf_printf(&b, "%s/%s/feed", m->provider, m->document);
	else
		buf_puts(&b, "feed");
	id_element(w, b.data);
	buf_release(&b);
	buf_init(&b);
	if (in_doc)
		buf_printf(&b, ja(c->docs[order[0].i]) ? "%s（%s）の改定" :
		    "%s (%s): revisions", c->docs[order[0].i]->meta.title,
		    m->provider_name);
	else
		buf_puts(&b, html_site_ja(c) ? "約款の改定" :
		    "Revisions of the terms");
	element(w, "title", b.data);
	buf_release(&b);
	date_element(w, "updated", c->docs[order[0].i]->meta.revision);
	buf_init(&href);
	if (base != NULL && in_doc)
		buf_printf(&href, "%s%s/%s/feed.atom", base, m->provider,
		    m->document);
	else
		buf_printf(&href, "%sfeed.atom", base != NULL ? base : "");
	link_element(w, "self", NULL, &href);
	buf_init(&href);
	if (in_doc) {
		buf_init(&b);
		buf_printf(&b, "%s.html", c->docs[to - 1]->meta.revision);
		put_href(&href, base, 1, m, b.data);
		buf_release(&b);
	} else
		buf_printf(&href, "%sindex.html", base != NULL ? base : "");
	link_element(w, "alternate", NULL, &href);
	element(w, "generator", "termc");
	if (!in_doc && n > FEED_SITE_MAX)
		n = FEED_SITE_MAX;
	for (k = 0; k < n; k++)
		entry(w, c, sums, order[k].i, base, in_doc);
	xw(xmlTextWriterEndElement(w));
	free(order);
	return writer_done(w, out, len);
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
url(xmlTextWriterPtr w, struct buf *loc, const char *date)
{
	xw(xmlTextWriterStartElement(w, BAD_CAST "url"));
	element(w, "loc", loc->data);
	element(w, "lastmod", date);
	xw(xmlTextWriterEndElement(w));
	buf_release(loc);
}

char *
feed_sitemap(const struct corpus *c, const char *base, int matrix,
    size_t *len)
{
	const struct meta *m;
	const char *newest = c->docs[0]->meta.revision;
	xmlBufferPtr out;
	xmlTextWriterPtr w;
	struct buf loc;
	size_t i, j, end;

	for (i = 1; i < c->n; i++)
		if (strcmp(c->docs[i]->meta.revision, newest) > 0)
			newest = c->docs[i]->meta.revision;
	w = writer_new(&out);
	xw(xmlTextWriterStartElementNS(w, NULL, BAD_CAST "urlset",
	    BAD_CAST SITEMAP_NS));
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
	xw(xmlTextWriterEndElement(w));
	return writer_done(w, out, len);
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
