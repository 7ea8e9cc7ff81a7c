/*
 * The diff as text (hunks labelled by clause, inline edits marked as
 * [-deleted-]{+inserted+}) and as JSON (every change with its kind, ids,
 * labels, texts and edits).  Both walk the annotated tree of diff.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "buf.h"
#include "clause.h"
#include "diag.h"
#include "diff.h"
#include "doc.h"
#include "xalloc.h"

static void
put_label(struct buf *b, const struct diff *D, const struct node *n)
{
	char *s = diff_node_label(D, n);

	buf_puts(b, s);
	free(s);
}

static int
same_label(const struct diff *D, const struct node *a, const struct node *b)
{
	char *x = diff_node_label(D, a), *y = diff_node_label(D, b);
	int same = strcmp(x, y) == 0;

	free(x);
	free(y);
	return same;
}

/* One line for a clause: number, caption, text. */
static void
clause_line(struct buf *b, const struct diff *D, const struct node *n)
{
	size_t r, c;

	if (n->label != NULL) {
		buf_puts(b, n->label);
		if ((n->caption != NULL || n->text != NULL) &&
		    n->type != N_ARTICLE && n->type != N_DIVISION)
			buf_puts(b, label_gap(D, n));
	}
	if (n->caption != NULL) {
		if (n->type == N_ARTICLE && diff_node_ja(D, n))
			buf_printf(b, "（%s）", n->caption);
		else
			buf_printf(b, "%s%s", n->label ? " " : "", n->caption);
	}
	if (n->text != NULL)
		buf_puts(b, n->text);
	if (n->table != NULL)
		for (r = 0; r < n->table->nrows; r++) {
			if (r > 0)
				buf_puts(b, " /");
			for (c = 0; c < n->table->ncols; c++)
				buf_printf(b, " | %s", n->table->cells[r *
				    n->table->ncols + c]);
			buf_puts(b, " |");
		}
}

/* The subtree of n, one clause per line, each line after prefix. */
static void
subtree(struct buf *b, const struct diff *D, const struct node *n,
    const char *prefix)
{
	const struct node *p = n;

	do {
		buf_puts(b, prefix);
		clause_line(b, D, p);
		buf_putc(b, '\n');
	} while ((p = node_next(p, n)) != NULL);
}

/* Text with its edits marked, from the old or new side. */
static void
marked(struct buf *b, const struct dnode *d)
{
	const char *os = d->old->text, *ns = d->new->text;
	size_t at = 0, k;
	const struct dedit *e;

	for (k = 0; k < d->nedits; k++) {
		e = &d->edits[k];
		buf_put(b, ns + at, e->noff - at);
		if (e->olen > 0) {
			buf_puts(b, "[-");
			buf_put(b, os + e->ooff, e->olen);
			buf_puts(b, "-]");
		}
		if (e->nlen > 0) {
			buf_puts(b, "{+");
			buf_put(b, ns + e->noff, e->nlen);
			buf_puts(b, "+}");
		}
		at = e->noff + e->nlen;
	}
	buf_puts(b, ns + at);
}

/*
 * The len bytes of s, which stand at base in the text d's edits count in
 * on one side, with that side's edits marked.
 */
static void
marked_at(struct buf *b, const struct dnode *d, int side_new, const char *s,
    size_t len, size_t base)
{
	size_t at = 0, k, off, end;

	for (k = 0; k < d->nedits; k++) {
		if (!dedit_clip(d, k, side_new, base, len, &off, &end))
			continue;
		buf_put(b, s + at, off - at);
		buf_puts(b, side_new ? "{+" : "[-");
		buf_put(b, s + off, end - off);
		buf_puts(b, side_new ? "+}" : "-]");
		at = end;
	}
	buf_put(b, s + at, len - at);
}

/*
 * One clause of a split or merge, its text at *base in the joined side
 * text, with that side's edits marked.
 */
static void
part_line(struct buf *b, const struct diff *D, const struct dnode *d, const struct node *n,
    int side_new, size_t *base, const char *prefix)
{
	char *s = diff_part_text(n);
	size_t len;

	buf_puts(b, prefix);
	if (s == NULL) {
		clause_line(b, D, n);
		buf_putc(b, '\n');
		return;
	}
	len = strlen(s);
	if (n->label != NULL) {
		buf_puts(b, n->label);
		buf_puts(b, label_gap(D, n));
	}
	marked_at(b, d, side_new, s, len, *base);
	buf_putc(b, '\n');
	*base += len;
	free(s);
}

/*
 * One clause of a reflowed run, as diff_flow_text() reads it, at *base
 * in its side's joined text, with that side's edits marked.
 */
static void
flow_line(struct buf *b, const struct dnode *d, size_t i, int side_new,
    size_t *base)
{
	size_t nf = d->nflow[side_new], len;
	char *s = diff_flow_text(d->flow[side_new][i], i + 1 < nf ?
	    d->flow[side_new][i + 1] : NULL, &len);

	buf_puts(b, side_new ? "+ " : "- ");
	/* What joins it to the next clause is no text of its line. */
	marked_at(b, d, side_new, s, len, *base);
	buf_putc(b, '\n');
	*base += strlen(s);
	free(s);
}

/* "Section 4, paragraph 1〜Section 4, paragraph 9": a run's clauses. */
static void
flow_range(struct buf *b, const struct diff *D, const struct dnode *d,
    int side_new)
{
	size_t n = d->nflow[side_new];

	put_label(b, D, d->flow[side_new][0]);
	if (n > 1) {
		buf_puts(b, "〜");
		put_label(b, D, d->flow[side_new][n - 1]);
	}
}

/* The changed links of d, one a line: "text": [-old-]{+new+}. */
static void
link_lines(struct buf *b, const struct dnode *d)
{
	const struct span *x, *y, *any;
	const char *t;
	size_t k;

	for (k = 0; k < d->nlinks; k++) {
		x = d->links[k].old;
		y = d->links[k].new;
		any = y ? y : x;
		t = y ? d->new->text : d->old->text;
		buf_puts(b, "  link \"");
		buf_put(b, t + any->off, any->len);
		buf_puts(b, "\": ");
		if (x != NULL)
			buf_printf(b, "[-%s-]", x->href);
		if (y != NULL)
			buf_printf(b, "{+%s+}", y->href);
		buf_putc(b, '\n');
	}
}

/* The cells of a changed table, one a line, named by row and column. */
static void
cell_lines(struct buf *b, const struct diff *D, const struct dnode *d)
{
	const struct dcell *c;
	const struct table *ot = d->old->table, *nt = d->new->table;
	char *label, *name;
	size_t k, col;

	if (d->ncells == 0)
		return;
	label = diff_node_label(D, d->new);
	for (k = 0; k < d->ncells; k++) {
		c = &d->cells[k];
		name = dcell_name(d, c);
		buf_printf(b, "  %s %s", label, name);
		if (c->ocol < 0 && c->ncol < 0) {
			const struct table *t = c->nrow >= 0 ? nt : ot;
			long r = c->nrow >= 0 ? c->nrow : c->orow;

			buf_puts(b, c->nrow >= 0 ? " row added:" :
			    " row removed:");
			for (col = 0; col < t->ncols; col++)
				buf_printf(b, " | %s",
				    t->cells[(size_t)r * t->ncols + col]);
			buf_puts(b, " |\n");
		} else if (c->ocol < 0)
			buf_printf(b, " added: %s\n", nt->cells[(size_t)c->nrow *
			    nt->ncols + (size_t)c->ncol]);
		else if (c->ncol < 0)
			buf_printf(b, " removed: %s\n", ot->cells[(size_t)c->orow *
			    ot->ncols + (size_t)c->ocol]);
		else
			buf_printf(b, ": %s → %s\n", ot->cells[(size_t)c->orow *
			    ot->ncols + (size_t)c->ocol], nt->cells[(size_t)c->nrow
			    * nt->ncols + (size_t)c->ncol]);
		free(name);
	}
	free(label);
}

static void
renum_line(struct buf *b, const struct diff *D, const struct drenum *r)
{
	/* A Japanese document says which way, as its legal team does. */
	const char *way = !diff_node_ja(D, r->first->new) ? NULL :
	    drenum_shift(r) > 0 ? "繰下げ" : drenum_shift(r) < 0 ? "繰上げ" :
	    NULL;

	if (r->n == 1) {
		put_label(b, D, r->first->new);
		buf_puts(b, " renumbered from ");
		put_label(b, D, r->first->old);
		if (way != NULL)
			buf_printf(b, " (%s)", way);
	} else {
		put_label(b, D, r->first->old);
		buf_puts(b, "〜");
		put_label(b, D, r->last->old);
		buf_puts(b, " → ");
		put_label(b, D, r->first->new);
		buf_puts(b, "〜");
		put_label(b, D, r->last->new);
		buf_printf(b, " renumbered (%zu clauses%s%s)", r->n,
		    way != NULL ? ", " : "", way != NULL ? way : "");
	}
	buf_putc(b, '\n');
}

void
diff_summary(struct buf *b, const struct diff *D)
{
	static const enum dkind order[] = { DK_ADDED, DK_REMOVED,
	    DK_MODIFIED, DK_MOVED, DK_SPLIT, DK_MERGED, DK_REFLOWED,
	    DK_NORMALIZED, DK_LINKS, DK_MATCHED };
	size_t k, n = 0;
	int any = 0;

	for (k = 0; k < sizeof(order) / sizeof(order[0]); k++) {
		if (D->count[order[k]] == 0)
			continue;
		buf_printf(b, "%s%zu %s", any ? ", " : "",
		    D->count[order[k]], D->cross && order[k] == DK_ADDED ?
		    "only in new" : D->cross && order[k] == DK_REMOVED ?
		    "only in old" : D->cross && order[k] == DK_MODIFIED ?
		    "differing" : order[k] == DK_LINKS ? "link targets changed" :
		    dkind_name(order[k]));
		any = 1;
	}
	if (D->nrenumbered > 0) {
		buf_printf(b, "%s%zu renumbered", any ? ", " : "",
		    D->nrenumbered);
		any = 1;
	}
	for (k = 0; k < D->nrestructs; k++)
		n += D->restructs[k].n;
	if (n > 0) {
		buf_printf(b, "%s%zu restructured", any ? ", " : "", n);
		any = 1;
	}
	if (!any)
		buf_puts(b, "no changes");
	buf_putc(b, '\n');
}

static size_t
nkids(const struct node *n)
{
	size_t k = 0;

	for (n = n->first; n != NULL; n = n->next)
		k++;
	return k;
}

static void
text_hunk(struct buf *b, const struct diff *D, const struct dnode *d)
{
	const struct node *n = d->new ? d->new : d->old;
	size_t k, base;

	switch (d->kind) {
	case DK_ADDED:
	case DK_REMOVED:
		put_label(b, D, n);
		if (d->opened) {
			/* Its clauses follow, each a change of its own. */
			buf_puts(b, d->kind == DK_ADDED ? " added\n+ " :
			    " removed\n- ");
			clause_line(b, D, n);
			buf_putc(b, '\n');
			break;
		}
		if (d->shell) {
			/* Restructuring: the clause's own line only. */
			buf_printf(b, " %s (restructured: %zu clauses %s)\n",
			    d->kind == DK_ADDED ? "added" : "removed",
			    nkids(n), d->kind == DK_ADDED ?
			    "now under it" : "no longer under it");
			buf_puts(b, d->kind == DK_ADDED ? "+ " : "- ");
			clause_line(b, D, n);
			buf_putc(b, '\n');
			break;
		}
		if (d->kind == DK_ADDED)
			buf_puts(b, D->cross ? " only in new\n" : " added\n");
		else
			buf_puts(b, D->cross ? " only in old\n" : " removed\n");
		subtree(b, D, n, d->kind == DK_ADDED ? "+ " : "- ");
		break;
	case DK_MODIFIED:
	case DK_NORMALIZED:
		put_label(b, D, d->new);
		/* Across documents, the old clause where its label differs,
		 * as a matched article's line shows it: new ↔ old. */
		if (D->cross && !same_label(D, d->old, d->new)) {
			buf_puts(b, " ↔ ");
			put_label(b, D, d->old);
		}
		buf_puts(b, d->kind == DK_NORMALIZED ? " normalization only" :
		    D->cross ? " differs" : " modified");
		if (d->renumbered) {
			buf_puts(b, " (renumbered from ");
			put_label(b, D, d->old);
			buf_putc(b, ')');
		}
		buf_putc(b, '\n');
		if (d->caption)
			buf_printf(b, "  caption: [-%s-]{+%s+}\n",
			    d->old->caption ? d->old->caption : "",
			    d->new->caption ? d->new->caption : "");
		if (d->old->text != NULL && d->new->text != NULL) {
			buf_puts(b, "  ");
			if (d->new->label) {
				buf_puts(b, d->new->label);
				buf_puts(b, label_gap(D, d->new));
			}
			marked(b, d);
			buf_putc(b, '\n');
		}
		link_lines(b, d);
		cell_lines(b, D, d);
		break;
	case DK_LINKS:
		put_label(b, D, d->new);
		buf_puts(b, " link target changed\n");
		link_lines(b, d);
		break;
	case DK_MOVED:
		put_label(b, D, d->new);
		buf_puts(b, " moved from ");
		put_label(b, D, d->old);
		buf_putc(b, '\n');
		if (d->shell) {
			/* Its own line moved; its clauses follow. */
			buf_puts(b, "  ");
			clause_line(b, D, d->new);
			buf_putc(b, '\n');
		} else
			subtree(b, D, d->new, "  ");
		break;
	case DK_SPLIT:
	case DK_MERGED:
		put_label(b, D, d->kind == DK_SPLIT ? d->old : d->new);
		buf_puts(b, d->kind == DK_SPLIT ? " split into " :
		    " merged from ");
		put_label(b, D, d->kind == DK_SPLIT ? d->new : d->old);
		for (k = 0; k < d->nparts; k++) {
			buf_puts(b, ", ");
			put_label(b, D, d->parts[k]);
		}
		buf_putc(b, '\n');
		base = 0;
		part_line(b, D, d, d->old, 0, &base, "- ");
		if (d->kind == DK_MERGED)
			for (k = 0; k < d->nparts; k++)
				part_line(b, D, d, d->parts[k], 0, &base, "- ");
		base = 0;
		part_line(b, D, d, d->new, 1, &base, "+ ");
		if (d->kind == DK_SPLIT)
			for (k = 0; k < d->nparts; k++)
				part_line(b, D, d, d->parts[k], 1, &base, "+ ");
		break;
	case DK_REFLOWED:
		flow_range(b, D, d, 0);
		buf_puts(b, " reflowed into ");
		flow_range(b, D, d, 1);
		buf_printf(b, " (%zu clause%s → %zu)\n", d->nflow[0],
		    d->nflow[0] == 1 ? "" : "s", d->nflow[1]);
		for (k = 0, base = 0; k < d->nflow[0]; k++)
			flow_line(b, d, k, 0, &base);
		for (k = 0, base = 0; k < d->nflow[1]; k++)
			flow_line(b, d, k, 1, &base);
		break;
	case DK_MATCHED:
		put_label(b, D, d->new);
		if (d->new->caption && d->new->label)
			buf_printf(b, diff_node_ja(D, d->new) ? "（%s）" :
			    " (%s)", d->new->caption);
		buf_puts(b, " ↔ ");
		put_label(b, D, d->old);
		if (d->old->caption && d->old->label)
			buf_printf(b, diff_node_ja(D, d->old) ? "（%s）" :
			    " (%s)", d->old->caption);
		/* By caption only when both have one and they agree. */
		buf_printf(b, " matched by %s, %d%% similar\n",
		    d->old->caption != NULL && d->new->caption != NULL &&
		    !d->caption ? "caption" : "content", d->sim);
		break;
	default:
		break;
	}
}

/* The paths escaped as diagnostics escape them: text for a terminal. */
static void
header(struct buf *b, const struct diff *D)
{
	char *po = diag_escape(D->old->path), *pn = diag_escape(D->new->path);

	buf_printf(b, "--- %s (%s %s/%s)\n", po, D->old->meta.revision,
	    D->old->meta.provider, D->old->meta.document);
	buf_printf(b, "+++ %s (%s %s/%s)\n", pn, D->new->meta.revision,
	    D->new->meta.provider, D->new->meta.document);
	free(po);
	free(pn);
	if (D->cross)
		buf_puts(b, "different documents: articles aligned by "
		    "caption and content; numbers are not compared\n");
	diff_summary(b, D);
}

/* "restructured: 23 paragraphs now articles (under Terms of Service)". */
static void
restruct_line(struct buf *b, const struct diff *D, const struct drestruct *r)
{
	buf_printf(b, "restructured: %zu %s%s now %s%s", r->n,
	    ntype_name(r->from), r->n > 1 ? "s" : "", ntype_name(r->to),
	    r->n > 1 ? "s" : "");
	if (r->at != NULL && r->at->new != NULL &&
	    r->at->new->type != N_DOCUMENT) {
		buf_puts(b, " (under ");
		put_label(b, D, r->at->new);
		buf_putc(b, ')');
	}
	buf_puts(b, ", text unchanged\n");
}

char *
diff_text(const struct diff *D)
{
	struct buf b;
	const struct dnode *d;
	size_t r = 0;

	buf_init(&b);
	header(&b, D);
	for (r = 0; r < D->nrestructs; r++) {
		buf_putc(&b, '\n');
		restruct_line(&b, D, &D->restructs[r]);
	}
	r = 0;
	/* Runs are in tree order: one cursor finds their starts. */
	for (d = D->root->first; d != NULL; d = dnode_next(d)) {
		/* A lone renumbered clause that changed says so itself. */
		for (; r < D->nrenums && D->renums[r].first == d; r++)
			if (D->renums[r].n > 1 || !dnode_changed(D, d)) {
				buf_putc(&b, '\n');
				renum_line(&b, D, &D->renums[r]);
			}
		if (!dnode_changed(D, d))
			continue;
		buf_putc(&b, '\n');
		text_hunk(&b, D, d);
	}
	return buf_detach(&b);
}

/* ---- JSON ---- */

static json_t *
jstr(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *
jclause(const struct diff *D, const struct node *n)
{
	json_t *o;
	char *l;
	struct buf b;

	if (n == NULL)
		return json_null();
	o = json_object();
	l = diff_node_label(D, n);
	json_object_set_new(o, "id", jstr(n->id));
	json_object_set_new(o, "label", json_string(l));
	json_object_set_new(o, "type", json_string(ntype_name(n->type)));
	json_object_set_new(o, "num", jstr(n->num));
	json_object_set_new(o, "caption", jstr(n->caption));
	buf_init(&b);
	if (n->text != NULL || n->table != NULL)
		clause_line(&b, D, n);
	json_object_set_new(o, "text", n->text ? json_string(n->text) :
	    n->table ? json_string(b.data) : json_null());
	json_object_set_new(o, "line", json_integer(n->line));
	buf_release(&b);
	free(l);
	return o;
}

/*
 * A part of a split or merge: its text is the one the edits count in,
 * a table's cells included (diff_part_text()).
 */
static json_t *
jpart(const struct diff *D, const struct node *n)
{
	json_t *o = jclause(D, n);
	char *t;

	if (n->text == NULL && (t = diff_part_text(n)) != NULL) {
		json_object_set_new(o, "text", json_string(t));
		free(t);
	}
	return o;
}

static json_t *
jedits(const struct dnode *d)
{
	json_t *a = json_array(), *o;
	char *os = dnode_side_text(d, 0), *ns = dnode_side_text(d, 1);
	size_t k;

	if (os == NULL || ns == NULL) {
		free(os);
		free(ns);
		return a;
	}
	for (k = 0; k < d->nedits; k++) {
		const struct dedit *e = &d->edits[k];

		o = json_object();
		json_object_set_new(o, "old", json_pack("[I,I]",
		    (json_int_t)e->ooff, (json_int_t)e->olen));
		json_object_set_new(o, "new", json_pack("[I,I]",
		    (json_int_t)e->noff, (json_int_t)e->nlen));
		json_object_set_new(o, "deleted", json_stringn(os + e->ooff,
		    e->olen));
		json_object_set_new(o, "inserted", json_stringn(ns + e->noff,
		    e->nlen));
		json_array_append_new(a, o);
	}
	free(os);
	free(ns);
	return a;
}

/* Changed links: the link's text and its old and new targets (null
 * where that side has no such link). */
static json_t *
jlinks(const struct dnode *d)
{
	json_t *a = json_array();
	const struct span *x, *y, *any;
	size_t k;

	for (k = 0; k < d->nlinks; k++) {
		x = d->links[k].old;
		y = d->links[k].new;
		any = y ? y : x;
		json_array_append_new(a, json_pack("{s:s%,s:o,s:o}", "text",
		    (y ? d->new->text : d->old->text) + any->off,
		    (size_t)any->len, "old", jstr(x ? x->href : NULL), "new",
		    jstr(y ? y->href : NULL)));
	}
	return a;
}

static json_t *
jedit_list(const struct dedit *e, size_t n, const char *os, const char *ns)
{
	json_t *a = json_array(), *o;
	size_t k;

	for (k = 0; k < n; k++) {
		o = json_object();
		json_object_set_new(o, "old", json_pack("[I,I]",
		    (json_int_t)e[k].ooff, (json_int_t)e[k].olen));
		json_object_set_new(o, "new", json_pack("[I,I]",
		    (json_int_t)e[k].noff, (json_int_t)e[k].nlen));
		json_object_set_new(o, "deleted", json_stringn(os + e[k].ooff,
		    e[k].olen));
		json_object_set_new(o, "inserted", json_stringn(ns + e[k].noff,
		    e[k].nlen));
		json_array_append_new(a, o);
	}
	return a;
}

/*
 * A changed table's cells: each named by its row and column headings
 * ("name"), with the indexes and texts of both sides (null where that
 * side has none; a whole row added or removed has column null and its
 * cells in "old"/"new" as an array) and the edits inside a changed cell.
 */
static json_t *
jcells(const struct dnode *d)
{
	json_t *a = json_array(), *o, *row;
	const struct table *ot = d->old->table, *nt = d->new->table;
	const struct dcell *c;
	const char *os, *ns;
	size_t k, col;
	char *name;

	for (k = 0; k < d->ncells; k++) {
		c = &d->cells[k];
		o = json_object();
		name = dcell_name(d, c);
		json_object_set_new(o, "name", json_string(name));
		free(name);
		json_object_set_new(o, "old_row", c->orow >= 0 ?
		    json_integer(c->orow) : json_null());
		json_object_set_new(o, "new_row", c->nrow >= 0 ?
		    json_integer(c->nrow) : json_null());
		if (c->ocol < 0 && c->ncol < 0) {
			const struct table *t = c->nrow >= 0 ? nt : ot;
			long r = c->nrow >= 0 ? c->nrow : c->orow;

			row = json_array();
			for (col = 0; col < t->ncols; col++)
				json_array_append_new(row, json_string(
				    t->cells[(size_t)r * t->ncols + col]));
			json_object_set_new(o, "column", json_null());
			json_object_set_new(o, c->nrow >= 0 ? "new" : "old",
			    row);
			json_object_set_new(o, c->nrow >= 0 ? "old" : "new",
			    json_null());
			json_array_append_new(a, o);
			continue;
		}
		os = c->ocol >= 0 ? ot->cells[(size_t)c->orow * ot->ncols +
		    (size_t)c->ocol] : NULL;
		ns = c->ncol >= 0 ? nt->cells[(size_t)c->nrow * nt->ncols +
		    (size_t)c->ncol] : NULL;
		json_object_set_new(o, "old_column", c->ocol >= 0 ?
		    json_integer(c->ocol) : json_null());
		json_object_set_new(o, "new_column", c->ncol >= 0 ?
		    json_integer(c->ncol) : json_null());
		json_object_set_new(o, "old", jstr(os));
		json_object_set_new(o, "new", jstr(ns));
		if (os != NULL && ns != NULL)
			json_object_set_new(o, "edits", jedit_list(c->edits,
			    c->nedits, os, ns));
		json_array_append_new(a, o);
	}
	return a;
}

/*
 * A reflowed run: the clauses of each side ("old_clauses",
 * "new_clauses") and the texts its edits count in ("old_text",
 * "new_text": the clauses' diff_flow_text()s joined).
 */
static void
jflow(json_t *o, const struct diff *D, const struct dnode *d)
{
	static const char *const key[2][2] = { { "old_clauses", "old_text" },
	    { "new_clauses", "new_text" } };
	json_t *a;
	char *t;
	size_t k;
	int side;

	for (side = 0; side < 2; side++) {
		a = json_array();
		for (k = 0; k < d->nflow[side]; k++)
			json_array_append_new(a, jclause(D, d->flow[side][k]));
		json_object_set_new(o, key[side][0], a);
		t = dnode_side_text(d, side);
		json_object_set_new(o, key[side][1], json_string(t));
		free(t);
	}
}

static json_t *
jdoc(const struct doc *doc)
{
	return json_pack("{s:s,s:s?,s:s?,s:s?,s:s?}", "path", doc->path,
	    "provider", doc->meta.provider, "document", doc->meta.document,
	    "revision", doc->meta.revision, "title", doc->meta.title);
}

char *
diff_json(const struct diff *D)
{
	json_t *root = json_object(), *a, *o, *parts, *sum;
	const struct dnode *d;
	size_t k, n;
	char *s, *out;
	char *l1, *l2, *l3, *l4;

	json_object_set_new(root, "old", jdoc(D->old));
	json_object_set_new(root, "new", jdoc(D->new));
	json_object_set_new(root, "cross", json_boolean(D->cross));
	json_object_set_new(root, "changed", json_boolean(diff_changed(D)));
	sum = json_object();
	for (k = 1; k < DK__MAX; k++)
		if (D->count[k] > 0)
			json_object_set_new(sum, dkind_name(k),
			    json_integer((json_int_t)D->count[k]));
	if (D->nrenumbered)
		json_object_set_new(sum, "renumbered",
		    json_integer((json_int_t)D->nrenumbered));
	for (k = 0, n = 0; k < D->nrestructs; k++)
		n += D->restructs[k].n;
	if (n > 0)
		json_object_set_new(sum, "restructured",
		    json_integer((json_int_t)n));
	json_object_set_new(root, "summary", sum);
	a = json_array();
	for (k = 0; k < D->nrenums; k++) {
		const struct drenum *r = &D->renums[k];

		l1 = diff_node_label(D, r->first->old);
		l2 = diff_node_label(D, r->last->old);
		l3 = diff_node_label(D, r->first->new);
		l4 = diff_node_label(D, r->last->new);
		o = json_pack("{s:s,s:s,s:s,s:s,s:I}", "old_first", l1,
		    "old_last", l2, "new_first", l3, "new_last", l4, "count",
		    (json_int_t)r->n);
		if (drenum_shift(r) != 0)
			json_object_set_new(o, "direction", json_string(
			    drenum_shift(r) > 0 ? "down" : "up"));
		json_array_append_new(a, o);
		free(l1);
		free(l2);
		free(l3);
		free(l4);
	}
	json_object_set_new(root, "renumbered", a);
	a = json_array();
	for (k = 0; k < D->nrestructs; k++) {
		const struct drestruct *r = &D->restructs[k];

		l1 = r->at != NULL && r->at->new != NULL &&
		    r->at->new->type != N_DOCUMENT ?
		    diff_node_label(D, r->at->new) : xstrdup("");
		json_array_append_new(a, json_pack("{s:s,s:s,s:s,s:I}", "under",
		    l1, "from", ntype_name(r->from), "to", ntype_name(r->to),
		    "count", (json_int_t)r->n));
		free(l1);
	}
	json_object_set_new(root, "restructured", a);
	a = json_array();
	for (d = D->root->first; d != NULL; d = dnode_next(d)) {
		if (!dnode_changed(D, d) && !(d->renumbered &&
		    d->kind == DK_SAME))
			continue;
		o = json_object();
		json_object_set_new(o, "kind", json_string(
		    d->kind == DK_SAME ? "renumbered" : dkind_name(d->kind)));
		json_object_set_new(o, "renumbered",
		    json_boolean(d->renumbered));
		if (d->caption)
			json_object_set_new(o, "caption_changed",
			    json_true());
		if (d->opened)
			json_object_set_new(o, "own_line", json_true());
		else if (d->shell)
			json_object_set_new(o, "restructured", json_true());
		if (d->kind == DK_MATCHED)
			json_object_set_new(o, "similarity",
			    json_integer(d->sim));
		json_object_set_new(o, "old", jclause(D, d->old));
		json_object_set_new(o, "new", jclause(D, d->new));
		if (d->kind == DK_REFLOWED)
			jflow(o, D, d);
		if (d->nparts > 0) {
			parts = json_array();
			for (k = 0; k < d->nparts; k++)
				json_array_append_new(parts,
				    jpart(D, d->parts[k]));
			json_object_set_new(o, "parts", parts);
		}
		if (d->nlinks > 0)
			json_object_set_new(o, "links", jlinks(d));
		if (d->ncells > 0)
			json_object_set_new(o, "cells", jcells(d));
		if (d->kind == DK_REFLOWED || (d->old && d->new &&
		    d->old->text && d->new->text &&
		    (d->kind == DK_MODIFIED || d->kind == DK_NORMALIZED ||
		    d->kind == DK_LINKS ||
		    d->kind == DK_SPLIT || d->kind == DK_MERGED)))
			json_object_set_new(o, "edits", jedits(d));
		json_array_append_new(a, o);
	}
	json_object_set_new(root, "changes", a);
	s = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(root);
	out = xstrdup(s);
	free(s);
	return out;
}
