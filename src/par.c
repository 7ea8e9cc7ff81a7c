/*
 * Two pieces of work at once: see par.h.
 */
#include <pthread.h>

#include "par.h"

void
par_both(void *(*fn)(void *), void *a, void *b)
{
	pthread_t t;
	int threaded;

	threaded = pthread_create(&t, NULL, fn, a) == 0;
	if (!threaded)
		fn(a);
	fn(b);
	if (threaded)
		pthread_join(t, NULL);
}
