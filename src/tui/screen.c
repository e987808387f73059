/* The screen stack: dispatching keys, drawing the frame around screens. */
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "core/access.h"
#include "core/date.h"
#include "core/due.h"
#include "core/smreg.h"
#include "core/text.h"
#include "core/wording.h"
#include "tui/ui.h"

void ui_push(struct ui *ui, struct screen *s)
{
	s->below = ui->top;
	ui->top = s;
}

void ui_pop(struct ui *ui)
{
	struct screen *s = ui->top;

	if (s == NULL)
		return;
	ui->top = s->below;
	s->cls->destroy(s);
}

bool ui_dirty(struct ui *ui)
{
	for (struct screen *s = ui->top; s != NULL; s = s->below)
		if (s->cls->dirty != NULL && s->cls->dirty(s))
			return true;
	return false;
}

void ui_changed(struct ui *ui)
{
	ui->generation++;
}

const struct due_list *ui_due(struct ui *ui)
{
	struct error err;

	if (ui->due_loaded && ui->due_generation == ui->generation)
		return ui->due;
	due_list_free(&ui->due);
	ui->due_error[0] = '\0';
	if (due_list(ui->s, -1, &ui->due, &err) != STATUS_OK)
		error_message(&err, ui->due_error, sizeof ui->due_error);
	ui->due_generation = ui->generation;
	ui->due_loaded = true;
	return ui->due;
}

void ui_message(struct ui *ui, bool error, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ui->message, sizeof ui->message, fmt, ap);
	va_end(ap);
	ui->message_is_error = error;
}

void ui_error(struct ui *ui, const char *doing, const struct error *err)
{
	char text[1200];

	ui_message(ui, true, "%s: %s", doing, error_message(err, text, sizeof text));
}

void ui_error_in(struct ui *ui, const char *doing, const struct record_type *type,
		 const struct error *err)
{
	char text[sizeof err->text + sizeof err->field + 8];

	ui_message(ui, true, "%s: %s", doing, wording_error(type, err, text, sizeof text));
}

static bool action_available(const struct action *a, struct screen *s, struct ui *ui)
{
	return a->available == NULL || a->available(s, ui);
}

static const struct action *find_action(const struct action *actions, int key,
					struct screen *s, struct ui *ui)
{
	for (const struct action *a = actions; a != NULL && a->name != NULL; a++)
		for (int i = 0; i < 4 && a->keys[i] != 0; i++)
			if (a->keys[i] == key && action_available(a, s, ui))
				return a;
	return NULL;
}

bool ui_dispatch(struct ui *ui, int key)
{
	struct screen *s = ui->top;
	const struct action *a = NULL;

	if (s == NULL)
		return false;
	/* Typing first: in a form or a filter, "q" is a letter, not "back". */
	if (s->cls->key != NULL && s->cls->key(s, ui, key))
		return true;
	for (int t = 0; a == NULL && s->cls->actions && s->cls->actions[t]; t++)
		a = find_action(s->cls->actions[t], key, s, ui);
	if (a == NULL && !s->cls->modal)
		a = find_action(ui->global_actions, key, s, ui);
	if (a == NULL)
		return false;
	a->run(s, ui);
	return true;
}

/* --- the frame --------------------------------------------------------------- */

static void draw_title(struct ui *ui)
{
	char right[160];
	char today[DATE_ISO_SIZE];
	char roles[64];
	char left[200];
	int right_width;

	date_to_iso(smreg_today(ui->s), today);
	date_iso_to_display(today, today);
	snprintf(right, sizeof right, "%s  %s (%s) ", today, smreg_login(ui->s),
		 role_names(smreg_roles(ui->s), roles, sizeof roles));
	/* A question or a picker is part of the screen it was asked from. */
	const struct screen *titled = ui->top;

	while (titled != NULL && titled->cls->modal && titled->below != NULL)
		titled = titled->below;
	snprintf(left, sizeof left, " smreg: %s", titled ? titled->title : "");
	attrset(ui->attr[ATTR_TITLE]);
	mvhline(0, 0, ' ', ui->cols);
	right_width = text_width(right);
	if (right_width > ui->cols / 2)
		right_width = 0;
	draw_text(0, 0, ui->cols - right_width, left, ui->attr[ATTR_TITLE]);
	if (right_width > 0)
		draw_text(0, ui->cols - right_width, right_width, right, ui->attr[ATTR_TITLE]);
}

const char *action_label(const struct action *a, struct screen *s, struct ui *ui)
{
	return a->label_now != NULL ? a->label_now(s, ui) : a->label;
}

static void status_add(const struct action *table, struct screen *s, struct ui *ui,
		       char *buf, size_t len, size_t *used)
{
	for (const struct action *a = table; a != NULL && a->name != NULL; a++) {
		char key[16];

		bool shown = (a->flags & ACTION_STATUS) ||
			     ((a->flags & ACTION_STATUS_HOME) && s->below == NULL);

		if (!shown || !action_available(a, s, ui) || *used >= len)
			continue;
		*used += (size_t)snprintf(buf + *used, len - *used, "%s%s:%s", *used ? "  " : " ",
					  ui_key_name(a->keys[0], key, sizeof key), action_label(a, s, ui));
	}
}

/* "n:new  e:edit  ?:help  q:back": the top screen's status actions, then
 * the globals'. */
static void status_from_actions(struct ui *ui, char *buf, size_t len)
{
	struct screen *s = ui->top;
	size_t used = 0;

	buf[0] = '\0';
	for (int t = 0; s->cls->actions && s->cls->actions[t]; t++)
		status_add(s->cls->actions[t], s, ui, buf, len, &used);
	if (!s->cls->modal)
		status_add(ui->global_actions, s, ui, buf, len, &used);
}

/* "3 overdue  5 due" at the end of the status line, from the warnings the
 * dashboard lists; its width, or 0 when nothing is due. */
static int draw_due_counts(struct ui *ui)
{
	const struct due_list *due = ui_due(ui);
	char text[64];
	int width;

	if (due == NULL || due->by_severity[SEVERITY_OVERDUE] + due->by_severity[SEVERITY_DUE] == 0)
		return 0;
	snprintf(text, sizeof text, " %d overdue  %d due ", due->by_severity[SEVERITY_OVERDUE],
		 due->by_severity[SEVERITY_DUE]);
	width = (int)strlen(text);
	if (width > ui->cols / 3)
		return 0;
	draw_text(ui->lines - 1, ui->cols - width, width, text,
		  due->by_severity[SEVERITY_OVERDUE] ? ui->attr[ATTR_OVERDUE] | A_REVERSE
						     : ui->attr[ATTR_DUE] | A_REVERSE);
	return width;
}

static void draw_status(struct ui *ui)
{
	char status[512];
	const char *text = NULL;
	int counts;

	if (ui->top->cls->status != NULL)
		text = ui->top->cls->status(ui->top, ui);
	if (text == NULL) {
		status_from_actions(ui, status, sizeof status);
		text = status;
	}
	attrset(ui->attr[ATTR_STATUS]);
	mvhline(ui->lines - 1, 0, ' ', ui->cols);
	counts = draw_due_counts(ui);
	draw_text(ui->lines - 1, 0, ui->cols - counts, text, ui->attr[ATTR_STATUS]);
	move(ui->lines - 2, 0);
	clrtoeol();
	if (ui->message[0] != '\0') {
		/* A long message is wrapped upwards over the screen, whole, not
		 * cut at the edge: it goes with the next key. */
		int rows = draw_wrapped(0, 0, ui->cols - 1, MESSAGE_LINES_MAX, ui->message, 0, false);

		for (int i = 0; i < rows; i++) {
			move(ui->lines - 1 - rows + i, 0);
			clrtoeol();
		}
		draw_wrapped(ui->lines - 1 - rows, 0, ui->cols - 1, MESSAGE_LINES_MAX, ui->message,
			     ui->attr[ui->message_is_error ? ATTR_ERROR : ATTR_OK], true);
	}
}

/* Modal screens draw over what is beneath them: draw from the first
 * full screen up. */
static void draw_screens(struct ui *ui, struct screen *s)
{
	if (s == NULL)
		return;
	if (s->cls->modal)
		draw_screens(ui, s->below);
	s->cls->draw(s, ui, 1, 0, ui->lines - 3, ui->cols);
}

/* Say so when the terminal is too small to lay anything out, the words
 * wrapped to whatever width there is. */
static void draw_too_small(struct ui *ui)
{
	char text[256];

	snprintf(text, sizeof text, "smreg needs at least %dx%d; this terminal is %dx%d. "
				    "Enlarge it to go on.",
		 UI_MIN_COLS, UI_MIN_LINES, ui->cols, ui->lines);
	draw_wrapped(0, 0, ui->cols > 0 ? ui->cols : 1, ui->lines, text, ui->attr[ATTR_ERROR],
		     true);
}

bool ui_key_waiting(void *arg)
{
	struct pollfd in = {.fd = STDIN_FILENO, .events = POLLIN};

	(void)arg;
	return poll(&in, 1, 0) > 0;
}

bool ui_is_enter(int key)
{
	return key == '\n' || key == '\r' || key == KEY_FN(KEY_ENTER);
}

void ui_place_cursor(struct ui *ui, int y, int x)
{
	ui->cursor_on = true;
	ui->cursor_y = y;
	ui->cursor_x = x;
}

static void draw_frame(struct ui *ui)
{
	getmaxyx(stdscr, ui->lines, ui->cols);
	erase();
	ui->cursor_on = false;
	if (ui->cols < UI_MIN_COLS || ui->lines < UI_MIN_LINES) {
		curs_set(0);
		draw_too_small(ui);
		refresh();
		return;
	}
	/* Screens first: they may retitle themselves as they draw. */
	draw_screens(ui, ui->top);
	draw_title(ui);
	draw_status(ui);
	if (ui->cursor_on) {
		move(ui->cursor_y, ui->cursor_x);
		curs_set(1);
	} else {
		curs_set(0);
	}
	refresh();
}

void ui_draw(struct ui *ui)
{
	ui->searches_wait = true;
	ui->search_waiting = false;
	ui->count_waiting = false;
	draw_frame(ui);
	ui->searches_wait = false;
	if (ui->search_waiting && !ui_key_waiting(NULL))
		draw_frame(ui);
	/* A filter's first page is on screen: now the count of its rows. */
	if (ui->count_waiting && !ui_key_waiting(NULL))
		draw_frame(ui);
}
