/*
 * The filter's index (issue 16.3): every row's search text, the very
 * strings a filter matches (the title, each field, the title of each
 * record referred to) joined by a separator, in one table for every
 * register (search_doc), with one FTS5 trigram index over it (search).
 * A filter is then "the search text contains what was typed", found
 * through the index when it is three characters or more.
 *
 * Nothing keeps the texts as rows are written: a filter first takes in
 * the audit trail's rows written since the index last did (every write to
 * a register is audited), so writes and every other command pay nothing.
 */
#ifndef SMREG_CORE_SEARCH_H
#define SMREG_CORE_SEARCH_H

#include <stdbool.h>

#include "core/error.h"
#include "core/record.h"

struct smreg;

/* Write every register's search texts and their index afresh.  Run by
 * the migrations, in their transaction: a migration writes rows without
 * the audit trail, and may renumber a table's rows. */
int search_rebuild(struct smreg *s, struct error *err);

/*
 * Bring the index up to date with the audit trail: the texts of the rows
 * written since, and of the rows whose text shows theirs (a pupil renamed
 * reaches their reports, and those reports' actions).  false when it
 * cannot (a read-only file, another writer): the caller then matches
 * field by field, which is slower but the same.
 */
bool search_catch_up(struct smreg *s);

/*
 * Whether filter is found in so many of type's rows (a thousand or more)
 * that a page finds its rows sooner by reading each row's text as the
 * list's order walks them than through the set of every row matching.
 * Asks the index; false for a filter shorter than a trigram.
 */
bool search_common(struct smreg *s, const struct record_type *type, const char *filter);

/*
 * The condition over "t" (a row of type) that a filter holds, binding
 * :filter (store.c's LIKE pattern) and :filter_index (search_pattern).
 * common: read each row's text as it comes (for a page of a common
 * filter), rather than find the set of rows matching.  NULL when the
 * index cannot answer (the filter holds the separator) or memory ran
 * out: the caller then matches field by field.  The caller's.
 */
char *search_condition(const struct record_type *type, const char *filter, bool common);

/* The pattern for :filter_index, from the filter as typed; the caller's. */
char *search_pattern(const char *filter);

/* After a purge (which the audit trail does not record, retention.c):
 * drop the texts of rows that are gone, and merge the index so that no
 * older segment keeps their trigrams. */
int search_forget(struct smreg *s, struct error *err);

#endif
