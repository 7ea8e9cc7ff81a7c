/*
 * Diagnostics: the table lives in diag.h; this file stores and prints.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "text.h"
#include "xalloc.h"

static const struct {
	enum dlevel	 level;
	const char	*name;
	const char	*msg;
} table[D__MAX] = {
#define X(code, level, name, msg) { DL_##level, name, msg },
	DIAG_TABLE
#undef X
};

void
diags_init(struct diags *d)
{
	memset(d, 0, sizeof(*d));
}

void
diags_release(struct diags *d)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		free(d->v[i].path);
		free(d->v[i].detail);
	}
	free(d->v);
	memset(d, 0, sizeof(*d));
}

static void
push(struct diags *d, const struct diag *x)
{
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 16;
		d->v = xreallocarray(d->v, d->cap, sizeof(*d->v));
	}
	d->v[d->n++] = *x;
	if (table[x->code].level > d->worst)
		d->worst = table[x->code].level;
}

/*
 * Escaped once, here, so that every printer (text, JSON, JUnit XML) gets
 * clean text: a path or a front matter field name must not move the
 * terminal's cursor, recolour it or reorder the line.  A byte that is no
 * UTF-8 (a path may hold any) is written \xNN too, so that a diagnostic
 * is always valid UTF-8 for JSON and XML.  Takes s (malloc'd), returns a
 * malloc'd string.
 */
static char *
escape(char *s)
{
	const unsigned char *p, *q, *end;
	struct buf b;
	enum suspect k;
	size_t n;
	int32_t c;

	for (p = (const unsigned char *)s; *p != '\0'; p++)
		if (*p >= 0x80 || text_suspect_lead(*p))
			break;
	if (*p == '\0')
		return s;
	end = p + strlen((const char *)p);
	buf_init(&b);
	buf_put(&b, s, (size_t)(p - (const unsigned char *)s));
	for (; p < end; p += n) {
		n = utf8_next_inline((const char *)p, (size_t)(end - p), &c);
		/*
		 * Whole characters whose lead bytes rule out a suspect,
		 * ASCII that is none: appended as one run.
		 */
		if ((n > 1 || *p < 0x80) && !text_suspect_lead(*p)) {
			q = p;
			while ((p += n) < end && !text_suspect_lead(*p) &&
			    (n = utf8_next_inline((const char *)p,
			    (size_t)(end - p), &c)) > 0 && (n > 1 || *p < 0x80))
				;
			buf_put(&b, q, (size_t)(p - q));
			n = 0;
			continue;
		}
		k = text_suspect(c);
		if ((n == 1 && *p >= 0x80) || (c < 0x80 &&
		    (k == SUS_CONTROL || c == '\t' || c == '\n')))
			buf_printf(&b, "\\x%02x", *p);
		else if (k == SUS_CONTROL || k == SUS_BIDI)
			buf_printf(&b, "\\u%04x", (unsigned)c);
		else
			buf_put(&b, p, n);
	}
	free(s);
	return buf_detach(&b);
}

char *
diag_escape(const char *s)
{
	return escape(xstrdup(s));
}

void
diag(struct diags *d, const char *path, int line, int col, enum dcode code,
    const char *fmt, ...)
{
	struct diag x;
	struct buf b;
	va_list ap;
	char small[1024];
	int n;

	x.path = escape(xstrdup(path ? path : "termc"));
	x.line = line;
	x.col = col;
	x.code = code;
	x.detail = NULL;
	if (fmt != NULL) {
		/* Formatted once on the stack, the usual length; again
		 * into a buffer only when longer. */
		va_start(ap, fmt);
		n = vsnprintf(small, sizeof(small), fmt, ap);
		va_end(ap);
		if (n >= 0 && (size_t)n < sizeof(small))
			x.detail = escape(xstrndup(small, (size_t)n));
		else {
			buf_init(&b);
			va_start(ap, fmt);
			buf_vprintf(&b, fmt, ap);
			va_end(ap);
			x.detail = escape(buf_detach(&b));
		}
	}
	push(d, &x);
}

void
diags_move(struct diags *dst, struct diags *src)
{
	size_t i;

	for (i = 0; i < src->n; i++)
		push(dst, &src->v[i]);
	free(src->v);
	memset(src, 0, sizeof(*src));
}

size_t
diags_filter(struct diags *d, int (*keep)(const struct diag *, void *),
    void *arg)
{
	size_t i, n = 0;

	d->worst = DL_NONE;
	for (i = 0; i < d->n; i++) {
		if (!keep(&d->v[i], arg)) {
			free(d->v[i].path);
			free(d->v[i].detail);
			continue;
		}
		d->v[n++] = d->v[i];
		if (table[d->v[i].code].level > d->worst)
			d->worst = table[d->v[i].code].level;
	}
	i = d->n - n;
	d->n = n;
	return i;
}

enum dlevel
diag_level(enum dcode c)
{
	return table[c].level;
}

const char *
diag_name(enum dcode c)
{
	return table[c].name;
}

const char *
diag_message(enum dcode c)
{
	return table[c].msg;
}

const char *
diag_level_name(enum dlevel l)
{
	switch (l) {
	case DL_WARNING:
		return "warning";
	case DL_ERROR:
		return "error";
	case DL_FATAL:
		return "fatal";
	default:
		return "note";
	}
}

void
diags_print(const struct diags *d, FILE *fp)
{
	diags_print_split(d, fp, fp);
}

/* Write out what b holds, in one call (stderr is unbuffered). */
static void
flush_lines(struct buf *b, FILE *fp)
{
	if (b->len > 0)
		fwrite(b->data, 1, b->len, fp);
	buf_reset(b);
}

void
diags_print_split(const struct diags *d, FILE *fp, FILE *trouble)
{
	const struct diag *x;
	struct buf b;
	size_t i;

	/*
	 * The findings are gathered and written 64 KB at a time: three
	 * fprintf() calls a finding on unbuffered stderr were three write
	 * system calls each.  Trouble lines go out in their place.
	 */
	buf_init(&b);
	for (i = 0; i < d->n; i++) {
		x = &d->v[i];
		/*
		 * Trouble with a file as such has no position to give and
		 * is no finding about its text: "termc: PATH: what
		 * happened", as other command-line tools say it.
		 */
		if (x->code == D_IO && x->line == 0) {
			flush_lines(&b, fp);
			fflush(fp);
			fprintf(trouble, "termc: %s: %s\n", x->path,
			    x->detail != NULL && *x->detail != '\0' ?
			    x->detail : "cannot read or write");
			continue;
		}
		buf_puts(&b, x->path);
		buf_printf(&b, ":%d:%d: ", x->line, x->col);
		buf_puts(&b, diag_level_name(table[x->code].level));
		buf_puts(&b, ": ");
		buf_puts(&b, table[x->code].msg);
		if (x->detail != NULL && *x->detail != '\0') {
			buf_puts(&b, ": ");
			buf_puts(&b, x->detail);
		}
		buf_puts(&b, " [");
		buf_puts(&b, table[x->code].name);
		buf_puts(&b, "]\n");
		if (b.len >= 65536)
			flush_lines(&b, fp);
	}
	flush_lines(&b, fp);
	buf_release(&b);
}

int
diags_exit(const struct diags *d, int strict)
{
	if (d->worst >= DL_FATAL)
		return 2;
	if (d->worst >= DL_ERROR || (strict && d->worst >= DL_WARNING))
		return 1;
	return 0;
}
