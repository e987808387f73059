# The terminal UI when the disk says no: the error is shown where the work
# was, what was typed stays, and nothing crashes.
. "$(dirname "$0")/tmux.sh"

test_a_full_disk_while_saving_a_form_shows_the_error_and_keeps_the_form() {
	fresh_register
	sqlite3 "$DB" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
	# Writes past 40 kB fail (bash counts ulimit -f in kB), as on a full
	# disk: room for the -shm file (32 kB), not for a record with a long note.
	TUI_BEFORE="ulimit -f 40; trap '' XFSZ;" tui_start
	# Taken once the warnings are up: the dashboard may store them (and
	# the registers' counts) in the register, which is not the form's doing.
	tui_wait_for "Due-review warnings"
	snapshot
	new_channel_form
	tui_type tiktok
	tui_keys Tab
	tui_type StMarysPE
	# On to the notes, the last field, and a long one pasted in.
	for i in $(seq 1 16); do tui_keys Tab; done
	tui_type "$(printf 'The account is run by the PE department. %.0s' $(seq 1 100))"
	tui_keys C-s
	# The status line, on one line whatever the register's path: the
	# message above it wraps where the path's length puts it.
	tui_wait_for "Not saved: could not write"
	expect_screen "disk I/O"
	expect_screen "new channel"
	expect_screen "StMarysPE"
	expect_unchanged
	tui_keys Escape
	tui_wait_for "Discard what you typed"
	tui_keys y
	tui_wait_for "Channels: 0 current"
	tui_quit
}

run_tests
