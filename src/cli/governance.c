/* The governors' verbs: the statutory policy pack, the termly report and
 * the calendar. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/command.h"
#include "core/ics.h"
#include "core/pack.h"
#include "core/report.h"
#include "core/smreg.h"

/* "12 months", "3 years", "live document". */
static const char *review_words(const struct pack_policy *p, char *buf, size_t len)
{
	if (p->live)
		snprintf(buf, len, "live document");
	else if (p->cycle_months % 12 == 0 && p->cycle_months > 12)
		snprintf(buf, len, "%d years", p->cycle_months / 12);
	else
		snprintf(buf, len, "%d months", p->cycle_months);
	return buf;
}

static void print_pack(const struct pack_list *list, enum output_format format)
{
	static const struct column columns[] = {
		{"held", "Held", 7, COLUMN_TEXT},
		{"title", "Policy", 0, COLUMN_TEXT},
		{"review", "Review", 0, COLUMN_TEXT},
		{"approver", "Approver", 0, COLUMN_TEXT},
		{"code", "Code", 0, COLUMN_TEXT},
	};
	struct result *result = result_new(columns, format == OUTPUT_TABLE ? 4 : 5, format, stdout);

	for (size_t i = 0; result && i < list->count; i++) {
		const struct pack_policy *p = &list->items[i];
		char review[32];
		const char *cells[5] = {
			p->added_id ? "added" : p->held ? "yes"
							: "missing",
			p->title,
			review_words(p, review, sizeof review),
			p->approver,
			p->code,
		};

		result_add(result, cells);
	}
	result_finish(&result);
}

int command_adopt_pack(struct invocation *inv, enum pack_kind kind, bool dry_run,
		       enum output_format format)
{
	struct pack_list *list = NULL;
	int rc = pack_adopt(inv->s, kind, dry_run, &list, &inv->err);

	if (rc != STATUS_OK)
		return rc;
	print_pack(list, format);
	if (format == OUTPUT_TABLE)
		printf("%s %zu statutory polic%s for %s, as drafts to approve today.\n",
		       dry_run ? "Would add" : "Added", list->added, list->added == 1 ? "y" : "ies",
		       kind == PACK_ACADEMY ? "academy trusts" : "maintained schools");
	pack_list_free(&list);
	return STATUS_OK;
}

static int run_statutory(struct invocation *inv, const struct args *args)
{
	enum output_format format;
	enum pack_kind kind;
	struct pack_list *list = NULL;
	int rc = command_format(inv, args, &format);

	if (rc == STATUS_OK && args->positional_count > 1)
		rc = error_set(&inv->err, STATUS_USAGE, NULL, "name one kind: maintained or academy");
	if (rc == STATUS_OK && args->positional_count == 1) {
		rc = pack_kind_parse(args->positional[0], NULL, &kind, &inv->err);
		if (rc == STATUS_OK)
			rc = command_adopt_pack(inv, kind, args_has(args, "dry-run"), format);
		return rc == STATUS_OK ? STATUS_OK : command_fail(inv, "cannot add the statutory policies");
	}
	if (rc == STATUS_OK && args_has(args, "dry-run"))
		rc = error_set(&inv->err, STATUS_USAGE, "--dry-run", "goes with maintained or academy");
	if (rc == STATUS_OK)
		rc = pack_status(inv->s, &list, &inv->err);
	if (rc != STATUS_OK)
		return command_fail(inv, "cannot list the statutory policies");
	if (list->kind == NULL && format == OUTPUT_TABLE)
		printf("The register follows no statutory policy pack yet: "
		       "smreg statutory maintained|academy chooses one.\n");
	else
		print_pack(list, format);
	pack_list_free(&list);
	return STATUS_OK;
}

static int run_report(struct invocation *inv, const struct args *args)
{
	struct report_options o = {
		.term = args_get(args, "term"),
		.from = args_get(args, "from"),
		.to = args_get(args, "to"),
		.school = args_get(args, "school"),
	};
	const char *format = args_get(args, "format");
	struct report *report = NULL;
	int rc = STATUS_OK;

	/* --term autumn 2026: the year is the word after the term. */
	if (o.term != NULL && args->positional_count == 1)
		o.year = args->positional[0];
	else if (args->positional_count > 0)
		rc = error_set(&inv->err, STATUS_USAGE, NULL, "\"%.40s\" is not an option of report",
			       args->positional[0]);
	if (rc == STATUS_OK && format != NULL && strcmp(format, "text") != 0 &&
	    strcmp(format, "html") != 0 && strcmp(format, "json") != 0)
		rc = error_set(&inv->err, STATUS_USAGE, "--format", "\"%.40s\" is not text, html or json",
			       format);
	if (rc == STATUS_OK)
		rc = report_build(inv->s, &o, &report, &inv->err);
	if (rc != STATUS_OK)
		return command_fail(inv, "cannot make the report");
	if (format != NULL && strcmp(format, "html") == 0)
		report_write_html(report, stdout);
	else if (format != NULL && strcmp(format, "json") == 0)
		report_write_json(report, stdout);
	else
		report_write_text(report, stdout);
	report_free(&report);
	return STATUS_OK;
}

static int run_calendar(struct invocation *inv, const struct args *args)
{
	const char *format = args_get(args, "format");
	int rc = STATUS_OK;

	if (format != NULL && strcmp(format, "ics") != 0)
		rc = error_set(&inv->err, STATUS_USAGE, "--format", "\"%.40s\" is not ics", format);
	if (rc == STATUS_OK)
		rc = ics_write(inv->s, stdout, &inv->err);
	return rc == STATUS_OK ? STATUS_OK : command_fail(inv, "cannot write the calendar");
}

static const struct option_spec calendar_options[] = {
	{"format", "FORMAT", "ics (the default and only one: iCalendar, RFC 5545)"},
	{NULL, NULL, NULL},
};

static const struct option_spec report_options[] = {
	{"term", "TERM YEAR", "autumn, spring or summer, and the year (default: this term)"},
	{"from", "DATE", "the first day of the period (with --to)"},
	{"to", "DATE", "the last day of the period"},
	{"school", "REF", "one school (default: every school)"},
	{"format", "FORMAT", "text (the default), html or json"},
	{NULL, NULL, NULL},
};

static const struct option_spec statutory_options[] = {
	{"dry-run", NULL, "say what would be added, and add nothing"},
	{"format", "FORMAT", "table (the default), csv or json"},
	{NULL, NULL, NULL},
};

const struct command governance_commands[] = {
	{"statutory", "statutory [maintained|academy [--dry-run]]",
	 "the DfE's statutory policies: which the register holds",
	 "Without an argument, lists the statutory policies of the pack the register\n"
	 "follows, and whether it holds each (a policy that is not retired bears one of\n"
	 "its titles).  With maintained or academy, follows that list (the DfE's, for\n"
	 "local-authority-maintained schools or for academy trusts) and adds each\n"
	 "policy the register does not hold as a statutory draft, its approval due\n"
	 "today; smreg due warns of any that goes missing later\n"
	 "(POLICY_MISSING).  Admins only add.  smreg init --policies KIND\n"
	 "does the same when the register is made.",
	 statutory_options, run_statutory, 0},
	{"report", "report [--term autumn|spring|summer YEAR | --from DATE --to DATE] [--school REF]",
	 "the governors' termly report",
	 "The governors' report on a term (this one unless told): policies (overdue\n"
	 "first, and the statutory ones not held), channels against the criteria,\n"
	 "authorisation reviews and leavers' access, consent coverage by school and\n"
	 "year group, takedowns, training, contact reports, and the audit seal at the\n"
	 "foot.  It names no pupil and no one in a contact report, and shows a number\n"
	 "of pupils or reports under 3 as \"fewer than 3\".  --format html writes one\n"
	 "self-contained page to print on A4: smreg report --format html > report.html.\n"
	 "Terms: autumn 1 September to 31 December, spring 1 January to 31 March,\n"
	 "summer 1 April to 31 August.  Admins, the DSL and governors may make it;\n"
	 "only admins and the DSL may seal it.",
	 report_options, run_report, 0},
	{"calendar", "calendar [--format ics]", "the dates to come, for a calendar program",
	 "Writes an iCalendar file (RFC 5545) of the dates you may see: each policy\n"
	 "review, authorisation review, channel sign-off (its privacy check), consent\n"
	 "expiry (how many pupils, never who) and training renewal, as all-day events.\n"
	 "Each event's UID is its rule and its record's id, so importing the file\n"
	 "again updates the events instead of adding them twice:\n"
	 "  smreg calendar > smreg.ics",
	 calendar_options, run_calendar, 0},
	{NULL, NULL, NULL, NULL, NULL, NULL, 0},
};
