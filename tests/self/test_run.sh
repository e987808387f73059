# The test runner itself (tests/run), on a folder of fake test files: its
# tally must count a file that stops before its end as failed, a skipped
# one as passed, and a failure once; TESTS_MATCHING (make check T=...)
# must choose the files it names.  No smreg runs here.
. "$(dirname "$0")/../lib.sh"

REPO=$(cd "$(dirname "$0")/../.." && pwd)

# A fresh fake tests folder ($FAKE) and build ($FAKE_BUILD) for each test.
fake_folder() {
	FAKE=$TEST_ROOT/fake-$BASHPID
	FAKE_BUILD=$FAKE/build
	mkdir -p "$FAKE/unit" "$FAKE/cli" "$FAKE_BUILD/tests"
}

# fake_script NAME BODY: a command-line test file, tests/lib.sh loaded.
fake_script() {
	printf '. %q\n%s\n' "$REPO/tests/lib.sh" "$2" >"$FAKE/cli/$1.sh"
}

# fake_unit NAME BODY: a unit test, its binary a shell script.
fake_unit() {
	: >"$FAKE/unit/$1.c"
	printf '#!/usr/bin/env bash\n%s\n' "$2" >"$FAKE_BUILD/tests/$1"
	chmod +x "$FAKE_BUILD/tests/$1"
}

# runner [MATCHING]: tests/run on the fake folder, $JOBS files at once
# (2 unless set); its tally in $OUT.
runner() {
	capture env TEST_DIR="$FAKE" TEST_SUITES="unit cli" TESTS_MATCHING="${1:-}" \
		TEST_JOBS="${JOBS:-2}" \
		"$REPO/tests/run" "$FAKE_BUILD"
}

# expect_tally "N passed, N failed": the last line, and the exit status.
expect_tally() {
	[ "$(tail -n 1 <<<"$OUT")" = "$1" ] || fail "expected the tally: $1" "got: $OUT"
	case "$1" in
	*" 0 failed") expect_status 0 ;;
	*) expect_status 1 ;;
	esac
}

test_complete_files_pass() {
	fake_folder
	fake_script test_whole 'test_a() { :; }
test_b() { :; }
run_tests'
	fake_unit test_whole $'echo 1..2\necho "ok 1 - a"\necho "ok 2 - b"'
	runner
	expect_tally "4 passed, 0 failed"
}

# A test file that reads its input (as one driving a terminal may) reads
# nothing of the runner's: every other file still runs.
test_a_file_reading_its_input_takes_nothing_from_the_runner() {
	fake_folder
	fake_script test_a_reader $'test_a() { cat >/dev/null; }\nrun_tests'
	fake_script test_b 'test_b() { :; }
run_tests'
	fake_script test_c 'test_c() { :; }
run_tests'
	fake_unit test_d $'echo 1..1\necho "ok 1 - d"'
	JOBS=1 runner
	expect_tally "4 passed, 0 failed"
}

test_a_script_that_exits_after_an_ok_fails() {
	fake_folder
	fake_script test_early $'echo "ok - first"\nexit 0\nrun_tests'
	runner
	expect_tally "1 passed, 1 failed"
	expect_out "stopped before its end"
}

test_a_script_killed_half_way_fails() {
	fake_folder
	fake_script test_killed 'test_a() { :; }
test_b() { kill -KILL $$; }
test_c() { :; }
run_tests'
	runner
	expect_tally "1 passed, 1 failed"
	expect_out "exited with status 137"
}

test_a_file_missing_its_plan_fails() {
	fake_folder
	fake_unit test_no_plan $'echo "ok 1 - a"\necho "ok 2 - b"'
	runner
	expect_tally "2 passed, 1 failed"
	expect_out "printed no plan"
}

test_a_killed_unit_binary_fails() {
	fake_folder
	fake_unit test_killed $'echo 1..3\necho "ok 1 - a"\necho "ok 2 - b"\nkill -KILL $$'
	runner
	expect_tally "2 passed, 1 failed"
}

test_more_reports_than_planned_fail() {
	fake_folder
	fake_unit test_extra $'echo 1..1\necho "ok 1 - a"\necho "ok 2 - b"'
	runner
	expect_tally "2 passed, 1 failed"
	expect_out "planned 1 tests, reported 2"
}

test_a_failure_counts_once() {
	fake_folder
	fake_unit test_failing $'echo 1..2\necho "ok 1 - a"\necho "not ok 2 - b"\nexit 1'
	fake_script test_failing 'test_a() { fail "on purpose"; }
run_tests'
	runner
	expect_tally "1 passed, 2 failed"
}

test_skipped_scripts_pass() {
	fake_folder
	fake_script test_skip_all 'skip_all test_skip_all "not here"
test_never() { fail "ran after skip_all"; }
run_tests'
	fake_script test_skip_one 'skip test_one "not here"
test_a() { :; }
run_tests'
	runner
	expect_tally "3 passed, 0 failed"
}

test_a_bail_out_fails_once() {
	fake_folder
	fake_script test_bail 'bail_out "no tmux" "a detail"
run_tests'
	runner
	expect_tally "0 passed, 1 failed"
	expect_out "# a detail"
}

test_tests_matching_chooses_files() {
	fake_folder
	fake_script test_one 'test_a() { :; }
run_tests'
	fake_script test_two 'test_a() { :; }
test_b() { :; }
run_tests'
	fake_unit test_one $'echo 1..3\necho ok 1\necho ok 2\necho ok 3'
	runner one
	expect_tally "4 passed, 0 failed"
	runner cli/test_one
	expect_tally "1 passed, 0 failed"
	runner 'cli/*o'
	expect_tally "3 passed, 0 failed"
	runner nothing
	expect_tally "0 passed, 1 failed"
	expect_out "no test file's name contains nothing"
	runner
	expect_tally "6 passed, 0 failed"
}

# Two files that each pass only while the other runs: side by side they
# both pass; one at a time, the first one fails, so TEST_JOBS is obeyed.
test_files_run_side_by_side_up_to_test_jobs() {
	fake_folder
	local name other
	for name in left right; do
		other=right
		[ $name = left ] || other=left
		fake_script "test_$name" "test_meet() {
	touch $FAKE/$name-$$\$JOBS_RUN
	for _ in \$(seq 20); do
		[ -e $FAKE/$other-$$\$JOBS_RUN ] && return
		sleep 0.1
	done
	fail 'ran alone'
}
run_tests"
	done
	JOBS_RUN=two JOBS=2 runner
	expect_tally "2 passed, 0 failed"
	JOBS_RUN=one JOBS=1 runner
	expect_tally "1 passed, 1 failed"
}

# order_script NAME: a test file that writes its name to $FAKE/order.
order_script() {
	fake_script "$1" "test_a() { echo $1 >>$FAKE/order; }
run_tests"
}

# The longest files start first: the committed tests/durations says how
# long each took, the first build's test-durations (the last run's times)
# more truly; a file in neither starts before them all, and the times of
# this run are kept, with those of files not run now.
test_the_longest_files_start_first() {
	fake_folder
	local name
	for name in test_a test_b test_c test_d; do
		order_script $name
	done
	printf '1.0\t0.5\tbuild: cli/test_a.sh\n9.0\t0.5\tbuild: cli/test_b.sh\n' >"$FAKE/durations"
	printf '%s\t0.5\tbuild: cli/%s.sh\n' 5.0 test_a 1.0 test_c 3.0 test_gone \
		>"$FAKE_BUILD/test-durations"
	JOBS=1 runner
	expect_tally "4 passed, 0 failed"
	[ "$(tr '\n' ' ' <"$FAKE/order")" = "test_d test_b test_a test_c " ] ||
		fail "not longest first: $(cat "$FAKE/order")"
	# Each file's time, as it ends and among the longest at the end.
	expect_out "  build: cli/test_a.sh: "
	grep -Eq "^ +[0-9]+\.[0-9] +[0-9]+\.[0-9]  build: cli/test_d.sh$" <<<"$OUT" ||
		fail "no time for test_d among the longest" "$OUT"
	[ "$(cut -f 3 "$FAKE_BUILD/test-durations" | sort | tr '\n' ' ')" = \
		"build: cli/test_a.sh build: cli/test_b.sh build: cli/test_c.sh build: cli/test_d.sh build: cli/test_gone.sh " ] ||
		fail "the times kept are wrong" "$(cat "$FAKE_BUILD/test-durations")"
}

# tests/lib.sh's register_once: a file's setup runs for its first test
# only, and each later test has a copy of its register, and its ids.
test_register_once_builds_once_and_copies() {
	fake_folder
	fake_script test_once "build() {
	DB=\$TEST_ROOT/built.db
	echo register >\"\$DB\"
	echo built >>$FAKE/built
	ID=\$RANDOM-\$BASHPID
}
check() {
	register_once build ID
	echo \"\$ID \$DB\" >>$FAKE/ids
	[ \"\$(cat \"\$DB\")\" = register ] || fail 'no copy'
	echo changed >\"\$DB\"
}
test_a() { check; }
test_b() { check; }
test_c() { check; }
run_tests"
	runner
	expect_tally "3 passed, 0 failed"
	[ "$(wc -l <"$FAKE/built")" -eq 1 ] || fail "built $(wc -l <"$FAKE/built") times"
	[ "$(cut -d ' ' -f 1 "$FAKE/ids" | sort -u | wc -l)" -eq 1 ] || fail "the ids differ" "$(cat "$FAKE/ids")"
	[ "$(cut -d ' ' -f 2 "$FAKE/ids" | sort -u | wc -l)" -eq 3 ] || fail "a register is shared" "$(cat "$FAKE/ids")"
}

run_tests
