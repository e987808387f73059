/* The governors' report as a screen, with a key that writes it as HTML. */
#ifndef SMREG_TUI_REPORT_H
#define SMREG_TUI_REPORT_H

#include "tui/ui.h"

/* This term's report (core/report.h); NULL, with a message, when the
 * user may not make it. */
struct screen *report_screen_new(struct ui *ui);

/* The screen's class, its keys among them (tui/keys.h). */
extern const struct screen_class report_class;

#endif
