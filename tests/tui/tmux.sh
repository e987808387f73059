# tests/tui/tmux.sh: driving the real terminal UI, as tmux's own tests do.
#
# smreg runs in a detached tmux session on a private server, 80x24 unless
# told otherwise; keys go in with send-keys, and tests poll capture-pane
# for the screen they expect instead of sleeping.  smreg's stderr goes to
# a file, checked for sanitizer reports when the session ends.

. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

command -v tmux >/dev/null || bail_out "tmux is not installed"

TMUX_SOCKET="smreg-test-$$"
TUI_TIMEOUT=${TUI_TIMEOUT:-15}
SCREEN=

tmux_() {
	tmux -L "$TMUX_SOCKET" -f /dev/null "$@"
}

# tui_start [--as LOGIN] [--size WxH] [SMREG ARGS...]: smreg on $DB.
tui_start() {
	local program=$SMREG width=80 height=24
	if [ "${1:-}" = --as ]; then
		program="$SMREG_AS $2"
		shift 2
	fi
	if [ "${1:-}" = --size ]; then
		width=${2%x*}
		height=${2#*x}
		shift 2
	fi
	rm -f "$TEST_ROOT/tui-stderr" "$TEST_ROOT/tui-exit"
	tmux_ kill-server 2>/dev/null
	# TUI_BEFORE: shell commands to run first (a file-size limit, say).
	tmux_ new-session -d -s smreg -x "$width" -y "$height" \
		"${TUI_BEFORE:-} env TERM=screen-256color SMREG_TODAY=$SMREG_TODAY LC_ALL=C.UTF-8 \
		 ASAN_OPTIONS='${ASAN_OPTIONS:-}' UBSAN_OPTIONS='${UBSAN_OPTIONS:-}' \
		 $program --db '$DB' $* 2>'$TEST_ROOT/tui-stderr'; echo \$? >'$TEST_ROOT/tui-exit'; sleep 600" ||
		fail "tmux could not start"
	tmux_ set-option -g window-size manual >/dev/null 2>&1
}

tui_keys() {
	tmux_ send-keys -t smreg "$@"
}

# tui_type TEXT: literal text, however it looks to tmux.
tui_type() {
	tmux_ send-keys -t smreg -l "$1"
}

tui_screen() {
	SCREEN=$(tmux_ capture-pane -p -t smreg 2>/dev/null)
}

# tui_wait_for TEXT: until the screen shows TEXT (fails the test on timeout).
tui_wait_for() {
	local deadline=$((SECONDS + TUI_TIMEOUT))
	while [ $SECONDS -lt $deadline ]; do
		tui_screen
		case "$SCREEN" in
		*"$1"*) return 0 ;;
		esac
		sleep 0.05
	done
	fail "the screen never showed: $1" "$SCREEN"
	return 1
}

# open_register TEXT WAIT: from the dashboard to a register through the
# registers menu, typing TEXT to find it and waiting for WAIT.
open_register() {
	tui_wait_for "Due-review warnings"
	tui_keys R
	tui_wait_for "Open (type to find)"
	tui_type "$1"
	tui_keys Enter
	tui_wait_for "$2"
}

# new_channel_form: from the dashboard of a register with no channels to
# the form for a new one, on its platform.
new_channel_form() {
	open_register Channels "Channels: 0 current"
	tui_keys n
	tui_wait_for "new channel"
	tui_keys Tab
}

# tui_wait_gone TEXT: until the screen no longer shows TEXT.
tui_wait_gone() {
	local deadline=$((SECONDS + TUI_TIMEOUT))
	while [ $SECONDS -lt $deadline ]; do
		tui_screen
		case "$SCREEN" in
		*"$1"*) ;;
		*) return 0 ;;
		esac
		sleep 0.05
	done
	fail "the screen kept showing: $1" "$SCREEN"
	return 1
}

# expect_screen TEXT / expect_no_screen TEXT: on the screen as last captured.
expect_screen() {
	case "$SCREEN" in
	*"$1"*) ;;
	*) fail "the screen lacks: $1" "$SCREEN" ;;
	esac
}

expect_no_screen() {
	case "$SCREEN" in
	*"$1"*) fail "the screen shows what it must not: $1" "$SCREEN" ;;
	esac
}

# The smreg this test started (the child of the pane's shell): never any
# other smreg on the machine.
tui_pid() {
	local shell
	shell=$(tmux_ display-message -p -t smreg '#{pane_pid}')
	pgrep -P "$shell" | head -1
}

tui_resize() {
	tmux_ resize-window -t smreg -x "$1" -y "$2"
}

# tui_wait_exit STATUS: smreg ended with STATUS and left nothing on stderr
# that a sanitizer wrote.
tui_wait_exit() {
	local deadline=$((SECONDS + TUI_TIMEOUT))
	while [ ! -s "$TEST_ROOT/tui-exit" ] && [ $SECONDS -lt $deadline ]; do
		sleep 0.05
	done
	[ -s "$TEST_ROOT/tui-exit" ] || { fail "smreg did not exit"; return 1; }
	[ "$(cat "$TEST_ROOT/tui-exit")" = "$1" ] ||
		fail "smreg exited $(cat "$TEST_ROOT/tui-exit"), not $1" "$(cat "$TEST_ROOT/tui-stderr")"
	tui_check_stderr
}

tui_check_stderr() {
	if grep -qE 'AddressSanitizer|LeakSanitizer|runtime error:' "$TEST_ROOT/tui-stderr" 2>/dev/null; then
		fail "sanitizer report:" "$(cat "$TEST_ROOT/tui-stderr")"
	fi
}

# tui_quit: leave smreg with Ctrl-C (nothing unsaved) and check it ended well.
tui_quit() {
	tui_keys C-c
	tui_wait_exit 0
	tmux_ kill-server 2>/dev/null
}

trap 'tmux -L "$TMUX_SOCKET" kill-server 2>/dev/null; rm -rf "$TEST_ROOT"' EXIT
