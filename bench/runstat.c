/* runstat: run one command and report what it cost, for the benchmarks.
 *
 *     runstat [-o FILE] [-i FILE] [-r FILE] -- COMMAND [ARG...]
 *
 * Forks, execs COMMAND (stdout to -o FILE, default /dev/null; stdin from -i FILE,
 * default /dev/null; stderr inherited), waits for it with wait4() and prints one line
 * (to -r FILE, appended, or to stdout):
 *
 *     wall=0.123456 cpu=0.100000 user=0.080000 sys=0.020000 maxrss_kb=12345 status=0
 *
 * wall is CLOCK_MONOTONIC from just before fork() to the end of wait4(); cpu, user and
 * sys are the child's ru_utime + ru_stime, which on Linux include its waited-for
 * descendants (so a shell script's curl processes count); maxrss_kb is the largest
 * resident set of the child or any waited-for descendant. status is the exit status,
 * or 128 + signal. The exit status of runstat is the command's.
 *
 * Why not /usr/bin/time: it is not installed everywhere, and its output format varies.
 * Nothing here is owned across calls; the program is a one-shot. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double tv_sec(struct timeval tv)
{
	return (double)tv.tv_sec + (double)tv.tv_usec / 1e6;
}

static double now_sec(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void usage(void)
{
	fputs("usage: runstat [-o OUT] [-i IN] [-r REPORT] -- COMMAND [ARG...]\n", stderr);
	exit(125);
}

static int open_or_die(const char *path, int flags)
{
	int fd = open(path, flags, 0644);
	if (fd < 0) {
		fprintf(stderr, "runstat: cannot open %s: %s\n", path, strerror(errno));
		exit(125);
	}
	return fd;
}

int main(int argc, char **argv)
{
	const char *out = "/dev/null", *in = "/dev/null", *report = NULL;
	int opt;

	while ((opt = getopt(argc, argv, "+o:i:r:")) != -1) {
		switch (opt) {
		case 'o': out = optarg; break;
		case 'i': in = optarg; break;
		case 'r': report = optarg; break;
		default: usage();
		}
	}
	if (optind >= argc)
		usage();

	int ofd = open_or_die(out, O_WRONLY | O_CREAT | O_TRUNC);
	int ifd = open_or_die(in, O_RDONLY);
	fflush(NULL);
	double t0 = now_sec();
	pid_t pid = fork();
	if (pid < 0) {
		perror("runstat: fork");
		return 125;
	}
	if (pid == 0) {
		dup2(ifd, 0);
		dup2(ofd, 1);
		close(ifd);
		close(ofd);
		execvp(argv[optind], argv + optind);
		fprintf(stderr, "runstat: cannot run %s: %s\n", argv[optind], strerror(errno));
		_exit(127);
	}
	close(ifd);
	close(ofd);
	int st;
	struct rusage ru;
	pid_t w;
	while ((w = wait4(pid, &st, 0, &ru)) < 0 && errno == EINTR)
		;
	double wall = now_sec() - t0;
	if (w < 0) {
		perror("runstat: wait4");
		return 125;
	}
	int status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
	double user = tv_sec(ru.ru_utime), sys = tv_sec(ru.ru_stime);
	FILE *r = stdout;
	if (report) {
		r = fopen(report, "a");
		if (!r) {
			fprintf(stderr, "runstat: cannot open %s: %s\n", report, strerror(errno));
			return 125;
		}
	}
	fprintf(r, "wall=%.6f cpu=%.6f user=%.6f sys=%.6f maxrss_kb=%ld status=%d\n", wall,
		user + sys, user, sys, ru.ru_maxrss, status);
	if (r != stdout)
		fclose(r);
	return status;
}
