/* fileio: whole-file reads with a size cap, and atomic writes.
 * Both return -1 with err_set() on failure (the message names the path). */
#ifndef VCHNET_FILEIO_H
#define VCHNET_FILEIO_H

#include <stddef.h>
#include <sys/types.h>

/* Reads a regular file of at most max bytes. *out is NUL-terminated and owned by the
 * caller; *len excludes the NUL. Directories, devices and larger files are refused. */
int fileio_read(const char *path, size_t max, char **out, size_t *len);

/* Writes data to path through a temporary file in the same directory, fsync and rename,
 * so that a reader sees the old file or the new one, never a half-written one. The
 * file gets the given mode (plans and drafts use 0600). */
int fileio_write_atomic(const char *path, const char *data, size_t len, mode_t mode);

/* Creates a directory and its parents with the given mode (like mkdir -p). */
int fileio_mkdirs(const char *path, mode_t mode);

#endif
