/*
 * Unit tests for hmap.c: get/put/set, growth past many doublings, keys
 * that share a prefix, the borrowed-key contract, reserved room, the keys
 * in turn.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hmap.h"
#include "maps.h"
#include "tap.h"
#include "xalloc.h"

#define N	20000

int
main(void)
{
	struct hmap m;
	static char keys[N][16];
	static int vals[N];
	int a = 1, b = 2, c = 3, i, bad;
	long advised;

	hmap_init(&m);
	tap(hmap_get(&m, "x") == NULL, "empty map: get is NULL");
	tap(hmap_put(&m, "a17", &a) == &a, "put returns the value stored");
	tap(hmap_get(&m, "a17") == &a, "get finds it");
	tap(hmap_put(&m, "a17", &b) == &a, "put keeps the first value");
	tap(hmap_get(&m, "a17") == &a, "  still the first");
	hmap_set(&m, "a17", &c);
	tap(hmap_get(&m, "a17") == &c, "set replaces");
	tap_long((long)m.n, 1, "  one entry");
	tap(hmap_get(&m, "a1") == NULL, "a prefix is another key");
	tap(hmap_get(&m, "a170") == NULL, "an extension is another key");
	tap(hmap_get(&m, "") == NULL, "empty key absent");
	hmap_put(&m, "", &a);
	tap(hmap_get(&m, "") == &a, "empty key stored");
	hmap_release(&m);

	/* Many keys: every one found after the table grew many times. */
	hmap_init(&m);
	for (i = 0; i < N; i++) {
		snprintf(keys[i], sizeof(keys[i]), "a%d-p%d", i, i % 7);
		vals[i] = i;
		hmap_put(&m, keys[i], &vals[i]);
	}
	tap_long((long)m.n, N, "20000 keys stored");
	tap((m.cap & (m.cap - 1)) == 0 && m.cap >= 2 * (size_t)N,
	    "  capacity a power of two, load at most 1/2");
	for (bad = 0, i = 0; i < N; i++)
		if (hmap_get(&m, keys[i]) != &vals[i])
			bad++;
	tap_long(bad, 0, "  every key finds its value");
	for (bad = 0, i = 0; i < N; i++) {
		char probe[20];

		snprintf(probe, sizeof(probe), "b%d", i);
		if (hmap_get(&m, probe) != NULL)
			bad++;
	}
	tap_long(bad, 0, "  absent keys are absent");
	/* Lookup is by content: a copy of a key finds the same value. */
	{
		char *copy = strdup(keys[12345]);

		tap(hmap_get(&m, copy) == &vals[12345], "lookup by content");
		free(copy);
	}
	hmap_release(&m);

	/* Reserved room: no table grows while the keys go in. */
	hmap_init(&m);
	hmap_reserve(&m, N);
	{
		struct hmap_slot *table = m.slots;
		size_t cap = m.cap;

		tap(cap >= 2 * (size_t)N && (cap & (cap - 1)) == 0,
		    "reserve: room for N keys at load 1/2");
		for (i = 0; i < N; i++)
			hmap_put(&m, keys[i], &vals[i]);
		tap(m.slots == table && m.cap == cap,
		    "  the N keys go in without growing");
		hmap_reserve(&m, 10);
		tap(m.cap == cap, "  reserving less never shrinks");
		for (bad = 0, i = 0; i < N; i++)
			if (hmap_get(&m, keys[i]) != &vals[i])
				bad++;
		tap_long(bad, 0, "  every key finds its value");
		hmap_put(&m, "another", &a);
		tap(hmap_get(&m, "another") == &a && m.n == (size_t)N + 1,
		    "  and more keys go in as before");
	}
	/* Every key once, whatever the order. */
	{
		size_t at = 0, seen = 0;
		const char *k;

		bad = 0;
		while ((k = hmap_next_key(&m, &at)) != NULL) {
			seen++;
			bad += hmap_get(&m, k) == NULL;
		}
		tap(seen == m.n && bad == 0 &&
		    hmap_next_key(&m, &at) == NULL,
		    "next_key: each key once, then NULL");
	}
	hmap_release(&m);
	/*
	 * A table of megabytes (xmap()'s, 2 MB aligned) grown from a
	 * small one and into a larger: the keys stay and the table goes.
	 */
	advised = maps_advised_bytes();
	hmap_init(&m);
	for (i = 0; i < N; i++)
		hmap_put(&m, keys[i], &vals[i]);
	hmap_reserve(&m, 4 * N);
	tap(m.cap * sizeof(*m.slots) >= XMAP_UNIT &&
	    (uintptr_t)m.slots % XMAP_UNIT == 0,
	    "a table of megabytes is mapped apart");
	hmap_reserve(&m, 8 * N);
	tap((uintptr_t)m.slots % XMAP_UNIT == 0, "  and so is a larger one");
	for (bad = 0, i = 0; i < N; i++)
		if (hmap_get(&m, keys[i]) != &vals[i])
			bad++;
	tap_long(bad, 0, "  every key finds its value");
	hmap_release(&m);
	tap(m.slots == NULL && m.cap == 0 &&
	    maps_advised_bytes() == advised, "  released, unmapped");
	hmap_init(&m);
	{
		size_t at = 0;

		tap(hmap_next_key(&m, &at) == NULL,
		    "next_key: an empty map has none");
	}
	hmap_release(&m);
	return tap_done();
}
