/* Unit tests of reading a VCH endpoint VM's extraConfig (inv_vch.c): the base64 of raw
 * address bytes as vic-machine 1.5 writes it (values taken from the extraConfig sample
 * in the project's spec), what is refused (not base64, wrong lengths, a real IPv6
 * address, 0.0.0.0, a mask that is not contiguous), port group references, container
 * network pools, and telling an endpoint VM from any other VM. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "inv.h"
#include "invbuild.h"
#include "mem.h"

#define VICE "guestinfo.vice./"
#define PUB_IP VICE "init/networks|public/ip/IP"
#define PUB_MASK VICE "init/networks|public/ip/Mask"
#define PUB_GW VICE "init/networks|public/network/gateway/IP"
#define PUB_PG VICE "init/networks|public/network/Common/id"
#define RANGE_IP VICE "network/bridge-ip-range/IP"
#define RANGE_MASK VICE "network/bridge-ip-range/Mask"

/* An endpoint VM vm-55 of VCH vch-existing, with the key/value pairs given
 * (NULL-terminated), decoded. The inventory is the caller's. */
static struct inv *decoded(const char *const *kv, struct inv_vm **out)
{
	struct inv *inv = ib_new("VirtualCenter");
	struct inv_vm *vm = ib_vm(inv, "vm-55", "vch-existing", "resgroup-v1", NULL, NULL);
	ib_ec(vm, VICE "init/common/id", "VirtualMachine:vm-55");
	ib_ec(vm, "init/common/name", "vch-existing");
	for (size_t i = 0; kv && kv[i]; i += 2)
		ib_ec(vm, kv[i], kv[i + 1]);
	inv_vch_decode(vm);
	*out = vm;
	return inv;
}

static void test_sample_values(void **state)
{
	(void)state;
	static const char *const kv[] = {
		PUB_IP, "AAAAAAAAAAAAAP//CgAABQ==", PUB_MASK, "////AA==",
		PUB_GW, "AAAAAAAAAAAAAP//CgAAAQ==",
		PUB_PG, "DistributedVirtualPortgroup:dvportgroup-15",
		VICE "init/networks|bridge/network/Common/id", "DistributedVirtualPortgroup:dvportgroup-13",
		RANGE_IP, "rBQAAA==", RANGE_MASK, "//8AAA==",
		VICE "network/container_networks", "bridge|routable",
		VICE "network/container_networks|routable/Common/id",
		"DistributedVirtualPortgroup:dvportgroup-17",
		VICE "network/container_networks|routable/gateway/IP", "AAAAAAAAAAAAAP//CgMAAQ==",
		VICE "network/container_networks|routable/gateway/Mask", "//8AAA==",
		VICE "network/container_networks|routable/pools|0/first", "CgMBAA==",
		VICE "network/container_networks|routable/pools|0/last", "CgMB/w==",
		NULL};
	struct inv_vm *vm;
	struct inv *inv = decoded(kv, &vm);
	assert_non_null(vm->vch);
	const struct inv_vch *v = vm->vch;
	assert_string_equal(v->name, "vch-existing");
	assert_string_equal(v->bridge, "dvportgroup-13");
	assert_string_equal(v->bridge_range, "172.20.0.0/16");
	assert_string_equal(v->roles[INV_VCH_PUBLIC].ip, "10.0.0.5/24");
	assert_string_equal(v->roles[INV_VCH_PUBLIC].gateway, "10.0.0.1");
	assert_string_equal(v->roles[INV_VCH_PUBLIC].port_group, "dvportgroup-15");
	assert_null(v->roles[INV_VCH_CLIENT].ip);
	assert_int_equal(v->n_nets, 1);
	assert_string_equal(v->nets[0].alias, "routable");
	assert_string_equal(v->nets[0].port_group, "dvportgroup-17");
	assert_string_equal(v->nets[0].gateway, "10.3.0.1/16");
	assert_int_equal(v->nets[0].pools.n, 1);
	assert_string_equal(v->nets[0].pools.v[0], "10.3.1.0-10.3.1.255");
	assert_int_equal(vm->ec.n, 0); /* the collected values are dropped once read */
	inv_free(inv);
}

/* One public address value and mask: what the role's ip becomes (NULL: none). */
static void one_ip(const char *ip, const char *mask, const char *want)
{
	const char *kv[] = {PUB_IP, ip, mask ? PUB_MASK : NULL, mask, NULL};
	struct inv_vm *vm;
	struct inv *inv = decoded(kv, &vm);
	assert_non_null(vm->vch);
	const char *got = vm->vch->roles[INV_VCH_PUBLIC].ip;
	if (!want && got)
		fail_msg("%s / %s read as %s, want nothing", ip, mask ? mask : "-", got);
	if (want && (!got || strcmp(got, want) != 0))
		fail_msg("%s / %s read as %s, want %s", ip, mask ? mask : "-", got ? got : "nothing",
			 want);
	inv_free(inv);
}

static void test_lengths_and_padding(void **state)
{
	(void)state;
	one_ip("CgAABQ==", "////AA==", "10.0.0.5/24");                 /* 4 bytes */
	one_ip("AAAAAAAAAAAAAP//CgAABQ==", "AAAAAAAAAAAAAP//////AA==",  /* 16 and 16 */
	       "10.0.0.5/24");
	one_ip("CgAABQ==", NULL, "10.0.0.5");                         /* no mask: no prefix */
	one_ip("CgAABQAB", "////AA==", NULL);                          /* 6 bytes */
	one_ip("CgAABQA=", "////AA==", NULL);                          /* 5 bytes, one '=' */
	one_ip("CgAABQ", "////AA==", NULL);                            /* padding left out */
	one_ip("CgAABQ=", "////AA==", NULL);                           /* not a multiple of 4 */
	one_ip("CgAABQAAAAAAAAAAAAAAAAAAAAAA", "////AA==", NULL);      /* 21 bytes */
	one_ip("AAAAAAAAAAAAAAAAAAAAAAAA", "////AA==", NULL);          /* 18 bytes */
	one_ip("IAENuAAAAAAAAAAAAAAABQ==", "////AA==", NULL);          /* 2001:db8::5 */
	one_ip("AAAAAAAAAAAAAP//AAAAAA==", "////AA==", NULL);          /* 0.0.0.0: none */
	one_ip("AAAAAA==", NULL, NULL);
}

static void test_not_base64(void **state)
{
	(void)state;
	one_ip("Cg@ABQ==", "////AA==", NULL);
	one_ip("CgAA BQ=", "////AA==", NULL);
	one_ip("10.0.0.5", "////AA==", NULL);
	one_ip("<nil>", "////AA==", NULL);
	one_ip("====", "////AA==", NULL);
	one_ip("", "////AA==", NULL);
	one_ip("CgAABQ==", "not a mask", "10.0.0.5"); /* a bad mask loses the prefix only */
}

static void test_masks(void **state)
{
	(void)state;
	one_ip("CgAABQ==", "/////w==", "10.0.0.5/32");
	one_ip("CgAABQ==", "AAAAAA==", "10.0.0.5/0");
	one_ip("CgAABQ==", "gAAAAA==", "10.0.0.5/1");
	one_ip("CgAABQ==", "/wD/AA==", "10.0.0.5");  /* 255.0.255.0: not contiguous */
	one_ip("CgAABQ==", "AP//AA==", "10.0.0.5");  /* 0.255.255.0 */
	one_ip("CgAABQ==", "////AQ==", "10.0.0.5");  /* 255.255.255.1 */
	/* the helper the other tests build VCHs with writes what is read back */
	char *a = ib_b64_ip4("10.0.0.5", false), *m = ib_b64_ip4("255.255.255.0", false);
	assert_string_equal(a, "CgAABQ==");
	assert_string_equal(m, "////AA==");
	free(a);
	free(m);
	a = ib_b64_ip4("10.0.0.5", true);
	assert_string_equal(a, "AAAAAAAAAAAAAP//CgAABQ==");
	free(a);
}

static void test_bridge_range_and_pools(void **state)
{
	(void)state;
	static const char *const kv[] = {
		/* only the second bridge key: still the bridge */
		VICE "network/container_networks|bridge/Common/id",
		"DistributedVirtualPortgroup:dvportgroup-13",
		RANGE_IP, "rBQAAA==", RANGE_MASK, "/wD/AA==",  /* not contiguous: no range */
		VICE "network/container_networks", "bridge|a|b|a|",
		VICE "network/container_networks|a/Common/id", "Network:network-7",
		VICE "network/container_networks|a/pools|0/first", "CgMBAA==",
		VICE "network/container_networks|a/pools|0/last", "CgMB/w==",
		VICE "network/container_networks|a/pools|1/first", "CgMCAA==",
		VICE "network/container_networks|a/pools|1/last", "bogus",       /* dropped */
		VICE "network/container_networks|a/pools|2/first", "CgMDAA==",
		VICE "network/container_networks|a/pools|2/last", "CgMDCg==",
		VICE "network/container_networks|b/Common/id", "dvportgroup-18", /* no type */
		NULL};
	struct inv_vm *vm;
	struct inv *inv = decoded(kv, &vm);
	const struct inv_vch *v = vm->vch;
	assert_non_null(v);
	assert_string_equal(v->bridge, "dvportgroup-13");
	assert_null(v->bridge_range);
	assert_int_equal(v->n_nets, 2);
	assert_string_equal(v->nets[0].alias, "a");
	assert_string_equal(v->nets[0].port_group, "network-7");
	assert_null(v->nets[0].gateway);
	assert_int_equal(v->nets[0].pools.n, 2);
	assert_string_equal(v->nets[0].pools.v[0], "10.3.1.0-10.3.1.255");
	assert_string_equal(v->nets[0].pools.v[1], "10.3.3.0-10.3.3.10");
	assert_string_equal(v->nets[1].alias, "b");
	assert_string_equal(v->nets[1].port_group, "dvportgroup-18");
	assert_int_equal(v->nets[1].pools.n, 0);
	inv_free(inv);
}

static void test_endpoint_recognised(void **state)
{
	(void)state;
	struct inv *inv = ib_new("VirtualCenter");
	/* a container VM carries its VCH's id: not an endpoint itself */
	struct inv_vm *vm = ib_vm(inv, "vm-60", "c1", "resgroup-v1", NULL, NULL);
	ib_ec(vm, VICE "init/common/id", "VirtualMachine:vm-55");
	ib_ec(vm, "init/common/name", "vch-existing");
	assert_false(inv_vch_is_endpoint(vm));
	inv_vch_decode(vm);
	assert_null(vm->vch);
	assert_int_equal(vm->ec.n, 0);
	/* a repeated key: the last value is the live one */
	vm = ib_vm(inv, "vm-61", "v", NULL, NULL, NULL);
	ib_ec(vm, VICE "init/common/id", "VirtualMachine:vm-1");
	ib_ec(vm, VICE "init/common/id", "VirtualMachine:vm-61");
	ib_ec(vm, PUB_IP, "CgAABQ==");
	ib_ec(vm, PUB_IP, "CgAABg==");
	assert_true(inv_vch_is_endpoint(vm));
	inv_vch_decode(vm);
	assert_non_null(vm->vch);
	assert_string_equal(vm->vch->name, "v"); /* no init/common/name: the VM's name */
	assert_string_equal(vm->vch->roles[INV_VCH_PUBLIC].ip, "10.0.0.6");
	/* no id at all */
	vm = ib_vm(inv, "vm-62", "plain", NULL, NULL, NULL);
	ib_ec(vm, PUB_IP, "CgAABQ==");
	inv_vch_decode(vm);
	assert_null(vm->vch);
	inv_free(inv);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sample_values),
		cmocka_unit_test(test_lengths_and_padding),
		cmocka_unit_test(test_not_base64),
		cmocka_unit_test(test_masks),
		cmocka_unit_test(test_bridge_range_and_pools),
		cmocka_unit_test(test_endpoint_recognised),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
