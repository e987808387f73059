/* smreg: who is running it, then the command line, or the terminal UI. */
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/error.h"
#include "core/privilege.h"
#include "core/text.h"
#include "tui/tui.h"

int main(int argc, char **argv)
{
	struct error err = {0};
	char *ignored = NULL;
	struct passwd *pw;

	/* Before anything reads the environment or a file: an installed
	 * smreg keeps its group for the shared register alone. */
	if (privilege_start(&ignored, &err) != STATUS_OK) {
		fprintf(stderr, "smreg: %s\n", err.text);
		return STATUS_DATABASE;
	}
	if (ignored != NULL)
		fprintf(stderr, "smreg: %s ignored: an installed smreg takes nothing from the "
				"environment (use --db)\n",
			ignored);
	free(ignored);
	text_use_utf8_locale();
	/* The user is the operating-system login: nothing else can say otherwise. */
	pw = getpwuid(getuid());
	if (pw == NULL || pw->pw_name == NULL) {
		fprintf(stderr, "smreg: cannot tell who you are: uid %u has no login name\n",
			(unsigned)getuid());
		return STATUS_DATABASE;
	}
	/* A command runs on the command line; none, in a terminal, opens the UI. */
	return cli_main(argc, argv, pw->pw_name, tui_run);
}
