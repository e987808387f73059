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

/* A register's count of current records, as store_total_sql counts it. */
struct due_cache_total {
	const char *register_name;
	char *sql; /* the caller's, NULL when out of memory */
};

/* *current: the stored rows are those the views would give now. */
int due_cache_current(struct smreg *s, bool *current, struct error *err);

/*
 * Compute the rows of the views named (each once: every view of the
 * rules, whoever asks) and the registers' counts (schema/025), and store
 * them, unless they are current.  A register opened read-only, or whose
 * writer is busy, is left as it is (due_list then reads the views); so is
 * one inside a transaction.  *stored: the rows are current now.
 */
int due_cache_refresh(struct smreg *s, const char *const *views, size_t count,
		      const struct due_cache_total *totals, size_t total_count, bool *stored,
		      struct error *err);

/*
 * *found: the register's count of current records was stored and is
 * current, in *count.  A whole-register count: the caller gives it only
 * to a user who may count the whole register.
 */
int due_cache_total(struct smreg *s, const char *register_name, bool *found, long *count,
		    struct error *err);

#endif
