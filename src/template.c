/*
 * Templates, parsed with libxml2 and written around the slots: see
 * template.h.
 *
 * Templates are trusted files of the repository, but they are parsed as
 * strictly as input: explicit UTF-8, no network, no implied elements, and
 * an external entity loader that refuses everything.  The parsed tree is
 * written once into the template's bytes, with HTML's rules: void
 * elements without an end tag, the text of <script> and <style> as it is,
 * every other text and attribute value escaped.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>

#include "assets.h"
#include "buf.h"
#include "diag.h"
#include "hwriter.h"
#include "template.h"
#include "xalloc.h"

#define X(s)	((const xmlChar *)(s))

/* Deeper templates are refused: the writer below recurses. */
#define TPL_MAXDEPTH	256

enum seg_kind {
	SEG_BYTES,	/* bytes[off, off + len) */
	SEG_ROOT,	/* the path to the output root */
	SEG_LANG,	/* ' lang="…"', or bytes[off, …) when none is given */
	SEG_SLOT	/* name's content, or bytes[off, …) when not filled */
};

struct tpl_seg {
	enum seg_kind	 kind;
	size_t		 off, len;
	char		*name;
};

xmlParserInputPtr
xml_refuse_entity(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	(void)url;
	(void)id;
	(void)ctxt;
	return NULL;
}

/*
 * Parse errors are collected into the first error seen.  libxml2 2.9's
 * HTML parser knows HTML 4 only and calls HTML5 elements (header, nav,
 * main, section) unknown; it still builds them as elements, so that one
 * complaint is not an error here.
 */
static void
on_error(void *ctx, xmlErrorPtr e)
{
	xmlError *first = ctx;

	if (e->code == XML_HTML_UNKNOWN_TAG)
		return;
	if (first->code == 0 && e->level >= XML_ERR_ERROR)
		xmlCopyError(e, first);
}

/* ---- splitting a parsed template ---- */

struct split {
	struct buf	 bytes;
	struct tpl_seg	*segs;
	size_t		 nsegs, cap;
	size_t		 run;		/* start of the bytes not in a segment */
	int		 in_slot;	/* inside a slot's own content: no
					   further places to fill */
	const char	*path;
	struct diags	*d;
	int		 bad;
};

static struct tpl_seg *
seg_add(struct split *s, enum seg_kind k)
{
	struct tpl_seg *g;

	if (s->nsegs == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 16;
		s->segs = xreallocarray(s->segs, s->cap, sizeof(*s->segs));
	}
	g = &s->segs[s->nsegs++];
	memset(g, 0, sizeof(*g));
	g->kind = k;
	return g;
}

/* End the run of plain bytes before a place the page fills. */
static void
seg_flush(struct split *s)
{
	struct tpl_seg *g;

	if (s->bytes.len > s->run) {
		g = seg_add(s, SEG_BYTES);
		g->off = s->run;
		g->len = s->bytes.len - s->run;
	}
	s->run = s->bytes.len;
}

static int
is_void(const xmlChar *name)
{
	static const char *const v[] = { "area", "base", "br", "col",
	    "embed", "hr", "img", "input", "link", "meta", "param", "source",
	    "track", "wbr" };
	size_t i;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		if (xmlStrcasecmp(name, X(v[i])) == 0)
			return 1;
	return 0;
}

static int
is_raw_text(const xmlChar *name)
{
	return xmlStrcasecmp(name, X("script")) == 0 ||
	    xmlStrcasecmp(name, X("style")) == 0;
}

static void
put_attr(struct buf *b, const char *name, const xmlChar *v)
{
	buf_putc(b, ' ');
	buf_puts(b, name);
	buf_puts(b, "=\"");
	hw_escape_attr(b, (const char *)v, strlen((const char *)v));
	buf_putc(b, '"');
}

/* href="ROOT" + path: the page's path to the output root, then path. */
static void
put_root_href(struct split *s, const xmlChar *path)
{
	buf_puts(&s->bytes, " href=\"");
	seg_flush(s);
	seg_add(s, SEG_ROOT);
	hw_escape_attr(&s->bytes, (const char *)path,
	    strlen((const char *)path));
	buf_putc(&s->bytes, '"');
}

static void	split_nodes(struct split *, xmlNodePtr, int);

/*
 * A start tag.  data-slot and data-root-href are left out; with the
 * latter, href becomes the root's path and PATH (added if missing); on
 * <html>, lang becomes the page's.
 */
static void
split_start(struct split *s, xmlNodePtr n)
{
	xmlChar *root = s->in_slot ? NULL : xmlGetProp(n, X("data-root-href"));
	xmlChar *v;
	int html = !s->in_slot && xmlStrcasecmp(n->name, X("html")) == 0;
	int had_href = 0;
	int had_lang = 0;
	xmlAttrPtr a;
	struct tpl_seg *g;

	buf_putc(&s->bytes, '<');
	buf_puts(&s->bytes, (const char *)n->name);
	for (a = n->properties; a != NULL; a = a->next) {
		const char *an = (const char *)a->name;

		if (strcmp(an, "data-slot") == 0 ||
		    strcmp(an, "data-root-href") == 0)
			continue;
		if (root != NULL && strcmp(an, "href") == 0) {
			had_href = 1;
			put_root_href(s, root);
			continue;
		}
		if (html && strcmp(an, "lang") == 0) {
			had_lang = 1;
			seg_flush(s);
			g = seg_add(s, SEG_LANG);
			g->off = s->bytes.len;
		}
		if (a->children == NULL || htmlIsBooleanAttr(a->name)) {
			buf_putc(&s->bytes, ' ');
			buf_puts(&s->bytes, an);
		} else {
			v = xmlNodeGetContent((xmlNodePtr)a);
			put_attr(&s->bytes, an, v ? v : X(""));
			xmlFree(v);
		}
		if (html && strcmp(an, "lang") == 0) {
			g = &s->segs[s->nsegs - 1];
			g->len = s->bytes.len - g->off;
			s->run = s->bytes.len;
		}
	}
	if (root != NULL && !had_href)
		put_root_href(s, root);
	if (html && !had_lang) {
		seg_flush(s);
		seg_add(s, SEG_LANG);
	}
	xmlFree(root);
	buf_putc(&s->bytes, '>');
}

static void
split_element(struct split *s, xmlNodePtr n, int depth)
{
	xmlChar *slot;
	struct tpl_seg *g;
	size_t gi;

	if (depth > TPL_MAXDEPTH) {
		if (s->bad++ == 0)
			diag(s->d, s->path, (int)xmlGetLineNo(n), 1,
			    D_TEMPLATE, "elements nested deeper than %d",
			    TPL_MAXDEPTH);
		return;
	}
	slot = s->in_slot ? NULL : xmlGetProp(n, X("data-slot"));
	if (slot != NULL && is_raw_text(n->name)) {
		/* Its text would be published unescaped. */
		diag(s->d, s->path, (int)xmlGetLineNo(n), 1, D_TEMPLATE,
		    "data-slot=\"%s\" on <%s>, whose text is published "
		    "unescaped", (char *)slot, (char *)n->name);
		s->bad++;
	}
	split_start(s, n);
	if (is_void(n->name)) {
		xmlFree(slot);
		return;
	}
	if (slot != NULL) {
		/* The template's own content is kept for a slot not filled. */
		seg_flush(s);
		g = seg_add(s, SEG_SLOT);
		g->name = xstrdup((const char *)slot);
		g->off = s->bytes.len;
		gi = s->nsegs - 1;
		s->in_slot = 1;
		split_nodes(s, n->children, depth + 1);
		s->in_slot = 0;
		g = &s->segs[gi];
		g->len = s->bytes.len - g->off;
		s->run = s->bytes.len;
		xmlFree(slot);
	} else
		split_nodes(s, n->children, depth + 1);
	buf_puts(&s->bytes, "</");
	buf_puts(&s->bytes, (const char *)n->name);
	buf_putc(&s->bytes, '>');
}

static void
split_nodes(struct split *s, xmlNodePtr n, int depth)
{
	xmlDtdPtr dtd;

	for (; n != NULL; n = n->next) {
		switch (n->type) {
		case XML_DTD_NODE:
			dtd = (xmlDtdPtr)n;
			buf_printf(&s->bytes, "<!DOCTYPE %s", dtd->name ?
			    (const char *)dtd->name : "html");
			if (dtd->ExternalID != NULL)
				buf_printf(&s->bytes, " PUBLIC \"%s\"",
				    (const char *)dtd->ExternalID);
			if (dtd->SystemID != NULL)
				buf_printf(&s->bytes, " \"%s\"",
				    (const char *)dtd->SystemID);
			buf_puts(&s->bytes, ">\n");
			break;
		case XML_ELEMENT_NODE:
			split_element(s, n, depth);
			if (depth == 0)
				buf_putc(&s->bytes, '\n');
			break;
		case XML_TEXT_NODE:
		case XML_CDATA_SECTION_NODE:
			if (n->content == NULL)
				break;
			if (n->parent != NULL &&
			    n->parent->type == XML_ELEMENT_NODE &&
			    is_raw_text(n->parent->name))
				buf_puts(&s->bytes, (const char *)n->content);
			else
				hw_escape_text(&s->bytes,
				    (const char *)n->content,
				    strlen((const char *)n->content));
			break;
		case XML_COMMENT_NODE:
			buf_printf(&s->bytes, "<!--%s-->",
			    n->content ? (const char *)n->content : "");
			break;
		default:
			break;
		}
	}
}

/*
 * The slot each template must have, by file name: without it every page
 * made from the template would be published empty, and exit 0.
 */
static const struct {
	const char	*name;
	const char	*slot;
} required[] = {
	{ "page.html", "body" },
	{ "index.html", "providers" },
	{ "diff.html", "rows" },
	{ "matrix.html", "table" }
};

static int
has_slot(const struct split *s, const char *slot)
{
	size_t i;

	for (i = 0; i < s->nsegs; i++)
		if (s->segs[i].kind == SEG_SLOT &&
		    strcmp(s->segs[i].name, slot) == 0)
			return 1;
	return 0;
}

/* Has n attribute name with this value (compared without case)? */
static int
prop_is(xmlNodePtr n, const char *name, const char *value)
{
	xmlChar *v = xmlGetProp(n, X(name));
	int is = v != NULL && xmlStrcasecmp(v, X(value)) == 0;

	xmlFree(v);
	return is;
}

/*
 * A Content-Security-Policy that also allows the page's own <style>:
 * 'unsafe-inline' added to style-src (or a style-src added).  The page
 * still allows no script; and no markup termc writes can carry a style
 * (hwriter.h has no <style> and no style attribute).
 */
static void
csp_allow_style(xmlNodePtr meta)
{
	xmlChar *v = xmlGetProp(meta, X("content"));
	const char *s = v ? (const char *)v : "", *dir;
	struct buf b;

	buf_init(&b);
	if ((dir = strstr(s, "style-src")) != NULL) {
		size_t end = strcspn(dir, ";");

		buf_put(&b, s, (size_t)(dir - s) + end);
		buf_puts(&b, " 'unsafe-inline'");
		buf_puts(&b, dir + end);
	} else {
		buf_puts(&b, s);
		buf_puts(&b, *s ? "; style-src 'unsafe-inline'" :
		    "style-src 'unsafe-inline'");
	}
	xmlSetProp(meta, X("content"), X(b.data));
	buf_release(&b);
	xmlFree(v);
}

/*
 * Is n a <header> or <nav> that holds only white space, as the site's
 * header does once standalone() has taken its home link out?
 */
static int
emptied(xmlNodePtr n)
{
	xmlNodePtr c;
	const xmlChar *t;

	if (xmlStrcasecmp(n->name, X("header")) != 0 &&
	    xmlStrcasecmp(n->name, X("nav")) != 0)
		return 0;
	for (c = n->children; c != NULL; c = c->next) {
		if (c->type != XML_TEXT_NODE)
			return 0;
		for (t = c->content; t != NULL && *t != '\0'; t++)
			if (*t != ' ' && *t != '\t' && *t != '\n')
				return 0;
	}
	return 1;
}

/*
 * Make the page stand alone (tpl_load_standalone): each style sheet of
 * the template set that a <link data-root-href> names is copied into a
 * <style>, the CSP allows it, and every other element that points into
 * the site (data-root-href: the home link) is left out, as no site is
 * there, and a <header> or <nav> it leaves empty with it.  Returns the
 * number of errors.
 */
static int
standalone(xmlNodePtr n, const char *dir, struct diags *d)
{
	xmlNodePtr next, st;
	xmlChar *root;
	char *css, *cpath;
	size_t len;
	int bad = 0;

	for (; n != NULL; n = next) {
		next = n->next;
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (xmlStrcasecmp(n->name, X("meta")) == 0 &&
		    prop_is(n, "http-equiv", "Content-Security-Policy"))
			csp_allow_style(n);
		if ((root = xmlGetProp(n, X("data-root-href"))) == NULL) {
			bad += standalone(n->children, dir, d);
			if (emptied(n)) {
				xmlUnlinkNode(n);
				xmlFreeNode(n);
			}
			continue;
		}
		if (xmlStrcasecmp(n->name, X("link")) == 0 &&
		    prop_is(n, "rel", "stylesheet")) {
			css = asset_read(dir, (const char *)root, &len, &cpath,
			    d);
			if (css == NULL)
				bad++;
			else if (strstr(css, "</") != NULL) {
				/* It would end the <style> early. */
				diag(d, cpath, 0, 0, D_TEMPLATE, "style sheet "
				    "holds \"</\": cannot be put in a page");
				bad++;
			} else {
				st = xmlNewDocNode(n->doc, NULL, X("style"),
				    NULL);
				xmlAddChild(st, xmlNewDocText(n->doc, X(css)));
				xmlAddPrevSibling(n, st);
			}
			free(css);
			free(cpath);
		}
		xmlFree(root);
		xmlUnlinkNode(n);
		xmlFreeNode(n);
	}
	return bad;
}

/*
 * The template is read here and parsed from memory: the entity loader that
 * refuses everything would also refuse libxml2's own open of the file.
 */
static int
load(struct tpl *t, const char *dir, const char *name, int alone,
    struct diags *d)
{
	struct split s;
	htmlDocPtr doc;
	xmlError err;
	size_t len, i;
	char *bytes, *p;

	memset(t, 0, sizeof(*t));
	memset(&err, 0, sizeof(err));
	if ((bytes = asset_read(dir, name, &len, &p, d)) == NULL) {
		free(p);
		return -1;
	}
	xmlSetExternalEntityLoader(xml_refuse_entity);
	xmlSetStructuredErrorFunc(&err, on_error);
	doc = htmlReadMemory(bytes, (int)len, p, "UTF-8",
	    HTML_PARSE_NONET | HTML_PARSE_NOIMPLIED | HTML_PARSE_NOERROR |
	    HTML_PARSE_NOWARNING);
	xmlSetStructuredErrorFunc(NULL, NULL);
	free(bytes);
	if (doc == NULL || err.code != 0) {
		/* libxml2's messages end with a line break. */
		int mlen = err.message ? (int)strcspn(err.message, "\n") : 0;

		diag(d, p, err.line, err.int2 + 1, D_IO, "template: %.*s",
		    err.message ? mlen : 12, err.message ? err.message :
		    "cannot parse");
		xmlResetError(&err);
		if (doc)
			xmlFreeDoc(doc);
		free(p);
		return -1;
	}
	xmlResetError(&err);
	memset(&s, 0, sizeof(s));
	buf_init(&s.bytes);
	s.path = p;
	s.d = d;
	if (alone)
		s.bad += standalone(doc->children, dir, d);
	split_nodes(&s, doc->children, 0);
	seg_flush(&s);
	xmlFreeDoc(doc);
	for (i = 0; i < sizeof(required) / sizeof(required[0]); i++)
		if (strcmp(name, required[i].name) == 0 &&
		    !has_slot(&s, required[i].slot)) {
			diag(d, p, 0, 0, D_TEMPLATE, "%s needs an element "
			    "with data-slot=\"%s\"", name, required[i].slot);
			s.bad++;
		}
	t->path = p;
	t->bytes = buf_detach(&s.bytes);
	t->segs = s.segs;
	t->nsegs = s.nsegs;
	if (s.bad > 0) {
		tpl_release(t);
		return -1;
	}
	return 0;
}

int
tpl_load(struct tpl *t, const char *dir, const char *name, struct diags *d)
{
	return load(t, dir, name, 0, d);
}

int
tpl_load_standalone(struct tpl *t, const char *dir, const char *name,
    struct diags *d)
{
	return load(t, dir, name, 1, d);
}

void
tpl_release(struct tpl *t)
{
	size_t i;

	for (i = 0; i < t->nsegs; i++)
		free(t->segs[i].name);
	free(t->segs);
	free(t->bytes);
	free(t->path);
	memset(t, 0, sizeof(*t));
}

void
tpl_write(const struct tpl *t, struct buf *out, const char *root,
    const char *lang, tpl_fill fill, void *arg)
{
	const struct tpl_seg *g;
	struct hw w;
	size_t i;

	for (i = 0; i < t->nsegs; i++) {
		g = &t->segs[i];
		switch (g->kind) {
		case SEG_BYTES:
			buf_put(out, t->bytes + g->off, g->len);
			break;
		case SEG_ROOT:
			hw_escape_attr(out, root, strlen(root));
			break;
		case SEG_LANG:
			if (lang == NULL) {
				buf_put(out, t->bytes + g->off, g->len);
				break;
			}
			buf_puts(out, " lang=\"");
			hw_escape_attr(out, lang, strlen(lang));
			buf_putc(out, '"');
			break;
		case SEG_SLOT:
			hw_init(&w, out);
			if (fill == NULL || !fill(arg, g->name, &w))
				buf_put(out, t->bytes + g->off, g->len);
			hw_finish(&w);
			break;
		}
	}
}
