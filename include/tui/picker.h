/*
 * Choosing a value from a list over the screen that asks: a record of a
 * register found by typing part of its name, one of a field's choices, or
 * several codes (consent uses, roles) ticked with Space.
 */
#ifndef SMREG_TUI_PICKER_H
#define SMREG_TUI_PICKER_H

#include "core/record.h"
#include "tui/ui.h"

/*
 * Called with the value chosen: a record's title and id, a choice (id
 * NULL), or the codes ticked as "a;b" (id NULL).  Not called on Esc.
 */
typedef void (*picker_fn)(struct screen *asker, struct ui *ui, const char *value,
			  const char *id, void *arg);

/* Type-ahead over the records of target, starting from text. */
void picker_records(struct ui *ui, const char *title, const struct record_type *target,
		    const char *text, picker_fn chosen, void *arg);

/* The same, its cursor on the record current_id (NULL: the first). */
void picker_records_at(struct ui *ui, const char *title, const struct record_type *target,
		       const char *text, const char *current_id, picker_fn chosen, void *arg);

/* One of a field's choices, its cursor on current; typed starts the
 * finder, which keeps the choices that start so. */
void picker_choice(struct ui *ui, const char *title, const struct field *field,
		   const char *current, const char *typed, picker_fn chosen, void *arg);

/* Codes for a FIELD_CODES field, those in current ("a;b") ticked. */
void picker_codes(struct ui *ui, const char *title, const struct field *field,
		  const char *current, picker_fn chosen, void *arg);

/* The screen's class, its keys among them (tui/keys.h). */
extern const struct screen_class picker_class;

#endif
