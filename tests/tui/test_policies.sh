# What the schools' policies require (issue 13), through the terminal UI:
# the setting of who needs training, the must-read policy, and the
# answers and warnings that follow.
. "$(dirname "$0")/tmux.sh"

BASE="$TEST_ROOT/base.db"

build_base() {
	fresh_register
	add person name="Hana Head" job_title="Head teacher" started_on=2015-09-01 >/dev/null
	add person name="Gus Governor" kind=governor >/dev/null
	add policy title="Social media policy" version=3 next_review_on=2027-09-01 \
		must_read=staff >/dev/null
	add channel platform=facebook account=school opened_on=2025-01-06 >/dev/null
	add pupil name="Amy Able" >/dev/null
	add consent pupil="Amy Able" given_by="Ann Able" received_on=2025-09-01 \
		uses="social_media;name_with_photo" >/dev/null
	cp "$DB" "$BASE"
}

base() {
	DB="$TEST_ROOT/register-$BASHPID.db"
	cp "$BASE" "$DB"
	export SMREG_DB="$DB"
}

# The setting names the kinds that need each training; the dashboard
# follows it.  Then the policy's form says who must read it.
test_who_needs_training_and_who_must_read() {
	base
	tui_start
	tui_wait_for "Due-review warnings"
	expect_no_screen "Gus Governor: no induction"
	expect_no_screen "Gus Governor: has not read"
	open_register "Training n" "Training needs: 2 current"
	tui_keys Down Enter
	tui_wait_for "training need induction"
	tui_keys e
	tui_wait_for "Who needs it"
	tui_keys Enter
	tui_wait_for "[ ] governor"
	tui_keys Down Space Enter C-s
	tui_wait_for "Who needs it      governor;staff"
	expect_sql "SELECT kinds FROM training_need WHERE training = 'induction'" "governor;staff"
	tui_keys q q
	tui_wait_for "Gus Governor: no induction recorded"
	# The must-read policy asks staff for it by name.
	expect_screen "Hana Head: has not read Social media policy"
	tui_quit
}

# "Staff must not identify by name any children featured in photographs":
# the may-I-post screen says no to names beside a photo, with the reason,
# whatever the consent says.
test_may_i_post_never_names_where_the_school_says_so() {
	base
	"$SMREG" set school "Test School" never_name=yes >/dev/null || fail "could not set never_name"
	tui_start
	tui_wait_for "Due-review warnings"
	tui_keys M
	tui_wait_for "Choose a channel and at least one pupil"
	tui_keys Enter
	tui_wait_for "facebook:school"
	tui_keys Enter
	tui_keys a
	tui_type Amy
	tui_wait_for "Amy Able"
	tui_keys Enter
	tui_wait_for "YES: you may post"
	tui_keys BTab Enter
	tui_wait_for "NO: do not post"
	expect_screen "no  Test School: the school never names children beside photos"
	expect_screen "ok  Amy Able: consent covers a name beside a photo (opt-in consent)"
	tui_quit
}

# Warn before the day: the dashboard shows the master administrator's
# revocation to come, and a channel only one person can get in to.
test_dashboard_warns_before_the_channel_loses_its_master() {
	base
	"$SMREG" add authorisation person="Hana Head" channel=facebook:school kind=master_admin \
		authorised_by="Hana Head" granted_on=2025-01-06 revoked_on=2026-12-15 >/dev/null ||
		fail "could not grant"
	# Tall enough for the channel's other warnings (sign-off, dormant...).
	tui_start --size 80x40
	tui_wait_for "15/12/2026 facebook:school: no one will be able to get in"
	expect_screen "facebook:school: only one person can get in"
	tui_quit
}

build_base
run_tests
