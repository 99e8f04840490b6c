package main

// -info FILE: a JSON description of what was created, so tests can compare
// what a client reports with what the simulator holds.

import (
	"bytes"
	"encoding/json"
	"fmt"
)

type infoRef struct {
	Type  string `json:"type"`
	Value string `json:"value"`
}

type infoHost struct {
	Index      int      `json:"index"`
	Name       string   `json:"name"`
	Path       string   `json:"path"`
	Moref      string   `json:"moref"`
	Datacenter string   `json:"datacenter"`
	Cluster    string   `json:"cluster"`
	MgmtIP     string   `json:"mgmt_ip"`
	DHCP       bool     `json:"dhcp"`
	Firewall   string   `json:"firewall"`
	Networks   []string `json:"networks"`
	Datastores []string `json:"datastores"`
}

type infoNetwork struct {
	Name       string   `json:"name"`
	Path       string   `json:"path"`
	Moref      string   `json:"moref"`
	Type       string   `json:"type"`
	Datacenter string   `json:"datacenter"`
	Switch     string   `json:"switch,omitempty"`
	SwitchRef  string   `json:"switch_moref,omitempty"`
	VLAN       *int     `json:"vlan,omitempty"`
	Trunk      bool     `json:"trunk,omitempty"`
	Uplink     bool     `json:"uplink"`
	NSX        bool     `json:"nsx"`
	LogicalID  string   `json:"logical_id,omitempty"`
	Hosts      []string `json:"hosts"`
}

type infoSwitch struct {
	Name       string   `json:"name"`
	Path       string   `json:"path"`
	Moref      string   `json:"moref"`
	UUID       string   `json:"uuid"`
	Datacenter string   `json:"datacenter"`
	Uplink     string   `json:"uplink_portgroup"`
	Portgroups []string `json:"portgroups"`
	Hosts      []string `json:"hosts"`
}

type infoDatastore struct {
	Name       string   `json:"name"`
	Path       string   `json:"path"`
	Moref      string   `json:"moref"`
	Datacenter string   `json:"datacenter"`
	Hosts      []string `json:"hosts"`
}

type infoDatacenter struct {
	Name  string `json:"name"`
	Moref string `json:"moref"`
}

type infoDoc struct {
	Datacenters []infoDatacenter `json:"datacenters"`
	Clusters    []infoCluster    `json:"clusters"`
	Hosts       []infoHost       `json:"hosts"`
	Networks    []infoNetwork    `json:"networks"`
	Switches    []infoSwitch     `json:"switches"`
	Datastores  []infoDatastore  `json:"datastores"`
}

type infoCluster struct {
	Name       string   `json:"name"`
	Moref      string   `json:"moref"`
	Datacenter string   `json:"datacenter"`
	Standalone bool     `json:"standalone"`
	Hosts      []string `json:"hosts"`
}

func moref(t, v string) string { return t + ":" + v }

func hostNames(hs []*hostObj) []string {
	out := []string{}
	for _, h := range hs {
		out = append(out, h.name)
	}
	return out
}

func writeInfo(inv *inventory, path string) error {
	doc := infoDoc{Datacenters: []infoDatacenter{}, Clusters: []infoCluster{}, Hosts: []infoHost{},
		Networks: []infoNetwork{}, Switches: []infoSwitch{}, Datastores: []infoDatastore{}}
	for _, d := range inv.dcs {
		doc.Datacenters = append(doc.Datacenters, infoDatacenter{Name: d.name, Moref: moref(d.ref.Type, d.ref.Value)})
		for _, cref := range d.computes {
			cr := computeOf(cref)
			c := infoCluster{Name: cr.Name, Moref: moref(cref.Type, cref.Value), Datacenter: d.name,
				Standalone: cref.Type != "ClusterComputeResource", Hosts: []string{}}
			for _, h := range d.hosts {
				if h.parent == cref {
					c.Hosts = append(c.Hosts, h.name)
				}
			}
			doc.Clusters = append(doc.Clusters, c)
		}
	}
	for _, h := range inv.hosts {
		ih := infoHost{Index: h.index, Name: h.name, Path: h.path, Moref: moref(h.ref.Type, h.ref.Value),
			Datacenter: h.dc.name, Cluster: h.cluster, MgmtIP: h.ip, DHCP: h.dhcp, Firewall: h.fwState,
			Networks: []string{}, Datastores: []string{}}
		for _, n := range h.nets {
			ih.Networks = append(ih.Networks, n.name)
		}
		for _, ds := range h.dss {
			ih.Datastores = append(ih.Datastores, ds.name)
		}
		doc.Hosts = append(doc.Hosts, ih)
	}
	for _, n := range inv.nets() {
		in := infoNetwork{Name: n.name, Path: n.path, Moref: moref(n.ref.Type, n.ref.Value), Type: n.kind,
			Datacenter: n.dc.name, Trunk: n.trunk, Uplink: n.uplink, NSX: n.nsx, LogicalID: n.logicalID,
			Hosts: hostNames(n.hosts)}
		if n.dvs != nil {
			in.Switch = n.dvs.name
			in.SwitchRef = moref(n.dvs.ref.Type, n.dvs.ref.Value)
			if !n.trunk && !n.nsx {
				v := n.vlan
				in.VLAN = &v
			}
		}
		doc.Networks = append(doc.Networks, in)
	}
	for _, sw := range inv.switches {
		is := infoSwitch{Name: sw.name, Path: sw.path, Moref: moref(sw.ref.Type, sw.ref.Value), UUID: sw.uuid,
			Datacenter: sw.dc.name, Uplink: sw.uplink.name, Portgroups: []string{}, Hosts: hostNames(sw.hosts)}
		for _, n := range sw.pgs {
			is.Portgroups = append(is.Portgroups, n.name)
		}
		doc.Switches = append(doc.Switches, is)
	}
	for _, ds := range inv.datastores {
		doc.Datastores = append(doc.Datastores, infoDatastore{Name: ds.name, Path: ds.path,
			Moref: moref(ds.ref.Type, ds.ref.Value), Datacenter: ds.dc.name, Hosts: hostNames(ds.hosts)})
	}
	return writeFileAtomic(path, encodeInfo(&doc))
}

// encodeInfo writes valid JSON with one object per line, so shell tests can
// pick an object with grep and a field with sed (no jq needed). Names stay
// readable: no \u0026-style escaping of & < >.
func encodeInfo(doc *infoDoc) []byte {
	var b bytes.Buffer
	line := func(v interface{}) {
		var one bytes.Buffer
		enc := json.NewEncoder(&one)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(v); err != nil {
			panic(err) // plain structs of strings and numbers always encode
		}
		b.Write(bytes.TrimRight(one.Bytes(), "\n"))
	}
	section := func(name string, n int, item func(i int) interface{}, last bool) {
		fmt.Fprintf(&b, "  %q: [", name)
		for i := 0; i < n; i++ {
			b.WriteString("\n    ")
			line(item(i))
			if i < n-1 {
				b.WriteString(",")
			}
		}
		if n > 0 {
			b.WriteString("\n  ")
		}
		b.WriteString("]")
		if !last {
			b.WriteString(",")
		}
		b.WriteString("\n")
	}
	b.WriteString("{\n")
	section("datacenters", len(doc.Datacenters), func(i int) interface{} { return doc.Datacenters[i] }, false)
	section("clusters", len(doc.Clusters), func(i int) interface{} { return doc.Clusters[i] }, false)
	section("hosts", len(doc.Hosts), func(i int) interface{} { return doc.Hosts[i] }, false)
	section("networks", len(doc.Networks), func(i int) interface{} { return doc.Networks[i] }, false)
	section("switches", len(doc.Switches), func(i int) interface{} { return doc.Switches[i] }, false)
	section("datastores", len(doc.Datastores), func(i int) interface{} { return doc.Datastores[i] }, true)
	b.WriteString("}\n")
	return b.Bytes()
}
