# A policy's dates as the policies print them (issue 13.5), through the
# terminal UI: a month typed in the form, shown in the list, the dashboard
# and the review calendar; an undated policy's own warning.
. "$(dirname "$0")/tmux.sh"

# "Date: October 2025" typed as printed; "Date:" left blank.
test_a_month_in_the_form_list_dashboard_and_calendar() {
	fresh_register
	add policy title="Anti-bullying policy" next_review_on=2026-10-15 >/dev/null
	add policy title="Complaints procedure" >/dev/null
	tui_start
	tui_wait_for "Complaints procedure: no approval date"
	open_register Policies "Policies: 2 current"
	tui_keys n
	tui_wait_for "new policy"
	tui_type "Social media policy"
	tui_keys Tab Tab Tab Tab Tab Tab Tab
	tui_type "Oct 2025"
	# The form says what it understood: the month, not a day.
	tui_wait_for "October 2025"
	expect_no_screen "is not a date"
	tui_keys C-s
	tui_wait_for "Saved the policy."
	expect_sql "SELECT approved_on || ' ' || next_review_on FROM policy WHERE title = 'Social media policy'" \
		"2025-10 2026-10"
	expect_screen "Oct 2025   Oct 2026"
	tui_keys q
	tui_wait_for "Social media policy: review overdue: due in October 2026"
	# The calendar at the smallest size: the month, and the undated one.
	tui_resize 60 15
	tui_keys V
	tui_wait_for "policy review calendar"
	expect_screen "Oct 2026"
	tui_wait_for "undated"
	tui_quit
}

run_tests
