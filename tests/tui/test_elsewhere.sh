# What another person's smreg writes shows on the dashboard without a key
# pressed: the warnings, the counts, within a quarter of a second's look
# (PRAGMA data_version, smreg_changed_elsewhere).
. "$(dirname "$0")/tmux.sh"

test_dashboard_follows_writes_by_another_process() {
	fresh_register
	add policy title="Social media policy" version=1 next_review_on=2027-09-01 >/dev/null
	tui_start
	tui_wait_for "Due-review warnings"
	expect_screen "Policies               1"
	expect_no_screen "Anti-bullying policy"
	# Another connection, as another person's smreg would be.
	"$SMREG" add policy title="Anti-bullying policy" version=1 next_review_on=2020-01-01 \
		>/dev/null || fail "could not add the policy"
	tui_wait_for "Anti-bullying policy"
	expect_screen "Policies               2"
	# And again: the first change did not end the watching.
	"$SMREG" add policy title="Online safety policy" version=1 next_review_on=2020-02-01 \
		>/dev/null || fail "could not add the policy"
	tui_wait_for "Online safety policy"
	expect_screen "Policies               3"
	tui_quit
}

run_tests
