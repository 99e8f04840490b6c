package main

// Per-host firewall states for the VIC pre-check (outbound tcp dst 2377).
// The stock simulator gives every host the same *copy of the struct* but
// one shared Ruleset array, so EnableRuleset on one host changed them all;
// each host here gets its own deep copy, and config.firewall points to it.

import (
	"fmt"
	"net"
	"sort"
	"strings"

	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/simulator/esx"
	"github.com/vmware/govmomi/vim25/types"
)

const vicPort = 2377

var fwStates = []string{"default", "allow", "disabled", "restricted", "alt", "policy-pass", "no-info"}

type scenario struct {
	name string
	desc string
	// state of host #i; the last entry applies to every later host
	states []string
}

var scenarios = []scenario{
	{"default", "stock: no ruleset matching 2377 is enabled on any host", []string{"default"}},
	{"allow-all", "every host allows outbound 2377 (vic-engine enabled, all IPs)", []string{"allow"}},
	{"one-disabled", "#0 disabled, the others allow", []string{"disabled", "allow"}},
	{"one-restricted", "#0 restricted to -restricted-net, the others allow", []string{"restricted", "allow"}},
	{"mixed", "#0 allow, #1 disabled, #2 restricted, the others allow", []string{"allow", "disabled", "restricted", "allow"}},
	{"alt-ruleset", "every host: only vSPC enabled (all IPs)", []string{"alt"}},
	{"policy-pass", "every host: no matching ruleset, but the default policy lets outbound pass", []string{"policy-pass"}},
	{"no-info", "#0 has no firewallInfo, the others allow", []string{"no-info", "allow"}},
}

func scenarioNames() []string {
	var n []string
	for _, s := range scenarios {
		n = append(n, s.name)
	}
	return n
}

func validScenario(name string) bool {
	for _, s := range scenarios {
		if s.name == name {
			return true
		}
	}
	return false
}

func validState(s string) bool {
	for _, x := range fwStates {
		if x == s {
			return true
		}
	}
	return false
}

// copyFirewall deep-copies a HostFirewallInfo: no slice or pointer is shared.
func copyFirewall(src *types.HostFirewallInfo) *types.HostFirewallInfo {
	dst := *src
	dst.DefaultPolicy = types.HostFirewallDefaultPolicy{}
	if src.DefaultPolicy.IncomingBlocked != nil {
		dst.DefaultPolicy.IncomingBlocked = types.NewBool(*src.DefaultPolicy.IncomingBlocked)
	}
	if src.DefaultPolicy.OutgoingBlocked != nil {
		dst.DefaultPolicy.OutgoingBlocked = types.NewBool(*src.DefaultPolicy.OutgoingBlocked)
	}
	dst.Ruleset = make([]types.HostFirewallRuleset, len(src.Ruleset))
	for i, rs := range src.Ruleset {
		c := rs
		c.Rule = append([]types.HostFirewallRule(nil), rs.Rule...)
		if rs.AllowedHosts != nil {
			ah := *rs.AllowedHosts
			ah.IpAddress = append([]string(nil), rs.AllowedHosts.IpAddress...)
			ah.IpNetwork = append([]types.HostFirewallRulesetIpNetwork(nil), rs.AllowedHosts.IpNetwork...)
			c.AllowedHosts = &ah
		}
		dst.Ruleset[i] = c
	}
	return &dst
}

// vicEngineRuleset is the ruleset ESXi 6.7+ ships for VIC: outbound tcp 2377.
func vicEngineRuleset() types.HostFirewallRuleset {
	return types.HostFirewallRuleset{
		Key:      "vic-engine",
		Label:    "VIC Engine",
		Required: false,
		Rule: []types.HostFirewallRule{{
			Port: vicPort, EndPort: vicPort, Direction: types.HostFirewallRuleDirectionOutbound,
			PortType: types.HostFirewallRulePortTypeDst, Protocol: string(types.HostFirewallRuleProtocolTcp),
		}},
		Enabled:      false,
		AllowedHosts: &types.HostFirewallRulesetIpList{AllIp: true},
	}
}

// matches2377 tells whether a ruleset has a rule covering outbound tcp dst 2377.
func matches2377(rs *types.HostFirewallRuleset) bool {
	for _, r := range rs.Rule {
		if r.Direction != types.HostFirewallRuleDirectionOutbound || r.PortType != types.HostFirewallRulePortTypeDst ||
			r.Protocol != string(types.HostFirewallRuleProtocolTcp) {
			continue
		}
		if r.EndPort == 0 && r.Port == vicPort || r.EndPort != 0 && r.Port <= vicPort && vicPort <= r.EndPort {
			return true
		}
	}
	return false
}

func parseAllowed(list string) (*types.HostFirewallRulesetIpList, error) {
	ah := &types.HostFirewallRulesetIpList{}
	for _, item := range strings.Split(list, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		if strings.Contains(item, "/") {
			_, n, err := net.ParseCIDR(item)
			if err != nil {
				return nil, fmt.Errorf("-restricted-net: %q is not a CIDR", item)
			}
			ones, _ := n.Mask.Size()
			ah.IpNetwork = append(ah.IpNetwork, types.HostFirewallRulesetIpNetwork{
				Network: n.IP.String(), PrefixLength: int32(ones)})
		} else {
			if net.ParseIP(item) == nil {
				return nil, fmt.Errorf("-restricted-net: %q is not an IP address", item)
			}
			ah.IpAddress = append(ah.IpAddress, item)
		}
	}
	if len(ah.IpAddress) == 0 && len(ah.IpNetwork) == 0 {
		return nil, fmt.Errorf("-restricted-net: no address given")
	}
	return ah, nil
}

// setState rewrites the host's rulesets matching 2377 for one state.
func setState(info *types.HostFirewallInfo, state, target string, allowed *types.HostFirewallRulesetIpList) error {
	if state == "default" {
		return nil
	}
	var tgt, alt *types.HostFirewallRuleset
	for i := range info.Ruleset {
		rs := &info.Ruleset[i]
		if rs.Key == target {
			tgt = rs
		}
		if rs.Key == "vSPC" {
			alt = rs
		}
		if matches2377(rs) {
			rs.Enabled = false
		}
	}
	switch state {
	case "allow":
		if tgt == nil {
			return fmt.Errorf("no ruleset %q on the host", target)
		}
		tgt.Enabled = true
		tgt.AllowedHosts = &types.HostFirewallRulesetIpList{AllIp: true}
	case "restricted":
		if tgt == nil {
			return fmt.Errorf("no ruleset %q on the host", target)
		}
		tgt.Enabled = true
		c := *allowed
		c.IpAddress = append([]string(nil), allowed.IpAddress...)
		c.IpNetwork = append([]types.HostFirewallRulesetIpNetwork(nil), allowed.IpNetwork...)
		tgt.AllowedHosts = &c
	case "alt":
		if alt == nil {
			return fmt.Errorf("no ruleset vSPC on the host")
		}
		alt.Enabled = true
		alt.AllowedHosts = &types.HostFirewallRulesetIpList{AllIp: true}
	case "policy-pass":
		info.DefaultPolicy.OutgoingBlocked = types.NewBool(false)
	case "disabled":
		// every matching ruleset is already off
	}
	return nil
}

func applyFirewalls(inv *inventory, o *options) error {
	target := o.ruleset
	if target == "" {
		target = "vic-engine"
		if !o.addVic {
			target = "vSPC"
		}
	}
	allowed, err := parseAllowed(o.restricted)
	if err != nil {
		return err
	}
	var sc *scenario
	for i := range scenarios {
		if scenarios[i].name == o.scenario {
			sc = &scenarios[i]
		}
	}
	if sc == nil {
		return fmt.Errorf("unknown -scenario %q (known: %s)", o.scenario, strings.Join(scenarioNames(), ", "))
	}
	for i, h := range inv.hosts {
		if i < len(sc.states) {
			h.fwState = sc.states[i]
		} else {
			h.fwState = sc.states[len(sc.states)-1]
		}
	}
	var pairs []string
	for _, item := range append(append([]string(nil), inv.presetFw...), o.fwHost...) {
		pairs = append(pairs, splitPairs(item)...)
	}
	for _, p := range pairs {
		eq := strings.LastIndex(p, "=")
		if eq < 0 {
			return fmt.Errorf("-fw-host %q: want NAME=STATE", p)
		}
		h := inv.findHost(p[:eq])
		if h == nil {
			return fmt.Errorf("-fw-host %q: no host %q", p, p[:eq])
		}
		if !validState(p[eq+1:]) {
			return fmt.Errorf("-fw-host %q: unknown state (known: %s)", p, strings.Join(fwStates, ", "))
		}
		h.fwState = p[eq+1:]
	}

	base := copyFirewall(&esx.HostFirewallInfo)
	if o.addVic {
		base.Ruleset = append(base.Ruleset, vicEngineRuleset())
		sort.SliceStable(base.Ruleset, func(i, j int) bool { return base.Ruleset[i].Key < base.Ruleset[j].Key })
	}
	for _, h := range inv.hosts {
		fw := simulator.Map.Get(*h.sim.ConfigManager.FirewallSystem).(*simulator.HostFirewallSystem)
		if h.fwState == "no-info" {
			fw.FirewallInfo = nil
			h.sim.Config.Firewall = nil
			continue
		}
		info := copyFirewall(base)
		if err := setState(info, h.fwState, target, allowed); err != nil {
			return fmt.Errorf("host %s, state %s: %v", h.name, h.fwState, err)
		}
		fw.FirewallInfo = info
		h.sim.Config.Firewall = info
	}
	return nil
}

// splitPairs splits "a=allow,b=disabled" into its pairs.
func splitPairs(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p != "" {
			out = append(out, p)
		}
	}
	return out
}
