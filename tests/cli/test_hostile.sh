# Hostile input (issue 4, item 3): text that looks like SQL is stored as it
# is; what the register cannot hold (control characters, invalid UTF-8, a
# one-line field of 10,000 characters) is refused with a message naming
# the field and nothing written; and text that reached the database some
# other way is shown without one escape sequence reaching the terminal.
. "$(dirname "$0")/../lib.sh"

BOBBY="Robert'); DROP TABLE pupil;--"
ESC=$'\x1b'
CLEAR="${ESC}[2J"
TITLE="${ESC}]0;pwned"$'\a'

# LONG: 10,000 characters.
LONG=$(printf '%010000d' 0 | tr 0 x)

expect_tables_intact() {
	expect_sql "PRAGMA integrity_check" "ok"
	expect_sql "SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_schema
		WHERE type = 'table' AND name IN ('pupil', 'person', 'channel', 'user', 'audit') ORDER BY name)" \
		"audit channel person pupil user"
	expect_sql "SELECT login FROM user" "$LOGIN"
}

test_names_that_look_like_sql_are_stored_verbatim() {
	fresh_register
	add pupil "name=$BOBBY" year_group=4 >/dev/null
	add person "name=x'; DELETE FROM user; --" >/dev/null
	add channel platform=facebook 'account=a" OR 1=1; --' >/dev/null
	expect_sql "SELECT name FROM pupil" "$BOBBY"
	expect_sql "SELECT name FROM person" "x'; DELETE FROM user; --"
	expect_sql "SELECT account FROM channel" 'a" OR 1=1; --'
	expect_tables_intact
	# Found again by the same name, wherever a name is taken.
	run_ok show pupil "$BOBBY"
	expect_out "$BOBBY"
	run_ok add consent "pupil=$BOBBY" "given_by=Mrs O'Brien; DROP TABLE consent" uses=website
	expect_sql "SELECT given_by FROM consent" "Mrs O'Brien; DROP TABLE consent"
	run_ok list pupil --format csv
	expect_out "$BOBBY"
	expect_tables_intact
}

test_names_that_look_like_sql_are_imported_verbatim() {
	fresh_register
	printf 'name,year_group\n"%s",4\n"%s",5\n' "$BOBBY" '1""); DELETE FROM audit; --' >"$TEST_ROOT/in.csv"
	run_ok import pupil "$TEST_ROOT/in.csv"
	expect_sql "SELECT name FROM pupil ORDER BY year_group" "$BOBBY
1\"); DELETE FROM audit; --"
	expect_sql "SELECT count(*) FROM audit WHERE register = 'pupil' AND action = 'insert'" "2"
	expect_tables_intact
}

test_a_one_line_field_of_10000_characters_is_refused_naming_it() {
	fresh_register
	snapshot
	run add pupil "name=$LONG"
	expect_refused 3 name "is too long (10000 bytes; at most 1000)"
	run add channel platform=x "account=$LONG"
	expect_refused 3 account "is too long"
	printf 'name\n%s\n' "$LONG" >"$TEST_ROOT/in.csv"
	run import pupil "$TEST_ROOT/in.csv"
	expect_status 3
	expect_err "in.csv:2: name: is too long"
	expect_unchanged
}

test_a_notes_field_of_10000_characters_is_stored_verbatim() {
	fresh_register
	local notes="$LONG"$'\n'"and a second line"
	add person "name=Long Notes" "notes=$notes" >/dev/null
	expect_sql "SELECT length(notes) FROM person" "10018"
	expect_sql "SELECT notes FROM person" "$notes"
	run_ok show person "Long Notes"
	expect_out "$LONG"
}

# Each value is refused in a one-line field and a field of several lines.
refuse_everywhere() {
	local value=$1 why=$2
	run add pupil "name=$value"
	expect_refused 3 name "$why"
	run add pupil "name=Amy" "year_group=3$value"
	expect_refused 3 year_group "$why"
	run add person name=Pat "notes=first line"$'\n'"$value"
	expect_refused 3 notes "$why"
	run set person "Helen Head" "job_title=$value"
	expect_refused 3 job_title "$why"
}

test_control_characters_are_refused_naming_the_field_and_nothing_written() {
	fresh_register
	add person "name=Helen Head" >/dev/null
	snapshot
	for value in "$CLEAR" "$TITLE" $'\a' "red${ESC}[31mtext" $'nul\x01byte' $'del\x7f' \
		$'c1 csi \xc2\x9b2J' $'carriage\rreturn'; do
		refuse_everywhere "$value" "contains a control character"
	done
	# A line break or a tab is a control character in a field of one line.
	run add pupil $'name=two\nlines'
	expect_refused 3 name "a field of one line takes no tabs or line breaks"
	# Text that reverses the direction of what follows it.
	refuse_everywhere $'abc\xe2\x80\xaedef' "reverses the direction of text"
	expect_unchanged
}

test_invalid_utf8_is_refused_naming_the_field_and_nothing_written() {
	fresh_register
	add person "name=Helen Head" >/dev/null
	snapshot
	# A stray byte, a cut sequence, an overlong '/', a surrogate, past U+10FFFF.
	for value in $'\xff\xfe' $'caf\xc3' $'\xc3\x28' $'\xc0\xaf' $'\xed\xa0\x80' $'\xf4\x90\x80\x80'; do
		refuse_everywhere "$value" "is not valid UTF-8"
	done
	expect_unchanged
}

test_an_import_with_control_characters_or_bad_utf8_writes_nothing() {
	fresh_register
	snapshot
	printf 'name,year_group\nAmy,3\n"%s",4\nBen,\xff\n' "$CLEAR" >"$TEST_ROOT/in.csv"
	run import pupil "$TEST_ROOT/in.csv"
	expect_status 3
	expect_err "in.csv:3: name: contains a control character"
	expect_err "in.csv:4: year_group: is not valid UTF-8"
	no_raw_controls "$TEST_ROOT/err" "import's errors"
	expect_unchanged
}

# A file of 1,500 bad rows: errors are listed up to a limit, and the count
# does not pretend the rest were right.
test_an_import_with_more_bad_rows_than_it_lists_says_at_least() {
	fresh_register
	snapshot
	{
		echo "name,year_group"
		for ((i = 0; i < 1500; i++)); do echo "x"; done
	} >"$TEST_ROOT/in.csv"
	run import pupil "$TEST_ROOT/in.csv"
	expect_status 3
	expect_err "in.csv:1001: has 1 field; the header has 2"
	expect_err "nothing was imported: at least 1000 rows are wrong"
	expect_unchanged
}

# no_raw_controls FILE WHAT: FILE holds no C0 control byte but newline and
# tab, no DEL, no C1 control (as UTF-8), no text-reversing mark.
no_raw_controls() {
	if LC_ALL=C grep -qP '[\x00-\x08\x0b-\x1f\x7f]' "$1"; then
		fail "$2 wrote a control byte:" "$(od -c "$1" | grep -E '033|00[0-7]|\\[abfrv]' | head -5)"
	fi
	if LC_ALL=C grep -qP '\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]' "$1"; then
		fail "$2 wrote a C1 control or a text-reversing mark:" "$(od -c "$1" | head -10)"
	fi
}

# HOSTILE (SQL): a name with a screen-clearing sequence, a title change and
# a bell; HOSTILE_TEXT is the same as shell text.
HOSTILE="'Evil' || char(27) || '[2J' || char(27) || ']0;pwned' || char(7) || 'Name'"
HOSTILE_TEXT="Evil${CLEAR}${TITLE}Name"

# A pupil and a channel written straight into the database, with every kind
# of unshowable text: escapes, a C1 CSI, a text-reversing mark, invalid UTF-8.
hostile_records() {
	fresh_register
	local school
	school=$(sql "SELECT id FROM school")
	raw_insert pupil "INSERT INTO pupil (id, school, name, year_group, mis_id) VALUES
		('11111111-1111-4111-8111-111111111111', '$school', $HOSTILE,
		 CAST(x'ff41' AS TEXT), 'M' || char(155) || 'x' || char(8238) || 'rev' || char(13))"
	raw_insert channel "INSERT INTO channel (id, school, platform, account, purpose, opened_on) VALUES
		('22222222-2222-4222-8222-222222222222', '$school', 'x' || char(27) || '[31m', $HOSTILE,
		 'tab' || char(9) || 'bell' || char(7), '2026-01-01')"
	expect_sql "SELECT count(*) FROM pupil WHERE instr(name, char(27)) > 0" "1"
	expect_sql "PRAGMA integrity_check" "ok"
}

test_list_shows_hostile_text_safely() {
	hostile_records
	for type in pupil channel; do
		run_ok list "$type"
		no_raw_controls "$TEST_ROOT/out" "list $type"
		expect_out "Evil^[[2J^[]0;pwned^G"
	done
	run_ok list channel --all
	no_raw_controls "$TEST_ROOT/out" "list channel --all"
	expect_out "x^[[31m"
}

test_show_shows_hostile_text_safely() {
	hostile_records
	run_ok show pupil 11111111-1111-4111-8111-111111111111
	no_raw_controls "$TEST_ROOT/out" "show pupil"
	expect_out "Evil^[[2J^[]0;pwned^GName"
	expect_out "M"$'\xef\xbf\xbd'"x"$'\xef\xbf\xbd'"rev^M"
	expect_out $'\xef\xbf\xbd'"A"
	run_ok show channel 22222222-2222-4222-8222-222222222222
	no_raw_controls "$TEST_ROOT/out" "show channel"
	expect_out "Evil^[[2J^[]0;pwned^GName"
	expect_out "bell^G"
}

test_due_shows_hostile_text_safely() {
	hostile_records
	run due
	no_raw_controls "$TEST_ROOT/out" "due"
	expect_out "NO_CONSENT"
	expect_out "Evil^[[2J^[]0;pwned^GName"
	run due --format csv
	expect_out "NO_CONSENT"
}

test_errors_that_repeat_hostile_input_show_it_safely() {
	hostile_records
	run show pupil "$HOSTILE_TEXT"x
	expect_status 3
	no_raw_controls "$TEST_ROOT/err" "show's error"
	expect_err "^[[2J"
	run add pupil name=Amy "joined_on=${CLEAR}"
	expect_refused 3 joined_on
	no_raw_controls "$TEST_ROOT/err" "add's error"
}

test_export_json_escapes_hostile_text() {
	hostile_records
	for type in pupil channel; do
		run_ok export "$type" --format json
		cp "$TEST_ROOT/out" "$TEST_ROOT/$type.json"
		no_raw_controls "$TEST_ROOT/$type.json" "export $type --format json"
		# JSON is UTF-8: no invalid sequence, even for invalid text stored.
		if LC_ALL=C.UTF-8 grep -qavx '.*' "$TEST_ROOT/$type.json"; then
			fail "export $type --format json is not UTF-8"
		fi
		expect_out '"Evil\u001b[2J\u001b]0;pwned\u0007Name"'
	done
	run_ok export pupil --format json
	expect_out '"M\u009bx\u202erev\r"'
	expect_out '"\ufffdA"'
	# Escaped, not lost: a JSON reader gets the stored text back.
	expect_sql "SELECT json_extract(readfile('$TEST_ROOT/pupil.json'), '\$[0].name') = name
		FROM pupil WHERE id LIKE '1111%'" "1"
	expect_sql "SELECT json_valid(readfile('$TEST_ROOT/channel.json'))" "1"
}

run_tests
