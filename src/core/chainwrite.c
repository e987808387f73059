/*
 * Writing the audit chain in bulk: see core/chainwrite.h.  The hashes are
 * the schema's own functions' (chain.c), so the rows verify as if the
 * audit_chain trigger had written them.
 */
#include "core/chainwrite.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "private.h"

struct chain_writer {
	struct smreg *s;
	char *trigger;	     /* audit_chain's CREATE TRIGGER, while paused */
	sqlite3_stmt *read;  /* the row ?1's fields and content digest */
	sqlite3_stmt *hash;  /* a row's hash, from its fields */
	sqlite3_stmt *set;   /* the row ?1's digest and hash */
	sqlite3_stmt *write; /* a new row, with its digest and hash */
	long long seq;	     /* the last row hashed; 0 before the first */
	unsigned char last[AUDIT_HASH_SIZE];
	unsigned char empty[AUDIT_HASH_SIZE]; /* the digest of no content */
};

/* No RETURNING: SQLite keeps a statement's returned rows in a temporary
 * table, and making one for every row cost more than the hashing. */
static const char *const sql[] = {
	"SELECT seq, at, login, register, record_id, action, smreg_audit_digest(before, after, reason) "
	"FROM audit WHERE seq = ?1 AND hash IS NULL",
	"SELECT smreg_audit_hash2(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	"UPDATE audit SET digest = ?2, hash = ?3 WHERE seq = ?1 AND hash IS NULL",
	"INSERT INTO audit (seq, at, login, register, record_id, action, digest, hash) "
	"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
};

static int prepare(struct chain_writer *w, struct error *err)
{
	sqlite3_stmt **stmts[] = {&w->read, &w->hash, &w->set, &w->write};

	for (size_t i = 0; i < sizeof stmts / sizeof stmts[0]; i++)
		if (sqlite3_prepare_v2(w->s->db, sql[i], -1, stmts[i], NULL) != SQLITE_OK)
			return db_error(w->s, sqlite3_errcode(w->s->db), err);
	return STATUS_OK;
}

/*
 * The hash of the row after the chain's last, from its fields bound to
 * w->hash as ?1 to ?7 (the digest as ?7), into out.
 */
static int row_hash(struct chain_writer *w, unsigned char out[AUDIT_HASH_SIZE], struct error *err)
{
	int rc;

	if (w->seq == 0)
		sqlite3_bind_null(w->hash, 8);
	else
		sqlite3_bind_blob(w->hash, 8, w->last, sizeof w->last, SQLITE_STATIC);
	rc = sqlite3_step(w->hash);
	if (rc == SQLITE_ROW && sqlite3_column_bytes(w->hash, 0) == AUDIT_HASH_SIZE) {
		memcpy(out, sqlite3_column_blob(w->hash, 0), AUDIT_HASH_SIZE);
		rc = STATUS_OK;
	} else {
		rc = db_error(w->s, rc == SQLITE_ROW ? SQLITE_ERROR : rc, err);
	}
	sqlite3_reset(w->hash);
	return rc;
}

/* Run a statement that writes one row; false in *wrote when it wrote none. */
static int write_row(struct chain_writer *w, sqlite3_stmt *stmt, struct error *err)
{
	int rc = sqlite3_step(stmt);

	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE)
		return db_error(w->s, rc, err);
	if (sqlite3_changes(w->s->db) != 1)
		return error_set(err, STATUS_DATABASE, NULL, "the audit trail changed while it was written");
	return STATUS_OK;
}

/* Where the chain stands: its last hashed row, and the digest of no content. */
static int chain_head(struct chain_writer *w, struct error *err)
{
	sqlite3_stmt *stmt;
	int rc = db_prepare(w->s,
			    "SELECT smreg_audit_digest(NULL, NULL, NULL), a.seq, a.hash FROM "
			    "(SELECT 1) LEFT JOIN (SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1) AS a",
			    &stmt, err);

	if (rc != STATUS_OK)
		return rc;
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW && sqlite3_column_bytes(stmt, 0) == AUDIT_HASH_SIZE) {
		memcpy(w->empty, sqlite3_column_blob(stmt, 0), sizeof w->empty);
		w->seq = sqlite3_column_int64(stmt, 1);
		rc = STATUS_OK;
		if (w->seq != 0 && sqlite3_column_bytes(stmt, 2) == AUDIT_HASH_SIZE)
			memcpy(w->last, sqlite3_column_blob(stmt, 2), sizeof w->last);
		else if (w->seq != 0)
			rc = error_set(err, STATUS_DATABASE, NULL, "the audit trail's last row has no hash");
	} else {
		rc = db_error(w->s, rc == SQLITE_ROW ? SQLITE_ERROR : rc, err);
	}
	db_release(stmt);
	return rc;
}

int chain_pause(struct smreg *s, struct chain_writer **out, struct error *err)
{
	struct chain_writer *w = calloc(1, sizeof *w);
	int rc;

	*out = NULL;
	if (w == NULL)
		return error_set(err, STATUS_DATABASE, NULL, "out of memory");
	w->s = s;
	rc = chain_head(w, err);
	if (rc == STATUS_OK)
		rc = db_query_text(s, "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?",
				   "audit_chain", &w->trigger, err);
	if (rc == STATUS_OK && w->trigger == NULL)
		rc = error_set(err, STATUS_DATABASE, NULL, "the audit trail has no chain trigger");
	if (rc == STATUS_OK)
		rc = prepare(w, err);
	if (rc == STATUS_OK)
		rc = db_exec(s, "DROP TRIGGER audit_chain", err);
	if (rc != STATUS_OK) {
		chain_abandon(w);
		return rc;
	}
	*out = w;
	return STATUS_OK;
}

/* Hash the row after the chain's last, which a trigger wrote without. */
static int hash_next(struct chain_writer *w, struct error *err)
{
	unsigned char hash[AUDIT_HASH_SIZE];
	int rc;

	sqlite3_bind_int64(w->read, 1, w->seq + 1);
	rc = sqlite3_step(w->read);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(w->read);
		return rc == SQLITE_DONE ? error_set(err, STATUS_DATABASE, NULL,
						     "the audit trail changed while it was written")
					 : db_error(w->s, rc, err);
	}
	for (int i = 0; i < 7; i++)
		sqlite3_bind_value(w->hash, i + 1, sqlite3_column_value(w->read, i));
	rc = row_hash(w, hash, err);
	if (rc == STATUS_OK) {
		sqlite3_bind_int64(w->set, 1, w->seq + 1);
		sqlite3_bind_value(w->set, 2, sqlite3_column_value(w->read, 6));
		sqlite3_bind_blob(w->set, 3, hash, sizeof hash, SQLITE_STATIC);
		sqlite3_reset(w->read);
		rc = write_row(w, w->set, err);
	}
	sqlite3_reset(w->read);
	sqlite3_clear_bindings(w->hash);
	if (rc == STATUS_OK) {
		memcpy(w->last, hash, sizeof hash);
		w->seq++;
	}
	return rc;
}

int chain_catch_up(struct chain_writer *w, struct error *err)
{
	char *last = NULL;
	long long upto;
	int rc = db_query_text(w->s, "SELECT max(seq) FROM audit", NULL, &last, err);

	upto = last ? atoll(last) : 0;
	free(last);
	/* Rows are only added, seq after seq, none missing. */
	while (rc == STATUS_OK && w->seq < upto)
		rc = hash_next(w, err);
	return rc;
}

int chain_append_read(struct chain_writer *w, const char *at, const char *login,
		      const char *register_name, const char *record_id, const char *action,
		      struct error *err)
{
	const char *text[] = {at, login, register_name, record_id, action};
	unsigned char hash[AUDIT_HASH_SIZE];
	int rc;

	sqlite3_bind_int64(w->hash, 1, w->seq + 1);
	sqlite3_bind_int64(w->write, 1, w->seq + 1);
	for (int i = 0; i < 5; i++) {
		sqlite3_bind_text(w->hash, 2 + i, text[i], -1, SQLITE_STATIC);
		sqlite3_bind_text(w->write, 2 + i, text[i], -1, SQLITE_STATIC);
	}
	sqlite3_bind_blob(w->hash, 7, w->empty, sizeof w->empty, SQLITE_STATIC);
	sqlite3_bind_blob(w->write, 7, w->empty, sizeof w->empty, SQLITE_STATIC);
	rc = row_hash(w, hash, err);
	sqlite3_bind_blob(w->write, 8, hash, sizeof hash, SQLITE_STATIC);
	if (rc == STATUS_OK)
		rc = write_row(w, w->write, err);
	sqlite3_clear_bindings(w->hash);
	sqlite3_clear_bindings(w->write);
	if (rc == STATUS_OK) {
		memcpy(w->last, hash, sizeof hash);
		w->seq++;
	}
	return rc;
}

int chain_resume(struct chain_writer *w, struct error *err)
{
	int rc = chain_catch_up(w, err);

	if (rc == STATUS_OK)
		rc = db_exec(w->s, w->trigger, err);
	chain_abandon(w);
	return rc;
}

void chain_abandon(struct chain_writer *w)
{
	if (w == NULL)
		return;
	sqlite3_finalize(w->read);
	sqlite3_finalize(w->hash);
	sqlite3_finalize(w->set);
	sqlite3_finalize(w->write);
	free(w->trigger);
	free(w);
}
