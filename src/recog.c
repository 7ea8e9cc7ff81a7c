/*
 * The structure recognizer (recog.h): article headings and captions, the
 * decisions termc import and the Markdown lowering share.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "hmap.h"
#include "numeral.h"
#include "recog.h"
#include "text.h"
#include "xalloc.h"

static int	has_sentence_punct(const char *);

static int32_t
first_cp(const char *s)
{
	int32_t c = 0;

	if (*s != '\0')
		utf8_next_str(s, &c);
	return c;
}

/*
 * A caption in the brackets authors use besides （）: 【】, ≪≫, 《》, 〔〕,
 * ［］, 〈〉 at s (after spaces), as caption_parse() reads （）.
 */
static int
bracket_parse(const char *s, const char **cap, size_t *caplen,
    size_t *used)
{
	static const char *const pairs[][2] = { { "【", "】" }, { "≪", "≫" },
	    { "《", "》" }, { "〔", "〕" }, { "［", "］" }, { "〈", "〉" } };
	const char *p = s + text_skip_spaces(s), *e;
	size_t i;

	for (i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		if (!has_prefix(p, pairs[i][0]))
			continue;
		if ((e = strstr(p, pairs[i][1])) == NULL)
			return 0;
		*cap = p + strlen(pairs[i][0]);
		*caplen = (size_t)(e - *cap);
		*used = (size_t)(e + strlen(pairs[i][1]) - s);
		return 1;
	}
	return 0;
}

/*
 * The marks authors set before a heading or a caption written as a plain
 * line (■第1条（目的）, ◆ 見出し): ornament, not words.  All are
 * characters of U+2000 to U+2FFF, whose UTF-8 opens with the byte
 * HEADING_MARK_LEAD: heading_mark() asks that first, since it is asked
 * of every line and most open with a kanji or a kana.
 */
static const char *const heading_marks[] = { "■", "□", "◆", "◇", "●",
    "○", "▼", "▽", "◎", "★", "☆", "▶", "▷", "◼", "◻" };
#define HEADING_MARK_LEAD	0xe2

/* The bytes of a heading mark at s and the spaces after it, or 0. */
static size_t
heading_mark(const char *s)
{
	size_t i, n;

	if ((unsigned char)*s != HEADING_MARK_LEAD)
		return 0;
	for (i = 0; i < sizeof(heading_marks) / sizeof(heading_marks[0]); i++)
		if (has_prefix(s, heading_marks[i])) {
			n = strlen(heading_marks[i]);
			return n + text_skip_spaces(s + n);
		}
	return 0;
}

/*
 * A whole line in brackets, 【第3条 その他】 or ［第3条］: the bytes of the
 * opening bracket (and spaces) at s, and *close where the closing one
 * stands; 0 if the closing bracket is not the line's last character or
 * another opening one comes first (【第3条】【目的】 is no wrapped line).
 */
static size_t
wrapped_line(const char *s, const char **close)
{
	static const char *const pairs[][2] = { { "【", "】" }, { "［", "］" },
	    { "[", "]" } };
	const char *e;
	size_t i, n, len;

	for (i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		if (!has_prefix(s, pairs[i][0]))
			continue;
		n = strlen(pairs[i][0]);
		if ((e = strstr(s + n, pairs[i][1])) == NULL ||
		    strstr(s + n, pairs[i][0]) != NULL)
			return 0;
		len = strlen(e);
		if (text_trimmed(e, &len) != e ||
		    len != strlen(pairs[i][1]))
			return 0;
		*close = e;
		return n + text_skip_spaces(s + n);
	}
	return 0;
}

/*
 * The end of a range label after 第N条: から第M条まで, 及び第M条, 、第M条
 * (repeated), 〜第M条, when a space, the end or a caption follows the
 * range; else p itself:
 * "第3条及び第4条の規定により" is text.
 */
static const char *
range_end(const char *p)
{
	static const char *const joins[] = { "から", "及び", "及ビ", "、", "・",
	    "～", "〜", "－", "―", "-" };
	const char *q = p, *r;
	char *num;
	size_t i, len;
	int32_t c;

	for (;;) {
		for (i = 0; i < sizeof(joins) / sizeof(joins[0]); i++)
			if (has_prefix(q, joins[i]))
				break;
		if (i == sizeof(joins) / sizeof(joins[0]))
			break;
		r = q + strlen(joins[i]);
		num = NULL;
		if (!has_prefix(r, "第") || !article_label_parse(r, &num, &len)) {
			free(num);
			break;
		}
		free(num);
		r += len;
		if (i == 0) {
			if (!has_prefix(r, "まで"))
				break;
			r += strlen("まで");
		}
		q = r;
	}
	/* A space, the end or a caption's bracket ends the range. */
	c = first_cp(q);
	return c == 0 || is_space(c) || c == 0xff08 || c == '(' ||
	    c == 0x3010 ? q : p;
}

/*
 * 第1-2条, 第１～３条: a range written inside one label.  Returns the
 * bytes of the label and stores the first number in *num (caller
 * frees), or returns 0.
 */
static size_t
dash_range(const char *s, char **num)
{
	static const char *const dashes[] = { "～", "〜", "－", "―", "-" };
	const char *p = s + strlen("第");
	size_t n, i;
	long a, b;

	p += text_skip_spaces(p);
	if ((a = numeral_parse(p, &n, 1)) < 0)
		return 0;
	p += n;
	for (i = 0; i < sizeof(dashes) / sizeof(dashes[0]); i++)
		if (has_prefix(p, dashes[i]))
			break;
	if (i == sizeof(dashes) / sizeof(dashes[0]))
		return 0;
	p += strlen(dashes[i]);
	if ((b = numeral_parse(p, &n, 1)) <= a)
		return 0;
	p += n;
	p += text_skip_spaces(p);
	if (!has_prefix(p, "条"))
		return 0;
	*num = xmalloc(24);
	snprintf(*num, 24, "%ld", a);
	return (size_t)(p + strlen("条") - s);
}

/* Does s[0..len) hold the UTF-8 character c (a NUL-terminated string)? */
static int
holds(const char *s, size_t len, const char *c)
{
	size_t n = strlen(c), i;

	for (i = 0; i + n <= len; i++)
		if (memcmp(s + i, c, n) == 0)
			return 1;
	return 0;
}

int
recog_caption_text(const char *s, size_t len)
{
	static const char *const leads[] = { "、", "，", "：", ":", "," };
	size_t n, i, tail;

	if (len == 0)
		return 0;
	n = text_chars(s, len);
	if (n > 60 || holds(s, len, "。") || holds(s, len, "．"))
		return 0;
	for (i = 0; i < sizeof(leads) / sizeof(leads[0]); i++) {
		tail = strlen(leads[i]);
		if (len >= tail && memcmp(s + len - tail, leads[i], tail) == 0)
			return 0;
	}
	/* A clause with commas that runs on is a sentence, not a title. */
	return !(n > 30 && holds(s, len, "、"));
}

/*
 * A title, a space, then the sentence (第9条　禁止事項 利用者は…, as
 * pages reduced to text run heading and body together): the title's
 * length in bytes, or 0.  A title is short and ends on a noun, never on a
 * hiragana (当社は… is the sentence itself).
 */
static size_t
title_then_text(const char *t)
{
	const char *sp;
	size_t n, len;
	int32_t c;

	for (sp = t; *sp != '\0'; sp += n) {
		n = utf8_next_str(sp, &c);
		if (is_space(c))
			break;
	}
	len = (size_t)(sp - t);
	if (*sp == '\0' || len == 0 || *(sp + text_skip_spaces(sp)) == '\0')
		return 0;
	n = utf8_prev_len(t, len);
	utf8_next(t + len - n, n, &c);
	if ((c >= 0x3041 && c <= 0x309f) || !recog_caption_text(t, len) ||
	    text_chars(t, len) > 20)
		return 0;
	return len;
}

/*
 * Does p, right after 第N条（…）, start a sentence that a page reduced to
 * text glued to the heading (本規約は、…。, 当社は…), rather than go on
 * with a reference (に定める, の規定, 規定の, 第2項, 各号, 及び第6条, 、)?  A
 * sentence opens on no particle, no mark and no word that joins
 * references (unless words is 0: the caller has other evidence, RA_NEXT),
 * and runs on: a 。, or more than 8 characters.
 */
static int
glued_sentence(const char *p, int words)
{
	static const char *const joins[] = { "各", "及", "又", "並", "若",
	    "乃", "等", "中", "前", "後", "以", "所", "規定", "記載", "本文",
	    "同", "但", "柱", "定め", "上", "下", "別", "違反", "該当", "相当",
	    "事由", "記", "掲" };
	int32_t c = first_cp(p);
	size_t n;

	/* 第2項, 第3号 go on with the reference; 第1条に… opens a sentence. */
	if (has_prefix(p, "第"))
		return numeral_parse(p + strlen("第"), &n, 1) >= 0 &&
		    has_prefix(p + strlen("第") + n, "条") &&
		    (strstr(p, "。") != NULL || text_nchars_over(p, 8));

	if ((c >= 0x3041 && c <= 0x309f) || c < 0x80 ||
	    (c >= 0x3000 && c <= 0x303f) || (c >= 0xff00 && c <= 0xff0f) ||
	    c == 0xff1a || c == 0xff1b)
		return 0;
	if (words &&
	    text_prefix_of(p, joins, sizeof(joins) / sizeof(joins[0])) > 0)
		return 0;
	return strstr(p, "。") != NULL || text_nchars_over(p, 8);
}

int
recog_article(const char *s, int flags, struct rarticle *a)
{
	struct rarticle g;
	const char *p, *cap, *t, *close = NULL, *end;
	size_t len, caplen, used, tlen, sep, lead;
	int32_t c;

	memset(a, 0, sizeof(*a));
	/* ■第1条（目的）, 【第3条 その他】: the ornament is no label. */
	if ((lead = heading_mark(s)) == 0)
		lead = wrapped_line(s, &close);
	a->label = s + lead;
	if (!has_prefix(a->label, "第"))
		return 0;
	end = close != NULL ? close : s + strlen(s);
	if ((len = dash_range(a->label, &a->num)) > 0)
		p = a->label + len;
	else if (!article_label_parse(a->label, &a->num, &len)) {
		free(a->num);
		a->num = NULL;
		return 0;
	} else
		p = range_end(a->label + len);
	if (p > end)
		goto text;
	a->labellen = (size_t)(p - a->label);
	if (caption_parse(p, &cap, &caplen, &used) ||
	    bracket_parse(p, &cap, &caplen, &used)) {
		if (p + used > end)
			goto text;
		c = p + used == end ? 0 : first_cp(p + used);
		/* 第5条（…）に定める…: a reference in running text; but
		 * 第1条（目的）本規約は…: a heading glued to its text. */
		if (c != 0 && !is_space(c) &&
		    (close != NULL || !glued_sentence(p + used, !(flags & RA_NEXT))))
			goto text;
		a->glued = c != 0 && !is_space(c);
		a->cap = cap;
		a->caplen = caplen;
		a->bracketed = 1;
		p += used;
	} else {
		/* 第1条. 目的, 第1条：目的: a mark between label and title. */
		sep = p == end ? 0 : recog_caption_sep(p);
		c = p == end ? 0 : first_cp(p);
		/*
		 * ## 第1条運営管理会社: the author made it a heading, so a
		 * caption glued to the label is one, in the shape
		 * recog_glued_article() reads.
		 */
		if ((flags & RA_HEADING) && close == NULL && c != 0 &&
		    !is_space(c) && sep == 0 &&
		    recog_glued_article(a->label, &g)) {
			free(g.num);
			if (g.labellen == a->labellen) {
				a->cap = g.cap;
				a->caplen = g.caplen;
				p = g.cap + g.caplen;
				goto done;
			}
		}
		if (c != 0 && !is_space(c) && sep == 0)
			goto text;
		tlen = (size_t)(end - (p + sep));
		t = text_trimmed(p + sep, &tlen);
		if (tlen > 0 && ((flags & RA_HEADING) ||
		    recog_caption_text(t, tlen))) {
			a->cap = t;
			a->caplen = tlen;
			p = t + tlen;
		} else if (tlen > 0 && close == NULL &&
		    (tlen = title_then_text(t)) > 0) {
			a->cap = t;
			a->caplen = tlen;
			p = t + tlen;
		} else if (sep > 0 && tlen > 0 && !is_space(c))
			goto text;	/* 第1条:の規定 is no heading */
	}
	/* A wrapped line is all heading, up to its closing bracket. */
	if (close != NULL) {
		if (p + text_skip_spaces(p) != close)
			goto text;
		p = close + strlen(close);
	}
done:
	a->headlen = (size_t)(p - s);
	a->rest = p + text_skip_spaces(p);
	return 1;
text:
	free(a->num);
	a->num = NULL;
	return 0;
}

/*
 * Characters that cannot open a caption glued to its label: particles and
 * connectives that continue a sentence (第3条の規定, 第5条に定める,
 * 第2条及び, 第4条第2項 …).
 */
static int
glued_lead(int32_t c)
{
	static const char leads[] = "のにをはがでともへやよかま及又並若第各中乃号項";
	const char *p;
	size_t n;
	int32_t l;

	for (p = leads; *p != '\0'; p += n) {
		n = utf8_next_str(p, &l);
		if (l == c)
			return 1;
	}
	return 0;
}

int
recog_glued_article(const char *s, struct rarticle *a)
{
	static const char *const no[] = { "、", "。", "，", "．", "「", "」",
	    "『", "』", "（", "）", "(", ")", "【", "】", "：", ":" };
	const char *p;
	size_t len, tlen, n, i;
	int32_t c;

	memset(a, 0, sizeof(*a));
	if (!has_prefix(s, "第") || !article_label_parse(s, &a->num, &len))
		goto no;
	p = s + len;
	c = first_cp(p);
	if (c == 0 || is_space(c) || glued_lead(c) ||
	    (c >= '0' && c <= '9') || (c >= 0xff10 && c <= 0xff19))
		goto no;
	tlen = strlen(p);
	p = text_trimmed(p, &tlen);
	for (i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		if (holds(p, tlen, no[i]))
			goto no;
	n = utf8_prev_len(p, tlen);
	utf8_next(p + tlen - n, n, &c);
	if (text_chars(p, tlen) < 2 || text_chars(p, tlen) > 20 ||
	    (c >= 0x3041 && c <= 0x309f) || !recog_caption_text(p, tlen))
		goto no;
	a->labellen = len;
	a->headlen = (size_t)(p + tlen - s);
	a->cap = p;
	a->caplen = tlen;
	a->rest = p + tlen;
	return 1;
no:
	free(a->num);
	a->num = NULL;
	return 0;
}

int
recog_law_number(const char *s, size_t len)
{
	const char *dai = NULL, *p;
	size_t n;

	if (len < strlen("号") || memcmp(s + len - strlen("号"), "号",
	    strlen("号")) != 0)
		return 0;
	for (p = s; p < s + len; p += strlen("第"))
		if ((p = strstr(p, "第")) == NULL || p >= s + len)
			break;
		else
			dai = p;
	if (dai == NULL || numeral_parse(dai + strlen("第"), &n, 1) < 0 ||
	    dai + strlen("第") + n != s + len - strlen("号"))
		return 0;
	for (p = s; p < dai; p++)
		if (strncmp(p, "年", strlen("年")) == 0)
			return 1;
	return 0;
}

int
recog_caption_line(const char *s, int flags, const char **cap,
    size_t *caplen)
{
	const char *p = s + text_skip_spaces(s), *t;
	struct rhistory h;
	size_t used, i, tlen, n;
	int nonascii = 0;

	if (caption_parse(p, cap, caplen, &used) || ((flags & RC_MARKED) &&
	    bracket_parse(p, cap, caplen, &used))) {
		/* The brackets are the evidence: long captions with
		 * commas are still captions, sentences are not. */
		if (p[used + text_skip_spaces(p + used)] != '\0' ||
		    *caplen == 0 ||
		    text_nchars(p) > ((flags & RC_LONG) ? 200u : 80u) ||
		    strstr(p, "。") != NULL ||
		    recog_law_number(*cap, *caplen) || has_prefix(*cap, "以下"))
			return 0;
		/* 【2020年4月1日制定】 dates the document: history. */
		if (recog_history_line(p, &h)) {
			free(h.note);
			return 0;
		}
		for (i = 0; i < *caplen; i++)
			if ((unsigned char)(*cap)[i] >= 0x80)
				nonascii = 1;
		/* （１）（イ） alone are markers without text. */
		if (!nonascii || (numeral_parse(*cap, &n, 1) >= 0 &&
		    n == *caplen) || (*caplen <= 3 &&
		    kana_ordinal(first_cp(*cap), 0)))
			return 0;
		return 1;
	}
	if (!(flags & RC_MARKED))
		return 0;
	if ((n = heading_mark(p)) == 0)
		return 0;
	tlen = strlen(p + n);
	t = text_trimmed(p + n, &tlen);
	if (tlen == 0 || !recog_caption_text(t, tlen))
		return 0;
	*cap = t;
	*caplen = tlen;
	return 1;
}

/*
 * How s[0..*n) ends, trailing spaces and newlines dropped from *n: 1 on
 * a colon (：, :), 2 on 。, 0 otherwise.  *k is the ending's bytes.
 */
static int
lead_end(const char *s, size_t *n, size_t *k)
{
	static const char *const ends[] = { "：", ":", "。" };
	size_t i, m;
	int depth = 0;

	while (*n > 0 && (s[*n - 1] == ' ' || s[*n - 1] == '\n'))
		(*n)--;
	/* …できます。（除名された場合は…。）: the note after the sentence
	 * is no ending; the sentence before it is. */
	for (m = *n; m > 0 && (depth > 0 || m == *n); ) {
		if (m >= 3 && memcmp(s + m - 3, "）", 3) == 0)
			m -= 3, depth++;
		else if (s[m - 1] == ')')
			m--, depth++;
		else if (m >= 3 && memcmp(s + m - 3, "（", 3) == 0)
			m -= 3, depth--;
		else if (s[m - 1] == '(')
			m--, depth--;
		else if (m == *n)
			break;
		else
			m--;
	}
	if (m < *n && depth == 0 && m > 0) {
		*n = m;
		while (*n > 0 && (s[*n - 1] == ' ' || s[*n - 1] == '\n'))
			(*n)--;
	}
	for (i = 0; i < sizeof(ends) / sizeof(ends[0]); i++) {
		*k = strlen(ends[i]);
		if (*n >= *k && memcmp(s + *n - *k, ends[i], *k) == 0)
			return i < 2 ? 1 : 2;
	}
	return 0;
}

int
recog_announces_items(const char *s)
{
	/* 以下 also bounds amounts (10万円以下), so only 以下の/以下に
	 * point; 下記 names a list (下記項目) or a thing (下記サーバー). */
	static const char *const w[] = { "次の", "次に", "以下の", "以下に",
	    "下記の", "下記に", "下記項目", "下記事項", "下記各号", "左の",
	    "左に" };
	size_t i, len = strlen(s), n = len, k;
	int e;

	if ((e = lead_end(s, &n, &k)) == 0)
		return 0;
	if (e == 1)
		return 1;
	/* 次の各項: what follows are paragraphs. */
	if (text_memfind(s, len, "各項", strlen("各項")) != NULL)
		return 0;
	for (i = 0; i < sizeof(w) / sizeof(w[0]); i++)
		if (text_memfind(s, len, w[i], strlen(w[i])) != NULL)
			return 1;
	return 0;
}

size_t
recog_bullet(const char *s)
{
	size_t n;

	if (s[0] == '*' && s[1] == ' ')
		n = 1;
	else if (has_prefix(s, "・") && !has_prefix(s + strlen("・"), "・"))
		n = strlen("・");
	else if (has_prefix(s, "•"))
		n = strlen("•");
	else
		return 0;
	return s[n + text_skip_spaces(s + n)] != '\0' ? n : 0;
}

int
recog_goes_on(const char *s)
{
	static const char *const w[] = { "また", "なお", "ただし", "但し",
	    "この場合", "さらに", "更に", "その際" };
	size_t n;

	s += text_skip_spaces(s);
	n = text_prefix_of(s, w, sizeof(w) / sizeof(w[0]));
	return n > 0 && (has_prefix(s + n, "、") || has_prefix(s + n, "，") ||
	    has_prefix(s + n, ","));
}

int
recog_announces_paragraphs(const char *s)
{
	static const char *const w[] = { "次の各項", "以下の各項", "下記の各項",
	    "左の各項" };
	size_t i, n = strlen(s), k;

	if (lead_end(s, &n, &k) == 0)
		return 0;
	for (i = 0; i < sizeof(w) / sizeof(w[0]); i++)
		if (strstr(s, w[i]) != NULL)
			return 1;
	return 0;
}

int
recog_announces_table(const char *s, size_t n)
{
	static const char *const w[] = { "次の表", "次表", "下の表", "下表",
	    "以下の表", "左の表", "左表" };
	size_t i, k, from;
	int depth;

	if (lead_end(s, &n, &k) == 0)
		return 0;
	/* The last sentence: from the 。 before its end (a doubled 。。 is
	 * one end), not one inside a note (…（…をいう。）は、次の表の…). */
	while (n - k >= 3 && memcmp(s + n - k - 3, "。", 3) == 0)
		n -= 3;
	for (from = n - k, depth = 0; from >= 3; from--) {
		if (memcmp(s + from - 3, "）", 3) == 0)
			depth++;
		else if (memcmp(s + from - 3, "（", 3) == 0 && depth > 0)
			depth--;
		else if (depth == 0 && memcmp(s + from - 3, "。", 3) == 0)
			break;
	}
	if (from < 3)
		from = 0;
	for (i = 0; i < sizeof(w) / sizeof(w[0]); i++) {
		size_t wl = strlen(w[i]), at;

		for (at = from; at + wl <= n; at++)
			if (memcmp(s + at, w[i], wl) == 0)
				return 1;
	}
	return 0;
}

int
recog_reading_table(const char *s)
{
	size_t n = strlen(s);

	return recog_announces_table(s, n) && (strstr(s, "読み替") != NULL ||
	    strstr(s, "読替") != NULL || strstr(s, "字句") != NULL);
}

int
recog_division(const char *s, int flags, struct rdivision *d)
{
	const char *p, *t;
	size_t len, n, caplen;
	long v, b;
	int32_t c;
	char num[64];
	int k;
	size_t max;

	if (!division_label_parse(s, &d->kind, &v, &len))
		return 0;
	k = snprintf(num, sizeof(num), "%ld", v);
	/* 第三章の二, 第三章の二の三: branches, as articles have them. */
	for (p = s + len; has_prefix(p, "の") || has_prefix(p, "ノ"); ) {
		if ((b = numeral_parse(p + strlen("の"), &n, 1)) < 1)
			break;
		if (k > 0 && (size_t)k < sizeof(num))
			k += snprintf(num + k, sizeof(num) - (size_t)k, "_%ld",
			    b);
		p += strlen("の") + n;
	}
	d->labellen = (size_t)(p - s);
	if (k <= 0 || (size_t)k >= sizeof(num))
		return 0;
	c = first_cp(p);
	if (!(flags & RA_HEADING) && c != 0 && !is_space(c) && c != 0xff08 &&
	    c != '(')
		return 0;
	t = p + text_skip_spaces(p);
	caplen = strlen(t);
	d->cap = caplen > 0 ? t : NULL;
	d->caplen = caplen;
	if (flags & RA_HEADING) {
		d->num = xstrdup(num);
		return 1;
	}
	/*
	 * A line of running text: a short title, no sentence; a note of
	 * the articles it holds, 総則（第一条―第三条）, does not count.
	 */
	len = caplen;
	/* Without a comma the title is no sentence: a statute's long
	 * chapter titles (損傷時における…技術上の基準) reach 60. */
	max = has_sentence_punct(t) ? 30 : 60;
	if (len >= strlen("）") && has_prefix(t + len - strlen("）"), "）") &&
	    (p = strstr(t, "（第")) != NULL) {
		len = (size_t)(p - t);
		max = 60;	/* the note vouches for a heading */
	}
	if (text_chars(t, len) > max || strstr(t, "。") != NULL)
		return 0;
	d->num = xstrdup(num);
	return 1;
}

char *
recog_range_last(const char *label)
{
	const char *p, *last = NULL;
	char *num = NULL;
	size_t len, n;
	long b;

	if (label == NULL || strstr(label, "条") == NULL)
		return NULL;
	/* 第1-2条: the number after the dash. */
	if (dash_range(label, &num) > 0) {
		free(num);
		for (p = label + strlen("第"); *p != '\0'; p++)
			if ((b = numeral_parse(p, &n, 1)) >= 0 && p > label &&
			    (p[-1] == '-' || has_prefix(p - 3, "～") ||
			    has_prefix(p - 3, "〜") || has_prefix(p - 3, "－") ||
			    has_prefix(p - 3, "―"))) {
				num = xmalloc(24);
				snprintf(num, 24, "%ld", b);
				return num;
			}
		return NULL;
	}
	/* 第9条及び第10条, 第9条から第11条まで: the last label. */
	for (p = strstr(label + 1, "第"); p != NULL; p = strstr(p + 1, "第"))
		last = p;
	if (last == NULL || !article_label_parse(last, &num, &len))
		return NULL;
	return num;
}

/* ---- named divisions, page furniture, history ------------------------- */

static const char *
skip_sp(const char *s)
{
	return s + text_skip_spaces(s);
}

/* skip_sp(), and U+00A0: English pages put a no-break space after a
 * colon or inside a date ("Last Updated:\u00a0May 22, 2024"). */
static const char *
skip_blank(const char *s)
{
	for (s = skip_sp(s); has_prefix(s, "\u00a0"); s = skip_sp(s + 2))
		;
	return s;
}

/* Has s a sentence mark (。、，) anywhere? */
static int
has_sentence_punct(const char *s)
{
	return strstr(s, "。") != NULL || strstr(s, "、") != NULL ||
	    strstr(s, "，") != NULL;
}

/*
 * Where the bracketed note that ends s begins: the （ or ( that opens
 * the closing bracket at its end; else the end of s.
 */
static char *
note_start(char *s)
{
	char *end = s + strlen(s), *p, *open = NULL;
	int depth = 0;

	if (!has_suffix(s, "）") && !has_suffix(s, ")"))
		return end;
	for (p = s; *p != '\0'; p++) {
		if (has_prefix(p, "（") || *p == '(') {
			if (depth++ == 0)
				open = p;
		} else if ((has_prefix(p, "）") || *p == ')') && depth > 0)
			depth--;
	}
	return open != NULL && open > s && depth == 0 ? open : end;
}

/*
 * After an appendix's name (様式, 別表 …): does its number run on into
 * kana, 様式第七号による表示を…?  Then the line is a sentence that opens
 * on a reference, not the appendix's heading (様式第七号, 別表第一の二
 * （第三条関係）).
 */
static int
number_runs_on(const char *p)
{
	size_t used;
	int32_t c;

	if (has_prefix(p, "第"))
		p += strlen("第");
	if (numeral_parse(p, &used, 1) < 0)
		return 0;
	p += used;
	if (has_prefix(p, "号"))
		p += strlen("号");
	while (has_prefix(p, "の") &&
	    numeral_parse(p + strlen("の"), &used, 1) >= 0)
		p += strlen("の") + used;
	c = first_cp(p);
	return c >= 0x3041 && c <= 0x309f;
}

enum divkind
recog_named_division(const char *s, int flags)
{
	char *sq, *note;
	enum divkind k;
	const char *p;
	size_t nlen;
	int32_t c;

	if (flags & RA_HEADING) {
		sq = text_squeeze(s);
		k = division_by_name(sq);
		free(sq);
		return k;
	}
	if (text_nchars_over(s, 120))
		return DIV_OTHER;
	if (!text_nchars_over(s, 12) && !has_sentence_punct(s) &&
	    (has_suffix(s, "別紙") || has_suffix(s, "別表")))
		return DIV_APPENDIX;
	sq = text_squeeze(s);
	k = division_by_name(sq);
	if (k != DIV_OTHER) {
		/* The name must stand alone or take a bracketed note. */
		p = sq;
		if (*p != '(' && !has_prefix(p, "（")) {
			nlen = strlen("付則");
			c = first_cp(p + nlen);
			/* 附　則　抄: the excerpt mark alone after the name. */
			if (k == DIV_SUPPL && strcmp(p + nlen, "抄") == 0)
				c = 0;
			if (c != 0 && c != 0xff08 && c != '(' &&
			    !(k == DIV_APPENDIX && ((c >= '0' && c <= '9') ||
			    (c >= 0xff10 && c <= 0xff19) || c == 0x7b2c)))
				k = DIV_OTHER;
			if (k == DIV_APPENDIX && number_runs_on(p + nlen))
				k = DIV_OTHER;
		}
		/*
		 * A note that ends the line names the articles the
		 * division serves, （第一条、第二条関係）: its commas are
		 * no sentence, and it does not count to the 40 characters
		 * a heading may have.
		 */
		note = note_start(sq);
		c = *note;
		*note = '\0';
		if (has_sentence_punct(sq) || text_nchars(sq) > 40 ||
		    (c != '\0' && strstr(note + 1, "。") != NULL))
			k = DIV_OTHER;
		*note = (char)c;
	}
	free(sq);
	return k;
}

/* A dash around a page number: -, －, ‐, —. */
static const char *
skip_dash(const char *p)
{
	int32_t c = first_cp(p);

	if (c == '-' || c == 0xff0d || c == 0x2010 || c == 0x2014)
		p = skip_sp(p + (c < 0x80 ? 1 : 3));
	return p;
}

/*
 * A running footer or header: words, a wide gap (three spaces or more),
 * then a page number that says it is one (Page 1 of 2, - 3 -, 3 / 12; a
 * bare number after a gap is as likely a table's cell):
 * "ACME Confidential          Page 1 of 2".  The words are short and
 * no Japanese sentence (。).
 */
static int
page_number_after_gap(const char *s)
{
	const char *gap = NULL, *p, *t;
	size_t n, used;

	for (p = s; *p != '\0'; p++)
		if (strncmp(p, "   ", 3) == 0) {
			gap = p;
			while (*p == ' ')
				p++;
			if (*p == '\0')
				return 0;
			p--;
		}
	if (gap == NULL || gap == s)
		return 0;
	n = (size_t)(gap - s);
	t = gap + strspn(gap, " ");
	if (text_chars(s, n) > 80 || holds(s, n, "。") ||
	    (numeral_parse(t, &used, 0) >= 0 && *skip_sp(t + used) == '\0'))
		return 0;
	return recog_page_number(t);
}

int
recog_page_number(const char *s)
{
	const char *p = s;
	size_t used;

	if (has_prefix(p, "Page") || has_prefix(p, "page"))
		p = skip_sp(p + 4);
	else if (has_prefix(p, "P.") || has_prefix(p, "p."))
		p = skip_sp(p + 2);
	p = skip_dash(p);
	if (numeral_parse(p, &used, 0) < 0 || used > 9)
		return p == s && page_number_after_gap(s);
	p = skip_sp(p + used);
	/* Page 3 of 12, 3/12 */
	if (*p == '/' || (strncmp(p, "of", 2) == 0 && (p[2] == ' ' ||
	    p[2] == '\t'))) {
		p = skip_sp(p + (*p == '/' ? 1 : 2));
		if (numeral_parse(p, &used, 0) < 0)
			return 0;
		p = skip_sp(p + used);
	}
	p = skip_dash(p);
	return *p == '\0';
}

int
recog_contents_entry(const char *s)
{
	const char *t, *p;
	size_t used;

	if ((t = strrchr(s, '\t')) != NULL) {
		p = skip_sp(t + 1);
		if (numeral_parse(p, &used, 0) < 0 || *skip_sp(p + used) != '\0')
			return 0;
		return t > s;
	}
	if ((t = strstr(s, "……")) != NULL || (t = strstr(s, "・・・")) != NULL ||
	    (t = strstr(s, "....")) != NULL) {
		p = t;
		while (*p == '.' || has_prefix(p, "…") || has_prefix(p, "・"))
			p += *p == '.' ? 1 : 3;
		p = skip_sp(p);
		return numeral_parse(p, &used, 0) >= 0 &&
		    *skip_sp(p + used) == '\0';
	}
	return 0;
}

/* The unit of a date after its number (年, 月, 日), spaces before it. */
static int
date_unit(const char **p, const char *unit)
{
	*p = skip_sp(*p);
	if (!has_prefix(*p, unit))
		return 0;
	*p += strlen(unit);
	return 1;
}

/* A month or a day, 1 to max, spaces before it; or -1. */
static long
date_part(const char **p, int kanji, long max)
{
	size_t n;
	long v;

	*p = skip_sp(*p);
	if ((v = numeral_parse(*p, &n, kanji)) < 1 || v > max)
		return -1;
	*p += n;
	return v;
}

int
recog_date(const char *s, char out[11], size_t *used)
{
	static const struct {
		const char	*name;
		long		 base;
	} eras[] = {
		{ "令和", 2018 }, { "平成", 1988 }, { "昭和", 1925 },
		{ "西暦", 0 }
	};
	const char *p = s;
	char buf[64];
	long y, m, dd, base = 0;
	size_t n, i;
	int era = 0;

	for (i = 0; i < sizeof(eras) / sizeof(eras[0]); i++)
		if (has_prefix(p, eras[i].name)) {
			base = eras[i].base;
			era = base != 0;
			p = skip_sp(p + strlen(eras[i].name));
			break;
		}
	if (era && has_prefix(p, "元")) {
		y = 1;
		p += strlen("元");
	} else if ((y = numeral_parse(p, &n, era)) < 0)
		return 0;
	else
		p += n;
	if (!date_unit(&p, "年") || (m = date_part(&p, era, 12)) < 0 ||
	    !date_unit(&p, "月") || (dd = date_part(&p, era, 31)) < 0 ||
	    !date_unit(&p, "日"))
		return 0;
	y += base;
	if (y < 1800 || y > 2999)
		return 0;
	/* Room for any long: y, m and dd are in range, the text is 10. */
	snprintf(buf, sizeof(buf), "%04ld-%02ld-%02ld", y, m, dd);
	memcpy(out, buf, 11);
	*used = (size_t)(p - s);
	return 1;
}

static const char *const hist_words[] = {
	"制定", "改定", "改訂", "作定", "実施", "施行", "一部改定", "一部改訂",
	"全部改定", "全部改訂", "改正", "一部改正"
};

static int
is_hist_word(const char *s)
{
	return text_prefix_of(s, hist_words,
	    sizeof(hist_words) / sizeof(hist_words[0])) > 0;
}

/*
 * The inside of a line wholly in one pair of brackets, 【…】, （…）, (…),
 * trimmed (caller frees); or NULL.
 */
static char *
bracketed(const char *s)
{
	static const char *const pairs[][2] = { { "【", "】" }, { "（", "）" },
	    { "(", ")" }, { "［", "］" }, { "[", "]" } };
	size_t i, n = strlen(s), o, c;

	for (i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		o = strlen(pairs[i][0]);
		c = strlen(pairs[i][1]);
		if (n > o + c && has_prefix(s, pairs[i][0]) &&
		    has_suffix(s, pairs[i][1]) &&
		    strstr(s + o, pairs[i][0]) == NULL)
			return text_trim(s + o, n - o - c);
	}
	return NULL;
}

char *
recog_history_word(const char *s)
{
	char *in = bracketed(s);
	const char *t = in != NULL ? in : s;
	size_t i;

	for (i = 0; i < sizeof(hist_words) / sizeof(hist_words[0]); i++)
		if (strcmp(t, hist_words[i]) == 0 ||
		    (has_prefix(t, hist_words[i]) &&
		    strcmp(t + strlen(hist_words[i]), "日") == 0))
			return in != NULL ? in : xstrdup(s);
	free(in);
	return NULL;
}

/* The entry: date and the note s[0..len), trimmed. */
static int
hist_found(struct rhistory *h, const char *date, const char *note,
    size_t len)
{
	memcpy(h->date, date, sizeof(h->date));
	h->note = text_trim(note, len);
	return 1;
}

/*
 * A date as English writes it at s: "March 3, 2024", "Mar. 3, 2024",
 * "3 March 2024", "14 August, 2025", "2024-03-03" (not 3/25/2022: which
 * number is the month is the writer's habit).  Fills out (YYYY-MM-DD) and *used.
 */
static int
english_date(const char *s, char out[11], size_t *used)
{
	static const char *const months[] = { "jan", "feb", "mar", "apr",
	    "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec" };
	const char *p = s, *q;
	char buf[64];
	long y = -1, m = -1, d = -1;
	size_t i;

	if (strlen(s) >= 10 && s[4] == '-' && s[7] == '-' &&
	    strspn(s, "0123456789") == 4 && strspn(s + 5, "0123456789") == 2 &&
	    strspn(s + 8, "0123456789") == 2) {
		y = strtol(s, NULL, 10);
		m = strtol(s + 5, NULL, 10);
		d = strtol(s + 8, NULL, 10);
		p = s + 10;
	} else {
		if (*p >= '0' && *p <= '9') {		/* 3 March 2024 */
			d = strtol(p, (char **)&q, 10);
			p = q;
			while (*p == ' ')
				p++;
		}
		for (i = 0; i < 12; i++)
			if (strncasecmp(p, months[i], 3) == 0)
				break;
		if (i == 12)
			return 0;
		m = (long)i + 1;
		while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'))
			p++;
		if (*p == '.')
			p++;
		if (d >= 0 && *p == ',')		/* 14 August, 2025 */
			p++;
		while (*p == ' ')
			p++;
		if (d < 0) {				/* March 3, 2024 */
			if (*p < '0' || *p > '9')
				return 0;
			d = strtol(p, (char **)&q, 10);
			p = q;
			if (*p == ',')
				p++;
			while (*p == ' ')
				p++;
		}
		if (*p < '0' || *p > '9' || strspn(p, "0123456789") != 4)
			return 0;
		y = strtol(p, NULL, 10);
		p += 4;
	}
	if (y < 1800 || y > 2999 || m < 1 || m > 12 || d < 1 || d > 31)
		return 0;
	snprintf(buf, sizeof(buf), "%04ld-%02ld-%02ld", y, m, d);
	memcpy(out, buf, 11);
	*used = (size_t)(p - s);
	return 1;
}

/*
 * A history line that names its event first: 改定：2023年1月5日, 制定日
 * 2020年4月1日, "Last updated: March 3, 2024", "Effective date: 1 January
 * 2024".  The date ends the line (a full stop may follow).
 */
static int
history_word_first(const char *s, struct rhistory *h)
{
	static const char *const en[] = { "Last updated", "Last modified",
	    "Last revised", "Last amended", "Effective date", "Effective",
	    "Updated", "Revised" };
	char date[11];
	const char *p;
	size_t n = 0, i, used;
	int ok;

	if ((n = text_prefix_of(s, hist_words,
	    sizeof(hist_words) / sizeof(hist_words[0]))) > 0) {
		p = s + n;
		if (has_prefix(p, "日"))
			p += strlen("日");
	} else {
		for (i = 0; i < sizeof(en) / sizeof(en[0]); i++)
			if (strncasecmp(s, en[i], strlen(en[i])) == 0)
				break;
		if (i == sizeof(en) / sizeof(en[0]))
			return 0;
		n = strlen(en[i]);
		p = s + n;
		if (strncasecmp(p, " on ", 4) == 0 || strncasecmp(p, " as of ",
		    7) == 0)
			p = strchr(p + 1, ' ');
	}
	p = skip_blank(p);
	if (has_prefix(p, "："))
		p += strlen("：");
	else if (*p == ':')
		p++;
	p = skip_blank(p);
	ok = n < strlen(s) && (recog_date(p, date, &used) ||
	    english_date(p, date, &used));
	if (!ok)
		return 0;
	p = skip_sp(p + used);
	if (*p == '.')
		p++;
	if (*skip_sp(p) != '\0')
		return 0;
	return hist_found(h, date, s, n);
}

int
recog_date_alone(const char *s)
{
	char date[11];
	size_t used;

	s = skip_blank(s);
	if (!recog_date(s, date, &used) && !english_date(s, date, &used))
		return 0;
	s += used;
	if (*s == '.')
		s++;
	return *skip_blank(s) == '\0';
}

int
recog_history_line(const char *s, struct rhistory *h)
{
	char date[11], *in;
	const char *p, *q, *e;
	size_t used;
	int r;

	h->note = NULL;
	h->bracketed = 0;
	/* 【2020年4月1日制定】, （2021年5月1日改定）: the line in brackets. */
	if ((in = bracketed(s)) != NULL) {
		r = recog_history_line(in, h);
		free(in);
		h->bracketed = r;
		return r;
	}
	p = s;
	if ((has_prefix(p, "付") || has_prefix(p, "附")) &&
	    has_prefix(skip_sp(p + strlen("付")), "則")) {
		p = skip_sp(skip_sp(p + strlen("付")) + strlen("則"));
		if (!has_prefix(p, "（") && *p != '(')
			return 0;
		p += *p == '(' ? 1 : strlen("（");
		if (!recog_date(skip_sp(p), date, &used))
			return 0;
		p = skip_sp(skip_sp(p) + used);
		e = strstr(p, "）");
		if (e == NULL)
			e = strchr(p, ')');
		if (e == NULL || !is_hist_word(p))
			return 0;
		return hist_found(h, date, p, (size_t)(e - p));
	}
	if (recog_date(p, date, &used)) {
		p = skip_sp(p + used);
		if (!is_hist_word(p) || text_nchars(p) > 40)
			return 0;
		return hist_found(h, date, p, strlen(p));
	}
	/* この約款は、DATEから改訂施行します / 本約款は、DATEに改定し */
	if ((q = strstr(s, "は、")) == NULL || text_nchars(s) > 80)
		return 0;
	if (!(has_prefix(s, "この") || has_prefix(s, "本")))
		return 0;
	p = q + strlen("は、");
	if (!recog_date(p, date, &used))
		return 0;
	p += used;
	if (has_prefix(p, "から")) {
		p += strlen("から");
		if (((e = strstr(p, "いたします")) == NULL &&
		    (e = strstr(p, "します")) == NULL &&
		    (e = strstr(p, "する")) == NULL) || !is_hist_word(p) ||
		    (strstr(p, "施行") == NULL && strstr(p, "実施") == NULL))
			return 0;
		return hist_found(h, date, p, (size_t)(e - p));
	}
	if (has_prefix(p, "に")) {
		p += strlen("に");
		if (!is_hist_word(p) || (e = strstr(p, "し")) == NULL)
			return 0;
		return hist_found(h, date, p, (size_t)(e - p));
	}
	return 0;
}

int
recog_history_entry(const char *s, struct rhistory *h)
{
	char *in;
	int r;

	if (recog_history_line(s, h))
		return 1;
	if ((in = bracketed(s)) != NULL) {
		r = history_word_first(in, h);
		free(in);
		h->bracketed = r;
		return r;
	}
	return history_word_first(s, h);
}

int
recog_terminal(int32_t c)
{
	return c == 0x3002 || c == 0xff0e || c == '.' || c == 0xff01 ||
	    c == '!' || c == 0xff1f || c == '?' || c == 0x300d ||
	    c == 0x300f || c == 0xff09 || c == ')' || c == 0xff1a || c == ':';
}

int
recog_plain_title(const char *s)
{
	static const char *const marks[] = { "・", "■", "●", "※" };
	struct rarticle a;
	struct rdivision d;
	struct marker m;
	const char *cap;
	size_t len = text_nchars(s), caplen, used, i, n;
	char date[11];
	int32_t c = 0;

	if (len == 0 || len > 20 || has_sentence_punct(s) ||
	    strchr(s, '\t') != NULL || *s == '-' || *s == '*')
		return 0;
	n = strlen(s);
	n = utf8_prev_len(s, n);
	utf8_next(s + strlen(s) - n, n, &c);
	if (recog_terminal(c))
		return 0;
	for (i = 0; i < sizeof(marks) / sizeof(marks[0]); i++)
		if (has_prefix(s, marks[i]))
			return 0;
	/* 削除, 略: what is left of a deleted article, not a title. */
	if (strcmp(s, "削除") == 0 || strcmp(s, "略") == 0 ||
	    recog_date(s, date, &used))
		return 0;
	if (recog_article(s, 0, &a)) {
		free(a.num);
		return 0;
	}
	if (recog_division(s, 0, &d)) {
		free(d.num);
		return 0;
	}
	return recog_named_division(s, 0) == DIV_OTHER &&
	    !recog_caption_line(s, 0, &cap, &caplen) &&
	    !para_marker_parse(s, &m) && !item_marker_parse(s, &m) &&
	    !latin_dot_marker_parse(s, &m);
}

int
recog_contents_division(const char *s)
{
	enum divkind k;
	long v;
	size_t len;

	return division_label_parse(s, &k, &v, &len) &&
	    strstr(s, "。") == NULL && text_nchars(s) <= 100;
}

int
recog_division_range(const char *s)
{
	enum divkind k;
	size_t len;
	long v;
	const char *open;

	if (!division_label_parse(s, &k, &v, &len) || !has_suffix(s, "条）"))
		return 0;
	open = strstr(s + len, "（第");
	return open != NULL && (strstr(open, "―") || strstr(open, "－") ||
	    strstr(open, "～") || strstr(open, "・"));
}

/*
 * Is s, without the spaces text_squeeze() drops (space, tab, U+3000),
 * exactly word?  The same answer as comparing text_squeeze(s) with word,
 * without copying s: every line of a contents list is asked, and a line
 * that is no such word is told by its first bytes.
 */
static int
squeezed_is(const char *s, const char *word)
{
	for (;;) {
		if (*s == ' ' || *s == '\t')
			s++;
		else if ((unsigned char)s[0] == 0xe3 &&
		    (unsigned char)s[1] == 0x80 && (unsigned char)s[2] == 0x80)
			s += 3;
		else if (*word == '\0')
			return *s == '\0';
		else if (*s != *word)
			return 0;
		else
			s++, word++;
	}
}

int
recog_suppl_alone(const char *s)
{
	return squeezed_is(s, "附則") || squeezed_is(s, "付則");
}

/* "Table of Contents" (2), "Contents" (1): see recog.h. */
int
recog_english_contents_heading(const char *s)
{
	static const char *const words[] = { "table of contents", "contents" };
	size_t i, n, len;

	while (*s == ' ')
		s++;
	len = strlen(s);
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == ':'))
		len--;
	for (i = 0; i < 2; i++) {
		n = strlen(words[i]);
		if (len == n && strncasecmp(s, words[i], n) == 0)
			return 2 - (int)i;
	}
	return 0;
}

/*
 * A line that may be an entry of an English contents list: a caption,
 * with or without its number ("3. User Content", "Section 4 Fees"), of
 * at most 100 characters and not ending as a sentence does.
 */
static int
english_contents_entry(const char *s)
{
	size_t n = strlen(s);
	int32_t c = 0;

	if (n == 0 || text_nchars(s) > 100)
		return 0;
	utf8_next(s + n - utf8_prev_len(s, n), utf8_prev_len(s, n), &c);
	return !recog_terminal(c) || c == ')' || c == 0xff09;
}

/*
 * What an entry names, to tell it again in the body: its letters and
 * digits, lower-case, after the number that opens it ("2. (Your
 * Account)" and "Your account" are both "youraccount").  With caption,
 * a line of the body: up to the end of its first sentence, as a section
 * opens with its caption ("1. **Who We Are.** We run …").  Caller frees.
 */
static char *
contents_key(const char *s, int caption)
{
	char *k = xmalloc(strlen(s) + 1), *p = k;
	size_t used;

	if (numeral_parse(s, &used, 0) >= 0)
		s += used;
	while (*s == '.' || *s == ')' || *s == ' ')
		s++;
	for (; *s != '\0'; s++) {
		if (caption && strchr(".:?!", *s) != NULL &&
		    (s[1] == ' ' || s[1] == '\0'))
			break;
		if ((unsigned char)*s >= 0x80 || isalnum((unsigned char)*s))
			*p++ = (char)tolower((unsigned char)*s);
	}
	*p = '\0';
	return k;
}

/*
 * The keys (contents_key()) of the lines of the text, each with
 * the last line (+1) that has it: made once, when a list under
 * "Contents" alone asks whether its entries come again.
 */
struct ckeys {
	struct hmap	map;
	int		made;
};

static size_t
key_last(struct ckeys *ck, const char *const *lines, size_t n,
    const char *key)
{
	char *k;
	size_t i;
	int kept;

	if (!ck->made) {
		hmap_init(&ck->map);
		ck->made = 1;
		for (i = 0; i < n; i++) {
			if (lines[i] == NULL || lines[i][0] == '\0')
				continue;
			k = contents_key(lines[i], 1);
			/* The map keeps the key it has; a new one is its. */
			kept = hmap_get(&ck->map, k) != NULL;
			hmap_set(&ck->map, k, (void *)(uintptr_t)(i + 1));
			if (kept)
				free(k);
		}
	}
	return (size_t)(uintptr_t)hmap_get(&ck->map, key);
}

/*
 * An English contents list: a contents heading at lines[i], then its
 * entries, all of them lines that may be entries
 * (english_contents_entry()): either the lines of one block (the next
 * lines that are not blank, up to a blank one: a list), or blocks of one
 * line each, one entry a block, as a converter writes a list's entries
 * as paragraphs.  Those run until a line that is no entry, a block of
 * more lines, or the body's first heading: a number that does not go up
 * (1. 2. 3. then 1. again) or a caption the run has had.  Two entries or
 * more under "Table of Contents"; under "Contents" alone, which may head
 * a section about users' content, three or more, half of which the text
 * names again after the list (the body's headings).  Marks the heading
 * and the entries in toc[]; returns the lines marked.  *next: the line
 * to ask next (no heading before it can open a list: each would read the
 * same block to the same line that is no entry).  Statutes and Japanese
 * terms list articles (第1条（目的）) and are told by their numbers
 * instead.
 */
static size_t
english_contents_run(const char *const *lines, size_t n, size_t i,
    unsigned char *toc, struct ckeys *ck, size_t *next)
{
	struct hmap seen;
	size_t j, k, end, used, nent = 0, again = 0;
	long v, last = -1;
	int strength, oneline;
	char *key;

	*next = i + 1;
	if (lines[i] == NULL ||
	    (strength = recog_english_contents_heading(lines[i])) == 0)
		return 0;
	for (j = i + 1; j < n && lines[j] != NULL && lines[j][0] == '\0'; j++)
		;
	for (k = j; k < n && lines[k] != NULL && lines[k][0] != '\0'; k++)
		if (!english_contents_entry(lines[k])) {
			*next = k > i + 1 ? k : i + 1;
			return 0;
		}
	nent = k - j;
	end = k;
	oneline = nent == 1;
	hmap_init(&seen);
	for (k = j; oneline && k < n; k++) {
		if (lines[k] == NULL)
			break;
		if (lines[k][0] == '\0')
			continue;
		/* One line between blanks, an entry, new and going up. */
		if ((k > 0 && lines[k - 1] != NULL && lines[k - 1][0] != '\0') ||
		    (k + 1 < n && (lines[k + 1] == NULL ||
		    lines[k + 1][0] != '\0')) ||
		    !english_contents_entry(lines[k]))
			break;
		key = contents_key(lines[k], 0);
		if (hmap_put(&seen, key, key) != key) {
			free(key);
			break;
		}
		if ((v = numeral_parse(lines[k], &used, 0)) >= 0) {
			if (v <= last)
				break;
			last = v;
		}
		end = k + 1;
	}
	hmap_release_keys(&seen);
	if (oneline)
		for (nent = 0, k = j; k < end; k++)
			nent += lines[k][0] != '\0';
	if (nent < (strength == 2 ? 2u : 3u))
		return 0;
	if (strength == 1) {
		for (k = j; k < end; k++) {
			if (lines[k][0] == '\0')
				continue;
			key = contents_key(lines[k], 0);
			again += *key != '\0' && key_last(ck, lines, n, key) > end;
			free(key);
		}
		if (2 * again < nent)
			return 0;
	}
	toc[i] = 1;
	for (k = j; k < end; k++)
		toc[k] = lines[k][0] != '\0';
	*next = end > i + 1 ? end : i + 1;
	return nent + 1;
}

size_t
recog_contents_runs(const char *const *lines, size_t n, unsigned char *toc)
{
	struct hmap seen, inrun;
	struct rarticle a;
	enum divkind k;
	char **nums, **glued;
	unsigned char *capped;
	size_t i, j, t, run, nart, ranged, used, next;
	struct ckeys ck;
	uint32_t divseen[DIV_OTHER + 1][1024 / 32];
	enum divkind kk;
	long v, lastv[DIV_OTHER + 1];
	int all, siblings, sibs[DIV_OTHER + 1];
	size_t marked = 0;

	nums = xcalloc(n ? n : 1, sizeof(*nums));
	glued = xcalloc(n ? n : 1, sizeof(*glued));
	/* capped: an article line that is its label and caption alone,
	 * asked once here rather than again in every run. */
	capped = xcalloc(n ? n : 1, 1);
	hmap_init(&seen);
	for (i = 0; i < n; i++)
		if (lines[i] != NULL && recog_article(lines[i], 0, &a)) {
			/* seen: the last line (+1) that has this number */
			nums[i] = a.num;
			capped[i] = a.cap != NULL && *a.rest == '\0';
			hmap_set(&seen, a.num, (void *)(uintptr_t)(i + 1));
		} else if (lines[i] != NULL &&
		    recog_glued_article(lines[i], &a)) {
			/*
			 * 第1条運営管理会社, the body's heading written with
			 * its caption glued: the number comes again, but the
			 * line is no entry of a run.
			 */
			glued[i] = a.num;
			hmap_set(&seen, a.num, (void *)(uintptr_t)(i + 1));
		}
	for (i = 0; i < n; i = j) {
		run = nart = 0;
		all = 1;
		siblings = 0;
		hmap_init(&inrun);
		memset(divseen, 0, sizeof(divseen));
		memset(sibs, 0, sizeof(sibs));
		for (k = 0; k <= DIV_OTHER; k++)
			lastv[k] = -1;
		for (j = i; j < n; j++) {
			if (lines[j] == NULL || lines[j][0] == '\0')
				continue;
			/* A number the run has had: the body starts here. */
			if (nums[j] != NULL &&
			    hmap_put(&inrun, nums[j], nums[j]) != nums[j])
				break;
			/* 第三章の二 is no second 第三章: branches are not
			 * counted. */
			if (nums[j] == NULL && division_label_parse(lines[j],
			    &k, &v, &used) && v >= 0 && v < 1024 &&
			    !has_prefix(lines[j] + used, "の")) {
				if (divseen[k][v / 32] & (1u << (v % 32)))
					break;
				divseen[k][v / 32] |= 1u << (v % 32);
				/* Chapters number anew in each part. */
				for (kk = k + 1; kk <= DIV_DIVISION; kk++) {
					memset(divseen[kk], 0,
					    sizeof(divseen[kk]));
					lastv[kk] = -1;
				}
				if (v > lastv[k]) {
					lastv[k] = v;
					if (++sibs[k] >= 3)
						siblings = 1;
				}
			}
			if (nums[j] != NULL) {
				if (!capped[j])
					all = 0;
				nart++;
			} else if (!recog_contents_division(lines[j]) &&
			    !recog_suppl_alone(lines[j]))
				break;
			run++;
		}
		hmap_release(&inrun);
		if (j == i)
			j = i + 1;
		for (t = i; all && t < j; t++)
			if (nums[t] != NULL &&
			    (uintptr_t)hmap_get(&seen, nums[t]) <= j)
				all = 0;
		/*
		 * Or divisions that list their articles, 第一章　総則（第一条
		 * ―第三条）, half of them or more: no heading in the body
		 * names the articles it holds.
		 */
		for (t = i, ranged = 0; nart == 0 && t < j; t++)
			ranged += lines[t] != NULL && lines[t][0] != '\0' &&
			    recog_division_range(lines[t]);
		/*
		 * Or three divisions of one kind in a row with nothing in
		 * them (第一章, 第二章, 第三章): only a contents list has
		 * empty chapters.
		 */
		/* One article is no list of them (第1編, 第1章 … 第1条). */
		if (run < 3 || !((nart > 1 && all) || (nart == 0 &&
		    (ranged * 2 >= run || siblings))))
			continue;
		for (t = i; t < j; t++)
			if (lines[t] != NULL && lines[t][0] != '\0') {
				toc[t] = 1;
				marked++;
			}
	}
	hmap_release(&seen);
	for (i = 0; i < n; i++) {
		free(nums[i]);
		free(glued[i]);
	}
	free(nums);
	free(glued);
	free(capped);
	memset(&ck, 0, sizeof(ck));
	for (i = 0; i < n; i = next)
		if (toc[i])
			next = i + 1;
		else
			marked += english_contents_run(lines, n, i, toc, &ck,
			    &next);
	if (ck.made)
		hmap_release_keys(&ck.map);
	return marked;
}

int
recog_contents_heading(const char *s)
{
	char *sq = text_squeeze(s);
	int r = strcmp(sq, "目次") == 0 || strcmp(sq, "【目次】") == 0 ||
	    strcmp(sq, "［目次］") == 0 || strcmp(sq, "＜目次＞") == 0;

	free(sq);
	return r;
}

/* ---- English numbering: roman articles, sub-clauses, separators ---- */

/*
 * A roman numeral of one case at s, written canonically (IV, never IIII;
 * XL, never XXXX), 1 to 89: its value and *used bytes, or 0.  "I", "V",
 * "X" alone count; whether they number anything is the caller's to weigh.
 */
static long
roman_value(const char *s, size_t *used)
{
	static const char *const tens[] = { "", "X", "XX", "XXX", "XL", "L",
	    "LX", "LXX", "LXXX" };
	static const char *const ones[] = { "", "I", "II", "III", "IV", "V",
	    "VI", "VII", "VIII", "IX" };
	const char *set = s[0] >= 'a' && s[0] <= 'z' ? "ivxl" : "IVXL";
	char canon[16];
	size_t i, n;
	long v = 0, prev = 0, d;

	for (n = 0; s[n] != '\0' && strchr(set, s[n]) != NULL && n < 9; n++) {
		d = s[n] == set[0] ? 1 : s[n] == set[1] ? 5 :
		    s[n] == set[2] ? 10 : 50;
		v += d > prev ? d - 2 * prev : d;
		prev = d;
	}
	if (n == 0 || v < 1 || v > 89)
		return 0;
	snprintf(canon, sizeof(canon), "%s%s", tens[v / 10], ones[v % 10]);
	if (strlen(canon) != n)
		return 0;
	for (i = 0; i < n; i++)
		if ((s[i] | 0x20) != (canon[i] | 0x20))
			return 0;
	*used = n;
	return v;
}

size_t
recog_caption_sep(const char *s)
{
	static const char *const seps[] = { "\u2013", "\u2014", "-", ":",
	    "\uff1a", ".", "\uff0e" };
	size_t n = text_skip_spaces(s), i;

	for (i = 0; i < sizeof(seps) / sizeof(seps[0]); i++)
		if (has_prefix(s + n, seps[i])) {
			n += strlen(seps[i]);
			/* "-" joins words ("Pre-paid"); as a mark it stands
			 * apart: "Section 5 - Law". */
			if ((i == 2 || i == 5) && s[n] != ' ')
				return text_skip_spaces(s);
			return n + text_skip_spaces(s + n);
		}
	return n;
}

int
recog_roman_article(const char *s, struct rroman *r)
{
	const char *p = s;
	size_t used;
	int word = 0;

	memset(r, 0, sizeof(*r));
	if (strncasecmp(p, "article", 7) == 0 ||
	    strncasecmp(p, "section", 7) == 0) {
		p += 7;
		if (*p != ' ')
			return 0;
		p += text_skip_spaces(p);
		word = 1;
	}
	if ((r->value = roman_value(p, &used)) == 0)
		return 0;
	p += used;
	if (*p == '.')
		p++;
	else if (!word)
		return 0;	/* "I agree", "Vision": no dot, no word */
	/* The label ends at the end, a space or a separator: "IV.5" is no
	 * label, nor is "Article IVa". */
	if (*p != '\0' && *p != ' ' && *p != ':' && !has_prefix(p, "\u3000") &&
	    recog_caption_sep(p) == 0)
		return 0;
	r->word = word;
	r->labellen = (size_t)(p - s);
	r->cap = p + recog_caption_sep(p);
	return 1;
}

/*
 * "3.2 Late payment", "4.1.2 Fees": a decimal clause number, a space and a
 * capital or a Japanese word (recog.h).  A wrapped sentence may start with a decimal
 * too, "2.5 million users", "1.5% per month": those go on in lower case or
 * with no space.
 */
int
recog_decimal_clause(const char *s)
{
	const char *p = s;
	int dots = 0;

	while (*p >= '0' && *p <= '9') {
		while (*p >= '0' && *p <= '9')
			p++;
		if (*p != '.' || p[1] < '0' || p[1] > '9')
			break;
		p++;
		dots++;
	}
	if (dots == 0)
		return 0;
	if (*p == '.')
		p++;
	if (*p != ' ' && !has_prefix(p, "\u3000"))
		return 0;
	p = skip_sp(p);
	return (*p >= 'A' && *p <= 'Z') || (unsigned char)*p >= 0x80;
}

int
recog_subclause(const char *s, const char *artnum, size_t *labellen,
    size_t *skip, long *sub)
{
	const char *p = s, *a = artnum;
	char *end;
	long v;

	/* Every part of the article's number, each followed by a dot. */
	while (*a != '\0') {
		v = strtol(a, &end, 10);
		if (end == a || (*end != '\0' && *end != '_'))
			return 0;
		if (!(*p >= '0' && *p <= '9') || strtol(p, (char **)&p, 10) !=
		    v || *p != '.')
			return 0;
		p++;
		a = *end == '_' ? end + 1 : end;
	}
	if (!(*p >= '0' && *p <= '9'))
		return 0;
	*sub = strtol(p, (char **)&p, 10);
	if (*sub < 1 || *sub > 999)
		return 0;
	if (*p == '.' || has_prefix(p, "\uff0e"))
		p += *p == '.' ? 1 : strlen("\uff0e");
	*labellen = (size_t)(p - s);
	if (*p != ' ' && *p != '\t' && !has_prefix(p, "\u3000"))
		return 0;
	p += text_skip_spaces(p);
	/* "3.5 million users", "2.5 % of": a number that goes on as a
	 * sentence's quantity, not a clause's text ("11.9 30 Day Right to
	 * Opt-Out" is a clause's). */
	if (*p == '\0' || (*p >= 'a' && *p <= 'z') || *p == '%')
		return 0;
	*skip = (size_t)(p - s);
	return 1;
}

long
recog_number_word(const char *w, size_t len)
{
	static const char *const ones[] = { "zero", "one", "two", "three",
	    "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
	    "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
	    "seventeen", "eighteen", "nineteen" };
	static const char *const tens[] = { "twenty", "thirty", "forty",
	    "fifty", "sixty", "seventy", "eighty", "ninety" };
	const char *dash = memchr(w, '-', len);
	size_t i, n = dash != NULL ? (size_t)(dash - w) : len;
	long u;

	for (i = 0; i < sizeof(ones) / sizeof(ones[0]); i++)
		if (strlen(ones[i]) == len && strncasecmp(w, ones[i], len) == 0)
			return (long)i;
	for (i = 0; i < sizeof(tens) / sizeof(tens[0]); i++) {
		if (strlen(tens[i]) != n || strncasecmp(w, tens[i], n) != 0)
			continue;
		if (dash == NULL)
			return (long)(20 + 10 * i);
		/* forty-five: a ten, a dash, a one. */
		u = recog_number_word(dash + 1, len - n - 1);
		return u >= 1 && u <= 9 ? (long)(20 + 10 * i) + u : -1;
	}
	return -1;
}

int
recog_en_title(const char *t)
{
	size_t len = strlen(t), i, words = 0, lower = 0;
	int inword = 0;

	if (len == 0 || len > 100 || strstr(t, ". ") != NULL ||
	    strchr(",:;", t[len - 1]) != NULL)
		return 0;
	for (i = 0; i < len; i++) {
		if (t[i] == ' ') {
			inword = 0;
			continue;
		}
		if (!inword) {
			words++;
			/* Short words (of, the, and) stay small in Title
			 * Case. */
			if (t[i] >= 'a' && t[i] <= 'z' &&
			    strcspn(t + i, " ") > 3)
				lower++;
		}
		inword = 1;
	}
	if (words > 16)
		return 0;
	return t[len - 1] != '.' || words <= 3 || lower == 0;
}

int
recog_title_alone(const char *s)
{
	size_t len = strlen(s);

	return len > 0 && s[0] >= 'A' && s[0] <= 'Z' && s[len - 1] != '.' &&
	    strpbrk(s, "0123456789:") == NULL && recog_en_title(s);
}

int
recog_letter_article(const char *s, struct rroman *r)
{
	memset(r, 0, sizeof(*r));
	if (!(s[0] >= 'A' && s[0] <= 'Z') || s[1] != '.' || s[2] != ' ')
		return 0;
	r->value = s[0] - 'A' + 1;
	r->labellen = 2;
	r->cap = s + 2 + text_skip_spaces(s + 2);
	/* "A. (Definitions)", as termc import writes a caption. */
	return (r->cap[*r->cap == '('] >= 'A' && r->cap[*r->cap == '('] <=
	    'Z');
}
