/*
 * Templates: plain HTML files that a designer can open in a browser, with
 * marked slots the compiler fills.  Each is parsed once with libxml2 and
 * split into its own bytes and the places a page fills in:
 *
 *   data-slot="NAME"       the element's children are replaced
 *   data-root-href="PATH"  href becomes the path from the page to PATH
 *                          in the output root
 *   <html lang>            the page's language
 *
 * Both data- attributes are removed from the output.  Pages are then
 * written in one pass (tpl_write): the template's bytes, and in each slot
 * what the caller writes through the HTML writer (hwriter.h).
 */
#ifndef TERMC_TEMPLATE_H
#define TERMC_TEMPLATE_H

#include <stddef.h>

#include <libxml/parser.h>

struct buf;
struct diags;
struct hw;
struct tpl_seg;

struct tpl {
	char		*path;
	char		*bytes;		/* the template's own bytes */
	struct tpl_seg	*segs;		/* what to write, in order */
	size_t		 nsegs;
};

/* The loaded templates (html.h's templates_load); unloaded ones are zero. */
struct templates {
	struct tpl	page;
	struct tpl	index;
	struct tpl	diff;
};

/*
 * The external entity loader every libxml2 parse of termc sets: it loads
 * nothing (no DTD, no entity, no network), whatever the input asks.
 */
xmlParserInputPtr xml_refuse_entity(const char *url, const char *id,
		    xmlParserCtxtPtr ctxt);

/*
 * Parse dir/name into t (dir NULL: the built-in copy, assets.h).
 * Returns 0, or -1 with a diagnostic: also for a template with a
 * data-slot on <script> or <style> (their text is not escaped) or
 * without the slot its name requires (page.html body, index.html
 * providers, diff.html rows, matrix.html table).
 */
int	tpl_load(struct tpl *t, const char *dir, const char *name,
	    struct diags *d);
/*
 * As tpl_load, for a page read on its own, outside a site: the style
 * sheets its <link data-root-href>s name (from dir, or built in) are put
 * in the page as <style>, its Content-Security-Policy allows them, and
 * its other links into the site (data-root-href) are left out.
 */
int	tpl_load_standalone(struct tpl *t, const char *dir, const char *name,
	    struct diags *d);
void	tpl_release(struct tpl *);

/*
 * Fills a slot: writes its content through w and returns 1, or returns 0
 * to keep the template's own content of the slot.  What it leaves open
 * is closed at the slot's end.
 */
typedef int	(*tpl_fill)(void *arg, const char *slot, struct hw *w);

/*
 * Append a page made from t to out: data-root-href paths prefixed with
 * root ("../../"), the html lang set to lang (NULL: the template's), and
 * each slot filled by fill.
 */
void	tpl_write(const struct tpl *t, struct buf *out, const char *root,
	    const char *lang, tpl_fill fill, void *arg);

#endif
