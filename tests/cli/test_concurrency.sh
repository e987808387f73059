# Several people at once on one register: writers and readers together
# never see "database is locked", and nothing is lost.
. "$(dirname "$0")/../lib.sh"

WRITER=$(dirname "$SMREG_AS")/smreg-writer

test_four_writers_of_500_records_each_end_with_2000_and_a_complete_trail() {
	fresh_register
	local pids=() i
	for i in 1 2 3 4; do
		"$WRITER" "$DB" "$LOGIN" add 500 "Writer$i" >"$TEST_ROOT/out$i" 2>"$TEST_ROOT/err$i" &
		pids+=($!)
	done
	# Meanwhile, as at a school: the nightly due list and a DSL reading.
	for i in 1 2 3 4 5; do
		"$SMREG" due >/dev/null 2>>"$TEST_ROOT/readers" || [ $? -eq 1 ] || echo "due failed" >>"$TEST_ROOT/readers"
		"$SMREG" list person >/dev/null 2>>"$TEST_ROOT/readers"
	done
	for i in 0 1 2 3; do
		wait "${pids[$i]}" || fail "writer $((i + 1)) exited $?: $(cat "$TEST_ROOT/err$((i + 1))")"
	done
	for i in 1 2 3 4; do
		[ ! -s "$TEST_ROOT/err$i" ] || fail "writer $i reported errors:" "$(head -5 "$TEST_ROOT/err$i")"
		[ "$(grep -c '^saved ' "$TEST_ROOT/out$i")" = 500 ] || fail "writer $i saved $(grep -c '^saved ' "$TEST_ROOT/out$i") of 500"
	done
	[ ! -s "$TEST_ROOT/readers" ] || fail "readers reported errors:" "$(head -5 "$TEST_ROOT/readers")"
	expect_sql "SELECT count(*) FROM person WHERE name LIKE 'Writer%'" 2000
	expect_sql "SELECT count(DISTINCT name) FROM person WHERE name LIKE 'Writer%'" 2000
	expect_sql "SELECT count(*) FROM audit WHERE register = 'person' AND action = 'insert'" 2000
	expect_sql "SELECT count(*) FROM person p WHERE name LIKE 'Writer%'
		AND NOT EXISTS (SELECT 1 FROM audit a WHERE a.record_id = p.id AND a.action = 'insert')" 0
	expect_sql "PRAGMA integrity_check" ok
}

test_a_backup_taken_while_others_write_is_sound() {
	fresh_register
	local pids=() i
	for i in 1 2; do
		"$WRITER" "$DB" "$LOGIN" add 400 "Busy$i" >/dev/null 2>"$TEST_ROOT/err$i" &
		pids+=($!)
	done
	run backup "$TEST_ROOT/copy.db"
	expect_status 0
	for i in 0 1; do
		wait "${pids[$i]}" || fail "writer $((i + 1)) failed: $(cat "$TEST_ROOT/err$((i + 1))")"
	done
	[ "$(sqlite3 "$TEST_ROOT/copy.db" 'PRAGMA integrity_check')" = ok ] || fail "the copy is not sound"
	[ "$(stat -c %a "$TEST_ROOT/copy.db")" = 600 ] || fail "the copy is not private"
	# A consistent moment: every person in the copy has its audit row.
	[ "$(sqlite3 "$TEST_ROOT/copy.db" "SELECT count(*) FROM person p WHERE NOT EXISTS
		(SELECT 1 FROM audit a WHERE a.record_id = p.id AND a.action = 'insert')")" = 0 ] ||
		fail "the copy caught a write half-done"
	expect_sql "SELECT count(*) FROM person WHERE name LIKE 'Busy%'" 800
}

run_tests
