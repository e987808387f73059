/* The terminal UI: dashboard, registers, forms, "may I post?", calendar. */
#ifndef SMREG_TUI_TUI_H
#define SMREG_TUI_TUI_H

#include <stdbool.h>

struct smreg;

/*
 * Run the terminal UI on an open register until the user quits; the
 * terminal is restored however it ends.  Returns smreg(1)'s exit status.
 */
int tui_run(struct smreg *s, bool color);

#endif
