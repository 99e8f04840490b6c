#!/bin/bash
# offline_render.sh: vchnet render on fixture plans: the command (golden files under
# tests/golden/render/cli-*.txt; VCHNET_REGEN_GOLDEN=1 rewrites them), that it is valid
# shell giving the expected arguments, no --force and no password, refusal of plans
# with errors, usage errors.
. "$top_srcdir/tests/lib/tap.sh"

tap_plan 17

good=$top_srcdir/tests/fixtures/plans/good
goldens=$top_srcdir/tests/golden/render
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

golden() { # name output description
	if [ "${VCHNET_REGEN_GOLDEN:-}" = 1 ]; then
		printf '%s\n' "$2" >"$goldens/$1.txt"
	fi
	is "$2" "$(cat "$goldens/$1.txt" 2>/dev/null)" "$3"
}

out=$("$VCHNET" render "$good/full.yaml" 2>"$work/err")
is "$?" 0 "render exits 0"
golden cli-full "$out" "full.yaml renders as the golden command"
is "$(cat "$work/err")" "" "nothing on stderr for a clean plan"
out=$("$VCHNET" render "$good/vcsim.yaml")
golden cli-vcsim "$out" "vcsim.yaml renders as the golden command"

# the text is shell: run it with printf in place of vic-machine
out=$("$VCHNET" render "$good/full.yaml")
printf '%s\n' "$out" | sed '1s/^[^ ]* create/printf "%s\\n" create/' >"$work/cmd.sh"
args=$(sh "$work/cmd.sh")
is "$?" 0 "the command is valid shell"
is "$(printf '%s\n' "$args" | grep -A1 -x -- --public-network | tail -1)" "VM Network" \
	"a port group with a space arrives as one argument"
is "$(printf '%s\n' "$args" | grep -A1 -x -- --client-network-gateway | tail -1)" "10.2.0.0/16:10.1.0.1" \
	"the client gateway arrives as dest:gw"
is "$(printf '%s\n' "$args" | grep -c -x -- --volume-store)" 2 "--volume-store is repeated"
unlike "$out" "--force|password" "no --force, no password"
like "$out" "--thumbprint AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01" \
	"the thumbprint in vic-machine's form"

# lower-case thumbprint without colons is normalised
sed 's/thumbprint: .*/thumbprint: "abcdef0123456789abcdef0123456789abcdef01"/' "$good/full.yaml" >"$work/tp.yaml"
out=$("$VCHNET" render "$work/tp.yaml")
like "$out" "--thumbprint AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01" \
	"a lower-case thumbprint without colons is written upper case with colons"

# a plan with errors is not rendered
out=$("$VCHNET" render "$good/minimal.yaml" 2>"$work/err")
is "$?" 1 "a plan missing target details exits 1"
is "$out" "" "and prints no command"
like "$(cat "$work/err")" "error: target.datacenter is missing" "the findings go to stderr"

out=$("$VCHNET" render --bogus "$good/full.yaml" 2>&1)
is "$?" 2 "an unknown option exits 2"
"$VCHNET" render "$work/nonexistent.yaml" >/dev/null 2>&1
is "$?" 2 "an unreadable plan exits 2"
"$VCHNET" render --help >/dev/null
is "$?" 0 "--help exits 0"

tap_done
