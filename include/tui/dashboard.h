/* The first screen: what is due, by severity, and how much is in each register. */
#ifndef SMREG_TUI_DASHBOARD_H
#define SMREG_TUI_DASHBOARD_H

#include "tui/ui.h"

struct screen *dashboard_screen_new(struct ui *ui);

/* The screen's class, its keys among them (tui/keys.h). */
extern const struct screen_class dashboard_class;

#endif
