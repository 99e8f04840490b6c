/* tlstrust: certificate thumbprints and the known-hosts file (govc's format:
 * "host[:port] THUMBPRINT" per line, port 443 implied, later lines win).
 *
 * Thumbprints are SHA-1 (20 bytes) or SHA-256 (32 bytes) written as upper-case hex
 * bytes joined by colons; input is accepted in any case, with or without colons.
 * Every char * returned here is owned by the caller (free()). */
#ifndef VCHNET_TLSTRUST_H
#define VCHNET_TLSTRUST_H

#include <stdbool.h>

/* What the server presented, for the trust dialog and the error message. Strings owned
 * by the struct; tlstrust_cert_free() releases them. */
struct tls_cert_info {
	char *subject;
	char *issuer;
	char *not_before;  /* "2026-01-02 03:04:05 UTC" */
	char *not_after;
	char *sha1;        /* AB:CD:... */
	char *sha256;
};
void tlstrust_cert_free(struct tls_cert_info *c);
void tlstrust_cert_copy(struct tls_cert_info *dst, const struct tls_cert_info *src);

/* Normalises a thumbprint to upper-case colon form. NULL with err_set() when it is not
 * 40 or 64 hex digits. */
char *tlstrust_normalize(const char *in);
/* True when the normalised pin equals the certificate's SHA-1 or SHA-256 (in constant
 * time). */
bool tlstrust_matches(const char *pin, const struct tls_cert_info *c);

/* "host:port" as the known-hosts file keys it (IPv6 literals in brackets). */
char *tlstrust_host_key(const char *host, int port);

/* Looks host:port up in the text of a known-hosts file. Returns 1 and *out (normalised)
 * when found, 0 when not. Lines whose thumbprint is malformed are ignored. */
int tlstrust_known_hosts_find(const char *text, const char *host, int port, char **out);
/* The same on a file; a missing file is "not found". -1 with err_set() when the file
 * exists but cannot be read. */
int tlstrust_known_hosts_lookup(const char *path, const char *host, int port, char **out);
/* Records host:port with thumbprint, replacing an older entry for the same host, in a
 * file written atomically with mode 0600 (its directory created 0700). */
int tlstrust_known_hosts_add(const char *path, const char *host, int port, const char *thumbprint);
/* $XDG_CONFIG_HOME/vchnet/known_hosts (or ~/.config/...); NULL when neither is set. */
char *tlstrust_default_known_hosts(void);

#endif
