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

void
hmap_init(struct hmap *m)
{
	m->cap = 16;
	m->n = 0;
	m->slots = xcalloc(m->cap, sizeof(*m->slots));
}

void
hmap_release(struct hmap *m)
{
	free(m->slots);
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

static struct hmap_slot *
find(const struct hmap *m, const char *key)
{
	size_t i = (size_t)hash(key) & (m->cap - 1);

	while (m->slots[i].key != NULL && strcmp(m->slots[i].key, key) != 0)
		i = (i + 1) & (m->cap - 1);
	return &m->slots[i];
}

static void
grow(struct hmap *m)
{
	struct hmap_slot *old = m->slots;
	size_t i, oldcap = m->cap;

	m->cap *= 2;
	m->slots = xcalloc(m->cap, sizeof(*m->slots));
	for (i = 0; i < oldcap; i++)
		if (old[i].key != NULL)
			*find(m, old[i].key) = old[i];
	free(old);
}

void *
hmap_get(const struct hmap *m, const char *key)
{
	return find(m, key)->val;
}

void *
hmap_put(struct hmap *m, const char *key, void *val)
{
	struct hmap_slot *s;

	if (2 * (m->n + 1) > m->cap)
		grow(m);
	s = find(m, key);
	if (s->key != NULL)
		return s->val;
	s->key = key;
	s->val = val;
	m->n++;
	return val;
}

void
hmap_set(struct hmap *m, const char *key, void *val)
{
	struct hmap_slot *s;

	if (2 * (m->n + 1) > m->cap)
		grow(m);
	s = find(m, key);
	if (s->key == NULL) {
		s->key = key;
		m->n++;
	}
	s->val = val;
}
