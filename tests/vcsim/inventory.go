package main

// The inventory is described first (invSpec, from the shape flags or a
// preset), then created through the simulator's own SOAP methods (in
// process), then repaired: the stock simulator aliases network lists
// between datacenter, cluster and host, mounts each datastore on the last
// host only, shares one firewall ruleset array between all hosts and leaves
// opaque networks unattached. fixRelations() recomputes every host/network/
// datastore relation from the description, so what the API returns is
// consistent the way a real vCenter is.

import (
	"context"
	"fmt"
	"net"
	"os"
	"strconv"
	"strings"

	"github.com/google/uuid"
	"github.com/vmware/govmomi/object"
	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/vim25"
	"github.com/vmware/govmomi/vim25/mo"
	"github.com/vmware/govmomi/vim25/types"
)

type invSpec struct {
	dcs      []*dcSpec
	detach   []string // HOST=NETWORK
	fw       []string // NAME=STATE, applied before -fw-host
	dsHosts  []string // DS=HOST,HOST
	stockDVS bool
	vms      []*vmSpec
	vchs     []*vchSpec
	vmCount  int
	noUplink []string
}

type dcSpec struct {
	name       string
	clusters   []*clusterSpec
	standalone []*hostSpec
	switches   []*dvsSpec
	opaque     []string
	datastores []string
}

type clusterSpec struct {
	name  string
	hosts []*hostSpec
}

type hostSpec struct {
	name string
	ip   string // static management IP, "" keeps the stock DHCP 127.0.0.1
}

type dvsSpec struct {
	name     string
	pgs      []*pgSpec
	clusters map[string]bool // -dvs > 1: the clusters whose hosts it spans; nil: every host
}

type pgSpec struct {
	name string
	vlan int
	nsx  bool
}

// Built objects, in creation order. Slices of pointers so relations can
// refer to one another.
type inventory struct {
	model      *simulator.Model
	client     *vim25.Client
	dcs        []*dcObj
	hosts      []*hostObj
	switches   []*dvsObj
	datastores []*dsObj
	tmpDirs    []string
	presetFw   []string // NAME=STATE pairs of a preset
	retyped    bool     // switches carry the VmwareDistributedVirtualSwitch type
}

type dcObj struct {
	name     string
	ref      types.ManagedObjectReference
	hosts    []*hostObj
	computes []types.ManagedObjectReference // clusters and standalone ComputeResources
	nets     []*netObj
}

type hostObj struct {
	index   int
	name    string
	path    string
	ip      string
	dhcp    bool
	cluster string // "" for a standalone host
	parent  types.ManagedObjectReference
	ref     types.ManagedObjectReference
	dc      *dcObj
	fwState string
	nets    []*netObj
	dss     []*dsObj
	sim     *simulator.HostSystem
}

type netObj struct {
	name      string
	path      string
	kind      string // Network, DistributedVirtualPortgroup, OpaqueNetwork
	ref       types.ManagedObjectReference
	dc        *dcObj
	dvs       *dvsObj
	vlan      int
	trunk     bool
	uplink    bool
	nsx       bool
	logicalID string // logicalSwitchUuid (NSX DVPG) or opaqueNetworkId
	hosts     []*hostObj
	detached  []*hostObj // -detach: hosts kept off this network
}

type dvsObj struct {
	name   string
	path   string
	uuid   string
	ref    types.ManagedObjectReference
	dc     *dcObj
	uplink *netObj
	pgs    []*netObj // the uplink port group first
	hosts  []*hostObj
	spans  map[string]bool // clusters spanned; nil: every host of the datacenter
	sim    *simulator.DistributedVirtualSwitch
}

type dsObj struct {
	name  string
	path  string
	ref   types.ManagedObjectReference
	dc    *dcObj
	url   string
	hosts []*hostObj
}

func specFromOptions(o *options) (*invSpec, error) {
	var spec *invSpec
	switch o.preset {
	case "":
		spec = shapeSpec(o)
	case "demo":
		spec = demoSpec()
	default:
		return nil, fmt.Errorf("unknown -preset %q (known: demo)", o.preset)
	}
	for _, s := range o.addVM {
		v, err := parseVMSpec(s)
		if err != nil {
			return nil, err
		}
		spec.vms = append(spec.vms, v)
	}
	for _, s := range o.vch {
		v, err := parseVCHSpec(s)
		if err != nil {
			return nil, err
		}
		spec.vchs = append(spec.vchs, v)
	}
	spec.vmCount = o.vms
	spec.noUplink = append(spec.noUplink, o.noUplink...)
	spec.detach = append(spec.detach, o.detach...)
	spec.dsHosts = append(spec.dsHosts, o.dsHosts...)
	spec.stockDVS = o.stockDVS
	if o.hostIPBase != "" {
		ip := net.ParseIP(o.hostIPBase).To4()
		if ip == nil {
			return nil, fmt.Errorf("-host-ip-base %q is not an IPv4 address", o.hostIPBase)
		}
		for _, dc := range spec.dcs {
			for _, h := range dc.allHosts() {
				h.ip = ip.String()
				ip = nextIP(ip)
			}
		}
	}
	return spec, nil
}

func nextIP(ip net.IP) net.IP {
	n := make(net.IP, len(ip))
	copy(n, ip)
	for i := len(n) - 1; i >= 0; i-- {
		n[i]++
		if n[i] != 0 {
			break
		}
	}
	return n
}

// allHosts lists cluster hosts first, then standalone hosts: the order
// behind "#index" in -fw-host.
func (d *dcSpec) allHosts() []*hostSpec {
	var hs []*hostSpec
	for _, c := range d.clusters {
		hs = append(hs, c.hosts...)
	}
	return append(hs, d.standalone...)
}

func shapeSpec(o *options) *invSpec {
	spec := &invSpec{}
	var extra []string
	if o.pgNames != "" {
		for _, n := range strings.Split(o.pgNames, ",") {
			if n != "" {
				extra = append(extra, n)
			}
		}
	}
	extra = append(extra, o.pgName...)
	for d := 0; d < o.dc; d++ {
		dcName := fmt.Sprintf("DC%d", d)
		dc := &dcSpec{name: dcName}
		for c := 0; c < o.cluster; c++ {
			cl := &clusterSpec{name: fmt.Sprintf("%s_C%d", dcName, c)}
			for h := 0; h < o.host; h++ {
				cl.hosts = append(cl.hosts, &hostSpec{name: fmt.Sprintf("%s_H%d", cl.name, h)})
			}
			dc.clusters = append(dc.clusters, cl)
		}
		for h := 0; h < o.standalone; h++ {
			dc.standalone = append(dc.standalone, &hostSpec{name: fmt.Sprintf("%s_H%d", dcName, h)})
		}
		vlan := o.pgVlanBase
		nextVlan := func() int {
			v := vlan
			if o.pgVlanBase != 0 {
				vlan++
			}
			return v
		}
		if o.pg > 0 || o.nsxPg > 0 || len(extra) > 0 {
			// -dvs N: port group i on switch i%N, cluster c's hosts on switch c%N
			// (a vCenter at its maximums has more hosts than one switch takes).
			sws := []*dvsSpec{{name: "DVS0"}}
			for k := 1; k < o.dvs; k++ {
				sws = append(sws, &dvsSpec{name: fmt.Sprintf("DVS%d", k+1)})
			}
			if o.dvs > 1 {
				for k, sw := range sws {
					sw.clusters = map[string]bool{}
					for c := k; c < len(dc.clusters); c += o.dvs {
						sw.clusters[dc.clusters[c].name] = true
					}
				}
			}
			sw := sws[0]
			for i := 0; i < o.pg; i++ {
				t := sws[i%len(sws)]
				t.pgs = append(t.pgs, &pgSpec{name: fmt.Sprintf("%s_DVPG%d", dcName, i), vlan: nextVlan()})
			}
			for _, n := range extra {
				sw.pgs = append(sw.pgs, &pgSpec{name: n, vlan: nextVlan()})
			}
			for i := 0; i < o.nsxPg; i++ {
				sw.pgs = append(sw.pgs, &pgSpec{name: fmt.Sprintf("%s_NSXPG%d", dcName, i), nsx: true})
			}
			dc.switches = append(dc.switches, sws...)
		}
		if len(o.dupPg) > 0 {
			sw := &dvsSpec{name: "DVS1"}
			for _, n := range o.dupPg {
				sw.pgs = append(sw.pgs, &pgSpec{name: n, vlan: nextVlan()})
			}
			dc.switches = append(dc.switches, sw)
		}
		for i := 0; i < o.nsx; i++ {
			dc.opaque = append(dc.opaque, fmt.Sprintf("%s_NSX%d", dcName, i))
		}
		for i := 0; i < o.ds; i++ {
			dc.datastores = append(dc.datastores, fmt.Sprintf("LocalDS_%d", i))
		}
		spec.dcs = append(spec.dcs, dc)
	}
	return spec
}

// escapeName escapes a name for an inventory path the way vCenter does.
func escapeName(s string) string {
	return strings.NewReplacer("%", "%25", "/", "%2f", `\`, "%5c").Replace(s)
}

// stableUUID derives an id from a name, so repeated runs show the same ids.
func stableUUID(kind, name string) string {
	return uuid.NewSHA1(uuid.NameSpaceURL, []byte("vcsim:"+kind+":"+name)).String()
}

func buildInventory(spec *invSpec) (*inventory, error) {
	ctx := context.Background()
	m := simulator.VPX()
	m.Datacenter, m.Portgroup, m.Host, m.Cluster, m.ClusterHost = 0, 0, 0, 0, 0
	m.Datastore, m.Machine, m.Autostart = 0, 0, false
	if err := m.Create(); err != nil {
		return nil, err
	}
	c, err := vim25.NewClient(ctx, m.Service)
	if err != nil {
		return nil, err
	}
	installIndexPC(c.ServiceContent.PropertyCollector)
	inv := &inventory{model: m, client: c, presetFw: spec.fw}
	root := object.NewRootFolder(c)
	for _, ds := range spec.dcs {
		if err := inv.buildDC(ctx, root, ds); err != nil {
			return inv, fmt.Errorf("datacenter %q: %w", ds.name, err)
		}
	}
	if err := inv.applyDsHosts(spec.dsHosts); err != nil {
		return inv, err
	}
	if err := inv.createDatastores(ctx); err != nil {
		return inv, err
	}
	if !spec.stockDVS {
		inv.retypeSwitches()
	}
	if err := inv.applyDetach(spec.detach); err != nil {
		return inv, err
	}
	inv.fixRelations()
	inv.setHostIPs()
	if err := inv.removeUplinks(spec.noUplink); err != nil {
		return inv, err
	}
	if err := inv.addVMs(ctx, spec.vms, spec.vchs, spec.vmCount); err != nil {
		return inv, err
	}
	return inv, nil
}

func (inv *inventory) buildDC(ctx context.Context, root *object.Folder, spec *dcSpec) error {
	dc, err := root.CreateDatacenter(ctx, spec.name)
	if err != nil {
		return err
	}
	folders, err := dc.Folders(ctx)
	if err != nil {
		return err
	}
	d := &dcObj{name: spec.name, ref: dc.Reference()}
	inv.dcs = append(inv.dcs, d)
	dcPath := "/" + escapeName(spec.name)
	netFolder := simulator.Map.Get(folders.NetworkFolder.Reference()).(*simulator.Folder)

	// The datacenter's standard "VM Network", created with it.
	for _, ref := range netFolder.ChildEntity {
		if ref.Type == "Network" {
			n := simulator.Map.Get(ref).(*mo.Network)
			d.nets = append(d.nets, &netObj{name: n.Name, path: dcPath + "/network/" + escapeName(n.Name),
				kind: "Network", ref: ref, dc: d})
		}
	}

	for _, sw := range spec.switches {
		if err := inv.buildSwitch(ctx, d, dcPath, folders.NetworkFolder, netFolder, sw); err != nil {
			return fmt.Errorf("switch %q: %w", sw.name, err)
		}
	}

	for _, name := range spec.opaque {
		id := stableUUID("opaque", spec.name+"/"+name)
		summary := types.OpaqueNetworkSummary{OpaqueNetworkId: id, OpaqueNetworkType: "nsx.LogicalSwitch"}
		summary.Name = name
		if err := netFolder.AddOpaqueNetwork(summary); err != nil {
			return err
		}
		ref := netFolder.ChildEntity[len(netFolder.ChildEntity)-1]
		on := simulator.Map.Get(ref).(*mo.OpaqueNetwork)
		// mo.Network.Name shadows ManagedEntity.Name: set both.
		on.ManagedEntity.Name = name
		n := &netObj{name: name, path: dcPath + "/network/" + escapeName(name), kind: "OpaqueNetwork",
			ref: ref, dc: d, nsx: true, logicalID: id}
		d.nets = append(d.nets, n)
	}

	addHost := func(h *hostSpec, cluster string, task *object.Task, err error) error {
		if err != nil {
			return err
		}
		info, err := task.WaitForResult(ctx, nil)
		if err != nil {
			return fmt.Errorf("host %q: %w", h.name, err)
		}
		ref := info.Result.(types.ManagedObjectReference)
		sim := simulator.Map.Get(ref).(*simulator.HostSystem)
		ho := &hostObj{index: len(inv.hosts), name: h.name, ip: h.ip, cluster: cluster,
			parent: *sim.Parent, ref: ref, dc: d, sim: sim, fwState: "default"}
		if cluster != "" {
			ho.path = dcPath + "/host/" + escapeName(cluster) + "/" + escapeName(h.name)
		} else {
			ho.path = dcPath + "/host/" + escapeName(h.name) + "/" + escapeName(h.name)
		}
		inv.hosts = append(inv.hosts, ho)
		d.hosts = append(d.hosts, ho)
		return nil
	}
	for _, cs := range spec.clusters {
		cl, err := folders.HostFolder.CreateCluster(ctx, cs.name, types.ClusterConfigSpecEx{})
		if err != nil {
			return fmt.Errorf("cluster %q: %w", cs.name, err)
		}
		d.computes = append(d.computes, cl.Reference())
		for _, h := range cs.hosts {
			task, err := cl.AddHost(ctx, types.HostConnectSpec{HostName: h.name}, true, nil, nil)
			if err := addHost(h, cs.name, task, err); err != nil {
				return err
			}
		}
	}
	for _, h := range spec.standalone {
		task, err := folders.HostFolder.AddStandaloneHost(ctx, types.HostConnectSpec{HostName: h.name}, true, nil, nil)
		if err := addHost(h, "", task, err); err != nil {
			return err
		}
		d.computes = append(d.computes, d.hosts[len(d.hosts)-1].parent)
	}

	// Every switch spans every host of its datacenter (with -dvs N, those of
	// its clusters).
	for _, sw := range inv.switches {
		if sw.dc != d {
			continue
		}
		if sw.spans == nil {
			sw.hosts = append([]*hostObj(nil), d.hosts...)
			continue
		}
		for _, h := range d.hosts {
			if sw.spans[h.cluster] {
				sw.hosts = append(sw.hosts, h)
			}
		}
	}

	for _, name := range spec.datastores {
		inv.datastores = append(inv.datastores, &dsObj{name: name, dc: d,
			path: dcPath + "/datastore/" + escapeName(name), hosts: append([]*hostObj(nil), d.hosts...)})
	}
	return nil
}

func (inv *inventory) buildSwitch(ctx context.Context, d *dcObj, dcPath string, folder *object.Folder,
	netFolder *simulator.Folder, spec *dvsSpec) error {
	var cs types.DVSCreateSpec
	cs.ConfigSpec = &types.VMwareDVSConfigSpec{}
	cs.ConfigSpec.GetDVSConfigSpec().Name = spec.name
	task, err := folder.CreateDVS(ctx, cs)
	if err != nil {
		return err
	}
	info, err := task.WaitForResult(ctx, nil)
	if err != nil {
		return err
	}
	ref := info.Result.(types.ManagedObjectReference)
	sim := simulator.Map.Get(ref).(*simulator.DistributedVirtualSwitch)
	sw := &dvsObj{name: spec.name, path: dcPath + "/network/" + escapeName(spec.name), uuid: sim.Uuid,
		ref: ref, dc: d, sim: sim, spans: spec.clusters}
	inv.switches = append(inv.switches, sw)

	// CreateDVS added the uplink port group.
	up := sim.Portgroup[0]
	upName := simulator.Map.Get(up).(*simulator.DistributedVirtualPortgroup).Name
	sw.uplink = &netObj{name: upName, path: dcPath + "/network/" + escapeName(upName),
		kind: "DistributedVirtualPortgroup", ref: up, dc: d, dvs: sw, trunk: true, uplink: true}
	sw.pgs = append(sw.pgs, sw.uplink)
	d.nets = append(d.nets, sw.uplink)

	dvs := object.NewDistributedVirtualSwitch(inv.client, ref)
	for _, p := range spec.pgs {
		pc := types.DVPortgroupConfigSpec{
			Name:       p.name,
			Type:       string(types.DistributedVirtualPortgroupPortgroupTypeEarlyBinding),
			NumPorts:   8,
			AutoExpand: types.NewBool(true),
			DefaultPortConfig: &types.VMwareDVSPortSetting{
				Vlan: &types.VmwareDistributedVirtualSwitchVlanIdSpec{VlanId: int32(p.vlan)},
			},
		}
		n := &netObj{name: p.name, path: dcPath + "/network/" + escapeName(p.name),
			kind: "DistributedVirtualPortgroup", dc: d, dvs: sw, vlan: p.vlan, nsx: p.nsx}
		if p.nsx {
			n.logicalID = stableUUID("nsxpg", d.name+"/"+spec.name+"/"+p.name)
			pc.LogicalSwitchUuid = n.logicalID
			pc.BackingType = "nsx"
			pc.Type = string(types.DistributedVirtualPortgroupPortgroupTypeEphemeral)
			pc.DefaultPortConfig = nil
		}
		// The simulator refuses a name already in the network folder, which
		// it finds by a linear search per port group (quadratic at 10,000);
		// vCenter allows a name across switches (-dup-pg). So every port
		// group is created under a placeholder the stock code does not check
		// (its "NSX-" exception) and renamed.
		pc.Name = fmt.Sprintf("NSX-vcsim-%d", len(netFolder.ChildEntity))
		task, err := dvs.AddPortgroup(ctx, []types.DVPortgroupConfigSpec{pc})
		if err != nil {
			return err
		}
		if err := task.Wait(ctx); err != nil {
			return fmt.Errorf("port group %q: %w", p.name, err)
		}
		n.ref = sim.Portgroup[len(sim.Portgroup)-1]
		pg := simulator.Map.Get(n.ref).(*simulator.DistributedVirtualPortgroup)
		pg.Name = p.name
		pg.Entity().Name = p.name
		pg.Config.Name = p.name
		// the stock summary names the placeholder
		pg.Summary = &types.NetworkSummary{Network: &pg.Self, Name: p.name, Accessible: true}
		sw.pgs = append(sw.pgs, n)
		d.nets = append(d.nets, n)
	}
	return nil
}

func (inv *inventory) findHost(name string) *hostObj {
	if strings.HasPrefix(name, "#") {
		i, err := strconv.Atoi(name[1:])
		if err == nil && i >= 0 && i < len(inv.hosts) {
			return inv.hosts[i]
		}
		return nil
	}
	for _, h := range inv.hosts {
		if h.name == name || h.path == name {
			return h
		}
	}
	return nil
}

func (inv *inventory) applyDsHosts(list []string) error {
	for _, item := range list {
		eq := strings.Index(item, "=")
		if eq < 0 {
			return fmt.Errorf("-ds-hosts %q: want DATASTORE=HOST,HOST", item)
		}
		name := item[:eq]
		var hosts []*hostObj
		for _, hn := range strings.Split(item[eq+1:], ",") {
			h := inv.findHost(hn)
			if h == nil {
				return fmt.Errorf("-ds-hosts %q: no host %q", item, hn)
			}
			hosts = append(hosts, h)
		}
		found := false
		for _, ds := range inv.datastores {
			if ds.name == name {
				var mine []*hostObj
				for _, h := range hosts {
					if h.dc == ds.dc {
						mine = append(mine, h)
					}
				}
				if len(mine) == 0 {
					return fmt.Errorf("-ds-hosts %q: no host of datastore %q's datacenter", item, name)
				}
				ds.hosts = mine
				found = true
			}
		}
		if !found {
			return fmt.Errorf("-ds-hosts %q: no datastore %q", item, name)
		}
	}
	return nil
}

// createDatastores creates each datastore once, through its first host;
// fixRelations() then mounts it on the others.
func (inv *inventory) createDatastores(ctx context.Context) error {
	for _, ds := range inv.datastores {
		if len(ds.hosts) == 0 {
			return fmt.Errorf("datastore %q: its datacenter has no host to mount it", ds.name)
		}
		dir, err := os.MkdirTemp("", "vcsim-ds-")
		if err != nil {
			return err
		}
		inv.tmpDirs = append(inv.tmpDirs, dir)
		dss, err := object.NewHostSystem(inv.client, ds.hosts[0].ref).ConfigManager().DatastoreSystem(ctx)
		if err != nil {
			return err
		}
		obj, err := dss.CreateLocalDatastore(ctx, ds.name, dir)
		if err != nil {
			return fmt.Errorf("datastore %q: %w", ds.name, err)
		}
		ds.url = dir
		ds.ref = renameDatastore(obj.Reference(), nextDsID())
	}
	return nil
}

var dsCounter = 1000

func nextDsID() int {
	dsCounter++
	return dsCounter
}

// renameDatastore gives a datastore a vCenter-like moref (datastore-N); the
// stock one is its temporary directory path plus "@folder".
func renameDatastore(old types.ManagedObjectReference, id int) types.ManagedObjectReference {
	ds := simulator.Map.Get(old).(*simulator.Datastore)
	simulator.Map.Remove(old)
	ds.Self.Value = fmt.Sprintf("datastore-%d", id)
	simulator.Map.Put(ds)
	if f, ok := simulator.Map.Get(*ds.Parent).(*simulator.Folder); ok {
		for i, ref := range f.ChildEntity {
			if ref == old {
				f.ChildEntity[i] = ds.Self
			}
		}
	}
	if b, ok := simulator.Map.Get(ds.Browser).(*simulator.HostDatastoreBrowser); ok {
		for i, ref := range b.Datastore {
			if ref == old {
				b.Datastore[i] = ds.Self
			}
		}
	}
	return ds.Self
}

// retypeSwitches gives the switches the moref type vCenter uses,
// VmwareDistributedVirtualSwitch (the stock simulator says
// DistributedVirtualSwitch, which a ContainerView for the VMware type misses).
func (inv *inventory) retypeSwitches() {
	inv.retyped = true
	for _, sw := range inv.switches {
		old := sw.ref
		simulator.Map.Remove(old)
		sw.sim.Self.Type = "VmwareDistributedVirtualSwitch"
		simulator.Map.Put(sw.sim)
		sw.ref = sw.sim.Self
		if f, ok := simulator.Map.Get(*sw.sim.Parent).(*simulator.Folder); ok {
			for i, ref := range f.ChildEntity {
				if ref == old {
					f.ChildEntity[i] = sw.ref
				}
			}
		}
	}
}

// withStockSwitchTypes runs f (a call that changes a switch) with the
// switches' stock moref type: the simulator applies property changes with
// the type information of Self.Type, which must match its Go struct
// (mo.DistributedVirtualSwitch). Then it repairs the network lists the
// stock code appends to once per host.
func (inv *inventory) withStockSwitchTypes(f func()) {
	if !inv.retyped {
		f()
		inv.dedupeNetworks()
		return
	}
	for _, sw := range inv.switches {
		sw.sim.Self.Type = "DistributedVirtualSwitch"
	}
	defer func() {
		for _, sw := range inv.switches {
			sw.sim.Self.Type = "VmwareDistributedVirtualSwitch"
		}
		inv.dedupeNetworks()
	}()
	f()
}

func dedupe(refs []types.ManagedObjectReference) []types.ManagedObjectReference {
	seen := map[types.ManagedObjectReference]bool{}
	out := make([]types.ManagedObjectReference, 0, len(refs))
	for _, r := range refs {
		if !seen[r] && r.Type != "DistributedVirtualSwitch" && r.Type != "VmwareDistributedVirtualSwitch" {
			seen[r] = true
			out = append(out, r)
		}
	}
	return out
}

// dedupeNetworks gives every network list fresh storage without duplicates.
func (inv *inventory) dedupeNetworks() {
	for _, d := range inv.dcs {
		dc := simulator.Map.Get(d.ref).(*simulator.Datacenter)
		dc.Network = dedupe(dc.Network)
		for _, cref := range d.computes {
			cr := computeOf(cref)
			cr.Network = dedupe(cr.Network)
		}
		for _, h := range d.hosts {
			h.sim.Network = dedupe(h.sim.Network)
		}
	}
}

func (inv *inventory) applyDetach(list []string) error {
	for _, item := range list {
		eq := strings.Index(item, "=")
		if eq < 0 {
			return fmt.Errorf("-detach %q: want HOST=NETWORK", item)
		}
		h := inv.findHost(item[:eq])
		if h == nil {
			return fmt.Errorf("-detach %q: no host %q", item, item[:eq])
		}
		found := false
		for _, n := range h.dc.nets {
			if n.name == item[eq+1:] {
				n.detached = append(n.detached, h)
				found = true
			}
		}
		if !found {
			return fmt.Errorf("-detach %q: no network %q in %s", item, item[eq+1:], h.dc.name)
		}
	}
	return nil
}

func contains(hs []*hostObj, h *hostObj) bool {
	for _, x := range hs {
		if x == h {
			return true
		}
	}
	return false
}

func computeOf(ref types.ManagedObjectReference) *mo.ComputeResource {
	switch x := simulator.Map.Get(ref).(type) {
	case *simulator.ClusterComputeResource:
		return &x.ComputeResource
	case *mo.ComputeResource:
		return x
	}
	panic(fmt.Sprintf("vcsim: %v is not a compute resource", ref))
}

func networkOf(ref types.ManagedObjectReference) *mo.Network {
	switch x := simulator.Map.Get(ref).(type) {
	case *mo.Network:
		return x
	case *simulator.DistributedVirtualPortgroup:
		return &x.Network
	case *mo.OpaqueNetwork:
		return &x.Network
	}
	panic(fmt.Sprintf("vcsim: %v is not a network", ref))
}

// fixRelations rewrites, from the description, every list that relates
// hosts, networks, switches and datastores. Each list is a fresh slice, so
// nothing is shared between objects.
func (inv *inventory) fixRelations() {
	for _, d := range inv.dcs {
		// Which hosts see which network (sets: inventories can be large).
		members := map[*dvsObj]map[*hostObj]bool{}
		for _, h := range d.hosts {
			h.nets = nil
		}
		for _, n := range d.nets {
			n.hosts = nil
			var in map[*hostObj]bool
			if n.dvs != nil {
				if members[n.dvs] == nil {
					members[n.dvs] = map[*hostObj]bool{}
					for _, h := range n.dvs.hosts {
						members[n.dvs][h] = true
					}
				}
				in = members[n.dvs]
			}
			cands := d.hosts
			if n.dvs != nil {
				// a switch's hosts, in the datacenter's order
				cands = n.dvs.hosts
			}
			for _, h := range cands {
				if in != nil && !in[h] {
					continue
				}
				if !contains(n.detached, h) {
					n.hosts = append(n.hosts, h)
					h.nets = append(h.nets, n)
				}
			}
		}
	}
	for _, ds := range inv.datastores {
		for _, h := range ds.hosts {
			h.dss = append(h.dss, ds)
		}
	}

	for _, n := range inv.nets() {
		mn := networkOf(n.ref)
		mn.Host = hostRefs(n.hosts)
		if n.kind == "DistributedVirtualPortgroup" {
			pg := simulator.Map.Get(n.ref).(*simulator.DistributedVirtualPortgroup)
			pg.Config.Type = string(types.DistributedVirtualPortgroupPortgroupTypeEarlyBinding)
			if n.nsx {
				pg.Config.Type = string(types.DistributedVirtualPortgroupPortgroupTypeEphemeral)
			}
			pg.Config.Uplink = types.NewBool(n.uplink)
			if n.uplink {
				pg.Tag = []types.Tag{{Key: "SYSTEM/DVS.UPLINKPG"}}
				pg.Config.NumPorts = int32(len(n.hosts) * 4)
			}
			pg.Config.DistributedVirtualSwitch = &n.dvs.sim.Self
		}
	}
	for _, h := range inv.hosts {
		h.sim.Network = netRefs(h.nets)
		var dss []types.ManagedObjectReference
		for _, ds := range h.dss {
			dss = append(dss, ds.ref)
		}
		h.sim.Datastore = dss
		if sys, ok := simulator.Map.Get(*h.sim.ConfigManager.DatastoreSystem).(*simulator.HostDatastoreSystem); ok {
			sys.Datastore = append([]types.ManagedObjectReference(nil), dss...)
		}
	}
	for _, d := range inv.dcs {
		dc := simulator.Map.Get(d.ref).(*simulator.Datacenter)
		// Datacenter.network holds Network objects only (no switches).
		dc.Network = netRefs(d.nets)
		var dss []types.ManagedObjectReference
		for _, ds := range inv.datastores {
			if ds.dc == d {
				dss = append(dss, ds.ref)
			}
		}
		dc.Datastore = dss
		// each compute resource's networks: those of its hosts, in d.nets's
		// order (from the hosts' lists: a scan of every network's host list
		// per cluster is slow at the maximums)
		seen := map[types.ManagedObjectReference]map[*netObj]bool{}
		for _, h := range d.hosts {
			if seen[h.parent] == nil {
				seen[h.parent] = map[*netObj]bool{}
			}
			for _, n := range h.nets {
				seen[h.parent][n] = true
			}
		}
		for _, cref := range d.computes {
			cr := computeOf(cref)
			var nets []*netObj
			var crDss []types.ManagedObjectReference
			for _, n := range d.nets {
				if seen[cref][n] {
					nets = append(nets, n)
				}
			}
			for _, ds := range inv.datastores {
				for _, h := range ds.hosts {
					if h.parent == cref {
						crDss = append(crDss, ds.ref)
						break
					}
				}
			}
			cr.Network = netRefs(nets)
			cr.Datastore = crDss
		}
	}
	for _, sw := range inv.switches {
		s := sw.sim
		s.Summary.HostMember = hostRefs(sw.hosts)
		var pgs []types.ManagedObjectReference
		var names []string
		for _, n := range sw.pgs {
			pgs = append(pgs, n.ref)
			names = append(names, n.name)
		}
		s.Portgroup = pgs
		s.Summary.PortgroupName = names
		cfg := s.Config.GetDVSConfigInfo()
		cfg.UplinkPortgroup = []types.ManagedObjectReference{sw.uplink.ref}
		cfg.Host = nil
		for _, h := range sw.hosts {
			ref := h.ref
			cfg.Host = append(cfg.Host, types.DistributedVirtualSwitchHostMember{
				Config: types.DistributedVirtualSwitchHostMemberConfigInfo{
					Host:                &ref,
					MaxProxySwitchPorts: 512,
				},
				Status: "up",
			})
		}
	}
	for _, ds := range inv.datastores {
		sds := simulator.Map.Get(ds.ref).(*simulator.Datastore)
		var mounts []types.DatastoreHostMount
		for _, h := range ds.hosts {
			mounts = append(mounts, types.DatastoreHostMount{
				Key: h.ref,
				MountInfo: types.HostMountInfo{
					Path:       ds.url,
					AccessMode: string(types.HostMountModeReadWrite),
					Mounted:    types.NewBool(true),
					Accessible: types.NewBool(true),
				},
			})
		}
		sds.Host = mounts
	}
}

func (inv *inventory) nets() []*netObj {
	var all []*netObj
	for _, d := range inv.dcs {
		all = append(all, d.nets...)
	}
	return all
}

func hostRefs(hs []*hostObj) []types.ManagedObjectReference {
	refs := make([]types.ManagedObjectReference, 0, len(hs))
	for _, h := range hs {
		refs = append(refs, h.ref)
	}
	return refs
}

func netRefs(ns []*netObj) []types.ManagedObjectReference {
	refs := make([]types.ManagedObjectReference, 0, len(ns))
	for _, n := range ns {
		refs = append(refs, n.ref)
	}
	return refs
}

// setHostIPs gives hosts with a static management IP that IP on vmk0
// everywhere the stock model shows it (vnic list, vMotion, NIC manager).
func (inv *inventory) setHostIPs() {
	for _, h := range inv.hosts {
		cfg := h.sim.Config
		set := func(nic *types.HostVirtualNic) {
			if nic.Device != "vmk0" || nic.Spec.Ip == nil {
				return
			}
			if h.ip == "" {
				h.ip = nic.Spec.Ip.IpAddress
				h.dhcp = nic.Spec.Ip.Dhcp
				return
			}
			nic.Spec.Ip = &types.HostIpConfig{Dhcp: false, IpAddress: h.ip, SubnetMask: "255.255.255.0"}
		}
		if h.ip == "" && cfg.Network != nil && len(cfg.Network.Vnic) > 0 {
			set(&cfg.Network.Vnic[0])
			continue
		}
		if cfg.Network != nil {
			for i := range cfg.Network.Vnic {
				set(&cfg.Network.Vnic[i])
			}
		}
		if cfg.Vmotion != nil && cfg.Vmotion.NetConfig != nil {
			for i := range cfg.Vmotion.NetConfig.CandidateVnic {
				set(&cfg.Vmotion.NetConfig.CandidateVnic[i])
			}
		}
		if cfg.VirtualNicManagerInfo != nil {
			for j := range cfg.VirtualNicManagerInfo.NetConfig {
				nc := &cfg.VirtualNicManagerInfo.NetConfig[j]
				for i := range nc.CandidateVnic {
					set(&nc.CandidateVnic[i])
				}
			}
		}
	}
}

func (inv *inventory) cleanup() {
	inv.model.Remove()
	for _, d := range inv.tmpDirs {
		os.RemoveAll(d)
	}
}
