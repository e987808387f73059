/* The verbs that look after the register: init, demo, backup, check. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/command.h"
#include "core/audit.h"
#include "core/demo.h"
#include "core/maintain.h"
#include "core/setup.h"
#include "core/smreg.h"

static int run_init(struct invocation *inv, const struct args *args)
{
	enum init_outcome outcome;
	int rc = setup_init(inv->s, args_get(args, "school"), &outcome, &inv->err);

	if (rc != STATUS_OK)
		return command_fail(inv, "cannot set up the register");
	if (outcome == INIT_FIRST_ADMIN)
		printf("%s is now the first admin of %s\n", smreg_login(inv->s), smreg_path(inv->s));
	else if (!args_has(args, "if-new"))
		printf("%s is already a user of %s\n", smreg_login(inv->s), smreg_path(inv->s));
	return STATUS_OK;
}

/* A demonstration that failed leaves no half-made register behind. */
static void remove_register(struct invocation *inv)
{
	char *path = strdup(smreg_path(inv->s));

	smreg_close(&inv->s);
	if (path != NULL)
		smreg_remove_files(path);
	free(path);
}

static int run_demo(struct invocation *inv, const struct args *args)
{
	enum init_outcome outcome = INIT_ALREADY_USER;
	long scale = 1;
	int rc = args_number(args, "scale", 1, DEMO_SCALE_MAX, "a whole number", &scale, &inv->err);

	if (rc == STATUS_OK)
		rc = setup_init(inv->s, NULL, &outcome, &inv->err);
	if (rc == STATUS_OK)
		rc = demo_fill(inv->s, (int)scale, &inv->err);
	if (rc != STATUS_OK && outcome == INIT_FIRST_ADMIN)
		remove_register(inv);
	if (rc != STATUS_OK)
		return command_fail(inv, "cannot fill the demonstration register");
	printf("%s now holds a fictional %s; open it with: smreg --db %s\n", smreg_path(inv->s),
	       scale == 1 ? "school" : "trust of schools", smreg_path(inv->s));
	return STATUS_OK;
}

static int run_backup(struct invocation *inv, const struct args *args)
{
	int rc = args->positional_count == 1
		 ? maintain_backup(inv->s, args->positional[0], &inv->err)
		 : error_set(&inv->err, STATUS_USAGE, NULL, "name the new file to copy to");

	if (rc != STATUS_OK)
		return command_fail(inv, "cannot back up");
	printf("backed up %s to %s\n", smreg_path(inv->s), args->positional[0]);
	return STATUS_OK;
}

static void print_problem(const char *text, void *arg)
{
	(void)arg;
	printf("%s\n", text);
}

/* check --seal SEQ:HASH: the trail up to the sealed row is unchanged. */
static int check_seal(struct invocation *inv, const char *text, struct audit_seal *seal,
		      int *problems)
{
	char problem[256];
	int rc;

	if (!audit_seal_parse(text, seal))
		return error_set(&inv->err, STATUS_USAGE, "--seal",
				 "\"%s\" is not a seal: write it as smreg audit --seal printed it, "
				 "SEQ:HASH", text);
	rc = audit_seal_verify(inv->s, seal, problem, sizeof problem, &inv->err);
	if (rc == STATUS_OK && problem[0] != '\0') {
		(*problems)++;
		print_problem(problem, NULL);
	}
	return rc;
}

static int run_check(struct invocation *inv, const struct args *args)
{
	const char *seal_text = args_get(args, "seal");
	struct audit_seal seal;
	int problems = 0;
	int rc = maintain_check(inv->s, print_problem, NULL, &problems, &inv->err);

	if (rc == STATUS_OK && seal_text != NULL)
		rc = check_seal(inv, seal_text, &seal, &problems);
	if (rc != STATUS_OK)
		return command_fail(inv, "cannot check");
	if (problems > 0) {
		fprintf(stderr, "smreg: check: %d problem%s found in %s\n", problems,
			problems == 1 ? "" : "s", smreg_path(inv->s));
		return STATUS_DATABASE;
	}
	printf("%s: ok\n", smreg_path(inv->s));
	if (seal_text != NULL)
		printf("the audit trail up to row %lld is as it was sealed\n", seal.seq);
	return STATUS_OK;
}

static const struct option_spec init_options[] = {
	{"school", "NAME", "also add the school called NAME"},
	{"if-new", NULL, "say nothing when you are already a user"},
	{NULL, NULL, NULL},
};

static const struct option_spec check_options[] = {
	{"seal", "SEQ:HASH", "also prove the audit trail up to this seal unchanged"},
	{NULL, NULL, NULL},
};

static const struct option_spec demo_options[] = {
	{"scale", "N", "1: one primary school (the default); 50: a trust of 50 schools"},
	{NULL, NULL, NULL},
};

const struct command admin_commands[] = {
	{"init", "init [--school NAME]", "create the register; become its first admin",
	 "Creates the register if it does not exist and makes your login its first\n"
	 "admin.  A register that already has users is left as it is: ask one of its\n"
	 "admins to add you.",
	 init_options, run_init, COMMAND_CREATES | COMMAND_NO_USER},
	{"demo", "demo [--scale N]", "fill a new register with a fictional school",
	 "Fills a new register with a fictional school so you can look around:\n"
	 "smreg --db demo.db demo, then smreg --db demo.db.  Everything in it is made up.",
	 demo_options, run_demo, COMMAND_CREATES | COMMAND_NO_USER | COMMAND_NAMED_REGISTER},
	{"backup", "backup FILE", "a consistent copy, while others work",
	 "Copies the register to FILE (which must not exist) with SQLite's online\n"
	 "backup, while others go on working, then checks the copy.  Admins only.",
	 NULL, run_backup, 0},
	{"check", "check [--seal SEQ:HASH]", "integrity, foreign-key and audit-chain checks",
	 "Runs SQLite's integrity check and foreign-key check on the register, and\n"
	 "checks the audit trail's hash chain, naming the first row changed outside\n"
	 "smreg.  With --seal (from smreg audit --seal), also proves the trail up to\n"
	 "that row unchanged.  Exits 5 if anything is wrong.",
	 check_options, run_check, 0},
	{NULL, NULL, NULL, NULL, NULL, NULL, 0},
};
