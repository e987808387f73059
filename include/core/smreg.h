/*
 * An open register: the database and who is using it.  Every core
 * operation takes one; nothing in core keeps global state.
 */
#ifndef SMREG_CORE_SMREG_H
#define SMREG_CORE_SMREG_H

#include <stdbool.h>

#include "core/date.h"
#include "core/error.h"
#include "core/role.h"

struct smreg;

struct smreg_options {
	const char *path;   /* the database file */
	const char *login;  /* who is using it (the OS login, or a test's) */
	bool create;	    /* create the file when it does not exist */
	bool create_folder; /* and the folders above it (the default path) */
	bool need_user;	    /* refuse a login that is not a user */
	const char *today;  /* "YYYY-MM-DD", or NULL for SMREG_TODAY or the clock */
};

/*
 * Open (and migrate) the register.  On success *out is the caller's, to
 * be freed with smreg_close().  Errors: STATUS_USAGE for a bad SMREG_TODAY,
 * STATUS_DENIED for a login that is not a user (when need_user),
 * STATUS_DATABASE for anything the file itself refuses.
 */
int smreg_open(const struct smreg_options *options, struct smreg **out,
	       struct error *err);

/* Close *s (finalising everything) and set it to NULL. */
void smreg_close(struct smreg **s);

/* Remove a register smreg has just made, with its -wal and -shm files,
 * once no handle is open on it: a failed start leaves nothing half-made. */
void smreg_remove_files(const char *path);

/* The path given at open. */
const char *smreg_path(const struct smreg *s);

/* The login, its user record (NULL if none), its person (NULL if none)
 * and roles (0 if none). */
const char *smreg_login(const struct smreg *s);
const char *smreg_user_id(const struct smreg *s);
const char *smreg_person_id(const struct smreg *s);
unsigned smreg_roles(const struct smreg *s);

/* Today for this register's warnings and default dates: the option,
 * SMREG_TODAY (a what-if), or the clock. */
struct date smreg_today(const struct smreg *s);

/* The clock's today, whatever SMREG_TODAY says: for who may act, the
 * latest date a report may carry, and may-I-post. */
struct date smreg_real_today(const struct smreg *s);

/* Whether this is a shared register, opened through the group smreg. */
bool smreg_is_shared(const struct smreg *s);

/* A warning to show the user after opening (e.g. a database file that
 * others may write), or NULL. */
const char *smreg_open_warning(const struct smreg *s);

/* Whether another connection (another person's smreg, a cron job) wrote
 * to the register since the last call: what is on screen is stale.  The
 * first call says false.  Own writes do not count (SQLite's
 * PRAGMA data_version). */
bool smreg_changed_elsewhere(struct smreg *s);

/* Reload the user's roles, e.g. after the user register changed. */
int smreg_reload_user(struct smreg *s, struct error *err);

/* STATUS_OK when the login is an active user; otherwise STATUS_DENIED
 * with a message that says whom to ask. */
int smreg_require_user(struct smreg *s, struct error *err);

/*
 * While stop is set, a statement that runs long asks stop(arg) every few
 * thousand steps and, when it says yes, gives up with STATUS_STOPPED: the
 * terminal UI's way of never keeping a key waiting behind a search that
 * the key makes stale.  Only around reads: a write given up is an error.
 * NULL clears it.
 */
void smreg_stop_reads(struct smreg *s, bool (*stop)(void *arg), void *arg);

/*
 * While each is set, each(sql, arg) is told every statement as it starts,
 * its parameters filled in (not the statements triggers run inside it):
 * how make bench runs the very same SQL through the sqlite3 command.
 * NULL clears it.
 */
void smreg_trace(struct smreg *s, void (*each)(const char *sql, void *arg), void *arg);

#endif
