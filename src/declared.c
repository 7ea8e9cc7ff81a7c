/*
 * Declared changes: what a revision says it changed (`changes:` in its
 * front matter, else the note of its last history entry when that entry
 * is dated on the revision: 一部改訂（第17条3項追記）) against what the
 * diff finds.  A declaration names clauses (第17条, 第17条3項, 第17条第3項
 * 第2号) and optionally what happened to them (追記/追加/新設: added;
 * 削除: removed; 変更/改正/改訂/修正: modified; 移動: moved).  It covers
 * every change at or below the clause it names.
 *
 * Renumbering that follows an insertion or a deletion is a consequence,
 * not a change to declare; so are the 制定・改定 lines and 付則 a revision
 * adds about itself.
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "clause.h"
#include "diag.h"
#include "diff.h"
#include "doc.h"
#include "numeral.h"
#include "text.h"
#include "xalloc.h"
#include "xref.h"

enum verb { V_ANY, V_ADD, V_REMOVE, V_MODIFY, V_MOVE };

struct decl {
	char		*art;		/* article number as in node->num: "17_2" */
	char		*appx;		/* or an appendix as named, folded:
					   "別表", "別表（料金表）", "別表第1" */
	long		 para, item;	/* 0: not named */
	enum verb	 verb;
	int		 hit;
};

static const struct {
	const char	*word;
	enum verb	 verb;
} verbs[] = {
	{ "追記", V_ADD }, { "追加", V_ADD }, { "新設", V_ADD },
	{ "挿入", V_ADD }, { "削除", V_REMOVE }, { "削る", V_REMOVE },
	{ "変更", V_MODIFY }, { "改正", V_MODIFY }, { "改訂", V_MODIFY },
	{ "修正", V_MODIFY }, { "移動", V_MOVE },
};

/*
 * "第3項", "3項", "第 3 項" at s, word being 項 or 号: the number, and
 * *s moved past it; else -1 and *s as it was.
 */
static long
unit_number(const char **s, const char *word)
{
	const char *p = *s;
	size_t used;
	long val;

	if (has_prefix(p, "第"))
		p += strlen("第");
	p += text_skip_spaces(p);
	if ((val = numeral_parse(p, &used, 1)) < 0)
		return -1;
	p += used;
	p += text_skip_spaces(p);
	if (!has_prefix(p, word))
		return -1;
	*s = p + strlen(word);
	return val;
}

/*
 * Parse the clause references in one declaration string.  An article
 * is read as a heading's label is (article_label_parse(): spaces, any
 * numerals, 第17条の2), so a declaration names an article as the text
 * that numbers it would.
 */
static size_t
parse_decls(const char *s, struct decl **v, size_t n, size_t *cap)
{
	size_t len, first = n, k;
	struct decl *cur;
	char *num;
	long val;

	while (*s != '\0') {
		if (has_prefix(s, "別表")) {
			if (n == *cap) {
				*cap = *cap ? 2 * *cap : 8;
				*v = xreallocarray(*v, *cap, sizeof(**v));
			}
			cur = &(*v)[n++];
			memset(cur, 0, sizeof(*cur));
			s = appx_ref(s, &cur->appx);
			continue;
		}
		if (article_label_parse(s, &num, &len) && has_prefix(s, "第")) {
			if (n == *cap) {
				*cap = *cap ? 2 * *cap : 8;
				*v = xreallocarray(*v, *cap, sizeof(**v));
			}
			cur = &(*v)[n++];
			memset(cur, 0, sizeof(*cur));
			cur->art = num;
			s += len;
			if ((val = unit_number(&s, "項")) >= 0) {
				cur->para = val;
				if ((val = unit_number(&s, "号")) >= 0)
					cur->item = val;
			}
			continue;
		}
		for (k = 0; k < sizeof(verbs) / sizeof(verbs[0]); k++)
			if (has_prefix(s, verbs[k].word))
				break;
		if (k < sizeof(verbs) / sizeof(verbs[0])) {
			/* A verb applies to the references before it. */
			size_t i;

			for (i = first; i < n; i++)
				if ((*v)[i].verb == V_ANY)
					(*v)[i].verb = verbs[k].verb;
			first = n;
			s += strlen(verbs[k].word);
			continue;
		}
		s++;
		while ((*s & 0xc0) == 0x80)
			s++;
	}
	return n;
}

/*
 * Does the declaration cover n: is n, or a clause above it, the clause it
 * names?  The article by its number as written in the tree, paragraph
 * and item by theirs.
 */
static int
covers(const struct decl *dc, const struct node *n)
{
	const char *art = NULL;
	long para = 0, item = 0;

	if (n == NULL)
		return 0;
	if (dc->appx != NULL) {
		for (; n != NULL; n = n->parent)
			if (n->type == N_DIVISION &&
			    n->divkind == DIV_APPENDIX &&
			    appx_names(dc->appx, n))
				return 1;
		return 0;
	}
	for (; n != NULL; n = n->parent) {
		if (n->num == NULL)
			continue;
		if (n->type == N_ARTICLE)
			art = n->num;
		else if (n->type == N_PARAGRAPH)
			para = strtol(n->num, NULL, 10);
		else if (n->type == N_ITEM && item == 0)
			item = strtol(n->num, NULL, 10);
	}
	if (art == NULL || strcmp(art, dc->art) != 0)
		return 0;
	if (dc->para && dc->para != para)
		return 0;
	if (dc->item && dc->item != item)
		return 0;
	return 1;
}

/* The clause a declaration names, as a reader writes it: 第17条の2第3項. */
static void
decl_label(struct buf *b, const struct decl *dc)
{
	const char *u, *e;

	if (dc->appx != NULL) {
		buf_puts(b, dc->appx);
		return;
	}
	u = strchr(dc->art, '_');
	buf_puts(b, "第");
	buf_put(b, dc->art, u ? (size_t)(u - dc->art) : strlen(dc->art));
	buf_puts(b, "条");
	for (; u != NULL; u = e) {
		e = strchr(u + 1, '_');
		buf_puts(b, "の");
		buf_put(b, u + 1, e ? (size_t)(e - u - 1) : strlen(u + 1));
	}
	if (dc->para)
		buf_printf(b, "第%ld項", dc->para);
	if (dc->item)
		buf_printf(b, "第%ld号", dc->item);
}

/* Does the declaration cover a clause of d: either side, or any
 * clause of a reflowed run. */
static int
covers_change(const struct decl *dc, const struct dnode *d)
{
	size_t k;
	int side;

	if (covers(dc, d->new) || covers(dc, d->old))
		return 1;
	for (side = 0; side < 2; side++)
		for (k = 0; k < d->nflow[side]; k++)
			if (covers(dc, d->flow[side][k]))
				return 1;
	return 0;
}

/* A reflowed run holds clauses added and removed: both verbs fit it. */
static int
verb_fits(enum verb v, const struct dnode *d)
{
	switch (v) {
	case V_ADD:
		return d->kind == DK_ADDED || d->kind == DK_SPLIT ||
		    d->kind == DK_REFLOWED;
	case V_REMOVE:
		return d->kind == DK_REMOVED || d->kind == DK_MERGED ||
		    d->kind == DK_REFLOWED;
	case V_MOVE:
		return d->kind == DK_MOVED;
	default:
		return 1;
	}
}

/* Changes a revision makes about itself: its 制定・改定 lines, 付則. */
static int
self_record(const struct node *n)
{
	for (; n != NULL; n = n->parent)
		if (n->type == N_DIVISION && (n->divkind == DIV_SUPPL ||
		    (n->caption && (strstr(n->caption, "制定") ||
		    strstr(n->caption, "改定") || strstr(n->caption, "改訂")))))
			return 1;
	return 0;
}

int
diff_check_declared(const struct diff *D, struct diags *dg)
{
	const struct doc *old = D->old, *new = D->new;
	const struct meta *m = &new->meta;
	struct decl *v = NULL;
	size_t n = 0, cap = 0, i;
	const struct dnode *d;
	int line = m->changes_line, found = 0, covered;
	const char *said = NULL;	/* the declaration's first words */
	struct buf b;
	char *l;

	buf_init(&b);

	for (i = 0; i < m->nchanges; i++)
		n = parse_decls(m->changes[i], &v, n, &cap);
	if (m->nchanges > 0)
		said = m->changes[0];
	else if (m->nhistory > 0 &&
	    strcmp(m->history[m->nhistory - 1].date, m->revision) == 0) {
		said = m->history[m->nhistory - 1].note;
		n = parse_decls(said, &v, n, &cap);
		line = m->history[m->nhistory - 1].line;
	}
	for (d = D->root->first; d != NULL; d = dnode_next(d)) {
		const struct node *at = d->new ? d->new : d->old;

		if (!dnode_changed(D, d) || d->kind == DK_NORMALIZED ||
		    self_record(at))
			continue;
		covered = 0;
		for (i = 0; i < n; i++)
			if (covers_change(&v[i], d)) {
				covered = 1;
				if (verb_fits(v[i].verb, d))
					v[i].hit = 1;
			}
		if (covered)
			continue;
		if (n == 0) {
			/* A declaration may be there and name no clause. */
			if (said != NULL)
				diag(dg, new->path, line, 0, D_DECL_NONE,
				    "since %s; \"%s\" names no clause",
				    old->meta.revision, said);
			else
				diag(dg, new->path, line, 0, D_DECL_NONE,
				    "since %s", old->meta.revision);
			found++;
			break;
		}
		l = diff_node_label(D, at);
		diag(dg, d->new ? new->path : old->path, at->line, at->col,
		    D_DECL_MISSING, "%s %s", l, d->kind == DK_LINKS ?
		    "link target changed" : dkind_name(d->kind));
		free(l);
		found++;
	}
	for (i = 0; i < n; i++) {
		if (v[i].hit)
			continue;
		buf_reset(&b);
		decl_label(&b, &v[i]);
		diag(dg, new->path, line, 0, D_DECL_FALSE, "%s", b.data);
		found++;
	}
	for (i = 0; i < n; i++) {
		free(v[i].art);
		free(v[i].appx);
	}
	buf_release(&b);
	free(v);
	return found;
}
