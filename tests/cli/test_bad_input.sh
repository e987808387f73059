# Bad input, as issue 2 lists it: each is refused with exit 3 (4 for a
# role's refusal), one message "smreg: doing: field: why" on stderr, and
# the database exactly as it was.
. "$(dirname "$0")/../lib.sh"

# A register with one of everything the refusals below need.
# (Built once a test file, and copied for each test: register_once.)
small_school() {
	register_once enter_small_school HEAD BOB FB AUTH AMY CONSENT POLICY
}

enter_small_school() {
	fresh_register
	HEAD=$(add person name="Helen Head" job_title="Head teacher" started_on=2015-09-01)
	BOB=$(add person name="Bob Business" started_on=2018-01-08)
	FB=$(add channel platform=facebook account=StMarys opened_on=2020-09-01)
	AUTH=$(add authorisation person="Bob Business" channel=facebook:StMarys kind=master_admin \
		authorised_by="Helen Head" granted_on=2020-09-01)
	AMY=$(add pupil name="Amy Able" joined_on=2022-09-01)
	CONSENT=$(add consent pupil="Amy Able" given_by="Mrs Able" received_on=2026-09-05 \
		uses="social_media;website")
	POLICY=$(add policy title="Social media policy" next_review_on=2027-09-01)
	[ -n "$HEAD" ] && [ -n "$CONSENT" ] && [ -n "$POLICY" ] || fail "could not set up the school"
}

test_impossible_dates_are_refused_in_every_register() {
	small_school
	snapshot
	for date in 31/02/2026 2026-13-01 "next tuesday" 2026-02-29 00/01/2026 1899-12-31; do
		run add channel platform=x account=StMarys "opened_on=$date"
		expect_refused 3 opened_on "\"$date\" is not a date"
		run add person name="New Starter" "started_on=$date"
		expect_refused 3 started_on "is not a date"
		run add consent pupil="Amy Able" given_by=Dad "received_on=$date"
		expect_refused 3 received_on "is not a date"
		run add policy title="Online safety" "next_review_on=$date"
		expect_refused 3 next_review_on "is not a date"
	done
	# The message says what is wrong with the day, not just that it is.
	run add channel platform=x account=StMarys opened_on=31/02/2026
	expect_err "February 2026 has 28 days"
	run add channel platform=x account=StMarys opened_on=2026-13-01
	expect_err "there is no month 13"
	expect_unchanged
}

test_impossible_dates_are_refused_by_set_and_close() {
	small_school
	snapshot
	for date in 31/02/2026 2026-13-01 "next tuesday"; do
		run set channel facebook:StMarys "privacy_checked_on=$date"
		expect_refused 3 privacy_checked_on "is not a date"
		run set person "Bob Business" "left_on=$date"
		expect_refused 3 left_on "is not a date"
		run close channel facebook:StMarys --on "$date"
		expect_refused 3 closed_on "is not a date"
		run close authorisation "$AUTH" --on "$date"
		expect_refused 3 revoked_on "is not a date"
		run close consent "$CONSENT" --on "$date"
		expect_refused 3 withdrawn_on "is not a date"
		run review "Social media policy" "reviewed_on=$date"
		expect_refused 3 reviewed_on "is not a date"
	done
	expect_unchanged
}

test_a_channel_closed_before_it_opened_is_refused() {
	small_school
	snapshot
	run add channel platform=instagram account=StMarys opened_on=01/05/2026 closed_on=30/04/2026
	expect_refused 3 closed_on "is before opened_on"
	run set channel facebook:StMarys closed_on=2020-08-31
	expect_refused 3 closed_on "is before opened_on"
	run close channel facebook:StMarys --on 2019-01-01
	expect_refused 3 closed_on "is before opened_on"
	# Moving the opening past an existing closing date is the same mistake.
	run close channel facebook:StMarys --on 2024-07-31
	expect_status 0
	snapshot
	run set channel facebook:StMarys opened_on=2025-01-01
	expect_refused 3 closed_on "is before opened_on"
	expect_unchanged
}

test_a_person_who_left_before_they_started_is_refused() {
	small_school
	snapshot
	run add person name="Tom Temp" started_on=2026-09-01 left_on=2026-08-31
	expect_refused 3 left_on "is before started_on"
	run set person "Bob Business" left_on=2017-12-31
	expect_refused 3 left_on "is before started_on"
	run close person "Bob Business" --on 2010-01-01
	expect_refused 3 left_on "is before started_on"
	run close person "Bob Business" --on 2010-01-01 --revoke-all
	expect_refused 3 left_on "is before started_on"
	expect_unchanged
}

test_an_authorisation_revoked_before_it_was_granted_is_refused() {
	small_school
	snapshot
	run add authorisation person="Helen Head" channel=facebook:StMarys kind=poster \
		authorised_by="Helen Head" granted_on=2026-02-01 revoked_on=2026-01-31
	expect_refused 3 revoked_on "is before granted_on"
	run set authorisation "$AUTH" revoked_on=2020-08-01
	expect_refused 3 revoked_on "is before granted_on"
	run close authorisation "$AUTH" --on 2019-12-31
	expect_refused 3 revoked_on "is before granted_on"
	expect_unchanged
}

test_a_consent_withdrawn_before_it_was_received_is_refused() {
	small_school
	snapshot
	run add consent pupil="Amy Able" given_by=Dad received_on=2026-09-01 withdrawn_on=2026-08-01
	expect_refused 3 withdrawn_on "is before received_on"
	run set consent "$CONSENT" withdrawn_on=2026-09-04
	expect_refused 3 withdrawn_on "is before received_on"
	# Withdrawing raises takedowns; a refused withdrawal raises none.
	run close consent "$CONSENT" --on 2026-01-01
	expect_refused 3 withdrawn_on "is before received_on"
	expect_sql "SELECT count(*) FROM takedown" 0
	expect_unchanged
}

test_an_unknown_field_is_refused_and_the_fields_are_listed() {
	small_school
	snapshot
	run add channel platform=x account=StMarys colour=blue
	expect_refused 3 colour "a channel has no such field"
	expect_err "its fields are school, platform, account"
	run set channel facebook:StMarys password=hunter2
	expect_refused 3 password "no such field"
	run add person name="Tom Temp" Name=Tom
	expect_refused 3 Name "no such field"
	run review "Social media policy" verdict=fine
	expect_refused 3 verdict "no such field"
	expect_unchanged
}

test_an_unknown_reference_is_refused() {
	small_school
	snapshot
	run add channel platform=x account=StMarys school="Nowhere Academy"
	expect_refused 3 school 'there is no school called "Nowhere Academy"'
	run add channel platform=x account=StMarys approved_by="Nobody Atall"
	expect_refused 3 approved_by 'there is no person called "Nobody Atall"'
	run add authorisation person="Bob Business" channel=tiktok:StMarys kind=poster authorised_by="Helen Head"
	expect_refused 3 channel 'there is no channel called "tiktok:StMarys"'
	run set channel myspace:StMarys mfa=yes
	expect_refused 3 channel 'there is no channel called "myspace:StMarys"'
	run close person "Nobody Atall"
	expect_refused 3 person 'there is no person called "Nobody Atall"'
	run set consent 0123abcd notes=x
	expect_refused 3 consent "there is no consent with the id"
	run can-post "Zed Unknown" --channel facebook:StMarys
	expect_refused 3 pupil 'there is no pupil called "Zed Unknown"'
	expect_unchanged
}

test_an_ambiguous_reference_is_refused_listing_the_candidates() {
	small_school
	local jo1 jo2
	jo1=$(add person name="Jo Smith" job_title="Class teacher")
	jo2=$(add person name="Jo Smith" job_title="Teaching assistant")
	snapshot
	run add authorisation person="Jo Smith" channel=facebook:StMarys kind=poster authorised_by="Helen Head"
	expect_refused 3 person '"Jo Smith" could be more than one person'
	expect_err "Jo Smith (${jo1:0:8})"
	expect_err "Jo Smith (${jo2:0:8})"
	expect_err "give the id instead"
	# Typed in another case, the name is just as ambiguous.
	run set channel facebook:StMarys approved_by="jo smith"
	expect_refused 3 approved_by "could be more than one person"
	run close person "Jo Smith"
	expect_refused 3 person "could be more than one person"
	expect_err "${jo1:0:8}"
	expect_err "${jo2:0:8}"
	expect_unchanged
	# The id settles it.
	run set channel facebook:StMarys "approved_by=${jo2:0:8}"
	expect_status 0
	expect_sql "SELECT approved_by FROM channel WHERE id = '$FB'" "$jo2"
}

test_a_duplicate_platform_and_account_is_refused_whatever_the_case() {
	small_school
	snapshot
	run add channel platform=facebook account=StMarys
	expect_refused 3 platform "another channel already has this platform and account"
	run add channel platform=FaceBook account=stmarys
	expect_refused 3 platform "another channel already has this platform and account"
	run add channel platform=" facebook " account=" STMARYS"
	expect_refused 3 platform "already has this platform and account"
	expect_unchanged
	# Renaming another channel onto it is the same duplicate.
	add channel platform=x account=StMarysX >/dev/null
	snapshot
	run set channel x:StMarysX platform=Facebook account=STMARYS
	expect_refused 3 platform "already has this platform and account"
	expect_unchanged
	expect_sql "SELECT count(*) FROM channel WHERE platform = 'facebook' COLLATE NOCASE" 1
}

test_a_missing_required_field_is_refused() {
	small_school
	snapshot
	run add channel account=StMarysX
	expect_refused 3 platform "is required"
	run add channel platform=x
	expect_refused 3 account "is required"
	run add person job_title=Cook
	expect_refused 3 name "is required"
	run add person "name=   "
	expect_refused 3 name "is required"
	run add consent pupil="Amy Able" received_on=today
	expect_refused 3 given_by "is required"
	# A policy may be undated (issue 13.5), never untitled.
	run add policy approved_on="October 2025"
	expect_refused 3 title "is required"
	run add authorisation person="Bob Business" channel=facebook:StMarys kind=poster
	expect_refused 3 authorised_by "is required"
	# Emptying a required field is the same as leaving it out.
	run set channel facebook:StMarys platform=
	expect_refused 3 platform "is required"
	run set person "Bob Business" name=
	expect_refused 3 name "is required"
	expect_unchanged
}

# Requirements that depend on other fields are required fields too.
test_a_record_missing_what_its_kind_needs_is_refused() {
	small_school
	add person name="Dee Dsl" >/dev/null
	add_user dsl dsl "Dee Dsl"
	snapshot
	run add authorisation person="Bob Business" kind=exception authorised_by="Helen Head"
	expect_refused 3 detail "an exception needs the detail"
	run add authorisation person="Bob Business" kind=poster authorised_by="Helen Head"
	expect_refused 3 channel "is required unless the kind is exception"
	run_as dsl add contact platform=instagram category=other summary="A message" reported_by="Dee Dsl"
	expect_refused 3 pupil "name the pupil"
	run_as dsl add contact platform=instagram category=other summary="A message" \
		reported_by="Dee Dsl" pupil="Amy Able" status=closed closed_on=today
	expect_refused 3 rationale "a closed report needs the DSL's rationale"
	expect_unchanged
	local report
	report=$(add_as dsl contact platform=instagram category=other summary="A message" \
		reported_by="Dee Dsl" pupil="Amy Able")
	snapshot
	run_as dsl close contact "$report"
	expect_refused 3 rationale "a closed report needs the DSL's rationale"
	expect_unchanged
	run_as dsl close contact "$report" --note "Parent informed; no referral needed"
	expect_status 0
	expect_sql "SELECT status, closed_on, rationale FROM contact" \
		"closed|2026-11-21|Parent informed; no referral needed"
}

test_an_unknown_consent_use_is_refused_and_the_uses_are_listed() {
	small_school
	snapshot
	run add consent pupil="Amy Able" given_by=Dad uses="website;tiktok"
	expect_refused 3 uses '"tiktok" is not a consent use'
	expect_err "the uses are class_app, displays, name_with_photo"
	run set consent "$CONSENT" uses="social_media;billboards"
	expect_refused 3 uses '"billboards" is not a consent use'
	run add channel platform=tiktok account=StMarys consent_use=billboards
	expect_refused 3 consent_use 'there is no consent use called "billboards"'
	run set channel facebook:StMarys consent_use=billboards
	expect_refused 3 consent_use "there is no consent use called"
	expect_unchanged
}

test_set_and_close_refuse_bad_values() {
	small_school
	snapshot
	run set channel facebook:StMarys mfa=maybe
	expect_refused 3 mfa '"maybe" is not yes or no'
	run set channel facebook:StMarys audience=everyone
	expect_refused 3 audience '"everyone" is not one of public, private or group'
	run set authorisation "$AUTH" kind=superuser
	expect_refused 3 kind "is not one of master_admin, admin, poster, moderator or exception"
	run set policy "Social media policy" cycle_months=twelve
	expect_refused 3 cycle_months "is not a whole number"
	run set policy "Social media policy" cycle_months=0
	expect_refused 3 cycle_months "must be between 1 and 120"
	run set person "Bob Business" email="bob at school"
	expect_refused 3 email "is not an e-mail address"
	run set consent "$CONSENT" pupil="Helen Head"
	expect_refused 3 pupil 'there is no pupil called "Helen Head"'
	run set person "Bob Business" kind=teacher
	expect_refused 3 kind "is not one of staff, governor, volunteer or contractor"
	run set person "Bob Business" name="Bob Business" name=Robert
	expect_refused 3 name "is given twice"
	run close consent "$CONSENT" --on 2026-13-13
	expect_refused 3 withdrawn_on "is not a date"
	expect_unchanged
	# Closing what is already closed says when it was.
	run close channel facebook:StMarys --on 2026-10-31
	expect_status 0
	snapshot
	run close channel facebook:StMarys
	expect_refused 3 closed_on "already has closed_on 31/10/2026"
	expect_unchanged
}

test_every_wrong_field_is_said_in_one_run() {
	small_school
	snapshot
	run add channel platform=x account= opened_on=1/5/2026 closed_on=1/4/2026 \
		risk_assessed_on=31/02/2026
	expect_status 3
	expect_err "smreg: cannot add: risk_assessed_on: \"31/02/2026\" is not a date"
	expect_err "smreg: cannot add: account: is required"
	expect_err "smreg: cannot add: closed_on: is before opened_on"
	[ "$(grep -c . <<<"$ERR")" = 3 ] || fail "expected three lines, one a field" "$ERR"
	run set person "Bob Business" left_on=1/1/2017 kind=teacher
	expect_status 3
	expect_err "smreg: cannot change: kind: "
	expect_err "smreg: cannot change: left_on: is before started_on"
	expect_unchanged
}

test_a_role_that_may_not_write_is_refused_with_exit_4() {
	small_school
	add_user gov governor
	add_user teacher staff "Bob Business"
	snapshot
	run_as gov add channel platform=x account=StMarysX
	expect_refused 4
	expect_err "permission denied: gov (governor) may not add to Channels; only admin may"
	run_as teacher set channel facebook:StMarys mfa=yes
	expect_refused 4
	expect_err "only admin may"
	run_as teacher close person "Bob Business"
	expect_refused 4
	run_as gov review "Social media policy"
	expect_refused 4
	run_as teacher add user login=me roles=admin
	expect_refused 4
	expect_err "only admin may"
	# The refusal comes before the values are looked at.
	run_as gov add channel platform=x opened_on=31/02/2026
	expect_refused 4
	expect_unchanged
}

# Issue 2: a safeguarding record is never silently rewritten, and a refused
# change to one leaves no trace, not even a record of its opening.
test_a_refused_change_to_a_contact_report_leaves_nothing_behind() {
	small_school
	add person name="Dee Dsl" >/dev/null
	add_user dsl dsl "Dee Dsl"
	local report
	report=$(add_as dsl contact platform=instagram category=pupil_contact \
		summary="Amy messaged a teacher" reported_by="Dee Dsl" pupil="Amy Able")
	snapshot
	run_as dsl set contact "$report" status=monitoring
	expect_refused 3 reason "a change to a contact report needs a reason"
	run_as dsl set contact "$report" status=escalated --reason "Spoke to parent"
	expect_refused 3 status "is not one of open, monitoring or closed"
	run_as dsl set contact "$report" colour=red --reason "Spoke to parent"
	expect_refused 3 colour "no such field"
	run_as dsl close contact "$report" --on 2026-11-01 --note "Resolved"
	expect_refused 3 closed_on "is before reported_on"
	expect_unchanged
}

run_tests
