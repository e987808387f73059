/*
 * Recording a post asks "may I post?" first: the answer, with its
 * reasons, is kept with the post, and a "no" is refused unless the admin
 * recording it gives a reason to override it.
 */
#ifndef SMREG_CORE_POSTREC_H
#define SMREG_CORE_POSTREC_H

#include "core/error.h"
#include "core/record.h"

struct smreg;

/*
 * values[] are a new record of type (a register whose add_check is
 * ADD_ASKS_MAY_POST), one per field, canonical, NULL when empty.  Asks
 * may-I-post of its channel or outlet, pupils, name and poster, and sets
 * its "answer" (freeing what was there).  STATUS_INVALID, naming the field
 * "override", when the answer is no and no override reason is given.
 */
int postrec_ask(struct smreg *s, const struct record_type *type, char **values,
		struct error *err);

#endif
