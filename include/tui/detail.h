/*
 * One record with what relates to it: a channel with its admins and
 * posters, a person with their authorisations and training, a pupil with
 * their consent history and takedowns, a policy with its reviews, a
 * contact report with its chronology.
 */
#ifndef SMREG_TUI_DETAIL_H
#define SMREG_TUI_DETAIL_H

#include "core/record.h"
#include "tui/ui.h"

struct screen *detail_screen_new(struct ui *ui, const struct record_type *type, const char *id);

/* The record's own screen, with what relates to it, on top. */
void detail_open(struct ui *ui, const struct record_type *type, const char *id);

/* The screen's class, its keys among them (tui/keys.h). */
extern const struct screen_class detail_class;

#endif
