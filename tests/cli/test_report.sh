# The governors' termly report (issue 14.1): smreg report as text, HTML and
# JSON.  It names no pupil and no one in a contact report, shows a number
# under 3 as "fewer than 3", and ends with the audit seal; governors may
# make it.  The HTML is read back by headless Chromium.
. "$(dirname "$0")/../lib.sh"

SHOTS=${SMREG_SHOTS:-$(dirname "$SMREG")/shots}

# One register made once and copied for each test (SMREG_TODAY 2026-11-21,
# the autumn term): a school with an overdue policy, a channel, a leaver
# whose access came off three days late, pupils and consents, a takedown,
# training, and three contact reports by one member of staff, one about a
# former pupil named only in the report.
BASE="$TEST_ROOT/base.db"
PUPILS=("Amy Able" "Ben Brown" "Cara Clark" "Dan Dixon")
(
	export SMREG_DB="$BASE"
	set -e
	"$SMREG" init --school "Test School" >/dev/null 2>&1
	q() { "$SMREG" "$@" >/dev/null; }
	q add person name="Helen Hughes" job_title="Head teacher"
	q add person name="Rhona Reporter" job_title="Teaching assistant"
	q add person name="Dan Evans" job_title="DSL"
	q add person name="Lenny Leaver" job_title="Teacher" left_on=2026-10-31
	q add person name="Gareth Jones" kind=governor
	q add user login=gov roles=governor person="Gareth Jones"
	q add user login=dsl roles=dsl person="Dan Evans"
	q add user login=rhona roles=staff person="Rhona Reporter"
	q add channel platform=facebook account=TestSchool opened_on=2020-09-01 risk_assessed_on=2020-08-01 \
		approved_by="Helen Hughes" mfa=yes in_privacy_notice=yes
	q add channel platform=x account=TestNews opened_on=2026-10-01
	q add authorisation person="Helen Hughes" channel=facebook:TestSchool kind=master_admin \
		authorised_by="Helen Hughes" granted_on=2020-09-01 review_on=2026-11-01
	q add authorisation person="Lenny Leaver" channel=facebook:TestSchool kind=poster \
		authorised_by="Helen Hughes" granted_on=2024-09-01 revoked_on=2026-11-03
	q add policy title="Zebra policy" owner="Helen Hughes" approver="Full governing board" \
		approved_on=2025-01-10 next_review_on=2026-01-10
	q add policy title="Apple policy" owner="Helen Hughes" next_review_on=2027-06-01
	q add pupil name="Amy Able" year_group=3
	q add pupil name="Ben Brown" year_group=3
	q add pupil name="Cara Clark" year_group=3
	q add pupil name="Dan Dixon" year_group=6
	q add consent pupil="Amy Able" given_by="Mrs Able" received_on=2026-09-02 uses="social_media;website"
	q add consent pupil="Ben Brown" given_by="Mr Brown" received_on=2026-09-02 uses=website
	q add consent pupil="Dan Dixon" given_by="Ms Dixon" received_on=2026-09-02 uses=social_media \
		withdrawn_on=2026-10-05
	q add training person="Helen Hughes" kind=induction completed_on=2020-09-01
	for i in 1 2 3; do
		"$SMREG_AS" rhona add contact platform=instagram category=pupil_contact \
			reported_on=2026-10-0$i summary="Message $i" pupil_name="Zed Former" \
			pupil_status=former >/dev/null
	done
) || bail_out "could not make the test register"

copy_register() {
	DB="$TEST_ROOT/copy-$BASHPID.db"
	cp "$BASE" "$DB"
	export SMREG_DB="$DB"
}

# expect_no_names FILE: no pupil's name, no one in a contact report, and
# no one else either (a policy's owner is shown by job title).
expect_no_names() {
	local name
	for name in "${PUPILS[@]}" "Zed Former" "Rhona Reporter" "Message 1" "Helen Hughes"; do
		! grep -qiF "$name" "$1" || fail "$1 names $name"
	done
}

test_a_governor_makes_the_report_in_order_and_without_names() {
	copy_register
	run_as gov report
	expect_status 0
	printf '%s\n' "$OUT" >"$TEST_ROOT/report.txt"
	expect_no_names "$TEST_ROOT/report.txt"
	# The sections, in the issue's order.
	local order
	order=$(grep -E '^[0-9]\. ' "$TEST_ROOT/report.txt" | cut -d' ' -f2- | paste -sd'|')
	[ "$order" = "Policies|Channels|Authorisations|Consent coverage|Takedowns|Training|Contact reports" ] ||
		fail "sections out of order: $order"
	expect_out "Autumn term 2026 (01/09/2026 to 31/12/2026)"
	# Overdue first, with its last approval.
	grep -A1 '^  Policy ' "$TEST_ROOT/report.txt" | grep -q 'Zebra policy .*Head teacher .*Full governing board .*10/01/2025 .*10/01/2026 (overdue)' ||
		fail "the overdue policy is not first, with its dates" "$OUT"
	[[ "$OUT" =~ facebook:TestSchool\ +yes\ +yes\ +no\ +yes\ +no ]] || fail "channel criteria wrong" "$OUT"
	[[ "$OUT" =~ x:TestNews\ +opened\ +01/10/2026 ]] || fail "no opened channel" "$OUT"
	[[ "$OUT" =~ 31/10/2026\ +1\ +1\ +3 ]] || fail "the leaver's access took 3 days" "$OUT"
	# Three in year 3: one with social media consent (33%); one in year 6: not shown.
	[[ "$OUT" =~ Test\ School\ +3\ +3\ .*33% ]] || fail "coverage of year 3 wrong" "$OUT"
	[[ "$OUT" =~ Test\ School\ +6\ +fewer\ than\ 3\ +- ]] || fail "a year of one pupil is shown" "$OUT"
	[[ "$OUT" =~ pupil\ contact\ +3 ]] || fail "three pupil contacts not counted" "$OUT"
	[[ "$OUT" =~ friend\ request\ +fewer\ than\ 3 ]] || fail "no 'fewer than 3'" "$OUT"
	# A governor may not seal: the place is left for it.
	expect_out "Not sealed"
	run_as rhona report
	expect_refused 4
}

# Concerns about a member of staff are counted apart from reports about
# pupils (issue 11.6), and their subject is named nowhere.
test_concerns_about_staff_are_counted_apart() {
	copy_register
	local i
	for i in 1 2 3; do
		run_as dsl add contact platform=instagram category=pupil_contact \
			reported_on=2026-10-1$i summary="Staff concern $i" concerns="Lenny Leaver" \
			reported_by="Dan Evans"
		expect_status 0
	done
	run_as gov report
	expect_status 0
	[[ "$OUT" =~ a\ member\ of\ staff\ +3 ]] || fail "staff concerns not counted apart" "$OUT"
	[[ "$OUT" =~ pupil\ contact\ +3 ]] || fail "staff concerns counted as pupil contacts" "$OUT"
	[[ "$OUT" =~ referred\ +fewer\ than\ 3.*not\ referred\ +3 ]] ||
		fail "staff concerns counted among the referrals" "$OUT"
	expect_no_out "Lenny Leaver"
	expect_no_out "Staff concern"
}

test_the_admins_report_carries_the_audit_seal() {
	copy_register
	run report --format json
	expect_status 0
	local seal
	seal=$(printf '%s' "$OUT" | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["seal"])')
	run audit --seal
	[ "$seal" = "$OUT" ] || fail "the report's seal $seal is not audit --seal's $OUT"
	run check --seal "$seal"
	expect_status 0
}

test_the_html_report_reads_in_chromium_and_names_no_one() {
	command -v chromium >/dev/null || { skip "$FUNCNAME" "no chromium"; return; }
	copy_register
	run_as gov report --format html
	expect_status 0
	printf '%s\n' "$OUT" >"$TEST_ROOT/report.html"
	expect_no_names "$TEST_ROOT/report.html"
	grep -q '<script\|https\?://' "$TEST_ROOT/report.html" && fail "the page is not self-contained"
	browser_text "$TEST_ROOT/report.html" >"$TEST_ROOT/report-printed.txt"
	expect_no_names "$TEST_ROOT/report-printed.txt"
	local want
	for want in "Governors' report: Test School" Contents "Page 1 of" "Consent coverage" \
		"Contact reports" "fewer than 3" "Audit seal" "Zebra"; do
		grep -qF "$want" "$TEST_ROOT/report-printed.txt" || fail "the printed page lacks: $want"
	done
	browser_dom "$TEST_ROOT/report.html" | grep -q '<a href="#training">Training</a>' ||
		fail "no table of contents in the page chromium built"
	mkdir -p "$SHOTS"
	browser_shot "$TEST_ROOT/report.html" "$SHOTS/report.png"
}

# What a governor asks without the report: when was each last approved?
test_list_policy_says_when_each_was_last_approved() {
	copy_register
	run_as gov list policy
	expect_status 0
	[[ "$OUT" =~ Approved\ +Next\ review ]] || fail "no Approved column" "$OUT"
	[[ "$OUT" =~ Zebra\ policy.*10/01/2025\ +10/01/2026 ]] || fail "the last approval is not listed" "$OUT"
	run list policy --format csv
	expect_out "approved_on,next_review_on"
}

test_periods_and_schools_are_checked() {
	copy_register
	run report --term spring 2026
	expect_status 0
	expect_out "Spring term 2026 (01/01/2026 to 31/03/2026)"
	[[ "$OUT" =~ pupil\ contact\ +fewer\ than\ 3 ]] || fail "autumn's reports counted in spring" "$OUT"
	run report --from 01/10/2026 --to 2026-10-02
	expect_out "(01/10/2026 to 02/10/2026)"
	snapshot
	run report --term winter 2026
	expect_refused 2 --term "autumn, spring or summer"
	run report --term autumn
	expect_refused 2 --term
	run report --from 2026-10-02 --to 2026-10-01
	expect_refused 2 --to
	run report --school "No Such School"
	expect_refused 3 --school
	run report --format pdf
	expect_refused 2 --format
	expect_unchanged
}

test_the_demo_register_makes_a_full_report() {
	DB="$TEST_ROOT/demo.db"
	export SMREG_DB="$DB"
	"$SMREG" demo >/dev/null 2>&1 || fail "smreg demo failed"
	run report
	expect_status 0
	# Every section has its figures: no "nothing to show" note.
	local empty
	empty=$(printf '%s\n' "$OUT" | grep -E '^(The register holds no|No pupil was|No one who|No authorisation falls|The register follows no|Every statutory)')
	[ -z "$empty" ] || fail "sections without figures:" "$empty"
	expect_out "Share of pupils on roll"
	expect_out "Statutory policies not held"
	expect_out "Who has completed each kind of training"
	[[ "$OUT" =~ Audit\ seal$'\n'[0-9]+:[0-9a-f]{64} ]] || fail "the demo report is not sealed" "$OUT"
	printf '%s\n' "$OUT" >"$TEST_ROOT/demo.txt"
	local pupil
	sql "SELECT name FROM pupil UNION SELECT pupil_name FROM contact WHERE pupil_name IS NOT NULL
	     UNION SELECT p.name FROM contact AS c JOIN person AS p ON p.id = c.reported_by" |
		while IFS= read -r pupil; do
			! grep -qF "$pupil" "$TEST_ROOT/demo.txt" || fail "the demo report names $pupil"
		done
}

run_tests
