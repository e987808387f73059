#include "core/text.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <langinfo.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <wchar.h>

#define REPLACEMENT "\xEF\xBF\xBD"   /* U+FFFD */
#define RETURN_SYMBOL "\xE2\x86\xB5" /* U+21B5 */
#define ELLIPSIS "\xE2\x80\xA6"	     /* U+2026 */

bool text_use_utf8_locale(void)
{
	const char *codeset;

	setlocale(LC_CTYPE, "");
	codeset = nl_langinfo(CODESET);
	if (codeset != NULL && strcasecmp(codeset, "UTF-8") == 0)
		return true;
	return setlocale(LC_CTYPE, "C.UTF-8") != NULL;
}

size_t text_decode(const char *s, size_t len, unsigned *code)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned c;
	size_t n;
	unsigned min;

	if (len == 0)
		return 0;
	if (u[0] < 0x80) {
		*code = u[0];
		return 1;
	} else if ((u[0] & 0xE0) == 0xC0) {
		c = u[0] & 0x1F;
		n = 2;
		min = 0x80;
	} else if ((u[0] & 0xF0) == 0xE0) {
		c = u[0] & 0x0F;
		n = 3;
		min = 0x800;
	} else if ((u[0] & 0xF8) == 0xF0) {
		c = u[0] & 0x07;
		n = 4;
		min = 0x10000;
	} else {
		return 0;
	}
	if (len < n)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((u[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (u[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*code = c;
	return n;
}

/* Characters that reorder or hide text around them: shown as U+FFFD. */
static bool is_bidi_control(unsigned c)
{
	return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) ||
	       c == 0x200E || c == 0x200F || c == 0x061C;
}

static bool is_control(unsigned c)
{
	return c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0);
}

bool text_is_unshowable(unsigned c)
{
	return is_control(c) || is_bidi_control(c);
}

bool text_is_storable(const char *s, bool multiline, const char **why)
{
	size_t len = strlen(s);
	size_t i = 0;

	while (i < len) {
		unsigned c;
		size_t n = text_decode(s + i, len - i, &c);

		if (n == 0) {
			*why = "is not valid UTF-8 text";
			return false;
		}
		if (is_control(c) && !(multiline && (c == '\n' || c == '\t'))) {
			*why = multiline ? "contains a control character"
					 : "contains a control character (a field of one line takes no tabs or line breaks)";
			return false;
		}
		if (is_bidi_control(c)) {
			*why = "contains a character that reverses the direction of text";
			return false;
		}
		i += n;
	}
	return true;
}

/* How many bytes from s on are printable ASCII, one column each, shown as
 * they are: most text is, and needs no decoding. */
static size_t ascii_run(const char *s, size_t len)
{
	size_t n = 0;

	while (n < len && s[n] >= 0x20 && s[n] < 0x7F)
		n++;
	return n;
}

static int char_width(unsigned c)
{
	int w = wcwidth((wchar_t)c);

	return w < 0 ? 1 : w;
}

int text_width(const char *s)
{
	size_t len = strlen(s);
	size_t i = 0;
	int width = 0;

	while (i < len) {
		unsigned c;
		size_t run = ascii_run(s + i, len - i);
		size_t n = run > 0 ? 0 : text_decode(s + i, len - i, &c);

		if (run > 0 || n == 0) {
			width += run > 0 ? (int)run : 1;
			i += run > 0 ? run : 1;
			continue;
		}
		/* As text_safe shows them: "^X", and a tab, a line break, a C1
		 * control or a bidi control (U+FFFD) in one column. */
		if (c == '\t' || c == '\n' || (c >= 0x80 && c < 0xA0) || is_bidi_control(c))
			width += 1;
		else
			width += is_control(c) ? 2 : char_width(c);
		i += n;
	}
	return width;
}

/* Append n bytes to a buffer grown as needed; returns -1 when out of memory. */
static int append(char **buf, size_t *used, size_t *cap, const char *bytes, size_t n)
{
	if (*used + n + 1 > *cap) {
		size_t cap2 = (*cap + n + 1) * 2;
		char *grown = realloc(*buf, cap2);

		if (grown == NULL)
			return -1;
		*buf = grown;
		*cap = cap2;
	}
	memcpy(*buf + *used, bytes, n);
	*used += n;
	(*buf)[*used] = '\0';
	return 0;
}

/* The visible stand-in for an unshowable character c. */
static void escape_of(unsigned c, bool single_line, char *out, size_t *n)
{
	if (c == '\n' && single_line) {
		memcpy(out, RETURN_SYMBOL, 3);
		*n = 3;
	} else if (c == '\t') {
		out[0] = ' ';
		*n = 1;
	} else if (c < 0x20 || c == 0x7F) {
		out[0] = '^';
		out[1] = (char)(c == 0x7F ? '?' : c + '@');
		*n = 2;
	} else {
		memcpy(out, REPLACEMENT, 3);
		*n = 3;
	}
}

char *text_safe(const char *s, bool single_line)
{
	size_t len = s ? strlen(s) : 0;
	size_t cap = len + 1;
	size_t used = 0;
	size_t i = 0;
	char *buf = malloc(cap);

	if (buf == NULL)
		return NULL;
	buf[0] = '\0';
	while (i < len) {
		unsigned c;
		size_t run = ascii_run(s + i, len - i);
		size_t n = run > 0 ? run : text_decode(s + i, len - i, &c);
		char escape[4];
		size_t escape_len;
		int rc;

		if (run > 0) {
			rc = append(&buf, &used, &cap, s + i, run);
		} else if (n == 0) {
			rc = append(&buf, &used, &cap, REPLACEMENT, 3);
			n = 1;
		} else if ((c == '\n' && !single_line) ||
			   !text_is_unshowable(c)) {
			rc = append(&buf, &used, &cap, s + i, n);
		} else {
			escape_of(c, single_line, escape, &escape_len);
			rc = append(&buf, &used, &cap, escape, escape_len);
		}
		if (rc != 0) {
			free(buf);
			return NULL;
		}
		i += n;
	}
	return buf;
}

char *text_fit(const char *s, int columns, char *out, size_t len)
{
	int total = text_width(s);
	int limit = total > columns ? columns - 1 : columns;
	size_t in_len = strlen(s);
	size_t i = 0;
	size_t o = 0;
	int used = 0;

	if (len == 0)
		return out;
	while (i < in_len) {
		unsigned c;
		size_t run = ascii_run(s + i, in_len - i);
		size_t n;
		const char *bytes = s + i;
		size_t bytes_len;
		int w;

		/* A run of ASCII at once, as far as it fits. */
		if (limit <= used)
			run = 0;
		else if (run > (size_t)(limit - used))
			run = (size_t)(limit - used);
		if (run > 0 && o + run + 1 <= len) {
			memcpy(out + o, bytes, run);
			o += run;
			used += (int)run;
			i += run;
			continue;
		}
		n = text_decode(s + i, in_len - i, &c);
		bytes_len = n;
		if (n == 0) {
			/* Not expected in safe text; keep the columns right anyway. */
			bytes = "?";
			bytes_len = n = 1;
			c = '?';
		}
		w = char_width(c);
		if (used + w > limit || o + bytes_len + 1 > len)
			break;
		memcpy(out + o, bytes, bytes_len);
		o += bytes_len;
		used += w;
		i += n;
	}
	if (total > columns && columns > 0 && o + 4 <= len) {
		memcpy(out + o, ELLIPSIS, 3);
		o += 3;
		used += 1;
	}
	while (used < columns && o + 2 <= len) {
		out[o++] = ' ';
		used++;
	}
	out[o] = '\0';
	return out;
}

char *text_format(const char *fmt, ...)
{
	va_list ap;
	int len;
	char *out;

	va_start(ap, fmt);
	len = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (len < 0)
		return NULL;
	out = malloc((size_t)len + 1);
	if (out == NULL)
		return NULL;
	va_start(ap, fmt);
	vsnprintf(out, (size_t)len + 1, fmt, ap);
	va_end(ap);
	return out;
}

char *text_dup(const char *s)
{
	return s ? strdup(s) : NULL;
}

/* The length of the white space (Unicode's White_Space: ASCII spaces,
 * no-break and ideographic spaces...) at s, at most len bytes. */
static size_t space_at(const char *s, size_t len)
{
	unsigned c;
	size_t n = text_decode(s, len, &c);

	return n > 0 && uc_is_property_white_space(c) ? n : 0;
}

/* The length of the white space that ends s[0..len). */
static size_t space_before(const char *s, size_t len)
{
	size_t start = len;

	/* Step back to the first byte of the last character. */
	while (start > 0 && len - start < 4) {
		start--;
		if (((unsigned char)s[start] & 0xC0) != 0x80)
			break;
	}
	return start < len && space_at(s + start, len - start) == len - start ? len - start : 0;
}

char *text_trimmed(const char *s)
{
	size_t start = 0;
	size_t end = strlen(s);
	size_t n;
	char *out;

	while (start < end && (n = space_at(s + start, end - start)) > 0)
		start += n;
	while (end > start && (n = space_before(s + start, end - start)) > 0)
		end -= n;
	out = malloc(end - start + 1);
	if (out == NULL)
		return NULL;
	memcpy(out, s + start, end - start);
	out[end - start] = '\0';
	return out;
}

/* Characters a reader cannot see: default-ignorable code points (U+200B
 * ZERO WIDTH SPACE, U+2060 WORD JOINER, U+FEFF, soft hyphens, variation
 * selectors...), as libunistring knows them. */
static bool is_invisible(unsigned c)
{
	return uc_is_property_default_ignorable_code_point(c);
}

bool text_has_visible(const char *s)
{
	size_t len = strlen(s);
	size_t i = 0;

	while (i < len) {
		unsigned c;
		size_t n = text_decode(s + i, len - i, &c);

		if (n == 0)
			return true; /* not text: text_is_storable says so */
		if (!uc_is_property_white_space(c) && !is_invisible(c) && !text_is_unshowable(c))
			return true;
		i += n;
	}
	return false;
}

bool text_find_invisible(const char *s, unsigned *code)
{
	size_t len = strlen(s);
	size_t i = 0;

	while (i < len) {
		unsigned c;
		size_t n = text_decode(s + i, len - i, &c);

		if (n == 0) {
			i++;
			continue;
		}
		if (is_invisible(c)) {
			*code = c;
			return true;
		}
		i += n;
	}
	return false;
}

char *text_nfc(const char *s)
{
	size_t len = 0;
	uint8_t *nfc;
	char *out;

	/* ASCII is its own NFC: most values, and an import's every row, skip
	 * the work. */
	while (s[len] != '\0' && (unsigned char)s[len] < 0x80)
		len++;
	if (s[len] == '\0')
		return strdup(s);
	nfc = u8_normalize(UNINORM_NFC, (const uint8_t *)s, strlen(s), NULL, &len);
	if (nfc == NULL)
		return NULL;
	/* u8_normalize does not end its result with a NUL. */
	out = realloc(nfc, len + 1);
	if (out == NULL) {
		free(nfc);
		return NULL;
	}
	out[len] = '\0';
	return out;
}

char *text_fold(const char *s)
{
	size_t len = 0;
	uint8_t *folded;
	char *out;

	folded = u8_casefold((const uint8_t *)s, strlen(s), NULL, UNINORM_NFC, NULL, &len);
	if (folded == NULL)
		return NULL;
	/* u8_casefold does not end its result with a NUL. */
	out = realloc(folded, len + 1);
	if (out == NULL) {
		free(folded);
		return NULL;
	}
	out[len] = '\0';
	return out;
}
