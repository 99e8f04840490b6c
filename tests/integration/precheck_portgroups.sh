#!/bin/bash
# precheck_portgroups.sh: the live part of "vchnet check" against tests/vcsim: port
# groups by name and by path (special characters too), not found with the candidates
# that fit the role, ambiguity, the same port group written two ways, hosts missing
# from a network, the uplink port group refused, a standard port group as bridge on
# vCenter refused, NSX accepted, the vMotion warning for a standard port group as
# public, client or management, patterns and relative paths as vic-machine's finder
# reads them, a switch named as a role, target objects, the same findings from an
# --inventory snapshot, and the exit codes.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/vcsim.sh"
. "$top_srcdir/tests/integration/firewall_lib.sh"

work=$(mktemp -d "${TMPDIR:-/tmp}/precheck_pg.XXXXXX")
trap 'rm -rf "$work"' EXIT

SPECIAL='web & db <prod> "blue" é'
YSPECIAL='"web & db <prod> \"blue\" é"'   # the same as a YAML double-quoted scalar

vcsim_start -scenario allow-all -pg-name "$SPECIAL" -pg-name "it's spaced" \
	-dup-pg DC0_DVPG1 -detach DC0_C0_H1=DC0_DVPG2 ||
	{ echo "Bail out! the simulator did not start"; exit 1; }
UPLINK=$(vcsim_info_field "$(vcsim_info_line switches DVS0)" uplink_portgroup)

plan() { # NAME YAML-LINES...: a plan under networks:
	local f=$work/$1.yaml
	shift
	fw_plan "$f" "$@"
	P=$f
}

# ---- a clean plan: names with special characters, by name and by path
plan clean '  bridge:' '    portGroup: DC0_DVPG0' '  public:' "    portGroup: $YSPECIAL" \
	'  client:' "    portGroup: \"it's spaced\"" \
	'  container:' '    - portGroup: DC0_NSX0' '      alias: nsx'
vch check "$P"
is "$rc" 0 "a clean plan with special-character names: exit 0"
unlike "$out" 'error:' "no errors"
like "$out" '^[^ ]*clean\.yaml' "findings (if any) name the file"
plan path '  bridge:' '    portGroup: DC0_DVPG0' '  public:' "    portGroup: \"/DC0/network/web & db <prod> \\\"blue\\\" é\""
vch check "$P"
is "$rc" 0 "the same port group by its inventory path: exit 0"

# ---- not found: vic-machine's message and the candidates of the role
plan notfound '  bridge:' '    portGroup: no-such-pg' '  public:' '    portGroup: gone'
vch check "$P"
is "$rc" 1 "port groups not found: exit 1"
like "$out" 'notfound\.yaml:11:5: error: An existing distributed port group or opaque network must be specified for bridge network on vCenter: network .no-such-pg. not found \[pg-not-found\]' \
	"bridge not found: vic-machine's message at the key's line and column"
bridge_hint=$(printf '%s\n' "$out" | grep -A1 'no-such-pg' | sed -n 's/^ *hint: //p')
like "$bridge_hint" '"DC0_DVPG0".*"DC0_NSX0"' "bridge candidates: distributed and NSX port groups"
like "$bridge_hint" '"web & db <prod> "blue" é"' "special-character names among the candidates"
unlike "$bridge_hint" 'VM Network' "no standard network offered for the bridge on vCenter"
unlike "$bridge_hint" "$UPLINK" "no uplink port group offered"
like "$out" 'error: Error checking network for --public-network: network .gone. not found \[pg-not-found\]' \
	"public not found: vic-machine's message"
pub_hint=$(printf '%s\n' "$out" | grep -A1 "network 'gone'" | sed -n 's/^ *hint: //p')
like "$pub_hint" '"VM Network"' "public candidates include standard networks"

# ---- ambiguous: two DVPGs named DC0_DVPG1 on two switches
plan ambig '  bridge:' '    portGroup: DC0_DVPG1' '  public:' '    portGroup: VM Network'
vch check "$P"
is "$rc" 1 "ambiguous bridge: exit 1"
like "$out" 'error: An existing distributed port group or opaque network must be specified for bridge network on vCenter: ambiguous network DC0_DVPG1 \[pg-ambiguous\]' \
	"ambiguous: vic-machine's message"
like "$out" 'matches 2 networks: /DC0/network/DC0_DVPG1 \(distributed on DVS0, id dvportgroup-[0-9]+\); /DC0/network/DC0_DVPG1 \(distributed on DVS1, id dvportgroup-[0-9]+\)' \
	"every match is listed, with its switch and id"

# ---- one port group written two ways
plan spell '  bridge:' '    portGroup: DC0_DVPG0' '  public:' '    portGroup: DC0_DVPG3' \
	'  client:' '    portGroup: /DC0/network/DC0_DVPG3'
vch check "$P"
like "$out" 'error: networks.client.portGroup "/DC0/network/DC0_DVPG3" and networks.public.portGroup "DC0_DVPG3" are the same port group .* written two ways.*\[pg-spelling\]' \
	"name vs path of the same port group is found"
plan spellbr '  bridge:' '    portGroup: /DC0/network/DC0_DVPG3' '  public:' '    portGroup: DC0_DVPG3'
vch check "$P"
is "$rc" 1 "bridge and public on one port group written two ways: exit 1"
like "$out" 'the bridge network must not be shared.*\[pg-spelling\]' "the hidden bridge conflict is named"

# ---- hosts missing from a network (-detach)
plan detached '  bridge:' '    portGroup: DC0_DVPG2' '  public:' '    portGroup: VM Network' \
	'  management:' '    portGroup: DC0_DVPG2'
vch check "$P"
like "$out" 'error: All cluster hosts must be in the vDS or Opaque Network. "DC0_DVPG2" is missing hosts: \[/DC0/host/DC0_C0/DC0_C0_H1\] \[pg-hosts-missing\]' \
	"bridge: vic-machine's membership message with the missing host"
like "$out" 'warning: 1 of 3 hosts of DC0_C0 are not attached to the management network "DC0_DVPG2" \(DC0_C0_H1\)' \
	"management: a warning naming the host"

# ---- uplink port group refused; standard port group as bridge on vCenter refused
plan uplink '  bridge:' "    portGroup: $UPLINK" '  public:' '    portGroup: VM Network'
vch check "$P"
is "$rc" 1 "uplink as bridge: exit 1"
like "$out" "error: \"$UPLINK\" is the uplink port group of distributed switch DVS0.*\\[pg-uplink\\]" \
	"the uplink port group is refused, with the reason"
plan uplinkpub '  bridge:' '    portGroup: DC0_DVPG0' '  public:' "    portGroup: $UPLINK"
vch check "$P"
like "$out" 'so the public network would not work.*\[pg-uplink\]' "refused for public too"
plan stdbridge '  bridge:' '    portGroup: VM Network' '  public:' '    portGroup: DC0_DVPG0'
vch check "$P"
is "$rc" 1 "standard port group as bridge on vCenter: exit 1"
like "$out" 'error: An existing distributed port group or opaque network must be specified for bridge network on vCenter: "VM Network" is not a Distributed Port Group or an Opaque Network \[pg-type\]' \
	"vic-machine's type message"
plan nsxbridge '  bridge:' '    portGroup: DC0_NSX1' '  public:' '    portGroup: VM Network'
vch check "$P"
is "$rc" 0 "an NSX (opaque) network as bridge: accepted"

# ---- public, client and management on a standard port group of vCenter: a warning
# (vic-machine accepts it; the endpoint VM could not be moved with vMotion)
like "$out" 'nsxbridge\.yaml:13:5: warning: the public, client and management networks are on "VM Network", a standard port group: it keeps the VCH.s endpoint VM from being moved with vMotion.* \[pg-standard-vmotion\]' \
	"VM Network for public (client and management following it): one warning naming the three roles, at public's key"
like "$out" 'hint: choose a distributed port group \(or an NSX network\) for it, so that vMotion and DRS can move the VCH between hosts' \
	"with the hint"
is "$(printf '%s\n' "$out" | grep -c 'pg-standard-vmotion')" 1 "once, not once per role"
plan stdmgmt '  bridge:' '    portGroup: DC0_DVPG0' '  public:' '    portGroup: DC0_DVPG3' \
	'  management:' '    portGroup: VM Network'
vch check "$P"
is "$rc" 0 "a standard port group for management only: exit 0 (a warning)"
like "$out" 'stdmgmt\.yaml:[0-9]+:5: warning: the management network "VM Network" is a standard port group.*\[pg-standard-vmotion\]' \
	"management alone on a standard port group: the warning names it, at its key"
unlike "$out" 'public, client|the client network' "public and client (distributed) are not named"
plan nostd '  bridge:' '    portGroup: DC0_DVPG0' '  public:' '    portGroup: DC0_DVPG3'
vch check "$P"
unlike "$out" 'pg-standard-vmotion' "every role on a distributed port group: no vMotion warning"

# ---- names as vic-machine's finder reads them: patterns, relative paths, switches
plan pattern '  bridge:' '    portGroup: "DC0_DVPG[0]"' '  public:' '    portGroup: network/DC0_DVPG3'
vch check "$P"
is "$rc" 0 "a pattern and a relative path that each find one port group: exit 0"
like "$out" 'DC0_DVPG\[0\]" is read by vic-machine.s finder as a pattern or relative path: it resolves to /DC0/network/DC0_DVPG0 \[pg-pattern\]' \
	"check says which port group a pattern resolved to"
like "$out" 'it resolves to /DC0/network/DC0_DVPG3 \[pg-pattern\]' "and a relative path"
plan patamb '  bridge:' '    portGroup: "DC0_DVPG?"' '  public:' '    portGroup: VM Network'
vch check "$P"
is "$rc" 1 "a pattern that matches several port groups: exit 1"
like "$out" 'error: An existing distributed port group or opaque network must be specified for bridge network on vCenter: ambiguous network DC0_DVPG\? \[pg-ambiguous\]' \
	"vic-machine's ambiguous network message"
plan patbad '  bridge:' '    portGroup: DC0_DVPG0' '  public:' '    portGroup: "VM Net["'
vch check "$P"
like "$out" 'error: Error checking network for --public-network: syntax error in pattern \[pg-pattern\]' \
	"a malformed pattern: vic-machine's message"
like "$out" 'error: Error checking network for --client-network: syntax error in pattern \[pg-pattern\]' \
	"once more for the client network, which defaults to public's"
plan switch '  bridge:' '    portGroup: DC0_DVPG0' '  public:' '    portGroup: DVS0'
vch check "$P"
is "$rc" 1 "a distributed switch as the public network: exit 1"
like "$out" 'is the distributed switch /DC0/network/DVS0, not a port group: vic-machine would accept the plan.*\[pg-switch\]' \
	"refused, saying vic-machine would accept it and why not"

# ---- target objects
# the usual plan, its compute resource and datastore renamed to ones that do not exist
fw_plan "$work/target.yaml"
sed -i 's|computeResource: DC0_C0|computeResource: NoCluster|; s|imageStore: LocalDS_0/vch|imageStore: NoStore|' \
	"$work/target.yaml"
vch check "$work/target.yaml"
is "$rc" 1 "missing compute resource and datastore: exit 1"
like "$out" 'target.yaml:7:3: error: compute resource "NoCluster" not found.*\[compute-not-found\]' "compute resource not found"
like "$out" 'error: image datastore "NoStore" not found.*\[imagestore-not-found\]' "image datastore not found"
unlike "$out" 'not found:  |not found: .*not found: ' "the not-found messages are not garbled or doubled"
# no compute resource or datastore at all: the live error, not also the offline warning
fw_plan "$work/notarget.yaml"
sed -i '/computeResource:/d; /imageStore:/d' "$work/notarget.yaml"
vch check "$work/notarget.yaml"
like "$out" 'error: target.imageStore is not set' "an unset image datastore is a live error"
unlike "$out" 'warning: target.imageStore is missing' "and not also the offline warning on the same key"

# ---- the same from a snapshot; connection and trust failures
vch check "$work/detached.yaml"
live=$out
vch inventory --save "$work/snap.yaml"
out=$("$VCHNET" check --inventory "$work/snap.yaml" "$work/detached.yaml" 2>&1)
is "$out" "$live" "--inventory SNAPSHOT gives the same findings as the live check"
out=$(VCHNET_PASSWORD=$VCSIM_PASSWORD "$VCHNET" check --url "$VCSIM_URL" --username "$VCSIM_USERNAME" \
	--known-hosts "$work/none" "$work/clean.yaml" 2>&1 </dev/null)
is "$?" 60 "untrusted certificate: exit 60"
vcsim_stop

tap_done
