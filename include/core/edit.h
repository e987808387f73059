/*
 * Writing any register: add, change, end, delete.  Each checks the user's
 * roles, runs in one transaction and, on error, leaves the database as it
 * was and says which field is wrong and why.
 */
#ifndef SMREG_CORE_EDIT_H
#define SMREG_CORE_EDIT_H

#include <stddef.h>

#include "core/error.h"
#include "core/record.h"
#include "core/value.h"

struct smreg;

/*
 * Add a record from typed values.  Fields not given take their initial
 * value.  On success *id is the caller's.
 */
int edit_add(struct smreg *s, const struct record_type *type,
	     const struct assignment *values, size_t count, char **id,
	     struct error *err);

/*
 * The value a new record's field takes when none is given, as stored (an
 * ISO date, an id, a code), or NULL: its initial value, the user for a
 * person field that is the user, the only record of a register whose one
 * record goes without saying (a single school).  Adding a record uses it,
 * and a form starts with it.  *value is the caller's.
 */
int edit_initial(struct smreg *s, const struct field *f, char **value,
		 struct error *err);

/*
 * Change the record ref names.  expected_version, when not 0, must be the
 * row_version the change was based on: STATUS_CONFLICT otherwise, saying
 * who changed it.  reason is required for contact reports and is kept in
 * the audit trail with the change.
 */
int edit_set(struct smreg *s, const struct record_type *type, const char *ref,
	     const struct assignment *values, size_t count,
	     long long expected_version, const char *reason, struct error *err);

/*
 * Every check edit_set makes, the schema's included, with nothing written:
 * so that a front end asks for the reason only for a change that will be
 * kept.  STATUS_OK when edit_set would succeed (given a reason).
 */
int edit_check_set(struct smreg *s, const struct record_type *type, const char *ref,
		   const struct assignment *a, size_t count, long long expected,
		   struct error *err);

/*
 * Every wrong field of a record about to be written, at once, with nothing
 * written: values that do not parse, required fields a new record leaves
 * empty, and the rules across fields (record_type.rules), one error each
 * (its field set) added to *wrong, which the caller clears.  id NULL: a new
 * record of a; else the record id as a would change it.  STATUS_OK when it
 * could look, however many are wrong; else why it could not.  A form marks
 * them all before asking for a reason; the write checks them again.
 */
int edit_wrong_fields(struct smreg *s, const struct record_type *type, const char *id,
		      const struct assignment *a, size_t count, struct error_list *wrong,
		      struct error *err);

/*
 * The one check of a reason for a change, whichever front end asks: raw
 * (NULL for none) trimmed, one line, in NFC, into *reason (the caller's;
 * NULL for none).  A reason given must hold a visible character: spaces
 * and invisible characters such as U+200B ZERO WIDTH SPACE alone are
 * refused.  None is refused for a register that needs a reason (contact
 * reports, actions).  Errors name the field "reason".  edit_set, edit_end,
 * edit_delete and edit_revoke_all apply it to the reason they are given.
 */
int edit_reason(const struct record_type *type, const char *raw, char **reason,
		struct error *err);

/*
 * End a record the register's own way (close a channel, revoke an
 * authorisation, withdraw a consent, record a leaving date...): on date as
 * typed (NULL or "" for today), with an optional note for the type's
 * end_note_field.
 */
int edit_end(struct smreg *s, const struct record_type *type, const char *ref,
	     const char *date, const char *note, const char *reason,
	     struct error *err);

/*
 * The same, saying who did it (a person, as a reference is typed) for a
 * register that keeps that (a takedown's done_by): by NULL or "" is the
 * user's own person, as edit_end takes it.
 */
int edit_end_by(struct smreg *s, const struct record_type *type, const char *ref,
		const char *date, const char *note, const char *by, const char *reason,
		struct error *err);

/*
 * End a record with the fields its ending asks for (type->end_fields, the
 * end date and the end note), as one change: a contact report closed with
 * its outcome, rationale, whether a parent was told and the referral.  The
 * end date defaults to today.  A field ending does not ask for is refused.
 */
int edit_end_with(struct smreg *s, const struct record_type *type, const char *ref,
		  const struct assignment *values, size_t count, const char *reason,
		  struct error *err);

/* Delete a record entered by mistake.  Safeguarding records and settings
 * are never deleted; a record others refer to cannot be. */
int edit_delete(struct smreg *s, const struct record_type *type,
		const char *ref, const char *reason, struct error *err);

/* May the user delete records of type at all (their roles, the register's
 * rules, and no register hidden from them that can refer to one)? */
bool edit_may_delete(struct smreg *s, const struct record_type *type);

/*
 * A register that can refer to type and that the user may not read in
 * full, or NULL.  Only one for whom there is none may delete or purge a
 * record of type: else which records hidden ones refer to would show.
 */
const struct record_type *edit_hidden_referrer(struct smreg *s, const struct record_type *type);

/*
 * What ending a record of type leaves to follow up (its end_follow_up):
 * for a leaver, the authorisations they still hold.  0 when there is
 * nothing, or nothing the user may see.
 */
long edit_follow_up_count(struct smreg *s, const struct record_type *type,
			  const char *id);

/*
 * Revoke every authorisation a person still holds, on date (as typed;
 * NULL for today).  *count says how many were revoked.
 */
int edit_revoke_all(struct smreg *s, const char *person_ref, const char *date,
		    const char *reason, int *count, struct error *err);

#endif
