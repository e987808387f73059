/* The permission matrix of DESIGN.md, in one table, and the rows it lets
 * the user see. */
#include "core/access.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/text.h"
#include "private.h"

#define R (CAN_COUNT | CAN_READ)
#define RW (CAN_COUNT | CAN_READ | CAN_WRITE | CAN_AUDIT)

/*
 * Rows are registers; columns the roles of role.h: admin, dsl, governor, staff.
 * Governors never see a pupil's name: no pupils, consents or takedowns,
 * and only the number of contact reports.  Staff file contact reports and
 * see their own; they read pupils and channels to ask "may I post?".
 * Safeguarding records belong to the DSL, audit trail included.
 */
static const struct {
	const char *name;
	unsigned by_role[ROLE_COUNT];
} matrix[] = {
	{"school", {RW, R, R, R}},
	{"person", {RW, R, R, R}},
	{"channel", {RW, R, R, R}},
	{"authorisation", {RW, R, R, R}},
	{"pupil", {RW, R, 0, R}},
	{"consent_use", {RW, R, R, R}},
	{"consent", {RW, R, 0, 0}},
	{"takedown", {RW, R, 0, 0}},
	{"policy", {RW, R, R, R}},
	{"review", {RW, R, R, R}},
	{"contact", {CAN_COUNT, RW, CAN_COUNT, CAN_READ_OWN | CAN_ADD_OWN}},
	{"action", {0, RW, 0, 0}},
	{"training", {RW, R, R, 0}},
	{"user", {RW, 0, 0, 0}},
	{"setting", {RW, R, R, R}},
	{"training_need", {RW, R, R, R}},
	{"post", {RW, R, 0, 0}},
	{"signoff", {RW, R, R, R}},
	{"objection", {RW, R, 0, 0}},
};

static const char *const role_list[ROLE_COUNT] = {SMREG_ROLES(ROLE_NAME)};

unsigned access_of(unsigned roles, const struct record_type *type)
{
	unsigned granted = 0;

	for (size_t i = 0; i < sizeof matrix / sizeof matrix[0]; i++) {
		if (strcmp(matrix[i].name, type->name) != 0)
			continue;
		for (int r = 0; r < ROLE_COUNT; r++)
			if (roles & (1u << r))
				granted |= matrix[i].by_role[r];
	}
	return granted;
}

unsigned access_mine(const struct smreg *s, const struct record_type *type)
{
	return access_of(s->roles, type);
}

int access_require(const struct smreg *s, const struct record_type *type,
		   unsigned need, const char *doing, struct error *err)
{
	unsigned roles = s->roles;
	unsigned allowed = 0;
	char mine[64];
	char theirs[64];

	if (access_of(roles, type) & need)
		return STATUS_OK;
	for (int r = 0; r < ROLE_COUNT; r++)
		if (access_of(1u << r, type) & need)
			allowed |= 1u << r;
	role_names(roles, mine, sizeof mine);
	if (allowed == 0)
		return error_set(err, STATUS_DENIED, NULL, "nobody may %s %s",
				 doing, type->plural);
	role_names(allowed, theirs, sizeof theirs);
	return error_set(err, STATUS_DENIED, NULL,
			 "permission denied: %s (%s) may not %s %s; only %s may",
			 s->login, roles ? mine : "no role", doing, type->plural, theirs);
}

unsigned role_parse(const char *roles)
{
	unsigned set = 0;
	const char *p = roles;

	while (p != NULL && *p != '\0') {
		size_t len = strcspn(p, ";");

		for (int r = 0; r < ROLE_COUNT; r++)
			if (strlen(role_list[r]) == len && strncmp(p, role_list[r], len) == 0)
				set |= 1u << r;
		p += len;
		if (*p == ';')
			p++;
	}
	return set;
}

const char *role_names(unsigned roles, char *buf, size_t len)
{
	size_t used = 0;

	buf[0] = '\0';
	for (int r = 0; r < ROLE_COUNT && used < len; r++)
		if (roles & (1u << r))
			used += (size_t)snprintf(buf + used, len - used, "%s%s",
						 used ? ", " : "", role_list[r]);
	return buf;
}

/* --- which rows the user may see (store.c, ref.c, due.c, canpost.c) ----- */

char *visible_sql(struct smreg *s, const struct record_type *type, const char *alias)
{
	unsigned access = access_mine(s, type);

	if (access & CAN_READ)
		return strdup("1");
	if ((access & CAN_READ_OWN) && type->owner_field != NULL)
		return text_format("%s.\"%s\" IS :me", alias, type->owner_field);
	return strdup("0");
}

void bind_context(struct smreg *s, sqlite3_stmt *stmt)
{
	char today[DATE_ISO_SIZE];
	int i;

	date_to_iso(s->sql_today, today);
	i = sqlite3_bind_parameter_index(stmt, ":today");
	if (i > 0)
		sqlite3_bind_text(stmt, i, today, -1, SQLITE_TRANSIENT);
	i = sqlite3_bind_parameter_index(stmt, ":me");
	if (i > 0)
		db_bind_text(stmt, i, s->person_id);
}
