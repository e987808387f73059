/*
 * What the unit tests share: a register in a temporary folder with a user
 * of each role, opened as each of them (core called with an explicit
 * identity, as DESIGN.md allows for tests), and short ways to add records.
 */
#ifndef SMREG_TESTS_FIXTURE_H
#define SMREG_TESTS_FIXTURE_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "core/error.h"
#include "core/smreg.h"

#define FIXTURE_TODAY "2026-11-21"

struct fixture {
	char dir[64];
	char path[96];
	struct smreg *admin;	/* login "admin", roles admin */
	struct smreg *dsl;	/* login "dsl", roles dsl, person "Dee Ess-Ell" */
	struct smreg *governor; /* login "governor" */
	struct smreg *staff;	/* login "staff", person "Sam Staff" */
	char school[37];	/* "Test School" */
};

/* cmocka setup and teardown: *state is a struct fixture *. */
int fixture_setup(void **state);
int fixture_teardown(void **state);

/* Remove the register at path, its -wal and -shm files, then the folder
 * dir it was made in (by mkdtemp). */
void fx_remove_register(const char *path, const char *dir);

/* Another view of the register: login on the given day (NULL: FIXTURE_TODAY).
 * Fails the test if it cannot be opened; close it with smreg_close(). */
struct smreg *fixture_open(struct fixture *f, const char *login, const char *today);

/*
 * Add a record from "field=value" strings ending with NULL; fails the test
 * if refused.  Returns the new id, which the caller frees.
 */
char *fx_add(struct smreg *s, const char *type, ...);

/* The same, returning the status and filling err instead of failing. */
int fx_try_add(struct smreg *s, struct error *err, const char *type, ...);

/*
 * Change the record ref of type from "field=value" strings ending with
 * NULL (reason: for contact reports, else NULL); fails the test if refused.
 */
void fx_set(struct smreg *s, const char *type, const char *ref, const char *reason, ...);

/* The same, returning the status and filling err instead of failing. */
int fx_try_set(struct smreg *s, struct error *err, const char *type, const char *ref,
	       const char *reason, ...);

/* Run SQL on the register's file directly, outside smreg, returning the
 * first column of the first row as a long (0 when there is none). */
long fx_sql_long(struct fixture *f, const char *sql);

/* The same, returning text the caller frees (NULL when none). */
char *fx_sql_text(struct fixture *f, const char *sql);

/* How many rows the table holds, read directly as fx_sql_long does. */
long fx_rows(struct fixture *f, const char *table);

#endif
