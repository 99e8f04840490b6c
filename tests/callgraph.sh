#!/bin/sh
# No module calls back up into one that calls it: the live checks and the CLI helpers
# include only downwards. finder (the plan's objects in the inventory) is the bottom of
# the live checks; firewall and inuse use it; precheck uses all three and nothing uses
# precheck below the commands; the core never includes the CLI's login.h.
# With an argument, checks that tree instead (used by the test of this test).
. "$top_srcdir/tests/lib/tap.sh"

# ROOT -> prints "file includes header" for every include that goes the wrong way
callgraph_check() {
	root=$1
	for pair in "finder:precheck.h" "finder:firewall.h" "finder:inuse.h" \
		"firewall:precheck.h" "firewall:inuse.h" "inuse:precheck.h" "inuse:firewall.h" \
		"goparse:rules.h" "goparse:effective.h" "effective:rules.h"; do
		mod=${pair%%:*} hdr=${pair#*:}
		for f in $(find "$root/src" -name "$mod.c" -o -name "$mod.h" 2>/dev/null); do
			grep -qE "^[[:space:]]*#[[:space:]]*include[[:space:]]*\"$hdr\"" "$f" &&
				echo "${f#"$root"/} includes $hdr"
		done
	done
	# the core (src/ but its cli folder and the command files) never includes login.h
	find "$root/src" -name '*.[ch]' ! -path '*/cli/*' ! -name 'cmd_*.c' ! -name 'main.c' 2>/dev/null |
	while read -r f; do
		grep -qE '^[[:space:]]*#[[:space:]]*include[[:space:]]*"login\.h"' "$f" &&
			echo "${f#"$root"/} includes login.h"
	done
	return 0
}

tap_plan 3

out=$(callgraph_check "$top_srcdir")
is "$out" "" "finder, firewall, inuse, goparse and effective include nothing above them; the core does not include login.h"

# The check itself must be able to fail: plant violations in a scratch tree.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/src/checks" "$scratch/src/report"
printf '#include "precheck.h"\n' > "$scratch/src/checks/finder.c"
printf '#include "login.h"\n' > "$scratch/src/report/topo_live.c"
out=$(callgraph_check "$scratch")
like "$out" 'src/checks/finder.c includes precheck.h' "a lower module including precheck.h is caught"
like "$out" 'src/report/topo_live.c includes login.h' "the core including the CLI's login.h is caught"

tap_done
