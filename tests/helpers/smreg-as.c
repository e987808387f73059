/*
 * smreg-as LOGIN [ARGS...]: smreg's command line run as LOGIN.
 *
 * Tests need several roles on one register; DESIGN.md lets them call core
 * with an explicit identity rather than give the real program any way to
 * act as another login.  This helper is built for the tests only and is
 * never installed.
 */
#include <stdio.h>

#include "cli/cli.h"
#include "core/error.h"
#include "core/text.h"
#include "tui/tui.h"

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: smreg-as LOGIN [ARGS...]\n");
		return STATUS_USAGE;
	}
	text_use_utf8_locale();
	/* cli_main reads argv[0] as the program's name: here, the login. */
	return cli_main(argc - 1, argv + 1, argv[1], tui_run);
}
