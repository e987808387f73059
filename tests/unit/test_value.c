/* Typed values (core/value.h), references (core/ref.h) and what edit_add refuses. */
#include "fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/edit.h"
#include "core/record.h"
#include "core/ref.h"
#include "core/value.h"
#include "core/private.h" /* db_exec, to plant a name as an older smreg left it */

#define PUPIL_A "aaaa0000-1111-4222-8333-444455556666"
#define PUPIL_B "aaaa1111-1111-4222-8333-444455556666"

static const struct field *field_of(const char *type, const char *name)
{
	const struct field *f = record_field_find(record_type_find(type), name);

	assert_non_null(f);
	return f;
}

/* raw, typed into type.name, is understood as want (NULL: empty). */
static void parses(struct smreg *s, const char *type, const char *name, const char *raw,
		   const char *want)
{
	char *got = (char *)"unset";
	struct error err;

	if (value_parse(s, field_of(type, name), raw, &got, &err) != STATUS_OK)
		fail_msg("%s.%s = \"%s\" was refused: %s: %s", type, name, raw, err.field, err.text);
	if (want == NULL)
		assert_null(got);
	else if (got == NULL)
		fail_msg("%s.%s = \"%s\" became empty, expected \"%s\"", type, name, raw, want);
	else
		assert_string_equal(got, want);
	free(got);
}

/* raw is refused for type.name, naming the field, with a reason containing reason. */
static void refused(struct smreg *s, const char *type, const char *name, const char *raw,
		    const char *reason)
{
	char *got = NULL;
	struct error err;

	assert_int_equal(value_parse(s, field_of(type, name), raw, &got, &err), STATUS_INVALID);
	assert_null(got);
	assert_string_equal(err.field, name);
	if (strstr(err.text, reason) == NULL)
		fail_msg("%s.%s = \"%s\": expected a reason containing \"%s\", got \"%s\"", type, name,
			 raw, reason, err.text);
}

static int setup(void **state)
{
	struct fixture *f;

	if (fixture_setup(state) != 0)
		return -1;
	f = *state;
	free(fx_add(f->admin, "school", "name=Second School", "code=SEC", "urn=123456", NULL));
	free(fx_add(f->admin, "school", "name=Beef Lane Primary", "code=beef", NULL));
	free(fx_add(f->admin, "pupil", "school=Test School", "name=Zoë Łukasz", "mis_id=Z1", NULL));
	free(fx_add(f->admin, "pupil", "id=" PUPIL_A, "school=Test School", "name=Alex Smith", NULL));
	free(fx_add(f->admin, "pupil", "id=" PUPIL_B, "school=Second School", "name=Alex Smith", NULL));
	free(fx_add(f->admin, "pupil", "school=Test School", "name=李雷", NULL));
	free(fx_add(f->admin, "channel", "school=Test School", "platform=facebook",
		    "account=TestSchool", NULL));
	return 0;
}

static void assignments_split_at_the_first_equals(void **state)
{
	char a1[] = "name=Zoë";
	char a2[] = "notes=a=b";
	char a3[] = "name=";
	char b1[] = "=value";
	char b2[] = "no equals";
	struct assignment a;

	(void)state;
	assert_int_equal(value_split_assignment(a1, &a), 0);
	assert_string_equal(a.field, "name");
	assert_string_equal(a.value, "Zoë");
	assert_int_equal(value_split_assignment(a2, &a), 0);
	assert_string_equal(a.field, "notes");
	assert_string_equal(a.value, "a=b");
	assert_int_equal(value_split_assignment(a3, &a), 0);
	assert_string_equal(a.field, "name");
	assert_string_equal(a.value, "");
	assert_int_equal(value_split_assignment(b1, &a), -1);
	assert_int_equal(value_split_assignment(b2, &a), -1);
}

static void dates_in_every_typed_form_become_iso(void **state)
{
	struct fixture *f = *state;

	parses(f->admin, "person", "started_on", "21/11/2026", "2026-11-21");
	parses(f->admin, "person", "started_on", "1/9/2026", "2026-09-01");
	parses(f->admin, "person", "started_on", "2026-11-21", "2026-11-21");
	parses(f->admin, "person", "started_on", "  01.09.2026  ", "2026-09-01");
	parses(f->admin, "person", "started_on", "today", "2026-11-21");
	parses(f->admin, "person", "started_on", "yesterday", "2026-11-20");
	parses(f->admin, "person", "started_on", "+30d", "2026-12-21");
	parses(f->admin, "person", "started_on", "-2w", "2026-11-07");
	parses(f->admin, "person", "started_on", "+1y", "2027-11-21");
	parses(f->admin, "person", "started_on", "+3m", "2027-02-21");
	parses(f->admin, "person", "started_on", "", NULL);
	parses(f->admin, "person", "started_on", "   ", NULL);
	refused(f->admin, "person", "started_on", "31/02/2026", "February 2026 has 28 days");
	refused(f->admin, "person", "started_on", "next week", "is not a date");
}

static void yes_and_no_in_their_synonyms(void **state)
{
	struct fixture *f = *state;
	static const char *const yes[] = {"yes", "YES", "Yes", "y", "Y", "true", "1", "on", " yes "};
	static const char *const no[] = {"no", "NO", "n", "false", "False", "0", "off"};

	for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
		parses(f->admin, "channel", "mfa", yes[i], "yes");
	for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
		parses(f->admin, "channel", "mfa", no[i], "no");
	refused(f->admin, "channel", "mfa", "maybe", "is not yes or no");
	refused(f->admin, "channel", "mfa", "yess", "is not yes or no");
}

static void choices_match_loosely_but_store_exactly(void **state)
{
	struct fixture *f = *state;

	parses(f->admin, "authorisation", "kind", "master_admin", "master_admin");
	parses(f->admin, "authorisation", "kind", "master admin", "master_admin");
	parses(f->admin, "authorisation", "kind", "Master Admin", "master_admin");
	parses(f->admin, "authorisation", "kind", "MASTER-ADMIN", "master_admin");
	parses(f->admin, "authorisation", "kind", "Poster", "poster");
	parses(f->admin, "contact", "category", "Friend Request", "friend_request");
	refused(f->admin, "authorisation", "kind", "superuser",
		"is not one of master_admin, admin, poster, moderator or exception");
	/* The start of just one choice is that choice; of two, neither. */
	parses(f->admin, "authorisation", "kind", "master", "master_admin");
	parses(f->admin, "authorisation", "kind", "Mo", "moderator");
	refused(f->admin, "authorisation", "kind", "m", "is not one of");
	refused(f->admin, "channel", "audience", "Parents and carers", "is not one of");
	/* Roles are codes, kept as typed: never a start taken for one. */
	refused(f->admin, "user", "roles", "adm", "is not");
	refused(f->admin, "authorisation", "kind", "master_admin_x", "is not one of");
}

static void codes_are_checked_deduplicated_and_sorted(void **state)
{
	struct fixture *f = *state;

	parses(f->admin, "consent", "uses", "website; Social_Media,website", "social_media;website");
	parses(f->admin, "consent", "uses", "name with photo;press", "name_with_photo;press");
	parses(f->admin, "consent", "uses", ";;website;", "website");
	parses(f->admin, "consent", "uses", "website", "website");
	parses(f->admin, "user", "roles", "Staff; admin;staff", "admin;staff");
	refused(f->admin, "consent", "uses", "website;tiktok", "\"tiktok\" is not a consent use");
	refused(f->admin, "consent", "uses", "tiktok", "social_media");
	refused(f->admin, "user", "roles", "staff;root", "\"root\" is not");
}

static void whole_numbers_and_text(void **state)
{
	struct fixture *f = *state;
	char long_text[VALUE_TEXT_MAX + 2];

	parses(f->admin, "policy", "cycle_months", "12", "12");
	parses(f->admin, "policy", "cycle_months", " 24 ", "24");
	refused(f->admin, "policy", "cycle_months", "twelve", "is not a whole number");
	refused(f->admin, "policy", "cycle_months", "12 months", "is not a whole number");
	parses(f->admin, "pupil", "name", "  Zoë  ", "Zoë");
	parses(f->admin, "person", "notes", "two\nlines", "two\nlines");
	refused(f->admin, "pupil", "name", "two\nlines", "control character");
	refused(f->admin, "pupil", "name", "\x1b[2Jhello", "control character");
	refused(f->admin, "pupil", "name", "Zo\xEB", "not valid UTF-8");
	memset(long_text, 'x', sizeof long_text - 1);
	long_text[sizeof long_text - 1] = '\0';
	refused(f->admin, "pupil", "name", long_text, "too long");
}

/* ref_resolve as s finds exactly want_id for text. */
static void resolves(struct smreg *s, const char *type, const char *text, const char *want_id)
{
	struct error err;
	char *id = NULL;

	if (ref_resolve(s, record_type_find(type), text, "ref", &id, &err) != STATUS_OK)
		fail_msg("%s \"%s\" was not found: %s", type, text, err.text);
	assert_non_null(id);
	assert_string_equal(id, want_id);
	free(id);
}

static void unresolved(struct smreg *s, const char *type, const char *text, const char *reason)
{
	struct error err;
	char *id = (char *)"unset";

	assert_int_equal(ref_resolve(s, record_type_find(type), text, "pupil", &id, &err),
			 STATUS_INVALID);
	assert_null(id);
	assert_string_equal(err.field, "pupil");
	if (strstr(err.text, reason) == NULL)
		fail_msg("%s \"%s\": expected a reason containing \"%s\", got \"%s\"", type, text,
			 reason, err.text);
}

static char *id_where(struct fixture *f, const char *sql)
{
	char *id = fx_sql_text(f, sql);

	if (id == NULL)
		fail_msg("nothing for %s", sql);
	return id;
}

static void references_by_id_and_by_name(void **state)
{
	struct fixture *f = *state;
	char *zoe = id_where(f, "SELECT id FROM pupil WHERE mis_id = 'Z1'");
	char *li = id_where(f, "SELECT id FROM pupil WHERE name = '李雷'");
	char prefix[9];

	resolves(f->admin, "pupil", zoe, zoe);
	snprintf(prefix, sizeof prefix, "%.8s", zoe);
	resolves(f->admin, "pupil", prefix, zoe);
	resolves(f->admin, "pupil", "Zoë Łukasz", zoe);
	resolves(f->admin, "pupil", "  Zoë Łukasz ", zoe);
	resolves(f->admin, "pupil", "zoë Łukasz", zoe);
	resolves(f->admin, "pupil", "Z1", zoe);
	resolves(f->admin, "pupil", "李雷", li);
	/* A unique part: the start of the name, or of a word in it. */
	resolves(f->admin, "pupil", "Zoë", zoe);
	resolves(f->admin, "pupil", "zoë Ł", zoe);
	resolves(f->admin, "pupil", "Łukasz", zoe);
	/* Case folded beyond ASCII, whole names and parts alike. */
	resolves(f->admin, "pupil", "ZOË ŁUKASZ", zoe);
	resolves(f->admin, "pupil", "ZOË", zoe);
	resolves(f->admin, "pupil", "łukasz", zoe);
	{
		/* The picker's find, too. */
		struct ref_candidate *found = NULL;
		struct error err;
		int n = ref_suggest(f->admin, record_type_find("pupil"), "UKASZ", 10, &found, &err);
		int m;

		assert_int_equal(n, 1);
		ref_candidates_free(found, n);
		m = ref_suggest(f->admin, record_type_find("pupil"), "zoË ł", 10, &found, &err);
		assert_int_equal(m, 1);
		assert_string_equal(found[0].id, zoe);
		ref_candidates_free(found, m);
	}
	/* LIKE's own wildcards are only themselves. */
	unresolved(f->admin, "pupil", "%", "there is no pupil called");
	unresolved(f->admin, "pupil", "_o", "there is no pupil called");
	/* An id prefix shared by two pupils names neither; a longer one names one. */
	unresolved(f->admin, "pupil", "aaaa", "could be more than one pupil");
	resolves(f->admin, "pupil", "aaaa1", PUPIL_B);
	free(zoe);
	free(li);
}

static void schools_by_code_and_channels_by_platform_and_account(void **state)
{
	struct fixture *f = *state;
	char *second = id_where(f, "SELECT id FROM school WHERE code = 'SEC'");
	char *beef = id_where(f, "SELECT id FROM school WHERE code = 'beef'");
	char *channel = id_where(f, "SELECT id FROM channel WHERE account = 'TestSchool'");

	resolves(f->admin, "school", "SEC", second);
	resolves(f->admin, "school", "sec", second);
	resolves(f->admin, "school", "Second School", second);
	resolves(f->admin, "school", "second school", second);
	resolves(f->admin, "school", "123456", second);
	/* A code that looks like the start of an id is still a code. */
	resolves(f->admin, "school", "beef", beef);
	resolves(f->admin, "school", f->school, f->school);
	resolves(f->admin, "channel", "facebook:TestSchool", channel);
	resolves(f->admin, "channel", "Facebook:testschool", channel);
	/* The school's one Facebook channel, by its platform alone. */
	resolves(f->admin, "channel", "facebook", channel);
	parses(f->admin, "channel", "consent_use", "website", "website");
	parses(f->admin, "channel", "consent_use", "School website", "website");
	parses(f->admin, "person", "school", "SEC", second);
	free(second);
	free(beef);
	free(channel);
}

static void unknown_and_ambiguous_names_are_refused(void **state)
{
	struct fixture *f = *state;
	struct error err;
	char *id = NULL;

	unresolved(f->admin, "pupil", "Nobody Atall", "there is no pupil called \"Nobody Atall\"");
	unresolved(f->admin, "channel", "x:nobody", "there is no channel called \"x:nobody\"");
	/* The start of a name two pupils share names neither, and lists both. */
	unresolved(f->admin, "pupil", "Alex", "could be more than one pupil");
	unresolved(f->admin, "pupil", "Alexandra", "there is no pupil called");
	assert_int_equal(ref_resolve(f->admin, record_type_find("pupil"), "Alex Smith", "pupil",
				     &id, &err),
			 STATUS_INVALID);
	assert_null(id);
	assert_string_equal(err.field, "pupil");
	assert_non_null(strstr(err.text, "could be more than one pupil"));
	/* Both candidates, each with its short id, so the user can choose. */
	assert_non_null(strstr(err.text, "Alex Smith (aaaa0000)"));
	assert_non_null(strstr(err.text, "Alex Smith (aaaa1111)"));
	/* A value naming an ambiguous reference is refused the same way. */
	refused(f->admin, "consent", "pupil", "alex smith", "could be more than one pupil");
	refused(f->admin, "consent", "pupil", "Nobody", "there is no pupil called \"Nobody\"");
}

static void staff_see_only_their_own_contact_reports(void **state)
{
	struct fixture *f = *state;
	const struct record_type *contact = record_type_find("contact");
	char *others = fx_add(f->dsl, "contact", "school=Test School", "reported_by=Dee Ess-Ell",
			      "pupil=Zoë Łukasz", "platform=instagram", "category=pupil_contact",
			      "summary=Sent a friend request", NULL);
	char *mine = fx_add(f->staff, "contact", "school=Test School", "pupil_name=A Former Pupil",
			    "pupil_status=former", "platform=facebook", "category=friend_request",
			    "summary=Asked to be friends", NULL);
	struct error err;
	char *id = (char *)"unset";
	char prefix[9];

	resolves(f->dsl, "contact", others, others);
	resolves(f->dsl, "contact", mine, mine);
	resolves(f->staff, "contact", mine, mine);
	assert_int_equal(ref_resolve(f->staff, contact, others, "contact", &id, &err), STATUS_INVALID);
	assert_null(id);
	assert_non_null(strstr(err.text, "there is no contact report"));
	snprintf(prefix, sizeof prefix, "%.8s", others);
	id = (char *)"unset";
	assert_int_equal(ref_resolve(f->staff, contact, prefix, "contact", &id, &err), STATUS_INVALID);
	assert_null(id);
	/* Governors count reports, they do not find them. */
	id = (char *)"unset";
	assert_int_equal(ref_resolve(f->governor, contact, mine, "contact", &id, &err), STATUS_INVALID);
	assert_null(id);
	free(others);
	free(mine);
}

static void add_refuses_an_unknown_field(void **state)
{
	struct fixture *f = *state;
	long pupils = fx_rows(f, "pupil");
	long audit = fx_rows(f, "audit");
	struct error err;

	assert_int_equal(fx_try_add(f->admin, &err, "pupil", "school=Test School", "name=New Pupil",
				    "nickname=Newbie", NULL),
			 STATUS_INVALID);
	assert_string_equal(err.field, "nickname");
	assert_non_null(strstr(err.text, "no such field"));
	assert_non_null(strstr(err.text, "year_group"));
	assert_int_equal(fx_rows(f, "pupil"), pupils);
	assert_int_equal(fx_rows(f, "audit"), audit);
}

static void add_refuses_a_field_given_twice(void **state)
{
	struct fixture *f = *state;
	long pupils = fx_rows(f, "pupil");
	long audit = fx_rows(f, "audit");
	struct error err;

	assert_int_equal(fx_try_add(f->admin, &err, "pupil", "school=Test School", "name=New Pupil",
				    "name=Other Name", NULL),
			 STATUS_INVALID);
	assert_string_equal(err.field, "name");
	assert_non_null(strstr(err.text, "twice"));
	assert_int_equal(fx_rows(f, "pupil"), pupils);
	assert_int_equal(fx_rows(f, "audit"), audit);
}

static void add_refuses_a_missing_required_field(void **state)
{
	struct fixture *f = *state;
	long pupils = fx_rows(f, "pupil");
	long channels = fx_rows(f, "channel");
	long audit = fx_rows(f, "audit");
	struct error err;

	assert_int_equal(fx_try_add(f->admin, &err, "pupil", "school=Test School", "year_group=3",
				    NULL),
			 STATUS_INVALID);
	assert_string_equal(err.field, "name");
	assert_non_null(strstr(err.text, "required"));
	/* An empty value is no value. */
	assert_int_equal(fx_try_add(f->admin, &err, "pupil", "school=Test School", "name=  ", NULL),
			 STATUS_INVALID);
	assert_string_equal(err.field, "name");
	/* With two schools, the school is not guessed. */
	assert_int_equal(fx_try_add(f->admin, &err, "channel", "platform=x", "account=ts", NULL),
			 STATUS_INVALID);
	assert_string_equal(err.field, "school");
	assert_int_equal(fx_rows(f, "pupil"), pupils);
	assert_int_equal(fx_rows(f, "channel"), channels);
	assert_int_equal(fx_rows(f, "audit"), audit);
}

static void add_refused_by_the_schema_leaves_nothing(void **state)
{
	struct fixture *f = *state;
	long schools = fx_rows(f, "school");
	long audit = fx_rows(f, "audit");
	struct error err;

	assert_int_equal(fx_try_add(f->admin, &err, "school", "name=Third School", "urn=12345", NULL),
			 STATUS_INVALID);
	assert_string_equal(err.field, "urn");
	assert_int_equal(fx_try_add(f->admin, &err, "school", "name=Second School", NULL),
			 STATUS_INVALID);
	assert_int_equal(fx_rows(f, "school"), schools);
	assert_int_equal(fx_rows(f, "audit"), audit);
}

/* What the schema asks for in some cases only is asked for when the field is left out too. */
static void conditional_requirements_hold_when_left_out(void **state)
{
	struct fixture *f = *state;
	long authorisations = fx_rows(f, "authorisation");
	long contacts = fx_rows(f, "contact");
	struct error err;
	char *open;

	free(fx_add(f->admin, "person", "name=Hilda Head", NULL));
	assert_int_equal(fx_try_add(f->admin, &err, "authorisation", "person=Sam Staff",
				    "kind=exception", "authorised_by=Hilda Head", NULL),
			 STATUS_INVALID);
	assert_string_equal(err.field, "detail");
	assert_int_equal(fx_rows(f, "authorisation"), authorisations);
	assert_int_equal(fx_try_add(f->dsl, &err, "contact", "school=Test School",
				    "reported_by=Sam Staff", "platform=x", "category=other",
				    "summary=Someone", NULL),
			 STATUS_INVALID);
	assert_string_equal(err.field, "pupil");
	assert_int_equal(fx_rows(f, "contact"), contacts);

	/* A report is not closed without the DSL's rationale. */
	open = fx_add(f->dsl, "contact", "school=Test School", "reported_by=Sam Staff",
		      "pupil=李雷", "platform=x", "category=other", "summary=A post", NULL);
	assert_int_equal(edit_end(f->dsl, record_type_find("contact"), open, NULL, NULL, NULL, &err),
			 STATUS_INVALID);
	assert_string_equal(err.field, "rationale");
	assert_int_equal(edit_end(f->dsl, record_type_find("contact"), open, NULL,
				  "Spoke to parents; no referral needed", NULL, &err),
			 STATUS_OK);
	free(open);
}

#define ACUTE "\xCC\x81"    /* U+0301 COMBINING ACUTE ACCENT */
#define ZWSP "\xE2\x80\x8B" /* U+200B ZERO WIDTH SPACE */
#define ZWJ "\xE2\x80\x8D"  /* U+200D ZERO WIDTH JOINER */
#define JOSE_NFD "Jose" ACUTE " Lo" ACUTE "pez"
#define JOSE_NFC "Jos\xC3\xA9 L\xC3\xB3pez"

/* Text is stored composed; a name holds no invisible character, and free
 * text holds something that shows. */
static void text_is_stored_in_nfc_and_names_show_what_they_hold(void **state)
{
	struct fixture *f = *state;

	parses(f->admin, "pupil", "name", JOSE_NFD, JOSE_NFC);
	parses(f->admin, "pupil", "name", JOSE_NFC, JOSE_NFC);
	parses(f->admin, "person", "notes", "Spoke to " JOSE_NFD, "Spoke to " JOSE_NFC);
	refused(f->admin, "pupil", "name", "Amy" ZWSP " Able", "invisible character (U+200B)");
	refused(f->admin, "person", "name", "Amy Able" ZWJ, "invisible character (U+200D)");
	refused(f->admin, "school", "code", "\xEF\xBB\xBF"
					    "SMP",
		"invisible character (U+FEFF)");
	refused(f->admin, "channel", "account", "Test" ZWSP "School", "invisible character");
	refused(f->admin, "user", "login", "ad" ZWSP "min", "invisible character");
	refused(f->admin, "contact", "pupil_name", "Li" ZWSP " Lei", "invisible character");
	/* Free text may join characters (emoji, Persian, Indic scripts) but
	 * must show something. */
	parses(f->admin, "person", "notes", "\xF0\x9F\x91\xA9" ZWJ "\xF0\x9F\x8F\xAB",
	       "\xF0\x9F\x91\xA9" ZWJ "\xF0\x9F\x8F\xAB");
	refused(f->admin, "person", "notes", ZWSP, "no visible character");
	refused(f->admin, "person", "job_title", " " ZWSP " ", "no visible character");
}

/* Through edit_add (the command line's, the form's and the import's path):
 * stored as NFC bytes; a name with a zero-width space refused, naming the
 * field, with nothing written. */
static void a_decomposed_name_is_stored_composed_and_an_invisible_one_refused(void **state)
{
	struct fixture *f = *state;
	long pupils = fx_rows(f, "pupil");
	long audit = fx_rows(f, "audit");
	struct error err;
	char *id = fx_add(f->admin, "pupil", "school=Test School", "name=" JOSE_NFD, NULL);
	char sql[128];
	char *hex;

	snprintf(sql, sizeof sql, "SELECT hex(name) FROM pupil WHERE id = '%s'", id);
	hex = fx_sql_text(f, sql);
	/* "José López" with U+00E9 and U+00F3, not "e" and "o" with U+0301. */
	assert_string_equal(hex, "4A6F73C3A9204CC3B370657A");
	free(hex);
	free(id);

	assert_int_equal(fx_try_add(f->admin, &err, "pupil", "school=Test School",
				    "name=Amy" ZWSP " Able", NULL),
			 STATUS_INVALID);
	assert_string_equal(err.field, "name");
	assert_non_null(strstr(err.text, "invisible character"));
	assert_int_equal(fx_rows(f, "pupil"), pupils + 1);
	assert_int_equal(fx_rows(f, "audit"), audit + 1);
}

/* A reference typed decomposed finds the name stored composed, and one
 * typed composed finds a name an older smreg (or another tool) stored
 * decomposed. */
static void a_reference_finds_a_name_however_its_accents_are_typed(void **state)
{
	struct fixture *f = *state;
	char *jose = fx_add(f->admin, "pupil", "school=Test School", "name=" JOSE_NFC, NULL);
	char *rene = fx_add(f->admin, "person", "name=Rene Roux", NULL);
	char sql[256];
	struct error err;

	resolves(f->admin, "pupil", JOSE_NFD, jose);
	resolves(f->admin, "pupil", JOSE_NFC, jose);
	resolves(f->admin, "pupil", "  jose" ACUTE " lo" ACUTE "pez ", jose);

	snprintf(sql, sizeof sql, "UPDATE person SET name = 'Rene" ACUTE " Roux' WHERE id = '%s'",
		 rene);
	assert_int_equal(db_exec(f->admin, sql, &err), STATUS_OK);
	resolves(f->admin, "person", "Ren\xC3\xA9 Roux", rene);
	resolves(f->admin, "person", "Rene" ACUTE " Roux", rene);
	resolves(f->admin, "person", "REN\xC3\xA9 ROUX", rene);
	/* And as a field's value: a consent names its pupil decomposed. */
	free(fx_add(f->admin, "consent", "pupil=" JOSE_NFD, "given_by=Ana L\xC3\xB3pez",
		    "uses=website", NULL));
	snprintf(sql, sizeof sql, "SELECT count(*) FROM consent WHERE pupil = '%s'", jose);
	assert_int_equal(fx_sql_long(f, sql), 1);
	free(jose);
	free(rene);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(assignments_split_at_the_first_equals),
		cmocka_unit_test(dates_in_every_typed_form_become_iso),
		cmocka_unit_test(yes_and_no_in_their_synonyms),
		cmocka_unit_test(choices_match_loosely_but_store_exactly),
		cmocka_unit_test(codes_are_checked_deduplicated_and_sorted),
		cmocka_unit_test(whole_numbers_and_text),
		cmocka_unit_test(references_by_id_and_by_name),
		cmocka_unit_test(schools_by_code_and_channels_by_platform_and_account),
		cmocka_unit_test(unknown_and_ambiguous_names_are_refused),
		cmocka_unit_test_setup_teardown(staff_see_only_their_own_contact_reports, setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(add_refuses_an_unknown_field, setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(add_refuses_a_field_given_twice, setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(add_refuses_a_missing_required_field, setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(add_refused_by_the_schema_leaves_nothing, setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(conditional_requirements_hold_when_left_out, setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(text_is_stored_in_nfc_and_names_show_what_they_hold,
						setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(
			a_decomposed_name_is_stored_composed_and_an_invisible_one_refused, setup,
			fixture_teardown),
		cmocka_unit_test_setup_teardown(a_reference_finds_a_name_however_its_accents_are_typed,
						setup, fixture_teardown),
	};

	return cmocka_run_group_tests(tests, setup, fixture_teardown);
}
