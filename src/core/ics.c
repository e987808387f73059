/* The register's dates as iCalendar (RFC 5545). */
#include "core/ics.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/access.h"
#include "core/date.h"
#include "core/record.h"
#include "core/text.h"
#include "private.h"

/* RFC 5545 3.1: a content line is folded before it passes 75 octets. */
#define ICS_LINE_OCTETS 75

/*
 * Where events come from: each query gives the event's UID (rule and
 * record, without the domain), its date (ISO; a month means its first
 * day), its summary and a description.  register_name is whose readers
 * see them; NULL: everyone, for they are counts and name no one.
 */
static const struct {
	const char *register_name;
	const char *sql;
} sources[] = {
	{"policy",
	 "SELECT 'policy-review-' || p.id, p.next_review_on, 'Policy review: ' || p.title, "
	 "'Review and approval of ' || p.title || coalesce(' (approver: ' || p.approver || ')', '') "
	 "FROM policy AS p WHERE p.status <> 'retired' ORDER BY p.next_review_on, p.title"},
	{"authorisation",
	 "SELECT 'authorisation-review-' || a.id, a.review_on, "
	 "'Authorisation review: ' || pe.name || ', ' || replace(a.kind, '_', ' ') || "
	 "coalesce(' on ' || ch.platform || ':' || ch.account, ''), coalesce(a.detail, '') "
	 "FROM authorisation AS a JOIN person AS pe ON pe.id = a.person "
	 "LEFT JOIN channel AS ch ON ch.id = a.channel "
	 "WHERE a.review_on IS NOT NULL AND (a.revoked_on IS NULL OR a.revoked_on > :today) "
	 "ORDER BY a.review_on"},
	{"channel",
	 "SELECT 'channel-signoff-' || c.id, "
	 "CASE WHEN c.privacy_checked_on IS NULL THEN :today ELSE date(c.privacy_checked_on, '+' || "
	 "(SELECT value FROM setting WHERE key = 'privacy_check_months') || ' months') END, "
	 "'Channel sign-off: ' || c.platform || ':' || c.account, "
	 "'Check the privacy settings, administrators and emergency access of ' || "
	 "c.platform || ':' || c.account "
	 "FROM channel AS c WHERE c.closed_on IS NULL OR c.closed_on > :today "
	 "ORDER BY c.platform, c.account"},
	{NULL,
	 "SELECT 'consent-expiry-' || p.school || '-' || cc.expires_on, cc.expires_on, "
	 "'Consents expire: ' || count(*) || CASE count(*) WHEN 1 THEN ' pupil' ELSE ' pupils' END || "
	 "CASE WHEN (SELECT count(*) FROM school) > 1 THEN ', ' || "
	 "(SELECT name FROM school WHERE id = p.school) ELSE '' END, "
	 "'Ask the parents or carers for a new consent form.' "
	 "FROM current_consent AS cc JOIN pupil_on_roll AS p ON p.id = cc.pupil "
	 "WHERE cc.expires_on >= :today GROUP BY p.school, cc.expires_on ORDER BY cc.expires_on"},
	{"training",
	 "SELECT 'training-renewal-' || t.person || '-' || t.kind, "
	 "CASE WHEN strftime('%m', max(t.completed_on)) >= '09' "
	 "THEN (strftime('%Y', max(t.completed_on)) + 1) || '-09-01' "
	 "ELSE strftime('%Y', max(t.completed_on)) || '-09-01' END, "
	 "'Training renewal: ' || s.name || ', ' || replace(t.kind, '_', ' '), "
	 "'Due again each school year, from 1 September' "
	 "FROM training AS t JOIN current_staff AS s ON s.id = t.person "
	 "WHERE t.kind IN ('annual_refresher', 'policy_read') "
	 "GROUP BY t.person, t.kind ORDER BY 2, 3"},
};

/*
 * One content line, folded: CRLF then a space before any octet that would
 * take the line past 75, never inside a UTF-8 character.
 */
static void put_line(FILE *out, const char *line)
{
	size_t used = 0;

	while (*line != '\0') {
		unsigned code;
		size_t n = text_decode(line, strlen(line), &code);

		if (n == 0)
			n = 1; /* stored text is UTF-8; never split a stray byte's neighbours */
		if (used + n > ICS_LINE_OCTETS) {
			fputs("\r\n ", out);
			used = 1;
		}
		fwrite(line, 1, n, out);
		used += n;
		line += n;
	}
	fputs("\r\n", out);
}

/* NAME:TEXT with TEXT escaped (RFC 5545 3.3.11), controls left out. */
static void put_text(FILE *out, const char *name, const char *text)
{
	size_t len = strlen(name) + 2 * strlen(text ? text : "") + 2;
	char *line = malloc(len);
	size_t k;

	if (line == NULL)
		return;
	k = (size_t)snprintf(line, len, "%s:", name);
	for (const char *p = text ? text : ""; *p != '\0'; p++) {
		if (*p == '\\' || *p == ';' || *p == ',') {
			line[k++] = '\\';
			line[k++] = *p;
		} else if (*p == '\n') {
			line[k++] = '\\';
			line[k++] = 'n';
		} else if ((unsigned char)*p >= 0x20 && *p != 0x7F) {
			line[k++] = *p;
		}
	}
	line[k] = '\0';
	put_line(out, line);
	free(line);
}

static void put_event(FILE *out, const char *stamp, const char *uid, const char *day,
		      const char *summary, const char *description)
{
	struct date d, next;
	char start[9], end[9], line[128];
	char iso[DATE_ISO_SIZE];

	/* A policy dated by its month falls due on the month's first day. */
	snprintf(iso, sizeof iso, strlen(day) == 7 ? "%s-01" : "%s", day);
	if (!date_from_iso(iso, &d))
		return;
	next = date_from_days(date_to_days(d) + 1);
	snprintf(start, sizeof start, "%04d%02d%02d", d.year, d.month, d.day);
	snprintf(end, sizeof end, "%04d%02d%02d", next.year, next.month, next.day);
	put_line(out, "BEGIN:VEVENT");
	snprintf(line, sizeof line, "UID:%s@smreg", uid);
	put_line(out, line);
	snprintf(line, sizeof line, "DTSTAMP:%s", stamp);
	put_line(out, line);
	snprintf(line, sizeof line, "DTSTART;VALUE=DATE:%s", start);
	put_line(out, line);
	snprintf(line, sizeof line, "DTEND;VALUE=DATE:%s", end);
	put_line(out, line);
	put_text(out, "SUMMARY", summary);
	if (description && *description)
		put_text(out, "DESCRIPTION", description);
	put_line(out, "TRANSP:TRANSPARENT");
	put_line(out, "END:VEVENT");
}

static int write_source(struct smreg *s, FILE *out, const char *stamp, const char *sql,
			struct error *err)
{
	sqlite3_stmt *stmt;
	int rc = db_prepare(s, sql, &stmt, err);

	if (rc != STATUS_OK)
		return rc;
	bind_context(s, stmt);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *uid = (const char *)sqlite3_column_text(stmt, 0);
		const char *day = (const char *)sqlite3_column_text(stmt, 1);

		if (uid != NULL && day != NULL)
			put_event(out, stamp, uid, day, (const char *)sqlite3_column_text(stmt, 2),
				  (const char *)sqlite3_column_text(stmt, 3));
	}
	rc = rc == SQLITE_DONE ? STATUS_OK : db_error(s, rc, err);
	db_release(stmt);
	return rc;
}

int ics_write(struct smreg *s, FILE *out, struct error *err)
{
	char stamp[20];
	time_t now = time(NULL);
	struct tm utc;
	int rc = STATUS_OK;

	gmtime_r(&now, &utc);
	strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &utc);
	put_line(out, "BEGIN:VCALENDAR");
	put_line(out, "VERSION:2.0");
	put_line(out, "PRODID:-//smreg//smreg 1.0//EN");
	put_line(out, "CALSCALE:GREGORIAN");
	put_line(out, "METHOD:PUBLISH");
	put_line(out, "X-WR-CALNAME:smreg");
	for (size_t i = 0; i < sizeof sources / sizeof sources[0] && rc == STATUS_OK; i++) {
		const char *reg = sources[i].register_name;

		if (reg == NULL || (access_mine(s, record_type_find(reg)) & CAN_READ))
			rc = write_source(s, out, stamp, sources[i].sql, err);
	}
	put_line(out, "END:VCALENDAR");
	return rc;
}
