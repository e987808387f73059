/* Tables of records that fetch only what they show. */
#include "tui/table.h"

#include <stdio.h>
#include <string.h>

#include "core/date.h"
#include "core/smreg.h"
#include "core/text.h"

void table_init(struct record_table *t, const struct record_type *type)
{
	memset(t, 0, sizeof *t);
	t->type = type;
	t->query = list_query_default();
	t->stale = true;
	for (size_t i = 0; i < type->field_count && t->column_count < TABLE_MAX_COLUMNS; i++)
		if (type->fields[i].flags & FIELD_LISTED)
			t->columns[t->column_count++] = (int)i;
}

void table_free(struct record_table *t)
{
	record_page_free(&t->page);
}

void table_invalidate(struct record_table *t)
{
	t->stale = true;
}

void table_set_filter(struct record_table *t, const char *filter)
{
	snprintf(t->filter, sizeof t->filter, "%s", filter ? filter : "");
	t->query.filter = t->filter[0] ? t->filter : NULL;
	t->list.cursor = 0;
	t->list.top = 0;
	table_invalidate(t);
}

void table_set_where(struct record_table *t, const char *field, const char *value)
{
	snprintf(t->where_field, sizeof t->where_field, "%s", field);
	snprintf(t->where_value, sizeof t->where_value, "%s", value ? value : "");
	t->query.where_field = t->where_field;
	t->query.where_value = t->where_value;
	table_invalidate(t);
}

void table_hide_column(struct record_table *t, const char *field)
{
	int index = record_field_index(t->type, field);
	int kept = 0;

	for (int c = 0; c < t->column_count; c++)
		if (t->columns[c] != index)
			t->columns[kept++] = t->columns[c];
	t->column_count = kept;
}

void table_hide_lone_school(struct record_table *t, struct ui *ui)
{
	struct list_query q = list_query_default();
	struct error err;
	long schools = 0;

	if (record_field_index(t->type, "school") < 0)
		return;
	q.include_ended = true;
	if (store_count(ui->s, record_type_find("school"), &q, &schools, &err) == STATUS_OK &&
	    schools <= 1)
		table_hide_column(t, "school");
}

bool table_shows(const struct record_table *t, const char *field)
{
	int index = record_field_index(t->type, field);

	for (int c = 0; c < t->column_count; c++)
		if (t->columns[c] == index)
			return true;
	return false;
}

void table_next_sort(struct record_table *t)
{
	int current = -1;

	for (int c = 0; c < t->column_count; c++)
		if (t->columns[c] == t->query.sort_field)
			current = c;
	t->query.sort_field = current + 1 < t->column_count ? t->columns[current + 1] : -1;
	t->query.descending = false;
	table_invalidate(t);
}

void table_toggle_reverse(struct record_table *t)
{
	t->query.descending = !t->query.descending;
	table_invalidate(t);
}

void table_toggle_ended(struct record_table *t)
{
	t->query.include_ended = !t->query.include_ended;
	table_invalidate(t);
}

/* Rows read before the query changed are not the query's: a key typed
 * ahead of the new rows finds none rather than an old one. */
const struct record *table_row(const struct record_table *t, long index)
{
	long i = index - t->page_offset;

	if (t->stale || t->searching ||
	    t->page == NULL || t->list.count == 0 || i < 0 || i >= (long)t->page->count)
		return NULL;
	return t->page->rows[i];
}

const struct record *table_selected(const struct record_table *t)
{
	return table_row(t, t->list.cursor);
}

/*
 * Read the first page of a filtered query, and when it is short take its
 * rows as the count: a filter that matches a few records in 300,000 is
 * then one pass over them, not two.  Returns false when the count is
 * still to be made.
 */
static bool count_from_first_page(struct record_table *t, struct ui *ui, int rows, int *rc,
				  struct error *err)
{
	if (t->query.filter == NULL || t->list.top != 0 || rows <= 0)
		return false;
	*rc = store_list(ui->s, t->type, &t->query, 0, rows, &t->page, err);
	t->page_offset = 0;
	if (*rc != STATUS_OK || (int)t->page->count >= rows)
		return *rc != STATUS_OK;
	list_set_count(&t->list, (long)t->page->count);
	return true;
}

/*
 * Count the rows of a filter whose first page is shown, once the frame
 * showing it is drawn: a word in most of 300,000 rows takes a second to
 * count, and its first page a few milliseconds.  A key waiting stops the
 * count, which the next frame makes again.
 */
static void finish_count(struct record_table *t, struct ui *ui)
{
	struct error err;
	long count = 0;
	int rc;

	if (ui->searches_wait) {
		ui->count_waiting = true;
		return;
	}
	rc = store_count(ui->s, t->type, &t->query, &count, &err);
	if (rc == STATUS_STOPPED) {
		ui->search_waiting = true;
		return;
	}
	t->counting = false;
	if (rc == STATUS_OK) {
		list_set_count(&t->list, count);
	} else {
		error_message(&err, t->error, sizeof t->error);
		list_set_count(&t->list, 0);
	}
}

/* Recount when the query or the data changed. */
static void sync_count(struct record_table *t, struct ui *ui, int rows)
{
	struct error err;
	long count = 0;
	int rc = STATUS_OK;

	if (t->counting && !t->stale && t->generation == ui->generation) {
		finish_count(t, ui);
		return;
	}
	if (!t->stale && t->generation == ui->generation)
		return;
	record_page_free(&t->page);
	t->error[0] = '\0';
	t->counting = false;
	if (!count_from_first_page(t, ui, rows, &rc, &err) && t->page != NULL) {
		/* A full first page: shown first, counted after (finish_count). */
		list_set_count(&t->list, (long)t->page->count);
		t->counting = true;
		ui->count_waiting = true;
	} else if (t->page == NULL && rc == STATUS_OK) {
		rc = store_count(ui->s, t->type, &t->query, &count, &err);
		if (rc == STATUS_OK)
			list_set_count(&t->list, count);
	}
	if (rc == STATUS_STOPPED) {
		/* A key is waiting that may change the query: it goes first,
		 * and the next draw asks again. */
		t->searching = true;
		record_page_free(&t->page);
		return;
	}
	if (rc != STATUS_OK) {
		error_message(&err, t->error, sizeof t->error);
		list_set_count(&t->list, 0);
	}
	t->generation = ui->generation;
	t->stale = false;
}

/* Fetch the page in view unless it is already here. */
static void sync_page(struct record_table *t, struct ui *ui)
{
	long want = t->list.top;
	int rows = t->list.height;
	struct error err;
	int rc;

	if (t->page != NULL && t->page_offset == want &&
	    ((long)t->page->count >= rows || want + (long)t->page->count >= t->list.count))
		return;
	record_page_free(&t->page);
	t->page_offset = want;
	if (t->list.count == 0)
		return;
	/* Counted, a page near the end is read from the end (store_list). */
	t->query.known_count = t->counting ? 0 : t->list.count;
	rc = store_list(ui->s, t->type, &t->query, want, rows, &t->page, &err);
	if (rc == STATUS_STOPPED)
		t->searching = true;
	else if (rc != STATUS_OK)
		error_message(&err, t->error, sizeof t->error);
}

/*
 * Whether reading the query may take long enough for a key to be waiting:
 * a filter reads every row, a sort by a reference works out every row's
 * title.  Other reads walk an index a page at a time and are never
 * stopped, so that a key typed quickly after paging (Enter after Home)
 * finds its rows read.
 */
static bool may_be_slow(const struct record_table *t)
{
	return t->query.filter != NULL ||
	       (t->query.sort_field >= 0 && t->type->fields[t->query.sort_field].type == FIELD_REF);
}

void table_sync(struct record_table *t, struct ui *ui, int rows)
{
	bool changed = t->stale || t->generation != ui->generation;

	/* A new filter may take a while: show what was typed first. */
	if (changed && t->query.filter != NULL && ui->searches_wait) {
		t->searching = true;
		ui->search_waiting = true;
		list_set_height(&t->list, rows);
		return;
	}
	t->searching = false;
	smreg_stop_reads(ui->s, may_be_slow(t) ? ui_key_waiting : NULL, NULL);
	sync_count(t, ui, rows);
	list_set_height(&t->list, rows);
	if (!t->searching)
		sync_page(t, ui);
	smreg_stop_reads(ui->s, NULL, NULL);
}

/* Column widths from the descriptors' hints, fitted to the width. */
static void fit_columns(const struct record_table *t, int width, int *widths)
{
	int total = 0;
	int available = width - (t->column_count - 1);

	for (int c = 0; c < t->column_count; c++) {
		widths[c] = t->type->fields[t->columns[c]].width;
		total += widths[c];
	}
	if (total < available) {
		/* The first text column (a name, a title) gets the room left. */
		int wide = t->column_count - 1;

		for (int c = t->column_count - 1; c >= 0; c--)
			if (t->type->fields[t->columns[c]].type == FIELD_TEXT)
				wide = c;
		widths[wide] += available - total;
		return;
	}
	while (total > available) {
		int widest = 0;

		for (int c = 1; c < t->column_count; c++)
			if (widths[c] > widths[widest])
				widest = c;
		if (widths[widest] <= 3)
			break;
		widths[widest]--;
		total--;
	}
}

static void draw_header(const struct record_table *t, struct ui *ui, int y, int x,
			const int *widths)
{
	for (int c = 0; c < t->column_count; c++) {
		const struct field *f = &t->type->fields[t->columns[c]];
		char heading[96];

		if (t->query.sort_field == t->columns[c])
			snprintf(heading, sizeof heading, "%s%s", f->label,
				 t->query.descending ? " \xE2\x96\xBC" : " \xE2\x96\xB2");
		else
			snprintf(heading, sizeof heading, "%s", f->label);
		draw_text(y, x, widths[c], heading, ui->attr[ATTR_HEADING]);
		x += widths[c] + 1;
	}
}

static void draw_row(const struct record *r, const struct record_table *t,
		     int y, int x, int width, const int *widths, attr_t attr)
{
	attrset(attr);
	mvhline(y, x, ' ', width);
	for (int c = 0; c < t->column_count; c++) {
		char date[DATE_ISO_SIZE];
		const char *text = record_display(r, (size_t)t->columns[c], date);

		draw_text(y, x, widths[c], text ? text : "", attr);
		x += widths[c] + 1;
	}
}

void table_draw(struct record_table *t, struct ui *ui, int y, int x, int height, int width,
		bool focused)
{
	int widths[TABLE_MAX_COLUMNS] = {0};

	if (height < 2 || width < 10)
		return;
	table_sync(t, ui, height - 1);
	fit_columns(t, width, widths);
	draw_header(t, ui, y, x, widths);
	if (t->error[0] != '\0') {
		draw_text(y + 1, x, width, t->error, ui->attr[ATTR_ERROR]);
		return;
	}
	if (t->searching) {
		draw_text(y + 1, x, width, "Searching\u2026", ui->attr[ATTR_MUTED]);
		return;
	}
	if (t->list.count == 0) {
		draw_text(y + 1, x, width, t->query.filter ? "Nothing matches the filter." : (t->query.include_ended ? "No records yet." : "No current records."),
			  ui->attr[ATTR_MUTED]);
		return;
	}
	for (int row = 0; t->page != NULL && row < (int)t->page->count && row < height - 1; row++) {
		const struct record *r = t->page->rows[row];
		long index = t->page_offset + row;
		attr_t attr = r->ended ? ui->attr[ATTR_MUTED] : ui->attr[ATTR_NORMAL];

		if (index == t->list.cursor && focused)
			attr = ui->attr[ATTR_SELECTED] | (r->ended ? A_DIM : 0);
		draw_row(r, t, y + 1 + row, x, width, widths, attr);
	}
}
