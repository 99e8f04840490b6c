#!/bin/sh
# The entry point: --help, --version, unknown commands and options (exit 2 with the
# usage), and options written before the command word.
. "$top_srcdir/tests/lib/tap.sh"

tap_plan 45

out=$("$VCHNET" --help 2>&1); rc=$?
is "$rc" 0 "--help exits 0"
like "$out" "inventory +show the networks" "--help lists the commands"
out=$("$VCHNET" --version 2>&1)
like "$out" "^vchnet [0-9]+\.[0-9]+\.[0-9]+$" "--version prints the version"

out=$("$VCHNET" frobnicate 2>&1); rc=$?
is "$rc" 2 "an unknown command exits 2"
like "$(printf '%s\n' "$out" | head -1)" "^vchnet: unknown command 'frobnicate'$" "... with one line naming it"
like "$out" "^Usage: vchnet" "... then the usage"
out=$("$VCHNET" inventroy 2>&1); rc=$?
is "$rc" 2 "a mistyped command exits 2"
is "$out" "vchnet: unknown command 'inventroy'
Did you mean 'vchnet inventory'? Run 'vchnet --help' for every command." \
	"... and suggests the command it is closest to, instead of the whole usage"
like "$("$VCHNET" Chek 2>&1)" "Did you mean 'vchnet check'" "case and one letter off: still suggested"

out=$("$VCHNET" render --frobnicate 2>&1); rc=$?
is "$rc" 2 "an unknown option of a command exits 2"

out=$("$VCHNET" --log /tmp/x.log check plan.yaml 2>&1); rc=$?
is "$rc" 2 "options before a command word are refused"
like "$out" "options go after the command: vchnet check" "... saying where they go"
like "$out" "vchnet check --help" "... and pointing to the command's help"

out=$(TERM=xterm "$VCHNET" wizard --inventory /dev/null 2>&1 </dev/null); rc=$?
is "$rc" 2 "the full-screen wizard refuses --inventory"
like "$out" "works with --plain only" "... and says which mode takes it"

# Every command's help comes from its descriptor: the usage line, the options, -h.
for c in inventory check layout firewall render report deploy; do
	out=$("$VCHNET" $c --help 2>&1); rc=$?
	is "$rc" 0 "$c --help exits 0"
	like "$(printf '%s\n' "$out" | head -1)" "^Usage: vchnet $c " "$c --help starts with its usage"
	like "$out" "  -h, --help +show this help" "$c --help lists -h"
done
like "$("$VCHNET" check --help)" "Connection \(also from" "a command taking a connection lists its options"
unlike "$("$VCHNET" render --help)" "Connection \(also from" "render takes no connection: none listed"

# One parser: the same words for the same mistake in every command.
out=$("$VCHNET" render plan.yaml --output 2>&1); rc=$?
is "$rc" 2 "render --output without a value exits 2"
like "$out" "option '--output' needs a value" "... in the words of the other commands"
out=$("$VCHNET" inventory --format json 2>&1); rc=$?
is "$rc" 2 "an unknown --format of inventory exits 2"
like "$out" "--format takes text or yaml, not 'json'" "... worded as layout's --format"
out=$("$VCHNET" deploy plan.yaml --inventory snap.yaml 2>&1); rc=$?
is "$rc" 2 "deploy refuses --inventory"
like "$out" "--inventory cannot be used here: 'vchnet deploy' needs a live vCenter" \
	"... saying that it needs vCenter"
out=$("$VCHNET" check --offline=yes plan.yaml 2>&1)
like "$out" "option '--offline' takes no value" "a flag given a value says so"

tap_done
