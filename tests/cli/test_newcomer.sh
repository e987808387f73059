# A newcomer's first minute on the command line (issue 12.12): what demo
# says to run works as it was run, and add says what it did at a terminal.
. "$(dirname "$0")/../lib.sh"

test_demo_says_how_to_open_it_with_the_smreg_that_made_it() {
	run --db "$TEST_ROOT/demo.db" demo
	expect_status 0
	expect_out "open it with: $SMREG --db $TEST_ROOT/demo.db"
}

test_add_says_what_it_did_at_a_terminal_and_prints_the_id_to_a_script() {
	command -v script >/dev/null || { skip "$FUNCNAME" "no script(1)"; return; }
	fresh_register
	local said id
	said=$(script -qc "'$SMREG' add user login=jsmith roles=dsl" /dev/null | tr -d '\r')
	id=$(sql "SELECT id FROM user WHERE login = 'jsmith'")
	[ "$said" = "Added the user jsmith (id $id)." ] || fail "add said: $said"
	run add user login=jdoe roles=staff
	expect_status 0
	[ "$OUT" = "$(sql "SELECT id FROM user WHERE login = 'jdoe'")" ] || fail "not the bare id: $OUT"
}

run_tests
