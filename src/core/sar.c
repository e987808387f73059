/*
 * Subject-access bundles (core/sar.h).  What names the subject is found
 * from the descriptors alone: every register's references to the
 * subject's register.  Records are written as they are read.
 */
#include "core/sar.h"

#include <stdlib.h>
#include <string.h>

#include "core/access.h"
#include "core/html.h"
#include "core/json.h"
#include "core/record.h"
#include "core/ref.h"
#include "core/smreg.h"
#include "core/store.h"
#include "core/text.h"
#include "private.h"

struct bundle {
	struct smreg *s;
	FILE *out;
	enum sar_format format;
	const struct record *subject;
	const char *via; /* the field that names the subject */
	bool review;	 /* the DSL's section: third parties marked */
	size_t written;	 /* records so far in the current JSON array */
	char **reviewed; /* ids of the safeguarding records written, for their chronologies */
	char **reviewed_titles;
	size_t reviewed_count;
	struct error *err;
};

/* --- third parties ------------------------------------------------------- */

struct names {
	char **items;
	size_t count;
};

static void names_free(struct names *n)
{
	for (size_t i = 0; i < n->count; i++)
		free(n->items[i]);
	free(n->items);
	n->items = NULL;
	n->count = 0;
}

static void names_add(struct names *n, const char *name)
{
	char **grown;

	if (name == NULL || name[0] == '\0')
		return;
	for (size_t i = 0; i < n->count; i++)
		if (strcmp(n->items[i], name) == 0)
			return;
	grown = realloc(n->items, (n->count + 1) * sizeof *grown);
	if (grown == NULL)
		return;
	n->items = grown;
	n->items[n->count] = strdup(name);
	if (n->items[n->count] != NULL)
		n->count++;
}

/* Names of the registers' data subjects (pupils, people) that text holds,
 * but the subject's own. */
static void names_in_text(struct bundle *b, const char *text, struct names *n)
{
	size_t count;
	const struct record_type *const *types = record_types(&count);

	for (size_t i = 0; i < count && text != NULL; i++) {
		char *title;
		char *sql;
		sqlite3_stmt *stmt;

		if (!(types[i]->flags & RECORD_SUBJECT))
			continue;
		title = record_sql(types[i]->title_sql, "t");
		sql = title ? text_format("SELECT %s FROM \"%s\" AS t WHERE t.id IS NOT ?2 AND "
					  "length(%s) > 2 AND instr(?1, %s) > 0",
					  title, types[i]->name,
					  title, title)
			    : NULL;
		free(title);
		if (sql != NULL && db_prepare(b->s, sql, &stmt, NULL) == STATUS_OK) {
			sqlite3_bind_text(stmt, 1, text, -1, SQLITE_STATIC);
			sqlite3_bind_text(stmt, 2, b->subject->id, -1, SQLITE_STATIC);
			while (sqlite3_step(stmt) == SQLITE_ROW)
				names_add(n, (const char *)sqlite3_column_text(stmt, 0));
			db_release(stmt);
		}
		free(sql);
	}
}

/* Who else a safeguarding record names: the pupils and people its
 * references name, and those its text mentions. */
static void third_parties(struct bundle *b, const struct record *r, struct names *n)
{
	for (size_t i = 0; i < r->type->field_count; i++) {
		const struct field *f = &r->type->fields[i];
		const struct record_type *target = f->type == FIELD_REF ? record_type_find(f->target)
									: NULL;

		if (target != NULL && (target->flags & RECORD_SUBJECT) &&
		    (r->values[i] == NULL || strcmp(r->values[i], b->subject->id) != 0))
			names_add(n, r->shown[i]);
		else if (f->type == FIELD_TEXT || f->type == FIELD_LONG_TEXT)
			names_in_text(b, r->values[i], n);
	}
}

/* --- writing ------------------------------------------------------------ */

static void json_record(struct bundle *b, const struct record *r, const struct names *marked)
{
	FILE *out = b->out;

	fputs(b->written++ ? ",\n    {" : "\n    {", out);
	fputs("\"register\": ", out);
	json_write_string(out, r->type->name);
	if (b->via != NULL) {
		fputs(", \"via\": ", out);
		json_write_string(out, b->via);
	}
	fputs(", \"id\": ", out);
	json_write_string(out, r->id);
	fputs(", \"title\": ", out);
	json_write_string(out, r->title);
	fputs(", \"fields\": {", out);
	for (size_t i = 0; i < r->type->field_count; i++) {
		const struct field *f = &r->type->fields[i];
		const char *v = f->type == FIELD_REF && r->shown[i] ? r->shown[i] : r->values[i];

		fputs(i ? ", " : "", out);
		json_write_string(out, f->name);
		fputs(": ", out);
		if (v == NULL)
			fputs("null", out);
		else
			json_write_string(out, v);
	}
	fputc('}', out);
	if (marked != NULL) {
		fputs(", \"third_parties\": [", out);
		for (size_t i = 0; i < marked->count; i++) {
			fputs(i ? ", " : "", out);
			json_write_string(out, marked->items[i]);
		}
		fputc(']', out);
	}
	fputc('}', out);
}

static void html_record(struct bundle *b, const struct record *r, const struct names *marked)
{
	char heading[512];

	/* A safeguarding record's title may quote its text: its fields, with
	 * their names marked, say it instead. */
	if (marked != NULL)
		snprintf(heading, sizeof heading, "%s", r->type->label);
	else
		snprintf(heading, sizeof heading, "%s: %s", r->type->label,
			 r->title ? r->title : r->id);
	html_heading(b->out, 3, NULL, heading);
	html_fields_start(b->out);
	for (size_t i = 0; i < r->type->field_count; i++) {
		char date[DATE_ISO_SIZE];
		const char *v = record_display(r, i, date);

		if (marked != NULL)
			html_field_marked(b->out, r->type->fields[i].label, v,
					  (const char *const *)marked->items, marked->count);
		else
			html_field(b->out, r->type->fields[i].label, v);
	}
	html_fields_end(b->out);
}

/* How many of a ';'-separated list of ids are not the subject's. */
static size_t others_in(const char *ids, const char *subject_id)
{
	size_t others = 0;
	size_t len = strlen(subject_id);

	for (const char *at = ids; at != NULL && *at != '\0';) {
		const char *end = strchr(at, ';');
		size_t n = end ? (size_t)(end - at) : strlen(at);

		if (n > 0 && !(n == len && strncmp(at, subject_id, n) == 0))
			others++;
		at = end ? end + 1 : NULL;
	}
	return others;
}

/* Whether field f lists other data subjects (the pupils a post shows). */
static bool lists_subjects(const struct field *f)
{
	const struct record_type *target = f->type == FIELD_CODES && f->target ? record_type_find(f->target) : NULL;

	return target != NULL && (target->flags & RECORD_SUBJECT);
}

/*
 * Outside the DSL's review the bundle may be released as it is, so a list
 * of other data subjects names only the subject and counts the rest.
 * Returns a new string, or NULL when out of memory (the field is then
 * left empty rather than naming anyone).
 */
static char *subject_and_others(const struct bundle *b, const struct field *f, const char *ids)
{
	const struct record_type *target = record_type_find(f->target);
	const char *name = b->subject->title ? b->subject->title : b->subject->id;
	size_t others = others_in(ids, b->subject->id);

	if (others == 0)
		return strdup(name);
	return text_format("%s and %zu other %s (third parties, withheld)", name, others,
			   others == 1 ? target->label : target->plural);
}

/* text with every occurrence of name replaced by "[third party]": a new
 * string, or NULL when out of memory.  Takes text over. */
static char *without_name(char *text, const char *name)
{
	static const char mark[] = "[third party]";
	size_t name_len = strlen(name);
	size_t count = 0;
	char *out;
	char *to;

	for (const char *at = strstr(text, name); at != NULL; at = strstr(at + name_len, name))
		count++;
	if (count == 0)
		return text;
	out = malloc(strlen(text) + count * sizeof mark + 1);
	if (out != NULL) {
		to = out;
		for (const char *from = text, *at; from != NULL;) {
			at = strstr(from, name);
			if (at == NULL) {
				strcpy(to, from);
				break;
			}
			memcpy(to, from, (size_t)(at - from));
			to += at - from;
			memcpy(to, mark, sizeof mark - 1);
			to += sizeof mark - 1;
			from = at + name_len;
		}
	}
	free(text);
	return out;
}

/* A text field as it may be released: the other data subjects it names
 * (the pupils smreg's own may-I-post answer lists) replaced.  A new
 * string, or NULL when out of memory. */
static char *text_released(struct bundle *b, const char *text)
{
	struct names named = {0};
	char *out = strdup(text);

	names_in_text(b, text, &named);
	for (size_t i = 0; i < named.count && out != NULL; i++)
		out = without_name(out, named.items[i]);
	names_free(&named);
	return out;
}

/* r as it may be released: see subject_and_others.  *copy shares r's
 * strings but the lists it replaces; free those with released_free.
 * False when out of memory. */
static bool released_record(struct bundle *b, const struct record *r,
			    struct record *copy)
{
	size_t n = r->type->field_count;

	*copy = *r;
	copy->values = calloc(n, sizeof *copy->values);
	copy->shown = calloc(n, sizeof *copy->shown);
	if (copy->values == NULL || copy->shown == NULL) {
		free(copy->values);
		free(copy->shown);
		return false;
	}
	for (size_t i = 0; i < n; i++) {
		const struct field *f = &r->type->fields[i];
		bool listed = lists_subjects(f) && r->values[i] != NULL;
		bool typed = (f->type == FIELD_TEXT || f->type == FIELD_LONG_TEXT) &&
			     r->values[i] != NULL;
		bool replaced = listed || typed;
		char *text = listed  ? subject_and_others(b, f, r->values[i])
			     : typed ? text_released(b, r->values[i])
				     : NULL;

		copy->values[i] = replaced ? text : r->values[i];
		copy->shown[i] = replaced ? text : r->shown[i];
	}
	return true;
}

static void released_free(const struct record *r, struct record *copy)
{
	for (size_t i = 0; i < r->type->field_count; i++)
		if (copy->values[i] != r->values[i])
			free(copy->values[i]);
	free(copy->values);
	free(copy->shown);
}

static int write_record(const struct record *r, void *arg)
{
	struct bundle *b = arg;
	struct names marked = {0};

	if (b->review) {
		third_parties(b, r, &marked);
		if (r->type->relations != NULL) {
			char **ids = realloc(b->reviewed, (b->reviewed_count + 1) * sizeof *ids);
			char **titles = ids ? realloc(b->reviewed_titles,
						      (b->reviewed_count + 1) * sizeof *titles)
					    : NULL;

			if (ids != NULL)
				b->reviewed = ids;
			if (titles == NULL)
				return STATUS_DATABASE;
			b->reviewed_titles = titles;
			b->reviewed[b->reviewed_count] = strdup(r->id);
			b->reviewed_titles[b->reviewed_count++] = strdup(r->title ? r->title : r->id);
		}
	}
	if (b->review) {
		if (b->format == SAR_JSON)
			json_record(b, r, &marked);
		else
			html_record(b, r, &marked);
	} else {
		struct record released;

		if (!released_record(b, r, &released))
			return STATUS_DATABASE;
		if (b->format == SAR_JSON)
			json_record(b, &released, NULL);
		else
			html_record(b, &released, NULL);
		released_free(r, &released);
	}
	names_free(&marked);
	return 0;
}

/* --- what names the subject ---------------------------------------------- */

static bool safeguarding(const struct record_type *t)
{
	return (t->flags & RECORD_AUDIT_OPENS) != 0;
}

static void say_withheld(struct bundle *b, const struct record_type *t)
{
	char text[300];

	snprintf(text, sizeof text, "%s: not included; your role may not read them.%s",
		 t->plural, safeguarding(t) ? " The DSL must review them and add them "
					      "(smreg sar, run by the DSL)."
					    : "");
	if (b->format == SAR_HTML) {
		html_paragraph(b->out, "note", text);
		return;
	}
	fputs(b->written++ ? ",\n    " : "\n    ", b->out);
	json_write_string(b->out, text);
}

/* Every record of the registers (safeguarding ones, or the others) that
 * names the subject. */
static int write_section(struct bundle *b, bool review, bool withheld_only)
{
	size_t n;
	const struct record_type *const *types = record_types(&n);
	int rc = STATUS_OK;

	b->review = review;
	for (size_t i = 0; i < n && rc == STATUS_OK; i++) {
		const struct record_type *t = types[i];
		unsigned access = access_mine(b->s, t);

		if (safeguarding(t) != review)
			continue;
		for (size_t k = 0; k < t->field_count && rc == STATUS_OK; k++) {
			const struct field *f = &t->fields[k];
			struct list_query q = list_query_default();
			bool readable = access & (CAN_READ | CAN_READ_OWN);

			/* A reference, or a list of them (the pupils a post shows). */
			if ((f->type != FIELD_REF && f->type != FIELD_CODES) || f->target == NULL ||
			    strcmp(f->target, b->subject->type->name) != 0)
				continue;
			if (withheld_only) {
				if (!readable)
					say_withheld(b, t);
				break;
			}
			if (!readable)
				break;
			q.include_ended = true;
			q.where_field = f->name;
			q.where_value = b->subject->id;
			b->via = f->name;
			rc = store_walk(b->s, t, &q, "subject access", write_record, b, b->err);
		}
	}
	b->via = NULL;
	return rc;
}

/* The chronology of each safeguarding record written: its related records. */
static int write_chronologies(struct bundle *b)
{
	int rc = STATUS_OK;

	for (size_t i = 0; i < b->reviewed_count && rc == STATUS_OK; i++) {
		const struct record_type *parent = NULL;
		size_t n;
		const struct record_type *const *types = record_types(&n);

		for (size_t k = 0; k < n && parent == NULL; k++)
			if (safeguarding(types[k]) && types[k]->relations != NULL)
				parent = types[k];
		if (b->format == SAR_HTML) {
			char heading[512];

			snprintf(heading, sizeof heading, "Chronology: %s", b->reviewed_titles[i]);
			html_heading(b->out, 3, NULL, heading);
		}
		for (const struct relation *r = parent ? parent->relations : NULL;
		     r && r->type && rc == STATUS_OK; r++) {
			struct list_query q = list_query_default();

			q.include_ended = true;
			q.where_field = r->field;
			q.where_value = b->reviewed[i];
			b->via = r->field;
			rc = store_walk(b->s, record_type_find(r->type), &q, "subject access",
					write_record, b, b->err);
		}
	}
	return rc;
}

/* --- the subject ---------------------------------------------------------- */

static int find_subject(struct smreg *s, const char *type_name, const char *ref,
			const struct record_type **type, char **id, struct error *err)
{
	size_t n;
	const struct record_type *const *types = record_types(&n);
	int found = 0;

	*type = NULL;
	*id = NULL;
	for (size_t i = 0; i < n; i++) {
		struct error quiet;
		char *candidate = NULL;

		if (!(types[i]->flags & RECORD_SUBJECT) ||
		    (type_name != NULL && strcmp(type_name, types[i]->name) != 0))
			continue;
		if (type_name != NULL)
			return ref_resolve(s, types[i], ref, NULL, id, err) == STATUS_OK
				       ? (*type = types[i], STATUS_OK)
				       : err->status;
		if (ref_resolve(s, types[i], ref, NULL, &candidate, &quiet) != STATUS_OK)
			continue;
		if (found++ == 0) {
			*type = types[i];
			*id = candidate;
		} else {
			free(candidate);
			free(*id);
			*id = NULL;
			return error_set(err, STATUS_USAGE, NULL, "%.80s names a %s and a %s: say "
								  "smreg sar %s %.80s, or smreg sar %s %.80s",
					 ref,
					 (*type)->label, types[i]->label, (*type)->name, ref,
					 types[i]->name, ref);
		}
	}
	if (type_name != NULL)
		return error_set(err, STATUS_USAGE, NULL, "a subject-access request is about a pupil "
							  "or a person, not a %.40s",
				 type_name);
	if (found == 0)
		return error_set(err, STATUS_INVALID, NULL, "no pupil or person is called %.80s", ref);
	return STATUS_OK;
}

/* The admin answers requests (writes the registers of data subjects); the
 * DSL adds the safeguarding records. */
static bool may_answer(struct smreg *s)
{
	size_t n;
	const struct record_type *const *types = record_types(&n);

	for (size_t i = 0; i < n; i++)
		if ((safeguarding(types[i]) || (types[i]->flags & RECORD_SUBJECT)) &&
		    (access_mine(s, types[i]) & CAN_WRITE))
			return true;
	return false;
}

static int audit_request(struct smreg *s, const struct record *subject, enum sar_format format,
			 struct error *err)
{
	sqlite3_stmt *stmt;
	int rc = db_prepare(s, "INSERT INTO audit (at, login, register, record_id, action, before, "
			       "after, reason) VALUES (smreg_now(), smreg_login(), ?1, ?2, 'read', NULL, "
			       "json_object('read', 'subject access', 'format', ?3), NULL)",
			    &stmt, err);

	if (rc != STATUS_OK)
		return rc;
	sqlite3_bind_text(stmt, 1, subject->type->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, subject->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 3, format == SAR_JSON ? "json" : "html", -1, SQLITE_STATIC);
	rc = sqlite3_step(stmt) == SQLITE_DONE ? STATUS_OK : db_error(s, sqlite3_errcode(s->db), err);
	db_release(stmt);
	return rc;
}

static int write_bundle(struct bundle *b)
{
	char title[300];
	int rc;

	snprintf(title, sizeof title, "Subject access: %s", b->subject->title);
	if (b->format == SAR_HTML) {
		html_begin(b->out, title, title);
		html_heading(b->out, 2, "subject", b->subject->type->label);
		html_fields_start(b->out);
		for (size_t i = 0; i < b->subject->type->field_count; i++) {
			char date[DATE_ISO_SIZE];

			html_field(b->out, b->subject->type->fields[i].label,
				   record_display(b->subject, i, date));
		}
		html_fields_end(b->out);
		html_heading(b->out, 2, "records", "Records that name them");
	} else {
		fputs("{\n  \"subject\": [", b->out);
		json_record(b, b->subject, NULL);
		fputs("],\n  \"records\": [", b->out);
		b->written = 0;
	}
	rc = write_section(b, false, false);
	if (rc == STATUS_OK && b->format == SAR_HTML) {
		html_heading(b->out, 2, "review", "For the DSL's review before release");
		html_paragraph(b->out, "note", "Safeguarding records: the DSL decides what may be "
					       "released.  Third parties' names are marked; withhold or redact them "
					       "unless they agree or it is reasonable to release without.");
	} else if (rc == STATUS_OK) {
		fputs("],\n  \"for_dsl_review\": [", b->out);
		b->written = 0;
	}
	if (rc == STATUS_OK)
		rc = write_section(b, true, false);
	if (rc == STATUS_OK)
		rc = write_chronologies(b);
	if (rc == STATUS_OK && b->format == SAR_JSON) {
		fputs("],\n  \"not_included\": [", b->out);
		b->written = 0;
	}
	if (rc == STATUS_OK)
		rc = write_section(b, true, true);
	if (rc == STATUS_OK)
		rc = write_section(b, false, true);
	if (rc == STATUS_OK && b->format == SAR_HTML)
		html_end(b->out);
	else if (rc == STATUS_OK)
		fputs("]\n}\n", b->out);
	return rc;
}

int sar_write(struct smreg *s, const char *type_name, const char *ref, enum sar_format format,
	      FILE *out, struct error *err)
{
	const struct record_type *type = NULL;
	struct record *subject = NULL;
	struct bundle b = {.s = s, .out = out, .format = format, .err = err};
	char *id = NULL;
	int rc = may_answer(s) ? find_subject(s, type_name, ref, &type, &id, err)
			       : error_set(err, STATUS_DENIED, NULL, "permission denied: only the admin and the "
								     "DSL answer subject-access requests");
	if (rc == STATUS_OK)
		rc = db_begin(s, err);
	if (rc != STATUS_OK) {
		free(id);
		return rc;
	}
	rc = store_get(s, type, id, &subject, err);
	b.subject = subject;
	if (rc == STATUS_OK)
		rc = audit_request(s, subject, format, err);
	if (rc == STATUS_OK)
		rc = write_bundle(&b);
	if (rc == STATUS_OK)
		rc = db_commit(s, err);
	else
		db_rollback(s);
	for (size_t i = 0; i < b.reviewed_count; i++) {
		free(b.reviewed[i]);
		free(b.reviewed_titles[i]);
	}
	free(b.reviewed);
	free(b.reviewed_titles);
	record_free(&subject);
	free(id);
	return rc;
}
