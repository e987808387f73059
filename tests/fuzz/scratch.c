#include "scratch.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/edit.h"
#include "core/record.h"
#include "core/setup.h"
#include "core/value.h"
#include "core/private.h"

static char folder[256];
static char path[320];
static struct smreg *scratch;
static sqlite3 *pristine; /* an in-memory copy of the register as first made */

void scratch_die(const char *what, const char *detail)
{
	fprintf(stderr, "fuzz: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
	abort();
}

static void remove_files(void)
{
	static const char *const suffixes[] = {"", "-wal", "-shm", "-journal"};
	char name[340];

	smreg_close(&scratch);
	if (pristine != NULL)
		sqlite3_close(pristine);
	pristine = NULL;
	for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
		snprintf(name, sizeof name, "%s%s", path, suffixes[i]);
		unlink(name);
	}
	rmdir(folder);
}

/* Add one record from NULL-terminated field, value pairs. */
static void add(struct smreg *s, const char *type, const char *const *pairs)
{
	struct assignment a[16];
	size_t n = 0;
	struct error err;
	char *id = NULL;

	for (; pairs[2 * n] != NULL && n < 16; n++) {
		a[n].field = pairs[2 * n];
		a[n].value = pairs[2 * n + 1];
	}
	if (edit_add(s, record_type_find(type), a, n, &id, &err) != STATUS_OK)
		scratch_die("cannot seed the scratch register", err.text);
	free(id);
}

/* What an import's references and a value's lookups can find. */
static void seed(struct smreg *s)
{
	struct assignment roles = {"roles", "admin;dsl"};
	struct error err;

	if (edit_set(s, record_type_find("user"), "admin", &roles, 1, 0, NULL, &err) != STATUS_OK ||
	    smreg_reload_user(s, &err) != STATUS_OK)
		scratch_die("cannot give admin the dsl role", err.text);
	/* clang-format off */
	add(s, "school", (const char *const[]){"name", "Oak Academy", "code", "OAK", "urn", "123456", NULL});
	add(s, "person", (const char *const[]){"name", "Hedda Head", "job_title", "Head teacher",
					       "email", "head@school.example", NULL});
	add(s, "person", (const char *const[]){"name", "Dee Ess-Ell", "started_on", "01/09/2020", NULL});
	add(s, "person", (const char *const[]){"name", "Sam Staff", "school", "Test School", NULL});
	add(s, "channel", (const char *const[]){"school", "Test School", "platform", "facebook",
						"account", "StMarys", "approved_by", "Hedda Head", NULL});
	add(s, "pupil", (const char *const[]){"school", "Test School", "name", "Ada Pupil",
					      "mis_id", "A1", "year_group", "3", NULL});
	add(s, "pupil", (const char *const[]){"school", "OAK", "name", "Ben Pupil", NULL});
	add(s, "consent", (const char *const[]){"pupil", "Ada Pupil", "given_by", "Mrs Pupil",
						"uses", "social_media;website", NULL});
	add(s, "policy", (const char *const[]){"title", "Social media policy", "owner", "Hedda Head",
					       "next_review_on", "+1y", NULL});
	add(s, "contact", (const char *const[]){"school", "Test School", "reported_by", "Sam Staff",
						"pupil", "Ben Pupil", "platform", "instagram",
						"category", "friend_request", "summary", "A request.", NULL});
	/* clang-format on */
}

/* Copy the whole of one database into another. */
static void copy_database(sqlite3 *to, sqlite3 *from)
{
	sqlite3_backup *b = sqlite3_backup_init(to, "main", from, "main");
	int rc;

	if (b == NULL)
		scratch_die("cannot copy the scratch register", sqlite3_errmsg(to));
	rc = sqlite3_backup_step(b, -1);
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE)
		scratch_die("cannot copy the scratch register", sqlite3_errstr(rc));
}

static void make_register(void)
{
	struct smreg_options o = {.login = "admin", .create = true, .today = SCRATCH_TODAY};
	const char *tmp = getenv("TMPDIR");
	enum init_outcome outcome;
	struct error err;

	snprintf(folder, sizeof folder, "%s/smreg-fuzz-XXXXXX", tmp && tmp[0] ? tmp : "/tmp");
	if (mkdtemp(folder) == NULL)
		scratch_die("cannot make a temporary folder", folder);
	snprintf(path, sizeof path, "%s/register.db", folder);
	atexit(remove_files);
	o.path = path;
	if (smreg_open(&o, &scratch, &err) != STATUS_OK ||
	    setup_init(scratch, "Test School", &outcome, &err) != STATUS_OK)
		scratch_die("cannot make the scratch register", err.text);
	seed(scratch);
	/* Nothing here needs to survive a power cut; every input commits. */
	if (db_exec(scratch, "PRAGMA synchronous = OFF", &err) != STATUS_OK)
		scratch_die("cannot set synchronous", err.text);
	if (sqlite3_open(":memory:", &pristine) != SQLITE_OK)
		scratch_die("cannot open an in-memory database", NULL);
	copy_database(pristine, scratch->db);
}

struct smreg *scratch_register(void)
{
	if (scratch == NULL)
		make_register();
	return scratch;
}

void scratch_restore(struct smreg *s)
{
	struct error err;

	copy_database(s->db, pristine);
	if (smreg_reload_user(s, &err) != STATUS_OK)
		scratch_die("cannot reload the user after restoring", err.text);
}

/* FNV-1a, 64 bits: enough to tell one state of a small register from another. */
static uint64_t mix(uint64_t h, const void *bytes, size_t n)
{
	const unsigned char *p = bytes;

	for (size_t i = 0; i < n; i++) {
		h ^= p[i];
		h *= 1099511628211u;
	}
	return h;
}

static uint64_t digest_query(sqlite3 *db, const char *sql, uint64_t h)
{
	sqlite3_stmt *stmt;
	int rc;

	if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) != SQLITE_OK)
		scratch_die("cannot read the register", sqlite3_errmsg(db));
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		int columns = sqlite3_column_count(stmt);

		for (int i = 0; i < columns; i++) {
			int type = sqlite3_column_type(stmt, i);
			const void *bytes = sqlite3_column_blob(stmt, i);
			int n = sqlite3_column_bytes(stmt, i);

			h = mix(h, &type, sizeof type);
			h = mix(h, &n, sizeof n);
			if (bytes != NULL)
				h = mix(h, bytes, (size_t)n);
		}
		h = mix(h, "\n", 1);
	}
	if (rc != SQLITE_DONE)
		scratch_die("cannot read the register", sqlite3_errmsg(db));
	sqlite3_finalize(stmt);
	return h;
}

uint64_t scratch_digest(struct smreg *s)
{
	sqlite3_stmt *tables;
	uint64_t h = 14695981039346656037u;

	h = digest_query(s->db, "SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY name", h);
	/* A table WITHOUT ROWID has none to order by: it reads in its key's order. */
	if (sqlite3_prepare_v2(s->db, "SELECT name, sql LIKE '%WITHOUT ROWID%' FROM sqlite_schema "
				      "WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
			       -1, &tables, NULL) != SQLITE_OK)
		scratch_die("cannot list the tables", sqlite3_errmsg(s->db));
	while (sqlite3_step(tables) == SQLITE_ROW) {
		char sql[256];

		snprintf(sql, sizeof sql, "SELECT * FROM \"%s\"%s",
			 (const char *)sqlite3_column_text(tables, 0),
			 sqlite3_column_int(tables, 1) ? "" : " ORDER BY rowid");
		h = digest_query(s->db, sql, h);
	}
	sqlite3_finalize(tables);
	return h;
}

void scratch_check_integrity(struct smreg *s)
{
	sqlite3_stmt *stmt;
	const unsigned char *verdict;

	if (sqlite3_prepare_v2(s->db, "PRAGMA integrity_check", -1, &stmt, NULL) != SQLITE_OK)
		scratch_die("cannot check integrity", sqlite3_errmsg(s->db));
	if (sqlite3_step(stmt) != SQLITE_ROW)
		scratch_die("integrity_check gave no answer", sqlite3_errmsg(s->db));
	verdict = sqlite3_column_text(stmt, 0);
	if (verdict == NULL || strcmp((const char *)verdict, "ok") != 0)
		scratch_die("integrity_check failed", (const char *)verdict);
	sqlite3_finalize(stmt);
}

long scratch_count(struct smreg *s, const char *table)
{
	char sql[128];
	char *count = NULL;
	struct error err;
	long n;

	snprintf(sql, sizeof sql, "SELECT count(*) FROM \"%s\"", table);
	if (db_query_text(s, sql, NULL, &count, &err) != STATUS_OK || count == NULL)
		scratch_die("cannot count the rows", err.text);
	n = atol(count);
	free(count);
	return n;
}
