/* Setting a register up: its first admin, and a fictional school to explore. */
#ifndef SMREG_CORE_SETUP_H
#define SMREG_CORE_SETUP_H

#include "core/error.h"

struct smreg;

enum init_outcome {
	INIT_FIRST_ADMIN,  /* the login became the register's first admin */
	INIT_ALREADY_USER, /* the login was already a user; nothing changed */
};

/*
 * Make the login the first admin of a register that has no users, and add
 * a school called school_name (NULL: none) if there is none by that name.
 * A login that is not a user of a register that has users is refused.
 */
int setup_init(struct smreg *s, const char *school_name, enum init_outcome *outcome,
	       struct error *err);

/*
 * Make the folder and file of a shared register at path, for root: the
 * folder root:smreg 2770 (new, or empty, or already so), the file root's
 * alone (0600) until setup_shared_publish gives it to the group.  An
 * existing shared register is kept.  Refuses anyone but root, a missing
 * group, and a folder that already holds other things or belongs to
 * someone else.
 */
int setup_shared_files(const char *path, struct error *err);

/* Once the register is made and closed: its file, and any -wal or -shm
 * left, root's and the group's, mode 0660. */
int setup_shared_publish(const char *path, struct error *err);

/*
 * Make admin_login the first admin of a shared register that has no users
 * yet (root, who opened it, is never a user), and add the school.  Like
 * setup_init, a register that already has users is left as it is.
 */
int setup_init_shared(struct smreg *s, const char *school_name, const char *admin_login,
		      enum init_outcome *outcome, struct error *err);

#endif
