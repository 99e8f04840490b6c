// Command vcsim serves a simulated vCenter (govmomi's simulator) over HTTPS
// on loopback for vchnet's tests and demos. It builds the inventory the
// flags describe, repairs the stock simulator's known inconsistencies
// (see inventory.go), sets per-host firewall states (firewall.go), and
// prints shell-sourceable VCSIM_* lines followed by "# ready".
//
// Run "vcsim -h" for the flags; tests/vcsim/README describes them.
package main

import (
	"flag"
	"fmt"
	"log"
	"net"
	"net/url"
	"os"
	"os/signal"
	"runtime/debug"
	"runtime/pprof"
	"strings"
	"syscall"
)

// listFlag collects a repeatable string flag in order.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(v string) error {
	*l = append(*l, v)
	return nil
}

type options struct {
	listen         string
	httpOnly       bool
	tlsCert        string
	tlsKey         string
	certOut        string
	username       string
	password       string
	envFile        string
	infoFile       string
	countFile      string
	traceFile      string
	delayMs        int
	delayFile      string
	cpuProfile     string
	preset         string
	scenario       string
	ruleset        string
	addVic         bool
	restricted     string
	stockDVS       bool
	dc             int
	cluster        int
	host           int
	standalone     int
	pg             int
	nsxPg          int
	nsx            int
	ds             int
	pgVlanBase     int
	hostIPBase     string
	pgNames        string
	pgName         listFlag
	dupPg          listFlag
	detach         listFlag
	fwHost         listFlag
	dsHosts        listFlag
	addVM          listFlag
	vch            listFlag
	vms            int
	dvs            int
	noUplink       listFlag
	listScenarios  bool
	exitWithParent bool
	stableCert     bool
}

func parseFlags() *options {
	o := &options{}
	f := flag.CommandLine
	f.StringVar(&o.listen, "l", "127.0.0.1:0", "listen address `ADDR:PORT` (port 0 picks a free port)")
	f.BoolVar(&o.httpOnly, "http", false, "serve plain HTTP instead of HTTPS")
	f.StringVar(&o.tlsCert, "tls-cert", "", "PEM certificate (chain) `FILE` to serve; default: a fresh self-signed one")
	f.StringVar(&o.tlsKey, "tls-key", "", "PEM private key `FILE` for -tls-cert")
	f.BoolVar(&o.stableCert, "stable-cert", false, "serve the same self-signed (Ed25519) certificate on every run, so the thumbprint is constant")
	f.StringVar(&o.certOut, "cert-out", "", "write the served leaf certificate as PEM to `FILE`")
	f.StringVar(&o.username, "username", "", "require this user name at Login (default: any non-empty pair)")
	f.StringVar(&o.password, "password", "", "require this password at Login")
	f.StringVar(&o.envFile, "env", "", "also write the VCSIM_* lines to `FILE` (atomically, when ready)")
	f.StringVar(&o.infoFile, "info", "", "write a JSON description of the inventory to `FILE`")
	f.StringVar(&o.countFile, "count-file", "", "keep a JSON object of SOAP request counts per method in `FILE`")
	f.StringVar(&o.traceFile, "trace", "", "log SOAP requests and responses to `FILE`")
	f.IntVar(&o.delayMs, "delay-ms", 0, "add `N` milliseconds of latency to every request")
	f.StringVar(&o.delayFile, "delay-file", "", "read the latency in ms from `FILE` at each request, while it exists (changes it at run time; overrides -delay-ms)")
	f.StringVar(&o.cpuProfile, "cpuprofile", "", "write a Go CPU profile of building the inventory (start to \"# ready\") to `FILE`")
	f.StringVar(&o.preset, "preset", "", "named inventory instead of the shape flags: demo")
	f.StringVar(&o.scenario, "scenario", "default", "firewall scenario: "+strings.Join(scenarioNames(), ", "))
	f.StringVar(&o.ruleset, "ruleset", "", "ruleset the allow/restricted states enable (default vic-engine, or vSPC with -add-vic-engine-ruleset=false)")
	f.BoolVar(&o.addVic, "add-vic-engine-ruleset", true, "add the ESXi 6.7+ vic-engine ruleset (outbound tcp 2377, disabled) to every host")
	f.StringVar(&o.restricted, "restricted-net", "10.0.0.0/8", "allowed hosts for the restricted state: comma-separated CIDRs and IPs")
	f.BoolVar(&o.stockDVS, "stock-dvs-type", false, "keep the stock moref type DistributedVirtualSwitch instead of VmwareDistributedVirtualSwitch")
	f.IntVar(&o.dc, "dc", 1, "datacenters DC0, DC1, ...")
	f.IntVar(&o.cluster, "cluster", 1, "clusters per datacenter: DCn_C0, ...")
	f.IntVar(&o.host, "host", 3, "hosts per cluster: DCn_Cm_H0, ...")
	f.IntVar(&o.standalone, "standalone-host", 0, "standalone hosts per datacenter: DCn_H0, ...")
	f.IntVar(&o.pg, "pg", 4, "distributed port groups per datacenter on DVS0: DCn_DVPG0, ...")
	f.IntVar(&o.dvs, "dvs", 1, "`N` switches for the -pg port groups: DVS0, DVS2, ... DVS<N>; port group i on the (i mod N)th, cluster c's hosts on the (c mod N)th")
	f.IntVar(&o.nsxPg, "nsx-pg", 0, "NSX-backed distributed port groups per datacenter: DCn_NSXPG0, ...")
	f.IntVar(&o.nsx, "nsx", 2, "opaque (NSX) networks per datacenter: DCn_NSX0, ...")
	f.IntVar(&o.ds, "ds", 1, "datastores per datacenter: LocalDS_0, ...")
	f.IntVar(&o.pgVlanBase, "pg-vlan-base", 0, "VLAN of the first port group; the others count up (0: VLAN 0 everywhere)")
	f.StringVar(&o.hostIPBase, "host-ip-base", "", "static management (vmk0) IP of the first host; the others count up (/24)")
	f.StringVar(&o.pgNames, "pg-names", "", "extra port groups on DVS0, comma-separated names")
	f.Var(&o.pgName, "pg-name", "extra port group on DVS0 with this exact `NAME` (repeatable; any characters)")
	f.Var(&o.dupPg, "dup-pg", "create switch DVS1 with a port group named `NAME` (same name as an existing one; repeatable)")
	f.Var(&o.detach, "detach", "`HOST=NETWORK`: the host is not attached to that network (repeatable)")
	f.Var(&o.fwHost, "fw-host", "`NAME=STATE`: firewall state of one host, NAME a host name or #index (repeatable; comma-separated pairs too)")
	f.Var(&o.dsHosts, "ds-hosts", "`DS=HOST,HOST`: mount datastore DS on these hosts only (repeatable)")
	f.Var(&o.addVM, "add-vm", "`NAME=NET[,NET][@IP[,IP]][!off]`: a VM on these networks with these guest IPs (repeatable)")
	f.Var(&o.vch, "vch", "`NAME:bridge=PG,public=PG,...`: an existing VCH endpoint VM with vic-machine's extraConfig (repeatable; see README)")
	f.Var(&o.noUplink, "pg-no-uplink", "`NAME`: the port group's teaming policy names no active or standby uplink (repeatable)")
	f.IntVar(&o.vms, "vms", 0, "`N` more VMs vm-00000, ... spread over the first datacenter's port groups, one guest IP each")
	f.BoolVar(&o.listScenarios, "list-scenarios", false, "print the firewall scenarios and exit")
	f.BoolVar(&o.exitWithParent, "exit-with-parent", false, "stop (as on SIGTERM) when the parent process dies (Linux)")
	flag.Parse()
	if flag.NArg() > 0 {
		fatalf("unexpected argument %q (flags only; see -h)", flag.Arg(0))
	}
	return o
}

// atExit runs before any exit, so temporary datastore directories go.
var atExit []func()

func exit(code int) {
	for _, f := range atExit {
		f()
	}
	os.Exit(code)
}

func fatalf(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, "vcsim: "+format+"\n", args...)
	exit(2)
}

func main() {
	ppid := os.Getppid()
	// Signals that arrive while the inventory is built wait in the channel.
	sigs := make(chan os.Signal, 4)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM, syscall.SIGUSR1)
	log.SetPrefix("vcsim: ")
	o := parseFlags()
	if o.exitWithParent {
		// A test killed with SIGKILL cannot stop its simulator: let the
		// kernel send SIGTERM when the parent goes. The check after the
		// prctl covers a parent that died before it.
		_, _, errno := syscall.RawSyscall(syscall.SYS_PRCTL, syscall.PR_SET_PDEATHSIG, uintptr(syscall.SIGTERM), 0)
		if errno != 0 {
			log.Printf("-exit-with-parent: prctl: %v", errno)
		}
		if os.Getppid() != ppid {
			exit(0)
		}
	}
	if o.listScenarios {
		for _, s := range scenarios {
			fmt.Printf("%-15s %s\n", s.name, s.desc)
		}
		return
	}
	if (o.username == "") != (o.password == "") {
		fatalf("-username and -password go together")
	}

	if !validScenario(o.scenario) {
		fatalf("unknown -scenario %q (known: %s)", o.scenario, strings.Join(scenarioNames(), ", "))
	}
	spec, err := specFromOptions(o)
	if err != nil {
		fatalf("%v", err)
	}
	stopProfile := startProfile(o.cpuProfile)
	// The build allocates an inventory that lives on: collecting less often
	// while it grows saves a third of the CPU at the maximums.
	gc := debug.SetGCPercent(400)
	inv, err := buildInventory(spec)
	debug.SetGCPercent(gc)
	if inv != nil {
		atExit = append(atExit, inv.cleanup)
	}
	if err != nil {
		fatalf("building the inventory: %v", err)
	}

	if err := applyFirewalls(inv, o); err != nil {
		fatalf("%v", err)
	}

	srv, err := newServer(inv, o)
	if err != nil {
		fatalf("%v", err)
	}

	if o.infoFile != "" {
		if err := writeInfo(inv, o.infoFile); err != nil {
			fatalf("writing %s: %v", o.infoFile, err)
		}
	}

	stopProfile()
	lines := envLines(srv, o)
	for _, h := range inv.hosts {
		lines = append(lines, fmt.Sprintf("# host %d %s fw=%s ip=%s", h.index, h.path, h.fwState, h.ip))
	}
	lines = append(lines, "# ready")
	text := strings.Join(lines, "\n") + "\n"
	if o.envFile != "" {
		if err := writeFileAtomic(o.envFile, []byte(text)); err != nil {
			fatalf("writing %s: %v", o.envFile, err)
		}
	}
	// Stdout may be a pipe: write it in one go so a reader sees "# ready"
	// only after every variable (os.Stdout is unbuffered).
	if _, err := os.Stdout.WriteString(text); err != nil {
		log.Printf("writing stdout: %v", err)
	}

	for {
		select {
		case err := <-srv.done:
			fatalf("server stopped: %v", err)
		case s := <-sigs:
			if s == syscall.SIGUSR1 {
				n := srv.expireSessions()
				log.Printf("SIGUSR1: %d session(s) expired", n)
				continue
			}
			srv.close()
			exit(0)
		}
	}
}

// startProfile starts a CPU profile into path ("" : none) and returns what
// stops it; the build of a large inventory is where the simulator's own
// time goes.
func startProfile(path string) func() {
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err != nil {
		fatalf("-cpuprofile: %v", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		fatalf("-cpuprofile: %v", err)
	}
	return func() {
		pprof.StopCPUProfile()
		if err := f.Close(); err != nil {
			log.Printf("-cpuprofile: %v", err)
		}
	}
}

// envLines are the shell-sourceable VCSIM_* assignments.
func envLines(srv *server, o *options) []string {
	user, pass := o.username, o.password
	if user == "" {
		user, pass = "user", "pass"
	}
	scheme := "https"
	if o.httpOnly {
		scheme = "http"
	}
	hostport := srv.addr.String()
	u := url.URL{Scheme: scheme, Host: hostport, Path: "/sdk"}
	host, port, _ := net.SplitHostPort(hostport)
	vars := [][2]string{
		{"VCSIM_URL", u.String()},
		{"VCSIM_HOSTPORT", hostport},
		{"VCSIM_HOST", host},
		{"VCSIM_PORT", port},
		{"VCSIM_THUMBPRINT_SHA1", srv.sha1},
		{"VCSIM_THUMBPRINT_SHA256", srv.sha256},
		{"VCSIM_USERNAME", user},
		{"VCSIM_PASSWORD", pass},
		{"VCSIM_PID", fmt.Sprint(os.Getpid())},
	}
	if o.certOut != "" && !o.httpOnly {
		vars = append(vars, [2]string{"VCSIM_CERT_FILE", o.certOut})
	}
	if o.infoFile != "" {
		vars = append(vars, [2]string{"VCSIM_INFO_FILE", o.infoFile})
	}
	if o.countFile != "" {
		vars = append(vars, [2]string{"VCSIM_COUNT_FILE", o.countFile})
	}
	lines := make([]string, 0, len(vars))
	for _, v := range vars {
		lines = append(lines, v[0]+"="+shellQuote(v[1]))
	}
	return lines
}

// shellQuote leaves plain words alone and single-quotes anything else.
func shellQuote(s string) string {
	plain := s != ""
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' ||
			strings.ContainsRune("@%+=:,./_-", r)) {
			plain = false
			break
		}
	}
	if plain {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// writeFileAtomic writes through a temporary file in the same directory and
// renames it, so readers never see a partial file.
func writeFileAtomic(path string, data []byte) error {
	tmp := fmt.Sprintf("%s.tmp.%d", path, os.Getpid())
	if err := os.WriteFile(tmp, data, 0o600); err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}
