# References as staff type them (issue 12.13): the unique start of a name,
# of a word in it, or a channel's platform alone; several candidates are
# listed; can-post checks the asker as poster; a DSL shows a contact report
# by its pupil's name.
. "$(dirname "$0")/../lib.sh"

# One register, built once and copied for each test.
build_school() {
	fresh_register
	add person "name=Jane Head" >/dev/null
	add person "name=Sam Staff" >/dev/null
	add person "name=Dee Lead" >/dev/null
	add_user staff staff "Sam Staff"
	add_user dsl dsl "Dee Lead"
	add channel platform=facebook account=StMarysPrimary opened_on=1/9/2020 >/dev/null
	add channel platform=instagram account=StMarys opened_on=1/9/2020 >/dev/null
	add channel platform=instagram account=StMarysPE opened_on=1/9/2020 >/dev/null
	add pupil "name=Łukasz Nowak" >/dev/null
	add consent "pupil=Łukasz Nowak" "given_by=Mrs Nowak" received_on=1/9/2026 \
		"uses=social_media" >/dev/null
	add authorisation "person=Jane Head" channel=facebook kind=poster "authorised_by=Jane Head" \
		granted_on=1/9/2025 >/dev/null
	add_as dsl contact platform=instagram category=friend_request "summary=A request" reported_by=Dee \
		"pupil=Łukasz Nowak" >/dev/null
	add person "name=Zoë Ödegaard" >/dev/null
	add person "name=Σοφία Παππά" >/dev/null
	add person "name=Дмитрий Иванов" >/dev/null
	cp "$DB" "$TEST_ROOT/school.db"
}
build_school
school() {
	DB="$TEST_ROOT/case-$BASHPID.db"
	export SMREG_DB="$DB"
	cp "$TEST_ROOT/school.db" "$DB"
}

test_a_channel_by_its_platform_and_a_pupil_by_part_of_the_name() {
	school
	run can-post Nowak --channel facebook --by Jane
	expect_status 0
	expect_out "YES: you may post"
	expect_out "Łukasz Nowak"
	expect_out "Jane Head: is authorised to post on facebook:StMarysPrimary"
	run can-post Łuk --channel FACEBOOK --by "jane h"
	expect_status 0
}

test_a_name_in_capitals_is_found_beyond_ascii() {
	school
	local typed
	for typed in "ZOË ÖDEGAARD" "zoë" "ÖDEGAARD" "ΣΟΦΊΑ ΠΑΠΠΆ" "σοφία" "ДМИТРИЙ" "иванов"; do
		run show person "$typed"
		expect_status 0
	done
	run show person "ZOË"
	expect_out "Zoë Ödegaard"
	run show person "ПАППА"
	expect_status 3
}

test_several_candidates_are_listed() {
	school
	run can-post Nowak --channel instagram
	expect_refused 3 channel "could be more than one channel"
	expect_err "instagram:StMarys ("
	expect_err "instagram:StMarysPE ("
	# This login is no person: no poster to check.
	run can-post Nowak --channel instagram:StMarysP
	expect_status 0
	expect_out "instagram:StMarysPE: the channel is open"
}

test_can_post_checks_the_asker_as_the_poster_unless_by_says() {
	school
	run_as staff can-post Nowak --channel facebook
	expect_status 1
	expect_out "NO: do not post"
	expect_out "Sam Staff: is not authorised to post on facebook:StMarysPrimary"
	run_as staff can-post Nowak --channel facebook --by Jane
	expect_status 0
	expect_no_out "Sam Staff"
}

test_a_dsl_shows_a_contact_report_by_the_pupils_name_and_it_is_audited() {
	school
	run_as dsl show contact "Łukasz Nowak"
	expect_status 0
	expect_out "A request"
	expect_sql "SELECT count(*) FROM audit WHERE register = 'contact' AND action = 'open'" "1"
	# Staff who did not file it are told there is none, as for any name.
	run_as staff show contact "Łukasz Nowak"
	expect_refused 3 contact "there is no contact report called"
}

run_tests
