/*
 * The whole of a record on one screen, wrapped, nothing cut: a contact
 * report with its chronology, amendments and openings (core/chronology.h),
 * with a key that writes it to a file as A4 HTML.  Opening it and writing
 * it are recorded in the audit trail.
 */
#ifndef SMREG_TUI_RECORD_VIEW_H
#define SMREG_TUI_RECORD_VIEW_H

#include <stdbool.h>

#include "core/record.h"
#include "tui/ui.h"

struct record;

/* Does type have a whole record to show (a chronology)? */
bool record_view_available(const struct record_type *type);

/* Push the whole record of the record with this id. */
void record_view_open(struct ui *ui, const struct record_type *type, const char *id);

/* Push every field of r, each in full and wrapped, on a screen that
 * scrolls (a chronology entry opened whole).  r was read, and its reading
 * audited, by the caller; the screen keeps a copy of what it shows. */
void record_view_fields(struct ui *ui, const struct record *r);

#endif
