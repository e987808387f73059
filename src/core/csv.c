#include "core/csv.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"

/* A file is read this much at a time: only the record being read is kept. */
#define CSV_WINDOW 65536

struct csv_reader {
	const char *data; /* the data, or the window on the file */
	size_t len;
	size_t pos;
	FILE *in; /* the file streamed, or NULL */
	char *window;
	long line; /* line of data[pos], from 1 */

	char *text; /* the current record's fields, NUL-separated */
	size_t text_used;
	size_t text_cap;

	size_t *starts; /* offsets of the fields in text */
	char **fields;	/* pointers handed out to the caller */
	size_t field_count;
	size_t field_cap;
};

struct csv_reader *csv_reader_new(const char *data, size_t len)
{
	struct csv_reader *r = calloc(1, sizeof *r);

	if (r == NULL)
		return NULL;
	r->data = data;
	r->len = len;
	r->line = 1;
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		r->pos = 3;
	return r;
}

/* Is there a byte at data[pos]?  A stream's window is refilled when it
 * has all been read: a field's bytes were copied into text already. */
static bool avail(struct csv_reader *r)
{
	if (r->pos < r->len)
		return true;
	if (r->in == NULL)
		return false;
	r->len = fread(r->window, 1, CSV_WINDOW, r->in);
	r->pos = 0;
	return r->len > 0;
}

struct csv_reader *csv_reader_file(FILE *in)
{
	struct csv_reader *r = calloc(1, sizeof *r);

	if (r == NULL || (r->window = malloc(CSV_WINDOW)) == NULL) {
		free(r);
		return NULL;
	}
	r->in = in;
	r->data = r->window;
	r->line = 1;
	if (avail(r) && r->len >= 3 && memcmp(r->data, "\xEF\xBB\xBF", 3) == 0)
		r->pos = 3;
	return r;
}

bool csv_reader_failed(const struct csv_reader *r)
{
	return r->in != NULL && ferror(r->in);
}

void csv_reader_free(struct csv_reader **reader)
{
	struct csv_reader *r = *reader;

	if (r == NULL)
		return;
	free(r->window);
	free(r->text);
	free(r->starts);
	free(r->fields);
	free(r);
	*reader = NULL;
}

static int put_char(struct csv_reader *r, char c)
{
	if (r->text_used + 1 >= r->text_cap) {
		size_t cap = r->text_cap ? r->text_cap * 2 : 256;
		char *grown = realloc(r->text, cap);

		if (grown == NULL)
			return -1;
		r->text = grown;
		r->text_cap = cap;
	}
	r->text[r->text_used++] = c;
	return 0;
}

/* Close the current field and open the next one. */
static int start_field(struct csv_reader *r)
{
	if (r->field_count == r->field_cap) {
		size_t cap = r->field_cap ? r->field_cap * 2 : 16;
		size_t *starts = realloc(r->starts, cap * sizeof *starts);
		char **fields;

		if (starts == NULL)
			return -1;
		r->starts = starts;
		fields = realloc(r->fields, cap * sizeof *fields);
		if (fields == NULL)
			return -1;
		r->fields = fields;
		r->field_cap = cap;
	}
	r->starts[r->field_count++] = r->text_used;
	return 0;
}

static int end_field(struct csv_reader *r)
{
	return put_char(r, '\0');
}

/* Is data[pos] the end of a record (LF, CRLF or a lone CR)? Consumes it. */
static int take_record_end(struct csv_reader *r)
{
	if (!avail(r))
		return 1;
	if (r->data[r->pos] == '\n') {
		r->pos++;
		r->line++;
		return 1;
	}
	if (r->data[r->pos] == '\r') {
		r->pos++;
		if (avail(r) && r->data[r->pos] == '\n')
			r->pos++;
		r->line++;
		return 1;
	}
	return 0;
}

/* Skip to the start of the next record after an error. */
static void skip_record(struct csv_reader *r)
{
	while (avail(r) && !take_record_end(r))
		r->pos++;
}

/* Read a quoted field; r->pos is just after the opening quote. */
static int read_quoted(struct csv_reader *r, const char **why)
{
	for (;;) {
		char c;

		if (!avail(r)) {
			*why = "a quoted field is not closed before the end of the file";
			return -1;
		}
		c = r->data[r->pos++];
		if (c == '"') {
			if (avail(r) && r->data[r->pos] == '"') {
				r->pos++;
				if (put_char(r, '"'))
					goto nomem;
				continue;
			}
			if (avail(r) && r->data[r->pos] != ',' &&
			    r->data[r->pos] != '\r' && r->data[r->pos] != '\n') {
				*why = "a closing quote is followed by more text (write a quote inside a quoted field as \"\")";
				return -1;
			}
			return 0;
		}
		if (c == '\0') {
			*why = "contains a NUL byte";
			return -1;
		}
		if (c == '\n' || (c == '\r' && !(avail(r) && r->data[r->pos] == '\n')))
			r->line++;
		if (c == '\r' && avail(r) && r->data[r->pos] == '\n')
			continue; /* a CRLF inside a field is kept as LF */
		if (put_char(r, c))
			goto nomem;
	}
nomem:
	*why = "out of memory";
	return -1;
}

static int read_plain(struct csv_reader *r, const char **why)
{
	while (avail(r)) {
		char c = r->data[r->pos];

		if (c == ',' || c == '\n' || c == '\r')
			return 0;
		if (c == '\0') {
			*why = "contains a NUL byte";
			return -1;
		}
		if (put_char(r, c)) {
			*why = "out of memory";
			return -1;
		}
		r->pos++;
	}
	return 0;
}

/* A character a spreadsheet may take as the start of a formula (OWASP's
 * list for CSV injection). */
static bool starts_formula(char c)
{
	return c != '\0' && strchr("=+-@\t\r", c) != NULL;
}

/*
 * Whether text, written as a cell, gets a leading ': it starts with a
 * formula character, after any number of 's.  Marking "'=x" as well means
 * a reader can always take one ' off and have the text back.
 */
static bool needs_mark(const char *text)
{
	while (*text == '\'')
		text++;
	return starts_formula(*text);
}

/* The field without the mark csv_write_field put on it, if it has one. */
static char *unmarked(char *field)
{
	return field[0] == '\'' && needs_mark(field + 1) ? field + 1 : field;
}

int csv_read(struct csv_reader *r, char ***fields, size_t *count, long *line,
	     const char **why)
{
	if (!avail(r))
		return 0;
	*line = r->line;
	r->text_used = 0;
	r->field_count = 0;
	for (;;) {
		int rc;

		if (start_field(r)) {
			*why = "out of memory";
			return -1;
		}
		if (avail(r) && r->data[r->pos] == '"') {
			r->pos++;
			rc = read_quoted(r, why);
		} else {
			rc = read_plain(r, why);
		}
		if (rc != 0 || end_field(r)) {
			if (rc == 0)
				*why = "out of memory";
			skip_record(r);
			return -1;
		}
		if (avail(r) && r->data[r->pos] == ',') {
			r->pos++;
			continue;
		}
		take_record_end(r);
		break;
	}
	/* Pointers last: text may have moved while it grew. */
	for (size_t i = 0; i < r->field_count; i++)
		r->fields[i] = unmarked(r->text + r->starts[i]);
	*fields = r->fields;
	*count = r->field_count;
	return 1;
}

/* Write what text_safe shows for the one character s[0..n). */
static void write_stand_in(FILE *out, const char *s, size_t n)
{
	char one[5];
	char *safe;

	memcpy(one, s, n);
	one[n] = '\0';
	safe = text_safe(one, true);
	fputs(safe ? safe : "\xEF\xBF\xBD", out);
	free(safe);
}

/* Write the character at s (of len bytes left) as a cell carries it;
 * returns how many bytes of s it took. */
static size_t write_char(FILE *out, const char *s, size_t len)
{
	unsigned c;
	size_t n = text_decode(s, len, &c);

	if (n == 0) {
		write_stand_in(out, s, 1);
		return 1;
	}
	if (c == '"') {
		fputs("\"\"", out);
	} else if (c == '\r') {
		/* A line break, written as smreg stores them; a lone CR would
		 * let text overwrite the line it is on in a terminal. */
		fputc('\n', out);
		if (len > 1 && s[1] == '\n')
			n = 2;
	} else if (c == '\n' || c == '\t' || !text_is_unshowable(c)) {
		fwrite(s, 1, n, out);
	} else {
		write_stand_in(out, s, n);
	}
	return n;
}

void csv_write_field(FILE *out, const char *value, int first)
{
	const char *v = value ? value : "";
	size_t len = strlen(v);
	/* Quoted for a comma, a quote (doubled inside), a line break or a
	 * tab, and for a space at either end, which some readers trim. */
	bool quote = len > 0 && (strpbrk(v, ",\"\r\n\t") != NULL ||
				 v[0] == ' ' || v[len - 1] == ' ');

	if (!first)
		fputc(',', out);
	if (quote)
		fputc('"', out);
	if (needs_mark(v))
		fputc('\'', out);
	for (size_t i = 0; i < len;)
		i += write_char(out, v + i, len - i);
	if (quote)
		fputc('"', out);
}

void csv_write_end(FILE *out)
{
	fputc('\n', out);
}
