# A safeguarding record that stands up in a review (issue 11): who a report
# is about, the chronology, closing and reopening, amendments, the whole
# record as text, JSON and HTML, and concerns about staff, tried as each
# real user through every way in.
. "$(dirname "$0")/../lib.sh"

# One register for every test, copied for each: people, the school's head
# and chair, a user for each, and reports about a former pupil, a member of
# staff, the head teacher and the DSL.
build_register() {
	fresh_register
	add person name="Helen Head" job_title="Head teacher" >/dev/null
	add person name="Cara Chair" kind=governor >/dev/null
	add person name="Dee Dsl" job_title="Deputy head" >/dev/null
	add person name="Sam Staff" >/dev/null
	add person name="Tom Teacher" >/dev/null
	run_ok set school "Test School" head="Helen Head" chair="Cara Chair"
	add_user head staff "Helen Head"
	add_user chair governor "Cara Chair"
	add_user dsl dsl "Dee Dsl"
	add_user sam staff "Sam Staff"
	add_user tom staff "Tom Teacher"
	add_user gov governor
	run_ok set user "$(id -un)" person="Helen Head" --reason "the admin is the head"
	FORMER=$(add_as sam contact platform=facebook category=friend_request \
		pupil_name="Zara Former" pupil_status=former summary="A friend request from a former pupil" \
		words="can we be friends?")
	ABOUT_TOM=$(add_as sam contact platform=instagram category=other concerns="Tom Teacher" \
		summary="Tom follows pupils from a personal account")
	ABOUT_HEAD=$(add_as dsl contact platform=x category=other concerns="Helen Head" \
		reported_by="Dee Dsl" summary="The head posted a class photo on a personal account")
	ABOUT_DSL=$(add_as sam contact platform=x category=other concerns="Dee Dsl" \
		summary="The DSL messaged a parent late at night")
	add_as dsl action contact="$ABOUT_HEAD" kind=shared_with with_whom="Cara Chair" \
		note="Told the chair of governors, as the policy says" >/dev/null
	[ -n "$FORMER" ] && [ -n "$ABOUT_TOM" ] && [ -n "$ABOUT_HEAD" ] && [ -n "$ABOUT_DSL" ] ||
		fail "could not set up the register"
	cp "$DB" "$TEST_ROOT/base.db"
	printf 'FORMER=%s\nABOUT_TOM=%s\nABOUT_HEAD=%s\nABOUT_DSL=%s\n' \
		"$FORMER" "$ABOUT_TOM" "$ABOUT_HEAD" "$ABOUT_DSL" >"$TEST_ROOT/ids"
}

# A copy of the register built once.
copy_register() {
	DB="$TEST_ROOT/register-$BASHPID-$RANDOM.db"
	cp "$TEST_ROOT/base.db" "$DB"
	export SMREG_DB="$DB"
	. "$TEST_ROOT/ids"
}

test_a_former_pupil_is_named_in_every_list_format() {
	copy_register
	run_as dsl list contact
	expect_out "Zara Former (form…"
	run_as dsl list contact --format csv
	expect_out ",Zara Former (former pupil),"
	run_as dsl list contact --format json
	expect_out '"pupil": "Zara Former (former pupil)"'
	# Who a report about staff is about shows too.
	expect_out '"pupil": "staff: Tom Teacher"'
	# And the child's own words are kept, and shown.
	run_as dsl show contact "$FORMER"
	expect_out "can we be friends?"
}

test_show_and_chronology_print_long_text_whole() {
	copy_register
	local summary line
	summary=""
	for line in $(seq 1 25); do
		summary+="Ligne $line: Zoë a écrit « rendez-vous » à 李雷 après l'école, puis a supprimé le message. "
		[ $((line % 5)) -eq 0 ] && summary+=$'\n'
	done
	[ ${#summary} -ge 2000 ] || fail "the summary is only ${#summary} characters"
	run_as dsl set contact "$FORMER" summary="$summary" --reason "the full account"
	[ "$STATUS" -eq 0 ] || fail "could not set the summary: $ERR"
	local note="Spoke to Zoë's mother at 15:20; she will keep the messages. $(printf 'x%.0s' $(seq 1 120)) end of note"
	run_as dsl add action contact="$FORMER" kind=parent_informed time=15:20 note="$note"
	run_as dsl show contact "$FORMER"
	expect_out "Ligne 25: Zoë a écrit « rendez-vous » à 李雷"
	expect_out "end of note"
	run_as dsl chronology "$FORMER"
	expect_out "Ligne 13: Zoë"
	expect_out "$note"
	# Each line of the summary, indented under its label, whole.
	expect_out "Ligne 6: Zoë a écrit « rendez-vous » à 李雷 après l'école, puis a supprimé le message."
}

test_the_chronology_records_time_kind_and_who() {
	copy_register
	run_as dsl add action contact="$FORMER" kind=referral_made with_whom="Children's social care" \
		note="Referred by phone"
	[ "$STATUS" -eq 0 ] || fail "could not add the entry: $ERR"
	expect_sql "SELECT kind, with_whom, (SELECT name FROM person WHERE id = \"by\"), role, time GLOB '[0-2][0-9]:[0-5][0-9]'
		FROM action WHERE note = 'Referred by phone'" "referral_made|Children's social care|Dee Dsl|dsl|1"
	# Who recorded it is filled in, never typed.
	snapshot
	run_as dsl add action contact="$FORMER" note="Someone else" by="Sam Staff"
	expect_refused 3 by "filled in by smreg"
	run_as dsl add action contact="$FORMER" note="A role" role=admin
	expect_refused 3 role "filled in by smreg"
	run_as dsl add action contact="$FORMER" note="Late" time=25:00
	expect_refused 3 time "is not a time of day"
	run_as dsl add action contact="$FORMER" note="Odd" kind=gossip
	expect_refused 3 kind
	expect_unchanged
}

test_closing_and_reopening_enter_the_chronology() {
	copy_register
	run_as dsl set contact "$FORMER" status=closed closed_on=today action_taken="Blocked the account" \
		rationale="No risk to the child; the request was declined" parent_informed=yes \
		parent_informed_on=today --reason "closing"
	[ "$STATUS" -eq 0 ] || fail "could not close: $ERR"
	expect_sql "SELECT kind, role FROM action WHERE contact = '$FORMER'" "closed|dsl"
	expect_sql "SELECT note LIKE '%Outcome: Blocked the account%Rationale: No risk%Parent or carer informed on %Not referred.%'
		FROM action WHERE contact = '$FORMER' AND kind = 'closed'" "1"
	run_as dsl set contact "$FORMER" status=open closed_on= --reason "the pupil wrote again"
	[ "$STATUS" -eq 0 ] || fail "could not reopen: $ERR"
	expect_sql "SELECT note FROM action WHERE contact = '$FORMER' AND kind = 'reopened'" \
		"Reopened: the pupil wrote again."
	# smreg close closes the same way, asking what closing asks, in one change.
	snapshot
	run_as dsl close contact "$FORMER" --note "Resolved" summary="rewritten"
	expect_refused 2 summary "is not asked when a contact report is closed"
	expect_unchanged
	run_as dsl close contact "$FORMER" --note "Resolved" parent_informed=yes \
		parent_informed_on=today referred_to="Children's social care"
	[ "$STATUS" -eq 0 ] || fail "could not close with its fields: $ERR"
	expect_sql "SELECT status, parent_informed, referred_to FROM contact WHERE id = '$FORMER'" \
		"closed|1|Children's social care"
	expect_sql "SELECT count(*) FROM action WHERE contact = '$FORMER' AND kind = 'closed'
		AND note LIKE '%Referred to: Children''s social care.%'" "1"
	expect_sql "SELECT count(*) FROM action WHERE contact = '$FORMER' AND kind = 'closed'" "2"
	run_as dsl chronology "$FORMER"
	expect_out "reopened"
	expect_out "Reopened: the pupil wrote again."
}

test_amendments_keep_the_earlier_text() {
	copy_register
	run_as dsl set contact "$FORMER" summary="A friend request, and two messages" --reason "more was found"
	run_as dsl chronology "$FORMER"
	expect_out "amended on "
	expect_out "by Dee Dsl"
	expect_out "reason: more was found"
	expect_out "earlier: A friend request from a former pupil"
	expect_out "now: A friend request, and two messages"
	run_as dsl chronology "$FORMER" --format json
	expect_out '"before": "A friend request from a former pupil"'
	expect_out '"reason": "more was found"'
	# A yes or no reads as the record shows it, not as the 0 or 1 kept.
	run_as dsl set contact "$FORMER" parent_informed=yes --reason "the mother was phoned"
	run_as dsl chronology "$FORMER"
	expect_out "earlier: no"
	expect_out "now: yes"
}

test_an_amended_entry_says_so_in_its_place() {
	copy_register
	run_as dsl set contact "$FORMER" summary="A friend request, and two messages" --reason "more was found"
	local entry
	entry=$(add_as dsl action contact="$FORMER" kind=advice_given note="Advised to decline")
	run_as dsl set action "$entry" note="Advised to decline and not to reply" --reason "said more"
	run_as dsl chronology "$FORMER"
	# The report says it under its fields, the entry under its note.
	local fields entries
	fields=$(sed -n '1,/^Chronology (/p' <<<"$OUT")
	entries=$(sed -n '/^Chronology (/,/^Amendments (/p' <<<"$OUT")
	case "$fields" in *"amended on "*" by Dee Dsl: more was found"*) ;; *) fail "the report does not say it was amended" "$OUT" ;; esac
	case "$fields" in *"said more"*) fail "the entry's amendment is under the report" "$OUT" ;; esac
	case "$entries" in *"Advised to decline and not to reply"*"    amended on "*" by Dee Dsl: said more"*) ;;
		*) fail "the entry does not say it was amended" "$OUT" ;; esac
	expect_out "earlier: Advised to decline"
	run_as dsl chronology "$FORMER" --format html
	expect_out "by Dee Dsl: said more"
}

test_the_chronology_is_audited_with_its_openings() {
	copy_register
	run_as dsl chronology "$FORMER"
	[ "$STATUS" -eq 0 ] || fail "chronology failed: $ERR"
	expect_sql "SELECT count(*) FROM audit WHERE action = 'open' AND record_id = '$FORMER' AND login = 'dsl'" "1"
	expect_sql "SELECT count(*) FROM audit WHERE action = 'read' AND login = 'dsl'
		AND json_extract(after, '$.read') = 'chronology' AND json_extract(after, '$.where.id') = '$FORMER'" "1"
	run_as dsl chronology "$FORMER"
	expect_out "Opened (4)"
	expect_out "chronology  Dee Dsl"
	# Refused, nothing is shown and nothing recorded as read.
	snapshot
	run_as gov chronology "$FORMER"
	expect_refused 4
	run_as dsl chronology "$FORMER" --format pdf
	expect_refused 2 --format
	expect_unchanged
}

test_the_html_record_prints_on_a4_whole() {
	copy_register
	command -v chromium >/dev/null || { echo "# no chromium"; return 0; }
	local summary line text pages
	summary=""
	for line in $(seq 1 40); do
		summary+="Ligne $line: Zoë a écrit à 李雷 après l'école. "
		[ $((line % 4)) -eq 0 ] && summary+=$'\n'
	done
	run_as dsl set contact "$FORMER" summary="$summary" --reason "the full account"
	for line in $(seq 1 30); do
		run_as dsl add action contact="$FORMER" kind=note note="Entry $line: checked the messages with Zoë."
	done
	run_as dsl chronology "$FORMER" --format html
	[ "$STATUS" -eq 0 ] || fail "html failed: $ERR"
	printf '%s\n' "$OUT" >"$TEST_ROOT/record.html"
	grep -q '<script\|src="http\|href="http' "$TEST_ROOT/record.html" && fail "the page is not self-contained"
	text=$(browser_text "$TEST_ROOT/record.html")
	pages=$(printf '%s' "$text" | tr -cd '\f' | wc -c)
	[ "$pages" -ge 1 ] || fail "it printed on one page only"
	# Every page carries the report's reference and its number.
	printf '%s' "$text" | awk -v RS='\f' -v id="$FORMER" 'NF && index($0, id) == 0 { bad = 1 } END { exit bad }' ||
		fail "a page lacks the reference $FORMER"
	case "$text" in *"Page 1 of $pages"*"Page $pages of $pages"*) ;; *) fail "no 'Page N of $pages'" ;; esac
	# The summary whole, however the page wrapped it.
	local flat want dom
	flat=$(printf '%s' "$text" | tr -d ' \n\f')
	want=$(printf '%s' "$summary" | tr -d ' \n')
	case "$flat" in *"$want"*) ;; *) fail "the summary is not whole in the printed page" ;; esac
	# Tables print side by side: their cells are read from the document.
	dom=$(browser_dom "$TEST_ROOT/record.html")
	case "$dom" in *"<td>Entry 30: checked the messages with Zoë.</td>"*) ;; *) fail "the last entry is missing" ;; esac
	case "$dom" in *"reason: the full account"*) ;; *) fail "the amendment is missing" "$(printf "%s" "$dom" | grep -n -A3 Amended | head -20)" ;; esac
	browser_shot "$TEST_ROOT/record.html" "$TEST_ROOT/record.png"
	[ -z "${KEEP_SHOT:-}" ] || cp "$TEST_ROOT/record.png" "$KEEP_SHOT"
}

# Each user who must not read a report, through each way in: show, list,
# a search, export, the chronology, a reference in a field, the audit.
expect_hidden() { # LOGIN REPORT WORD
	local login=$1 report=$2 word=$3
	run_as "$login" show contact "$report"
	[ "$STATUS" -ne 0 ] || fail "$login can show $report"
	run_as "$login" chronology "$report"
	[ "$STATUS" -ne 0 ] || fail "$login can read the chronology of $report"
	run_as "$login" list contact --all --filter "$word"
	expect_no_out "$word"
	run_as "$login" list contact --all --format json
	expect_no_out "$report"
	run_as "$login" export contact --format json
	expect_no_out "$report"
	run_as "$login" list action --all --format json
	expect_no_out "$report"
	run_as "$login" add action contact="$report" note="x"
	[ "$STATUS" -ne 0 ] || fail "$login can add to $report"
	case "$ERR" in *"$word"*) fail "$login was told of $word: $ERR" ;; esac
	run_as "$login" audit --register contact --format json
	expect_no_out "$report"
	run_as "$login" due --within 400 --format csv
	expect_no_out "$report"
}

expect_readable() { # LOGIN REPORT WORD
	run_as "$1" show contact "$2"
	[ "$STATUS" -eq 0 ] || fail "$1 cannot show $2: $ERR"
	expect_out "$3"
	run_as "$1" list contact --all --filter "$3"
	expect_out "${2:0:8}"
	run_as "$1" chronology "$2"
	[ "$STATUS" -eq 0 ] || fail "$1 cannot read the chronology of $2: $ERR"
}

test_a_concern_about_staff_goes_to_the_head_and_the_dsl() {
	copy_register
	expect_readable dsl "$ABOUT_TOM" "Tom follows"
	expect_readable head "$ABOUT_TOM" "Tom follows"
	expect_hidden tom "$ABOUT_TOM" "Tom follows"
	# The member of staff who filed it does not read it back.
	expect_hidden sam "$ABOUT_TOM" "Tom follows"
	expect_hidden chair "$ABOUT_TOM" "Tom follows"
	expect_hidden gov "$ABOUT_TOM" "Tom follows"
	# The head reads it, but only the DSL writes to it.
	run_as head set contact "$ABOUT_TOM" status=monitoring --reason "mine now"
	expect_status 4
}

test_a_concern_about_the_head_goes_to_the_chair_never_the_head() {
	copy_register
	expect_readable dsl "$ABOUT_HEAD" "The head posted"
	expect_readable chair "$ABOUT_HEAD" "The head posted"
	run_as chair chronology "$ABOUT_HEAD"
	expect_out "Told the chair of governors"
	# The head teacher, though admin too (this login), never reads it.
	run show contact "$ABOUT_HEAD"
	[ "$STATUS" -ne 0 ] || fail "the admin who is the head can show it"
	expect_hidden head "$ABOUT_HEAD" "The head posted"
	expect_hidden tom "$ABOUT_HEAD" "The head posted"
	expect_hidden gov "$ABOUT_HEAD" "The head posted"
}

test_the_dsl_never_reads_a_concern_about_themselves() {
	copy_register
	expect_hidden dsl "$ABOUT_DSL" "messaged a parent"
	expect_readable head "$ABOUT_DSL" "messaged a parent"
	# Nor a DSL who is admin too.
	run set user dsl roles="admin;dsl" --reason "covering"
	expect_hidden dsl "$ABOUT_DSL" "messaged a parent"
	# Nor by reading the audit trail of its changes.
	run_as head chronology "$ABOUT_DSL" >/dev/null
	run_as dsl audit --register contact --record "$ABOUT_DSL"
	[ "$STATUS" -ne 0 ] || fail "the DSL reads the trail of a concern about them"
}

test_governors_count_staff_concerns_apart_as_numbers() {
	copy_register
	run_as gov list
	expect_out "contact                1"
	expect_out "contact (about staff)  3"
	expect_no_out "Tom"
	run_as gov list contact
	expect_refused 4
}

build_register
run_tests
