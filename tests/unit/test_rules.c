/* rules: the offline rules engine against the cases of doc/vic-networking.md section 10
 * (and the rules of its sections 3 and 4), message by message. Plans are built in C
 * (planbuild.c) so that only the engine is under test. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "effective.h"
#include "findings.h"
#include "mem.h"
#include "planbuild.h"
#include "rules.h"

#define S(...) ((const char *const[]){__VA_ARGS__, NULL})
#define E FINDING_ERROR
#define W FINDING_WARNING

struct rcase {
	const char *name;             /* spec reference and what it shows */
	const char *const *set;       /* settings on the base plan */
	enum finding_severity sev;
	const char *code;             /* NULL: the plan must have no error at all */
	const char *path;             /* expected key path (NULL: not checked) */
	const char *message;          /* exact text (NULL: not checked) */
	int count;                    /* findings with this code (0: at least one) */
	const char *also;             /* another code that must be present, or NULL */
	const char *absent;           /* a code that must not be present, or NULL */
};

/* Cases of doc/vic-networking.md section 10 not here: 10.21 (companions naming an alias)
 * cannot be written in a plan, whose companions hang off their container network and
 * render keyed by port group;
 * 10.27-10.31 need vCenter (pre-checks, firewall); 10.33's thumbprint case and 10.34's
 * rendering defects are in test_render.c; 10.1-10.3 and 10.14 in test_effective below. */
/* Not const: each case is its cmocka test's state (a void *). */
static struct rcase cases[] = {
	/* 10.1: no networking beyond the required port groups */
	{"10.1 defaults: DHCP everywhere, no error", S("vic.version=1.2"), E, NULL, NULL, NULL, 0, NULL, NULL},
	{"required: metadata.name", S("metadata.name=~"), E, "name-missing", "metadata.name",
	 "the VCH name (metadata.name) is required", 1, NULL, NULL},
	{"required: bridge port group", S("networks.bridge.portGroup=~"), E, "bridge-missing",
	 "networks.bridge.portGroup", "networks.bridge.portGroup is required: vic-machine would accept the plan and look for a port group named after the VCH (\"vch-01\"), but vchnet wants the plan to name the bridge so that a reviewer sees it", 1, NULL, NULL},
	{"required: public port group", S("networks.public.portGroup=~"), E, "public-missing",
	 "networks.public.portGroup", "networks.public.portGroup is required: vic-machine would accept the plan and use \"VM Network\", but vchnet wants the plan to name the public port group so that a reviewer sees it", 1, NULL, NULL},
	{"target details missing are warnings offline", S("target.datacenter=~", "target.imageStore=~", "target.computeResource=~"),
	 W, "target-missing", "target.datacenter",
	 "target.datacenter is missing; render, deploy and the live checks need it", 3, NULL, NULL},
	{"target.username missing is a warning", S("target.username=~"), W, "target-user-missing",
	 "target.username", NULL, 1, NULL, NULL},
	/* 10.4: four distinct port groups */
	{"10.4 four NICs rejected below 1.3", S("vic.version=1.2", "networks.client.portGroup=Client", "networks.management.portGroup=Mgmt"),
	 E, "nic-limit", "networks",
	 "Four different networks including bridge network are not allowed at this time. At least two network roles of client network, management network and public network should share same network (the rule of vic-machine 1.2, which vic.version names; vic-machine 1.3 and later would accept the plan)",
	 1, NULL, NULL},
	{"10.4 four NICs accepted from 1.3", S("vic.version=1.3", "networks.client.portGroup=Client", "networks.management.portGroup=Mgmt"),
	 E, NULL, NULL, NULL, 0, NULL, "nic-limit"},
	{"10.4 four NICs rejected with 1.2.1", S("vic.version=1.2.1", "networks.client.portGroup=Client", "networks.management.portGroup=Mgmt"),
	 E, "nic-limit", NULL, NULL, 1, NULL, NULL},
	{"unparsable VIC version", S("vic.version=latest"), E, "vic-version", "vic.version",
	 "vic.version \"latest\" is not a version (MAJOR.MINOR or MAJOR.MINOR.PATCH): the NIC limit depends on it", 1, NULL, NULL},
	/* 10.5: bridge equal to public with client/management defaulted: three issues */
	{"10.5 bridge shared with public: once per role", S("networks.bridge.portGroup=VM Network"),
	 E, "bridge-shared", "networks.bridge.portGroup",
	 "the bridge network must not be shared with another network role - public also uses \"VM Network\"",
	 3, NULL, NULL},
	{"10.5 bridge shared with management only", S("networks.management.portGroup=vch-bridge"),
	 E, "bridge-shared", NULL,
	 "the bridge network must not be shared with another network role - management also uses \"vch-bridge\"",
	 1, NULL, NULL},
	/* 10.6: name vs. inventory path: no vic conflict, our warning */
	{"10.6 bridge by name, public by path of the same name", S("networks.bridge.portGroup=vch-bridge", "networks.public.portGroup=/DC0/network/vch-bridge"),
	 W, "portgroup-two-spellings", "networks.bridge.portGroup", NULL, 1, NULL, "bridge-shared"},
	/* 10.7: static IP on a role sharing public's port group */
	{"10.7 client IP on public's port group", S("networks.client.ip=10.0.0.6/24"),
	 E, "static-ip-shares-public", "networks.client.ip",
	 "Static IP on network sharing port group with public network - Configuration ONLY allowed through public network options",
	 1, NULL, "static-ip-propagation"},
	{"10.7 ... and public static too: propagation fails", S("networks.client.ip=10.0.0.6/24", "networks.public.ip=10.0.0.5/24", "networks.public.gateway=10.0.0.1"),
	 E, "static-ip-propagation", NULL,
	 "Failed to configure static IP for additional networks using port group \"VM Network\"",
	 1, "static-ip-shares-public", "static-ip-multiple"},
	{"10.7 even repeating public's IP", S("networks.management.ip=10.0.0.5/24", "networks.public.ip=10.0.0.5/24", "networks.public.gateway=10.0.0.1"),
	 E, "static-ip-shares-public", "networks.management.ip", NULL, 1, NULL, NULL},
	/* 10.8: client and management on one non-public port group, both static */
	{"10.8 two static IPs on one port group", S("vic.version=1.3", "networks.client.portGroup=Internal", "networks.client.ip=10.1.0.5/24", "networks.management.portGroup=Internal", "networks.management.ip=10.1.0.5/24"),
	 E, "static-ip-multiple", "networks.management.ip",
	 "Incorrect static IP configuration for networks on port group \"Internal\"",
	 1, "static-ip-propagation", NULL},
	/* 10.9, 10.10: management gateway and routing destinations */
	{"10.9 management static, no gateway: fine", S("networks.management.portGroup=Mgmt", "networks.management.ip=10.4.0.5/24"),
	 E, NULL, NULL, NULL, 0, NULL, NULL},
	{"10.9 management gateway without routes", S("networks.management.portGroup=Mgmt", "networks.management.ip=10.4.0.5/24", "networks.management.gateway=10.4.0.1"),
	 E, "gateway-without-routes", "networks.management.gateway",
	 "management network gateway specified without at least one routing destination", 1, NULL, NULL},
	{"10.10 ':10.0.3.1' (empty destination list)", S("networks.management.portGroup=Mgmt", "networks.management.ip=10.0.3.5/24", "networks.management.gateway=:10.0.3.1"),
	 E, "gateway-without-routes", NULL,
	 "management network gateway specified without at least one routing destination", 1, NULL, "role-gateway-syntax"},
	{"2.3 client gateway on public's port group needs no routes", S("networks.public.ip=10.0.0.5/24", "networks.public.gateway=10.0.0.1"),
	 E, NULL, NULL, NULL, 0, NULL, "gateway-without-routes"},
	{"2.3 client gateway with routes on its own port group", S("networks.client.portGroup=Client", "networks.client.ip=10.1.0.5/24", "networks.client.gateway=10.1.0.1", "networks.client.routes=10.2.0.0/16|10.7.0.0/16"),
	 E, NULL, NULL, NULL, 0, NULL, NULL},
	/* 10.11 */
	{"10.11 gateway outside the IP's subnet", S("networks.client.portGroup=Client", "networks.client.ip=10.0.0.5/24", "networks.client.gateway=10.0.1.1", "networks.client.routes=10.2.0.0/16"),
	 E, "role-gateway-unreachable", "networks.client.gateway",
	 "client gateway with IP 10.0.1.1 is not reachable from 10.0.0.0/24", 1, NULL, NULL},
	{"10.11 gateway without IP", S("networks.client.portGroup=Client", "networks.client.gateway=10.1.0.1", "networks.client.routes=10.2.0.0/16"),
	 E, "role-gateway-without-ip", "networks.client.gateway",
	 "Gateway provided without static IP for client network", 1, NULL, NULL},
	/* 10.12 */
	{"10.12 IP without prefix", S("networks.public.ip=10.0.0.5", "networks.public.gateway=10.0.0.1"),
	 E, "role-ip-syntax", "networks.public.ip",
	 "Failed to parse the provided public network IP address 10.0.0.5: invalid CIDR address: 10.0.0.5", 1, NULL, NULL},
	{"10.12 FQDN (the docs say it works; the code refuses)", S("networks.public.ip=vch27-team-a.internal.domain.com", "networks.public.gateway=10.0.0.1"),
	 E, "role-ip-syntax", "networks.public.ip",
	 "Failed to parse the provided public network IP address vch27-team-a.internal.domain.com: invalid CIDR address: vch27-team-a.internal.domain.com", 1, NULL, NULL},
	/* 10.13 */
	{"10.13 public static without gateway", S("networks.public.ip=10.0.0.5/24"),
	 E, "public-gateway-missing", "networks.public.ip",
	 "public network must have both static IP and gateway specified", 1, NULL, NULL},
	{"10.13 public gateway with routes", S("networks.public.ip=10.0.0.5/24", "networks.public.gateway=10.0.0.1", "networks.public.routes=10.9.0.0/16"),
	 E, "public-routes", "networks.public.routes",
	 "public network has the default route and must not have any routing destinations specified for gateway", 1, NULL, NULL},
	{"2.3 propagated client config lands on DHCP public without gateway", S("networks.client.ip=10.0.0.6/24"),
	 E, "public-gateway-missing", "networks.client.ip", NULL, 1, NULL, NULL},
	/* 10.15 */
	{"10.15 four DNS servers: warning only", S("networks.dns=10.0.0.2|10.0.0.3|10.0.0.4|10.0.0.5"),
	 W, "dns-too-many", "networks.dns",
	 "Maximum of 3 DNS servers allowed. Additional servers specified will be ignored.", 1, NULL, NULL},
	{"10.15 invalid DNS server", S("networks.dns=10.0.0.2|10.0.0.300"),
	 E, "dns-syntax", "networks.dns[1]", "Invalid DNS server specified: 10.0.0.300", 1, NULL, NULL},
	/* 10.16 */
	{"10.16 same subnet on two port groups: warning", S("vic.version=1.3", "networks.client.portGroup=Client", "networks.client.ip=10.1.0.5/24", "networks.management.portGroup=Mgmt", "networks.management.ip=10.1.0.6/24"),
	 W, "same-subnet", "networks.client.ip",
	 "Unsupported static IP configuration: Same subnet \"10.1.0.0/24\" is assigned to multiple port groups \"Mgmt\" and \"Client\"",
	 1, NULL, NULL},
	/* 10.17, 10.18 */
	{"10.17 destination list with a space", S("networks.client.portGroup=Client", "networks.client.ip=10.1.0.5/24", "networks.client.gateway=10.1.0.1", "networks.client.routes=10.2.0.0/16| 10.3.0.0/16"),
	 E, "role-gateway-syntax", "networks.client.routes[1]",
	 "Invalid client network gateway: invalid CIDR in gateway specification: invalid CIDR address:  10.3.0.0/16", 1, NULL, NULL},
	{"10.18 IPv6 gateway", S("networks.client.portGroup=Client", "networks.client.ip=fd00::5/64", "networks.client.gateway=fd00::1", "networks.client.routes=fd01::/64"),
	 E, "role-gateway-syntax", "networks.client.gateway",
	 "Invalid client network gateway: gateway fd01::/64:fd00::1 specified incorrectly", 1, NULL, NULL},
	{"1.2 invalid gateway address", S("networks.public.ip=10.0.0.5/24", "networks.public.gateway=10.0.0.300"),
	 E, "role-gateway-syntax", NULL,
	 "Invalid public network gateway: Provided gateway IP address is not valid: 10.0.0.300", 1, NULL, NULL},
	{"routes without a gateway", S("networks.client.portGroup=Client", "networks.client.ip=10.1.0.5/24", "networks.client.routes=10.2.0.0/16"),
	 E, "role-routes-without-gateway", "networks.client.routes", NULL, 1, NULL, NULL},
	/* 10.19 */
	{"10.19 width below the range's prefix", S("vic.version=1.5", "networks.bridge.ipRange=172.16.0.0/12", "networks.bridge.width=8"),
	 E, "bridge-width-prefix", "networks.bridge.width",
	 "Error specifying bridge network width: 8. Width must be larger than prefix of bridge network ip range.", 1, NULL, NULL},
	{"10.19 width 31", S("vic.version=1.5", "networks.bridge.width=31"),
	 E, "bridge-width", "networks.bridge.width",
	 "Error parsing bridge network width: %!s(<nil>). Width must be an integer less than 31.", 1, NULL, NULL},
	{"10.19 width equal to the prefix", S("vic.version=1.5", "networks.bridge.ipRange=172.16.0.0/12", "networks.bridge.width=12"),
	 E, NULL, NULL, NULL, 0, NULL, NULL},
	{"10.19 range without prefix", S("networks.bridge.ipRange=1.1.1.1"),
	 E, "bridge-range-syntax", "networks.bridge.ipRange",
	 "Error parsing bridge network ip range: invalid CIDR address: 1.1.1.1. Range must be in CIDR format, e.g., 172.16.0.0/12", 1, NULL, NULL},
	{"10.19 a /24 range with width 24 (the /16 check is dead code)", S("vic.version=1.5", "networks.bridge.ipRange=10.0.0.0/24", "networks.bridge.width=24"),
	 E, NULL, NULL, NULL, 0, NULL, NULL},
	{"1.1 /17 range with the default width", S("networks.bridge.ipRange=1.1.1.1/17"),
	 E, "bridge-width-prefix", "networks.bridge.ipRange",
	 "Error specifying bridge network width: 16. Width must be larger than prefix of bridge network ip range.", 1, NULL, NULL},
	{"bridge width before VIC 1.5 warns", S("vic.version=1.3", "networks.bridge.width=24", "networks.bridge.ipRange=172.16.0.0/12"),
	 W, "bridge-width-version", "networks.bridge.width", NULL, 1, NULL, NULL},
	/* 10.20 */
	{"10.20 port group with a space, no alias", S("networks.container[0].portGroup=VM Network 2"),
	 E, "container-param", "networks.container[0].alias",
	 "A network alias must be supplied when network name \"VM Network 2\" contains spaces.", 1, NULL, NULL},
	{"10.20 port group with a space, empty alias", S("networks.container[0].portGroup=VM Network With Spaces", "networks.container[0].alias="),
	 E, "container-param", NULL,
	 "A network alias must be supplied when network name \"VM Network With Spaces:\" contains spaces.", 1, NULL, NULL},
	{"10.20 alias with a space", S("networks.container[0].portGroup=pg", "networks.container[0].alias=a b"),
	 E, "container-param", "networks.container[0].alias",
	 "The network alias supplied in \"pg:a b\" cannot contain spaces.", 1, NULL, NULL},
	{"10.20 a:b:c", S("networks.container[0].portGroup=a", "networks.container[0].alias=b:c"),
	 E, "container-param", "networks.container[0].alias", "Invalid value for parameter a:b:c", 1, NULL, NULL},
	{"10.20 :x (no port group)", S("networks.container[0].portGroup=", "networks.container[0].alias=x"),
	 E, "container-portgroup-missing", "networks.container[0].portGroup",
	 "Container network not specified in parameter :x", 1, NULL, NULL},
	/* 10.22 */
	{"10.22 two gateways for one port group", S("networks.container[0].portGroup=pg", "networks.container[0].alias=one", "networks.container[0].gateway=10.3.0.1/16", "networks.container[1].portGroup=pg", "networks.container[1].alias=two", "networks.container[1].gateway=10.3.0.1/16"),
	 E, "container-gateway-duplicate", "networks.container[1].gateway",
	 "Duplicate gateway specified for container network pg", 1, "container-portgroup-duplicate", NULL},
	{"10.22 overlapping CIDR ranges", S("networks.container[0].portGroup=pg", "networks.container[0].gateway=10.3.0.1/16", "networks.container[0].ipRanges=10.3.1.0/24|10.3.1.128/25"),
	 E, "container-ranges-overlap", "networks.container[0].ipRanges[1]",
	 "Overlapping ip ranges: {\"10.3.1.128\" \"10.3.1.255\"} {\"10.3.1.0\" \"10.3.1.255\"}", 1, NULL, NULL},
	{"10.22 overlapping dash ranges", S("networks.container[0].portGroup=pg", "networks.container[0].gateway=10.3.0.1/16", "networks.container[0].ipRanges=10.3.1.10-10.3.1.20|10.3.1.15-30"),
	 E, "container-ranges-overlap", NULL,
	 "Overlapping ip ranges: {\"10.3.1.15\" \"10.3.1.30\"} {\"10.3.1.10\" \"10.3.1.20\"}", 1, NULL, NULL},
	{"5.2 CIDR and dash ranges overlapping: vic misses it, we warn", S("networks.container[0].portGroup=pg", "networks.container[0].gateway=10.3.0.1/16", "networks.container[0].ipRanges=10.3.1.0/24|10.3.1.10-10.3.1.20"),
	 W, "container-ranges-overlap-unseen", "networks.container[0].ipRanges[1]", NULL, 1, NULL, "container-ranges-overlap"},
	{"10.22 range outside the gateway's subnet", S("networks.container[0].portGroup=pg", "networks.container[0].gateway=10.1.0.1/24", "networks.container[0].ipRanges=10.0.0.1-10.0.0.5"),
	 E, "container-range-outside", "networks.container[0].ipRanges[0]",
	 "IP range {\"10.0.0.1\" \"10.0.0.5\"} is not in subnet {\"10.1.0.1\" \"ffffff00\"}", 1, NULL, NULL},
	{"10.22 range without gateway", S("networks.container[0].portGroup=pg", "networks.container[0].alias=routable", "networks.container[0].ipRanges=10.3.1.0/24"),
	 E, "container-range-without-gateway", "networks.container[0].ipRanges",
	 "IP range specified without gateway for container network \"routable\"", 1, NULL, NULL},
	{"10.22 gateway = network address", S("networks.container[0].portGroup=pg", "networks.container[0].gateway=192.168.100.0/24"),
	 E, "container-gateway-unroutable", "networks.container[0].gateway",
	 "Gateway 192.168.100.0 is not a routable address", 1, NULL, NULL},
	{"10.22 gateway = broadcast address", S("networks.container[0].portGroup=pg", "networks.container[0].gateway=192.168.100.255/24"),
	 E, "container-gateway-unroutable", NULL, "Gateway 192.168.100.255 is not a routable address", 1, NULL, NULL},
	{"5.2 a /31 gateway is never routable", S("networks.container[0].portGroup=pg", "networks.container[0].gateway=10.0.0.1/31"),
	 E, "container-gateway-unroutable", NULL, "Gateway 10.0.0.1 is not a routable address", 1, NULL, NULL},
	{"5.2 gateway without ranges: the subnet is the pool", S("networks.container[0].portGroup=pg", "networks.container[0].gateway=10.3.0.1/16"),
	 E, NULL, NULL, NULL, 0, NULL, NULL},
	{"1.4 gateway without prefix", S("networks.container[0].portGroup=pg", "networks.container[0].gateway=10.3.0.1"),
	 E, "container-gateway-syntax", "networks.container[0].gateway",
	 "Error parsing container network parameter pg:10.3.0.1: invalid CIDR address: 10.3.0.1", 1, NULL, NULL},
	{"1.4 IPv6 container gateway", S("networks.container[0].portGroup=pg", "networks.container[0].gateway=fd00::1/64"),
	 E, "container-gateway-syntax", NULL,
	 "Error parsing container network parameter pg:fd00::1/64: Invalid value for parameter pg:fd00::1/64", 1, NULL, NULL},
	/* 10.23 */
	{"10.23 last-octet and CIDR forms", S("networks.container[0].portGroup=pg", "networks.container[0].gateway=10.0.0.1/24", "networks.container[0].ipRanges=10.0.0.5-10|10.0.0.128/26"),
	 E, NULL, NULL, NULL, 0, NULL, NULL},
	{"10.23 last octet below the first", S("networks.container[0].portGroup=pg", "networks.container[0].gateway=10.0.0.1/24", "networks.container[0].ipRanges=10.0.0.10-5"),
	 E, "container-range-syntax", "networks.container[0].ipRanges[0]",
	 "Error parsing container network parameter pg:10.0.0.10-5: parse error: 10.0.0.10-5", 1, NULL, NULL},
	/* 10.24 */
	{"10.24 firewall OPEN (any case)", S("networks.container[0].portGroup=pg", "networks.container[0].firewall=OPEN"),
	 E, NULL, NULL, NULL, 0, NULL, NULL},
	{"10.24 firewall empty (unspecified)", S("networks.container[0].portGroup=pg", "networks.container[0].firewall="),
	 E, NULL, NULL, NULL, 0, NULL, NULL},
	{"10.24 firewall public", S("networks.container[0].portGroup=pg", "networks.container[0].firewall=public"),
	 E, "container-firewall", "networks.container[0].firewall",
	 "Unrecognized container trust level public.", 1, NULL, NULL},
	/* 10.25 */
	{"10.25 empty container DNS", S("networks.container[0].portGroup=pg", "networks.container[0].dns="),
	 E, NULL, NULL, NULL, 0, NULL, NULL},
	{"10.25 empty container DNS entry", S("networks.container[0].portGroup=pg", "networks.container[0].dns=10.0.0.2|"),
	 E, "container-dns-empty", "networks.container[0].dns[1]",
	 "DNS IP not specified for container network pg", 1, NULL, NULL},
	{"1.4 invalid container DNS", S("networks.container[0].portGroup=pg", "networks.container[0].dns=8.8.8"),
	 E, "container-dns-syntax", "networks.container[0].dns[0]",
	 "Error parsing container network parameter pg:8.8.8: invalid IP address: 8.8.8", 1, NULL, NULL},
	/* 10.26 */
	{"10.26 container alias bridge", S("networks.container[0].portGroup=pg", "networks.container[0].alias=bridge"),
	 E, "container-alias-reserved", "networks.container[0].alias",
	 "Cannot use reserved name \"bridge\" for container network", 1, NULL, NULL},
	{"10.26 container port group = bridge", S("networks.container[0].portGroup=vch-bridge", "networks.container[0].alias=x"),
	 E, "bridge-shared-container", "networks.container[0].portGroup",
	 "the bridge network must not be shared with another network role - \"vch-bridge\" also mapped as container network \"x\"", 1, NULL, NULL},
	{"10.26 container port group = public: allowed", S("networks.container[0].portGroup=VM Network", "networks.container[0].alias=public-direct"),
	 E, NULL, NULL, NULL, 0, NULL, NULL},
	{"duplicate alias", S("networks.container[0].portGroup=a", "networks.container[0].alias=x", "networks.container[1].portGroup=b", "networks.container[1].alias=x"),
	 E, "container-alias-duplicate", "networks.container[1].alias", NULL, 1, NULL, NULL},
	{"peers without a range", S("networks.container[0].portGroup=pg", "networks.container[0].firewall=peers"),
	 W, "container-peers-without-range", NULL, "firewall \"peers\" without an IP range behaves like \"open\"", 1, NULL, NULL},
	/* 10.32 */
	{"10.32 proxy without scheme", S("proxy.http=proxy:3128"),
	 E, "proxy-url", "proxy.http",
	 "Could not parse HTTP(S) proxy - expected format http(s)://fqnd_or_ip:port: proxy:3128", 1, NULL, NULL},
	{"10.32 ftp proxy", S("proxy.https=ftp://x"),
	 E, "proxy-url", "proxy.https",
	 "Could not parse HTTP(S) proxy - expected format http(s)://fqnd_or_ip:port: ftp://x", 1, NULL, NULL},
	{"10.32 https://h:443 and an IPv6 proxy", S("proxy.https=https://h:443", "proxy.http=http://[2001:DB8:0123::]"),
	 E, NULL, NULL, NULL, 0, NULL, NULL},
	{"1.5 proxy 'localhost' and 'example.com:80'", S("proxy.http=localhost", "proxy.https=example.com:80"),
	 E, "proxy-url", NULL, "Could not parse HTTP(S) proxy - expected format http(s)://fqnd_or_ip:port: localhost", 2, NULL, NULL},
	{"1.5 url.Parse's own error", S("proxy.http=1.2.3.4:3128"),
	 E, "proxy-url", NULL, "parse \"1.2.3.4:3128\": first path segment in URL cannot contain colon", 1, NULL, NULL},
	{"1.5 bad port", S("proxy.http=http://proxy:31a8"),
	 E, "proxy-url", NULL, "parse \"http://proxy:31a8\": invalid port \":31a8\" after host", 1, NULL, NULL},
	{"1.5 no-proxy entries", S("proxy.noProxy=localhost| .example.com |10.0.0.0/8"),
	 E, NULL, NULL, NULL, 0, NULL, NULL},
	/* 5.3 name */
	{"5.3 unsupported character in the name", S("metadata.name=vch#1"),
	 E, "name-chars", "metadata.name",
	 "--name contains unsupported characters: unsupported character \"#\" in \"vch#1\" Allowed characters are alphanumeric, space and symbols - _ ( )", 1, NULL, NULL},
	{"5.3 name of 32 characters", S("metadata.name=vch-0123456789012345678901234567"),
	 E, "name-length", "metadata.name",
	 "Display name vch-0123456789012345678901234567 exceeds the permitted 31 characters limit. Please use a shorter -name parameter", 1, NULL, NULL},
	{"5.3 name with spaces and ( )", S("metadata.name=VCH (test) 1_a"), E, NULL, NULL, NULL, 0, NULL, NULL},
	/* 1.6 TLS */
	{"1.6 tlsverify without a cname", S("tls.mode=tlsverify"),
	 E, "tls-cname", "tls.cname", "provide Common Name for server certificate", 1, NULL, NULL},
	{"1.6 tlsverify with a static client IP: cname derived", S("tls.mode=tlsverify", "networks.client.portGroup=Client", "networks.client.ip=10.1.0.5/24"),
	 E, NULL, NULL, NULL, 0, NULL, NULL},
	{"1.6 tlsverify with a static public IP, client defaulted", S("tls.mode=tlsverify", "networks.public.ip=10.0.0.5/24", "networks.public.gateway=10.0.0.1"),
	 E, NULL, NULL, NULL, 0, NULL, NULL},
	{"1.6 tlsverify, public static but client elsewhere and DHCP", S("tls.mode=tlsverify", "networks.public.ip=10.0.0.5/24", "networks.public.gateway=10.0.0.1", "networks.client.portGroup=Client"),
	 E, "tls-cname", NULL, NULL, 1, NULL, NULL},
	/* 1.6 target */
	{"1.6 datacenter given as a path", S("target.datacenter=DC0/host/cluster1"),
	 E, "target-datacenter-path", "target.datacenter",
	 "--target should only specify datacenter in the path (e.g. https://addr/datacenter) - specify cluster, resource pool, or folder with --compute-resource", 1, NULL, NULL},
	{"credentials in target.url", S("target.url=https://root:secret@esx.example.com"),
	 E, "target-credentials", "target.url", NULL, 1, NULL, NULL},
	{"thumbprint lower case without colons is fine", S("target.thumbprint=abcdef0123456789abcdef0123456789abcdef01"),
	 E, NULL, NULL, NULL, 0, NULL, NULL},
	{"thumbprint too short", S("target.thumbprint=AB:CD"),
	 E, "thumbprint-syntax", "target.thumbprint", NULL, 1, NULL, NULL},
	{"image store characters", S("target.imageStore=ds1?x"),
	 E, "image-store-chars", "target.imageStore",
	 "--image-store contains unsupported characters: unsupported character \"?\" in \"ds1?x\" Allowed characters are alphanumeric, space and symbols - _ ( ) / :", 1, NULL, NULL},
	{"volume store without label", S("target.volumeStores=datastore1/volumes"),
	 E, "volume-store", "target.volumeStores[0]",
	 "volume store input must be in format <datastore url w/ path>:label or nfs://<host>/<url-path>?<mount option as query parameters>:<label>", 1, NULL, NULL},
	{"volume store on an http URL", S("target.volumeStores=ds1/v:default|http://x/y:v"),
	 E, "volume-store", "target.volumeStores[1]",
	 "Please specify a datastore or nfs target. See -vs usage for examples.", 1, NULL, NULL},
	{"volume stores: datastore path, ds:// and nfs with options", S("target.volumeStores=datastore1/volumes:default|ds://ds1/vols:v|nfs://h/share?uid=1:nfs"),
	 E, NULL, NULL, NULL, 0, NULL, NULL},
	/* our warnings */
	{"bridge range overlapping the public subnet", S("networks.public.ip=172.16.5.5/24", "networks.public.gateway=172.16.5.1"),
	 W, "bridge-range-overlap", "networks.bridge.ipRange",
	 "the bridge range 172.16.0.0/12 overlaps the public network's subnet 172.16.5.0/24: containers could not reach it", 1, NULL, NULL},
	{"bridge range overlapping a container network", S("networks.container[0].portGroup=pg", "networks.container[0].alias=c", "networks.container[0].gateway=172.20.0.1/16"),
	 W, "bridge-range-overlap", NULL,
	 "the bridge range 172.16.0.0/12 overlaps container network \"c\" (172.20.0.0/16)", 1, NULL, NULL},
	{"container network overlapping a role subnet elsewhere", S("networks.public.ip=10.0.0.5/24", "networks.public.gateway=10.0.0.1", "networks.container[0].portGroup=pg", "networks.container[0].alias=c", "networks.container[0].gateway=10.0.0.1/16"),
	 W, "container-overlaps-role", "networks.container[0].gateway", NULL, 1, NULL, NULL},
	{"container network on public's port group may share its subnet", S("networks.public.ip=10.0.0.5/24", "networks.public.gateway=10.0.0.1", "networks.container[0].portGroup=VM Network", "networks.container[0].alias=c", "networks.container[0].gateway=10.0.0.1/24"),
	 W, NULL, NULL, NULL, 0, NULL, "container-overlaps-role"},
	{"container network on the bridge written as a path", S("networks.container[0].portGroup=/DC0/network/vch-bridge", "networks.container[0].alias=c"),
	 W, "portgroup-two-spellings", "networks.container[0].portGroup", NULL, 1, NULL, "bridge-shared-container"},
	{"glob characters in a port group", S("networks.client.portGroup=Client*"),
	 W, "portgroup-glob", "networks.client.portGroup",
	 "port group \"Client*\" contains * ? [ or \\, which vic-machine's finder reads as a pattern", 1, NULL, NULL},
	{"metacharacters escaped mean themselves", S("networks.client.portGroup=Client\\*\\[1\\]"),
	 W, NULL, NULL, NULL, 0, NULL, "portgroup-glob"},
	{"an unknown trust level: vic-machine's message", S("networks.container[0].portGroup=pg", "networks.container[0].alias=c", "networks.container[0].firewall=public"),
	 E, "container-firewall", "networks.container[0].firewall", "Unrecognized container trust level public.", 1, NULL, NULL},
	{"width 0: vic-machine's message", S("networks.bridge.width=0"),
	 E, "bridge-width-prefix", "networks.bridge.width", "Error specifying bridge network width: 0. Width must be larger than prefix of bridge network ip range.", 1, NULL, NULL},
	{"one empty route item is no destination", S("networks.management.portGroup=Mgmt", "networks.management.ip=10.4.0.5/24", "networks.management.gateway=10.4.0.1", "networks.management.routes=''"),
	 E, "gateway-without-routes", "networks.management.gateway", NULL, 1, NULL, NULL},
	{"a proxy with a bad escape in its path", S("proxy.http=http://proxy:3128/%4"),
	 E, "proxy-url", "proxy.http", "parse \"http://proxy:3128/%4\": invalid URL escape \"%4\"", 1, NULL, NULL},
	{"a no-proxy entry after the first with a bad escape", S("proxy.noProxy=localhost|%zz"),
	 E, "no-proxy", "proxy.noProxy[1]", NULL, 1, NULL, NULL},
	{"the first no-proxy entry is not parsed (as in vic-machine)", S("proxy.noProxy=%zz|localhost"),
	 E, NULL, NULL, NULL, 0, NULL, "no-proxy"},
	{"0.0.0.0 as the public address without a gateway: taken, with a warning", S("networks.public.ip=0.0.0.0/24"),
	 W, "unspecified-address", "networks.public.ip", NULL, 1, NULL, "public-gateway-missing"},
	{"client IP inside the public subnet on another port group", S("networks.public.ip=10.0.0.5/16", "networks.public.gateway=10.0.0.1", "networks.client.portGroup=Client", "networks.client.ip=10.0.7.5/24"),
	 W, "role-ip-in-public-subnet", "networks.client.ip", NULL, 1, NULL, NULL},
};

static void check_case(const struct rcase *c)
{
	struct plan *p = pb_make(c->set);
	struct findings f = {0};
	int errors = rules_check(p, &f);
	int n = 0;

	assert_int_equal((size_t)errors, findings_count(&f, FINDING_ERROR));
	if (!c->code) {
		if (c->sev == FINDING_ERROR && errors != 0)
			fail_msg("%s: expected no error, got: %s (%s)", c->name, f.v[0].message, f.v[0].code);
	} else {
		const struct finding *hit = NULL;
		for (size_t i = 0; i < f.n; i++) {
			if (strcmp(f.v[i].code, c->code) != 0)
				continue;
			n++;
			if (hit)
				continue;
			hit = &f.v[i];
		}
		if (!hit) {
			fprintf(stderr, "# %s: findings were:\n", c->name);
			for (size_t i = 0; i < f.n; i++)
				fprintf(stderr, "#   %s %s %s\n", f.v[i].code, f.v[i].path, f.v[i].message);
			fail_msg("%s: no finding %s", c->name, c->code);
		}
		if (hit->severity != c->sev)
			fail_msg("%s: %s has the wrong severity", c->name, c->code);
		if (c->path && strcmp(hit->path, c->path) != 0)
			fail_msg("%s: path %s, want %s", c->name, hit->path, c->path);
		if (c->message && strcmp(hit->message, c->message) != 0)
			fail_msg("%s:\n got:  %s\n want: %s", c->name, hit->message, c->message);
		if (c->count && n != c->count)
			fail_msg("%s: %d findings %s, want %d", c->name, n, c->code, c->count);
		if (!hit->hint || !hit->hint[0])
			fail_msg("%s: %s has no hint", c->name, c->code);
	}
	if (c->also && !findings_find(&f, c->also, NULL))
		fail_msg("%s: no finding %s", c->name, c->also);
	if (c->absent && findings_find(&f, c->absent, NULL))
		fail_msg("%s: unexpected finding %s", c->name, c->absent);
	/* every finding has a code, a path, a message and a hint */
	for (size_t i = 0; i < f.n; i++) {
		assert_non_null(f.v[i].code);
		assert_true(f.v[i].path[0] != '\0');
		assert_true(f.v[i].message[0] != '\0');
		assert_true(f.v[i].hint && f.v[i].hint[0]);
	}
	findings_free(&f);
	plan_free(p);
}

/* One cmocka test per case (its state), so that every failing case is reported. */
static void test_case(void **state)
{
	check_case(*state);
}

/* 10.1-10.3 and 10.14: what the engine derives. */
static void test_effective(void **state)
{
	struct effective e;
	struct plan *p;
	(void)state;

	/* 10.1: all defaults: 2 NICs, all DHCP, DNS from DHCP */
	p = pb_make(NULL);
	effective_compute(p, &e);
	assert_int_equal(e.n_nics, 2);
	assert_string_equal(e.role[PLAN_ROLE_CLIENT].port_group, "VM Network");
	assert_true(e.role[PLAN_ROLE_CLIENT].defaulted);
	assert_string_equal(e.role[PLAN_ROLE_MANAGEMENT].port_group, "VM Network");
	assert_null(e.role[PLAN_ROLE_MANAGEMENT].ip);
	assert_true(e.dns_dhcp);
	assert_false(e.dns_default);
	assert_string_equal(e.bridge_range, "172.16.0.0/12");
	assert_int_equal(e.bridge_width, 16);
	plan_free(p);

	/* 10.2: client X only: management follows X, 3 NICs */
	p = pb_make(S("networks.client.portGroup=X"));
	effective_compute(p, &e);
	assert_string_equal(e.role[PLAN_ROLE_MANAGEMENT].port_group, "X");
	assert_int_equal(e.n_nics, 3);
	assert_int_equal(e.role[PLAN_ROLE_MANAGEMENT].nic, e.role[PLAN_ROLE_CLIENT].nic);
	plan_free(p);

	/* 10.3: management M only: client stays on public, 3 NICs, management DHCP */
	p = pb_make(S("networks.management.portGroup=M"));
	effective_compute(p, &e);
	assert_string_equal(e.role[PLAN_ROLE_CLIENT].port_group, "VM Network");
	assert_int_equal(e.n_nics, 3);
	assert_null(e.role[PLAN_ROLE_MANAGEMENT].ip);
	plan_free(p);

	/* propagation: public's static IP reaches client and management on its port group */
	p = pb_make(S("networks.public.ip=10.0.0.5/24", "networks.public.gateway=10.0.0.1"));
	effective_compute(p, &e);
	assert_string_equal(e.role[PLAN_ROLE_MANAGEMENT].ip, "10.0.0.5/24");
	assert_true(e.role[PLAN_ROLE_MANAGEMENT].propagated);
	assert_int_equal(e.role[PLAN_ROLE_MANAGEMENT].from, PLAN_ROLE_PUBLIC);
	/* 10.14: three static roles, no DNS: Google's */
	assert_true(e.dns_default);
	plan_free(p);

	/* management static on its own port group: the firewall check uses it */
	p = pb_make(S("networks.management.portGroup=M", "networks.management.ip=10.4.0.5/24"));
	effective_compute(p, &e);
	assert_string_equal(e.role[PLAN_ROLE_MANAGEMENT].ip, "10.4.0.5/24");
	assert_false(e.role[PLAN_ROLE_MANAGEMENT].propagated);
	assert_false(e.dns_default); /* public is DHCP */
	plan_free(p);

	/* client static on its port group shared by management */
	p = pb_make(S("networks.client.portGroup=C", "networks.client.ip=10.1.0.5/24",
		      "networks.client.gateway=10.1.0.1", "networks.client.routes=10.2.0.0/16"));
	effective_compute(p, &e);
	assert_string_equal(e.role[PLAN_ROLE_MANAGEMENT].ip, "10.1.0.5/24");
	assert_string_equal(e.role[PLAN_ROLE_MANAGEMENT].gateway, "10.1.0.1");
	assert_int_equal(e.role[PLAN_ROLE_MANAGEMENT].routes->n, 1);
	assert_string_equal(e.cname, "10.1.0.5");
	assert_true(e.cname_derived);
	plan_free(p);
}

/* Errors first, stable; the printer points at FILE:LINE:COL. */
static void test_sort_and_print(void **state)
{
	struct plan *p = pb_make(S("networks.dns=10.0.0.2|10.0.0.3|10.0.0.4|10.0.0.5",
				   "networks.public.ip=10.0.0.5"));
	struct findings f = {0};
	char *s;
	(void)state;

	plan_set_pos(p, "networks.public.ip", 12, 9);
	plan_set_pos(p, "networks.dns", 20, 3);
	rules_check(p, &f);
	findings_sort(&f);
	assert_true(f.n >= 2);
	assert_int_equal(f.v[0].severity, FINDING_ERROR);
	assert_int_equal(f.v[f.n - 1].severity, FINDING_WARNING);
	s = findings_format(findings_find(&f, "role-ip-syntax", NULL), p, "plan.yaml");
	assert_string_equal(s, "plan.yaml:12:9: error: Failed to parse the provided public network IP address 10.0.0.5: invalid CIDR address: 10.0.0.5 [role-ip-syntax]\n"
			       "    hint: add the prefix length, e.g. 10.0.0.5/24\n");
	free(s);
	s = findings_format(findings_find(&f, "dns-too-many", NULL), p, "plan.yaml");
	assert_true(strncmp(s, "plan.yaml:20:3: warning: Maximum of 3 DNS servers allowed.", 58) == 0);
	free(s);
	/* no position known: the key path is named instead; no file: no prefix */
	s = findings_format(findings_find(&f, "public-gateway-missing", NULL), p, NULL);
	assert_string_equal(s, "error: public network must have both static IP and gateway specified [public-gateway-missing]\n"
			       "    hint: set networks.public.gateway: the public network carries the default route\n");
	free(s);
	plan_free(p);
	p = pb_make(S("networks.dns=10.0.0.300"));
	findings_free(&f);
	rules_check(p, &f);
	s = findings_format(findings_find(&f, "dns-syntax", NULL), p, "plan.yaml");
	assert_string_equal(s, "plan.yaml: error: Invalid DNS server specified: 10.0.0.300 [dns-syntax] (at networks.dns[0])\n"
			       "    hint: write each DNS server as an IP address\n");
	free(s);
	findings_free(&f);
	plan_free(p);
}

/* each address mistake gets its own hint, and the findings view tells the whole story */
static void test_address_hints(void **state)
{
	static const struct {
		const char *text;
		bool network;
		const char *want; /* a part of the hint; NULL: no hint */
	} t[] = {
		{"192.168.100.300/24", false, "the 4th number of 192.168.100.300, 300, is above 255"},
		{"192.168.100.256/24", false, "256, is above 255"},
		{"300.1.1.1", false, "the 1st number of 300.1.1.1, 300"},
		{"10.0.0.5", false, "add the prefix length, e.g. 10.0.0.5/24"},
		{"10.0.0.5/33", false, "the prefix length after '/' is a number from 0 to 32"},
		{"10.0.0.5/", false, "the prefix length after '/'"},
		{"10.0.5/24", false, "\"10.0.5\" is not an IPv4 address"},
		{"vch.example.com", false, "no host names"},
		{"fe80::1/64", false, "only IPv4"},
		{"10.2.0.5/16", true, "has host bits set: the network it is in is 10.2.0.0/16"},
		{"10.2.0.0/16", true, NULL},
		{"10.2.0.5/16", false, NULL},
		{"10.0.0.5/32", true, NULL},
	};
	(void)state;
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		char *h = findings_address_hint(t[i].text, t[i].network);
		if (!t[i].want) {
			assert_null(h);
			continue;
		}
		assert_non_null(h);
		if (!strstr(h, t[i].want))
			fail_msg("%s: hint \"%s\" lacks \"%s\"", t[i].text, h, t[i].want);
		free(h);
	}

	struct findings f = {0};
	struct plan *p = plan_new();
	mem_set_str(&p->name, "v");
	mem_set_str(&p->bridge.port_group, "b");
	mem_set_str(&p->public_net.port_group, "pub");
	mem_set_str(&p->public_net.ip, "192.168.100.300/24");
	rules_check(p, &f);
	const struct finding *fd = findings_find(&f, "role-ip-syntax", "networks.public.ip");
	assert_non_null(fd);
	char *text = findings_explain(fd, "Public network");
	assert_non_null(strstr(text, "Error: Failed to parse the provided public network IP address 192.168.100.300/24"));
	assert_non_null(strstr(text, "vic-machine's own words"));
	assert_non_null(strstr(text, "networks.public.ip (the Public network step)"));
	assert_non_null(strstr(text, "How to fix it: the 4th number of 192.168.100.300, 300, is above 255"));
	free(text);
	findings_free(&f);
	plan_free(p);
}

int main(void)
{
	enum { N_CASES = sizeof cases / sizeof cases[0] };
	const struct CMUnitTest others[] = {
		cmocka_unit_test(test_effective),
		cmocka_unit_test(test_sort_and_print),
		cmocka_unit_test(test_address_hints),
	};
	struct CMUnitTest tests[N_CASES + sizeof others / sizeof others[0]];

	for (size_t i = 0; i < N_CASES; i++)
		tests[i] = (struct CMUnitTest){.name = cases[i].name, .test_func = test_case,
					       .initial_state = &cases[i]};
	for (size_t i = 0; i < sizeof others / sizeof others[0]; i++)
		tests[N_CASES + i] = others[i];
	return cmocka_run_group_tests(tests, NULL, NULL);
}
