/* The permission matrix of DESIGN.md, in one table, and the rows it lets
 * the user see. */
#include "core/access.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/text.h"
#include "private.h"

#define R (CAN_COUNT | CAN_READ)
#define RW (CAN_COUNT | CAN_READ | CAN_WRITE | CAN_AUDIT)

/*
 * Rows are registers; columns the roles of role.h: admin, dsl, governor, staff.
 * Governors never see a pupil's name: no pupils, consents or takedowns,
 * and only the number of contact reports.  Staff file contact reports and
 * see their own; they read pupils and channels to ask "may I post?".
 * Safeguarding records belong to the DSL, audit trail included.
 */
static const struct {
	const char *name;
	unsigned by_role[ROLE_COUNT];
} matrix[] = {
	{"school", {RW, R, R, R}},
	{"person", {RW, R, R, R}},
	{"channel", {RW, R, R, R}},
	{"authorisation", {RW, R, R, R}},
	{"pupil", {RW, R, 0, R}},
	{"consent_use", {RW, R, R, R}},
	{"consent", {RW, R, 0, 0}},
	{"takedown", {RW, R, 0, 0}},
	{"policy", {RW, R, R, R}},
	{"review", {RW, R, R, R}},
	{"contact", {CAN_COUNT, RW, CAN_COUNT, CAN_READ_OWN | CAN_ADD_OWN}},
	{"action", {0, RW, 0, 0}},
	{"training", {RW, R, R, 0}},
	{"user", {RW, 0, 0, 0}},
	{"setting", {RW, R, R, R}},
	{"training_need", {RW, R, R, R}},
	{"request", {RW, R, 0, 0}},
	{"post", {RW, R, 0, 0}},
	{"signoff", {RW, R, R, R}},
	{"objection", {RW, R, 0, 0}},
};

static const char *const role_list[ROLE_COUNT] = {SMREG_ROLES(ROLE_NAME)};

unsigned access_of(unsigned roles, const struct record_type *type)
{
	unsigned granted = 0;

	for (size_t i = 0; i < sizeof matrix / sizeof matrix[0]; i++) {
		if (strcmp(matrix[i].name, type->name) != 0)
			continue;
		for (int r = 0; r < ROLE_COUNT; r++)
			if (roles & (1u << r))
				granted |= matrix[i].by_role[r];
	}
	return granted;
}

/* Does a record of type name a reader, itself or through its parent? */
static bool names_readers(const struct record_type *type)
{
	const struct field *parent;

	if (type->named_reader_sql != NULL)
		return true;
	if (type->parent_field == NULL)
		return false;
	parent = record_field_find(type, type->parent_field);
	return record_type_find(parent->target)->named_reader_sql != NULL;
}

/* Whoever a record names as its reader reads it, whatever their roles:
 * beyond the matrix, and only those records (visible_sql). */
unsigned access_mine(const struct smreg *s, const struct record_type *type)
{
	unsigned granted = access_of(s->roles, type);

	if (s->reads_named && names_readers(type))
		granted |= CAN_READ_NAMED;
	return granted;
}

/* The register's version for access_refresh: others' writes move
 * data_version, this connection's its total changes. */
static int register_version(struct smreg *s, long long *version, long long *writes,
			    struct error *err)
{
	char *text = NULL;
	int rc = db_query_text(s, "PRAGMA data_version", NULL, &text, err);

	*version = rc == STATUS_OK && text != NULL ? strtoll(text, NULL, 10) : -1;
	*writes = sqlite3_total_changes64(s->db);
	free(text);
	return rc;
}

int access_find_named(struct smreg *s, struct error *err)
{
	size_t n;
	const struct record_type *const *types = record_types(&n);
	int rc = STATUS_OK;

	s->reads_named = false;
	for (size_t i = 0; i < n && s->person_id != NULL && !s->reads_named && rc == STATUS_OK; i++) {
		const struct record_type *t = types[i];
		char *reader;
		char *sql;
		char *found = NULL;

		if (t->named_reader_sql == NULL || t->concerns_field == NULL)
			continue;
		reader = record_sql(t->named_reader_sql, "t");
		sql = reader ? text_format("SELECT EXISTS (SELECT 1 FROM \"%s\" AS t WHERE "
					   "t.\"%s\" IS NOT NULL AND t.\"%s\" IS NOT ?1 AND (%s) IS ?1)",
					   t->name, t->concerns_field, t->concerns_field, reader)
			     : NULL;
		rc = sql ? db_query_text(s, sql, s->person_id, &found, err)
			 : error_set(err, STATUS_DATABASE, NULL, "out of memory");
		s->reads_named = found != NULL && strcmp(found, "1") == 0;
		free(found);
		free(reader);
		free(sql);
	}
	if (rc == STATUS_OK)
		rc = register_version(s, &s->named_version, &s->named_writes, err);
	return rc;
}

int access_refresh(struct smreg *s, bool *changed, struct error *err)
{
	long long version;
	long long writes;
	bool was = s->reads_named;
	int rc = register_version(s, &version, &writes, err);

	*changed = false;
	if (rc != STATUS_OK || (version == s->named_version && writes == s->named_writes))
		return rc;
	rc = access_find_named(s, err);
	*changed = rc == STATUS_OK && s->reads_named != was;
	return rc;
}

int access_require(const struct smreg *s, const struct record_type *type,
		   unsigned need, const char *doing, struct error *err)
{
	unsigned roles = s->roles;
	unsigned allowed = 0;
	char mine[64];
	char theirs[64];

	if (access_mine(s, type) & need)
		return STATUS_OK;
	for (int r = 0; r < ROLE_COUNT; r++)
		if (access_of(1u << r, type) & need)
			allowed |= 1u << r;
	role_names(roles, mine, sizeof mine);
	if (allowed == 0)
		return error_set(err, STATUS_DENIED, NULL, "nobody may %s %s",
				 doing, type->plural);
	role_names(allowed, theirs, sizeof theirs);
	return error_set(err, STATUS_DENIED, NULL,
			 "permission denied: %s (%s) may not %s %s; only %s may",
			 s->login, roles ? mine : "no role", doing, type->plural, theirs);
}

unsigned role_parse(const char *roles)
{
	unsigned set = 0;
	const char *p = roles;

	while (p != NULL && *p != '\0') {
		size_t len = strcspn(p, ";");

		for (int r = 0; r < ROLE_COUNT; r++)
			if (strlen(role_list[r]) == len && strncmp(p, role_list[r], len) == 0)
				set |= 1u << r;
		p += len;
		if (*p == ';')
			p++;
	}
	return set;
}

const char *role_names(unsigned roles, char *buf, size_t len)
{
	size_t used = 0;

	buf[0] = '\0';
	for (int r = 0; r < ROLE_COUNT && used < len; r++)
		if (roles & (1u << r))
			used += (size_t)snprintf(buf + used, len - used, "%s%s",
						 used ? ", " : "", role_list[r]);
	return buf;
}

/* --- which rows the user may see (store.c, ref.c, due.c, canpost.c) ----- */

/*
 * The rows of type, as alias, that the capabilities in `access` let the
 * user see, as an SQL condition.  A record about a person is never seen
 * by that person, whatever else allows it; it is seen by its managers and
 * by the reader it names, never as one's own filing (ROLES in smreg(1)).
 */
static char *rows_sql(const struct record_type *type, const char *alias, unsigned access)
{
	const char *about = type->concerns_field;
	char *not_me = about ? text_format("(%s.\"%s\" IS NULL OR %s.\"%s\" IS NOT :me)",
					   alias, about, alias, about)
			     : strdup("1");
	char *sql = NULL;

	if (not_me == NULL)
		return NULL;
	if (access & CAN_READ) {
		sql = not_me;
		not_me = NULL;
	} else if ((access & CAN_READ_OWN) && type->owner_field != NULL) {
		/* One's own filing, but never a concern about a colleague. */
		sql = about ? text_format("(%s.\"%s\" IS :me AND %s.\"%s\" IS NULL)",
					  alias, type->owner_field, alias, about)
			    : text_format("%s.\"%s\" IS :me", alias, type->owner_field);
	} else {
		sql = strdup("0");
	}
	/* Those who read every record read the named ones already. */
	if (sql != NULL && not_me != NULL && (access & CAN_READ_NAMED) && about &&
	    type->named_reader_sql) {
		char *reader = record_sql(type->named_reader_sql, alias);
		char *more = reader ? text_format("((%s) OR (%s.\"%s\" IS NOT NULL AND %s AND "
						  ":me IS NOT NULL AND (%s) IS :me))",
						  sql, alias, about, not_me, reader)
				    : NULL;

		free(reader);
		free(sql);
		sql = more;
	}
	free(not_me);
	return sql;
}

char *visible_sql(struct smreg *s, const struct record_type *type, const char *alias)
{
	unsigned access = access_mine(s, type);
	const struct field *parent;
	const struct record_type *up;
	char *inner;
	char *up_alias;
	char *sql;

	if (type->parent_field == NULL)
		return rows_sql(type, alias, access);
	/* A record that belongs to another (an action, its report) is seen by
	 * those who see that one, in the ways this register allows them. */
	parent = record_field_find(type, type->parent_field);
	up = record_type_find(parent->target);
	up_alias = text_format("%s_up", alias);
	inner = up_alias ? rows_sql(up, up_alias, access) : NULL;
	sql = inner ? text_format("EXISTS (SELECT 1 FROM \"%s\" AS %s WHERE %s.id = %s.\"%s\" AND (%s))",
				  up->name, up_alias, up_alias, alias, parent->name, inner)
		    : NULL;
	free(inner);
	free(up_alias);
	return sql;
}

char *visible_id_sql(struct smreg *s, const struct record_type *type, const char *id_column)
{
	/* An alias no view uses, so a plan's "SCAN t" is never taken for it. */
	char *visible = visible_sql(s, type, "seen");
	/* Correlated, so each id is looked up in the register's own index:
	 * "IN (SELECT ...)" would list every record the user may read. */
	char *sql = visible && strcmp(visible, "1") != 0
			    ? text_format("EXISTS (SELECT 1 FROM \"%s\" AS seen WHERE seen.id = %s AND (%s))",
					  type->name, id_column, visible)
			    : visible;

	if (sql != visible)
		free(visible);
	return sql;
}

void bind_context(struct smreg *s, sqlite3_stmt *stmt)
{
	char today[DATE_ISO_SIZE];
	int i;

	date_to_iso(s->sql_today, today);
	i = sqlite3_bind_parameter_index(stmt, ":today");
	if (i > 0)
		sqlite3_bind_text(stmt, i, today, -1, SQLITE_TRANSIENT);
	i = sqlite3_bind_parameter_index(stmt, ":me");
	if (i > 0)
		db_bind_text(stmt, i, s->person_id);
}
