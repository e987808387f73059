/* The first admin of a new register. */
#include "core/setup.h"

#include <stdlib.h>
#include <string.h>

#include "core/access.h"
#include "core/edit.h"
#include "core/record.h"
#include "private.h"

static int add_first_admin(struct smreg *s, struct error *err)
{
	sqlite3_stmt *stmt;
	char id[37];
	int rc;

	db_new_uuid(id);
	rc = db_prepare(s, "INSERT INTO user (id, login, roles) VALUES (?, ?, 'admin')", &stmt, err);
	if (rc != STATUS_OK)
		return rc;
	db_bind_text(stmt, 1, id);
	db_bind_text(stmt, 2, s->login);
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
	rc = db_begin(s, err);
	if (rc != STATUS_OK)
		return rc;
	if (first) {
		rc = add_first_admin(s, err);
		if (rc == STATUS_OK)
			rc = smreg_reload_user(s, err);
		*outcome = INIT_FIRST_ADMIN;
	}
	if (rc == STATUS_OK && school_name != NULL && school_name[0] != '\0')
		rc = add_school(s, school_name, err);
	if (rc == STATUS_OK)
		return db_commit(s, err);
	db_rollback(s);
	*outcome = INIT_ALREADY_USER;
	smreg_reload_user(s, NULL);
	return rc;
}
