/*
 * Unit tests for numeral.c: numerals (ASCII, full-width, kanji with
 * multipliers and positional), their limits, and the label and marker
 * parsers built on them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clause.h"
#include "numeral.h"
#include "tap.h"

static void
num(const char *s, int kanji, long want, size_t wantused)
{
	char name[128];
	size_t used = 12345;
	long v = numeral_parse(s, &used, kanji);

	snprintf(name, sizeof(name), "numeral_parse \"%s\"%s", s,
	    kanji ? " (kanji)" : "");
	if (tap_long(v, want, name) && want >= 0)
		tap_long((long)used, (long)wantused, "  bytes used");
}

static void
article(const char *s, const char *wantnum, size_t wantlen)
{
	char name[128], *n = NULL;
	size_t len = 0;
	int ok = article_label_parse(s, &n, &len);

	snprintf(name, sizeof(name), "article_label_parse \"%s\"", s);
	if (wantnum == NULL) {
		tap(!ok, name);
		return;
	}
	if (tap(ok, name)) {
		tap_str(n, wantnum, "  num");
		tap_long((long)len, (long)wantlen, "  len");
	}
	free(n);
}

static void
division(const char *s, enum divkind wantkind, long wantval, size_t wantlen)
{
	char name[128];
	enum divkind k = DIV_NONE;
	long v = -1;
	size_t len = 0;
	int ok = division_label_parse(s, &k, &v, &len);

	snprintf(name, sizeof(name), "division_label_parse \"%s\"", s);
	if (wantkind == DIV_NONE) {
		tap(!ok, name);
		return;
	}
	if (tap(ok, name)) {
		tap_long(k, wantkind, "  kind");
		tap_long(v, wantval, "  value");
		tap_long((long)len, (long)wantlen, "  len");
	}
}

static void
caption(const char *s, const char *want, size_t wantused)
{
	char name[128], *got;
	const char *cap = NULL;
	size_t caplen = 0, used = 0;
	int ok = caption_parse(s, &cap, &caplen, &used);

	snprintf(name, sizeof(name), "caption_parse \"%s\"", s);
	if (want == NULL) {
		tap(!ok, name);
		return;
	}
	if (tap(ok, name)) {
		got = strndup(cap, caplen);
		tap_str(got, want, "  caption");
		tap_long((long)used, (long)wantused, "  bytes used");
		free(got);
	}
}

static void
para(const char *s, long want, size_t wantlen, size_t wantskip)
{
	char name[128];
	struct marker m;
	int ok = para_marker_parse(s, &m);

	snprintf(name, sizeof(name), "para_marker_parse \"%s\"", s);
	if (want < 0) {
		tap(!ok, name);
		return;
	}
	if (tap(ok, name)) {
		tap_long(m.scheme, MS_PARA, "  scheme");
		tap_long(m.value, want, "  value");
		tap_long((long)m.len, (long)wantlen, "  len");
		tap_long((long)m.skip, (long)wantskip, "  skip");
	}
}

static void
item(const char *s, enum mscheme scheme, long want, size_t wantlen,
    size_t wantskip)
{
	char name[128];
	struct marker m;
	int ok = item_marker_parse(s, &m);

	snprintf(name, sizeof(name), "item_marker_parse \"%s\"", s);
	if (scheme == MS_NONE) {
		tap(!ok, name);
		return;
	}
	if (tap(ok, name)) {
		tap_long(m.scheme, scheme, "  scheme");
		tap_long(m.value, want, "  value");
		tap_long((long)m.len, (long)wantlen, "  len");
		tap_long((long)m.skip, (long)wantskip, "  skip");
	}
}

int
main(void)
{
	struct marker m;

	/* ASCII, full-width, mixed. */
	num("17", 0, 17, 2);
	num("17条", 1, 17, 2);
	num("１７", 0, 17, 6);
	num("1７", 0, 17, 4);
	num("0", 0, 0, 1);
	num("007", 0, 7, 3);
	num("99999", 0, 99999, 5);
	num("100000", 0, -1, 0);
	num("99999999999999999999999", 0, -1, 0);
	num("", 1, -1, 0);
	num("abc", 1, -1, 0);
	num("条", 1, -1, 0);
	/* Kanji only when asked. */
	num("十七", 0, -1, 0);
	num("十七", 1, 17, 6);
	num("十", 1, 10, 3);
	num("二十", 1, 20, 6);
	num("百二", 1, 102, 6);
	num("三百五十一", 1, 351, 15);
	num("二千十", 1, 2010, 9);
	num("九千九百九十九", 1, 9999, 21);
	num("二〇一七", 1, 2017, 12);
	num("〇", 1, 0, 3);
	num("一部", 1, 1, 3);
	num("十七条の二", 1, 17, 6);
	/* Limits: no value above 99999, however written. */
	num("九九九九九", 1, 99999, 15);
	num("一〇〇〇〇〇", 1, -1, 0);
	/*
	 * Malformed kanji numerals are no numbers (they used to read as
	 * 12, 200 …): a digit after a digit once a multiplier came, a
	 * multiplier not below the one before, positional digits before a
	 * multiplier.
	 */
	num("十一二", 1, -1, 0);
	num("百百", 1, -1, 0);
	num("千千", 1, -1, 0);
	num("十百", 1, -1, 0);
	num("二〇十", 1, -1, 0);
	num("千百十一", 1, 1111, 12);
	/* A truncated sequence at the end of a string is not a digit. */
	num("1\xef\xbc", 0, 1, 1);

	article("第十七条（再委託）", "17", 12);
	article("第１７条", "17", 12);
	article("第17条の2", "17_2", 12);
	article("第１７条の２（再委託）", "17_2", 18);
	article("第十七条の二の三", "17_2_3", 24);
	article("第17条の", "17", 8);
	article("第17条のほか", "17", 8);
	article("第 24 条（利用責任）", "24", 10);
	article("第　２４　条", "24", 18);
	article("第17章", NULL, 0);
	article("第条", NULL, 0);
	article("第x条", NULL, 0);
	article("第100000条", NULL, 0);
	article("第99999条の10", "99999_10", 16);
	article("10.205.3 Fees", "10_205_3", 8);
	article("本約款", NULL, 0);
	article("Article 5 (Liability)", "5", 9);
	article("ARTICLE 12. Fees", "12", 11);
	article("Section 3", "3", 9);
	article("5. Termination", "5", 2);
	article("5 Termination", "5", 1);
	article("5Termination", NULL, 0);
	article("Articles of association", NULL, 0);
	article("Termination", NULL, 0);
	article("十七 Termination", NULL, 0);

	division("第1編 総則", DIV_PART, 1, 7);
	division("第二章　利用契約", DIV_CHAPTER, 2, 9);
	division("第３節", DIV_SECTION, 3, 9);
	division("第 1 款", DIV_SUBSECTION, 1, 9);
	division("第十目", DIV_DIVISION, 10, 9);
	division("第1条", DIV_NONE, 0, 0);
	division("総則", DIV_NONE, 0, 0);
	division("第章", DIV_NONE, 0, 0);
	tap_long(division_by_name("付則"), DIV_SUPPL, "division_by_name 付則");
	tap_long(division_by_name("附則（2024年4月1日）"), DIV_SUPPL,
	    "division_by_name 附則（…）");
	tap_long(division_by_name("別表"), DIV_APPENDIX, "division_by_name 別表");
	tap_long(division_by_name("別表第1"), DIV_APPENDIX,
	    "division_by_name 別表第1");
	tap_long(division_by_name("別紙"), DIV_APPENDIX, "division_by_name 別紙");
	tap_long(division_by_name("（別紙）"), DIV_APPENDIX,
	    "division_by_name （別紙）");
	tap_long(division_by_name("総則"), DIV_OTHER, "division_by_name 総則");
	tap_long(division_by_name(""), DIV_OTHER, "division_by_name \"\"");

	caption("（適用）", "適用", 12);
	caption("(適用)", "適用", 8);
	caption(" (適用) 本文", "適用", 9);
	caption("　（適用）", "適用", 15);
	caption("（見出し（入れ子）の）後", "見出し（入れ子）の", 33);
	caption("(a(b)c)d", "a(b)c", 7);
	caption("（全角と半角)", "全角と半角", 19);
	caption("（）", "", 6);
	caption("（閉じない", NULL, 0);
	caption("（（一つだけ閉じる）", NULL, 0);
	caption("見出し", NULL, 0);
	caption("", NULL, 0);

	para("２　本文", 2, 3, 6);
	para("2 本文", 2, 1, 2);
	para("２．本文", 2, 6, 6);
	para("2. text", 2, 2, 3);
	para("12、本文", 12, 5, 5);
	para("10　本文", 10, 2, 5);
	para("14日以内", -1, 0, 0);
	para("0 本文", -1, 0, 0);
	para("2", -1, 0, 0);
	para("2 ", -1, 0, 0);
	para("２　", -1, 0, 0);
	para("本文", -1, 0, 0);
	para("二　本文", -1, 0, 0);
	/* A number, a space and a unit phrase is text; so is 100 or more. */
	para("30 日以内に", -1, 0, 0);
	para("2017 年 3 月 1 日 制定", -1, 0, 0);
	para("3 か月", -1, 0, 0);
	para("２　月額料金は", 2, 3, 6);
	para("2 日本国の法令", 2, 1, 2);
	para("1. 回線利用料金は", 1, 2, 3);

	item("（１）本文", MS_PAREN_NUM, 1, 9, 9);
	item("(1) text", MS_PAREN_NUM, 1, 3, 4);
	item("（１２）本文", MS_PAREN_NUM, 12, 12, 12);
	item("（一）本文", MS_PAREN_KANJI, 1, 9, 9);
	item("(1)", MS_NONE, 0, 0, 0);
	item("（１本文", MS_NONE, 0, 0, 0);
	item("1) text", MS_NUM_PAREN, 1, 2, 3);
	item("１）本文", MS_NUM_PAREN, 1, 6, 6);
	item("1 text", MS_NONE, 0, 0, 0);
	item("一　本文", MS_KANJI, 1, 3, 6);
	item("十一 本文", MS_KANJI, 11, 6, 7);
	item("一部の設備", MS_NONE, 0, 0, 0);
	/* A branch item: 六の二 is item 6, branch 2; 六の規定 is text. */
	item("六の二　本文", MS_KANJI, 6, 9, 12);
	tap_long(item_marker_parse("六の二　本文", &m) ? m.branch : -1, 2,
	    "item_marker_parse \"六の二　本文\": branch");
	tap_long(item_marker_parse("六　本文", &m) ? m.branch : -1, 0,
	    "item_marker_parse \"六　本文\": no branch");
	item("六の規定による", MS_NONE, 0, 0, 0);
	item("①本文", MS_CIRCLED, 1, 3, 3);
	item("⑳ 本文", MS_CIRCLED, 20, 3, 4);
	item("イ　本文", MS_IROHA, 1, 3, 6);
	item("ロ text", MS_IROHA, 2, 3, 4);
	item("ハ　本文", MS_IROHA, 3, 3, 6);
	item("イベント", MS_NONE, 0, 0, 0);
	item("（ア）本文", MS_PAREN_KANA, 1, 9, 9);
	item("(イ) 本文", MS_PAREN_KANA, 2, 5, 6);
	item("(a) text", MS_PAREN_LATIN, 1, 3, 4);
	item("（ｂ）本文", MS_PAREN_LATIN, 2, 9, 9);
	item("(A) text", MS_PAREN_UPPER, 1, 3, 4);	/* an English ladder's rung */
	item("a) text", MS_LATIN_PAREN, 1, 2, 3);
	/* ii) iv): roman numerals, as (ii) is; i) v) x) are letters here,
	 * with their roman value for the caller to choose by the run. */
	item("ii) text", MS_ROMAN_PAREN, 2, 3, 4);
	item("iv) text", MS_ROMAN_PAREN, 4, 3, 4);
	item("XII) text", MS_ROMAN_PAREN, 12, 4, 5);
	item("i) text", MS_LATIN_PAREN, 9, 2, 3);
	tap_long(item_marker_parse("i) text", &m) ? m.roman : -1, 1,
	    "item_marker_parse \"i) text\": roman 1");
	tap_long(item_marker_parse("v) text", &m) ? m.roman : -1, 5,
	    "item_marker_parse \"v) text\": roman 5");
	item("ii text", MS_NONE, 0, 0, 0);
	item("about", MS_NONE, 0, 0, 0);
	item("", MS_NONE, 0, 0, 0);
	/* a. b. c.: its own parser, the caller weighs the run; item_marker_
	 * parse() never reads "a. " (a sentence may start so). */
	item("a. text", MS_NONE, 0, 0, 0);
	tap(latin_dot_marker_parse("a. text", &m) && m.scheme == MS_LATIN_DOT &&
	    m.value == 1 && m.len == 2 && m.skip == 3, "latin_dot \"a. text\"");
	tap(latin_dot_marker_parse("ｃ．　本文", &m) && m.value == 3 &&
	    m.len == 6 && m.skip == 9, "latin_dot \"ｃ．　本文\"");
	tap(!latin_dot_marker_parse("e.g. text", &m), "latin_dot \"e.g.\": no");
	tap(!latin_dot_marker_parse("a.m. text", &m), "latin_dot \"a.m.\": no");
	tap(!latin_dot_marker_parse("a. ", &m), "latin_dot \"a. \" alone: no");
	tap(!latin_dot_marker_parse("A. text", &m), "latin_dot \"A.\": no");
	/* The katakana a （イ） carries, for the caller's イロハ/アイウ choice. */
	if (tap(item_marker_parse("（イ）本文", &m), "（イ） keeps its katakana"))
		tap_long(m.kana, 0x30a4, "  kana");

	tap_long(kana_ordinal(0x30a4, 1), 1, "kana_ordinal イ iroha");
	tap_long(kana_ordinal(0x30ed, 1), 2, "kana_ordinal ロ iroha");
	tap_long(kana_ordinal(0x30cf, 1), 3, "kana_ordinal ハ iroha");
	tap_long(kana_ordinal(0x30b9, 1), 47, "kana_ordinal ス iroha (last)");
	tap_long(kana_ordinal(0x30a2, 0), 1, "kana_ordinal ア aiueo");
	tap_long(kana_ordinal(0x30a4, 0), 2, "kana_ordinal イ aiueo");
	tap_long(kana_ordinal(0x30c8, 0), 20, "kana_ordinal ト aiueo (last)");
	tap_long(kana_ordinal(0x30f3, 1), 0, "kana_ordinal ン iroha: none");
	tap_long(kana_ordinal(0x30ca, 0), 0, "kana_ordinal ナ aiueo: none");
	tap_long(kana_ordinal('a', 1), 0, "kana_ordinal a: none");
	return tap_done();
}
