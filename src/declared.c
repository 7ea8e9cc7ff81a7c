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

#include "clause.h"
#include "diag.h"
#include "diff.h"
#include "doc.h"
#include "numeral.h"
#include "text.h"
#include "xalloc.h"

enum verb { V_ANY, V_ADD, V_REMOVE, V_MODIFY, V_MOVE };

struct decl {
	long		 art[2];	/* 17, 2 for 第17条の2; art[0] 0: none */
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

/* Parse the clause references in one declaration string. */
static size_t
parse_decls(const char *s, struct decl **v, size_t n, size_t *cap)
{
	size_t used, first = n, k;
	long val;
	struct decl *cur = NULL;

	while (*s != '\0') {
		if (has_prefix(s, "第") && (val = numeral_parse(s + 3, &used, 1)) >= 0 &&
		    has_prefix(s + 3 + used, "条")) {
			if (n == *cap) {
				*cap = *cap ? 2 * *cap : 8;
				*v = xreallocarray(*v, *cap, sizeof(**v));
			}
			cur = &(*v)[n++];
			memset(cur, 0, sizeof(*cur));
			cur->art[0] = val;
			s += 3 + used + 3;
			if (has_prefix(s, "の") &&
			    (val = numeral_parse(s + 3, &used, 1)) >= 0) {
				cur->art[1] = val;
				s += 3 + used;
			}
			if (has_prefix(s, "第"))
				s += 3;
			if ((val = numeral_parse(s, &used, 1)) >= 0 &&
			    has_prefix(s + used, "項")) {
				cur->para = val;
				s += used + 3;
				if (has_prefix(s, "第"))
					s += 3;
				if ((val = numeral_parse(s, &used, 1)) >= 0 &&
				    has_prefix(s + used, "号")) {
					cur->item = val;
					s += used + 3;
				}
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

/* The article, paragraph and item numbers at or above n. */
static void
position(const struct node *n, long art[2], long *para, long *item)
{
	char *end;

	art[0] = art[1] = 0;
	*para = *item = 0;
	for (; n != NULL; n = n->parent) {
		if (n->num == NULL)
			continue;
		if (n->type == N_ARTICLE) {
			art[0] = strtol(n->num, &end, 10);
			art[1] = *end == '_' ? strtol(end + 1, NULL, 10) : 0;
		} else if (n->type == N_PARAGRAPH)
			*para = strtol(n->num, NULL, 10);
		else if (n->type == N_ITEM && *item == 0)
			*item = strtol(n->num, NULL, 10);
	}
}

static int
covers(const struct decl *dc, const struct node *n)
{
	long art[2], para, item;

	if (n == NULL)
		return 0;
	position(n, art, &para, &item);
	if (art[0] != dc->art[0] || art[1] != dc->art[1])
		return 0;
	if (dc->para && dc->para != para)
		return 0;
	if (dc->item && dc->item != item)
		return 0;
	return 1;
}

static int
verb_fits(enum verb v, const struct dnode *d)
{
	switch (v) {
	case V_ADD:
		return d->kind == DK_ADDED || d->kind == DK_SPLIT;
	case V_REMOVE:
		return d->kind == DK_REMOVED || d->kind == DK_MERGED;
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
	char *l;

	for (i = 0; i < m->nchanges; i++)
		n = parse_decls(m->changes[i], &v, n, &cap);
	if (m->nchanges == 0 && m->nhistory > 0 &&
	    strcmp(m->history[m->nhistory - 1].date, m->revision) == 0) {
		n = parse_decls(m->history[m->nhistory - 1].note, &v, n, &cap);
		line = m->history[m->nhistory - 1].line;
	}
	for (d = D->root->first; d != NULL; d = dnode_next(d)) {
		const struct node *at = d->new ? d->new : d->old;

		if (!dnode_changed(D, d) || d->kind == DK_NORMALIZED ||
		    self_record(at))
			continue;
		covered = 0;
		for (i = 0; i < n; i++)
			if (covers(&v[i], d->new) || covers(&v[i], d->old)) {
				covered = 1;
				if (verb_fits(v[i].verb, d))
					v[i].hit = 1;
			}
		if (covered)
			continue;
		if (n == 0) {
			diag(dg, new->path, line, 0, D_DECL_NONE, "since %s",
			    old->meta.revision);
			found++;
			break;
		}
		l = node_path_label(at);
		diag(dg, d->new ? new->path : old->path, at->line, at->col,
		    D_DECL_MISSING, "%s %s", l, dkind_name(d->kind));
		free(l);
		found++;
	}
	for (i = 0; i < n; i++) {
		if (v[i].hit)
			continue;
		if (v[i].art[1])
			diag(dg, new->path, line, 0, D_DECL_FALSE,
			    "第%ld条の%ld%s", v[i].art[0], v[i].art[1],
			    v[i].para ? "…" : "");
		else if (v[i].item)
			diag(dg, new->path, line, 0, D_DECL_FALSE,
			    "第%ld条第%ld項第%ld号", v[i].art[0], v[i].para,
			    v[i].item);
		else if (v[i].para)
			diag(dg, new->path, line, 0, D_DECL_FALSE,
			    "第%ld条第%ld項", v[i].art[0], v[i].para);
		else
			diag(dg, new->path, line, 0, D_DECL_FALSE, "第%ld条",
			    v[i].art[0]);
		found++;
	}
	free(v);
	return found;
}
