# Killed at any moment (SIGKILL: no handler runs), smreg leaves a sound
# register: an import is wholly there or wholly absent, and every write it
# said was saved is there.
. "$(dirname "$0")/../lib.sh"

WRITER=$(dirname "$SMREG_AS")/smreg-writer
KILLS=${CRASH_KILLS:-120}

# A random pause of up to $1 milliseconds.
pause_ms() {
	local ms=$((RANDOM % $1))
	sleep "$((ms / 1000)).$(printf '%03d' $((ms % 1000)))"
}

# An import's rows are one transaction however many there are: a thousand
# keep each import, and so the 120 kills, short under the sanitizers.
a_thousand_people() {
	local i
	{
		echo "name,job_title,email"
		for ((i = 1; i <= 1000; i++)); do
			echo "Imported $i,Teacher,imported$i@school.example"
		done
	} >"$TEST_ROOT/people.csv"
}

test_an_import_killed_at_random_is_all_there_or_not_at_all() {
	fresh_register
	a_thousand_people
	local base=$DB i got whole=0 none=0 start took
	cp "$base" "$TEST_ROOT/base.db"
	# Kills land anywhere in an import's life: time one first.
	cp "$base" "$TEST_ROOT/timed.db"
	start=$(date +%s%N)
	"$SMREG" --db "$TEST_ROOT/timed.db" import person "$TEST_ROOT/people.csv" >/dev/null ||
		fail "the import itself fails"
	took=$((($(date +%s%N) - start) / 1000000 + 20))
	for ((i = 1; i <= KILLS; i++)); do
		DB="$TEST_ROOT/kill.db"
		rm -f "$DB" "$DB-wal" "$DB-shm"
		cp "$TEST_ROOT/base.db" "$DB"
		"$SMREG" --db "$DB" import person "$TEST_ROOT/people.csv" >"$TEST_ROOT/said" 2>&1 &
		pause_ms "$took"
		kill -KILL $! 2>/dev/null
		wait $! 2>/dev/null
		[ "$(sql 'PRAGMA integrity_check')" = ok ] || { fail "kill $i: integrity check failed"; break; }
		got=$(sql "SELECT count(*) FROM person WHERE name LIKE 'Imported %'")
		case "$got" in
		1000) whole=$((whole + 1)) ;;
		0) none=$((none + 1)) ;;
		*) fail "kill $i: the import is half there: $got of 1000"; break ;;
		esac
		if grep -q "imported 1000" "$TEST_ROOT/said" && [ "$got" != 1000 ]; then
			fail "kill $i: smreg said it imported, then the rows were gone"
			break
		fi
		[ "$(sql "SELECT count(*) FROM audit WHERE action = 'insert' AND register = 'person'
			AND record_id IN (SELECT id FROM person WHERE name LIKE 'Imported %')")" = "$got" ] ||
			{ fail "kill $i: the audit trail does not match the rows"; break; }
	done
	echo "# $KILLS kills during an import: $whole left it whole, $none left nothing"
}

test_edits_killed_at_random_keep_every_change_reported_saved() {
	fresh_register
	add person "name=Renamed 0" >/dev/null
	local i last now saved=0 start took
	# Kills land among the first twenty or so edits, however fast this
	# machine (or valgrind) runs them: time twenty first.
	start=$(date +%s%N)
	"$WRITER" "$DB" "$LOGIN" edit 20 "Renamed 0" >/dev/null || fail "the edits themselves fail"
	took=$((($(date +%s%N) - start) / 1000000 + 20))
	for ((i = 1; i <= KILLS; i++)); do
		"$WRITER" "$DB" "$LOGIN" edit 100000 "$(sql "SELECT name FROM person")" >"$TEST_ROOT/said" 2>&1 &
		pause_ms "$took"
		kill -KILL $! 2>/dev/null
		wait $! 2>/dev/null
		[ "$(sql 'PRAGMA integrity_check')" = ok ] || { fail "kill $i: integrity check failed"; break; }
		last=$(grep '^saved ' "$TEST_ROOT/said" | tail -1 | cut -d' ' -f2)
		saved=$((saved + ${last:-0}))
		now=$(sql "SELECT substr(name, 9) FROM person")
		# The last change it reported saved is there (or the next, done
		# but not yet reported when it died).
		if [ -n "$last" ] && [ "$now" != "$last" ] && [ "$now" != $((last + 1)) ]; then
			fail "kill $i: it said change $last was saved; the register holds change $now"
			break
		fi
		[ "$(sql "SELECT count(*) FROM person")" = 1 ] || { fail "kill $i: a person appeared or went"; break; }
	done
	# Killed every time before it saved anything would prove nothing.
	[ "$saved" -gt 0 ] || fail "no change was ever reported saved: $(cat "$TEST_ROOT/said")"
	echo "# $KILLS kills during edits, after $saved changes reported saved in all"
}

run_tests
