/*
 * Unit tests for text.c.  The UTF-8 decoders: utf8_next() and
 * utf8_next_inline() must agree with utf8proc_iterate() on every lead byte
 * followed by every second byte and by representative third and fourth
 * bytes (each edge of the continuation range and just outside it), and on
 * truncated input.  nfkc_stable_span(), which tests bytes, must stop
 * where decoding and nfkc_stable() say, on the same inputs.  NFKC: see
 * below.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "buf.h"
#include "tap.h"
#include "text.h"

static const unsigned char edges[] = {
	0x00, 0x41, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xff
};
#define NEDGES	(sizeof(edges) / sizeof(edges[0]))

/* Bytes of the characters at the start of s that nfkc_stable() accepts. */
static size_t
stable_prefix(const unsigned char *s, size_t len)
{
	size_t off = 0, k;
	int32_t c;

	while (off < len) {
		k = utf8_next((const char *)s + off, len - off, &c);
		if (!nfkc_stable(c))	/* invalid bytes: c >= 0x80, not stable */
			break;
		off += k;
	}
	return off;
}

/*
 * 1 when the three decoders read s[0, len) the same way, and the byte
 * test of stable characters agrees with decoding them.
 */
static int
agree(const unsigned char *s, size_t len)
{
	utf8proc_int32_t want;
	utf8proc_ssize_t n;
	int32_t got, fast;
	size_t k;

	if (nfkc_stable_span((const char *)s, len) != stable_prefix(s, len))
		return 0;
	n = utf8proc_iterate(s, (utf8proc_ssize_t)len, &want);
	k = utf8_next((const char *)s, len, &got);
	/* The in-line decoder reads everything as utf8_next() does. */
	if (utf8_next_inline((const char *)s, len, &fast) != k || fast != got)
		return 0;
	if (n <= 0)	/* invalid: termc takes the byte as it is */
		return k == 1 && got == s[0];
	return k == (size_t)n && got == want;
}

/*
 * text_nfkc() copies stable text without utf8proc: on random strings over
 * stable characters and ones that compose with, or decompose into, them
 * (が as か + U+3099, ｶﾞ, ～, ①, ﬁ, é as e + U+0301, U+3000) it must give
 * what utf8proc's NFKC gives.
 */
static void
nfkc_agrees(void)
{
	static const char *const alphabet[] = {
		"a", "Z", " ", "\n", "、", "。", "「", "」", "か", "が", "カ", "ー",
		"第", "条", "\xe3\x82\x99", "\xe3\x82\x9a", "ｶ", "ﾞ", "～", "〜",
		"①", "ﬁ", "e", "\xcc\x81", "\xe3\x80\x80", "１", "Ａ", "ヷ",
		"（", "）", "！", "｟", "￠"
	};
	char s[64], *got;
	utf8proc_uint8_t *want;
	size_t n = sizeof(alphabet) / sizeof(alphabet[0]), len, bad = 0;
	int i, k, m;

	srand(7);
	for (i = 0; i < 20000; i++) {
		len = 0;
		m = 1 + rand() % 8;
		for (k = 0; k < m; k++) {
			const char *a = alphabet[(size_t)rand() % n];

			memcpy(s + len, a, strlen(a));
			len += strlen(a);
		}
		s[len] = '\0';
		got = text_nfkc(s, len);
		want = utf8proc_NFKC((const utf8proc_uint8_t *)s);
		if (got == NULL || want == NULL ||
		    strcmp(got, (const char *)want) != 0)
			bad++;
		free(got);
		free(want);
	}
	if (!tap(bad == 0, "text_nfkc agrees with utf8proc_NFKC"))
		printf("#   %zu of 20000 strings differ\n", bad);
}

/* Code point c as UTF-8 at s; its length. */
static size_t
put_utf8(char *s, int32_t c)
{
	utf8proc_ssize_t n = utf8proc_encode_char(c, (utf8proc_uint8_t *)s);

	s[n] = '\0';
	return (size_t)n;
}

/*
 * The contract of nfkc_stable() and nfkc_stable_before(), over every code
 * point: NFKC leaves a stable character as it is, and a stable character
 * followed by one that may follow it does not compose with it, so NFKC of
 * the pair is the stable character then NFKC of the other.
 */
static void
stable_holds(void)
{
	static const int32_t firsts[] = { 'a', 0x304b, 0x30ab, 0x7b2c, 0x3001,
	    0x30fc, 0x3005, 0x30fb };	/* a か カ 第 、 ー 々 ・ */
	char s[16], want[64];
	utf8proc_uint8_t *got;
	size_t bad = 0, nstable = 0, nbefore = 0, k, l;
	int32_t c;

	for (c = 0; c <= 0x10ffff; c++) {
		if (c >= 0xd800 && c <= 0xdfff)
			continue;
		l = put_utf8(s, c);
		bad += nfkc_stable_span(s, l) != (nfkc_stable(c) ? l : 0);
		if (c != 0 && nfkc_stable(c)) {
			nstable++;
			put_utf8(s, c);
			got = utf8proc_NFKC((const utf8proc_uint8_t *)s);
			bad += got == NULL || strcmp((char *)got, s) != 0;
			free(got);
		}
		if (c == 0 || !nfkc_stable_before(c))
			continue;
		nbefore++;
		for (k = 0; k < sizeof(firsts) / sizeof(firsts[0]); k++) {
			l = put_utf8(s, firsts[k]);
			put_utf8(s + l, c);
			got = utf8proc_NFKC((const utf8proc_uint8_t *)s + l);
			snprintf(want, sizeof(want), "%.*s%s", (int)l, s,
			    got ? (char *)got : "");
			free(got);
			got = utf8proc_NFKC((const utf8proc_uint8_t *)s);
			bad += got == NULL || strcmp((char *)got, want) != 0;
			free(got);
		}
	}
	if (!tap(bad == 0 && nstable > 20000 && nbefore > nstable,
	    "stable characters are their own NFKC and compose with nothing"))
		printf("#   %zu failures (%zu stable, %zu may follow)\n", bad,
		    nstable, nbefore);
}

/* text_prefix_of: the first word that matches, in the order given. */
static void
prefixes(void)
{
	static const char *const w[] = { "日以内", "日", "%", "か月" };
	size_t n = sizeof(w) / sizeof(w[0]);

	tap(text_prefix_of("日以内に", w, n) == strlen("日以内") &&
	    text_prefix_of("日本", w, n) == strlen("日") &&
	    text_prefix_of("%の", w, n) == 1 &&
	    text_prefix_of("か月", w, n) == strlen("か月"),
	    "text_prefix_of: the first word of the list that s starts with");
	tap(text_prefix_of("", w, n) == 0 && text_prefix_of("か", w, n) == 0 &&
	    text_prefix_of("時間", w, n) == 0 && text_prefix_of("a", w, 0) == 0,
	    "text_prefix_of: 0 for none, for a part of a word, for no words");
}

/*
 * text_suspect(): the edges of every class; and text_suspect_lead(), which
 * scanners use to skip bytes undecoded, is true for the first byte of
 * every character text_suspect() names (all code points are tried).
 */
static void
suspects(void)
{
	static const struct {
		int32_t		c;
		enum suspect	k;
	} v[] = {
		{ 0x00, SUS_CONTROL }, { '\t', SUS_NONE }, { '\n', SUS_NONE },
		{ '\r', SUS_CONTROL }, { 0x1f, SUS_CONTROL }, { ' ', SUS_NONE },
		{ 0x7e, SUS_NONE }, { 0x7f, SUS_CONTROL }, { 0x9f, SUS_CONTROL },
		{ 0xa0, SUS_NONE }, { 0x200a, SUS_NONE },
		{ 0x200b, SUS_INVISIBLE }, { 0x200d, SUS_INVISIBLE },
		{ 0x200e, SUS_NONE }, { 0x2029, SUS_NONE },
		{ 0x202a, SUS_BIDI }, { 0x202e, SUS_BIDI }, { 0x202f, SUS_NONE },
		{ 0x2060, SUS_INVISIBLE }, { 0x2065, SUS_NONE },
		{ 0x2066, SUS_BIDI }, { 0x2069, SUS_BIDI }, { 0x206a, SUS_NONE },
		{ 0x3000, SUS_NONE }, { 0xdfff, SUS_NONE },
		{ 0xe000, SUS_PRIVATE }, { 0xf8ff, SUS_PRIVATE },
		{ 0xf900, SUS_NONE }, { 0xfdcf, SUS_NONE },
		{ 0xfdd0, SUS_NONCHAR }, { 0xfdef, SUS_NONCHAR },
		{ 0xfdf0, SUS_NONE }, { 0xfeff, SUS_INVISIBLE },
		{ 0xfffd, SUS_NONE }, { 0xfffe, SUS_NONCHAR },
		{ 0xffff, SUS_NONCHAR }, { 0x1fffe, SUS_NONCHAR },
		{ 0x20000, SUS_NONE }, { 0xeffff, SUS_NONCHAR },
		{ 0xf0000, SUS_PRIVATE }, { 0x10fffd, SUS_PRIVATE },
		{ 0x10ffff, SUS_NONCHAR }
	};
	utf8proc_uint8_t s[4];
	size_t i, bad = 0;
	int32_t c;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		if (text_suspect(v[i].c) != v[i].k) {
			printf("#   U+%04X: %d, expected %d\n", (unsigned)v[i].c,
			    (int)text_suspect(v[i].c), (int)v[i].k);
			bad++;
		}
	tap(bad == 0, "text_suspect: the edges of every class");
	bad = 0;
	for (c = 0; c <= 0x10ffff; c++) {
		if (c >= 0xd800 && c <= 0xdfff)
			continue;
		utf8proc_encode_char(c, s);
		if (text_suspect(c) != SUS_NONE && !text_suspect_lead(s[0]))
			bad++;
	}
	tap(bad == 0, "text_suspect_lead holds for every suspect character");
	tap(text_find_uncarried("a\xe2\x80\xae\x01", 5, &c) == 4 && c == 1,
	    "text_find_uncarried: a bidi control is carried, a C0 is not");
	tap(text_find_uncarried("ab\0c", 4, &c) == 2 && c == 0,
	    "text_find_uncarried: NUL");
}

/* utf8_next_str() is utf8_next() bounded by the NUL, on every kind of start. */
static void
next_str(void)
{
	static const char *const v[] = { "", "a", "\t", "\xe7\xac\xac",
	    "\xe7\xac", "\xe7", "\xe3\x80\x80x", "\xed\xa0\x80",
	    "\xe0\x80\x80", "\xef\xbc\x91", "\xc3\xa9", "\xc3",
	    "\xc0\xaf", "\xf0\x9f\x98\x80", "\xf0\x9f\x98",
	    "\xf4\x90\x80\x80", "\x80", "\xff" };
	size_t i, n1, n2;
	int32_t c1, c2;
	int same = 1;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		n1 = utf8_next(v[i], strnlen(v[i], 4), &c1);
		n2 = utf8_next_str(v[i], &c2);
		if (n1 != n2 || c1 != c2) {
			printf("# %zu: %zu U+%04X, want %zu U+%04X\n", i, n2,
			    (unsigned)c2, n1, (unsigned)c1);
			same = 0;
		}
	}
	tap(same, "utf8_next_str: utf8_next up to the NUL");
}

/*
 * text_squeeze(), which copies runs between spaces, and text_skip_spaces(),
 * which tests bytes, against a decoder's character-by-character test of
 * is_space(): every string of up to five pieces among spaces, U+3000, its
 * neighbour 、 (E3 80 81) and others.
 */
static void
squeeze(void)
{
	static const char *const piece[] = { " ", "\t", "\xe3\x80\x80",
	    "a", "\xe3\x80\x81", "\xe3\x81\x82", "\xc3\xa9" };
	enum { NP = sizeof(piece) / sizeof(piece[0]), LEN = 5 };
	char in[LEN * 3 + 1], want[LEN * 3 + 1], *got;
	size_t i, k, m, n, len, bad = 0, skipbad = 0;
	int32_t c;

	for (m = 0, n = 1; m < LEN; m++)
		n *= NP + 1;
	for (i = 0; i < n; i++) {
		in[0] = want[0] = '\0';
		for (k = i, m = 0; m < LEN; m++, k /= NP + 1)
			if (k % (NP + 1) < NP)
				strcat(in, piece[k % (NP + 1)]);
		for (m = 0, k = 0; in[m] != '\0'; m += len) {
			len = utf8_next_str(in + m, &c);
			if (!is_space(c)) {
				memcpy(want + k, in + m, len);
				k += len;
			}
		}
		want[k] = '\0';
		got = text_squeeze(in);
		bad += strcmp(got, want) != 0;
		free(got);
		for (m = 0; in[m] != '\0'; m += len) {
			len = utf8_next_str(in + m, &c);
			if (!is_space(c))
				break;
		}
		skipbad += text_skip_spaces(in) != m;
	}
	tap(bad == 0, "text_squeeze drops exactly the spaces, tabs and U+3000");
	tap(skipbad == 0, "text_skip_spaces passes exactly the leading ones");
}

/*
 * text_caption_key(), which drops spaces and maps 〜 byte by byte after
 * text_nfkc(), against utf8proc_NFKC and a character-by-character drop of
 * is_space() and 〜 → ~, on random strings of captions' pieces.
 */
static void
caption_keys(void)
{
	static const char *const alphabet[] = {
		"a", " ", "\t", "\xe3\x80\x80", "〜", "～", "（", "）", "１",
		"第", "条", "、", "か", "\xe3\x82\x99", "ｶ", "ﾞ", "①", "e",
		"\xcc\x81", "・"
	};
	char s[128], want[512], *got;
	utf8proc_uint8_t *nf;
	size_t n = sizeof(alphabet) / sizeof(alphabet[0]), len, k, m, bad = 0;
	int i;
	int32_t c;

	srand(11);
	for (i = 0; i < 20000; i++) {
		len = 0;
		/* Up to 30 pieces: the eight bytes copied at once too. */
		for (k = 0, m = 1 + (size_t)rand() % 30; k < m; k++) {
			const char *a = alphabet[(size_t)rand() % n];

			memcpy(s + len, a, strlen(a));
			len += strlen(a);
		}
		s[len] = '\0';
		nf = utf8proc_NFKC((const utf8proc_uint8_t *)s);
		for (k = 0, m = 0; nf[k] != '\0'; k += len) {
			len = utf8_next_str((const char *)nf + k, &c);
			if (c == 0x301c)
				want[m++] = '~';
			else if (!is_space(c)) {
				memcpy(want + m, nf + k, len);
				m += len;
			}
		}
		want[m] = '\0';
		got = text_caption_key(s, strlen(s));
		bad += strcmp(got, want) != 0;
		free(got);
		free(nf);
	}
	if (!tap(bad == 0, "text_caption_key: NFKC, no spaces, 〜 as ~"))
		printf("#   %zu of 20000 strings differ\n", bad);
}

/*
 * text_lang_of() stops once the rest cannot change the answer: on texts
 * whose answer turns late, or on the last step, or never, it answers as
 * the counts of the whole text do.
 */
static void
lang_of(void)
{
	static const struct {
		const char	*head;	/* repeated n times */
		size_t		 n;
		const char	*tail;	/* then repeated m times */
		size_t		 m;
	} cases[] = {
		{ "あいう", 3000, "abc", 0 },
		{ "あいう", 3000, "abcdefghijklmnopqrst", 3000 },
		{ "あいう", 300, "abcdefghijklmnopqrst", 3000 },
		{ "abcdefghijklmnopqrst", 3000, "あいう", 0 },
		{ "abcdefghijklmnopqrst", 3000, "あ", 3000 },
		{ "abcdefghijklmnopqrst", 50, "あいうえお", 3000 },
		{ "漢字", 5000, "。", 10 },
		{ "a", 1023, "あ", 2 },
		{ "a", 4095, "あ", 2 },
		/* No kana, no letter for long: not yet none. */
		{ "漢字", 5000, "あ", 1 },
		/* Letters at the end, as many as turn it and one fewer. */
		{ "あいう", 100, "a", 6001 },
		{ "あいう", 100, "a", 6000 },
	};
	struct buf b;
	size_t i, j, kana, letters;
	const char *want, *got;
	char name[64];

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		buf_init(&b);
		for (j = 0; j < cases[i].n; j++)
			buf_put(&b, cases[i].head, strlen(cases[i].head));
		for (j = 0; j < cases[i].m; j++)
			buf_put(&b, cases[i].tail, strlen(cases[i].tail));
		kana = letters = 0;
		text_count_script(b.data, b.len, &kana, &letters);
		want = kana == 0 && letters == 0 ? NULL :
		    text_lang_by_script(kana, letters);
		got = text_lang_of(b.data, b.len);
		snprintf(name, sizeof(name), "text_lang_of, case %zu: %s", i,
		    want != NULL ? want : "none");
		tap(want == NULL ? got == NULL : got != NULL &&
		    strcmp(got, want) == 0, name);
		buf_release(&b);
	}
	tap(text_lang_of("", 0) == NULL, "text_lang_of, empty: none");
}

/* text_memfind(): memmem()'s answers, NULs included, at both ends. */
static void
memfind(void)
{
	static const char hay[] = "第1条第2条\0第3条の第3条";
	size_t n = sizeof(hay) - 1;

	tap(text_memfind(hay, n, "第2条", strlen("第2条")) == hay + 7,
	    "text_memfind: in the middle");
	tap(text_memfind(hay, n, "第1条", strlen("第1条")) == hay,
	    "text_memfind: at the start");
	tap(text_memfind(hay, n, "第3条", strlen("第3条")) == hay + 15,
	    "text_memfind: past a NUL, the first of two");
	tap(text_memfind(hay, n, "の第3条", strlen("の第3条")) ==
	    hay + n - strlen("の第3条"), "text_memfind: at the end");
	tap(text_memfind(hay, n - 1, "の第3条", strlen("の第3条")) == NULL,
	    "text_memfind: one byte short, none");
	tap(text_memfind(hay, n, "条\0", 4) == hay + 11,
	    "text_memfind: a NUL in the needle");
	tap(text_memfind(hay, 2, "第", 3) == NULL &&
	    text_memfind(hay, 3, "", 0) == hay &&
	    text_memfind("", 0, "a", 1) == NULL,
	    "text_memfind: longer than the text, empty");
}

/*
 * text_chars() counts eight bytes at a time and text_nchars_over() in
 * chunks of 4 (max + 1) bytes: both against a count a byte at a time, at
 * every start and length of a text of one- to four-byte characters,
 * stray continuation bytes and a long run of them (not UTF-8) included.
 */
static void
chars_count(void)
{
	static const char text[] = "第1条（定義）本規約において「サービス」とは、"
	    "\xc3\xa9t\xf0\x9f\x98\x80 a\x80\x80\x80\x80\x80\x80\x80\x80\x80" "b"
	    "甲は乙に対し、前条の料金を支払う。";
	size_t len = sizeof(text) - 1, i, n, k, want, max, bad = 0, badover = 0;

	for (i = 0; i <= len; i++)
		for (n = 0; i + n <= len; n++) {
			for (want = 0, k = i; k < i + n; k++)
				if (((unsigned char)text[k] & 0xc0) != 0x80)
					want++;
			bad += text_chars(text + i, n) != want;
			if (i + n == len)
				for (max = 0; max <= want + 1; max++)
					badover += text_nchars_over(text + i,
					    max) != (want > max);
		}
	tap(bad == 0, "text_chars: a count a byte at a time, at every start "
	    "and length");
	tap(badover == 0, "text_nchars_over: the count against every max "
	    "up to it");
}

/*
 * text_trimmed() compares bytes at both ends: against trimming decoded
 * characters (is_space() and newline) on random strings of pieces.
 */
static void
trimmed(void)
{
	static const char *const alphabet[] = {
		" ", "\t", "\n", "\xe3\x80\x80", "a", "第", "、", "\xe3\x80\x81",
		"\xe2\x80\x80", "\xc2\xa0", "か"
	};
	char s[64];
	const char *got, *a;
	size_t n = sizeof(alphabet) / sizeof(alphabet[0]), len, glen, b, e;
	size_t k, m, step, bad = 0;
	int i;
	int32_t c;

	srand(7);
	for (i = 0; i < 20000; i++) {
		len = 0;
		for (k = 0, m = (size_t)rand() % 12; k < m; k++) {
			a = alphabet[(size_t)rand() % n];
			memcpy(s + len, a, strlen(a));
			len += strlen(a);
		}
		s[len] = '\0';
		for (b = 0; b < len; b += step) {
			step = utf8_next(s + b, len - b, &c);
			if (!is_space(c) && c != '\n')
				break;
		}
		for (e = len; e > b; e -= step) {
			step = utf8_prev_len(s, e);
			utf8_next(s + e - step, step, &c);
			if (!is_space(c) && c != '\n')
				break;
		}
		glen = len;
		got = text_trimmed(s, &glen);
		bad += got != s + b || glen != e - b;
	}
	tap(bad == 0, "text_trimmed: as trimming decoded spaces at both ends");
}

int
main(void)
{
	unsigned char s[4];
	unsigned a, b, c, d;
	size_t bad = 0, n = 0, len;
	int32_t cp;

	for (a = 0; a < 256; a++)
		for (b = 0; b < 256; b++)
			for (c = 0; c < NEDGES; c++)
				for (d = 0; d < NEDGES; d++) {
					s[0] = (unsigned char)a;
					s[1] = (unsigned char)b;
					s[2] = edges[c];
					s[3] = edges[d];
					for (len = 1; len <= 4; len++) {
						n++;
						bad += !agree(s, len);
					}
				}
	if (!tap(bad == 0, "utf8_next and utf8_next_inline agree with "
	    "utf8proc_iterate, nfkc_stable_span with nfkc_stable"))
		printf("#   %zu of %zu inputs differ\n", bad, n);
	nfkc_agrees();
	stable_holds();
	suspects();
	prefixes();
	lang_of();
	memfind();
	squeeze();
	caption_keys();
	chars_count();
	trimmed();
	tap(utf8_next("", 0, &cp) == 0 && cp == 0, "empty input: 0 bytes");
	tap(utf8_next("\xe7\xac\xac", 3, &cp) == 3 && cp == 0x7b2c,
	    "第 is U+7B2C");
	tap(utf8_next("\xe7\xac", 2, &cp) == 1 && cp == 0xe7,
	    "truncated sequence: the lead byte alone");
	tap(utf8_next("\xed\xa0\x80", 3, &cp) == 1,
	    "a surrogate is not a character");
	tap(utf8_next("\xf4\x90\x80\x80", 4, &cp) == 1,
	    "above U+10FFFF is not a character");
	tap(utf8_next("\xc0\xaf", 2, &cp) == 1, "an overlong is not one");
	next_str();
	tap(has_prefix("第1条", "第") && has_prefix("abc", "") &&
	    has_prefix("abc", "abc") && !has_prefix("ab", "abc") &&
	    !has_prefix("", "a") && !has_prefix("\xe7\xac", "第") &&
	    !has_prefix("abd", "abc"), "has_prefix: whole prefix, no further");
	return tap_failed != 0;
}
