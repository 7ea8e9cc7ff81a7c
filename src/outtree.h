/*
 * Publishing a whole output folder at once.  A build writes its complete
 * new tree into a staging folder beside the output folder and then swaps
 * the two, so that the output folder holds the previous generation or the
 * new one, never a mix: not after a kill, a full disk or a failed write,
 * and not while another build runs (a lock beside the folder).  Nothing is
 * created through a symbolic link.  See outtree.c for the mechanism.
 */
#ifndef TERMC_OUTTREE_H
#define TERMC_OUTTREE_H

#include <stddef.h>

struct diags;
struct outtree;
struct stat;

/*
 * Take the lock of the output folder dir, remove staging folders that
 * killed builds left, check that dir (if it exists) holds nothing but a
 * termc site, and open an empty staging tree.  Returns the tree, which
 * outtree_free() releases, or NULL after recording an io diagnostic
 * (another build holds the lock, dir cannot be made, dir is not a site).
 */
struct outtree	*outtree_open(const char *dir, struct diags *d);
/*
 * Write len bytes to rel (a relative path without "." or ".." components)
 * in the new tree, making its folders.  Returns 0, or -1 after recording
 * an io diagnostic naming dir/rel.
 */
int	outtree_write(struct outtree *, const char *rel, const void *data,
	    size_t len, struct diags *d);
/*
 * outtree_write() in pieces, for a file too large to hold whole: create
 * rel and get its descriptor, put bytes, close.  Each returns -1 after
 * recording an io diagnostic (outtree_put() then leaves fd open).
 */
int	outtree_create(struct outtree *, const char *rel, struct diags *d);
int	outtree_put(struct outtree *, int fd, const char *rel,
	    const void *data, size_t len, struct diags *d);
int	outtree_close(struct outtree *, int fd, const char *rel,
	    struct diags *d);
/*
 * The names of the regular files in folder reldir of the previous
 * generation, sorted; *n is their count.  NULL when there are none.  The
 * caller frees each name and the array.
 */
char	**outtree_previous(const struct outtree *, const char *reldir,
	    size_t *n);
/*
 * Carry file rel of the previous generation into the new tree (a hard link,
 * or a copy).  A file the new tree holds already is left as it is, and a
 * rel the previous generation lacks is no error.  Returns 0, or -1 after
 * recording an io diagnostic.
 */
int	outtree_keep(struct outtree *, const char *rel, struct diags *d);
/*
 * Put the regular file at path (a build cache's copy) into the new tree
 * as rel: a hard link, or a copy.  want is path's lstat(), which the
 * caller took to check the cache: the file is stat'ed once a build.
 * Returns 0, or -1 after recording an io diagnostic.
 */
int	outtree_import(struct outtree *, const char *rel, const char *path,
	    const struct stat *want, struct diags *d);
/*
 * Worker processes forked from now on write files into the new tree too
 * (build -j without a cache): what the tree holds is then treated as a
 * spare's is, replaced unless this process put it, and what nobody
 * adopted is removed before the switch.
 */
void	outtree_share(struct outtree *);
/*
 * Count file rel, which a worker wrote into the new tree, as put.  It is
 * not looked at here: outtree_commit() fails, naming it, unless it is in
 * the tree then as a regular file.  Returns 0, or -1 after recording an
 * io diagnostic (rel is no safe relative path).
 */
int	outtree_adopt(struct outtree *, const char *rel, struct diags *d);
/*
 * Link file rel of the new tree, just written, to path outside the
 * output folder (a build cache's copy, cache_file()).  Returns 0, or -1
 * with errno set (nothing is recorded: the caller copies instead).
 */
int	outtree_link_out(struct outtree *, const char *rel, const char *path);
/*
 * Carry the regular dotfiles of the previous generation's top folder (such
 * as .gitignore) into the new tree, remove from it what this build did
 * not put there, switch it in and keep the previous generation as the
 * next build's spare.  Returns 0, or -1 after recording an io diagnostic
 * (one for each file put that is no longer there as a regular file); the
 * output folder is then as it was.
 */
int	outtree_commit(struct outtree *, struct diags *d);
/* Remove the staging tree if it was not switched in, and release the lock. */
void	outtree_free(struct outtree *);

#endif
