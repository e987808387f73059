# The post register (issue 13.4), through the command line: what was
# published, asked may-I-post when recorded, and reached by a withdrawal.
. "$(dirname "$0")/../lib.sh"

BASE="$TEST_ROOT/base.db"

# A channel, two pupils: Amy consents to social media and the newsletter,
# Ben to social media with his name.
build_base() {
	fresh_register
	add person name="Hana Head" job_title="Head teacher" >/dev/null
	add channel platform=facebook account=school opened_on=2025-01-06 >/dev/null
	add pupil name="Amy Able" >/dev/null
	add pupil name="Ben Best" >/dev/null
	add consent pupil="Amy Able" given_by="Ann Able" received_on=2025-09-01 \
		uses="social_media;newsletter" >/dev/null
	add consent pupil="Ben Best" given_by="Bo Best" received_on=2025-09-01 \
		uses="social_media;name_with_photo" >/dev/null
	cp "$DB" "$BASE"
}

base() {
	DB="$TEST_ROOT/register-$BASHPID.db"
	cp "$BASE" "$DB"
	export SMREG_DB="$DB"
}

# "No pupil's photo or name is published without the written consent of
# a parent or carer": the answer is asked, and kept with the post.
test_a_post_keeps_the_answer_and_the_pupil_shows_it() {
	base
	run_ok add post channel=facebook:school posted_on=today pupils="Amy Able;Ben Best" \
		named=no url=https://facebook.example/p/1
	expect_sql "SELECT answer LIKE 'yes: facebook:school: the channel is open; %Ben Best: consent covers School social media%' FROM post" 1
	expect_sql "SELECT count(*) FROM post, json_each('[\"' || replace(pupils, ';', '\",\"') || '\"]') AS j
		    JOIN pupil AS p ON p.id = j.value" 2
	run_ok show pupil "Ben Best"
	expect_out "Published in:"
	grep -q "facebook:school, [0-9/]* https://facebook.example/p/1" <<<"$OUT" ||
		fail "the pupil's record does not show the post" "$OUT"
	run_ok list post
	grep -Eq "Amy Able; Ben Best|Ben Best; Amy Able" <<<"$OUT" || fail "the list names no pupils" "$OUT"
	run_ok help post
	expect_out "outlet"
}

test_a_no_is_refused_unless_overridden() {
	base
	snapshot
	run add post channel=facebook:school pupils="Amy Able;Ben Best" named=yes
	expect_refused 3
	expect_err "override"
	expect_err "Amy Able: consent does not cover a name beside a photo"
	expect_unchanged
	run_ok add post channel=facebook:school pupils="Amy Able;Ben Best" named=yes \
		override="Parent agreed by phone; form to follow"
	expect_sql "SELECT answer LIKE 'no: Amy Able: consent does not cover a name%' FROM post" 1
	expect_sql "SELECT override FROM post" "Parent agreed by phone; form to follow"
	# An override of a yes says nothing: refused.
	run add post channel=facebook:school pupils="Ben Best" override="just in case"
	expect_refused 3
	expect_err "override"
}

# "send to the press" is a use the form asks about: outlets that are not
# channels are asked about by their consent use.
test_outlets_are_asked_by_their_use() {
	base
	run_ok add post outlet=newsletter pupils="Amy Able" url="November issue"
	run add post outlet=press pupils="Amy Able"
	expect_refused 3
	expect_err "consent does not cover Local press"
	snapshot
	run add post channel=facebook:school outlet=press pupils="Amy Able"
	expect_refused 3
	expect_err "not both"
	run add post pupils="Amy Able"
	expect_refused 3
	expect_err "channel"
	run add post outlet=newsletter pupils="Amy Able;Nobody Known"
	expect_refused 3
	expect_err "pupils"
	run add post outlet=newsletter pupils="Amy Able" answer=yes
	expect_refused 3
	expect_err "answer"
	expect_unchanged
}

# "When a parent withdraws consent, what is already published comes down":
# a takedown for each post showing the pupil, channels and outlets alike.
test_withdrawal_reaches_each_post() {
	local fb news
	base
	fb=$(add post channel=facebook:school posted_on=2026-10-01 pupils="Amy Able;Ben Best")
	news=$(add post outlet=newsletter posted_on=2026-10-02 pupils="Amy Able" url="October issue")
	run_ok close consent "Amy Able" --on 2026-11-01
	expect_sql "SELECT count(*) FROM takedown WHERE post = '$fb'" 1
	expect_sql "SELECT count(*) FROM takedown WHERE post = '$news' AND channel IS NULL" 1
	expect_sql "SELECT count(*) FROM takedown AS t JOIN pupil AS p ON p.id = t.pupil
		    WHERE p.name = 'Ben Best'" 0
	SMREG_TODAY=2026-11-02 run due
	grep -q "TAKEDOWN_OPEN .* Amy Able .*take down from newsletter (October issue)" <<<"$OUT" ||
		fail "the takedown of the newsletter is not due" "$OUT"
	run_ok show takedown "$(sql "SELECT id FROM takedown WHERE post = '$news'")"
	grep -q "^post  *newsletter, 02/10/2026 October issue" <<<"$OUT" ||
		fail "the takedown does not name its post" "$OUT"
}

# A new consent that no longer covers the newsletter takes Amy off the
# posts that show her, found through post_pupil_link (issue 16.5), which
# follows a post's pupils as they change and goes with the post.
test_a_replacing_consent_reaches_the_posts_showing_the_pupil() {
	local news other gone
	base
	add pupil name="Cy Cole" >/dev/null
	add consent pupil="Cy Cole" given_by="Cat Cole" received_on=2025-09-01 uses=newsletter >/dev/null
	news=$(add post outlet=newsletter posted_on=2026-10-02 pupils="Cy Cole")
	other=$(add post channel=facebook:school posted_on=2026-10-03 pupils="Amy Able")
	gone=$(add post outlet=newsletter posted_on=2026-10-04 pupils="Amy Able")
	run_ok set post "$news" pupils="Cy Cole;Amy Able"
	run_ok delete post "$gone"
	expect_sql "SELECT count(*) FROM post_pupil_link WHERE post = '$gone'" 0
	expect_sql "SELECT count(*) FROM (SELECT pupil, post FROM post_pupil_link
		    EXCEPT SELECT pupil, post FROM post_pupil)" 0
	expect_sql "SELECT count(*) FROM (SELECT pupil, post FROM post_pupil
		    EXCEPT SELECT pupil, post FROM post_pupil_link)" 0
	run_ok add consent pupil="Amy Able" given_by="Ann Able" received_on=2026-11-01 uses=social_media
	expect_sql "SELECT count(*) FROM takedown WHERE post = '$news'" 1
	expect_sql "SELECT count(*) FROM takedown WHERE post IN ('$other', '$gone')" 0
	expect_sql "SELECT p.name FROM takedown AS t JOIN pupil AS p ON p.id = t.pupil" "Amy Able"
}

# Narrowing: Ben's name comes off a named post, not off an unnamed one.
test_narrowing_reaches_only_what_it_no_longer_covers() {
	local named plain
	base
	named=$(add post channel=facebook:school pupils="Ben Best" named=yes)
	plain=$(add post channel=facebook:school pupils="Ben Best" named=no)
	run_ok set consent "Ben Best" uses=social_media
	expect_sql "SELECT count(*) FROM takedown WHERE post = '$named'" 1
	expect_sql "SELECT count(*) FROM takedown WHERE post = '$plain'" 0
}

# "This will be reviewed termly": the head teacher's sign-off of each
# channel, due a term (signoff_months) after the last, or after it opened.
test_a_channel_is_signed_off_each_term() {
	base
	SMREG_TODAY=2026-11-21 run due
	grep -q "^overdue *CHANNEL_SIGNOFF_DUE .* facebook:school .*never signed off" <<<"$OUT" ||
		fail "a channel never signed off is not overdue" "$OUT"
	run_ok add signoff channel=facebook:school signed_by="Hana Head" signed_on=2026-09-10 \
		note="posts and followers checked"
	SMREG_TODAY=2026-11-21 run due
	grep -q CHANNEL_SIGNOFF_DUE <<<"$OUT" && fail "signed off this term, still warned" "$OUT"
	SMREG_TODAY=2026-12-15 run due
	grep -q "^due *CHANNEL_SIGNOFF_DUE .*last signed off 10/09/2026" <<<"$OUT" ||
		fail "the next sign-off is not warned ahead" "$OUT"
	run_ok show channel facebook:school
	expect_out "Sign-offs:"
	snapshot
	run add signoff channel=facebook:school signed_on=someday
	expect_refused 3
	expect_err "signed_on"
	expect_unchanged
}

# "will post a 'weekly roundup' on a Friday of each week": a channel with
# no recorded post for dormant_months is to be reviewed or closed.
test_a_channel_without_posts_is_dormant() {
	base
	SMREG_TODAY=2026-11-21 run due
	grep -q "^due *CHANNEL_DORMANT .* facebook:school .*no post recorded: review it or close it" <<<"$OUT" ||
		fail "a channel never posted on is not dormant" "$OUT"
	run_ok add post channel=facebook:school posted_on=2026-10-01
	SMREG_TODAY=2026-11-21 run due
	grep -q CHANNEL_DORMANT <<<"$OUT" && fail "posted on lately, still dormant" "$OUT"
	SMREG_TODAY=2027-04-02 run due
	grep -q "CHANNEL_DORMANT .*no post recorded since 01/10/2026" <<<"$OUT" ||
		fail "six months without a post is not dormant" "$OUT"
	run_ok set setting dormant_months value=12
	SMREG_TODAY=2027-04-02 run due
	grep -q CHANNEL_DORMANT <<<"$OUT" && fail "dormant_months is not followed" "$OUT"
}

# The demonstration shows the new warnings somewhere.
test_the_demo_shows_the_channel_warnings() {
	local code
	run --db "$TEST_ROOT/demo-$BASHPID.db" demo
	expect_status 0
	run --db "$TEST_ROOT/demo-$BASHPID.db" due
	for code in CHANNEL_SIGNOFF_DUE CHANNEL_DORMANT; do
		grep -q " $code " <<<"$OUT" || fail "the demo shows no $code"
	done
	run --db "$TEST_ROOT/demo-$BASHPID.db" list post
	grep -q "facebook:" <<<"$OUT" || fail "the demo records no posts" "$OUT"
}

# "If parents/carers do not wish their child to be included in any of the
# above they should inform the Headteacher in writing": opt-out consent,
# with the objections recorded, and the answer says which model applied.
test_opt_out_consent_follows_the_objections() {
	base
	add pupil name="Cal Carter" >/dev/null
	run can-post "Cal Carter" --channel facebook:school
	expect_status 1
	# Opt-in says so, as opt-out does.
	expect_out "no  Cal Carter: no consent on record (opt-in consent)"
	SMREG_TODAY=2026-11-21 run due
	expect_out "NO_CONSENT"
	run_ok set school "Test School" consent_model=opt_out
	run_ok can-post "Cal Carter" --channel facebook:school
	expect_out "ok  Cal Carter: no objection to School social media on record (opt-out consent)"
	SMREG_TODAY=2026-11-21 run due
	expect_no_out "NO_CONSENT"
	run_ok add objection pupil="Cal Carter" given_by="Mrs Carter" received_on=2026-10-01 \
		uses=name_with_photo form_ref="Letter file"
	run_ok can-post "Cal Carter" --channel facebook:school
	run can-post "Cal Carter" --channel facebook:school --named
	expect_status 1
	expect_out "no  Cal Carter: a parent objected on 01/10/2026 to a name beside a photo (opt-out consent)"
	run_ok add objection pupil="Cal Carter" given_by="Mr Carter" received_on=2026-10-05
	run can-post "Cal Carter" --channel facebook:school
	expect_status 1
	expect_out "no  Cal Carter: a parent objected on 05/10/2026 to School social media (opt-out consent)"
	snapshot
	run set school "Test School" consent_model=sometimes
	expect_refused 3
	expect_err "consent_model"
	run add objection pupil="Cal Carter" given_by="Mr Carter" uses=billboards
	expect_refused 3
	expect_err "uses"
	expect_unchanged
}

# An objection at an opt-out school reaches the posts showing the pupil, as
# a withdrawal does: only those it objects to, once each.
test_an_objection_reaches_each_post() {
	base
	run_ok set school "Test School" consent_model=opt_out
	add pupil name="Cal Carter" >/dev/null
	add post channel=facebook:school posted_on=2026-11-02 pupils="Cal Carter;Amy Able" >/dev/null
	add post outlet=newsletter posted_on=2026-11-03 pupils="Cal Carter" >/dev/null
	add post outlet=press posted_on=2026-11-04 pupils="Cal Carter" named=yes >/dev/null
	expect_sql "SELECT count(*) FROM takedown" 0
	# A name beside a photo: only the post that names him.
	run_ok add objection pupil="Cal Carter" given_by="Mrs Carter" received_on=2026-11-10 \
		uses=name_with_photo
	expect_sql "SELECT group_concat(po.outlet || ' ' || t.raised_on || ' ' || t.note) FROM takedown AS t
		    JOIN post AS po ON po.id = t.post" "press 2026-11-10 a parent objected"
	# Every use: the rest, not the press post again, and not Amy.
	run_ok add objection pupil="Cal Carter" given_by="Mr Carter" received_on=2026-11-12
	expect_sql "SELECT count(*) || ' ' || count(DISTINCT t.post) || ' ' || sum(p.name = 'Cal Carter')
		    FROM takedown AS t JOIN pupil AS p ON p.id = t.pupil" "3 3 3"
	run due
	expect_out "TAKEDOWN_OPEN"
	# At an opt-in school an objection is only a letter: consent rules.
	run_ok set school "Test School" consent_model=opt_in
	run_ok add objection pupil="Amy Able" given_by="Ann Able" received_on=2026-11-12
	expect_sql "SELECT count(*) FROM takedown AS t JOIN pupil AS p ON p.id = t.pupil
		    WHERE p.name = 'Amy Able'" 0
}

# Changing what a post shows, where, or with names asks may-I-post again,
# as recording it did; the new answer (and any override) replaces the old.
test_changing_a_post_asks_again() {
	local post
	base
	post=$(add post channel=facebook:school posted_on=2026-11-02 pupils="Ben Best" named=yes)
	snapshot
	run set post "$post" pupils="Amy Able;Ben Best"
	expect_refused 3 override "Amy Able: consent does not cover a name beside a photo"
	expect_unchanged
	run_ok set post "$post" pupils="Amy Able;Ben Best" override="Parent agreed by phone"
	expect_sql "SELECT (answer LIKE 'no: Amy Able: consent does not cover a name%') || ' ' || override
		    FROM post" "1 Parent agreed by phone"
	# The same pupils given back (as a form does) ask nothing.
	run_ok set post "$post" pupils="Amy Able;Ben Best" url="Page 2"
	expect_sql "SELECT override FROM post" "Parent agreed by phone"
	# No names: a yes, and the override goes with the old answer.
	run_ok set post "$post" named=no
	expect_sql "SELECT (answer LIKE 'yes: %') || ' ' || (override IS NULL) FROM post" "1 1"
	# The address is not asked about; an override alone is refused.
	run_ok set post "$post" url=https://facebook.example/p/9
	expect_sql "SELECT answer LIKE 'yes: %' FROM post" 1
	snapshot
	run set post "$post" override="just because"
	expect_refused 3 override
	# To the press: Amy's consent does not cover it.
	run set post "$post" channel= outlet=press
	expect_refused 3 override "consent does not cover Local press"
	expect_unchanged
}

# An exported post imports again: its answer is asked again, not taken
# from the file; a "no" needs its override, as when adding.
test_posts_import_with_their_answer_worked_out() {
	local copy=$TEST_ROOT/export-$BASHPID.db
	base
	add post channel=facebook:school posted_on=2026-11-02 pupils="Amy Able;Ben Best" >/dev/null
	run_ok export post --format csv
	printf '%s\n' "$OUT" >"$TEST_ROOT/posts-$BASHPID.csv"
	# Into another copy of the school, whose ids are the same.
	cp "$BASE" "$copy"
	SMREG_DB=$copy run_ok import post "$TEST_ROOT/posts-$BASHPID.csv"
	DB=$copy expect_sql "SELECT count(*) || ' ' || (answer LIKE 'yes: %Ben Best: consent covers%') FROM post" "1 1"
	# A file's answer is not believed; a no without its override is refused.
	printf 'outlet,posted_on,pupils,named,answer\nnewsletter,2026-11-03,Amy Able,no,yes: forged\npress,2026-11-04,Amy Able,no,\n' \
		>"$TEST_ROOT/more-$BASHPID.csv"
	snapshot
	run import post "$TEST_ROOT/more-$BASHPID.csv"
	expect_status 3
	expect_err ":3: override"
	expect_err "consent does not cover Local press"
	expect_unchanged
	printf 'outlet,posted_on,pupils,named,answer,override\nnewsletter,2026-11-03,Amy Able,no,yes: forged,\npress,2026-11-04,Amy Able,no,,Parent agreed by phone\n' \
		>"$TEST_ROOT/more-$BASHPID.csv"
	run_ok import post "$TEST_ROOT/more-$BASHPID.csv"
	expect_sql "SELECT group_concat(outlet || ' ' || substr(answer, 1, 3), ',') FROM
		    (SELECT * FROM post WHERE outlet IS NOT NULL ORDER BY posted_on)" "newsletter yes,press no:"
	expect_sql "SELECT count(*) FROM post WHERE answer LIKE '%forged%'" 0
}

# Subject access lists the posts showing the pupil; a purge of a pupil takes
# them out of the posts, which stay.
test_subject_access_and_purge_reach_posts() {
	local amy
	base
	add pupil name="Lee Leaver" left_on=2010-07-20 >/dev/null
	add post channel=facebook:school posted_on=2026-11-02 pupils="Amy Able" url=https://facebook.example/p/7 >/dev/null
	add post outlet=newsletter posted_on=2010-06-01 pupils="Lee Leaver;Amy Able" override="Before the register" >/dev/null
	run_ok sar pupil "Amy Able" --format json
	[ "$(grep -c '"register": "post", "via": "pupils"' <<<"$OUT")" = 2 ] ||
		fail "subject access lists the posts showing Amy" "$OUT"
	# The other child a post shows is a third party: counted, not named.
	expect_out '"pupils": "Amy Able and 1 other pupil (third parties, withheld)"'
	expect_no_out "Lee Leaver"
	run_ok sar pupil "Amy Able" --format html
	expect_out "Amy Able and 1 other pupil (third parties, withheld)"
	expect_no_out "Lee Leaver"
	run_ok sar pupil "Ben Best" --format json
	expect_no_out '"register": "post"'
	# The purge (by one who reads contact reports too) keeps the posts.
	amy=$(sql "SELECT id FROM pupil WHERE name = 'Amy Able'")
	run_ok set user "$LOGIN" roles="admin;dsl"
	SMREG_TODAY= run_ok purge --confirm 1
	expect_sql "SELECT count(*) || ' ' || group_concat(pupils) FROM post WHERE outlet = 'newsletter'" "1 $amy"
	expect_sql "SELECT count(*) FROM pupil WHERE name = 'Lee Leaver'" 0
	run_ok check
}

build_base
run_tests
