/*
 * The due views' rows kept in the register (schema/020's due_cache), so
 * the warnings come from a few thousand stored rows instead of some
 * twenty views over every register.  The rows are all each view gives,
 * unfiltered; due.c cuts them to what the user may see, as it cuts the
 * views' own rows.  They are current while the day, the schema and the
 * audit trail's last write are those they were computed under; tables
 * that leave no audit row make them stale by trigger.
 */
#ifndef SMREG_CORE_DUE_CACHE_H
#define SMREG_CORE_DUE_CACHE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/error.h"

struct smreg;

/* *current: the stored rows are those the views would give now. */
int due_cache_current(struct smreg *s, bool *current, struct error *err);

/*
 * Compute the rows of the views named (each once: every view of the
 * rules, whoever asks) and store them, unless they are current.  A
 * register opened read-only, or whose writer is busy, is left as it is
 * (due_list then reads the views); so is one inside a transaction.
 * *stored: the rows are current now.
 */
int due_cache_refresh(struct smreg *s, const char *const *views, size_t count, bool *stored,
		      struct error *err);

#endif
