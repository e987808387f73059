/*
 * Retention, legal holds and the purge (core/retention.h).  Which records
 * are due is the schema's view retention_due; this module decides who may
 * purge what, and removes it without a trace.
 */
#include "core/retention.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/access.h"
#include "core/edit.h"
#include "core/ref.h"
#include "core/search.h"
#include "core/smreg.h"
#include "core/text.h"
#include "private.h"

/* Whoever may write a register purges it: the admin most registers, the
 * DSL contact reports and their actions.  But as with a delete, only one
 * who may read every register that can refer to it: a pupil is not due
 * while a contact report names them, and an admin would learn which
 * pupils have one. */
static bool may_purge(struct smreg *s, const struct record_type *type)
{
	return type != NULL && (access_mine(s, type) & CAN_WRITE) &&
	       edit_hidden_referrer(s, type) == NULL;
}

/* The rows of retention_due of type that the user may see: never a report
 * about themselves, say.  The caller frees it. */
static char *due_rows_sql(struct smreg *s, const struct record_type *type, const char *columns)
{
	char *visible = visible_id_sql(s, type, "d.record_id");
	char *sql = visible ? text_format("SELECT %s FROM retention_due AS d WHERE d.register = "
					  "'%s' AND %s",
					  columns, type->name, visible)
			    : NULL;

	free(visible);
	return sql;
}

void retention_list_free(struct retention_list **lp)
{
	struct retention_list *list = *lp;

	if (list == NULL)
		return;
	for (size_t i = 0; i < list->count; i++) {
		free(list->items[i].record_id);
		free(list->items[i].subject);
		free(list->items[i].rule);
	}
	for (size_t i = 0; i < list->kept_count; i++)
		free(list->kept[i].why);
	free(list->kept);
	free(list->items);
	free(list);
	*lp = NULL;
}

static int list_append(struct retention_list *list, size_t *capacity, sqlite3_stmt *stmt,
		       const struct record_type *type)
{
	struct retention_item *item;
	const char *due_on = (const char *)sqlite3_column_text(stmt, 4);

	if (list->count == *capacity) {
		size_t grown = *capacity ? *capacity * 2 : 32;
		struct retention_item *items = realloc(list->items, grown * sizeof *items);

		if (items == NULL)
			return -1;
		list->items = items;
		*capacity = grown;
	}
	item = &list->items[list->count++];
	item->type = type;
	item->record_id = db_column_dup(stmt, 1);
	item->subject = db_column_dup(stmt, 2);
	item->rule = db_column_dup(stmt, 3);
	snprintf(item->due_on, sizeof item->due_on, "%s", due_on ? due_on : "");
	return item->record_id && item->rule ? 0 : -1;
}

static int compare_items(const void *a, const void *b)
{
	const struct retention_item *x = a;
	const struct retention_item *y = b;
	int c = strcmp(x->type->name, y->type->name);

	if (c == 0)
		c = strcmp(x->due_on, y->due_on);
	if (c == 0)
		c = strcmp(x->subject ? x->subject : "", y->subject ? y->subject : "");
	return c;
}

/* The rows of type the user may purge, appended to list. */
static int due_of_type(struct smreg *s, const struct record_type *type, struct retention_list *list,
		       size_t *capacity, struct error *err)
{
	char *sql = due_rows_sql(s, type, "d.register, d.record_id, d.subject, d.rule, d.due_on");
	sqlite3_stmt *stmt;
	int rc = sql ? db_prepare(s, sql, &stmt, err)
		     : error_set(err, STATUS_DATABASE, NULL, "out of memory");

	free(sql);
	if (rc != STATUS_OK)
		return rc;
	bind_context(s, stmt);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		if (list_append(list, capacity, stmt, type) != 0) {
			rc = SQLITE_NOMEM;
			break;
		}
	rc = rc == SQLITE_DONE ? STATUS_OK : db_error(s, rc, err);
	db_release(stmt);
	return rc;
}

/* How many of type's records, of those the user may see, retention_kept
 * holds, by why; appended to list->kept. */
static int kept_of_type(struct smreg *s, const struct record_type *type,
			struct retention_list *list, struct error *err)
{
	char *visible = visible_id_sql(s, type, "k.record_id");
	char *sql = visible ? text_format("SELECT k.why, count(*) FROM retention_kept AS k "
					  "WHERE k.register = '%s' AND %s GROUP BY k.why",
					  type->name, visible)
			    : NULL;
	sqlite3_stmt *stmt;
	int rc = sql ? db_prepare(s, sql, &stmt, err)
		     : error_set(err, STATUS_DATABASE, NULL, "out of memory");

	free(visible);
	free(sql);
	if (rc != STATUS_OK)
		return rc;
	bind_context(s, stmt);
	while (rc == STATUS_OK && sqlite3_step(stmt) == SQLITE_ROW) {
		struct retention_kept *more = realloc(list->kept, (list->kept_count + 1) * sizeof *more);

		if (more == NULL) {
			rc = error_set(err, STATUS_DATABASE, NULL, "out of memory");
			break;
		}
		list->kept = more;
		more[list->kept_count].type = type;
		more[list->kept_count].count = sqlite3_column_int64(stmt, 1);
		if ((more[list->kept_count++].why = db_column_dup(stmt, 0)) == NULL)
			rc = error_set(err, STATUS_DATABASE, NULL, "out of memory");
	}
	db_release(stmt);
	return rc;
}

int retention_due_list(struct smreg *s, struct retention_list **out, struct error *err)
{
	struct retention_list *list = calloc(1, sizeof *list);
	size_t capacity = 0, n;
	const struct record_type *const *types = record_types(&n);
	int rc = STATUS_OK;

	*out = NULL;
	if (list == NULL)
		return error_set(err, STATUS_DATABASE, NULL, "out of memory");
	for (size_t i = 0; i < n && rc == STATUS_OK; i++)
		if (may_purge(s, types[i]))
			rc = due_of_type(s, types[i], list, &capacity, err);
	for (size_t i = 0; i < n && rc == STATUS_OK; i++)
		if (may_purge(s, types[i]))
			rc = kept_of_type(s, types[i], list, err);
	if (rc != STATUS_OK)
		retention_list_free(&list);
	else if (list->count > 1)
		qsort(list->items, list->count, sizeof list->items[0], compare_items);
	*out = list;
	return rc;
}

/* --- the purge ----------------------------------------------------------- */

/* The records a purge removes, in temp.purge_set: those due that the user
 * may purge (depth 0), then the records related to them (depth 1, 2...). */
static int gather(struct smreg *s, struct error *err)
{
	size_t n;
	const struct record_type *const *types = record_types(&n);
	int rc = db_exec(s, "CREATE TEMP TABLE IF NOT EXISTS purge_set (register TEXT NOT NULL, "
			    "id TEXT NOT NULL, rule TEXT NOT NULL, depth INTEGER NOT NULL); "
			    "DELETE FROM temp.purge_set",
			 err);

	for (size_t i = 0; i < n && rc == STATUS_OK; i++) {
		sqlite3_stmt *stmt;

		char *rows, *sql;

		if (!may_purge(s, types[i]))
			continue;
		rows = due_rows_sql(s, types[i], "d.register, d.record_id, d.rule, 0");
		sql = rows ? text_format("INSERT INTO temp.purge_set %s", rows) : NULL;
		free(rows);
		rc = sql ? db_prepare(s, sql, &stmt, err)
			 : error_set(err, STATUS_DATABASE, NULL, "out of memory");
		free(sql);
		if (rc != STATUS_OK)
			break;
		bind_context(s, stmt);
		rc = sqlite3_step(stmt) == SQLITE_DONE ? STATUS_OK : db_error(s, sqlite3_errcode(s->db), err);
		db_release(stmt);
	}
	/* A record's related records go with it; their relations too. */
	for (int depth = 0; depth < 4 && rc == STATUS_OK; depth++)
		for (size_t i = 0; i < n && rc == STATUS_OK; i++)
			for (const struct relation *r = types[i]->relations; r && r->type && rc == STATUS_OK;
			     r++) {
				char *sql = text_format(
					"INSERT INTO temp.purge_set SELECT '%s', c.id, "
					"'with its %s, ' || p.rule, %d FROM \"%s\" AS c "
					"JOIN temp.purge_set AS p ON p.id = c.\"%s\" "
					"WHERE p.register = '%s' AND p.depth = %d",
					r->type, types[i]->label, depth + 1, r->type, r->field,
					types[i]->name, depth);

				rc = sql ? db_exec(s, sql, err)
					 : error_set(err, STATUS_DATABASE, NULL, "out of memory");
				free(sql);
			}
	return rc;
}

static int count_set(struct smreg *s, struct purge_result *out, struct error *err)
{
	sqlite3_stmt *stmt;
	int rc = db_prepare(s, "SELECT register, count(*) FROM temp.purge_set GROUP BY register "
			       "ORDER BY min(depth), register",
			    &stmt, err);

	memset(out, 0, sizeof *out);
	if (rc != STATUS_OK)
		return rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW && out->registers < PURGE_MAX_REGISTERS) {
		struct purge_count *c = &out->counts[out->registers++];

		c->type = record_type_find((const char *)sqlite3_column_text(stmt, 0));
		c->count = sqlite3_column_int64(stmt, 1);
		out->total += c->count;
	}
	rc = rc == SQLITE_DONE || rc == SQLITE_ROW ? STATUS_OK : db_error(s, rc, err);
	db_release(stmt);
	return rc;
}

int retention_purge_counts(struct smreg *s, struct purge_result *out, struct error *err)
{
	int rc = db_begin(s, err);

	if (rc == STATUS_OK)
		rc = gather(s, err);
	if (rc == STATUS_OK)
		rc = count_set(s, out, err);
	/* Nothing is kept: the purge gathers again, in its own transaction. */
	db_rollback(s);
	return rc;
}

/* Delete the gathered records, the deepest related records first. */
static int delete_set(struct smreg *s, struct error *err)
{
	size_t n;
	const struct record_type *const *types = record_types(&n);
	int rc = STATUS_OK;

	for (int depth = 4; depth >= 0 && rc == STATUS_OK; depth--)
		for (size_t i = 0; i < n && rc == STATUS_OK; i++) {
			char *sql = text_format("DELETE FROM \"%s\" WHERE id IN (SELECT id FROM "
						"temp.purge_set WHERE register = '%s' AND depth = %d)",
						types[i]->name, types[i]->name, depth);

			rc = sql ? db_exec(s, sql, err)
				 : error_set(err, STATUS_DATABASE, NULL, "out of memory");
			free(sql);
		}
	return rc;
}

/*
 * One disposal log entry per register and rule; the audit rows of its
 * records emptied and tied to it.  The read rows that named a purged
 * record (a page of a list) are emptied too, under the first entry.
 */
static int log_disposals(struct smreg *s, struct error *err)
{
	int rc = db_exec(s,
			 "CREATE TEMP TABLE IF NOT EXISTS purge_log (id TEXT, register TEXT, rule TEXT); "
			 "DELETE FROM temp.purge_log; "
			 "INSERT INTO temp.purge_log SELECT smreg_uuid(), register, rule "
			 "FROM temp.purge_set GROUP BY register, rule; "
			 "INSERT INTO disposal (id, register, count, disposed_at, login, rule) "
			 "SELECT l.id, l.register, (SELECT count(*) FROM temp.purge_set AS p "
			 "WHERE p.register = l.register AND p.rule = l.rule), smreg_now(), smreg_login(), "
			 "l.rule FROM temp.purge_log AS l; "
			 "UPDATE audit SET before = NULL, after = NULL, reason = NULL, "
			 "purged = (SELECT l.id FROM temp.purge_set AS p JOIN temp.purge_log AS l "
			 "ON l.register = p.register AND l.rule = p.rule WHERE p.id = audit.record_id) "
			 "WHERE purged IS NULL AND record_id IN (SELECT id FROM temp.purge_set); "
			 "UPDATE audit SET before = NULL, after = NULL, reason = NULL, "
			 "purged = (SELECT min(id) FROM temp.purge_log) "
			 "WHERE purged IS NULL AND action = 'read' AND EXISTS (SELECT 1 FROM "
			 "temp.purge_set AS p WHERE instr(audit.after, p.id) > 0); "
			 "DELETE FROM legal_hold WHERE record_id IN (SELECT id FROM temp.purge_set)",
			 err);
	sqlite3_stmt *stmt;

	if (rc != STATUS_OK)
		return rc;
	rc = db_prepare(s, "SELECT l.id, l.register, l.rule, d.count FROM temp.purge_log AS l "
			   "JOIN disposal AS d ON d.id = l.id",
			&stmt, err);
	if (rc != STATUS_OK)
		return rc;
	/* Each entry's own audit row vouches for the rows it emptied. */
	while (rc == STATUS_OK && sqlite3_step(stmt) == SQLITE_ROW) {
		const char *id = (const char *)sqlite3_column_text(stmt, 0);
		char hex[65];
		long long first;
		sqlite3_stmt *add;

		rc = chain_purged_seqs(s, id, 0, hex, &first, err);
		if (rc == STATUS_OK)
			rc = db_prepare(s, "INSERT INTO audit (at, login, register, record_id, action, "
					   "before, after, reason) VALUES (smreg_now(), smreg_login(), "
					   "'disposal', ?1, 'insert', NULL, json_object('register', ?2, "
					   "'count', ?3, 'rule', ?4, 'purged_seqs', ?5), NULL)",
					&add, err);
		if (rc != STATUS_OK)
			break;
		sqlite3_bind_text(add, 1, id, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(add, 2, (const char *)sqlite3_column_text(stmt, 1), -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(add, 3, sqlite3_column_int64(stmt, 3));
		sqlite3_bind_text(add, 4, (const char *)sqlite3_column_text(stmt, 2), -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(add, 5, hex, -1, SQLITE_TRANSIENT);
		if (sqlite3_step(add) != SQLITE_DONE)
			rc = db_error(s, sqlite3_errcode(s->db), err);
		db_release(add);
	}
	db_release(stmt);
	return rc;
}

static bool same_day(struct date a, struct date b)
{
	return a.year == b.year && a.month == b.month && a.day == b.day;
}

/* Copy every page back into the file and empty the WAL, so that no old
 * page holding purged content is left in it.  Busy: another process
 * holds a snapshot; its pages stay until it goes. */
static void checkpoint(struct smreg *s, bool *kept)
{
	sqlite3_stmt *stmt;

	*kept = true;
	if (sqlite3_prepare_v2(s->db, "PRAGMA wal_checkpoint(TRUNCATE)", -1, &stmt, NULL) != SQLITE_OK)
		return;
	if (sqlite3_step(stmt) == SQLITE_ROW)
		*kept = sqlite3_column_int(stmt, 0) != 0;
	sqlite3_finalize(stmt);
}

int retention_purge(struct smreg *s, long expected_total, struct purge_result *out,
		    struct error *err)
{
	int rc;

	memset(out, 0, sizeof *out);
	if (!same_day(smreg_today(s), smreg_real_today(s)))
		return error_set(err, STATUS_USAGE, NULL,
				 "a purge uses the real date: SMREG_TODAY is only a what-if");
	/* Whatever is deleted or emptied is overwritten with zeros, in the
	 * file and in the pages the WAL holds. */
	rc = db_exec(s, "PRAGMA secure_delete = ON", err);
	if (rc == STATUS_OK)
		rc = db_begin(s, err);
	if (rc == STATUS_OK)
		rc = gather(s, err);
	if (rc == STATUS_OK)
		rc = count_set(s, out, err);
	if (rc == STATUS_OK && out->total != expected_total)
		rc = error_set(err, STATUS_CONFLICT, NULL,
			       "%ld records are due now, not the %ld confirmed: run smreg purge again",
			       out->total, expected_total);
	if (rc == STATUS_OK && out->total == 0)
		rc = STATUS_OK;
	else if (rc == STATUS_OK) {
		s->purging = true;
		rc = delete_set(s, err);
		if (rc == STATUS_OK)
			rc = search_forget(s, err);
		if (rc == STATUS_OK)
			rc = log_disposals(s, err);
		s->purging = false;
	}
	if (rc == STATUS_OK)
		rc = db_exec(s, "DROP TABLE temp.purge_set; DROP TABLE IF EXISTS temp.purge_log", err);
	if (rc == STATUS_OK)
		rc = db_commit(s, err);
	else
		db_rollback(s);
	if (rc == STATUS_OK && out->total > 0)
		checkpoint(s, &out->wal_kept);
	return rc;
}

/* --- legal holds ----------------------------------------------------------- */

static int hold_write(struct smreg *s, const struct record_type *type, const char *ref,
		      const char *reason, bool hold, struct error *err)
{
	char *id = NULL;
	sqlite3_stmt *stmt;
	int rc = may_purge(s, type) ? STATUS_OK
				    : access_require(s, type, CAN_WRITE, "put on legal hold", err);

	if (rc == STATUS_OK && hold && (reason == NULL || !text_has_visible(reason)))
		rc = error_set(err, STATUS_INVALID, "reason", "a legal hold needs a reason");
	if (rc == STATUS_OK)
		rc = ref_resolve(s, type, ref, NULL, &id, err);
	if (rc == STATUS_OK)
		rc = db_begin(s, err);
	if (rc != STATUS_OK) {
		free(id);
		return rc;
	}
	rc = db_prepare(s, hold ? "INSERT INTO legal_hold (id, register, record_id, reason, held_on, held_by) "
				  "VALUES (smreg_uuid(), ?1, ?2, ?3, smreg_now(), smreg_login())"
				: "UPDATE legal_hold SET released_on = smreg_now(), released_by = smreg_login() "
				  "WHERE register = ?1 AND record_id = ?2 AND released_on IS NULL",
			&stmt, err);
	if (rc == STATUS_OK) {
		sqlite3_bind_text(stmt, 1, type->name, -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 2, id, -1, SQLITE_STATIC);
		if (hold)
			sqlite3_bind_text(stmt, 3, reason, -1, SQLITE_STATIC);
		if (sqlite3_step(stmt) != SQLITE_DONE)
			rc = sqlite3_extended_errcode(s->db) == SQLITE_CONSTRAINT_UNIQUE
				     ? error_set(err, STATUS_INVALID, NULL, "that %s is already on legal hold",
						 type->label)
				     : db_error(s, sqlite3_errcode(s->db), err);
		else if (!hold && sqlite3_changes(s->db) == 0)
			rc = error_set(err, STATUS_INVALID, NULL, "that %s is not on legal hold",
				       type->label);
		db_release(stmt);
	}
	/* The audit trail says who held or released what, and why. */
	if (rc == STATUS_OK)
		rc = db_prepare(s, "INSERT INTO audit (at, login, register, record_id, action, before, "
				   "after, reason) VALUES (smreg_now(), smreg_login(), ?1, ?2, 'update', NULL, "
				   "json_object('legal_hold', ?3), NULL)",
				&stmt, err);
	if (rc == STATUS_OK) {
		sqlite3_bind_text(stmt, 1, type->name, -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 2, id, -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 3, hold ? reason : "released", -1, SQLITE_STATIC);
		if (sqlite3_step(stmt) != SQLITE_DONE)
			rc = db_error(s, sqlite3_errcode(s->db), err);
		db_release(stmt);
	}
	free(id);
	if (rc == STATUS_OK)
		return db_commit(s, err);
	db_rollback(s);
	return rc;
}

int retention_hold(struct smreg *s, const struct record_type *type, const char *ref,
		   const char *reason, struct error *err)
{
	return hold_write(s, type, ref, reason, true, err);
}

int retention_release(struct smreg *s, const struct record_type *type, const char *ref,
		      struct error *err)
{
	return hold_write(s, type, ref, NULL, false, err);
}
