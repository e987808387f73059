/* CSV import and CSV/JSON export (core/transfer.h): all or nothing, every bad row reported. */
#include "fixture.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/record.h"
#include "core/setup.h"
#include "core/transfer.h"

static const struct record_type *type_of(const char *name)
{
	const struct record_type *t = record_type_find(name);

	assert_non_null(t);
	return t;
}

static int import(struct smreg *s, const char *type, const char *data, size_t len, bool dry_run,
		  long *rows, struct error_list *errors)
{
	struct error err;
	int rc;

	error_clear(&err);
	rc = transfer_import(s, type_of(type), data, len, dry_run, rows, errors, &err);
	if (rc != STATUS_OK)
		assert_int_equal(rc, err.status);
	return rc;
}

/* Import data, which must all go in; returns the rows. */
static long import_all(struct smreg *s, const char *type, const char *data, size_t len)
{
	struct error_list errors = {0};
	long rows = -1;

	if (import(s, type, data, len, false, &rows, &errors) != STATUS_OK) {
		char message[1100];

		fail_msg("importing %s: %zu errors, the first line %ld: %s", type, errors.count,
			 errors.count ? errors.items[0].line : 0,
			 errors.count ? error_message(&errors.items[0], message, sizeof message) : "");
	}
	assert_int_equal(errors.count, 0);
	error_list_clear(&errors);
	return rows;
}

static char *export(struct smreg *s, const char *type, enum output_format format)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	struct error err;

	assert_non_null(out);
	if (transfer_export(s, type_of(type), format, out, &err) != STATUS_OK)
		fail_msg("exporting %s: %s", type, err.text);
	fclose(out);
	return buf;
}

static void text_is(struct fixture *f, const char *sql, const char *want)
{
	char *got = fx_sql_text(f, sql);

	if (got == NULL)
		fail_msg("%s: nothing, expected \"%s\"", sql, want);
	assert_string_equal(got, want);
	free(got);
}

/* The error at line for field (NULL: any) is in the list, its text containing text. */
static void reported(const struct error_list *errors, long line, const char *field,
		     const char *text)
{
	for (size_t i = 0; i < errors->count; i++) {
		const struct error *e = &errors->items[i];

		if (e->line == line && (field == NULL || strcmp(e->field, field) == 0) &&
		    strstr(e->text, text) != NULL)
			return;
	}
	for (size_t i = 0; i < errors->count; i++)
		print_message("  line %ld: %s: %s\n", errors->items[i].line, errors->items[i].field,
			      errors->items[i].text);
	fail_msg("no error at line %ld for %s saying \"%s\"", line, field ? field : "the row", text);
}

static void spreadsheet_csv_imports_as_written(void **state)
{
	struct fixture *f = *state;
	static const char data[] =
		"\xEF\xBB\xBF"
		"name,job_title,kind,email,started_on,notes\r\n"
		"\"Smith, Jo\",\"Head of \"\"Year 7\"\"\",staff,jo@example.org,1/9/2020,"
		"\"line one\r\nline two\"\r\n"
		"Zoë Ng,Teacher,Governor,,2021-09-01,\r\n"
		"李雷,,volunteer,,today,\"says \"\"hi\"\", twice\"\r\n";
	long before = fx_rows(f, "person");

	assert_int_equal(import_all(f->admin, "person", data, sizeof data - 1), 3);
	assert_int_equal(fx_rows(f, "person"), before + 3);
	text_is(f, "SELECT job_title FROM person WHERE name = 'Smith, Jo'", "Head of \"Year 7\"");
	text_is(f, "SELECT email FROM person WHERE name = 'Smith, Jo'", "jo@example.org");
	text_is(f, "SELECT started_on FROM person WHERE name = 'Smith, Jo'", "2020-09-01");
	/* A line break inside a field arrives as LF, whatever the file used. */
	text_is(f, "SELECT notes FROM person WHERE name = 'Smith, Jo'", "line one\nline two");
	text_is(f, "SELECT kind FROM person WHERE name = 'Zoë Ng'", "governor");
	assert_int_equal(fx_sql_long(f, "SELECT count(*) FROM person WHERE name = 'Zoë Ng' "
					"AND notes IS NULL AND email IS NULL"),
			 1);
	text_is(f, "SELECT started_on FROM person WHERE name = '李雷'", FIXTURE_TODAY);
	text_is(f, "SELECT notes FROM person WHERE name = '李雷'", "says \"hi\", twice");
	/* Every imported row is in the audit trail like any other insert. */
	assert_int_equal(fx_sql_long(f, "SELECT count(*) FROM audit WHERE register = 'person' "
					"AND action = 'insert' AND login = 'admin' AND record_id IN "
					"(SELECT id FROM person WHERE name IN ('Smith, Jo', 'Zoë Ng', '李雷'))"),
			 3);
}

static void blank_lines_and_references_by_name(void **state)
{
	struct fixture *f = *state;
	static const char data[] =
		"school,name,year_group,mis_id\n"
		"\n"
		"Test School,Zoë,3,1001\n"
		"\n"
		"test school,Siân,4,1002\n";

	assert_int_equal(import_all(f->admin, "pupil", data, sizeof data - 1), 2);
	assert_int_equal(fx_rows(f, "pupil"), 2);
	assert_int_equal(fx_sql_long(f, "SELECT count(*) FROM pupil AS p JOIN school AS s "
					"ON s.id = p.school WHERE s.name = 'Test School'"),
			 2);
}

/* Every imported row gets its own random id: an RFC 4122 version 4 UUID
 * (db.c makes them from libsodium's generator). */
static void imported_rows_get_random_version_4_ids(void **state)
{
	struct fixture *f = *state;
	char *data = NULL;
	size_t len = 0;
	FILE *csv = open_memstream(&data, &len);

	assert_non_null(csv);
	fputs("school,name\n", csv);
	for (int i = 0; i < 500; i++)
		fprintf(csv, "Test School,Pupil %d\n", i);
	assert_int_equal(fclose(csv), 0);
	assert_int_equal(import_all(f->admin, "pupil", data, len), 500);
	assert_int_equal(fx_sql_long(f, "SELECT count(DISTINCT id) FROM pupil "
					"WHERE length(id) = 36 AND substr(id, 15, 1) = '4' "
					"AND substr(id, 20, 1) IN ('8', '9', 'a', 'b') "
					"AND id NOT GLOB '*[^0-9a-f-]*'"),
			 500);
	free(data);
}

static void bad_rows_are_all_reported_and_nothing_is_kept(void **state)
{
	struct fixture *f = *state;
	static const char data[] =
		"name,kind,started_on,notes\n"	    /* 1 */
		"Good One,staff,1/9/2020,\n"	    /* 2 */
		"Bad Kind,wizard,1/9/2020,\n"	    /* 3 */
		"Good Two,staff,2020-09-01,\"two\n" /* 4 */
		"lines\"\n"			    /* 5 */
		"Bad Date,staff,31/02/2026,\n"	    /* 6 */
		",staff,1/9/2020,\n"		    /* 7 */
		"Too,many,fields,here,x\n"	    /* 8 */
		"\"Bad\"quote,staff,,\n"	    /* 9 */
		"Bad Name\x1b[2J,staff,,\n"	    /* 10 */
		"Good Three,staff,,\n";		    /* 11 */
	struct error_list errors = {0};
	long before = fx_rows(f, "person");
	long audit = fx_rows(f, "audit");
	long rows = 0;

	assert_int_equal(import(f->admin, "person", data, sizeof data - 1, false, &rows, &errors),
			 STATUS_INVALID);
	reported(&errors, 3, "kind", "\"wizard\" is not one of");
	reported(&errors, 6, "started_on", "February 2026 has 28 days");
	reported(&errors, 7, "name", "is required");
	reported(&errors, 8, NULL, "has 5 fields; the header has 4");
	reported(&errors, 9, NULL, "closing quote");
	reported(&errors, 10, "name", "control character");
	assert_int_equal(errors.count, 6);
	assert_int_equal(fx_rows(f, "person"), before);
	assert_int_equal(fx_rows(f, "audit"), audit);
	error_list_clear(&errors);
	assert_int_equal(errors.count, 0);
}

static void rows_refused_by_the_schema_are_reported_too(void **state)
{
	struct fixture *f = *state;
	static const char data[] =
		"name,code,urn\n"
		"North School,NTH,123456\n"
		"South School,STH,12345\n" /* the schema: not 6 digits */
		"Test School,TST,\n"	   /* the schema: a name taken */
		"East School,NTH,\n";	   /* a code taken, by this file */
	struct error_list errors = {0};
	long rows = 0;

	assert_int_equal(import(f->admin, "school", data, sizeof data - 1, false, &rows, &errors),
			 STATUS_INVALID);
	reported(&errors, 3, "urn", "6 digits");
	reported(&errors, 4, NULL, "");
	reported(&errors, 5, NULL, "");
	assert_int_equal(errors.count, 3);
	assert_int_equal(fx_rows(f, "school"), 1);
	error_list_clear(&errors);
}

static void unknown_header_columns_are_reported(void **state)
{
	struct fixture *f = *state;
	static const char unknown[] = "name,nickname,kind\nA Person,Al,staff\n";
	static const char twice[] = "name,kind,name\nA Person,staff,B\n";
	struct error_list errors = {0};
	long before = fx_rows(f, "person");
	long rows = 0;

	assert_int_equal(import(f->admin, "person", unknown, sizeof unknown - 1, false, &rows,
				&errors),
			 STATUS_INVALID);
	reported(&errors, 1, "nickname", "is not a field");
	assert_int_equal(errors.count, 1);
	error_list_clear(&errors);
	assert_int_equal(import(f->admin, "person", twice, sizeof twice - 1, false, &rows, &errors),
			 STATUS_INVALID);
	reported(&errors, 1, "name", "twice");
	error_list_clear(&errors);
	assert_int_equal(fx_rows(f, "person"), before);
}

static void empty_files_are_refused(void **state)
{
	struct fixture *f = *state;
	struct error_list errors = {0};
	struct error err;
	long rows = 5;

	assert_int_equal(transfer_import(f->admin, type_of("person"), "", 0, false, &rows, &errors,
					 &err),
			 STATUS_INVALID);
	assert_non_null(strstr(err.text, "empty"));
	assert_int_equal(rows, 0);
	/* A header and nothing else is an import of nothing. */
	assert_int_equal(import(f->admin, "person", "name,kind\r\n", 11, false, &rows, &errors),
			 STATUS_OK);
	assert_int_equal(rows, 0);
	assert_int_equal(errors.count, 0);
}

static void dry_run_keeps_nothing(void **state)
{
	struct fixture *f = *state;
	static const char data[] = "name,kind\nDry One,staff\nDry Two,governor\n";
	struct error_list errors = {0};
	long before = fx_rows(f, "person");
	long audit = fx_rows(f, "audit");
	long rows = 0;

	assert_int_equal(import(f->admin, "person", data, sizeof data - 1, true, &rows, &errors),
			 STATUS_OK);
	assert_int_equal(rows, 2);
	assert_int_equal(errors.count, 0);
	assert_int_equal(fx_rows(f, "person"), before);
	assert_int_equal(fx_rows(f, "audit"), audit);
	/* The same, for real. */
	assert_int_equal(import_all(f->admin, "person", data, sizeof data - 1), 2);
	assert_int_equal(fx_rows(f, "person"), before + 2);
}

static void only_those_who_may_write_import(void **state)
{
	struct fixture *f = *state;
	static const char data[] = "name,kind\nSneaky,staff\n";
	struct error_list errors = {0};
	long before = fx_rows(f, "person");
	long rows = 0;

	assert_int_equal(import(f->governor, "person", data, sizeof data - 1, false, &rows, &errors),
			 STATUS_DENIED);
	assert_int_equal(import(f->staff, "person", data, sizeof data - 1, false, &rows, &errors),
			 STATUS_DENIED);
	assert_int_equal(fx_rows(f, "person"), before);
}

/* --- round trips ----------------------------------------------------------- */

/* A register with nobody but its admin and no school, beside the fixture's. */
struct fresh {
	char dir[64];
	char path[96];
	struct smreg *s;
};

static void fresh_open(struct fresh *r)
{
	struct smreg_options o = {.login = "admin", .create = true, .today = FIXTURE_TODAY};
	enum init_outcome outcome;
	struct error err;

	snprintf(r->dir, sizeof r->dir, "/tmp/smreg-unit-XXXXXX");
	assert_non_null(mkdtemp(r->dir));
	snprintf(r->path, sizeof r->path, "%s/register.db", r->dir);
	o.path = r->path;
	if (smreg_open(&o, &r->s, &err) != STATUS_OK ||
	    setup_init(r->s, NULL, &outcome, &err) != STATUS_OK)
		fail_msg("cannot create a second register: %s", err.text);
}

static void fresh_close(struct fresh *r)
{
	static const char *const suffixes[] = {"", "-wal", "-shm"};
	char path[128];

	smreg_close(&r->s);
	for (size_t i = 0; i < 3; i++) {
		snprintf(path, sizeof path, "%s%s", r->path, suffixes[i]);
		unlink(path);
	}
	rmdir(r->dir);
}

static void add_hostile_records(struct fixture *f)
{
	free(fx_add(f->admin, "school", "name=Ysgol Gymraeg Siân", "code=YGS", "urn=654321", NULL));
	free(fx_add(f->admin, "person", "name=Hilda \"The Head\" Head", "job_title=Head, teacher",
		    "email=head@example.org", "started_on=1/9/2015", "left_on=31/8/2026",
		    "notes=Line one\nline two, with \"quotes\"\tand a tab\\", NULL));
	free(fx_add(f->admin, "person", "name=Robert'); DROP TABLE pupil;--", "kind=volunteer",
		    "school=YGS", NULL));
	free(fx_add(f->admin, "pupil", "school=Test School", "name=Zoë", "year_group=R",
		    "mis_id=1001", "joined_on=1/9/2024", NULL));
	free(fx_add(f->admin, "pupil", "school=YGS", "name=李雷", "year_group=6",
		    "mis_id=A-7", NULL));
	free(fx_add(f->admin, "channel", "school=Test School", "platform=facebook",
		    "account=Test School PTA", "audience=group", "consent_use=website",
		    "opened_on=1/1/2020", "closed_on=1/1/2025", "approved_by=Dee Ess-Ell",
		    "mfa=yes", "purpose=</script><script>alert(1)</script>", NULL));
	free(fx_add(f->admin, "channel", "school=YGS", "platform=x", "account=ygs",
		    "in_privacy_notice=yes", "notes=Login held by the head, in the safe", NULL));
	free(fx_add(f->admin, "consent", "pupil=Zoë", "given_by=Mam, and Dad", "received_on=2/9/2024",
		    "uses=website;social_media;name_with_photo", "expires_on=31/8/2027",
		    "notes=Signed\non paper", NULL));
	free(fx_add(f->admin, "consent", "pupil=李雷", "given_by=李 family", "received_on=2/9/2024",
		    NULL));
}

static const char *const round_trip_types[] = {"school", "person", "pupil", "channel", "consent"};

static void csv_export_imports_into_a_fresh_register(void **state)
{
	struct fixture *f = *state;
	size_t n = sizeof round_trip_types / sizeof round_trip_types[0];
	char *exported[5];
	struct fresh r;
	char *zoe = NULL;
	char sql[160];

	add_hostile_records(f);
	fresh_open(&r);
	for (size_t i = 0; i < n; i++) {
		exported[i] = export(f->admin, round_trip_types[i], OUTPUT_CSV);
		assert_true(strncmp(exported[i], "id,", 3) == 0);
		import_all(r.s, round_trip_types[i], exported[i], strlen(exported[i]));
	}
	/* What the fresh register exports is what went in: ids, values, ended records. */
	for (size_t i = 0; i < n; i++) {
		char *again = export(r.s, round_trip_types[i], OUTPUT_CSV);

		assert_string_equal(again, exported[i]);
		free(again);
		free(exported[i]);
	}
	/* And it holds the same ids, checked outside smreg. */
	zoe = fx_sql_text(f, "SELECT id FROM pupil WHERE name = 'Zoë'");
	assert_non_null(zoe);
	{
		sqlite3 *db;
		sqlite3_stmt *stmt;

		assert_int_equal(sqlite3_open_v2(r.path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
		snprintf(sql, sizeof sql, "SELECT name FROM pupil WHERE id = '%s'", zoe);
		assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &stmt, NULL), SQLITE_OK);
		assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
		assert_string_equal((const char *)sqlite3_column_text(stmt, 0), "Zoë");
		sqlite3_finalize(stmt);
		sqlite3_close(db);
	}
	free(zoe);
	fresh_close(&r);
}

static void csv_export_is_iso_and_yes_no(void **state)
{
	struct fixture *f = *state;
	char *csv;

	add_hostile_records(f);
	csv = export(f->admin, "channel", OUTPUT_CSV);
	assert_non_null(strstr(csv, ",2020-01-01,2025-01-01,"));
	assert_non_null(strstr(csv, ",yes,"));
	assert_null(strstr(csv, "01/01/2020"));
	free(csv);
}

/* JSON text checked by SQLite's own JSON functions, in memory. */
static sqlite3 *json_checker(void)
{
	sqlite3 *db = NULL;

	assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
	return db;
}

static char *json_query(sqlite3 *db, const char *sql, const char *json)
{
	sqlite3_stmt *stmt;
	char *value = NULL;

	if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db));
	sqlite3_bind_text(stmt, 1, json, -1, SQLITE_STATIC);
	if (sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_text(stmt, 0) != NULL)
		value = strdup((const char *)sqlite3_column_text(stmt, 0));
	sqlite3_finalize(stmt);
	return value;
}

static void json_is(sqlite3 *db, const char *json, const char *sql, const char *want)
{
	char *got = json_query(db, sql, json);

	if (got == NULL)
		fail_msg("%s: nothing, expected \"%s\"", sql, want);
	assert_string_equal(got, want);
	free(got);
}

static void json_export_is_valid_json(void **state)
{
	struct fixture *f = *state;
	sqlite3 *db = json_checker();
	char count[32];

	add_hostile_records(f);
	for (size_t i = 0; i < sizeof round_trip_types / sizeof round_trip_types[0]; i++) {
		char *json = export(f->admin, round_trip_types[i], OUTPUT_JSON);

		json_is(db, json, "SELECT json_valid(?1)", "1");
		json_is(db, json, "SELECT json_type(?1)", "array");
		snprintf(count, sizeof count, "%ld", fx_rows(f, round_trip_types[i]));
		json_is(db, json, "SELECT json_array_length(?1)", count);
		free(json);
	}
	{
		char *json = export(f->admin, "person", OUTPUT_JSON);

		json_is(db, json, "SELECT json_extract(value, '$.notes') FROM json_each(?1) "
				  "WHERE json_extract(value, '$.email') = 'head@example.org'",
			"Line one\nline two, with \"quotes\"\tand a tab\\");
		json_is(db, json, "SELECT json_extract(value, '$.name') FROM json_each(?1) "
				  "WHERE json_extract(value, '$.kind') = 'volunteer'",
			"Robert'); DROP TABLE pupil;--");
		json_is(db, json, "SELECT json_type(value, '$.school') FROM json_each(?1) "
				  "WHERE json_extract(value, '$.name') = 'Sam Staff'",
			"null");
		free(json);
	}
	{
		char *json = export(f->admin, "channel", OUTPUT_JSON);

		json_is(db, json, "SELECT json_type(value, '$.mfa') || json_type(value, '$.school_email') "
				  "FROM json_each(?1) WHERE json_extract(value, '$.platform') = 'facebook'",
			"truefalse");
		json_is(db, json, "SELECT json_extract(value, '$.purpose') FROM json_each(?1) "
				  "WHERE json_extract(value, '$.platform') = 'facebook'",
			"</script><script>alert(1)</script>");
		json_is(db, json, "SELECT json_extract(value, '$.closed_on') FROM json_each(?1) "
				  "WHERE json_extract(value, '$.platform') = 'facebook'",
			"2025-01-01");
		free(json);
	}
	{
		char *json = export(f->admin, "policy", OUTPUT_JSON);

		json_is(db, json, "SELECT json_valid(?1) AND json_array_length(?1) = 0", "1");
		free(json);
	}
	{
		char *json = export(f->admin, "consent", OUTPUT_JSON);

		json_is(db, json, "SELECT json_extract(value, '$.notes') FROM json_each(?1) "
				  "WHERE json_extract(value, '$.uses') = 'name_with_photo;social_media;website'",
			"Signed\non paper");
		free(json);
	}
	sqlite3_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(spreadsheet_csv_imports_as_written, fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(blank_lines_and_references_by_name, fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(imported_rows_get_random_version_4_ids, fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(bad_rows_are_all_reported_and_nothing_is_kept,
						fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(rows_refused_by_the_schema_are_reported_too,
						fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(unknown_header_columns_are_reported, fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(empty_files_are_refused, fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(dry_run_keeps_nothing, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(only_those_who_may_write_import, fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(csv_export_imports_into_a_fresh_register, fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(csv_export_is_iso_and_yes_no, fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(json_export_is_valid_json, fixture_setup,
						fixture_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
