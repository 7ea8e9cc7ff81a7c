/*
 * Unit tests for diag.c's recording: a detail is kept whole whatever its
 * length (formatted on the stack when short, in a buffer when not), and
 * escaped: controls, a stray byte and bidirectional controls are written
 * as escapes, Japanese and ASCII between them as they are.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "tap.h"

int
main(void)
{
	struct diags d;
	char big[3000], want[3100], name[64];
	size_t n;

	diags_init(&d);
	diag(&d, "a.md", 3, 4, D_XREF_CAPTION, "%s in %s", "第3条（目的）",
	    "第4条");
	tap(d.n == 1 && strcmp(d.v[0].detail, "第3条（目的） in 第4条") == 0 &&
	    strcmp(d.v[0].path, "a.md") == 0 && d.v[0].line == 3 &&
	    d.v[0].col == 4, "short detail, as formatted");
	/* Longer than the stack's room, at its edge and past it. */
	for (n = 1020; n <= 1023; n++) {
		memset(big, 'x', n);
		big[n] = '\0';
		diag(&d, "a.md", 1, 1, D_XREF_CAPTION, "[%s]", big);
		snprintf(want, sizeof(want), "[%s]", big);
		snprintf(name, sizeof(name), "detail of %zu bytes, whole",
		    n + 2);
		tap(strcmp(d.v[d.n - 1].detail, want) == 0, name);
	}
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	diag(&d, "a.md", 1, 1, D_XREF_CAPTION, "%s", big);
	tap(strlen(d.v[d.n - 1].detail) == sizeof(big) - 1,
	    "detail of 3000 bytes, whole");
	diag(&d, "a.md", 1, 1, D_XREF_CAPTION, "%s",
	    "本文\x01です\t\x80。\xe2\x80\xae右から" "abc");
	tap_str(d.v[d.n - 1].detail,
	    "本文\\x01です\\x09\\x80。\\u202e右からabc",
	    "escapes between runs kept as they are");
	diag(&d, "b\x01.md", 1, 1, D_XREF_CAPTION, NULL);
	tap(strcmp(d.v[d.n - 1].path, "b\\x01.md") == 0 &&
	    d.v[d.n - 1].detail == NULL, "path escaped, no detail");
	diags_release(&d);
	return tap_failed != 0;
}
