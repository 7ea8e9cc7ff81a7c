/*
 * UTF-8 helpers and NFKC: see text.h.
 */
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "text.h"
#include "xalloc.h"

/*
 * Decoded here rather than by utf8proc_iterate(): this is the innermost
 * loop of folding and scanning, and the same rules (no overlongs, no
 * surrogates, nothing above U+10FFFF) cost a third as much inline.
 */
size_t
utf8_next(const char *s, size_t len, int32_t *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	int32_t c;

	if (len == 0) {
		*cp = 0;
		return 0;
	}
	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	if (p[0] >= 0xc2 && p[0] <= 0xdf && len >= 2 &&
	    (p[1] & 0xc0) == 0x80) {
		*cp = (p[0] & 0x1f) << 6 | (p[1] & 0x3f);
		return 2;
	}
	if (p[0] >= 0xe0 && p[0] <= 0xef && len >= 3) {
		if ((c = utf8_three(p)) >= 0) {
			*cp = c;
			return 3;
		}
	} else if (p[0] >= 0xf0 && p[0] <= 0xf4 && len >= 4 &&
	    (p[1] & 0xc0) == 0x80 && (p[2] & 0xc0) == 0x80 &&
	    (p[3] & 0xc0) == 0x80) {
		c = (p[0] & 0x07) << 18 | (p[1] & 0x3f) << 12 |
		    (p[2] & 0x3f) << 6 | (p[3] & 0x3f);
		if (c >= 0x10000 && c <= 0x10ffff) {
			*cp = c;
			return 4;
		}
	}
	/* Not a valid sequence: the byte stands for itself. */
	*cp = p[0];
	return 1;
}

size_t
utf8_prev_len(const char *s, size_t off)
{
	size_t n = 0;

	while (off > 0) {
		off--;
		n++;
		if (((unsigned char)s[off] & 0xc0) != 0x80)
			break;
	}
	return n;
}

int
is_space(int32_t c)
{
	return c == ' ' || c == '\t' || c == 0x3000;
}

enum cclass
char_class(int32_t c)
{
	if (is_space(c) || c == '\n')
		return CC_SPACE;
	if ((c >= '0' && c <= '9') || (c >= 0xff10 && c <= 0xff19))
		return CC_DIGIT;
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= 0xff21 && c <= 0xff3a) || (c >= 0xff41 && c <= 0xff5a))
		return CC_LATIN;
	if (c >= 0x3041 && c <= 0x309f)
		return CC_HIRAGANA;
	if ((c >= 0x30a0 && c <= 0x30ff && c != 0x30fb) ||
	    (c >= 0xff66 && c <= 0xff9f) || c == 0x30fc)
		return CC_KATAKANA;
	if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) ||
	    c == 0x3005 || c == 0x3006 || c == 0x3007 ||
	    (c >= 0xf900 && c <= 0xfaff) || (c >= 0x20000 && c <= 0x2ffff))
		return CC_KANJI;
	if (c < 0x80 || (c >= 0x3000 && c <= 0x303f) ||
	    (c >= 0xff00 && c <= 0xffef) || (c >= 0x2000 && c <= 0x206f) ||
	    c == 0x30fb)
		return CC_PUNCT;
	return CC_OTHER;
}

int
is_wide(int32_t c)
{
	return (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) ||
	    (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) ||
	    (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) ||
	    (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x20000 && c <= 0x3fffd) ||
	    (c >= 0x2460 && c <= 0x24ff);
}

size_t
text_skip_spaces(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	/* On the bytes: callers ask at every character of a name. */
	for (;;) {
		if (*p == ' ' || *p == '\t')
			p++;
		else if (p[0] == 0xe3 && p[1] == 0x80 && p[2] == 0x80)
			p += 3;		/* U+3000; a NUL stops the test */
		else
			return (size_t)(p - (const unsigned char *)s);
	}
}

/*
 * The bytes less the continuation bytes (10xxxxxx), eight at a time: in
 * each byte of w & ~(w << 1) bit 7 is set just for those, and the
 * multiply sums the eight bits moved to bit 0 into the top byte.
 */
size_t
text_chars(const char *s, size_t len)
{
	const uint64_t ones = 0x0101010101010101ULL;
	size_t i = 0, cont = 0;
	uint64_t w;

	for (; len - i >= 8; i += 8) {
		w = word8_at(s + i);
		cont += ((w & ~(w << 1)) >> 7 & ones) * ones >> 56;
	}
	for (; i < len; i++)
		if (((unsigned char)s[i] & 0xc0) == 0x80)
			cont++;
	return len - cont;
}

enum suspect
text_suspect(int32_t c)
{
	if (c < 0xa0)
		return (c < 0x20 && c != '\t' && c != '\n') || c >= 0x7f ?
		    SUS_CONTROL : SUS_NONE;
	if (c < 0x2000)
		return SUS_NONE;
	if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069))
		return SUS_BIDI;
	if ((c >= 0x200b && c <= 0x200d) || c == 0x2060 || c == 0xfeff)
		return SUS_INVISIBLE;
	if ((c >= 0xfdd0 && c <= 0xfdef) || (c & 0xfffe) == 0xfffe)
		return SUS_NONCHAR;
	if ((c >= 0xe000 && c <= 0xf8ff) || c >= 0xf0000)
		return SUS_PRIVATE;
	return SUS_NONE;
}

const char *
text_memfind(const char *s, size_t len, const char *t, size_t tlen)
{
	const char *p, *end = s + len;

	if (tlen == 0)
		return s;
	if (tlen > len)
		return NULL;
	for (p = s + tlen - 1; (p = memchr(p, t[tlen - 1],
	    (size_t)(end - p))) != NULL; p++)
		if (memcmp(p - (tlen - 1), t, tlen - 1) == 0)
			return p - (tlen - 1);
	return NULL;
}

size_t
text_find_uncarried(const char *s, size_t len, int32_t *cp)
{
	size_t i, n;
	int32_t c;

	for (i = 0; i < len; i += n) {
		n = 1;
		if (!text_suspect_lead((unsigned char)s[i]))
			continue;
		n = utf8_next(s + i, len - i, &c);
		if (c == 0 || text_uncarried(text_suspect(c))) {
			*cp = c;
			return i;
		}
	}
	return len;
}

size_t
text_nchars(const char *s)
{
	return text_chars(s, strlen(s));
}

int
text_nchars_over(const char *s, size_t max)
{
	size_t want, len, n;

	/*
	 * max + 1 characters take at most 4 (max + 1) bytes: a text is
	 * most often decided on one strnlen() of that many and a count of
	 * the bytes found (text_chars()), not on a test a byte.
	 */
	for (;;) {
		want = max < SIZE_MAX / 4 - 1 ? 4 * (max + 1) : SIZE_MAX;
		len = strnlen(s, want);
		if ((n = text_chars(s, len)) > max)
			return 1;
		if (len < want)
			return 0;
		max -= n;
		s += len;
	}
}

size_t
text_prefix_of(const char *s, const char *const *words, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[0] == words[i][0] && (words[i][1] == '\0' ||
		    s[1] == words[i][1]) && has_prefix(s, words[i]))
			return strlen(words[i]);
	return 0;
}

/*
 * The recognizer squeezes every paragraph to compare it with a heading's
 * words, and most paragraphs hold few spaces: the runs between them are
 * copied whole.  The next ASCII space or tab and the next U+3000 are
 * each looked for once, from past the previous one, so the text is read
 * once.  E3 80 80 is always a whole character: E3 is a lead byte.
 */
char *
text_squeeze(const char *s)
{
	size_t len = strlen(s), n;
	const char *end = s + len, *sp, *ideo, *q;
	char *r = xmalloc(len + 1), *w = r;

	if ((sp = strpbrk(s, " \t")) == NULL)
		sp = end;
	if ((ideo = strstr(s, "\xe3\x80\x80")) == NULL)
		ideo = end;
	for (;;) {
		q = sp < ideo ? sp : ideo;
		n = (size_t)(q - s);
		memcpy(w, s, n);
		w += n;
		if (q == end)
			break;
		if (q == sp) {
			s = q + 1;
			if ((sp = strpbrk(s, " \t")) == NULL)
				sp = end;
		} else {
			s = q + 3;
			if ((ideo = strstr(s, "\xe3\x80\x80")) == NULL)
				ideo = end;
		}
	}
	*w = '\0';
	return r;
}

/*
 * NFKC of text made of nfkc_stable() characters, the full-width forms of
 * ASCII (U+FF01 to U+FF5E: （１Ａ） of a caption or a definition) and
 * U+3000, without utf8proc; NULL for any other text.  Those forms and
 * U+3000 become ASCII, which no neighbour composes with, and stable
 * characters compose only with what is not here: so each character's
 * NFKC stands alone.
 */
static char *
nfkc_wide(const char *s, size_t len)
{
	char *r = xmalloc(len + 1), *w = r;
	size_t i = 0, n;
	int32_t c;

	for (;;) {
		/* A run of stable characters, then one that is not. */
		n = nfkc_stable_span(s + i, len - i);
		memcpy(w, s + i, n);
		w += n;
		if ((i += n) == len)
			break;
		i += utf8_next_inline(s + i, len - i, &c);
		if (c >= 0xff01 && c <= 0xff5e)
			*w++ = (char)(c - 0xff01 + '!');
		else if (c == 0x3000)
			*w++ = ' ';
		else {
			free(r);
			return NULL;
		}
	}
	*w = '\0';
	return r;
}

char *
text_nfkc(const char *s, size_t len)
{
	utf8proc_uint8_t *out = NULL;
	utf8proc_ssize_t n;
	char *r;

	/*
	 * Most Japanese text is in NFKC already: copy it as it is.  Only an
	 * unstable code point can compose with a stable one, and with one
	 * anywhere the whole text goes to utf8proc.
	 */
	if (nfkc_stable_span(s, len) == len)
		return xstrndup(s, len);
	if ((r = nfkc_wide(s, len)) != NULL)
		return r;

	n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len,
	    &out, UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT);
	if (n < 0)
		return NULL;
	/* utf8proc allocates with malloc; hand out our own copy for symmetry. */
	r = xstrndup((const char *)out, (size_t)n);
	free(out);
	return r;
}

char *
text_caption_key(const char *s, size_t len)
{
	char *t = text_nfkc(s, len), *w;
	const unsigned char *r, *end;
	uint64_t v;

	if (t == NULL)
		t = xstrndup(s, len);
	/*
	 * Byte by byte, as text_squeeze(): E3 80 80 (U+3000, left when
	 * NFKC failed) and E3 80 9C (〜) are whole characters wherever
	 * they match, E3 being a lead byte; NUL ends the test early.  Eight
	 * bytes are copied at once where none of them is a space, a tab
	 * nor 80, and the last is no E3 (whose 80 would be the next word's).
	 */
	end = (const unsigned char *)t + strlen(t);
	for (r = (const unsigned char *)t, w = t; r < end;) {
		if (end - r >= 8 && r[7] != 0xe3 &&
		    !word_has_below(v = word8_at(r), '!') &&
		    !word_has_byte(v, 0x80)) {
			memcpy(w, &v, 8);
			w += 8;
			r += 8;
		} else if (*r == ' ' || *r == '\t')
			r++;
		else if (r[0] == 0xe3 && r[1] == 0x80 && r[2] == 0x80)
			r += 3;
		else if (r[0] == 0xe3 && r[1] == 0x80 && r[2] == 0x9c) {
			*w++ = '~';	/* 〜, which NFKC keeps: ～ became ~ */
			r += 3;
		} else
			*w++ = (char)*r++;
	}
	*w = '\0';
	return t;
}

char *
text_trim(const char *s, size_t len)
{
	const char *t = text_trimmed(s, &len);

	return xstrndup(t, len);
}

/*
 * The spaces trimmed are ASCII (space, tab, newline) or U+3000, whose
 * bytes E3 80 80 are no other character's: they are compared as bytes,
 * not decoded at each end.
 */
const char *
text_trimmed(const char *s, size_t *len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t b = 0, e = *len;

	for (;;) {
		if (b < e && (u[b] == ' ' || u[b] == '\t' || u[b] == '\n'))
			b++;
		else if (e - b >= 3 && u[b] == 0xe3 && u[b + 1] == 0x80 &&
		    u[b + 2] == 0x80)
			b += 3;
		else
			break;
	}
	for (;;) {
		if (e > b && (u[e - 1] == ' ' || u[e - 1] == '\t' ||
		    u[e - 1] == '\n'))
			e--;
		else if (e - b >= 3 && u[e - 3] == 0xe3 && u[e - 2] == 0x80 &&
		    u[e - 1] == 0x80)
			e -= 3;
		else
			break;
	}
	*len = e - b;
	return s + b;
}

/*
 * A link target is published only if it is relative or uses http, https
 * or mailto.  Browsers ignore ASCII whitespace and controls inside a
 * scheme ("java\tscript:"), so those are removed before looking.  What
 * comes before the first ":" (and before any "/", "?" or "#") is taken
 * for a scheme, whatever it holds: strict, as "java%09script:" is refused
 * too.  A relative path without ":" is safe however long.
 */
int
url_is_safe(const char *url)
{
	static const char *const ok[] = { "http", "https", "mailto" };
	char scheme[16];
	size_t n = 0, i;
	const char *p;

	for (p = url; *p != '\0'; p++) {
		unsigned char c = (unsigned char)*p;

		if (c <= 0x20 || c == 0x7f)
			continue;
		if (c == ':')
			break;
		if (c == '/' || c == '?' || c == '#')
			return 1;	/* relative: no scheme */
		if (n + 1 < sizeof(scheme))
			scheme[n] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
		n++;
	}
	if (*p != ':')
		return 1;
	if (n + 1 > sizeof(scheme))
		return 0;	/* longer than any scheme allowed */
	scheme[n] = '\0';
	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		if (strcmp(scheme, ok[i]) == 0)
			return 1;
	return 0;
}

/* Bytes a bare URL may hold: RFC 3986's characters and '%'. */
static int
url_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || (c != 0 && strchr("-._~:/?#[]@!$&'()*+,;=%",
	    c) != NULL);
}

/*
 * As GFM's autolinks: trailing punctuation (. , ; : ! ? '
 * * ( [) ends the sentence, not the URL, and so does a ')' without its
 * '('.  Unlike GFM's, a URL ends at the first byte outside RFC 3986's
 * ASCII (GFM's runs to a space): Japanese puts no space after a URL, so
 * …/terms）をご覧ください would otherwise be taken in.
 */
size_t
url_bare(const char *s, size_t i, size_t len)
{
	size_t j, k, open = 0, close = 0;

	if (i > 0 && ((s[i - 1] >= 'a' && s[i - 1] <= 'z') ||
	    (s[i - 1] >= 'A' && s[i - 1] <= 'Z') ||
	    (s[i - 1] >= '0' && s[i - 1] <= '9')))
		return 0;
	if (len - i > 8 && strncmp(s + i, "https://", 8) == 0)
		j = i + 8;
	else if (len - i > 7 && strncmp(s + i, "http://", 7) == 0)
		j = i + 7;
	else
		return 0;
	for (k = j; k < len && url_byte((unsigned char)s[k]); k++) {
		open += s[k] == '(';
		close += s[k] == ')';
	}
	/* Counted once, kept as the end moves back: linear. */
	while (k > j) {
		if (strchr(".,;:!?'*([", s[k - 1]) != NULL)
			open -= s[k - 1] == '(';
		else if (s[k - 1] == ')' && close > open)
			close--;
		else
			break;
		k--;
	}
	return k > j ? k - i : 0;
}

void
text_count_script(const char *s, size_t len, size_t *kana, size_t *letters)
{
	const char *p = s, *end = s + len;

	for (; p < end; p++) {
		unsigned char c = (unsigned char)*p;

		if (c == 0xe3 && end - p >= 3 &&
		    (unsigned char)p[1] >= 0x81 && (unsigned char)p[1] <= 0x83) {
			(*kana)++;
			p += 2;
		} else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')
			(*letters)++;
	}
}

const char *
text_lang_by_script(size_t kana, size_t letters)
{
	return kana * 20 >= letters ? "ja" : "en";
}

/*
 * The ASCII bytes of s[0, len), eight at a time (text_chars()'s way),
 * four words summed a byte a lane (at most 4 a lane) before one multiply.
 */
static size_t
ascii_bytes(const char *s, size_t len)
{
	const uint64_t ones = 0x0101010101010101ULL;
	size_t i = 0, n = 0;

	for (; len - i >= 32; i += 32)
		n += ((~word8_at(s + i) >> 7 & ones) +
		    (~word8_at(s + i + 8) >> 7 & ones) +
		    (~word8_at(s + i + 16) >> 7 & ones) +
		    (~word8_at(s + i + 24) >> 7 & ones)) * ones >> 56;
	for (; len - i >= 8; i += 8)
		n += (~word8_at(s + i) >> 7 & ones) * ones >> 56;
	for (; i < len; i++)
		if ((unsigned char)s[i] < 0x80)
			n++;
	return n;
}

const char *
text_lang_of(const char *s, size_t len)
{
	enum { STEP = 256 };
	size_t kana = 0, letters = 0, off, n, rest, arest, most;

	/* What the rest can add is bounded by its ASCII bytes, counted
	 * eight at a time, where a test a byte counts the script. */
	arest = ascii_bytes(s, len);
	for (off = 0; off < len; off += n) {
		/* A step ends at a character's start: kana are 3 bytes. */
		n = len - off > STEP ? STEP : len - off;
		while (off + n < len && ((unsigned char)s[off + n] & 0xc0) ==
		    0x80)
			n++;
		text_count_script(s + off, n, &kana, &letters);
		/*
		 * The rest adds at most a letter an ASCII byte, and a kana
		 * every three bytes, two of them not ASCII: once neither
		 * turns the answer, it is final (and kana make it no NULL).
		 */
		rest = len - off - n;
		arest -= ascii_bytes(s + off, n);
		most = rest / 3 < (rest - arest) / 2 ? rest / 3 :
		    (rest - arest) / 2;
		if ((kana > 0 && kana * 20 >= letters + arest) ||
		    (kana + most) * 20 < letters)
			break;
	}
	return kana == 0 && letters == 0 ? NULL :
	    text_lang_by_script(kana, letters);
}
