/*
 * The governors' termly report: policies, channels, authorisations,
 * consent coverage, takedowns, training and contact reports over a period,
 * and the audit seal.  It names no pupil and no one in a contact report:
 * about pupils and contact reports it gives numbers only, and a number
 * under 3 as "fewer than 3".  Those who may count contact reports (admins,
 * the DSL, governors) may make it.
 */
#ifndef SMREG_CORE_REPORT_H
#define SMREG_CORE_REPORT_H

#include <stddef.h>
#include <stdio.h>

#include "core/date.h"
#include "core/error.h"

struct smreg;

/* What the report covers. */
struct report_options {
	const char *term; /* autumn, spring or summer, with year; or NULL */
	const char *year; /* "2026" */
	const char *from; /* dates as typed, with to; or NULL */
	const char *to;
	const char *school; /* a school's name, code or id; NULL for every school */
};

/* A table of text: rows * columns cells, each a string (never NULL). */
struct report_table {
	char *title; /* NULL for none */
	size_t columns;
	char **headings;
	size_t rows;
	char **cells; /* row r, column c at [r * columns + c] */
};

struct report_section {
	const char *id;	   /* its anchor: "policies" */
	const char *title; /* "Policies" */
	size_t table_count;
	struct report_table *tables;
	size_t note_count;
	char **notes; /* paragraphs after its tables */
};

struct report {
	char *title;  /* "Governors' report: Autumn term 2026" */
	char *school; /* the school's name, or "All schools" */
	char *period; /* "Autumn term 2026 (01/09/2026 to 31/12/2026)" */
	char from[DATE_ISO_SIZE];
	char to[DATE_ISO_SIZE];
	char made_on[DATE_ISO_SIZE];
	size_t section_count;
	struct report_section *sections;
	char *seal;	 /* "SEQ:HASH", or NULL when the user may not seal */
	char *seal_note; /* why there is no seal, when there is none */
};

/*
 * Make the report.  Errors: STATUS_USAGE for a wrong term, year or date
 * (naming the option), STATUS_DENIED for a user who may not count contact
 * reports.  *out is the caller's, freed with report_free.
 */
int report_build(struct smreg *s, const struct report_options *options, struct report **out,
		 struct error *err);

void report_free(struct report **report);

/* The report as text for a terminal (cut to fit, made safe), as one
 * self-contained HTML page for print (core/html.h), or as JSON. */
void report_write_text(const struct report *report, FILE *out);
void report_write_html(const struct report *report, FILE *out);
void report_write_json(const struct report *report, FILE *out);

#endif
