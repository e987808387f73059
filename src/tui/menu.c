/* The registers menu. */
#include "tui/menu.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/record.h"
#include "tui/calendar.h"
#include "tui/list.h"
#include "tui/ops.h"
#include "tui/post.h"
#include "tui/register.h"

#define PLACES_MAX 24

struct place {
	const struct record_type *type;	/* a register, or NULL for a screen */
	struct screen *(*open)(struct ui *ui);
	char label[96];
	char help[160];
};

struct menu {
	struct screen base;
	struct place places[PLACES_MAX];
	int count;
	struct list list;
};

static void menu_draw(struct screen *s, struct ui *ui, int y, int x, int height, int width)
{
	struct menu *m = (struct menu *)s;

	list_set_height(&m->list, height - 2);
	draw_text(y, x + 1, width - 2, "Open a register (Enter), or a screen:", ui->attr[ATTR_HEADING]);
	for (int i = 0; i < height - 2 && m->list.top + i < m->count; i++) {
		const struct place *p = &m->places[m->list.top + i];
		bool selected = m->list.top + i == m->list.cursor;
		attr_t attr = selected ? ui->attr[ATTR_SELECTED] : ui->attr[ATTR_NORMAL];

		attrset(attr);
		mvhline(y + 2 + i, x, ' ', width);
		draw_text(y + 2 + i, x + 2, 24, p->label, attr);
		draw_text(y + 2 + i, x + 28, width - 30, p->help,
			  selected ? attr : ui->attr[ATTR_MUTED]);
	}
}

static struct list *menu_list(struct screen *s)
{
	return &((struct menu *)s)->list;
}

static void menu_destroy(struct screen *s)
{
	free(s);
}

static void do_open(struct screen *s, struct ui *ui)
{
	struct menu *m = (struct menu *)s;
	struct place place = m->places[m->list.cursor];
	struct screen *next;

	/* The menu gives way to what it opens. */
	ui_pop(ui);
	next = place.type ? register_screen_new(ui, place.type) : place.open(ui);
	if (next != NULL)
		ui_push(ui, next);
}

static const struct action menu_actions[] = {
	{"open", {'\n', '\r', KEY_FN(KEY_ENTER), 'l'}, "open", "open the register or screen",
	 ACTION_STATUS, do_open, NULL, NULL},
	{NULL},
};

static const struct action *const menu_tables[] = {menu_actions, movement_actions, NULL};

static const struct screen_class menu_class = {
	.name = "Registers",
	.actions = menu_tables,
	.focused_list = menu_list,
	.draw = menu_draw,
	.destroy = menu_destroy,
};

static void add_screen(struct menu *m, const char *label, const char *help,
		       struct screen *(*open)(struct ui *ui))
{
	struct place *p = &m->places[m->count++];

	p->open = open;
	snprintf(p->label, sizeof p->label, "%s", label);
	snprintf(p->help, sizeof p->help, "%s", help);
}

struct screen *menu_screen_new(struct ui *ui)
{
	struct menu *m = calloc(1, sizeof *m);
	size_t n;
	const struct record_type *const *types = record_types(&n);

	if (m == NULL)
		return NULL;
	m->base.cls = &menu_class;
	snprintf(m->base.title, sizeof m->base.title, "registers");
	for (size_t i = 0; i < n && m->count < PLACES_MAX - 2; i++) {
		struct place *p;

		if (!ops_can_read(ui, types[i]))
			continue;
		p = &m->places[m->count++];
		p->type = types[i];
		snprintf(p->label, sizeof p->label, "%s", types[i]->plural);
		snprintf(p->help, sizeof p->help, "%s", types[i]->help);
	}
	if (ops_can_read(ui, record_type_find("pupil")))
		add_screen(m, "May I post?", "check consent before posting a photo (M)", post_screen_new);
	add_screen(m, "Review calendar", "the policies due over the next twelve months (V)",
		   calendar_screen_new);
	list_set_count(&m->list, m->count);
	return &m->base;
}
