/*
 * Source files: read one terms file, check that it is UTF-8 text within the
 * size limit, normalize line ends to LF, and split off the YAML front matter.
 *
 * The body keeps the file's line numbering: the front matter lines are
 * blanked (their bytes become spaces), so line N of the body is line N of
 * the file and every later stage reports true positions.
 */
#ifndef TERMC_SOURCE_H
#define TERMC_SOURCE_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct diags;

/*
 * 128 bits that stand for a file's bytes as read, before any check or
 * change: the build cache's key of a source (cache.h), computed while
 * the bytes are at hand so that no one reads the file again for it.
 * Not cryptographic; the same on every host.
 */
struct digest {
	uint64_t	a, b;
};

void	digest_bytes(struct digest *, const void *p, size_t len);

struct source {
	char	*path;		/* as given; owned */
	struct digest sum;	/* of the bytes read (digest_bytes()) */
	char	*text;		/* body: UTF-8, LF line ends, NUL-terminated; owned */
	size_t	 len;
	size_t	 mapped;	/* text is xmap()'s block of this size, or 0 */
	char	*fm;		/* front matter YAML without the --- lines, or NULL; owned */
	size_t	 fmlen;
	int	 fmline;	/* file line of the first YAML line */
	size_t	*line;		/* byte offset in text of each line's start; owned */
	size_t	 nlines;
	/*
	 * Set when the bytes proved plain text: valid UTF-8 without a
	 * character that the checks of the characters warn about, so that
	 * they were not made (source_read_plain()).
	 */
	int	 plain;
};

/*
 * What stat(2) says of a file that changes whenever its bytes may have:
 * a build may take the digest a build before recorded for a file whose
 * stamp is still the one recorded with it, without reading the file
 * (git's index does so).  Writing a file sets its ctime, which nobody
 * can set back; mtime and size are compared too, and the file's device
 * and inode, so that a file put in its place shows.
 */
struct stamp {
	uint64_t	dev, ino, size;
	int64_t		mtime_s, ctime_s;
	long		mtime_ns, ctime_ns;
};

struct stat;
/* The stamp of what stat(2) gave. */
void	stamp_of(struct stamp *s, const struct stat *st);
/* stat(path) into *s.  Returns 0, or -1 (errno set). */
int	stamp_take(struct stamp *s, const char *path);
int	stamp_same(const struct stamp *a, const struct stamp *b);
/*
 * Does stamp s, taken when the clock (CLOCK_REALTIME_COARSE, the clock
 * file times come from) said at least since, prove the bytes read after
 * it?  Only when its times fall in a whole second at least
 * STAMP_SETTLE_S + 1 before since's: a file written again within its
 * timestamps' granularity (a tick, a second, two on FAT) may keep its
 * stamp, as git's racy index entries may.  A file written just before a
 * build is read again the next time.  (outtree.c proves folders against
 * its own clock reading to the nanosecond: they are the output's, on
 * the file system it chose; sources may be anywhere.)
 */
#define STAMP_SETTLE_S	2
int	stamp_settled(const struct stamp *s, const struct timespec *since);
/*
 * Is the file system that holds path one whose stamps can be trusted:
 * local, with a change time of its own (ext2/3/4, XFS, Btrfs, tmpfs,
 * overlayfs, F2FS, ZFS)?  Not NFS, SMB or FUSE, whose stat() may answer
 * from a cache while the file changed on the server, nor FAT, whose
 * "change time" is the modification time anyone can set.
 */
int	stamp_local(const char *path);
/*
 * Does stamp s, of the file or folder at path, prove what was read after
 * it, by the clock since: settled, on a local file system?  fs keeps the
 * device last asked about and its answer (zero it first): files mostly
 * share one device, which then costs one statfs().
 */
struct stamp_fs {
	uint64_t	dev;
	int		local, asked;
};
int	stamp_counts(struct stamp_fs *fs, const struct stamp *s,
	    const char *path, const struct timespec *since);

/* Default size limit for one terms file, in bytes. */
#define SOURCE_MAX_SIZE	(16u * 1024 * 1024)
/*
 * A file of this size or more is read into a block of xmap()'s (huge
 * pages) rather than malloc's: its read then faults once every 2 MB.
 */
#define SOURCE_MAP_MIN	(4u * 1024 * 1024)

/*
 * Read a whole file of at most maxsize bytes (0: SOURCE_MAX_SIZE).  Returns
 * the bytes, NUL-terminated, with *len their count (the caller frees), or
 * NULL after recording an io or too-big error in d.
 */
char	*read_file(const char *path, size_t maxsize, size_t *len,
	    struct diags *d);

/*
 * Read path into src.  Returns 0, or -1 after recording an error in d;
 * on -1 src holds nothing to release.  maxsize 0 means SOURCE_MAX_SIZE.
 * SOURCE_NO_DIGEST: leave src->sum zero, for a reader that keys nothing
 * by the bytes (termc diff): the digest is a pass over every byte.
 */
#define SOURCE_NO_DIGEST	0x1
/*
 * SOURCE_NO_LINES: leave src->line NULL and nlines 0, for a reader of
 * the front matter alone (a build's first read, doc_load_head()).
 */
#define SOURCE_NO_LINES		0x2
int	source_read(struct source *src, const char *path, size_t maxsize,
	    unsigned flags, struct diags *d);
/*
 * source_read() of a file read before, whose bytes then had the digest
 * *plain and proved plain text (src->plain): when they still have that
 * digest, they are not tested again (a build reads each source twice,
 * for its front matter first; corpus.h).  Other bytes are checked as
 * source_read() checks them.
 */
int	source_read_plain(struct source *src, const char *path,
	    const struct digest *plain, struct diags *d);
/* src->line and nlines of a source read with SOURCE_NO_LINES. */
void	source_index_lines(struct source *src);
/* The same on bytes in memory (tests, fuzzing); the bytes are copied. */
int	source_load(struct source *src, const char *path, const char *bytes,
	    size_t len, size_t maxsize, struct diags *d);
void	source_release(struct source *);

/*
 * Warn about the characters text_suspect() names in text (len bytes of
 * valid UTF-8; LF, CRLF and a lone CR end lines), as terms files and
 * termc import both do: at most one warning per line (code by class,
 * detail U+XXXX, path:line:col of the first), at most
 * SOURCE_MAX_CHAR_WARN per file, then one note that the rest are not
 * reported.  CHARS_PRIVATE also warns about private-use characters
 * (decode-pua); CHARS_FORMFEED lets form feeds, page breaks in extracted
 * text, pass.  Returns the number of controls and noncharacters (see
 * text_uncarried()) in the whole text, reported or not.
 */
#define SOURCE_MAX_CHAR_WARN	20
#define CHARS_PRIVATE		0x1
#define CHARS_FORMFEED		0x2
size_t	source_check_chars(const char *path, const char *text, size_t len,
	    unsigned flags, struct diags *d);

/*
 * Check that bytes are valid UTF-8.  Returns 1, or 0 and sets *bad to the
 * offset of the first byte of the first invalid sequence.
 */
int	utf8_valid(const char *bytes, size_t len, size_t *bad);
/*
 * Line and character column (1-based) of byte offset off in text; LF, CRLF
 * and a lone CR each end a line.
 */
void	text_position(const char *text, size_t off, int *line, int *col);

#endif
