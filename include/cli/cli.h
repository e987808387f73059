/* The command line: smreg [--db PATH] COMMAND ... */
#ifndef SMREG_CLI_CLI_H
#define SMREG_CLI_CLI_H

#include <stdbool.h>

struct smreg;

/* A front end that takes over an open register: the terminal UI. */
typedef int cli_ui(struct smreg *s, bool color);

/*
 * Run smreg's command line as login (the OS login in the real program; a
 * given one in the test helper).  argv[0] is the program name.  Given no
 * command, in a terminal, it opens the register and hands it to ui (main.c
 * chooses tui_run); elsewhere, or when ui is NULL, it prints the summary.
 * Returns the exit status of smreg(1).
 */
int cli_main(int argc, char **argv, const char *login, cli_ui *ui);

#endif
