/*
 * Two independent pieces of work at once, for the places where termc has
 * exactly two: the two sides of a diff; a long document's references,
 * the second part after its history lines (xref.c), its checks beside
 * its pages (site.c); the heads of many files (corpus.c).  md.c keeps a
 * thread of its own for a long body's pieces, started by par_start().
 * A pool of threads is not worth it here: on the 2-core machine it was
 * measured on, splitting finer work (a page's divisions) over threads
 * cost as much in malloc locking as it won.
 */
#ifndef TERMC_PAR_H
#define TERMC_PAR_H

#include <pthread.h>

/*
 * Start fn(arg) on a new thread, as pthread_create() does, but on another
 * CPU than the caller's when it may run on two.  Linux 6.18 places a new
 * thread on its creator's CPU and starts it only when the creator sleeps
 * or its time slice ends: measured on the 2-core machine, a thread meant
 * to run beside its creator started 3.9 ms late, against 0.1 ms on the
 * other CPU, and a long document's references, checks and pieces ran one
 * after the other.  Once started the thread may run on any CPU allowed.
 * Returns 0, or -1 (no thread).
 */
int	par_start(pthread_t *t, void *(*fn)(void *), void *arg);
/*
 * The CPU the calling thread started on, read before it was let run
 * anywhere, when par_start() started it on another CPU than its
 * creator's; else -1.  For tests: where a thread runs later says nothing.
 */
int	par_started_cpu(void);

/*
 * Wait for *flag to hold want without sleeping, up to PAR_SPIN_NS; then
 * the caller sleeps as it would have (its mutex and condition).  Returns
 * 1 when the flag holds want (read with acquire: what the writer wrote
 * before storing it with release is seen), 0 when the time ran out or
 * the process may run on one CPU only.  Why: a thread that sleeps leaves
 * its CPU idle, and on this project's 2-core virtual machine an idle
 * CPU looks busy to Linux (its virtual CPU is descheduled by the host),
 * so the thread woken next is queued on its waker's CPU and runs only
 * when the waker sleeps: the two threads of md.c's pieces took turns
 * instead of running beside each other (a 1 MB body 11.6 ms, median of
 * 12; 10.3 ms spinning).  Hand-overs there come every 0.3 to 0.7 ms.
 * The spin yields now and then (sched_yield()): a thread queued on the
 * caller's CPU runs, and under valgrind, one thread at a time, at all.
 */
int	par_spin(const int *flag, int want);
#ifndef PAR_SPIN_NS
#define PAR_SPIN_NS	(2 * 1000 * 1000)
#endif

/*
 * fn(a) on a second thread while fn(b) runs on the caller's; both have
 * returned when par_both() returns.  When no thread can be started,
 * fn(a) runs on the caller's thread first.  fn(a) and fn(b) must not
 * write anything the other reads.
 */
void	par_both(void *(*fn)(void *), void *a, void *b);

/*
 * Work numbered from 1, met by each worker in increasing order, shared
 * out as the workers become ready rather than fixed before they start:
 * the work of number want is the caller's when par_take() returns 1.  A
 * worker takes a number when it meets the first work after the last it
 * took: the next number nobody took, which is want's or a later one's
 * (those between are others').  *next is shared by all the workers
 * (threads, or processes through MAP_SHARED memory), 0 at the start;
 * *mine is the caller's own, 0 at the start.  Each number up to the
 * last any worker meets is taken by one worker.
 */
int	par_take(size_t *next, size_t *mine, size_t want);

/*
 * A document of this many bytes or more is worth a second thread (its
 * history lines beside its references, doc.c; its checks beside its
 * pages, site.c); a shorter one takes less than a thread costs to start,
 * and a build of many short ones uses both cores with processes (-j).
 * md.c does not read it: a body of two pieces or more (MD_PIECE, the
 * same 64 KB) has its pieces parsed on a thread of their own.
 */
#ifndef PAR_MIN
#define PAR_MIN	(64 * 1024)
#endif

#endif
