/* What the command-line verbs share (cli/command.h): opening the register,
 * reporting errors, reading a register's name, a format, FIELD=VALUE, a file. */
#include "cli/command.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/smreg.h"
#include "core/text.h"

int command_open(struct invocation *inv, unsigned flags)
{
	struct smreg_options o = {
		.path = inv->db_path,
		.login = inv->login,
		.create = (flags & COMMAND_CREATES) != 0,
		.create_folder = inv->default_path,
		.need_user = !(flags & COMMAND_NO_USER),
	};
	int rc = smreg_open(&o, &inv->s, &inv->err);

	if (rc == STATUS_OK && !(flags & COMMAND_KEEPS_WARNING) && smreg_open_warning(inv->s) != NULL)
		fprintf(stderr, "smreg: %s\n", smreg_open_warning(inv->s));
	return rc;
}

int command_fail(struct invocation *inv, const char *doing)
{
	char message[1200];

	error_message(&inv->err, message, sizeof message);
	{
		char *safe = text_safe(message, true);

		fprintf(stderr, "%s: %s%s%s\n", inv->program, doing ? doing : "", doing ? ": " : "",
			safe ? safe : message);
		free(safe);
	}
	return inv->err.status ? inv->err.status : STATUS_DATABASE;
}

int command_type(struct invocation *inv, const char *name, const struct record_type **type)
{
	size_t n;
	const struct record_type *const *types = record_types(&n);
	char list[512] = "";
	size_t used = 0;

	*type = name ? record_type_find(name) : NULL;
	if (*type != NULL)
		return STATUS_OK;
	for (size_t i = 0; i < n && used < sizeof list; i++)
		used += (size_t)snprintf(list + used, sizeof list - used, "%s%s", i ? ", " : "",
					 types[i]->name);
	if (name == NULL)
		return error_set(&inv->err, STATUS_USAGE, NULL, "name a register: %s", list);
	return error_set(&inv->err, STATUS_USAGE, NULL, "there is no register called %.40s; "
							"the registers are %s",
			 name, list);
}

int command_format(struct invocation *inv, const struct args *args, enum output_format *format)
{
	return output_format_parse(args_get(args, "format"), format, &inv->err);
}

int command_assignments(struct invocation *inv, char **argv, int argc,
			struct assignment **values)
{
	*values = calloc((size_t)argc + 1, sizeof **values);
	if (*values == NULL)
		return error_set(&inv->err, STATUS_DATABASE, NULL, "out of memory");
	for (int i = 0; i < argc; i++)
		if (value_split_assignment(argv[i], &(*values)[i]) != 0)
			return error_set(&inv->err, STATUS_USAGE, NULL,
					 "\"%.60s\" is not FIELD=VALUE", argv[i]);
	return STATUS_OK;
}

const char *command_display_date(const char *iso, char *buf)
{
	date_iso_to_display(iso, buf);
	return buf;
}

/* The whole of a file, or of standard input for "-"; *data is the caller's. */
int command_read_file(struct invocation *inv, const char *path, char **data, size_t *len)
{
	FILE *in = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	size_t cap = 65536;
	char *buf;
	size_t n;

	*len = 0;
	*data = NULL;
	if (in == NULL)
		return error_set(&inv->err, STATUS_USAGE, NULL, "cannot read %s: %s", path,
				 strerror(errno));
	buf = malloc(cap);
	while (buf != NULL && (n = fread(buf + *len, 1, cap - *len, in)) > 0) {
		*len += n;
		if (*len == cap) {
			char *grown = realloc(buf, cap * 2);

			if (grown == NULL)
				free(buf);
			buf = grown;
			cap *= 2;
		}
	}
	if (in != stdin)
		fclose(in);
	if (buf == NULL)
		return error_set(&inv->err, STATUS_DATABASE, NULL, "out of memory");
	*data = buf;
	return STATUS_OK;
}
