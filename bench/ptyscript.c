/* ptyscript: drive a full-screen program on a pseudo-terminal from a script and time
 * how long each of its screens takes to be drawn.
 *
 *     bench/ptyscript [-c COLS] [-l LINES] [-g GAP_MS] [-t TIMEOUT_MS] -- COMMAND [ARG...]
 *
 * Runs COMMAND on a new pseudo-terminal of COLS x LINES (120 x 40) with
 * TERM=xterm-256color and reads the script from stdin, one command a line:
 *
 *     key NAME [TEXT]   mark the clock, write one key: enter, tab, down, up, f10,
 *                       backspace, esc, or "char X" (the single byte X)
 *     resize COLS LINES mark the clock, resize the terminal (TIOCSWINSZ: the kernel
 *                       sends SIGWINCH to the program)
 *     frame LABEL [TEXT] read until TEXT has been drawn since the mark (none: the first
 *                       byte), then until GAP_MS (40) of silence, and print
 *                       "LABEL ms=... bytes=... saw=1" with ms from the mark to the last
 *                       byte before the silence (the silence is not counted); saw=0
 *                       and ms=-1 when TIMEOUT_MS (60000) passed first
 *     settle            read and discard until GAP_MS of silence
 *     dump FILE         write the text drawn since the mark (as matched) to FILE
 *     cpu LABEL         print "LABEL cpu_ms=..." : the program's CPU time so far
 *                       (user+sys from /proc/PID/stat, in clock ticks: 10 ms steps)
 *     pause PID         stop process PID (SIGSTOP), resume PID continue it (SIGCONT):
 *                       the simulator on the same machine, which has no part in a
 *                       keystroke, then takes no core from the program measured
 *
 * TEXT is matched against the output with escape sequences and control bytes left
 * out, so pick a text the new screen writes whole (curses skips only characters that
 * are already on the screen). At the end COMMAND gets SIGTERM (SIGKILL after 2 s).
 * The clock is CLOCK_MONOTONIC; the times include the kernel's pty latency. */
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

static int master = -1, gap = 40, timeout = 60000;
static pid_t child;
static double mark;

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void die(const char *what)
{
	fprintf(stderr, "ptyscript: %s: %s\n", what, strerror(errno));
	exit(1);
}

/* The text drawn since the mark, escape sequences and control bytes left out. */
static char *text;
static size_t n_text, cap_text;
static enum { PLAIN, ESC, CSI, OSC, CHARSET } st;

static void put(char c)
{
	if (n_text + 2 > cap_text) {
		cap_text = cap_text ? cap_text * 2 : 65536;
		text = realloc(text, cap_text);
		if (!text)
			die("realloc");
	}
	text[n_text++] = c;
	text[n_text] = '\0';
}

static void strip(const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)b[i];
		switch (st) {
		case PLAIN:
			if (c == 0x1b)
				st = ESC;
			else if (c >= 0x20 && c != 0x7f)
				put((char)c);
			break;
		case ESC:
			st = c == '[' ? CSI : c == ']' ? OSC : (c == '(' || c == ')') ? CHARSET : PLAIN;
			break;
		case CSI:
			if (c >= 0x40 && c <= 0x7e)
				st = PLAIN;
			break;
		case OSC:
			if (c == 0x07 || c == '\\')
				st = PLAIN;
			break;
		case CHARSET:
			st = PLAIN;
			break;
		}
	}
}

/* Reads for up to ms (or until the output stops: EIO); returns bytes read, -1 at EOF. */
static ssize_t read_some(int ms, double *t)
{
	static char buf[65536];
	struct pollfd p = {.fd = master, .events = POLLIN};
	int r = poll(&p, 1, ms > 0 ? ms : 0);
	if (r < 0 && errno == EINTR)
		return 0;
	if (r <= 0)
		return 0;
	ssize_t got = read(master, buf, sizeof buf);
	if (got <= 0)
		return -1;
	*t = now_ms();
	strip(buf, (size_t)got);
	return got;
}

/* frame: see the header. */
static void frame(const char *label, const char *want)
{
	double last = -1, t = 0;
	size_t bytes = 0;
	bool saw = !want || !*want;
	for (;;) {
		double now = now_ms();
		int wait_ms = saw && last >= 0 ? (int)(last + gap - now) : (int)(mark + timeout - now);
		if (wait_ms <= 0)
			break;
		ssize_t got = read_some(wait_ms, &t);
		if (got < 0)
			break;
		if (got == 0)
			continue;
		bytes += (size_t)got;
		last = t;
		if (!saw && text && strstr(text, want))
			saw = true;
	}
	printf("%s ms=%.3f bytes=%zu saw=%d\n", label, saw && last >= 0 ? last - mark : -1.0, bytes, saw);
	fflush(stdout);
}

static void settle(void)
{
	double t, last = now_ms();
	while (now_ms() - last < gap) {
		ssize_t got = read_some((int)(last + gap - now_ms()), &t);
		if (got < 0)
			break;
		if (got > 0)
			last = t;
	}
}

/* The child's user+sys CPU time in ms, -1 when /proc does not say. */
static double cpu_ms(void)
{
	char path[64], buf[1024];
	snprintf(path, sizeof path, "/proc/%d/stat", (int)child);
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	char *p = strrchr(buf, ')'); /* the command name may hold spaces */
	unsigned long ut = 0, stime = 0;
	if (!p || sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &ut, &stime) != 2)
		return -1;
	return (double)(ut + stime) * 1000.0 / (double)sysconf(_SC_CLK_TCK);
}

static void begin(void)
{
	n_text = 0;
	if (text)
		text[0] = '\0';
	mark = now_ms();
}

static void key(const char *name, const char *arg)
{
	static const struct {
		const char *name, *bytes;
	} keys[] = {
		{"enter", "\r"}, {"tab", "\t"}, {"down", "\033OB"}, {"up", "\033OA"},
		{"f10", "\033[21~"}, {"backspace", "\177"}, {"esc", "\033"},
	};
	const char *b = NULL;
	char one[2] = {0, 0};
	if (strcmp(name, "char") == 0 && arg && arg[0]) {
		one[0] = arg[0];
		b = one;
	}
	for (size_t i = 0; !b && i < sizeof keys / sizeof keys[0]; i++)
		if (strcmp(keys[i].name, name) == 0)
			b = keys[i].bytes;
	if (!b) {
		fprintf(stderr, "ptyscript: unknown key '%s'\n", name);
		exit(2);
	}
	begin();
	if (write(master, b, strlen(b)) != (ssize_t)strlen(b))
		die("write");
}

int main(int argc, char **argv)
{
	int cols = 120, lines = 40, opt;
	while ((opt = getopt(argc, argv, "+c:l:g:t:")) != -1) {
		switch (opt) {
		case 'c': cols = atoi(optarg); break;
		case 'l': lines = atoi(optarg); break;
		case 'g': gap = atoi(optarg); break;
		case 't': timeout = atoi(optarg); break;
		default: goto usage;
		}
	}
	if (optind >= argc || cols < 20 || lines < 5 || gap < 1 || timeout < 1) {
usage:
		fputs("usage: ptyscript [-c COLS] [-l LINES] [-g GAP_MS] [-t TIMEOUT_MS] -- CMD [ARG...] <SCRIPT\n",
		      stderr);
		return 2;
	}
	struct winsize ws = {.ws_row = (unsigned short)lines, .ws_col = (unsigned short)cols};
	fflush(NULL);
	begin();
	pid_t pid = forkpty(&master, NULL, NULL, &ws);
	child = pid;
	if (pid < 0)
		die("forkpty");
	if (pid == 0) {
		setenv("TERM", "xterm-256color", 1);
		execvp(argv[optind], argv + optind);
		fprintf(stderr, "ptyscript: cannot run %s: %s\n", argv[optind], strerror(errno));
		_exit(127);
	}

	char line[4096];
	while (fgets(line, sizeof line, stdin)) {
		line[strcspn(line, "\n")] = '\0';
		char *cmd = strtok(line, " "), *a = strtok(NULL, " "), *rest = strtok(NULL, "");
		if (!cmd || cmd[0] == '#')
			continue;
		if (strcmp(cmd, "key") == 0 && a) {
			key(a, rest);
		} else if (strcmp(cmd, "frame") == 0 && a) {
			frame(a, rest);
		} else if (strcmp(cmd, "settle") == 0) {
			settle();
		} else if (strcmp(cmd, "cpu") == 0 && a) {
			printf("%s cpu_ms=%.0f\n", a, cpu_ms());
			fflush(stdout);
		} else if (strcmp(cmd, "dump") == 0 && a) {
			FILE *f = fopen(a, "w");
			if (!f || fputs(text ? text : "", f) < 0 || fclose(f) != 0)
				die(a);
		} else if ((strcmp(cmd, "pause") == 0 || strcmp(cmd, "resume") == 0) && a && atoi(a) > 1) {
			if (kill((pid_t)atoi(a), strcmp(cmd, "pause") == 0 ? SIGSTOP : SIGCONT) < 0)
				die(cmd);
		} else if (strcmp(cmd, "resize") == 0 && a && rest) {
			ws.ws_col = (unsigned short)atoi(a);
			ws.ws_row = (unsigned short)atoi(rest);
			begin();
			if (ioctl(master, TIOCSWINSZ, &ws) < 0)
				die("TIOCSWINSZ");
		} else {
			fprintf(stderr, "ptyscript: bad script line '%s'\n", cmd);
			return 2;
		}
	}

	int status;
	kill(pid, SIGTERM);
	pid_t w = 0;
	for (int i = 0; i < 200 && w != pid; i++) {
		double t;
		if (read_some(10, &t) < 0)
			(void)0; /* drain, so a program blocked on a full pty sees the signal */
		w = waitpid(pid, &status, WNOHANG);
	}
	if (w != pid) {
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
	}
	close(master);
	free(text);
	return 0;
}
