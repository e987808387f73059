# Pupil lists as SIMS, Arbor and Bromcom export them (their column names in
# data/mis-columns.tsv, with sources): matched on UPN, then on MIS id;
# --dry-run shows what would be added, changed and who is missing; all or
# nothing; a full export makes the missing leavers.
. "$(dirname "$0")/../lib.sh"

COLUMNS="$(cd "$(dirname "$0")/../.." && pwd)/data/mis-columns.tsv"

# On the register: Amy (MIS id 1001, year 5) and Ben (1002, no UPN), and
# Dee with a UPN and MIS id 77.
template() {
	fresh_register
	add pupil name="Amy Old" mis_id=1001 year_group=5 >/dev/null
	add pupil name="Ben Gone" mis_id=1002 >/dev/null
	add pupil name="Dee Upn" mis_id=77 upn=D123456789012 >/dev/null
	TEMPLATE=$DB
}

copy_register() {
	DB="$TEST_ROOT/case-$RANDOM.db"
	(umask 077 && sqlite3 "$TEMPLATE" ".backup '$DB'")
	export SMREG_DB="$DB"
}

mis() {
	run import pupil --columns "$COLUMNS" "$@"
}

# A SIMS list (the columns of SIMS's own pupil layout).
sims_file() {
	printf '%s\r\n' \
		'UPN,Adno,Surname,Forename,Preferred Surname,Preferred Forename,Middle Names,Date of Birth,Gender,Year Group,House' \
		'A123456789012,1001,Oldfield,Amelia,Old,Amy,Rose,04/03/2015,F,6,Red' \
		'D123456789012,77,Upn,Dee,,,,01/01/2015,F,6,Blue' \
		'C123456789012,1003,New,Carl,,,,01/02/2016,M,5,Red' >"$TEST_ROOT/sims.csv"
}

test_a_sims_dry_run_shows_adds_changes_and_the_missing_and_keeps_nothing() {
	copy_register
	sims_file
	snapshot
	mis --from sims "$TEST_ROOT/sims.csv" --dry-run
	expect_status 0
	expect_out "change   Amy Old: upn: (none) -> A123456789012; date_of_birth: (none) -> 2015-03-04; year_group: 5 -> 6"
	expect_out "add      Carl New"
	expect_out "missing  Ben Gone: not in the export: a leaver on 2026-11-21, if it is a full export"
	expect_out "change   Dee Upn: date_of_birth: (none) -> 2015-01-01; year_group: (none) -> 6"
	expect_unchanged
}

test_an_import_keeps_it_and_only_a_full_export_makes_leavers() {
	copy_register
	sims_file
	mis --from sims "$TEST_ROOT/sims.csv"
	expect_status 0
	expect_sql "SELECT name || ' ' || upn || ' ' || mis_id || ' ' || date_of_birth FROM pupil
		WHERE name = 'Carl New'" "Carl New C123456789012 1003 2016-02-01"
	expect_sql "SELECT count(*) FROM pupil WHERE left_on IS NOT NULL" 0
	mis --from sims "$TEST_ROOT/sims.csv" --full --leave-on 2026-07-20
	expect_status 0
	expect_out "missing  Ben Gone: not in the export: leaves on 2026-07-20"
	expect_sql "SELECT name || ' ' || left_on FROM pupil WHERE left_on IS NOT NULL" \
		"Ben Gone 2026-07-20"
	# A second run of the same file changes nothing.
	mis --from sims "$TEST_ROOT/sims.csv"
	expect_no_out "change"
	expect_no_out "add"
}

test_arbor_matches_on_the_upn_before_the_mis_id() {
	copy_register
	# Dee's Arbor id is not the register's: the UPN still finds her.
	printf '%s\n' \
		'Student ID,UPN,Forename,Surname,KnownAsFirstName,KnownAsLastName,Date of Birth,Year' \
		'9001,D123456789012,Deirdre,Upn,Dee,,01/01/2015,6' >"$TEST_ROOT/arbor.csv"
	mis --from arbor "$TEST_ROOT/arbor.csv"
	expect_status 0
	expect_out "change   Dee Upn: mis_id: 77 -> 9001"
	expect_no_out "add"
	expect_sql "SELECT count(*) FROM pupil" 3
}

test_bromcom_matches_on_the_mis_id_without_a_upn_and_uses_preferred_names() {
	copy_register
	printf '%s\n' \
		'Student ID,Firstname,Lastname,Preferred Firstname,Preferred Lastname,Date of Birth,Tutor Group,Year Group' \
		'1002,Benjamin,Gone,Ben,,02/02/2015,6B,6' >"$TEST_ROOT/bromcom.csv"
	mis --from bromcom "$TEST_ROOT/bromcom.csv"
	expect_status 0
	expect_out "change   Ben Gone: date_of_birth: (none) -> 2015-02-02; year_group: (none) -> 6"
	expect_sql "SELECT count(*) FROM pupil" 3
}

test_a_bad_row_imports_nothing_and_names_its_line_and_field() {
	copy_register
	printf '%s\n' \
		'UPN,Adno,Surname,Forename,Date of Birth,Year Group' \
		'E123456789012,2001,Able,Eve,01/01/2015,4' \
		'F123456789012,2002,Baker,Fay,31/02/2015,4' \
		',,Nomatch,Gus,01/01/2015,4' >"$TEST_ROOT/bad.csv"
	snapshot
	mis --from sims "$TEST_ROOT/bad.csv"
	expect_status 3
	expect_err "bad.csv:3: date_of_birth:"
	expect_err "bad.csv:4: upn: a pupil needs a UPN or an MIS id"
	expect_err "nothing was imported: 2 rows are wrong"
	expect_unchanged
}

test_an_unknown_system_a_missing_column_and_staff_are_refused() {
	copy_register
	sims_file
	mis --from capita "$TEST_ROOT/sims.csv"
	expect_refused 2 from "it reads sims, arbor, bromcom"
	printf 'Adno,Forename\n1,Al\n' >"$TEST_ROOT/short.csv"
	mis --from sims "$TEST_ROOT/short.csv"
	expect_refused 3
	expect_err "no surname column (sims calls it Surname|Legal Surname)"
	add_user staffer staff
	run_as staffer import pupil --columns "$COLUMNS" --from sims "$TEST_ROOT/sims.csv"
	expect_refused 4
}

template
run_tests
