/*
 * A register's records as a table on screen: the columns its descriptors
 * mark as listed, a filter, a sort, ended records shown or hidden.  It
 * counts the rows of its query and fetches only the page in view.
 */
#ifndef SMREG_TUI_TABLE_H
#define SMREG_TUI_TABLE_H

#include <stdbool.h>

#include "core/record.h"
#include "core/store.h"
#include "tui/list.h"
#include "tui/ui.h"

#define TABLE_MAX_COLUMNS 24

struct record_table {
	const struct record_type *type;
	struct list_query query;
	char filter[256];     /* backs query.filter */
	char where_field[32]; /* backs query.where_field */
	char where_value[64]; /* backs query.where_value */
	struct list list;
	struct record_page *page; /* the rows in view, from page_offset */
	long page_offset;
	unsigned long generation;	/* the data generation shown */
	bool stale;			/* the query changed: recount, refetch */
	bool searching;			/* the last read gave way to a key */
	bool counting;			/* the first page is shown, its count still to make */
	int columns[TABLE_MAX_COLUMNS]; /* field indexes shown */
	int column_count;
	char error[600]; /* why the rows could not be read */
};

/* A table of type's listed fields, current records, default order. */
void table_init(struct record_table *t, const struct record_type *type);
void table_free(struct record_table *t);

void table_set_filter(struct record_table *t, const char *filter);

/* Only the records whose field holds value (a detail view's relations). */
void table_set_where(struct record_table *t, const char *field, const char *value);

/* Leave out the column of this field (the one every row shares). */
void table_hide_column(struct record_table *t, const char *field);

/* In a register of one school, every row's school is the same: leave it out. */
void table_hide_lone_school(struct record_table *t, struct ui *ui);

/* Whether the column of this field is shown. */
bool table_shows(const struct record_table *t, const char *field);

/* Sort by the next listed column (or back to the default order). */
void table_next_sort(struct record_table *t);

void table_toggle_reverse(struct record_table *t);
void table_toggle_ended(struct record_table *t);

/* Recount and refetch at the next draw. */
void table_invalidate(struct record_table *t);

void table_draw(struct record_table *t, struct ui *ui, int y, int x, int height,
		int width, bool focused);

/* Count and fetch for a view of `rows` rows, without drawing (for screens
 * that draw the rows their own way).  A slow read (a filter, a sort by a
 * reference) gives way to a key waiting, which may change the query: then
 * `searching` is set and nothing is shown. */
void table_sync(struct record_table *t, struct ui *ui, int rows);

/* Row `index` of the table if it is in view and read for the query as it
 * stands (not while a changed query waits to be read), else NULL. */
const struct record *table_row(const struct record_table *t, long index);

/* The record under the cursor, or NULL. */
const struct record *table_selected(const struct record_table *t);

#endif
