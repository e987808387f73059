/* "May I post?": pupils, a channel and the poster; YES or NO with every reason. */
#ifndef SMREG_TUI_POST_H
#define SMREG_TUI_POST_H

#include "tui/ui.h"

struct screen *post_screen_new(struct ui *ui);

/* The screen's class, its keys among them (tui/keys.h). */
extern const struct screen_class post_class;

#endif
