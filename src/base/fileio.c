#include "fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "err.h"
#include "mem.h"

static const char *kind_of(mode_t m)
{
	if (S_ISDIR(m))
		return "a directory";
	if (S_ISFIFO(m))
		return "a FIFO (named pipe)";
	if (S_ISCHR(m))
		return "a character device";
	if (S_ISBLK(m))
		return "a block device";
	if (S_ISSOCK(m))
		return "a socket";
	return "of an unknown kind";
}

int fileio_open_input(const char *path, struct stat *out)
{
	struct stat st;
	/* O_NONBLOCK: opening a FIFO without a writer must not wait for one; a regular
	 * file reads the same either way */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);

	if (fd < 0)
		return err_set("cannot open %s: %s", path, strerror(errno));
	if (fstat(fd, &st) < 0) {
		err_set("cannot read %s: %s", path, strerror(errno));
		close(fd);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return err_set("cannot read %s: not a regular file (it is %s)", path,
			       kind_of(st.st_mode));
	}
	if (out)
		*out = st;
	return fd;
}

int fileio_read(const char *path, size_t max, char **out, size_t *len)
{
	struct stat st;
	size_t have = 0;
	char *buf;
	int fd = fileio_open_input(path, &st);

	if (fd < 0)
		return -1;
	if ((unsigned long long)st.st_size > max) {
		close(fd);
		return err_set("cannot read %s: larger than the limit of %zu bytes", path, max);
	}
	buf = xmalloc((size_t)st.st_size + 1);
	for (;;) {
		ssize_t r;
		if (have == (size_t)st.st_size) {
			/* the file may have grown since fstat: check for more */
			char extra;
			r = read(fd, &extra, 1);
			if (r == 0)
				break;
			if (r > 0) {
				free(buf);
				close(fd);
				return err_set("cannot read %s: it changed while being read", path);
			}
		} else {
			r = read(fd, buf + have, (size_t)st.st_size - have);
			if (r > 0) {
				have += (size_t)r;
				continue;
			}
			if (r == 0)
				break;
		}
		if (errno == EINTR)
			continue;
		free(buf);
		close(fd);
		return err_set("cannot read %s: %s", path, strerror(errno));
	}
	close(fd);
	buf[have] = '\0';
	*out = buf;
	if (len)
		*len = have;
	return 0;
}

/* The file a save to path writes: path itself, or where a symbolic link leads (so the
 * link stays a link). NULL with err_set() for a link that leads nowhere. */
static char *save_target(const char *path)
{
	struct stat st;
	char *real;

	if (lstat(path, &st) != 0 || !S_ISLNK(st.st_mode))
		return xstrdup(path);
	real = realpath(path, NULL);
	if (!real) {
		err_set("cannot write %s: it is a symbolic link that leads nowhere (%s); remove "
			"the link or save under another name", path, strerror(errno));
		return NULL;
	}
	return real;
}

/* fsync of the directory holding path, so that a rename in it is on disk. */
static int sync_dir(const char *path)
{
	char *copy = xstrdup(path);
	const char *dir = dirname(copy);
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC), rc = 0;

	if (fd < 0 || fsync(fd) < 0)
		rc = err_set("cannot write %s: syncing its directory %s failed: %s", path, dir,
			     strerror(errno));
	if (fd >= 0)
		close(fd);
	free(copy);
	return rc;
}

struct whole {
	const char *data;
	size_t len;
};

static int fill_whole(FILE *f, void *arg)
{
	const struct whole *w = arg;
	if (w->len && fwrite(w->data, 1, w->len, f) != w->len)
		return err_set("%s", strerror(errno));
	return 0;
}

int fileio_write_atomic(const char *path, const char *data, size_t len, mode_t mode)
{
	struct whole w = {data, len};
	return fileio_write_atomic_stream(path, mode, fill_whole, &w);
}

int fileio_write_atomic_stream(const char *path, mode_t mode, int (*fill)(FILE *f, void *arg),
			       void *arg)
{
	char *target = save_target(path), *tmp;
	FILE *f = NULL;
	int fd;

	if (!target)
		return -1;
	tmp = xasprintf("%s.tmp.XXXXXX", target);
	fd = mkstemp(tmp);
	if (fd < 0) {
		err_set("cannot write %s: %s", path, strerror(errno));
		free(tmp);
		free(target);
		return -1;
	}
	if (fchmod(fd, mode) < 0 || !(f = fdopen(fd, "w")))
		goto fail;
	fd = -1; /* the stream's now */
	if (fill(f, arg) < 0) {
		err_prefix("cannot write %s", path);
		goto failed;
	}
	if (fflush(f) != 0 || fsync(fileno(f)) < 0)
		goto fail;
	int c = fclose(f);
	f = NULL;
	if (c != 0 || rename(tmp, target) < 0)
		goto fail;
	free(tmp);
	int rc = sync_dir(target);
	free(target);
	return rc;
fail:
	err_set("cannot write %s: %s", path, strerror(errno));
failed:
	if (f)
		fclose(f);
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	free(tmp);
	free(target);
	return -1;
}

int fileio_mkdirs(const char *path, mode_t mode)
{
	char *p = xstrdup(path);

	for (char *s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, mode) < 0 && errno != EEXIST) {
			err_set("cannot create directory %s: %s", p, strerror(errno));
			free(p);
			return -1;
		}
		*s = '/';
	}
	if (mkdir(p, mode) < 0 && errno != EEXIST) {
		err_set("cannot create directory %s: %s", p, strerror(errno));
		free(p);
		return -1;
	}
	free(p);
	return 0;
}

int fileio_open_log(const char *path, bool append)
{
	struct stat st;
	int fd = open(path, O_WRONLY | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC |
				    (append ? O_APPEND : 0),
		      0600);

	if (fd < 0) {
		if (errno == ELOOP)
			return err_set("cannot open the log file %s: it is a symbolic link, which "
				       "a log never follows; give the path of a file", path);
		return err_set("cannot open the log file %s: %s; choose a writable path", path,
			       strerror(errno));
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return err_set("cannot open the log file %s: it is not a regular file; choose "
			       "another path", path);
	}
	/* the umask does not decide, and an older file may have been readable by others */
	if (fchmod(fd, 0600) != 0 || (!append && ftruncate(fd, 0) != 0) ||
	    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) != 0) {
		err_set("cannot prepare the log file %s: %s", path, strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

/* 0 when st (of the file or directory name) may be trusted, else -1 with err_set(). */
static int judge_private(const struct stat *st, const char *name, bool dir)
{
	uid_t me = geteuid();

	if (st->st_uid != me && st->st_uid != 0)
		return err_set("%s %s belongs to another user (uid %ld), so it may have been "
			       "planted; if it is yours, run: chown %ld %s",
			       dir ? "the directory" : "the file", name, (long)st->st_uid,
			       (long)me, name);
	if (st->st_mode & (S_IWGRP | S_IWOTH))
		return err_set("%s %s is writable by %s, so anyone there may have changed it; "
			       "run: chmod go-w %s", dir ? "the directory" : "the file", name,
			       (st->st_mode & S_IWOTH) ? "every user" : "its group", name);
	return 0;
}

int fileio_check_private(const char *path)
{
	struct stat st;
	char *real, *copy;
	int rc;

	if (stat(path, &st) != 0) {
		if (errno == ENOENT)
			return 1;
		return err_set("cannot check %s: %s", path, strerror(errno));
	}
	if (!S_ISREG(st.st_mode))
		return err_set("%s is not a regular file (it is %s); remove it", path,
			       kind_of(st.st_mode));
	real = realpath(path, NULL);
	if (!real)
		return err_set("cannot check %s: %s", path, strerror(errno));
	rc = judge_private(&st, real, false);
	if (rc == 0) {
		copy = xstrdup(real);
		const char *dir = dirname(copy);
		if (stat(dir, &st) != 0)
			rc = err_set("cannot check the directory %s: %s", dir, strerror(errno));
		else
			rc = judge_private(&st, dir, true);
		free(copy);
	}
	free(real);
	return rc;
}

char *fileio_absolute(const char *path)
{
	char cwd[PATH_MAX];
	char *joined, *out, *w;
	const char *r;

	if (path[0] == '/') {
		joined = xstrdup(path);
	} else {
		if (!getcwd(cwd, sizeof cwd)) {
			err_set("cannot tell the current directory (%s), so %s cannot be made "
				"absolute; give an absolute path", strerror(errno), path);
			return NULL;
		}
		joined = xasprintf("%s/%s", cwd, path);
	}
	/* drop "." components and repeated slashes */
	out = xmalloc(strlen(joined) + 2);
	w = out;
	for (r = joined; *r;) {
		while (*r == '/')
			r++;
		size_t n = strcspn(r, "/");
		if (n == 0)
			break;
		if (!(n == 1 && r[0] == '.')) {
			*w++ = '/';
			memcpy(w, r, n);
			w += n;
		}
		r += n;
	}
	if (w == out)
		*w++ = '/';
	*w = '\0';
	free(joined);
	return out;
}
