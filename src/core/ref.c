/* Finding the record a person means. */
#include "core/ref.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "private.h"

#define MAX_CANDIDATES 6

struct matches {
	int count;
	char *id[MAX_CANDIDATES];
	char *title[MAX_CANDIDATES];
	bool ended[MAX_CANDIDATES];
};

static void matches_clear(struct matches *m)
{
	for (int i = 0; i < m->count; i++) {
		free(m->id[i]);
		free(m->title[i]);
	}
	m->count = 0;
}

/* Ids are lower case; spreadsheets and Windows tools often shout them. */
static bool looks_like_id(char *text)
{
	size_t len = strlen(text);

	if (len < 4 || len > 36 || strspn(text, "0123456789abcdefABCDEF-") != len)
		return false;
	for (char *p = text; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return true;
}

/* Run "SELECT id, title ... WHERE <condition>" for type, binding :text. */
static int find(struct smreg *s, const struct record_type *type, const char *condition,
		const char *text, struct matches *m, struct error *err)
{
	char *title = record_sql(type->title_sql, "t");
	char *ended = type->ended_sql ? record_sql(type->ended_sql, "t") : strdup("0");
	char *cond = record_sql(condition, "t");
	char *visible = visible_sql(s, type, "t");
	char *sql = NULL;
	sqlite3_stmt *stmt;
	int rc = STATUS_DATABASE;

	if (title != NULL && ended != NULL && cond != NULL && visible != NULL)
		sql = text_format("SELECT t.id, %s, coalesce(%s, 0) FROM \"%s\" AS t WHERE (%s) AND %s "
				  "ORDER BY t.rowid LIMIT %d",
				  title, ended, type->name, cond, visible,
				  MAX_CANDIDATES);
	if (sql == NULL) {
		error_set(err, STATUS_DATABASE, NULL, "out of memory");
		goto done;
	}
	rc = db_prepare(s, sql, &stmt, err);
	if (rc != STATUS_OK)
		goto done;
	bind_context(s, stmt);
	sqlite3_bind_text(stmt, sqlite3_bind_parameter_index(stmt, ":text"), text, -1,
			  SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW && m->count < MAX_CANDIDATES) {
		m->id[m->count] = db_column_dup(stmt, 0);
		m->title[m->count] = db_column_dup(stmt, 1);
		m->ended[m->count] = sqlite3_column_int(stmt, 2) != 0;
		m->count++;
	}
	rc = (rc == SQLITE_ROW || rc == SQLITE_DONE) ? STATUS_OK : db_error(s, rc, err);
	db_release(stmt);
done:
	free(title);
	free(ended);
	free(cond);
	free(visible);
	free(sql);
	return rc;
}

static int ambiguous(const struct record_type *type, const char *text, const char *field,
		     const struct matches *m, struct error *err)
{
	char list[768] = "";
	size_t used = 0;

	for (int i = 0; i < m->count && i < MAX_CANDIDATES - 1 && used < sizeof list; i++) {
		char *safe = text_safe(m->title[i] ? m->title[i] : "", true);

		used += (size_t)snprintf(list + used, sizeof list - used, "%s%s (%.8s)",
					 i ? ", " : "", safe ? safe : "", m->id[i]);
		free(safe);
	}
	if (m->count == MAX_CANDIDATES && used < sizeof list)
		snprintf(list + used, sizeof list - used, ", and more");
	return error_set(err, STATUS_INVALID, field,
			 "\"%.60s\" could be more than one %s: %s; give the id instead",
			 text, type->label, list);
}

static bool is_ascii(const char *text)
{
	for (const unsigned char *p = (const unsigned char *)text; *p; p++)
		if (*p >= 0x80)
			return false;
	return true;
}

/*
 * Match text (in NFC) against expr exactly, then ignoring the case of
 * ASCII letters, then, for text beyond ASCII, both with their case folded
 * and in NFC: "ZOË" finds Zoë, "ömer" Ömer, and a name written decomposed
 * ("e" and U+0301) before smreg stored names in NFC, or by another tool,
 * is still found.  The last try reads every row, so it is made only when
 * the others found nothing (an index serves the first).
 */
static int find_by(struct smreg *s, const struct record_type *type, const char *expr,
		   const char *text, struct matches *m, struct error *err)
{
	int tries = is_ascii(text) ? 2 : 3;
	int rc = STATUS_OK;

	for (int i = 0; i < tries && rc == STATUS_OK && m->count == 0; i++) {
		char *condition = i == 0   ? text_format("%s = :text", expr)
				  : i == 1 ? text_format("%s = :text COLLATE NOCASE", expr)
					   : text_format("smreg_fold(%s) = smreg_fold(:text)", expr);

		rc = condition ? find(s, type, condition, text, m, err)
			       : error_set(err, STATUS_DATABASE, NULL, "out of memory");
		free(condition);
	}
	return rc;
}

/* Try the register's names, then its records' titles (a consent is
 * "Amy Able, received 01/09/2026") unless a name is the title. */
static int find_by_name(struct smreg *s, const struct record_type *type, const char *text,
			struct matches *m, struct error *err)
{
	bool title_tried = false;
	int rc = STATUS_OK;

	for (int i = 0; type->match_sql && type->match_sql[i] && rc == STATUS_OK && m->count == 0; i++) {
		title_tried = title_tried || strcmp(type->match_sql[i], type->title_sql) == 0;
		rc = find_by(s, type, type->match_sql[i], text, m, err);
	}
	if (rc == STATUS_OK && m->count == 0 && !title_tried)
		rc = find_by(s, type, type->title_sql, text, m, err);
	return rc;
}

/* text for LIKE with ESCAPE '\\': its own % and _ matched as themselves.
 * The caller frees it. */
static char *like_escaped(const char *text)
{
	char *out = malloc(strlen(text) * 2 + 1);
	char *p = out;

	if (out == NULL)
		return NULL;
	for (; *text; text++) {
		if (*text == '%' || *text == '_' || *text == '\\')
			*p++ = '\\';
		*p++ = *text;
	}
	*p = '\0';
	return out;
}

/*
 * What people type when the whole name is long: the start of a name or a
 * title ("facebook" for the one channel on Facebook, "Łukasz" for Łukasz
 * Nowak), then the start of any word in it ("Nowak").  Only a match that
 * is unique (or the one current) is taken; several are listed.
 */
/* "expr LIKE :text%", or of any word in expr; folded: both sides' case
 * folded beyond ASCII (LIKE folds ASCII alone).  The caller frees it. */
static char *part_condition(const char *expr, int word, bool folded)
{
	const char *text = folded ? "smreg_fold(:text)" : ":text";
	char *folded_expr = folded ? text_format("smreg_fold(%s)", expr) : strdup(expr);
	char *condition = NULL;

	if (folded_expr != NULL)
		condition = word == 0
				    ? text_format("%s LIKE %s || '%%' ESCAPE '\\'", folded_expr, text)
				    : text_format("' ' || %s LIKE '%% ' || %s || '%%' ESCAPE '\\'",
						  folded_expr, text);
	free(folded_expr);
	return condition;
}

static int find_by_part(struct smreg *s, const struct record_type *type, const char *text,
			struct matches *m, struct error *err)
{
	char *escaped = like_escaped(text);
	int rc = escaped ? STATUS_OK : error_set(err, STATUS_DATABASE, NULL, "out of memory");
	/* Folding reads every row: only for text beyond ASCII, and last. */
	int tries = is_ascii(text) ? 2 : 4;

	for (int t = 0; t < tries && rc == STATUS_OK && m->count == 0; t++) {
		int word = t % 2;
		bool folded = t >= 2;
		char *condition = part_condition(type->title_sql, word, folded);

		for (int i = 0; condition != NULL && type->match_sql && type->match_sql[i] &&
				m->count == 0 && rc == STATUS_OK;
		     i++) {
			char *by_name = part_condition(type->match_sql[i], word, folded);

			rc = by_name ? find(s, type, by_name, escaped, m, err)
				     : error_set(err, STATUS_DATABASE, NULL, "out of memory");
			free(by_name);
		}
		if (rc == STATUS_OK && m->count == 0)
			rc = condition ? find(s, type, condition, escaped, m, err)
				       : error_set(err, STATUS_DATABASE, NULL, "out of memory");
		free(condition);
	}
	free(escaped);
	return rc;
}

/* Of several records one name fits, the one still current is meant. */
static bool single_current(struct matches *m)
{
	int current = -1;

	for (int i = 0; i < m->count; i++) {
		if (m->ended[i])
			continue;
		if (current >= 0)
			return false;
		current = i;
	}
	if (current <= 0)
		return current == 0;
	free(m->id[0]);
	m->id[0] = m->id[current];
	m->id[current] = NULL;
	return true;
}

/*
 * The order people mean things in: a whole id; a name (the register's
 * names, or a record's title where it has none), exactly or ignoring case;
 * the start of an id; the start of a name or of a word in it.  Names come
 * before id prefixes so that a pupil number like 1001 is never taken for
 * the start of someone's id.
 */
int ref_resolve(struct smreg *s, const struct record_type *type, const char *raw,
		const char *field, char **id, struct error *err)
{
	char *trimmed = text_trimmed(raw);
	/* A name typed decomposed finds the name stored composed. */
	char *text = trimmed ? text_nfc(trimmed) : NULL;
	char *id_text = text ? strdup(text) : NULL;
	bool maybe_id = id_text != NULL && looks_like_id(id_text);
	struct matches m = {0};
	int rc = STATUS_OK;

	*id = NULL;
	free(trimmed);
	if (text == NULL || id_text == NULL) {
		free(text);
		free(id_text);
		return error_set(err, STATUS_DATABASE, NULL, "out of memory");
	}
	if (maybe_id && strlen(id_text) == 36)
		rc = find(s, type, "$.id = :text", id_text, &m, err);
	if (rc == STATUS_OK && m.count == 0)
		rc = find_by_name(s, type, text, &m, err);
	if (rc == STATUS_OK && m.count == 0 && maybe_id)
		rc = find(s, type, "$.id LIKE :text || '%'", id_text, &m, err);
	if (rc == STATUS_OK && m.count == 0 && text[0] != '\0')
		rc = find_by_part(s, type, text, &m, err);
	if (rc == STATUS_OK && m.count == 0)
		rc = error_set(err, STATUS_INVALID, field,
			       maybe_id ? "there is no %s with the id \"%.60s\" (see smreg list %s)"
					: "there is no %s called \"%.60s\" (see smreg list %s)",
			       type->label, text, type->name);
	else if (rc == STATUS_OK && m.count > 1 && !single_current(&m))
		rc = ambiguous(type, text, field, &m, err);
	if (rc == STATUS_OK) {
		*id = m.id[0];
		m.id[0] = NULL;
	}
	matches_clear(&m);
	free(text);
	free(id_text);
	return rc;
}

static int audit_suggestions(struct smreg *s, const struct record_type *type, const char *text,
			     const struct ref_candidate *found, int count, struct error *err)
{
	char **ids;
	int rc;

	if (count <= 0)
		return STATUS_OK;
	ids = calloc((size_t)count, sizeof *ids);
	if (ids == NULL)
		return error_set(err, STATUS_DATABASE, NULL, "out of memory");
	for (int i = 0; i < count; i++)
		ids[i] = found[i].id;
	rc = audit_found(s, type, text && text[0] ? text : NULL, ids, (size_t)count, err);
	free(ids);
	return rc;
}

int ref_suggest(struct smreg *s, const struct record_type *type, const char *text,
		int max, struct ref_candidate **out, struct error *err)
{
	char *title = record_sql(type->title_sql, "t");
	char *ended = type->ended_sql ? record_sql(type->ended_sql, "t") : strdup("0");
	char *visible = visible_sql(s, type, "t");
	char *sql = NULL;
	char *pattern = NULL;
	sqlite3_stmt *stmt;
	/* What is typed finds the names stored, which are in NFC. */
	char *nfc = text_nfc(text ? text : "");
	int count = 0;
	int rc;

	*out = calloc((size_t)(max > 0 ? max : 1), sizeof **out);
	pattern = nfc ? text_format("%%%s%%", nfc) : NULL;
	free(nfc);
	if (title != NULL && ended != NULL && visible != NULL)
		sql = text_format("SELECT t.id, %s AS title, coalesce(%s, 0) AS ended "
				  "FROM \"%s\" AS t WHERE %s AND %s "
				  "ORDER BY ended, title LIMIT %d",
				  title, ended, type->name, visible,
				  /* LIKE folds the case of ASCII letters alone. */
				  pattern == NULL || is_ascii(pattern) ? "title LIKE :text"
								       : "smreg_fold(title) LIKE smreg_fold(:text)",
				  max);
	if (*out == NULL || pattern == NULL || sql == NULL) {
		count = -1;
		error_set(err, STATUS_DATABASE, NULL, "out of memory");
		goto done;
	}
	rc = db_prepare(s, sql, &stmt, err);
	if (rc != STATUS_OK) {
		count = -1;
		goto done;
	}
	bind_context(s, stmt);
	sqlite3_bind_text(stmt, sqlite3_bind_parameter_index(stmt, ":text"), pattern, -1,
			  SQLITE_TRANSIENT);
	while (count < max && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		(*out)[count].id = db_column_dup(stmt, 0);
		(*out)[count].title = db_column_dup(stmt, 1);
		(*out)[count].ended = sqlite3_column_int(stmt, 2);
		count++;
	}
	db_release(stmt);
	/* Suggestions of contact reports show what they say: a read. */
	if (audit_suggestions(s, type, text, *out, count, err) != STATUS_OK) {
		ref_candidates_free(*out, count);
		*out = NULL;
		count = -1;
	}
done:
	free(title);
	free(ended);
	free(visible);
	free(sql);
	free(pattern);
	if (count < 0) {
		free(*out);
		*out = NULL;
	}
	return count;
}

void ref_candidates_free(struct ref_candidate *candidates, int count)
{
	for (int i = 0; i < count; i++) {
		free(candidates[i].id);
		free(candidates[i].title);
	}
	free(candidates);
}

char *ref_title(struct smreg *s, const struct record_type *type, const char *id)
{
	struct matches m = {0};
	char *title = NULL;

	if (find(s, type, "$.id = :text", id, &m, NULL) == STATUS_OK && m.count == 1) {
		title = m.title[0];
		m.title[0] = NULL;
	}
	matches_clear(&m);
	return title;
}
