/*
 * The permission matrix: every register, every role, reading and writing,
 * against a table written out here from DESIGN.md (not computed from
 * access.c, so that a wrong entry there fails this test).
 */
#include "fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/access.h"
#include "core/edit.h"
#include "core/record.h"
#include "core/store.h"
#include "core/text.h"

enum {
	ADMIN,
	DSL,
	GOVERNOR,
	STAFF,
	ROLES
};

static const char *const role_login[ROLES] = {"admin", "dsl", "governor", "staff"};

/* What a role may read: nothing, how many, the records it filed, all. */
enum read {
	NONE,
	COUNT,
	OWN,
	ALL
};
/* What a role may write: nothing, file records as itself, everything. */
enum write {
	NO,
	FILE_OWN,
	YES
};

static const struct expected {
	const char *type;
	enum read read[ROLES]; /* admin, dsl, governor, staff */
	enum write write[ROLES];
} matrix[] = {
	{"school", {ALL, ALL, ALL, ALL}, {YES, NO, NO, NO}},
	{"person", {ALL, ALL, ALL, ALL}, {YES, NO, NO, NO}},
	{"channel", {ALL, ALL, ALL, ALL}, {YES, NO, NO, NO}},
	{"authorisation", {ALL, ALL, ALL, ALL}, {YES, NO, NO, NO}},
	{"pupil", {ALL, ALL, NONE, ALL}, {YES, NO, NO, NO}},
	{"consent_use", {ALL, ALL, ALL, ALL}, {YES, NO, NO, NO}},
	{"consent", {ALL, ALL, NONE, NONE}, {YES, NO, NO, NO}},
	{"takedown", {ALL, ALL, NONE, NONE}, {YES, NO, NO, NO}},
	{"policy", {ALL, ALL, ALL, ALL}, {YES, NO, NO, NO}},
	{"review", {ALL, ALL, ALL, ALL}, {YES, NO, NO, NO}},
	{"contact", {COUNT, ALL, COUNT, OWN}, {NO, YES, NO, FILE_OWN}},
	{"action", {NONE, ALL, NONE, NONE}, {NO, YES, NO, NO}},
	{"training", {ALL, ALL, ALL, NONE}, {YES, NO, NO, NO}},
	{"user", {ALL, NONE, NONE, NONE}, {YES, NO, NO, NO}},
	{"setting", {ALL, ALL, ALL, ALL}, {YES, NO, NO, NO}},
	{"training_need", {ALL, ALL, ALL, ALL}, {YES, NO, NO, NO}},
	{"request", {ALL, ALL, NONE, NONE}, {YES, NO, NO, NO}},
	{"post", {ALL, ALL, NONE, NONE}, {YES, NO, NO, NO}},
	{"signoff", {ALL, ALL, ALL, ALL}, {YES, NO, NO, NO}},
	{"objection", {ALL, ALL, NONE, NONE}, {YES, NO, NO, NO}},
};

#define MATRIX_SIZE (sizeof matrix / sizeof matrix[0])

/* One record of each register to read, change and delete. */
struct samples {
	char *id[MATRIX_SIZE];
	char *own_contact; /* filed by staff */
};

static size_t row_of(const char *type)
{
	for (size_t i = 0; i < MATRIX_SIZE; i++)
		if (strcmp(matrix[i].type, type) == 0)
			return i;
	fail_msg("%s is not in the expected matrix", type);
	return 0;
}

static struct smreg *as(struct fixture *f, int role)
{
	struct smreg *const handles[ROLES] = {f->admin, f->dsl, f->governor, f->staff};

	return handles[role];
}

static void make_samples(struct fixture *f, struct samples *s)
{
	char action_contact[64];
	struct error err;

	memset(s, 0, sizeof *s);
	s->id[row_of("school")] = fx_add(f->admin, "school", "name=Second School", "code=SS2", NULL);
	s->id[row_of("person")] = fx_add(f->admin, "person", "name=Pat Person",
					 "school=Test School", NULL);
	s->id[row_of("channel")] = fx_add(f->admin, "channel", "school=Test School",
					  "platform=facebook", "account=school",
					  "opened_on=2026-01-05", NULL);
	s->id[row_of("authorisation")] = fx_add(f->admin, "authorisation", "person=Pat Person",
						"channel=facebook:school", "kind=poster",
						"authorised_by=Dee Ess-Ell",
						"granted_on=2026-01-05", NULL);
	s->id[row_of("pupil")] = fx_add(f->admin, "pupil", "school=Test School", "name=Zoë Pupil",
					NULL);
	s->id[row_of("consent_use")] = fx_sql_text(f, "SELECT id FROM consent_use "
						      "WHERE code = 'displays'");
	s->id[row_of("consent")] = fx_add(f->admin, "consent", "pupil=Zoë Pupil",
					  "given_by=Ms Pupil", "received_on=2026-09-01",
					  "uses=social_media", NULL);
	s->id[row_of("takedown")] = fx_add(f->admin, "takedown", "pupil=Zoë Pupil",
					   "channel=facebook:school", NULL);
	s->id[row_of("policy")] = fx_add(f->admin, "policy", "title=Policy A",
					 "next_review_on=2027-06-01", NULL);
	s->id[row_of("review")] = fx_add(f->admin, "review", "policy=Policy A",
					 "reviewed_on=2026-06-01", NULL);
	s->id[row_of("contact")] = fx_add(f->dsl, "contact", "school=Test School",
					  "reported_by=Dee Ess-Ell", "pupil=Zoë Pupil",
					  "platform=instagram", "category=pupil_contact",
					  "summary=Direct message", NULL);
	snprintf(action_contact, sizeof action_contact, "contact=%s", s->id[row_of("contact")]);
	s->id[row_of("action")] = fx_add(f->dsl, "action", action_contact,
					 "note=Spoke to the pupil", NULL);
	s->id[row_of("training")] = fx_add(f->admin, "training", "person=Pat Person",
					   "kind=induction", "completed_on=2026-09-01", NULL);
	s->id[row_of("user")] = fx_add(f->admin, "user", "login=pat", "roles=staff",
				       "person=Pat Person", NULL);
	s->id[row_of("setting")] = fx_sql_text(f, "SELECT id FROM setting WHERE key = 'max_admins'");
	s->id[row_of("training_need")] = fx_sql_text(f, "SELECT id FROM training_need "
							"WHERE training = 'induction'");
	s->id[row_of("request")] = fx_add(f->admin, "request", "requester=Ms Pupil",
					  "pupil=Zoë Pupil", "received_on=2026-09-01", NULL);
	s->id[row_of("post")] = fx_add(f->admin, "post", "channel=facebook:school",
				       "url=https://example.org/p/1", NULL);
	s->id[row_of("signoff")] = fx_add(f->admin, "signoff", "channel=facebook:school",
					  "signed_by=Dee Ess-Ell", NULL);
	s->id[row_of("objection")] = fx_add(f->admin, "objection", "pupil=Zoë Pupil",
					    "given_by=Mr Pupil", "uses=press", NULL);
	/* Staff file a report of their own. */
	assert_int_equal(fx_try_add(f->staff, &err, "contact", "school=Test School",
				    "pupil_name=Li Lei", "platform=snapchat",
				    "category=friend_request", "summary=Friend request", NULL),
			 STATUS_OK);
	s->own_contact = fx_sql_text(f, "SELECT c.id FROM contact AS c JOIN person AS p "
					"ON p.id = c.reported_by WHERE p.name = 'Sam Staff'");
	for (size_t i = 0; i < MATRIX_SIZE; i++)
		assert_non_null(s->id[i]);
	assert_non_null(s->own_contact);
}

static void free_samples(struct samples *s)
{
	for (size_t i = 0; i < MATRIX_SIZE; i++)
		free(s->id[i]);
	free(s->own_contact);
}

static long audit_last(struct fixture *f)
{
	return fx_sql_long(f, "SELECT coalesce(max(seq), 0) FROM audit");
}

/* --- the matrix ------------------------------------------------------------------------------ */

static void matrix_names_every_register(void **state)
{
	size_t n;
	const struct record_type *const *types = record_types(&n);

	(void)state;
	assert_int_equal(n, MATRIX_SIZE);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(matrix[row_of(types[i]->name)].type, types[i]->name);
}

static void check_read(struct fixture *f, const struct samples *sm, size_t row, int role)
{
	const struct record_type *type = record_type_find(matrix[row].type);
	struct smreg *s = as(f, role);
	enum read expected = matrix[row].read[role];
	struct list_query q = list_query_default();
	struct record_page *page = NULL;
	struct record *r = NULL;
	struct error err;
	long count = -1;
	int rc;

	/* Listing. */
	rc = store_list(s, type, &q, 0, 1000, &page, &err);
	if (expected == ALL || expected == OWN) {
		if (rc != STATUS_OK)
			fail_msg("%s should list %s: %s", role_login[role], type->name, err.text);
		assert_true(page->count >= 1);
		for (size_t i = 0; i < page->count; i++)
			if (expected == OWN)
				assert_string_equal(page->rows[i]->id, sm->own_contact);
		record_page_free(&page);
	} else {
		if (rc != STATUS_DENIED)
			fail_msg("%s should not list %s (status %d)", role_login[role], type->name, rc);
		assert_null(page);
		assert_true(err.text[0] != '\0');
	}

	/* Getting one record. */
	rc = store_get(s, type, sm->id[row], &r, &err);
	if (expected == ALL) {
		if (rc != STATUS_OK)
			fail_msg("%s should read a %s: %s", role_login[role], type->name, err.text);
		assert_string_equal(r->id, sm->id[row]);
		record_free(&r);
	} else if (expected == OWN) {
		/* Someone else's report is not there for them. */
		assert_int_not_equal(rc, STATUS_OK);
		assert_null(r);
		assert_int_equal(store_get(s, type, sm->own_contact, &r, &err), STATUS_OK);
		assert_string_equal(r->id, sm->own_contact);
		record_free(&r);
	} else {
		if (rc != STATUS_DENIED)
			fail_msg("%s should not read a %s (status %d)", role_login[role], type->name, rc);
		assert_null(r);
	}

	/* Counting what they may list, and the register's size.  (Nothing of
	 * the samples has ended, so the current rows are all of them.) */
	rc = store_count(s, type, &q, &count, &err);
	if (expected == NONE || expected == COUNT) {
		if (rc != STATUS_DENIED)
			fail_msg("%s should not count %s rows (status %d)", role_login[role],
				 type->name, rc);
	} else {
		if (rc != STATUS_OK)
			fail_msg("%s should count %s rows: %s", role_login[role], type->name, err.text);
		assert_int_equal(count, expected == OWN ? 1 : fx_rows(f, type->name));
	}
	rc = store_total(s, type, false, &count, &err);
	if (expected == NONE) {
		if (rc != STATUS_DENIED)
			fail_msg("%s should not count %s (status %d)", role_login[role], type->name, rc);
	} else {
		if (rc != STATUS_OK)
			fail_msg("%s should count %s: %s", role_login[role], type->name, err.text);
		assert_int_equal(count, expected == OWN ? 1 : fx_rows(f, type->name));
	}
}

static void reading_follows_the_matrix(void **state)
{
	struct fixture *f = *state;
	struct samples sm;

	make_samples(f, &sm);
	for (size_t row = 0; row < MATRIX_SIZE; row++)
		for (int role = 0; role < ROLES; role++)
			check_read(f, &sm, row, role);
	free_samples(&sm);
}

/* Values for adding a record to each register, and for changing one. */
/* clang-format off */
static const struct {
	const char *type;
	const char *add[7];
	const char *set;
} writes[] = {
	{"school", {"name=Third School", "code=TS3"}, "urn=123456"},
	{"person", {"name=Nat New", "school=Test School"}, "job_title=Librarian"},
	{"channel", {"school=Test School", "platform=x", "account=newchannel",
		     "opened_on=2026-11-01"}, "purpose=News"},
	{"authorisation", {"person=Pat Person", "channel=facebook:school", "kind=moderator",
			   "authorised_by=Dee Ess-Ell"}, "review_on=2027-01-01"},
	{"pupil", {"school=Test School", "name=Ned New"}, "year_group=6"},
	{"consent_use", {"code=assembly", "label=Assemblies"}, "label=Assemblies and events"},
	{"consent", {"pupil=Zoë Pupil", "given_by=Mr Pupil", "received_on=2026-11-01",
		     "uses=social_media;website"}, "form_ref=Box 3"},
	{"takedown", {"pupil=Zoë Pupil", "channel=facebook:school"}, "note=asked the page admin"},
	{"policy", {"title=New policy", "next_review_on=2027-06-01"}, "version=2"},
	{"review", {"policy=Policy A", "reviewed_on=2026-11-20"}, "minute_ref=M12"},
	{"contact", {"school=Test School", "reported_by=Sam Staff", "pupil_name=Li Lei",
		     "platform=snapchat", "category=other", "summary=Said hello"},
	 "action_taken=Spoke to the pupil"},
	{"action", {"note=Phoned the parents"}, "note=Phoned both parents"},	/* + contact */
	{"training", {"person=Pat Person", "kind=cpd", "completed_on=2026-11-01"}, "notes=online"},
	{"user", {"login=newbie", "roles=staff"}, "roles=governor;staff"},
	{"setting", {"key=new_setting", "value=1", "label=Something new"}, "value=5"},
	{"training_need", {"training=cpd", "kinds=staff"}, "kinds=staff;volunteer"},
	{"request", {"requester=Mr Pupil", "pupil=Zoë Pupil", "received_on=2026-11-01"},
	 "handling=Sent a copy"},
	{"post", {"outlet=website", "url=https://example.org/news"}, "url=https://example.org/news/1"},
	{"signoff", {"channel=facebook:school", "signed_on=2026-11-01"}, "note=followers checked"},
	{"objection", {"pupil=Zoë Pupil", "given_by=Ms Pupil"}, "form_ref=Letter file"},
};
/* clang-format on */

static int add_record(struct smreg *s, const struct record_type *type, size_t w,
		      const char *contact, char **id, struct error *err)
{
	struct assignment a[8];
	char *copies[8];
	char contact_field[64];
	size_t n = 0;
	int rc;

	for (; writes[w].add[n] != NULL; n++) {
		copies[n] = strdup(writes[w].add[n]);
		assert_non_null(copies[n]);
		assert_int_equal(value_split_assignment(copies[n], &a[n]), 0);
	}
	if (strcmp(type->name, "action") == 0) {
		snprintf(contact_field, sizeof contact_field, "contact=%s", contact);
		copies[n] = strdup(contact_field);
		assert_non_null(copies[n]);
		assert_int_equal(value_split_assignment(copies[n], &a[n]), 0);
		n++;
	}
	rc = edit_add(s, type, a, n, id, err);
	for (size_t i = 0; i < n; i++)
		free(copies[i]);
	return rc;
}

static int set_record(struct smreg *s, const struct record_type *type, size_t w,
		      const char *ref, struct error *err)
{
	char *copy = strdup(writes[w].set);
	struct assignment a;
	int rc;

	assert_non_null(copy);
	assert_int_equal(value_split_assignment(copy, &a), 0);
	rc = edit_set(s, type, ref, &a, 1, 0, "checking the permissions", err);
	free(copy);
	return rc;
}

/* A refused write says why and leaves no trace. */
static void expect_denied(struct fixture *f, int rc, const struct error *err, int role,
			  const char *doing, const char *type, long audit_before)
{
	if (rc != STATUS_DENIED)
		fail_msg("%s should not %s %s (status %d: %s)", role_login[role], doing, type, rc,
			 err->text);
	assert_true(err->text[0] != '\0');
	assert_int_equal(audit_last(f), audit_before);
}

/*
 * Can a register the role may not read in full refer to type?  Then the
 * role may not delete one: the refusal where hidden records refer to it,
 * and the deletion where none do, would tell it those records exist.
 */
static bool hidden_referrer(const struct record_type *type, int role)
{
	for (size_t row = 0; row < MATRIX_SIZE; row++) {
		const struct record_type *t = record_type_find(matrix[row].type);

		if (matrix[row].read[role] == ALL)
			continue;
		for (size_t i = 0; i < t->field_count; i++)
			if (t->fields[i].type == FIELD_REF &&
			    strcmp(t->fields[i].target, type->name) == 0)
				return true;
	}
	return false;
}

static void check_write(struct fixture *f, const struct samples *sm, size_t row, int role)
{
	const struct record_type *type = record_type_find(matrix[row].type);
	struct smreg *s = as(f, role);
	enum write expected = matrix[row].write[role];
	const char *contact = sm->id[row_of("contact")];
	long before = audit_last(f);
	struct error err;
	char *id = NULL;
	size_t w;
	int rc;

	for (w = 0; strcmp(writes[w].type, type->name) != 0; w++)
		;
	rc = add_record(s, type, w, contact, &id, &err);
	if (expected == NO) {
		expect_denied(f, rc, &err, role, "add to", type->name, before);
		assert_null(id);
		rc = set_record(s, type, w, sm->id[row], &err);
		expect_denied(f, rc, &err, role, "change", type->name, before);
		if (type->end_field != NULL) {
			rc = edit_end(s, type, sm->id[row], "2026-11-21", NULL, "checking", &err);
			expect_denied(f, rc, &err, role, type->end_verb, type->name, before);
		}
		rc = edit_delete(s, type, sm->id[row], "checking", &err);
		expect_denied(f, rc, &err, role, "delete from", type->name, before);
		return;
	}
	if (type->flags & RECORD_FIXED_SET) {
		/* Settings are a fixed set: changed, never added or deleted. */
		assert_int_equal(rc, STATUS_INVALID);
		assert_int_equal(set_record(s, type, w, sm->id[row], &err), STATUS_OK);
		assert_int_equal(edit_delete(s, type, sm->id[row], NULL, &err), STATUS_INVALID);
		return;
	}
	if (rc != STATUS_OK)
		fail_msg("%s should add to %s: %s: %s", role_login[role], type->name, err.field,
			 err.text);
	assert_non_null(id);
	if (expected == FILE_OWN) {
		/* Filing is all: the report is the DSL's from then on. */
		before = audit_last(f);
		rc = set_record(s, type, w, id, &err);
		expect_denied(f, rc, &err, role, "change", type->name, before);
		rc = edit_end(s, type, id, "2026-11-21", "no further action", "checking", &err);
		expect_denied(f, rc, &err, role, type->end_verb, type->name, before);
		rc = edit_delete(s, type, id, "checking", &err);
		expect_denied(f, rc, &err, role, "delete from", type->name, before);
		free(id);
		return;
	}
	rc = set_record(s, type, w, id, &err);
	if (rc != STATUS_OK)
		fail_msg("%s should change %s: %s: %s", role_login[role], type->name, err.field,
			 err.text);
	if (type->end_field != NULL) {
		rc = edit_end(s, type, id, "2026-11-21", "no further action", "checking", &err);
		if (rc != STATUS_OK)
			fail_msg("%s should %s a %s: %s: %s", role_login[role], type->end_verb,
				 type->label, err.field, err.text);
	}
	before = audit_last(f);
	rc = edit_delete(s, type, id, "entered by mistake", &err);
	if (type->flags & RECORD_NEVER_DELETED) {
		/* Refused as a rule of the register, not as a permission. */
		assert_int_equal(rc, STATUS_INVALID);
	} else if (hidden_referrer(type, role)) {
		expect_denied(f, rc, &err, role, "delete", type->name, before);
		assert_non_null(strstr(err.text, "records you may not read"));
		/* Nor does the terminal UI offer it. */
		assert_false(edit_may_delete(s, type));
	} else if (rc != STATUS_OK) {
		fail_msg("%s should delete from %s: %s: %s", role_login[role], type->name,
			 err.field, err.text);
	} else {
		assert_true(edit_may_delete(s, type));
	}
	free(id);
}

static void writing_follows_the_matrix(void **state)
{
	struct fixture *f = *state;
	struct samples sm;

	make_samples(f, &sm);
	for (size_t row = 0; row < MATRIX_SIZE; row++)
		for (int role = 0; role < ROLES; role++)
			check_write(f, &sm, row, role);
	free_samples(&sm);
}

/* Roles add up: a member of staff who is also a governor reads both's. */
static void roles_combine(void **state)
{
	struct fixture *f = *state;
	struct smreg *s;
	long count;
	struct error err;
	struct list_query q = list_query_default();

	free(fx_add(f->admin, "user", "login=both", "roles=staff;governor", "person=Sam Staff",
		    NULL));
	s = fixture_open(f, "both", NULL);
	assert_int_equal(store_count(s, record_type_find("training"), &q, &count, &err),
			 STATUS_OK); /* as a governor */
	assert_int_equal(store_count(s, record_type_find("pupil"), &q, &count, &err),
			 STATUS_OK); /* as staff */
	assert_int_equal(store_count(s, record_type_find("consent"), &q, &count, &err),
			 STATUS_DENIED); /* as neither */
	smreg_close(&s);
}

/*
 * A business manager who also teaches may count every contact report but
 * read only their own: what they count among rows, as a filter on a
 * pupil's name, is only what they can list, or the count would tell them
 * about other people's reports.
 */
static void counts_are_of_what_can_be_listed(void **state)
{
	struct fixture *f = *state;
	struct list_query q = list_query_default();
	struct record_page *page = NULL;
	struct smreg *s;
	struct error err;
	long count;

	free(fx_add(f->dsl, "contact", "reported_by=Dee Ess-Ell", "pupil_name=Zoë Other",
		    "platform=instagram", "category=pupil_contact", "summary=Their report", NULL));
	free(fx_add(f->admin, "user", "login=bm", "roles=admin;staff", "person=Sam Staff", NULL));
	s = fixture_open(f, "bm", NULL);
	free(fx_add(s, "contact", "pupil_name=Zoë Own", "platform=snapchat",
		    "category=friend_request", "summary=My report", NULL));
	q.filter = "Zoë";
	assert_int_equal(store_count(s, record_type_find("contact"), &q, &count, &err), STATUS_OK);
	assert_int_equal(count, 1);
	assert_int_equal(store_list(s, record_type_find("contact"), &q, 0, 10, &page, &err),
			 STATUS_OK);
	assert_int_equal(page->count, 1);
	record_page_free(&page);
	q.filter = "Other";
	assert_int_equal(store_count(s, record_type_find("contact"), &q, &count, &err), STATUS_OK);
	assert_int_equal(count, 0);
	/* The register's size is theirs to know, as an admin. */
	assert_int_equal(store_total(s, record_type_find("contact"), false, &count, &err),
			 STATUS_OK);
	assert_int_equal(count, 2);
	smreg_close(&s);
}

/* --- contact reports filed by staff ------------------------------------------------------------ */

static void staff_file_contact_reports_as_themselves(void **state)
{
	struct fixture *f = *state;
	struct error err;
	char *sam = fx_sql_text(f, "SELECT id FROM person WHERE name = 'Sam Staff'");
	char *filed;
	long before = fx_sql_long(f, "SELECT count(*) FROM contact");

	/* Without reported_by: filed as their own person. */
	assert_int_equal(fx_try_add(f->staff, &err, "contact", "pupil_name=Li Lei",
				    "platform=snapchat", "category=friend_request",
				    "summary=Friend request", NULL),
			 STATUS_OK);
	filed = fx_sql_text(f, "SELECT reported_by FROM contact");
	assert_string_equal(filed, sam);
	free(filed);
	/* Naming themselves is the same. */
	assert_int_equal(fx_try_add(f->staff, &err, "contact", "reported_by=Sam Staff",
				    "pupil_name=Li Lei", "platform=snapchat", "category=other",
				    "summary=Second message", NULL),
			 STATUS_OK);
	assert_int_equal(fx_sql_long(f, "SELECT count(*) FROM contact"), before + 2);

	/* Filing as someone else is refused. */
	assert_int_equal(fx_try_add(f->staff, &err, "contact", "reported_by=Dee Ess-Ell",
				    "pupil_name=Li Lei", "platform=snapchat", "category=other",
				    "summary=As the DSL", NULL),
			 STATUS_DENIED);
	assert_string_equal(err.field, "reported_by");

	/* The DSL's fields are the DSL's. */
	assert_int_equal(fx_try_add(f->staff, &err, "contact", "pupil_name=Li Lei",
				    "platform=snapchat", "category=other", "summary=Closed already",
				    "status=closed", "closed_on=2026-11-21",
				    "rationale=nothing to see", NULL),
			 STATUS_DENIED);
	assert_true(strcmp(err.field, "status") == 0 || strcmp(err.field, "closed_on") == 0 ||
		    strcmp(err.field, "rationale") == 0);
	{
		static const char *const managed[] = {
			"dsl=Dee Ess-Ell",
			"status=monitoring",
			"action_taken=none",
			"parent_informed=yes",
			"referred_to=police",
			"rationale=because",
			"closed_on=2026-11-21",
		};

		for (size_t i = 0; i < sizeof managed / sizeof managed[0]; i++) {
			char field[32];

			snprintf(field, sizeof field, "%.*s", (int)strcspn(managed[i], "="), managed[i]);
			assert_int_equal(fx_try_add(f->staff, &err, "contact", "pupil_name=Li Lei",
						    "platform=snapchat", "category=other",
						    "summary=Trying a managed field", managed[i], NULL),
					 STATUS_DENIED);
			assert_string_equal(err.field, field);
		}
	}
	assert_int_equal(fx_sql_long(f, "SELECT count(*) FROM contact"), before + 2);
	free(sam);
}

static void staff_without_a_person_are_told_to_ask_an_admin(void **state)
{
	struct fixture *f = *state;
	struct smreg *s;
	struct error err;

	free(fx_add(f->admin, "user", "login=nobody", "roles=staff", NULL));
	s = fixture_open(f, "nobody", NULL);
	assert_int_equal(fx_try_add(s, &err, "contact", "pupil_name=Li Lei", "platform=snapchat",
				    "category=other", "summary=Hello", NULL),
			 STATUS_DENIED);
	if (strstr(err.text, "ask an admin") == NULL)
		fail_msg("the refusal does not say to ask an admin: %s", err.text);
	assert_non_null(strstr(err.text, "nobody"));
	assert_int_equal(fx_sql_long(f, "SELECT count(*) FROM contact"), 0);
	smreg_close(&s);
}

/* --- users ---------------------------------------------------------------------------------------- */

static void only_admins_manage_users(void **state)
{
	struct fixture *f = *state;
	struct error err;
	int roles[] = {DSL, GOVERNOR, STAFF};

	for (size_t i = 0; i < sizeof roles / sizeof roles[0]; i++) {
		struct smreg *s = as(f, roles[i]);

		assert_int_equal(fx_try_add(s, &err, "user", "login=intruder", "roles=admin", NULL),
				 STATUS_DENIED);
		/* Not even their own roles. */
		assert_int_equal(fx_try_set(s, &err, "user", role_login[roles[i]], NULL,
					    "roles=admin", NULL),
				 STATUS_DENIED);
	}
	assert_int_equal(fx_sql_long(f, "SELECT count(*) FROM user WHERE login = 'intruder' "
					"OR (login <> 'admin' AND roles LIKE '%admin%')"),
			 0);
	assert_int_equal(fx_try_add(f->admin, &err, "user", "login=newcomer", "roles=dsl", NULL),
			 STATUS_OK);
	fx_set(f->admin, "user", "newcomer", NULL, "roles=dsl;staff", NULL);
	assert_int_equal(fx_sql_long(f, "SELECT count(*) FROM user WHERE login = 'newcomer' "
					"AND roles = 'dsl;staff'"),
			 1);
}

static void a_stranger_is_refused_and_told_whom_to_ask(void **state)
{
	struct fixture *f = *state;
	struct smreg_options o = {.path = f->path, .login = "stranger", .need_user = true, .today = FIXTURE_TODAY};
	struct smreg *s = NULL;
	struct error err;
	struct list_query q = list_query_default();
	long count;

	free(fx_add(f->admin, "user", "login=bursar", "roles=admin;staff", NULL));
	free(fx_add(f->admin, "user", "login=oldboss", "roles=admin",
		    "disabled_on=2026-01-01", NULL));
	assert_int_equal(smreg_open(&o, &s, &err), STATUS_DENIED);
	assert_null(s);
	assert_non_null(strstr(err.text, "stranger"));
	assert_non_null(strstr(err.text, "admin"));
	assert_non_null(strstr(err.text, "bursar"));
	assert_null(strstr(err.text, "oldboss"));
	assert_null(strstr(err.text, "governor"));

	/* Opened without need_user, a stranger may do nothing at all. */
	o.need_user = false;
	assert_int_equal(smreg_open(&o, &s, &err), STATUS_OK);
	assert_int_equal(smreg_roles(s), 0);
	assert_int_equal(store_count(s, record_type_find("school"), &q, &count, &err),
			 STATUS_DENIED);
	assert_int_equal(fx_try_add(s, &err, "school", "name=Stranger School", NULL),
			 STATUS_DENIED);
	assert_int_equal(smreg_require_user(s, &err), STATUS_DENIED);
	smreg_close(&s);
}

/* A date, as ISO text, days from the real today. */
static void real_day(long days, char *out)
{
	date_to_iso(date_from_days(date_to_days(date_today_local()) + days), out);
}

/* Who may act goes by the real day: the fixture's fixed today, a what-if,
 * neither brings a disabled user back nor shuts one out early. */
static void a_disabled_user_is_refused(void **state)
{
	struct fixture *f = *state;
	struct smreg_options o = {.path = f->path, .need_user = true, .today = FIXTURE_TODAY};
	struct smreg *s = NULL;
	struct error err;
	char yesterday[DATE_ISO_SIZE];
	char tomorrow[DATE_ISO_SIZE];
	char *gone;
	char *going;

	real_day(-1, yesterday);
	real_day(1, tomorrow);
	gone = text_format("disabled_on=%s", yesterday);
	going = text_format("disabled_on=%s", tomorrow);
	free(fx_add(f->admin, "user", "login=gone", "roles=staff", gone, NULL));
	free(fx_add(f->admin, "user", "login=going", "roles=staff", going, NULL));
	free(gone);
	free(going);
	o.login = "gone";
	o.today = "2020-01-01";
	assert_int_equal(smreg_open(&o, &s, &err), STATUS_DENIED);
	assert_null(s);
	assert_non_null(strstr(err.text, "disabled"));
	/* Disabled from tomorrow: still a user today, whatever the what-if. */
	o.login = "going";
	o.today = "2099-12-31";
	assert_int_equal(smreg_open(&o, &s, &err), STATUS_OK);
	assert_int_equal(smreg_roles(s), ROLE_STAFF);
	smreg_close(&s);

	/* Disabling the staff user shuts them out from then on. */
	assert_int_equal(edit_end(f->admin, record_type_find("user"), "staff", "2026-11-21", NULL,
				  NULL, &err),
			 STATUS_OK);
	o.login = "staff";
	o.today = FIXTURE_TODAY;
	assert_int_equal(smreg_open(&o, &s, &err), STATUS_DENIED);
	assert_non_null(strstr(err.text, "disabled"));
	assert_null(s);
}

/* The matrix's word for what roles may do with a register. */
static const char *matrix_word(unsigned roles, const struct record_type *type)
{
	unsigned a = access_of(roles, type);

	if (a & CAN_WRITE)
		return "write";
	if (a & CAN_READ)
		return "read";
	if (a & CAN_READ_OWN)
		return "own";
	if (a & CAN_COUNT)
		return "count";
	return "\\-";
}

/*
 * The manual's table "In full" (ROLES AND PERMISSIONS) is the matrix
 * access.c enforces, row by row: the manual is held to the code.
 */
static void the_manual_shows_the_matrix_access_enforces(void **state)
{
	static const unsigned columns[] = {ROLE_ADMIN, ROLE_DSL, ROLE_GOVERNOR, ROLE_STAFF};
	FILE *man = fopen("man/smreg.1", "r");
	char line[256];
	bool in_table = false;
	size_t rows = 0;
	size_t n;

	(void)state;
	record_types(&n);
	assert_non_null(man);
	while (fgets(line, sizeof line, man) != NULL) {
		char name[64];
		char word[4][16];
		const struct record_type *type;

		if (strncmp(line, "register        admin", 21) == 0) {
			in_table = true;
			continue;
		}
		if (!in_table)
			continue;
		if (strncmp(line, ".EE", 3) == 0)
			break;
		assert_int_equal(sscanf(line, "%63s %15s %15s %15s %15s", name, word[0], word[1],
					word[2], word[3]),
				 5);
		type = record_type_find(name);
		if (type == NULL)
			fail_msg("the manual's matrix names %s, which is no register", name);
		for (int r = 0; r < 4; r++)
			if (strcmp(word[r], matrix_word(columns[r], type)) != 0)
				fail_msg("the manual says %s for column %d of %s; smreg enforces %s",
					 word[r], r + 1, name, matrix_word(columns[r], type));
		rows++;
	}
	fclose(man);
	assert_int_equal(rows, n);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, fixture_setup, fixture_teardown)
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(matrix_names_every_register),
		cmocka_unit_test(the_manual_shows_the_matrix_access_enforces),
		T(reading_follows_the_matrix),
		T(writing_follows_the_matrix),
		T(roles_combine),
		T(counts_are_of_what_can_be_listed),
		T(staff_file_contact_reports_as_themselves),
		T(staff_without_a_person_are_told_to_ask_an_admin),
		T(only_admins_manage_users),
		T(a_stranger_is_refused_and_told_whom_to_ask),
		T(a_disabled_user_is_refused),
	};
#undef T

	return cmocka_run_group_tests(tests, NULL, NULL);
}
