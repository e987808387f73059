/* A multi-line editor for long text: wrapped, scrolled, whole. */
#include "tui/editor.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "tui/prompt.h"
#include "tui/ui.h"

/* One row on screen: bytes [start, end) of the text. */
struct row {
	size_t start;
	size_t end;
};

struct editor {
	struct screen base;
	char *text; /* UTF-8, owned */
	size_t len;
	size_t cap;
	size_t cursor;	/* byte offset, on a character boundary */
	char *original; /* as it came, to tell whether it changed */
	int top;	/* the first row shown */
	int width;	/* the width last laid out at */
	int goal;	/* the column Up and Down keep to, or -1 */
	struct row *rows;
	int row_count;
	editor_done_fn done;
	void *arg;
	/* Read-only: a viewer, and what its w key does. */
	bool read_only;
	viewer_write_fn write;
	void (*free_arg)(void *);
};

/* --- the text ----------------------------------------------------------------- */

static size_t next_char(const struct editor *e, size_t at)
{
	if (at < e->len)
		at++;
	while (at < e->len && (e->text[at] & 0xC0) == 0x80)
		at++;
	return at;
}

static size_t previous_char(const struct editor *e, size_t at)
{
	while (at > 0 && (e->text[--at] & 0xC0) == 0x80)
		;
	return at;
}

/* Columns the character at `at` takes (a newline none). */
static int char_columns(const struct editor *e, size_t at)
{
	char one[5] = {0};
	size_t n = next_char(e, at) - at;

	if (e->text[at] == '\n')
		return 0;
	memcpy(one, e->text + at, n < 4 ? n : 4);
	return text_width(one);
}

static bool insert_bytes(struct editor *e, const char *bytes, size_t n)
{
	if (e->len + n + 1 > e->cap) {
		size_t cap = (e->len + n + 1) * 2;
		char *grown = realloc(e->text, cap);

		if (grown == NULL)
			return false;
		e->text = grown;
		e->cap = cap;
	}
	memmove(e->text + e->cursor + n, e->text + e->cursor, e->len - e->cursor + 1);
	memcpy(e->text + e->cursor, bytes, n);
	e->len += n;
	e->cursor += n;
	return true;
}

static bool insert_char(struct editor *e, unsigned c)
{
	char b[4];
	size_t n;

	if (c < 0x80) {
		b[0] = (char)c;
		n = 1;
	} else if (c < 0x800) {
		b[0] = (char)(0xC0 | (c >> 6));
		b[1] = (char)(0x80 | (c & 0x3F));
		n = 2;
	} else if (c < 0x10000) {
		b[0] = (char)(0xE0 | (c >> 12));
		b[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		b[2] = (char)(0x80 | (c & 0x3F));
		n = 3;
	} else {
		b[0] = (char)(0xF0 | (c >> 18));
		b[1] = (char)(0x80 | ((c >> 12) & 0x3F));
		b[2] = (char)(0x80 | ((c >> 6) & 0x3F));
		b[3] = (char)(0x80 | (c & 0x3F));
		n = 4;
	}
	return insert_bytes(e, b, n);
}

static void erase_range(struct editor *e, size_t from, size_t to)
{
	memmove(e->text + from, e->text + to, e->len - to + 1);
	e->len -= to - from;
	e->cursor = from;
}

/* --- laying it out -------------------------------------------------------------- */

static bool add_row(struct editor *e, size_t start, size_t end, int *capacity)
{
	if (e->row_count == *capacity) {
		int more = *capacity ? *capacity * 2 : 64;
		struct row *grown = realloc(e->rows, (size_t)more * sizeof *grown);

		if (grown == NULL)
			return false;
		e->rows = grown;
		*capacity = more;
	}
	e->rows[e->row_count].start = start;
	e->rows[e->row_count].end = end;
	e->row_count++;
	return true;
}

/* Rows of at most width columns, broken after a space where there is
 * one, else inside the word; each line break starts a row. */
static void layout(struct editor *e, int width)
{
	int capacity = 0;
	size_t start = 0;

	free(e->rows);
	e->rows = NULL;
	e->row_count = 0;
	e->width = width < 1 ? 1 : width;
	while (start <= e->len) {
		size_t at = start;
		size_t after_space = 0;
		int used = 0;

		while (at < e->len && e->text[at] != '\n') {
			int w = char_columns(e, at);

			if (used + w > e->width && at > start)
				break;
			used += w;
			if (e->text[at] == ' ')
				after_space = at + 1;
			at = next_char(e, at);
		}
		if (at < e->len && e->text[at] != '\n' && after_space > start)
			at = after_space;
		if (!add_row(e, start, at, &capacity))
			return;
		if (at < e->len && e->text[at] == '\n')
			at++;
		else if (at >= e->len)
			break;
		start = at;
		if (start == e->len && e->text[start - 1] == '\n') {
			add_row(e, start, start, &capacity);
			break;
		}
	}
}

/* The row holding the cursor: at a break, the row it begins. */
static int cursor_row(const struct editor *e)
{
	for (int r = e->row_count - 1; r >= 0; r--)
		if (e->rows[r].start <= e->cursor)
			return r;
	return 0;
}

static int columns_between(const struct editor *e, size_t from, size_t to)
{
	int used = 0;

	for (size_t at = from; at < to; at = next_char(e, at))
		used += char_columns(e, at);
	return used;
}

/* The offset in row r nearest column col. */
static size_t at_column(const struct editor *e, int r, int col)
{
	size_t at = e->rows[r].start;
	int used = 0;

	while (at < e->rows[r].end && e->text[at] != '\n') {
		int w = char_columns(e, at);

		if (used + w > col)
			break;
		used += w;
		at = next_char(e, at);
	}
	/* Not past a row's end onto the next row's start, but on the last row. */
	if (at == e->rows[r].end && r + 1 < e->row_count && at == e->rows[r + 1].start && at > e->rows[r].start)
		at = previous_char(e, at);
	return at;
}

/* --- the screen ----------------------------------------------------------------- */

static size_t characters(const struct editor *e)
{
	size_t n = 0;

	for (size_t at = 0; at < e->len; at = next_char(e, at))
		n++;
	return n;
}

static void editor_draw(struct screen *s, struct ui *ui, int y, int x, int height, int width)
{
	struct editor *e = (struct editor *)s;
	int text_rows = height - 3;
	int r;
	char where[80];

	layout(e, width - 2);
	if (text_rows < 1)
		text_rows = 1;
	r = cursor_row(e);
	if (r < e->top)
		e->top = r;
	if (r >= e->top + text_rows)
		e->top = r - text_rows + 1;
	for (int i = 0; i < text_rows; i++) {
		int row = e->top + i;
		char *piece;

		if (row >= e->row_count) {
			draw_text(y + 1 + i, x + 1, width - 2, "", ui->attr[ATTR_NORMAL]);
			continue;
		}
		piece = strndup(e->text + e->rows[row].start, e->rows[row].end - e->rows[row].start);
		if (piece != NULL && piece[0] != '\0' && piece[strlen(piece) - 1] == '\n')
			piece[strlen(piece) - 1] = '\0';
		draw_text(y + 1 + i, x + 1, width - 2, piece ? piece : "", ui->attr[ATTR_INPUT]);
		free(piece);
	}
	snprintf(where, sizeof where, "%s%srow %d of %d, %zu characters",
		 e->top > 0 ? "\xE2\x86\x91 more  " : "",
		 e->top + text_rows < e->row_count ? "\xE2\x86\x93 more  " : "",
		 r + 1, e->row_count, characters(e));
	draw_text(y + height - 1, x + 1, width - 2, where, ui->attr[ATTR_MUTED]);
	ui_place_cursor(ui, y + 1 + r - e->top,
			x + 1 + columns_between(e, e->rows[r].start, e->cursor));
}

static void move_rows(struct editor *e, int by)
{
	int r = cursor_row(e);
	int to = r + by;

	if (e->goal < 0)
		e->goal = columns_between(e, e->rows[r].start, e->cursor);
	if (to < 0)
		to = 0;
	if (to >= e->row_count)
		to = e->row_count - 1;
	e->cursor = at_column(e, to, e->goal);
}

static bool editor_key(struct screen *s, struct ui *ui, int key)
{
	struct editor *e = (struct editor *)s;
	int r;
	int keep_goal = false;

	(void)ui;
	if (e->row_count == 0)
		layout(e, e->width);
	r = cursor_row(e);
	if (key == KEY_FN(KEY_UP) || key == KEY_FN(KEY_DOWN)) {
		move_rows(e, key == KEY_FN(KEY_UP) ? -1 : 1);
		keep_goal = true;
	} else if (key == KEY_FN(KEY_PPAGE) || key == KEY_FN(KEY_NPAGE)) {
		move_rows(e, key == KEY_FN(KEY_PPAGE) ? -(LINES - 6) : LINES - 6);
		keep_goal = true;
	} else if (key == KEY_FN(KEY_LEFT)) {
		e->cursor = previous_char(e, e->cursor);
	} else if (key == KEY_FN(KEY_RIGHT)) {
		e->cursor = next_char(e, e->cursor);
	} else if (key == KEY_FN(KEY_HOME) || key == KEY_CTRL('a')) {
		e->cursor = e->rows[r].start;
	} else if (key == KEY_FN(KEY_END) || key == KEY_CTRL('e')) {
		e->cursor = at_column(e, r, 1 << 30);
	} else if (e->read_only) {
		return false;
	} else if (key == KEY_FN(KEY_BACKSPACE) || key == 127 || key == KEY_CTRL('h')) {
		if (e->cursor > 0)
			erase_range(e, previous_char(e, e->cursor), e->cursor);
	} else if (key == KEY_FN(KEY_DC)) {
		if (e->cursor < e->len)
			erase_range(e, e->cursor, next_char(e, e->cursor));
	} else if (ui_is_enter(key)) {
		insert_bytes(e, "\n", 1);
	} else if ((key >= 0x20 && key != 0x7F && key < 0x110000 &&
		    !(key >= 0x80 && key < 0xA0))) {
		insert_char(e, (unsigned)key);
	} else {
		return false;
	}
	if (!keep_goal)
		e->goal = -1;
	layout(e, e->width);
	return true;
}

static void hand_back(struct screen *s, struct ui *ui, bool save)
{
	struct editor *e = (struct editor *)s;
	editor_done_fn done = e->done;
	void *arg = e->arg;
	char *text = strdup(e->text);

	ui_pop(ui);
	if (text != NULL)
		done(ui->top, ui, text, save, arg);
	free(text);
}

static void editor_save(struct screen *s, struct ui *ui)
{
	hand_back(s, ui, true);
}

static void editor_back(struct screen *s, struct ui *ui)
{
	hand_back(s, ui, false);
}

static bool editor_dirty(struct screen *s)
{
	struct editor *e = (struct editor *)s;

	return strcmp(e->text, e->original) != 0;
}

static void discard(struct screen *s, struct ui *ui, int key, void *arg)
{
	(void)s;
	(void)key;
	(void)arg;
	ui_pop(ui);
}

static void editor_cancel(struct screen *s, struct ui *ui)
{
	if (editor_dirty(s))
		prompt_confirm(ui, "Leave the text as it was, without what you typed?", discard, NULL, NULL);
	else
		ui_pop(ui);
}

static void editor_destroy(struct screen *s)
{
	struct editor *e = (struct editor *)s;

	free(e->text);
	free(e->original);
	free(e->rows);
	if (e->free_arg != NULL)
		e->free_arg(e->arg);
	free(e);
}

/* clang-format off */
static const struct action editor_actions[] = {
	{"save", {KEY_CTRL('s'), KEY_FN(KEY_F(2))}, "save", "keep the text and save the record",
	 ACTION_STATUS, editor_save, NULL, NULL},
	{"back", {'\t', KEY_FN(KEY_BTAB)}, "back", "keep the text and go on with the form",
	 ACTION_STATUS, editor_back, NULL, NULL},
	{"cancel", {KEY_ESCAPE}, "cancel", "go back, leaving the text as it was (asks first)",
	 ACTION_STATUS, editor_cancel, NULL, NULL},
	{NULL},
};
/* clang-format on */

/* clang-format off */
static const struct action editor_typing[] = {
	{"type", {0}, "", "type; Enter starts a new line; a paste of several lines comes in whole",
	 0, NULL, NULL, NULL},
	{"move", {0}, "", "arrows move by character and row, Home/End to the row's ends, "
	 "PgUp/PgDn by a screen", 0, NULL, NULL, NULL},
	{NULL},
};
/* clang-format on */

static const struct action *const editor_tables[] = {editor_actions, editor_typing, NULL};

const struct screen_class editor_class = {
	.name = "Editor",
	.actions = editor_tables,
	.draw = editor_draw,
	.key = editor_key,
	.dirty = editor_dirty,
	.destroy = editor_destroy,
};

static void viewer_close(struct screen *s, struct ui *ui)
{
	(void)s;
	ui_pop(ui);
}

static void viewer_write(struct screen *s, struct ui *ui)
{
	struct editor *e = (struct editor *)s;

	e->write(ui, e->arg);
}

static bool may_write(struct screen *s, struct ui *ui)
{
	(void)ui;
	return ((struct editor *)s)->write != NULL;
}

/* clang-format off */
static const struct action viewer_actions[] = {
	{"write", {'w'}, "write file", "write it to a file, to print or send (recorded in the audit)",
	 ACTION_STATUS, viewer_write, may_write, NULL},
	{"close", {KEY_ESCAPE}, "back", "go back", 0, viewer_close, NULL, NULL},
	{NULL},
};
/* clang-format on */

/* clang-format off */
static const struct action viewer_moving[] = {
	{"move", {0}, "", "Up/Down move by row, PgUp/PgDn by a screen, Home/End to a row's ends",
	 0, NULL, NULL, NULL},
	{NULL},
};
/* clang-format on */

static const struct action *const viewer_tables[] = {viewer_actions, viewer_moving, NULL};

const struct screen_class viewer_class = {
	.name = "Full record",
	.actions = viewer_tables,
	.draw = editor_draw,
	.key = editor_key,
	.destroy = editor_destroy,
};

void editor_view(struct ui *ui, const char *title, const char *text, viewer_write_fn write,
		 void *arg, void (*free_arg)(void *))
{
	struct editor *e = calloc(1, sizeof *e);

	if (e == NULL || (e->text = strdup(text ? text : "")) == NULL ||
	    (e->original = strdup("")) == NULL) {
		if (e != NULL)
			free(e->text);
		free(e);
		if (free_arg != NULL)
			free_arg(arg);
		return;
	}
	e->base.cls = &viewer_class;
	snprintf(e->base.title, sizeof e->base.title, "%s", title);
	e->len = strlen(e->text);
	e->cap = e->len + 1;
	e->goal = -1;
	e->width = COLS > 2 ? COLS - 2 : 1;
	e->read_only = true;
	e->write = write;
	e->arg = arg;
	e->free_arg = free_arg;
	layout(e, e->width);
	ui_push(ui, &e->base);
}

void editor_open(struct ui *ui, const char *title, const char *text, int first_key,
		 editor_done_fn done, void *arg)
{
	struct editor *e = calloc(1, sizeof *e);

	if (e == NULL)
		return;
	e->base.cls = &editor_class;
	snprintf(e->base.title, sizeof e->base.title, "%s", title);
	e->text = strdup(text ? text : "");
	e->original = strdup(text ? text : "");
	if (e->text == NULL || e->original == NULL) {
		editor_destroy(&e->base);
		return;
	}
	e->len = strlen(e->text);
	e->cap = e->len + 1;
	e->cursor = e->len;
	e->goal = -1;
	e->width = COLS > 2 ? COLS - 2 : 1;
	e->done = done;
	e->arg = arg;
	layout(e, e->width);
	ui_push(ui, &e->base);
	if (first_key != 0)
		editor_key(&e->base, ui, first_key);
}
