# Roles through the command line: admin, dsl, governor and staff, each
# run as its own login (tests/helpers/smreg-as.c) on one register.
. "$(dirname "$0")/../lib.sh"

# A register with a record in every register, and a user of each role.
# (Built once a test file, and copied for each test: register_once.)
every_register() {
	register_once enter_every_register AUTH AUTH2 CONSENT TAKEDOWN REVIEW TRAINING CONTACT ACTION
}

enter_every_register() {
	fresh_register
	add person name="Helen Head" job_title="Head teacher" >/dev/null
	add person name="Sam Staff" job_title="Class teacher" >/dev/null
	add person name="Dee Dsl" job_title="Deputy head" >/dev/null
	add person name="Gina Governor" kind=governor >/dev/null
	add person name="Pat Parttime" >/dev/null
	add_user gov governor "Gina Governor"
	add_user staff staff "Sam Staff"
	add_user dsl dsl "Dee Dsl"
	add_user spare staff
	add channel platform=facebook account=StMarys opened_on=2020-09-01 >/dev/null
	add channel platform=x account=StMarysX opened_on=2020-09-01 >/dev/null
	AUTH=$(add authorisation person="Sam Staff" channel=facebook:StMarys kind=poster authorised_by="Helen Head")
	AUTH2=$(add authorisation person="Pat Parttime" channel=facebook:StMarys kind=poster authorised_by="Helen Head")
	add pupil name="Amy Able" >/dev/null
	add pupil name="Ben Brown" >/dev/null
	CONSENT=$(add consent pupil="Amy Able" given_by="Mrs Able" uses="social_media;website")
	local ben
	ben=$(add consent pupil="Ben Brown" given_by="Mr Brown" received_on=2026-09-01 uses=social_media)
	run_ok close consent "$ben" --on 2026-11-20
	# Withdrawing Ben's consent raised a takedown on each open channel.
	TAKEDOWN=$(sql "SELECT t.id FROM takedown AS t JOIN channel AS c ON c.id = t.channel WHERE c.platform = 'facebook'")
	add policy title="Social media policy" next_review_on=2027-09-01 >/dev/null
	REVIEW=$(add review policy="Social media policy" reviewed_on=2026-09-01)
	TRAINING=$(add training person="Sam Staff" kind=induction)
	CONTACT=$(add_as staff contact platform=instagram category=pupil_contact \
		summary="Amy sent a message to my personal account" pupil="Amy Able")
	ACTION=$(add_as dsl action contact="$CONTACT" note="Spoke to Amy's mother")
	[ -n "$TAKEDOWN" ] && [ -n "$ACTION" ] || fail "could not set up every register"
}

REGISTERS="school person channel authorisation pupil consent_use consent takedown policy review contact action training user setting"

# The matrix of DESIGN.md, written out: what each role may read, write and
# audit.  Staff read their own contact reports and add them, nothing more.
declare -A READS=(
	[admin]="school person channel authorisation pupil consent_use consent takedown policy review training user setting"
	[dsl]="school person channel authorisation pupil consent_use consent takedown policy review contact action training setting"
	[governor]="school person channel authorisation consent_use policy review training setting"
	[staff]="school person channel authorisation pupil consent_use policy review contact setting"
)
declare -A WRITES=(
	[admin]="school person channel authorisation pupil consent_use consent takedown policy review training user setting"
	[dsl]="contact action"
	[governor]=""
	[staff]=""
)
declare -A LOGINS=([admin]="" [dsl]=dsl [governor]=gov [staff]=staff)
declare -A PEOPLE=([admin]="Helen Head" [dsl]="Dee Dsl" [governor]="Gina Governor" [staff]="Sam Staff")

may() { # may LIST REGISTER
	case " $1 " in *" $2 "*) return 0 ;; esac
	return 1
}

# as ROLE ARGS...: smreg run by the user of that role.
as() {
	local role=$1
	shift
	if [ "$role" = admin ]; then
		run "$@"
	else
		run_as "${LOGINS[$role]}" "$@"
	fi
}

# check ROLE WHAT EXPECTED: the status, and a refusal that says who may.
check() {
	local role=$1 what=$2 expected=$3
	if [ "$STATUS" -ne "$expected" ]; then
		fail "$role $what: expected exit $expected, got $STATUS" "stderr: $ERR"
	elif [ "$expected" -eq 4 ]; then
		[[ "$ERR" =~ ^smreg:\ [^:]+:\ permission\ denied:\ .*\ may\ not\ .*\;\ only\ [a-z,\ ]+\ may$ ]] ||
			fail "$role $what: the refusal does not say who may" "stderr: $ERR"
		# Nothing on standard output: a refusal is not an empty list.
		[ -z "$OUT" ] || fail "$role $what: refused, it printed" "$OUT"
	fi
}

# The record each register's set and close work on, and a change to it.
ref_of() {
	case $1 in
	school) echo "Test School" ;; person) echo "Sam Staff" ;; channel) echo facebook:StMarys ;;
	authorisation) echo "$AUTH" ;; pupil) echo "Amy Able" ;; consent_use) echo website ;;
	consent) echo "$CONSENT" ;; takedown) echo "$TAKEDOWN" ;; policy) echo "Social media policy" ;;
	review) echo "$REVIEW" ;; contact) echo "$CONTACT" ;; action) echo "$ACTION" ;;
	training) echo "$TRAINING" ;; user) echo spare ;; setting) echo policy_warn_days ;;
	esac
}

change_of() {
	case $1 in
	school) echo code=TS ;; person) echo job_title=Teacher ;; channel) echo purpose=News ;;
	authorisation) echo review_on=2027-06-30 ;; pupil) echo year_group=4 ;;
	consent_use) echo "label=Our school website" ;; consent) echo form_ref=Cabinet ;;
	takedown) echo note=Checked ;; policy) echo version=2 ;; review) echo summary=Fine ;;
	contact) echo evidence=Screenshots ;; action) echo "note=Spoke to Amy's father" ;;
	training) echo notes=Done ;; user) echo "person=Pat Parttime" ;; setting) echo value=61 ;;
	esac
}

# add_args REGISTER ROLE: a valid new record, for whoever may add one.
add_args() {
	case $1 in
	school) ADD=(name="Second School") ;;
	person) ADD=(name="New Person") ;;
	channel) ADD=(school="Test School" platform=instagram account=StMarysInsta) ;;
	authorisation) ADD=(person="Helen Head" channel=facebook:StMarys kind=moderator authorised_by="Helen Head") ;;
	pupil) ADD=(school="Test School" name="New Pupil") ;;
	consent_use) ADD=(code=yearbook label=Yearbook) ;;
	consent) ADD=(pupil="Amy Able" given_by=Grandma uses=website) ;;
	takedown) ADD=(pupil="Amy Able" channel=x:StMarysX) ;;
	policy) ADD=(title="Online safety policy" next_review_on=+1y) ;;
	review) ADD=(policy="Social media policy") ;;
	contact) ADD=(school="Test School" platform=snapchat category=other summary="A snap" pupil="Amy Able" reported_by="${PEOPLE[$2]}") ;;
	action) ADD=(contact="$CONTACT" note="Checked in with Amy") ;;
	training) ADD=(person="Sam Staff" kind=cpd) ;;
	user) ADD=(login=newbie roles=staff) ;;
	setting) ADD=(key=new_key value=1 label=New) ;;
	esac
}

# The record each register's close ends (ended ones have an end date).
close_ref_of() {
	case $1 in
	person) echo "Pat Parttime" ;; channel) echo x:StMarysX ;; authorisation) echo "$AUTH2" ;;
	pupil) echo "Ben Brown" ;; consent) echo "$CONSENT" ;; takedown) echo "$TAKEDOWN" ;;
	contact) echo "$CONTACT" ;; user) echo spare ;;
	esac
}

# Refused writes change nothing; allowed ones leave a row in the audit trail.
write_as() {
	local role=$1 what=$2 allowed=$3
	shift 3
	local before
	before=$(sql "SELECT count(*) FROM audit WHERE action NOT IN ('open', 'read')")
	snapshot
	as "$role" "$@"
	if [ "$allowed" = yes ]; then
		check "$role" "$what" 0
		[ "$(sql "SELECT count(*) FROM audit WHERE action NOT IN ('open', 'read')")" -gt "$before" ] ||
			fail "$role $what: no audit row for the change"
	else
		check "$role" "$what" 4
		expect_unchanged
	fi
}

test_the_permission_matrix_through_the_command_line() {
	every_register
	local role type expected
	for role in governor staff dsl admin; do
		for type in $REGISTERS; do
			expected=4
			may "${READS[$role]}" "$type" && expected=0
			as "$role" list "$type" --all
			check "$role" "list $type" "$expected"
			as "$role" show "$type" "$(ref_of "$type")"
			check "$role" "show $type" "$expected"
			as "$role" export "$type"
			check "$role" "export $type" "$expected"
			# The audit trail is the writers' (DESIGN.md: admins; DSL for
			# contact reports).
			expected=4
			may "${WRITES[$role]}" "$type" && expected=0
			as "$role" audit --register "$type"
			check "$role" "audit --register $type" "$expected"
		done
		for type in $REGISTERS; do
			local allowed=no
			may "${WRITES[$role]}" "$type" && allowed=yes
			write_as "$role" "set $type" "$allowed" set "$type" "$(ref_of "$type")" "$(change_of "$type")" --reason "Checking"
			add_args "$type" "$role"
			if [ "$type" = setting ] && [ "$allowed" = yes ]; then
				as "$role" add "$type" "${ADD[@]}"
				expect_refused 3
				expect_err "settings cannot be added"
			elif [ "$type" = contact ] && [ "$role" = staff ]; then
				write_as "$role" "add $type" yes add "$type" "${ADD[@]}"
			else
				write_as "$role" "add $type" "$allowed" add "$type" "${ADD[@]}"
			fi
			[ -n "$(close_ref_of "$type")" ] || continue
			# A note only where the register keeps one (a contact report's
			# rationale, a revocation's reason, a takedown's note).
			case "$type" in
			contact | authorisation | takedown) NOTE=(--note "Rationale: no further action") ;;
			*) NOTE=() ;;
			esac
			write_as "$role" "close $type" "$allowed" close "$type" "$(close_ref_of "$type")" "${NOTE[@]}"
		done
	done
	# The audit trail as a whole: admins and the DSL only.
	for role in governor staff; do
		as "$role" audit
		expect_refused 4
		expect_err "permission denied: only admins and the DSL may read the audit trail"
	done
	for role in admin dsl; do
		as "$role" audit
		check "$role" audit 0
	done
	# What each role's whole trail holds: admins never see the safeguarding
	# registers, the DSL sees only them and the users who hold dsl.
	run audit --format csv
	[ "$(printf '%s\n' "$OUT" | sed 1d | cut -d, -f3 | sort -u | tr '\n' ' ')" = \
		"authorisation channel consent consent_use person policy pupil review school setting takedown training user " ] ||
		fail "the admin's trail holds the wrong registers" "$OUT"
	run_as dsl audit --format csv
	[ "$(printf '%s\n' "$OUT" | sed 1d | cut -d, -f3 | sort -u | tr '\n' ' ')" = "action contact user " ] ||
		fail "the DSL's trail holds the wrong registers" "$OUT"
	[ "$(printf '%s\n' "$OUT" | grep -c ',user,')" -eq 1 ] &&
		printf '%s\n' "$OUT" | grep ',user,' | grep -q '""login"":""dsl""' ||
		fail "the DSL's trail holds users other than the DSL" "$OUT"
}

test_due_runs_for_every_role() {
	every_register
	local role
	for role in admin dsl governor staff; do
		as "$role" due
		# The channels have no master admin: overdue, for everyone to see.
		expect_status 1
		expect_out "CHANNEL_NO_MASTER"
		expect_out "TAKEDOWN_OPEN"
	done
}

# Pupils without consent, a withdrawn consent and its takedown, and open
# contact reports, some of them old.
# (Built once a test file, and copied for each test: register_once.)
pupils_with_warnings() {
	register_once enter_pupils_with_warnings
}

enter_pupils_with_warnings() {
	fresh_register
	add person name="Rita Reporter" >/dev/null
	add person name="Dee Dsl" >/dev/null
	add_user gov governor
	add_user dsl dsl "Dee Dsl"
	add_user rita staff "Rita Reporter"
	# Rita is trained, so that no warning about her as staff names her.
	add training person="Rita Reporter" kind=induction completed_on=2025-09-01 >/dev/null
	add training person="Rita Reporter" kind=annual_refresher completed_on=2026-09-02 >/dev/null
	add training person="Rita Reporter" kind=policy_read completed_on=2026-09-02 >/dev/null
	add channel platform=facebook account=StMarys opened_on=2020-09-01 >/dev/null
	add pupil name="Nadia Noconsent" >/dev/null
	add pupil name="Oscar Noconsent" >/dev/null
	add pupil name="Wendy Withdrawn" >/dev/null
	local wendy
	wendy=$(add consent pupil="Wendy Withdrawn" given_by="Mr Withdrawn" received_on=2026-09-01 uses=social_media)
	run_ok close consent "$wendy" --on 2026-11-15
	add_as rita contact platform=instagram category=pupil_contact reported_on=2026-10-01 \
		summary="Message from Paula" pupil_name="Paula Formerpupil" pupil_status=former >/dev/null
	add_as rita contact platform=instagram category=friend_request reported_on=2026-11-10 \
		summary="Friend request" pupil="Nadia Noconsent" >/dev/null
}

NAMES="Nadia Noconsent|Oscar Noconsent|Wendy Withdrawn|Paula Formerpupil|Rita Reporter"

test_a_governors_due_shows_no_pupil_and_no_reporter() {
	pupils_with_warnings
	local format
	# The DSL sees every name, contact reports and all.
	run_as dsl due --format csv
	expect_status 1
	expect_out "NO_CONSENT,2026-09-01,Test School,Nadia Noconsent"
	expect_out "NO_CONSENT,2026-09-01,Test School,Oscar Noconsent"
	expect_out "CONSENT_WITHDRAWN,2026-11-15,Test School,Wendy Withdrawn"
	expect_out "TAKEDOWN_OPEN,2026-11-15,Test School,Wendy Withdrawn"
	expect_out "CONTACT_OPEN,2026-10-01,Test School,Paula Formerpupil"
	expect_out "CONTACT_OPEN,2026-11-10,Test School,Nadia Noconsent"
	# The admin sees the pupils by name, not the contact reports.
	run due --format csv
	expect_out "Nadia Noconsent"
	expect_out "Wendy Withdrawn"
	expect_no_out "CONTACT_OPEN"
	expect_no_out "Paula Formerpupil"
	# The governor sees that there are warnings about pupils, and how many.
	for format in table csv json; do
		run_as gov due --format "$format"
		[ "$STATUS" -le 1 ] || fail "governor due --format $format exited $STATUS" "$ERR"
		[[ ! "$OUT" =~ $NAMES ]] || fail "a governor's due ($format) names a pupil or reporter" "$OUT"
		expect_out "NO_CONSENT"
		expect_out "2 pupils"
		expect_out "TAKEDOWN_OPEN"
		expect_out "CONSENT_WITHDRAWN"
		expect_no_out "CONTACT_OPEN"
	done
	run_as gov due --format json
	printf '%s' "$OUT" >"$TEST_ROOT/due.json"
	[ "$(sqlite3 :memory: "SELECT json_valid(readfile('$TEST_ROOT/due.json'))")" = 1 ] ||
		fail "the governor's due is not valid JSON" "$OUT"
	# No id of a pupil's record lets the governor look one up either.
	[ "$(sqlite3 :memory: "SELECT count(*) FROM json_each(readfile('$TEST_ROOT/due.json'))
		WHERE json_extract(value, '$.register') IN ('pupil', 'consent', 'takedown')
		AND json_extract(value, '$.record_id') IS NOT NULL")" = 0 ] ||
		fail "the governor's due gives the ids of pupils' records" "$OUT"
	# Nor does the summary smreg prints without a terminal.
	run_as gov
	[[ ! "$OUT" =~ $NAMES ]] || fail "a governor's summary names a pupil or reporter" "$OUT"
}

test_governors_may_not_list_contact_reports_but_see_how_many() {
	pupils_with_warnings
	run_as gov list contact
	expect_refused 4
	expect_err "permission denied: gov (governor) may not read Contact reports; only dsl, staff may"
	run_as gov export contact
	expect_refused 4
	run_as gov show contact "Paula Formerpupil"
	expect_refused 4
	run_as gov list
	expect_status 0
	[[ "$OUT" =~ (^|$'\n')contact\ +2\ +2($'\n'|$) ]] || fail "the governor is not told there are 2 contact reports" "$OUT"
	[[ ! "$OUT" =~ (^|$'\n')(pupil|consent|takedown|user|action)\  ]] ||
		fail "the governor's summary counts registers they may not see" "$OUT"
	run_as gov list --format json
	printf '%s' "$OUT" >"$TEST_ROOT/list.json"
	[ "$(sqlite3 :memory: "SELECT json_extract(value, '$.current') FROM json_each(readfile('$TEST_ROOT/list.json')) WHERE json_extract(value, '$.register') = 'contact'")" = 2 ] ||
		fail "the governor's JSON summary does not count 2 contact reports" "$OUT"
}

test_staff_file_contact_reports_and_see_only_their_own() {
	pupils_with_warnings
	add person name="Tom Teacher" >/dev/null
	add_user tom staff "Tom Teacher"
	local mine
	run_as tom add contact platform=tiktok category=inappropriate_content summary="A video naming Oscar" pupil="Oscar Noconsent"
	expect_status 0
	mine=$OUT
	# Filed as Tom, open, whoever he is.
	expect_sql "SELECT p.name, c.status, c.reported_on FROM contact AS c JOIN person AS p ON p.id = c.reported_by WHERE c.id = '$mine'" \
		"Tom Teacher|open|2026-11-21"
	run_as tom list contact --all
	expect_status 0
	expect_out "${mine:0:8}"
	expect_out "tiktok"
	expect_no_out "instagram"
	expect_no_out "Rita Reporter"
	run_as tom export contact
	[ "$(printf '%s\n' "$OUT" | wc -l)" -eq 2 ] || fail "Tom's export holds more than his report" "$OUT"
	run_as tom show contact "$mine"
	expect_status 0
	expect_out "A video naming Oscar"
	# Another's report is not there for him at all.
	local ritas
	ritas=$(sql "SELECT c.id FROM contact AS c JOIN person AS p ON p.id = c.reported_by WHERE p.name = 'Rita Reporter' LIMIT 1")
	run_as tom show contact "$ritas"
	expect_refused 3 contact "there is no contact report"
	run_as tom list
	[[ "$OUT" =~ (^|$'\n')contact\ +1\ +1($'\n'|$) ]] || fail "Tom counts others' reports" "$OUT"
	# He files as himself only, and leaves the DSL's fields to the DSL.
	snapshot
	run_as tom add contact platform=x category=other summary="x" pupil="Nadia Noconsent" reported_by="Rita Reporter"
	expect_refused 4 reported_by "you may file a contact report only as yourself"
	run_as tom add contact platform=x category=other summary="x" pupil="Nadia Noconsent" status=closed
	expect_refused 4 status "is for the DSL to record"
	run_as tom set contact "$mine" summary="Changed my mind" --reason "typo"
	expect_refused 4
	run_as tom close contact "$mine" --note "Sorted"
	expect_refused 4
	expect_unchanged
	# A member of staff not linked to a person cannot file one.
	add_user nobody staff
	snapshot
	run_as nobody add contact platform=x category=other summary="x" pupil="Nadia Noconsent"
	expect_refused 4 reported_by "is not linked to a person"
	expect_unchanged
}

test_only_admins_manage_users() {
	pupils_with_warnings
	local login
	for login in dsl gov rita; do
		snapshot
		run_as "$login" add user login=intruder roles=admin
		expect_refused 4
		expect_err "may not add to Users; only admin may"
		run_as "$login" set user "$login" roles=admin
		expect_refused 4
		expect_err "only admin may"
		run_as "$login" close user "$LOGIN"
		expect_refused 4
		run_as "$login" list user
		expect_refused 4
		expect_unchanged
	done
	expect_sql "SELECT count(*) FROM user WHERE instr(roles, 'admin') > 0" 1
	# The admin adds, changes and disables users, and each change holds.
	run add user login=newdsl roles="dsl;staff"
	expect_status 0
	expect_sql "SELECT roles FROM user WHERE login = 'newdsl'" "dsl;staff"
	run_as newdsl list contact
	expect_status 0
	run set user newdsl roles=governor
	expect_status 0
	run_as newdsl list contact
	expect_refused 4
	run close user newdsl
	expect_status 0
	expect_sql "SELECT disabled_on FROM user WHERE login = 'newdsl'" 2026-11-21
	run_as newdsl list channel
	expect_refused 4
	# The last admin cannot be taken away.
	snapshot
	run close user "$LOGIN"
	expect_refused 3 roles "at least one admin"
	run set user "$LOGIN" roles=staff
	expect_refused 3 roles "at least one admin"
	expect_unchanged
}

test_show_contact_as_the_dsl_writes_an_open_audit_row() {
	pupils_with_warnings
	local id
	id=$(sql "SELECT id FROM contact WHERE pupil_name = 'Paula Formerpupil'")
	expect_sql "SELECT count(*) FROM audit WHERE action = 'open'" 0
	run_as dsl show contact "$id"
	expect_status 0
	expect_out "Message from Paula"
	expect_sql "SELECT login, register, record_id, action FROM audit WHERE action = 'open'" \
		"dsl|contact|$id|open"
	# Each opening is its own row; a list is not an opening.
	run_as dsl list contact
	run_as dsl show contact "$id" --format json
	expect_sql "SELECT count(*) FROM audit WHERE action = 'open' AND record_id = '$id'" 2
	# The DSL reads it in the trail; a refused opening writes nothing.
	run_as dsl audit --register contact --format csv
	expect_out ",dsl,contact,$id,open,"
	run_as gov show contact "$id"
	expect_refused 4
	run show contact "$id"
	expect_refused 4
	expect_sql "SELECT count(*) FROM audit WHERE action = 'open'" 2
}

# The commands not about one register, each role through them.
test_the_other_commands_for_every_role() {
	every_register
	local role
	printf 'name\nImported School\n' >"$TEST_ROOT/schools.csv"
	declare -A EXPECT_IMPORT=([admin]=0 [dsl]=4 [governor]=4 [staff]=4)
	declare -A EXPECT_REVIEW=([admin]=0 [dsl]=4 [governor]=4 [staff]=4)
	declare -A EXPECT_POST=([admin]=1 [dsl]=1 [governor]=4 [staff]=1)
	declare -A EXPECT_BACKUP=([admin]=0 [dsl]=4 [governor]=4 [staff]=4)
	declare -A EXPECT_DELETE=([admin]=0 [dsl]=4 [governor]=4 [staff]=4)
	for role in admin dsl governor staff; do
		as "$role" import school "$TEST_ROOT/schools.csv" --dry-run
		check "$role" "import school" "${EXPECT_IMPORT[$role]}"
		as "$role" review "Social media policy"
		check "$role" review "${EXPECT_REVIEW[$role]}"
		# Amy's consent covers social media; Ben's was withdrawn: a no.
		as "$role" can-post "Amy Able" "Ben Brown" --channel facebook:StMarys
		check "$role" can-post "${EXPECT_POST[$role]}"
		[ "${EXPECT_POST[$role]}" = 4 ] || expect_out "NO: do not post"
		as "$role" backup "$TEST_ROOT/copy-$role.db"
		if [ "${EXPECT_BACKUP[$role]}" = 0 ]; then
			expect_status 0
		else
			expect_status 4
			[ ! -e "$TEST_ROOT/copy-$role.db" ] || fail "$role made a backup"
		fi
		as "$role" check
		check "$role" check 0
		as "$role" init
		check "$role" init 0
	done
	# Deleting a mistake: admins who read all, and never a contact report.
	for role in dsl governor staff; do
		as "$role" delete person "Pat Parttime"
		check "$role" "delete person" "${EXPECT_DELETE[$role]}"
	done
	# Contact reports, which an admin may not read, can refer to a person:
	# only a login that reads them too deletes one (see test_oracle.sh).
	add person "name=Entered By Mistake" >/dev/null
	snapshot
	as admin delete person "Entered By Mistake"
	expect_refused 4
	expect_err "records you may not read (Contact reports) can refer to it"
	expect_unchanged
	add_user both "admin;dsl"
	run_as both delete person "Entered By Mistake"
	check "admin and dsl" "delete person" 0
	expect_sql "SELECT count(*) FROM person WHERE name = 'Entered By Mistake'" 0
	run_as dsl delete contact "$CONTACT"
	expect_status 3
	expect_err "contact reports are never deleted"
	expect_sql "SELECT count(*) FROM contact" 1
}

run_tests
