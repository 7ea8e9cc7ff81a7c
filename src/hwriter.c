/*
 * The HTML writer: see hwriter.h.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "hwriter.h"
#include "text.h"
#include "xalloc.h"

#define HWF_VOID	1	/* no content, no end tag */

/*
 * Each tag's start ("<p", its attributes and '>' to follow) and end
 * ("</p>") as written, with their lengths: a tag is one append of known
 * length, not two or three (nor through strlen()).
 */
#define NAME(s)	s, sizeof(s) - 1
#define TAG(s)	"<" s, sizeof(s), "</" s ">", sizeof(s) + 2

static const struct {
	const char	*start;
	size_t		 startlen;
	const char	*end;
	size_t		 endlen;
	int		 flags;
} tags[HW__TAGS] = {
	[HW_A] = { TAG("a"), 0 },
	[HW_BR] = { TAG("br"), HWF_VOID },
	[HW_CODE] = { TAG("code"), 0 },
	[HW_DD] = { TAG("dd"), 0 },
	[HW_DEL] = { TAG("del"), 0 },
	[HW_DETAILS] = { TAG("details"), 0 },
	[HW_DIV] = { TAG("div"), 0 },
	[HW_DL] = { TAG("dl"), 0 },
	[HW_DT] = { TAG("dt"), 0 },
	[HW_EM] = { TAG("em"), 0 },
	[HW_FIGURE] = { TAG("figure"), 0 },
	[HW_IMG] = { TAG("img"), HWF_VOID },
	[HW_H1] = { TAG("h1"), 0 },
	[HW_H2] = { TAG("h2"), 0 },
	[HW_H3] = { TAG("h3"), 0 },
	[HW_H4] = { TAG("h4"), 0 },
	[HW_H5] = { TAG("h5"), 0 },
	[HW_H6] = { TAG("h6"), 0 },
	[HW_INS] = { TAG("ins"), 0 },
	[HW_LI] = { TAG("li"), 0 },
	[HW_NAV] = { TAG("nav"), 0 },
	[HW_OL] = { TAG("ol"), 0 },
	[HW_P] = { TAG("p"), 0 },
	[HW_SECTION] = { TAG("section"), 0 },
	[HW_SPAN] = { TAG("span"), 0 },
	[HW_STRONG] = { TAG("strong"), 0 },
	[HW_SUMMARY] = { TAG("summary"), 0 },
	[HW_TABLE] = { TAG("table"), 0 },
	[HW_TBODY] = { TAG("tbody"), 0 },
	[HW_TD] = { TAG("td"), 0 },
	[HW_TH] = { TAG("th"), 0 },
	[HW_THEAD] = { TAG("thead"), 0 },
	[HW_TIME] = { TAG("time"), 0 },
	[HW_TR] = { TAG("tr"), 0 },
	[HW_UL] = { TAG("ul"), 0 },
};
#undef TAG

/* An attribute as written before its value: ` name="`. */
static const struct {
	const char	*text;
	size_t		 len;
} attrs[HA__ATTRS] = {
	[HA_ALT] = { NAME(" alt=\"") },	[HA_ARIA_LABEL] = { NAME(" aria-label=\"") },
	[HA_CLASS] = { NAME(" class=\"") },	[HA_DATA_COL] = { NAME(" data-col=\"") },
	[HA_DATA_SORT] = { NAME(" data-sort=\"") },	[HA_SRC] = { NAME(" src=\"") },
	[HA_DATETIME] = { NAME(" datetime=\"") },	[HA_HREF] = { NAME(" href=\"") },
	[HA_ID] = { NAME(" id=\"") },		[HA_LANG] = { NAME(" lang=\"") },
	[HA_SCOPE] = { NAME(" scope=\"") },	[HA_TITLE] = { NAME(" title=\"") },
};
#undef NAME

/*
 * Which bytes need a reference: 1 in text and attribute values, 2 in
 * attribute values only (always written in double quotes).
 */
static const unsigned char special[256] = {
	['&'] = 1, ['<'] = 1, ['>'] = 1, ['"'] = 2
};

/*
 * The end of the run of plain bytes from u[i] (len bytes in all).  Every
 * special byte is below 0x40, and Japanese text (bytes 0x80 and up) has
 * none: a word of eight bytes without one is skipped whole.
 */
static size_t
plain_run(const unsigned char *u, size_t i, size_t len, unsigned char mask)
{
	size_t k;

	while (len - i >= 8) {
		if (word_has_below(word8_at(u + i), 0x40))
			for (k = 0; k < 8; k++)
				if (special[u[i + k]] & mask)
					return i + k;
		i += 8;
	}
	while (i < len && (special[u[i]] & mask) == 0)
		i++;
	return i;
}

/* One pass over s: runs of plain bytes are copied whole. */
static void
escape(struct buf *b, const char *s, size_t len, int quote)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned char mask = quote ? 3 : 1;
	size_t i = 0, run = 0;

	for (;;) {
		i = plain_run(u, i, len, mask);
		buf_put(b, s + run, i - run);
		if (i == len)
			return;
		switch (s[i]) {
		case '&':
			buf_put(b, "&amp;", 5);
			break;
		case '<':
			buf_put(b, "&lt;", 4);
			break;
		case '>':
			buf_put(b, "&gt;", 4);
			break;
		default:
			buf_put(b, "&quot;", 6);
			break;
		}
		run = ++i;
	}
}

void
hw_escape_text(struct buf *b, const char *s, size_t len)
{
	escape(b, s, len, 0);
}

void
hw_escape_attr(struct buf *b, const char *s, size_t len)
{
	escape(b, s, len, 1);
}

void
hw_init(struct hw *w, struct buf *out)
{
	memset(w, 0, sizeof(*w));
	w->out = out;
}

/* End a start tag whose attributes are complete. */
static void
content(struct hw *w)
{
	if (w->in_tag) {
		buf_putc(w->out, '>');
		w->in_tag = 0;
	}
}

void
hw_open(struct hw *w, enum hw_tag t, const char *cls)
{
	content(w);
	buf_put(w->out, tags[t].start, tags[t].startlen);
	w->in_tag = 1;
	if (!(tags[t].flags & HWF_VOID)) {
		if (w->depth == w->cap) {
			w->cap = w->cap ? 2 * w->cap : 32;
			w->stack = xreallocarray(w->stack, w->cap, 1);
		}
		w->stack[w->depth++] = (unsigned char)t;
	}
	if (cls != NULL)
		hw_attr(w, HA_CLASS, cls);
}

void
hw_attr(struct hw *w, enum hw_attr a, const char *value)
{
	/* Attributes belong to the start tag just opened. */
	assert(w->in_tag);
	if (!w->in_tag || ((a == HA_HREF || a == HA_SRC) &&
	    !url_is_safe(value)))
		return;
	buf_put(w->out, attrs[a].text, attrs[a].len);
	escape(w->out, value, strlen(value), 1);
	buf_putc(w->out, '"');
}

void
hw_close(struct hw *w)
{
	unsigned char t;

	content(w);
	if (w->depth == 0)
		return;
	t = w->stack[--w->depth];
	buf_put(w->out, tags[t].end, tags[t].endlen);
}

void
hw_finish(struct hw *w)
{
	while (w->depth > 0)
		hw_close(w);
	content(w);
	free(w->stack);
	memset(w, 0, sizeof(*w));
}

void
hw_text(struct hw *w, const char *s, size_t len)
{
	content(w);
	escape(w->out, s, len, 0);
}

void
hw_texts(struct hw *w, const char *s)
{
	hw_text(w, s, strlen(s));
}

void
hw_lines(struct hw *w, const char *s, size_t len)
{
	const char *nl;

	while (len > 0 && (nl = memchr(s, '\n', len)) != NULL) {
		hw_text(w, s, (size_t)(nl - s));
		hw_open(w, HW_BR, NULL);
		len -= (size_t)(nl - s) + 1;
		s = nl + 1;
	}
	hw_text(w, s, len);
}

void
hw_leaf(struct hw *w, enum hw_tag t, const char *cls, const char *s)
{
	hw_open(w, t, cls);
	if (s != NULL)
		hw_texts(w, s);
	hw_close(w);
}

void
hw_link(struct hw *w, const char *href, const char *cls, const char *label)
{
	hw_open(w, HW_A, cls);
	hw_attr(w, HA_HREF, href);
	if (label != NULL)
		hw_texts(w, label);
	hw_close(w);
}
