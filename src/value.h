/*
 * Typed values in terms text: rates, durations and notice periods,
 * amounts, multiples, liability caps, courts and governing law.  The
 * extractor reads NFKC text (so １４．５％ reads as 14.5%) and reports where
 * the value was found; the caller quotes the text as written from there.
 *
 * Normalized forms (stable, documented in README):
 *   rate      "14.6%"                     num = percent per year
 *   duration  "P3M" "P2W" "P30D" "P1Y"    num = days (month = 30, year = 365)
 *             "EONM" (until the end of the next month)      num = 45
 *   notice    as duration, plus "EOPM" (by the end of the previous month,
 *             num = 30) and "EONM" (effective at the end of the next
 *             month, num = 45)
 *   amount    "20000 JPY", "100 USD", "50 EUR"   num = the amount
 *   multiple  "2x"                        num = factor
 *   cap       "1 month fee" (fees of N months), "fees paid" (all fees
 *             paid), an amount, or "greater of 100 USD or 12 month fee"
 *             num = months (or the amount); unit 'm', 'y', 'u', 'e', 'g'
 *   court     "東京地方裁判所", "東京簡易裁判所/東京地方裁判所",
 *             "当社所在地" (the court of the provider's seat), "Delaware";
 *             then " (exclusive, first instance)" as far as stated
 *   law       "日本法", "大韓民国法", "California", "England and Wales",
 *             "law of residence"        num = 0
 *   survival  a duration, or "indefinite" num = days, or 1e9; the caller
 *             passes one sentence, the survival and its duration
 *   age       "13"                        num = years
 *   arbitration "AAA", "JAMS (San Francisco)"  num = 0
 *   sla       "99.9%" (availability, unit '%': more is better) or
 *             "outage PT24H" (the outage that earns a credit, unit 'o',
 *             num = hours: less is better)
 *   retention "P30D" (the data is deleted within or after 30 days of the
 *             end), "none" (deleted at the end, or no duty to keep it)
 *             num = days
 */
#ifndef TERMC_VALUE_H
#define TERMC_VALUE_H

#include <stddef.h>

#include "topics.h"

struct value {
	char	*norm;		/* normalized form; owned */
	double	 num;		/* comparable magnitude, see above */
	char	 unit;		/* num's unit: '%' 'd'ays 'y'en 'x' 'm'onths' fee,
				   0 for none; only equal units compare */
	size_t	 off;		/* value's start in the NFKC text */
	size_t	 len;		/* and its length there */
	size_t	 evoff;		/* a duration's event, as written: what it */
	size_t	 evlen;		/* counts from or back to (0: not said) */
};

/*
 * The event of a duration or notice is read from the sentence around it:
 * before the number a phrase and の, から, より or 後 (変更の効力発生日の30日前,
 * 契約締結日から8日以内, 契約終了後30日); after it in English before,
 * prior to, after, of, from, following and what follows ("30 days before
 * the change takes effect", "within 14 days of purchase").
 *
 * Find the first value of type t in text[b, e) (NFKC).  Returns 1 and
 * fills v (free v->norm with value_release), or 0.  VT_PRESENCE never
 * finds anything: its value is the clause itself.
 */
int	value_find(enum vtype t, const char *text, size_t b, size_t e,
	    struct value *v);
void	value_release(struct value *);
/*
 * A reader's label for a normalized value of type t, in Japanese (ja):
 * "P30D" -> "30日前" (notice) or "30日", "EOPM" -> "前月末日まで",
 * "1 month fee" -> "月額料金の1か月分", "20000 JPY" -> "20,000円",
 * "yes" -> "あり"; or in English: "30 days' notice", "30 days",
 * "1 month of fees", "¥20,000", "Yes".  Caller frees.
 */
char	*value_label(enum vtype t, const char *norm, int ja);

#endif
