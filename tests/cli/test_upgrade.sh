# An older register opened by today's smreg: one made at schema 7, before
# migration 008 rebuilt the contact table, keeps every report, action,
# amendment and audit row, and its chain still checks.  The register is
# tests/cli/data/register-v7.sql, made by that smreg (its header says how).
. "$(dirname "$0")/../lib.sh"

FIXTURE="$(cd "$(dirname "$0")" && pwd)/data/register-v7.sql"
ZOE=d5179008-e00d-4abc-9e0b-54a9ae2d2de9
LI=8c2d5b65-ec46-49e6-8f57-ba6fd33ad73e

# What the old register holds, in columns both schemas have.
CONTACTS="SELECT id, school, reported_on, reported_by, pupil, pupil_name, pupil_status, platform,
	category, summary, evidence, dsl, status, action_taken, parent_informed, referred_to,
	rationale, closed_on FROM contact ORDER BY id"
ACTIONS="SELECT id, contact, acted_on, \"by\", note FROM action ORDER BY id"

old_register() {
	DB="$TEST_ROOT/register-v7.db"
	sqlite3 "$DB" <"$FIXTURE" || fail "could not load the schema 7 register"
	chmod 600 "$DB"
	export SMREG_DB="$DB"
	[ "$(sql 'PRAGMA user_version')" = 7 ] || fail "the fixture is not at schema 7"
}

test_a_schema_7_register_upgrades_keeping_every_value_and_its_chain() {
	old_register
	local contacts actions trail fresh
	contacts=$(sql "$CONTACTS")
	actions=$(sql "$ACTIONS")
	trail=$(sql "SELECT seq, at, login, register, record_id, action, before, after, reason FROM audit ORDER BY seq")
	[ -n "$contacts" ] && [ -n "$actions" ] && [ -n "$trail" ] || fail "the fixture is empty"
	# Opening it migrates it; check reads the whole chain after.
	run_as admin7 check
	expect_status 0
	expect_out "ok"
	fresh=$(cd "$TEST_ROOT" && "$SMREG" --db "$TEST_ROOT/new.db" init --school New >/dev/null 2>&1 &&
		sqlite3 "$TEST_ROOT/new.db" 'PRAGMA user_version')
	expect_sql "PRAGMA user_version" "$fresh"
	[ "$(sql "$CONTACTS")" = "$contacts" ] || fail "the reports changed" "$(sql "$CONTACTS")"
	[ "$(sql "$ACTIONS")" = "$actions" ] || fail "the actions changed" "$(sql "$ACTIONS")"
	local n
	n=$(wc -l <<<"$trail")
	[ "$(sql "SELECT seq, at, login, register, record_id, action, before, after, reason FROM audit
		ORDER BY seq LIMIT $n")" = "$trail" ] || fail "the audit trail changed"
	# Every old action is a note now, with its author kept.
	expect_sql "SELECT count(*) FROM action WHERE kind = 'note' AND \"by\" IS NOT NULL" "3"
	# The record reads whole, amendments with their reasons included.
	run_as dsl7 chronology "$ZOE"
	expect_status 0
	expect_out "She wrote: « je ne veux pas rentrer » — 李雷 was named."
	expect_out "Will phone her mother."
	expect_out "reason: after the phone call"
	expect_out "field: Action taken"
	# A report about a former pupil, closed, names them.
	run_as dsl7 list contact --all --format csv
	expect_out "Li Lei (former pupil)"
	run_as dsl7 show contact "$LI"
	expect_out "Declined; no contact since; no referral needed"
	# And it goes on working: an action added after is audited on the chain.
	run_as dsl7 add action contact="$ZOE" kind=note note="Checked in with Zoë after the upgrade"
	expect_status 0
	run_as admin7 check
	expect_status 0
}

run_tests
