/*
 * An LD_PRELOAD shim for tests/publish: renameat2() as on a filesystem
 * that has no RENAME_EXCHANGE or RENAME_NOREPLACE (EINVAL), so that the
 * fallback of outtree.c runs.  Each refusal touches $NOEXCHANGE_MARK, so
 * the test knows the shim was in the way.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int	renameat2(int, const char *, int, const char *, unsigned int);

int
renameat2(int olddirfd, const char *oldpath, int newdirfd,
    const char *newpath, unsigned int flags)
{
	const char *mark;
	int fd;

	if (flags == 0)
		return renameat(olddirfd, oldpath, newdirfd, newpath);
	if ((mark = getenv("NOEXCHANGE_MARK")) != NULL &&
	    (fd = open(mark, O_WRONLY | O_CREAT, 0644)) != -1)
		close(fd);
	errno = EINVAL;
	return -1;
}
