#!/bin/bash
# firewall_requests.sh: the firewall check (and the whole live check) costs the same
# number of requests for 3 hosts as for 30: the hosts' firewall data comes with the
# inventory's one RetrievePropertiesEx, never a call per host. Counted by the
# simulator (-count-file), not by us.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/vcsim.sh"
. "$top_srcdir/tests/integration/firewall_lib.sh"

work=$(mktemp -d "${TMPDIR:-/tmp}/fw_requests.XXXXXX")
trap 'rm -rf "$work"' EXIT
PLAN=$work/plan.yaml
fw_plan "$PLAN"

declare -A total rpe hosts total_check
for n in 3 30; do
	vcsim_start -host "$n" -scenario mixed ||
		{ echo "Bail out! the simulator did not start"; exit 1; }
	vch firewall "$PLAN"
	hosts[$n]=$(printf '%s\n' "$out" | grep -c '^DC0_C0_H')
	total[$n]=$(vcsim_count _total)
	rpe[$n]=$(vcsim_count RetrievePropertiesEx)
	vch check "$PLAN"
	total_check[$n]=$(( $(vcsim_count _total) - total[$n] ))
	vcsim_stop
done

is "${hosts[3]}" 3 "-host 3: 3 hosts in the table"
is "${hosts[30]}" 30 "-host 30: 30 hosts in the table"
is "${rpe[3]}" 1 "-host 3: one RetrievePropertiesEx"
is "${rpe[30]}" 1 "-host 30: one RetrievePropertiesEx"
is "${total[30]}" "${total[3]}" "vchnet firewall: as many requests for 30 hosts as for 3 (${total[3]})"
is "${total_check[30]}" "${total_check[3]}" "vchnet check: as many requests for 30 hosts as for 3"

tap_done
