/*
 * A baseline of accepted findings, the way linters keep one: a team that
 * keeps known drafting errors on purpose (as real terms do) writes the
 * current findings once (termc check --write-baseline FILE); later runs
 * with --baseline FILE drop the findings the file holds and report every
 * other one, so that --strict can gate CI from the first day.
 *
 * A finding is keyed by its code, its document (provider/document/
 * revision, or the path for a file that did not load), the anchor of the
 * clause at its line, and its detail with line numbers blanked: never by
 * its position, so that edits elsewhere in the file keep the baseline
 * valid.  Each line of the file absorbs one finding, so a second,
 * identical new finding still fails.
 *
 * File format, UTF-8, one finding per line, sorted, '#' lines comments:
 *   code TAB document TAB clause TAB detail
 */
#ifndef TERMC_BASELINE_H
#define TERMC_BASELINE_H

#include <stddef.h>

struct corpus;
struct diags;

struct baseline {
	char		**keys;		/* sorted; owned */
	size_t		  n;
	unsigned char	 *used;		/* per key: matched a finding */
};

/*
 * Read path into b.  Returns 0, or -1 with a diagnostic (io; baseline
 * for a line that is not four tab-separated fields).
 */
int	baseline_load(struct baseline *b, const char *path, struct diags *d);
void	baseline_release(struct baseline *b);
/*
 * Remove from d the findings b holds (not fatal ones), each key absorbing
 * one finding, and recompute d's worst level.  Returns how many went.
 */
size_t	baseline_apply(struct baseline *b, struct diags *d,
	    const struct corpus *c);
/* Keys that matched no finding: accepted findings since fixed. */
size_t	baseline_stale(const struct baseline *b);
/*
 * The baseline file for the findings of d (fatal ones left out), sorted.
 * Returns malloc'd text and its length through len.
 */
char	*baseline_text(const struct diags *d, const struct corpus *c,
	    size_t *len);

#endif
