# Two people on one record: a save over a change made since the form was
# opened is caught, and the user chooses to reload or to overwrite.
. "$(dirname "$0")/tmux.sh"

open_channel_form() {
	tui_start
	open_register Channels "StMarys"
	tui_keys e
	tui_wait_for "change channel facebook:StMarys"
}

test_a_stale_save_is_caught_and_reload_shows_the_other_change() {
	fresh_register
	add channel platform=facebook account=StMarys opened_on=1/9/2020 "purpose=news" >/dev/null
	open_channel_form
	run set channel facebook:StMarys "purpose=term dates only"
	expect_status 0
	tui_keys Tab Tab Tab Tab
	tui_type "celebrations"
	tui_keys C-s
	tui_wait_for "was changed by $LOGIN"
	expect_screen "r: reload it"
	tui_keys r
	tui_wait_for "Reloaded"
	tui_wait_for "term dates only"
	expect_sql "SELECT purpose FROM channel" "term dates only"
	tui_keys Escape
	tui_quit
}

test_a_stale_save_can_overwrite_when_the_user_says_so() {
	fresh_register
	add channel platform=facebook account=StMarys opened_on=1/9/2020 "purpose=news" >/dev/null
	open_channel_form
	run set channel facebook:StMarys "purpose=term dates only"
	tui_keys Tab Tab Tab Tab
	tui_type "celebrations"
	tui_keys C-s
	tui_wait_for "was changed by $LOGIN"
	expect_sql "SELECT purpose FROM channel" "term dates only"
	tui_keys o
	tui_wait_for "Saved the channel."
	expect_sql "SELECT purpose FROM channel" "celebrations"
	# Both changes are in the audit trail: nothing was lost silently.
	expect_sql "SELECT count(*) FROM audit WHERE register = 'channel' AND action = 'update'" 2
	tui_quit
}

run_tests
