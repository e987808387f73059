/*
 * The filter's index (search.c, issue 16.3): a filter finds through it
 * exactly the rows it found field by field (the title, each field, the
 * title of each record referred to), for every register and for filters
 * short and long, UTF-8, quotes and LIKE's own wildcards; and the search
 * texts a filter brings up to date from the audit trail are those a
 * rebuild writes, after adds, changes (a pupil renamed reaches their
 * reports' actions), deletes, and writes by another connection.
 */
#include "fixture.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/demo.h"
#include "core/edit.h"
#include "core/private.h"
#include "core/record.h"
#include "core/search.h"
#include "core/store.h"
#include "core/text.h"

static const char *const filters[] = {
	"a",
	"Jo",
	"jen",
	"JENSEN",
	"Émile",
	"émile",
	"李",
	"李雷",
	"19/11",
	"2026-11",
	"pupil contact",
	"O'B",
	"\"Bo\"",
	"100%",
	"%",
	"_",
	"0%_d",
	"\\",
	"n…",
	"zzzqqq",
	"; ",
	", ",
	NULL,
};

/* LIKE's pattern for a filter, as store.c writes it. */
static char *pattern(const char *filter)
{
	char *text = text_nfc(filter);
	char *out = malloc(strlen(text) * 2 + 3);
	char *o = out;

	*o++ = '%';
	for (const char *p = text; *p; p++) {
		if (*p == '%' || *p == '_' || *p == '\\')
			*o++ = '\\';
		*o++ = *p;
	}
	strcpy(o, "%");
	free(text);
	return out;
}

/* The ids a filter found field by field, ','-joined in id order. */
static char *oracle(struct smreg *s, const struct record_type *type, const char *filter)
{
	char *title = record_sql(type->title_sql, "t");
	char *sql = text_format("SELECT group_concat(id, ',') FROM (SELECT t.id AS id FROM \"%s\" AS t "
				"WHERE (%s) LIKE ?1 ESCAPE '\\'",
				type->name, title);
	sqlite3_stmt *stmt;
	char *ids;

	free(title);
	for (size_t i = 0; i < type->field_count; i++) {
		const struct field *f = &type->fields[i];
		char *more;

		if (f->type == FIELD_YES_NO)
			continue;
		if (f->type == FIELD_REF) {
			const struct record_type *target = record_type_find(f->target);
			char *target_title = record_sql(target->title_sql, "r");

			more = text_format("%s OR t.\"%s\" IN (SELECT r.\"%s\" FROM \"%s\" AS r "
					   "WHERE (%s) LIKE ?1 ESCAPE '\\')",
					   sql, f->name,
					   record_ref_key(f), target->name, target_title);
			free(target_title);
		} else {
			more = text_format("%s OR t.\"%s\" LIKE ?1 ESCAPE '\\'", sql, f->name);
		}
		free(sql);
		sql = more;
	}
	{
		char *more = text_format("%s ORDER BY t.id)", sql);
		char *p = pattern(filter);

		free(sql);
		sql = more;
		assert_int_equal(sqlite3_prepare_v2(s->db, sql, -1, &stmt, NULL), SQLITE_OK);
		sqlite3_bind_text(stmt, 1, p, -1, SQLITE_TRANSIENT);
		free(p);
	}
	assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
	ids = sqlite3_column_type(stmt, 0) == SQLITE_NULL ? strdup("")
							  : strdup((const char *)sqlite3_column_text(stmt, 0));
	sqlite3_finalize(stmt);
	free(sql);
	return ids;
}

struct found {
	size_t count;
	char *ids[4096];
};

static int collect(const struct record *r, void *arg)
{
	struct found *f = arg;

	assert_true(f->count < sizeof f->ids / sizeof f->ids[0]);
	f->ids[f->count++] = strdup(r->id);
	return 0;
}

static int by_text(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The ids smreg's filter finds, ','-joined in id order. */
static char *found(struct smreg *s, const struct record_type *type, const char *filter)
{
	struct list_query q = list_query_default();
	struct found f = {0};
	struct error err;
	char *ids = strdup("");

	q.filter = filter;
	q.include_ended = true;
	assert_int_equal(store_each(s, type, &q, collect, &f, &err), STATUS_OK);
	qsort(f.ids, f.count, sizeof f.ids[0], by_text);
	for (size_t i = 0; i < f.count; i++) {
		char *more = text_format("%s%s%s", ids, i ? "," : "", f.ids[i]);

		free(ids);
		free(f.ids[i]);
		ids = more;
	}
	return ids;
}

/* The ids type's rows hold by the condition a common filter's page reads
 * them with (each row's text as it comes), ','-joined in id order. */
static char *walked(struct smreg *s, const struct record_type *type, const char *filter)
{
	char *condition = search_condition(type, filter, true);
	char *sql = text_format("SELECT group_concat(id, ',') FROM (SELECT t.id AS id FROM \"%s\" AS t "
				"WHERE %s ORDER BY t.id)",
				type->name, condition);
	char *p = pattern(filter);
	sqlite3_stmt *stmt;
	char *ids;

	assert_int_equal(sqlite3_prepare_v2(s->db, sql, -1, &stmt, NULL), SQLITE_OK);
	sqlite3_bind_text(stmt, sqlite3_bind_parameter_index(stmt, ":filter"), p, -1,
			  SQLITE_TRANSIENT);
	assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
	ids = strdup(sqlite3_column_type(stmt, 0) == SQLITE_NULL
			     ? ""
			     : (const char *)sqlite3_column_text(stmt, 0));
	sqlite3_finalize(stmt);
	free(p);
	free(sql);
	free(condition);
	return ids;
}

/* Who reads type whole: the DSL reads the safeguarding records. */
static struct smreg *reader(struct fixture *f, const struct record_type *type)
{
	return (type->flags & RECORD_AUDIT_OPENS) ? f->dsl : f->admin;
}

/* Records in many registers: names in several scripts, quotes, LIKE's
 * wildcards, a report about a pupil on the register and one not. */
static void fill(struct fixture *f)
{
	char *contact;
	char *other;
	char *field;

	free(fx_add(f->admin, "person", "name=Jo Jensen", "job_title=Teacher", NULL));
	free(fx_add(f->admin, "channel", "platform=facebook", "account=school", "opened_on=2025-01-06",
		    NULL));
	free(fx_add(f->admin, "pupil", "name=Émile Jensen", "year_group=4", NULL));
	free(fx_add(f->admin, "pupil", "name=李雷 Davies", "year_group=5", NULL));
	free(fx_add(f->admin, "pupil", "name=Bo O'Brien", "year_group=4", NULL));
	free(fx_add(f->admin, "consent", "pupil=Bo O'Brien", "given_by=Ma \"Bo\" O'Brien",
		    "received_on=2026-09-01", "notes=100%_done \\ back", NULL));
	free(fx_add(f->admin, "consent", "pupil=Émile Jensen", "given_by=Anne Jensen",
		    "received_on=2026-09-02", NULL));
	contact = fx_add(f->dsl, "contact", "reported_by=Jo Jensen", "pupil=Émile Jensen",
			 "platform=instagram", "category=pupil_contact", "summary=Sent a message",
			 "reported_on=2026-11-19", NULL);
	other = fx_add(f->dsl, "contact", "reported_by=Jo Jensen", "pupil_name=Zoë O'Neill",
		       "platform=tiktok", "category=cyberbullying", "summary=A 100% \"joke\"", NULL);
	field = text_format("contact=%s", contact);
	free(fx_add(f->dsl, "action", field, "note=Spoke to the member of staff; they had not "
					     "replied and have now blocked the account.",
		    NULL));
	free(fx_add(f->dsl, "action", field, "note=Phoned home", "with_whom=Anne Jensen", NULL));
	free(field);
	field = text_format("contact=%s", other);
	free(fx_add(f->dsl, "action", field, "note=Parents informed_by letter", NULL));
	free(field);
	free(contact);
	free(other);
}

static void a_filter_finds_what_it_found_field_by_field(void **state)
{
	struct fixture *f = *state;
	size_t n;
	const struct record_type *const *types = record_types(&n);

	fill(f);
	for (size_t i = 0; i < n; i++)
		for (int k = 0; filters[k] != NULL; k++) {
			struct smreg *s = reader(f, types[i]);
			char *want = oracle(s, types[i], filters[k]);
			char *got = found(s, types[i], filters[k]);

			if (strcmp(want, got) != 0)
				fail_msg("%s filtered by [%s]:\nwanted %s\nfound  %s", types[i]->name,
					 filters[k], want, got);
			free(got);
			got = walked(s, types[i], filters[k]);
			if (strcmp(want, got) != 0)
				fail_msg("%s filtered by [%s], row by row:\nwanted %s\nfound  %s",
					 types[i]->name, filters[k], want, got);
			free(want);
			free(got);
		}
}

/* Every search text, "id:text" in id order; the caller's. */
static char *all_texts(struct smreg *s)
{
	sqlite3_stmt *stmt;
	char *texts;

	assert_int_equal(sqlite3_prepare_v2(s->db,
					    "SELECT group_concat(id || ':' || doc, char(10)) "
					    "FROM (SELECT id, doc FROM search_doc ORDER BY id)",
					    -1, &stmt, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
	texts = strdup(sqlite3_column_type(stmt, 0) == SQLITE_NULL
			       ? ""
			       : (const char *)sqlite3_column_text(stmt, 0));
	sqlite3_finalize(stmt);
	return texts;
}

/* The texts s's filter brings up to date are those a rebuild writes, and
 * the index agrees with them. */
static void texts_are_current(struct smreg *s)
{
	struct error err;
	char *kept;
	char *rebuilt;

	assert_true(search_catch_up(s));
	kept = all_texts(s);
	assert_int_equal(sqlite3_exec(s->db, "BEGIN", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(search_rebuild(s, &err), STATUS_OK);
	rebuilt = all_texts(s);
	assert_int_equal(sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL), SQLITE_OK);
	if (strcmp(kept, rebuilt) != 0)
		fail_msg("the texts kept are not those a rebuild writes:\nkept:\n%s\nrebuilt:\n%s", kept,
			 rebuilt);
	if (sqlite3_exec(s->db, "INSERT INTO search (search) VALUES ('integrity-check')", NULL, NULL,
			 NULL) != SQLITE_OK)
		fail_msg("the index disagrees with its texts: %s", sqlite3_errmsg(s->db));
	free(kept);
	free(rebuilt);
}

static void the_index_follows_every_change(void **state)
{
	struct fixture *f = *state;
	const struct record_type *action = record_type_find("action");
	char *pupil;
	char *before;
	char *after;
	struct error err;

	fill(f);
	pupil = fx_sql_text(f, "SELECT p.name FROM pupil AS p JOIN contact AS c ON c.pupil = p.id "
			       "JOIN action AS a ON a.contact = c.id LIMIT 1");
	assert_non_null(pupil);
	texts_are_current(f->admin);
	before = found(f->dsl, action, pupil);
	assert_string_not_equal(before, "");
	/* A pupil renamed by another connection: their reports' titles, and
	 * those reports' actions, are found by the new name, and no longer by
	 * the old. */
	fx_set(f->admin, "pupil", pupil, NULL, "name=Zebedee Quux", NULL);
	after = found(f->dsl, action, "zebedee quux");
	assert_string_equal(before, after);
	free(after);
	after = found(f->dsl, action, pupil);
	assert_string_equal(after, "");
	free(after);
	free(before);
	texts_are_current(f->admin);
	/* A consent changed, one added, one deleted. */
	fx_set(f->admin, "consent", "Bo O'Brien", NULL, "notes=now withdrawn", NULL);
	free(fx_add(f->admin, "channel", "platform=x", "account=old", "opened_on=2025-01-06", NULL));
	texts_are_current(f->admin);
	if (edit_delete(f->admin, record_type_find("channel"), "x:old", NULL, &err) != STATUS_OK)
		fail_msg("cannot delete: %s", err.text);
	texts_are_current(f->admin);
	free(pupil);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(a_filter_finds_what_it_found_field_by_field,
						fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(the_index_follows_every_change, fixture_setup,
						fixture_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
