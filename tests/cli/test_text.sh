# Text that means what it shows (issue 9, point 6): a reason must say
# something, and a name is stored, matched and refused by what it shows.
. "$(dirname "$0")/../lib.sh"

ZWSP=$'\xe2\x80\x8b'		# U+200B ZERO WIDTH SPACE
NBSP=$'\xc2\xa0'		# U+00A0 NO-BREAK SPACE
ACUTE=$'\xcc\x81'		# U+0301 COMBINING ACUTE ACCENT
JOSE_NFD="Jose${ACUTE} Lo${ACUTE}pez"
JOSE_NFC=$'Jos\xc3\xa9 L\xc3\xb3pez'
JOSE_NFC_HEX=4A6F73C3A9204CC3B370657A

# hex TEXT: TEXT's bytes as sqlite3's hex() writes them.
hex() {
	printf '%s' "$1" | od -An -tx1 | tr -d ' \n' | tr a-f A-F
}

# A DSL and one open contact report, $REPORT.
with_a_report() {
	fresh_register
	add person name="Dee Lead" >/dev/null
	add person name="Sam Staff" >/dev/null
	add_user dsl dsl "Dee Lead"
	REPORT=$(add_as dsl contact reported_by="Sam Staff" pupil_name="Li Lei" platform=x \
		category=other summary="A direct message")
	[ -n "$REPORT" ] || fail "could not file a report"
}

test_a_blank_or_zero_width_reason_is_refused_and_nothing_written() {
	with_a_report
	snapshot
	local blank
	for blank in " " "   " "$NBSP" "$ZWSP" " $ZWSP$ZWSP "; do
		run_as dsl set contact "$REPORT" status=monitoring --reason "$blank"
		expect_refused 3 reason "needs a reason"
		expect_err "only spaces or invisible characters"
		run_as dsl close contact "$REPORT" --note "No further risk" --reason "$blank"
		expect_refused 3 reason "only spaces or invisible characters"
	done
	# A close's note (the DSL's rationale) that shows nothing is no rationale.
	run_as dsl close contact "$REPORT" --note "$ZWSP"
	expect_refused 3 rationale "no visible character"
	run_as dsl close contact "$REPORT" --note " "
	expect_refused 3 rationale
	expect_unchanged
}

test_a_reason_is_kept_trimmed_in_the_audit_trail() {
	with_a_report
	run_as dsl set contact "$REPORT" status=monitoring --reason "$NBSP  Spoke to the parents  "
	expect_status 0
	expect_sql "SELECT reason FROM audit WHERE record_id = '$REPORT' AND action = 'update'" \
		"Spoke to the parents"
	run_as dsl close contact "$REPORT" --note "  No further risk " --reason " Parents satisfied "
	expect_status 0
	expect_sql "SELECT reason FROM audit WHERE record_id = '$REPORT' AND action = 'close'" \
		"Parents satisfied"
	expect_sql "SELECT rationale, status FROM contact" "No further risk|closed"
}

test_a_decomposed_name_is_stored_composed_and_found_either_way() {
	fresh_register
	run add pupil name="$JOSE_NFD"
	expect_status 0
	expect_sql "SELECT hex(name) FROM pupil" "$JOSE_NFC_HEX"
	[ "$(hex "$JOSE_NFD")" != "$JOSE_NFC_HEX" ] || fail "the test's decomposed name is not decomposed"
	# Typed either way, the reference finds it.
	run show pupil "$JOSE_NFD"
	expect_status 0
	expect_out "$JOSE_NFC"
	run add consent pupil="$JOSE_NFD" given_by="Ana" uses=website
	expect_status 0
	run add consent pupil="$JOSE_NFC" given_by="Ana" uses=website
	expect_status 0
	expect_sql "SELECT count(*) FROM consent WHERE pupil = (SELECT id FROM pupil)" 2
	# A list filter typed decomposed finds it too.
	run list pupil --filter "Lo${ACUTE}pez" --format csv
	expect_status 0
	expect_out "$JOSE_NFC"
}

test_a_name_stored_decomposed_before_is_still_found() {
	fresh_register
	local school
	school=$(sql "SELECT id FROM school")
	raw_insert pupil "INSERT INTO pupil (id, school, name) VALUES ('aaaa0000-1111-4222-8333-444455556666', '$school', '$JOSE_NFD')"
	expect_sql "SELECT hex(name) FROM pupil" "$(hex "$JOSE_NFD")"
	run add consent pupil="$JOSE_NFC" given_by="Ana" uses=website
	expect_status 0
	expect_sql "SELECT pupil FROM consent" "aaaa0000-1111-4222-8333-444455556666"
}

test_a_name_holding_a_zero_width_space_is_refused_with_its_field() {
	fresh_register
	add pupil name="Amy Able" >/dev/null
	snapshot
	run add pupil name="Amy${ZWSP} Able"
	expect_refused 3 name "contains an invisible character (U+200B)"
	run add person name="Amy Able$ZWSP"
	expect_refused 3 name "invisible character"
	run add channel platform=x account="St${ZWSP}Marys"
	expect_refused 3 account "invisible character"
	run set pupil "Amy Able" name="Amy ${ZWSP}Able"
	expect_refused 3 name "invisible character"
	run add user login="ad${ZWSP}min" roles=admin
	expect_refused 3 login "invisible character"
	expect_unchanged
}

test_an_import_stores_names_composed_and_refuses_invisible_ones() {
	fresh_register
	printf 'name,year_group\n%s,6\n' "$JOSE_NFD" >"$TEST_ROOT/pupils.csv"
	run import pupil "$TEST_ROOT/pupils.csv"
	expect_status 0
	expect_sql "SELECT hex(name) FROM pupil" "$JOSE_NFC_HEX"
	snapshot
	printf 'name,year_group\nAmy Able,5\nBen%s Brown,4\n' "$ZWSP" >"$TEST_ROOT/more.csv"
	run import pupil "$TEST_ROOT/more.csv"
	expect_status 3
	expect_err "more.csv:3: name: contains an invisible character (U+200B)"
	expect_unchanged
}

run_tests
