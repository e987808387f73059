#include "core/result.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"
#include "core/json.h"
#include "core/text.h"

#define AUTO_WIDTH_MAX 48

struct result {
	const struct column *columns;
	size_t count;
	enum output_format format;
	FILE *out;
	bool streaming; /* every width fixed: print rows as they come */
	bool header_done;
	size_t rows;
	int *widths;
	char **cells; /* buffered rows (table with automatic widths) */
	size_t cells_used;
	size_t cells_cap;
};

int output_format_parse(const char *text, enum output_format *format, struct error *err)
{
	if (text == NULL || strcmp(text, "table") == 0)
		*format = OUTPUT_TABLE;
	else if (strcmp(text, "csv") == 0)
		*format = OUTPUT_CSV;
	else if (strcmp(text, "json") == 0)
		*format = OUTPUT_JSON;
	else
		return error_set(err, STATUS_USAGE, "--format", "\"%.20s\" is not table, csv or json", text);
	return STATUS_OK;
}

struct result *result_new(const struct column *columns, size_t count,
			  enum output_format format, FILE *out)
{
	struct result *r = calloc(1, sizeof *r);

	if (r == NULL)
		return NULL;
	r->columns = columns;
	r->count = count;
	r->format = format;
	r->out = out;
	r->widths = calloc(count, sizeof *r->widths);
	if (r->widths == NULL) {
		free(r);
		return NULL;
	}
	r->streaming = true;
	for (size_t i = 0; i < count; i++) {
		int heading = text_width(columns[i].heading);

		r->widths[i] = columns[i].width > heading ? columns[i].width : heading;
		if (columns[i].width == 0)
			r->streaming = format != OUTPUT_TABLE;
	}
	return r;
}

/* One cell, padded or cut to width; the last column is shown whole. */
static void print_cell(struct result *r, size_t column, const char *text)
{
	char *safe = text_safe(text ? text : "", true);
	char fitted[1024];

	if (column > 0)
		fputs("  ", r->out);
	if (safe == NULL)
		return;
	if (column + 1 == r->count)
		fputs(safe, r->out);
	else
		fputs(text_fit(safe, r->widths[column], fitted, sizeof fitted), r->out);
	free(safe);
}

static void print_table_row(struct result *r, const char *const *cells)
{
	for (size_t i = 0; i < r->count; i++)
		print_cell(r, i, cells[i]);
	fputc('\n', r->out);
}

static void print_header(struct result *r)
{
	const char *headings[64];

	r->header_done = true;
	if (r->format == OUTPUT_JSON) {
		fputc('[', r->out);
		return;
	}
	for (size_t i = 0; i < r->count && i < 64; i++)
		headings[i] = r->format == OUTPUT_CSV ? r->columns[i].name : r->columns[i].heading;
	if (r->format == OUTPUT_CSV) {
		for (size_t i = 0; i < r->count; i++)
			csv_write_field(r->out, headings[i], i == 0);
		csv_write_end(r->out);
	} else {
		print_table_row(r, headings);
	}
}

static bool is_integer(const char *s)
{
	char *end;

	errno = 0;
	(void)strtoll(s, &end, 10);
	return end != s && *end == '\0' && errno == 0;
}

/* An empty cell is null; a number is written as it is only when it is
 * one, so no text reaches JSON unquoted. */
static void print_json_value(FILE *out, enum column_kind kind, const char *value)
{
	if (value == NULL || (kind != COLUMN_TEXT && *value == '\0'))
		fputs("null", out);
	else if (kind == COLUMN_YES_NO)
		fputs(strcmp(value, "yes") == 0 ? "true" : "false", out);
	else if (kind == COLUMN_NUMBER && is_integer(value))
		fputs(value, out);
	else
		json_write_string(out, value);
}

static void print_row(struct result *r, const char *const *cells)
{
	if (!r->header_done)
		print_header(r);
	if (r->format == OUTPUT_CSV) {
		for (size_t i = 0; i < r->count; i++)
			csv_write_field(r->out, cells[i], i == 0);
		csv_write_end(r->out);
	} else if (r->format == OUTPUT_JSON) {
		fputs(r->rows ? ",\n  {" : "\n  {", r->out);
		for (size_t i = 0; i < r->count; i++) {
			fprintf(r->out, "%s\"%s\": ", i ? ", " : "", r->columns[i].name);
			print_json_value(r->out, r->columns[i].kind, cells[i]);
		}
		fputc('}', r->out);
	} else {
		print_table_row(r, cells);
	}
	r->rows++;
}

static int buffer_row(struct result *r, const char *const *cells)
{
	if (r->cells_used + r->count > r->cells_cap) {
		size_t cap = (r->cells_cap + r->count) * 2;
		char **grown = realloc(r->cells, cap * sizeof *grown);

		if (grown == NULL)
			return -1;
		r->cells = grown;
		r->cells_cap = cap;
	}
	for (size_t i = 0; i < r->count; i++) {
		char *copy = text_safe(cells[i] ? cells[i] : "", true);
		int w = copy ? text_width(copy) : 0;

		r->cells[r->cells_used++] = copy;
		if (w > r->widths[i])
			r->widths[i] = w > AUTO_WIDTH_MAX ? AUTO_WIDTH_MAX : w;
	}
	return 0;
}

int result_add(struct result *r, const char *const *cells)
{
	if (!r->streaming)
		return buffer_row(r, cells);
	print_row(r, cells);
	return 0;
}

void result_finish(struct result **rp)
{
	struct result *r = *rp;

	if (r == NULL)
		return;
	for (size_t i = 0; i < r->cells_used; i += r->count)
		print_row(r, (const char *const *)&r->cells[i]);
	if (!r->header_done)
		print_header(r);
	if (r->format == OUTPUT_JSON)
		fputs(r->rows ? "\n]\n" : "]\n", r->out);
	result_discard(rp);
}

void result_discard(struct result **rp)
{
	struct result *r = *rp;

	if (r == NULL)
		return;
	for (size_t i = 0; i < r->cells_used; i++)
		free(r->cells[i]);
	free(r->cells);
	free(r->widths);
	free(r);
	*rp = NULL;
}
