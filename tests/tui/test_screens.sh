# Screens that behave as people expect (issue 12): what a form does with
# typing, what "may I post?" shows, what messages say, and that every
# screen fits at 80x24 and at 60x15.
. "$(dirname "$0")/tmux.sh"

# leave_form_and_quit: discard the form on screen, then quit.
leave_form_and_quit() {
	tui_keys Escape
	tui_wait_for "Discard what you typed"
	tui_keys y
	tui_wait_gone "Discard what you typed"
	tui_quit
}

test_typing_into_a_prefilled_first_field_replaces_it() {
	fresh_register
	tui_start
	open_register Schools "Schools: 1 current"
	tui_keys e
	tui_wait_for "change school"
	tui_type "St Mary's"
	tui_wait_for "St Mary's"
	expect_no_screen "Test SchoolSt"
	tui_keys C-s
	tui_wait_for "Saved the school."
	expect_sql "SELECT name FROM school" "St Mary's"
	tui_quit
}

test_a_refusal_names_fields_by_their_labels() {
	fresh_register
	add person "name=Zoë Adams" started_on=1/9/2020 >/dev/null
	tui_start
	open_register People "People: 1 current"
	tui_keys e
	tui_wait_for "change person"
	tui_keys Tab Tab Tab Tab Tab Tab
	tui_type 1/1/2019
	tui_keys C-s
	tui_wait_for "Not saved: Left: is before Started"
	expect_no_screen "left_on"
	expect_no_screen "started_on"
	expect_sql "SELECT left_on IS NULL FROM person" "1"
	leave_form_and_quit
}

test_a_refusal_longer_than_the_screen_is_wrapped_whole_at_60x15() {
	fresh_register
	add channel platform=facebook account=StMarys opened_on=1/9/2020 >/dev/null
	tui_start --size 60x15
	open_register Channels "Channels: 1 current"
	tui_keys n
	tui_wait_for "new channel"
	tui_keys Tab
	tui_type facebook
	tui_keys Tab
	tui_type StMarys
	tui_keys C-s
	tui_wait_for "Not saved: Platform: another channel already has this"
	tui_wait_for "platform and account"
	expect_sql "SELECT count(*) FROM channel" "1"
	leave_form_and_quit
}

test_a_warning_about_the_file_shows_in_the_ui_not_on_stderr_under_it() {
	fresh_register
	chmod o+r "$DB"
	tui_start
	tui_wait_for "every user of this computer can read"
	tui_wait_for "Due-review warnings"
	grep -q "every user" "$TEST_ROOT/tui-stderr" &&
		fail "the warning went to stderr, under curses" "$(cat "$TEST_ROOT/tui-stderr")"
	# It goes with the next key, as any message does.
	tui_keys j
	tui_wait_gone "every user of this computer"
	tui_quit
}

run_tests
