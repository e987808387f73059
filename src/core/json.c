#include "core/json.h"

#include <stdbool.h>
#include <string.h>

#include "core/text.h"

/* Written as \uXXXX: what a terminal must not be sent as it is, and the
 * separators JavaScript takes for line ends. */
static bool escaped(unsigned c)
{
	return text_is_unshowable(c) || c == 0x2028 || c == 0x2029;
}

void json_write_string(FILE *out, const char *s)
{
	size_t len;
	unsigned c;

	if (s == NULL) {
		fputs("null", out);
		return;
	}
	len = strlen(s);
	fputc('"', out);
	for (size_t i = 0, n; i < len; i += n) {
		n = text_decode(s + i, len - i, &c);
		if (n == 0) {
			/* JSON is UTF-8: a byte that is not becomes U+FFFD. */
			fputs("\\ufffd", out);
			n = 1;
			continue;
		}
		if (n > 1) {
			if (escaped(c))
				fprintf(out, "\\u%04x", c);
			else
				fwrite(s + i, 1, n, out);
			continue;
		}
		switch (c) {
		case '"':
			fputs("\\\"", out);
			break;
		case '\\':
			fputs("\\\\", out);
			break;
		case '\n':
			fputs("\\n", out);
			break;
		case '\t':
			fputs("\\t", out);
			break;
		case '\r':
			fputs("\\r", out);
			break;
		default:
			if (escaped(c))
				fprintf(out, "\\u%04x", c);
			else
				fputc((int)c, out);
		}
	}
	fputc('"', out);
}
