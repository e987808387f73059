/* smreg: who is running it, then the command line. */
#include <pwd.h>
#include <stdio.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/error.h"
#include "core/text.h"

int main(int argc, char **argv)
{
	/* The user is the operating-system login: nothing else can say otherwise. */
	struct passwd *pw = getpwuid(geteuid());

	text_use_utf8_locale();
	if (pw == NULL || pw->pw_name == NULL) {
		fprintf(stderr, "smreg: cannot tell who you are: uid %u has no login name\n",
			(unsigned)geteuid());
		return STATUS_DATABASE;
	}
	return cli_main(argc, argv, pw->pw_name);
}
