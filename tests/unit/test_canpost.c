/*
 * "May I post a photo of these pupils on this channel?": yes only with a
 * current consent for the channel's use, no open takedown, an open channel
 * and, when named, an authorised poster; every no with its reason.
 */
#include "fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/canpost.h"
#include "core/edit.h"
#include "core/record.h"

/* --- helpers --------------------------------------------------------------------------- */

static void end(struct smreg *s, const char *type, const char *id, const char *date)
{
	struct error err;

	if (edit_end(s, record_type_find(type), id, date, NULL, NULL, &err) != STATUS_OK)
		fail_msg("cannot end %s %s: %s: %s", type, id, err.field, err.text);
}

static char *pupil_with_consent(struct fixture *f, const char *name, const char *received_on,
				const char *uses)
{
	char n[96], p[96], r[64], u[96];

	snprintf(n, sizeof n, "name=%s", name);
	free(fx_add(f->admin, "pupil", n, NULL));
	if (uses == NULL)
		return NULL;
	snprintf(p, sizeof p, "pupil=%s", name);
	snprintf(r, sizeof r, "received_on=%s", received_on);
	snprintf(u, sizeof u, "uses=%s", uses);
	return fx_add(f->admin, "consent", p, "given_by=A parent", r, u, NULL);
}

static char *authorise(struct fixture *f, const char *person, const char *channel,
		       const char *kind)
{
	char p[96], c[96], k[64];

	snprintf(p, sizeof p, "person=%s", person);
	snprintf(c, sizeof c, "channel=%s", channel);
	snprintf(k, sizeof k, "kind=%s", kind);
	return fx_add(f->admin, "authorisation", p, c, k, "authorised_by=Dee Ess-Ell",
		      "granted_on=2026-01-05", NULL);
}

/*
 * The school's channels and people:
 *   facebook:school  open, needs social_media consent
 *   website:news     open, needs website consent
 *   facebook:old     closed on 01/10/2026
 *   Pat Poster       posts on facebook:school
 *   Mo Moderator     moderates facebook:school (not posting)
 *   Rae Revoked      posted on facebook:school until 01/11/2026
 *   Lee Leaver       posts on facebook:school, but left on 01/11/2026
 *   Nat None         holds nothing
 */
static int setup(void **state)
{
	struct fixture *f;
	char *id;

	fixture_setup(state);
	f = *state;
	free(fx_add(f->admin, "channel", "platform=facebook", "account=school",
		    "opened_on=2026-01-05", NULL));
	free(fx_add(f->admin, "channel", "platform=website", "account=news",
		    "consent_use=website", "opened_on=2026-01-05", NULL));
	id = fx_add(f->admin, "channel", "platform=facebook", "account=old",
		    "opened_on=2020-01-05", NULL);
	end(f->admin, "channel", id, "2026-10-01");
	free(id);
	free(fx_add(f->admin, "person", "name=Pat Poster", NULL));
	free(fx_add(f->admin, "person", "name=Mo Moderator", NULL));
	free(fx_add(f->admin, "person", "name=Rae Revoked", NULL));
	free(fx_add(f->admin, "person", "name=Lee Leaver", "left_on=2026-11-01", NULL));
	free(fx_add(f->admin, "person", "name=Nat None", NULL));
	free(authorise(f, "Pat Poster", "facebook:school", "poster"));
	free(authorise(f, "Mo Moderator", "facebook:school", "moderator"));
	free(authorise(f, "Lee Leaver", "facebook:school", "poster"));
	id = authorise(f, "Rae Revoked", "facebook:school", "poster");
	end(f->admin, "authorisation", id, "2026-11-01");
	free(id);
	return 0;
}

static struct post_answer *ask_as(struct smreg *s, const char *const *pupils, size_t count,
				  const char *channel, const char *poster, bool named)
{
	struct post_question q = {
		.pupils = pupils,
		.pupil_count = count,
		.channel = channel,
		.poster = poster,
		.named = named,
	};
	struct post_answer *a = NULL;
	struct error err;

	if (canpost_check(s, &q, &a, &err) != STATUS_OK)
		fail_msg("canpost_check: %s: %s", err.field, err.text);
	assert_non_null(a);
	return a;
}

/* Staff are the ones who ask. */
static struct post_answer *ask(struct fixture *f, const char *pupil, const char *channel,
			       const char *poster, bool named)
{
	return ask_as(f->staff, &pupil, 1, channel, poster, named);
}

static void print_answer(const struct post_answer *a)
{
	print_message("# %s\n", a->yes ? "yes" : "no");
	for (size_t i = 0; i < a->count; i++)
		print_message("#   %s %s: %s\n", a->reasons[i].ok ? "ok" : "NO",
			      a->reasons[i].subject, a->reasons[i].text);
}

/* How many reasons about subject; the first is *found. */
static size_t reasons_about(const struct post_answer *a, const char *subject,
			    const struct post_reason **found)
{
	size_t n = 0;

	*found = NULL;
	for (size_t i = 0; i < a->count; i++)
		if (strcmp(a->reasons[i].subject, subject) == 0) {
			if (n++ == 0)
				*found = &a->reasons[i];
		}
	return n;
}

/* The answer is yes (or no), and holds a reason about subject, ok or not,
 * whose text contains text. */
static void expect_reason(const struct post_answer *a, bool yes, const char *subject, bool ok,
			  const char *text)
{
	for (size_t i = 0; i < a->count; i++) {
		const struct post_reason *r = &a->reasons[i];

		if (a->yes == yes && strcmp(r->subject, subject) == 0 && r->ok == ok &&
		    strstr(r->text, text) != NULL)
			return;
	}
	print_answer(a);
	fail_msg("expected %s, with %s %s \"%s\"", yes ? "yes" : "no", subject,
		 ok ? "ok:" : "not ok:", text);
}

/* The one reason about subject says no, in these words. */
static void expect_only_no(const struct post_answer *a, const char *subject, const char *text)
{
	const struct post_reason *r;

	if (reasons_about(a, subject, &r) != 1 || r->ok || strstr(r->text, text) == NULL) {
		print_answer(a);
		fail_msg("expected one reason about %s: \"%s\"", subject, text);
	}
	assert_false(a->yes);
}

/* --- consent --------------------------------------------------------------------------- */

static void yes_with_a_consent_covering_the_channel(void **state)
{
	struct fixture *f = *state;
	char *c = pupil_with_consent(f, "Amy Allowed", "2026-09-01", "social_media;website");
	struct post_answer *a = ask(f, "Amy Allowed", "facebook:school", NULL, false);

	assert_true(a->yes);
	expect_reason(a, true, "Amy Allowed", true, "consent covers School social media");
	expect_reason(a, true, "facebook:school", true, "open");
	for (size_t i = 0; i < a->count; i++)
		assert_true(a->reasons[i].ok);
	post_answer_free(&a);
	assert_null(a);
	/* The channel decides which use: the website needs website consent. */
	a = ask(f, "Amy Allowed", "website:news", NULL, false);
	expect_reason(a, true, "Amy Allowed", true, "consent covers School website");
	post_answer_free(&a);
	/* Every answer holds the admins', the DSL's and staff's question alike. */
	{
		const char *amy = "Amy Allowed";

		a = ask_as(f->admin, &amy, 1, "facebook:school", NULL, false);
		assert_true(a->yes);
		post_answer_free(&a);
		a = ask_as(f->dsl, &amy, 1, "facebook:school", NULL, false);
		assert_true(a->yes);
		post_answer_free(&a);
	}
	free(c);
}

static void no_without_consent(void **state)
{
	struct fixture *f = *state;
	struct post_answer *a;

	pupil_with_consent(f, "Ben Nothing", NULL, NULL);
	a = ask(f, "Ben Nothing", "facebook:school", NULL, false);
	expect_only_no(a, "Ben Nothing", "no consent on record");
	post_answer_free(&a);
}

static void no_once_consent_is_withdrawn(void **state)
{
	struct fixture *f = *state;
	char *c = pupil_with_consent(f, "Cat Withdrawn", "2026-09-01", "social_media");
	struct post_answer *a = ask(f, "Cat Withdrawn", "facebook:school", NULL, false);

	assert_true(a->yes);
	post_answer_free(&a);
	end(f->admin, "consent", c, "2026-11-10");
	a = ask(f, "Cat Withdrawn", "facebook:school", NULL, false);
	expect_reason(a, false, "Cat Withdrawn", false, "consent was withdrawn on 10/11/2026");
	/* The first reason about her is the withdrawal. */
	{
		const struct post_reason *r;

		assert_true(reasons_about(a, "Cat Withdrawn", &r) >= 1);
		assert_non_null(strstr(r->text, "withdrawn"));
	}
	post_answer_free(&a);
	free(c);
}

static void no_once_consent_has_expired(void **state)
{
	struct fixture *f = *state;
	char *c = fx_add(f->admin, "pupil", "name=Dan Expired", NULL);
	struct post_answer *a;

	free(c);
	c = fx_add(f->admin, "consent", "pupil=Dan Expired", "given_by=A parent",
		   "received_on=2025-09-01", "expires_on=2026-08-31", "uses=social_media", NULL);
	a = ask(f, "Dan Expired", "facebook:school", NULL, false);
	expect_only_no(a, "Dan Expired", "consent expired on 31/08/2026");
	post_answer_free(&a);
	/* A new form is the one that counts. */
	free(fx_add(f->admin, "consent", "pupil=Dan Expired", "given_by=A parent",
		    "received_on=2026-09-05", "uses=social_media", NULL));
	a = ask(f, "Dan Expired", "facebook:school", NULL, false);
	assert_true(a->yes);
	post_answer_free(&a);
	free(c);
}

static void no_when_consent_does_not_cover_the_use(void **state)
{
	struct fixture *f = *state;
	char *c = pupil_with_consent(f, "Eve Website", "2026-09-01", "website;newsletter");
	struct post_answer *a = ask(f, "Eve Website", "facebook:school", NULL, false);

	expect_only_no(a, "Eve Website", "consent does not cover School social media");
	assert_non_null(strstr(a->reasons[1].text, "social_media"));
	post_answer_free(&a);
	a = ask(f, "Eve Website", "website:news", NULL, false);
	assert_true(a->yes);
	post_answer_free(&a);
	free(c);
}

static void named_needs_name_with_photo(void **state)
{
	struct fixture *f = *state;
	char *fay = pupil_with_consent(f, "Fay Unnamed", "2026-09-01", "social_media");
	char *amy = pupil_with_consent(f, "Amy Named", "2026-09-01", "social_media;name_with_photo");
	struct post_answer *a;

	a = ask(f, "Fay Unnamed", "facebook:school", NULL, false);
	assert_true(a->yes);
	post_answer_free(&a);
	a = ask(f, "Fay Unnamed", "facebook:school", NULL, true);
	expect_reason(a, false, "Fay Unnamed", false, "does not cover a name beside a photo");
	expect_reason(a, false, "Fay Unnamed", true, "consent covers School social media");
	post_answer_free(&a);
	a = ask(f, "Amy Named", "facebook:school", NULL, true);
	assert_true(a->yes);
	expect_reason(a, true, "Amy Named", true, "covers a name beside a photo");
	post_answer_free(&a);
	free(fay);
	free(amy);
}

/* "Staff must not identify by name any children featured in photographs":
 * set on the school or on one channel, whatever the consent says. */
static void never_named_where_the_school_or_channel_says_so(void **state)
{
	struct fixture *f = *state;
	char *amy = pupil_with_consent(f, "Amy Named", "2026-09-01",
				       "social_media;website;name_with_photo");
	struct post_answer *a;

	fx_set(f->admin, "channel", "website:news", NULL, "never_name=yes", NULL);
	a = ask(f, "Amy Named", "website:news", NULL, true);
	expect_reason(a, false, "website:news", false,
		      "names are never given beside photos on this channel");
	post_answer_free(&a);
	/* A photo without names is still fine there, and names elsewhere. */
	a = ask(f, "Amy Named", "website:news", NULL, false);
	assert_true(a->yes);
	post_answer_free(&a);
	a = ask(f, "Amy Named", "facebook:school", NULL, true);
	assert_true(a->yes);
	post_answer_free(&a);
	fx_set(f->admin, "school", "Test School", NULL, "never_name=yes", NULL);
	a = ask(f, "Amy Named", "facebook:school", NULL, true);
	expect_reason(a, false, "Test School", false,
		      "the school never names children beside photos");
	post_answer_free(&a);
	free(amy);
}

/* A consent that replaces one takes down what it no longer covers, on the
 * pupil's open channels; one granting the same takes nothing down (the
 * trigger's shortcut for imports, schema 023). */
static void a_narrower_replacement_raises_takedowns_and_the_same_none(void **state)
{
	struct fixture *f = *state;
	const char *raised = "SELECT count(*) FROM takedown AS t JOIN pupil AS p ON p.id = t.pupil "
			     "WHERE p.name = 'Rita Replaced' "
			     "AND t.note = 'replaced by a consent that does not cover it'";

	free(pupil_with_consent(f, "Rita Replaced", "2026-09-01", "social_media;website"));
	free(fx_add(f->admin, "consent", "pupil=Rita Replaced", "given_by=A parent",
		    "received_on=2026-10-05", "uses=website;social_media", NULL));
	assert_int_equal(fx_sql_long(f, raised), 0);
	free(fx_add(f->admin, "consent", "pupil=Rita Replaced", "given_by=A parent",
		    "received_on=2026-11-01", "uses=website", NULL));
	/* facebook:school only: facebook:old closed before, website covered. */
	assert_int_equal(fx_sql_long(f, raised), 1);
	assert_int_equal(fx_sql_long(f, "SELECT count(*) FROM takedown AS t "
					"JOIN channel AS c ON c.id = t.channel "
					"JOIN pupil AS p ON p.id = t.pupil "
					"WHERE p.name = 'Rita Replaced' AND c.account = 'school'"),
			 1);
}

static void no_while_a_takedown_is_open(void **state)
{
	struct fixture *f = *state;
	char *c = pupil_with_consent(f, "Gus Takedown", "2026-09-01", "social_media;website");
	char *t = fx_add(f->admin, "takedown", "pupil=Gus Takedown", "channel=facebook:school",
			 "raised_on=2026-11-20", NULL);
	struct post_answer *a = ask(f, "Gus Takedown", "facebook:school", NULL, false);

	expect_reason(a, false, "Gus Takedown", false,
		      "a takedown from facebook:school is still open");
	post_answer_free(&a);
	/* Only on that channel. */
	a = ask(f, "Gus Takedown", "website:news", NULL, false);
	assert_true(a->yes);
	post_answer_free(&a);
	end(f->admin, "takedown", t, "2026-11-21");
	a = ask(f, "Gus Takedown", "facebook:school", NULL, false);
	assert_true(a->yes);
	post_answer_free(&a);
	free(c);
	free(t);
}

/* --- channel and poster ------------------------------------------------------------------ */

static void no_on_a_closed_channel(void **state)
{
	struct fixture *f = *state;
	char *c = pupil_with_consent(f, "Amy Allowed", "2026-09-01", "social_media");
	struct post_answer *a = ask(f, "Amy Allowed", "facebook:old", NULL, false);

	expect_reason(a, false, "facebook:old", false, "the channel was closed on 01/10/2026");
	post_answer_free(&a);
	/* Closing next month: open today. */
	end(f->admin, "channel", "facebook:school", "2026-12-01");
	a = ask(f, "Amy Allowed", "facebook:school", NULL, false);
	assert_true(a->yes);
	post_answer_free(&a);
	free(c);
}

static void the_poster_must_hold_an_active_authorisation(void **state)
{
	struct fixture *f = *state;
	char *c = pupil_with_consent(f, "Amy Allowed", "2026-09-01", "social_media");
	struct post_answer *a;

	a = ask(f, "Amy Allowed", "facebook:school", "Pat Poster", false);
	assert_true(a->yes);
	expect_reason(a, true, "Pat Poster", true, "is authorised to post on facebook:school");
	post_answer_free(&a);

	a = ask(f, "Amy Allowed", "facebook:school", "Nat None", false);
	expect_only_no(a, "Nat None", "is not authorised to post on facebook:school");
	post_answer_free(&a);

	/* Moderating is not posting. */
	a = ask(f, "Amy Allowed", "facebook:school", "Mo Moderator", false);
	expect_only_no(a, "Mo Moderator", "is not authorised to post");
	post_answer_free(&a);

	/* Authorised on another channel only. */
	a = ask(f, "Amy Allowed", "website:news", "Pat Poster", false);
	expect_only_no(a, "Pat Poster", "is not authorised to post on website:news");
	post_answer_free(&a);

	a = ask(f, "Amy Allowed", "facebook:school", "Rae Revoked", false);
	expect_only_no(a, "Rae Revoked", "was revoked on 01/11/2026");
	post_answer_free(&a);

	a = ask(f, "Amy Allowed", "facebook:school", "Lee Leaver", false);
	expect_only_no(a, "Lee Leaver", "left on 01/11/2026");
	post_answer_free(&a);

	/* The master administrator may post. */
	free(authorise(f, "Nat None", "facebook:school", "master_admin"));
	a = ask(f, "Amy Allowed", "facebook:school", "Nat None", false);
	assert_true(a->yes);
	post_answer_free(&a);
	free(c);
}

/* --- several pupils, and who may ask --------------------------------------------------------- */

static void several_pupils_give_one_reason_each(void **state)
{
	struct fixture *f = *state;
	static const char *const pupils[] = {
		"Amy Allowed",
		"Ben Nothing",
		"Dan Expired",
		"Eve Website",
		"Zoë Allowed",
	};
	char *ids[4];
	struct post_answer *a;
	const struct post_reason *r;

	ids[0] = pupil_with_consent(f, "Amy Allowed", "2026-09-01", "social_media");
	pupil_with_consent(f, "Ben Nothing", NULL, NULL);
	free(fx_add(f->admin, "pupil", "name=Dan Expired", NULL));
	ids[1] = fx_add(f->admin, "consent", "pupil=Dan Expired", "given_by=A parent",
			"received_on=2025-09-01", "expires_on=2026-08-31", "uses=social_media",
			NULL);
	ids[2] = pupil_with_consent(f, "Eve Website", "2026-09-01", "website");
	ids[3] = pupil_with_consent(f, "Zoë Allowed", "2026-09-01", "social_media;video");

	a = ask_as(f->staff, pupils, 5, "facebook:school", "Pat Poster", false);
	assert_false(a->yes);
	for (size_t i = 0; i < 5; i++)
		if (reasons_about(a, pupils[i], &r) != 1) {
			print_answer(a);
			fail_msg("expected one reason about %s", pupils[i]);
		}
	expect_reason(a, false, "Amy Allowed", true, "consent covers");
	expect_reason(a, false, "Zoë Allowed", true, "consent covers");
	expect_reason(a, false, "Ben Nothing", false, "no consent on record");
	expect_reason(a, false, "Dan Expired", false, "expired on 31/08/2026");
	expect_reason(a, false, "Eve Website", false, "does not cover");
	expect_reason(a, false, "facebook:school", true, "open");
	expect_reason(a, false, "Pat Poster", true, "authorised");
	/* The channel, five pupils and the poster. */
	assert_int_equal(a->count, 7);
	post_answer_free(&a);

	/* Two that may be posted: yes. */
	a = ask_as(f->staff, (const char *const[]){"Amy Allowed", "Zoë Allowed"}, 2,
		   "facebook:school", NULL, false);
	assert_true(a->yes);
	post_answer_free(&a);
	for (int i = 0; i < 4; i++)
		free(ids[i]);
}

static void a_governor_may_not_ask(void **state)
{
	struct fixture *f = *state;
	const char *amy = "Amy Allowed";
	struct post_question q = {.pupils = &amy, .pupil_count = 1, .channel = "facebook:school"};
	struct post_answer *a = NULL;
	struct error err;

	free(pupil_with_consent(f, amy, "2026-09-01", "social_media"));
	assert_int_equal(canpost_check(f->governor, &q, &a, &err), STATUS_DENIED);
	assert_null(a);
	assert_true(err.text[0] != '\0');
	/* Naming no pupil is a usage error; an unknown one is invalid. */
	q.pupil_count = 0;
	assert_int_equal(canpost_check(f->staff, &q, &a, &err), STATUS_USAGE);
	assert_null(a);
	amy = "Nobody Known";
	q.pupil_count = 1;
	assert_int_equal(canpost_check(f->staff, &q, &a, &err), STATUS_INVALID);
	assert_null(a);
	assert_string_equal(err.field, "pupil");
}

static int teardown(void **state)
{
	return fixture_teardown(state);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(yes_with_a_consent_covering_the_channel),
		T(no_without_consent),
		T(no_once_consent_is_withdrawn),
		T(no_once_consent_has_expired),
		T(no_when_consent_does_not_cover_the_use),
		T(named_needs_name_with_photo),
		T(never_named_where_the_school_or_channel_says_so),
		T(a_narrower_replacement_raises_takedowns_and_the_same_none),
		T(no_while_a_takedown_is_open),
		T(no_on_a_closed_channel),
		T(the_poster_must_hold_an_active_authorisation),
		T(several_pupils_give_one_reason_each),
		T(a_governor_may_not_ask),
	};
#undef T

	return cmocka_run_group_tests(tests, NULL, NULL);
}
