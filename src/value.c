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
#include "recog.h"
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
 * is not a kanji, so 同一日, 一部 and 第三条 are no numbers; or, after a
 * kanji, where a length of time or an age follows (直近一年間, 過去十四日
 * 間, 満十八歳): a numeral run into 年間, か月 or 歳 is a count, whatever
 * word stands before it.  Returns its end, or i.
 */
static size_t
kanji_number(const char *s, size_t b, size_t i, size_t e, double *val)
{
	static const char digits[] = "〇一二三四五六七八九十百千";
	static const char *const spans[] = { "年間", "か月", "ヶ月", "ヵ月",
	    "カ月", "ケ月", "箇月", "週間", "日間", "営業日", "歳", "才", NULL };
	size_t used, n, k;
	int32_t cp;
	long v;
	int after_kanji = 0;

	n = utf8_next(s + i, e - i, &cp);
	if (n != 3 || strstr(digits, (char[4]){ s[i], s[i + 1], s[i + 2],
	    '\0' }) == NULL)
		return i;
	if (i > b) {
		n = utf8_prev_len(s, i);
		if (n > 0 && n <= i - b) {
			utf8_next(s + i - n, n, &cp);
			after_kanji = char_class(cp) == CC_KANJI;
		}
	}
	if ((v = numeral_parse(s + i, &used, 1)) < 0 || i + used > e)
		return i;
	if (after_kanji) {
		for (k = 0; spans[k] != NULL; k++)
			if (starts(s, i + used, e, spans[k]))
				break;
		if (spans[k] == NULL)
			return i;
	}
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
		long w;

		if (i > b && isalpha_lc(s[i - 1]))
			return i;
		/* forty-five; thirty-day is thirty. */
		for (k = i; k < e && (isalpha_lc(s[k]) || s[k] == '-'); k++)
			;
		if ((w = recog_number_word(s + i, k - i)) < 0) {
			for (k = i; k < e && isalpha_lc(s[k]); k++)
				;
			if ((w = recog_number_word(s + i, k - i)) < 0)
				return i;
		}
		*val = (double)w;
		/* "one hundred", "five thousand" */
		if (starts(s, k, e, " hundred")) {
			*val *= 100;
			k += strlen(" hundred");
		} else if (starts(s, k, e, " thousand")) {
			*val *= 1000;
			k += strlen(" thousand");
		}
		return k;
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
			/*
			 * A notice: "by the end of the previous month" and
			 * "ends at the end of the month after the one the
			 * notice arrives in" are the same rule (notice in
			 * month M, end at the end of M + 1): both EOPM.
			 */
			if (notice) {
				set_value(v, "EOPM", 30, i, k);
				return 1;
			}
			if (next) {
				set_value(v, "EONM", 45, i, k);
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

/* Is s[i] the start of a word (not after a letter)? */
static int
word_start(const char *s, size_t b, size_t i)
{
	return i == b || !isalpha_lc(s[i - 1]);
}

/* A word w at i that ends there (no letter follows)? */
static int
word_at(const char *s, size_t i, size_t e, const char *w)
{
	size_t n = strlen(w);

	return starts(s, i, e, w) && (i + n >= e || !isalpha_lc(s[i + n]));
}

/*
 * Money: 20,000 円, 1万円, 金10,000円, 20,000 yen, jpy 20,000, ¥20,000;
 * us$50, $100.00, us $100, 100 (u.s.) dollars; €50, eur 50, 50 euros;
 * £50, 50 pounds (sterling); ca$50, 50 canadian dollars, a$50, aud 50.
 * "one hundred u.s. dollars (us$100)": the figure in brackets answers.
 * A dollar of another country is named before the bare "$" and "dollars"
 * that mean the US's in terms of service.
 */
static int
find_amount(const char *s, size_t b, size_t e, struct value *v)
{
	static const struct { const char *w; const char *code; char unit; }
	    before[] = {
		{ "jpy", "JPY", 'y' }, { "¥", "JPY", 'y' }, { "us$", "USD", 'u' },
		{ "us $", "USD", 'u' }, { "u.s. $", "USD", 'u' },
		{ "u.s.$", "USD", 'u' }, { "usd", "USD", 'u' },
		{ "ca$", "CAD", 'c' }, { "c$", "CAD", 'c' }, { "cad", "CAD", 'c' },
		{ "au$", "AUD", 'a' }, { "a$", "AUD", 'a' }, { "aud", "AUD", 'a' },
		{ "$", "USD", 'u' },
		{ "€", "EUR", 'e' }, { "eur", "EUR", 'e' },
		{ "£", "GBP", 'g' }, { "gbp", "GBP", 'g' }, { NULL, NULL, 0 }
	}, after[] = {
		{ "円", "JPY", 'y' }, { "yen", "JPY", 'y' },
		{ "u.s. dollars", "USD", 'u' }, { "us dollars", "USD", 'u' },
		{ "canadian dollars", "CAD", 'c' }, { "cad", "CAD", 'c' },
		{ "australian dollars", "AUD", 'a' }, { "aud", "AUD", 'a' },
		{ "dollars", "USD", 'u' }, { "usd", "USD", 'u' },
		{ "euros", "EUR", 'e' }, { "euro", "EUR", 'e' },
		{ "eur", "EUR", 'e' }, { "pounds sterling", "GBP", 'g' },
		{ "pounds", "GBP", 'g' }, { "gbp", "GBP", 'g' },
		{ NULL, NULL, 0 }
	};
	char norm[64];
	double n;
	size_t i, j, k, p, w;

	for (i = b; i < e; i++) {
		if ((!isdig(s[i]) && !isalpha_lc(s[i])) ||
		    (j = number(s, b, i, e, &n)) == i)
			continue;
		k = skip_spaces(s, j, e);
		if (starts(s, k, e, "万")) {		/* 1万円 */
			n *= 10000;
			k += strlen("万");
		}
		p = i;
		while (p > b && s[p - 1] == ' ')
			p--;
		for (w = 0; before[w].w != NULL; w++)
			if (preceded_by(s, b, p, before[w].w) &&
			    (isalpha_lc(before[w].w[0]) ? word_start(s, b,
			    p - strlen(before[w].w)) : 1)) {
				snprintf(norm, sizeof(norm), "%.0f %s", n,
				    before[w].code);
				v->unit = before[w].unit;
				set_value(v, norm, n, p - strlen(before[w].w), j);
				return 1;
			}
		for (w = 0; after[w].w != NULL; w++)
			if (isalpha_lc(after[w].w[0]) ? word_at(s, k, e,
			    after[w].w) : starts(s, k, e, after[w].w)) {
				snprintf(norm, sizeof(norm), "%.0f %s", n,
				    after[w].code);
				v->unit = after[w].unit;
				set_value(v, norm, n, i, k + strlen(after[w].w));
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

/* Does s[b, e) contain w? */
static int
has(const char *s, size_t b, size_t e, const char *w)
{
	size_t i;

	for (i = b; i < e; i++)
		if (starts(s, i, e, w))
			return 1;
	return 0;
}

/*
 * A cap in fees: the fees of N months, or all fees paid.  Sets *months
 * (0 for all fees paid) and the span; returns 1 if found.
 *   N か月分, 1 ヶ月相当分, 一月分                  N months
 *   当該損害が発生した月に…支払った利用料金           1 month
 *   過去1年間に支払った, 直近1年間の利用料金,
 *   the amount you paid … in the past six months,
 *   during the twelve (12) months preceding,
 *   in the 12 months prior to the claim           12 or 6 months
 *   支払った…利用料金を限度, the amount paid to us   all fees paid
 */
static int
fee_cap(const char *s, size_t b, size_t e, double *months, size_t *off,
    size_t *end)
{
	static const char *const recent[] = { "過去", "直近", "最近", "past ",
	    "prior ", "preceding ", "last ", "previous ", "during the ", NULL };
	static const char *const back[] = { " preceding",
	    " immediately preceding", NULL };
	static const char *const paid[] = { "支払", "受領", "料金", "利用料",
	    "利用額", "paid", "fees", "amount", NULL };
	static const char *const all[] = { "支払った", "受領した",
	    "amount paid", "amount you paid", "fees paid", NULL };
	const struct unit *u;
	double n;
	char letter;
	size_t i, j, k, r;
	int before, back_from, fee = 0;

	for (k = 0; paid[k] != NULL; k++)
		if (has(s, b, e, paid[k]))
			fee = 1;
	for (i = b; i < e; i++) {
		if ((j = number(s, b, i, e, &n)) == i)
			continue;
		k = skip_spaces(s, j, e);
		/* N か月分, N ヶ月相当分 */
		if ((u = unit_at(s, k, e)) != NULL && u->letter == 'M' &&
		    !isalpha_lc(u->s[0])) {
			k += strlen(u->s);
			if (starts(s, k, e, "相当"))
				k += strlen("相当");
			if (starts(s, k, e, "分")) {
				*months = n;
				*off = i;
				*end = k + strlen("分");
				return 1;
			}
		}
		if (starts(s, k, e, "月分")) {			/* 一月分 */
			*months = n;
			*off = i;
			*end = k + strlen("月分");
			return 1;
		}
		/* six months' fees, 12 months of fees */
		if ((k = duration_at(s, b, i, e, &n, &letter, &before)) != i &&
		    letter == 'M' && (starts(s, k, e, "' fees") ||
		    starts(s, k, e, "'s fees") || starts(s, k, e, " of fees") ||
		    starts(s, k, e, "’ fees"))) {
			*months = n;
			*off = i;
			*end = k + (starts(s, k, e, "’ fees") ? 8 :
			    starts(s, k, e, "' fees") ? 6 :
			    starts(s, k, e, "'s fees") ? 7 : 8);
			return 1;
		}
		/* A period counted back from the claim: 過去1年間, past six
		 * months, the twelve (12) months prior to (preceding) it. */
		if (fee && (k = duration_at(s, b, i, e, &n, &letter, &before)) != i &&
		    (letter == 'M' || letter == 'Y')) {
			/* duration_at() took "prior", "before" as its own. */
			back_from = before && (preceded_by(s, b, k, "prior") ||
			    preceded_by(s, b, k, "before"));
			for (r = 0; !back_from && back[r] != NULL; r++)
				if (starts(s, k, e, back[r])) {
					k += strlen(back[r]);
					back_from = 1;
				}
			if (back_from) {
				*months = letter == 'Y' ? n * 12 : n;
				*off = i;
				*end = k;
				return 1;
			}
			for (r = 0; recent[r] != NULL; r++) {
				size_t w = strlen(recent[r]), q;

				for (q = i; q > b && q + 24 > i; q--)
					if (q >= b + w && memcmp(s + q - w,
					    recent[r], w) == 0) {
						*months = letter == 'Y' ?
						    n * 12 : n;
						*off = q - w;
						*end = k;
						return 1;
					}
			}
		}
		i = j - 1;
	}
	if (!fee)
		return 0;
	for (i = b; i < e; i++)
		if (starts(s, i, e, "発生した月")) {
			*months = 1;
			*off = i;
			*end = i + strlen("発生した月");
			return 1;
		}
	for (i = b; i < e; i++)
		for (k = 0; all[k] != NULL; k++)
			if (starts(s, i, e, all[k])) {
				*months = 0;
				*off = i;
				*end = i + strlen(all[k]);
				return 1;
			}
	return 0;
}

/*
 * A liability cap: fees, money, or the greater of the two ("the greater
 * of $100 or the amount you paid in the past 12 months").
 */
static int
find_cap(const char *s, size_t b, size_t e, struct value *v)
{
	char norm[96], fee[32];
	double months;
	size_t off, end;
	struct value amt;
	int hasfee, hasamt;

	hasfee = fee_cap(s, b, e, &months, &off, &end);
	memset(&amt, 0, sizeof(amt));
	hasamt = find_amount(s, b, e, &amt);
	if (hasfee) {
		if (months > 0)
			snprintf(fee, sizeof(fee), "%g month fee", months);
		else
			snprintf(fee, sizeof(fee), "fees paid");
	}
	if (hasfee && hasamt && (has(s, b, e, "greater") ||
	    has(s, b, e, "いずれか高い") || has(s, b, e, "いずれか大きい"))) {
		snprintf(norm, sizeof(norm), "greater of %s or %s", amt.norm,
		    fee);
		v->unit = 'g';
		set_value(v, norm, amt.num, off < amt.off ? off : amt.off,
		    end > amt.off + amt.len ? end : amt.off + amt.len);
		value_release(&amt);
		return 1;
	}
	if (hasfee) {
		value_release(&amt);
		v->unit = months > 0 ? 'm' : 'p';
		set_value(v, fee, months > 0 ? months : 1, off, end);
		return 1;
	}
	if (hasamt) {
		*v = amt;
		return 1;
	}
	return 0;
}

/* Title case for an English name: "santa clara county, california". */
static void
put_title(struct buf *nb, const char *s, size_t b, size_t e)
{
	static const char *const small[] = { "for", "the", "of", "and", "in",
	    NULL };
	size_t i, k;
	int lower;

	for (i = b; i < e; i++) {
		if (isalpha_lc(s[i]) && (i == b || !isalpha_lc(s[i - 1]))) {
			lower = 0;
			for (k = 0; small[k] != NULL; k++)
				if (i > b && word_at(s, i, e, small[k]))
					lower = 1;
			buf_putc(nb, lower ? s[i] : s[i] - 'a' + 'A');
		} else
			buf_putc(nb, s[i]);
	}
}

/* The end of an English place name at i: before , ; . ( or a joining word. */
static size_t
place_end(const char *s, size_t i, size_t e)
{
	static const char *const stop[] = { " for ", " and ", " or ", " to ",
	    " in order", " with", " except", " without", " unless", " shall",
	    " will", " has ", " have ", " as ", " govern", " apply", " applies",
	    " regardless", ", or", ", and", ", unless",
	    ", except", ", without", ", excluding", ", usa", NULL };
	size_t j, k, comma = 0;

	/* One name with "and" in it, which the law of terms often names. */
	if (starts(s, i, e, "england and wales"))
		return i + strlen("england and wales");
	for (j = i; j < e; j++) {
		if (s[j] == ';' || s[j] == '(' || s[j] == ')' ||
		    s[j] == '\n' || (s[j] == '.' && (j + 1 >= e ||
		    s[j + 1] == ' ' || s[j + 1] == '\n')))
			break;
		for (k = 0; stop[k] != NULL; k++)
			if (starts(s, j, e, stop[k]))
				goto out;
		/* "santa clara county, california": one comma, then a name. */
		if (s[j] == ',' && comma++ > 0)
			break;
	}
out:
	while (j > i && (s[j - 1] == ' ' || s[j - 1] == ','))
		j--;
	return j;
}

/*
 * Places named by one word before "law" or "courts" (English law, the
 * Irish courts, Delaware law): the adjectives of the countries whose law
 * terms of service choose, and the states of the US, which are their own
 * adjective.  Matched as whole words, lower-case (the text is folded).
 */
static const struct { const char *word, *place; } place_words[] = {
	{ "english", "England and Wales" }, { "irish", "Ireland" },
	{ "scottish", "Scotland" }, { "british", "United Kingdom" },
	{ "german", "Germany" }, { "french", "France" },
	{ "swiss", "Switzerland" }, { "dutch", "Netherlands" },
	{ "belgian", "Belgium" }, { "luxembourg", "Luxembourg" },
	{ "austrian", "Austria" }, { "swedish", "Sweden" },
	{ "danish", "Denmark" }, { "finnish", "Finland" },
	{ "norwegian", "Norway" }, { "spanish", "Spain" },
	{ "italian", "Italy" }, { "polish", "Poland" },
	{ "canadian", "Canada" }, { "australian", "Australia" },
	{ "singapore", "Singapore" }, { "singaporean", "Singapore" },
	{ "hong kong", "Hong Kong" }, { "korean", "Korea" },
	{ "indian", "India" }, { "brazilian", "Brazil" },
	{ "new zealand", "New Zealand" }, { "israeli", "Israel" },
	{ "alabama", NULL }, { "alaska", NULL }, { "arizona", NULL },
	{ "arkansas", NULL }, { "california", NULL }, { "colorado", NULL },
	{ "connecticut", NULL }, { "delaware", NULL }, { "florida", NULL },
	{ "georgia", NULL }, { "hawaii", NULL }, { "idaho", NULL },
	{ "illinois", NULL }, { "indiana", NULL }, { "iowa", NULL },
	{ "kansas", NULL }, { "kentucky", NULL }, { "louisiana", NULL },
	{ "maine", NULL }, { "maryland", NULL }, { "massachusetts", NULL },
	{ "michigan", NULL }, { "minnesota", NULL }, { "mississippi", NULL },
	{ "missouri", NULL }, { "montana", NULL }, { "nebraska", NULL },
	{ "nevada", NULL }, { "new hampshire", NULL }, { "new jersey", NULL },
	{ "new mexico", NULL }, { "new york", NULL },
	{ "north carolina", NULL }, { "north dakota", NULL }, { "ohio", NULL },
	{ "oklahoma", NULL }, { "oregon", NULL }, { "pennsylvania", NULL },
	{ "rhode island", NULL }, { "south carolina", NULL },
	{ "south dakota", NULL }, { "tennessee", NULL }, { "texas", NULL },
	{ "utah", NULL }, { "vermont", NULL }, { "virginia", NULL },
	{ "washington", NULL }, { "west virginia", NULL },
	{ "wisconsin", NULL }, { "wyoming", NULL }, { NULL, NULL }
};

/*
 * A place word at i followed by " " and the word w (English law, Delaware
 * law, the Irish courts): the place put into nb (title case for a state),
 * the end of w in *end; 0 if none.
 */
static int
place_word(const char *s, size_t b, size_t i, size_t e, const char *w,
    struct buf *nb, size_t *end)
{
	size_t k, j;

	if (!isalpha_lc(s[i]) || !word_start(s, b, i))
		return 0;
	for (k = 0; place_words[k].word != NULL; k++) {
		if (!starts(s, i, e, place_words[k].word))
			continue;
		j = i + strlen(place_words[k].word);
		if (s[j] != ' ' || !word_at(s, j + 1, e, w))
			continue;
		if (place_words[k].place != NULL)
			buf_puts(nb, place_words[k].place);
		else
			put_title(nb, s, i, j);
		*end = j + 1 + strlen(w);
		return 1;
	}
	return 0;
}

/* English courts: the place of "courts located in …", a district court. */
static int
court_en(const char *s, size_t b, size_t e, struct buf *nb, size_t *off,
    size_t *end)
{
	static const char *const lead[] = { "courts located in ",
	    "court located in ", "courts of ", "court of ",
	    "place of jurisdiction", "courts in ", "court in ", NULL };
	static const char *const kinds[] = { " district court",
	    " summary court", " high court", NULL };
	size_t i, k, start, j;

	for (i = b; i < e; i++) {
		if (place_word(s, b, i, e, "courts", nb, end)) {
			*off = i;
			return 1;
		}
		if (starts(s, i, e, "united states district court for the ")) {
			j = i + strlen("united states district court for the ");
			if ((k = place_end(s, j, e)) > j) {
				put_title(nb, s, i, k);
				*off = i;
				*end = k;
				return 1;
			}
		}
		for (k = 0; kinds[k] != NULL; k++) {
			if (!starts(s, i, e, kinds[k]) || i == b ||
			    !isalpha_lc(s[i - 1]))
				continue;
			for (start = i; start > b && isalpha_lc(s[start - 1]);
			    start--)
				;
			if (word_at(s, start, e, "the") ||
			    word_at(s, start, e, "states"))
				continue;
			put_title(nb, s, start, i + strlen(kinds[k]));
			*off = start;
			*end = i + strlen(kinds[k]);
			return 1;
		}
		for (k = 0; lead[k] != NULL; k++) {
			if (!starts(s, i, e, lead[k]) || !word_start(s, b, i))
				continue;
			j = i + strlen(lead[k]);
			if (k == 4) {		/* place of jurisdiction … is X */
				size_t q;

				for (q = j; q < e && !starts(s, q, e, " is ");
				    q++)
					;
				if (q >= e)
					continue;
				j = q + strlen(" is ");
			}
			if (starts(s, j, e, "the "))
				j += strlen("the ");
			if (word_at(s, j, e, "competent") ||
			    word_at(s, j, e, "your") ||
			    word_at(s, j, e, "any"))
				continue;
			if ((k = place_end(s, j, e)) > j) {
				put_title(nb, s, j, k);
				*off = i;
				*end = k;
				return 1;
			}
			break;
		}
	}
	return 0;
}

/*
 * The start of a place name of two to six hiragana that ends at i and
 * follows a mark, a space or the text's start (、さいたま地方裁判所), or i:
 * hiragana run on after a particle (には) with nothing to set them apart.
 */
static size_t
hiragana_place(const char *s, size_t b, size_t i)
{
	size_t start = i, n;
	int chars;
	int32_t cp = 0;

	for (chars = 0; chars < 7 && start > b; chars++) {
		n = utf8_prev_len(s, start);
		if (n == 0 || n > start - b)
			return i;
		utf8_next(s + start - n, n, &cp);
		if (char_class(cp) != CC_HIRAGANA)
			break;
		start -= n;
	}
	if (chars < 2 || chars > 6)
		return i;
	if (start > b && (char_class(cp) == CC_KANJI ||
	    char_class(cp) == CC_HIRAGANA || char_class(cp) == CC_KATAKANA))
		return i;
	return start;
}

/* Does s[b, e) call a court exclusive (専属, not 非専属; exclusive, not
 * non-exclusive)? */
static int
exclusive_said(const char *s, size_t b, size_t e)
{
	size_t i;

	for (i = b; i < e; i++)
		if ((starts(s, i, e, "exclusive") &&
		    !preceded_by(s, b, i, "non-") &&
		    !preceded_by(s, b, i, "non ") &&
		    !preceded_by(s, b, i, "non")) ||
		    (starts(s, i, e, "専属") && !preceded_by(s, b, i, "非")))
			return 1;
	return 0;
}

/*
 * The court of jurisdiction: the courts named (東京簡易裁判所又は東京地方裁
 * 判所 -> both, "/"-joined), or 当社所在地 for the court of the provider's
 * seat, then what the clause says of it: exclusive (専属, exclusive) and
 * first instance (第一審).  An agreed court that is not exclusive says
 * neither.
 */
static int
find_court(const char *s, size_t b, size_t e, struct value *v)
{
	static const char *const kinds[] = { "地方裁判所", "簡易裁判所",
	    "高等裁判所", "家庭裁判所", NULL };
	struct buf nb;
	size_t i, k, start, n, end = 0, first = 0, last = 0;
	int32_t cp;
	int chars, courts = 0, excl, inst;

	buf_init(&nb);
	for (i = b; i < e; i++) {
		for (k = 0; kinds[k] != NULL; k++)
			if (starts(s, i, e, kinds[k]))
				break;
		if (kinds[k] == NULL)
			continue;
		end = i + strlen(kinds[k]);
		/* The place name: up to six kanji before the court's kind. */
		start = i;
		for (chars = 0; chars < 6 && start > b; chars++) {
			n = utf8_prev_len(s, start);
			if (n == 0 || n > start - b)
				break;
			utf8_next(s + start - n, n, &cp);
			if (char_class(cp) != CC_KANJI)
				break;
			start -= n;
		}
		/* Or a place written in hiragana (さいたま地方裁判所), set
		 * apart from the words before it by a mark (、「 …). */
		if (start == i)
			start = hiragana_place(s, b, i);
		if (start < i) {
			if (courts++ == 0)
				first = start;
			else
				buf_putc(&nb, '/');
			buf_put(&nb, s + start, end - start);
			last = end;
		}
		i = end - 1;
	}
	if (courts == 0) {
		for (i = b; i < e; i++)
			if (starts(s, i, e, "所在地") && has(s, i, e, "裁判所"))
				break;
		if (i < e) {
			buf_puts(&nb, "当社所在地");
			first = i;
			last = i + strlen("所在地");
			courts = 1;
		} else if (court_en(s, b, e, &nb, &first, &last))
			courts = 1;
	}
	if (courts == 0) {
		buf_release(&nb);
		return 0;
	}
	excl = exclusive_said(s, b, e);
	inst = has(s, b, e, "第一審") || has(s, b, e, "第1審") ||
	    has(s, b, e, "first instance");
	if (excl || inst)
		buf_printf(&nb, " (%s%s%s)", excl ? "exclusive" : "",
		    excl && inst ? ", " : "", inst ? "first instance" : "");
	set_value(v, nb.data, 0, first, last);
	buf_release(&nb);
	return 1;
}

/*
 * The governing law: Japanese law in its written forms, a country named
 * with 法 / の法令 / の法律, or in English "the laws of (the state of) X".
 * A named law wins over the consumer's own ("the law of the country where
 * you live"), which answers only when nothing else is named.
 */
static int
find_law(const char *s, size_t b, size_t e, struct value *v)
{
	static const char *const japan[] = { "日本国の法令", "日本国の法律",
	    "日本の法令", "日本の法律", "日本国法", "日本法", "準拠法は日本",
	    "laws of japan", "law of japan", "japanese law", NULL };
	static const char *const countries[] = { "大韓民国", "韓国",
	    "中華人民共和国", "中国", "アメリカ合衆国", "米国", "シンガポール",
	    "英国", "台湾", NULL };
	static const char *const lawof[] = { "laws of ", "law of ", NULL };
	static const char *const residence[] = { "where you live",
	    "in which you live", "where you reside", "in which you reside",
	    "country of residence", "your local law", NULL };
	struct buf nb;
	size_t i, k, j, q, res = 0;
	int found_res = 0;

	for (i = b; i < e; i++) {
		for (k = 0; japan[k] != NULL; k++)
			if (starts(s, i, e, japan[k])) {
				set_value(v, "日本法", 0, i,
				    i + strlen(japan[k]));
				return 1;
			}
		for (k = 0; countries[k] != NULL; k++) {
			j = i + strlen(countries[k]);
			if (!starts(s, i, e, countries[k]))
				continue;
			if (starts(s, j, e, "の法令") ||
			    starts(s, j, e, "の法律"))
				q = j + strlen("の法令");
			else if (starts(s, j, e, "の法"))
				q = j + strlen("の法");
			else if (starts(s, j, e, "法"))
				q = j + 3;
			else
				continue;
			buf_init(&nb);
			buf_printf(&nb, "%s法", countries[k]);
			set_value(v, nb.data, 0, i, q);
			buf_release(&nb);
			return 1;
		}
		for (k = 0; lawof[k] != NULL; k++) {
			if (!starts(s, i, e, lawof[k]) || !word_start(s, b, i))
				continue;
			j = i + strlen(lawof[k]);
			if (starts(s, j, e, "the state of "))
				j += strlen("the state of ");
			else if (starts(s, j, e, "the commonwealth of "))
				j += strlen("the commonwealth of ");
			else if (starts(s, j, e, "the province of "))
				j += strlen("the province of ");
			else if (starts(s, j, e, "the "))
				j += strlen("the ");
			if (word_at(s, j, e, "country") ||
			    word_at(s, j, e, "jurisdiction") ||
			    word_at(s, j, e, "your") ||
			    word_at(s, j, e, "any") ||
			    word_at(s, j, e, "that")) {
				for (q = 0; residence[q] != NULL; q++)
					if (has(s, j, e, residence[q]) &&
					    !found_res) {
						found_res = 1;
						res = i;
					}
				continue;
			}
			q = place_end(s, j, e);
			if (q <= j)
				continue;
			buf_init(&nb);
			put_title(&nb, s, j, q);
			set_value(v, nb.data, 0, i, q);
			buf_release(&nb);
			return 1;
		}
		/* English law, Delaware law: a place's word before "law". */
		if (!isalpha_lc(s[i]) || !word_start(s, b, i))
			continue;
		buf_init(&nb);
		if (place_word(s, b, i, e, "law", &nb, &q)) {
			set_value(v, nb.data, 0, i, q);
			buf_release(&nb);
			return 1;
		}
		buf_release(&nb);
	}
	if (found_res) {
		set_value(v, "law of residence", 0, res, res + 6);
		return 1;
	}
	return 0;
}

/* A minimum age: at least 13 years old, under the age of 13, 18歳以上. */
static int
find_age(const char *s, size_t b, size_t e, struct value *v)
{
	static const char *const after[] = { " years old", " years of age",
	    " years or older", " or older", "歳以上", "歳未満", "才以上", "才未満",
	    NULL };
	static const char *const before[] = { "age of ", "at least ", "over ",
	    "under ", "満", NULL };
	static const char *const others[] = { " day", " week", " month",
	    " hour", " minute", " business day", " calendar day", " percent",
	    "%", "日", "週", "か月", "ヶ月", "カ月", "箇月", "時間", "分", "円",
	    " dollar", " usd", NULL };
	char norm[16];
	double n;
	size_t i, j, k, tail;
	int said;

	/* The age in figures, words (fourteen years old) or kanji (十八歳以上). */
	for (i = b; i < e; i++) {
		if ((j = number(s, b, i, e, &n)) == i)
			continue;
		/* thirteen (13) years old: the words' figure, then the age. */
		tail = j;
		if (tail < e && s[tail] == ')')
			tail++;
		else if (starts(s, tail, e, " (") && tail + 2 < e &&
		    isdig(s[tail + 2])) {
			for (tail += 2; tail < e && isdig(s[tail]); tail++)
				;
			tail = tail < e && s[tail] == ')' ? tail + 1 : j;
		}
		said = 0;
		for (k = 0; !said && after[k] != NULL; k++)
			said = starts(s, tail, e, after[k]);
		for (k = 0; !said && before[k] != NULL; k++)
			said = preceded_by(s, b, i, before[k]);
		/* at least 7 days, over 10%: a count of something else. */
		for (k = 0; said && others[k] != NULL; k++)
			said = !starts(s, tail, e, others[k]);
		if (said && n >= 6 && n <= 25) {
			snprintf(norm, sizeof(norm), "%g", n);
			v->unit = 'a';
			set_value(v, norm, n, i, j);
			return 1;
		}
		i = j - 1;
	}
	return 0;
}

/* The arbitration body, and the seat where the clause names one. */
static int
find_arbitration(const char *s, size_t b, size_t e, struct value *v)
{
	static const struct { const char *w, *name; } bodies[] = {
		{ "american arbitration association", "AAA" }, { "aaa", "AAA" },
		{ "jams", "JAMS" }, { "national arbitration and mediation", "NAM" },
		{ "nam", "NAM" }, { "international chamber of commerce", "ICC" },
		{ "icc", "ICC" }, { "lcia", "LCIA" }, { "siac", "SIAC" },
		{ "hkiac", "HKIAC" }, { "日本商事仲裁協会", "JCAA" },
		{ "jcaa", "JCAA" }, { NULL, NULL }
	};
	static const char *const seats[] = { "arbitration in ",
	    "seat of arbitration is ", "seat of the arbitration is ",
	    "仲裁地は", NULL };
	struct buf nb;
	size_t i, k, j, q, at;

	for (i = b; i < e; i++)
		for (k = 0; bodies[k].w != NULL; k++) {
			if (!(isalpha_lc(bodies[k].w[0]) ? word_start(s, b, i) &&
			    word_at(s, i, e, bodies[k].w) :
			    starts(s, i, e, bodies[k].w)))
				continue;
			buf_init(&nb);
			buf_puts(&nb, bodies[k].name);
			/*
			 * The seat: "arbitration in nevada", "seat … is
			 * london", "administered by jams in san francisco".
			 */
			at = e;
			if (starts(s, i + strlen(bodies[k].w), e, " in "))
				at = i + strlen(bodies[k].w) + strlen(" in ");
			for (j = b; at == e && j < e; j++)
				for (q = 0; seats[q] != NULL; q++)
					if (starts(s, j, e, seats[q])) {
						at = j + strlen(seats[q]);
						break;
					}
			if (at < e && starts(s, at, e, "the "))
				at += strlen("the ");
			if (at < e && (q = place_end(s, at, e)) > at) {
				buf_puts(&nb, " (");
				put_title(&nb, s, at, q);
				buf_putc(&nb, ')');
			}
			set_value(v, nb.data, 0, i, i + strlen(bodies[k].w));
			buf_release(&nb);
			return 1;
		}
	return 0;
}

/*
 * A clause that survives the contract, with how long where s[b, e) says
 * it: the caller passes one sentence (matrix.c), so the duration is the
 * one that sentence gives the survival.
 */
static int
find_survival(const char *s, size_t b, size_t e, struct value *v)
{
	static const char *const marks[] = { "存続", "終了後も",
	    "終了後といえども", "完了後も", "終了後においても", "survive",
	    NULL };
	size_t i, k;

	for (k = 0; marks[k] != NULL; k++)
		for (i = b; i < e; i++)
			if (starts(s, i, e, marks[k])) {
				if (find_duration(s, b, e, 0, v))
					return 1;
				set_value(v, "indefinite", 1e9, i,
				    i + strlen(marks[k]));
				return 1;
			}
	return 0;
}

/* The first of the words w[] in s[b, e), or NULL; *at its offset. */
static const char *
first_word(const char *s, size_t b, size_t e, const char *const *w,
    size_t *at)
{
	size_t i, k;

	for (i = b; i < e; i++)
		for (k = 0; w[k] != NULL; k++)
			if (starts(s, i, e, w[k])) {
				*at = i;
				return w[k];
			}
	return NULL;
}

/*
 * An SLA figure in one sentence: an availability of 90 to 100 % where the
 * sentence speaks of it (稼働率99.9%, "99.95% uptime"), or the outage that
 * earns a credit: hours (or minutes) where the sentence speaks of the
 * service being unusable (連続して24時間以上利用できない).
 */
static int
find_sla(const char *s, size_t b, size_t e, struct value *v)
{
	static const char *const avail[] = { "稼働率", "可用性", "稼動率",
	    "uptime", "availability", "available", NULL };
	static const char *const down[] = { "利用不能", "利用できな",
	    "利用し得な", "使用できな", "停止", "unavailab", "outage",
	    "downtime", NULL };
	char norm[32];
	double n;
	size_t i, j, at;

	if (first_word(s, b, e, avail, &at) != NULL) {
		for (i = b; i < e; i++) {
			if (!isdig(s[i]) || (j = number(s, b, i, e, &n)) == i)
				continue;
			j = skip_spaces(s, j, e);
			if (starts(s, j, e, "%") && n >= 90 && n <= 100) {
				snprintf(norm, sizeof(norm), "%g%%", n);
				v->unit = '%';
				set_value(v, norm, n, i, j + 1);
				return 1;
			}
			i = j - 1;
		}
	}
	if (first_word(s, b, e, down, &at) == NULL)
		return 0;
	for (i = b; i < e; i++) {
		if ((j = number(s, b, i, e, &n)) == i)
			continue;
		j = skip_spaces(s, j, e);
		if (starts(s, j, e, "consecutive "))
			j = skip_spaces(s, j + strlen("consecutive "), e);
		if (starts(s, j, e, "時間") || starts(s, j, e, "hours") ||
		    starts(s, j, e, "hour")) {
			snprintf(norm, sizeof(norm), "outage PT%gH", n);
			v->unit = 'o';
			set_value(v, norm, n, i, j + (s[j] == 'h' ?
			    (starts(s, j, e, "hours") ? 5 : 4) :
			    strlen("時間")));
			return 1;
		}
		if (starts(s, j, e, "分") || starts(s, j, e, "minutes")) {
			snprintf(norm, sizeof(norm), "outage PT%gM", n);
			v->unit = 'o';
			set_value(v, norm, n / 60, i, j + (s[j] == 'm' ?
			    strlen("minutes") : strlen("分")));
			return 1;
		}
		i = j - 1;
	}
	return 0;
}

/*
 * What happens to the customer's data at the end, in one sentence where
 * the provider deletes it (データ…削除, "we will delete", "be removed") or
 * disclaims keeping it (保管義務を負わず): a period (終了後30日以内に削除,
 * "within 30 days after termination"), "period" (kept for a period it
 * does not state, then deleted: 一定期間) or "none" (deleted at the end,
 * or no duty to keep it).
 */
static int
find_retention(const char *s, size_t b, size_t e, struct value *v)
{
	static const char *const data[] = { "データ", "電磁的記録", "情報",
	    "ファイル", "コンテンツ", NULL };
	static const char *const gone[] = { "削除", "消去", "抹消", "破棄",
	    NULL };
	static const char *const gone_en[] = { "保管義務を負わ",
	    "保存義務を負わ", "保管する義務を負わ", "we will delete",
	    "we may delete", "we will remove", "we may remove",
	    "we will erase", "we may erase", "be deleted", "be removed",
	    "be erased", "be destroyed", "remove your content",
	    "delete your content", "no obligation to store",
	    "no obligation to retain", "not obligated to store",
	    "not obligated to retain", NULL };
	static const char *const some[] = { "一定期間", "一定の期間",
	    "a period of time", "a reasonable period", "for a period", NULL };
	const char *w;
	size_t at, d;

	/* Japanese: the data first, then what is done to it. */
	if ((w = first_word(s, b, e, gone_en, &at)) == NULL &&
	    (first_word(s, b, e, data, &d) == NULL ||
	    (w = first_word(s, d, e, gone, &at)) == NULL))
		return 0;
	v->unit = 'd';
	if (find_duration(s, b, e, 0, v))
		return 1;
	if (first_word(s, b, e, some, &d) != NULL)
		set_value(v, "period", 0, at, at + strlen(w));
	else
		set_value(v, "none", 0, at, at + strlen(w));
	return 1;
}

/* The start of the code point that ends before i (i > 0). */
static size_t
cp_before(const char *s, size_t i)
{
	do
		i--;
	while (i > 0 && ((unsigned char)s[i] & 0xc0) == 0x80);
	return i;
}

/*
 * A Japanese event before the duration at i: the phrase that ends in の,
 * から (起算して), より or 後 right before the number, back to a comma,
 * bracket, line, は or 24 characters.  0 when there is none.
 */
static int
event_before(const char *s, size_t b, size_t i, struct value *v)
{
	static const char *const joint[] = { "から起算して", "より起算して",
	    "から", "より", "の", "後", NULL };
	static const char *const stop[] = { "、", "。", "は", "「", "」",
	    "『", "』", "(", ")", "[", "]", ",", " ", "\n", "\t", NULL };
	static const char *const lead[] = { "に対して", "に対し", "に定める",
	    "について", "において", "による", NULL };
	static const char *const particle[] = { "に", "を", "が", "で", "と",
	    "も", NULL };
	size_t end, p, q, n = 0, k;

	while (i > b && s[i - 1] == ' ')
		i--;
	for (k = 0; joint[k] != NULL && !preceded_by(s, b, i, joint[k]); k++)
		;
	if (joint[k] == NULL)
		return 0;
	end = p = i - strlen(joint[k]);
	while (p > b && n < 24) {
		q = cp_before(s, p);
		for (k = 0; stop[k] != NULL; k++)
			if (starts(s, q, p, stop[k]) &&
			    p - q == strlen(stop[k]))
				break;
		if (stop[k] != NULL)
			break;
		p = q;
		n++;
	}
	/*
	 * The phrase starts after the last joint that ties it to what
	 * came before (契約者に対し廃止の → 廃止) and after a particle;
	 * からの (次月からの1ヶ年間) ends it before から.
	 */
	for (q = p; q < end; q++)
		for (k = 0; lead[k] != NULL; k++)
			if (starts(s, q, end, lead[k]))
				p = q + strlen(lead[k]);
	for (k = 0; particle[k] != NULL; k++)
		if (starts(s, p, end, particle[k]))
			p += strlen(particle[k]);
	if (preceded_by(s, p, end, "から"))
		end -= strlen("から");
	else if (preceded_by(s, p, end, "より"))
		end -= strlen("より");
	/* 前月の, 翌月の: a date, not an event; one letter says nothing. */
	if (end - p < 6 || (end - p == 6 && (starts(s, p, end, "前月") ||
	    starts(s, p, end, "翌月"))))
		return 0;
	v->evoff = p;
	v->evlen = end - p;
	return 1;
}

/*
 * An English event after the duration ending at k: "before the change
 * takes effect", "prior to the effective date", "of purchase".  It runs
 * to a stop (, ; . ( and, or, unless …) or 60 bytes, at a word's end.
 */
static void
event_after(const char *s, size_t b, size_t k, size_t e, struct value *v)
{
	static const char *const joint[] = { "before ", "prior to ",
	    "after ", "of ", "from ", "following ", NULL };
	static const char *const stop[] = { " and ", " or ", " unless",
	    " except", " provided", " if ", " in which", " by ", " via ",
	    NULL };
	size_t j, x, w;

	j = skip_spaces(s, k, e);
	if (preceded_by(s, b, k, "before"))
		x = j;
	else if (preceded_by(s, b, k, "prior") && starts(s, j, e, "to "))
		x = j + 3;
	else {
		for (w = 0; joint[w] != NULL && !starts(s, j, e, joint[w]); w++)
			;
		if (joint[w] == NULL)
			return;
		x = j + strlen(joint[w]);
	}
	x = skip_spaces(s, x, e);
	for (j = x; j < e && j < x + 60; j++) {
		if (strchr(",;.()\n", s[j]) != NULL)
			break;
		for (w = 0; stop[w] != NULL && !starts(s, j, e, stop[w]); w++)
			;
		if (stop[w] != NULL)
			break;
	}
	if (j == x + 60)		/* cut at the last whole word */
		while (j > x && s[j] != ' ')
			j--;
	while (j > x && s[j - 1] == ' ')
		j--;
	if (j > x && isalpha_lc(s[x])) {
		v->evoff = x;
		v->evlen = j - x;
	}
}

/* The event of the duration v found in s[b, e), where the text says it. */
static void
find_event(const char *s, size_t b, size_t e, struct value *v)
{
	if (!event_before(s, b, v->off, v))
		event_after(s, b, v->off + v->len, e, v);
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
	case VT_NOTICE:
		if (!find_duration(text, b, e, t == VT_NOTICE, v))
			return 0;
		find_event(text, b, e, v);
		return 1;
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
	case VT_AGE:
		return find_age(text, b, e, v);
	case VT_ARBITRATION:
		return find_arbitration(text, b, e, v);
	case VT_SLA:
		return find_sla(text, b, e, v);
	case VT_RETENTION:
		if (!find_retention(text, b, e, v))
			return 0;
		if (v->norm[0] == 'P')
			find_event(text, b, e, v);
		return 1;
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

/*
 * The words a value reads in, one table per language.  Formats take
 * their arguments in one order for every language: a count and its
 * unit word, or two labels.  English units have a plural; Japanese
 * ones are the same word.
 */
struct unit_words { const char *one, *many; };

enum { U_DAY, U_WEEK, U_MONTH, U_YEAR, U_HOUR, U_MINUTE, U_COUNT };

struct value_words {
	const char *yes, *indefinite, *kept_none, *kept_period;
	const char *outage;		/* %g %s: a count, its unit */
	const char *eopm, *eonm_notice, *eonm;
	const char *duration;		/* %g %s%s: count, unit, suffix */
	const char *notice_suffix;
	const char *month_fee;		/* %g %s: a count, "month" */
	const char *yen_before, *yen_after;
	const char *times;		/* %g */
	const char *fees_paid;
	const char *greater;		/* %s %s: two labels */
	int court_notes;		/* say what a clause says of a court */
	struct unit_words units[U_COUNT];
};

static const struct value_words words_ja = {
	"あり", "期限なし", "終了時に削除（保管なし）", "一定期間保管後に削除",
	"連続%g%sの利用不能で返金",
	"前月末日まで", "翌月末に終了", "翌月末まで",
	"%g%s%s", "前",
	"月額料金の%g%s分",
	"", "円",
	"%g倍",
	"支払済みの料金",
	"%sと%sの高い方",
	1,
	{ { "日", "日" }, { "週間", "週間" }, { "か月", "か月" },
	  { "年", "年" }, { "時間", "時間" }, { "分", "分" } }
};

static const struct value_words words_en = {
	"Yes", "No end date", "Deleted at the end (not kept)",
	"Kept for a period, then deleted",
	"Credit after %g %s without service",
	"By the end of the previous month", "Ends at the end of the next month",
	"By the end of the next month",
	"%g %s%s", "' notice",
	"%g %s of fees",
	"¥", "",
	"%g times",
	"Fees paid",
	"The greater of %s and %s",
	0,	/* courts are written in English already */
	{ { "day", "days" }, { "week", "weeks" }, { "month", "months" },
	  { "year", "years" }, { "hour", "hours" }, { "minute", "minutes" } }
};

static const char *
unit_word(const struct value_words *w, int unit, double n)
{
	return n == 1 ? w->units[unit].one : w->units[unit].many;
}

/* The unit of an ISO 8601 duration's last letter: after T, M is minutes;
 * what is not a unit is hours. */
static int
duration_unit(const char *norm, char letter)
{
	if (norm[1] == 'T')
		return letter == 'M' ? U_MINUTE : U_HOUR;
	switch (letter) {
	case 'D': return U_DAY;
	case 'W': return U_WEEK;
	case 'M': return U_MONTH;
	case 'Y': return U_YEAR;
	default: return U_HOUR;
	}
}

char *
value_label(enum vtype t, const char *norm, int ja)
{
	const struct value_words *w = ja ? &words_ja : &words_en;
	struct buf b;
	char *end;
	double n;

	buf_init(&b);
	if (strcmp(norm, "yes") == 0)
		buf_puts(&b, w->yes);
	else if (strcmp(norm, "indefinite") == 0)
		buf_puts(&b, w->indefinite);
	else if (strcmp(norm, "none") == 0 && t == VT_RETENTION)
		buf_puts(&b, w->kept_none);
	else if (strcmp(norm, "period") == 0 && t == VT_RETENTION)
		buf_puts(&b, w->kept_period);
	else if (strncmp(norm, "outage PT", 9) == 0 &&
	    (n = strtod(norm + 9, &end)) > 0)
		buf_printf(&b, w->outage, n,
		    unit_word(w, *end == 'M' ? U_MINUTE : U_HOUR, n));
	else if (strcmp(norm, "EOPM") == 0)
		buf_puts(&b, w->eopm);
	else if (strcmp(norm, "EONM") == 0)
		buf_puts(&b, t == VT_NOTICE ? w->eonm_notice : w->eonm);
	else if (norm[0] == 'P' && (n = strtod(norm + (norm[1] == 'T' ?
	    2 : 1), &end)) > 0 && end[0] != '\0' && end[1] == '\0')
		buf_printf(&b, w->duration, n,
		    unit_word(w, duration_unit(norm, *end), n),
		    t == VT_NOTICE ? w->notice_suffix : "");
	else if ((n = strtod(norm, &end)) > 0 &&
	    strcmp(end, " month fee") == 0)
		buf_printf(&b, w->month_fee, n, unit_word(w, U_MONTH, n));
	else if (n > 0 && strcmp(end, " JPY") == 0) {
		char digits[32];

		snprintf(digits, sizeof(digits), "%.0f", n);
		buf_puts(&b, w->yen_before);
		put_grouped(&b, digits);
		buf_puts(&b, w->yen_after);
	} else if (n > 0 && strcmp(end, " USD") == 0)
		buf_printf(&b, "US$%g", n);
	else if (n > 0 && strcmp(end, " EUR") == 0)
		buf_printf(&b, "€%g", n);
	else if (n > 0 && strcmp(end, "x") == 0)
		buf_printf(&b, w->times, n);
	else if (strcmp(norm, "fees paid") == 0)
		buf_puts(&b, w->fees_paid);
	else if (strncmp(norm, "greater of ", 11) == 0 &&
	    strstr(norm, " or ") != NULL) {
		const char *or = strstr(norm, " or ");
		char *x = xstrndup(norm + 11, (size_t)(or - norm - 11));
		char *l1 = value_label(t, x, ja), *l2 = value_label(t, or + 4, ja);

		buf_printf(&b, w->greater, l1, l2);
		free(x);
		free(l1);
		free(l2);
	} else if (w->court_notes && strstr(norm, " (") != NULL) {
		/* A court with what the clause says of it. */
		const char *q = strstr(norm, " (");

		buf_put(&b, norm, (size_t)(q - norm));
		buf_puts(&b, strstr(q, "exclusive") ? (strstr(q, "first") ?
		    "（専属・第一審）" : "（専属）") : "（第一審）");
	} else
		buf_puts(&b, norm);
	return buf_detach(&b);
}
