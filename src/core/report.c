/* The governors' termly report: gathered here as tables of text, written
 * out as text, HTML or JSON. */
#include "core/report.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/access.h"
#include "core/audit.h"
#include "core/html.h"
#include "core/json.h"
#include "core/record.h"
#include "core/ref.h"
#include "core/text.h"
#include "private.h"

/* Below this, a number about pupils or contact reports could point at a
 * child: it is shown as "fewer than 3". */
#define SMALL_NUMBER 3

/* SQL for a date as the report shows it (DD/MM/YYYY); a month as it is. */
#define DMY(x) "CASE WHEN length(" x ") = 10 THEN strftime('%d/%m/%Y', " x ") " \
	       "WHEN length(" x ") = 7 THEN " MONTH_YEAR(x) " ELSE " x " END"
/* A policy's month, "2026-10", as "October 2026". */
#define MONTH_YEAR(x) "rtrim(substr('January  February March    April    May      June     "                       \
		      "July     August   SeptemberOctober  November December ', substr(" x ", 6, 2) * 9 - 8, 9)) " \
		      "|| ' ' || substr(" x ", 1, 4)"
/* The last day a date or a month covers: a review due in a month is
 * overdue once the month is over. */
#define LAST_DAY(x) "(CASE WHEN length(" x ") = 7 THEN date(" x " || '-01', '+1 month', '-1 day') " \
		    "ELSE " x " END)"

/* The school filter on a column: every school, or the one chosen. */
#define IN_SCHOOL(x) "(:school IS NULL OR " x " = :school)"

/* --- building ------------------------------------------------------------- */

struct builder {
	struct smreg *s;
	struct report *r;
	const char *school_id;		/* NULL for every school */
	char year_start[DATE_ISO_SIZE]; /* 1 September before the period's end */
	int failed;			/* out of memory, or SQL refused */
	struct error *err;
};

static char *dup_or_empty(const char *text)
{
	return strdup(text ? text : "");
}

static struct report_section *section_add(struct builder *b, const char *id, const char *title)
{
	struct report *r = b->r;
	struct report_section *grown = realloc(r->sections, (r->section_count + 1) * sizeof *grown);

	if (grown == NULL) {
		b->failed = error_set(b->err, STATUS_DATABASE, NULL, "out of memory");
		return NULL;
	}
	r->sections = grown;
	memset(&grown[r->section_count], 0, sizeof grown[0]);
	grown[r->section_count].id = id;
	grown[r->section_count].title = title;
	return &grown[r->section_count++];
}

static void note_add(struct builder *b, struct report_section *sec, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void note_add(struct builder *b, struct report_section *sec, const char *fmt, ...)
{
	char text[512];
	char **grown;
	va_list ap;

	if (sec == NULL || b->failed)
		return;
	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	grown = realloc(sec->notes, (sec->note_count + 1) * sizeof *grown);
	if (grown == NULL || (grown[sec->note_count] = strdup(text)) == NULL) {
		if (grown != NULL)
			sec->notes = grown;
		b->failed = error_set(b->err, STATUS_DATABASE, NULL, "out of memory");
		return;
	}
	sec->notes = grown;
	sec->note_count++;
}

static struct report_table *table_add(struct builder *b, struct report_section *sec,
				      const char *title, const char *const *headings,
				      size_t columns)
{
	struct report_table *grown, *t;

	if (sec == NULL || b->failed)
		return NULL;
	grown = realloc(sec->tables, (sec->table_count + 1) * sizeof *grown);
	if (grown == NULL) {
		b->failed = error_set(b->err, STATUS_DATABASE, NULL, "out of memory");
		return NULL;
	}
	sec->tables = grown;
	t = &grown[sec->table_count++];
	memset(t, 0, sizeof *t);
	t->title = title ? strdup(title) : NULL;
	t->columns = columns;
	t->headings = calloc(columns, sizeof *t->headings);
	for (size_t c = 0; t->headings != NULL && c < columns; c++)
		t->headings[c] = dup_or_empty(headings[c]);
	if (t->headings == NULL)
		b->failed = error_set(b->err, STATUS_DATABASE, NULL, "out of memory");
	return t;
}

static void row_add(struct builder *b, struct report_table *t, const char *const *cells)
{
	char **grown;

	if (t == NULL || b->failed)
		return;
	grown = realloc(t->cells, (t->rows + 1) * t->columns * sizeof *grown);
	if (grown == NULL) {
		b->failed = error_set(b->err, STATUS_DATABASE, NULL, "out of memory");
		return;
	}
	t->cells = grown;
	for (size_t c = 0; c < t->columns; c++)
		grown[t->rows * t->columns + c] = dup_or_empty(cells[c]);
	t->rows++;
}

/* A statement with the report's parameters bound: :from, :to, :today,
 * :school, :year_start. */
static sqlite3_stmt *prepare(struct builder *b, const char *sql)
{
	sqlite3_stmt *stmt = NULL;
	int i;

	if (b->failed || (b->failed = db_prepare(b->s, sql, &stmt, b->err)) != STATUS_OK)
		return NULL;
	bind_context(b->s, stmt);
	if ((i = sqlite3_bind_parameter_index(stmt, ":from")) > 0)
		db_bind_text(stmt, i, b->r->from);
	if ((i = sqlite3_bind_parameter_index(stmt, ":to")) > 0)
		db_bind_text(stmt, i, b->r->to);
	if ((i = sqlite3_bind_parameter_index(stmt, ":school")) > 0)
		db_bind_text(stmt, i, b->school_id);
	if ((i = sqlite3_bind_parameter_index(stmt, ":year_start")) > 0)
		db_bind_text(stmt, i, b->year_start);
	return stmt;
}

static void step_failed(struct builder *b, int rc)
{
	if (rc != SQLITE_DONE && !b->failed)
		b->failed = db_error(b->s, rc, b->err);
}

/* Each row of sql as a row of t, its columns as text. */
static void rows_from(struct builder *b, struct report_table *t, const char *sql)
{
	sqlite3_stmt *stmt = t ? prepare(b, sql) : NULL;
	const char *cells[16];
	int rc = SQLITE_DONE;

	if (stmt == NULL)
		return;
	while (!b->failed && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		for (size_t c = 0; c < t->columns && c < 16; c++)
			cells[c] = (const char *)sqlite3_column_text(stmt, (int)c);
		row_add(b, t, cells);
	}
	step_failed(b, rc);
	db_release(stmt);
}

/* The one number sql answers (0 on error, which b remembers). */
static long count_of(struct builder *b, const char *sql, const char *param)
{
	sqlite3_stmt *stmt = prepare(b, sql);
	long n = 0;
	int rc;

	if (stmt == NULL)
		return 0;
	if (param != NULL)
		db_bind_text(stmt, sqlite3_bind_parameter_index(stmt, ":value"), param);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		n = sqlite3_column_int64(stmt, 0);
	else
		step_failed(b, rc);
	db_release(stmt);
	return n;
}

/* A code as words: "annual_refresher" is "annual refresher"; into buf[64]. */
static const char *words(const char *code, char buf[64])
{
	size_t i = 0;

	for (; code[i] != '\0' && i < 63; i++)
		buf[i] = code[i] == '_' ? ' ' : code[i];
	buf[i] = '\0';
	return buf;
}

/* A count about pupils or contact reports, as the report may show it. */
static const char *few(long n, char buf[24])
{
	if (n < SMALL_NUMBER)
		return "fewer than 3";
	snprintf(buf, 24, "%ld", n);
	return buf;
}

/* --- the sections ---------------------------------------------------------- */

/*
 * The sections' SQL is written as it reads, with macros between its
 * strings; clang-format cannot lay such concatenations out.
 */
/* clang-format off */
static void policies(struct builder *b)
{
	static const char *const headings[] = {
		"Policy", "Owner (job title)", "Approver", "Last approved", "Next review", "Status", "Statutory",
	};
	static const char *const missing_headings[] = {"Statutory policy not held", "Review", "Approver"};
	struct report_section *sec = section_add(b, "policies", "Policies");
	struct report_table *t = table_add(b, sec, NULL, headings, 7);

	rows_from(b, t,
		  "SELECT p.title, (SELECT coalesce(job_title, '-') FROM person WHERE id = p.owner), p.approver, "
		  DMY("coalesce(p.approved_on, (SELECT max(approved_on) FROM review WHERE policy = p.id))") ", "
		  "coalesce(" DMY("p.next_review_on") " || CASE WHEN " LAST_DAY("p.next_review_on")
		  " < :today THEN ' (overdue)' ELSE '' END, 'undated'), "
		  "replace(p.status, '_', ' '), CASE WHEN p.statutory THEN 'yes' ELSE 'no' END "
		  "FROM policy AS p WHERE p.status <> 'retired' "
		  "AND (p.school IS NULL OR " IN_SCHOOL("p.school") ") "
		  "ORDER BY " LAST_DAY("p.next_review_on") " < :today DESC, p.next_review_on, p.title");
	if (t != NULL && t->rows == 0)
		note_add(b, sec, "The register holds no policy in force.");
	t = table_add(b, sec, "Statutory policies not held", missing_headings, 3);
	rows_from(b, t,
		  "SELECT sp.title, CASE WHEN sp.live THEN 'live document' "
		  "WHEN sp.cycle_months % 12 = 0 AND sp.cycle_months > 12 "
		  "THEN (sp.cycle_months / 12) || ' years' ELSE sp.cycle_months || ' months' END, "
		  "sp.approver FROM statutory_policy AS sp "
		  "WHERE sp.title IN (SELECT m.subject FROM due_statutory_missing AS m "
		  "WHERE " IN_SCHOOL("m.school") ") ORDER BY sp.place");
	if (t != NULL && t->rows == 0)
		note_add(b, sec, count_of(b, "SELECT count(*) FROM statutory_policy", NULL)
				 ? "Every statutory policy of the DfE's list is held."
				 : "The register follows no statutory policy list yet (smreg statutory).");
}

#define YES_NO(x) "CASE WHEN " x " THEN 'yes' ELSE 'no' END"

static void channels(struct builder *b)
{
	static const char *const headings[] = {
		"Channel", "Risk assessed and approved", "In privacy notice", "Emergency access",
		"Two-factor sign-in", "School e-mail", "Privacy checked",
	};
	static const char *const change_headings[] = {"Channel", "Change", "On"};
	struct report_section *sec = section_add(b, "channels", "Channels");
	struct report_table *t = table_add(b, sec, "Official channels open at the end of the period",
					   headings, 7);

	rows_from(b, t,
		  "SELECT c.platform || ':' || c.account, "
		  YES_NO("c.risk_assessed_on IS NOT NULL AND c.approved_by IS NOT NULL") ", "
		  YES_NO("c.in_privacy_notice") ", " YES_NO("c.emergency_access") ", "
		  YES_NO("c.mfa") ", " YES_NO("c.school_email") ", "
		  "coalesce(" DMY("c.privacy_checked_on") ", 'never') || CASE WHEN "
		  "c.privacy_checked_on IS NULL OR c.privacy_checked_on < date(:to, '-' || "
		  "(SELECT value FROM setting WHERE key = 'privacy_check_months') || ' months') "
		  "THEN ' (due)' ELSE '' END "
		  "FROM channel AS c WHERE c.opened_on <= :to AND (c.closed_on IS NULL OR c.closed_on > :to) "
		  "AND " IN_SCHOOL("c.school") " ORDER BY c.platform, c.account");
	t = table_add(b, sec, "Opened or closed in the period", change_headings, 3);
	rows_from(b, t,
		  "SELECT name, change, " DMY("day") " FROM ("
		  "SELECT c.platform || ':' || c.account AS name, 'opened' AS change, c.opened_on AS day "
		  "FROM channel AS c WHERE c.opened_on BETWEEN :from AND :to AND " IN_SCHOOL("c.school") " "
		  "UNION ALL SELECT c.platform || ':' || c.account, 'closed', c.closed_on "
		  "FROM channel AS c WHERE c.closed_on BETWEEN :from AND :to AND " IN_SCHOOL("c.school") ") "
		  "ORDER BY day, name");
	if (t != NULL && t->rows == 0)
		note_add(b, sec, "No channel was opened or closed in the period.");
}

static void authorisations(struct builder *b)
{
	static const char *const review_headings[] = {"Channel", "Kind", "Review on"};
	static const char *const leaver_headings[] = {
		"Left on", "Access held", "Removed", "Days it took",
	};
	struct report_section *sec = section_add(b, "authorisations", "Authorisations");
	struct report_table *t = table_add(b, sec, "Reviews due by the end of the period",
					   review_headings, 3);

	/* Who holds them is the admin's business: the board sees that they are due.
	 * (Naming no one, the report cannot name someone who is in a contact report.) */
	rows_from(b, t,
		  "SELECT coalesce((SELECT c.platform || ':' || c.account FROM channel AS c "
		  "WHERE c.id = a.channel), 'exception'), replace(a.kind, '_', ' '), "
		  DMY("a.review_on") " || CASE WHEN a.review_on < :today THEN ' (overdue)' ELSE '' END "
		  "FROM authorisation AS a JOIN person AS p ON p.id = a.person "
		  "WHERE a.granted_on <= :to AND (a.revoked_on IS NULL OR a.revoked_on > :to) "
		  "AND a.review_on IS NOT NULL AND a.review_on <= :to "
		  "AND (p.school IS NULL OR " IN_SCHOOL("p.school") ") ORDER BY a.review_on");
	if (t != NULL && t->rows == 0)
		note_add(b, sec, "No authorisation falls due for review by the end of the period.");
	t = table_add(b, sec, "Leavers in the period, and their access", leaver_headings, 4);
	rows_from(b, t,
		  "SELECT " DMY("p.left_on") ", count(*), count(a.revoked_on), "
		  "CASE WHEN count(a.revoked_on) < count(*) THEN 'not yet removed' "
		  "ELSE CAST(max(0, julianday(max(a.revoked_on)) - julianday(p.left_on)) AS INTEGER) END "
		  "FROM person AS p JOIN authorisation AS a ON a.person = p.id "
		  "AND a.granted_on <= p.left_on AND (a.revoked_on IS NULL OR a.revoked_on >= p.left_on) "
		  "WHERE p.left_on BETWEEN :from AND :to AND (p.school IS NULL OR " IN_SCHOOL("p.school") ") "
		  "GROUP BY p.id ORDER BY p.left_on");
	if (t != NULL && t->rows == 0)
		note_add(b, sec, "No one who held access left in the period.");
}

/* clang-format on */
/* The consent uses, in their order: codes and labels. */
static int consent_uses(struct builder *b, char ***codes, char ***labels, size_t *count)
{
	sqlite3_stmt *stmt = prepare(b, "SELECT code, label FROM consent_use ORDER BY rowid");
	int rc = SQLITE_DONE;

	*codes = *labels = NULL;
	*count = 0;
	while (stmt != NULL && (rc = sqlite3_step(stmt)) == SQLITE_ROW && *count < 12) {
		char **c = realloc(*codes, (*count + 1) * sizeof *c);
		char **l = c ? realloc(*labels, (*count + 1) * sizeof *l) : NULL;

		if (c != NULL)
			*codes = c;
		if (l == NULL) {
			rc = SQLITE_NOMEM;
			break;
		}
		*labels = l;
		c[*count] = db_column_dup(stmt, 0);
		l[*count] = db_column_dup(stmt, 1);
		(*count)++;
	}
	if (rc != SQLITE_ROW)
		step_failed(b, rc);
	db_release(stmt);
	return b->failed;
}

static void free_strings(char **list, size_t count)
{
	for (size_t i = 0; list != NULL && i < count; i++)
		free(list[i]);
	free(list);
}

/* The pupils on roll at the end of the period, each with the uses of the
 * consent that counted then. */
#define PUPILS_WITH_CONSENT                                                                \
	"WITH roll AS (SELECT p.id, p.school, coalesce(p.year_group, '-') AS year_group, " \
	"(SELECT c.uses FROM consent AS c WHERE c.pupil = p.id AND c.received_on <= :to "  \
	" AND (c.withdrawn_on IS NULL OR c.withdrawn_on > :to) "                           \
	" AND (c.expires_on IS NULL OR c.expires_on >= :to) "                              \
	" ORDER BY c.received_on DESC, c.rowid DESC LIMIT 1) AS uses "                     \
	"FROM pupil AS p WHERE (p.joined_on IS NULL OR p.joined_on <= :to) "               \
	"AND (p.left_on IS NULL OR p.left_on > :to) AND " IN_SCHOOL("p.school") ") "

static void coverage_rows(struct builder *b, struct report_table *t, char **codes, size_t uses)
{
	char *sql = NULL;
	char *part;
	sqlite3_stmt *stmt;
	int rc = SQLITE_DONE;

	sql = strdup(PUPILS_WITH_CONSENT "SELECT (SELECT name FROM school WHERE id = roll.school), "
					 "year_group, count(*)");
	for (size_t u = 0; sql != NULL && u < uses; u++) {
		part = text_format("%s, sum(instr(';' || coalesce(uses, '') || ';', ';' || :use%zu || ';') > 0)",
				   sql, u);
		free(sql);
		sql = part;
	}
	part = sql ? text_format("%s FROM roll GROUP BY roll.school, year_group "
				 "ORDER BY 1, year_group GLOB '[0-9]*', CAST(year_group AS INTEGER), year_group",
				 sql)
		   : NULL;
	free(sql);
	if (part == NULL) {
		b->failed = error_set(b->err, STATUS_DATABASE, NULL, "out of memory");
		return;
	}
	stmt = prepare(b, part);
	free(part);
	for (size_t u = 0; stmt != NULL && u < uses; u++) {
		char name[32];

		snprintf(name, sizeof name, ":use%zu", u);
		db_bind_text(stmt, sqlite3_bind_parameter_index(stmt, name), codes[u]);
	}
	while (stmt != NULL && !b->failed && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		long pupils = sqlite3_column_int64(stmt, 2);
		char shares[12][8];
		char count[24];
		const char *cells[15] = {
			(const char *)sqlite3_column_text(stmt, 0),
			(const char *)sqlite3_column_text(stmt, 1),
			few(pupils, count),
		};

		/* A share of one or two pupils would say which consent they have. */
		for (size_t u = 0; u < uses; u++) {
			long with = sqlite3_column_int64(stmt, (int)u + 3);

			snprintf(shares[u], sizeof shares[u], "%ld%%", pupils ? (with * 100 + pupils / 2) / pupils : 0);
			cells[u + 3] = pupils < SMALL_NUMBER ? "-" : shares[u];
		}
		row_add(b, t, cells);
	}
	if (stmt != NULL && rc != SQLITE_ROW)
		step_failed(b, rc);
	db_release(stmt);
}

static void consent(struct builder *b)
{
	static const char *const withdrawn_headings[] = {"School", "Consents withdrawn"};
	struct report_section *sec = section_add(b, "consent", "Consent coverage");
	const char *headings[15] = {"School", "Year", "Pupils"};
	char **codes, **labels;
	size_t uses;
	struct report_table *t;
	char count[24];

	if (sec == NULL || consent_uses(b, &codes, &labels, &uses) != STATUS_OK)
		return;
	for (size_t u = 0; u < uses; u++)
		headings[u + 3] = labels[u];
	t = table_add(b, sec, "Share of pupils on roll with a current consent, for each use",
		      headings, uses + 3);
	if (t != NULL)
		coverage_rows(b, t, codes, uses);
	if (t != NULL && t->rows == 0)
		note_add(b, sec, "No pupil was on roll at the end of the period.");
	free_strings(codes, uses);
	free_strings(labels, uses);
	t = table_add(b, sec, "Consents withdrawn in the period", withdrawn_headings, 2);
	{
		sqlite3_stmt *stmt = prepare(b, "SELECT id, name FROM school WHERE " IN_SCHOOL("id") " ORDER BY name");
		int rc = SQLITE_DONE;

		while (stmt != NULL && !b->failed && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
			char *name = db_column_dup(stmt, 1);
			long n = count_of(b, "SELECT count(*) FROM consent AS c JOIN pupil AS p ON p.id = c.pupil "
					     "WHERE c.withdrawn_on BETWEEN :from AND :to AND p.school = :value",
					  (const char *)sqlite3_column_text(stmt, 0));

			row_add(b, t, (const char *const[]){name, few(n, count)});
			free(name);
		}
		if (stmt != NULL && rc != SQLITE_ROW)
			step_failed(b, rc);
		db_release(stmt);
	}
	note_add(b, sec, "Shares are of the pupils on roll at the end of the period; a group of "
			 "fewer than 3 pupils is not shown as shares.");
}

static void takedowns(struct builder *b)
{
	static const char *const headings[] = {
		"Raised in the period",
		"Done within takedown_days",
		"Done later",
		"Not yet done",
	};
	static const char *const where =
		"FROM takedown AS t JOIN pupil AS p ON p.id = t.pupil "
		"WHERE t.raised_on BETWEEN :from AND :to AND " IN_SCHOOL("p.school");
	struct report_section *sec = section_add(b, "takedowns", "Takedowns");
	struct report_table *t = table_add(b, sec, NULL, headings, 4);
	char *sql[4] = {
		text_format("SELECT count(*) %s", where),
		text_format("SELECT count(*) %s AND t.done_on IS NOT NULL AND julianday(t.done_on) - "
			    "julianday(t.raised_on) <= (SELECT value FROM setting WHERE key = 'takedown_days')",
			    where),
		text_format("SELECT count(*) %s AND t.done_on IS NOT NULL AND julianday(t.done_on) - "
			    "julianday(t.raised_on) > (SELECT value FROM setting WHERE key = 'takedown_days')",
			    where),
		text_format("SELECT count(*) %s AND t.done_on IS NULL", where),
	};
	char counts[4][24];
	const char *cells[4];

	for (int i = 0; i < 4; i++) {
		cells[i] = sql[i] ? few(count_of(b, sql[i], NULL), counts[i]) : "";
		free(sql[i]);
	}
	row_add(b, t, cells);
	note_add(b, sec, "takedown_days is %ld: what must come down when a consent is withdrawn "
			 "should be down within so many days.",
		 count_of(b, "SELECT value FROM setting WHERE key = 'takedown_days'", NULL));
}

static void training(struct builder *b)
{
	const struct field *kinds = record_field_find(record_type_find("training"), "kind");
	const struct field *people = record_field_find(record_type_find("person"), "kind");
	const char *headings[12] = {"Kind of person", "People"};
	char heading_words[10][64];
	struct report_section *sec = section_add(b, "training", "Training");
	struct report_table *t;
	size_t k = 0;

	while (kinds->choices[k] != NULL && k < 10) {
		headings[k + 2] = words(kinds->choices[k], heading_words[k]);
		k++;
	}
	t = table_add(b, sec, "Who has completed each kind of training", headings, k + 2);
	for (const char *const *kind = people->choices; t != NULL && *kind != NULL; kind++) {
		static const char *const current =
			"FROM person AS p WHERE p.kind = :value "
			"AND (p.started_on IS NULL OR p.started_on <= :to) "
			"AND (p.left_on IS NULL OR p.left_on > :to) AND (p.school IS NULL OR " IN_SCHOOL("p.school") ")";
		char *sql = text_format("SELECT count(*) %s", current);
		long n = sql ? count_of(b, sql, *kind) : 0;
		char cells_text[12][64];
		const char *cells[12];

		free(sql);
		if (n == 0)
			continue;
		cells[0] = words(*kind, cells_text[0]);
		snprintf(cells_text[1], sizeof cells_text[1], "%ld", n);
		cells[1] = cells_text[1];
		/* Induction once; every other kind this school year. */
		for (size_t i = 0; i < k; i++) {
			char *q = text_format("SELECT count(*) %s AND EXISTS (SELECT 1 FROM training AS t "
					      "WHERE t.person = p.id AND t.kind = '%s' AND t.completed_on <= :to "
					      "AND (%d OR t.completed_on >= :year_start))",
					      current, kinds->choices[i], i == 0);
			long done = q ? count_of(b, q, *kind) : 0;

			free(q);
			snprintf(cells_text[i + 2], sizeof cells_text[i + 2], "%ld of %ld", done, n);
			cells[i + 2] = cells_text[i + 2];
		}
		row_add(b, t, cells);
	}
	{
		char first[64], since[DATE_ISO_SIZE];

		date_iso_to_display(b->year_start, since);
		note_add(b, sec, "People in post at the end of the period.  %s: ever; the others: since "
				 "%s.",
			 words(kinds->choices[0], first), since);
	}
}

/* Reports about pupils; concerns about a member of staff are counted apart. */
#define ABOUT_PUPILS " AND c.concerns IS NULL"

/* Count contact reports about pupils in the period by each value of a field. */
static void contact_by(struct builder *b, struct report_section *sec, const char *field_name,
		       const char *title, const char *heading)
{
	const struct field *f = record_field_find(record_type_find("contact"), field_name);
	const char *headings[2] = {heading, "Reports"};
	struct report_table *t = table_add(b, sec, title, headings, 2);
	char *sql = text_format("SELECT count(*) FROM contact AS c WHERE c.reported_on BETWEEN :from "
				"AND :to AND " IN_SCHOOL("c.school") ABOUT_PUPILS " AND c.\"%s\" = :value",
				f->name);

	for (const char *const *v = f->choices; sql != NULL && t != NULL && *v != NULL; v++) {
		char count[24], name[64];

		row_add(b, t, (const char *const[]){words(*v, name), few(count_of(b, sql, *v), count)});
	}
	free(sql);
}

/* Concerns about a member of staff, kept apart from reports about pupils
 * (smreg(1), ROLES): how many were made in the period, and no more. */
static void staff_concerns(struct builder *b, struct report_section *sec)
{
	static const char *const headings[] = {"About", "Reports"};
	static const char sql[] =
		"SELECT count(*) FROM contact AS c WHERE c.reported_on BETWEEN :from AND :to AND " IN_SCHOOL("c.school") " AND c.concerns IS NOT NULL";
	struct report_table *t = table_add(b, sec, "About members of staff, made in the period",
					   headings, 2);
	char count[24];

	if (t != NULL)
		row_add(b, t, (const char *const[]){"a member of staff", few(count_of(b, sql, NULL), count)});
}

static void contacts(struct builder *b)
{
	static const char *const term_headings[] = {"Term", "Reports"};
	static const char *const referral_headings[] = {"Referral", "Reports"};
	static const char *const terms[3][3] = {
		{"Autumn", "-09-01", "-12-31"},
		{"Spring", "-01-01", "-03-31"},
		{"Summer", "-04-01", "-08-31"},
	};
	struct report_section *sec = section_add(b, "contacts", "Contact reports");
	struct report_table *t = table_add(b, sec, "This school year, by term", term_headings, 2);
	int year = atoi(b->year_start);
	char count[24];

	for (int i = 0; i < 3 && t != NULL; i++) {
		char from[16], to[16], name[32];
		char *sql;
		int y = i == 0 ? year : year + 1;

		snprintf(from, sizeof from, "%d%s", y, terms[i][1]);
		snprintf(to, sizeof to, "%d%s", y, terms[i][2]);
		/* A term still to come has nothing to count. */
		if (strcmp(from, b->r->to) > 0)
			break;
		snprintf(name, sizeof name, "%s %d", terms[i][0], y);
		sql = text_format("SELECT count(*) FROM contact AS c WHERE c.reported_on BETWEEN '%s' "
				  "AND '%s' AND " IN_SCHOOL("c.school") ABOUT_PUPILS,
				  from, to);
		row_add(b, t, (const char *const[]){name, sql ? few(count_of(b, sql, NULL), count) : ""});
		free(sql);
	}
	contact_by(b, sec, "category", "Made in the period, by category", "Category");
	contact_by(b, sec, "status", "Made in the period, by their status now", "Status");
	t = table_add(b, sec, "Made in the period, by referral", referral_headings, 2);
	{
		static const char *const where =
			"SELECT count(*) FROM contact AS c WHERE c.reported_on BETWEEN :from AND :to AND " IN_SCHOOL("c.school") ABOUT_PUPILS " AND ";

		char *referred = text_format("%s trim(coalesce(c.referred_to, '')) <> ''", where);
		char *not_referred = text_format("%s trim(coalesce(c.referred_to, '')) = ''", where);
		char other[24];

		row_add(b, t, (const char *const[]){"referred", referred ? few(count_of(b, referred, NULL), count) : ""});
		row_add(b, t, (const char *const[]){"not referred", not_referred ? few(count_of(b, not_referred, NULL), other) : ""});
		free(referred);
		free(not_referred);
	}
	staff_concerns(b, sec);
	note_add(b, sec, "Numbers only: no pupil and no one in a report is named.  A number under 3 "
			 "is shown as \"fewer than 3\".  The tables above count reports about pupils; "
			 "concerns about members of staff are counted apart, below them.");
}

static void seal(struct builder *b)
{
	struct audit_seal sealed;
	struct error why = {0};
	char text[AUDIT_SEAL_TEXT_SIZE];

	if (b->failed)
		return;
	if (audit_seal_take(b->s, &sealed, &why) == STATUS_OK) {
		b->r->seal = strdup(audit_seal_format(&sealed, text));
		return;
	}
	/* A governor may not seal: the clerk writes it in by hand. */
	b->r->seal_note = text_format("Not sealed: %s.  An admin or the DSL prints the seal with "
				      "smreg audit --seal; write it here.",
				      why.text);
}

/* --- the period ------------------------------------------------------------ */

static const char *const term_names[] = {"autumn", "spring", "summer"};

static int period_of_term(struct report *r, const char *term, const char *year, struct error *err)
{
	static const char *const bounds[3][2] = {
		{"-09-01", "-12-31"},
		{"-01-01", "-03-31"},
		{"-04-01", "-08-31"},
	};
	char *end = NULL;
	long y = year ? strtol(year, &end, 10) : 0;
	int t = -1;

	for (int i = 0; i < 3; i++)
		if (term != NULL && strcmp(term, term_names[i]) == 0)
			t = i;
	if (t < 0)
		return error_set(err, STATUS_USAGE, "--term", "\"%s\" is not a term: say autumn, spring "
							      "or summer, then the year",
				 term ? term : "");
	if (year == NULL || end == year || *end != '\0' || y < DATE_MIN_YEAR || y > DATE_MAX_YEAR)
		return error_set(err, STATUS_USAGE, "--term", "give the year after the term, as in "
							      "--term %s 2026",
				 term_names[t]);
	snprintf(r->from, sizeof r->from, "%ld%s", y, bounds[t][0]);
	snprintf(r->to, sizeof r->to, "%ld%s", y, bounds[t][1]);
	r->period = text_format("%c%s term %ld", term_names[t][0] - 'a' + 'A', term_names[t] + 1, y);
	return STATUS_OK;
}

static int period_of_dates(struct smreg *s, struct report *r, const char *from, const char *to,
			   struct error *err)
{
	const char *why;
	char why_buf[128];
	struct date d[2];
	const char *text[2] = {from, to};
	const char *names[2] = {"--from", "--to"};

	for (int i = 0; i < 2; i++) {
		if (text[i] == NULL)
			return error_set(err, STATUS_USAGE, names[i], "give both --from and --to");
		if (date_parse(text[i], smreg_today(s), &d[i], &why, why_buf) != 0)
			return error_set(err, STATUS_USAGE, names[i], "%s", why);
	}
	date_to_iso(d[0], r->from);
	date_to_iso(d[1], r->to);
	if (strcmp(r->from, r->to) > 0)
		return error_set(err, STATUS_USAGE, "--to", "is before --from");
	r->period = strdup("The period");
	return STATUS_OK;
}

/* The term today falls in, when none is given. */
static int period(struct smreg *s, struct report *r, const struct report_options *o,
		  struct error *err)
{
	char year[8];
	struct date today = smreg_today(s);
	char shown[2][DATE_ISO_SIZE];
	char *named;
	int rc;

	if (o->term != NULL && (o->from != NULL || o->to != NULL))
		return error_set(err, STATUS_USAGE, "--term", "give a term or --from and --to, not both");
	if (o->from != NULL || o->to != NULL) {
		rc = period_of_dates(s, r, o->from, o->to, err);
	} else if (o->term != NULL) {
		rc = period_of_term(r, o->term, o->year, err);
	} else {
		snprintf(year, sizeof year, "%d", today.year);
		rc = period_of_term(r, term_names[today.month >= 9 ? 0 : today.month <= 3 ? 1
											  : 2],
				    year, err);
	}
	if (rc != STATUS_OK || r->period == NULL)
		return rc ? rc : error_set(err, STATUS_DATABASE, NULL, "out of memory");
	date_iso_to_display(r->from, shown[0]);
	date_iso_to_display(r->to, shown[1]);
	named = text_format("%s (%s to %s)", r->period, shown[0], shown[1]);
	free(r->period);
	r->period = named;
	return named ? STATUS_OK : error_set(err, STATUS_DATABASE, NULL, "out of memory");
}

/* --- the report ------------------------------------------------------------- */

void report_free(struct report **rp)
{
	struct report *r = *rp;

	if (r == NULL)
		return;
	for (size_t i = 0; i < r->section_count; i++) {
		struct report_section *sec = &r->sections[i];

		for (size_t t = 0; t < sec->table_count; t++) {
			struct report_table *tab = &sec->tables[t];

			free(tab->title);
			free_strings(tab->headings, tab->headings ? tab->columns : 0);
			free_strings(tab->cells, tab->rows * tab->columns);
		}
		free(sec->tables);
		free_strings(sec->notes, sec->note_count);
	}
	free(r->sections);
	free(r->title);
	free(r->school);
	free(r->period);
	free(r->seal);
	free(r->seal_note);
	free(r);
	*rp = NULL;
}

static int build(struct builder *b, const struct report_options *o)
{
	struct smreg *s = b->s;
	struct report *r = b->r;
	char *school_id = NULL;
	struct date end;
	int rc = access_require(s, record_type_find("contact"), CAN_COUNT,
				"make the governors' report, which counts", b->err);

	if (rc == STATUS_OK)
		rc = period(s, r, o, b->err);
	if (rc == STATUS_OK && o->school != NULL)
		rc = ref_resolve(s, record_type_find("school"), o->school, "--school", &school_id, b->err);
	if (rc != STATUS_OK)
		return rc;
	b->school_id = school_id;
	/* A register of one school reports on that school by name. */
	if (school_id == NULL && count_of(b, "SELECT count(*) FROM school", NULL) == 1)
		db_query_text(s, "SELECT name FROM school", NULL, &r->school, NULL);
	if (r->school == NULL)
		r->school = school_id ? ref_title(s, record_type_find("school"), school_id)
				      : strdup("All schools");
	date_to_iso(smreg_real_today(s), r->made_on);
	date_from_iso(r->to, &end);
	snprintf(b->year_start, sizeof b->year_start, "%d-09-01", end.month >= 9 ? end.year : end.year - 1);
	r->title = text_format("Governors' report: %s", r->school ? r->school : "");
	policies(b);
	channels(b);
	authorisations(b);
	consent(b);
	takedowns(b);
	training(b);
	contacts(b);
	seal(b);
	if (!b->failed && (r->title == NULL || r->school == NULL))
		b->failed = error_set(b->err, STATUS_DATABASE, NULL, "out of memory");
	free(school_id);
	b->school_id = NULL;
	return b->failed;
}

int report_build(struct smreg *s, const struct report_options *options, struct report **out,
		 struct error *err)
{
	struct builder b = {.s = s, .err = err, .r = calloc(1, sizeof *b.r)};
	int rc;

	*out = NULL;
	if (b.r == NULL)
		return error_set(err, STATUS_DATABASE, NULL, "out of memory");
	/* One snapshot: every number read as of the same moment. */
	rc = db_exec(s, "BEGIN", err);
	if (rc == STATUS_OK) {
		rc = build(&b, options);
		db_exec(s, rc == STATUS_OK ? "COMMIT" : "ROLLBACK", NULL);
	}
	if (rc != STATUS_OK) {
		report_free(&b.r);
		return rc;
	}
	*out = b.r;
	return STATUS_OK;
}

/* --- writing it out ---------------------------------------------------------- */

/* Widest a text column grows before its cells are cut with "…". */
#define TEXT_COLUMN_MAX 32

static void text_table(const struct report_table *t, FILE *out)
{
	int widths[16] = {0};
	char cell[4 * TEXT_COLUMN_MAX + 8];

	if (t->rows == 0)
		return; /* the section's note says there is nothing */
	fprintf(out, "\n%s%s", t->title ? t->title : "", t->title ? "\n" : "");
	for (size_t c = 0; c < t->columns && c < 16; c++) {
		int w = text_width(t->headings[c]);

		for (size_t r = 0; r < t->rows; r++) {
			char *safe = text_safe(t->cells[r * t->columns + c], true);
			int cw = safe ? text_width(safe) : 0;

			free(safe);
			w = cw > w ? cw : w;
		}
		widths[c] = w > TEXT_COLUMN_MAX ? TEXT_COLUMN_MAX : w;
	}
	for (size_t r = 0; r <= t->rows; r++) {
		fputs("  ", out);
		for (size_t c = 0; c < t->columns && c < 16; c++) {
			const char *text = r == 0 ? t->headings[c] : t->cells[(r - 1) * t->columns + c];
			char *safe = text_safe(text, true);
			bool last = c + 1 == t->columns;

			size_t len;

			text_fit(safe ? safe : "", widths[c], cell, sizeof cell);
			/* No trailing spaces after the last column. */
			len = strlen(cell);
			while (last && len > 0 && cell[len - 1] == ' ')
				len--;
			fprintf(out, "%.*s%s", (int)len, cell, last ? "" : "  ");
			free(safe);
		}
		fputc('\n', out);
	}
}

void report_write_text(const struct report *r, FILE *out)
{
	char made[DATE_ISO_SIZE];

	date_iso_to_display(r->made_on, made);
	fprintf(out, "%s\n%s\nMade on %s by smreg.  It names no one: policy owners by job title.\n",
		r->title, r->period, made);
	for (size_t i = 0; i < r->section_count; i++) {
		const struct report_section *sec = &r->sections[i];

		fprintf(out, "\n%zu. %s\n", i + 1, sec->title);
		for (size_t t = 0; t < sec->table_count; t++)
			text_table(&sec->tables[t], out);
		for (size_t n = 0; n < sec->note_count; n++)
			fprintf(out, "\n%s\n", sec->notes[n]);
	}
	fprintf(out, "\nAudit seal\n%s\n", r->seal ? r->seal : r->seal_note);
}

void report_write_html(const struct report *r, FILE *out)
{
	const char *ids[16];
	const char *titles[16];
	size_t n = 0;
	char made[DATE_ISO_SIZE];
	char *running = text_format("%s, %s", r->title, r->period);

	for (size_t i = 0; i < r->section_count && n < 15; i++, n++) {
		ids[n] = r->sections[i].id;
		titles[n] = r->sections[i].title;
	}
	ids[n] = "seal";
	titles[n++] = "Audit seal";
	date_iso_to_display(r->made_on, made);
	html_begin(out, r->title, running ? running : r->title);
	free(running);
	html_fields_start(out);
	html_field(out, "School", r->school);
	html_field(out, "Period", r->period);
	html_field(out, "Made on", made);
	html_fields_end(out);
	html_paragraph(out, "note", "This report names no one: no pupil, and no one in a contact "
				    "report; a policy's owner is given by their job title.  A number of pupils or of "
				    "contact reports under 3 is shown as \"fewer than 3\".");
	html_contents(out, ids, titles, n);
	for (size_t i = 0; i < r->section_count; i++) {
		const struct report_section *sec = &r->sections[i];

		html_heading(out, 2, sec->id, sec->title);
		for (size_t t = 0; t < sec->table_count; t++) {
			const struct report_table *tab = &sec->tables[t];

			if (tab->rows == 0)
				continue;
			if (tab->title)
				html_heading(out, 3, NULL, tab->title);
			html_table_start_class(out, tab->columns > 4 ? "compact" : NULL,
					       (const char *const *)tab->headings, tab->columns);
			for (size_t row = 0; row < tab->rows; row++)
				html_table_row(out, (const char *const *)&tab->cells[row * tab->columns],
					       tab->columns);
			html_table_end(out);
		}
		for (size_t k = 0; k < sec->note_count; k++)
			html_paragraph(out, "note", sec->notes[k]);
	}
	html_heading(out, 2, "seal", "Audit seal");
	html_fields_start(out);
	html_field(out, "Seal", r->seal ? r->seal : r->seal_note);
	html_field(out, "Checked by", "smreg check --seal SEQ:HASH proves the audit trail up to the "
				      "sealed row unchanged.");
	html_fields_end(out);
	html_end(out);
}

static void json_strings(FILE *out, char *const *list, size_t count)
{
	fputc('[', out);
	for (size_t i = 0; i < count; i++) {
		fputs(i ? ", " : "", out);
		json_write_string(out, list[i]);
	}
	fputc(']', out);
}

void report_write_json(const struct report *r, FILE *out)
{
	fputs("{\"title\": ", out);
	json_write_string(out, r->title);
	fputs(", \"school\": ", out);
	json_write_string(out, r->school);
	fprintf(out, ", \"from\": \"%s\", \"to\": \"%s\", \"made_on\": \"%s\", \"sections\": [",
		r->from, r->to, r->made_on);
	for (size_t i = 0; i < r->section_count; i++) {
		const struct report_section *sec = &r->sections[i];

		fprintf(out, "%s\n  {\"id\": \"%s\", \"title\": ", i ? "," : "", sec->id);
		json_write_string(out, sec->title);
		fputs(", \"tables\": [", out);
		for (size_t t = 0; t < sec->table_count; t++) {
			const struct report_table *tab = &sec->tables[t];

			fputs(t ? ",\n    {\"title\": " : "\n    {\"title\": ", out);
			json_write_string(out, tab->title);
			fputs(", \"columns\": ", out);
			json_strings(out, tab->headings, tab->columns);
			fputs(", \"rows\": [", out);
			for (size_t row = 0; row < tab->rows; row++) {
				fputs(row ? ", " : "", out);
				json_strings(out, &tab->cells[row * tab->columns], tab->columns);
			}
			fputs("]}", out);
		}
		fputs("], \"notes\": ", out);
		json_strings(out, sec->notes, sec->note_count);
		fputc('}', out);
	}
	fputs("],\n \"seal\": ", out);
	json_write_string(out, r->seal);
	fputs(", \"seal_note\": ", out);
	json_write_string(out, r->seal_note);
	fputs("}\n", out);
}
