/*
 * Numbers and labels as Japanese terms write them: 第十二条, 第１２条,
 * 第12条の3, 第2章, （１）, (1), 1), 一, ①, イ, （ア）, (a).
 *
 * Parsers take a NUL-terminated UTF-8 string and look only at its start.
 * None allocates unless it says so.
 */
#ifndef TERMC_NUMERAL_H
#define TERMC_NUMERAL_H

#include <stddef.h>

#include "clause.h"

/*
 * A numeral at s: ASCII or full-width digits, or kanji (十七, 二〇一七,
 * 百二). Returns the value and sets *used to its length in bytes, or
 * returns -1 when s does not start with a numeral.  kanji: accept kanji.
 */
long	numeral_parse(const char *s, size_t *used, int kanji);

/*
 * An article label at s: 第N条, 第N条のM(のK…), with any numeral, or in
 * other languages "Article N" / "Section N" / "N." / "N ".  On success
 * returns 1, stores the normalized number ("17", "17_2") in *num (caller
 * frees) and the label length in *len.
 */
int	article_label_parse(const char *s, char **num, size_t *len);

/* A division label at s: 第N編/章/節/款/目.  Returns 1 and fills out. */
int	division_label_parse(const char *s, enum divkind *kind, long *val,
	    size_t *len);
/* Unnumbered divisions by name: 付則/附則, 別表/別紙/別記/様式.  Else DIV_OTHER. */
enum divkind division_by_name(const char *s);

/*
 * After a label: optional spaces, then a caption in （） or () with nested
 * brackets balanced.  Returns 1 and the caption's bytes (*cap, *caplen,
 * without brackets) and the total bytes consumed (*used).
 */
int	caption_parse(const char *s, const char **cap, size_t *caplen,
	    size_t *used);

/* Marker schemes, in no order of depth: depth comes from context. */
enum mscheme {
	MS_NONE,
	MS_PARA,		/* ２　 2  ２． 2. at paragraph start */
	MS_PAREN_NUM,		/* （１） (1) */
	MS_NUM_PAREN,		/* 1) １） */
	MS_KANJI,		/* 一　 */
	MS_CIRCLED,		/* ① */
	MS_IROHA,		/* イ　 */
	MS_PAREN_KANA,		/* （ア） (イ) */
	MS_PAREN_LATIN,		/* (a) （ａ） */
	MS_PAREN_ROMAN,		/* (ii) (iv) (IX); (i) (v) (x) by context */
	MS_LATIN_PAREN,		/* a) */
	MS_PAREN_KANJI,		/* （一）: under （１） in statutes */
	MS_LATIN_DOT,		/* a. b. c.: latin_dot_marker_parse() */
	MS_ROMAN_PAREN,		/* ii) iv) IX); i) v) x) by context */
	MS_PAREN_UPPER		/* (A) (B): a ladder's third rung, under
				   (a) and (i); (I) (V) (X) by context */
};

struct marker {
	enum mscheme	 scheme;
	long		 value;		/* ordinal: （３）→3, ハ→3 */
	size_t		 len;		/* bytes of the marker as written */
	size_t		 skip;		/* marker plus following spaces */
	int		 kana;		/* MS_PAREN_KANA: the katakana code point */
	long		 roman;		/* MS_PAREN_LATIN (i) (v) (x) and
					   MS_LATIN_PAREN i) v) x): the value
					   as a roman numeral, for the caller to
					   choose by the scheme in force */
	long		 branch;	/* MS_KANJI 六の二: 2 (value 6); else 0 */
};

/* A paragraph number at s (digits then a space, ．, . or 、). */
int	para_marker_parse(const char *s, struct marker *);
/* An item or sub-item marker at s. */
int	item_marker_parse(const char *s, struct marker *);
/*
 * A latin letter and a dot at s, then a space and text: a. b. ｃ．, the
 * scheme MS_LATIN_DOT.  Not one of item_marker_parse()'s: a line that
 * starts "a. " may be a sentence, so whether it is a marker is for the
 * caller to weigh (a run of a. b. c., a lead over it, a list it sits in).
 */
int	latin_dot_marker_parse(const char *s, struct marker *);
/* Ordinal of a katakana in イロハ order (iroha=1) or アイウ order; 0 if none. */
long	kana_ordinal(int kana, int iroha);

#endif
