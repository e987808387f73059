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
		cmocka_unit_test_setup_teardown(a_new_consent_finds_its_pupils_posts_through_an_index,
						fixture_setup, fixture_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
