/*
 * The one output layer of list, show, export and the reports: rows of
 * text printed as an aligned table, CSV or JSON.  Cells are made safe for
 * the terminal in table form; CSV and JSON keep the data, but no control
 * character or formula (core/csv.h, core/json.h), and JSON gives yes/no
 * and numbers their JSON types.  With every column's width fixed, rows are
 * printed as they come, so a long list never sits in memory.
 */
#ifndef SMREG_CORE_RESULT_H
#define SMREG_CORE_RESULT_H

#include <stddef.h>
#include <stdio.h>

#include "core/error.h"

enum output_format {
	OUTPUT_TABLE,
	OUTPUT_CSV,
	OUTPUT_JSON,
};

/* What a cell is in JSON: a string, true/false (from yes/no), or a number. */
enum column_kind {
	COLUMN_TEXT,
	COLUMN_YES_NO,
	COLUMN_NUMBER,
};

struct column {
	const char *name;    /* CSV header and JSON key */
	const char *heading; /* table heading */
	int width;	     /* table width; 0: as wide as the widest cell */
	enum column_kind kind;
};

struct result;

/* A result with these columns, printing to out; NULL when out of memory.
 * The columns must outlive it. */
struct result *result_new(const struct column *columns, size_t count,
			  enum output_format format, FILE *out);

/* Add a row of count cells (NULL for empty). */
int result_add(struct result *r, const char *const *cells);

/* Print what is still to print, close the JSON array, free *r. */
void result_finish(struct result **r);

/* Free *r printing nothing more: a command that failed shows no heading
 * or empty array, as though there were nothing to list. */
void result_discard(struct result **r);

/* "table", "csv" or "json"; STATUS_USAGE otherwise. */
int output_format_parse(const char *text, enum output_format *format, struct error *err);

#endif
