/*
 * Sorting a list by any of its columns (issue 16.4): every register, every
 * listed field, both ways, current rows or all, with and without a filter,
 * a page at a time, lists the very rows in the very order the sort of the
 * whole register by the field (a reference: by the title of the record it
 * names, worked out for each row; ties in the order the rows went in)
 * lists them, and a role sees only its own
 * rows.  A report's title kept for sorting (contact_title) follows every
 * change to the report and to its pupil's name.
 */
#include "fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/record.h"
#include "core/store.h"
#include "core/text.h"

#define PAGE 4

/* Ties (two pupils called Ann), a name another begins with, a pupil not
 * on the register, a report about a member of staff (no title), a closed
 * report and a staff member's own report, each with actions. */
static void build(struct fixture *f)
{
	const char *const pupils[] = {"Ann", "Ann Smith", "Ann", "Zoë", "李雷"};
	char *ids[5];
	char field[80];

	for (int i = 0; i < 5; i++) {
		snprintf(field, sizeof field, "name=%s", pupils[i]);
		ids[i] = fx_add(f->admin, "pupil", field, i % 2 ? "year_group=3" : "year_group=6", NULL);
	}
	for (int i = 0; i < 7; i++) {
		const char *const categories[] = {"friend_request", "pupil_contact", "other"};
		char pupil[64];
		char *contact;
		char link[64];

		if (i < 5)
			snprintf(pupil, sizeof pupil, "pupil=%s", ids[i]);
		else
			snprintf(pupil, sizeof pupil, "pupil_name=%s", i == 5 ? "Ann Smithers" : "Bob");
		contact = fx_add(i == 6 ? f->staff : f->dsl, "contact", "school=Test School",
				 i == 6 ? "reported_by=Sam Staff" : "reported_by=Dee Ess-Ell", pupil,
				 i % 2 ? "platform=tiktok" : "platform=instagram", "category=online_safety",
				 "summary=A message",
				 NULL);
		snprintf(field, sizeof field, "category=%s", categories[i % 3]);
		fx_set(f->dsl, "contact", contact, "the category was wrong", field, NULL);
		snprintf(link, sizeof link, "contact=%s", contact);
		for (int k = 0; k < 1 + i % 3; k++)
			free(fx_add(f->dsl, "action", link, k % 2 ? "kind=decision" : "kind=note",
				    k ? "note=Parents told" : "note=Spoke to the pupil", NULL));
		if (i == 2)
			fx_set(f->dsl, "contact", contact, "done", "status=closed", "closed_on=today",
			       "rationale=Resolved with the family", NULL);
		free(contact);
	}
	free(fx_add(f->dsl, "contact", "school=Test School", "reported_by=Dee Ess-Ell",
		    "concerns=Sam Staff", "platform=other", "category=other",
		    "summary=About a member of staff", NULL));
	for (int i = 0; i < 5; i++) {
		snprintf(field, sizeof field, "pupil=%s", ids[i]);
		free(fx_add(f->admin, "consent", field, "given_by=A parent", "received_on=2026-09-01",
			    "uses=social_media", NULL));
		free(ids[i]);
	}
}

/* The key the whole sort of the register orders by, as it always has. */
static char *old_key(const struct record_type *type, const struct field *field)
{
	const struct record_type *target;
	char *title;
	char *otherwise;
	char *key;

	if (field->type != FIELD_REF)
		return text_format("t.\"%s\"", field->name);
	target = record_type_find(field->target);
	title = record_sql(target->title_sql, "r");
	otherwise = record_sql(field->otherwise_sql ? field->otherwise_sql : "NULL", "t");
	key = text_format("coalesce((SELECT %s FROM \"%s\" AS r WHERE r.\"%s\" = t.\"%s\"), %s)",
			  title, target->name, record_ref_key(field), field->name, otherwise);
	(void)type;
	free(title);
	free(otherwise);
	return key;
}

struct ids {
	char text[8192];
};

static int collect(const struct record *r, void *arg)
{
	struct ids *ids = arg;
	size_t used = strlen(ids->text);

	snprintf(ids->text + used, sizeof ids->text - used, "%s'%s'", used ? "," : "", r->id);
	return 0;
}

/* The ids of a query's rows, in the old sort of them all, ties broken by
 * tie, as "'id','id'". */
static char *expected(struct fixture *f, const struct record_type *type, const struct field *field,
		      const char *rows, bool descending, const char *tie)
{
	const char *way = descending ? "DESC" : "ASC";
	char *key = old_key(type, field);
	char *sql = text_format("SELECT group_concat(q, ',') FROM (SELECT '''' || t.id || '''' AS q "
				"FROM \"%s\" AS t WHERE t.id IN (%s) ORDER BY %s %s, %s %s)",
				type->name, rows[0] ? rows : "NULL", key, way, tie, way);
	char *ids = fx_sql_text(f, sql);

	free(key);
	free(sql);
	return ids ? ids : strdup("");
}

/* A query's rows a page at a time, as "'id','id'". */
static void paged(struct smreg *s, const struct record_type *type, const struct list_query *q,
		  struct ids *out)
{
	out->text[0] = '\0';
	for (long offset = 0;; offset += PAGE) {
		struct record_page *page = NULL;
		struct error err;
		size_t count;

		assert_int_equal(store_list(s, type, q, offset, PAGE, &page, &err), STATUS_OK);
		for (size_t i = 0; i < page->count; i++)
			collect(page->rows[i], out);
		count = page->count;
		record_page_free(&page);
		if (count < PAGE)
			break;
	}
}

static void check_sort(struct fixture *f, struct smreg *s, const struct record_type *type,
		       struct list_query *q)
{
	const struct field *field = &type->fields[q->sort_field];
	struct list_query unsorted = *q;
	struct list_query known;
	struct ids rows = {""};
	struct ids got;
	struct ids from_end;
	char *want;

	unsorted.sort_field = -1;
	assert_int_equal(store_each(s, type, &unsorted, collect, &rows, &(struct error){0}), 0);
	paged(s, type, q, &got);
	want = expected(f, type, field, rows.text, q->descending, "t.rowid");
	if (strcmp(got.text, want) != 0)
		fail_msg("%s by %s%s%s%s, in pages:\n got  %s\n want %s", type->name, field->name,
			 q->descending ? " descending" : "", q->include_ended ? ", all" : "",
			 q->filter ? ", filtered" : "", got.text, want);
	/* The same pages, those past the middle read from the end. */
	known = *q;
	assert_int_equal(store_count(s, type, q, &known.known_count, &(struct error){0}), STATUS_OK);
	paged(s, type, &known, &from_end);
	if (strcmp(from_end.text, want) != 0)
		fail_msg("%s by %s%s%s%s, the end read from the end:\n got  %s\n want %s", type->name,
			 field->name, q->descending ? " descending" : "", q->include_ended ? ", all" : "",
			 q->filter ? ", filtered" : "", from_end.text, want);
	free(want);
	got.text[0] = '\0';
	assert_int_equal(store_each(s, type, q, collect, &got, &(struct error){0}), 0);
	want = expected(f, type, field, rows.text, q->descending, "t.rowid");
	if (strcmp(got.text, want) != 0)
		fail_msg("%s by %s%s, walked whole:\n got  %s\n want %s", type->name, field->name,
			 q->descending ? " descending" : "", got.text, want);
	free(want);
}

static void every_column_sorts_as_the_whole_register_sorts(void **state)
{
	struct fixture *f = *state;
	size_t n;
	const struct record_type *const *types = record_types(&n);
	int checked = 0;

	build(f);
	for (size_t i = 0; i < n; i++) {
		long rows = 0;
		/* The DSL reads every register but smreg's users. */
		struct smreg *s = store_count(f->dsl, types[i], &(struct list_query){0}, &rows,
					      &(struct error){0}) == STATUS_OK
					  ? f->dsl
					  : f->admin;

		for (size_t k = 0; k < types[i]->field_count; k++) {
			if (!(types[i]->fields[k].flags & FIELD_LISTED))
				continue;
			for (int way = 0; way < 8; way++) {
				struct list_query q = list_query_default();

				q.sort_field = (int)k;
				q.descending = way & 1;
				q.include_ended = way & 2;
				q.filter = way & 4 ? "a" : NULL;
				check_sort(f, s, types[i], &q);
				checked++;
			}
		}
	}
	assert_true(checked > 100);
}

/* In each register's own order, a page past the middle of a counted list
 * (read from the end, the order reversed) holds the rows it always did. */
static void pages_near_the_end_are_the_same_read_from_the_end(void **state)
{
	struct fixture *f = *state;
	size_t n;
	const struct record_type *const *types = record_types(&n);
	int checked = 0;

	build(f);
	for (size_t i = 0; i < n; i++)
		for (int way = 0; way < 4; way++) {
			struct list_query q = list_query_default();
			struct list_query known;
			struct ids want;
			struct ids got;
			struct smreg *s = f->dsl;

			q.include_ended = way & 1;
			q.filter = way & 2 ? "a" : NULL;
			if (store_count(s, types[i], &q, &(long){0}, &(struct error){0}) != STATUS_OK)
				s = f->admin;
			known = q;
			assert_int_equal(store_count(s, types[i], &q, &known.known_count,
						     &(struct error){0}),
					 STATUS_OK);
			paged(s, types[i], &q, &want);
			paged(s, types[i], &known, &got);
			if (strcmp(got.text, want.text) != 0)
				fail_msg("%s, the end read from the end:\n got  %s\n want %s",
					 types[i]->name, got.text, want.text);
			checked += known.known_count > PAGE;
		}
	assert_true(checked > 10);
}

/* A member of staff sorting the reports sees their own report alone. */
static void a_sort_shows_a_role_only_its_rows(void **state)
{
	struct fixture *f = *state;
	const struct record_type *contact = record_type_find("contact");
	struct list_query q = list_query_default();
	struct ids got;

	build(f);
	for (size_t k = 0; k < contact->field_count; k++) {
		if (!(contact->fields[k].flags & FIELD_LISTED))
			continue;
		q.sort_field = (int)k;
		check_sort(f, f->staff, contact, &q);
		paged(f->staff, contact, &q, &got);
		assert_int_equal(strchr(got.text, ',') == NULL && got.text[0] != '\0', 1);
	}
}

/* Reports whose kept title is not the title the descriptor works out. */
static long stale_titles(struct fixture *f)
{
	const struct record_type *contact = record_type_find("contact");
	char *title = record_sql(contact->title_sql, "c");
	char *sql = text_format("SELECT count(*) FROM contact AS c LEFT JOIN %s AS k ON k.id = c.id "
				"WHERE k.title IS NOT (%s)",
				contact->title_table, title);
	long stale = fx_sql_long(f, sql);

	free(title);
	free(sql);
	return stale;
}

static void a_reports_kept_title_follows_every_change(void **state)
{
	struct fixture *f = *state;
	const struct record_type *contact = record_type_find("contact");

	assert_non_null(contact->title_table);
	build(f);
	assert_int_equal(fx_rows(f, contact->title_table), fx_rows(f, "contact"));
	assert_int_equal(stale_titles(f), 0);
	fx_set(f->admin, "pupil", "Zoë", NULL, "name=Aaron Zoë", NULL);
	fx_set(f->dsl, "contact", "Bob, friend request, 21/11/2026", "named wrongly", "pupil_name=Rob",
	       "reported_on=2026-11-20", NULL);
	assert_int_equal(stale_titles(f), 0);
	check_sort(f, f->dsl, record_type_find("action"),
		   &(struct list_query){.sort_field = record_field_index(record_type_find("action"),
									 "contact")});
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(pages_near_the_end_are_the_same_read_from_the_end,
						fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(every_column_sorts_as_the_whole_register_sorts,
						fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(a_sort_shows_a_role_only_its_rows, fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(a_reports_kept_title_follows_every_change,
						fixture_setup, fixture_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
