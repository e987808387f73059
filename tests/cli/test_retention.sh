# Retention, legal holds and the purge: what is due and under which rule,
# who may purge it, a confirmation that shows the counts, a disposal log
# without content, and nothing of a purged record left in the audit trail,
# the file's free pages or its WAL, while smreg check still verifies the
# chain and still finds a row changed behind smreg's back.
. "$(dirname "$0")/../lib.sh"

# One register, built once (below) and copied for each case: a DSL, a pupil born
# in 1990 with a closed report from 2005 (due: DOB + 25 years), a pupil who
# left in 2010 (due: left + 6 years) with a consent, and a pupil on roll.
TEMPLATE=""
template() {
	fresh_register
	add person name="Dee Dsl" >/dev/null
	add_user dsl dsl "Dee Dsl"
	# Pupils are purged by one who reads the contact reports too: a pupil
	# waits while a report names them, which an admin alone must not learn.
	add person name="Bea Both" >/dev/null
	add_user bm "admin;dsl" "Bea Both"
	add pupil name="Quentin Xylograph" date_of_birth=1990-03-04 upn=A123456789012 \
		left_on=2008-07-20 >/dev/null
	add pupil name="Olwen Leaverby" left_on=2010-07-20 >/dev/null
	add consent pupil="Olwen Leaverby" given_by="Parent Vexillum" received_on=2009-09-01 \
		uses=social_media >/dev/null
	add pupil name="Noor Onroll" >/dev/null
	REPORT=$(add_as dsl contact reported_on=2005-05-05 reported_by="Dee Dsl" \
		pupil="Quentin Xylograph" platform=snapchat category=pupil_contact \
		summary="Secretword Zanzibarine said hello")
	add_as dsl action contact="$REPORT" acted_on=2005-05-06 \
		note="Spoke to the Zanzibarine family" >/dev/null
	capture "$SMREG_AS" dsl close contact "$REPORT" --note "No further action, Zanzibarine"
	[ "$STATUS" -eq 0 ] || fail "could not close the report" "$ERR"
	# A filter puts every text in the filter's index (schema 021); not
	# by the secret word, which the read's audit row would keep.
	capture "$SMREG_AS" dsl list action --filter family
	[[ "$OUT" == *Zanzibarine* ]] || fail "the filter did not find the action" "$OUT"
	TEMPLATE=$DB
}

# A copy of the template for one case; a purge uses the real date, so the
# cases that purge run without SMREG_TODAY's what-if (each case is a subshell).
copy_register() {
	DB="$TEST_ROOT/case-$RANDOM.db"
	(umask 077 && sqlite3 "$TEMPLATE" ".backup '$DB'")
	export SMREG_DB="$DB"
	[ "${1:-}" != --real-date ] || unset SMREG_TODAY
}

test_retention_lists_what_each_role_may_purge_under_its_rule() {
	copy_register
	# An admin alone purges no pupil: which leavers were not due would say
	# which have a contact report.
	run_ok retention --format csv
	expect_no_out "Olwen"
	expect_no_out "Quentin"
	expect_no_out "contact"
	run_as bm retention --format csv
	expect_status 0
	expect_out "pupil,2016-07-20,Olwen Leaverby,retention_pupil_years: 6 years after leaving"
	expect_out "contact,2015-03-04,Quentin Xylograph,retention_contact_years: 25 years from the pupil's date of birth"
	expect_no_out "pupil,.*Quentin"
	expect_no_out "Noor"
	run_as dsl retention --format csv
	expect_status 0
	expect_out "contact,2015-03-04,Quentin Xylograph,retention_contact_years: 25 years from the pupil's date of birth"
	expect_no_out "Olwen"
	run_as bm due --format csv
	expect_out "RETENTION_DUE"
}

# RETENTION_DUE lists records of many registers: each row only to those
# who may read its record.  The admin, who reads requests but never a
# contact report, was shown the pupil a report due for disposal is about.
test_retention_due_names_a_report_only_to_the_dsl() {
	copy_register
	run due --format csv
	expect_no_out "Quentin"
	expect_no_out "Olwen"
	expect_no_out "retention_contact_years"
	run_as dsl due --format csv
	expect_out "due,RETENTION_DUE,2015-03-04,Test School,Quentin Xylograph"
	run_as bm due --format csv
	expect_out "due,RETENTION_DUE,2016-07-20,Test School,Olwen Leaverby"
}

# A concern about a DSL is due for disposal like any report; she never
# sees it there, nor purges it (it was hers to destroy), nor finds it in
# the audit of its actions or in her counts.
test_a_concern_is_never_purged_by_the_one_it_is_about() {
	copy_register --real-date
	local concern
	add person name="Dan Deputy" >/dev/null
	add_user dan dsl "Dan Deputy"
	concern=$(add_as dan contact reported_on=1990-05-05 reported_by="Dan Deputy" \
		concerns="Dee Dsl" concerns_born_on=1940-01-01 platform=snapchat category=other \
		summary="About Dee, Quokkarine")
	[ -n "$concern" ] || fail "the concern was not filed"
	# Due at her pension age (2007), 10 years after closing having passed.
	run_as dan close contact "$concern" --on 1990-06-01 --note "Resolved"
	expect_status 0
	run_as dan retention --format csv
	expect_out "$concern"
	run_as dsl retention --format csv
	expect_no_out "$concern"
	run_as dsl purge --confirm 3
	expect_status 0
	expect_sql "SELECT count(*) FROM contact WHERE id = '$concern'" 1
	run_as dan retention --format csv
	expect_out "$concern"
	# Nor does the audit of its actions, read by another DSL, name it to
	# her, nor her counts say it is there.
	run_as dan chronology "$concern"
	expect_status 0
	run_as dsl audit --register action --format json
	expect_no_out "$concern"
	run_as dsl list
	expect_no_out "about staff"
}

test_a_setting_changes_the_period_and_0_keeps_for_ever() {
	copy_register
	run_as bm retention
	expect_out "Olwen Leaverby"
	run_ok set setting retention_pupil_years value=0
	run_as bm retention
	expect_no_out "Olwen Leaverby"
	run_ok set setting retention_pupil_years value=30
	run_as bm retention
	expect_no_out "Olwen Leaverby"
}

test_a_legal_hold_keeps_a_record_until_released() {
	copy_register
	run hold pupil "Olwen Leaverby"
	expect_refused 3 reason "needs a reason"
	run_ok hold pupil "Olwen Leaverby" --reason "Claim from the family, letter of 3 May"
	run_as bm retention
	expect_no_out "Olwen Leaverby"
	run hold pupil "Olwen Leaverby" --reason "again"
	expect_refused 3
	expect_err "already on legal hold"
	expect_sql "SELECT count(*) FROM audit WHERE register = 'pupil' AND after LIKE '%legal_hold%'" 1
	run_ok hold pupil "Olwen Leaverby" --release
	run_as bm retention
	expect_out "Olwen Leaverby"
	# Staff may not hold what they may not write.
	add_user staffer staff
	run_as staffer hold pupil "Noor Onroll" --reason "x"
	expect_refused 4
}

test_purge_asks_to_confirm_with_the_counts_and_changes_nothing_unconfirmed() {
	copy_register --real-date
	snapshot
	run_as bm purge
	expect_status 2
	expect_out "pupil            1"
	expect_out "consent          1"
	expect_out "contact          1"
	expect_err "--confirm 5"
	run_as bm purge --confirm 2
	expect_status 6
	expect_err "5 records are due, not 2"
	expect_unchanged
	# What-if dates never purge.
	SMREG_TODAY=2099-01-01 run_as bm purge --confirm 5
	expect_status 2
	expect_err "real date"
	expect_unchanged
}

test_the_dsl_purges_reports_and_nothing_of_them_is_left_in_the_file_or_wal() {
	copy_register --real-date
	# The content is there before: in the file or its WAL.
	[ -n "$(cat "$DB" "$DB-wal" 2>/dev/null | grep -a -c Zanzibarine)" ] ||
		fail "the report's text is not in the file to begin with"
	# The report, its action, and the "closed" entry closing it added.
	run_as dsl purge --confirm 3
	expect_status 0
	expect_out "contact          1"
	expect_out "action           2"
	expect_out "Purged 3 records"
	if cat "$DB" "$DB-wal" 2>/dev/null | grep -a -q Zanzibarine; then
		fail "the purged report's text is still in the database file or its WAL"
	fi
	# Nor in the filter's index: none of its trigrams ("nzi", "zib") is left.
	expect_sql "CREATE VIRTUAL TABLE temp.v USING fts5vocab(main, search, row);
		SELECT count(*) FROM temp.v WHERE term IN ('nzi', 'zib')" 0
	expect_sql "SELECT count(*) FROM contact" 0
	expect_sql "SELECT register || ' ' || count || ' ' || login FROM disposal ORDER BY register" \
		"action 2 dsl
contact 1 dsl"
	# The audit rows stay, emptied, each tied to its disposal.
	expect_sql "SELECT count(*) FROM audit WHERE record_id = '$REPORT' AND purged IS NOT NULL
		AND before IS NULL AND after IS NULL AND reason IS NULL AND digest IS NOT NULL" 3
	run_ok check
	# The pupil no longer named by a kept report is due now.
	run_as bm retention
	expect_out "Quentin Xylograph"
}

test_the_admin_purges_a_leaver_with_their_consent() {
	copy_register --real-date
	run_as dsl purge --confirm 3
	expect_status 0
	# Olwen and her consent, and Quentin, whom no report names now.
	run_as bm purge --confirm 3
	expect_status 0
	if cat "$DB" "$DB-wal" 2>/dev/null | grep -a -q -e Leaverby -e Vexillum; then
		fail "the purged pupil's name is still in the database file or its WAL"
	fi
	expect_sql "SELECT count(*) FROM pupil WHERE name = 'Olwen Leaverby'" 0
	expect_sql "SELECT rule FROM disposal WHERE register = 'consent'" \
		"with its pupil, retention_pupil_years: 6 years after leaving"
	run_ok check
	run_as bm retention
	expect_out "Nothing is due"
}

test_check_still_finds_rows_changed_or_emptied_behind_smregs_back() {
	copy_register --real-date
	run_as bm purge --confirm 5
	expect_status 0
	local kept keep_seq
	# A row not purged, emptied and tied to the disposal as a purge would.
	keep_seq=$(sql "SELECT min(seq) FROM audit WHERE purged IS NULL AND register = 'pupil'")
	kept="$TEST_ROOT/emptied.db"
	cp "$DB" "$kept"
	sqlite3 "$kept" "UPDATE audit SET before = NULL, after = NULL, reason = NULL,
		purged = (SELECT id FROM disposal LIMIT 1) WHERE seq = $keep_seq" ||
		fail "could not empty a row"
	SMREG_DB=$kept run check
	expect_status 5
	expect_out "row $keep_seq does not match"
	# A row not purged, changed.
	sqlite3 "$DB" "DROP TRIGGER audit_never_changed;
		UPDATE audit SET after = replace(after, 'Noor', 'Nora') WHERE after LIKE '%Noor%'"
	run check
	expect_status 5
	expect_out "does not match its hash"
}

test_a_request_is_due_in_one_calendar_month_and_warned_of() {
	copy_register
	local late soon
	late=$(add request requester="Mrs Example" pupil="Noor Onroll" received_on=2026-01-31)
	soon=$(add request requester="A Parent" pupil="Noor Onroll" received_on=2026-10-25)
	# No 31 February: the month's last day.
	expect_sql "SELECT due_on FROM request WHERE id = '$late'" 2026-02-28
	expect_sql "SELECT due_on FROM request WHERE id = '$soon'" 2026-11-25
	run due --format csv
	expect_out "overdue,SAR_OVERDUE,2026-02-28"
	expect_out "due,SAR_DUE,2026-11-25"
	run set request "$late" extended_to=2026-06-01
	expect_refused 3 extended_to "more than two months"
	run_ok close request "$late" --note "Sent the records, third parties redacted"
	run due --format csv
	expect_no_out "SAR_OVERDUE"
	run add request requester="Nobody" received_on=2026-11-01
	expect_refused 3 pupil
	run_as dsl list request
	expect_status 0
	add_user gov governor
	run_as gov list request
	expect_refused 4
}

template
run_tests
