/* The verbs of data protection: retention, purge, hold. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/command.h"
#include "core/mis.h"
#include "core/retention.h"
#include "core/sar.h"
#include "core/smreg.h"
#include "core/text.h"

/* What a rule keeps because it cannot date it, and why: under a table,
 * or on stderr beside CSV or JSON, which hold the rows due alone. */
static void print_kept(const struct retention_list *list, FILE *out)
{
	for (size_t i = 0; i < list->kept_count; i++)
		fprintf(out, "Kept: %ld %s record%s: %s.\n", list->kept[i].count,
			list->kept[i].type->name, list->kept[i].count == 1 ? "" : "s", list->kept[i].why);
}

static int run_retention(struct invocation *inv, const struct args *args)
{
	static const struct column columns[] = {
		{"register", "Register", 0, COLUMN_TEXT},
		{"due_on", "Due", 10, COLUMN_TEXT},
		{"subject", "About", 0, COLUMN_TEXT},
		{"rule", "Rule", 0, COLUMN_TEXT},
		{"record_id", "Record", 0, COLUMN_TEXT},
	};
	struct retention_list *list = NULL;
	enum output_format format;
	struct result *result;
	int rc = command_format(inv, args, &format);

	if (rc == STATUS_OK)
		rc = retention_due_list(inv->s, &list, &inv->err);
	if (rc != STATUS_OK)
		return command_fail(inv, "cannot list what is due for disposal");
	if (format == OUTPUT_TABLE && list->count == 0) {
		printf("Nothing is due for disposal.\n");
		print_kept(list, stdout);
		retention_list_free(&list);
		return STATUS_OK;
	}
	result = result_new(columns, format == OUTPUT_TABLE ? 4 : 5, format, stdout);
	for (size_t i = 0; result && i < list->count; i++) {
		const struct retention_item *item = &list->items[i];
		char date[16];
		const char *cells[5] = {
			item->type->name,
			format == OUTPUT_TABLE ? command_display_date(item->due_on, date) : item->due_on,
			item->subject,
			item->rule,
			item->record_id,
		};

		result_add(result, cells);
	}
	result_finish(&result);
	print_kept(list, format == OUTPUT_TABLE ? stdout : stderr);
	retention_list_free(&list);
	return STATUS_OK;
}

static void print_counts(const struct purge_result *r, FILE *out)
{
	for (size_t i = 0; i < r->registers; i++)
		fprintf(out, "  %-16s %ld\n", r->counts[i].type ? r->counts[i].type->name : "?",
			r->counts[i].count);
}

/* The confirmation: in a terminal, typed; elsewhere --confirm with the
 * total shown, so that a script confirms what it was shown. */
static int confirm(struct invocation *inv, const struct args *args, long total)
{
	long given;
	char line[32];

	if (args_has(args, "confirm")) {
		int rc = args_number(args, "confirm", 0, 1000000000L, "the number of records shown",
				     &given, &inv->err);

		return rc != STATUS_OK ? rc : (given == total ? STATUS_OK : error_set(&inv->err, STATUS_CONFLICT, "confirm", "%ld records are due, not %ld: nothing was purged", total, given));
	}
	if (!isatty(STDIN_FILENO))
		return error_set(&inv->err, STATUS_USAGE, "confirm",
				 "nothing was purged: to confirm without a terminal, "
				 "run smreg purge --confirm %ld",
				 total);
	printf("Purge these %ld records for ever?  This cannot be undone.  Type yes: ", total);
	fflush(stdout);
	if (fgets(line, sizeof line, stdin) == NULL || strcmp(line, "yes\n") != 0)
		return error_set(&inv->err, STATUS_USAGE, NULL, "not confirmed: nothing was purged");
	return STATUS_OK;
}

static int run_purge(struct invocation *inv, const struct args *args)
{
	struct purge_result shown;
	struct purge_result done;
	int rc = retention_purge_counts(inv->s, &shown, &inv->err);

	if (rc != STATUS_OK)
		return command_fail(inv, "cannot purge");
	if (shown.total == 0) {
		printf("Nothing is due for disposal.\n");
		return STATUS_OK;
	}
	printf("Due for disposal (smreg retention lists them):\n");
	print_counts(&shown, stdout);
	rc = confirm(inv, args, shown.total);
	if (rc == STATUS_OK)
		rc = retention_purge(inv->s, shown.total, &done, &inv->err);
	if (rc != STATUS_OK)
		return command_fail(inv, "cannot purge");
	printf("Purged %ld records; the disposal log keeps the counts.\n", done.total);
	if (done.wal_kept)
		fprintf(stderr, "smreg: another smreg has the register open: its write-ahead log "
				"may still hold old pages until it closes; run smreg purge again then\n");
	return STATUS_OK;
}

static int run_hold(struct invocation *inv, const struct args *args)
{
	const struct record_type *type = NULL;
	int rc = args->positional_count == 2 ? STATUS_OK
					     : error_set(&inv->err, STATUS_USAGE, NULL, "name a register and one record");

	if (rc == STATUS_OK)
		rc = command_type(inv, args->positional[0], &type);
	if (rc == STATUS_OK && args_has(args, "release"))
		rc = retention_release(inv->s, type, args->positional[1], &inv->err);
	else if (rc == STATUS_OK)
		rc = retention_hold(inv->s, type, args->positional[1], args_get(args, "reason"),
				    &inv->err);
	if (rc != STATUS_OK)
		return command_fail(inv, "cannot change the legal hold");
	printf(args_has(args, "release") ? "released from legal hold\n" : "on legal hold\n");
	return STATUS_OK;
}

/* Where an installed smreg finds the MIS columns file (make install). */
#ifndef SMREG_DATADIR
#define SMREG_DATADIR "/usr/local/share/smreg"
#endif

static void say_change(enum mis_change change, const char *name, const char *detail, void *arg)
{
	static const char *const verbs[] = {"add", "change", "missing", "withdraw", "kept"};
	char *safe = text_safe(name, false);

	(void)arg;
	printf("%-8s %s%s%s\n", verbs[change], safe ? safe : "?", detail ? ": " : "",
	       detail ? detail : "");
	free(safe);
}

int command_import_mis(struct invocation *inv, const struct args *args,
		       const struct record_type *type)
{
	const char *columns_path = args_get(args, "columns");
	struct mis_options o = {
		.system = args_get(args, "from"),
		.school = args_get(args, "school"),
		.dry_run = args_has(args, "dry-run"),
		.full = args_has(args, "full"),
		.leave_on = args_get(args, "leave-on"),
		.report = say_change,
	};
	struct error_list errors = {0};
	char *columns = NULL;
	char *data = NULL;
	size_t len = 0;
	int rc = command_read_file(inv, columns_path ? columns_path : SMREG_DATADIR "/mis-columns.tsv", &columns, &len);

	/* The columns file as text: NUL-terminated. */
	if (rc == STATUS_OK) {
		char *text = strndup(columns, len);

		free(columns);
		columns = text;
		rc = text ? STATUS_OK : error_set(&inv->err, STATUS_DATABASE, NULL, "out of memory");
	}
	o.columns = columns;
	if (rc == STATUS_OK)
		rc = command_read_file(inv, args->positional[1], &data, &len);
	if (rc == STATUS_OK)
		rc = mis_import(inv->s, type, &o, data, len, &errors, &inv->err);
	for (size_t i = 0; i < errors.count; i++) {
		char message[1200];
		char *safe = text_safe(error_message(&errors.items[i], message, sizeof message), true);

		fprintf(stderr, "%s:%ld: %s\n", args->positional[1], errors.items[i].line,
			safe ? safe : "");
		free(safe);
	}
	error_list_clear(&errors);
	free(columns);
	free(data);
	if (rc != STATUS_OK)
		return command_fail(inv, "cannot import");
	printf(o.dry_run ? "nothing imported (--dry-run)\n" : "imported\n");
	return STATUS_OK;
}

static int run_sar(struct invocation *inv, const struct args *args)
{
	const char *format = args_get(args, "format");
	enum sar_format f = SAR_HTML;
	int rc = STATUS_OK;

	if (format != NULL && strcmp(format, "json") == 0)
		f = SAR_JSON;
	else if (format != NULL && strcmp(format, "html") != 0)
		rc = error_set(&inv->err, STATUS_USAGE, "format", "must be html or json");
	if (rc == STATUS_OK && (args->positional_count < 1 || args->positional_count > 2))
		rc = error_set(&inv->err, STATUS_USAGE, NULL,
			       "name one pupil or person: smreg sar [pupil|person] REF");
	if (rc == STATUS_OK)
		rc = sar_write(inv->s, args->positional_count == 2 ? args->positional[0] : NULL,
			       args->positional[args->positional_count - 1], f, stdout, &inv->err);
	if (rc != STATUS_OK)
		return command_fail(inv, "cannot gather the subject-access bundle");
	return STATUS_OK;
}

static const struct option_spec sar_options[] = {
	{"format", "FORMAT", "html (the default: a page to print) or json"},
	{NULL, NULL, NULL},
};

static const struct option_spec retention_options[] = {
	{"format", "FORMAT", "table (the default), csv or json"},
	{NULL, NULL, NULL},
};

static const struct option_spec purge_options[] = {
	{"confirm", "N", "confirm without a terminal: N is the number of records shown"},
	{NULL, NULL, NULL},
};

static const struct option_spec hold_options[] = {
	{"reason", "TEXT", "why the record must be kept (required to hold)"},
	{"release", NULL, "release the record from its legal hold"},
	{NULL, NULL, NULL},
};

const struct command protect_commands[] = {
	{"retention", "retention", "what is due for disposal, and under which rule",
	 "Lists the records past their retention period that you may purge: the\n"
	 "admin's registers, and contact reports for the DSL.  The periods are the\n"
	 "retention_* settings (man smreg: RETENTION); a record on legal hold is kept.\n"
	 "Under the table, how many a rule cannot date and keeps, and why.",
	 retention_options, run_retention, 0},
	{"purge", "purge [--confirm N]", "remove what is due for disposal, for ever",
	 "Shows how many records of each register are due, asks for confirmation,\n"
	 "then removes them with their related records in one transaction.  A\n"
	 "disposal log keeps the register, the count, the date, who and the rule,\n"
	 "never the content; their audit rows are emptied (the chain still checks),\n"
	 "and the file's free pages and write-ahead log are overwritten.",
	 purge_options, run_purge, 0},
	{"hold", "hold TYPE REF --reason TEXT | --release", "keep a record whatever its retention",
	 "Puts a record on legal hold, with a reason (an inquiry, a claim): it is\n"
	 "never due for disposal until released.  Whoever may purge a register holds\n"
	 "its records.  Holding and releasing are audited.",
	 hold_options, run_hold, 0},
	{"sar", "sar [pupil|person] REF [--format html|json]",
	 "everything held about one pupil or person",
	 "Writes, to standard output, what the register holds about one pupil or\n"
	 "person: their record, every record that names them (consents with their\n"
	 "history, authorisations, training, requests...), and, in a separate section\n"
	 "for the DSL to review before release, the contact reports about them and\n"
	 "their chronology, with third parties' names marked.  Run by the admin, the\n"
	 "contact reports are said to exist and left for the DSL.  Audited.",
	 sar_options, run_sar, 0},
	{NULL, NULL, NULL, NULL, NULL, NULL, 0},
};
