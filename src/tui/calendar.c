/*
 * The picture governors want: each policy on a line, a mark in the month
 * its review falls due over the next twelve months, overdue ones on top
 * and in words.  Policies come a page at a time, in review order.
 */
#include "tui/calendar.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/due.h"
#include "core/smreg.h"
#include "tui/detail.h"
#include "tui/table.h"

#define MONTHS 12

static const char *const month_names[] = {
	"Jan",
	"Feb",
	"Mar",
	"Apr",
	"May",
	"Jun",
	"Jul",
	"Aug",
	"Sep",
	"Oct",
	"Nov",
	"Dec",
};

struct calendar {
	struct screen base;
	struct record_table table;
	int next_review; /* field index of next_review_on */
	int school;	 /* field index of school; -1 in a register of one school */
};

static struct calendar *as_calendar(struct screen *s)
{
	return (struct calendar *)s;
}

/* Months from this month: 0 this month, 11 the twelfth; -1 past, 12 later. */
static int month_offset(struct date today, const char *iso)
{
	struct date d;
	int offset;

	/* A review due "October 2026" is marked in October. */
	if (iso == NULL || (!date_from_iso(iso, &d) && !date_month_from_iso(iso, &d)))
		return 12;
	if (strcmp(iso, "") == 0)
		return 12;
	offset = (d.year - today.year) * 12 + (d.month - today.month);
	return offset < 0 ? -1 : offset > 11 ? 12
					     : offset;
}

static void draw_header(struct ui *ui, struct date today, int y, int x, int month_width)
{
	for (int m = 0; m < MONTHS; m++) {
		int month = (today.month - 1 + m) % 12;
		char label[8];

		/* "Nov" where there is room, else "N" as calendars do. */
		snprintf(label, sizeof label, "%.*s", month_width > 3 ? 3 : 1, month_names[month]);
		draw_text(y, x + m * month_width, month_width, label,
			  month == 0 ? ui->attr[ATTR_HEADING] : ui->attr[ATTR_HEADING] & ~A_UNDERLINE);
	}
}

/* What smreg due says of the policy r: overdue, due, or nothing. */
static enum role_attr policy_state(struct ui *ui, const struct record *r)
{
	const struct due_list *due = ui_due(ui);

	for (size_t i = 0; due != NULL && i < due->count; i++) {
		const struct due_item *item = &due->items[i];

		if (item->record_id != NULL && strcmp(item->record_id, r->id) == 0 &&
		    strcmp(item->register_name, r->type->name) == 0)
			return item->severity == SEVERITY_OVERDUE ? ATTR_OVERDUE : ATTR_DUE;
	}
	return ATTR_NORMAL;
}

static void draw_policy(struct calendar *c, struct ui *ui, const struct record *r, int y, int x,
			int width, int month_width, bool selected)
{
	struct date today = smreg_today(ui->s);
	const char *next = r->values[c->next_review];
	int offset = month_offset(today, next);
	int title_width = width - 10 - 11 - MONTHS * month_width - 3;
	char date[DATE_ISO_SIZE];
	enum role_attr state = policy_state(ui, r);
	attr_t attr = selected ? ui->attr[ATTR_SELECTED] : ui->attr[ATTR_NORMAL];

	attrset(attr);
	mvhline(y, x, ' ', width);
	draw_text(y, x + 1, 8, state == ATTR_OVERDUE ? "OVERDUE" : state == ATTR_DUE ? "due"
										     : "",
		  selected ? attr : ui->attr[state]);
	if (c->school >= 0) {
		/* A trust's fifty social media policies differ by school. */
		char title[400];

		snprintf(title, sizeof title, "%s, %s", r->title,
			 r->shown[c->school] ? r->shown[c->school] : "every school");
		draw_text(y, x + 10, title_width, title, attr);
	} else {
		draw_text(y, x + 10, title_width, r->title, attr);
	}
	x += 10 + title_width + 1;
	for (int m = 0; m < MONTHS; m++) {
		const char *mark = "\xC2\xB7"; /* a quiet dot for every month */

		if (m == offset)
			mark = "\xE2\x97\x8F"; /* the month it falls due */
		else if (offset == -1 && m == 0)
			mark = "\xE2\x97\x80"; /* overdue: it points back */
		draw_text(y, x + m * month_width, month_width, mark,
			  m == offset || (offset == -1 && m == 0) ? (selected ? attr : ui->attr[state == ATTR_NORMAL ? ATTR_OK : state])
								  : (selected ? attr : ui->attr[ATTR_MUTED]));
	}
	x += MONTHS * month_width + 1;
	date_iso_to_display(next, date);
	draw_text(y, x, 10, next != NULL ? date : "undated", attr);
}

static void calendar_draw(struct screen *s, struct ui *ui, int y, int x, int height, int width)
{
	struct calendar *c = as_calendar(s);
	struct date today = smreg_today(ui->s);
	/* Narrower months leave a school's name room beside its policy. */
	int month_width = (width - 40 - (c->school >= 0 ? 16 : 0)) / MONTHS;
	int title_width;

	if (month_width > 5)
		month_width = 5;
	/* At 60 columns a month is one column: the titles need the room more
	 * than the marks need the space between them. */
	if (month_width < 1)
		month_width = 1;
	title_width = width - 10 - 11 - MONTHS * month_width - 3;
	table_sync(&c->table, ui, height - 3);
	draw_text(y, x + 1, 8, "", ui->attr[ATTR_HEADING]);
	draw_text(y, x + 10, title_width, c->school >= 0 ? "Policy, school" : "Policy",
		  ui->attr[ATTR_HEADING]);
	draw_header(ui, today, y, x + 10 + title_width + 1, month_width);
	draw_text(y, x + 10 + title_width + 1 + MONTHS * month_width + 1, 10, "Review",
		  ui->attr[ATTR_HEADING]);
	if (c->table.error[0] != '\0') {
		draw_text(y + 1, x + 1, width - 2, c->table.error, ui->attr[ATTR_ERROR]);
		return;
	}
	if (c->table.list.count == 0)
		draw_text(y + 1, x + 1, width - 2, "No policies yet.", ui->attr[ATTR_MUTED]);
	for (int row = 0; row < height - 3; row++) {
		long index = c->table.list.top + row;
		const struct record *r = table_row(&c->table, index);

		if (r == NULL)
			break;
		draw_policy(c, ui, r, y + 1 + row, x, width, month_width, index == c->table.list.cursor);
	}
	draw_text(y + height - 1, x + 1, width - 2,
		  "\xE2\x97\x8F the month a review falls due   \xE2\x97\x80 overdue   no mark: due after twelve months",
		  ui->attr[ATTR_MUTED]);
}

static struct list *calendar_list(struct screen *s)
{
	return &as_calendar(s)->table.list;
}

static void calendar_destroy(struct screen *s)
{
	table_free(&as_calendar(s)->table);
	free(s);
}

static bool has_policy(struct screen *s, struct ui *ui)
{
	(void)ui;
	return table_selected(&as_calendar(s)->table) != NULL;
}

static void do_open(struct screen *s, struct ui *ui)
{
	const struct record *r = table_selected(&as_calendar(s)->table);

	detail_open(ui, r->type, r->id);
}

/* clang-format off */
static const struct action calendar_actions[] = {
	{"open", {'\n', '\r', KEY_FN(KEY_ENTER), 'l'}, "open",
	 "open the policy, with its reviews (record one there)", ACTION_STATUS, do_open, has_policy, NULL},
	{NULL},
};
/* clang-format on */

static const struct action *const calendar_tables[] = {calendar_actions, movement_actions, NULL};

const struct screen_class calendar_class = {
	.name = "Review calendar",
	.actions = calendar_tables,
	.focused_list = calendar_list,
	.draw = calendar_draw,
	.destroy = calendar_destroy,
};

struct screen *calendar_screen_new(struct ui *ui)
{
	const struct record_type *policy = record_type_find("policy");
	struct calendar *c = calloc(1, sizeof *c);

	if (c == NULL)
		return NULL;
	c->base.cls = &calendar_class;
	snprintf(c->base.title, sizeof c->base.title, "policy review calendar");
	table_init(&c->table, policy);
	/* Review order puts the overdue ones first; retired ones are left out. */
	c->table.query.sort_field = record_field_index(policy, "next_review_on");
	c->next_review = c->table.query.sort_field;
	table_hide_lone_school(&c->table, ui);
	c->school = table_shows(&c->table, "school") ? record_field_index(policy, "school") : -1;
	return &c->base;
}
