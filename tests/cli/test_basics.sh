# The command line end to end: set-up, adding, refusing bad input.
. "$(dirname "$0")/../lib.sh"

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

run_tests
