# Time cannot get round a rule: SMREG_TODAY is a what-if for the warnings
# and default dates, nothing more.  Who may act, may-I-post and the latest
# date a safeguarding record may carry go by the real clock.
. "$(dirname "$0")/../lib.sh"

REAL_TODAY=$(date +%F)
LAST_YEAR=$(date -d '-1 year' +%F)
TOMORROW=$(date -d '+1 day' +%F)

# A school with its DSL and a member of staff, each a user.
# (Built once a test file, and copied for each test: register_once.)
school_with_staff() {
	register_once enter_school_with_staff
}

enter_school_with_staff() {
	fresh_register
	add person name="Dee Dsl" >/dev/null
	add person name="Sam Staff" >/dev/null
	add_user dsl dsl "Dee Dsl"
	add_user staff staff "Sam Staff"
	add pupil name="Amy Able" >/dev/null
}

test_disabled_user_stays_disabled_whatever_today_says() {
	school_with_staff
	run_ok set user staff disabled_on="$REAL_TODAY"
	for when in "$LAST_YEAR" 2026-01-01 "$REAL_TODAY"; do
		SMREG_TODAY=$when run_as staff list school
		expect_refused 4
		expect_err "staff was disabled"
		SMREG_TODAY=$when run_as staff add contact platform=x category=other summary=s \
			pupil="Amy Able"
		expect_refused 4
	done
	# Without a terminal, smreg prints the summary: refused too.
	SMREG_TODAY=$LAST_YEAR run_as staff
	expect_status 4
	expect_sql "SELECT count(*) FROM contact" 0
}

test_a_user_disabled_from_tomorrow_may_still_act_today() {
	school_with_staff
	run_ok set user staff disabled_on="$TOMORROW"
	SMREG_TODAY=$(date -d '+1 year' +%F) run_as staff list school
	expect_status 0
}

test_may_i_post_goes_by_the_real_day() {
	fresh_register
	add channel platform=facebook account=StMarys opened_on=2020-09-01 >/dev/null
	add pupil name="Amy Able" >/dev/null
	local consent
	consent=$(SMREG_TODAY=$LAST_YEAR add consent pupil="Amy Able" given_by=Mum \
		received_on="$LAST_YEAR" uses=social_media)
	SMREG_TODAY=$REAL_TODAY run_ok close consent "$consent" --on "$REAL_TODAY"
	# A what-if before the withdrawal does not bring the consent back.
	SMREG_TODAY=$LAST_YEAR run can-post "Amy Able" --channel facebook:StMarys
	expect_status 1
	expect_out "withdrawn"
	# Nor does one before a channel's closing bring the channel back.
	run_ok close channel facebook:StMarys --on "$REAL_TODAY"
	SMREG_TODAY=$LAST_YEAR run can-post "Amy Able" --channel facebook:StMarys
	expect_status 1
	expect_out "the channel was closed"
}

test_a_report_is_never_dated_after_the_real_today() {
	school_with_staff
	snapshot
	run_as dsl add contact reported_on=31/12/2199 platform=x category=other summary=s \
		pupil="Amy Able" reported_by="Sam Staff"
	expect_refused 3 reported_on "later than today"
	# A what-if in the future does not make its "today" acceptable.
	SMREG_TODAY=$(date -d '+1 month' +%F) run_as staff add contact reported_on=today \
		platform=x category=other summary=s pupil="Amy Able"
	expect_refused 3 reported_on "later than today"
	expect_unchanged
	local id
	id=$(add_as staff contact reported_on="$REAL_TODAY" platform=x category=other summary=s \
		pupil="Amy Able")
	run_as dsl set contact "$id" reported_on="$TOMORROW" --reason "typo"
	expect_refused 3 reported_on "later than today"
	expect_sql "SELECT reported_on FROM contact WHERE id = '$id'" "$REAL_TODAY"
}

test_an_action_is_never_dated_after_the_real_today() {
	school_with_staff
	local id
	id=$(add_as staff contact reported_on="$LAST_YEAR" platform=x category=other summary=s \
		pupil="Amy Able")
	snapshot
	run_as dsl add action contact="$id" acted_on="$TOMORROW" note="Spoke to Amy"
	expect_refused 3 acted_on "later than today"
	SMREG_TODAY=$(date -d '+1 year' +%F) run_as dsl add action contact="$id" acted_on=today \
		note="Spoke to Amy"
	expect_refused 3 acted_on "later than today"
	expect_unchanged
	add_as dsl action contact="$id" acted_on="$REAL_TODAY" note="Spoke to Amy" >/dev/null
	expect_sql "SELECT count(*) FROM action" 1
}

test_the_audit_keeps_the_real_time() {
	school_with_staff
	SMREG_TODAY=2001-01-01 run_ok add person name="Pat Past"
	expect_sql "SELECT substr(at, 1, 4) FROM audit ORDER BY seq DESC LIMIT 1" "${REAL_TODAY:0:4}"
}

test_warnings_and_default_dates_still_follow_the_what_if() {
	school_with_staff
	SMREG_TODAY=2030-01-15 run_ok add person name="Fay Future" started_on=today
	expect_sql "SELECT started_on FROM person WHERE name = 'Fay Future'" 2030-01-15
	add policy title="Social media policy" next_review_on=2030-02-01 >/dev/null
	SMREG_TODAY=2030-01-15 run due
	expect_out "POLICY_DUE"
}

run_tests
