/*
 * Cross references: find, resolve, attach.  See xref.h for the forms.
 *
 * The scanner walks each text once, left to right.  At a character that
 * can open a reference (第, 本, 同, 前, 次) it tries the grammar
 *
 *	ref   = [article [caption] [の]] [para] [item]	(at least one part)
 *	article = 第 N 条 (の N)* | 前条 | 次条 | 本条 | 同条
 *	para  = 第 N 項 | N 項 | 前項 | 次項 | 本項 | 同項 | 前各項 | 前 N 項
 *	item  = 第 N 号 | N 号 | 前号 | 次号 | 本号 | 同号 | 前各号
 *
 * where a bare "N 項" / "N 号" (no 第, as in 第3条5項) needs a part before
 * it or a list connector (、 及び 又は から 乃至 …) before the reference.
 * A member of a list inherits the clause the previous member named: in
 * 第1項第5号又は6号, "6号" is an item of that same 第1項.  Resolution then
 * looks the parts up in the tree from the node that holds the reference.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "clause.h"
#include "hmap.h"
#include "numeral.h"
#include "par.h"
#include "recog.h"
#include "source.h"
#include "text.h"
#include "xalloc.h"
#include "xref.h"

#define CAPMAX	240	/* bytes: 30 characters and spaces, brackets */

enum rel { R_NONE, R_ABS, R_PREV, R_NEXT, R_THIS, R_SAME, R_PREVALL,
	R_PREVN };

struct part {
	enum rel	 rel;
	long		 n;		/* R_ABS (para, item), R_PREVN */
	char		 num[64];	/* R_ABS article: "17_2" */
};

struct rparse {
	struct part	 art, para, item;
	const char	*cap;
	size_t		 caplen;
	size_t		 len;
};

/* Where a reference sits, or what the previous one named. */
struct where {
	const struct node	*art;
	const struct node	*para;
	const struct node	*item;
	int			 external;
	int			 haspara;	/* named a paragraph explicitly */
	int			 hasitem;
	int			 xpara;		/* last: the paragraph named last, */
	int			 xitem;		/* the item, was another law's */
};

#define SEEK_MISSES	8	/* see source_col() */

struct scan {
	struct hmap		 arts;		/* scope:num → first article */
	char			**keys;		/* owned keys of arts */
	size_t			 nkeys;
	const struct node	**list;		/* articles in document order */
	size_t			 nlist;
	const char		*title;
	const struct node	*firstsuppl;	/* first 付則 division */
	struct xrefs		*out;
	const struct source	*src;		/* body and line index, or NULL */
	int			 seekline;	/* line searched last … */
	size_t			 seekfrom;	/* … and where to go on, */
	int			 seekchars;	/* … in characters */
	int			 seekmisses;	/* references not found on it */
	int			 cited_law;	/* a table's cell named a law */
	int			 english;	/* some article is Western */
	int			 numbered;	/* … and numbered: 1., Section 2 */
	int			 roman;		/* … in roman: ARTICLE II
					   (EN_ROMAN), or lettered: B.
					   (EN_LETTERS) */
#define EN_ROMAN	1
#define EN_LETTERS	2
	int			 articleword;	/* … or as Article 1, IV. */
	int			 sectioned;	/* numbered sections, no 第N条 */
	struct hmap		 appx;		/* folded 別表 name → node */
	char			**akeys;	/* owned keys of appx */
	size_t			 nakeys, akcap;
	const char		*rowcell;	/* the cell cell_rows() read */
	int			 rowcell_rows;	/* … and its answer */
};

static size_t
dec(const char *s, int32_t *c)
{
	size_t n = strnlen(s, 4);

	if (n == 0) {
		*c = 0;
		return 0;
	}
	return utf8_next(s, n, c);
}

/* A number, spaces allowed around it: " 23 ".  -1 if none. */
static long
number(const char **pp, int kanji)
{
	const char *p = *pp;
	size_t n;
	long v;

	p += text_skip_spaces(p);
	if ((v = numeral_parse(p, &n, kanji)) < 0)
		return -1;
	p += n;
	p += text_skip_spaces(p);
	*pp = p;
	return v;
}

/* 第 N <unit>, or a bare N <unit> when bare is set.  Guards 項目. */
static long
numbered(const char **pp, const char *unit, int bare)
{
	const char *p = *pp;
	long v;

	if (has_prefix(p, "第"))
		p += strlen("第");
	else if (!bare)
		return -1;
	if ((v = number(&p, 1)) < 0 || !has_prefix(p, unit))
		return -1;
	p += strlen(unit);
	if (has_prefix(p, "目"))
		return -1;
	*pp = p;
	return v;
}

/* An item number in brackets, (1) or （１）, as in 第1項(1)(3). */
static long
paren_num(const char **pp)
{
	const char *p = *pp;
	size_t n;
	long v;

	if (*p == '(')
		p++;
	else if (has_prefix(p, "（"))
		p += strlen("（");
	else
		return -1;
	if ((v = numeral_parse(p, &n, 0)) < 0)
		return -1;
	p += n;
	if (*p == ')')
		p++;
	else if (has_prefix(p, "）"))
		p += strlen("）");
	else
		return -1;
	*pp = p;
	return v;
}

/*
 * 前X, 次X, 本X, 同X for unit X, not followed by 件/目 (前条件, 同項目), nor
 * by 約/例: 同条約 is the same treaty, 本条例 this ordinance.
 */
static enum rel
relword(const char **pp, const char *unit)
{
	static const struct {
		const char	*w;
		enum rel	 r;
	} words[] = {
		{ "前", R_PREV }, { "次", R_NEXT }, { "本", R_THIS },
		{ "同", R_SAME }
	};
	const char *p = *pp;
	size_t i;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		if (!has_prefix(p, words[i].w))
			continue;
		p += strlen(words[i].w);
		if (!has_prefix(p, unit))
			return R_NONE;
		p += strlen(unit);
		if (has_prefix(p, "件") || has_prefix(p, "目") ||
		    has_prefix(p, "約") || has_prefix(p, "例"))
			return R_NONE;
		*pp = p;
		return words[i].r;
	}
	return R_NONE;
}

/*
 * Does this parenthesized text read like a caption (見出し)?  A 、 only
 * in a caption of nouns (本サービスの変更、中断、終了等), where no
 * hiragana but の joins them: a note (…準用する場合を含む、…) is a
 * sentence.  But a bracket that a part of the same reference follows
 * (第8条（本サービスにかかる変更、中断等）第4項) is the caption however
 * it is worded: a note goes on with の or に, not with 第N項; partnext
 * says so.
 */
static int
caption_like(const char *s, size_t len, int partnext)
{
	size_t i, cps = 0;
	int comma = 0, kana = 0;

	if (len == 0 || has_prefix(s, "以下") || has_prefix(s, "第") || has_prefix(s, "ただし"))
		return 0;
	for (i = 0; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			cps++;
		if (has_prefix(s + i, "。") || has_prefix(s + i, "「"))
			return 0;
		comma |= has_prefix(s + i, "、");
		/* hiragana U+3041..U+309F: E3 81 81 .. E3 82 9F */
		if ((unsigned char)s[i] == 0xe3 && i + 2 < len &&
		    ((unsigned char)s[i + 1] == 0x81 ||
		    ((unsigned char)s[i + 1] == 0x82 &&
		    (unsigned char)s[i + 2] <= 0x9f)) &&
		    !has_prefix(s + i, "の"))
			kana = 1;
	}
	return cps <= 30 && (partnext || !(comma && kana));
}

/* Does s open a paragraph or an item: 第N項, 第N号? */
static int
part_at(const char *s)
{
	const char *q = s + text_skip_spaces(s);

	return numbered(&q, "項", 0) >= 0 || (q = s + text_skip_spaces(s),
	    numbered(&q, "号", 0) >= 0);
}

static int
parse_ref(const char *s, int cont, struct rparse *r)
{
	const char *p = s, *q;
	size_t n, caplen;
	const char *cap;
	char capbuf[CAPMAX + 1];
	struct buf b;
	long v;
	int any;

	memset(r, 0, sizeof(*r));
	/* Article. */
	q = p;
	if ((v = numbered(&q, "条", 0)) >= 0) {
		buf_init(&b);
		buf_put_long(&b, v);
		/* 第二条の二, 第三条ノ二; not 第五条の一部 (a part of it). */
		while ((has_prefix(q, "の") || has_prefix(q, "ノ")) &&
		    (v = numeral_parse(q + strlen("の"), &n, 1)) >= 0 &&
		    !has_prefix(q + strlen("の") + n, "部")) {
			q += strlen("の") + n;
			buf_putc(&b, '_');
			buf_put_long(&b, v);
		}
		/* Cut to the room, as snprintf() would. */
		n = b.len < sizeof(r->art.num) ? b.len :
		    sizeof(r->art.num) - 1;
		memcpy(r->art.num, b.data, n);
		r->art.num[n] = '\0';
		buf_release(&b);
		r->art.rel = R_ABS;
		p = q;
	} else if ((r->art.rel = relword(&q, "条")) != R_NONE)
		p = q;
	if (r->art.rel != R_NONE) {
		r->len = (size_t)(p - s);
		/* A caption is short: parse at most CAPMAX bytes (linear). */
		n = strnlen(p, CAPMAX);
		memcpy(capbuf, p, n);
		capbuf[n] = '\0';
		if (caption_parse(capbuf, &cap, &caplen, &n) &&
		    caption_like(cap, caplen, part_at(p + n))) {
			r->cap = p + (cap - capbuf);
			r->caplen = caplen;
			p += n;
			r->len = (size_t)(p - s);
		}
		q = p + text_skip_spaces(p);
		if (has_prefix(q, "の第"))
			q += strlen("の");
		p = q;
	}
	any = r->art.rel != R_NONE;
	/* Paragraph. */
	q = p + (any ? text_skip_spaces(p) : 0);
	if ((v = numbered(&q, "項", any || cont)) >= 0) {
		r->para.rel = R_ABS;
		r->para.n = v;
		p = q;
	} else if (!any && has_prefix(q, "前各項")) {
		r->para.rel = R_PREVALL;
		p = q + strlen("前各項");
	} else if (!any && has_prefix(q, "前") &&
	    (q += strlen("前"), (v = numeral_parse(q, &n, 1)) >= 1) &&
	    has_prefix(q + n, "項") && !has_prefix(q + n + strlen("項"), "目")) {
		r->para.rel = R_PREVN;
		r->para.n = v;
		p = q + n + strlen("項");
	} else if (!any && (q = p,
	    (r->para.rel = relword(&q, "項")) != R_NONE))
		p = q;
	if (r->para.rel != R_NONE) {
		any = 1;
		r->len = (size_t)(p - s);
	}
	/* Item. */
	q = p + (any ? text_skip_spaces(p) : 0);
	if ((v = numbered(&q, "号", any || cont)) >= 0) {
		r->item.rel = R_ABS;
		r->item.n = v;
		p = q;
	} else if ((r->para.rel != R_NONE || (cont && !any)) &&
	    (q = p, (v = paren_num(&q)) >= 0)) {
		r->item.rel = R_ABS;
		r->item.n = v;
		p = q;
	} else if (!any && has_prefix(q, "前各号")) {
		r->item.rel = R_PREVALL;
		p = q + strlen("前各号");
	} else if (!any && (q = p,
	    (r->item.rel = relword(&q, "号")) != R_NONE))
		p = q;
	if (r->item.rel != R_NONE) {
		any = 1;
		r->len = (size_t)(p - s);
	}
	return any;
}

/*
 * A list connector at s: its length, or 0.  A 同 after it, before 第, is
 * part of it: in 著作権法第21条ないし同第28条 and 第1条第1項及び同第2項
 * the next member is of what the one before named, as a list's is.
 */
static size_t
connector(const char *s)
{
	static const char *const words[] = { "、", "，", ",", "及び",
	    "並びに", "又は", "または", "若しくは", "もしくは", "から",
	    "乃至", "ないし", "～", "〜", "~", "・", "と",
	    /* older statutes: 第十一条及第二十三条, 又ハ, 若ハ, 並ニ */
	    "及", "又ハ", "若ハ", "並ニ" };
	const char *p = s + text_skip_spaces(s);
	size_t n;

	n = text_prefix_of(p, words, sizeof(words) / sizeof(words[0]));
	if (n == 0)
		return 0;
	p += n;
	p += text_skip_spaces(p);
	if (has_prefix(p, "同第"))
		p += strlen("同");
	return (size_t)(p - s);
}

/*
 * The offset just past the ）that closes the （ at text[from], or 0: a
 * note after a reference, （同条第二項において準用する場合を含む。）.
 * A note is short: NOTE_MAX bytes at most are read, so that a text of
 * references each followed by an open bracket costs linear time.  A
 * statute's note may hold notes of its own, each citing a law by number
 * (第十七号（…発電施設（その地域の…離島振興法（昭和二十八年法律第七十
 * 二号）…に限る。）…に限る。）, 330 characters): 600 characters.
 */
#define NOTE_MAX	1800

static size_t
note_end(const char *text, size_t from, size_t len)
{
	size_t i = from, depth = 0;

	if (len - from > NOTE_MAX)
		len = from + NOTE_MAX;
	while (i + 3 <= len) {
		if (memcmp(text + i, "（", 3) == 0) {
			depth++;
			i += 3;
		} else if (memcmp(text + i, "）", 3) == 0) {
			i += 3;
			if (--depth == 0)
				return i;
		} else if (text[i] == '\n')
			return 0;
		else
			i++;
	}
	return 0;
}

/*
 * The length of what may stand between a reference and the connector
 * that goes on with its list: words naming a part of the clause (第九条
 * 本文、 第四条ただし書及び, 第三項第二文及び, 第二条から第五条まで並びに) and notes
 * (第八条（第二号に係る部分に限る。）（即時抗告）、).  *notes is set when
 * the tail holds a note: its references are then scanned.
 */
/*
 * A column of a table's row after its number, の上欄, の中欄, の下欄 or
 * の第三欄: its length, or 0.
 */
static size_t
column_after(const char *s)
{
	static const char *const cols[] = { "上欄", "中欄", "下欄" };
	size_t n, k;

	if (!has_prefix(s, "の"))
		return 0;
	n = strlen("の");
	if ((k = text_prefix_of(s + n, cols, 3)) > 0)
		return n + k;
	if (has_prefix(s + n, "第") && numeral_parse(s + n + strlen("第"), &k,
	    1) >= 0 && has_prefix(s + n + strlen("第") + k, "欄"))
		return n + strlen("第") + k + strlen("欄");
	return 0;
}

/*
 * After 各号 or 各項 at text[from]: に掲げる and the noun they list, then
 * a note that leaves some of them out, naming them again with the same
 * noun (or もの) and を除く: 第七条第一項各号に掲げる事項（公立の養成所に
 * あつては、第十号に掲げる事項を除く。）.  The offset past the note, or 0.
 * Its bare numbers are the noted clause's (第十号 is item 10 of 第七条第一
 * 項), as in a note right after it.  A note of other words speaks of
 * clauses of its own: …各号に掲げる要件（第五号に掲げる契約の…次項各号に
 * 掲げる要件）, 各号に掲げる事項（第二項の…を経ていないものを除く。）.
 * The noun is a few kanji or もの.
 */
#define LISTED_NOUN_MAX	8	/* characters */

static size_t
listed_noted(const char *text, size_t from, size_t len)
{
	const char *noun;
	size_t i = from, n, k, end, nlen;
	int32_t c;

	if (!has_prefix(text + i, "に掲げる"))
		return 0;
	i += strlen("に掲げる");
	noun = text + i;
	if (has_prefix(text + i, "もの"))
		i += strlen("もの");
	else
		for (k = 0; k < LISTED_NOUN_MAX && (n = utf8_next_inline(
		    text + i, len - i, &c)) > 0 &&
		    char_class(c) == CC_KANJI; k++)
			i += n;
	nlen = (size_t)(text + i - noun);
	if (nlen == 0 || !has_prefix(text + i, "（") ||
	    (end = note_end(text, i, len)) == 0)
		return 0;
	for (k = i; k + strlen("に掲げる") + nlen <= end; k++) {
		if (!has_prefix(text + k, "に掲げる"))
			continue;
		k += strlen("に掲げる");
		if (memcmp(text + k, noun, nlen) == 0 &&
		    has_prefix(text + k + nlen, "を除く"))
			return end;
		if (has_prefix(text + k, "ものを除く"))
			return end;
	}
	return 0;
}

/*
 * 中, a few words and 部分 at text[from], the part of a clause some words
 * of it name (第三百七十六条中順位の譲渡及び放棄に関する部分, 第五条中…に係る
 * 部分): the offset past 部分, or 0.  No punctuation, quote or note
 * inside: 第二条中「…」とあるのは is a 読替え, not this.
 */
#define PART_WORDS_MAX	30	/* characters */

static size_t
part_words(const char *text, size_t from, size_t len)
{
	size_t i = from + strlen("中"), n, k;
	int32_t c;

	if (!has_prefix(text + from, "中"))
		return 0;
	for (k = 0; k < PART_WORDS_MAX && i < len; k++) {
		if (has_prefix(text + i, "部分"))
			return k > 0 ? i + strlen("部分") : 0;
		if ((n = utf8_next_inline(text + i, len - i, &c)) == 0 ||
		    c == 0x3001 || c == 0x3002 || c == 0x300c || c == 0x300d ||
		    c == 0xff08 || c == 0xff09)
			return 0;
		i += n;
	}
	return 0;
}

static size_t
ref_tail(const char *text, size_t from, size_t len, int *notes)
{
	static const char *const words[] = { "本文", "ただし書", "但書",
	    "前段", "後段", "中段", "柱書", "各号列記以外の部分",
	    "各号以外の部分", "各号", "各項", "まで" };
	size_t i = from, n, k;
	int32_t c, d;

	*notes = 0;
	for (;;) {
		if (has_prefix(text + i, "（") && numeral_parse(text + i +
		    strlen("（"), &n, 1) >= 0 && has_prefix(text + i +
		    strlen("（") + n, "）") && numeral_parse(text + i +
		    strlen("（"), &k, 0) < 0)
			/* 第百四号（一）から（三）まで: a part's label, in kanji
			 * (（１） is an item: 第1項（１）). */
			i += strlen("（") + n + strlen("）");
		else if (i + 3 <= len && memcmp(text + i, "（", 3) == 0 &&
		    (n = note_end(text, i, len)) > 0) {
			*notes = 1;
			i = n;
		} else if ((n = part_words(text, i, len)) > 0) {
			/* 第三百七十六条中順位の譲渡に関する部分、: a part of
			 * the clause, the list goes on. */
			i = n;
		} else if ((n = text_prefix_of(text + i, words,
		    sizeof(words) / sizeof(words[0]))) > 0) {
			i += n;
			if (has_prefix(text + i, "き"))	/* ただし書き */
				i += strlen("き");
			else if ((n = listed_noted(text, i, len)) > 0) {
				*notes = 1;
				i = n;
			}
		} else if (has_prefix(text + i, "第") && numeral_parse(text +
		    i + strlen("第"), &n, 1) >= 0 && has_prefix(text + i +
		    strlen("第") + n, "文"))
			/* 第3項第2文: a sentence of the clause. */
			i += strlen("第") + n + strlen("文");
		else if ((has_prefix(text + i, "の") ||
		    has_prefix(text + i, "ノ")) && numeral_parse(text + i +
		    strlen("の"), &n, 1) >= 0)
			/* 第一号の三, 第十一号ノ二: a branch number. */
			i += strlen("の") + n;
		else if ((n = column_after(text + i)) > 0)
			/* 表の第六号の下欄、第七号の下欄: a row's column. */
			i += n;
		else if ((n = utf8_next_inline(text + i, len - i, &c)) > 0 &&
		    char_class(c) == CC_KATAKANA && c != 0x30fc &&
		    (i + n == len || utf8_next_inline(text + i + n,
		    len - i - n, &d) == 0 || (char_class(d) != CC_KATAKANA &&
		    d != 0x30fc)))
		{
			/* 第五号イ, 第二号ハ(1): a sub-item's letter, and
			 * its own part (1) (第1項(1)(4) is two items). */
			i += n;
			if (text[i] == '(' && (n = strspn(text + i + 1,
			    "0123456789")) > 0 && text[i + 1 + n] == ')')
				i += n + 2;
		} else
			return i - from;
	}
}

/*
 * Is the reference at text[off] preceded by the name of another law or
 * document (1)?  The name is the run of kanji and katakana just before it.
 * -1 for 本則 (this document's main provisions), -2 for 付則/附則, else 0.
 */
/*
 * Does text[0, end) end with a law cited by its number in brackets,
 * （昭和二十二年法律第六十七号） or （…第六十七号。以下「法」という。）, or
 * by a name given a short one, 漁業法（以下「法」という。）?  Statutes
 * cite another law so, then its articles.
 */
#define LAWNOTE_MAX	360	/* 。以下第十七条までにおいて「…法」という。 */

/* Does the note s (len bytes, inside its brackets) give a short name:
 * 以下 at its start or after 、 or 。, or において「, and 」という。 at its
 * end (checked by the caller)? */
static int
note_names(const char *s, size_t len)
{
	static const char *const after[] = { "、以下", "。以下" };
	size_t i;

	if (has_prefix(s, "以下"))
		return 1;
	for (i = 0; i + strlen("、以下") <= len; i++)
		if (text_prefix_of(s + i, after, 2) > 0)
			return 1;
	/* 地方税法（次条及び第四十九条の七において「旧地方税法」という。）:
	 * a name for some provisions only. */
	for (i = 0; i + strlen("において「") <= len; i++)
		if (has_prefix(s + i, "において「"))
			return 1;
	return 0;
}

static int
law_number_before(const char *text, size_t end)
{
	static const char open[] = "（", close[] = "）", stop[] = "。";
	const size_t n = sizeof(close) - 1;	/* each is 3 bytes */
	size_t start, i;

	if (end < n || memcmp(text + end - n, close, n) != 0)
		return 0;
	end -= n;
	/* Its opening bracket, LAWNOTE_MAX bytes back at most: a law
	 * number holds no bracket, its short name's note is short.  A lead
	 * byte never sits inside a character, so any byte may start the
	 * comparison. */
	for (start = end; start >= n && end - start < LAWNOTE_MAX; start--)
		if (memcmp(text + start - n, open, n) == 0)
			break;
	if (start < n || end - start >= LAWNOTE_MAX)
		return 0;
	/* 地方自治法（以下「法」という。）, …協定（以下この項において
	 * 「協定」という。）, …銀行法（附則第二十六条を除き、以下「銀行法」
	 * という。）: a law's name given a short one. */
	if (end - start > strlen("以下") && note_names(text + start,
	    end - start) && start >= 2 * n &&
	    end - start >= strlen("」という。") &&
	    memcmp(text + end - strlen("」という。"), "」という。",
	    strlen("」という。")) == 0) {
		static const char *const law[] = { "法", "令", "律", "則",
		    "約", "定" };
		const char *c = text + start - 2 * n;

		for (i = 0; i < sizeof(law) / sizeof(law[0]); i++)
			if (memcmp(c, law[i], n) == 0)
				return 1;
	}
	/* Up to its first 。: what follows names it (以下「法」という。). */
	for (i = start; i + n <= end && memcmp(text + i, stop, n) != 0; i++)
		;
	if (i + n > end)
		i = end;
	return recog_law_number(text + start, i - start);
}

/*
 * Where text first cites a law by its number, …法律（平成3年法律第77号）:
 * the offset past its ）, or len.  In a document numbered as sections,
 * with no 第N条 of its own, a 第N条 after it is that law's, even past a 。
 * (…法律（…）に抵触する場合。第2条第6号の暴力団員…).  Each ） is looked
 * back from LAWNOTE_MAX bytes at most: linear.
 */
static size_t
law_cited_at(const char *text, size_t len)
{
	const char *p;

	for (p = text; (p = strstr(p, "）")) != NULL; ) {
		p += strlen("）");
		if (law_number_before(text, (size_t)(p - text)))
			return (size_t)(p - text);
	}
	return len;
}

/*
 * Does run (the kanji before a reference) end with a table named by its
 * number, 別表第一 or 別表２?  What follows is a row of it (別表第一第三号).
 */
static int
appendix_row(const char *run)
{
	const char *p = NULL, *q;
	size_t n;

	for (q = run; (q = strstr(q, "別表")) != NULL; q += strlen("別表"))
		p = q + strlen("別表");
	if (p == NULL)
		return 0;
	if (has_prefix(p, "第"))
		p += strlen("第");
	if (numeral_parse(p, &n, 1) < 0)
		return 0;
	p += n;
	/* 別表第一の二 */
	while ((has_prefix(p, "の") || has_prefix(p, "ノ")) &&
	    numeral_parse(p + strlen("の"), &n, 1) >= 0)
		p += strlen("の") + n;
	/* 別表第一の第一号 */
	return *p == '\0' || strcmp(p, "の") == 0;
}

#define KANJI_DIGITS	"〇一二三四五六七八九十百千"

/* Does the UTF-8 string set hold the code point c? */
static int
strchr32(const char *set, int32_t c)
{
	size_t k;
	int32_t d;

	for (; *set != '\0'; set += k) {
		k = dec(set, &d);
		if (k == 0)
			return 0;
		if (d == c)
			return 1;
	}
	return 0;
}

/*
 * Does text[0, end) end with a rule named by its number in kanji, the
 * parts joined by dashes: 規則一六―〇, 人事院規則九―八―一?  Its
 * articles follow (規則一六―〇第二十六条).  A dash between the numbers
 * tells it from a count (規則一条).
 */
static int
numbered_name_before(const char *text, size_t end)
{
	static const char *const name[] = { "規則", "規程", "告示", "訓令" };
	size_t k, i, dashes = 0, digits = 0;
	int32_t c;

	while (end > 0 && (k = utf8_prev_len(text, end)) > 0) {
		dec(text + end - k, &c);
		if (c == 0x2015 || c == 0x2212 || c == 0xff0d || c == 0x2010) {
			if (digits == 0)
				return 0;
			dashes++;
			digits = 0;
		} else if (strchr32(KANJI_DIGITS, c))
			digits++;
		else
			break;
		end -= k;
	}
	if (dashes == 0 || digits == 0)
		return 0;
	for (i = 0; i < sizeof(name) / sizeof(name[0]); i++)
		if (end >= strlen(name[i]) && memcmp(text + end -
		    strlen(name[i]), name[i], strlen(name[i])) == 0)
			return 1;
	return 0;
}

/*
 * The offset just past the （ of the note text[off] stands in, NOTE_MAX
 * bytes back at most (the notes inside it skipped), or 0.
 */
static size_t
note_open(const char *text, size_t off)
{
	static const char open[] = "（", close[] = "）";
	const size_t n = sizeof(open) - 1;
	size_t i, depth = 0;

	for (i = off; i >= n && off - i < NOTE_MAX; i--) {
		if (memcmp(text + i - n, close, n) == 0)
			depth++;
		else if (memcmp(text + i - n, open, n) == 0) {
			if (depth == 0)
				break;
			depth--;
		}
	}
	return i < n || off - i >= NOTE_MAX ? 0 : i;
}

/*
 * Is text[off] inside the note of a table named by its number, 法別表第一
 * （第一号を除く。）, 別表第四（第一号及び第二号の…）?  A number with no
 * article there is a row of that table.
 */
static int
appx_noted(const char *text, size_t off)
{
	const size_t n = strlen("（");
	size_t i, k, start;
	int32_t c;
	char run[64];

	if ((i = note_open(text, off)) == 0)
		return 0;
	/* The kanji before the bracket: 法別表第一. */
	for (start = i - n; start > 0 && i - n - start < sizeof(run) - 4;
	    start -= k) {
		k = utf8_prev_len(text, start);
		dec(text + start - k, &c);
		if (char_class(c) != CC_KANJI)
			break;
	}
	if (start == i - n || i - n - start >= sizeof(run))
		return 0;
	memcpy(run, text + start, i - n - start);
	run[i - n - start] = '\0';
	return appendix_row(run);
}

static int
external_before(const char *text, size_t off, const char *title)
{
	static const char *const suffix[] = { "法", "令", "律", "則", "約",
	    "款", "程", "例", "書", "表", "紙", "針", "綱", "項", "示", "達",
	    "準", "領", "定", "式", "欄" };
	size_t end = off, start, k, i, n, last;
	int32_t c = 0;
	char run[128], row[49];
	const char *x;

	while (end > 0 && (k = utf8_prev_len(text, end)) > 0) {
		dec(text + end - k, &c);
		if (!is_space(c))
			break;
		end -= k;
	}
	/* 民法（明治二十九年法律第八十九号）第九条: a law cited with its number. */
	if (law_number_before(text, end))
		return 1;
	/* 法第七条の表の第八号: a row of a table. */
	if (end >= strlen("表の") && has_prefix(text + end - strlen("表の"),
	    "表の"))
		return 1;
	/* 別表第一第三号, 法別表第二第一号, 別表第一の二第五号: a row of a
	 * table, not a clause (the run stops at の, 別表第一の第一号: look back for 別表). */
	for (k = strlen("別表"); k <= 48 && k <= end; k++)
		if (has_prefix(text + end - k, "別表")) {
			memcpy(row, text + end - k, k);
			row[k] = '\0';
			if (appendix_row(row))
				return 1;
			break;
		}
	if (end >= strlen("」") && (has_prefix(text + end - strlen("」"), "」") ||
	    has_prefix(text + end - strlen("』"), "』")))
		return 1;
	if (numbered_name_before(text, end))
		return 1;
	/* 規則一一―四（職員の身分保障）第三条: such a rule's title after
	 * its number. */
	if (end >= strlen("）") && has_prefix(text + end - strlen("）"), "）") &&
	    (k = note_open(text, end - strlen("）"))) >= strlen("（") &&
	    numbered_name_before(text, k - strlen("（")))
		return 1;
	for (start = end, i = 0; start > 0 && i < 20; i++) {
		k = utf8_prev_len(text, start);
		dec(text + start - k, &c);
		if (char_class(c) != CC_KANJI && char_class(c) != CC_KATAKANA &&
		    char_class(c) != CC_LATIN && c != 0x30fc)
			break;
		start -= k;
	}
	if (start == end || end - start >= sizeof(run))
		return 0;
	memcpy(run, text + start, end - start);
	run[end - start] = '\0';
	/* 昭和三十七年法律第百十六号第二条: a law cited by its bare number. */
	if (recog_law_number(run, strlen(run)))
		return 1;
	/* 本則第2条, 付則第1条: this document's main or supplementary part. */
	if (strcmp(run, "本則") == 0)
		return -1;
	if (strcmp(run, "付則") == 0 || strcmp(run, "附則") == 0)
		/* （平成十七年法律第百十六号）附則第二条: that law's. */
		return law_number_before(text, start) ? 1 : -2;
	/* The run's last character; offsets within run, never past it. */
	last = end - start - utf8_prev_len(run, end - start);
	dec(run + last, &c);
	/* ガイドライン第5条, SLA第3条: a name in katakana or Latin. */
	if (char_class(c) == CC_KATAKANA || char_class(c) == CC_LATIN ||
	    c == 0x30fc)
		return 1;
	for (i = 0; i < sizeof(suffix) / sizeof(suffix[0]); i++)
		if (strcmp(run + last, suffix[i]) == 0)
			break;
	/* 国際連合憲章第五十二条, 皇室典範第十七条: a charter, a house law. */
	n = strlen(run);
	if (i == sizeof(suffix) / sizeof(suffix[0]) && n >= strlen("憲章") &&
	    (strcmp(run + n - strlen("憲章"), "憲章") == 0 ||
	    strcmp(run + n - strlen("典範"), "典範") == 0))
		return 1;
	if (i == sizeof(suffix) / sizeof(suffix[0]))
		return 0;
	/* 同項第2号: a repeated paragraph, handled by the grammar. */
	if (strcmp(run, "同項") == 0 || strcmp(run, "本項") == 0 ||
	    strcmp(run, "前項") == 0 || strcmp(run, "次項") == 0)
		return 0;
	/* 本約款, 当約款, この約款, 約款: this document when its title says so. */
	x = run;
	if (has_prefix(x, "本") || has_prefix(x, "当"))
		x += strlen("本");
	n = strlen(x);
	if (title != NULL && n > 0 && strstr(title, x) != NULL)
		return 0;
	return 1;
}

static int after_stop(const char *, size_t);

/* Where the run of kanji that ends at text[end] starts (20 at most). */
static size_t
kanji_run_start(const char *text, size_t end)
{
	size_t start, k, i;
	int32_t c;

	for (start = end, i = 0; start > 0 && i < 20; i++, start -= k) {
		k = utf8_prev_len(text, start);
		dec(text + start - k, &c);
		if (char_class(c) != CC_KANJI)
			break;
	}
	return start;
}

/*
 * Does text[0, end) end with a name that can only be another law's: one
 * cited by its number (…省令（平成二十年…省令第三号）), the law a rule
 * serves (法, 令), 同 and a law's kind (同法, 同令, 同規則, 同条約), or a
 * 法律's name?  Not a word that ends as a law does (前項の決定, 当該方法),
 * nor this law (この法律: external_before() asks the title).
 */
static int
law_name_before(const char *text, size_t end, const char *title)
{
	static const char *const kind[] = { "法", "令", "律", "則", "約",
	    "協定", "憲章", "典範" };
	size_t i, n, start;

	if (law_number_before(text, end))
		return 1;
	start = kanji_run_start(text, end);
	if (start == end || external_before(text, end, title) <= 0 ||
	    (start >= strlen("この") && memcmp(text + start - strlen("この"),
	    "この", strlen("この")) == 0))
		return 0;
	n = end - start;
	if ((n == strlen("法") && (has_prefix(text + start, "法") ||
	    has_prefix(text + start, "令"))) || (n >= strlen("法律") &&
	    memcmp(text + end - strlen("法律"), "法律", strlen("法律")) == 0))
		return 1;
	if (!has_prefix(text + start, "同"))
		return 0;
	for (i = 0; i < sizeof(kind) / sizeof(kind[0]); i++)
		if (n > strlen(kind[i]) && memcmp(text + end - strlen(kind[i]),
		    kind[i], strlen(kind[i])) == 0)
			return 1;
	return 0;
}

/*
 * Is text[off] inside a note opened right after another law's name, with
 * no article between: 同法（第三十三条の六及び第五十四条を除く。）の規定,
 * 法（第一章及び第六章の二（第五十五条の五を除く。）に限る。）, or after
 * its provisions, …省令（平成二十年…省令第三号）の規定（第一条を除く。）?
 * Its numbers are that law's, but for a sentence of its own in the note
 * (…に限る。第十号において同じ。, after_stop()).  Not a note that gives a
 * name, in this law's words (…法（以下第十七条までにおいて「促進法」という。）).
 */
static int
law_noted(const char *text, size_t off, size_t len, const char *title)
{
	const size_t n = strlen("（");
	size_t i, b, e;

	if ((i = note_open(text, off)) == 0 || after_stop(text, off))
		return 0;
	b = i - n;
	if (b >= strlen("の規定") && memcmp(text + b - strlen("の規定"),
	    "の規定", strlen("の規定")) == 0)
		b -= strlen("の規定");
	if (!law_name_before(text, b, title))
		return 0;
	if ((e = note_end(text, i - n, len)) == 0)
		e = off;
	for (; i + n <= e; i++)
		if (memcmp(text + i, "「", n) == 0)
			return 0;
	return 1;
}

/*
 * Does a kanji noun run into an item's number, 台風第十八号, 指定統計第八十八
 * 号, 補正予算（第２号）: the number of a thing (a typhoon, a statistic,
 * a budget), not an item?  Not a
 * grammar word (及第三号, 乃至第三号, 以下第三号), a reference's or a law's part
 * (同, 前, 次, 条, 項, 表), nor a law (external_before() says so first).
 */
static int
thing_numbered(const char *text, size_t off, const char *after)
{
	static const char stop[] = "及並又若至中外除但各同前次本旧新条項号"
	    "章節款編目欄表式則法令下上";
	size_t k;
	int32_t c;

	/* 補正予算（第２号）: the number alone in brackets. */
	if (off >= strlen("（") && memcmp(text + off - strlen("（"), "（",
	    strlen("（")) == 0 && has_prefix(after, "）"))
		off -= strlen("（");
	if (off - kanji_run_start(text, off) < 2 * strlen("台"))
		return 0;
	k = utf8_prev_len(text, off);
	dec(text + off - k, &c);
	return !strchr32(KANJI_DIGITS, c) && !strchr32(stop, c);
}

/*
 * Is the reference at text[off] (no article; its tail and 中「 follow at
 * after) the provision an item of readings reads: 一　第一項後段中「…」と
 * あるのは「…」, under a lead that says which provisions are read (…の規定
 * は、…に準用する。この場合において、次の各号に掲げる同条各項中の字句は、
 * …読み替えるものとする。)?  It names the provision applied, which the lead
 * names; not this article's paragraph.
 */
static int
read_in_item(const struct node *src, const char *text, size_t off,
    const char *after)
{
	const char *lead;
	size_t i;
	int32_t c;

	if (src->type != N_ITEM || src->parent == NULL ||
	    (lead = src->parent->text) == NULL || !has_prefix(after, "中「"))
		return 0;
	/* At the item's start: once an item. */
	for (i = 0; i < off; i += utf8_seqlen((unsigned char)text[i]))
		if (dec(text + i, &c) == 0 || !is_space(c))
			return 0;
	return (strstr(lead, "読み替") != NULL || strstr(lead, "読替") != NULL) &&
	    strstr(after, "」とあるのは") != NULL;
}

/*
 * Does text[from, to) apply the provisions a reference named before it
 * to those named after: 法第十条において準用する第五条, …第五十四条第二項
 * の規定により準用される第二十八条?  The provisions applied are the same
 * law's.
 */
static int
applies_between(const char *text, size_t from, size_t to)
{
	static const char *const words[] = { "において準用する",
	    "において読み替えて準用する", "の規定により準用される",
	    "の規定により準用する", "の規定により読み替えて準用される" };
	size_t i;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (to - from == strlen(words[i]) &&
		    memcmp(text + from, words[i], to - from) == 0)
			return 1;
	return 0;
}

static const struct node *
child_num(const struct node *parent, enum ntype type, long n)
{
	const struct node *c;
	char want[32];

	if (parent == NULL)
		return NULL;
	snprintf(want, sizeof(want), "%ld", n);
	for (c = parent->first; c != NULL; c = c->next)
		if (c->type == type && c->num && strcmp(c->num, want) == 0)
			return c;
	return NULL;
}

static const struct node *
sibling(const struct node *n, int dir, long steps)
{
	enum ntype t;

	if (n == NULL)
		return NULL;
	t = n->type;
	while (steps-- > 0) {
		do
			n = dir < 0 ? n->prev : n->next;
		while (n != NULL && n->type != t);
		if (n == NULL)
			return NULL;
	}
	return n;
}

static const struct node *
suppl_of(const struct node *n)
{
	for (; n != NULL; n = n->parent)
		if (n->type == N_DIVISION && n->divkind == DIV_SUPPL)
			return n;
	return NULL;
}

const struct node *
xref_amending_suppl(const struct node *n)
{
	const char *cap, *open, *close;

	if ((n = suppl_of(n)) == NULL ||
	    (cap = n->caption != NULL ? n->caption : n->label) == NULL ||
	    (open = strstr(cap, "（")) == NULL ||
	    (close = strstr(open, "）")) == NULL)
		return NULL;
	open += strlen("（");
	return recog_law_number(open, (size_t)(close - open)) ? n : NULL;
}

/*
 * Is n in the 附則 of a later amending act?  Its articles name that act's
 * own provisions, or the amended law's as they stood then: nothing this
 * text holds, so its references are neither linked nor checked.
 */
static int
in_amendment_suppl(const struct node *n)
{
	return xref_amending_suppl(n) != NULL;
}

/*
 * Is the 附則 that 付則第N条 names from src an extract, 附　則　抄?  It
 * leaves articles out by design: a number it lacks is not a finding.
 */
static int
suppl_extract(const struct scan *S, const struct node *src)
{
	const struct node *sup = suppl_of(src);

	if (sup == NULL)
		sup = S->firstsuppl;
	return sup != NULL && ((sup->label != NULL &&
	    strstr(sup->label, "抄") != NULL) || (sup->caption != NULL &&
	    strstr(sup->caption, "抄") != NULL));
}

static int
same_caption(const struct node *a, const char *cap, size_t caplen)
{
	char *x, *y;
	int r;

	if (a == NULL || a->caption == NULL)
		return 0;
	x = text_caption_key(cap, caplen);
	y = text_caption_key(a->caption, strlen(a->caption));
	r = strcmp(x, y) == 0;
	free(x);
	free(y);
	return r;
}

/*
 * 第N条 names an article of the main provisions, as in statutes, even
 * inside a 付則; 付則第N条 (scope 2) names one of the 付則 that holds the
 * reference (or the first 付則).  Inside a 付則, a bare number that only
 * the 付則 has, or whose caption only the 付則's article carries, names
 * the 付則's article.
 */
static const struct node *
find_article(struct scan *S, const struct node *src, const char *num,
    int scope, const char *cap, size_t caplen)
{
	const struct node *sup = suppl_of(src), *part, *a, *s = NULL;
	struct buf b;

	/* In a part (a second document on the page), its own articles. */
	if ((part = node_numbering_scope(src)) != NULL && part->part &&
	    scope == 0 && part->id != NULL) {
		buf_init(&b);
		buf_printf(&b, "%s:%s", part->id, num);
		a = hmap_get(&S->arts, b.data);
		buf_release(&b);
		if (a != NULL)
			return a;
	}
	if (sup == NULL && scope == 2)
		sup = S->firstsuppl;
	if (sup != NULL && sup->id != NULL && scope != 1) {
		buf_init(&b);
		buf_printf(&b, "%s:%s", sup->id, num);
		s = hmap_get(&S->arts, b.data);
		buf_release(&b);
	}
	if (scope == 2)
		return s;
	a = hmap_get(&S->arts, num);
	if (s != NULL && (a == NULL || (cap != NULL &&
	    !same_caption(a, cap, caplen) && same_caption(s, cap, caplen))))
		return s;
	return a;
}

static void
where_of(const struct node *n, struct where *w)
{
	memset(w, 0, sizeof(*w));
	for (; n != NULL; n = n->parent) {
		if (n->type == N_ITEM && w->item == NULL)
			w->item = n;
		else if (n->type == N_PARAGRAPH && w->para == NULL)
			w->para = n;
		else if (n->type == N_ARTICLE) {
			w->art = n;
			break;
		}
	}
}

/*
 * The paragraph or item a relative word names, from the one the reference
 * stands in (here) and the one named last (same, for 同): 前項/前号,
 * 前二項, 次項, 本項/この項, 同項.  NULL when there is none.
 */
static const struct node *
related(enum rel rel, long n, const struct node *here,
    const struct node *same)
{
	switch (rel) {
	case R_PREV:
		return sibling(here, -1, 1);
	case R_PREVN:
		return sibling(here, -1, n);
	case R_NEXT:
		return sibling(here, 1, 1);
	case R_THIS:
		return here;
	default:	/* R_SAME */
		return same;
	}
}

/* ---- appendices: 別表, 別表第1, 別表（料金表） ---- */

/*
 * An appendix named at s (which starts with 別表): 別表 alone, with its
 * caption 別表（料金表）, or with its number 別表第1, 別表第一, 別表１.
 * Sets *name to the name folded (NFKC, numerals as digits) and returns
 * the text after it.
 */
const char *
appx_ref(const char *s, char **name)
{
	const char *p = s + strlen("別表"), *q;
	struct buf b;
	size_t used;
	long val;

	buf_init(&b);
	buf_puts(&b, "別表");
	if (has_prefix(p, "（") || *p == '(') {
		/* A caption is short: look at most CAPMAX bytes on. */
		const char *close = *p == '(' ? ")" : "）";
		size_t n = strnlen(p, CAPMAX), k;

		for (k = 1; k + strlen(close) <= n; k++)
			if (strncmp(p + k, close, strlen(close)) == 0) {
				q = p + k + strlen(close);
				buf_put(&b, p, (size_t)(q - p));
				p = q;
				break;
			}
	} else {
		q = p;
		if (has_prefix(q, "第"))
			q += strlen("第");
		if ((val = numeral_parse(q, &used, 1)) >= 0) {
			buf_printf(&b, "第%ld", val);
			p = q + used;
			/* 別表第六の二 is not 別表第六. */
			while (has_prefix(p, "の") && (val = numeral_parse(p +
			    strlen("の"), &used, 1)) >= 0) {
				buf_printf(&b, "の%ld", val);
				p += strlen("の") + used;
			}
		}
	}
	*name = text_nfkc(b.data, b.len);
	if (*name == NULL)
		*name = xstrdup(b.data);
	buf_release(&b);
	return p;
}

/*
 * An appendix's name as appx_ref() folds a reference: label and caption,
 * NFKC, spaces left out (別　表　２), numerals as digits after 第 or right
 * after 別表 (別表第一, 別表１: 別表第1).  Caller frees.
 */
static char *
appx_fold(const struct node *div)
{
	struct buf b;
	char *f, *p;
	size_t used, sp;
	long val;

	buf_init(&b);
	if (div->label != NULL)
		buf_puts(&b, div->label);
	if (div->caption != NULL)
		buf_puts(&b, div->caption);
	if ((f = text_nfkc(b.data ? b.data : "", b.len)) == NULL)
		f = xstrdup(b.data ? b.data : "");
	buf_reset(&b);
	for (p = f; *p != '\0';) {
		/* A space, tab or U+3000 (E3 80 80) starts with one of
		 * these bytes: no call for the others. */
		if ((*p == ' ' || *p == '\t' || (unsigned char)*p == 0xe3) &&
		    (sp = text_skip_spaces(p)) > 0) {
			p += sp;
			continue;
		}
		if (has_prefix(p, "第") && (val = numeral_parse(p +
		    strlen("第"), &used, 1)) >= 0) {
			buf_puts(&b, "第");
			buf_put_long(&b, val);
			p += strlen("第") + used;
		} else if (b.len > 0 && b.data[b.len - 1] >= '0' &&
		    b.data[b.len - 1] <= '9' && has_prefix(p, "の") &&
		    (val = numeral_parse(p + strlen("の"), &used, 1)) >= 0) {
			buf_puts(&b, "の");
			buf_put_long(&b, val);
			p += strlen("の") + used;
		} else if (b.len == strlen("別表") &&
		    has_prefix(b.data, "別表") &&
		    (val = numeral_parse(p, &used, 1)) >= 0) {
			buf_puts(&b, "第");
			buf_put_long(&b, val);
			p += used;
		} else
			buf_putc(&b, *p++);
	}
	free(f);
	if (b.data == NULL)
		buf_puts(&b, "");
	return buf_detach(&b);
}

int
appx_names(const char *name, const struct node *div)
{
	char *f = appx_fold(div);
	size_t n = strlen(name);
	int ok;

	ok = strncmp(f, name, n) == 0 && !(f[n] >= '0' && f[n] <= '9') &&
	    !(has_prefix(f + n, "の") && f[n + strlen("の")] >= '0' &&
	    f[n + strlen("の")] <= '9');
	free(f);
	return ok;
}

/* ---- English references: Section 2.1(b), Sections 3 and 4, Article II ---- */

static int
en_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
en_alnum(int c)
{
	return en_alpha(c) || (c >= '0' && c <= '9');
}

/*
 * The word that names a clause at s (Section, Sections, SECTION, section,
 * Article, Clause, Paragraph … in the three cases): its length, or 0.
 * *caps is set for an all-caps word, *para for paragraph and clause
 * (which name a sub-clause or an item as often as an article).
 */
static size_t
en_keyword(const char *s, int *caps, int *para)
{
	static const char *const words[] = { "section", "article",
	    "clause", "paragraph", "subsection" };
	size_t i, n, k;

	/* Sec. 5, Secs. 3 and 4: the abbreviation, its dot written. */
	if (strncasecmp(s, "sec", 3) == 0 && (s[3] == '.' ||
	    ((s[3] | 0x20) == 's' && s[4] == '.'))) {
		n = s[3] == '.' ? 4 : 5;
		*caps = s[1] >= 'A' && s[1] <= 'Z';
		if (*caps != (s[2] >= 'A' && s[2] <= 'Z') ||
		    !(s[0] >= 'A' && s[0] <= 'Z' ? 1 : !*caps))
			return 0;
		*para = 0;
		return n;
	}
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		n = strlen(words[i]);
		if (strncasecmp(s, words[i], n) != 0)
			continue;
		/* One case throughout past the first letter: Section,
		 * section, SECTION; not SeCtion. */
		for (k = 1; k < n; k++)
			if ((s[k] >= 'A' && s[k] <= 'Z') !=
			    (s[1] >= 'A' && s[1] <= 'Z'))
				return 0;
		*caps = s[1] >= 'A' && s[1] <= 'Z';
		if (*caps && !(s[0] >= 'A' && s[0] <= 'Z'))
			return 0;
		if (s[n] == 's' || s[n] == 'S')
			n++;
		if (en_alpha((unsigned char)s[n]))
			return 0;
		*para = i >= 2;
		return n;
	}
	return 0;
}

/* One label in brackets, (a) (ii) (1): its length, the label in lab. */
static size_t
en_paren(const char *s, char *lab, size_t labsz)
{
	size_t n = 1;

	if (s[0] != '(')
		return 0;
	while (n < 6 && en_alnum((unsigned char)s[n]))
		n++;
	if (n == 1 || n > 5 || s[n] != ')')
		return 0;
	snprintf(lab, labsz, "%.*s", (int)(n - 1), s + 1);
	return n + 1;
}

/*
 * A clause number at s: 5, 2.1, 4.1.3, a roman II where the document
 * numbers its articles in roman, a letter B where it letters them
 * (roman: EN_ROMAN, EN_LETTERS).  Sets art (the article's number as
 * clause.h keeps it: "5", "2") and sub ("2.1", or "" for none).  The
 * dot that ends a sentence ("Section 2.") is not part of it.
 */
static size_t
en_number(const char *s, int roman, char *art, char *sub, size_t sz)
{
	struct rroman rr;
	char buf[24];
	size_t n = 0, k;

	sub[0] = '\0';
	if (s[0] >= '0' && s[0] <= '9') {
		while (n < 4 && s[n] >= '0' && s[n] <= '9')
			n++;
		if (s[n] >= '0' && s[n] <= '9')
			return 0;	/* a year, an amount */
		snprintf(art, sz, "%.*s", (int)n, s);
		k = n;
		while (s[k] == '.' && s[k + 1] >= '0' && s[k + 1] <= '9') {
			k++;
			while (s[k] >= '0' && s[k] <= '9' && k < 16)
				k++;
		}
		if (k > n) {
			snprintf(sub, sz, "%.*s", (int)k, s);
			n = k;
		}
	} else if ((roman & EN_LETTERS) && s[0] >= 'A' && s[0] <= 'Z' &&
	    !en_alnum((unsigned char)s[1])) {
		/* Section B: the second lettered article. */
		snprintf(art, sz, "%d", s[0] - 'A' + 1);
		n = 1;
	} else if (roman & EN_ROMAN) {
		/* "Article " and the numeral alone: recog.c reads it. */
		while (n < 8 && strchr("IVXL", s[n]) != NULL && s[n] != '\0')
			n++;
		if (n == 0 || en_alpha((unsigned char)s[n]))
			return 0;
		snprintf(buf, sizeof(buf), "Article %.*s", (int)n, s);
		if (!recog_roman_article(buf, &rr))
			return 0;
		snprintf(art, sz, "%ld", rr.value);
	} else
		return 0;
	if (en_alnum((unsigned char)s[n]))
		return 0;
	return n;
}

/* Is a sub-clause label ("2.1", "2.1.", "(a)", "a)", "ii.") lab? */
static int
en_label_is(const struct node *n, const char *lab)
{
	const char *l = n->label;
	size_t len;

	if (l == NULL)
		return 0;
	l += strspn(l, "(");
	len = strcspn(l, ").");
	if (strchr(lab, '.') != NULL) {
		len = strlen(l);
		while (len > 0 && l[len - 1] == '.')
			len--;
	}
	return len == strlen(lab) && strncmp(l, lab, len) == 0;
}

/*
 * The clause labelled lab under n: a child, or a child's child (the
 * items of an article's unnumbered paragraph).  NULL when none.
 */
static const struct node *
en_child(const struct node *n, const char *lab)
{
	const struct node *c, *g;

	if (n == NULL)
		return NULL;
	for (c = n->first; c != NULL; c = c->next)
		if (c->type != N_TABLE && en_label_is(c, lab))
			return c;
	for (c = n->first; c != NULL; c = c->next)
		for (g = c->first; g != NULL; g = g->next)
			if (g->type != N_TABLE && en_label_is(g, lab))
				return g;
	return NULL;
}

/* The last word before text[off] (spaces between skipped): [*ws, off'). */
static size_t
en_word_before(const char *text, size_t off, size_t *ws)
{
	size_t e = off, s;

	while (e > 0 && text[e - 1] == ' ')
		e--;
	s = e;
	while (s > 0 && (en_alpha((unsigned char)text[s - 1]) ||
	    text[s - 1] == '.' || text[s - 1] == '\'' ||
	    (s >= 3 && has_prefix(text + s - 3, "\u2019"))))
		s -= has_prefix(text + (s >= 3 ? s - 3 : 0), "\u2019") &&
		    s >= 3 ? 3 : 1;
	*ws = s;
	return e - s;
}

/* Is [s, s+n) a word of capitals (GDPR, U.S.C.), two letters or more? */
static int
en_acronym(const char *s, size_t n)
{
	size_t i, up = 0;

	for (i = 0; i < n; i++) {
		if (s[i] >= 'A' && s[i] <= 'Z')
			up++;
		else if (s[i] != '.')
			return 0;
	}
	return up >= 2;
}

/*
 * Does what stands before the reference at text[off] make it external:
 * a possessive (the Act's section 5), a name in capitals (GDPR Article 6,
 * 17 U.S.C. Section 512), or a capitalized name (California Civil Code
 * section 1542, Civil Code Section 1789.3: a name is two capitalized
 * words or more, so a sentence's first word, "See Section 5", is none)?
 * In text written in capitals only the possessive tells.
 */
static int
en_external_before(const char *text, size_t off, int caps)
{
	size_t ws, n, ws2, n2;

	if ((n = en_word_before(text, off, &ws)) == 0)
		return 0;
	if ((n >= 2 && text[ws + n - 1] == 's' && (text[ws + n - 2] == '\'' ||
	    (n >= 4 && has_prefix(text + ws + n - 4, "\u2019")))))
		return 1;
	if (!caps && en_acronym(text + ws, n))
		return 1;
	if (caps || !(text[ws] >= 'A' && text[ws] <= 'Z'))
		return 0;
	n2 = en_word_before(text, ws, &ws2);
	return n2 > 0 && text[ws2] >= 'A' && text[ws2] <= 'Z' &&
	    text[ws2 + n2 - 1] != '.';
}

/*
 * Does a code's name stand before the § at text[off]: two capitalized
 * words, abbreviated or not ("Cal. Civ. Code § 1542", "Civil Code §
 * 1542")?  § names a section of a statute as often as one of the terms;
 * a sentence's first word alone ("See § 5") is no name.
 */
static int
en_code_before(const char *text, size_t off)
{
	size_t ws, n, ws2, n2;

	if ((n = en_word_before(text, off, &ws)) == 0 ||
	    !(text[ws] >= 'A' && text[ws] <= 'Z'))
		return 0;
	n2 = en_word_before(text, ws, &ws2);
	return n2 > 0 && text[ws2] >= 'A' && text[ws2] <= 'Z';
}

/* Does the title hold the word [w, w + n), case aside (AGREEMENT)? */
static int
en_in_title(const char *title, const char *w, size_t n)
{
	const char *t;

	if (title == NULL || n < 2)
		return 0;
	for (t = title; *t != '\0'; t++)
		if (strncasecmp(t, w, n) == 0)
			return 1;
	return 0;
}

/*
 * Does what follows a reference (at s) make it external: "of" or "under"
 * and the name of another instrument (the Communications Decency Act, our
 * Privacy Policy, the California Civil Code) — a capitalized word after
 * at most one of the, our, its, that, such, said — unless the document's
 * title holds that word (of the Terms, in "Terms of Service"); or a name
 * in capitals right after it (Article 6(1)(f) GDPR) in text not written
 * in capitals.  "of these Terms", "OF THIS AGREEMENT" name this document.
 */
static int
en_external_after(const char *s, const char *title, int caps)
{
	static const char *const dets[] = { "the ", "our ", "its ",
	    "that ", "such ", "said " };
	const char *p = s + text_skip_spaces(s);
	size_t n, i;

	n = 0;
	while (en_alpha((unsigned char)p[n]) || p[n] == '.')
		n++;
	if (!caps && en_acronym(p, n) && !en_alnum((unsigned char)p[n]))
		return 1;
	if (strncasecmp(p, "of ", 3) == 0)
		p += 3;
	else if (strncasecmp(p, "under ", 6) == 0)
		p += 6;
	else
		return 0;
	p += text_skip_spaces(p);
	for (i = 0; i < sizeof(dets) / sizeof(dets[0]); i++)
		if (strncasecmp(p, dets[i], strlen(dets[i])) == 0) {
			p += strlen(dets[i]);
			break;
		}
	p += text_skip_spaces(p);
	if (!(*p >= 'A' && *p <= 'Z'))
		return 0;
	for (n = 0; en_alpha((unsigned char)p[n]); n++)
		;
	if ((n == 4 && strncasecmp(p, "this", 4) == 0) ||
	    (n == 5 && strncasecmp(p, "these", 5) == 0))
		return 0;
	return !en_in_title(title, p, n);
}

/* A list connector between numbers: ", " " and " "–" " through " … */
static size_t
en_connector(const char *s)
{
	static const char *const words[] = { ", and ", ", or ", ", ",
	    " and/or ", " and ", " or ", " to ", " through ", "\u2013",
	    "\u2014", "-", " \u2013 ", " - " };
	size_t i, n;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		n = strlen(words[i]);
		if (strncmp(s, words[i], n) == 0)
			return n;
	}
	return 0;
}

struct enmember {
	size_t		 off, len;
	char		 art[16], sub[24];
	char		 labs[4][8];	/* (b)(ii) */
	int		 nlabs;
};

/* The bracketed labels at s into m; their length. */
static size_t
en_parens(const char *s, struct enmember *m)
{
	size_t n = 0, k;

	while (m->nlabs < 4 && (k = en_paren(s + n, m->labs[m->nlabs],
	    sizeof(m->labs[0]))) > 0) {
		m->nlabs++;
		n += k;
	}
	return n;
}

/*
 * Resolve one member: its article by number, its sub-clause by label
 * (2.1 under article 2, or an article 2_1 where a heading numbers it so),
 * its bracketed labels below that.  The deepest clause found is the
 * target; the status is broken only when the article is missing (and
 * the document numbers its articles: else nothing is recorded, *skip).
 * *up is the clause the last label was looked for under: a member in
 * brackets alone, next in the list, is looked for there too.
 */
static void
en_resolve(struct scan *S, const struct enmember *m, const struct node *base,
    struct xref *x, int *skip, const struct node **up)
{
	const struct node *art = base, *t, *c;
	char key[24];
	size_t i;
	int j, nlabs = m->nlabs;

	*skip = 0;
	*up = NULL;
	if (m->art[0] != '\0') {
		art = find_article(S, x->src, m->art, 0, NULL, 0);
		if (art == NULL) {
			*skip = !S->numbered;
			x->status = XR_BROKEN;
			return;
		}
	}
	if (art == NULL) {
		*skip = 1;
		return;
	}
	t = art;
	if (m->sub[0] != '\0') {
		if ((c = en_child(art, m->sub)) != NULL)
			t = c;
		else {
			snprintf(key, sizeof(key), "%s", m->sub);
			for (i = 0; key[i] != '\0'; i++)
				if (key[i] == '.')
					key[i] = '_';
			c = hmap_get(&S->arts, key);
		}
		/* No such sub-clause: its labels are not the article's. */
		if (c == NULL)
			nlabs = 0;
		else
			t = c;
	}
	*up = t;
	for (j = 0; j < nlabs; j++) {
		if ((c = en_child(t, m->labs[j])) == NULL)
			break;
		*up = t;
		t = c;
	}
	x->status = XR_RESOLVED;
	x->target = t;
	x->article = art;
}

static const struct node *
article_of(const struct node *n)
{
	while (n != NULL && n->type != N_ARTICLE)
		n = n->parent;
	return n;
}

/*
 * The English reference starting at text[i] (a clause word, at a word's
 * start): Section 5, Sections 3, 4 and 7, Sections 3–5, Article II,
 * clause 2.1(b)(ii), Section 4(a), paragraph (a) of Section 5.  Each
 * number is a reference of its own; a member written as brackets alone
 * ("Section 2(a) and (b)") is under the clause the one before named.
 * Pushes the records and returns the bytes read, or 0 for none.
 */
static size_t
en_scan(struct scan *S, const struct node *src, size_t cell,
    const char *text, size_t i, struct xref *xs, size_t *nxs)
{
	struct enmember m[8], lead;
	const struct node *base = NULL;
	const char *p = text + i, *q, *qcomma = NULL;
	size_t k, n, nm = 0, end, comma;
	const struct node *up;
	int caps = 0, para = 0, ext, skip, article, j, sign = 0, here = 0;

	if (i > 0 && en_alnum((unsigned char)text[i - 1]))
		return 0;
	/* § 5, §5, §§ 5–7: the section sign, once or twice. */
	if (has_prefix(p, "\u00a7")) {
		k = has_prefix(p + 2, "\u00a7") ? 4 : 2;
		sign = 1;
	} else if ((k = en_keyword(p, &caps, &para)) == 0)
		return 0;
	article = (p[0] | 0x20) == 'a';
	memset(&lead, 0, sizeof(lead));
	memset(&m[0], 0, sizeof(m[0]));
	q = p + k;
	if (*q == ' ')
		q++;
	else if (!sign)
		return 0;
	/* paragraph (a) of Section 5: the labels, then the clause. */
	if (para && *q == '(' && (n = en_parens(q, &lead)) > 0 &&
	    strncmp(q + n, " of ", 4) == 0 &&
	    (k = en_keyword(q + n + 4, &caps, &para)) > 0 &&
	    q[n + 4 + k] == ' ')
		q += n + 4 + k + 1;
	else if (para && *q == '(' && (p[0] | 0x20) == 's' &&
	    (n = en_parens(q, &m[0])) > 0) {
		/* subsection (b): a label of the section it stands in. */
		q += n;
		here = 1;
	} else if (para && *q == '(')
		return 0;
	/* A subsection is named by its label: subsection 5 is no Section 5. */
	if (para && (p[0] | 0x20) == 's' && !here && lead.nlabs == 0)
		return 0;
	if (!here) {
		if ((n = en_number(q, S->roman, m[0].art, m[0].sub,
		    sizeof(m[0].art))) == 0)
			return 0;
		q += n;
		q += en_parens(q, &m[0]);
	} else if ((base = article_of(src)) == NULL)
		return 0;
	m[0].off = i;
	m[0].len = (size_t)(q - p);
	nm = 1;
	/*
	 * A comma alone does not make a list: "Sections 3, 4 and 7" is
	 * one, "Section 5, 10 days after notice" is not.  Members after
	 * commas count once an and, or, to … joins a later one.
	 */
	comma = 0;
	while (nm < 8 && (n = en_connector(q)) > 0) {
		memset(&m[nm], 0, sizeof(m[nm]));
		if ((k = en_number(q + n, S->roman, m[nm].art, m[nm].sub,
		    sizeof(m[nm].art))) > 0)
			k += en_parens(q + n + k, &m[nm]);
		else if ((k = en_parens(q + n, &m[nm])) == 0)
			break;
		if (strncmp(q, ", ", n) != 0)
			comma = 0;
		else if (comma == 0) {
			comma = nm;
			qcomma = q;
		}
		m[nm].off = (size_t)(q + n - text);
		m[nm].len = k;
		q += n + k;
		nm++;
	}
	if (comma > 0) {
		nm = comma;
		q = qcomma;
	}
	end = (size_t)(q - text);
	/* "Article 21" in terms whose articles are 1., 2. or Section 1
	 * names an article of a law (the GDPR's, the DSA's). */
	ext = !here && ((article && !S->articleword) ||
	    en_external_before(text, i, caps) ||
	    (sign && en_code_before(text, i)) ||
	    en_external_after(q, S->title, caps));
	*nxs = 0;
	for (k = 0; k < nm; k++) {
		memset(&xs[*nxs], 0, sizeof(xs[0]));
		xs[*nxs].src = src;
		xs[*nxs].cell = cell;
		xs[*nxs].off = m[k].off;
		xs[*nxs].len = m[k].len;
		if (ext) {
			xs[(*nxs)++].status = XR_EXTERNAL;
			continue;
		}
		/* The leading labels go below the clause. */
		for (j = 0; k == 0 && j < lead.nlabs && m[0].nlabs < 4; j++)
			memcpy(m[0].labs[m[0].nlabs++], lead.labs[j],
			    sizeof(lead.labs[0]));
		en_resolve(S, &m[k], m[k].art[0] ? NULL : base, &xs[*nxs],
		    &skip, &up);
		if (m[k].art[0] != '\0')
			base = up;
		/* "Section 4.1 Refunds." opening a paragraph of article 4
		 * is its number as written, not a reference. */
		if (!here && m[k].off == 0 && cell == 0 &&
		    xs[*nxs].article != NULL &&
		    xs[*nxs].article == article_of(src))
			skip = 1;
		/* subsection (z) where the section has none: not known. */
		if (here && xs[*nxs].target == xs[*nxs].article)
			skip = 1;
		if (!skip)
			(*nxs)++;
	}
	return end - i;
}

/*
 * A document numbered as sections (1 用語の定義 … 12 禁止事項), with no
 * 第N条, calls its sections 項: 第１２項に定める禁止事項, 下記第１項(1).  A
 * bare 第N項 that names no paragraph of the clause it sits in (resolve()
 * found none) names section N; a bracketed number after it, 第１項(1),
 * the item of that number in the section's first paragraph, else its
 * paragraph of that number.  Returns 1 when x is resolved so.
 */
static int
section_as_paragraph(struct scan *S, const struct rparse *r,
    const struct where *cur, struct xref *x, struct where *named)
{
	const struct node *art, *para = NULL, *item = NULL, *t;
	char num[32];

	if (!S->sectioned || r->art.rel != R_NONE || r->para.rel != R_ABS ||
	    (r->item.rel != R_NONE && r->item.rel != R_ABS))
		return 0;
	snprintf(num, sizeof(num), "%ld", r->para.n);
	if ((art = find_article(S, x->src, num, 0, NULL, 0)) == NULL)
		return 0;
	t = art;
	if (r->item.rel == R_ABS) {
		for (para = art->first; para != NULL &&
		    para->type != N_PARAGRAPH; para = para->next)
			;
		if ((item = child_num(para, N_ITEM, r->item.n)) == NULL &&
		    (para = child_num(art, N_PARAGRAPH, r->item.n)) == NULL)
			return 0;
		t = item != NULL ? item : para;
	}
	memset(named, 0, sizeof(*named));
	x->status = XR_RESOLVED;
	x->bynumber = 1;
	x->self = art == cur->art && r->item.rel == R_NONE;
	x->target = t;
	x->article = art;
	named->art = art;
	named->para = para;
	named->item = item;
	named->haspara = 1;
	named->hasitem = item != NULL;
	return 1;
}

/*
 * Resolve r, found in node src (after a line break: afternl) at cur;
 * inh is what the previous member of a list named (cont set), last the
 * clause named last in this article (for 同).  Fills x and *named.
 */
static void
resolve(struct scan *S, const struct rparse *r, int scope, int afternl,
    int cont, const struct where *cur, size_t curidx,
    const struct where *inh, const struct where *last, struct xref *x,
    struct where *named)
{
	const struct node *art = NULL, *para = NULL, *item = NULL, *t = NULL;
	const struct node *sub;
	int broken = 0;

	memset(named, 0, sizeof(*named));
	/* Article. */
	switch (r->art.rel) {
	case R_ABS:
		art = find_article(S, x->src, r->art.num, scope, r->cap,
		    r->caplen);
		x->bynumber = 1;
		broken = art == NULL;
		if (art != NULL && art == cur->art)
			x->self = 1;
		break;
	case R_PREV:
		art = cur->art && curidx > 0 ? S->list[curidx - 1] : NULL;
		broken = art == NULL;
		break;
	case R_NEXT:
		art = cur->art && curidx + 1 < S->nlist ?
		    S->list[curidx + 1] : NULL;
		broken = art == NULL;
		break;
	case R_THIS:
		art = cur->art;
		broken = art == NULL;
		break;
	case R_SAME:
		if (last->external) {
			named->external = 1;
			return;
		}
		art = last->art;
		broken = art == NULL;
		break;
	default:
		if (cont && inh->external) {
			named->external = 1;
			return;
		}
		art = cont && inh->haspara && r->para.rel == R_ABS ?
		    inh->art : cur->art;
		if (cont && r->para.rel == R_NONE && inh->art)
			art = inh->art;
		break;
	}
	t = art;
	/* Paragraph. */
	if (!broken) {
		switch (r->para.rel) {
		case R_ABS:
			/* Paragraphs a division holds with no article
			 * (附則 １, ２ …) are each other's 第二項. */
			para = child_num(art == NULL && r->art.rel == R_NONE &&
			    cur->para != NULL ? cur->para->parent : art,
			    N_PARAGRAPH, r->para.n);
			broken = para == NULL;
			if (para != NULL && para == cur->para &&
			    r->art.rel != R_PREV && r->art.rel != R_NEXT &&
			    r->art.rel != R_SAME)
				x->self = 1;
			break;
		case R_PREV:
		case R_PREVN:
		case R_NEXT:
		case R_THIS:
		case R_SAME:
			if (r->para.rel == R_SAME && last->xpara) {
				named->external = 1;
				return;
			}
			para = related(r->para.rel, r->para.n, cur->para,
			    last->para);
			broken = para == NULL;
			break;
		case R_PREVALL:
			broken = sibling(cur->para, -1, 1) == NULL;
			/* 前各項 in a 附則 of paragraphs: they are its. */
			if (!broken && t == NULL)
				t = cur->para->parent;
			break;
		default:
			if (r->item.rel == R_ABS) {
				if (r->art.rel != R_NONE)
					para = art ? art->first : NULL;
				else if (cont && inh->hasitem)
					para = inh->para;
				else
					para = cur->para;
				while (para && para->type != N_PARAGRAPH)
					para = para->next;
			}
			break;
		}
		if (para != NULL)
			t = para;
	}
	/* Item. */
	if (!broken) {
		switch (r->item.rel) {
		case R_ABS:
			item = child_num(para, N_ITEM, r->item.n);
			broken = item == NULL;
			break;
		case R_PREV:
		case R_NEXT:
		case R_THIS:
		case R_SAME:
			if (r->item.rel == R_SAME && last->xitem) {
				named->external = 1;
				return;
			}
			item = related(r->item.rel, r->item.n, cur->item,
			    last->item);
			broken = item == NULL;
			/* 次号及び第三号: the list's next member is an item
			 * of the paragraph that holds 次号. */
			if (item != NULL && para == NULL &&
			    item->parent->type == N_PARAGRAPH)
				para = item->parent;
			break;
		case R_PREVALL:
			/* 前各号: the items before this one, or this
			 * paragraph's items (or unmarked item lines); in a
			 * sub-item (ニ　前各号に掲げるものを除くの外), the
			 * sub-items before it. */
			for (sub = x->src; sub != NULL &&
			    sub->type != N_SUBITEM; sub = sub->parent)
				;
			if (sub != NULL && sibling(sub, -1, 1) != NULL)
				t = sub->parent;
			else if (cur->item != NULL) {
				broken = sibling(cur->item, -1, 1) == NULL;
				t = cur->item->parent;
			} else if (cur->para != NULL &&
			    (child_num(cur->para, N_ITEM, 1) != NULL ||
			    afternl))
				t = cur->para;
			else if (x->cell == 0 && x->src == cur->para &&
			    cur->para != NULL &&
			    (sub = sibling(cur->para, -1, 1)) != NULL &&
			    sub->last != NULL && sub->last->type == N_ITEM)
				/* ２　前各号の場合、… in a paragraph of no
				 * items right under the items of the one
				 * before: those items. */
				t = sub;
			else
				broken = 1;
			break;
		default:
			break;
		}
		if (item != NULL)
			t = item;
	}
	if ((broken || t == NULL) &&
	    section_as_paragraph(S, r, cur, x, named))
		return;
	if (broken || t == NULL) {
		/* The article, when found, still has its caption checked. */
		x->status = XR_BROKEN;
		x->article = art;
		named->art = art;
		return;
	}
	x->status = XR_RESOLVED;
	x->target = t;
	x->article = art;
	named->art = art;
	named->para = para;
	named->item = item;
	/* 第二条第一項第四号若しくは第五号、第三項第二号: 第五号 is in the
	 * paragraph 第一項 named before it, so 第三項 after it is 第二条's
	 * as it is after 第二条第一項第五号. */
	named->haspara = r->para.rel != R_NONE || (cont &&
	    r->art.rel == R_NONE && r->item.rel == R_ABS && inh->haspara &&
	    inh->hasitem && para == inh->para);
	named->hasitem = r->item.rel != R_NONE;
	if (!named->haspara && !named->hasitem && r->art.rel == R_NONE)
		named->art = cur->art;
}

static void
push(struct xrefs *out, const struct xref *x)
{
	if (out->n == out->cap) {
		out->cap = out->cap ? out->cap * 2 : 32;
		out->v = xreallocarray(out->v, out->cap, sizeof(*out->v));
	}
	out->v[out->n++] = *x;
}

/*
 * The column of reference text t (len bytes) on source line: its next
 * occurrence on that line (after the previous reference found there), or
 * fallback when the line does not hold it as written (inline markup).
 */
static int
source_col(struct scan *S, int line, const char *t, size_t len, int fallback)
{
	const char *ls, *le, *p;
	int col;

	if (S->src == NULL || line < 1 || (size_t)line > S->src->nlines)
		return fallback;
	ls = S->src->text + S->src->line[line - 1];
	le = (size_t)line < S->src->nlines ?
	    S->src->text + S->src->line[line] - 1 : S->src->text + S->src->len;
	if (line != S->seekline) {
		S->seekline = line;
		S->seekfrom = 0;
		S->seekchars = 0;
		S->seekmisses = 0;
	}
	if ((p = text_memfind(ls + S->seekfrom, (size_t)(le - ls) -
	    S->seekfrom, t, len)) != NULL) {
		/* Count characters only over new ground: linear. */
		S->seekchars += text_chars(ls + S->seekfrom,
		    (size_t)(p - ls) - S->seekfrom);
		S->seekfrom = (size_t)(p - ls) + len;
		col = S->seekchars + 1;
		S->seekchars += text_chars(p, len);
		return col;
	}
	/*
	 * Not on the line as written (markup or an entity between).  Each
	 * miss searched the rest of the line: after SEEK_MISSES of them the
	 * line's later references take their computed column, so a line of
	 * many such references costs a few passes over it, not one each.
	 */
	if (++S->seekmisses >= SEEK_MISSES)
		S->seekfrom = (size_t)(le - ls);
	return fallback;
}

/*
 * Can a reference start here: is the character at p 第, 本, 同, 前 or 次?
 * Compared as one number of its three bytes (all start with E5 to E7);
 * the third byte is read only after the second proved no NUL.
 */
static int
opener(const char *p)
{
	const unsigned char *u = (const unsigned char *)p;
	uint32_t k;

	if (u[0] - 0xe5u > 2 || (u[1] & 0xc0) != 0x80)
		return 0;
	k = (uint32_t)u[0] << 16 | (uint32_t)u[1] << 8 | u[2];
	return k == 0xe7acac || k == 0xe69cac || k == 0xe5908c ||
	    k == 0xe5898d || k == 0xe6aca1;
}

/*
 * Where x (its off and len set) sits: line and column, counted from the
 * text's first line `first`; colchars is the characters before x on its
 * line.  Also its text as written.
 */
static void
place(struct scan *S, struct xref *x, const char *text, int line, int first,
    int colchars)
{
	x->line = line;
	x->col = colchars + 1;
	if (line == first && x->cell == 0 && x->src->col > 0)
		x->col += x->src->col - 1;
	x->col = source_col(S, line, text + x->off, x->len, x->col);
	x->text = xstrndup(text + x->off, x->len);
}

/* The kanji before text[i] or at text[i]; 0 for any other character. */
static int
kanji_at(const char *text, size_t i, size_t len, int before)
{
	int32_t cp;
	size_t n = before ? utf8_prev_len(text, i) : 0;

	if (before && n == 0)
		return 0;
	if (utf8_next_inline(text + i - n, len - (i - n), &cp) == 0)
		return 0;
	return char_class(cp) == CC_KANJI;
}

/*
 * Does a reference to a 別表 start at text[i]?  Not inside a compound
 * word: 個別表示, 区別表記 have kanji on both sides (別表第2 and 約款別表に
 * do not).
 */
static int
appx_at(const char *text, size_t i, size_t len)
{
	size_t after = i + strlen("別表");

	if (!has_prefix(text + i, "別表"))
		return 0;
	return !(kanji_at(text, i, len, 1) && after < len &&
	    kanji_at(text, after, len, 0) && !has_prefix(text + after, "第"));
}

/*
 * The reference to a 別表 at text[i] (appx_ref()'s forms), resolved to the
 * 別表 it names: fills x (not its position) and returns its length; 0
 * when the document has no such 別表 (then nothing is recorded: a 別表
 * published apart from the terms is common).
 */
static size_t
appx_scan(struct scan *S, struct xref *x, const struct node *src,
    size_t cell, const char *text, size_t i)
{
	const struct node *t;
	const char *end;
	char *name;

	end = appx_ref(text + i, &name);
	t = hmap_get(&S->appx, name);
	free(name);
	if (t == NULL)
		return 0;
	memset(x, 0, sizeof(*x));
	x->src = src;
	x->cell = cell;
	x->off = i;
	x->len = (size_t)(end - (text + i));
	x->status = XR_RESOLVED;
	x->target = t;
	return x->len;
}

/*
 * What next_candidate() passes over at one look: for each byte that
 * cannot start a candidate, the length utf8_seqlen() gives the character
 * it leads; 0 for the bytes that may: the newline and the leads E5 to E7
 * (pass_ja), and in English text also a, c, p, s in either case and C2,
 * the lead of the section sign (pass_en).
 */
#define PASS16(n)	n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n
static const unsigned char pass_ja[256] = {
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1,
	PASS16(1), PASS16(1), PASS16(1), PASS16(1), PASS16(1), PASS16(1),
	PASS16(1),
	PASS16(1), PASS16(1), PASS16(1), PASS16(1),
	PASS16(2), PASS16(2),
	3, 3, 3, 3, 3, 0, 0, 0, 3, 3, 3, 3, 3, 3, 3, 3,
	PASS16(4)
};
static const unsigned char pass_en[256] = {
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1,
	PASS16(1), PASS16(1), PASS16(1),
	1, 0, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,	/* A C */
	0, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,	/* P S */
	1, 0, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,	/* a c */
	0, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,	/* p s */
	PASS16(1), PASS16(1), PASS16(1), PASS16(1),
	2, 2, 0, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,	/* C2 */
	PASS16(2),
	3, 3, 3, 3, 3, 0, 0, 0, 3, 3, 3, 3, 3, 3, 3, 3,
	PASS16(4)
};
#undef PASS16

/*
 * From text[i], the offset of the first newline or character with a lead
 * byte E5 to E7 that opener() or appx_at() could accept, or (english set)
 * of a word that starts with the first letter of an English clause word
 * (en_keyword()); len if none.
 */
static size_t
next_candidate(const char *text, size_t i, size_t len, int english)
{
	const unsigned char *u = (const unsigned char *)text;
	const unsigned char *pass = english ? pass_en : pass_ja;
	size_t n, four = len > 3 ? len - 3 : 0;	/* below it, 4 bytes left */
	int c;

	/*
	 * The second bytes of 第 本 同 前 次 (opener()) and 別: 88, 89, 90,
	 * 9C and AC, as bits of their low six.  Most kanji with leads E5 to
	 * E7 have none of them and are passed over on this one test.
	 */
	const uint64_t second = 1ULL << 0x08 | 1ULL << 0x09 | 1ULL << 0x10 |
	    1ULL << 0x1c | 1ULL << 0x2c;

	for (;;) {
		/*
		 * Most characters are passed over on one look at their
		 * lead (pass_ja, pass_en), a kanji led by E5 to E7 on a
		 * look at its second byte, while four bytes are left: no
		 * step then runs past len.  The rest are tested below.
		 */
		while (i < four) {
			if ((n = pass[u[i]]) != 0)
				i += n;
			else if (u[i] - 0xe5u <= 2 &&
			    !(second >> (u[i + 1] & 0x3f) & 1))
				i += 3;
			else
				break;
		}
		if (i >= len)
			return len;
		if (u[i] == '\n' || (u[i] - 0xe5u <= 2 &&
		    (u[i + 1] & 0xc0) == 0x80 && (second >> (u[i + 1] & 0x3f) &
		    1) && (opener(text + i) || has_prefix(text + i, "別表"))))
			return i;
		c = u[i] | 0x20;
		if (english && (((c == 's' || c == 'a' || c == 'c' ||
		    c == 'p') && (i == 0 || !en_alnum(u[i - 1]))) ||
		    has_prefix(text + i, "\u00a7")))
			return i;
		n = utf8_seqlen(u[i]);
		i += i + n <= len ? n : 1;
	}
}

/* Does a form's name follow a number, 第六号様式, 第一号書式, 第二号算式,
 * 第二号の四様式? */
static int
form_after(const char *s)
{
	size_t n;

	/* 第二号の四様式: the form's branch number first. */
	while ((has_prefix(s, "の") || has_prefix(s, "ノ")) &&
	    numeral_parse(s + strlen("の"), &n, 1) >= 0)
		s += strlen("の") + n;
	return has_prefix(s, "様式") || has_prefix(s, "書式") ||
	    has_prefix(s, "算式");
}

/*
 * Does a noun follow a paragraph or item number, making one word of it:
 * 第一号法定受託事務, 第二号漁業, 第三項症, 第八号岸壁, 第三十六号布告?  The
 * number names a kind, not a clause: no reference.  After a reference
 * only the grammar's words go on in kanji (及び, 中, 本文, 但書, 各号 …),
 * and a law's number runs into its 附則 or 別表 (法律第百十六号別表第一); a
 * form's name (form_after()) is another law's.
 */
static int
term_after(const char *s)
{
	static const char *const goes_on[] = { "及", "並", "又", "若", "中",
	    "各", "乃至", "前段", "後段", "本文", "柱書", "列記", "括弧", "以",
	    "関係", "等", "所", "該当", "規定", "第", "同", "前", "次", "本",
	    "但", "附", "別", "表" };
	int32_t c;

	dec(s, &c);
	return char_class(c) == CC_KANJI && !form_after(s) &&
	    text_prefix_of(s, goes_on, sizeof(goes_on) / sizeof(goes_on[0])) == 0;
}

/*
 * Does r, found in the notes after a reference that named *noted, name a
 * paragraph or item of that clause (第二号, 第三項第一号: no article, a
 * number)?  Then *owner is where r is resolved from: the clause noted
 * (its first paragraph when it named another article only, the paragraph
 * r stands in, cur's, when it named this article).
 */
static int
note_owner(const struct where *noted, const struct where *cur,
    const struct rparse *r, struct where *owner)
{
	const struct node *p;

	/* 会社法第八百五十四条（第一項第一号イ及び第二号を除く。）, 同法第五章
	 * （第五十条第五項を除く。）: numbers in another law's note are its. */
	if (noted->external && r->art.rel == R_ABS) {
		*owner = *noted;
		return 1;
	}
	if (r->art.rel != R_NONE || !(r->para.rel == R_ABS ||
	    (r->para.rel == R_NONE && r->item.rel == R_ABS)))
		return 0;
	if (!noted->external && noted->art == NULL)
		return 0;
	*owner = *noted;
	/* 前各号（第二号を除く。）: this paragraph's items. */
	if (owner->para == NULL && owner->art == cur->art)
		owner->para = cur->para;
	if (owner->para == NULL && owner->art != NULL) {
		for (p = owner->art->first; p != NULL &&
		    p->type != N_PARAGRAPH; p = p->next)
			;
		owner->para = p;
	}
	owner->item = NULL;
	return 1;
}

/*
 * Does the reference at text[off] open a sentence of its own inside a
 * note: 第八十三条第一項（…を含む。第三項において同じ。）, （…に限る。
 * 以下第五項において同じ。）?  That sentence speaks where the note is
 * written: its 第三項 is this article's, not the clause noted.
 */
static int
after_stop(const char *text, size_t off)
{
	if (off >= strlen("。以下") && memcmp(text + off - strlen("以下"),
	    "以下", strlen("以下")) == 0)
		off -= strlen("以下");
	return off >= strlen("。") && memcmp(text + off - strlen("。"), "。",
	    strlen("。")) == 0;
}

/*
 * The notes open at a point of the text, outermost first: the notes after
 * a reference, 第二十三条（第一項第九号を除く。）, and the notes inside them.
 */
#define NOTES_MAX	4

struct note {
	size_t		 to;		/* the notes end here */
	struct where	 inh;		/* what the reference named */
	struct where	 last;		/* … and *last after it */
};

struct notes {
	struct note	 v[NOTES_MAX];
	size_t		 n;
};

/*
 * Past a reference that named *named (*i is its end): its tail (ref_tail())
 * when a connector follows it, then the connector; its notes are pushed
 * on *nt (their references are scanned).  Does a list go on?
 */
static int
past_ref(const char *text, size_t *i, size_t len, const struct where *named,
    const struct where *last, struct notes *nt)
{
	size_t k, n;
	int notes;

	k = ref_tail(text, *i, len, &notes);
	if (notes && nt->n < NOTES_MAX) {
		nt->v[nt->n].to = *i + k;
		nt->v[nt->n].inh = *named;
		nt->v[nt->n].last = *last;
		nt->n++;
	}
	n = notes ? 0 : connector(text + *i + k);
	if (n > 0)
		*i += k + n;
	return n > 0;
}

/*
 * The length of a reference to a division at s, 第五章, 第二編第四章第五節
 * 第二款: 第 N and 編, 章, 節, 款 or 目, once or more; 0 if none.
 */
static size_t
division_ref(const char *s)
{
	static const char *const units[] = { "編", "章", "節", "款", "目" };
	const char *p = s;
	size_t n, u;

	while (has_prefix(p, "第") &&
	    numeral_parse(p + strlen("第"), &n, 1) >= 0 &&
	    (u = text_prefix_of(p + strlen("第") + n, units,
	    sizeof(units) / sizeof(units[0]))) > 0)
		p += strlen("第") + n + u;
	return (size_t)(p - s);
}

/* Does text[0, off) end with 同編, 同章, 同節, 同款 or 同目? */
static int
same_division_before(const char *text, size_t off)
{
	static const char *const words[] = { "同編", "同章", "同節", "同款",
	    "同目" };
	size_t i, n;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		n = strlen(words[i]);
		if (off >= n && memcmp(text + off - n, words[i], n) == 0)
			return 1;
	}
	return 0;
}

/*
 * Does a cell's text hold rows labelled in kanji, two or more runs of
 * digits then 　 (…に至る直線五　Ａ点から…に至る直線六　…)?  Then 前号 and
 * 次号 anywhere in it (…の点（次号において「Ａ点」という。）) are its rows.
 */
static int
cell_rows(const char *text)
{
	const char *p = text;
	size_t n;
	int32_t c;
	int digits = 0, labels = 0;

	while (*p != '\0' && labels < 2) {
		n = dec(p, &c);
		if (n == 0)
			break;
		if (c == 0x3000 && digits > 0)
			labels++;
		digits = c != 0 && strchr32(KANJI_DIGITS, c) != 0 ? digits + 1 :
		    0;
		p += n;
	}
	return labels >= 2;
}

/*
 * Is r, in a cell of table t at text[off], a row of that table, not an
 * item of this law: 第十号, 前号 or 次号 alone (no article, no
 * paragraph), in a table whose rows are labelled as items (一　…の場合,
 * a cell a row or runs of 三十四　…三十五　前号に掲げる地点から… in one
 * cell, cell_rows())?  A table that numbers its rows so cites them by those numbers
 * (同表の第一号); they are not clauses, and not checked.
 */
static int
table_row_ref(struct scan *S, const struct table *t, const struct rparse *r,
    const char *text, size_t off)
{
	struct marker m;
	size_t i, n = t->nrows * t->ncols, k, back;
	int32_t c;

	if (r->art.rel != R_NONE || r->para.rel != R_NONE ||
	    (r->item.rel != R_ABS && r->item.rel != R_PREV &&
	    r->item.rel != R_NEXT))
		return 0;
	for (i = 0; i < n; i++)
		if (item_marker_parse(t->cells[i], &m) &&
		    m.scheme == MS_KANJI && (r->item.rel != R_ABS ||
		    m.value == r->item.n))
			return 1;
	/* Read once a cell: its broken references each ask. */
	if (r->item.rel != R_ABS && S->rowcell != text) {
		S->rowcell = text;
		S->rowcell_rows = cell_rows(text);
	}
	if (r->item.rel != R_ABS && S->rowcell_rows)
		return 1;
	/* 三十五　前号: a row's label right before it, in the cell. */
	if (r->item.rel == R_ABS || off < strlen("\u3000") ||
	    memcmp(text + off - strlen("\u3000"), "\u3000",
	    strlen("\u3000")) != 0)
		return 0;
	for (back = off - strlen("\u3000"), k = 0; back > 0 &&
	    (i = utf8_prev_len(text, back)) > 0; back -= i, k++) {
		dec(text + back - i, &c);
		if (c == 0 || strchr32(KANJI_DIGITS, c) == 0)
			break;
	}
	return k > 0;
}

/*
 * Does text[i] stand after 次のように改正する (an amending provision's
 * opening)?  *at is where that stands in text, strlen(text) if nowhere,
 * or SIZE_MAX until the first call has looked.
 */
static int
amended_after(const char *text, size_t i, size_t *at)
{
	const char *q;

	if (*at == SIZE_MAX)
		*at = (q = strstr(text, "次のように改正する")) != NULL ?
		    (size_t)(q - text) : strlen(text);
	return i > *at;
}

/*
 * Scan one text, whose first line is source line `line`.  cell is 0 for a
 * node's text, else cell index + 1.  Records are appended to S->out; last
 * carries what 同条/同項/同号 mean from one text to the next.
 */
static void
scan_text(struct scan *S, const struct node *src, size_t cell,
    const char *text, const struct where *cur, size_t curidx,
    struct where *last, int line)
{
	struct rparse r;
	struct where inh, named;
	struct xref x, en[8];
	size_t i = 0, len = strlen(text), colat = 0, n, k, nen, qat = 0;
	size_t amend_at, law_at, pend = 0;
	int first = line, cont = 0, ext, scope, colchars = 0, quoted = 0;
	int pext = 0, applied = 0;
	int notes, noted, lscope = 0, div_external = 0;
	struct notes nt;
	const struct note *t;
	struct where owner;
	const char *q;

	memset(&inh, 0, sizeof(inh));
	memset(&nt, 0, sizeof(nt));
	/* …法の一部を次のように改正する。　第九条中「…」を「…」に改める:
	 * what follows names the amended law's provisions.  Looked for
	 * when a reference first asks (amended_after()): most texts have
	 * none that does. */
	amend_at = SIZE_MAX;
	law_at = S->sectioned ? law_cited_at(text, len) : len;
	while (i < len) {
		/*
		 * Outside a run of references only an opener (第, 本, 同,
		 * 前, 次) or 別表 starts one, and every such character has
		 * a lead byte E5 to E7: the characters before the next one
		 * or the next newline are passed over here, as the tests
		 * below would pass them one at a time.
		 */
		if (!cont)
			i = next_candidate(text, i, len, S->english);
		if (i == len)
			break;
		if (text[i] == '\n') {
			line++;
			colat = i + 1;
			colchars = 0;
			i++;
			cont = 0;
			continue;
		}
		if (appx_at(text, i, len)) {
			k = appx_scan(S, &x, src, cell, text, i);
			if (k > 0) {
				colchars += text_chars(text + colat,
				    i - colat);
				colat = i;
				place(S, &x, text, line, first, colchars);
				push(S->out, &x);
			}
			i += k > 0 ? k : strlen("別表");
			cont = 0;
			continue;
		}
		if (S->english && !cont && (text[i] >= 'A' ||
		    has_prefix(text + i, "\u00a7")) &&
		    (k = en_scan(S, src, cell, text, i, en, &nen)) > 0) {
			for (n = 0; n < nen; n++) {
				colchars += text_chars(text + colat,
				    en[n].off - colat);
				colat = en[n].off;
				place(S, &en[n], text, line, first, colchars);
				push(S->out, &en[n]);
			}
			i += k;
			continue;
		}
		/*
		 * 法第二十八条（…準用する場合を含む。）、第三十一条: the list
		 * goes on past the note, as what the reference before it named.
		 */
		while (nt.n > 0 && i >= nt.v[nt.n - 1].to) {
			t = &nt.v[--nt.n];
			if (!cont && connector(text + t->to) == i - t->to) {
				cont = 1;
				inh = t->inh;
			}
			/* Past the notes, 同条 and 同項 are again what the
			 * noted reference made them. */
			*last = t->last;
		}
		/* 第一号イ若しくはロ又は第二号: a sub-item's letter alone is
		 * a member too; the list goes on past it. */
		if (cont && (k = ref_tail(text, i, len, &notes)) > 0 &&
		    !notes && (n = connector(text + i + k)) > 0) {
			i += k + n;
			continue;
		}
		/* 法（…）第二十二条並びに附則第二条: another law's list goes
		 * on in its 附則 (this law's 附則 is found as it stands). */
		if (cont && inh.external && (has_prefix(text + i, "附則") ||
		    has_prefix(text + i, "付則")) &&
		    has_prefix(text + i + strlen("附則"), "第"))
			i += strlen("附則");
		q = text + i;
		if ((!opener(text + i) && !(cont && (numeral_parse(text + i,
		    &k, 1) >= 0 || paren_num(&q) >= 0))) ||
		    !parse_ref(text + i, cont, &r)) {
			/* 同法第五章（第五十条第五項を除く。）、第八十四条: a
			 * division, not checked, in a list and with notes. */
			if ((k = division_ref(text + i)) > 0) {
				memset(&named, 0, sizeof(named));
				/* 同編第六章: of the division named last. */
				if (cont)
					named.external = inh.external;
				else if (same_division_before(text, i))
					named.external = div_external;
				else
					named.external = external_before(text,
					    i, S->title) > 0 ||
					    in_amendment_suppl(src) ||
					    S->cited_law ||
					    law_noted(text, i, len, S->title);
				div_external = named.external;
				inh = named;
				i += k;
				cont = past_ref(text, &i, len, &named, last,
				    &nt);
				continue;
			}
			n = utf8_seqlen((unsigned char)text[i]);
			i += i + n <= len ? n : 1;
			cont = 0;
			continue;
		}
		/*
		 * 第五項において準用する第十条第一項若しくは第二項若しくは第六項
		 * において準用する第十条第三項: a list of what other paragraphs
		 * apply; a paragraph that applies one in turn is this
		 * article's, as the first was, not 第十条's.
		 */
		if (!cont)
			applied = pend <= i && applies_between(text, pend, i);
		else if (applied && r.art.rel == R_NONE &&
		    r.para.rel == R_ABS && r.item.rel == R_NONE &&
		    (has_prefix(text + i + r.len, "において準用する") ||
		    has_prefix(text + i + r.len, "において読み替えて準用する")))
			cont = 0;
		if ((r.item.rel == R_ABS || (r.item.rel == R_NONE &&
		    r.para.rel == R_ABS)) && term_after(text + i + r.len)) {
			i += r.len;
			cont = 0;
			continue;
		}
		memset(&x, 0, sizeof(x));
		x.src = src;
		x.cell = cell;
		x.off = i;
		x.len = r.len;
		colchars += text_chars(text + colat, i - colat);
		colat = i;
		place(S, &x, text, line, first, colchars);
		if (r.cap != NULL)
			x.caption = xstrndup(r.cap, r.caplen);
		scope = 0;
		if (cont) {
			ext = inh.external;
			scope = lscope;
		} else if (r.art.rel == R_ABS || (r.art.rel == R_NONE &&
		    r.para.rel == R_ABS) || (r.art.rel == R_NONE &&
		    r.para.rel == R_NONE && r.item.rel == R_ABS)) {
			ext = external_before(text, i, S->title);
			if (ext < 0)
				scope = -ext;
			/* 台風第十八号: a thing's number, no item. */
			if (ext == 0 && r.art.rel == R_NONE &&
			    r.para.rel == R_NONE && thing_numbered(text, i,
			    text + i + r.len))
				ext = 1;
			ext = ext > 0 || in_amendment_suppl(src) ||
			    law_noted(text, i, len, S->title) ||
			    (r.art.rel == R_NONE && read_in_item(src, text, i,
			    text + i + r.len + ref_tail(text, i + r.len, len,
			    &notes))) ||
			    (pext && pend <= i && applies_between(text, pend,
			    i)) ||
			    S->cited_law || amended_after(text, i, &amend_at) ||
			    (r.art.rel == R_NONE && appx_noted(text, i)) ||
			    (r.art.rel == R_ABS && i > law_at) ||
			    (r.art.rel == R_NONE && cur->art == NULL &&
			    cur->para == NULL) || (r.art.rel == R_NONE &&
			    form_after(text + i + r.len));
		} else
			ext = 0;
		lscope = scope;
		/*
		 * 同条第四項中「及び第二項第一号」とあるのは「並びに…」: words
		 * quoted from another text (a 読替え), not references of this
		 * one.  The brackets are counted up to here once, in order.
		 */
		for (; qat + 2 < i; qat++)
			if ((unsigned char)text[qat] == 0xe3 &&
			    (unsigned char)text[qat + 1] == 0x80) {
				if ((unsigned char)text[qat + 2] == 0x8c)
					quoted++;
				else if ((unsigned char)text[qat + 2] == 0x8d &&
				    quoted > 0)
					quoted--;
			}
		if (quoted > 0)
			ext = 1;
		/*
		 * 第八条（第二号に係る部分に限る。）: in the notes after a
		 * reference, a paragraph or item with no article is part of
		 * the clause noted, of another law when that one is.
		 */
		noted = !cont && !ext && nt.n > 0 && !after_stop(text, i) &&
		    note_owner(&nt.v[nt.n - 1].inh, cur, &r, &owner);
		if (noted)
			ext = owner.external;
		else
			owner = *cur;
		if (ext) {
			memset(&named, 0, sizeof(named));
			named.external = 1;
		} else
			resolve(S, &r, scope, line > first, cont, &owner, curidx,
			    &inh, last, &x, &named);
		/* Itself: the paragraph it stands in, not the one noted. */
		if (noted)
			x.self = r.para.rel == R_ABS && named.para == cur->para;
		/* 附則別表第一（附則第二条関係）: a table's note names the
		 * clause the table serves, the one it may stand in. */
		if (has_prefix(text + i + r.len, "関係）"))
			x.self = 0;
		/* 附則第八条 of a 附則 printed as an extract (抄); inside
		 * such a 附則, 前号 or 第二項 of its own that it left out
		 * (二　前号に掲げる規定以外の規定, item 1 not printed). */
		if (x.status == XR_BROKEN && ((scope == 2 &&
		    x.article == NULL) || (r.art.rel != R_ABS && !noted &&
		    suppl_of(src) != NULL && (x.article == NULL ||
		    suppl_of(x.article) == suppl_of(src)))) &&
		    suppl_extract(S, src))
			named.external = 1;
		if (x.status == XR_BROKEN && cell > 0 && table_row_ref(S,
		    src->table, &r, text, i))
			named.external = 1;
		if (named.external) {
			x.status = XR_EXTERNAL;
			x.self = 0;
			x.target = NULL;
			x.article = NULL;
		}
		push(S->out, &x);
		inh = named;
		/*
		 * 同条 is the article named last, 同項 the paragraph named
		 * last, 同号 the item, each another law's or this one's as
		 * that was: after 法第五十三条第十六項 …（以下この条及び次条
		 * において…）, 同項 is still the law's (次条 names no
		 * paragraph).
		 */
		if (named.external) {
			last->art = NULL;
			last->external = 1;
			if (r.art.rel != R_NONE || r.para.rel != R_NONE) {
				last->para = NULL;
				last->xpara = 1;
			}
			last->item = NULL;
			last->xitem = 1;
		} else {
			if (r.art.rel != R_NONE) {
				last->art = named.art;
				last->external = 0;
			}
			if (r.para.rel != R_NONE || (r.art.rel != R_NONE &&
			    named.para != NULL)) {
				last->para = named.para;
				last->xpara = 0;
			}
			/* 同号 is the item named last, though an article
			 * was named since (同号イ…第七条第一項の規定は同号ロ). */
			if (r.item.rel != R_NONE) {
				last->item = named.item;
				last->xitem = 0;
			}
		}
		i += r.len;
		cont = past_ref(text, &i, len, &named, last, &nt);
		if (!cont) {
			pend = i;
			pext = named.external;
		}
		/* 第1項(1)(3): a bracketed item right after an item. */
		q = text + i;
		if (!cont && r.item.rel != R_NONE && paren_num(&q) >= 0)
			cont = 1;
	}
}

/* Merge out->v[from..to) (sorted) into n's spans, skipping overlaps. */
static void
attach(struct node *n, const struct xrefs *out, size_t from, size_t to)
{
	struct span *v, *old = n->spans;
	size_t i, j = 0, k = 0, nold = n->nspans, cnt = to - from;
	const struct xref *x;

	if (cnt == 0)
		return;
	v = spans_alloc(n, nold + cnt);
	for (i = from; i < to; i++) {
		x = &out->v[i];
		while (j < nold && old[j].off + old[j].len <= x->off)
			v[k++] = old[j++];
		if (j < nold && old[j].off < x->off + x->len)
			continue;	/* overlaps a link or emphasis */
		if (k > 0 && v[k - 1].off + v[k - 1].len > x->off)
			continue;
		memset(&v[k], 0, sizeof(v[k]));
		v[k].off = x->off;
		v[k].len = x->len;
		v[k].kind = SPAN_XREF;
		v[k].target = x->target;
		v[k].xflags = x->status == XR_BROKEN ? XREF_BROKEN :
		    x->status == XR_EXTERNAL ? XREF_EXTERNAL : 0;
		k++;
	}
	while (j < nold)
		v[k++] = old[j++];
	n->spans = v;
	n->nspans = k;
}

static void
appx_key(struct scan *S, char *key, const struct node *n)
{
	if (S->nakeys == S->akcap) {
		S->akcap = S->akcap ? 2 * S->akcap : 16;
		S->akeys = xreallocarray(S->akeys, S->akcap,
		    sizeof(*S->akeys));
	}
	S->akeys[S->nakeys++] = key;
	hmap_put(&S->appx, key, (void *)n);	/* the first keeps it */
}

/*
 * The 別表 a reference can name: an appendix division, or an article-like
 * node, whose name starts with 別表.  Each under its folded name, under
 * 別表第N, and under 別表 (the first of them).
 */
static void
index_appendix(struct scan *S, const struct node *n)
{
	const char *end;
	char *f;
	size_t used;

	if (!((n->type == N_DIVISION && n->divkind == DIV_APPENDIX) ||
	    n->type == N_ARTICLE))
		return;
	f = appx_fold(n);
	if (!has_prefix(f, "別表")) {
		free(f);
		return;
	}
	appx_key(S, xstrdup("別表"), n);
	/* 別表第6の2 (appx_ref() reads a reference that far). */
	if (has_prefix(f + strlen("別表"), "第") &&
	    numeral_parse(f + strlen("別表第"), &used, 0) >= 0) {
		end = f + strlen("別表第") + used;
		while (has_prefix(end, "の") && numeral_parse(end +
		    strlen("の"), &used, 0) >= 0)
			end += strlen("の") + used;
		appx_key(S, xstrndup(f, (size_t)(end - f)), n);
	}
	appx_key(S, f, n);
}

static void
index_articles(struct scan *S, struct node *root)
{
	const struct node *n, *sup;
	struct rroman rr;
	struct buf b;
	size_t cap = 0;
	char *key;

	for (n = root; n != NULL; n = node_next(n, root)) {
		index_appendix(S, n);
		if (n->type != N_ARTICLE)
			continue;
		if (S->nlist == cap) {
			cap = cap ? cap * 2 : 64;
			S->list = xreallocarray(S->list, cap,
			    sizeof(*S->list));
			S->keys = xreallocarray(S->keys, cap,
			    sizeof(*S->keys));
		}
		S->list[S->nlist++] = n;
		/* Sections: every article numbered, none written 第N条. */
		if (S->nlist == 1)
			S->sectioned = 1;
		if (n->num == NULL || n->label == NULL ||
		    strncmp(n->label, "第", strlen("第")) == 0)
			S->sectioned = 0;
		if (node_western(n)) {
			S->english = 1;
			if (n->num != NULL && n->label != NULL) {
				S->numbered = 1;
				if (recog_roman_article(n->label, &rr))
					S->roman |= EN_ROMAN;
				/* A. opens the letters (B. C. …, perhaps an
				 * I. or a V. among them, no roman). */
				if (strcmp(n->label, "A.") == 0)
					S->roman |= EN_LETTERS;
				S->articleword |= (S->roman & EN_ROMAN) ||
				    strncasecmp(n->label, "article", 7) == 0;
			}
		}
		if (S->firstsuppl == NULL)
			S->firstsuppl = suppl_of(n);
		if (n->num == NULL)
			continue;
		buf_init(&b);
		if ((sup = suppl_of(n)) != NULL)
			buf_printf(&b, "%s:", sup->id ? sup->id : "suppl");
		else if ((sup = node_numbering_scope(n)) != NULL && sup->part)
			buf_printf(&b, "%s:", sup->id ? sup->id : "part");
		buf_puts(&b, n->num);
		key = buf_detach(&b);
		S->keys[S->nkeys++] = key;
		hmap_put(&S->arts, key, (void *)n);
	}
	/* Lettered articles: their I. and V. are letters, not roman. */
	if (S->roman & EN_LETTERS)
		S->roman = EN_LETTERS;
}

/*
 * Does a table cell hold nothing but a law's name, 砂防法（明治三十年法律第
 * 二十九号）, 道路運送法 or …の認定等に関する規則, maybe after its row's
 * label (一　), as a statute's table of other laws' provisions
 * has in a column of its own?  The cells after it cite that law's
 * articles (their references are external).
 */
static int
cell_names_law(const char *cell)
{
	static const char *const law[] = { "法", "令", "則", "律" };
	size_t len = strlen(cell), i, k, last = 0;
	int32_t c;

	while (len > 0 && (k = utf8_prev_len(cell, len)) > 0 &&
	    (dec(cell + len - k, &c), is_space(c)))
		len -= k;
	if (len > strlen("）") && memcmp(cell + len - strlen("）"), "）",
	    strlen("）")) == 0)
		return law_number_before(cell, len);
	/* A row's label first: 二　風俗営業等の規制…に関する法律. */
	for (i = 0; i < len; i += k) {
		k = utf8_next_inline(cell + i, len - i, &c);
		if (k == 0 || !strchr32(KANJI_DIGITS, c))
			break;
	}
	if (i > 0 && has_prefix(cell + i, "\u3000")) {
		cell += i + strlen("\u3000");
		len -= i + strlen("\u3000");
	}
	/* A bare name, kanji, kana, no reference (第), ending in 法, 令, 則,
	 * 律: 道路運送法, …の認定等に関する規則; not this one's (この法律). */
	for (i = 0; i < len; i += k) {
		if ((k = utf8_next_inline(cell + i, len - i, &c)) == 0)
			return 0;
		if (char_class(c) != CC_KANJI && char_class(c) != CC_KATAKANA &&
		    char_class(c) != CC_HIRAGANA && c != 0x30fc)
			return 0;
		last = i;
	}
	if (len == 0 || len > 60 * 3 || strstr(cell, "第") != NULL ||
	    has_prefix(cell, "この") || has_prefix(cell, "本") ||
	    has_prefix(cell, "同") || has_prefix(cell, "当"))
		return 0;
	for (i = 0; i < sizeof(law) / sizeof(law[0]); i++)
		if (len - last == strlen(law[i]) &&
		    memcmp(cell + last, law[i], len - last) == 0)
			return 1;
	return 0;
}

/*
 * Is table node t a table of readings (recog_reading_table()), by the
 * text that leads to it: its own paragraph's, or the block before it?
 * Or by its head, when the lead is a sentence too long to say so.
 */
static int
reading_table(const struct node *t)
{
	const struct node *p;
	size_t i, n = t->table->nrows * t->table->ncols;

	/* Its own head: | 読み替えられる字句 | 読み替える字句 |. */
	for (i = 0; i < n && i < 4; i++)
		if (strstr(t->table->cells[i], "字句") != NULL)
			return 1;
	if (t->text != NULL)
		return recog_reading_table(t->text);
	for (p = t->prev; p != NULL && p->text == NULL; p = p->last)
		;
	if (p == NULL)
		p = t->parent;
	return p != NULL && p->text != NULL && recog_reading_table(p->text);
}

/*
 * Where the walk over the tree stands (walk()): what the texts of a node
 * depend on besides the node.  At an article all but readings start anew.
 */
struct walk {
	size_t			 nart;		/* articles passed */
	size_t			 curidx;	/* the current one's index */
	const struct node	*art;		/* … and node */
	const struct node	*readings;	/* holds a table of readings */
	struct where		 last;		/* what 同条 … name */
};

/*
 * Scan the texts of the nodes from `from` (root's walk) up to `to`
 * (excluded; NULL: to the end), going on from *w.  attach_spans: merge
 * each text's references into its node's spans; else leave the spans alone
 * (another thread may be allocating from the tree's pool) for
 * attach_runs().  scan 0: only bring *w up to `to` (the tables of
 * readings and the articles), finding nothing.
 */
static void
walk(struct scan *S, struct node *root, struct node *from,
    const struct node *to, struct walk *w, int attach_spans, int scan)
{
	struct where cur;
	struct node *n;
	size_t i, c, at;

	for (n = from; n != NULL && n != to; n = node_next(n, root)) {
		if (n->type == N_ARTICLE) {
			w->curidx = w->nart++;
			w->art = n;
			memset(&w->last, 0, sizeof(w->last));
			continue;
		}
		if ((n->text == NULL || !scan) && n->table == NULL)
			continue;
		where_of(n, &cur);
		if (cur.art != w->art)
			memset(&w->last, 0, sizeof(w->last));
		if (n->text != NULL && scan) {
			at = S->out->n;
			scan_text(S, n, 0, n->text, &cur,
			    cur.art ? w->curidx : 0, &w->last, n->line);
			if (attach_spans)
				attach(n, S->out, at, S->out->n);
		}
		/* A table of readings broken by lines of text goes on in
		 * the tables after it, in the same article. */
		if (n->table != NULL && reading_table(n))
			w->readings = cur.art != NULL ? cur.art : n->parent;
		else if (n->table != NULL && scan && w->readings !=
		    (cur.art != NULL ? cur.art : n->parent)) {
			c = n->table->nrows * n->table->ncols;
			S->cited_law = 0;
			for (i = 0; i < c; i++) {
				/* A law named in a row governs that row; in a
				 * table of one column (a statute's cells laid
				 * one a line) the rows after it, to the next. */
				if (n->table->ncols > 1 &&
				    i % n->table->ncols == 0)
					S->cited_law = 0;
				scan_text(S, n, i + 1, n->table->cells[i],
				    &cur, cur.art ? w->curidx : 0, &w->last,
				    n->line + (i < n->table->ncols ? 0 :
				    (int)(i / n->table->ncols) + 1));
				S->cited_law |= cell_names_law(
				    n->table->cells[i]);
			}
			S->cited_law = 0;
		}
	}
}

/*
 * Merge out->v[from..] into their nodes' spans: a text's references are
 * consecutive, and they are its node's (src) and no cell's.
 */
static void
attach_runs(struct xrefs *out, size_t from)
{
	size_t i, j;

	for (i = from; i < out->n; i = j) {
		for (j = i + 1; j < out->n && out->v[j].src == out->v[i].src &&
		    out->v[j].cell == out->v[i].cell; j++)
			;
		if (out->v[i].cell == 0)
			attach((struct node *)out->v[i].src, out, i, j);
	}
}

static void
scan_init(struct scan *S, struct node *root, const char *title,
    const struct source *src, struct xrefs *out)
{
	memset(S, 0, sizeof(*S));
	hmap_init(&S->arts);
	hmap_init(&S->appx);
	S->title = title;
	S->out = out;
	S->src = src;
	index_articles(S, root);
}

static void
scan_release(struct scan *S)
{
	size_t i;

	for (i = 0; i < S->nkeys; i++)
		free(S->keys[i]);
	free(S->keys);
	free(S->list);
	hmap_release(&S->arts);
	for (i = 0; i < S->nakeys; i++)
		free(S->akeys[i]);
	free(S->akeys);
	hmap_release(&S->appx);
}

void
xref_resolve(struct node *root, const char *title, const struct source *src,
    struct xrefs *out)
{
	struct scan S;
	struct walk w;

	scan_init(&S, root, title, src, out);
	memset(&w, 0, sizeof(w));
	walk(&S, root, root, NULL, &w, 1, 1);
	scan_release(&S);
}

/* The last source line of n's own text and table (walk()'s lines). */
static int
last_line(const struct node *n)
{
	const char *p;
	int line = n->line;

	for (p = n->text; p != NULL && (p = strchr(p, '\n')) != NULL; p++)
		line++;
	if (n->table != NULL && n->line + (int)n->table->nrows > line)
		line = n->line + (int)n->table->nrows;
	return line;
}

/* The node before n in the walk's order (node_next()'s), or NULL. */
static const struct node *
node_before(const struct node *n)
{
	if (n->prev == NULL)
		return n->parent;
	for (n = n->prev; n->last != NULL; n = n->last)
		;
	return n;
}

/*
 * The article to start the second half at: the first at or after
 * `permille` of the source's lines whose heading's line is past every
 * line of the text before it, so that no source line holds references
 * of both halves (source_col() goes on along a line from the reference
 * found there before).  NULL: none.
 */
static const struct node *
split_at(const struct scan *S, const struct node *root, size_t lines,
    int permille)
{
	const struct node *a, *p;
	size_t lo = 0, hi = S->nlist, mid;
	long at = (long)(lines * (size_t)permille / 1000);

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (S->list[mid]->line < at)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (lo = lo > 0 ? lo : 1; lo < S->nlist; lo++) {
		a = S->list[lo];
		for (p = node_before(a); p != NULL && p != root &&
		    p->text == NULL && p->table == NULL; p = node_before(p))
			;
		if (p == NULL || p == root || last_line(p) < a->line)
			return a;
	}
	return NULL;
}

/*
 * Where the second half starts, in thousandths of the lines: the first
 * thread resolves the first half alone, the second reads the history
 * lines (beside(), a fifth of the references' instructions) and then the
 * second half.  At 620 the two threads' instructions meet on the bench
 * corpora (docs/speed.md).
 */
#define XREF_SPLIT	620

/* One half of xref_resolve_par(): the second runs beside() first. */
struct half {
	struct scan		 S;
	struct node		*root;
	struct node		*at;
	struct xrefs		 out;
	void			(*beside)(void *);
	void			*arg;
	int			 second;
};

static void *
half_run(void *arg)
{
	struct half *h = arg;
	struct walk w;

	memset(&w, 0, sizeof(w));
	if (!h->second) {
		walk(&h->S, h->root, h->root, h->at, &w, 1, 1);
		return NULL;
	}
	h->beside(h->arg);
	walk(&h->S, h->root, h->root, h->at, &w, 0, 0);
	walk(&h->S, h->root, h->at, NULL, &w, 0, 1);
	return NULL;
}

void
xref_resolve_par(struct node *root, const char *title,
    const struct source *src, struct xrefs *out, void (*beside)(void *),
    void *arg)
{
	struct half one, two;
	struct walk w;
	const struct node *at;

	scan_init(&one.S, root, title, src, out);
	if (src == NULL || (at = split_at(&one.S, root, src->nlines,
	    XREF_SPLIT)) == NULL) {
		beside(arg);
		memset(&w, 0, sizeof(w));
		walk(&one.S, root, root, NULL, &w, 1, 1);
		scan_release(&one.S);
		return;
	}
	one.root = two.root = root;
	one.at = two.at = (struct node *)at;
	one.second = 0;
	/* The second half's scan: its own output and place on a line, the
	 * index the first one's (read alone from here on). */
	two.S = one.S;
	memset(&two.out, 0, sizeof(two.out));
	two.S.out = &two.out;
	two.beside = beside;
	two.arg = arg;
	two.second = 1;
	par_both(half_run, &two, &one);
	if (two.out.n > 0) {
		if (out->cap < out->n + two.out.n) {
			out->cap = out->n + two.out.n;
			out->v = xreallocarray(out->v, out->cap,
			    sizeof(*out->v));
		}
		memcpy(out->v + out->n, two.out.v, two.out.n *
		    sizeof(*out->v));
		out->n += two.out.n;
		attach_runs(out, out->n - two.out.n);
	}
	free(two.out.v);
	scan_release(&one.S);
}

void
xrefs_release(struct xrefs *xs)
{
	size_t i;

	for (i = 0; i < xs->n; i++) {
		free(xs->v[i].caption);
		free(xs->v[i].text);
	}
	free(xs->v);
	memset(xs, 0, sizeof(*xs));
}
