/* The audit trail, as each role may read it. */
#include "core/audit.h"

#include <stdlib.h>
#include <string.h>

#include "core/access.h"
#include "core/record.h"
#include "core/text.h"
#include "private.h"

/* "'school','person',..." for the registers whose trail the user may read. */
static char *auditable_registers(struct smreg *s)
{
	size_t n;
	const struct record_type *const *types = record_types(&n);
	char *list = strdup("");

	for (size_t i = 0; list != NULL && i < n; i++) {
		char *more;

		if (!(access_mine(s, types[i]) & CAN_AUDIT))
			continue;
		more = text_format("%s%s'%s'", list, list[0] ? "," : "", types[i]->name);
		free(list);
		list = more;
	}
	return list;
}

static const char *column(sqlite3_stmt *stmt, int i)
{
	return (const char *)sqlite3_column_text(stmt, i);
}

int audit_each(struct smreg *s, const struct audit_query *q,
	       int (*each)(const struct audit_entry *entry, void *arg), void *arg,
	       struct error *err)
{
	char *registers = auditable_registers(s);
	char *sql = NULL;
	sqlite3_stmt *stmt;
	int stop = 0;
	int rc;

	if (registers == NULL)
		return error_set(err, STATUS_DATABASE, NULL, "out of memory");
	if (registers[0] == '\0') {
		free(registers);
		return error_set(err, STATUS_DENIED, NULL,
				 "permission denied: only admins and the DSL may read the audit trail");
	}
	sql = text_format("SELECT seq, at, login, register, record_id, action, before, after, reason, "
			  "CASE WHEN action IN ('update', 'close') THEN (SELECT group_concat("
			  "j.key || ': ' || coalesce(json_extract(a.before, '$.' || j.key), '-') || "
			  "' \u2192 ' || coalesce(j.value, '-'), '; ') FROM json_each(a.after) AS j) END "
			  "FROM audit AS a WHERE register IN (%s) "
			  "AND (:register IS NULL OR register = :register) "
			  "AND (:record IS NULL OR record_id = :record) "
			  "ORDER BY seq DESC LIMIT :limit", registers);
	free(registers);
	rc = sql ? db_prepare(s, sql, &stmt, err)
		 : error_set(err, STATUS_DATABASE, NULL, "out of memory");
	free(sql);
	if (rc != STATUS_OK)
		return rc;
	db_bind_text(stmt, sqlite3_bind_parameter_index(stmt, ":register"), q->register_name);
	db_bind_text(stmt, sqlite3_bind_parameter_index(stmt, ":record"), q->record_id);
	sqlite3_bind_int64(stmt, sqlite3_bind_parameter_index(stmt, ":limit"),
			   q->limit > 0 ? q->limit : -1);
	while (stop == 0 && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct audit_entry e = {
			.seq = sqlite3_column_int64(stmt, 0),
			.at = column(stmt, 1),
			.login = column(stmt, 2),
			.register_name = column(stmt, 3),
			.record_id = column(stmt, 4),
			.action = column(stmt, 5),
			.before = column(stmt, 6),
			.after = column(stmt, 7),
			.reason = column(stmt, 8),
			.changes = column(stmt, 9),
		};

		stop = each(&e, arg);
	}
	if (stop != 0)
		rc = stop;
	else
		rc = rc == SQLITE_DONE ? STATUS_OK : db_error(s, rc, err);
	db_release(stmt);
	return rc;
}
