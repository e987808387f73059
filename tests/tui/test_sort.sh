# Sorting a list by a column (issue 16.4): s sorts the DSL's actions by
# their report, by the name of the pupil it is about, S the other way; a
# pupil renamed by another process moves their actions where the new name
# sorts, without a key pressed.
. "$(dirname "$0")/tmux.sh"

# Three reports, one about a pupil not on the register, an action each.
three_reports() {
	fresh_register
	add person name="Dee Lead" >/dev/null
	add_user dsl dsl "Dee Lead"
	add pupil name="Zoë Young" >/dev/null
	add pupil name="Ann Smith" >/dev/null
	local pupil report
	for pupil in "pupil=Zoë Young" "pupil=Ann Smith" "pupil_name=Mia Former"; do
		report=$(add_as dsl contact reported_by="Dee Lead" "$pupil" platform=x category=other \
			summary="A message")
		add_as dsl action contact="$report" note="Noted" >/dev/null
	done
}

# first_rows: the first word of each of the list's first three rows.
first_rows() {
	tui_screen
	printf '%s\n' "$SCREEN" | sed -n '3,5p' | cut -d' ' -f1 | tr '\n' ' '
}

test_actions_sort_by_their_report_and_follow_a_rename() {
	register_once three_reports
	tui_start --as dsl
	open_register Actions "Actions: 3 current"
	tui_keys s
	tui_wait_for "Report ▲"
	[ "$(first_rows)" = "Ann Mia Zoë " ] || fail "actions by report, A to Z" "$SCREEN"
	tui_keys S
	tui_wait_for "Report ▼"
	[ "$(first_rows)" = "Zoë Mia Ann " ] || fail "actions by report, Z to A" "$SCREEN"
	tui_keys S
	tui_wait_for "Report ▲"
	run_ok set pupil "Ann Smith" name="Zara Smith"
	tui_wait_for "Zara Smith"
	[ "$(first_rows)" = "Mia Zara Zoë " ] || fail "a renamed pupil's action sorts by the new name" "$SCREEN"
	tui_quit
}

run_tests
