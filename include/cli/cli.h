/* The command line: smreg [--db PATH] COMMAND ... */
#ifndef SMREG_CLI_CLI_H
#define SMREG_CLI_CLI_H

/*
 * Run smreg's command line as login (the OS login in the real program; a
 * given one in the test helper).  argv[0] is the program name.  Returns
 * the exit status of smreg(1).
 */
int cli_main(int argc, char **argv, const char *login);

#endif
