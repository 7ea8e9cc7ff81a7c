/*
 * Reading and splitting source files: see source.h.
 *
 * Order of checks: size (before reading all of it), encodings that are not
 * UTF-8 at all (UTF-16 byte-order marks, NUL bytes), UTF-8 validity, then
 * line ends and front matter.  Each failure is one diagnostic with the
 * position of the offending byte.
 */
#include <sys/stat.h>
#include <sys/vfs.h>

#include <linux/magic.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "diag.h"
#include "source.h"
#include "text.h"
#include "xalloc.h"

int
utf8_valid(const char *bytes, size_t len, size_t *bad)
{
	const unsigned char *s = (const unsigned char *)bytes;
	size_t i = 0, n, k;
	unsigned c;

	while (i < len) {
		c = s[i];
		if (c < 0x80) {
			i++;
			continue;
		}
		/* Kana and kanji: E1 to EF but ED, any two continuations. */
		if (c >= 0xe1 && c <= 0xef && c != 0xed && i + 2 < len &&
		    (s[i + 1] & 0xc0) == 0x80 && (s[i + 2] & 0xc0) == 0x80) {
			i += 3;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf)
			n = 1;
		else if (c >= 0xe0 && c <= 0xef)
			n = 2;
		else if (c >= 0xf0 && c <= 0xf4)
			n = 3;
		else
			goto fail;
		if (i + n >= len)	/* truncated sequence */
			goto fail;
		for (k = 1; k <= n; k++)
			if ((s[i + k] & 0xc0) != 0x80)
				goto fail;
		/* Overlongs, surrogates and code points above U+10FFFF. */
		if (c == 0xe0 && s[i + 1] < 0xa0)
			goto fail;
		if (c == 0xed && s[i + 1] > 0x9f)
			goto fail;
		if (c == 0xf0 && s[i + 1] < 0x90)
			goto fail;
		if (c == 0xf4 && s[i + 1] > 0x8f)
			goto fail;
		i += n + 1;
	}
	return 1;
fail:
	*bad = i;
	return 0;
}

/*
 * Are the 12 bytes at s four characters of lead bytes E3 to EC (kana,
 * kanji)?  The eight continuation bytes are tested at once, in a word
 * and a half read little-endian on any host; the leads one by one.
 */
static inline int
four_plain(const unsigned char *s)
{
	uint64_t a;
	uint32_t c;

	memcpy(&a, s, 8);
	memcpy(&c, s + 8, 4);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	a = __builtin_bswap64(a);
	c = __builtin_bswap32(c);
#endif
	/* Byte k is bits 8k to 8k + 7: continuations at 1, 2, 4, 5, 7
	 * of a and 0, 2, 3 of c (s[8], s[10], s[11]). */
	return (a & 0xc000c0c000c0c000ULL) == 0x8000808000808000ULL &&
	    (c & 0xc0c000c0u) == 0x80800080u && s[0] - 0xe3u <= 9 &&
	    s[3] - 0xe3u <= 9 && s[6] - 0xe3u <= 9 && s[9] - 0xe3u <= 9;
}

/*
 * Is s plain text: valid UTF-8 with no character that source_check_chars()
 * reports or replaces (ASCII but controls other than tab, LF and CR; two-
 * and three-byte characters U+00A0 to U+07FF, U+1000 to U+CFFF but the
 * invisible and bidirectional controls of U+2000 to U+207F, and the forms
 * U+FF00 to U+FFBF)?  Such text, the usual case, needs neither check:
 * this is one pass where they are two, on byte tests alone.  Anything
 * else answers no, and the full checks decide.
 */
static int
plain_text(const char *bytes, size_t len)
{
	const unsigned char *s = (const unsigned char *)bytes, *end = s + len;
	unsigned b, c1, c2;
	uint32_t w;

	while (s < end) {
		b = s[0];
		/* Printable ASCII, then U+3000 to U+CFFF (kana, kanji). */
		if (b - 0x20 < 0x5f) {
			s++;
			continue;
		}
		if (b - 0xe3 <= 0xec - 0xe3 && end - s >= 3 &&
		    ((s[1] ^ 0x80) | (s[2] ^ 0x80)) <= 0x3f) {
			/*
			 * Most of a Japanese text is a run of them: its
			 * characters are tested in a loop of their own,
			 * four at a time, then one by one where the four
			 * are not all such (the run's end).
			 */
			for (s += 3;;) {
				if (end - s >= 12 && four_plain(s)) {
					s += 12;
					continue;
				}
				if (end - s < 4)
					break;
				/*
				 * Four bytes in one load, whatever the
				 * host's order: the second and third are
				 * bits 8 to 23 either way.
				 */
				memcpy(&w, s, 4);
				if ((w >> 8 & 0xc0c0) != 0x8080 ||
				    s[0] - 0xe3u > 0xecu - 0xe3u)
					break;
				s += 3;
			}
			continue;
		}
		if (b < 0x80) {
			if (b < 0x20 && b != '\n' && b != '\t' && b != '\r')
				return 0;
			if (b == 0x7f)
				return 0;
			s++;
			continue;
		}
		if (b >= 0xc2 && b <= 0xdf) {
			if (end - s < 2 || (s[1] & 0xc0) != 0x80 ||
			    (b == 0xc2 && s[1] < 0xa0))
				return 0;
			s += 2;
			continue;
		}
		if (end - s < 3 || (s[1] & 0xc0) != 0x80 ||
		    (s[2] & 0xc0) != 0x80)
			return 0;
		c1 = s[1];
		c2 = s[2];
		if (!((b >= 0xe1 && b <= 0xec && b != 0xe2) ||
		    (b == 0xe2 && (c1 >= 0x82 || (c1 == 0x80 &&
		    !(c2 >= 0x8b && c2 <= 0x8d) &&
		    !(c2 >= 0xaa && c2 <= 0xae)) || (c1 == 0x81 &&
		    !(c2 == 0xa0 || (c2 >= 0xa6 && c2 <= 0xa9))))) ||
		    (b == 0xef && c1 >= 0xbc && c1 <= 0xbe)))
			return 0;
		s += 3;
	}
	return 1;
}

/* As text_position(), for bytes that may hold no NUL before off. */
static void
text_position_n(const char *text, size_t off, int *line, int *col)
{
	size_t i;
	int l = 1, c = 1;

	for (i = 0; i < off && text[i] != '\0'; i++) {
		/* Raw bytes (before normalize_eol): a lone CR ends a line. */
		if (text[i] == '\n' || (text[i] == '\r' &&
		    text[i + 1] != '\n')) {
			l++;
			c = 1;
		} else if (((unsigned char)text[i] & 0xc0) != 0x80)
			c++;
	}
	*line = l;
	*col = c;
}

void
text_position(const char *text, size_t off, int *line, int *col)
{
	text_position_n(text, strnlen(text, off), line, col);
}

size_t
source_check_chars(const char *path, const char *text, size_t len,
    unsigned flags, struct diags *d)
{
	static const enum dcode codes[] = {
		[SUS_CONTROL] = D_CHAR_CONTROL, [SUS_BIDI] = D_CHAR_BIDI,
		[SUS_INVISIBLE] = D_CHAR_INVISIBLE,
		[SUS_NONCHAR] = D_CHAR_NONCHAR, [SUS_PRIVATE] = D_DEC_PUA
	};
	const unsigned char *s = (const unsigned char *)text;
	size_t i = 0, bol = 0, n, uncarried = 0;
	int line = 1, lastline = 0, warned = 0;
	enum suspect k;
	int32_t c;

	while (i < len) {
		if (s[i] == '\n' || s[i] == '\r') {
			if (s[i] == '\r' && i + 1 < len && s[i + 1] == '\n')
				i++;
			bol = ++i;
			line++;
			continue;
		}
		if (!text_suspect_lead(s[i])) {
			/* A whole character: kana and kanji are 3 bytes. */
			i += s[i] < 0xc0 ? 1 : s[i] < 0xe0 ? 2 : s[i] < 0xf0 ?
			    3 : 4;
			if (i > len)
				i = len;
			continue;
		}
		n = utf8_next(text + i, len - i, &c);
		k = text_suspect(c);
		if (text_uncarried(k))
			uncarried++;
		if (k == SUS_NONE || line == lastline ||
		    (k == SUS_PRIVATE && !(flags & CHARS_PRIVATE)) ||
		    (c == '\f' && (flags & CHARS_FORMFEED))) {
			i += n;
			continue;
		}
		if (warned++ < SOURCE_MAX_CHAR_WARN)
			diag(d, path, line, 1 + (int)text_chars(text + bol,
			    i - bol), codes[k], "U+%04X", (unsigned)c);
		else if (warned == SOURCE_MAX_CHAR_WARN + 1)
			diag(d, path, 0, 0, codes[k], "further lines with "
			    "such characters are not reported");
		lastline = line;
		i += n;
	}
	return uncarried;
}

/*
 * U+FFFD for every control and noncharacter of s (len bytes, one spare,
 * mapped as xfree_block() takes it): no output can carry them (see
 * text_uncarried()).  One character for one, so columns stay true.
 * Returns the new text, malloc's (the old is freed), and its length in
 * *len.
 */
static char *
replace_uncarried(char *s, size_t *len, size_t mapped)
{
	struct buf b;
	size_t i = 0, off;
	int32_t c;

	buf_init(&b);
	while ((off = text_find_uncarried(s + i, *len - i, &c)) < *len - i) {
		buf_put(&b, s + i, off);
		buf_puts(&b, "\xef\xbf\xbd");
		i += off + utf8_next(s + i + off, *len - i - off, &c);
	}
	buf_put(&b, s + i, *len - i);
	xfree_block(s, mapped);
	*len = b.len;
	return buf_detach(&b);
}

/* Convert CRLF and lone CR to LF in place; returns the new length. */
static size_t
normalize_eol(char *s, size_t len)
{
	char *cr = memchr(s, '\r', len);
	size_t i, j;

	if (cr == NULL) {	/* the usual case: nothing to move */
		s[len] = '\0';
		return len;
	}
	for (i = j = (size_t)(cr - s); i < len; i++) {
		if (s[i] == '\r') {
			s[j++] = '\n';
			if (i + 1 < len && s[i + 1] == '\n')
				i++;
		} else
			s[j++] = s[i];
	}
	s[j] = '\0';
	return j;
}

/*
 * src->line: where each line of the body starts; one pass of memchr (the
 * array grows by doubling: it was counted in a pass of its own first),
 * the room tested here, not in a call a line.
 */
void
source_index_lines(struct source *src)
{
	const char *p, *end = src->text + src->len;
	size_t cap = 256;

	src->line = xreallocarray(NULL, cap, sizeof(*src->line));
	src->line[src->nlines++] = 0;
	for (p = src->text; (p = memchr(p, '\n', (size_t)(end - p))) != NULL;
	    p++) {
		if (src->nlines == cap) {
			if (cap > SIZE_MAX / 2)
				xalloc_die();
			cap *= 2;
			src->line = xreallocarray(src->line, cap,
			    sizeof(*src->line));
		}
		src->line[src->nlines++] = (size_t)(p + 1 - src->text);
	}
}

/* Is the line starting at p exactly the fence (--- or ...) ? */
static int
is_fence(const char *p, const char *fence)
{
	size_t n = strlen(fence);

	if (strncmp(p, fence, n) != 0)
		return 0;
	p += n;
	while (*p == ' ' || *p == '\t')
		p++;
	return *p == '\n' || *p == '\0';
}

static int
split_front_matter(struct source *src, struct diags *d)
{
	char *p, *start, *end;

	if (!is_fence(src->text, "---")) {
		diag(d, src->path, 1, 1, D_FM_MISSING,
		    "a terms file starts with a --- line");
		return -1;
	}
	start = strchr(src->text, '\n');
	start = start ? start + 1 : src->text + src->len;
	for (p = start; *p != '\0'; p = end + 1) {
		end = strchr(p, '\n');
		if (is_fence(p, "---") || is_fence(p, "...")) {
			src->fmlen = (size_t)(p - start);
			src->fm = xstrndup(start, src->fmlen);
			src->fmline = 2;
			end = end ? end : src->text + src->len;
			/* Blank the front matter, keeping its newlines. */
			for (p = src->text; p < end; p++)
				if (*p != '\n')
					*p = ' ';
			return 0;
		}
		if (end == NULL)
			break;
	}
	diag(d, src->path, 1, 1, D_FM_SYNTAX,
	    "front matter is not closed by a --- line");
	return -1;
}

static uint64_t
rotl64(uint64_t x, int r)
{
	return x << r | x >> (64 - r);
}

/* The 8 bytes at s as a little-endian word, in one load, on any host. */
static uint64_t
le64_at(const unsigned char *s)
{
	uint64_t w;

	memcpy(&w, s, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	w = __builtin_bswap64(w);
#endif
	return w;
}

/*
 * Sixteen bytes at a time, as two little-endian words whatever the host:
 * each of two multiply-rotate lanes takes one word (the second lane takes
 * the first's state too), then the length, then a final mix of each lane
 * with the other (murmur3's fmix64).  About 1.3 bytes an instruction; it
 * took a word in both lanes, twice the instructions, and a build digests
 * every source on both its reads (the second proves the bytes are those
 * the first proved plain and keyed the cache by).
 */
void
digest_bytes(struct digest *dg, const void *p, size_t len)
{
	const unsigned char *s = p;
	uint64_t a = 0x243f6a8885a308d3ULL, b = 0x13198a2e03707344ULL, w, v;
	size_t i, k;

	for (i = 0; len - i >= 16; i += 16) {
		w = le64_at(s + i);
		v = le64_at(s + i + 8);
		a = rotl64((a ^ w) * 0x87c37b91114253d5ULL, 31);
		b = rotl64((b + v) * 0x4cf5ad432745937fULL, 33) ^ a;
	}
	/* The last 0 to 15 bytes, as two words padded with zeros. */
	w = v = 0;
	for (k = 0; i + k < len; k++)
		if (k < 8)
			w |= (uint64_t)s[i + k] << (8 * k);
		else
			v |= (uint64_t)s[i + k] << (8 * (k - 8));
	a = rotl64((a ^ w) * 0x87c37b91114253d5ULL, 31) ^ len;
	b = rotl64((b + v) * 0x4cf5ad432745937fULL, 33) ^ a;
	a += b;
	b += a;
	a ^= a >> 33, a *= 0xff51afd7ed558ccdULL, a ^= a >> 33;
	a *= 0xc4ceb9fe1a85ec53ULL, a ^= a >> 33;
	b ^= b >> 33, b *= 0xff51afd7ed558ccdULL, b ^= b >> 33;
	b *= 0xc4ceb9fe1a85ec53ULL, b ^= b >> 33;
	dg->a = a + b;
	dg->b = b + dg->a;
}

/*
 * Check and adopt bytes (a buffer of len bytes plus one spare, malloc's
 * or, mapped not 0, xmap()'s block of that size, owned by the callee
 * from here on) as src's text, in place: no copy of a large file is ever
 * made.
 */
static int
source_take(struct source *src, const char *path, char *bytes,
    size_t mapped, size_t len, size_t maxsize, unsigned flags,
    const struct digest *plain, struct diags *d)
{
	size_t bad, skip = 0, nbad;
	int line, col, isplain;
	char *nul;

	memset(src, 0, sizeof(*src));
	if (!(flags & SOURCE_NO_DIGEST))
		digest_bytes(&src->sum, bytes, len);
	if (maxsize == 0)
		maxsize = SOURCE_MAX_SIZE;
	if (len > maxsize) {
		diag(d, path, 1, 1, D_TOO_BIG, "%zu bytes, the limit is %zu",
		    len, maxsize);
		goto fail;
	}
	if (len >= 2 && (((unsigned char)bytes[0] == 0xff &&
	    (unsigned char)bytes[1] == 0xfe) ||
	    ((unsigned char)bytes[0] == 0xfe &&
	    (unsigned char)bytes[1] == 0xff))) {
		diag(d, path, 1, 1, D_NOT_UTF8, "UTF-16 byte-order mark");
		goto fail;
	}
	if ((nul = memchr(bytes, '\0', len)) != NULL) {
		text_position_n(bytes, (size_t)(nul - bytes), &line, &col);
		diag(d, path, line, col, D_NOT_UTF8, "NUL byte at offset %zu",
		    (size_t)(nul - bytes));
		goto fail;
	}
	if (len >= 3 && memcmp(bytes, "\xef\xbb\xbf", 3) == 0)
		skip = 3;
	/* The same bytes proved plain before: the same tests would again. */
	isplain = plain != NULL && !(flags & SOURCE_NO_DIGEST) &&
	    memcmp(plain, &src->sum, sizeof(*plain)) == 0 ? 1 :
	    plain_text(bytes + skip, len - skip);
	if (!isplain && !utf8_valid(bytes + skip, len - skip, &bad)) {
		text_position_n(bytes + skip, bad, &line, &col);
		diag(d, path, line, col, D_BAD_UTF8, "byte 0x%02x at offset %zu",
		    (unsigned char)bytes[skip + bad], skip + bad);
		goto fail;
	}
	if (skip)
		memmove(bytes, bytes + skip, len - skip);
	src->path = xstrdup(path);
	src->text = bytes;
	src->mapped = mapped;
	src->len = normalize_eol(src->text, len - skip);
	/*
	 * Warn about controls, bidirectional controls, zero-width
	 * characters and noncharacters anywhere; YAML refuses controls in
	 * the front matter, and in the body they become U+FFFD (no output
	 * could carry them).  Line ends are LF only by now: a CR that is
	 * left is no line end.
	 */
	src->plain = isplain;
	nbad = isplain ? 0 : source_check_chars(path, src->text, src->len, 0,
	    d);
	if (split_front_matter(src, d) == -1) {
		source_release(src);
		return -1;
	}
	if (nbad > 0) {
		src->text = replace_uncarried(src->text, &src->len,
		    src->mapped);
		src->mapped = 0;
	}
	if (!(flags & SOURCE_NO_LINES))
		source_index_lines(src);
	return 0;
fail:
	xfree_block(bytes, mapped);
	return -1;
}

int
source_load(struct source *src, const char *path, const char *bytes,
    size_t len, size_t maxsize, struct diags *d)
{
	char *copy = xmalloc(len + 1);

	memcpy(copy, bytes, len);
	copy[len] = '\0';
	return source_take(src, path, copy, 0, len, maxsize, 0, NULL, d);
}

/*
 * open(), one fstat() and read() into one allocation: a regular file of
 * the size fstat() gave is whole once a read falls short of what was
 * asked, so a terms file costs four system calls (stdio took seven, two
 * of them fstat(): issue 17 reads 10,000 of them a build).  Anything else
 * (a pipe) is read to its end.
 */
static char *
read_bytes(const char *path, size_t maxsize, size_t *len, int can_map,
    size_t *mapped, struct diags *d)
{
	struct stat st;
	char *bytes, *grown;
	size_t cap = 65536, want;
	ssize_t r;
	int fd, reg;

	if (maxsize == 0)
		maxsize = SOURCE_MAX_SIZE;
	*len = 0;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		diag(d, path, 0, 0, D_IO, "%s", strerror(errno));
		return NULL;
	}
	reg = fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
	/* One allocation for a regular file; growth only for pipes. */
	if (reg && (size_t)st.st_size < maxsize)
		cap = (size_t)st.st_size + 2;
	*mapped = 0;
	if (can_map && reg && cap >= SOURCE_MAP_MIN)
		*mapped = cap;
	bytes = *mapped ? xmap(cap) : xmalloc(cap);
	/* Read at most maxsize + 1 bytes: enough to know it is too big. */
	for (;;) {
		want = cap - *len - 1;
		if ((r = read(fd, bytes + *len, want)) == -1 && errno == EINTR)
			continue;
		if (r == -1) {
			diag(d, path, 0, 0, D_IO, "%s", strerror(errno));
			close(fd);
			xfree_block(bytes, *mapped);
			return NULL;
		}
		*len += (size_t)r;
		if (r == 0 || *len > maxsize || (reg && (size_t)r < want &&
		    *len == (size_t)st.st_size))
			break;
		if (*len == cap - 1 && *mapped) {
			/* The file grew as it was read: on in malloc's. */
			grown = xmalloc(2 * cap);
			memcpy(grown, bytes, *len);
			xunmap(bytes, *mapped);
			bytes = grown;
			cap *= 2;
			*mapped = 0;
		} else if (*len == cap - 1) {
			cap *= 2;
			bytes = xrealloc(bytes, cap);
		}
	}
	close(fd);
	if (*len > maxsize) {
		diag(d, path, 1, 1, D_TOO_BIG, "more than %zu bytes", maxsize);
		xfree_block(bytes, *mapped);
		return NULL;
	}
	bytes[*len] = '\0';
	return bytes;
}

char *
read_file(const char *path, size_t maxsize, size_t *len, struct diags *d)
{
	size_t mapped;

	return read_bytes(path, maxsize, len, 0, &mapped, d);
}

int
source_read(struct source *src, const char *path, size_t maxsize,
    unsigned flags, struct diags *d)
{
	size_t len, mapped;
	char *bytes;

	if ((bytes = read_bytes(path, maxsize, &len, 1, &mapped, d)) == NULL)
		return -1;
	return source_take(src, path, bytes, mapped, len, maxsize, flags,
	    NULL, d);
}

int
source_read_plain(struct source *src, const char *path,
    const struct digest *plain, struct diags *d)
{
	size_t len, mapped;
	char *bytes;

	if ((bytes = read_bytes(path, 0, &len, 1, &mapped, d)) == NULL)
		return -1;
	return source_take(src, path, bytes, mapped, len, 0, 0, plain, d);
}

void
stamp_of(struct stamp *s, const struct stat *st)
{
	memset(s, 0, sizeof(*s));
	s->dev = (uint64_t)st->st_dev;
	s->ino = (uint64_t)st->st_ino;
	s->size = (uint64_t)st->st_size;
	s->mtime_s = (int64_t)st->st_mtim.tv_sec;
	s->mtime_ns = st->st_mtim.tv_nsec;
	s->ctime_s = (int64_t)st->st_ctim.tv_sec;
	s->ctime_ns = st->st_ctim.tv_nsec;
}

int
stamp_take(struct stamp *s, const char *path)
{
	struct stat st;

	if (stat(path, &st) == -1)
		return -1;
	stamp_of(s, &st);
	return 0;
}

int
stamp_same(const struct stamp *a, const struct stamp *b)
{
	return a->dev == b->dev && a->ino == b->ino && a->size == b->size &&
	    a->mtime_s == b->mtime_s && a->mtime_ns == b->mtime_ns &&
	    a->ctime_s == b->ctime_s && a->ctime_ns == b->ctime_ns;
}

int
stamp_local(const char *path)
{
	struct statfs fs;

	if (statfs(path, &fs) == -1)
		return 0;
	switch ((unsigned long)fs.f_type) {
	case EXT4_SUPER_MAGIC:		/* also ext2 and ext3 */
	case XFS_SUPER_MAGIC:
	case BTRFS_SUPER_MAGIC:
	case TMPFS_MAGIC:
	case OVERLAYFS_SUPER_MAGIC:
	case F2FS_SUPER_MAGIC:
	case 0x2fc12fc1UL:		/* ZFS */
		return 1;
	default:
		return 0;
	}
}

int
stamp_counts(struct stamp_fs *fs, const struct stamp *s, const char *path,
    const struct timespec *since)
{
	if (!fs->asked || s->dev != fs->dev) {
		fs->dev = s->dev;
		fs->local = stamp_local(path);
		fs->asked = 1;
	}
	return fs->local && stamp_settled(s, since);
}

int
stamp_settled(const struct stamp *s, const struct timespec *since)
{
	int64_t before = (int64_t)since->tv_sec - STAMP_SETTLE_S;

	return s->ino != 0 && s->ctime_s < before && s->mtime_s < before;
}

void
source_release(struct source *src)
{
	free(src->path);
	xfree_block(src->text, src->mapped);
	free(src->fm);
	free(src->line);
	memset(src, 0, sizeof(*src));
}
