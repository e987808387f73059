/* A line of text being typed: in a form's field, a prompt or a filter. */
#ifndef SMREG_TUI_LINE_H
#define SMREG_TUI_LINE_H

#include <stdbool.h>
#include <stddef.h>

#include "tui/ui.h"

struct line {
	char *text; /* UTF-8, NUL-terminated, owned */
	size_t len;
	size_t cap;
	size_t cursor; /* byte offset, on a character boundary */
};

/* Start with text (NULL: empty).  Returns -1 when out of memory. */
int line_init(struct line *l, const char *text);
void line_free(struct line *l);

/* Replace the whole text. */
int line_set(struct line *l, const char *text);

/*
 * Apply an editing key: characters, Backspace, Delete, Left, Right,
 * Home/^A, End/^E, ^U (clear), ^K (to the end), ^W (word).  Returns true
 * when the key was an editing key; *changed says whether the text changed.
 */
bool line_key(struct line *l, int key, bool *changed);

/* Draw into width columns at (y, x), scrolled to show the cursor, and
 * place the terminal's cursor when focused. */
void line_draw(struct line *l, struct ui *ui, int y, int x, int width, attr_t attr,
	       bool focused);

#endif
