/*
 * Typed value extraction from NFKC terms text: see value.h.
 *
 * A small hand-written scanner, not a regular-expression engine: every
 * value is a number followed by a unit (14.6%, 3ヶ月, 30日前, 20,000 円,
 * 2倍, 1か月分), a fixed phrase (前月末日, 翌月の月末), or a name found
 * around a fixed word (…地方裁判所, 日本法).  The scan is left to right and
 * returns the first value of the wanted type, so a caller picks the scope
 * (a sentence, an article).  Linear in the text size.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "numeral.h"
#include "text.h"
#include "value.h"
#include "xalloc.h"

struct unit {
	const char	*s;
	char		 letter;	/* D W M Y H */
};

static int
starts(const char *s, size_t i, size_t e, const char *w)
{
	size_t n = strlen(w);

	return i + n <= e && memcmp(s + i, w, n) == 0;
}

/* Longest first where one is a prefix of another. */
static const struct unit units[] = {
	{ "日間", 'D' }, { "日", 'D' },
	{ "週間", 'W' }, { "週", 'W' },
	{ "か月", 'M' }, { "ヶ月", 'M' }, { "ヵ月", 'M' }, { "カ月", 'M' },
	{ "ケ月", 'M' }, { "箇月", 'M' }, { "ヶ年", 'Y' }, { "か年", 'Y' },
	{ "ヵ年", 'Y' }, { "カ年", 'Y' }, { "ケ年", 'Y' }, { "年間", 'Y' },
	{ "年", 'Y' }, { "時間", 'H' },
	/* English (the text is folded to lower case): whole words only. */
	{ "days", 'D' }, { "day", 'D' }, { "weeks", 'W' }, { "week", 'W' },
	{ "months", 'M' }, { "month", 'M' }, { "years", 'Y' }, { "year", 'Y' },
	{ "hours", 'H' }, { "hour", 'H' },
	{ NULL, 0 }
};

/* English number words, for "thirty (30) days", "one month". */
static const struct { const char *w; int v; } words[] = {
	{ "one", 1 }, { "two", 2 }, { "three", 3 }, { "four", 4 },
	{ "five", 5 }, { "six", 6 }, { "seven", 7 }, { "eight", 8 },
	{ "nine", 9 }, { "ten", 10 }, { "eleven", 11 }, { "twelve", 12 },
	{ "fourteen", 14 }, { "fifteen", 15 }, { "twenty", 20 },
	{ "thirty", 30 }, { "sixty", 60 }, { "ninety", 90 }, { NULL, 0 }
};

static int
isalpha_lc(char c)
{
	return c >= 'a' && c <= 'z';
}

/* A unit at j: its table row, or NULL.  English units end a word. */
static const struct unit *
unit_at(const char *s, size_t j, size_t e)
{
	const struct unit *u;
	size_t k;

	for (u = units; u->s != NULL; u++) {
		if (!starts(s, j, e, u->s))
			continue;
		k = j + strlen(u->s);
		if (isalpha_lc(u->s[0]) && k < e && isalpha_lc(s[k]))
			continue;
		return u;
	}
	return NULL;
}

static int
isdig(char c)
{
	return c >= '0' && c <= '9';
}


static size_t
skip_spaces(const char *s, size_t i, size_t e)
{
	while (i < e && s[i] == ' ')
		i++;
	return i;
}

/*
 * A kanji numeral at i (三, 十四, 三十): only where the character before
 * is not a kanji, so 同一日, 一部 and 第三条 are no numbers.  Returns its
 * end, or i.
 */
static size_t
kanji_number(const char *s, size_t b, size_t i, size_t e, double *val)
{
	static const char digits[] = "〇一二三四五六七八九十百千";
	size_t used, n;
	int32_t cp;
	long v;

	n = utf8_next(s + i, e - i, &cp);
	if (n != 3 || strstr(digits, (char[4]){ s[i], s[i + 1], s[i + 2],
	    '\0' }) == NULL)
		return i;
	if (i > b) {
		n = utf8_prev_len(s, i);
		if (n > 0 && n <= i - b) {
			utf8_next(s + i - n, n, &cp);
			if (char_class(cp) == CC_KANJI)
				return i;
		}
	}
	if ((v = numeral_parse(s + i, &used, 1)) < 0 || i + used > e)
		return i;
	*val = (double)v;
	return i + used;
}

/*
 * A number starting at i (not in the middle of another): digits with
 * thousands commas and an optional decimal part.  Returns its end, or i.
 */
static size_t
number(const char *s, size_t b, size_t i, size_t e, double *val)
{
	struct buf nb;
	size_t j = i;

	if ((unsigned char)s[i] >= 0x80)
		return kanji_number(s, b, i, e, val);
	if (isalpha_lc(s[i])) {
		size_t k;

		if (i > b && isalpha_lc(s[i - 1]))
			return i;
		for (k = 0; words[k].w != NULL; k++)
			if (starts(s, i, e, words[k].w) &&
			    (i + strlen(words[k].w) >= e ||
			    !isalpha_lc(s[i + strlen(words[k].w)]))) {
				*val = words[k].v;
				return i + strlen(words[k].w);
			}
		return i;
	}
	if (!isdig(s[i]) || (i > b && (isdig(s[i - 1]) || s[i - 1] == '.' ||
	    s[i - 1] == ',')))
		return i;
	buf_init(&nb);
	while (j < e) {
		if (isdig(s[j]))
			buf_putc(&nb, s[j++]);
		else if (s[j] == ',' && j + 3 < e && isdig(s[j + 1]) &&
		    isdig(s[j + 2]) && isdig(s[j + 3]) &&
		    (j + 4 >= e || !isdig(s[j + 4])))
			j++;
		else if (s[j] == '.' && j + 1 < e && isdig(s[j + 1]) &&
		    strchr(nb.data, '.') == NULL)
			buf_putc(&nb, s[j++]);
		else
			break;
	}
	*val = strtod(nb.data, NULL);
	buf_release(&nb);
	return j;
}

/* The code point before i is one of the given UTF-8 strings? */
static int
preceded_by(const char *s, size_t b, size_t i, const char *w)
{
	size_t n = strlen(w);

	return i >= b + n && memcmp(s + i - n, w, n) == 0;
}

static void
set_value(struct value *v, const char *norm, double num, size_t off,
    size_t end)
{
	if (v->unit == 0 && num != 0)
		v->unit = 'd';
	v->norm = xstrdup(norm);
	v->num = num;
	v->off = off;
	v->len = end - off;
}

static double
unit_days(char letter)
{
	switch (letter) {
	case 'W': return 7;
	case 'M': return 30;
	case 'Y': return 365;
	case 'H': return 1.0 / 24;
	default: return 1;
	}
}

static void
iso(char *out, size_t sz, double n, char letter)
{
	if (letter == 'H')
		snprintf(out, sz, "PT%gH", n);
	else
		snprintf(out, sz, "P%g%c", n, letter);
}

/*
 * A duration at i: number, spaces, unit, optional 間.  Sets *before when
 * 前 follows (a notice: "30日前").  Returns the end, or i.
 */
static size_t
duration_at(const char *s, size_t b, size_t i, size_t e, double *n,
    char *letter, int *before)
{
	size_t j, k;
	const struct unit *u;

	if ((j = number(s, b, i, e, n)) == i)
		return i;
	/* Dates and day-of-month: 2018年8月, 毎月1日, 8月1日. */
	if (preceded_by(s, b, i, "月") || preceded_by(s, b, i, "第"))
		return i;
	j = skip_spaces(s, j, e);
	/* "thirty (30) days": the figure in brackets repeats the word. */
	if (j < e && s[j] == '(') {
		for (k = j + 1; k < e && k < j + 8 && isdig(s[k]); k++)
			;
		if (k < e && s[k] == ')' && k > j + 1)
			j = skip_spaces(s, k + 1, e);
	}
	if ((u = unit_at(s, j, e)) == NULL)
		return i;
	k = j + strlen(u->s);
	if (u->letter == 'Y' && k < e && isdig(s[k]))
		return i;			/* 2018年8月 */
	if (starts(s, k, e, "分") || starts(s, k, e, "目") ||
	    starts(s, k, e, "未満") || starts(s, k, e, "以上"))
		return i;			/* 1日分, 3日目, 1か月未満 */
	if (starts(s, k, e, "間"))
		k += strlen("間");
	*letter = u->letter;
	*before = 0;
	j = skip_spaces(s, k, e);
	if (starts(s, j, e, "前") && !starts(s, j, e, "前項") &&
	    !starts(s, j, e, "前条")) {
		*before = 1;
		k = j + strlen("前");
		if (starts(s, k, e, "まで"))
			k += strlen("まで");
	} else if (isalpha_lc(u->s[0])) {
		static const char *const ahead[] = { "prior", "before",
		    "in advance", "advance", "notice", "written notice", NULL };
		size_t w;

		if (j < e && s[j] == '\'')
			j = skip_spaces(s, j + 1, e);
		for (w = 0; ahead[w] != NULL; w++)
			if (starts(s, j, e, ahead[w])) {
				*before = 1;
				k = j + strlen(ahead[w]);
				break;
			}
	}
	return k;
}

/* Month-end phrases: 前月末日 / 前月末 (EOPM), 翌月の月末 / 翌月末 (EONM). */
static size_t
month_end_at(const char *s, size_t i, size_t e, int *next)
{
	static const struct { const char *w; int next; } phr[] = {
		{ "前月末日", 0 }, { "前月末", 0 }, { "翌月の月末", 1 },
		{ "翌月末日", 1 }, { "翌月末", 1 }, { NULL, 0 }
	};
	size_t k;

	for (k = 0; phr[k].w != NULL; k++)
		if (starts(s, i, e, phr[k].w)) {
			*next = phr[k].next;
			return i + strlen(phr[k].w);
		}
	return i;
}

static int
find_duration(const char *s, size_t b, size_t e, int notice,
    struct value *v)
{
	char norm[32], letter;
	double n;
	size_t i, k;
	int before, next;

	for (i = b; i < e; i++) {
		if ((k = month_end_at(s, i, e, &next)) != i) {
			if (next || notice) {
				set_value(v, next ? "EONM" : "EOPM",
				    next ? 45 : 30, i, k);
				return 1;
			}
			i = k - 1;
			continue;
		}
		if ((k = duration_at(s, b, i, e, &n, &letter, &before)) == i)
			continue;
		if (before == notice) {
			iso(norm, sizeof(norm), n, letter);
			set_value(v, norm, n * unit_days(letter), i, k);
			return 1;
		}
		i = k - 1;
	}
	return 0;
}

static int
find_suffixed(const char *s, size_t b, size_t e, const char *suffix,
    const char *fmt, char unit, struct value *v)
{
	char norm[64];
	double n;
	size_t i, j;

	for (i = b; i < e; i++) {
		if ((j = number(s, b, i, e, &n)) == i)
			continue;
		j = skip_spaces(s, j, e);
		if (starts(s, j, e, suffix)) {
			snprintf(norm, sizeof(norm), fmt, n);
			v->unit = unit;
			set_value(v, norm, n, i, j + strlen(suffix));
			return 1;
		}
		i = j - 1;
	}
	return 0;
}

/* Yen: 20,000 円, 20,000 yen, jpy 20,000, ¥20,000. */
static int
find_amount(const char *s, size_t b, size_t e, struct value *v)
{
	char norm[64];
	double n;
	size_t i, j, k, p;

	for (i = b; i < e; i++) {
		if (!isdig(s[i]) || (j = number(s, b, i, e, &n)) == i)
			continue;
		k = skip_spaces(s, j, e);
		p = i;
		while (p > b && s[p - 1] == ' ')
			p--;
		snprintf(norm, sizeof(norm), "%.0f JPY", n);
		if (starts(s, k, e, "円") || (starts(s, k, e, "yen") &&
		    (k + 3 >= e || !isalpha_lc(s[k + 3])))) {
			v->unit = 'y';
			set_value(v, norm, n, i, k + 3);	/* 円 and yen: 3 bytes */
			return 1;
		}
		if (preceded_by(s, b, p, "jpy") || preceded_by(s, b, p, "¥")) {
			v->unit = 'y';
			set_value(v, norm, n, p - (preceded_by(s, b, p, "jpy") ?
			    3 : strlen("¥")), j);
			return 1;
		}
		i = j - 1;
	}
	return 0;
}

static int
find_rate(const char *s, size_t b, size_t e, struct value *v)
{
	size_t off;

	if (!find_suffixed(s, b, e, "%", "%g%%", '%', v))
		return 0;
	/* Quote the 年 / 年率 that says it is yearly. */
	off = v->off;
	while (off > b && s[off - 1] == ' ')
		off--;
	if (preceded_by(s, b, off, "年率"))
		off -= strlen("年率");
	else if (preceded_by(s, b, off, "年"))
		off -= strlen("年");
	else
		off = v->off;
	v->len += v->off - off;
	v->off = off;
	return 1;
}

static int
find_cap(const char *s, size_t b, size_t e, struct value *v)
{
	const struct unit *u;
	char norm[64];
	double n;
	size_t i, j, k;

	/* N months' fee: 1か月分, 1 ヶ月相当分. */
	for (i = b; i < e; i++) {
		if ((j = number(s, b, i, e, &n)) == i)
			continue;
		k = skip_spaces(s, j, e);
		if ((u = unit_at(s, k, e)) != NULL && u->letter == 'M' &&
		    !isalpha_lc(u->s[0])) {
			k += strlen(u->s);
			if (starts(s, k, e, "相当"))
				k += strlen("相当");
			if (starts(s, k, e, "分")) {
				snprintf(norm, sizeof(norm), "%g month fee", n);
				v->unit = 'm';
				set_value(v, norm, n, i, k + strlen("分"));
				return 1;
			}
		}
		i = j - 1;
	}
	return find_amount(s, b, e, v);
}

/* "the Tokyo District Court" (folded): the word before the kind. */
static int
find_court_en(const char *s, size_t b, size_t e, struct value *v)
{
	static const char *const kinds[] = { " district court",
	    " summary court", " high court", NULL };
	struct buf nb;
	size_t i, k, start, end;

	for (i = b; i < e; i++)
		for (k = 0; kinds[k] != NULL; k++) {
			if (!starts(s, i, e, kinds[k]))
				continue;
			for (start = i; start > b && isalpha_lc(s[start - 1]);
			    start--)
				;
			if (start == i)
				continue;
			end = i + strlen(kinds[k]);
			buf_init(&nb);
			for (k = start; k < end; k++)
				buf_putc(&nb, (k == start || s[k - 1] == ' ') &&
				    isalpha_lc(s[k]) ? s[k] - 'a' + 'A' : s[k]);
			set_value(v, nb.data, 0, start, end);
			buf_release(&nb);
			return 1;
		}
	return 0;
}

static int
find_court(const char *s, size_t b, size_t e, struct value *v)
{
	static const char *const kinds[] = { "地方裁判所", "簡易裁判所",
	    "高等裁判所", "家庭裁判所", NULL };
	const char *hit = NULL, *p;
	size_t i, start, n, end;
	int32_t cp;
	int chars;

	for (i = 0; kinds[i] != NULL; i++) {
		p = NULL;
		{
			const char *q = s + b;
			size_t klen = strlen(kinds[i]);

			while ((size_t)(s + e - q) >= klen) {
				if (memcmp(q, kinds[i], klen) == 0) {
					p = q;
					break;
				}
				q++;
			}
		}
		if (p != NULL && (hit == NULL || p < hit)) {
			hit = p;
			end = (size_t)(p - s) + strlen(kinds[i]);
		}
	}
	if (hit == NULL)
		return find_court_en(s, b, e, v);
	/* The place name: up to six kanji before the court's kind. */
	start = (size_t)(hit - s);
	for (chars = 0; chars < 6 && start > b; chars++) {
		n = utf8_prev_len(s, start);
		if (n == 0 || n > start - b)
			break;
		utf8_next(s + start - n, n, &cp);
		if (char_class(cp) != CC_KANJI)
			break;
		start -= n;
	}
	if (start == (size_t)(hit - s))
		return 0;
	{
		char *name = xstrndup(s + start, end - start);

		set_value(v, name, 0, start, end);
		free(name);
	}
	return 1;
}

static int
find_law(const char *s, size_t b, size_t e, struct value *v)
{
	static const char *const forms[] = { "日本国の法令", "日本国の法律",
	    "日本の法令", "日本の法律", "日本国法", "日本法", "laws of japan",
	    "law of japan", "japanese law", NULL };
	size_t i, k;

	for (i = b; i < e; i++)
		for (k = 0; forms[k] != NULL; k++)
			if (starts(s, i, e, forms[k])) {
				set_value(v, "日本法", 0, i,
				    i + strlen(forms[k]));
				return 1;
			}
	return 0;
}

static int
find_survival(const char *s, size_t b, size_t e, struct value *v)
{
	static const char *const marks[] = { "存続", "終了後も",
	    "終了後といえども", "完了後も", "終了後においても", "survive",
	    NULL };
	size_t se, i, k;

	for (; b < e; b = se) {
		se = sentence_end(s, b, e);
		for (k = 0; marks[k] != NULL; k++)
			for (i = b; i < se; i++)
				if (starts(s, i, se, marks[k]))
					goto found;
		continue;
found:
		if (find_duration(s, b, se, 0, v))
			return 1;
		set_value(v, "indefinite", 1e9, i, i + strlen(marks[k]));
		return 1;
	}
	return 0;
}

int
value_find(enum vtype t, const char *text, size_t b, size_t e,
    struct value *v)
{
	memset(v, 0, sizeof(*v));
	switch (t) {
	case VT_RATE:
		return find_rate(text, b, e, v);
	case VT_DURATION:
		return find_duration(text, b, e, 0, v);
	case VT_NOTICE:
		return find_duration(text, b, e, 1, v);
	case VT_AMOUNT:
		return find_amount(text, b, e, v);
	case VT_MULTIPLE:
		if (find_suffixed(text, b, e, "倍", "%gx", 'x', v))
			return 1;
		return find_suffixed(text, b, e, "times", "%gx", 'x', v);
	case VT_CAP:
		return find_cap(text, b, e, v);
	case VT_COURT:
		return find_court(text, b, e, v);
	case VT_LAW:
		return find_law(text, b, e, v);
	case VT_SURVIVAL:
		return find_survival(text, b, e, v);
	default:
		return 0;
	}
}

void
value_release(struct value *v)
{
	free(v->norm);
	memset(v, 0, sizeof(*v));
}

/* n with thousands separators. */
static void
put_grouped(struct buf *b, const char *digits)
{
	size_t n = strlen(digits), i;

	for (i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			buf_putc(b, ',');
		buf_putc(b, digits[i]);
	}
}

char *
value_label(enum vtype t, const char *norm)
{
	struct buf b;
	const char *unit;
	char *end;
	double n;

	buf_init(&b);
	if (strcmp(norm, "yes") == 0)
		buf_puts(&b, "あり");
	else if (strcmp(norm, "indefinite") == 0)
		buf_puts(&b, "期限なし");
	else if (strcmp(norm, "EOPM") == 0)
		buf_puts(&b, "前月末日まで");
	else if (strcmp(norm, "EONM") == 0)
		buf_puts(&b, t == VT_NOTICE ? "翌月末に終了" : "翌月末まで");
	else if (norm[0] == 'P' && (n = strtod(norm + (norm[1] == 'T' ?
	    2 : 1), &end)) > 0 && end[0] != '\0' && end[1] == '\0') {
		switch (*end) {
		case 'D': unit = "日"; break;
		case 'W': unit = "週間"; break;
		case 'M': unit = "か月"; break;
		case 'Y': unit = "年"; break;
		default: unit = "時間"; break;
		}
		buf_printf(&b, "%g%s%s", n, unit, t == VT_NOTICE ? "前" : "");
	} else if ((n = strtod(norm, &end)) > 0 &&
	    strcmp(end, " month fee") == 0)
		buf_printf(&b, "月額料金の%gか月分", n);
	else if (n > 0 && strcmp(end, " JPY") == 0) {
		char digits[32];

		snprintf(digits, sizeof(digits), "%.0f", n);
		put_grouped(&b, digits);
		buf_puts(&b, "円");
	} else if (n > 0 && strcmp(end, "x") == 0)
		buf_printf(&b, "%g倍", n);
	else
		buf_puts(&b, norm);
	return buf_detach(&b);
}
