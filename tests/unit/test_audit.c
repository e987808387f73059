/*
 * The audit trail: who changed or opened what, when, from which values to
 * which; written for every write whatever path it takes, and never changed.
 */
#include "fixture.h"

#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/edit.h"
#include "core/record.h"
#include "core/ref.h"
#include "core/store.h"
#include "core/transfer.h"

/* --- helpers ------------------------------------------------------------------------ */

static char *sql_text(struct fixture *f, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static long sql_long(struct fixture *f, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static char *sql_text(struct fixture *f, const char *fmt, ...)
{
	char sql[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(sql, sizeof sql, fmt, ap);
	va_end(ap);
	return fx_sql_text(f, sql);
}

static long sql_long(struct fixture *f, const char *fmt, ...)
{
	char sql[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(sql, sizeof sql, fmt, ap);
	va_end(ap);
	return fx_sql_long(f, sql);
}

/* Fails unless text is expected (NULL: SQL NULL); frees text. */
static void assert_text(char *text, const char *expected)
{
	char got[256];

	snprintf(got, sizeof got, "%s", text ? text : "NULL");
	free(text);
	if (expected == NULL ? strcmp(got, "NULL") != 0 : strcmp(got, expected) != 0)
		fail_msg("got %s, expected %s", got, expected ? expected : "NULL");
}

static long last_seq(struct fixture *f)
{
	return fx_sql_long(f, "SELECT coalesce(max(seq), 0) FROM audit");
}

/* A value of the newest audit row about id with this action. */
static char *newest(struct fixture *f, const char *id, const char *action, const char *what)
{
	return sql_text(f, "SELECT %s FROM audit WHERE record_id = '%s' AND action = '%s' "
			   "ORDER BY seq DESC LIMIT 1",
			what, id, action);
}

static char *contact_report(struct fixture *f)
{
	return fx_add(f->dsl, "contact", "reported_by=Sam Staff", "pupil_name=Li Lei",
		      "platform=instagram", "category=pupil_contact",
		      "summary=Sent a direct message", NULL);
}

/* --- writes ----------------------------------------------------------------------------- */

static void an_insert_records_every_value_given(void **state)
{
	struct fixture *f = *state;
	char *c = fx_add(f->admin, "channel", "platform=facebook", "account=school",
			 "opened_on=2026-01-05", "mfa=yes", NULL);

	assert_int_equal(sql_long(f, "SELECT count(*) FROM audit WHERE record_id = '%s'", c), 1);
	assert_text(newest(f, c, "insert", "login || ' ' || register"), "admin channel");
	assert_text(newest(f, c, "insert", "before"), NULL);
	assert_text(newest(f, c, "insert", "json_extract(after, '$.platform')"), "facebook");
	assert_text(newest(f, c, "insert", "json_extract(after, '$.account')"), "school");
	assert_text(newest(f, c, "insert", "json_extract(after, '$.opened_on')"), "2026-01-05");
	assert_text(newest(f, c, "insert", "json_extract(after, '$.mfa')"), "1");
	assert_text(newest(f, c, "insert", "json_extract(after, '$.id')"), c);
	/* Empty fields are left out, and so is the row version. */
	assert_text(newest(f, c, "insert", "json_type(after, '$.closed_on')"), NULL);
	assert_text(newest(f, c, "insert", "json_type(after, '$.row_version')"), NULL);
	assert_text(newest(f, c, "insert", "json_valid(after) AND json_type(after) = 'object'"), "1");
	/* When, in real time: UTC, to the second. */
	assert_text(newest(f, c, "insert", "at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T"
					   "[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'"),
		    "1");
	free(c);
}

static void a_change_records_the_changed_fields_before_and_after(void **state)
{
	struct fixture *f = *state;
	char *c = fx_add(f->admin, "channel", "platform=facebook", "account=school",
			 "opened_on=2026-01-05", NULL);
	long seq;

	fx_set(f->admin, "channel", c, NULL, "purpose=News and events", "mfa=yes",
	       "account=school", NULL);
	assert_int_equal(sql_long(f, "SELECT count(*) FROM audit WHERE record_id = '%s' "
				     "AND action = 'update'",
				  c),
			 1);
	assert_text(newest(f, c, "update", "login || ' ' || register"), "admin channel");
	assert_text(newest(f, c, "update", "json_type(before, '$.purpose')"), "null");
	assert_text(newest(f, c, "update", "json_extract(after, '$.purpose')"), "News and events");
	assert_text(newest(f, c, "update", "json_extract(before, '$.mfa')"), "0");
	assert_text(newest(f, c, "update", "json_extract(after, '$.mfa')"), "1");
	/* Only what changed: the account was given but is the same. */
	assert_text(newest(f, c, "update", "json_type(after, '$.account')"), NULL);
	assert_text(newest(f, c, "update", "json_type(before, '$.platform')"), NULL);
	assert_text(newest(f, c, "update", "(SELECT count(*) FROM json_each(after))"), "2");
	assert_text(newest(f, c, "update", "reason"), NULL);

	/* A change to nothing new is no change. */
	seq = last_seq(f);
	fx_set(f->admin, "channel", c, NULL, "purpose=News and events", "mfa=yes", NULL);
	assert_int_equal(last_seq(f), seq);
	free(c);
}

static void closing_and_deleting_are_recorded(void **state)
{
	struct fixture *f = *state;
	char *c = fx_add(f->admin, "channel", "platform=facebook", "account=school",
			 "opened_on=2026-01-05", NULL);
	char *p = fx_add(f->admin, "policy", "title=Mistake", "next_review_on=2027-01-01", NULL);
	struct error err;

	assert_int_equal(edit_end(f->admin, record_type_find("channel"), c, "2026-11-20", NULL,
				  NULL, &err),
			 STATUS_OK);
	assert_text(newest(f, c, "close", "login || ' ' || register"), "admin channel");
	assert_text(newest(f, c, "close", "json_type(before, '$.closed_on')"), "null");
	assert_text(newest(f, c, "close", "json_extract(after, '$.closed_on')"), "2026-11-20");
	/* Changing a closing date already set is an update, not a second close. */
	fx_set(f->admin, "channel", c, NULL, "closed_on=2026-11-21", NULL);
	assert_int_equal(sql_long(f, "SELECT count(*) FROM audit WHERE record_id = '%s' "
				     "AND action = 'close'",
				  c),
			 1);
	assert_text(newest(f, c, "update", "json_extract(before, '$.closed_on') || ' ' || "
					   "json_extract(after, '$.closed_on')"),
		    "2026-11-20 2026-11-21");

	assert_int_equal(edit_delete(f->admin, record_type_find("policy"), p, "entered by mistake",
				     &err),
			 STATUS_OK);
	assert_text(newest(f, p, "delete", "login || ' ' || register"), "admin policy");
	assert_text(newest(f, p, "delete", "json_extract(before, '$.title')"), "Mistake");
	assert_text(newest(f, p, "delete", "after"), NULL);
	assert_text(newest(f, p, "delete", "reason"), "entered by mistake");
	assert_int_equal(sql_long(f, "SELECT count(*) FROM policy WHERE id = '%s'", p), 0);
	free(c);
	free(p);
}

/* What the schema's triggers write is audited as well, as the user's. */
static void changes_made_by_triggers_are_recorded(void **state)
{
	struct fixture *f = *state;
	char *p = fx_add(f->admin, "policy", "title=Online safety", "next_review_on=2026-12-01",
			 NULL);
	char *c = fx_add(f->admin, "channel", "platform=facebook", "account=school",
			 "opened_on=2026-01-05", NULL);
	char *consent;
	struct error err;

	free(fx_add(f->admin, "review", "policy=Online safety", "reviewed_on=2026-11-10", NULL));
	assert_text(newest(f, p, "update", "login || ' ' || json_extract(before, '$.next_review_on')"
					   " || ' ' || json_extract(after, '$.next_review_on')"),
		    "admin 2026-12-01 2027-11-10");

	free(fx_add(f->admin, "pupil", "name=Zoë Example", NULL));
	consent = fx_add(f->admin, "consent", "pupil=Zoë Example", "given_by=Parent",
			 "received_on=2026-09-01", "uses=social_media", NULL);
	assert_int_equal(edit_end(f->admin, record_type_find("consent"), consent, "2026-11-20", NULL,
				  NULL, &err),
			 STATUS_OK);
	assert_text(newest(f, consent, "close", "json_extract(after, '$.withdrawn_on')"),
		    "2026-11-20");
	assert_int_equal(sql_long(f, "SELECT count(*) FROM audit AS a JOIN takedown AS t "
				     "ON t.id = a.record_id WHERE a.register = 'takedown' "
				     "AND a.action = 'insert' AND a.login = 'admin' "
				     "AND json_extract(a.after, '$.channel') = '%s'",
				  c),
			 1);
	free(p);
	free(c);
	free(consent);
}

/* --- contact reports ----------------------------------------------------------------------- */

static void opening_a_contact_report_is_recorded(void **state)
{
	struct fixture *f = *state;
	char *report = contact_report(f);
	struct list_query q = list_query_default();
	struct record_page *page = NULL;
	struct record *r = NULL;
	struct error err;

	assert_int_equal(sql_long(f, "SELECT count(*) FROM audit WHERE action = 'open'"), 0);
	/* A list is recorded as a read (below); opening one is an open. */
	assert_int_equal(store_list(f->dsl, record_type_find("contact"), &q, 0, 10, &page, &err),
			 STATUS_OK);
	assert_int_equal(page->count, 1);
	record_page_free(&page);
	assert_int_equal(sql_long(f, "SELECT count(*) FROM audit WHERE action = 'open'"), 0);

	assert_int_equal(store_get(f->dsl, record_type_find("contact"), report, &r, &err),
			 STATUS_OK);
	record_free(&r);
	assert_text(newest(f, report, "open", "login || ' ' || register || ' ' || "
					      "coalesce(before, '-') || ' ' || coalesce(after, '-')"),
		    "dsl contact - -");
	assert_int_equal(store_get(f->dsl, record_type_find("contact"), report, &r, &err),
			 STATUS_OK);
	record_free(&r);
	assert_int_equal(sql_long(f, "SELECT count(*) FROM audit WHERE action = 'open' "
				     "AND record_id = '%s'",
				  report),
			 2);

	/* Opening anything else is not. */
	assert_int_equal(store_get(f->dsl, record_type_find("person"), "Sam Staff", &r, &err),
			 STATUS_OK);
	record_free(&r);
	assert_int_equal(sql_long(f, "SELECT count(*) FROM audit WHERE action = 'open'"), 2);
	/* Nor is being refused it. */
	assert_int_equal(store_get(f->admin, record_type_find("contact"), report, &r, &err),
			 STATUS_DENIED);
	assert_int_equal(sql_long(f, "SELECT count(*) FROM audit WHERE action = 'open'"), 2);
	free(report);
}

static void a_contact_report_changes_only_with_a_reason(void **state)
{
	struct fixture *f = *state;
	char *report = contact_report(f);
	char *action;
	char contact_field[64];
	struct error err;
	long seq = last_seq(f);

	/* Refused without a reason, leaving no trace at all. */
	assert_int_equal(fx_try_set(f->dsl, &err, "contact", report, NULL, "status=monitoring",
				    NULL),
			 STATUS_INVALID);
	assert_string_equal(err.field, "reason");
	assert_int_equal(fx_try_set(f->dsl, &err, "contact", report, "", "status=monitoring",
				    NULL),
			 STATUS_INVALID);
	assert_string_equal(err.field, "reason");
	assert_int_equal(last_seq(f), seq);
	assert_text(sql_text(f, "SELECT status FROM contact WHERE id = '%s'", report), "open");

	/* With one, the reason is kept beside the earlier version. */
	fx_set(f->dsl, "contact", report, "parents spoken to; watching for more",
	       "status=monitoring", "action_taken=Spoke to the parents", NULL);
	assert_text(newest(f, report, "update", "login || ' ' || reason"),
		    "dsl parents spoken to; watching for more");
	assert_text(newest(f, report, "update", "json_extract(before, '$.status') || ' ' || "
						"json_extract(after, '$.status')"),
		    "open monitoring");
	assert_text(newest(f, report, "update", "json_extract(after, '$.action_taken')"),
		    "Spoke to the parents");

	/* The chronology of actions is held to the same rule. */
	snprintf(contact_field, sizeof contact_field, "contact=%s", report);
	action = fx_add(f->dsl, "action", contact_field, "note=Phoned home", NULL);
	assert_int_equal(fx_try_set(f->dsl, &err, "action", action, NULL, "note=Phoned mum",
				    NULL),
			 STATUS_INVALID);
	assert_string_equal(err.field, "reason");
	fx_set(f->dsl, "action", action, "typo", "note=Phoned mum", NULL);
	assert_text(newest(f, action, "update", "reason || ': ' || json_extract(before, '$.note')"),
		    "typo: Phoned home");

	/* Closing is its own reason unless one is given. */
	assert_int_equal(edit_end(f->dsl, record_type_find("contact"), report, "2026-11-21",
				  "no further risk", NULL, &err),
			 STATUS_OK);
	assert_text(newest(f, report, "close", "reason || ' ' || json_extract(after, '$.status')"),
		    "close closed");
	free(report);
	free(action);
}

#define ZWSP "\xE2\x80\x8B" /* U+200B ZERO WIDTH SPACE */
#define NBSP "\xC2\xA0"	    /* U+00A0 NO-BREAK SPACE */

/* A reason that says nothing is refused, naming the field, by set, close,
 * delete and a leaver's revocations alike; nothing is written. */
static void a_reason_must_hold_a_visible_character(void **state)
{
	static const char *const blank[] = {" ", "\t  ", NBSP, ZWSP, " " ZWSP ZWSP " ", ""};
	struct fixture *f = *state;
	const struct record_type *contact = record_type_find("contact");
	char *report = contact_report(f);
	char *policy = fx_add(f->admin, "policy", "title=Old policy", "next_review_on=2027-01-01",
			      NULL);
	char *leaver = fx_add(f->admin, "person", "name=Lee Ver", NULL);
	struct error err;
	long seq = last_seq(f);
	int revoked = 0;

	free(fx_add(f->admin, "channel", "platform=x", "account=TestSchool", NULL));
	free(fx_add(f->admin, "authorisation", "person=Lee Ver", "channel=x:TestSchool",
		    "authorised_by=Sam Staff", NULL));
	seq = last_seq(f);
	for (size_t i = 0; i < sizeof blank / sizeof blank[0]; i++) {
		assert_int_equal(fx_try_set(f->dsl, &err, "contact", report, blank[i],
					    "status=monitoring", NULL),
				 STATUS_INVALID);
		assert_string_equal(err.field, "reason");
		assert_non_null(strstr(err.text, "needs a reason"));
		assert_int_equal(edit_end(f->dsl, contact, report, NULL, "no further risk", blank[i],
					  &err),
				 STATUS_INVALID);
		assert_string_equal(err.field, "reason");
		assert_int_equal(edit_delete(f->admin, record_type_find("policy"), policy, blank[i],
					     &err),
				 STATUS_INVALID);
		assert_string_equal(err.field, "reason");
		assert_int_equal(edit_revoke_all(f->admin, "Lee Ver", NULL, blank[i], &revoked, &err),
				 STATUS_INVALID);
		assert_string_equal(err.field, "reason");
	}
	assert_int_equal(last_seq(f), seq);
	assert_text(sql_text(f, "SELECT status FROM contact WHERE id = '%s'", report), "open");
	assert_int_equal(sql_long(f, "SELECT count(*) FROM policy"), 1);
	assert_int_equal(sql_long(f, "SELECT count(*) FROM authorisation WHERE revoked_on IS NULL"),
			 1);

	/* A close's note is held to the same: a rationale of a zero-width space
	 * is no rationale. */
	assert_int_equal(edit_end(f->dsl, contact, report, NULL, ZWSP, NULL, &err),
			 STATUS_INVALID);
	assert_string_equal(err.field, "rationale");
	assert_int_equal(edit_end(f->dsl, contact, report, NULL, " ", NULL, &err), STATUS_INVALID);
	assert_string_equal(err.field, "rationale");
	assert_int_equal(last_seq(f), seq);

	/* A reason with spaces round it is kept trimmed; zero-width characters
	 * inside words that show are left alone. */
	fx_set(f->dsl, "contact", report, NBSP "  parents spoken to \t", "status=monitoring", NULL);
	assert_text(newest(f, report, "update", "reason"), "parents spoken to");
	assert_int_equal(edit_end(f->dsl, contact, report, NULL, "  no further risk  ",
				  " closed" ZWSP "  ", &err),
			 STATUS_OK);
	assert_text(newest(f, report, "close", "reason"), "closed" ZWSP);
	assert_text(sql_text(f, "SELECT rationale FROM contact WHERE id = '%s'", report),
		    "no further risk");
	assert_int_equal(edit_revoke_all(f->admin, "Lee Ver", NULL, " moved on ", &revoked, &err),
			 STATUS_OK);
	assert_text(sql_text(f, "SELECT revoke_reason FROM authorisation"), "moved on");
	free(report);
	free(policy);
	free(leaver);
}

/* The check the terminal UI's reason prompt makes, as core makes it. */
static void the_reason_check_is_one_for_every_front_end(void **state)
{
	const struct record_type *contact = record_type_find("contact");
	const struct record_type *channel = record_type_find("channel");
	struct error err;
	char *reason = (char *)"unset";

	(void)state;
	assert_int_equal(edit_reason(contact, " Spoke to Jos\x65\xCC\x81 ", &reason, &err), STATUS_OK);
	assert_string_equal(reason, "Spoke to Jos\xC3\xA9");
	free(reason);
	assert_int_equal(edit_reason(contact, NULL, &reason, &err), STATUS_INVALID);
	assert_null(reason);
	assert_string_equal(err.field, "reason");
	assert_int_equal(edit_reason(contact, ZWSP, &reason, &err), STATUS_INVALID);
	assert_string_equal(err.field, "reason");
	assert_non_null(strstr(err.text, "invisible"));
	assert_int_equal(edit_reason(contact, "one\ntwo", &reason, &err), STATUS_INVALID);
	assert_string_equal(err.field, "reason");
	/* Where a reason is not required, none is none, but a blank one given
	 * is still refused. */
	assert_int_equal(edit_reason(channel, NULL, &reason, &err), STATUS_OK);
	assert_null(reason);
	assert_int_equal(edit_reason(channel, "  ", &reason, &err), STATUS_INVALID);
	assert_null(reason);
	assert_string_equal(err.field, "reason");
}

/* --- reads ----------------------------------------------------------------------------------- */

static long reads(struct fixture *f)
{
	return fx_sql_long(f, "SELECT count(*) FROM audit WHERE action = 'read'");
}

static char *newest_read(struct fixture *f, const char *what)
{
	return sql_text(f, "SELECT %s FROM audit WHERE action = 'read' ORDER BY seq DESC LIMIT 1",
			what);
}

static int count_rows(const struct record *r, void *arg)
{
	(void)r;
	++*(int *)arg;
	return 0;
}

static void a_page_of_contact_reports_is_recorded_with_its_ids(void **state)
{
	struct fixture *f = *state;
	char *report = contact_report(f);
	struct list_query q = list_query_default();
	struct record_page *page = NULL;
	char expected[256];
	struct error err;

	assert_int_equal(reads(f), 0);
	assert_int_equal(store_list(f->dsl, record_type_find("contact"), &q, 0, 10, &page, &err),
			 STATUS_OK);
	record_page_free(&page);
	assert_int_equal(reads(f), 1);
	snprintf(expected, sizeof expected,
		 "dsl contact |{\"read\":\"page\",\"rows\":1,\"ids\":[\"%s\"]}", report);
	assert_text(newest_read(f, "login || ' ' || register || ' ' || record_id || '|' || after"),
		    expected);
	/* The same page again, as the screen redrawn after a write: once. */
	assert_int_equal(store_list(f->dsl, record_type_find("contact"), &q, 0, 10, &page, &err),
			 STATUS_OK);
	record_page_free(&page);
	assert_int_equal(reads(f), 1);
	/* Another page, or the same with a filter, is another read. */
	q.filter = "Li Lei";
	assert_int_equal(store_list(f->dsl, record_type_find("contact"), &q, 0, 10, &page, &err),
			 STATUS_OK);
	record_page_free(&page);
	assert_int_equal(reads(f), 2);
	snprintf(expected, sizeof expected, "Li Lei %s", report);
	assert_text(newest_read(f, "json_extract(after, '$.filter') || ' ' || "
				   "json_extract(after, '$.ids[0]')"),
		    expected);
	q.filter = "nobody at all";
	assert_int_equal(store_list(f->dsl, record_type_find("contact"), &q, 0, 10, &page, &err),
			 STATUS_OK);
	assert_int_equal(page->count, 0);
	record_page_free(&page);
	assert_text(newest_read(f, "json_extract(after, '$.rows') || json_type(after, '$.ids')"),
		    "0array");
	free(report);
}

static void a_search_a_walk_and_an_export_are_recorded(void **state)
{
	struct fixture *f = *state;
	char *report = contact_report(f);
	char contact_field[64];
	struct list_query q = list_query_default();
	const struct record_type *action = record_type_find("action");
	long count = 0;
	int walked = 0;
	char *text = NULL;
	size_t size = 0;
	FILE *out;
	struct error err;

	snprintf(contact_field, sizeof contact_field, "contact=%s", report);
	free(fx_add(f->dsl, "action", contact_field, "note=Phoned home", NULL));
	free(fx_add(f->dsl, "action", contact_field, "note=Met the parents", NULL));

	/* A count alone reads nothing; with a filter it is a search. */
	assert_int_equal(store_count(f->dsl, action, &q, &count, &err), STATUS_OK);
	assert_int_equal(reads(f), 0);
	q.filter = "parents";
	assert_int_equal(store_count(f->dsl, action, &q, &count, &err), STATUS_OK);
	assert_int_equal(count, 1);
	assert_text(newest_read(f, "register || ' ' || after"),
		    "action {\"read\":\"search\",\"filter\":\"parents\",\"rows\":1}");

	q.filter = NULL;
	assert_int_equal(store_each(f->dsl, action, &q, count_rows, &walked, &err), STATUS_OK);
	assert_int_equal(walked, 2);
	assert_text(newest_read(f, "register || ' ' || after"),
		    "action {\"read\":\"list\",\"rows\":2}");
	/* The first row alone (list --limit 1): one row read, one counted. */
	q.first = 1;
	walked = 0;
	assert_int_equal(store_each(f->dsl, action, &q, count_rows, &walked, &err), STATUS_OK);
	assert_int_equal(walked, 1);
	assert_text(newest_read(f, "register || ' ' || after"),
		    "action {\"read\":\"list\",\"rows\":1}");
	q.first = 0;

	out = open_memstream(&text, &size);
	assert_non_null(out);
	assert_int_equal(transfer_export(f->dsl, action, OUTPUT_CSV, out, &err), STATUS_OK);
	fclose(out);
	free(text);
	assert_text(newest_read(f, "login || ' ' || register || ' ' || after"),
		    "dsl action {\"read\":\"export\",\"all\":true,\"rows\":2}");
	assert_int_equal(reads(f), 4);
	free(report);
}

static void staff_reads_of_their_own_are_recorded_and_refusals_are_not(void **state)
{
	struct fixture *f = *state;
	char *mine = fx_add(f->staff, "contact", "pupil_name=Li Lei", "platform=instagram",
			    "category=pupil_contact", "summary=Sent a direct message", NULL);
	struct list_query q = list_query_default();
	struct record_page *page = NULL;
	char expected[256];
	int walked = 0;
	long seq;
	struct error err;

	/* The DSL's own, which staff do not see. */
	free(fx_add(f->dsl, "contact", "reported_by=Dee Ess-Ell", "pupil_name=Zoë Example",
		    "platform=tiktok", "category=friend_request", "summary=A request", NULL));
	assert_int_equal(store_list(f->staff, record_type_find("contact"), &q, 0, 10, &page, &err),
			 STATUS_OK);
	assert_int_equal(page->count, 1);
	record_page_free(&page);
	snprintf(expected, sizeof expected, "staff %s 1", mine);
	assert_text(newest_read(f, "login || ' ' || json_extract(after, '$.ids[0]') || ' ' || "
				   "json_array_length(after, '$.ids')"),
		    expected);

	seq = last_seq(f);
	assert_int_equal(store_list(f->admin, record_type_find("contact"), &q, 0, 10, &page, &err),
			 STATUS_DENIED);
	assert_null(page);
	assert_int_equal(store_each(f->governor, record_type_find("contact"), &q, count_rows, &walked,
				    &err),
			 STATUS_DENIED);
	assert_int_equal(store_each(f->staff, record_type_find("action"), &q, count_rows, &walked,
				    &err),
			 STATUS_DENIED);
	assert_int_equal(walked, 0);
	assert_int_equal(last_seq(f), seq);
	free(mine);
}

/* --- the trail itself ------------------------------------------------------------------------- */

/* A picker's suggestions of contact reports show what they say: a search,
 * with the ids it showed; suggestions of a register not audited are not. */
static void suggestions_of_contact_reports_are_recorded(void **state)
{
	struct fixture *f = *state;
	char *mine = fx_add(f->staff, "contact", "pupil_name=Li Lei", "platform=instagram",
			    "category=pupil_contact", "summary=Sent a direct message", NULL);
	struct ref_candidate *found = NULL;
	char expected[256];
	struct error err;
	long seq;
	int n;

	free(fx_add(f->dsl, "contact", "reported_by=Dee Ess-Ell", "pupil_name=Zoë Example",
		    "platform=tiktok", "category=friend_request", "summary=A request", NULL));
	n = ref_suggest(f->staff, record_type_find("contact"), "Li", 10, &found, &err);
	assert_int_equal(n, 1);
	ref_candidates_free(found, n);
	snprintf(expected, sizeof expected, "staff search Li %s 1", mine);
	assert_text(newest_read(f, "login || ' ' || json_extract(after, '$.read') || ' ' || "
				   "json_extract(after, '$.filter') || ' ' || json_extract(after, '$.ids[0]') "
				   "|| ' ' || json_array_length(after, '$.ids')"),
		    expected);
	n = ref_suggest(f->dsl, record_type_find("contact"), "", 10, &found, &err);
	assert_int_equal(n, 2);
	ref_candidates_free(found, n);
	assert_text(newest_read(f, "login || ' ' || json_array_length(after, '$.ids')"), "dsl 2");
	seq = last_seq(f);
	n = ref_suggest(f->dsl, record_type_find("person"), "", 10, &found, &err);
	assert_true(n > 0);
	ref_candidates_free(found, n);
	assert_int_equal(last_seq(f), seq);
	free(mine);
}

static void the_audit_trail_cannot_be_changed(void **state)
{
	struct fixture *f = *state;
	sqlite3 *db = NULL;
	char *message = NULL;
	long rows;
	long seq;

	free(fx_add(f->admin, "school", "name=Second School", NULL));
	rows = fx_sql_long(f, "SELECT count(*) FROM audit");
	seq = last_seq(f);
	assert_true(rows > 0);

	assert_int_equal(sqlite3_open_v2(f->path, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	sqlite3_busy_timeout(db, 5000);
	assert_int_not_equal(sqlite3_exec(db, "UPDATE audit SET login = 'nobody'", NULL, NULL,
					  &message),
			     SQLITE_OK);
	assert_non_null(message);
	assert_non_null(strstr(message, "audit trail cannot be changed"));
	sqlite3_free(message);
	message = NULL;
	assert_int_not_equal(sqlite3_exec(db, "DELETE FROM audit", NULL, NULL, &message),
			     SQLITE_OK);
	assert_non_null(strstr(message, "audit trail cannot be changed"));
	sqlite3_free(message);
	message = NULL;
	assert_int_not_equal(sqlite3_exec(db, "DELETE FROM audit WHERE seq = 1", NULL, NULL,
					  &message),
			     SQLITE_OK);
	sqlite3_free(message);
	sqlite3_close(db);

	assert_int_equal(fx_sql_long(f, "SELECT count(*) FROM audit"), rows);
	assert_int_equal(last_seq(f), seq);
	assert_int_equal(fx_sql_long(f, "SELECT count(*) FROM audit WHERE login = 'nobody'"), 0);
}

/* What audit_each hands over, gathered. */
struct seen {
	int entries;
	int by_register[16]; /* index in record_types() */
	int opens;
	int updates_with_changes;
	long long last_seq;
	bool ordered;
};

static int gather(const struct audit_entry *e, void *arg)
{
	struct seen *seen = arg;
	size_t n;
	const struct record_type *const *types = record_types(&n);

	seen->entries++;
	for (size_t i = 0; i < n; i++)
		if (strcmp(types[i]->name, e->register_name) == 0)
			seen->by_register[i]++;
	if (strcmp(e->action, "open") == 0)
		seen->opens++;
	if (strcmp(e->action, "update") == 0 && e->changes != NULL &&
	    strstr(e->changes, "purpose: - \u2192 News") != NULL)
		seen->updates_with_changes++;
	/* Newest first. */
	if (seen->last_seq != 0 && e->seq >= seen->last_seq)
		seen->ordered = false;
	seen->last_seq = e->seq;
	assert_non_null(e->login);
	assert_non_null(e->record_id);
	return 0;
}

static int index_of(const char *name)
{
	size_t n;
	const struct record_type *const *types = record_types(&n);

	for (size_t i = 0; i < n; i++)
		if (strcmp(types[i]->name, name) == 0)
			return (int)i;
	fail_msg("no register %s", name);
	return -1;
}

static void each_role_reads_its_own_part_of_the_trail(void **state)
{
	struct fixture *f = *state;
	char *c = fx_add(f->admin, "channel", "platform=facebook", "account=school",
			 "opened_on=2026-01-05", NULL);
	char *report = contact_report(f);
	char contact_field[64];
	struct audit_query all = {0};
	struct audit_query one = {.record_id = c};
	struct seen admin = {.ordered = true};
	struct seen dsl = {.ordered = true};
	struct seen only = {.ordered = true};
	struct record *r = NULL;
	struct error err;

	fx_set(f->admin, "channel", c, NULL, "purpose=News", NULL);
	snprintf(contact_field, sizeof contact_field, "contact=%s", report);
	free(fx_add(f->dsl, "action", contact_field, "note=Phoned home", NULL));
	assert_int_equal(store_get(f->dsl, record_type_find("contact"), report, &r, &err),
			 STATUS_OK);
	record_free(&r);

	/* Admins: everything but the safeguarding registers. */
	assert_int_equal(audit_each(f->admin, &all, gather, &admin, &err), STATUS_OK);
	assert_true(admin.entries > 0);
	assert_int_equal(admin.by_register[index_of("contact")], 0);
	assert_int_equal(admin.by_register[index_of("action")], 0);
	assert_int_equal(admin.opens, 0);
	assert_int_equal(admin.by_register[index_of("channel")], 2);
	assert_true(admin.by_register[index_of("user")] >= 4); /* the fixture's users */
	assert_int_equal(admin.updates_with_changes, 1);
	assert_true(admin.ordered);
	assert_int_equal(admin.entries, fx_sql_long(f, "SELECT count(*) FROM audit "
						       "WHERE register NOT IN ('contact', 'action')"));

	/* The DSL: those, and the user given the dsl role; nothing else. */
	assert_int_equal(audit_each(f->dsl, &all, gather, &dsl, &err), STATUS_OK);
	assert_int_equal(dsl.by_register[index_of("contact")], 2); /* insert, open */
	assert_int_equal(dsl.by_register[index_of("action")], 1);
	assert_int_equal(dsl.by_register[index_of("user")], 1); /* the fixture's dsl */
	assert_int_equal(dsl.opens, 1);
	assert_int_equal(dsl.entries, 4);
	assert_true(dsl.ordered);

	/* One record's trail. */
	assert_int_equal(audit_each(f->admin, &one, gather, &only, &err), STATUS_OK);
	assert_int_equal(only.entries, 2);
	assert_int_equal(only.by_register[index_of("channel")], 2);
	one.record_id = report;
	memset(&only, 0, sizeof only);
	assert_int_equal(audit_each(f->admin, &one, gather, &only, &err), STATUS_OK);
	assert_int_equal(only.entries, 0);

	/* Governors and staff read none of it. */
	memset(&only, 0, sizeof only);
	assert_int_equal(audit_each(f->governor, &all, gather, &only, &err), STATUS_DENIED);
	assert_int_equal(only.entries, 0);
	assert_int_equal(audit_each(f->staff, &all, gather, &only, &err), STATUS_DENIED);
	assert_int_equal(only.entries, 0);
	free(c);
	free(report);
}

/* Whether text holds the id: an entry that names a record by it. */
static bool names(const char *text, const char *id)
{
	return text != NULL && strstr(text, id) != NULL;
}

struct hidden_search {
	const char *id;
	int entries;
	int naming;
};

static int find_naming(const struct audit_entry *e, void *arg)
{
	struct hidden_search *h = arg;

	h->entries++;
	if (names(e->record_id, h->id) || names(e->before, h->id) || names(e->after, h->id))
		h->naming++;
	return 0;
}

/*
 * A concern about the DSL is read by the head, and the DSL, who reads the
 * rest of the safeguarding trail, reads none of its rows: not its filing,
 * not the head opening it, not a page that listed it, not a list of its
 * actions.
 */
static void the_dsl_reads_no_trail_of_a_concern_about_them(void **state)
{
	struct fixture *f = *state;
	char *about_dsl;
	char *mine = contact_report(f);
	struct smreg *head;
	struct list_query q = list_query_default();
	struct record_page *page = NULL;
	struct record *r = NULL;
	struct audit_query all = {0};
	struct hidden_search seen = {0};
	struct error err;

	fx_set(f->admin, "school", f->school, NULL, "head=Sam Staff", NULL);
	about_dsl = fx_add(f->staff, "contact", "platform=x", "category=other",
			   "concerns=Dee Ess-Ell", "summary=Messaged a pupil privately", NULL);
	head = fixture_open(f, "staff", NULL);
	assert_int_equal(store_get(head, record_type_find("contact"), about_dsl, &r, &err),
			 STATUS_OK);
	record_free(&r);
	assert_int_equal(store_list(head, record_type_find("contact"), &q, 0, 10, &page, &err),
			 STATUS_OK);
	assert_int_equal(page->count, 2); /* and the report they filed */
	record_page_free(&page);
	q.where_field = "contact";
	q.where_value = about_dsl;
	assert_int_equal(store_list(head, record_type_find("action"), &q, 0, 10, &page, &err),
			 STATUS_OK);
	record_page_free(&page);
	smreg_close(&head);
	/* The trail holds each kind of row about the concern... */
	assert_text(sql_text(f, "SELECT (SELECT count(*) FROM audit WHERE record_id = '%s') || ' ' || "
				"(SELECT count(*) FROM audit AS a, json_each(a.after, '$.ids') AS i "
				"WHERE i.value = '%s') || ' ' || (SELECT count(*) FROM audit WHERE "
				"json_extract(after, '$.where.contact') = '%s')",
			     about_dsl, about_dsl, about_dsl),
		    "2 1 1");
	/* ...and the DSL reads none of them, but reads their own report's. */
	seen.id = about_dsl;
	assert_int_equal(audit_each(f->dsl, &all, find_naming, &seen, &err), STATUS_OK);
	assert_int_equal(seen.naming, 0);
	seen.id = mine;
	seen.entries = 0;
	assert_int_equal(audit_each(f->dsl, &all, find_naming, &seen, &err), STATUS_OK);
	assert_true(seen.naming >= 1);
	free(about_dsl);
	free(mine);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, fixture_setup, fixture_teardown)
	const struct CMUnitTest tests[] = {
		T(an_insert_records_every_value_given),
		T(a_change_records_the_changed_fields_before_and_after),
		T(closing_and_deleting_are_recorded),
		T(changes_made_by_triggers_are_recorded),
		T(opening_a_contact_report_is_recorded),
		T(a_contact_report_changes_only_with_a_reason),
		T(a_reason_must_hold_a_visible_character),
		T(the_reason_check_is_one_for_every_front_end),
		T(a_page_of_contact_reports_is_recorded_with_its_ids),
		T(a_search_a_walk_and_an_export_are_recorded),
		T(staff_reads_of_their_own_are_recorded_and_refusals_are_not),
		T(suggestions_of_contact_reports_are_recorded),
		T(the_audit_trail_cannot_be_changed),
		T(each_role_reads_its_own_part_of_the_trail),
		T(the_dsl_reads_no_trail_of_a_concern_about_them),
	};
#undef T

	return cmocka_run_group_tests(tests, NULL, NULL);
}
