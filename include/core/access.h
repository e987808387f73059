/*
 * Who may do what: the permission matrix of roles x registers.  Core
 * checks it in every operation, so no front end can forget to.
 */
#ifndef SMREG_CORE_ACCESS_H
#define SMREG_CORE_ACCESS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/error.h"
#include "core/record.h"

struct smreg;

enum capability {
	CAN_COUNT = 1 << 0,	 /* how many records there are, nothing more */
	CAN_READ_OWN = 1 << 1,	 /* the records one filed oneself */
	CAN_ADD_OWN = 1 << 2,	 /* file a record as oneself */
	CAN_READ = 1 << 3,	 /* every record */
	CAN_WRITE = 1 << 4,	 /* add, change, end and delete records */
	CAN_AUDIT = 1 << 5,	 /* the register's audit trail */
	CAN_READ_NAMED = 1 << 6, /* the records that name one as their reader
					 * (a concern about staff: the head, the chair) */
};

/* Any of the ways of reading some of a register's records. */
#define CAN_READ_ANY (CAN_READ | CAN_READ_OWN | CAN_READ_NAMED)

/* What a set of roles may do with a register (the union over roles). */
unsigned access_of(unsigned roles, const struct record_type *type);

/* What the register's user may do with type. */
unsigned access_mine(const struct smreg *s, const struct record_type *type);

/*
 * STATUS_OK when the user holds any of the capabilities in `need`,
 * otherwise STATUS_DENIED with a message saying who may.  `doing` is the
 * verb for the message ("read", "change").
 */
int access_require(const struct smreg *s, const struct record_type *type,
		   unsigned need, const char *doing, struct error *err);

/*
 * Keep the user's rights as a named reader current: when the register was
 * written since they were worked out (by another session, or this one),
 * work them out again, so a head sees a concern filed about a member of
 * staff without starting again.  *changed says whether they changed.
 */
int access_refresh(struct smreg *s, bool *changed, struct error *err);

/* Roles from "admin;dsl"; unknown names are ignored. */
unsigned role_parse(const char *roles);

/* "admin, dsl" for a role set, into buf. */
const char *role_names(unsigned roles, char *buf, size_t len);

#endif
