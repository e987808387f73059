/*
 * What smreg keeps and for how long: the records past their retention
 * (schema/012's view retention_due, its years in settings), legal holds
 * that keep a record whatever its retention, and the purge that removes
 * what is due, leaving only a disposal log entry and no trace of the
 * content in the audit trail, the file's free pages or its WAL.
 */
#ifndef SMREG_CORE_RETENTION_H
#define SMREG_CORE_RETENTION_H

#include <stdbool.h>
#include <stddef.h>

#include "core/error.h"
#include "core/record.h"

struct smreg;

/* One record due for disposal. */
struct retention_item {
	const struct record_type *type;
	char *record_id;
	char *subject;	 /* who or what it is, in words */
	char *rule;	 /* the setting and what it counts from */
	char due_on[11]; /* ISO */
};

/* Records of one register a rule cannot date, so never due, and why. */
struct retention_kept {
	const struct record_type *type;
	char *why;
	long count;
};

struct retention_list {
	size_t count;
	struct retention_item *items;
	size_t kept_count; /* schema's view retention_kept, by register and why */
	struct retention_kept *kept;
};

/*
 * The records due for disposal that this user may purge: the admin's
 * registers, the DSL's contact reports (whoever may write a register
 * purges it); and, counted, those of theirs kept because their rule cannot
 * date them (a concern about staff without a date of birth).  On success
 * *out is the caller's: retention_list_free().
 */
int retention_due_list(struct smreg *s, struct retention_list **out, struct error *err);

/* Free *lp and set it to NULL. */
void retention_list_free(struct retention_list **lp);

/* How many records a purge removes from one register, related records
 * included (a report's actions, a pupil's consents). */
struct purge_count {
	const struct record_type *type;
	long count;
};

#define PURGE_MAX_REGISTERS 32

struct purge_result {
	size_t registers;
	struct purge_count counts[PURGE_MAX_REGISTERS];
	long total;
	bool wal_kept; /* another process held the WAL: its old pages may remain */
};

/*
 * What smreg purge would remove, counted, without removing it: for the
 * confirmation.
 */
int retention_purge_counts(struct smreg *s, struct purge_result *out, struct error *err);

/*
 * Remove everything due that this user may purge, in one transaction, if
 * it is still expected_total records (what the confirmation showed;
 * STATUS_CONFLICT otherwise).  Writes a disposal log entry per register
 * and rule (never the content), empties the purged records' audit rows
 * (keeping their digests, so smreg check still verifies the chain), with
 * secure_delete on, then checkpoints and truncates the WAL.  A purge uses
 * the real date: under SMREG_TODAY's what-if it is refused.
 */
int retention_purge(struct smreg *s, long expected_total, struct purge_result *out,
		    struct error *err);

/* Put a record on legal hold (reason required), or release it. */
int retention_hold(struct smreg *s, const struct record_type *type, const char *ref,
		   const char *reason, struct error *err);
int retention_release(struct smreg *s, const struct record_type *type, const char *ref,
		      struct error *err);

#endif
