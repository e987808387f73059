/* The filter's index: each row's search text, one trigram index over all. */
#include "core/search.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "private.h"

/* Between the strings of a search text: a filter without it cannot match
 * across two of them, so "the text contains the filter" is exactly "one of
 * the strings does". */
#define SEPARATOR "char(31)"

/* A register's rows are the ids from its base to its base + SPAN - 1. */
#define SPAN (1LL << 40)

/* How far a write reaches: a row's text holds the titles of the records
 * it refers to, and a title shows the records its own row refers to (a
 * report's title, its pupil's name), so a row's text shows what is two
 * references away, and no further. */
#define REACH 2

/* The first id of type's rows in search_doc: its place among the
 * descriptors.  Every migration rebuilds the index, and a register is
 * only ever added with a migration, so the places stay those it was
 * built with. */
static long long base_of(const struct record_type *type)
{
	size_t n;
	const struct record_type *const *types = record_types(&n);

	for (size_t i = 0; i < n; i++)
		if (types[i] == type)
			return (long long)(i + 1) * SPAN;
	return 0;
}

/*
 * The search text of the row alias, as SQL: what store.c's filter matched
 * field by field, in one string.  The title, each field as stored but
 * yes/no ones, and for a reference the title of the record it names (not
 * its id).  The caller's.
 */
static char *doc_sql(const struct record_type *type, const char *alias)
{
	char *title = record_sql(type->title_sql, alias);
	char *sql = title ? text_format("coalesce((%s), '')", title) : NULL;

	free(title);
	for (size_t i = 0; sql != NULL && i < type->field_count; i++) {
		const struct field *f = &type->fields[i];
		char *more = NULL;

		if (f->type == FIELD_YES_NO)
			continue;
		if (f->type == FIELD_REF) {
			const struct record_type *target = record_type_find(f->target);
			char name[32];
			char *target_title;

			snprintf(name, sizeof name, "search_r%zu", i);
			target_title = record_sql(target->title_sql, name);
			if (target_title != NULL)
				more = text_format("%s || " SEPARATOR " || coalesce((SELECT %s FROM \"%s\" AS %s "
						   "WHERE %s.\"%s\" = %s.\"%s\"), '')",
						   sql, target_title, target->name, name, name,
						   record_ref_key(f), alias, f->name);
			free(target_title);
		} else {
			more = text_format("%s || " SEPARATOR " || coalesce(%s.\"%s\", '')", sql, alias,
					   f->name);
		}
		free(sql);
		sql = more;
	}
	return sql;
}

/* Run sql, which this frees; NULL is memory run out. */
static int exec_owned(struct smreg *s, char *sql, struct error *err)
{
	int rc = sql ? db_exec(s, sql, err) : error_set(err, STATUS_DATABASE, NULL, "out of memory");

	free(sql);
	return rc;
}

/* "INSERT INTO search_doc" the texts of type's rows that condition (over
 * "t") holds. */
static int write_docs(struct smreg *s, const struct record_type *type, const char *condition,
		      struct error *err)
{
	char *doc = doc_sql(type, "t");
	int rc = exec_owned(s,
			    doc ? text_format("INSERT INTO search_doc (id, doc) SELECT %lld + t.rowid, %s "
					      "FROM \"%s\" AS t WHERE %s",
					      base_of(type), doc, type->name, condition)
				: NULL,
			    err);

	free(doc);
	return rc;
}

int search_rebuild(struct smreg *s, struct error *err)
{
	size_t n;
	const struct record_type *const *types = record_types(&n);
	int rc = db_exec(s, "DELETE FROM search_doc", err);

	for (size_t i = 0; i < n && rc == STATUS_OK; i++)
		rc = write_docs(s, types[i], "1", err);
	if (rc == STATUS_OK)
		rc = db_exec(s,
			     "INSERT INTO search (search) VALUES ('rebuild');"
			     "UPDATE search_state SET seq = coalesce((SELECT max(seq) FROM audit), 0)",
			     err);
	return rc;
}

/* The audit rows after seq that wrote a record, not read one. */
#define WRITTEN_AFTER(seq) "seq > " seq " AND action NOT IN ('read', 'open')"
#define WRITTEN WRITTEN_AFTER("%lld")

/*
 * Into temp.search_todo, at level 0, the rows of type written since seq:
 * those still there by their id, and when some were deleted (or gone is
 * set: a purge deletes unaudited), the texts whose row is gone.
 */
static int todo_written(struct smreg *s, const struct record_type *type, long long seq,
			bool gone, struct error *err)
{
	long long base = base_of(type);
	const char *t = type->name;

	return exec_owned(
		s,
		text_format("INSERT OR IGNORE INTO temp.search_todo (id, level) "
			    "SELECT %lld + t.rowid, 0 FROM \"%s\" AS t WHERE t.id IN "
			    "(SELECT record_id FROM audit WHERE register = '%s' AND " WRITTEN ");"
			    "INSERT OR IGNORE INTO temp.search_todo (id, level) "
			    "SELECT d.id, 0 FROM search_doc AS d "
			    "WHERE (%d OR EXISTS (SELECT 1 FROM audit WHERE register = '%s' "
			    "AND seq > %lld AND action = 'delete')) "
			    "AND d.id BETWEEN %lld AND %lld AND d.id - %lld NOT IN (SELECT rowid FROM \"%s\")",
			    base, t, t, seq, gone, t, seq, base, base + SPAN - 1, base, t),
		err);
}

/* Into temp.search_todo, at level, the rows of y whose field f refers to
 * a row of the level before. */
static int todo_referring(struct smreg *s, const struct record_type *y, const struct field *f,
			  int level, struct error *err)
{
	const struct record_type *x = record_type_find(f->target);
	long long xb = base_of(x);

	return exec_owned(
		s,
		text_format("INSERT OR IGNORE INTO temp.search_todo (id, level) "
			    "SELECT %lld + y.rowid, %d FROM \"%s\" AS y WHERE y.\"%s\" IN "
			    "(SELECT x.\"%s\" FROM \"%s\" AS x WHERE x.rowid IN "
			    "(SELECT id - %lld FROM temp.search_todo WHERE level = %d "
			    "AND id BETWEEN %lld AND %lld))",
			    base_of(y), level, y->name, f->name, record_ref_key(f), x->name, xb,
			    level - 1, xb, xb + SPAN - 1),
		err);
}

/* Every row whose text may have changed since seq, in temp.search_todo. */
static int gather(struct smreg *s, long long seq, bool gone, struct error *err)
{
	size_t n;
	const struct record_type *const *types = record_types(&n);
	int rc = db_exec(s,
			 "CREATE TEMP TABLE IF NOT EXISTS search_todo "
			 "(id INTEGER PRIMARY KEY, level INTEGER NOT NULL);"
			 "DELETE FROM temp.search_todo",
			 err);

	for (size_t i = 0; i < n && rc == STATUS_OK; i++)
		rc = todo_written(s, types[i], seq, gone, err);
	for (int level = 1; level <= REACH && rc == STATUS_OK; level++)
		for (size_t i = 0; i < n && rc == STATUS_OK; i++)
			for (size_t j = 0; j < types[i]->field_count && rc == STATUS_OK; j++)
				if (types[i]->fields[j].type == FIELD_REF)
					rc = todo_referring(s, types[i], &types[i]->fields[j], level, err);
	return rc;
}

/* Write again the texts of the rows in temp.search_todo, and their index. */
static int rewrite(struct smreg *s, struct error *err)
{
	size_t n;
	const struct record_type *const *types = record_types(&n);
	int rc = db_exec(s,
			 "INSERT INTO search (search, rowid, doc) SELECT 'delete', d.id, d.doc "
			 "FROM search_doc AS d WHERE d.id IN (SELECT id FROM temp.search_todo);"
			 "DELETE FROM search_doc WHERE id IN (SELECT id FROM temp.search_todo)",
			 err);

	for (size_t i = 0; i < n && rc == STATUS_OK; i++) {
		long long base = base_of(types[i]);
		char *condition = text_format("t.rowid IN (SELECT id - %lld FROM temp.search_todo "
					      "WHERE id BETWEEN %lld AND %lld)",
					      base, base, base + SPAN - 1);

		rc = condition ? write_docs(s, types[i], condition, err)
			       : error_set(err, STATUS_DATABASE, NULL, "out of memory");
		free(condition);
	}
	if (rc == STATUS_OK)
		rc = exec_owned(s,
				text_format("INSERT INTO search (rowid, doc) SELECT d.id, d.doc "
					    "FROM search_doc AS d WHERE d.id IN (SELECT id FROM temp.search_todo);"
					    "DELETE FROM temp.search_todo"),
				err);
	return rc;
}

/* The index's last audit row, the audit trail's, and whether any row
 * after the index's wrote a record (most are reads: the DSL's every page). */
static int seqs(struct smreg *s, long long *index_seq, long long *audit_seq, bool *written,
		struct error *err)
{
	sqlite3_stmt *stmt;
	int rc = db_prepare(s,
			    "SELECT i.seq, coalesce((SELECT max(seq) FROM audit), 0), "
			    "EXISTS (SELECT 1 FROM audit WHERE " WRITTEN_AFTER("i.seq") ") "
											"FROM search_state AS i",
			    &stmt, err);

	if (rc != STATUS_OK)
		return rc;
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		*index_seq = sqlite3_column_int64(stmt, 0);
		*audit_seq = sqlite3_column_int64(stmt, 1);
		*written = sqlite3_column_int(stmt, 2) != 0;
		rc = STATUS_OK;
	} else {
		rc = db_error(s, rc, err);
	}
	db_release(stmt);
	return rc;
}

/* The index has taken in the audit trail up to seq. */
static int taken_in(struct smreg *s, long long seq, struct error *err)
{
	return exec_owned(s, text_format("UPDATE search_state SET seq = %lld", seq), err);
}

bool search_catch_up(struct smreg *s)
{
	struct error err;
	long long index_seq = 0;
	long long audit_seq = 0;
	bool written = false;
	bool own = sqlite3_get_autocommit(s->db) != 0;
	int rc = seqs(s, &index_seq, &audit_seq, &written, &err);

	if (rc != STATUS_OK)
		return false;
	if (index_seq == audit_seq)
		return true;
	/* Its own transaction, taking the write lock first so that nobody
	 * writes between reading the audit trail and writing the texts; or a
	 * savepoint in the caller's, undone alone if this fails. */
	rc = db_exec(s, own ? "BEGIN IMMEDIATE" : "SAVEPOINT search", &err);
	if (rc == STATUS_OK)
		rc = seqs(s, &index_seq, &audit_seq, &written, &err);
	if (rc == STATUS_OK && written)
		rc = gather(s, index_seq, false, &err);
	if (rc == STATUS_OK && written)
		rc = rewrite(s, &err);
	if (rc == STATUS_OK && index_seq != audit_seq)
		rc = taken_in(s, audit_seq, &err);
	if (own)
		return rc == STATUS_OK ? db_commit(s, &err) == STATUS_OK : (db_rollback(s), false);
	if (rc != STATUS_OK)
		sqlite3_exec(s->db, "ROLLBACK TO search", NULL, NULL, NULL);
	sqlite3_exec(s->db, "RELEASE search", NULL, NULL, NULL);
	return rc == STATUS_OK;
}

/* How many characters s holds. */
static size_t characters(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* "%text%", each of LIKE's wildcards typed made a '%': the index's LIKE
 * has no escape, so it finds a few rows more, never fewer, and :filter
 * then says which match. */
char *search_pattern(const char *filter)
{
	char *text = text_nfc(filter);
	char *out = text ? text_format("%%%s%%", text) : NULL;

	for (char *p = out ? out + 1 : NULL; p != NULL && *p; p++)
		if (*p == '_')
			*p = '%';
	free(text);
	return out;
}

/* A filter found in at least this many of a register's rows is common. */
#define COMMON 1000

bool search_common(struct smreg *s, const struct record_type *type, const char *filter)
{
	long long base = base_of(type);
	char *text = text_nfc(filter);
	char *pattern = search_pattern(filter);
	sqlite3_stmt *stmt = NULL;
	bool common = false;
	struct error err;

	if (text != NULL && pattern != NULL && characters(text) >= 3 && base != 0 &&
	    db_prepare(s,
		       "SELECT count(*) FROM (SELECT 1 FROM search WHERE doc LIKE ?1 "
		       "AND rowid BETWEEN ?2 AND ?3 LIMIT ?4)",
		       &stmt, &err) == STATUS_OK) {
		db_bind_text(stmt, 1, pattern);
		sqlite3_bind_int64(stmt, 2, base);
		sqlite3_bind_int64(stmt, 3, base + SPAN - 1);
		sqlite3_bind_int(stmt, 4, COMMON);
		common = sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_int(stmt, 0) >= COMMON;
		db_release(stmt);
	}
	free(text);
	free(pattern);
	return common;
}

char *search_condition(const struct record_type *type, const char *filter, bool common)
{
	char *text = text_nfc(filter);
	long long base = base_of(type);
	char *sql = NULL;

	if (text == NULL || strchr(text, '\x1f') != NULL || base == 0) {
		free(text);
		return NULL;
	}
	/*
	 * A common filter: each row's text read as the list's order walks
	 * its index, until the page is full (a few rows in, when most rows
	 * match).  Otherwise the rows matching are found once, as a set; "+"
	 * keeps the list's order from walking that set, so that a page is
	 * still a walk along the order's index that stops when the page is
	 * full, not a sort of every row matching.  The index holds trigrams:
	 * it finds the rows holding those of the filter, and their text says
	 * which hold the filter; a shorter filter reads every text of the
	 * register.
	 */
	if (common)
		sql = text_format("EXISTS (SELECT 1 FROM search_doc AS d WHERE d.id = %lld + t.rowid "
				  "AND d.doc LIKE :filter ESCAPE '\\')",
				  base);
	else if (characters(text) >= 3)
		sql = text_format("+t.rowid IN (SELECT rowid - %lld FROM search "
				  "WHERE doc LIKE :filter_index AND rowid BETWEEN %lld AND %lld "
				  "AND doc LIKE :filter ESCAPE '\\')",
				  base, base, base + SPAN - 1);
	else
		sql = text_format("+t.rowid IN (SELECT d.id - %lld FROM search_doc AS d "
				  "WHERE d.id BETWEEN %lld AND %lld AND d.doc LIKE :filter ESCAPE '\\')",
				  base, base, base + SPAN - 1);
	free(text);
	return sql;
}

int search_forget(struct smreg *s, struct error *err)
{
	long long index_seq = 0;
	long long audit_seq = 0;
	bool written = false;
	int rc = seqs(s, &index_seq, &audit_seq, &written, err);

	/* The rows that showed a purged record's title are written again
	 * first, so that the merge drops the old texts' trigrams too. */
	if (rc == STATUS_OK)
		rc = gather(s, index_seq, true, err);
	if (rc == STATUS_OK)
		rc = rewrite(s, err);
	if (rc == STATUS_OK)
		rc = taken_in(s, audit_seq, err);
	if (rc == STATUS_OK)
		rc = db_exec(s, "INSERT INTO search (search) VALUES ('optimize')", err);
	return rc;
}
