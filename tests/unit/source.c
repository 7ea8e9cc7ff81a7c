/*
 * Unit tests for source.c: UTF-8 validation (overlongs, surrogates, code
 * points above U+10FFFF, truncation), text positions, and source_load's
 * line ends, byte-order marks and front matter split; digest_bytes(),
 * the build cache's key of a source; stamps, that tell a file unchanged.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <utf8proc.h>

#include "buf.h"
#include "diag.h"
#include "maps.h"
#include "source.h"
#include "tap.h"

/* want: -1 valid, else the offset of the first bad byte. */
static void
valid(const char *s, size_t len, long want, const char *name)
{
	size_t bad = 99999;
	int ok = utf8_valid(s, len, &bad);

	if (want < 0)
		tap(ok, name);
	else if (tap(!ok, name))
		tap_long((long)bad, want, "  offset");
}

/*
 * utf8_valid() against utf8proc_iterate() on "a" + every lead byte +
 * every second byte + representative third and fourth bytes, each prefix
 * length: the same verdict and the same first bad offset.
 */
static void
valid_agrees(void)
{
	static const unsigned char edges[] = {
		0x00, 0x41, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xff
	};
	unsigned char s[5] = { 'a' };
	unsigned a, b, c, e;
	size_t len, i, bad, want, n = 0, differ = 0;
	utf8proc_int32_t cp;
	utf8proc_ssize_t k;
	int ok;

	for (a = 0; a < 256; a++)
		for (b = 0; b < 256; b++)
			for (c = 0; c < sizeof(edges); c++)
				for (e = 0; e < sizeof(edges); e++) {
					s[1] = (unsigned char)a;
					s[2] = (unsigned char)b;
					s[3] = edges[c];
					s[4] = edges[e];
					for (len = 1; len <= 5; len++) {
						for (i = 0; i < len; i += (size_t)k)
							if ((k = utf8proc_iterate(s + i,
							    (utf8proc_ssize_t)(len - i),
							    &cp)) <= 0 || cp == 0)
								break;
						want = i;	/* len when valid */
						bad = len;
						ok = utf8_valid((const char *)s,
						    len, &bad);
						n++;
						/* NUL is valid UTF-8 here. */
						if (i < len && s[i] == 0)
							continue;
						if (ok != (want == len) ||
						    (!ok && bad != want))
							differ++;
					}
				}
	if (!tap(differ == 0, "utf8_valid agrees with utf8proc_iterate"))
		printf("#   %zu of %zu inputs differ\n", differ, n);
}

static void
position(const char *text, size_t off, int wline, int wcol, const char *name)
{
	int line = 0, col = 0;

	text_position(text, off, &line, &col);
	tap(line == wline && col == wcol, name);
	if (line != wline || col != wcol)
		printf("#   got %d:%d, want %d:%d\n", line, col, wline, wcol);
}

/* Load bytes; expect failure with one diagnostic at line:col, code. */
static void
load_fails(const char *bytes, size_t len, size_t max, int wline, int wcol,
    enum dcode code, const char *name)
{
	struct source src;
	struct diags d;
	int rc;

	diags_init(&d);
	rc = source_load(&src, "x.md", bytes, len, max, &d);
	if (tap(rc == -1 && d.n == 1, name)) {
		tap_long(d.v[0].code, code, "  code");
		tap_long(d.v[0].line, wline, "  line");
		tap_long(d.v[0].col, wcol, "  col");
	} else if (rc == 0)
		source_release(&src);
	diags_release(&d);
}

/*
 * digest_bytes(): fixed values (the same on any host: words are read as
 * little-endian), a change of any one byte or of the length changes it
 * at every length around the 16-byte step, and a source's digest is of
 * the bytes as read, before line ends and the byte-order mark are
 * undone.
 */
static void
digest_checks(void)
{
	static const char crlf[] = "---\r\nprovider: a\r\n---\r\n\r\nb\r\n";
	static const char lf[] = "---\nprovider: a\n---\n\nb\n";
	struct digest d, e;
	struct source src;
	struct diags dg;
	unsigned char buf[41];
	size_t len, i, same = 0;
	int b;

	digest_bytes(&d, "", 0);
	tap(d.a == 0xb0fd091ae18efb16ULL && d.b == 0xb0b0bebb7982be74ULL,
	    "digest of no bytes");
	digest_bytes(&d, "termc build cache", 17);
	tap(d.a == 0x2b31cc61dc277e50ULL && d.b == 0xfab16c17212dc155ULL,
	    "digest of 17 bytes");
	for (i = 0; i < sizeof(buf); i++)
		buf[i] = (unsigned char)(i * 7);
	for (len = 0; len < sizeof(buf); len++) {
		digest_bytes(&d, buf, len);
		digest_bytes(&e, buf, len + 1);
		same += d.a == e.a && d.b == e.b;
		for (i = 0; i < len; i++)
			for (b = 0; b < 8; b++) {
				buf[i] ^= (unsigned char)(1 << b);
				digest_bytes(&e, buf, len);
				buf[i] ^= (unsigned char)(1 << b);
				same += d.a == e.a || d.b == e.b;
			}
	}
	tap_long((long)same, 0, "every one-bit change and length changes "
	    "both halves");
	diags_init(&dg);
	if (tap(source_load(&src, "a.md", crlf, sizeof(crlf) - 1, 0, &dg) ==
	    0, "CRLF source loads")) {
		digest_bytes(&d, crlf, sizeof(crlf) - 1);
		digest_bytes(&e, lf, sizeof(lf) - 1);
		tap(memcmp(&src.sum, &d, sizeof(d)) == 0 &&
		    memcmp(&src.sum, &e, sizeof(e)) != 0,
		    "  its digest is of the bytes read, CRs and all");
		source_release(&src);
	}
	diags_release(&dg);
}

/*
 * Load k copies of ch, then tail, after an empty front matter: does it
 * load (rc 0) or not as want, with one finding of code at line 3, column
 * k + 1?
 */
static int
one_finding(const char *ch, size_t k, const char *tail, int want,
    enum dcode code)
{
	char bytes[64];
	struct source src;
	struct diags d;
	size_t i;
	int rc, ok;

	strcpy(bytes, "---\n---\n");
	for (i = 0; i < k; i++)
		strcat(bytes, ch);
	strcat(bytes, tail);
	diags_init(&d);
	rc = source_load(&src, "x.md", bytes, strlen(bytes), 0, &d);
	if (rc == 0)
		source_release(&src);
	ok = rc == want && d.n == 1 && d.v[0].code == code &&
	    d.v[0].line == 3 && d.v[0].col == (int)k + 1;
	diags_release(&d);
	return ok;
}

/*
 * A run of kana and kanji is checked four characters, then one, at a
 * time in a loop of its own: after 0 to 13 of them, and before more or
 * at the end, a bad first or second continuation, a truncated character,
 * a surrogate and a lead byte past the run's (F5) are each found at
 * their column, and a control, U+200B, U+202E or U+0085 among them is
 * warned about.
 */
static void
run_ends(void)
{
	static const char *const bad[] = { "\xe7\xac\x41", "\xe7\x41\xac",
	    "\xe7\x41", "\xed\xa0\x80", "\xf5\x80\x80\x80", "\xe3\x80" };
	char tail[32];
	size_t k, b, nbad = 0, nwarn = 0;

	/* Runs up to thirteen long: a fault at each place of the four
	 * characters plain_text() tests at once, and after them. */
	for (k = 0; k <= 13; k++)
		for (b = 0; b < sizeof(bad) / sizeof(bad[0]); b++) {
			/* Then more, or the end: the last bytes go apart. */
			strcpy(tail, bad[b]);
			if (k % 2 == 1)
				strcat(tail, "ああ\n");
			nbad += !one_finding("あ", k, tail, -1, D_BAD_UTF8);
			nwarn += !one_finding("漢", k, "\x01漢\n", 0,
			    D_CHAR_CONTROL);
			/* Three-byte suspects with leads below the run's. */
			nwarn += !one_finding("漢", k, "\xe2\x80\x8b漢\n", 0,
			    D_CHAR_INVISIBLE);
			nwarn += !one_finding("漢", k, "\xe2\x80\xae漢\n", 0,
			    D_CHAR_BIDI);
			nwarn += !one_finding("漢", k, "\xc2\x85漢\n", 0,
			    D_CHAR_CONTROL);
		}
	tap(nbad == 0, "source_load: bad UTF-8 after a run of kana, its column");
	tap(nwarn == 0, "source_load: a control, a zero-width or a bidi "
	    "character in a run of kanji, its column");
}

/* Write s to path; 0 or -1. */
static int
put_file(const char *path, const char *s)
{
	FILE *f = fopen(path, "w");

	if (f == NULL)
		return -1;
	fputs(s, f);
	return fclose(f);
}

/* Make the file template path names (mkstemp()): 0, or -1, a check failed. */
static int
temp_file(char *path, const char *who)
{
	char name[64];
	int fd;

	if ((fd = mkstemp(path)) == -1) {
		snprintf(name, sizeof(name), "%s: mkstemp", who);
		tap(0, name);
		return -1;
	}
	close(fd);
	return 0;
}

/*
 * source_read_plain(): bytes of the digest that proved plain are taken
 * as they are; bytes changed since (a control now, or invalid UTF-8) are
 * checked as ever, whatever the caller remembered.
 */
static void
read_plain(void)
{
	char path[] = "/tmp/termc-unit-source-XXXXXX";
	struct source a, b;
	struct diags d;

	if (temp_file(path, "read_plain") == -1)
		return;
	diags_init(&d);
	if (put_file(path, "---\nprovider: a\n---\n本文です。\n") == -1 ||
	    source_read(&a, path, 0, 0, &d) == -1) {
		tap(0, "read_plain: first read");
		unlink(path);
		return;
	}
	tap(a.plain == 1 && d.n == 0, "source_read: plain text proved");
	tap(source_read_plain(&b, path, &a.sum, &d) == 0 && b.plain == 1 &&
	    b.len == a.len && memcmp(b.text, a.text, a.len) == 0 && d.n == 0,
	    "source_read_plain: same bytes, same source");
	source_release(&b);
	put_file(path, "---\nprovider: a\n---\n本文\x01です。\n");
	tap(source_read_plain(&b, path, &a.sum, &d) == 0 && b.plain == 0 &&
	    d.n == 1 && d.v[0].code == D_CHAR_CONTROL,
	    "source_read_plain: changed bytes are checked (a control)");
	source_release(&b);
	diags_release(&d);
	diags_init(&d);
	put_file(path, "---\nprovider: a\n---\n本文\xe6です。\n");
	tap(source_read_plain(&b, path, &a.sum, &d) == -1 && d.n == 1 &&
	    d.v[0].code == D_BAD_UTF8,
	    "source_read_plain: changed bytes are checked (bad UTF-8)");
	diags_release(&d);
	source_release(&a);
	unlink(path);
}

/*
 * A file of SOURCE_MAP_MIN bytes or more is read into xmap()'s block:
 * the source is the same as of the same bytes in malloc's (source_load()),
 * with a byte-order mark, CRLF line ends, a control replaced (the text
 * then moves to malloc's), and bad UTF-8 refused; no block outlives its
 * source.
 */
static void
big_files(void)
{
	char path[] = "/tmp/termc-unit-source-XXXXXX";
	static const char *const tails[] = {
		"本文の末尾。\n",
		"本文\x01の末尾。\r\n",
		"本文\xe6の末尾。\n",
	};
	static const char *const names[] = {
		"a big file read into a mapped block: the same source",
		"  with a BOM, CRLF and a control: the same, replaced",
		"  with bad UTF-8: refused alike",
	};
	struct buf b;
	struct source m, l;
	struct diags dm, dl;
	size_t k;
	long before = maps_advised_bytes();
	int rm, rl, same;

	if (temp_file(path, "big_files") == -1)
		return;
	for (k = 0; k < 3; k++) {
		buf_init(&b);
		buf_puts(&b, k == 1 ? "\xef\xbb\xbf---\r\nprovider: a\r\n---\r\n" :
		    "---\nprovider: a\n---\n");
		while (b.len < SOURCE_MAP_MIN)
			buf_puts(&b, k == 1 ? "第1条　本文です。\r\n" :
			    "第1条　本文です。\n");
		buf_puts(&b, tails[k]);
		if (put_file(path, b.data) == -1) {
			tap(0, names[k]);
			buf_release(&b);
			continue;
		}
		diags_init(&dm);
		diags_init(&dl);
		rm = source_read(&m, path, 0, 0, &dm);
		rl = source_load(&l, path, b.data, b.len, 0, &dl);
		same = rm == rl && dm.n == dl.n;
		if (same && rm == 0)
			same = m.len == l.len && m.nlines == l.nlines &&
			    memcmp(m.text, l.text, m.len) == 0 &&
			    memcmp(&m.sum, &l.sum, sizeof(m.sum)) == 0 &&
			    m.mapped == (k == 0 ? b.len + 2 : 0);
		tap(same && (k < 2) == (rm == 0), names[k]);
		if (rm == 0)
			source_release(&m);
		if (rl == 0)
			source_release(&l);
		diags_release(&dm);
		diags_release(&dl);
		buf_release(&b);
	}
	tap(maps_advised_bytes() == before, "  no mapped block outlives its source");
	unlink(path);
}

/*
 * Stamps (source.h): a file's stamp is the same until the file is
 * written or replaced; settled only STAMP_SETTLE_S whole seconds after
 * its times, by the clock given; trusted on local file systems only.
 */
static void
stamps(void)
{
	char path[] = "/tmp/termc-unit-stamp-XXXXXX", moved[64];
	struct stamp a, b, c;
	struct timespec since;
	struct stamp_fs fs = { 0, 0, 0 };
	int fd;

	if (temp_file(path, "stamps") == -1)
		return;
	snprintf(moved, sizeof(moved), "%s.new", path);
	put_file(path, "一行目\n");
	tap(stamp_take(&a, path) == 0 && stamp_take(&b, path) == 0 &&
	    stamp_same(&a, &b), "stamp_take: twice, the same");
	/* Longer bytes: another size, whatever the clock's tick. */
	put_file(path, "一行目\n二行目\n");
	tap(stamp_take(&b, path) == 0 && !stamp_same(&a, &b),
	    "stamp_same: a file written again differs");
	/* The same bytes under a new inode (the old one held open). */
	put_file(moved, "一行目\n二行目\n");
	fd = open(path, O_RDONLY);
	tap(fd != -1 && rename(moved, path) == 0 &&
	    stamp_take(&c, path) == 0 && c.size == b.size &&
	    c.ino != b.ino && !stamp_same(&b, &c),
	    "stamp_same: a file put in its place differs");
	if (fd != -1)
		close(fd);
	tap(stamp_take(&c, "/nonexistent/termc") == -1,
	    "stamp_take: no file");
	since.tv_nsec = 0;
	since.tv_sec = (time_t)c.ctime_s + 1;
	tap(!stamp_settled(&c, &since), "stamp_settled: a second after: no");
	since.tv_sec = (time_t)c.ctime_s + STAMP_SETTLE_S;
	tap(!stamp_settled(&c, &since),
	    "stamp_settled: STAMP_SETTLE_S seconds after: not yet");
	since.tv_sec = (time_t)(c.ctime_s > c.mtime_s ? c.ctime_s :
	    c.mtime_s) + STAMP_SETTLE_S + 1;
	tap(stamp_settled(&c, &since), "stamp_settled: a second more: yes");
	tap(stamp_counts(&fs, &c, path, &since) && fs.asked && fs.local,
	    "stamp_counts: settled, on a local file system");
	since.tv_sec = (time_t)c.ctime_s;
	tap(!stamp_counts(&fs, &c, path, &since),
	    "stamp_counts: not settled");
	c.ino = 0;
	tap(!stamp_settled(&c, &since), "stamp_settled: no stamp taken");
	tap(stamp_local(path), "stamp_local: /tmp (ext4 or tmpfs here)");
	tap(!stamp_local("/proc/self/status"),
	    "stamp_local: a file system not in the list (procfs)");
	tap(!stamp_local("/nonexistent/termc"), "stamp_local: no file");
	unlink(path);
}

int
main(void)
{
	static const char crlf[] =
	    "---\r\nprovider: a\r\ntitle: b\r\n---\r\n\r\n本文\r\n二行目\r三行目\n";
	static const char bom[] = "\xef\xbb\xbf---\nprovider: a\n...\n本文\n";
	struct source src;
	struct diags d;

	valid_agrees();
	run_ends();
	read_plain();
	big_files();
	stamps();
	valid("", 0, -1, "utf8_valid: empty");
	valid("plain ASCII\n", 12, -1, "utf8_valid: ASCII");
	valid("日本語", 9, -1, "utf8_valid: 3-byte sequences");
	valid("\xc2\x80\xdf\xbf", 4, -1, "utf8_valid: U+0080, U+07FF");
	valid("\xe0\xa0\x80", 3, -1, "utf8_valid: U+0800 (smallest 3-byte)");
	valid("\xed\x9f\xbf", 3, -1, "utf8_valid: U+D7FF (below surrogates)");
	valid("\xee\x80\x80", 3, -1, "utf8_valid: U+E000 (above surrogates)");
	valid("\xf0\x90\x80\x80", 4, -1, "utf8_valid: U+10000");
	valid("\xf4\x8f\xbf\xbf", 4, -1, "utf8_valid: U+10FFFF");
	valid("ab\x80", 3, 2, "utf8_valid: lone continuation byte");
	valid("\xc0\xaf", 2, 0, "utf8_valid: overlong 2-byte (C0)");
	valid("\xc1\xbf", 2, 0, "utf8_valid: overlong 2-byte (C1)");
	valid("a\xe0\x80\xaf", 4, 1, "utf8_valid: overlong 3-byte");
	valid("\xe0\x9f\xbf", 3, 0, "utf8_valid: overlong U+07FF in 3 bytes");
	valid("\xf0\x8f\xbf\xbf", 4, 0, "utf8_valid: overlong 4-byte");
	valid("\xed\xa0\x80", 3, 0, "utf8_valid: surrogate U+D800");
	valid("\xed\xbf\xbf", 3, 0, "utf8_valid: surrogate U+DFFF");
	valid("\xf4\x90\x80\x80", 4, 0, "utf8_valid: U+110000");
	valid("\xf5\x80\x80\x80", 4, 0, "utf8_valid: F5 lead byte");
	valid("\xff", 1, 0, "utf8_valid: FF");
	valid("ab\xe6\x97", 4, 2, "utf8_valid: truncated at the end");
	valid("ab\xe6", 3, 2, "utf8_valid: lead byte at the end");
	valid("日本", 4, 3, "utf8_valid: len cuts a sequence");
	valid("\xe6\x97x", 3, 0, "utf8_valid: ASCII inside a sequence");
	valid("\xe6\x97\xa5\xe6\x97", 5, 3, "utf8_valid: second sequence truncated");
	valid("\xf0\x90\x80", 3, 0, "utf8_valid: 4-byte truncated");

	position("abc", 0, 1, 1, "text_position: start");
	position("abc", 2, 1, 3, "text_position: ASCII column");
	position("ab\ncd", 4, 2, 2, "text_position: second line");
	position("ab\n", 3, 2, 1, "text_position: just after a newline");
	position("日本\n語x", 10, 2, 2, "text_position: characters, not bytes");
	position("本約款\x80", 9, 1, 4, "text_position: before a bad byte");
	position("ab", 10, 1, 3, "text_position: offset past the end");
	position("a\r\nb", 3, 2, 1, "text_position: CRLF is one line end");
	position("a\rbc", 3, 2, 2, "text_position: lone CR ends a line");

	/* CRLF and lone CR become LF; front matter lines are blanked. */
	diags_init(&d);
	if (tap(source_load(&src, "crlf.md", crlf, sizeof(crlf) - 1, 0, &d) == 0,
	    "source_load: CRLF file")) {
		tap_str(src.text, "   \n           \n        \n   \n\n本文\n二行目\n三行目\n",
		    "  body: LF only, front matter blanked, lines kept");
		tap_long((long)src.len, (long)strlen(src.text), "  len");
		tap_str(src.fm, "provider: a\ntitle: b\n", "  front matter");
		tap_long(src.fmline, 2, "  fmline");
		tap_str(src.path, "crlf.md", "  path");
		/* "   \n" "           \n" "        \n" "   \n" "\n" "本文\n" … */
		if (tap_long((long)src.nlines, 9, "  line index: 9 lines")) {
			tap_long((long)src.line[0], 0, "  line 1 at 0");
			tap_long((long)src.line[5], 30, "  line 6 (本文) at 30");
			tap_str(src.text + src.line[7], "三行目\n",
			    "  line 8 from a lone CR");
			tap_long((long)src.line[8], (long)src.len,
			    "  line 9: empty, after the last LF");
		}
		source_release(&src);
	}
	tap_long((long)d.n, 0, "  no diagnostics");
	diags_release(&d);

	/* A UTF-8 byte-order mark is skipped; "..." closes front matter. */
	diags_init(&d);
	if (tap(source_load(&src, "bom.md", bom, sizeof(bom) - 1, 0, &d) == 0,
	    "source_load: UTF-8 BOM, ... fence")) {
		tap_str(src.fm, "provider: a\n", "  front matter");
		tap_str(src.text, "   \n           \n   \n本文\n", "  body");
		source_release(&src);
	}
	diags_release(&d);

	load_fails("no front matter\n", 16, 0, 1, 1, D_FM_MISSING,
	    "source_load: no front matter");
	load_fails("---\na: b\n", 9, 0, 1, 1, D_FM_SYNTAX,
	    "source_load: unclosed front matter");
	load_fails("", 0, 0, 1, 1, D_FM_MISSING, "source_load: empty file");
	load_fails("---\n---\n本文\x80\n", 16, 0, 3, 3, D_BAD_UTF8,
	    "source_load: invalid UTF-8 at line 3, column 3");
	load_fails("---\r\n---\r\n本\xe6\x97", 15, 0, 3, 2, D_BAD_UTF8,
	    "source_load: truncated at the end, CRLF lines");
	load_fails("---\r---\r本\x80", 12, 0, 3, 2, D_BAD_UTF8,
	    "source_load: invalid UTF-8 after lone-CR line ends");
	load_fails("---\r\n---\r\n\r\n本\0", 16, 0, 4, 2, D_NOT_UTF8,
	    "source_load: NUL byte after CRLF line ends");
	load_fails("---\n---\n本文\0x\n", 17, 0, 3, 3, D_NOT_UTF8,
	    "source_load: NUL byte at line 3, column 3");
	load_fails("\xff\xfe-\0-\0-\0", 8, 0, 1, 1, D_NOT_UTF8,
	    "source_load: UTF-16LE BOM");
	load_fails("\xfe\xff\0-\0-\0-", 8, 0, 1, 1, D_NOT_UTF8,
	    "source_load: UTF-16BE BOM");
	load_fails("---\n---\n0123456789", 18, 10, 1, 1, D_TOO_BIG,
	    "source_load: over maxsize");
	diags_init(&d);
	tap(source_load(&src, "x.md", "---\n---\n", 8, 8, &d) == 0,
	    "source_load: exactly maxsize is fine");
	source_release(&src);
	diags_release(&d);
	digest_checks();
	return tap_done();
}
