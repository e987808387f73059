/* The shared register's group: taken only to open the shared register. */
#include "core/privilege.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/text.h"

#ifndef SMREG_SHARED_DB
#define SMREG_SHARED_DB "/var/lib/smreg/register.db"
#endif

extern char **environ;

static bool have_group; /* the group is ours to take (until dropped) */
static gid_t group_id;	/* the group of an installed smreg */
static gid_t real_gid;

/* The variables a privileged smreg keeps: the terminal's type, language
 * and time zone, and NO_COLOR.  Everything else may steer smreg, SQLite
 * or ncurses (SMREG_TODAY, TMPDIR, TERMINFO, HOME's ~/.terminfo...). */
static bool kept_variable(const char *entry)
{
	static const char *const kept[] = {"TERM=", "LANG=", "LANGUAGE=", "TZ=", "COLUMNS=",
					   "LINES=", "NO_COLOR=", "LC_"};

	for (size_t i = 0; i < sizeof kept / sizeof kept[0]; i++)
		if (strncmp(entry, kept[i], strlen(kept[i])) == 0)
			return true;
	return false;
}

/* The name of an environment entry ("NAME=value"), malloc'd. */
static char *entry_name(const char *entry)
{
	return text_format("%.*s", (int)strcspn(entry, "="), entry);
}

/*
 * Replace the environment by the kept entries alone: a new array, so that
 * an entry without "=", which unsetenv cannot remove, goes too.  The smreg
 * variables dropped are listed in *ignored (malloc'd), so that the user is
 * told rather than surprised.
 */
static int scrub_environment(char **ignored)
{
	size_t count = 0;
	size_t kept = 0;
	char **clean;

	*ignored = NULL;
	while (environ != NULL && environ[count] != NULL)
		count++;
	clean = calloc(count + 1, sizeof *clean);
	if (clean == NULL)
		return -1;
	for (size_t i = 0; i < count; i++) {
		char *name;
		char *more;

		if (kept_variable(environ[i]) && strchr(environ[i], '=') != NULL) {
			clean[kept++] = environ[i];
			continue;
		}
		if (strncmp(environ[i], "SMREG_", 6) != 0)
			continue;
		name = entry_name(environ[i]);
		more = text_format("%s%s%s", *ignored ? *ignored : "", *ignored ? ", " : "",
				   name ? name : "SMREG_");
		free(name);
		free(*ignored);
		*ignored = more;
	}
	/* The process's environment for the rest of its life: never freed. */
	environ = clean;
	return 0;
}

/*
 * Standard input, output and error open, on /dev/null if they were closed:
 * otherwise the register could be opened as descriptor 1 or 2, and what
 * smreg prints would be written into it.
 */
static int open_standard_descriptors(void)
{
	for (int fd = 0; fd <= 2; fd++) {
		int got;

		if (fcntl(fd, F_GETFD) != -1 || errno != EBADF)
			continue;
		got = open("/dev/null", O_RDWR);
		if (got != fd) {
			if (got >= 0)
				close(got);
			return -1;
		}
	}
	return 0;
}

int privilege_start(char **ignored, struct error *err)
{
	uid_t ruid = getuid();

	*ignored = NULL;
	if (open_standard_descriptors() != 0)
		return error_set(err, STATUS_DATABASE, NULL, "cannot open /dev/null");
	real_gid = getgid();
	if (geteuid() == ruid && getegid() == real_gid)
		return STATUS_OK;
	/* smreg is never installed setuid: any other user id goes for good. */
	if (geteuid() != ruid && setreuid(ruid, ruid) != 0)
		return error_set(err, STATUS_DATABASE, NULL, "cannot give up user %u: %s",
				 (unsigned)geteuid(), strerror(errno));
	if (getegid() != real_gid) {
		group_id = getegid();
		have_group = true;
		if (setegid(real_gid) != 0)
			return error_set(err, STATUS_DATABASE, NULL, "cannot put the group aside: %s",
					 strerror(errno));
	}
	if (scrub_environment(ignored) != 0)
		return error_set(err, STATUS_DATABASE, NULL, "cannot clear the environment");
	return STATUS_OK;
}

const char *privilege_shared_path(void)
{
	return SMREG_SHARED_DB;
}

bool privilege_group_id(gid_t *gid)
{
	struct group *g;

	if (have_group) {
		*gid = group_id;
		return true;
	}
	g = getgrnam(PRIVILEGE_GROUP);
	if (g == NULL)
		return false;
	*gid = g->gr_gid;
	return true;
}

bool privilege_shared_exists(void)
{
	struct stat st;
	bool exists;

	if (have_group && setegid(group_id) != 0)
		return false;
	exists = lstat(SMREG_SHARED_DB, &st) == 0;
	if (have_group)
		privilege_lower();
	return exists;
}

bool privilege_is_shared(const char *path)
{
	struct stat st;
	gid_t gid;

	/* Only the configured place is looked at with the group's right;
	 * any other path, as the user sees it. */
	if (strcmp(path, SMREG_SHARED_DB) == 0)
		return true;
	return privilege_group_id(&gid) && stat(path, &st) == 0 && st.st_gid == gid;
}

/* The folder of path, malloc'd. */
static char *folder_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		return strdup(".");
	if (slash == path)
		return strdup("/");
	return text_format("%.*s", (int)(slash - path), path);
}

/*
 * Whether no one but root can move or replace the folders above the
 * shared one: each owned by root and writable by no one else, unless it
 * is sticky like /tmp, where only root can move root's entries.
 */
static bool parents_are_roots(const char *folder)
{
	char *copy = strdup(folder);
	bool ok = copy != NULL;

	for (char *slash = copy; ok && (slash = strrchr(copy, '/')) != NULL;) {
		struct stat st;

		*slash = '\0';
		ok = lstat(copy[0] ? copy : "/", &st) == 0 && S_ISDIR(st.st_mode) && st.st_uid == 0 &&
		     (!(st.st_mode & (S_IWGRP | S_IWOTH)) || (st.st_mode & S_ISVTX));
		if (copy[0] == '\0')
			break;
	}
	free(copy);
	return ok;
}

/* Whether path, with the group's right taken, is the shared register. */
static int check_shared(const char *path, struct error *err)
{
	static const char header[16] = "SQLite format 3";
	char *folder = folder_of(path);
	char head[16];
	struct stat st;
	bool folder_ok;
	int fd;

	if (folder == NULL)
		return error_set(err, STATUS_DATABASE, NULL, "out of memory");
	folder_ok = folder[0] == '/' && lstat(folder, &st) == 0 && S_ISDIR(st.st_mode) &&
		    st.st_uid == 0 && st.st_gid == group_id && (st.st_mode & S_IRWXO) == 0 &&
		    parents_are_roots(folder);
	free(folder);
	if (!folder_ok)
		return error_set(err, STATUS_DENIED, NULL,
				 "%s is not in a shared register's folder (root:%s, mode 2770, in "
				 "folders only root may change): ask whoever keeps this computer "
				 "to run sudo smreg check",
				 path, PRIVILEGE_GROUP);
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return error_set(err, STATUS_DATABASE, NULL, "cannot open %s: %s", path,
				 strerror(errno));
	/* Owned by root, in the group, and already a database: an empty file
	 * is a register root is still making (smreg init --shared). */
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_uid != 0 ||
	    st.st_gid != group_id || read(fd, head, sizeof head) != (ssize_t)sizeof head ||
	    memcmp(head, header, sizeof head) != 0) {
		close(fd);
		return error_set(err, STATUS_DENIED, NULL,
				 "%s is not a shared register ready for use: ask whoever keeps this "
				 "computer to run sudo smreg check",
				 path);
	}
	close(fd);
	return STATUS_OK;
}

int privilege_raise_for(const char *path, struct error *err)
{
	int rc;

	/* The group's right opens the configured register and nothing else:
	 * not its -wal, not a copy beside it, not a path to it through links. */
	if (!have_group || strcmp(path, SMREG_SHARED_DB) != 0)
		return STATUS_OK;
	if (setegid(group_id) != 0)
		return error_set(err, STATUS_DATABASE, NULL, "cannot take the group %s: %s",
				 PRIVILEGE_GROUP, strerror(errno));
	/* Root reads any file anyway, and must reach a broken one to mend it. */
	rc = getuid() == 0 ? STATUS_OK : check_shared(path, err);
	if (rc != STATUS_OK)
		privilege_lower();
	return rc;
}

void privilege_lower(void)
{
	/* Failing to give a right back must never let smreg go on with it. */
	if (have_group && setegid(real_gid) != 0)
		abort();
}

void privilege_drop(void)
{
	if (!have_group)
		return;
	/* Setting the real id sets the saved one too: no way back (except
	 * for root, who needs no group to read anything). */
	if (setregid(real_gid, real_gid) != 0 || (getuid() != 0 && setegid(group_id) == 0))
		abort();
	have_group = false;
}
