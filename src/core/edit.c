/* Writing records: the one path every front end and the import use. */
#include "core/edit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/access.h"
#include "core/date.h"
#include "core/postrec.h"
#include "core/ref.h"
#include "core/store.h"
#include "core/text.h"
#include "private.h"

/* Values being written: one slot per field of the type, and an id. */
struct draft {
	const struct record_type *type;
	char *id;
	char **values;
	bool *given;
	const char *also_sql; /* more assignments for an update, or NULL */
};

static int draft_init(struct draft *d, const struct record_type *type, struct error *err)
{
	d->type = type;
	d->id = NULL;
	d->values = calloc(type->field_count, sizeof *d->values);
	d->given = calloc(type->field_count, sizeof *d->given);
	d->also_sql = NULL;
	if (d->values == NULL || d->given == NULL)
		return error_set(err, STATUS_DATABASE, NULL, "out of memory");
	return STATUS_OK;
}

static void draft_clear(struct draft *d)
{
	for (size_t i = 0; d->values && i < d->type->field_count; i++)
		free(d->values[i]);
	free(d->values);
	free(d->given);
	free(d->id);
	d->values = NULL;
	d->given = NULL;
	d->id = NULL;
}

static int unknown_field(const struct record_type *type, const char *name, struct error *err)
{
	char list[512] = "";
	size_t used = 0;

	for (size_t i = 0; i < type->field_count && used < sizeof list; i++)
		used += (size_t)snprintf(list + used, sizeof list - used, "%s%s",
					 i ? ", " : "", type->fields[i].name);
	return error_set(err, STATUS_INVALID, name, "a %s has no such field; its fields are %s",
			 type->label, list);
}

/* Understand each FIELD=VALUE into the draft. */
static int draft_parse(struct smreg *s, struct draft *d, const struct assignment *a,
		       size_t count, bool id_allowed, struct error *err)
{
	for (size_t n = 0; n < count; n++) {
		int i = record_field_index(d->type, a[n].field);
		int rc;

		if (i < 0 && id_allowed && strcmp(a[n].field, "id") == 0) {
			free(d->id);
			d->id = text_trimmed(a[n].value);
			if (d->id != NULL && d->id[0] == '\0') {
				free(d->id);
				d->id = NULL;
			}
			continue;
		}
		if (i < 0)
			return unknown_field(d->type, a[n].field, err);
		if (d->given[i])
			return error_set(err, STATUS_INVALID, a[n].field, "is given twice");
		if (d->type->fields[i].flags & FIELD_AUTO)
			return error_set(err, STATUS_INVALID, a[n].field,
					 "is filled in by smreg (who recorded it) and cannot be typed");
		rc = value_parse(s, &d->type->fields[i], a[n].value, &d->values[i], err);
		if (rc != STATUS_OK)
			return rc;
		d->given[i] = true;
	}
	return STATUS_OK;
}

/* The one record of a register, or NULL when it holds none or several. */
static int only_record(struct smreg *s, const struct record_type *type, char **id,
		       struct error *err)
{
	char sql[200];

	snprintf(sql, sizeof sql, "SELECT CASE WHEN count(*) = 1 THEN max(id) END FROM %s",
		 type->name);
	return db_query_text(s, sql, NULL, id, err);
}

/* A derived date, when not given (a policy's next review): the date it
 * derives from plus the months of its cycle. */
static int derive_date(struct draft *d, struct error *err)
{
	int next = record_field_index(d->type, d->type->derived.field);
	int approved = record_field_index(d->type, d->type->derived.from);
	int cycle = d->type->derived.months ? record_field_index(d->type, d->type->derived.months) : -1;
	const char *months = cycle >= 0 ? d->values[cycle] : NULL;
	long add = cycle >= 0 ? (months ? atol(months) : 0) : d->type->derived.fixed_months;
	struct date on;
	char iso[DATE_ISO_SIZE];

	if (d->values[next] != NULL || d->values[approved] == NULL ||
	    (cycle >= 0 && months == NULL))
		return STATUS_OK;
	/* A policy approved "October 2025" is next reviewed "October 2026":
	 * worked out at the precision it was given, no day invented. */
	if (date_month_from_iso(d->values[approved], &on))
		date_month_to_iso(date_add_months(on, add), iso);
	/* date_add_months keeps to the month's last day: a request received
	 * on 31 January is due on the last day of February. */
	else if (date_from_iso(d->values[approved], &on))
		date_to_iso(date_add_months(on, add), iso);
	else
		return STATUS_OK;
	d->values[next] = strdup(iso);
	return d->values[next] ? STATUS_OK : error_set(err, STATUS_DATABASE, NULL, "out of memory");
}

int edit_initial(struct smreg *s, const struct field *f, char **value,
		 struct error *err)
{
	*value = NULL;
	/* Who recorded it: the user's roles; a person field is the user's below. */
	if ((f->flags & FIELD_AUTO) && f->type != FIELD_REF) {
		char roles[64];

		role_names(s->roles, roles, sizeof roles);
		*value = roles[0] ? strdup(roles) : NULL;
		return roles[0] && *value == NULL ? error_set(err, STATUS_DATABASE, NULL, "out of memory")
						  : STATUS_OK;
	}
	if (f->initial != NULL)
		return value_parse(s, f, f->initial, value, err);
	if ((f->flags & FIELD_ME) && s->person_id != NULL) {
		*value = strdup(s->person_id);
		return *value ? STATUS_OK : error_set(err, STATUS_DATABASE, NULL, "out of memory");
	}
	if (f->type == FIELD_REF && (f->flags & FIELD_REQUIRED) &&
	    (record_type_find(f->target)->flags & RECORD_ONE_PREFILLS))
		return only_record(s, record_type_find(f->target), value, err);
	return STATUS_OK;
}

/* Initial values and values that follow from others, for fields not given. */
static int draft_complete(struct smreg *s, struct draft *d, struct error *err)
{
	const struct record_type *type = d->type;
	int rc = STATUS_OK;

	for (size_t i = 0; i < type->field_count && rc == STATUS_OK; i++) {
		const struct field *f = &type->fields[i];

		/* The owner of a record filed as one's own is already set. */
		if (!d->given[i] && d->values[i] == NULL)
			rc = edit_initial(s, f, &d->values[i], err);
	}
	if (rc == STATUS_OK && type->derived.field != NULL)
		rc = derive_date(d, err);
	return rc;
}

static int draft_check_required(const struct draft *d, struct error *err)
{
	for (size_t i = 0; i < d->type->field_count; i++) {
		const struct field *f = &d->type->fields[i];

		if ((f->flags & FIELD_REQUIRED) && d->values[i] == NULL && f->type == FIELD_REF)
			return error_set(err, STATUS_INVALID, f->name,
					 "is required: name the %s (see smreg list %s)",
					 record_type_find(f->target)->label, f->target);
		if ((f->flags & FIELD_REQUIRED) && d->values[i] == NULL)
			return error_set(err, STATUS_INVALID, f->name, "is required");
	}
	return STATUS_OK;
}

/*
 * Someone who may only file records of their own (staff and contact
 * reports) files them as themselves and leaves the managers' fields alone.
 */
static int draft_check_own(struct smreg *s, struct draft *d, struct error *err)
{
	int owner = record_field_index(d->type, d->type->owner_field);

	for (size_t i = 0; i < d->type->field_count; i++)
		if (d->given[i] && (d->type->fields[i].flags & FIELD_MANAGED))
			return error_set(err, STATUS_DENIED, d->type->fields[i].name,
					 "is for the DSL to record, not whoever files the %s",
					 d->type->label);
	if (s->person_id == NULL)
		return error_set(err, STATUS_DENIED, d->type->owner_field,
				 "your login (%s) is not linked to a person in the register: "
				 "ask an admin to set person for user %s",
				 s->login, s->login);
	if (d->values[owner] != NULL && strcmp(d->values[owner], s->person_id) != 0)
		return error_set(err, STATUS_DENIED, d->type->owner_field,
				 "you may file a %s only as yourself", d->type->label);
	if (d->values[owner] == NULL) {
		d->values[owner] = strdup(s->person_id);
		if (d->values[owner] == NULL)
			return error_set(err, STATUS_DATABASE, NULL, "out of memory");
	}
	return STATUS_OK;
}

/*
 * Someone who may not read every record of a register may not choose a
 * new one's id.  An id taken by a record hidden from them would be refused
 * where an unused one is accepted, and that difference would tell them the
 * hidden record exists (a member of staff, another's contact report).
 * Refusing every chosen id answers alike for both.
 */
static int draft_check_id(struct smreg *s, const struct draft *d, struct error *err)
{
	if (d->id == NULL || (access_mine(s, d->type) & CAN_READ))
		return STATUS_OK;
	return error_set(err, STATUS_DENIED, "id",
			 "you may not choose the id of a %s, as you may not see them all: "
			 "leave it out and smreg gives one",
			 d->type->label);
}

/* Bind a canonical value as the schema stores it. */
static void bind_value(sqlite3_stmt *stmt, int index, const struct field *f, const char *value)
{
	if (value == NULL)
		sqlite3_bind_null(stmt, index);
	else if (f->type == FIELD_YES_NO)
		sqlite3_bind_int(stmt, index, strcmp(value, "yes") == 0);
	else if (f->type == FIELD_INTEGER)
		sqlite3_bind_int64(stmt, index, strtoll(value, NULL, 10));
	else
		sqlite3_bind_text(stmt, index, value, -1, SQLITE_TRANSIENT);
}

/* "SELECT coalesce((rule), 1), ... FROM (SELECT ?1 AS "field", ...) AS r":
 * each of type's rules over one row of bound values.  The caller frees it;
 * NULL when out of memory. */
static char *rules_sql(const struct record_type *type)
{
	char *sql = strdup("SELECT ");

	for (const struct field_rule *r = type->rules; sql != NULL && r->field != NULL; r++) {
		char *ok = record_sql(r->ok_sql, "r");
		char *more = ok ? text_format("%s%scoalesce((%s), 1)", sql,
					      r == type->rules ? "" : ", ", ok)
				: NULL;

		free(ok);
		free(sql);
		sql = more;
	}
	for (size_t i = 0; sql != NULL && i < type->field_count; i++) {
		char *more = text_format("%s%s?%zu AS \"%s\"", sql, i ? ", " : " FROM (SELECT ",
					 i + 1, type->fields[i].name);

		free(sql);
		sql = more;
	}
	if (sql != NULL) {
		char *more = text_format("%s) AS r", sql);

		free(sql);
		sql = more;
	}
	return sql;
}

/* rules_sql(type), built once a session and kept in s (s frees it); NULL
 * when out of memory or when s keeps no slot for type. */
static const char *rules_sql_kept(struct smreg *s, const struct record_type *type)
{
	size_t count;
	const struct record_type *const *types = record_types(&count);

	for (size_t i = 0; i < count && i < RULES_SQL_KEPT; i++)
		if (types[i] == type) {
			if (s->rules_sql[i] == NULL)
				s->rules_sql[i] = rules_sql(type);
			return s->rules_sql[i];
		}
	return NULL;
}

/*
 * The rules across fields (type->rules) over values, one a field as
 * stored: each broken one added to wrong, unless its field is marked in
 * skip (already wrong); with wrong NULL, the first broken one is the error.
 * The schema checks the same again when the row is written.
 */
static int check_rules(struct smreg *s, const struct record_type *type,
		       const char *const *values, const bool *skip, struct error_list *wrong,
		       struct error *err)
{
	const char *sql;
	char *built = NULL;
	sqlite3_stmt *stmt;
	int column = 0;
	int rc;

	if (type->rules == NULL)
		return STATUS_OK;
	sql = rules_sql_kept(s, type);
	if (sql == NULL)
		sql = built = rules_sql(type);
	rc = sql ? db_prepare(s, sql, &stmt, err) : error_set(err, STATUS_DATABASE, NULL, "out of memory");
	free(built);
	if (rc != STATUS_OK)
		return rc;
	for (size_t i = 0; i < type->field_count; i++)
		bind_value(stmt, (int)i + 1, &type->fields[i], values[i]);
	rc = sqlite3_step(stmt);
	rc = rc == SQLITE_ROW ? STATUS_OK : db_error(s, rc, err);
	for (const struct field_rule *r = type->rules; rc == STATUS_OK && r->field != NULL; r++) {
		int i = record_field_index(type, r->field);
		struct error broken;

		if (sqlite3_column_int(stmt, column++) != 0 || (skip != NULL && skip[i]))
			continue;
		error_set(&broken, STATUS_INVALID, r->field, "%s", r->why);
		if (wrong == NULL) {
			*err = broken;
			rc = STATUS_INVALID;
		} else if (error_list_add(wrong, &broken) != 0) {
			rc = error_set(err, STATUS_DATABASE, NULL, "out of memory");
		}
	}
	db_release(stmt);
	return rc;
}

/* Run a prepared write; the reason is what smreg_reason() answers meanwhile. */
static int step_write(struct smreg *s, sqlite3_stmt *stmt, const char *reason,
		      struct error *err)
{
	int rc;

	s->reason = reason;
	rc = sqlite3_step(stmt);
	s->reason = NULL;
	return rc == SQLITE_DONE ? STATUS_OK : db_error(s, rc, err);
}

/*
 * Close a memory stream of SQL from open_memstream(&text, ...): the text
 * is set only on closing.  Returns it (the caller's to free), or NULL if
 * memory ran out.
 */
static char *sql_close(FILE *sql, char **text)
{
	bool failed = sql == NULL || ferror(sql);

	if (sql != NULL && fclose(sql) != 0)
		failed = true;
	if (failed) {
		free(*text);
		*text = NULL;
	}
	return *text;
}

static int draft_insert(struct smreg *s, struct draft *d, const char *reason,
			struct error *err)
{
	char *text = NULL;
	size_t size;
	FILE *sql = open_memstream(&text, &size);
	sqlite3_stmt *stmt;
	int n = 1;
	int rc;

	/* One statement text for each set of fields given, so the cache
	 * prepares it once however many rows an import brings. */
	if (sql != NULL) {
		fprintf(sql, "INSERT INTO \"%s\" (\"id\"", d->type->name);
		for (size_t i = 0; i < d->type->field_count; i++)
			if (d->values[i] != NULL)
				fprintf(sql, ", \"%s\"", d->type->fields[i].name);
		fputs(") VALUES (?", sql);
		for (size_t i = 0; i < d->type->field_count; i++)
			if (d->values[i] != NULL)
				fputs(", ?", sql);
		fputc(')', sql);
	}
	sql_close(sql, &text);
	rc = text ? db_prepare(s, text, &stmt, err)
		  : error_set(err, STATUS_DATABASE, NULL, "out of memory");
	if (rc == STATUS_OK) {
		db_bind_text(stmt, n++, d->id);
		for (size_t i = 0; i < d->type->field_count; i++)
			if (d->values[i] != NULL)
				bind_value(stmt, n++, &d->type->fields[i], d->values[i]);
		rc = step_write(s, stmt, reason, err);
		db_release(stmt);
	}
	free(text);
	return rc;
}

int edit_insert(struct smreg *s, const struct record_type *type,
		const struct assignment *a, size_t count, char **id, struct error *err)
{
	unsigned access = access_mine(s, type);
	struct draft d;
	int rc;

	if (id != NULL)
		*id = NULL;
	if (!(access & CAN_WRITE)) {
		rc = access_require(s, type, CAN_WRITE | CAN_ADD_OWN, "add to", err);
		if (rc != STATUS_OK)
			return rc;
	}
	if (type->flags & RECORD_FIXED_SET)
		return error_set(err, STATUS_INVALID, NULL,
				 "%ss cannot be added: change their values with smreg set %s",
				 type->label, type->name);
	rc = draft_init(&d, type, err);
	if (rc == STATUS_OK)
		rc = draft_parse(s, &d, a, count, true, err);
	if (rc == STATUS_OK)
		rc = draft_check_id(s, &d, err);
	if (rc == STATUS_OK && !(access & CAN_WRITE))
		rc = draft_check_own(s, &d, err);
	if (rc == STATUS_OK)
		rc = draft_complete(s, &d, err);
	if (rc == STATUS_OK)
		rc = draft_check_required(&d, err);
	if (rc == STATUS_OK)
		rc = check_rules(s, type, (const char *const *)d.values, NULL, NULL, err);
	if (rc == STATUS_OK && type->add_check == ADD_ASKS_MAY_POST)
		rc = postrec_ask(s, type, d.values, err);
	if (rc == STATUS_OK && d.id == NULL) {
		d.id = malloc(37);
		if (d.id == NULL)
			rc = error_set(err, STATUS_DATABASE, NULL, "out of memory");
		else
			db_new_uuid(d.id);
	}
	if (rc == STATUS_OK)
		rc = draft_insert(s, &d, NULL, err);
	if (rc == STATUS_OK && id != NULL) {
		*id = d.id;
		d.id = NULL;
	}
	draft_clear(&d);
	return rc;
}

/* Commit when all went well, else roll back and keep the first error. */
static int finish(struct smreg *s, int rc, struct error *err)
{
	if (rc == STATUS_OK)
		return db_commit(s, err);
	db_rollback(s);
	return rc;
}

/* The user register decides the user's own roles: reread them. */
static void after_write(struct smreg *s, const struct record_type *type)
{
	if (type->flags & RECORD_USERS)
		smreg_reload_user(s, NULL);
}

int edit_add(struct smreg *s, const struct record_type *type,
	     const struct assignment *a, size_t count, char **id, struct error *err)
{
	int rc = db_begin(s, err);

	if (rc == STATUS_OK)
		rc = finish(s, edit_insert(s, type, a, count, id, err), err);
	if (rc != STATUS_OK && id != NULL) {
		free(*id);
		*id = NULL;
	}
	if (rc == STATUS_OK)
		after_write(s, type);
	return rc;
}

/* Who last changed a record, for telling someone their copy is stale. */
static int conflict(struct smreg *s, const struct record_type *type, const char *id,
		    struct error *err)
{
	/* The change is recent: walking the register's trail back finds it. */
	char *sql = text_format("SELECT login || ' at ' || replace(replace(at, 'T', ' '), 'Z', ' UTC') "
				"FROM audit WHERE register = '%s' AND record_id = ? AND action <> 'open' "
				"ORDER BY seq DESC LIMIT 1",
				type->name);
	char *who = NULL;

	if (sql != NULL)
		db_query_text(s, sql, id, &who, NULL);
	free(sql);
	error_set(err, STATUS_CONFLICT, NULL,
		  "this %s was changed by %s since you opened it; reload it, or save again to overwrite",
		  type->label, who ? who : "someone else");
	free(who);
	return STATUS_CONFLICT;
}

/* Fixed fields keep their values; but may-I-post asked again (a post's
 * pupils changed) takes a new override with its new answer. */
static int check_fixed(const struct draft *d, const struct record *current, bool reasked,
		       struct error *err)
{
	int override = reasked ? record_field_index(d->type, "override") : -1;

	for (size_t i = 0; i < d->type->field_count; i++) {
		const struct field *f = &d->type->fields[i];
		const char *was = current->values[i];
		const char *now = d->values[i];

		if (!d->given[i] || !(f->flags & FIELD_FIXED) || (int)i == override)
			continue;
		if ((was == NULL) != (now == NULL) || (was && strcmp(was, now) != 0))
			return error_set(err, STATUS_INVALID, f->name,
					 "cannot be changed once the %s is recorded", d->type->label);
	}
	return STATUS_OK;
}

static int draft_update(struct smreg *s, const struct draft *d, const char *id,
			long long expected, const char *reason, struct error *err)
{
	char *text = NULL;
	size_t size;
	FILE *sql = open_memstream(&text, &size);
	sqlite3_stmt *stmt;
	int n = 1;
	int rc;

	if (sql != NULL) {
		fprintf(sql, "UPDATE \"%s\" SET row_version = row_version + 1", d->type->name);
		for (size_t i = 0; i < d->type->field_count; i++)
			if (d->given[i])
				fprintf(sql, ", \"%s\" = ?", d->type->fields[i].name);
		if (d->also_sql != NULL)
			fprintf(sql, ", %s", d->also_sql);
		fputs(" WHERE id = ? AND (? = 0 OR row_version = ?)", sql);
	}
	sql_close(sql, &text);
	rc = text ? db_prepare(s, text, &stmt, err)
		  : error_set(err, STATUS_DATABASE, NULL, "out of memory");
	if (rc == STATUS_OK) {
		for (size_t i = 0; i < d->type->field_count; i++)
			if (d->given[i])
				bind_value(stmt, n++, &d->type->fields[i], d->values[i]);
		db_bind_text(stmt, n++, id);
		sqlite3_bind_int64(stmt, n++, expected);
		sqlite3_bind_int64(stmt, n++, expected);
		rc = step_write(s, stmt, reason, err);
		db_release(stmt);
		if (rc == STATUS_OK && sqlite3_changes(s->db) == 0)
			rc = conflict(s, d->type, id, err);
	}
	free(text);
	return rc;
}

/*
 * A reason as given (raw; NULL for none) into *reason, as the audit trail
 * keeps it: trimmed, one line, in NFC.  One given must say something:
 * spaces and invisible characters (U+200B...) alone are refused, not
 * dropped, so that nobody believes a reason was kept.  Where required,
 * none is refused too.  *reason is the caller's; NULL for none.
 */
static int check_reason(const struct record_type *type, const char *raw, bool required,
			char **reason, struct error *err)
{
	char *trimmed = raw ? text_trimmed(raw) : NULL;
	const char *why;
	int rc = STATUS_OK;

	*reason = NULL;
	if (raw == NULL && required)
		return error_set(err, STATUS_INVALID, "reason",
				 "a change to a %s needs a reason, which the audit trail keeps",
				 type->label);
	if (raw == NULL)
		return STATUS_OK;
	if (trimmed == NULL)
		rc = error_set(err, STATUS_DATABASE, NULL, "out of memory");
	else if (!text_is_storable(trimmed, false, &why))
		rc = error_set(err, STATUS_INVALID, "reason", "%s", why);
	else if (!text_has_visible(trimmed) && required)
		rc = error_set(err, STATUS_INVALID, "reason",
			       "is blank (only spaces or invisible characters): a change to a %s "
			       "needs a reason in words, which the audit trail keeps",
			       type->label);
	else if (!text_has_visible(trimmed))
		rc = error_set(err, STATUS_INVALID, "reason",
			       "is blank (only spaces or invisible characters): give one in words, "
			       "or none");
	else if (strlen(trimmed) > VALUE_TEXT_MAX)
		rc = error_set(err, STATUS_INVALID, "reason", "is too long (%zu bytes; at most %d)",
			       strlen(trimmed), VALUE_TEXT_MAX);
	else if ((*reason = text_nfc(trimmed)) == NULL)
		rc = error_set(err, STATUS_DATABASE, NULL, "out of memory");
	free(trimmed);
	return rc;
}

int edit_reason(const struct record_type *type, const char *raw, char **reason,
		struct error *err)
{
	return check_reason(type, raw, (type->flags & RECORD_NEEDS_REASON) != 0, reason, err);
}

/* The record as a change would leave it: the draft's values where given,
 * else current's, into values[type->field_count] (pointers into both). */
static void merged_values(const struct draft *d, const struct record *current,
			  const char **values)
{
	for (size_t i = 0; i < d->type->field_count; i++)
		values[i] = d->given[i] ? d->values[i] : current->values[i];
}

/* The rules across fields over the record as the change leaves it. */
static int check_changed_rules(struct smreg *s, const struct draft *d,
			       const struct record *current, struct error *err)
{
	const char **values = calloc(d->type->field_count, sizeof *values);
	int rc;

	if (values == NULL)
		return error_set(err, STATUS_DATABASE, NULL, "out of memory");
	merged_values(d, current, values);
	rc = check_rules(s, d->type, values, NULL, NULL, err);
	free(values);
	return rc;
}

/* The change of edit_set, inside a transaction the caller holds. */
static int set_within(struct smreg *s, const struct record_type *type, const char *ref,
		      const struct assignment *a, size_t count, long long expected,
		      const char *why, struct error *err)
{
	struct record *current = NULL;
	struct draft d = {0};
	bool reasked;
	int rc = store_get(s, type, ref, &current, err);

	if (rc == STATUS_OK)
		rc = draft_init(&d, type, err);
	if (rc == STATUS_OK)
		rc = draft_parse(s, &d, a, count, false, err);
	reasked = rc == STATUS_OK && type->add_check == ADD_ASKS_MAY_POST &&
		  postrec_reasks(type, current->values, d.values, d.given);
	if (rc == STATUS_OK)
		rc = check_fixed(&d, current, reasked, err);
	/* A post changed in what may-I-post asks about asks it again. */
	if (rc == STATUS_OK && reasked)
		rc = postrec_reask(s, type, current->values, d.values, d.given, err);
	if (rc == STATUS_OK)
		rc = check_changed_rules(s, &d, current, err);
	if (rc == STATUS_OK)
		rc = draft_update(s, &d, current->id, expected, why, err);
	if (d.type != NULL)
		draft_clear(&d);
	record_free(&current);
	return rc;
}

int edit_check_set(struct smreg *s, const struct record_type *type, const char *ref,
		   const struct assignment *a, size_t count, long long expected,
		   struct error *err)
{
	int rc = access_require(s, type, CAN_WRITE, "change", err);

	if (rc == STATUS_OK && count == 0)
		return STATUS_OK;
	if (rc == STATUS_OK)
		rc = db_begin(s, err);
	if (rc != STATUS_OK)
		return rc;
	/* The schema's own checks, on a write that is never kept: nothing of
	 * it, the audit's rows included, outlives the rollback. */
	rc = set_within(s, type, ref, a, count, expected, "checking", err);
	db_rollback(s);
	return rc;
}

/* Each assignment parsed on its own into d: one that does not parse is
 * added to wrong and marked in d->given's stead by bad[]. */
static int parse_each(struct smreg *s, struct draft *d, const struct assignment *a,
		      size_t count, bool *bad, struct error_list *wrong, struct error *err)
{
	int rc = STATUS_OK;

	for (size_t n = 0; n < count && rc == STATUS_OK; n++) {
		int i = record_field_index(d->type, a[n].field);
		struct error why;

		if (i < 0 || d->given[i] || (d->type->fields[i].flags & FIELD_AUTO))
			rc = draft_parse(s, d, &a[n], 1, false, err);
		else if (value_parse(s, &d->type->fields[i], a[n].value, &d->values[i], &why) ==
			 STATUS_OK)
			d->given[i] = true;
		else if (why.status != STATUS_INVALID)
			rc = error_set(err, why.status, why.field, "%s", why.text);
		else if (error_list_add(wrong, &why) != 0)
			rc = error_set(err, STATUS_DATABASE, NULL, "out of memory");
		else
			bad[i] = d->given[i] = true; /* not completed with an initial value */
	}
	return rc;
}

/* Required fields a new record leaves empty, each into wrong. */
static int list_missing(const struct draft *d, const bool *bad, struct error_list *wrong,
			struct error *err)
{
	for (size_t i = 0; i < d->type->field_count; i++) {
		const struct field *f = &d->type->fields[i];
		struct error missing;

		if (!(f->flags & FIELD_REQUIRED) || d->values[i] != NULL || bad[i])
			continue;
		error_set(&missing, STATUS_INVALID, f->name, "is required");
		if (error_list_add(wrong, &missing) != 0)
			return error_set(err, STATUS_DATABASE, NULL, "out of memory");
	}
	return STATUS_OK;
}

/* edit_wrong_fields inside a transaction the caller rolls back. */
static int wrong_within(struct smreg *s, const struct record_type *type, const char *id,
			const struct assignment *a, size_t count, bool *bad,
			struct error_list *wrong, struct error *err)
{
	struct record *current = NULL;
	const char **values = calloc(type->field_count, sizeof *values);
	struct draft d = {0};
	int rc = values ? draft_init(&d, type, err)
			: error_set(err, STATUS_DATABASE, NULL, "out of memory");

	if (rc == STATUS_OK && id != NULL)
		rc = store_get(s, type, id, &current, err);
	if (rc == STATUS_OK)
		rc = parse_each(s, &d, a, count, bad, wrong, err);
	/* Whoever files only their own records files them as themselves. */
	if (rc == STATUS_OK && id == NULL && !(access_mine(s, type) & CAN_WRITE))
		rc = draft_check_own(s, &d, err);
	if (rc == STATUS_OK && id == NULL)
		rc = draft_complete(s, &d, err);
	if (rc == STATUS_OK && id == NULL)
		rc = list_missing(&d, bad, wrong, err);
	if (rc == STATUS_OK && id != NULL)
		merged_values(&d, current, values);
	for (size_t i = 0; rc == STATUS_OK && id == NULL && i < type->field_count; i++)
		values[i] = d.values[i];
	if (rc == STATUS_OK)
		rc = check_rules(s, type, values, bad, wrong, err);
	if (d.type != NULL)
		draft_clear(&d);
	record_free(&current);
	free(values);
	return rc;
}

int edit_wrong_fields(struct smreg *s, const struct record_type *type, const char *id,
		      const struct assignment *a, size_t count, struct error_list *wrong,
		      struct error *err)
{
	bool *bad = calloc(type->field_count, sizeof *bad);
	int rc = bad ? db_begin(s, err) : error_set(err, STATUS_DATABASE, NULL, "out of memory");

	if (rc == STATUS_OK) {
		/* Nothing of it is kept: reading a contact report to check a
		 * change is no new opening of it. */
		rc = wrong_within(s, type, id, a, count, bad, wrong, err);
		db_rollback(s);
	}
	free(bad);
	return rc;
}

int edit_set_within(struct smreg *s, const struct record_type *type, const char *id,
		    const struct assignment *a, size_t count, struct error *err)
{
	int rc = access_require(s, type, CAN_WRITE, "change", err);

	return rc == STATUS_OK ? set_within(s, type, id, a, count, 0, NULL, err) : rc;
}

int edit_set(struct smreg *s, const struct record_type *type, const char *ref,
	     const struct assignment *a, size_t count, long long expected,
	     const char *reason, struct error *err)
{
	char *why = NULL;
	int rc = access_require(s, type, CAN_WRITE, "change", err);
	bool begun;

	if (rc == STATUS_OK && count == 0)
		rc = error_set(err, STATUS_USAGE, NULL, "nothing to change: give FIELD=VALUE");
	if (rc == STATUS_OK)
		rc = edit_reason(type, reason, &why, err);
	/* Begun before store_get, which records opening a contact report: a
	 * refused change must leave no trace, that record included. */
	if (rc == STATUS_OK)
		rc = db_begin(s, err);
	begun = rc == STATUS_OK;
	if (rc == STATUS_OK)
		rc = set_within(s, type, ref, a, count, expected, why, err);
	if (begun)
		rc = finish(s, rc, err);
	if (rc == STATUS_OK)
		after_write(s, type);
	free(why);
	return rc;
}

/* "SET closed_on = ?1, rationale = coalesce(?2, rationale), status = 'closed',
 * done_by = coalesce(done_by, ?4)": the end date, the note if one was said,
 * what ending also means, and who ended it where the register keeps that. */
static char *end_assignments(const struct record_type *type)
{
	char *sets = text_format("\"%s\" = ?1", type->end_field);

	for (size_t i = 0; sets != NULL && i < type->field_count; i++) {
		const struct field *f = &type->fields[i];
		char *more = NULL;

		if (type->end_note_field != NULL && strcmp(f->name, type->end_note_field) == 0)
			more = text_format("%s, \"%s\" = coalesce(?2, \"%s\")", sets, f->name, f->name);
		else if (f->flags & FIELD_ENDED_BY)
			more = text_format("%s, \"%s\" = coalesce(\"%s\", ?4)", sets, f->name, f->name);
		else
			continue;
		free(sets);
		sets = more;
	}
	if (sets != NULL && type->end_also_sql != NULL) {
		char *more = text_format("%s, %s", sets, type->end_also_sql);

		free(sets);
		sets = more;
	}
	return sets;
}

static int end_update(struct smreg *s, const struct record_type *type, const char *id,
		      const char *date, const char *note, const char *by, const char *reason,
		      struct error *err)
{
	char *sets = end_assignments(type);
	char *sql = sets ? text_format("UPDATE \"%s\" SET %s, row_version = row_version + 1 "
				       "WHERE id = ?3",
				       type->name, sets)
			 : NULL;
	sqlite3_stmt *stmt;
	int rc;

	rc = sql ? db_prepare(s, sql, &stmt, err)
		 : error_set(err, STATUS_DATABASE, NULL, "out of memory");
	if (rc == STATUS_OK) {
		db_bind_text(stmt, 1, date);
		if (sqlite3_bind_parameter_index(stmt, "?2") > 0)
			db_bind_text(stmt, 2, note);
		db_bind_text(stmt, 3, id);
		if (sqlite3_bind_parameter_index(stmt, "?4") > 0)
			db_bind_text(stmt, 4, by ? by : s->person_id);
		rc = step_write(s, stmt, reason, err);
		db_release(stmt);
	}
	free(sets);
	free(sql);
	return rc;
}

int edit_end_within(struct smreg *s, const struct record_type *type, const char *id,
		    const char *date, struct error *err)
{
	int rc = type->end_field ? access_require(s, type, CAN_WRITE, type->end_verb, err)
				 : error_set(err, STATUS_INVALID, NULL, "a %s is not ended", type->label);

	return rc == STATUS_OK ? end_update(s, type, id, date, NULL, NULL, NULL, err) : rc;
}

int edit_end(struct smreg *s, const struct record_type *type, const char *ref,
	     const char *date_text, const char *note_text, const char *reason,
	     struct error *err)
{
	return edit_end_by(s, type, ref, date_text, note_text, NULL, reason, err);
}

/* The type's field for who ended a record, or NULL. */
static const struct field *ended_by_field(const struct record_type *type)
{
	for (size_t i = 0; i < type->field_count; i++)
		if (type->fields[i].flags & FIELD_ENDED_BY)
			return &type->fields[i];
	return NULL;
}

int edit_end_by(struct smreg *s, const struct record_type *type, const char *ref,
		const char *date_text, const char *note_text, const char *by_text,
		const char *reason, struct error *err)
{
	struct record *current = NULL;
	char *date = NULL;
	char *note = NULL;
	char *by = NULL;
	char *why = NULL;
	int end_index;
	bool begun;
	int rc;

	if (type->end_field == NULL)
		return error_set(err, STATUS_INVALID, NULL,
				 "a %s is not closed or ended; change its fields instead", type->label);
	end_index = record_field_index(type, type->end_field);
	rc = access_require(s, type, CAN_WRITE, type->end_verb, err);
	if (rc == STATUS_OK)
		rc = check_reason(type, reason, false, &why, err);
	/* Begun before store_get, as in edit_set: a refused close leaves no
	 * record of opening the contact report either. */
	if (rc == STATUS_OK)
		rc = db_begin(s, err);
	begun = rc == STATUS_OK;
	if (rc == STATUS_OK)
		rc = store_get(s, type, ref, &current, err);
	if (rc == STATUS_OK && current->values[end_index] != NULL) {
		char when[DATE_ISO_SIZE];

		date_iso_to_display(current->values[end_index], when);
		rc = error_set(err, STATUS_INVALID, type->end_field,
			       "%s already has %s %s; change it with smreg set if that was wrong",
			       current->title ? current->title : "it", type->end_field, when);
	}
	if (rc == STATUS_OK)
		rc = value_parse(s, &type->fields[end_index],
				 date_text && date_text[0] ? date_text : "today", &date, err);
	if (rc == STATUS_OK && type->end_note_field != NULL)
		rc = value_parse(s, record_field_find(type, type->end_note_field), note_text,
				 &note, err);
	if (rc == STATUS_OK && by_text != NULL && by_text[0] != '\0' && ended_by_field(type) != NULL)
		rc = value_parse(s, ended_by_field(type), by_text, &by, err);
	/* Closing a report is itself its reason, unless one is given. */
	if (rc == STATUS_OK)
		rc = end_update(s, type, current->id, date, note, by,
				why ? why : (type->flags & RECORD_NEEDS_REASON) ? type->end_verb
										: NULL,
				err);
	if (begun)
		rc = finish(s, rc, err);
	if (rc == STATUS_OK)
		after_write(s, type);
	record_free(&current);
	free(date);
	free(note);
	free(by);
	free(why);
	return rc;
}

/* Is name a field ending type asks for? */
static bool asked_when_ending(const struct record_type *type, const char *name)
{
	if (strcmp(name, type->end_field) == 0 ||
	    (type->end_note_field != NULL && strcmp(name, type->end_note_field) == 0))
		return true;
	for (const char *const *f = type->end_fields; f != NULL && *f != NULL; f++)
		if (strcmp(name, *f) == 0)
			return true;
	return false;
}

int edit_end_with(struct smreg *s, const struct record_type *type, const char *ref,
		  const struct assignment *a, size_t count, const char *reason,
		  struct error *err)
{
	struct record *current = NULL;
	struct draft d = {0};
	char *why = NULL;
	int end_index;
	bool begun;
	int rc;

	if (type->end_field == NULL)
		return error_set(err, STATUS_INVALID, NULL,
				 "a %s is not closed or ended; change its fields instead", type->label);
	end_index = record_field_index(type, type->end_field);
	rc = access_require(s, type, CAN_WRITE, type->end_verb, err);
	for (size_t i = 0; rc == STATUS_OK && i < count; i++)
		if (!asked_when_ending(type, a[i].field))
			rc = error_set(err, STATUS_USAGE, a[i].field,
				       "is not asked when a %s is %s; change it with smreg set",
				       type->label, type->end_past);
	if (rc == STATUS_OK)
		rc = check_reason(type, reason, false, &why, err);
	if (rc == STATUS_OK)
		rc = db_begin(s, err);
	begun = rc == STATUS_OK;
	if (rc == STATUS_OK)
		rc = store_get(s, type, ref, &current, err);
	if (rc == STATUS_OK && current->values[end_index] != NULL)
		rc = error_set(err, STATUS_INVALID, type->end_field, "%s is already %s",
			       current->title ? current->title : "it", type->end_past);
	if (rc == STATUS_OK)
		rc = draft_init(&d, type, err);
	if (rc == STATUS_OK)
		rc = draft_parse(s, &d, a, count, false, err);
	if (rc == STATUS_OK && d.values[end_index] == NULL) {
		rc = value_parse(s, &type->fields[end_index], "today", &d.values[end_index], err);
		d.given[end_index] = true;
	}
	/* Closing a report is itself its reason, unless one is given. */
	if (rc == STATUS_OK) {
		d.also_sql = type->end_also_sql;
		rc = draft_update(s, &d, current->id, 0,
				  why ? why : (type->flags & RECORD_NEEDS_REASON) ? type->end_verb
										  : NULL,
				  err);
	}
	if (begun)
		rc = finish(s, rc, err);
	if (rc == STATUS_OK)
		after_write(s, type);
	if (d.type != NULL)
		draft_clear(&d);
	record_free(&current);
	free(why);
	return rc;
}

static int delete_row(struct smreg *s, const struct record *current, const char *reason,
		      struct error *err)
{
	const struct record_type *type = current->type;
	char *sql = text_format("DELETE FROM \"%s\" WHERE id = ?", type->name);
	sqlite3_stmt *stmt;
	int rc;

	rc = sql ? db_prepare(s, sql, &stmt, err)
		 : error_set(err, STATUS_DATABASE, NULL, "out of memory");
	free(sql);
	if (rc != STATUS_OK)
		return rc;
	db_bind_text(stmt, 1, current->id);
	rc = step_write(s, stmt, reason, err);
	if (rc != STATUS_OK && sqlite3_extended_errcode(s->db) == SQLITE_CONSTRAINT_FOREIGNKEY)
		error_set(err, STATUS_INVALID, NULL,
			  "%s cannot be deleted: other records refer to it%s%s%s",
			  current->title ? current->title : "it",
			  type->end_verb ? "; " : "", type->end_verb ? type->end_verb : "",
			  type->end_verb ? " it instead" : "");
	db_release(stmt);
	return rc;
}

/*
 * A register that can refer to type and that the user may not read in
 * full, or NULL.  A record may be deleted only by someone for whom there
 * is none.  Else one that only hidden records refer to would be refused
 * (other records refer to it) where one nothing refers to is deleted, and
 * an admin would learn which pupils have a contact report.
 */
const struct record_type *edit_hidden_referrer(struct smreg *s, const struct record_type *type)
{
	size_t n;
	const struct record_type *const *types = record_types(&n);

	for (size_t t = 0; t < n; t++) {
		if (access_mine(s, types[t]) & CAN_READ)
			continue;
		for (size_t i = 0; i < types[t]->field_count; i++)
			if (types[t]->fields[i].type == FIELD_REF &&
			    strcmp(types[t]->fields[i].target, type->name) == 0)
				return types[t];
	}
	return NULL;
}

bool edit_may_delete(struct smreg *s, const struct record_type *type)
{
	return (access_mine(s, type) & CAN_WRITE) &&
	       !(type->flags & (RECORD_NEVER_DELETED | RECORD_FIXED_SET)) &&
	       edit_hidden_referrer(s, type) == NULL;
}

int edit_delete(struct smreg *s, const struct record_type *type, const char *ref,
		const char *reason, struct error *err)
{
	struct record *current = NULL;
	const struct record_type *hidden;
	char *why = NULL;
	int rc = access_require(s, type, CAN_WRITE, "delete from", err);

	if (rc != STATUS_OK)
		return rc;
	if (type->flags & (RECORD_NEVER_DELETED | RECORD_FIXED_SET))
		return error_set(err, STATUS_INVALID, NULL, "%ss are never deleted%s%s%s",
				 type->label, type->end_verb ? "; " : "",
				 type->end_verb ? type->end_verb : "",
				 type->end_verb ? " it instead" : "");
	hidden = edit_hidden_referrer(s, type);
	if (hidden != NULL)
		return error_set(err, STATUS_DENIED, NULL,
				 "permission denied: %s may not delete a %s: records you may not "
				 "read (%s) can refer to it%s%s%s",
				 smreg_login(s), type->label, hidden->plural,
				 type->end_verb ? "; " : "", type->end_verb ? type->end_verb : "",
				 type->end_verb ? " instead" : "");
	rc = check_reason(type, reason, false, &why, err);
	if (rc == STATUS_OK)
		rc = store_get(s, type, ref, &current, err);
	if (rc == STATUS_OK)
		rc = db_begin(s, err);
	if (rc == STATUS_OK)
		rc = finish(s, delete_row(s, current, why, err), err);
	if (rc == STATUS_OK)
		after_write(s, type);
	record_free(&current);
	free(why);
	return rc;
}

static int revoke_person(struct smreg *s, const char *person, const char *date,
			 const char *reason, int *count, struct error *err)
{
	sqlite3_stmt *stmt;
	int rc = db_prepare(s,
			    "UPDATE authorisation SET revoked_on = max(?1, granted_on), "
			    "revoke_reason = coalesce(revoke_reason, ?2), "
			    "row_version = row_version + 1 "
			    "WHERE person = ?3 AND (revoked_on IS NULL OR revoked_on > ?1)",
			    &stmt, err);

	if (rc != STATUS_OK)
		return rc;
	db_bind_text(stmt, 1, date);
	db_bind_text(stmt, 2, reason);
	db_bind_text(stmt, 3, person);
	rc = step_write(s, stmt, reason, err);
	*count = rc == STATUS_OK ? sqlite3_changes(s->db) : 0;
	db_release(stmt);
	return rc;
}

long edit_follow_up_count(struct smreg *s, const struct record_type *type,
			  const char *id)
{
	const struct record_type *authorisation = record_type_find("authorisation");
	struct list_query q = list_query_default();
	struct error err;
	long held = 0;

	if (type->end_follow_up != END_REVOKE_HELD ||
	    !(access_mine(s, authorisation) & CAN_READ))
		return 0;
	q.where_field = "person";
	q.where_value = id;
	if (store_count(s, authorisation, &q, &held, &err) != STATUS_OK)
		held = 0;
	return held;
}

int edit_revoke_all(struct smreg *s, const char *person_ref, const char *date_text,
		    const char *reason, int *count, struct error *err)
{
	const struct record_type *authorisation = record_type_find("authorisation");
	const struct record_type *person = record_type_find("person");
	char *person_id = NULL;
	char *date = NULL;
	char *why = NULL;
	int rc = access_require(s, authorisation, CAN_WRITE, "revoke", err);

	*count = 0;
	/* The reason is also each authorisation's revoke_reason. */
	if (rc == STATUS_OK)
		rc = check_reason(authorisation, reason, false, &why, err);
	if (rc == STATUS_OK)
		rc = ref_resolve(s, person, person_ref, "person", &person_id, err);
	if (rc == STATUS_OK)
		rc = value_parse(s, record_field_find(authorisation, "revoked_on"),
				 date_text && date_text[0] ? date_text : "today", &date, err);
	if (rc == STATUS_OK)
		rc = db_begin(s, err);
	if (rc == STATUS_OK)
		rc = finish(s, revoke_person(s, person_id, date, why ? why : "left", count, err),
			    err);
	free(person_id);
	free(date);
	free(why);
	return rc;
}
