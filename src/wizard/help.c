/* help: the wizard's help texts (see help.h). */
#include "help.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"

static const struct {
	const char *text, *man;
} steps[WIZARD_STEP_COUNT] = {
	[WIZARD_CONNECT] = {
		"vchnet reads your vCenter's inventory (networks, hosts, datastores) so that it "
		"can offer only choices that work. It signs in over HTTPS with the user you "
		"give. Planning only reads: vCenter changes only when you confirm a firewall "
		"fix or a deploy (Deploy... on the review step, which runs vic-machine). "
		"If the server's certificate is self-signed, compare its fingerprint with the "
		"one vCenter shows before accepting it. The password is never saved: not in the "
		"plan, not in the draft, not in the log.",
		"vchnet(1), section THE WIZARD"},
	[WIZARD_SCOPE] = {
		"The scope is where the VCH lives: the cluster, host or resource pool that runs "
		"its VM and the container VMs, and the datastore that keeps container images. "
		"Every host of that cluster must be able to reach the networks you choose next, "
		"so pick the cluster first. The VIC version matters: VIC 1.2 gives the VCH at "
		"most three network cards, 1.3 and later four.",
		"vchnet(1), section THE WIZARD"},
	[WIZARD_BRIDGE] = {
		"Every container VM talks to the VCH over the bridge network. It is a private "
		"network: the VCH hands out addresses from the bridge range and nothing outside "
		"sees them. That is why it needs a port group of its own, used by nothing else: "
		"not by the public, client or management role, not by another VCH (two VCHs on "
		"one bridge give containers the same addresses) and not by other VMs. On vCenter "
		"it must be a distributed port group or an NSX network, reaching every host of "
		"the cluster.",
		"vchnet(1), section NETWORK ROLES"},
	[WIZARD_PUBLIC] = {
		"The public network is the VCH's way out: it pulls images from registries there "
		"and containers publish their ports on its address. With DHCP the address comes "
		"from the network's DHCP server and can change when the VCH restarts; if that "
		"network has no DHCP server the VCH never gets an address and deploying times "
		"out. With a static address you give the address with its prefix and the "
		"gateway. vic-machine's default is the port group called VM Network.",
		"vchnet(1), section NETWORK ROLES"},
	[WIZARD_CLIENT] = {
		"Docker clients (docker -H) reach the VCH's API on the client network. By "
		"default it is the public network: the two roles share one network card. Give "
		"it its own port group to keep Docker API traffic apart. A static address on a "
		"port group that public also uses must be set on the public step, because roles "
		"that share a port group share one card and one address. A gateway here only "
		"serves the routing destinations you list; without them leave it empty.",
		"vchnet(1), section NETWORK ROLES"},
	[WIZARD_MANAGEMENT] = {
		"The VCH talks to vCenter and to the ESXi hosts over the management network. By "
		"default it is the client network (not the public one, whatever older "
		"documents say). The hosts' firewalls must let port 2377/tcp out towards the "
		"management address; the firewall step checks that.",
		"vchnet(1), section NETWORK ROLES"},
	[WIZARD_CONTAINERS] = {
		"A container network connects containers directly to a vSphere port group, with "
		"their own addresses there, instead of hiding them behind the VCH on the bridge. "
		"Docker users see it under its alias (docker network ls). Give a gateway (and "
		"optionally IP ranges) when the network has no DHCP server; without both, the "
		"containers ask DHCP. The trust level is the containers' firewall on that "
		"network. Container networks are optional.",
		"vchnet(1), section CONTAINER NETWORKS"},
	[WIZARD_LAYOUT] = {
		"The layout shows how the roles share the VCH's network cards: roles on the "
		"same port group share one card. Errors must be fixed before the plan is "
		"complete; warnings are advice. Go back with Esc to change a choice.",
		"vchnet(1), section NETWORK ROLES"},
	[WIZARD_FIREWALL] = {
		"The VCH reaches its container VMs through each ESXi host on port 2377/tcp, so "
		"every host must let that port out. vic-machine refuses to deploy otherwise. "
		"Only the management address is checked. With DHCP on management the check "
		"cannot know the address and warns instead. Fix enables the vic-engine rule set "
		"(or vSPC on ESXi 6.5) on the hosts that block it, which needs the "
		"Host.Config.NetService privilege; nothing changes without your confirmation.",
		"vchnet(1), section FIREWALL"},
	[WIZARD_REVIEW] = {
		"This is the plan as it will be written: plain YAML with the layout as a comment "
		"at the top. Saving deploys nothing. Next, run vchnet check on the file (it asks "
		"vCenter again), then vchnet render to see the vic-machine command. Deploy... "
		"here (or vchnet deploy) creates the VCH in vCenter, after asking; its dry run "
		"changes nothing.",
		"vchnet(1), section COMMANDS"},
};

static const struct {
	const char *key, *text;
} fields[] = {
	{"target.url", "The address of the vCenter Server: a host name or IP address, "
		       "optionally with a port, or https://host/sdk. Only HTTPS is used."},
	{"target.username", "A vCenter user that can read the inventory, for example "
			    "administrator@vsphere.local. The plan keeps the name, never the "
			    "password."},
	{"password", "The user's password. It stays in memory while the wizard runs and is "
		     "never written anywhere."},
	{"metadata.name", "The VCH's name: it names its VM and folder in vCenter. Letters, "
			  "digits, '-' and '_' are safe."},
	{"vic.version", "The VIC release you will deploy with. VIC 1.2 allows three network "
			"cards on the VCH, 1.3 and later four."},
	{"target.computeResource", "The cluster, host or resource pool that runs the VCH and "
				   "its container VMs."},
	{"target.imageStore", "The datastore for container images; only datastores that every "
			      "host of the cluster mounts are offered."},
	{"networks.bridge.portGroup", "A distributed port group (or NSX network) for the "
				      "bridge alone: no other role, VCH or VM may use it."},
	{"networks.bridge.ipRange", "The private range the VCH gives container bridge "
				    "networks, in CIDR form. Empty: 172.16.0.0/12. It must not "
				    "overlap networks the containers need to reach."},
	{"networks.bridge.width", "The prefix length of each bridge network cut from the "
				  "range. Empty: 16."},
	{"networks.public.portGroup", "The port group that leads to the outside world: "
				      "registries and published container ports."},
	{"networks.public.ip", "Empty or dhcp: the address comes from DHCP. Otherwise the "
			       "address with its prefix, like 10.0.0.5/24."},
	{"networks.public.gateway", "The router of the public network, like 10.0.0.1; "
				    "needed with a static address. It is the VCH's default "
				    "route."},
	{"networks.dns", "The DNS servers the VCH uses, separated by commas or spaces. "
			 "Empty: DHCP's, or 8.8.8.8 and 8.8.4.4 when every role is static."},
	{"networks.client.portGroup", "Empty or same: the client role shares the public "
				      "network. Otherwise the port group for the Docker API."},
	{"networks.client.ip", "Empty or dhcp: DHCP. Otherwise the address with its "
			       "prefix. On a port group that public also uses, set it on the "
			       "public step instead."},
	{"networks.client.gateway", "A router that reaches the routing destinations below. "
				    "Only needed when clients are on other networks."},
	{"networks.client.routes", "The networks (CIDR, separated by commas) the client "
				   "gateway leads to, like 10.20.0.0/16. A gateway without "
				   "routes is refused."},
	{"networks.management.portGroup", "Empty or same: management shares the client "
					  "network. Otherwise the port group towards vCenter "
					  "and the hosts."},
	{"networks.management.ip", "Empty or dhcp: DHCP. Otherwise the address with its "
				   "prefix. The firewall check needs it to be exact."},
	{"networks.management.gateway", "A router that reaches vCenter or the hosts when "
					"they are on other networks."},
	{"networks.management.routes", "The networks (CIDR) reached through the management "
				       "gateway, like the hosts' management subnet."},
	{"networks.container.portGroup", "The vSphere port group the containers join. On "
					 "vCenter it must be a distributed port group or "
					 "an NSX network, and it cannot be the bridge's."},
	{"networks.container.alias", "The name Docker users see (docker network ls). "
				     "Empty: the port group's name. No spaces and no ':', and "
				     "not 'bridge'. Needed when the port group's name has a "
				     "space."},
	{"networks.container.gateway", "The network's router with the prefix length, like "
				       "10.3.0.1/16. It must be a usable address inside its "
				       "subnet (not the .0 network address). Empty: the "
				       "containers use DHCP."},
	{"networks.container.ipRanges", "Addresses the VCH may give containers on this "
					"network, as CIDR (10.3.1.0/24), FIRST-LAST or "
					"FIRST-LASTOCTET (10.3.2.10-50), separated by commas. "
					"They need a gateway and must lie in its subnet. Empty "
					"with a gateway: the whole subnet."},
	{"networks.container.dns", "DNS servers for the containers on this network, "
				   "separated by commas. Only used with static addresses."},
	{"networks.container.firewall",
	 "How much the containers on this network trust it:\n"
	 "  open       everything in and out is allowed\n"
	 "  closed     nothing in or out\n"
	 "  published  out, ping, and only the ports containers publish (the default)\n"
	 "  outbound   only connections the containers start\n"
	 "  peers      out, and in from the network's own IP ranges"},
	{"proxy.http", "The proxy for image pulls over HTTP, as http://host:port or "
		       "https://host:port. Only registry traffic uses it. Empty: none."},
	{"proxy.https", "The proxy for image pulls over HTTPS, in the same form. Empty: none."},
	{"proxy.noProxy", "Hosts and domains reached without the proxy, separated by commas, "
			  "like localhost,.example.com; or * for all."},
	{"firewall.fix", "Enables the vic-engine rule set (vSPC on ESXi 6.5) on each host "
			 "listed, so 2377/tcp can go out. Needs Host.Config.NetService."},
	{"tls.mode", "How Docker clients reach the VCH. tlsverify: vic-machine generates a CA, "
		     "a server and a client certificate (in a folder named after the VCH), and "
		     "only clients holding the client certificate may connect on 2376. "
		     "no-tlsverify: the traffic is encrypted, but anyone who reaches the VCH "
		     "may use it. no-tls: plain TCP on 2375, for an isolated test network only. "
		     "A new plan starts on tlsverify when the client address is static, else on "
		     "no-tlsverify (with DHCP there is no address to certify)."},
	{"tls.cname", "The name the server certificate is made for: the name or address Docker "
		      "clients use to reach the VCH. Suggested from the client network's static "
		      "address; type an FQDN when clients use a DNS name."},
	{"review.path", "The file to write the plan to. It is written atomically with mode "
			"0600 and holds no secrets."},
};

const char *help_step(enum wizard_step s)
{
	return (unsigned)s < WIZARD_STEP_COUNT && steps[s].text ? steps[s].text : "";
}

const char *help_manref(enum wizard_step s)
{
	return (unsigned)s < WIZARD_STEP_COUNT && steps[s].man ? steps[s].man : "vchnet(1)";
}

const char *help_field(const char *key)
{
	if (!key)
		return NULL;
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
		if (strcmp(fields[i].key, key) == 0)
			return fields[i].text;
	return NULL;
}

const struct help_key help_key_table[] = {
	{"Tab, Down", "next field or button", "Tab/Shift-Tab and arrows", "move",
	 "Tab", "Tab", "move", false},
	{"Shift-Tab, Up", "previous field or button", NULL, NULL, NULL, NULL, NULL, false},
	{"Enter", "choose, press the focused button", "Enter", "chooses", NULL, NULL, NULL, false},
	{"Space", "toggle a check box, press a button", "Space", "toggles", NULL, NULL, NULL, false},
	{"Left, Right", "change a choice (DHCP or static, VIC version)", NULL, NULL, NULL, NULL,
	 NULL, false},
	{"typing in a list", "filters it; Ctrl-U clears a field", NULL, NULL, NULL, NULL, NULL, false},
	{"Esc", "back one step, or close a dialog (never destroys)", "Esc", "goes back",
	 "Esc", "Esc", "back", false},
	{"F10, Ctrl-N", "next step (refused, with the reason, while errors remain)",
	 "F10 or Ctrl-N", "next", "F10/^N", "F10/^N", "next", false},
	{"F2, Ctrl-S", "save the plan", "Ctrl-S", "save", "^S", "^S", "save", false},
	{"F1, ?", "help for the focused field (? outside text fields)", "F1 or ?", "help",
	 "F1/?", "F1", "help", false},
	{"Ctrl-F", "the step's findings, whole, with the hints and one-key fixes", "Ctrl-F",
	 "findings", "^F", "^F", "findings", true},
	{"Ctrl-L", "redraw the screen", "Ctrl-L", "redraw", NULL, NULL, NULL, false},
	{"q", "quit (outside text fields; asks when not saved)", "q", "quit", "q", NULL, "quit", false},
	{"Delete", "delete the container network under the cursor (asks)", NULL, NULL, NULL,
	 NULL, NULL, false},
};
const size_t help_n_keys = sizeof help_key_table / sizeof help_key_table[0];

const char *help_keys(void)
{
	static char *text;

	if (text)
		return text;
	text = xstrdup("");
	for (size_t i = 0; i < help_n_keys; i++) {
		char *t = xasprintf("%s%-17s %s\n", text, help_key_table[i].keys,
				    help_key_table[i].what);
		free(text);
		text = t;
	}
	char *t = xasprintf("%sYour choices are saved as a draft after every step and when the "
			    "connection drops; the next start offers to resume. See vchnet(1), "
			    "section KEYS.", text);
	free(text);
	text = t;
	return text;
}

char *help_keys_brief(int width)
{
	char *out = xstrdup("");
	char *line = xstrdup("Keys:");

	for (size_t i = 0; i < help_n_keys; i++) {
		const struct help_key *k = &help_key_table[i];
		if (!k->brief_keys)
			continue;
		bool last = true;
		for (size_t j = i + 1; j < help_n_keys; j++)
			last = last && !help_key_table[j].brief_keys;
		char *item = xasprintf("%s %s%s", k->brief_keys, k->brief, last ? "." : ",");
		/* words, not items, wrap: "Esc goes" may end a line and "back," begin one */
		char *save = NULL;
		for (char *w = strtok_r(item, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
			char *t;
			if ((int)(strlen(line) + 1 + strlen(w)) > width) {
				t = xasprintf("%s%s\n", out, line);
				free(out);
				out = t;
				free(line);
				line = xstrdup(w);
				continue;
			}
			t = xasprintf("%s %s", line, w);
			free(line);
			line = t;
		}
		free(item);
	}
	char *t = xasprintf("%s%s\n", out, line);
	free(out);
	free(line);
	return t;
}

const char *help_plain(void)
{
	return "Answer each question and press Enter. An empty answer takes the value in "
	       "[brackets]; '-' clears an optional value. Type ? for help on the question, "
	       "< to go back one step. End of input (Ctrl-D) stops and keeps a draft to "
	       "resume. See vchnet(1), section PLAIN MODE.";
}
