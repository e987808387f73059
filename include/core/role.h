/*
 * The roles, named once: each role's bit is 1 << its place in this list,
 * and its name is the user register's code for it.  The permission
 * matrix (access.c) has a column for each, in this order; the roles of a
 * user (record.c) may be these names.
 */
#ifndef SMREG_CORE_ROLE_H
#define SMREG_CORE_ROLE_H

#define SMREG_ROLES(X)          \
	X(ADMIN, "admin")       \
	X(DSL, "dsl")           \
	X(GOVERNOR, "governor") \
	X(STAFF, "staff")

/* A role's place in the list. */
enum role_index {
#define ROLE_INDEX(id, name) ROLE_INDEX_##id,
	SMREG_ROLES(ROLE_INDEX)
#undef ROLE_INDEX
	ROLE_COUNT
};

/* Roles, as a bit set. */
enum role {
#define ROLE_BIT(id, name) ROLE_##id = 1 << ROLE_INDEX_##id,
	SMREG_ROLES(ROLE_BIT)
#undef ROLE_BIT
};

/* The names, in order, for an initialiser: {SMREG_ROLES(ROLE_NAME) NULL}. */
#define ROLE_NAME(id, name) name,

#endif
