#!/usr/bin/python3
"""peer.py: the differential suite. vchnet judges a plan; the real vic-machine 1.5.8
judges the same plan; this program compares the two verdicts.

For each plan: "vchnet check" (live, against the simulator), "vchnet layout",
"vchnet render"; then vic-machine create on the rendered argv when vchnet accepts,
or on flags this program writes from the plan itself (from vic-machine's flag
definitions, not from "vchnet render") when vchnet rejects. The verdicts:

  agree            same verdict (and, for a rejection, every problem vic-machine
                   names is named in vchnet's output)
  false-accept     vchnet accepts, vic-machine rejects the rendered command
  false-reject     vchnet rejects, vic-machine accepts; "documented" when every
                   error is one of vchnet's deliberate extra rules
  message-mismatch both reject, but a problem vic-machine names is missing from
                   vchnet's output
  render-failure   vchnet accepts but "vchnet render" fails
  nic-mismatch     both accept, but the NIC count of "vchnet layout" differs
                   from the NICs vic-machine gives the endpoint VM

Python 3 standard library only (PyYAML, Debian's python3-yaml, is used when present
to read the fixture plans written by hand). Run by tests/peer/peer.sh, which starts
the simulator and unpacks vic-machine and passes both in the environment.
"""

import argparse
import concurrent.futures
import hashlib
import json
import os
import random
import re
import shlex
import subprocess
import sys
import tempfile
import time

# vchnet's deliberate extra rules: vic-machine accepts these plans; vchnet refuses
# them on purpose (see "DELIBERATE EXTRA RULES" in vchnet(1)).
DELIBERATE = {
    "pg-spelling": "one port group written two ways",
    "pg-uplink": "an uplink port group",
    "container-alias-duplicate": "a container alias used twice",
    "container-portgroup-duplicate": "a port group mapped twice as a container network",
    "nic-limit": "four NICs with VIC 1.2",
    "pg-switch": "a distributed switch named as a port group",
    "bridge-missing": "the bridge port group left to vic-machine's default",
    "public-missing": "the public port group left to vic-machine's default",
    # the live in-use checks: vic-machine 1.5.8 looks at none of this (main() checks
    # every plan before any VCH is created, so a run's own VCHs do not trip them)
    "bridge-in-use-vch": "a bridge port group already another VCH's bridge",
    "bridge-has-vms": "a bridge port group other VMs are attached to",
    "address-in-use": "a static address another VCH already has",
}

# ---------------------------------------------------------------- the simulator's inventory

DVPGS = ["DC0_DVPG0", "DC0_DVPG1", "DC0_DVPG2", "DC0_DVPG3"]
NSX = ["DC0_NSX0", "DC0_NSX1"]
STD = "VM Network"
# extra port groups peer.sh asks the simulator for: names with the finder's
# metacharacters, spaces and other odd characters
EXTRA_PGS = ["lit*star", "sp ace", "q?mark", "br[ack]et", "back\\slash", "dot.name", "web & db"]
SWITCH = "DVS0"

# port group spellings: what vic-machine's finder makes of them
PG_SPELLINGS = [
    "DC0_DVPG*", "DC0_DVPG?", "DC0_DVPG[12]", "DC0_DVPG[!0]", "DC0_DVPG[0]", "DC0_DVPG\\1",
    "network/DC0_DVPG1", "DC0/network/DC0_DVPG1", "/DC0/network/DC0_DVPG1", "./DC0_DVPG1",
    "DC0_DVPG1/", "../DC0/network/DC0_DVPG1", "network/../network/DC0_DVPG1", "*/DC0_DVPG1",
    "DVS0", "DC0_NSX*", "VM Net*", "VM Network", "vm network", "nosuch", "lit*star",
    "lit\\*star", "sp ace", "q?mark", "q\\?mark", "br[ack]et", "br\\[ack\\]et", "back\\slash",
    "back\\\\slash", "dot.name", "web & db", "*", "DC0_DVPG1 ", " DC0_DVPG1", "DC0_DVPG[", "[",
    "DC0_NSX0", "/DC0/network/DVS0", "DC0_DVPG1//", "network", "/DC0/network", "DC0",
]

IPS = ["10.10.0.5/24", "10.10.0.5", "0.0.0.0/24", "0.0.0.0/0", "10.10.0.5/33", "10.10.0.0/24",
       "host.example.com", "2001:db8::5/64", "10.10.0.5/8", "10.10.0.255/24", "", " 10.10.0.5/24",
       "010.10.0.5/24", "10.10.0.5/24 ", "255.255.255.255/32", "10.10.0.5/32"]
GWS = ["10.10.0.1", "0.0.0.0", "10.99.0.1", "", "10.10.0.1/24", "gw.example.com", "2001:db8::1",
       "10.10.0.5", "10.10.0.0", "10.10.0.255", " 10.10.0.1"]
ROUTES = [["10.50.0.0/16"], ["10.50.0.0/16", ""], [""], ["10.50.0.0/16", "10.60.0.0/16"],
          [" 10.50.0.0/16"], ["10.50.0.1"], ["0.0.0.0/0"], ["10.50.0.0/16", "10.50.0.0/16"],
          ["2001:db8::/32"], ["10.50.0.0/33"]]
DNS = [["10.0.0.2"], ["10.0.0.2", ""], [""], ["0.0.0.0"], ["10.0.0.2", "10.0.0.3", "10.0.0.4", "10.0.0.5"],
       ["dns.example.com"], ["2001:db8::53"], [" 10.0.0.2"], ["10.0.0.2/24"], ["10.0.0.256"]]
RANGES = ["10.40.0.0/24", "10.40.0.10-10.40.0.50", "10.40.0.10-50", "10.40.0.50-10", "10.40.0.10-256",
          "10.40.0.10-10.40.0.5", "10.41.0.0/24", "", "10.40.0.10 - 10.40.0.50", "10.40.0.10",
          "10.40.0.10-10.40.0.10", "10.40.0.0/25", "10.40.0.10-", "-10.40.0.50", "10.40.0.10-0x20"]
CGWS = ["10.40.0.1/24", "10.40.0.0/24", "10.40.0.255/24", "10.40.0.1", "10.40.0.1/31", "10.40.0.1/32",
        "0.0.0.0/24", "", "2001:db8::1/64", "10.40.0.1/16"]
TRUST = ["open", "closed", "published", "outbound", "peers", "OPEN", "Closed", "PeErS", "",
         "public", "none", " open", "open "]
PROXIES = [
    "http://proxy.example.com:3128", "https://proxy.example.com:3129", "proxy.example.com:3128",
    "proxy.example.com", "ftp://proxy.example.com", "http://", "http://:3128", "HTTP://PROXY:3128",
    "http://prox%zzy:3128", "http://proxy:3128/%zz", "http://proxy:3128/#%zz", "http://proxy:3128/#ok",
    "http://proxy:3128/a%20b", "http://pro%41xy:3128", "http://pro%c3%a9xy:3128", "http://proxy:port",
    "http://proxy:3128:3129", "http://[::1]:3128", "http://[::1", "http://us%zzer@proxy:3128",
    "http://user:pa%ss@proxy:3128", "http://us er@proxy:3128", "http://pro xy:3128", "http://proxy:3128?q=%zz",
    "http://proxy:3128/%", "http://proxy:3128/%4", "http://proxy:3128/%41", "http://[fe80::1%25eth0]:3128",
    "http://[fe80::1%eth0]:3128", "http:proxy:3128", "http:/proxy:3128", "https://proxy.example.com",
    "http://proxy:3128/path#frag%", "//proxy:3128", "http://proxy%2Fx:3128", "*", "http://pr{oxy}:3128",
    "http://proxy:3128#%4", "http://:", "http://a@b@proxy:3128", "http://[::1]x:3128",
]
NOPROXY = [
    ["localhost", ".example.com"], ["*"], ["", "localhost"], ["localhost", ""], ["localhost", "", "a"],
    ["%zz"], ["localhost", "%zz"], ["localhost", "a%zzb"], [" localhost ", " .example.com"],
    ["localhost", "a b"], ["localhost", "10.0.0.0/8"], ["localhost", "a:b"], ["localhost", ":x"],
    ["localhost", "http://x/%4"], ["localhost", "#%zz"], ["a%41b"], ["localhost", "[::1"],
    ["localhost", "x?%zz"], ["localhost", "a\tb"], ["localhost", "1.2.3.4:80"], [" "],
]
NAMES = ["vch-{n}", "v%{n}", "v&{n}", "v*{n}", "v ({n})", "v_{n}", "v'{n}", "v\"{n}", "v/{n}",
         "v:{n}", "v;{n}", "v|{n}", "v?{n}", "v<{n}>", "v#{n}", "v@{n}", "v!{n}", "v$${n}",
         "v\\{n}", "a-very-long-name-over-thirty-one-characters-{n}", "v-é-{n}", "v+{n}", "v.{n}",
         "v={n}", "v,{n}", "v[{n}]", "v~{n}", "v`{n}"]
BRIDGE_RANGES = ["172.16.0.0/12", "172.16.5.0/12", "172.16.0.0/16", "172.16.0.0/24", "172.16.0.0/17",
                 "172.16.0.1", "", "2001:db8::/48", "172.16.0.0/8", "172.16.0.0/33", "bogus"]
WIDTHS = [None, 16, 24, 12, 8, 30, 31, 32, 0, -1, 1, 17, 100]
VOLUME_STORES = ["LocalDS_0/volumes:default", "LocalDS_0:default", "LocalDS_0/v", "NoSuchDS/v:default",
                 "LocalDS_0/volumes:", "ds://LocalDS_0/volumes:default", ":default", "LocalDS_0/vol umes:x",
                 "nfs://host/export:nfs", "LocalDS_0/v:x:y", "LocalDS_0/volumes:de fault",
                 "localds_0/volumes:default"]
IMAGE_STORES = ["LocalDS_0", "LocalDS_0/images", "NoSuchDS", "LocalDS_0:x", "ds://LocalDS_0",
                "localds_0", "LocalDS_0/a b"]
VERSIONS = ["1.5", "1.5.8", "1.3", "1.2", "1.2.1", "1.1", "2.0"]
TLS = [("no-tlsverify", None), ("tlsverify", "vch.example.com"), ("tlsverify", None),
       ("no-tls", None), ("no-tls", "vch.example.com"), ("no-tlsverify", "vch.example.com")]


# ---------------------------------------------------------------- plans

class Env:
    def __init__(self):
        e = os.environ
        self.url = e["VCSIM_URL"]
        self.hostport = e["VCSIM_HOSTPORT"]
        self.user = e["VCSIM_USERNAME"]
        self.password = e["VCSIM_PASSWORD"]
        self.tp1 = e["VCSIM_THUMBPRINT_SHA1"]
        self.tp256 = e["VCSIM_THUMBPRINT_SHA256"]
        self.vchnet = e["VCHNET"]
        self.vic = e["VIC_MACHINE"]
        self.work = e.get("PEER_WORK") or tempfile.mkdtemp(prefix="peer.")
        self.iso = os.path.join(self.work, "appliance.iso")
        self.biso = os.path.join(self.work, "bootstrap.iso")
        if not os.path.exists(self.iso):
            with open(self.iso, "wb") as f:
                f.write(b"\0" * 65536)
            with open(self.biso, "wb") as f:
                f.write(b"\0" * 65536)


def target(env):
    return {"url": env.url, "username": env.user, "thumbprint": env.tp1, "datacenter": "DC0",
            "computeResource": "DC0_C0", "imageStore": "LocalDS_0"}


def base_plan(rng, env, name):
    """A plan both should accept: distinct networks, consistent addresses."""
    pgs = DVPGS + NSX
    rng.shuffle(pgs)
    p = {"apiVersion": "vchnet/v1", "kind": "VCHNetworkPlan", "metadata": {"name": name},
         "vic": {"version": rng.choice(["1.5", "1.5", "1.3", "1.2"])}, "target": target(env),
         "tls": {"mode": "no-tlsverify"}, "networks": {}}
    nets = p["networks"]
    nets["bridge"] = {"portGroup": pgs.pop()}
    pub = {"portGroup": rng.choice([STD, pgs.pop()])}
    if rng.random() < 0.4:
        pub["ip"] = "10.10.0.5/24"
        pub["gateway"] = "10.10.0.1"
    nets["public"] = pub
    nics = 2
    for role, net in (("client", "10.20.0"), ("management", "10.30.0")):
        r = rng.random()
        if r < 0.4:
            continue
        if r < 0.55:
            nets[role] = {"portGroup": pub["portGroup"]}
            continue
        limit = 3 if p["vic"]["version"] == "1.2" else 4
        if nics >= limit:
            continue
        sec = {"portGroup": pgs.pop()}
        nics += 1
        if rng.random() < 0.5:
            sec["ip"] = net + ".5/24"
            if rng.random() < 0.5:
                sec["gateway"] = net + ".1"
                sec["routes"] = ["10.%d.0.0/16" % (50 + len(role))]
        nets[role] = sec
    if rng.random() < 0.5:
        nets["dns"] = rng.choice([["10.0.0.2"], ["10.0.0.2", "10.0.0.3"]])
    if rng.random() < 0.4:
        nets["bridge"]["ipRange"] = rng.choice(["172.16.0.0/12", "172.20.0.0/16"])
        if rng.random() < 0.5:
            nets["bridge"]["width"] = 24
    conts = []
    for i in range(rng.choice([0, 0, 1, 1, 2])):
        if not pgs:
            break
        c = {"portGroup": pgs.pop(), "alias": "cn%d" % i}
        if rng.random() < 0.5:
            c["gateway"] = "10.4%d.0.1/24" % i
            c["ipRanges"] = ["10.4%d.0.10-10.4%d.0.50" % (i, i)]
            c["dns"] = ["10.4%d.0.2" % i]
        if rng.random() < 0.6:
            c["firewall"] = rng.choice(["open", "closed", "published", "outbound", "peers"])
        conts.append(c)
    if conts:
        nets["container"] = conts
    if rng.random() < 0.3:
        p["proxy"] = {"http": "http://proxy.example.com:3128", "noProxy": ["localhost", ".example.com"]}
    return p


def role(p, rng, create=True):
    nets = p["networks"]
    name = rng.choice(["public", "client", "management"])
    if name not in nets:
        nets[name] = {"portGroup": rng.choice(DVPGS + NSX + [STD])}
    return name, nets[name]


def container(p, rng):
    nets = p["networks"]
    conts = nets.setdefault("container", [])
    if not conts or rng.random() < 0.2:
        conts.append({"portGroup": rng.choice(DVPGS + NSX + EXTRA_PGS), "alias": "c%d" % len(conts)})
    return rng.choice(conts)


def m_pg(p, rng):
    r = rng.choice(["bridge", "public", "client", "management", "container"])
    v = rng.choice(PG_SPELLINGS + EXTRA_PGS)
    if r == "container":
        c = container(p, rng)
        c["portGroup"] = v
        if " " in v and rng.random() < 0.3:
            c.pop("alias", None)
    else:
        p["networks"].setdefault(r, {})["portGroup"] = v
    return "portGroup"


def m_ip(p, rng):
    _, r = role(p, rng)
    r["ip"] = rng.choice(IPS)
    return "ip"


def m_gw(p, rng):
    _, r = role(p, rng)
    r["gateway"] = rng.choice(GWS)
    if rng.random() < 0.5:
        r["ip"] = rng.choice(IPS[:3])
    return "gateway"


def m_routes(p, rng):
    _, r = role(p, rng)
    r["routes"] = list(rng.choice(ROUTES))
    if rng.random() < 0.7:
        r.setdefault("gateway", "10.10.0.1")
        r.setdefault("ip", "10.10.0.5/24")
    return "routes"


def m_zero(p, rng):
    _, r = role(p, rng)
    k = rng.choice(["ip", "gateway", "both"])
    if k in ("ip", "both"):
        r["ip"] = rng.choice(["0.0.0.0/24", "0.0.0.0/0", "0.0.0.0/8"])
    if k in ("gateway", "both"):
        r["gateway"] = "0.0.0.0"
    return "zero-address"


def m_dns(p, rng):
    p["networks"]["dns"] = list(rng.choice(DNS))
    return "dns"


def m_bridge(p, rng):
    b = p["networks"]["bridge"]
    if rng.random() < 0.6:
        b["ipRange"] = rng.choice(BRIDGE_RANGES)
    if rng.random() < 0.6:
        w = rng.choice(WIDTHS)
        if w is None:
            b.pop("width", None)
        else:
            b["width"] = w
    return "bridge-range"


def m_cgw(p, rng):
    c = container(p, rng)
    c["gateway"] = rng.choice(CGWS)
    return "container-gateway"


def m_crange(p, rng):
    c = container(p, rng)
    c["ipRanges"] = [rng.choice(RANGES) for _ in range(rng.choice([1, 1, 2]))]
    if rng.random() < 0.7:
        c.setdefault("gateway", "10.40.0.1/24")
    return "container-range"


def m_cdns(p, rng):
    c = container(p, rng)
    c["dns"] = list(rng.choice(DNS))
    return "container-dns"


def m_trust(p, rng):
    c = container(p, rng)
    c["firewall"] = rng.choice(TRUST)
    return "trust"


def m_alias(p, rng):
    c = container(p, rng)
    v = rng.choice(["bridge", "a b", "", "x:y", "dup", "Bridge", "é", "a" * 40, None])
    if v is None:
        c.pop("alias", None)
    else:
        c["alias"] = v
    if v == "dup":
        conts = p["networks"]["container"]
        conts.append({"portGroup": rng.choice(DVPGS), "alias": "dup"})
    return "alias"


def m_cdup(p, rng):
    c = container(p, rng)
    conts = p["networks"]["container"]
    conts.append({"portGroup": c["portGroup"], "alias": "twin%d" % len(conts)})
    return "container-twice"


def m_proxy(p, rng):
    pr = p.setdefault("proxy", {})
    k = rng.choice(["http", "https"])
    pr[k] = rng.choice(PROXIES)
    return "proxy"


def m_noproxy(p, rng):
    pr = p.setdefault("proxy", {})
    pr["noProxy"] = list(rng.choice(NOPROXY))
    return "noProxy"


def m_tls(p, rng):
    mode, cname = rng.choice(TLS)
    p["tls"] = {"mode": mode}
    if cname:
        p["tls"]["cname"] = cname
    return "tls"


def m_name(p, rng):
    n = p["metadata"]["name"].split("-")[-1]
    p["metadata"]["name"] = rng.choice(NAMES).replace("{n}", n)
    return "name"


def m_version(p, rng):
    p["vic"]["version"] = rng.choice(VERSIONS)
    return "version"


def m_share(p, rng):
    """Roles and the bridge on one port group, in every combination."""
    nets = p["networks"]
    a, b = rng.sample(["bridge", "public", "client", "management"], 2)
    nets.setdefault(a, {"portGroup": rng.choice(DVPGS)})
    nets.setdefault(b, {})["portGroup"] = nets[a].get("portGroup", "DC0_DVPG0")
    if rng.random() < 0.3:
        c = container(p, rng)
        c["portGroup"] = nets["bridge"].get("portGroup", "DC0_DVPG0")
    return "sharing"


def m_four(p, rng):
    nets = p["networks"]
    pgs = DVPGS + NSX
    rng.shuffle(pgs)
    for r in ("bridge", "public", "client", "management"):
        nets.setdefault(r, {})["portGroup"] = pgs.pop()
    for c in nets.get("container", []):
        c["portGroup"] = pgs.pop() if pgs else c.get("portGroup", "DC0_DVPG0")
    return "four-nics"


def m_static_shared(p, rng):
    nets = p["networks"]
    r = rng.choice(["client", "management"])
    nets[r] = {"portGroup": nets["public"].get("portGroup", STD), "ip": rng.choice(["10.10.0.6/24", "10.10.0.5/24"])}
    if rng.random() < 0.5:
        nets["public"]["ip"] = "10.10.0.5/24"
        nets["public"]["gateway"] = "10.10.0.1"
    return "static-shared"


def m_volume(p, rng):
    p["target"]["volumeStores"] = [rng.choice(VOLUME_STORES) for _ in range(rng.choice([1, 1, 2]))]
    return "volume-store"


def m_image(p, rng):
    p["target"]["imageStore"] = rng.choice(IMAGE_STORES)
    return "image-store"


def m_target(p, rng):
    t = p["target"]
    k = rng.choice(["datacenter", "computeResource", "thumbprint"])
    t[k] = {"datacenter": rng.choice(["DC1", "/DC0", "DC*", "dc0"]),
            "computeResource": rng.choice(["DC0_C0/Resources", "nosuch", "DC0_C*", "/DC0/host/DC0_C0"]),
            "thumbprint": rng.choice([env_tp1().lower(), env_tp1().replace(":", ""), "AA:BB"])}[k]
    return "target"


def env_tp1():
    return os.environ["VCSIM_THUMBPRINT_SHA1"]


def m_drop(p, rng):
    nets = p["networks"]
    k = rng.choice(["public-pg", "bridge-pg", "client-pg"])
    if k == "public-pg":
        nets["public"].pop("portGroup", None)
    elif k == "bridge-pg":
        nets["bridge"].pop("portGroup", None)
    elif "client" in nets:
        nets["client"].pop("portGroup", None)
    return "missing"


MUTATORS = [m_pg, m_pg, m_pg, m_ip, m_gw, m_routes, m_zero, m_dns, m_bridge, m_cgw, m_crange,
            m_cdns, m_trust, m_trust, m_alias, m_cdup, m_proxy, m_proxy, m_noproxy, m_noproxy,
            m_tls, m_name, m_version, m_share, m_four, m_static_shared, m_volume, m_image,
            m_target, m_drop]


def generate(seed, n, env, prefix):
    rng = random.Random(seed)
    out = []
    for i in range(n):
        name = "%s-%d" % (prefix, i)
        p = base_plan(rng, env, name)
        labels = []
        for _ in range(rng.choice([0, 1, 1, 1, 2, 2, 3])):
            m = rng.choice(MUTATORS)
            try:
                labels.append(m(p, rng))
            except (KeyError, IndexError):  # a mutation that does not apply to this plan
                labels.append(m.__name__[2:] + "?")
        out.append((name, p, labels or ["valid"]))
    return out


# ---------------------------------------------------------------- YAML out

def yq(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    return json.dumps(v, ensure_ascii=False)


def to_yaml(d, ind=0):
    lines = []
    sp = "  " * ind
    for k, v in d.items():
        if isinstance(v, dict) and not v:
            lines.append("%s%s: {}" % (sp, k))
        elif isinstance(v, dict):
            lines.append("%s%s:" % (sp, k))
            lines.extend(to_yaml(v, ind + 1))
        elif isinstance(v, list) and v and isinstance(v[0], dict):
            lines.append("%s%s:" % (sp, k))
            for item in v:
                sub = to_yaml(item, ind + 2) if isinstance(item, dict) else []
                if not sub:
                    lines.append("  " * (ind + 1) + "- {}")
                    continue
                sub[0] = "  " * (ind + 1) + "- " + sub[0].lstrip()
                lines.extend(sub)
        elif isinstance(v, list):
            lines.append("%s%s: [%s]" % (sp, k, ", ".join(yq(x) for x in v)))
        else:
            lines.append("%s%s: %s" % (sp, k, yq(v)))
    return lines


def plan_text(p, comment=None):
    head = "".join("# %s\n" % c for c in (comment or []))
    return head + "\n".join(to_yaml(p)) + "\n"


# ---------------------------------------------------------------- vic-machine's flags from a plan

def s(v):
    return "" if v is None else str(v)


def drop_empty(d):
    if isinstance(d, dict):
        return {k: drop_empty(v) for k, v in d.items() if v != ""}
    if isinstance(d, list):
        return [drop_empty(v) if isinstance(v, dict) else v for v in d]
    return d


def convert(p, env):
    """vic-machine create flags written from the plan, as vic-machine's flag
    definitions name them (create.go, cnetworks.go, dns.go, proxy.go). A key whose
    value is "" is not given (vchnet-plan(5)); "" items of lists are kept."""
    p = drop_empty(p)
    a = []
    t = p.get("target") or {}
    nets = p.get("networks") or {}
    dc = s(t.get("datacenter")).lstrip("/")
    a += ["--target", "%s/%s" % (env.hostport, dc)]
    tp = s(t.get("thumbprint", env.tp1))
    hexd = re.sub(r"[\s:]", "", tp)
    if re.fullmatch(r"[0-9A-Fa-f]{40}", hexd):  # vchnet-plan(5): any case, with or without ':'
        tp = ":".join(hexd[i:i + 2] for i in range(0, 40, 2)).upper()
    a += ["--user", env.user, "--thumbprint", tp]
    a += ["--name", s((p.get("metadata") or {}).get("name"))]
    a += ["--compute-resource", s(t.get("computeResource")), "--image-store", s(t.get("imageStore"))]
    for v in t.get("volumeStores") or []:
        a += ["--volume-store", s(v)]
    tls = p.get("tls") or {}
    mode = tls.get("mode") or "no-tlsverify"
    if mode == "no-tls":
        a += ["--no-tls"]
    elif mode == "no-tlsverify":
        a += ["--no-tlsverify"]
    if tls.get("cname") is not None and mode != "no-tls":
        a += ["--tls-cname", s(tls["cname"])]
    b = nets.get("bridge") or {}
    if "portGroup" in b:
        a += ["--bridge-network", s(b["portGroup"])]
    if "ipRange" in b:
        a += ["--bridge-network-range", s(b["ipRange"])]
    if "width" in b:
        a += ["--bridge-network-width", s(b["width"])]
    for rname in ("public", "client", "management"):
        r = nets.get(rname)
        if r is None:
            continue
        if "portGroup" in r:
            a += ["--%s-network" % rname, s(r["portGroup"])]
        if "ip" in r:
            a += ["--%s-network-ip" % rname, s(r["ip"])]
        if "gateway" in r or "routes" in r:
            gw = s(r.get("gateway"))
            if r.get("routes"):
                gw = ",".join(s(x) for x in r["routes"]) + ":" + gw
            a += ["--%s-network-gateway" % rname, gw]
    for d in nets.get("dns") or []:
        a += ["--dns-server", s(d)]
    for c in nets.get("container") or []:
        pg = s(c.get("portGroup"))
        a += ["--container-network", pg + (":" + s(c["alias"]) if "alias" in c else "")]
        if "gateway" in c:
            a += ["--container-network-gateway", pg + ":" + s(c["gateway"])]
        for r in c.get("ipRanges") or []:
            a += ["--container-network-ip-range", pg + ":" + s(r)]
        for d in c.get("dns") or []:
            a += ["--container-network-dns", pg + ":" + s(d)]
        if "firewall" in c:
            a += ["--container-network-firewall", pg + ":" + s(c["firewall"])]
    pr = p.get("proxy") or {}
    if "http" in pr:
        a += ["--http-proxy", s(pr["http"])]
    if "https" in pr:
        a += ["--https-proxy", s(pr["https"])]
    if "noProxy" in pr:
        a += ["--no-proxy", ",".join(s(x) for x in pr["noProxy"])]
    return a


# ---------------------------------------------------------------- running both

def run(cmd, cwd=None, env=None, timeout=120, stderr=subprocess.STDOUT):
    try:
        r = subprocess.run(cmd, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=stderr, timeout=timeout)
        return r.returncode, r.stdout.decode("utf-8", "replace")
    except subprocess.TimeoutExpired as e:
        return 124, (e.stdout or b"").decode("utf-8", "replace") + "\n(timed out)"


def vchnet(env, cmd, path, live=False, opts=()):
    """stdout and stderr together, except for render (its stdout is the command)."""
    argv = [env.vchnet, cmd] + list(opts)
    if live:
        argv += ["--url", env.url, "--username", env.user, "--thumbprint", env.tp256]
    e = dict(os.environ, VCHNET_PASSWORD=env.password)
    return run(argv + [path], env=e,
               stderr=subprocess.DEVNULL if cmd == "render" else subprocess.STDOUT)


def go_unquote(q):
    out, i = [], 0
    while i < len(q):
        c = q[i]
        if c == "\\" and i + 1 < len(q):
            n = q[i + 1]
            if n in "\"\\'":
                out.append(n); i += 2
            elif n == "n":
                out.append("\n"); i += 2
            elif n == "t":
                out.append("\t"); i += 2
            elif n == "r":
                out.append("\r"); i += 2
            elif n == "x":
                out.append(chr(int(q[i + 2:i + 4], 16))); i += 4
            elif n == "u":
                out.append(chr(int(q[i + 2:i + 6], 16))); i += 6
            elif n == "U":
                out.append(chr(int(q[i + 2:i + 10], 16))); i += 10
            else:
                out.append(n); i += 2
        else:
            out.append(c); i += 1
    return "".join(out)


MSG_RE = re.compile(r'level=(\w+) msg=("(?:[^"\\]|\\.)*"|\S*)')


def vic_log(text):
    """(level, message) pairs of vic-machine's output."""
    out = []
    for line in text.splitlines():
        m = MSG_RE.search(line)
        if not m:
            continue
        v = m.group(2)
        if v.startswith('"'):
            v = go_unquote(v[1:-1])
        out.append((m.group(1), v.rstrip("\n")))
    return out


def vic_verdict(text):
    """("accept"|"reject", problems, nics)"""
    log = vic_log(text)
    msgs = [m for _, m in log]
    accepted = any(m.startswith("Creating Resource Pool") or m.startswith("Creating appliance on target")
                   for m in msgs)
    sharing = sum(1 for m in msgs if re.match(r'Network role "\w+" is sharing NIC with', m))
    if accepted:
        return "accept", [], 4 - sharing
    problems = []
    started = False
    for lvl, m in log:
        if lvl != "error":
            continue
        if m == "--------------------":
            started = True
            continue
        if m.startswith("Create cannot continue"):
            break
        fail = re.match(r"vic-machine-linux create failed: (.*)", m, re.S)
        if fail:
            if fail.group(1).strip() != "validation of configuration failed":
                problems.append(fail.group(1).strip())
            break
        if started:
            problems.append(m)
    if not problems and "create failed" not in text and "Create cannot continue" not in text:
        problems.append("(no verdict: %s)" % text.strip().splitlines()[-1:] if text.strip() else "(no output)")
    return "reject", problems, None


def vic(env, argv, wd):
    e = dict(os.environ, VIC_MACHINE_PASSWORD=env.password)
    for k in ("VIC_MACHINE_TARGET", "VIC_MACHINE_USER", "VIC_MACHINE_THUMBPRINT"):
        e.pop(k, None)
    full = [env.vic, "create"] + argv + ["--force", "--appliance-iso", env.iso, "--bootstrap-iso", env.biso,
                                         "--timeout", "100s"]
    rc, out = run(full, cwd=wd, env=e)
    return vic_verdict(out), out, full


FINDING_RE = re.compile(r"^\S.*?: (error|warning): (.*) \[([a-z0-9-]+)\](?: \(at [^)]*\))?$")


def vchnet_findings(text):
    out = []
    for line in text.splitlines():
        m = FINDING_RE.match(line)
        if m:
            out.append((m.group(1), m.group(2), m.group(3)))
    return out


def words(m):
    """The constant words of a message: what stays when quoted values, addresses and
    numbers are taken out."""
    m = re.sub(r'"(?:[^"\\]|\\.)*"', " ", m)
    m = re.sub(r"'[^']*'", " ", m)
    return [w for w in re.findall(r"[A-Za-z][A-Za-z-]*", m) if len(w) > 2]


def norm(t):
    return re.sub(r"\s+", " ", t)


def message_found(msg, out):
    if norm(msg) in norm(out):
        return True
    ws = words(msg)
    if not ws:
        return False
    for line in out.splitlines():
        if all(w in line for w in ws):
            return True
    return False


LAYOUT_NICS_RE = re.compile(r"^The VCH endpoint VM.*? has\s+(\d+)\s+network cards?;\s+VIC\b", re.S)


def layout_nics(text):
    """The NIC count of "vchnet layout --format plain", or None when it says none."""
    m = LAYOUT_NICS_RE.search(text)
    return int(m.group(1)) if m else None


def render_argv(text):
    text = text.replace(" \\\n", " ")
    a = shlex.split(text)
    return a[2:] if len(a) >= 2 and a[1] == "create" else None


def check(env, p, wd, keep_text=None):
    """Write the plan into wd and run "vchnet check" on it, live: (plan path, rc, output)."""
    os.makedirs(wd, exist_ok=True)
    path = os.path.join(wd, "plan.yaml")
    with open(path, "w") as f:
        f.write(keep_text if keep_text is not None else plan_text(p))
    crc, cout = vchnet(env, "check", path, live=True)
    return path, crc, cout


def judge(env, name, p, labels, wd, keep_text=None, checked=None):
    """checked: what check() gave for this plan beforehand, if it ran already."""
    path, crc, cout = checked or check(env, p, wd, keep_text)
    res = {"name": name, "labels": labels, "plan": path}
    res["check_rc"], res["check"] = crc, cout
    # the plain form's first sentence ("... has 3 network cards; VIC 1.5 allows 4."):
    # sentences for screen readers, steadier than the drawing; wide, so nothing wraps
    lrc, lout = vchnet(env, "layout", path, opts=["--format", "plain", "--width", "500"])
    rrc, rout = vchnet(env, "render", path)
    fnd = vchnet_findings(cout)
    errs = [f for f in fnd if f[0] == "error"]
    if crc == 0:
        if rrc != 0:
            res["class"] = "render-failure"
            res["detail"] = rout
            return res
        argv = render_argv(rout)
        if argv is None:
            res["class"] = "render-failure"
            res["detail"] = rout
            return res
        (verdict, probs, nics), vout, full = vic(env, argv, wd)
        res["vic"] = vout
        res["argv"] = full
        if verdict == "reject":
            res["class"] = "false-accept"
            res["detail"] = "; ".join(probs)
            return res
        lnics = layout_nics(lout)
        if lnics != nics:
            res["class"] = "nic-mismatch"
            res["detail"] = "layout %s, vic-machine %s" % (lnics, nics)
            return res
        res["class"] = "agree"
        return res
    if crc not in (1, 2):
        res["class"] = "harness-error"
        res["detail"] = cout
        return res
    if p is None:
        res["class"] = "harness-error"
        res["detail"] = "no plan model for the converter"
        return res
    argv = convert(p, env)
    (verdict, probs, nics), vout, full = vic(env, argv, wd)
    res["vic"] = vout
    res["argv"] = full
    if verdict == "accept":
        codes = {f[2] for f in errs}
        if codes and all(c in DELIBERATE for c in codes):
            res["class"] = "false-reject-documented"
        else:
            res["class"] = "false-reject"
        res["detail"] = "; ".join("%s [%s]" % (f[1], f[2]) for f in errs) or cout.strip()[-300:]
        return res
    missing = [m for m in probs if not message_found(m, cout)]
    if missing:
        res["class"] = "message-mismatch"
        res["detail"] = " | ".join(missing)
        return res
    res["class"] = "agree"
    return res


# ---------------------------------------------------------------- shrinking

def leaves(p, path=()):
    if isinstance(p, dict):
        for k, v in p.items():
            yield from leaves(v, path + (k,))
    elif isinstance(p, list):
        for i, v in enumerate(p):
            yield from leaves(v, path + (i,))
        if p:
            yield path
    else:
        yield path


def without(p, path):
    q = json.loads(json.dumps(p))
    cur = q
    for k in path[:-1]:
        cur = cur[k]
    if isinstance(cur, list):
        del cur[path[-1]]
    else:
        del cur[path[-1]]
    return q


KEEP = {("apiVersion",), ("kind",), ("metadata", "name"), ("target", "url"), ("target", "username"),
        ("target", "datacenter"), ("target", "computeResource"), ("target", "imageStore"),
        ("target", "thumbprint")}


def shrink(env, res, p, wd, budget):
    want = res["class"]
    best = p
    changed = True
    while changed and budget > 0:
        changed = False
        for path in sorted(set(leaves(best)), key=len, reverse=True):
            if path in KEEP or budget <= 0:
                continue
            try:
                q = without(best, path)
            except (KeyError, IndexError, TypeError):
                continue
            budget -= 1
            # a VCH of an accepted attempt stays in the simulator: a new name each time
            q.setdefault("metadata", {})["name"] = "%s-s%d" % (res["name"].split("-s")[0], budget)
            r = judge(env, res["name"], q, res["labels"], wd)
            if r["class"] == want:
                best, res = q, r
                changed = True
                break
    return best, res


# ---------------------------------------------------------------- main

def load_yaml(path):
    import yaml  # Debian's python3-yaml
    with open(path) as f:
        return yaml.safe_load(f)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("-n", type=int, default=100)
    ap.add_argument("-j", type=int, default=2)
    ap.add_argument("--plans", nargs="*", default=[], help="plan files to run too (target rewritten)")
    ap.add_argument("--results", help="write the table here (Markdown)")
    ap.add_argument("--fixtures", help="keep shrunk failing plans in this folder")
    ap.add_argument("--shrink", type=int, default=3, help="failing plans to shrink per class")
    ap.add_argument("--tap", action="store_true", help="one TAP line per plan")
    ap.add_argument("--prefix", default=None)
    ap.add_argument("--log", help="write details of every non-agreeing plan here")
    a = ap.parse_args()
    env = Env()
    seed = a.seed if a.seed is not None else int(time.time()) % 100000
    prefix = a.prefix or "g%d" % seed
    t0 = time.time()
    cases = generate(seed, a.n, env, prefix)
    for i, path in enumerate(a.plans):
        try:
            p = load_yaml(path)
        except Exception as e:  # not a plan at all: vchnet says exit 2, no model
            p = None
        if isinstance(p, dict):
            t = p.get("target") if isinstance(p.get("target"), dict) else {}
            # the simulator's address and credentials; the inventory names as written
            p["target"] = dict(target(env), **{k: v for k, v in t.items()
                                               if k not in ("url", "username", "thumbprint")})
            p.setdefault("metadata", {})
            if isinstance(p["metadata"], dict):
                p["metadata"]["name"] = "%s-f%d" % (prefix, i)
            cases.append(("%s-f%d" % (prefix, i), p, ["file:" + os.path.relpath(path)]))
    results = [None] * len(cases)

    # Every plan is checked before vic-machine runs on any: an accepted plan leaves its
    # VCH in the simulator, and the live in-use checks (bridge-in-use-vch, address-in-use,
    # ...) would otherwise judge each plan against whichever plans ran before it.
    checked = [None] * len(cases)

    def pre(i):
        name, p, _ = cases[i]
        try:
            checked[i] = check(env, p, os.path.join(env.work, name))
        except Exception:  # judge() checks again and reports the crash
            checked[i] = None

    with concurrent.futures.ThreadPoolExecutor(max_workers=a.j) as ex:
        list(ex.map(pre, range(len(cases))))

    def one(i):
        name, p, labels = cases[i]
        try:
            return judge(env, name, p, labels, os.path.join(env.work, name), checked=checked[i])
        except Exception as e:  # a crash of the harness is a verdict too, not an abort
            return {"name": name, "labels": labels, "class": "harness-error", "detail": repr(e)}

    live = open(a.log + ".live", "w") if a.log else None
    with concurrent.futures.ThreadPoolExecutor(max_workers=a.j) as ex:
        futs = {ex.submit(one, i): i for i in range(len(cases))}
        for f in concurrent.futures.as_completed(futs):
            i = futs[f]
            results[i] = r = f.result()
            if live and r["class"] not in ("agree",):
                live.write("=== %s %s %s\n%s\n%s\n" % (r["name"], r["class"], ",".join(r["labels"]),
                                                       r.get("detail", ""), plan_text(cases[i][1] or {})))
                live.flush()
    if live:
        live.close()
    if a.tap:
        print("1..%d" % len(results))
        for i, r in enumerate(results, 1):
            ok = r["class"] in ("agree", "false-reject-documented")
            print("%s %d - %s (%s): %s" % ("ok" if ok else "not ok", i, r["name"], ",".join(r["labels"]), r["class"]))
            if not ok:
                for line in (r.get("detail") or "").splitlines()[:20]:
                    print("# " + line)
                print("# plan: " + plan_text(cases[i - 1][1] or {}).replace("\n", "\n# "))
    counts = {}
    for r in results:
        counts[r["class"]] = counts.get(r["class"], 0) + 1
    dur = time.time() - t0
    if a.log:
        with open(a.log, "w") as f:
            for i, r in enumerate(results):
                if r["class"] == "agree":
                    continue
                f.write("=== %s %s %s\n%s\n--- plan\n%s--- vchnet check (rc %s)\n%s--- vic-machine %s\n%s\n\n" % (
                    r["name"], r["class"], ",".join(r["labels"]), r.get("detail", ""),
                    plan_text(cases[i][1] or {}), r.get("check_rc"), r.get("check", ""),
                    " ".join(shlex.quote(x) for x in r.get("argv", [])),
                    "\n".join("%s: %s" % x for x in vic_log(r.get("vic", "")) if x[0] == "error")))
    summary(results, counts, seed, len(cases), dur, a.results, [])
    # shrink a few failures per class and keep them
    kept = []
    if a.fixtures:
        os.makedirs(a.fixtures, exist_ok=True)
        per = {}
        for i, r in enumerate(results):
            c = r["class"]
            if c in ("agree", "false-reject-documented", "harness-error") or cases[i][1] is None:
                continue
            if per.get(c, 0) >= a.shrink:
                continue
            per[c] = per.get(c, 0) + 1
            try:
                p2, r2 = shrink(env, r, cases[i][1], os.path.join(env.work, r["name"] + "-s"), 40)
            except Exception as e:
                sys.stderr.write("shrinking %s failed: %r\n" % (r["name"], e))
                continue
            p2 = json.loads(json.dumps(p2))
            p2["target"] = {k: v for k, v in p2["target"].items() if k not in ("url", "thumbprint")}
            p2["target"]["url"] = "https://127.0.0.1/sdk"
            h = hashlib.sha1(plan_text(p2).encode()).hexdigest()[:8]
            fn = os.path.join(a.fixtures, "%s-%s.yaml" % (c, h))
            with open(fn, "w") as f:
                f.write(plan_text(p2, ["Found by tests/peer (seed %d, plan %s): %s" % (seed, r["name"], c),
                                       (r2.get("detail") or "").replace("\n", " ")[:300],
                                       "peer.sh rewrites the target to the simulator's."]))
            kept.append(fn)
    if kept:
        summary(results, counts, seed, len(cases), dur, a.results, kept)
    bad = sum(v for k, v in counts.items() if k not in ("agree", "false-reject-documented"))
    return 1 if bad else 0


ORDER = ["agree", "false-accept", "false-reject", "false-reject-documented", "message-mismatch",
         "render-failure", "nic-mismatch", "harness-error"]


def summary(results, counts, seed, n, dur, path, kept):
    lines = ["# Differential results: vchnet against vic-machine 1.5.8", "",
             "Written by `make peer-check` (tests/peer/peer.sh).", "",
             "- seed: %d" % seed, "- plans: %d" % n, "- run time: %.0f s (%s)" % (
                 dur, time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())), "",
             "| verdict | plans |", "|---|---:|"]
    for k in ORDER:
        lines.append("| %s | %d |" % (k, counts.get(k, 0)))
    bylabel = {}
    for r in results:
        if r["class"] in ("agree", "false-reject-documented"):
            continue
        for l in r["labels"]:
            bylabel.setdefault((r["class"], l), 0)
            bylabel[(r["class"], l)] += 1
    if bylabel:
        lines += ["", "Where they part (verdict, mutation, plans):", "", "| verdict | mutation | plans |", "|---|---|---:|"]
        for (c, l), v in sorted(bylabel.items(), key=lambda x: -x[1]):
            lines.append("| %s | %s | %d |" % (c, l, v))
    doc = {}
    for r in results:
        if r["class"] == "false-reject-documented":
            for c in re.findall(r"\[([a-z][a-z0-9-]*)\]", r.get("detail", "")):
                doc[c] = doc.get(c, 0) + 1
    if doc:
        lines += ["", "Documented false rejects (vchnet's deliberate extra rules):", ""]
        for c, v in sorted(doc.items()):
            lines.append("- `%s` (%s): %d" % (c, DELIBERATE.get(c, "?"), v))
    if kept:
        lines += ["", "Shrunk failing plans kept as fixtures:", ""] + ["- %s" % os.path.relpath(k) for k in kept]
    lines += ["", "How a verdict is reached:", "",
              "- vchnet accepts when `vchnet check` (live, against tests/vcsim, every plan before",
              "  vic-machine creates any VCH) exits 0; vic-machine",
              "  accepts when it gets through validation (`Creating Resource Pool` or `Creating appliance",
              "  on target`; the simulator then fails the power-on).",
              "- Accepted plans run vic-machine on the argv of `vchnet render`, and the NICs it gives the",
              "  endpoint VM (4 minus its `is sharing NIC` lines) are compared with the first sentence of",
              "  `vchnet layout --format plain`.",
              "- Rejected plans run vic-machine on flags peer.py writes from the plan itself; every problem",
              "  vic-machine names (its validation issues, or its parse error) must be in vchnet's output,",
              "  whole or by its constant words (quoted values left out) on one line.",
              "- A false reject is documented when all of vchnet's errors are deliberate extra rules:",
              "  " + ", ".join("`%s`" % c for c in sorted(DELIBERATE)) + " (see vchnet(1),",
              "  Deliberate extra rules)."]
    text = "\n".join(lines) + "\n"
    sys.stderr.write(text)
    if path:
        with open(path, "w") as f:
            f.write(text)


if __name__ == "__main__":
    sys.exit(main())
