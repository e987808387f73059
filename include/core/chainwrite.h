/*
 * Writing the audit chain in bulk, for a transaction that adds hundreds
 * of thousands of rows to a new register (the demonstration).  The
 * schema's audit_chain trigger hashes each row as it goes in: it updates
 * the row it has just written, works the content's digest out twice and
 * looks up the row before.  A chain writer pauses that trigger, hashes
 * the rows added since in one pass with the schema's own functions
 * (smreg_audit_digest, smreg_audit_hash2), appends rows with their hashes
 * already worked out, and puts the trigger back as it was.  Everything
 * happens inside the caller's transaction: if it rolls back, so does the
 * pause.  The chain verifies afterwards as if the trigger had written it.
 */
#ifndef SMREG_CORE_CHAINWRITE_H
#define SMREG_CORE_CHAINWRITE_H

#include "core/error.h"

struct smreg;
struct chain_writer;

/*
 * Pause the trigger (inside a transaction the caller has begun).  *out is
 * the caller's, for chain_resume or chain_abandon; NULL on failure.
 */
int chain_pause(struct smreg *s, struct chain_writer **out, struct error *err);

/* Write the rows appended, then hash every row added since the pause or
 * the last catch-up, in order. */
int chain_catch_up(struct chain_writer *w, struct error *err);

/*
 * Append a row without content (an "open" or "read"), hashed here and
 * written with others in a batch: call chain_catch_up before anything
 * else adds audit rows (and after it did, before appending).  at is UTC,
 * "YYYY-MM-DDTHH:MM:SSZ"; each text is under 48 bytes.
 */
int chain_append_read(struct chain_writer *w, const char *at, const char *login,
		      const char *register_name, const char *record_id, const char *action,
		      struct error *err);

/* Hash what is left, put the trigger back and free w (in any case). */
int chain_resume(struct chain_writer *w, struct error *err);

/* Free w without touching the register (its transaction is rolling back). */
void chain_abandon(struct chain_writer *w);

#endif
