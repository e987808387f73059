/*
 * date_parse on arbitrary bytes (up to the first NUL, as a C string), for
 * today in the middle and at both ends of the supported years, where an
 * offset is likeliest to run out of range.
 *
 * Invariants: a date accepted is a real day in range, and its ISO and
 * display forms parse back to the same day; a date refused says why in a
 * sentence that fits its buffer.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void die(const char *what, const char *text)
{
	fprintf(stderr, "fuzz_date: %s (input \"%s\")\n", what, text);
	abort();
}

static bool same_day(struct date a, struct date b)
{
	return a.year == b.year && a.month == b.month && a.day == b.day;
}

/* The day d, written as smreg writes it, must read back as d. */
static void check_round_trip(struct date d, struct date today, const char *text)
{
	char iso[DATE_ISO_SIZE];
	char shown[DATE_ISO_SIZE];
	char why_buf[128];
	const char *why = NULL;
	struct date back;

	date_to_iso(d, iso);
	if (!date_from_iso(iso, &back) || !same_day(back, d))
		die("the ISO form of an accepted date does not read back", text);
	if (date_parse(iso, today, &back, &why, why_buf) != 0 || !same_day(back, d))
		die("the ISO form of an accepted date does not parse back", text);
	date_iso_to_display(iso, shown);
	if (date_parse(shown, today, &back, &why, why_buf) != 0 || !same_day(back, d))
		die("the display form of an accepted date does not parse back", text);
	if (!same_day(date_from_days(date_to_days(d)), d))
		die("days since 1970 do not convert back", text);
}

static void check_one(const char *text, struct date today)
{
	char why_buf[128];
	const char *why = NULL;
	struct date d = {0, 0, 0};

	if (date_parse(text, today, &d, &why, why_buf) == 0) {
		if (!date_is_valid(d))
			die("an accepted date is not a valid day", text);
		check_round_trip(d, today, text);
		return;
	}
	if (why == NULL || why[0] == '\0')
		die("a refusal does not say why", text);
	if (why == why_buf && strnlen(why_buf, sizeof why_buf) == sizeof why_buf)
		die("the reason overflows its buffer", text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct date todays[] = {
		{2026, 11, 21},
		{DATE_MIN_YEAR, 1, 1},
		{DATE_MAX_YEAR, 12, 31},
		{2024, 2, 29},
	};
	char *text = malloc(size + 1);
	char shown[DATE_ISO_SIZE];

	if (text == NULL)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	for (size_t i = 0; i < sizeof todays / sizeof todays[0]; i++)
		check_one(text, todays[i]);
	/* Anything that is not an ISO date is shown as it is, cut to fit. */
	date_iso_to_display(text, shown);
	if (strnlen(shown, sizeof shown) == sizeof shown)
		die("the display form is not terminated", text);
	free(text);
	return 0;
}
