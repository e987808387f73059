# Text that means what it shows, in the terminal UI: the reason a change to
# a contact report asks for is checked by core, as the command line's is.
. "$(dirname "$0")/tmux.sh"

ZWSP=$'\xe2\x80\x8b'		# U+200B ZERO WIDTH SPACE

test_the_reason_prompt_refuses_blank_and_zero_width_reasons() {
	fresh_register
	add person name="Dee Lead" >/dev/null
	add person name="Sam Staff" >/dev/null
	add_user dsl dsl "Dee Lead"
	add_as dsl contact reported_by="Sam Staff" pupil_name="Li Lei" platform=x \
		category=other summary="A direct message" >/dev/null
	tui_start --as dsl
	open_register Contact "Sam Staff"
	tui_keys e
	tui_wait_for "change contact report"
	tui_keys Tab Tab Tab Tab Tab Tab
	tui_type "instagram"
	tui_keys C-s
	tui_wait_for "Why is this contact report being changed?"
	tui_type "   "
	tui_keys Enter
	tui_wait_for "Not saved: Reason: is blank"
	expect_sql "SELECT platform FROM contact" "x"
	tui_keys C-s
	tui_wait_for "Why is this contact report being changed?"
	tui_type " $ZWSP "
	tui_keys Enter
	tui_wait_for "Not saved: Reason: is blank"
	expect_sql "SELECT platform FROM contact" "x"
	expect_sql "SELECT count(*) FROM audit WHERE register = 'contact' AND action = 'update'" 0
	# A reason in words saves, kept trimmed.
	tui_keys C-s
	tui_wait_for "Why is this contact report being changed?"
	tui_type "  It was Instagram  "
	tui_keys Enter
	tui_wait_for "Saved the contact report."
	expect_sql "SELECT platform FROM contact" "instagram"
	expect_sql "SELECT reason FROM audit WHERE register = 'contact' AND action = 'update'" \
		"It was Instagram"
	tui_quit
}

run_tests
