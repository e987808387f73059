/*
 * The shared register's group.
 *
 * An installed smreg is setgid to the system group "smreg", in which no
 * person is a member.  The group's right serves one purpose: opening the
 * shared register, whose folder is root:smreg 2770 and whose file is 0660
 * in the group.  Everything else (a backup, an import, an export, a --db
 * of the user's own, the terminal) runs with the user's own rights, so
 * smreg can never read, write or create a file for a user that the user
 * could not.
 *
 * The process's credentials are global by nature, so this module keeps
 * the only global state in core.
 */
#ifndef SMREG_CORE_PRIVILEGE_H
#define SMREG_CORE_PRIVILEGE_H

#include <stdbool.h>
#include <sys/types.h>

#include "core/error.h"

/* The group a shared register belongs to. */
#define PRIVILEGE_GROUP "smreg"

/*
 * Call first thing in main().  Standard input, output and error are made
 * open (on /dev/null) if they were closed.  When smreg runs privileged (setgid or
 * setuid), put the group aside until a shared register is opened, give up
 * any other user id for good, and empty the environment of everything
 * that changes behaviour (SMREG_TODAY, SMREG_DB, HOME, TMPDIR, terminfo's
 * and SQLite's variables...).  *ignored is set to a malloc'd, comma-separated
 * list of the smreg variables that were set and are now ignored (the
 * caller says so), or NULL.  Returns STATUS_OK, or STATUS_DATABASE when
 * the credentials cannot be changed (then smreg must not go on).
 */
int privilege_start(char **ignored, struct error *err);

/*
 * The shared register's default place: /var/lib/smreg/register.db unless
 * smreg was built with another SHARED_DB.
 */
const char *privilege_shared_path(void);

/* Whether a file exists at the shared register's default place (looked
 * for with the group's right when smreg has it). */
bool privilege_shared_exists(void);

/* The group's id (the one smreg is installed setgid to, else looked up
 * by name); false when there is no such group. */
bool privilege_group_id(gid_t *gid);

/*
 * Whether the register at path is a shared one: it is the shared
 * register's configured place, or its file (as the user sees it) belongs
 * to the group.  Then smreg check holds it to the shared register's modes.
 */
bool privilege_is_shared(const char *path);

/*
 * Take the group's right for opening the shared register, when path is
 * exactly its configured place, after checking that it is one: a regular
 * file (not a link) owned by root, in the group, starting with SQLite's
 * header, in a folder owned by root, in the group, that others may not
 * enter, below folders only root may change.  STATUS_OK with the right
 * taken (give it back with privilege_lower), or STATUS_DENIED saying why
 * not.  For any other path, or without the right (not installed setgid),
 * STATUS_OK and nothing changes: the user's own rights decide.  Root's
 * own rights open anything, so root is not held to the checks.
 */
int privilege_raise_for(const char *path, struct error *err);
void privilege_lower(void);

/* Give up the group's right for good: after the register is open, nothing
 * the process does can take it again. */
void privilege_drop(void);

#endif
