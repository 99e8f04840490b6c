#!/bin/bash
# vcsim_inventory.sh: each shape flag shows up over the SOAP API, the
# stock simulator's inconsistencies are repaired (every list consistent, no
# aliasing), custom names come back correctly escaped, and -info agrees
# with what SOAP returns. Ends with the demo preset.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/vcsim.sh"

tap_plan 58

# objs VIEW TYPE: the moref values of TYPE objects in the view, sorted.
objs() {
	vcsim_props "$1" "$2" name | sed -n 's/^<objects><obj type="[^"]*">\([^<]*\)<.*/\1/p' | sort
}
# prop TYPE MOID PATH: the raw <val> of one property (tags kept).
prop() {
	vcsim_obj_props "$1" "$2" "$3" | sed -n 's/.*<propSet><name>[^<]*<\/name><val[^>]*>\(.*\)<\/val><\/propSet>.*/\1/p'
}
# refs TYPE MOID PATH: the morefs of a reference-array property, one per line.
refs() {
	prop "$@" | sed 's/<ManagedObjectReference/\n&/g' | sed -n 's/^<ManagedObjectReference type="[^"]*">\([^<]*\)<.*/\1/p'
}
# ds_hosts MOID: the hosts a datastore is mounted on (DatastoreHostMount.key), sorted.
ds_hosts() {
	prop Datastore "$1" host | grep -o '<key type="HostSystem">[^<]*' | sed 's/.*>//' | sort
}
# names KIND... : moref values -> names through the -info file.
info_moids_of() { # KIND NAME... -> sorted moref values
	local kind=$1 n
	shift
	for n in "$@"; do vcsim_moid "$kind" "$n"; done | sort
}
count() { printf '%s\n' "$1" | grep -c .; }

# 1. Shape flags, several of each.
vcsim_start -dc 2 -cluster 2 -host 2 -standalone-host 1 -pg 3 -nsx-pg 1 -nsx 2 -ds 2 \
	-pg-vlan-base 100 -host-ip-base 192.168.50.11 ||
	{ echo "Bail out! the simulator did not start"; exit 1; }
vcsim_login || { echo "Bail out! login failed"; exit 1; }
v=$(vcsim_view Datacenter ClusterComputeResource HostSystem DistributedVirtualPortgroup OpaqueNetwork Datastore VmwareDistributedVirtualSwitch Network)
is "$(count "$(objs "$v" Datacenter)")" 2 "-dc 2: two datacenters"
is "$(count "$(objs "$v" ClusterComputeResource)")" 4 "-cluster 2: two clusters per datacenter"
is "$(count "$(objs "$v" HostSystem)")" 10 "-host 2 -standalone-host 1: five hosts per datacenter"
is "$(count "$(objs "$v" DistributedVirtualPortgroup)")" 10 "-pg 3 -nsx-pg 1: five DVPGs per datacenter (with the uplink)"
is "$(count "$(objs "$v" OpaqueNetwork)")" 4 "-nsx 2: two opaque networks per datacenter"
is "$(count "$(objs "$v" Datastore)")" 4 "-ds 2: two datastores per datacenter"
is "$(count "$(objs "$v" VmwareDistributedVirtualSwitch)")" 2 "one switch per datacenter, typed VmwareDistributedVirtualSwitch"
is "$(objs "$v" HostSystem)" "$(sed -n 's/.*"moref":"HostSystem:\([^"]*\)".*/\1/p' "$VCSIM_INFO_FILE" | sort)" \
	"-info lists the same hosts as SOAP"
is "$(objs "$v" Network)" "$(sed -n '/"networks": \[/,/^  \]/s/.*"moref":"[A-Za-z]*:\([^"]*\)".*/\1/p' "$VCSIM_INFO_FILE" | sort)" \
	"-info lists the same networks as SOAP (a Network view includes DVPGs and opaque networks)"

h0=$(vcsim_moid hosts DC0_C0_H0)
h1=$(vcsim_moid hosts DC0_C0_H1)
like "$(prop HostSystem "$h0" config.network.vnic)" '<device>vmk0</device>.*<ip><dhcp>false</dhcp><ipAddress>192.168.50.11</ipAddress><subnetMask>255.255.255.0</subnetMask></ip>' \
	"-host-ip-base: the first host's vmk0 is static 192.168.50.11/24"
like "$(prop HostSystem "$h1" config.network.vnic)" '<ipAddress>192.168.50.12</ipAddress>' "the next host gets .12"
like "$(prop HostSystem "$h1" config.virtualNicManagerInfo)" '<nicType>management</nicType>.*<ipAddress>192.168.50.12</ipAddress>' \
	"the management NIC config shows the same IP"
is "$(vcsim_info_field "$(vcsim_info_line hosts DC0_H0)" mgmt_ip)" 192.168.50.15 "-info: the standalone host comes after the cluster hosts"

pg0=$(vcsim_moid networks DC0_DVPG0)
pg1=$(vcsim_moid networks DC0_DVPG1)
like "$(prop DistributedVirtualPortgroup "$pg0" config.defaultPortConfig)" '<vlan [^>]*type="VmwareDistributedVirtualSwitchVlanIdSpec"><inherited>false</inherited><vlanId>100</vlanId></vlan>' \
	"-pg-vlan-base 100: the first DVPG has VLAN 100"
like "$(prop DistributedVirtualPortgroup "$pg1" config.defaultPortConfig)" '<vlanId>101</vlanId>' "the next one VLAN 101"
is "$(prop DistributedVirtualPortgroup "$pg0" config.type)" earlyBinding "DVPGs are earlyBinding"
is "$(prop DistributedVirtualPortgroup "$pg0" config.uplink)" false "a normal DVPG is not an uplink"
up=$(vcsim_moid networks DVS0-DVUplinks-9)
is "$(prop DistributedVirtualPortgroup "$up" config.uplink)" true "the uplink port group has config.uplink=true"
like "$(prop DistributedVirtualPortgroup "$up" tag)" '<key>SYSTEM/DVS.UPLINKPG</key>' "and a tag whose key contains UPLINKPG"
sw=$(vcsim_moid switches DVS0)
is "$(refs VmwareDistributedVirtualSwitch "$sw" config.uplinkPortgroup)" "$up" "the switch's config.uplinkPortgroup names it"
like "$(prop VmwareDistributedVirtualSwitch "$sw" config.host)" "<config><host type=\"HostSystem\">$h0</host>" "the switch's config.host lists member hosts"
like "$(prop DistributedVirtualPortgroup "$pg0" config.distributedVirtualSwitch)" "^$sw\$" "config.distributedVirtualSwitch points to the switch"

nsxpg=$(vcsim_moid networks DC0_NSXPG0)
is "$(prop DistributedVirtualPortgroup "$nsxpg" config.backingType)" nsx "-nsx-pg: backingType nsx"
is "$(prop DistributedVirtualPortgroup "$nsxpg" config.logicalSwitchUuid)" \
	"$(vcsim_info_field "$(vcsim_info_line networks DC0_NSXPG0)" logical_id)" "logicalSwitchUuid as in -info"

on=$(vcsim_moid networks DC0_NSX0)
like "$(prop OpaqueNetwork "$on" summary)" '<opaqueNetworkType>nsx.LogicalSwitch</opaqueNetworkType>' "-nsx: an NSX opaque network"
dc0hosts=$(info_moids_of hosts DC0_C0_H0 DC0_C0_H1 DC0_C1_H0 DC0_C1_H1 DC0_H0)
is "$(refs OpaqueNetwork "$on" host | sort)" "$dc0hosts" "the opaque network lists every host of its datacenter"
like "$(refs HostSystem "$h0" network | tr '\n' ' ')" " $on " "and is in host.network"
c0=$(vcsim_moid clusters DC0_C0)
like "$(refs ClusterComputeResource "$c0" network | tr '\n' ' ')" " $on " "and in cluster.network"
vmnet=$(vcsim_moid networks "VM Network")
is "$(refs Network "$vmnet" host | sort)" "$dc0hosts" "VM Network lists every host of its datacenter"

dc0=$(vcsim_info_field "$(vcsim_info_line datacenters DC0)" moref | sed 's/.*://')
dcnets=$(refs Datacenter "$dc0" network)
is "$(count "$dcnets")" "$(printf '%s\n' "$dcnets" | sort -u | grep -c .)" "Datacenter.network has no duplicates (stock aliasing fixed)"
is "$(count "$dcnets")" 8 "Datacenter.network: VM Network, 5 DVPGs, 2 opaque networks (no switch)"
like "$(refs HostSystem "$h0" network | tr '\n' ' ')" "$pg1" "host.network lists the DVPGs"
is "$(count "$(refs HostSystem "$h0" network)")" 8 "host.network: every network of the datacenter"
ds0=$(vcsim_moid datastores LocalDS_0)
is "$(ds_hosts "$ds0")" "$dc0hosts" "datastore.host mounts every host (stock: only the last)"
like "$ds0" '^datastore-[0-9]+$' "datastores get vCenter-like morefs"

# Creating a port group through the API on the VMware-typed switch.
r=$(vcsim_soap "<AddDVPortgroup_Task xmlns=\"urn:vim25\"><_this type=\"VmwareDistributedVirtualSwitch\">$sw</_this><spec><name>vch-new</name><type>earlyBinding</type><numPorts>8</numPorts><defaultPortConfig xsi:type=\"VMwareDVSPortSetting\"><vlan xsi:type=\"VmwareDistributedVirtualSwitchVlanIdSpec\"><inherited>false</inherited><vlanId>42</vlanId></vlan></defaultPortConfig></spec></AddDVPortgroup_Task>")
task=$(printf '%s' "$r" | sed -n 's/.*<returnval type="Task">\([^<]*\)<.*/\1/p')
is "$(prop Task "$task" info.state)" success "AddDVPortgroup_Task on the VmwareDistributedVirtualSwitch succeeds"
newpg=$(vcsim_props "$(vcsim_view DistributedVirtualPortgroup)" DistributedVirtualPortgroup name |
	grep '>vch-new</val>' | sed -n 's/^<objects><obj type="[^"]*">\([^<]*\)<.*/\1/p')
like "$(prop DistributedVirtualPortgroup "$newpg" config.defaultPortConfig)" '<vlanId>42</vlanId>' "the new port group has its VLAN"
like "$(refs VmwareDistributedVirtualSwitch "$sw" portgroup | tr '\n' ' ')" "$newpg" "the switch lists it"
is "$(refs DistributedVirtualPortgroup "$newpg" host | sort)" "$dc0hosts" "it reaches every member host"
cl=$(refs ClusterComputeResource "$c0" network)
is "$(count "$cl")" "$(printf '%s\n' "$cl" | sort -u | grep -c .)" "cluster.network stays free of duplicates"
vcsim_stop

# 2. Names that need escaping, duplicates, detach, datastore mounts.
weird='Prod & <Test> "quoted" '"'single'"' Zürich, 東京'
vcsim_start -pg 2 -pg-name "$weird" -pg-names 'alpha,beta' -dup-pg DC0_DVPG1 \
	-detach 'DC0_C0_H1=DC0_DVPG0' -detach 'DC0_C0_H2=DC0_NSX1' -ds 2 -ds-hosts 'LocalDS_1=DC0_C0_H0,#2' ||
	{ echo "Bail out! the simulator did not start"; exit 1; }
vcsim_login
wid=$(vcsim_moid networks "$weird")
like "$wid" '^dvportgroup-' "-pg-name: a DVPG with a name full of special characters exists"
raw=$(prop DistributedVirtualPortgroup "$wid" name)
unlike "$raw" '<Test>|& ' "its name is XML-escaped on the wire"
is "$(vcsim_xml_unescape "$raw")" "$weird" "and unescapes to the exact name (commas and UTF-8 kept)"
is "$(vcsim_xml_unescape "$(prop DistributedVirtualPortgroup "$wid" config.name)")" "$weird" "config.name too"
ok "-pg-names 'alpha,beta': two more DVPGs" test -n "$(vcsim_moid networks alpha)" -a -n "$(vcsim_moid networks beta)"

v=$(vcsim_view DistributedVirtualPortgroup)
dups=$(vcsim_props "$v" DistributedVirtualPortgroup name | grep -c '>DC0_DVPG1</val>')
is "$dups" 2 "-dup-pg: two DVPGs named DC0_DVPG1"
dupline=$(grep '"name":"DC0_DVPG1",' "$VCSIM_INFO_FILE" | grep '"switch":"DVS1"')
dupid=$(vcsim_info_field "$dupline" moref | sed 's/.*://')
sw1=$(vcsim_moid switches DVS1)
like "$sw1" '^dvs-' "-dup-pg: a second switch DVS1"
is "$(prop DistributedVirtualPortgroup "$dupid" config.distributedVirtualSwitch)" "$sw1" "the duplicate lives on DVS1"

pg0=$(vcsim_moid networks DC0_DVPG0)
h1=$(vcsim_moid hosts DC0_C0_H1)
unlike "$(refs DistributedVirtualPortgroup "$pg0" host | tr '\n' ' ')" "$h1( |\$)" "-detach: the host is not in network.host"
unlike "$(refs HostSystem "$h1" network | tr '\n' ' ')" "$pg0( |\$)" "-detach: the network is not in host.network"
nsx1=$(vcsim_moid networks DC0_NSX1)
h2=$(vcsim_moid hosts DC0_C0_H2)
is "$(count "$(refs OpaqueNetwork "$nsx1" host)")" 2 "-detach works for opaque networks too"
c0=$(vcsim_moid clusters DC0_C0)
like "$(refs ClusterComputeResource "$c0" network | tr '\n' ' ')" "$pg0" "the cluster still sees the network through its other hosts"

ds1=$(vcsim_moid datastores LocalDS_1)
h0=$(vcsim_moid hosts DC0_C0_H0)
is "$(ds_hosts "$ds1")" "$(info_moids_of hosts DC0_C0_H0 DC0_C0_H2)" "-ds-hosts: the datastore mounts only the listed hosts"
unlike "$(refs HostSystem "$h1" datastore | tr '\n' ' ')" "$ds1" "and the other hosts do not list it"
vcsim_stop

# 3. The demo preset.
vcsim_start -preset demo || { echo "Bail out! the simulator did not start"; exit 1; }
vcsim_login
v=$(vcsim_view HostSystem Network ClusterComputeResource)
names=$(vcsim_props "$v" HostSystem name | sed -n 's/.*<val[^>]*>\([^<]*\)<\/val>.*/\1/p' | sort | tr '\n' ' ')
is "$names" "esx-dev-01.lab.local esx-dev-02.lab.local esx-prod-01.lab.local esx-prod-02.lab.local esx-prod-03.lab.local esx-prod-04.lab.local " \
	"demo: six hosts with realistic names"
nets=$(vcsim_props "$v" Network name | sed -n 's/.*<val[^>]*>\([^<]*\)<\/val>.*/\1/p' | sort | tr '\n' ' ')
like "$nets" 'Client-VLAN20 Containers-Isolated Containers-Routable DSwitch-Prod-DVUplinks-[0-9]+ Mgmt-VLAN10 Prod-VLAN100 VM Network nsx-seg-db nsx-seg-web vch-02-bridge vch-bridge-01 vch-bridge-02' \
	"demo: the port groups, NSX segments and VM Network"
is "$(vcsim_info_field "$(vcsim_info_line clusters Prod-Cluster)" hosts)" \
	'["esx-prod-01.lab.local","esx-prod-02.lab.local","esx-prod-03.lab.local","esx-prod-04.lab.local"]' "demo: Prod-Cluster has four hosts"
is "$(grep -o '"firewall":"[a-z-]*"' "$VCSIM_INFO_FILE" | sort | uniq -c | tr -s ' ' | tr '\n' ';')" \
	' 4 "firewall":"allow"; 1 "firewall":"disabled"; 1 "firewall":"restricted";' "demo: most hosts allow, one disabled, one restricted"

tap_done
