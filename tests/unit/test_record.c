/* The record descriptors (core/record.h) held against the schema they describe. */
#include "fixture.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/access.h"
#include "core/record.h"
#include "core/role.h"
#include "core/value.h"

#define MAX_COLUMNS 40
#define MAX_CHOICES 16

struct column {
	char name[64];
	char type[16];
	int not_null;
};

/* --- a read-only look at the register, outside smreg ----------------------- */

static sqlite3 *open_raw(struct fixture *f)
{
	sqlite3 *db = NULL;

	if (sqlite3_open_v2(f->path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		fail_msg("cannot open %s: %s", f->path, sqlite3_errmsg(db));
	return db;
}

static sqlite3_stmt *prepare(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *stmt = NULL;

	if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db));
	return stmt;
}

/* The columns of table, in order; fails the test when there is no such table. */
static int table_columns(sqlite3 *db, const char *table, struct column *cols)
{
	sqlite3_stmt *stmt = prepare(db, "SELECT name, type, \"notnull\" FROM pragma_table_info(?)");
	int n = 0;

	sqlite3_bind_text(stmt, 1, table, -1, SQLITE_STATIC);
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		assert_true(n < MAX_COLUMNS);
		snprintf(cols[n].name, sizeof cols[n].name, "%s", sqlite3_column_text(stmt, 0));
		snprintf(cols[n].type, sizeof cols[n].type, "%s", sqlite3_column_text(stmt, 1));
		cols[n].not_null = sqlite3_column_int(stmt, 2);
		n++;
	}
	sqlite3_finalize(stmt);
	if (n == 0)
		fail_msg("register %s has no table in the schema", table);
	return n;
}

static const struct column *column_find(const struct column *cols, int n, const char *name)
{
	for (int i = 0; i < n; i++)
		if (strcmp(cols[i].name, name) == 0)
			return &cols[i];
	return NULL;
}

/* The text of one value a query with one text parameter returns; the caller frees it. */
static char *query_text(sqlite3 *db, const char *sql, const char *param)
{
	sqlite3_stmt *stmt = prepare(db, sql);
	char *value = NULL;

	sqlite3_bind_text(stmt, 1, param, -1, SQLITE_STATIC);
	if (sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_text(stmt, 0) != NULL)
		value = strdup((const char *)sqlite3_column_text(stmt, 0));
	sqlite3_finalize(stmt);
	return value;
}

/* Run sql over every row (binding :today), failing on any error; returns the rows. */
static long run_all(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *stmt = prepare(db, sql);
	int i = sqlite3_bind_parameter_index(stmt, ":today");
	long rows = 0;
	int rc;

	if (i > 0)
		sqlite3_bind_text(stmt, i, FIXTURE_TODAY, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		rows++;
	if (rc != SQLITE_DONE)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db));
	sqlite3_finalize(stmt);
	return rows;
}

static long count_where(sqlite3 *db, const char *table, const char *fragment_sql)
{
	char *where = record_sql(fragment_sql, "x");
	char *sql;
	sqlite3_stmt *stmt;
	long n;

	assert_non_null(where);
	sql = sqlite3_mprintf("SELECT count(*) FROM \"%w\" AS x WHERE %s", table, where);
	stmt = prepare(db, sql);
	if (sqlite3_bind_parameter_index(stmt, ":today") > 0)
		sqlite3_bind_text(stmt, sqlite3_bind_parameter_index(stmt, ":today"), FIXTURE_TODAY,
				  -1, SQLITE_STATIC);
	if (sqlite3_step(stmt) != SQLITE_ROW)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db));
	n = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	sqlite3_free(sql);
	free(where);
	return n;
}

/* --- setup: a register with a record in every register -------------------- */

static int setup(void **state)
{
	struct fixture *f;
	char *contact;
	char contact_ref[64];

	if (fixture_setup(state) != 0)
		return -1;
	f = *state;
	free(fx_add(f->admin, "school", "name=Second School", "code=SEC", "urn=123456", NULL));
	free(fx_add(f->admin, "person", "name=Hilda Head", "job_title=Head teacher",
		    "school=Test School", "email=head@example.org", "started_on=1/9/2020", NULL));
	free(fx_add(f->admin, "channel", "school=Test School", "platform=facebook",
		    "account=TestSchool", "audience=public", "approved_by=Hilda Head", NULL));
	free(fx_add(f->admin, "authorisation", "person=Sam Staff", "channel=facebook:TestSchool",
		    "kind=poster", "authorised_by=Hilda Head", NULL));
	free(fx_add(f->admin, "pupil", "school=Test School", "name=Zoë", "year_group=3",
		    "mis_id=1001", NULL));
	free(fx_add(f->admin, "consent", "pupil=Zoë", "given_by=A Parent",
		    "uses=social_media;website", NULL));
	free(fx_add(f->admin, "takedown", "pupil=Zoë", "channel=facebook:TestSchool", NULL));
	/* The takedown above makes may I post say no: recorded anyway. */
	free(fx_add(f->admin, "post", "channel=facebook:TestSchool", "pupils=Zoë",
		    "url=https://example.org/p/1", "override=posted before the takedown", NULL));
	free(fx_add(f->admin, "signoff", "channel=facebook:TestSchool", "note=all well", NULL));
	free(fx_add(f->admin, "objection", "pupil=Zoë", "given_by=A Parent", "uses=press", NULL));
	free(fx_add(f->admin, "policy", "title=Social media policy", "next_review_on=+1y", NULL));
	free(fx_add(f->admin, "review", "policy=Social media policy", NULL));
	free(fx_add(f->admin, "training", "person=Sam Staff", "kind=induction", NULL));
	free(fx_add(f->admin, "user", "login=everyone", "roles=staff;governor;dsl;admin", NULL));
	contact = fx_add(f->dsl, "contact", "school=Test School", "reported_by=Sam Staff", "pupil=Zoë",
			 "platform=instagram", "category=pupil_contact", "summary=A message", NULL);
	snprintf(contact_ref, sizeof contact_ref, "contact=%s", contact);
	free(fx_add(f->dsl, "action", contact_ref, "note=Spoke to the pupil", NULL));
	free(fx_add(f->admin, "request", "requester=A Parent", "pupil=Zoë", NULL));
	free(contact);
	return 0;
}

static const struct record_type *const *all(size_t *count)
{
	const struct record_type *const *types = record_types(count);

	assert_non_null(types);
	assert_true(*count > 0);
	return types;
}

/* --- the tests ------------------------------------------------------------- */

static void registers_and_fields_are_found_by_name(void **state)
{
	size_t count;
	const struct record_type *const *types = all(&count);
	static const char *const expected[] = {
		"school",
		"person",
		"channel",
		"authorisation",
		"pupil",
		"consent_use",
		"consent",
		"takedown",
		"policy",
		"review",
		"contact",
		"action",
		"training",
		"user",
		"setting",
		"training_need",
		"request",
		"post",
		"signoff",
		"objection",
	};

	(void)state;
	assert_int_equal(count, sizeof expected / sizeof expected[0]);
	for (size_t i = 0; i < sizeof expected / sizeof expected[0]; i++)
		assert_non_null(record_type_find(expected[i]));
	for (size_t i = 0; i < count; i++) {
		const struct record_type *t = types[i];

		assert_ptr_equal(record_type_find(t->name), t);
		assert_non_null(t->label);
		assert_non_null(t->plural);
		assert_true(t->field_count > 0);
		for (size_t j = 0; j < t->field_count; j++) {
			assert_int_equal(record_field_index(t, t->fields[j].name), (int)j);
			assert_ptr_equal(record_field_find(t, t->fields[j].name), &t->fields[j]);
			assert_non_null(t->fields[j].label);
			/* A record screen gives a label 17 columns (tui/detail.c). */
			if (strlen(t->fields[j].label) > 17)
				fail_msg("%s.%s: \"%s\" is cut on a record screen", t->name,
					 t->fields[j].name, t->fields[j].label);
			/* A field name appears once. */
			for (size_t k = 0; k < j; k++)
				assert_string_not_equal(t->fields[j].name, t->fields[k].name);
		}
		assert_int_equal(record_field_index(t, "no_such_field"), -1);
		assert_null(record_field_find(t, "no_such_field"));
		assert_null(record_field_find(t, "id"));
	}
	assert_null(record_type_find("pupils"));
	assert_null(record_type_find(""));
	assert_null(record_type_find("audit"));
}

/* Tables that are not registers: the audit trail, which nobody writes through the descriptors;
 * the statutory policy pack, a copy of the list built into smreg (core/pack.h); and
 * retention's legal holds and disposal log (core/retention.h). */
static bool is_bookkeeping(const char *table)
{
	return strcmp(table, "audit") == 0 || strncmp(table, "sqlite_", 7) == 0 ||
	       strncmp(table, "statutory_", 10) == 0 || strcmp(table, "legal_hold") == 0 ||
	       strcmp(table, "disposal") == 0 ||
	       /* An index kept by triggers (schema 014): posts by pupil. */
	       strcmp(table, "post_pupil_link") == 0 ||
	       /* The filter's index (schema 021, search.c): the search texts,
	        * the audit row they are up to, the FTS5 table and its own. */
	       strcmp(table, "search") == 0 || strncmp(table, "search_", 7) == 0 ||
	       /* The due views' rows, kept between runs (schema 020). */
	       strncmp(table, "due_cache", 9) == 0 ||
	       /* A report's title kept for sorting by it (schema 022). */
	       strcmp(table, "contact_title") == 0;
}

static void every_table_is_a_register(void **state)
{
	struct fixture *f = *state;
	sqlite3 *db = open_raw(f);
	sqlite3_stmt *stmt = prepare(db, "SELECT name FROM sqlite_schema WHERE type = 'table' "
					 "ORDER BY name");
	int tables = 0;
	size_t count;

	all(&count);
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(stmt, 0);

		if (is_bookkeeping(name))
			continue;
		if (record_type_find(name) == NULL)
			fail_msg("table %s has no record type in record.c", name);
		tables++;
	}
	sqlite3_finalize(stmt);
	assert_int_equal(tables, (int)count);
	sqlite3_close(db);
}

/* Call check(type, field, column) for every field of every register with
 * its column in the table; a field without a column fails.  check may be
 * NULL, for that alone. */
static void each_field_column(struct fixture *f, void (*check)(const struct record_type *t,
							       const struct field *fd,
							       const struct column *c))
{
	sqlite3 *db = open_raw(f);
	size_t count;
	const struct record_type *const *types = all(&count);

	for (size_t i = 0; i < count; i++) {
		struct column cols[MAX_COLUMNS];
		int n = table_columns(db, types[i]->name, cols);

		for (size_t j = 0; j < types[i]->field_count; j++) {
			const struct field *fd = &types[i]->fields[j];
			const struct column *c = column_find(cols, n, fd->name);

			if (c == NULL)
				fail_msg("%s.%s is described but not a column of table %s",
					 types[i]->name, fd->name, types[i]->name);
			if (check != NULL)
				check(types[i], fd, c);
		}
	}
	sqlite3_close(db);
}

static void every_field_is_a_column_of_its_table(void **state)
{
	each_field_column(*state, NULL);
}

static void every_column_has_a_field(void **state)
{
	struct fixture *f = *state;
	sqlite3 *db = open_raw(f);
	size_t count;
	const struct record_type *const *types = all(&count);

	for (size_t i = 0; i < count; i++) {
		struct column cols[MAX_COLUMNS];
		int n = table_columns(db, types[i]->name, cols);

		assert_non_null(column_find(cols, n, "id"));
		assert_non_null(column_find(cols, n, "row_version"));
		for (int c = 0; c < n; c++) {
			if (strcmp(cols[c].name, "id") == 0 || strcmp(cols[c].name, "row_version") == 0)
				continue;
			if (record_field_find(types[i], cols[c].name) == NULL)
				fail_msg("column %s.%s has no field in record.c", types[i]->name,
					 cols[c].name);
		}
	}
	sqlite3_close(db);
}

/* What the table stores a field's canonical value as (see bind_value in edit.c). */
static const char *storage_of(const struct field *field)
{
	return field->type == FIELD_YES_NO || field->type == FIELD_INTEGER ? "INTEGER" : "TEXT";
}

static void check_column_type(const struct record_type *t, const struct field *fd,
			      const struct column *c)
{
	if (strcmp(c->type, storage_of(fd)) != 0)
		fail_msg("%s.%s is %s in the table but its field stores %s",
			 t->name, fd->name, c->type, storage_of(fd));
}

static void column_types_match_field_types(void **state)
{
	each_field_column(*state, check_column_type);
}

static void check_not_null(const struct record_type *t, const struct field *fd,
			   const struct column *c)
{
	if ((fd->flags & FIELD_REQUIRED) && !c->not_null)
		fail_msg("%s.%s is required but the table allows NULL", t->name, fd->name);
	if (c->not_null && !(fd->flags & FIELD_REQUIRED) && fd->initial == NULL)
		fail_msg("%s.%s is NOT NULL but neither required nor given an initial value",
			 t->name, fd->name);
}

static void required_fields_are_not_null_and_back(void **state)
{
	each_field_column(*state, check_not_null);
}

static void initial_values_are_valid(void **state)
{
	struct fixture *f = *state;
	size_t count;
	const struct record_type *const *types = all(&count);

	for (size_t i = 0; i < count; i++) {
		for (size_t j = 0; j < types[i]->field_count; j++) {
			const struct field *fd = &types[i]->fields[j];
			char *value = NULL;
			struct error err;

			if (fd->initial == NULL)
				continue;
			if (value_parse(f->admin, fd, fd->initial, &value, &err) != STATUS_OK)
				fail_msg("%s.%s: initial \"%s\" is refused: %s", types[i]->name,
					 fd->name, fd->initial, err.text);
			assert_non_null(value);
			free(value);
		}
	}
}

/* The foreign key of table from column `from`; *to_table and *to_column the caller's. */
static bool foreign_key(sqlite3 *db, const char *table, const char *from, char **to_table,
			char **to_column)
{
	sqlite3_stmt *stmt = prepare(db, "SELECT \"table\", \"to\" FROM pragma_foreign_key_list(?) "
					 "WHERE \"from\" = ?");
	bool found = false;

	sqlite3_bind_text(stmt, 1, table, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, from, -1, SQLITE_STATIC);
	if (sqlite3_step(stmt) == SQLITE_ROW) {
		*to_table = strdup((const char *)sqlite3_column_text(stmt, 0));
		*to_column = sqlite3_column_text(stmt, 1)
				     ? strdup((const char *)sqlite3_column_text(stmt, 1))
				     : NULL;
		found = true;
	}
	sqlite3_finalize(stmt);
	return found;
}

static void references_are_foreign_keys(void **state)
{
	struct fixture *f = *state;
	sqlite3 *db = open_raw(f);
	size_t count;
	const struct record_type *const *types = all(&count);

	for (size_t i = 0; i < count; i++) {
		for (size_t j = 0; j < types[i]->field_count; j++) {
			const struct field *fd = &types[i]->fields[j];
			char *to_table = NULL;
			char *to_column = NULL;

			if (fd->type != FIELD_REF) {
				if (foreign_key(db, types[i]->name, fd->name, &to_table, &to_column))
					fail_msg("%s.%s has a foreign key to %s but is not a reference",
						 types[i]->name, fd->name, to_table);
				continue;
			}
			assert_non_null(fd->target);
			assert_non_null(record_type_find(fd->target));
			if (!foreign_key(db, types[i]->name, fd->name, &to_table, &to_column))
				fail_msg("%s.%s refers to %s but has no foreign key", types[i]->name,
					 fd->name, fd->target);
			assert_string_equal(to_table, fd->target);
			/* REFERENCES t without a column means its primary key, id. */
			assert_string_equal(to_column ? to_column : "id", record_ref_key(fd));
			free(to_table);
			free(to_column);
		}
	}
	sqlite3_close(db);
}

/*
 * The quoted values of the first "(<column> IN (" or "<column>.value NOT IN ("
 * list in sql, into values (at most MAX_CHOICES); returns how many, or -1
 * when there is no such list.
 */
static int listed_values(const char *sql, const char *pattern, char values[][64])
{
	const char *p = strstr(sql, pattern);
	int n = 0;

	if (p == NULL)
		return -1;
	p += strlen(pattern);
	while (*p != ')' && *p != '\0') {
		const char *end;

		if (*p != '\'') {
			p++;
			continue;
		}
		end = strchr(p + 1, '\'');
		assert_non_null(end);
		assert_true(n < MAX_CHOICES);
		snprintf(values[n], 64, "%.*s", (int)(end - p - 1), p + 1);
		n++;
		p = end + 1;
	}
	return n;
}

static bool among(const char *const *choices, const char *value)
{
	for (int i = 0; choices[i] != NULL; i++)
		if (strcmp(choices[i], value) == 0)
			return true;
	return false;
}

/* The list the schema checks equals the field's choices, as sets. */
static void same_choices(const char *where, const struct field *fd, char values[][64], int n)
{
	int expected = 0;

	while (fd->choices[expected] != NULL)
		expected++;
	for (int k = 0; k < n; k++)
		if (!among(fd->choices, values[k]))
			fail_msg("%s accepts \"%s\", which %s does not offer", where, values[k], fd->name);
	for (int k = 0; k < expected; k++) {
		bool found = false;

		for (int m = 0; m < n; m++)
			found = found || strcmp(values[m], fd->choices[k]) == 0;
		if (!found)
			fail_msg("%s offers \"%s\", which %s does not accept", fd->name,
				 fd->choices[k], where);
	}
	assert_int_equal(n, expected);
}

static char *table_sql(sqlite3 *db, const char *type, const char *name)
{
	char *sql = sqlite3_mprintf("SELECT sql FROM sqlite_schema WHERE type = '%q' AND name = ?",
				    type);
	char *text = query_text(db, sql, name);

	sqlite3_free(sql);
	if (text == NULL)
		fail_msg("no %s %s in sqlite_schema", type, name);
	return text;
}

/* A copy of one table (its constraints, no triggers) in memory, holding one row of the register's. */
static sqlite3 *copy_table(struct fixture *f, sqlite3 *raw, const char *table)
{
	char *create = table_sql(raw, "table", table);
	sqlite3 *mem = NULL;
	char *sql;
	int rc;

	assert_int_equal(sqlite3_open_v2(":memory:", &mem,
					 SQLITE_OPEN_READWRITE | SQLITE_OPEN_URI, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_exec(mem, create, NULL, NULL, NULL), SQLITE_OK);
	sql = sqlite3_mprintf("ATTACH DATABASE 'file:%q?mode=ro' AS reg;"
			      "INSERT INTO main.\"%w\" SELECT * FROM reg.\"%w\" LIMIT 1;"
			      "DETACH DATABASE reg;",
			      f->path, table, table);
	rc = sqlite3_exec(mem, sql, NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		fail_msg("copying a row of %s: %s", table, sqlite3_errmsg(mem));
	assert_int_equal(sqlite3_changes(mem), 1);
	sqlite3_free(sql);
	free(create);
	return mem;
}

/* Other columns a choice brings with it, so that only the choice is on trial. */
static const char *companions(const char *table, const char *column)
{
	if (strcmp(table, "contact") == 0 && strcmp(column, "status") == 0)
		return ", closed_on = CASE WHEN ?1 = 'closed' THEN reported_on END, rationale = 'why'";
	if (strcmp(table, "authorisation") == 0 && strcmp(column, "kind") == 0)
		return ", detail = 'what it allows'";
	/* A post is on a channel or an outlet. */
	if (strcmp(table, "post") == 0 && strcmp(column, "outlet") == 0)
		return ", channel = NULL";
	return "";
}

/* Set the copy's column to value: SQLITE_OK or the failure, with its message in *why. */
static int try_value(sqlite3 *mem, const char *table, const char *column, const char *value,
		     char *why, size_t len)
{
	char *sql = sqlite3_mprintf("UPDATE \"%w\" SET \"%w\" = ?1%s", table, column,
				    companions(table, column));
	sqlite3_stmt *stmt = prepare(mem, sql);
	int rc;

	sqlite3_bind_text(stmt, 1, value, -1, SQLITE_STATIC);
	rc = sqlite3_step(stmt);
	snprintf(why, len, "%s", sqlite3_errmsg(mem));
	sqlite3_finalize(stmt);
	sqlite3_free(sql);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static void check_choice_field(struct fixture *f, sqlite3 *raw, const struct record_type *t,
			       const struct field *fd)
{
	char *create = table_sql(raw, "table", t->name);
	char pattern[96];
	char values[MAX_CHOICES][64];
	char where[128];
	char why[512];
	char field_message[96];
	sqlite3 *mem;
	int n;

	/* Exactly the list the table checks... */
	snprintf(pattern, sizeof pattern, "(%s IN (", fd->name);
	n = listed_values(create, pattern, values);
	if (n < 0)
		fail_msg("table %s has no CHECK (%s IN (...)) for the choice field", t->name, fd->name);
	snprintf(where, sizeof where, "table %s", t->name);
	same_choices(where, fd, values, n);
	free(create);

	/* ...and what the table really does with each choice and with one made up. */
	mem = copy_table(f, raw, t->name);
	for (int k = 0; fd->choices[k] != NULL; k++)
		if (try_value(mem, t->name, fd->name, fd->choices[k], why, sizeof why) != SQLITE_OK)
			fail_msg("%s.%s = '%s' is refused: %s", t->name, fd->name, fd->choices[k], why);
	assert_int_equal(try_value(mem, t->name, fd->name, "made_up", why, sizeof why),
			 SQLITE_CONSTRAINT);
	snprintf(field_message, sizeof field_message, "CHECK constraint failed: %s:", fd->name);
	if (strstr(why, field_message) == NULL)
		fail_msg("%s.%s = 'made_up': expected \"%s ...\", got \"%s\"", t->name, fd->name,
			 field_message, why);
	/* Choices are stored as they are spelled: another case is another value. */
	assert_int_equal(try_value(mem, t->name, fd->name, "OTHER", why, sizeof why),
			 SQLITE_CONSTRAINT);
	sqlite3_close(mem);
}

static void choices_are_what_the_table_accepts(void **state)
{
	struct fixture *f = *state;
	sqlite3 *raw = open_raw(f);
	size_t count;
	const struct record_type *const *types = all(&count);
	int checked = 0;

	for (size_t i = 0; i < count; i++) {
		for (size_t j = 0; j < types[i]->field_count; j++) {
			const struct field *fd = &types[i]->fields[j];

			if (fd->type != FIELD_CHOICE)
				continue;
			assert_non_null(fd->choices);
			assert_non_null(fd->choices[0]);
			check_choice_field(f, raw, types[i], fd);
			checked++;
		}
	}
	/* person.kind, channel.audience, authorisation.kind, policy.status,
	 * contact.pupil_status, .category and .status, action.kind, training.kind,
	 * training_need.training, post.outlet, school.consent_model */
	assert_int_equal(checked, 12);
	sqlite3_close(raw);
}

/* Codes with fixed choices (a user's roles) are checked by the user register's trigger. */
static void roles_are_what_the_user_register_accepts(void **state)
{
	struct fixture *f = *state;
	sqlite3 *raw = open_raw(f);
	const struct record_type *user = record_type_find("user");
	const struct field *roles = record_field_find(user, "roles");
	char values[MAX_CHOICES][64];
	char *trigger;
	char *stored;
	int n;

	assert_int_equal(roles->type, FIELD_CODES);
	assert_non_null(roles->choices);
	trigger = table_sql(raw, "trigger", "user_roles_insert");
	n = listed_values(trigger, ".value NOT IN (", values);
	assert_true(n > 0);
	same_choices("trigger user_roles_insert", roles, values, n);
	free(trigger);
	trigger = table_sql(raw, "trigger", "user_roles_update");
	n = listed_values(trigger, ".value NOT IN (", values);
	same_choices("trigger user_roles_update", roles, values, n);
	free(trigger);
	/* The choices are role.h's roles, in order, each its own bit. */
	for (n = 0; roles->choices[n] != NULL; n++) {
		char name[32];

		assert_true(n < ROLE_COUNT);
		assert_int_equal(role_parse(roles->choices[n]), 1u << n);
		assert_string_equal(role_names(1u << n, name, sizeof name), roles->choices[n]);
	}
	assert_int_equal(n, ROLE_COUNT);
	assert_int_equal(role_parse("admin;dsl;governor;staff"),
			 ROLE_ADMIN | ROLE_DSL | ROLE_GOVERNOR | ROLE_STAFF);
	/* Every role together is stored, in order. */
	stored = fx_sql_text(f, "SELECT roles FROM user WHERE login = 'everyone'");
	assert_string_equal(stored, "admin;dsl;governor;staff");
	free(stored);
	sqlite3_close(raw);
}

static void sql_fragments_run_on_every_register(void **state)
{
	struct fixture *f = *state;
	sqlite3 *db = open_raw(f);
	size_t count;
	const struct record_type *const *types = all(&count);

	for (size_t i = 0; i < count; i++) {
		const struct record_type *t = types[i];
		char *fragment;
		char *sql;

		/* Every register holds a row, so that what follows means something. */
		if (count_where(db, t->name, "1") == 0)
			fail_msg("the setup left register %s empty", t->name);
		assert_non_null(t->title_sql);
		sql = sqlite3_mprintf("coalesce(%s, '') = ''", t->title_sql);
		if (count_where(db, t->name, sql) != 0)
			fail_msg("register %s: a row has no title (%s)", t->name, t->title_sql);
		sqlite3_free(sql);
		for (int m = 0; t->match_sql && t->match_sql[m]; m++) {
			sql = sqlite3_mprintf("%s = 'no such name'", t->match_sql[m]);
			assert_int_equal(count_where(db, t->name, sql), 0);
			sqlite3_free(sql);
		}
		if (t->ended_sql)
			count_where(db, t->name, t->ended_sql);
		assert_non_null(t->order_sql);
		fragment = record_sql(t->order_sql, "x");
		sql = sqlite3_mprintf("SELECT x.id FROM \"%w\" AS x ORDER BY %s", t->name, fragment);
		assert_true(run_all(db, sql) > 0);
		sqlite3_free(sql);
		free(fragment);
	}
	sqlite3_close(db);
}

static void end_and_owner_fields_are_fields(void **state)
{
	size_t count;
	const struct record_type *const *types = all(&count);

	(void)state;
	for (size_t i = 0; i < count; i++) {
		const struct record_type *t = types[i];

		if (t->end_field != NULL) {
			const struct field *end = record_field_find(t, t->end_field);

			assert_non_null(end);
			assert_int_equal(end->type, FIELD_DATE);
			assert_non_null(t->end_verb);
			assert_non_null(t->ended_sql);
		}
		if (t->end_note_field != NULL)
			assert_non_null(record_field_find(t, t->end_note_field));
		if (t->owner_field != NULL) {
			const struct field *owner = record_field_find(t, t->owner_field);

			assert_non_null(owner);
			assert_int_equal(owner->type, FIELD_REF);
			assert_string_equal(owner->target, "person");
		}
	}
}

/* What a descriptor says of other registers names real registers and fields:
 * a related register's field points back, a derived date is a date, a key
 * is a column, a leaver's follow-up needs a date it ended. */
static void relations_and_behaviour_name_real_fields(void **state)
{
	size_t count;
	const struct record_type *const *types = all(&count);

	(void)state;
	for (size_t i = 0; i < count; i++) {
		const struct record_type *t = types[i];

		for (const struct relation *rel = t->relations; rel && rel->type; rel++) {
			const struct record_type *child = record_type_find(rel->type);
			const struct field *back;

			assert_non_null(child);
			back = record_field_find(child, rel->field);
			assert_non_null(back);
			/* A reference, or a list of them (a post's pupils). */
			assert_true(back->type == FIELD_REF || back->type == FIELD_CODES);
			assert_string_equal(back->target, t->name);
			assert_string_equal(record_ref_key(back), "id");
			assert_non_null(rel->heading);
			assert_non_null(rel->new_label);
		}
		if (t->derived.field != NULL) {
			assert_int_equal(record_field_find(t, t->derived.field)->type, FIELD_DATE);
			assert_int_equal(record_field_find(t, t->derived.from)->type, FIELD_DATE);
			if (t->derived.months != NULL)
				assert_int_equal(record_field_find(t, t->derived.months)->type, FIELD_INTEGER);
			else
				assert_true(t->derived.fixed_months > 0);
		}
		if (t->key != NULL)
			assert_non_null(record_field_find(t, t->key));
		if (t->end_follow_up == END_REVOKE_HELD) {
			const struct record_type *auth = record_type_find("authorisation");

			assert_non_null(t->end_field);
			assert_string_equal(record_field_find(auth, "person")->target, t->name);
		}
	}
}

/* Whether the SQL fragment names column (as "$.column", a whole word). */
static bool fragment_names(const char *fragment, const char *column)
{
	size_t len = strlen(column);

	for (const char *p = fragment; p && (p = strstr(p, "$.")) != NULL; p += 2) {
		char after;

		if (strncmp(p + 2, column, len) != 0)
			continue;
		after = p[2 + len];
		if (!(after == '_' || (after >= 'a' && after <= 'z') || (after >= '0' && after <= '9')))
			return true;
	}
	return false;
}

/* A one-line text field a reference can match (in the register's match_sql
 * or its title) is a name, which holds no invisible character; no other
 * field is. */
static void name_fields_are_the_fields_references_match(void **state)
{
	size_t count;
	const struct record_type *const *types = all(&count);

	(void)state;
	for (size_t i = 0; i < count; i++) {
		const struct record_type *t = types[i];

		for (size_t j = 0; j < t->field_count; j++) {
			const struct field *fd = &t->fields[j];
			bool matched = fragment_names(t->title_sql, fd->name);

			for (size_t k = 0; t->match_sql && t->match_sql[k]; k++)
				matched = matched || fragment_names(t->match_sql[k], fd->name);
			matched = matched && fd->type == FIELD_TEXT;
			if (matched != ((fd->flags & FIELD_NAME) != 0))
				fail_msg("%s.%s: a reference %s it, but FIELD_NAME is %s", t->name,
					 fd->name, matched ? "matches" : "does not match",
					 matched ? "missing" : "set");
		}
	}
}

static void helpers_say_what_they_promise(void **state)
{
	const struct record_type *person = record_type_find("person");
	const struct record_type *channel = record_type_find("channel");
	char buf[128];
	char *sql;

	(void)state;
	assert_string_equal(record_choices_text(record_field_find(person, "kind"), buf, sizeof buf),
			    "staff, governor, volunteer or contractor");
	assert_string_equal(record_choices_text(record_field_find(person, "name"), buf, sizeof buf),
			    "");
	assert_string_equal(record_ref_key(record_field_find(channel, "consent_use")), "code");
	assert_string_equal(record_ref_key(record_field_find(channel, "school")), "id");
	sql = record_sql("$.platform || ':' || $.account", "c");
	assert_string_equal(sql, "c.platform || ':' || c.account");
	free(sql);
	sql = record_sql("no alias", "longer_alias");
	assert_string_equal(sql, "no alias");
	free(sql);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(registers_and_fields_are_found_by_name),
		cmocka_unit_test(every_table_is_a_register),
		cmocka_unit_test(every_field_is_a_column_of_its_table),
		cmocka_unit_test(every_column_has_a_field),
		cmocka_unit_test(column_types_match_field_types),
		cmocka_unit_test(required_fields_are_not_null_and_back),
		cmocka_unit_test(initial_values_are_valid),
		cmocka_unit_test(references_are_foreign_keys),
		cmocka_unit_test(choices_are_what_the_table_accepts),
		cmocka_unit_test(roles_are_what_the_user_register_accepts),
		cmocka_unit_test(sql_fragments_run_on_every_register),
		cmocka_unit_test(end_and_owner_fields_are_fields),
		cmocka_unit_test(relations_and_behaviour_name_real_fields),
		cmocka_unit_test(helpers_say_what_they_promise),
		cmocka_unit_test(name_fields_are_the_fields_references_match),
	};

	return cmocka_run_group_tests(tests, setup, fixture_teardown);
}
