#!/bin/sh
# findings_clipped.sh: at 80x24, the messages the issue saw cut off can each be read
# whole, with the hint 'vchnet check' prints: the uplink port group refused on the
# Bridge step (the status line cuts it; F1 shows it), the container range outside its
# gateway's subnet and the proxy without a scheme (in their dialogs). Ctrl-F opens the
# step's findings view (shown in the footer, which is never cut); the VIC version
# radio's footer label sits on Left/Right; in a dialog
# Right on the last button stays there (Cancel never wraps round to Discard).
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/tui.sh"
. "$top_srcdir/tests/lib/vcsim.sh"
. "$top_srcdir/tests/tui/wizlib.sh"

tap_plan 20
wiz_home
vcsim_start -preset demo || { echo "Bail out! the simulator did not start"; exit 1; }

# the screen without the sidebar, its wrapped lines joined
pane() { tui_capture | sed 's/^[^│]*│//' | tr -s ' \n│' ' '; }

wiz_start
wiz_connect; tap_ok $? "connected to the demo vCenter"
# Scope: on the VIC version radio the footer puts its label on Left/Right, the keys
# that change it; a message (not a tip) stays on the status line as the focus moves
like "$(tui_capture | tail -2 | head -1)" "Connected to 127\\.0\\.0\\.1" "Scope opens with the connection's message"
for i in 1 2 3 4 5 6 7 8; do
	tui_keys Tab
	tui_settle
	case $(tui_capture | tail -1) in *"Left/Right change"*) break ;; esac
done
like "$(tui_capture | tail -1)" "Left/Right change" "on a radio the footer's label sits on Left/Right"
unlike "$(tui_capture | tail -1)" "Enter change" "not on Enter"
like "$(tui_capture | tail -2 | head -1)" "Connected to 127\\.0\\.0\\.1" "the message stays as the focus moves"
tui_keys F10
tui_wait "Links the container VMs to the VCH"

# the uplink port group: the status line cuts the reason; F1 shows it and the hint
tui_type "DVUplinks"
tui_wait "1 match"
tui_keys Enter
tui_wait "Refused as bridge network: DSwitch-Prod-DVUplinks-"
like "$(tui_capture)" "…" "the status line is cut at 80 columns (with a mark)"
like "$(tui_capture | tail -1)" "\\^F findings *$" "the footer shows ^F findings, not cut"
tui_keys F1
tui_wait "Findings: Bridge network"; tap_ok $? "F1 opens the findings view"
scr=$(pane)
like "$scr" "Refused as bridge network: DSwitch-Prod-DVUplinks-[0-9]+ is an uplink port group \\(it carries the hosts' uplinks, not VM traffic\\); hint: choose a port group for virtual machines, not the switch's uplinks" \
	"the whole refusal, with the hint 'vchnet check' gives (pg-uplink)"
tui_keys Escape
tui_wait_gone "Findings: Bridge network"
tui_keys C-f
tui_wait "Findings: Bridge network"; tap_ok $? "Ctrl-F opens the findings view too"
tui_keys Escape
tui_wait_gone "Findings: Bridge network"

# on to the containers step, taking what each step suggests
tui_keys Escape
tui_wait_gone "1 match"
tui_type "vch-bridge-01"
tui_keys Enter F10
for want in "Same as the public" "Same as the client" "Container networks give"; do
	wiz_next
	tui_wait "$want" || break
done
tui_wait "choose Add"; tap_ok $? "on the containers step"
tui_keys Enter
tui_wait "Add a container network"
tui_type "Containers-Routable"
tui_wait "1 match"
tui_keys Enter
tui_wait "Chosen: Containers-Routable"
tui_type "routable"
tui_keys Tab; tui_type "10.3.0.1/16"
tui_keys Tab; tui_type "10.4.0.0/24"
tui_wait "is not in subnet"
scr=$(tui_capture | tr -s ' \n│' ' ')
like "$scr" "Error: IP range \\{\"10\\.4\\.0\\.0\" \"10\\.4\\.0\\.255\"\\} is not in subnet \\{\"10\\.3\\.0\\.1\" \"ffff0000\"\\}" \
	"the range outside its subnet: vic-machine's whole message"
like "$scr" "keep the range inside the gateway's subnet 10\\.3\\.0\\.0/16" "with the CLI's hint"
unlike "$(tui_capture | grep 'Error:' )" "…" "the error is not cut"
tui_keys Escape
tui_wait "Discard these changes?"
like "$(tui_capture)" "< Discard > +\\[ Keep editing \\]" "the safe answer is the default"
tui_keys Right
tui_settle
like "$(tui_capture)" "< Discard > +\\[ Keep editing \\]" "Right on the last button stays there (no wrap to Discard)"
tui_keys Left Enter
tui_wait_gone "Add a container network"; tap_ok $? "Left, Enter discards"

# the proxy: vic-machine's message and the format hint
for i in 1 2 3 4; do
	tui_keys Tab
	tui_settle
	case $(tui_capture) in *"[ Proxies (advanced) ]"*) break ;; esac
done
tui_keys Enter
tui_wait "Proxies for image pulls"
tui_type "example.com"
tui_wait "Could not parse HTTP(S) proxy"
scr=$(tui_capture | tr -s ' \n│' ' ')
like "$scr" "Could not parse HTTP\\(S\\) proxy - expected format http\\(s\\)://fqnd_or_ip:port: example\\.com" \
	"the proxy without a scheme: vic-machine's whole message"
like "$scr" "write the proxy as http://HOST:PORT or https://HOST:PORT" "with the CLI's format hint"
unlike "$(tui_capture | sed -n '/Could not parse/,$p')" "…" "and nothing of it is cut"
tui_stop
tap_done
