/* The due views' rows kept between runs: see include/core/due_cache.h. */
#include "core/due_cache.h"

#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "private.h"

/* The key the rows were stored under is the key now: the same day as the
 * views see it, the same schema, and no write to a register since (reads
 * and openings leave audit rows too, and change nothing). */
#define CURRENT_CONDITION                                                            \
	"EXISTS (SELECT 1 FROM due_cache_key AS k "                                  \
	"WHERE k.today = date('now', 'localtime') "                                  \
	"AND k.schema_version = (SELECT schema_version FROM pragma_schema_version) " \
	"AND NOT EXISTS (SELECT 1 FROM audit AS a WHERE a.seq > k.audit_seq "        \
	"AND a.action NOT IN ('read', 'open')))"
#define CURRENT_SQL "SELECT " CURRENT_CONDITION

/* One statement, so the count read is current at the moment it is read. */
#define TOTAL_SQL \
	"SELECT c.current FROM due_cache_count AS c WHERE c.register = ? AND " CURRENT_CONDITION

int due_cache_current(struct smreg *s, bool *current, struct error *err)
{
	char *answer = NULL;
	int rc = db_query_text(s, CURRENT_SQL, NULL, &answer, err);

	*current = rc == STATUS_OK && answer != NULL && strcmp(answer, "1") == 0;
	free(answer);
	return rc;
}

int due_cache_total(struct smreg *s, const char *register_name, bool *found, long *count,
		    struct error *err)
{
	sqlite3_stmt *stmt;
	int rc = db_prepare(s, TOTAL_SQL, &stmt, err);

	*found = false;
	if (rc != STATUS_OK)
		return rc;
	db_bind_text(stmt, 1, register_name);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		*count = (long)sqlite3_column_int64(stmt, 0);
		*found = true;
	}
	rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? STATUS_OK : db_error(s, rc, err);
	db_release(stmt);
	return rc;
}

/* One register's count, by store.c's own statement, stored. */
static int fill_total(struct smreg *s, const struct due_cache_total *total, struct error *err)
{
	sqlite3_stmt *stmt;
	sqlite3_int64 count = 0;
	int rc = total->sql ? db_prepare(s, total->sql, &stmt, err)
			    : error_set(err, STATUS_DATABASE, NULL, "out of memory");

	if (rc != STATUS_OK)
		return rc;
	bind_context(s, stmt);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		count = sqlite3_column_int64(stmt, 0);
	rc = rc == SQLITE_ROW ? STATUS_OK : db_error(s, rc, err);
	db_release(stmt);
	if (rc == STATUS_OK)
		rc = db_prepare(s, "INSERT INTO due_cache_count (register, current) VALUES (?, ?)",
				&stmt, err);
	if (rc != STATUS_OK)
		return rc;
	db_bind_text(stmt, 1, total->register_name);
	sqlite3_bind_int64(stmt, 2, count);
	rc = sqlite3_step(stmt);
	rc = rc == SQLITE_DONE ? STATUS_OK : db_error(s, rc, err);
	db_release(stmt);
	return rc;
}

/* Every view's rows, each view once, every register's count, and the key
 * they were computed under; inside the caller's write transaction. */
static int fill(struct smreg *s, const char *const *views, size_t count,
		const struct due_cache_total *totals, size_t total_count, struct error *err)
{
	int rc = db_exec(s, "DELETE FROM due_cache; DELETE FROM due_cache_count", err);

	for (size_t i = 0; i < count && rc == STATUS_OK; i++) {
		char *sql = text_format("INSERT INTO due_cache (view, code, severity, register, "
					"record_id, school, subject, detail, due_on, pupil) SELECT '%s', "
					"code, severity, register, record_id, school, subject, detail, "
					"due_on, pupil FROM %s",
					views[i], views[i]);

		rc = sql ? db_exec(s, sql, err) : error_set(err, STATUS_DATABASE, NULL, "out of memory");
		free(sql);
	}
	for (size_t i = 0; i < total_count && rc == STATUS_OK; i++)
		rc = fill_total(s, &totals[i], err);
	if (rc == STATUS_OK)
		rc = db_exec(s, "INSERT OR REPLACE INTO due_cache_key (one, today, schema_version, audit_seq) "
				"VALUES (1, date('now', 'localtime'), "
				"(SELECT schema_version FROM pragma_schema_version), "
				"(SELECT coalesce(max(seq), 0) FROM audit))",
			     err);
	return rc;
}

/* Take the write lock at once or not at all: a warnings screen does not
 * wait behind another person's import to store what it can compute. */
static bool begin_without_waiting(struct smreg *s)
{
	int rc;

	sqlite3_busy_timeout(s->db, 0);
	rc = sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	sqlite3_busy_timeout(s->db, BUSY_TIMEOUT_MS);
	return rc == SQLITE_OK;
}

int due_cache_refresh(struct smreg *s, const char *const *views, size_t count,
		      const struct due_cache_total *totals, size_t total_count, bool *stored,
		      struct error *err)
{
	int rc = due_cache_current(s, stored, err);

	if (rc != STATUS_OK || *stored)
		return rc;
	if (!sqlite3_get_autocommit(s->db) || sqlite3_db_readonly(s->db, "main") != 0 ||
	    !begin_without_waiting(s))
		return STATUS_OK;
	/* Another smreg may have stored them while this one waited to begin. */
	rc = due_cache_current(s, stored, err);
	if (rc == STATUS_OK && !*stored)
		rc = fill(s, views, count, totals, total_count, err);
	if (rc == STATUS_OK)
		rc = db_commit(s, err);
	else
		db_rollback(s);
	*stored = rc == STATUS_OK;
	return rc;
}
