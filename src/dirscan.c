/*
 * Reading a folder with getdents64(): see dirscan.h.
 */
#define _GNU_SOURCE	/* getdents64(), struct dirent64 */
#include <dirent.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dirscan.h"
#include "xalloc.h"

#define SCAN_BYTES	32768	/* about 1000 entries a call */

void
dirscan_open(struct dirscan *sc, int fd)
{
	sc->fd = fd;
	sc->n = sc->off = 0;
	/* malloc's alignment is struct dirent64's. */
	sc->bytes = xmalloc(SCAN_BYTES);
}

const struct dirscan_ent *
dirscan_next(struct dirscan *sc, struct dirscan_ent *e)
{
	struct dirent64 *de;
	ssize_t r;

	do {
		if (sc->off >= sc->n) {
			if ((r = getdents64(sc->fd, sc->bytes,
			    SCAN_BYTES)) <= 0)
				return NULL;
			sc->n = (unsigned long)r;
			sc->off = 0;
		}
		de = (struct dirent64 *)(void *)(sc->bytes + sc->off);
		sc->off += de->d_reclen;
	} while (de->d_name[0] == '.' && (de->d_name[1] == '\0' ||
	    (de->d_name[1] == '.' && de->d_name[2] == '\0')));
	e->name = de->d_name;
	e->type = de->d_type;
	e->ino = de->d_ino;
	return e;
}

void
dirscan_close(struct dirscan *sc)
{
	close(sc->fd);
	free(sc->bytes);
}
