/*
 * The audit trail's hash chain: every row vouches for the rows before it,
 * a row changed or removed behind smreg's back is named, and a seal proves
 * the trail up to it unchanged.
 */
#include "fixture.h"

#include <sodium.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/maintain.h"
#include "core/private.h"

/* --- helpers ------------------------------------------------------------------------ */

/* The register's file, opened as a tool other than smreg would, with the
 * hash function an attacker can write for themselves. */
static sqlite3 *attacker(struct fixture *f)
{
	sqlite3 *db = NULL;

	assert_int_equal(sqlite3_open_v2(f->path, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	sqlite3_busy_timeout(db, 5000);
	assert_int_equal(sqlite3_create_function_v2(db, "smreg_audit_hash", 10, SQLITE_UTF8, NULL,
						    chain_sql_hash, NULL, NULL, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_create_function_v2(db, "smreg_audit_hash2", 8, SQLITE_UTF8, NULL,
						    chain_sql_hash2, NULL, NULL, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_create_function_v2(db, "smreg_audit_digest", 3, SQLITE_UTF8, NULL,
						    chain_sql_digest, NULL, NULL, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_create_function_v2(db, "smreg_audit_seal", 10, SQLITE_UTF8, NULL,
						    chain_sql_seal, NULL, NULL, NULL),
			 SQLITE_OK);
	return db;
}

static void exec(sqlite3 *db, const char *sql)
{
	char *message = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &message) != SQLITE_OK)
		fail_msg("%s: %s", sql, message);
}

/* Work out every row's hash again, in seq order, as someone covering up a
 * change would. */
static void rechain(sqlite3 *db)
{
	sqlite3_stmt *rows;
	char sql[512];

	assert_int_equal(sqlite3_prepare_v2(db, "SELECT seq FROM audit ORDER BY seq", -1, &rows,
					    NULL),
			 SQLITE_OK);
	while (sqlite3_step(rows) == SQLITE_ROW) {
		snprintf(sql, sizeof sql,
			 "UPDATE audit SET digest = smreg_audit_digest(before, after, reason), "
			 "hash = smreg_audit_hash2(seq, at, login, register, record_id, "
			 "action, smreg_audit_digest(before, after, reason), (SELECT p.hash FROM audit "
			 "AS p WHERE p.seq < audit.seq ORDER BY p.seq DESC LIMIT 1)) WHERE seq = %lld",
			 (long long)sqlite3_column_int64(rows, 0));
		exec(db, sql);
	}
	sqlite3_finalize(rows);
}

static void add_some(struct fixture *f, int n)
{
	static int added;

	for (int i = 0; i < n; i++) {
		char name[64];

		snprintf(name, sizeof name, "name=School %d", ++added);
		free(fx_add(f->admin, "school", name, NULL));
	}
}

static void verify(struct smreg *s, struct audit_chain *chain)
{
	struct error err;

	assert_int_equal(audit_verify(s, 0, chain, &err), STATUS_OK);
}

/* --- the chain ----------------------------------------------------------------------- */

static void every_row_has_a_hash_and_the_chain_holds(void **state)
{
	struct fixture *f = *state;
	struct audit_chain chain;

	add_some(f, 5);
	verify(f->admin, &chain);
	assert_int_equal(chain.broken_seq, 0);
	assert_int_equal(chain.rows, fx_rows(f, "audit"));
	assert_int_equal(chain.head_seq, fx_sql_long(f, "SELECT max(seq) FROM audit"));
	assert_int_equal(fx_sql_long(f, "SELECT count(*) FROM audit WHERE length(hash) = 32"),
			 fx_rows(f, "audit"));
	/* No two rows share a hash. */
	assert_int_equal(fx_sql_long(f, "SELECT count(DISTINCT hash) FROM audit"), fx_rows(f, "audit"));
}

/* Append a field as chain.c documents it: 0x00 for NULL, else 0x01, the
 * length as 8 bytes big-endian, the bytes. */
static size_t put_field(unsigned char *buf, size_t at, const void *bytes, size_t len)
{
	if (bytes == NULL) {
		buf[at] = 0;
		return at + 1;
	}
	buf[at++] = 1;
	for (int i = 0; i < 8; i++)
		buf[at++] = (unsigned char)((uint64_t)len >> (56 - 8 * i));
	memcpy(buf + at, bytes, len);
	return at + len;
}

static void the_hash_is_the_documented_bytes(void **state)
{
	struct fixture *f = *state;
	sqlite3 *db = attacker(f);
	sqlite3_stmt *stmt;
	unsigned char buf[8192];
	unsigned char previous[32];
	unsigned char expected[32];
	int row = 0;

	/* The first two rows: the first has no previous hash (NULL). */
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT seq, at, login, register, record_id, action, "
						"before, after, reason, hash FROM audit ORDER BY seq LIMIT 2",
					    -1, &stmt, NULL),
			 SQLITE_OK);
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		size_t at = 0;
		char seq[24];
		unsigned char digest[32];

		/* Version 2: the content's digest, then the row over it. */
		memcpy(buf, "smreg audit content v2", 23); /* and its NUL */
		at = 23;
		for (int i = 6; i <= 8; i++)
			at = put_field(buf, at, sqlite3_column_type(stmt, i) == SQLITE_NULL ? NULL : sqlite3_column_text(stmt, i), (size_t)sqlite3_column_bytes(stmt, i));
		crypto_hash_sha256(digest, buf, at);
		memcpy(buf, "smreg audit v2", 15); /* and its NUL */
		at = 15;
		snprintf(seq, sizeof seq, "%lld", (long long)sqlite3_column_int64(stmt, 0));
		at = put_field(buf, at, seq, strlen(seq));
		for (int i = 1; i <= 5; i++)
			at = put_field(buf, at, sqlite3_column_type(stmt, i) == SQLITE_NULL ? NULL : sqlite3_column_text(stmt, i), (size_t)sqlite3_column_bytes(stmt, i));
		at = put_field(buf, at, digest, 32);
		at = put_field(buf, at, row == 0 ? NULL : previous, 32);
		crypto_hash_sha256(expected, buf, at);
		assert_int_equal(sqlite3_column_bytes(stmt, 9), 32);
		assert_memory_equal(sqlite3_column_blob(stmt, 9), expected, 32);
		memcpy(previous, expected, 32);
		row++;
	}
	assert_int_equal(row, 2);
	sqlite3_finalize(stmt);
	sqlite3_close(db);
}

/* The trigger hashes a row's content once (schema 023): the seal is the
 * digest and the hash the two functions give, NULL and empty alike, and
 * it is what every row holds. */
static void a_row_is_sealed_with_its_content_hashed_once(void **state)
{
	struct fixture *f = *state;
	sqlite3 *db = attacker(f);
	sqlite3_stmt *stmt;
	int rows = 0;

	add_some(f, 3);
	exec(db, "INSERT INTO audit (at, login, register, record_id, action, before, after, reason) "
		 "VALUES ('2026-11-21T10:00:00Z', 'admin', 'school', 'x', 'update', '', NULL, 'r')");
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT smreg_audit_seal(seq, at, login, register, "
						"record_id, action, before, after, reason, p), "
						"smreg_audit_digest(before, after, reason) || "
						"smreg_audit_hash2(seq, at, login, register, record_id, "
						"action, smreg_audit_digest(before, after, reason), p), "
						"digest || hash "
						"FROM (SELECT a.*, (SELECT p.hash FROM audit AS p "
						"WHERE p.seq < a.seq ORDER BY p.seq DESC LIMIT 1) AS p "
						"FROM audit AS a)",
					    -1, &stmt, NULL),
			 SQLITE_OK);
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		assert_int_equal(sqlite3_column_bytes(stmt, 0), 64);
		assert_int_equal(sqlite3_column_bytes(stmt, 1), 64);
		assert_memory_equal(sqlite3_column_blob(stmt, 0), sqlite3_column_blob(stmt, 1), 64);
		assert_int_equal(sqlite3_column_bytes(stmt, 2), 64);
		assert_memory_equal(sqlite3_column_blob(stmt, 0), sqlite3_column_blob(stmt, 2), 64);
		rows++;
	}
	sqlite3_finalize(stmt);
	assert_true(rows > 3);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT sql FROM sqlite_schema "
						"WHERE name = 'audit_chain'",
					    -1, &stmt, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
	assert_null(strstr((const char *)sqlite3_column_text(stmt, 0), "smreg_audit_digest"));
	sqlite3_finalize(stmt);
	sqlite3_close(db);
}

static void null_empty_and_field_boundaries_hash_differently(void **state)
{
	struct fixture *f = *state;
	sqlite3 *db = attacker(f);
	sqlite3_stmt *stmt;

	assert_int_equal(sqlite3_prepare_v2(db,
					    "SELECT smreg_audit_hash(1, 'a', 'b', 'c', 'd', 'e', NULL, NULL, NULL, NULL) <> "
					    "smreg_audit_hash(1, 'a', 'b', 'c', 'd', 'e', '', NULL, NULL, NULL), "
					    "smreg_audit_hash(1, 'ab', 'c', 'c', 'd', 'e', NULL, NULL, NULL, NULL) <> "
					    "smreg_audit_hash(1, 'a', 'bc', 'c', 'd', 'e', NULL, NULL, NULL, NULL), "
					    "smreg_audit_hash(1, 'a', 'b', 'c', 'd', 'e', NULL, NULL, NULL, NULL) <> "
					    "smreg_audit_hash(2, 'a', 'b', 'c', 'd', 'e', NULL, NULL, NULL, NULL), "
					    "smreg_audit_hash(1, 'a', 'b', 'c', 'd', 'e', NULL, NULL, NULL, NULL) = "
					    "smreg_audit_hash(1, 'a', 'b', 'c', 'd', 'e', NULL, NULL, NULL, NULL)",
					    -1, &stmt, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
	for (int i = 0; i < 4; i++)
		assert_int_equal(sqlite3_column_int(stmt, i), 1);
	sqlite3_finalize(stmt);
	sqlite3_close(db);
}

/* What smreg check reported, one line each. */
static void collect(const char *text, void *arg)
{
	char *report = arg;

	snprintf(report + strlen(report), 1024 - strlen(report), "%s\n", text);
}

static void a_row_changed_behind_smregs_back_is_named(void **state)
{
	struct fixture *f = *state;
	sqlite3 *db = attacker(f);
	struct audit_chain chain;
	struct error err;
	char report[1024] = "";
	int problems = 0;

	add_some(f, 5);
	exec(db, "DROP TRIGGER audit_never_changed; UPDATE audit SET login = 'nobody' WHERE seq = 3");
	sqlite3_close(db);
	verify(f->admin, &chain);
	assert_int_equal(chain.broken_seq, 3);
	assert_int_equal(maintain_check(f->governor, collect, report, &problems, &err), STATUS_OK);
	assert_int_equal(problems, 1);
	assert_non_null(strstr(report, "audit trail: row 3 does not match its hash"));
}

static void a_row_removed_breaks_the_chain_at_the_next(void **state)
{
	struct fixture *f = *state;
	sqlite3 *db = attacker(f);
	struct audit_chain chain;

	add_some(f, 5);
	exec(db, "DROP TRIGGER audit_never_deleted; DELETE FROM audit WHERE seq = 4");
	sqlite3_close(db);
	verify(f->admin, &chain);
	assert_int_equal(chain.broken_seq, 5);
	/* The first rows removed: the new first row had a row before it. */
	db = attacker(f);
	exec(db, "DELETE FROM audit WHERE seq < 4");
	sqlite3_close(db);
	verify(f->admin, &chain);
	assert_int_equal(chain.broken_seq, 5);
}

/* --- seals ------------------------------------------------------------------------------ */

static void a_seal_holds_as_rows_are_added(void **state)
{
	struct fixture *f = *state;
	struct audit_seal seal;
	struct audit_seal again;
	char text[AUDIT_SEAL_TEXT_SIZE];
	char problem[256];
	struct error err;

	add_some(f, 3);
	assert_int_equal(audit_seal_take(f->admin, &seal, &err), STATUS_OK);
	assert_int_equal(seal.seq, fx_sql_long(f, "SELECT max(seq) FROM audit"));
	/* Its text reads back as itself. */
	assert_true(audit_seal_parse(audit_seal_format(&seal, text), &again));
	assert_int_equal(again.seq, seal.seq);
	assert_memory_equal(again.hash, seal.hash, AUDIT_HASH_SIZE);
	assert_int_equal(strlen(text), strcspn(text, ":") + 1 + 64);

	assert_int_equal(audit_seal_verify(f->admin, &seal, problem, sizeof problem, &err), STATUS_OK);
	assert_string_equal(problem, "");
	add_some(f, 3);
	assert_int_equal(audit_seal_verify(f->staff, &seal, problem, sizeof problem, &err), STATUS_OK);
	assert_string_equal(problem, "");
}

static void a_seal_fails_once_the_trail_below_it_is_rewritten(void **state)
{
	struct fixture *f = *state;
	struct audit_seal seal;
	struct audit_chain chain;
	char problem[256];
	struct error err;
	sqlite3 *db;

	add_some(f, 3);
	assert_int_equal(audit_seal_take(f->dsl, &seal, &err), STATUS_OK);
	add_some(f, 2);
	/* A row changed and every hash worked out again: the chain holds,
	 * but it is not the trail that was sealed. */
	db = attacker(f);
	exec(db, "DROP TRIGGER audit_never_changed; UPDATE audit SET login = 'nobody' WHERE seq = 2");
	rechain(db);
	sqlite3_close(db);
	verify(f->admin, &chain);
	assert_int_equal(chain.broken_seq, 0);
	assert_int_equal(audit_seal_verify(f->admin, &seal, problem, sizeof problem, &err), STATUS_OK);
	assert_non_null(strstr(problem, "not the one sealed"));

	/* Rows removed from the end, the seal's own among them. */
	db = attacker(f);
	exec(db, "DROP TRIGGER audit_never_deleted; DELETE FROM audit WHERE seq >= 5");
	sqlite3_close(db);
	assert_int_equal(audit_seal_verify(f->admin, &seal, problem, sizeof problem, &err), STATUS_OK);
	assert_non_null(strstr(problem, "rows were removed"));
}

static void a_broken_trail_is_not_sealed(void **state)
{
	struct fixture *f = *state;
	sqlite3 *db = attacker(f);
	struct audit_seal seal;
	struct error err;

	exec(db, "DROP TRIGGER audit_never_changed; UPDATE audit SET reason = 'x' WHERE seq = 1");
	sqlite3_close(db);
	assert_int_equal(audit_seal_take(f->admin, &seal, &err), STATUS_DATABASE);
	assert_non_null(strstr(err.text, "broken at row 1"));
}

static void only_those_who_read_the_trail_may_seal_it(void **state)
{
	struct fixture *f = *state;
	struct audit_seal seal;
	struct error err;

	assert_int_equal(audit_seal_take(f->admin, &seal, &err), STATUS_OK);
	assert_int_equal(audit_seal_take(f->dsl, &seal, &err), STATUS_OK);
	assert_int_equal(audit_seal_take(f->governor, &seal, &err), STATUS_DENIED);
	assert_int_equal(audit_seal_take(f->staff, &seal, &err), STATUS_DENIED);
}

static void a_seal_is_read_strictly(void **state)
{
	static const char *const bad[] = {
		"",
		"12",
		"12:",
		":aaaa",
		"-1:00",
		"0:0000000000000000000000000000000000000000000000000000000000000000",
		"12:000000000000000000000000000000000000000000000000000000000000000",
		"12:00000000000000000000000000000000000000000000000000000000000000000",
		"12:000000000000000000000000000000000000000000000000000000000000000g",
		"1x:0000000000000000000000000000000000000000000000000000000000000000",
		" 12:0000000000000000000000000000000000000000000000000000000000000000",
		"99999999999999999999:0000000000000000000000000000000000000000000000000000000000000000",
	};
	struct audit_seal seal;

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (audit_seal_parse(bad[i], &seal))
			fail_msg("\"%s\" was read as a seal", bad[i]);
	assert_true(audit_seal_parse("12:00FF000000000000000000000000000000000000000000000000000000000000",
				     &seal));
	assert_int_equal(seal.seq, 12);
	assert_int_equal(seal.hash[1], 0xff);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, fixture_setup, fixture_teardown)
	const struct CMUnitTest tests[] = {
		T(every_row_has_a_hash_and_the_chain_holds),
		T(the_hash_is_the_documented_bytes),
		T(a_row_is_sealed_with_its_content_hashed_once),
		T(null_empty_and_field_boundaries_hash_differently),
		T(a_row_changed_behind_smregs_back_is_named),
		T(a_row_removed_breaks_the_chain_at_the_next),
		T(a_seal_holds_as_rows_are_added),
		T(a_seal_fails_once_the_trail_below_it_is_rewritten),
		T(a_broken_trail_is_not_sealed),
		T(only_those_who_read_the_trail_may_seal_it),
		T(a_seal_is_read_strictly),
	};
#undef T

	return cmocka_run_group_tests(tests, NULL, NULL);
}
