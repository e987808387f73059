# The audit trail through the command line: every read of safeguarding
# records is recorded, a change to who holds the dsl role is the DSL's to
# see, and the hash chain shows a row changed behind smreg's back.
. "$(dirname "$0")/../lib.sh"

# A register with a DSL, a member of staff, a governor, and a report each
# from two members of staff, one with an action.
# (Built once a test file, and copied for each test: register_once.)
safeguarding_register() {
	register_once enter_safeguarding_register CONTACT OTHER ACTION
}

enter_safeguarding_register() {
	fresh_register
	add person name="Sam Staff" >/dev/null
	add person name="Tess Teacher" >/dev/null
	add person name="Dee Dsl" >/dev/null
	add_user staff staff "Sam Staff"
	add_user tess staff "Tess Teacher"
	add_user dsl dsl "Dee Dsl"
	add_user gov governor
	CONTACT=$(add_as staff contact platform=instagram category=pupil_contact \
		summary="A pupil sent a message" pupil_name="Li Lei")
	OTHER=$(add_as tess contact platform=tiktok category=friend_request \
		summary="A friend request" pupil_name="Zoë Example")
	ACTION=$(add_as dsl action contact="$CONTACT" note="Spoke to the parents")
}

reads() {
	sql "SELECT count(*) FROM audit WHERE action IN ('read', 'open')"
}

# newest_read: login, register, action and what the newest read recorded.
newest_read() {
	sql "SELECT login || ' ' || register || ' ' || action || ' ' || record_id || ' ' ||
		coalesce(after, '-') FROM audit WHERE action IN ('read', 'open')
		ORDER BY seq DESC LIMIT 1"
}

# expect_dsl_read [-N] COMMAND...: the command, run as the DSL, adds one
# read row (or N).
expect_dsl_read() {
	local before rows=1
	case $1 in -[0-9]) rows=${1#-}; shift ;; esac
	before=$(reads)
	run_as dsl "$@"
	expect_status 0
	[ "$(reads)" -eq $((before + rows)) ] ||
		fail "smreg $* added $(($(reads) - before)) read rows, not $rows"
}

test_every_read_of_a_contact_report_by_the_dsl_is_recorded() {
	safeguarding_register
	expect_dsl_read list contact
	expect_sql "SELECT after FROM audit ORDER BY seq DESC LIMIT 1" '{"read":"list","rows":2}'
	expect_out "instagram"
	expect_dsl_read list contact --filter "Li Lei"
	expect_sql "SELECT login || ' ' || register || ' ' || after FROM audit ORDER BY seq DESC LIMIT 1" \
		'dsl contact {"read":"list","filter":"Li Lei","rows":1}'
	# Showing a report opens it and shows its actions' titles: a page of
	# them, by id.
	expect_dsl_read -2 show contact "$CONTACT"
	expect_sql "SELECT count(*) FROM audit WHERE action = 'open' AND record_id = '$CONTACT'" 1
	expect_sql "SELECT json_extract(after, '$.ids[0]') || ' ' || json_extract(after, '$.rows')
		FROM audit WHERE register = 'action' AND action = 'read' ORDER BY seq DESC LIMIT 1" "$ACTION 1"
	expect_dsl_read export contact
	expect_sql "SELECT login || ' ' || register || ' ' || after FROM audit ORDER BY seq DESC LIMIT 1" \
		'dsl contact {"read":"export","all":true,"rows":2}'
	expect_dsl_read export contact --format json
}

test_every_read_of_an_action_by_the_dsl_is_recorded() {
	safeguarding_register
	expect_dsl_read list action
	expect_sql "SELECT register || ' ' || after FROM audit ORDER BY seq DESC LIMIT 1" \
		'action {"read":"list","rows":1}'
	expect_dsl_read show action "$ACTION"
	expect_sql "SELECT login || ' ' || register || ' ' || action || ' ' || record_id FROM audit
		ORDER BY seq DESC LIMIT 1" "dsl action open $ACTION"
	expect_dsl_read export action
	expect_sql "SELECT register || ' ' || after FROM audit ORDER BY seq DESC LIMIT 1" \
		'action {"read":"export","all":true,"rows":1}'
	expect_dsl_read list action --filter parents
	expect_sql "SELECT json_extract(after, '$.filter') || ' ' || json_extract(after, '$.rows')
		FROM audit ORDER BY seq DESC LIMIT 1" "parents 1"
}

test_staff_reading_their_own_reports_is_recorded() {
	safeguarding_register
	run_as staff list contact
	expect_status 0
	expect_out "instagram"
	expect_no_out "tiktok"
	expect_sql "SELECT login || ' ' || register || ' ' || after FROM audit ORDER BY seq DESC LIMIT 1" \
		'staff contact {"read":"list","rows":1}'
	run_as staff show contact "$CONTACT"
	expect_status 0
	expect_sql "SELECT login || ' ' || action || ' ' || record_id FROM audit ORDER BY seq DESC LIMIT 1" \
		"staff open $CONTACT"
	run_as staff export contact
	expect_status 0
	expect_sql "SELECT login || ' ' || after FROM audit ORDER BY seq DESC LIMIT 1" \
		'staff {"read":"export","all":true,"rows":1}'
}

test_a_refused_read_records_nothing() {
	safeguarding_register
	local before
	before=$(sql "SELECT max(seq) FROM audit")
	run list contact
	expect_status 4
	run export action
	expect_status 4
	run show contact "$CONTACT"
	expect_status 4
	run_as gov list contact --filter Li
	expect_status 4
	run_as staff show contact "$OTHER"
	expect_status 3
	run_as staff list action
	expect_status 4
	expect_sql "SELECT max(seq) FROM audit" "$before"
}

test_the_dsl_sees_an_admin_give_themselves_the_role_read_and_give_it_back() {
	safeguarding_register
	run_ok set user "$LOGIN" "roles=admin;dsl"
	run_ok export contact
	run_ok export action
	run_ok set user "$LOGIN" roles=admin
	# The admin's own trail no longer shows the reads.
	run_ok audit
	expect_no_out "export: "
	run_as dsl audit
	expect_status 0
	expect_out "roles: admin → admin;dsl"
	expect_out "roles: admin;dsl → admin"
	expect_sql "SELECT count(*) FROM audit WHERE login = '$LOGIN' AND action = 'read'" 2
	[ "$(grep -c "^[0-9-]* [0-9:]*  *$LOGIN .*read *export: " <<<"$OUT")" -eq 2 ] ||
		fail "the DSL's trail lacks the admin's two exports" "$OUT"
	# Giving the role to someone else, or a new user with it, shows too.
	run_ok add user login=newdsl "roles=staff;dsl"
	run_as dsl audit --format csv
	expect_out '""login"":""newdsl""' 
}

# A backup holds every report, which the admin may not read in smreg: the
# DSL sees that one was taken, and the copy holds that record of itself.
test_the_dsl_sees_an_admin_take_a_backup() {
	safeguarding_register
	run_ok backup "$TEST_ROOT/copy.db"
	expect_sql "SELECT count(*) FROM audit WHERE login = '$LOGIN' AND action = 'read'
		AND json_extract(after, '$.read') = 'backup'" 2
	expect_sql "SELECT after FROM audit WHERE register = 'contact' ORDER BY seq DESC LIMIT 1" \
		'{"read":"backup","all":true,"rows":2}'
	run_as dsl audit
	expect_out "backup: 2 rows"
	DB=$TEST_ROOT/copy.db expect_sql "SELECT count(*) FROM audit
		WHERE json_extract(after, '$.read') = 'backup'" 2
	# A backup refused writes no row.
	run backup "$TEST_ROOT/copy.db"
	expect_status 3
	expect_sql "SELECT count(*) FROM audit WHERE json_extract(after, '$.read') = 'backup'" 2
}

test_audit_record_finds_the_reads_that_showed_it() {
	safeguarding_register
	run_as dsl show contact "$CONTACT"
	expect_status 0
	run_as dsl audit --register action --record "$ACTION"
	expect_status 0
	expect_out "insert"
	expect_out "page: 1 row"
	run_as dsl audit --register contact --record "$CONTACT"
	expect_out "open"
}

test_check_names_a_row_changed_behind_smregs_back() {
	safeguarding_register
	run_ok check
	expect_out ": ok"
	local seq
	seq=$(sql "SELECT seq FROM audit WHERE register = 'contact' AND action = 'insert' LIMIT 1")
	sqlite3 -batch "$DB" "DROP TRIGGER audit_never_changed;
		UPDATE audit SET after = replace(after, 'Li Lei', 'Someone else') WHERE seq = $seq" ||
		fail "could not change the audit trail"
	run check
	expect_status 5
	expect_out "audit trail: row $seq does not match its hash"
	expect_err "1 problem found"
}

test_check_names_the_row_after_one_removed() {
	safeguarding_register
	local seq
	seq=$(sql "SELECT seq FROM audit WHERE register = 'contact' AND action = 'insert' LIMIT 1")
	sqlite3 -batch "$DB" "DROP TRIGGER audit_never_deleted; DELETE FROM audit WHERE seq = $seq" ||
		fail "could not delete from the audit trail"
	run check
	expect_status 5
	expect_out "row $((seq + 1)) does not match"
}

test_a_seal_proves_the_trail_up_to_it_unchanged() {
	safeguarding_register
	run_ok audit --seal
	local seal=$OUT
	[[ $seal =~ ^[0-9]+:[0-9a-f]{64}$ ]] || fail "not a seal: $seal"
	[ "${seal%%:*}" = "$(sql "SELECT max(seq) FROM audit")" ] || fail "the seal is not of the newest row"
	run_ok check --seal "$seal"
	expect_out "up to row ${seal%%:*} is as it was sealed"
	# The DSL may seal too, and rows added afterwards do not matter.
	run_as dsl audit --seal
	expect_status 0
	add school name="Second School" >/dev/null
	run_as dsl list contact
	run_ok check --seal "$seal"
	# Rows removed from its end are noticed.
	run check --seal "$(( ${seal%%:*} + 50 )):${seal#*:}"
	expect_status 5
	expect_out "has no row"
	# A different hash is not the trail sealed.
	run check --seal "${seal%%:*}:$(printf '0%.0s' $(seq 64))"
	expect_status 5
	expect_out "not the one sealed"
}

test_a_seal_fails_once_the_trail_below_it_is_changed() {
	safeguarding_register
	run_ok audit --seal
	local seal=$OUT
	sqlite3 -batch "$DB" "DROP TRIGGER audit_never_changed;
		UPDATE audit SET login = 'nobody' WHERE seq = 2" || fail "could not change the audit trail"
	run check --seal "$seal"
	expect_status 5
	expect_out "broken at row 2"
	run audit --seal
	expect_refused 5
	expect_err "broken at row 2"
}

test_a_malformed_seal_is_a_usage_error() {
	safeguarding_register
	for bad in "" "12" "12:" ":$(printf 'a%.0s' $(seq 64))" "x:$(printf 'a%.0s' $(seq 64))" \
		"12:$(printf 'g%.0s' $(seq 64))" "12:abc" "0:$(printf 'a%.0s' $(seq 64))"; do
		run check --seal "$bad"
		expect_refused 2 --seal "not a seal"
	done
}

test_only_admins_and_the_dsl_may_seal() {
	safeguarding_register
	run_as staff audit --seal
	expect_refused 4
	run_as gov audit --seal
	expect_refused 4
	# Anyone may check a seal: it says nothing but whether it holds.
	run_ok audit --seal
	local seal=$OUT
	run_as staff check --seal "$seal"
	expect_status 0
}

run_tests
