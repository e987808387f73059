/* The governors' verbs: the statutory policy pack, the termly report and
 * the calendar. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/command.h"
#include "core/pack.h"
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
		{"held", "Held", 7}, {"title", "Policy", 0}, {"review", "Review", 0},
		{"approver", "Approver", 0}, {"code", "Code", 0},
	};
	struct result *result = result_new(columns, format == OUTPUT_TABLE ? 4 : 5, format, stdout);

	for (size_t i = 0; result && i < list->count; i++) {
		const struct pack_policy *p = &list->items[i];
		char review[32];
		const char *cells[5] = {
			p->added_id ? "added" : p->held ? "yes" : "missing", p->title,
			review_words(p, review, sizeof review), p->approver, p->code,
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
	 "(STATUTORY_POLICY_MISSING).  Admins only add.  smreg init --policies KIND\n"
	 "does the same when the register is made.",
	 statutory_options, run_statutory, 0},
	{NULL, NULL, NULL, NULL, NULL, NULL, 0},
};
