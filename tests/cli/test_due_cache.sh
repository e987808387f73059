# smreg due reads the due views' rows stored in the register (schema 020)
# and is never stale: after another smreg's write, a write by the sqlite3
# command, a changed setting, another day, and a purge, whose records'
# text must not stay behind in the stored rows.
. "$(dirname "$0")/../lib.sh"

# One register, built once and copied for each case: a policy due for
# review in 70 days, and the retention case of test_retention.sh (a
# closed report from 2005 about a pupil born in 1990).
TEMPLATE=""
template() {
	fresh_register
	add person name="Dee Dsl" >/dev/null
	add_user dsl dsl "Dee Dsl"
	add policy title="Whistleblowing policy" next_review_on=2027-01-30 >/dev/null
	add pupil name="Quentin Xylograph" date_of_birth=1990-03-04 left_on=2008-07-20 >/dev/null
	REPORT=$(add_as dsl contact reported_on=2005-05-05 reported_by="Dee Dsl" \
		pupil="Quentin Xylograph" platform=snapchat category=pupil_contact \
		summary="Secretword Zanzibarine said hello")
	capture "$SMREG_AS" dsl close contact "$REPORT" --note "No further action"
	[ "$STATUS" -eq 0 ] || fail "could not close the report" "$ERR"
	TEMPLATE=$DB
}

copy_register() {
	DB="$TEST_ROOT/case-$RANDOM.db"
	(umask 077 && sqlite3 "$TEMPLATE" ".backup '$DB'")
	export SMREG_DB="$DB"
}

# smreg due once, so that its rows are stored and current.
stored() {
	run due
	expect_sql "SELECT count(*) FROM due_cache_key" 1
	[ "$(sql "SELECT count(*) FROM due_cache")" -gt 0 ] || fail "smreg due stored no rows"
}

test_a_write_by_another_smreg_shows_at_once() {
	copy_register
	stored
	expect_no_out "Anti-bullying policy"
	"$SMREG" add policy title="Anti-bullying policy" next_review_on=2020-01-01 >/dev/null ||
		fail "could not add the policy"
	run due
	expect_out "POLICY_OVERDUE"
	expect_out "Anti-bullying policy"
}

# The statutory pack's tables leave no audit row; the sqlite3 command can write them.
test_a_write_by_the_sqlite3_command_shows_at_once() {
	copy_register
	stored
	expect_no_out "POLICY_MISSING"
	sqlite3 "$DB" "INSERT INTO statutory_policy (code, pack, title, titles, cycle_months, place)
		VALUES ('online_safety', 'maintained', 'Online safety', 'Online safety', 12, 1)" ||
		fail "sqlite3 could not write"
	run due
	expect_out "POLICY_MISSING"
	expect_out "Online safety"
}

test_a_changed_setting_shows_at_once() {
	copy_register
	stored
	expect_no_out "Whistleblowing policy"
	run_ok set setting policy_warn_days value=90
	run due
	expect_out "POLICY_DUE"
	expect_out "Whistleblowing policy"
}

test_another_day_shows_its_own_warnings() {
	copy_register
	stored
	expect_no_out "Whistleblowing policy"
	SMREG_TODAY=2027-02-02 run due
	expect_out "POLICY_OVERDUE"
	expect_out "Whistleblowing policy"
	# And the first day again: its own rows, not the other day's.
	run due
	expect_no_out "Whistleblowing policy"
}

# What a purge removes leaves the stored rows at once, and the file.
test_a_purge_leaves_nothing_behind_in_the_stored_rows() {
	copy_register
	unset SMREG_TODAY
	run_as dsl due
	expect_out "RETENTION_DUE"
	[ "$(sql "SELECT count(*) FROM due_cache WHERE record_id = '$REPORT'")" -gt 0 ] ||
		fail "the report is not among the stored rows to begin with"
	run_as dsl purge --confirm 2
	expect_status 0
	expect_sql "SELECT count(*) FROM due_cache WHERE record_id = '$REPORT'" 0
	if cat "$DB" "$DB-wal" 2>/dev/null | grep -a -q Zanzibarine; then
		fail "the purged report's text is still in the database file or its WAL"
	fi
	run_as dsl due
	expect_no_out "$REPORT"
	expect_sql "SELECT count(*) FROM due_cache WHERE record_id = '$REPORT'" 0
}

template
run_tests
