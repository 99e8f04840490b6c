#!/bin/bash
# deploy_firewall.sh: vchnet deploy opens the host firewalls only where needed (the
# rules of 'vchnet firewall --fix'), checked through the simulator's API: a dry run
# changes nothing, a deploy enables vic-engine on the one host that needs it and on
# no other, a second deploy changes nothing; a host restricted to an allowed-IP list is
# not opened to every IP and stops the deploy before vic-machine runs.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/vcsim.sh"
. "$top_srcdir/tests/integration/deploy_lib.sh"

tap_plan 21

# enabled_matching HOST: keys of the enabled rulesets covering 2377/tcp out
enabled_matching() {
	vcsim_firewall_table "$1" | awk '$2 == "true" && $3 == "match" { printf "%s ", $1 }' |
		sed 's/ $//'
}

deploy_setup -scenario one-disabled
vcsim_login "$DEPLOY_USER" "$DEPLOY_PASSWORD" || { echo "Bail out! cannot log in"; exit 1; }
plan=$work/plan.yaml
deploy_plan "$plan"
before1=$(enabled_matching DC0_C0_H1)
before2=$(enabled_matching DC0_C0_H2)
is "$(enabled_matching DC0_C0_H0)" "" "the simulator starts with nothing open on DC0_C0_H0"

out=$("$VCHNET" deploy "$plan" --dry-run 2>&1)
rc=$?
is "$rc" 0 "--dry-run exits 0"
like "$out" "would change the firewall of 1 host" "--dry-run says one host would change"
like "$out" "enable the firewall ruleset vic-engine on host DC0_C0_H0" "--dry-run names the host and ruleset"
is "$(vcsim_count EnableRuleset)" 0 "--dry-run sent no EnableRuleset"
is "$(enabled_matching DC0_C0_H0)" "" "after --dry-run DC0_C0_H0 is unchanged (API)"

out=$("$VCHNET" deploy "$plan" --yes 2>&1)
rc=$?
is "$rc" 0 "deploy --yes exits 0"
is "$(vcsim_count EnableRuleset)" 1 "exactly one EnableRuleset was sent"
is "$(enabled_matching DC0_C0_H0)" "vic-engine" "DC0_C0_H0 now has vic-engine enabled (API)"
is "$(enabled_matching DC0_C0_H1)/$(enabled_matching DC0_C0_H2)" "$before1/$before2" \
	"the other hosts are unchanged (API)"
like "$out" "enabled the firewall ruleset vic-engine on host DC0_C0_H0" "the result lists the change"
is "$(head -1 "$FAKE_VIC_ARGV_FILE")" create "vic-machine create ran after the fix"

out=$("$VCHNET" deploy "$plan" --yes 2>&1)
rc=$?
is "$rc" 0 "a second deploy exits 0"
like "$out" "every host lets 2377/tcp out: nothing to change" "the second run finds nothing to open"
is "$(vcsim_count EnableRuleset)" 1 "the second run sent no EnableRuleset"

# a host limited to an allowed-IP list that excludes the VCH's static address: not
# opened to all IPs, and the deploy stops before vic-machine runs
vcsim_stop
deploy_setup -scenario one-restricted
DEPLOY_PUBLIC_IP=192.168.50.5/24 DEPLOY_PUBLIC_GW=192.168.50.1 deploy_plan "$plan"
rm -f "$FAKE_VIC_ARGV_FILE"
out=$("$VCHNET" deploy "$plan" --yes 2>&1)
rc=$?
is "$rc" 1 "a restricted host makes the deploy fail"
like "$out" "failed at: Host firewalls" "... at the firewall step"
is "$(vcsim_count EnableRuleset)/$(cat "$FAKE_VIC_ARGV_FILE")" "0/version" \
	"nothing was enabled and vic-machine create did not run"

# with a DHCP address the restriction cannot be judged: a warning, shown and passed
# only with a yes (--yes here)
deploy_plan "$plan"
out=$("$VCHNET" deploy "$plan" --yes 2>&1)
rc=$?
is "$rc" 0 "an unverifiable host does not stop a deploy with --yes"
like "$out" "1 host could not be verified" "... but it is a warning that needs a yes"
is "$(vcsim_count EnableRuleset)" 0 "and it is not opened to all IPs"

tap_done
