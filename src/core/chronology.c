/* The whole record of a safeguarding report: fields, chronology,
 * amendments and openings, as text, HTML or JSON. */
#include "core/chronology.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "core/access.h"
#include "core/date.h"
#include "core/html.h"
#include "core/json.h"
#include "core/text.h"
#include "private.h"

#define PAGE_ROWS 200

static void change_clear(struct chronology_change *ch)
{
	free(ch->at);
	free(ch->who);
	free(ch->what);
	free(ch->field);
	free(ch->before);
	free(ch->after);
	free(ch->reason);
}

void chronology_free(struct chronology **cp)
{
	struct chronology *c = *cp;

	if (c == NULL)
		return;
	record_free(&c->report);
	for (size_t i = 0; i < c->entry_count; i++)
		record_free(&c->entries[i]);
	free(c->entries);
	for (size_t i = 0; i < c->change_count; i++)
		change_clear(&c->changes[i]);
	free(c->changes);
	for (size_t i = 0; i < c->opening_count; i++) {
		free(c->openings[i].at);
		free(c->openings[i].who);
		free(c->openings[i].how);
	}
	free(c->openings);
	free(c);
	*cp = NULL;
}

const struct record_type *chronology_type(void)
{
	size_t n;
	const struct record_type *const *types = record_types(&n);

	for (size_t i = 0; i < n; i++)
		if ((types[i]->flags & RECORD_AUDIT_OPENS) && types[i]->relations != NULL)
			return types[i];
	return NULL;
}

/* The register's first relation: a report's chronology. */
static const struct relation *entry_relation(const struct record_type *type)
{
	return type->relations != NULL && type->relations[0].type != NULL ? &type->relations[0] : NULL;
}

/* Every entry, page by page: a page breaks ties by the order they were
 * recorded, as a chronology must (a whole walk breaks them by id). */
static int load_entries(struct smreg *s, struct chronology *c, struct error *err)
{
	const struct relation *rel = entry_relation(c->report->type);
	struct list_query q = list_query_default();
	int rc = STATUS_OK;

	if (rel == NULL)
		return STATUS_OK;
	c->entry_type = record_type_find(rel->type);
	if (!(access_mine(s, c->entry_type) & CAN_READ_ANY)) {
		c->entry_type = NULL;
		return STATUS_OK;
	}
	q.where_field = rel->field;
	q.where_value = c->report->id;
	q.include_ended = true;
	for (long offset = 0; rc == STATUS_OK; offset += PAGE_ROWS) {
		struct record_page *page = NULL;
		struct record **grown;

		rc = store_list(s, c->entry_type, &q, offset, PAGE_ROWS, &page, err);
		if (rc != STATUS_OK)
			break;
		grown = realloc(c->entries, (c->entry_count + page->count + 1) * sizeof *grown);
		if (grown == NULL) {
			record_page_free(&page);
			return error_set(err, STATUS_DATABASE, NULL, "out of memory");
		}
		c->entries = grown;
		for (size_t i = 0; i < page->count; i++) {
			c->entries[c->entry_count++] = page->rows[i];
			page->rows[i] = NULL;
		}
		if (page->count < PAGE_ROWS) {
			record_page_free(&page);
			break;
		}
		record_page_free(&page);
	}
	return rc;
}

/* "(a.register = 'contact' AND a.record_id = ?1) OR (a.register = 'action'
 * AND a.record_id IN (its entries))": the rows of the trail about the record. */
static char *about_record_sql(const struct chronology *c)
{
	const struct relation *rel = entry_relation(c->report->type);

	if (c->entry_type == NULL)
		return text_format("(a.register = '%s' AND a.record_id = ?1)", c->report->type->name);
	return text_format("(a.register = '%s' AND a.record_id = ?1) OR (a.register = '%s' AND "
			   "a.record_id IN (SELECT e.id FROM \"%s\" AS e WHERE e.\"%s\" = ?1))",
			   c->report->type->name, rel->type, rel->type, rel->field);
}

#define WHO "coalesce((SELECT p.name FROM user AS u JOIN person AS p ON p.id = u.person " \
	    "WHERE u.login = a.login), a.login)"

/* The record changed: the report, or one of its entries. */
static const struct record *changed_record(const struct chronology *c, const char *id,
					   const char *register_name)
{
	if (strcmp(register_name, c->report->type->name) == 0)
		return c->report;
	for (size_t i = 0; i < c->entry_count; i++)
		if (strcmp(c->entries[i]->id, id) == 0)
			return c->entries[i];
	return NULL;
}

static char *dup_or_null(const unsigned char *text)
{
	return text != NULL && text[0] != '\0' ? strdup((const char *)text) : NULL;
}

/* A value the audit kept, as the record shows it: yes or no, a date as
 * dates are shown.  NULL when empty; the caller frees it. */
static char *audit_value_shown(const struct field *f, const unsigned char *text)
{
	char date[DATE_ISO_SIZE];

	if (text == NULL || text[0] == '\0')
		return NULL;
	if (f->type == FIELD_YES_NO)
		return strdup(strcmp((const char *)text, "0") == 0 ? "no" : "yes");
	if (f->type == FIELD_DATE && strlen((const char *)text) == DATE_ISO_SIZE - 1) {
		date_iso_to_display((const char *)text, date);
		return strdup(date);
	}
	return strdup((const char *)text);
}

static int add_change(struct chronology *c, sqlite3_stmt *stmt, size_t *capacity)
{
	const struct record *r = changed_record(c, (const char *)sqlite3_column_text(stmt, 3),
						(const char *)sqlite3_column_text(stmt, 2));
	const struct field *f = r ? record_field_find(r->type, (const char *)sqlite3_column_text(stmt, 4))
				  : NULL;
	struct chronology_change *ch;

	if (r == NULL || f == NULL)
		return STATUS_OK;
	if (c->change_count == *capacity) {
		size_t more = *capacity ? *capacity * 2 : 8;
		struct chronology_change *grown = realloc(c->changes, more * sizeof *grown);

		if (grown == NULL)
			return STATUS_DATABASE;
		c->changes = grown;
		*capacity = more;
	}
	ch = &c->changes[c->change_count++];
	memset(ch, 0, sizeof *ch);
	ch->at = dup_or_null(sqlite3_column_text(stmt, 0));
	ch->who = dup_or_null(sqlite3_column_text(stmt, 1));
	ch->record = r;
	ch->what = strdup(r->title ? r->title : r->type->label);
	ch->field = strdup(f->label);
	ch->before = audit_value_shown(f, sqlite3_column_text(stmt, 5));
	ch->after = audit_value_shown(f, sqlite3_column_text(stmt, 6));
	ch->reason = dup_or_null(sqlite3_column_text(stmt, 7));
	return ch->what && ch->field ? STATUS_OK : STATUS_DATABASE;
}

/* Every amendment: a change, field by field, with its reason.  Closing is
 * an entry of its own, so only changes count here. */
static int load_changes(struct smreg *s, struct chronology *c, struct error *err)
{
	char *about = about_record_sql(c);
	char *sql = about ? text_format("SELECT a.at, " WHO ", a.register, a.record_id, j.key, "
					"json_extract(a.before, '$.' || j.key), j.value, a.reason "
					"FROM audit AS a, json_each(a.after) AS j "
					"WHERE a.action = 'update' AND (%s) ORDER BY a.seq, j.id",
					about)
			  : NULL;
	size_t capacity = 0;
	sqlite3_stmt *stmt;
	int rc = sql ? db_prepare(s, sql, &stmt, err)
		     : error_set(err, STATUS_DATABASE, NULL, "out of memory");

	free(about);
	free(sql);
	if (rc != STATUS_OK)
		return rc;
	db_bind_text(stmt, 1, c->report->id);
	while (rc == STATUS_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW)
		rc = add_change(c, stmt, &capacity) == STATUS_OK ? STATUS_OK
								 : error_set(err, STATUS_DATABASE, NULL, "out of memory");
	if (rc == SQLITE_DONE)
		rc = STATUS_OK;
	else if (rc != STATUS_OK && err->status == STATUS_OK)
		rc = db_error(s, rc, err);
	db_release(stmt);
	return rc;
}

/* Who opened the report, and who read its chronology, oldest first. */
static int load_openings(struct smreg *s, struct chronology *c, struct error *err)
{
	sqlite3_stmt *stmt;
	size_t capacity = 0;
	int rc = db_prepare(s, "SELECT a.at, " WHO ", CASE a.action WHEN 'open' THEN 'opened' "
			       "ELSE json_extract(a.after, '$.read') END FROM audit AS a "
			       "WHERE a.register = ?2 AND ((a.action = 'open' AND a.record_id = ?1) OR "
			       "(a.action = 'read' AND json_extract(a.after, '$.where.id') = ?1)) "
			       "ORDER BY a.seq",
			    &stmt, err);

	if (rc != STATUS_OK)
		return rc;
	db_bind_text(stmt, 1, c->report->id);
	db_bind_text(stmt, 2, c->report->type->name);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct chronology_opening *o;

		if (c->opening_count == capacity) {
			size_t more = capacity ? capacity * 2 : 8;
			struct chronology_opening *grown = realloc(c->openings, more * sizeof *grown);

			if (grown == NULL)
				break;
			c->openings = grown;
			capacity = more;
		}
		o = &c->openings[c->opening_count++];
		o->at = dup_or_null(sqlite3_column_text(stmt, 0));
		o->who = dup_or_null(sqlite3_column_text(stmt, 1));
		o->how = dup_or_null(sqlite3_column_text(stmt, 2));
	}
	rc = rc == SQLITE_DONE	? STATUS_OK
	     : rc == SQLITE_ROW ? error_set(err, STATUS_DATABASE, NULL, "out of memory")
				: db_error(s, rc, err);
	db_release(stmt);
	return rc;
}

static int record_read(struct smreg *s, const struct chronology *c, const char *how,
		       struct error *err)
{
	struct audit_read_note n = {
		.how = how,
		.where_field = "id",
		.where_value = c->report->id,
		.rows = 1,
	};

	return audit_record_read(s, c->report->type, &n, err);
}

int chronology_load(struct smreg *s, const struct record_type *type, const char *ref,
		    struct chronology **out, struct error *err)
{
	struct chronology *c = calloc(1, sizeof *c);
	int rc = c ? db_begin(s, err) : error_set(err, STATUS_DATABASE, NULL, "out of memory");
	bool begun = rc == STATUS_OK;

	*out = NULL;
	/* One transaction: what is read is one moment's record, and a
	 * record nobody can be told was read is not shown. */
	if (rc == STATUS_OK)
		rc = store_get(s, type, ref, &c->report, err);
	if (rc == STATUS_OK)
		rc = record_read(s, c, "chronology", err);
	if (rc == STATUS_OK)
		rc = load_entries(s, c, err);
	if (rc == STATUS_OK)
		rc = load_changes(s, c, err);
	if (rc == STATUS_OK)
		rc = load_openings(s, c, err);
	if (begun && rc == STATUS_OK)
		rc = db_commit(s, err);
	else if (begun)
		db_rollback(s);
	if (rc == STATUS_OK)
		*out = c;
	else
		chronology_free(&c);
	return rc;
}

int chronology_record_written(struct smreg *s, const struct chronology *c, const char *path,
			      struct error *err)
{
	(void)path;
	return record_read(s, c, "chronology file", err);
}

/* --- writing ----------------------------------------------------------------- */

/* "2026-11-29T09:40:12Z" as "29/11/2026 09:40 UTC". */
static const char *at_display(const char *at, char *buf, size_t len)
{
	if (at == NULL || strlen(at) < 16) {
		snprintf(buf, len, "%s", at ? at : "");
		return buf;
	}
	snprintf(buf, len, "%.2s/%.2s/%.4s %.5s UTC", at + 8, at + 5, at, at + 11);
	return buf;
}

/* Is field i of an entry shown on its first line (short and listed)? */
static bool on_first_line(const struct record_type *type, size_t i, const char *parent)
{
	const struct field *f = &type->fields[i];

	return (f->flags & FIELD_LISTED) && f->type != FIELD_LONG_TEXT &&
	       strcmp(f->name, parent) != 0;
}

/* text, safe for a terminal, every line after the first indented. */
static void text_block(FILE *out, const char *text, int indent)
{
	char *safe = text_safe(text ? text : "", false);

	for (const char *p = safe ? safe : ""; *p; p++) {
		fputc(*p, out);
		if (*p == '\n' && p[1] != '\0')
			fprintf(out, "%*s", indent, "");
	}
	fputc('\n', out);
	free(safe);
}

static int label_width(const struct record_type *type)
{
	int width = 0;

	for (size_t i = 0; i < type->field_count; i++) {
		int w = text_width(type->fields[i].label);

		if (w > width)
			width = w;
	}
	return width;
}

/*
 * "amended on DATE by NAME: reason", a line for each change made to r (the
 * fields one change made count once), so the record or entry itself says
 * it was amended; the earlier text is under Amendments.  NULL when never
 * amended; the caller frees it.
 */
static char *amended_lines(const struct chronology *c, const struct record *r)
{
	char *lines = NULL;
	const struct chronology_change *last = NULL;

	for (size_t i = 0; i < c->change_count; i++) {
		const struct chronology_change *ch = &c->changes[i];
		char at[40];
		char *more;

		if (ch->record != r)
			continue;
		if (last != NULL && strcmp(last->at ? last->at : "", ch->at ? ch->at : "") == 0 &&
		    strcmp(last->reason ? last->reason : "", ch->reason ? ch->reason : "") == 0)
			continue;
		more = text_format("%s%samended on %s by %s: %s", lines ? lines : "", lines ? "\n" : "",
				   at_display(ch->at, at, sizeof at), ch->who ? ch->who : "-",
				   ch->reason ? ch->reason : "no reason given");
		free(lines);
		lines = more;
		last = ch;
	}
	return lines;
}

/* The amended lines of r, indented, when it was amended. */
static void write_text_amended(FILE *out, const struct chronology *c, const struct record *r,
			       int indent)
{
	char *lines = amended_lines(c, r);

	if (lines == NULL)
		return;
	fprintf(out, "%*s", indent, "");
	text_block(out, lines, indent);
	free(lines);
}

static void write_text_fields(FILE *out, const struct record *r, int indent, const char *skip)
{
	int width = label_width(r->type);

	for (size_t i = 0; i < r->type->field_count; i++) {
		char date[DATE_ISO_SIZE];
		const char *value = record_display(r, i, date);
		int pad;

		if (skip != NULL && strcmp(r->type->fields[i].name, skip) == 0)
			continue;
		pad = width - text_width(r->type->fields[i].label);
		fprintf(out, "%*s%s:%*s ", indent, "", r->type->fields[i].label, pad, "");
		text_block(out, value ? value : "-", indent + width + 2);
	}
}

static void write_text(const struct chronology *c, FILE *out)
{
	const struct relation *rel = entry_relation(c->report->type);
	char at[40];

	fprintf(out, "%s %s\n", c->report->type->label, c->report->id);
	text_block(out, c->report->title, 0);
	fputc('\n', out);
	write_text_fields(out, c->report, 0, NULL);
	write_text_amended(out, c, c->report, 0);
	if (c->entry_type != NULL) {
		fprintf(out, "\n%s (%zu)\n", rel->heading, c->entry_count);
		for (size_t e = 0; e < c->entry_count; e++) {
			const struct record *r = c->entries[e];
			int width = label_width(r->type);
			bool first = true;

			fputs("\n  ", out);
			for (size_t i = 0; i < r->type->field_count; i++) {
				char date[DATE_ISO_SIZE];
				const char *value = record_display(r, i, date);

				if (!on_first_line(r->type, i, rel->field) || value == NULL)
					continue;
				fprintf(out, "%s%s", first ? "" : "  ", value);
				first = false;
			}
			fputc('\n', out);
			for (size_t i = 0; i < r->type->field_count; i++) {
				char date[DATE_ISO_SIZE];
				const char *value = record_display(r, i, date);
				const char *label = r->type->fields[i].label;

				if (on_first_line(r->type, i, rel->field) || value == NULL ||
				    strcmp(r->type->fields[i].name, rel->field) == 0)
					continue;
				fprintf(out, "    %s:%*s ", label, width - text_width(label), "");
				text_block(out, value, 4 + width + 2);
			}
			write_text_amended(out, c, r, 4);
		}
	}
	fprintf(out, "\nAmendments (%zu)\n", c->change_count);
	for (size_t i = 0; i < c->change_count; i++) {
		const struct chronology_change *ch = &c->changes[i];

		fprintf(out, "\n  amended on %s by ", at_display(ch->at, at, sizeof at));
		text_block(out, ch->who, 4);
		fputs("    reason: ", out);
		text_block(out, ch->reason ? ch->reason : "-", 12);
		fputs("    in: ", out);
		text_block(out, ch->what, 8);
		fputs("    field: ", out);
		text_block(out, ch->field, 11);
		fputs("    earlier: ", out);
		text_block(out, ch->before ? ch->before : "-", 13);
		fputs("    now: ", out);
		text_block(out, ch->after ? ch->after : "-", 9);
	}
	fprintf(out, "\nOpened (%zu)\n", c->opening_count);
	for (size_t i = 0; i < c->opening_count; i++) {
		fprintf(out, "  %s  %s  ", at_display(c->openings[i].at, at, sizeof at),
			c->openings[i].how ? c->openings[i].how : "");
		text_block(out, c->openings[i].who, 4);
	}
}

/* An entry's short fields, one a line: "29/11/2026\n09:40\nnote\nDee Dsl\n
 * Role: dsl".  The caller frees it. */
static char *entry_heading(const struct record *r, const char *parent)
{
	char *text = strdup("");

	for (size_t i = 0; text != NULL && i < r->type->field_count; i++) {
		const struct field *f = &r->type->fields[i];
		char date[DATE_ISO_SIZE];
		const char *value = record_display(r, i, date);
		char *more;

		if (value == NULL || f->type == FIELD_LONG_TEXT || strcmp(f->name, parent) == 0)
			continue;
		if (on_first_line(r->type, i, parent))
			more = text_format("%s%s%s", text, text[0] ? "\n" : "", value);
		else
			more = text_format("%s%s%s: %s", text, text[0] ? "\n" : "", f->label, value);
		free(text);
		text = more;
	}
	return text;
}

/* An entry's long text (its note), blank lines between fields.  The
 * caller frees it. */
static char *entry_long_text(const struct record *r)
{
	char *text = strdup("");

	for (size_t i = 0; text != NULL && i < r->type->field_count; i++) {
		char *more;

		if (r->type->fields[i].type != FIELD_LONG_TEXT || r->values[i] == NULL)
			continue;
		more = text_format("%s%s%s", text, text[0] ? "\n\n" : "", r->values[i]);
		free(text);
		text = more;
	}
	return text;
}

static void write_html(const struct chronology *c, FILE *out)
{
	const struct relation *rel = entry_relation(c->report->type);
	char *title = text_format("%c%s: %s", toupper((unsigned char)c->report->type->label[0]),
				  c->report->type->label + 1, c->report->title ? c->report->title : "");
	char *running = text_format("%s %s", c->report->type->label, c->report->id);
	char at[40];

	html_begin(out, title ? title : "", running);
	html_fields_start(out);
	html_field(out, "Reference", c->report->id);
	for (size_t i = 0; i < c->report->type->field_count; i++) {
		char date[DATE_ISO_SIZE];

		html_field(out, c->report->type->fields[i].label, record_display(c->report, i, date));
	}
	{
		char *amended = amended_lines(c, c->report);

		if (amended != NULL)
			html_field(out, "Amended", amended);
		free(amended);
	}
	html_fields_end(out);
	if (c->entry_type != NULL) {
		static const char *const headings[] = {"Entry", "Note"};

		html_heading(out, 2, "chronology", rel->heading);
		if (c->entry_count == 0)
			html_paragraph(out, NULL, "No entries.");
		else
			html_table_start(out, headings, 2);
		for (size_t e = 0; e < c->entry_count; e++) {
			char *heading = entry_heading(c->entries[e], rel->field);
			char *amended = amended_lines(c, c->entries[e]);
			char *entry = amended && heading ? text_format("%s\n%s", heading, amended) : heading;
			char *note = entry_long_text(c->entries[e]);
			const char *cells[] = {entry, note};

			if (entry != heading)
				free(heading);
			free(amended);

			html_table_row(out, cells, 2);
			free(entry);
			free(note);
		}
		if (c->entry_count > 0)
			html_table_end(out);
	}
	html_heading(out, 2, "amendments", "Amendments");
	if (c->change_count == 0) {
		html_paragraph(out, NULL, "None.");
	} else {
		static const char *const headings[] = {"Amended", "Field", "Earlier text", "Now"};

		html_table_start(out, headings, 4);
		for (size_t i = 0; i < c->change_count; i++) {
			const struct chronology_change *ch = &c->changes[i];
			char *when = text_format("%s\nby %s\nreason: %s", at_display(ch->at, at, sizeof at),
						 ch->who ? ch->who : "", ch->reason ? ch->reason : "-");
			char *where = text_format("%s\nin %s", ch->field, ch->what);
			const char *cells[] = {when, where, ch->before, ch->after};

			html_table_row(out, cells, 4);
			free(when);
			free(where);
		}
		html_table_end(out);
	}
	html_heading(out, 2, "opened", "Opened");
	{
		static const char *const headings[] = {"When", "Who", "How"};

		html_table_start(out, headings, 3);
		for (size_t i = 0; i < c->opening_count; i++) {
			const char *cells[] = {at_display(c->openings[i].at, at, sizeof at),
					       c->openings[i].who, c->openings[i].how};

			html_table_row(out, cells, 3);
		}
		html_table_end(out);
	}
	html_end(out);
	free(title);
	free(running);
}

/* A record's fields as a JSON object: ISO dates, references by title. */
static void json_record(FILE *out, const struct record *r, const char *skip)
{
	bool first = true;

	fputs("{\"id\": ", out);
	json_write_string(out, r->id);
	first = false;
	for (size_t i = 0; i < r->type->field_count; i++) {
		const struct field *f = &r->type->fields[i];
		char date[DATE_ISO_SIZE];

		if (skip != NULL && strcmp(f->name, skip) == 0)
			continue;
		fprintf(out, "%s\"%s\": ", first ? "" : ", ", f->name);
		json_write_string(out, f->type == FIELD_REF ? record_display(r, i, date) : r->values[i]);
	}
	fputc('}', out);
}

static void write_json(const struct chronology *c, FILE *out)
{
	const struct relation *rel = entry_relation(c->report->type);

	fputs("{\"register\": ", out);
	json_write_string(out, c->report->type->name);
	fputs(",\n \"report\": ", out);
	json_record(out, c->report, NULL);
	fputs(",\n \"chronology\": [", out);
	for (size_t e = 0; e < c->entry_count; e++) {
		fputs(e ? ",\n  " : "\n  ", out);
		json_record(out, c->entries[e], rel->field);
	}
	fputs("],\n \"amendments\": [", out);
	for (size_t i = 0; i < c->change_count; i++) {
		const struct chronology_change *ch = &c->changes[i];

		fputs(i ? ",\n  {\"at\": " : "\n  {\"at\": ", out);
		json_write_string(out, ch->at);
		fputs(", \"by\": ", out);
		json_write_string(out, ch->who);
		fputs(", \"reason\": ", out);
		json_write_string(out, ch->reason);
		fputs(", \"in\": ", out);
		json_write_string(out, ch->what);
		fputs(", \"field\": ", out);
		json_write_string(out, ch->field);
		fputs(", \"before\": ", out);
		json_write_string(out, ch->before);
		fputs(", \"after\": ", out);
		json_write_string(out, ch->after);
		fputc('}', out);
	}
	fputs("],\n \"opened\": [", out);
	for (size_t i = 0; i < c->opening_count; i++) {
		fputs(i ? ",\n  {\"at\": " : "\n  {\"at\": ", out);
		json_write_string(out, c->openings[i].at);
		fputs(", \"by\": ", out);
		json_write_string(out, c->openings[i].who);
		fputs(", \"how\": ", out);
		json_write_string(out, c->openings[i].how);
		fputc('}', out);
	}
	fputs("]}\n", out);
}

int chronology_write(const struct chronology *c, enum chronology_format format, FILE *out)
{
	if (format == CHRONOLOGY_HTML)
		write_html(c, out);
	else if (format == CHRONOLOGY_JSON)
		write_json(c, out);
	else
		write_text(c, out);
	return ferror(out) ? STATUS_DATABASE : STATUS_OK;
}
