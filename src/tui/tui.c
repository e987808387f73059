/* Placeholder until the terminal UI lands (issue: The terminal UI). */
#include "tui/tui.h"

#include <stdio.h>

#include "core/error.h"

int tui_run(struct smreg *s, bool color)
{
	(void)s;
	(void)color;
	fprintf(stderr, "smreg: the terminal UI is not built yet; see smreg help\n");
	return STATUS_USAGE;
}
