/* The session of smreg.h: opening the register (privilege, file, SQLite
 * configuration, migrations), "today", the SQL functions the schema calls,
 * and who the user is.  The SQL helpers are db.c. */
#include "private.h"

#include "core/access.h"
#include "core/privilege.h"
#include "core/text.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* --- "today" for SQL --------------------------------------------------- */

/* Julian day number of 1970-01-01 at noon, so "now" is midday of the fixed
 * day and date('now', 'localtime') gives that day in any time zone. */
#define JULIAN_DAY_1970_NOON 2440588.0

static int fixed_current_time_int64(sqlite3_vfs *vfs, sqlite3_int64 *out)
{
	const struct today_vfs *t = (const struct today_vfs *)vfs;

	*out = (sqlite3_int64)((t->days + JULIAN_DAY_1970_NOON) * 86400000.0);
	return SQLITE_OK;
}

static int fixed_current_time(sqlite3_vfs *vfs, double *out)
{
	const struct today_vfs *t = (const struct today_vfs *)vfs;

	*out = t->days + JULIAN_DAY_1970_NOON;
	return SQLITE_OK;
}

/*
 * Views say date('now', 'localtime'), which keeps them usable from the
 * sqlite3 command; to make them follow SMREG_TODAY, this connection gets
 * its own copy of the default VFS whose clock reads the fixed day.
 */
static int install_today_vfs(struct smreg *s, struct error *err)
{
	sqlite3_vfs *base = sqlite3_vfs_find(NULL);
	struct today_vfs *t;

	if (base == NULL)
		return error_set(err, STATUS_DATABASE, NULL, "SQLite has no file system layer");
	t = calloc(1, sizeof *t);
	if (t == NULL)
		return error_set(err, STATUS_DATABASE, NULL, "out of memory");
	t->base = *base;
	t->days = date_to_days(s->today);
	snprintf(t->name, sizeof t->name, "smreg-today-%p", (void *)t);
	t->base.zName = t->name;
	t->base.pNext = NULL;
	t->base.xCurrentTime = fixed_current_time;
	if (t->base.iVersion >= 2)
		t->base.xCurrentTimeInt64 = fixed_current_time_int64;
	if (sqlite3_vfs_register(&t->base, 0) != SQLITE_OK) {
		free(t);
		return error_set(err, STATUS_DATABASE, NULL, "could not set up SMREG_TODAY");
	}
	t->registered = true;
	s->vfs = t;
	return STATUS_OK;
}

/*
 * SMREG_TODAY is a what-if for the warnings and default dates; the real
 * day is kept beside it for what time must not bend.  A privileged smreg
 * never sees the variable (privilege.c clears it).
 */
static int resolve_today(struct smreg *s, const char *today, struct error *err)
{
	const char *fixed = today ? today : getenv("SMREG_TODAY");

	s->real_today = date_today_local();
	s->today = s->real_today;
	s->sql_today = s->real_today;
	if (fixed == NULL || fixed[0] == '\0')
		return STATUS_OK;
	if (!date_from_iso(fixed, &s->today))
		return error_set(err, STATUS_USAGE, "SMREG_TODAY",
				 "%s is not a date: write it as YYYY-MM-DD", fixed);
	s->sql_today = s->today;
	s->today_fixed = true;
	return STATUS_OK;
}

static void set_sql_today(struct smreg *s, struct date day)
{
	s->sql_today = day;
	if (s->vfs != NULL)
		s->vfs->days = date_to_days(day);
}

void session_use_real_day(struct smreg *s)
{
	set_sql_today(s, s->real_today);
}

void session_use_what_if(struct smreg *s)
{
	set_sql_today(s, s->today);
}

/* --- SQL functions the schema's triggers call ---------------------------- */

static void sql_login(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const struct smreg *s = sqlite3_user_data(ctx);

	(void)argc;
	(void)argv;
	sqlite3_result_text(ctx, s->login, -1, SQLITE_TRANSIENT);
}

static void sql_reason(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const struct smreg *s = sqlite3_user_data(ctx);

	(void)argc;
	(void)argv;
	if (s->reason != NULL && s->reason[0] != '\0')
		sqlite3_result_text(ctx, s->reason, -1, SQLITE_TRANSIENT);
	else
		sqlite3_result_null(ctx);
}

/* The real time of a change, even under SMREG_TODAY: the audit trail
 * records when something happened, not the day being imagined. */
static void sql_now(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	time_t now = time(NULL);
	struct tm tm;
	char buf[32];

	(void)argc;
	(void)argv;
	gmtime_r(&now, &tm);
	strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
	sqlite3_result_text(ctx, buf, -1, SQLITE_TRANSIENT);
}

/* The real day, for the triggers that refuse a date later than today:
 * SMREG_TODAY must not let a report be dated in the future. */
static void sql_real_today(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const struct smreg *s = sqlite3_user_data(ctx);
	char today[DATE_ISO_SIZE];

	(void)argc;
	(void)argv;
	date_to_iso(s->real_today, today);
	sqlite3_result_text(ctx, today, -1, SQLITE_TRANSIENT);
}

/* 1 while a purge deletes what is due: safeguarding records may go, and
 * their deletions write no content into the audit trail. */
static void sql_purging(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const struct smreg *s = sqlite3_user_data(ctx);

	(void)argc;
	(void)argv;
	sqlite3_result_int(ctx, s->purging);
}

static void sql_uuid(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	char id[37];

	(void)argc;
	(void)argv;
	db_new_uuid(id);
	sqlite3_result_text(ctx, id, -1, SQLITE_TRANSIENT);
}

/* smreg_nfc(text): text in NFC, for matching names stored before smreg
 * stored them so (ref.c). */
static void sql_nfc(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const unsigned char *text = sqlite3_value_text(argv[0]);
	char *nfc;

	(void)argc;
	if (text == NULL) {
		sqlite3_result_null(ctx);
		return;
	}
	nfc = text_nfc((const char *)text);
	if (nfc == NULL)
		sqlite3_result_error_nomem(ctx);
	else
		sqlite3_result_text(ctx, nfc, -1, free);
}

/* smreg_fold(text): text with its letters' case folded, beyond ASCII
 * too, for matching typed names (ref.c). */
static void sql_fold(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const unsigned char *text = sqlite3_value_text(argv[0]);
	char *folded;

	(void)argc;
	if (text == NULL) {
		sqlite3_result_null(ctx);
		return;
	}
	folded = text_fold((const char *)text);
	if (folded == NULL)
		sqlite3_result_error_nomem(ctx);
	else
		sqlite3_result_text(ctx, folded, -1, free);
}

static int register_functions(struct smreg *s, struct error *err)
{
	static const struct {
		const char *name;
		void (*fn)(sqlite3_context *, int, sqlite3_value **);
	} functions[] = {
		{"smreg_login", sql_login},
		{"smreg_reason", sql_reason},
		{"smreg_now", sql_now},
		{"smreg_uuid", sql_uuid},
		{"smreg_real_today", sql_real_today},
		{"smreg_purging", sql_purging},
	};

	for (size_t i = 0; i < sizeof functions / sizeof functions[0]; i++) {
		int rc = sqlite3_create_function_v2(s->db, functions[i].name, 0,
						    SQLITE_UTF8 | SQLITE_INNOCUOUS, s,
						    functions[i].fn, NULL, NULL, NULL);

		if (rc != SQLITE_OK)
			return db_error(s, rc, err);
	}
	if (sqlite3_create_function_v2(s->db, "smreg_nfc", 1,
				       SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
				       sql_nfc, NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_create_function_v2(s->db, "smreg_fold", 1,
				       SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
				       sql_fold, NULL, NULL, NULL) != SQLITE_OK)
		return db_error(s, sqlite3_errcode(s->db), err);
	/* The audit chain's hash (chain.c); libsodium readied once. */
	if (sodium_init() < 0)
		return error_set(err, STATUS_DATABASE, NULL, "cannot start libsodium");
	if (sqlite3_create_function_v2(s->db, "smreg_audit_hash", 10,
				       SQLITE_UTF8 | SQLITE_INNOCUOUS | SQLITE_DETERMINISTIC, NULL,
				       chain_sql_hash, NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_create_function_v2(s->db, "smreg_audit_digest", 3,
				       SQLITE_UTF8 | SQLITE_INNOCUOUS | SQLITE_DETERMINISTIC, NULL,
				       chain_sql_digest, NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_create_function_v2(s->db, "smreg_audit_hash2", 8,
				       SQLITE_UTF8 | SQLITE_INNOCUOUS | SQLITE_DETERMINISTIC, NULL,
				       chain_sql_hash2, NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_create_function_v2(s->db, "smreg_audit_seal", 10,
				       SQLITE_UTF8 | SQLITE_INNOCUOUS | SQLITE_DETERMINISTIC, NULL,
				       chain_sql_seal, NULL, NULL, NULL) != SQLITE_OK)
		return db_error(s, sqlite3_errcode(s->db), err);
	return STATUS_OK;
}

/* --- opening --------------------------------------------------------------- */

/* See private.h: the default register's folders are made private (0700). */
int session_make_folders(const char *path, mode_t mode, struct error *err)
{
	char *copy = strdup(path);
	int rc = STATUS_OK;

	if (copy == NULL)
		return error_set(err, STATUS_DATABASE, NULL, "out of memory");
	for (char *p = copy + 1; *p != '\0'; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(copy, mode) != 0 && errno != EEXIST) {
			rc = error_set(err, STATUS_DATABASE, NULL, "cannot create the folder %s: %s",
				       copy, strerror(errno));
			break;
		}
		*p = '/';
	}
	free(copy);
	return rc;
}

/* Make an empty, private file for a new register; *created says whether
 * this call made it (so a failure can remove it again). */
static int create_file(const struct smreg_options *o, bool *created, struct error *err)
{
	char *copy;
	struct stat st;
	int fd;

	*created = false;
	if (stat(o->path, &st) == 0)
		return STATUS_OK;
	if (errno != ENOENT)
		return error_set(err, STATUS_DATABASE, NULL, "cannot open %s: %s",
				 o->path, strerror(errno));
	if (!o->create)
		return error_set(err, STATUS_DATABASE, NULL,
				 "there is no register at %s: run smreg init to create one", o->path);
	if (o->create_folder && session_make_folders(o->path, 0700, err) != STATUS_OK)
		return err->status;
	copy = strdup(o->path);
	if (copy == NULL)
		return error_set(err, STATUS_DATABASE, NULL, "out of memory");
	if (stat(dirname(copy), &st) != 0 || !S_ISDIR(st.st_mode)) {
		free(copy);
		return error_set(err, STATUS_DATABASE, NULL,
				 "cannot create %s: its folder does not exist", o->path);
	}
	free(copy);
	fd = open(o->path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		return error_set(err, STATUS_DATABASE, NULL, "cannot create %s: %s",
				 o->path, strerror(errno));
	close(fd);
	*created = true;
	return STATUS_OK;
}

void smreg_remove_files(const char *path)
{
	char side[4096];

	unlink(path);
	snprintf(side, sizeof side, "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", path);
	unlink(side);
}

/* Warn when other users could read or write the register (or replace it):
 * the roles are only as strong as the file's walls. */
static void check_file_permissions(struct smreg *s)
{
	char *copy = strdup(s->path);
	struct stat file;
	struct stat folder;
	char text[512];

	if (copy == NULL)
		return;
	if (stat(s->path, &file) == 0 && (file.st_mode & (S_IROTH | S_IWOTH)))
		snprintf(text, sizeof text,
			 "warning: every user of this computer can %s %s, safeguarding records "
			 "and all, without smreg; make it private: chmod o-rwx %s",
			 (file.st_mode & S_IWOTH) ? "change" : "read", s->path, s->path);
	else if (stat(dirname(copy), &folder) == 0 && (folder.st_mode & S_IWOTH) &&
		 !(folder.st_mode & S_ISVTX))
		snprintf(text, sizeof text,
			 "warning: every user of this computer can replace files in the folder of %s; "
			 "keep the register in a private folder",
			 s->path);
	else
		text[0] = '\0';
	free(copy);
	if (text[0] != '\0')
		s->warning = strdup(text);
}

static int configure(struct smreg *s, struct error *err)
{
	char *mode = NULL;
	int rc;

	sqlite3_extended_result_codes(s->db, 1);
	sqlite3_busy_timeout(s->db, BUSY_TIMEOUT_MS);
	/* No extension is ever loaded, and no SQL can corrupt the file's
	 * structure (writable_schema and the like). */
	sqlite3_db_config(s->db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, NULL);
	sqlite3_db_config(s->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	rc = register_functions(s, err);
	if (rc == STATUS_OK)
		rc = db_exec(s, "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;", err);
	/* A sort spilled to a temporary file would be the user's to read. */
	if (rc == STATUS_OK && s->shared)
		rc = db_exec(s, "PRAGMA temp_store = MEMORY", err);
	if (rc == STATUS_OK)
		rc = db_query_text(s, "PRAGMA journal_mode", NULL, &mode, err);
	/* WAL lets readers go on while someone writes; it stays set in the file. */
	if (rc == STATUS_OK && (mode == NULL || strcmp(mode, "wal") != 0)) {
		free(mode);
		mode = NULL;
		rc = db_query_text(s, "PRAGMA journal_mode = WAL", NULL, &mode, err);
	}
	free(mode);
	return rc;
}

/* The logins of the active admins, for telling a stranger whom to ask. */
static char *admin_logins(struct smreg *s)
{
	char *logins = NULL;

	db_query_text(s,
		      "SELECT group_concat(login, ', ') FROM "
		      "(SELECT login FROM user WHERE disabled_on IS NULL "
		      "AND instr(';' || roles || ';', ';admin;') > 0 ORDER BY login)",
		      NULL, &logins, NULL);
	return logins;
}

int smreg_require_user(struct smreg *s, struct error *err)
{
	char *admins;
	char *disabled_on = NULL;
	char when[DATE_ISO_SIZE];
	int rc;

	if (s->user_id != NULL)
		return STATUS_OK;
	admins = admin_logins(s);
	db_query_text(s, "SELECT disabled_on FROM user WHERE login = ?", s->login,
		      &disabled_on, NULL);
	date_iso_to_display(disabled_on, when);
	if (admins == NULL)
		rc = error_set(err, STATUS_DENIED, NULL,
			       "this register has no users yet: run smreg init to become its first admin");
	else if (disabled_on != NULL)
		rc = error_set(err, STATUS_DENIED, NULL,
			       "%s was disabled as a user of this register on %s: ask an admin (%s)",
			       s->login, when, admins);
	else
		rc = error_set(err, STATUS_DENIED, NULL,
			       "%s is not a user of this register: ask an admin (%s) to add you "
			       "with: smreg add user login=%s roles=staff",
			       s->login, admins, s->login);
	free(admins);
	free(disabled_on);
	return rc;
}

static int ask_stop(void *arg)
{
	struct smreg *s = arg;

	return s->stop != NULL && s->stop(s->stop_arg);
}

void smreg_stop_reads(struct smreg *s, bool (*stop)(void *arg), void *arg)
{
	s->stop = stop;
	s->stop_arg = arg;
	/* Some tens of microseconds of work between asks. */
	sqlite3_progress_handler(s->db, stop ? 4000 : 0, stop ? ask_stop : NULL, s);
}

static int trace_statement(unsigned type, void *arg, void *p, void *x)
{
	struct smreg *s = arg;
	char *sql;

	if (type != SQLITE_TRACE_STMT || strncmp((const char *)x, "--", 2) == 0)
		return 0;
	sql = sqlite3_expanded_sql((sqlite3_stmt *)p);
	if (sql != NULL)
		s->trace(sql, s->trace_arg);
	sqlite3_free(sql);
	return 0;
}

void smreg_trace(struct smreg *s, void (*each)(const char *sql, void *arg), void *arg)
{
	s->trace = each;
	s->trace_arg = arg;
	sqlite3_trace_v2(s->db, each ? SQLITE_TRACE_STMT : 0, each ? trace_statement : NULL, s);
}

bool smreg_changed_elsewhere(struct smreg *s)
{
	char *text = NULL;
	long version;
	bool changed;

	if (db_query_text(s, "PRAGMA data_version", NULL, &text, NULL) != STATUS_OK || text == NULL) {
		free(text);
		return false;
	}
	version = atol(text);
	free(text);
	changed = s->data_version != 0 && version != s->data_version;
	s->data_version = version;
	return changed;
}

int smreg_reload_user(struct smreg *s, struct error *err)
{
	sqlite3_stmt *stmt;
	char today[DATE_ISO_SIZE];
	int rc;

	free(s->user_id);
	free(s->person_id);
	s->user_id = NULL;
	s->person_id = NULL;
	s->roles = 0;
	rc = db_prepare(s, "SELECT id, person, roles FROM user "
			   "WHERE login = ? AND (disabled_on IS NULL OR disabled_on > ?)",
			&stmt, err);
	if (rc != STATUS_OK)
		return rc;
	/* Who may act goes by the real day: SMREG_TODAY must not bring a
	 * disabled user back. */
	date_to_iso(s->real_today, today);
	db_bind_text(stmt, 1, s->login);
	db_bind_text(stmt, 2, today);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		s->user_id = db_column_dup(stmt, 0);
		s->person_id = db_column_dup(stmt, 1);
		s->roles = role_parse((const char *)sqlite3_column_text(stmt, 2));
		rc = STATUS_OK;
	} else if (rc == SQLITE_DONE) {
		rc = STATUS_OK;
	} else {
		rc = db_error(s, rc, err);
	}
	db_release(stmt);
	if (rc == STATUS_OK)
		rc = access_find_named(s, err);
	return rc;
}

/*
 * Open, configure and migrate the file, and read who the user is.  For the
 * shared register this runs with the group's right: SQLite opens the file,
 * its -wal and its -shm here, and keeps them open.
 */
static int open_database(struct smreg *s, const struct smreg_options *o, struct error *err)
{
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
	int rc;

	/* One thread uses a connection: no lock around every call. */
	if (s->shared)
		flags |= SQLITE_OPEN_NOFOLLOW;
	rc = sqlite3_open_v2(o->path, &s->db, flags, s->vfs ? s->vfs->name : NULL);
	if (rc != SQLITE_OK)
		return db_error(s, rc, err);
	rc = configure(s, err);
	if (rc == STATUS_OK)
		rc = migrate(s, err);
	if (rc == STATUS_OK)
		rc = smreg_reload_user(s, err);
	return rc;
}

/* What smreg check needs of the shared register's files, seen while the
 * group's right lets smreg into the folder. */
/* The names in folder other than the register base and its -wal and
 * -shm, comma-separated and malloc'd, or NULL when there are none. */
static char *stray_files(const char *folder, const char *base)
{
	DIR *dir = opendir(folder);
	size_t len = strlen(base);
	struct dirent *e;
	char *list = NULL;

	while (dir != NULL && (e = readdir(dir)) != NULL) {
		const char *n = e->d_name;
		char *more;

		if (strcmp(n, ".") == 0 || strcmp(n, "..") == 0 ||
		    (strncmp(n, base, len) == 0 &&
		     (n[len] == '\0' || strcmp(n + len, "-wal") == 0 || strcmp(n + len, "-shm") == 0)))
			continue;
		more = text_format("%s%s%s", list ? list : "", list ? ", " : "", n);
		free(list);
		list = more;
	}
	if (dir != NULL)
		closedir(dir);
	return list;
}

static void note_shared_files(struct smreg *s)
{
	const char *slash = strrchr(s->path, '/');
	char *names[4] = {
		slash == NULL ? strdup(".")
			      : text_format("%.*s", slash == s->path ? 1 : (int)(slash - s->path),
					    s->path),
		strdup(s->path),
		text_format("%s-wal", s->path),
		text_format("%s-shm", s->path),
	};

	for (int i = 0; i < 4; i++)
		s->shared_seen[i] = names[i] != NULL && lstat(names[i], &s->shared_files[i]) == 0;
	if (names[0] != NULL)
		s->shared_strays = stray_files(names[0], slash ? slash + 1 : s->path);
	for (int i = 0; i < 4; i++)
		free(names[i]);
}

int smreg_open(const struct smreg_options *o, struct smreg **out, struct error *err)
{
	struct smreg *s = calloc(1, sizeof *s);
	bool created = false;
	int rc;

	*out = NULL;
	error_clear(err);
	if (s == NULL)
		return error_set(err, STATUS_DATABASE, NULL, "out of memory");
	s->path = strdup(o->path);
	s->login = strdup(o->login ? o->login : "");
	if (s->path == NULL || s->login == NULL) {
		rc = error_set(err, STATUS_DATABASE, NULL, "out of memory");
		goto fail;
	}
	rc = resolve_today(s, o->today, err);
	if (rc == STATUS_OK && s->today_fixed)
		rc = install_today_vfs(s, err);
	if (rc == STATUS_OK)
		s->shared = privilege_is_shared(o->path);
	if (rc == STATUS_OK && !s->shared)
		rc = create_file(o, &created, err);
	if (rc == STATUS_OK && s->shared)
		rc = privilege_raise_for(o->path, err);
	if (rc != STATUS_OK)
		goto fail;
	rc = open_database(s, o, err);
	if (rc == STATUS_OK && s->shared)
		note_shared_files(s);
	privilege_lower();
	privilege_drop();
	if (rc == STATUS_OK && o->need_user)
		rc = smreg_require_user(s, err);
	if (rc != STATUS_OK)
		goto fail;
	check_file_permissions(s);
	*out = s;
	return STATUS_OK;
fail:
	privilege_drop();
	smreg_close(&s);
	if (created)
		smreg_remove_files(o->path);
	return rc;
}

void smreg_close(struct smreg **sp)
{
	struct smreg *s = *sp;

	if (s == NULL)
		return;
	db_cache_clear(s);
	for (int i = 0; i < RULES_SQL_KEPT; i++)
		free(s->rules_sql[i]);
	/* Close even a handle whose open failed: SQLite allocated it. */
	sqlite3_close_v2(s->db);
	if (s->vfs != NULL) {
		if (s->vfs->registered)
			sqlite3_vfs_unregister(&s->vfs->base);
		free(s->vfs);
	}
	free(s->path);
	free(s->login);
	free(s->user_id);
	free(s->person_id);
	free(s->warning);
	free(s->shared_strays);
	free(s->last_read);
	free(s);
	*sp = NULL;
}

const char *smreg_path(const struct smreg *s)
{
	return s->path;
}

const char *smreg_login(const struct smreg *s)
{
	return s->login;
}

const char *smreg_user_id(const struct smreg *s)
{
	return s->user_id;
}

const char *smreg_person_id(const struct smreg *s)
{
	return s->person_id;
}

unsigned smreg_roles(const struct smreg *s)
{
	return s->roles;
}

struct date smreg_today(const struct smreg *s)
{
	return s->today;
}

struct date smreg_real_today(const struct smreg *s)
{
	return s->real_today;
}

bool smreg_is_shared(const struct smreg *s)
{
	return s->shared;
}

const char *smreg_open_warning(const struct smreg *s)
{
	return s->warning;
}
