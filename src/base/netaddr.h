/* netaddr: IPv4/IPv6 addresses, CIDR prefixes and IP ranges, parsed exactly as the Go
 * standard library (net.ParseIP, net.ParseCIDR) and vic's pkg/ip.ParseRange accept and
 * reject them, because the rules engine must agree with vic-machine on every value.
 *
 * Go details reproduced: dotted IPv4 needs exactly four decimal fields 0..255 without
 * leading zeros (Go >= 1.17); IPv6 allows one "::" and a trailing dotted IPv4; zones are
 * rejected; a CIDR prefix is decimal digits (leading zeros allowed) up to 32 or 128.
 * Error texts are Go's: "invalid CIDR address: X", "invalid IP address: X",
 * vic's "parse error: X" for ranges.
 *
 * Everything here is pure (no I/O, no allocation except the *_str helpers, whose result
 * the caller frees). */
#ifndef VCHNET_NETADDR_H
#define VCHNET_NETADDR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* An address in 16-byte form; IPv4 is stored IPv4-mapped (::ffff:a.b.c.d), as Go does. */
struct netaddr {
	uint8_t a[16];
};

/* A CIDR: the address as written (host bits kept) and the prefix length.
 * bits is 32 when the address was written as dotted IPv4, else 128. */
struct netaddr_cidr {
	struct netaddr ip;
	int prefix;
	int bits;
};

/* An IP range: first and last address, both inclusive. cidr_form records that it was
 * written as a CIDR, because vic compares such ranges in 4-byte form and dash ranges in
 * 16-byte form (see netaddr_range_overlap_vic). */
struct netaddr_range {
	struct netaddr first, last;
	bool cidr_form;
};

#define NETADDR_STRLEN 48 /* enough for any address text */

/* 0 on success, -1 when Go would reject the text. */
int netaddr_parse_ip(const char *s, struct netaddr *out);
int netaddr_parse_cidr(const char *s, struct netaddr_cidr *out);
int netaddr_parse_range(const char *s, struct netaddr_range *out);

bool netaddr_is4(const struct netaddr *a);     /* IPv4 (or IPv4-mapped) */
bool netaddr_is_unspecified(const struct netaddr *a); /* 0.0.0.0 or :: */
int netaddr_cmp(const struct netaddr *a, const struct netaddr *b);
bool netaddr_equal(const struct netaddr *a, const struct netaddr *b);

/* Go's net.IP.String(): dotted for IPv4, RFC 5952 compressed for IPv6. */
void netaddr_format(const struct netaddr *a, char buf[NETADDR_STRLEN]);

/* The network address (host bits cleared) and the last (all-ones) address. */
void netaddr_cidr_first(const struct netaddr_cidr *c, struct netaddr *out);
void netaddr_cidr_last(const struct netaddr_cidr *c, struct netaddr *out);
/* Go's IPNet.Contains: family must match (IPv4 nets contain IPv4-mapped addresses). */
bool netaddr_cidr_contains(const struct netaddr_cidr *c, const struct netaddr *ip);
/* Do the two networks share at least one address? */
bool netaddr_cidr_overlap(const struct netaddr_cidr *a, const struct netaddr_cidr *b);
/* The prefix length relative to the family (an IPv4 net from IPv6 text counts as IPv6). */
static inline int netaddr_cidr_ones(const struct netaddr_cidr *c) { return c->prefix; }

/* "10.0.0.0/24": the normalised network, as Go's IPNet.String() prints it. Caller frees. */
char *netaddr_cidr_net_str(const struct netaddr_cidr *c);
/* Go's IPMask.String(): hex digits, "ffffff00" for a /24 IPv4 mask. Caller frees. */
char *netaddr_mask_hex(const struct netaddr_cidr *c);

/* True overlap of two ranges (any shared address). */
bool netaddr_range_overlap(const struct netaddr_range *a, const struct netaddr_range *b);
/* vic's ip.Range.Overlaps with its byte representations: a CIDR-form IPv4 range is 4
 * bytes long and a dash range 16, and bytes.Compare between the two never reports an
 * overlap. */
bool netaddr_range_overlap_vic(const struct netaddr_range *a, const struct netaddr_range *b);
/* vic prints a range with %q as {"first" "last"}. Caller frees. */
char *netaddr_range_vic_str(const struct netaddr_range *r);
/* Is the whole range inside the network? */
bool netaddr_range_in_cidr(const struct netaddr_range *r, const struct netaddr_cidr *c);
/* A range covering a CIDR, for overlap tests between networks and ranges. */
void netaddr_cidr_range(const struct netaddr_cidr *c, struct netaddr_range *out);

#endif
