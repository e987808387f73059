# When the file system says no: a full disk, a read-only register or
# folder, a file that is not a register, a newer register, a missing
# folder.  Each gets a clear message, exit 5, and nothing half-written.
. "$(dirname "$0")/../lib.sh"

# as_someone_else ARGS...: smreg run by a login that cannot write what this
# one made.  Root can write anything, so as root the register is given to
# the user "nobody" to use but not to write, and so is a copy of smreg: the
# build may be in a folder only its owner may enter (a clone in mktemp -d).
# The callers have opened $TEST_ROOT to others.
as_someone_else() {
	if [ "$(id -u)" -eq 0 ]; then
		[ -x "$TEST_ROOT/smreg" ] || install -m 755 "$SMREG" "$TEST_ROOT/smreg"
		capture setpriv --reuid=nobody --regid=nogroup --clear-groups \
			env SMREG_TODAY="$SMREG_TODAY" HOME=/ "$TEST_ROOT/smreg" "$@"
	else
		run "$@"
	fi
}

# A register that the next command may read but not write.
read_only_register() {
	fresh_register
	chmod 755 "$TEST_ROOT"
	[ "$(id -u)" -ne 0 ] || add_user nobody admin
	chmod 444 "$DB"
}

test_a_full_disk_during_an_import_writes_nothing_and_says_so() {
	fresh_register
	local i
	{
		echo "name,job_title,notes"
		for ((i = 1; i <= 3000; i++)); do
			printf 'Person %d,Teacher,%0300d\n' "$i" 0
		done
	} >"$TEST_ROOT/big.csv"
	snapshot
	# A file-size limit stands in for a full disk: writes past it fail.
	capture bash -c "ulimit -f 600; trap '' XFSZ; exec '$SMREG' import person '$TEST_ROOT/big.csv'"
	expect_status 5
	expect_err "is the disk full? nothing was saved"
	[ "$(printf '%s\n' "$ERR" | wc -l)" -eq 1 ] || fail "more than one message:" "$ERR"
	expect_sql "PRAGMA integrity_check" ok
	expect_unchanged
}

test_a_demonstration_the_disk_cannot_hold_leaves_no_register_behind() {
	mkdir "$TEST_ROOT/demo"
	capture bash -c "ulimit -f 600; trap '' XFSZ; exec '$SMREG' --db '$TEST_ROOT/demo/demo.db' demo"
	expect_status 5
	expect_err "is the disk full?"
	[ -z "$(ls -A "$TEST_ROOT/demo")" ] || fail "it left files behind:" "$(ls -A "$TEST_ROOT/demo")"
}

test_a_read_only_register_is_refused_with_a_message() {
	read_only_register
	snapshot
	as_someone_else add school name=Another
	expect_status 5
	expect_err "is read-only for you"
	as_someone_else list school
	expect_status 5
	expect_err "is read-only for you"
	expect_unchanged
}

test_a_read_only_folder_is_refused_with_a_message() {
	fresh_register
	mkdir "$TEST_ROOT/locked"
	chmod 755 "$TEST_ROOT"
	"$SMREG" --db "$TEST_ROOT/locked/r.db" init >/dev/null
	[ "$(id -u)" -ne 0 ] || "$SMREG" --db "$TEST_ROOT/locked/r.db" add user login=nobody roles=admin >/dev/null
	chmod 644 "$TEST_ROOT/locked/r.db"
	rm -f "$TEST_ROOT/locked/r.db-wal" "$TEST_ROOT/locked/r.db-shm"
	chmod 555 "$TEST_ROOT/locked"
	as_someone_else --db "$TEST_ROOT/locked/r.db" add school name=Another
	expect_status 5
	expect_err "is read-only for you"
	chmod 755 "$TEST_ROOT/locked"
	[ "$(sqlite3 "$TEST_ROOT/locked/r.db" "SELECT count(*) FROM school WHERE name = 'Another'")" = 0 ] ||
		fail "it was written"
}

test_a_file_that_is_not_a_register_is_refused() {
	echo "The school trip is on Friday; bring a packed lunch." >"$TEST_ROOT/letter.txt"
	for i in $(seq 1 50); do echo "Not a database, line $i." >>"$TEST_ROOT/letter.txt"; done
	cp "$TEST_ROOT/letter.txt" "$TEST_ROOT/before.txt"
	run --db "$TEST_ROOT/letter.txt" list
	expect_status 5
	expect_err "is not a usable smreg register"
	cmp -s "$TEST_ROOT/letter.txt" "$TEST_ROOT/before.txt" || fail "the file was changed"
	sqlite3 "$TEST_ROOT/other.db" "CREATE TABLE recipes (name TEXT)"
	run --db "$TEST_ROOT/other.db" list
	expect_status 5
	expect_err "is an SQLite database, but not an smreg register"
}

test_a_register_from_a_newer_smreg_is_refused() {
	fresh_register
	sqlite3 "$DB" "PRAGMA user_version = 42"
	run list
	expect_status 5
	expect_err "was written by a newer smreg (schema 42"
	expect_sql "PRAGMA user_version" 42
}

test_a_missing_folder_for_a_new_register_is_refused() {
	run --db "$TEST_ROOT/no/such/folder/r.db" init
	expect_status 5
	expect_err "its folder does not exist"
	[ ! -e "$TEST_ROOT/no" ] || fail "a folder was made"
}

test_new_registers_and_their_folders_are_private() {
	run init
	expect_status 0
	local db="$XDG_DATA_HOME/smreg/register.db"
	[ "$(stat -c %a "$db")" = 600 ] || fail "the register is $(stat -c %a "$db"), not 600"
	[ "$(stat -c %a "$XDG_DATA_HOME/smreg")" = 700 ] || fail "its folder is $(stat -c %a "$XDG_DATA_HOME/smreg"), not 700"
}

test_a_register_others_may_write_is_warned_about() {
	fresh_register
	chmod 666 "$DB"
	run list school
	expect_status 0
	expect_err "warning: every user of this computer can change"
	chmod 600 "$DB"
	run list school
	expect_no_err
}

# Reading is enough to take every contact report.
test_a_register_others_may_read_is_warned_about() {
	fresh_register
	chmod 644 "$DB"
	run list school
	expect_status 0
	expect_err "warning: every user of this computer can read"
	expect_err "chmod o-rwx"
	chmod 640 "$DB"
	run list school
	expect_no_err
}

run_tests
