/* The first admin of a new register. */
#include "core/setup.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/access.h"
#include "core/edit.h"
#include "core/privilege.h"
#include "core/record.h"
#include "core/text.h"
#include "private.h"

static int add_first_admin(struct smreg *s, const char *login, struct error *err)
{
	sqlite3_stmt *stmt;
	char id[37];
	int rc;

	db_new_uuid(id);
	rc = db_prepare(s, "INSERT INTO user (id, login, roles) VALUES (?, ?, 'admin')", &stmt, err);
	if (rc != STATUS_OK)
		return rc;
	db_bind_text(stmt, 1, id);
	db_bind_text(stmt, 2, login);
	rc = sqlite3_step(stmt);
	rc = rc == SQLITE_DONE ? STATUS_OK : db_error(s, rc, err);
	db_release(stmt);
	return rc;
}

static int add_school(struct smreg *s, const char *name, struct error *err)
{
	struct assignment a = {"name", name};
	char *existing = NULL;
	int rc = db_query_text(s, "SELECT id FROM school WHERE name = ?", name, &existing, err);

	if (rc == STATUS_OK && existing == NULL)
		rc = edit_insert(s, record_type_find("school"), &a, 1, NULL, err);
	free(existing);
	return rc;
}

/*
 * One transaction: admin_login (when the register has no users) becomes
 * its first admin, and the school is added.  *first says which.
 */
static int first_admin_and_school(struct smreg *s, const char *admin_login,
				  const char *school_name, bool *first, struct error *err)
{
	char *users = NULL;
	int rc = db_begin(s, err);

	*first = false;
	if (rc != STATUS_OK)
		return rc;
	/* Counted inside the transaction: two first users cannot both win. */
	rc = db_query_text(s, "SELECT count(*) FROM user", NULL, &users, err);
	*first = rc == STATUS_OK && users != NULL && strcmp(users, "0") == 0;
	free(users);
	if (rc == STATUS_OK && *first)
		rc = add_first_admin(s, admin_login, err);
	/* Adding the school needs the new admin's roles, when that is us. */
	if (rc == STATUS_OK && *first && strcmp(admin_login, s->login) == 0)
		rc = smreg_reload_user(s, err);
	if (rc == STATUS_OK && school_name != NULL && school_name[0] != '\0')
		rc = add_school(s, school_name, err);
	if (rc == STATUS_OK)
		return db_commit(s, err);
	db_rollback(s);
	*first = false;
	return rc;
}

int setup_init(struct smreg *s, const char *school_name, enum init_outcome *outcome,
	       struct error *err)
{
	char *users = NULL;
	int rc = db_query_text(s, "SELECT count(*) FROM user", NULL, &users, err);
	bool first = rc == STATUS_OK && users != NULL && strcmp(users, "0") == 0;

	free(users);
	*outcome = INIT_ALREADY_USER;
	if (rc != STATUS_OK)
		return rc;
	if (!first && s->user_id == NULL)
		return smreg_require_user(s, err);
	rc = first_admin_and_school(s, s->login, school_name, &first, err);
	if (first)
		*outcome = INIT_FIRST_ADMIN;
	else if (rc != STATUS_OK)
		smreg_reload_user(s, NULL);
	return rc;
}

int setup_init_shared(struct smreg *s, const char *school_name, const char *admin_login,
		      enum init_outcome *outcome, struct error *err)
{
	bool first = false;
	int rc;

	/* Root sets the register up as its admin for this once, and the
	 * audit trail says root did; root is never made a user. */
	s->roles = ROLE_ADMIN;
	rc = first_admin_and_school(s, admin_login, school_name, &first, err);
	*outcome = first ? INIT_FIRST_ADMIN : INIT_ALREADY_USER;
	if (smreg_reload_user(s, rc == STATUS_OK ? err : NULL) != STATUS_OK && rc == STATUS_OK)
		rc = err->status;
	return rc;
}

/* --- the shared register's folder and file -------------------------------- */

static bool is_shared_folder(const struct stat *st, gid_t gid)
{
	return S_ISDIR(st->st_mode) && st->st_uid == 0 && st->st_gid == gid &&
	       (st->st_mode & 07777) == 02770;
}

static bool folder_is_empty(const char *folder)
{
	DIR *dir = opendir(folder);
	struct dirent *entry;
	bool empty = dir != NULL;

	while (empty && (entry = readdir(dir)) != NULL)
		empty = strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0;
	if (dir != NULL)
		closedir(dir);
	return empty;
}

static int make_shared_folder(const char *folder, gid_t gid, struct error *err)
{
	struct stat st;

	if (lstat(folder, &st) == 0 && is_shared_folder(&st, gid))
		return STATUS_OK;
	if (lstat(folder, &st) == 0 && (!S_ISDIR(st.st_mode) || st.st_uid != 0 ||
					!folder_is_empty(folder)))
		return error_set(err, STATUS_USAGE, "db",
				 "%s already exists and is not a shared register's folder: "
				 "name a new or empty folder",
				 folder);
	/* The folders above it: root's, readable, writable by no one else. */
	if (session_make_folders(folder, 0755, err) != STATUS_OK)
		return err->status;
	if ((mkdir(folder, 0700) != 0 && errno != EEXIST) || chown(folder, 0, gid) != 0 ||
	    chmod(folder, 02770) != 0)
		return error_set(err, STATUS_DATABASE, NULL, "cannot make the folder %s: %s",
				 folder, strerror(errno));
	return STATUS_OK;
}

/* The register's file, root's alone until setup_shared_publish: no user
 * can open it while its first admin is being made. */
static int make_shared_file(const char *path, gid_t gid, struct error *err)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	struct stat st;

	if (fd < 0 && errno == EEXIST) {
		if (lstat(path, &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == 0 &&
		    (st.st_gid == gid || st.st_gid == 0))
			return STATUS_OK;
		return error_set(err, STATUS_USAGE, "db",
				 "%s already exists and is not a shared register", path);
	}
	if (fd < 0 || fchown(fd, 0, 0) != 0 || fchmod(fd, 0600) != 0) {
		int saved = errno;

		if (fd >= 0) {
			close(fd);
			unlink(path);
		}
		return error_set(err, STATUS_DATABASE, NULL, "cannot create %s: %s", path,
				 strerror(saved));
	}
	close(fd);
	return STATUS_OK;
}

int setup_shared_publish(const char *path, struct error *err)
{
	static const char *const sides[] = {"", "-wal", "-shm"};
	struct group *g = getgrnam(PRIVILEGE_GROUP);

	if (g == NULL)
		return error_set(err, STATUS_USAGE, NULL, "there is no group %s", PRIVILEGE_GROUP);
	for (size_t i = 0; i < sizeof sides / sizeof sides[0]; i++) {
		char *file = text_format("%s%s", path, sides[i]);
		int fd = file ? open(file, O_RDONLY | O_NOFOLLOW | O_CLOEXEC) : -1;
		int saved;

		if (fd < 0 && (i == 0 || errno != ENOENT)) {
			saved = errno;
			free(file);
			return error_set(err, STATUS_DATABASE, NULL, "cannot open %s%s: %s", path,
					 sides[i], strerror(saved));
		}
		free(file);
		if (fd < 0)
			continue;
		if (fchown(fd, 0, g->gr_gid) != 0 || fchmod(fd, 0660) != 0) {
			saved = errno;
			close(fd);
			return error_set(err, STATUS_DATABASE, NULL, "cannot give %s%s to the group %s: %s",
					 path, sides[i], PRIVILEGE_GROUP, strerror(saved));
		}
		close(fd);
	}
	return STATUS_OK;
}

int setup_shared_files(const char *path, struct error *err)
{
	const char *slash = strrchr(path, '/');
	struct group *g;
	char *folder;
	int rc;

	if (getuid() != 0)
		return error_set(err, STATUS_DENIED, NULL,
				 "only root sets up a shared register: run it with sudo");
	g = getgrnam(PRIVILEGE_GROUP);
	if (g == NULL)
		return error_set(err, STATUS_USAGE, NULL,
				 "there is no group %s: sudo make install creates it with smreg",
				 PRIVILEGE_GROUP);
	if (slash == NULL || slash == path || slash[1] == '\0')
		return error_set(err, STATUS_USAGE, "db",
				 "%s: name the register's file by its full path, in a folder of its own",
				 path);
	folder = text_format("%.*s", (int)(slash - path), path);
	if (folder == NULL)
		return error_set(err, STATUS_DATABASE, NULL, "out of memory");
	rc = make_shared_folder(folder, g->gr_gid, err);
	free(folder);
	return rc == STATUS_OK ? make_shared_file(path, g->gr_gid, err) : rc;
}
