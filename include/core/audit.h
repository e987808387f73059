/*
 * Reading the audit trail: who changed or opened what, when, from which
 * values to which.  There is no way to change it; the schema refuses.
 */
#ifndef SMREG_CORE_AUDIT_H
#define SMREG_CORE_AUDIT_H

#include "core/error.h"

struct smreg;

struct audit_entry {
	long long seq;
	const char *at;		/* UTC, "YYYY-MM-DDTHH:MM:SSZ" */
	const char *login;
	const char *register_name;
	const char *record_id;
	const char *action;	/* insert, update, close, delete, open */
	const char *before;	/* JSON of the fields changed, or NULL */
	const char *after;
	const char *reason;
	const char *changes;	/* "field: old → new; ..." for a change, else NULL */
};

struct audit_query {
	const char *register_name;	/* only this register, or NULL */
	const char *record_id;		/* only this record, or NULL */
	long limit;			/* newest first, at most this many; 0: all */
};

/*
 * Call each(entry, arg) for the entries the user may see (admins: all but
 * the safeguarding registers; the DSL: those), newest first.  The entry's
 * strings live until each returns.  A non-zero return stops the walk.
 */
int audit_each(struct smreg *s, const struct audit_query *q,
	       int (*each)(const struct audit_entry *entry, void *arg), void *arg,
	       struct error *err);

#endif
