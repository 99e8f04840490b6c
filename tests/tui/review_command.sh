#!/bin/sh
# review_command.sh: the review step at 80x24 — the TLS choice (the default for a DHCP
# client, tlsverify asking for the certificate name, the plan's tls keys), and the
# Command view: the exact command of 'vchnet render', never wrapped, scrolled
# sideways, written to FILE.sh; that script run with the fake vic-machine gets exactly
# the argv of 'vchnet render'.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/tui.sh"
. "$top_srcdir/tests/lib/vcsim.sh"
. "$top_srcdir/tests/tui/wizlib.sh"

tap_plan 21
wiz_home
vcsim_start -scenario allow-all -username admin@vsphere.local -password 'S3cret!' ||
	{ echo "Bail out! the simulator did not start"; exit 1; }

wiz_start
wiz_connect; tap_ok $? "connects"
for want in "Bridge network" "Public network" "Same as the public" "Same as the client" \
	"Container networks" "NIC layout of" "against 127.0.0.1" "Review the plan"; do
	wiz_next
	tui_wait "$want" || break
done
tui_wait "Review the plan"; tap_ok $? "F10 through every step reaches the review"
scr=$(tui_capture)
like "$scr" "Docker: +\( \) tlsverify +\(.\) no-tlsverify +\( \) no-tls" \
	"the TLS choice: no-tlsverify preselected for a DHCP client"
like "$scr" "any Docker client that reaches the VCH" "the choice is explained in a sentence"

like "$(tui_capture | tail -2 | head -1)" "Press Enter on Save \\(or Ctrl-S\\) to write the plan; q quits" \
	"the review opens with Save focused and its tip"
# to the radio (Shift-Tab from Save: the file field, the view, the radio) and tlsverify
tui_keys BTab
tui_settle
unlike "$(tui_capture | tail -2 | head -1)" "q quits" "in the file field the Save tip goes (q would be typed there)"
like "$(tui_capture | tail -2 | head -1)" "Type the value; F1 explains it" "a tip for the field instead"
tui_keys BTab BTab Left
tui_wait "Error: tlsverify needs the name Docker clients use"
tap_ok $? "tlsverify without a static address: the missing name is an error"
like "$(tui_capture)" "Cert name:" "tlsverify asks for the certificate name"
tui_keys Tab
tui_type "vch.example.com"
tui_wait "only Docker clients holding"; tap_ok $? "with a name, tlsverify is explained"

# the Command view: Tab from the name field to the view, file, Save, Command
tui_keys Tab Tab Tab Tab Enter
tui_wait "vic-machine command"; tap_ok $? "Command opens the command view"
scr=$(tui_capture)
like "$scr" "vic-machine-linux create \\\\" "the command's first line ends in a backslash"
like "$scr" "    --tls-cname vch.example.com \\\\" "tlsverify renders --tls-cname, one argument per line"
unlike "$scr" "--no-tlsverify" "and no --no-tlsverify"
like "$scr" "    --thumbprint [0-9A-F:]+(…|>)" "a line wider than the view is cut with a marker, not wrapped"
tui_keys Right Right
tui_wait "scrolled right"
like "$(tui_capture)" ":[0-9A-F]{2} \\\\ *│" "Right scrolls sideways to the end of the thumbprint"
tui_keys Enter
tui_wait "Wrote vch-01.sh"; tap_ok $? "Write to vch-01.sh writes the script"
is "$(stat -c %a "$wiz_dir/work/vch-01.sh" 2>&1)" 700 "the script is mode 0700"
tui_keys Escape
tui_wait_gone "vic-machine command"
tui_keys C-s
tui_wait "Saved to"
plan=$(cat "$wiz_dir/work/vch-01.yaml")
like "$plan" "tls:
  mode: tlsverify
  cname: vch.example.com" "the plan has the tls keys"

# the script and the command of 'vchnet render' give vic-machine the same argv
mkdir -p "$wiz_dir/bin"
ln -s "$top_srcdir/tests/fake/vic-machine" "$wiz_dir/bin/vic-machine-linux"
(cd "$wiz_dir/work" && PATH="$wiz_dir/bin:$PATH" FAKE_VIC_ARGV_FILE="$wiz_dir/script.argv" \
	./vch-01.sh >/dev/null 2>&1)
"$VCHNET" render "$wiz_dir/work/vch-01.yaml" >"$wiz_dir/cmd.sh"
PATH="$wiz_dir/bin:$PATH" FAKE_VIC_ARGV_FILE="$wiz_dir/render.argv" sh "$wiz_dir/cmd.sh" >/dev/null 2>&1
ok "the script ran the fake vic-machine" test -s "$wiz_dir/script.argv"
is "$(cat "$wiz_dir/script.argv")" "$(cat "$wiz_dir/render.argv")" \
	"the script passes exactly the argv of vchnet render"
tui_keys q
tui_wait_exit >/dev/null
