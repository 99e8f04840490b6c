// Command refclient is the benchmarks' reference: the inventory that
// "vchnet inventory --format yaml" shows, fetched the usual govmomi way
// (Debian's golang-github-vmware-govmomi-dev) so that vchnet can be compared
// with what a Go tool on the same library costs.
//
// It asks for exactly the properties src/vsphere/inv_fetch.c asks for, per type, in
// one ContainerView (view package) and one RetrieveProperties (property
// package), decodes the result into govmomi's typed managed objects (mo),
// builds the inventory paths from the parent links and writes every object
// as YAML-like text to stdout, as vchnet does. Requests: RetrieveServiceContent,
// Login, CreateContainerView, RetrieveProperties, Logout (five, like vchnet), and
// one more RetrieveProperties when VCHs with container networks exist (their
// aliases' extraConfig keys, as vchnet). VMs come with the same properties as in
// vchnet, extraConfig key by key (config.extraConfig["KEY"]); VCH addresses are
// decoded from base64 as vchnet does.
//
//	refclient -url https://127.0.0.1:PORT/sdk -ca-file cert.pem
//	          [-username U] [-password P] [-quiet]
//
// The password may also come from VCHNET_PASSWORD. Exit status: 0, or 1 with
// a message on stderr.
package main

import (
	"bufio"
	"context"
	"encoding/base64"
	"flag"
	"fmt"
	"net"
	"net/url"
	"os"
	"sort"
	"strings"

	"github.com/vmware/govmomi/property"
	"github.com/vmware/govmomi/session"
	"github.com/vmware/govmomi/view"
	"github.com/vmware/govmomi/vim25"
	"github.com/vmware/govmomi/vim25/mo"
	"github.com/vmware/govmomi/vim25/soap"
	"github.com/vmware/govmomi/vim25/types"
)

// The same view types and per-type property paths as src/vsphere/inv_fetch.c.
var viewTypes = []string{
	"Folder", "Datacenter", "ComputeResource", "ResourcePool", "HostSystem",
	"Datastore", "Network", "DistributedVirtualSwitch", "VirtualMachine",
}

// The extraConfig keys of src/vsphere/inv_vch.c, read for every VM.
var vchKeys = func() []string {
	const p = "guestinfo.vice./"
	k := []string{p + "init/common/id", "init/common/name", p + "init/networks|bridge/network/Common/id",
		p + "network/container_networks|bridge/Common/id", p + "network/bridge-ip-range/IP",
		p + "network/bridge-ip-range/Mask", p + "network/container_networks"}
	for _, r := range []string{"public", "client", "management"} {
		k = append(k, p+"init/networks|"+r+"/ip/IP", p+"init/networks|"+r+"/ip/Mask",
			p+"init/networks|"+r+"/network/Common/id", p+"init/networks|"+r+"/network/gateway/IP")
	}
	return k
}()

func netKeys(alias string) []string {
	p := "guestinfo.vice./network/container_networks|" + alias + "/"
	k := []string{p + "Common/id", p + "gateway/IP", p + "gateway/Mask"}
	for i := 0; i < 4; i++ {
		k = append(k, fmt.Sprintf("%spools|%d/first", p, i), fmt.Sprintf("%spools|%d/last", p, i))
	}
	return k
}

func ecPath(k string) string { return `config.extraConfig["` + k + `"]` }

// takeEC moves the indexed extraConfig properties out of oc (the mo decoder does not
// know them) into ec[vm id].
func takeEC(oc *types.ObjectContent, ec map[string]map[string]string) {
	var keep []types.DynamicProperty
	for _, p := range oc.PropSet {
		if strings.HasPrefix(p.Name, `config.extraConfig["`) {
			k := strings.TrimSuffix(strings.TrimPrefix(p.Name, `config.extraConfig["`), `"]`)
			v := ""
			if ov, ok := p.Val.(types.OptionValue); ok {
				v, _ = ov.Value.(string)
			} else if ov, ok := p.Val.(*types.OptionValue); ok {
				v, _ = ov.Value.(string)
			}
			if ec[oc.Obj.Value] == nil {
				ec[oc.Obj.Value] = map[string]string{}
			}
			ec[oc.Obj.Value][k] = v
			continue
		}
		keep = append(keep, p)
	}
	oc.PropSet = keep
}

// ipText decodes vic-machine's base64 address (4 or 16 bytes) to text.
func ipText(v string) string {
	b, err := base64.StdEncoding.DecodeString(v)
	if err != nil || (len(b) != 4 && len(b) != 16) {
		return ""
	}
	return net.IP(b).String()
}

var propSpecs = []struct {
	typ   string
	paths []string
}{
	{"Folder", []string{"name", "parent"}},
	{"Datacenter", []string{"name", "parent"}},
	{"ComputeResource", []string{"name", "parent", "host", "resourcePool"}},
	{"ResourcePool", []string{"name", "parent", "owner"}},
	{"HostSystem", []string{"name", "parent", "runtime.connectionState", "runtime.inMaintenanceMode",
		"configManager.firewallSystem", "config.firewall",
		"config.virtualNicManagerInfo.netConfig", "config.network.vnic"}},
	{"Datastore", []string{"name", "parent", "host"}},
	{"Network", []string{"name", "parent", "host", "vm"}},
	{"DistributedVirtualPortgroup", []string{"key", "config", "tag"}},
	{"OpaqueNetwork", []string{"summary"}},
	{"DistributedVirtualSwitch", []string{"name", "parent", "uuid", "summary.hostMember",
		"config.uplinkPortgroup"}},
}

func fail(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, "refclient: "+format+"\n", args...)
	os.Exit(1)
}

// object is what the output needs of every managed object.
type object struct {
	id, typ, name, parent string
	path                  string
	v                     interface{} // the decoded mo value
	ec                    map[string]string
}

func main() {
	rawURL := flag.String("url", "", "vCenter SDK URL (https://host:port/sdk)")
	caFile := flag.String("ca-file", "", "PEM file of the CA (or self-signed certificate) to trust")
	user := flag.String("username", "user", "user name")
	pass := flag.String("password", "", "password (default: $VCHNET_PASSWORD)")
	quiet := flag.Bool("quiet", false, "print counts only, not the inventory")
	flag.Parse()
	if *rawURL == "" {
		fail("-url is required")
	}
	if *pass == "" {
		*pass = os.Getenv("VCHNET_PASSWORD")
	}
	u, err := url.Parse(*rawURL)
	if err != nil {
		fail("bad -url: %v", err)
	}
	ctx := context.Background()

	sc := soap.NewClient(u, false)
	if *caFile != "" {
		if err := sc.SetRootCAs(*caFile); err != nil {
			fail("-ca-file: %v", err)
		}
	}
	vc, err := vim25.NewClient(ctx, sc) // RetrieveServiceContent
	if err != nil {
		fail("connecting: %v", err)
	}
	sm := session.NewManager(vc)
	if err := sm.Login(ctx, url.UserPassword(*user, *pass)); err != nil {
		fail("login: %v", err)
	}

	cv, err := view.NewManager(vc).CreateContainerView(ctx, vc.ServiceContent.RootFolder, viewTypes, true)
	if err != nil {
		fail("CreateContainerView: %v", err)
	}
	// view.ContainerView.Retrieve takes one path list for every type; ours differ
	// per type, so the same filter spec is built here and sent through the
	// property package.
	var pspecs []types.PropertySpec
	for _, p := range propSpecs {
		pspecs = append(pspecs, types.PropertySpec{Type: p.typ, PathSet: p.paths})
	}
	vmPaths := []string{"name", "runtime.powerState", "resourcePool", "guest.net"}
	for _, k := range vchKeys {
		vmPaths = append(vmPaths, ecPath(k))
	}
	pspecs = append(pspecs, types.PropertySpec{Type: "VirtualMachine", PathSet: vmPaths})
	req := types.RetrieveProperties{SpecSet: []types.PropertyFilterSpec{{
		ObjectSet: []types.ObjectSpec{{
			Obj:  cv.Reference(),
			Skip: types.NewBool(true),
			SelectSet: []types.BaseSelectionSpec{&types.TraversalSpec{
				SelectionSpec: types.SelectionSpec{Name: "traverseView"},
				Type:          "ContainerView",
				Path:          "view",
			}},
		}},
		PropSet: pspecs,
	}}}
	res, err := property.DefaultCollector(vc).RetrieveProperties(ctx, req)
	if err != nil {
		fail("RetrieveProperties: %v", err)
	}

	ec := map[string]map[string]string{}
	for i := range res.Returnval {
		takeEC(&res.Returnval[i], ec)
	}
	// the VCHs' container networks: their aliases' keys, in one more request
	var vchObjs []types.ObjectSpec
	aliasSet := map[string]bool{}
	for id, m := range ec {
		if m["guestinfo.vice./init/common/id"] != "VirtualMachine:"+id {
			continue
		}
		vchObjs = append(vchObjs, types.ObjectSpec{Obj: types.ManagedObjectReference{Type: "VirtualMachine", Value: id}})
		for _, a := range strings.Split(m["guestinfo.vice./network/container_networks"], "|") {
			if a != "" && a != "bridge" {
				aliasSet[a] = true
			}
		}
	}
	if len(aliasSet) > 0 {
		var paths []string
		for a := range aliasSet {
			for _, k := range netKeys(a) {
				paths = append(paths, ecPath(k))
			}
		}
		more, err := property.DefaultCollector(vc).RetrieveProperties(ctx, types.RetrieveProperties{
			SpecSet: []types.PropertyFilterSpec{{ObjectSet: vchObjs,
				PropSet: []types.PropertySpec{{Type: "VirtualMachine", PathSet: paths}}}}})
		if err != nil {
			fail("RetrieveProperties (VCH container networks): %v", err)
		}
		for i := range more.Returnval {
			takeEC(&more.Returnval[i], ec)
		}
	}

	objs := make(map[string]*object, len(res.Returnval))
	list := make([]*object, 0, len(res.Returnval))
	for _, oc := range res.Returnval {
		v, err := mo.ObjectContentToType(oc)
		if err != nil {
			fail("decoding %s: %v", oc.Obj, err)
		}
		o := &object{id: oc.Obj.Value, typ: oc.Obj.Type, v: v, ec: ec[oc.Obj.Value]}
		fill(o)
		objs[o.id] = o
		list = append(list, o)
	}
	// the view dies with the session: no DestroyView, as vchnet
	if err := sm.Logout(ctx); err != nil {
		fail("logout: %v", err)
	}

	for _, o := range list {
		o.path = pathOf(objs, o, 0)
	}
	sort.Slice(list, func(i, j int) bool { return list[i].path < list[j].path })

	w := bufio.NewWriterSize(os.Stdout, 1<<16)
	defer w.Flush()
	if *quiet {
		counts := map[string]int{}
		for _, o := range list {
			counts[o.typ]++
		}
		for _, k := range sortedKeys(counts) {
			fmt.Fprintf(w, "%s: %d\n", k, counts[k])
		}
		return
	}
	fmt.Fprintf(w, "server:\n  url: %q\n  apiType: %q\n  apiVersion: %q\nobjects:\n", *rawURL,
		vc.ServiceContent.About.ApiType, vc.ServiceContent.About.ApiVersion)
	for _, o := range list {
		emit(w, o)
	}
}

func sortedKeys(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func refParent(p *types.ManagedObjectReference) string {
	if p == nil {
		return ""
	}
	return p.Value
}

// fill takes the name and parent out of the typed value.
func fill(o *object) {
	switch x := o.v.(type) {
	case mo.Folder:
		o.name, o.parent = x.Name, refParent(x.Parent)
	case mo.Datacenter:
		o.name, o.parent = x.Name, refParent(x.Parent)
	case mo.ClusterComputeResource:
		o.name, o.parent = x.Name, refParent(x.Parent)
	case mo.ComputeResource:
		o.name, o.parent = x.Name, refParent(x.Parent)
	case mo.ResourcePool:
		o.name, o.parent = x.Name, refParent(x.Parent)
	case mo.VirtualApp:
		o.name, o.parent = x.Name, refParent(x.Parent)
	case mo.HostSystem:
		o.name, o.parent = x.Name, refParent(x.Parent)
	case mo.Datastore:
		o.name, o.parent = x.Name, refParent(x.Parent)
	case mo.Network:
		o.name, o.parent = x.Name, refParent(x.Parent)
	case mo.DistributedVirtualPortgroup:
		o.name, o.parent = x.Name, refParent(x.Parent)
	case mo.OpaqueNetwork:
		o.name, o.parent = x.Name, refParent(x.Parent)
	case mo.DistributedVirtualSwitch:
		o.name, o.parent = x.Name, refParent(x.Parent)
	case mo.VmwareDistributedVirtualSwitch:
		o.name, o.parent = x.Name, refParent(x.Parent)
	case mo.VirtualMachine:
		o.name = x.Name
	}
}

// pathOf builds /DC/host/cluster/name from the parent links (the root folder,
// which the view does not return, is "/").
func pathOf(objs map[string]*object, o *object, depth int) string {
	if o.path != "" {
		return o.path
	}
	p, ok := objs[o.parent]
	if !ok || depth > 64 {
		o.path = "/" + o.name
		return o.path
	}
	o.path = pathOf(objs, p, depth+1) + "/" + o.name
	return o.path
}

func refs(l []types.ManagedObjectReference) string {
	s := make([]string, len(l))
	for i, r := range l {
		s[i] = fmt.Sprintf("%q", r.Value)
	}
	return "[" + strings.Join(s, ", ") + "]"
}

func emit(w *bufio.Writer, o *object) {
	fmt.Fprintf(w, "- id: %q\n  type: %q\n  name: %q\n  path: %q\n  parent: %q\n", o.id, o.typ,
		o.name, o.path, o.parent)
	switch x := o.v.(type) {
	case mo.ClusterComputeResource:
		fmt.Fprintf(w, "  cluster: true\n  hosts: %s\n  rootPool: %q\n", refs(x.Host), refParent(x.ResourcePool))
	case mo.ComputeResource:
		fmt.Fprintf(w, "  cluster: false\n  hosts: %s\n  rootPool: %q\n", refs(x.Host), refParent(x.ResourcePool))
	case mo.ResourcePool:
		fmt.Fprintf(w, "  owner: %q\n", x.Owner.Value)
	case mo.HostSystem:
		emitHost(w, &x)
	case mo.Datastore:
		ids := make([]types.ManagedObjectReference, len(x.Host))
		for i, m := range x.Host {
			ids[i] = m.Key
		}
		fmt.Fprintf(w, "  hosts: %s\n", refs(ids))
	case mo.Network:
		fmt.Fprintf(w, "  networkType: \"standard\"\n  hosts: %s\n  vms: %s\n", refs(x.Host), refs(x.Vm))
	case mo.VirtualMachine:
		var ips []string
		if x.Guest != nil {
			for _, n := range x.Guest.Net {
				ips = append(ips, n.IpAddress...)
			}
		}
		fmt.Fprintf(w, "  powerState: %q\n  resourcePool: %q\n  guestIPs: %q\n", x.Runtime.PowerState,
			refParent(x.ResourcePool), ips)
		if id := o.ec["guestinfo.vice./init/common/id"]; id == "VirtualMachine:"+o.id {
			fmt.Fprintf(w, "  vch:\n    name: %q\n    bridgeRange: %q\n", o.ec["init/common/name"],
				ipText(o.ec["guestinfo.vice./network/bridge-ip-range/IP"]))
			for _, r := range []string{"public", "client", "management"} {
				fmt.Fprintf(w, "    %s: {ip: %q, gateway: %q}\n", r,
					ipText(o.ec["guestinfo.vice./init/networks|"+r+"/ip/IP"]),
					ipText(o.ec["guestinfo.vice./init/networks|"+r+"/network/gateway/IP"]))
			}
		}
	case mo.DistributedVirtualPortgroup:
		emitDVPG(w, &x)
	case mo.OpaqueNetwork:
		if s, ok := x.Summary.(*types.OpaqueNetworkSummary); ok {
			fmt.Fprintf(w, "  networkType: \"opaque\"\n  opaqueId: %q\n  opaqueType: %q\n",
				s.OpaqueNetworkId, s.OpaqueNetworkType)
		}
		fmt.Fprintf(w, "  hosts: %s\n", refs(x.Host))
	case mo.DistributedVirtualSwitch:
		emitSwitch(w, &x)
	case mo.VmwareDistributedVirtualSwitch:
		emitSwitch(w, &x.DistributedVirtualSwitch)
	}
}

func emitHost(w *bufio.Writer, h *mo.HostSystem) {
	fmt.Fprintf(w, "  connectionState: %q\n  maintenance: %v\n", h.Runtime.ConnectionState,
		h.Runtime.InMaintenanceMode)
	if h.ConfigManager.FirewallSystem != nil {
		fmt.Fprintf(w, "  firewallSystem: %q\n", h.ConfigManager.FirewallSystem.Value)
	}
	if h.Config == nil {
		return
	}
	var ips []string
	if vm := h.Config.VirtualNicManagerInfo; vm != nil {
		for _, nc := range vm.NetConfig {
			if nc.NicType != "management" {
				continue
			}
			for _, c := range nc.CandidateVnic {
				for _, sel := range nc.SelectedVnic {
					if strings.HasSuffix(sel, c.Key) && c.Spec.Ip != nil {
						ips = append(ips, c.Spec.Ip.IpAddress)
					}
				}
			}
		}
	}
	if len(ips) == 0 && h.Config.Network != nil {
		for _, v := range h.Config.Network.Vnic {
			if (v.Portgroup == "Management Network" || v.Device == "vmk0") && v.Spec.Ip != nil {
				ips = append(ips, v.Spec.Ip.IpAddress)
			}
		}
	}
	fmt.Fprintf(w, "  managementIPs: [%s]\n", strings.Join(ips, ", "))
	fw := h.Config.Firewall
	if fw == nil {
		return
	}
	fmt.Fprintf(w, "  firewall:\n    incomingBlocked: %v\n    outgoingBlocked: %v\n    rulesets:\n",
		fw.DefaultPolicy.IncomingBlocked != nil && *fw.DefaultPolicy.IncomingBlocked,
		fw.DefaultPolicy.OutgoingBlocked != nil && *fw.DefaultPolicy.OutgoingBlocked)
	for _, r := range fw.Ruleset {
		fmt.Fprintf(w, "    - key: %q\n      label: %q\n      enabled: %v\n      required: %v\n      rules:\n",
			r.Key, r.Label, r.Enabled, r.Required)
		for _, ru := range r.Rule {
			fmt.Fprintf(w, "      - {port: %d, endPort: %d, direction: %q, portType: %q, protocol: %q}\n",
				ru.Port, ru.EndPort, ru.Direction, ru.PortType, ru.Protocol)
		}
		if a := r.AllowedHosts; a != nil {
			fmt.Fprintf(w, "      allIp: %v\n      ipAddresses: [%s]\n", a.AllIp, strings.Join(a.IpAddress, ", "))
			for _, n := range a.IpNetwork {
				fmt.Fprintf(w, "      - %s/%d\n", n.Network, n.PrefixLength)
			}
		} else {
			fmt.Fprintf(w, "      allIp: true\n")
		}
	}
}

func emitDVPG(w *bufio.Writer, n *mo.DistributedVirtualPortgroup) {
	c := &n.Config
	fmt.Fprintf(w, "  networkType: \"distributed\"\n  key: %q\n  vms: %s\n", n.Key, refs(n.Vm))
	if c.DistributedVirtualSwitch != nil {
		fmt.Fprintf(w, "  switch: %q\n", c.DistributedVirtualSwitch.Value)
	}
	if s, ok := c.DefaultPortConfig.(*types.VMwareDVSPortSetting); ok && s.Vlan != nil {
		switch v := s.Vlan.(type) {
		case *types.VmwareDistributedVirtualSwitchVlanIdSpec:
			fmt.Fprintf(w, "  vlan: %d\n", v.VlanId)
		case *types.VmwareDistributedVirtualSwitchTrunkVlanSpec:
			parts := make([]string, len(v.VlanId))
			for i, r := range v.VlanId {
				parts[i] = fmt.Sprintf("%d-%d", r.Start, r.End)
			}
			fmt.Fprintf(w, "  vlanRanges: %q\n", strings.Join(parts, ","))
		case *types.VmwareDistributedVirtualSwitchPvlanSpec:
			fmt.Fprintf(w, "  pvlan: %d\n", v.PvlanId)
		}
	}
	uplink := c.Uplink != nil && *c.Uplink
	for _, t := range n.Tag {
		if strings.Contains(t.Key, "UPLINKPG") {
			uplink = true
		}
	}
	fmt.Fprintf(w, "  uplink: %v\n  nsx: %v\n", uplink, c.BackingType == "nsx" || c.LogicalSwitchUuid != "")
	if c.LogicalSwitchUuid != "" {
		fmt.Fprintf(w, "  logicalSwitchUuid: %q\n", c.LogicalSwitchUuid)
	}
	fmt.Fprintf(w, "  hosts: %s\n", refs(n.Host))
}

func emitSwitch(w *bufio.Writer, s *mo.DistributedVirtualSwitch) {
	fmt.Fprintf(w, "  uuid: %q\n  hosts: %s\n", s.Uuid, refs(s.Summary.HostMember))
	if s.Config != nil {
		fmt.Fprintf(w, "  uplinkPortgroups: %s\n", refs(s.Config.GetDVSConfigInfo().UplinkPortgroup))
	}
}
