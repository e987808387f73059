/* The registers menu. */
#include "tui/menu.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/record.h"
#include "tui/calendar.h"
#include "tui/line.h"
#include "tui/list.h"
#include "tui/ops.h"
#include "tui/post.h"
#include "tui/register.h"

#define PLACES_MAX 24

struct place {
	const struct record_type *type; /* a register, or NULL for a screen */
	struct screen *(*open)(struct ui *ui);
	char label[96];
	char help[160];
};

struct menu {
	struct screen base;
	struct place places[PLACES_MAX];
	int count;
	int shown[PLACES_MAX]; /* the places whose label holds what is typed */
	int shown_count;
	struct line find;
	struct list list;
};

/* Case-insensitive for the ASCII of the labels. */
static bool label_holds(const char *label, const char *text)
{
	size_t n = strlen(text);

	for (const char *p = label; *p != '\0'; p++)
		if (strncasecmp(p, text, n) == 0)
			return true;
	return n == 0;
}

/* Labels that begin with what is typed first ("act" is Actions before
 * Contact reports), then those that hold it, each in the menu's order. */
static void refilter(struct menu *m)
{
	size_t n = strlen(m->find.text);

	m->shown_count = 0;
	for (int i = 0; i < m->count; i++)
		if (strncasecmp(m->places[i].label, m->find.text, n) == 0)
			m->shown[m->shown_count++] = i;
	for (int i = 0; i < m->count; i++)
		if (strncasecmp(m->places[i].label, m->find.text, n) != 0 &&
		    label_holds(m->places[i].label, m->find.text))
			m->shown[m->shown_count++] = i;
	list_set_count(&m->list, m->shown_count);
	list_move_to(&m->list, 0);
}

static void menu_draw(struct screen *s, struct ui *ui, int y, int x, int height, int width)
{
	struct menu *m = (struct menu *)s;

	list_set_height(&m->list, height - 2);
	draw_text(y, x + 1, 24, "Open (type to find):", ui->attr[ATTR_HEADING]);
	line_draw(&m->find, ui, y, x + 26, width - 28, ui->attr[ATTR_INPUT], true);
	for (int i = 0; i < height - 2 && m->list.top + i < m->shown_count; i++) {
		const struct place *p = &m->places[m->shown[m->list.top + i]];
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
	line_free(&((struct menu *)s)->find);
	free(s);
}

/* Letters find: in this menu, j and k are letters, not moves. */
static bool menu_key(struct screen *s, struct ui *ui, int key)
{
	struct menu *m = (struct menu *)s;
	bool changed;

	(void)ui;
	if (key == KEY_ESCAPE && m->find.len > 0) {
		line_set(&m->find, "");
		refilter(m);
		return true;
	}
	if (!line_key(&m->find, key, &changed))
		return false;
	if (changed)
		refilter(m);
	return true;
}

static const char *menu_status(struct screen *s, struct ui *ui)
{
	(void)s;
	(void)ui;
	return " type to find  Up/Down:move  Enter:open  Esc:back  F1:help";
}

static bool has_place(struct screen *s, struct ui *ui)
{
	(void)ui;
	return ((struct menu *)s)->shown_count > 0;
}

static void move_menu(struct screen *s, enum list_move move)
{
	list_move(menu_list(s), move);
}

static void menu_up(struct screen *s, struct ui *ui)
{
	(void)ui;
	move_menu(s, LIST_UP);
}

static void menu_down(struct screen *s, struct ui *ui)
{
	(void)ui;
	move_menu(s, LIST_DOWN);
}

static void do_open(struct screen *s, struct ui *ui)
{
	struct menu *m = (struct menu *)s;
	struct place place = m->places[m->shown[m->list.cursor]];
	struct screen *next;

	/* The menu gives way to what it opens. */
	ui_pop(ui);
	next = place.type ? register_screen_new(ui, place.type) : place.open(ui);
	if (next != NULL)
		ui_push(ui, next);
}

/* clang-format off */
static const struct action menu_actions[] = {
	{"open", {'\n', '\r', KEY_FN(KEY_ENTER)}, "open", "open the register or screen",
	 ACTION_STATUS, do_open, has_place, NULL},
	{"up", {KEY_FN(KEY_UP)}, "up", "the row above", 0, menu_up, NULL, NULL},
	{"down", {KEY_FN(KEY_DOWN), '\t'}, "down", "the row below", 0, menu_down, NULL, NULL},
	{"find", {0}, "", "type part of a name to find it (Esc clears)", 0, NULL, NULL, NULL},
	{NULL},
};
/* clang-format on */

static const struct action *const menu_tables[] = {menu_actions, NULL};

const struct screen_class menu_class = {
	.name = "Registers",
	.actions = menu_tables,
	.focused_list = menu_list,
	.draw = menu_draw,
	.key = menu_key,
	.status = menu_status,
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
		add_screen(m, "May I post?", "check consent before posting a photo (M elsewhere)", post_screen_new);
	add_screen(m, "Review calendar", "the policies due over the next twelve months (V elsewhere)",
		   calendar_screen_new);
	line_init(&m->find, NULL);
	refilter(m);
	return &m->base;
}
