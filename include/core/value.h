/*
 * What someone typed into a field, understood: the one parser behind the
 * command line's FIELD=VALUE, the forms and the import.
 */
#ifndef SMREG_CORE_VALUE_H
#define SMREG_CORE_VALUE_H

#include <stddef.h>

#include "core/error.h"
#include "core/record.h"

struct smreg;

#define VALUE_TEXT_MAX 1000	  /* bytes in a one-line field */
#define VALUE_LONG_TEXT_MAX 20000 /* bytes in a field of several lines */

/* One FIELD=VALUE as typed. */
struct assignment {
	const char *field;
	const char *value;
};

/*
 * Split "FIELD=VALUE" at the first '='.  Returns 0 and points the
 * assignment into text (which it modifies), or -1 when there is no '='
 * or no field name.
 */
int value_split_assignment(char *text, struct assignment *out);

/*
 * Understand raw as a value of field: trimmed, empty as NULL, dates in
 * any typed form as ISO, yes/no as "yes"/"no", references resolved to the
 * id (or code) they name, codes checked and put in order.  On success
 * *canonical is the caller's (NULL for empty).  Errors name the field:
 * STATUS_INVALID with the reason.
 */
/* Whether text is the start of choice as a choice may be typed (any
 * case, a space for an underscore): what a picker keeps in its list. */
bool value_choice_fits(const char *choice, const char *text);

int value_parse(struct smreg *s, const struct field *field, const char *raw,
		char **canonical, struct error *err);

#endif
