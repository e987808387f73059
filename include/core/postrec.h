/*
 * Recording a post asks "may I post?" first: the answer, with its
 * reasons, is kept with the post, and a "no" is refused unless the admin
 * recording it gives a reason to override it.
 */
#ifndef SMREG_CORE_POSTREC_H
#define SMREG_CORE_POSTREC_H

#include <stdbool.h>

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

/*
 * A change to a recorded post (given[i]: field i is changed to values[i])
 * that touches what may-I-post asks about (channel, outlet, pupils,
 * named, posted_by) asks it again, of the post as it will be (current[]
 * overlaid with the change), and sets its answer and override in values[]
 * and given[] as postrec_ask does: a "no" needs override=REASON.  A change
 * that does not touch them changes nothing here.
 */
int postrec_reask(struct smreg *s, const struct record_type *type, char *const *current,
		  char **values, bool *given, struct error *err);

/* Whether field is the answer may-I-post works out: an import leaves out
 * the one a file brings (an export's) and works it out again. */
bool postrec_worked_out(const struct record_type *type, const char *field);

/* Whether the change (given[], values[]) to the post current[] makes
 * postrec_reask ask again: it changes what may-I-post asks about. */
bool postrec_reasks(const struct record_type *type, char *const *current, char *const *values,
		    const bool *given);

#endif
