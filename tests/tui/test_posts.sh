# The post register (issue 13.4) through the terminal UI: recording a post
# asks may-I-post, and the pupil's screen shows where they were published.
. "$(dirname "$0")/tmux.sh"

BASE="$TEST_ROOT/base.db"

build_base() {
	fresh_register
	add channel platform=facebook account=school opened_on=2025-01-06 >/dev/null
	add pupil name="Amy Able" >/dev/null
	add pupil name="Ben Best" >/dev/null
	add consent pupil="Amy Able" given_by="Ann Able" received_on=2025-09-01 \
		uses="social_media;newsletter" >/dev/null
	cp "$DB" "$BASE"
}

base() {
	DB="$TEST_ROOT/register-$BASHPID.db"
	cp "$BASE" "$DB"
	export SMREG_DB="$DB"
}

# The form refuses a "no" (Ben has no consent), naming the override, and
# saves a "yes" with its answer.
test_the_post_form_asks_may_i_post() {
	base
	tui_start
	open_register Posts "Posts: 0 current"
	tui_keys n
	tui_wait_for "new post"
	tui_keys Enter
	tui_wait_for "facebook:school"
	tui_keys Enter
	tui_wait_for "Channel              facebook:school"
	# Choosing stays on the field: four fields down to the pupils.
	tui_keys Down Down Down Down
	tui_keys Enter
	tui_wait_for "[ ] Ben Best"
	tui_keys Space Down Space Enter
	tui_wait_for "Amy Able;Ben Best"
	tui_keys C-s
	tui_wait_for "Not saved: Override: may I post? says no: Ben Best: no consent"
	expect_sql "SELECT count(*) FROM post" 0
	# The form stands on the override; back up to the pupils.
	tui_keys Up Up Up Up
	tui_keys Enter
	tui_wait_for "[x] Ben Best"
	tui_keys Down Space Enter
	tui_wait_for "Pupils               Amy Able"
	tui_keys C-s
	tui_wait_for "Posts: 1 current"
	expect_sql "SELECT answer LIKE 'yes: %Amy Able: consent covers School social media (opt-in consent)' FROM post" 1
	tui_quit
}

# Changing a post's pupils in its form asks may-I-post again: putting Ben
# (no consent) in is refused, naming the override, and nothing changes.
test_editing_a_post_asks_again() {
	base
	add post channel=facebook:school posted_on=2026-11-02 pupils="Amy Able" >/dev/null
	tui_start
	open_register Posts "Posts: 1 current"
	tui_keys e
	tui_wait_for "Override"
	tui_keys Down Down Down Down Enter
	tui_wait_for "[ ] Ben Best"
	tui_keys Down Space Enter
	tui_wait_for "Amy Able;Ben Best"
	tui_keys C-s
	tui_wait_for "Not saved: Override: may I post? says no: Ben Best: no consent"
	expect_sql "SELECT (answer LIKE 'yes: %') || ' ' || (pupils NOT LIKE '%;%') FROM post" "1 1"
	tui_keys Escape
	tui_wait_for "Discard what you typed"
	tui_keys y
	tui_wait_gone "Discard what you typed"
	tui_quit
}

# A post's pupils open in their picker ticked, every one of them: the form
# shows them "Amy Able; Ben Best", and the blank is not part of a name.
test_a_posts_pupils_open_ticked() {
	base
	add post channel=facebook:school posted_on=2026-11-02 pupils="Amy Able;Ben Best" \
		override="The parent agreed by phone" >/dev/null
	tui_start
	open_register Posts "Posts: 1 current"
	tui_keys e
	tui_wait_for "Override"
	tui_keys Down Down Down Down Enter
	tui_wait_for "[x] Ben Best"
	expect_screen "[x] Amy Able"
	tui_keys Escape
	tui_wait_gone "[x] Ben Best"
	tui_keys Escape
	tui_quit
}

# "Consent is assumed unless a parent writes to the head teacher": an
# objection recorded through its form raises a takedown for the post
# showing the pupil, as a withdrawal does.
test_an_objection_typed_in_raises_takedowns() {
	base
	"$SMREG" set school "Test School" consent_model=opt_out >/dev/null || fail "could not set opt_out"
	add post channel=facebook:school posted_on=2026-11-02 pupils="Ben Best" >/dev/null
	tui_start
	open_register Objections "Objections: 0 current"
	tui_keys n
	tui_wait_for "new objection"
	tui_keys Enter
	tui_wait_for "Ben Best"
	tui_type Ben
	tui_keys Enter
	tui_wait_for "Pupil *              Ben Best"
	tui_keys Down
	tui_type "Bo Best"
	tui_keys C-s
	tui_wait_for "Objections: 1 current"
	expect_sql "SELECT count(*) || ' ' || (post IS NOT NULL) FROM takedown WHERE pupil = (SELECT id FROM pupil WHERE name = 'Ben Best')" "1 1"
	tui_quit
}

# "When a parent withdraws consent, what is already published comes down":
# the pupil's screen lists the posts, and the takedowns naming them.
test_the_pupil_screen_shows_where_they_were_published() {
	base
	add post outlet=newsletter posted_on=2026-10-02 pupils="Amy Able" url="October issue" >/dev/null
	"$SMREG" close consent "Amy Able" --on 2026-11-01 >/dev/null || fail "could not withdraw"
	tui_start
	open_register Pupils "Pupils: 2 current"
	tui_keys Enter
	tui_wait_for "pupil Amy Able"
	tui_wait_for "Published in"
	expect_screen "newsletter 02/10/2026"
	expect_screen "consent withdrawn   newsletter, 02/10/"
	tui_quit
}

# "This will be reviewed termly": the dashboard says a channel is due its
# sign-off, and is dormant; a sign-off recorded through the form quiets it.
test_the_dashboard_warns_of_sign_off_and_dormancy() {
	base
	SMREG_TODAY=2026-11-21 tui_start
	tui_wait_for "facebook:school: never signed off by the head teacher"
	expect_screen "facebook:school: no post recorded: review it or close it"
	open_register Sign "Sign-offs: 0 current"
	tui_keys n
	tui_wait_for "new sign-off"
	tui_keys Enter
	tui_wait_for "facebook:school"
	tui_keys Enter
	tui_wait_for "Channel *            facebook:school"
	tui_keys C-s
	tui_wait_for "Sign-offs: 1 current"
	tui_keys q
	tui_wait_for "Due-review warnings"
	tui_wait_gone "never signed off"
	expect_sql "SELECT signed_on FROM signoff" 2026-11-21
	tui_quit
}

# Opt-out consent: the may-I-post screen answers by the objections, and
# says the model applied.
test_may_i_post_follows_opt_out_objections() {
	base
	"$SMREG" set school "Test School" consent_model=opt_out >/dev/null || fail "could not set opt_out"
	"$SMREG" add objection pupil="Ben Best" given_by="Bo Best" received_on=2026-10-01 >/dev/null ||
		fail "could not record the objection"
	tui_start
	tui_wait_for "Due-review warnings"
	tui_keys M
	tui_wait_for "Choose a channel and at least one pupil"
	tui_keys Enter
	tui_wait_for "facebook:school"
	tui_keys Enter
	tui_keys a
	tui_type Ben
	tui_wait_for "Ben Best"
	tui_keys Enter
	tui_wait_for "NO: do not post"
	expect_screen "Ben Best: a parent objected on 01/10/2026 to School social media (opt-"
	tui_quit
}

build_base
run_tests
