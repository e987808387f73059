# Subject access: smreg sar gathers what the register holds about one pupil
# or person, puts contact reports in a section for the DSL's review with
# third parties' names marked, leaves them out for a role that may not read
# them, and records the request in the audit trail.
. "$(dirname "$0")/../lib.sh"

# Built once, copied for each case: a DSL (who files as Dee Dsl), an admin
# only, a governor; a pupil with a consent, a request and a report that
# names another pupil and a member of staff, with an action.
template() {
	fresh_register
	add person name="Dee Dsl" >/dev/null
	add person name="Sam Staff" >/dev/null
	add_user dsl dsl "Dee Dsl"
	add_user gov governor
	add pupil name="Zoë Quux" date_of_birth=2015-03-04 >/dev/null
	add pupil name="Li Lei" >/dev/null
	add consent pupil="Zoë Quux" given_by="Mum Quux" received_on=2026-09-01 \
		uses=social_media >/dev/null
	add consent pupil="Zoë Quux" given_by="Mum Quux" received_on=2025-09-01 \
		uses=website withdrawn_on=2026-01-10 >/dev/null
	add request requester="Mum Quux" pupil="Zoë Quux" received_on=2026-11-20 >/dev/null
	REPORT=$(add_as dsl contact reported_by="Sam Staff" pupil="Zoë Quux" platform=snapchat \
		category=pupil_contact summary="Zoë messaged Sam Staff; Li Lei was in the chat <b>x</b>")
	add_as dsl action contact="$REPORT" note="Spoke to Li Lei's mother" >/dev/null
	TEMPLATE=$DB
}

copy_register() {
	DB="$TEST_ROOT/case-$RANDOM.db"
	(umask 077 && sqlite3 "$TEMPLATE" ".backup '$DB'")
	export SMREG_DB="$DB"
}

test_the_dsl_gets_every_record_and_the_reports_for_review_with_third_parties() {
	copy_register
	run_as dsl sar "Zoë Quux" --format json
	expect_status 0
	printf '%s' "$OUT" | python3 -c '
import json, sys
b = json.load(sys.stdin)
assert b["subject"][0]["fields"]["date_of_birth"] == "2015-03-04", b["subject"]
regs = sorted(r["register"] for r in b["records"])
assert regs == ["consent", "consent", "request"], regs
assert not any(r["register"] == "contact" for r in b["records"])
review = b["for_dsl_review"]
assert [r["register"] for r in review] == ["contact", "action"], review
assert review[0]["third_parties"] == ["Sam Staff", "Li Lei"], review[0]
assert "Li Lei" in review[1]["third_parties"], review[1]
assert "Zoë Quux" not in review[0]["third_parties"]
assert b["not_included"] == [], b["not_included"]
' || fail "the bundle is not what the register holds" "$OUT"
	# The request is audited, as are the reads of the reports.
	expect_sql "SELECT count(*) FROM audit WHERE action = 'read' AND login = 'dsl'
		AND after LIKE '%subject access%'" 3
}

test_the_admin_is_told_the_reports_exist_and_who_must_add_them() {
	copy_register
	run_ok sar pupil "Zoë Quux" --format json
	expect_no_out "Li Lei was in the chat"
	expect_out "Contact reports: not included"
	expect_out "The DSL must review them"
	expect_out '"register": "request"'
}

test_the_html_bundle_marks_third_parties_and_escapes_what_it_quotes() {
	copy_register
	run_as dsl sar "Zoë Quux"
	expect_status 0
	printf '%s' "$OUT" >"$TEST_ROOT/sar.html"
	local dom text
	dom=$(browser_dom "$TEST_ROOT/sar.html")
	case "$dom" in
	*'<mark class="third-party">Li Lei</mark>'*) ;;
	*) fail "Li Lei is not marked as a third party" "$dom" ;;
	esac
	case "$dom" in
	*"<b>x</b>"*) fail "the report's text was not escaped" ;;
	esac
	text=$(browser_text "$TEST_ROOT/sar.html")
	case "$text" in
	*"For the DSL's review before release"*"Spoke to Li Lei"*) ;;
	*) fail "the review section is not after the records" "$text" ;;
	esac
	case "$text" in
	*"Page 1 of"*) ;;
	*) fail "no page numbers when printed" "$text" ;;
	esac
}

test_only_the_admin_and_dsl_may_and_a_name_must_be_one_subject() {
	copy_register
	run_as gov sar "Zoë Quux"
	expect_refused 4
	add person name="Li Lei" >/dev/null
	run sar "Li Lei"
	expect_refused 2
	expect_err "smreg sar pupil Li Lei"
	run sar person "Li Lei" --format json
	expect_status 0
	run sar "Nobody Here"
	expect_refused 3
	run sar channel "x"
	expect_refused 2
}

template
run_tests
