/*
 * A generic sequence diff over integer ids, in git xdiff's stages:
 *
 *   prepare   trim the common ends; ids found on one side only are
 *             changed at once and left out of the search (xdiff's
 *             xdl_cleanup_records);
 *   align     patience diff on ids unique in both ranges (xpatience.c),
 *             Myers' O(ND) linear-space search between the anchors
 *             (xdiffi.c), with a cost cap as GNU diff has: past the cap
 *             the search takes the furthest-reaching diagonal, so two
 *             unrelated inputs finish in about linear time;
 *   compact   slide each pure insertion or deletion to the position its
 *             caller's boundary function likes best (xdl_change_compact);
 *   emit      one callback per change group, in order.
 *
 * It knows nothing of what the ids stand for: callers hash their lines,
 * clauses or character runs into ids.  Equal ids mean equal elements.
 */
#ifndef TERMC_SEQDIFF_H
#define TERMC_SEQDIFF_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct seqdiff_opts {
	/*
	 * Edit cost (D) explored per Myers split before the heuristic
	 * takes over; 0 means the default, 256, as GNU diff caps its cost.
	 * Callers wanting an exact minimal diff on small inputs pass a
	 * large value.
	 */
	long	 max_cost;
	/*
	 * Optional: how good a place a change group [pos, pos+len) of side
	 * (0 = a, 1 = b) is; higher is better.  Used by compact to choose
	 * among equivalent positions.  NULL: slide as far down as possible.
	 */
	int	(*boundary)(void *arg, int side, size_t pos, size_t len);
	void	*arg;
	/*
	 * Optional: may an id found once on each side anchor the patience
	 * pass?  A caller says no for elements whose equality means little
	 * about their place (a clause number that shifts with every
	 * insertion before it).  NULL: every such id may.
	 */
	int	(*anchor)(void *arg, uint32_t id);
};

/*
 * A change group: a[a0, a0+na) replaced by b[b0, b0+nb).  One of na, nb
 * may be 0 (a pure insertion or deletion); b0 (a0) is then the position
 * in the other sequence where it happens.
 */
typedef void	(*seqdiff_fn)(void *arg, size_t a0, size_t na, size_t b0,
		    size_t nb);

/*
 * Diff a[0, na) against b[0, nb), calling emit for each change group in
 * order.  opts may be NULL.  Returns the number of groups emitted (0 when
 * the sequences are equal).  Allocates only scratch memory, freed before
 * it returns.
 */
size_t	seqdiff(const uint32_t *a, size_t na, const uint32_t *b, size_t nb,
	    const struct seqdiff_opts *opts, seqdiff_fn emit, void *arg);

/*
 * A 32-bit id for bytes, for callers hashing their elements.
 * Eight bytes a step: clause texts are hashed whole, a few times each,
 * and a byte-at-a-time hash was 8% of a diff's instructions.  Words are
 * read in host order: ids are only compared or counted, never shown.
 * Inline: the mirror hashes a clause's 4-byte keys a million times for
 * 10 MB, and with a constant length the loop and the tail fold away.
 */
static inline uint32_t
seqdiff_hash(const void *p, size_t len, uint32_t seed)
{
	const unsigned char *s = p;
	uint64_t h = (seed ^ UINT64_C(0x9e3779b97f4a7c15)) + len, w;

	for (; len >= 8; s += 8, len -= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * UINT64_C(0xff51afd7ed558ccd);
		h ^= h >> 32;
	}
	/*
	 * The last 0 to 7 bytes as memcpy into a zeroed word would place
	 * them, without a call to memcpy of a variable length (that call
	 * was 40% of this function).
	 */
	{
		unsigned char t[8] = { 0 };

		switch (len) {
		case 7: t[6] = s[6]; /* FALLTHROUGH */
		case 6: t[5] = s[5]; /* FALLTHROUGH */
		case 5: t[4] = s[4]; /* FALLTHROUGH */
		case 4: t[3] = s[3]; /* FALLTHROUGH */
		case 3: t[2] = s[2]; /* FALLTHROUGH */
		case 2: t[1] = s[1]; /* FALLTHROUGH */
		case 1: t[0] = s[0]; /* FALLTHROUGH */
		default: break;
		}
		memcpy(&w, t, 8);
	}
	h = (h ^ w) * UINT64_C(0xc4ceb9fe1a85ec53);
	h ^= h >> 29;
	return (uint32_t)h ^ (uint32_t)(h >> 32);
}

#endif
