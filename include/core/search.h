/*
 * The filter's index (issue 16.3): for each register, every row's search
 * text, the very strings a filter matches (the title, each field, the
 * title of each record referred to) joined by a separator, kept by
 * triggers in "<register>_search_doc", with an FTS5 trigram index over it
 * in "<register>_search".  A filter is then "the search text contains
 * what was typed", found through the index when it is three characters or
 * more.
 */
#ifndef SMREG_CORE_SEARCH_H
#define SMREG_CORE_SEARCH_H

#include "core/error.h"
#include "core/record.h"

struct smreg;

/* Write the tables and triggers of every register's index, and (re)build
 * those whose search text is new or written differently.  Run by the
 * migrations, in their transaction. */
int search_write_index(struct smreg *s, struct error *err);

/*
 * The condition over "t" (a row of type) that a filter holds, binding
 * :filter (the LIKE pattern of store.c) and :filter_index (search_pattern).
 * NULL when the index cannot answer (the filter holds the separator) or
 * memory ran out: the caller then matches field by field.  The caller's.
 */
char *search_condition(const struct record_type *type, const char *filter);

/* The pattern for :filter_index, from the filter as typed; the caller's. */
char *search_pattern(const char *filter);

/* After a purge of records of type: merge its index, so that nothing of a
 * deleted row's text is left in the index's older segments. */
int search_forget(struct smreg *s, const struct record_type *type, struct error *err);

#endif
