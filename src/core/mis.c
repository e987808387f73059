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

/* smreg's fields an export may give, in the order of a pupil's fields,
 * then a consent answer's; after MIS_COLUMNS, the words of the answers. */
enum {
	UPN,
	MIS_ID,
	FORENAME,
	SURNAME,
	PREFERRED_FORENAME,
	PREFERRED_SURNAME,
	DATE_OF_BIRTH,
	YEAR_GROUP,
	JOINED_ON,
	LEFT_ON,
	CONSENT_TYPE,
	ANSWER,
	ANSWERED_ON,
	GIVEN_BY,
	RELATIONSHIP,
	MIS_COLUMNS,
	ANSWER_YES = MIS_COLUMNS,
	ANSWER_NO,
	ANSWER_NONE,
	MIS_FIELDS
};

static const char *const mis_fields[MIS_FIELDS] = {
	"upn",
	"mis_id",
	"forename",
	"surname",
	"preferred_forename",
	"preferred_surname",
	"date_of_birth",
	"year_group",
	"joined_on",
	"left_on",
	"consent_type",
	"consent_answer",
	"consent_date",
	"consent_given_by",
	"consent_relationship",
	"answer_yes",
	"answer_no",
	"answer_none",
};

/* The register's field each gives straight (the names are put together). */
static const char *const stored_as[MIS_FIELDS] = {
	"upn",
	"mis_id",
	NULL,
	NULL,
	NULL,
	NULL,
	"date_of_birth",
	"year_group",
	"joined_on",
	"left_on",
};

/* A consent use and the system's consent types that mean it. */
struct use_map {
	char *code;  /* a consent_use code */
	char *names; /* "A|B|C" */
};

struct columns {
	char *names[MIS_FIELDS];   /* "A|B|C" from the file, or NULL */
	int at[MIS_FIELDS];	   /* the export's column, or -1 */
	char *heading[MIS_FIELDS]; /* the export's own heading of it */
	struct use_map *uses;	   /* the "use:CODE" lines */
	size_t use_count;
	char *ignore; /* consent types that are not about media */
};

static void columns_clear(struct columns *c)
{
	for (int i = 0; i < MIS_FIELDS; i++) {
		free(c->names[i]);
		free(c->heading[i]);
	}
	for (size_t i = 0; i < c->use_count; i++) {
		free(c->uses[i].code);
		free(c->uses[i].names);
	}
	free(c->uses);
	free(c->ignore);
}

/* Keep a "use:CODE" or "ignore" line of the system's; false when out of memory. */
static bool keep_consent_line(struct columns *c, const char *field, const char *names)
{
	struct use_map *more;

	if (strcmp(field, "ignore") == 0 && c->ignore == NULL)
		return (c->ignore = strdup(names)) != NULL;
	if (strncmp(field, "use:", 4) != 0 || field[4] == '\0')
		return true;
	more = realloc(c->uses, (c->use_count + 1) * sizeof *more);
	if (more == NULL)
		return false;
	c->uses = more;
	more[c->use_count].code = strdup(field + 4);
	more[c->use_count].names = strdup(names);
	return more[c->use_count++].names != NULL && more[c->use_count - 1].code != NULL;
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
		found = true;
		if (!keep_consent_line(c, field, names)) {
			free(copy);
			return error_set(err, STATUS_DATABASE, NULL, "out of memory");
		}
		for (int i = 0; i < MIS_FIELDS; i++)
			if (strcmp(field, mis_fields[i]) == 0 && c->names[i] == NULL)
				c->names[i] = strdup(names);
	}
	free(copy);
	if (!found)
		return error_set(err, STATUS_USAGE, "from", "smreg knows no MIS called %.40s; "
							    "it reads %s",
				 system, known[0] ? known : "none (the columns file is empty)");
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

/* The export's header: which column is which of smreg's fields.  A pupil
 * list must name its pupils; consent answers need their type and answer. */
static int read_header(struct csv_reader *reader, const char *system, bool consents,
		       struct columns *c, struct error *err)
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

		for (int i = 0; h != NULL && i < MIS_COLUMNS; i++)
			if (c->at[i] < 0 && c->names[i] != NULL && is_one_of(c->names[i], h)) {
				c->at[i] = (int)k;
				c->heading[i] = strdup(h);
			}
		free(h);
	}
	for (int i = CONSENT_TYPE; consents && i <= ANSWER; i++)
		if (c->at[i] < 0)
			return error_set(err, STATUS_INVALID, NULL, "the export has no %s column "
								    "(%s calls it %s)",
					 i == ANSWER ? "answer" : "consent type",
					 system, c->names[i] ? c->names[i] : "?");
	if (!consents && (c->at[SURNAME] < 0 || c->at[FORENAME] < 0))
		return error_set(err, STATUS_INVALID, NULL, "the export has no %s column (%s "
							    "calls it %s)",
				 c->at[SURNAME] < 0 ? "surname" : "forename",
				 system, c->names[c->at[SURNAME] < 0 ? SURNAME : FORENAME] ? c->names[c->at[SURNAME] < 0 ? SURNAME : FORENAME] : "?");
	if (c->at[UPN] < 0 && c->at[MIS_ID] < 0)
		return error_set(err, STATUS_INVALID, NULL, "the export has neither a UPN nor an "
							    "MIS id column to match pupils on (%s: %s, or %s)",
				 system,
				 c->names[UPN] ? c->names[UPN] : "?",
				 c->names[MIS_ID] ? c->names[MIS_ID] : "?");
	return STATUS_OK;
}

/* The cell of field i in this row, trimmed; NULL when absent or empty. */
static char *cell(const struct columns *c, int i, char **fields, size_t count)
{
	char *v;

	if (i >= MIS_COLUMNS || c->at[i] < 0 || (size_t)c->at[i] >= count)
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
	const struct record_type *pupils; /* consents: whose they are */
	const char *today;		  /* consents: today, ISO */
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
				"(SELECT id FROM temp.mis_seen) ORDER BY name",
				x->type->name);
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
							"full export (--full)",
				 leave_on);
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

/* --- consent answers --- */

/*
 * A consent export holds one row a pupil a consent type: the type, the
 * answer, perhaps when and by whom.  The rows are gathered by pupil and use
 * in temp.mis_answer (a "no" to any type meaning a use wins), then each
 * pupil's answers are laid over the consent that counts for them today.
 */
static const char *const answer_table_sql =
	"CREATE TEMP TABLE IF NOT EXISTS mis_answer (pupil TEXT NOT NULL, use TEXT NOT NULL, "
	"answer INTEGER NOT NULL, answered_on TEXT, given_by TEXT, relationship TEXT, "
	"PRIMARY KEY (pupil, use)); DELETE FROM temp.mis_answer";

/* The code of the consent use whose label is text (case aside), into
 * *code (the caller's; NULL when none is). */
static int use_by_label(struct run *x, const struct field *uses, const char *text, char **code,
			struct error *err)
{
	const struct record_type *lookup = record_type_find(uses->target);
	char *sql = lookup && lookup->key && record_field_find(lookup, "label")
			    ? text_format("SELECT \"%s\" FROM \"%s\" WHERE lower(label) = lower(?1)",
					  lookup->key, lookup->name)
			    : NULL;
	int rc = sql ? db_query_text(x->s, sql, text, code, err) : STATUS_OK;

	free(sql);
	return rc;
}

/* The consent use the system's consent type text means: *code (the
 * caller's) is its code, or NULL for a type listed as "ignore". */
static int use_of(struct run *x, const struct columns *c, const char *text, char **code,
		  struct error *e)
{
	const struct field *uses = record_field_find(x->type, "uses");
	struct error quiet;

	*code = NULL;
	if (c->ignore != NULL && is_one_of(c->ignore, text))
		return STATUS_OK;
	for (size_t i = 0; i < c->use_count; i++)
		if (is_one_of(c->uses[i].names, text))
			return value_parse(x->s, uses, c->uses[i].code, code, e);
	/* A type called as one of smreg's uses, by its code or label, is that use. */
	if (uses != NULL && strchr(text, ';') == NULL &&
	    value_parse(x->s, uses, text, code, &quiet) == STATUS_OK && *code != NULL)
		return STATUS_OK;
	free(*code);
	*code = NULL;
	if (uses != NULL && use_by_label(x, uses, text, code, e) != STATUS_OK)
		return STATUS_DATABASE;
	if (*code != NULL)
		return STATUS_OK;
	return error_set(e, STATUS_INVALID, c->heading[CONSENT_TYPE], "\"%.60s\" is not a consent "
								      "type smreg knows: map it to a consent use (use:CODE) or list it as "
								      "ignore in the MIS columns file",
			 text);
}

/* 1 for yes, 0 for no, -1 for no answer (pending, not asked). */
static int answer_of(const struct columns *c, const char *text, int *answer, struct error *e)
{
	if (text == NULL || (c->names[ANSWER_NONE] && is_one_of(c->names[ANSWER_NONE], text))) {
		*answer = -1;
		return STATUS_OK;
	}
	if (c->names[ANSWER_YES] && is_one_of(c->names[ANSWER_YES], text)) {
		*answer = 1;
		return STATUS_OK;
	}
	if (c->names[ANSWER_NO] && is_one_of(c->names[ANSWER_NO], text)) {
		*answer = 0;
		return STATUS_OK;
	}
	return error_set(e, STATUS_INVALID, c->heading[ANSWER], "\"%.40s\" is not an answer "
								"smreg knows (yes: %s; no: %s)",
			 text,
			 c->names[ANSWER_YES] ? c->names[ANSWER_YES] : "none",
			 c->names[ANSWER_NO] ? c->names[ANSWER_NO] : "none");
}

/* Keep one row's answer for its pupil and use. */
static int keep_answer(struct run *x, const char *pupil, const char *use, int answer,
		       const char *on, const struct row *r, struct error *err)
{
	sqlite3_stmt *stmt;
	int rc = db_prepare(x->s, "INSERT INTO temp.mis_answer (pupil, use, answer, answered_on, "
				  "given_by, relationship) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
				  "ON CONFLICT (pupil, use) DO UPDATE SET answer = min(answer, excluded.answer), "
				  "answered_on = max(coalesce(answered_on, ''), coalesce(excluded.answered_on, '')), "
				  "given_by = coalesce(excluded.given_by, given_by), "
				  "relationship = coalesce(excluded.relationship, relationship)",
			    &stmt, err);

	if (rc != STATUS_OK)
		return rc;
	db_bind_text(stmt, 1, pupil);
	db_bind_text(stmt, 2, use);
	sqlite3_bind_int(stmt, 3, answer);
	db_bind_text(stmt, 4, on);
	db_bind_text(stmt, 5, r->v[GIVEN_BY]);
	db_bind_text(stmt, 6, r->v[RELATIONSHIP]);
	rc = sqlite3_step(stmt) == SQLITE_DONE ? STATUS_OK : db_error(x->s, sqlite3_errcode(x->s->db), err);
	db_release(stmt);
	return rc;
}

/* One row of a consent export: its pupil, use and answer, kept; or the
 * reason it is wrong in *e. */
static int consent_row(struct run *x, const struct columns *c, struct row *r, struct error *e,
		       struct error *fatal)
{
	char *pupil = NULL;
	char *use = NULL;
	char *on = NULL;
	int answer = -1;
	int rc = STATUS_OK;

	if (r->v[CONSENT_TYPE] == NULL)
		return error_set(e, STATUS_INVALID, c->heading[CONSENT_TYPE], "is empty: which "
									      "consent is this?");
	if (answer_of(c, r->v[ANSWER], &answer, e) != STATUS_OK ||
	    use_of(x, c, r->v[CONSENT_TYPE], &use, e) != STATUS_OK)
		return STATUS_OK;
	if (use == NULL || answer < 0)
		goto done;
	if (r->v[ANSWERED_ON] != NULL &&
	    value_parse(x->s, record_field_find(x->type, "received_on"), r->v[ANSWERED_ON], &on,
			e) != STATUS_OK) {
		snprintf(e->field, sizeof e->field, "%s", c->heading[ANSWERED_ON]);
		goto done;
	}
	/* An answer not yet given cannot be laid over today's consent. */
	if (on != NULL && strcmp(on, x->today) > 0) {
		error_set(e, STATUS_INVALID, c->heading[ANSWERED_ON], "%.20s is after today",
			  r->v[ANSWERED_ON]);
		goto done;
	}
	rc = match(x->s, x->pupils, x->school, r, &pupil, fatal);
	if (rc == STATUS_OK && pupil == NULL)
		error_set(e, STATUS_INVALID, c->heading[r->v[UPN] ? UPN : MIS_ID], "no pupil on the "
										   "register has %s %.40s: import the pupil list first",
			  r->v[UPN] ? "UPN" : "MIS id", r->v[UPN] ? r->v[UPN] : r->v[MIS_ID]);
	else if (rc == STATUS_OK)
		rc = keep_answer(x, pupil, use, answer, on, r, fatal);
done:
	free(pupil);
	free(use);
	free(on);
	return rc;
}

/* Whether the ';' list has code. */
static bool has_code(const char *list, const char *code)
{
	size_t n = strlen(code);

	for (const char *p = list; p != NULL && *p; p = strchr(p, ';') ? strchr(p, ';') + 1 : NULL)
		if (strncmp(p, code, n) == 0 && (p[n] == ';' || p[n] == '\0'))
			return true;
	return false;
}

/* The consent that counts for the pupil today: its id, uses and received_on.
 * One already withdrawn, even from a later date, is not laid over again. */
struct current {
	char *id;
	char *uses;
	char *received_on;
	char *given_by;
	char *relationship;
};

static void current_clear(struct current *k)
{
	free(k->id);
	free(k->uses);
	free(k->received_on);
	free(k->given_by);
	free(k->relationship);
	memset(k, 0, sizeof *k);
}

static int current_consent(struct run *x, const char *pupil, struct current *k,
			   struct error *err)
{
	char *sql = text_format("SELECT id, uses, received_on, given_by, relationship FROM \"%s\" "
				"WHERE pupil = ?1 AND received_on <= :today "
				"AND withdrawn_on IS NULL "
				"AND (expires_on IS NULL OR expires_on >= :today) "
				"ORDER BY received_on DESC, rowid DESC LIMIT 1",
				x->type->name);
	sqlite3_stmt *stmt;
	int rc = sql ? db_prepare(x->s, sql, &stmt, err)
		     : error_set(err, STATUS_DATABASE, NULL, "out of memory");

	free(sql);
	memset(k, 0, sizeof *k);
	if (rc != STATUS_OK)
		return rc;
	bind_context(x->s, stmt);
	db_bind_text(stmt, 1, pupil);
	if (sqlite3_step(stmt) == SQLITE_ROW) {
		k->id = db_column_dup(stmt, 0);
		k->uses = db_column_dup(stmt, 1);
		k->received_on = db_column_dup(stmt, 2);
		k->given_by = db_column_dup(stmt, 3);
		k->relationship = db_column_dup(stmt, 4);
	}
	db_release(stmt);
	return rc;
}

/* The uses after the pupil's answers: the current ones the export does not
 * answer, and those it answers yes, in the order of the consent uses. */
static int uses_after(struct run *x, const char *pupil, const char *now, char **after,
		      bool *narrowed, struct error *err)
{
	const struct field *f = record_field_find(x->type, "uses");
	const struct record_type *lookup = record_type_find(f->target);
	char *sql = text_format("SELECT u.\"%s\", a.answer FROM \"%s\" AS u LEFT JOIN "
				"temp.mis_answer AS a ON a.use = u.\"%s\" AND a.pupil = ?1 "
				"ORDER BY u.rowid",
				lookup->key, lookup->name, lookup->key);
	sqlite3_stmt *stmt;
	int rc = sql ? db_prepare(x->s, sql, &stmt, err)
		     : error_set(err, STATUS_DATABASE, NULL, "out of memory");
	char *list = strdup("");

	free(sql);
	*narrowed = false;
	if (rc != STATUS_OK || list == NULL) {
		free(list);
		return rc != STATUS_OK ? rc : error_set(err, STATUS_DATABASE, NULL, "out of memory");
	}
	db_bind_text(stmt, 1, pupil);
	while (list != NULL && sqlite3_step(stmt) == SQLITE_ROW) {
		const char *code = (const char *)sqlite3_column_text(stmt, 0);
		bool held = has_code(now, code);
		bool answered = sqlite3_column_type(stmt, 1) != SQLITE_NULL;
		bool yes = answered ? sqlite3_column_int(stmt, 1) == 1 : held;
		char *more;

		if (held && !yes)
			*narrowed = true;
		if (!yes)
			continue;
		more = text_format("%s%s%s", list, list[0] ? ";" : "", code);
		free(list);
		list = more;
	}
	db_release(stmt);
	/* As the register stores a list of uses, to compare with it. */
	if (list != NULL && list[0] != '\0')
		rc = value_parse(x->s, f, list, after, err);
	else
		*after = list ? strdup("") : NULL;
	free(list);
	return rc != STATUS_OK || *after ? rc : error_set(err, STATUS_DATABASE, NULL, "out of memory");
}

static long takedowns_of(struct run *x, const char *pupil)
{
	char *n = NULL;
	long count;

	db_query_text(x->s, "SELECT count(*) FROM takedown WHERE pupil = ?1", pupil, &n, NULL);
	count = n ? atol(n) : 0;
	free(n);
	return count;
}

/* A new consent form for the pupil with these uses, as the MIS has it. */
static int add_consent(struct run *x, const char *pupil, const char *uses, const char *on,
		       const char *given_by, const char *relationship, struct error *err)
{
	char *form = text_format("%s export", x->o->system);
	struct assignment a[] = {
		{"pupil", pupil},
		{"uses", uses},
		{"received_on", on},
		{"given_by", given_by ? given_by : "parent or carer, as the MIS records"},
		{"relationship", relationship},
		{"form_ref", form},
	};
	char *id = NULL;
	int rc = form ? edit_insert(x->s, x->type, a, sizeof a / sizeof a[0], &id, err)
		      : error_set(err, STATUS_DATABASE, NULL, "out of memory");

	free(form);
	free(id);
	return rc;
}

/* Lay one pupil's answers, given on `on`, over the consent that counts. */
static int apply_pupil(struct run *x, const char *pupil, const char *name, const char *on,
		       const char *given_by, const char *relationship, struct error *err)
{
	struct current k;
	char *after = NULL;
	bool narrowed = false;
	long before = takedowns_of(x, pupil);
	char detail[512];
	int rc = current_consent(x, pupil, &k, err);

	if (rc == STATUS_OK && k.id != NULL && strcmp(on, k.received_on) < 0) {
		if (x->o->report) {
			snprintf(detail, sizeof detail, "the register's consent received %s is "
							"newer than the export's answers of %s",
				 k.received_on, on);
			x->o->report(MIS_KEEP, name, detail, x->o->arg);
		}
		current_clear(&k);
		return STATUS_OK;
	}
	if (rc == STATUS_OK)
		rc = uses_after(x, pupil, k.uses ? k.uses : "", &after, &narrowed, err);
	if (rc != STATUS_OK || strcmp(after, k.uses ? k.uses : "") == 0) {
		current_clear(&k);
		free(after);
		return rc;
	}
	/* A narrower answer is a new form and the withdrawal of the old one,
	 * the old one withdrawn by the path every withdrawal takes: its
	 * takedowns are raised as if the admin had withdrawn it by hand. */
	if (after[0] != '\0')
		rc = add_consent(x, pupil, after, on, given_by ? given_by : k.given_by,
				 given_by ? relationship : k.relationship, err);
	if (rc == STATUS_OK && narrowed)
		rc = edit_end_within(x->s, x->type, k.id, on, err);
	if (rc == STATUS_OK && x->o->report) {
		long raised = takedowns_of(x, pupil) - before;

		if (after[0] == '\0')
			snprintf(detail, sizeof detail, "uses: %s, withdrawn on %s", k.uses, on);
		else
			snprintf(detail, sizeof detail, "uses: %s -> %s%s%s%s",
				 k.uses ? k.uses : "(none)", after,
				 narrowed ? "; the consent received " : "",
				 narrowed ? k.received_on : "", narrowed ? " is withdrawn" : "");
		if (raised > 0)
			snprintf(detail + strlen(detail), sizeof detail - strlen(detail),
				 "; %ld takedown%s raised", raised, raised == 1 ? "" : "s");
		x->o->report(k.id == NULL ? MIS_ADD : after[0] ? MIS_CHANGE
							       : MIS_WITHDRAW,
			     name,
			     detail, x->o->arg);
	}
	current_clear(&k);
	free(after);
	return rc;
}

/* Every pupil with an answer, in the order the export gave them. */
static int apply_answers(struct run *x, const char *today, struct error *err)
{
	char *sql = text_format("SELECT a.pupil, p.name, nullif(max(a.answered_on), ''), "
				"max(a.given_by), max(a.relationship) FROM temp.mis_answer AS a "
				"JOIN \"%s\" AS p ON p.id = a.pupil GROUP BY a.pupil ORDER BY min(a.rowid)",
				x->pupils->name);
	sqlite3_stmt *stmt;
	int rc = sql ? db_prepare(x->s, sql, &stmt, err)
		     : error_set(err, STATUS_DATABASE, NULL, "out of memory");

	free(sql);
	if (rc != STATUS_OK)
		return rc;
	while (rc == STATUS_OK && sqlite3_step(stmt) == SQLITE_ROW) {
		const char *on = (const char *)sqlite3_column_text(stmt, 2);

		rc = apply_pupil(x, (const char *)sqlite3_column_text(stmt, 0),
				 (const char *)sqlite3_column_text(stmt, 1), on ? on : today,
				 (const char *)sqlite3_column_text(stmt, 3),
				 (const char *)sqlite3_column_text(stmt, 4), err);
	}
	db_release(stmt);
	return rc;
}

static int consent_rows(struct run *x, struct csv_reader *reader, const struct columns *c,
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
		memset(&r, 0, sizeof r);
		if (got < 0)
			error_set(&e, STATUS_INVALID, NULL, "%s", why);
		else if (count == 1 && fields[0][0] == '\0')
			continue;
		for (int i = 0; got > 0 && i < MIS_COLUMNS; i++)
			r.v[i] = cell(c, i, fields, count);
		if (got > 0 && r.v[UPN] == NULL && r.v[MIS_ID] == NULL)
			error_set(&e, STATUS_INVALID, c->heading[c->at[UPN] >= 0 ? UPN : MIS_ID],
				  "is empty: a pupil is matched on the UPN or MIS id");
		else if (got > 0)
			rc = consent_row(x, c, &r, &e, err);
		row_clear(&r);
		if (e.status != STATUS_OK) {
			e.line = line;
			if (error_list_add(errors, &e) != 0)
				rc = error_set(err, STATUS_DATABASE, NULL, "out of memory");
		}
	}
	return rc;
}

/* The register of the pupils type's records belong to. */
static const struct record_type *pupils_of(const struct record_type *type)
{
	for (size_t i = 0; i < type->field_count; i++) {
		const struct field *f = &type->fields[i];
		const struct record_type *t = f->type == FIELD_REF ? record_type_find(f->target) : NULL;

		if (t != NULL && t->mis == MIS_PUPILS)
			return t;
	}
	return NULL;
}

static int import_consents(struct smreg *s, const struct record_type *type,
			   const struct mis_options *o, const char *data, size_t len,
			   struct error_list *errors, struct error *err)
{
	struct columns c;
	struct csv_reader *reader = NULL;
	struct run x = {.s = s, .type = type, .o = o, .pupils = pupils_of(type)};
	char *school = NULL;
	char *today = NULL;
	size_t before = errors->count;
	int rc = access_require(s, type, CAN_WRITE, "import into", err);

	memset(&c, 0, sizeof c);
	if (rc == STATUS_OK && x.pupils == NULL)
		rc = error_set(err, STATUS_USAGE, NULL, "%s name no pupils", type->plural);
	if (rc == STATUS_OK)
		rc = read_columns(o->columns, o->system, &c, err);
	if (rc == STATUS_OK)
		rc = find_school(s, x.pupils, o->school, &school, err);
	if (rc == STATUS_OK)
		rc = value_parse(s, record_field_find(type, "received_on"), "today", &today, err);
	if (rc == STATUS_OK && (reader = csv_reader_new(data, len)) == NULL)
		rc = error_set(err, STATUS_DATABASE, NULL, "out of memory");
	if (rc == STATUS_OK)
		rc = read_header(reader, o->system, true, &c, err);
	x.school = school;
	x.today = today;
	if (rc == STATUS_OK)
		rc = db_begin(s, err);
	if (rc == STATUS_OK)
		rc = db_exec(s, answer_table_sql, err);
	if (rc == STATUS_OK)
		rc = consent_rows(&x, reader, &c, errors, err);
	if (rc == STATUS_OK && errors->count == before)
		rc = apply_answers(&x, today, err);
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
	free(today);
	return rc;
}

static int import_pupils(struct smreg *s, const struct record_type *type, const struct mis_options *o,
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
		rc = read_header(reader, o->system, false, &c, err);
	x.school = school;
	if (rc == STATUS_OK)
		rc = db_begin(s, err);
	if (rc == STATUS_OK)
		rc = db_exec(s, "CREATE TEMP TABLE IF NOT EXISTS mis_seen (id TEXT PRIMARY KEY); "
				"DELETE FROM temp.mis_seen",
			     err);
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

int mis_import(struct smreg *s, const struct record_type *type, const struct mis_options *o,
	       const char *data, size_t len, struct error_list *errors, struct error *err)
{
	if (type->mis == MIS_PUPILS)
		return import_pupils(s, type, o, data, len, errors, err);
	if (type->mis == MIS_CONSENTS)
		return import_consents(s, type, o, data, len, errors, err);
	return error_set(err, STATUS_USAGE, "from", "an MIS export gives pupils and consents, "
						    "not %s records",
			 type->label);
}
