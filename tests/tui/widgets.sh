#!/bin/sh
# widgets.sh: the toolkit's widgets and dialogs in a real terminal (tmux), through the
# ui_demo program: typing, masking, toggles, the filtered list with a dimmed row, the
# dialogs (Esc never confirms), resize to too small and back, Ctrl-C restoring the
# terminal, an unknown TERM and TERM=dumb refused with a helpful message.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/tui.sh"
DEMO="$top_builddir/tests/tui/ui_demo"

tap_plan 23

tui_start -- "$DEMO"
tui_wait "ready" ; tap_ok $? "demo starts"
tui_golden widgets-start-utf8 "first screen, UTF-8 lines"

tui_type "héllo q?"
tui_wait "Name: = héllo q?"; tap_ok $? "q and ? are text inside a field, UTF-8 typed"
tui_keys Tab
tui_type "s3cret"
tui_wait "Password: = (hidden)"; tap_ok $? "password field reports a change"
out=$(tui_capture)
unlike "$out" "s3cret" "the password is masked on screen"
tui_keys Tab Space
tui_wait "remember on"; tap_ok $? "Space toggles the checkbox"
tui_keys Tab Down Space
tui_wait "mode Static address"; tap_ok $? "Down then Space picks a radio option"
tui_keys Tab
tui_type "dvs-"
tui_wait "Filter: dvs-   (4 matches"; tap_ok $? "typing filters the list"
tui_keys BSpace BSpace BSpace BSpace End Up Up Up
tui_wait "cannot use: uplink port group"; tap_ok $? "an unselectable row says why"
tui_keys Enter
tui_wait "refused DSwitch-Uplinks"; tap_ok $? "Enter on an unselectable row is refused"
tui_keys Down Enter
tui_wait "chose dvs-mgmt"; tap_ok $? "Enter chooses a selectable row"

# dialogs: focus the Confirm button (list, text view, Message, Confirm)
tui_keys Tab Tab Tab Enter
tui_wait "Delete everything?"; tap_ok $? "confirm dialog opens"
tui_keys Escape
tui_wait "confirm: no"; tap_ok $? "Esc in a confirmation does not confirm"
tui_keys Enter Enter
tui_wait "confirm: no"; tap_ok $? "Enter on the default (safe) button does not confirm"
tui_keys Tab Enter
tui_wait "Esc cancels"; tap_ok $? "progress dialog shows how to cancel"
tui_resize 60 15
tui_wait "terminal too small (60x15)"; tap_ok $? "too small while the work goes on"
tui_resize 80 24
tui_wait "Esc cancels"; tap_ok $? "the progress box comes back, re-centred"
tui_keys Escape
tui_wait "progress cancelled"; tap_ok $? "Esc cancels the progress"

tui_resize 60 15
tui_wait "terminal too small (60x15), need 72x20"; tap_ok $? "too-small screen at 60x15"
tui_resize 80 24
tui_wait "resized to 80x24"; tap_ok $? "recovers when enlarged"

tui_keys C-c
st=$(tui_wait_exit)
is "$st" "130" "Ctrl-C ends with status 130"

tui_start -t xterm-nonexistent -- "$DEMO"
tui_wait_exit >/dev/null
# the pane may be marked dead before tmux has drawn the last output: wait for the text
tui_wait "is not known" >/dev/null
like "$(tui_capture_all)" "TERM=xterm-nonexistent is not known.*try TERM=xterm-256color" "unknown TERM: message with a fix"
tui_start -t dumb -- "$DEMO"
tui_wait_exit >/dev/null
tui_wait "cannot show" >/dev/null
like "$(tui_capture_all)" "TERM=dumb cannot show.*non-interactive commands" "TERM=dumb: pointed to the non-interactive commands"
tui_stop
tap_done
