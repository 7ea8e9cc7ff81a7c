/*
 * measure: run a command, report its wall time and peak resident memory.
 *
 *   measure RUNS OUTFILE -- COMMAND [ARGS...]
 *
 * Runs the command RUNS times with stdout sent to OUTFILE (use /dev/null)
 * and stderr to /dev/null (diagnostics are not what is measured), and
 * prints "SECONDS KILOBYTES": the fastest wall time and the largest
 * peak RSS (ru_maxrss from wait4) seen.  Exits 1 if any run failed.
 */
#include <sys/resource.h>
#include <sys/wait.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	struct timespec t0, t1;
	struct rusage ru;
	double best = -1, s;
	long peak = 0;
	int runs, i, status, fd;
	pid_t pid;

	if (argc < 5 || strcmp(argv[3], "--") != 0) {
		fputs("usage: measure RUNS OUTFILE -- COMMAND [ARGS...]\n",
		    stderr);
		return 2;
	}
	runs = atoi(argv[1]);
	for (i = 0; i < runs; i++) {
		clock_gettime(CLOCK_MONOTONIC, &t0);
		if ((pid = fork()) == 0) {
			fd = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC, 0644);
			if (fd == -1)
				_exit(127);
			dup2(fd, 1);
			if ((fd = open("/dev/null", O_WRONLY)) != -1)
				dup2(fd, 2);
			execvp(argv[4], argv + 4);
			_exit(127);
		}
		if (pid == -1 || wait4(pid, &status, 0, &ru) == -1)
			return 1;
		clock_gettime(CLOCK_MONOTONIC, &t1);
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
			fprintf(stderr, "measure: %s failed\n", argv[4]);
			return 1;
		}
		s = (double)(t1.tv_sec - t0.tv_sec) +
		    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
		if (best < 0 || s < best)
			best = s;
		if (ru.ru_maxrss > peak)
			peak = ru.ru_maxrss;
	}
	printf("%.3f %ld\n", best, peak);
	return 0;
}
