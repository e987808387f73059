/*
 * Every screen's keys beside the part of smreg(1)'s TERMINAL UI that
 * documents them, so that tests/unit/test_keys.c can hold the manual to the
 * action tables the screens, their help and their status lines are made
 * from.
 */
#ifndef SMREG_TUI_KEYS_H
#define SMREG_TUI_KEYS_H

#include <stddef.h>

#include "tui/ui.h"

struct screen_keys {
	const char *manual;		    /* the subsection's title */
	const struct action *const *tables; /* NULL-terminated */
};

/* The screens' keys, *count of them. */
const struct screen_keys *tui_screen_keys(size_t *count);

#endif
