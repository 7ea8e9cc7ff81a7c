/*
 * The structure recognizer: what a line of terms text is.
 *
 * termc import (plain text, line by line) and the Markdown lowering
 * (a heading's text, the first line of a paragraph) ask the same
 * questions here, so they agree by construction: "第1条　定義" is an
 * article with the caption 定義 whether it stands on a line of a PDF
 * extraction or in a Markdown heading.
 *
 * Each recognizer takes one NUL-terminated line of UTF-8, without its
 * line end, and looks at nothing else; evidence from the lines around
 * (what follows, the scheme in use) is weighed by the caller through the
 * flags and functions below.  None allocates unless it says so.
 */
#ifndef TERMC_RECOG_H
#define TERMC_RECOG_H

#include <stddef.h>
#include <stdint.h>

#include "clause.h"

/* An article heading line: 第N条, a caption, maybe text. */
struct rarticle {
	char		*num;		/* normalized: "17", "17_2"; caller frees */
	const char	*label;		/* where the label starts: after a mark
					   (■第1条) or bracket (【第1条 …】) */
	size_t		 labellen;	/* bytes of the label: 第１７条の２ */
	size_t		 headlen;	/* bytes of s up to the heading's end:
					   mark, label, caption, brackets */
	const char	*cap;		/* caption without brackets; NULL if none */
	size_t		 caplen;
	int		 bracketed;	/* the caption was in （）() or 【】 */
	int		 glued;		/* text follows the caption with no
					   space: 第1条（目的）本規約は…; the
					   caller weighs the number in sequence */
	const char	*rest;		/* text after the heading, spaces skipped */
};

/*
 * s is a whole heading (a Markdown heading's text): whatever follows the
 * label and is not a bracketed caption is the caption, however long; a
 * caption glued to the label (第1条運営管理会社) too, in the shape
 * recog_glued_article() reads.
 * Without it s is a line of running text, where what follows the label is
 * a caption only when it reads as one (recog_caption_text()).
 */
#define RA_HEADING	1

/*
 * The caller has the number's sequence as evidence (lower.c: at a block's
 * start, the label numbers the article next after the one open, which it
 * checks on a->num): a caption glued to text that opens on a word that
 * also joins references (第9条（解除）以下の場合、…) is a heading all the
 * same.  Text that opens on a particle, a mark or 第2項 still is none.
 */
#define RA_NEXT		2

/*
 * Is s an article heading: 第N条 (any numerals, spaces inside, branches
 * の2 or ノ2), or a range (第N条から第M条まで, 第N条及び第M条, 第N条～第M条,
 * 第1-2条), at the start of s (after a heading mark ■, or inside
 * brackets that wrap the whole line, 【第3条 料金】), followed by the end
 * of s, a space, a mark (第5条. 退会, 第6条：変更) or a caption in （）,
 * () or 【】?  "第5条に定める…" and "第5条（…）に定める…" are text.  Fills a
 * and returns 1, or returns 0.
 */
int	recog_article(const char *s, int flags, struct rarticle *a);

/*
 * Is s 第N条 with a caption glued to the label, no space or bracket between
 * (第1条運営管理会社), as pages reduced to text write headings?  Only the
 * shape: a short caption (2 to 20 characters) that opens with no particle
 * or connective (の に を は が で と も 及 又 並 若 第 各 ま …), holds no
 * comma, full stop, bracket or colon, and ends on no hiragana.  A line of
 * text can have that shape too (第5条違反): the caller decides by the
 * evidence around it (import.c, glued_headings()).  Fills a and returns 1,
 * or returns 0.
 */
int	recog_glued_article(const char *s, struct rarticle *a);

/* A division heading line: 第N章, 第N章の二, a title. */
struct rdivision {
	enum divkind	 kind;		/* DIV_PART … DIV_DIVISION */
	char		*num;		/* normalized: "3", "3_2"; caller frees */
	size_t		 labellen;	/* bytes of the label: 第三章の二 */
	const char	*cap;		/* the title after it, or NULL */
	size_t		 caplen;
};

/*
 * Is s a division heading: 第N編/章/節/款/目, with branches (第三章の二)?
 * then the end, a space or a bracket?  With RA_HEADING (a Markdown
 * heading) all that follows is its title; on a line of running text the
 * title must be short and no sentence: 30 characters, or 60 before a
 * note of the articles it holds, （第一条―第三条）, which vouches for a
 * heading (the note does not count).  Fills d and
 * returns 1, or returns 0.
 */
int	recog_division(const char *s, int flags, struct rdivision *d);

/*
 * The last number of a range label (第9条及び第10条 → "10", 第9条から
 * 第11条まで → "11", 第1-2条 → "2"), normalized; caller frees.  NULL if
 * label is no range.
 */
char	*recog_range_last(const char *label);

/*
 * Does text after an article label on a line of running text read as a
 * caption rather than the article's first sentence?  Short, no sentence
 * end (。．), not ending on a comma or colon that leads on, not a long
 * clause with commas.
 */
int	recog_caption_text(const char *s, size_t len);

/*
 * A line that is only a caption, written before the article it names
 * (statute style): （見出し）; with RC_MARKED also 【見出し】, ≪見出し≫ …
 * and a short title after a mark (■ 見出し), which only the article line
 * right after it makes a caption.  Not a caption: a law number
 * （平成十五年法律第四十二号）, （以下…）, a history line 【2020年4月1日制定】,
 * a marker alone （１）, a sentence.  Returns 1 and the caption's bytes
 * (without brackets), or 0.  A caption is at most 80 characters; with
 * RC_LONG, for a line the caller has seen right above an article label
 * with no caption of its own, 200 (a statute's transitional provisions
 * name what they apply to at length).
 */
#define RC_MARKED	1
#define RC_LONG		2

/*
 * Is s[0..len) a law number, 令和二年三月一日規程第七号 (without its
 * brackets): a year, then 第N号 at the end?  It numbers the law it
 * follows: no caption, no part of a title.
 */
int	recog_law_number(const char *s, size_t len);
int	recog_caption_line(const char *s, int flags, const char **cap,
	    size_t *caplen);

/*
 * Does a paragraph's text announce the items that follow it: a sentence
 * that speaks of what follows (次の各号, 次に掲げる, 以下の, 下記の, 左に)
 * and ends, or a colon ending it ("…the following:")?  Then what follows holds items (号), not
 * paragraphs.
 */
int	recog_announces_items(const char *s);

/*
 * Does line s go on with the sentence before it: また、 なお、 ただし、
 * この場合、 …?  Such a line under a lead is more of the lead, never one
 * of the items it announces.
 */
int	recog_goes_on(const char *s);

/*
 * A bullet as a text writes it, with text after it: ・, • (a space after
 * them or none), or * and a space.  Returns the mark's bytes, or 0.  ・・・
 * is a leader, not a bullet.  The mark is structure, not text.
 */
size_t	recog_bullet(const char *s);

/*
 * Does a paragraph's text announce paragraphs (項) that follow: 次の各項,
 * 以下の各項 …, in a sentence that ends (。) or on a colon?  Then a list
 * under it holds paragraphs, however it is written.
 */
int	recog_announces_paragraphs(const char *s);

/*
 * Does the last sentence of s[0..n) announce a table that follows
 * (次の表のとおりとする。, 次の表の上欄に掲げる…, 下表の…：)?  In plain text
 * the table may be laid out a cell a line: import reads the lines after
 * it as cells, not as articles, headings or items.
 */
int	recog_announces_table(const char *s, size_t n);

/*
 * Does the lead sentence s announce a table of readings (読替え): words of
 * provisions, often of another law, and what they read as (次の表の上欄に
 * 掲げる規定中同表の中欄に掲げる字句は、…読み替える)?  Its cells quote; a
 * 第三条 in them is no reference to this document's article 3.
 */
int	recog_reading_table(const char *s);

/*
 * A division named, not numbered: 附則/付則/補則 (a 附則's articles number
 * anew), 別表, 別紙, 別記, 様式 (an appendix), or DIV_OTHER.  With
 * RA_HEADING (a Markdown heading: the author made it a heading) the name
 * at its start is enough: "## 附則 改定履歴" is a 附則.  On a line of
 * running text the name stands alone or takes a bracketed note
 * (附則（2005年9月1日制定）), an appendix its number (別表第一, 別表1), and
 * no sentence mark: "附則の規定により…" is text.  A short line ending in
 * 別表 or 別紙 (料金別表) names an appendix.
 */
enum divkind	recog_named_division(const char *s, int flags);

/*
 * Page furniture: a page number alone on its line (12, - 12 -, －１２－,
 * 12 / 40, Page 3, Page 3 of 12, P.3), or after a footer's words and a
 * wide gap ("ACME Confidential          Page 1 of 2").  Whether it is one is for the
 * caller to weigh (a text laid out in pages); this says only that the line
 * reads as one.
 */
int	recog_page_number(const char *s);

/*
 * An entry of a contents list with page numbers: text, a tab, a page
 * number; or text, leader dots (…… ・・・ ....), a page number.
 */
int	recog_contents_entry(const char *s);

/*
 * A date at s: 2017年3月1日, ２００５年９月１日, 平成 29 年 3 月 1 日,
 * 令和元年5月1日, spaces anywhere.  Returns 1 and fills out (YYYY-MM-DD,
 * NUL-terminated) and *used, the bytes read; else 0.
 */
int	recog_date(const char *s, char out[11], size_t *used);

/* A history entry a line states. */
struct rhistory {
	char	 date[11];	/* YYYY-MM-DD */
	char	*note;		/* 制定, 改訂施行; caller frees */
	int	 bracketed;	/* the line was wholly in brackets: 【…】 */
};

/*
 * Is s a history line: "2011年6月1日 制定", 【2020年4月1日制定】,
 * （2021年5月1日改定）, 附則（2005年9月1日作定）, "この約款は、2002年8月1日から
 * 改訂施行します。", "本約款は、2018年8月1日に作定し、…"?  A date and a
 * history word (制定, 改定, 改訂, 施行, 改正 …).  Fills h and returns 1
 * (h->note allocated), or returns 0 (nothing allocated).
 */
int	recog_history_line(const char *s, struct rhistory *h);

/*
 * Is s a line that states a history entry, as a document's body shows its
 * history: a history line (recog_history_line()), or one that names the
 * event first, the date ending the line: 改定：2023年1月5日, 制定日
 * 2020年4月1日, 【改定　2023年1月5日】, "Last updated: March 3, 2024",
 * "Effective date: 1 January 2024" (the words as written are the note).
 * Fills h and returns 1 (h->note allocated), or returns 0.
 */
int	recog_history_entry(const char *s, struct rhistory *h);

/*
 * Is s a date alone: 2024年3月1日, "March 21, 2024", "1 May, 2024",
 * 2024-03-01 (spaces and a full stop after it)?
 */
int	recog_date_alone(const char *s);

/*
 * A history word alone, as an orphan line says it: （改定）, 【制定】, 改訂;
 * its date, if any, on the next line.  Returns the word without its
 * brackets (caller frees), or NULL.
 */
char	*recog_history_word(const char *s);

/*
 * Is c a character after which a sentence, or a line of its own, may end:
 * 。．.！!？?」』）): and ：?
 */
int	recog_terminal(int32_t c);

/*
 * Could s be a short unnumbered heading (総則, 利用契約, 制定・改定日): 20
 * characters at most, no sentence mark, no tab, no bullet or mark
 * (・ ■ ● ※ - *), not ending as a sentence does (recog_terminal()), no
 * date, no 削除 or 略, and no article, division, named division, caption
 * or marker line (a. counts: a title does not start so)?  The caller weighs what follows it (an article, a
 * caption, a division, a date line) before calling it a heading.
 */
int	recog_plain_title(const char *s);

/*
 * An entry of a contents list that lists a division: a label and a title,
 * however long (第二款　吸収合併存続会社、…の手続), no sentence (。), 100
 * characters at most.  Whether a run of them is a contents list is the
 * caller's to weigh (their numbers come again after the run).
 */
int	recog_contents_division(const char *s);

/*
 * A division that names the articles it holds: 第一章　総則（第一条―第三条）,
 * （第一条・第二条）.  The statute form of a contents list's entries: no
 * heading in the body names its articles.
 */
int	recog_division_range(const char *s);

/*
 * Contents lists in a text of n lines: runs of three lines or more (blank
 * lines allowed), articles with a caption and nothing after it or
 * divisions, whose every article number the text has again after the
 * run (a heading with its caption glued, 第1条運営管理会社, counts as the
 * number again); or divisions that name their articles (第一章　総則（第一条―第三
 * 条）), half of the run or more; or three divisions of one kind in a row
 * with nothing in them.  Deleted articles in a row (第七条　削除) have no
 * second place: they stay.  lines[i] is a line of text, "" a blank line,
 * NULL a line set aside already (both skipped).  Sets toc[i] to 1 for the
 * lines of a contents list (toc[] zeroed by the caller) and returns how
 * many.  termc import drops them; the Markdown reader keeps them as text.
 * English lists are told by their heading (Table of Contents, Contents)
 * over short entry lines; see docs/structure.md.
 */
size_t	recog_contents_runs(const char *const *lines, size_t n,
	    unsigned char *toc);

/* 附則 or 付則 alone on its line (spaces inside allowed): 附　則. */
int	recog_suppl_alone(const char *s);

/*
 * Is s the heading of a contents list: 目次 (spaces inside allowed), or
 * 目次 in brackets?
 */
int	recog_contents_heading(const char *s);

/*
 * An English contents heading: "Table of Contents" (2) or "Contents" (1),
 * in any case, a colon after it allowed; else 0.
 */
int	recog_english_contents_heading(const char *s);

/* An English article numbered in roman: ARTICLE I., Article II, IV. */
struct rroman {
	long		 value;		/* 1 to 89 */
	size_t		 labellen;	/* bytes of the label: "ARTICLE I." */
	const char	*cap;		/* the caption after it, separator
					   skipped; "" if none */
	int		 word;		/* the label names itself: Article,
					   Section */
};

/*
 * Does s start with a roman article label: "Article" or "Section" (any
 * case), a space and a roman numeral of one case (ARTICLE I, Article ii);
 * or a roman numeral and a dot (IV.)?  The end, a space or a separator
 * (recog_caption_sep()) follows.  "I agree", "Vision", "IV.5" are no
 * label.  One line says too little: "I. Overview" may open any outline,
 * so whether a run of them numbers the articles (I, II, III …) is the
 * caller's to weigh.  Fills r and returns 1, or returns 0.
 */
int	recog_roman_article(const char *s, struct rroman *r);
/*
 * Does s start with a lettered article label, "A. Definitions", "B. Use
 * of the Service": a capital letter, a dot, a space and a capitalized
 * caption, perhaps in brackets ("A. (Definitions)")?  Fills r (value 1 for A; word 0) and returns 1, or returns
 * 0.  Whether the letters run as a document's articles (A, B, C …) is
 * the caller's to weigh: "A. Smith" alone is a name.
 */
int	recog_letter_article(const char *s, struct rroman *r);

/*
 * The separator between a heading's label and its caption: spaces, then
 * maybe one of – — : ： ．, or - or . standing apart ("Section 5 –
 * Governing Law", "SECTION 5: GOVERNING LAW", "第5条. 退会"), then spaces.  Returns the
 * bytes to skip (0 when s starts with none of these).
 */
size_t	recog_caption_sep(const char *s);

/*
 * Does s start a decimal clause, "3.2 Late payment", "4.1.2 Fees": a
 * number with a dot inside, a space and a capital or a Japanese word?
 * Whatever article it is under: a wrapped line never runs into one
 * (termc import), where "2.5 million users" and "1.5% per month" go on.
 * recog_subclause() asks the same of a line under a given article.
 */
int	recog_decimal_clause(const char *s);
/*
 * Does s start with a sub-clause number of the article numbered artnum
 * ("2" or "4_1" as clause.h keeps numbers): 2.1, 2.1., 4.1.3, then a
 * space and its text?  The number must extend the article's ("3.5 …"
 * under article 2 is text), and the text must not go on as a quantity
 * does ("3.5 million users", "2.5 %"; "11.9 30 Day Right …" is a
 * clause).  Sets *labellen (the number as
 * written), *skip (where the text starts) and *sub (the last part) and
 * returns 1, or returns 0.
 */
int	recog_subclause(const char *s, const char *artnum, size_t *labellen,
	    size_t *skip, long *sub);
/*
 * The value of the English number word w[0, len), any case: "thirty" 30,
 * "forty-five" 45, "one hundred"-less words up to ninety-nine; -1 if w is
 * none.  Terms write a number in words and then in figures, "thirty (30)
 * days": a wrapped line that opens on "(30)" goes on from "thirty".
 */
long	recog_number_word(const char *w, size_t len);
/*
 * Is t an English section's title after its number (More About the Paid
 * Plans of the Harbor Service, Extra terms that apply when you use some
 * tools, Termination.)?  English takes more letters than Japanese for a
 * title: up to 100 characters and 16 words, no sentence ending inside it
 * (". " and more), no lead into what follows (a closing ",", ":" or ";").
 * One that ends on "." is a title in Title Case or of three words at
 * most; else it is a sentence (1. You must be 13 or older.).
 */
int	recog_en_title(const char *t);
/*
 * Is s, a line standing alone, an English section's title with no number
 * (User Content and Privacy, ACCEPTANCE OF TERMS): capitalized, no digit
 * or colon in it (Last updated: May 2, 2024 is none), no stop at its end,
 * and recog_en_title()?  Whether it heads a section (text follows it, and
 * enough such lines hold the document) is the caller's to weigh.
 */
int	recog_title_alone(const char *s);

#endif
