#!/bin/sh
# vchnet inventory against tests/vcsim over HTTPS: the inventory matches what the
# simulator was asked to create, for several shapes (special-character names, a
# duplicate name on two switches, a host detached from a network, NSX networks,
# standalone hosts, two datacenters), in at most 5 HTTP requests.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/vcsim.sh"

work=$(mktemp -d "${TMPDIR:-/tmp}/inv_shapes.XXXXXX")
trap 'rm -rf "$work"' EXIT

SPECIAL='web & db <prod> "blue" é'
QUOTE="it's spaced"

inv() { # run vchnet inventory against the current simulator
	VCHNET_PASSWORD=$VCSIM_PASSWORD "$VCHNET" inventory --url "$VCSIM_URL" \
		--username "$VCSIM_USERNAME" --thumbprint "$VCSIM_THUMBPRINT_SHA256" "$@"
}

kind_of() {
	case $1 in
	Network) echo standard ;;
	DistributedVirtualPortgroup) echo distributed ;;
	OpaqueNetwork) echo opaque ;;
	*) echo "?" ;;
	esac
}

# Every network of the simulator's -info file, resolved by id in a snapshot: kind,
# path, VLAN, hosts n of N (N = hosts of its datacenter), uplink and NSX flags.
check_networks() { # SNAPSHOT LABEL
	local snap=$1 label=$2 line moref type path hosts nhosts dc total vlan trunk uplink nsx
	local want got bad=0 n=0
	while IFS= read -r line; do
		moref=$(printf '%s' "$line" | sed -n 's/.*"moref":"[^":]*:\([^"]*\)".*/\1/p')
		type=$(printf '%s' "$line" | sed -n 's/.*"type":"\([^"]*\)".*/\1/p')
		dc=$(printf '%s' "$line" | sed -n 's/.*"datacenter":"\([^"]*\)".*/\1/p')
		hosts=$(printf '%s' "$line" | sed -n 's/.*"hosts":\[\([^]]*\)\].*/\1/p')
		if [ -z "$hosts" ]; then nhosts=0; else nhosts=$(printf '%s' "$hosts" | tr ',' '\n' | grep -c .); fi
		total=$(grep -c "\"datacenter\":\"$dc\",\"cluster\"" "$VCSIM_INFO_FILE")
		vlan=$(printf '%s' "$line" | sed -n 's/.*"vlan":\([0-9]*\).*/\1/p')
		trunk=$(printf '%s' "$line" | grep -c '"trunk":true')
		uplink=$(printf '%s' "$line" | grep -c '"uplink":true' | sed 's/1/yes/;s/0/no/')
		nsx=$(printf '%s' "$line" | grep -c '"nsx":true' | sed 's/1/yes/;s/0/no/')
		case $type in
		DistributedVirtualPortgroup)
			if [ "$trunk" = 1 ]; then vlan=trunk:0-4094; elif [ -z "$vlan" ]; then vlan=0; fi ;;
		*) vlan=- ;;
		esac
		want="kind=$(kind_of "$type") id=$moref vlan=$vlan hosts=$nhosts/$total uplink=$uplink nsx=$nsx"
		got=$("$VCHNET" inventory --inventory "$snap" --find "$moref" 2>&1 | sed 's/ switch=.*//')
		n=$((n + 1))
		if [ "$got" != "$want" ]; then
			bad=$((bad + 1))
			diag "$label: got  $got"
			diag "$label: want $want"
		fi
	done <<EOF
$(sed -n '/^  "networks": \[/,/^  \]/p' "$VCSIM_INFO_FILE" | grep '"moref"')
EOF
	tap_ok $(( bad != 0 || n < 3 )) "$label: all $n networks match the simulator (kind, VLAN, hosts n of N, uplink, NSX)"
}

# Every host: its row in the text table shows its compute resource and management IP.
check_hosts() { # TEXT LABEL
	local text=$1 label=$2 line name ip bad=0 n=0
	while IFS= read -r line; do
		name=$(printf '%s' "$line" | sed -n 's/.*"name":"\([^"]*\)".*/\1/p')
		ip=$(printf '%s' "$line" | sed -n 's/.*"mgmt_ip":"\([^"]*\)".*/\1/p')
		n=$((n + 1))
		if ! printf '%s\n' "$text" | grep -Eq "^  $name +[^ ]+ +connected +$ip "; then
			bad=$((bad + 1))
			diag "$label: no row for host $name with IP $ip"
		fi
	done <<EOF
$(sed -n '/^  "hosts": \[/,/^  \]/p' "$VCSIM_INFO_FILE" | grep '"moref"')
EOF
	tap_ok $(( bad != 0 || n < 2 )) "$label: all $n hosts listed with their management IP"
}

# ---- shape 1: one datacenter, everything special ----
vcsim_start -standalone-host 1 -pg 3 -nsx-pg 1 -nsx 2 -host-ip-base 10.20.0.11 \
	-pg-vlan-base 100 -pg-name "$SPECIAL" -pg-name "$QUOTE" -dup-pg DC0_DVPG1 \
	-detach DC0_C0_H1=DC0_DVPG0 || { echo "Bail out! vcsim did not start"; exit 1; }

text=$(inv 2>"$work/err")
tap_ok $? "shape 1: vchnet inventory succeeds"
is "$(cat "$work/err")" "" "shape 1: nothing on stderr"
is "$(vcsim_count _total)" 5 "shape 1: 5 HTTP requests from connect to logout"
is "$(vcsim_count Login)/$(vcsim_count Logout)/$(vcsim_count RetrievePropertiesEx)" "1/1/1" \
	"shape 1: one Login, one RetrievePropertiesEx, one Logout"
like "$text" "^Datacenter DC0 \(/DC0\)" "shape 1: datacenter heading"
like "$text" "^  DC0_C0 +cluster +3 +/DC0/host/DC0_C0$" "shape 1: the cluster with 3 hosts"
like "$text" "^  DC0_H0 +standalone +1 +/DC0/host/DC0_H0$" "shape 1: the standalone host's compute resource"
like "$text" "^  DC0_DVPG0 +distributed +DVS0 +100 +3 of 4 +no " "shape 1: the detached host is missing from DC0_DVPG0 (3 of 4)"
like "$text" "^  DC0_NSXPG0 +nsx +DVS0 " "shape 1: NSX-backed port group"
like "$text" "^  DVS0-DVUplinks-[0-9]+ +distributed +DVS0 +trunk 0-4094 +4 of 4 +yes " "shape 1: uplink port group flagged"
like "$text" "^  DC0_NSX0 +nsx.LogicalSwitch +[0-9a-f-]{36} +4 of 4 " "shape 1: opaque network with its id"
like "$text" "^  VM Network +4 of 4 +- +/DC0/network/VM Network$" "shape 1: standard network"
like "$text" "^  web & db <prod> \"blue\" é +distributed +DVS0 " "shape 1: special-character name shown as is"
check_hosts "$text" "shape 1"

ok "shape 1: --save writes a snapshot" inv --save "$work/s1.yaml"
check_networks "$work/s1.yaml" "shape 1"

out=$("$VCHNET" inventory --inventory "$work/s1.yaml" --find "$SPECIAL" 2>&1)
like "$out" "^kind=distributed id=$(vcsim_moid networks "$SPECIAL") .*path=/DC0/network/web & db <prod> \"blue\" é$" \
	"shape 1: the special name resolves to the simulator's port group"
out=$("$VCHNET" inventory --inventory "$work/s1.yaml" --find "$QUOTE" 2>&1)
like "$out" "^kind=distributed id=$(vcsim_moid networks "$QUOTE") " "shape 1: a name with a quote resolves"

out=$("$VCHNET" inventory --inventory "$work/s1.yaml" --find DC0_DVPG1 2>&1)
tap_ok $(( $? != 1 )) "shape 1: a duplicate name exits 1"
like "$out" "ambiguous" "shape 1: the duplicate name is reported as ambiguous"
is "$(printf '%s' "$out" | grep -o '/DC0/network/DC0_DVPG1 (id dvportgroup-[0-9]*)' | sort -u | wc -l)" 2 \
	"shape 1: both port groups are listed"
out=$(inv --find DC0_DVPG1 2>&1)
like "$out" "ambiguous" "shape 1: ambiguity against the live simulator too"

yaml=$(inv --format yaml 2>&1)
like "$yaml" '^kind: "Inventory"$' "shape 1: --format yaml"
# on a stream (maybe a terminal) every non-ASCII character is escaped; the saved
# snapshot keeps it as it is
like "$yaml" 'name: "web & db <prod> \\"blue\\" \\xE9"' "shape 1: YAML escapes the special name"
like "$(cat "$work/s1.yaml")" 'name: "web & db <prod> \\"blue\\" é"' "shape 1: the snapshot keeps é as it is"
unlike "$yaml$text" "$VCSIM_PASSWORD" "shape 1: no password in any output"
vcsim_stop

# ---- shape 2: two datacenters, two clusters each ----
vcsim_start -dc 2 -cluster 2 -host 2 -pg 2 -nsx 1 -ds 2 -host-ip-base 10.30.0.11 \
	-pg-vlan-base 200 || { echo "Bail out! vcsim did not start"; exit 1; }
text=$(inv 2>&1)
tap_ok $? "shape 2: vchnet inventory succeeds"
is "$(vcsim_count _total)" 5 "shape 2: still 5 HTTP requests for a bigger inventory"
like "$text" "^Datacenter DC1 \(/DC1\)" "shape 2: second datacenter"
like "$text" "^  DC1_C1 +cluster +2 +/DC1/host/DC1_C1$" "shape 2: DC1's second cluster"
check_hosts "$text" "shape 2"
ok "shape 2: --save" inv --save "$work/s2.yaml"
check_networks "$work/s2.yaml" "shape 2"
text=$(inv --datacenter DC1 2>&1)
like "$text" "^Datacenter DC1" "shape 2: --datacenter DC1 shows DC1"
unlike "$text" "DC0" "shape 2: --datacenter DC1 hides DC0"
out=$(inv --datacenter NoSuchDC 2>&1)
tap_ok $(( $? != 2 )) "shape 2: an unknown datacenter exits 2"
like "$out" 'no datacenter named "NoSuchDC"' "shape 2: and says so"
vcsim_stop

# ---- shape 3: the simulator's stock switch type ----
vcsim_start -stock-dvs-type -pg 1 -nsx 0 || { echo "Bail out! vcsim did not start"; exit 1; }
text=$(inv 2>&1)
tap_ok $? "shape 3: vchnet inventory succeeds with DistributedVirtualSwitch"
like "$text" "^  DC0_DVPG0 +distributed +DVS0 +0 +3 of 3 +no " "shape 3: port group on the stock switch type"
vcsim_stop

tap_done
