/* The SQLite helpers the rest of core uses: statements and their cache,
 * transactions, errors in words.  Opening the register is session.c. */
#include "private.h"

#include <stdio.h>
#include <stdlib.h>
#include <sodium.h>
#include <string.h>
#include <uuid/uuid.h>

/*
 * A version 4 (random) UUID, RFC 4122, from libsodium's generator (readied
 * at open, session.c).  libuuid's uuid_generate_random reseeded its own
 * generator on every call: a tenth of an import's own work per row.
 */
void db_new_uuid(char *out)
{
	uuid_t raw;

	randombytes_buf(raw, sizeof raw);
	raw[6] = (unsigned char)((raw[6] & 0x0f) | 0x40); /* version 4 */
	raw[8] = (unsigned char)((raw[8] & 0x3f) | 0x80); /* the RFC 4122 variant */
	uuid_unparse_lower(raw, out);
}

/* --- errors -------------------------------------------------------------- */

/* "field: why" into err; anything without a field goes into the text. */
static int field_error(struct error *err, const char *message)
{
	const char *colon = strstr(message, ": ");

	if (colon == NULL || colon - message >= (long)sizeof err->field ||
	    strchr(message, ' ') < colon)
		return error_set(err, STATUS_INVALID, NULL, "%s", message);
	error_set(err, STATUS_INVALID, NULL, "%s", colon + 2);
	memcpy(err->field, message, (size_t)(colon - message));
	err->field[colon - message] = '\0';
	return STATUS_INVALID;
}

/* "UNIQUE constraint failed: channel.platform, channel.account" */
static int unique_error(struct error *err, const char *columns)
{
	char table[64] = "";
	char fields[256] = "";
	char first[64] = "";
	const char *p = columns;
	int n = 0;

	if (strncmp(p, "index '", 7) == 0) {
		/* An index on an expression names itself: "table_field". */
		const char *name = p + 7;
		const char *under = strchr(name, '_');

		if (under != NULL) {
			snprintf(table, sizeof table, "%.*s", (int)(under - name), name);
			snprintf(first, sizeof first, "%.*s", (int)strcspn(under + 1, "'"), under + 1);
		}
		return error_set(err, STATUS_INVALID, first,
				 "another %s already has this %s", table, first);
	}
	while (*p != '\0') {
		const char *dot = strchr(p, '.');
		size_t len = strcspn(p, ",");

		if (dot == NULL || dot - p > (long)len)
			break;
		if (n == 0) {
			snprintf(table, sizeof table, "%.*s", (int)(dot - p), p);
			snprintf(first, sizeof first, "%.*s", (int)(len - (size_t)(dot + 1 - p)), dot + 1);
		}
		snprintf(fields + strlen(fields), sizeof fields - strlen(fields), "%s%.*s",
			 n == 0 ? "" : (p[len] == '\0' ? " and " : ", "),
			 (int)(len - (size_t)(dot + 1 - p)), dot + 1);
		n++;
		p += len;
		while (*p == ',' || *p == ' ')
			p++;
	}
	return error_set(err, STATUS_INVALID, first, "another %s already has this %s",
			 table, fields);
}

int db_error(struct smreg *s, int rc, struct error *err)
{
	const char *message = s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc);
	int primary = rc & 0xFF;

	switch (primary) {
	case SQLITE_CONSTRAINT:
		if (strncmp(message, "CHECK constraint failed: ", 25) == 0)
			return field_error(err, message + 25);
		if (strncmp(message, "NOT NULL constraint failed: ", 28) == 0) {
			const char *dot = strchr(message + 28, '.');

			return error_set(err, STATUS_INVALID, dot ? dot + 1 : message + 28,
					 "is required");
		}
		if (strncmp(message, "UNIQUE constraint failed: ", 26) == 0)
			return unique_error(err, message + 26);
		if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
			return error_set(err, STATUS_INVALID, NULL,
					 "a reference points at a record that does not exist, "
					 "or a record is still referred to");
		return field_error(err, message);
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return error_set(err, STATUS_DATABASE, NULL,
				 "the register is busy: another smreg kept it for over %d seconds; nothing was saved, try again",
				 BUSY_TIMEOUT_MS / 1000);
	case SQLITE_FULL:
		return error_set(err, STATUS_DATABASE, NULL,
				 "the disk is full: nothing was saved; free some space and try again");
	case SQLITE_READONLY:
		return error_set(err, STATUS_DATABASE, NULL,
				 "%s is read-only for you: smreg writes to the file and its folder even "
				 "to read it; ask whoever keeps it to check their permissions",
				 s->path ? s->path : "the register");
	case SQLITE_NOTADB:
	case SQLITE_CORRUPT:
		return error_set(err, STATUS_DATABASE, NULL,
				 "%s is not a usable smreg register: %s",
				 s->path ? s->path : "the file", message);
	case SQLITE_CANTOPEN:
		return error_set(err, STATUS_DATABASE, NULL, "cannot open %s: %s",
				 s->path ? s->path : "the register", message);
	case SQLITE_NOMEM:
		return error_set(err, STATUS_DATABASE, NULL, "out of memory");
	case SQLITE_INTERRUPT:
		return error_set(err, STATUS_STOPPED, NULL, "stopped before it finished");
	case SQLITE_IOERR:
		return error_set(err, STATUS_DATABASE, NULL,
				 "could not write %s (%s): is the disk full? nothing was saved",
				 s->path ? s->path : "the register", message);
	default:
		return error_set(err, STATUS_DATABASE, NULL, "%s", message);
	}
}

/* --- statements ------------------------------------------------------------ */

int db_prepare(struct smreg *s, const char *sql, sqlite3_stmt **stmt,
	       struct error *err)
{
	struct cached_statement *slot = &s->cache[0];
	int rc;

	for (int i = 0; i < STATEMENT_CACHE_SIZE; i++) {
		struct cached_statement *c = &s->cache[i];

		if (c->sql != NULL && strcmp(c->sql, sql) == 0) {
			c->last_used = ++s->cache_clock;
			*stmt = c->stmt;
			return STATUS_OK;
		}
		if (c->last_used < slot->last_used)
			slot = c;
	}
	/* Replace the least recently used. */
	sqlite3_finalize(slot->stmt);
	free(slot->sql);
	slot->sql = NULL;
	slot->stmt = NULL;
	rc = sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, stmt, NULL);
	if (rc != SQLITE_OK)
		return db_error(s, rc, err);
	slot->sql = strdup(sql);
	if (slot->sql == NULL) {
		sqlite3_finalize(*stmt);
		*stmt = NULL;
		return error_set(err, STATUS_DATABASE, NULL, "out of memory");
	}
	slot->stmt = *stmt;
	slot->last_used = ++s->cache_clock;
	return STATUS_OK;
}

void db_release(sqlite3_stmt *stmt)
{
	if (stmt != NULL) {
		sqlite3_reset(stmt);
		sqlite3_clear_bindings(stmt);
	}
}

void db_cache_clear(struct smreg *s)
{
	for (int i = 0; i < STATEMENT_CACHE_SIZE; i++) {
		sqlite3_finalize(s->cache[i].stmt);
		free(s->cache[i].sql);
		s->cache[i].stmt = NULL;
		s->cache[i].sql = NULL;
		s->cache[i].last_used = 0;
	}
}

int db_exec(struct smreg *s, const char *sql, struct error *err)
{
	int rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);

	return rc == SQLITE_OK ? STATUS_OK : db_error(s, rc, err);
}

int db_bind_text(sqlite3_stmt *stmt, int index, const char *text)
{
	if (text == NULL)
		return sqlite3_bind_null(stmt, index);
	return sqlite3_bind_text(stmt, index, text, -1, SQLITE_TRANSIENT);
}

char *db_column_dup(sqlite3_stmt *stmt, int column)
{
	const unsigned char *text = sqlite3_column_text(stmt, column);

	return text ? strdup((const char *)text) : NULL;
}

int db_query_text(struct smreg *s, const char *sql, const char *param,
		  char **out, struct error *err)
{
	sqlite3_stmt *stmt;
	int rc = db_prepare(s, sql, &stmt, err);

	*out = NULL;
	if (rc != STATUS_OK)
		return rc;
	if (param != NULL)
		db_bind_text(stmt, 1, param);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		*out = db_column_dup(stmt, 0);
		rc = STATUS_OK;
	} else if (rc == SQLITE_DONE) {
		rc = STATUS_OK;
	} else {
		rc = db_error(s, rc, err);
	}
	db_release(stmt);
	return rc;
}

/* --- transactions ---------------------------------------------------------- */

int db_begin(struct smreg *s, struct error *err)
{
	/* IMMEDIATE takes the write lock now, waiting up to the busy timeout,
	 * rather than failing later when a read turns into a write. */
	return db_exec(s, "BEGIN IMMEDIATE", err);
}

int db_commit(struct smreg *s, struct error *err)
{
	int rc = sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);

	if (rc == SQLITE_OK)
		return STATUS_OK;
	rc = db_error(s, rc, err);
	db_rollback(s);
	return rc;
}

void db_rollback(struct smreg *s)
{
	if (!sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

int db_bulk_begin(struct smreg *s, long cache_kib, struct error *err)
{
	char sql[80];

	snprintf(sql, sizeof sql, "PRAGMA cache_size = -%ld; PRAGMA temp_store = MEMORY", cache_kib);
	return db_exec(s, sql, err);
}

void db_bulk_end(struct smreg *s)
{
	db_exec(s, "PRAGMA cache_size = -2000; PRAGMA temp_store = DEFAULT", NULL);
}
