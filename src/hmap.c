/*
 * String hash map: FNV-1a hashing, linear probing, load factor below 1/2.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hmap.h"
#include "xalloc.h"

static uint64_t
hash(const char *s)
{
	uint64_t h = 14695981039346656037ULL;

	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return h;
}

/*
 * No table until the first key: many maps (one per paragraph in the
 * recognizer) stay empty, and their calloc and free were 1% of a build.
 */
void
hmap_init(struct hmap *m)
{
	m->cap = 0;
	m->n = 0;
	m->slots = NULL;
}

/*
 * A table of cap slots, empty.  Not calloc: a large table comes from
 * fresh pages, which calloc leaves unwritten; probing it would map the
 * zero page, and the first store then faults again and flushes every
 * thread's TLB.  Writing the zeros faults each page once.  A table of
 * megabytes (a big document's ids) is xmap()'s, in huge pages: probed
 * before it is written, it faults twice every 2 MB (the huge zero page,
 * then the store), where written zeros would fault 512 times.
 */
static struct hmap_slot *
slots_new(size_t cap)
{
	size_t size = cap * sizeof(struct hmap_slot);
	struct hmap_slot *s;

	if (size >= XMAP_UNIT)
		return xmap(size);
	s = xmalloc(size);
	memset(s, 0, size);
	return s;
}

static void
slots_free(struct hmap_slot *s, size_t cap)
{
	size_t size = cap * sizeof(*s);

	xfree_block(s, size >= XMAP_UNIT ? size : 0);
}

void
hmap_release(struct hmap *m)
{
	slots_free(m->slots, m->cap);
	memset(m, 0, sizeof(*m));
}

void
hmap_release_keys(struct hmap *m)
{
	size_t i;

	for (i = 0; i < m->cap; i++)
		free((char *)m->slots[i].key);
	hmap_release(m);
}

/* The slot holding key, or the empty one where it would go. */
static struct hmap_slot *
find(const struct hmap *m, const char *key, uint64_t h)
{
	size_t i = (size_t)h & (m->cap - 1);

	while (m->slots[i].key != NULL && (m->slots[i].hash != h ||
	    strcmp(m->slots[i].key, key) != 0))
		i = (i + 1) & (m->cap - 1);
	return &m->slots[i];
}

/* A table of cap slots (a power of two above the keys'), the keys moved. */
static void
resize(struct hmap *m, size_t cap)
{
	struct hmap_slot *old = m->slots;
	size_t i, j, oldcap = m->cap;

	if (cap > SIZE_MAX / sizeof(*m->slots))
		xalloc_die();
	m->cap = cap;
	m->slots = slots_new(cap);
	/* Keys are distinct: each goes to the first empty slot. */
	for (i = 0; i < oldcap; i++) {
		if (old[i].key == NULL)
			continue;
		for (j = (size_t)old[i].hash & (m->cap - 1);
		    m->slots[j].key != NULL; j = (j + 1) & (m->cap - 1))
			;
		m->slots[j] = old[i];
	}
	slots_free(old, oldcap);
}

static void
grow(struct hmap *m)
{
	resize(m, m->cap ? 2 * m->cap : 16);
}

const char *
hmap_next_key(const struct hmap *m, size_t *at)
{
	while (*at < m->cap)
		if (m->slots[(*at)++].key != NULL)
			return m->slots[*at - 1].key;
	return NULL;
}

void
hmap_reserve(struct hmap *m, size_t n)
{
	size_t cap = m->cap ? m->cap : 16;

	while (cap / 2 < n)
		cap *= 2;
	if (cap > m->cap)
		resize(m, cap);
}

void *
hmap_get(const struct hmap *m, const char *key)
{
	return m->cap == 0 ? NULL : find(m, key, hash(key))->val;
}

void *
hmap_put(struct hmap *m, const char *key, void *val)
{
	struct hmap_slot *s;
	uint64_t h = hash(key);

	if (2 * (m->n + 1) > m->cap)
		grow(m);
	s = find(m, key, h);
	if (s->key != NULL)
		return s->val;
	s->key = key;
	s->val = val;
	s->hash = h;
	m->n++;
	return val;
}

void
hmap_set(struct hmap *m, const char *key, void *val)
{
	struct hmap_slot *s;
	uint64_t h = hash(key);

	if (2 * (m->n + 1) > m->cap)
		grow(m);
	s = find(m, key, h);
	if (s->key == NULL) {
		s->key = key;
		s->hash = h;
		m->n++;
	}
	s->val = val;
}
