/* Schema versions: older registers migrated, newer and foreign files refused. */
#include "fixture.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/audit.h"
#include "core/private.h"

struct scratch {
	char dir[64];
	char path[96];
};

static int scratch_setup(void **state)
{
	struct scratch *sc = calloc(1, sizeof *sc);

	assert_non_null(sc);
	snprintf(sc->dir, sizeof sc->dir, "/tmp/smreg-migrate-XXXXXX");
	assert_non_null(mkdtemp(sc->dir));
	snprintf(sc->path, sizeof sc->path, "%s/register.db", sc->dir);
	*state = sc;
	return 0;
}

static int scratch_teardown(void **state)
{
	struct scratch *sc = *state;

	fx_remove_register(sc->path, sc->dir);
	free(sc);
	return 0;
}

static void raw_exec(const char *path, const char *sql)
{
	sqlite3 *db = NULL;
	char *message = NULL;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	if (sqlite3_exec(db, sql, NULL, NULL, &message) != SQLITE_OK)
		fail_msg("%s", message);
	sqlite3_close(db);
}

static long raw_long(const char *path, const char *sql)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *stmt;
	long value = -1;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &stmt, NULL), SQLITE_OK);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		value = (long)sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	sqlite3_close(db);
	return value;
}

static int open_as(const char *path, const char *login, struct smreg **s, struct error *err)
{
	struct smreg_options o = {.path = path, .login = login, .today = FIXTURE_TODAY};

	return smreg_open(&o, s, err);
}

static void an_older_register_is_migrated_keeping_its_records(void **state)
{
	struct scratch *sc = *state;
	struct smreg *s = NULL;
	struct error err;
	char sql[256];

	/* A register as the first schema left it, with a school in it. */
	raw_exec(sc->path, embedded_migrations[0].sql);
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d;"
				  "INSERT INTO school (id, name) VALUES ('0e2b1b5e-1c1e-4b8e-9d55-5b7e0c3f6a01', 'Old School')",
		 embedded_migrations[0].version);
	raw_exec(sc->path, sql);
	assert_int_equal(raw_long(sc->path, "SELECT count(*) FROM sqlite_schema WHERE name = 'due_policy'"), 0);

	assert_int_equal(open_as(sc->path, "admin", &s, &err), STATUS_OK);
	smreg_close(&s);
	assert_int_equal(raw_long(sc->path, "PRAGMA user_version"), migrate_latest_version());
	assert_int_equal(raw_long(sc->path, "SELECT count(*) FROM sqlite_schema WHERE name = 'due_policy'"), 1);
	/* Schema 7 dropped the union views nothing read. */
	assert_int_equal(raw_long(sc->path, "SELECT count(*) FROM sqlite_schema "
					    "WHERE name IN ('due', 'due_all')"),
			 0);
	assert_int_equal(raw_long(sc->path, "SELECT count(*) FROM school WHERE name = 'Old School'"), 1);
	/* The audit triggers are written for every register on the way. */
	assert_int_equal(raw_long(sc->path, "SELECT count(*) FROM sqlite_schema "
					    "WHERE type = 'trigger' AND name LIKE 'audit_school_%'"),
			 3);
}

/* A register as schema 4 left it, its trail written before there were
 * hashes, gets a chain over every row it had, in seq order. */
static void an_older_audit_trail_is_chained_keeping_its_rows(void **state)
{
	struct scratch *sc = *state;
	struct smreg *s = NULL;
	struct audit_chain chain;
	struct error err;
	char sql[256];

	for (int i = 0; i < embedded_migration_count && embedded_migrations[i].version <= 4; i++)
		raw_exec(sc->path, embedded_migrations[i].sql);
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d", 4);
	raw_exec(sc->path, sql);
	/* Rows 1, 2, 7 and 8 (a gap, as rows removed long ago would leave),
	 * with empty and missing values. */
	raw_exec(sc->path,
		 "INSERT INTO audit (seq, at, login, register, record_id, action, before, after, reason) VALUES "
		 "(1, '2025-01-01T09:00:00Z', 'admin', 'school', 's1', 'insert', NULL, '{\"name\":\"A\"}', NULL),"
		 "(2, '2025-01-02T09:00:00Z', 'admin', 'school', 's1', 'update', '{}', '{}', ''),"
		 "(7, '2025-01-03T09:00:00Z', 'dsl', 'contact', 'c1', 'open', NULL, NULL, NULL),"
		 "(8, '2025-01-04T09:00:00Z', 'admin', 'school', 's1', 'delete', '{\"name\":\"A\"}', NULL, 'gone')");
	assert_int_equal(raw_long(sc->path, "SELECT count(*) FROM pragma_table_info('audit') "
					    "WHERE name = 'hash'"),
			 0);

	assert_int_equal(open_as(sc->path, "admin", &s, &err), STATUS_OK);
	assert_int_equal(audit_verify(s, 0, &chain, &err), STATUS_OK);
	assert_int_equal(chain.broken_seq, 0);
	assert_int_equal(chain.rows, 4);
	assert_int_equal(chain.head_seq, 8);
	smreg_close(&s);
	assert_int_equal(raw_long(sc->path, "SELECT group_concat(seq) = '1,2,7,8' FROM (SELECT seq FROM audit ORDER BY seq)"), 1);
	assert_int_equal(raw_long(sc->path, "SELECT count(*) FROM audit WHERE length(hash) = 32"), 4);
	assert_int_equal(raw_long(sc->path, "SELECT reason = '' AND before = '{}' FROM audit "
					    "WHERE seq = 2"),
			 1);
	/* Still never changed nor deleted, and still read a register at a time. */
	assert_int_equal(raw_long(sc->path, "SELECT count(*) FROM sqlite_schema WHERE name IN "
					    "('audit_never_changed', 'audit_never_deleted', 'audit_register', "
					    "'audit_chain')"),
			 4);
	assert_int_equal(raw_long(sc->path, "SELECT count(*) FROM sqlite_schema "
					    "WHERE name = 'audit_before_005'"),
			 0);
	/* The registers' triggers write to the new table. */
	assert_int_equal(open_as(sc->path, "admin", &s, &err), STATUS_OK);
	smreg_close(&s);
	assert_int_equal(raw_long(sc->path, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' "
					    "AND sql LIKE '%audit_before_005%'"),
			 0);
}

static void a_register_from_a_newer_smreg_is_refused_untouched(void **state)
{
	struct scratch *sc = *state;
	struct smreg *s = NULL;
	struct error err;
	struct smreg_options o = {.path = sc->path, .login = "admin", .create = true, .today = FIXTURE_TODAY};

	assert_int_equal(smreg_open(&o, &s, &err), STATUS_OK);
	smreg_close(&s);
	raw_exec(sc->path, "PRAGMA user_version = 99");
	assert_int_equal(open_as(sc->path, "admin", &s, &err), STATUS_DATABASE);
	assert_null(s);
	assert_non_null(strstr(err.text, "newer smreg"));
	assert_non_null(strstr(err.text, "schema 99"));
	assert_int_equal(raw_long(sc->path, "PRAGMA user_version"), 99);
}

static void a_file_that_is_not_a_database_is_refused(void **state)
{
	struct scratch *sc = *state;
	struct smreg *s = NULL;
	struct error err;
	FILE *f = fopen(sc->path, "w");

	assert_non_null(f);
	fputs("Dear parents, the school trip to the farm is on Friday.\n", f);
	for (int i = 0; i < 200; i++)
		fputs("This is plainly not an SQLite database file at all.\n", f);
	fclose(f);
	assert_int_equal(open_as(sc->path, "admin", &s, &err), STATUS_DATABASE);
	assert_null(s);
	assert_non_null(strstr(err.text, "not"));
}

static void someone_elses_database_is_refused(void **state)
{
	struct scratch *sc = *state;
	struct smreg *s = NULL;
	struct error err;

	raw_exec(sc->path, "CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('scones')");
	assert_int_equal(open_as(sc->path, "admin", &s, &err), STATUS_DATABASE);
	assert_null(s);
	assert_non_null(strstr(err.text, "not an smreg register"));
	assert_int_equal(raw_long(sc->path, "SELECT count(*) FROM sqlite_schema"), 1);
}

static void a_missing_register_is_not_created_unless_asked(void **state)
{
	struct scratch *sc = *state;
	struct smreg *s = NULL;
	struct error err;

	assert_int_equal(open_as(sc->path, "admin", &s, &err), STATUS_DATABASE);
	assert_non_null(strstr(err.text, "smreg init"));
	assert_int_equal(access(sc->path, F_OK), -1);
}

/* No SQL reaching smreg's connection can load code or rewrite the
 * file's structure: extensions stay off, and so does writable_schema. */
static void no_extension_is_loaded_and_the_schema_is_defended(void **state)
{
	struct scratch *sc = *state;
	struct smreg_options o = {.path = sc->path, .login = "admin", .create = true, .today = FIXTURE_TODAY};
	struct smreg *s = NULL;
	struct error err;
	char *message = NULL;

	assert_int_equal(smreg_open(&o, &s, &err), STATUS_OK);
	assert_int_not_equal(sqlite3_exec(s->db, "SELECT load_extension('/nonexistent/x.so')",
					  NULL, NULL, &message),
			     SQLITE_OK);
	assert_non_null(strstr(message, "not authorized"));
	sqlite3_free(message);
	message = NULL;
	sqlite3_exec(s->db, "PRAGMA writable_schema = ON", NULL, NULL, NULL);
	assert_int_not_equal(sqlite3_exec(s->db, "UPDATE sqlite_schema SET sql = '' "
						 "WHERE name = 'audit_never_changed'",
					  NULL, NULL, &message),
			     SQLITE_OK);
	sqlite3_free(message);
	smreg_close(&s);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, scratch_setup, scratch_teardown)
	const struct CMUnitTest tests[] = {
		T(an_older_register_is_migrated_keeping_its_records),
		T(an_older_audit_trail_is_chained_keeping_its_rows),
		T(a_register_from_a_newer_smreg_is_refused_untouched),
		T(a_file_that_is_not_a_database_is_refused),
		T(someone_elses_database_is_refused),
		T(a_missing_register_is_not_created_unless_asked),
		T(no_extension_is_loaded_and_the_schema_is_defended),
	};
#undef T

	return cmocka_run_group_tests(tests, NULL, NULL);
}
