/*
 * The help screen: the keys of the screen it was asked from, written from
 * that screen's action tables, so it always says what the keys do.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/list.h"
#include "tui/ui.h"

#define HELP_LINES_MAX 160

struct help_line {
	char keys[48];
	char text[256];
	bool heading;
};

struct help {
	struct screen base;
	struct help_line lines[HELP_LINES_MAX];
	int count;
	struct list list;
};

static void add_line(struct help *h, bool heading, const char *keys, const char *text)
{
	if (h->count == HELP_LINES_MAX)
		return;
	h->lines[h->count].heading = heading;
	snprintf(h->lines[h->count].keys, sizeof h->lines[0].keys, "%s", keys);
	snprintf(h->lines[h->count].text, sizeof h->lines[0].text, "%s", text);
	h->count++;
}

/* "k, Up" for an action's keys, each name once (Enter comes as ^J, ^M...). */
static void keys_text(const struct action *a, char *buf, size_t len)
{
	size_t used = 0;

	buf[0] = '\0';
	for (int i = 0; i < 4 && a->keys[i] != 0 && used < len; i++) {
		char key[16];
		char earlier[16];
		bool seen = false;

		ui_key_name(a->keys[i], key, sizeof key);
		for (int j = 0; j < i; j++)
			seen = seen || strcmp(ui_key_name(a->keys[j], earlier, sizeof earlier), key) == 0;
		if (!seen)
			used += (size_t)snprintf(buf + used, len - used, "%s%s", used ? ", " : "", key);
	}
}

/* screen_actions: an action's label of the moment ("revoke") leads its help. */
static void add_table(struct help *h, const struct action *table, struct screen *s, struct ui *ui,
		      bool screen_actions)
{
	for (const struct action *a = table; a != NULL && a->name != NULL; a++) {
		char keys[48];

		if (a->available != NULL && !a->available(s, ui))
			continue;
		keys_text(a, keys, sizeof keys);
		if (a->label_now != NULL && screen_actions) {
			char text[200];

			snprintf(text, sizeof text, "%s: %s", action_label(a, s, ui), a->help);
			add_line(h, false, keys, text);
		} else {
			add_line(h, false, keys, a->help);
		}
	}
}

#define KEYS_WIDTH 16

/* The rows a help line takes at this width: its text wrapped beside its
 * keys (a heading across the whole width); a blank line takes one. */
static int line_rows(const struct help_line *line, int width)
{
	int rows;

	if (line->heading)
		rows = draw_wrapped_from(0, 0, width - 2, 0, 0, line->text, 0);
	else
		rows = draw_wrapped_from(0, 0, width - KEYS_WIDTH - 4, 0, 0, line->text, 0);
	return rows > 0 ? rows : 1;
}

/* Draw from row `first` of the wrapped help on: the list counts rows, and
 * its cursor is the first row in view, so that every key scrolls at once. */
static void help_draw(struct screen *s, struct ui *ui, int y, int x, int height, int width)
{
	struct help *h = (struct help *)s;
	struct list *l = &h->list;
	long total = 0;
	long row = 0;
	int view = height - 1; /* the last row says whether more follows */

	for (int i = 0; i < h->count; i++)
		total += line_rows(&h->lines[i], width);
	list_set_count(l, total);
	list_set_height(l, view);
	if (l->cursor > total - view)
		l->cursor = total - view > 0 ? total - view : 0;
	l->top = l->cursor;
	for (int i = 0; i < h->count && row < l->top + view; i++) {
		const struct help_line *line = &h->lines[i];
		int rows = line_rows(line, width);
		int skip = l->top > row ? (int)(l->top - row) : 0;
		int at = y + (int)(row + skip - l->top);

		if (row + rows > l->top) {
			int room = view - (at - y);

			if (line->heading) {
				draw_wrapped_from(at, x + 1, width - 2, skip, room, line->text,
						  ui->attr[ATTR_HEADING]);
			} else {
				if (skip == 0)
					draw_text(at, x + 2, KEYS_WIDTH, line->keys, ui->attr[ATTR_OK]);
				draw_wrapped_from(at, x + KEYS_WIDTH + 3, width - KEYS_WIDTH - 4, skip, room,
						  line->text, ui->attr[ATTR_NORMAL]);
			}
		}
		row += rows;
	}
	if (l->top + view < total)
		draw_text(y + height - 1, x + 2, width - 4,
			  "\xE2\x86\x93 more below: Down, PgDn, End", ui->attr[ATTR_MUTED]);
	else if (l->top > 0)
		draw_text(y + height - 1, x + 2, width - 4, "\xE2\x86\x91 more above: Up, PgUp, Home",
			  ui->attr[ATTR_MUTED]);
}

static struct list *help_list(struct screen *s)
{
	return &((struct help *)s)->list;
}

static void help_destroy(struct screen *s)
{
	free(s);
}

static const struct action *const help_tables[] = {movement_actions, NULL};

static const struct screen_class help_class = {
	.name = "Help",
	.actions = help_tables,
	.focused_list = help_list,
	.draw = help_draw,
	.destroy = help_destroy,
};

struct screen *help_screen_new(struct ui *ui)
{
	struct screen *about = ui->top;
	struct help *h = calloc(1, sizeof *h);
	char heading[200];
	char text[256];

	if (h == NULL)
		return NULL;
	h->base.cls = &help_class;
	snprintf(h->base.title, sizeof h->base.title, "help for %s", about->cls->name);
	if (about->cls->about != NULL &&
	    about->cls->about(about, heading, sizeof heading, text, sizeof text)) {
		add_line(h, true, "", heading);
		add_line(h, false, "", text);
		add_line(h, false, "", "");
	}
	snprintf(heading, sizeof heading, "Keys of this screen: %s", about->cls->name);
	add_line(h, true, "", heading);
	for (int t = 0; about->cls->actions && about->cls->actions[t]; t++)
		add_table(h, about->cls->actions[t], about, ui, true);
	if (!about->cls->modal) {
		add_line(h, false, "", "");
		add_line(h, true, "", "Keys of every screen");
		add_table(h, ui->global_actions, about, ui, false);
	}
	add_line(h, false, "", "");
	add_line(h, false, "", "Dates may be typed as 21/11/2026, 2026-11-21, today, +30d, -2w, +6m or +1y.");
	return &h->base;
}
