/*
 * Reading a folder with getdents64() rather than opendir(), which adds an
 * fstat() to each folder (and fdopendir() two fcntl() more): a build
 * reads the terms, out/ and the spare, two or three folders a document
 * (issue 17).  Entries come in the order the filesystem gives them, with
 * their type and inode from the folder itself, no stat; entries removed
 * during the read are as with readdir().
 */
#ifndef TERMC_DIRSCAN_H
#define TERMC_DIRSCAN_H

#include <stdint.h>

struct dirscan {
	int		 fd;
	unsigned long	 n, off;
	char		*bytes;		/* getdents64()'s buffer */
};

/* An entry: valid until the next dirscan_next() or dirscan_close(). */
struct dirscan_ent {
	const char	*name;
	unsigned char	 type;		/* DT_REG, DT_DIR, DT_LNK …, DT_UNKNOWN */
	uint64_t	 ino;
};

/* Read folder fd (open, O_DIRECTORY), which the scan then owns. */
void	 dirscan_open(struct dirscan *, int fd);
/* The next entry but . and .., or NULL at the end or on an error. */
const struct dirscan_ent *dirscan_next(struct dirscan *,
	    struct dirscan_ent *e);
/* Closes the folder. */
void	 dirscan_close(struct dirscan *);

#endif
