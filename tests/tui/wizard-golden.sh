#!/bin/sh
# wizard-golden.sh: the wizard's screens at 80x24 against the demo inventory, compared
# with golden captures in three terminals: xterm-256color in C.UTF-8 (Unicode lines),
# vt100 in the C locale (ASCII lines, monochrome, F-keys the entry does not know) and
# NO_COLOR=1 (captured with attributes: reverse and bold only, no colour).
# VCHNET_REGEN_GOLDEN=1 rewrites tests/tui/golden/wizard-*.txt.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/tui.sh"
. "$top_srcdir/tests/lib/vcsim.sh"
. "$top_srcdir/tests/tui/wizlib.sh"

tap_plan 14
wiz_home
vcsim_start -preset demo -stable-cert || { echo "Bail out! the simulator did not start"; exit 1; }

run() { # tag golden-flag tui_start-options...
	local tag=$1 e=$2
	shift 2
	wiz_start "$@"
	tui_wait "Connect to vCenter"
	tui_golden $e "wizard-$tag-connect" "$tag: connect screen"
	wiz_connect
	tui_golden $e "wizard-$tag-scope" "$tag: scope screen"
	tui_keys F10
	tui_wait "Links the container VMs"
	tui_golden $e "wizard-$tag-bridge" "$tag: bridge picker"
	tui_keys Enter F10
	tui_wait "Connects the VCH to the outside"
	tui_keys Enter F10
	tui_wait "Same as the public network"
	tui_keys F10
	tui_wait "Same as the client network"
	tui_keys F10
	tui_wait "Container networks"
	tui_keys F10
	tui_wait "No problems found."
	tui_golden $e "wizard-$tag-layout" "$tag: layout"
	tui_stop
}

run utf8 "" -t xterm-256color -l C.UTF-8
run vt100 "" -t vt100 -l C
unlike "$(cat "$top_srcdir/tests/tui/golden/wizard-vt100-bridge.txt")" "[^ -~]" "vt100 in C: ASCII only"
run nocolor -e -t xterm-256color -l C.UTF-8 -e NO_COLOR=1
unlike "$(cat "$top_srcdir/tests/tui/golden/wizard-nocolor-bridge.txt")" "\[(3[0-7]|4[0-7]|38;|48;)" "NO_COLOR: no colour sequences"
tap_done
