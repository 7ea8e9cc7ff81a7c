/*
 * Template files from a folder or from the copies built into termc.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "assets.h"
#include "buf.h"
#include "diag.h"
#include "source.h"
#include "xalloc.h"

char *
asset_read(const char *dir, const char *name, size_t *len, char **path,
    struct diags *d)
{
	struct buf b;
	char *bytes;
	size_t i;

	buf_init(&b);
	buf_printf(&b, "%s/%s", dir ? dir : "<built-in>", name);
	*path = buf_detach(&b);
	/* A designer's folder may lack a file: say how it was chosen. */
	if (dir != NULL && access(*path, F_OK) == -1 && errno == ENOENT) {
		diag(d, *path, 0, 0, D_IO, "%s; a templates folder "
		    "(--templates DIR, or templates/ beside the terms) must "
		    "hold every template", strerror(errno));
		return NULL;
	}
	if (dir != NULL)
		return read_file(*path, 0, len, d);
	for (i = 0; i < nassets; i++)
		if (strcmp(assets[i].name, name) == 0) {
			*len = assets[i].len;
			bytes = xmalloc(assets[i].len + 1);
			memcpy(bytes, assets[i].data, assets[i].len + 1);
			return bytes;
		}
	diag(d, *path, 0, 0, D_IO, "%s", strerror(ENOENT));
	return NULL;
}
