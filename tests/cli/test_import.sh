# smreg import and export: CSV as spreadsheets write it, all or nothing,
# every bad row reported as FILE:LINE: field: why.
. "$(dirname "$0")/../lib.sh"

# A CSV as Excel on Windows saves it: a byte-order mark, CRLF line ends,
# quoted commas, doubled quotes and line breaks inside quoted fields.
spreadsheet_csv() {
	printf '\xef\xbb\xbfname,job_title,kind,email,started_on,notes\r\n'
	printf '"Smith, Jane","Head of ""Year 6""",staff,jane.smith@stmarys.example,01/09/2019,"Leads PSHE,\r\nand online safety"\r\n'
	printf 'Zoë Ó Briain,Governor,governor,,2021-03-15,\r\n'
	printf '"  Padded Name  ",,volunteer,,,"""Quoted"" start and end"\r\n'
	printf '李小龙,Cook,contractor,,,"line one\r\nline two\r\nline three"\r\n'
}

test_a_spreadsheet_csv_imports_every_value_correctly() {
	fresh_register
	spreadsheet_csv >"$TEST_ROOT/people.csv"
	run import person "$TEST_ROOT/people.csv"
	expect_status 0
	expect_out "imported 4 person records"
	expect_no_err
	expect_sql "SELECT count(*) FROM person" 4
	expect_sql "SELECT job_title, kind, email, started_on FROM person WHERE name = 'Smith, Jane'" \
		'Head of "Year 6"|staff|jane.smith@stmarys.example|2019-09-01'
	# A line break inside a field is kept, as LF.
	expect_sql "SELECT hex(notes) FROM person WHERE name = 'Smith, Jane'" \
		"$(printf 'Leads PSHE,\nand online safety' | od -An -tx1 | tr -d ' \n' | tr a-f A-F)"
	expect_sql "SELECT job_title, kind, started_on, quote(email), quote(notes) FROM person WHERE name = 'Zoë Ó Briain'" \
		"Governor|governor|2021-03-15|NULL|NULL"
	expect_sql "SELECT kind, notes FROM person WHERE name = 'Padded Name'" \
		'volunteer|"Quoted" start and end'
	expect_sql "SELECT kind, notes = 'line one' || char(10) || 'line two' || char(10) || 'line three' FROM person WHERE name = '李小龙'" \
		"contractor|1"
	# No byte-order mark, carriage return or stray quote got into any value.
	expect_sql "SELECT count(*) FROM person WHERE name LIKE char(65279) || '%' OR instr(coalesce(notes, '') || name || coalesce(job_title, ''), char(13)) > 0 OR name LIKE '\"%'" 0
}

test_an_import_references_records_by_name_and_understands_typed_values() {
	fresh_register
	add person name="Helen Head" >/dev/null
	add person name="Bob Business" >/dev/null
	printf 'platform,account,opened_on,approved_by,mfa,in_privacy_notice,audience\n' >"$TEST_ROOT/channels.csv"
	printf 'Facebook,StMarysPrimary,01/09/2020,Helen Head,yes,Y,Public\n' >>"$TEST_ROOT/channels.csv"
	printf 'youtube,"St Mary\x27s, Anytown",2021-01-04,helen head,no,false,group\n' >>"$TEST_ROOT/channels.csv"
	run import channel "$TEST_ROOT/channels.csv"
	expect_status 0
	expect_out "imported 2 channel records"
	expect_sql "SELECT platform, account, opened_on, mfa, in_privacy_notice, audience, approved_by = (SELECT id FROM person WHERE name = 'Helen Head'), school = (SELECT id FROM school) FROM channel ORDER BY platform" \
		"Facebook|StMarysPrimary|2020-09-01|1|1|public|1|1
youtube|St Mary's, Anytown|2021-01-04|0|0|group|1|1"
}

# Of the rows starting on lines 2 to 10, those on 3, 6, 7, 8 and 10 are
# wrong; the others are right but must not be kept.
bad_rows_csv() {
	printf 'platform,account,opened_on,closed_on,approved_by,notes\n'
	printf 'facebook,StMarys,2020-09-01,,,\n'
	printf 'x,StMarysX,31/02/2026,,,\n'
	printf 'instagram,"St Mary\x27s, Primary",2021-05-01,,,"Two\nlines"\n'
	printf 'FACEBOOK,stmarys,2022-01-01,,,\n'
	printf 'youtube,StMarysTV,2022-01-01,2021-12-31,,\n'
	printf 'tiktok,StMarysTok,2022-01-01,,Nobody Atall,\n'
	printf 'threads,StMarysThreads,2023-01-01,,,\n'
	printf 'flickr,StMarysPhotos,2023-01-01,,Jo Smith,\n'
}

test_a_csv_with_bad_rows_in_the_middle_writes_nothing_and_reports_every_one() {
	fresh_register
	add person name="Jo Smith" >/dev/null
	add person name="Jo Smith" >/dev/null
	bad_rows_csv >"$TEST_ROOT/channels.csv"
	snapshot
	run import channel "$TEST_ROOT/channels.csv"
	expect_status 3
	expect_no_out "imported"
	local f="$TEST_ROOT/channels.csv"
	expect_err "$f:3: opened_on: \"31/02/2026\" is not a date"
	# Row 4 spans two lines, so the rows after it start a line later.
	expect_err "$f:6: platform: another channel already has this platform and account"
	expect_err "$f:7: closed_on: is before opened_on"
	expect_err "$f:8: approved_by: there is no person called \"Nobody Atall\""
	expect_err "$f:10: approved_by: \"Jo Smith\" could be more than one person"
	expect_err "smreg: cannot import: nothing was imported: 5 rows are wrong"
	# One line a bad row, one to sum up, nothing about the good rows.
	[ "$(printf '%s\n' "$ERR" | wc -l)" -eq 6 ] || fail "expected 6 lines on stderr" "$ERR"
	case "$ERR" in
	*":2:"* | *":4:"* | *":5:"* | *":9:"*) fail "a good row was reported" "$ERR" ;;
	esac
	expect_unchanged
	expect_sql "SELECT count(*) FROM channel" 0
}

test_rows_of_the_wrong_shape_and_bad_csv_are_reported_by_line() {
	fresh_register
	printf 'name,job_title\nAnn One,Cook\nBen Two\nCat Three,Cook,extra\n"Dan ""Four"" "x,Cook\nEve Five,Cook\n' \
		>"$TEST_ROOT/people.csv"
	snapshot
	run import person "$TEST_ROOT/people.csv"
	expect_status 3
	expect_err "people.csv:3: has 1 field; the header has 2"
	expect_err "people.csv:4: has 3 fields; the header has 2"
	expect_err "people.csv:5: a closing quote is followed by more text"
	expect_err "nothing was imported: 3 rows are wrong"
	expect_unchanged
	printf 'name,notes\nAnn One,"never closed\nBen Two,\n' >"$TEST_ROOT/open.csv"
	run import person "$TEST_ROOT/open.csv"
	expect_status 3
	expect_err "open.csv:2: a quoted field is not closed before the end of the file"
	expect_unchanged
}

test_a_header_naming_unknown_or_repeated_fields_is_refused() {
	fresh_register
	printf 'name,colour,name\nAnn One,red,Ann\n' >"$TEST_ROOT/people.csv"
	snapshot
	run import person "$TEST_ROOT/people.csv"
	expect_status 3
	expect_err "people.csv:1: colour: is not a field of this register"
	expect_err "people.csv:1: name: is a column twice"
	expect_unchanged
	: >"$TEST_ROOT/empty.csv"
	run import person "$TEST_ROOT/empty.csv"
	expect_refused 3
	expect_err "the file is empty: it needs a header row of field names"
	expect_unchanged
}

test_dry_run_stores_nothing_and_says_what_it_would_import() {
	fresh_register
	spreadsheet_csv >"$TEST_ROOT/people.csv"
	snapshot
	run import person "$TEST_ROOT/people.csv" --dry-run
	expect_status 0
	expect_out "would import 4 person records"
	expect_no_out "imported"
	expect_no_err
	expect_unchanged
	# A dry run finds the same bad rows a real one would.
	printf 'name,started_on\nAnn One,2020-01-01\nBen Two,2026-13-01\n' >"$TEST_ROOT/bad.csv"
	run import person "$TEST_ROOT/bad.csv" --dry-run
	expect_status 3
	expect_err "bad.csv:3: started_on: \"2026-13-01\" is not a date"
	expect_unchanged
	# Then the real import keeps them all.
	run import person "$TEST_ROOT/people.csv"
	expect_status 0
	expect_sql "SELECT count(*) FROM person" 4
}

test_an_import_reads_standard_input_for_a_dash() {
	fresh_register
	spreadsheet_csv >"$TEST_ROOT/people.csv"
	run_input "$TEST_ROOT/people.csv" import person - --dry-run
	expect_status 0
	expect_out "would import 4 person records"
	expect_sql "SELECT count(*) FROM person" 0
	run_input "$TEST_ROOT/people.csv" import person -
	expect_status 0
	expect_out "imported 4 person records"
	expect_sql "SELECT job_title FROM person WHERE name = 'Smith, Jane'" 'Head of "Year 6"'
	printf 'name,started_on\nAnn One,2020-01-01\nBen Two,next tuesday\n' >"$TEST_ROOT/bad.csv"
	snapshot
	run_input "$TEST_ROOT/bad.csv" import person -
	expect_status 3
	expect_err ":3: started_on: \"next tuesday\" is not a date"
	expect_unchanged
}

test_an_import_is_refused_to_a_role_that_may_not_add() {
	fresh_register
	add_user gov governor
	spreadsheet_csv >"$TEST_ROOT/people.csv"
	snapshot
	run_as gov import person "$TEST_ROOT/people.csv"
	expect_refused 4
	expect_err "may not import into People; only admin may"
	expect_unchanged
}

# A school's register, with something in every register an admin exports.
school_for_export() {
	fresh_register
	add person name="Helen Head" job_title="Head teacher" email=head@stmarys.example started_on=2015-09-01 >/dev/null
	add person name="Bob Business" job_title="School business manager" \
		notes="$(printf 'Keeps the register,\nand "the" keys')" >/dev/null
	add person name="Lenny Leaver" started_on=2019-09-01 left_on=2026-07-31 >/dev/null
	add channel platform=facebook account=StMarysPrimary opened_on=2020-09-01 \
		approved_by="Helen Head" risk_assessed_on=2020-08-20 mfa=yes url="https://facebook.example/stmarys?a=1,b=2" >/dev/null
	add channel platform=x account=StMarysX opened_on=2018-01-01 closed_on=2024-07-31 >/dev/null
	add authorisation person="Bob Business" channel=facebook:StMarysPrimary kind=master_admin \
		authorised_by="Helen Head" granted_on=2020-09-01 review_on=2027-09-01 >/dev/null
	add authorisation person="Lenny Leaver" kind=exception detail="Friends online with a parent, his sister" \
		authorised_by="Helen Head" granted_on=2021-01-01 revoked_on=2026-07-31 >/dev/null
	add pupil name="Amy Able" year_group=3 mis_id=A001 joined_on=2023-09-04 >/dev/null
	add pupil name="Ben Brown" year_group=R mis_id=B002 >/dev/null
	add consent pupil="Amy Able" given_by="Mrs Able" relationship=mother received_on=2026-09-05 \
		uses="social_media;website;name_with_photo" form_ref="Office cabinet, A-F" >/dev/null
	local ben
	ben=$(add consent pupil="Ben Brown" given_by="Mr Brown" received_on=2026-09-06 uses="social_media;website")
	run_ok close consent "$ben" --on 2026-11-01
	add policy title="Social media policy" approver="Full governing board" statutory=yes \
		approved_on=2025-11-01 >/dev/null
	add policy title="Acceptable use policy" next_review_on=2026-10-01 cycle_months=24 >/dev/null
	run_ok review "Social media policy" reviewed_on=2026-10-20 reviewed_by="Helen Head" \
		summary="$(printf 'Added YouTube;\nno other change')"
	add training person="Bob Business" kind=induction completed_on=2018-01-10 >/dev/null
	add training person="Bob Business" kind=policy_read policy="Social media policy" completed_on=2026-09-03 >/dev/null
}

EXPORTED="school person channel authorisation pupil consent takedown policy review training"

test_export_then_import_into_a_fresh_register_round_trips() {
	school_for_export
	local type
	mkdir -p "$TEST_ROOT/exports"
	for type in $EXPORTED; do
		"$SMREG" export "$type" >"$TEST_ROOT/exports/$type.csv" 2>"$TEST_ROOT/err" ||
			fail "export $type: $(cat "$TEST_ROOT/err")"
	done
	[ "$(wc -l <"$TEST_ROOT/exports/takedown.csv")" -eq 2 ] || fail "withdrawing Ben's consent raised no takedown"
	# A new register with no school of its own takes every file back.
	local first=$DB
	DB="$TEST_ROOT/copy.db"
	run --db "$DB" init
	expect_status 0
	for type in $EXPORTED; do
		run --db "$DB" import "$type" "$TEST_ROOT/exports/$type.csv"
		expect_status 0
		expect_no_err
	done
	for type in $EXPORTED; do
		run --db "$DB" export "$type"
		[ "$OUT" = "$(cat "$TEST_ROOT/exports/$type.csv")" ] ||
			fail "$type did not round-trip" "$(diff <(printf '%s\n' "$OUT") "$TEST_ROOT/exports/$type.csv")"
	done
	# Every stored value, not just what export shows, came across.
	for type in $EXPORTED; do
		local query="SELECT * FROM $type ORDER BY id"
		[ "$(sqlite3 "$first" "$query" | sed 's/|[0-9]*|/|/')" = "$(sqlite3 "$DB" "$query" | sed 's/|[0-9]*|/|/')" ] ||
			fail "$type differs in the database after the round trip"
	done
	# ... and the copy is as sound as the first.
	run --db "$DB" check
	expect_status 0
}

test_json_export_holds_every_record_with_typed_values() {
	school_for_export
	run export person --format json
	expect_status 0
	printf '%s' "$OUT" >"$TEST_ROOT/people.json"
	local query="SELECT json_valid(j), json_array_length(j), (SELECT count(*) FROM json_each(j)
		WHERE json_extract(value, '$.name') = 'Bob Business'
		AND json_extract(value, '$.notes') = 'Keeps the register,' || char(10) || 'and \"the\" keys') FROM (SELECT readfile('$TEST_ROOT/people.json') AS j)"
	[ "$(sqlite3 :memory: "$query")" = "1|3|1" ] || fail "the JSON export is wrong" "$OUT"
	run export channel --format json
	printf '%s' "$OUT" >"$TEST_ROOT/channels.json"
	[ "$(sqlite3 :memory: "SELECT json_extract(value, '$.mfa'), json_type(value, '$.mfa'), json_type(value, '$.closed_on') FROM json_each(readfile('$TEST_ROOT/channels.json')) WHERE json_extract(value, '$.platform') = 'facebook'")" = "1|true|null" ] ||
		fail "yes/no and empty values are not JSON true and null" "$OUT"
	run export person --format xml
	expect_refused 2 --format
	expect_err "\"xml\" is not csv or json"
}

run_tests
