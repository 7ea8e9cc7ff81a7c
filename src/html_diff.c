/*
 * The 新旧対照表 (old/new comparison table) of a diff, as Japanese legal
 * teams publish it: two columns, 改正後 | 改正前 (or the other order),
 * one row per changed clause with the changed characters underlined
 * (<ins> on the new side, <del> on the old, both drawn underlined),
 * （新設） and （削る） where a side has nothing, and unchanged clauses
 * folded as 「（略）」 in <details>, which opens without JavaScript.  A
 * summary of the changes heads the page.  Written through the HTML
 * writer (hwriter.h), cell by cell.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "clause.h"
#include "diff.h"
#include "doc.h"
#include "html.h"
#include "hwriter.h"
#include "template.h"
#include "version.h"
#include "xalloc.h"

/* The page's words: Japanese, or English for every other language. */
struct dwords {
	const char *preamble, *link_to, *range, *folded, *open, *close,
	    *removed_shell, *added_shell, *no_match, *no_match_in, *removed,
	    *added,
	    *moved_from, *summary, *cross_note, *only, *count, *differs,
	    *renum_down, *renum_up, *renum_down_n, *renum_up_n, *restruct,
	    *unchanged, *after, *before, *title, *cross_title, *revs,
	    *cross_revs, *home, *legend, *goto_new, *goto_old,
	    *kinds[DK__MAX];
};

static const struct dwords ja_dwords = {
	"前文", "リンク先: ", "〜", "　（略）", "（", "）",
	"（削る：見出しのみ）", "（新設：見出しのみ）", "（対応なし）",
	"対応なし（%s）", "（削る）", "（新設）", "（%sから移動）", "変更の概要",
	"異なる約款の比較です。条番号ではなく、見出しと内容の近さで条を"
	"対応させています。", "%sのみ %zu件", "%s %zu件", "相違",
	"%s を %s に繰下げ", "%s を %s に繰上げ",
	"%s〜%s を %s〜%s に繰下げ", "%s〜%s を %s〜%s に繰上げ",
	"構成の変更: %s %zu件が %s に（文言の変更なし）", "変更はありません",
	"改正後", "改正前", "%s 新旧対照表", "%s（%s）と %s（%s） 対照表",
	"改正前 %s → 改正後 %s", "%s/%s %s と %s/%s %s", "約款一覧",
	"下線部が変更箇所です。「（略）」を開くと変更のない条文を表示します。",
	"改正後の条文へ", "改正前の条文へ",
	{ [DK_ADDED] = "新設", [DK_REMOVED] = "削除", [DK_MODIFIED] = "変更",
	  [DK_MOVED] = "移動", [DK_SPLIT] = "分割", [DK_MERGED] = "統合",
	  [DK_NORMALIZED] = "表記のみの変更（全角・半角等）",
	  [DK_LINKS] = "リンク先の変更", [DK_MATCHED] = "対応する条",
	  [DK_REFLOWED] = "段落の組替え" }
};

static const struct dwords en_dwords = {
	"Preamble", "Link target: ", " to ", " (unchanged)", " (", ")",
	"(removed: heading only)", "(added: heading only)", "(no match)",
	"no match (%s)", "(removed)", "(added)", "(moved from %s)", "Summary of changes",
	"A comparison of different terms: clauses are matched by their "
	"headings and content, not by number.", "only in %s: %zu",
	"%s: %zu", "different",
	"%s renumbered as %s", "%s renumbered as %s",
	"%s to %s renumbered as %s to %s", "%s to %s renumbered as %s to %s",
	"Restructured: %2$zu %1$s became %3$s (wording unchanged)",
	"No changes", "New", "Old", "%s: changes", "%s (%s) and %s (%s): "
	"comparison", "old %s → new %s", "%s/%s %s and %s/%s %s", "All terms",
	"Changes are underlined. Open “(unchanged)” to read the clauses that "
	"did not change.",
	"In the new version", "In the old version",
	{ [DK_ADDED] = "added", [DK_REMOVED] = "removed",
	  [DK_MODIFIED] = "changed", [DK_MOVED] = "moved",
	  [DK_SPLIT] = "split", [DK_MERGED] = "merged",
	  [DK_NORMALIZED] = "changed in form only (width, spacing)",
	  [DK_LINKS] = "link target changed", [DK_MATCHED] = "matched",
	  [DK_REFLOWED] = "reflowed" }
};

static const struct dwords *
dwords_for(const struct diff *D)
{
	const char *lang = D->new->meta.lang;

	return lang && strncmp(lang, "ja", 2) == 0 ? &ja_dwords : &en_dwords;
}

struct hctx {
	const struct diff	*D;
	int			 new_first;
	struct hw		*w;
	const char		*page[2];	/* old, new revision page */
};

static void
texts(struct hw *w, const char *s)
{
	hw_lines(w, s, strlen(s));
}

/* Text, the len bytes at s, inside mark (<ins> or <del>). */
static void
marked(struct hw *w, enum hw_tag mark, const char *s, size_t len)
{
	hw_open(w, mark, NULL);
	hw_lines(w, s, len);
	hw_close(w);
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
		return xstrdup(dwords_for(D)->preamble);
	if (n->num == NULL || (n->type != N_PARAGRAPH && n->type != N_ITEM))
		return NULL;
	buf_init(&b);
	buf_printf(&b, n->type == N_PARAGRAPH ? "第%s項" : "第%s号", n->num);
	return buf_detach(&b);
}

/* The heading of a clause: label and caption, the changed parts marked. */
static void
heading(const struct diff *D, struct hw *w, const struct node *n,
    int mark_num, int mark_cap, enum hw_tag mark)
{
	int ja = diff_node_ja(D, n);

	if (n->label != NULL) {
		if (mark_num)
			hw_open(w, mark, NULL);
		texts(w, n->label);
		if (mark_num)
			hw_close(w);
		if ((n->type == N_DIVISION || !ja) && n->caption)
			texts(w, " ");
		else if (n->type != N_ARTICLE && (n->text || n->caption))
			texts(w, label_gap(D, n));
	}
	if (n->caption != NULL) {
		if (mark_cap)
			hw_open(w, mark, NULL);
		if (n->type == N_ARTICLE && ja) {
			texts(w, "（");
			texts(w, n->caption);
			texts(w, "）");
		} else
			texts(w, n->caption);
		if (mark_cap)
			hw_close(w);
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
table_text(struct hw *w, const struct node *n, const struct dnode *d,
    int side_new)
{
	enum hw_tag mark = side_new ? HW_INS : HW_DEL;
	const struct dcell *x;
	const char *s;
	size_t r, c, k, at, off, len;

	hw_open(w, HW_TABLE, NULL);
	for (r = 0; r < n->table->nrows; r++) {
		hw_open(w, HW_TR, NULL);
		for (c = 0; c < n->table->ncols; c++) {
			hw_open(w, r == 0 ? HW_TH : HW_TD, NULL);
			s = n->table->cells[r * n->table->ncols + c];
			x = find_cell(d, side_new, r, c);
			if (x == NULL)
				texts(w, s);
			else if (x->nedits == 0) {
				if (*s != '\0')
					marked(w, mark, s, strlen(s));
			} else {
				for (k = 0, at = 0; k < x->nedits; k++) {
					off = side_new ? x->edits[k].noff :
					    x->edits[k].ooff;
					len = side_new ? x->edits[k].nlen :
					    x->edits[k].olen;
					hw_lines(w, s + at, off - at);
					if (len > 0)
						marked(w, mark, s + off, len);
					at = off + len;
				}
				texts(w, s + at);
			}
			hw_close(w);
		}
		hw_close(w);
	}
	hw_close(w);
}

/* One clause's own line; edits (old or new side) underlined. */
static void
clause_p(const struct diff *D, struct hw *w, const struct node *n,
    const struct dnode *d, int side_new, int whole)
{
	enum hw_tag mark = side_new ? HW_INS : HW_DEL;
	const char *s = n->text;
	size_t at = 0, k, off, len;

	if (n->table != NULL) {
		/* An empty <p> before the table, as ever. */
		hw_leaf(w, HW_P, NULL, NULL);
		if (whole)
			hw_open(w, mark, NULL);
		table_text(w, n, whole ? NULL : d, side_new);
		if (whole)
			hw_close(w);
		return;
	}
	hw_open(w, HW_P, n->type == N_ARTICLE || n->type == N_DIVISION ?
	    "heading" : NULL);
	if (whole) {
		hw_open(w, mark, NULL);
		heading(D, w, n, 0, 0, mark);
	} else
		heading(D, w, n, d != NULL && d->renumbered,
		    d != NULL && d->caption, mark);
	if (s == NULL)
		;
	else if (whole || d == NULL || d->nedits == 0 ||
	    (d->kind != DK_MODIFIED && d->kind != DK_NORMALIZED &&
	    d->kind != DK_LINKS))
		texts(w, s);
	else {
		for (k = 0; k < d->nedits; k++) {
			off = side_new ? d->edits[k].noff : d->edits[k].ooff;
			len = side_new ? d->edits[k].nlen : d->edits[k].olen;
			hw_lines(w, s + at, off - at);
			if (len > 0)
				marked(w, mark, s + off, len);
			at = off + len;
		}
		texts(w, s + at);
	}
	if (whole)
		hw_close(w);
	hw_close(w);
}

/*
 * The len bytes of s, which stand at base in the text d's edits count in
 * on one side, with that side's edits underlined.
 */
static void
marked_at(struct hw *w, const struct dnode *d, int side_new, const char *s,
    size_t len, size_t base)
{
	size_t at = 0, k, off, end;

	for (k = 0; k < d->nedits; k++) {
		if (!dedit_clip(d, k, side_new, base, len, &off, &end))
			continue;
		hw_lines(w, s + at, off - at);
		marked(w, side_new ? HW_INS : HW_DEL, s + off, end - off);
		at = end;
	}
	hw_lines(w, s + at, len - at);
}

/*
 * One clause of a split or merge: its text sits at *base in the joined
 * text the edits count in (dnode_side_text()).  A part's number is new
 * (split) or gone (merged): it is marked too.
 */
static void
part_p(const struct diff *D, struct hw *w, const struct dnode *d,
    const struct node *n, int side_new, int mark_num, size_t *base)
{
	enum hw_tag mark = side_new ? HW_INS : HW_DEL;
	char *s = diff_part_text(n);

	hw_open(w, HW_P, NULL);
	heading(D, w, n, mark_num, 0, mark);
	if (s != NULL) {
		marked_at(w, d, side_new, s, strlen(s), *base);
		*base += strlen(s);
	}
	hw_close(w);
	free(s);
}

/*
 * One clause of a reflowed run, read as diff_flow_text() reads it (its
 * label and caption are words of the run like its text), at *base in the
 * joined text the edits count in.
 */
static void
flow_p(struct hw *w, const struct dnode *d, size_t i, int side_new,
    size_t *base)
{
	size_t nf = d->nflow[side_new], len;
	char *s = diff_flow_text(d->flow[side_new][i], i + 1 < nf ?
	    d->flow[side_new][i + 1] : NULL, &len);

	hw_open(w, HW_P, NULL);
	/* What joins it to the next clause is no text of its line. */
	marked_at(w, d, side_new, s, len, *base);
	hw_close(w);
	*base += strlen(s);
	free(s);
}

/*
 * The changed links' targets of one side, each marked, as text: the
 * page never links to what the input names (a target may be unsafe),
 * it only says where the clause pointed.
 */
static void
link_p(struct hw *w, const struct dwords *wd, const struct dnode *d,
    int side_new)
{
	const struct span *sp;
	size_t k;

	for (k = 0; k < d->nlinks; k++) {
		sp = side_new ? d->links[k].new : d->links[k].old;
		if (sp == NULL)
			continue;
		hw_open(w, HW_P, "link");
		texts(w, wd->link_to);
		marked(w, side_new ? HW_INS : HW_DEL, sp->href,
		    strlen(sp->href));
		hw_close(w);
	}
}

/* A whole subtree, every line of it (added, removed, moved, folded). */
static void
clause_tree(const struct diff *D, struct hw *w, const struct node *n,
    int side_new, int whole)
{
	const struct node *p = n;

	do
		clause_p(D, w, p, NULL, side_new, whole);
	while ((p = node_next(p, n)) != NULL);
}

static void
placeholder(struct hw *w, const char *s)
{
	hw_leaf(w, HW_P, "placeholder", s);
}

/*
 * A changed clause's link to its own place on its revision's page (the
 * page's anchors are the clause ids, html.c), when the pages are known.
 */
static void
goto_clause(const struct hctx *h, const struct node *n, int side_new)
{
	const struct dwords *wd = dwords_for(h->D);
	const char *page = h->page[side_new];
	struct buf href;

	if (n == NULL || n->id == NULL || page == NULL)
		return;
	buf_init(&href);
	buf_printf(&href, "%s#%s", page, n->id);
	hw_open(h->w, HW_P, "goto");
	hw_link(h->w, href.data, NULL, side_new ? wd->goto_new :
	    wd->goto_old);
	hw_close(h->w);
	buf_release(&href);
}

/* What one side's cell of a row shows. */
typedef void (*cell_fn)(const struct hctx *, const void *arg, int side_new);

/*
 * A row: two cells in the configured order, each written by fn.  The row
 * of a changed clause carries its anchor (n-ID or o-ID), once.
 */
static void
row(const struct hctx *h, const struct dnode *d, int anchor, cell_fn fn,
    const void *arg)
{
	const struct node *n = d->new ? d->new : d->old;
	struct buf id;
	int i;

	hw_open(h->w, HW_TR, NULL);
	if (anchor && n != NULL && n->id != NULL && dnode_changed(h->D, d)) {
		buf_init(&id);
		buf_printf(&id, "%s-%s", d->new ? "n" : "o", n->id);
		hw_attr(h->w, HA_ID, id.data);
		buf_release(&id);
	}
	for (i = 0; i < 2; i++) {
		int side_new = h->new_first ? i == 0 : i == 1;

		hw_open(h->w, HW_TD, NULL);
		fn(h, arg, side_new);
		if (anchor && dnode_changed(h->D, d))
			goto_clause(h, side_new ? d->new : d->old, side_new);
		hw_close(h->w);
	}
	hw_close(h->w);
}

/* Folded: 「（略）」 that opens onto the text. */
static void
folded(const struct diff *D, struct hw *w, const struct node *const *v,
    size_t n, int side_new)
{
	char *a, *b;
	size_t i;

	hw_open(w, HW_DETAILS, NULL);
	hw_open(w, HW_SUMMARY, NULL);
	if ((a = short_label(D, v[0])) == NULL)
		a = diff_node_label(D, v[0]);
	if (n > 1) {
		if ((b = short_label(D, v[n - 1])) == NULL)
			b = diff_node_label(D, v[n - 1]);
		texts(w, a);
		texts(w, dwords_for(D)->range);
		texts(w, b);
		free(b);
	} else {
		texts(w, a);
		if (v[0]->caption && v[0]->label &&
		    v[0]->type == N_ARTICLE) {
			int ja = diff_node_ja(D, v[0]);

			texts(w, ja ? "（" : " (");
			texts(w, v[0]->caption);
			texts(w, ja ? "）" : ")");
		}
	}
	free(a);
	texts(w, dwords_for(D)->folded);
	hw_close(w);
	for (i = 0; i < n; i++)
		clause_tree(D, w, v[i], side_new, 0);
	hw_close(w);
}

static int
quiet(const struct diff *D, const struct dnode *d)
{
	return !dnode_changed(D, d) && !d->inner && !d->renumbered;
}

/* The cell of a changed clause, by the kind of change. */
static void
change_cell(const struct hctx *h, const void *arg, int side_new)
{
	const struct dnode *d = arg;
	const struct node *own = side_new ? d->new : d->old;
	const struct dwords *wd = dwords_for(h->D);
	int cross = h->D->cross;
	size_t k, base = 0;

	switch (d->kind) {
	case DK_ADDED:
	case DK_REMOVED:
		if ((d->kind == DK_ADDED) != side_new) {
			placeholder(h->w, d->shell ? (side_new ?
			    wd->removed_shell : wd->added_shell) :
			    cross ? wd->no_match : side_new ? wd->removed :
			    wd->added);
		} else if (d->shell)
			clause_p(h->D, h->w, own, NULL, side_new, 1);
		else
			clause_tree(h->D, h->w, own, side_new, 1);
		return;
	case DK_MOVED:
		if (d->shell)
			clause_p(h->D, h->w, own, NULL, side_new, 0);
		else
			clause_tree(h->D, h->w, own, side_new, 0);
		if (side_new) {
			char *l = diff_node_label(h->D, d->old);
			struct buf b;

			buf_init(&b);
			buf_printf(&b, wd->moved_from, l);
			placeholder(h->w, b.data);
			buf_release(&b);
			free(l);
		}
		return;
	case DK_SPLIT:
	case DK_MERGED:
		part_p(h->D, h->w, d, own, side_new, 0, &base);
		if ((d->kind == DK_SPLIT) == side_new)
			for (k = 0; k < d->nparts; k++)
				part_p(h->D, h->w, d, d->parts[k], side_new, 1,
				    &base);
		return;
	case DK_REFLOWED:
		for (k = 0; k < d->nflow[side_new]; k++)
			flow_p(h->w, d, k, side_new, &base);
		return;
	default:
		/*
		 * Same, modified, normalized, or matched across documents:
		 * own line, then the changed links.
		 */
		clause_p(h->D, h->w, own, d, side_new, 0);
		link_p(h->w, wd, d, side_new);
		return;
	}
}

/* The children of a node, unchanged under a renumbered or edited heading. */
static void
children_cell(const struct hctx *h, const void *arg, int side_new)
{
	const struct dnode *d = arg;
	const struct node *c, **v;
	size_t n = 0;

	for (c = (side_new ? d->new : d->old)->first; c; c = c->next)
		n++;
	if (n == 0)
		return;
	v = xcalloc(n, sizeof(*v));
	for (n = 0, c = (side_new ? d->new : d->old)->first; c; c = c->next)
		v[n++] = c;
	folded(h->D, h->w, v, n, side_new);
	free(v);
}

/* A run of quiet clauses, folded into one row. */
struct quiet_run {
	const struct dnode	*first;
	size_t			 n;
};

static void
quiet_cell(const struct hctx *h, const void *arg, int side_new)
{
	const struct quiet_run *q = arg;
	const struct node **v = xcalloc(q->n, sizeof(*v));
	const struct dnode *e;
	size_t i;

	for (i = 0, e = q->first; i < q->n; i++, e = e->next)
		v[i] = side_new ? e->new : e->old;
	folded(h->D, h->w, v, q->n, side_new);
	free(v);
}

static void	rows_for(const struct hctx *, const struct dnode *);

static void
row_for(const struct hctx *h, const struct dnode *d)
{
	row(h, d, 1, change_cell, d);
	/* A shell's clauses are changes of their own, below it. */
	if (d->kind == DK_MOVED && d->shell) {
		rows_for(h, d);
		return;
	}
	switch (d->kind) {
	case DK_ADDED:
	case DK_REMOVED:
	case DK_MOVED:
	case DK_SPLIT:
	case DK_MERGED:
	case DK_REFLOWED:
		return;
	default:
		break;
	}
	if (d->first == NULL && d->inner == 0 && d->new->first != NULL)
		row(h, d, 0, children_cell, d);
	else
		rows_for(h, d);
}

/* The children of d: quiet runs folded into one row, the rest each. */
static void
rows_for(const struct hctx *h, const struct dnode *parent)
{
	const struct dnode *d, *e;
	struct quiet_run q;

	for (d = parent->first; d != NULL; d = e) {
		if (!quiet(h->D, d)) {
			row_for(h, d);
			e = d->next;
			continue;
		}
		q.first = d;
		for (q.n = 0, e = d; e != NULL && quiet(h->D, e); e = e->next)
			q.n++;
		row(h, d, 0, quiet_cell, &q);
	}
}

/* A clause type in the page's words: 条, 項 … or article, paragraph … */
static const char *
type_word(const struct diff *D, enum ntype t)
{
	static const char *const ja[N__MAX] = { "文書", "章・節", "条", "項",
	    "号", "細目", "表" };

	return dwords_for(D) == &ja_dwords && ja[t] != NULL ? ja[t] :
	    ntype_name(t);
}

static void
summary(struct hw *w, const struct diff *D)
{
	static const enum dkind kinds[] = { DK_ADDED, DK_REMOVED, DK_MODIFIED,
	    DK_MOVED, DK_SPLIT, DK_MERGED, DK_REFLOWED, DK_NORMALIZED,
	    DK_LINKS, DK_MATCHED };
	const struct dwords *wd = dwords_for(D);
	const struct dnode *d;
	struct buf b;
	size_t k, r;
	char *l1, *l2;

	hw_leaf(w, HW_H2, NULL, wd->summary);
	if (D->cross)
		hw_leaf(w, HW_P, NULL, wd->cross_note);
	hw_open(w, HW_UL, "counts");
	for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
		if (D->count[kinds[k]] == 0)
			continue;
		buf_init(&b);
		if (D->cross && (kinds[k] == DK_ADDED ||
		    kinds[k] == DK_REMOVED))
			buf_printf(&b, wd->only, kinds[k] == DK_ADDED ?
			    D->new->meta.provider_name :
			    D->old->meta.provider_name, D->count[kinds[k]]);
		else
			buf_printf(&b, wd->count, D->cross && kinds[k] ==
			    DK_MODIFIED ? wd->differs : wd->kinds[kinds[k]],
			    D->count[kinds[k]]);
		hw_leaf(w, HW_LI, NULL, b.data);
		buf_release(&b);
	}
	for (r = 0; r < D->nrenums; r++) {
		const struct drenum *rn = &D->renums[r];
		/* 繰下げ: the numbers grow; 繰上げ: they shrink. */
		int down = drenum_shift(rn) >= 0;

		buf_init(&b);
		l1 = diff_node_label(D, rn->first->old);
		l2 = diff_node_label(D, rn->first->new);
		if (rn->n == 1)
			buf_printf(&b, down ? wd->renum_down : wd->renum_up,
			    l1, l2);
		else {
			char *l3 = diff_node_label(D, rn->last->old), *l4 =
			    diff_node_label(D, rn->last->new);

			buf_printf(&b, down ? wd->renum_down_n :
			    wd->renum_up_n, l1, l3, l2, l4);
			free(l3);
			free(l4);
		}
		hw_leaf(w, HW_LI, NULL, b.data);
		buf_release(&b);
		free(l1);
		free(l2);
	}
	for (r = 0; r < D->nrestructs; r++) {
		const struct drestruct *rs = &D->restructs[r];

		buf_init(&b);
		buf_printf(&b, wd->restruct, type_word(D, rs->from), rs->n,
		    type_word(D, rs->to));
		hw_leaf(w, HW_LI, NULL, b.data);
		buf_release(&b);
	}
	if (!diff_changed(D)) {
		hw_leaf(w, HW_LI, NULL, wd->unchanged);
		hw_close(w);
		return;
	}
	hw_close(w);
	hw_open(w, HW_UL, "changes");
	for (d = D->root->first; d != NULL; d = dnode_next(d)) {
		const struct node *n = d->new ? d->new : d->old;

		if (!dnode_changed(D, d) || d->kind == DK_MATCHED)
			continue;
		hw_open(w, HW_LI, NULL);
		buf_init(&b);
		buf_printf(&b, "#%s-%s", d->new ? "n" : "o", n->id);
		hw_open(w, HW_A, NULL);
		hw_attr(w, HA_HREF, b.data);
		buf_release(&b);
		l1 = diff_node_label(D, n);
		texts(w, l1);
		free(l1);
		if (n->type == N_ARTICLE && n->caption != NULL) {
			texts(w, wd->open);
			texts(w, n->caption);
			texts(w, wd->close);
		}
		hw_close(w);
		texts(w, " ");
		if (D->cross && (d->kind == DK_ADDED ||
		    d->kind == DK_REMOVED)) {
			buf_init(&b);
			buf_printf(&b, wd->no_match_in, d->new ?
			    D->new->meta.provider_name :
			    D->old->meta.provider_name);
			texts(w, b.data);
			buf_release(&b);
		} else
			texts(w, D->cross && d->kind == DK_MODIFIED ?
			    wd->differs : wd->kinds[d->kind]);
		hw_close(w);
	}
	hw_close(w);
}

struct diff_fill {
	const struct diff	*D;
	int			 new_first;
	const char		*title;
	const char		*revisions;	/* across documents */
	const char		*page[2];	/* old, new; or NULL */
};

/*
 * "改正前 2024年1月1日 → 改正後 2024年4月1日": each revision's date, a
 * link to its page when the page is known (wd->revs has two %s, nothing
 * else).
 */
static void
revision_links(struct hw *w, const struct diff_fill *f)
{
	const struct dwords *wd = dwords_for(f->D);
	const struct doc *doc[2] = { f->D->old, f->D->new };
	const char *s = wd->revs, *pc;
	char *date;
	int i;

	for (i = 0; (pc = strstr(s, "%s")) != NULL; i++, s = pc + 2) {
		hw_text(w, s, (size_t)(pc - s));
		if (i > 1)
			continue;
		/* The date as the revision pages write it (html.h). */
		date = html_date(doc[i]->meta.revision, wd == &ja_dwords,
		    html_uses_wareki(doc[i]));
		if (f->page[i] != NULL)
			hw_link(w, f->page[i], NULL, date);
		else
			hw_texts(w, date);
		free(date);
	}
	hw_texts(w, s);
}

static int
diff_slot(void *arg, const char *slot, struct hw *w)
{
	const struct diff_fill *f = arg;
	const struct meta *mo = &f->D->old->meta, *mn = &f->D->new->meta;
	struct hctx h;

	if (strcmp(slot, "rows") == 0) {
		h.D = f->D;
		h.new_first = f->new_first;
		h.w = w;
		h.page[0] = f->page[0];
		h.page[1] = f->page[1];
		rows_for(&h, f->D->root);
	} else if (strcmp(slot, "summary") == 0)
		summary(w, f->D);
	else if (strcmp(slot, "columns") == 0) {
		const struct dwords *wd = dwords_for(f->D);
		const char *l = f->D->cross ? mn->provider_name : wd->after;
		const char *r = f->D->cross ? mo->provider_name : wd->before;

		hw_leaf(w, HW_TH, NULL, f->new_first ? l : r);
		hw_leaf(w, HW_TH, NULL, f->new_first ? r : l);
	} else if (strcmp(slot, "title") == 0 ||
	    strcmp(slot, "heading") == 0)
		texts(w, f->title);
	else if (strcmp(slot, "provider") == 0)
		texts(w, mn->provider_name);
	else if (strcmp(slot, "revisions") == 0 && f->D->cross)
		texts(w, f->revisions);
	else if (strcmp(slot, "revisions") == 0)
		revision_links(w, f);
	else if (strcmp(slot, "home") == 0)
		texts(w, dwords_for(f->D)->home);
	else if (strcmp(slot, "legend") == 0)
		texts(w, dwords_for(f->D)->legend);
	else if (strcmp(slot, "footer") == 0)
		texts(w, "termc " TERMC_VERSION);
	else
		return 0;
	return 1;
}

char *
html_diff(const struct diff *D, const struct templates *t, const char *root,
    int new_first, const char *old_page, const char *new_page, size_t *len)
{
	const struct meta *mo = &D->old->meta, *mn = &D->new->meta;
	const struct dwords *wd = dwords_for(D);
	struct diff_fill f;
	struct buf title, revs, out;

	buf_init(&title);
	buf_init(&revs);
	if (D->cross) {
		buf_printf(&title, wd->cross_title, mn->title,
		    mn->provider_name, mo->title, mo->provider_name);
		buf_printf(&revs, wd->cross_revs, mn->provider,
		    mn->document, mn->revision, mo->provider, mo->document,
		    mo->revision);
	} else
		buf_printf(&title, wd->title, mn->title);
	f.D = D;
	f.new_first = new_first;
	f.title = title.data;
	f.revisions = revs.data;
	f.page[0] = old_page;
	f.page[1] = new_page;
	buf_init(&out);
	tpl_write(&t->diff, &out, root, mn->lang, diff_slot, &f);
	buf_release(&title);
	buf_release(&revs);
	*len = out.len;
	return buf_detach(&out);
}
