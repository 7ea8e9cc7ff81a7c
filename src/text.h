/*
 * UTF-8 text helpers: decoding, character classes, NFKC.  The only file
 * that includes utf8proc.  All input is valid UTF-8 (source.c checked it).
 */
#ifndef TERMC_TEXT_H
#define TERMC_TEXT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Decode the code point at s (NUL-terminated or not); returns its length. */
size_t	utf8_next(const char *s, size_t len, int32_t *cp);
/*
 * The three-byte sequence at p (3 bytes readable, lead byte E0 to EF) as
 * a code point; -1 for a bad continuation byte, an overlong form or a
 * surrogate.
 */
static inline int32_t
utf8_three(const unsigned char *p)
{
	int32_t c;

	if ((p[1] & 0xc0) != 0x80 || (p[2] & 0xc0) != 0x80)
		return -1;
	c = (p[0] & 0x0f) << 12 | (p[1] & 0x3f) << 6 | (p[2] & 0x3f);
	return c >= 0x800 && (c < 0xd800 || c > 0xdfff) ? c : -1;
}
/*
 * utf8_next() with ASCII and the three-byte characters (kana, kanji,
 * full-width forms) decoded in line, for loops over every character.
 */
static inline size_t
utf8_next_inline(const char *s, size_t len, int32_t *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	int32_t c;

	if (len > 0 && p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	if (len >= 3 && p[0] >= 0xe0 && p[0] <= 0xef &&
	    (c = utf8_three(p)) >= 0) {
		*cp = c;
		return 3;
	}
	return utf8_next(s, len, cp);
}
/*
 * utf8_next(s, strnlen(s, 4), cp) on a NUL-terminated string, with ASCII
 * and the three-byte characters decoded in line: the numeral and marker
 * parsers step this way through the start of every paragraph.  A
 * continuation byte is never NUL, so no byte past the NUL is read.
 */
static inline size_t
utf8_next_str(const char *s, int32_t *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	int32_t c;

	if (p[0] < 0x80) {
		*cp = p[0];
		return p[0] != 0;
	}
	if (p[0] >= 0xe0 && p[0] <= 0xef && (c = utf8_three(p)) >= 0) {
		*cp = c;
		return 3;
	}
	return utf8_next(s, strnlen(s, 4), cp);
}
/* Length in bytes of the code point before s[off]; 0 at the start. */
size_t	utf8_prev_len(const char *s, size_t off);

/*
 * Characters to warn about: the one classifier behind the warnings of
 * termc import (decode.c) and of terms files (source.c), the refusal of
 * such characters in YAML values (meta.c, topics.c) and the escaping of
 * diagnostics (diag.c).  Tab and LF are text; CR is a control here
 * (source.c turns line-end CRs into LF before asking).
 */
enum suspect {
	SUS_NONE,
	SUS_CONTROL,	/* C0 but tab and LF, DEL, C1 (U+0080 to U+009F) */
	SUS_BIDI,	/* embeddings, overrides U+202A-202E, isolates U+2066-2069 */
	SUS_INVISIBLE,	/* zero width U+200B-200D, U+2060, U+FEFF */
	SUS_NONCHAR,	/* U+FDD0-FDEF and the last two of every plane */
	SUS_PRIVATE	/* private use U+E000-F8FF, planes 15 and 16 */
};
enum suspect	 text_suspect(int32_t cp);
/*
 * May the byte b start a character text_suspect() names?  True for every
 * lead byte of such a character in valid UTF-8, false for most text (all
 * of printable ASCII, kana and kanji): scanners decode only these.
 */
static inline int
text_suspect_lead(unsigned char b)
{
	return b < 0x20 || b == 0x7f || b == 0xc2 || b == 0xe2 || b >= 0xee;
}
/*
 * Controls and noncharacters: what no output of termc carries (XML 1.0
 * forbids C0 controls but tab, LF and CR, and U+FFFE and U+FFFF).
 * source.c replaces them in a terms file's body by U+FFFD after warning;
 * meta.c and topics.c refuse them in YAML values.
 */
static inline int
text_uncarried(enum suspect k)
{
	return k == SUS_CONTROL || k == SUS_NONCHAR;
}
/*
 * The offset of the first character in s (len bytes, NULs included) that
 * is NUL or text_uncarried(), with the character in *cp; len if none.
 */
size_t	text_find_uncarried(const char *s, size_t len, int32_t *cp);
/*
 * The first occurrence of t[0, tlen) in s[0, len), or NULL: memmem(),
 * which C11 and POSIX 2008 lack.  Candidates are found by memchr() on
 * t's last byte, in Japanese a continuation byte that few positions share.
 * Use it rather than strstr() where a build searches often: glibc's
 * generic strstr() prepares each search for longer than a clause's text
 * takes to read (a 1 MB body searched whole: 0.19 ms, against 0.52).
 */
const char *text_memfind(const char *s, size_t len, const char *t,
	    size_t tlen);

/* Character classes for joining lines and splitting runs (see diff.c). */
enum cclass {
	CC_SPACE,
	CC_KANJI,
	CC_HIRAGANA,
	CC_KATAKANA,
	CC_DIGIT,
	CC_LATIN,
	CC_PUNCT,
	CC_OTHER
};
enum cclass	 char_class(int32_t cp);
/* Wide (CJK) characters: lines between two such join with no space. */
int		 is_wide(int32_t cp);
/* ASCII space, tab or U+3000 ideographic space. */
int		 is_space(int32_t cp);

/*
 * Does s start with prefix?  Inline, and a byte loop rather than a call
 * of strncmp(): the reference scanner and the recognizers ask this per
 * character or per line, and most answers are no at the first byte.
 * Reads s no further than its first difference from prefix, so never
 * past its NUL.
 */
static inline int
has_prefix(const char *s, const char *prefix)
{
	for (; *prefix != '\0'; s++, prefix++)
		if (*s != *prefix)
			return 0;
	return 1;
}

/* Does s end with suffix? */
static inline int
has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}
/*
 * The length of the first of words[0, n) that s starts with, or 0.  Each
 * word's first two bytes are compared before the whole word: most text
 * starts with none of them.
 */
size_t	text_prefix_of(const char *s, const char *const *words, size_t n);
/*
 * Bytes of the UTF-8 sequence whose first byte is b, for text already
 * checked as UTF-8 (source.c); a stray continuation byte counts as one.
 */
static inline size_t
utf8_seqlen(unsigned char b)
{
	return b < 0xC0 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
}
/* Bytes of ASCII spaces, tabs and U+3000 at the start of s. */
size_t	text_skip_spaces(const char *s);
/*
 * Eight bytes at a time, for the escapers' scans: the 8 bytes at p as a
 * word (any alignment), and whether a word holds a byte below n (n at
 * most 0x80) or a byte equal to c.  Both answers are exact: the borrow
 * of subtracting n from each byte reaches that byte's high bit only when
 * some byte is below n (Bit Twiddling Hacks, "hasless").
 */
static inline uint64_t
word8_at(const void *p)
{
	uint64_t w;

	memcpy(&w, p, 8);
	return w;
}
static inline int
word_has_below(uint64_t w, unsigned n)
{
	const uint64_t ones = 0x0101010101010101ULL;

	return ((w - n * ones) & ~w & 0x80 * ones) != 0;
}
static inline int
word_has_byte(uint64_t w, unsigned char c)
{
	return word_has_below(w ^ (0x0101010101010101ULL * c), 1);
}

/* Code points in the first len bytes of s; in all of s. */
size_t	text_chars(const char *s, size_t len);
/* Adds the kana (U+3040-U+30FF) and ASCII letters of s[0, len) to the counts. */
void	text_count_script(const char *s, size_t len, size_t *kana,
	    size_t *letters);
/*
 * The language of a text with these counts, where no one names it: "ja"
 * when kana make at least one character in twenty beside the ASCII
 * letters, else "en".  Kana are Japanese alone and every Japanese
 * sentence has them, statutes included; an English text that quotes a
 * Japanese company name stays English.  No letters at all: "ja".
 */
const char *text_lang_by_script(size_t kana, size_t letters);
/*
 * text_lang_by_script() of the counts of s (UTF-8) of len bytes, counted
 * only as far as the rest could change the answer, the rest's letters
 * bounded by its ASCII bytes (counted eight at a time): a Japanese text
 * is decided in its first few hundred bytes; NULL when s has no kana and
 * no letter.
 */
const char *text_lang_of(const char *s, size_t len);
size_t	text_nchars(const char *s);
/* Has s more than max characters?  Reads 4 (max + 1) bytes at most. */
int	text_nchars_over(const char *s, size_t max);
/* s without ASCII spaces, tabs and U+3000 ("別 表" → "別表"); caller frees. */
char	*text_squeeze(const char *s);

/*
 * Code points NFKC leaves alone and that never compose with a neighbour:
 * ASCII, kana, CJK ideographs and the common CJK punctuation; and the
 * code points that may follow such a one without composing with it.
 * Most Japanese text is made of them: NFKC of such a stretch is itself.
 */
static inline int
nfkc_stable(int32_t c)
{
	if (c < 0x3001)
		return (c >= 0x20 && c < 0x7f) || c == '\n' || c == '\t';
	return c <= 0x3002 || (c >= 0x3005 && c <= 0x3011) ||
	    (c >= 0x3041 && c <= 0x3096) || (c >= 0x30a1 && c <= 0x30fe) ||
	    (c >= 0x4e00 && c <= 0x9fff);
}
static inline int
nfkc_stable_before(int32_t next)
{
	return next < 0x300 || nfkc_stable(next) ||
	    (next >= 0xff00 && next <= 0xff9d) ||
	    (next >= 0x3000 && next <= 0x303f);
}
/* Bits lo to hi of a 64-bit word. */
#define NFKC_BITS(lo, hi)	((~0ULL >> (63 - (hi))) & (~0ULL << (lo)))
/*
 * Bytes in the longest prefix of s made of nfkc_stable() characters,
 * decided on the bytes without decoding: the loop over most of a
 * document's text when it is folded.  Stops at anything else, invalid
 * UTF-8 included.  A three-byte character is judged on its bytes:
 * E5 to E9 lead U+5000 to U+9FFF, E4 B8 and above U+4E00 to U+4FFF, and
 * E3 80 to E3 83 the block U+3000 to U+30FF, whose stable code points
 * are the bits of e3[] (the second byte's low bits pick the word, the
 * third byte's the bit).
 */
static inline size_t
nfkc_stable_span(const char *s, size_t len)
{
	static const uint64_t e3[4] = {
		NFKC_BITS(0x01, 0x02) | NFKC_BITS(0x05, 0x11),	/* U+3000 */
		NFKC_BITS(0x01, 0x3f),				/* U+3040 */
		NFKC_BITS(0x00, 0x16) | NFKC_BITS(0x21, 0x3f),	/* U+3080 */
		NFKC_BITS(0x00, 0x3e)				/* U+30C0 */
	};
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	unsigned b, c1, c2;

	/* While three bytes remain, one bound test a character. */
	while (end - p >= 3) {
		b = p[0];
		if (b < 0x80) {
			if ((b < 0x20 || b == 0x7f) && b != '\n' && b != '\t')
				goto out;
			p++;
			continue;
		}
		/*
		 * Both continuations, and kanji or kana (e3[]): the tests
		 * are combined as bits under one branch, for kanji and kana
		 * alternate as no branch predictor can guess (a branch each
		 * took half again the time on Japanese text).
		 */
		c1 = p[1] ^ 0x80;
		c2 = p[2] ^ 0x80;
		if (!(((c1 | c2) <= 0x3f) & ((b - 0xe5 <= 4) |
		    ((b == 0xe4) & (c1 >= 0x38)) | ((b == 0xe3) & (c1 < 4) &
		    (unsigned)(e3[c1 & 3] >> (c2 & 0x3f))))))
			goto out;
		p += 3;
	}
	/* The last one or two bytes: only ASCII fits. */
	while (p < end && (b = p[0]) < 0x80 &&
	    ((b >= 0x20 && b != 0x7f) || b == '\n' || b == '\t'))
		p++;
out:
	return (size_t)(p - (const unsigned char *)s);
}
/* NFKC of s (len bytes); caller frees.  Returns NULL on invalid input. */
char	*text_nfkc(const char *s, size_t len);
/*
 * The form in which two captions or defined terms are the same: NFKC,
 * 〜 (U+301C) as ~ like ～ (U+FF5E), and no spaces; caller frees.  Used
 * wherever termc asks whether a reference names an article by its
 * caption, so that resolving (xref.c) and checking (check.c) agree.
 */
char	*text_caption_key(const char *s, size_t len);
/* Trim ASCII and ideographic spaces at both ends; returns a new string. */
char	*text_trim(const char *s, size_t len);
/* The same in place: where the trimmed text starts; *len becomes its length. */
const char *text_trimmed(const char *s, size_t *len);

/*
 * Whether a link target may be published: relative, or http, https or
 * mailto.  The one decision, for the lowering (which keeps an unsafe
 * link's text only) and the HTML writer (which drops such an href).
 */
int	url_is_safe(const char *url);
/*
 * The bare URL at s[i] of s[0, len) (http:// or https://, not inside a
 * word): its length, or 0.  The one decision of what in running text or
 * a table cell is a URL to link (md.c's lowering of text, html.c's table
 * cells); either links it as written, href and text, through
 * url_is_safe().
 */
size_t	url_bare(const char *s, size_t i, size_t len);

#endif
