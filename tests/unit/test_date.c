/* Dates as people type them. */
#include "fixture.h"

#include <string.h>

#include "core/date.h"

static const struct date today = {2026, 11, 21};

static void parses_to(const char *text, const char *iso)
{
	struct date d;
	const char *why = NULL;
	char buf[128];
	char got[DATE_ISO_SIZE];

	if (date_parse(text, today, &d, &why, buf) != 0)
		fail_msg("\"%s\" was refused: %s", text, why);
	date_to_iso(d, got);
	assert_string_equal(got, iso);
}

static void refused_because(const char *text, const char *reason)
{
	struct date d;
	const char *why = NULL;
	char buf[128];

	assert_int_equal(date_parse(text, today, &d, &why, buf), -1);
	if (strstr(why, reason) == NULL)
		fail_msg("\"%s\": expected a reason containing \"%s\", got \"%s\"", text, reason, why);
}

static void every_typed_form_is_understood(void **state)
{
	(void)state;
	parses_to("21/11/2026", "2026-11-21");
	parses_to("1/9/2026", "2026-09-01");
	parses_to("01.09.2026", "2026-09-01");
	parses_to("2026-11-21", "2026-11-21");
	parses_to("  2026-11-21 ", "2026-11-21");
	parses_to("today", "2026-11-21");
	parses_to("Today", "2026-11-21");
	parses_to("yesterday", "2026-11-20");
	parses_to("tomorrow", "2026-11-22");
	parses_to("+30d", "2026-12-21");
	parses_to("+30", "2026-12-21");
	parses_to("-2w", "2026-11-07");
	parses_to("+1y", "2027-11-21");
	parses_to("+3m", "2027-02-21");
	parses_to("-11m", "2025-12-21");
}

/* A month as policies print it: "Date: October 2025". */
static void months_as_policies_print_them(void **state)
{
	static const char *const octobers[] = {
		"October 2025", "Oct 2025", "oct 2025", " OCTOBER  2025 ", "10/2025", "2025-10", NULL};
	static const char *const refused[] = {
		"Octember 2025", "Oc 2025", "October", "2025", "13/2025", "0/2025", "October 25",
		"21/10/2025", "2025-10-21", "October 2025x", "1899-12", NULL};
	struct date d;
	char iso[DATE_ISO_SIZE];

	(void)state;
	for (int i = 0; octobers[i] != NULL; i++) {
		if (date_parse_month(octobers[i], &d) != 0)
			fail_msg("\"%s\" was refused", octobers[i]);
		date_month_to_iso(d, iso);
		assert_string_equal(iso, "2025-10");
	}
	assert_int_equal(date_parse_month("Sept 2020", &d), 0);
	assert_int_equal(d.month, 9);
	for (int i = 0; refused[i] != NULL; i++)
		if (date_parse_month(refused[i], &d) == 0)
			fail_msg("\"%s\" was taken for a month", refused[i]);
	/* Stored "YYYY-MM", shown where a day would be, in a day's room. */
	assert_true(date_month_from_iso("2026-10", &d));
	assert_int_equal(d.day, 1);
	assert_false(date_month_from_iso("2026-1", &d));
	assert_false(date_month_from_iso("2026-10-01", &d));
	date_iso_to_display("2026-10", iso);
	assert_string_equal(iso, "Oct 2026");
	date_iso_to_display("2026-09", iso);
	assert_string_equal(iso, "Sep 2026");
	assert_string_equal(date_month_name(10), "October");
}

static void leap_years_and_month_ends(void **state)
{
	struct date jan31 = {2024, 1, 31};
	struct date feb29 = {2024, 2, 29};
	char iso[DATE_ISO_SIZE];

	(void)state;
	parses_to("29/02/2024", "2024-02-29");
	parses_to("29/02/2000", "2000-02-29");
	refused_because("29/02/2026", "February 2026 has 28 days");
	refused_because("29/02/2100", "February 2100 has 28 days");
	refused_because("31/04/2026", "April 2026 has 30 days");
	date_to_iso(date_add_months(jan31, 1), iso);
	assert_string_equal(iso, "2024-02-29");
	date_to_iso(date_add_months(feb29, 12), iso);
	assert_string_equal(iso, "2025-02-28");
}

static void impossible_dates_say_why(void **state)
{
	(void)state;
	refused_because("31/02/2026", "February 2026 has 28 days");
	refused_because("2026-13-01", "there is no month 13");
	refused_because("00/01/2026", "January 2026 has 31 days");
	refused_because("next tuesday", "is not a date");
	refused_because("", "is empty");
	refused_because("21/11/26", "is not a date");
	refused_because("2026-11-21T10:00", "is not a date");
	refused_because("+30x", "is not a date");
	refused_because("1/1/1899", "outside");
	refused_because("+99999y", "falls outside");
}

static void iso_is_strict_and_displayed_day_first(void **state)
{
	struct date d;
	char shown[DATE_ISO_SIZE];

	(void)state;
	assert_true(date_from_iso("2026-11-21", &d));
	assert_false(date_from_iso("2026-11-1", &d));
	assert_false(date_from_iso("2026-02-30", &d));
	assert_false(date_from_iso("21/11/2026", &d));
	date_iso_to_display("2026-11-21", shown);
	assert_string_equal(shown, "21/11/2026");
	date_iso_to_display("not a date", shown);
	assert_string_equal(shown, "not a date");
}

static void days_round_trip(void **state)
{
	(void)state;
	for (long days = -25567; days < 84000; days += 37) {
		struct date d = date_from_days(days);

		assert_true(date_is_valid(d) || d.year < DATE_MIN_YEAR || d.year > DATE_MAX_YEAR);
		assert_int_equal(date_to_days(d), days);
	}
}

/* Found by tests/fuzz/fuzz_date: "tomorrow" on the last day of the range
 * gave 2200-01-01, a date the register cannot hold. */
static void yesterday_and_tomorrow_stay_in_range(void **state)
{
	const struct date first = {DATE_MIN_YEAR, 1, 1};
	const struct date last = {DATE_MAX_YEAR, 12, 31};
	struct date d;
	const char *why = NULL;
	char buf[128];

	(void)state;
	assert_int_equal(date_parse("tomorrow", last, &d, &why, buf), -1);
	assert_non_null(strstr(why, "falls outside"));
	assert_int_equal(date_parse("yesterday", first, &d, &why, buf), -1);
	assert_non_null(strstr(why, "falls outside"));
	assert_int_equal(date_parse("yesterday", last, &d, &why, buf), 0);
	assert_int_equal(d.day, 30);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_typed_form_is_understood),
		cmocka_unit_test(leap_years_and_month_ends),
		cmocka_unit_test(impossible_dates_say_why),
		cmocka_unit_test(iso_is_strict_and_displayed_day_first),
		cmocka_unit_test(days_round_trip),
		cmocka_unit_test(months_as_policies_print_them),
		cmocka_unit_test(yesterday_and_tomorrow_stay_in_range),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
