/*
 * The dashboard: today, who is using smreg, counts per register, and the
 * due-review warnings, overdue first, each saying what, where and since
 * when.  Enter opens the record a warning is about.
 */
#include "tui/dashboard.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/access.h"
#include "core/date.h"
#include "core/due.h"
#include "core/record.h"
#include "core/store.h"
#include "tui/detail.h"
#include "tui/list.h"
#include "tui/ops.h"
#include "tui/register.h"

#define COUNTS_MAX 16

struct count {
	const struct record_type *type;
	long current;
};

struct dashboard {
	struct screen base;
	struct count counts[COUNTS_MAX];
	int count_count;
	unsigned long generation;
	bool loaded;
	struct list list;
	bool one_school;	/* then "where" goes without saying */
};

static struct dashboard *as_dashboard(struct screen *s)
{
	return (struct dashboard *)s;
}

static void load_counts(struct dashboard *d, struct ui *ui)
{
	size_t n;
	const struct record_type *const *types = record_types(&n);

	d->count_count = 0;
	d->one_school = true;
	for (size_t i = 0; i < n && d->count_count < COUNTS_MAX; i++) {
		struct error err;
		long count;

		/* The lookup tables are not what anyone keeps. */
		if ((types[i]->flags & RECORD_LOOKUP) ||
		    !(access_mine(ui->s, types[i]) & (CAN_COUNT | CAN_READ_OWN)))
			continue;
		if (store_total(ui->s, types[i], false, &count, &err) != STATUS_OK)
			continue;
		d->counts[d->count_count].type = types[i];
		d->counts[d->count_count].current = count;
		if (types[i]->flags & RECORD_ONE_PREFILLS)
			d->one_school = count <= 1;
		d->count_count++;
	}
}

static void sync(struct dashboard *d, struct ui *ui)
{
	const struct due_list *due;

	if (d->loaded && d->generation == ui->generation)
		return;
	due = ui_due(ui);
	load_counts(d, ui);
	list_set_count(&d->list, due ? (long)due->count : 0);
	d->generation = ui->generation;
	d->loaded = true;
}

/* "Channels 5   People 62   Contact reports 3" across as many lines as needed. */
static int draw_counts(struct dashboard *d, struct ui *ui, int y, int x, int width)
{
	int cell = 26;
	int per_line = width / cell > 0 ? width / cell : 1;
	int lines = (d->count_count + per_line - 1) / per_line;

	for (int i = 0; i < d->count_count; i++) {
		char text[96];

		snprintf(text, sizeof text, "%-17s %6ld", d->counts[i].type->plural, d->counts[i].current);
		draw_text(y + i / per_line, x + 1 + (i % per_line) * cell, cell - 2, text,
			  ui->attr[ATTR_NORMAL]);
	}
	return lines;
}

static enum role_attr severity_attr(enum severity severity)
{
	return severity == SEVERITY_OVERDUE ? ATTR_OVERDUE : severity == SEVERITY_DUE ? ATTR_DUE : ATTR_INFO;
}

static void draw_item(const struct due_item *item, bool one_school, struct ui *ui, int y, int x,
		      int width, bool selected)
{
	static const char *const words[] = {"OVERDUE", "due", "info"};
	char date[DATE_ISO_SIZE];
	char what[600];
	int col = x + 1;
	attr_t attr = selected ? ui->attr[ATTR_SELECTED] : ui->attr[ATTR_NORMAL];

	attrset(attr);
	mvhline(y, x, ' ', width);
	date_iso_to_display(item->due_on, date);
	draw_text(y, col, 8, words[item->severity],
		  selected ? attr : ui->attr[severity_attr(item->severity)]);
	col += 9;
	draw_text(y, col, 10, date, attr);
	col += 11;
	snprintf(what, sizeof what, "%s: %s", item->subject ? item->subject : "",
		 item->detail ? item->detail : "");
	if (!one_school)
		snprintf(what + strlen(what), sizeof what - strlen(what), " (%s)",
			 item->school ? item->school : "every school");
	draw_text(y, col, width - (col - x) - 1, what, attr);
}

/* Nothing kept yet but the school smreg init made. */
static bool register_empty(const struct dashboard *d)
{
	for (int i = 0; i < d->count_count; i++)
		if (!(d->counts[i].type->flags & (RECORD_ONE_PREFILLS | RECORD_USERS)) &&
		    d->counts[i].current > 0)
			return false;
	return true;
}

/* A new register's first minute: what to do first, in order. */
static void draw_first_steps(struct ui *ui, int y, int x, int height, int width)
{
	static const char *const steps[] = {
		"This register is empty. First steps:",
		"1. The school: R, Schools, e to check its name (add more with n).",
		"2. The people: R, People, n for each member of staff and governor.",
		"3. The channels: R, Channels, n for each official account; Enter on "
		"one to add its admins.",
		"4. Pupils and consents: R, Pupils and R, Consents, or import them from CSV "
		"(smreg help import).",
		"Then this lists what falls due; ? shows the keys.",
	};
	int row = 0;

	for (size_t i = 0; i < sizeof steps / sizeof steps[0] && row < height; i++)
		row += draw_wrapped(y + row, x + 1 + (i > 0 && i < 5 ? 2 : 0), width - 4, height - row,
				    steps[i], ui->attr[i == 0 ? ATTR_HEADING : ATTR_NORMAL], true);
}

static void dashboard_draw(struct screen *s, struct ui *ui, int y, int x, int height, int width)
{
	struct dashboard *d = as_dashboard(s);
	const struct due_list *due = ui_due(ui);
	int row = y;
	char summary[200];
	bool first_steps;

	sync(d, ui);
	/* Rows of noughts say nothing to a newcomer: the first steps do. */
	first_steps = due != NULL && due->count == 0 && register_empty(d) &&
		      ops_can_add(ui, record_type_find("person"));
	if (!first_steps) {
		draw_text(row, x + 1, width - 2, "Current records", ui->attr[ATTR_HEADING]);
		row += draw_counts(d, ui, row + 1, x, width) + 2;
	}
	if (due == NULL) {
		draw_text(row, x + 1, width - 2, ui->due_error, ui->attr[ATTR_ERROR]);
		return;
	}
	snprintf(summary, sizeof summary, "Due-review warnings: %d overdue, %d due, %d for information",
		 due->by_severity[SEVERITY_OVERDUE], due->by_severity[SEVERITY_DUE],
		 due->by_severity[SEVERITY_INFO]);
	draw_text(row, x + 1, width - 2, summary, ui->attr[ATTR_HEADING]);
	row++;
	if (first_steps) {
		draw_first_steps(ui, row + 1, x, y + height - row - 1, width);
		return;
	}
	if (due->count == 0) {
		draw_text(row + 1, x + 1, width - 2, "Nothing is due. Press R to open a register.",
			  ui->attr[ATTR_OK]);
		return;
	}
	list_set_height(&d->list, y + height - row);
	for (int i = 0; row + i < y + height && d->list.top + i < (long)due->count; i++) {
		long index = d->list.top + i;

		draw_item(&due->items[index], d->one_school, ui, row + i, x, width,
			  index == d->list.cursor);
	}
}

static struct list *dashboard_list(struct screen *s)
{
	return &as_dashboard(s)->list;
}

static void dashboard_destroy(struct screen *s)
{
	free(s);
}

/* The UI's warnings, not a copy: a write elsewhere replaces them (ui_due),
 * even before the dashboard is drawn again. */
static const struct due_item *selected(struct screen *s, struct ui *ui)
{
	const struct due_list *due = ui_due(ui);
	long cursor = as_dashboard(s)->list.cursor;

	if (due == NULL || cursor >= (long)due->count)
		return NULL;
	return &due->items[cursor];
}

static bool has_item(struct screen *s, struct ui *ui)
{
	return selected(s, ui) != NULL;
}

/* Open what the warning is about; a counted warning opens the register. */
static void do_open(struct screen *s, struct ui *ui)
{
	const struct due_item *item = selected(s, ui);
	const struct record_type *type = record_type_find(item->register_name);

	if (item->record_id != NULL) {
		detail_open(ui, type, item->record_id);
	} else if (ops_can_read(ui, type)) {
		struct screen *r = register_screen_new(ui, type);

		if (r != NULL)
			ui_push(ui, r);
	} else {
		ui_message(ui, false, "Your role sees how many pupils this concerns, not who.");
	}
}

static const struct action dashboard_actions[] = {
	{"open", {'\n', '\r', KEY_FN(KEY_ENTER), 'l'}, "open", "open the record the warning is about",
	 ACTION_STATUS, do_open, has_item, NULL},
	{NULL},
};

static const struct action *const dashboard_tables[] = {dashboard_actions, movement_actions, NULL};

static const struct screen_class dashboard_class = {
	.name = "Dashboard",
	.actions = dashboard_tables,
	.focused_list = dashboard_list,
	.draw = dashboard_draw,
	.destroy = dashboard_destroy,
};

struct screen *dashboard_screen_new(struct ui *ui)
{
	struct dashboard *d = calloc(1, sizeof *d);

	(void)ui;
	if (d == NULL)
		return NULL;
	d->base.cls = &dashboard_class;
	snprintf(d->base.title, sizeof d->base.title, "dashboard");
	return &d->base;
}
