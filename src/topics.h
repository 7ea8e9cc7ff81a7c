/*
 * The topic taxonomy (terms/topics.yaml) and the classification of
 * articles into topics.  topics.c is, with meta.c, the only file that
 * includes libyaml.
 *
 * A topic names something a reader compares across providers (late-payment
 * interest, the court of jurisdiction …): labels, the caption keywords and
 * text patterns that identify an article about it, the type of value to
 * extract from that article (see value.h) and which direction favours the
 * customer.
 *
 * Ownership: a taxonomy owns its topics and their strings; a tagging owns
 * its per-article texts and sets, and borrows the articles from the doc it
 * was made from (which must outlive it).
 */
#ifndef TERMC_TOPICS_H
#define TERMC_TOPICS_H

#include <stddef.h>

struct diags;
struct doc;
struct node;

enum vtype {
	VT_PRESENCE,		/* the clause exists: "yes" */
	VT_RATE,		/* 年14.6% -> 14.6% */
	VT_DURATION,		/* 3ヶ月 -> P3M; 翌月の月末まで -> EONM */
	VT_NOTICE,		/* 30日前 -> P30D; 前月末日まで -> EOPM */
	VT_AMOUNT,		/* 20,000 円 -> 20000 JPY */
	VT_MULTIPLE,		/* 2倍 -> 2x */
	VT_CAP,			/* 月額料金の1か月分 -> 1 month fee; or an amount */
	VT_COURT,		/* 東京地方裁判所 */
	VT_LAW,			/* 日本法, 日本国の法令 -> 日本法 */
	VT_SURVIVAL,		/* 終了後も1年間存続 -> P1Y; 終了後も存続 -> indefinite */
	VT_AGE,			/* at least 13 years old, 18歳以上 -> 13, 18 */
	VT_ARBITRATION,		/* arbitration by the AAA in Nevada -> AAA (Nevada) */
	VT_SLA,			/* 稼働率99.9% -> 99.9%; 連続して24時間以上
				   利用できない -> outage PT24H */
	VT_RETENTION,		/* data after the end: 終了後30日以内に削除 ->
				   P30D; 削除します, 保管義務を負わず -> none */
	VT__MAX
};

enum favour {
	FAV_NONE,		/* no direction: a court, a law */
	FAV_LOWER,		/* less is better: interest, minimum term */
	FAV_HIGHER,		/* more is better: notice owed to the customer, cap */
	FAV_PRESENT		/* having the clause is better: SLA */
};

/* What "no clause" means for the customer, against any stated value. */
enum absence {
	ABS_UNKNOWN,		/* not ranked: a court, a law */
	ABS_WORSE,		/* no notice promised, no SLA */
	ABS_BETTER		/* no cap on liability, no minimum term */
};

struct topic {
	char		 *id;		/* slug, unique */
	char		 *ja;
	char		 *en;
	char		**captions;	/* NFKC; "=X" matches the whole caption */
	size_t		  ncaptions;
	char		**patterns;	/* NFKC; parts separated by "..." (…) */
	size_t		  npatterns;
	char		**excludes;	/* NFKC; sentences with one are ignored */
	size_t		  nexcludes;
	/*
	 * What a duration or notice of the topic counts from (or back
	 * to) when its sentence does not say: "変更の効力発生日" / "the
	 * change takes effect".  NULL for none.
	 */
	char		 *event;
	char		 *event_en;
	enum vtype	  vtype;
	enum favour	  favour;
	enum absence	  absent;
	int		  line;		/* in the topics file */
};

struct taxonomy {
	char		*path;
	struct topic	*v;
	size_t		 n;
};

/*
 * Load a topics file.  Returns 0, or -1 after recording errors with
 * path:line:col in d (t is then empty).  Release with taxonomy_release().
 */
int		 taxonomy_load(struct taxonomy *t, const char *path,
		    struct diags *d);
/* The same for bytes in memory (tests). */
int		 taxonomy_load_mem(struct taxonomy *t, const char *path,
		    const char *bytes, size_t len, struct diags *d);
void		 taxonomy_release(struct taxonomy *);
/* Index of the topic with id (len bytes), or -1. */
long		 taxonomy_find(const struct taxonomy *, const char *id,
		    size_t len);

const char	*vtype_name(enum vtype);	/* "rate" */
const char	*favour_name(enum favour);	/* "lower" */
const char	*absence_name(enum absence);	/* "worse" */

/* How an article got a topic. */
enum tagsrc {
	TAG_NONE = 0,
	TAG_CAPTION,		/* a caption keyword */
	TAG_TEXT,		/* a text pattern */
	TAG_MARK		/* the author's marker */
};

/*
 * One article with its text for matching and extraction.  norm is the
 * NFKC form of orig (all the article's own and descendant text, one line
 * per node); map[i] is the offset in orig of the character that norm[i]
 * came from, so values can quote the text as written.
 */
struct tagged {
	const struct node	*article;
	char			*caption;	/* NFKC caption, "" if none */
	char			**subcaps;	/* NFKC heading-like lines inside */
	size_t			 nsubcaps;
	char			*orig;
	char			*norm;
	size_t			 normlen;
	size_t			*map;		/* normlen + 1 entries */
	size_t			*sent;		/* end of each sentence of norm */
	size_t			 nsent;		/* sentence k is [sent[k-1], sent[k]) */
	unsigned char		*set;		/* per topic: enum tagsrc */
};

/* Sentence k of a: its first byte, and its end. */
#define SENT_B(a, k)	((k) == 0 ? 0 : (a)->sent[(k) - 1])
#define SENT_E(a, k)	((a)->sent[(k)])

struct tagging {
	struct tagged	*v;		/* articles in document order */
	size_t		 n;
	size_t		 ntopics;
	size_t		 nsplit;	/* sentences delimited: the sum of the
					   articles' nsent (split once each,
					   whatever the number of topics) */
};

/*
 * Give every article of doc its topics: caption keywords, then text
 * patterns, then the author's markers (<!-- termc: topics … --> on the
 * article's heading or an enclosing division's).  Markers naming unknown
 * topics are reported in d.  Release with tagging_release().
 */
void	 topics_classify(struct tagging *, const struct taxonomy *,
	    const struct doc *, struct diags *d);
void	 tagging_release(struct tagging *);

/*
 * The first sentence of a, from sentence k on, in which pattern (NFKC,
 * parts separated by "...") matches and which contains none of the
 * topic's excludes.  Returns its index, or a->nsent; *at is the offset of
 * the first part's match.  Sentences are a's, split once when it was
 * classified: matching never splits again.
 */
size_t	 pattern_sentence(const struct topic *, const char *pattern,
	    const struct tagged *a, size_t k, size_t *at);
/* Does s[b, e) contain one of the topic's excludes? */
int	 excluded(const struct topic *, const char *s, size_t b, size_t e);

#endif
