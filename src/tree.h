/*
 * Dumps of a document's clause tree, for people and tools: JSON (one file
 * only uses jansson for it: treejson.c) and XML in the element names of
 * the Japanese standard law XML schema (treexml.c, with libxml2), and an
 * outline for people (treeoutline.c).
 * Both return a NUL-terminated string the caller frees.
 */
#ifndef TERMC_TREE_H
#define TERMC_TREE_H

struct doc;

char	*tree_json(const struct doc *);
char	*tree_xml(const struct doc *);
/* One clause a line, indented, with its anchor: treeoutline.c. */
char	*tree_outline(const struct doc *);
/* Valid Japanese standard law XML (lawxml.c). */
char	*tree_lawxml(const struct doc *);

#endif
