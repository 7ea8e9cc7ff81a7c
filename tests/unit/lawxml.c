/*
 * Unit tests for lawxml.c on clause trees that no terms file makes
 * through Markdown (a division under an article, an empty division, an
 * article of a table alone, items right under a division, sub-items
 * twelve deep, an empty 付則, text after a chapter, a table of a header
 * row only): the export keeps every word and, when the schema is at
 * ../shared/corpus/egov-xml/stdLaw.xsd, is valid against it.  Also the
 * era and year of dates at the edges of 平成 and 令和.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xmlschemas.h>

#include "clause.h"
#include "doc.h"
#include "pool.h"
#include "tap.h"
#include "tree.h"

#define SCHEMA	"../shared/corpus/egov-xml/stdLaw.xsd"

static struct node *
mk(struct node *parent, enum ntype t, const char *label, const char *text)
{
	struct node *n = node_new(parent->pool, t, 1, 1);

	n->label = label ? pool_strdup(n->pool, label) : NULL;
	n->text = text ? pool_strdup(n->pool, text) : NULL;
	node_append(parent, n);
	return n;
}

static struct node *
mkdiv(struct node *parent, enum divkind k, const char *label,
    const char *caption)
{
	struct node *n = mk(parent, N_DIVISION, label, NULL);

	n->divkind = k;
	n->caption = caption ? pool_strdup(n->pool, caption) : NULL;
	return n;
}

static void
table(struct node *parent, size_t nrows, const char *const *cells)
{
	struct node *n = mk(parent, N_TABLE, NULL, NULL);
	struct table *t = pool_calloc(n->pool, 1, sizeof(*t));
	size_t i;

	t->nrows = nrows;
	t->ncols = 2;
	t->cells = pool_calloc(n->pool, nrows * 2, sizeof(char *));
	t->align = pool_calloc(n->pool, 2, 1);
	for (i = 0; i < nrows * 2; i++)
		t->cells[i] = pool_strdup(n->pool, cells[i]);
	n->table = t;
}

static void
doc_init(struct doc *d, const char *revision)
{
	static char provider[] = "test", document[] = "unit",
	    title[] = "単体試験", lang[] = "ja", rev[11];

	memset(d, 0, sizeof(*d));
	snprintf(rev, sizeof(rev), "%s", revision);
	d->meta.provider = provider;
	d->meta.document = document;
	d->meta.title = title;
	d->meta.revision = rev;
	d->meta.lang = lang;
	d->root = node_tree(1, 1);
}

/* Is xml valid against the schema?  -1 when the schema is not there. */
static int
valid(const char *xml)
{
	xmlSchemaParserCtxtPtr pc;
	xmlSchemaValidCtxtPtr vc;
	xmlSchemaPtr schema;
	xmlDocPtr doc;
	FILE *fp;
	int r;

	if ((fp = fopen(SCHEMA, "r")) == NULL)
		return -1;
	fclose(fp);
	pc = xmlSchemaNewParserCtxt(SCHEMA);
	schema = xmlSchemaParse(pc);
	vc = xmlSchemaNewValidCtxt(schema);
	doc = xmlReadMemory(xml, (int)strlen(xml), "lawxml", "UTF-8",
	    XML_PARSE_NONET);
	r = doc != NULL && xmlSchemaValidateDoc(vc, doc) == 0;
	xmlFreeDoc(doc);
	xmlSchemaFreeValidCtxt(vc);
	xmlSchemaFree(schema);
	xmlSchemaFreeParserCtxt(pc);
	return r;
}

static void
check_valid(const char *xml, const char *name)
{
	char what[128];
	int v = valid(xml);

	if (v < 0) {
		printf("ok %d %s # skip: %s not found\n", ++tap_n, name, SCHEMA);
		return;
	}
	snprintf(what, sizeof(what), "%s: valid against stdLaw.xsd", name);
	if (!tap(v, what))
		printf("# %s\n", xml);
}

static void
era(const char *date, const char *want)
{
	struct doc d;
	char *xml, name[64];

	doc_init(&d, date);
	mk(d.root, N_PARAGRAPH, NULL, "本文");
	xml = tree_lawxml(&d);
	snprintf(name, sizeof(name), "%s is %s", date, want);
	tap(strstr(xml, want) != NULL, name);
	free(xml);
	node_free(d.root);
}

int
main(void)
{
	static const char *const cells[] = {
		"見出し左", "見出し右", "左の値", "右の値"
	};
	static const char *const words[] = {
		"第1条", "条の文", "別記", "別記の文", "第2章", "空の章",
		"表だけの条", "見出し左", "右の値", "直下の号", "十二段目",
		"付則", "章の後の文", "見出し行だけ", "ただし、例外とする。",
	};
	struct node *ch, *a, *d, *n;
	struct doc doc;
	char *xml, name[80];
	size_t i;
	int k;

	doc_init(&doc, "2024-04-01");
	ch = mkdiv(doc.root, DIV_CHAPTER, "第1章", "総則");
	a = mk(ch, N_ARTICLE, "第1条", NULL);
	mk(a, N_PARAGRAPH, NULL, "条の文。ただし、例外とする。");
	d = mkdiv(a, DIV_OTHER, NULL, "別記");		/* under an article */
	mk(d, N_PARAGRAPH, NULL, "別記の文");
	mkdiv(doc.root, DIV_CHAPTER, "第2章", "空の章");	/* empty */
	ch = mkdiv(doc.root, DIV_CHAPTER, "第3章", NULL);
	a = mk(ch, N_ARTICLE, "第2条", NULL);
	a->caption = pool_strdup(a->pool, "表だけの条");
	table(a, 2, cells);				/* no paragraph */
	mk(ch, N_ITEM, "一", "直下の号");		/* item under a division */
	n = mk(ch, N_PARAGRAPH, NULL, "段落");
	n = mk(n, N_ITEM, "一", "号");
	for (k = 1; k <= 12; k++) {
		n = mk(n, N_SUBITEM, "イ", k == 12 ? "十二段目" : "細目");
		n->level = k;
	}
	mk(doc.root, N_PARAGRAPH, NULL, "章の後の文");	/* after a chapter */
	mkdiv(doc.root, DIV_SUPPL, NULL, "付則");		/* empty */
	d = mkdiv(doc.root, DIV_APPENDIX, NULL, "別表");
	a = mk(d, N_PARAGRAPH, NULL, "見出し行だけの表:");
	table(d, 1, cells);				/* header row only */

	xml = tree_lawxml(&doc);
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		snprintf(name, sizeof(name), "every word is kept: %s",
		    words[i]);
		tap(strstr(xml, words[i]) != NULL, name);
	}
	tap(strstr(xml, "<Sentence Num=\"2\" Function=\"proviso\">"
	    "ただし、例外とする。</Sentence>") != NULL,
	    "ただし書 is a proviso Sentence");
	tap(strstr(xml, "<Subitem10Title>") != NULL &&
	    strstr(xml, "Subitem11") == NULL,
	    "sub-items below Subitem10 stay at Subitem10");
	tap(strstr(xml, " id=") == NULL && strstr(xml, " line=") == NULL,
	    "no termc attributes");
	check_valid(xml, "trees Markdown cannot make");
	free(xml);
	node_free(doc.root);

	/* A document of nothing still has a MainProvision with an article. */
	doc_init(&doc, "2024-04-01");
	xml = tree_lawxml(&doc);
	check_valid(xml, "an empty document");
	free(xml);
	node_free(doc.root);

	era("2019-04-30", "Era=\"Heisei\" Year=\"31\" Num=\"1\" "
	    "PromulgateMonth=\"4\" PromulgateDay=\"30\"");
	era("2019-05-01", "Era=\"Reiwa\" Year=\"1\"");
	era("1989-01-07", "Era=\"Showa\" Year=\"64\"");
	era("1989-01-08", "Era=\"Heisei\" Year=\"1\"");
	era("1900-01-01", "Era=\"Meiji\" Year=\"33\"");
	xmlCleanupParser();
	return tap_failed != 0;
}
