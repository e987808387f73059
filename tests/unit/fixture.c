#include "fixture.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/edit.h"
#include "core/record.h"
#include "core/setup.h"
#include "core/value.h"

struct smreg *fixture_open(struct fixture *f, const char *login, const char *today)
{
	struct smreg_options o = {
		.path = f->path,
		.login = login,
		.need_user = true,
		.today = today ? today : FIXTURE_TODAY,
	};
	struct smreg *s = NULL;
	struct error err;

	if (smreg_open(&o, &s, &err) != STATUS_OK)
		fail_msg("cannot open the register as %s: %s: %s", login, err.field, err.text);
	return s;
}

#define MAX_VALUES 32

/* Gather the "field=value" strings into assignments backed by copies. */
static size_t gather(va_list ap, struct assignment *a, char **copies)
{
	size_t n = 0;
	const char *text;

	while ((text = va_arg(ap, const char *)) != NULL && n < MAX_VALUES) {
		copies[n] = strdup(text);
		assert_non_null(copies[n]);
		assert_int_equal(value_split_assignment(copies[n], &a[n]), 0);
		n++;
	}
	return n;
}

static int add_values(struct smreg *s, struct error *err, char **id, const char *type,
		      va_list ap)
{
	struct assignment a[MAX_VALUES];
	char *copies[MAX_VALUES];
	const struct record_type *t = record_type_find(type);
	size_t n;
	int rc;

	assert_non_null(t);
	n = gather(ap, a, copies);
	rc = edit_add(s, t, a, n, id, err);
	for (size_t i = 0; i < n; i++)
		free(copies[i]);
	return rc;
}

char *fx_add(struct smreg *s, const char *type, ...)
{
	struct error err;
	char *id = NULL;
	va_list ap;
	int rc;

	va_start(ap, type);
	rc = add_values(s, &err, &id, type, ap);
	va_end(ap);
	if (rc != STATUS_OK)
		fail_msg("cannot add %s: %s: %s", type, err.field, err.text);
	return id;
}

int fx_try_add(struct smreg *s, struct error *err, const char *type, ...)
{
	char *id = NULL;
	va_list ap;
	int rc;

	va_start(ap, type);
	rc = add_values(s, err, &id, type, ap);
	va_end(ap);
	free(id);
	return rc;
}

static int set_values(struct smreg *s, struct error *err, const char *type, const char *ref,
		      const char *reason, va_list ap)
{
	struct assignment a[MAX_VALUES];
	char *copies[MAX_VALUES];
	const struct record_type *t = record_type_find(type);
	size_t n;
	int rc;

	assert_non_null(t);
	n = gather(ap, a, copies);
	rc = edit_set(s, t, ref, a, n, 0, reason, err);
	for (size_t i = 0; i < n; i++)
		free(copies[i]);
	return rc;
}

void fx_set(struct smreg *s, const char *type, const char *ref, const char *reason, ...)
{
	struct error err;
	va_list ap;
	int rc;

	va_start(ap, reason);
	rc = set_values(s, &err, type, ref, reason, ap);
	va_end(ap);
	if (rc != STATUS_OK)
		fail_msg("cannot change %s %s: %s: %s", type, ref, err.field, err.text);
}

int fx_try_set(struct smreg *s, struct error *err, const char *type, const char *ref,
	       const char *reason, ...)
{
	va_list ap;
	int rc;

	va_start(ap, reason);
	rc = set_values(s, err, type, ref, reason, ap);
	va_end(ap);
	return rc;
}

static sqlite3 *raw(struct fixture *f)
{
	sqlite3 *db = NULL;

	assert_int_equal(sqlite3_open_v2(f->path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	return db;
}

long fx_sql_long(struct fixture *f, const char *sql)
{
	sqlite3 *db = raw(f);
	sqlite3_stmt *stmt;
	long value = 0;

	if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db));
	if (sqlite3_step(stmt) == SQLITE_ROW)
		value = (long)sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	sqlite3_close(db);
	return value;
}

long fx_rows(struct fixture *f, const char *table)
{
	char sql[128];

	snprintf(sql, sizeof sql, "SELECT count(*) FROM \"%s\"", table);
	return fx_sql_long(f, sql);
}

char *fx_sql_text(struct fixture *f, const char *sql)
{
	sqlite3 *db = raw(f);
	sqlite3_stmt *stmt;
	char *value = NULL;

	if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db));
	if (sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_text(stmt, 0) != NULL)
		value = strdup((const char *)sqlite3_column_text(stmt, 0));
	sqlite3_finalize(stmt);
	sqlite3_close(db);
	return value;
}

/* The first fixture's register, kept in its own folder until the test
 * binary ends: each later fixture starts from a copy of it, as init and the
 * adds below would write the same register again (under the sanitizers,
 * they cost most of a short test's time). */
static char first_dir[64];
static char first_path[128];

static void remove_first(void)
{
	fx_remove_register(first_path, first_dir);
}

/* Copy the register at from into the new file to, private as smreg makes
 * one, page by page through SQLite (which reads a WAL's pages too). */
static void copy_register(const char *from, const char *to)
{
	sqlite3 *src = NULL;
	sqlite3 *dst = NULL;
	sqlite3_backup *b;
	int fd = open(to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

	assert_true(fd >= 0);
	close(fd);
	if (sqlite3_open_v2(from, &src, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
	    sqlite3_open(to, &dst) != SQLITE_OK)
		fail_msg("cannot open %s or %s to copy", from, to);
	b = sqlite3_backup_init(dst, "main", src, "main");
	if (b == NULL || sqlite3_backup_step(b, -1) != SQLITE_DONE)
		fail_msg("cannot copy %s: %s", from, sqlite3_errmsg(dst));
	sqlite3_backup_finish(b);
	sqlite3_close(src);
	sqlite3_close(dst);
}

/* The register of every fixture: the school, two people, and a user of
 * each role but admin (this login). */
static void build_register(struct fixture *f)
{
	free(fx_add(f->admin, "person", "name=Dee Ess-Ell", "job_title=Deputy head", NULL));
	free(fx_add(f->admin, "person", "name=Sam Staff", "job_title=Teacher", NULL));
	free(fx_add(f->admin, "user", "login=dsl", "roles=dsl", "person=Dee Ess-Ell", NULL));
	free(fx_add(f->admin, "user", "login=governor", "roles=governor", NULL));
	free(fx_add(f->admin, "user", "login=staff", "roles=staff", "person=Sam Staff", NULL));
}

int fixture_setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	struct smreg_options o = {.login = "admin", .create = true, .today = FIXTURE_TODAY};
	enum init_outcome outcome;
	struct error err;
	char *id;

	assert_non_null(f);
	snprintf(f->dir, sizeof f->dir, "/tmp/smreg-unit-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof f->path, "%s/register.db", f->dir);
	o.path = f->path;
	if (first_path[0] != '\0') {
		copy_register(first_path, f->path);
		if (smreg_open(&o, &f->admin, &err) != STATUS_OK)
			fail_msg("cannot open the copied register: %s", err.text);
	} else {
		if (smreg_open(&o, &f->admin, &err) != STATUS_OK ||
		    setup_init(f->admin, "Test School", &outcome, &err) != STATUS_OK)
			fail_msg("cannot create the register: %s", err.text);
		build_register(f);
		snprintf(first_dir, sizeof first_dir, "/tmp/smreg-unit-XXXXXX");
		assert_non_null(mkdtemp(first_dir));
		snprintf(first_path, sizeof first_path, "%s/first.db", first_dir);
		copy_register(f->path, first_path);
		atexit(remove_first);
	}
	id = fx_sql_text(f, "SELECT id FROM school");
	snprintf(f->school, sizeof f->school, "%s", id);
	free(id);
	f->dsl = fixture_open(f, "dsl", NULL);
	f->governor = fixture_open(f, "governor", NULL);
	f->staff = fixture_open(f, "staff", NULL);
	*state = f;
	return 0;
}

void fx_remove_register(const char *path, const char *dir)
{
	char side[128];

	unlink(path);
	snprintf(side, sizeof side, "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", path);
	unlink(side);
	rmdir(dir);
}

int fixture_teardown(void **state)
{
	struct fixture *f = *state;

	smreg_close(&f->admin);
	smreg_close(&f->dsl);
	smreg_close(&f->governor);
	smreg_close(&f->staff);
	fx_remove_register(f->path, f->dir);
	free(f);
	return 0;
}
