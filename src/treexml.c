/*
 * The clause tree as XML, in the element names of the Japanese standard
 * law XML (法令標準XMLスキーマ) where they fit: Article/ArticleCaption/
 * ArticleTitle, Paragraph/ParagraphNum/ParagraphSentence, Item/ItemTitle/
 * ItemSentence, Subitem1…/Subitem1Title/Subitem1Sentence, Chapter/Section
 * with …Title, SupplProvision, AppdxTable, TableStruct/Table/TableRow/
 * TableColumn.  Unnumbered headings are Division elements.  Every element
 * also carries termc's id and source line as attributes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "clause.h"
#include "doc.h"
#include "tree.h"
#include "xalloc.h"

#define X(s)	((const xmlChar *)(s))

static const char *
div_element(enum divkind k)
{
	switch (k) {
	case DIV_PART: return "Part";
	case DIV_CHAPTER: return "Chapter";
	case DIV_SECTION: return "Section";
	case DIV_SUBSECTION: return "Subsection";
	case DIV_DIVISION: return "Division";
	case DIV_SUPPL: return "SupplProvision";
	case DIV_APPENDIX: return "AppdxTable";
	default: return "Division";
	}
}

/* A table column's alignment as the Align attribute says it, or NULL. */
static const char *
align_name(char a)
{
	return a == 'l' ? "left" : a == 'c' ? "center" : a == 'r' ? "right" :
	    NULL;
}

static void
attrs(xmlNodePtr x, const struct node *n)
{
	char line[16];

	if (n->num)
		xmlNewProp(x, X("Num"), X(n->num));
	if (n->id)
		xmlNewProp(x, X("id"), X(n->id));
	snprintf(line, sizeof(line), "%d", n->line);
	xmlNewProp(x, X("line"), X(line));
}

static void
sentence(xmlNodePtr parent, const char *wrapper, const char *text)
{
	xmlNodePtr w = xmlNewChild(parent, NULL, X(wrapper), NULL);

	xmlNewTextChild(w, NULL, X("Sentence"), X(text ? text : ""));
}

static void
emit(xmlNodePtr parent, const struct node *n)
{
	const struct node *c;
	xmlNodePtr x = NULL, row, col;
	char name[32], title[40];
	size_t r, k;

	switch (n->type) {
	case N_DIVISION:
		x = xmlNewChild(parent, NULL, X(div_element(n->divkind)), NULL);
		attrs(x, n);
		snprintf(title, sizeof(title), "%s%s",
		    n->divkind == DIV_SUPPL ? "SupplProvisionLabel" :
		    n->divkind == DIV_APPENDIX ? "AppdxTableTitle" :
		    div_element(n->divkind), n->divkind == DIV_SUPPL ||
		    n->divkind == DIV_APPENDIX ? "" : "Title");
		{
			xmlNodePtr t = xmlNewChild(x, NULL, X(title), NULL);

			if (n->label)
				xmlNodeAddContent(t, X(n->label));
			if (n->label && n->caption)
				xmlNodeAddContent(t, X("\xe3\x80\x80"));
			if (n->caption)
				xmlNodeAddContent(t, X(n->caption));
		}
		break;
	case N_ARTICLE:
		x = xmlNewChild(parent, NULL, X("Article"), NULL);
		attrs(x, n);
		if (n->caption) {
			xmlNodePtr t = xmlNewChild(x, NULL,
			    X("ArticleCaption"), NULL);

			xmlNodeAddContent(t, X("\xef\xbc\x88"));	/* （ */
			xmlNodeAddContent(t, X(n->caption));
			xmlNodeAddContent(t, X("\xef\xbc\x89"));	/* ） */
		}
		xmlNewTextChild(x, NULL, X("ArticleTitle"),
		    X(n->label ? n->label : ""));
		break;
	case N_PARAGRAPH:
		x = xmlNewChild(parent, NULL, X("Paragraph"), NULL);
		attrs(x, n);
		/* A sub-clause's title: ### 2.1 Registration. */
		if (n->caption)
			xmlNewTextChild(x, NULL, X("ParagraphCaption"),
			    X(n->caption));
		xmlNewTextChild(x, NULL, X("ParagraphNum"),
		    X(n->label ? n->label : ""));
		sentence(x, "ParagraphSentence", n->text);
		break;
	case N_ITEM:
		x = xmlNewChild(parent, NULL, X("Item"), NULL);
		attrs(x, n);
		xmlNewTextChild(x, NULL, X("ItemTitle"),
		    X(n->label ? n->label : ""));
		sentence(x, "ItemSentence", n->text);
		break;
	case N_SUBITEM:
		snprintf(name, sizeof(name), "Subitem%d", n->level);
		x = xmlNewChild(parent, NULL, X(name), NULL);
		attrs(x, n);
		snprintf(title, sizeof(title), "%sTitle", name);
		xmlNewTextChild(x, NULL, X(title), X(n->label ? n->label : ""));
		snprintf(title, sizeof(title), "%sSentence", name);
		sentence(x, title, n->text);
		break;
	case N_TABLE:
		x = xmlNewChild(parent, NULL, X("TableStruct"), NULL);
		attrs(x, n);
		{
			xmlNodePtr t = xmlNewChild(x, NULL, X("Table"), NULL);

			for (r = 0; r < n->table->nrows; r++) {
				row = xmlNewChild(t, NULL, X("TableRow"), NULL);
				for (k = 0; k < n->table->ncols; k++) {
					col = xmlNewTextChild(row, NULL,
					    X(r == 0 ? "TableHeaderColumn" :
					    "TableColumn"), X(n->table->cells[
					    r * n->table->ncols + k]));
					if (align_name(n->table->align[k]))
						xmlNewProp(col, X("Align"),
						    X(align_name(
						    n->table->align[k])));
				}
			}
		}
		break;
	default:
		return;
	}
	for (c = n->first; c != NULL; c = c->next)
		emit(x, c);
}

char *
tree_xml(const struct doc *doc)
{
	xmlDocPtr xd = xmlNewDoc(X("1.0"));
	xmlNodePtr law, body, pre = NULL, main;
	const struct node *c;
	xmlChar *mem = NULL;
	int size = 0;
	char *r;

	law = xmlNewNode(NULL, X("Law"));
	xmlDocSetRootElement(xd, law);
	xmlNewProp(law, X("Lang"), X(doc->meta.lang));
	xmlNewProp(law, X("provider"), X(doc->meta.provider));
	xmlNewProp(law, X("document"), X(doc->meta.document));
	xmlNewProp(law, X("revision"), X(doc->meta.revision));
	body = xmlNewChild(law, NULL, X("LawBody"), NULL);
	xmlNewTextChild(body, NULL, X("LawTitle"), X(doc->meta.title));
	main = NULL;
	for (c = doc->root->first; c != NULL; c = c->next) {
		if (c->type == N_PARAGRAPH && main == NULL) {
			if (pre == NULL)
				pre = xmlNewChild(body, NULL, X("Preamble"),
				    NULL);
			emit(pre, c);
			continue;
		}
		if (c->type == N_DIVISION && (c->divkind == DIV_SUPPL ||
		    c->divkind == DIV_APPENDIX)) {
			emit(body, c);
			continue;
		}
		if (main == NULL)
			main = xmlNewChild(body, NULL, X("MainProvision"),
			    NULL);
		emit(main, c);
	}
	xmlDocDumpFormatMemoryEnc(xd, &mem, &size, "UTF-8", 1);
	r = xstrndup((const char *)mem, (size_t)size);
	xmlFree(mem);
	xmlFreeDoc(xd);
	return r;
}
