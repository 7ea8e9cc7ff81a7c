/*
 * Unit tests for topics.c's split-once contract (issue 17): an article's
 * text is split into sentences once, when it is classified, whatever the
 * number of topics and patterns; matching and the matrix's values work on
 * those bounds.  The count of sentences delimited (tagging.nsplit) is the
 * same for a taxonomy of one topic and one of many, and grows exactly with
 * the document: four times the articles, four times the splits.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "doc.h"
#include "tap.h"
#include "topics.h"

static const char one_topic[] =
    "version: 1\n"
    "topics:\n"
    "  - id: late\n"
    "    ja: 遅延損害金\n"
    "    en: Late interest\n"
    "    patterns: [遅延損害金]\n"
    "    value: rate\n";

static const char many_topics[] =
    "version: 1\n"
    "topics:\n"
    "  - id: late\n"
    "    ja: 遅延損害金\n"
    "    en: Late interest\n"
    "    patterns: [遅延損害金, 遅延…利率, 延滞…利息, 支払…遅延]\n"
    "    value: rate\n"
    "  - id: change\n"
    "    ja: 変更\n"
    "    en: Changes\n"
    "    patterns: [変更…通知, 変更…前まで, 約款…変更, 改定]\n"
    "    exclude: [料金]\n"
    "    value: notice\n"
    "  - id: law\n"
    "    ja: 準拠法\n"
    "    en: Governing law\n"
    "    captions: [準拠法]\n"
    "    patterns: [準拠, 日本法, governed by]\n"
    "    value: law\n"
    "  - id: court\n"
    "    ja: 裁判所\n"
    "    en: Court\n"
    "    patterns: [裁判所, 管轄, courts located in]\n"
    "    value: court\n";

/* Three articles; the first has three sentences, the others two and one. */
static const char articles[] =
    "## 第%d条（遅延損害金）\n\n"
    "契約者は、支払を遅延したときは、年14.6%%の遅延損害金を支払います。"
    "ただし、当社の責めによる場合を除きます。\n\n"
    "2 前項の利率は変更しません。\n\n"
    "## 第%d条（約款の変更）\n\n"
    "当社は、30日前までに通知して本約款を変更します。料金の変更も同じです。\n\n"
    "## 第%d条（準拠法）\n\n"
    "本約款は日本法に準拠します。\n\n";
#define SENTENCES_PER_COPY	6

static struct doc *
doc_of(int copies)
{
	struct diags d;
	struct doc *doc;
	struct buf b;
	int i;

	buf_init(&b);
	buf_puts(&b, "---\nprovider: p\nprovider_name: P\ndocument: d\n"
	    "title: T\nrevision: 2024-01-01\n---\n\n");
	for (i = 0; i < copies; i++)
		buf_printf(&b, articles, 3 * i + 1, 3 * i + 2, 3 * i + 3);
	diags_init(&d);
	doc = doc_load_mem("t.md", b.data, b.len, &d);
	diags_release(&d);
	buf_release(&b);
	return doc;
}

/* Sentences delimited when doc is classified with the taxonomy tax. */
static size_t
splits(const char *tax, struct doc *doc, size_t *nart)
{
	struct taxonomy t;
	struct tagging g;
	struct diags d;
	size_t n, i, sum = 0;

	diags_init(&d);
	if (taxonomy_load_mem(&t, "topics.yaml", tax, strlen(tax), &d) != 0) {
		diags_print(&d, stdout);
		diags_release(&d);
		return 0;
	}
	topics_classify(&g, &t, doc, &d);
	n = g.nsplit;
	for (i = 0; i < g.n; i++)
		sum += g.v[i].nsent;
	if (sum != n)
		n = 0;		/* nsplit must be the articles' sentences */
	*nart = g.n;
	tagging_release(&g);
	taxonomy_release(&t);
	diags_release(&d);
	return n;
}

int
main(void)
{
	struct doc *d1 = doc_of(1), *d4 = doc_of(4);
	struct taxonomy t;
	struct tagging g;
	struct diags d;
	size_t n1, nmany, n4, na1, na4, at, k;

	if (!tap(d1 != NULL && d4 != NULL, "documents load"))
		return 1;
	n1 = splits(one_topic, d1, &na1);
	tap_long((long)na1, 3, "three articles");
	tap_long((long)n1, SENTENCES_PER_COPY,
	    "each sentence is delimited once, with one topic");
	nmany = splits(many_topics, d1, &na1);
	tap_long((long)nmany, (long)n1,
	    "four topics and fifteen patterns split no more");
	n4 = splits(many_topics, d4, &na4);
	tap_long((long)na4, 12, "twelve articles");
	tap_long((long)n4, 4 * (long)n1, "four times the text, four times "
	    "the splits");

	/* pattern_sentence: the sentence index, excludes, and from k on. */
	diags_init(&d);
	taxonomy_load_mem(&t, "topics.yaml", many_topics,
	    strlen(many_topics), &d);
	topics_classify(&g, &t, d1, &d);
	k = pattern_sentence(&t.v[0], "遅延損害金", &g.v[0], 0, &at);
	tap_long((long)k, 0, "the pattern's sentence");
	tap(memcmp(g.v[0].norm + at, "遅延損害金", strlen("遅延損害金")) == 0,
	    "at is the match");
	k = pattern_sentence(&t.v[0], "利率", &g.v[0], 0, &at);
	tap_long((long)k, 2, "a later sentence (its own paragraph)");
	k = pattern_sentence(&t.v[0], "遅延損害金", &g.v[0], 1, &at);
	tap_long((long)k, (long)g.v[0].nsent, "none from sentence 1 on");
	k = pattern_sentence(&t.v[1], "変更", &g.v[1], 0, &at);
	tap_long((long)k, 0, "the change sentence");
	k = pattern_sentence(&t.v[1], "変更", &g.v[1], 1, &at);
	tap_long((long)k, (long)g.v[1].nsent,
	    "a sentence with an exclude does not match");
	tap(g.v[1].set[1] == TAG_TEXT && g.v[2].set[2] == TAG_CAPTION,
	    "topics by text and by caption");
	tagging_release(&g);
	taxonomy_release(&t);
	diags_release(&d);
	doc_free(d1);
	doc_free(d4);
	return tap_failed != 0;
}
