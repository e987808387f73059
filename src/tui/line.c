/* Typing a line of UTF-8 text. */
#include "tui/line.h"

#include <stdlib.h>
#include <string.h>

#include "core/text.h"

int line_init(struct line *l, const char *text)
{
	memset(l, 0, sizeof *l);
	return line_set(l, text);
}

void line_free(struct line *l)
{
	free(l->text);
	memset(l, 0, sizeof *l);
}

static int reserve(struct line *l, size_t need)
{
	if (need + 1 > l->cap) {
		size_t cap = (need + 1) * 2;
		char *grown = realloc(l->text, cap);

		if (grown == NULL)
			return -1;
		l->text = grown;
		l->cap = cap;
	}
	return 0;
}

int line_set(struct line *l, const char *text)
{
	size_t len = text ? strlen(text) : 0;

	if (reserve(l, len) != 0)
		return -1;
	memcpy(l->text, text ? text : "", len + 1);
	l->len = len;
	l->cursor = len;
	return 0;
}

static size_t encode(unsigned c, char *out)
{
	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (char)(0xC0 | (c >> 6));
		out[1] = (char)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c < 0x10000) {
		out[0] = (char)(0xE0 | (c >> 12));
		out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		out[2] = (char)(0x80 | (c & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (c >> 18));
	out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
	out[3] = (char)(0x80 | (c & 0x3F));
	return 4;
}

static bool insert(struct line *l, unsigned c)
{
	char bytes[4];
	size_t n = encode(c, bytes);

	if (reserve(l, l->len + n) != 0)
		return false;
	memmove(l->text + l->cursor + n, l->text + l->cursor, l->len - l->cursor + 1);
	memcpy(l->text + l->cursor, bytes, n);
	l->len += n;
	l->cursor += n;
	return true;
}

static size_t previous_char(const struct line *l, size_t at)
{
	while (at > 0 && (l->text[--at] & 0xC0) == 0x80)
		;
	return at;
}

static size_t next_char(const struct line *l, size_t at)
{
	if (at < l->len)
		at++;
	while (at < l->len && (l->text[at] & 0xC0) == 0x80)
		at++;
	return at;
}

static void erase_range(struct line *l, size_t from, size_t to)
{
	memmove(l->text + from, l->text + to, l->len - to + 1);
	l->len -= to - from;
	l->cursor = from;
}

static size_t previous_word(const struct line *l, size_t at)
{
	while (at > 0 && l->text[at - 1] == ' ')
		at--;
	while (at > 0 && l->text[at - 1] != ' ')
		at--;
	return at;
}

bool line_key(struct line *l, int key, bool *changed)
{
	size_t before = l->len;

	*changed = false;
	switch (key) {
	case KEY_FN(KEY_BACKSPACE):
	case 127:
	case KEY_CTRL('h'):
		if (l->cursor > 0)
			erase_range(l, previous_char(l, l->cursor), l->cursor);
		break;
	case KEY_FN(KEY_DC):
		if (l->cursor < l->len)
			erase_range(l, l->cursor, next_char(l, l->cursor));
		break;
	case KEY_FN(KEY_LEFT):
		l->cursor = previous_char(l, l->cursor);
		return true;
	case KEY_FN(KEY_RIGHT):
		l->cursor = next_char(l, l->cursor);
		return true;
	case KEY_FN(KEY_HOME):
	case KEY_CTRL('a'):
		l->cursor = 0;
		return true;
	case KEY_FN(KEY_END):
	case KEY_CTRL('e'):
		l->cursor = l->len;
		return true;
	case KEY_CTRL('u'):
		erase_range(l, 0, l->len);
		break;
	case KEY_CTRL('k'):
		erase_range(l, l->cursor, l->len);
		break;
	case KEY_CTRL('w'):
		erase_range(l, previous_word(l, l->cursor), l->cursor);
		break;
	default:
		/* Printable characters only: control characters are never typed in. */
		if (key < 0x20 || key == 0x7F || (key >= 0x80 && key < 0xA0) || key >= 0x110000)
			return false;
		if (!insert(l, (unsigned)key))
			return true;
		*changed = true;
		return true;
	}
	*changed = l->len != before;
	return true;
}

/* Columns the text from byte `from` to byte `to` takes. */
static int span_width(const struct line *l, size_t from, size_t to)
{
	char *part = malloc(to - from + 1);
	int w;

	if (part == NULL)
		return 0;
	memcpy(part, l->text + from, to - from);
	part[to - from] = '\0';
	w = text_width(part);
	free(part);
	return w;
}

void line_draw(struct line *l, struct ui *ui, int y, int x, int width, attr_t attr,
	       bool focused)
{
	size_t start = 0;

	if (width <= 0)
		return;
	/* Scroll so the cursor stays in view, with a column to spare; a field
	 * not being typed in shows its beginning. */
	while (focused && start < l->cursor && span_width(l, start, l->cursor) > width - 1)
		start = next_char(l, start);
	draw_text(y, x, width, l->text + start, attr);
	if (focused)
		ui_place_cursor(ui, y, x + span_width(l, start, l->cursor));
}
