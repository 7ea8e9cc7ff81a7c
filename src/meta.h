/*
 * Front matter: the YAML block at the top of a terms file.  The only file
 * that includes libyaml.
 */
#ifndef TERMC_META_H
#define TERMC_META_H

#include <stddef.h>

struct diags;
struct source;

/* The longest provider or document slug: it names a folder (fm-long). */
#define SLUG_MAX	100

struct history {
	char	*date;		/* YYYY-MM-DD */
	char	*note;		/* 制定, 一部改訂（第17条3項追記）; may be "" */
	int	 line;
};

struct meta {
	char		*provider;	/* slug */
	char		*provider_name;
	char		*document;	/* slug */
	char		*title;
	char		*revision;	/* YYYY-MM-DD */
	char		*lang;		/* default "ja" */
	char		*document_number;	/* optional */
	/*
	 * Optional: the document (slug, same provider) that this one
	 * supplements, as a fee schedule or a service's own rules supplement
	 * the main terms.  The matrix shows a supplement within its parent's
	 * column (matrix.h).
	 */
	char		*supplements;
	struct history	*history;
	size_t		 nhistory;
	char		**changes;
	size_t		 nchanges;
	int		 changes_line;
	/* File lines of the fields, for diagnostics (0 when absent). */
	int		 provider_line;
	int		 document_line;
	int		 revision_line;
	int		 supplements_line;
	int		 provider_col;	/* columns of the values (characters) */
	int		 document_col;
	int		 revision_col;
	int		 supplements_col;
};

/*
 * Parse src's front matter into m.  Returns 0, or -1 after recording errors
 * in d (m is then released).  Warnings (unknown fields) do not fail.
 */
int	meta_parse(struct meta *m, const struct source *src, struct diags *d);
void	meta_release(struct meta *);
/* dst becomes a copy of src that owns its own strings. */
void	meta_copy(struct meta *dst, const struct meta *src);
/* Is s a slug [a-z0-9-]+ ?  Is s a real calendar date YYYY-MM-DD ? */
int	is_slug(const char *s);
int	is_date(const char *s);

#endif
