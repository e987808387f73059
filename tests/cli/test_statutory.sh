# The statutory policy pack (issue 14.4): the DfE's lists for maintained
# schools and academy trusts, built in; smreg init --policies KIND and
# smreg statutory KIND add what the register does not hold; smreg due
# warns of any that goes missing.
. "$(dirname "$0")/../lib.sh"

SOURCE_DIR=$(cd "$(dirname "$0")/../.." && pwd)
PACK="$SOURCE_DIR/data/statutory-policies.tsv"

# The lines of the pack for a kind (column 2 maintained, 3 academy).
pack_count() {
	awk -F'\t' -v col="$1" '!/^#/ && $1 != "code" && $col == "yes"' "$PACK" | wc -l
}

test_the_pack_cites_its_source_and_the_date_it_was_checked() {
	grep -q '^# Source: Department for Education, "Statutory policies for schools and' "$PACK" ||
		fail "the pack names no source"
	grep -Eq '^# Checked: [0-9]{4}-[0-9]{2}-[0-9]{2}' "$PACK" || fail "the pack gives no date checked"
	# Every line has its six columns, and a cycle the guidance gives.
	local bad
	bad=$(awk -F'\t' '!/^#/ && $1 != "code" && (NF != 6 || $4 !~ /^(12|36|48|live)$/)' "$PACK")
	[ -z "$bad" ] || fail "lines of the pack that are wrong:" "$bad"
	make -s -n -C "$SOURCE_DIR" install DESTDIR=/nonexistent 2>/dev/null |
		grep -q 'data/statutory-policies.tsv /nonexistent/usr/local/share/smreg/statutory-policies.tsv' ||
		fail "make install does not install the pack"
}

test_init_policies_maintained_adds_each_as_a_draft() {
	DB="$TEST_ROOT/m.db"
	export SMREG_DB="$DB"
	run init --school "Test School" --policies maintained
	expect_status 0
	expect_out "Added $(pack_count 2) statutory policies for maintained schools"
	expect_sql "SELECT count(*) FROM policy WHERE statutory = 1 AND status = 'draft' AND next_review_on = '2026-11-21'" \
		"$(pack_count 2)"
	expect_sql "SELECT cycle_months, approver FROM policy WHERE title = 'Accessibility plan'" "36|Governing body"
	expect_sql "SELECT cycle_months FROM policy WHERE title = 'Equality information and objectives'" "48"
	expect_sql "SELECT count(*) FROM policy WHERE title = 'Teachers'' pay policy'" "1"
	# Each added policy is in the audit trail, as any other.
	expect_sql "SELECT count(*) FROM audit WHERE register = 'policy' AND action = 'insert'" "$(pack_count 2)"
	run statutory
	expect_out "Accessibility plan"
	expect_no_out "missing"
}

test_a_register_without_a_school_yet_gets_the_pack_too() {
	DB="$TEST_ROOT/n.db"
	export SMREG_DB="$DB"
	run init --policies academy
	expect_status 0
	expect_sql "SELECT count(*) FROM policy WHERE statutory = 1" "$(pack_count 3)"
	run set policy "Accessibility plan" status=retired
	run due
	expect_out "POLICY_MISSING"
}

test_academy_trusts_get_their_own_list() {
	DB="$TEST_ROOT/a.db"
	export SMREG_DB="$DB"
	run init --school "Test Academy" --policies academy
	expect_status 0
	expect_sql "SELECT count(*) FROM policy" "$(pack_count 3)"
	expect_sql "SELECT count(*) FROM policy WHERE title = 'Teachers'' pay policy'" "0"
}

test_a_policy_held_under_another_title_is_not_added_again() {
	fresh_register
	add policy title="SAFEGUARDING POLICY" next_review_on=2027-09-01 >/dev/null
	add policy title="Accessibility plan" next_review_on=2027-09-01 >/dev/null
	run statutory maintained
	expect_status 0
	expect_sql "SELECT count(*) FROM policy WHERE title LIKE '%child protection%'" "0"
	expect_sql "SELECT count(*) FROM policy" "$(pack_count 2)"
	[[ "$OUT" =~ yes\ +Accessibility\ plan ]] || fail "the accessibility plan is not shown as held" "$OUT"
}

test_dry_run_changes_nothing() {
	fresh_register
	snapshot
	run statutory academy --dry-run
	expect_status 0
	expect_out "Would add $(pack_count 3) statutory policies for academy trusts"
	expect_unchanged
}

test_a_statutory_policy_that_goes_missing_is_warned_of() {
	fresh_register
	run_ok statutory maintained
	add_user gov governor
	run set policy "Accessibility plan" status=retired
	run due
	expect_out "POLICY_MISSING"
	expect_out "Accessibility plan"
	run_as gov due
	expect_out "POLICY_MISSING"
	run_as gov statutory
	[[ "$OUT" =~ missing\ +Accessibility\ plan ]] || fail "governor not told it is missing" "$OUT"
	# Choosing again leaves the retired one for a person to bring back.
	run statutory maintained
	expect_status 0
	expect_sql "SELECT count(*) FROM policy WHERE title = 'Accessibility plan'" "1"
	expect_out "Added 0 statutory policies"
}

test_only_admins_add_the_pack() {
	fresh_register
	add_user gov governor
	snapshot
	run_as gov statutory maintained
	expect_refused 4
	expect_unchanged
}

test_a_wrong_kind_is_refused_before_anything_is_made() {
	DB="$TEST_ROOT/none.db"
	export SMREG_DB="$DB"
	run init --school "Test School" --policies primary
	expect_refused 2 --policies "maintained or academy"
	[ ! -e "$DB" ] || fail "a register was made"
	fresh_register
	run statutory free_school
	expect_refused 2
}

test_without_a_pack_nothing_is_missing() {
	fresh_register
	run statutory
	expect_out "follows no statutory policy pack"
	run due
	expect_no_out "POLICY_MISSING"
}

run_tests
