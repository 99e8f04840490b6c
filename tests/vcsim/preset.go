package main

// -preset demo: a plausible small site for the demo and screenshots.

import "fmt"

func demoSpec() *invSpec {
	dc := &dcSpec{name: "Datacenter-East"}
	prod := &clusterSpec{name: "Prod-Cluster"}
	for i := 1; i <= 4; i++ {
		prod.hosts = append(prod.hosts, &hostSpec{
			name: fmt.Sprintf("esx-prod-%02d.lab.local", i),
			ip:   fmt.Sprintf("192.168.10.%d", 10+i),
		})
	}
	dev := &clusterSpec{name: "Dev-Cluster"}
	for i := 1; i <= 2; i++ {
		dev.hosts = append(dev.hosts, &hostSpec{
			name: fmt.Sprintf("esx-dev-%02d.lab.local", i),
			ip:   fmt.Sprintf("192.168.20.%d", 10+i),
		})
	}
	dc.clusters = []*clusterSpec{prod, dev}
	dc.switches = []*dvsSpec{{
		name: "DSwitch-Prod",
		pgs: []*pgSpec{
			{name: "vch-bridge-01", vlan: 201},
			{name: "vch-bridge-02", vlan: 202},
			{name: "Prod-VLAN100", vlan: 100},
			{name: "Client-VLAN20", vlan: 20},
			{name: "Mgmt-VLAN10", vlan: 10},
			{name: "Containers-Routable", vlan: 300},
			{name: "Containers-Isolated", vlan: 301},
			{name: "vch-02-bridge", vlan: 203},
		},
	}}
	dc.opaque = []string{"nsx-seg-web", "nsx-seg-db"}
	dc.datastores = []string{"vsanDatastore", "local-esx-prod-01"}
	// what a new user should see already there: an existing VCH on its own
	// vch-02-bridge with three container VMs, and a few ordinary VMs
	vms := []*vmSpec{
		{name: "web-01", nets: []string{"Prod-VLAN100"}, ips: []string{"192.168.100.21"}},
		{name: "web-02", nets: []string{"Prod-VLAN100"}, ips: []string{"192.168.100.22"}},
		{name: "db-01", nets: []string{"Prod-VLAN100"}, ips: []string{"192.168.100.30"}},
		{name: "jumpbox", nets: []string{"VM Network"}, ips: []string{"192.168.1.50"}},
		{name: "build-agent", nets: []string{"Client-VLAN20"}, off: true},
	}
	vch := &vchSpec{name: "vch-02", bridge: "vch-02-bridge", bridgeCIDR: "172.17.0.0/16",
		public: "Prod-VLAN100", publicIP: "192.168.100.20/24", gateway: "192.168.100.1",
		cnets:      []cnetSpec{{"Containers-Routable", "routable", "10.30.0.1/16", "10.30.1.0-10.30.1.255"}},
		containers: 3}
	return &invSpec{
		vms:     vms,
		vchs:    []*vchSpec{vch},
		dcs:     []*dcSpec{dc},
		dsHosts: []string{"local-esx-prod-01=esx-prod-01.lab.local"},
		detach:  []string{"esx-dev-02.lab.local=vch-bridge-02"},
		fw: []string{
			"esx-prod-01.lab.local=allow", "esx-prod-02.lab.local=allow",
			"esx-prod-03.lab.local=disabled", "esx-prod-04.lab.local=allow",
			"esx-dev-01.lab.local=allow", "esx-dev-02.lab.local=restricted",
		},
	}
}
