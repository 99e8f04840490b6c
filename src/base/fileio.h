/* fileio: opening input files safely, whole-file reads with a size cap, atomic writes,
 * log files, and the ownership checks of state files.
 * All return -1 with err_set() on failure (the message names the path). */
#ifndef VCHNET_FILEIO_H
#define VCHNET_FILEIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/types.h>

/* Opens an input file (a plan, a snapshot, a known-hosts or password file) without
 * blocking and without taking a terminal: O_RDONLY|O_NONBLOCK|O_NOCTTY|O_CLOEXEC,
 * then fstat. Anything but a regular file (a FIFO, a device, a directory) is refused
 * before a byte is read. Returns the descriptor (the caller closes it), and the file's
 * status in *st when st is not NULL. */
int fileio_open_input(const char *path, struct stat *st);

/* Reads a regular file of at most max bytes (opened with fileio_open_input). *out is
 * NUL-terminated and owned by the caller; *len excludes the NUL. */
int fileio_read(const char *path, size_t max, char **out, size_t *len);

/* Writes data to path through a temporary file in the same directory, fsync, rename
 * and fsync of the directory, so that a reader sees the old file or the new one, never
 * a half-written one, and the rename survives a crash. The file gets the given mode
 * (plans and drafts use 0600). When path is a symbolic link, the file it points to is
 * written (the link stays a link); a link that points nowhere is refused. */
int fileio_write_atomic(const char *path, const char *data, size_t len, mode_t mode);

/* The same for a file written as it goes: fill(f, arg) writes the whole content to f
 * (a stream on the temporary file) and returns 0, or -1 with err_set(), which leaves
 * path as it was. For contents too large to hold in memory twice. */
int fileio_write_atomic_stream(const char *path, mode_t mode, int (*fill)(FILE *f, void *arg),
			       void *arg);

/* Creates a directory and its parents with the given mode (like mkdir -p). */
int fileio_mkdirs(const char *path, mode_t mode);

/* Opens a log file for writing: never through a symbolic link (O_NOFOLLOW), only a
 * regular file, mode 0600 whatever the umask (an existing file is made 0600 too);
 * appended to or truncated. Returns the descriptor (close-on-exec). */
int fileio_open_log(const char *path, bool append);

/* Whether a state file (a draft, a known-hosts file) and the directory holding it may
 * be trusted, as ssh's StrictModes judges its files: both owned by us (geteuid()) or
 * root, neither writable by group or others, the file a regular file (a symbolic link
 * is judged by where it leads). 0 when they may; 1 when the file does not exist (no
 * message); -1 with err_set() saying why and what to fix (the chmod or chown to run). */
int fileio_check_private(const char *path);

/* path made absolute against the current directory ("." components dropped; ".."
 * and symbolic links are kept as they are). Caller frees; NULL with err_set() when
 * the current directory cannot be told. */
char *fileio_absolute(const char *path);

#endif
