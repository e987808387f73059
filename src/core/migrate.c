/*
 * Schema versions: the migrations of schema/ applied in order, in one
 * transaction, and the audit triggers written from the tables themselves.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/record.h"
#include "core/search.h"
#include "core/text.h"
#include "private.h"

int migrate_latest_version(void)
{
	return embedded_migrations[embedded_migration_count - 1].version;
}

static int user_version(struct smreg *s, int *version, struct error *err)
{
	char *text = NULL;
	int rc = db_query_text(s, "PRAGMA user_version", NULL, &text, err);

	*version = text ? atoi(text) : 0;
	free(text);
	return rc;
}

/* The columns of a table that the audit trail records. */
static int audited_columns(struct smreg *s, const char *table, char ***names, int *count,
			   struct error *err)
{
	char *sql = text_format("SELECT name FROM pragma_table_info('%s') "
				"WHERE name <> 'row_version' ORDER BY cid",
				table);
	sqlite3_stmt *stmt;
	int rc;

	*names = NULL;
	*count = 0;
	if (sql == NULL)
		return error_set(err, STATUS_DATABASE, NULL, "out of memory");
	rc = sqlite3_prepare_v2(s->db, sql, -1, &stmt, NULL);
	free(sql);
	if (rc != SQLITE_OK)
		return db_error(s, rc, err);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		char **grown = realloc(*names, (size_t)(*count + 1) * sizeof *grown);

		if (grown == NULL)
			break;
		*names = grown;
		(*names)[(*count)++] = db_column_dup(stmt, 0);
	}
	rc = rc == SQLITE_DONE ? STATUS_OK : db_error(s, rc, err);
	sqlite3_finalize(stmt);
	return rc;
}

static void free_names(char **names, int count)
{
	for (int i = 0; i < count; i++)
		free(names[i]);
	free(names);
}

/* "SELECT 'a' AS k, OLD."a" AS o, NEW."a" AS n UNION ALL SELECT ..." */
static char *pairs_sql(char **names, int count, const char *old_row, const char *new_row)
{
	char *sql = strdup("");

	for (int i = 0; sql != NULL && i < count; i++) {
		char *more = text_format("%s%sSELECT '%s'%s, %s.\"%s\"%s, %s.\"%s\"%s", sql,
					 i ? " UNION ALL " : "", names[i], i ? "" : " AS k",
					 old_row, names[i], i ? "" : " AS o",
					 new_row, names[i], i ? "" : " AS n");

		free(sql);
		sql = more;
	}
	return sql;
}

/*
 * "json_patch('{}', json_object('a', NEW."a", ...))": a row's values as a
 * JSON object without its empty fields (a merge patch drops nulls).  Far
 * cheaper per row than gathering pairs, which the import of thousands of
 * rows feels.
 */
static char *object_sql(char **names, int count, const char *row)
{
	char *sql = strdup("");
	char *object;

	for (int i = 0; sql != NULL && i < count; i++) {
		char *more = text_format("%s%s'%s', %s.\"%s\"", sql, i ? ", " : "", names[i], row,
					 names[i]);

		free(sql);
		sql = more;
	}
	object = sql ? text_format("json_patch('{}', json_object(%s))", sql) : NULL;
	free(sql);
	return object;
}

/* "OLD."a" IS NOT NEW."a" OR ..." : the update changed something worth recording. */
static char *changed_sql(char **names, int count)
{
	char *sql = strdup("0");

	for (int i = 0; sql != NULL && i < count; i++) {
		char *more = text_format("%s OR OLD.\"%s\" IS NOT NEW.\"%s\"", sql, names[i], names[i]);

		free(sql);
		sql = more;
	}
	return sql;
}

static char *audit_triggers_sql(const struct record_type *type, char **names, int count)
{
	char *new_object = object_sql(names, count, "NEW");
	char *old_object = object_sql(names, count, "OLD");
	/* A change records only the fields it changed, before and after. */
	char *both_pairs = pairs_sql(names, count, "OLD", "NEW");
	char *changed = changed_sql(names, count);
	char *action = type->end_field
			       ? text_format("CASE WHEN OLD.\"%s\" IS NULL AND NEW.\"%s\" IS NOT NULL "
					     "THEN 'close' ELSE 'update' END",
					     type->end_field, type->end_field)
			       : strdup("'update'");
	const char *t = type->name;
	char *sql = NULL;

	if (new_object && old_object && both_pairs && changed && action)
		sql = text_format(
			"DROP TRIGGER IF EXISTS audit_%s_insert;"
			"DROP TRIGGER IF EXISTS audit_%s_update;"
			"DROP TRIGGER IF EXISTS audit_%s_delete;"
			"CREATE TRIGGER audit_%s_insert AFTER INSERT ON \"%s\" BEGIN "
			"INSERT INTO audit (at, login, register, record_id, action, before, after, reason) "
			"VALUES (smreg_now(), smreg_login(), '%s', NEW.id, 'insert', NULL, "
			"%s, smreg_reason()); END;"
			"CREATE TRIGGER audit_%s_update AFTER UPDATE ON \"%s\" WHEN %s BEGIN "
			"INSERT INTO audit (at, login, register, record_id, action, before, after, reason) "
			"SELECT smreg_now(), smreg_login(), '%s', NEW.id, %s, "
			"json_group_object(k, o), json_group_object(k, n), smreg_reason() "
			"FROM (%s) WHERE o IS NOT n; END;"
			/* A purge's deletions leave no content behind: its
			 * disposal log entry records them (retention.c). */
			"CREATE TRIGGER audit_%s_delete AFTER DELETE ON \"%s\" "
			"WHEN NOT smreg_purging() BEGIN "
			"INSERT INTO audit (at, login, register, record_id, action, before, after, reason) "
			"VALUES (smreg_now(), smreg_login(), '%s', OLD.id, 'delete', "
			"%s, NULL, smreg_reason()); END;",
			t, t, t,
			t, t, t, new_object,
			t, t, changed, t, action, both_pairs,
			t, t, t, old_object);
	free(new_object);
	free(old_object);
	free(both_pairs);
	free(changed);
	free(action);
	return sql;
}

/*
 * Every register gets insert, update and delete triggers that write the
 * audit trail.  They are written from the tables as they now stand, so a
 * column added by a migration is audited without anyone remembering to.
 */
static int write_audit_triggers(struct smreg *s, struct error *err)
{
	size_t n;
	const struct record_type *const *types = record_types(&n);
	int rc = STATUS_OK;

	for (size_t i = 0; i < n && rc == STATUS_OK; i++) {
		char **names;
		int count;
		char *sql;

		rc = audited_columns(s, types[i]->name, &names, &count, err);
		if (rc != STATUS_OK)
			break;
		sql = audit_triggers_sql(types[i], names, count);
		rc = sql ? db_exec(s, sql, err) : error_set(err, STATUS_DATABASE, NULL, "out of memory");
		free(sql);
		free_names(names, count);
	}
	return rc;
}

/* A database with tables but no smreg version is someone else's file. */
static int refuse_foreign(struct smreg *s, struct error *err)
{
	char *tables = NULL;
	int rc = db_query_text(s, "SELECT count(*) FROM sqlite_schema", NULL, &tables, err);

	if (rc == STATUS_OK && tables != NULL && atoi(tables) > 0)
		rc = error_set(err, STATUS_DATABASE, NULL,
			       "%s is an SQLite database, but not an smreg register", s->path);
	free(tables);
	return rc;
}

/*
 * Drop the audit triggers written for each register (write_audit_triggers
 * writes them again once the migrations are done).  They name the audit
 * table, so a migration that rebuilds it (012 renames it away and back)
 * would leave them naming a table that is gone, and the next ALTER TABLE
 * refuses the whole schema: an older register could not be opened.
 */
static int drop_audit_triggers(struct smreg *s, struct error *err)
{
	size_t n;
	const struct record_type *const *types = record_types(&n);
	int rc = STATUS_OK;

	for (size_t i = 0; i < n && rc == STATUS_OK; i++) {
		const char *t = types[i]->name;
		char *sql = text_format("DROP TRIGGER IF EXISTS audit_%s_insert;"
					"DROP TRIGGER IF EXISTS audit_%s_update;"
					"DROP TRIGGER IF EXISTS audit_%s_delete;",
					t, t, t);

		rc = sql ? db_exec(s, sql, err) : error_set(err, STATUS_DATABASE, NULL, "out of memory");
		free(sql);
	}
	return rc;
}

static int apply(struct smreg *s, int from, struct error *err)
{
	char version_sql[64];
	int rc = drop_audit_triggers(s, err);

	for (int i = 0; i < embedded_migration_count && rc == STATUS_OK; i++) {
		if (embedded_migrations[i].version <= from)
			continue;
		rc = db_exec(s, embedded_migrations[i].sql, err);
		if (rc != STATUS_OK) {
			char why[sizeof err->text];

			snprintf(why, sizeof why, "%s", err->text);
			error_set(err, STATUS_DATABASE, NULL, "migration %s failed: %s",
				  embedded_migrations[i].name, why);
		}
	}
	if (rc == STATUS_OK)
		rc = write_audit_triggers(s, err);
	/* The migrations wrote rows without the audit trail the filter's
	 * index follows, and may have renumbered them. */
	if (rc == STATUS_OK)
		rc = search_rebuild(s, err);
	snprintf(version_sql, sizeof version_sql, "PRAGMA user_version = %d",
		 migrate_latest_version());
	if (rc == STATUS_OK)
		rc = db_exec(s, version_sql, err);
	return rc;
}

int migrate(struct smreg *s, struct error *err)
{
	int latest = migrate_latest_version();
	int version;
	int rc = user_version(s, &version, err);

	if (rc != STATUS_OK || version == latest)
		return rc;
	if (version > latest)
		return error_set(err, STATUS_DATABASE, NULL,
				 "%s was written by a newer smreg (schema %d; this smreg knows up to %d): "
				 "use that smreg, or upgrade this one",
				 s->path, version, latest);
	if (version == 0 && refuse_foreign(s, err) != STATUS_OK)
		return err->status;
	rc = db_begin(s, err);
	/* Another smreg may have migrated while this one waited for the lock. */
	if (rc == STATUS_OK)
		rc = user_version(s, &version, err);
	if (rc == STATUS_OK && version < latest)
		rc = apply(s, version, err);
	if (rc == STATUS_OK)
		return db_commit(s, err);
	db_rollback(s);
	return rc;
}
