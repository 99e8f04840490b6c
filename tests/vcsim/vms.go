package main

// Virtual machines: plain VMs attached to chosen networks with the guest IPs
// VMware Tools would report (-add-vm, -vms), and VCH endpoint VMs carrying
// the extraConfig vic-machine 1.5 writes, each in its own resource pool with
// container VMs on its bridge (-vch). The stock simulator does not keep
// Network.vm, nor does it collect indexed property paths such as
// config.extraConfig["key"] (vCenter does): indexPC and syncNetworkVMs add
// both.

import (
	"context"
	"encoding/base64"
	"fmt"
	"net"
	"regexp"
	"strconv"
	"strings"

	"github.com/vmware/govmomi/object"
	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/vim25/methods"
	"github.com/vmware/govmomi/vim25/soap"
	"github.com/vmware/govmomi/vim25/types"
)

// vmSpec is one -add-vm: NAME=NET[,NET...][@IP[,IP...]][!off]
type vmSpec struct {
	name string
	nets []string
	ips  []string
	off  bool
	pool *types.ManagedObjectReference // a VCH's pool (container VMs)
}

// vchSpec is one -vch NAME:key=value,... (see the README).
type vchSpec struct {
	name       string
	bridge     string
	bridgeCIDR string // 172.16.0.0/16
	public     string
	publicIP   string // 10.0.0.5/24, "" = DHCP
	gateway    string
	client     string
	clientIP   string
	mgmt       string
	mgmtIP     string
	cnets      []cnetSpec
	containers int
}

type cnetSpec struct {
	pg, alias, gateway, pool string // pool: FIRST-LAST
}

func parseVMSpec(s string) (*vmSpec, error) {
	v := &vmSpec{}
	if strings.HasSuffix(s, "!off") {
		v.off = true
		s = strings.TrimSuffix(s, "!off")
	}
	eq := strings.Index(s, "=")
	if eq <= 0 {
		return nil, fmt.Errorf("-add-vm %q: want NAME=NETWORK[,NETWORK][@IP[,IP]][!off]", s)
	}
	v.name = s[:eq]
	rest := s[eq+1:]
	if at := strings.LastIndex(rest, "@"); at >= 0 {
		for _, ip := range strings.Split(rest[at+1:], ",") {
			if net.ParseIP(ip) == nil {
				return nil, fmt.Errorf("-add-vm %q: %q is not an IP address", s, ip)
			}
			v.ips = append(v.ips, ip)
		}
		rest = rest[:at]
	}
	for _, n := range strings.Split(rest, ",") {
		if n != "" {
			v.nets = append(v.nets, n)
		}
	}
	return v, nil
}

func parseVCHSpec(s string) (*vchSpec, error) {
	colon := strings.Index(s, ":")
	if colon <= 0 {
		return nil, fmt.Errorf("-vch %q: want NAME:bridge=PG,...", s)
	}
	v := &vchSpec{name: s[:colon], bridgeCIDR: "172.16.0.0/16"}
	for _, kv := range strings.Split(s[colon+1:], ",") {
		eq := strings.Index(kv, "=")
		if eq <= 0 {
			return nil, fmt.Errorf("-vch %q: %q is not key=value", s, kv)
		}
		k, val := kv[:eq], kv[eq+1:]
		switch k {
		case "bridge":
			v.bridge = val
		case "range":
			v.bridgeCIDR = val
		case "public":
			v.public = val
		case "ip":
			v.publicIP = val
		case "gw":
			v.gateway = val
		case "client":
			v.client = val
		case "client-ip":
			v.clientIP = val
		case "management":
			v.mgmt = val
		case "management-ip":
			v.mgmtIP = val
		case "cnet":
			// PG:ALIAS:GATEWAY/PREFIX:FIRST-LAST
			p := strings.Split(val, ":")
			if len(p) != 4 {
				return nil, fmt.Errorf("-vch %q: cnet=%q: want PG:ALIAS:GATEWAY/PREFIX:FIRST-LAST", s, val)
			}
			v.cnets = append(v.cnets, cnetSpec{p[0], p[1], p[2], p[3]})
		case "containers":
			n, err := strconv.Atoi(val)
			if err != nil || n < 0 {
				return nil, fmt.Errorf("-vch %q: containers=%q is not a count", s, val)
			}
			v.containers = n
		default:
			return nil, fmt.Errorf("-vch %q: unknown key %q", s, k)
		}
	}
	if v.bridge == "" || v.public == "" {
		return nil, fmt.Errorf("-vch %q: bridge= and public= are required", s)
	}
	return v, nil
}

// b64IP encodes an IPv4 address the way vic-machine does: 16 bytes
// (IPv4-mapped) for interface addresses, 4 for ranges and pools.
func b64IP(ip string, mapped bool) string {
	p := net.ParseIP(ip).To4()
	if p == nil {
		return ""
	}
	if mapped {
		return base64.StdEncoding.EncodeToString(net.IP(p).To16())
	}
	return base64.StdEncoding.EncodeToString(p)
}

func b64Mask(prefix int) string {
	return base64.StdEncoding.EncodeToString(net.CIDRMask(prefix, 32))
}

func splitCIDR(c string) (string, int) {
	ip, n, err := net.ParseCIDR(c)
	if err != nil {
		return "", 0
	}
	ones, _ := n.Mask.Size()
	return ip.String(), ones
}

// vchExtraConfig is what vic-machine 1.5 writes (the keys that describe the
// networks, plus a few others so the VM looks like the real thing).
func vchExtraConfig(v *vchSpec, self types.ManagedObjectReference, pgs map[string]types.ManagedObjectReference) []types.BaseOptionValue {
	const p = "guestinfo.vice./"
	ec := map[string]string{
		p + "init/common/id":                        self.Type + ":" + self.Value,
		"init/common/name":                          v.name,
		p + "init/version/Version":                  "v1.5.8",
		p + "init/networks":                         "bridge|client|management|public",
		p + "network/bridge_network":                "bridge",
		p + "create_bridge_network":                 "false",
		p + "init/networks|bridge/network/Common/name": "bridge",
	}
	ref := func(name string) string {
		r := pgs[name]
		return r.Type + ":" + r.Value
	}
	ec[p+"init/networks|bridge/network/Common/id"] = ref(v.bridge)
	ec[p+"network/container_networks|bridge/Common/id"] = ref(v.bridge)
	// on a configured VCH this key holds the NIC's device key, not a port group
	ec[p+"init/networks|bridge/Common/id"] = "1216"
	ip, pre := splitCIDR(v.bridgeCIDR)
	ec[p+"network/bridge-ip-range/IP"] = b64IP(ip, false)
	ec[p+"network/bridge-ip-range/Mask"] = b64Mask(pre)
	roles := []struct{ role, pg, ip string }{
		{"public", v.public, v.publicIP},
		{"client", v.client, v.clientIP},
		{"management", v.mgmt, v.mgmtIP},
	}
	for i := range roles {
		// client defaults to public, management to client
		if roles[i].pg == "" && i > 0 {
			roles[i].pg, roles[i].ip = roles[i-1].pg, roles[i-1].ip
		}
		r := roles[i]
		k := p + "init/networks|" + r.role + "/"
		ec[k+"network/Common/id"] = ref(r.pg)
		ec[k+"network/Common/name"] = r.role
		if r.ip != "" {
			a, n := splitCIDR(r.ip)
			ec[k+"ip/IP"] = b64IP(a, true)
			ec[k+"ip/Mask"] = b64Mask(n)
			ec[k+"static"] = "true"
			if v.gateway != "" {
				ec[k+"network/gateway/IP"] = b64IP(v.gateway, true)
				ec[k+"network/gateway/Mask"] = b64Mask(n)
			}
		}
	}
	aliases := []string{"bridge"}
	for _, c := range v.cnets {
		aliases = append(aliases, c.alias)
		k := p + "network/container_networks|" + c.alias + "/"
		ec[k+"Common/id"] = ref(c.pg)
		ec[k+"Common/name"] = c.alias
		ec[k+"TrustLevel"] = "1"
		g, n := splitCIDR(c.gateway)
		ec[k+"gateway/IP"] = b64IP(g, true)
		ec[k+"gateway/Mask"] = b64Mask(n)
		ec[k+"pools"] = "0"
		fl := strings.SplitN(c.pool, "-", 2)
		if len(fl) == 2 {
			ec[k+"pools|0/first"] = b64IP(fl[0], false)
			ec[k+"pools|0/last"] = b64IP(fl[1], false)
		}
	}
	ec[p+"network/container_networks"] = strings.Join(aliases, "|")
	var out []types.BaseOptionValue
	for k, val := range ec {
		out = append(out, &types.OptionValue{Key: k, Value: val})
	}
	return out
}

// addVMs creates the plain VMs, the VCHs and their container VMs, after the
// inventory is built.
func (inv *inventory) addVMs(ctx context.Context, vms []*vmSpec, vchs []*vchSpec, count int) error {
	if len(vms) == 0 && len(vchs) == 0 && count == 0 {
		return nil
	}
	if len(inv.dcs) == 0 || len(inv.dcs[0].computes) == 0 {
		return fmt.Errorf("VMs need a datacenter with a cluster or host")
	}
	d := inv.dcs[0]
	byName := map[string]*netObj{}
	pgs := map[string]types.ManagedObjectReference{}
	for _, n := range d.nets {
		if _, dup := byName[n.name]; !dup {
			byName[n.name] = n
			pgs[n.name] = n.ref
		}
	}
	dsName := ""
	for _, ds := range inv.datastores {
		if ds.dc == d {
			dsName = ds.name
			break
		}
	}
	if dsName == "" {
		return fmt.Errorf("VMs need a datastore in %s", d.name)
	}
	dc := object.NewDatacenter(inv.client, d.ref)
	folders, err := dc.Folders(ctx)
	if err != nil {
		return err
	}
	root := object.NewResourcePool(inv.client, *computeOf(d.computes[0]).ResourcePool)
	defer hidePortgroups(d)()

	create := func(v *vmSpec, ec []types.BaseOptionValue) (types.ManagedObjectReference, error) {
		spec := types.VirtualMachineConfigSpec{
			Name:     v.name,
			GuestId:  "otherGuest64",
			Files:    &types.VirtualMachineFileInfo{VmPathName: "[" + dsName + "]"},
			NumCPUs:  1,
			MemoryMB: 64,
		}
		for i, nn := range v.nets {
			n := byName[nn]
			if n == nil {
				return types.ManagedObjectReference{}, fmt.Errorf("VM %q: no network %q in %s", v.name, nn, d.name)
			}
			card := &types.VirtualVmxnet3{}
			card.Key = int32(-100 - i)
			switch n.kind {
			case "DistributedVirtualPortgroup":
				card.Backing = &types.VirtualEthernetCardDistributedVirtualPortBackingInfo{
					Port: types.DistributedVirtualSwitchPortConnection{SwitchUuid: n.dvs.uuid, PortgroupKey: n.ref.Value}}
			case "Network":
				card.Backing = &types.VirtualEthernetCardNetworkBackingInfo{
					VirtualDeviceDeviceBackingInfo: types.VirtualDeviceDeviceBackingInfo{DeviceName: n.name}}
			default:
				return types.ManagedObjectReference{}, fmt.Errorf("VM %q: network %q: only port groups and standard networks take VMs here", v.name, nn)
			}
			spec.DeviceChange = append(spec.DeviceChange, &types.VirtualDeviceConfigSpec{
				Operation: types.VirtualDeviceConfigSpecOperationAdd, Device: card})
		}
		spec.ExtraConfig = ec
		pool := root
		if v.pool != nil {
			pool = object.NewResourcePool(inv.client, *v.pool)
		}
		task, err := folders.VmFolder.CreateVM(ctx, spec, pool, nil)
		if err != nil {
			return types.ManagedObjectReference{}, err
		}
		info, err := task.WaitForResult(ctx, nil)
		if err != nil {
			return types.ManagedObjectReference{}, fmt.Errorf("VM %q: %w", v.name, err)
		}
		ref := info.Result.(types.ManagedObjectReference)
		vm := simulator.Map.Get(ref).(*simulator.VirtualMachine)
		state := types.VirtualMachinePowerStatePoweredOn
		if v.off {
			state = types.VirtualMachinePowerStatePoweredOff
		}
		vm.Runtime.PowerState = state
		vm.Summary.Runtime.PowerState = state
		for i := range vm.Guest.Net {
			vm.Guest.Net[i].IpAddress = nil
		}
		if len(v.ips) > 0 && !v.off {
			if len(vm.Guest.Net) == 0 {
				vm.Guest.Net = []types.GuestNicInfo{{Connected: true}}
			}
			vm.Guest.Net[0].IpAddress = v.ips
			vm.Guest.IpAddress = v.ips[0]
		}
		return ref, nil
	}

	for _, v := range vms {
		if _, err := create(v, nil); err != nil {
			return err
		}
	}
	// -vms N: plain VMs spread over the datacenter's port groups (not uplinks)
	var spread []string
	for _, n := range d.nets {
		if n.kind == "DistributedVirtualPortgroup" && !n.uplink && !n.nsx {
			spread = append(spread, n.name)
		}
	}
	if count > 0 && len(spread) == 0 {
		return fmt.Errorf("-vms needs a distributed port group")
	}
	// with -dvs N a switch spans some clusters only: a VM on its port group runs in
	// the root pool of the first of them
	poolOf := map[*dvsObj]*types.ManagedObjectReference{}
	for _, n := range d.nets {
		if n.dvs == nil || n.dvs.spans == nil || poolOf[n.dvs] != nil {
			continue
		}
		for _, c := range d.computes {
			if cr := computeOf(c); n.dvs.spans[cr.Name] {
				poolOf[n.dvs] = cr.ResourcePool
				break
			}
		}
	}
	for i := 0; i < count; i++ {
		ip := fmt.Sprintf("10.%d.%d.%d", 100+i/65536%100, i/256%256, i%256)
		v := &vmSpec{name: fmt.Sprintf("vm-%05d", i), nets: []string{spread[i%len(spread)]}, ips: []string{ip}}
		if n := byName[v.nets[0]]; n.dvs != nil {
			v.pool = poolOf[n.dvs]
		}
		if _, err := create(v, nil); err != nil {
			return err
		}
	}
	for _, vs := range vchs {
		for _, n := range []string{vs.bridge, vs.public, vs.client, vs.mgmt} {
			if n != "" && byName[n] == nil {
				return fmt.Errorf("-vch %s: no network %q in %s", vs.name, n, d.name)
			}
		}
		for _, c := range vs.cnets {
			if byName[c.pg] == nil {
				return fmt.Errorf("-vch %s: no network %q in %s", vs.name, c.pg, d.name)
			}
		}
		rp, err := root.Create(ctx, vs.name, types.DefaultResourceConfigSpec())
		if err != nil {
			return fmt.Errorf("-vch %s: %w", vs.name, err)
		}
		poolRef := rp.Reference()
		nets := []string{vs.bridge, vs.public}
		for _, n := range []string{vs.client, vs.mgmt} {
			if n != "" && !containsStr(nets, n) {
				nets = append(nets, n)
			}
		}
		var ips []string
		if vs.publicIP != "" {
			a, _ := splitCIDR(vs.publicIP)
			ips = append(ips, a)
		}
		ep := &vmSpec{name: vs.name, nets: nets, ips: ips, pool: &poolRef}
		ref, err := create(ep, nil)
		if err != nil {
			return err
		}
		// the endpoint's own reference goes into its extraConfig
		vm := simulator.Map.Get(ref).(*simulator.VirtualMachine)
		vm.Config.ExtraConfig = append(vm.Config.ExtraConfig, vchExtraConfig(vs, ref, pgs)...)
		base, _ := splitCIDR(vs.bridgeCIDR)
		for i := 0; i < vs.containers; i++ {
			ip := net.ParseIP(base).To4()
			ip = net.IPv4(ip[0], ip[1], 0, byte(2+i))
			c := &vmSpec{name: fmt.Sprintf("%s-container-%d", vs.name, i+1), nets: []string{vs.bridge},
				ips: []string{ip.String()}, pool: &poolRef}
			if _, err := create(c, nil); err != nil {
				return err
			}
		}
	}
	syncNetworkVMs()
	return nil
}

// hidePortgroups takes the datacenter's port groups and opaque networks out
// of its network folder's child list until the returned function puts them
// back. For each NIC on a port group the stock CreateVM walks that list to
// find the switch by its UUID, a reflective lookup per child: at 10,000 port
// groups and 40,000 VMs that walk was nearly all of the build. The switches
// and standard networks stay, so the walk still finds what it looks for.
func hidePortgroups(d *dcObj) func() {
	dc := simulator.Map.Get(d.ref).(*simulator.Datacenter)
	folder := simulator.Map.Get(dc.NetworkFolder).(*simulator.Folder)
	all := folder.ChildEntity
	kept := make([]types.ManagedObjectReference, 0, 16)
	for _, ref := range all {
		if ref.Type != "DistributedVirtualPortgroup" && ref.Type != "OpaqueNetwork" {
			kept = append(kept, ref)
		}
	}
	folder.ChildEntity = kept
	return func() { folder.ChildEntity = all }
}

func containsStr(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}

// syncNetworkVMs rebuilds every network's vm list from the VMs' network
// lists (the stock simulator leaves Network.vm empty; VMs vic-machine creates
// during a run are covered too, as this runs before each collection).
func syncNetworkVMs() {
	lists := map[types.ManagedObjectReference][]types.ManagedObjectReference{}
	for _, e := range simulator.Map.All("VirtualMachine") {
		vm, ok := e.(*simulator.VirtualMachine)
		if !ok {
			continue
		}
		for _, n := range vm.Network {
			if n.Value != "" {
				lists[n] = append(lists[n], vm.Self)
			}
		}
	}
	for _, kind := range []string{"Network", "DistributedVirtualPortgroup", "OpaqueNetwork"} {
		for _, e := range simulator.Map.All(kind) {
			ref := e.Reference()
			networkOf(ref).Vm = lists[ref]
		}
	}
}

// indexPC is the simulator's PropertyCollector plus indexed paths
// config.extraConfig["KEY"], answered as vCenter does: one property of that
// name whose value is the OptionValue; nothing when the VM lacks the key.
type indexPC struct {
	simulator.PropertyCollector
}

var ecIndex = regexp.MustCompile(`^config\.extraConfig\["(.*)"\]$`)

func installIndexPC(ref types.ManagedObjectReference) {
	pc := &indexPC{}
	pc.Self = ref
	simulator.Map.Put(pc)
}

func (pc *indexPC) RetrievePropertiesEx(ctx *simulator.Context, r *types.RetrievePropertiesEx) soap.HasFault {
	syncNetworkVMs()
	req := *r
	req.SpecSet = make([]types.PropertyFilterSpec, len(r.SpecSet))
	var keys []string
	asked := false // config.extraConfig itself was asked for
	for i, spec := range r.SpecSet {
		s := spec
		s.PropSet = nil
		for _, ps := range spec.PropSet {
			p := ps
			p.PathSet = nil
			indexed := false
			for _, path := range ps.PathSet {
				if m := ecIndex.FindStringSubmatch(path); m != nil {
					keys = append(keys, m[1])
					indexed = true
					continue
				}
				if path == "config.extraConfig" {
					asked = true
				}
				p.PathSet = append(p.PathSet, path)
			}
			if indexed && !containsStr(p.PathSet, "config.extraConfig") {
				p.PathSet = append(p.PathSet, "config.extraConfig")
			}
			s.PropSet = append(s.PropSet, p)
		}
		req.SpecSet[i] = s
	}
	res := pc.PropertyCollector.RetrievePropertiesEx(ctx, &req)
	body, ok := res.(*methods.RetrievePropertiesExBody)
	if !ok || body.Res == nil || body.Res.Returnval == nil || len(keys) == 0 {
		return res
	}
	for i := range body.Res.Returnval.Objects {
		o := &body.Res.Returnval.Objects[i]
		var props []types.DynamicProperty
		for _, p := range o.PropSet {
			if p.Name != "config.extraConfig" {
				props = append(props, p)
				continue
			}
			if asked {
				props = append(props, p)
			}
			var arr types.ArrayOfOptionValue
			switch x := p.Val.(type) {
			case types.ArrayOfOptionValue:
				arr = x
			case *types.ArrayOfOptionValue:
				arr = *x
			}
			// the simulator appends on reconfigure: the last value is the live one
			last := map[string]types.BaseOptionValue{}
			for _, ov := range arr.OptionValue {
				last[ov.GetOptionValue().Key] = ov
			}
			for _, k := range keys {
				if ov, ok := last[k]; ok {
					props = append(props, types.DynamicProperty{
						Name: `config.extraConfig["` + k + `"]`, Val: ov.GetOptionValue()})
				}
			}
		}
		o.PropSet = props
	}
	return body
}

// removeUplinks gives the named port groups a teaming order without any
// active or standby uplink: no physical path out (-pg-no-uplink).
func (inv *inventory) removeUplinks(names []string) error {
	for _, name := range names {
		found := false
		for _, n := range inv.nets() {
			if n.name != name || n.kind != "DistributedVirtualPortgroup" {
				continue
			}
			pg := simulator.Map.Get(n.ref).(*simulator.DistributedVirtualPortgroup)
			set, ok := pg.Config.DefaultPortConfig.(*types.VMwareDVSPortSetting)
			if !ok || set == nil {
				set = &types.VMwareDVSPortSetting{}
				pg.Config.DefaultPortConfig = set
			}
			set.UplinkTeamingPolicy = &types.VmwareUplinkPortTeamingPolicy{
				UplinkPortOrder: &types.VMwareUplinkPortOrderPolicy{}}
			found = true
		}
		if !found {
			return fmt.Errorf("-pg-no-uplink %q: no distributed port group of that name", name)
		}
	}
	return nil
}

// RetrieveProperties (the older call govmomi's property package uses) gets the
// indexed paths too.
func (pc *indexPC) RetrieveProperties(ctx *simulator.Context, r *types.RetrieveProperties) soap.HasFault {
	body := &methods.RetrievePropertiesBody{}
	res := pc.RetrievePropertiesEx(ctx, &types.RetrievePropertiesEx{This: r.This, SpecSet: r.SpecSet})
	if res.Fault() != nil {
		body.Fault_ = res.Fault()
		return body
	}
	body.Res = &types.RetrievePropertiesResponse{}
	if ex, ok := res.(*methods.RetrievePropertiesExBody); ok && ex.Res != nil && ex.Res.Returnval != nil {
		body.Res.Returnval = ex.Res.Returnval.Objects
	}
	return body
}
