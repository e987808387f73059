# smreg calendar --format ics (issue 14.2): RFC 5545 with CRLF line ends,
# lines folded at 75 octets, a stable UID for each event from its rule and
# record, and no pupil's name in any SUMMARY.  Read back with Debian's
# python3-icalendar (the system python: a pyenv one may lack the module).
. "$(dirname "$0")/../lib.sh"

PY=/usr/bin/python3
"$PY" -c 'import icalendar' 2>/dev/null || skip_all calendar "no python3-icalendar"

LONG_TITLE="Zoë's online-safety policy; photos, names and video: Łukasz and 李雷 read it, every September"
BASE="$TEST_ROOT/base.db"
(
	export SMREG_DB="$BASE"
	set -e
	"$SMREG" init --school "Test School" >/dev/null 2>&1
	q() { "$SMREG" "$@" >/dev/null; }
	q add person name="Helen Hughes" job_title="Head teacher"
	q add person name="Bina Shah" job_title="School business manager"
	q add user login=gov roles=governor
	q add user login=staff roles=staff
	q add policy title="$LONG_TITLE" next_review_on=2027-03-01 approver="Full governing board"
	q add channel platform=facebook account=TestSchool opened_on=2020-09-01 privacy_checked_on=2026-10-01
	q add authorisation person="Bina Shah" channel=facebook:TestSchool kind=master_admin \
		authorised_by="Helen Hughes" granted_on=2024-01-01 review_on=2027-01-04
	q add pupil name="Amy Able" year_group=3
	q add pupil name="Ben Brown" year_group=3
	q add consent pupil="Amy Able" given_by="Mrs Able" received_on=2026-09-01 uses=website expires_on=2027-07-31
	q add consent pupil="Ben Brown" given_by="Mr Brown" received_on=2026-09-01 uses=website expires_on=2027-07-31
	q add training person="Bina Shah" kind=annual_refresher completed_on=2026-09-03
) || bail_out "could not make the test register"

copy_register() {
	DB="$TEST_ROOT/copy-$BASHPID.db"
	cp "$BASE" "$DB"
	export SMREG_DB="$DB"
}

# check_ics FILE: the file's lines as RFC 5545 wants them, then its events
# as "UID<TAB>DATE<TAB>SUMMARY" lines, through a real parser.
check_ics() {
	"$PY" - "$1" <<'PY'
import sys, icalendar
raw = open(sys.argv[1], 'rb').read()
if not raw.endswith(b'\r\n'):
    print('# the file does not end with CRLF', file=sys.stderr); sys.exit(1)
for n, line in enumerate(raw.split(b'\r\n')[:-1], 1):
    if b'\n' in line or b'\r' in line:
        print('# line %d has a bare LF or CR' % n, file=sys.stderr); sys.exit(1)
    if len(line) > 75:
        print('# line %d is %d octets' % (n, len(line)), file=sys.stderr); sys.exit(1)
    line.decode('utf-8')  # folding never splits a character
cal = icalendar.Calendar.from_ical(raw)
uids = []
for ev in cal.walk('VEVENT'):
    uids.append(str(ev['UID']))
    print('%s\t%s\t%s' % (ev['UID'], ev['DTSTART'].dt.isoformat(), ev['SUMMARY']))
if len(uids) != len(set(uids)):
    print('# UIDs repeat', file=sys.stderr); sys.exit(1)
PY
}

test_the_calendar_is_rfc_5545_and_parses() {
	copy_register
	run calendar --format ics
	expect_status 0
	expect_no_err
	# $(...) would drop the last CRLF's LF: the file itself, as written.
	"$SMREG" calendar --format ics >"$TEST_ROOT/cal.ics"
	local events
	events=$(check_ics "$TEST_ROOT/cal.ics") || fail "not a good iCalendar file"
	# The long title came through folding and escaping whole.
	printf '%s\n' "$events" | grep -qF "	2027-03-01	Policy review: $LONG_TITLE" ||
		fail "the policy review is not there, whole" "$events"
	grep -q 'SUMMARY:Policy review: Zoë' "$TEST_ROOT/cal.ics" || fail "no folded long summary"
	printf '%s\n' "$events" | grep -q '^authorisation-review-.*	2027-01-04	Authorisation review: Bina Shah, master admin on facebook:TestSchool$' ||
		fail "no authorisation review" "$events"
	printf '%s\n' "$events" | grep -q '^channel-signoff-.*	2027-04-01	Channel sign-off: facebook:TestSchool$' ||
		fail "no channel sign-off six months after its check" "$events"
	printf '%s\n' "$events" | grep -q '^consent-expiry-.*	2027-07-31	Consents expire: 2 pupils$' ||
		fail "no consent expiry as a count" "$events"
	printf '%s\n' "$events" | grep -q '^training-renewal-.*	2027-09-01	Training renewal: Bina Shah, annual refresher$' ||
		fail "no training renewal" "$events"
	! grep -qE 'Amy Able|Ben Brown' "$TEST_ROOT/cal.ics" || fail "the calendar names a pupil"
}

test_uids_are_stable_so_a_reimport_updates() {
	copy_register
	"$SMREG" calendar >"$TEST_ROOT/one.ics"
	run_ok set policy "$LONG_TITLE" next_review_on=2027-05-01
	"$SMREG" calendar >"$TEST_ROOT/two.ics"
	local one two
	one=$(check_ics "$TEST_ROOT/one.ics") && two=$(check_ics "$TEST_ROOT/two.ics") || fail "bad calendar"
	[ "$(cut -f1 <<<"$one" | sort)" = "$(cut -f1 <<<"$two" | sort)" ] ||
		fail "the UIDs changed between exports" "$(diff <(cut -f1 <<<"$one" | sort) <(cut -f1 <<<"$two" | sort))"
	local uid
	uid=$(grep 'Policy review' <<<"$one" | cut -f1)
	grep -q "^$uid	2027-05-01	" <<<"$two" || fail "the same UID does not carry the new date"
	[[ "$uid" =~ ^policy-review-[0-9a-f-]{36}@smreg$ ]] || fail "the UID is not rule and record: $uid"
	expect_sql "SELECT count(*) FROM policy WHERE id = '${uid:14:36}'" "1"
}

test_each_role_sees_only_its_own_events() {
	copy_register
	"$SMREG_AS" gov calendar >"$TEST_ROOT/gov.ics"
	local events
	events=$(check_ics "$TEST_ROOT/gov.ics") || fail "bad calendar for a governor"
	grep -q 'Consents expire: 2 pupils' <<<"$events" || fail "a governor does not see consent counts"
	grep -q 'Training renewal' <<<"$events" || fail "a governor does not see training"
	! grep -qE 'Amy Able|Ben Brown' "$TEST_ROOT/gov.ics" || fail "a governor's calendar names a pupil"
	"$SMREG_AS" staff calendar >"$TEST_ROOT/staff.ics"
	events=$(check_ics "$TEST_ROOT/staff.ics") || fail "bad calendar for staff"
	! grep -q 'Training renewal' <<<"$events" || fail "staff see others' training"
	run calendar --format csv
	expect_refused 2 --format
}

run_tests
