/* firstframe: time from exec to the first screen a full-screen program draws.
 *
 *     bench/firstframe [-c COLS] [-l LINES] [-g GAP_MS] [-t TIMEOUT_MS] [-m TEXT]
 *                      -- COMMAND [ARG...]
 *
 * Runs COMMAND on a new pseudo-terminal of COLS x LINES (120 x 40) with TERM=xterm-256color
 * and reads what it writes. The first frame is the first burst of output: it starts
 * with the first byte and ends with the last byte before GAP_MS (40) of silence, or
 * when TEXT (-m) has been seen, or when the program exits. Curses writes one frame in
 * one refresh, so the burst is the frame; the silence after it is not counted.
 * Then COMMAND gets SIGTERM (SIGKILL after 2 s).
 *
 * Output, key=value lines (milliseconds from just before fork()):
 *     first_byte_ms=... frame_ms=... frame_bytes=... exited=0|1 status=N saw_text=0|1
 *     screen=1|0   (1: it switched to the alternate screen or cleared it, i.e. drew a
 *                   full screen rather than printing a message and leaving)
 * The wall clock is CLOCK_MONOTONIC; the timings include the kernel's pty latency. */
#include <errno.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void usage(void)
{
	fputs("usage: firstframe [-c COLS] [-l LINES] [-g GAP_MS] [-t TIMEOUT_MS] [-m TEXT] -- CMD [ARG...]\n",
	      stderr);
	exit(2);
}

/* Collected output, to search for the marker and the screen-switch sequences. */
static char *seen;
static size_t n_seen, cap_seen;

static void keep(const char *b, size_t n)
{
	if (n_seen + n + 1 > cap_seen) {
		cap_seen = (n_seen + n + 1) * 2;
		seen = realloc(seen, cap_seen);
		if (!seen) {
			perror("firstframe");
			exit(1);
		}
	}
	memcpy(seen + n_seen, b, n);
	n_seen += n;
	seen[n_seen] = '\0';
}

static bool contains(const char *needle)
{
	return seen && memmem(seen, n_seen, needle, strlen(needle)) != NULL;
}

int main(int argc, char **argv)
{
	int cols = 120, lines = 40, gap = 40, timeout = 10000, opt;
	const char *marker = NULL;
	while ((opt = getopt(argc, argv, "+c:l:g:t:m:")) != -1) {
		switch (opt) {
		case 'c': cols = atoi(optarg); break;
		case 'l': lines = atoi(optarg); break;
		case 'g': gap = atoi(optarg); break;
		case 't': timeout = atoi(optarg); break;
		case 'm': marker = optarg; break;
		default: usage();
		}
	}
	if (optind >= argc || cols < 20 || lines < 5 || gap < 1 || timeout < 1)
		usage();

	struct winsize ws = {.ws_row = (unsigned short)lines, .ws_col = (unsigned short)cols};
	int master;
	fflush(NULL);
	double t0 = now_ms();
	pid_t pid = forkpty(&master, NULL, NULL, &ws);
	if (pid < 0) {
		perror("firstframe: forkpty");
		return 1;
	}
	if (pid == 0) {
		setenv("TERM", "xterm-256color", 1);
		execvp(argv[optind], argv + optind);
		fprintf(stderr, "firstframe: cannot run %s: %s\n", argv[optind], strerror(errno));
		_exit(127);
	}

	double first = -1, last = -1;
	bool exited = false, saw = false;
	int status = -1;
	char buf[65536];
	for (;;) {
		double now = now_ms();
		if (now - t0 > timeout)
			break;
		int wait_ms = first < 0 ? (int)(timeout - (now - t0)) : (int)(last + gap - now);
		if (first >= 0 && wait_ms <= 0)
			break; /* the burst is over */
		struct pollfd p = {.fd = master, .events = POLLIN};
		int r = poll(&p, 1, wait_ms > 0 ? wait_ms : 0);
		if (r < 0 && errno == EINTR)
			continue;
		if (r == 0)
			continue;
		ssize_t got = read(master, buf, sizeof buf);
		if (got <= 0) {
			exited = true; /* EIO: the slave side closed */
			break;
		}
		double t = now_ms();
		if (first < 0)
			first = t;
		last = t;
		keep(buf, (size_t)got);
		if (marker && contains(marker)) {
			saw = true;
			break;
		}
	}

	/* did it draw a screen (alternate screen or clear) rather than print and leave */
	bool screen = contains("\033[?1049h") || contains("\033[?47h") || contains("\033[H\033[2J") ||
		      contains("\033[2J");

	int st;
	pid_t w = waitpid(pid, &st, WNOHANG);
	if (w == pid) {
		exited = true;
	} else {
		kill(pid, SIGTERM);
		for (int i = 0; i < 200; i++) {
			/* drain, so a program blocked on a full pty can see the signal */
			struct pollfd p = {.fd = master, .events = POLLIN};
			if (poll(&p, 1, 10) > 0 && read(master, buf, sizeof buf) <= 0)
				(void)0;
			w = waitpid(pid, &st, WNOHANG);
			if (w == pid)
				break;
		}
		if (w != pid) {
			kill(pid, SIGKILL);
			waitpid(pid, &st, 0);
		}
	}
	status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
	printf("first_byte_ms=%.3f\nframe_ms=%.3f\nframe_bytes=%zu\nexited=%d\nstatus=%d\nsaw_text=%d\nscreen=%d\n",
	       first < 0 ? -1 : first - t0, last < 0 ? -1 : last - t0, n_seen, exited, status, saw, screen);
	close(master);
	free(seen);
	return first < 0;
}
