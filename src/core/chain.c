/*
 * The audit trail's hash chain: what each row's hash is made of, the SQL
 * function that makes it as rows go in, the check of the whole chain, and
 * seals (a row's seq and hash, kept outside smreg, in the minutes).
 */
#include "core/audit.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/access.h"
#include "core/record.h"
#include "private.h"

/*
 * The bytes hashed for an audit row, in this order, fed to SHA-256
 * (libsodium's crypto_hash_sha256):
 *
 *   "smreg audit v1" and one NUL byte (15 bytes), then each of
 *   seq (as decimal ASCII, e.g. "42"), at, login, register, record_id,
 *   action, before, after, reason (their UTF-8 bytes), and the hash of the
 *   row before (its 32 bytes; NULL for the first row), each as
 *     SQL NULL:  the one byte 0x00
 *     a value:   the byte 0x01, its length in bytes as 8 bytes big-endian,
 *                then its bytes (so "" is 0x01 and eight zero bytes).
 *
 * Every field is length-prefixed, so no two rows hash the same bytes, and
 * NULL is never confused with empty text.  The previous hash makes each
 * row vouch for every row before it.
 */
#define CHAIN_FIELDS 10
#define CHAIN_DOMAIN "smreg audit v1"

struct hashed_field {
	const void *bytes; /* NULL: SQL NULL */
	size_t len;
};

static void add_field(crypto_hash_sha256_state *st, const struct hashed_field *f)
{
	unsigned char head[9];
	uint64_t len = f->len;

	if (f->bytes == NULL) {
		head[0] = 0;
		crypto_hash_sha256_update(st, head, 1);
		return;
	}
	head[0] = 1;
	for (int i = 0; i < 8; i++)
		head[1 + i] = (unsigned char)(len >> (56 - 8 * i));
	crypto_hash_sha256_update(st, head, sizeof head);
	crypto_hash_sha256_update(st, f->bytes, f->len);
}

static void chain_hash(const struct hashed_field fields[CHAIN_FIELDS],
		       unsigned char out[AUDIT_HASH_SIZE])
{
	crypto_hash_sha256_state st;

	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, (const unsigned char *)CHAIN_DOMAIN, sizeof CHAIN_DOMAIN);
	for (int i = 0; i < CHAIN_FIELDS; i++)
		add_field(&st, &fields[i]);
	crypto_hash_sha256_final(&st, out);
}

/*
 * smreg_audit_hash(seq, at, login, register, record_id, action, before,
 * after, reason, previous hash): the row's hash, a 32-byte blob.  The
 * schema's audit_chain trigger calls it for every row added.
 */
void chain_sql_hash(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct hashed_field fields[CHAIN_FIELDS];
	unsigned char hash[AUDIT_HASH_SIZE];
	char seq[24];

	if (argc != CHAIN_FIELDS || sqlite3_value_type(argv[0]) != SQLITE_INTEGER) {
		sqlite3_result_error(ctx, "smreg_audit_hash: wrong arguments", -1);
		return;
	}
	snprintf(seq, sizeof seq, "%lld", (long long)sqlite3_value_int64(argv[0]));
	fields[0].bytes = seq;
	fields[0].len = strlen(seq);
	for (int i = 1; i < CHAIN_FIELDS; i++) {
		bool blob = i == CHAIN_FIELDS - 1;

		if (sqlite3_value_type(argv[i]) == SQLITE_NULL) {
			fields[i].bytes = NULL;
			fields[i].len = 0;
			continue;
		}
		fields[i].bytes = blob ? sqlite3_value_blob(argv[i]) : sqlite3_value_text(argv[i]);
		fields[i].len = (size_t)sqlite3_value_bytes(argv[i]);
		/* A zero-length blob's pointer is NULL: still a value. */
		if (fields[i].bytes == NULL && fields[i].len == 0)
			fields[i].bytes = "";
		if (fields[i].bytes == NULL) {
			sqlite3_result_error_nomem(ctx);
			return;
		}
	}
	chain_hash(fields, hash);
	sqlite3_result_blob(ctx, hash, sizeof hash, SQLITE_TRANSIENT);
}

/*
 * Version 2 (schema 012), for every row since: the row's content is
 * hashed on its own, and the row's hash covers that digest in place of
 * the content, so a purge can empty a row and keep what vouches for it.
 *
 *   digest = SHA-256("smreg audit content v2" and a NUL, before, after,
 *                    reason), each field as above;
 *   hash   = SHA-256("smreg audit v2" and a NUL, seq, at, login, register,
 *                    record_id, action, digest (32 bytes), the hash of the
 *                    row before (32 bytes; NULL for the first)).
 *
 * Migration 012 checked the whole version 1 chain before it worked every
 * row's hash out again as version 2.
 */
#define CHAIN2_FIELDS 8
#define CHAIN2_DOMAIN "smreg audit v2"
#define CONTENT_FIELDS 3
#define CONTENT_DOMAIN "smreg audit content v2"

static void hash_fields(const char *domain, size_t domain_size, const struct hashed_field *fields,
			int count, unsigned char out[AUDIT_HASH_SIZE])
{
	crypto_hash_sha256_state st;

	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, (const unsigned char *)domain, domain_size);
	for (int i = 0; i < count; i++)
		add_field(&st, &fields[i]);
	crypto_hash_sha256_final(&st, out);
}

/* A text (or, for blob, a blob) argument as a field; false when out of memory. */
static bool value_field(sqlite3_value *v, bool blob, struct hashed_field *f)
{
	if (sqlite3_value_type(v) == SQLITE_NULL) {
		f->bytes = NULL;
		f->len = 0;
		return true;
	}
	f->bytes = blob ? sqlite3_value_blob(v) : (const void *)sqlite3_value_text(v);
	f->len = (size_t)sqlite3_value_bytes(v);
	/* A zero-length blob's pointer is NULL: still a value. */
	if (f->bytes == NULL && f->len == 0)
		f->bytes = "";
	return f->bytes != NULL;
}

/* smreg_audit_digest(before, after, reason): the content's digest. */
void chain_sql_digest(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct hashed_field fields[CONTENT_FIELDS];
	unsigned char digest[AUDIT_HASH_SIZE];

	if (argc != CONTENT_FIELDS) {
		sqlite3_result_error(ctx, "smreg_audit_digest: wrong arguments", -1);
		return;
	}
	for (int i = 0; i < CONTENT_FIELDS; i++)
		if (!value_field(argv[i], false, &fields[i])) {
			sqlite3_result_error_nomem(ctx);
			return;
		}
	hash_fields(CONTENT_DOMAIN, sizeof CONTENT_DOMAIN, fields, CONTENT_FIELDS, digest);
	sqlite3_result_blob(ctx, digest, sizeof digest, SQLITE_TRANSIENT);
}

/* smreg_audit_hash2(seq, at, login, register, record_id, action, digest,
 * previous hash): a version 2 row's hash.  The audit_chain trigger calls it. */
void chain_sql_hash2(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct hashed_field fields[CHAIN2_FIELDS];
	unsigned char hash[AUDIT_HASH_SIZE];
	char seq[24];

	if (argc != CHAIN2_FIELDS || sqlite3_value_type(argv[0]) != SQLITE_INTEGER) {
		sqlite3_result_error(ctx, "smreg_audit_hash2: wrong arguments", -1);
		return;
	}
	snprintf(seq, sizeof seq, "%lld", (long long)sqlite3_value_int64(argv[0]));
	fields[0].bytes = seq;
	fields[0].len = strlen(seq);
	for (int i = 1; i < CHAIN2_FIELDS; i++)
		if (!value_field(argv[i], i >= CHAIN2_FIELDS - 2, &fields[i])) {
			sqlite3_result_error_nomem(ctx);
			return;
		}
	hash_fields(CHAIN2_DOMAIN, sizeof CHAIN2_DOMAIN, fields, CHAIN2_FIELDS, hash);
	sqlite3_result_blob(ctx, hash, sizeof hash, SQLITE_TRANSIENT);
}

/* A NUL-terminated text as a field (NULL: SQL NULL). */
static struct hashed_field text_field(const char *text)
{
	struct hashed_field f = {text, text ? strlen(text) : 0};

	return f;
}

void chain_content_digest(const char *before, const char *after, const char *reason,
			  unsigned char out[AUDIT_HASH_SIZE])
{
	struct hashed_field fields[CONTENT_FIELDS] = {text_field(before), text_field(after),
						      text_field(reason)};

	hash_fields(CONTENT_DOMAIN, sizeof CONTENT_DOMAIN, fields, CONTENT_FIELDS, out);
}

void chain_row_hash(long long seq, const char *const text[5], const unsigned char digest[AUDIT_HASH_SIZE],
		    const unsigned char *previous, unsigned char out[AUDIT_HASH_SIZE])
{
	struct hashed_field fields[CHAIN2_FIELDS];
	char number[24];

	snprintf(number, sizeof number, "%lld", seq);
	fields[0] = text_field(number);
	for (int i = 0; i < 5; i++)
		fields[1 + i] = text_field(text[i]);
	fields[6].bytes = digest;
	fields[6].len = AUDIT_HASH_SIZE;
	fields[7].bytes = previous;
	fields[7].len = previous ? AUDIT_HASH_SIZE : 0;
	hash_fields(CHAIN2_DOMAIN, sizeof CHAIN2_DOMAIN, fields, CHAIN2_FIELDS, out);
}

/*
 * smreg_audit_seal(seq, at, login, register, record_id, action, before,
 * after, reason, previous hash): a version 2 row's digest and hash, 64
 * bytes, the digest first.  The audit_chain trigger calls it (schema 023),
 * so the content, the row's largest part, is hashed once, not twice.
 */
void chain_sql_seal(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct hashed_field content[CONTENT_FIELDS];
	struct hashed_field fields[CHAIN2_FIELDS];
	unsigned char seal[2 * AUDIT_HASH_SIZE];
	char seq[24];

	if (argc != CHAIN2_FIELDS + CONTENT_FIELDS - 1 ||
	    sqlite3_value_type(argv[0]) != SQLITE_INTEGER) {
		sqlite3_result_error(ctx, "smreg_audit_seal: wrong arguments", -1);
		return;
	}
	snprintf(seq, sizeof seq, "%lld", (long long)sqlite3_value_int64(argv[0]));
	fields[0].bytes = seq;
	fields[0].len = strlen(seq);
	for (int i = 1; i < 6; i++)
		if (!value_field(argv[i], false, &fields[i])) {
			sqlite3_result_error_nomem(ctx);
			return;
		}
	for (int i = 0; i < CONTENT_FIELDS; i++)
		if (!value_field(argv[6 + i], false, &content[i])) {
			sqlite3_result_error_nomem(ctx);
			return;
		}
	if (!value_field(argv[9], true, &fields[7])) {
		sqlite3_result_error_nomem(ctx);
		return;
	}
	hash_fields(CONTENT_DOMAIN, sizeof CONTENT_DOMAIN, content, CONTENT_FIELDS, seal);
	fields[6].bytes = seal;
	fields[6].len = AUDIT_HASH_SIZE;
	hash_fields(CHAIN2_DOMAIN, sizeof CHAIN2_DOMAIN, fields, CHAIN2_FIELDS,
		    seal + AUDIT_HASH_SIZE);
	sqlite3_result_blob(ctx, seal, sizeof seal, SQLITE_TRANSIENT);
}

/* --- checking the chain -------------------------------------------------- */

/*
 * The digest a row's hash covers: its content's, worked out again; or, for
 * a row a purge emptied, the digest it kept.  False when the row says it
 * was purged but still has content, or has lost its digest.
 */
static bool row_digest(sqlite3_stmt *stmt, unsigned char out[AUDIT_HASH_SIZE])
{
	struct hashed_field content[CONTENT_FIELDS];
	bool purged = sqlite3_column_type(stmt, 11) != SQLITE_NULL;

	for (int i = 0; i < CONTENT_FIELDS; i++) {
		content[i].bytes = sqlite3_column_type(stmt, 6 + i) == SQLITE_NULL
					   ? NULL
					   : (const void *)sqlite3_column_text(stmt, 6 + i);
		content[i].len = (size_t)sqlite3_column_bytes(stmt, 6 + i);
		if (purged && content[i].bytes != NULL)
			return false;
	}
	if (!purged) {
		hash_fields(CONTENT_DOMAIN, sizeof CONTENT_DOMAIN, content, CONTENT_FIELDS, out);
		return true;
	}
	if (sqlite3_column_bytes(stmt, 9) != AUDIT_HASH_SIZE)
		return false;
	memcpy(out, sqlite3_column_blob(stmt, 9), AUDIT_HASH_SIZE);
	return true;
}

/* The hash of one row as the walk reads it (columns as audit_verify's
 * query), given the hash before it; false when it cannot be worked out. */
static bool row_hash(sqlite3_stmt *stmt, const unsigned char *previous,
		     unsigned char out[AUDIT_HASH_SIZE])
{
	struct hashed_field fields[CHAIN2_FIELDS];
	unsigned char digest[AUDIT_HASH_SIZE];
	char seq[24];

	if (!row_digest(stmt, digest))
		return false;
	snprintf(seq, sizeof seq, "%lld", (long long)sqlite3_column_int64(stmt, 0));
	fields[0].bytes = seq;
	fields[0].len = strlen(seq);
	for (int i = 1; i < 6; i++) {
		fields[i].bytes = sqlite3_column_type(stmt, i) == SQLITE_NULL
					  ? NULL
					  : (const void *)sqlite3_column_text(stmt, i);
		fields[i].len = (size_t)sqlite3_column_bytes(stmt, i);
	}
	fields[6].bytes = digest;
	fields[6].len = sizeof digest;
	fields[7].bytes = previous;
	fields[7].len = previous ? AUDIT_HASH_SIZE : 0;
	hash_fields(CHAIN2_DOMAIN, sizeof CHAIN2_DOMAIN, fields, CHAIN2_FIELDS, out);
	return true;
}

void chain_seqs_digest(const long long *seqs, size_t n, char hex[2 * AUDIT_HASH_SIZE + 1])
{
	crypto_hash_sha256_state st;
	unsigned char digest[AUDIT_HASH_SIZE];

	crypto_hash_sha256_init(&st);
	for (size_t i = 0; i < n; i++) {
		char seq[24];
		int len = snprintf(seq, sizeof seq, "%lld\n", seqs[i]);

		crypto_hash_sha256_update(&st, (const unsigned char *)seq, (size_t)len);
	}
	crypto_hash_sha256_final(&st, digest);
	sodium_bin2hex(hex, 2 * AUDIT_HASH_SIZE + 1, digest, sizeof digest);
}

int chain_purged_seqs(struct smreg *s, const char *disposal, long long upto,
		      char hex[2 * AUDIT_HASH_SIZE + 1], long long *first, struct error *err)
{
	sqlite3_stmt *stmt;
	long long *seqs = NULL;
	size_t n = 0;
	size_t capacity = 0;
	int rc = db_prepare(s, "SELECT seq FROM audit WHERE purged = ?1 AND (?2 <= 0 OR seq <= ?2) "
			       "ORDER BY seq",
			    &stmt, err);

	*first = 0;
	if (rc != STATUS_OK)
		return rc;
	sqlite3_bind_text(stmt, 1, disposal, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 2, upto);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (n == capacity) {
			size_t grown = capacity ? capacity * 2 : 64;
			long long *more = realloc(seqs, grown * sizeof *more);

			if (more == NULL) {
				rc = SQLITE_NOMEM;
				break;
			}
			seqs = more;
			capacity = grown;
		}
		seqs[n++] = sqlite3_column_int64(stmt, 0);
	}
	rc = rc == SQLITE_DONE ? STATUS_OK : db_error(s, rc, err);
	db_release(stmt);
	if (rc == STATUS_OK) {
		chain_seqs_digest(seqs, n, hex);
		*first = n ? seqs[0] : 0;
	}
	free(seqs);
	return rc;
}

/*
 * Every purge vouches for the rows it emptied: its disposal's audit row,
 * later in the chain, holds the digest of their seqs.  A row emptied
 * behind smreg's back (naming a disposal that did not empty it, or one
 * with no audit row) is the first row of its group: *broken.
 */
static int check_purges(struct smreg *s, long long upto, long long *broken, struct error *err)
{
	sqlite3_stmt *stmt;
	int step = SQLITE_DONE;
	int rc = db_prepare(s,
			    "SELECT g.purged, g.first, (SELECT json_extract(d.after, '$.purged_seqs') "
			    "FROM audit AS d WHERE d.register = 'disposal' AND d.action = 'insert' "
			    "AND d.record_id = g.purged AND d.seq > g.last AND d.purged IS NULL) "
			    "FROM (SELECT purged, min(seq) AS first, max(seq) AS last FROM audit "
			    "WHERE purged IS NOT NULL AND (?1 <= 0 OR seq <= ?1) GROUP BY purged) AS g",
			    &stmt, err);

	if (rc != STATUS_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, upto);
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW && rc == STATUS_OK) {
		const char *vouched = (const char *)sqlite3_column_text(stmt, 2);
		long long first = sqlite3_column_int64(stmt, 1);
		char hex[2 * AUDIT_HASH_SIZE + 1];
		long long ignored;
		char *disposal = db_column_dup(stmt, 0);

		rc = disposal ? chain_purged_seqs(s, disposal, upto, hex, &ignored, err)
			      : error_set(err, STATUS_DATABASE, NULL, "out of memory");
		free(disposal);
		if (rc == STATUS_OK && (vouched == NULL || strcmp(vouched, hex) != 0) &&
		    (*broken == 0 || first < *broken))
			*broken = first;
	}
	if (rc == STATUS_OK && step != SQLITE_DONE && step != SQLITE_ROW)
		rc = db_error(s, step, err);
	db_release(stmt);
	return rc;
}

int audit_verify(struct smreg *s, long long upto, struct audit_chain *out, struct error *err)
{
	sqlite3_stmt *stmt;
	unsigned char previous[AUDIT_HASH_SIZE];
	bool first = true;
	int rc = sqlite3_prepare_v2(s->db,
				    "SELECT seq, at, login, register, record_id, action, before, after, "
				    "reason, digest, hash, purged FROM audit WHERE ?1 <= 0 OR seq <= ?1 "
				    "ORDER BY seq",
				    -1, &stmt, NULL);

	memset(out, 0, sizeof *out);
	if (rc != SQLITE_OK)
		return db_error(s, rc, err);
	sqlite3_bind_int64(stmt, 1, upto);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		unsigned char hash[AUDIT_HASH_SIZE];
		const void *stored = sqlite3_column_blob(stmt, 10);
		bool known = row_hash(stmt, first ? NULL : previous, hash);

		out->rows++;
		out->head_seq = sqlite3_column_int64(stmt, 0);
		memcpy(out->head, hash, sizeof hash);
		if (!known || stored == NULL || sqlite3_column_bytes(stmt, 10) != AUDIT_HASH_SIZE ||
		    sodium_memcmp(stored, hash, sizeof hash) != 0) {
			out->broken_seq = out->head_seq;
			rc = SQLITE_DONE;
			break;
		}
		memcpy(previous, hash, sizeof hash);
		first = false;
	}
	rc = rc == SQLITE_DONE ? STATUS_OK : db_error(s, rc, err);
	sqlite3_finalize(stmt);
	if (rc == STATUS_OK) {
		long long broken = 0;

		rc = check_purges(s, upto, &broken, err);
		if (rc == STATUS_OK && broken != 0 &&
		    (out->broken_seq == 0 || broken < out->broken_seq))
			out->broken_seq = broken;
	}
	return rc;
}

/* --- seals ----------------------------------------------------------------- */

bool audit_seal_parse(const char *text, struct audit_seal *out)
{
	const char *colon = text ? strchr(text, ':') : NULL;
	char *end;
	long long seq;

	if (colon == NULL || colon == text || !isdigit((unsigned char)text[0]))
		return false;
	errno = 0;
	seq = strtoll(text, &end, 10);
	if (errno != 0 || end != colon || seq <= 0 || strlen(colon + 1) != 2 * AUDIT_HASH_SIZE)
		return false;
	for (const char *p = colon + 1; *p; p++)
		if (!isxdigit((unsigned char)*p))
			return false;
	if (sodium_hex2bin(out->hash, sizeof out->hash, colon + 1, 2 * AUDIT_HASH_SIZE, NULL, NULL,
			   NULL) != 0)
		return false;
	out->seq = seq;
	return true;
}

const char *audit_seal_format(const struct audit_seal *seal, char out[AUDIT_SEAL_TEXT_SIZE])
{
	char hex[2 * AUDIT_HASH_SIZE + 1];

	sodium_bin2hex(hex, sizeof hex, seal->hash, sizeof seal->hash);
	snprintf(out, AUDIT_SEAL_TEXT_SIZE, "%lld:%s", seal->seq, hex);
	return out;
}

/* Whoever may read some of the audit trail may seal it. */
static bool may_seal(struct smreg *s)
{
	size_t n;
	const struct record_type *const *types = record_types(&n);

	for (size_t i = 0; i < n; i++)
		if (access_mine(s, types[i]) & CAN_AUDIT)
			return true;
	return false;
}

int audit_seal_take(struct smreg *s, struct audit_seal *out, struct error *err)
{
	struct audit_chain chain;
	int rc;

	memset(out, 0, sizeof *out);
	if (!may_seal(s))
		return error_set(err, STATUS_DENIED, NULL,
				 "permission denied: only admins and the DSL may seal the audit trail");
	rc = audit_verify(s, 0, &chain, err);
	if (rc != STATUS_OK)
		return rc;
	/* A seal vouches for the trail: never for one already broken. */
	if (chain.broken_seq != 0)
		return error_set(err, STATUS_DATABASE, NULL,
				 "the audit trail is broken at row %lld: run smreg check",
				 chain.broken_seq);
	if (chain.rows == 0)
		return error_set(err, STATUS_INVALID, NULL, "the audit trail is empty: nothing to seal");
	out->seq = chain.head_seq;
	memcpy(out->hash, chain.head, sizeof out->hash);
	return STATUS_OK;
}

int audit_seal_verify(struct smreg *s, const struct audit_seal *seal, char *problem,
		      size_t len, struct error *err)
{
	struct audit_chain chain;
	int rc = audit_verify(s, seal->seq, &chain, err);

	problem[0] = '\0';
	if (rc != STATUS_OK)
		return rc;
	if (chain.broken_seq != 0)
		snprintf(problem, len, "seal %lld: the audit trail is broken at row %lld, "
				       "before the sealed row",
			 seal->seq, chain.broken_seq);
	else if (chain.head_seq != seal->seq)
		snprintf(problem, len, "seal %lld: the audit trail has no row %lld: "
				       "rows were removed",
			 seal->seq, seal->seq);
	else if (sodium_memcmp(chain.head, seal->hash, sizeof chain.head) != 0)
		snprintf(problem, len, "seal %lld: the audit trail up to row %lld is not "
				       "the one sealed: it was rewritten",
			 seal->seq, seal->seq);
	return STATUS_OK;
}
