/*
 * The due views' stored rows (schema 020, due_cache.c): due_list gives
 * from them exactly what the views give, for every role, and they are
 * never stale: after another connection's write, a write that leaves no
 * audit row, a change of day or of schema.  And every table the views
 * read makes them stale when written, so a new table cannot slip by.
 * The registers' counts stored with them (schema 025) are the counts, and
 * only for those who may count the whole register.
 */
#include "fixture.h"

#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/access.h"
#include "core/demo.h"
#include "core/due.h"
#include "core/due_cache.h"
#include "core/private.h"
#include "core/setup.h"
#include "core/store.h"
#include "core/text.h"

static bool is_current(struct smreg *s)
{
	bool current = false;
	struct error err;

	assert_int_equal(due_cache_current(s, &current, &err), STATUS_OK);
	return current;
}

static struct due_list *warnings(struct smreg *s)
{
	struct due_list *list = NULL;
	struct error err;

	if (due_list(s, -1, &list, &err) != STATUS_OK)
		fail_msg("due_list: %s", err.text);
	return list;
}

/* Whether a warning of this code names subject. */
static bool shows(const struct due_list *list, const char *code, const char *subject)
{
	for (size_t i = 0; i < list->count; i++)
		if (strcmp(list->items[i].code, code) == 0 && list->items[i].subject != NULL &&
		    strcmp(list->items[i].subject, subject) == 0)
			return true;
	return false;
}

static bool has_code(const struct due_list *list, const char *code)
{
	for (size_t i = 0; i < list->count; i++)
		if (strcmp(list->items[i].code, code) == 0)
			return true;
	return false;
}

/* --- every table the views read is watched ------------------------------- */

/* The tables (by root page) a statement's program opens to read. */
static void tables_read(sqlite3 *db, const char *sql, char *names, size_t size)
{
	char *explain = sqlite3_mprintf("EXPLAIN %s", sql);
	sqlite3_stmt *stmt;
	sqlite3_stmt *table;

	assert_int_equal(sqlite3_prepare_v2(db, explain, -1, &stmt, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT tbl_name FROM sqlite_schema WHERE rootpage = ?",
					    -1, &table, NULL),
			 SQLITE_OK);
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		if (strcmp((const char *)sqlite3_column_text(stmt, 1), "OpenRead") != 0 ||
		    sqlite3_column_int(stmt, 4) != 0)
			continue;
		sqlite3_bind_int(table, 1, sqlite3_column_int(stmt, 3));
		if (sqlite3_step(table) == SQLITE_ROW) {
			char word[80];

			snprintf(word, sizeof word, " %s ", (const char *)sqlite3_column_text(table, 0));
			if (strstr(names, word) == NULL && strlen(names) + strlen(word) < size)
				strcat(names, word);
		}
		sqlite3_reset(table);
	}
	sqlite3_finalize(table);
	sqlite3_finalize(stmt);
	sqlite3_free(explain);
}

/* How many of a table's triggers, of those named like pattern (%s the
 * table), exist: audit_%s_insert and so on. */
static long triggers_named(struct fixture *f, const char *table, const char *prefix)
{
	char *sql = sqlite3_mprintf("SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' "
				    "AND tbl_name = '%q' AND name IN ('%q%q_insert', '%q%q_update', "
				    "'%q%q_delete')",
				    table, prefix, table, prefix, table, prefix, table);
	long n = fx_sql_long(f, sql);

	sqlite3_free(sql);
	return n;
}

static void every_table_the_views_read_is_audited_or_stamped(void **state)
{
	struct fixture *f = *state;
	size_t n;
	const struct due_rule *rules = due_rules(&n);
	char names[4096] = "";
	int checked = 0;

	for (size_t i = 0; i < n; i++) {
		char *sql = sqlite3_mprintf("SELECT * FROM %s", rules[i].view);

		tables_read(f->admin->db, sql, names, sizeof names);
		sqlite3_free(sql);
	}
	for (char *word = strtok(names, " "); word != NULL; word = strtok(NULL, " ")) {
		/* A register's writes leave audit rows, which the key watches. */
		if (triggers_named(f, word, "audit_") == 3)
			continue;
		if (triggers_named(f, word, "due_cache_") != 3)
			fail_msg("the due views read %s, whose writes leave no audit row and no "
				 "trigger makes the cache stale (schema 020)",
				 word);
		checked++;
	}
	/* legal_hold and the statutory pack's tables at least. */
	assert_true(checked >= 3);
}

/* The stored rows are found by view, through the index. */
static void the_rows_are_read_by_view_through_an_index(void **state)
{
	struct fixture *f = *state;
	sqlite3_stmt *stmt;
	char *plan;

	assert_int_equal(sqlite3_prepare_v2(f->admin->db,
					    "EXPLAIN QUERY PLAN SELECT * FROM due_cache AS d "
					    "WHERE d.view = 'due_policy' AND (d.severity <> 'later')",
					    -1, &stmt, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
	plan = strdup((const char *)sqlite3_column_text(stmt, 3));
	sqlite3_finalize(stmt);
	if (strstr(plan, "USING INDEX due_cache_view (view=?)") == NULL)
		fail_msg("the cache is not read through its index: %s", plan);
	free(plan);
}

/* Write to the register's file as the sqlite3 command would, with no
 * smreg functions (so only to tables without audit triggers). */
static void raw_write(struct fixture *f, const char *sql)
{
	sqlite3 *db = NULL;
	char *message = NULL;

	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	if (sqlite3_exec(db, sql, NULL, NULL, &message) != SQLITE_OK)
		fail_msg("%s: %s", sql, message);
	sqlite3_close(db);
}

/* --- never stale ----------------------------------------------------------- */

static void a_write_by_another_connection_shows_at_once(void **state)
{
	struct fixture *f = *state;
	struct due_list *list = warnings(f->dsl);

	assert_true(is_current(f->dsl));
	assert_false(shows(list, "POLICY_OVERDUE", "Anti-bullying policy"));
	due_list_free(&list);
	free(fx_add(f->admin, "policy", "title=Anti-bullying policy", "next_review_on=2020-01-01",
		    NULL));
	assert_false(is_current(f->dsl));
	list = warnings(f->dsl);
	assert_true(shows(list, "POLICY_OVERDUE", "Anti-bullying policy"));
	due_list_free(&list);
	assert_true(is_current(f->dsl));
}

static void a_setting_changed_shows_at_once(void **state)
{
	struct fixture *f = *state;
	struct due_list *list;

	free(fx_add(f->admin, "policy", "title=Online safety policy", "next_review_on=2027-02-10",
		    NULL));
	list = warnings(f->governor);
	assert_false(shows(list, "POLICY_DUE", "Online safety policy"));
	due_list_free(&list);
	fx_set(f->admin, "setting", "policy_warn_days", NULL, "value=90", NULL);
	list = warnings(f->governor);
	assert_true(shows(list, "POLICY_DUE", "Online safety policy"));
	due_list_free(&list);
}

/* Reads leave audit rows and change nothing: the rows stay current. */
static void a_read_leaves_them_current(void **state)
{
	struct fixture *f = *state;
	struct due_list *list = warnings(f->dsl);
	long rows = fx_rows(f, "audit");
	struct audit_read_note note = {.how = "list", .rows = 0};
	struct error err;

	due_list_free(&list);
	assert_true(is_current(f->dsl));
	assert_int_equal(audit_record_read(f->dsl, record_type_find("contact"), &note, &err),
			 STATUS_OK);
	assert_true(fx_rows(f, "audit") > rows);
	assert_true(is_current(f->dsl));
}

static void another_day_is_computed_again(void **state)
{
	struct fixture *f = *state;
	struct smreg *later;
	struct due_list *list;

	free(fx_add(f->admin, "policy", "title=Behaviour policy", "next_review_on=2026-12-01", NULL));
	list = warnings(f->dsl);
	assert_false(shows(list, "POLICY_OVERDUE", "Behaviour policy"));
	due_list_free(&list);
	later = fixture_open(f, "dsl", "2027-01-05");
	assert_false(is_current(later));
	list = warnings(later);
	assert_true(shows(list, "POLICY_OVERDUE", "Behaviour policy"));
	due_list_free(&list);
	smreg_close(&later);
	/* And back: the first day's rows again. */
	list = warnings(f->dsl);
	assert_false(shows(list, "POLICY_OVERDUE", "Behaviour policy"));
	due_list_free(&list);
}

/* The statutory pack's tables and legal holds leave no audit row: the
 * sqlite3 command may write them, and their triggers make the rows stale. */
static void a_write_that_leaves_no_audit_row_shows_at_once(void **state)
{
	struct fixture *f = *state;
	struct due_list *list = warnings(f->admin);

	assert_false(has_code(list, "POLICY_MISSING"));
	due_list_free(&list);
	raw_write(f, "INSERT INTO statutory_policy (code, pack, title, titles, cycle_months, "
		     "place) VALUES ('online_safety', 'maintained', 'Online safety', "
		     "'Online safety', 12, 1)");
	assert_false(is_current(f->admin));
	list = warnings(f->admin);
	assert_true(shows(list, "POLICY_MISSING", "Online safety"));
	due_list_free(&list);
}

static void a_schema_change_is_computed_again(void **state)
{
	struct fixture *f = *state;
	struct due_list *list = warnings(f->admin);

	due_list_free(&list);
	assert_true(is_current(f->admin));
	raw_write(f, "CREATE VIEW unrelated AS SELECT 1");
	assert_false(is_current(f->admin));
}

/* A register opened read-only computes from the views and stores nothing. */
static void a_read_only_register_is_answered_from_the_views(void **state)
{
	struct fixture *f = *state;
	struct due_list *list;

	raw_write(f, "DELETE FROM due_cache_key");
	assert_int_equal(sqlite3_exec(f->dsl->db, "PRAGMA query_only = ON", NULL, NULL, NULL),
			 SQLITE_OK);
	list = warnings(f->dsl);
	assert_true(list->count > 0);
	due_list_free(&list);
	assert_int_equal(fx_rows(f, "due_cache_key"), 0);
	sqlite3_exec(f->dsl->db, "PRAGMA query_only = OFF", NULL, NULL, NULL);
}

/* --- each register's count of current records (schema 025) ----------------- */

/* A register's count now, by store.c's own statement run afresh. */
static long fresh_count(struct smreg *s, const struct record_type *type)
{
	char *sql = store_total_sql(s, type);
	sqlite3_stmt *stmt;
	long count;

	assert_non_null(sql);
	assert_int_equal(sqlite3_prepare_v2(s->db, sql, -1, &stmt, NULL), SQLITE_OK);
	bind_context(s, stmt);
	assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
	count = (long)sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	free(sql);
	return count;
}

/* s's warnings stored the registers' counts: each equals a fresh count,
 * and store_total gives it to a user who may count the register. */
static void counts_are_current(struct smreg *s)
{
	size_t n;
	const struct record_type *const *types = record_types(&n);
	struct due_list *list = warnings(s);
	struct error err;

	due_list_free(&list);
	assert_true(is_current(s));
	for (size_t i = 0; i < n; i++) {
		long fresh = fresh_count(s, types[i]);
		long stored = -1;
		long total = -1;
		bool found = false;

		assert_int_equal(due_cache_total(s, types[i]->name, &found, &stored, &err), STATUS_OK);
		if (!found || stored != fresh)
			fail_msg("%s: %ld stored, %ld counted", types[i]->name, found ? stored : -1,
				 fresh);
		if (!(access_mine(s, types[i]) & CAN_COUNT))
			continue;
		assert_int_equal(store_total(s, types[i], false, &total, &err), STATUS_OK);
		assert_int_equal(total, fresh);
	}
}

/* A register's writes leave audit rows, which the key watches: else its
 * stored count would not go stale when it changes. */
static void every_register_counted_is_audited(void **state)
{
	struct fixture *f = *state;
	size_t n;
	const struct record_type *const *types = record_types(&n);

	for (size_t i = 0; i < n; i++)
		if (triggers_named(f, types[i]->name, "audit_") != 3)
			fail_msg("writes to %s leave no audit row: its stored count would not "
				 "go stale (schema 025)",
				 types[i]->name);
}

static void the_stored_counts_are_the_counts_after_adds_and_ends(void **state)
{
	struct fixture *f = *state;
	char *channel;

	counts_are_current(f->admin);
	free(fx_add(f->admin, "policy", "title=Charging policy", "next_review_on=2027-06-01",
		    NULL));
	channel = fx_add(f->admin, "channel", "school=Test School", "platform=facebook",
			 "account=school", "opened_on=2026-01-05", NULL);
	counts_are_current(f->admin);
	assert_int_equal(fresh_count(f->admin, record_type_find("channel")), 1);
	/* Closed, it leaves the current records. */
	fx_set(f->admin, "channel", channel, NULL, "closed_on=2026-11-01", NULL);
	counts_are_current(f->admin);
	assert_int_equal(fresh_count(f->admin, record_type_find("channel")), 0);
	free(channel);
}

/* Another connection's write makes the stored counts stale at once: the
 * count is counted, and stored again with the warnings. */
static void another_connections_write_is_counted_at_once(void **state)
{
	struct fixture *f = *state;
	const struct record_type *policy = record_type_find("policy");
	long before = -1;
	long after = -1;
	bool found = true;
	struct error err;

	counts_are_current(f->dsl);
	assert_int_equal(store_total(f->dsl, policy, false, &before, &err), STATUS_OK);
	free(fx_add(f->admin, "policy", "title=Uniform policy", "next_review_on=2027-06-01",
		    NULL));
	assert_int_equal(due_cache_total(f->dsl, "policy", &found, &after, &err), STATUS_OK);
	assert_false(found);
	assert_int_equal(store_total(f->dsl, policy, false, &after, &err), STATUS_OK);
	assert_int_equal(after, before + 1);
	counts_are_current(f->dsl);
}

/* The stored number is the whole register's: only for those who may count
 * it all; one who counts only their own, or all with ended, counts. */
static void only_a_user_who_may_count_the_register_gets_the_stored_count(void **state)
{
	struct fixture *f = *state;
	const struct record_type *contact = record_type_find("contact");
	struct due_list *list;
	struct error err;
	long count = -1;

	free(fx_add(f->dsl, "contact", "reported_by=Dee Ess-Ell", "pupil_name=Zoë Other",
		    "platform=instagram", "category=pupil_contact", "summary=Their report", NULL));
	list = warnings(f->dsl);
	due_list_free(&list);
	/* A number no count gives: whoever gets it got the stored one. */
	raw_write(f, "UPDATE due_cache_count SET current = 999 WHERE register = 'contact'");
	assert_true(is_current(f->governor));
	assert_int_equal(store_total(f->governor, contact, false, &count, &err), STATUS_OK);
	assert_int_equal(count, 999);
	assert_true((access_mine(f->staff, contact) & (CAN_COUNT | CAN_READ_OWN)) == CAN_READ_OWN);
	assert_int_equal(store_total(f->staff, contact, false, &count, &err), STATUS_OK);
	assert_int_equal(count, 0);
	assert_int_equal(store_total(f->governor, contact, true, &count, &err), STATUS_OK);
	assert_int_equal(count, 1);
}

/* --- the same rows as the views, for every role ---------------------------- */

static int compare_strings(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "");
}

static int compare_full(const void *a, const void *b)
{
	const struct due_item *x = a;
	const struct due_item *y = b;
	int c;

	if (x->severity != y->severity)
		return (int)x->severity - (int)y->severity;
	if ((c = strcmp(x->code, y->code)) != 0 || (c = strcmp(x->due_on, y->due_on)) != 0 ||
	    (c = compare_strings(x->record_id, y->record_id)) != 0 ||
	    (c = compare_strings(x->school, y->school)) != 0 ||
	    (c = compare_strings(x->subject, y->subject)) != 0)
		return c;
	return compare_strings(x->detail, y->detail);
}

static void same_as_the_views(struct smreg *s, const char *who, int within_days)
{
	struct due_list *cached = NULL;
	struct due_list *views = NULL;
	struct error err;

	assert_int_equal(due_list(s, within_days, &cached, &err), STATUS_OK);
	assert_true(is_current(s));
	assert_int_equal(due_list_from_views(s, within_days, &views, &err), STATUS_OK);
	if (cached->count != views->count)
		fail_msg("%s: %zu warnings from the cache, %zu from the views", who, cached->count,
			 views->count);
	qsort(cached->items, cached->count, sizeof cached->items[0], compare_full);
	qsort(views->items, views->count, sizeof views->items[0], compare_full);
	for (size_t i = 0; i < cached->count; i++) {
		const struct due_item *x = &cached->items[i];
		const struct due_item *y = &views->items[i];

		if (compare_full(x, y) != 0 || x->count != y->count || x->warnings != y->warnings)
			fail_msg("%s: warning %zu differs: %s %s / %s %s", who, i, x->code,
				 x->subject ? x->subject : "", y->code, y->subject ? y->subject : "");
	}
	for (int k = 0; k < 3; k++)
		assert_int_equal(cached->by_severity[k], views->by_severity[k]);
	due_list_free(&cached);
	due_list_free(&views);
}

static char *demo_id(struct fixture *f, const char *sql)
{
	char *id = fx_sql_text(f, sql);

	assert_non_null(id);
	return id;
}

/* A report about a member of staff, which their head reads by name. */
static void add_staff_concern(struct fixture *f)
{
	struct smreg *admin = fixture_open(f, "admin", NULL);
	struct smreg *dsl = fixture_open(f, "dsl", NULL);
	char *school = demo_id(f, "SELECT id FROM school LIMIT 1");
	char *head = demo_id(f, "SELECT id FROM person WHERE kind = 'staff' ORDER BY id LIMIT 1");
	char *staff = demo_id(f, "SELECT id FROM person WHERE kind = 'staff' ORDER BY id "
				 "LIMIT 1 OFFSET 1");
	char *reporter = demo_id(f, "SELECT id FROM person WHERE kind = 'staff' ORDER BY id "
				    "LIMIT 1 OFFSET 2");
	char *field[4];

	field[0] = text_format("head=%s", head);
	fx_set(admin, "school", school, NULL, field[0], NULL);
	field[1] = text_format("person=%s", head);
	free(fx_add(admin, "user", "login=head", "roles=staff", field[1], NULL));
	field[2] = text_format("concerns=%s", staff);
	field[3] = text_format("reported_by=%s", reporter);
	free(fx_add(dsl, "contact", "reported_on=2026-10-01", field[3], "platform=Facebook",
		    "category=other", "summary=A concern about staff", "status=open", field[2],
		    NULL));
	for (int i = 0; i < 4; i++)
		free(field[i]);
	free(reporter);
	free(school);
	free(head);
	free(staff);
	smreg_close(&admin);
	smreg_close(&dsl);
}

static void every_role_sees_what_the_views_give(void **state)
{
	struct fixture *f = *state;
	struct smreg_options o = {.path = f->path, .login = "admin", .create = true, .today = FIXTURE_TODAY};
	struct smreg *demo = NULL;
	static const char *const logins[] = {"admin", "bursar", "dsl", "governor", "teacher", "head"};
	enum init_outcome outcome;
	struct error err;

	/* A demonstration school in place of the fixture's register. */
	smreg_close(&f->admin);
	smreg_close(&f->dsl);
	smreg_close(&f->governor);
	smreg_close(&f->staff);
	fx_remove_register(f->path, "");
	assert_int_equal(smreg_open(&o, &demo, &err), STATUS_OK);
	assert_int_equal(setup_init(demo, NULL, &outcome, &err), STATUS_OK);
	assert_int_equal(demo_fill(demo, 1, &err), STATUS_OK);
	smreg_close(&demo);
	add_staff_concern(f);
	for (size_t i = 0; i < sizeof logins / sizeof logins[0]; i++) {
		struct smreg *s = fixture_open(f, logins[i], NULL);

		same_as_the_views(s, logins[i], -1);
		same_as_the_views(s, logins[i], 400);
		smreg_close(&s);
	}
	/* The teardown closes what the fixture opened. */
	f->admin = fixture_open(f, "admin", NULL);
	f->dsl = fixture_open(f, "dsl", NULL);
	f->governor = fixture_open(f, "governor", NULL);
	f->staff = fixture_open(f, "teacher", NULL);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, fixture_setup, fixture_teardown)
	const struct CMUnitTest tests[] = {
		T(every_table_the_views_read_is_audited_or_stamped),
		T(the_rows_are_read_by_view_through_an_index),
		T(a_write_by_another_connection_shows_at_once),
		T(a_setting_changed_shows_at_once),
		T(a_read_leaves_them_current),
		T(another_day_is_computed_again),
		T(a_write_that_leaves_no_audit_row_shows_at_once),
		T(a_schema_change_is_computed_again),
		T(a_read_only_register_is_answered_from_the_views),
		T(every_role_sees_what_the_views_give),
		T(every_register_counted_is_audited),
		T(the_stored_counts_are_the_counts_after_adds_and_ends),
		T(another_connections_write_is_counted_at_once),
		T(only_a_user_who_may_count_the_register_gets_the_stored_count),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
