/* Command-line options: "--name VALUE", "--name=VALUE", flags, and "--". */
#ifndef SMREG_CLI_ARGS_H
#define SMREG_CLI_ARGS_H

#include <stdbool.h>

#include "core/error.h"

#define ARGS_MAX_OPTIONS 12

struct option_spec {
	const char *name;  /* without the dashes */
	const char *value; /* the value's name for help ("DATE"), NULL for a flag */
	const char *help;
};

struct args {
	const struct option_spec *specs;     /* NULL-name terminated */
	const char *value[ARGS_MAX_OPTIONS]; /* by spec index; "" for a flag given */
	int positional_count;
	char **positional; /* into argv, in order */
};

/*
 * Sort argv[0..argc) into options of specs and positional arguments.
 * STATUS_USAGE for an unknown option or a missing value.  args->positional
 * is the caller's to free.
 */
int args_parse(int argc, char **argv, const struct option_spec *specs,
	       struct args *args, struct error *err);

/* The value of option name, or NULL when it was not given. */
const char *args_get(const struct args *args, const char *name);

/* Whether flag name was given. */
bool args_has(const struct args *args, const char *name);

/*
 * The whole number option name was given, from min to max, into *out;
 * *out is left alone when the option was not given.  Otherwise
 * STATUS_USAGE naming the option: "\"12x\" is not WHAT from MIN to MAX",
 * what being, say, "a number of days".
 */
int args_number(const struct args *args, const char *name, long min, long max,
		const char *what, long *out, struct error *err);

#endif
