#!/bin/sh
# The entry point: --help, --version, unknown commands and options (exit 2 with the
# usage), and options written before the command word.
. "$top_srcdir/tests/lib/tap.sh"

tap_plan 15

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

tap_done
