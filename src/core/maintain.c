/* Backups and integrity checks. */
#include "core/maintain.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/access.h"
#include "core/audit.h"
#include "core/privilege.h"
#include "core/text.h"
#include "private.h"

/* The copy's own integrity check, on its own connection. */
static int check_copy(sqlite3 *copy, const char *path, struct error *err)
{
	sqlite3_stmt *stmt;
	int ok = 0;

	if (sqlite3_prepare_v2(copy, "PRAGMA integrity_check", -1, &stmt, NULL) != SQLITE_OK)
		return error_set(err, STATUS_DATABASE, NULL, "cannot check %s: %s", path,
				 sqlite3_errmsg(copy));
	ok = sqlite3_step(stmt) == SQLITE_ROW &&
	     strcmp((const char *)sqlite3_column_text(stmt, 0), "ok") == 0;
	sqlite3_finalize(stmt);
	return ok ? STATUS_OK
		  : error_set(err, STATUS_DATABASE, NULL, "the copy %s failed its integrity check", path);
}

int maintain_backup(struct smreg *s, const char *path, struct error *err)
{
	sqlite3 *copy = NULL;
	sqlite3_backup *backup;
	int fd;
	int rc;

	if (!(s->roles & ROLE_ADMIN))
		return error_set(err, STATUS_DENIED, NULL, "permission denied: only admins make backups");
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		return error_set(err, errno == EEXIST ? STATUS_INVALID : STATUS_DATABASE, NULL,
				 errno == EEXIST ? "%s already exists: choose a new name" : "cannot create %s: %s",
				 path, strerror(errno));
	close(fd);
	/* A backup holds every contact report, which an admin may not read
	 * in smreg: the DSL must be able to see that one was taken. */
	rc = store_audit_copy(s, "backup", err);
	if (rc != STATUS_OK) {
		unlink(path);
		return rc;
	}
	rc = sqlite3_open_v2(path, &copy, SQLITE_OPEN_READWRITE, NULL);
	backup = rc == SQLITE_OK ? sqlite3_backup_init(copy, "main", s->db, "main") : NULL;
	if (backup == NULL) {
		rc = error_set(err, STATUS_DATABASE, NULL, "cannot write %s: %s", path,
			       copy ? sqlite3_errmsg(copy) : "out of memory");
	} else {
		/* One step copies every page inside one read transaction: a
		 * consistent copy, however much others write meanwhile (WAL). */
		int step = sqlite3_backup_step(backup, -1);

		sqlite3_backup_finish(backup);
		rc = step == SQLITE_DONE ? check_copy(copy, path, err)
					 : error_set(err, STATUS_DATABASE, NULL, "cannot copy to %s: %s",
						     path, sqlite3_errstr(step));
	}
	sqlite3_close_v2(copy);
	if (rc != STATUS_OK)
		unlink(path);
	return rc;
}

static int run_check(struct smreg *s, const char *sql, bool ok_row,
		     void (*report)(const char *text, void *arg), void *arg, int *problems,
		     struct error *err)
{
	sqlite3_stmt *stmt;
	int rc = sqlite3_prepare_v2(s->db, sql, -1, &stmt, NULL);

	if (rc != SQLITE_OK)
		return db_error(s, rc, err);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *text = (const char *)sqlite3_column_text(stmt, 0);

		if (ok_row && text != NULL && strcmp(text, "ok") == 0)
			continue;
		(*problems)++;
		report(text ? text : "?", arg);
	}
	rc = rc == SQLITE_DONE ? STATUS_OK : db_error(s, rc, err);
	sqlite3_finalize(stmt);
	return rc;
}

/* One of the shared register's files, as smreg saw it at open, against
 * the mode it must have. */
static void check_mode(const char *name, const struct stat *st, bool seen, bool folder,
		       bool root_owned, gid_t gid, void (*report)(const char *text, void *arg),
		       void *arg, int *problems)
{
	unsigned want = folder ? 02770 : 0660;
	char text[600];

	/* The file root's; its -wal and -shm belong to whoever opened it first. */
	if (!seen || ((folder ? S_ISDIR(st->st_mode) : S_ISREG(st->st_mode)) &&
		      (!root_owned || st->st_uid == 0) && st->st_gid == gid &&
		      (st->st_mode & 07777) == want))
		return;
	snprintf(text, sizeof text,
		 "shared register: %s is owner %u, group %u, mode %04o; it must be %s group %s, "
		 "mode %04o, so that nobody reads it but through smreg",
		 name, (unsigned)st->st_uid, (unsigned)st->st_gid, (unsigned)(st->st_mode & 07777),
		 root_owned ? "owner root," : "in", PRIVILEGE_GROUP, want);
	report(text, arg);
	(*problems)++;
}

/* The shared register's folder, file, -wal and -shm (see privilege.h). */
static void check_shared_modes(struct smreg *s, void (*report)(const char *text, void *arg),
			       void *arg, int *problems)
{
	static const char *const names[] = {"its folder", "its file", "its -wal file",
					    "its -shm file"};
	gid_t gid = 0;

	if (!privilege_group_id(&gid)) {
		report("shared register: there is no group " PRIVILEGE_GROUP, arg);
		(*problems)++;
		return;
	}
	if (!s->shared_seen[0] || !s->shared_seen[1]) {
		report("shared register: smreg could not see its folder and file when it opened them",
		       arg);
		(*problems)++;
	}
	for (int i = 0; i < 4; i++)
		check_mode(names[i], &s->shared_files[i], s->shared_seen[i], i == 0, i < 2, gid,
			   report, arg, problems);
	/* A copy beside the register is as readable as it, by the group. */
	if (s->shared_strays != NULL) {
		char text[600];

		snprintf(text, sizeof text,
			 "shared register: its folder holds other files (%.400s); keep only the "
			 "register there, and backups where only their keeper can read them",
			 s->shared_strays);
		report(text, arg);
		(*problems)++;
	}
}

/* The audit trail's hash chain: the first row that does not match. */
static int check_chain(struct smreg *s, void (*report)(const char *text, void *arg), void *arg,
		       int *problems, struct error *err)
{
	struct audit_chain chain;
	char text[256];
	int rc = audit_verify(s, 0, &chain, err);

	if (rc != STATUS_OK || chain.broken_seq == 0)
		return rc;
	snprintf(text, sizeof text, "audit trail: row %lld does not match its hash: it, or a row "
				    "before it, was changed or removed outside smreg",
		 chain.broken_seq);
	(*problems)++;
	report(text, arg);
	return STATUS_OK;
}

int maintain_check(struct smreg *s, void (*report)(const char *text, void *arg), void *arg,
		   int *problems, struct error *err)
{
	int rc;

	*problems = 0;
	/* Root may check a shared register it is no user of. */
	if (s->user_id == NULL && getuid() != 0)
		return smreg_require_user(s, err);
	if (s->shared)
		check_shared_modes(s, report, arg, problems);
	rc = run_check(s, "PRAGMA integrity_check", true, report, arg, problems, err);
	if (rc == STATUS_OK)
		rc = run_check(s, "SELECT 'foreign key: ' || \"table\" || ' row ' || rowid || "
				  "' refers to a missing ' || parent FROM pragma_foreign_key_check",
			       false, report, arg, problems, err);
	if (rc == STATUS_OK)
		rc = check_chain(s, report, arg, problems, err);
	return rc;
}
