/* A register's own screen: its records as a table, filtered, sorted, kept. */
#ifndef SMREG_TUI_REGISTER_H
#define SMREG_TUI_REGISTER_H

#include "core/record.h"
#include "tui/ui.h"

struct screen *register_screen_new(struct ui *ui, const struct record_type *type);

/* The screen's class, its keys among them (tui/keys.h). */
extern const struct screen_class register_class;

#endif
