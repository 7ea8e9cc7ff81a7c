/*
 * termc import: plain text to a structured terms file (see import.h), and
 * the `termc import` command.
 *
 * The text goes through named stages, each a pass over an array of lines
 * (README, "Structure", gives the rules in full):
 *
 *   split    lines with their source numbers; line ends to LF, form feeds
 *            (page breaks) end lines too; trailing spaces trimmed;
 *   debris   mark table-of-contents entries (text, tab or leader dots, page
 *            number), page numbers alone on a line, and repeated headers
 *            and footers (title-block lines that come back in the body,
 *            lines next to page numbers, lines repeated far apart);
 *   join     undo the layout's line breaks.  A wrapped layout (a fifth of
 *            the lines share one width, as a PDF's do) runs a line near
 *            that width on into the next; any layout runs on a line that
 *            ends on 、 or between a number and its counter, or before a
 *            line that cannot start one, or a long line cut after hiragana.
 *            A line that starts a label, marker, bullet, caption or table
 *            row is never absorbed;
 *   meta     title, provider name, 文書番号, and the history (制定, 改定,
 *            改訂, 作定, 施行 lines with their dates; 令和/平成/昭和 and kanji
 *            numerals converted); the title block leaves the body;
 *   emit     classify each logical line (division, article, caption line,
 *            paragraph, item, bullet, table row, appendix heading, text)
 *            and print Markdown.
 *
 * Labels and markers are read with numeral.h, as the terms parser reads
 * them, so what import writes is what termc tree will find.  Every stage is
 * linear in the size of the text (plus sorting lines once).
 */
#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "cli.h"
#include "decode.h"
#include "diag.h"
#include "hmap.h"
#include "import.h"
#include "lawxml.h"
#include "meta.h"
#include "numeral.h"
#include "outfile.h"
#include "recog.h"
#include "source.h"
#include "text.h"
#include "xalloc.h"

/* One source line.  s points into the split copy of the text. */
struct rline {
	char	*s;		/* content after leading spaces */
	int	 no;		/* source line */
	int	 indent;	/* leading ASCII spaces */
	const char *drop;	/* debris: why it was dropped, or NULL */
	int	 ff;		/* follows a form feed (page break) */
	int	 glue;		/* a marker alone: joins the next text line */
	int	 ideo;		/* was indented with an ideographic space */
	int	 keep;		/* the text of a marker alone: never debris */
	int	 tabs;		/* a nested list line: its leading tabs */
};

/* One logical line: source lines joined. */
struct lline {
	char	*s;		/* owned */
	int	 no;
	int	 indent;
	int	 bullet;	/* started with a bullet (removed from s):
				   1 "- ", 2 "* ", 3 ・ or • */
	int	 blank_before;
	int	 section;	/* heads a section: see sections() */
	size_t	 runin;		/* a section's title run in: its text
				   starts here (sections()) */
	int	 ideo;		/* its first line opened with 　 */
	int	 hist;		/* a history line (制定, 改定 … and a date) */
	int	 tabs;		/* a nested list line: its depth (tabs) */
	int	 cell;		/* a table laid out a cell a line: 1 for
				   its first cell, 2 for the others */
};

struct hist {
	char	 date[11];
	char	*note;
	char	*key;		/* "date\tnote": hseen's key */
	int	 line;
};

struct imp {
	const char		*path;
	struct diags		*d;
	struct import_stats	*st;
	struct rline		*r;
	size_t			 nr;
	struct lline		*l;
	size_t			 nl;
	struct hist		*h;
	size_t			 nh;
	size_t			 hcap;
	struct hmap		 hseen;		/* history entries by key */
	char			*title;
	char			*provider_name;
	char			*tsq;		/* title without spaces */
	char			*docnum;	/* 文書番号 */
	size_t			 newdoc;	/* l[] index where a second
						 * document starts, or 0 */
	int			 divlevel[DIV_OTHER + 1];
	int			 has_articles;	/* a line is 第N条: markers() */
	int			 indented;	/* paragraphs open with 　: join() */
	char			**owned;	/* lines glued_headings() rewrote */
	size_t			 nowned;
};

static int	title_like(const char *);
static int	label_fragment(struct imp *, size_t, int, const char *);
static long	section_line(const char *, int, size_t *);
static void	title_sections(struct imp *);
static int	caption_ahead(const struct imp *, size_t);
static int	reference_piece(const struct imp *, const struct rline *,
		    size_t);

/* ---- character helpers ------------------------------------------------ */

static int32_t
first_cp(const char *s)
{
	int32_t c = 0;

	if (*s == '\0')
		return 0;
	utf8_next(s, strnlen(s, 4), &c);
	return c;
}

static int32_t
last_cp(const char *s)
{
	size_t len = strlen(s), n;
	int32_t c = 0;

	if (len == 0)
		return 0;
	n = utf8_prev_len(s, len);
	utf8_next(s + len - n, n, &c);
	return c;
}

/* Display width in columns: wide characters count two. */
static size_t
cols(const char *s)
{
	size_t i = 0, len = strlen(s), n, w = 0;
	int32_t c;

	while (i < len && (n = utf8_next(s + i, len - i, &c)) > 0) {
		w += is_wide(c) ? 2 : 1;
		i += n;
	}
	return w;
}

static const char *
skip_sp(const char *s)
{
	return s + text_skip_spaces(s);
}

static int
is_hiragana(int32_t c)
{
	return c >= 0x3041 && c <= 0x309f;
}

/* Is c one of the n code points of set? */
static int
in_set(int32_t c, const int32_t *set, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (c == set[i])
			return 1;
	return 0;
}

/* Never at the start of a line of its own: 、。」） small kana, ー. */
static int
cannot_start(int32_t c)
{
	static const int32_t small[] = { 0x3041, 0x3043, 0x3045, 0x3047,
	    0x3049, 0x3063, 0x3083, 0x3085, 0x3087, 0x308e, 0x30a1, 0x30a3,
	    0x30a5, 0x30a7, 0x30a9, 0x30c3, 0x30e3, 0x30e5, 0x30e7, 0x30ee,
	    0x30fc, 0x3001, 0x3002, 0xff0c, 0xff0e, 0x300d, 0x300f, 0xff09 };

	return in_set(c, small, sizeof(small) / sizeof(small[0]));
}

/* Case particles a line broken mid-sentence often ends on. */
static int
is_particle(int32_t c)
{
	return c == 0x3068 || c == 0x3092 || c == 0x306b || c == 0x304c ||
	    c == 0x306f || c == 0x306e || c == 0x3082 || c == 0x3067 ||
	    c == 0x3066;	/* と を に が は の も で て */
}

/* Does s open a bracket that closes with text after it on the line? */
static int
bracket_goes_on(const char *s)
{
	const char *cap;
	size_t caplen, used;

	return caption_parse(s, &cap, &caplen, &used) &&
	    *skip_sp(s + used) != '\0';
}

/* Case particles no sentence starts with: に の を が は へ. */
static int
starts_particle(int32_t c)
{
	return c == 0x306b || c == 0x306e || c == 0x3092 || c == 0x304c ||
	    c == 0x306f || c == 0x3078;
}

/* Counters that follow a number: 条 項 号 章 節 日 月 年 円 時 分 回 件. */
static int
is_counter(int32_t c)
{
	static const int32_t k[] = { 0x6761, 0x9805, 0x53f7, 0x7ae0, 0x7bc0,
	    0x65e5, 0x6708, 0x5e74, 0x5186, 0x6642, 0x5206, 0x56de, 0x4ef6 };

	return in_set(c, k, sizeof(k) / sizeof(k[0]));
}

/* Words that open a sentence or paragraph: never a line's second half. */
static int
opener(const char *s)
{
	static const char *const w[] = { "この", "その", "これ", "それ",
	    "なお", "ただし", "また", "もっとも", "おって", "あらかじめ",
	    "ここ" };

	return text_prefix_of(s, w, sizeof(w) / sizeof(w[0])) > 0;
}

static int
is_alnum(int32_t c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	    (c >= '0' && c <= '9');
}

/*
 * Does an English line ending on z (a word's last letter or digit, a
 * comma, or the apostrophe of "days'") run on into a line opening on a,
 * a small letter?  Only a long line (nch characters so far, 30 or
 * more): a list written a line each without stops (copy the service /
 * resell it) has short ones.
 */
static int
latin_wraps(int32_t z, int32_t a, size_t nch)
{
	return nch >= 30 && a >= 'a' && a <= 'z' &&
	    (is_alnum(z) || z == ',' || z == '\'' || z == 0x2019);
}

/*
 * Does an English line prev go on into the line n right under it?  1 when
 * prev ends on a word no sentence or heading ends on (by, of, the …: "as
 * allowed by" / "Section 2.1."), unless n opens a structure of its own
 * ("…damage costs; and" / "(b) cleaning fees …": the caller's to tell);
 * 2 when prev ends on a number in words whose figure opens n in brackets
 * ("within thirty" / "(30) days of …", no marker (30); "groups of
 * three" / "(1) Availability" is one); else 0.  Words as a sentence
 * writes them, lower-case: "Signing In" is a heading.
 */
static int
latin_runs_on(const char *prev, const char *n)
{
	static const char *const words[] = { "a", "an", "and", "as", "at",
	    "by", "for", "from", "in", "into", "of", "on", "or", "per",
	    "than", "the", "to", "under", "upon", "with", "within", NULL };
	const char *end = prev + strlen(prev), *w = end;
	char *q;
	size_t len, i;
	long v;

	while (w > prev && ((*(w - 1) >= 'a' && *(w - 1) <= 'z') ||
	    (*(w - 1) >= 'A' && *(w - 1) <= 'Z') || *(w - 1) == '-'))
		w--;
	len = (size_t)(end - w);
	/* A word of its own, after a space, in a line of words. */
	if (len == 0 || w == prev || *(w - 1) != ' ' || !is_alnum(*prev))
		return 0;
	/* As a sentence writes it: a heading writes "Signing In". */
	for (i = 0; words[i] != NULL; i++)
		if (strlen(words[i]) == len && strncmp(w, words[i], len) == 0)
			return 1;
	/* The figure repeats the word: "thirty" then "(30)", not "(1)". */
	if (n[0] != '(' || n[1] < '0' || n[1] > '9')
		return 0;
	v = strtol(n + 1, &q, 10);
	if (*q != ')')
		return 0;
	return recog_number_word(w, len) == v ? 2 : 0;
}

/* Has s a sentence mark (。、，) anywhere? */
static int
has_sentence_punct(const char *s)
{
	return strstr(s, "。") != NULL || strstr(s, "、") != NULL ||
	    strstr(s, "，") != NULL;
}

/* ---- recognizers ------------------------------------------------------ */

/*
 * An article line, as the recognizer reads a line of running text
 * (recog.h): *labelend is the offset after the label and the caption (if
 * any), *rest the text after them.
 */
static int
article_line(const char *s, char **num, size_t *labelend, int *hascap,
    const char **rest)
{
	struct rarticle a;

	if (!recog_article(s, 0, &a))
		return 0;
	/* 第2条（…）違反が… at a line's start: import has no article
	 * sequence at hand to tell a glued heading from a reference. */
	if (a.glued) {
		free(a.num);
		return 0;
	}
	*num = a.num;
	*labelend = a.headlen;
	*hascap = a.cap != NULL;
	*rest = a.rest;
	return 1;
}

/*
 * 第3条（契約の成立）申込者が…: an article line with its first sentence
 * glued to it, or a reference that opens a sentence.  The Markdown reader
 * tells them apart by the article sequence (recog.h); import keeps the
 * line at the start of a block of its own, where it can.
 */
static int
glued_article_line(const char *s)
{
	struct rarticle a;
	int glued;

	if (!recog_article(s, 0, &a))
		return 0;
	glued = a.glued;
	free(a.num);
	return glued;
}

/* A numbered division heading: 第N章 総則 (short, no sentence). */
static int
division_line(const char *s, enum divkind *kind)
{
	struct rdivision d;

	if (!recog_division(s, 0, &d))
		return 0;
	free(d.num);
	*kind = d.kind;
	return 1;
}

/* A line that is only a caption: （利用約款の適用）. */
static int
caption_line(const char *s)
{
	const char *cap;
	size_t caplen;

	return recog_caption_line(s, 0, &cap, &caplen);
}

/*
 * Is line i a caption (recog_caption_line() with flags) of the article
 * line right after it, which has none of its own (and, with alone,
 * nothing after its label)?
 */
static int
caption_over(struct imp *im, size_t i, int flags, int alone)
{
	struct rarticle a;
	const char *cap;
	size_t caplen;
	int yes;

	if (i + 1 >= im->nl ||
	    !recog_caption_line(im->l[i].s, flags, &cap, &caplen) ||
	    !recog_article(im->l[i + 1].s, 0, &a))
		return 0;
	yes = a.cap == NULL && (!alone || *a.rest == '\0');
	free(a.num);
	return yes;
}

/*
 * 【見出し】, ■ 見出し: a caption only for the article line right after it
 * that has none of its own (a title line, else).
 */
static int
marked_caption(struct imp *im, size_t i)
{
	return caption_over(im, i, RC_MARKED, 0);
}

/*
 * （…） too long for a caption anywhere else, right above an article
 * label alone (第七条): its caption all the same, as e-Gov's text lays
 * out a transitional provision's long one.
 */
static int
long_caption(struct imp *im, size_t i)
{
	return caption_over(im, i, RC_LONG, 1);
}

/* Does s start with a paragraph or item marker? */
static int
starts_marker(const char *s)
{
	struct marker m;

	return para_marker_parse(s, &m) || item_marker_parse(s, &m);
}

/* イ　, 一　: markers that a wrapped line may start with by chance. */
static int
ambiguous_marker(const char *s)
{
	struct marker m;

	return item_marker_parse(s, &m) &&
	    (m.scheme == MS_IROHA || m.scheme == MS_KANJI);
}

/* Does s start with a structure that a broken line never runs into? */
static int
starts_structure(const char *s)
{
	struct marker m;
	enum divkind k;
	char *num = NULL;
	size_t le;
	int hc;
	const char *rest;

	if (strchr(s, '\t') != NULL)
		return 1;
	if ((s[0] == '-' || has_prefix(s, "・") || has_prefix(s, "■") ||
	    has_prefix(s, "●") || has_prefix(s, "※")) && s[1] != '\0')
		return 1;
	if (article_line(s, &num, &le, &hc, &rest)) {
		free(num);
		return 1;
	}
	if (division_line(s, &k) || recog_named_division(s, 0) != DIV_OTHER ||
	    caption_line(s))
		return 1;
	if (para_marker_parse(s, &m) || item_marker_parse(s, &m))
		return 1;
	/* b. c. as a. b. c. mark items; a. alone may open a sentence. */
	return latin_dot_marker_parse(s, &m) && m.value > 1;
}

/*
 * glued_headings: 第1条運営管理会社, a caption glued to its label, as pages
 * reduced to text write headings (recog_glued_article() reads the shape).
 * Such a line is the article's heading when the evidence says so: an
 * earlier line (a contents list) names the same number with the same
 * caption, or the document writes all its glued headings in one run
 * numbered 1, 2, 3 … (three at least) and text follows this one.  The
 * line becomes 第1条　運営管理会社, which every later stage reads as a
 * heading; its characters stay as written.
 */
static void
glued_headings(struct imp *im)
{
	struct hmap caps;
	struct rarticle a, c;
	unsigned char *cand = xcalloc(im->nr ? im->nr : 1, 1);
	size_t i, j, n = 0, chain = 0;
	long want = 1;
	char *line;
	int ok;

	hmap_init(&caps);
	for (i = 0; i < im->nr; i++) {
		if (recog_glued_article(im->r[i].s, &a)) {
			cand[i] = 1;
			n++;
			if (strchr(a.num, '_') == NULL &&
			    strtol(a.num, NULL, 10) == want) {
				chain++;
				want++;
			}
			free(a.num);
		} else if (recog_article(im->r[i].s, 0, &a)) {
			/* The line (+1) of each number's first caption. */
			if (a.cap != NULL && hmap_get(&caps, a.num) == NULL)
				hmap_set(&caps, a.num,
				    (void *)(uintptr_t)(i + 1));
			else
				free(a.num);
		}
	}
	for (i = 0; i < im->nr; i++) {
		if (!cand[i])
			continue;
		recog_glued_article(im->r[i].s, &a);
		ok = 0;
		if ((j = (uintptr_t)hmap_get(&caps, a.num)) > 0 && j <= i) {
			recog_article(im->r[j - 1].s, 0, &c);
			ok = c.caplen == a.caplen &&
			    memcmp(c.cap, a.cap, a.caplen) == 0;
			free(c.num);
		}
		if (!ok && chain == n && n >= 3) {
			for (j = i + 1; j < im->nr && im->r[j].s[0] == '\0'; j++)
				;
			c.num = NULL;
			ok = j < im->nr && !cand[j] &&
			    !recog_article(im->r[j].s, 0, &c);
			free(c.num);
		}
		if (ok) {
			line = xmalloc(strlen(im->r[i].s) + 4);
			memcpy(line, im->r[i].s, a.labellen);
			memcpy(line + a.labellen, "\u3000", 3);
			strcpy(line + a.labellen + 3, im->r[i].s + a.labellen);
			im->owned = xgrow(im->owned, im->nowned,
			    sizeof(*im->owned));
			im->owned[im->nowned++] = line;
			im->r[i].s = line;
		}
		free(a.num);
	}
	free(cand);
	hmap_release_keys(&caps);
}

/*
 * stray_tabs: a tab inside a sentence (…利用するにあたっ<TAB>て、…), as a
 * page reduced to text leaves one, is no table row: the one line with a
 * tab among lines without, its text before the tab a sentence under way
 * (20 characters or more, a 、 among them, no 。 at its end).  The tab
 * becomes a space.
 */
static void
stray_tabs(struct imp *im)
{
	size_t i, j, k;
	char *tab;
	int alone;

	for (i = 0; i < im->nr; i++) {
		if ((tab = strchr(im->r[i].s, '\t')) == NULL ||
		    strchr(tab + 1, '\t') != NULL || tab[1] == '\0')
			continue;
		/* The nearest lines with text, before and after. */
		for (j = i; j > 0 && im->r[j - 1].s[0] == '\0'; j--)
			;
		for (k = i + 1; k < im->nr && im->r[k].s[0] == '\0'; k++)
			;
		alone = (j == 0 || strchr(im->r[j - 1].s, '\t') == NULL) &&
		    (k == im->nr || strchr(im->r[k].s, '\t') == NULL);
		*tab = '\0';
		if (alone && text_nchars(im->r[i].s) >= 20 &&
		    strstr(im->r[i].s, "、") != NULL &&
		    !recog_terminal(last_cp(im->r[i].s)))
			*tab = ' ';
		else
			*tab = '\t';
	}
}

/*
 * Is r[i] the number １ alone, its text on the next line that is not
 * blank, opening with 　: the first paragraph of a statute made of
 * paragraphs, no articles (（…の表示）, ２ … follow)?  Or ２ so, under
 * a first paragraph written with no number (an indented line above).
 * The look back stops at the first indented line.
 */
static int
first_paragraph(const struct imp *im, size_t i)
{
	struct marker m;
	struct buf b;
	size_t j;
	int r;

	buf_init(&b);
	buf_puts(&b, im->r[i].s);
	buf_puts(&b, "\u3000x");
	r = para_marker_parse(b.data, &m) && m.skip == b.len - 1 &&
	    m.value <= 2;
	buf_release(&b);
	for (j = i + 1; r && j < im->nr && j <= i + 3 &&
	    im->r[j].s[0] == '\0'; j++)
		;
	if (!r || j >= im->nr || !im->r[j].ideo)
		return 0;
	/* ２ after a first paragraph that e-Gov leaves unnumbered: an
	 * indented line above it. */
	if (m.value == 2) {
		for (j = 0; j < i && !im->r[j].ideo; j++)
			;
		return j < i;
	}
	return 1;
}

/*
 * markers: a paragraph or item marker alone on its line (２, 一, イ,
 * （１）), its text on the next line, as e-Gov's text and many PDF
 * extractions lay statutes out.  Such a line could be a page number; it is
 * a marker when it continues the numbering in force (a paragraph number
 * one past the last, ２ after an article line, １ after a 附則 heading; an
 * item number one past the last of its scheme) or when its text opens
 * with an ideographic space, as every paragraph of that layout does.  Marked lines join their text in join().
 * Older statutes in e-Gov's text mark the number, ○２: the mark goes.
 */
static void
markers(struct imp *im)
{
	long para = -1, item[16];
	enum divkind k;
	struct rarticle a;
	struct marker m;
	struct buf b;
	size_t i, j, mark;
	int isitem, next;

	memset(item, 0, sizeof(item));
	buf_init(&b);
	for (i = 0; i < im->nr; i++) {
		const char *s = im->r[i].s;

		/* The text of a marker alone counts nothing, whatever it
		 * opens with (一, then 　第百九十七条　…). */
		if (s[0] == '\0' || im->r[i].keep)
			continue;
		if (recog_article(s, 0, &a)) {
			free(a.num);
			im->has_articles = 1;
			para = 1;
			memset(item, 0, sizeof(item));
			continue;
		}
		/* A 附則 of paragraphs numbers them from １. */
		if ((k = recog_named_division(s, 0)) == DIV_SUPPL) {
			para = 0;
			memset(item, 0, sizeof(item));
			continue;
		}
		/* Before any article, only a statute of paragraphs: １
		 * alone, its text indented under it. */
		if (para < 0 && !first_paragraph(im, i))
			continue;
		/*
		 * A marker alone: as a marker, its text after a space would
		 * start right at the end of the line.
		 */
		/* A marker with its text on the line keeps the count too. */
		if (para_marker_parse(s, &m)) {
			para = m.value;
			memset(item, 0, sizeof(item));
			continue;
		}
		if (item_marker_parse(s, &m) && s[m.skip] != '\0') {
			if ((size_t)m.scheme < sizeof(item) / sizeof(item[0]))
				item[m.scheme] = m.value;
			continue;
		}
		/* ○２: e-Gov's older statutes mark a paragraph number so. */
		mark = has_prefix(s, "○") ? strlen("○") : 0;
		buf_reset(&b);
		buf_puts(&b, s + mark);
		buf_puts(&b, "\u3000x");
		isitem = 0;
		if (!(para_marker_parse(b.data, &m) && m.skip == b.len - 1)) {
			if (mark || !item_marker_parse(b.data, &m) ||
			    m.skip != b.len - 1 ||
			    (size_t)m.scheme >= sizeof(item) / sizeof(item[0]))
				continue;
			isitem = 1;
		}
		for (j = i + 1; j < im->nr && j <= i + 3 &&
		    im->r[j].s[0] == '\0'; j++)
			;
		if (j >= im->nr || im->r[j].s[0] == '\0')
			continue;
		/* 六の二 follows 六: a branch keeps its base's number. */
		next = isitem ? m.value == item[m.scheme] + (m.branch == 0) :
		    m.value == para + 1;
		/*
		 * Its text may open like a heading (一, then 　第百九十七条
		 * 　七億円以下の罰金刑: a row of a list of penalties): in
		 * that layout a heading is never indented, so an indented
		 * line under the next number is the number's text.
		 */
		if (starts_structure(im->r[j].s) && !(next && im->r[j].ideo))
			continue;
		/* Or its text opens with an ideographic space, as every
		 * paragraph of that layout does (a page number is followed
		 * by the rest of a sentence). */
		if (!next && !im->r[j].ideo)
			continue;
		if (isitem)
			item[m.scheme] = m.value;
		else {
			para = m.value;
			memset(item, 0, sizeof(item));
		}
		im->r[i].glue = 1;
		im->r[i].s += mark;
		im->r[j].keep = 1;
	}
	buf_release(&b);
}

/* ---- dates and history ------------------------------------------------ */

static void
hist_add(struct imp *im, const char *date, const char *note, size_t notelen,
    int line)
{
	char *t = text_trim(note, notelen);
	struct buf key;

	/* Each (date, note) once: a hash set keeps this linear. */
	if (im->hseen.slots == NULL)
		hmap_init(&im->hseen);
	buf_init(&key);
	buf_printf(&key, "%s\t%s", date, t);
	if (hmap_get(&im->hseen, key.data) != NULL) {
		buf_release(&key);
		free(t);
		return;
	}
	if (im->nh == im->hcap) {
		im->hcap = im->hcap ? 2 * im->hcap : 8;
		im->h = xreallocarray(im->h, im->hcap, sizeof(*im->h));
	}
	memcpy(im->h[im->nh].date, date, 11);
	im->h[im->nh].note = t;
	im->h[im->nh].key = buf_detach(&key);
	im->h[im->nh].line = line;
	/* The value only marks presence; the key outlives the set. */
	hmap_put(&im->hseen, im->h[im->nh].key, im->h + im->nh);
	im->nh++;
}

/*
 * A history line goes to the front matter's history: date first
 * (2023年4月1日 改定, recog_history_line()) or event first (改定：2023年1月5日,
 * "Last updated: March 3, 2024", recog_history_entry()), as the Markdown
 * reader takes both into the page's history.  Returns 1 if s is one (it
 * stays in the body all the same), with *brk set when it stood in
 * brackets.
 */
static int
history_line(struct imp *im, const char *s, int line, int *brk)
{
	struct rhistory h;

	*brk = 0;
	if (!recog_history_entry(s, &h))
		return 0;
	hist_add(im, h.date, h.note, strlen(h.note), line);
	*brk = h.bracketed;
	free(h.note);
	return 1;
}

static int
hist_cmp(const void *a, const void *b)
{
	const struct hist *x = a, *y = b;
	int c = strcmp(x->date, y->date);

	return c != 0 ? c : x->line - y->line;
}

/* ---- stage 1: split --------------------------------------------------- */

/* Does s start a list line: a paragraph or item marker, or a bullet? */
static int
list_line(const char *s)
{
	struct marker m;

	return para_marker_parse(s, &m) || item_marker_parse(s, &m) ||
	    latin_dot_marker_parse(s, &m) ||
	    has_prefix(s, "・") || has_prefix(s, "•") ||
	    ((*s == '-' || *s == '*') && s[1] == ' ');
}

/*
 * A line indented by tabs under a list line (1. 法令に違反する行為, then
 * a tab and (1) 犯罪に結びつく行為) is a deeper level of that list, one a
 * tab, when what follows its tabs starts a list line and holds no tab: a
 * table row has a tab between its cells.  Returns the tabs, or 0.
 */
static size_t
nested_tabs(const struct imp *im, const char *t)
{
	size_t nt = strspn(t, "\t"), k;

	if (nt == 0 || strchr(t + nt, '\t') != NULL || !list_line(t + nt))
		return 0;
	for (k = im->nr; k > 0 && im->r[k - 1].s[0] == '\0'; k--)
		;
	return k > 0 && (im->r[k - 1].tabs > 0 || list_line(im->r[k - 1].s)) ?
	    nt : 0;
}

/*
 * The same nesting written with spaces: a list line indented by two spaces
 * or more under a list line is a level deeper than the indent above it,
 * the same indent the same level, a shallower one closes back to its own
 * (1. …, then two spaces and (1) …, then four and a) …).  stack holds the
 * indents of the open levels, *nstack of them; a line that is no list
 * line closes them all.  What follows the spaces holds no tab: a table
 * row has a tab between its cells.  Returns the level, or 0.
 */
#define MAX_NEST	8

static int
nested_spaces(const struct imp *im, const char *t, size_t *stack, int *nstack)
{
	size_t ns = strspn(t, " "), k;

	if (!list_line(t + ns) || strchr(t + ns, '\t') != NULL) {
		*nstack = 0;
		return 0;
	}
	for (k = im->nr; k > 0 && im->r[k - 1].s[0] == '\0'; k--)
		;
	if (ns < 2 || *nstack == 0 || k == 0 ||
	    !(im->r[k - 1].tabs > 0 || list_line(im->r[k - 1].s))) {
		stack[0] = ns;
		*nstack = 1;
		return 0;
	}
	while (*nstack > 1 && stack[*nstack - 1] > ns)
		(*nstack)--;
	if (stack[*nstack - 1] == ns)
		return *nstack - 1;
	if (stack[*nstack - 1] > ns) {	/* left of the list's first line */
		stack[0] = ns;
		return 0;
	}
	if (*nstack < MAX_NEST)
		stack[(*nstack)++] = ns;
	return *nstack - 1;
}

static char *
split(struct imp *im, const char *text, size_t len)
{
	size_t stack[MAX_NEST];
	int nstack = 0;
	char *copy = xmalloc(len + 1), *p, *e, *t;
	size_t i, j, n;
	int no = 1;
	int32_t c;

	/* CRLF and CR to LF; form feed to LF too (a page break). */
	for (i = j = 0; i < len; i++) {
		if (text[i] == '\r') {
			copy[j++] = '\n';
			if (i + 1 < len && text[i + 1] == '\n')
				i++;
		} else
			copy[j++] = text[i];
	}
	copy[j] = '\0';
	for (p = copy; ; p = e + 1) {
		e = strchr(p, '\n');
		if (e != NULL)
			*e = '\0';
		/* Form feeds split a line but keep its number. */
		for (t = p; t != NULL; ) {
			char *ff = strchr(t, '\f');
			/* Before the indent is skipped: t moves past it. */
			int after_ff = t != p;

			if (ff != NULL)
				*ff = '\0';
			/* Trim trailing ASCII and ideographic spaces (not
			 * tabs: they end the empty cells of a row). */
			n = strlen(t);
			while (n > 0) {
				size_t k = utf8_prev_len(t, n);

				utf8_next(t + n - k, k, &c);
				if (c != ' ' && c != 0x3000)
					break;
				n -= k;
			}
			/* A line of nothing but tabs is blank. */
			if (strspn(t, "\t") == n)
				n = 0;
			t[n] = '\0';
			im->r = xgrow(im->r, im->nr, sizeof(*im->r));
			im->r[im->nr].no = no;
			im->r[im->nr].tabs = (int)nested_tabs(im, t);
			t += im->r[im->nr].tabs;
			if (im->r[im->nr].tabs == 0)
				im->r[im->nr].tabs = nested_spaces(im, t,
				    stack, &nstack);
			im->r[im->nr].indent = 0;
			while (*t == ' ') {
				im->r[im->nr].indent++;
				t++;
			}
			im->r[im->nr].ideo = has_prefix(t, "\u3000");
			while (has_prefix(t, "\u3000"))
				t += 3;
			im->r[im->nr].s = t;
			im->r[im->nr].drop = NULL;
			im->r[im->nr].glue = 0;
			im->r[im->nr].keep = 0;
			im->r[im->nr].ff = after_ff;
			im->nr++;
			t = ff != NULL ? ff + 1 : NULL;
		}
		no++;
		if (e == NULL)
			break;
	}
	return copy;
}

/* ---- stage 2: debris -------------------------------------------------- */

/* A heading of some kind: after it, no line runs on. */
static int
heading_line(const char *s)
{
	enum divkind k;
	char *num = NULL;
	size_t le;
	int hc;
	const char *rest;

	if (article_line(s, &num, &le, &hc, &rest)) {
		free(num);
		return 1;
	}
	return division_line(s, &k) || recog_named_division(s, 0) != DIV_OTHER ||
	    caption_line(s);
}

/* A heading, or a line that starts with a paragraph or item number. */
static int
is_label_line(const char *s)
{
	struct marker m;

	return heading_line(s) || para_marker_parse(s, &m) ||
	    item_marker_parse(s, &m);
}

static int
strp_cmp(const void *a, const void *b)
{
	const struct rline *const *x = a, *const *y = b;
	int c = strcmp((*x)->s, (*y)->s);

	return c != 0 ? c : (*x)->no - (*y)->no;
}


/* Is the next non-blank raw line after at a numbered division (range 0),
 * or a division with its article range (range 1)? */
static int
next_is(struct imp *im, size_t at, int range)
{
	enum divkind k;
	size_t j;

	for (j = at + 1; j < im->nr && im->r[j].s[0] == '\0'; j++)
		;
	if (j >= im->nr)
		return 0;
	return range ? recog_division_range(im->r[j].s) :
	    division_line(im->r[j].s, &k);
}

/* Is raw line at next to a page number or a page break (within 2)? */
static int
near_pagenum(struct imp *im, size_t at)
{
	size_t lo = at >= 2 ? at - 2 : 0, hi = at + 2 < im->nr ? at + 2 :
	    im->nr - 1, i;

	for (i = lo; i <= hi; i++)
		if (i != at && (im->r[i].ff || (im->r[i].s[0] != '\0' &&
		    !im->r[i].glue && recog_page_number(im->r[i].s))))
			return 1;
	return 0;
}

/*
 * A contents list without page numbers: three heading lines or more in a
 * row (blank lines allowed), articles with a caption or divisions, whose
 * every article number the text has again after the run, or divisions
 * that name their articles.  Deleted articles in a row
 * (第七条　削除, 第八条　削除) have no second place: they stay.
 */
static void
contents_list(struct imp *im)
{
	const char **lines = xcalloc(im->nr ? im->nr : 1, sizeof(*lines));
	unsigned char *toc = xcalloc(im->nr ? im->nr : 1, 1);
	size_t i;

	for (i = 0; i < im->nr; i++)
		lines[i] = im->r[i].drop ? NULL : im->r[i].s;
	recog_contents_runs(lines, im->nr, toc);
	for (i = 0; i < im->nr; i++)
		if (toc[i] && lines[i][0] != '\0') {
			im->r[i].drop = "contents list";
			im->st->toc++;
		}
	free(toc);
	free(lines);
}

/*
 * Is the text laid out in pages: two page breaks or more, or page
 * numbers that count up (3, 4, 5 …), not a number alone here and there?
 */
static int
page_layout(const struct imp *im)
{
	const char *p;
	size_t i, used, ff = 0, up = 0;
	long v, last = -1;

	for (i = 0; i < im->nr; i++) {
		ff += im->r[i].ff;
		if (!im->r[i].drop || !recog_page_number(im->r[i].s))
			continue;
		for (p = im->r[i].s; *p != '\0' &&
		    numeral_parse(p, &used, 0) < 0; p++)
			;
		v = *p != '\0' ? numeral_parse(p, &used, 0) : -1;
		if (v > last && last >= 0)
			up++;
		last = v;
	}
	return ff >= 2 || up >= 2;
}

/*
 * Does body line r[at] come back from the title block with another such
 * line next to it (blank lines aside): a header's lines, 文書番号：…,
 * 文書名：…, 機密分類：…, repeated as a block?
 */
static int
header_block(const struct imp *im, const char *tb, size_t at)
{
	size_t j;

	for (j = at; j > 0 && im->r[j - 1].s[0] == '\0'; j--)
		;
	if (j > 0 && tb[j - 1])
		return 1;
	for (j = at + 1; j < im->nr && im->r[j].s[0] == '\0'; j++)
		;
	return j < im->nr && tb[j];
}

/*
 * Is number r[i] one of a column of figures, a table laid out a cell a
 * line (０, ７４, ８０ …): the line before or after it (blank lines aside)
 * a number alone too?  A page number stands alone, a page apart from the
 * next.
 */
static int
figure_column(const struct imp *im, size_t i)
{
	size_t j;

	for (j = i; j > 0 && im->r[j - 1].s[0] == '\0'; j--)
		;
	if (j > 0 && recog_page_number(im->r[j - 1].s))
		return 1;
	for (j = i + 1; j < im->nr && im->r[j].s[0] == '\0'; j++)
		;
	return j < im->nr && recog_page_number(im->r[j].s);
}

static void
debris(struct imp *im)
{
	struct rline **v;
	size_t paged;
	size_t i, j, k, run, nv, head, back;
	char *num, *tb;
	size_t le;
	int hc, title;
	const char *rest;

	/* Table of contents: a run of three entries or more (blank lines
	 * allowed), or one entry that starts with a label. */
	for (i = 0; i < im->nr; i = j) {
		if (!recog_contents_entry(im->r[i].s)) {
			j = i + 1;
			continue;
		}
		run = 0;
		for (j = i; j < im->nr; j++) {
			if (im->r[j].s[0] == '\0')
				continue;
			if (!recog_contents_entry(im->r[j].s))
				break;
			run++;
		}
		for (k = i; k < j; k++) {
			char *tab = strchr(im->r[k].s, '\t'), save = 0;
			int label;

			if (im->r[k].s[0] == '\0')
				continue;
			if (tab != NULL) {
				save = *tab;
				*tab = '\0';
			}
			num = NULL;
			label = article_line(im->r[k].s, &num, &le, &hc, &rest);
			free(num);
			if (!label)
				label = division_line(im->r[k].s, &(enum divkind){0});
			if (tab != NULL)
				*tab = save;
			if (run >= 3 || label) {
				im->r[k].drop = "contents entry";
				im->st->toc++;
			}
		}
	}
	contents_list(im);
	/*
	 * A 目次 line goes with the dropped entries under it.  Statutes list
	 * their divisions under 目次 with article ranges and no page numbers
	 * (第一章　総則（第一条―第三条）, then 附則): those are entries too.
	 */
	for (i = 0; i < im->nr; i++) {
		if (recog_contents_heading(im->r[i].s)) {
			for (j = i + 1; j < im->nr; j++) {
				if (im->r[j].s[0] == '\0' || im->r[j].drop)
					continue;
				if (!recog_division_range(im->r[j].s) &&
				    !(recog_suppl_alone(im->r[j].s) && j > i + 1 &&
				    next_is(im, j, 0)) &&
				    !(division_line(im->r[j].s, &(enum divkind){0}) &&
				    next_is(im, j, 1)))
					break;
				im->r[j].drop = "contents entry";
				im->st->toc++;
			}
			for (j = i + 1; j < im->nr && im->r[j].s[0] == '\0'; j++)
				;
			if (j < im->nr && im->r[j].drop) {
				im->r[i].drop = "contents heading";
				im->st->toc++;
			}
		}
	}
	for (i = 0; i < im->nr; i++)
		if (!im->r[i].drop && !im->r[i].glue &&
		    recog_page_number(im->r[i].s) && !figure_column(im, i)) {
			im->r[i].drop = "page number";
			im->st->pagenum++;
		}
	/*
	 * Repeated headers and footers: sort pointers, count equal runs.
	 * Only a text laid out in pages (page breaks or page numbers) has
	 * them: a statute says 申請者の住所及び氏名 in many articles.
	 */
	paged = page_layout(im);
	v = xreallocarray(NULL, im->nr ? im->nr : 1, sizeof(*v));
	for (i = nv = 0; i < im->nr; i++)
		if (!im->r[i].drop && !im->r[i].keep &&
		    text_nchars(im->r[i].s) >= 4 &&
		    strchr(im->r[i].s, '\t') == NULL &&
		    strstr(im->r[i].s, "。") == NULL &&
		    !is_label_line(im->r[i].s))
			v[nv++] = &im->r[i];
	qsort(v, nv, sizeof(*v), strp_cmp);
	/* The title block ends at the first heading. */
	for (head = 0; head < im->nr; head++)
		if (heading_line(im->r[head].s))
			break;
	/* How many title-block lines come back in the body?  One alone (a
	 * company name signing the end) is no page header.  tb marks where
	 * they come back. */
	tb = xcalloc(im->nr ? im->nr : 1, 1);
	for (i = 0, back = 0; i < nv; i = j) {
		int in = 0, out = 0;

		for (j = i; j < nv && strcmp(v[i]->s, v[j]->s) == 0; j++) {
			if ((size_t)(v[j] - im->r) < head)
				in = 1;
			else
				out = 1;
		}
		back += in && out;
		for (k = i; in && out && k < j; k++)
			tb[v[k] - im->r] = 1;
	}
	for (i = 0; i < nv; i = j) {
		size_t mingap = (size_t)-1, nearpage = 0, intitle = 0;

		for (j = i + 1; j < nv && strcmp(v[i]->s, v[j]->s) == 0; j++)
			;
		if (j - i < 2)
			continue;
		for (k = i; k < j; k++) {
			size_t at = (size_t)(v[k] - im->r);

			if (k > i && (size_t)(v[k]->no - v[k - 1]->no) < mingap)
				mingap = (size_t)(v[k]->no - v[k - 1]->no);
			if (at < head)
				intitle = 1;
			if (v[k]->ff || near_pagenum(im, at))
				nearpage++;
		}
		/*
		 * A header or footer: a title-block line seen again in the
		 * body, a line next to page numbers or page breaks three
		 * times, or a line seen five times or more, far apart.  A
		 * title-block line comes back with the header's other lines,
		 * next to one of them: a statute's enacting words cite the
		 * law its first article cites again, broken at the same
		 * places (住生活基本法, then （同条第六項), among other words.
		 */
		title = intitle && back >= 2 &&
		    (size_t)(v[j - 1] - im->r) >= head;
		if (!title && nearpage < 3 &&
		    (j - i < 5 || mingap < 15 || !paged))
			continue;
		for (k = i + 1; k < j; k++) {
			if (title && nearpage < 3 && (j - i < 5 ||
			    mingap < 15 || !paged) &&
			    !header_block(im, tb, (size_t)(v[k] - im->r)))
				continue;
			v[k]->drop = "repeated header or footer";
			im->st->repeated++;
		}
	}
	free(tb);
	free(v);
}

/* ---- stage 3: join ---------------------------------------------------- */

static int
size_cmp(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return x < y ? -1 : x > y;
}

/*
 * A wrapped layout: the layout broke lines at one width, so many lines
 * share it.  W is the width X (in columns, 30 or more) that the most lines
 * fall within [X-6, X] of; the layout is wrapped when at least a fifth of
 * the lines do.  Running text, where lines end where paragraphs end, has
 * a tenth or less (the five seeds: 5-9% unwrapped, 64% wrapped).  No
 * more than a tenth of the lines may be wider than W.  Returns W or 0.
 */
static size_t
wrap_width(struct imp *im)
{
	size_t *w, n = 0, i, lo = 0, best = 0, bestn = 0, over;

	w = xreallocarray(NULL, im->nr ? im->nr : 1, sizeof(*w));
	for (i = 0; i < im->nr; i++)
		if (!im->r[i].drop && im->r[i].s[0] != '\0')
			w[n++] = cols(im->r[i].s);
	qsort(w, n, sizeof(*w), size_cmp);
	/* Windows ending at each width: two pointers over sorted widths. */
	for (i = 0; i < n; i++) {
		if (w[i] < 30)
			continue;
		while (w[lo] + 6 < w[i])
			lo++;
		if (i + 1 < n && w[i + 1] == w[i])
			continue;
		if (i - lo + 1 > bestn) {
			bestn = i - lo + 1;
			best = w[i];
		}
	}
	/* Lines run no wider than the width they were broken at: a width
	 * that a tenth of the lines pass is a cluster by chance. */
	for (i = n, over = 0; i > 0 && w[i - 1] > best; i--)
		over++;
	free(w);
	if (n < 15 || bestn * 5 < n || over * 10 > n)
		return 0;
	return best;
}

/*
 * Does s head a table of the 附則 by its note, 附則別表第一（附則第二条
 * 関係）?  No line runs into it, and no table's cells run on through it:
 * the next table starts there.  (A 別表 heading is a division: the
 * reader of headings knows it.)
 */
static int
appendix_note_heading(const char *s)
{
	return has_prefix(s, "附則別表") && strstr(s, "関係）") != NULL;
}

/* Does s open a paragraph numbered ２ or more (２　…)? */
static int
later_paragraph(const char *s)
{
	struct marker m;

	return para_marker_parse(s, &m) && m.value >= 2;
}

/*
 * Does the lead s (n bytes) announce a table (recog_announces_table())?
 * Also when a proviso follows the sentence that names it: 次の表の…
 * 届け出なければならない。ただし、同表の…この限りでない。 lays out
 * 次の表 all the same.
 */
static int
announces_table(const char *s, size_t n)
{
	static const char proviso[] = "。ただし";
	size_t i, last = 0;

	if (recog_announces_table(s, n))
		return 1;
	for (i = 0; i + strlen(proviso) <= n; i++)
		if (memcmp(s + i, proviso, strlen(proviso)) == 0)
			last = i + strlen("。");
	return last > 0 && recog_announces_table(s, last);
}

/*
 * Is s, a marked line, the next item of a list whose items are written a
 * line each without a full stop (the logical line before it has the
 * same marker scheme and the number before, and ends on no 。 or other
 * terminal), and next, the line under it, a sentence of its own (it ends
 * on 。)?  Then s ends where its item ends, as long as it is ((4) 正当な
 * 権限を有する第三者から入手した情報, then 運営者は、…ものとします。).  A
 * statute's item over the cells of its row (十六　…, then 三十日以内) still
 * takes them.
 */
static int
whole_items(const struct imp *im, const char *s, const char *next)
{
	struct marker m, pm;
	const char *p;

	if (im->nl == 0 || im->l[im->nl - 1].bullet ||
	    last_cp(next) != 0x3002 || !item_marker_parse(s, &m) ||
	    m.value < 2)
		return 0;
	p = im->l[im->nl - 1].s;
	return item_marker_parse(p, &pm) && pm.scheme == m.scheme &&
	    pm.value == m.value - 1 && !recog_terminal(last_cp(p));
}

static void
join(struct imp *im)
{
	struct buf b;
	size_t i, j, W, at;
	struct rline *r, *prev;
	int blank = 0, bullet, full, gap;
	size_t nch, nonblank, indented;
	int32_t a, z;
	char *s;

	W = wrap_width(im);
	im->st->wrapped = (int)W;
	/* An indented layout: a tenth of the lines or more open with 　. */
	for (i = nonblank = indented = 0; i < im->nr; i++)
		if (!im->r[i].drop && im->r[i].s[0] != '\0') {
			nonblank++;
			indented += im->r[i].ideo;
		}
	indented = nonblank > 0 && indented * 10 >= nonblank;
	im->indented = (int)indented;
	buf_init(&b);
	for (i = 0; i < im->nr; i++) {
		r = &im->r[i];
		if (r->drop)
			continue;
		if (r->s[0] == '\0') {
			blank = 1;
			continue;
		}
		s = r->s;
		bullet = 0;
		if (s[0] == '-' && (s[1] == ' ' || s[1] == '\0')) {
			bullet = 1;
			s = (char *)skip_sp(s + 1);
			/* "- ・…": the dash is the extractor's, ・ the text's. */
			if (has_prefix(s, "・"))
				bullet = 0;
		} else if (recog_bullet(s) > 0) {
			/* ・ • * as the text writes its bullets: items too. */
			bullet = s[0] == '*' ? 2 : 3;
			s = (char *)skip_sp(s + recog_bullet(s));
		}
		buf_reset(&b);
		buf_puts(&b, s);
		prev = r;
		/* A marker alone takes the text of the next line. */
		if (r->glue) {
			for (j = i + 1; j < im->nr && (im->r[j].drop ||
			    im->r[j].s[0] == '\0'); j++)
				;
			if (j < im->nr) {
				buf_puts(&b, "\u3000");
				buf_puts(&b, im->r[j].s);
				prev = &im->r[j];
				i = j;
			}
		}
		/* Kept up to date as lines join: no rescans, linear cost. */
		nch = text_nchars(s);
		if (strchr(s, '\t') != NULL || heading_line(s))
			goto done;
		/* 7. 損害賠償について: a section's title runs into nothing. */
		if (!im->has_articles && section_line(s, 0, &at) >= 0)
			goto done;
		/* Run on while the next line continues this one. */
		for (j = i + 1, gap = 0; j < im->nr; j++) {
			struct rline *n = &im->r[j];
			int run = 0, lr;

			if (n->drop || n->s[0] == '\0') {
				gap |= !n->drop;
				continue;
			}
			if (n->glue)	/* a marker alone opens its own line */
				break;
			z = last_cp(prev->s);
			/* 次の表のとおりとする。: its cells follow, a line each. */
			if (z == 0x3002 && announces_table(b.data, b.len))
				break;
			a = first_cp(n->s);
			/*
			 * Brackets close mid-sentence as often as not; but
			 * past a blank line, a bracket opens a block of its
			 * own (a caption, a note), whatever the width.
			 */
			full = W > 0 && cols(prev->s) * 10 >= W * 8 &&
			    z != 0x3002 && z != 0xff0e && z != 0xff1a &&
			    !(gap && (a == 0xff08 || a == '('));
			/* A full line runs on even into what looks like a
			 * kana or kanji marker (リ DNS…) or a caption. */
			if (caption_ahead(im, j) || appendix_note_heading(n->s))
				break;
			lr = gap ? 0 : latin_runs_on(prev->s, n->s);
			if (!gap && reference_piece(im, prev, j))
				run = 1;
			else if (lr == 2 || (lr == 1 &&
			    !starts_structure(n->s)))
				run = 1;
			else if (starts_structure(n->s) &&
			    !(full && (ambiguous_marker(n->s) ||
			    caption_line(n->s))))
				break;
			/* Nor, full or not, into "3.2 Late payment". */
			if (recog_decimal_clause(n->s))
				break;
			if (full || (W > 0 && z == 0x3002 &&
			    cols(prev->s) + 2 >= W))
				run = 1;
			if (!recog_terminal(z) && (cannot_start(a) ||
			    (is_hiragana(a) && nch >= 10 && !opener(n->s) &&
			    !(nch <= 60 && title_like(b.data)))))
				run = 1;
			/*
			 * No sentence starts on a case particle: に定める…,
			 * の規定は… go on from a reference the layout broke
			 * the line after (e-Gov's text breaks after each).
			 */
			if (!recog_terminal(z) && starts_particle(a))
				run = 1;
			/*
			 * Nor does an English sentence start lower-case: a
			 * long line that ends on a word or a comma goes on
			 * into the line right under it that opens on a small
			 * letter (…we may change them / under Section 3.).
			 * Markers (a), i. and bullets are structure, above.
			 */
			if (!gap && latin_wraps(z, a, nch))
				run = 1;
			/*
			 * Where paragraphs open with an ideographic space, a
			 * line right under another without it goes on.
			 */
			if (indented && !n->ideo && !gap)
				run = 1;
			/*
			 * Nor on a bracket that closes and goes on: （以下「法」
			 * という。）第二条… continues the reference before it;
			 * a caption （…） stands alone, an item （１） has a
			 * marker.
			 */
			if (!recog_terminal(z) && (a == 0xff08 || a == '(') &&
			    !starts_marker(n->s) && !caption_line(n->s) &&
			    bracket_goes_on(n->s))
				run = 1;
			/* A sentence cut after a hiragana, or a numbered
			 * paragraph or note cut anywhere: long lines only;
			 * not an item of a list whose items end as written
			 * (whole_items()). */
			if (!recog_terminal(z) && !bullet && nch >= 30 &&
			    (is_hiragana(z) || starts_marker(s) ||
			    has_prefix(s, "※")) && !opener(n->s) &&
			    !whole_items(im, s, n->s))
				run = 1;
			if (!recog_terminal(z) && is_particle(z) && bullet &&
			    !has_sentence_punct(n->s))
				run = 1;
			/* A line never ends on a comma, nor between a number
			 * and its counter (第23 / 条). */
			if (z == 0x3001 || z == 0xff0c || (((z >= '0' &&
			    z <= '9') || (z >= 0xff10 && z <= 0xff19)) &&
			    is_counter(a)))
				run = 1;
			/* "※" alone, then its note. */
			if (strcmp(b.data, "※") == 0 || strcmp(b.data, "＊") == 0)
				run = 1;
			if (!run || strchr(n->s, '\t') != NULL)
				break;
			/* Words of Latin script are set apart by a space,
			 * after a comma or a full stop too; Japanese runs on
			 * (第23 / 条, URL / は). */
			if (z > ' ' && z < 0x7f && (is_alnum(a) || a == '('))
				buf_putc(&b, ' ');
			buf_puts(&b, n->s);
			nch += text_nchars(n->s);
			im->st->joined++;
			prev = n;
			i = j;
		}
done:
		im->l = xgrow(im->l, im->nl, sizeof(*im->l));
		memset(&im->l[im->nl], 0, sizeof(im->l[im->nl]));
		im->l[im->nl].s = xstrdup(b.data);
		im->l[im->nl].no = r->no;
		im->l[im->nl].indent = r->indent;
		im->l[im->nl].tabs = r->tabs;
		im->l[im->nl].bullet = bullet;
		im->l[im->nl].blank_before = blank;
		im->l[im->nl].section = 0;
		im->l[im->nl].runin = 0;
		im->l[im->nl].ideo = r->ideo;
		im->nl++;
		blank = 0;
	}
	buf_release(&b);
}

/*
 * Does r[j] open an article's caption: （…） on its line, or broken over
 * up to three lines after a reference (（労働基準法 / の適用の暫定措置等）),
 * with the article's label right under it?  No line runs on into it, as
 * wide as the line before may be.
 */
static int
caption_ahead(const struct imp *im, size_t j)
{
	const struct rline *r = &im->r[j];
	size_t k, q;
	char *num = NULL;
	size_t le;
	int hc, yes;
	const char *rest;

	if (first_cp(r->s) != 0xff08)
		return 0;
	for (k = j; k < im->nr && k < j + 3 && !im->r[k].drop &&
	    im->r[k].s[0] != '\0' && (k == j || !im->r[k].ideo) &&
	    strstr(im->r[k].s, "。") == NULL; k++)
		if (has_suffix(im->r[k].s, "）"))
			break;
	if (k >= im->nr || k >= j + 3 || !has_suffix(im->r[k].s, "）"))
		return 0;
	/* Open to the last piece: （…号）第十条 / の規定に基づき… is no caption. */
	for (q = j; q < k; q++)
		if (strstr(im->r[q].s, "）") != NULL)
			return 0;
	if (k + 1 >= im->nr)
		return 0;
	yes = article_line(im->r[k + 1].s, &num, &le, &hc, &rest) &&
	    *rest == '\0';
	free(num);
	return yes;
}

/*
 * Is r[j] a reference the layout broke out of a sentence, not a heading?
 * e-Gov's text breaks the line before and after each reference, so
 * "…法律第二十八号" / "第一条" / "において準用する…" puts a label alone on
 * a line.  The evidence: the line before, right above it, ends no
 * sentence, and the line right under it opens on a case particle, which
 * no article's text does.
 */
static int
reference_piece(const struct imp *im, const struct rline *prev, size_t j)
{
	const struct rline *n = &im->r[j];

	if (recog_terminal(last_cp(prev->s)) || caption_line(prev->s) ||
	    !heading_line(n->s) || j + 1 >= im->nr)
		return 0;
	n = &im->r[j + 1];
	return !n->drop && !n->glue && !n->ideo &&
	    starts_particle(first_cp(n->s));
}

/*
 * Where the text of an item marker glued at offset at of l[i] (a first
 * marker: イ, （１）, ①, 一 …) is a list of its own: the next line that
 * starts with a marker of the same scheme, within 64 lines and before a
 * line that closes the item the marker sits in (an article, a division,
 * a paragraph, the next marker of the scheme l[i] starts with), is its
 * second.  That is the evidence that "…次に定める事項イ　…" lost a line
 * break before イ, and not a イ in running text.
 */
static int
glued_list(const struct imp *im, size_t i, const struct marker *g)
{
	struct marker m, own;
	enum divkind k;
	struct rarticle a;
	size_t j;
	int owned;

	owned = item_marker_parse(im->l[i].s, &own);
	for (j = i + 1; j < im->nl && j <= i + 64; j++) {
		const char *s = im->l[j].s;

		if (s[0] == '\0')
			continue;
		if (recog_article(s, 0, &a)) {
			free(a.num);
			return 0;
		}
		if (division_line(s, &k) || recog_named_division(s, 0) != DIV_OTHER ||
		    para_marker_parse(s, &m))
			return 0;
		if (!item_marker_parse(s, &m))
			continue;
		if (m.scheme == g->scheme)
			return m.value == g->value + 1;
		if (owned && m.scheme == own.scheme)
			return 0;
	}
	return 0;
}

/*
 * The offset in l[i] of a first item marker glued to the text before it
 * (e-Gov's text writes "…次に定める事項イ　施行令…" with the break before イ
 * lost), or 0.  The marker is followed by a space and preceded by a
 * letter that is no numeral (十一　 is no marker) nor 第; glued_list()
 * weighs the evidence.
 */
static size_t
glued_marker(const struct imp *im, size_t i)
{
	const char *s = im->l[i].s;
	struct marker m;
	size_t off, n;
	int32_t c, prev = 0;
	size_t used;

	for (off = 0; s[off] != '\0'; prev = c, off += n) {
		n = utf8_next(s + off, strlen(s + off), &c);
		if (n == 0)
			return 0;
		if (off == 0 || is_space(prev) || prev == 0x7b2c /* 第 */ ||
		    numeral_parse(s + off - utf8_prev_len(s, off), &used,
		    1) >= 0)
			continue;
		if (!item_marker_parse(s + off, &m) || m.value != 1 ||
		    m.skip == m.len || m.scheme == MS_NONE)
			continue;
		if (glued_list(im, i, &m))
			return off;
	}
	return 0;
}

/*
 * Where a division heading is glued to the end of a sentence, the
 * layout's indent of headings kept (…制定する。　　　第一章　総則): the
 * offset of the heading, or 0.  Two ideographic spaces or more after a
 * 。 open no sentence; a heading there runs to the end of the line.
 */
static size_t
glued_division(const char *s)
{
	const char *p, *q;
	enum divkind k;
	int sp;

	for (p = strstr(s, "。"); p != NULL; p = strstr(p + 1, "。")) {
		for (q = p + strlen("。"), sp = 0; has_prefix(q, "\u3000");
		    q += strlen("\u3000"))
			sp++;
		if (sp >= 2 && *q != '\0' && (division_line(q, &k) ||
		    recog_named_division(q, 0) != DIV_OTHER))
			return (size_t)(q - s);
	}
	return 0;
}

/*
 * unglue: a line that holds a glued first item marker (glued_marker())
 * or a glued division heading (glued_division()) is two lines, the text
 * before it and the item or heading.  The second line keeps the source
 * line number of the line it came from.
 */
static void
unglue(struct imp *im)
{
	struct lline *out = NULL;
	size_t i, n = 0, at;

	for (i = 0; i < im->nl; i++) {
		out = xgrow(out, n, sizeof(*out));
		out[n++] = im->l[i];
		while ((at = glued_marker(im, i)) > 0 ||
		    (at = glued_division(im->l[i].s)) > 0) {
			struct lline *head = &out[n - 1];
			char *s = head->s;
			size_t hl = at;

			while (hl > 0) {
				size_t k = utf8_prev_len(s, hl);
				int32_t c;

				utf8_next(s + hl - k, k, &c);
				if (!is_space(c))
					break;
				hl -= k;
			}
			out = xgrow(out, n, sizeof(*out));
			head = &out[n - 1];
			out[n] = *head;
			out[n].s = xstrdup(s + at);
			out[n].bullet = 0;
			out[n].blank_before = 0;
			out[n].section = 0;
			out[n].runin = 0;
			s[hl] = '\0';
			im->l[i].s = out[n].s;
			n++;
			im->st->unglued++;
		}
	}
	free(im->l);
	im->l = out;
	im->nl = n;
}

/*
 * Is the division line l[j] (第四章) a cell that names a division, in a
 * 読替え table laid out a cell a line?  A heading is followed by a
 * caption, an article or another heading; a cell by the next cell, an
 * unindented line that is none of those (where paragraphs open with 　).
 */
static int
division_cell(const struct imp *im, size_t j)
{
	enum divkind k;

	if (!im->indented || !division_line(im->l[j].s, &k) ||
	    strstr(im->l[j].s, "　") != NULL)
		return 0;
	for (j++; j < im->nl && im->l[j].s[0] == '\0'; j++)
		;
	return j < im->nl && !im->l[j].ideo && !starts_structure(im->l[j].s);
}

/*
 * Is s a form's name and nothing else, 様式第二十二の十三 (no （第三条関係）
 * after it)?  In a table laid out a cell a line (…同表の第四欄に掲げる様式
 * の報告書を提出しなければならない。) it is a cell naming the form to
 * use, not the heading of a form: a heading says what it serves.
 */
static int
form_name_cell(const char *s)
{
	size_t n;

	if (!has_prefix(s, "様式第"))
		return 0;
	s += strlen("様式第");
	for (;;) {
		if (numeral_parse(s, &n, 1) < 0)
			return 0;
		s += n;
		if (*s == '\0')
			return 1;
		if (!has_prefix(s, "の"))
			return 0;
		s += strlen("の");
	}
}

/*
 * Is l[j] a cell of a table laid out a cell a line?  Not a line that
 * opens a paragraph (with 　 where paragraphs do), a marker, bullet,
 * division, caption or article line, nor a sentence in a layout without
 * that indent.  With indent_ok (the table of a 別表, which no lead
 * announces) a cell may open with 　 (its text indented in its column)
 * when it is no sentence.
 */
static int
cell_line(struct imp *im, size_t j, int indent_ok)
{
	const struct lline *l = &im->l[j];
	struct marker m;
	enum divkind k;
	struct rarticle a;
	int art, bare;

	if ((l->ideo && (!indent_ok || has_suffix(l->s, "。"))) || l->bullet || strchr(l->s, '\t') != NULL ||
	    para_marker_parse(l->s, &m) || item_marker_parse(l->s, &m) ||
	    (division_line(l->s, &k) && !division_cell(im, j)) ||
	    (recog_named_division(l->s, 0) != DIV_OTHER &&
	    !form_name_cell(l->s)) ||
	    caption_line(l->s) || marked_caption(im, j) ||
	    (!im->indented && has_suffix(l->s, "。")))
		return 0;
	if (appendix_note_heading(l->s))
		return 0;
	/*
	 * An article line opens its text on the next line with 　; a label
	 * followed by another cell (第二十七条の十七, then 第二十七条の五（…）)
	 * is a cell, its bracket a reference's note, not a caption.
	 */
	if ((art = recog_article(l->s, 0, &a)) != 0) {
		/* 第四条から第六条まで　削除 ends the table. */
		bare = *a.rest == '\0' && !has_suffix(l->s, "削除");
		free(a.num);
		if (!bare)
			return 0;
		for (j++; j < im->nl && im->l[j].s[0] == '\0'; j++)
			;
		/* The last line of the text holds no article: it has
		 * no text under it. */
		if (j >= im->nl)
			return 1;
		if (im->l[j].ideo)
			return 0;
		/* Where few paragraphs open with 　 (a statute of tables),
		 * the article's text is a sentence: a cell is none, and no
		 * caption either. */
		return im->indented || (strstr(im->l[j].s, "。") == NULL &&
		    !caption_line(im->l[j].s));
	}
	return 1;
}

/*
 * cell_tables: after a sentence that announces a table
 * (recog_announces_table()) or a 別表 heading (appendix_cells()), the
 * lines up to the next paragraph,
 * article or division are the table's cells when there are two or more
 * (e-Gov's text lays 読替え tables out so: 第六条, 確認書 … a cell a
 * line).  They become a table of one column, cells in their order (the
 * rows and spans are lost in the text), never articles, headings or items.
 */
/*
 * Does l[i] head a 別表 (an appendix table by name: 別表第一（第三条関係）)?
 * Its name announces a table as a lead sentence does.
 */
static int
table_heading(struct imp *im, size_t i)
{
	char *sq;
	int r;

	/* 附則別表第一（附則第二条関係）: the 附則's own, under its text. */
	if (appendix_note_heading(im->l[i].s))
		return 1;
	if (recog_named_division(im->l[i].s, 0) != DIV_APPENDIX)
		return 0;
	sq = text_squeeze(im->l[i].s);
	r = has_prefix(sq, "別表");
	free(sq);
	return r;
}

/*
 * A 別表 without a lead, laid out a cell a line: row labels that read as
 * markers (一　ボイラー, （１）　構造検査, イ　…) among bare cells (amounts,
 * conditions).  The body up to the next heading or paragraph is its
 * table when its bare cells outnumber its marked lines, two or more: a
 * 別表 whose lines are mostly numbered items (一　…のもの, 二　…) is a
 * list, its numbering checked as written.  Returns the end of the table,
 * or i + 1 when there is none.
 */
static size_t
appendix_cells(struct imp *im, size_t i)
{
	struct marker m;
	size_t j, bare = 0, marked = 0;
	const struct lline *l;

	for (j = i + 1; j < im->nl; j++) {
		l = &im->l[j];
		if (l->s[0] == '\0')
			continue;
		if (cell_line(im, j, 1))
			bare++;
		else if (!l->bullet && strchr(l->s, '\t') == NULL &&
		    (para_marker_parse(l->s, &m) || item_marker_parse(l->s, &m)))
			marked++;
		else
			break;
	}
	return bare >= 2 && bare > marked ? j : i + 1;
}

/*
 * An announced table's header cells (届出を要する場合, 届出期限, …) end at
 * j; rows labelled as items may follow (一　…の場合, then its cells
 * あらかじめ, 当該変更に係る事項), the labels numbered in the table's own
 * order.  A row whose cells span from the row above shows its label
 * alone, so labels may outnumber cells; two bare cells among them make
 * the rows a table's.  It ends at its last bare cell or at its last
 * label that goes on with the numbers of the labels before it (一, 二 …
 * 二十一); a list of items after the table starts again at 一.  A
 * paragraph (２　), article, caption or division ends it; so does the
 * item after lead, the number of the item that announced the table (一
 * …次の表…, its cells, then 二　…: the list goes on).  Returns the
 * table's end, j when no row follows so.
 */
static size_t
labelled_rows(struct imp *im, size_t j, long lead)
{
	struct marker m;
	size_t k, end = j, bare = 0, marked = 0;
	long last = 0;
	const struct lline *l;

	for (k = j; k < im->nl; k++) {
		l = &im->l[k];
		if (l->s[0] == '\0')
			continue;
		if (cell_line(im, k, 0)) {
			bare++;
			end = k + 1;
		} else if (!l->bullet && strchr(l->s, '\t') == NULL &&
		    !para_marker_parse(l->s, &m) && item_marker_parse(l->s, &m)) {
			/* The item after the item that announced the table
			 * (一　…次の表…, its cells, 二　…): the list goes on,
			 * no row. */
			if (marked == 0 && lead > 0 && m.value == lead + 1)
				return j;
			/* A label that goes on with the labels' numbers is a
			 * row, its cells joined to it or spanned. */
			if (marked > 0 && m.value == last + 1 && bare > 0)
				end = k + 1;
			last = m.value;
			marked++;
		} else
			break;
	}
	return marked > 0 && bare >= 2 ? end : j;
}

/* Does l[j] name a 別表 and nothing else (別表第三, 附則別表第三)? */
static int
appendix_name(const struct lline *l)
{
	return strstr(l->s, "別表") != NULL && strstr(l->s, "（") == NULL &&
	    strstr(l->s, "。") == NULL && !l->ideo && text_nchars(l->s) <= 20;
}

/*
 * In a table of readings, is l[j] one of a pair of 別表 names, the
 * words read and the words read for them (別表第三, then 附則別表第三)?
 * Each is a cell, not an appendix heading: a heading stands over its
 * table, not beside another heading.
 */
static int
appendix_pair(const struct imp *im, size_t j)
{
	size_t k;

	if (!appendix_name(&im->l[j]))
		return 0;
	for (k = j + 1; k < im->nl && im->l[k].s[0] == '\0'; k++)
		;
	if (k < im->nl && appendix_name(&im->l[k]))
		return 1;
	for (k = j; k > 0 && im->l[k - 1].s[0] == '\0'; k--)
		;
	return k > 0 && appendix_name(&im->l[k - 1]);
}

static void
cell_tables(struct imp *im)
{
	struct marker m;
	size_t i, j, k, n;
	int reading;

	for (i = 0; i < im->nl; i++) {
		if (table_heading(im, i) && (j = appendix_cells(im, i)) > i + 1) {
			for (k = i + 1, n = 0; k < j; k++)
				if (im->l[k].s[0] != '\0')
					im->l[k].cell = n++ == 0 ? 1 : 2;
			i = j - 1;
			continue;
		}
		if (!announces_table(im->l[i].s, strlen(im->l[i].s)))
			continue;
		reading = recog_reading_table(im->l[i].s);
		for (j = i + 1, n = 0; j < im->nl; j++) {
			if (im->l[j].s[0] == '\0')
				continue;
			if (!cell_line(im, j, 0) && !(reading &&
			    appendix_pair(im, j))) {
				break;
				break;
			}
			n++;
		}
		if (n < 2)
			continue;
		j = labelled_rows(im, j, !im->l[i].bullet &&
		    !para_marker_parse(im->l[i].s, &m) &&
		    item_marker_parse(im->l[i].s, &m) ? m.value : 0);
		for (k = i + 1, n = 0; k < j; k++)
			if (im->l[k].s[0] != '\0')
				im->l[k].cell = n++ == 0 ? 1 : 2;
		i = j - 1;
	}
}

/* ---- stage 4: meta ---------------------------------------------------- */

static int
title_like(const char *s)
{
	static const char *const ends[] = { "約款", "規約", "規則", "規程",
	    "規定", "条件", "契約書", "ポリシー" };
	/* Any case: TERMS OF SERVICE, Subscription Agreement. */
	static const char *const en_ends[] = { "Terms of Service",
	    "Terms of Use", "Terms and Conditions", "Terms & Conditions",
	    "Agreement", "Policy" };
	size_t i, n, len = strlen(s);

	const char *open;
	char *head;
	int yes = 0;

	if (strstr(s, "：") != NULL || strchr(s, ':') != NULL ||
	    has_sentence_punct(s) || text_nchars(s) > 60)
		return 0;
	/* A note in brackets after the title: 利用規約（改定版）. */
	if ((has_suffix(s, "）") || has_suffix(s, ")")) &&
	    ((open = strstr(s, "（")) != NULL || (open = strchr(s, '(')) !=
	    NULL) && open > s && !recog_law_number(open + (*open == '(' ? 1 :
	    strlen("（")), strlen(open) - (*open == '(' ? 2 :
	    2 * strlen("（")))) {
		head = xstrndup(s, (size_t)(open - s));
		yes = title_like(head);
		free(head);
		if (yes)
			return 1;
	}
	for (i = 0; i < sizeof(ends) / sizeof(ends[0]); i++)
		if (has_suffix(s, ends[i]))
			return 1;
	for (i = 0; i < sizeof(en_ends) / sizeof(en_ends[0]); i++) {
		n = strlen(en_ends[i]);
		if (len >= n && strcasecmp(s + len - n, en_ends[i]) == 0 &&
		    (len == n || s[len - n - 1] == ' '))
			return 1;
	}
	return 0;
}

static void
meta(struct imp *im)
{
	size_t i, first = im->nl;
	char *num;
	size_t le;
	int hc;
	const char *rest;
	enum divkind k;

	/*
	 * The title block ends at the first heading; in a statute's layout
	 * (paragraphs open with 　) without article headings, at its first
	 * paragraph or numbered line: "株式会社…" there is an item's text,
	 * not the provider.
	 */
	for (i = 0; i < im->nl; i++) {
		num = NULL;
		if (article_line(im->l[i].s, &num, &le, &hc, &rest) ||
		    division_line(im->l[i].s, &k) || caption_line(im->l[i].s) ||
		    recog_named_division(im->l[i].s, 0) != DIV_OTHER ||
		    (im->indented && (im->l[i].ideo ||
		    starts_marker(im->l[i].s)))) {
			free(num);
			first = i;
			break;
		}
	}
	for (i = 0; i < first; i++) {
		const char *s = im->l[i].s;

		if (im->l[i].cell)	/* a table's cell names nothing */
			continue;
		if (im->title == NULL && title_like(s)) {
			/* A title broken in two: "…サービス" + "契約約款". */
			if (text_nchars(s) <= 6 && i > 0 && im->l[i - 1].s[0] != '\0' &&
			    !has_sentence_punct(im->l[i - 1].s) &&
			    text_nchars(im->l[i - 1].s) < 40) {
				struct buf b;

				buf_init(&b);
				buf_printf(&b, "%s%s", im->l[i - 1].s, s);
				im->title = buf_detach(&b);
				im->l[i - 1].s[0] = '\0';
				im->l[i].s[0] = '\0';
			} else {
				im->title = xstrdup(s);
			}
		} else if (im->provider_name == NULL && text_nchars(s) <= 40 &&
		    !has_sentence_punct(s) && (strstr(s, "株式会社") ||
		    strstr(s, "有限会社") || strstr(s, "合同会社"))) {
			im->provider_name = xstrdup(s);
		}
	}
	if (im->title != NULL)
		im->tsq = text_squeeze(im->title);
	/*
	 * The title block is front matter now: the title (however spaced),
	 * the provider, 文書番号：, 文書名： and the 制定/改定 date lines.
	 */
	for (i = 0; i < im->nl; i++) {
		char *s = im->l[i].s, *sq, *word;
		int hist, brk;

		/* A second document keeps its history to itself. */
		if (im->newdoc > 0 && i >= im->newdoc)
			break;
		hist = history_line(im, s, im->l[i].no, &brk);
		/* （改定） alone, its date on the next line. */
		if (!hist && (word = recog_history_word(s)) != NULL) {
			char date[11];
			size_t used, j;

			for (j = i + 1; j < im->nl && im->l[j].s[0] == '\0'; j++)
				;
			/* A caption after all when an article follows. */
			num = NULL;
			if (j < im->nl && article_line(im->l[j].s, &num, &le,
			    &hc, &rest)) {
				free(num);
				free(word);
				continue;
			}
			if (j < im->nl && recog_date(im->l[j].s, date, &used) &&
			    *skip_sp(im->l[j].s + used) == '\0') {
				hist_add(im, date, word, strlen(word),
				    im->l[i].no);
				im->l[j].hist = 1;
			}
			free(word);
			im->l[i].hist = 1;
		}
		/* Only bracketed and orphan lines need the flag: the
		 * others read as history lines (or 附則 headings) anyway. */
		if (hist && !im->l[i].hist)
			im->l[i].hist = brk;

		if (i >= first || s[0] == '\0' || im->l[i].cell)
			continue;
		sq = text_squeeze(s);
		if (has_prefix(s, "文書番号：") && im->docnum == NULL)
			im->docnum = text_trim(s + strlen("文書番号："),
			    strlen(s + strlen("文書番号：")));
		else if (has_prefix(s, "文書名：") && im->title != NULL &&
		    strcmp(s + strlen("文書名："), im->title) == 0)
			;
		else if (!(hist && recog_date(s, (char[11]){0}, &(size_t){0})) &&
		    !(im->title && strcmp(sq, im->tsq) == 0) &&
		    !(im->provider_name &&
		    strcmp(s, im->provider_name) == 0)) {
			free(sq);
			continue;
		}
		free(sq);
		s[0] = '\0';
	}
	if (im->nh > 1)
		qsort(im->h, im->nh, sizeof(*im->h), hist_cmp);
}

/* ---- stage 5: emit ---------------------------------------------------- */

/* YAML scalar: plain when safe, else double-quoted. */
static void
yaml_str(struct buf *o, const char *s)
{
	const char *p;
	int ctl = 0;

	for (p = s; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			ctl = 1;
	if (!ctl && *s != '\0' &&
	    strchr("-?:,[]{}#&*!|>'\"%@` ", *s) == NULL &&
	    strstr(s, ": ") == NULL && strstr(s, " #") == NULL &&
	    !has_suffix(s, ":") && !has_suffix(s, " ")) {
		buf_puts(o, s);
		return;
	}
	/* Double-quoted: \" \\ and \xNN for control characters. */
	buf_putc(o, '"');
	for (p = s; *p != '\0'; p++) {
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			buf_printf(o, "\\x%02x", (unsigned char)*p);
		else {
			if (*p == '"' || *p == '\\')
				buf_putc(o, '\\');
			buf_putc(o, *p);
		}
	}
	buf_putc(o, '"');
}

#define FILL	"FILL-ME"

/* The language of the text imported (text_lang_by_script()). */
static const char *
import_lang(const struct imp *im)
{
	size_t kana = 0, letters = 0, i;

	for (i = 0; i < im->nr; i++)
		if (!im->r[i].drop)
			text_count_script(im->r[i].s, strlen(im->r[i].s),
			    &kana, &letters);
	return text_lang_by_script(kana, letters);
}

static void
front_matter(struct imp *im, struct buf *o, const struct import_opts *op)
{
	const char *rev = op->revision;
	size_t i;

	buf_puts(o, "---\n");
	if (op->provider == NULL || op->document == NULL ||
	    (rev == NULL && im->nh == 0) ||
	    (op->provider_name == NULL && im->provider_name == NULL) ||
	    (op->title == NULL && im->title == NULL))
		buf_puts(o, "# termc import: replace every FILL-ME, then move "
		    "the file to terms/<provider>/<document>/<revision>.md\n");
	buf_puts(o, "provider: ");
	yaml_str(o, op->provider ? op->provider : FILL);
	buf_puts(o, "\nprovider_name: ");
	yaml_str(o, op->provider_name ? op->provider_name :
	    im->provider_name ? im->provider_name : FILL);
	buf_puts(o, "\ndocument: ");
	yaml_str(o, op->document ? op->document : FILL);
	buf_puts(o, "\ntitle: ");
	yaml_str(o, op->title ? op->title : im->title ? im->title : FILL);
	if (im->docnum != NULL) {
		buf_puts(o, "\ndocument_number: ");
		yaml_str(o, im->docnum);
	}
	buf_puts(o, "\nrevision: ");
	if (rev == NULL && im->nh > 0)
		rev = im->h[im->nh - 1].date;
	yaml_str(o, rev ? rev : FILL);
	buf_printf(o, "\nlang: %s\n", import_lang(im));
	if (im->nh > 0) {
		buf_puts(o, "history:\n");
		for (i = 0; i < im->nh; i++) {
			buf_printf(o, "  - date: %s\n    note: ", im->h[i].date);
			yaml_str(o, im->h[i].note);
			buf_putc(o, '\n');
		}
	}
	buf_puts(o, "---\n");
	if (op->provider == NULL)
		diag(im->d, im->path, 0, 0, D_IMP_FILL, "provider (--provider)");
	if (op->document == NULL)
		diag(im->d, im->path, 0, 0, D_IMP_FILL, "document (--document)");
	if (rev == NULL)
		diag(im->d, im->path, 0, 0, D_IMP_FILL, "revision (--revision)");
	if (op->provider_name == NULL && im->provider_name == NULL)
		diag(im->d, im->path, 0, 0, D_IMP_FILL,
		    "provider_name (--provider-name)");
	if (op->title == NULL && im->title == NULL)
		diag(im->d, im->path, 0, 0, D_IMP_FILL, "title (--title)");
}

enum bk {
	BK_NONE,
	BK_HEADING,
	BK_TEXT,
	BK_BULLET,
	BK_TABLE
};

struct emitter {
	struct imp	*im;
	struct buf	*o;
	enum bk		 last;
	int		 divlevel;	/* level of the open division, 0 none */
	long		 lastnum;	/* last article number seen */
	int		 supplied_note;	/* the reviewer note was written */
	int		 olist;		/* last text block was "N. " */
	int		 subol;		/* and a nested "N. " list is open in
					   it, its text at column 6 */
	int		 lead;		/* the marked lines after the last line
					 * seen are a lead's items */
	int		 numpara;	/* last block opened with a written
					 * paragraph number (２　, 2. , ②) */
	int		 bullet_indent;	/* last block an unmarked bullet at
					 * this indent; -1 otherwise */
	int		 in_article;	/* the last heading was an article's */
	int		 appendix;	/* inside 別表, 別紙 */
	int		 suppl_plain;	/* inside a 付則 that has no articles
					 * (yet): its captions head paragraphs */
	int		 akeys[8];	/* appendix heading kinds, by level */
	int		 nakeys;
};

/* Start a block: a blank line, except between bullets of one list. */
static void
block(struct emitter *e, enum bk k)
{
	if (e->o->len > 0 && !(k == BK_BULLET && e->last == BK_BULLET))
		buf_putc(e->o, '\n');
	e->last = k;
}

static void
heading(struct emitter *e, int level, const char *text)
{
	int i;

	block(e, BK_HEADING);
	e->in_article = 0;	/* article headings say so after */
	if (level < 1)
		level = 1;
	if (level > 6)
		level = 6;
	for (i = 0; i < level; i++)
		buf_putc(e->o, '#');
	buf_putc(e->o, ' ');
	buf_puts(e->o, text);
	buf_putc(e->o, '\n');
}

/* Text that Markdown would misread at a line start gets a backslash. */
static void
text_line(struct emitter *e, const char *s)
{
	if (*s == '#' || *s == '>' || *s == '+' || *s == '*' || *s == '=' ||
	    *s == '|' || (*s == '-' && s[1] != ' ') || has_prefix(s, "```") ||
	    has_prefix(s, "~~~") || *s == '<')
		buf_putc(e->o, '\\');
	/* A backslash before ASCII punctuation would escape it: double it,
	 * so that every byte of the source reaches the page. */
	for (; *s != '\0'; s++) {
		buf_putc(e->o, *s);
		if (*s == '\\' && s[1] != '\0' && strchr(
		    "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", s[1]) != NULL)
			buf_putc(e->o, '\\');
	}
	buf_putc(e->o, '\n');
}

static void
table_row(struct buf *o, const char *s, size_t ncols)
{
	const char *p = s, *t;
	size_t n = 0;
	char *cell;

	buf_putc(o, '|');
	for (;;) {
		t = strchr(p, '\t');
		cell = text_trim(p, t ? (size_t)(t - p) : strlen(p));
		buf_putc(o, ' ');
		for (char *c = cell; *c != '\0'; c++) {
			/* <p> and </p> around cells: debris of an HTML export. */
			if (has_prefix(c, "<p>") || has_prefix(c, "</p>")) {
				c += c[1] == '/' ? 3 : 2;
				continue;
			}
			if (*c == '|' || *c == '\\')
				buf_putc(o, '\\');
			buf_putc(o, *c);
		}
		buf_puts(o, " |");
		free(cell);
		n++;
		if (t == NULL)
			break;
		p = t + 1;
	}
	for (; n < ncols; n++)
		buf_puts(o, "  |");
	buf_putc(o, '\n');
}

static size_t
tab_cols(const char *s)
{
	size_t n = 1;

	for (; *s != '\0'; s++)
		if (*s == '\t')
			n++;
	return n;
}

/* Tab-separated rows from l[i]: a GFM table.  Returns the next index. */
static size_t
table(struct emitter *e, size_t i)
{
	struct imp *im = e->im;
	size_t j, k, ncols = 0;

	for (j = i; j < im->nl; j++) {
		const char *r = im->l[j].s;

		/* A short line right under a row, no blank line between:
		 * a row of one cell (the others empty in the source). */
		if (strchr(r, '\t') == NULL && (j == i ||
		    im->l[j].blank_before || r[0] == '\0' || text_nchars(r) > 40 ||
		    strstr(r, "。") != NULL || has_prefix(r, "※") ||
		    im->l[j].bullet || heading_line(r)))
			break;
		if (tab_cols(r) > ncols)
			ncols = tab_cols(r);
	}
	block(e, BK_TABLE);
	table_row(e->o, im->l[i].s, ncols);
	buf_putc(e->o, '|');
	for (k = 0; k < ncols; k++)
		buf_puts(e->o, "---|");
	buf_putc(e->o, '\n');
	for (k = i + 1; k < j; k++)
		table_row(e->o, im->l[k].s, ncols);
	im->st->tables++;
	return j;
}

static int
div_level(struct imp *im, enum divkind k)
{
	return k >= DIV_PART && k <= DIV_DIVISION ? im->divlevel[k] : 1;
}

/*
 * Is l[i] a short unnumbered heading: 総則, 利用契約, 制定・改定日?  A
 * plain title (recog_plain_title()) that an article, a caption, a
 * division or a date line follows.
 */
static int
plain_heading(struct imp *im, size_t i)
{
	const char *n;
	char *num = NULL;
	size_t le;
	int hc;
	const char *rest;
	enum divkind k;

	if (im->l[i].bullet || !recog_plain_title(im->l[i].s) ||
	    i + 1 >= im->nl)
		return 0;
	n = im->l[i + 1].s;
	if (article_line(n, &num, &le, &hc, &rest)) {
		free(num);
		return 1;
	}
	return caption_line(n) || division_line(n, &k) ||
	    recog_date(n, (char[11]){0}, &le);
}

/* 第1 本サービスの内容: 第 and a number, no 条/章, a short title. */
static int
numbered_heading(const char *s)
{
	size_t used;
	const char *p;

	if (!has_prefix(s, "第") || numeral_parse(s + 3, &used, 1) < 0)
		return 0;
	p = s + 3 + used;
	if (!is_space(first_cp(p)))
		return 0;
	p = skip_sp(p);
	return *p != '\0' && text_nchars(p) <= 30 && !has_sentence_punct(p);
}

/* The kind of an appendix heading, for its level: ① 1. （1） ■ ● text. */
static int
heading_key(const char *s)
{
	struct marker m;

	if (item_marker_parse(s, &m))
		return 1 + (int)m.scheme;
	if (para_marker_parse(s, &m))
		return 20;
	if (has_prefix(s, "■") || has_prefix(s, "□"))
		return 21;
	if (has_prefix(s, "●") || has_prefix(s, "○"))
		return 22;
	return 23;
}

/*
 * In a 別表: a short line, no sentence, that a table (or another such
 * line, and then a table) follows.
 */
static int
appendix_heading(struct imp *im, size_t i, int depth)
{
	const char *s = im->l[i].s;
	size_t j;

	if (depth > 3 || s[0] == '\0' || im->l[i].bullet ||
	    strchr(s, '\t') != NULL || text_nchars(s) > 60 ||
	    strstr(s, "。") != NULL || has_prefix(s, "※") || heading_line(s))
		return 0;
	for (j = i + 1; j < im->nl && im->l[j].s[0] == '\0'; j++)
		;
	if (j >= im->nl)
		return 0;
	return strchr(im->l[j].s, '\t') != NULL ||
	    appendix_heading(im, j, depth + 1);
}

/* 次の各号のいずれかに該当する場合には…。 : items follow. */
static int
announces_items(const char *s)
{
	return recog_announces_items(s);
}

/*
 * Where the closing note that ends t (n bytes, （…） with notes inside
 * it) opens, or n when t does not end with one or is nothing but one.
 */
static size_t
note_before_end(const char *t, size_t n)
{
	size_t i = n, depth = 0;

	if (!has_suffix(t, "）"))
		return n;
	while (i >= strlen("（")) {
		if (memcmp(t + i - strlen("）"), "）", strlen("）")) == 0) {
			depth++;
			i -= strlen("）");
		} else if (memcmp(t + i - strlen("（"), "（",
		    strlen("（")) == 0) {
			i -= strlen("（");
			if (--depth == 0)
				return i > 0 ? i : n;
		} else
			i--;
	}
	return n;
}

/*
 * An item that lost its marker: plain text that ends as items do in
 * Japanese drafting, on a noun (…場合。 …行為。 …こと。 …とき), where a
 * paragraph ends on a predicate (…します。 …できる。 …ない。).
 */
static int
unmarked_item(struct imp *im, size_t i)
{
	static const char *const nouns[] = { "こと", "とき", "もの", "ところ" };
	const char *s = im->l[i].s;
	char *t;
	size_t n, k;
	int32_t c;
	int r = 0;

	if (s[0] == '\0' || im->l[i].bullet || im->l[i].cell ||
	    strchr(s, '\t') != NULL || starts_structure(s) ||
	    plain_heading(im, i) || announces_items(s))
		return 0;
	t = xstrdup(s);
	n = strlen(t);
	if (has_suffix(t, "。"))
		t[n -= strlen("。")] = '\0';
	/* …その他これらに準ずる者（以下「暴力団員等」という。）: a note at
	 * the end hides nothing; the words before it end the item. */
	n = note_before_end(t, n);
	t[n] = '\0';
	for (k = 0; k < sizeof(nouns) / sizeof(nouns[0]); k++)
		if (has_suffix(t, nouns[k]))
			r = 1;
	c = last_cp(t);
	if (char_class(c) == CC_KANJI || char_class(c) == CC_KATAKANA)
		r = 1;
	free(t);
	return r;
}

/*
 * Is the line above line i (blank lines aside) the item before marker
 * m, of its scheme, short as a term is and alone on its line, no
 * definition under it?  Then the list writes its items a line each.
 */
static int
item_alone_before(const struct imp *im, size_t i, const struct marker *m)
{
	struct marker p;
	const char *s;

	while (i > 0 && im->l[i - 1].s[0] == '\0')
		i--;
	if (i == 0)
		return 0;
	s = im->l[i - 1].s;
	return item_marker_parse(s, &p) && p.scheme == m->scheme &&
	    p.value + 1 == m->value && text_nchars(s) <= 20 &&
	    !has_sentence_punct(s);
}

/*
 * Items without markers under line i, a paragraph announcing them
 * (unmarked_item()): one line each, in the paragraph's block.  Returns
 * the last line taken.
 */
static size_t
unmarked_items(struct emitter *e, size_t i)
{
	struct imp *im = e->im;

	while (i + 1 < im->nl && unmarked_item(im, i + 1)) {
		i++;
		text_line(e, im->l[i].s);
		im->st->unmarked++;
	}
	return i;
}

/*
 * Where paragraphs open with 　, a bare 第N条 line whose next line neither
 * opens a paragraph (　) nor is a marker or a heading is no article: a
 * cell of a table laid out a cell a line (読替え tables), or a reference
 * the layout cut off.
 */
static int
label_fragment(struct imp *im, size_t i, int hascap, const char *rest)
{
	size_t j;

	if (!im->indented || hascap || *rest != '\0')
		return 0;
	for (j = i + 1; j < im->nl && im->l[j].s[0] == '\0'; j++)
		;
	return j < im->nl && !im->l[j].ideo && !starts_structure(im->l[j].s) &&
	    strcmp(im->l[j].s, "削除") != 0;
}

static void
article(struct emitter *e, size_t i, const char *pending, int pending_no)
{
	struct imp *im = e->im;
	const char *s = im->l[i].s, *rest;
	char *num = NULL;
	size_t le;
	int hc;
	struct buf h;

	if (!article_line(s, &num, &le, &hc, &rest))
		abort();	/* emit() asked article_line() first */
	e->lastnum = strtol(num, NULL, 10);
	free(num);
	buf_init(&h);
	buf_put(&h, s, le);
	if (!hc && pending != NULL) {
		const char *cap;
		size_t caplen;

		/* （見出し） as written; 【見出し】, ■ 見出し by its words. */
		if (caption_line(pending) || !recog_caption_line(pending,
		    RC_MARKED, &cap, &caplen))
			buf_puts(&h, pending);
		else {
			buf_puts(&h, "\u3000");
			buf_put(&h, cap, caplen);
		}
	}
	else if (pending != NULL) {
		/* Two captions: keep the loose one as text, and say so. */
		diag(im->d, im->path, pending_no, 1, D_IMP_UNPLACED,
		    "caption line %s before an article with its own caption",
		    pending);
		block(e, BK_TEXT);
		text_line(e, pending);
	}
	/* 第五条　削除: the heading says it all. */
	if (strcmp(rest, "削除") == 0) {
		buf_put(&h, s + le, strlen(s + le));
		rest = "";
	}
	heading(e, e->divlevel + 1, h.data);
	e->in_article = 1;
	buf_release(&h);
	im->st->articles++;
	if (*rest != '\0') {
		block(e, BK_TEXT);
		text_line(e, rest);
	}
}

/*
 * Mark a label_fragment() l[i] and the table cells right after it
 * (cell_line()) as a table of their own; returns i.
 */
static size_t
fragment_cells(struct imp *im, size_t i)
{
	size_t j;

	im->l[i].cell = 1;
	for (j = i + 1; j < im->nl; j++) {
		if (im->l[j].s[0] == '\0')
			continue;
		if (im->l[j].cell || !cell_line(im, j, 0))
			break;
		im->l[j].cell = 2;
	}
	return i;
}

/* A table cell_tables() found, from its first cell l[i]: one column. */
static size_t
cell_table(struct emitter *e, size_t i)
{
	struct imp *im = e->im;
	size_t j;

	block(e, BK_TABLE);
	table_row(e->o, im->l[i].s, 1);
	buf_puts(e->o, "|---|\n");
	for (j = i + 1; j < im->nl && (im->l[j].cell == 2 ||
	    (im->l[j].s[0] == '\0' && j + 1 < im->nl &&
	    im->l[j + 1].cell == 2)); j++)
		if (im->l[j].cell == 2)
			table_row(e->o, im->l[j].s, 1);
	im->st->tables++;
	return j;
}

static void
emit(struct emitter *e)
{
	struct imp *im = e->im;
	struct marker m;
	enum divkind k;
	const char *s, *rest, *pending = NULL;
	char *num;
	size_t i, le, title_until = 0, mark;
	int hc, frag, pending_no = 0, first_heading = 0, under_lead;

	for (i = 0; i < im->nl; i++) {
		s = im->l[i].s;
		if (i == im->newdoc && i > 0) {
			block(e, BK_TEXT);
			buf_puts(e->o, "<!-- termc: import: a second document "
			    "starts here; move it to a terms file of its own. -->\n");
			diag(im->d, im->path, im->l[i].no, 1, D_IMP_UNPLACED,
			    "a second document starts here (its articles "
			    "restart at 1): split it into a terms file of its own");
			e->divlevel = 0;
			e->lastnum = 0;
			for (title_until = i; title_until < im->nl &&
			    !heading_line(im->l[title_until].s); title_until++)
				;
		}
		if (s[0] == '\0')
			continue;
		/* Are the marked lines after this one a lead's items?  The
		 * last line without a marker, or a marked one, announced
		 * them. */
		under_lead = e->lead;
		if (!para_marker_parse(s, &m) && !item_marker_parse(s, &m))
			e->lead = announces_items(s);
		else if (announces_items(s))
			e->lead = 1;
		if (i < title_until) {
			block(e, BK_TEXT);
			text_line(e, s);
			continue;
		}
		/* A caption waiting for its article must meet it next. */
		if (pending != NULL) {
			num = NULL;
			if (article_line(s, &num, &le, &hc, &rest)) {
				free(num);
				e->suppl_plain = 0;
				article(e, i, pending, pending_no);
				pending = NULL;
				continue;
			}
			/*
			 * A caption with no article in a 附則 made of
			 * paragraphs: it heads the paragraph, as statutes
			 * write it (（施行期日）, then １　…); kept as text.
			 * So in an appendix, which holds tables and forms,
			 * not articles: 別表第一号（…関係）, then （略）.  So
			 * over a paragraph numbered ２ or more, in a statute
			 * of paragraphs (（…の表示）, then ２　…): an article
			 * that lost its number opens with its first.
			 */
			if (e->suppl_plain || e->appendix ||
			    later_paragraph(s)) {
				block(e, BK_TEXT);
				text_line(e, pending);
				pending = NULL;
				goto placed;
			}
			/* A caption with no article: the number is lost. */
			e->lastnum++;
			{
				struct buf h;

				if (!e->supplied_note) {
					block(e, BK_TEXT);
					buf_puts(e->o, "<!-- termc: import supplied "
					    "the numbers of articles that have only "
					    "a caption in the source; check them. -->\n");
					e->supplied_note = 1;
				}
				buf_init(&h);
				buf_printf(&h, "第%ld条%s", e->lastnum, pending);
				heading(e, e->divlevel + 1, h.data);
				buf_release(&h);
			}
			diag(im->d, im->path, pending_no, 1, D_IMP_SUPPLIED,
			    "第%ld条%s", e->lastnum, pending);
			im->st->articles++;
			im->st->supplied++;
			pending = NULL;
		}
placed:
		if (im->l[i].section && im->l[i].runin > 0) {
			/* "1. Hire. We hire …": the title without its stop,
			 * the rest the section's first paragraph. */
			char *h = xstrndup(s, im->l[i].runin - 1);

			heading(e, e->divlevel + 1, h);
			free(h);
			e->in_article = 1;
			im->st->articles++;
			first_heading = 1;
			e->olist = e->numpara = 0;
			block(e, BK_TEXT);
			text_line(e, s + im->l[i].runin +
			    strspn(s + im->l[i].runin, " "));
			continue;
		}
		if (im->l[i].section) {
			heading(e, e->divlevel + 1, s);
			e->in_article = 1;
			im->st->articles++;
			first_heading = 1;
			e->olist = e->numpara = 0;
			continue;
		}
		/*
		 * A nested list line under a Markdown list item (1. …, or a
		 * bullet): a bullet inside it, a level deeper a tab.  Under
		 * a line that is no list item of Markdown's ((１)　…) it is
		 * a marked line as any other, which the lowering nests by
		 * its scheme.
		 */
		if (im->l[i].tabs > 0 && (e->olist || e->last == BK_BULLET)) {
			int d;

			/*
			 * "  1.虚偽の…" under "2. 当社は…": a numbered list
			 * in it, its numbers as written (1. and text, the
			 * space Markdown wants after the dot); deeper lines
			 * nest under its text, at column 6.
			 */
			if (e->olist && im->l[i].tabs == 1 &&
			    !im->l[i].bullet && para_marker_parse(s, &m) &&
			    s[0] >= '0' && s[0] <= '9' && s[m.len - 1] == '.') {
				buf_puts(e->o, "   ");
				buf_put(e->o, s, m.len);
				buf_putc(e->o, ' ');
				text_line(e, s + m.skip);
				e->subol = 1;
				continue;
			}
			if (im->l[i].tabs == 1)
				e->subol = 0;
			if (e->olist)
				buf_puts(e->o, e->subol ? "      " : "   ");
			for (d = e->olist ? 1 + e->subol : 0;
			    d < im->l[i].tabs; d++)
				buf_puts(e->o, "  ");
			buf_puts(e->o, "- ");
			text_line(e, s);
			continue;
		}
		e->subol = 0;
		if (im->l[i].bullet) {
			struct marker mm;

			/* "- 1 当社は…", "- (1) …": the bullet is debris,
			 * unless the line is one of a list of bullets. */
			if ((para_marker_parse(s, &mm) ||
			    item_marker_parse(s, &mm)) &&
			    e->bullet_indent != (im->l[i].indent > 0)) {
				block(e, BK_TEXT);
				text_line(e, s);
				e->bullet_indent = -1;
				continue;
			}
			e->bullet_indent = im->l[i].indent > 0;
			block(e, BK_BULLET);
			if (e->olist)
				buf_puts(e->o, "   ");
			buf_puts(e->o, im->l[i].indent > 0 ? "  - " : "- ");
			buf_puts(e->o, s);
			buf_putc(e->o, '\n');
			continue;
		}
		e->bullet_indent = -1;
		/* 【2021年5月1日改定】, （改定）: history, never a heading. */
		if (im->l[i].hist) {
			block(e, BK_TEXT);
			text_line(e, s);
			e->olist = e->numpara = 0;
			continue;
		}
		if (im->l[i].cell) {
			i = cell_table(e, i) - 1;
			e->olist = e->numpara = 0;
			continue;
		}
		if (strchr(s, '\t') != NULL) {
			i = table(e, i) - 1;
			e->olist = e->numpara = 0;
			continue;
		}
		num = NULL;
		frag = article_line(s, &num, &le, &hc, &rest) &&
		    label_fragment(im, i, hc, rest);
		free(num);
		num = NULL;
		if (frag) {
			/*
			 * A label alone among a table's cells (a 読替え table,
			 * a cell a line): written as a paragraph, the reader
			 * would take it for the article.  It and the cells
			 * after it are a table.
			 */
			i = cell_table(e, fragment_cells(im, i)) - 1;
			e->olist = e->numpara = 0;
			continue;
		}
		if (article_line(s, &num, &le, &hc, &rest)) {
			free(num);
			e->suppl_plain = 0;
			article(e, i, NULL, 0);
			first_heading = 1;
			e->olist = e->numpara = 0;
			continue;
		}
		if (division_line(s, &k)) {
			e->divlevel = div_level(im, k);
			heading(e, e->divlevel, s);
			im->st->divisions++;
			first_heading = 1;
			e->olist = e->numpara = 0;
			continue;
		}
		if ((k = recog_named_division(s, 0)) != DIV_OTHER) {
			e->appendix = k == DIV_APPENDIX;
			e->suppl_plain = k == DIV_SUPPL;
			e->nakeys = 0;
			e->divlevel = 1;
			heading(e, 1, s);
			im->st->divisions++;
			first_heading = 1;
			e->olist = e->numpara = 0;
			continue;
		}
		if (caption_line(s) || marked_caption(im, i) ||
		    long_caption(im, i)) {
			pending = s;
			pending_no = im->l[i].no;
			first_heading = 1;
			e->olist = e->numpara = 0;
			continue;
		}
		if (numbered_heading(s) && e->divlevel > 0) {
			/* 第1 本サービスの内容: a part of a 別紙. */
			heading(e, e->divlevel + 1, s);
			im->st->divisions++;
			e->olist = e->numpara = 0;
			continue;
		}
		if (e->appendix && appendix_heading(im, i, 0)) {
			int key = heading_key(s), lv;

			for (lv = 0; lv < e->nakeys && e->akeys[lv] != key; lv++)
				;
			if (lv == e->nakeys && lv < 4)
				e->akeys[e->nakeys++] = key;
			heading(e, e->divlevel + 1 + lv, s);
			im->st->divisions++;
			e->olist = e->numpara = 0;
			continue;
		}
		if (plain_heading(im, i)) {
			e->appendix = 0;
			e->divlevel = 1;
			heading(e, 1, s);
			im->st->divisions++;
			first_heading = 1;
			e->olist = e->numpara = 0;
			continue;
		}
		if (para_marker_parse(s, &m) || item_marker_parse(s, &m)) {
			if (!first_heading)
				diag(im->d, im->path, im->l[i].no, 1,
				    D_IMP_UNPLACED, "numbered line before the "
				    "first article or heading");
			block(e, BK_TEXT);
			e->olist = m.scheme == MS_PARA && s[0] >= '0' &&
			    s[0] <= '9' && s[m.len - 1] == '.';
			/* ２　 2. ② number a 項, unless a lead announced
			 * them as its items: a sentence right under the
			 * last item is a paragraph of its own. */
			e->numpara = (m.scheme == MS_PARA ||
			    m.scheme == MS_CIRCLED) && !under_lead;
			/*
			 * "2.運営者は…" over lines nested under it: the
			 * space Markdown wants after "2." makes it the list
			 * entry they nest in (its number and text as written).
			 */
			if (e->olist && s[m.len] != ' ' && i + 1 < im->nl &&
			    im->l[i + 1].tabs > 0) {
				buf_put(e->o, s, m.len);
				buf_putc(e->o, ' ');
				buf_puts(e->o, s + m.len);
				buf_putc(e->o, '\n');
			} else
				text_line(e, s);
			/*
			 * ①…次の機能を提供します： over its items that lost
			 * their markers: in its block, as under a lead with no
			 * number (below).  A number of 項 (2., ２　, ②) keeps
			 * the lines under it by the rule after this one.
			 */
			if (!e->numpara && announces_items(s)) {
				i = unmarked_items(e, i);
				continue;
			}
			/* "(1) 本サービス" then its definition: one block;
			 * not a sentence under a list whose item before
			 * stood alone on its line (①窓口での届出, ②郵送によ
			 * る届出, then 当会は、…終えます。: the next 項), nor
			 * one that leads a list of its own (…次の各号に該当
			 * する行為を行わない。 then (1) again: the next 項). */
			if (m.scheme != MS_PARA && text_nchars(s) <= 20 &&
			    !(i + 1 < im->nl &&
			    has_suffix(im->l[i + 1].s, "。") &&
			    (item_alone_before(im, i, &m) ||
			    announces_items(im->l[i + 1].s))) &&
			    !has_sentence_punct(s) && i + 1 < im->nl &&
			    !im->l[i + 1].bullet && im->l[i + 1].s[0] != '\0' &&
			    !starts_structure(im->l[i + 1].s) &&
			    !plain_heading(im, i + 1)) {
				i++;
				text_line(e, im->l[i].s);
			}
			continue;
		}
		/*
		 * Where paragraphs carry their numbers, a plain line right
		 * under a numbered one (no blank line between) goes on with
		 * it: a new sentence of paragraph 1, not an unnumbered
		 * paragraph 2 beside the written 2 that follows.
		 */
		if (e->numpara && e->last == BK_TEXT &&
		    !im->l[i].blank_before && !announces_items(s) &&
		    !glued_article_line(s)) {
			if (e->olist)
				buf_puts(e->o, "   ");
			text_line(e, s);
			continue;
		}
		block(e, BK_TEXT);
		e->olist = e->numpara = 0;
		e->numpara = 0;
		mark = e->o->len;
		text_line(e, s);
		/*
		 * Bullets under a paragraph (・ …, - …, * …) are its items,
		 * deeper ones (nested by tabs or spaces) their sub-items.
		 * In an article Markdown's bullets right under a paragraph
		 * written as text are its items; elsewhere (a 付則 or a
		 * preamble made of paragraphs) they would read as more
		 * paragraphs, so the paragraph becomes a bullet and they
		 * nest.
		 */
		if (i + 1 < im->nl && im->l[i + 1].bullet &&
		    im->l[i + 1].tabs == 0) {
			size_t j, top = i + 1, ntop = 0;
			int d;

			for (j = top; j < im->nl && ((im->l[j].bullet ==
			    im->l[top].bullet && im->l[j].tabs == 0 &&
			    im->l[j].indent == im->l[top].indent &&
			    !starts_marker(im->l[j].s) && ++ntop) ||
			    (j > top && im->l[j].tabs > 0)); j++)
				;
			/* One bullet after a paragraph may be a term over its
			 * definition (・利用者, then what it means): a list
			 * has two, or a lead that announces it. */
			if ((ntop >= 2 || announces_items(s)) &&
			    !(j < im->nl && im->l[j].bullet &&
			    !starts_marker(im->l[j].s))) {
				if (e->in_article) {
					if (j > i + 1)
						buf_putc(e->o, '\n');
				}
				else {
					e->o->len = mark;
					e->o->data[mark] = '\0';
					buf_puts(e->o, "- ");
					text_line(e, s);
				}
				for (i++; i < j; i++) {
					for (d = e->in_article;
					    d <= im->l[i].tabs; d++)
						buf_puts(e->o, "  ");
					buf_puts(e->o, "- ");
					text_line(e, im->l[i].s);
				}
				e->last = BK_BULLET;
				i--;
				continue;
			}
		}
		if (announces_items(s))
			i = unmarked_items(e, i);
	}
	if (pending != NULL) {
		diag(im->d, im->path, pending_no, 1, D_IMP_UNPLACED,
		    "caption line %s at the end, with no article", pending);
		block(e, BK_TEXT);
		text_line(e, pending);
	}
}

/*
 * A second document in the same text (003 ends with its own 利用規則):
 * article numbers restart at 1 after a title.  Finds the title's first
 * line, the start of the second document.
 */
static void
second_document(struct imp *im)
{
	size_t i, j, le;
	long max = 0, v;
	char *num;
	int hc;
	const char *rest;

	for (i = 0; i < im->nl; i++) {
		num = NULL;
		if (im->l[i].cell ||
		    !article_line(im->l[i].s, &num, &le, &hc, &rest))
			continue;
		v = strtol(num, NULL, 10);
		free(num);
		if (v == 1 && max >= 2) {
			for (j = i; j > 0 && i - j < 3; j--) {
				const char *s = im->l[j - 1].s;

				if (s[0] == '\0')
					continue;
				if (heading_line(s) && !plain_heading(im, j - 1))
					break;
				if (text_nchars(s) > 40 || strstr(s, "。") != NULL ||
				    recog_named_division(s, 0) != DIV_OTHER)
					break;
			}
			if (j < i) {
				im->newdoc = j;
				return;
			}
		}
		if (v > max)
			max = v;
	}
}

/* Heading levels of the numbered divisions present: 章 over 節 … */
/*
 * A section line: a number and a title (1. 使用許諾, １ 用語の定義等), the
 * title short and no sentence.  With runin, also an English title run in
 * before its first sentence, "1. Hire. We hire bicycles …": the words up
 * to the first stop a title (recog_en_title(): Title Case or three words
 * at most; "1. You must be 13. …" is a sentence), the rest opening with a
 * capital; *runin is then where the rest starts (else 0).  Returns its
 * number, or -1.
 */
static long
section_line(const char *s, int runin, size_t *at)
{
	struct marker m;
	const char *t, *stop;
	char *head;
	int yes;

	*at = 0;
	if (!para_marker_parse(s, &m))
		return -1;
	t = s + m.skip;
	if ((t[0] >= 'A' && t[0] <= 'Z') || (t[0] >= 'a' && t[0] <= 'z')) {
		if (recog_en_title(t))
			return m.value;
		if (!runin || !(t[0] >= 'A' && t[0] <= 'Z') ||
		    (stop = strstr(t, ". ")) == NULL ||
		    !(stop[2] >= 'A' && stop[2] <= 'Z'))
			return -1;
		head = xstrndup(t, (size_t)(stop + 1 - t));
		yes = recog_en_title(head);
		free(head);
		if (!yes)
			return -1;
		*at = (size_t)(stop + 1 - s);
		return m.value;
	}
	if (text_nchars(t) > 40 || !recog_caption_text(t, strlen(t)))
		return -1;
	return m.value;
}

/*
 * sections: a document numbered as sections instead of 第N条.  When no
 * line is an article line, the section lines whose numbers run 1, 2, 3 …
 * through the document, each followed by text that is not the next
 * section line (or holding it, run in), are its articles (three at
 * least; else there is no such scheme).  Numbers restarting inside a
 * section (its own list) do not continue the run and stay text.  Titles
 * run in are asked for only where whole lines make no such run: a
 * document writes its sections one way, and "1. Age. You must …" is
 * more often an entry of a section's own list.
 */
static void
sections(struct imp *im)
{
	size_t i, j, n, at, next;
	long want, v;
	int runin, pass;

	if (im->has_articles)
		return;
	for (runin = 0; runin < 2; runin++)
		for (pass = 0; pass < 2; pass++) {
			want = 1;
			n = 0;
			for (i = 0; i < im->nl; i++) {
				if ((v = section_line(im->l[i].s, runin,
				    &at)) != want)
					continue;
				for (j = i + 1; j < im->nl &&
				    im->l[j].s[0] == '\0'; j++)
					;
				if (at == 0 && (j == im->nl ||
				    section_line(im->l[j].s, runin, &next) ==
				    want + 1))
					continue;
				want++;
				n++;
				if (pass == 1) {
					im->l[i].section = 1;
					im->l[i].runin = at;
				}
			}
			if (n < 3)
				break;
			if (pass == 1)
				return;
		}
	title_sections(im);
}

/*
 * Is l[i] shaped as an English title standing alone: a line of its own
 * (no marker, bullet or indent), capitalized, no number or colon in it,
 * no stop at its end (recog_title_alone())?  User Content and Privacy.
 */
static int
title_shape(const struct imp *im, size_t i)
{
	const struct lline *l = &im->l[i];
	const char *s = l->s;

	return !l->bullet && l->tabs == 0 && !l->ideo && !starts_marker(s) &&
	    recog_title_alone(s);
}

/*
 * Does title l[i] head a section: text follows it, not another title
 * (HarborHarbor Pro over Harbor Terms of Service is page furniture), and
 * above the document's first sentence, a sentence (Harbor Notes over
 * Updated: May 2, 2025 is the title block's)?  The look back stops at
 * the first sentence: the title block only, never the body.
 */
static int
title_heads(const struct imp *im, size_t i)
{
	size_t j, k;

	if (!title_shape(im, i))
		return 0;
	for (j = i + 1; j < im->nl && im->l[j].s[0] == '\0'; j++)
		;
	if (j == im->nl || title_shape(im, j))
		return 0;
	/* Above the first sentence, the title block: a title there heads a
	 * section only when a sentence follows it, and the document's own
	 * title (Harbor Terms of Service) none. */
	for (k = 0; k < i && !has_suffix(im->l[k].s, "."); k++)
		;
	return k < i || (!title_like(im->l[i].s) &&
	    has_suffix(im->l[j].s, "."));
}

/*
 * title_sections: English text with no numbered sections, its sections
 * headed by titles alone on their lines (User Content and Privacy, then
 * its text), as a page reduced to text shows its headings.  Three such
 * lines or more, each followed by text that is no such line, and one
 * line in eight or more of the body: a few title-like lines among many
 * paragraphs mark passages, not sections.
 */
static void
title_sections(struct imp *im)
{
	size_t i, n = 0, lines = 0;

	for (i = 0; i < im->nl; i++) {
		if (im->l[i].s[0] == '\0')
			continue;
		lines++;
		n += title_heads(im, i);
	}
	if (n < 3 || n * 8 < lines)
		return;
	for (i = 0; i < im->nl; i++)
		if (im->l[i].s[0] != '\0' && title_heads(im, i))
			im->l[i].section = 1;
}

/*
 * A numbered list line "N. " (ASCII digits, a dot): its number, and its
 * text at *text; else -1.
 */
static long
dot_number(const struct lline *l, const char **text)
{
	struct marker m;

	if (l->tabs > 0 || l->bullet || !para_marker_parse(l->s, &m) ||
	    l->s[0] < '0' || l->s[0] > '9' || l->s[m.len - 1] != '.')
		return -1;
	*text = l->s + m.skip;
	return m.value;
}

/*
 * flat_sublists: a list nested in a list item, as pages reduced to text
 * flatten it: "1. 以下の場合、…できます。" announcing items, then "1." again
 * where the items start, 2., 3. …, then "2." of the outer list.  A "1."
 * right after a list line whose text announces items (次の, 以下の …)
 * opens its sub-list; the lines that count on from it (1, 2, 3 …) are
 * nested a level deeper, as if indented; the first that does not count
 * on, the outer list's next number, closes it.
 */
static void
flat_sublists(struct imp *im)
{
	const char *t;
	size_t i, j, k;
	long outer, want;

	for (i = 0; i < im->nl; i++) {
		if ((outer = dot_number(&im->l[i], &t)) < 0 ||
		    !announces_items(t))
			continue;
		want = 1;
		for (j = i + 1; j < im->nl; j++) {
			if (im->l[j].s[0] == '\0')
				continue;
			if (dot_number(&im->l[j], &t) != want)
				break;
			want++;
		}
		/* Two items at least, and the outer list goes on or ends. */
		if (want < 3 || (j < im->nl &&
		    dot_number(&im->l[j], &t) >= 0 &&
		    dot_number(&im->l[j], &t) != outer + 1))
			continue;
		for (k = i + 1; k < j; k++)
			if (im->l[k].s[0] != '\0')
				im->l[k].tabs = 1;
		i = j - 1;
	}
}

static void
levels(struct imp *im)
{
	int present[DIV_OTHER + 1] = { 0 }, lv = 0;
	enum divkind k;
	size_t i;

	for (i = 0; i < im->nl; i++)
		if (division_line(im->l[i].s, &k))
			present[k] = 1;
	for (k = DIV_PART; k <= DIV_DIVISION; k++)
		im->divlevel[k] = present[k] ? ++lv : lv + 1;
}

char *
import_text(const char *path, const char *text, size_t len,
    const struct import_opts *op, struct import_stats *st, struct diags *d)
{
	struct imp im;
	struct emitter e;
	struct buf o, body;
	char *copy;
	size_t i;

	memset(&im, 0, sizeof(im));
	memset(st, 0, sizeof(*st));
	/* Already a terms file (a legacy-encoded .md): the encoding was the
	 * only thing to convert.  Line ends become LF. */
	if ((len >= 4 && strncmp(text, "---\n", 4) == 0) ||
	    (len >= 5 && strncmp(text, "---\r\n", 5) == 0)) {
		buf_init(&o);
		for (i = 0; i < len; i++) {
			if (text[i] == '\r') {
				buf_putc(&o, '\n');
				if (i + 1 < len && text[i + 1] == '\n')
					i++;
			} else
				buf_putc(&o, text[i]);
		}
		st->passthrough = 1;
		return buf_detach(&o);
	}
	im.path = path;
	im.d = d;
	im.st = st;
	/* --title names the title: only a line that says it is the title
	 * line; another title-like line stays in the body, as written. */
	if (op->title != NULL)
		im.title = xstrdup(op->title);
	copy = split(&im, text, len);
	glued_headings(&im);
	stray_tabs(&im);
	markers(&im);
	debris(&im);
	if (op->verbose)
		for (i = 0; i < im.nr; i++)
			if (im.r[i].drop != NULL)
				fprintf(stderr, "termc: import: %s:%d: dropped "
				    "(%s): %s\n", path, im.r[i].no,
				    im.r[i].drop, im.r[i].s);
	join(&im);
	unglue(&im);
	cell_tables(&im);
	second_document(&im);
	meta(&im);
	levels(&im);
	sections(&im);
	flat_sublists(&im);
	buf_init(&body);
	memset(&e, 0, sizeof(e));
	e.bullet_indent = -1;
	e.im = &im;
	e.o = &body;
	emit(&e);
	buf_init(&o);
	front_matter(&im, &o, op);
	if (body.len > 0)
		buf_putc(&o, '\n');
	buf_put(&o, body.data, body.len);
	buf_release(&body);
	for (i = 0; i < im.nl; i++)
		free(im.l[i].s);
	for (i = 0; i < im.nh; i++) {
		free(im.h[i].note);
		free(im.h[i].key);
	}
	if (im.hseen.slots != NULL)
		hmap_release(&im.hseen);
	for (i = 0; i < im.nowned; i++)
		free(im.owned[i]);
	free(im.owned);
	free(im.l);
	free(im.h);
	free(im.r);
	free(im.title);
	free(im.tsq);
	free(im.docnum);
	free(im.provider_name);
	free(copy);
	return buf_detach(&o);
}

/* ---- the command ------------------------------------------------------ */

static const char import_usage[] =
    "usage: termc import [--encoding=ENC] [-o OUT] [--provider=SLUG]\n"
    "                    [--provider-name=NAME] [--document=SLUG]\n"
    "                    [--title=TITLE] [--revision=YYYY-MM-DD] FILE\n\n"
    "Turn plain text (from a PDF or a word processor, in a legacy\n"
    "encoding or not) into a terms file: front matter, divisions,\n"
    "articles, paragraphs, items and tables.  Markdown goes to standard\n"
    "output, or with -o to OUT (written whole or not at all).  What it\n"
    "chose and what it could not place are reported on standard error.\n\n"
    "  --encoding=ENC   auto (default), utf-8, cp932, shift_jis (read as\n"
    "                   CP932), euc-jp, utf-16 (with a byte-order mark)\n"
    "  -o, --output=OUT write the terms file to OUT\n"
    "  --provider, --provider-name, --document, --title, --revision\n"
    "                   front matter values; what is neither given nor\n"
    "                   found in the text is written FILL-ME\n"
    "  -v, --verbose    list every line dropped as a contents list,\n"
    "                   page number or running header, with its line\n"
    "  --help           show this help\n";

/* One line on standard error: what import did. */
static void
summary(const char *path, const struct import_stats *st)
{
	if (st->passthrough) {
		fprintf(stderr, "termc: import: %s: a terms file already (front "
		    "matter found): encoding converted only\n", path);
		return;
	}
	fprintf(stderr, "termc: import: %s: %zu articles (%zu numbers "
	    "supplied), %zu divisions, %zu tables; dropped %zu "
	    "table-of-contents lines, %zu page numbers, %zu repeated "
	    "header/footer lines; joined %zu broken lines; %zu items "
	    "without markers",
	    path, st->articles, st->supplied, st->divisions, st->tables,
	    st->toc, st->pagenum, st->repeated, st->joined, st->unmarked);
	if (st->unglued)
		fprintf(stderr, "; split %zu item markers or headings glued "
		    "to the text before", st->unglued);
	if (st->wrapped)
		fprintf(stderr, " (wrapped layout, %d columns)", st->wrapped);
	fputc('\n', stderr);
}

int
cmd_import(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "encoding", required_argument, NULL, 'e' },
		{ "output", required_argument, NULL, 'o' },
		{ "provider", required_argument, NULL, 'p' },
		{ "provider-name", required_argument, NULL, 'n' },
		{ "document", required_argument, NULL, 'd' },
		{ "title", required_argument, NULL, 't' },
		{ "revision", required_argument, NULL, 'r' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct import_opts op;
	struct import_stats st;
	struct diags d;
	enum encoding enc = ENC_AUTO, chosen = ENC_AUTO;
	char detail[DECODE_DETAIL_MAX], *bytes, *text, *md, *dir, *slash;
	const char *out = NULL, *path, *base;
	size_t len, tlen;
	int c, rc;

	memset(&op, 0, sizeof(op));
	optind = 1;
	while ((c = getopt_long(argc, argv, "ho:v", opts, NULL)) != -1) {
		switch (c) {
		case 'v':
			op.verbose = 1;
			break;
		case 'e':
			if (encoding_parse(optarg, &enc) == -1)
				return usage_error("import",
				    "unknown encoding '%s'", optarg);
			break;
		case 'o':
			out = optarg;
			break;
		case 'p':
			op.provider = optarg;
			break;
		case 'n':
			op.provider_name = optarg;
			break;
		case 'd':
			op.document = optarg;
			break;
		case 't':
			op.title = optarg;
			break;
		case 'r':
			op.revision = optarg;
			break;
		case 'h':
			fputs(import_usage, stdout);
			return 0;
		default:
			return bad_option("import", import_usage, argv, "ho:");
		}
	}
	if (argc - optind != 1)
		return usage_error("import", "expected one FILE");
	if ((op.provider != NULL && !is_slug(op.provider)) ||
	    (op.document != NULL && !is_slug(op.document)))
		return usage_error("import", "a slug is [a-z0-9-]+");
	if (op.revision != NULL && !is_date(op.revision))
		return usage_error("import", "a revision is a date, YYYY-MM-DD");
	if (out != NULL && (*out == '\0' || out[strlen(out) - 1] == '/'))
		return usage_error("import", "-o needs a file name");
	path = argv[optind];
	diags_init(&d);
	text = md = NULL;
	if ((bytes = read_file(path, 0, &len, &d)) != NULL &&
	    lawxml_detect(bytes, len)) {	/* standard law XML: lawxml.h */
		md = lawxml_import(path, bytes, len, &op, &d);
		free(bytes);
	} else if (bytes != NULL) {
		text = decode_text(path, bytes, len, enc, 0, &chosen, detail,
		    &tlen, &d);
		free(bytes);
		fprintf(stderr, "termc: import: %s: encoding %s (%s)\n", path,
		    encoding_name(chosen), detail);
	}
	if (text != NULL && diags_exit(&d, 0) == 0) {
		md = import_text(path, text, tlen, &op, &st, &d);
		summary(path, &st);
	}
	free(text);
	if (md != NULL && diags_exit(&d, 0) == 0) {
		if (out == NULL)
			fputs(md, stdout);
		else {
			dir = xstrdup(out);
			if ((slash = strrchr(dir, '/')) != NULL) {
				*slash = '\0';
				base = out + (slash - dir) + 1;
				if (*dir == '\0') {
					free(dir);
					dir = xstrdup("/");
				}
			} else {
				free(dir);
				dir = xstrdup(".");
				base = out;
			}
			outfile_write(dir, base, md, strlen(md), &d);
			free(dir);
		}
	}
	free(md);
	diags_print(&d, stderr);
	rc = diags_exit(&d, 0);
	if (rc == 0 && out == NULL)
		rc = finish_stdout("import");
	diags_release(&d);
	return rc;
}
