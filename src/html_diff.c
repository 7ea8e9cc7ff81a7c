/*
 * The 新旧対照表 (old/new comparison table) of a diff, as Japanese legal
 * teams publish it: two columns, 改正後 | 改正前 (or the other order),
 * one row per changed clause with the changed characters underlined
 * (<ins> on the new side, <del> on the old, both drawn underlined),
 * （新設） and （削る） where a side has nothing, and unchanged clauses
 * folded as 「（略）」 in <details>, which opens without JavaScript.  A
 * summary of the changes heads the page.  Part of the libxml2 layer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLtree.h>

#include "buf.h"
#include "clause.h"
#include "diff.h"
#include "doc.h"
#include "html.h"
#include "htmlkit.h"
#include "template.h"
#include "version.h"
#include "xalloc.h"


struct hctx {
	const struct diff	*D;
	int			 new_first;
	xmlNodePtr		 rows;
};

static void
texts(xmlNodePtr parent, const char *s)
{
	hk_lines(parent, s, strlen(s));
}

/* A short label for folds inside a clause: 第3項, 第2号; else the path. */
static char *
short_label(const struct diff *D, const struct node *n)
{
	struct buf b;

	if (!diff_node_ja(D, n))
		return NULL;
	if (n->parent != NULL && n->parent->type == N_DOCUMENT &&
	    n->type != N_ARTICLE && n->type != N_DIVISION)
		return xstrdup("前文");
	if (n->num == NULL || (n->type != N_PARAGRAPH && n->type != N_ITEM))
		return NULL;
	buf_init(&b);
	buf_printf(&b, n->type == N_PARAGRAPH ? "第%s項" : "第%s号", n->num);
	return buf_detach(&b);
}

/* The heading of a clause: label and caption, the changed parts marked. */
static void
heading(const struct diff *D, xmlNodePtr p, const struct node *n,
    int mark_num, int mark_cap, const char *mark)
{
	xmlNodePtr t = p;
	int ja = diff_node_ja(D, n);

	if (n->label != NULL) {
		if (mark_num)
			t = hk_el(p, mark, NULL);
		texts(t, n->label);
		if ((n->type == N_DIVISION || !ja) && n->caption)
			texts(p, " ");
		else if (n->type != N_ARTICLE && (n->text || n->caption))
			texts(p, label_gap(D, n));
	}
	if (n->caption != NULL) {
		t = mark_cap ? hk_el(p, mark, NULL) : p;
		if (n->type == N_ARTICLE && ja) {
			texts(t, "（");
			texts(t, n->caption);
			texts(t, "）");
		} else
			texts(t, n->caption);
	}
}

/*
 * The change d records for cell (r, c) of one side, or NULL: a cell of
 * a row added or removed whole, or a changed cell.
 */
static const struct dcell *
find_cell(const struct dnode *d, int side_new, size_t r, size_t c)
{
	const struct dcell *x;
	size_t k;
	long row, col;

	if (d == NULL)
		return NULL;
	for (k = 0; k < d->ncells; k++) {
		x = &d->cells[k];
		row = side_new ? x->nrow : x->orow;
		col = side_new ? x->ncol : x->ocol;
		if (row != (long)r)
			continue;
		if (x->ocol < 0 && x->ncol < 0)
			return (side_new ? x->nrow : x->orow) >= 0 &&
			    (side_new ? x->orow : x->nrow) < 0 ? x : NULL;
		if (col == (long)c)
			return x;
	}
	return NULL;
}

/* A table; with d, its changed cells underlined on this side. */
static void
table_text(xmlNodePtr cell, const struct node *n, const struct dnode *d,
    int side_new)
{
	const char *mark = side_new ? "ins" : "del";
	xmlNodePtr table = hk_el(cell, "table", NULL), tr, td;
	const struct dcell *x;
	const char *s;
	size_t r, c, k, at, off, len;

	for (r = 0; r < n->table->nrows; r++) {
		tr = hk_el(table, "tr", NULL);
		for (c = 0; c < n->table->ncols; c++) {
			td = hk_el(tr, r == 0 ? "th" : "td", NULL);
			s = n->table->cells[r * n->table->ncols + c];
			x = find_cell(d, side_new, r, c);
			if (x == NULL) {
				texts(td, s);
				continue;
			}
			if (x->nedits == 0) {
				if (*s != '\0')
					texts(hk_el(td, mark, NULL), s);
				continue;
			}
			for (k = 0, at = 0; k < x->nedits; k++) {
				off = side_new ? x->edits[k].noff :
				    x->edits[k].ooff;
				len = side_new ? x->edits[k].nlen :
				    x->edits[k].olen;
				hk_lines(td, s + at, off - at);
				if (len > 0)
					hk_lines(hk_el(td, mark, NULL), s + off,
					    len);
				at = off + len;
			}
			texts(td, s + at);
		}
	}
}

/* One clause's own line; edits (old or new side) underlined. */
static void
clause_p(const struct diff *D, xmlNodePtr cell, const struct node *n, const struct dnode *d,
    int side_new, int whole)
{
	const char *mark = side_new ? "ins" : "del";
	xmlNodePtr p = hk_el(cell, "p", n->type == N_ARTICLE ||
	    n->type == N_DIVISION ? "heading" : NULL);
	const char *s = n->text;
	size_t at = 0, k, off, len;

	if (n->table != NULL) {
		table_text(whole ? hk_el(cell, mark, NULL) : cell, n,
		    whole ? NULL : d, side_new);
		return;
	}
	if (whole) {
		p = hk_el(p, mark, NULL);
		heading(D, p, n, 0, 0, mark);
	} else
		heading(D, p, n, d != NULL && d->renumbered,
		    d != NULL && d->caption, mark);
	if (s == NULL)
		return;
	if (whole || d == NULL || d->nedits == 0 ||
	    (d->kind != DK_MODIFIED && d->kind != DK_NORMALIZED &&
	    d->kind != DK_LINKS)) {
		texts(p, s);
		return;
	}
	for (k = 0; k < d->nedits; k++) {
		off = side_new ? d->edits[k].noff : d->edits[k].ooff;
		len = side_new ? d->edits[k].nlen : d->edits[k].olen;
		hk_lines(p, s + at, off - at);
		if (len > 0)
			hk_lines(hk_el(p, mark, NULL), s + off, len);
		at = off + len;
	}
	texts(p, s + at);
}

/*
 * One clause of a split or merge: its text sits at *base in the joined
 * text the edits count in (dnode_side_text()).  A part's number is new
 * (split) or gone (merged): it is marked too.
 */
static void
part_p(const struct diff *D, xmlNodePtr cell, const struct dnode *d, const struct node *n,
    int side_new, int mark_num, size_t *base)
{
	const char *mark = side_new ? "ins" : "del";
	xmlNodePtr p = hk_el(cell, "p", NULL);
	const char *s = n->text;
	size_t len, at = 0, k, off, end;

	heading(D, p, n, mark_num, 0, mark);
	if (s == NULL)
		return;
	len = strlen(s);
	for (k = 0; k < d->nedits; k++) {
		if (!dedit_clip(d, k, side_new, *base, len, &off, &end))
			continue;
		hk_lines(p, s + at, off - at);
		hk_lines(hk_el(p, mark, NULL), s + off, end - off);
		at = end;
	}
	texts(p, s + at);
	*base += len;
}

/*
 * The changed links' targets of one side, each marked, as text: the
 * page never links to what the input names (a target may be unsafe),
 * it only says where the clause pointed.
 */
static void
link_p(xmlNodePtr cell, const struct dnode *d, int side_new)
{
	const struct span *sp;
	xmlNodePtr p;
	size_t k;

	for (k = 0; k < d->nlinks; k++) {
		sp = side_new ? d->links[k].new : d->links[k].old;
		if (sp == NULL)
			continue;
		p = hk_el(cell, "p", "link");
		texts(p, "リンク先: ");
		texts(hk_el(p, side_new ? "ins" : "del", NULL), sp->href);
	}
}

/* A whole subtree, every line of it (added, removed, moved, folded). */
static void
clause_tree(const struct diff *D, xmlNodePtr cell, const struct node *n, int side_new, int whole)
{
	const struct node *p = n;

	do
		clause_p(D, cell, p, NULL, side_new, whole);
	while ((p = node_next(p, n)) != NULL);
}

static void
placeholder(xmlNodePtr cell, const char *s)
{
	texts(hk_el(cell, "p", "placeholder"), s);
}

/* A row: two cells in the configured order. */
static void
row(struct hctx *h, const struct dnode *d, xmlNodePtr *cnew, xmlNodePtr *cold)
{
	xmlNodePtr tr = hk_el(h->rows, "tr", NULL);
	const struct node *n = d->new ? d->new : d->old;
	struct buf id;

	if (n != NULL && n->id != NULL && dnode_changed(h->D, d)) {
		buf_init(&id);
		buf_printf(&id, "%s-%s", d->new ? "n" : "o", n->id);
		xmlNewProp(tr, X("id"), X(id.data));
		buf_release(&id);
	}
	if (h->new_first) {
		*cnew = hk_el(tr, "td", NULL);
		*cold = hk_el(tr, "td", NULL);
	} else {
		*cold = hk_el(tr, "td", NULL);
		*cnew = hk_el(tr, "td", NULL);
	}
}

/* Folded: 「（略）」 that opens onto the text. */
static void
folded(const struct diff *D, xmlNodePtr cell, const struct node *const *v,
    size_t n, int side_new)
{
	xmlNodePtr det = hk_el(cell, "details", NULL), sum;
	char *a, *b;
	size_t i;

	sum = hk_el(det, "summary", NULL);
	if ((a = short_label(D, v[0])) == NULL)
		a = diff_node_label(D, v[0]);
	if (n > 1) {
		if ((b = short_label(D, v[n - 1])) == NULL)
			b = diff_node_label(D, v[n - 1]);
		texts(sum, a);
		texts(sum, "〜");
		texts(sum, b);
		free(b);
	} else {
		texts(sum, a);
		if (v[0]->caption && v[0]->label &&
		    v[0]->type == N_ARTICLE) {
			int ja = diff_node_ja(D, v[0]);

			texts(sum, ja ? "（" : " (");
			texts(sum, v[0]->caption);
			texts(sum, ja ? "）" : ")");
		}
	}
	free(a);
	texts(sum, "　（略）");
	for (i = 0; i < n; i++)
		clause_tree(D, det, v[i], side_new, 0);
}

static int
quiet(const struct diff *D, const struct dnode *d)
{
	return !dnode_changed(D, d) && !d->inner && !d->renumbered;
}

static void	rows_for(struct hctx *, const struct dnode *);

static void
row_for(struct hctx *h, const struct dnode *d)
{
	xmlNodePtr cn, co;
	size_t k, base;
	int cross = h->D->cross;

	row(h, d, &cn, &co);
	switch (d->kind) {
	case DK_ADDED:
		if (d->shell) {
			clause_p(h->D, cn, d->new, NULL, 1, 1);
			placeholder(co, "（新設：見出しのみ）");
			return;
		}
		clause_tree(h->D, cn, d->new, 1, 1);
		placeholder(co, cross ? "（対応なし）" : "（新設）");
		return;
	case DK_REMOVED:
		if (d->shell) {
			placeholder(cn, "（削る：見出しのみ）");
			clause_p(h->D, co, d->old, NULL, 0, 1);
			return;
		}
		placeholder(cn, cross ? "（対応なし）" : "（削る）");
		clause_tree(h->D, co, d->old, 0, 1);
		return;
	case DK_MOVED:
		clause_tree(h->D, cn, d->new, 1, 0);
		{
			char *l = diff_node_label(h->D, d->old);
			struct buf b;

			buf_init(&b);
			buf_printf(&b, "（%sから移動）", l);
			placeholder(cn, b.data);
			buf_release(&b);
			free(l);
		}
		clause_tree(h->D, co, d->old, 0, 0);
		return;
	case DK_SPLIT:
	case DK_MERGED:
		base = 0;
		part_p(h->D, cn, d, d->new, 1, 0, &base);
		if (d->kind == DK_SPLIT)
			for (k = 0; k < d->nparts; k++)
				part_p(h->D, cn, d, d->parts[k], 1, 1, &base);
		base = 0;
		part_p(h->D, co, d, d->old, 0, 0, &base);
		if (d->kind == DK_MERGED)
			for (k = 0; k < d->nparts; k++)
				part_p(h->D, co, d, d->parts[k], 0, 1, &base);
		return;
	default:
		break;
	}
	/*
	 * Same, modified, normalized, or matched across documents: own
	 * line, then the children.
	 */
	clause_p(h->D, cn, d->new, d, 1, 0);
	clause_p(h->D, co, d->old, d, 0, 0);
	link_p(cn, d, 1);
	link_p(co, d, 0);
	if (d->first == NULL && d->inner == 0 && (d->new->first != NULL)) {
		/* Children unchanged under a renumbered or edited heading. */
		const struct node *c;
		const struct node **vn, **vo;
		size_t nn = 0, no = 0;

		for (c = d->new->first; c; c = c->next)
			nn++;
		for (c = d->old->first; c; c = c->next)
			no++;
		vn = xcalloc(nn + 1, sizeof(*vn));
		vo = xcalloc(no + 1, sizeof(*vo));
		for (nn = 0, c = d->new->first; c; c = c->next)
			vn[nn++] = c;
		for (no = 0, c = d->old->first; c; c = c->next)
			vo[no++] = c;
		row(h, d, &cn, &co);
		if (nn)
			folded(h->D, cn, vn, nn, 1);
		if (no)
			folded(h->D, co, vo, no, 0);
		free(vn);
		free(vo);
		return;
	}
	rows_for(h, d);
}

/* The children of d: quiet runs folded into one row, the rest each. */
static void
rows_for(struct hctx *h, const struct dnode *parent)
{
	const struct dnode *d, *e;
	const struct node **vn, **vo;
	size_t n, cap = 0;
	xmlNodePtr cn, co;

	vn = vo = NULL;
	for (d = parent->first; d != NULL; d = e) {
		if (!quiet(h->D, d)) {
			row_for(h, d);
			e = d->next;
			continue;
		}
		for (n = 0, e = d; e != NULL && quiet(h->D, e); e = e->next)
			n++;
		if (n > cap) {
			cap = n;
			vn = xreallocarray(vn, cap, sizeof(*vn));
			vo = xreallocarray(vo, cap, sizeof(*vo));
		}
		for (n = 0, e = d; e != NULL && quiet(h->D, e); e = e->next) {
			vn[n] = e->new;
			vo[n] = e->old;
			n++;
		}
		row(h, d, &cn, &co);
		folded(h->D, cn, vn, n, 1);
		folded(h->D, co, vo, n, 0);
	}
	free(vn);
	free(vo);
}

static void
summary(xmlNodePtr slot, const struct diff *D)
{
	static const struct {
		enum dkind	 k;
		const char	*ja;
	} kinds[] = {
		{ DK_ADDED, "新設" },
		{ DK_REMOVED, "削除" },
		{ DK_MODIFIED, "変更" },
		{ DK_MOVED, "移動" },
		{ DK_SPLIT, "分割" },
		{ DK_MERGED, "統合" },
		{ DK_NORMALIZED, "表記のみの変更（全角・半角等）" },
		{ DK_LINKS, "リンク先の変更" },
		{ DK_MATCHED, "対応する条" },
	};
	xmlNodePtr ul, li, a;
	const struct dnode *d;
	struct buf b;
	size_t k, r;
	char *l1, *l2;

	texts(hk_el(slot, "h2", NULL), "変更の概要");
	if (D->cross)
		texts(hk_el(slot, "p", NULL), "異なる約款の比較です。条番号ではなく、"
		    "見出しと内容の近さで条を対応させています。");
	ul = hk_el(slot, "ul", "counts");
	for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
		if (D->count[kinds[k].k] == 0)
			continue;
		buf_init(&b);
		if (D->cross && kinds[k].k == DK_ADDED)
			buf_printf(&b, "%sのみ %zu件", D->new->meta.provider_name,
			    D->count[kinds[k].k]);
		else if (D->cross && kinds[k].k == DK_REMOVED)
			buf_printf(&b, "%sのみ %zu件", D->old->meta.provider_name,
			    D->count[kinds[k].k]);
		else
			buf_printf(&b, "%s %zu件", D->cross && kinds[k].k ==
			    DK_MODIFIED ? "相違" : kinds[k].ja,
			    D->count[kinds[k].k]);
		texts(hk_el(ul, "li", NULL), b.data);
		buf_release(&b);
	}
	for (r = 0; r < D->nrenums; r++) {
		const struct drenum *rn = &D->renums[r];

		buf_init(&b);
		l1 = diff_node_label(D, rn->first->old);
		l2 = diff_node_label(D, rn->first->new);
		if (rn->n == 1)
			buf_printf(&b, "%s を %s に繰り替え", l1, l2);
		else {
			char *l3 = diff_node_label(D, rn->last->old), *l4 =
			    diff_node_label(D, rn->last->new);

			buf_printf(&b, "%s〜%s を %s〜%s に繰り替え", l1, l3,
			    l2, l4);
			free(l3);
			free(l4);
		}
		texts(hk_el(ul, "li", NULL), b.data);
		buf_release(&b);
		free(l1);
		free(l2);
	}
	for (r = 0; r < D->nrestructs; r++) {
		const struct drestruct *rs = &D->restructs[r];

		buf_init(&b);
		buf_printf(&b, "構成の変更: %s %zu件が %s に（文言の変更なし）",
		    ntype_name(rs->from), rs->n, ntype_name(rs->to));
		texts(hk_el(ul, "li", NULL), b.data);
		buf_release(&b);
	}
	if (!diff_changed(D)) {
		texts(hk_el(ul, "li", NULL), "変更はありません");
		return;
	}
	ul = hk_el(slot, "ul", "changes");
	for (d = D->root->first; d != NULL; d = dnode_next(d)) {
		const struct node *n = d->new ? d->new : d->old;

		if (!dnode_changed(D, d) || d->kind == DK_MATCHED)
			continue;
		li = hk_el(ul, "li", NULL);
		buf_init(&b);
		buf_printf(&b, "#%s-%s", d->new ? "n" : "o", n->id);
		a = hk_el(li, "a", NULL);
		xmlNewProp(a, X("href"), X(b.data));
		buf_release(&b);
		l1 = diff_node_label(D, n);
		texts(a, l1);
		free(l1);
		if (n->type == N_ARTICLE && n->caption != NULL) {
			texts(a, "（");
			texts(a, n->caption);
			texts(a, "）");
		}
		for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++)
			if (kinds[k].k == d->kind) {
				int alone = D->cross && (d->kind == DK_ADDED ||
				    d->kind == DK_REMOVED);

				texts(li, " ");
				if (alone) {
					texts(li, "対応なし（");
					texts(li, d->new ?
					    D->new->meta.provider_name :
					    D->old->meta.provider_name);
					texts(li, "）");
				} else
					texts(li, D->cross && d->kind ==
					    DK_MODIFIED ? "相違" : kinds[k].ja);
			}
	}
}

static void
fill(htmlDocPtr h, const char *slot, const char *s)
{
	xmlNodePtr n = tpl_slot(h, slot);

	if (n != NULL) {
		tpl_clear(n);
		texts(n, s);
	}
}

char *
html_diff(const struct diff *D, const struct templates *t, const char *root,
    int new_first, size_t *len)
{
	const struct meta *mo = &D->old->meta, *mn = &D->new->meta;
	struct hctx h;
	htmlDocPtr doc;
	xmlNodePtr slot;
	struct buf b;
	char *out;

	doc = tpl_instance(&t->diff);
	buf_init(&b);
	if (D->cross)
		buf_printf(&b, "%s（%s）と %s（%s） 対照表", mn->title,
		    mn->provider_name, mo->title, mo->provider_name);
	else
		buf_printf(&b, "%s 新旧対照表", mn->title);
	fill(doc, "title", b.data);
	fill(doc, "heading", b.data);
	buf_reset(&b);
	fill(doc, "provider", mn->provider_name);
	buf_printf(&b, "改正前 %s → 改正後 %s", mo->revision, mn->revision);
	if (D->cross) {
		buf_reset(&b);
		buf_printf(&b, "%s/%s %s と %s/%s %s", mn->provider,
		    mn->document, mn->revision, mo->provider, mo->document,
		    mo->revision);
	}
	fill(doc, "revisions", b.data);
	buf_release(&b);
	fill(doc, "footer", "termc " TERMC_VERSION);
	if ((slot = tpl_slot(doc, "summary")) != NULL) {
		tpl_clear(slot);
		summary(slot, D);
	}
	if ((slot = tpl_slot(doc, "columns")) != NULL) {
		const char *l = D->cross ? mn->provider_name : "改正後";
		const char *r = D->cross ? mo->provider_name : "改正前";

		tpl_clear(slot);
		texts(hk_el(slot, "th", NULL), new_first ? l : r);
		texts(hk_el(slot, "th", NULL), new_first ? r : l);
	}
	if ((slot = tpl_slot(doc, "rows")) != NULL) {
		tpl_clear(slot);
		h.D = D;
		h.new_first = new_first;
		h.rows = slot;
		rows_for(&h, D->root);
	}
	out = tpl_finish(doc, root, mn->lang, len);
	xmlFreeDoc(doc);
	return out;
}
