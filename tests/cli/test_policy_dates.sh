# A policy's dates as the policies print them (issue 13.5): "Date: October
# 2025", "September 2020 Review: September 2022", or a "Date:" left blank.
. "$(dirname "$0")/../lib.sh"

BASE="$TEST_ROOT/base.db"

# One policy dated by its month, one by its day; today is 21/11/2026.
build_base() {
	fresh_register
	add policy title="Social media policy" approved_on="October 2025" >/dev/null
	add policy title="Anti-bullying policy" next_review_on=2026-10-15 >/dev/null
	cp "$DB" "$BASE"
}

base() {
	DB="$TEST_ROOT/register-$BASHPID.db"
	cp "$BASE" "$DB"
	export SMREG_DB="$DB"
}

# due_on DAY: smreg due as on DAY.
due_on() {
	SMREG_TODAY=$1 run due
}

# has_line REGEX: a line of what smreg printed matches REGEX.
has_line() {
	grep -Eq "$1" <<<"$OUT"
}

# "Date: October 2025": a month is typed as the policy prints it, kept as a
# month, and its next review worked out in months.
test_a_month_is_kept_as_a_month() {
	base
	expect_sql "SELECT approved_on || ' ' || next_review_on FROM policy WHERE title = 'Social media policy'" \
		"2025-10 2026-10"
	add policy title="Online safety policy" approved_on="Sept 2020" next_review_on="09/2022" >/dev/null
	add policy title="Behaviour policy" approved_on=2024-03 cycle_months=24 >/dev/null
	add policy title="Attendance policy" approved_on="oct 2025" >/dev/null
	expect_sql "SELECT group_concat(title || ' ' || approved_on || ' ' || next_review_on, '|') FROM
		    (SELECT * FROM policy WHERE title IN ('Online safety policy', 'Behaviour policy',
		     'Attendance policy') ORDER BY title)" \
		"Attendance policy 2025-10 2026-10|Behaviour policy 2024-03 2026-03|Online safety policy 2020-09 2022-09"
	# Shown as a month where a day would be; sorted before the days of
	# its month.
	run_ok list policy
	expect_out "Oct 2025"
	expect_out "Oct 2026"
	[[ "$OUT" == *"Social media policy"*"Anti-bullying policy"* ]] ||
		fail "October 2026 is listed after 15/10/2026" "$OUT"
	# CSV and JSON keep it as stored.
	run_ok export policy --format csv
	expect_out ",2025-10,2026-10,"
}

# Bad input names the field and leaves the register as it was.
test_a_month_that_is_not_one_is_refused() {
	base
	snapshot
	run add policy title="Privacy notice" approved_on="Octember 2025"
	expect_refused 3 approved_on "is not a date or a month"
	expect_err "October 2025"
	run add policy title="Privacy notice" next_review_on=13/2026
	expect_refused 3 next_review_on
	# A day that does not exist keeps its own reason.
	run add policy title="Privacy notice" approved_on=31/02/2025
	expect_refused 3 approved_on "February 2025 has 28 days"
	# Days elsewhere stay days.
	run add review policy="Social media policy" reviewed_on="October 2026"
	expect_refused 3 reviewed_on
	expect_unchanged
	# The schema refuses a month that is not one, whoever writes.
	sqlite3 -batch "$DB" "UPDATE policy SET approved_on = '2025-13'" 2>/dev/null &&
		fail "the schema took month 13"
	expect_unchanged
}

# "Date:" left blank: the policy is entered, says "no approval date", and
# is not made to look overdue by an invented day.
test_an_undated_policy_warns_no_approval_date() {
	base
	add policy title="Complaints procedure" >/dev/null
	add policy title="Draft policy" status=draft >/dev/null
	expect_sql "SELECT count(*) FROM policy WHERE title = 'Complaints procedure'
		    AND approved_on IS NULL AND next_review_on IS NULL" 1
	run due
	expect_out "POLICY_UNDATED"
	has_line "^due +POLICY_UNDATED .*Complaints procedure +no approval date" ||
		fail "the undated policy is not warned about" "$OUT"
	expect_no_out "Draft policy"
	has_line "POLICY_(OVERDUE|DUE) .*Complaints" && fail "an undated policy looks due" "$OUT"
	run due --format json
	expect_out '"code": "POLICY_UNDATED"'
	# A month will do, and the warning goes.
	run_ok set policy "Complaints procedure" approved_on="May 2026"
	run due
	expect_no_out "POLICY_UNDATED"
	expect_sql "SELECT next_review_on FROM policy WHERE title = 'Complaints procedure'" ""
	run_ok show policy "Complaints procedure"
	expect_out "May 2026"
}

# The next review "October 2026" is due policy_warn_days (60) before the
# month starts and overdue only once it is over.
test_a_month_review_is_due_from_the_start_of_the_month() {
	base
	due_on 2026-08-01
	expect_no_out "Social media policy"
	due_on 2026-08-02
	has_line "^due +POLICY_DUE +Oct 2026 .*Social media policy +review due in October 2026" ||
		fail "not due 60 days before October" "$OUT"
	due_on 2026-10-31
	has_line "^due +POLICY_DUE .*Social media policy" || fail "overdue within its month" "$OUT"
	# The day-dated policy is overdue the day after.
	has_line "^overdue +POLICY_OVERDUE .*Anti-bullying" || fail "a day is not kept" "$OUT"
	due_on 2026-11-01
	has_line "^overdue +POLICY_OVERDUE .*Social media policy +review overdue: due in October 2026" ||
		fail "not overdue once October is over" "$OUT"
}

# An import reads months as typed; the governors' report and the calendar
# show them.
test_months_import_and_show_in_reports() {
	base
	printf 'title,approved_on,next_review_on\n"Data protection policy",October 2025,\n"Equality objectives",,\n' \
		>"$TEST_ROOT/policies.csv"
	run_ok import policy "$TEST_ROOT/policies.csv"
	expect_sql "SELECT group_concat(title || '=' || coalesce(approved_on, '-') || '/' ||
		    coalesce(next_review_on, '-'), '|') FROM (SELECT * FROM policy
		    WHERE title IN ('Data protection policy', 'Equality objectives') ORDER BY title)" \
		"Data protection policy=2025-10/2026-10|Equality objectives=-/-"
	run_ok report --format text
	expect_out "October 2025"
	expect_out "October 2026 (overdue)"
	expect_out "undated"
	run_ok calendar --format ics
	[[ "$OUT" == *"DTSTART;VALUE=DATE:20261001"*"SUMMARY:Policy review: Data protection policy"* ]] ||
		fail "the month's review is not on its first day" "$OUT"
}

build_base
run_tests
