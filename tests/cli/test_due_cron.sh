# smreg due the cron way (issue 14.3): --quiet prints nothing when nothing
# is due, so cron's MAILTO mails only when there is something to do;
# --counts prints how many of each warning and no names, safe to e-mail.
. "$(dirname "$0")/../lib.sh"

# One register made once, copied for each test: a policy overdue, two
# pupils without consent, a channel without two-factor sign-in.
BASE="$TEST_ROOT/base.db"
(
	export SMREG_DB="$BASE"
	"$SMREG" init --school "Test School" >/dev/null 2>&1 || exit 1
	"$SMREG" add policy title="Zebra crossing policy" next_review_on=2026-01-31 >/dev/null &&
	"$SMREG" add pupil name="Amy Able" year_group=3 >/dev/null &&
	"$SMREG" add pupil name="Ben Brown" year_group=4 >/dev/null
) || bail_out "could not make the test register"

copy_register() {
	DB="$TEST_ROOT/copy-$BASHPID.db"
	cp "$BASE" "$DB"
	export SMREG_DB="$DB"
}

test_quiet_prints_nothing_and_exits_0_when_nothing_is_due() {
	fresh_register
	run due --quiet
	expect_status 0
	[ -z "$OUT" ] || fail "expected no output" "stdout: $OUT"
	expect_no_err
	# Without --quiet, a person is told so.
	run due
	expect_out "Nothing is due."
}

test_quiet_prints_the_list_when_something_is_due() {
	copy_register
	run due --quiet
	expect_status 1
	expect_out "POLICY_OVERDUE"
	expect_out "Zebra crossing policy"
}

test_counts_give_each_warning_and_no_name() {
	copy_register
	run due --counts
	expect_status 1
	expect_out "POLICY_OVERDUE"
	[[ "$OUT" =~ NO_CONSENT\ +2 ]] || fail "expected two pupils without consent" "stdout: $OUT"
	[[ "$OUT" =~ POLICY_OVERDUE\ +1 ]] || fail "expected one policy overdue" "stdout: $OUT"
	expect_no_out "Zebra"
	expect_no_out "Amy"
	expect_no_out "Test School"
	run due --counts --format csv
	expect_out "severity,code,count"
	expect_out "info,NO_CONSENT,2"
	expect_no_out "Amy"
}

test_quiet_counts_is_silent_when_nothing_is_due() {
	fresh_register
	run due --quiet --counts
	expect_status 0
	[ -z "$OUT" ] || fail "expected no output" "stdout: $OUT"
	run due --counts
	expect_out "Nothing is due."
}

test_help_and_manual_give_a_crontab_line() {
	run help due
	expect_out "--quiet"
	expect_out "--counts"
	expect_out "0 7 * * 1  smreg due --quiet --counts"
	grep -qF 'smreg due \-\-quiet \-\-counts' "$SOURCE_DIR/man/smreg.1" ||
		fail "the manual gives no crontab line"
	grep -q 'smreg due --quiet --counts' "$SOURCE_DIR/README.md" || fail "README gives no crontab line"
}

SOURCE_DIR=$(cd "$(dirname "$0")/../.." && pwd)
run_tests
