/*
 * Reading registers: what a filter finds (a record's own text, its title,
 * the names of the records it refers to), that counting agrees with
 * listing, and that a read gives way when the terminal UI says a key is
 * waiting.
 */
#include "fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/record.h"
#include "core/store.h"

/* Two contact reports, each with actions: one about Siân, one about Tom. */
static void two_reports(struct fixture *f)
{
	char contact[64];
	char *sian;
	char *tom;

	free(fx_add(f->admin, "pupil", "name=Siân Evans", "year_group=6", NULL));
	free(fx_add(f->admin, "pupil", "name=Tom Brown", "year_group=5", NULL));
	sian = fx_add(f->dsl, "contact", "school=Test School", "reported_by=Dee Ess-Ell",
		      "pupil=Siân Evans", "platform=instagram", "category=friend_request",
		      "summary=A friend request", NULL);
	tom = fx_add(f->dsl, "contact", "school=Test School", "reported_by=Dee Ess-Ell",
		     "pupil=Tom Brown", "platform=tiktok", "category=pupil_contact",
		     "summary=A direct message", NULL);
	snprintf(contact, sizeof contact, "contact=%s", sian);
	free(fx_add(f->dsl, "action", contact, "note=Spoke to Ms Adams; the request was declined",
		    NULL));
	free(fx_add(f->dsl, "action", contact, "note=Parents told", NULL));
	snprintf(contact, sizeof contact, "contact=%s", tom);
	free(fx_add(f->dsl, "action", contact, "note=Blocked 100% of the accounts", NULL));
	free(sian);
	free(tom);
}

/* How many actions the filter lists; the count must say the same. */
static long actions_matching(struct fixture *f, const char *filter)
{
	const struct record_type *action = record_type_find("action");
	struct list_query q = list_query_default();
	struct record_page *page = NULL;
	struct error err;
	long count = -1;
	long listed;

	q.filter = filter;
	assert_int_equal(store_list(f->dsl, action, &q, 0, 100, &page, &err), STATUS_OK);
	assert_int_equal(store_count(f->dsl, action, &q, &count, &err), STATUS_OK);
	listed = (long)page->count;
	record_page_free(&page);
	assert_int_equal(count, listed);
	return listed;
}

static void filter_finds_a_field_a_title_and_a_referenced_name(void **state)
{
	struct fixture *f = *state;

	two_reports(f);
	/* Words of a note. */
	assert_int_equal(actions_matching(f, "declined"), 1);
	/* The report an action belongs to, by its pupil's name. */
	assert_int_equal(actions_matching(f, "Siân"), 2);
	assert_int_equal(actions_matching(f, "Tom Brown"), 1);
	/* Who acted, by name. */
	assert_int_equal(actions_matching(f, "Ess-Ell"), 3);
	/* Case does not matter for the ASCII letters. */
	assert_int_equal(actions_matching(f, "sIâN"), 2);
	assert_int_equal(actions_matching(f, "nothing like this"), 0);
}

static void filter_takes_wildcards_as_themselves(void **state)
{
	struct fixture *f = *state;

	two_reports(f);
	assert_int_equal(actions_matching(f, "0%"), 1);
	assert_int_equal(actions_matching(f, "%"), 1);
	assert_int_equal(actions_matching(f, "_"), 0);
}

static bool always(void *arg)
{
	(void)arg;
	return true;
}

static bool never(void *arg)
{
	(void)arg;
	return false;
}

static void a_read_gives_way_when_told_to_stop(void **state)
{
	struct fixture *f = *state;
	const struct record_type *pupil = record_type_find("pupil");
	struct list_query q = list_query_default();
	struct record_page *page = NULL;
	struct error err;
	char name[40];
	long count = 0;

	/* Enough rows that reading them takes many thousands of steps. */
	for (int i = 0; i < 300; i++) {
		snprintf(name, sizeof name, "name=Pupil %03d", i);
		free(fx_add(f->admin, "pupil", name, "year_group=3", NULL));
	}
	q.filter = "Pupil 29";
	smreg_stop_reads(f->admin, always, NULL);
	assert_int_equal(store_count(f->admin, pupil, &q, &count, &err), STATUS_STOPPED);
	assert_int_equal(store_list(f->admin, pupil, &q, 0, 30, &page, &err), STATUS_STOPPED);
	assert_null(page);

	smreg_stop_reads(f->admin, never, NULL);
	assert_int_equal(store_count(f->admin, pupil, &q, &count, &err), STATUS_OK);
	assert_int_equal(count, 10);

	/* Cleared, nothing is asked. */
	smreg_stop_reads(f->admin, NULL, NULL);
	assert_int_equal(store_list(f->admin, pupil, &q, 0, 30, &page, &err), STATUS_OK);
	assert_int_equal(page->count, 10);
	record_page_free(&page);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(filter_finds_a_field_a_title_and_a_referenced_name,
						fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(filter_takes_wildcards_as_themselves, fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(a_read_gives_way_when_told_to_stop, fixture_setup,
						fixture_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
