/* The filter's index: each row's search text, and a trigram index over it. */
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

/* A reference by key: the key of the register referred to. */
static const char *ref_key(const struct field *f)
{
	return record_ref_key(f);
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
						   sql, target_title, target->name, name, name, ref_key(f),
						   alias, f->name);
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

static int exec_owned(struct smreg *s, char *sql, struct error *err)
{
	int rc = sql ? db_exec(s, sql, err) : error_set(err, STATUS_DATABASE, NULL, "out of memory");

	free(sql);
	return rc;
}

/* Note that register's index was built from doc. */
static int remember(struct smreg *s, const char *name, const char *doc, struct error *err)
{
	sqlite3_stmt *stmt;
	int rc = db_prepare(s, "INSERT OR REPLACE INTO search_index (register, doc_sql) VALUES (?1, ?2)",
			    &stmt, err);

	if (rc != STATUS_OK)
		return rc;
	db_bind_text(stmt, 1, name);
	db_bind_text(stmt, 2, doc);
	rc = sqlite3_step(stmt);
	rc = rc == SQLITE_DONE ? STATUS_OK : db_error(s, rc, err);
	db_release(stmt);
	return rc;
}

/* The tables of type's index, built from its rows. */
static int build(struct smreg *s, const struct record_type *type, const char *doc,
		 struct error *err)
{
	const char *t = type->name;
	char *all = record_sql(doc, "t");
	int rc;

	if (all == NULL)
		return error_set(err, STATUS_DATABASE, NULL, "out of memory");
	rc = exec_owned(s, text_format("DROP TABLE IF EXISTS \"%s_search\"; DROP TABLE IF EXISTS \"%s_search_doc\";"
				       "CREATE TABLE \"%s_search_doc\" (id INTEGER PRIMARY KEY, doc TEXT NOT NULL);"
				       /* detail=none: the index says which rows hold each trigram, and
		 * the search text itself says whether they hold the filter. */
				       "CREATE VIRTUAL TABLE \"%s_search\" USING fts5(doc, content='%s_search_doc', "
				       "content_rowid='id', tokenize='trigram', detail='none', columnsize=0);"
				       "INSERT INTO \"%s_search_doc\" (id, doc) SELECT t.rowid, %s FROM \"%s\" AS t;"
				       "INSERT INTO \"%s_search\" (\"%s_search\") VALUES ('rebuild');"
				       "CREATE TRIGGER \"%s_search_doc_insert\" AFTER INSERT ON \"%s_search_doc\" BEGIN "
				       "INSERT INTO \"%s_search\" (rowid, doc) VALUES (NEW.id, NEW.doc); END;"
				       "CREATE TRIGGER \"%s_search_doc_delete\" AFTER DELETE ON \"%s_search_doc\" BEGIN "
				       "INSERT INTO \"%s_search\" (\"%s_search\", rowid, doc) VALUES ('delete', OLD.id, OLD.doc); END;"
				       "CREATE TRIGGER \"%s_search_doc_update\" AFTER UPDATE ON \"%s_search_doc\" "
				       "WHEN OLD.doc IS NOT NEW.doc BEGIN "
				       "INSERT INTO \"%s_search\" (\"%s_search\", rowid, doc) VALUES ('delete', OLD.id, OLD.doc);"
				       "INSERT INTO \"%s_search\" (rowid, doc) VALUES (NEW.id, NEW.doc); END;",
				       t, t, t, t, t, t, all, t, t, t, t, t, t, t, t, t, t, t, t, t, t, t),
			err);
	free(all);
	if (rc == STATUS_OK)
		rc = remember(s, t, doc, err);
	return rc;
}

/* Whether type's index was built from doc as it is now written. */
static int is_current(struct smreg *s, const struct record_type *type, const char *doc,
		      bool *current, struct error *err)
{
	char *stored = NULL;
	int rc = db_query_text(s, "SELECT doc_sql FROM search_index WHERE register = ?1",
			       type->name, &stored, err);

	*current = rc == STATUS_OK && stored != NULL && strcmp(stored, doc) == 0;
	free(stored);
	return rc;
}

/* "UPDATE the search text of rows of y whose field f names one of keys". */
static char *refresh_sql(const struct record_type *y, const char *condition)
{
	char *doc = doc_sql(y, "y");
	char *sql = doc ? text_format("UPDATE \"%s_search_doc\" SET doc = (SELECT %s FROM \"%s\" AS y "
				      "WHERE y.rowid = \"%s_search_doc\".id) WHERE id IN "
				      "(SELECT y.rowid FROM \"%s\" AS y WHERE %s);",
				      y->name, doc, y->name, y->name, y->name, condition)
			: NULL;

	free(doc);
	return sql;
}

static char *append(char *sql, char *more)
{
	char *joined = sql && more ? text_format("%s%s", sql, more) : NULL;

	free(sql);
	free(more);
	return joined;
}

/*
 * The statements that bring up to date the search texts that show a row
 * of x (keys: "OLD.k, NEW.k" or "OLD.k"): those of the rows referring to
 * it, whose text holds its title, and those of the rows referring to
 * them, whose referred-to title may hold x's (a report's title holds its
 * pupil's name, and an action shows its report's title).
 */
static char *reaches_sql(const struct record_type *x, bool updated)
{
	size_t n;
	const struct record_type *const *types = record_types(&n);
	char *sql = strdup("");

	for (size_t i = 0; sql != NULL && i < n; i++)
		for (size_t j = 0; sql != NULL && j < types[i]->field_count; j++) {
			const struct field *f = &types[i]->fields[j];
			const char *k = x->key ? x->key : "id";
			char *cond;

			if (f->type != FIELD_REF || strcmp(f->target, x->name) != 0)
				continue;
			cond = updated ? text_format("y.\"%s\" IN (OLD.\"%s\", NEW.\"%s\")", f->name, k, k)
				       : text_format("y.\"%s\" IN (OLD.\"%s\")", f->name, k);
			sql = cond ? append(sql, refresh_sql(types[i], cond)) : NULL;
			/* ... and one step further. */
			for (size_t a = 0; sql != NULL && cond != NULL && a < n; a++)
				for (size_t b = 0; sql != NULL && b < types[a]->field_count; b++) {
					const struct field *g = &types[a]->fields[b];
					char *further;

					if (g->type != FIELD_REF || strcmp(g->target, types[i]->name) != 0)
						continue;
					further = text_format("y.\"%s\" IN (SELECT y.\"%s\" FROM \"%s\" AS y WHERE %s)",
							      g->name, ref_key(g), types[i]->name, cond);
					sql = further ? append(sql, refresh_sql(types[a], further)) : NULL;
					free(further);
				}
			free(cond);
		}
	return sql;
}

/* The triggers that keep type's search texts: its own rows', and those
 * that show its rows. */
static int write_triggers(struct smreg *s, const struct record_type *type, const char *doc,
			  struct error *err)
{
	const char *t = type->name;
	char *mine = record_sql(doc, "NEW");
	char *updated = reaches_sql(type, true);
	char *deleted = reaches_sql(type, false);
	int rc = STATUS_OK;

	if (mine == NULL || updated == NULL || deleted == NULL)
		rc = error_set(err, STATUS_DATABASE, NULL, "out of memory");
	if (rc == STATUS_OK)
		rc = exec_owned(s, text_format("DROP TRIGGER IF EXISTS \"search_%s_insert\";"
					       "DROP TRIGGER IF EXISTS \"search_%s_update\";"
					       "DROP TRIGGER IF EXISTS \"search_%s_delete\";"
					       "CREATE TRIGGER \"search_%s_insert\" AFTER INSERT ON \"%s\" BEGIN "
					       "INSERT OR REPLACE INTO \"%s_search_doc\" (id, doc) VALUES (NEW.rowid, %s); END;"
					       "CREATE TRIGGER \"search_%s_update\" AFTER UPDATE ON \"%s\" BEGIN "
					       "UPDATE \"%s_search_doc\" SET doc = %s WHERE id = NEW.rowid; %s END;"
					       "CREATE TRIGGER \"search_%s_delete\" AFTER DELETE ON \"%s\" BEGIN "
					       "DELETE FROM \"%s_search_doc\" WHERE id = OLD.rowid; %s END;",
					       t, t, t, t, t, t, mine, t, t, t, mine, updated, t, t, t, deleted),
				err);
	free(mine);
	free(updated);
	free(deleted);
	return rc;
}

int search_write_index(struct smreg *s, struct error *err)
{
	size_t n;
	const struct record_type *const *types = record_types(&n);
	int rc = STATUS_OK;

	for (size_t i = 0; i < n && rc == STATUS_OK; i++) {
		char *doc = doc_sql(types[i], "$");
		bool current = false;

		rc = doc ? is_current(s, types[i], doc, &current, err)
			 : error_set(err, STATUS_DATABASE, NULL, "out of memory");
		if (rc == STATUS_OK && !current)
			rc = build(s, types[i], doc, err);
		if (rc == STATUS_OK)
			rc = write_triggers(s, types[i], doc, err);
		free(doc);
	}
	return rc;
}

/* How many characters s holds. */
static size_t characters(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

char *search_condition(const struct record_type *type, const char *filter)
{
	char *text = text_nfc(filter);
	char *sql = NULL;

	if (text == NULL || strchr(text, '\x1f') != NULL) {
		free(text);
		return NULL;
	}
	/*
	 * The rows matching are found once, as a set; "+" keeps the list's
	 * order from walking that set, so that a page is still a walk along
	 * the order's index that stops when the page is full, not a sort of
	 * every row matching.  The index holds trigrams: it finds the rows
	 * holding those of the filter, and their text says which hold the
	 * filter; a shorter filter reads every text.
	 */
	if (characters(text) >= 3)
		sql = text_format("+t.rowid IN (SELECT rowid FROM \"%s_search\" "
				  "WHERE doc LIKE :filter_index AND doc LIKE :filter ESCAPE '\\')",
				  type->name);
	else
		sql = text_format("+t.rowid IN (SELECT d.id FROM \"%s_search_doc\" AS d "
				  "WHERE d.doc LIKE :filter ESCAPE '\\')",
				  type->name);
	free(text);
	return sql;
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

int search_forget(struct smreg *s, const struct record_type *type, struct error *err)
{
	return exec_owned(s, text_format("INSERT INTO \"%s_search\" (\"%s_search\") VALUES ('optimize')", type->name, type->name), err);
}
