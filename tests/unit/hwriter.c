/*
 * Unit tests for hwriter.c and template.c: text and attribute values are
 * escaped, unsafe hrefs are left out, elements close in order and
 * hw_finish() closes what is left open; a template's bytes come back
 * around its slots, with data- attributes gone, the root path and the
 * language set, and a slot not filled keeps its own content.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "diag.h"
#include "hwriter.h"
#include "tap.h"
#include "template.h"
#include "text.h"

static int
fill(void *arg, const char *slot, struct hw *w)
{
	(void)arg;
	if (strcmp(slot, "body") != 0)
		return 0;
	hw_open(w, HW_P, "x\"y");
	hw_texts(w, "<b>&");
	return 1;	/* the <p> is left open: the slot's end closes it */
}

/*
 * The escaper tests eight bytes at a time: a special byte at every offset
 * of a word, among Japanese text, ASCII and bytes just above and below the
 * word test's bound (0x3f, 0x40), comes out as a byte-by-byte escaper
 * writes it; in text, " stays as it is.
 */
static void
escape_words(void)
{
	static const char *const fill[] = { "\xe7\xac\xac", "ab", "?@", "\x7f" };
	static const char spec[] = "&<>\"";
	struct buf got, want;
	char in[64];
	size_t n, f, k, pos, i, bad = 0;
	int attr;

	buf_init(&got);
	buf_init(&want);
	for (n = 0; n < 4 * 4 * 24 * 2; n++) {
		f = n % 4;
		k = n / 4 % 4;
		pos = n / 16 % 24;
		attr = n / (16 * 24) == 1;
		in[0] = '\0';
		while (strlen(in) + strlen(fill[f]) < 40)
			strcat(in, fill[f]);
		in[pos] = spec[k];
		buf_reset(&got);
		buf_reset(&want);
		(attr ? hw_escape_attr : hw_escape_text)(&got, in, strlen(in));
		for (i = 0; in[i] != '\0'; i++)
			if (in[i] == '&')
				buf_puts(&want, "&amp;");
			else if (in[i] == '<')
				buf_puts(&want, "&lt;");
			else if (in[i] == '>')
				buf_puts(&want, "&gt;");
			else if (in[i] == '"' && attr)
				buf_puts(&want, "&quot;");
			else
				buf_putc(&want, in[i]);
		bad += strcmp(got.data, want.data) != 0;
	}
	tap(bad == 0, "escaping: a special byte at every offset of a word");
	buf_release(&got);
	buf_release(&want);
}

int
main(void)
{
	struct buf b;
	struct hw w;
	struct tpl t;
	struct diags d;
	char dir[] = "/tmp/termc-hw-XXXXXX", path[64];
	FILE *f;

	escape_words();
	buf_init(&b);
	hw_init(&w, &b);
	hw_open(&w, HW_P, NULL);
	hw_texts(&w, "a<b>&\"c\"");
	hw_open(&w, HW_A, "k");
	hw_attr(&w, HA_HREF, "?q=1&r=\"2\"");
	hw_attr(&w, HA_TITLE, "<>");
	hw_lines(&w, "x\ny", 3);
	hw_close(&w);
	hw_finish(&w);
	tap_str(b.data, "<p>a&lt;b&gt;&amp;\"c\"<a class=\"k\" "
	    "href=\"?q=1&amp;r=&quot;2&quot;\" title=\"&lt;&gt;\">x<br>y</a></p>",
	    "text and values escaped, <br> void, elements closed in order");

	buf_reset(&b);
	hw_init(&w, &b);
	hw_link(&w, "java\tscript:alert(1)", NULL, "x");
	hw_link(&w, "JAVASCRIPT:alert(1)", NULL, "y");
	hw_link(&w, "data:text/html,x", NULL, "z");
	hw_link(&w, "https://example.com/", NULL, "ok");
	hw_link(&w, "a-very-long-relative-page-name.html", NULL, "rel");
	hw_finish(&w);
	tap_str(b.data, "<a>x</a><a>y</a><a>z</a>"
	    "<a href=\"https://example.com/\">ok</a>"
	    "<a href=\"a-very-long-relative-page-name.html\">rel</a>",
	    "unsafe hrefs left out, safe and long relative ones kept");

	tap(url_is_safe("mailto:a@example.com") &&
	    !url_is_safe("vbscript:x") && !url_is_safe("java%09script:x") &&
	    url_is_safe("#a1") && url_is_safe("../x.html") &&
	    !url_is_safe("averyveryveryverylongscheme:x"),
	    "url_is_safe: schemes and relative paths");

	if (mkdtemp(dir) == NULL)
		return 1;
	snprintf(path, sizeof(path), "%s/page.html", dir);
	if ((f = fopen(path, "w")) == NULL)
		return 1;
	fputs("<!DOCTYPE html>\n<html lang=\"ja\"><head><title data-slot=\"t\">"
	    "T&amp;</title><link rel=\"stylesheet\" href=\"x.css\" "
	    "data-root-href=\"style.css\"></head><body><div data-slot=\"body\">"
	    "<i>sample</i></div><script src=\"s.js\" defer></script>"
	    "</body></html>\n", f);
	fclose(f);
	diags_init(&d);
	tap(tpl_load(&t, dir, "page.html", &d) == 0, "template loads");
	buf_reset(&b);
	tpl_write(&t, &b, "../../", "en", fill, NULL);
	tap_str(b.data, "<!DOCTYPE html>\n<html lang=\"en\"><head><title>T&amp;"
	    "</title><link rel=\"stylesheet\" href=\"../../style.css\"></head>"
	    "<body><div><p class=\"x&quot;y\">&lt;b&gt;&amp;</p></div>"
	    "<script src=\"s.js\" defer></script></body></html>\n",
	    "template written around its slots");
	tpl_release(&t);
	remove(path);

	/* A slot on <script> is refused: its text would not be escaped. */
	if ((f = fopen(path, "w")) == NULL)
		return 1;
	fputs("<html><body><div data-slot=\"body\"></div>"
	    "<script data-slot=\"x\"></script></body></html>", f);
	fclose(f);
	tap(tpl_load(&t, dir, "page.html", &d) == -1 && d.n > 0,
	    "a slot on <script> is refused");
	remove(path);

	/*
	 * Deeper than the splitter recurses: refused with a diagnostic, not
	 * a crash (libxml2's parser refuses past 256 levels before it).
	 */
	if ((f = fopen(path, "w")) == NULL)
		return 1;
	fputs("<html><body><div data-slot=\"body\"></div>", f);
	for (int i = 0; i < 300; i++)
		fputs("<div>", f);
	fputs("</body></html>", f);
	fclose(f);
	{
		size_t before = d.n;

		tap(tpl_load(&t, dir, "page.html", &d) == -1 && d.n > before &&
		    d.v[d.n - 1].detail != NULL &&
		    strchr(d.v[d.n - 1].detail, '\n') == NULL,
		    "a template nested too deep is refused, on one line");
	}
	remove(path);
	rmdir(dir);
	diags_release(&d);
	buf_release(&b);
	return tap_failed ? 1 : 0;
}
