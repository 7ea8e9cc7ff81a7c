/*
 * Decoding legacy text for termc import: UTF-8 (with or without BOM),
 * UTF-16 with a byte-order mark, CP932 (what Windows calls Shift_JIS) and
 * EUC-JP, to UTF-8.  The only file that uses iconv.
 *
 * Nothing is dropped or replaced: an invalid or truncated byte sequence
 * stops decoding with its line, column and byte offset.  Decoded text that
 * holds private-use or control characters gets a warning per line.
 */
#ifndef TERMC_DECODE_H
#define TERMC_DECODE_H

#include <stddef.h>

struct diags;

#define DECODE_DETAIL_MAX	160

enum encoding {
	ENC_AUTO,
	ENC_UTF8,
	ENC_CP932,		/* also for "shift_jis": Windows' Shift_JIS */
	ENC_EUCJP,
	ENC_UTF16		/* with a BOM, LE or BE */
};

/*
 * Parse an --encoding value (case-insensitive; utf8, sjis, cp932, ms932,
 * shift_jis, eucjp, euc-jp, utf-16, utf16 ...).  Returns 0, or -1.
 */
int	encoding_parse(const char *name, enum encoding *enc);
/* The name termc prints: "UTF-8", "CP932", "EUC-JP", "UTF-16". */
const char *encoding_name(enum encoding);

/*
 * Decode len bytes read from path into UTF-8.  enc ENC_AUTO chooses with
 * the heuristic described in decode.c and stores the choice in *chosen
 * (also set for explicit encodings) and a one-line reason in detail
 * (DECODE_DETAIL_MAX bytes, caller's buffer).  chunk is the iconv input chunk size (0: default; tests use
 * small ones to split multibyte sequences).  Returns the decoded text,
 * NUL-terminated, line ends untouched, no BOM (caller frees), with its
 * length in *outlen; or NULL after recording an error in d.
 */
char	*decode_text(const char *path, const char *bytes, size_t len,
	    enum encoding enc, size_t chunk, enum encoding *chosen,
	    char *detail, size_t *outlen, struct diags *d);

#endif
