/* Where to go: every register the user may open, and the other screens. */
#ifndef SMREG_TUI_MENU_H
#define SMREG_TUI_MENU_H

#include "tui/ui.h"

struct screen *menu_screen_new(struct ui *ui);

/* The screen's class, its keys among them (tui/keys.h). */
extern const struct screen_class menu_class;

#endif
