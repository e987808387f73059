# The command line end to end: set-up, adding, refusing bad input.
. "$(dirname "$0")/../lib.sh"
MAN_PAGE=$(cd "$(dirname "$0")/../.." && pwd)/man/smreg.1

test_init_makes_the_login_the_first_admin() {
	DB="$TEST_ROOT/new.db"
	run --db "$DB" init
	expect_status 0
	expect_out "is now the first admin"
	expect_sql "SELECT login, roles FROM user" "$LOGIN|admin"
	[ "$(stat -c %a "$DB")" = 600 ] || fail "the new register is not private: $(stat -c %a "$DB")"
}

test_a_login_that_is_not_a_user_is_refused_with_whom_to_ask() {
	fresh_register
	run_as stranger list channel
	expect_status 4
	expect_err "stranger is not a user of this register: ask an admin ($LOGIN)"
}

test_add_channel_is_stored() {
	fresh_register
	run add channel platform=facebook account=StMarys opened_on=01/09/2020 mfa=yes
	expect_status 0
	expect_sql "SELECT platform, account, opened_on, mfa FROM channel" "facebook|StMarys|2020-09-01|1"
}

test_impossible_dates_are_refused_and_nothing_is_written() {
	fresh_register
	snapshot
	for date in 31/02/2026 2026-13-01 "next tuesday"; do
		run add channel platform=x account=a "opened_on=$date"
		expect_status 3
		expect_err "opened_on:"
	done
	expect_unchanged
}

test_list_filters_and_stops_after_a_limit() {
	fresh_register
	add person "name=Jane Head" "job_title=Head teacher" >/dev/null
	add person "name=Zoë Adams" "job_title=Teacher" >/dev/null
	add person "name=Sam Jones" "job_title=Teaching assistant" >/dev/null
	add channel platform=facebook account=StMarys "approved_by=Zoë Adams" >/dev/null
	# A person's own field, any case of its ASCII letters.
	run list person --filter TEACH --format csv
	expect_status 0
	[ "$(grep -c . "$TEST_ROOT/out")" = 4 ] || fail "expected a header and three people: $(cat "$TEST_ROOT/out")"
	run list person --filter "head t" --format csv
	expect_out "Jane Head"
	expect_no_out "Zoë Adams"
	# A channel by the name of the person it refers to.
	run list channel --filter zoë
	expect_out "StMarys"
	# The first records in the register's order, no more.
	run list person --limit 2 --format csv
	expect_status 0
	[ "$(grep -c . "$TEST_ROOT/out")" = 3 ] || fail "expected a header and two people: $(cat "$TEST_ROOT/out")"
	expect_out "Jane Head"
}

test_a_limited_list_is_the_start_of_the_whole_list() {
	fresh_register
	local i
	# Ten trainings on one day tie in the register's order (newest first).
	for i in 0 1 2 3 4 5 6 7 8 9; do
		add person "name=Teacher $i" >/dev/null
		add training "person=Teacher $i" kind=induction completed_on=2026-09-01 >/dev/null
	done
	run list training --format csv
	head -n 4 "$TEST_ROOT/out" >"$TEST_ROOT/whole"
	run list training --limit 3 --format csv
	expect_status 0
	cmp -s "$TEST_ROOT/whole" "$TEST_ROOT/out" ||
		fail "list --limit 3 is not the first three of list" "$(cat "$TEST_ROOT/whole" "$TEST_ROOT/out")"
}

test_numbers_given_to_options_are_checked() {
	fresh_register
	for limit in 0 2x -1 100001 ""; do
		run list person --limit "$limit"
		expect_status 2
		expect_err "--limit: \"$limit\" is not a number of records from 1 to 100000"
	done
	run audit --limit ten
	expect_status 2
	expect_err "--limit: \"ten\" is not a number of entries from 1 to"
	run due --within 99999999999999999999
	expect_status 2
	expect_err "--within: \"99999999999999999999\" is not a number of days from 0 to 3650"
	run --db "$TEST_ROOT/demo.db" demo --scale 0
	expect_status 2
	expect_err "--scale: \"0\" is not a whole number from 1 to 200"
	run --db "$TEST_ROOT/demo.db" demo --scale 201
	expect_status 2
	expect_err "--scale: \"201\" is not a whole number from 1 to 200"
}

# The man page's DUE-REVIEW WARNINGS are the rules smreg has (smreg help due
# prints due.c's table), in its order, with the severity where it is one.
# smreg help REGISTER lists every field of the register (the columns an
# export writes), marks the required ones, and says what each holds.
test_help_lists_a_registers_fields_from_its_descriptor() {
	fresh_register
	local type field header
	for type in consent person channel; do
		run_ok help "$type"
		header=$("$SMREG" export "$type" 2>/dev/null | head -1)
		[ -n "$header" ] || { fail "export $type wrote no header"; continue; }
		for field in ${header//,/ }; do
			[ "$field" = id ] && continue
			grep -q "^  $field\( \*\)\?$" <<<"$OUT" || fail "help $type lacks $field" "$OUT"
		done
	done
	run_ok help consent
	expect_out "  pupil *"
	expect_out "a date: when the signed form arrived"
	expect_out "codes of consent_use"
	run_ok help review
	expect_out "usage: smreg review POLICY"
	expect_out "  reviewed_on *"
	run help nothing
	expect_refused 2
}

# The manual's REGISTERS section lists, register by register, the fields
# smreg has, in its order: held to the descriptors through smreg help.
test_the_manual_lists_every_registers_fields() {
	local man=$MAN_PAGE type documented actual
	local types
	types=$("$SMREG" help | sed -n 's/^Registers: //p' | tr -d ',')
	[ -n "$types" ] || fail "smreg help names no registers"
	for type in $types; do
		documented=$(awk '/^\.SH REGISTERS/{r=1} /^\.SH DATES/{r=0} r' "$man" |
			awk -v t="$type" '/^\.SS /{s=$2} s==t && prev==".TP" && /^\.B /{print $2} {prev=$0}')
		actual=$("$SMREG" help "$type" | sed -n 's/^  \([a-z_]*\)\( \*\)\?$/\1/p')
		[ "$documented" = "$actual" ] ||
			fail "man smreg's $type fields differ from smreg's" "manual: $(echo $documented)" \
				"smreg:  $(echo $actual)"
	done
}

test_the_manual_lists_the_warning_rules_smreg_has() {
	local man="$MAN_PAGE" in_man in_help

	[ -f "$man" ] || fail "no man page at $man"
	in_man=$(sed -n '/^\.SH DUE-REVIEW WARNINGS/,/^\.SH SETTINGS/p' "$man" |
		awk 'code != "" { sev = $0 ~ /^(overdue|due|info)\.$/ ? substr($0, 1, length($0) - 1) : "-"
				  print code, sev; code = "" }
		     prev == ".TP" && $1 == ".B" { code = $2 }
		     { prev = $0 }')
	run help due
	expect_status 0
	in_help=$(printf '%s\n' "$OUT" | sed -n '/^Warnings/,$p' |
		awk 'NR > 1 { sev = $3 == "or" ? "-" : substr($2, 1, length($2) - 1); print $1, sev }')
	[ -n "$in_help" ] || fail "smreg help due lists no warnings" "$OUT"
	[ "$in_man" = "$in_help" ] ||
		fail "man/smreg.1 and smreg help due differ:" "$(diff <(echo "$in_man") <(echo "$in_help"))"
}

run_tests
