/* inv_vch: recognising a VCH endpoint VM and reading its networks from the few
 * extraConfig keys vic-machine 1.5 writes (see the VCH extraConfig sample in the
 * project's notes):
 *
 *   guestinfo.vice./init/common/id        the VM's own reference ("VirtualMachine:vm-55")
 *   init/common/name                      the VCH name
 *   guestinfo.vice./init/networks|bridge/network/Common/id   the bridge port group
 *   guestinfo.vice./network/bridge-ip-range/IP, /Mask        the bridge range
 *   guestinfo.vice./init/networks|ROLE/ip/IP, /ip/Mask, /network/Common/id,
 *     /network/gateway/IP                  public, client, management
 *   guestinfo.vice./network/container_networks               "bridge|routable"
 *   guestinfo.vice./network/container_networks|ALIAS/Common/id, /gateway/IP,
 *     /gateway/Mask, /pools|N/first, /pools|N/last
 *
 * Addresses are base64 of the raw bytes: 16 bytes (IPv4-mapped IPv6) for interface
 * addresses and gateways, 4 bytes for ranges, masks and pools. Port group ids are
 * "Type:value"; the model keeps the value. Everything here works on strings the
 * fetch collected (vm->ec); nothing is trusted beyond being text. */
#include <stdlib.h>
#include <string.h>

#include <arpa/inet.h>
#include <openssl/evp.h>

#include "inv.h"
#include "mem.h"

#define VICE "guestinfo.vice./"
#define K_ID VICE "init/common/id"
#define K_NAME "init/common/name"
#define K_BRIDGE VICE "init/networks|bridge/network/Common/id"
#define K_BRIDGE2 VICE "network/container_networks|bridge/Common/id"
#define K_RANGE_IP VICE "network/bridge-ip-range/IP"
#define K_RANGE_MASK VICE "network/bridge-ip-range/Mask"
#define K_CNETS VICE "network/container_networks"
#define ROLE_KEYS(r)                                                          \
	VICE "init/networks|" r "/ip/IP", VICE "init/networks|" r "/ip/Mask", \
	VICE "init/networks|" r "/network/Common/id",                         \
	VICE "init/networks|" r "/network/gateway/IP"

const char *const inv_vch_keys[] = {
	K_ID, K_NAME, K_BRIDGE, K_BRIDGE2, K_RANGE_IP, K_RANGE_MASK, K_CNETS,
	ROLE_KEYS("public"), ROLE_KEYS("client"), ROLE_KEYS("management"), NULL,
};

/* vic-machine takes one range per container network; a few more are read in case */
#define POOLS 4

struct strv inv_vch_net_keys(const char *alias)
{
	struct strv k = {0};
	strv_push_owned(&k, xasprintf(K_CNETS "|%s/Common/id", alias));
	strv_push_owned(&k, xasprintf(K_CNETS "|%s/gateway/IP", alias));
	strv_push_owned(&k, xasprintf(K_CNETS "|%s/gateway/Mask", alias));
	for (int i = 0; i < POOLS; i++) {
		strv_push_owned(&k, xasprintf(K_CNETS "|%s/pools|%d/first", alias, i));
		strv_push_owned(&k, xasprintf(K_CNETS "|%s/pools|%d/last", alias, i));
	}
	return k;
}

/* The last value collected for key (the simulator can repeat a key: the last one is
 * live), or NULL. */
static const char *ec_get(const struct inv_vm *vm, const char *key)
{
	const char *v = NULL;
	for (size_t i = 0; i + 1 < vm->ec.n; i += 2)
		if (strcmp(vm->ec.v[i], key) == 0)
			v = vm->ec.v[i + 1];
	return v && *v ? v : NULL;
}

void inv_vch_aliases(const struct inv_vm *vm, struct strv *out)
{
	const char *list = ec_get(vm, K_CNETS);
	if (!list)
		return;
	const char *bridge_alias = "bridge";
	for (const char *s = list; *s;) {
		size_t n = strcspn(s, "|");
		if (n && !(n == strlen(bridge_alias) && strncmp(s, bridge_alias, n) == 0)) {
			char *a = xstrndup(s, n);
			if (!strv_contains(out, a))
				strv_push(out, a);
			free(a);
		}
		s += n;
		if (*s)
			s++;
	}
}

/* base64 to bytes; -1 when not base64 or longer than 16 bytes */
static int b64(const char *s, unsigned char out[16])
{
	size_t len = s ? strlen(s) : 0;
	if (len == 0 || len % 4 || len > 24)
		return -1;
	unsigned char buf[24];
	int n = EVP_DecodeBlock(buf, (const unsigned char *)s, (int)len);
	if (n < 0)
		return -1;
	/* EVP_DecodeBlock counts the padding as zero bytes */
	n -= (s[len - 1] == '=') + (s[len - 2] == '=');
	if (n > 16)
		return -1;
	memcpy(out, buf, (size_t)n);
	return n;
}

/* An IPv4 address (4 bytes, or 16 IPv4-mapped) as text; NULL for anything else and
 * for 0.0.0.0 (no address). */
static char *ip_text(const char *v)
{
	unsigned char b[16];
	int n = b64(v, b);
	const unsigned char *a;
	static const unsigned char mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
	if (n == 4)
		a = b;
	else if (n == 16 && memcmp(b, mapped, 12) == 0)
		a = b + 12;
	else
		return NULL;
	if (!a[0] && !a[1] && !a[2] && !a[3])
		return NULL;
	char buf[INET_ADDRSTRLEN];
	if (!inet_ntop(AF_INET, a, buf, sizeof buf))
		return NULL;
	return xstrdup(buf);
}

/* A netmask's prefix length; -1 when not a contiguous mask */
static int mask_len(const char *v)
{
	unsigned char b[16];
	int n = b64(v, b);
	if (n != 4 && n != 16)
		return -1;
	const unsigned char *a = n == 16 ? b + 12 : b;
	unsigned long m = ((unsigned long)a[0] << 24) | ((unsigned long)a[1] << 16) |
			  ((unsigned long)a[2] << 8) | a[3];
	int len = 0;
	while (len < 32 && (m & (0x80000000ul >> len)))
		len++;
	if (len < 32 && (m & (0xfffffffful >> len)))
		return -1;
	return len;
}

static char *with_prefix(const char *ipv, const char *maskv)
{
	char *ip = ip_text(ipv);
	int len = mask_len(maskv);
	if (!ip || len < 0)
		return ip;
	char *s = xasprintf("%s/%d", ip, len);
	free(ip);
	return s;
}

/* "DistributedVirtualPortgroup:dvportgroup-13" -> "dvportgroup-13" */
static char *pg_id(const char *v)
{
	if (!v)
		return NULL;
	const char *c = strchr(v, ':');
	return xstrdup(c && c[1] ? c + 1 : v);
}

static void role(struct inv_vm *vm, struct inv_vch_role *r, const char *name)
{
	char *k_ip = xasprintf(VICE "init/networks|%s/ip/IP", name);
	char *k_mask = xasprintf(VICE "init/networks|%s/ip/Mask", name);
	char *k_pg = xasprintf(VICE "init/networks|%s/network/Common/id", name);
	char *k_gw = xasprintf(VICE "init/networks|%s/network/gateway/IP", name);
	r->ip = with_prefix(ec_get(vm, k_ip), ec_get(vm, k_mask));
	r->port_group = pg_id(ec_get(vm, k_pg));
	r->gateway = ip_text(ec_get(vm, k_gw));
	free(k_ip);
	free(k_mask);
	free(k_pg);
	free(k_gw);
}

bool inv_vch_is_endpoint(const struct inv_vm *vm)
{
	const char *id = ec_get(vm, K_ID);
	char *own = xasprintf("%s:%s", vm->o.type ? vm->o.type : "VirtualMachine", vm->o.id);
	bool is_vch = id && strcmp(id, own) == 0;
	free(own);
	return is_vch;
}

void inv_vch_decode(struct inv_vm *vm)
{
	if (inv_vch_is_endpoint(vm)) {
		struct inv_vch *v = xcalloc(1, sizeof *v);
		const char *name = ec_get(vm, K_NAME);
		v->name = xstrdup(name ? name : vm->o.name);
		const char *br = ec_get(vm, K_BRIDGE);
		v->bridge = pg_id(br ? br : ec_get(vm, K_BRIDGE2));
		char *range = ip_text(ec_get(vm, K_RANGE_IP));
		int len = mask_len(ec_get(vm, K_RANGE_MASK));
		if (range && len >= 0)
			v->bridge_range = xasprintf("%s/%d", range, len);
		free(range);
		static const char *const roles[INV_VCH_ROLES] = {"public", "client", "management"};
		for (int i = 0; i < INV_VCH_ROLES; i++)
			role(vm, &v->roles[i], roles[i]);
		struct strv aliases = {0};
		inv_vch_aliases(vm, &aliases);
		for (size_t i = 0; i < aliases.n; i++) {
			struct strv k = inv_vch_net_keys(aliases.v[i]);
			struct inv_vch_net *n = inv_vch_add_net(v);
			n->alias = xstrdup(aliases.v[i]);
			n->port_group = pg_id(ec_get(vm, k.v[0]));
			n->gateway = with_prefix(ec_get(vm, k.v[1]), ec_get(vm, k.v[2]));
			for (int p = 0; p < POOLS; p++) {
				char *a = ip_text(ec_get(vm, k.v[3 + 2 * p]));
				char *b = ip_text(ec_get(vm, k.v[4 + 2 * p]));
				if (a && b)
					strv_push_owned(&n->pools, xasprintf("%s-%s", a, b));
				free(a);
				free(b);
			}
			strv_free(&k);
		}
		strv_free(&aliases);
		vm->vch = v;
	}
	strv_free(&vm->ec);
}
