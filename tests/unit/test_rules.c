/* Rules across fields: declared once in the descriptors, checked by core
 * before it writes, every wrong field at once, the schema the last guard. */
#include "fixture.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/edit.h"
#include "core/record.h"
#include "core/private.h" /* the rule checks kept in the session */

static sqlite3 *open_raw(struct fixture *f)
{
	sqlite3 *db = NULL;

	if (sqlite3_open_v2(f->path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		fail_msg("cannot open %s", f->path);
	return db;
}

/* The CREATE TABLE text of table, as the schema now holds it; the caller
 * frees it. */
static char *table_sql(sqlite3 *db, const char *table)
{
	sqlite3_stmt *stmt = NULL;
	char *sql = NULL;

	assert_int_equal(sqlite3_prepare_v2(db, "SELECT sql FROM sqlite_schema WHERE type = 'table' "
						"AND name = ?",
					    -1, &stmt, NULL),
			 SQLITE_OK);
	sqlite3_bind_text(stmt, 1, table, -1, SQLITE_STATIC);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		sql = strdup((const char *)sqlite3_column_text(stmt, 0));
	sqlite3_finalize(stmt);
	assert_non_null(sql);
	return sql;
}

/* Each rule is a field of its register and the schema's CHECK of the same
 * name guards it; each of the schema's "X: is before Y" has its rule, so
 * a form marks it with the others. */
static void rules_are_the_schema_checks(void **state)
{
	struct fixture *f = *state;
	sqlite3 *db = open_raw(f);
	size_t count;
	const struct record_type *const *types = record_types(&count);
	int rules = 0;

	for (size_t t = 0; t < count; t++) {
		const struct record_type *type = types[t];
		char *sql = table_sql(db, type->name);

		for (const struct field_rule *r = type->rules; r && r->field; r++, rules++) {
			char name[600];

			if (record_field_find(type, r->field) == NULL)
				fail_msg("%s: rule on %s, which is no field", type->name, r->field);
			snprintf(name, sizeof name, "\"%s: %s\"", r->field, r->why);
			if (strstr(sql, name) == NULL)
				fail_msg("%s: the schema has no CHECK %s", type->name, name);
		}
		for (const char *at = strstr(sql, ": is before "); at; at = strstr(at + 1, ": is before ")) {
			const char *start = at;
			bool found = false;

			while (start > sql && start[-1] != '"')
				start--;
			for (const struct field_rule *r = type->rules; r && r->field; r++)
				if (strlen(r->field) == (size_t)(at - start) &&
				    strncmp(r->field, start, (size_t)(at - start)) == 0 &&
				    strncmp(r->why, at + 2, strlen(r->why)) == 0)
					found = true;
			if (!found)
				fail_msg("%s: the schema's \"%.40s\" has no rule in record.c", type->name,
					 start);
		}
		free(sql);
	}
	assert_true(rules >= 20);
	sqlite3_close(db);
}

static bool has_error(const struct error_list *list, const char *field, const char *why)
{
	for (size_t i = 0; i < list->count; i++)
		if (strcmp(list->items[i].field, field) == 0 && strstr(list->items[i].text, why))
			return true;
	return false;
}

/* A new channel wrong in four ways is told all four at once. */
static void a_new_record_is_told_every_wrong_field(void **state)
{
	struct fixture *f = *state;
	const struct assignment a[] = {
		{"school", "Test School"},
		{"platform", "facebook"},
		{"account", ""},
		{"opened_on", "2026-05-01"},
		{"closed_on", "2026-04-01"},
		{"risk_assessed_on", "31/02/2026"},
	};
	struct error_list wrong = {0};
	struct error err;

	assert_int_equal(edit_wrong_fields(f->admin, record_type_find("channel"), NULL, a, 6, &wrong,
					   &err),
			 STATUS_OK);
	assert_int_equal(wrong.count, 3);
	assert_true(has_error(&wrong, "account", "is required"));
	assert_true(has_error(&wrong, "closed_on", "is before opened_on"));
	assert_true(has_error(&wrong, "risk_assessed_on", "is not a date"));
	error_list_clear(&wrong);
	/* Nothing was written, and adding says the rule before the schema. */
	assert_int_equal(fx_try_add(f->admin, &err, "channel", "school=Test School",
				    "platform=facebook", "account=Oak", "opened_on=2026-05-01",
				    "closed_on=2026-04-01", NULL),
			 STATUS_INVALID);
	assert_string_equal(err.field, "closed_on");
	assert_string_equal(err.text, "is before opened_on");
}

/* A register's rule check is built once a session and kept (an import
 * checks every row with it), and the kept one still refuses. */
static void the_rule_check_is_built_once_a_session(void **state)
{
	struct fixture *f = *state;
	size_t count;
	const struct record_type *const *types = record_types(&count);
	size_t channel = 0;
	const char *kept;
	struct error err;

	/* Every register has its slot, so none is built again per row. */
	assert_true(count <= RULES_SQL_KEPT);
	while (types[channel] != record_type_find("channel"))
		channel++;
	for (int i = 0; i < 2; i++) {
		assert_int_equal(fx_try_add(f->admin, &err, "channel", "school=Test School",
					    "platform=facebook", "account=Kept", "opened_on=2026-05-01",
					    "closed_on=2026-04-01", NULL),
				 STATUS_INVALID);
		assert_string_equal(err.field, "closed_on");
		assert_string_equal(err.text, "is before opened_on");
		if (i == 0)
			kept = f->admin->rules_sql[channel];
		assert_non_null(f->admin->rules_sql[channel]);
		assert_ptr_equal(f->admin->rules_sql[channel], kept);
	}
}

/* A change is checked as it would leave the record: a leaving date before
 * the start kept, and an exception without its detail. */
static void a_change_is_checked_with_the_record_as_it_is(void **state)
{
	struct fixture *f = *state;
	char *person = fx_add(f->admin, "person", "name=Ann Able", "started_on=2020-09-01", NULL);
	const struct assignment left[] = {{"left_on", "2019-07-31"}};
	const struct assignment fine[] = {{"left_on", "2021-07-31"}};
	struct error_list wrong = {0};
	struct error err;

	assert_int_equal(edit_wrong_fields(f->admin, record_type_find("person"), person, left, 1,
					   &wrong, &err),
			 STATUS_OK);
	assert_int_equal(wrong.count, 1);
	assert_true(has_error(&wrong, "left_on", "is before started_on"));
	error_list_clear(&wrong);
	assert_int_equal(edit_wrong_fields(f->admin, record_type_find("person"), person, fine, 1,
					   &wrong, &err),
			 STATUS_OK);
	assert_int_equal(wrong.count, 0);
	assert_int_equal(fx_try_set(f->admin, &err, "person", person, NULL, "left_on=2019-07-31",
				    NULL),
			 STATUS_INVALID);
	assert_string_equal(err.text, "is before started_on");
	free(person);
}

static void an_exception_needs_its_detail(void **state)
{
	struct fixture *f = *state;
	char *person = fx_add(f->admin, "person", "name=Bea Bright", NULL);
	const struct assignment a[] = {
		{"person", person},
		{"kind", "exception"},
		{"authorised_by", person},
		{"granted_on", "2026-01-10"},
		{"revoked_on", "2026-01-01"},
	};
	struct error_list wrong = {0};
	struct error err;

	assert_int_equal(edit_wrong_fields(f->admin, record_type_find("authorisation"), NULL, a, 5,
					   &wrong, &err),
			 STATUS_OK);
	assert_int_equal(wrong.count, 2);
	assert_true(has_error(&wrong, "detail", "an exception needs the detail"));
	assert_true(has_error(&wrong, "revoked_on", "is before granted_on"));
	error_list_clear(&wrong);
	free(person);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rules_are_the_schema_checks),
		cmocka_unit_test(a_new_record_is_told_every_wrong_field),
		cmocka_unit_test(the_rule_check_is_built_once_a_session),
		cmocka_unit_test(a_change_is_checked_with_the_record_as_it_is),
		cmocka_unit_test(an_exception_needs_its_detail),
	};

	return cmocka_run_group_tests(tests, fixture_setup, fixture_teardown);
}
