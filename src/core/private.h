/*
 * What core's modules share and the front ends never see: the register's
 * insides and the SQLite helpers.  Front ends include only include/core/.
 */
#ifndef SMREG_CORE_PRIVATE_H
#define SMREG_CORE_PRIVATE_H

#include <sqlite3.h>
#include <stdbool.h>
#include <sys/stat.h>

#include "core/date.h"
#include "core/error.h"
#include "core/record.h"
#include "core/smreg.h"
#include "core/value.h"

/* A copy of the default VFS that answers "now" with a fixed day, so that
 * date('now') in the views follows SMREG_TODAY (see session.c). */
struct today_vfs {
	sqlite3_vfs base; /* first, so a sqlite3_vfs * is a today_vfs * */
	long days;	  /* the fixed day, days since 1970-01-01 */
	char name[48];
	bool registered;
};

#define STATEMENT_CACHE_SIZE 48
#define RULES_SQL_KEPT 32

struct cached_statement {
	char *sql;
	sqlite3_stmt *stmt;
	unsigned long last_used;
};

struct smreg {
	sqlite3 *db;
	char *path;

	char *login;
	char *user_id;
	char *person_id;
	unsigned roles;
	bool reads_named; /* some record names them its reader (access.c) */
	/* The register as reads_named was worked out on: its data_version
	 * (others' writes) and this connection's total changes (access.c). */
	long long named_version;
	long long named_writes;

	struct date today;	/* SMREG_TODAY's what-if, or the real day */
	struct date real_today; /* always the clock's */
	struct date sql_today;	/* the day SQL sees now: :today, date('now') */
	bool today_fixed;
	long data_version; /* PRAGMA data_version when last asked, 0 before */
	struct today_vfs *vfs;
	bool shared; /* opened with the shared register's group */
	/* The shared register's folder, file, -wal and -shm as they were at
	 * open, while smreg could still see into the folder (smreg check). */
	struct stat shared_files[4];
	bool shared_seen[4];
	char *shared_strays; /* other files in its folder, or NULL */

	const char *reason;	 /* smreg_reason() while a write runs */
	bool purging;		 /* smreg_purging(): a purge is deleting (retention.c) */
	bool (*stop)(void *arg); /* smreg_stop_reads() */
	void *stop_arg;
	void (*trace)(const char *sql, void *arg); /* smreg_trace() */
	void *trace_arg;
	char *warning;	 /* shown once after opening */
	char *last_read; /* what the last read recorded said (store.c) */

	struct cached_statement cache[STATEMENT_CACHE_SIZE];
	unsigned long cache_clock;
	/* Each register's rule check (edit.c), its SQL built on first use and
	 * kept until close: an import checks every row.  Indexed as
	 * record_types() lists the registers. */
	char *rules_sql[RULES_SQL_KEPT];
};

/* How long a statement waits for another writer before giving up. */
#define BUSY_TIMEOUT_MS 10000

/* --- db.c: statements, transactions, errors --- */

/*
 * A prepared statement for sql, kept for reuse.  The caller must
 * db_release() it (which resets it), never finalise it.
 */
int db_prepare(struct smreg *s, const char *sql, sqlite3_stmt **stmt,
	       struct error *err);
void db_release(sqlite3_stmt *stmt);

/* Finalise every statement db_prepare() kept (before closing). */
void db_cache_clear(struct smreg *s);

/* Run SQL without results (several statements allowed). */
int db_exec(struct smreg *s, const char *sql, struct error *err);

/* Begin a write transaction (waiting for other writers), commit it, or
 * roll it back.  Rollback never fails the caller. */
int db_begin(struct smreg *s, struct error *err);
int db_commit(struct smreg *s, struct error *err);
void db_rollback(struct smreg *s);

/*
 * Ready the connection for one transaction that changes thousands of rows:
 * a page cache of cache_kib so pages are not spilled and reread before
 * the commit, and statement journals in memory, where SQLite would
 * otherwise write each INSERT's (triggers make them big) to a temporary
 * file.  db_bulk_end() puts the defaults back.
 */
int db_bulk_begin(struct smreg *s, long cache_kib, struct error *err);
void db_bulk_end(struct smreg *s);

/*
 * Turn the connection's last error into err: a constraint's "field: why"
 * becomes STATUS_INVALID for that field, a full disk or a read-only file
 * STATUS_DATABASE with the reason in words.  rc is the failing result.
 */
int db_error(struct smreg *s, int rc, struct error *err);

/* Bind text, or NULL for a NULL pointer. */
int db_bind_text(sqlite3_stmt *stmt, int index, const char *text);

/* A malloc'd copy of a column's text, NULL for SQL NULL. */
char *db_column_dup(sqlite3_stmt *stmt, int column);

/* Run a query whose result is one text value (or none); *out is the
 * caller's (NULL when there was no row or the value was NULL). */
int db_query_text(struct smreg *s, const char *sql, const char *param,
		  char **out, struct error *err);

/* mkdir -p for the folders above path (not path itself), each new one
 * made with mode (less the umask); session.c. */
int session_make_folders(const char *path, mode_t mode, struct error *err);

/* A new random UUID, lower case, into out[37]. */
void db_new_uuid(char *out);

/* --- session.c: the open register (smreg.h), "today" --- */

/*
 * Until session_use_what_if(), SQL sees the real day (for :today and
 * date('now') alike), not SMREG_TODAY: for answers that time must not
 * bend, such as may-I-post.
 */
void session_use_real_day(struct smreg *s);
void session_use_what_if(struct smreg *s);

/* --- access.c: which rows the user may see --- */

/* SQL true for the rows of type the user may read, over alias; the caller
 * frees it.  Binds :me (see bind_context). */
char *visible_sql(struct smreg *s, const struct record_type *type, const char *alias);

/* SQL true when the record of type whose id is id_column is one the user
 * may read ("1" when they may read them all); the caller frees it. */
char *visible_id_sql(struct smreg *s, const struct record_type *type, const char *id_column);

/* Bind :today and :me wherever a statement names them. */
void bind_context(struct smreg *s, sqlite3_stmt *stmt);

/* Set s->reads_named: does any record name the user's person as its
 * reader (the head, the chair, for a concern about staff)? */
int access_find_named(struct smreg *s, struct error *err);

/* --- store.c, edit.c: records --- */

struct list_query;
struct record;

/* Record in the audit trail that every record of each register whose
 * reads are audited is being copied out whole (how: "backup"), before
 * the copy is made: the DSL sees who took one. */
int store_audit_copy(struct smreg *s, const char *how, struct error *err);

/* store_each, recording a read of a register whose reads are audited as
 * how ("list", "export"): the query and how many rows it finds, written
 * before the first row is handed over. */
int store_walk(struct smreg *s, const struct record_type *type,
	       const struct list_query *q, const char *how,
	       int (*each)(const struct record *r, void *arg), void *arg,
	       struct error *err);

/* Change the record with this id, inside a transaction the caller holds
 * (an MIS import): no reason, no version check. */
int edit_set_within(struct smreg *s, const struct record_type *type, const char *id,
		    const struct assignment *a, size_t count, struct error *err);

/* End the record with this id on date (ISO), inside a transaction the
 * caller holds, as edit_end does (a consent withdrawn by an MIS import:
 * the same update, so the same takedowns).  No reason, no note. */
int edit_end_within(struct smreg *s, const struct record_type *type, const char *id,
		    const char *date, struct error *err);

/* edit_add without its transaction, for the import's one transaction. */
int edit_insert(struct smreg *s, const struct record_type *type,
		const struct assignment *values, size_t count, char **id,
		struct error *err);

/* --- audit.c: reads of registers whose reads are audited --- */

/* What a read showed, for the audit trail. */
struct audit_read_note {
	const char *how;	 /* "page", "list", "export", "search", "backup" */
	const char *filter;	 /* the text searched for, or NULL */
	bool all;		 /* ended records too */
	const char *where_field; /* only rows whose field ... */
	const char *where_value; /* ... holds this, or NULL */
	long rows;		 /* how many rows it found */
	char *const *ids;	 /* the ids it showed (a page), or NULL */
	size_t id_count;
};

/*
 * Record a read of type in the audit trail: action 'read', record_id ""
 * and in "after" what was read (see audit.c).  The same read again
 * straight after is not recorded twice.
 */
int audit_record_read(struct smreg *s, const struct record_type *type,
		      const struct audit_read_note *n, struct error *err);

/* Record in the audit trail, for a register whose reads are audited, the
 * records a search for filter showed (a picker's suggestions), by id. */
int audit_found(struct smreg *s, const struct record_type *type, const char *filter,
		char *const *ids, size_t count, struct error *err);

/* --- chain.c --- */

/* The SQL function smreg_audit_hash(seq, at, login, register, record_id,
 * action, before, after, reason, previous hash): a row's hash. */
void chain_sql_hash(sqlite3_context *ctx, int argc, sqlite3_value **argv);

/* Version 2 (schema 012): smreg_audit_digest(before, after, reason), the
 * content's digest, and smreg_audit_hash2(seq, at, login, register,
 * record_id, action, digest, previous hash), a row's hash. */
void chain_sql_digest(sqlite3_context *ctx, int argc, sqlite3_value **argv);
void chain_sql_hash2(sqlite3_context *ctx, int argc, sqlite3_value **argv);
/* smreg_audit_seal(the ten of smreg_audit_hash): a version 2 row's digest
 * and hash, 64 bytes, its content hashed once (schema 023's audit_chain). */
void chain_sql_seal(sqlite3_context *ctx, int argc, sqlite3_value **argv);

/* The same two for C (chainwrite.c): the content's digest (each text NULL
 * for SQL NULL), and the row's hash from its seq, at, login, register,
 * record_id and action (text[0..4]), its digest and the hash before it
 * (NULL for the first row). */
void chain_content_digest(const char *before, const char *after, const char *reason,
			  unsigned char out[32]);
void chain_row_hash(long long seq, const char *const text[5], const unsigned char digest[32],
		    const unsigned char *previous, unsigned char out[32]);

/* The digest, in hex, of the seqs of the rows a disposal emptied (up to
 * upto; 0: all), which its own audit row keeps as purged_seqs; *first is
 * the lowest of them (0: none). */
int chain_purged_seqs(struct smreg *s, const char *disposal, long long upto,
		      char hex[65], long long *first, struct error *err);
void chain_seqs_digest(const long long *seqs, size_t n, char hex[65]);

/* --- migrate.c --- */

struct embedded_migration {
	int version;
	const char *name;
	const char *sql;
};

/* schema/NNN_*.sql, in order (generated by tools/embed-schema). */
extern const struct embedded_migration embedded_migrations[];
extern const int embedded_migration_count;

/* Bring the schema up to date in one transaction; refuse a newer one. */
int migrate(struct smreg *s, struct error *err);

/* The newest schema version this program knows. */
int migrate_latest_version(void);

#endif
