/*
 * MIS pupil imports (core/mis.h): the columns file, the header of the
 * export, matching on UPN then MIS id, and the pupils the export lacks.
 */
#include "core/mis.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/access.h"
#include "core/csv.h"
#include "core/edit.h"
#include "core/text.h"
#include "core/value.h"
#include "private.h"

/* smreg's fields an export may give, in the order of a pupil's fields. */
enum { UPN, MIS_ID, FORENAME, SURNAME, PREFERRED_FORENAME, PREFERRED_SURNAME,
       DATE_OF_BIRTH, YEAR_GROUP, JOINED_ON, LEFT_ON, MIS_FIELDS };

static const char *const mis_fields[MIS_FIELDS] = {
	"upn", "mis_id", "forename", "surname", "preferred_forename", "preferred_surname",
	"date_of_birth", "year_group", "joined_on", "left_on",
};

/* The register's field each gives straight (the names are put together). */
static const char *const stored_as[MIS_FIELDS] = {
	"upn", "mis_id", NULL, NULL, NULL, NULL, "date_of_birth", "year_group", "joined_on",
	"left_on",
};

struct columns {
	char *names[MIS_FIELDS];	/* "A|B|C" from the file, or NULL */
	int at[MIS_FIELDS];		/* the export's column, or -1 */
};

static void columns_clear(struct columns *c)
{
	for (int i = 0; i < MIS_FIELDS; i++)
		free(c->names[i]);
}

/* The system's lines of the columns file's text; the systems it knows in known. */
static int read_columns(const char *text, const char *system, struct columns *c,
			struct error *err)
{
	char *copy = strdup(text ? text : "");
	char known[256] = "";
	bool found = false;
	char *save = NULL;

	if (copy == NULL)
		return error_set(err, STATUS_DATABASE, NULL, "out of memory");
	for (char *line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *in = NULL;
		char *sys = strtok_r(line, "\t\r", &in);
		char *field = strtok_r(NULL, "\t\r", &in);
		char *names = strtok_r(NULL, "\t\r", &in);

		if (sys == NULL || sys[0] == '#' || field == NULL || names == NULL)
			continue;
		if (strstr(known, sys) == NULL && strlen(known) + strlen(sys) + 3 < sizeof known)
			strcat(strcat(known, known[0] ? ", " : ""), sys);
		if (strcmp(sys, system) != 0)
			continue;
		for (int i = 0; i < MIS_FIELDS; i++)
			if (strcmp(field, mis_fields[i]) == 0 && c->names[i] == NULL) {
				c->names[i] = strdup(names);
				found = true;
			}
	}
	free(copy);
	if (!found)
		return error_set(err, STATUS_USAGE, "from", "smreg knows no MIS called %.40s; "
				 "it reads %s", system, known[0] ? known : "none (the columns file is empty)");
	return STATUS_OK;
}

/* Whether header is one of "A|B|C", case aside. */
static bool is_one_of(const char *names, const char *header)
{
	size_t len = strlen(header);

	for (const char *p = names; p != NULL; p = strchr(p, '|') ? strchr(p, '|') + 1 : NULL) {
		size_t n = strcspn(p, "|");

		if (n == len && strncasecmp(p, header, n) == 0)
			return true;
	}
	return false;
}

static int read_header(struct csv_reader *reader, const char *system, struct columns *c,
		       struct error *err)
{
	char **fields;
	size_t count;
	long line;
	const char *why;
	int got = csv_read(reader, &fields, &count, &line, &why);

	for (int i = 0; i < MIS_FIELDS; i++)
		c->at[i] = -1;
	if (got <= 0)
		return error_set(err, STATUS_INVALID, NULL, "the export has no header row");
	for (size_t k = 0; k < count; k++) {
		char *h = text_trimmed(fields[k]);

		for (int i = 0; h != NULL && i < MIS_FIELDS; i++)
			if (c->at[i] < 0 && c->names[i] != NULL && is_one_of(c->names[i], h))
				c->at[i] = (int)k;
		free(h);
	}
	if (c->at[SURNAME] < 0 || c->at[FORENAME] < 0)
		return error_set(err, STATUS_INVALID, NULL, "the export has no %s column (%s "
				 "calls it %s)", c->at[SURNAME] < 0 ? "surname" : "forename",
				 system, c->names[c->at[SURNAME] < 0 ? SURNAME : FORENAME]
				 ? c->names[c->at[SURNAME] < 0 ? SURNAME : FORENAME] : "?");
	if (c->at[UPN] < 0 && c->at[MIS_ID] < 0)
		return error_set(err, STATUS_INVALID, NULL, "the export has neither a UPN nor an "
				 "MIS id column to match pupils on (%s: %s, or %s)", system,
				 c->names[UPN] ? c->names[UPN] : "?",
				 c->names[MIS_ID] ? c->names[MIS_ID] : "?");
	return STATUS_OK;
}

/* The cell of field i in this row, trimmed; NULL when absent or empty. */
static char *cell(const struct columns *c, int i, char **fields, size_t count)
{
	char *v;

	if (c->at[i] < 0 || (size_t)c->at[i] >= count)
		return NULL;
	v = text_trimmed(fields[c->at[i]]);
	if (v != NULL && v[0] == '\0') {
		free(v);
		v = NULL;
	}
	return v;
}

struct row {
	char *v[MIS_FIELDS];
	char *name;
};

static void row_clear(struct row *r)
{
	for (int i = 0; i < MIS_FIELDS; i++)
		free(r->v[i]);
	free(r->name);
}

/* The pupil this row is: by UPN, then by MIS id in the school. */
static int match(struct smreg *s, const struct record_type *type, const char *school,
		 const struct row *r, char **id, struct error *err)
{
	char sql[160];
	int rc = STATUS_OK;

	*id = NULL;
	if (r->v[UPN] != NULL) {
		snprintf(sql, sizeof sql, "SELECT id FROM \"%s\" WHERE upn = ?1", type->name);
		rc = db_query_text(s, sql, r->v[UPN], id, err);
	}
	if (rc == STATUS_OK && *id == NULL && r->v[MIS_ID] != NULL) {
		sqlite3_stmt *stmt;

		snprintf(sql, sizeof sql, "SELECT id FROM \"%s\" WHERE school = ?1 AND mis_id = ?2",
			 type->name);
		rc = db_prepare(s, sql, &stmt, err);
		if (rc != STATUS_OK)
			return rc;
		sqlite3_bind_text(stmt, 1, school, -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 2, r->v[MIS_ID], -1, SQLITE_STATIC);
		if (sqlite3_step(stmt) == SQLITE_ROW)
			*id = db_column_dup(stmt, 0);
		db_release(stmt);
	}
	return rc;
}

/* The stored value of a field of the pupil, into *out (NULL: empty). */
static int stored(struct smreg *s, const struct record_type *type, const char *id,
		  const char *field, char **out, struct error *err)
{
	char sql[160];

	snprintf(sql, sizeof sql, "SELECT \"%s\" FROM \"%s\" WHERE id = ?1", field, type->name);
	return db_query_text(s, sql, id, out, err);
}

/* What the row changes in the pupil: assignments into a[], and "field:
 * old -> new; ..." into detail. */
static int changes(struct smreg *s, const struct record_type *type, const char *id,
		   const struct row *r, struct assignment *a, size_t *n, char *detail,
		   size_t len, struct error *err)
{
	int rc = STATUS_OK;

	*n = 0;
	detail[0] = '\0';
	for (int i = -1; i < MIS_FIELDS && rc == STATUS_OK; i++) {
		const char *field = i < 0 ? "name" : stored_as[i];
		const char *raw = i < 0 ? r->name : r->v[i];
		const struct field *f = field ? record_field_find(type, field) : NULL;
		char *now = NULL;
		char *canonical = NULL;

		if (f == NULL || raw == NULL)
			continue;
		rc = value_parse(s, f, raw, &canonical, err);
		if (rc == STATUS_OK)
			rc = stored(s, type, id, field, &now, err);
		if (rc == STATUS_OK && (now == NULL || strcmp(now, canonical) != 0)) {
			size_t used = strlen(detail);

			snprintf(detail + used, len - used, "%s%s: %s -> %s", used ? "; " : "", field,
				 now ? now : "(none)", canonical);
			a[*n].field = field;
			a[(*n)++].value = raw;
		}
		free(now);
		free(canonical);
	}
	return rc;
}

/* Note a pupil the export holds. */
static int seen(struct smreg *s, const char *id, struct error *err)
{
	sqlite3_stmt *stmt;
	int rc = db_prepare(s, "INSERT OR IGNORE INTO temp.mis_seen (id) VALUES (?1)", &stmt, err);

	if (rc != STATUS_OK)
		return rc;
	sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC);
	rc = sqlite3_step(stmt) == SQLITE_DONE ? STATUS_OK : db_error(s, sqlite3_errcode(s->db), err);
	db_release(stmt);
	return rc;
}

struct run {
	struct smreg *s;
	const struct record_type *type;
	const struct mis_options *o;
	const char *school;
};

static int import_row(struct run *x, struct row *r, struct error *row_err, struct error *fatal)
{
	struct assignment a[MIS_FIELDS + 2];
	size_t n = 0;
	char *id = NULL;
	char detail[1024];
	int rc = match(x->s, x->type, x->school, r, &id, fatal);

	if (rc != STATUS_OK)
		return rc;
	if (id == NULL) {
		a[n].field = "school";
		a[n++].value = x->school;
		a[n].field = "name";
		a[n++].value = r->name;
		for (int i = 0; i < MIS_FIELDS; i++)
			if (stored_as[i] != NULL && r->v[i] != NULL) {
				a[n].field = stored_as[i];
				a[n++].value = r->v[i];
			}
		rc = edit_insert(x->s, x->type, a, n, &id, row_err);
		if (rc == STATUS_OK && x->o->report)
			x->o->report(MIS_ADD, r->name, NULL, x->o->arg);
	} else {
		rc = changes(x->s, x->type, id, r, a, &n, detail, sizeof detail, row_err);
		if (rc == STATUS_OK && n > 0)
			rc = edit_set_within(x->s, x->type, id, a, n, row_err);
		if (rc == STATUS_OK && n > 0 && x->o->report)
			x->o->report(MIS_CHANGE, r->name, detail, x->o->arg);
	}
	if (rc == STATUS_OK)
		rc = seen(x->s, id, fatal);
	free(id);
	return rc;
}

/* The row's name: preferred forename and surname where given. */
static int read_row(const struct columns *c, char **fields, size_t count, struct row *r)
{
	const char *fore;
	const char *sur;

	memset(r, 0, sizeof *r);
	for (int i = 0; i < MIS_FIELDS; i++)
		r->v[i] = cell(c, i, fields, count);
	fore = r->v[PREFERRED_FORENAME] ? r->v[PREFERRED_FORENAME] : r->v[FORENAME];
	sur = r->v[PREFERRED_SURNAME] ? r->v[PREFERRED_SURNAME] : r->v[SURNAME];
	if (fore == NULL || sur == NULL)
		return -1;
	r->name = text_format("%s %s", fore, sur);
	return r->name ? 0 : -1;
}

/* Pupils of the school on roll that the export does not hold: leavers, if
 * it is a full export. */
static int missing(struct run *x, const char *leave_on, struct error *err)
{
	char *sql = text_format("SELECT id, name FROM \"%s\" WHERE school = ?1 AND "
				"(left_on IS NULL OR left_on > ?2) AND id NOT IN "
				"(SELECT id FROM temp.mis_seen) ORDER BY name", x->type->name);
	sqlite3_stmt *stmt;
	int rc = sql ? db_prepare(x->s, sql, &stmt, err)
		     : error_set(err, STATUS_DATABASE, NULL, "out of memory");
	char **ids = NULL;
	size_t n = 0;

	free(sql);
	if (rc != STATUS_OK)
		return rc;
	sqlite3_bind_text(stmt, 1, x->school, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, leave_on, -1, SQLITE_STATIC);
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		char **more = realloc(ids, (n + 1) * sizeof *more);
		char detail[128];

		if (more == NULL)
			break;
		ids = more;
		ids[n++] = db_column_dup(stmt, 0);
		if (x->o->full)
			snprintf(detail, sizeof detail, "not in the export: leaves on %s", leave_on);
		else
			snprintf(detail, sizeof detail, "not in the export: a leaver on %s, if it is a "
				 "full export (--full)", leave_on);
		if (x->o->report)
			x->o->report(MIS_MISSING, (const char *)sqlite3_column_text(stmt, 1), detail,
				     x->o->arg);
	}
	db_release(stmt);
	for (size_t i = 0; i < n; i++) {
		struct assignment a = {"left_on", leave_on};

		if (rc == STATUS_OK && x->o->full && ids[i] != NULL)
			rc = edit_set_within(x->s, x->type, ids[i], &a, 1, err);
		free(ids[i]);
	}
	free(ids);
	return rc;
}

/* The school the export is of: the one named, or the only one. */
static int find_school(struct smreg *s, const struct record_type *type, const char *ref,
		       char **id, struct error *err)
{
	const struct field *f = record_field_find(type, "school");
	int rc;

	*id = NULL;
	if (f == NULL)
		return error_set(err, STATUS_USAGE, NULL, "%s has no school", type->plural);
	rc = ref ? value_parse(s, f, ref, id, err) : edit_initial(s, f, id, err);
	if (rc == STATUS_OK && *id == NULL)
		rc = error_set(err, STATUS_USAGE, "school",
			       "the register has several schools: name the export's with --school");
	return rc;
}

static int import_rows(struct run *x, struct csv_reader *reader, const struct columns *c,
		       struct error_list *errors, struct error *err)
{
	int rc = STATUS_OK;

	while (rc == STATUS_OK) {
		char **fields;
		size_t count;
		long line;
		const char *why;
		struct row r;
		struct error e;
		int got = csv_read(reader, &fields, &count, &line, &why);

		if (got == 0)
			break;
		error_clear(&e);
		if (got < 0) {
			error_set(&e, STATUS_INVALID, NULL, "%s", why);
		} else if (count == 1 && fields[0][0] == '\0') {
			continue;
		} else if (read_row(c, fields, count, &r) != 0) {
			error_set(&e, STATUS_INVALID, NULL, "a pupil needs a forename and a surname");
			row_clear(&r);
		} else {
			if (r.v[UPN] == NULL && r.v[MIS_ID] == NULL)
				error_set(&e, STATUS_INVALID, "upn", "a pupil needs a UPN or an MIS id to "
					  "be matched on");
			else if (import_row(x, &r, &e, err) != STATUS_OK && e.status == STATUS_OK)
				rc = err->status ? err->status : STATUS_DATABASE;
			row_clear(&r);
		}
		/* A write that failed outright (not a row refused) ends it all. */
		if (rc == STATUS_OK && e.status != STATUS_OK && sqlite3_get_autocommit(x->s->db))
			rc = error_set(err, STATUS_DATABASE, NULL, "the import was stopped: %s", e.text);
		else if (e.status != STATUS_OK) {
			e.line = line;
			if (error_list_add(errors, &e) != 0)
				rc = error_set(err, STATUS_DATABASE, NULL, "out of memory");
		}
	}
	return rc;
}

int mis_import(struct smreg *s, const struct record_type *type, const struct mis_options *o,
	       const char *data, size_t len, struct error_list *errors, struct error *err)
{
	struct columns c;
	struct csv_reader *reader = NULL;
	struct run x = {.s = s, .type = type, .o = o};
	char *school = NULL;
	char *leave_on = NULL;
	size_t before = errors->count;
	const struct field *left = record_field_find(type, "left_on");
	int rc = access_require(s, type, CAN_WRITE, "import into", err);

	memset(&c, 0, sizeof c);
	if (rc == STATUS_OK)
		rc = read_columns(o->columns, o->system, &c, err);
	if (rc == STATUS_OK)
		rc = find_school(s, type, o->school, &school, err);
	if (rc == STATUS_OK && left != NULL)
		rc = value_parse(s, left, o->leave_on ? o->leave_on : "today", &leave_on, err);
	if (rc == STATUS_OK && (reader = csv_reader_new(data, len)) == NULL)
		rc = error_set(err, STATUS_DATABASE, NULL, "out of memory");
	if (rc == STATUS_OK)
		rc = read_header(reader, o->system, &c, err);
	x.school = school;
	if (rc == STATUS_OK)
		rc = db_begin(s, err);
	if (rc == STATUS_OK)
		rc = db_exec(s, "CREATE TEMP TABLE IF NOT EXISTS mis_seen (id TEXT PRIMARY KEY); "
			     "DELETE FROM temp.mis_seen", err);
	if (rc == STATUS_OK)
		rc = import_rows(&x, reader, &c, errors, err);
	if (rc == STATUS_OK && errors->count == before)
		rc = missing(&x, leave_on, err);
	if (rc == STATUS_OK && errors->count > before)
		rc = error_set(err, STATUS_INVALID, NULL, "nothing was imported: %zu row%s %s wrong",
			       errors->count - before, errors->count - before == 1 ? "" : "s",
			       errors->count - before == 1 ? "is" : "are");
	if (rc == STATUS_OK && !o->dry_run)
		rc = db_commit(s, err);
	else
		db_rollback(s);
	csv_reader_free(&reader);
	columns_clear(&c);
	free(school);
	free(leave_on);
	return rc;
}
