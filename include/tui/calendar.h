/* The policy review calendar: the next twelve months, overdue ones on top. */
#ifndef SMREG_TUI_CALENDAR_H
#define SMREG_TUI_CALENDAR_H

#include "tui/ui.h"

struct screen *calendar_screen_new(struct ui *ui);

/* The screen's class, its keys among them (tui/keys.h). */
extern const struct screen_class calendar_class;

#endif
