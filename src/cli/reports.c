/* The verbs that answer questions: due, can-post, audit. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/command.h"
#include "core/access.h"
#include "core/audit.h"
#include "core/canpost.h"
#include "core/chronology.h"
#include "core/date.h"
#include "core/due.h"
#include "core/record.h"
#include "core/ref.h"
#include "core/smreg.h"
#include "core/text.h"

int command_print_due(struct invocation *inv, int within, enum output_format format, bool *overdue)
{
	static const struct column columns[] = {
		{"severity", "Severity", 7, COLUMN_TEXT},
		{"code", "Warning", 21, COLUMN_TEXT},
		{"due_on", "Date", 10, COLUMN_TEXT},
		{"school", "School", 0, COLUMN_TEXT},
		{"subject", "About", 0, COLUMN_TEXT},
		{"detail", "Detail", 0, COLUMN_TEXT},
		{"register", "Register", 0, COLUMN_TEXT},
		{"record_id", "Record", 0, COLUMN_TEXT},
	};
	struct due_list *list = NULL;
	struct result *result;
	int rc = due_list(inv->s, within, &list, &inv->err);

	*overdue = false;
	if (rc != STATUS_OK)
		return rc;
	if (format == OUTPUT_TABLE && list->count == 0) {
		printf("Nothing is due.\n");
		due_list_free(&list);
		return STATUS_OK;
	}
	/* The table leaves out the ids; csv and json keep them for scripts. */
	result = result_new(columns, format == OUTPUT_TABLE ? 6 : 8, format, stdout);
	for (size_t i = 0; result && i < list->count; i++) {
		const struct due_item *d = &list->items[i];
		char date[DATE_ISO_SIZE];
		const char *cells[8] = {
			severity_name(d->severity),
			d->code,
			format == OUTPUT_TABLE ? command_display_date(d->due_on, date) : d->due_on,
			d->school ? d->school : (format == OUTPUT_TABLE ? "all" : NULL),
			d->subject,
			d->detail,
			d->register_name,
			d->record_id,
		};

		result_add(result, cells);
	}
	result_finish(&result);
	*overdue = list->by_severity[SEVERITY_OVERDUE] > 0;
	due_list_free(&list);
	return STATUS_OK;
}

/*
 * due --counts: how many records each rule is about, and nothing that
 * names one, so that the digest is safe to send by e-mail.  The list is
 * most urgent first already; a code keeps its first place.
 */
static void print_due_counts(const struct due_list *list, enum output_format format)
{
	static const struct column columns[] = {
		{"severity", "Severity", 7, COLUMN_TEXT},
		{"code", "Warning", 21, COLUMN_TEXT},
		{"count", "Count", 5, COLUMN_TEXT},
	};
	struct result *result = result_new(columns, 3, format, stdout);

	for (size_t i = 0; result && i < list->count; i++) {
		const struct due_item *d = &list->items[i];
		long total = 0;
		bool seen = false;
		char count[24];

		for (size_t k = 0; k < i && !seen; k++)
			seen = list->items[k].severity == d->severity &&
			       strcmp(list->items[k].code, d->code) == 0;
		if (seen)
			continue;
		for (size_t k = i; k < list->count; k++)
			if (list->items[k].severity == d->severity &&
			    strcmp(list->items[k].code, d->code) == 0)
				total += list->items[k].count;
		snprintf(count, sizeof count, "%ld", total);
		result_add(result, (const char *const[]){severity_name(d->severity), d->code, count});
	}
	result_finish(&result);
}

/*
 * due --quiet and --counts, for cron: quiet prints nothing when nothing is
 * due (cron mails only what a job prints); counts prints no names.
 */
static int print_due_for_cron(struct invocation *inv, int within, enum output_format format,
			      bool quiet, bool counts, bool *overdue)
{
	struct due_list *list = NULL;
	int rc;

	*overdue = false;
	if (!quiet && !counts)
		return command_print_due(inv, within, format, overdue);
	rc = due_list(inv->s, within, &list, &inv->err);
	if (rc != STATUS_OK)
		return rc;
	*overdue = list->by_severity[SEVERITY_OVERDUE] > 0;
	if (list->count == 0 && quiet) {
		due_list_free(&list);
		return STATUS_OK;
	}
	if (!counts) {
		/* Something is due: the whole list, as without --quiet. */
		due_list_free(&list);
		return command_print_due(inv, within, format, overdue);
	}
	if (list->count == 0 && format == OUTPUT_TABLE)
		printf("Nothing is due.\n");
	else
		print_due_counts(list, format);
	due_list_free(&list);
	return STATUS_OK;
}

static int run_due(struct invocation *inv, const struct args *args)
{
	enum output_format format;
	long within = -1;
	bool overdue;
	int rc = command_format(inv, args, &format);

	if (rc == STATUS_OK)
		rc = args_number(args, "within", 0, 3650, "a number of days", &within, &inv->err);
	if (rc == STATUS_OK)
		rc = print_due_for_cron(inv, (int)within, format, args_has(args, "quiet"),
					args_has(args, "counts"), &overdue);
	if (rc != STATUS_OK)
		return command_fail(inv, "cannot list what is due");
	return overdue ? STATUS_FOUND : STATUS_OK;
}

static int run_can_post(struct invocation *inv, const struct args *args)
{
	struct post_question q = {
		.pupils = (const char *const *)args->positional,
		.pupil_count = (size_t)args->positional_count,
		.channel = args_get(args, "channel"),
		.poster = args_get(args, "by"),
		.named = args_has(args, "named"),
	};
	struct post_answer *a = NULL;
	int rc = STATUS_OK;

	/* Most often the one asking will post: their authorisation is checked
	 * as the UI checks it, unless --by names someone else. */
	if (q.poster == NULL)
		q.poster = smreg_person_id(inv->s);
	if (q.channel == NULL)
		rc = error_set(&inv->err, STATUS_USAGE, "--channel", "name the channel");
	if (rc == STATUS_OK)
		rc = canpost_check(inv->s, &q, &a, &inv->err);
	if (rc != STATUS_OK)
		return command_fail(inv, "cannot answer");
	printf("%s\n", a->yes ? "YES: you may post" : "NO: do not post");
	for (size_t i = 0; i < a->count; i++) {
		char *subject = text_safe(a->reasons[i].subject, true);
		char *text = text_safe(a->reasons[i].text, true);

		printf("  %-3s %s: %s\n", a->reasons[i].ok ? "ok" : "no", subject ? subject : "",
		       text ? text : "");
		free(subject);
		free(text);
	}
	rc = a->yes ? STATUS_OK : STATUS_FOUND;
	post_answer_free(&a);
	return rc;
}

struct audit_state {
	struct result *result;
	enum output_format format;
};

static int audit_row(const struct audit_entry *e, void *arg)
{
	struct audit_state *st = arg;
	char when[32];
	char short_id[9];
	const char *cells[9];

	/* "2026-11-21T10:04:05Z" reads as "2026-11-21 10:04:05 UTC" in a table. */
	if (st->format == OUTPUT_TABLE) {
		snprintf(when, sizeof when, "%.10s %.8s", e->at, e->at + (strlen(e->at) > 11 ? 11 : 0));
		snprintf(short_id, sizeof short_id, "%.8s", e->record_id);
	}
	cells[0] = st->format == OUTPUT_TABLE ? when : e->at;
	cells[1] = e->login;
	cells[2] = e->register_name;
	cells[3] = st->format == OUTPUT_TABLE ? short_id : e->record_id;
	cells[4] = e->action;
	cells[5] = st->format == OUTPUT_TABLE ? e->changes : e->before;
	cells[6] = st->format == OUTPUT_TABLE ? e->reason : e->after;
	cells[7] = e->reason;
	return result_add(st->result, cells) ? STATUS_DATABASE : 0;
}

/* audit --seal: the chain's head, "SEQ:HASH", for the minutes. */
static int print_seal(struct invocation *inv)
{
	struct audit_seal seal;
	char text[AUDIT_SEAL_TEXT_SIZE];

	if (audit_seal_take(inv->s, &seal, &inv->err) != STATUS_OK)
		return command_fail(inv, "cannot seal the audit trail");
	printf("%s\n", audit_seal_format(&seal, text));
	return STATUS_OK;
}

static int run_audit(struct invocation *inv, const struct args *args)
{
	static const struct column table_columns[] = {
		{"at", "When (UTC)", 19, COLUMN_TEXT},
		{"login", "Login", 0, COLUMN_TEXT},
		{"register", "Register", 0, COLUMN_TEXT},
		{"record_id", "Record", 8, COLUMN_TEXT},
		{"action", "Action", 6, COLUMN_TEXT},
		{"changes", "Changes", 0, COLUMN_TEXT},
		{"reason", "Reason", 0, COLUMN_TEXT},
	};
	static const struct column data_columns[] = {
		{"at", "At", 0, COLUMN_TEXT},
		{"login", "Login", 0, COLUMN_TEXT},
		{"register", "Register", 0, COLUMN_TEXT},
		{"record_id", "Record", 0, COLUMN_TEXT},
		{"action", "Action", 0, COLUMN_TEXT},
		{"before", "Before", 0, COLUMN_TEXT},
		{"after", "After", 0, COLUMN_TEXT},
		{"reason", "Reason", 0, COLUMN_TEXT},
	};
	struct audit_query q = {.register_name = args_get(args, "register")};
	const char *record = args_get(args, "record");
	struct audit_state st;
	char *record_id = NULL;
	int rc = command_format(inv, args, &st.format);

	if (rc == STATUS_OK && args_has(args, "seal"))
		return print_seal(inv);

	q.limit = st.format == OUTPUT_TABLE ? 100 : 0;
	if (rc == STATUS_OK)
		rc = args_number(args, "limit", 1, LONG_MAX, "a number of entries", &q.limit, &inv->err);
	if (rc == STATUS_OK && q.register_name != NULL && record_type_find(q.register_name) == NULL) {
		const struct record_type *ignored;

		rc = command_type(inv, q.register_name, &ignored);
	}
	/* A register whose trail the user may not read is refused, saying who
	 * may, rather than listed empty as if nothing had happened to it. */
	if (rc == STATUS_OK && q.register_name != NULL)
		rc = access_require(inv->s, record_type_find(q.register_name), CAN_AUDIT,
				    "read the audit trail of", &inv->err);
	if (rc == STATUS_OK && record != NULL) {
		if (q.register_name == NULL)
			rc = error_set(&inv->err, STATUS_USAGE, "--record", "goes with --register TYPE");
		else
			rc = ref_resolve(inv->s, record_type_find(q.register_name), record, "--record",
					 &record_id, &inv->err);
		q.record_id = record_id;
	}
	if (rc == STATUS_OK) {
		st.result = st.format == OUTPUT_TABLE ? result_new(table_columns, 7, st.format, stdout)
						      : result_new(data_columns, 8, st.format, stdout);
		rc = audit_each(inv->s, &q, audit_row, &st, &inv->err);
		/* A refusal is not an empty trail: no heading. */
		if (rc == STATUS_OK)
			result_finish(&st.result);
		else
			result_discard(&st.result);
	}
	free(record_id);
	return rc == STATUS_OK ? STATUS_OK : command_fail(inv, "cannot read the audit trail");
}

static const struct option_spec due_options[] = {
	{"within", "DAYS", "look this many days ahead instead of each rule's own window"},
	{"format", "FORMAT", "table (the default), csv or json"},
	{"quiet", NULL, "print nothing when nothing is due (for cron)"},
	{"counts", NULL, "how many of each warning, and no names (safe to e-mail)"},
	{NULL, NULL, NULL},
};

static const struct option_spec can_post_options[] = {
	{"channel", "REF", "the channel (platform:account, or its id)"},
	{"by", "PERSON", "who will post (default: you): they must be authorised on the channel"},
	{"named", NULL, "the pupils' names go beside the photo"},
	{NULL, NULL, NULL},
};

static const struct option_spec audit_options[] = {
	{"register", "TYPE", "only this register"},
	{"record", "REF", "only this record (with --register)"},
	{"limit", "N", "the newest N entries (table: 100 unless given)"},
	{"format", "FORMAT", "table (the default), csv or json"},
	{"seal", NULL, "print the chain's newest row as SEQ:HASH, for the minutes"},
	{NULL, NULL, NULL},
};

static const struct option_spec chronology_options[] = {
	{"format", "FORMAT", "text (the default), html or json"},
	{NULL, NULL, NULL},
};

/* "smreg chronology REPORT": the whole record, to print or send. */
static int run_chronology(struct invocation *inv, const struct args *args)
{
	static const char *const formats[] = {"text", "html", "json"};
	const char *format = args_get(args, "format");
	enum chronology_format f = CHRONOLOGY_TEXT;
	struct chronology *c = NULL;
	int rc = STATUS_OK;

	if (args->positional_count != 1)
		rc = error_set(&inv->err, STATUS_USAGE, NULL, "name one report");
	for (size_t i = 0; rc == STATUS_OK && format != NULL && i <= 3; i++) {
		if (i == 3)
			rc = error_set(&inv->err, STATUS_USAGE, "--format", "must be text, html or json");
		else if (strcmp(format, formats[i]) == 0)
			break;
		else
			f = (enum chronology_format)(i + 1);
	}
	if (rc == STATUS_OK)
		rc = chronology_load(inv->s, chronology_type(), args->positional[0], &c, &inv->err);
	if (rc == STATUS_OK)
		rc = chronology_write(c, f, stdout);
	chronology_free(&c);
	return rc == STATUS_OK ? STATUS_OK : command_fail(inv, "cannot write the chronology");
}

const struct command report_commands[] = {
	{"due", "due [--within DAYS] [--quiet] [--counts]", "what is overdue or coming due",
	 "Lists the due-review warnings you may see, most urgent first.  Exits 1 when\n"
	 "something is overdue, so a nightly job can tell.  For cron: --quiet prints\n"
	 "nothing when nothing is due, so MAILTO mails only when there is something\n"
	 "to do; --counts prints how many of each warning and no names.  A Monday\n"
	 "digest, in crontab -e:\n"
	 "  MAILTO=office@school.example\n"
	 "  0 7 * * 1  smreg due --quiet --counts",
	 due_options, run_due, COMMAND_HELP_RULES},
	{"can-post", "can-post PUPIL... --channel REF", "may I post a photo of these pupils?",
	 "Answers YES only if every pupil has a current consent for the channel's use\n"
	 "(and for a name beside the photo with --named), no takedown is open for them\n"
	 "there, the channel is open, and the poster (you, or --by) is authorised on it.\n"
	 "Every answer gives its reasons; NO exits 1.",
	 can_post_options, run_can_post, 0},
	{"audit", "audit [--register TYPE] | --seal", "who changed, opened or read what",
	 "Lists the audit trail, newest first: admins see every register but the\n"
	 "safeguarding ones; the DSL sees contact reports and their actions (every\n"
	 "read of them too) and any user gaining or losing the dsl role.  --seal\n"
	 "checks the hash chain and prints its newest row as SEQ:HASH; write it in\n"
	 "the minutes, and smreg check --seal SEQ:HASH later proves the trail up to\n"
	 "it unchanged.  Admins and the DSL may seal.",
	 audit_options, run_audit, 0},
	{"chronology", "chronology REPORT [--format text|html|json]",
	 "the whole record of a contact report, to print or send",
	 "Writes every field of the report, its chronology, each amendment with its\n"
	 "reason and the earlier text, and who opened the report and when.  The HTML\n"
	 "is one file that prints on A4 with the report's reference on every page.\n"
	 "Writing it is recorded in the audit trail.",
	 chronology_options, run_chronology, 0},
	{NULL, NULL, NULL, NULL, NULL, NULL, 0},
};
