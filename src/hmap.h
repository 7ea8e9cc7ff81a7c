/*
 * A string-keyed hash map with open addressing (linear probing).  Keys are
 * borrowed: they must outlive the map.  Values are borrowed pointers.
 * Embedded: hmap_init()/hmap_release().
 */
#ifndef TERMC_HMAP_H
#define TERMC_HMAP_H

#include <stddef.h>
#include <stdint.h>

struct hmap_slot {
	const char	*key;
	void		*val;
	uint64_t	 hash;	/* of key: growing rehashes no string */
};

struct hmap {
	struct hmap_slot *slots;
	size_t		  cap;	/* power of two; 0 before the first key */
	size_t		  n;
};

void	 hmap_init(struct hmap *);
void	 hmap_release(struct hmap *);
/* For a map that owns its keys: free them, then release the map. */
void	 hmap_release_keys(struct hmap *);
/*
 * Room for n keys in all: a map that will hold many is sized once, not
 * doubled (and rehashed, and its fresh pages faulted) on the way.
 */
void	 hmap_reserve(struct hmap *, size_t n);
/* The value stored under key, or NULL. */
void	*hmap_get(const struct hmap *, const char *key);
/* Store val under key unless present; returns the value now stored. */
void	*hmap_put(struct hmap *, const char *key, void *val);
/* Replace or insert. */
void	 hmap_set(struct hmap *, const char *key, void *val);
/*
 * The keys in no order: the first key at slot *at or after it, or NULL
 * when there is none; *at then names the slot after it.  Start at 0.
 */
const char *hmap_next_key(const struct hmap *, size_t *at);

#endif
