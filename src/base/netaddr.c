#include "netaddr.h"

#include <stdio.h>
#include <string.h>

#include "mem.h"

static const uint8_t v4_prefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

/* Dotted IPv4 as Go's netip parses it: four fields 0..255, no leading zeros. Parses
 * s[0..len) into out[0..4). */
static int parse_v4(const char *s, size_t len, uint8_t out[4])
{
	int field = 0, val = 0, digits = 0;

	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (c >= '0' && c <= '9') {
			if (digits == 1 && val == 0)
				return -1; /* leading zero */
			val = val * 10 + (c - '0');
			if (val > 255)
				return -1;
			digits++;
		} else if (c == '.') {
			if (digits == 0 || field == 3)
				return -1;
			out[field++] = (uint8_t)val;
			val = 0;
			digits = 0;
		} else {
			return -1;
		}
	}
	if (field != 3 || digits == 0)
		return -1;
	out[3] = (uint8_t)val;
	return 0;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* IPv6 as Go's netip parses it (no zone). */
static int parse_v6(const char *s, size_t len, uint8_t out[16])
{
	size_t i = 0;
	int n = 0;        /* bytes written */
	int ellipsis = -1;

	memset(out, 0, 16);
	if (len >= 2 && s[0] == ':' && s[1] == ':') {
		ellipsis = 0;
		i = 2;
		if (i == len)
			return 0;
	}
	while (i < len) {
		size_t start = i;
		int val = 0, digits = 0;
		while (i < len && hexval(s[i]) >= 0) {
			val = val * 16 + hexval(s[i]);
			digits++;
			i++;
			if (digits > 4)
				return -1;
		}
		if (digits == 0)
			return -1;
		/* an embedded IPv4 address ends the text */
		if (i < len && s[i] == '.') {
			if (ellipsis < 0 && n != 12)
				return -1;
			if (n + 4 > 16)
				return -1;
			if (parse_v4(s + start, len - start, out + n) < 0)
				return -1;
			n += 4;
			i = len;
			break;
		}
		if (n + 2 > 16)
			return -1;
		out[n++] = (uint8_t)(val >> 8);
		out[n++] = (uint8_t)val;
		if (i == len)
			break;
		if (s[i] != ':')
			return -1;
		i++;
		if (i < len && s[i] == ':') {
			if (ellipsis >= 0)
				return -1;
			ellipsis = n;
			i++;
			if (i == len)
				break;
		} else if (i == len) {
			return -1; /* trailing single colon */
		}
	}
	if (ellipsis >= 0) {
		int move = n - ellipsis;
		if (n == 16)
			return -1; /* "::" must stand for at least one zero field */
		memmove(out + 16 - move, out + ellipsis, (size_t)move);
		memset(out + ellipsis, 0, (size_t)(16 - move - ellipsis));
	} else if (n != 16) {
		return -1;
	}
	return 0;
}

/* Parses s[0..len); sets *dotted when it was IPv4 text. */
static int parse_addr(const char *s, size_t len, struct netaddr *out, bool *dotted)
{
	if (len == 0)
		return -1;
	if (memchr(s, ':', len) == NULL) {
		memcpy(out->a, v4_prefix, 12);
		*dotted = true;
		return parse_v4(s, len, out->a + 12);
	}
	*dotted = false;
	return parse_v6(s, len, out->a);
}

int netaddr_parse_ip(const char *s, struct netaddr *out)
{
	bool dotted;
	struct netaddr tmp;

	if (!s || parse_addr(s, strlen(s), &tmp, &dotted) < 0)
		return -1;
	*out = tmp;
	return 0;
}

int netaddr_parse_cidr(const char *s, struct netaddr_cidr *out)
{
	const char *slash;
	bool dotted;
	struct netaddr_cidr tmp;
	int n = 0;
	size_t digits = 0;

	if (!s || !(slash = strchr(s, '/')))
		return -1;
	if (parse_addr(s, (size_t)(slash - s), &tmp.ip, &dotted) < 0)
		return -1;
	tmp.bits = dotted ? 32 : 128;
	/* Go's dtoi: decimal digits only, leading zeros allowed */
	for (const char *p = slash + 1; *p; p++, digits++) {
		if (*p < '0' || *p > '9')
			return -1;
		n = n * 10 + (*p - '0');
		if (n > 0xFFFFFF)
			return -1;
	}
	if (digits == 0 || n > tmp.bits)
		return -1;
	tmp.prefix = n;
	*out = tmp;
	return 0;
}

bool netaddr_is4(const struct netaddr *a)
{
	return memcmp(a->a, v4_prefix, 12) == 0;
}

bool netaddr_is_unspecified(const struct netaddr *a)
{
	static const uint8_t zero[16];
	if (netaddr_is4(a))
		return memcmp(a->a + 12, zero, 4) == 0;
	return memcmp(a->a, zero, 16) == 0;
}

int netaddr_cmp(const struct netaddr *a, const struct netaddr *b)
{
	return memcmp(a->a, b->a, 16);
}

bool netaddr_equal(const struct netaddr *a, const struct netaddr *b)
{
	return netaddr_cmp(a, b) == 0;
}

void netaddr_format(const struct netaddr *a, char buf[NETADDR_STRLEN])
{
	int best = -1, best_len = 0;
	char *p = buf;

	if (netaddr_is4(a)) {
		snprintf(buf, NETADDR_STRLEN, "%u.%u.%u.%u", a->a[12], a->a[13], a->a[14], a->a[15]);
		return;
	}
	/* longest run of at least two zero groups, the first one on a tie */
	for (int i = 0; i < 8;) {
		int j = i;
		while (j < 8 && a->a[2 * j] == 0 && a->a[2 * j + 1] == 0)
			j++;
		if (j - i >= 2 && j - i > best_len) {
			best = i;
			best_len = j - i;
		}
		i = j > i ? j : i + 1;
	}
	for (int i = 0; i < 8; i++) {
		if (i == best) {
			*p++ = ':';
			*p++ = ':';
			i += best_len - 1;
			continue;
		}
		if (i > 0 && i != best + best_len)
			*p++ = ':';
		p += sprintf(p, "%x", (unsigned)(a->a[2 * i] << 8 | a->a[2 * i + 1]));
	}
	*p = '\0';
}

/* The byte offset where the family's address starts (12 for IPv4, 0 for IPv6) and the
 * prefix expressed over the 16-byte form. */
static int prefix16(const struct netaddr_cidr *c)
{
	return c->bits == 32 ? c->prefix + 96 : c->prefix;
}

static void apply_mask(const struct netaddr *in, int ones, bool set, struct netaddr *out)
{
	*out = *in;
	for (int i = 0; i < 16; i++) {
		int keep = ones - i * 8;
		uint8_t m = keep >= 8 ? 0xff : keep <= 0 ? 0 : (uint8_t)(0xff << (8 - keep));
		out->a[i] = set ? (uint8_t)(in->a[i] | (uint8_t)~m) : (uint8_t)(in->a[i] & m);
	}
}

void netaddr_cidr_first(const struct netaddr_cidr *c, struct netaddr *out)
{
	apply_mask(&c->ip, prefix16(c), false, out);
}

void netaddr_cidr_last(const struct netaddr_cidr *c, struct netaddr *out)
{
	apply_mask(&c->ip, prefix16(c), true, out);
}

bool netaddr_cidr_contains(const struct netaddr_cidr *c, const struct netaddr *ip)
{
	struct netaddr a, b;

	/* Go compares in the net's own length: an IPv4 net never holds a plain IPv6
	 * address, and an IPv6 net built from IPv6 text holds IPv4 ones only through
	 * their mapped form. */
	if (c->bits == 32 && !netaddr_is4(ip))
		return false;
	if (c->bits == 128 && netaddr_is4(&c->ip) != netaddr_is4(ip))
		return false;
	apply_mask(&c->ip, prefix16(c), false, &a);
	apply_mask(ip, prefix16(c), false, &b);
	return netaddr_equal(&a, &b);
}

bool netaddr_cidr_overlap(const struct netaddr_cidr *a, const struct netaddr_cidr *b)
{
	struct netaddr_range ra, rb;
	netaddr_cidr_range(a, &ra);
	netaddr_cidr_range(b, &rb);
	return netaddr_range_overlap(&ra, &rb);
}

char *netaddr_cidr_net_str(const struct netaddr_cidr *c)
{
	struct netaddr first;
	char buf[NETADDR_STRLEN];

	netaddr_cidr_first(c, &first);
	netaddr_format(&first, buf);
	return xasprintf("%s/%d", buf, c->prefix);
}

char *netaddr_mask_hex(const struct netaddr_cidr *c)
{
	int nbytes = c->bits / 8;
	char *s = xmalloc((size_t)nbytes * 2 + 1);

	for (int i = 0; i < nbytes; i++) {
		int keep = c->prefix - i * 8;
		unsigned m = keep >= 8 ? 0xff : keep <= 0 ? 0 : (0xffu << (8 - keep)) & 0xff;
		sprintf(s + 2 * i, "%02x", m);
	}
	s[nbytes * 2] = '\0';
	return s;
}

int netaddr_parse_range(const char *s, struct netaddr_range *out)
{
	struct netaddr_cidr c;
	const char *dash;
	bool dotted;
	struct netaddr_range r;

	if (!s)
		return -1;
	if (netaddr_parse_cidr(s, &c) == 0) {
		netaddr_cidr_range(&c, out);
		out->cidr_form = true;
		return 0;
	}
	/* exactly one '-' */
	dash = strchr(s, '-');
	if (!dash || strchr(dash + 1, '-'))
		return -1;
	if (parse_addr(s, (size_t)(dash - s), &r.first, &dotted) < 0)
		return -1;
	if (netaddr_parse_ip(dash + 1, &r.last) < 0) {
		/* "a.b.c.d-N": N replaces the last octet; Go's strconv.Atoi allows a sign */
		const char *p = dash + 1;
		long end = 0;
		bool neg = false;
		if (*p == '+' || *p == '-')
			neg = *p++ == '-';
		if (!*p)
			return -1;
		for (; *p; p++) {
			if (*p < '0' || *p > '9')
				return -1;
			end = end * 10 + (*p - '0');
			if (end > 100000)
				return -1;
		}
		if (neg)
			end = -end;
		if (end <= r.first.a[15] || end > 255)
			return -1;
		memcpy(r.last.a, v4_prefix, 12);
		memcpy(r.last.a + 12, r.first.a + 12, 3);
		r.last.a[15] = (uint8_t)end;
	}
	if (netaddr_cmp(&r.first, &r.last) > 0)
		return -1;
	r.cidr_form = false;
	*out = r;
	return 0;
}

bool netaddr_range_overlap(const struct netaddr_range *a, const struct netaddr_range *b)
{
	return netaddr_cmp(&a->first, &b->last) <= 0 && netaddr_cmp(&b->first, &a->last) <= 0;
}

/* The bytes vic's Range holds for one end: 4 for a CIDR-form IPv4 range, else 16. */
static size_t vic_bytes(const struct netaddr_range *r, const struct netaddr *a, const uint8_t **p)
{
	if (r->cidr_form && netaddr_is4(a)) {
		*p = a->a + 12;
		return 4;
	}
	*p = a->a;
	return 16;
}

/* Go's bytes.Compare. */
static int go_bytes_cmp(const uint8_t *a, size_t na, const uint8_t *b, size_t nb)
{
	size_t n = na < nb ? na : nb;
	int c = memcmp(a, b, n);
	if (c)
		return c < 0 ? -1 : 1;
	return na < nb ? -1 : na > nb ? 1 : 0;
}

static int vic_cmp(const struct netaddr_range *ra, const struct netaddr *a,
		   const struct netaddr_range *rb, const struct netaddr *b)
{
	const uint8_t *pa, *pb;
	size_t na = vic_bytes(ra, a, &pa), nb = vic_bytes(rb, b, &pb);
	return go_bytes_cmp(pa, na, pb, nb);
}

bool netaddr_range_overlap_vic(const struct netaddr_range *i, const struct netaddr_range *o)
{
	return (vic_cmp(i, &i->first, o, &o->first) <= 0 && vic_cmp(o, &o->first, i, &i->last) <= 0) ||
	       (vic_cmp(i, &i->first, o, &o->last) <= 0 && vic_cmp(o, &o->first, i, &i->last) <= 0);
}

char *netaddr_range_vic_str(const struct netaddr_range *r)
{
	char a[NETADDR_STRLEN], b[NETADDR_STRLEN];
	netaddr_format(&r->first, a);
	netaddr_format(&r->last, b);
	return xasprintf("{\"%s\" \"%s\"}", a, b);
}

bool netaddr_range_in_cidr(const struct netaddr_range *r, const struct netaddr_cidr *c)
{
	return netaddr_cidr_contains(c, &r->first) && netaddr_cidr_contains(c, &r->last);
}

void netaddr_cidr_range(const struct netaddr_cidr *c, struct netaddr_range *out)
{
	netaddr_cidr_first(c, &out->first);
	netaddr_cidr_last(c, &out->last);
	out->cidr_form = true;
}
