/*
 * Two pieces of work at once: see par.h.
 */
#define _GNU_SOURCE	/* pthread_attr_setaffinity_np(), sched_getcpu() */
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <time.h>

#include "par.h"
#include "xalloc.h"

/* What a thread par_start() started runs: fn(arg) where it may. */
struct start {
	void		*(*fn)(void *);
	void		*arg;
	cpu_set_t	 allowed;
	int		 narrowed;
};

/* Where this thread started, when par_start() started it narrowed. */
static _Thread_local int started_cpu = -1;

static void *
started(void *p)
{
	struct start s = *(struct start *)p;

	free(p);
	/* Started on another CPU; from now on wherever it was allowed. */
	if (s.narrowed) {
		started_cpu = sched_getcpu();
		pthread_setaffinity_np(pthread_self(), sizeof(s.allowed),
		    &s.allowed);
	}
	return s.fn(s.arg);
}

int
par_start(pthread_t *t, void *(*fn)(void *), void *arg)
{
	struct start *s = xmalloc(sizeof(*s));
	pthread_attr_t attr;
	cpu_set_t other;
	int cpu, rc;

	s->fn = fn;
	s->arg = arg;
	s->narrowed = 0;
	if (pthread_attr_init(&attr) != 0) {
		free(s);
		return -1;
	}
	if (sched_getaffinity(0, sizeof(s->allowed), &s->allowed) == 0 &&
	    (cpu = sched_getcpu()) >= 0 && cpu < CPU_SETSIZE &&
	    CPU_ISSET(cpu, &s->allowed) && CPU_COUNT(&s->allowed) > 1) {
		other = s->allowed;
		CPU_CLR(cpu, &other);
		s->narrowed = pthread_attr_setaffinity_np(&attr, sizeof(other),
		    &other) == 0;
	}
	rc = pthread_create(t, &attr, started, s);
	pthread_attr_destroy(&attr);
	if (rc != 0) {
		free(s);
		return -1;
	}
	return 0;
}

int
par_started_cpu(void)
{
	return started_cpu;
}

/* Whether the process may run on two CPUs or more, asked once. */
static pthread_once_t cpus_once = PTHREAD_ONCE_INIT;
static int several_cpus;

static void
count_cpus(void)
{
	cpu_set_t allowed;

	several_cpus = sched_getaffinity(0, sizeof(allowed), &allowed) == 0 &&
	    CPU_COUNT(&allowed) > 1;
}

/* A spinning CPU's hint that it waits (fewer wasted cycles on x86). */
static void
cpu_relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
	__builtin_ia32_pause();
#endif
}

int
par_spin(const int *flag, int want)
{
	struct timespec t0, t;
	int i;

	pthread_once(&cpus_once, count_cpus);
	if (!several_cpus || clock_gettime(CLOCK_MONOTONIC, &t0) != 0)
		return 0;
	for (;;) {
		/* The clock is read every 64 looks: it costs more than one. */
		for (i = 0; i < 64; i++) {
			if (__atomic_load_n(flag, __ATOMIC_ACQUIRE) == want)
				return 1;
			cpu_relax();
		}
		/*
		 * A thread queued on this CPU (the one this waits for, woken
		 * here) runs now rather than when the spin ends; and under
		 * valgrind, which runs one thread at a time, the other runs
		 * at all.
		 */
		sched_yield();
		if (clock_gettime(CLOCK_MONOTONIC, &t) != 0 ||
		    (t.tv_sec - t0.tv_sec) * 1000000000L +
		    (t.tv_nsec - t0.tv_nsec) >= PAR_SPIN_NS)
			return 0;
	}
}

void
par_both(void *(*fn)(void *), void *a, void *b)
{
	pthread_t t;
	int threaded;

	threaded = par_start(&t, fn, a) == 0;
	if (!threaded)
		fn(a);
	fn(b);
	if (threaded)
		pthread_join(t, NULL);
}

int
par_take(size_t *next, size_t *mine, size_t want)
{
	if (want > *mine)
		*mine = __atomic_add_fetch(next, 1, __ATOMIC_RELAXED);
	return want == *mine;
}
