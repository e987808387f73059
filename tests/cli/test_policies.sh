# What the schools' policies require (issue 13), through the command line:
# each rule quoted in the manual's DUE-REVIEW WARNINGS or can-post, on a
# small school built once and copied for each test.
. "$(dirname "$0")/../lib.sh"

BASE="$TEST_ROOT/base.db"

# The school: a head, a teacher, a governor, a volunteer; a channel with
# its master administrator; two policies, one of them to be read.
build_base() {
	fresh_register
	add person name="Hana Head" job_title="Head teacher" started_on=2015-09-01 >/dev/null
	add person name="Tom Teacher" started_on=2020-09-01 >/dev/null
	add person name="Gus Governor" kind=governor >/dev/null
	add person name="Val Volunteer" kind=volunteer >/dev/null
	add channel platform=facebook account=school opened_on=2025-01-06 >/dev/null
	add authorisation person="Hana Head" channel=facebook:school kind=master_admin \
		authorised_by="Hana Head" granted_on=2025-01-06 >/dev/null
	add policy title="Social media policy" version=3 next_review_on=2027-09-01 \
		must_read="staff;governor" >/dev/null
	add policy title="Anti-bullying policy" next_review_on=2027-09-01 >/dev/null
	add pupil name="Amy Able" >/dev/null
	add consent pupil="Amy Able" given_by="Ann Able" received_on=2025-09-01 \
		uses="social_media;name_with_photo" >/dev/null
	cp "$DB" "$BASE"
}

# A copy of the base register for one test.
base() {
	DB="$TEST_ROOT/register-$BASHPID.db"
	cp "$BASE" "$DB"
	export SMREG_DB="$DB"
}

# due_line WHO CODE: the line of smreg due about WHO with CODE, if any.
due_line() {
	run due
	grep -E "^[a-z]+ +$2 .* $1 " <<<"$OUT"
}

# "Audience: All staff, including governors, volunteers, and those with
# access to official accounts."
test_training_for_every_kind_the_setting_names() {
	base
	due_line "Gus Governor" TRAINING_DUE && fail "a governor needs no refresher until the setting says so"
	run_ok set training_need annual_refresher kinds="staff;governor"
	due_line "Gus Governor" TRAINING_DUE | grep -q "no annual refresher" ||
		fail "the governor's refresher is not due" "$OUT"
	# Bad input names the field and leaves the register as it was.
	snapshot
	run set training_need annual_refresher kinds="staff;pupils"
	expect_refused 3
	expect_err "kinds"
	expect_err "\"pupils\" is not staff, governor, volunteer or contractor"
	run add training_need training=cpd kinds=staff
	expect_refused 3
	expect_unchanged
	# A volunteer who holds an authorisation on a channel needs it too.
	due_line "Val Volunteer" TRAINING_DUE && fail "a volunteer without access needs no training"
	add authorisation person="Val Volunteer" channel=facebook:school kind=poster \
		authorised_by="Hana Head" granted_on=2026-10-01 >/dev/null
	due_line "Val Volunteer" TRAINING_DUE | grep -q "no induction recorded" ||
		fail "the posting volunteer's induction is not due" "$OUT"
}

# "Teachers and support staff will update themselves by reading and
# discussing the Social Media Policy annually."
test_reading_this_policy_in_its_version() {
	base
	add training person="Tom Teacher" kind=policy_read policy="Anti-bullying policy" \
		completed_on=2026-09-10 >/dev/null
	due_line "Tom Teacher" POLICY_UNREAD | grep -q "has not read Social media policy (version 3)" ||
		fail "reading another policy silenced the warning" "$OUT"
	due_line "Gus Governor" POLICY_UNREAD >/dev/null || fail "the governor must read it too" "$OUT"
	due_line "Val Volunteer" POLICY_UNREAD && fail "volunteers are not named"
	add training person="Tom Teacher" kind=policy_read policy="Social media policy" version=3 \
		completed_on=2026-09-10 >/dev/null
	due_line "Tom Teacher" POLICY_UNREAD && fail "reading version 3 did not count" "$OUT"
	# A new version asks again.
	run_ok set policy "Social media policy" version=4 approved_on=2026-11-01
	due_line "Tom Teacher" POLICY_UNREAD | grep -q "older version of Social media policy; version 4 is new" ||
		fail "version 4 did not ask again" "$OUT"
	run_ok help policy
	expect_out "must_read"
}

# "Staff must not identify by name any children featured in photographs."
test_never_name_per_school_or_channel() {
	base
	run_ok can-post "Amy Able" --channel facebook:school --named
	expect_out "YES: you may post"
	run_ok set channel facebook:school never_name=yes
	run can-post "Amy Able" --channel facebook:school --named
	expect_status 1
	expect_out "no  facebook:school: names are never given beside photos on this channel"
	run_ok can-post "Amy Able" --channel facebook:school
	run_ok set channel facebook:school never_name=no
	run_ok set school "Test School" never_name=yes
	run can-post "Amy Able" --channel facebook:school --named
	expect_status 1
	expect_out "no  Test School: the school never names children beside photos"
	snapshot
	run set school "Test School" never_name=sometimes
	expect_refused 3
	expect_err "never_name"
	expect_unchanged
}

# Warn before the day: a recorded revocation that will leave the channel
# with no master administrator; and fewer than two who can get in.
test_channel_access_warned_before_the_day() {
	base
	due_line facebook:school FEW_WHO_CAN_GET_IN | grep -q "only one person can get in" ||
		fail "one master alone is not warned" "$OUT"
	add authorisation person="Tom Teacher" channel=facebook:school kind=admin \
		authorised_by="Hana Head" granted_on=2025-01-06 >/dev/null
	due_line facebook:school FEW_WHO_CAN_GET_IN && fail "two who can get in are enough"
	run_ok set authorisation "Hana Head master admin on facebook:school" revoked_on=2026-12-15
	due_line facebook:school CHANNEL_LOSES_MASTER | grep -q "15/12/2026" ||
		fail "the revocation to come is not warned" "$OUT"
	SMREG_TODAY=2026-11-14 run due
	grep -q CHANNEL_LOSES_MASTER <<<"$OUT" && fail "warned more than auth_warn_days ahead" "$OUT"
	run_ok help due
	expect_out "CHANNEL_LOSES_MASTER"
	expect_out "FEW_WHO_CAN_GET_IN"
}

# The demonstration shows every warning these rules raise.
test_the_demo_shows_every_new_warning() {
	local code
	run --db "$TEST_ROOT/demo-$BASHPID.db" demo
	expect_status 0
	run --db "$TEST_ROOT/demo-$BASHPID.db" due
	for code in POLICY_UNREAD CHANNEL_LOSES_MASTER FEW_WHO_CAN_GET_IN POLICY_UNDATED; do
		grep -q " $code " <<<"$OUT" || fail "the demo shows no $code"
	done
}

build_base
run_tests
