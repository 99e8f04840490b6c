#include "fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "err.h"
#include "mem.h"

int fileio_read(const char *path, size_t max, char **out, size_t *len)
{
	struct stat st;
	size_t have = 0;
	char *buf;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);

	if (fd < 0)
		return err_set("cannot open %s: %s", path, strerror(errno));
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return err_set("cannot read %s: not a regular file", path);
	}
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

int fileio_write_atomic(const char *path, const char *data, size_t len, mode_t mode)
{
	char *tmp = xasprintf("%s.tmp.XXXXXX", path);
	size_t done = 0;
	int fd = mkstemp(tmp);

	if (fd < 0) {
		err_set("cannot write %s: %s", path, strerror(errno));
		free(tmp);
		return -1;
	}
	if (fchmod(fd, mode) < 0)
		goto fail;
	while (done < len) {
		ssize_t w = write(fd, data + done, len - done);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		done += (size_t)w;
	}
	if (fsync(fd) < 0)
		goto fail;
	if (close(fd) < 0) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	if (rename(tmp, path) < 0)
		goto fail;
	free(tmp);
	return 0;
fail:
	err_set("cannot write %s: %s", path, strerror(errno));
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	free(tmp);
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
