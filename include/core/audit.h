/*
 * Reading the audit trail: who changed or opened what, when, from which
 * values to which.  There is no way to change it; the schema refuses.
 */
#ifndef SMREG_CORE_AUDIT_H
#define SMREG_CORE_AUDIT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/error.h"

struct smreg;

struct audit_entry {
	long long seq;
	const char *at; /* UTC, "YYYY-MM-DDTHH:MM:SSZ" */
	const char *login;
	const char *register_name;
	const char *record_id;
	const char *action; /* insert, update, close, delete, open, read */
	const char *before; /* JSON of the fields changed, or NULL */
	const char *after;
	const char *reason;
	const char *changes; /* "field: old → new; ..." for a change, what was
				 * read for a read, else NULL */
};

struct audit_query {
	const char *register_name; /* only this register, or NULL */
	const char *record_id;	   /* only this record (reads that showed it
					 * too), or NULL */
	long limit;		   /* newest first, at most this many; 0: all */
};

/*
 * Call each(entry, arg) for the entries the user may see (admins: all but
 * the safeguarding registers; the DSL: those, and every change to a user
 * who holds or held the dsl role), newest first.  The entry's
 * strings live until each returns.  A non-zero return stops the walk.
 */
int audit_each(struct smreg *s, const struct audit_query *q,
	       int (*each)(const struct audit_entry *entry, void *arg), void *arg,
	       struct error *err);

/* --- the hash chain (chain.c) --- */

#define AUDIT_HASH_SIZE 32
/* "SEQ:HASH": a seq of up to 19 digits, 64 hex digits, the NUL. */
#define AUDIT_SEAL_TEXT_SIZE 88

struct audit_chain {
	long long rows;			     /* rows checked */
	long long head_seq;		     /* the last row checked; 0 when there was none */
	unsigned char head[AUDIT_HASH_SIZE]; /* its hash, as worked out */
	long long broken_seq;		     /* the first row whose hash does not match, or 0 */
};

/*
 * Check each row's hash, in seq order, up to row upto (0: all), stopping
 * at the first that does not match: a row changed, or one before it
 * removed, behind smreg's back.  Any user may check.
 */
int audit_verify(struct smreg *s, long long upto, struct audit_chain *out, struct error *err);

/* A row of the trail and its hash, to keep outside smreg (the minutes). */
struct audit_seal {
	long long seq;
	unsigned char hash[AUDIT_HASH_SIZE];
};

/* Read "SEQ:HASH" (hash in hex); false when it is not one. */
bool audit_seal_parse(const char *text, struct audit_seal *out);

/* "SEQ:HASH" into out; returns out. */
const char *audit_seal_format(const struct audit_seal *seal, char out[AUDIT_SEAL_TEXT_SIZE]);

/*
 * The seal of the trail's newest row, once the whole chain is checked.
 * Those who may read some of the trail (admins and the DSL) may seal it.
 */
int audit_seal_take(struct smreg *s, struct audit_seal *out, struct error *err);

/*
 * Whether the trail up to the sealed row is as it was when sealed: problem
 * (of size len) is "" when it is, else says what is wrong.  Rows added
 * after the seal do not matter to it.
 */
int audit_seal_verify(struct smreg *s, const struct audit_seal *seal, char *problem,
		      size_t len, struct error *err);

#endif
