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

static bool privileged;		/* started setgid or setuid */
static bool have_group;		/* the group is ours to take (until dropped) */
static gid_t group_id;		/* the group of an installed smreg */
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

/* Unset every variable not kept; the smreg ones among them are listed in
 * *ignored (malloc'd), so that the user is told rather than surprised. */
static int scrub_environment(char **ignored)
{
	char name[256];

	*ignored = NULL;
	for (;;) {
		char **e = environ;
		size_t len;

		while (e != NULL && *e != NULL && kept_variable(*e))
			e++;
		if (e == NULL || *e == NULL)
			return 0;
		len = strcspn(*e, "=");
		if (len == 0 || len >= sizeof name)
			return -1;
		memcpy(name, *e, len);
		name[len] = '\0';
		if (strncmp(name, "SMREG_", 6) == 0) {
			char *more = text_format("%s%s%s", *ignored ? *ignored : "",
						 *ignored ? ", " : "", name);

			free(*ignored);
			*ignored = more;
		}
		if (unsetenv(name) != 0)
			return -1;
	}
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
	privileged = geteuid() != ruid || getegid() != real_gid;
	if (!privileged)
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

bool privilege_is_active(void)
{
	return privileged;
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

static bool same_file(const char *a, const char *b)
{
	struct stat sa;
	struct stat sb;

	return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
	       sa.st_ino == sb.st_ino;
}

bool privilege_is_shared(const char *path)
{
	struct stat st;
	gid_t gid;
	bool shared;

	if (!privilege_group_id(&gid))
		return false;
	if (have_group && setegid(group_id) != 0)
		return false;
	shared = stat(path, &st) == 0 && (st.st_gid == gid || same_file(path, SMREG_SHARED_DB));
	if (have_group)
		privilege_lower();
	return shared;
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
	folder_ok = lstat(folder, &st) == 0 && S_ISDIR(st.st_mode) && st.st_uid == 0 &&
		    st.st_gid == group_id && (st.st_mode & S_IRWXO) == 0;
	free(folder);
	if (!folder_ok)
		return error_set(err, STATUS_DENIED, NULL,
				 "%s is not in a shared register's folder (root:%s, mode 2770): "
				 "ask whoever keeps this computer to run sudo smreg check",
				 path, PRIVILEGE_GROUP);
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return error_set(err, STATUS_DATABASE, NULL, "cannot open %s: %s", path,
				 strerror(errno));
	/* Empty, as smreg init --shared first makes it, or SQLite's. */
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_gid != group_id ||
	    (st.st_size != 0 && (read(fd, head, sizeof head) != (ssize_t)sizeof head ||
				 memcmp(head, header, sizeof head) != 0))) {
		close(fd);
		return error_set(err, STATUS_DENIED, NULL,
				 "%s is not a shared register (a file in the group %s): "
				 "ask whoever keeps this computer to run sudo smreg check",
				 path, PRIVILEGE_GROUP);
	}
	close(fd);
	return STATUS_OK;
}

int privilege_raise_for(const char *path, struct error *err)
{
	int rc;

	if (!have_group)
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
