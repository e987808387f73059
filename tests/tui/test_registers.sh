# The terminal UI doing a school's work: authorisations, leavers, consents,
# policy reviews, the DSL's log, and "may I post?".
. "$(dirname "$0")/tmux.sh"

# A school with a head teacher, a teacher and a Facebook page.
# (Built once a test file, and copied for each test: register_once.)
small_school() {
	register_once enter_small_school
}

enter_small_school() {
	fresh_register
	add person "name=Jane Head" "job_title=Head teacher" started_on=1/9/2015 >/dev/null
	add person "name=Zoë Adams" "job_title=Teacher" started_on=1/9/2020 >/dev/null
	add channel platform=facebook account=StMarys opened_on=1/9/2020 >/dev/null
}

test_grant_a_poster_and_revoke_them() {
	small_school
	tui_start
	open_register Channels "Channels: 1 current"
	tui_keys Enter
	tui_wait_for "channel facebook:StMarys"
	tui_wait_for "n:grant"
	tui_keys n
	tui_wait_for "new authorisation"
	expect_screen "facebook:StMarys"
	# Person: type to find, choose.
	tui_type Zo
	tui_wait_for "Zoë Adams"
	# Choosing stays on the field (issue 12.7): Tab goes to the kind (the
	# channel is fixed here), the detail, then "Authorised by".
	tui_keys Enter
	tui_keys Tab Tab Tab
	tui_type Jane
	tui_wait_for "Jane Head"
	tui_keys Enter
	tui_keys C-s
	tui_wait_for "Saved the authorisation."
	expect_sql "SELECT p.name, a.kind, a.granted_on FROM authorisation a JOIN person p ON p.id = a.person" \
		"Zoë Adams|poster|2026-11-21"
	tui_wait_for "x:revoke"
	tui_keys x
	tui_wait_for "Revoke: Zoë Adams poster on facebook:StMarys on which date?"
	tui_keys Enter
	tui_wait_for "Revoke reason"
	tui_type "moved to another school"
	tui_keys Enter
	tui_wait_for "Revoked: Zoë Adams poster on facebook:StMarys."
	expect_sql "SELECT revoked_on, revoke_reason FROM authorisation" "2026-11-21|moved to another school"
	tui_quit
}

test_revoke_a_leavers_authorisations_from_the_person_screen() {
	small_school
	add authorisation "person=Zoë Adams" channel=facebook:StMarys kind=poster "authorised_by=Jane Head" \
		granted_on=1/9/2021 >/dev/null
	add authorisation "person=Zoë Adams" channel=facebook:StMarys kind=admin "authorised_by=Jane Head" \
		granted_on=1/9/2021 >/dev/null
	tui_start
	open_register People "People: 2 current"
	tui_type /
	tui_type Zoë
	tui_keys Enter Enter
	tui_wait_for "person Zoë Adams"
	tui_keys c
	tui_wait_for "Record leaving: Zoë Adams on which date?"
	tui_keys C-u
	tui_type 20/11/2026
	tui_wait_for "Friday 20/11/2026"
	tui_keys Enter
	tui_wait_for "Zoë Adams still holds 2 authorisations. Revoke them all from"
	tui_keys y
	tui_wait_for "Revoked 2 authorisations."
	expect_sql "SELECT left_on FROM person WHERE name = 'Zoë Adams'" "2026-11-20"
	expect_sql "SELECT count(*), min(revoked_on) FROM authorisation WHERE revoked_on IS NOT NULL" "2|2026-11-20"
	tui_quit
}

test_record_a_consent_withdraw_it_and_see_the_takedown() {
	small_school
	add pupil "name=Łukasz Nowak" year_group=3 >/dev/null
	tui_start
	open_register Pupils "Pupils: 1 current"
	tui_keys Enter
	tui_wait_for "pupil Łukasz Nowak"
	tui_wait_for "n:record consent"
	tui_keys n
	tui_wait_for "new consent"
	tui_type "Ewa Nowak"
	tui_keys Tab Tab Tab Enter
	tui_wait_for "[ ] social_media"
	# Tick social_media and website.
	for i in 1 2 3 4 5; do tui_keys Down; done
	tui_keys Space Down Down Space Enter
	tui_wait_for "social_media;website"
	tui_keys C-s
	tui_wait_for "Saved the consent."
	expect_sql "SELECT given_by, uses FROM consent" "Ewa Nowak|social_media;website"
	tui_wait_for "x:withdraw"
	tui_keys x
	tui_wait_for "on which date?"
	tui_keys Enter
	tui_wait_for "Withdrawn:"
	tui_keys Tab
	tui_wait_for "consent withdrawn"
	expect_screen "facebook:StMarys"
	expect_sql "SELECT count(*) FROM takedown WHERE done_on IS NULL" "1"
	tui_quit
}

test_recording_a_policy_review_clears_its_warning_from_the_dashboard() {
	small_school
	add policy "title=Social media policy" next_review_on=1/10/2026 >/dev/null
	tui_start
	tui_wait_for "Social media policy: review overdue"
	tui_keys V
	tui_wait_for "policy review calendar"
	expect_screen "OVERDUE"
	tui_keys Enter
	tui_wait_for "policy Social media policy"
	tui_wait_for "n:record review"
	tui_keys n
	tui_wait_for "new review"
	tui_keys C-s
	tui_wait_for "Saved the review."
	expect_sql "SELECT next_review_on FROM policy" "2027-11-21"
	tui_keys D
	# The dashboard's status line, painted last: its warnings are all there.
	tui_wait_for "q:quit"
	expect_no_screen "Social media policy"
	tui_quit
}

test_enter_typed_ahead_on_the_dashboard_after_a_save_opens_a_current_warning() {
	small_school
	add policy "title=Social media policy" next_review_on=1/10/2026 >/dev/null
	tui_start
	tui_wait_for "Social media policy: review overdue"
	tui_keys V
	tui_wait_for "policy review calendar"
	tui_keys Enter
	tui_wait_for "n:record review"
	tui_keys n
	tui_wait_for "new review"
	tui_keys C-s
	tui_wait_for "Saved the review."
	# The save replaced the warnings the dashboard showed; Enter, there
	# before the dashboard is drawn again, opens the first of the new ones
	# (the oldest: Jane Head's induction, under the six training
	# warnings' line, which Enter unfolds).
	tui_keys D Enter Down Enter
	tui_wait_for "person Jane Head"
	tui_quit
}

# The calendar marks what smreg due warns of, in the window the setting says.
test_the_calendar_marks_the_policies_smreg_due_warns_of() {
	small_school
	add policy "title=Acceptable use policy" next_review_on=1/12/2026 >/dev/null
	add policy "title=Data protection policy" next_review_on=1/6/2027 >/dev/null
	tui_start
	tui_keys V
	tui_wait_for "Data protection pol"
	expect_screen "due      Acceptable use"
	expect_no_screen "due      Data protection"
	tui_quit
	run set setting policy_warn_days value=200
	[ "$STATUS" = 0 ] || fail "smreg set setting: $ERR"
	tui_start
	tui_keys V
	tui_wait_for "Data protection pol"
	expect_screen "due      Data protection"
	tui_quit
}

test_a_trusts_calendar_says_whose_policy_each_is() {
	small_school
	add school "name=Elm Academy" >/dev/null
	add policy "title=Social media policy" "school=Test School" next_review_on=1/3/2027 >/dev/null
	add policy "title=Social media policy" "school=Elm Academy" next_review_on=1/4/2027 >/dev/null
	add policy "title=Online safety policy" next_review_on=1/5/2027 >/dev/null
	tui_start
	tui_keys V
	# The heading may show before the rows are painted: wait for a row.
	tui_wait_for "Online safety policy, every"
	expect_screen "Policy, school"
	expect_screen "Social media policy, Test School"
	expect_screen "Social media policy, Elm Academy"
	tui_quit
}

test_the_dsl_logs_a_report_and_an_action_and_a_governor_sees_only_the_count() {
	small_school
	add person "name=Dee Lead" "job_title=Deputy head" >/dev/null
	add pupil "name=Siân Evans" year_group=6 >/dev/null
	add_user dsl dsl "Dee Lead"
	add_user gov governor
	tui_start --as dsl
	open_register Contact "Contact reports: 0 current"
	tui_keys n
	tui_wait_for "new contact report"
	tui_keys Tab Tab
	tui_type Zo
	tui_wait_for "Zoë Adams"
	tui_keys Enter Tab
	tui_type Siân
	tui_wait_for "Siân Evans"
	tui_keys Enter Tab Tab Tab
	tui_type instagram
	tui_keys Tab Enter
	tui_wait_for "friend_request"
	tui_keys Down Enter Tab
	tui_type "Siân sent a friend request to Ms Adams's own account."
	tui_keys C-s
	tui_wait_for "Saved the contact report."
	tui_keys Enter
	tui_wait_for "Chronology"
	tui_keys n
	tui_wait_for "new action"
	tui_keys Tab Tab Tab Tab
	tui_type "Spoke to Ms Adams; the request was declined."
	tui_keys C-s
	tui_wait_for "Spoke to Ms Adams"
	expect_sql "SELECT count(*) FROM contact" "1"
	expect_sql "SELECT p.name, a.note FROM action a JOIN person p ON p.id = a.\"by\"" \
		"Dee Lead|Spoke to Ms Adams; the request was declined."
	expect_sql "SELECT count(*) FROM audit WHERE register = 'contact' AND action = 'open' AND login = 'dsl'" "1"
	tui_quit

	tui_start --as gov
	tui_wait_for "Contact reports"
	expect_screen "Contact reports        1"
	expect_no_screen "Siân"
	tui_keys R
	tui_wait_for "Esc:back"
	expect_no_screen "Contact reports"
	tui_quit
}

test_the_finder_puts_names_beginning_with_what_is_typed_first() {
	small_school
	add_user dsl dsl
	tui_start --as dsl
	# "act" is in "Contact reports" too, which comes first in the menu.
	open_register act "Actions: 0 current"
	tui_quit
}

# The register of channels open on facebook:StMarys, the first row, and
# instagram:StMarysSport, which Zoë Adams approved.
channels_open() {
	small_school
	add channel platform=instagram account=StMarysSport "approved_by=Zoë Adams" >/dev/null
	tui_start
	open_register Channels "Channels: 2 current"
}

test_a_filter_finds_as_you_type_and_escape_clears_it() {
	channels_open
	tui_keys /
	tui_wait_for "Filter:"
	# Typed in one go: the rows are the whole text's matches.
	tui_type "zoë"
	tui_wait_for "matching zoë"
	expect_screen "StMarysSport"
	expect_no_screen "StMarys "
	tui_keys Escape
	tui_wait_for "Channels: 2 current"
	expect_screen "StMarys "
	tui_quit
}

test_keys_typed_ahead_of_a_search_never_act_on_the_rows_before_it() {
	channels_open
	# The first row is facebook:StMarys; Enter before the search is read
	# must not open it, nor anything the filter did not find.
	# Help, asked for last, comes after whatever the Enters did.
	tui_keys / zoë Enter Enter "?"
	tui_wait_for "help for"
	tui_keys q
	tui_wait_for "StMarysSport"
	expect_no_screen "facebook:StMarys "
	expect_no_screen "Channel: facebook"
	tui_quit
}

test_a_key_that_does_nothing_never_leaves_a_search_unread() {
	channels_open
	tui_keys /
	tui_wait_for "Filter:"
	# Ctrl-Space reads as nothing; waiting behind the filter, it stops
	# the search, which is then read all the same.
	tui_keys zoë C-Space C-Space
	tui_wait_for "matching zoë"
	tui_quit
}

test_may_i_post_for_a_pupil_with_and_without_consent() {
	small_school
	add pupil "name=Zoë Nowak" year_group=2 >/dev/null
	add pupil "name=李雷" year_group=4 >/dev/null
	add consent "pupil=Zoë Nowak" "given_by=Ewa Nowak" uses=social_media >/dev/null
	tui_start
	tui_wait_for "Due-review warnings"
	tui_keys M
	tui_wait_for "Choose a channel and at least one pupil"
	tui_keys Enter
	tui_wait_for "facebook:StMarys"
	tui_keys Enter
	tui_keys a
	tui_type Nowak
	tui_wait_for "Zoë Nowak"
	tui_keys Enter
	tui_wait_for "YES: you may post"
	expect_screen "ok  Zoë Nowak: consent covers School social media"
	tui_keys a
	tui_type 李
	tui_wait_for "李雷"
	tui_keys Enter
	tui_wait_for "NO: do not post"
	expect_screen "no  李雷: no consent on record"
	tui_quit
}

run_tests
