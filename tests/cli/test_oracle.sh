# No existence oracle: a record a user may not read answers exactly as an
# unknown one does, whatever the command, so that no answer tells them it
# exists.  Each command is run on the hidden record's id and on an id that
# is nobody's; the two answers must be the same byte for byte once the id
# typed is written as ID, be a refusal, and leave the register as it was.
. "$(dirname "$0")/../lib.sh"

# Two members of staff who each file a report, the DSL's action on each,
# a governor, and records of the registers a governor may not see.
# (Built once a test file, and copied for each test: register_once.)
two_reporters() {
	register_once enter_two_reporters AMY BEN CONSENT RITAS TOMS RITAS_ACTION TOMS_ACTION TOMS_USER UNKNOWN
}

enter_two_reporters() {
	fresh_register
	add person name="Rita Reporter" >/dev/null
	add person name="Tom Teacher" >/dev/null
	add person name="Dee Dsl" >/dev/null
	add_user rita staff "Rita Reporter"
	add_user tom staff "Tom Teacher"
	add_user dsl dsl "Dee Dsl"
	add_user gov governor
	add channel platform=facebook account=StMarys opened_on=2020-09-01 >/dev/null
	# Amy has a report and nothing else; Ben a consent and nothing else.
	AMY=$(add pupil name="Amy Able")
	BEN=$(add pupil name="Ben Brown")
	CONSENT=$(add consent pupil="Ben Brown" given_by="Mr Brown" uses=website)
	RITAS=$(add_as rita contact platform=instagram category=pupil_contact \
		summary="Amy messaged my personal account" pupil="Amy Able")
	TOMS=$(add_as tom contact platform=tiktok category=other summary="A video" pupil_name="Zed")
	RITAS_ACTION=$(add_as dsl action contact="$RITAS" note="Spoke to Amy's mother")
	TOMS_ACTION=$(add_as dsl action contact="$TOMS" note="Asked Tom for the link")
	TOMS_USER=$(sql "SELECT id FROM user WHERE login = 'tom'")
	UNKNOWN=$(cat /proc/sys/kernel/random/uuid)
	[ -n "$TOMS_USER" ] && [ -n "$TOMS_ACTION" ] && [ -n "$CONSENT" ] ||
		fail "could not set up the register"
	[ -z "$(sql "SELECT 1 FROM contact WHERE id = '$UNKNOWN'")" ] || fail "the unknown id is taken"
}

CSV=

# How many rows each register and the audit trail hold, and the trail's
# last entry: every write smreg makes, and every opening of a report, adds
# one (cheaper than lib.sh's snapshot, run some 250 times here).
register_state() {
	local table query="SELECT 'last=' || (SELECT max(seq) FROM audit)"
	for table in school person channel authorisation pupil consent_use consent takedown \
		policy review contact action training user setting audit; do
		query="$query || ' $table=' || (SELECT count(*) FROM \"$table\")"
	done
	sql "$query"
}

# attempt LOGIN ID ARGS...: ARGS run as LOGIN ("admin": this login) with
# "@ID8" in them the first eight characters of ID and "@ID" the whole;
# $TEST_ROOT/rows.csv is $CSV so written.  A refusal that changes nothing.
attempt() {
	local login=$1 id=$2 before after
	shift 2
	local args=("${@//@ID8/${id:0:8}}")
	args=("${args[@]//@ID/$id}")
	printf '%s\n' "${CSV//@ID/$id}" >"$TEST_ROOT/rows.csv"
	before=$(register_state)
	if [ "$login" = admin ]; then
		run "${args[@]}"
	else
		run_as "$login" "${args[@]}"
	fi
	after=$(register_state)
	[ "$STATUS" -ne 0 ] || fail "$login ${args[*]}: was not refused" "stdout: $OUT"
	[ "$after" = "$before" ] || fail "$login ${args[*]}: the register changed" "$before" "$after"
}

# What the last run answered, with the id (or its start) written as ID.
answer() {
	# Read again from the files capture wrote, trailing newlines and all.
	local out err
	out=$(cat "$TEST_ROOT/out" && echo .)
	err=$(cat "$TEST_ROOT/err" && echo .)
	out=${out//"$1"/ID}
	err=${err//"$1"/ID}
	out=${out//"${1:0:8}"/ID}
	err=${err//"${1:0:8}"/ID}
	# One line (%q), so that a failure's report stays TAP comments.
	printf 'exit %s; stdout %q; stderr %q' "$STATUS" "$out" "$err"
}

# same_answer LOGIN HIDDEN ARGS...: the same answer on HIDDEN as on $UNKNOWN.
same_answer() {
	local login=$1 hidden=$2 first
	shift 2
	attempt "$login" "$hidden" "$@"
	first=$(answer "$hidden")
	attempt "$login" "$UNKNOWN" "$@"
	[ "$(answer "$UNKNOWN")" = "$first" ] ||
		fail "$login $*: a hidden record and an unknown one answer differently" \
			"hidden:" "$first" "unknown:" "$(answer "$UNKNOWN")"
}

# Every command that takes a record of TYPE, on HIDDEN, as LOGIN.
every_command() {
	local login=$1 type=$2 hidden=$3
	CSV=$'id,summary\n@ID,Imported'
	same_answer "$login" "$hidden" show "$type" @ID
	same_answer "$login" "$hidden" show "$type" @ID8
	same_answer "$login" "$hidden" set "$type" @ID note=Changed --reason "Checking"
	same_answer "$login" "$hidden" close "$type" @ID
	same_answer "$login" "$hidden" delete "$type" @ID
	same_answer "$login" "$hidden" add "$type" id=@ID note=New
	same_answer "$login" "$hidden" import "$type" "$TEST_ROOT/rows.csv"
	same_answer "$login" "$hidden" audit --register "$type" --record @ID
}

test_staff_cannot_tell_anothers_report_from_none() {
	two_reporters
	local id
	every_command tom contact "$RITAS"
	same_answer tom "$RITAS" show contact @ID --format json
	same_answer tom "$RITAS" set contact @ID summary=Changed --reason "Checking"
	same_answer tom "$RITAS" close contact @ID --note "No further action"
	# Filing a report with a chosen id: refused alike, the id taken or not,
	# as a new report or from a file; Tom's own report's id as well.
	for id in "$RITAS" "$TOMS"; do
		same_answer tom "$id" add contact id=@ID platform=x category=other summary=s pupil="Amy Able"
		CSV=$'id,platform,category,summary,pupil_name\n@ID,x,other,Imported,Zed'
		same_answer tom "$id" import contact "$TEST_ROOT/rows.csv"
		same_answer tom "$id" import contact "$TEST_ROOT/rows.csv" --dry-run
	done
	run_as tom add contact id="$UNKNOWN" platform=x category=other summary=s pupil="Amy Able"
	expect_refused 4 id "you may not choose the id of a contact report"
	# A report's actions, his own report's included, are the DSL's alone.
	for id in "$RITAS_ACTION" "$TOMS_ACTION"; do
		same_answer tom "$id" show action @ID
		same_answer tom "$id" set action @ID note=Changed --reason "Checking"
	done
	for id in "$RITAS" "$TOMS"; do
		same_answer tom "$id" add action contact=@ID note="Any news?"
	done
	run_as tom show contact "$TOMS"
	expect_status 0
	expect_no_out "Actions"
	expect_no_out "Asked Tom"
	# His own report, by a name that is Rita's report's title, is not hers.
	same_answer tom "$RITAS" show contact "Amy Able, pupil contact, 21/11/2026"
	# Rita's report is still there, as the DSL sees it.
	expect_sql "SELECT count(*) FROM contact WHERE id = '$RITAS' AND summary LIKE 'Amy messaged%'" 1
}

test_governors_cannot_tell_hidden_records_from_none() {
	two_reporters
	every_command gov contact "$RITAS"
	every_command gov action "$RITAS_ACTION"
	every_command gov pupil "$AMY"
	every_command gov consent "$CONSENT"
	every_command gov user "$TOMS_USER"
	same_answer gov "$RITAS" add action contact=@ID note="Any news?"
	same_answer gov "$AMY" can-post @ID --channel facebook:StMarys
}

test_admins_cannot_tell_hidden_records_from_none() {
	two_reporters
	every_command admin contact "$RITAS"
	every_command admin action "$RITAS_ACTION"
	same_answer admin "$RITAS" add action contact=@ID note="Any news?"
	# Amy is referred to by Rita's report alone, Ben by his consent, which
	# the admin sees: deleting either is refused as for nobody, so whether
	# a pupil has a report shows nowhere.
	same_answer admin "$AMY" delete pupil @ID
	same_answer admin "$BEN" delete pupil @ID
	attempt admin "$(add pupil name="Entered By Mistake")" delete pupil @ID
	expect_refused 4
	expect_err "records you may not read (Contact reports) can refer to it; record leaving instead"
	same_answer admin "$(sql "SELECT id FROM person WHERE name = 'Rita Reporter'")" delete person @ID
	same_answer admin "$(sql "SELECT id FROM school")" delete school @ID
}

test_the_dsl_cannot_tell_a_user_from_none() {
	two_reporters
	every_command dsl user "$TOMS_USER"
}

# Those who read a whole register still choose ids: nothing is hidden from
# them, and a taken id says so.
test_who_reads_every_record_still_chooses_ids() {
	two_reporters
	run_as dsl add contact id="$UNKNOWN" platform=x category=other summary=s pupil_name=Zed \
		reported_by="Dee Dsl"
	expect_status 0
	expect_out "$UNKNOWN"
	run_as dsl add contact id="$RITAS" platform=x category=other summary=s pupil_name=Zed \
		reported_by="Dee Dsl"
	expect_refused 3 id "another contact already has this id"
	run add pupil id="$AMY" name="Amy Again"
	expect_refused 3 id "another pupil already has this id"
	# A login that is admin and DSL reads everything that can refer to a
	# pupil, and deletes one entered by mistake.
	add_user both "admin;dsl"
	run_as both delete pupil "$(add pupil name="Entered By Mistake")"
	expect_status 0
	run_as both delete pupil "$AMY"
	expect_status 3
	expect_err "Amy Able cannot be deleted: other records refer to it"
}

run_tests
