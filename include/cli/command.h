/*
 * What the command-line verbs share: the invocation, opening the register,
 * reporting errors.  Each verb is a thin call into core.
 */
#ifndef SMREG_CLI_COMMAND_H
#define SMREG_CLI_COMMAND_H

#include <stdbool.h>
#include <stdio.h>

#include "cli/args.h"
#include "core/result.h"
#include "core/error.h"
#include "core/pack.h"
#include "core/record.h"
#include "core/value.h"

struct smreg;

enum command_flag {
	COMMAND_CREATES = 1 << 0,	 /* may create the register */
	COMMAND_NO_USER = 1 << 1,	 /* runs for a login that is not a user */
	COMMAND_NO_REGISTER = 1 << 2,	 /* needs no register at all */
	COMMAND_NAMED_REGISTER = 1 << 3, /* never the default register */
	COMMAND_HELP_RULES = 1 << 4,	 /* its help lists the warning rules */
	/* The terminal UI shows the register's warning itself: not on stderr,
	 * where curses would draw over it. */
	COMMAND_KEEPS_WARNING = 1 << 12,
};

struct invocation {
	const char *program; /* "smreg" */
	const char *login;
	const char *db_path;   /* --db, $SMREG_DB or the default */
	const char *db_chosen; /* --db or $SMREG_DB when given, else NULL */
	bool default_path;     /* the default: its folders may be created */
	bool color;
	struct smreg *s; /* open once the verb asked for it */
	struct error err;
	const char *run_as; /* how this smreg was run: argv[0] */
};

struct command {
	const char *name;
	const char *usage;   /* after "smreg ": "add TYPE FIELD=VALUE..." */
	const char *summary; /* one line for smreg help */
	const char *help;    /* what it does, for smreg help COMMAND */
	const struct option_spec *options;
	int (*run)(struct invocation *inv, const struct args *args);
	unsigned flags;
};

/* Open the register for a verb with these command flags. */
int command_open(struct invocation *inv, unsigned flags);

/*
 * Report inv->err on stderr as "smreg: doing: field: why" and return its
 * status, for a verb's last line.
 */
int command_fail(struct invocation *inv, const char *doing);

/* The register called name, or STATUS_USAGE naming the registers. */
int command_type(struct invocation *inv, const char *name, const struct record_type **type);

/* --format as an output format. */
int command_format(struct invocation *inv, const struct args *args, enum output_format *format);

/* Gather FIELD=VALUE arguments; *values is the caller's to free. */
int command_assignments(struct invocation *inv, char **argv, int argc,
			struct assignment **values);

/* A date as the table shows it (DD/MM/YYYY) into buf[11]; other text as is. */
const char *command_display_date(const char *iso, char *buf);

/*
 * Print the due list (within as for due_list) in a format; *overdue says
 * whether anything is overdue.
 */
int command_print_due(struct invocation *inv, int within, enum output_format format,
		      bool *overdue);

/* Counts of every register the user may see, then what is due: what
 * smreg prints when it is not run in a terminal. */
int command_print_summary(struct invocation *inv);

/* Follow the statutory policy pack of this kind (core/pack.h) and print
 * what the register holds and what was added: statutory and init --policies. */
int command_adopt_pack(struct invocation *inv, enum pack_kind kind, bool dry_run,
		       enum output_format format);

/* The verbs, in the files of src/cli. */
/* The whole of a file (read with the user's rights), or of standard input
 * for "-"; *data is the caller's. */
int command_read_file(struct invocation *inv, const char *path, char **data, size_t *len);

/* smreg import TYPE --from SYSTEM FILE: a pupil list as a school's MIS exports it. */
int command_import_mis(struct invocation *inv, const struct args *args,
		       const struct record_type *type);

extern const struct command record_commands[];
extern const struct command report_commands[];
extern const struct command admin_commands[];
extern const struct command governance_commands[];
extern const struct command protect_commands[];

#endif
