# A whole small school entered through the command line alone, as issue 2's
# "Done when" asks: its channels (as a primary school's social media policy
# lists them) with master admins and posters, staff, pupils and consents,
# policies and their review dates, the DSL's contact reports; then smreg due
# tells exactly what is overdue or coming due, and nothing that is not.
. "$(dirname "$0")/../lib.sh"

# addq ARGS...: smreg add, quietly; fails the test if refused.
addq() {
	add "$@" >/dev/null
}

# St Aidan's (built once a test file, and copied for each test: register_once).
st_aidans() {
	register_once enter_st_aidans ZARA BEN_REPORT EVE_CONSENT
}

# St Aidan's on 21/11/2026 (SMREG_TODAY), with one thing wrong in each of
# several places and everything else in order.
enter_st_aidans() {
	DB="$TEST_ROOT/st-aidans-$BASHPID.db"
	export SMREG_DB="$DB"
	"$SMREG" init --school "St Aidan's C of E Primary School" >/dev/null 2>&1 || fail "smreg init failed"
	"$SMREG" set school "St Aidan's C of E Primary School" code=SAP urn=123456 >/dev/null ||
		fail "could not set the school's code and URN"
	# Staff.  Everyone trained this school year but the newest assistant,
	# who has not yet read the policy; the Year 6 teacher left in October.
	addq person name="Helen Hughes" job_title="Head teacher" started_on=2012-09-01 school="St Aidan's C of E Primary School"
	addq person name="Bina Shah" job_title="School business manager" started_on=2016-01-04 email=bshah@staidans.example
	addq person name="Dan Evans" job_title="Deputy head and DSL" started_on=2014-09-01
	addq person name="Chloe Martin" job_title="Year 3 teacher" started_on=2019-09-01
	addq person name="Tom Reid" job_title="Year 6 teacher" started_on=2020-09-01 left_on=2026-10-31
	addq person name="Amira Noor" job_title="Teaching assistant" started_on=2026-11-02
	addq person name="Gareth Jones" job_title="Chair of governors" kind=governor
	local who
	for who in "Helen Hughes" "Bina Shah" "Dan Evans" "Chloe Martin"; do
		addq training person="$who" kind=induction completed_on=01/09/2020
		addq training person="$who" kind=annual_refresher completed_on=02/09/2026
		addq training person="$who" kind=policy_read completed_on=03/09/2026
	done
	addq training person="Amira Noor" kind=induction completed_on=02/11/2026
	add_user dsl dsl "Dan Evans"
	add_user chloe staff "Chloe Martin"
	add_user gareth governor "Gareth Jones"
	# The channels of the policy's register.  Facebook is in order; X has
	# no two-factor sign-in; Instagram's privacy settings were last checked
	# in March; YouTube lost its master admin in June; the old Twitter
	# account was closed when X replaced it.
	local ok=(risk_assessed_on=01/09/2025 "approved_by=Helen Hughes" in_privacy_notice=yes emergency_access=yes school_email=yes)
	addq channel platform=facebook account=StAidansPrimary url=https://facebook.example/StAidansPrimary \
		audience=public purpose="News and celebrations" opened_on=01/03/2015 \
		privacy_checked_on=01/10/2026 mfa=yes "${ok[@]}"
	addq channel platform=x account=StAidansCofE opened_on=01/09/2019 privacy_checked_on=01/10/2026 mfa=no "${ok[@]}"
	addq channel platform=instagram account=staidans.primary opened_on=01/09/2021 \
		privacy_checked_on=15/03/2026 mfa=yes "${ok[@]}"
	addq channel platform=youtube account=StAidansPrimary consent_use=video opened_on=01/09/2022 \
		privacy_checked_on=01/10/2026 mfa=yes "${ok[@]}"
	addq channel platform=twitter account=StAidansOld opened_on=01/09/2012 closed_on=31/07/2019
	# Master admins and posters, each approved by the head.
	addq authorisation person="Bina Shah" channel=facebook:StAidansPrimary kind=master_admin authorised_by="Helen Hughes" granted_on=04/01/2016
	addq authorisation person="Bina Shah" channel=x:StAidansCofE kind=master_admin authorised_by="Helen Hughes" granted_on=01/09/2019
	addq authorisation person="Bina Shah" channel=instagram:staidans.primary kind=master_admin authorised_by="Helen Hughes" granted_on=01/09/2021
	addq authorisation person="Helen Hughes" channel=youtube:StAidansPrimary kind=master_admin authorised_by="Helen Hughes" \
		granted_on=01/09/2022 revoked_on=30/06/2026 revoke_reason="Handed over; nobody took it on"
	addq authorisation person="Helen Hughes" channel=youtube:StAidansPrimary kind=poster authorised_by="Helen Hughes" granted_on=01/09/2022
	addq authorisation person="Chloe Martin" channel=facebook:StAidansPrimary kind=poster authorised_by="Helen Hughes" \
		granted_on=01/09/2025 review_on=10/12/2026
	addq authorisation person="Tom Reid" channel=instagram:staidans.primary kind=poster authorised_by="Helen Hughes" granted_on=01/09/2024
	addq authorisation person="Dan Evans" kind=exception detail="Online friends with a parent: his sister" \
		authorised_by="Helen Hughes" granted_on=01/09/2023
	# Pupils and their consents.  Ben's form leaves out social media; Cara
	# joined in September and has none; Dan's ran out in August; Finn has left.
	addq pupil name="Amy Able" year_group=3 mis_id=1001 joined_on=2023-09-04
	addq pupil name="Ben Brown" year_group=3 mis_id=1002 joined_on=2023-09-04
	addq pupil name="Cara Clark" year_group=R mis_id=1003 joined_on=2026-09-02
	addq pupil name="Dan Dixon" year_group=6 mis_id=1004 joined_on=2020-09-03
	addq pupil name="Eve Evans" year_group=5 mis_id=1005 joined_on=2021-09-02
	addq pupil name="Finn Ford" year_group=6 mis_id=1006 joined_on=2019-09-03 left_on=2026-07-20
	addq consent pupil="Amy Able" given_by="Mrs Able" relationship=mother received_on=03/09/2026 \
		uses="social_media;website;name_with_photo;video" form_ref="Office, consent file A-D"
	addq consent pupil="Ben Brown" given_by="Mr Brown" relationship=father received_on=03/09/2026 uses=website
	addq consent pupil="Dan Dixon" given_by="Ms Dixon" received_on=01/09/2025 expires_on=31/08/2026 uses="social_media;website"
	EVE_CONSENT=$(add consent pupil="Eve Evans" given_by="Mr Evans" received_on=04/09/2026 uses="social_media;website")
	# Policies: the social media policy approved in March (its next review
	# follows from its cycle), online safety due in December, acceptable use
	# overdue since October, and a retired one nobody need review.
	addq policy title="Social media policy" owner="Bina Shah" approver="Full governing board" approved_on=10/03/2026 version=3
	addq policy title="Online safety policy" owner="Dan Evans" next_review_on=15/12/2026
	addq policy title="Acceptable use policy" owner="Bina Shah" next_review_on=01/10/2026 cycle_months=24
	addq policy title="Child protection and safeguarding policy" statutory=yes next_review_on=01/09/2027
	addq policy title="Photography policy" next_review_on=01/01/2024 status=retired
	# The DSL's contact reports: one filed three days ago (not yet a
	# warning), one eleven days ago, one being monitored since October,
	# and one closed.
	add_as chloe contact platform=instagram category=pupil_contact reported_on=18/11/2026 \
		pupil="Amy Able" summary="Amy sent me a message on my personal Instagram" >/dev/null
	ZARA=$(add_as chloe contact platform=facebook category=friend_request reported_on=10/11/2026 \
		pupil_name="Zara Former" pupil_status=former summary="Friend request from a former pupil")
	BEN_REPORT=$(add_as dsl contact platform=tiktok category=online_safety reported_on=01/10/2026 \
		reported_by="Dan Evans" pupil="Ben Brown" summary="Ben is posting videos in school uniform" \
		dsl="Dan Evans" status=monitoring parent_informed=yes)
	add_as dsl action contact="$BEN_REPORT" acted_on=02/10/2026 \
		note="Spoke to Ben and his father; videos taken down" >/dev/null
	add_as dsl contact platform=x category=parent_post reported_on=15/09/2026 reported_by="Dan Evans" \
		pupil="Eve Evans" summary="A parent posted a class photo" status=closed closed_on=20/09/2026 \
		rationale="Parent asked to remove it and did; no referral needed" >/dev/null
	# One person can get in to each channel: the school has decided that
	# will do (FEW_WHO_CAN_GET_IN is tested in test_policies.sh).
	"$SMREG" set setting min_who_can_get_in value=1 >/dev/null || fail "could not set min_who_can_get_in"
	# The head signed each open channel off this term, and each was posted
	# on lately (CHANNEL_SIGNOFF_DUE and CHANNEL_DORMANT: test_posts.sh).
	local channel
	for channel in facebook:StAidansPrimary x:StAidansCofE instagram:staidans.primary youtube:StAidansPrimary; do
		addq signoff channel="$channel" signed_on=02/11/2026 signed_by="Helen Hughes"
		addq post channel="$channel" posted_on=13/11/2026
	done
	[ -n "$ZARA" ] && [ -n "$BEN_REPORT" ] && [ -n "$EVE_CONSENT" ] || fail "could not enter St Aidan's"
}

# What smreg due shows, as "severity code subject" lines, sorted.
due_set() {
	printf '%s' "$OUT" >"$TEST_ROOT/due.json"
	sqlite3 :memory: "SELECT json_extract(value, '$.severity') || ' ' || json_extract(value, '$.code') || ' ' ||
		json_extract(value, '$.subject') FROM json_each(readfile('$TEST_ROOT/due.json'))" | sort
}

expect_due() {
	local got
	got=$(due_set)
	[ "$got" = "$(printf '%s\n' "$@" | sort)" ] ||
		fail "smreg due lists the wrong warnings" "$(diff <(printf '%s\n' "$@" | sort) <(printf '%s\n' "$got"))"
}

ADMIN_DUE=(
	"overdue CHANNEL_NO_MASTER youtube:StAidansPrimary"
	"overdue LEAVER_HAS_ACCESS Tom Reid"
	"overdue POLICY_OVERDUE Acceptable use policy"
	"due AUTH_DUE Chloe Martin"
	"due CONSENT_EXPIRED Dan Dixon"
	"due NO_MFA x:StAidansCofE"
	"due POLICY_DUE Online safety policy"
	"due PRIVACY_CHECK_DUE instagram:staidans.primary"
	"due TRAINING_DUE Amira Noor"
	"info NO_CONSENT Cara Clark"
)

test_due_lists_exactly_what_is_wrong_at_st_aidans() {
	st_aidans
	run due --format json
	expect_status 1
	expect_no_err
	expect_due "${ADMIN_DUE[@]}"
	# The DSL also sees the contact reports open for more than a week.
	run_as dsl due --format json
	expect_status 1
	expect_due "${ADMIN_DUE[@]}" "due CONTACT_OPEN Zara Former" "overdue CONTACT_OPEN Ben Brown"
	# The table says the same, with dates as people write them.
	run due
	expect_status 1
	expect_out "POLICY_OVERDUE         01/10/2026  all                               Acceptable use policy"
	expect_out "NO_CONSENT             02/09/2026  St Aidan's C of E Primary School  Cara Clark"
	expect_out "left, still holds poster on instagram:staidans.primary"
	expect_out "no active master administrator"
	expect_out "has not read the policy since 1 September"
	# Looking further ahead brings in the social media policy's review.
	run due --within 120 --format json
	expect_out '"code": "POLICY_DUE", "due_on": "2027-03-10"'
	run due --within 2 --format json
	expect_no_out "2027-03-10"
}

test_due_exits_0_once_nothing_is_overdue_and_says_nothing_is_due_when_all_is_done() {
	st_aidans
	# Put right what is overdue: a review, a master admin, Tom's access.
	run review "Acceptable use policy" reviewed_on=20/11/2026 reviewed_by="Bina Shah" approved_on=21/11/2026 approved_by="Full governing board"
	expect_status 0
	run add authorisation person="Bina Shah" channel=youtube:StAidansPrimary kind=master_admin authorised_by="Helen Hughes"
	expect_status 0
	run close authorisation "$(sql "SELECT a.id FROM authorisation AS a JOIN person AS p ON p.id = a.person WHERE p.name = 'Tom Reid'")" \
		--on 31/10/2026 --note "Left the school"
	expect_status 0
	run due --format json
	expect_status 0
	expect_due "due AUTH_DUE Chloe Martin" "due CONSENT_EXPIRED Dan Dixon" "due NO_MFA x:StAidansCofE" \
		"due POLICY_DUE Online safety policy" "due PRIVACY_CHECK_DUE instagram:staidans.primary" \
		"due TRAINING_DUE Amira Noor" "info NO_CONSENT Cara Clark"
	# Then everything else, one by one.
	run set authorisation "$(sql "SELECT a.id FROM authorisation AS a JOIN person AS p ON p.id = a.person WHERE p.name = 'Chloe Martin'")" review_on=01/09/2027
	expect_status 0
	addq consent pupil="Dan Dixon" given_by="Ms Dixon" received_on=19/11/2026 uses="social_media;website"
	addq consent pupil="Cara Clark" given_by="Mrs Clark" received_on=20/11/2026 uses=website
	run set channel x:StAidansCofE mfa=yes
	expect_status 0
	run review "Online safety policy" reviewed_by="Dan Evans"
	expect_status 0
	run set channel instagram:staidans.primary privacy_checked_on=today
	expect_status 0
	addq training person="Amira Noor" kind=policy_read policy="Social media policy"
	run due
	expect_status 0
	expect_out "Nothing is due."
	run due --format json
	expect_status 0
	[ "$(printf '%s' "$OUT" | tr -d ' \n')" = "[]" ] || fail "an empty due is not []" "$OUT"
	# The DSL's reports are still open until the DSL closes them.
	run_as dsl due --format json
	expect_status 1
	expect_due "due CONTACT_OPEN Zara Former" "overdue CONTACT_OPEN Ben Brown"
	run_as dsl close contact "$BEN_REPORT" --note "Videos removed; parents engaged; no referral"
	expect_status 0
	run_as dsl close contact "$ZARA" --on 12/11/2026 --note "Declined the request; no contact since"
	expect_status 0
	run_as dsl due
	expect_status 0
	expect_out "Nothing is due."
}

test_review_moves_the_policys_next_review() {
	st_aidans
	expect_sql "SELECT next_review_on, status FROM policy WHERE title = 'Acceptable use policy'" "2026-10-01|approved"
	run review "Acceptable use policy" reviewed_on=18/11/2026 reviewed_by="Bina Shah" minute_ref="FGB 2026/41" version=5
	expect_status 0
	# A 24-month cycle from the review.
	expect_out "Acceptable use policy: next review 18/11/2028"
	expect_sql "SELECT next_review_on, version FROM policy WHERE title = 'Acceptable use policy'" "2028-11-18|5"
	expect_sql "SELECT r.reviewed_on, p.name, r.minute_ref FROM review AS r JOIN person AS p ON p.id = r.reviewed_by" \
		"2026-11-18|Bina Shah|FGB 2026/41"
	# The board's approval, when later than the review, is what counts.
	run review "Online safety policy" reviewed_on=10/11/2026 approved_on=20/11/2026
	expect_out "Online safety policy: next review 20/11/2027"
	expect_sql "SELECT next_review_on, approved_on FROM policy WHERE title = 'Online safety policy'" "2027-11-20|2026-11-20"
	# Recording an older review afterwards does not move it back.
	run review "Online safety policy" reviewed_on=01/06/2026
	expect_status 0
	expect_sql "SELECT next_review_on FROM policy WHERE title = 'Online safety policy'" "2027-11-20"
	run due --format json
	expect_no_out "Acceptable use policy"
	expect_no_out "Online safety policy"
	# Reviews are not for governors to record, nor of a policy not there.
	snapshot
	run_as gareth review "Social media policy"
	expect_refused 4
	run review "Data protection policy"
	expect_refused 3 policy 'there is no policy called "Data protection policy"'
	expect_unchanged
}

test_withdrawing_a_consent_raises_takedowns_on_every_open_channel_it_covered() {
	st_aidans
	run can-post "Eve Evans" --channel facebook:StAidansPrimary
	expect_status 0
	run close consent "$EVE_CONSENT" --on 20/11/2026
	expect_status 0
	expect_sql "SELECT withdrawn_on FROM consent WHERE id = '$EVE_CONSENT'" 2026-11-20
	# Facebook, X and Instagram use social media consent; YouTube needs
	# video consent, which Eve never gave; Twitter is closed.
	expect_sql "SELECT c.platform, t.raised_on, t.done_on IS NULL FROM takedown AS t JOIN channel AS c ON c.id = t.channel
		JOIN pupil AS p ON p.id = t.pupil WHERE p.name = 'Eve Evans' ORDER BY c.platform" \
		"facebook|2026-11-20|1
instagram|2026-11-20|1
x|2026-11-20|1"
	expect_sql "SELECT count(*) FROM takedown" 3
	run due --format json
	expect_due "${ADMIN_DUE[@]}" "info CONSENT_WITHDRAWN Eve Evans" "due TAKEDOWN_OPEN Eve Evans" \
		"due TAKEDOWN_OPEN Eve Evans" "due TAKEDOWN_OPEN Eve Evans"
	run can-post "Eve Evans" --channel facebook:StAidansPrimary
	expect_status 1
	expect_out "no  Eve Evans: consent was withdrawn on 20/11/2026"
	expect_out "no  Eve Evans: a takedown from facebook:StAidansPrimary is still open"
	# Once the posts are down, the takedowns are done and leave due.
	local t
	for t in $(sql "SELECT id FROM takedown"); do
		run close takedown "$t" --note "Removed three photos"
		expect_status 0
	done
	expect_sql "SELECT count(*) FROM takedown WHERE done_on = '2026-11-21' AND note = 'Removed three photos'" 3
	run due --format json
	expect_due "${ADMIN_DUE[@]}" "info CONSENT_WITHDRAWN Eve Evans"
	# After two days a takedown not done is overdue.
	addq pupil name="Gus Green"
	local gus
	gus=$(add consent pupil="Gus Green" given_by="Mrs Green" received_on=01/09/2026 uses=social_media)
	run close consent "$gus" --on 18/11/2026
	run due --format json
	expect_out '"severity": "overdue", "code": "TAKEDOWN_OPEN", "due_on": "2026-11-18"'
}

test_close_person_revoke_all_takes_away_every_access_they_hold() {
	st_aidans
	addq authorisation person="Chloe Martin" channel=x:StAidansCofE kind=moderator authorised_by="Helen Hughes" granted_on=01/09/2024
	addq authorisation person="Chloe Martin" kind=exception detail="Speaks to the local paper about the choir" authorised_by="Helen Hughes" granted_on=01/09/2024
	run close person "Chloe Martin" --on 31/12/2026 --revoke-all --reason "Leaving at Christmas"
	expect_status 0
	expect_out "revoked 3 authorisations"
	expect_sql "SELECT left_on FROM person WHERE name = 'Chloe Martin'" 2026-12-31
	expect_sql "SELECT a.kind, a.revoked_on, a.revoke_reason FROM authorisation AS a JOIN person AS p ON p.id = a.person
		WHERE p.name = 'Chloe Martin' ORDER BY a.kind" \
		"exception|2026-12-31|Leaving at Christmas
moderator|2026-12-31|Leaving at Christmas
poster|2026-12-31|Leaving at Christmas"
	# Nobody else lost anything.
	expect_sql "SELECT count(*) FROM authorisation WHERE revoked_on IS NOT NULL" 4
	# The audit trail has each revocation, with the reason.
	expect_sql "SELECT count(*) FROM audit WHERE register = 'authorisation' AND action = 'close' AND reason = 'Leaving at Christmas'" 3
	# Once she has gone, nothing about her is left to warn of.
	SMREG_TODAY=2027-01-01 run due --format json
	expect_out "Amira Noor"
	expect_no_out "Chloe Martin"
	# Someone leaving today loses their access today, and is not a leaver
	# with access the day after.
	run close person "Helen Hughes" --revoke-all
	expect_status 0
	expect_out "revoked 1 authorisation"
	expect_sql "SELECT count(*) FROM authorisation AS a JOIN person AS p ON p.id = a.person
		WHERE p.name = 'Helen Hughes' AND a.revoked_on IS NULL" 0
	SMREG_TODAY=2026-11-22 run due --format json
	due_set | grep -q "^overdue LEAVER_HAS_ACCESS Tom Reid$" || fail "Tom Reid is no longer a leaver with access" "$OUT"
	! due_set | grep -q "Helen Hughes" || fail "Helen Hughes left with access" "$OUT"
	# --revoke-all is for people.
	snapshot
	run close channel x:StAidansCofE --revoke-all
	expect_refused 2 --revoke-all "is for a person who leaves"
	expect_unchanged
}

test_can_post_answers_yes_or_no_with_each_reason() {
	st_aidans
	run can-post "Amy Able" --channel facebook:StAidansPrimary
	expect_status 0
	[ "$OUT" = "YES: you may post
  ok  facebook:StAidansPrimary: the channel is open
  ok  Amy Able: consent covers School social media (opt-in consent)" ] || fail "unexpected answer" "$OUT"
	run can-post "Amy Able" --channel facebook:StAidansPrimary --named --by "Chloe Martin"
	expect_status 0
	expect_out "YES: you may post"
	expect_out "ok  Amy Able: consent covers a name beside a photo"
	expect_out "ok  Chloe Martin: is authorised to post on facebook:StAidansPrimary"
	# YouTube asks for video consent, which Amy has.
	run can-post "Amy Able" --channel youtube:StAidansPrimary
	expect_status 0
	expect_out "ok  Amy Able: consent covers Video and live streams"
	# Each pupil and each check answers for itself.
	run can-post "Amy Able" "Ben Brown" "Cara Clark" "Dan Dixon" --channel facebook:StAidansPrimary --named
	expect_status 1
	expect_out "NO: do not post"
	expect_out "ok  Amy Able: consent covers School social media"
	expect_out "no  Ben Brown: consent does not cover School social media (social_media)"
	expect_out "no  Ben Brown: consent does not cover a name beside a photo"
	expect_out "no  Cara Clark: no consent on record"
	expect_out "no  Dan Dixon: consent expired on 31/08/2026"
	run can-post "Amy Able" --channel twitter:StAidansOld
	expect_status 1
	expect_out "no  twitter:StAidansOld: the channel was closed on 31/07/2019"
	run can-post "Amy Able" --channel facebook:StAidansPrimary --by "Amira Noor"
	expect_status 1
	expect_out "no  Amira Noor: is not authorised to post on facebook:StAidansPrimary"
	run can-post "Amy Able" --channel instagram:staidans.primary --by "Tom Reid"
	expect_status 1
	expect_out "no  Tom Reid: left on 31/10/2026"
	run can-post "Amy Able" --channel youtube:StAidansPrimary --by "Helen Hughes"
	expect_status 0
	# Staff ask it too; governors may not look at pupils' consent.
	run_as chloe can-post "Ben Brown" --channel facebook:StAidansPrimary
	expect_status 1
	expect_out "no  Ben Brown"
	run_as gareth can-post "Amy Able" --channel facebook:StAidansPrimary
	expect_refused 4
	# A question it cannot answer is not a no.
	run can-post --channel facebook:StAidansPrimary
	expect_refused 2 pupil "name at least one pupil"
	run can-post "Amy Able"
	expect_refused 2 --channel "name the channel"
	run can-post "Amy Able" --channel myspace:StAidans
	expect_refused 3 channel 'there is no channel called "myspace:StAidans"'
}

test_a_change_to_a_contact_report_needs_a_reason_which_the_audit_keeps() {
	st_aidans
	snapshot
	run_as dsl set contact "$ZARA" status=monitoring dsl="Dan Evans"
	expect_refused 3 reason "a change to a contact report needs a reason"
	run_as dsl set contact "$ZARA" status=monitoring --reason ""
	expect_refused 3 reason "needs a reason"
	expect_unchanged
	run_as dsl set contact "$ZARA" status=monitoring --reason "Spoke to Chloe; monitoring for a month"
	expect_status 0
	run_as dsl set contact "$ZARA" dsl="Dan Evans" parent_informed=yes --reason "Taken on by Dan; parents told"
	expect_status 0
	expect_sql "SELECT status, dsl = (SELECT id FROM person WHERE name = 'Dan Evans'), parent_informed FROM contact WHERE id = '$ZARA'" \
		"monitoring|1|1"
	expect_sql "SELECT login, reason, json_extract(before, '$.status'), json_extract(after, '$.status') FROM audit
		WHERE register = 'contact' AND record_id = '$ZARA' AND action = 'update' ORDER BY seq" \
		"dsl|Spoke to Chloe; monitoring for a month|open|monitoring
dsl|Taken on by Dan; parents told||"
	# The earlier version is kept: the whole report can be told back.
	expect_sql "SELECT json_extract(after, '$.summary') FROM audit WHERE record_id = '$ZARA' AND action = 'insert'" \
		"Friend request from a former pupil"
	run_as dsl audit --register contact --record "$ZARA"
	expect_status 0
	expect_out "status: open → monitoring"
	expect_out "Spoke to Chloe; monitoring for a month"
	# An action changed is a report changed.
	local action
	action=$(sql "SELECT id FROM action")
	run_as dsl set action "$action" note="Spoke to Ben and his mother"
	expect_refused 3 reason "needs a reason"
	run_as dsl set action "$action" note="Spoke to Ben and his mother" --reason "Corrected: it was his mother"
	expect_status 0
	expect_sql "SELECT reason FROM audit WHERE register = 'action' AND action = 'update'" "Corrected: it was his mother"
	# Reports and their actions are never deleted.
	snapshot
	run_as dsl delete contact "$ZARA" --reason "Tidying up"
	expect_refused 3
	expect_err "never deleted"
	run_as dsl delete action "$action" --reason "Tidying up"
	expect_refused 3
	expect_unchanged
}

# A person with commas, quotes, a line break and non-ASCII in their record.
test_csv_and_json_output_is_valid_and_holds_the_values() {
	st_aidans
	addq person name='Siân "Shan" O'\''Neill, MBE' job_title="Librarian, part-time" notes="$(printf 'First line\nSecond, "quoted" line')"
	local type format
	for type in person channel authorisation pupil consent policy training; do
		for format in json csv; do
			run list "$type" --all --format "$format"
			expect_status 0
			printf '%s\n' "$OUT" >"$TEST_ROOT/list.$format"
			if [ "$format" = json ]; then
				[ "$(sqlite3 :memory: "SELECT json_valid(readfile('$TEST_ROOT/list.json')), json_array_length(readfile('$TEST_ROOT/list.json'))")" = "1|$(sql "SELECT count(*) FROM $type")" ] ||
					fail "list $type --format json is not a valid array of every record" "$OUT"
			else
				[ "$(sqlite3 :memory: ".import --csv $TEST_ROOT/list.csv t" "SELECT count(*) FROM t")" = "$(sql "SELECT count(*) FROM $type")" ] ||
					fail "list $type --format csv does not read back as every record" "$OUT"
			fi
		done
	done
	# The awkward values come back exactly, from every format.
	local id
	id=$(sql "SELECT id FROM person WHERE name LIKE 'Siân%'")
	run show person "$id" --format json
	printf '%s' "$OUT" >"$TEST_ROOT/show.json"
	[ "$(sqlite3 :memory: "SELECT json_extract(value, '$.name') = 'Siân \"Shan\" O''Neill, MBE', json_extract(value, '$.notes') = 'First line' || char(10) || 'Second, \"quoted\" line' FROM json_each(readfile('$TEST_ROOT/show.json'))")" = "1|1" ] ||
		fail "show --format json changed the values" "$OUT"
	run show person "$id" --format csv
	printf '%s\n' "$OUT" >"$TEST_ROOT/show.csv"
	[ "$(sqlite3 :memory: ".import --csv $TEST_ROOT/show.csv t" "SELECT name = 'Siân \"Shan\" O''Neill, MBE', job_title, notes = 'First line' || char(10) || 'Second, \"quoted\" line' FROM t")" = "1|Librarian, part-time|1" ] ||
		fail "show --format csv changed the values" "$OUT"
	# The table keeps each record on one line, whatever it holds.
	run list person --all
	[ "$(printf '%s\n' "$OUT" | wc -l)" -eq "$(($(sql "SELECT count(*) FROM person") + 1))" ] ||
		fail "a record took more than one line of the table" "$OUT"
	for format in json csv; do
		run due --format "$format"
		printf '%s\n' "$OUT" >"$TEST_ROOT/due.$format"
		run audit --format "$format"
		printf '%s\n' "$OUT" >"$TEST_ROOT/audit.$format"
		run_as dsl list contact --all --format "$format"
		printf '%s\n' "$OUT" >"$TEST_ROOT/contact.$format"
	done
	[ "$(sqlite3 :memory: "SELECT json_valid(readfile('$TEST_ROOT/due.json')), json_valid(readfile('$TEST_ROOT/audit.json')), json_array_length(readfile('$TEST_ROOT/contact.json'))")" = "1|1|4" ] ||
		fail "due, audit or list contact --format json is not valid"
	[ "$(sqlite3 :memory: ".import --csv $TEST_ROOT/due.csv d" "SELECT count(*) FROM d WHERE code = 'NO_CONSENT' AND subject = 'Cara Clark'")" = 1 ] ||
		fail "due --format csv does not read back"
	[ "$(sqlite3 :memory: ".import --csv $TEST_ROOT/audit.csv a" "SELECT count(*) = $(sql "SELECT count(*) FROM audit WHERE register NOT IN ('contact', 'action')") FROM a")" = 1 ] ||
		fail "audit --format csv does not hold every entry the admin may see"
	run list person --format yaml
	expect_refused 2 --format '"yaml" is not table, csv or json'
}

test_help_and_command_help_work_without_a_register() {
	export SMREG_DB="$TEST_ROOT/nowhere/register.db"
	run help
	expect_status 0
	local c
	for c in init add set list show import export due can-post review audit backup check demo help; do
		[[ "$OUT" =~ $'\n'\ \ $c( |$'\n') ]] || fail "smreg help does not list $c" "$OUT"
	done
	expect_out "Registers: school, person, channel, authorisation, pupil"
	expect_out "4 permission denied"
	for c in init add set close list show import export due can-post review audit backup check demo help; do
		run help "$c"
		expect_status 0
		[[ "$OUT" =~ ^usage:\ smreg\ $c ]] || fail "smreg help $c" "$OUT"
		local help=$OUT
		run "$c" --help
		expect_status 0
		[ "$OUT" = "$help" ] || fail "smreg $c --help differs from smreg help $c" "$OUT"
	done
	run help import
	expect_out "FILE:LINE: field: why"
	expect_out "--dry-run"
	run help can-post
	expect_out "--named"
	run --help
	expect_status 0
	expect_out "usage: smreg"
	[ ! -e "$TEST_ROOT/nowhere" ] || fail "help created the register"
	run help frobnicate
	expect_refused 2
	expect_err "smreg: help: frobnicate: there is no such command"
	run frobnicate
	expect_status 2
	expect_no_out "usage"
	expect_err "smreg: frobnicate: there is no such command (see smreg help)"
}

test_backup_makes_a_sound_copy_and_check_says_ok() {
	st_aidans
	run check
	expect_status 0
	expect_out "$DB: ok"
	run backup "$TEST_ROOT/copy.db"
	expect_status 0
	expect_out "backed up $DB to $TEST_ROOT/copy.db"
	[ "$(sqlite3 "$TEST_ROOT/copy.db" "PRAGMA integrity_check")" = ok ] || fail "the copy fails the integrity check"
	[ "$(stat -c %a "$TEST_ROOT/copy.db")" = 600 ] || fail "the copy is not private"
	[ "$(sqlite3 "$TEST_ROOT/copy.db" .dump)" = "$(sqlite3 "$DB" .dump)" ] || fail "the copy differs from the register"
	run --db "$TEST_ROOT/copy.db" check
	expect_status 0
	expect_out "copy.db: ok"
	run --db "$TEST_ROOT/copy.db" due --format json
	expect_due "${ADMIN_DUE[@]}"
	# An existing file is never overwritten, and only admins back up.
	local before
	before=$(sha256sum <"$TEST_ROOT/copy.db")
	run backup "$TEST_ROOT/copy.db"
	expect_refused 3
	expect_err "already exists"
	[ "$(sha256sum <"$TEST_ROOT/copy.db")" = "$before" ] || fail "backup overwrote a file"
	run_as gareth backup "$TEST_ROOT/gareth.db"
	expect_refused 4
	[ ! -e "$TEST_ROOT/gareth.db" ] || fail "a governor's backup made a file"
	# check finds damage done behind smreg's back (here, in the copy).
	sqlite3 "$TEST_ROOT/copy.db" "PRAGMA foreign_keys = OFF; DROP TRIGGER audit_channel_update;
		UPDATE channel SET approved_by = 'ffffffff-ffff-ffff-ffff-ffffffffffff' WHERE platform = 'x'"
	run --db "$TEST_ROOT/copy.db" check
	expect_status 5
	expect_out "channel"
	expect_err "1 problem found"
}

test_demo_fills_a_new_register_and_refuses_one_that_holds_records() {
	DB="$TEST_ROOT/demo.db"
	run --db "$DB" demo
	expect_status 0
	expect_out "$DB now holds a fictional school"
	expect_sql "SELECT login, roles FROM user WHERE login = '$LOGIN'" "$LOGIN|admin"
	local table
	for table in school person channel authorisation pupil consent policy review contact action training; do
		[ "$(sql "SELECT count(*) > 0 FROM $table")" = 1 ] || fail "the demo left $table empty"
	done
	run --db "$DB" check
	expect_status 0
	# Ten years of reading, written in the chain by the demo itself: every
	# report opened, and the chain's trigger back to hash what comes next.
	expect_sql "SELECT count(*) FROM audit" 20000
	expect_sql "SELECT count(DISTINCT record_id) = (SELECT count(*) FROM contact) FROM audit WHERE action = 'open'" 1
	# Ids in the order they were made (version 7), so indexes fill at their end.
	expect_sql "SELECT count(*) FROM contact WHERE id NOT GLOB '????????-????-7???-[89ab]???-????????????'" 0
	expect_sql "SELECT count(*) FROM action AS a JOIN action AS b ON b.rowid = a.rowid + 1 WHERE b.id <= a.id" 0
	# The filter's index made with it, up to the demo's last audit row:
	# every action's text is in it, and no filter has to take them in.
	expect_sql "SELECT (SELECT seq FROM search_state) = (SELECT max(seq) FROM audit)" 1
	expect_sql "SELECT count(*) >= (SELECT count(*) FROM action) FROM search_doc" 1
	run --db "$DB" add school name="After the demo" code=AFT
	expect_status 0
	expect_sql "SELECT action, length(hash) FROM audit ORDER BY seq DESC LIMIT 1" "insert|32"
	run --db "$DB" check
	expect_status 0
	run --db "$DB" due --format json
	[ "$STATUS" -le 1 ] || fail "due on the demo exited $STATUS" "$ERR"
	printf '%s' "$OUT" >"$TEST_ROOT/due.json"
	[ "$(sqlite3 :memory: "SELECT json_valid(readfile('$TEST_ROOT/due.json')) AND json_array_length(readfile('$TEST_ROOT/due.json')) > 0")" = 1 ] ||
		fail "the demo raises no warnings to look at"
	# Once, and never over someone's register.
	snapshot
	run --db "$DB" demo
	expect_refused 3
	expect_err "already holds records"
	expect_unchanged
	fresh_register
	addq channel platform=facebook account=StMarys
	snapshot
	run demo
	expect_refused 3
	expect_err "already holds records"
	expect_unchanged
}

# Each register's behaviour lives in its descriptor (issue 10): outside
# record.c no code compares a register's name, or a field's target, with
# a register named in quotes.
SOURCES=$(cd "$(dirname "$0")/../../src" && pwd)
test_no_code_outside_record_c_compares_a_register_name() {
	local src=$SOURCES names found
	names=$(sed -n 's/^\t\.name = "\([a-z_]*\)", \.label = .*/\1/p' "$src/core/record.c" | paste -sd'|')
	[ -n "$names" ] || fail "no register names found in record.c"
	found=$(grep -rnE "(strn?cmp\([^;]*|== *)\"($names)\"" "$src" --include='*.c' --include='*.h' |
		grep -v '^[^:]*/core/record\.c:')
	[ -z "$found" ] || fail "register names compared outside record.c:" "$found"
}

run_tests
