/* Colours by meaning, with a monochrome that reads as well; safe text. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "tui/ui.h"

struct style {
	short fg;
	short bg;
	attr_t color_extra; /* added to the colour pair */
	attr_t mono;	    /* without colour */
};

/* Never colour alone: every role also differs in weight or words. */
static const struct style styles[ATTR_COUNT] = {
	[ATTR_NORMAL] = {-1, -1, 0, A_NORMAL},
	[ATTR_TITLE] = {COLOR_WHITE, COLOR_BLUE, A_BOLD, A_REVERSE | A_BOLD},
	[ATTR_STATUS] = {COLOR_BLACK, COLOR_CYAN, 0, A_REVERSE},
	[ATTR_SELECTED] = {-1, -1, A_REVERSE, A_REVERSE},
	[ATTR_HEADING] = {-1, -1, A_BOLD | A_UNDERLINE, A_BOLD | A_UNDERLINE},
	[ATTR_OVERDUE] = {COLOR_RED, -1, A_BOLD, A_BOLD},
	[ATTR_DUE] = {COLOR_YELLOW, -1, A_BOLD, A_NORMAL},
	[ATTR_INFO] = {COLOR_CYAN, -1, 0, A_NORMAL},
	[ATTR_OK] = {COLOR_GREEN, -1, A_BOLD, A_BOLD},
	[ATTR_MUTED] = {-1, -1, A_DIM, A_DIM},
	[ATTR_ERROR] = {COLOR_RED, -1, A_BOLD, A_BOLD},
	[ATTR_INPUT] = {-1, -1, A_UNDERLINE, A_UNDERLINE},
};

void draw_setup_colors(struct ui *ui)
{
	bool color = ui->color && has_colors();

	if (color) {
		start_color();
		use_default_colors();
	}
	for (int i = 0; i < ATTR_COUNT; i++) {
		const struct style *st = &styles[i];

		if (color && (st->fg != -1 || st->bg != -1)) {
			init_pair((short)i, st->fg, st->bg);
			ui->attr[i] = COLOR_PAIR(i) | st->color_extra;
		} else {
			ui->attr[i] = color ? st->color_extra : st->mono;
		}
	}
}

int draw_text(int y, int x, int width, const char *text, attr_t attr)
{
	char *safe;
	char fitted[2048];

	if (width <= 0)
		return 0;
	safe = text_safe(text ? text : "", true);
	if (safe == NULL)
		return 0;
	text_fit(safe, width, fitted, sizeof fitted);
	free(safe);
	attrset(attr);
	mvaddstr(y, x, fitted);
	attrset(A_NORMAL);
	return width;
}

int draw_text_left(int y, int x, int width, const char *text, attr_t attr)
{
	char *safe;
	int w;

	if (width <= 0)
		return 0;
	safe = text_safe(text ? text : "", true);
	if (safe == NULL)
		return 0;
	w = text_width(safe);
	free(safe);
	if (w > width)
		w = width;
	return draw_text(y, x, w, text, attr);
}

int draw_wrapped(int y, int x, int width, int max_lines, const char *text, attr_t attr,
		 bool draw)
{
	int lines = draw_wrapped_from(y, x, width, 0, draw ? max_lines : 0, text, attr);

	return lines < max_lines ? lines : max_lines;
}

int draw_wrapped_from(int y, int x, int width, int skip, int max_lines, const char *text,
		      attr_t attr)
{
	char *safe = text_safe(text ? text : "", true);
	char line[1024] = "";
	int lines = 0;

	if (safe == NULL || width <= 0) {
		free(safe);
		return 0;
	}
	for (char *save = NULL, *word = strtok_r(safe, " ", &save); word != NULL;
	     word = strtok_r(NULL, " ", &save)) {
		if (line[0] != '\0' && text_width(line) + 1 + text_width(word) > width) {
			if (lines >= skip && lines - skip < max_lines)
				draw_text(y + lines - skip, x, width, line, attr);
			lines++;
			line[0] = '\0';
		}
		snprintf(line + strlen(line), sizeof line - strlen(line), "%s%s",
			 line[0] ? " " : "", word);
	}
	if (line[0] != '\0') {
		if (lines >= skip && lines - skip < max_lines)
			draw_text(y + lines - skip, x, width, line, attr);
		lines++;
	}
	free(safe);
	return lines;
}

void draw_box(int y, int x, int height, int width, const char *title, struct ui *ui)
{
	for (int row = 0; row < height; row++)
		mvhline(y + row, x, ' ', width);
	attrset(ui->attr[ATTR_HEADING] & ~A_UNDERLINE);
	mvhline(y, x, ACS_HLINE, width);
	mvhline(y + height - 1, x, ACS_HLINE, width);
	mvvline(y, x, ACS_VLINE, height);
	mvvline(y, x + width - 1, ACS_VLINE, height);
	mvaddch(y, x, ACS_ULCORNER);
	mvaddch(y, x + width - 1, ACS_URCORNER);
	mvaddch(y + height - 1, x, ACS_LLCORNER);
	mvaddch(y + height - 1, x + width - 1, ACS_LRCORNER);
	attrset(A_NORMAL);
	if (title != NULL && width > 6) {
		char padded[256];

		snprintf(padded, sizeof padded, " %s ", title);
		draw_text_left(y, x + 2, width - 4, padded, ui->attr[ATTR_HEADING] & ~A_UNDERLINE);
	}
}

static const struct {
	int key;
	const char *name;
} key_names[] = {
	{KEY_ENTER_CHAR, "Enter"},
	{'\r', "Enter"},
	{KEY_FN(KEY_ENTER), "Enter"},
	{'\t', "Tab"},
	{KEY_FN(KEY_BTAB), "S-Tab"},
	{KEY_ESCAPE, "Esc"},
	{' ', "Space"},
	{KEY_FN(KEY_UP), "Up"},
	{KEY_FN(KEY_DOWN), "Down"},
	{KEY_FN(KEY_LEFT), "Left"},
	{KEY_FN(KEY_RIGHT), "Right"},
	{KEY_FN(KEY_PPAGE), "PgUp"},
	{KEY_FN(KEY_NPAGE), "PgDn"},
	{KEY_FN(KEY_HOME), "Home"},
	{KEY_FN(KEY_END), "End"},
	{KEY_FN(KEY_F(1)), "F1"},
	{KEY_FN(KEY_F(2)), "F2"},
	{KEY_FN(KEY_DC), "Del"},
	{KEY_FN(KEY_BACKSPACE), "Backspace"},
	{127, "Backspace"},
};

const char *ui_key_name(int key, char *buf, int len)
{
	for (size_t i = 0; i < sizeof key_names / sizeof key_names[0]; i++) {
		if (key_names[i].key == key) {
			snprintf(buf, (size_t)len, "%s", key_names[i].name);
			return buf;
		}
	}
	if (key > 0 && key < 32)
		snprintf(buf, (size_t)len, "^%c", key + '@');
	else if (key < 0x110000) {
		char utf8[8] = {0};

		/* The keys of the tables are ASCII. */
		utf8[0] = (char)key;
		snprintf(buf, (size_t)len, "%s", utf8);
	} else {
		snprintf(buf, (size_t)len, "key %d", key - 0x110000);
	}
	return buf;
}
