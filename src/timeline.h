/*
 * Revision timelines as SVG, drawn at build time so that no script is
 * needed to see them: one lane per document, a point per revision at the
 * date it took effect, its area growing with the number of clauses the
 * revision changed.  An XML output, written with libxml2's xmlTextWriter;
 * no libxml2 type leaves timeline.c.  Nothing here reads the clock.
 */
#ifndef TERMC_TIMELINE_H
#define TERMC_TIMELINE_H

#include <stddef.h>

struct tl_point {
	const char	*date;		/* YYYY-MM-DD */
	size_t		 changes;	/* clauses changed since the revision
					   before; 0 for the first */
	int		 first;		/* the first revision: nothing before */
};

struct tl_lane {
	const char		*label;
	const struct tl_point	*pts;	/* oldest first */
	size_t			 n;
};

/* The site's timeline shows at most this many lanes, newest first. */
#define TIMELINE_MAX_LANES	40

/*
 * The timeline of lanes[0, n) (n at most TIMELINE_MAX_LANES is drawn);
 * ja: Japanese words.  Returns the SVG document, *len bytes; caller frees.
 */
char	*timeline_svg(const struct tl_lane *lanes, size_t n, int ja,
	    size_t *len);

#endif
