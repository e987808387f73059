/* A record's own screen. */
#include "tui/detail.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/edit.h"
#include "core/store.h"
#include "core/text.h"
#include "tui/list.h"
#include "tui/ops.h"
#include "tui/record_view.h"
#include "tui/table.h"
#include "tui/wrap.h"

#define SECTIONS_MAX 3

struct section {
	const struct relation *relation;
	struct record_table table;
};

struct detail {
	struct screen base;
	const struct record_type *type;
	char id[64];
	struct record *record;
	unsigned long generation;
	bool opened; /* fetched once: later fetches only refresh */
	char error[600];
	struct section sections[SECTIONS_MAX];
	int section_count;
	int focus;
	long held;	    /* a person's authorisations still active */
	struct list scroll; /* no lists below: the fields, scrolled */
};

static struct detail *as_detail(struct screen *s)
{
	return (struct detail *)s;
}

static void count_active_authorisations(struct detail *d, struct ui *ui)
{
	d->held = d->record == NULL ? 0 : edit_follow_up_count(ui->s, d->type, d->id);
}

/* Refetch the record when anything was written since it was read.  The
 * first fetch opens it (and records that); later ones only refresh it. */
static void sync(struct detail *d, struct ui *ui)
{
	struct error err;
	int rc;

	if (d->opened && d->generation == ui->generation)
		return;
	record_free(&d->record);
	d->error[0] = '\0';
	rc = d->opened ? store_reload(ui->s, d->type, d->id, &d->record, &err)
		       : store_get(ui->s, d->type, d->id, &d->record, &err);
	d->opened = true;
	if (rc != STATUS_OK)
		error_message(&err, d->error, sizeof d->error);
	d->generation = ui->generation;
	count_active_authorisations(d, ui);
	if (d->record != NULL)
		snprintf(d->base.title, sizeof d->base.title, "%s %s", d->type->label,
			 d->record->title ? d->record->title : "");
}

/* Whether field i's value is drawn apart, wrapped across the screen
 * under the others: it holds line breaks, or is wider than its column. */
static bool drawn_apart(const char *value, int value_width)
{
	return value != NULL && (strchr(value, '\n') != NULL || text_width(value) > value_width);
}

/* The lines the fields take: the grid's rows and the wrapped values. */
static int field_lines(const struct record *r, int columns, int width, int *grid_rows)
{
	int grid_count = 0;
	int apart_lines = 0;

	for (size_t i = 0; i < r->type->field_count; i++) {
		char date[DATE_ISO_SIZE];
		const char *value = record_display(r, i, date);

		if (drawn_apart(value, width / columns - 20))
			apart_lines += wrap_draw(0, 0, width - 20, 0, 0, value, 0);
		else
			grid_count++;
	}
	*grid_rows = (grid_count + columns - 1) / columns;
	return *grid_rows + apart_lines;
}

/* The short fields, "Label: value", in two columns when there is room,
 * laid out in rows rows, of which rows first to first + shown are drawn. */
static void draw_grid(const struct record *r, struct ui *ui, int y, int x, int width, int columns,
		      int rows, int first, int shown)
{
	int column_width = width / columns;
	int n = 0;

	for (size_t i = 0; i < r->type->field_count && rows > 0; i++) {
		char date[DATE_ISO_SIZE];
		const char *value = record_display(r, i, date);
		int cx = x + 1 + n / rows * column_width;
		int row = n % rows - first;

		if (drawn_apart(value, column_width - 20))
			continue;
		if (n / rows >= columns)
			break;
		n++;
		if (row < 0 || row >= shown)
			continue;
		draw_text(y + row, cx, 17, r->type->fields[i].label, ui->attr[ATTR_MUTED]);
		draw_text(y + row, cx + 18, column_width - 20, value ? value : "\xE2\x80\x94",
			  ui->attr[ATTR_NORMAL]);
	}
}

/* The long values, each wrapped whole beside its label, leaving out their
 * first skip lines, up to room lines.  Returns the lines drawn. */
static int draw_apart(const struct record *r, struct ui *ui, int y, int x, int width, int columns,
		      int skip, int room)
{
	int line = 0; /* the values' lines, skipped ones included */

	for (size_t i = 0; i < r->type->field_count && line - skip < room; i++) {
		char date[DATE_ISO_SIZE];
		const char *value = record_display(r, i, date);
		int lines;
		int from;

		if (!drawn_apart(value, width / columns - 20))
			continue;
		lines = wrap_draw(0, 0, width - 20, 0, 0, value, 0);
		from = skip > line ? skip - line : 0;
		if (from < lines) {
			int at = y + line + from - skip;

			if (from == 0)
				draw_text(at, x + 1, 17, r->type->fields[i].label, ui->attr[ATTR_MUTED]);
			wrap_draw(at, x + 19, width - 20, from, room - (line + from - skip), value,
				  ui->attr[ATTR_NORMAL]);
		}
		line += lines;
	}
	line -= skip;
	return line < 0 ? 0 : line < room ? line
					  : room;
}

/*
 * The fields, in at most max_rows rows: the short ones in a grid, the long
 * ones wrapped whole under it.  What does not fit is never cut silently:
 * the last row says so.  A record with no lists below (a chronology entry)
 * scrolls its fields with the movement keys; any other says how many lines
 * more there are, and that v shows them.
 */
static int draw_fields(struct detail *d, struct ui *ui, int y, int x, int width, int max_rows)
{
	const struct record *r = d->record;
	int columns = width >= 80 ? 2 : 1;
	int grid_rows;
	int total = field_lines(r, columns, width, &grid_rows);
	bool scrolls = d->section_count == 0;
	int room;
	int skip = 0;
	int row;

	/* A small terminal: at least one row (never a division by none). */
	if (max_rows < 1)
		max_rows = 1;
	room = total > max_rows ? max_rows - 1 : total;
	if (scrolls) {
		/* The cursor of d->scroll is the first line shown. */
		d->scroll.count = total - room + 1;
		d->scroll.height = room;
		list_move_to(&d->scroll, d->scroll.cursor);
		skip = (int)d->scroll.cursor;
		row = grid_rows - skip < 0 ? 0 : grid_rows - skip < room ? grid_rows - skip
									 : room;
		draw_grid(r, ui, y, x, width, columns, grid_rows, skip, row);
		row += draw_apart(r, ui, y + row, x, width, columns,
				  skip > grid_rows ? skip - grid_rows : 0, room - row);
	} else {
		row = grid_rows < room ? grid_rows : room;
		draw_grid(r, ui, y, x, width, columns, row, 0, row);
		row += draw_apart(r, ui, y + row, x, width, columns, 0, room - row);
	}
	if (total > room) {
		char more[160];

		if (scrolls)
			snprintf(more, sizeof more, "\xE2\x80\xA6 lines %d-%d of %d (arrows scroll; v "
						    "shows all)",
				 skip + 1, skip + room, total);
		else
			snprintf(more, sizeof more, "\xE2\x80\xA6 %d more line%s: v shows the whole record",
				 total - room, total - room == 1 ? "" : "s");
		draw_text(y + row++, x + 1, width - 2, more, ui->attr[ATTR_MUTED]);
	}
	return row;
}

static bool may_revoke_all(struct screen *s, struct ui *ui);

/* The lists below the fields, from row to bottom: as many as have four
 * rows each, the focused one always among them, and the first heading
 * says how many more Tab shows. */
static void draw_sections(struct detail *d, struct ui *ui, int row, int bottom, int x, int width)
{
	int fit = (bottom - row) / 4 > 0 ? (bottom - row) / 4 : 1;
	int shown = d->section_count < fit ? d->section_count : fit;
	int first = d->focus - shown + 1 > 0 ? d->focus - shown + 1 : 0;

	for (int n = 0; n < shown; n++) {
		const struct section *sec = &d->sections[first + n];
		int rows = (bottom - row) / (shown - n);
		int hidden = d->section_count - shown;
		char heading[200];

		if (rows < 3)
			break;
		snprintf(heading, sizeof heading, "%s%s", sec->relation->heading,
			 first + n == d->focus ? "" : "   (Tab to move here)");
		if (n == 0 && hidden > 0)
			snprintf(heading + strlen(heading), sizeof heading - strlen(heading),
				 "   (Tab: %d more list%s)", hidden, hidden == 1 ? "" : "s");
		draw_text(row + 1, x + 1, width - 2, heading,
			  first + n == d->focus ? ui->attr[ATTR_HEADING] : ui->attr[ATTR_MUTED]);
		table_draw(&d->sections[first + n].table, ui, row + 2, x, rows - 2, width,
			   first + n == d->focus);
		row += rows;
	}
}

static void detail_draw(struct screen *s, struct ui *ui, int y, int x, int height, int width)
{
	struct detail *d = as_detail(s);
	int bottom = y + height;
	int row;

	sync(d, ui);
	if (d->record == NULL) {
		draw_text(y + 1, x + 1, width - 2, d->error, ui->attr[ATTR_ERROR]);
		return;
	}
	/* The fields take what they need, leaving two lists five rows each at
	 * least (the others are a Tab away). */
	int reserved = 5 * (d->section_count < 2 ? d->section_count : 2);

	row = y + 1 + draw_fields(d, ui, y + 1, x, width, height - 2 - reserved > height / 3 ? height - 2 - reserved : height / 3);
	if (d->record->ended) {
		draw_text(row++, x + 1, width - 2, "This record has ended (see its date above).",
			  ui->attr[ATTR_MUTED]);
	}
	if (may_revoke_all(s, ui)) {
		char banner[200];

		snprintf(banner, sizeof banner, "Has a leaving date but still holds %ld authorisation%s: "
						"press X to revoke them all.",
			 d->held, d->held == 1 ? "" : "s");
		draw_text(row++, x + 1, width - 2, banner, ui->attr[ATTR_OVERDUE]);
	}
	draw_sections(d, ui, row, bottom, x, width);
}

static struct list *detail_list(struct screen *s)
{
	struct detail *d = as_detail(s);

	return d->section_count ? &d->sections[d->focus].table.list : &d->scroll;
}

static void detail_destroy(struct screen *s)
{
	struct detail *d = as_detail(s);

	for (int i = 0; i < d->section_count; i++)
		table_free(&d->sections[i].table);
	record_free(&d->record);
	free(d);
}

static struct section *focused(struct screen *s)
{
	struct detail *d = as_detail(s);

	return d->section_count ? &d->sections[d->focus] : NULL;
}

static const struct record *related_selected(struct screen *s)
{
	struct section *sec = focused(s);

	return sec ? table_selected(&sec->table) : NULL;
}

static bool has_record(struct screen *s, struct ui *ui)
{
	(void)ui;
	return as_detail(s)->record != NULL;
}

static bool may_edit(struct screen *s, struct ui *ui)
{
	return has_record(s, ui) && ops_can_write(ui, as_detail(s)->type);
}

static bool may_end(struct screen *s, struct ui *ui)
{
	return ops_can_end(ui, as_detail(s)->record);
}

static bool has_sections(struct screen *s, struct ui *ui)
{
	(void)ui;
	return as_detail(s)->section_count > 1;
}

static bool may_open_related(struct screen *s, struct ui *ui)
{
	(void)ui;
	return related_selected(s) != NULL;
}

static bool may_add_related(struct screen *s, struct ui *ui)
{
	struct section *sec = focused(s);

	return sec != NULL && ops_can_add(ui, sec->table.type);
}

static bool may_end_related(struct screen *s, struct ui *ui)
{
	const struct record *r = related_selected(s);

	return r != NULL && !r->ended && ops_can_end(ui, r);
}

/* Offered to a person with a leaving date who still holds access. */
static bool may_revoke_all(struct screen *s, struct ui *ui)
{
	struct detail *d = as_detail(s);

	return d->held > 0 && d->record->values[record_field_index(d->type, d->type->end_field)] != NULL &&
	       ops_can_write(ui, record_type_find("authorisation"));
}

/* The record chosen below may be changed.  A chronology entry (a change
 * asks its reason) is amended, offered on the status line; any other is
 * edited, from the help screen. */
static bool may_edit_related(struct screen *s, struct ui *ui, bool amends)
{
	const struct record *r = related_selected(s);

	return r != NULL && ops_can_write(ui, r->type) &&
	       ((r->type->flags & RECORD_NEEDS_REASON) != 0) == amends;
}

static bool may_amend_related(struct screen *s, struct ui *ui)
{
	return may_edit_related(s, ui, true);
}

static bool may_change_related(struct screen *s, struct ui *ui)
{
	return may_edit_related(s, ui, false);
}

static const char *end_label(struct screen *s, struct ui *ui)
{
	(void)ui;
	return as_detail(s)->type->end_verb ? as_detail(s)->type->end_verb : "end";
}

static const char *add_related_label(struct screen *s, struct ui *ui)
{
	struct section *sec = focused(s);

	(void)ui;
	return sec ? sec->relation->new_label : "new";
}

static const char *end_related_label(struct screen *s, struct ui *ui)
{
	const struct record *r = related_selected(s);

	(void)ui;
	return r && r->type->end_verb ? r->type->end_verb : "end";
}

static void do_edit(struct screen *s, struct ui *ui)
{
	ops_edit(ui, as_detail(s)->type, as_detail(s)->id);
}

static void do_end(struct screen *s, struct ui *ui)
{
	struct detail *d = as_detail(s);

	ops_end(ui, d->record);
}

static void do_next_section(struct screen *s, struct ui *ui)
{
	struct detail *d = as_detail(s);

	(void)ui;
	d->focus = (d->focus + 1) % d->section_count;
}

static void do_open_related(struct screen *s, struct ui *ui)
{
	const struct record *r = related_selected(s);

	detail_open(ui, r->type, r->id);
}

static void do_add_related(struct screen *s, struct ui *ui)
{
	struct section *sec = focused(s);
	struct assignment preset = {sec->relation->field, as_detail(s)->id};

	ops_new(ui, sec->table.type, &preset, 1);
}

/* The form asks the reason for the change, as editing it opened does;
 * the audit keeps the earlier text, and the chronology shows it. */
static void do_edit_related(struct screen *s, struct ui *ui)
{
	const struct record *r = related_selected(s);

	ops_edit(ui, r->type, r->id);
}

static void do_end_related(struct screen *s, struct ui *ui)
{
	const struct record *r = related_selected(s);

	ops_end(ui, r);
}

static void do_revoke_all(struct screen *s, struct ui *ui)
{
	struct detail *d = as_detail(s);
	const char *left = d->record->values[record_field_index(d->type, d->type->end_field)];

	ops_offer_revoke_all(ui, d->id, d->record->title, left ? left : "today");
}

/* A report's whole record with its chronology; any other record's
 * fields, as this screen read them (its opening already audited). */
static void do_view_whole(struct screen *s, struct ui *ui)
{
	struct detail *d = as_detail(s);

	if (record_view_available(d->type))
		record_view_open(ui, d->type, d->id);
	else
		record_view_fields(ui, d->record);
}

/* The status line offers v where it shows a chronology; elsewhere the
 * help screen and the mark under fields that do not fit say it. */
static bool may_view_chronology(struct screen *s, struct ui *ui)
{
	(void)ui;
	return record_view_available(as_detail(s)->type) && as_detail(s)->record != NULL;
}

static bool may_view_fields(struct screen *s, struct ui *ui)
{
	(void)ui;
	return !record_view_available(as_detail(s)->type) && as_detail(s)->record != NULL;
}

/* clang-format off */
static const struct action detail_actions[] = {
	{"whole record", {'v'}, "whole record", "the whole record, wrapped, with its chronology, "
	 "amendments and openings; w there writes it to a file", ACTION_STATUS, do_view_whole,
	 may_view_chronology, NULL},
	{"every field", {'v'}, "every field", "every field in full, wrapped, on a screen that scrolls",
	 0, do_view_whole, may_view_fields, NULL},
	{"edit", {'e'}, "edit", "change this record", ACTION_STATUS, do_edit, may_edit, NULL},
	{"end", {'c'}, "end", "end this record the register's way, on a date you give",
	 ACTION_STATUS, do_end, may_end, end_label},
	{"add related", {'n'}, "new", "add a record to the list below", ACTION_STATUS,
	 do_add_related, may_add_related, add_related_label},
	{"end related", {'x'}, "end", "end the record chosen in the list below", ACTION_STATUS,
	 do_end_related, may_end_related, end_related_label},
	{"amend related", {'a'}, "amend", "amend the entry chosen in the list below: the form asks "
	 "why, and the chronology keeps the earlier text", ACTION_STATUS, do_edit_related,
	 may_amend_related, NULL},
	{"edit related", {'a'}, "edit", "change the record chosen in the list below", 0,
	 do_edit_related, may_change_related, NULL},
	{"open related", {'\n', '\r', KEY_FN(KEY_ENTER)}, "open", "open the record chosen below", 0,
	 do_open_related, may_open_related, NULL},
	{"next list", {'\t'}, "next list", "move to the next list below", ACTION_STATUS,
	 do_next_section, has_sections, NULL},
	{"revoke all", {'X'}, "revoke all", "revoke every authorisation a leaver still holds",
	 ACTION_STATUS, do_revoke_all, may_revoke_all, NULL},
	{NULL},
};
/* clang-format on */

static const struct action *const detail_tables[] = {detail_actions, movement_actions, NULL};

const struct screen_class detail_class = {
	.name = "Record",
	.actions = detail_tables,
	.focused_list = detail_list,
	.draw = detail_draw,
	.destroy = detail_destroy,
};

static void add_sections(struct detail *d, struct ui *ui)
{
	for (const struct relation *rel = d->type->relations; rel && rel->type; rel++) {
		const struct record_type *type = record_type_find(rel->type);
		struct section *sec;

		if (!ops_can_read(ui, type) || d->section_count == SECTIONS_MAX)
			continue;
		sec = &d->sections[d->section_count++];
		sec->relation = rel;
		table_init(&sec->table, type);
		table_set_where(&sec->table, rel->field, d->id);
		table_hide_column(&sec->table, rel->field);
		table_hide_lone_school(&sec->table, ui);
		/* The history: ended records too, shown dimmed. */
		sec->table.query.include_ended = true;
	}
}

struct screen *detail_screen_new(struct ui *ui, const struct record_type *type, const char *id)
{
	struct detail *d = calloc(1, sizeof *d);

	if (d == NULL)
		return NULL;
	d->base.cls = &detail_class;
	d->type = type;
	snprintf(d->id, sizeof d->id, "%s", id);
	snprintf(d->base.title, sizeof d->base.title, "%s", type->label);
	add_sections(d, ui);
	sync(d, ui);
	if (d->record == NULL) {
		ui_message(ui, true, "Cannot open the %s: %s", type->label, d->error);
		detail_destroy(&d->base);
		return NULL;
	}
	return &d->base;
}

void detail_open(struct ui *ui, const struct record_type *type, const char *id)
{
	struct screen *s = detail_screen_new(ui, type, id);

	if (s != NULL)
		ui_push(ui, s);
}
