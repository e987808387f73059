/*
 * A form for any register, built from its record descriptors: labels,
 * required marks, pickers for choices and references, yes/no toggles,
 * dates that show the day they were understood as.  Saving goes through
 * core; its message appears beside the field it concerns and everything
 * typed stays.
 */
#ifndef SMREG_TUI_FORM_H
#define SMREG_TUI_FORM_H

#include "core/record.h"
#include "core/value.h"
#include "tui/ui.h"

/*
 * A form for a new record of type, with preset values (given as typed,
 * e.g. {"channel", "<id>"}) that the user cannot change: the channel of a
 * grant made from the channel's own screen.
 */
struct screen *form_new_record(struct ui *ui, const struct record_type *type,
			       const struct assignment *presets, size_t preset_count);

/* A form ending the record with this id (closing a contact report): its
 * end date and what its register's ending asks for, saved as one change. */
struct screen *form_end_record(struct ui *ui, const struct record_type *type, const char *id);

/* A form changing the record with this id. */
struct screen *form_edit_record(struct ui *ui, const struct record_type *type,
				const char *id);

/* The screen's class, its keys among them (tui/keys.h). */
extern const struct screen_class form_class;

#endif
