/* smreg's command line: global options, the verbs' table, help. */
#include "cli/cli.h"

#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/command.h"
#include "core/due.h"
#include "core/privilege.h"
#include "core/smreg.h"
#include "core/text.h"

#define SMREG_VERSION "1.0"

static const struct command *const command_tables[] = {
	record_commands,
	report_commands,
	admin_commands,
	governance_commands,
	protect_commands,
};

/* Defined below with run_help, which looks commands up, help included. */
extern const struct command help_command;

static const struct command *find_command(const char *name)
{
	/* So that "smreg help help" explains help too. */
	if (strcmp(name, help_command.name) == 0)
		return &help_command;
	for (size_t t = 0; t < sizeof command_tables / sizeof command_tables[0]; t++)
		for (const struct command *c = command_tables[t]; c->name != NULL; c++)
			if (strcmp(c->name, name) == 0)
				return c;
	return NULL;
}

static void print_usage(FILE *out)
{
	fputs("usage: smreg [--db PATH] [--no-color] [COMMAND [ARGS...]]\n\n"
	      "Without a command, smreg opens the register in the terminal.\n\nCommands:\n",
	      out);
	for (size_t t = 0; t < sizeof command_tables / sizeof command_tables[0]; t++)
		for (const struct command *c = command_tables[t]; c->name != NULL; c++)
			fprintf(out, "  %-40s %s\n", c->usage, c->summary);
	fprintf(out, "  %-40s %s\n", help_command.usage, help_command.summary);
	fputs("\nRegisters: ", out);
	{
		size_t n;
		const struct record_type *const *types = record_types(&n);

		for (size_t i = 0; i < n; i++)
			fprintf(out, "%s%s", i ? ", " : "", types[i]->name);
	}
	fputs("\n\nsmreg help COMMAND explains one command, smreg help REGISTER its fields;\n"
	      "man smreg explains all.\n"
	      "Exit status: 0 done, 1 something overdue or a \"no\", 2 usage, 3 invalid data,\n"
	      "4 permission denied, 5 database error.\n",
	      out);
}

/* The warning rules, from due.c's table: code, severities, what it means. */
static void print_rules(FILE *out)
{
	static const enum severity order[] = {SEVERITY_DUE, SEVERITY_OVERDUE, SEVERITY_INFO};
	size_t n;
	const struct due_rule *rules = due_rules(&n);

	fputs("\nWarnings (man smreg explains each):\n", out);
	for (size_t i = 0; i < n; i++) {
		const char *sep = "";

		fprintf(out, "  %-22s ", rules[i].code);
		for (size_t k = 0; k < sizeof order / sizeof order[0]; k++)
			if (rules[i].severities & SEVERITY_BIT(order[k])) {
				fprintf(out, "%s%s", sep, severity_name(order[k]));
				sep = " or ";
			}
		fprintf(out, ": %s\n", rules[i].help);
	}
}

static void print_register_help(const struct record_type *t, FILE *out);

/* A command's usage, help and options; "review", a command and a register,
 * also its register's fields, so that review --help says the same. */
static void print_command_help(const struct command *c, FILE *out)
{
	const struct record_type *also = record_type_find(c->name);

	fprintf(out, "usage: smreg %s\n\n%s\n", c->usage, c->help);
	if (c->options != NULL && c->options[0].name != NULL) {
		fputs("\nOptions:\n", out);
		for (const struct option_spec *o = c->options; o->name != NULL; o++) {
			char left[64];

			snprintf(left, sizeof left, "--%s%s%s", o->name, o->value ? " " : "",
				 o->value ? o->value : "");
			fprintf(out, "  %-22s %s\n", left, o->help);
		}
	}
	if (c->flags & COMMAND_HELP_RULES)
		print_rules(out);
	if (also != NULL) {
		fputs("\nThe register called so:\n", out);
		print_register_help(also, out);
	}
}

/* What a field holds, in a few words: "date", "yes or no", "a person"... */
static void print_field_kind(const struct field *f, FILE *out)
{
	static const char *const kinds[] = {
		[FIELD_TEXT] = "text",
		[FIELD_LONG_TEXT] = "text, several lines",
		[FIELD_INTEGER] = "a whole number",
		[FIELD_DATE] = "a date",
		[FIELD_YES_NO] = "yes or no",
		[FIELD_TIME] = "a time of day, HH:MM",
	};

	if (f->type == FIELD_REF) {
		fprintf(out, "a %s", record_type_find(f->target)->label);
	} else if (f->choices != NULL) {
		fputs(f->type == FIELD_CODES ? "any of " : "one of ", out);
		for (const char *const *c = f->choices; *c != NULL; c++)
			fprintf(out, "%s%s", c == f->choices ? "" : ", ", *c);
	} else if (f->type == FIELD_CODES && strcmp(record_ref_key(f), "id") == 0) {
		fprintf(out, "%ss, separated by ;", record_type_find(f->target)->label);
	} else if (f->type == FIELD_CODES) {
		fprintf(out, "codes of %s", f->target);
	} else if (f->flags & FIELD_MONTH_OK) {
		fputs("a date or a month (October 2025)", out);
	} else {
		fputs(kinds[f->type], out);
	}
}

/* A register's fields with their help, from its descriptor. */
static void print_register_help(const struct record_type *t, FILE *out)
{
	fprintf(out, "%s: %s\n\nFields (* required):\n", t->name, t->help ? t->help : t->plural);
	for (size_t i = 0; i < t->field_count; i++) {
		const struct field *f = &t->fields[i];

		fprintf(out, "  %s%s\n      ", f->name, (f->flags & FIELD_REQUIRED) ? " *" : "");
		print_field_kind(f, out);
		fprintf(out, "%s%s\n", f->help ? ": " : "", f->help ? f->help : "");
	}
	fprintf(out, "\nsmreg add %s FIELD=VALUE... adds one; man smreg, REGISTERS, says more.\n",
		t->name);
}

static int run_help(struct invocation *inv, const struct args *args)
{
	const struct command *c;
	const struct record_type *t;

	(void)inv;
	if (args->positional_count == 0) {
		print_usage(stdout);
		return STATUS_OK;
	}
	c = find_command(args->positional[0]);
	t = record_type_find(args->positional[0]);
	if (c == NULL && t == NULL) {
		fprintf(stderr, "smreg: help: %s: there is no such command or register "
				"(see smreg help)\n",
			args->positional[0]);
		return STATUS_USAGE;
	}
	if (c != NULL)
		print_command_help(c, stdout);
	else
		print_register_help(t, stdout);
	return STATUS_OK;
}

const struct command help_command = {
	"help",
	"help [COMMAND | REGISTER]",
	"what the commands and registers are",
	"Lists the commands, explains one, or lists a register's fields with what\n"
	"each holds.",
	NULL,
	run_help,
	COMMAND_NO_REGISTER,
};

/*
 * --db, else $SMREG_DB, else the shared register when there is one, else
 * the personal one, $XDG_DATA_HOME/smreg/register.db.  (An installed smreg
 * has no SMREG_DB, XDG_DATA_HOME or HOME: privilege.c cleared them.)
 */
static char *database_path(const char *option, bool *is_default)
{
	const char *env = getenv("SMREG_DB");
	const char *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");

	*is_default = false;
	if (option != NULL)
		return strdup(option);
	if (env != NULL && env[0] != '\0')
		return strdup(env);
	if (privilege_shared_exists())
		return strdup(privilege_shared_path());
	*is_default = true;
	if (xdg != NULL && xdg[0] == '/')
		return text_format("%s/smreg/register.db", xdg);
	if (home == NULL || home[0] == '\0') {
		struct passwd *pw = getpwuid(getuid());

		home = pw ? pw->pw_dir : "/";
	}
	return text_format("%s/.local/share/smreg/register.db", home);
}

/* Everything after the command name, parsed for that command. */
static int run_command(struct invocation *inv, const struct command *c, int argc, char **argv)
{
	struct args args;
	int rc;

	for (int i = 0; i < argc && strcmp(argv[i], "--") != 0; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			print_command_help(c, stdout);
			return STATUS_OK;
		}
	}
	rc = args_parse(argc, argv, c->options, &args, &inv->err);
	/* The demonstration school must never land in someone's real register. */
	if (rc == STATUS_OK && (c->flags & COMMAND_NAMED_REGISTER) && inv->default_path)
		rc = error_set(&inv->err, STATUS_USAGE, NULL,
			       "name a file of its own with --db, not your register: smreg --db demo.db %s",
			       c->name);
	if (rc == STATUS_OK && !(c->flags & COMMAND_NO_REGISTER))
		rc = command_open(inv, c->flags);
	if (rc != STATUS_OK) {
		free(args.positional);
		rc = command_fail(inv, c->name);
		if (rc == STATUS_USAGE)
			fprintf(stderr, "usage: smreg %s (see smreg help %s)\n", c->usage, c->name);
		return rc;
	}
	rc = c->run(inv, &args);
	free(args.positional);
	return rc;
}

/* In a terminal, the UI; elsewhere (a pipe, a cron job) the summary. */
static int open_terminal_ui(struct invocation *inv, cli_ui *ui)
{
	int rc = command_open(inv, COMMAND_KEEPS_WARNING);

	if (rc != STATUS_OK)
		return command_fail(inv, NULL);
	if (ui == NULL || !isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		if (smreg_open_warning(inv->s) != NULL)
			fprintf(stderr, "smreg: %s\n", smreg_open_warning(inv->s));
		return command_print_summary(inv);
	}
	return ui(inv->s, inv->color);
}

int cli_main(int argc, char **argv, const char *login, cli_ui *ui)
{
	struct invocation inv = {.program = "smreg", .login = login, .color = true, .run_as = argc > 0 ? argv[0] : NULL};
	const char *db_option = NULL;
	const struct command *c;
	int i = 1;
	int rc;

	for (; i < argc && strncmp(argv[i], "--", 2) == 0; i++) {
		if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) {
			db_option = argv[++i];
		} else if (strncmp(argv[i], "--db=", 5) == 0) {
			db_option = argv[i] + 5;
		} else if (strcmp(argv[i], "--no-color") == 0) {
			inv.color = false;
		} else if (strcmp(argv[i], "--help") == 0) {
			print_usage(stdout);
			return STATUS_OK;
		} else if (strcmp(argv[i], "--version") == 0) {
			printf("smreg %s\n", SMREG_VERSION);
			return STATUS_OK;
		} else {
			fprintf(stderr, "smreg: unknown option %s (see smreg help)\n", argv[i]);
			return STATUS_USAGE;
		}
	}
	if (getenv("NO_COLOR") != NULL && getenv("NO_COLOR")[0] != '\0')
		inv.color = false;
	inv.db_chosen = db_option;
	if (inv.db_chosen == NULL && getenv("SMREG_DB") != NULL && getenv("SMREG_DB")[0] != '\0')
		inv.db_chosen = getenv("SMREG_DB");
	inv.db_path = database_path(db_option, &inv.default_path);
	if (inv.db_path == NULL) {
		fprintf(stderr, "smreg: out of memory\n");
		return STATUS_DATABASE;
	}
	if (i == argc) {
		rc = open_terminal_ui(&inv, ui);
	} else if (strcmp(argv[i], "help") == 0) {
		rc = run_command(&inv, &help_command, argc - i - 1, argv + i + 1);
	} else if ((c = find_command(argv[i])) != NULL) {
		rc = run_command(&inv, c, argc - i - 1, argv + i + 1);
	} else {
		fprintf(stderr, "smreg: %s: there is no such command (see smreg help)\n", argv[i]);
		rc = STATUS_USAGE;
	}
	smreg_close(&inv.s);
	free((char *)inv.db_path);
	return rc;
}
