# The terminal UI when its terminal goes away (the window closed, the ssh
# link dropped, the tmux session killed): smreg closes the register and
# exits 129, at once and without spinning, whether or not a SIGHUP comes
# with it.  Under su or runuser none comes to smreg.
. "$(dirname "$0")/tmux.sh"

# A real login for the runuser tests: CI runs as root, which may add one.
HUP_USER=
if [ "$(id -u)" -eq 0 ] && command -v useradd >/dev/null && command -v runuser >/dev/null; then
	HUP_USER="smreghup$$"
	useradd -M -N -s /bin/sh "$HUP_USER" >/dev/null 2>&1 || HUP_USER=
fi
STARTED="$TEST_ROOT/started-pids"

# Whatever a failed test left running is ours to end (by its pid), and the
# login goes with the test run.
cleanup() {
	tmux -L "$TMUX_SOCKET" kill-server 2>/dev/null
	if [ -f "$STARTED" ]; then
		while read -r pid; do
			kill -KILL "$pid" 2>/dev/null
		done <"$STARTED"
	fi
	[ -z "$HUP_USER" ] || userdel "$HUP_USER" >/dev/null 2>&1
	rm -rf "$TEST_ROOT"
}
trap cleanup EXIT

# A register in a folder of its own that $HUP_USER owns and reaches, with
# $HUP_USER one of its admins.
shared_register() {
	local dir="$TEST_ROOT/shared-$BASHPID"
	chmod 711 "$TEST_ROOT"
	mkdir "$dir"
	DB="$dir/register.db"
	export SMREG_DB="$DB"
	"$SMREG" init --school "Test School" >/dev/null 2>&1 || fail "smreg init failed"
	add_user "$HUP_USER" admin
	chown -R "$HUP_USER" "$dir"
}

# hup_start HOW: smreg on $DB in tmux, as tui_start does.  HOW is
#   runuser  runuser -u $HUP_USER -- smreg, under a shell that ignores
#            SIGHUP: only the terminal tells smreg it has gone;
#   child    smreg itself, under that shell: the same without runuser;
#   leader   smreg as the session's leader, which the kernel sends SIGHUP.
# The shell writes smreg's exit status to tui-exit; it does not linger.
hup_start() {
	local program=$SMREG before="trap '' HUP;"
	case "$1" in
	runuser) program="runuser -u $HUP_USER -- $SMREG" ;;
	leader) before="exec" ;;
	esac
	rm -f "$TEST_ROOT/tui-stderr" "$TEST_ROOT/tui-exit"
	tmux_ kill-server 2>/dev/null
	tmux_ new-session -d -s smreg -x 80 -y 24 \
		"$before env TERM=screen-256color SMREG_TODAY=$SMREG_TODAY LC_ALL=C.UTF-8 \
		 ASAN_OPTIONS='${ASAN_OPTIONS:-}' UBSAN_OPTIONS='${UBSAN_OPTIONS:-}' \
		 $program --db '$DB' 2>'$TEST_ROOT/tui-stderr'; echo \$? >'$TEST_ROOT/tui-exit'" ||
		fail "tmux could not start"
}

# The smreg process in the pane: the pane's process or, through runuser,
# its child.
smreg_pid() {
	local pid
	pid=$(tmux_ display-message -p -t smreg '#{pane_pid}')
	while [ -n "$pid" ] && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" != smreg ]; do
		pid=$(pgrep -P "$pid" | head -1)
	done
	printf '%s' "$pid"
}

# cpu_ticks PID: the user and system time PID has used, in clock ticks.
cpu_ticks() {
	awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null
}

# alive PID: PID runs (a zombie has ended).
alive() {
	local state
	state=$(awk '{ print $3 }' "/proc/$1/stat" 2>/dev/null) || return 1
	[ -n "$state" ] && [ "$state" != Z ]
}

# hang_up: kill the tmux session, so that smreg's terminal hangs up, and
# check that smreg ends within a few seconds having used almost no CPU.
hang_up() {
	local pid before last now deadline
	pid=$(smreg_pid)
	[ -n "$pid" ] || { fail "no smreg in the pane"; return 1; }
	echo "$pid" >>"$STARTED"
	before=$(cpu_ticks "$pid")
	last=$before
	tmux_ kill-server
	deadline=$((SECONDS + 5))
	while alive "$pid" && [ $SECONDS -lt $deadline ]; do
		now=$(cpu_ticks "$pid")
		[ -z "$now" ] || last=$now
		sleep 0.05
	done
	if alive "$pid"; then
		last=$(cpu_ticks "$pid")
		fail "smreg (pid $pid) still runs 5 s after its terminal hung up," \
			"having used $((last - before)) ticks of CPU since"
		kill -KILL "$pid"
		return 1
	fi
	# A clean exit costs a few ticks (more under the sanitizers); a spin
	# costs a third of a core.
	[ $((last - before)) -le 30 ] ||
		fail "smreg used $((last - before)) ticks of CPU after the hangup"
}

# The register is whole and closed: no write-ahead log left behind.
expect_register_closed() {
	[ ! -s "$DB-wal" ] || fail "the register was left open: $DB-wal remains"
	expect_sql "PRAGMA integrity_check" "ok"
}

# hangup_status STATUS: what the pane's shell saw smreg exit with.
hangup_status() {
	local deadline=$((SECONDS + TUI_TIMEOUT))
	while [ ! -s "$TEST_ROOT/tui-exit" ] && [ $SECONDS -lt $deadline ]; do
		sleep 0.05
	done
	[ "$(cat "$TEST_ROOT/tui-exit" 2>/dev/null)" = "$1" ] ||
		fail "smreg exited $(cat "$TEST_ROOT/tui-exit" 2>/dev/null), not $1" \
			"$(cat "$TEST_ROOT/tui-stderr")"
	tui_check_stderr
}

if [ -n "$HUP_USER" ]; then
	test_a_hangup_under_runuser_closes_the_register_and_exits() {
		shared_register
		hup_start runuser
		tui_wait_for "Due-review warnings"
		expect_screen "$HUP_USER (admin)"
		hang_up
		hangup_status 129
		expect_register_closed
	}

	test_a_hangup_under_runuser_with_a_form_half_typed_saves_nothing() {
		shared_register
		hup_start runuser
		new_channel_form
		tui_type tiktok
		tui_keys Tab
		tui_type StMarysPE
		tui_wait_for "StMarysPE"
		snapshot
		hang_up
		hangup_status 129
		expect_register_closed
		expect_unchanged
		expect_sql "SELECT count(*) FROM channel" 0
	}
else
	skip test_the_runuser_hangups "only root may add the login they run as"
fi

test_a_hangup_without_a_signal_closes_the_register_and_exits() {
	fresh_register
	hup_start child
	new_channel_form
	tui_type tiktok
	tui_wait_for "tiktok"
	snapshot
	hang_up
	hangup_status 129
	expect_register_closed
	expect_unchanged
}

test_a_hangup_with_sighup_closes_the_register_and_exits() {
	fresh_register
	hup_start leader
	tui_wait_for "Due-review warnings"
	hang_up
	expect_register_closed
	tui_check_stderr
}

test_sighup_alone_ends_the_ui_with_129() {
	fresh_register
	tui_start
	tui_wait_for "Due-review warnings"
	kill -HUP "$(tui_pid)"
	tui_wait_exit 129
	tmux_ kill-server 2>/dev/null
	expect_register_closed
}

run_tests
