/*
 * Numerals and labels: see numeral.h.
 *
 * Kanji numerals are read the way statutes write them: with multipliers
 * (十七 = 17, 百二 = 102, 二千十 = 2010) or positionally when no multiplier
 * appears (二〇一七 = 2017).  Values above 99999 are refused: no clause
 * number is that large, and refusing keeps every arithmetic in range.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "numeral.h"
#include "text.h"
#include "xalloc.h"

#define NUM_MAX	99999L

static int
kanji_digit(int32_t c)
{
	switch (c) {
	case 0x3007: case 0x96f6: return 0;	/* 〇 零 */
	case 0x4e00: return 1;	/* 一 */
	case 0x4e8c: return 2;	/* 二 */
	case 0x4e09: return 3;	/* 三 */
	case 0x56db: return 4;	/* 四 */
	case 0x4e94: return 5;	/* 五 */
	case 0x516d: return 6;	/* 六 */
	case 0x4e03: return 7;	/* 七 */
	case 0x516b: return 8;	/* 八 */
	case 0x4e5d: return 9;	/* 九 */
	default: return -1;
	}
}

static int
kanji_mult(int32_t c)
{
	switch (c) {
	case 0x5341: return 10;		/* 十 */
	case 0x767e: return 100;	/* 百 */
	case 0x5343: return 1000;	/* 千 */
	default: return 0;
	}
}

static int
arabic_digit(int32_t c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 0xff10 && c <= 0xff19)
		return c - 0xff10;
	return -1;
}

static size_t
next(const char *s, int32_t *c)
{
	return utf8_next_str(s, c);
}

long
numeral_parse(const char *s, size_t *used, int kanji)
{
	const char *p = s;
	long val = 0, total = 0, cur = -1;
	int32_t c;
	size_t n;
	int d, m, any = 0, mult_seen = 0, last_mult = 0;

	/* Arabic, ASCII or full-width; mixed widths are accepted. */
	while ((n = next(p, &c)) > 0 && (d = arabic_digit(c)) >= 0) {
		val = val * 10 + d;
		if (val > NUM_MAX)
			return -1;
		p += n;
		any = 1;
	}
	if (any) {
		*used = (size_t)(p - s);
		return val;
	}
	if (!kanji)
		return -1;
	/* The character at p (= s) is c, of n bytes: decoded above. */
	for (; n > 0; n = next(p, &c)) {
		if ((d = kanji_digit(c)) >= 0) {
			/*
			 * Positional when digits follow digits (二〇一七); after
			 * a multiplier one digit at most (十一, not 十一二).
			 */
			if (cur >= 0 && mult_seen)
				return -1;
			cur = cur >= 0 ? cur * 10 + d : d;
		} else if ((m = kanji_mult(c)) > 0) {
			/* Multipliers fall: 二千十, not 十百 or 百百. */
			if ((last_mult > 0 && m >= last_mult) || cur > 9)
				return -1;
			total += (cur >= 0 ? cur : 1) * m;
			cur = -1;
			mult_seen = 1;
			last_mult = m;
		} else
			break;
		if (total > NUM_MAX || cur > NUM_MAX)
			return -1;
		p += n;
		any = 1;
	}
	if (!any)
		return -1;
	*used = (size_t)(p - s);
	return total + (cur >= 0 ? cur : 0);
}

/*
 * "第 17 " at s: the number in *v and where the unit word (条, 章 …)
 * should stand, spaces skipped on both sides; NULL when s is not so.
 */
static const char *
dai_number(const char *s, long *v)
{
	size_t n;

	if (!has_prefix(s, "第"))
		return NULL;
	s += strlen("第");
	s += text_skip_spaces(s);
	if ((*v = numeral_parse(s, &n, 1)) < 0)
		return NULL;
	s += n;
	return s + text_skip_spaces(s);
}

/*
 * v in decimal, as "%ld" writes it: a label is made per heading, and
 * buf_printf's two vsnprintf passes were half of article_label_parse().
 */
static void
put_long(struct buf *b, long v)
{
	char t[24], *p = t + sizeof(t);
	unsigned long u = v < 0 ? -(unsigned long)v : (unsigned long)v;

	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (v < 0)
		*--p = '-';
	buf_put(b, p, (size_t)(t + sizeof(t) - p));
}

int
article_label_parse(const char *s, char **num, size_t *len)
{
	const char *p = s;
	struct buf b;
	size_t n;
	long v;

	if (has_prefix(p, "第")) {
		if ((p = dai_number(p, &v)) == NULL || !has_prefix(p, "条"))
			return 0;
		p += strlen("条");
		buf_init(&b);
		put_long(&b, v);
		/* Branch numbers: 第17条の2の3. */
		/* Branch numbers: の, or ノ in older statutes. */
		while ((has_prefix(p, "の") || has_prefix(p, "ノ")) &&
		    (v = numeral_parse(p + strlen("の"), &n, 1)) >= 0) {
			p += strlen("の") + n;
			buf_putc(&b, '_');
			put_long(&b, v);
		}
		*num = buf_detach(&b);
		*len = (size_t)(p - s);
		return 1;
	}
	/* Other languages: "Article 5", "Section 5", "5.", "5)", "5 ". */
	if (strncasecmp(p, "article", 7) == 0 || strncasecmp(p, "section", 7) == 0) {
		p += 7;
		p += text_skip_spaces(p);
		if ((v = numeral_parse(p, &n, 0)) < 0)
			return 0;
		p += n;
		if (*p == '.')
			p++;
	} else {
		if ((v = numeral_parse(p, &n, 0)) < 0)
			return 0;
		p += n;
		/* 4.1, 4.1.2: a decimal number, one label, never 4. and 1 … */
		if (*p == '.' && p[1] >= '0' && p[1] <= '9') {
			buf_init(&b);
			put_long(&b, v);
			while (*p == '.' && p[1] >= '0' && p[1] <= '9' &&
			    (v = numeral_parse(p + 1, &n, 0)) >= 0) {
				buf_putc(&b, '_');
				put_long(&b, v);
				p += 1 + n;
			}
			if (*p == '.')
				p++;
			if (*p != ' ' && *p != '\0' && *p != '(' &&
			    !has_prefix(p, "\u3000") && !has_prefix(p, "（")) {
				buf_release(&b);
				return 0;
			}
			*num = buf_detach(&b);
			*len = (size_t)(p - s);
			return 1;
		}
		if (*p == '.')
			p++;
		else if (has_prefix(p, "．"))
			p += strlen("．");
		/* "1) Definitions", as some sites number their sections. */
		else if (*p == ')' && p[1] == ' ' && s[0] >= '0' &&
		    s[0] <= '9')
			p++;
		else if (*p != ' ' && !has_prefix(p, "\u3000"))
			return 0;
	}
	buf_init(&b);
	put_long(&b, v);
	*num = buf_detach(&b);
	*len = (size_t)(p - s);
	return 1;
}

int
division_label_parse(const char *s, enum divkind *kind, long *val, size_t *len)
{
	static const struct {
		const char	*word;
		enum divkind	 kind;
	} words[] = {
		{ "編", DIV_PART }, { "章", DIV_CHAPTER }, { "節", DIV_SECTION },
		{ "款", DIV_SUBSECTION }, { "目", DIV_DIVISION }
	};
	const char *p;
	size_t i;
	long v;

	if ((p = dai_number(s, &v)) == NULL)
		return 0;
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (has_prefix(p, words[i].word)) {
			*kind = words[i].kind;
			*val = v;
			*len = (size_t)(p + strlen(words[i].word) - s);
			return 1;
		}
	return 0;
}

enum divkind
division_by_name(const char *s)
{
	static const char *const suppl[] = { "付則", "附則", "補則" };
	static const char *const appx[] = { "別表", "別紙", "別記", "様式",
	    "(別紙)", "（別紙）", "(別表)", "（別表）" };

	if (text_prefix_of(s, suppl, sizeof(suppl) / sizeof(suppl[0])) > 0)
		return DIV_SUPPL;
	if (text_prefix_of(s, appx, sizeof(appx) / sizeof(appx[0])) > 0)
		return DIV_APPENDIX;
	return DIV_OTHER;
}

static int
is_open(int32_t c)
{
	return c == '(' || c == 0xff08;
}

static int
is_close(int32_t c)
{
	return c == ')' || c == 0xff09;
}

int
caption_parse(const char *s, const char **cap, size_t *caplen, size_t *used)
{
	const char *p = s, *start;
	int32_t c;
	size_t n;
	int depth = 0;

	p += text_skip_spaces(p);
	if ((n = next(p, &c)) == 0 || !is_open(c))
		return 0;
	p += n;
	start = p;
	while ((n = next(p, &c)) > 0) {
		if (is_open(c))
			depth++;
		else if (is_close(c)) {
			if (depth-- == 0) {
				*cap = start;
				*caplen = (size_t)(p - start);
				*used = (size_t)(p + n - s);
				return 1;
			}
		}
		p += n;
	}
	return 0;
}

/* イロハ order, as written in statutes. */
static const int32_t iroha[] = {
	0x30a4, 0x30ed, 0x30cf, 0x30cb, 0x30db, 0x30d8, 0x30c8, 0x30c1,
	0x30ea, 0x30cc, 0x30eb, 0x30f2, 0x30ef, 0x30ab, 0x30e8, 0x30bf,
	0x30ec, 0x30bd, 0x30c4, 0x30cd, 0x30ca, 0x30e9, 0x30e0, 0x30a6,
	0x30f0, 0x30ce, 0x30aa, 0x30af, 0x30e4, 0x30de, 0x30b1, 0x30d5,
	0x30b3, 0x30a8, 0x30c6, 0x30a2, 0x30b5, 0x30ad, 0x30e6, 0x30e1,
	0x30df, 0x30b7, 0x30f1, 0x30d2, 0x30e2, 0x30bb, 0x30b9
};
/* アイウ order: ア イ ウ エ オ カ キ ク ケ コ サ シ ス セ ソ タ チ ツ テ ト. */
static const int32_t aiueo[] = {
	0x30a2, 0x30a4, 0x30a6, 0x30a8, 0x30aa, 0x30ab, 0x30ad, 0x30af,
	0x30b1, 0x30b3, 0x30b5, 0x30b7, 0x30b9, 0x30bb, 0x30bd, 0x30bf,
	0x30c1, 0x30c4, 0x30c6, 0x30c8
};

long
kana_ordinal(int kana, int use_iroha)
{
	const int32_t *t = use_iroha ? iroha : aiueo;
	size_t n = use_iroha ? sizeof(iroha) / sizeof(iroha[0]) :
	    sizeof(aiueo) / sizeof(aiueo[0]);
	size_t i;

	for (i = 0; i < n; i++)
		if (t[i] == kana)
			return (long)i + 1;
	return 0;
}

/*
 * Does the text after a number and a space begin with a unit, as in "30 日
 * 以内" (PDF text often spaces digits off)?  Then the number is text, not a
 * 項 number.  Only phrases that cannot open a sentence count: a lone 月 or
 * 日 could be 月額 or 日本.
 */
static int
starts_with_unit(const char *p)
{
	static const char *const units[] = { "日以内", "日以上", "日前",
	    "日後", "日間", "日まで", "日を", "か月", "ヶ月", "ケ月", "カ月",
	    "箇月", "年間", "年以内", "年以上", "時間", "分間", "円", "倍",
	    "%", "％" };

	return text_prefix_of(p, units, sizeof(units) / sizeof(units[0])) > 0;
}

int
para_marker_parse(const char *s, struct marker *m)
{
	const char *p;
	int32_t c;
	size_t n, n_digits;
	long v;

	if ((v = numeral_parse(s, &n, 0)) < 0 || v == 0)
		return 0;
	n_digits = n;
	p = s + n;
	if ((n = next(p, &c)) == 0)
		return 0;
	memset(m, 0, sizeof(*m));
	m->scheme = MS_PARA;
	m->value = v;
	m->len = (size_t)(p - s);
	if (c == 0xff0e || c == '.' || c == 0x3001) {	/* ． . 、 */
		m->len += n;
		p += n;
		/* 4.1, １．２: a decimal clause number, never 4. then 1. */
		if (c != 0x3001 && numeral_parse(p, &n, 0) >= 0)
			return 0;
	} else if (!is_space(c))
		return 0;
	m->skip = (size_t)(p - s) + text_skip_spaces(p);
	/* After a space: 2017 年, 30 日以内 are text (no 項 reaches 100). */
	if (m->len == n_digits && (v >= 100 || starts_with_unit(s + m->skip)))
		return 0;
	/* "2. " needs text after it; "14日" is no marker (caught above). */
	return s[m->skip] != '\0';
}

int
latin_dot_marker_parse(const char *s, struct marker *m)
{
	const char *p = s;
	int32_t c;
	size_t n;

	memset(m, 0, sizeof(*m));
	if ((n = next(p, &c)) == 0)
		return 0;
	if (c >= 'a' && c <= 'z')
		m->value = c - 'a' + 1;
	else if (c >= 0xff41 && c <= 0xff5a)		/* ａ..ｚ */
		m->value = c - 0xff41 + 1;
	else
		return 0;
	p += n;
	if ((n = next(p, &c)) == 0 || (c != '.' && c != 0xff0e))
		return 0;
	p += n;
	/* "a.m." and "e.g." go on without a space: no marker. */
	if ((n = next(p, &c)) == 0 || !is_space(c))
		return 0;
	m->scheme = MS_LATIN_DOT;
	m->len = (size_t)(p - s);
	m->skip = m->len + text_skip_spaces(p);
	return s[m->skip] != '\0';
}

/*
 * A lower-case (or upper-case) roman numeral at s, up to 39 (xxxix): its
 * value and *used bytes, or -1.  Only the letters of one case count.
 */
static long
roman_parse(const char *s, size_t *used)
{
	static const char low[] = "ivx", up[] = "IVX";
	const char *set = s[0] >= 'a' ? low : up;
	long v = 0, prev = 0, d;
	size_t i;

	for (i = 0; s[i] != '\0' && strchr(set, s[i]) != NULL; i++) {
		d = s[i] == set[0] ? 1 : s[i] == set[1] ? 5 : 10;
		v += d > prev ? d - 2 * prev : d;
		prev = d;
	}
	if (i == 0 || i > 6)
		return -1;
	*used = i;
	return v;
}

/*
 * The same in full-width letters, ｉｉ ｉｖ ｘｉｉ (statutes number
 * sub-items （ｉ） （ｉｉ）): its value and *used bytes, or -1.
 */
static long
roman_parse_wide(const char *s, size_t *used)
{
	char ascii[8];
	size_t i = 0, n, k = 0;
	int32_t c;

	while (k < sizeof(ascii) - 1 && (n = next(s + i, &c)) > 0 &&
	    (c == 0xff49 || c == 0xff56 || c == 0xff58)) {
		ascii[k++] = (char)(c - 0xff41 + 'a');
		i += n;
	}
	ascii[k] = '\0';
	if (k == 0 || roman_parse(ascii, &n) < 0 || n != k)
		return -1;
	*used = i;
	return roman_parse(ascii, &n);
}

int
item_marker_parse(const char *s, struct marker *m)
{
	const char *p = s;
	int32_t c, c2;
	size_t n, n2, used;
	long v;

	memset(m, 0, sizeof(*m));
	if ((n = next(p, &c)) == 0)
		return 0;
	if (is_open(c)) {
		p += n;
		if ((v = numeral_parse(p, &used, 1)) >= 0) {
			/* （一） is a scheme of its own: statutes nest it
			 * under （１）. */
			m->scheme = numeral_parse(p, &n2, 0) >= 0 ?
			    MS_PAREN_NUM : MS_PAREN_KANJI;
			p += used;
			m->value = v;
		} else if ((n2 = next(p, &c2)) > 0 &&
		    (kana_ordinal(c2, 1) || kana_ordinal(c2, 0))) {
			p += n2;
			m->scheme = MS_PAREN_KANA;
			m->kana = c2;
			m->value = kana_ordinal(c2, 0);
		} else if (((v = roman_parse(p, &used)) > 0 ||
		    (v = roman_parse_wide(p, &used)) > 0) &&
		    used >= 2 * (size_t)n2) {
			/* (ii), （ｉｉ）: two letters or more. */
			p += used;
			m->scheme = MS_PAREN_ROMAN;
			m->value = v;
		} else if (n2 > 0 && ((c2 >= 'a' && c2 <= 'z') ||
		    (c2 >= 0xff41 && c2 <= 0xff5a))) {
			p += n2;
			m->scheme = MS_PAREN_LATIN;
			m->value = c2 >= 0xff41 ? c2 - 0xff41 + 1 : c2 - 'a' + 1;
			if (c2 >= 0xff41)
				c2 = c2 - 0xff41 + 'a';
			/* (i), （ｉ）: roman 1 unless (h) came before. */
			if (c2 == 'i' || c2 == 'v' || c2 == 'x')
				m->roman = c2 == 'i' ? 1 : c2 == 'v' ? 5 : 10;
		} else if (n2 > 0 && c2 >= 'A' && c2 <= 'Z') {
			p += n2;
			m->scheme = MS_PAREN_UPPER;
			m->value = c2 - 'A' + 1;
			if (c2 == 'I' || c2 == 'V' || c2 == 'X')
				m->roman = c2 == 'I' ? 1 : c2 == 'V' ? 5 : 10;
		} else
			return 0;
		if ((n = next(p, &c)) == 0 || !is_close(c))
			return 0;
		p += n;
	} else if (c >= 0x2460 && c <= 0x2473) {	/* ①..⑳ */
		p += n;
		m->scheme = MS_CIRCLED;
		m->value = c - 0x2460 + 1;
	} else if (c >= 0x2474 && c <= 0x2487) {
		/* ⑴..⒇, one character each: (1) as fonts draw it. */
		p += n;
		m->scheme = MS_PAREN_NUM;
		m->value = c - 0x2474 + 1;
	} else if ((v = numeral_parse(p, &used, 0)) >= 0) {
		p += used;
		if ((n = next(p, &c)) == 0 || !is_close(c))
			return 0;
		p += n;
		m->scheme = MS_NUM_PAREN;
		m->value = v;
	} else if ((v = roman_parse(p, &used)) > 0 && used >= 2 &&
	    p[used] == ')') {
		/* ii) iv) xii): a roman numeral, as (ii) is. */
		m->scheme = MS_ROMAN_PAREN;
		m->value = v;
		p += used + 1;
	} else if (c >= 'a' && c <= 'z' && p[1] == ')') {
		m->scheme = MS_LATIN_PAREN;
		m->value = c - 'a' + 1;
		if (c == 'i' || c == 'v' || c == 'x')
			m->roman = c == 'i' ? 1 : c == 'v' ? 5 : 10;
		p += 2;
	} else if ((v = numeral_parse(p, &used, 1)) > 0) {
		/* Kanji item numbers need a following space: 一　, not 一部. */
		p += used;
		/* 六の二　: a branch of item 六, inserted by an amendment. */
		if (has_prefix(p, "の") && (m->branch = numeral_parse(p +
		    strlen("の"), &used, 1)) > 0)
			p += strlen("の") + used;
		else
			m->branch = 0;
		if ((n = next(p, &c)) == 0 || !is_space(c))
			return 0;
		m->scheme = MS_KANJI;
		m->value = v;
	} else if (kana_ordinal(c, 1)) {
		p += n;
		if ((n = next(p, &c2)) == 0 || !is_space(c2))
			return 0;
		m->scheme = MS_IROHA;
		m->kana = c;
		m->value = kana_ordinal(c, 1);
	} else
		return 0;
	m->len = (size_t)(p - s);
	m->skip = m->len + text_skip_spaces(p);
	return s[m->skip] != '\0';
}
