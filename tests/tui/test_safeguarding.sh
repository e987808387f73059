# The safeguarding record in the terminal UI (issue 11): a long summary
# typed into the multi-line editor, read back whole at 80x24 and 120x40 on
# the whole-record screen, and written to a file from it, audited.
. "$(dirname "$0")/tmux.sh"

# Two thousand characters and more, with line breaks, accents and CJK.
long_summary() {
	local i
	for i in $(seq 1 22); do
		printf 'Ligne %d: Zoë a écrit à 李雷 « viens » puis a tout effacé. ' "$i"
		[ $((i % 6)) -eq 0 ] && printf '\n'
	done
	printf 'Fin.'
}

test_a_long_summary_is_typed_in_the_editor_and_read_back_whole() {
	fresh_register
	add person name="Dee Lead" >/dev/null
	add person name="Sam Staff" >/dev/null
	add_user dsl dsl "Dee Lead"
	add_as dsl contact reported_by="Sam Staff" pupil_name="Li Lei" platform=x \
		category=other summary="." >/dev/null
	local summary
	summary=$(long_summary)
	[ ${#summary} -ge 1200 ] || fail "the summary is short: ${#summary}"
	tui_start --as dsl
	open_register Contact "Sam Staff"
	tui_keys e
	tui_wait_for "change contact report"
	# To the summary, and into its editor.
	tui_keys Tab Tab Tab Tab Tab Tab Tab Tab C-o
	tui_wait_for "row 1 of 1"
	tui_keys BSpace
	local line
	while IFS= read -r line; do
		tui_type "$line"
		tui_keys Enter
	done <<<"$summary"
	tui_keys BSpace
	tui_wait_for "Fin."
	# Home/End and the arrows move; what is typed goes where the cursor is.
	tui_keys Up Home
	tui_type "»"
	tui_keys BSpace End
	tui_keys C-s
	tui_wait_for "Why is this contact report being changed?"
	tui_type "the full account"
	tui_keys Enter
	tui_wait_for "Saved the contact report."
	expect_sql "SELECT summary = '${summary//\'/\'\'}' FROM contact" "1"
	tui_keys Enter
	tui_wait_for "Chronology"
	tui_keys v
	tui_wait_for "whole contact report"
	expect_screen "Ligne 1: Zoë a écrit à 李雷"
	expect_sql "SELECT count(*) FROM audit WHERE login = 'dsl' AND json_extract(after, '$.read') = 'chronology'" "1"
	# Every line of it shows on the way down, none cut.
	local seen=""
	for _ in $(seq 1 12); do
		tui_screen
		seen+=$SCREEN
		tui_keys PageDown
	done
	for i in $(seq 1 22); do
		case "$seen" in *"Ligne $i: Zoë"*) ;; *) fail "Ligne $i never showed at 80x24" ;; esac
	done
	case "$seen" in *"Fin."*) ;; *) fail "the end never showed at 80x24" ;; esac
	# The same, wider.
	tui_resize 120 40
	tui_keys PageUp PageUp PageUp PageUp PageUp PageUp
	tui_wait_for "Ligne 1: Zoë"
	seen=""
	for _ in $(seq 1 6); do
		tui_screen
		seen+=$SCREEN
		tui_keys PageDown
	done
	for i in $(seq 1 22); do
		case "$seen" in *"Ligne $i: Zoë"*) ;; *) fail "Ligne $i never showed at 120x40" ;; esac
	done
	# w writes it, as HTML, to a new file; that is recorded.
	tui_keys w
	tui_wait_for "to which new file?"
	tui_keys C-u
	tui_type "$TEST_ROOT/record.html"
	tui_keys Enter
	tui_wait_for "Wrote "
	grep -q "Ligne 22: Zoë a écrit à 李雷" "$TEST_ROOT/record.html" || fail "the file lacks the summary"
	expect_sql "SELECT count(*) FROM audit WHERE login = 'dsl' AND json_extract(after, '$.read') = 'chronology file'" "1"
	# Never over a file that is there.
	tui_keys w
	tui_wait_for "to which new file?"
	tui_keys C-u
	tui_type "$TEST_ROOT/record.html"
	tui_keys Enter
	tui_wait_for "choose another name"
	tui_quit
}

test_the_record_screen_wraps_long_fields_and_an_entry_opens_whole() {
	fresh_register
	add person name="Dee Lead" >/dev/null
	add person name="Sam Staff" >/dev/null
	add_user dsl dsl "Dee Lead"
	local run=一二三四五六七八九十 note="" i
	for i in $(seq 1 12); do
		note+="Ligne $i: Zoë a écrit à 李雷 « viens » puis a tout effacé. "
	done
	local id
	id=$(add_as dsl contact reported_by="Sam Staff" pupil_name="Li Lei" platform=x \
		category=other summary="Ligne 1: Zoë a écrit.
Ligne 2: $run$run$run$run")
	add_as dsl action contact="$id" kind=note note="$note$run$run$run$run Fin." >/dev/null
	tui_start --as dsl
	open_register Contact "Sam Staff"
	tui_keys Enter
	tui_wait_for "Chronology"
	# The summary wraps beside its label, its line break kept, the CJK
	# broken where it must be: all four runs show, none cut.
	expect_screen "Ligne 2:"
	[ "$(grep -o "$run" <<<"$SCREEN" | wc -l)" -eq 4 ] || fail "the summary is cut" "$SCREEN"
	expect_no_screen "more lines"
	# Enter on the chronology's row opens the entry, its note whole.
	tui_keys Enter
	tui_wait_for "Ligne 12: Zoë"
	expect_screen "Fin."
	[ "$(grep -o "$run" <<<"$SCREEN" | wc -l)" -eq 4 ] || fail "the note is cut" "$SCREEN"
	# Smaller, what does not fit is marked; the entry scrolls to it, and v
	# shows it all too.
	tui_resize 60 15
	tui_wait_for "(arrows scroll; v shows all)"
	expect_screen "lines 1-"
	expect_no_screen "Fin."
	tui_keys PageDown PageDown PageDown PageDown
	tui_wait_for "Fin."
	tui_keys Home
	tui_wait_for "lines 1-"
	tui_keys v
	tui_wait_for "whole action"
	tui_keys PageDown PageDown PageDown
	tui_wait_for "Fin."
	tui_keys Escape
	tui_resize 80 24
	tui_wait_for "Ligne 12: Zoë"
	expect_no_screen "more lines"
	tui_quit
}

test_an_entry_is_amended_from_the_chronology_with_its_reason() {
	fresh_register
	add person name="Dee Lead" >/dev/null
	add person name="Sam Staff" >/dev/null
	add_user dsl dsl "Dee Lead"
	local id
	id=$(add_as dsl contact reported_by="Sam Staff" pupil_name="Li Lei" platform=x \
		category=other summary="A direct message")
	add_as dsl action contact="$id" kind=parent_informed note="Phoned Zoë's mother at 15:20" >/dev/null
	tui_start --as dsl --size 100x60
	open_register Contact "Sam Staff"
	tui_keys Enter
	tui_wait_for "a:amend"
	tui_keys a
	tui_wait_for "change action"
	# To the note, and into its editor: the cursor is at its end.
	tui_keys Tab Tab Tab Tab C-o
	tui_wait_for "row 1 of 1"
	tui_type " (corrected: 15:40)"
	tui_keys C-s
	tui_wait_for "Why is this action being changed?"
	tui_type "the time was wrong"
	tui_keys Enter
	tui_wait_for "Saved the action."
	expect_sql "SELECT note FROM action" "Phoned Zoë's mother at 15:20 (corrected: 15:40)"
	expect_sql "SELECT reason, json_extract(before, '$.note') FROM audit WHERE action = 'update' AND register = 'action'" \
		"the time was wrong|Phoned Zoë's mother at 15:20"
	# The whole record shows the amendment, its reason and the earlier text.
	tui_keys v
	tui_wait_for "Amendments (1)"
	expect_screen "reason: the time was wrong"
	expect_screen "earlier: Phoned Zoë's mother at 15:20"
	tui_quit
}

test_the_head_sees_a_concern_about_staff_filed_while_smreg_is_open() {
	fresh_register
	add person name="Helen Head" >/dev/null
	add person name="Dee Dsl" >/dev/null
	add person name="Tom Teacher" >/dev/null
	run_ok set school "Test School" head="Helen Head"
	add_user head staff "Helen Head"
	add_user dsl dsl "Dee Dsl"
	tui_start --as head
	open_register Contact "Contact"
	expect_no_screen "Tom Teacher"
	# Filed by the DSL in another session while the head's is open.
	add_as dsl contact platform=x category=other concerns="Tom Teacher" \
		reported_by="Dee Dsl" summary="Tom follows pupils from a personal account" >/dev/null
	tui_keys j
	tui_wait_for "staff: Tom Teac"
	tui_keys Enter
	tui_wait_for "Tom follows pupils"
	expect_sql "SELECT count(*) FROM audit WHERE login = 'head' AND action = 'open' AND register = 'contact'" "1"
	tui_quit
}

test_closing_is_one_form_that_enters_the_chronology() {
	fresh_register
	add person name="Dee Lead" >/dev/null
	add person name="Sam Staff" >/dev/null
	add_user dsl dsl "Dee Lead"
	add_as dsl contact reported_by="Sam Staff" pupil_name="Li Lei" platform=x \
		category=other summary="A direct message" >/dev/null
	tui_start --as dsl --size 60x15
	open_register Contact "Sam Staff"
	tui_keys Enter
	tui_wait_for "Chronology"
	tui_keys c
	tui_wait_for "close contact report"
	expect_screen "Parent told on"
	tui_type "Blocked the account"
	tui_keys Tab
	tui_keys y Tab
	tui_type today
	tui_keys Tab
	tui_type "Children's social care"
	tui_keys Tab C-s
	# The rationale is required: the form says so and stays.
	tui_wait_for "Not saved: Rationale"
	expect_sql "SELECT status FROM contact" "open"
	tui_type "Declined the request; no risk"
	tui_keys C-s
	tui_wait_for "Saved the contact report, now closed"
	expect_sql "SELECT status, action_taken, parent_informed, referred_to, rationale FROM contact" \
		"closed|Blocked the account|1|Children's social care|Declined the request; no risk"
	expect_sql "SELECT kind FROM action" "closed"
	tui_quit
}

run_tests
