/* sanitize: the one gate for text that came from outside on its way to a terminal, a log
 * or a machine-readable line.
 *
 * Names and messages from vCenter, a plan, an inventory snapshot or a child process may
 * hold bytes that a terminal obeys (ESC sequences that set the title or clear the screen,
 * CR that overprints a line, C1 CSI 0x9b) or that reorder what the reader sees (bidi
 * overrides such as U+202E). Everything such text passes through here first. The result
 * is valid UTF-8 in which:
 *   - C0 controls, DEL and C1 controls are shown as escapes: \a \b \t \n \v \f \r \e for
 *     the usual ones, \xHH for the rest (C1 code points by their value: U+009B is \x9b);
 *   - bidi and line-breaking format characters (U+061C, U+200E, U+200F, U+2028, U+2029,
 *     U+202A..U+202E, U+2066..U+2069, U+FEFF) are shown as \uHHHH;
 *   - bytes that are not UTF-8 become U+FFFD, one per bad byte.
 * SAN_FIELD also doubles every backslash, so that a field of a one-record-per-line output
 * (inventory --find, --format text) can be read back without ambiguity; SAN_DISPLAY keeps a
 * backslash as it is, since port group names may hold one (a finder pattern).
 *
 * Ownership: san_dup() returns a string the caller frees. san() returns one of a ring of
 * SAN_RING buffers owned by this module (per thread), valid until SAN_RING more calls: it
 * is meant for printf arguments, so at most SAN_RING san() calls may appear in one
 * statement. */
#ifndef VCHNET_SANITIZE_H
#define VCHNET_SANITIZE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum san_mode { SAN_DISPLAY, SAN_FIELD };

enum { SAN_RING = 16 };

/* s sanitised for display; NULL reads as "". Owned by the module (see above). */
const char *san(const char *s);
/* The same, as a fresh string the caller frees; mode picks the backslash rule. */
char *san_dup(const char *s, enum san_mode mode);
/* The first n bytes of s (which need not end in NUL), sanitised, as a fresh string. */
char *san_ndup(const char *s, size_t n, enum san_mode mode);
/* Writes s sanitised to f; returns what fputs returns. */
int san_fputs(const char *s, FILE *f);

/* Whether s would come out of the sanitiser unchanged (in SAN_DISPLAY mode). */
bool san_is_clean(const char *s);
/* For writers with an escape syntax of their own (shell quoting): the byte length of the
 * character that starts s[0..n) (1 for a byte that is not UTF-8, 0 when n is 0), and in
 * *clean whether the sanitiser keeps it as it is (SAN_DISPLAY). */
size_t san_char(const char *s, size_t n, bool *clean);
/* Whether the sanitiser keeps code point c as it is (not a control, DEL, C1 or a bidi or
 * line-breaking format character): for text already decoded (an input field). */
bool san_codepoint_clean(unsigned long c);

/* s as one shell word in $'...' form (bash, zsh, ksh, POSIX.1-2024), every byte of a
 * character the sanitiser would escape written in octal ($'pg\033]0;x\007'), ' and \
 * escaped: shown text with no raw control that still gives a shell the exact bytes. For
 * shell-quoters when san_is_clean(s) is false. Caller frees. */
char *san_shell_word(const char *s);

/* Terminal columns of already sanitised text: wide (CJK) characters count 2, combining
 * marks 0, as the C library's wcwidth() says in the current locale (1 where it has no
 * answer, e.g. outside a UTF-8 locale). */
size_t san_width(const char *s);
/* The byte length of the longest prefix of sanitised text s that fits in cols columns,
 * never cutting a character. */
size_t san_fit(const char *s, size_t cols);

#endif
