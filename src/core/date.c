#include "core/date.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

static const char *const month_names[] = {
	"January",
	"February",
	"March",
	"April",
	"May",
	"June",
	"July",
	"August",
	"September",
	"October",
	"November",
	"December",
};

static bool is_leap(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int date_month_length(int year, int month)
{
	static const int lengths[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (month < 1 || month > 12)
		return 0;
	if (month == 2 && is_leap(year))
		return 29;
	return lengths[month - 1];
}

bool date_is_valid(struct date d)
{
	return d.year >= DATE_MIN_YEAR && d.year <= DATE_MAX_YEAR &&
	       d.month >= 1 && d.month <= 12 &&
	       d.day >= 1 && d.day <= date_month_length(d.year, d.month);
}

/* Howard Hinnant's days_from_civil: exact for the proleptic Gregorian calendar. */
long date_to_days(struct date d)
{
	long y = d.month <= 2 ? d.year - 1 : d.year;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long mp = (d.month + 9) % 12;
	long doy = (153 * mp + 2) / 5 + d.day - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

struct date date_from_days(long days)
{
	long z = days + 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	struct date d;

	d.day = (int)(doy - (153 * mp + 2) / 5 + 1);
	d.month = (int)(mp < 10 ? mp + 3 : mp - 9);
	d.year = (int)(yoe + era * 400 + (d.month <= 2));
	return d;
}

struct date date_add_months(struct date d, long months)
{
	long index = (long)d.year * 12 + (d.month - 1) + months;
	struct date out;
	int length;

	out.year = (int)(index / 12);
	out.month = (int)(index % 12) + 1;
	length = date_month_length(out.year, out.month);
	out.day = d.day > length ? length : d.day;
	return out;
}

void date_to_iso(struct date d, char *out)
{
	/* Valid dates fit; the modulos only tell the compiler so. */
	snprintf(out, DATE_ISO_SIZE, "%04u-%02u-%02u", (unsigned)d.year % 10000u,
		 (unsigned)d.month % 100u, (unsigned)d.day % 100u);
}

/* Read a number of min_digits to max_digits digits, advancing *p. */
static int read_number(const char **p, int min_digits, int max_digits, int *out)
{
	int value = 0;
	int n = 0;

	while (n < max_digits && isdigit((unsigned char)**p)) {
		value = value * 10 + (**p - '0');
		(*p)++;
		n++;
	}
	if (n < min_digits)
		return -1;
	*out = value;
	return 0;
}

bool date_from_iso(const char *text, struct date *out)
{
	const char *p = text;
	struct date d;

	if (read_number(&p, 4, 4, &d.year) || *p++ != '-' ||
	    read_number(&p, 2, 2, &d.month) || *p++ != '-' ||
	    read_number(&p, 2, 2, &d.day) || *p != '\0')
		return false;
	if (!date_is_valid(d))
		return false;
	*out = d;
	return true;
}

void date_iso_to_display(const char *iso, char *out)
{
	struct date d;

	if (iso != NULL && date_from_iso(iso, &d))
		snprintf(out, DATE_ISO_SIZE, "%02u/%02u/%04u", (unsigned)d.day % 100u,
			 (unsigned)d.month % 100u, (unsigned)d.year % 10000u);
	/* "Oct 2025": a month fits where a day does (a list's column). */
	else if (iso != NULL && date_month_from_iso(iso, &d))
		snprintf(out, DATE_ISO_SIZE, "%.3s %04u", month_names[d.month - 1],
			 (unsigned)d.year % 10000u);
	else
		snprintf(out, DATE_ISO_SIZE, "%s", iso ? iso : "");
}

/* Explain why year-month-day is not a day of the calendar. */
static const char *explain_invalid(struct date d, char *why_buf)
{
	if (d.month < 1 || d.month > 12) {
		snprintf(why_buf, 128, "there is no month %d", d.month);
	} else if (d.year < DATE_MIN_YEAR || d.year > DATE_MAX_YEAR) {
		snprintf(why_buf, 128, "the year %d is outside %d to %d",
			 d.year, DATE_MIN_YEAR, DATE_MAX_YEAR);
	} else {
		snprintf(why_buf, 128, "%s %d has %d days",
			 month_names[d.month - 1], d.year,
			 date_month_length(d.year, d.month));
	}
	return why_buf;
}

static const char usage_why[] =
	"is not a date: type DD/MM/YYYY, YYYY-MM-DD, today, or an offset such as +30d, -2w, +6m, +1y";

/* "+30d", "-2w", "+6m", "+1y", "+30": an offset from today. */
static int parse_offset(const char *p, struct date today, struct date *out,
			const char **why, char *why_buf)
{
	int sign = *p == '-' ? -1 : 1;
	int amount;
	long days;
	struct date d;

	p++;
	if (read_number(&p, 1, 5, &amount)) {
		*why = usage_why;
		return -1;
	}
	switch (tolower((unsigned char)*p)) {
	case '\0':
	case 'd':
		days = date_to_days(today) + (long)sign * amount;
		d = date_from_days(days);
		break;
	case 'w':
		days = date_to_days(today) + (long)sign * amount * 7;
		d = date_from_days(days);
		break;
	case 'm':
		d = date_add_months(today, (long)sign * amount);
		break;
	case 'y':
		d = date_add_months(today, (long)sign * amount * 12);
		break;
	default:
		*why = usage_why;
		return -1;
	}
	if (*p != '\0' && p[1] != '\0') {
		*why = usage_why;
		return -1;
	}
	if (!date_is_valid(d)) {
		snprintf(why_buf, 128, "falls outside the years %d to %d",
			 DATE_MIN_YEAR, DATE_MAX_YEAR);
		*why = why_buf;
		return -1;
	}
	*out = d;
	return 0;
}

/* "21/11/2026" or "21.11.2026": day first, as people write dates in the UK. */
static int parse_day_first(const char *p, struct date *out, const char **why,
			   char *why_buf)
{
	struct date d;
	char separator;

	if (read_number(&p, 1, 2, &d.day))
		goto unknown;
	separator = *p;
	if (separator != '/' && separator != '.')
		goto unknown;
	p++;
	if (read_number(&p, 1, 2, &d.month) || *p++ != separator)
		goto unknown;
	if (read_number(&p, 4, 4, &d.year) || *p != '\0')
		goto unknown;
	if (!date_is_valid(d)) {
		*why = explain_invalid(d, why_buf);
		return -1;
	}
	*out = d;
	return 0;
unknown:
	*why = usage_why;
	return -1;
}

static int parse_iso(const char *p, struct date *out, const char **why,
		     char *why_buf)
{
	struct date d;

	if (read_number(&p, 4, 4, &d.year) || *p++ != '-' ||
	    read_number(&p, 1, 2, &d.month) || *p++ != '-' ||
	    read_number(&p, 1, 2, &d.day) || *p != '\0') {
		*why = usage_why;
		return -1;
	}
	if (!date_is_valid(d)) {
		*why = explain_invalid(d, why_buf);
		return -1;
	}
	*out = d;
	return 0;
}

int date_parse(const char *text, struct date today, struct date *out,
	       const char **why, char *why_buf)
{
	char word[16];
	size_t start = 0;
	size_t end = strlen(text);

	while (start < end && isspace((unsigned char)text[start]))
		start++;
	while (end > start && isspace((unsigned char)text[end - 1]))
		end--;
	if (end == start) {
		*why = "is empty";
		return -1;
	}
	if (end - start >= sizeof word) {
		*why = usage_why;
		return -1;
	}
	memcpy(word, text + start, end - start);
	word[end - start] = '\0';

	if (strcasecmp(word, "today") == 0) {
		*out = today;
		return 0;
	}
	if (strcasecmp(word, "yesterday") == 0 || strcasecmp(word, "tomorrow") == 0) {
		long shift = tolower((unsigned char)word[0]) == 'y' ? -1 : 1;
		struct date d = date_from_days(date_to_days(today) + shift);

		/* Today may be the first or last day of the range. */
		if (!date_is_valid(d)) {
			snprintf(why_buf, 128, "falls outside the years %d to %d",
				 DATE_MIN_YEAR, DATE_MAX_YEAR);
			*why = why_buf;
			return -1;
		}
		*out = d;
		return 0;
	}
	if (word[0] == '+' || word[0] == '-')
		return parse_offset(word, today, out, why, why_buf);
	if (strchr(word, '/') != NULL || strchr(word, '.') != NULL)
		return parse_day_first(word, out, why, why_buf);
	return parse_iso(word, out, why, why_buf);
}

const char *date_month_name(int month)
{
	return month >= 1 && month <= 12 ? month_names[month - 1] : "";
}

bool date_month_from_iso(const char *text, struct date *out)
{
	const char *p = text;
	struct date d = {.day = 1};

	if (read_number(&p, 4, 4, &d.year) || *p++ != '-' ||
	    read_number(&p, 2, 2, &d.month) || *p != '\0' || !date_is_valid(d))
		return false;
	*out = d;
	return true;
}

void date_month_to_iso(struct date d, char *out)
{
	snprintf(out, DATE_ISO_SIZE, "%04u-%02u", (unsigned)d.year % 10000u,
		 (unsigned)d.month % 100u);
}

/* "October", "Oct" or "Sept" (any case): the month's number, or 0. */
static int month_by_name(const char *word, size_t len)
{
	for (int m = 0; m < 12; m++)
		if (len >= 3 && len <= strlen(month_names[m]) &&
		    strncasecmp(word, month_names[m], len) == 0)
			return m + 1;
	return 0;
}

int date_parse_month(const char *text, struct date *out)
{
	const char *p = text;
	struct date d = {.day = 1};
	size_t len;

	while (isspace((unsigned char)*p))
		p++;
	if (isalpha((unsigned char)*p)) {
		/* "October 2025", "Oct 2025" */
		for (len = 0; isalpha((unsigned char)p[len]); len++)
			;
		d.month = month_by_name(p, len);
		p += len;
		if (d.month == 0 || !isspace((unsigned char)*p))
			return -1;
		while (isspace((unsigned char)*p))
			p++;
		if (read_number(&p, 4, 4, &d.year))
			return -1;
	} else if (read_number(&p, 4, 4, &d.year) == 0 && *p == '-') {
		/* "2025-10", as stored */
		p++;
		if (read_number(&p, 1, 2, &d.month))
			return -1;
	} else {
		/* "10/2025" */
		p = text;
		while (isspace((unsigned char)*p))
			p++;
		if (read_number(&p, 1, 2, &d.month) || *p++ != '/' || read_number(&p, 4, 4, &d.year))
			return -1;
	}
	while (isspace((unsigned char)*p))
		p++;
	if (*p != '\0' || !date_is_valid(d))
		return -1;
	*out = d;
	return 0;
}

struct date date_today_local(void)
{
	time_t now = time(NULL);
	struct tm tm;
	struct date d;

	localtime_r(&now, &tm);
	d.year = tm.tm_year + 1900;
	d.month = tm.tm_mon + 1;
	d.day = tm.tm_mday;
	return d;
}
