/* The verbs that look after the register: init, demo, backup, check. */
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/command.h"
#include "core/audit.h"
#include "core/demo.h"
#include "core/maintain.h"
#include "core/privilege.h"
#include "core/setup.h"
#include "core/smreg.h"

/* The login that will keep a shared register: a person's, on this computer. */
static int check_admin_login(struct invocation *inv, const char *admin)
{
	if (admin == NULL || admin[0] == '\0')
		return error_set(&inv->err, STATUS_USAGE, "admin",
				 "a shared register needs --admin LOGIN: the login of whoever keeps it");
	if (strcmp(admin, "root") == 0)
		return error_set(&inv->err, STATUS_USAGE, "admin",
				 "root is nobody in particular: name the login of the person who keeps "
				 "the register, so that the audit trail names them");
	if (getpwnam(admin) == NULL)
		return error_set(&inv->err, STATUS_USAGE, "admin",
				 "there is no login called %.60s on this computer", admin);
	return STATUS_OK;
}

/* The register smreg finds for everyone, made by root (see setup.h):
 * made while it is root's alone, then given to the group. */
static int init_shared(struct invocation *inv, const struct args *args)
{
	const char *admin = args_get(args, "admin");
	char *path = strdup(inv->db_chosen ? inv->db_chosen : privilege_shared_path());
	enum init_outcome outcome = INIT_ALREADY_USER;
	int rc;

	if (path == NULL) {
		error_set(&inv->err, STATUS_DATABASE, NULL, "out of memory");
		return command_fail(inv, "cannot set up the shared register");
	}
	free((char *)inv->db_path);
	inv->db_path = path;
	rc = check_admin_login(inv, admin);
	if (rc == STATUS_OK)
		rc = setup_shared_files(path, &inv->err);
	if (rc == STATUS_OK)
		rc = command_open(inv, COMMAND_NO_USER);
	if (rc == STATUS_OK)
		rc = setup_init_shared(inv->s, args_get(args, "school"), admin, &outcome, &inv->err);
	/* Closed first, so that root, the last to close, leaves no -wal. */
	smreg_close(&inv->s);
	if (rc == STATUS_OK)
		rc = setup_shared_publish(inv->db_path, &inv->err);
	if (rc != STATUS_OK)
		return command_fail(inv, "cannot set up the shared register");
	if (outcome == INIT_FIRST_ADMIN)
		printf("%s is now the first admin of the shared register %s\n", admin, inv->db_path);
	else
		printf("%s already has users: nothing changed\n", inv->db_path);
	return STATUS_OK;
}

static int run_init(struct invocation *inv, const struct args *args)
{
	enum init_outcome outcome;
	enum pack_kind kind = PACK_MAINTAINED;
	const char *policies = args_get(args, "policies");
	int rc;

	/* The shared register's admin, not root, adds its policies. */
	if (policies != NULL && args_has(args, "shared"))
		rc = error_set(&inv->err, STATUS_USAGE, "--policies",
			       "not with --shared: its admin runs smreg statutory KIND");
	else
		rc = policies ? pack_kind_parse(policies, "--policies", &kind, &inv->err) : STATUS_OK;
	if (rc != STATUS_OK)
		return command_fail(inv, "cannot set up the register");
	if (args_has(args, "shared"))
		return init_shared(inv, args);
	rc = args_has(args, "admin")
		     ? error_set(&inv->err, STATUS_USAGE, "admin",
				 "--admin is for a shared register: smreg init --shared --admin LOGIN")
		     : command_open(inv, COMMAND_CREATES | COMMAND_NO_USER);
	if (rc == STATUS_OK)
		rc = setup_init(inv->s, args_get(args, "school"), &outcome, &inv->err);
	if (rc != STATUS_OK)
		return command_fail(inv, "cannot set up the register");
	if (outcome == INIT_FIRST_ADMIN)
		printf("%s is now the first admin of %s\n", smreg_login(inv->s), smreg_path(inv->s));
	else if (!args_has(args, "if-new"))
		printf("%s is already a user of %s\n", smreg_login(inv->s), smreg_path(inv->s));
	if (policies != NULL && command_adopt_pack(inv, kind, false, OUTPUT_TABLE) != STATUS_OK)
		return command_fail(inv, "cannot add the statutory policies");
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
	/* As it was run (build/smreg before it is installed): the command
	 * said works as it is. */
	printf("%s now holds a fictional %s; open it with: %s --db %s\n", smreg_path(inv->s),
	       scale == 1 ? "school" : "trust of schools",
	       inv->run_as && strchr(inv->run_as, '/') ? inv->run_as : "smreg", smreg_path(inv->s));
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
				 "SEQ:HASH",
				 text);
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
	{"shared", NULL, "as root: the register every login reaches through smreg"},
	{"admin", "LOGIN", "with --shared: the login who becomes its first admin"},
	{"policies", "KIND", "also add the DfE's statutory policies: maintained or academy"},
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
	{"init", "init [--school NAME] [--policies KIND] | init --shared --admin LOGIN [--school NAME]",
	 "create the register; become its first admin",
	 "Creates the register if it does not exist and makes your login its first\n"
	 "admin.  A register that already has users is left as it is: ask one of its\n"
	 "admins to add you.  --policies maintained|academy also adds the DfE's\n"
	 "statutory policies the register does not hold (see smreg help statutory).\n\n"
	 "With --shared, run by root (sudo), it creates the shared register that every\n"
	 "login reaches through an installed smreg (/var/lib/smreg/register.db unless\n"
	 "--db names another place): its folder root:smreg 2770, its file 0660 in the\n"
	 "group smreg, which no person belongs to, and LOGIN its first admin.",
	 init_options, run_init, COMMAND_NO_REGISTER},
	{"demo", "demo [--scale N]", "fill a new register with a fictional school",
	 "Fills a new register with a fictional school so you can look around:\n"
	 "smreg --db demo.db demo, then smreg --db demo.db.  Everything in it is made up.",
	 demo_options, run_demo, COMMAND_CREATES | COMMAND_NO_USER | COMMAND_NAMED_REGISTER},
	{"backup", "backup FILE", "a consistent copy, while others work",
	 "Copies the register to FILE (which must not exist) with SQLite's online\n"
	 "backup, while others go on working, then checks the copy.  Admins only.",
	 NULL, run_backup, 0},
	{"check", "check [--seal SEQ:HASH]", "integrity, foreign-key, audit-chain and file checks",
	 "Runs SQLite's integrity check and foreign-key check on the register, and\n"
	 "checks the audit trail's hash chain, naming the first row changed outside\n"
	 "smreg.  With --seal (from smreg audit --seal), also proves the trail up to\n"
	 "that row unchanged.  For the shared register, also checks that its folder\n"
	 "is root:smreg 2770 and its files 0660 in the group smreg.  Exits 5 if\n"
	 "anything is wrong.  Root may check a shared register without being one of\n"
	 "its users.",
	 check_options, run_check, COMMAND_NO_USER},
	{NULL, NULL, NULL, NULL, NULL, NULL, 0},
};
