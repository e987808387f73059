# Concerns about a member of staff are kept until their normal pension age
# or for 10 years after closing, whichever is longer (IRMS), not by the
# pupils' 25 years; their date of birth is on the report
# (concerns_born_on); without it a report is never due, and smreg
# retention says why.  Each row only to those who may read the report.
. "$(dirname "$0")/../lib.sh"

# Built once and copied for each case: the DSL Dee, and closed concerns
# about Old Oscar (born 1950: due at 67, in 2017), Young Yara (born 1980,
# reported in 2001: the pupils' rule would have made it due in 2026), Late
# Lee (born 1900, closed 2015: due 10 years on, in 2025), Uma Undated (no
# date of birth) and Dan Deputy, a second DSL (born 1950).
TEMPLATE=""
template() {
	fresh_register
	add person name="Dee Dsl" >/dev/null
	add_user dsl dsl "Dee Dsl"
	add person name="Dan Deputy" >/dev/null
	add_user dan dsl "Dan Deputy"
	concern "Old Oscar" 1950-01-01 2000-01-01 2000-02-01
	concern "Young Yara" 1980-06-01 2001-01-10 2001-03-01
	concern "Late Lee" 1900-01-01 2015-05-01 2015-06-01
	concern "Uma Undated" "" 1990-01-01 1990-02-01
	concern "Dan Deputy" 1950-01-01 2000-01-01 2000-02-01
	TEMPLATE=$DB
}

# concern NAME BORN REPORTED CLOSED: a closed report about a member of staff.
concern() {
	local id born=()
	[ -n "$2" ] && born=("concerns_born_on=$2")
	sql "SELECT 1 FROM person WHERE name = '$1'" | grep -q 1 || add person name="$1" >/dev/null
	id=$(add_as dsl contact reported_on="$3" reported_by="Dee Dsl" concerns="$1" "${born[@]}" \
		platform=facebook category=other summary="A concern about $1")
	capture "$SMREG_AS" dsl close contact "$id" --on "$4" --note "Dealt with"
	[ "$STATUS" -eq 0 ] || fail "could not close the report about $1" "$ERR"
}

copy_register() {
	DB="$TEST_ROOT/case-$RANDOM.db"
	(umask 077 && sqlite3 "$TEMPLATE" ".backup '$DB'")
	export SMREG_DB="$DB"
}

RULE="retention_staff_concern_years: the later of state_pension_age (67) from their date of birth and 10 years from closing"

test_a_concern_about_staff_is_kept_to_pension_age_or_ten_years() {
	copy_register
	run_as dsl retention --format csv
	expect_status 0
	expect_out "contact,2017-01-01,staff: Old Oscar,$RULE"
	expect_out "contact,2025-06-01,staff: Late Lee,$RULE"
	expect_no_out "Young Yara"
	expect_no_out "Uma Undated"
	# The setting moves it: a pension age of 68.
	run set setting state_pension_age value=68
	expect_status 0
	run_as dsl retention --format csv
	expect_out "contact,2018-01-01,staff: Old Oscar,"
}

test_without_a_date_of_birth_it_is_never_due_and_retention_says_why() {
	copy_register
	run_as dsl retention
	expect_status 0
	expect_out "Kept: 1 contact record: a concern about a member of staff without their date of birth (concerns_born_on) is never due: it is kept until their pension age or for 10 years, whichever is longer."
	# Beside CSV or JSON the line goes to stderr: stdout holds the rows.
	run_as dsl retention --format json
	expect_status 0
	expect_err "Kept: 1 contact record: a concern about a member of staff"
	expect_no_out "Kept:"
	run_as dsl due --format csv
	expect_no_out "staff: Uma Undated"
	# Given the date of birth, it falls under the rule.
	id=$(sql "SELECT c.id FROM contact AS c JOIN person AS p ON p.id = c.concerns
		WHERE p.name = 'Uma Undated'")
	run_as dsl set contact "$id" concerns_born_on=1940-01-01 --reason "Date of birth from HR"
	expect_status 0
	run_as dsl retention
	expect_no_out "Kept:"
	expect_out "staff: Uma Undated"
}

test_each_sees_only_the_reports_they_may_read() {
	copy_register
	# Dan, a DSL, never sees the concern about himself, nor counts it.
	run_as dan retention --format csv
	expect_status 0
	expect_out "Old Oscar"
	expect_no_out "Dan Deputy"
	run_as dan due --format csv
	expect_out "RETENTION_DUE,2017-01-01,Test School,staff: Old Oscar"
	expect_no_out "staff: Dan Deputy"
	run_as dsl retention --format csv
	expect_out "staff: Dan Deputy"
	# The admin reads no contact report: nothing listed, nothing counted.
	run retention
	expect_no_out "staff:"
	expect_no_out "Kept:"
}

test_a_date_of_birth_belongs_only_to_a_report_about_staff() {
	copy_register
	add pupil name="Pia Pupil" >/dev/null
	snapshot
	run_as dsl add contact reported_on=2026-11-01 reported_by="Dee Dsl" pupil="Pia Pupil" \
		concerns_born_on=1980-01-01 platform=facebook category=other summary="Hello"
	expect_refused 3 concerns_born_on "only a report about a member of staff has their date of birth"
	expect_unchanged
}

template
run_tests
