/* One register as a table: the screen the business manager lives in. */
#include "tui/register.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/edit.h"
#include "tui/detail.h"
#include "tui/line.h"
#include "tui/ops.h"
#include "tui/table.h"

struct register_screen {
	struct screen base;
	struct record_table table;
	struct line filter;
	bool filtering; /* keys go to the filter line */
};

static struct register_screen *as_register(struct screen *s)
{
	return (struct register_screen *)s;
}

static void register_draw(struct screen *s, struct ui *ui, int y, int x, int height, int width)
{
	struct register_screen *r = as_register(s);
	const struct record_type *type = r->table.type;

	if (r->filtering || r->filter.len > 0) {
		draw_text(y, x + 1, 8, "Filter:", ui->attr[ATTR_HEADING] & ~A_UNDERLINE);
		line_draw(&r->filter, ui, y, x + 9, width - 10, ui->attr[ATTR_INPUT], r->filtering);
		y++;
		height--;
	}
	table_draw(&r->table, ui, y, x, height, width, true);
	if (r->table.searching)
		snprintf(s->title, sizeof s->title, "%s: %s%.60s\u2026", type->plural,
			 r->table.query.filter ? "searching for " : "reading",
			 r->table.query.filter ? r->table.query.filter : "");
	else
		snprintf(s->title, sizeof s->title, "%s: %ld%s %s%s%.60s", type->plural,
			 r->table.list.count, r->table.counting ? "+" : "",
			 r->table.query.include_ended ? "in all" : "current",
			 r->table.query.filter ? ", matching " : "",
			 r->table.query.filter ? r->table.query.filter : "");
}

static bool register_key(struct screen *s, struct ui *ui, int key)
{
	struct register_screen *r = as_register(s);
	bool changed;

	(void)ui;
	if (!r->filtering)
		return false;
	if (ui_is_enter(key)) {
		r->filtering = false;
		return true;
	}
	if (key == KEY_ESCAPE) {
		r->filtering = false;
		line_set(&r->filter, "");
		table_set_filter(&r->table, NULL);
		return true;
	}
	if (!line_key(&r->filter, key, &changed))
		return false;
	if (changed)
		table_set_filter(&r->table, r->filter.text);
	return true;
}

static struct list *register_list(struct screen *s)
{
	return &as_register(s)->table.list;
}

static void register_destroy(struct screen *s)
{
	struct register_screen *r = as_register(s);

	table_free(&r->table);
	line_free(&r->filter);
	free(r);
}

static const struct record *selected(struct screen *s)
{
	return table_selected(&as_register(s)->table);
}

static bool has_selection(struct screen *s, struct ui *ui)
{
	(void)ui;
	return selected(s) != NULL;
}

static bool may_add(struct screen *s, struct ui *ui)
{
	return ops_can_add(ui, as_register(s)->table.type);
}

static bool may_change(struct screen *s, struct ui *ui)
{
	return selected(s) != NULL && ops_can_write(ui, as_register(s)->table.type);
}

static bool may_end(struct screen *s, struct ui *ui)
{
	return ops_can_end(ui, selected(s));
}

static bool may_delete(struct screen *s, struct ui *ui)
{
	const struct record *rec = selected(s);

	return may_change(s, ui) && edit_may_delete(ui->s, rec->type);
}

static bool has_ended(struct screen *s, struct ui *ui)
{
	(void)ui;
	return as_register(s)->table.type->ended_sql != NULL;
}

static const char *end_label(struct screen *s, struct ui *ui)
{
	(void)ui;
	return as_register(s)->table.type->end_verb ? as_register(s)->table.type->end_verb : "end";
}

static const char *ended_label(struct screen *s, struct ui *ui)
{
	(void)ui;
	return as_register(s)->table.query.include_ended ? "current only" : "show all";
}

static void do_open(struct screen *s, struct ui *ui)
{
	const struct record *rec = selected(s);

	detail_open(ui, rec->type, rec->id);
}

static void do_edit(struct screen *s, struct ui *ui)
{
	const struct record *rec = selected(s);

	ops_edit(ui, rec->type, rec->id);
}

static void do_new(struct screen *s, struct ui *ui)
{
	ops_new(ui, as_register(s)->table.type, NULL, 0);
}

static void do_end(struct screen *s, struct ui *ui)
{
	const struct record *rec = selected(s);

	ops_end(ui, rec);
}

static void do_delete(struct screen *s, struct ui *ui)
{
	const struct record *rec = selected(s);

	ops_delete(ui, rec->type, rec->id, rec->title);
}

static void do_filter(struct screen *s, struct ui *ui)
{
	(void)ui;
	as_register(s)->filtering = true;
}

static void do_sort(struct screen *s, struct ui *ui)
{
	(void)ui;
	table_next_sort(&as_register(s)->table);
}

static void do_reverse(struct screen *s, struct ui *ui)
{
	(void)ui;
	table_toggle_reverse(&as_register(s)->table);
}

static void do_ended(struct screen *s, struct ui *ui)
{
	(void)ui;
	table_toggle_ended(&as_register(s)->table);
}

/* clang-format off */
static const struct action register_actions[] = {
	{"open", {'\n', '\r', KEY_FN(KEY_ENTER), 'l'}, "open", "open the record, with what relates to it",
	 ACTION_STATUS, do_open, has_selection, NULL},
	{"new", {'n'}, "new", "add a record", ACTION_STATUS, do_new, may_add, NULL},
	{"edit", {'e'}, "edit", "change the record", ACTION_STATUS, do_edit, may_change, NULL},
	{"end", {'c'}, "end", "end the record the register's way, on a date you give", ACTION_STATUS,
	 do_end, may_end, end_label},
	{"filter", {'/'}, "filter", "show only rows containing what you type (Esc clears)",
	 ACTION_STATUS, do_filter, NULL, NULL},
	{"sort", {'s'}, "sort", "sort by the next column", 0, do_sort, NULL, NULL},
	{"reverse", {'S'}, "reverse", "reverse the sort", 0, do_reverse, NULL, NULL},
	{"ended", {'a'}, "show ended", "show or hide closed, revoked, withdrawn and left records",
	 ACTION_STATUS, do_ended, has_ended, ended_label},
	{"delete", {'x'}, "delete", "delete a record entered by mistake (asks first)", 0, do_delete,
	 may_delete, NULL},
	{NULL},
};
/* clang-format on */

static const struct action *const register_tables[] = {register_actions, movement_actions, NULL};

const struct screen_class register_class = {
	.name = "Register",
	.actions = register_tables,
	.focused_list = register_list,
	.draw = register_draw,
	.key = register_key,
	.destroy = register_destroy,
};

struct screen *register_screen_new(struct ui *ui, const struct record_type *type)
{
	struct register_screen *r = calloc(1, sizeof *r);

	if (r == NULL)
		return NULL;
	r->base.cls = &register_class;
	snprintf(r->base.title, sizeof r->base.title, "%s", type->plural);
	table_init(&r->table, type);
	table_hide_lone_school(&r->table, ui);
	line_init(&r->filter, NULL);
	return &r->base;
}
