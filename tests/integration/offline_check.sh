#!/bin/bash
# offline_check.sh: vchnet check --offline on fixture plans and on plans with known
# mistakes: exit codes (0 clean or warnings, 1 errors, 2 unreadable or usage), findings
# as FILE:LINE:COL with vic-machine's message and a hint, errors before warnings.
. "$top_srcdir/tests/lib/tap.sh"

tap_plan 33

good=$top_srcdir/tests/fixtures/plans/good
bad=$top_srcdir/tests/fixtures/plans/bad
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for f in minimal nics-2 nics-3 nics-4 containers vcsim full; do
	out=$("$VCHNET" check --offline "$good/$f.yaml" 2>&1)
	is "$?" 0 "good/$f.yaml passes (exit 0)"
done
out=$("$VCHNET" check --offline "$good/nics-2.yaml")
is "$out" "$good/nics-2.yaml: no problems found (offline checks)" "a clean plan says so"
out=$("$VCHNET" check --offline "$good/minimal.yaml")
like "$out" "warning: target.datacenter is missing" "missing target details are warnings"
like "$out" "^0 errors, 5 warnings$" "the summary counts them"

# a plan with mistakes; line numbers matter
cat >"$work/shared.yaml" <<'PLAN'
apiVersion: vchnet/v1
kind: VCHNetworkPlan
metadata:
  name: vch-01
target:
  url: https://vcenter.example.com/sdk
  username: administrator@vsphere.local
  datacenter: DC0
  computeResource: DC0_C0
  imageStore: datastore1
networks:
  bridge:
    portGroup: VM Network
  public:
    portGroup: VM Network
    ip: 10.0.0.5
  dns: [10.0.0.2, 10.0.0.3, 10.0.0.4, 10.0.0.5]
PLAN
out=$("$VCHNET" check --offline "$work/shared.yaml")
is "$?" 1 "a plan with errors exits 1"
like "$out" "^$work/shared.yaml:13:5: error: the bridge network must not be shared with another network role - public also uses \"VM Network\" \[bridge-shared\]$" \
	"bridge = public: vic-machine's message at the bridge port group's line:col"
is "$(printf '%s\n' "$out" | grep -c 'also uses "VM Network"')" 3 \
	"the bridge message comes once per role, as vic-machine prints it"
like "$out" "$work/shared.yaml:16:5: error: Failed to parse the provided public network IP address 10.0.0.5: invalid CIDR address: 10.0.0.5" \
	"an IP without prefix: Go's CIDR error at networks.public.ip"
like "$out" "    hint: add the prefix length, e.g. 10.0.0.5/24" "with a hint on the next line"
like "$out" "warning: Maximum of 3 DNS servers allowed. Additional servers specified will be ignored." \
	"four DNS servers: vic-machine's warning"
last_error=$(printf '%s\n' "$out" | grep -n ': error: ' | tail -1 | cut -d: -f1)
first_warning=$(printf '%s\n' "$out" | grep -n ': warning: ' | head -1 | cut -d: -f1)
tap_ok $([ "$last_error" -lt "$first_warning" ]; echo $?) "errors come before warnings"
like "$out" "^5 errors, 1 warning$" "the summary line"
# vic-machine parses client before public; the list follows the file instead
sed -e 's|ip: 10.1.0.5/24|ip: 10.1.0.300/24|' -e 's|ip: 10.0.0.5/24|ip: 10.0.0.5|' \
	"$good/full.yaml" >"$work/order.yaml"
out=$("$VCHNET" check --offline "$work/order.yaml")
lines=$(printf '%s\n' "$out" | grep ': error: ' | cut -d: -f2 | tr '\n' ' ')
is "$lines" "$(printf '%s\n' "$lines" | tr ' ' '\n' | grep . | sort -n | tr '\n' ' ')" \
	"errors are listed in the order of the file's lines"
like "$out" "10.1.0.300.*
    hint: the 4th number of 10.1.0.300, 300, is above 255" "a bad octet gets the octet hint in the CLI too"

# the old NIC limit: nics-4.yaml for VIC 1.2
sed 's/version: "1.3"/version: "1.2"/' "$good/nics-4.yaml" >"$work/four.yaml"
out=$("$VCHNET" check --offline "$work/four.yaml")
is "$?" 1 "four NICs with VIC 1.2 exit 1"
like "$out" "error: Four different networks including bridge network are not allowed at this time. At least two network roles of client network, management network and public network should share same network" \
	"with vic-machine's old message"
sed -i 's/"1.2"/"1.3"/' "$work/four.yaml"
"$VCHNET" check --offline "$work/four.yaml" >/dev/null
is "$?" 0 "the same with VIC 1.3 passes"

# unreadable plans and usage
out=$("$VCHNET" check --offline "$bad/unknown-key.yaml" 2>&1)
is "$?" 2 "a plan the reader refuses exits 2"
like "$out" "unknown-key.yaml:8:5: error: networks.bridge.portgroup: unknown key" "with the reader's error"
"$VCHNET" check --offline "$work/nonexistent.yaml" >/dev/null 2>&1
is "$?" 2 "a missing file exits 2"
"$VCHNET" check "$good/nics-2.yaml" --offline >/dev/null
is "$?" 0 "check PLAN --offline: options may follow the plan"
out=$("$VCHNET" check --offline --bogus "$good/nics-2.yaml" 2>&1)
is "$?" 2 "an unknown option exits 2"
like "$out" "unknown option '--bogus'" "and names it"
out=$("$VCHNET" check "$good/nics-2.yaml" --url 2>&1)
is "$?" 2 "an option without its value exits 2"
like "$out" "option '--url' needs a value" "and says so (not 'unknown option')"
"$VCHNET" check --offline >/dev/null 2>&1
is "$?" 2 "no plan: exit 2"
out=$("$VCHNET" check --help)
is "$?" 0 "--help exits 0"

tap_done
