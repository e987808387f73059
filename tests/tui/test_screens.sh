# Screens that behave as people expect (issue 12): what a form does with
# typing, what "may I post?" shows, what messages say, and that every
# screen fits at 80x24 and at 60x15.
. "$(dirname "$0")/tmux.sh"

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

run_tests
