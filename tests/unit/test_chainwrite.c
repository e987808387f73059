/*
 * Writing the audit chain in bulk (the demonstration's way): rows written
 * while the trigger is paused, hashed after, and rows appended with their
 * hashes, make a chain that verifies; the trigger comes back as it was,
 * and a rollback takes the pause back with it.
 */
#include "fixture.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/chainwrite.h"
#include "core/private.h"

static char *trigger_sql(struct smreg *s)
{
	char *sql = NULL;
	struct error err = {0};

	assert_int_equal(db_query_text(s, "SELECT sql FROM sqlite_master WHERE name = 'audit_chain'", NULL,
				       &sql, &err),
			 STATUS_OK);
	return sql;
}

static void assert_chain_holds(struct smreg *s)
{
	struct audit_chain chain;
	struct error err = {0};

	assert_int_equal(audit_verify(s, 0, &chain, &err), STATUS_OK);
	assert_int_equal(chain.broken_seq, 0);
	assert_true(chain.rows > 0);
}

static long long audit_rows(struct smreg *s)
{
	char *count = NULL;
	struct error err = {0};
	long long n;

	assert_int_equal(db_query_text(s, "SELECT count(*) FROM audit", NULL, &count, &err), STATUS_OK);
	n = atoll(count);
	free(count);
	return n;
}

static void rows_written_while_paused_and_appended_verify(void **state)
{
	struct fixture *f = *state;
	struct smreg *s = f->admin;
	struct chain_writer *w = NULL;
	struct error err = {0};
	char *before = trigger_sql(s);
	char *after;
	long long rows = audit_rows(s);

	assert_int_equal(db_begin(s, &err), STATUS_OK);
	assert_int_equal(chain_pause(s, &w, &err), STATUS_OK);
	assert_null(trigger_sql(s));
	/* Written by a register's audit trigger, without a hash... */
	assert_int_equal(db_exec(s, "INSERT INTO school (id, name) VALUES "
				    "('00000000-0000-7000-8000-000000000001', 'Paused One'), "
				    "('00000000-0000-7000-8000-000000000002', 'Paused Two')",
				 &err),
			 STATUS_OK);
	assert_int_equal(chain_catch_up(w, &err), STATUS_OK);
	/* ...then reads appended with theirs, and more rows the trigger wrote. */
	assert_int_equal(chain_append_read(w, "2026-11-20T10:00:00Z", "dsl", "school",
					   "00000000-0000-7000-8000-000000000001", "open", &err),
			 STATUS_OK);
	assert_int_equal(chain_append_read(w, "2026-11-20T10:01:00Z", "dsl", "school",
					   "00000000-0000-7000-8000-000000000002", "open", &err),
			 STATUS_OK);
	assert_int_equal(chain_catch_up(w, &err), STATUS_OK);
	assert_int_equal(db_exec(s, "INSERT INTO school (id, name) VALUES "
				    "('00000000-0000-7000-8000-000000000003', 'Paused Three')",
				 &err),
			 STATUS_OK);
	assert_int_equal(chain_resume(w, &err), STATUS_OK);
	assert_int_equal(db_commit(s, &err), STATUS_OK);
	assert_int_equal(audit_rows(s), rows + 5);
	assert_chain_holds(s);
	after = trigger_sql(s);
	assert_non_null(after);
	assert_string_equal(after, before);
	/* The trigger hashes what comes next. */
	free(fx_add(s, "school", "name=After", NULL));
	assert_int_equal(audit_rows(s), rows + 6);
	assert_chain_holds(s);
	free(before);
	free(after);
}

static void a_rollback_takes_the_pause_back(void **state)
{
	struct fixture *f = *state;
	struct smreg *s = f->admin;
	struct chain_writer *w = NULL;
	struct error err = {0};
	char *before = trigger_sql(s);
	char *after;

	assert_int_equal(db_begin(s, &err), STATUS_OK);
	assert_int_equal(chain_pause(s, &w, &err), STATUS_OK);
	assert_int_equal(chain_append_read(w, "2026-11-20T10:00:00Z", "dsl", "school", "x", "open", &err),
			 STATUS_OK);
	db_rollback(s);
	chain_abandon(w);
	after = trigger_sql(s);
	assert_non_null(after);
	assert_string_equal(after, before);
	free(fx_add(s, "school", "name=After", NULL));
	assert_chain_holds(s);
	free(before);
	free(after);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, fixture_setup, fixture_teardown)
	const struct CMUnitTest tests[] = {
		T(rows_written_while_paused_and_appended_verify),
		T(a_rollback_takes_the_pause_back),
	};
#undef T

	return cmocka_run_group_tests(tests, NULL, NULL);
}
