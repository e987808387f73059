/*
 * Core's messages in the words of the screen: a field by its label, as a
 * form shows it, not by its column name, as the command line takes it.
 */
#ifndef SMREG_CORE_WORDING_H
#define SMREG_CORE_WORDING_H

#include <stddef.h>

#include "core/error.h"
#include "core/record.h"

/*
 * err as "Label: why" into buf of size len (returns buf): the field named
 * by its label, and any column name of type in the why ("is before
 * started_on") by its label too; a name that is no field of type, such as
 * the audit's reason, begins with a capital.  type may be NULL: then as
 * error_message() writes it.
 */
const char *wording_error(const struct record_type *type, const struct error *err, char *buf,
			  size_t len);

/* The label of type's field called name, or name itself when type has no
 * such field. */
const char *wording_label(const struct record_type *type, const char *name);

#endif
