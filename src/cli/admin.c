/* The verbs that look after the register: init, demo, backup, check. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/command.h"
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

static int run_check(struct invocation *inv, const struct args *args)
{
	int problems = 0;
	int rc = maintain_check(inv->s, print_problem, NULL, &problems, &inv->err);

	(void)args;
	if (rc != STATUS_OK)
		return command_fail(inv, "cannot check");
	if (problems > 0) {
		fprintf(stderr, "smreg: check: %d problem%s found in %s\n", problems,
			problems == 1 ? "" : "s", smreg_path(inv->s));
		return STATUS_DATABASE;
	}
	printf("%s: ok\n", smreg_path(inv->s));
	return STATUS_OK;
}

static const struct option_spec init_options[] = {
	{"school", "NAME", "also add the school called NAME"},
	{"if-new", NULL, "say nothing when you are already a user"},
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
	{"check", "check", "integrity and foreign-key checks",
	 "Runs SQLite's integrity check and foreign-key check on the register.\n"
	 "Exits 5 if either finds a problem.",
	 NULL, run_check, 0},
	{NULL, NULL, NULL, NULL, NULL, NULL, 0},
};
