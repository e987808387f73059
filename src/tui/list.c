#include "tui/list.h"

#include "tui/ui.h"

static void clamp(struct list *l)
{
	if (l->cursor >= l->count)
		l->cursor = l->count - 1;
	if (l->cursor < 0)
		l->cursor = 0;
	if (l->height < 1)
		l->height = 1;
	if (l->cursor < l->top)
		l->top = l->cursor;
	if (l->cursor >= l->top + l->height)
		l->top = l->cursor - l->height + 1;
	if (l->top > l->count - l->height)
		l->top = l->count - l->height;
	if (l->top < 0)
		l->top = 0;
}

void list_set_count(struct list *l, long count)
{
	l->count = count;
	clamp(l);
}

void list_set_height(struct list *l, int height)
{
	l->height = height;
	clamp(l);
}

void list_move_to(struct list *l, long row)
{
	l->cursor = row;
	clamp(l);
}

void list_move(struct list *l, enum list_move move)
{
	long page = l->height > 1 ? l->height - 1 : 1;

	switch (move) {
	case LIST_UP:
		l->cursor--;
		break;
	case LIST_DOWN:
		l->cursor++;
		break;
	case LIST_PAGE_UP:
		l->cursor -= page;
		l->top -= page;
		break;
	case LIST_PAGE_DOWN:
		l->cursor += page;
		l->top += page;
		break;
	case LIST_FIRST:
		l->cursor = 0;
		break;
	case LIST_LAST:
		l->cursor = l->count - 1;
		break;
	}
	clamp(l);
}

/* --- the movement actions, for every screen with a list ----------------------- */

static struct list *focused(struct screen *s)
{
	return s->cls->focused_list ? s->cls->focused_list(s) : NULL;
}

static bool has_list(struct screen *s, struct ui *ui)
{
	(void)ui;
	return focused(s) != NULL;
}

static void move_up(struct screen *s, struct ui *ui)
{
	(void)ui;
	list_move(focused(s), LIST_UP);
}

static void move_down(struct screen *s, struct ui *ui)
{
	(void)ui;
	list_move(focused(s), LIST_DOWN);
}

static void move_page_up(struct screen *s, struct ui *ui)
{
	(void)ui;
	list_move(focused(s), LIST_PAGE_UP);
}

static void move_page_down(struct screen *s, struct ui *ui)
{
	(void)ui;
	list_move(focused(s), LIST_PAGE_DOWN);
}

static void move_first(struct screen *s, struct ui *ui)
{
	(void)ui;
	list_move(focused(s), LIST_FIRST);
}

static void move_last(struct screen *s, struct ui *ui)
{
	(void)ui;
	list_move(focused(s), LIST_LAST);
}

/* clang-format off */
const struct action movement_actions[] = {
	{"up", {KEY_FN(KEY_UP), 'k'}, "up", "the row above", 0, move_up, has_list, NULL},
	{"down", {KEY_FN(KEY_DOWN), 'j'}, "down", "the row below", 0, move_down, has_list, NULL},
	{"page up", {KEY_FN(KEY_PPAGE), KEY_CTRL('b')}, "page up", "a page up", 0, move_page_up,
	 has_list, NULL},
	{"page down", {KEY_FN(KEY_NPAGE), KEY_CTRL('f'), ' '}, "page down", "a page down", 0,
	 move_page_down, has_list, NULL},
	{"first", {KEY_FN(KEY_HOME), 'g'}, "first", "the first row", 0, move_first, has_list, NULL},
	{"last", {KEY_FN(KEY_END), 'G'}, "last", "the last row", 0, move_last, has_list, NULL},
	{NULL},
};
/* clang-format on */
