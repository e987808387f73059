/* The audit trail, as each role may read it, and the reads it records. */
#include "core/audit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/access.h"
#include "core/json.h"
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

/*
 * A read as a sentence: "page: 2 rows, filter "Li": 1a2b3c4d 5e6f7a8b",
 * "export: 200 rows, ended too" (audit_record_read below says what a read's
 * "after" holds).
 */
#define READ_SUMMARY                                                                          \
	"json_extract(a.after, '$.read') || ': ' || json_extract(a.after, '$.rows') || "      \
	"CASE json_extract(a.after, '$.rows') WHEN 1 THEN ' row' ELSE ' rows' END || "        \
	"coalesce(', filter \"' || json_extract(a.after, '$.filter') || '\"', '') || "        \
	"coalesce(', ' || (SELECT group_concat(w.key || ' ' || substr(w.value, 1, 8), ', ') " \
	"FROM json_each(a.after, '$.where') AS w), '') || "                                   \
	"CASE WHEN json_extract(a.after, '$.all') THEN ', ended too' ELSE '' END || "         \
	"coalesce(': ' || (SELECT group_concat(substr(i.value, 1, 8), ' ') "                  \
	"FROM json_each(a.after, '$.ids') AS i), '')"

/*
 * A change to a user who holds the dsl role, or held it before the change,
 * or gains it: who can read the safeguarding records is the DSL's business,
 * so that an admin cannot give themselves the role, read, and take it back
 * unseen.
 */
#define HAS_DSL(roles) "instr(';' || coalesce(" roles ", '') || ';', ';dsl;') > 0"
/* clang-format off */
#define DSL_CHANGE \
	"register = 'user' AND (" HAS_DSL("json_extract(a.before, '$.roles')") " OR " \
	HAS_DSL("json_extract(a.after, '$.roles')") " OR " \
	"EXISTS (SELECT 1 FROM user AS u WHERE u.id = a.record_id AND " HAS_DSL("u.roles") "))"
/* clang-format on */

/*
 * "AND (a.register <> 'contact' OR ... a.record_id IN (visible ones))" for
 * every register whose trail the user reads but not every record of: a
 * record's trail holds its text, so it is read as the record is (a concern
 * about a member of staff, never by them).
 */
/* sql and, for each register with a reference to hidden (an action's
 * contact), no row whose read named a record of hidden the user may not
 * see ("where": {"contact": ID}).  Takes sql; the caller frees the result. */
static char *hidden_by_where(struct smreg *s, char *sql, const struct record_type *hidden)
{
	size_t n;
	const struct record_type *const *types = record_types(&n);

	for (size_t r = 0; sql != NULL && r < n; r++)
		for (size_t f = 0; sql != NULL && f < types[r]->field_count; f++) {
			const struct field *field = &types[r]->fields[f];
			char *named;
			char *visible;
			char *more;

			if (field->type != FIELD_REF || strcmp(field->target, hidden->name) != 0)
				continue;
			named = text_format("json_extract(a.after, '$.where.%s')", field->name);
			visible = named ? visible_id_sql(s, hidden, named) : NULL;
			more = visible ? text_format("%s AND NOT (a.register = '%s' AND coalesce(%s, '') "
						     "<> '' AND NOT %s)",
						     sql, types[r]->name, named, visible)
				       : NULL;
			free(named);
			free(visible);
			free(sql);
			sql = more;
		}
	return sql;
}

/* The condition on a row of type's trail: the record it is about (its id,
 * or the one a read named) and every record a read listed may be seen. */
static char *hidden_in(struct smreg *s, char *sql, const struct record_type *type)
{
	const char *about = "coalesce(nullif(a.record_id, ''), json_extract(a.after, '$.where.id'))";
	char *about_visible = visible_id_sql(s, type, about);
	char *listed_visible = visible_id_sql(s, type, "j.value");
	char *more = about_visible && listed_visible
			     ? text_format("%s AND (a.register <> '%s' OR ((coalesce(%s, '') = '' OR %s) "
					   "AND NOT EXISTS (SELECT 1 FROM json_each(a.after, '$.ids') AS j "
					   "WHERE NOT %s)))",
					   sql, type->name, about, about_visible, listed_visible)
			     : NULL;

	free(about_visible);
	free(listed_visible);
	free(sql);
	return more ? hidden_by_where(s, more, type) : NULL;
}

/* " AND ..." for every register whose trail the user reads but not every
 * record of; "" when none.  The caller frees it. */
static char *hidden_records(struct smreg *s)
{
	size_t n;
	const struct record_type *const *types = record_types(&n);
	char *sql = strdup("");

	for (size_t i = 0; sql != NULL && i < n; i++) {
		char *visible;
		bool all;

		if (!(access_mine(s, types[i]) & CAN_AUDIT))
			continue;
		visible = visible_sql(s, types[i], "t");
		all = visible != NULL && strcmp(visible, "1") == 0;
		if (visible == NULL) {
			free(sql);
			sql = NULL;
		} else if (!all) {
			sql = hidden_in(s, sql, types[i]);
		}
		free(visible);
	}
	return sql;
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
	char *hidden = hidden_records(s);
	char *sql = NULL;
	sqlite3_stmt *stmt;
	int stop = 0;
	int rc;

	if (registers == NULL || hidden == NULL) {
		free(registers);
		free(hidden);
		return error_set(err, STATUS_DATABASE, NULL, "out of memory");
	}
	if (registers[0] == '\0') {
		free(registers);
		free(hidden);
		return error_set(err, STATUS_DENIED, NULL,
				 "permission denied: only admins and the DSL may read the audit trail");
	}
	sql = text_format("SELECT seq, at, login, register, record_id, action, before, after, reason, "
			  "CASE WHEN action IN ('update', 'close') THEN (SELECT group_concat("
			  "j.key || ': ' || coalesce(json_extract(a.before, '$.' || j.key), '-') || "
			  "' \u2192 ' || coalesce(j.value, '-'), '; ') FROM json_each(a.after) AS j) "
			  "WHEN action = 'read' THEN " READ_SUMMARY " END "
			  "FROM audit AS a WHERE (register IN (%s) OR (:dsl AND " DSL_CHANGE ")) "
			  "AND (:register IS NULL OR register = :register) "
			  "AND (:record IS NULL OR record_id = :record OR (action = 'read' AND "
			  "EXISTS (SELECT 1 FROM json_each(a.after, '$.ids') AS j WHERE j.value = :record))) "
			  "%s ORDER BY seq DESC LIMIT :limit",
			  registers, hidden);
	free(registers);
	free(hidden);
	rc = sql ? db_prepare(s, sql, &stmt, err)
		 : error_set(err, STATUS_DATABASE, NULL, "out of memory");
	free(sql);
	if (rc != STATUS_OK)
		return rc;
	bind_context(s, stmt);
	sqlite3_bind_int(stmt, sqlite3_bind_parameter_index(stmt, ":dsl"),
			 (s->roles & ROLE_DSL) != 0);
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

/* --- reads of safeguarding records are recorded -------------------------- */

/* The ids as a JSON array, or NULL for none; the caller frees it. */
static char *ids_json(char *const *ids, size_t count, bool *failed)
{
	char *json = NULL;
	size_t size = 0;
	FILE *out;

	*failed = false;
	if (ids == NULL)
		return NULL;
	out = open_memstream(&json, &size);
	if (out == NULL) {
		*failed = true;
		return NULL;
	}
	fputc('[', out);
	for (size_t i = 0; i < count; i++) {
		if (i > 0)
			fputc(',', out);
		json_write_string(out, ids[i]);
	}
	fputc(']', out);
	if (fclose(out) != 0) {
		free(json);
		json = NULL;
		*failed = true;
	}
	return json;
}

/*
 * Record a read of type in the audit trail: action 'read', record_id ""
 * and in "after" what was read, as
 *   {"read": how, "filter": ..., "all": true, "where": {field: value},
 *    "rows": N, "ids": [...]}
 * (filter, all, where and ids only when there are some): how is "page"
 * for a page (with the ids read), "list" or "export" for a walk, "search"
 * for a count with a filter.  The same read again straight after (the UI
 * fetching the page it already showed, after a write elsewhere) is not
 * recorded twice.
 */
int audit_record_read(struct smreg *s, const struct record_type *type,
		      const struct audit_read_note *n, struct error *err)
{
	const char *how = n->how;
	const char *filter = n->filter && n->filter[0] ? n->filter : NULL;
	long rows = n->rows;
	bool failed;
	char *ids = ids_json(n->ids, n->id_count, &failed);
	char *key = failed ? NULL
			   : text_format("%s\n%s\n%s\n%d\n%s\n%s\n%ld\n%s", type->name, how,
					 filter ? filter : "", n->all,
					 n->where_field ? n->where_field : "",
					 n->where_value ? n->where_value : "", rows, ids ? ids : "");
	sqlite3_stmt *stmt;
	int rc;

	if (key == NULL) {
		free(ids);
		return error_set(err, STATUS_DATABASE, NULL, "out of memory");
	}
	if (s->last_read != NULL && strcmp(s->last_read, key) == 0) {
		free(ids);
		free(key);
		return STATUS_OK;
	}
	rc = db_prepare(s, "INSERT INTO audit (at, login, register, record_id, action, after) "
			   "VALUES (smreg_now(), smreg_login(), :register, '', 'read', "
			   "json_patch('{}', json_object('read', :how, 'filter', :filter, "
			   "'all', CASE WHEN :all THEN json('true') END, "
			   "'where', CASE WHEN :field IS NOT NULL THEN json_object(:field, :value) END, "
			   "'rows', :rows, 'ids', json(:ids))))",
			&stmt, err);
	if (rc == STATUS_OK) {
		db_bind_text(stmt, sqlite3_bind_parameter_index(stmt, ":register"), type->name);
		db_bind_text(stmt, sqlite3_bind_parameter_index(stmt, ":how"), how);
		db_bind_text(stmt, sqlite3_bind_parameter_index(stmt, ":filter"), filter);
		sqlite3_bind_int(stmt, sqlite3_bind_parameter_index(stmt, ":all"), n->all);
		db_bind_text(stmt, sqlite3_bind_parameter_index(stmt, ":field"), n->where_field);
		db_bind_text(stmt, sqlite3_bind_parameter_index(stmt, ":value"), n->where_value);
		sqlite3_bind_int64(stmt, sqlite3_bind_parameter_index(stmt, ":rows"), rows);
		db_bind_text(stmt, sqlite3_bind_parameter_index(stmt, ":ids"), ids);
		rc = sqlite3_step(stmt);
		rc = rc == SQLITE_DONE ? STATUS_OK : db_error(s, rc, err);
		db_release(stmt);
	}
	free(ids);
	/* Remembered only once written for good: a transaction that is
	 * rolled back takes its row with it. */
	free(s->last_read);
	s->last_read = rc == STATUS_OK && sqlite3_get_autocommit(s->db) ? key : NULL;
	if (s->last_read != key)
		free(key);
	return rc;
}

int audit_found(struct smreg *s, const struct record_type *type, const char *filter,
		char *const *ids, size_t count, struct error *err)
{
	struct audit_read_note n = {
		.how = "search",
		.filter = filter,
		.rows = (long)count,
		.ids = ids,
		.id_count = count,
	};

	if (!(type->flags & RECORD_AUDIT_OPENS) || count == 0)
		return STATUS_OK;
	return audit_record_read(s, type, &n, err);
}
