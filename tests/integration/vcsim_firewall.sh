#!/bin/bash
# vcsim_firewall.sh: per-host firewall states show up in
# HostFirewallSystem.firewallInfo over SOAP, EnableRuleset changes only the
# host it is called on (the stock simulator shares one ruleset array), and
# config.firewall follows.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/vcsim.sh"

tap_plan 30

# rs HOST KEY: "ENABLED MATCH ALLIP" of one ruleset of HOST, over SOAP.
rs() {
	vcsim_firewall_table "$1" | awk -v k="$2" '$1 == k { print $2, $3, $4 }'
}
# enabled_matching HOST: the keys of enabled rulesets covering 2377.
enabled_matching() {
	vcsim_firewall_table "$1" | awk '$2 == "true" && $3 == "match" { printf "%s ", $1 }' | sed 's/ $//'
}
fwsys() {
	vcsim_obj_props HostSystem "$(vcsim_moid hosts "$1")" configManager.firewallSystem |
		sed -n 's/.*type="HostFirewallSystem">\([^<]*\)<.*/\1/p'
}

H0=DC0_C0_H0 H1=DC0_C0_H1 H2=DC0_C0_H2 H3=DC0_C0_H3

# mixed: #0 allow, #1 disabled, #2 restricted, others allow; plus overrides.
vcsim_start -host 4 -scenario mixed -restricted-net '10.0.0.0/8,192.168.7.3' ||
	{ echo "Bail out! the simulator did not start"; exit 1; }
vcsim_login || { echo "Bail out! login failed"; exit 1; }

is "$(rs $H0 vic-engine)" "true match true" "mixed #0 allow: vic-engine enabled for all IPs"
is "$(enabled_matching $H0)" "vic-engine" "mixed #0: no other ruleset covering 2377 is enabled"
is "$(enabled_matching $H1)" "" "mixed #1 disabled: no ruleset covering 2377 is enabled"
is "$(rs $H1 vSPC)" "false match true" "mixed #1: vSPC is there and disabled"
is "$(rs $H2 vic-engine)" "true match false" "mixed #2 restricted: vic-engine enabled, not for all IPs"
r=$(vcsim_obj_props HostFirewallSystem "$(fwsys $H2)" firewallInfo | sed 's/<ruleset>/\n&/g' | grep '<key>vic-engine</key>')
like "$r" '<allowedHosts><ipAddress>192.168.7.3</ipAddress><ipNetwork><network>10.0.0.0</network><prefixLength>8</prefixLength></ipNetwork><allIp>false</allIp></allowedHosts>' \
	"mixed #2: allowedHosts holds -restricted-net (CIDRs and IPs)"
is "$(rs $H3 vic-engine)" "true match true" "mixed: later hosts allow"
is "$(vcsim_firewall_table $H0 | tail -1)" "defaultPolicy outgoingBlocked=true" "the default policy blocks outgoing traffic"
like "$(vcsim_firewall_table $H0 | awk '$3 == "match" { print $1 }' | tr '\n' ' ')" \
	'^nfs41Client nfsClient remoteSerialPort vSPC vic-engine vsanEncryption vvold $' \
	"the rulesets covering 2377 are the six stock ones plus vic-engine"
is "$(vcsim_info_field "$(vcsim_info_line hosts $H1)" firewall)" disabled "-info names each host's firewall state"

# EnableRuleset on one host only.
enable() {
	vcsim_soap "<EnableRuleset xmlns=\"urn:vim25\"><_this type=\"HostFirewallSystem\">$1</_this><id>$2</id></EnableRuleset>"
}
like "$(enable "$(fwsys $H1)" vic-engine)" '<EnableRulesetResponse' "EnableRuleset vic-engine on #1 succeeds"
is "$(enabled_matching $H1)" "vic-engine" "#1 now has vic-engine enabled"
like "$(enable "$(fwsys $H1)" vSPC)" '<EnableRulesetResponse' "EnableRuleset vSPC on #1 succeeds"
is "$(rs $H0 vSPC)" "false match true" "#0's vSPC did not change"
is "$(rs $H2 vSPC)" "false match true" "#2's vSPC did not change"
r=$(vcsim_obj_props HostSystem "$(vcsim_moid hosts $H1)" config.firewall | sed 's/<ruleset>/\n&/g' | grep '<key>vSPC</key>')
like "$r" '<enabled>true</enabled>' "#1's config.firewall shows the change (same object)"
r=$(enable "$(fwsys $H1)" no-such-ruleset)
like "$r" 'xsi:type="NotFound"' "an unknown ruleset id gives NotFound"
vcsim_stop

# Per-host overrides by name and #index; the other states.
vcsim_start -host 4 -scenario allow-all -fw-host "$H0=alt" -fw-host "#1=policy-pass,#2=no-info" ||
	{ echo "Bail out! the simulator did not start"; exit 1; }
vcsim_login
is "$(enabled_matching $H0)" "vSPC" "-fw-host NAME=alt: only vSPC is enabled"
is "$(rs $H0 vSPC)" "true match true" "alt: vSPC for all IPs"
is "$(enabled_matching $H1)" "" "#1=policy-pass: no ruleset covering 2377 is enabled"
is "$(vcsim_firewall_table $H1 | tail -1)" "defaultPolicy outgoingBlocked=false" "policy-pass: the default policy lets outgoing traffic pass"
is "$(vcsim_firewall_table $H2)" "no-firewall-info" "#2=no-info: firewallInfo is not set"
r=$(vcsim_obj_props HostSystem "$(vcsim_moid hosts $H2)" config.firewall)
unlike "$r" '<ruleset>' "no-info: config.firewall is not set either"
r=$(enable "$(fwsys $H2)" vic-engine)
like "$r" 'xsi:type="HostConfigFault"' "no-info: EnableRuleset gives a fault"
is "$(enabled_matching $H3)" "vic-engine" "allow-all: the others allow"
vcsim_stop

# Without the vic-engine ruleset (vSphere 6.5): allow uses vSPC.
vcsim_start -scenario one-disabled -add-vic-engine-ruleset=false ||
	{ echo "Bail out! the simulator did not start"; exit 1; }
vcsim_login
is "$(rs $H1 vic-engine)" "" "-add-vic-engine-ruleset=false: no vic-engine ruleset"
is "$(enabled_matching $H1)" "vSPC" "allow then enables vSPC"
is "$(enabled_matching $H0)" "" "one-disabled: #0 has nothing enabled"
like "$(enable "$(fwsys $H0)" vic-engine)" 'xsi:type="NotFound"' "EnableRuleset vic-engine gives NotFound (the fallback case)"
vcsim_stop

vcsim_start -scenario default || { echo "Bail out! the simulator did not start"; exit 1; }
vcsim_login
is "$(enabled_matching $H0)$(enabled_matching $H1)$(enabled_matching $H2)" "" \
	"default: no host has a ruleset covering 2377 enabled"

tap_done
