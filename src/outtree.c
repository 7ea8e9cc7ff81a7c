/*
 * The output folder as one unit: see outtree.h.
 *
 * For an output folder P/B:
 *
 * - P/.B.termc-lock is locked with flock(2) while a build writes.  A second
 *   build finds it taken and stops with an io error instead of waiting: a
 *   build that waits on a hung one helps nobody, and a refusal can be
 *   tested without timing.  The lock file stays (removing it would let a
 *   third build lock a new file while the second still holds the old one).
 * - The new tree is written into P/.B.termc-new-XXXXXX (mkdtemp): the same
 *   parent, hence the same filesystem, so the switch is a rename.  Folders
 *   of the tree are made with mkdirat() and entered one component at a
 *   time with O_NOFOLLOW, files are created with O_EXCL|O_NOFOLLOW: no
 *   symbolic link is followed while writing, whatever lies around.
 * - renameat2(RENAME_EXCHANGE) swaps P/B and the staging folder in one
 *   step; the previous generation then lies under the staging name and is
 *   kept as the spare, P/.B.termc-spare (below).  Where the filesystem
 *   refuses the exchange (EINVAL: some network and FUSE filesystems), P/B
 *   is renamed aside and the new tree renamed in: a reader may find no
 *   P/B for an instant, never a mix.
 * - Folders named P/.B.termc-new-* found under the lock were left by a
 *   killed build (before or after its switch) and are removed first.
 * - Nothing is synced: the switch is atomic against a killed build or a
 *   full disk, not against a power cut.
 * - The spare: the generation before P/B is not removed but becomes the
 *   next build's staging tree, edited in place, since a generation is
 *   mostly the one before it (issue 17: removing 10,000 documents' folders
 *   and making them again cost most of an incremental build).  Nobody
 *   reads the spare, so editing it breaks no guarantee of P/B's, and
 *   nothing in it is trusted: a file the build puts in the tree replaces
 *   whatever the spare holds at its name, unless it is the very file
 *   (outtree_import(): the same inode as the cache's copy, whose bytes
 *   never change), and what the build did not put is removed before the
 *   switch (prune()).  A spare's file that is the build's alone is
 *   rewritten in place rather than removed and made again
 *   (rewrite_spare()).  A build killed while editing the spare leaves a
 *   spare that is half edited, which the next build edits the same way.
 *
 * Since the previous generation is deleted or edited into the next (and
 * what a build does not put there removed), P/B must hold a site and
 * nothing else: see site_shape(), which keeps `-o .` or `-o ~` from
 * deleting anyone's files.  Regular dotfiles at the top of P/B are the
 * user's, not the site's (the repository keeps out/.gitignore in git):
 * each build carries them into the new generation, hard-linked.  Dot
 * folders (a .git) are refused rather than carried: a folder cannot be
 * linked, and copying a repository is not a build's business.
 */
#define _GNU_SOURCE	/* renameat2(), RENAME_EXCHANGE, RENAME_NOREPLACE */
#include <sys/file.h>
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "diag.h"
#include "dirscan.h"
#include "hmap.h"
#include "outfile.h"
#include "outtree.h"
#include "xalloc.h"

/*
 * A spare's file rewritten in place (rewrite_spare()): 1 + its old size
 * (0 for a new file), and the bytes outtree_put() wrote, where the file
 * now ends (an lseek() a file saved: three a document).
 */
struct rewrite {
	off_t	old;
	off_t	end;
};

struct outtree {
	char	*dir;		/* the output folder as named, for messages */
	char	*base;		/* its name in its parent */
	char	*stage;		/* the staging folder's name in the parent */
	char	*spare_name;	/* the spare's */
	int	 pfd;		/* the parent folder */
	int	 lockfd;
	int	 prevfd;	/* the previous generation, or -1 */
	int	 stagefd;
	int	 committed;
	char	*lastrel;	/* the folder written last: most files share it */
	int	 lastfd;
	int	 fixmode;	/* the umask hides bits of 0755: chmod each */
	uid_t	 euid;		/* whose files rewrite_spare() may rewrite */
	int	 spare;		/* the staging tree is the spare, edited */
	int	 edited;	/* what the tree holds may be another's: the
				   spare's, or workers' (outtree_share()) */
	struct hmap made;	/* rels put in the tree (FILE) and their
				   folders (FOLDER), owned keys */
	size_t	 nmade;		/* the FILEs of made */
	size_t	 nmet;		/* those prune() met, as regular files */
	struct hmap known;	/* the spare's list: rel -> struct known */
	char	*knownbytes;	/* the list read, which known points into */
	struct known *knownv;
	struct timespec knownstamp; /* the list's clock: see trusted() */
	struct timespec liststamp;  /* the new list's */
	dev_t	 knowndev;	/* the spare's device */
	char	*okrel;		/* a spare folder proved by the list … */
	const struct known *okknown; /* … and its entry: listed_as() */
	struct buf list;	/* the new generation's list, made by prune() */
	int	 listok;	/* prune() walked the whole tree: list holds */
	struct rewrite	*rewrites;	/* by descriptor */
	size_t		 nrewrites;
};

/*
 * The list of a generation (issue 17): each folder below its top with
 * its inode, its ctime and its entries, as the build that made the
 * generation left them, in P/.B.termc-list (out/'s) and, once out/ is
 * the spare, P/.B.termc-spare-list.  A folder whose inode and ctime are
 * those listed holds the entries listed and nothing else: adding,
 * removing or renaming an entry changes a folder's ctime, which nobody
 * can set.  So prune() needs no read of it (one fstatat() where getdents
 * cost an open, an fstat, two reads and a close): 10,000 documents, two
 * folders each.  The list holds the filesystem's clock (the coarse clock
 * timestamps come from) as it was before the prune began; a ctime not
 * before it proves nothing, as git's racy index entries, since a change
 * within the same tick would not show: that folder is read.  A list whose
 * top is not the spare's, or that does not read whole, is not used.
 *
 * Format: "termc-list 1 DEV INO SEC NSEC\n", then for each folder "D INO SEC
 * NSEC N REL\n" and its N entries "f INO NAME\n" (a file and its inode)
 * or "d 0 NAME\n", then "end\n".  Names hold no newline (outtree writes
 * no list otherwise).
 */
struct known {
	uint64_t	 ino;
	struct timespec	 ctime;
	char		*ents;		/* N lines "f INO NAME", "d 0 NAME",
					   NUL-ended: ent_name(), ent_ino() */
	size_t		 n;
	int		 proved;	/* listed_as() proved it, and nothing
					   was written there since */
};

/* Values of outtree.made: two distinct addresses. */
static char	 made_file_tag, made_folder_tag;
#define MADE_FILE	((void *)&made_file_tag)
#define MADE_FOLDER	((void *)&made_folder_tag)

static int
is_dots(const char *name)
{
	return name[0] == '.' && (name[1] == '\0' ||
	    (name[1] == '.' && name[2] == '\0'));
}

/* How open_below() treats a missing folder. */
#define OB_MAKE		1	/* make it */
#define OB_CHMOD	2	/* and set its mode (the umask hides bits) */
#define OB_SPARE	4	/* most are there (the spare): open first */

/*
 * Open folder name in folder at with O_NOFOLLOW; with OB_MAKE, make it
 * if missing, and replace a file or link in its place (a spare's).
 * Returns a descriptor, or -1 with errno set.
 */
static int
enter(int at, const char *name, int how)
{
	const int flags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;
	int fd;

	if ((how & OB_SPARE) && ((fd = openat(at, name, flags)) != -1 ||
	    !(how & OB_MAKE) || errno != ENOENT))
		goto placed;
	/* 0755 whatever the umask: same input, same modes. */
	if ((how & OB_MAKE) && (mkdirat(at, name, 0755) == 0 ?
	    ((how & OB_CHMOD) ? fchmodat(at, name, 0755, 0) : 0) :
	    errno != EEXIST ? -1 : 0) == -1)
		return -1;
	fd = openat(at, name, flags);
placed:
	if (fd == -1 && (how & OB_MAKE) && (errno == ENOTDIR ||
	    errno == ELOOP) && unlinkat(at, name, 0) == 0 &&
	    mkdirat(at, name, 0755) == 0 && (!(how & OB_CHMOD) ||
	    fchmodat(at, name, 0755, 0) == 0))
		fd = openat(at, name, flags);
	return fd;
}

/*
 * Open folder rel ("" for at itself) below folder at, one component at a
 * time with O_NOFOLLOW so that no symbolic link is followed; how is 0 or
 * the OB_* flags.  Returns a descriptor, or -1 with errno set.
 */
static int
open_below(int at, const char *rel, int how)
{
	char name[NAME_MAX + 1];
	const char *p = rel, *e;
	size_t n;
	int fd = -1, nfd;

	/* A new open of ".", not a dup(): readdir() needs its own offset. */
	if (*p == '\0')
		return openat(at, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	while (*p != '\0') {
		e = strchr(p, '/');
		n = e != NULL ? (size_t)(e - p) : strlen(p);
		if (n > NAME_MAX) {
			if (fd != -1)
				close(fd);
			errno = ENAMETOOLONG;
			return -1;
		}
		memcpy(name, p, n);
		name[n] = '\0';
		nfd = enter(fd != -1 ? fd : at, name, how);
		if (fd != -1)
			close(fd);
		if ((fd = nfd) == -1)
			return -1;
		p += n;
		if (*p == '/')
			p++;
	}
	return fd;
}

/*
 * Remove name below folder at with everything it holds, following no
 * symbolic link.  Best effort: what cannot be removed stays for the next
 * build's sweep.
 */
static void
remove_tree(int at, const char *name, int depth)
{
	struct dirscan sc;
	struct dirscan_ent ent;
	const struct dirscan_ent *de;
	int fd;

	if ((fd = openat(at, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC)) == -1) {
		if (errno == ENOTDIR || errno == ELOOP)
			unlinkat(at, name, 0);
		return;
	}
	if (depth > 16) {
		close(fd);
		return;
	}
	dirscan_open(&sc, fd);
	while ((de = dirscan_next(&sc, &ent)) != NULL) {
		if (de->type == DT_REG || de->type == DT_LNK)
			unlinkat(fd, de->name, 0);
		else
			remove_tree(fd, de->name, depth + 1);
	}
	dirscan_close(&sc);
	unlinkat(at, name, AT_REMOVEDIR);
}

/* The type of name in folder fd (S_IFREG …), links not followed; 0 if gone. */
static mode_t
type_at(int fd, const char *name, unsigned char d_type)
{
	struct stat st;

	switch (d_type) {
	case DT_REG:
		return S_IFREG;
	case DT_DIR:
		return S_IFDIR;
	case DT_LNK:
		return S_IFLNK;
	default:
		if (fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW) == -1)
			return 0;
		return st.st_mode & S_IFMT;
	}
}

/*
 * Is the folder fd shaped like a site termc writes?  Its top holds files
 * and folders (dot entries: files only), those folders hold folders
 * (provider/document) and those hold files; symbolic links may lie
 * anywhere, for removing one never touches its target.  On a mismatch
 * returns -1 with the offending path, relative to the top, in where.
 * Closes fd.
 */
static int
site_shape(int fd, int depth, struct buf *where)
{
	struct dirscan sc;
	struct dirscan_ent ent;
	const struct dirscan_ent *de;
	mode_t type;
	size_t mark = where->len;
	int ok, sub, rc = 0;

	if (fd == -1)
		return -1;
	dirscan_open(&sc, fd);
	while (rc == 0 && (de = dirscan_next(&sc, &ent)) != NULL) {
		type = type_at(fd, de->name, de->type);
		if (type == S_IFLNK || type == 0)
			continue;
		if (depth == 0)
			ok = type == S_IFREG ||
			    (type == S_IFDIR && de->name[0] != '.');
		else
			ok = type == (depth == 1 ? S_IFDIR : S_IFREG);
		if (depth > 0)
			buf_putc(where, '/');
		buf_puts(where, de->name);
		if (!ok)
			rc = -1;
		else if (type == S_IFDIR) {
			sub = openat(fd, de->name, O_RDONLY |
			    O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
			if (sub != -1)
				rc = site_shape(sub, depth + 1, where);
		}
		if (rc == 0) {
			where->len = mark;
			where->data[mark] = '\0';
		}
	}
	dirscan_close(&sc);
	return rc;
}

/*
 * The lock file names the generation the last build switched in: "gen
 * DEV INO CTIME" of its top folder, taken after the switch
 * (outtree_commit()).  out/ with that identity is the tree termc made,
 * its top as termc left it (an entry added, removed or renamed there
 * changes the folder's ctime, and a folder made again under a reused
 * inode number has a new one), so its shape needs no walk: on 10,000
 * documents site_shape() cost 80,000 system calls a build.  What someone
 * puts by hand into the site's own folders goes as the site's files do
 * (docs/speed.md).
 */
static void
generation(const struct stat *st, char out[96])
{
	snprintf(out, 96, "gen %llu %llu %lld.%09ld\n",
	    (unsigned long long)st->st_dev, (unsigned long long)st->st_ino,
	    (long long)st->st_ctim.tv_sec, (long)st->st_ctim.tv_nsec);
}

static int
made_here(const struct outtree *t)
{
	struct stat st;
	char have[96], want[96];
	ssize_t r;

	if ((r = pread(t->lockfd, have, sizeof(have) - 1, 0)) <= 0 ||
	    fstat(t->prevfd, &st) == -1)
		return 0;
	have[r] = '\0';
	generation(&st, want);
	return strcmp(have, want) == 0;
}

/* Record the generation just switched in as made_here()'s. */
static void
note_made(const struct outtree *t)
{
	struct stat st;
	char gen[96];
	size_t n;

	if (fstat(t->stagefd, &st) == -1)
		return;
	generation(&st, gen);
	n = strlen(gen);
	/* Cut short or not written: no match, and the next build walks. */
	if (ftruncate(t->lockfd, 0) == 0 &&
	    pwrite(t->lockfd, gen, n, 0) != (ssize_t)n &&
	    ftruncate(t->lockfd, 0) == -1)
		return;
}

/* Remove the staging folders of killed builds: .B.termc-new-* in the parent. */
static void
sweep(struct outtree *t)
{
	struct dirscan sc;
	struct dirscan_ent ent;
	const struct dirscan_ent *de;
	struct buf prefix;
	int fd;

	if ((fd = open_below(t->pfd, "", 0)) == -1)
		return;
	dirscan_open(&sc, fd);
	buf_init(&prefix);
	buf_printf(&prefix, ".%s.termc-new-", t->base);
	while ((de = dirscan_next(&sc, &ent)) != NULL)
		if (strncmp(de->name, prefix.data, prefix.len) == 0)
			remove_tree(t->pfd, de->name, 0);
	dirscan_close(&sc);
	buf_release(&prefix);
}

static const struct known *trusted(const struct outtree *, const char *rel,
		    const struct stat *);

/* " N" in decimal: the list is made without printf (20,000 folders). */
static void
put_num(struct buf *b, uint64_t v)
{
	char num[24], *p = num + sizeof(num);

	*--p = '\0';
	do
		*--p = (char)('0' + v % 10);
	while ((v /= 10) > 0);
	buf_putc(b, ' ');
	buf_puts(b, p);
}

/* Read " N" at *p into *v, moving *p past it; -1 if none is there. */
static int
get_num(char **p, unsigned long long *v)
{
	char *s = *p;

	if (*s++ != ' ' || *s < '0' || *s > '9')
		return -1;
	for (*v = 0; *s >= '0' && *s <= '9'; s++)
		*v = *v * 10 + (unsigned long long)(*s - '0');
	*p = s;
	return 0;
}

/* A list entry's name and inode (struct known). */
static const char *
ent_name(const char *e)
{
	return strchr(e + 2, ' ') + 1;
}

static uint64_t
ent_ino(const char *e)
{
	return strtoull(e + 2, NULL, 10);
}

/* The list file of out/ (spare 0) or of the spare (1): malloc'd. */
static char *
list_name(const char *base, int spare)
{
	struct buf b;

	buf_init(&b);
	buf_printf(&b, ".%s.termc-%slist", base, spare ? "spare-" : "");
	return buf_detach(&b);
}

/* Parse the list in t->knownbytes (NUL-ended, size len) into t->known. */
static int
parse_known(struct outtree *t, size_t len, const struct stat *top)
{
	char *p = t->knownbytes, *end = p + len, *rel;
	unsigned long long dev, ino, n, sec, nsec, ssec, snsec;
	size_t nk = 0, i;
	struct known *k;

	for (i = 0; i < len; i++)
		if (p[i] == '\n') {
			p[i] = '\0';
			nk += i + 1 < len && p[i + 1] == 'D';
		}
	if (len == 0 || end[-1] != '\0' || sscanf(p, "termc-list 1 %llu %llu "
	    "%llu %llu", &dev, &ino, &ssec, &snsec) != 4 ||
	    dev != (unsigned long long)top->st_dev ||
	    ino != (unsigned long long)top->st_ino)
		return -1;
	t->knowndev = top->st_dev;
	t->knownstamp.tv_sec = (time_t)ssec;
	t->knownstamp.tv_nsec = (long)snsec;
	t->knownv = xcalloc(nk + 1, sizeof(*t->knownv));
	for (p += strlen(p) + 1, k = t->knownv; p < end && *p == 'D';
	    k++) {
		rel = p + 1;
		if (k == t->knownv + nk || get_num(&rel, &ino) == -1 ||
		    get_num(&rel, &sec) == -1 || get_num(&rel, &nsec) == -1 ||
		    get_num(&rel, &n) == -1 || n > len || *rel++ != ' ')
			return -1;
		k->ino = ino;
		k->ctime.tv_sec = (time_t)sec;
		k->ctime.tv_nsec = (long)nsec;
		k->n = n;
		p = k->ents = rel + strlen(rel) + 1;
		hmap_set(&t->known, rel, k);
		for (i = 0; i < n; i++) {
			if (p >= end || (p[0] != 'f' && p[0] != 'd') ||
			    p[1] != ' ' || p[2] < '0' || p[2] > '9' ||
			    (rel = strchr(p + 2, ' ')) == NULL ||
			    rel[1] == '\0' || strspn(p + 2, "0123456789") !=
			    (size_t)(rel - (p + 2)))
				return -1;
			p += strlen(p) + 1;
		}
	}
	return p < end && strcmp(p, "end") == 0 && p + 4 == end ? 0 : -1;
}

/* Read the spare's list (struct known), if it is the spare's. */
static void
load_known(struct outtree *t)
{
	struct stat st, top;
	char *name = list_name(t->base, 1);
	size_t len = 0;
	ssize_t r = 0;
	int fd;

	fd = openat(t->pfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	free(name);
	if (fd == -1)
		return;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    fstat(t->stagefd, &top) == 0 && st.st_size < (1LL << 32)) {
		t->knownbytes = xmalloc((size_t)st.st_size + 1);
		while (len < (size_t)st.st_size && ((r = read(fd,
		    t->knownbytes + len, (size_t)st.st_size - len)) > 0 ||
		    (r == -1 && errno == EINTR)))
			len += r > 0 ? (size_t)r : 0;
		t->knownbytes[len] = '\0';
		if (len != (size_t)st.st_size ||
		    parse_known(t, len, &top) == -1) {
			hmap_release(&t->known);
			hmap_init(&t->known);
		}
	}
	close(fd);
}

/*
 * After the switch: out/'s list becomes the spare's (the previous
 * generation is the spare now), and the new generation's is written,
 * where prune() made it whole.  A list that cannot be written is no
 * list: the next builds read those folders.
 */
static void
save_lists(struct outtree *t)
{
	struct stat top;
	struct buf head;
	char *out = list_name(t->base, 0), *spare = list_name(t->base, 1);
	int fd, ok;

	if (t->prevfd == -1 || renameat(t->pfd, out, t->pfd, spare) == -1)
		unlinkat(t->pfd, spare, 0);
	unlinkat(t->pfd, out, 0);
	if (t->listok && fstat(t->stagefd, &top) == 0 &&
	    (fd = openat(t->pfd, out, O_WRONLY | O_CREAT | O_EXCL |
	    O_NOFOLLOW | O_CLOEXEC, 0644)) != -1) {
		buf_init(&head);
		buf_printf(&head, "termc-list 1 %llu %llu %lld %ld\n",
		    (unsigned long long)top.st_dev,
		    (unsigned long long)top.st_ino,
		    (long long)t->liststamp.tv_sec,
		    (long)t->liststamp.tv_nsec);
		ok = outfile_put_fd(fd, head.data, head.len) == 0 &&
		    outfile_put_fd(fd, t->list.data, t->list.len) == 0 &&
		    outfile_put_fd(fd, "end\n", 4) == 0;
		if (close(fd) == -1 || !ok)
			unlinkat(t->pfd, out, 0);
		buf_release(&head);
	}
	free(out);
	free(spare);
}

/* The spare's name in the parent (see the top): malloc'd. */
static char *
spare_name(const char *base)
{
	struct buf b;

	buf_init(&b);
	buf_printf(&b, ".%s.termc-spare", base);
	return buf_detach(&b);
}

struct outtree *
outtree_open(const char *dir, struct diags *d)
{
	struct outtree *t = xcalloc(1, sizeof(*t));
	struct buf name, where;
	struct stat st;
	char *path, *parent, *slash, *real;
	size_t len;
	mode_t mask;

	t->pfd = t->lockfd = t->prevfd = t->stagefd = t->lastfd = -1;
	hmap_init(&t->made);
	hmap_init(&t->known);
	buf_init(&t->list);
	t->listok = 1;
	t->dir = xstrdup(dir);
	/* Modes are set where the umask would change them, and only there. */
	mask = umask(022);
	umask(mask);
	t->fixmode = (mask & 0755) != 0;
	/* A lease broken while a spare's file is rewritten signals SIGIO,
	   whose default ends the process: see rewrite_spare(). */
	signal(SIGIO, SIG_IGN);
	t->euid = geteuid();
	path = xstrdup(dir);
	len = strlen(path);
	while (len > 1 && path[len - 1] == '/')
		path[--len] = '\0';
	/* -o naming a link to a folder: replace the folder it names. */
	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
		if ((real = realpath(path, NULL)) == NULL) {
			diag(d, dir, 0, 0, D_IO, "%s", strerror(errno));
			free(path);
			outtree_free(t);
			return NULL;
		}
		free(path);
		path = real;
	}
	if ((slash = strrchr(path, '/')) == NULL) {
		parent = xstrdup(".");
		t->base = xstrdup(path);
	} else {
		t->base = xstrdup(slash + 1);
		*slash = '\0';
		parent = xstrdup(slash == path ? "/" : path);
	}
	free(path);
	buf_init(&name);
	buf_init(&where);
	if (*t->base == '\0' || is_dots(t->base)) {
		diag(d, dir, 0, 0, D_IO, "name the output folder by a path "
		    "ending in its own name, not /, . or ..");
		goto fail;
	}
	if (outfile_mkdirs(parent) == -1 || (t->pfd = open(parent,
	    O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1) {
		diag(d, parent, 0, 0, D_IO, "%s", strerror(errno));
		goto fail;
	}
	buf_printf(&name, ".%s.termc-lock", t->base);
	if ((t->lockfd = openat(t->pfd, name.data, O_RDWR | O_CREAT |
	    O_NOFOLLOW | O_CLOEXEC, 0644)) == -1 ||
	    fchmod(t->lockfd, 0644) == -1) {
		diag(d, parent, 0, 0, D_IO, "%s: %s", name.data,
		    strerror(errno));
		goto fail;
	}
	if (flock(t->lockfd, LOCK_EX | LOCK_NB) == -1) {
		diag(d, dir, 0, 0, D_IO, "%s",
		    errno == EWOULDBLOCK ? "another termc build is writing "
		    "this folder; try again when it is done" : strerror(errno));
		goto fail;
	}
	sweep(t);
	if ((t->prevfd = openat(t->pfd, t->base, O_RDONLY | O_DIRECTORY |
	    O_NOFOLLOW | O_CLOEXEC)) == -1 && errno != ENOENT) {
		diag(d, dir, 0, 0, D_IO, "%s", strerror(errno));
		goto fail;
	}
	if (t->prevfd != -1 && !made_here(t) &&
	    site_shape(open_below(t->prevfd, "", 0), 0, &where) == -1) {
		diag(d, dir, 0, 0, D_IO, "%s: the output folder holds what "
		    "termc does not write, and a build replaces all of it; "
		    "name another folder", where.data);
		goto fail;
	}
	t->spare_name = spare_name(t->base);
	if ((t->stagefd = openat(t->pfd, t->spare_name, O_RDONLY |
	    O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)) != -1) {
		t->stage = xstrdup(t->spare_name);
		t->spare = t->edited = 1;
		load_known(t);
	} else {
		/* Not a folder (a link, a file): not one to edit. */
		if (errno != ENOENT)
			remove_tree(t->pfd, t->spare_name, 0);
		buf_reset(&name);
		buf_printf(&name, "%s/.%s.termc-new-XXXXXX", parent, t->base);
		if (mkdtemp(name.data) == NULL) {
			diag(d, name.data, 0, 0, D_IO, "%s", strerror(errno));
			goto fail;
		}
		t->stage = xstrdup(strrchr(name.data, '/') + 1);
		if ((t->stagefd = openat(t->pfd, t->stage, O_RDONLY |
		    O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)) == -1) {
			diag(d, name.data, 0, 0, D_IO, "%s", strerror(errno));
			goto fail;
		}
	}
	/* mkdtemp() made it 0700: a site is 0755 whatever the umask. */
	fchmod(t->stagefd, 0755);
	buf_release(&name);
	buf_release(&where);
	free(parent);
	return t;
fail:
	buf_release(&name);
	buf_release(&where);
	free(parent);
	outtree_free(t);
	return NULL;
}

/* The folders that hold rel may change: the list proves them no more. */
static void
unprove(struct outtree *t, const char *rel)
{
	struct known *k;
	const char *p;
	char *dir;

	for (p = strrchr(rel, '/'); p != NULL;
	    p = memrchr(rel, '/', (size_t)(p - rel))) {
		dir = xstrndup(rel, (size_t)(p - rel));
		if ((k = hmap_get(&t->known, dir)) != NULL)
			k->proved = 0;
		free(dir);
	}
}

/*
 * The spare's list entry of made folder name in folder at (rel) when it
 * proves what the folder holds, st then its stat: listed_as() proved it
 * already, or trusted() does now.
 */
static const struct known *
proved(struct outtree *t, int at, const char *name, const char *rel,
    struct stat *st)
{
	const struct known *k = hmap_get(&t->known, rel);

	if (k != NULL && k->proved) {
		memset(st, 0, sizeof(*st));
		st->st_mode = S_IFDIR | 0755;
		st->st_dev = t->knowndev;
		st->st_ino = (ino_t)k->ino;
		st->st_ctim = k->ctime;
		return k;
	}
	if (k == NULL || fstatat(at, name, st, AT_SYMLINK_NOFOLLOW) == -1)
		return NULL;
	return trusted(t, rel, st);
}

/*
 * File rel is written (by this process or a worker): the folders that
 * hold it may no longer be as the list proved them.
 */
static void
changing(struct outtree *t, const char *rel)
{
	free(t->okrel);
	t->okrel = NULL;
	if (t->known.n > 0)
		unprove(t, rel);
}

/*
 * The staging folder that holds rel, made if needed; *name is set to rel's
 * last component.  The descriptor belongs to t.
 */
static int
stage_dir(struct outtree *t, const char *rel, const char **name)
{
	const char *slash = strrchr(rel, '/');
	size_t n = slash != NULL ? (size_t)(slash - rel) : 0;

	*name = slash != NULL ? slash + 1 : rel;
	changing(t, rel);
	if (t->lastfd != -1 && strlen(t->lastrel) == n &&
	    strncmp(t->lastrel, rel, n) == 0)
		return t->lastfd;
	if (t->lastfd != -1)
		close(t->lastfd);
	free(t->lastrel);
	t->lastrel = xstrndup(rel, n);
	return t->lastfd = open_below(t->stagefd, t->lastrel, OB_MAKE |
	    (t->fixmode ? OB_CHMOD : 0) | (t->edited ? OB_SPARE : 0));
}

/* Count rel, and the folders that hold it, as put in the new tree. */
static void
mark_made(struct outtree *t, const char *rel)
{
	const char *p;
	char *dir;

	if (hmap_get(&t->made, rel) != NULL)
		return;
	hmap_put(&t->made, xstrdup(rel), MADE_FILE);
	t->nmade++;
	/* Its folders, innermost first, until one is known. */
	for (p = strrchr(rel, '/'); p != NULL;
	    p = memrchr(rel, '/', (size_t)(p - rel))) {
		dir = xstrndup(rel, (size_t)(p - rel));
		if (hmap_get(&t->made, dir) != NULL) {
			free(dir);
			break;
		}
		hmap_put(&t->made, dir, MADE_FOLDER);
	}
}

/*
 * May what the tree holds at rel be another's: a spare's, or a worker's
 * (outtree_share()), since this process did not put it there?
 */
static int
theirs(const struct outtree *t, const char *rel)
{
	return t->edited && hmap_get(&t->made, rel) == NULL;
}

/*
 * Make room for rel (name in folder dfd) in a spare, or a tree workers
 * write into: whatever it holds there, unless this process put it.
 * Returns 0, or -1 with errno set.
 */
static int
clear_spare(struct outtree *t, int dfd, const char *name, const char *rel)
{
	if (!theirs(t, rel))
		return 0;
	if (unlinkat(dfd, name, 0) == 0 || errno == ENOENT)
		return 0;
	if (errno != EISDIR && errno != EPERM)
		return -1;
	remove_tree(dfd, name, 0);
	return 0;
}

/*
 * Open the spare's file name in folder dfd to be rewritten in place
 * rather than removed and made again (issue 17): on the ext4 of the
 * machine measured (no journal, mounted with discard) removing a file
 * discards its blocks and waits for the disk, and making one searches
 * for an inode past every one freed in the last half minute, which cost
 * more than the rest of a build of 1000 small documents.  Only a file
 * that is this build's alone qualifies: a regular file of ours, with one
 * link (not the cache's copy, not a file the previous generation
 * shares), that nobody holds open, which a write lease proves and then
 * guards.  A reader that opens it meanwhile waits for close() (SIGIO,
 * the lease's signal, is ignored by outtree_open()).  Returns the
 * descriptor with *size the file's bytes, or -1: make the file anew.
 */
static int
rewrite_spare(const struct outtree *t, int dfd, const char *name, off_t *size)
{
	struct stat st;
	int fd;

	/* O_NONBLOCK: a FIFO left there fails instead of waiting. */
	if ((fd = openat(dfd, name, O_WRONLY | O_NOFOLLOW | O_NONBLOCK |
	    O_NOCTTY | O_CLOEXEC)) == -1)
		return -1;
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode) ||
	    st.st_nlink != 1 || st.st_uid != t->euid ||
	    fcntl(fd, F_SETLEASE, F_WRLCK) == -1 ||
	    ((st.st_mode & 07777) != 0644 && fchmod(fd, 0644) == -1)) {
		close(fd);
		return -1;
	}
	*size = st.st_size;
	return fd;
}

/* Remember fd's old size (0: a new file) for outtree_close(). */
static void
note_size(struct outtree *t, int fd, off_t old)
{
	size_t n;

	if ((size_t)fd >= t->nrewrites) {
		if (old == 0)
			return;
		n = (size_t)fd + 16;
		t->rewrites = xreallocarray(t->rewrites, n,
		    sizeof(*t->rewrites));
		memset(t->rewrites + t->nrewrites, 0,
		    (n - t->nrewrites) * sizeof(*t->rewrites));
		t->nrewrites = n;
	}
	t->rewrites[fd].old = old;
	t->rewrites[fd].end = 0;
}

int
outtree_create(struct outtree *t, const char *rel, struct diags *d)
{
	const char *name;
	off_t size = -1;
	int dfd, fd = -1;

	if (!outfile_rel_safe(rel)) {
		diag(d, rel, 0, 0, D_IO, "unsafe output path");
		return -1;
	}
	if ((dfd = stage_dir(t, rel, &name)) != -1 && theirs(t, rel))
		fd = rewrite_spare(t, dfd, name, &size);
	if (fd == -1 && (dfd == -1 ||
	    clear_spare(t, dfd, name, rel) == -1 ||
	    (fd = openat(dfd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
	    O_CLOEXEC, 0644)) == -1)) {
		diag(d, t->dir, 0, 0, D_IO, "%s: %s", rel, strerror(errno));
		return -1;
	}
	note_size(t, fd, size + 1);
	mark_made(t, rel);
	/* 0644 whatever the umask: same input, same modes. */
	if (t->fixmode && fchmod(fd, 0644) == -1) {
		diag(d, t->dir, 0, 0, D_IO, "%s: %s", rel, strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

int
outtree_put(struct outtree *t, int fd, const char *rel, const void *data,
    size_t len, struct diags *d)
{
	if (outfile_put_fd(fd, data, len) == -1) {
		diag(d, t->dir, 0, 0, D_IO, "%s: %s", rel, strerror(errno));
		return -1;
	}
	if ((size_t)fd < t->nrewrites)
		t->rewrites[fd].end += (off_t)len;
	return 0;
}

int
outtree_close(struct outtree *t, int fd, const char *rel, struct diags *d)
{
	const struct rewrite *r;

	/* A file rewritten in place ends where the new bytes end. */
	r = (size_t)fd < t->nrewrites ? &t->rewrites[fd] : NULL;
	if (r != NULL && r->old > 1 && r->end < r->old - 1 &&
	    ftruncate(fd, r->end) == -1) {
		diag(d, t->dir, 0, 0, D_IO, "%s: %s", rel, strerror(errno));
		close(fd);
		return -1;
	}
	if (close(fd) == -1) {
		diag(d, t->dir, 0, 0, D_IO, "%s: %s", rel, strerror(errno));
		return -1;
	}
	return 0;
}

int
outtree_write(struct outtree *t, const char *rel, const void *data,
    size_t len, struct diags *d)
{
	int fd;

	if ((fd = outtree_create(t, rel, d)) == -1)
		return -1;
	if (outtree_put(t, fd, rel, data, len, d) == -1) {
		close(fd);
		return -1;
	}
	return outtree_close(t, fd, rel, d);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

char **
outtree_previous(const struct outtree *t, const char *reldir, size_t *n)
{
	struct dirscan sc;
	struct dirscan_ent ent;
	const struct dirscan_ent *de;
	char **v = NULL;
	int fd;

	*n = 0;
	if (t->prevfd == -1 || (fd = open_below(t->prevfd, reldir, 0)) == -1)
		return NULL;
	dirscan_open(&sc, fd);
	while ((de = dirscan_next(&sc, &ent)) != NULL)
		if (type_at(fd, de->name, de->type) == S_IFREG) {
			v = xreallocarray(v, *n + 1, sizeof(*v));
			v[(*n)++] = xstrdup(de->name);
		}
	dirscan_close(&sc);
	if (*n > 1)
		qsort(v, *n, sizeof(*v), cmp_str);
	return v;
}

/* Copy name of folder from into rel of the new tree: a link failed. */
static int
copy_file(struct outtree *t, int from, const char *name, const char *rel,
    struct diags *d)
{
	struct buf b;
	char chunk[65536];
	ssize_t r;
	int fd, rc = -1;

	if ((fd = openat(from, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) ==
	    -1) {
		diag(d, t->dir, 0, 0, D_IO, "%s: %s", rel, strerror(errno));
		return -1;
	}
	buf_init(&b);
	while ((r = read(fd, chunk, sizeof(chunk))) != 0) {
		if (r == -1 && errno == EINTR)
			continue;
		if (r == -1) {
			diag(d, t->dir, 0, 0, D_IO, "%s: %s", rel,
			    strerror(errno));
			goto out;
		}
		buf_put(&b, chunk, (size_t)r);
	}
	rc = outtree_write(t, rel, b.data, b.len, d);
out:
	close(fd);
	buf_release(&b);
	return rc;
}

int
outtree_keep(struct outtree *t, const char *rel, struct diags *d)
{
	const char *slash, *name, *sname;
	struct stat st;
	char *reldir;
	int from, to, rc = 0;

	if (t->prevfd == -1 || !outfile_rel_safe(rel))
		return 0;
	slash = strrchr(rel, '/');
	reldir = slash != NULL ? xstrndup(rel, (size_t)(slash - rel)) :
	    xstrdup("");
	name = slash != NULL ? slash + 1 : rel;
	from = open_below(t->prevfd, reldir, 0);
	free(reldir);
	if (from == -1)
		return 0;
	if (fstatat(from, name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
	    S_ISREG(st.st_mode)) {
		if ((to = stage_dir(t, rel, &sname)) == -1 ||
		    clear_spare(t, to, sname, rel) == -1) {
			diag(d, t->dir, 0, 0, D_IO, "%s: %s", rel,
			    strerror(errno));
			rc = -1;
		} else if (linkat(from, name, to, sname, 0) == 0)
			mark_made(t, rel);
		else if (errno != EEXIST)
			rc = copy_file(t, from, name, rel, d);
	}
	close(from);
	return rc;
}

/*
 * Is file rel of the spare, as the spare's list proves, the file want
 * (the cache's copy)?  Then it need not be looked at: rel's folders are
 * proved instead, each from the top so that none is a link, one
 * fstatat() each, once for the files of a folder (stage_dir() forgets
 * the proof: what it opens a folder for may change it).  10,000
 * documents' three files each cost two opens, two closes and three
 * fstatat() without (issue 17).
 */
static int
listed_as(struct outtree *t, const char *rel, const struct stat *want)
{
	const char *slash = strrchr(rel, '/'), *e;
	const struct known *k = NULL;
	struct stat st;
	size_t i, n;
	char *dir, *p;

	if (t->known.n == 0 || slash == NULL || want->st_dev != t->knowndev)
		return 0;
	n = (size_t)(slash - rel);
	if (t->okrel == NULL || strlen(t->okrel) != n ||
	    strncmp(t->okrel, rel, n) != 0) {
		free(t->okrel);
		t->okrel = NULL;
		dir = xstrndup(rel, n);
		for (p = dir;; p++) {
			if ((p = strchr(p, '/')) != NULL)
				*p = '\0';
			k = fstatat(t->stagefd, dir, &st,
			    AT_SYMLINK_NOFOLLOW) == 0 ? trusted(t, dir, &st) :
			    NULL;
			if (k != NULL)
				((struct known *)k)->proved = 1;
			if (p == NULL || k == NULL)
				break;
			*p = '/';
		}
		if (k == NULL) {
			free(dir);
			return 0;
		}
		t->okrel = dir;
		t->okknown = k;
	}
	k = t->okknown;
	for (i = 0, e = k->ents; i < k->n; i++, e += strlen(e) + 1)
		if (strcmp(ent_name(e), slash + 1) == 0)
			return e[0] == 'f' && ent_ino(e) ==
			    (uint64_t)want->st_ino;
	return 0;
}

int
outtree_import(struct outtree *t, const char *rel, const char *path,
    const struct stat *want, struct diags *d)
{
	struct stat have;
	const char *name;
	int to;

	if (!outfile_rel_safe(rel)) {
		diag(d, rel, 0, 0, D_IO, "unsafe output path");
		return -1;
	}
	if (t->edited && hmap_get(&t->made, rel) == NULL &&
	    listed_as(t, rel, want)) {
		mark_made(t, rel);
		return 0;
	}
	if ((to = stage_dir(t, rel, &name)) == -1) {
		diag(d, t->dir, 0, 0, D_IO, "%s: %s", rel, strerror(errno));
		return -1;
	}
	/*
	 * The file there is the cache's copy itself (the spare's, or one a
	 * worker wrote and kept): nothing to do.
	 */
	if (t->edited && hmap_get(&t->made, rel) == NULL &&
	    fstatat(to, name, &have, AT_SYMLINK_NOFOLLOW) == 0 &&
	    S_ISREG(have.st_mode) && have.st_ino == want->st_ino &&
	    have.st_dev == want->st_dev) {
		mark_made(t, rel);
		return 0;
	}
	if (clear_spare(t, to, name, rel) == -1) {
		diag(d, t->dir, 0, 0, D_IO, "%s: %s", rel, strerror(errno));
		return -1;
	}
	if (linkat(AT_FDCWD, path, to, name, 0) == 0) {
		mark_made(t, rel);
		return 0;
	}
	return copy_file(t, AT_FDCWD, path, rel, d);
}

void
outtree_share(struct outtree *t)
{
	t->edited = 1;
}

/*
 * Not looked at here: prune() meets every file put in the tree, and the
 * commit fails unless it met them all as regular files (a folder open
 * and an fstatat() a file were 7% of the 1000 files' build).
 */
int
outtree_adopt(struct outtree *t, const char *rel, struct diags *d)
{
	if (!outfile_rel_safe(rel)) {
		diag(d, rel, 0, 0, D_IO, "unsafe output path");
		return -1;
	}
	changing(t, rel);
	mark_made(t, rel);
	return 0;
}

int
outtree_link_out(struct outtree *t, const char *rel, const char *path)
{
	const char *name;
	int from;

	if (!outfile_rel_safe(rel)) {
		errno = EINVAL;
		return -1;
	}
	/* The folder of the file written last is at hand (stage_dir()). */
	if ((from = stage_dir(t, rel, &name)) == -1)
		return -1;
	return linkat(from, name, AT_FDCWD, path, 0);
}

/* Add folder rel (stat st) with its n entries ents to the new list. */
static void
list_folder(struct outtree *t, const char *rel, const struct stat *st,
    const struct buf *ents, size_t n)
{
	if (!t->listok)
		return;
	if (strchr(rel, '\n') != NULL) {
		t->listok = 0;
		return;
	}
	buf_putc(&t->list, 'D');
	put_num(&t->list, (uint64_t)st->st_ino);
	put_num(&t->list, (uint64_t)st->st_ctim.tv_sec);
	put_num(&t->list, (uint64_t)st->st_ctim.tv_nsec);
	put_num(&t->list, n);
	buf_putc(&t->list, ' ');
	buf_puts(&t->list, rel);
	buf_putc(&t->list, '\n');
	buf_put(&t->list, ents->data != NULL ? ents->data : "", ents->len);
}

/* Add entry name ('f' and its inode, or 'd') to a folder's for the list. */
static void
list_entry(struct outtree *t, struct buf *ents, size_t *n, char kind,
    uint64_t ino, const char *name)
{
	if (strchr(name, '\n') != NULL)
		t->listok = 0;
	buf_putc(ents, kind);
	put_num(ents, ino);
	buf_putc(ents, ' ');
	buf_puts(ents, name);
	buf_putc(ents, '\n');
	(*n)++;
}

/*
 * The spare's list entry of folder rel when it proves what the folder
 * holds (st: its fstatat(), see struct known), else NULL.
 */
static const struct known *
trusted(const struct outtree *t, const char *rel, const struct stat *st)
{
	const struct known *k;

	if ((k = hmap_get(&t->known, rel)) == NULL || !S_ISDIR(st->st_mode) ||
	    (st->st_mode & 07777) != 0755 || st->st_ino != k->ino ||
	    st->st_ctim.tv_sec != k->ctime.tv_sec ||
	    st->st_ctim.tv_nsec != k->ctime.tv_nsec)
		return NULL;
	/* Racy: the folder may have changed within the same tick. */
	if (k->ctime.tv_sec > t->knownstamp.tv_sec ||
	    (k->ctime.tv_sec == t->knownstamp.tv_sec &&
	    k->ctime.tv_nsec >= t->knownstamp.tv_nsec))
		return NULL;
	return k;
}

static int	prune(struct outtree *, int fd, struct buf *rel, int depth,
		    struct stat *self);

/*
 * prune() of made folder name in folder at (rel), which is read; a
 * folder is 0755 in the spare as in a new tree.
 */
static int
prune_read(struct outtree *t, int at, const char *name, struct buf *rel,
    int depth)
{
	struct stat st;
	int sub;

	if ((sub = openat(at, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC)) == -1 || fstat(sub, &st) == -1 ||
	    ((st.st_mode & 07777) != 0755 && (fchmod(sub, 0755) == -1 ||
	    fstat(sub, &st) == -1))) {
		if (sub != -1)
			close(sub);
		return -1;
	}
	return prune(t, sub, rel, depth, &st);
}

/*
 * prune() of folder rel, which the spare's list proves to hold the
 * entries of k (trusted()), with no read: what this build did not put
 * there is removed by name.  self is its stat.  Returns 1 when k does not
 * fit what this build put (the caller reads the folder), else as prune().
 */
static int
prune_known(struct outtree *t, const struct known *k, struct buf *rel,
    int depth, struct stat *self)
{
	struct buf ents;
	struct stat st;
	const struct known *sub;
	const void *made;
	const char *e;
	size_t i, n = 0, mark = rel->len;
	int fd = -1, rc = 0, changed = 0;

	if (depth > 16) {
		errno = ELOOP;
		return -1;
	}
	/* What this build put where the list has the other kind: read. */
	for (i = 0, e = k->ents; i < k->n; i++, e += strlen(e) + 1) {
		buf_putc(rel, '/');
		buf_puts(rel, ent_name(e));
		made = hmap_get(&t->made, rel->data);
		rel->len = mark;
		rel->data[mark] = '\0';
		if (made != NULL && (made == MADE_FILE) != (e[0] == 'f'))
			return 1;
	}
	buf_init(&ents);
	for (i = 0, e = k->ents; i < k->n && rc == 0; i++,
	    e += strlen(e) + 1) {
		rel->len = mark;
		rel->data[mark] = '\0';
		buf_putc(rel, '/');
		buf_puts(rel, ent_name(e));
		made = hmap_get(&t->made, rel->data);
		if (made == MADE_FILE) {
			list_entry(t, &ents, &n, 'f', ent_ino(e),
			    ent_name(e));
			t->nmet++;
			continue;
		}
		if (made == MADE_FOLDER) {
			/*
			 * Its folder is as listed, so e is a folder there:
			 * the path from the top follows no link.
			 */
			sub = proved(t, t->stagefd, rel->data, rel->data,
			    &st);
			if (sub == NULL ||
			    (rc = prune_known(t, sub, rel, depth + 1, &st)) == 1)
				rc = prune_read(t, t->stagefd, rel->data, rel,
				    depth + 1);
			list_entry(t, &ents, &n, 'd', 0, ent_name(e));
			continue;
		}
		/* Listed, not put by this build: it goes. */
		changed = 1;
		rel->len = mark;
		rel->data[mark] = '\0';
		if (fd == -1 && (fd = openat(t->stagefd, rel->data, O_RDONLY |
		    O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)) == -1) {
			rc = -1;
			continue;
		}
		if (e[0] == 'f') {
			if (unlinkat(fd, ent_name(e), 0) == -1 && errno != ENOENT)
				rc = -1;
			continue;
		}
		remove_tree(fd, ent_name(e), 0);
		if (fstatat(fd, ent_name(e), &st, AT_SYMLINK_NOFOLLOW) == 0) {
			errno = ENOTEMPTY;
			rc = -1;
		}
	}
	if (rc == 0) {
		rel->len = mark;
		rel->data[mark] = '\0';
		if (changed && fstat(fd, self) == -1)
			t->listok = 0;
		list_folder(t, rel->data, self, &ents, n);
	}
	if (fd != -1)
		close(fd);
	buf_release(&ents);
	return rc;
}

/*
 * Remove from the staging tree (folder fd, at rel: the spare, a tree
 * workers share, or a new one) what this build did not put there, list
 * what stays (self: the folder's stat, NULL for the top, which is not
 * listed), and count in t->nmet the files put that it meets as regular
 * files.  Returns 0, or -1 with errno set when something stays.  Closes
 * fd.
 */
static int
prune(struct outtree *t, int fd, struct buf *rel, int depth,
    struct stat *self)
{
	struct dirscan sc;
	struct dirscan_ent ent;
	const struct dirscan_ent *de;
	struct stat st;
	struct buf ents;
	const struct known *k;
	const void *made;
	size_t n = 0, mark = rel->len;
	mode_t type;
	int rc = 0, changed = 0;

	if (depth > 16) {
		close(fd);
		errno = ELOOP;
		return -1;
	}
	buf_init(&ents);
	dirscan_open(&sc, fd);
	while (rc == 0 && (de = dirscan_next(&sc, &ent)) != NULL) {
		rel->len = mark;
		rel->data[mark] = '\0';
		if (mark > 0)
			buf_putc(rel, '/');
		buf_puts(rel, de->name);
		made = hmap_get(&t->made, rel->data);
		type = type_at(fd, de->name, de->type);
		if (made == MADE_FILE && type == S_IFREG) {
			list_entry(t, &ents, &n, 'f', de->ino, de->name);
			t->nmet++;
			continue;
		}
		if (made == MADE_FOLDER && type == S_IFDIR) {
			/* Listed as it is: no read (struct known). */
			k = t->known.n > 0 ? proved(t, fd, de->name,
			    rel->data, &st) : NULL;
			if (k == NULL ||
			    (rc = prune_known(t, k, rel, depth + 1, &st)) == 1)
				rc = prune_read(t, fd, de->name, rel,
				    depth + 1);
			list_entry(t, &ents, &n, 'd', 0, de->name);
			continue;
		}
		changed = 1;
		if (type != S_IFDIR) {
			if (unlinkat(fd, de->name, 0) == -1 &&
			    errno != ENOENT)
				rc = -1;
			continue;
		}
		remove_tree(fd, de->name, 0);
		if (fstatat(fd, de->name, &st, AT_SYMLINK_NOFOLLOW) == 0) {
			errno = ENOTEMPTY;
			rc = -1;
		}
	}
	if (rc == 0) {
		rel->len = mark;
		rel->data[mark] = '\0';
		if (self != NULL && changed && fstat(fd, self) == -1)
			t->listok = 0;
		if (self != NULL)
			list_folder(t, rel->data, self, &ents, n);
	}
	dirscan_close(&sc);
	buf_release(&ents);
	return rc;
}

/* Carry the top folder's regular dotfiles (.gitignore …) into the new tree. */
static int
keep_dotfiles(struct outtree *t, struct diags *d)
{
	char **v;
	size_t i, n;
	int rc = 0;

	v = outtree_previous(t, "", &n);
	for (i = 0; i < n; i++) {
		/* .termc-XXXXXX: a temporary file of an older termc. */
		if (rc == 0 && v[i][0] == '.' &&
		    strncmp(v[i], ".termc-", 7) != 0)
			rc = outtree_keep(t, v[i], d);
		free(v[i]);
	}
	free(v);
	return rc;
}

/*
 * The files put in the tree that prune() did not meet as regular files
 * (a worker's gone, or something else in its place): an io error each,
 * in the order of their names.
 */
static void
missing_made(struct outtree *t, struct diags *d)
{
	struct stat st;
	const char *rel;
	char **v = NULL;
	size_t i, n = 0, at = 0;

	while ((rel = hmap_next_key(&t->made, &at)) != NULL)
		if (hmap_get(&t->made, rel) == MADE_FILE &&
		    (fstatat(t->stagefd, rel, &st, AT_SYMLINK_NOFOLLOW) ==
		    -1 || !S_ISREG(st.st_mode))) {
			v = xgrow(v, n, sizeof(*v));
			v[n++] = (char *)rel;
		}
	if (n > 1)	/* qsort(NULL, 0, …) is undefined */
		qsort(v, n, sizeof(*v), cmp_str);
	for (i = 0; i < n; i++)
		diag(d, t->dir, 0, 0, D_IO, "%s: %s", v[i],
		    "put in the new tree, and gone from it");
	if (n == 0)
		diag(d, t->dir, 0, 0, D_IO, "%zu of the files put in the new "
		    "tree are gone from it", t->nmade - t->nmet);
	free(v);
}

int
outtree_commit(struct outtree *t, struct diags *d)
{
	struct buf aside;
	int rc, err;

	if (keep_dotfiles(t, d) == -1)
		return -1;
	/*
	 * A new tree is walked too, for its list and to meet every file
	 * put there: without a list the next two builds, whose spares it
	 * would be, read every folder of theirs (10,000 documents: the
	 * second edit after a clean build 0.98 s, 0.72 s with the list).
	 */
	/* Before any folder is stat'ed for the list (trusted()). */
	if (clock_gettime(CLOCK_REALTIME_COARSE, &t->liststamp) == -1)
		t->listok = 0;
	buf_init(&aside);
	if ((rc = open_below(t->stagefd, "", 0)) != -1)
		rc = prune(t, rc, &aside, 0, NULL);
	if (rc == -1)
		diag(d, t->dir, 0, 0, D_IO, "%s/%s: %s", t->stage,
		    aside.data, strerror(errno));
	buf_release(&aside);
	if (rc == -1)
		return -1;
	if (t->nmet != t->nmade) {
		missing_made(t, d);
		return -1;
	}
	if (t->prevfd == -1) {
		rc = renameat2(t->pfd, t->stage, t->pfd, t->base,
		    RENAME_NOREPLACE);
		if (rc == -1 && (errno == EINVAL || errno == ENOSYS))
			rc = renameat(t->pfd, t->stage, t->pfd, t->base);
	} else if ((rc = renameat2(t->pfd, t->stage, t->pfd, t->base,
	    RENAME_EXCHANGE)) == -1 && (errno == EINVAL || errno == ENOSYS)) {
		/* No exchange here: aside, then in; the sweep finds aside. */
		buf_init(&aside);
		buf_printf(&aside, ".%s.termc-new-aside", t->base);
		if ((rc = renameat(t->pfd, t->base, t->pfd, aside.data)) == 0 &&
		    (rc = renameat(t->pfd, t->stage, t->pfd, t->base)) == -1) {
			err = errno;
			renameat(t->pfd, aside.data, t->pfd, t->base);
			errno = err;
		} else if (rc == 0) {
			/* The previous generation: the next build's spare. */
			if (renameat(t->pfd, aside.data, t->pfd,
			    t->spare_name) == -1)
				remove_tree(t->pfd, aside.data, 0);
			/* The staging name is now the output folder's. */
			free(t->stage);
			t->stage = NULL;
		}
		buf_release(&aside);
	} else if (rc == 0 && (t->spare || renameat(t->pfd, t->stage, t->pfd,
	    t->spare_name) == 0)) {
		/* The previous generation is the spare (outtree_free() would
		   remove what lies under a staging name). */
		free(t->stage);
		t->stage = NULL;
	}
	if (rc == -1) {
		diag(d, t->dir, 0, 0, D_IO, "%s", strerror(errno));
		return -1;
	}
	t->committed = 1;
	note_made(t);
	save_lists(t);
	return 0;
}

void
outtree_free(struct outtree *t)
{
	if (t == NULL)
		return;
	if (t->lastfd != -1)
		close(t->lastfd);
	/*
	 * Before the switch: the unfinished tree, unless it is the spare
	 * (kept: the next build edits it again); after: the previous
	 * generation where it could not become the spare.
	 */
	if (t->stage != NULL && !(t->committed && t->prevfd == -1) &&
	    !(t->spare && !t->committed))
		remove_tree(t->pfd, t->stage, 0);
	if (t->stagefd != -1)
		close(t->stagefd);
	if (t->prevfd != -1)
		close(t->prevfd);
	if (t->pfd != -1)
		close(t->pfd);
	if (t->lockfd != -1)
		close(t->lockfd);	/* releases the lock */
	hmap_release_keys(&t->made);
	hmap_release(&t->known);	/* keys in knownbytes */
	free(t->okrel);
	free(t->knownbytes);
	free(t->knownv);
	buf_release(&t->list);
	free(t->rewrites);
	free(t->lastrel);
	free(t->spare_name);
	free(t->stage);
	free(t->base);
	free(t->dir);
	free(t);
}
