/*
 * Query plans: the due views and every register's first page read the
 * large tables through indexes, never by scanning or sorting them whole,
 * and so does "may I post?";
 * and every foreign key has an index, so checking or following one never
 * reads the table that holds it.
 * The plans do not depend on how much is stored (smreg never ANALYZEs),
 * so an empty register shows the plan a trust's register gets.
 */
#include "fixture.h"

#include <ctype.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/canpost.h"
#include "core/due.h"
#include "core/private.h"
#include "core/record.h"
#include "core/search.h"
#include "core/store.h"

/* Tables that grow with years and schools: never read whole. */
static const char *const large[] = {"contact", "action", "audit", "consent", "takedown", NULL};

static bool is_large(const char *table)
{
	for (int i = 0; large[i] != NULL; i++)
		if (strcmp(large[i], table) == 0)
			return true;
	return false;
}

struct plan {
	char text[16384];
};

static void explain(sqlite3 *db, const char *sql, struct plan *p)
{
	char *query = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", sql);
	sqlite3_stmt *stmt;

	p->text[0] = '\0';
	if (sqlite3_prepare_v2(db, query, -1, &stmt, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db));
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		size_t used = strlen(p->text);

		snprintf(p->text + used, sizeof p->text - used, "%s\n",
			 (const char *)sqlite3_column_text(stmt, 3));
	}
	sqlite3_finalize(stmt);
	sqlite3_free(query);
}

/* Whether sql calls table alias: "table AS alias" or "\"table\" AS alias",
 * the alias a whole word ("c" is not "cc"). */
static bool names_alias(const char *sql, const char *table, const char *alias)
{
	char as[2][128];

	snprintf(as[0], sizeof as[0], "%s AS %s", table, alias);
	snprintf(as[1], sizeof as[1], "\"%s\" AS %s", table, alias);
	for (int k = 0; k < 2; k++) {
		size_t len = strlen(as[k]);

		for (const char *at = strstr(sql, as[k]); at != NULL; at = strstr(at + 1, as[k]))
			if (!isalnum((unsigned char)at[len]) && at[len] != '_')
				return true;
	}
	return false;
}

/* "SCAN contact" or "SCAN c" where c is a large table's alias in sql:
 * a whole-table read.  A scan "USING INDEX" walks an index in order and
 * is what a page wants. */
static void no_full_scan_of_large_tables(const char *what, const char *sql, const struct plan *p)
{
	char line[512];
	const char *at = p->text;

	while (sscanf(at, "%511[^\n]", line) == 1) {
		char name[64] = "";

		at += strlen(line) + 1;
		if (sscanf(line, "SCAN %63s", name) != 1 || strstr(line, "USING") != NULL)
			continue;
		for (int i = 0; large[i] != NULL; i++)
			if (strcmp(name, large[i]) == 0 || names_alias(sql, large[i], name))
				fail_msg("%s scans %s whole:\n%s\n%s", what, large[i], p->text, sql);
	}
}

/* Every top-level statement a call runs, as the trace sees it. */
struct captured {
	int count;
	char *sql[32];
};

static int capture(unsigned type, void *arg, void *p, void *x)
{
	struct captured *c = arg;

	if (type == SQLITE_TRACE_STMT && strncmp((const char *)x, "--", 2) != 0 && c->count < 32)
		c->sql[c->count++] = sqlite3_expanded_sql((sqlite3_stmt *)p);
	return 0;
}

static void first_pages_walk_indexes(void **state)
{
	struct fixture *f = *state;
	size_t n;
	const struct record_type *const *types = record_types(&n);

	for (size_t i = 0; i < n; i++) {
		struct smreg *s = is_large(types[i]->name) || strcmp(types[i]->name, "contact") == 0
					  ? f->dsl
					  : f->admin;
		struct list_query q = list_query_default();
		struct record_page *page = NULL;
		struct captured c = {0};
		struct error err;

		sqlite3_trace_v2(s->db, SQLITE_TRACE_STMT, capture, &c);
		assert_int_equal(store_list(s, types[i], &q, 0, 30, &page, &err), STATUS_OK);
		sqlite3_trace_v2(s->db, 0, NULL, NULL);
		record_page_free(&page);
		for (int k = 0; k < c.count; k++) {
			struct plan p;

			explain(s->db, c.sql[k], &p);
			no_full_scan_of_large_tables(types[i]->name, c.sql[k], &p);
			/* A first page comes in index order, never from sorting the
			 * whole register (only ties may be sorted: "RIGHT PART"). */
			if (strstr(p.text, "USE TEMP B-TREE FOR ORDER BY") &&
			    strstr(c.sql[k], "ORDER BY") != NULL)
				fail_msg("the first page of %s sorts the whole register:\n%s\n%s",
					 types[i]->name, p.text, c.sql[k]);
			sqlite3_free(c.sql[k]);
		}
	}
}

/* Explain every statement a call made, failing on a whole read of a large table. */
static void no_statement_scans_large_tables(struct smreg *s, const char *what, struct captured *c)
{
	for (int k = 0; k < c->count; k++) {
		struct plan p;

		explain(s->db, c->sql[k], &p);
		no_full_scan_of_large_tables(what, c->sql[k], &p);
		sqlite3_free(c->sql[k]);
	}
}

static void can_post_reads_each_pupil_through_indexes(void **state)
{
	struct fixture *f = *state;
	const char *pupils[] = {"Amy Able"};
	struct post_question q = {.pupils = pupils, .pupil_count = 1, .channel = "facebook:school"};
	struct post_answer *a = NULL;
	struct captured c = {0};
	struct error err;

	free(fx_add(f->admin, "channel", "platform=facebook", "account=school",
		    "consent_use=social_media", NULL));
	free(fx_add(f->admin, "pupil", "name=Amy Able", "year_group=4", NULL));
	free(fx_add(f->admin, "consent", "pupil=Amy Able", "given_by=A parent",
		    "received_on=2026-09-01", "uses=social_media", NULL));
	sqlite3_trace_v2(f->admin->db, SQLITE_TRACE_STMT, capture, &c);
	assert_int_equal(canpost_check(f->admin, &q, &a, &err), STATUS_OK);
	sqlite3_trace_v2(f->admin->db, 0, NULL, NULL);
	post_answer_free(&a);
	no_statement_scans_large_tables(f->admin, "can-post", &c);
}

static void due_views_find_through_indexes(void **state)
{
	struct fixture *f = *state;
	sqlite3_stmt *stmt;
	sqlite3 *db = f->admin->db;

	assert_int_equal(sqlite3_prepare_v2(db, "SELECT name FROM sqlite_schema "
						"WHERE type = 'view' AND name LIKE 'due_%' "
						"AND name <> 'due_context'",
					    -1, &stmt, NULL),
			 SQLITE_OK);
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		const char *view = (const char *)sqlite3_column_text(stmt, 0);
		char *sql = sqlite3_mprintf("SELECT * FROM %s WHERE severity <> 'later'", view);
		char *query = sqlite3_mprintf("SELECT sql FROM sqlite_schema WHERE name = '%s'", view);
		char *definition = fx_sql_text(f, query);
		struct plan p;

		/* The view's text says which alias stands for which table. */
		explain(db, sql, &p);
		no_full_scan_of_large_tables(view, definition ? definition : sql, &p);
		free(definition);
		sqlite3_free(query);
		sqlite3_free(sql);
	}
	sqlite3_finalize(stmt);
}

/* smreg due as the DSL, the visibility of each row included: a warning's
 * record is looked up by its id, never found in a list of every record
 * the DSL may read (100,000 contact reports at scale 50). */
static void due_as_the_dsl_reads_through_indexes(void **state)
{
	struct fixture *f = *state;
	struct due_list *list = NULL;
	struct captured c = {0};
	struct error err;

	sqlite3_trace_v2(f->dsl->db, SQLITE_TRACE_STMT, capture, &c);
	assert_int_equal(due_list(f->dsl, -1, &list, &err), STATUS_OK);
	sqlite3_trace_v2(f->dsl->db, 0, NULL, NULL);
	due_list_free(&list);
	assert_true(c.count > 10);
	no_statement_scans_large_tables(f->dsl, "due as the DSL", &c);
}

/* Every command of a user who may be named in a report starts by asking
 * whether they read any as its named reader: an index answers it. */
static void finding_a_named_reader_reads_through_indexes(void **state)
{
	struct fixture *f = *state;
	struct captured c = {0};
	struct error err;

	sqlite3_trace_v2(f->dsl->db, SQLITE_TRACE_STMT, capture, &c);
	assert_int_equal(smreg_reload_user(f->dsl, &err), STATUS_OK);
	sqlite3_trace_v2(f->dsl->db, 0, NULL, NULL);
	assert_true(c.count >= 2);
	no_statement_scans_large_tables(f->dsl, "finding a named reader", &c);
}

static void every_foreign_key_has_an_index(void **state)
{
	struct fixture *f = *state;
	char *missing = fx_sql_text(f, "SELECT group_concat(m.name || '.' || k.\"from\", ', ') "
				       "FROM sqlite_schema AS m, pragma_foreign_key_list(m.name) AS k "
				       "WHERE m.type = 'table' AND NOT EXISTS ("
				       "SELECT 1 FROM pragma_index_list(m.name) AS l, pragma_index_info(l.name) AS i "
				       "WHERE i.seqno = 0 AND i.name = k.\"from\")");

	if (missing != NULL)
		fail_msg("foreign keys without an index: %s", missing);
}

/* A filter of three characters or more finds its rows through the
 * trigram index of every register (search.c), and a page of them is still a walk
 * along the order's index, not a sort of every row matching. */
static void a_filter_reads_through_the_trigram_index(void **state)
{
	struct fixture *f = *state;
	const struct record_type *action = record_type_find("action");
	struct list_query q = list_query_default();
	struct record_page *page = NULL;
	struct captured c = {0};
	struct error err;
	bool indexed = false;

	q.filter = "Jensen";
	/* The index takes in the register's writes first, out of the trace. */
	assert_true(search_catch_up(f->dsl));
	sqlite3_trace_v2(f->dsl->db, SQLITE_TRACE_STMT, capture, &c);
	assert_int_equal(store_list(f->dsl, action, &q, 0, 30, &page, &err), STATUS_OK);
	sqlite3_trace_v2(f->dsl->db, 0, NULL, NULL);
	record_page_free(&page);
	for (int k = 0; k < c.count; k++) {
		struct plan p;

		explain(f->dsl->db, c.sql[k], &p);
		if (strstr(c.sql[k], "FROM \"action\" AS t") != NULL) {
			if (strstr(p.text, "SCAN search VIRTUAL TABLE INDEX") == NULL)
				fail_msg("the filter does not use the index:\n%s\n%s", p.text, c.sql[k]);
			if (strstr(p.text, "USE TEMP B-TREE FOR ORDER BY") != NULL)
				fail_msg("a filtered page sorts every row matching:\n%s", p.text);
			indexed = true;
		}
		sqlite3_free(c.sql[k]);
	}
	assert_true(indexed);
}

/* A filter found in a thousand rows or more (search_common) fills a page
 * by walking the order's index and reading each row's text, so the first
 * page of "parent" in 300,000 actions is a few rows' work, not every match
 * found first. */
static void a_common_filter_walks_the_order_a_page_at_a_time(void **state)
{
	struct fixture *f = *state;
	const struct record_type *school = record_type_find("school");
	struct list_query q = list_query_default();
	struct record_page *page = NULL;
	struct captured c = {0};
	struct error err;
	bool walked = false;

	assert_int_equal(sqlite3_exec(f->admin->db,
				      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
				      "WHERE i < 1100) INSERT INTO school (id, name) "
				      "SELECT printf('%08x-0000-4000-8000-000000000000', i), "
				      "printf('Common school %04d', i) FROM n",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	q.filter = "common";
	assert_true(search_catch_up(f->admin));
	assert_true(search_common(f->admin, school, q.filter));
	assert_false(search_common(f->admin, school, "school 0007"));
	sqlite3_trace_v2(f->admin->db, SQLITE_TRACE_STMT, capture, &c);
	assert_int_equal(store_list(f->admin, school, &q, 0, 30, &page, &err), STATUS_OK);
	sqlite3_trace_v2(f->admin->db, 0, NULL, NULL);
	assert_int_equal(page->count, 30);
	assert_string_equal(page->rows[0]->title, "Common school 0001");
	record_page_free(&page);
	for (int k = 0; k < c.count; k++) {
		struct plan p;

		explain(f->admin->db, c.sql[k], &p);
		if (strstr(c.sql[k], "FROM \"school\" AS t") != NULL) {
			if (strstr(p.text, "VIRTUAL TABLE") != NULL ||
			    strstr(p.text, "USE TEMP B-TREE FOR ORDER BY") != NULL ||
			    strstr(p.text, "SEARCH d USING INTEGER PRIMARY KEY") == NULL)
				fail_msg("a common filter's page does not walk the order:\n%s\n%s", p.text,
					 c.sql[k]);
			walked = true;
		}
		sqlite3_free(c.sql[k]);
	}
	assert_true(walked);
}

/* A new consent finds the posts showing its pupil through post_pupil_link
 * (schema 014), not by expanding every post's list of pupils. */
static void a_new_consent_finds_its_pupils_posts_through_an_index(void **state)
{
	struct fixture *f = *state;
	char *trigger = fx_sql_text(f, "SELECT sql FROM sqlite_schema "
				       "WHERE name = 'consent_replaced_reaches_posts'");
	struct plan p;

	assert_non_null(trigger);
	if (strstr(trigger, "EXISTS (SELECT 1 FROM post_pupil_link AS l WHERE l.pupil = NEW.pupil)") == NULL)
		fail_msg("the trigger runs for pupils no post shows:\n%s", trigger);
	free(trigger);
	explain(f->admin->db, "SELECT l.post FROM post_pupil_link AS l WHERE l.pupil = 'x'", &p);
	if (strstr(p.text, "SEARCH l USING PRIMARY KEY (pupil=?)") == NULL)
		fail_msg("post_pupil_link is not searched by pupil:\n%s", p.text);
	explain(f->admin->db, "DELETE FROM post_pupil_link WHERE post = 'x'", &p);
	if (strstr(p.text, "INDEX post_pupil_link_post (post=?)") == NULL)
		fail_msg("a post's links are not found by its index:\n%s", p.text);
}

/*
 * A sort of the DSL's large registers by any column reads its first page
 * from an index (schema 004, 022): a plain column walks its own index; a
 * reference walks the referred register by its title's index (a report's
 * title by contact_title's) and the rows naming each record by the
 * reference's index, sorting no more than the rows of one title ("RIGHT
 * PART").  Only the rows naming no record (the "LEFT" of the merge) and
 * the page itself may be sorted.  (Ended records shown: hidden, the
 * current ones are few enough to sort.)
 */
static void a_sort_by_any_column_walks_indexes(void **state)
{
	struct fixture *f = *state;
	const char *const registers[] = {"action", "contact"};

	for (int r = 0; r < 2; r++) {
		const struct record_type *type = record_type_find(registers[r]);

		for (size_t i = 0; i < type->field_count * 2; i++) {
			const struct field *field = &type->fields[i / 2];
			struct list_query q = list_query_default();
			struct record_page *page = NULL;
			struct captured c = {0};
			struct error err;

			if (!(field->flags & FIELD_LISTED))
				continue;
			q.sort_field = (int)(i / 2);
			q.descending = i % 2;
			/* With ended records hidden, a reference is sorted by its
			 * titles worked out (store.c, sorts_by_reference). */
			q.include_ended = true;
			sqlite3_trace_v2(f->dsl->db, SQLITE_TRACE_STMT, capture, &c);
			assert_int_equal(store_list(f->dsl, type, &q, 0, 30, &page, &err), STATUS_OK);
			sqlite3_trace_v2(f->dsl->db, 0, NULL, NULL);
			record_page_free(&page);
			for (int k = 0; k < c.count; k++) {
				struct plan p;
				char *right;
				char *page_read;

				explain(f->dsl->db, c.sql[k], &p);
				no_full_scan_of_large_tables(type->name, c.sql[k], &p);
				/* The walk: the merge's right, or the page's keys alone
				 * for a required reference, which has no left. */
				right = strstr(p.text, "RIGHT\n");
				if (right == NULL)
					right = strstr(p.text, "CO-ROUTINE page");
				page_read = right ? strstr(right, "SCAN page") : NULL;
				if (page_read != NULL)
					*page_read = '\0';
				if (strstr(c.sql[k], "ORDER BY") != NULL && field->type == FIELD_REF &&
				    (right == NULL || strstr(right, "SCAN so USING") == NULL ||
				     strstr(right, "B-TREE FOR ORDER BY") != NULL))
					fail_msg("%s by %s does not walk the titles' index:\n%s\n%s",
						 type->name, field->name, p.text, c.sql[k]);
				if (strstr(c.sql[k], "ORDER BY") != NULL && field->type != FIELD_REF &&
				    strstr(p.text, "B-TREE FOR ORDER BY") != NULL)
					fail_msg("%s by %s sorts the whole register:\n%s\n%s", type->name,
						 field->name, p.text, c.sql[k]);
				if (strcmp(field->name, "contact") == 0 && right != NULL &&
				    strstr(right, "contact_title_title") == NULL)
					fail_msg("actions by report do not walk contact_title:\n%s", p.text);
				sqlite3_free(c.sql[k]);
			}
		}
	}
}

/* The DSL's open reports oldest first walk the index of the open ones
 * (schema 022), not ten years of closed ones. */
static void current_reports_by_date_walk_the_open_ones(void **state)
{
	struct fixture *f = *state;
	const struct record_type *contact = record_type_find("contact");
	struct list_query q = list_query_default();
	struct record_page *page = NULL;
	struct captured c = {0};
	struct error err;
	bool walked = false;

	q.sort_field = record_field_index(contact, "reported_on");
	sqlite3_trace_v2(f->dsl->db, SQLITE_TRACE_STMT, capture, &c);
	assert_int_equal(store_list(f->dsl, contact, &q, 0, 30, &page, &err), STATUS_OK);
	sqlite3_trace_v2(f->dsl->db, 0, NULL, NULL);
	record_page_free(&page);
	for (int k = 0; k < c.count; k++) {
		struct plan p;

		explain(f->dsl->db, c.sql[k], &p);
		walked |= strstr(p.text, "SCAN t USING INDEX contact_open_reported_on") != NULL;
		sqlite3_free(c.sql[k]);
	}
	assert_true(walked);
}

/* A new consent granting what the one it replaces granted (as each row of
 * an import of consents already held does) stops at the trigger's WHEN,
 * before the join over the school's channels (schema 023). */
static void a_consent_granting_the_same_skips_the_takedown_join(void **state)
{
	struct fixture *f = *state;
	char *trigger = fx_sql_text(f, "SELECT sql FROM sqlite_schema "
				       "WHERE name = 'consent_replaced_raises_takedowns'");

	assert_non_null(trigger);
	if (strstr(trigger, "WHERE replaced.uses IS NOT NEW.uses)\nBEGIN") == NULL)
		fail_msg("the trigger joins the channels for a consent granting the same:\n%s",
			 trigger);
	free(trigger);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(first_pages_walk_indexes, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(a_sort_by_any_column_walks_indexes, fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(current_reports_by_date_walk_the_open_ones,
						fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(due_views_find_through_indexes, fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(a_consent_granting_the_same_skips_the_takedown_join,
						fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(every_foreign_key_has_an_index, fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(due_as_the_dsl_reads_through_indexes, fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(finding_a_named_reader_reads_through_indexes,
						fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(can_post_reads_each_pupil_through_indexes,
						fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(a_filter_reads_through_the_trigram_index,
						fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(a_common_filter_walks_the_order_a_page_at_a_time,
						fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(a_new_consent_finds_its_pupils_posts_through_an_index,
						fixture_setup, fixture_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
