# Screens that behave as people expect (issue 12): what a form does with
# typing, what "may I post?" shows, what messages say, and that every
# screen fits at 80x24 and at 60x15.
. "$(dirname "$0")/tmux.sh"

# leave_form_and_quit: discard the form on screen, then quit.
leave_form_and_quit() {
	tui_keys Escape
	tui_wait_for "Discard what you typed"
	tui_keys y
	tui_wait_gone "Discard what you typed"
	tui_quit
}

test_typing_into_a_prefilled_first_field_replaces_it() {
	fresh_register
	tui_start
	open_register Schools "Schools: 1 current"
	tui_keys e
	tui_wait_for "change school"
	tui_type "St Mary's"
	tui_wait_for "St Mary's"
	expect_no_screen "Test SchoolSt"
	tui_keys C-s
	tui_wait_for "Saved the school."
	expect_sql "SELECT name FROM school" "St Mary's"
	tui_quit
}

test_a_refusal_names_fields_by_their_labels() {
	fresh_register
	add person "name=Zoë Adams" started_on=1/9/2020 >/dev/null
	tui_start
	open_register People "People: 1 current"
	tui_keys e
	tui_wait_for "change person"
	tui_keys Tab Tab Tab Tab Tab Tab
	tui_type 1/1/2019
	tui_keys C-s
	tui_wait_for "Not saved: Left: is before Started"
	expect_no_screen "left_on"
	expect_no_screen "started_on"
	expect_sql "SELECT left_on IS NULL FROM person" "1"
	leave_form_and_quit
}

test_a_refusal_longer_than_the_screen_is_wrapped_whole_at_60x15() {
	fresh_register
	add channel platform=facebook account=StMarys opened_on=1/9/2020 >/dev/null
	tui_start --size 60x15
	open_register Channels "Channels: 1 current"
	tui_keys n
	tui_wait_for "new channel"
	tui_keys Tab
	tui_type facebook
	tui_keys Tab
	tui_type StMarys
	tui_keys C-s
	tui_wait_for "Not saved: Platform: another channel already has this"
	tui_wait_for "platform and account"
	expect_sql "SELECT count(*) FROM channel" "1"
	leave_form_and_quit
}

test_a_warning_about_the_file_shows_in_the_ui_not_on_stderr_under_it() {
	fresh_register
	chmod o+r "$DB"
	tui_start
	tui_wait_for "every user of this computer can read"
	tui_wait_for "Due-review warnings"
	grep -q "every user" "$TEST_ROOT/tui-stderr" &&
		fail "the warning went to stderr, under curses" "$(cat "$TEST_ROOT/tui-stderr")"
	# It goes with the next key, as any message does.
	tui_keys j
	tui_wait_gone "every user of this computer"
	tui_quit
}

test_marking_a_takedown_done_keeps_its_note_and_asks_who_did_it() {
	fresh_register
	add person "name=Jane Head" >/dev/null
	add pupil "name=Łukasz Nowak" >/dev/null
	add channel platform=facebook account=StMarys opened_on=1/9/2020 >/dev/null
	add takedown "pupil=Łukasz Nowak" channel=facebook:StMarys raised_on=20/11/2026 \
		"note=consent withdrawn" >/dev/null
	tui_start
	open_register Takedowns "Takedowns: 1 current"
	tui_keys c
	tui_wait_for "on which date?"
	tui_keys Enter
	# The note as it stands, to keep: not "Note ():" and empty.
	tui_wait_for "Note:"
	expect_no_screen "Note ()"
	tui_wait_for "consent withdrawn"
	tui_type "; checked"
	tui_keys Enter
	# This login is no person in the register: it is asked who did it.
	tui_wait_for "Done by"
	tui_type Jane
	tui_keys Enter
	tui_wait_for "Done: Łukasz Nowak from facebook:StMarys."
	expect_sql "SELECT t.done_on, t.note, p.name FROM takedown t JOIN person p ON p.id = t.done_by" \
		"2026-11-21|consent withdrawn; checked|Jane Head"
	tui_quit
}

# A Facebook page, Jane (not authorised to post) and five pupils, two of
# them without a consent.
five_pupils() {
	fresh_register
	add person "name=Jane Head" >/dev/null
	add channel platform=facebook account=StMarys opened_on=1/9/2020 >/dev/null
	for name in "Amy Able" "Ben Best" "Cara Cole" "Dan Dale" "Eve East"; do
		add pupil "name=$name" >/dev/null
	done
	for name in "Amy Able" "Ben Best" "Cara Cole"; do
		add consent "pupil=$name" "given_by=A parent" received_on=1/9/2026 uses=social_media >/dev/null
	done
}

# ask_may_i_post: the question asked, with all five pupils.
ask_may_i_post() {
	tui_wait_for "Due-review warnings"
	tui_keys M
	tui_wait_for "Pupils in the photo"
	tui_keys Enter
	tui_wait_for "Channel"
	tui_type face
	tui_wait_for "facebook:StMarys"
	tui_keys Enter
	tui_keys Tab Enter
	tui_type Jane
	tui_wait_for "Jane Head"
	tui_keys Enter
	for name in Amy Ben Cara Dan Eve; do
		tui_keys a
		tui_type "$name"
		tui_keys Enter
	done
	tui_wait_for "Eve East"
}

test_may_i_post_shows_every_no_first_at_80x24() {
	five_pupils
	tui_start
	ask_may_i_post
	tui_wait_for "NO: do not post"
	expect_screen "Dan Dale: no consent on record"
	expect_screen "Eve East: no consent on record"
	expect_screen "Jane Head: is not authorised to post"
	expect_screen "Amy Able: consent covers"
	# Every "no" comes before any "ok".
	local first_ok last_no
	first_ok=$(grep -n "^ *ok " <<<"$SCREEN" | head -1 | cut -d: -f1)
	last_no=$(grep -n "^ *no " <<<"$SCREEN" | tail -1 | cut -d: -f1)
	[ -n "$first_ok" ] && [ -n "$last_no" ] && [ "$last_no" -lt "$first_ok" ] ||
		fail "an ok comes before a no" "$SCREEN"
	tui_quit
}

test_may_i_post_scrolls_to_its_reasons_at_60x15() {
	five_pupils
	tui_start --size 60x15
	ask_may_i_post
	tui_wait_for "NO: do not post"
	tui_wait_for "more: Tab to the answer"
	# From the pupils, the answer.
	tui_keys Tab
	tui_wait_for "more: Down, PgDn"
	tui_keys Down
	tui_wait_for "Eve East: no consent on record"
	tui_keys End
	tui_wait_for "above: Up, PgUp"
	expect_screen "consent covers"
	tui_keys Home
	tui_wait_for "Dan Dale: no consent on record"
	tui_quit
}

test_choosing_from_a_list_stays_on_the_field_and_a_leaver_is_said_to_leave_the_list() {
	fresh_register
	add person "name=Gill Governor" >/dev/null
	tui_start
	open_register People "People: 1 current"
	tui_keys e
	tui_wait_for "change person"
	# Name, Job title, School, then Kind: Enter chooses and stays there.
	tui_keys Tab Tab Tab Enter
	tui_wait_for "volunteer"
	tui_keys Home Down Enter
	tui_wait_gone "volunteer"
	# So one Tab reaches E-mail, and the next one Started, not Left.
	tui_keys Tab Tab
	tui_type 1/9/2024
	tui_keys C-s
	tui_wait_for "Saved the person."
	expect_sql "SELECT kind, started_on, left_on IS NULL FROM person" "governor|2024-09-01|1"
	# A leaving date takes the record out of the list: the message says so.
	tui_keys e
	tui_wait_for "change person"
	tui_keys Tab Tab Tab Tab Tab Tab
	tui_type 20/11/2026
	tui_keys C-s
	tui_wait_for "Saved the person, now left: lists of current people no longer show it"
	tui_wait_for "People: 0 current"
	tui_quit
}

test_a_pick_list_opens_on_the_current_value_and_knows_home_and_end() {
	fresh_register
	add school "name=Alpha Academy" >/dev/null
	add school "name=Zeta Infants" >/dev/null
	add person "name=Gill Governor" "school=Test School" >/dev/null
	tui_start
	open_register People "People: 1 current"
	tui_keys e
	tui_wait_for "change person"
	tui_keys Tab Tab Enter
	tui_wait_for "Find:"
	# Enter at once keeps what the field held.
	tui_keys Enter
	tui_wait_gone "Find:"
	expect_screen "Test School"
	expect_no_screen "Alpha Academy"
	tui_keys Enter
	tui_wait_for "Find:"
	tui_keys End Enter
	tui_wait_for "Zeta Infants"
	tui_keys Enter
	tui_wait_for "Find:"
	tui_keys Home Enter
	tui_wait_for "Alpha Academy"
	tui_keys C-s
	tui_wait_for "Saved the person."
	expect_sql "SELECT s.name FROM person p JOIN school s ON s.id = p.school" "Alpha Academy"
	tui_quit
}

test_free_text_in_a_choice_picks_nothing_behind_your_back() {
	fresh_register
	tui_start
	new_channel_form
	tui_type facebook
	tui_keys Tab
	tui_type StMarys
	tui_keys Tab Tab Tab
	# Audience: typing finds among the choices; what fits none is said.
	tui_type "Parents and carers"
	tui_wait_for "nothing starts so; the choices: public, private or group"
	tui_keys Enter
	expect_screen "Find: Parents and carers"
	tui_keys Escape
	tui_wait_gone "Find:"
	tui_type pri
	tui_wait_for "Find: pri"
	tui_keys Enter
	tui_wait_gone "Find:"
	tui_keys C-s
	tui_wait_for "Saved the channel."
	expect_sql "SELECT audience FROM channel" "private"
	tui_quit
}

test_every_wrong_field_is_marked_at_once() {
	fresh_register
	tui_start
	open_register Policies "Policies: 0 current"
	tui_keys n
	tui_wait_for "new policy"
	# The title left empty, a cycle that is no number, a date that is none.
	tui_keys Tab Tab Tab Tab Tab
	tui_keys C-u
	tui_type twelve
	tui_keys Tab Tab
	tui_type 31/02/2026
	tui_keys C-s
	tui_wait_for "Not saved: 3 fields need putting right"
	expect_screen "\"twelve\""
	expect_screen "February 2026 has 28 days"
	expect_screen "is required"
	expect_sql "SELECT count(*) FROM policy" "0"
	leave_form_and_quit
}

test_a_form_at_60x15_gives_the_value_room_and_the_hint_its_short_form() {
	fresh_register
	tui_start --size 60x15
	new_channel_form
	tui_keys Tab
	# 22 characters: a value column of 15 cut it.
	tui_type StMarysPrimarySchoolPE
	tui_keys Tab Tab Tab
	# On Audience: the key to choose, without its words, and the date
	# understood, without its weekday.
	tui_wait_for "Enter"
	expect_screen "StMarysPrimarySchoolPE"
	expect_screen "21/11/2026                21/11/2026"
	expect_no_screen "Enter: choose"
	leave_form_and_quit
}

test_the_reason_for_a_change_is_asked_only_once_the_change_passes() {
	fresh_register
	add person "name=Dee Lead" >/dev/null
	add pupil "name=Siân Evans" >/dev/null
	add_user dsl dsl "Dee Lead"
	add_as dsl contact platform=instagram category=friend_request "summary=A request" \
		"reported_by=Dee Lead" "pupil=Siân Evans" >/dev/null
	tui_start --as dsl --size 80x40
	open_register Contact "Contact reports: 1 current"
	tui_keys e
	tui_wait_for "change contact report"
	# Status (the 15th field): closed, with no rationale yet.
	tui_keys Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Enter
	tui_wait_for "Find:"
	tui_type clo
	tui_keys Enter
	tui_wait_gone "Find:"
	tui_keys C-s
	# Both rules across fields are marked at once, the focus on the
	# first; no reason is asked yet.
	tui_wait_for "Not saved: 2 fields need putting right"
	expect_screen "a closed report needs the DSL's rationale"
	expect_no_screen "Why is this contact report being changed"
	tui_type "No referral: the pupil was spoken to."
	tui_keys Tab
	tui_wait_for "a closed report has a closing date"
	tui_type today
	tui_keys C-s
	tui_wait_for "Why is this contact report being changed"
	tui_type "closing it"
	tui_keys Enter
	tui_wait_for "Saved the contact report"
	expect_sql "SELECT status, rationale FROM contact" "closed|No referral: the pupil was spoken to."
	tui_quit
}

test_help_wraps_and_says_more_follows_at_60x15() {
	fresh_register
	tui_start --size 60x15
	tui_wait_for "Due-review warnings"
	tui_keys '?'
	tui_wait_for "help for"
	tui_wait_for "more below: Down, PgDn, End"
	tui_keys End
	tui_wait_for "more above: Up, PgUp, Home"
	# The last line, wrapped, not cut at the edge.
	expect_screen "2026-11-21, today, +30d, -2w, +6m or"
	expect_screen "+1y."
	expect_no_screen "…"
	tui_keys Escape
	tui_wait_for "Due-review warnings"
	tui_quit
}

test_an_empty_register_shows_the_first_steps_at_80x24_and_60x15() {
	fresh_register
	tui_start
	tui_wait_for "This register is empty. First steps:"
	expect_screen "2. The people: R, People"
	expect_screen "3. The channels: R, Channels"
	tui_resize 60 15
	tui_wait_for "Then this lists what falls due; ? shows the keys."
	expect_screen "This register is empty. First steps:"
	tui_quit
	# Once there is something in it, the counts come back.
	add person "name=Jane Head" >/dev/null
	tui_start
	tui_wait_for "Current records"
	expect_no_screen "First steps"
	tui_quit
}

# Six pupils without consent, a channel with its gaps, and a report the
# DSL has left open for 40 days.
busy_school() {
	fresh_register
	add person "name=Dee Lead" >/dev/null
	add_user dsl dsl "Dee Lead"
	add channel platform=facebook account=StMarys opened_on=1/9/2020 >/dev/null
	for name in "Amy Able" "Ben Best" "Cara Cole" "Dan Dale" "Eve East" "Fay Ford"; do
		add pupil "name=$name" >/dev/null
	done
	add_as dsl contact platform=instagram category=friend_request "summary=A request" \
		"reported_by=Dee Lead" "pupil=Amy Able" reported_on=12/10/2026 >/dev/null
}

test_the_dashboard_folds_a_rule_filters_and_shows_one_severity() {
	busy_school
	# Tall enough for the channel's warnings above the information lines.
	tui_start --size 80x40
	tui_wait_for "NO_CONSENT ×6  (Enter: show them)"
	expect_no_screen "Fay Ford"
	tui_keys /
	tui_type consent
	tui_keys Enter
	tui_wait_for "Filter: consent"
	expect_no_screen "facebook:StMarys"
	# The fold is the only line: Enter unfolds it, and again folds it.
	tui_keys Enter
	tui_wait_for "Fay Ford"
	expect_screen "NO_CONSENT ×6  (Enter: fold)"
	tui_keys Home Enter
	tui_wait_gone "Fay Ford"
	tui_keys Escape
	tui_wait_gone "Filter:"
	tui_wait_for "facebook:StMarys"
	# s: only overdue, then only due, then only for information.
	tui_keys s
	tui_wait_for "only overdue"
	expect_no_screen "NO_CONSENT"
	tui_keys s s
	tui_wait_for "only info"
	expect_screen "NO_CONSENT"
	tui_keys Escape
	tui_wait_gone "only info"
	tui_quit
}

test_the_dsls_dashboard_puts_the_dsls_own_work_first() {
	busy_school
	tui_start --as dsl --size 80x40
	tui_wait_for "Due-review warnings"
	tui_wait_for "Enter:open"
	local first
	first=$(grep -A2 "Due-review warnings" <<<"$SCREEN" | tail -1)
	case "$first" in
	*"Amy Able: open report"*) ;;
	*) fail "the DSL's first warning is not their open report: $first" "$SCREEN" ;;
	esac
	# The admin's work is left out, and said to be; a shows it after.
	expect_screen "about others' work, not shown (a: show all)"
	expect_no_screen "NO_CONSENT"
	tui_keys a
	tui_wait_for "NO_CONSENT"
	expect_no_screen "not shown (a: show all)"
	first=$(grep -A1 "Due-review warnings" <<<"$SCREEN" | tail -1)
	case "$first" in
	*"Amy Able: open report"*) ;;
	*) fail "with all shown, the DSL's own work is no longer first: $first" "$SCREEN" ;;
	esac
	tui_quit
}

test_the_dashboard_at_60x15_keeps_room_for_the_warnings() {
	busy_school
	tui_start --size 60x15
	tui_wait_for "Due-review warnings"
	# Sixteen registers' counts would fill the screen: two lines of
	# them, the rest said, and the warnings below.
	expect_screen "more: R opens them"
	expect_screen "Dee Lead: no induction recorded"
	tui_quit
}

test_the_dashboard_shows_one_rule_or_one_school_picked_from_a_list() {
	busy_school
	add school "name=Beck Academy" >/dev/null
	add person "name=Ann Beck" school=Beck kind=staff started_on=1/9/2020 >/dev/null
	tui_start --size 80x40
	tui_wait_for "NO_CONSENT ×6"
	tui_keys o
	tui_wait_for "Show one rule or one school"
	tui_type Beck
	tui_keys Enter
	tui_wait_for "Filter: Beck Academy  (Esc: all)"
	# Ann Beck's training, and Dee Lead's, who works across the schools.
	tui_wait_for "TRAINING_DUE ×6"
	expect_no_screen "facebook:StMarys"
	expect_no_screen "NO_CONSENT"
	# A rule with the school narrows to both; typed as the codes are
	# shown, in capitals or not.
	tui_keys o
	tui_wait_for "Show one rule or one school"
	tui_type no_cons
	tui_keys Enter
	tui_wait_for "Filter: NO_CONSENT at Beck Academy"
	tui_wait_for "No warning matches"
	tui_keys o
	tui_wait_for "Show one rule or one school"
	tui_type every
	tui_keys Enter
	tui_wait_gone "Filter:"
	tui_wait_for "NO_CONSENT ×6"
	expect_screen "facebook:StMarys"
	tui_quit
}

test_a_record_with_two_lists_opens_at_60x15_and_says_what_did_not_fit() {
	fresh_register
	add channel platform=facebook account=StMarys opened_on=1/9/2020 >/dev/null
	tui_start --size 60x15
	open_register Channels "Channels: 1 current"
	tui_keys Enter
	tui_wait_for "channel facebook:StMarys"
	tui_wait_for "more lines: v shows the whole record"
	expect_screen "Admins and posters"
	tui_resize 80 24
	tui_wait_for "Notes"
	expect_no_screen "more lines"
	tui_quit
}

test_the_review_calendar_at_60x15_keeps_room_for_the_titles() {
	fresh_register
	add policy "title=Acceptable use (staff)" approved_on=1/10/2026 >/dev/null
	add policy "title=Acceptable use (pupils)" approved_on=1/10/2026 >/dev/null
	tui_start --size 60x15
	tui_wait_for "Due-review warnings"
	tui_keys V
	tui_wait_for "policy review calendar"
	tui_wait_for "Acceptable use (staff)"
	expect_screen "Acceptable use (pupils)"
	tui_quit
}

run_tests
