/*
 * Decoding legacy text to UTF-8: see decode.h.  The only iconv user.
 *
 * The conversion loop follows the iconv(3) contract to the letter:
 * input is fed in chunks; EILSEQ (an invalid sequence) stops with its byte
 * offset; EINVAL (a sequence cut by the end of the chunk) carries the tail
 * into the next chunk, and is an error only at the end of the file; E2BIG
 * grows the output buffer.  //IGNORE and //TRANSLIT are never used, so no
 * byte is dropped or replaced.
 *
 * Windows' "Shift_JIS" is CP932: glibc's SHIFT_JIS maps 0x5C to U+00A5 and
 * 0x7E to U+203E (¥ and ‾), which would break Markdown, and lacks the NEC
 * and IBM extensions (①, Ⅰ, ㈱) common in Japanese terms.  "shift_jis"
 * therefore decodes as CP932.
 *
 * The auto heuristic, in order:
 *   1. a byte-order mark: EF BB BF is UTF-8, FF FE UTF-16LE, FE FF UTF-16BE;
 *   2. bytes that are valid UTF-8 are UTF-8 (ASCII included);
 *   3. otherwise decode as CP932 and as EUC-JP; if only one decodes the
 *      whole file, it wins; if both do, the one whose characters look more
 *      like Japanese text wins (score: +2 per hiragana, +1 per full-width
 *      katakana, CJK punctuation or full-width form, -3 per half-width
 *      katakana, private-use or control character; ties go to CP932);
 *      if neither does, the error of the one that decoded further is
 *      reported.
 */
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "decode.h"
#include "diag.h"
#include "source.h"
#include "text.h"
#include "xalloc.h"

#define DEFAULT_CHUNK	65536

static const struct {
	const char	*name;
	enum encoding	 enc;
} names[] = {
	{ "auto", ENC_AUTO },
	{ "utf-8", ENC_UTF8 }, { "utf8", ENC_UTF8 },
	{ "cp932", ENC_CP932 }, { "ms932", ENC_CP932 },
	{ "windows-31j", ENC_CP932 }, { "shift_jis", ENC_CP932 },
	{ "shift-jis", ENC_CP932 }, { "sjis", ENC_CP932 },
	{ "euc-jp", ENC_EUCJP }, { "eucjp", ENC_EUCJP },
	{ "utf-16", ENC_UTF16 }, { "utf16", ENC_UTF16 },
};

int
encoding_parse(const char *name, enum encoding *enc)
{
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcasecmp(name, names[i].name) == 0) {
			*enc = names[i].enc;
			return 0;
		}
	return -1;
}

const char *
encoding_name(enum encoding enc)
{
	switch (enc) {
	case ENC_AUTO:
		return "auto";
	case ENC_UTF8:
		return "UTF-8";
	case ENC_CP932:
		return "CP932";
	case ENC_EUCJP:
		return "EUC-JP";
	case ENC_UTF16:
		return "UTF-16";
	}
	return "?";
}

/*
 * Line and column (1-based, in characters) of the end of the UTF-8 text
 * decoded so far: the position of the next, offending, character.  CRLF
 * and lone CR end lines as LF does.
 */
static void
out_position(const char *s, size_t n, int *line, int *col)
{
	size_t i;
	int l = 1, c = 1;

	for (i = 0; i < n; i++) {
		if (s[i] == '\n' || (s[i] == '\r' &&
		    (i + 1 >= n || s[i + 1] != '\n'))) {
			l++;
			c = 1;
		} else if (s[i] != '\r' && ((unsigned char)s[i] & 0xc0) != 0x80)
			c++;
	}
	*line = l;
	*col = c;
}

/* "0x82 0xa0": up to two bytes from off, for the error detail. */
static void
show_bytes(char *dst, size_t dstsz, const char *bytes, size_t len, size_t off)
{
	if (off + 1 < len)
		snprintf(dst, dstsz, "0x%02x 0x%02x",
		    (unsigned char)bytes[off], (unsigned char)bytes[off + 1]);
	else if (off < len)
		snprintf(dst, dstsz, "0x%02x", (unsigned char)bytes[off]);
	else
		snprintf(dst, dstsz, "end of file");
}

enum convfail {
	CF_NONE,
	CF_INVALID,		/* EILSEQ */
	CF_TRUNCATED,		/* EINVAL at the end of the input */
	CF_OPEN			/* iconv_open refused the encoding */
};

struct conv {
	char		*out;		/* decoded so far; owned */
	size_t		 outlen;
	enum convfail	 fail;
	size_t		 failoff;	/* offset in the input of the bad byte */
};

/*
 * Convert len bytes from the iconv encoding from to UTF-8, feeding iconv
 * chunk bytes at a time (plus any carried tail).  Fills cv; cv->out is
 * always allocated and NUL-terminated, even on failure (the text decoded
 * before the bad byte, for positions).
 */
static void
convert(const char *from, const char *bytes, size_t len, size_t chunk,
    struct conv *cv)
{
	iconv_t cd;
	size_t cap, pos = 0, carry = 0, feed, inleft, outleft, before;
	char *in, *op;

	memset(cv, 0, sizeof(*cv));
	cap = len + len / 2 + 16;
	cv->out = xmalloc(cap);
	cv->out[0] = '\0';
	if ((cd = iconv_open("UTF-8", from)) == (iconv_t)-1) {
		cv->fail = CF_OPEN;
		return;
	}
	while (pos < len) {
		feed = carry + chunk;
		if (feed > len - pos)
			feed = len - pos;
		in = (char *)bytes + pos;
		inleft = feed;
		op = cv->out + cv->outlen;
		outleft = cap - cv->outlen - 1;
		before = inleft;
		if (iconv(cd, &in, &inleft, &op, &outleft) != (size_t)-1) {
			pos += before - inleft;
			cv->outlen = (size_t)(op - cv->out);
			carry = 0;
			continue;
		}
		pos += before - inleft;
		cv->outlen = (size_t)(op - cv->out);
		if (errno == E2BIG) {
			cap *= 2;
			cv->out = xrealloc(cv->out, cap);
			carry = inleft;
			continue;
		}
		if (errno == EINVAL && pos + inleft < len) {
			/* Cut by the chunk's end: carry the tail over. */
			carry = inleft;
			continue;
		}
		cv->fail = errno == EINVAL ? CF_TRUNCATED : CF_INVALID;
		cv->failoff = pos;
		break;
	}
	if (cv->fail == CF_NONE) {
		/* Flush any shift state (none for our encodings). */
		for (;;) {
			op = cv->out + cv->outlen;
			outleft = cap - cv->outlen - 1;
			if (iconv(cd, NULL, NULL, &op, &outleft) != (size_t)-1) {
				cv->outlen = (size_t)(op - cv->out);
				break;
			}
			if (errno != E2BIG)
				break;
			cap *= 2;
			cv->out = xrealloc(cv->out, cap);
		}
	}
	cv->out[cv->outlen] = '\0';
	iconv_close(cd);
}

/* Record the failure of cv (decoding bytes as name) in d. */
static void
report(const char *path, const char *name, const char *bytes, size_t len,
    size_t base, const struct conv *cv, struct diags *d)
{
	char shown[32];
	int line, col;

	out_position(cv->out, cv->outlen, &line, &col);
	show_bytes(shown, sizeof(shown), bytes, len, base + cv->failoff);
	if (cv->fail == CF_OPEN)
		diag(d, path, 0, 0, D_IO, "iconv cannot decode %s", name);
	else if (cv->fail == CF_TRUNCATED)
		diag(d, path, line, col, D_DEC_TRUNCATED,
		    "%s: %s at offset %zu", name, shown, base + cv->failoff);
	else
		diag(d, path, line, col, D_DEC_INVALID,
		    "%s: %s at offset %zu", name, shown, base + cv->failoff);
}

/* UTF-8 needs no iconv: validate, and describe the first bad byte. */
static void
check_utf8(const char *bytes, size_t len, struct conv *cv)
{
	const unsigned char *s = (const unsigned char *)bytes;
	size_t bad, i, need;

	memset(cv, 0, sizeof(*cv));
	if (utf8_valid(bytes, len, &bad)) {
		cv->out = xstrndup(bytes, len);
		cv->outlen = len;
		return;
	}
	cv->out = xstrndup(bytes, bad);
	cv->outlen = bad;
	cv->failoff = bad;
	cv->fail = CF_INVALID;
	/* A well-begun sequence cut by the end of the file is truncated. */
	need = s[bad] >= 0xf0 && s[bad] <= 0xf4 ? 3 :
	    s[bad] >= 0xe0 && s[bad] <= 0xef ? 2 :
	    s[bad] >= 0xc2 && s[bad] <= 0xdf ? 1 : 0;
	if (need == 0 || bad + need < len)
		return;
	for (i = bad + 1; i < len; i++)
		if ((s[i] & 0xc0) != 0x80)
			return;
	cv->fail = CF_TRUNCATED;
}

static long
score(const char *s, size_t len)
{
	size_t i = 0, n;
	int32_t c;
	long sc = 0;

	while (i < len && (n = utf8_next(s + i, len - i, &c)) > 0) {
		i += n;
		if (c >= 0x3041 && c <= 0x309f)
			sc += 2;
		else if ((c >= 0x30a0 && c <= 0x30ff) ||
		    (c >= 0x3000 && c <= 0x303f) ||
		    (c >= 0xff01 && c <= 0xff5e))
			sc += 1;
		else if ((c >= 0xff61 && c <= 0xff9f) ||
		    text_suspect(c) == SUS_PRIVATE ||
		    (text_suspect(c) == SUS_CONTROL && c != '\r'))
			sc -= 3;
	}
	return sc;
}

/*
 * Refuse NUL, which no later stage can carry; warn about private-use,
 * control and the other characters source_check_chars() names, once per
 * line (form feed, a page break in extracted text, is let through).
 * Returns -1 after an error.
 */
static int
check_chars(const char *path, const char *s, size_t len, struct diags *d)
{
	const char *nul;
	int line, col;

	if ((nul = memchr(s, '\0', len)) != NULL) {
		out_position(s, (size_t)(nul - s), &line, &col);
		diag(d, path, line, col, D_DEC_INVALID,
		    "NUL character (U+0000)");
		return -1;
	}
	source_check_chars(path, s, len, CHARS_PRIVATE | CHARS_FORMFEED, d);
	return 0;
}

/* Decode with one known encoding; base is the offset after a BOM. */
static void
decode_as(enum encoding enc, const char *bytes, size_t len, size_t chunk,
    const char **name, size_t *base, struct conv *cv)
{
	const unsigned char *u = (const unsigned char *)bytes;

	*base = 0;
	switch (enc) {
	case ENC_UTF8:
	default:
		*name = "UTF-8";
		if (len >= 3 && memcmp(bytes, "\xef\xbb\xbf", 3) == 0)
			*base = 3;
		check_utf8(bytes + *base, len - *base, cv);
		return;
	case ENC_CP932:
		*name = "CP932";
		break;
	case ENC_EUCJP:
		*name = "EUC-JP";
		break;
	case ENC_UTF16:
		*base = 2;
		if (len >= 2 && u[0] == 0xff && u[1] == 0xfe)
			*name = "UTF-16LE";
		else if (len >= 2 && u[0] == 0xfe && u[1] == 0xff)
			*name = "UTF-16BE";
		else {
			*name = "UTF-16";
			memset(cv, 0, sizeof(*cv));
			cv->out = xstrdup("");
			cv->fail = CF_INVALID;
			*base = 0;
			return;
		}
		break;
	}
	convert(*name, bytes + *base, len - *base, chunk, cv);
}

char *
decode_text(const char *path, const char *bytes, size_t len,
    enum encoding enc, size_t chunk, enum encoding *chosen, char *detail,
    size_t *outlen, struct diags *d)
{
	const unsigned char *u = (const unsigned char *)bytes;
	struct conv cv, cv2;
	const char *name, *name2;
	size_t base, base2, bad;
	long s1, s2;

	if (chunk == 0)
		chunk = DEFAULT_CHUNK;
	detail[0] = '\0';
	if (enc == ENC_AUTO) {
		if (len >= 3 && memcmp(bytes, "\xef\xbb\xbf", 3) == 0) {
			enc = ENC_UTF8;
			snprintf(detail, DECODE_DETAIL_MAX, "UTF-8 byte-order mark");
		} else if (len >= 2 && ((u[0] == 0xff && u[1] == 0xfe) ||
		    (u[0] == 0xfe && u[1] == 0xff))) {
			enc = ENC_UTF16;
			snprintf(detail, DECODE_DETAIL_MAX, "UTF-16%s byte-order mark",
			    u[0] == 0xff ? "LE" : "BE");
		} else if (utf8_valid(bytes, len, &bad)) {
			enc = ENC_UTF8;
			snprintf(detail, DECODE_DETAIL_MAX, "valid UTF-8");
		}
	}
	if (enc != ENC_AUTO) {
		decode_as(enc, bytes, len, chunk, &name, &base, &cv);
		*chosen = enc;
		if (detail[0] == '\0')
			snprintf(detail, DECODE_DETAIL_MAX, "as requested");
		if (enc == ENC_UTF16 && base == 0) {
			diag(d, path, 1, 1, D_DEC_INVALID,
			    "UTF-16 without a byte-order mark; termc reads "
			    "UTF-16 with FF FE or FE FF only");
			free(cv.out);
			return NULL;
		}
	} else {
		/* Neither a BOM nor UTF-8: CP932 or EUC-JP. */
		decode_as(ENC_CP932, bytes, len, chunk, &name, &base, &cv);
		decode_as(ENC_EUCJP, bytes, len, chunk, &name2, &base2, &cv2);
		if (cv.fail == CF_NONE && cv2.fail == CF_NONE) {
			s1 = score(cv.out, cv.outlen);
			s2 = score(cv2.out, cv2.outlen);
			snprintf(detail, DECODE_DETAIL_MAX,
			    "not UTF-8; decodes as CP932 (score %ld) and as "
			    "EUC-JP (score %ld)", s1, s2);
			enc = s2 > s1 ? ENC_EUCJP : ENC_CP932;
		} else if (cv.fail == CF_NONE || cv2.fail == CF_NONE) {
			enc = cv.fail == CF_NONE ? ENC_CP932 : ENC_EUCJP;
			snprintf(detail, DECODE_DETAIL_MAX,
			    "not UTF-8; decodes as %s, not as %s",
			    encoding_name(enc), enc == ENC_CP932 ?
			    "EUC-JP" : "CP932");
		} else {
			/* Report the one that got further. */
			enc = cv2.failoff > cv.failoff ? ENC_EUCJP : ENC_CP932;
			snprintf(detail, DECODE_DETAIL_MAX,
			    "not UTF-8; neither CP932 nor EUC-JP decodes it, "
			    "%s decodes furthest", encoding_name(enc));
		}
		if (enc == ENC_EUCJP) {
			free(cv.out);
			cv = cv2;
			name = name2;
			base = base2;
		} else
			free(cv2.out);
	}
	*chosen = enc;
	if (cv.fail != CF_NONE) {
		report(path, name, bytes, len, base, &cv, d);
		free(cv.out);
		return NULL;
	}
	/*
	 * A BOM that iconv passed through (U+FEFF first) is no text, and
	 * no zero-width character to warn about.
	 */
	if (cv.outlen >= 3 && memcmp(cv.out, "\xef\xbb\xbf", 3) == 0) {
		memmove(cv.out, cv.out + 3, cv.outlen - 2);
		cv.outlen -= 3;
	}
	if (check_chars(path, cv.out, cv.outlen, d) == -1) {
		free(cv.out);
		return NULL;
	}
	*outlen = cv.outlen;
	return cv.out;
}
