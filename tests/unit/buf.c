/*
 * Unit tests for buf.c: appends of every kind keep the buffer
 * NUL-terminated, growth across many doublings, printf of long output,
 * reset and detach.
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "maps.h"
#include "tap.h"

/*
 * buf_init_large(): from BUF_MAP_MIN on, the bytes are in an aligned
 * block of xmap()'s, kept as it grows and as it moves into a larger one;
 * buf_detach() hands over malloc's copy (free() takes it: ASan checks),
 * buf_release() unmaps.  A buffer not large stays malloc's.
 */
static void
large(void)
{
	struct buf b, moved;
	size_t i, bad;
	long before = maps_advised_bytes();
	char *s;

	buf_init(&b);
	while (b.len < BUF_MAP_MIN)
		buf_puts(&b, "0123456789");
	tap(maps_advised_bytes() == before, "a buffer of megabytes is malloc's");
	buf_release(&b);
	buf_init_large(&b);
	buf_puts(&b, "short");
	tap(b.cap < BUF_MAP_MIN && (uintptr_t)b.data % XMAP_UNIT != 0,
	    "large: a short one is malloc's");
	for (i = 0; b.len < 3 * BUF_MAP_MIN; i++)
		buf_putc(&b, 'a' + (int)(i % 26));
#ifdef __SANITIZE_ADDRESS__	/* xmap()'s are malloc's, aligned */
	tap((uintptr_t)b.data % XMAP_UNIT == 0 && b.cap % XMAP_UNIT == 0,
	    "  megabytes of it are xmap()'s, in whole units");
#else
	tap(maps_one(b.data, b.cap) && b.cap % XMAP_UNIT == 0,
	    "  megabytes of it are one mapping, in whole units");
#endif
	for (bad = 0, i = 0; i < b.len - 5; i++)
		bad += b.data[5 + i] != 'a' + (int)(i % 26);
	tap(bad == 0 && memcmp(b.data, "short", 5) == 0 &&
	    b.data[b.len] == '\0', "  every byte kept as it grew and moved");
	/* A move: the struct copied, the old one forgotten. */
	moved = b;
	buf_reset(&moved);
	buf_puts(&moved, "again");
	tap_str(moved.data, "again", "  moved and reset, it is written again");
	s = buf_detach(&moved);
	tap_str(s, "again", "  detach hands over a copy");
	free(s);
	tap(maps_advised_bytes() == before, "  and unmaps the block");
	buf_init_large(&b);
	while (b.len < BUF_MAP_MIN)
		buf_puts(&b, "0123456789");
	buf_release(&b);
	tap(maps_advised_bytes() == before && b.data == NULL,
	    "  release unmaps it");
}

int
main(void)
{
	struct buf b;
	char *s, big[5000];
	size_t i;
	int bad;

	buf_init(&b);
	tap_str(b.data, "", "init: empty string");
	tap_long((long)b.len, 0, "init: length 0");
	buf_puts(&b, "第17条");
	buf_putc(&b, ' ');
	buf_put(&b, "abcdef", 3);
	tap_str(b.data, "第17条 abc", "puts, putc, put");
	tap_long((long)b.len, (long)strlen("第17条 abc"), "  length");
	buf_put(&b, "x\0y", 3);
	tap_long((long)b.len, (long)strlen("第17条 abc") + 3,
	    "put copies NUL bytes");
	tap(b.data[b.len] == '\0', "  still terminated");
	buf_reset(&b);
	tap(b.len == 0 && b.data[0] == '\0', "reset empties");
	buf_printf(&b, "%s-%d", "a", 17);
	tap_str(b.data, "a-17", "printf");
	/* Output longer than the capacity. */
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	buf_printf(&b, "[%s]", big);
	tap_long((long)b.len, 4 + 2 + (long)sizeof(big) - 1, "long printf");
	tap(b.data[4] == '[' && b.data[b.len - 1] == ']' &&
	    b.data[b.len] == '\0', "  whole and terminated");
	tap(b.cap > b.len, "  capacity above length");
	buf_release(&b);
	tap(b.data == NULL && b.len == 0, "release");

	/*
	 * printf formats into the room left; output that fills it to the
	 * last byte but the NUL fits, one byte more grows and is formatted
	 * again, whole.
	 */
	buf_init(&b);
	buf_printf(&b, "%.*s", (int)(b.cap - 1), big);
	tap(b.len == b.cap - 1 && b.data[b.len] == '\0' &&
	    strspn(b.data, "x") == b.len, "printf filling the room");
	i = b.cap;
	buf_printf(&b, "%d", 7);
	tap(b.cap > i && b.len == i && b.data[b.len - 1] == '7' &&
	    b.data[b.len] == '\0', "  one more grows, whole");
	buf_release(&b);

	/* buf_put_long() writes what printf's %ld writes. */
	{
		static const long vals[] = { 0, 7, 10, -12, 2024, LONG_MAX,
		    LONG_MIN };
		char want[64];
		size_t k;

		buf_init(&b);
		want[0] = '\0';
		for (k = 0; k < sizeof(vals) / sizeof(vals[0]); k++) {
			buf_putc(&b, ',');
			buf_put_long(&b, vals[k]);
			snprintf(want + strlen(want), sizeof(want) -
			    strlen(want), ",%ld", vals[k]);
		}
		tap_str(b.data, want, "put_long: 0, 7, 10, -12, 2024, the "
		    "largest and the smallest long");
		buf_release(&b);
	}

	/* hex64() writes what printf's %016llx writes. */
	{
		static const uint64_t vals[] = { 0, 0xf, 0x10, 0xabcdef,
		    0x0123456789abcdefULL, UINT64_MAX };
		char got[17], want[17];
		size_t k, differ = 0;

		for (k = 0; k < sizeof(vals) / sizeof(vals[0]); k++) {
			hex64(got, vals[k]);
			got[16] = '\0';
			snprintf(want, sizeof(want), "%016llx",
			    (unsigned long long)vals[k]);
			differ += strcmp(got, want) != 0;
		}
		tap(differ == 0, "hex64: 0, 15, 16, a long one, the largest");
	}

	/* A million one-byte appends: linear, correct. */
	buf_init(&b);
	for (i = 0; i < 1000000; i++)
		buf_putc(&b, 'a' + (int)(i % 26));
	for (bad = 0, i = 0; i < 1000000; i++)
		if (b.data[i] != 'a' + (int)(i % 26))
			bad++;
	tap(b.len == 1000000 && bad == 0 && b.data[b.len] == '\0',
	    "1000000 putc");
	buf_grow(&b, 10);
	tap(b.cap >= b.len + 11, "grow leaves room for extra + NUL");
	s = buf_detach(&b);
	tap(s != NULL && strlen(s) == 1000000, "detach hands over the bytes");
	tap(b.data == NULL && b.len == 0 && b.cap == 0, "  buffer emptied");
	free(s);
	buf_init(&b);
	s = buf_detach(&b);
	tap_str(s, "", "detach of an empty buffer: \"\"");
	free(s);

	large();
	return tap_done();
}
