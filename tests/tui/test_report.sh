# The governors' report in the terminal UI (issue 14.1): T shows it, w
# writes it as HTML to a file that is not there already; for a governor,
# at 80x24 and at the smallest size, 60x15.
. "$(dirname "$0")/tmux.sh"

report_register() {
	fresh_register
	add person "name=Gareth Jones" kind=governor >/dev/null
	add_user gov governor "Gareth Jones"
	add_user staff staff
	add policy "title=Zebra policy" next_review_on=2026-01-10 >/dev/null
	add pupil "name=Zoë Secret" year_group=3 >/dev/null
}

test_a_governor_sees_the_report_and_writes_it() {
	report_register
	tui_start --as gov
	tui_wait_for "Due-review warnings"
	tui_keys T
	tui_wait_for "Governors' report: Test School"
	tui_wait_for "w:write HTML"
	expect_screen "1. Policies"
	expect_screen "Zebra policy"
	expect_no_screen "Zoë"
	tui_keys End
	tui_wait_for "Audit seal"
	local file="$TEST_ROOT/governors.html"
	tui_keys w
	tui_wait_for "Write the report as HTML to:"
	tui_keys C-u
	tui_type "$file"
	tui_keys Enter
	tui_wait_for "Wrote $TEST_ROOT"
	[ -s "$file" ] || fail "no file written"
	grep -q "<h2 id=\"policies\">Policies</h2>" "$file" || fail "the file is not the HTML report"
	! grep -q "Zoë" "$file" || fail "the file names a pupil"
	# Never over a file already there.
	tui_keys w
	tui_wait_for "Write the report as HTML to:"
	tui_keys C-u
	tui_type "$file"
	tui_keys Enter
	tui_wait_for "already exists"
	tui_keys q
	tui_wait_for "Due-review warnings"
	tui_keys q
	tui_wait_exit 0
	tmux_ kill-server 2>/dev/null
}

test_the_report_fits_the_smallest_screen() {
	report_register
	tui_start --as gov --size 60x15
	tui_wait_for "Due-review warnings"
	tui_keys T
	tui_wait_for "w:write HTML"
	expect_screen "Governors' report"
	tui_keys Right
	tui_keys PageDown
	tui_wait_gone "1. Policies"
	tui_resize 80 24
	tui_wait_for "w:write HTML"
	tui_keys q
	tui_wait_for "Due-review warnings"
	tui_keys q
	tui_wait_exit 0
	tmux_ kill-server 2>/dev/null
}

test_staff_are_not_offered_the_report() {
	report_register
	tui_start --as staff
	tui_wait_for "Due-review warnings"
	tui_keys T
	tui_keys '?'
	tui_wait_for "Keys of every screen"
	expect_no_screen "governors' termly report"
	expect_no_screen "w:write HTML"
	tui_keys q
	tui_wait_for "Due-review warnings"
	tui_keys q
	tui_wait_exit 0
	tmux_ kill-server 2>/dev/null
}

run_tests
