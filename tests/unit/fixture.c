#include "fixture.h"

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
		.path = f->path, .login = login, .need_user = true,
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
	if (smreg_open(&o, &f->admin, &err) != STATUS_OK ||
	    setup_init(f->admin, "Test School", &outcome, &err) != STATUS_OK)
		fail_msg("cannot create the register: %s", err.text);
	id = fx_sql_text(f, "SELECT id FROM school");
	snprintf(f->school, sizeof f->school, "%s", id);
	free(id);
	free(fx_add(f->admin, "person", "name=Dee Ess-Ell", "job_title=Deputy head", NULL));
	free(fx_add(f->admin, "person", "name=Sam Staff", "job_title=Teacher", NULL));
	free(fx_add(f->admin, "user", "login=dsl", "roles=dsl", "person=Dee Ess-Ell", NULL));
	free(fx_add(f->admin, "user", "login=governor", "roles=governor", NULL));
	free(fx_add(f->admin, "user", "login=staff", "roles=staff", "person=Sam Staff", NULL));
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
