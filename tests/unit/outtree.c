/*
 * Unit tests for outtree.c: a file a worker is said to have written
 * (outtree_adopt()) is not looked at until the commit, which fails,
 * naming it, when it is not there, and leaves the output folder as it
 * was; one that is there is published.
 */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "outtree.h"
#include "tap.h"

static int
is_file(const char *dir, const char *rel)
{
	char path[512];
	struct stat st;

	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

int
main(void)
{
	char top[] = "/tmp/termc-unit-outtree-XXXXXX", out[512], cmd[600];
	struct outtree *t;
	struct diags d;

	if (mkdtemp(top) == NULL) {
		tap(0, "mkdtemp");
		return 1;
	}
	snprintf(out, sizeof(out), "%s/out", top);
	diags_init(&d);
	/* A first generation: one page. */
	t = outtree_open(out, &d);
	tap(t != NULL && outtree_write(t, "a/one.html", "1", 1, &d) == 0 &&
	    outtree_commit(t, &d) == 0 && d.n == 0,
	    "outtree: a first tree committed");
	outtree_free(t);
	/* A worker's file said written, and not there. */
	t = outtree_open(out, &d);
	if (t != NULL)
		outtree_share(t);
	tap(t != NULL && outtree_write(t, "a/one.html", "2", 1, &d) == 0 &&
	    outtree_adopt(t, "a/one.html", &d) == 0 &&
	    outtree_adopt(t, "b/two.html", &d) == 0 && d.n == 0,
	    "outtree_adopt: not looked at");
	if (tap(t != NULL && outtree_commit(t, &d) == -1 && d.n == 1 &&
	    d.v[0].code == D_IO, "outtree_commit: a file adopted, not there"))
		tap(d.v[0].detail != NULL &&
		    strstr(d.v[0].detail, "b/two.html") != NULL,
		    "outtree_commit: names it");
	outtree_free(t);
	tap(is_file(out, "a/one.html") && !is_file(out, "b/two.html"),
	    "outtree_commit: the output folder as it was");
	diags_release(&d);
	diags_init(&d);
	/* Adopted and there: published. */
	t = outtree_open(out, &d);
	if (t != NULL)
		outtree_share(t);
	tap(t != NULL && outtree_write(t, "b/two.html", "2", 1, &d) == 0 &&
	    outtree_adopt(t, "b/two.html", &d) == 0 &&
	    outtree_commit(t, &d) == 0 && d.n == 0 &&
	    is_file(out, "b/two.html") && !is_file(out, "a/one.html"),
	    "outtree_commit: an adopted file there is published");
	outtree_free(t);
	diags_release(&d);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", top);
	if (system(cmd) != 0)
		tap(0, "cleanup");
	return tap_failed != 0;
}
