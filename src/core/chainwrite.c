/*
 * Writing the audit chain in bulk: see core/chainwrite.h.  The hashes are
 * worked out as the schema's own functions work them out (chain.c), so
 * the rows verify as if the audit_chain trigger had written them.
 *
 * Each statement costs SQLite far more than a row does (a statement
 * journal opened and closed, and a temporary table for the audit's
 * CHECK ... IN list), so rows are read, and appended, BATCH at a time.
 */
#include "core/chainwrite.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "private.h"

#define BATCH 64

/* A row appended, waiting for its batch to be written. */
struct pending {
	long long seq;
	char text[5][48]; /* at, login, register, record_id, action */
	unsigned char hash[AUDIT_HASH_SIZE];
};

/* A row hashed, waiting for its batch to be set. */
struct hashed {
	long long seq;
	unsigned char digest[AUDIT_HASH_SIZE];
	unsigned char hash[AUDIT_HASH_SIZE];
};

struct chain_writer {
	struct smreg *s;
	char *trigger;	     /* audit_chain's CREATE TRIGGER, while paused */
	sqlite3_stmt *read;  /* rows after ?1, in order, BATCH of them */
	sqlite3_stmt *set;   /* digest and hash of a BATCH of rows */
	sqlite3_stmt *write; /* BATCH new rows */
	sqlite3_stmt *write_one;
	long long seq; /* the last row hashed; 0 before the first */
	unsigned char last[AUDIT_HASH_SIZE];
	unsigned char empty[AUDIT_HASH_SIZE]; /* the digest of no content */
	struct pending waiting[BATCH];
	int waiting_count;
};

static const char read_sql[] = "SELECT seq, at, login, register, record_id, action, before, after, reason "
			       "FROM audit WHERE seq > ?1 AND hash IS NULL ORDER BY seq LIMIT 64";
static const char set_sql[] = "UPDATE audit SET digest = ?2, hash = ?3 WHERE seq = ?1 AND hash IS NULL";
static const char write_head[] = "INSERT INTO audit (seq, at, login, register, record_id, action, digest, hash) "
				 "VALUES ";
static const char write_row[] = "(?, ?, ?, ?, ?, ?, ?, ?)";

/* "INSERT ... VALUES (...), (...)" for rows rows; the caller frees it. */
static char *write_sql(int rows)
{
	size_t len = sizeof write_head + (size_t)rows * (sizeof write_row + 1);
	char *sql = malloc(len);

	if (sql == NULL)
		return NULL;
	strcpy(sql, write_head);
	for (int i = 0; i < rows; i++) {
		if (i > 0)
			strcat(sql, ",");
		strcat(sql, write_row);
	}
	return sql;
}

static int prepare(struct chain_writer *w, const char *sql, sqlite3_stmt **stmt, struct error *err)
{
	if (sql == NULL)
		return error_set(err, STATUS_DATABASE, NULL, "out of memory");
	if (sqlite3_prepare_v2(w->s->db, sql, -1, stmt, NULL) != SQLITE_OK)
		return db_error(w->s, sqlite3_errcode(w->s->db), err);
	return STATUS_OK;
}

static int prepare_all(struct chain_writer *w, struct error *err)
{
	char *batch = write_sql(BATCH);
	char *one = write_sql(1);
	int rc = prepare(w, read_sql, &w->read, err);

	if (rc == STATUS_OK)
		rc = prepare(w, set_sql, &w->set, err);
	if (rc == STATUS_OK)
		rc = prepare(w, batch, &w->write, err);
	if (rc == STATUS_OK)
		rc = prepare(w, one, &w->write_one, err);
	free(batch);
	free(one);
	return rc;
}

/* Run a statement that writes; rows is how many it must have written. */
static int run_write(struct chain_writer *w, sqlite3_stmt *stmt, int rows, struct error *err)
{
	int rc = sqlite3_step(stmt);

	sqlite3_reset(stmt);
	sqlite3_clear_bindings(stmt);
	if (rc != SQLITE_DONE)
		return db_error(w->s, rc, err);
	if (sqlite3_changes(w->s->db) != rows)
		return error_set(err, STATUS_DATABASE, NULL, "the audit trail changed while it was written");
	return STATUS_OK;
}

/* Where the chain stands: its last row, and the digest of no content. */
static int chain_head(struct chain_writer *w, struct error *err)
{
	sqlite3_stmt *stmt;
	int rc = db_prepare(w->s, "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1", &stmt, err);

	if (rc != STATUS_OK)
		return rc;
	chain_content_digest(NULL, NULL, NULL, w->empty);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW && sqlite3_column_bytes(stmt, 1) == AUDIT_HASH_SIZE) {
		w->seq = sqlite3_column_int64(stmt, 0);
		memcpy(w->last, sqlite3_column_blob(stmt, 1), sizeof w->last);
		rc = STATUS_OK;
	} else if (rc == SQLITE_ROW) {
		rc = error_set(err, STATUS_DATABASE, NULL, "the audit trail's last row has no hash");
	} else {
		rc = rc == SQLITE_DONE ? STATUS_OK : db_error(w->s, rc, err);
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
		rc = prepare_all(w, err);
	if (rc == STATUS_OK)
		rc = db_exec(s, "DROP TRIGGER audit_chain", err);
	if (rc != STATUS_OK) {
		chain_abandon(w);
		return rc;
	}
	*out = w;
	return STATUS_OK;
}

/* Write the rows appended and not yet written. */
static int flush(struct chain_writer *w, struct error *err)
{
	int full = w->waiting_count == BATCH;
	sqlite3_stmt *stmt = full ? w->write : w->write_one;
	int rc = STATUS_OK;

	for (int i = 0; i < w->waiting_count && rc == STATUS_OK; i++) {
		const struct pending *p = &w->waiting[i];
		int base = full ? i * 8 : 0;

		sqlite3_bind_int64(stmt, base + 1, p->seq);
		for (int t = 0; t < 5; t++)
			sqlite3_bind_text(stmt, base + 2 + t, p->text[t], -1, SQLITE_STATIC);
		sqlite3_bind_blob(stmt, base + 7, w->empty, sizeof w->empty, SQLITE_STATIC);
		sqlite3_bind_blob(stmt, base + 8, p->hash, sizeof p->hash, SQLITE_STATIC);
		if (!full)
			rc = run_write(w, stmt, 1, err);
	}
	if (full && rc == STATUS_OK)
		rc = run_write(w, stmt, BATCH, err);
	w->waiting_count = 0;
	return rc;
}

/*
 * Hash up to BATCH rows after the chain's last that a trigger wrote
 * without; *count is how many there were.
 */
static int hash_batch(struct chain_writer *w, int *count, struct error *err)
{
	struct hashed rows[BATCH];
	int n = 0;
	int rc;

	sqlite3_bind_int64(w->read, 1, w->seq);
	while ((rc = sqlite3_step(w->read)) == SQLITE_ROW && n < BATCH) {
		const char *text[5];
		const char *content[3];
		long long seq = sqlite3_column_int64(w->read, 0);

		if (seq != w->seq + 1) /* a row missing, or hashed by someone else */
			break;
		for (int i = 0; i < 5; i++)
			text[i] = (const char *)sqlite3_column_text(w->read, 1 + i);
		for (int i = 0; i < 3; i++)
			content[i] = (const char *)sqlite3_column_text(w->read, 6 + i);
		rows[n].seq = seq;
		chain_content_digest(content[0], content[1], content[2], rows[n].digest);
		chain_row_hash(seq, text, rows[n].digest, w->seq ? w->last : NULL, rows[n].hash);
		memcpy(w->last, rows[n].hash, sizeof w->last);
		w->seq = seq;
		n++;
	}
	sqlite3_reset(w->read);
	rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? STATUS_OK : db_error(w->s, rc, err);
	for (int i = 0; i < n && rc == STATUS_OK; i++) {
		sqlite3_bind_int64(w->set, 1, rows[i].seq);
		sqlite3_bind_blob(w->set, 2, rows[i].digest, sizeof rows[i].digest, SQLITE_STATIC);
		sqlite3_bind_blob(w->set, 3, rows[i].hash, sizeof rows[i].hash, SQLITE_STATIC);
		rc = run_write(w, w->set, 1, err);
	}
	*count = n;
	return rc;
}

int chain_catch_up(struct chain_writer *w, struct error *err)
{
	int rc = flush(w, err);
	int count = BATCH;

	while (rc == STATUS_OK && count == BATCH)
		rc = hash_batch(w, &count, err);
	return rc;
}

int chain_append_read(struct chain_writer *w, const char *at, const char *login,
		      const char *register_name, const char *record_id, const char *action,
		      struct error *err)
{
	const char *text[] = {at, login, register_name, record_id, action};
	struct pending *p = &w->waiting[w->waiting_count];

	for (int i = 0; i < 5; i++) {
		if (text[i] == NULL || strlen(text[i]) >= sizeof p->text[i])
			return error_set(err, STATUS_INVALID, NULL, "an audit row's field is missing or too long");
		strcpy(p->text[i], text[i]);
	}
	p->seq = w->seq + 1;
	chain_row_hash(p->seq, text, w->empty, w->seq ? w->last : NULL, p->hash);
	memcpy(w->last, p->hash, sizeof w->last);
	w->seq = p->seq;
	return ++w->waiting_count == BATCH ? flush(w, err) : STATUS_OK;
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
	sqlite3_finalize(w->set);
	sqlite3_finalize(w->write);
	sqlite3_finalize(w->write_one);
	free(w->trigger);
	free(w);
}
