/*
 * The HTML writer: streams markup into a buffer, as cmark's and mandoc's
 * HTML writers do.  Its interface makes unescaped output impossible:
 *
 *  - element and attribute names are constants of this module (enum
 *    hw_tag, enum hw_attr); a caller cannot name anything else;
 *  - every text and attribute value goes through the escaper;
 *  - every URL attribute (href, src) goes through url_is_safe() (text.h),
 *    and an unsafe one is left out;
 *  - elements are closed in order from the writer's own stack, and
 *    hw_finish() closes what a caller left open.
 *
 * Nothing here can write <script>, <style> or an event handler: they are
 * not in the tables.  The templates' own bytes (template.h) are trusted
 * files of the repository and reach the output unchanged around the slots
 * this writer fills.
 */
#ifndef TERMC_HWRITER_H
#define TERMC_HWRITER_H

#include <stddef.h>

struct buf;

enum hw_tag {
	HW_A, HW_BR, HW_CODE, HW_DD, HW_DEL, HW_DETAILS, HW_DIV, HW_DL,
	HW_DT, HW_EM, HW_FIGURE, HW_H1, HW_H2, HW_H3, HW_H4, HW_H5, HW_H6, HW_INS,
	HW_IMG, HW_LI, HW_NAV, HW_OL, HW_P, HW_SECTION, HW_SPAN, HW_STRONG,
	HW_SUMMARY, HW_TABLE, HW_TBODY, HW_TD, HW_TH, HW_THEAD, HW_TIME,
	HW_TR, HW_UL,
	HW__TAGS
};

enum hw_attr {
	HA_ALT, HA_ARIA_LABEL, HA_CLASS, HA_DATA_COL, HA_DATA_SORT,
	HA_DATETIME, HA_HREF, HA_ID, HA_LANG, HA_SCOPE, HA_SRC, HA_TITLE,
	HA__ATTRS
};

struct hw {
	struct buf	*out;
	int		 in_tag;	/* a start tag is open for attributes */
	unsigned char	*stack;		/* open elements, enum hw_tag */
	size_t		 depth, cap;
};

/* A writer appending to out. */
void	hw_init(struct hw *, struct buf *out);
/* Close every open element and free the writer's stack. */
void	hw_finish(struct hw *);

/*
 * Open an element (a void one, <br>, needs no hw_close()); with cls not
 * NULL, its class.  Attributes may follow until its content starts.
 */
void	hw_open(struct hw *, enum hw_tag, const char *cls);
/* An attribute of the element just opened; value escaped (href: checked). */
void	hw_attr(struct hw *, enum hw_attr, const char *value);
/* Close the innermost open element. */
void	hw_close(struct hw *);
/* Text: len bytes of s, or all of s, escaped. */
void	hw_text(struct hw *, const char *s, size_t len);
void	hw_texts(struct hw *, const char *s);
/* Text whose line breaks become <br>. */
void	hw_lines(struct hw *, const char *s, size_t len);
/* An element holding text only: <tag class=cls>s</tag>. */
void	hw_leaf(struct hw *, enum hw_tag, const char *cls, const char *s);
/* A complete link: <a href class>label</a>. */
void	hw_link(struct hw *, const char *href, const char *cls,
	    const char *label);

/* The escapers, for the template module's trusted bytes. */
void	hw_escape_text(struct buf *, const char *s, size_t len);
void	hw_escape_attr(struct buf *, const char *s, size_t len);

#endif
