#!/bin/sh
# Offline planning: vchnet inventory --save FILE writes a YAML snapshot without
# secrets (mode 0600); --inventory FILE gives back the same inventory with no
# connection settings at all; broken snapshots are usage errors (exit 2).
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/vcsim.sh"

work=$(mktemp -d "${TMPDIR:-/tmp}/inv_snapshot.XXXXXX")
trap 'rm -rf "$work"' EXIT
PW='snapshot-secret-pw'

vcsim_start -standalone-host 1 -nsx-pg 1 -pg-name 'a "b" & <c>' -username admin -password "$PW" \
	-host-ip-base 10.9.0.11 || { echo "Bail out! vcsim did not start"; exit 1; }

VCHNET_PASSWORD=$PW "$VCHNET" inventory --url "$VCSIM_URL" --username admin \
	--thumbprint "$VCSIM_THUMBPRINT_SHA256" --save "$work/snap.yaml" --format yaml \
	>"$work/live.yaml" 2>"$work/err"
tap_ok $? "--save with --format yaml"
like "$(cat "$work/err")" "saved the inventory snapshot to $work/snap.yaml" "--save says where"
is "$(stat -c %a "$work/snap.yaml")" 600 "the snapshot is private (0600)"
unlike "$(cat "$work/snap.yaml")" "$PW|password|cookie|vmware_soap_session" "the snapshot holds no secret"
like "$(head -1 "$work/snap.yaml")" "^# vchnet inventory snapshot: no secrets" "the snapshot says what it is"

# offline: no URL, no user, no password, nothing in the environment
env -u VCHNET_URL -u GOVC_URL -u VCHNET_USERNAME -u GOVC_USERNAME -u VCHNET_PASSWORD \
	"$VCHNET" inventory --inventory "$work/snap.yaml" --format yaml >"$work/offline.yaml" 2>&1
tap_ok $? "--inventory works without any connection setting"
ok "the snapshot loads back to the same inventory" cmp "$work/live.yaml" "$work/offline.yaml"
VCHNET_PASSWORD=$PW "$VCHNET" inventory --url "$VCSIM_URL" --username admin \
	--thumbprint "$VCSIM_THUMBPRINT_SHA256" >"$work/live.txt" 2>&1
"$VCHNET" inventory --inventory "$work/snap.yaml" >"$work/offline.txt" 2>&1
is "$(sed 1d "$work/offline.txt")" "$(sed 1d "$work/live.txt")" "text tables from the snapshot equal the live ones"
out=$("$VCHNET" inventory --inventory "$work/snap.yaml" --find 'a "b" & <c>' 2>&1)
like "$out" "^kind=distributed id=$(vcsim_moid networks 'a "b" & <c>') " "lookups work offline"
like "$out" " switch=DVS0 path=" "--find names the switch (not its id)"
out=$("$VCHNET" inventory --inventory "$work/snap.yaml" --find 'VM network' 2>&1)
is "$?" 1 "--find with the wrong case finds nothing (names are case-sensitive)"
like "$out" "Did you mean \"VM Network\"\? Network names are case-sensitive" \
	"... and suggests the name that differs only in case"

printf 'apiVersion: vchnet/v1\nkind: VCHNetworkPlan\n' >"$work/plan.yaml"
out=$("$VCHNET" inventory --inventory "$work/plan.yaml" 2>&1)
is "$?" 2 "a plan is not a snapshot: exit 2"
like "$out" "not a vchnet inventory snapshot" "and says so"
out=$("$VCHNET" inventory --inventory "$work/missing.yaml" 2>&1)
is "$?" 2 "a missing snapshot: exit 2"
like "$out" "cannot load the inventory snapshot: cannot open $work/missing.yaml" "and names the file"
printf 'apiVersion: vchnet/v1\nkind: Inventory\nhosts: [\n' >"$work/broken.yaml"
out=$("$VCHNET" inventory --inventory "$work/broken.yaml" 2>&1)
is "$?" 2 "broken YAML: exit 2"
like "$out" "broken.yaml:[0-9]+:[0-9]+: not valid YAML" "broken YAML: line and column"

out=$("$VCHNET" inventory --format xml --inventory "$work/snap.yaml" 2>&1)
is "$?" 2 "--format xml is a usage error"

tap_done
