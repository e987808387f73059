/*
 * The HTML pages smreg writes (a report's chronology, the governors'
 * report, a subject-access bundle): each one self-contained file, with no
 * script and nothing fetched from elsewhere, that prints on A4 in black and
 * white with the page number and a running reference on every page.
 * Every text given is escaped here; callers never write markup of their own
 * around data.
 */
#ifndef SMREG_CORE_HTML_H
#define SMREG_CORE_HTML_H

#include <stddef.h>
#include <stdio.h>

/*
 * Start a page: the document head, the print style and <body>.  title is
 * the document's title and first heading; running, when not NULL, is
 * printed at the head of every printed page (a report's reference, say),
 * and "Page N of M" at the foot of each.
 */
void html_begin(FILE *out, const char *title, const char *running);

/* End the page begun by html_begin. */
void html_end(FILE *out);

/* Text as HTML, escaped: a control (but tab and newline) or a mark that
 * reorders text is shown as [U+XXXX], a byte that is not UTF-8 as U+FFFD. */
void html_text(FILE *out, const char *text);

/* A heading of level 2 or 3; id, when not NULL, is its anchor for a contents list. */
void html_heading(FILE *out, int level, const char *id, const char *text);

/* A paragraph; its line breaks are kept.  class_name may be NULL. */
void html_paragraph(FILE *out, const char *class_name, const char *text);

/* A contents list: the anchors ids[i] titled titles[i]. */
void html_contents(FILE *out, const char *const *ids, const char *const *titles,
		   size_t count);

/*
 * Labelled fields (label: value), a <dl> whose values keep their line
 * breaks and wrap in full: html_fields_start, html_field for each, then
 * html_fields_end.  A NULL or empty value shows as a dash.
 */
void html_fields_start(FILE *out);
void html_field(FILE *out, const char *label, const char *value);
void html_fields_end(FILE *out);

/* A field whose value marks each of names[0..count) where it occurs, as a
 * third party for a reviewer to consider (a subject-access bundle). */
void html_field_marked(FILE *out, const char *label, const char *value,
		       const char *const *names, size_t count);

/*
 * A table: html_table_start with its column headings, html_table_row for
 * each row (count cells, NULL shown empty), html_table_end.  Headings
 * repeat at the top of every printed page a table runs onto.
 */
void html_table_start(FILE *out, const char *const *headings, size_t count);
/* The same, with a class: "compact" sets a table of many short columns
 * smaller, its words kept whole. */
void html_table_start_class(FILE *out, const char *class_name, const char *const *headings,
			    size_t count);
void html_table_row(FILE *out, const char *const *cells, size_t count);
void html_table_end(FILE *out);

#endif
