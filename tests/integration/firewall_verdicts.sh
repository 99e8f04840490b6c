#!/bin/bash
# firewall_verdicts.sh: "vchnet firewall PLAN" against tests/vcsim: every verdict
# (OK, BLOCKED, RESTRICTED, UNVERIFIABLE, DISABLED, UNKNOWN), a mixed cluster, the
# management IP (DHCP; static inside and outside the allowed network; equal to an
# allowed address; propagated from public), ranges covering 2377, only vSPC enabled,
# the default policy letting outbound through (where vic-machine errs), hosts that do
# not mount the image datastore, and the exit status.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/vcsim.sh"
. "$top_srcdir/tests/integration/firewall_lib.sh"

work=$(mktemp -d "${TMPDIR:-/tmp}/fw_verdicts.XXXXXX")
trap 'rm -rf "$work"' EXIT
H0=DC0_C0_H0 H1=DC0_C0_H1 H2=DC0_C0_H2 H3=DC0_C0_H3 H4=DC0_C0_H4

DHCP=$work/dhcp.yaml
fw_plan "$DHCP"
static_plan() { # FILE IP: public static (management shares it), gateway-less
	fw_plan "$1" '  bridge:' '    portGroup: DC0_DVPG0' '  public:' '    portGroup: VM Network' \
		"    ip: $2/24"
}
mgmt_plan() { # FILE IP: a management role of its own
	fw_plan "$1" '  bridge:' '    portGroup: DC0_DVPG0' '  public:' '    portGroup: VM Network' \
		'  management:' '    portGroup: DC0_DVPG1' "    ip: $2/16"
}
static_plan "$work/in.yaml" 10.1.2.3
static_plan "$work/out.yaml" 192.168.7.3
static_plan "$work/eq.yaml" 192.168.7.3
mgmt_plan "$work/mgmt-in.yaml" 10.9.8.7
mgmt_plan "$work/mgmt-out.yaml" 172.20.0.5

# ---- a mixed cluster: #0 allow, #1 disabled, #2 restricted to 10/8, #3 only vSPC,
# #4 the default policy lets outbound through
vcsim_start -host 5 -scenario mixed -fw-host '#3=alt,#4=policy-pass' ||
	{ echo "Bail out! the simulator did not start"; exit 1; }

vch firewall "$DHCP"
is "$rc" 1 "mixed, DHCP: exit 1 (a host is BLOCKED)"
like "$out" 'HOST +FIREWALL +RULESETS +ALLOWED IPS +VERDICT' "a per-host table"
like "$out" 'those of /DC0/host/DC0_C0 that mount the image datastore LocalDS_0' \
	"the output says which hosts are checked"
like "$out" 'VCH management IP: DHCP' "DHCP management IP"
is "$(verdict_of $H0)" OK "allow: OK"
like "$(row_of $H0)" 'vic-engine +all +OK' "allow: vic-engine for all IPs"
is "$(verdict_of $H1)" BLOCKED "disabled rulesets: BLOCKED"
like "$out" 'vic-machine: Firewall configuration incorrect on hosts: "/DC0/host/DC0_C0/DC0_C0_H1"' \
	"BLOCKED quotes vic-machine's message"
like "$out" 'fix: enable ruleset vic-engine on DC0_C0_H1' "BLOCKED says how to fix it"
is "$(verdict_of $H2)" UNVERIFIABLE "restricted + DHCP: UNVERIFIABLE"
like "$(row_of $H2)" 'vic-engine +10\.0\.0\.0/8 +UNVERIFIABLE' "restricted: the allowed network is shown"
like "$out" 'may prevent connection on dst 2377/tcp outbound with allowed IPs: \[10\.0\.0\.0/8\]' \
	"UNVERIFIABLE quotes vic-machine's warning"
is "$(verdict_of $H3)" OK "only vSPC enabled (0-65535 covers 2377): OK"
like "$(row_of $H3)" ' vSPC +all +OK' "the range ruleset vSPC is named"
is "$(verdict_of $H4)" OK "default policy passes outbound: OK"
like "$(row_of $H4)" 'on, outbound passes' "the firewall state says outbound passes"
like "$out" 'default policy lets outbound traffic through.*vic-machine ignores the default policy and will refuse this host' \
	"where vic-machine errs, the reason says so"
like "$out" '5 hosts: 3 OK, 1 BLOCKED, 0 RESTRICTED, 1 UNVERIFIABLE' "the summary counts verdicts"

vch firewall "$work/in.yaml"
is "$(verdict_of $H2)" OK "static 10.1.2.3 inside 10.0.0.0/8: OK"
like "$out" 'VCH management IP: 10\.1\.2\.3 \(static, the public role' \
	"the management IP is public's, propagated over the shared port group"

vch firewall "$work/out.yaml"
is "$rc" 1 "static IP outside: exit 1"
is "$(verdict_of $H2)" RESTRICTED "static 192.168.7.3 outside 10.0.0.0/8: RESTRICTED"
like "$out" 'does not permit dst 2377/tcp outbound for 192\.168\.7\.3 with allowed IPs: \[10\.0\.0\.0/8\]' \
	"RESTRICTED quotes vic-machine's error"
like "$out" 'fix: add 192\.168\.7\.3 \(or its network 192\.168\.7\.0/24\) to the allowed IPs of ruleset vic-engine on DC0_C0_H2' \
	"RESTRICTED names the IP, the network and the ruleset"

vch firewall "$work/mgmt-in.yaml"
is "$(verdict_of $H2)" OK "management's own static IP 10.9.8.7: OK"
like "$out" 'VCH management IP: 10\.9\.8\.7 \(static, management role\)' "management's own IP is used"
vch firewall "$work/mgmt-out.yaml"
is "$(verdict_of $H2)" RESTRICTED "management's own static IP 172.20.0.5: RESTRICTED"
vcsim_stop

# ---- the allowed list holds an address: equal is allowed, the next one is not
vcsim_start -host 3 -scenario one-restricted -restricted-net '10.0.0.0/8,192.168.7.3' ||
	{ echo "Bail out! the simulator did not start"; exit 1; }
vch firewall "$work/eq.yaml"
is "$rc" 0 "static IP equal to an allowed address: exit 0"
is "$(verdict_of $H0)" OK "static IP equal to an allowed address: OK"
static_plan "$work/eq2.yaml" 192.168.7.4
vch firewall "$work/eq2.yaml"
is "$(verdict_of $H0)" RESTRICTED "the next address: RESTRICTED"
like "$out" 'allowed IPs: \[10\.0\.0\.0/8 192\.168\.7\.3\]' "networks first, then addresses, as vic-machine"
vcsim_stop

# ---- no firewall information; hosts not mounting the image datastore
vcsim_start -host 4 -scenario no-info -ds-hosts 'LocalDS_0=#0,#1,#2' -fw-host '#3=disabled' ||
	{ echo "Bail out! the simulator did not start"; exit 1; }
vch firewall "$DHCP"
is "$rc" 0 "no-info: not an error (exit 0)"
is "$(verdict_of $H0)" UNKNOWN "no firewall information: UNKNOWN"
like "$out" 'Firewall configuration unavailable on "/DC0/host/DC0_C0/DC0_C0_H0"' \
	"UNKNOWN quotes vic-machine's message"
like "$out" 'skipped DC0_C0_H3: does not mount LocalDS_0' "a host without the image datastore is skipped, and said so"
is "$(row_of $H3)" "" "the skipped host has no row (its BLOCKED firewall does not count)"
like "$out" '3 hosts: 2 OK' "three hosts checked"

# ---- DISABLED: the firewall turned off (default policy passes everything), from a
# snapshot edited like an administrator would turn it off
vch inventory --save "$work/snap.yaml"
is "$rc" 0 "inventory snapshot saved"
like "$(sed -n '/^  name: "'"$H1"'"/,/^- id:/p' "$work/snap.yaml")" \
	'rulesets: \*rulesets-1' "the hosts' equal rulesets are written once and named by alias"
# an administrator editing one host first gives it its own copy of the shared list,
# as vchnet(1) says: the alias is replaced by the list under its anchor
awk -v h="$H1" '
	NR == FNR {
		if (/^  rulesets: &/) { a = $2; sub(/^&/, "", a); inlist = 1; next }
		if (inlist && /^(  |    )/ && !/^  [a-z]/) { body[a] = body[a] "  " $0 "\n"; next }
		inlist = 0; next
	}
	/^  name: / { cur = $2; gsub(/"/, "", cur) }
	cur == h && /^    rulesets: \*/ { a = $2; sub(/^\*/, "", a); printf "    rulesets:\n%s", body[a]; next }
	{ print }' "$work/snap.yaml" "$work/snap.yaml" >"$work/snap-own.yaml"
like "$(sed -n '/^  name: "'"$H1"'"/,/^- id:/p' "$work/snap-own.yaml")" '    rulesets:
    - key: ' "the edited host has its own rulesets"
out=$("$VCHNET" firewall --inventory "$work/snap-own.yaml" "$DHCP" 2>&1)
is "$out" "$("$VCHNET" firewall --inventory "$work/snap.yaml" "$DHCP" 2>&1)" "a copy of the shared rulesets reads the same as the alias"
awk -v h="$H1" '
	/^  name: / { cur = $2; gsub(/"/, "", cur) }
	cur == h && /incomingBlocked: true/ { sub(/true/, "false") }
	cur == h && /outgoingBlocked: true/ { sub(/true/, "false") }
	{ print }' "$work/snap-own.yaml" >"$work/snap-off.yaml"
# make H1 also lack any enabled rule for 2377
awk -v h="$H1" '
	/^  name: / { cur = $2; gsub(/"/, "", cur) }
	/^    - key: / { key = $3 }
	cur == h && key == "\"vic-engine\"" && /enabled: true/ { sub(/true/, "false") }
	{ print }' "$work/snap-off.yaml" >"$work/snap-off2.yaml"
out=$("$VCHNET" firewall --inventory "$work/snap-off2.yaml" "$DHCP" 2>&1)
rc=$?
is "$rc" 0 "DISABLED is a warning (exit 0)"
is "$(verdict_of $H1)" DISABLED "firewall off and no rule: DISABLED"
like "$(row_of $H1)" ' off ' "the firewall state is off"
like "$out" 'Firewall configuration will be incorrect if firewall is reenabled on hosts: "/DC0/host/DC0_C0/DC0_C0_H1"' \
	"DISABLED quotes vic-machine's warning"
vcsim_stop

# ---- every host blocked (the stock simulator): exit 1, and --inventory gives the same
vcsim_start -host 3 ||
	{ echo "Bail out! the simulator did not start"; exit 1; }
vch firewall "$DHCP"
is "$rc" 1 "default scenario: exit 1"
like "$out" '3 hosts: 0 OK, 3 BLOCKED' "every host BLOCKED"
live=$out
vch inventory --save "$work/snap2.yaml"
out=$("$VCHNET" firewall --inventory "$work/snap2.yaml" "$DHCP" 2>&1)
is "$out" "$live" "--inventory SNAPSHOT gives the same table as the live check"
vcsim_stop

tap_done
