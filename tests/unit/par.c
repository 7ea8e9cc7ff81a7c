/*
 * Unit tests for par.c: par_both() runs both halves; a thread par_start()
 * starts runs its function with its argument, on another CPU than its
 * caller's when the process may run on two (the kernel would queue it
 * behind the caller), and then wherever the process may run; par_spin()
 * sees a flag another thread sets, and gives up after PAR_SPIN_NS;
 * par_take() shares numbered work out, each number once.
 */
#define _GNU_SOURCE	/* sched_getcpu(), CPU_* */
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "par.h"
#include "tap.h"

struct probe {
	int		 ran;
	int		 cpu;		/* where it started (par_started_cpu()) */
	cpu_set_t	 mask;		/* its affinity as it ran */
};

static void *
probe(void *arg)
{
	struct probe *p = arg;

	p->cpu = par_started_cpu();
	sched_getaffinity(0, sizeof(p->mask), &p->mask);
	__atomic_store_n(&p->ran, 1, __ATOMIC_RELEASE);
	return p;
}

/* flag[0]: set on starting; flag[1]: set 0.1 ms later, while the
 * caller spins. */
static void *
set_flag(void *arg)
{
	int *flag = arg;
	struct timespec pause = { 0, 100 * 1000 };

	__atomic_store_n(&flag[0], 1, __ATOMIC_RELEASE);
	nanosleep(&pause, NULL);
	__atomic_store_n(&flag[1], 1, __ATOMIC_RELEASE);
	return NULL;
}

/*
 * par_take(): workers meet works 1..TAKE_N in order, some of them not
 * theirs to meet (a worker of a part skips; here each worker meets
 * them all) and claim; each work must be taken once.  Interleaved by a
 * fixed pseudo-random schedule in one thread, then on two threads.
 */
#define TAKE_N	2000

struct taker {
	size_t		*next;
	unsigned char	*taken;		/* TAKE_N + 1 counts, shared */
	size_t		 mine, at;	/* at: the next work it meets */
	size_t		 got;
};

static void
take_step(struct taker *w)
{
	w->at++;
	if (par_take(w->next, &w->mine, w->at)) {
		__atomic_add_fetch(&w->taken[w->at], 1, __ATOMIC_RELAXED);
		w->got++;
	}
}

static void *
take_all(void *arg)
{
	struct taker *w = arg;

	while (w->at < TAKE_N)
		take_step(w);
	return NULL;
}

/* Each work taken once; the workers' counts sum to TAKE_N. */
static int
taken_once(const unsigned char *taken)
{
	size_t k;

	for (k = 1; k <= TAKE_N; k++)
		if (taken[k] != 1)
			return 0;
	return 1;
}

static void
take_checks(void)
{
	static unsigned char taken[TAKE_N + 1];
	struct taker w[3];
	size_t next = 0, i;
	unsigned seed = 12345, r;

	memset(taken, 0, sizeof(taken));
	memset(w, 0, sizeof(w));
	for (i = 0; i < 3; i++) {
		w[i].next = &next;
		w[i].taken = taken;
	}
	/* Three workers, one step at a time in a scrambled order. */
	while (w[0].at < TAKE_N || w[1].at < TAKE_N || w[2].at < TAKE_N) {
		seed = seed * 1103515245u + 12345u;
		r = (seed >> 16) % 3;
		if (w[r].at < TAKE_N)
			take_step(&w[r]);
	}
	tap(taken_once(taken) && w[0].got + w[1].got + w[2].got == TAKE_N &&
	    w[0].got > 0 && w[1].got > 0 && w[2].got > 0,
	    "par_take: three workers interleaved, each work taken once");
	/* One worker alone takes all, in order. */
	memset(taken, 0, sizeof(taken));
	memset(&w[0], 0, sizeof(w[0]));
	next = 0;
	w[0].next = &next;
	w[0].taken = taken;
	take_all(&w[0]);
	tap(taken_once(taken) && w[0].got == TAKE_N,
	    "par_take: one worker takes every work");
	/* Two threads. */
	memset(taken, 0, sizeof(taken));
	memset(w, 0, sizeof(w));
	next = 0;
	for (i = 0; i < 2; i++) {
		w[i].next = &next;
		w[i].taken = taken;
	}
	par_both(take_all, &w[0], &w[1]);
	tap(taken_once(taken) && w[0].got + w[1].got == TAKE_N,
	    "par_take: two threads, each work taken once");
}

static double
ms_since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) * 1e3 +
	    (double)(t.tv_nsec - t0->tv_nsec) / 1e6;
}

int
main(void)
{
	struct timespec t0;
	int flag, two[2], seen = 0;
	struct probe a, b;
	cpu_set_t allowed;
	pthread_t t;
	void *ret = NULL;
	int i, before, after, tried = 0, apart = 0, started;

	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	par_both(probe, &a, &b);
	tap(a.ran && b.ran, "par_both: both halves ran");
	take_checks();

	sched_getaffinity(0, sizeof(allowed), &allowed);
	memset(&a, 0, sizeof(a));
	started = par_start(&t, probe, &a) == 0;
	if (tap(started, "par_start: a thread")) {
		pthread_join(t, &ret);
		tap(ret == &a && a.ran, "par_start: fn(arg), its result");
		tap(CPU_EQUAL(&a.mask, &allowed),
		    "par_start: the thread may run wherever the process may");
	}
	/*
	 * Where it starts, as the thread read it before it was let run
	 * anywhere: the caller spins until it has, so the kernel would run
	 * it on the caller's CPU only after the caller's slice.  A trial in
	 * which the caller moved says nothing and is left out.
	 */
	if (CPU_COUNT(&allowed) > 1) {
		for (i = 0; i < 20; i++) {
			memset(&a, 0, sizeof(a));
			before = sched_getcpu();
			if (par_start(&t, probe, &a) != 0)
				break;
			while (!__atomic_load_n(&a.ran, __ATOMIC_ACQUIRE))
				;
			after = sched_getcpu();
			pthread_join(t, NULL);
			if (before != after)
				continue;
			tried++;
			apart += a.cpu >= 0 && a.cpu != before;
		}
		tap(tried > 0 && apart == tried,
		    "par_start: starts on another CPU than its caller's");
	} else
		tap(1, "par_start: one CPU, nothing to spread (skipped)");

	/*
	 * par_spin(): a flag that already holds the value; one another
	 * thread sets while the caller spins; one nobody sets, which is
	 * given up on no sooner than PAR_SPIN_NS (and, with one CPU, at
	 * once: nothing could set it while the caller spins).
	 */
	flag = 1;
	tap(par_spin(&flag, 1) == (CPU_COUNT(&allowed) > 1),
	    "par_spin: a flag that holds the value");
	if (CPU_COUNT(&allowed) > 1) {
		/* Once the thread runs, the caller spins while it sets
		 * the flag; a trial whose thread ran late (a loaded
		 * machine, valgrind's one thread at a time) says nothing. */
		for (i = 0; i < 10 && !seen; i++) {
			two[0] = two[1] = 0;
			if (par_start(&t, set_flag, two) != 0)
				break;
			while (!__atomic_load_n(&two[0], __ATOMIC_ACQUIRE))
				sched_yield();
			seen = par_spin(&two[1], 1);
			pthread_join(t, NULL);
		}
		tap(seen, "par_spin: sees the flag another thread sets");
		flag = 0;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		tap(par_spin(&flag, 1) == 0 &&
		    ms_since(&t0) >= PAR_SPIN_NS / 1e6,
		    "par_spin: gives up after PAR_SPIN_NS");
	} else {
		tap(1, "par_spin: one CPU (skipped)");
		tap(1, "par_spin: one CPU (skipped)");
	}
	return tap_done();
}
