/* Core's messages in the words of the screen (core/wording.h). */
#include "core/wording.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

const char *wording_label(const struct record_type *type, const char *name)
{
	const struct field *f = type && name ? record_field_find(type, name) : NULL;

	return f ? f->label : name;
}

static bool is_word_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

/* Whether the words in buf[0, used) end with "as ": the schema's way of
 * naming a field ("or the member of staff as concerns"). */
static bool after_as(const char *buf, size_t used)
{
	return used >= 3 && strncmp(buf + used - 3, "as ", 3) == 0 &&
	       (used == 3 || buf[used - 4] == ' ');
}

/* text into buf with each column name of type (a word with an underscore,
 * which no sentence uses, or a field's name after "as") put as its label. */
static void labels_in(const struct record_type *type, const char *text, char *buf, size_t len)
{
	size_t used = 0;

	buf[0] = '\0';
	while (*text != '\0' && used + 1 < len) {
		size_t word = 0;

		while (is_word_char(text[word]))
			word++;
		if (word == 0) {
			buf[used++] = *text++;
			buf[used] = '\0';
			continue;
		}
		{
			char name[64];
			const char *shown = NULL;

			if (word < sizeof name &&
			    (memchr(text, '_', word) != NULL || after_as(buf, used))) {
				memcpy(name, text, word);
				name[word] = '\0';
				if (record_field_find(type, name) != NULL)
					shown = wording_label(type, name);
			}
			used += (size_t)snprintf(buf + used, len - used, "%.*s",
						 shown ? (int)strlen(shown) : (int)word,
						 shown ? shown : text);
			if (used >= len)
				used = len - 1;
		}
		text += word;
	}
}

const char *wording_error(const struct record_type *type, const struct error *err, char *buf,
			  size_t len)
{
	char why[sizeof err->text];

	if (type == NULL)
		return error_message(err, buf, len);
	labels_in(type, err->text, why, sizeof why);
	/* A name that is no field of the register (the audit's reason) is
	 * still a word at the head of a sentence: "Reason: is blank". */
	if (err->field[0] >= 'a' && err->field[0] <= 'z' &&
	    record_field_find(type, err->field) == NULL)
		snprintf(buf, len, "%c%s: %s", err->field[0] - 'a' + 'A', err->field + 1, why);
	else if (err->field[0] != '\0')
		snprintf(buf, len, "%s: %s", wording_label(type, err->field), why);
	else
		snprintf(buf, len, "%s", why);
	return buf;
}
