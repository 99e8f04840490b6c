#!/bin/bash
# bench/run.sh: the benchmarks behind "make bench". Never part of make check.
#
# Measures, against tests/vcsim over real HTTPS on loopback:
#   1. inventory at scale (with 5,000 VMs and an existing VCH): "vchnet inventory
#      --format yaml" vs the govmomi reference client (bench/refclient) vs the curl
#      floor (bench/curlfloor.sh, the same SOAP requests replayed with curl), and, when
#      BENCH_BASE_VCHNET names an earlier vchnet binary (one that did not read VMs),
#      that one too, at 0 ms and 50 ms latency per request: wall, CPU (user+sys), peak
#      RSS (bench/runstat), HTTP requests (the -count-file);
#   1b. the snapshot path: "vchnet check --inventory SNAPSHOT PLAN" on a snapshot of
#      each tier's inventory (no server), beside libyaml's bare parse of the file
#      (bench/yamlfloor, when $YAMLFLOOR is set);
#   2. "vchnet firewall" over the same inventory and over 512 hosts in one cluster;
#   3. the picker model (bench/picker over ui/netlist, 10,000 networks);
#   4. start-up: exec to first frame of "vchnet wizard" on a pty (bench/firstframe),
#      and "vchnet --version";
#   5. the wizard at each tier on a pty (bench/ptyscript): Connect to the Bridge step
#      against the curl floor, keystrokes in the Bridge list, resize.
# One simulator per tier serves both latencies (its -delay-file is rewritten).
# Prints the report (markdown) and writes it to $BENCH_OUT (make bench: the source
# tree's bench/RESULTS.md). Medians of $BENCH_RUNS runs (5); BENCH_QUICK=1 uses a
# small inventory and fewer runs, for trying the harness.
#
# Environment (set by bench/bench.am): VCHNET VCSIM REFCLIENT RUNSTAT PICKER
# FIRSTFRAME PTYSCRIPT PARSEFLOOR BENCH_OUT top_srcdir top_builddir CC_VERSION GO; optional YAMLFLOOR, BENCH_RUNS,
# BENCH_QUICK, BENCH_WORK (scratch dir, default $top_builddir/bench/work),
# BENCH_DELAYS ("0 50"), BENCH_FRAME_TEXT (text that marks the wizard's first frame),
# BENCH_TIER (the inventory tiers of section 1: "vms" = 512 hosts, 2,000 port groups,
# 5,000 VMs; "max" = vCenter's maximums, or the shape BENCH_MAX_SHAPE; default both;
# one tier alone keeps a run short), BENCH_MAX_SHAPE (vcsim flags of the max tier).
set -u

for v in VCHNET VCSIM REFCLIENT RUNSTAT PICKER FIRSTFRAME PARSEFLOOR BENCH_OUT top_srcdir top_builddir; do
	if [ -z "${!v:-}" ]; then
		echo "bench: \$$v is not set; run it through 'make bench'" >&2
		exit 2
	fi
done

runs=${BENCH_RUNS:-5}
quick=${BENCH_QUICK:-0}
delays=${BENCH_DELAYS:-0 50}
work=${BENCH_WORK:-$top_builddir/bench/work}
case $runs in '' | *[!0-9]* | 0) echo "bench: BENCH_RUNS must be a positive number" >&2; exit 2 ;; esac

# an existing VCH with a container network (its facts take the one extra request)
bench_vch='vch-bench:bridge=DC0_DVPG0,public=DC0_DVPG1,ip=10.0.0.5/24,gw=10.0.0.1,cnet=DC0_DVPG2:routable:10.3.0.1/16:10.3.1.0-10.3.1.255,containers=2'
base=${BENCH_BASE_VCHNET:-}
clients="vchnet refclient curl${base:+ base}"
# today's figures, from the report in the tree before this run overwrites it
today_row=$(sed -n '/^### 0 ms latency/,/^### /p' "$top_srcdir/bench/RESULTS.md" 2>/dev/null |
	grep -m1 '^| `vchnet inventory')
today_shape=$(sed -n 's/^Inventory: \(.*\) (`vcsim.*$/\1/p' "$top_srcdir/bench/RESULTS.md" 2>/dev/null | head -1)
# the max tier: vSphere 7's maximums, 2,500 hosts (a switch takes at most 2,000, so
# 10 switches), 10,000 port groups, 200 NSX networks, 40,000 VMs; tests/vcsim builds
# them in about 3 minutes (70 s of CPU) on the bench machine under load (bench/PROFILE.md)
max_full="-dc 1 -cluster 50 -host 50 -dvs 10 -pg 10000 -nsx 200 -vms 40000"
max_shape=${BENCH_MAX_SHAPE:-$max_full}
# tier_vars TIER: shape shape_text n_hosts per_cluster of a section 1 tier
tier_vars() {
	tier_vch=$bench_vch
	case $1 in
	quick)
		shape="-dc 1 -cluster 2 -host 16 -pg 200 -nsx 10 -vms 500"
		shape_text="1 datacenter, 2 clusters of 16 hosts (32), 200 distributed port groups, 10 NSX networks, 500 VMs and one VCH (BENCH_QUICK=1)"
		n_hosts=32 per_cluster=16 ;;
	vms)
		shape="-dc 1 -cluster 8 -host 64 -pg 2000 -nsx 100 -vms 5000"
		shape_text="1 datacenter, 8 clusters of 64 hosts (512), 2,000 distributed port groups, 100 NSX networks, 5,000 VMs and one VCH"
		n_hosts=512 per_cluster=64 ;;
	max)
		shape=$max_shape
		local cl ho pg nsx vms dvs
		cl=$(printf '%s\n' $shape | sed -n '/^-cluster$/{n;p}') ho=$(printf '%s\n' $shape | sed -n '/^-host$/{n;p}')
		pg=$(printf '%s\n' $shape | sed -n '/^-pg$/{n;p}') nsx=$(printf '%s\n' $shape | sed -n '/^-nsx$/{n;p}')
		vms=$(printf '%s\n' $shape | sed -n '/^-vms$/{n;p}') dvs=$(printf '%s\n' $shape | sed -n '/^-dvs$/{n;p}')
		n_hosts=$((cl * ho)) per_cluster=$ho
		# a VM's networks must be on one switch: port group i is on switch i mod dvs
		dvs=${dvs:-1}
		tier_vch="vch-bench:bridge=DC0_DVPG0,public=DC0_DVPG$dvs,ip=10.0.0.5/24,gw=10.0.0.1,cnet=DC0_DVPG$((2 * dvs)):routable:10.3.0.1/16:10.3.1.0-10.3.1.255,containers=2"
		local which="toward the maximums (BENCH_MAX_SHAPE)"
		[ "$shape" = "$max_full" ] && which="vCenter's configuration maximums"
		shape_text="$which: 1 datacenter, $cl clusters of $ho hosts ($n_hosts), $pg distributed port groups on ${dvs:-1} switch(es) (each spanning its share of the clusters), $nsx NSX networks, $vms VMs and one VCH" ;;
	*) echo "bench: unknown tier '$1' (BENCH_TIER: vms, max)" >&2; exit 2 ;;
	esac
}
if [ "$quick" = 1 ]; then
	tiers=quick
	fw_shape="-dc 1 -cluster 1 -host 32 -pg 200 -nsx 10"
	fw_hosts=32
	pick_repeats=3
	start_runs=5
else
	tiers=${BENCH_TIER:-vms max}
	fw_shape="-dc 1 -cluster 1 -host 512 -pg 2000 -nsx 100"
	fw_hosts=512
	pick_repeats=20
	start_runs=21
fi
# the smallest inventory, to show the request count does not depend on size
tiny_shape="-dc 1 -cluster 1 -host 3 -pg 4 -nsx 2 -vms 6"

rm -rf "$work"
mkdir -p "$work/home" "$work/req" || exit 1
export HOME=$work/home      # no known-hosts file or settings of the user
export VCHNET_PASSWORD=pass # the simulator accepts any non-empty pair
unset VCHNET_URL VCHNET_USERNAME VCHNET_TLS_CA_CERTS VCHNET_TLS_KNOWN_HOSTS GOVC_URL \
	GOVC_USERNAME GOVC_PASSWORD GOVC_INSECURE 2>/dev/null
export VCSIM_START_TIMEOUT=600

diag() { printf '# %s\n' "$*" >&2; }
say() { printf 'bench: %s\n' "$*" >&2; }
# shellcheck source=../tests/lib/vcsim.sh
. "$top_srcdir/tests/lib/vcsim.sh"

t_begin=$(date +%s)
load_begin=$(cut -d' ' -f1-3 /proc/loadavg)

# --- helpers -------------------------------------------------------------------

# field NAME LINE: the value of NAME=... in a runstat/key=value line
field() { printf '%s\n' "$2" | tr ' ' '\n' | sed -n "s/^$1=//p" | head -1; }

# median of the numbers on stdin (mean of the middle two for an even count)
median() {
	sort -g | awk '{ v[NR] = $1 } END {
		if (NR == 0) { print "n/a"; exit }
		m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
		printf "%.10g\n", m }'
}

# fmt_s SECONDS -> "1.234 s"; fmt_mb KB -> "123.4 MB"
fmt_s() { awk -v x="$1" 'BEGIN { if (x == "n/a") print "n/a"; else printf "%.3f s", x }'; }
fmt_mb() { awk -v x="$1" 'BEGIN { if (x == "n/a") print "n/a"; else printf "%.1f MB", x / 1024 }'; }
# ratio A B -> A/B with 2 decimals
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 == 0 || a == "n/a" || b == "n/a") print "n/a"; else printf "%.2f", a / b }'; }
# verdict COND -> met / MISSED (COND evaluated by awk)
verdict() { awk "BEGIN { exit !($1) }" && echo "met" || echo "**MISSED**"; }

# counts snapshot: "Method n" lines of the simulator's count file
counts() { tr -d '{}"' <"$VCSIM_COUNT_FILE" | tr ',' '\n' | tr ':' ' ' | sort; }
# requests per method between two snapshots: "Method+Method..." text
count_diff() {
	join -a 2 -e 0 -o 0,1.2,2.2 "$1" "$2" | awk '$1 != "_total" && $3 - $2 > 0 {
		printf "%s%s%s", sep, $1, ($3 - $2 > 1 ? "x" ($3 - $2) : ""); sep = ", " }'
}

# runone CLIENT OUTFILE: one measured run of CLIENT against the running simulator;
# appends "CLIENT wall=.. cpu=.. maxrss_kb=.. status=.. requests=N" to $work/raw-$delay
runone() {
	local client=$1 out=$2 before after line
	before=$(vcsim_count _total)
	counts >"$work/c-before"
	case $client in
	vchnet)
		line=$("$RUNSTAT" -o "$out" -- "$VCHNET" inventory --url "$VCSIM_URL" --username user \
			--thumbprint "$VCSIM_THUMBPRINT_SHA256" --format yaml 2>>"$work/stderr-$client") ;;
	base)
		line=$("$RUNSTAT" -o "$out" -- "$base" inventory --url "$VCSIM_URL" --username user \
			--thumbprint "$VCSIM_THUMBPRINT_SHA256" --format yaml 2>>"$work/stderr-$client") ;;
	refclient)
		line=$("$RUNSTAT" -o "$out" -- "$REFCLIENT" -url "$VCSIM_URL" -ca-file "$VCSIM_CERT_FILE" \
			-username user -password pass 2>>"$work/stderr-$client") ;;
	curl)
		line=$("$RUNSTAT" -o "$out" -- sh "$top_srcdir/bench/curlfloor.sh" "$VCSIM_URL" \
			"$VCSIM_CERT_FILE" "$work/req" 2>>"$work/stderr-$client") ;;
	esac
	after=$(vcsim_count _total)
	counts >"$work/c-after"
	echo "$client $line requests=$((after - before))" >>"$work/raw-$tier-$delay"
	count_diff "$work/c-before" "$work/c-after" >"$work/methods-$client-$tier-$delay"
	if [ "$(field status "$line")" != 0 ]; then
		say "$client failed (status $(field status "$line")): $(tail -3 "$work/stderr-$client")"
		return 1
	fi
}

# med CLIENT TIER-DELAY METRIC -> median over the runs
med() { grep "^$1 " "$work/raw-$2" | while read -r l; do field "$3" "$l"; done | median; }

# --- machine ---------------------------------------------------------------------

cpu_model=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
cpu_mhz=$(sed -n 's/^cpu MHz[[:space:]]*: //p' /proc/cpuinfo | head -1)
cpu_cache=$(sed -n 's/^cache size[[:space:]]*: //p' /proc/cpuinfo | head -1)
cores=$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN)
mem_total=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
kernel=$(uname -srm)
go_version=$(${GO:-go} version 2>/dev/null | sed 's/^go version //')
govmomi=$(dpkg-query -W -f='${Version}' golang-github-vmware-govmomi-dev 2>/dev/null || echo unknown)
libcurl=$(curl-config --version 2>/dev/null || dpkg-query -W -f='${Version}' libcurl4-openssl-dev 2>/dev/null)
libxml=$(xml2-config --version 2>/dev/null || dpkg-query -W -f='${Version}' libxml2-dev 2>/dev/null)
curl_cli=$(curl --version | head -1 | cut -d' ' -f1-2)
vchnet_version=$("$VCHNET" --version 2>/dev/null)
git_rev=$(git -C "$top_srcdir" rev-parse --short HEAD 2>/dev/null || echo unknown)
git_dirty=$(git -C "$top_srcdir" status --porcelain -- src ui screens plain 2>/dev/null | wc -l)
build_cflags=$(sed -n 's/^CFLAGS = //p' "$top_builddir/Makefile" | head -1)
san=$(sed -n 's/^SAN_CFLAGS = //p' "$top_builddir/Makefile" | head -1)

# --- capture the requests vchnet sends (for the curl floor) ---------------------

say "capturing vchnet's requests on a tiny inventory"
# shellcheck disable=SC2086
vcsim_start $tiny_shape -vch "$bench_vch" -trace "$work/trace.log" || { say "the simulator did not start"; exit 1; }
counts >"$work/c-before"
if ! "$VCHNET" inventory --url "$VCSIM_URL" --username user --thumbprint "$VCSIM_THUMBPRINT_SHA256" \
	--format yaml >"$work/tiny.yaml" 2>"$work/stderr-capture"; then
	say "vchnet inventory failed on the tiny inventory: $(cat "$work/stderr-capture")"
	exit 1
fi
counts >"$work/c-after"
tiny_requests=$(( $(vcsim_count _total) ))
tiny_methods=$(count_diff "$work/c-before" "$work/c-after")
vcsim_stop
i=0
grep -a '^Request: ' "$work/trace.log" | sed 's/^Request: //' | while IFS= read -r body; do
	i=$((i + 1))
	m=$(printf '%s' "$body" | sed -n 's/.*<[A-Za-z0-9]*:Body><\([A-Za-z_]*\).*/\1/p')
	# the view differs per session and the VCH endpoint VM per inventory: curlfloor.sh
	# puts the session's and the tier's in (the only VM a request names is the VCH's)
	printf '%s' "$body" | sed 's|<obj type="ContainerView">[^<]*</obj>|<obj type="ContainerView">@VIEW@</obj>|g;
		s|<obj type="VirtualMachine">[^<]*</obj>|<obj type="VirtualMachine">@VCH@</obj>|g' \
		>"$work/req/$(printf %02d "$i")-${m:-unknown}.xml"
done
n_req=$(find "$work/req" -name '*.xml' | wc -l)
if [ "$n_req" -ne "$tiny_requests" ] || ! ls "$work/req" | grep -q CreateContainerView; then
	say "captured $n_req request bodies for $tiny_requests requests: the trace format changed?"
	exit 1
fi
req_list=$(ls "$work/req" | sed 's/^[0-9]*-//; s/\.xml$//' | paste -sd, | sed 's/,/, /g')

# --- 2. firewall (run inside the simulator sessions of section 1 as well) -------

fw_note=
fw_rows=
fw_ok=1
fw_help=$("$VCHNET" firewall --help 2>&1)
if printf '%s' "$fw_help" | grep -q 'not available'; then
	fw_ok=
	fw_note="this build's \`vchnet firewall\` says: \"$(printf '%s' "$fw_help" | head -1)\""
	say "firewall: not measured: $fw_note"
fi
# fw_run TAG CLUSTER HOSTS LABEL: $runs runs of vchnet firewall against the running
# simulator, one table row
fw_run() {
	local tag=$1 cluster=$2 hosts plan=$work/plan-$1.yaml before after line raw=$work/raw-fw-$1
	cat >"$plan" <<EOF
apiVersion: vchnet/v1
kind: VCHNetworkPlan
metadata:
  name: bench
target:
  url: $VCSIM_URL
  username: user
  datacenter: DC0
  computeResource: $cluster
  imageStore: LocalDS_0
networks:
  bridge:
    portGroup: DC0_DVPG0
  public:
    portGroup: DC0_DVPG1
EOF
	: >"$raw"
	for r in $(seq 1 "$runs"); do
		before=$(vcsim_count _total)
		counts >"$work/c-before"
		line=$("$RUNSTAT" -o "$work/fw-$tag.out" -- "$VCHNET" firewall "$plan" --url "$VCSIM_URL" \
			--username user --thumbprint "$VCSIM_THUMBPRINT_SHA256" 2>>"$work/stderr-fw")
		after=$(vcsim_count _total)
		counts >"$work/c-after"
		echo "$line requests=$((after - before))" >>"$raw"
	done
	count_diff "$work/c-before" "$work/c-after" >"$work/methods-fw-$tag"
	# the number of hosts the command says it checked
	hosts=$(sed -n 's/^Hosts checked:.*: \([0-9][0-9]*\)$/\1/p' "$work/fw-$tag.out" | head -1)
	local st
	st=$(field status "$(head -1 "$raw")")
	fw_rows="$fw_rows| \`vchnet firewall\`, $4: $cluster, $hosts hosts checked | $(fmt_s "$(while read -r l; do field wall "$l"; done <"$raw" | median)") | $(fmt_s "$(while read -r l; do field cpu "$l"; done <"$raw" | median)") | $(fmt_mb "$(while read -r l; do field maxrss_kb "$l"; done <"$raw" | median)") | $(while read -r l; do field requests "$l"; done <"$raw" | median) | $st | $(verdict "$(while read -r l; do field requests "$l"; done <"$raw" | sort -n | tail -1) <= 6") |
"
}

# --- 1b. the snapshot path ---------------------------------------------------------
# snap_measure TIER, while the tier's simulator runs: saves its inventory, then times
# "vchnet check --inventory SNAPSHOT PLAN" $runs times (no server involved) and libyaml's
# bare parse of the file; snap_report TIER prints the section. Raw runs in
# $work/raw-snap-TIER.

snap_measure() {
	local tier=$1 snap=$work/snap-$1.yaml plan=$work/snap-plan-$1.yaml pub line st
	rm -f "$work/raw-snap-$tier"
	say "snapshot path ($tier): saving the inventory, then $runs x vchnet check --inventory"
	if ! "$VCHNET" inventory --url "$VCSIM_URL" --username user \
		--thumbprint "$VCSIM_THUMBPRINT_SHA256" --save "$snap" 2>>"$work/stderr-snap"; then
		say "vchnet inventory --save failed: $(tail -3 "$work/stderr-snap")"
		return 1
	fi
	# the tier's VCH has DC0_DVPG0 and its public port group: this plan's bridge is on
	# the same switch (port group i is on switch i mod dvs, dvs 1 or 4), used by VMs only
	pub=$(printf '%s\n' "$tier_vch" | tr ',' '\n' | sed -n 's/^public=//p')
	printf '%s\n' "apiVersion: vchnet/v1" "kind: VCHNetworkPlan" "metadata:" "  name: vch-snap" \
		"vic:" '  version: "1.5"' "target:" "  url: $VCSIM_URL" "  username: user" \
		"  datacenter: DC0" "  computeResource: DC0_C0" "  imageStore: LocalDS_0" "networks:" \
		"  bridge:" "    portGroup: DC0_DVPG12" "  public:" "    portGroup: ${pub:-DC0_DVPG1}" >"$plan"
	chmod 600 "$plan"
	# no server takes part: the simulator is stopped meanwhile, as its runtime spends
	# the seconds after a large answer returning memory on one of the two cores
	kill -STOP "$VCSIM_PID"
	for r in $(seq 1 "$runs"); do
		line=$("$RUNSTAT" -o "$work/snap-check-$tier.out" -- "$VCHNET" check --inventory "$snap" \
			"$plan" 2>>"$work/stderr-snap")
		echo "$line" >>"$work/raw-snap-$tier"
	done
	kill -CONT "$VCSIM_PID"
	# exit 1 is the expected answer (findings: the simulator's mixed firewalls); the
	# firewall line shows the whole check ran
	st=$(field status "$line")
	if [ "$st" -gt 1 ] || ! grep -q '^firewall: ' "$work/snap-check-$tier.out"; then
		say "vchnet check --inventory failed (status $st): $(tail -3 "$work/stderr-snap")"
		return 1
	fi
	eval "snap_bytes_$tier=$(wc -c <"$snap")"
	eval "snap_hosts_$tier=$(grep -c '^- id: "host-' "$snap")"
	eval "snap_status_$tier=$st"
	local floor=
	if [ -n "${YAMLFLOOR:-}" ]; then
		floor=$("$YAMLFLOOR" -r "$runs" "$snap") || { say "yamlfloor failed"; return 1; }
	fi
	printf '%s\n' "$floor" >"$work/floor-snap-$tier"
}

snap_report() {
	local tier=$1 raw=$work/raw-snap-$1 wall cpu rss floor fcpu
	[ -s "$raw" ] || return 0
	wall=$(while read -r l; do field wall "$l"; done <"$raw" | median)
	cpu=$(while read -r l; do field cpu "$l"; done <"$raw" | median)
	rss=$(while read -r l; do field maxrss_kb "$l"; done <"$raw" | median)
	floor=$(cat "$work/floor-snap-$tier" 2>/dev/null)
	echo "#### The snapshot path (tier \`$tier\`)"
	echo
	echo "\`vchnet check --inventory SNAPSHOT PLAN\`: the tier's inventory saved with \`vchnet inventory"
	echo "--save\` ($(eval echo "\$snap_bytes_$tier") bytes, $(eval echo "\$snap_hosts_$tier") hosts), then checked with no server: load,"
	echo "rules, pre-checks, in-use and firewall checks of a plan on DC0_C0 (exit $(eval echo "\$snap_status_$tier"): the"
	echo "simulator's mixed firewalls are findings). Median of $runs, with the simulator stopped (SIGSTOP):"
	echo "no server takes part, and its runtime would otherwise take a core returning memory."
	echo
	echo "| measure | wall | CPU (user+sys) | peak RSS | target | verdict |"
	echo "|---|---:|---:|---:|---|---|"
	echo "| \`vchnet check --inventory\` | $(fmt_s "$wall") | $(fmt_s "$cpu") | $(fmt_mb "$rss") | <= 0.5 s wall | $(verdict "$wall <= 0.5") |"
	if [ -n "$floor" ]; then
		fcpu=$(field cpu_median "$floor")
		echo "| (bound) libyaml's bare event parse of the same file (bench/yamlfloor, $(field events "$floor") events) | | $(fmt_s "$fcpu") | | reference, not a target | |"
	fi
	echo
	echo "Raw runs: $(paste -sd';' "$raw" | sed 's/;/; /g')."
	echo
}

# --- 5. the wizard at scale, on a pty (run in section 1's simulators) ------------

# wiz_tier_delay TIER DELAY: $runs sessions of "vchnet wizard" on a pty (bench/ptyscript)
# against the running simulator: Enter on Connect (the fields filled from VCHNET_URL,
# VCHNET_USERNAME and --password-file, the certificate known), F10 on Scope, then in the
# Bridge list 50 x Down, 25 x (a filter character, Backspace that clears it), and 4
# resizes. Appends the frames to $work/wiz-TIER-DELAY.
wiz_keys_down=50 wiz_keys_filter=25 wiz_resizes=4
wiz_tier_delay() {
	local tier=$1 delay=$2 raw=$work/wiz-$1-$2 dir=$work/wiz r i before after
	[ -n "${PTYSCRIPT:-}" ] || return 0
	rm -rf "$dir" && mkdir -p "$dir/home" "$dir/config/vchnet" "$dir/work" || exit 1
	echo "127.0.0.1:$VCSIM_PORT $VCSIM_THUMBPRINT_SHA256" >"$dir/config/vchnet/known_hosts"
	printf '%s\n' "$VCHNET_PASSWORD" >"$dir/pw" && chmod 600 "$dir/pw"
	{
		echo "frame start Connect to vCenter"
		echo "key enter"
		echo "frame connect Scope: where the VCH runs"
		echo "key f10"
		echo "frame bridge Links the container VMs"
		echo "dump $dir/bridge.txt"
		echo "settle"
		# the simulator has no part in a keystroke or a resize: stopped meanwhile, it
		# takes no core from the wizard (its runtime returns the memory of the answer
		# it just built for seconds after it); a wizard that did ask it would hang here
		echo "pause $VCSIM_PID"
		echo "cpu down_begin"
		for i in $(seq 1 "$wiz_keys_down"); do echo "key down"; echo "frame key_down"; done
		echo "cpu down_end"
		for i in $(seq 1 "$wiz_keys_filter"); do
			echo "key char $((i % 10))"; echo "frame key_filter"
			echo "key backspace"; echo "frame key_clear"
		done
		echo "cpu filter_end"
		for i in $(seq 1 "$wiz_resizes"); do
			if [ $((i % 2)) = 1 ]; then echo "resize 100 30"; else echo "resize 120 40"; fi
			echo "frame resize"
		done
		echo "resume $VCSIM_PID"
	} >"$dir/script"
	say "wizard on a pty ($tier, $delay ms) x $runs"
	: >"$raw"
	for r in $(seq 1 "$runs"); do
		before=$(vcsim_count _total)
		counts >"$work/c-before"
		(cd "$dir/work" && HOME=$dir/home XDG_CONFIG_HOME=$dir/config XDG_STATE_HOME=$dir/state-$r \
			VCHNET_URL=$VCSIM_HOSTPORT VCHNET_USERNAME=user \
			"$PTYSCRIPT" -c 120 -l 40 -- "$VCHNET" wizard --password-file "$dir/pw" <"$dir/script") >>"$raw" ||
			{ kill -CONT "$VCSIM_PID"; say "ptyscript failed"; exit 1; }
		after=$(vcsim_count _total)
		counts >"$work/c-after"
		echo "requests=$((after - before))" >>"$raw"
		count_diff "$work/c-before" "$work/c-after" >"$work/wiz-methods-$tier-$delay"
	done
	# the Bridge list's length, from its status line ("1 of N")
	eval "wiz_rows_${tier}_$delay=$(grep -o '1 of [0-9]*' "$dir/bridge.txt" | head -1 | sed 's/1 of //')"
	if grep -q 'saw=0' "$raw"; then
		say "the wizard did not reach a screen: $(grep 'saw=0' "$raw" | head -3 | paste -sd' ')"
	fi
}

# wiz_ms TIER-DELAY LABEL STAT: median or max (STAT) of a frame's ms over every run
wiz_ms() {
	local v
	v=$(sed -n "s/^$2 ms=\([-0-9.]*\) .*/\1/p" "$work/wiz-$1" 2>/dev/null)
	[ -n "$v" ] || { echo n/a; return; }
	case $3 in
	max) printf '%s\n' "$v" | sort -g | tail -1 ;;
	*) printf '%s\n' "$v" | median ;;
	esac
}

# wiz_report: the report's section 5 (markdown on stdout)
wiz_report() {
	local tier delay td floor c b tot fl lim k
	echo "## 5. The wizard at scale, on a pty"
	echo
	if [ -z "${PTYSCRIPT:-}" ]; then
		echo "Not measured: \$PTYSCRIPT is not set."
		echo
		return
	fi
	echo "\`vchnet wizard\` on a 120x40 pseudo-terminal (bench/ptyscript) against each tier's simulator of"
	echo "section 1, $runs session(s) per tier and latency. The Connect step's fields come filled"
	echo "(VCHNET_URL, VCHNET_USERNAME, --password-file) and the certificate is known, so Enter"
	echo "connects. The wizard stops at the Scope step (its defaults need a look), so **Connect to Bridge"
	echo "is counted as two frames**: from Enter on Connect to the end of the Scope step's first frame"
	echo "(login and the inventory read), plus from F10 on Scope to the end of the Bridge step's first"
	echo "frame; the time a user spends on Scope is not counted. A frame ends at the last byte"
	echo "before 40 ms of silence (not counted). The floor is section 1's curl floor at the same tier"
	echo "and latency (the same requests, replayed by curl). Keystrokes in the Bridge list: from"
	echo "writing the key to the end of its output: $wiz_keys_down x Down, $wiz_keys_filter x a digit typed"
	echo "into the filter and $wiz_keys_filter x Backspace clearing it (Esc clears too, after ncurses' 25 ms"
	echo "ESCDELAY that tells a lone Esc from a key's escape sequence); resize: TIOCSWINSZ 120x40 <-> 100x30,"
	echo "$wiz_resizes per session, to the end of the redraw. The simulator is stopped (SIGSTOP) while the"
	echo "keystrokes and resizes are measured: it has no part in them, and its runtime otherwise"
	echo "spends the seconds after a large answer returning memory, on one of the two cores."
	echo
	echo "| tier, latency | rows in the Bridge list | Enter -> Scope | F10 -> Bridge | total vs floor + 0.5 s | verdict | keystroke max (median): Down / filter / clear | verdict (<= 2 ms) | resize max (median) | verdict (<= 20 ms) | requests |"
	echo "|---|---:|---:|---:|---|---|---|---|---:|---|---|"
	for tier in $tiers; do
		for delay in $delays; do
			td=$tier-$delay
			[ -s "$work/wiz-$td" ] || continue
			floor=$(med curl "$td" wall)
			c=$(wiz_ms "$td" connect median) b=$(wiz_ms "$td" bridge median)
			tot=$(awk -v c="$c" -v b="$b" 'BEGIN { printf "%.3f", (c + b) / 1000 }')
			lim=$(awk -v f="$floor" 'BEGIN { printf "%.3f", f + 0.5 }')
			k=$(for l in key_down key_filter key_clear; do wiz_ms "$td" $l max; done | sort -g | tail -1)
			echo "| $tier, $delay ms | $(eval echo "\${wiz_rows_${tier}_$delay:-?}") | $(fmt_s "$(awk -v x="$c" 'BEGIN { print x / 1000 }')") | $(fmt_s "$(awk -v x="$b" 'BEGIN { print x / 1000 }')") | $(fmt_s "$tot") vs $(fmt_s "$floor") + 0.5 s = $(fmt_s "$lim") | $(verdict "$tot <= $lim") | $(wiz_ms "$td" key_down max) ($(wiz_ms "$td" key_down median)) / $(wiz_ms "$td" key_filter max) ($(wiz_ms "$td" key_filter median)) / $(wiz_ms "$td" key_clear max) ($(wiz_ms "$td" key_clear median)) ms | $(verdict "$k <= 2") | $(wiz_ms "$td" resize max) ($(wiz_ms "$td" resize median)) ms | $(verdict "$(wiz_ms "$td" resize max) <= 20") | $(sed -n 's/^requests=//p' "$work/wiz-$td" | median): $(cat "$work/wiz-methods-$td") |"
		done
	done
	echo
	echo "Medians of the sessions for the step times, the worst of every session for keystrokes and"
	echo "resizes (wall clock on a shared machine: see the load average above). The wizard's own CPU"
	echo "time per keystroke, which load does not inflate (/proc/PID/stat, 10 ms ticks, over the"
	echo "$wiz_keys_down Downs and over the $wiz_keys_filter pairs of filter character and Backspace; median of the sessions):"
	echo
	for tier in $tiers; do
		for delay in $delays; do
			[ -s "$work/wiz-$tier-$delay" ] || continue
			printf -- '- %s, %s ms: Down %s ms, filter character or Backspace %s ms of CPU per keystroke\n' "$tier" "$delay" \
				"$(awk -v n="$wiz_keys_down" '/^down_begin / { split($2, a, "="); b = a[2] }
					/^down_end / { split($2, a, "="); printf "%.2f\n", (a[2] - b) / n }' "$work/wiz-$tier-$delay" | median)" \
				"$(awk -v n=$((2 * wiz_keys_filter)) '/^down_end / { split($2, a, "="); b = a[2] }
					/^filter_end / { split($2, a, "="); printf "%.2f\n", (a[2] - b) / n }' "$work/wiz-$tier-$delay" | median)"
		done
	done
	echo
}

# --- 1. inventory at scale --------------------------------------------------------

# One simulator per tier serves every latency: its -delay-file is rewritten between
# them, so a tier's inventory (minutes at the maximums) is built once. Its VMs are
# files under TMPDIR: a tmpfs when there is one (a disk makes the build slower).
delay_file=$work/delay-ms
vcsim_tmp=$work/vcsim-tmp
[ -d /dev/shm ] && [ -w /dev/shm ] && vcsim_tmp=/dev/shm
mkdir -p "$vcsim_tmp" || exit 1

# tier_start TIER: start the tier's simulator; sets build_s_TIER, build_load_TIER
tier_start() {
	local t0 t1
	say "inventory ($1): starting the simulator ($shape)"
	echo "${delays%% *}" >"$delay_file"
	t0=$(date +%s.%N)
	# shellcheck disable=SC2086
	TMPDIR=$vcsim_tmp vcsim_start $shape -vch "$tier_vch" -delay-file "$delay_file" -scenario mixed ||
		{ say "the simulator did not start"; exit 1; }
	t1=$(date +%s.%N)
	eval "build_s_$1=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')"
	eval "build_load_$1='$(cut -d' ' -f1-3 /proc/loadavg)'"
	eval "build_cpu_$1=$(awk '{ printf "%.1f", ($14 + $15) / 100 }' "/proc/$VCSIM_PID/stat" 2>/dev/null || echo n/a)"
	say "simulator ready after $(eval echo "\$build_s_$1") s (load $(eval echo "\$build_load_$1")); $runs runs per client"
	vch_moref
}

# vch_moref: the running simulator's VCH endpoint VM, for curlfloor.sh's @VCH@ (the
# floor's container-network request must name the VM the tier's vchnet asks about,
# or the simulator answers it with a fault)
vch_moref() {
	local m
	m=$("$VCHNET" inventory --url "$VCSIM_URL" --username user --thumbprint "$VCSIM_THUMBPRINT_SHA256" \
		--vchs 2>>"$work/stderr-vchs" | sed -n 's/^VCH .*(endpoint VM \(vm-[0-9]*\),.*/\1/p' | head -1)
	[ -n "$m" ] || { say "no VCH endpoint VM found in the simulator (vchnet inventory --vchs)"; exit 1; }
	VCH_MOREF=$m
	export VCH_MOREF
}

# tier_delay TIER DELAY: section 1's runs at one latency on the running simulator
tier_delay() {
	local tier=$1 delay=$2
	echo "$delay" >"$delay_file"
	rm -f "$work/raw-$tier-$delay"
	# warm-up: the simulator's first answer of this size is slower (its caches)
	runone curl "$work/warm.out" || exit 1
	if [ "$delay" = "${delays%% *}" ] && [ "$tier" = "${tiers%% *}" ]; then
		# keep one inventory answer, to show what parsing it costs
		sh "$top_srcdir/bench/curlfloor.sh" "$VCSIM_URL" "$VCSIM_CERT_FILE" "$work/req" \
			"$work/answer.xml" || exit 1
	fi
	rm -f "$work/raw-$tier-$delay"
	for r in $(seq 1 "$runs"); do
		# interleaved, so that drift in the machine's load hits every client alike
		for c in $clients; do
			runone "$c" "$work/out-$c" || exit 1
		done
		say "  $tier, $delay ms, run $r/$runs: $(tail -4 "$work/raw-$tier-$delay" | awk '{ printf "%s %s  ", $1, $2 }')"
	done
	# the outputs describe the same inventory
	hosts_vchnet=$(grep -c '^- id: "host-' "$work/out-vchnet")
	hosts_ref=$(grep -c '^  type: "HostSystem"' "$work/out-refclient")
	if [ "$hosts_vchnet" -ne "$n_hosts" ] || [ "$hosts_ref" -ne "$n_hosts" ]; then
		say "host count mismatch: vchnet $hosts_vchnet, refclient $hosts_ref, expected $n_hosts"
		exit 1
	fi
	eval "yaml_bytes_${tier}_$delay=$(wc -c <"$work/out-vchnet")"
	eval "ref_bytes_${tier}_$delay=$(wc -c <"$work/out-refclient")"
	if [ "$delay" = "${delays%% *}" ]; then
		snap_measure "$tier" || exit 1
	fi
	if [ -n "$fw_ok" ] && [ "$tier" != max ]; then
		say "firewall over one cluster of this inventory, ${delay} ms"
		fw_run "section1-$delay" DC0_C0 "$per_cluster" "section 1's inventory ($tier), ${delay} ms"
		fw_per_cluster=$per_cluster fw_n_hosts=$n_hosts
	fi
}

for tier in $tiers; do
	tier_vars "$tier"
	tier_start "$tier"
	for delay in $delays; do
		say "inventory ($tier), ${delay} ms latency"
		tier_delay "$tier" "$delay"
		wiz_tier_delay "$tier" "$delay"
	done
	vcsim_stop
done

if [ -n "$fw_ok" ]; then
	say "firewall: $fw_hosts hosts in one cluster ($fw_shape)"
	# shellcheck disable=SC2086
	vcsim_start $fw_shape -delay-ms 0 -scenario mixed || { say "the simulator did not start"; exit 1; }
	fw_run one-cluster DC0_C0 "$fw_hosts" "1 cluster of $fw_hosts hosts, 0 ms"
	vcsim_stop
fi

# --- parsing the inventory answer: DOM against streaming (libxml2's xmllint) ------

xml_dom= xml_stream=
if command -v xmllint >/dev/null 2>&1 && [ -s "$work/answer.xml" ]; then
	say "parsing the saved inventory answer with xmllint (DOM and --stream)"
	xml_dom=$("$RUNSTAT" -- xmllint --noout "$work/answer.xml")
	xml_stream=$("$RUNSTAT" -- xmllint --noout --stream "$work/answer.xml")
fi
answer_bytes=$(wc -c <"$work/answer.xml" 2>/dev/null || echo 0)
# the least any libxml2 client spends on that answer: push-parsed with no-op callbacks
parse_floor=
if [ -s "$work/answer.xml" ]; then
	say "parsing the saved inventory answer with no-op SAX callbacks (bench/parsefloor)"
	# both RetrievePropertiesEx answers (curlfloor.sh saves the second as answer.xml.2)
	parse_floor=$("$PARSEFLOOR" -r "$runs" "$work"/answer.xml*) || { say "parsefloor failed"; exit 1; }
fi
rm -f "$work"/answer.xml*

# --- 3. picker ----------------------------------------------------------------------

say "picker: 10,000 networks"
pick=$("$PICKER" -n 10000 -r "$pick_repeats" -w 120 -h 40) || { say "picker failed"; exit 1; }
pv() { printf '%s\n' "$pick" | sed -n "s/^$1=//p"; }

# --- 4. start-up ---------------------------------------------------------------------

say "start-up: vchnet --version x $start_runs"
: >"$work/raw-version"
for r in $(seq 1 "$start_runs"); do
	"$RUNSTAT" -- "$VCHNET" --version >>"$work/raw-version"
done
version_wall=$(while read -r l; do field wall "$l"; done <"$work/raw-version" | median)
version_rss=$(while read -r l; do field maxrss_kb "$l"; done <"$work/raw-version" | median)

say "start-up: vchnet wizard to its first frame x $start_runs"
: >"$work/raw-wizard"
mark=()
[ -n "${BENCH_FRAME_TEXT:-}" ] && mark=(-m "$BENCH_FRAME_TEXT")
for r in $(seq 1 "$start_runs"); do
	"$FIRSTFRAME" -c 120 -l 40 "${mark[@]}" -- "$VCHNET" wizard | paste -sd' ' >>"$work/raw-wizard"
done
wiz_frame=$(while read -r l; do field frame_ms "$l"; done <"$work/raw-wizard" | median)
wiz_first=$(while read -r l; do field first_byte_ms "$l"; done <"$work/raw-wizard" | median)
wiz_screen=$(field screen "$(head -1 "$work/raw-wizard")")
wiz_exited=$(field exited "$(head -1 "$work/raw-wizard")")
wiz_bytes=$(field frame_bytes "$(head -1 "$work/raw-wizard")")
wiz_msg=
if [ "$wiz_screen" != 1 ]; then
	wiz_msg=$("$VCHNET" wizard </dev/null 2>&1 | head -1)
fi

# --- report ----------------------------------------------------------------------

t_end=$(date +%s)
load_end=$(cut -d' ' -f1-3 /proc/loadavg)
report=$work/RESULTS.md
{
	echo "# vchnet benchmarks"
	echo
	echo "Written by \`make bench\` (bench/run.sh) on $(date -u '+%Y-%m-%d %H:%M UTC'), in $((t_end - t_begin)) s."
	echo "Median of $runs run(s) per measurement unless said otherwise$([ "$runs" -lt 5 ] && echo " (a trial: at least 5 are wanted)"). Do not edit by hand: rerun \`make bench\`"
	echo "(\`BENCH_RUNS=N\`, \`BENCH_QUICK=1\` for a small trial)."
	echo
	echo "## Machine"
	echo
	echo "| | |"
	echo "|---|---|"
	echo "| CPU | $cpu_model${cpu_mhz:+, $cpu_mhz MHz}${cpu_cache:+, cache $cpu_cache} |"
	echo "| Cores | $cores |"
	echo "| Memory | $mem_total |"
	echo "| Kernel | $kernel |"
	echo "| Compiler | ${CC_VERSION:-unknown} (CFLAGS \`$build_cflags\`${san:+, sanitizers \`$san\`}) |"
	echo "| Go | $go_version |"
	echo "| govmomi | $govmomi (Debian golang-github-vmware-govmomi-dev) |"
	echo "| libcurl / libxml2 | $libcurl / $libxml |"
	echo "| curl (floor) | $curl_cli |"
	echo "| vchnet | $vchnet_version, git $git_rev$([ "$git_dirty" -gt 0 ] && echo " + $git_dirty uncommitted file(s) in src/ ui/ screens/ plain/") |"
	echo "| Load average (1/5/15 min) | $load_begin at start, $load_end at the end |"
	echo
	echo "The simulator (tests/vcsim) runs on the same machine and shares its cores; CPU time"
	echo "and peak memory are the client's own (getrusage of the child: user+sys, ru_maxrss,"
	echo "through bench/runstat), so they do not include the simulator."
	echo
	echo "## 1. Inventory at scale"
	echo
	echo "Clients: \`vchnet inventory --format yaml\`; **refclient** (bench/refclient: govmomi"
	echo "\`view\` + \`property\`, the same per-type properties as src/vsphere/inv_fetch.c, the VMs' and"
	echo "the VCHs' in-use properties included, decoded into \`mo\` types and written out as"
	echo "YAML-like text); **curl floor** (bench/curlfloor.sh: vchnet's own request bodies,"
	echo "captured from the simulator's -trace, replayed with curl: $req_list)."
	echo "Requests are counted by the simulator (-count-file). vcsim answers in one page"
	echo "whatever \`maxObjects\`; a real vCenter pages at vchnet's 1,000 objects, adding one"
	echo "ContinueRetrievePropertiesEx per 1,000 objects (see bench/PROFILE.md)."
	echo
	d0=${delays%% *}
	for tier in $tiers; do
		tier_vars "$tier"
		td0=$tier-$d0
		echo "### Tier \`$tier\`: $shape_text"
		echo
		echo "\`vcsim $shape\`; YAML written: vchnet $(eval echo "\$yaml_bytes_${tier}_$d0") bytes, refclient $(eval echo "\$ref_bytes_${tier}_$d0")."
		echo
		echo "The simulator built this inventory in $(eval echo "\$build_s_$tier") s ($(eval echo "\$build_cpu_$tier") s of its CPU; load average $(eval echo "\$build_load_$tier") when ready) and served every latency below (-delay-file)."
		echo
		for delay in $delays; do
			td=$tier-$delay
			echo "#### ${delay} ms latency per request"
			echo
			echo "| client | wall | wall / floor | CPU (user+sys) | peak RSS | HTTP requests |"
			echo "|---|---:|---:|---:|---:|---:|"
			floor=$(med curl "$td" wall)
			for c in $clients; do
				name=$c
				[ "$c" = vchnet ] && name='`vchnet inventory --format yaml`'
				[ "$c" = curl ] && name='curl floor'
				[ "$c" = base ] && name="earlier vchnet (\`$(basename "$base")\`)"
				echo "| $name | $(fmt_s "$(med "$c" "$td" wall)") | $(ratio "$(med "$c" "$td" wall)" "$floor")x | $(fmt_s "$(med "$c" "$td" cpu)") | $(fmt_mb "$(med "$c" "$td" maxrss_kb)") | $(med "$c" "$td" requests) |"
			done
			echo
			echo "vchnet's requests: $(cat "$work/methods-vchnet-$td"); refclient's: $(cat "$work/methods-refclient-$td")."
			echo
		done
		echo "#### Targets (tier \`$tier\`)"
		echo
		echo "| target | measured | verdict |"
		echo "|---|---|---|"
		req_big=$(for delay in $delays; do grep '^vchnet ' "$work/raw-$tier-$delay"; done |
			while read -r l; do field requests "$l"; done | sort -n | tail -1)
		echo "| inventory requests constant in size, at most 7 | $tiny_requests on a 3-host inventory with 6 VMs and a VCH ($tiny_methods), $req_big on $n_hosts hosts | $(verdict "$tiny_requests == $req_big && $req_big <= 7") |"
		if [ -n "$base" ]; then
			for delay in $delays; do
				cv=$(med vchnet "$tier-$delay" cpu) cb=$(med base "$tier-$delay" cpu)
				echo "| CPU within 1.3x of the earlier vchnet's on the same inventory (${delay} ms) | $(fmt_s "$cv") vs $(fmt_s "$cb"): $(ratio "$cv" "$cb")x | $(verdict "$cv <= $cb * 1.3") |"
			done
		fi
		if [ "$tier" = vms ] && [ -n "$today_row" ]; then
			echo "| (the figures before this run's tree, from the previous RESULTS.md: ${today_shape:-the inventory then}, 0 ms) | $(printf '%s' "$today_row" | cut -d'|' -f3,5,6,7 | sed 's/^ *//; s/ *| */, /g; s/,* *$//') (wall, CPU, peak RSS, requests) | reference |"
		fi
		for delay in $delays; do
			td=$tier-$delay
			cv=$(med vchnet "$td" cpu) cr=$(med refclient "$td" cpu)
			mv=$(med vchnet "$td" maxrss_kb) mr=$(med refclient "$td" maxrss_kb)
			wv=$(med vchnet "$td" wall) wc=$(med curl "$td" wall)
			lim=1.25
			[ "$delay" = 0 ] || lim=1.15
			echo "| CPU at most 0.25x the reference client's (${delay} ms) | $(fmt_s "$cv") vs $(fmt_s "$cr"): $(ratio "$cv" "$cr")x | $(verdict "$cv <= $cr * 0.25") |"
			echo "| peak RSS at most 0.30x the reference client's (${delay} ms) | $(fmt_mb "$mv") vs $(fmt_mb "$mr"): $(ratio "$mv" "$mr")x | $(verdict "$mv <= $mr * 0.30") |"
			echo "| wall at most ${lim}x the curl floor (${delay} ms) | $(fmt_s "$wv") vs $(fmt_s "$wc"): $(ratio "$wv" "$wc")x | $(verdict "$wv <= $wc * $lim") |"
			if [ "$tier" = max ]; then
				echo "| peak RSS at most 150 MB at the max tier (${delay} ms) | $(fmt_mb "$mv") | $(verdict "$mv <= 150 * 1024") |"
			fi
			if [ "$delay" != 0 ] && [ -n "$parse_floor" ] && [ "$tier" = "${tiers%% *}" ]; then
				pf=$(field cpu_median "$parse_floor")
				bound=$(awk -v a="$wc" -v b="$pf" 'BEGIN { printf "%.6f", a + b }')
				echo "| (bound) the curl floor plus libxml2's bare parse of the answer, which the simulator sends only once it has built all of it | $(fmt_s "$wc") + $(fmt_s "$pf") = $(fmt_s "$bound"): $(ratio "$bound" "$wc")x | reference, not a target |"
			fi
		done
		echo
		snap_report "$tier"
	done
	echo "## 2. Firewall pre-check at scale"
	echo
	if [ -n "$fw_note" ]; then
		echo "Not measured: $fw_note"
		echo
		echo "| target | measured | verdict |"
		echo "|---|---|---|"
		echo "| firewall requests constant in size, at most 6 | not measurable in this build | **not measured** |"
	else
		echo "\`vchnet firewall PLAN\` with a plan on cluster DC0_C0 and image store LocalDS_0, simulator"
		echo "scenario \`mixed\` (host 0 allows, host 1 blocks, host 2 is restricted, the rest allow), so"
		echo "exit status 1 is the expected answer. The first rows check ${fw_per_cluster:-?} of section 1's ${fw_n_hosts:-?} hosts"
		echo "(the plan's cluster); the last checks $fw_hosts hosts in one cluster (\`vcsim $fw_shape\`)."
		echo
		echo "| run | wall | CPU | peak RSS | HTTP requests | exit | target: at most 6 requests |"
		echo "|---|---:|---:|---:|---:|---:|---|"
		printf '%s' "$fw_rows"
		echo
		echo "Requests of one run: $(cat "$work/methods-fw-one-cluster")."
		fw_small=$(for f in "$work"/raw-fw-section1-*; do cat "$f"; done | while read -r l; do field requests "$l"; done | sort -n | tail -1)
		fw_big=$(while read -r l; do field requests "$l"; done <"$work/raw-fw-one-cluster" | sort -n | tail -1)
		echo
		echo "| target | measured | verdict |"
		echo "|---|---|---|"
		echo "| firewall requests constant in size, at most 6 | $fw_small with ${fw_per_cluster:-?} hosts checked, $fw_big with $fw_hosts | $(verdict "$fw_small == $fw_big && $fw_big <= 6") |"
	fi
	echo
	echo "## 3. Picker: type-to-filter at 10,000 networks"
	echo
	echo "bench/picker over ui/netlist, no terminal: $(pv keystrokes) keystrokes (typing then erasing"
	echo "9 filters, $pick_repeats times); each keystroke is netlist_filter() plus one redraw's model work"
	echo "(header and $(pv height) rows of $(pv width) columns through netlist_format() with the role marks)."
	echo "CPU time of the process (CLOCK_PROCESS_CPUTIME_ID)."
	echo
	echo "| measure | median | p99 | max | target | verdict |"
	echo "|---|---:|---:|---:|---|---|"
	echo "| keystroke (filter + redraw) | $(pv key_median_ms) ms | $(pv key_p99_ms) ms | $(pv key_max_ms) ms | <= 2 ms | $(verdict "$(pv key_max_ms) <= 2") |"
	echo "| filter alone | $(pv filter_median_ms) ms | | $(pv filter_max_ms) ms | | |"
	echo "| redraw alone (paging) | $(pv redraw_median_ms) ms | | $(pv redraw_max_ms) ms | | |"
	echo
	echo "Slowest keystroke: $(pv worst_key). Loading the 10,000 networks into the list:"
	echo "$(pv load_ms) ms; a role change (every row's reason and marks): $(pv role_change_ms) ms."
	echo
	echo "## 4. Start-up"
	echo
	echo "| measure | median of $start_runs | target | verdict |"
	echo "|---|---:|---|---|"
	echo "| \`vchnet --version\` (exec to exit) | $(awk -v x="$version_wall" 'BEGIN { printf "%.2f ms", x * 1000 }'), peak RSS $(fmt_mb "$version_rss") | | |"
	if [ "$wiz_screen" = 1 ]; then
		echo "| \`vchnet wizard\`: exec to first frame drawn (120x40 pty) | $(awk -v x="$wiz_frame" 'BEGIN { printf "%.2f ms", x }') (first byte $(awk -v x="$wiz_first" 'BEGIN { printf "%.2f ms", x }'), $wiz_bytes bytes) | <= 50 ms | $(verdict "$wiz_frame <= 50") |"
	else
		echo "| \`vchnet wizard\`: exec to first frame drawn | not measurable: it drew no screen (exited=$wiz_exited; it said \"$wiz_msg\") | <= 50 ms | **not measured** |"
	fi
	echo
	echo "The first frame is the first burst of output on the pty (bench/firstframe): from"
	echo "fork to the last byte before 40 ms of silence${BENCH_FRAME_TEXT:+ or the text \"$BENCH_FRAME_TEXT\"}; the silence is not counted."
	echo
	if [ -f "$top_srcdir/bench/PROFILE.md" ]; then
		cat "$top_srcdir/bench/PROFILE.md"
		echo
	fi
	if [ -n "$xml_dom" ]; then
		echo "Measured in this run, the $answer_bytes-byte RetrievePropertiesEx answer parsed by libxml2"
		echo "($(xmllint --version 2>&1 | head -1)):"
		echo
		echo "| parse | CPU | peak RSS |"
		echo "|---|---:|---:|"
		echo "| \`xmllint --noout\` (one DOM) | $(fmt_s "$(field cpu "$xml_dom")") | $(fmt_mb "$(field maxrss_kb "$xml_dom")") |"
		echo "| \`xmllint --noout --stream\` (xmlTextReader) | $(fmt_s "$(field cpu "$xml_stream")") | $(fmt_mb "$(field maxrss_kb "$xml_stream")") |"
		[ -n "$parse_floor" ] &&
			echo "| bench/parsefloor (push parser in 16 KB pieces, no-op SAX callbacks; median of $runs) | $(fmt_s "$(field cpu_median "$parse_floor")") | |"
		echo
	fi
	wiz_report
	echo "## Raw runs"
	echo
	echo '```'
	for tier in $tiers; do
		for delay in $delays; do
			echo "inventory ($tier), $delay ms:"
			sed 's/^/  /' "$work/raw-$tier-$delay"
		done
	done
	for f in "$work"/raw-fw-*; do
		[ -f "$f" ] || continue
		echo "firewall ${f##*/raw-fw-}:"
		sed 's/^/  /' "$f"
	done
	echo "picker:"
	printf '%s\n' "$pick" | sed 's/^/  /'
	echo "vchnet wizard (first frame):"
	sed 's/^/  /' "$work/raw-wizard"
	for f in "$work"/wiz-*-*; do
		case $f in *wiz-methods-*) continue ;; esac
		[ -f "$f" ] || continue
		echo "vchnet wizard on a pty, ${f##*/wiz-}:"
		sed 's/^/  /' "$f"
	done
	echo '```'
} >"$report"

cat "$report"
cp "$report" "$BENCH_OUT.tmp" && mv -f "$BENCH_OUT.tmp" "$BENCH_OUT" || exit 1
say "wrote $BENCH_OUT"
