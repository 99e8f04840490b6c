/* netaddr: addresses, CIDRs and ranges accepted and rejected exactly as Go and vic do. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "netaddr.h"

struct ip_case {
	const char *in;
	const char *out; /* Go's String(), NULL: rejected */
};

static void test_parse_ip(void **state)
{
	static const struct ip_case cases[] = {
		{"10.0.0.5", "10.0.0.5"},
		{"0.0.0.0", "0.0.0.0"},
		{"255.255.255.255", "255.255.255.255"},
		{"256.1.1.1", NULL},
		{"1.2.3", NULL},
		{"1.2.3.4.5", NULL},
		{"1..3.4", NULL},
		{"01.2.3.4", NULL},          /* leading zeros (Go >= 1.17) */
		{"1.2.3.4 ", NULL},
		{" 1.2.3.4", NULL},
		{"", NULL},
		{"vch.example.com", NULL},   /* no host names */
		{"10.0.0.5/24", NULL},
		{"::", "::"},
		{"::1", "::1"},
		{"fe80::1", "fe80::1"},
		{"FE80:0:0:0:0:0:0:1", "fe80::1"},
		{"2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"},
		{"2001:db8::", "2001:db8::"},
		{"1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8"},
		{"1:2:3:4:5:6:7::8", NULL},  /* "::" must stand for a zero field */
		{"1:2:3:4:5:6:7", NULL},
		{"1::2::3", NULL},
		{":1::2", NULL},
		{"1::2:", NULL},
		{"12345::1", NULL},
		{"::ffff:10.1.2.3", "10.1.2.3"}, /* IPv4-mapped prints dotted, as Go */
		{"::10.1.2.3", "::a01:203"},
		{"fe80::1%eth0", NULL},      /* zones are refused by ParseIP */
	};
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct netaddr a;
		int rc = netaddr_parse_ip(cases[i].in, &a);
		if (!cases[i].out) {
			if (rc != -1)
				fail_msg("\"%s\" should be rejected", cases[i].in);
			continue;
		}
		if (rc != 0)
			fail_msg("\"%s\" should be accepted", cases[i].in);
		char buf[NETADDR_STRLEN];
		netaddr_format(&a, buf);
		assert_string_equal(buf, cases[i].out);
	}
}

struct cidr_case {
	const char *in;
	const char *net;  /* normalised network, NULL: rejected */
	const char *mask; /* Go's IPMask.String() */
};

static void test_parse_cidr(void **state)
{
	static const struct cidr_case cases[] = {
		{"10.0.0.5/24", "10.0.0.0/24", "ffffff00"},
		{"172.16.5.0/12", "172.16.0.0/12", "fff00000"},
		{"1.1.1.1/17", "1.1.0.0/17", "ffff8000"},
		{"10.0.0.5/32", "10.0.0.5/32", "ffffffff"},
		{"10.0.0.5/0", "0.0.0.0/0", "00000000"},
		{"10.0.0.5/024", "10.0.0.0/24", "ffffff00"}, /* Go's dtoi takes leading zeros */
		{"10.0.0.5/33", NULL, NULL},
		{"10.0.0.5/", NULL, NULL},
		{"10.0.0.5/-1", NULL, NULL},
		{"10.0.0.5/+8", NULL, NULL},
		{"10.0.0.5", NULL, NULL},      /* bare IP: invalid CIDR address */
		{"1.1.1.1", NULL, NULL},
		{"vch.example.com/24", NULL, NULL},
		{"10.0.0.5/24 ", NULL, NULL},
		{"fd00::5/64", "fd00::/64", "ffffffffffffffff0000000000000000"},
		{"fd00::5/129", NULL, NULL},
		{"fe80::1%eth0/64", NULL, NULL},
	};
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct netaddr_cidr c;
		int rc = netaddr_parse_cidr(cases[i].in, &c);
		if (!cases[i].net) {
			if (rc != -1)
				fail_msg("\"%s\" should be rejected", cases[i].in);
			continue;
		}
		if (rc != 0)
			fail_msg("\"%s\" should be accepted", cases[i].in);
		char *net = netaddr_cidr_net_str(&c), *mask = netaddr_mask_hex(&c);
		assert_string_equal(net, cases[i].net);
		assert_string_equal(mask, cases[i].mask);
		free(net);
		free(mask);
	}
}

struct range_case {
	const char *in;
	const char *vic; /* {"first" "last"}, NULL: "parse error" */
	bool cidr;
};

static void test_parse_range(void **state)
{
	static const struct range_case cases[] = {
		{"10.3.1.0/24", "{\"10.3.1.0\" \"10.3.1.255\"}", true},
		{"10.3.1.77/24", "{\"10.3.1.0\" \"10.3.1.255\"}", true},
		{"10.3.2.10-10.3.2.50", "{\"10.3.2.10\" \"10.3.2.50\"}", false},
		{"10.0.0.5-10", "{\"10.0.0.5\" \"10.0.0.10\"}", false},   /* last-octet form */
		{"10.0.0.5-255", "{\"10.0.0.5\" \"10.0.0.255\"}", false},
		{"10.0.0.5-+9", "{\"10.0.0.5\" \"10.0.0.9\"}", false},    /* strconv.Atoi sign */
		{"10.0.0.10-5", NULL, false},   /* N must exceed the first's last octet */
		{"10.0.0.5-5", NULL, false},
		{"10.0.0.5-256", NULL, false},
		{"10.0.0.5-10.0.0.4", NULL, false}, /* first after last */
		{"10.0.0.5-10.0.0.5", "{\"10.0.0.5\" \"10.0.0.5\"}", false},
		{"10.0.0.5-10.0.0.9-10.0.0.12", NULL, false},
		{"10.0.0.5", NULL, false},
		{"10.0.0.5-", NULL, false},
		{"-10.0.0.5", NULL, false},
		{"10.0.0.5 - 10.0.0.9", NULL, false},
		{"10.0.0.0/33", NULL, false},
	};
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct netaddr_range r;
		int rc = netaddr_parse_range(cases[i].in, &r);
		if (!cases[i].vic) {
			if (rc != -1)
				fail_msg("\"%s\" should be rejected", cases[i].in);
			continue;
		}
		if (rc != 0)
			fail_msg("\"%s\" should be accepted", cases[i].in);
		char *s = netaddr_range_vic_str(&r);
		assert_string_equal(s, cases[i].vic);
		assert_int_equal(r.cidr_form, cases[i].cidr);
		free(s);
	}
}

static void test_contains(void **state)
{
	struct netaddr_cidr c, c6;
	struct netaddr a;
	(void)state;

	assert_int_equal(netaddr_parse_cidr("10.0.0.5/24", &c), 0);
	assert_int_equal(netaddr_parse_ip("10.0.0.1", &a), 0);
	assert_true(netaddr_cidr_contains(&c, &a));
	assert_int_equal(netaddr_parse_ip("10.0.1.1", &a), 0);
	assert_false(netaddr_cidr_contains(&c, &a));
	assert_int_equal(netaddr_parse_ip("::ffff:10.0.0.9", &a), 0);
	assert_true(netaddr_cidr_contains(&c, &a));
	assert_int_equal(netaddr_parse_ip("fd00::1", &a), 0);
	assert_false(netaddr_cidr_contains(&c, &a));
	assert_int_equal(netaddr_parse_cidr("fd00::5/64", &c6), 0);
	assert_true(netaddr_cidr_contains(&c6, &a));
	assert_int_equal(netaddr_parse_ip("10.0.0.1", &a), 0);
	assert_false(netaddr_cidr_contains(&c6, &a));
}

static void test_overlap(void **state)
{
	struct netaddr_cidr a, b;
	struct netaddr_range r1, r2, r3, r4;
	(void)state;

	assert_int_equal(netaddr_parse_cidr("172.16.0.0/12", &a), 0);
	assert_int_equal(netaddr_parse_cidr("172.20.1.5/24", &b), 0);
	assert_true(netaddr_cidr_overlap(&a, &b));
	assert_int_equal(netaddr_parse_cidr("172.32.0.1/16", &b), 0);
	assert_false(netaddr_cidr_overlap(&a, &b));

	/* vic detects overlaps only between ranges written the same way */
	assert_int_equal(netaddr_parse_range("10.3.1.0/24", &r1), 0);
	assert_int_equal(netaddr_parse_range("10.3.1.128/25", &r2), 0);
	assert_int_equal(netaddr_parse_range("10.3.1.10-10.3.1.20", &r3), 0);
	assert_int_equal(netaddr_parse_range("10.3.1.15-30", &r4), 0);
	assert_true(netaddr_range_overlap_vic(&r2, &r1));
	assert_true(netaddr_range_overlap_vic(&r4, &r3));
	assert_true(netaddr_range_overlap(&r1, &r3));
	assert_false(netaddr_range_overlap_vic(&r3, &r1));
	assert_false(netaddr_range_overlap_vic(&r1, &r3));
	assert_int_equal(netaddr_parse_range("10.3.1.21-30", &r4), 0);
	assert_false(netaddr_range_overlap(&r3, &r4));
	assert_false(netaddr_range_overlap_vic(&r4, &r3));

	assert_int_equal(netaddr_parse_cidr("10.3.0.1/16", &a), 0);
	assert_true(netaddr_range_in_cidr(&r1, &a));
	assert_int_equal(netaddr_parse_range("10.4.0.1-10.4.0.5", &r1), 0);
	assert_false(netaddr_range_in_cidr(&r1, &a));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_ip),
		cmocka_unit_test(test_parse_cidr),
		cmocka_unit_test(test_parse_range),
		cmocka_unit_test(test_contains),
		cmocka_unit_test(test_overlap),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
