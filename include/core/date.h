/*
 * Dates as people type them and as the register stores them.
 *
 * Stored: ISO "YYYY-MM-DD".  Typed: "21/11/2026", "2026-11-21", "today",
 * "yesterday", "tomorrow", or an offset from today such as "+30d", "-2w",
 * "+3m", "+1y" ("+30" means days).  Shown: "21/11/2026".
 */
#ifndef SMREG_CORE_DATE_H
#define SMREG_CORE_DATE_H

#include <stdbool.h>
#include <stddef.h>

#define DATE_ISO_SIZE 11 /* "YYYY-MM-DD" and its NUL */
#define DATE_MIN_YEAR 1900
#define DATE_MAX_YEAR 2199

struct date {
	int year;
	int month;
	int day;
};

/* True when y-m-d is a real day of the calendar in the supported range. */
bool date_is_valid(struct date d);

/* Parse exactly "YYYY-MM-DD" naming a real day. */
bool date_from_iso(const char *text, struct date *out);

/* Write d as "YYYY-MM-DD" into out[DATE_ISO_SIZE]. */
void date_to_iso(struct date d, char *out);

/* Write the ISO date iso as "DD/MM/YYYY", or a month "YYYY-MM" as
 * "Oct 2025", into out[DATE_ISO_SIZE]; anything else is copied as it is
 * (truncated). */
void date_iso_to_display(const char *iso, char *out);

/*
 * Understand what someone typed, relative to today.  On success fill *out
 * and return 0; otherwise return -1 and point *why at a sentence saying
 * what was wrong (a static string or why_buf, which must hold 128 bytes).
 */
int date_parse(const char *text, struct date today, struct date *out,
	       const char **why, char *why_buf);

/*
 * A month, as policies print their dates: "October 2025", "Oct 2025",
 * "10/2025" or "2025-10".  Stored "YYYY-MM" (date_month_to_iso); *out is
 * its first day.  0 on success, else -1.
 */
int date_parse_month(const char *text, struct date *out);

/* Parse exactly "YYYY-MM" naming a month in the supported range; *out is
 * its first day. */
bool date_month_from_iso(const char *text, struct date *out);

/* Write d's month as "YYYY-MM" into out[DATE_ISO_SIZE]. */
void date_month_to_iso(struct date d, char *out);

/* The month's name in full: "October" (month 1 to 12). */
const char *date_month_name(int month);

/* Days since 1970-01-01 (negative before), and back. */
long date_to_days(struct date d);
struct date date_from_days(long days);

/* d plus n months (or years when unit is 'y'); the day is clamped to the
 * month's length, so 31/01 + 1 month is 28/02 (or 29/02). */
struct date date_add_months(struct date d, long months);

/* Days in the given month of the given year. */
int date_month_length(int year, int month);

/* Today by the local clock. */
struct date date_today_local(void);

#endif
