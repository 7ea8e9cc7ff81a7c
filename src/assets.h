/*
 * The default templates and style sheets (the files of templates/), built into the
 * binary so that termc runs anywhere: build/gen/assets.c is written by
 * tools/embed.c at build time.  A designer's folder (--templates DIR, or a
 * templates/ found beside the terms) replaces them as a whole: when a
 * folder is in use, every file comes from it, so that a page never mixes
 * a designer's markup with the built-in style sheet.
 */
#ifndef TERMC_ASSETS_H
#define TERMC_ASSETS_H

#include <stddef.h>

struct diags;

struct asset {
	const char	*name;		/* base name: "page.html" */
	const char	*data;		/* NUL-terminated */
	size_t		 len;		/* without the NUL */
};

extern const struct asset assets[];	/* sorted by name */
extern const size_t nassets;

/*
 * The bytes of template file name: read from dir/name when dir is not
 * NULL, else the built-in copy.  Returns a NUL-terminated malloc'd copy
 * the caller frees, and its length; NULL with an io diagnostic when the
 * file cannot be read (or, built in, does not exist).  *path is set to
 * how to name the file in messages (dir/name, or "<built-in>/name"),
 * malloc'd, caller frees.
 */
char	*asset_read(const char *dir, const char *name, size_t *len,
	    char **path, struct diags *d);

#endif
