/* The verbs on records: add, set, close, delete, list, show, review,
 * import, export. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/command.h"
#include "core/access.h"
#include "core/date.h"
#include "core/edit.h"
#include "core/ref.h"
#include "core/smreg.h"
#include "core/store.h"
#include "core/text.h"
#include "core/transfer.h"

#define SHOW_RELATED_MAX 20

static const struct option_spec reason_options[] = {
	{"reason", "TEXT", "why, kept in the audit trail (required for contact reports)"},
	{NULL, NULL, NULL},
};

static const struct option_spec delete_options[] = {
	{"reason", "TEXT", "why, kept in the audit trail"},
	{NULL, NULL, NULL},
};

/*
 * After a refusal for invalid data (already said), every other wrong field
 * too, in the same words, so that one run says all there is to put right,
 * as a form marks them at once.  ref NULL: a new record.
 */
static void tell_other_wrong(struct invocation *inv, const struct record_type *type,
			     const char *ref, const struct assignment *a, size_t count,
			     const char *doing)
{
	struct error_list wrong = {0};
	struct error err;

	if (inv->err.status == STATUS_INVALID && inv->err.field[0] != '\0' &&
	    edit_wrong_fields(inv->s, type, ref, a, count, &wrong, &err) == STATUS_OK) {
		for (size_t i = 0; i < wrong.count; i++) {
			char message[1200];
			char *safe;

			if (strcmp(wrong.items[i].field, inv->err.field) == 0)
				continue;
			safe = text_safe(error_message(&wrong.items[i], message, sizeof message), true);
			fprintf(stderr, "%s: %s: %s\n", inv->program, doing, safe ? safe : message);
			free(safe);
		}
	}
	error_list_clear(&wrong);
}

/* "smreg add TYPE FIELD=VALUE ...": print the new id. */
static int run_add(struct invocation *inv, const struct args *args)
{
	const struct record_type *type;
	struct assignment *values = NULL;
	char *id = NULL;
	int rc = command_type(inv, args->positional_count ? args->positional[0] : NULL, &type);

	if (rc == STATUS_OK)
		rc = command_assignments(inv, args->positional + 1, args->positional_count - 1, &values);
	if (rc == STATUS_OK)
		rc = edit_add(inv->s, type, values, (size_t)args->positional_count - 1, &id, &inv->err);
	if (rc != STATUS_OK) {
		rc = command_fail(inv, "cannot add");
		if (values != NULL)
			tell_other_wrong(inv, type, NULL, values, (size_t)args->positional_count - 1,
					 "cannot add");
		free(values);
		return rc;
	}
	free(values);
	/* A person at a terminal is told what was done; a script reading
	 * the output gets the id alone, as it always has. */
	if (isatty(STDOUT_FILENO)) {
		char *title = ref_title(inv->s, type, id);
		char *safe = text_safe(title ? title : "", true);

		printf("Added the %s %s (id %s).\n", type->label, safe ? safe : "", id);
		free(title);
		free(safe);
	} else {
		printf("%s\n", id);
	}
	free(id);
	return STATUS_OK;
}

static int run_set(struct invocation *inv, const struct args *args)
{
	const struct record_type *type;
	struct assignment *values = NULL;
	int rc = command_type(inv, args->positional_count ? args->positional[0] : NULL, &type);

	if (rc == STATUS_OK && args->positional_count < 3)
		rc = error_set(&inv->err, STATUS_USAGE, NULL, "name the record and give FIELD=VALUE");
	if (rc == STATUS_OK)
		rc = command_assignments(inv, args->positional + 2, args->positional_count - 2, &values);
	if (rc == STATUS_OK)
		rc = edit_set(inv->s, type, args->positional[1], values,
			      (size_t)args->positional_count - 2, 0, args_get(args, "reason"),
			      &inv->err);
	if (rc != STATUS_OK) {
		rc = command_fail(inv, "cannot change");
		if (values != NULL)
			tell_other_wrong(inv, type, args->positional[1], values,
					 (size_t)args->positional_count - 2, "cannot change");
	}
	free(values);
	return rc;
}

/* A leaver's date is often entered when notice is given; revoking their
 * access later, from that date, must not trip over it. */
static int already_left(struct invocation *inv, const struct record_type *person,
			const char *ref, char **left_on)
{
	struct record *r = NULL;
	int rc = store_get(inv->s, person, ref, &r, &inv->err);
	int end = record_field_index(person, person->end_field);

	*left_on = NULL;
	if (rc == STATUS_OK && r->values[end] != NULL)
		*left_on = strdup(r->values[end]);
	record_free(&r);
	return rc;
}

/* "smreg close contact REF FIELD=VALUE...": the end with the fields its
 * ending asks for, --on and --note among them, as one change. */
static int close_with(struct invocation *inv, const struct record_type *type,
		      const struct args *args)
{
	int extra = args->positional_count - 2;
	struct assignment *values = NULL;
	size_t n = (size_t)extra;
	int rc = command_assignments(inv, args->positional + 2, extra, &values);
	struct assignment *room = values ? realloc(values, (n + 3) * sizeof *values) : NULL;

	if (room == NULL) {
		free(values);
		return rc == STATUS_OK ? error_set(&inv->err, STATUS_DATABASE, NULL, "out of memory") : rc;
	}
	values = room;

	if (rc == STATUS_OK && args_get(args, "on") != NULL) {
		values[n].field = type->end_field;
		values[n++].value = args_get(args, "on");
	}
	if (rc == STATUS_OK && args_get(args, "note") != NULL) {
		values[n].field = type->end_note_field;
		values[n++].value = args_get(args, "note");
	}
	if (rc == STATUS_OK)
		rc = edit_end_with(inv->s, type, args->positional[1], values, n,
				   args_get(args, "reason"), &inv->err);
	free(values);
	return rc;
}

static int run_close(struct invocation *inv, const struct args *args)
{
	const struct record_type *type;
	const char *on = args_get(args, "on");
	bool revoke_all = args_has(args, "revoke-all");
	char *left_on = NULL;
	int rc = command_type(inv, args->positional_count ? args->positional[0] : NULL, &type);

	if (rc == STATUS_OK && args->positional_count > 2 && type->end_fields != NULL &&
	    !revoke_all)
		return close_with(inv, type, args) == STATUS_OK ? STATUS_OK
								: command_fail(inv, "cannot close");
	if (rc == STATUS_OK && args->positional_count != 2)
		rc = error_set(&inv->err, STATUS_USAGE, NULL, "name one record to close");
	if (rc == STATUS_OK && revoke_all && type->end_follow_up != END_REVOKE_HELD)
		rc = error_set(&inv->err, STATUS_USAGE, "--revoke-all", "is for a person who leaves");
	if (rc == STATUS_OK && args_has(args, "note") && type->end_note_field == NULL)
		rc = error_set(&inv->err, STATUS_USAGE, "--note", "a %s keeps no note when it is %s",
			       type->label, type->end_past ? type->end_past : "ended");
	if (rc == STATUS_OK && revoke_all)
		rc = already_left(inv, type, args->positional[1], &left_on);
	if (rc == STATUS_OK && left_on == NULL)
		rc = edit_end(inv->s, type, args->positional[1], on, args_get(args, "note"),
			      args_get(args, "reason"), &inv->err);
	if (rc == STATUS_OK && revoke_all) {
		int revoked = 0;

		rc = edit_revoke_all(inv->s, args->positional[1], left_on && !on ? left_on : on,
				     args_get(args, "reason"), &revoked, &inv->err);
		if (rc == STATUS_OK)
			printf("revoked %d authorisation%s\n", revoked, revoked == 1 ? "" : "s");
	}
	free(left_on);
	return rc == STATUS_OK ? STATUS_OK : command_fail(inv, "cannot close");
}

static int run_delete(struct invocation *inv, const struct args *args)
{
	const struct record_type *type;
	int rc = command_type(inv, args->positional_count ? args->positional[0] : NULL, &type);

	if (rc == STATUS_OK && args->positional_count != 2)
		rc = error_set(&inv->err, STATUS_USAGE, NULL, "name one record to delete");
	if (rc == STATUS_OK)
		rc = edit_delete(inv->s, type, args->positional[1], args_get(args, "reason"), &inv->err);
	return rc == STATUS_OK ? STATUS_OK : command_fail(inv, "cannot delete");
}

/* A record's field as a person reads it (table) or a program does: in
 * CSV and JSON dates stay ISO, but references are still named. */
static const char *cell(const struct record *r, size_t i, enum output_format format, char *date_buf)
{
	if (format == OUTPUT_TABLE || r->type->fields[i].type == FIELD_REF)
		return record_display(r, i, date_buf);
	return r->values[i];
}

struct list_state {
	struct result *result;
	enum output_format format;
	size_t columns;
	int fields[64];
};

static int list_row(const struct record *r, void *arg)
{
	struct list_state *st = arg;
	const char *cells[66];
	char dates[64][DATE_ISO_SIZE];
	char short_id[9];

	snprintf(short_id, sizeof short_id, "%.8s", r->id);
	cells[0] = st->format == OUTPUT_TABLE ? short_id : r->id;
	for (size_t c = 1; c < st->columns; c++)
		cells[c] = cell(r, (size_t)st->fields[c], st->format, dates[c]);
	return result_add(st->result, cells) ? STATUS_DATABASE : 0;
}

/* "smreg list": how many records of each register the user may count. */
static int list_summary(struct invocation *inv, enum output_format format)
{
	static const struct column columns[] = {
		{"register", "Register", 0, COLUMN_TEXT},
		{"current", "Current", 0, COLUMN_NUMBER},
		{"all", "All", 0, COLUMN_NUMBER},
	};
	struct result *result = result_new(columns, 3, format, stdout);
	size_t n;
	const struct record_type *const *types = record_types(&n);
	int rc = STATUS_OK;

	for (size_t i = 0; result && i < n && rc == STATUS_OK; i++) {
		long current, all;
		char current_text[24], all_text[24];
		const char *cells[3];

		if (!(access_mine(inv->s, types[i]) & (CAN_COUNT | CAN_READ_OWN)))
			continue;
		rc = store_total(inv->s, types[i], false, &current, &inv->err);
		if (rc == STATUS_OK)
			rc = store_total(inv->s, types[i], true, &all, &inv->err);
		snprintf(current_text, sizeof current_text, "%ld", current);
		snprintf(all_text, sizeof all_text, "%ld", all);
		cells[0] = types[i]->name;
		cells[1] = current_text;
		cells[2] = all_text;
		if (rc == STATUS_OK)
			result_add(result, cells);
		/* Concerns about staff are counted apart, as numbers only, for
		 * those who count the register without reading it: a reader's
		 * counts are of what they may read, never of a concern about
		 * themselves. */
		if (rc == STATUS_OK && types[i]->concerns_field != NULL &&
		    (access_mine(inv->s, types[i]) & CAN_COUNT) &&
		    !(access_mine(inv->s, types[i]) & CAN_READ)) {
			char name[80];

			rc = store_total_concerning(inv->s, types[i], false, &current, &inv->err);
			if (rc == STATUS_OK)
				rc = store_total_concerning(inv->s, types[i], true, &all, &inv->err);
			snprintf(name, sizeof name, "%s (about staff)", types[i]->name);
			snprintf(current_text, sizeof current_text, "%ld", current);
			snprintf(all_text, sizeof all_text, "%ld", all);
			cells[0] = name;
			if (rc == STATUS_OK)
				result_add(result, cells);
		}
	}
	result_finish(&result);
	return rc == STATUS_OK ? STATUS_OK : command_fail(inv, "cannot list");
}

int command_print_summary(struct invocation *inv)
{
	char today[DATE_ISO_SIZE];
	char roles[64];
	bool overdue = false;
	int rc;

	date_to_iso(smreg_today(inv->s), today);
	printf("%s\n%s (%s), %s\n\n", smreg_path(inv->s), smreg_login(inv->s),
	       role_names(smreg_roles(inv->s), roles, sizeof roles),
	       command_display_date(today, today));
	rc = list_summary(inv, OUTPUT_TABLE);
	if (rc == STATUS_OK) {
		printf("\n");
		rc = command_print_due(inv, -1, OUTPUT_TABLE, &overdue);
		if (rc != STATUS_OK)
			return command_fail(inv, "cannot list what is due");
	}
	return rc != STATUS_OK ? rc : overdue ? STATUS_FOUND
					      : STATUS_OK;
}

/*
 * --sort FIELD (one of the list's columns, as the terminal UI's s sorts by
 * them) and --reverse into q.  A field that is not a column is refused
 * with the columns there are; --reverse alone would reverse nothing.
 */
static int list_sort(struct invocation *inv, const struct args *args,
		     const struct record_type *type, struct list_query *q)
{
	const char *name = args_get(args, "sort");
	int i = name ? record_field_index(type, name) : -1;
	char columns[512] = "";

	if (name == NULL)
		return args_has(args, "reverse")
			       ? error_set(&inv->err, STATUS_USAGE, "--reverse", "reverses a sort: give --sort FIELD too")
			       : STATUS_OK;
	if (i >= 0 && (type->fields[i].flags & FIELD_LISTED)) {
		q->sort_field = i;
		q->descending = args_has(args, "reverse");
		return STATUS_OK;
	}
	for (size_t k = 0; k < type->field_count; k++) {
		size_t used = strlen(columns);

		if (type->fields[k].flags & FIELD_LISTED)
			snprintf(columns + used, sizeof columns - used, "%s%s", used ? ", " : "",
				 type->fields[k].name);
	}
	return error_set(&inv->err, STATUS_USAGE, "--sort", "\"%.40s\" is not a column of the %s list; the columns are %s",
			 name, type->name, columns);
}

static int run_list(struct invocation *inv, const struct args *args)
{
	struct column columns[66] = {{"id", "Id", 8, COLUMN_TEXT}};
	struct list_state st = {.columns = 1};
	struct list_query q = list_query_default();
	const struct record_type *type;
	long limit = 0;
	int rc = command_format(inv, args, &st.format);

	if (rc == STATUS_OK)
		rc = args_number(args, "limit", 1, 100000, "a number of records", &limit, &inv->err);
	if (rc == STATUS_OK && args->positional_count == 0)
		return list_summary(inv, st.format);
	if (rc == STATUS_OK)
		rc = command_type(inv, args->positional[0], &type);
	if (rc != STATUS_OK)
		return command_fail(inv, "cannot list");
	for (size_t i = 0; i < type->field_count && st.columns < 64; i++) {
		const struct field *f = &type->fields[i];

		if (!(f->flags & FIELD_LISTED))
			continue;
		columns[st.columns].name = f->name;
		columns[st.columns].heading = f->label;
		columns[st.columns].width = f->width;
		columns[st.columns].kind = transfer_column_kind(f);
		st.fields[st.columns++] = (int)i;
	}
	q.include_ended = args_has(args, "all");
	q.filter = args_get(args, "filter");
	if (list_sort(inv, args, type, &q) != STATUS_OK)
		return command_fail(inv, "cannot list");
	st.result = result_new(columns, st.columns, st.format, stdout);
	if (st.result == NULL)
		return STATUS_DATABASE;
	/* The first N are the first N of the whole list, ties and all. */
	q.first = limit;
	rc = store_each(inv->s, type, &q, list_row, &st, &inv->err);
	/* A refusal is not an empty list: no heading. */
	if (rc == STATUS_OK)
		result_finish(&st.result);
	else
		result_discard(&st.result);
	return rc == STATUS_OK ? STATUS_OK : command_fail(inv, "cannot list");
}

/* A related record's long text (an action's note) in full, under its
 * title, which may be cut: every line indented. */
static void show_long_fields(const struct record *r)
{
	for (size_t i = 0; i < r->type->field_count; i++) {
		char *safe;

		if (r->type->fields[i].type != FIELD_LONG_TEXT || r->values[i] == NULL)
			continue;
		safe = text_safe(r->values[i], false);
		fputs("            ", stdout);
		for (const char *p = safe ? safe : ""; *p; p++) {
			putchar(*p);
			if (*p == '\n')
				fputs("            ", stdout);
		}
		putchar('\n');
		free(safe);
	}
}

/* The register's related records (record.h), as the record screen lists
 * them: a channel's authorisations, a report's actions. */
static void show_related(struct invocation *inv, const struct record *r)
{
	for (const struct relation *rel = r->type->relations; rel && rel->type; rel++) {
		const struct record_type *type = record_type_find(rel->type);
		struct list_query q = list_query_default();
		struct record_page *page = NULL;
		struct error ignored;
		long total = 0;

		if (!(access_mine(inv->s, type) & (CAN_READ | CAN_READ_NAMED)))
			continue;
		q.where_field = rel->field;
		q.where_value = r->id;
		q.include_ended = true;
		if (store_count(inv->s, type, &q, &total, &ignored) != STATUS_OK || total == 0 ||
		    store_list(inv->s, type, &q, 0, SHOW_RELATED_MAX, &page, &ignored) != STATUS_OK)
			continue;
		printf("\n%s:\n", rel->heading);
		for (size_t k = 0; k < page->count; k++) {
			char *safe = text_safe(page->rows[k]->title, true);

			printf("  %.8s  %s%s\n", page->rows[k]->id, safe ? safe : "",
			       page->rows[k]->ended ? "  (ended)" : "");
			free(safe);
			show_long_fields(page->rows[k]);
		}
		if (total > SHOW_RELATED_MAX)
			printf("  ... and %ld more\n", total - SHOW_RELATED_MAX);
		record_page_free(&page);
	}
}

static int run_show(struct invocation *inv, const struct args *args)
{
	const struct record_type *type;
	struct record *r = NULL;
	enum output_format format;
	int rc = command_format(inv, args, &format);

	if (rc == STATUS_OK)
		rc = command_type(inv, args->positional_count ? args->positional[0] : NULL, &type);
	if (rc == STATUS_OK && args->positional_count != 2)
		rc = error_set(&inv->err, STATUS_USAGE, NULL, "name one record to show");
	if (rc == STATUS_OK)
		rc = store_get(inv->s, type, args->positional[1], &r, &inv->err);
	if (rc != STATUS_OK)
		return command_fail(inv, "cannot show");
	if (format == OUTPUT_TABLE) {
		static const struct column columns[] = {
			{"field", "Field", 0, COLUMN_TEXT},
			{"value", "Value", 0, COLUMN_TEXT},
		};
		struct result *result = result_new(columns, 2, format, stdout);
		const char *id_row[2] = {"id", r->id};

		result_add(result, id_row);
		for (size_t i = 0; i < type->field_count; i++) {
			char date[DATE_ISO_SIZE];
			const char *row[2] = {type->fields[i].name, cell(r, i, format, date)};

			result_add(result, row);
		}
		result_finish(&result);
		show_related(inv, r);
	} else {
		/* As export writes it, so a shown record can be imported. */
		struct record_writer w;

		if (record_writer_start(&w, type, format, stdout) == STATUS_OK)
			record_writer_add(&w, r);
		record_writer_finish(&w);
	}
	record_free(&r);
	return STATUS_OK;
}

/* "smreg review POLICY [FIELD=VALUE...]": a review moves the next review date. */
static int run_review(struct invocation *inv, const struct args *args)
{
	const struct record_type *review = record_type_find("review");
	const struct record_type *policy = record_type_find("policy");
	struct assignment *fields = NULL;
	struct assignment *values = NULL;
	int count = args->positional_count;
	struct record *p = NULL;
	char *id = NULL;
	int rc = STATUS_OK;

	if (count < 1)
		rc = error_set(&inv->err, STATUS_USAGE, NULL, "name the policy reviewed");
	if (rc == STATUS_OK)
		rc = command_assignments(inv, args->positional + 1, count - 1, &fields);
	if (rc == STATUS_OK && (values = calloc((size_t)count, sizeof *values)) == NULL)
		rc = error_set(&inv->err, STATUS_DATABASE, NULL, "out of memory");
	if (rc == STATUS_OK) {
		values[0].field = "policy";
		values[0].value = args->positional[0];
		memcpy(values + 1, fields, (size_t)(count - 1) * sizeof *values);
		rc = edit_add(inv->s, review, values, (size_t)count, &id, &inv->err);
	}
	if (rc == STATUS_OK)
		rc = store_get(inv->s, policy, args->positional[0], &p, &inv->err);
	free(fields);
	free(values);
	if (rc == STATUS_OK) {
		char next[DATE_ISO_SIZE];
		char *title = text_safe(p->title, true);

		printf("%s\n%s: next review %s\n", id, title ? title : "",
		       command_display_date(p->values[record_field_index(policy, "next_review_on")], next));
		free(title);
	}
	free(id);
	record_free(&p);
	return rc == STATUS_OK ? STATUS_OK : command_fail(inv, "cannot record the review");
}

static int run_import(struct invocation *inv, const struct args *args)
{
	const struct record_type *type;
	struct error_list errors = {0};
	long rows = 0;
	int rc = command_type(inv, args->positional_count ? args->positional[0] : NULL, &type);

	if (rc == STATUS_OK && args->positional_count != 2)
		rc = error_set(&inv->err, STATUS_USAGE, NULL, "name the register and one CSV file");
	if (rc == STATUS_OK && args_has(args, "from"))
		return command_import_mis(inv, args, type);
	/* Streamed: a file of any size is read in bounded memory. */
	if (rc == STATUS_OK) {
		const char *path = args->positional[1];
		FILE *in = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");

		rc = in ? transfer_import_file(inv->s, type, in, args_has(args, "dry-run"), &rows,
					       &errors, &inv->err)
			: error_set(&inv->err, STATUS_USAGE, NULL, "cannot read %s: %s", path,
				    strerror(errno));
		if (in != NULL && in != stdin)
			fclose(in);
	}
	for (size_t i = 0; i < errors.count; i++) {
		char message[1200];
		char *safe = text_safe(error_message(&errors.items[i], message, sizeof message), true);

		fprintf(stderr, "%s:%ld: %s\n", args->positional[1], errors.items[i].line,
			safe ? safe : "");
		free(safe);
	}
	error_list_clear(&errors);
	if (rc != STATUS_OK)
		return command_fail(inv, "cannot import");
	printf("%s %ld %s record%s\n", args_has(args, "dry-run") ? "would import" : "imported",
	       rows, type->name, rows == 1 ? "" : "s");
	return STATUS_OK;
}

static int run_export(struct invocation *inv, const struct args *args)
{
	const struct record_type *type;
	const char *format = args_get(args, "format");
	enum output_format f = OUTPUT_CSV;
	int rc = command_type(inv, args->positional_count ? args->positional[0] : NULL, &type);

	if (rc == STATUS_OK && format != NULL && strcmp(format, "json") == 0)
		f = OUTPUT_JSON;
	else if (rc == STATUS_OK && format != NULL && strcmp(format, "csv") != 0)
		rc = error_set(&inv->err, STATUS_USAGE, "--format", "\"%.20s\" is not csv or json", format);
	if (rc == STATUS_OK)
		rc = transfer_export(inv->s, type, f, stdout, &inv->err);
	return rc == STATUS_OK ? STATUS_OK : command_fail(inv, "cannot export");
}

static const struct option_spec close_options[] = {
	{"on", "DATE", "the date it ended (default: today)"},
	{"note", "TEXT", "a note: why it was revoked, the DSL's rationale..."},
	{"reason", "TEXT", "why, kept in the audit trail"},
	{"revoke-all", NULL, "for a person: also revoke every authorisation they hold"},
	{NULL, NULL, NULL},
};

static const struct option_spec list_options[] = {
	{"all", NULL, "include closed, revoked, withdrawn and left records"},
	{"filter", "TEXT", "only records containing TEXT"},
	{"limit", "N", "only the first N records"},
	{"sort", "FIELD", "in the order of one of the columns"},
	{"reverse", NULL, "with --sort: the other way"},
	{"format", "FORMAT", "table (the default), csv or json"},
	{NULL, NULL, NULL},
};

static const struct option_spec format_options[] = {
	{"format", "FORMAT", "table (the default), csv or json"},
	{NULL, NULL, NULL},
};

static const struct option_spec import_options[] = {
	{"dry-run", NULL, "check every row, keep nothing"},
	{"from", "SYSTEM", "pupils or consent answers as sims, arbor or bromcom export them"},
	{"school", "REF", "with --from: the school the export is of"},
	{"full", NULL, "with --from: a full export; pupils missing from it leave"},
	{"leave-on", "DATE", "with --full: their leaving date (default today)"},
	{"columns", "FILE", "with --from: the MIS columns file (default: the installed one)"},
	{NULL, NULL, NULL},
};

static const struct option_spec export_options[] = {
	{"format", "FORMAT", "csv (the default) or json"},
	{NULL, NULL, NULL},
};

const struct command record_commands[] = {
	{"add", "add TYPE FIELD=VALUE...", "add a record; prints its id",
	 "Adds a record to the register TYPE.  Fields not given take their defaults;\n"
	 "dates may be typed as 21/11/2026, 2026-11-21, today or +30d; a reference names\n"
	 "a record by its id or an unambiguous name.  Prints the new record's id.",
	 NULL, run_add, 0},
	{"set", "set TYPE REF FIELD=VALUE...", "change fields of a record",
	 "Changes fields of the record REF names; FIELD= empties a field.  A change to a\n"
	 "contact report needs --reason, which the audit trail keeps.",
	 reason_options, run_set, 0},
	{"close", "close TYPE REF [--on DATE] [FIELD=VALUE...]", "close, revoke, withdraw, record leaving",
	 "Ends a record the register's own way: closes a channel or a contact report,\n"
	 "revokes an authorisation, withdraws a consent (raising its takedowns), records\n"
	 "that a person or pupil left, disables a user, marks a takedown done.  Closing a\n"
	 "contact report takes what it asks as FIELD=VALUE in the same change: the\n"
	 "outcome (action_taken), parent_informed, parent_informed_on, referred_to.",
	 close_options, run_close, 0},
	{"delete", "delete TYPE REF", "delete a record entered by mistake",
	 "Deletes a record that was entered by mistake.  Contact reports, their actions\n"
	 "and the settings are never deleted, nor a record that others refer to, nor one\n"
	 "that records you may not read can refer to (no school, person or pupil, for an\n"
	 "admin who is not also the DSL).",
	 delete_options, run_delete, 0},
	{"list", "list [TYPE] [--all]", "list a register, or count them all",
	 "Lists the current records of TYPE (with --all, ended ones too), in the\n"
	 "register's order or, with --sort, a column's; without TYPE, counts the\n"
	 "records of every register you may see.",
	 list_options, run_list, 0},
	{"show", "show TYPE REF", "show one record and what refers to it",
	 "Shows every field of one record, and the records that refer to it.\n"
	 "Opening a contact report is recorded in the audit trail.",
	 format_options, run_show, 0},
	{"review", "review POLICY [FIELD=VALUE...]", "record a policy review",
	 "Records a review of POLICY (reviewed_on defaults to today) and moves the\n"
	 "policy's next review to the review's (or approval's) date plus its cycle.",
	 NULL, run_review, 0},
	{"import", "import TYPE FILE [--dry-run]", "add records from a CSV file, all or none",
	 "Adds the records of a CSV file whose header row names the fields.  Every row\n"
	 "is checked; if any is wrong nothing is imported and each bad row is reported\n"
	 "as FILE:LINE: field: why.  FILE - reads standard input.  With --from, a\n"
	 "school MIS's own export: import pupil reads its pupil list, import consent\n"
	 "its parental-consent answers (man smreg: MIS IMPORTS).",
	 import_options, run_import, 0},
	{"export", "export TYPE [--format csv|json]", "write every record of a register",
	 "Writes every record of TYPE, ended ones too, with ISO dates and references as\n"
	 "ids, so that import can read it back.  In CSV a value a spreadsheet would run\n"
	 "(one starting = + - @) gets a ' in front, which import takes off.",
	 export_options, run_export, 0},
	{NULL, NULL, NULL, NULL, NULL, NULL, 0},
};
