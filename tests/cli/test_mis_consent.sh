# Parental-consent answers as SIMS, Arbor and Bromcom export them (their
# column names and the consent types' uses in data/mis-columns.tsv):
# pupils matched on UPN, then MIS id; each pupil's answers laid over the
# consent that counts; a narrower answer withdraws the old consent the way
# `smreg close consent` does, raising its takedowns; an unknown consent
# type or answer is refused, naming its column; all or nothing.
. "$(dirname "$0")/../lib.sh"

COLUMNS="$(cd "$(dirname "$0")/../.." && pwd)/data/mis-columns.tsv"

# On the register: Amy (UPN, MIS id 1001) with a consent to social media,
# the website and the newsletter; Ben (1002) with one to the website; Cara
# (1003) with none; a Facebook page and a website, with a post showing Ben.
template() {
	fresh_register
	add pupil name="Amy Old" mis_id=1001 upn=A123456789012 >/dev/null
	add pupil name="Ben Gone" mis_id=1002 >/dev/null
	add pupil name="Cara New" mis_id=1003 >/dev/null
	add channel platform=facebook account=testschool opened_on=2025-01-01 \
		consent_use=social_media >/dev/null
	add channel platform=web account=site opened_on=2025-01-01 consent_use=website >/dev/null
	add consent pupil="Amy Old" given_by="Ann Old" received_on=2025-09-01 \
		uses="social_media;website;newsletter" >/dev/null
	add consent pupil="Ben Gone" given_by="Bob Gone" received_on=2025-09-01 uses=website >/dev/null
	add post channel=web:site posted_on=2026-10-01 pupils="Ben Gone" >/dev/null
	TEMPLATE=$DB
}

copy_register() {
	DB="$TEST_ROOT/case-$RANDOM.db"
	(umask 077 && sqlite3 "$TEMPLATE" ".backup '$DB'")
	export SMREG_DB="$DB"
}

consents() {
	run import consent --columns "$COLUMNS" "$@"
}

# A SIMS report of the Parental Consent ticks: Amy now says no to social
# media (yes to the website; trips are not about media); Ben no to the
# website; Cara yes to the website and to video (named as smreg's code),
# the press still pending.
sims_file() {
	printf '%s\r\n' \
		'UPN,Adno,Surname,Forename,Parental Consent,Consent Given,Date,Contact' \
		'A123456789012,1001,Old,Amy,Photographs on Social Media,No,01/11/2026,Ann Old' \
		'A123456789012,1001,Old,Amy,Photographs on Website,Yes,01/11/2026,Ann Old' \
		'A123456789012,1001,Old,Amy,Trips,Yes,01/11/2026,Ann Old' \
		',1002,Gone,Ben,Website,No,02/11/2026,' \
		',1003,New,Cara,Photographs on Website,Yes,,Cath New' \
		',1003,New,Cara,video,Yes,,Cath New' \
		',1003,New,Cara,Press,Pending,,Cath New' >"$TEST_ROOT/sims.csv"
}

test_a_dry_run_reports_each_pupil_and_keeps_nothing() {
	copy_register
	sims_file
	snapshot
	consents --from sims "$TEST_ROOT/sims.csv" --dry-run
	expect_status 0
	expect_out "change   Amy Old: uses: newsletter;social_media;website -> newsletter;website; the consent received 2025-09-01 is withdrawn; 1 takedown raised"
	expect_out "withdraw Ben Gone: uses: website, withdrawn on 2026-11-02; 1 takedown raised"
	expect_out "add      Cara New: uses: (none) -> video;website"
	expect_out "nothing imported (--dry-run)"
	expect_unchanged
}

test_a_narrower_answer_withdraws_the_old_consent_and_raises_its_takedowns() {
	copy_register
	sims_file
	consents --from sims "$TEST_ROOT/sims.csv"
	expect_status 0
	# Amy: a new consent for what is left, the old one withdrawn that day,
	# and the Facebook page's photos of her come down.
	expect_sql "SELECT uses || ' ' || received_on || ' ' || coalesce(withdrawn_on, '-') || ' ' || given_by
		FROM consent WHERE pupil = (SELECT id FROM pupil WHERE name = 'Amy Old') ORDER BY rowid" \
		"newsletter;social_media;website 2025-09-01 2026-11-01 Ann Old
newsletter;website 2026-11-01 - Ann Old"
	expect_sql "SELECT p.name || ' ' || ch.platform || ' ' || t.raised_on FROM takedown AS t
		JOIN pupil AS p ON p.id = t.pupil JOIN channel AS ch ON ch.id = t.channel ORDER BY p.name" \
		"Amy Old facebook 2026-11-01
Ben Gone web 2026-11-02"
	# The post showing Ben comes down with the website.
	expect_sql "SELECT count(*) FROM takedown WHERE post IS NOT NULL" 1
	# Ben's consent withdrawn, no new one: the audit keeps it as a withdrawal.
	expect_sql "SELECT count(*) FROM consent WHERE pupil = (SELECT id FROM pupil WHERE name = 'Ben Gone')" 1
	expect_sql "SELECT count(*) FROM audit WHERE register = 'consent' AND action = 'close'" 2
	expect_sql "SELECT uses || ' ' || received_on || ' ' || form_ref FROM consent
		WHERE pupil = (SELECT id FROM pupil WHERE name = 'Cara New')" "video;website 2026-11-21 sims export"
	# may-I-post now says no for Amy on the Facebook page.
	run can-post "Amy Old" --channel facebook:testschool
	expect_status 1
	# The same export again changes nothing.
	consents --from sims "$TEST_ROOT/sims.csv"
	expect_status 0
	expect_no_out "change"
	expect_no_out "add"
	expect_no_out "withdraw"
}

test_arbor_statuses_and_a_wider_answer_add_a_consent() {
	copy_register
	# Arbor's own words: Given, Declined, Pending.  Ben now also allows
	# social media (named as smreg's consent use is labelled): a new consent
	# that grants more; nothing comes down.
	printf '%s\n' \
		'Student ID,UPN,Forename,Surname,Consent,Status,Date Received' \
		'1002,,Ben,Gone,School social media,Given,03/11/2026' \
		'1002,,Ben,Gone,Website,Given,03/11/2026' \
		'1003,,Cara,New,Website,Declined,03/11/2026' \
		'1003,,Cara,New,Newsletter,Pending,' >"$TEST_ROOT/arbor.csv"
	consents --from arbor "$TEST_ROOT/arbor.csv"
	expect_status 0
	expect_out "change   Ben Gone: uses: website -> social_media;website"
	expect_no_out "Cara"
	expect_sql "SELECT count(*) FROM takedown" 0
	expect_sql "SELECT count(*) FROM consent WHERE withdrawn_on IS NOT NULL" 0
	expect_sql "SELECT count(*) FROM consent WHERE pupil = (SELECT id FROM pupil WHERE name = 'Cara New')" 0
}

test_a_consent_on_the_register_newer_than_the_answer_is_kept() {
	copy_register
	printf '%s\n' \
		'UPN,Student ID,Consent Type,Consent Given,Consent Date' \
		',1002,Website,No,01/06/2025' >"$TEST_ROOT/bromcom.csv"
	snapshot
	consents --from bromcom "$TEST_ROOT/bromcom.csv"
	expect_status 0
	expect_out "kept     Ben Gone: the register's consent received 2025-09-01 is newer than the export's answers of 2025-06-01"
	expect_unchanged
}

test_unknown_types_answers_and_pupils_import_nothing_and_name_their_column() {
	copy_register
	printf '%s\n' \
		'UPN,Adno,Parental Consent,Consent Given,Date' \
		',1003,Website,Maybe,' \
		',1003,Swimming,Yes,' \
		',9999,Website,Yes,' \
		',1002,Website,No,' \
		',,Website,Yes,' \
		',1002,Website,No,01/01/2030' >"$TEST_ROOT/bad.csv"
	snapshot
	consents --from sims "$TEST_ROOT/bad.csv"
	expect_status 3
	expect_err "bad.csv:2: Consent Given: \"Maybe\" is not an answer smreg knows"
	expect_err "bad.csv:3: Parental Consent: \"Swimming\" is not a consent type smreg knows"
	expect_err "bad.csv:4: Adno: no pupil on the register has MIS id 9999"
	expect_err "bad.csv:6: UPN: is empty: a pupil is matched on the UPN or MIS id"
	expect_err "bad.csv:7: Date: 01/01/2030 is after today"
	expect_err "nothing was imported: 5 rows are wrong"
	expect_unchanged
}

test_a_missing_column_another_register_and_staff_are_refused() {
	copy_register
	printf 'UPN,Adno,Consent Given\n,1003,No\n' >"$TEST_ROOT/short.csv"
	consents --from sims "$TEST_ROOT/short.csv"
	expect_refused 3
	expect_err "no consent type column (sims calls it Parental Consent|"
	sims_file
	run import person --columns "$COLUMNS" --from sims "$TEST_ROOT/sims.csv"
	expect_refused 2 from "an MIS export gives pupils and consents, not person records"
	add_user staffer staff
	snapshot
	run_as staffer import consent --columns "$COLUMNS" --from sims "$TEST_ROOT/sims.csv"
	expect_refused 4
	expect_unchanged
}

template
run_tests
