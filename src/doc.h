/*
 * A terms document: one revision of one provider's document, parsed.
 * The stages after parsing (check, html, diff, matrix) take a struct doc.
 * A doc owns its path, metadata and clause tree; doc_free() frees all.
 */
#ifndef TERMC_DOC_H
#define TERMC_DOC_H

#include <stddef.h>

#include "meta.h"
#include "source.h"

struct diags;
struct node;
struct xrefs;

struct doc {
	char		*path;
	struct digest	 sum;		/* of the file's bytes (source.h) */
	size_t		 bytes;		/* of its body, as read */
	struct meta	 meta;
	struct node	*root;		/* N_DOCUMENT */
	struct xrefs	*xrefs;		/* cross references found (xref.h) */
	/*
	 * The revision history a reader sees: the front matter's entries and
	 * the history lines of the body (【2020年4月1日制定】, 改定：2023年1月5日,
	 * "Last updated: March 3, 2024"; recog_history_entry()) that the
	 * front matter lacks, in date order (doc_history()).  Owned; kept by
	 * doc_strip().  Checks read the front matter's own (meta.history).
	 */
	struct history	*history;
	size_t		 nhistory;
	/*
	 * A head's (doc_load_head()): what parsing its front matter
	 * recorded, owned, for the doc_load_again() that takes the front
	 * matter instead of parsing it again; NULL in other docs and once
	 * taken.
	 */
	struct diags	*fmd;
	/* A head's: its bytes proved plain text (source_read_plain()). */
	int		 plain;
	/*
	 * A head's: the file's stamp, taken before its bytes were read (a
	 * change after shows as another stamp), when its memo asked for
	 * one (head_memo's unchanged()); else zero.
	 */
	struct stamp	 stamp;
	/*
	 * A head's: its source as read (lines not indexed) and what reading
	 * it recorded, owned, for the doc_load_again() that then reads
	 * nothing; NULL once taken or dropped (doc_drop_source()).
	 */
	struct source	*src;
	struct diags	*srcd;
};

/*
 * Read and parse a terms file.  Diagnostics go to d.  Returns NULL when the
 * file cannot be parsed at all (I/O, encoding, limits, front matter);
 * otherwise a doc, possibly with errors recorded (duplicate numbers …).
 * threads: a long body may be parsed on a second thread while it is
 * lowered (md_parse()), its references resolved in two parts; 0 keeps
 * one thread (termc build -j 1).  doc_load_text() and doc_load_mem() use
 * one thread.
 */
struct doc	*doc_load(const char *path, int threads, struct diags *d);
/*
 * The same without cross references (doc->xrefs is NULL, no spans point
 * at clauses), digest (doc->sum is zero) nor the body's history lines
 * (doc->history is empty; meta.history is read): for termc diff, which
 * compares text only.
 */
struct doc	*doc_load_text(const char *path, struct diags *d);
/* doc_load() for bytes in memory (tests, fuzzing). */
struct doc	*doc_load_mem(const char *path, const char *bytes, size_t len,
		    struct diags *d);
/* A folder's entry as a walk reads it (dirscan.h): DT_* type, inode. */
struct folder_entry {
	char		*name;
	unsigned char	 type;
	uint64_t	 ino;
};

/*
 * A folder a walk met: its path, its stamp, its entries by name; lent:
 * the entries are a memo's (head_memo's folder()), not the folder's.
 */
struct folder {
	char			*path;
	struct stamp		 stamp;
	struct folder_entry	*v;
	size_t			 n;
	int			 lent;
};

/*
 * Front matter known already (a build cache's: site.c).  get() fills m
 * and appends to fmd what parsing the front matter of file path, whose
 * bytes have digest sum, records, and returns 0; or returns -1, having
 * changed nothing, when it does not know them.  It must give exactly
 * what meta_parse() would: only a front matter that parsed is known.
 */
struct head_memo {
	int	(*get)(void *arg, const char *path, const struct digest *sum,
		    struct meta *m, struct diags *fmd);
	/*
	 * The same for a file not read, or NULL: when the file's stamp now
	 * (source.h) proves its bytes those the memo knows, fill sum and
	 * plain as reading them would, m and fmd as get() does, and return
	 * 0; else -1, having changed nothing.  Given, every head gets its
	 * file's stamp (struct doc), and a file it knows is not read.
	 */
	int	(*unchanged)(void *arg, const char *path,
		    const struct stamp *now, struct digest *sum, int *plain,
		    struct meta *m, struct diags *fmd);
	/*
	 * The walk's, or NULL: when stamp (folder path's, now) proves that
	 * the folder holds the entries it held when a build before read
	 * it, lend them (*v, *n: the memo's, unchanged until the caller is
	 * done with the scan's folders) and return 0, else -1; the walk
	 * then reads nothing of the folder.  Given, the scan lists every
	 * folder it met, read or proved, in corpus->folders.  Called from
	 * two threads, for different folders, as get() is.
	 */
	int	(*folder)(void *arg, const char *path, const struct stamp *now,
		    struct folder_entry **v, size_t *n);
	void	*arg;
};
/*
 * Path and front matter only (root and xrefs NULL): what sorting a corpus
 * and an index need.  NULL when the file cannot be read or its front
 * matter fails, with the same diagnostics in d as doc_load() records
 * then; otherwise the head keeps the source it read and what reading it
 * found (src, srcd), and the front matter's warnings (fmd), for
 * doc_load_again().  The front matter comes from memo (NULL: none) when
 * it knows it; a file its unchanged() knows is not read (src NULL).
 */
struct doc	*doc_load_head(const char *path, const struct head_memo *memo,
		    struct diags *d);
/*
 * Free the source a head keeps: a reader of many heads keeps the bytes
 * of one (corpus_scan(): the last), so that memory does not grow with
 * the documents, and a collection of one long document is read once.
 */
void		 doc_drop_source(struct doc *);
/*
 * doc_load(head->path), the same doc and diagnostics, that takes head's
 * front matter and its warnings rather than parsing it again (the
 * language guess of a document without `lang` counts the whole body's
 * script) when the file's bytes are still those the head read (the same
 * digest) and no earlier doc_load_again() has taken them.  When the head
 * keeps its source, the doc is made of those bytes: the file is not read
 * again (a long document's second read and digest were 6% of its build),
 * and the pages are of the bytes the cache keys name.  threads: a
 * long body may be parsed on a second thread (termc build -j 1: not).
 */
struct doc	*doc_load_again(struct doc *head, int threads,
		    struct diags *d);
/* Free what folder f holds. */
void		 folder_release(struct folder *f);
/* Free doc's clause tree and references, keeping path and metadata. */
void		 doc_strip(struct doc *);
void		 doc_free(struct doc *);
/* Are a and b revisions of one document (same provider and document)? */
int		 doc_same_document(const struct doc *a, const struct doc *b);

/* A set of documents in a stable order (provider, document, revision). */
struct corpus {
	struct doc	**docs;
	size_t		  n;
	char		**files;	/* every terms file found, sorted */
	size_t		  nfiles;
	size_t		  nskipped;	/* other files in the folders walked
					   (but a top-level topics.yaml) */
	/*
	 * corpus_scan() with a memo that proves folders: every folder the
	 * walk met, and how many of them it read (the rest were proved).
	 */
	struct folder	 *folders;
	size_t		  nfolders, nread;
};

/*
 * Load every terms file named: a file, or a directory searched for
 * <provider>/<document>/<revision>.md below it, and sort them by provider,
 * document, revision and path, whatever the paths.  Returns 0, or -1 when
 * a path cannot be read.  Documents that fail to parse are left out, with
 * their diagnostics in d; two files of the same revision are a dup-revision
 * error.  A directory is walked following symbolic links only where they
 * stay inside it (others get a link-outside warning), and a file reached
 * by two names is read once.
 */
int	corpus_load(struct corpus *, char *const *paths, size_t npaths,
	    struct diags *d);
/*
 * corpus_load() without the bodies, for a build that loads one document
 * at a time: the files, and for each file that passes doc_load_head() a
 * doc of path and front matter, sorted; no dup-revision check.  failed
 * gets an array of c->nfiles diagnostic lists (the caller releases each
 * and frees it): failed[i] holds what doc_load(files[i]) would record
 * when files[i] cannot be read or its front matter fails, else nothing.
 * What the walk finds goes to d.  threads: a collection of many files
 * has its heads read on two threads (memo's functions must allow it); 0
 * keeps one (termc build -j 1).
 */
int	corpus_scan(struct corpus *, char *const *paths, size_t npaths,
	    const struct head_memo *memo, int threads, struct diags *d,
	    struct diags **failed);
/*
 * The checks that need the whole collection (corpus_load() runs them):
 * a dup-revision error for each doc with the same revision of the same
 * document as the doc before it, and a supplements-missing warning for
 * each doc whose `supplements` names no other document of its provider.
 */
void	corpus_check_collection(const struct corpus *, struct diags *d);
/*
 * The index just past the revisions of docs[i]'s document: the corpus
 * keeps each document's revisions together, oldest first.
 */
size_t	corpus_group_end(const struct corpus *, size_t i);
void	corpus_release(struct corpus *);

#endif
