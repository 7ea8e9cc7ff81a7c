/*
 * Unit tests for decode.c: the iconv loop across chunk boundaries (EINVAL
 * carries the tail), output growth (E2BIG), the auto heuristic, and the
 * encoding names.  Prints "ok N name" / "not ok N name".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode.h"
#include "diag.h"

static int n, failed;

static void
t(int cond, const char *name)
{
	n++;
	printf("%s %d %s\n", cond ? "ok" : "not ok", n, name);
	if (!cond)
		failed = 1;
}

/* Decode with chunk; returns the text (caller frees) or NULL. */
static char *
dec(const char *bytes, size_t len, enum encoding enc, size_t chunk,
    enum encoding *chosen, struct diags *d)
{
	char detail[DECODE_DETAIL_MAX];
	size_t outlen;

	return decode_text("t", bytes, len, enc, chunk, chosen, detail,
	    &outlen, d);
}

int
main(void)
{
	/* "あいう ｱｲｳ ①\\~" in CP932 and EUC-JP; the UTF-8 it means. */
	static const char cp932[] = "\x82\xa0\x82\xa2\x82\xa4 \xb1\xb2\xb3 "
	    "\x87\x40\\~\n";
	static const char eucjp[] = "\xa4\xa2\xa4\xa4\xa4\xa6 \x8e\xb1\x8e\xb2"
	    "\x8e\xb3 \\~\n";
	static const char want932[] = "あいう ｱｲｳ ①\\~\n";
	static const char wanteuc[] = "あいう ｱｲｳ \\~\n";
	static const char u16le[] = "\xff\xfe\x42\x30\x0a\x00";
	static const char u16be[] = "\xfe\xff\xd8\x42\xdf\x9f\x00!";
	/* Half-width katakana triple in size: forces E2BIG. */
	char kana[600];
	struct diags d;
	enum encoding ch;
	size_t chunk, i;
	char *s, name[64];
	int all;

	diags_init(&d);
	for (chunk = 1; chunk <= 8; chunk++) {
		s = dec(cp932, sizeof(cp932) - 1, ENC_CP932, chunk, &ch, &d);
		snprintf(name, sizeof(name), "cp932 chunk %zu", chunk);
		t(s != NULL && strcmp(s, want932) == 0 && d.n == 0, name);
		free(s);
		s = dec(eucjp, sizeof(eucjp) - 1, ENC_EUCJP, chunk, &ch, &d);
		snprintf(name, sizeof(name), "euc-jp chunk %zu", chunk);
		t(s != NULL && strcmp(s, wanteuc) == 0 && d.n == 0, name);
		free(s);
		s = dec(u16le, sizeof(u16le) - 1, ENC_UTF16, chunk, &ch, &d);
		snprintf(name, sizeof(name), "utf-16le chunk %zu", chunk);
		t(s != NULL && strcmp(s, "あ\n") == 0 && d.n == 0, name);
		free(s);
		/* A surrogate pair (U+20B9F 𠮟) split at every byte. */
		s = dec(u16be, sizeof(u16be) - 1, ENC_UTF16, chunk, &ch, &d);
		snprintf(name, sizeof(name), "utf-16be pair chunk %zu", chunk);
		t(s != NULL && strcmp(s, "\xf0\xa0\xae\x9f!") == 0 && d.n == 0,
		    name);
		free(s);
	}
	for (i = 0; i < sizeof(kana) - 1; i++)
		kana[i] = (char)0xb1;
	kana[sizeof(kana) - 1] = '\0';
	s = dec(kana, sizeof(kana) - 1, ENC_CP932, 7, &ch, &d);
	all = s != NULL && strlen(s) == 3 * (sizeof(kana) - 1);
	for (i = 0; all && i < sizeof(kana) - 1; i++)
		all = memcmp(s + 3 * i, "ｱ", 3) == 0;
	t(all, "E2BIG grows the output");
	free(s);

	/* auto: CP932 and EUC-JP told apart; truncation is an error. */
	s = dec(cp932, sizeof(cp932) - 1, ENC_AUTO, 0, &ch, &d);
	t(s != NULL && ch == ENC_CP932, "auto chooses CP932");
	free(s);
	s = dec(eucjp, sizeof(eucjp) - 1, ENC_AUTO, 0, &ch, &d);
	t(s != NULL && ch == ENC_EUCJP, "auto chooses EUC-JP");
	free(s);
	s = dec("abc", 3, ENC_AUTO, 0, &ch, &d);
	t(s != NULL && ch == ENC_UTF8 && strcmp(s, "abc") == 0, "auto: ASCII is UTF-8");
	free(s);
	s = dec("\xef\xbb\xbfx", 4, ENC_AUTO, 0, &ch, &d);
	t(s != NULL && strcmp(s, "x") == 0, "UTF-8 BOM removed");
	free(s);
	t(d.n == 0, "no diagnostics so far");
	s = dec(cp932, 3, ENC_CP932, 2, &ch, &d);
	t(s == NULL && d.n == 1 && d.v[0].code == D_DEC_TRUNCATED &&
	    d.v[0].line == 1 && d.v[0].col == 2, "truncated at EOF: 1:2");
	s = dec("a\n\x82\x20", 4, ENC_CP932, 1, &ch, &d);
	t(s == NULL && d.n == 2 && d.v[1].code == D_DEC_INVALID &&
	    d.v[1].line == 2 && d.v[1].col == 1 &&
	    strstr(d.v[1].detail, "offset 2") != NULL, "invalid at 2:1, offset 2");

	t(encoding_parse("Shift_JIS", &ch) == 0 && ch == ENC_CP932,
	    "shift_jis is CP932");
	t(encoding_parse("latin1", &ch) == -1, "unknown encoding refused");
	diags_release(&d);
	return failed;
}
