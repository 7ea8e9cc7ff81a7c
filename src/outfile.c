/*
 * Atomic output files: see outfile.h.
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "diag.h"
#include "outfile.h"
#include "xalloc.h"

int
outfile_rel_safe(const char *rel)
{
	const char *p = rel, *e;
	size_t n;

	if (*rel == '\0' || *rel == '/')
		return 0;
	for (;;) {
		e = strchr(p, '/');
		n = e ? (size_t)(e - p) : strlen(p);
		if (n == 0 || (n == 1 && p[0] == '.') ||
		    (n == 2 && p[0] == '.' && p[1] == '.'))
			return 0;
		if (e == NULL)
			return 1;
		p = e + 1;
	}
}

/*
 * A folder made here is 0755 whatever the umask (files are 0644 by
 * fchmod): the same input gives the same bytes and the same modes.
 */
static int
mkdir_public(const char *path)
{
	if (mkdir(path, 0755) == -1)
		return -1;
	return chmod(path, 0755);
}

/*
 * mkdir -p, deepest directory first: it almost always exists already, so
 * one system call instead of one per component.
 */
int
outfile_mkdirs(char *path)
{
	char *slash;
	int rc;

	if (mkdir_public(path) == 0 || errno == EEXIST)
		return 0;
	if (errno != ENOENT || (slash = strrchr(path, '/')) == NULL ||
	    slash == path)
		return -1;
	*slash = '\0';
	rc = outfile_mkdirs(path);
	*slash = '/';
	if (rc == -1)
		return -1;
	return mkdir_public(path) == 0 || errno == EEXIST ? 0 : -1;
}

int
outfile_write(const char *root, const char *rel, const void *data,
    size_t len, struct diags *d)
{
	struct buf path, tmp;
	char *dir, *slash;
	FILE *fp;
	int fd, rc = -1;

	if (*root == '\0' || !outfile_rel_safe(rel)) {
		diag(d, rel, 0, 0, D_IO, "unsafe output path");
		return -1;
	}
	buf_init(&path);
	buf_printf(&path, "%s/%s", root, rel);
	dir = xstrdup(path.data);
	if ((slash = strrchr(dir, '/')) != NULL)
		*slash = '\0';
	buf_init(&tmp);
	buf_printf(&tmp, "%s/.termc-XXXXXX", dir);
	if (outfile_mkdirs(dir) == -1) {
		diag(d, dir, 0, 0, D_IO, "%s", strerror(errno));
		goto out;
	}
	if ((fd = mkstemp(tmp.data)) == -1) {
		diag(d, tmp.data, 0, 0, D_IO, "%s", strerror(errno));
		goto out;
	}
	fchmod(fd, 0644);
	if ((fp = fdopen(fd, "wb")) == NULL) {
		close(fd);
		unlink(tmp.data);
		diag(d, path.data, 0, 0, D_IO, "%s", strerror(errno));
		goto out;
	}
	if (fwrite(data, 1, len, fp) != len || fflush(fp) != 0) {
		diag(d, path.data, 0, 0, D_IO, "%s", strerror(errno));
		fclose(fp);
		unlink(tmp.data);
		goto out;
	}
	if (fclose(fp) != 0 || rename(tmp.data, path.data) == -1) {
		diag(d, path.data, 0, 0, D_IO, "%s", strerror(errno));
		unlink(tmp.data);
		goto out;
	}
	rc = 0;
out:
	free(dir);
	buf_release(&tmp);
	buf_release(&path);
	return rc;
}

int
outfile_write_path(const char *path, const void *data, size_t len,
    struct diags *d)
{
	const char *slash = strrchr(path, '/');
	char *dir;
	int rc;

	if (slash == NULL)
		return outfile_write(".", path, data, len, d);
	dir = xstrdup(path);
	dir[slash - path] = '\0';
	rc = outfile_write(slash == path ? "/" : dir, slash + 1, data, len, d);
	free(dir);
	return rc;
}

int
outfile_put_fd(int fd, const void *data, size_t len)
{
	const char *p = data;
	ssize_t w;

	while (len > 0) {
		if ((w = write(fd, p, len)) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += w;
		len -= (size_t)w;
	}
	return 0;
}
