/* Long text wrapped whole, in terminal columns. */
#include "tui/wrap.h"

#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "tui/ui.h"

/* Columns of the one character of n bytes at s. */
static int char_columns(const char *s, size_t n)
{
	char one[8] = {0};

	memcpy(one, s, n < sizeof one - 1 ? n : sizeof one - 1);
	return text_width(one);
}

/* The end of the line that starts at start, within end_of_line: after the
 * last space that fits, else as many characters as fit (at least one). */
static const char *line_end(const char *start, const char *end_of_line, int width)
{
	const char *at = start;
	const char *after_space = NULL;
	int used = 0;

	while (at < end_of_line) {
		unsigned code;
		size_t n = text_decode(at, (size_t)(end_of_line - at), &code);
		int w;

		if (n == 0)
			n = 1; /* text_safe() leaves none; a byte is a step */
		w = char_columns(at, n);
		if (used + w > width && at > start)
			return after_space ? after_space : at;
		used += w;
		at += n;
		if (at[-1] == ' ')
			after_space = at;
	}
	return at;
}

static void draw_piece(int y, int x, int width, const char *from, const char *to, attr_t attr)
{
	char *piece = strndup(from, (size_t)(to - from));

	if (piece != NULL)
		draw_text(y, x, width, piece, attr);
	free(piece);
}

int wrap_draw(int y, int x, int width, int skip, int max_lines, const char *text, attr_t attr)
{
	char *safe = text_safe(text ? text : "", false);
	int lines = 0;

	if (safe == NULL || width <= 0) {
		free(safe);
		return 1;
	}
	for (const char *p = safe;;) {
		const char *eol = strchr(p, '\n');

		if (eol == NULL)
			eol = p + strlen(p);
		do {
			const char *end = line_end(p, eol, width);

			if (lines >= skip && lines - skip < max_lines)
				draw_piece(y + lines - skip, x, width, p, end, attr);
			lines++;
			p = end;
		} while (p < eol);
		if (*eol == '\0')
			break;
		p = eol + 1;
	}
	free(safe);
	return lines;
}
