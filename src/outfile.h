/*
 * Writing output files safely: every file goes to a temporary name in its
 * final directory and is renamed into place, so a reader (or a failed
 * build) never sees a partial file.  Paths are relative to an output root
 * and may not climb out of it.
 */
#ifndef TERMC_OUTFILE_H
#define TERMC_OUTFILE_H

#include <stddef.h>

struct diags;

/*
 * Write len bytes to root/rel, creating directories below root as needed.
 * Returns 0, or -1 after recording an io diagnostic in d.
 */
int	outfile_write(const char *root, const char *rel, const void *data,
	    size_t len, struct diags *d);

/* The same for a path as the user wrote it: its folder must exist. */
int	outfile_write_path(const char *path, const void *data, size_t len,
	    struct diags *d);
/* Is rel relative, with no empty, "." or ".." component? */
int	outfile_rel_safe(const char *rel);
/* Write len bytes to fd whole, again after EINTR: 0, or -1 with errno. */
int	outfile_put_fd(int fd, const void *data, size_t len);
/* mkdir -p path (0777 less the umask).  Returns 0, or -1 with errno set. */
int	outfile_mkdirs(char *path);

#endif
