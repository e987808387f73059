#include "cli/args.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int find_spec(const struct option_spec *specs, const char *name, size_t len)
{
	for (int i = 0; specs != NULL && specs[i].name != NULL; i++)
		if (strlen(specs[i].name) == len && strncmp(specs[i].name, name, len) == 0)
			return i;
	return -1;
}

int args_parse(int argc, char **argv, const struct option_spec *specs,
	       struct args *args, struct error *err)
{
	bool options_done = false;

	memset(args, 0, sizeof *args);
	args->specs = specs;
	args->positional = calloc((size_t)argc + 1, sizeof *args->positional);
	if (args->positional == NULL)
		return error_set(err, STATUS_DATABASE, NULL, "out of memory");
	for (int i = 0; i < argc; i++) {
		const char *arg = argv[i];
		const char *name;
		const char *equals;
		int spec;

		if (options_done || strncmp(arg, "--", 2) != 0 || arg[2] == '\0') {
			if (!options_done && strcmp(arg, "--") == 0) {
				options_done = true;
				continue;
			}
			args->positional[args->positional_count++] = argv[i];
			continue;
		}
		name = arg + 2;
		equals = strchr(name, '=');
		spec = find_spec(specs, name, equals ? (size_t)(equals - name) : strlen(name));
		if (spec < 0)
			return error_set(err, STATUS_USAGE, NULL, "unknown option %.60s", arg);
		if (specs[spec].value == NULL) {
			if (equals != NULL)
				return error_set(err, STATUS_USAGE, NULL, "--%s takes no value",
						 specs[spec].name);
			args->value[spec] = "";
		} else if (equals != NULL) {
			args->value[spec] = equals + 1;
		} else if (i + 1 < argc) {
			args->value[spec] = argv[++i];
		} else {
			return error_set(err, STATUS_USAGE, NULL, "--%s needs a %s",
					 specs[spec].name, specs[spec].value);
		}
	}
	return STATUS_OK;
}

const char *args_get(const struct args *args, const char *name)
{
	int spec = find_spec(args->specs, name, strlen(name));

	return spec < 0 ? NULL : args->value[spec];
}

bool args_has(const struct args *args, const char *name)
{
	return args_get(args, name) != NULL;
}

int args_number(const struct args *args, const char *name, long min, long max,
		const char *what, long *out, struct error *err)
{
	const char *text = args_get(args, name);
	char option[32];
	char *end;
	long n;

	if (text == NULL)
		return STATUS_OK;
	errno = 0;
	n = strtol(text, &end, 10);
	if (*text == '\0' || *end != '\0' || errno != 0 || n < min || n > max) {
		snprintf(option, sizeof option, "--%s", name);
		return error_set(err, STATUS_USAGE, option, "\"%.20s\" is not %s from %ld to %ld",
				 text, what, min, max);
	}
	*out = n;
	return STATUS_OK;
}
