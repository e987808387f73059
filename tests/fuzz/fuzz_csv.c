/*
 * The CSV reader over arbitrary bytes, record by record to the end.
 *
 * libFuzzer hands over a buffer of exactly the input's size, so
 * AddressSanitizer catches any read past the end.  Invariants: the reader
 * ends (every call consumes input); each record starts on a later line
 * than the one before, and no later than the data has lines; every field
 * is a NUL-terminated string no longer than the input; a record read
 * without error, written back with csv_write_field, reads back as one
 * record of as many fields, holds no control character but LF and tab nor
 * a byte that is not UTF-8, and a field that smreg could store (no other
 * control, valid UTF-8) reads back the same, formula mark and all.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"
#include "core/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void die(const char *what, long line)
{
	fprintf(stderr, "fuzz_csv: %s (record on line %ld)\n", what, line);
	abort();
}

/* Line breaks as the reader counts them: LF, CRLF and a lone CR. */
static long count_lines(const char *data, size_t size)
{
	long lines = 1;

	for (size_t i = 0; i < size; i++)
		if (data[i] == '\n' || (data[i] == '\r' && (i + 1 == size || data[i + 1] != '\n')))
			lines++;
	return lines;
}

static void check_fields(char **fields, size_t count, size_t size, long line)
{
	size_t total = 0;

	if (count == 0)
		die("a record without fields", line);
	for (size_t i = 0; i < count; i++) {
		/* strlen runs into a redzone if the field is not terminated. */
		size_t n = strlen(fields[i]);

		total += n;
		if (n > size || total > size)
			die("fields longer than the input", line);
	}
}

/* Whether text, as csv_write_field wrote it, holds only what a cell may:
 * UTF-8, and no control character but LF and tab. */
static bool only_what_a_cell_carries(const char *text, size_t len)
{
	for (size_t i = 0, n; i < len; i += n) {
		unsigned c;

		n = text_decode(text + i, len - i, &c);
		if (n == 0 || (text_is_unshowable(c) && c != '\n' && c != '\t'))
			return false;
	}
	return true;
}

/* Write the record as csv_write_field does, read it back: the same fields,
 * where smreg could have stored them.  A byte-order mark goes first, so a
 * field that starts with one survives. */
static void check_round_trip(char **fields, size_t count, long line)
{
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	struct csv_reader *r;
	char **back;
	size_t back_count;
	long back_line;
	const char *why;

	if (out == NULL)
		return;
	fputs("\xEF\xBB\xBF", out);
	for (size_t i = 0; i < count; i++)
		csv_write_field(out, fields[i], i == 0);
	csv_write_end(out);
	fclose(out);
	if (!only_what_a_cell_carries(text, len))
		die("a record written back holds a control character or a byte that is not UTF-8", line);
	r = csv_reader_new(text, len);
	if (r == NULL) {
		free(text);
		return;
	}
	if (csv_read(r, &back, &back_count, &back_line, &why) != 1)
		die("a record written back does not read", line);
	if (back_count != count)
		die("a record written back reads with another number of fields", line);
	for (size_t i = 0; i < count; i++) {
		const char *why_not;

		if (text_is_storable(fields[i], true, &why_not) && strcmp(fields[i], back[i]) != 0)
			die("a field written back reads differently", line);
	}
	if (csv_read(r, &back, &back_count, &back_line, &why) != 0)
		die("a record written back reads as more than one", line);
	csv_reader_free(&r);
	free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct csv_reader *r = csv_reader_new((const char *)data, size);
	long last_line = 0;
	long lines = count_lines((const char *)data, size);
	size_t records = 0;

	if (r == NULL)
		return 0;
	for (;;) {
		char **fields = NULL;
		size_t count = 0;
		long line = -1;
		const char *why = NULL;
		int rc = csv_read(r, &fields, &count, &line, &why);

		if (rc == 0)
			break;
		if (++records > size + 1)
			die("more records than the input has bytes", line);
		if (line <= last_line || line > lines)
			die("a record's line is out of order or past the last line", line);
		last_line = line;
		if (rc < 0) {
			if (why == NULL || why[0] == '\0')
				die("an error without a reason", line);
			continue;
		}
		if (rc != 1)
			die("csv_read returned something other than 1, 0 or -1", line);
		check_fields(fields, count, size, line);
		check_round_trip(fields, count, line);
	}
	csv_reader_free(&r);
	if (r != NULL)
		die("csv_reader_free left the pointer set", 0);
	return 0;
}
