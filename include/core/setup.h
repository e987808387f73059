/* Setting a register up: its first admin, and a fictional school to explore. */
#ifndef SMREG_CORE_SETUP_H
#define SMREG_CORE_SETUP_H

#include "core/error.h"

struct smreg;

enum init_outcome {
	INIT_FIRST_ADMIN,	/* the login became the register's first admin */
	INIT_ALREADY_USER,	/* the login was already a user; nothing changed */
};

/*
 * Make the login the first admin of a register that has no users, and add
 * a school called school_name (NULL: none) if there is none by that name.
 * A login that is not a user of a register that has users is refused.
 */
int setup_init(struct smreg *s, const char *school_name, enum init_outcome *outcome,
	       struct error *err);

#endif
