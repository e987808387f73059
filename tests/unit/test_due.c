/*
 * Due-review warnings: every rule of DESIGN.md's table, on each side of
 * its threshold, with "today" moved by opening the register as of another
 * day.  The fixture's today is 2026-11-21.
 */
#include "fixture.h"

#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/due.h"
#include "core/edit.h"
#include "core/record.h"

/* --- helpers ----------------------------------------------------------------- */

/* The warnings login sees on the day today (within as due_list's). */
static struct due_list *due_as(struct fixture *f, const char *login, const char *today,
			       int within)
{
	struct smreg *s = fixture_open(f, login, today);
	struct due_list *list = NULL;
	struct error err;

	if (due_list(s, within, &list, &err) != STATUS_OK)
		fail_msg("due_list as %s on %s: %s", login, today, err.text);
	smreg_close(&s);
	assert_non_null(list);
	return list;
}

static void print_list(const struct due_list *l)
{
	for (size_t i = 0; i < l->count; i++) {
		const struct due_item *it = &l->items[i];

		print_message("#   %s %s %s %s \"%s\" \"%s\" %s (%d)\n", it->code,
			      severity_name(it->severity), it->register_name,
			      it->record_id ? it->record_id : "-", it->subject ? it->subject : "",
			      it->detail ? it->detail : "", it->due_on, it->count);
	}
}

/* The first item with code (any when NULL) about record id (any when
 * NULL) whose detail contains detail (any when NULL). */
static const struct due_item *find(const struct due_list *l, const char *code, const char *id,
				   const char *detail)
{
	for (size_t i = 0; i < l->count; i++) {
		const struct due_item *it = &l->items[i];

		if (code != NULL && strcmp(it->code, code) != 0)
			continue;
		if (id != NULL && (it->record_id == NULL || strcmp(it->record_id, id) != 0))
			continue;
		if (detail != NULL && (it->detail == NULL || strstr(it->detail, detail) == NULL))
			continue;
		return it;
	}
	return NULL;
}

static size_t count_about(const struct due_list *l, const char *id)
{
	size_t n = 0;

	for (size_t i = 0; i < l->count; i++)
		if (l->items[i].record_id != NULL && strcmp(l->items[i].record_id, id) == 0)
			n++;
	return n;
}

/*
 * As login on the day today, a warning code about id (with a detail
 * containing detail, when given) has this severity (and falls due on
 * due_on, when given).
 */
static void expect_as(struct fixture *f, const char *login, const char *today, const char *code,
		      const char *id, const char *detail, enum severity severity,
		      const char *due_on)
{
	struct due_list *l = due_as(f, login, today, -1);
	const struct due_item *it = find(l, code, id, detail);
	char why[256] = "";

	if (it == NULL)
		snprintf(why, sizeof why, "no %s%s%s", code, detail ? " " : "", detail ? detail : "");
	else if (it->severity != severity)
		snprintf(why, sizeof why, "%s is %s, not %s", code, severity_name(it->severity),
			 severity_name(severity));
	else if (due_on != NULL && strcmp(it->due_on, due_on) != 0)
		snprintf(why, sizeof why, "%s falls due on %s, not %s", code, it->due_on, due_on);
	if (why[0] != '\0')
		print_list(l);
	due_list_free(&l);
	if (why[0] != '\0')
		fail_msg("as %s on %s, about %s: %s", login, today, id, why);
}

static void expect(struct fixture *f, const char *today, const char *code, const char *id,
		   enum severity severity)
{
	expect_as(f, "admin", today, code, id, NULL, severity, NULL);
}

/* As login on the day today, no warning code (any when NULL) about id. */
static void expect_none_as(struct fixture *f, const char *login, const char *today,
			   const char *code, const char *id)
{
	struct due_list *l = due_as(f, login, today, -1);
	const struct due_item *it = find(l, code, id, NULL);
	char why[256] = "";

	if (it != NULL) {
		snprintf(why, sizeof why, "unexpected %s (%s): %s", it->code,
			 severity_name(it->severity), it->detail ? it->detail : "");
		print_list(l);
	}
	due_list_free(&l);
	if (why[0] != '\0')
		fail_msg("as %s on %s, about %s: %s", login, today, id, why);
}

static void expect_none(struct fixture *f, const char *today, const char *code, const char *id)
{
	expect_none_as(f, "admin", today, code, id);
}

static void end(struct smreg *s, const char *type, const char *id, const char *date)
{
	struct error err;

	if (edit_end(s, record_type_find(type), id, date, NULL, NULL, &err) != STATUS_OK)
		fail_msg("cannot end %s %s: %s: %s", type, id, err.field, err.text);
}

static char *add_person(struct fixture *f, const char *name)
{
	char field[128];

	snprintf(field, sizeof field, "name=%s", name);
	return fx_add(f->admin, "person", field, NULL);
}

/* An authorisation of kind for person (a name) on channel (an id). */
static char *grant(struct fixture *f, const char *person, const char *channel,
		   const char *kind, const char *on)
{
	char p[128], c[64], k[64], g[64];

	snprintf(p, sizeof p, "person=%s", person);
	snprintf(c, sizeof c, "channel=%s", channel);
	snprintf(k, sizeof k, "kind=%s", kind);
	snprintf(g, sizeof g, "granted_on=%s", on);
	return fx_add(f->admin, "authorisation", p, c, k, "authorised_by=Dee Ess-Ell", g, NULL);
}

/* A channel with no safeguard at all: only what is required. */
static char *bare_channel(struct fixture *f, const char *account)
{
	char a[96];

	snprintf(a, sizeof a, "account=%s", account);
	return fx_add(f->admin, "channel", "platform=facebook", a, "opened_on=2026-01-05", NULL);
}

/* A channel with every safeguard, a master administrator and an admin, so that one
 * rule at a time can be broken.  Its privacy check falls due 2027-04-01. */
static char *good_channel(struct fixture *f, const char *account)
{
	char a[96];
	char *id;

	snprintf(a, sizeof a, "account=%s", account);
	id = fx_add(f->admin, "channel", "platform=instagram", a, "opened_on=2026-01-05",
		    "risk_assessed_on=2026-01-04", "approved_by=Dee Ess-Ell",
		    "privacy_checked_on=2026-10-01", "in_privacy_notice=yes",
		    "emergency_access=yes", "mfa=yes", "school_email=yes", NULL);
	free(grant(f, "Sam Staff", id, "master_admin", "2026-01-05"));
	/* Two who can get in: FEW_WHO_CAN_GET_IN. */
	free(grant(f, "Dee Ess-Ell", id, "admin", "2026-01-05"));
	/* Signed off this term, and posted on lately: CHANNEL_SIGNOFF_DUE,
	 * CHANNEL_DORMANT. */
	snprintf(a, sizeof a, "channel=%s", id);
	free(fx_add(f->admin, "signoff", a, "signed_on=2027-01-10", NULL));
	free(fx_add(f->admin, "post", a, "posted_on=2026-11-01", NULL));
	return id;
}

static char *add_pupil(struct fixture *f, const char *name)
{
	char field[128];

	snprintf(field, sizeof field, "name=%s", name);
	return fx_add(f->admin, "pupil", field, "year_group=5", NULL);
}

/* --- policies ---------------------------------------------------------------- */

static void policy_due_within_the_window_overdue_once_passed(void **state)
{
	struct fixture *f = *state;
	/* 2027-01-20 is 60 days after 2026-11-21. */
	char *p = fx_add(f->admin, "policy", "title=Social media policy",
			 "next_review_on=2027-01-20", NULL);

	expect_none(f, "2026-11-20", NULL, p); /* 61 days ahead: nothing */
	expect_as(f, "admin", "2026-11-21", "POLICY_DUE", p, NULL, SEVERITY_DUE, "2027-01-20");
	expect(f, "2027-01-19", "POLICY_DUE", p, SEVERITY_DUE); /* tomorrow */
	expect(f, "2027-01-20", "POLICY_DUE", p, SEVERITY_DUE); /* today */
	expect_none(f, "2027-01-20", "POLICY_OVERDUE", p);
	expect(f, "2027-01-21", "POLICY_OVERDUE", p, SEVERITY_OVERDUE); /* yesterday */
	expect_none(f, "2027-01-21", "POLICY_DUE", p);
	free(p);
}

static void changing_a_threshold_moves_the_window(void **state)
{
	struct fixture *f = *state;
	char *p = fx_add(f->admin, "policy", "title=Social media policy",
			 "next_review_on=2027-01-20", NULL);
	char *c = good_channel(f, "school");
	char *pupil = add_pupil(f, "Zoë Example");
	char *t;
	char ch[64];

	snprintf(ch, sizeof ch, "channel=%s", c);
	t = fx_add(f->admin, "takedown", "pupil=Zoë Example", ch, "raised_on=2026-11-20", NULL);
	expect_none(f, "2026-11-20", NULL, p);
	expect(f, "2026-11-21", "TAKEDOWN_OPEN", t, SEVERITY_DUE);

	fx_set(f->admin, "setting", "policy_warn_days", NULL, "value=90", NULL);
	fx_set(f->admin, "setting", "takedown_days", NULL, "value=0", NULL);
	/* 2026-10-22 is 90 days before 2027-01-20. */
	expect_none(f, "2026-10-21", NULL, p);
	expect(f, "2026-10-22", "POLICY_DUE", p, SEVERITY_DUE);
	expect(f, "2026-11-20", "POLICY_DUE", p, SEVERITY_DUE);
	/* Overdue the day after it was raised, no longer two days after. */
	expect(f, "2026-11-20", "TAKEDOWN_OPEN", t, SEVERITY_DUE);
	expect(f, "2026-11-21", "TAKEDOWN_OPEN", t, SEVERITY_OVERDUE);

	fx_set(f->admin, "setting", "policy_warn_days", NULL, "value=10", NULL);
	expect_none(f, "2027-01-09", NULL, p);
	expect(f, "2027-01-10", "POLICY_DUE", p, SEVERITY_DUE);
	free(p);
	free(c);
	free(pupil);
	free(t);
}

static void retired_policy_raises_nothing(void **state)
{
	struct fixture *f = *state;
	char *p = fx_add(f->admin, "policy", "title=Old e-safety policy",
			 "next_review_on=2025-01-01", "status=retired", NULL);

	expect_none(f, "2026-11-21", NULL, p);
	fx_set(f->admin, "policy", p, NULL, "status=under_review", NULL);
	expect(f, "2026-11-21", "POLICY_OVERDUE", p, SEVERITY_OVERDUE);
	free(p);
}

/* --- channels ---------------------------------------------------------------- */

static void compliant_channel_raises_nothing(void **state)
{
	struct fixture *f = *state;
	char *c = good_channel(f, "school");

	expect_none(f, "2026-11-21", NULL, c);
	expect_none(f, "2027-03-31", NULL, c);
	free(c);
}

/* "The Headteacher will review the school's social media accounts each
 * term": the next sign-off is a term (signoff_months) after the last, or
 * after the channel opened; due auth_warn_days ahead, overdue once passed. */
static void channel_signed_off_each_term(void **state)
{
	struct fixture *f = *state;
	char *c = bare_channel(f, "school");
	char ch[64];

	expect_as(f, "admin", "2026-11-21", "CHANNEL_SIGNOFF_DUE", c, "never signed off",
		  SEVERITY_OVERDUE, "2026-05-05");
	snprintf(ch, sizeof ch, "channel=%s", c);
	free(fx_add(f->admin, "signoff", ch, "signed_on=2026-09-10", NULL));
	expect_none(f, "2026-11-21", "CHANNEL_SIGNOFF_DUE", c);
	expect_as(f, "admin", "2026-12-15", "CHANNEL_SIGNOFF_DUE", c, "last signed off 10/09/2026",
		  SEVERITY_DUE, "2027-01-10");
	expect(f, "2027-01-11", "CHANNEL_SIGNOFF_DUE", c, SEVERITY_OVERDUE);
	fx_set(f->admin, "setting", "signoff_months", NULL, "value=6", NULL);
	expect_none(f, "2027-01-11", "CHANNEL_SIGNOFF_DUE", c);
	free(c);
}

/* A channel with no recorded post for dormant_months: review it or close it. */
static void channel_dormant_without_posts(void **state)
{
	struct fixture *f = *state;
	char *c = bare_channel(f, "school");
	char ch[64];

	expect_as(f, "admin", "2026-11-21", "CHANNEL_DORMANT", c, "no post recorded",
		  SEVERITY_DUE, "2026-07-05");
	snprintf(ch, sizeof ch, "channel=%s", c);
	free(fx_add(f->admin, "post", ch, "posted_on=2026-03-01", NULL));
	expect_as(f, "admin", "2026-11-21", "CHANNEL_DORMANT", c, "since 01/03/2026",
		  SEVERITY_DUE, "2026-09-01");
	expect_none(f, "2026-08-31", "CHANNEL_DORMANT", c);
	fx_set(f->admin, "setting", "dormant_months", NULL, "value=12", NULL);
	expect_none(f, "2026-11-21", "CHANNEL_DORMANT", c);
	free(c);
}

static void channel_without_master_admin(void **state)
{
	struct fixture *f = *state;
	char *c = bare_channel(f, "school");
	char *admin;
	char *master;

	expect_as(f, "admin", "2026-11-21", "CHANNEL_NO_MASTER", c, NULL, SEVERITY_OVERDUE,
		  "2026-01-05");
	/* An ordinary admin is not the master. */
	admin = grant(f, "Dee Ess-Ell", c, "admin", "2026-01-05");
	expect(f, "2026-11-21", "CHANNEL_NO_MASTER", c, SEVERITY_OVERDUE);
	master = grant(f, "Sam Staff", c, "master_admin", "2026-02-01");
	expect(f, "2026-01-31", "CHANNEL_NO_MASTER", c, SEVERITY_OVERDUE); /* not yet granted */
	expect_none(f, "2026-02-01", "CHANNEL_NO_MASTER", c);
	expect_none(f, "2026-11-21", "CHANNEL_NO_MASTER", c);
	end(f->admin, "authorisation", master, "2026-12-01");
	expect_none(f, "2026-11-30", "CHANNEL_NO_MASTER", c); /* revoked from tomorrow */
	expect_as(f, "admin", "2026-12-01", "CHANNEL_NO_MASTER", c, NULL, SEVERITY_OVERDUE,
		  "2026-12-01");
	free(c);
	free(admin);
	free(master);
}

static void channel_not_risk_assessed(void **state)
{
	struct fixture *f = *state;
	char *c = good_channel(f, "school");

	fx_set(f->admin, "channel", c, NULL, "risk_assessed_on=", NULL);
	expect_as(f, "admin", "2026-11-21", "NOT_RISK_ASSESSED", c, "no risk assessment",
		  SEVERITY_OVERDUE, NULL);
	fx_set(f->admin, "channel", c, NULL, "risk_assessed_on=2026-01-04", "approved_by=", NULL);
	expect_as(f, "admin", "2026-11-21", "NOT_RISK_ASSESSED", c, "approval",
		  SEVERITY_OVERDUE, NULL);
	fx_set(f->admin, "channel", c, NULL, "approved_by=Dee Ess-Ell", NULL);
	expect_none(f, "2026-11-21", "NOT_RISK_ASSESSED", c);
	free(c);
}

static void channel_privacy_check_due(void **state)
{
	struct fixture *f = *state;
	char *c = good_channel(f, "school");

	fx_set(f->admin, "channel", c, NULL, "privacy_checked_on=", NULL);
	expect_as(f, "admin", "2026-11-21", "PRIVACY_CHECK_DUE", c, "never checked",
		  SEVERITY_DUE, NULL);
	/* Six months after 2026-05-21 is 2026-11-21. */
	fx_set(f->admin, "channel", c, NULL, "privacy_checked_on=2026-05-21", NULL);
	expect_none(f, "2026-11-20", "PRIVACY_CHECK_DUE", c);
	expect_as(f, "admin", "2026-11-21", "PRIVACY_CHECK_DUE", c, NULL, SEVERITY_DUE,
		  "2026-11-21");
	/* Six months from the end of August is the end of February, as
	 * date_add_months counts months everywhere else. */
	fx_set(f->admin, "channel", c, NULL, "privacy_checked_on=2026-08-31", NULL);
	expect_none(f, "2027-02-27", "PRIVACY_CHECK_DUE", c);
	expect_as(f, "admin", "2027-02-28", "PRIVACY_CHECK_DUE", c, NULL, SEVERITY_DUE,
		  "2027-02-28");
	/* The months are a setting. */
	fx_set(f->admin, "setting", "privacy_check_months", NULL, "value=3", NULL);
	fx_set(f->admin, "channel", c, NULL, "privacy_checked_on=2026-08-21", NULL);
	expect_none(f, "2026-11-20", "PRIVACY_CHECK_DUE", c);
	expect(f, "2026-11-21", "PRIVACY_CHECK_DUE", c, SEVERITY_DUE);
	free(c);
}

/* Each yes/no safeguard: "no" raises its own warning and nothing else. */
static void channel_yes_no_safeguards(void **state)
{
	static const struct {
		const char *field;
		const char *code;
	} rules[] = {
		{"in_privacy_notice", "NOT_IN_PRIVACY_NOTICE"},
		{"emergency_access", "NO_EMERGENCY_ACCESS"},
		{"mfa", "NO_MFA"},
		{"school_email", "PERSONAL_EMAIL"},
	};
	struct fixture *f = *state;
	char *c = good_channel(f, "school");

	for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++) {
		char no[64], yes[64];
		struct due_list *l;

		snprintf(no, sizeof no, "%s=no", rules[i].field);
		snprintf(yes, sizeof yes, "%s=yes", rules[i].field);
		fx_set(f->admin, "channel", c, NULL, no, NULL);
		expect(f, "2026-11-21", rules[i].code, c, SEVERITY_DUE);
		l = due_as(f, "admin", "2026-11-21", -1);
		if (count_about(l, c) != 1) {
			print_list(l);
			due_list_free(&l);
			fail_msg("%s: expected only %s about the channel", no, rules[i].code);
		}
		due_list_free(&l);
		fx_set(f->admin, "channel", c, NULL, yes, NULL);
		expect_none(f, "2026-11-21", rules[i].code, c);
	}
	free(c);
}

static void too_many_admins(void **state)
{
	struct fixture *f = *state;
	char *c = good_channel(f, "school"); /* Sam Staff is its master */
	char *people[3];
	char *grants[4];

	people[0] = add_person(f, "Ada Admin");
	people[1] = add_person(f, "Ben Admin");
	people[2] = add_person(f, "Cal Admin");
	grants[0] = grant(f, "Ada Admin", c, "admin", "2026-02-01");
	grants[1] = grant(f, "Ben Admin", c, "moderator", "2026-02-01");
	grants[2] = grant(f, "Cal Admin", c, "poster", "2026-02-01");
	/* Three admins (the master, Dee Ess-Ell and Ada), a moderator and a
	 * poster: max_admins. */
	expect_none(f, "2026-11-21", "TOO_MANY_ADMINS", c);
	grants[3] = grant(f, "Cal Admin", c, "admin", "2026-11-01");
	expect_none(f, "2026-10-31", "TOO_MANY_ADMINS", c); /* not granted yet */
	expect_as(f, "admin", "2026-11-21", "TOO_MANY_ADMINS", c, "4 active admins", SEVERITY_DUE,
		  NULL);
	fx_set(f->admin, "setting", "max_admins", NULL, "value=4", NULL);
	expect_none(f, "2026-11-21", "TOO_MANY_ADMINS", c);
	fx_set(f->admin, "setting", "max_admins", NULL, "value=3", NULL);
	end(f->admin, "authorisation", grants[0], "2026-11-10");
	expect_none(f, "2026-11-21", "TOO_MANY_ADMINS", c);
	for (int i = 0; i < 3; i++)
		free(people[i]);
	for (int i = 0; i < 4; i++)
		free(grants[i]);
	free(c);
}

/* A closed channel needs no safeguards, and access to it is no access. */
static void closed_channel_raises_nothing(void **state)
{
	struct fixture *f = *state;
	char *c = bare_channel(f, "oldclub");
	char *leaver = fx_add(f->admin, "person", "name=Lee Leaver", "left_on=2026-10-31", NULL);
	char *a = grant(f, "Lee Leaver", c, "admin", "2026-01-05");
	struct due_list *l;

	fx_set(f->admin, "authorisation", a, NULL, "review_on=2026-06-01", NULL);
	l = due_as(f, "admin", "2026-11-21", -1);
	/* Open, it is short of every safeguard. */
	assert_true(count_about(l, c) >= 7);
	due_list_free(&l);
	expect(f, "2026-11-21", "LEAVER_HAS_ACCESS", a, SEVERITY_OVERDUE);
	expect(f, "2026-11-21", "AUTH_EXPIRED", a, SEVERITY_OVERDUE);

	end(f->admin, "channel", c, "2026-11-01");
	expect_none(f, "2026-11-21", NULL, c);
	expect_none(f, "2026-11-21", NULL, a);
	/* Until the day it closes it is open. */
	expect(f, "2026-10-31", "CHANNEL_NO_MASTER", c, SEVERITY_OVERDUE);
	free(c);
	free(leaver);
	free(a);
}

/* --- authorisations ------------------------------------------------------------- */

static void leaver_has_access(void **state)
{
	struct fixture *f = *state;
	char *c = good_channel(f, "school");
	char *leaver = fx_add(f->admin, "person", "name=Lee Leaver", "left_on=2026-11-21", NULL);
	char *post = grant(f, "Lee Leaver", c, "poster", "2026-01-05");
	char *exception = fx_add(f->admin, "authorisation", "person=Lee Leaver", "kind=exception",
				 "detail=friends with a parent through family",
				 "authorised_by=Dee Ess-Ell", "granted_on=2026-01-05", NULL);

	expect_none(f, "2026-11-20", "LEAVER_HAS_ACCESS", post); /* still working */
	expect_as(f, "admin", "2026-11-21", "LEAVER_HAS_ACCESS", post, NULL, SEVERITY_OVERDUE,
		  "2026-11-21");
	expect(f, "2026-11-21", "LEAVER_HAS_ACCESS", exception, SEVERITY_OVERDUE);
	end(f->admin, "authorisation", post, "2026-11-21");
	expect_none(f, "2026-11-21", "LEAVER_HAS_ACCESS", post);
	expect(f, "2026-11-21", "LEAVER_HAS_ACCESS", exception, SEVERITY_OVERDUE);
	free(c);
	free(leaver);
	free(post);
	free(exception);
}

static void authorisation_review(void **state)
{
	struct fixture *f = *state;
	char *c = good_channel(f, "school");
	char *a = grant(f, "Dee Ess-Ell", c, "poster", "2026-01-05");

	/* 2026-12-21 is 30 days after 2026-11-21. */
	fx_set(f->admin, "authorisation", a, NULL, "review_on=2026-12-21", NULL);
	expect_none(f, "2026-11-20", NULL, a);
	expect_as(f, "admin", "2026-11-21", "AUTH_DUE", a, NULL, SEVERITY_DUE, "2026-12-21");
	expect(f, "2026-12-21", "AUTH_DUE", a, SEVERITY_DUE);
	expect_none(f, "2026-12-21", "AUTH_EXPIRED", a);
	expect(f, "2026-12-22", "AUTH_EXPIRED", a, SEVERITY_OVERDUE);
	expect_none(f, "2026-12-22", "AUTH_DUE", a);
	end(f->admin, "authorisation", a, "2026-12-01");
	expect_none(f, "2026-12-22", NULL, a);
	free(c);
	free(a);
}

/* --- pupils and consent ------------------------------------------------------------ */

static void consent_withdrawn_is_flagged_for_a_while(void **state)
{
	struct fixture *f = *state;
	char *p = add_pupil(f, "Zoë Example");
	char *c = fx_add(f->admin, "consent", "pupil=Zoë Example", "given_by=Ms Example",
			 "received_on=2026-09-01", "uses=social_media;website", NULL);

	end(f->admin, "consent", c, "2026-11-01");
	expect_none(f, "2026-10-31", "CONSENT_WITHDRAWN", c);
	expect_as(f, "admin", "2026-11-01", "CONSENT_WITHDRAWN", c, NULL, SEVERITY_INFO,
		  "2026-11-01");
	expect(f, "2026-11-30", "CONSENT_WITHDRAWN", c, SEVERITY_INFO); /* 29 days on */
	expect_none(f, "2026-12-01", "CONSENT_WITHDRAWN", c);		/* 30 days on */
	fx_set(f->admin, "setting", "consent_withdrawn_days", NULL, "value=31", NULL);
	expect(f, "2026-12-01", "CONSENT_WITHDRAWN", c, SEVERITY_INFO);
	/* A withdrawal is the parent's answer, not a gap in the register. */
	expect_none(f, "2026-11-21", "NO_CONSENT", p);
	expect_none(f, "2026-11-21", "CONSENT_EXPIRED", p);
	free(p);
	free(c);
}

static void takedown_open_then_overdue(void **state)
{
	struct fixture *f = *state;
	char *c = good_channel(f, "school");
	char *p = add_pupil(f, "Zoë Example");
	char ch[64];
	char *t;

	snprintf(ch, sizeof ch, "channel=%s", c);
	t = fx_add(f->admin, "takedown", "pupil=Zoë Example", ch, "raised_on=2026-11-19", NULL);
	expect_as(f, "admin", "2026-11-19", "TAKEDOWN_OPEN", t, NULL, SEVERITY_DUE, "2026-11-19");
	expect(f, "2026-11-21", "TAKEDOWN_OPEN", t, SEVERITY_DUE);     /* two days on */
	expect(f, "2026-11-22", "TAKEDOWN_OPEN", t, SEVERITY_OVERDUE); /* three days on */
	end(f->admin, "takedown", t, "2026-11-22");
	expect_none(f, "2026-11-22", NULL, t);
	free(c);
	free(p);
	free(t);
}

static void pupil_without_current_consent(void **state)
{
	struct fixture *f = *state;
	char *none = add_pupil(f, "Noor None");
	char *expiring = add_pupil(f, "Eli Expiring");
	char *left = fx_add(f->admin, "pupil", "name=Lou Left", "left_on=2026-11-01", NULL);
	char *joining = fx_add(f->admin, "pupil", "name=Jo Joining", "joined_on=2027-01-05", NULL);
	char *consent;

	expect_as(f, "admin", "2026-11-21", "NO_CONSENT", none, NULL, SEVERITY_INFO, NULL);
	expect_none(f, "2026-11-21", NULL, left); /* no longer on roll */
	expect_none(f, "2026-10-31", "CONSENT_EXPIRED", left);
	expect(f, "2026-10-31", "NO_CONSENT", left, SEVERITY_INFO); /* was on roll */
	expect_none(f, "2026-11-21", NULL, joining);		    /* not on roll yet */
	expect(f, "2027-01-05", "NO_CONSENT", joining, SEVERITY_INFO);

	consent = fx_add(f->admin, "consent", "pupil=Eli Expiring", "given_by=Mr Expiring",
			 "received_on=2025-09-01", "expires_on=2026-11-21", "uses=social_media", NULL);
	expect_none(f, "2026-11-21", NULL, expiring); /* the last day it holds */
	expect_as(f, "admin", "2026-11-22", "CONSENT_EXPIRED", expiring, NULL, SEVERITY_DUE,
		  "2026-11-21");
	expect_none(f, "2026-11-22", "NO_CONSENT", expiring);
	free(consent);

	consent = fx_add(f->admin, "consent", "pupil=Noor None", "given_by=Ms None",
			 "received_on=2026-11-21", "uses=website", NULL);
	expect_none(f, "2026-11-21", NULL, none);
	expect(f, "2026-11-20", "NO_CONSENT", none, SEVERITY_INFO); /* not received yet */
	free(consent);
	free(none);
	free(expiring);
	free(left);
	free(joining);
}

/* --- contact reports ----------------------------------------------------------------- */

static char *contact_on(struct fixture *f, const char *reported_on, const char *pupil_name)
{
	char on[64], name[96];

	snprintf(on, sizeof on, "reported_on=%s", reported_on);
	snprintf(name, sizeof name, "pupil_name=%s", pupil_name);
	return fx_add(f->dsl, "contact", on, "reported_by=Sam Staff", name, "platform=instagram",
		      "category=pupil_contact", "summary=Sent a follow request", NULL);
}

static void contact_open_due_then_overdue(void **state)
{
	struct fixture *f = *state;
	char *week = contact_on(f, "2026-11-14", "Siân Former");
	char *month = contact_on(f, "2026-10-24", "Li Lei");
	struct error err;

	/* Open seven days is not open longer than contact_warn_days (7). */
	expect_none_as(f, "dsl", "2026-11-21", NULL, week);
	expect_as(f, "dsl", "2026-11-22", "CONTACT_OPEN", week, NULL, SEVERITY_DUE, "2026-11-14");
	/* 28 days is due; longer than contact_overdue_days (28) is overdue. */
	expect_as(f, "dsl", "2026-11-21", "CONTACT_OPEN", month, NULL, SEVERITY_DUE, NULL);
	expect_as(f, "dsl", "2026-11-22", "CONTACT_OPEN", month, NULL, SEVERITY_OVERDUE, NULL);
	/* Monitoring is still open. */
	assert_int_equal(fx_try_set(f->dsl, &err, "contact", week, "seen by the DSL",
				    "status=monitoring", NULL),
			 STATUS_OK);
	expect_as(f, "dsl", "2026-11-22", "CONTACT_OPEN", week, NULL, SEVERITY_DUE, NULL);
	assert_int_equal(edit_end(f->dsl, record_type_find("contact"), month, "2026-11-20",
				  "no further action: spoke to parents", NULL, &err),
			 STATUS_OK);
	expect_none_as(f, "dsl", "2026-11-22", NULL, month);
	/* The thresholds are settings. */
	fx_set(f->admin, "setting", "contact_warn_days", NULL, "value=6", NULL);
	expect_as(f, "dsl", "2026-11-21", "CONTACT_OPEN", week, NULL, SEVERITY_DUE, NULL);
	fx_set(f->admin, "setting", "contact_overdue_days", NULL, "value=6", NULL);
	expect_as(f, "dsl", "2026-11-21", "CONTACT_OPEN", week, NULL, SEVERITY_OVERDUE, NULL);
	free(week);
	free(month);
}

/* Contact reports are the DSL's: nobody else is warned of them. */
static void contact_open_is_for_the_dsl_only(void **state)
{
	static const char *const others[] = {"admin", "governor", "staff"};
	struct fixture *f = *state;
	struct error err;
	char *c;

	assert_int_equal(fx_try_add(f->staff, &err, "contact",
				    "reported_on=2026-10-01", "pupil_name=Li Lei",
				    "platform=snapchat", "category=friend_request",
				    "summary=Friend request", NULL),
			 STATUS_OK);
	c = fx_sql_text(f, "SELECT id FROM contact");
	assert_non_null(c);
	expect_as(f, "dsl", "2026-11-21", "CONTACT_OPEN", c, NULL, SEVERITY_OVERDUE, NULL);
	for (size_t i = 0; i < sizeof others / sizeof others[0]; i++) {
		struct due_list *l = due_as(f, others[i], "2026-11-21", -1);
		const struct due_item *it = find(l, "CONTACT_OPEN", NULL, NULL);

		if (it != NULL)
			print_list(l);
		due_list_free(&l);
		if (it != NULL)
			fail_msg("%s is warned of a contact report", others[i]);
		/* Not even counted, however far ahead one looks. */
		l = due_as(f, others[i], "2026-11-21", 30);
		it = find(l, "CONTACT_OPEN", NULL, NULL);
		due_list_free(&l);
		assert_null(it);
	}
	free(c);
}

/* --- training ------------------------------------------------------------------------ */

static void training_due_each_school_year(void **state)
{
	struct fixture *f = *state;
	char *tia = fx_add(f->admin, "person", "name=Tia Trained", "started_on=2025-01-06", NULL);
	char *t[5];

	t[0] = fx_add(f->admin, "training", "person=Tia Trained", "kind=induction",
		      "completed_on=2025-01-06", NULL);
	t[1] = fx_add(f->admin, "training", "person=Tia Trained", "kind=annual_refresher",
		      "completed_on=2025-09-10", NULL);
	t[2] = fx_add(f->admin, "training", "person=Tia Trained", "kind=policy_read",
		      "completed_on=2025-09-10", NULL);

	/* Trained in this school year, which ends on 31 August. */
	expect_none(f, "2026-08-31", "TRAINING_DUE", tia);
	/* From 1 September the refresher and the policy are due again. */
	expect_as(f, "admin", "2026-09-01", "TRAINING_DUE", tia, "annual refresher", SEVERITY_DUE,
		  "2026-09-01");
	expect_as(f, "admin", "2026-09-01", "TRAINING_DUE", tia, "read the policy", SEVERITY_DUE,
		  "2026-09-01");
	/* Overdue once training_grace_days (30) have passed. */
	expect_as(f, "admin", "2026-10-01", "TRAINING_DUE", tia, "annual refresher", SEVERITY_DUE,
		  NULL);
	expect_as(f, "admin", "2026-10-02", "TRAINING_DUE", tia, "annual refresher",
		  SEVERITY_OVERDUE, NULL);

	/* A refresher on 1 September counts for the year it starts. */
	t[3] = fx_add(f->admin, "training", "person=Tia Trained", "kind=annual_refresher",
		      "completed_on=2026-09-01", NULL);
	t[4] = fx_add(f->admin, "training", "person=Tia Trained", "kind=cpd",
		      "completed_on=2026-09-02", NULL);
	{
		struct due_list *l = due_as(f, "admin", "2026-09-02", -1);
		const struct due_item *refresher = find(l, "TRAINING_DUE", tia, "annual refresher");
		const struct due_item *policy = find(l, "TRAINING_DUE", tia, "read the policy");
		const struct due_item *induction = find(l, "TRAINING_DUE", tia, "induction");
		bool ok = refresher == NULL && policy != NULL && induction == NULL;

		if (!ok)
			print_list(l);
		due_list_free(&l);
		if (!ok)
			fail_msg("only the policy reading should be due for Tia on 2026-09-02");
	}
	free(fx_add(f->admin, "training", "person=Tia Trained", "kind=policy_read",
		    "completed_on=2026-09-01", NULL));
	expect_none(f, "2026-11-21", "TRAINING_DUE", tia);
	for (int i = 0; i < 5; i++)
		free(t[i]);
	free(tia);
}

static void training_due_without_induction(void **state)
{
	struct fixture *f = *state;
	char *nia = fx_add(f->admin, "person", "name=Nia New", "started_on=2026-10-01", NULL);
	char *gov = fx_add(f->admin, "person", "name=Gus Governor", "kind=governor", NULL);
	char *gone = fx_add(f->admin, "person", "name=Lee Leaver", "left_on=2026-10-31", NULL);
	char *future = fx_add(f->admin, "person", "name=Fay Future", "started_on=2027-01-04", NULL);
	struct due_list *l;

	expect_as(f, "admin", "2026-10-15", "TRAINING_DUE", nia, "induction", SEVERITY_DUE,
		  "2026-10-01");
	expect_as(f, "admin", "2026-10-31", "TRAINING_DUE", nia, "induction", SEVERITY_DUE, NULL);
	expect_as(f, "admin", "2026-11-01", "TRAINING_DUE", nia, "induction", SEVERITY_OVERDUE,
		  NULL);
	expect_as(f, "admin", "2026-11-21", "TRAINING_DUE", nia, "read the policy",
		  SEVERITY_OVERDUE, NULL);
	/* She started after 1 September: no refresher is due this year. */
	l = due_as(f, "admin", "2026-11-21", -1);
	assert_null(find(l, "TRAINING_DUE", nia, "annual refresher"));
	due_list_free(&l);
	expect_none(f, "2026-11-21", NULL, gov);  /* not staff */
	expect_none(f, "2026-11-21", NULL, gone); /* left */
	expect(f, "2026-10-30", "TRAINING_DUE", gone, SEVERITY_OVERDUE);
	expect_none(f, "2026-11-21", NULL, future); /* not started */

	free(fx_add(f->admin, "training", "person=Nia New", "kind=induction",
		    "completed_on=2026-10-01", NULL));
	l = due_as(f, "admin", "2026-11-21", -1);
	assert_null(find(l, "TRAINING_DUE", nia, "induction"));
	assert_non_null(find(l, "TRAINING_DUE", nia, "read the policy"));
	due_list_free(&l);
	free(nia);
	free(gov);
	free(gone);
	free(future);
}

/* The setting names the kinds that need each training; whoever holds an
 * authorisation on a channel needs it too, whatever their kind. */
static void training_due_for_the_kinds_the_setting_names(void **state)
{
	struct fixture *f = *state;
	char *gov = fx_add(f->admin, "person", "name=Gus Governor", "kind=governor",
			   "started_on=2020-01-06", NULL);
	char *vol = fx_add(f->admin, "person", "name=Val Volunteer", "kind=volunteer",
			   "started_on=2020-01-06", NULL);
	char *ch = good_channel(f, "volunteers");
	char *auth;

	expect_none(f, "2026-11-21", "TRAINING_DUE", gov);
	expect_none(f, "2026-11-21", "TRAINING_DUE", vol);
	fx_set(f->admin, "training_need", "annual_refresher", NULL, "kinds=staff;governor", NULL);
	expect_as(f, "admin", "2026-11-21", "TRAINING_DUE", gov, "annual refresher",
		  SEVERITY_OVERDUE, "2026-09-01");
	expect_none(f, "2026-11-21", "TRAINING_DUE", vol);
	/* A volunteer who posts on a channel needs induction and the refresher. */
	auth = grant(f, "Val Volunteer", ch, "poster", "2026-10-01");
	expect_as(f, "admin", "2026-11-21", "TRAINING_DUE", vol, "induction", SEVERITY_OVERDUE, NULL);
	expect_as(f, "admin", "2026-11-21", "TRAINING_DUE", vol, "annual refresher",
		  SEVERITY_OVERDUE, NULL);
	/* Not before the grant, nor once it is revoked. */
	expect_none(f, "2026-09-30", "TRAINING_DUE", vol);
	fx_set(f->admin, "authorisation", auth, NULL, "revoked_on=2026-11-01", NULL);
	expect_none(f, "2026-11-21", "TRAINING_DUE", vol);
	free(auth);
	free(ch);
	free(gov);
	free(vol);
}

/* A must-read policy is read in its current version, each school year; the
 * anti-bullying policy will not do. */
static void must_read_policy_in_its_current_version(void **state)
{
	struct fixture *f = *state;
	char *sam = fx_sql_text(f, "SELECT id FROM person WHERE name = 'Sam Staff'");
	char *gov = fx_add(f->admin, "person", "name=Gus Governor", "kind=governor", NULL);
	char *sm = fx_add(f->admin, "policy", "title=Social media policy", "version=1",
			  "next_review_on=2027-09-01", "must_read=staff;governor", NULL);
	struct due_list *l;

	free(fx_add(f->admin, "policy", "title=Anti-bullying policy", "next_review_on=2027-09-01",
		    NULL));
	free(fx_add(f->admin, "training", "person=Sam Staff", "kind=policy_read",
		    "policy=Anti-bullying policy", "completed_on=2026-09-10", NULL));
	expect_as(f, "admin", "2026-11-21", "POLICY_UNREAD", sam, "Social media policy",
		  SEVERITY_OVERDUE, "2026-09-01");
	expect_as(f, "admin", "2026-09-15", "POLICY_UNREAD", gov, "Social media policy",
		  SEVERITY_DUE, NULL);
	/* Once a policy is marked, "has not read the policy" (any) goes. */
	l = due_as(f, "admin", "2026-11-21", -1);
	assert_null(find(l, "TRAINING_DUE", sam, "read the policy"));
	due_list_free(&l);

	free(fx_add(f->admin, "training", "person=Sam Staff", "kind=policy_read",
		    "policy=Social media policy", "version=1", "completed_on=2026-09-10", NULL));
	expect_none(f, "2026-11-21", "POLICY_UNREAD", sam);
	/* A reading last school year is not this year's. */
	expect_none(f, "2027-08-31", "POLICY_UNREAD", sam);
	expect(f, "2027-09-01", "POLICY_UNREAD", sam, SEVERITY_DUE);
	/* A new version asks again, from its approval. */
	fx_set(f->admin, "policy", sm, NULL, "version=2", "approved_on=2026-11-10", NULL);
	expect_as(f, "admin", "2026-11-21", "POLICY_UNREAD", sam, "older version", SEVERITY_DUE,
		  "2026-11-10");
	free(fx_add(f->admin, "training", "person=Sam Staff", "kind=policy_read",
		    "policy=Social media policy", "version=2", "completed_on=2026-11-20", NULL));
	expect_none(f, "2026-11-21", "POLICY_UNREAD", sam);
	/* A volunteer is not named; a retired policy asks nobody. */
	fx_set(f->admin, "person", gov, NULL, "kind=volunteer", NULL);
	expect_none(f, "2026-11-21", "POLICY_UNREAD", gov);
	fx_set(f->admin, "person", gov, NULL, "kind=governor", NULL);
	fx_set(f->admin, "policy", sm, NULL, "status=retired", NULL);
	expect_none(f, "2026-11-21", "POLICY_UNREAD", gov);
	free(sm);
	free(gov);
	free(sam);
}

/* "Warn before the day": a revocation or a leaving already recorded that
 * will leave a channel with no master administrator, or no one who can get
 * in, warns auth_warn_days (30) ahead; a grant made to take over stops it. */
static void channel_loses_its_master_before_the_day(void **state)
{
	struct fixture *f = *state;
	char *c = good_channel(f, "losing"); /* Sam Staff master, Dee Ess-Ell admin */
	char *sam = fx_sql_text(f, "SELECT id FROM authorisation WHERE kind = 'master_admin'");
	char *next;

	expect_none(f, "2026-11-21", "CHANNEL_LOSES_MASTER", c);
	fx_set(f->admin, "authorisation", sam, NULL, "revoked_on=2026-12-31", NULL);
	expect_none(f, "2026-11-30", "CHANNEL_LOSES_MASTER", c); /* 31 days ahead */
	expect_as(f, "admin", "2026-12-01", "CHANNEL_LOSES_MASTER", c, "no master administrator",
		  SEVERITY_DUE, "2026-12-31");
	/* On the day it is CHANNEL_NO_MASTER's. */
	expect_none(f, "2026-12-31", "CHANNEL_LOSES_MASTER", c);
	expect(f, "2026-12-31", "CHANNEL_NO_MASTER", c, SEVERITY_OVERDUE);
	/* A new master from the day takes over: nothing to warn of. */
	next = grant(f, "Dee Ess-Ell", c, "master_admin", "2026-12-31");
	expect_none(f, "2026-12-01", "CHANNEL_LOSES_MASTER", c);
	fx_set(f->admin, "authorisation", next, NULL, "revoked_on=2026-12-31", NULL);
	/* Both leave: no one can get in, said once. */
	fx_set(f->admin, "person", "Dee Ess-Ell", NULL, "left_on=2026-12-20", NULL);
	expect_as(f, "admin", "2026-12-01", "CHANNEL_LOSES_ACCESS", c, "no one will be able",
		  SEVERITY_DUE, "2026-12-31");
	expect_none(f, "2026-12-01", "CHANNEL_LOSES_MASTER", c);
	free(next);
	free(sam);
	free(c);
}

/* "Leadership staff must have access to account information and login
 * details ... in case of emergency": fewer than two who can get in. */
static void few_who_can_get_in(void **state)
{
	struct fixture *f = *state;
	char *c = good_channel(f, "few");
	char *dee = fx_sql_text(f, "SELECT id FROM authorisation WHERE kind = 'admin'");

	expect_none(f, "2026-11-21", "FEW_WHO_CAN_GET_IN", c);
	end(f->admin, "authorisation", dee, "2026-11-01");
	expect_as(f, "admin", "2026-11-21", "FEW_WHO_CAN_GET_IN", c, "only one person can get in",
		  SEVERITY_DUE, NULL);
	/* A poster does not hold the account. */
	free(grant(f, "Dee Ess-Ell", c, "poster", "2026-11-02"));
	expect(f, "2026-11-21", "FEW_WHO_CAN_GET_IN", c, SEVERITY_DUE);
	fx_set(f->admin, "setting", "min_who_can_get_in", NULL, "value=1", NULL);
	expect_none(f, "2026-11-21", "FEW_WHO_CAN_GET_IN", c);
	free(dee);
	free(c);
}

/* --- who sees what --------------------------------------------------------------------- */

/* A count of pupils, not of warnings: one pupil's takedowns on two
 * channels are one pupil to a governor. */
static void governor_counts_each_pupil_once(void **state)
{
	struct fixture *f = *state;
	char *first = good_channel(f, "first");
	char *second = good_channel(f, "second");
	char *pupil = add_pupil(f, "Zoë Twice");
	char *consent = fx_add(f->admin, "consent", "pupil=Zoë Twice", "given_by=Parent",
			       "received_on=2026-09-01", "uses=social_media", NULL);
	struct due_list *l;
	const struct due_item *it;

	end(f->admin, "consent", consent, "2026-11-20");
	assert_int_equal(fx_sql_long(f, "SELECT count(*) FROM takedown WHERE done_on IS NULL"), 2);
	l = due_as(f, "governor", "2026-11-21", -1);
	it = find(l, "TAKEDOWN_OPEN", NULL, NULL);
	assert_non_null(it);
	assert_int_equal(it->count, 1);
	assert_string_equal(it->subject, "1 pupil");
	/* Not the first channel's name for both: how many there are. */
	assert_string_equal(it->detail, "2 takedowns");
	{
		/* The governor counts as many warnings as the admin sees. */
		struct due_list *admin = due_as(f, "admin", "2026-11-21", -1);

		assert_int_equal(l->by_severity[SEVERITY_DUE], admin->by_severity[SEVERITY_DUE]);
		assert_int_equal(l->by_severity[SEVERITY_OVERDUE],
				 admin->by_severity[SEVERITY_OVERDUE]);
		due_list_free(&admin);
	}
	due_list_free(&l);
	free(first);
	free(second);
	free(pupil);
	free(consent);
}

static const char *const hidden_names[] = {
	"Zoë Hidden",
	"Łukasz Hidden",
	"Siân Hidden",
	"李雷 Hidden",
};

static void governor_sees_pupils_only_as_counts(void **state)
{
	struct fixture *f = *state;
	char *c = good_channel(f, "school");
	char *ids[3];
	char *consent;
	char *report;
	struct due_list *l;
	const struct due_item *it;

	ids[0] = add_pupil(f, hidden_names[0]);
	ids[1] = add_pupil(f, hidden_names[1]);
	ids[2] = add_pupil(f, hidden_names[2]);
	consent = fx_add(f->admin, "consent", "pupil=Siân Hidden", "given_by=Parent",
			 "received_on=2026-09-01", "uses=social_media", NULL);
	end(f->admin, "consent", consent, "2026-11-20");
	report = contact_on(f, "2026-10-01", hidden_names[3]);

	/* The admin sees who. */
	expect_as(f, "admin", "2026-11-21", "NO_CONSENT", ids[0], NULL, SEVERITY_INFO, NULL);
	expect_as(f, "admin", "2026-11-21", "NO_CONSENT", ids[1], NULL, SEVERITY_INFO, NULL);
	expect_as(f, "admin", "2026-11-21", "CONSENT_WITHDRAWN", consent, NULL, SEVERITY_INFO,
		  NULL);
	expect_as(f, "admin", "2026-11-21", "TAKEDOWN_OPEN", NULL, "instagram:school",
		  SEVERITY_DUE, NULL);

	/* The governor sees how many. */
	l = due_as(f, "governor", "2026-11-21", -1);
	it = find(l, "NO_CONSENT", NULL, NULL);
	assert_non_null(it);
	assert_null(it->record_id);
	assert_int_equal(it->count, 2);
	assert_string_equal(it->subject, "2 pupils");
	it = find(l, "CONSENT_WITHDRAWN", NULL, NULL);
	assert_non_null(it);
	assert_null(it->record_id);
	assert_string_equal(it->subject, "1 pupil");
	it = find(l, "TAKEDOWN_OPEN", NULL, NULL);
	assert_non_null(it);
	assert_null(it->record_id);
	assert_string_equal(it->subject, "1 pupil");
	assert_null(find(l, "CONTACT_OPEN", NULL, NULL));
	for (size_t i = 0; i < l->count; i++) {
		const struct due_item *item = &l->items[i];
		const char *texts[] = {item->code, item->register_name, item->record_id,
				       item->school, item->subject, item->detail};

		if (strcmp(item->register_name, "pupil") == 0 ||
		    strcmp(item->register_name, "consent") == 0 ||
		    strcmp(item->register_name, "takedown") == 0) {
			assert_null(item->record_id);
			assert_non_null(strstr(item->subject, " pupil"));
		}
		assert_string_not_equal(item->register_name, "contact");
		for (size_t t = 0; t < sizeof texts / sizeof texts[0]; t++)
			for (size_t n = 0; texts[t] && n < sizeof hidden_names / sizeof hidden_names[0]; n++)
				if (strstr(texts[t], hidden_names[n]) != NULL ||
				    strstr(texts[t], "Hidden") != NULL) {
					print_list(l);
					fail_msg("the governor's due list names a pupil: %s", texts[t]);
				}
		/* No pupil's record id either. */
		for (size_t n = 0; item->record_id && n < 3; n++)
			assert_string_not_equal(item->record_id, ids[n]);
	}
	due_list_free(&l);
	for (int i = 0; i < 3; i++)
		free(ids[i]);
	free(c);
	free(consent);
	free(report);
}

static void within_days_looks_further_ahead(void **state)
{
	struct fixture *f = *state;
	/* 2027-03-01 is 100 days after 2026-11-21. */
	char *later = fx_add(f->admin, "policy", "title=Later policy", "next_review_on=2027-03-01",
			     NULL);
	char *late = fx_add(f->admin, "policy", "title=Late policy", "next_review_on=2026-11-01",
			    NULL);
	struct smreg *s = fixture_open(f, "admin", "2026-11-21");
	struct due_list *l;
	struct error err;

	assert_int_equal(due_list(s, -1, &l, &err), STATUS_OK);
	assert_null(find(l, NULL, later, NULL));
	assert_non_null(find(l, "POLICY_OVERDUE", late, NULL));
	due_list_free(&l);
	assert_int_equal(due_list(s, 99, &l, &err), STATUS_OK);
	assert_null(find(l, NULL, later, NULL));
	due_list_free(&l);
	assert_int_equal(due_list(s, 100, &l, &err), STATUS_OK);
	assert_non_null(find(l, "POLICY_DUE", later, NULL));
	assert_int_equal(find(l, "POLICY_DUE", later, NULL)->severity, SEVERITY_DUE);
	assert_non_null(find(l, "POLICY_OVERDUE", late, NULL)); /* overdue is always shown */
	/* Most urgent first. */
	for (size_t i = 1; i < l->count; i++)
		assert_true(l->items[i - 1].severity == SEVERITY_OVERDUE ||
			    l->items[i].severity != SEVERITY_OVERDUE);
	due_list_free(&l);
	assert_int_equal(due_list(s, 0, &l, &err), STATUS_OK);
	assert_null(find(l, NULL, later, NULL));
	assert_non_null(find(l, "POLICY_OVERDUE", late, NULL));
	due_list_free(&l);
	smreg_close(&s);
	free(later);
	free(late);
}

/* --- what raises or moves due dates ------------------------------------------------------- */

static void withdrawing_consent_raises_takedowns(void **state)
{
	struct fixture *f = *state;
	char *other_school = fx_add(f->admin, "school", "name=Other School", NULL);
	char *fb = fx_add(f->admin, "channel", "school=Test School", "platform=facebook",
			  "account=school", "opened_on=2026-01-05", NULL);
	char *web = fx_add(f->admin, "channel", "school=Test School", "platform=website",
			   "account=news", "consent_use=website", "opened_on=2026-01-05", NULL);
	char *press = fx_add(f->admin, "channel", "school=Test School", "platform=x",
			     "account=press", "consent_use=press", "opened_on=2026-01-05", NULL);
	char *closed = fx_add(f->admin, "channel", "school=Test School", "platform=facebook",
			      "account=old", "opened_on=2025-01-05", NULL);
	char *elsewhere = fx_add(f->admin, "channel", "school=Other School", "platform=facebook",
				 "account=other", "opened_on=2026-01-05", NULL);
	char *pupil = fx_add(f->admin, "pupil", "school=Test School", "name=Ava Example", NULL);
	char *consent = fx_add(f->admin, "consent", "pupil=Ava Example", "given_by=Ms Example",
			       "received_on=2026-09-01", "uses=social_media;website", NULL);
	char sql[256];
	char *raised;

	end(f->admin, "channel", closed, "2026-10-01");
	snprintf(sql, sizeof sql, "SELECT count(*) FROM takedown WHERE pupil = '%s'", pupil);
	assert_int_equal(fx_sql_long(f, sql), 0);

	end(f->admin, "consent", consent, "2026-11-20");
	assert_int_equal(fx_sql_long(f, sql), 2);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM takedown WHERE pupil = '%s' AND "
				  "channel IN ('%s', '%s') AND raised_on = '2026-11-20' AND done_on IS NULL",
		 pupil, fb, web);
	assert_int_equal(fx_sql_long(f, sql), 2);
	snprintf(sql, sizeof sql, "SELECT group_concat(DISTINCT raised_on) FROM takedown");
	raised = fx_sql_text(f, sql);
	assert_string_equal(raised, "2026-11-20");
	free(raised);
	{
		struct due_list *l = due_as(f, "admin", "2026-11-21", -1);

		assert_non_null(find(l, "TAKEDOWN_OPEN", NULL, "facebook:school"));
		assert_non_null(find(l, "TAKEDOWN_OPEN", NULL, "website:news"));
		assert_null(find(l, "TAKEDOWN_OPEN", NULL, "x:press"));
		assert_null(find(l, "TAKEDOWN_OPEN", NULL, "facebook:old"));
		assert_null(find(l, "TAKEDOWN_OPEN", NULL, "facebook:other"));
		due_list_free(&l);
	}
	free(other_school);
	free(fb);
	free(web);
	free(press);
	free(closed);
	free(elsewhere);
	free(pupil);
	free(consent);
}

static char *policy_field(struct fixture *f, const char *id, const char *field)
{
	char sql[160];

	snprintf(sql, sizeof sql, "SELECT %s FROM policy WHERE id = '%s'", field, id);
	return fx_sql_text(f, sql);
}

static void assert_next_review(struct fixture *f, const char *id, const char *expected)
{
	char *next = policy_field(f, id, "next_review_on");

	if (next == NULL || strcmp(next, expected) != 0) {
		char got[DATE_ISO_SIZE + 8];

		snprintf(got, sizeof got, "%s", next ? next : "NULL");
		free(next);
		fail_msg("next_review_on is %s, expected %s", got, expected);
	}
	free(next);
}

static void recording_a_review_moves_the_next_review(void **state)
{
	struct fixture *f = *state;
	char *p = fx_add(f->admin, "policy", "title=Online safety policy",
			 "next_review_on=2026-11-01", NULL);
	char *biennial = fx_add(f->admin, "policy", "title=Data protection policy",
				"cycle_months=24", "next_review_on=2026-11-01", NULL);
	char *status;

	expect(f, "2026-11-21", "POLICY_OVERDUE", p, SEVERITY_OVERDUE);
	free(fx_add(f->admin, "review", "policy=Online safety policy", "reviewed_on=2026-11-10",
		    NULL));
	assert_next_review(f, p, "2027-11-10");
	expect_none(f, "2026-11-21", NULL, p);

	/* The approval date, when there is one, starts the next cycle. */
	free(fx_add(f->admin, "review", "policy=Online safety policy", "reviewed_on=2026-11-15",
		    "approved_on=2026-11-25", "approved_by=Full governing board", "version=3",
		    NULL));
	assert_next_review(f, p, "2027-11-25");
	status = policy_field(f, p, "approved_on || ' ' || version || ' ' || status");
	assert_string_equal(status, "2026-11-25 3 approved");
	free(status);

	/* An older review recorded late changes nothing. */
	free(fx_add(f->admin, "review", "policy=Online safety policy", "reviewed_on=2025-11-01",
		    NULL));
	assert_next_review(f, p, "2027-11-25");

	free(fx_add(f->admin, "review", "policy=Data protection policy", "reviewed_on=2026-11-10",
		    NULL));
	assert_next_review(f, biennial, "2028-11-10");
	free(p);
	free(biennial);
}

/* A review and a policy's first approval count months the same way. */
static void review_cycle_counts_months_as_dates_do(void **state)
{
	struct fixture *f = *state;
	char *first = fx_add(f->admin, "policy", "title=Photography policy", "cycle_months=6",
			     "approved_on=2026-08-31", NULL);
	char *reviewed = fx_add(f->admin, "policy", "title=Acceptable use policy",
				"cycle_months=6", "next_review_on=2026-09-01", NULL);

	assert_next_review(f, first, "2027-02-28");
	free(fx_add(f->admin, "review", "policy=Acceptable use policy", "reviewed_on=2026-08-31",
		    NULL));
	assert_next_review(f, reviewed, "2027-02-28");
	free(first);
	free(reviewed);
}

/* --- the rules table against the schema -------------------------------------- */

/* The rows of the rules table raised by view. */
static unsigned rule_codes_of(const char *view, const char *code, unsigned *severities)
{
	size_t n;
	const struct due_rule *rules = due_rules(&n);
	unsigned found = 0;

	*severities = 0;
	for (size_t i = 0; i < n; i++)
		if (strcmp(rules[i].view, view) == 0) {
			*severities |= rules[i].severities;
			if (code != NULL && strcmp(rules[i].code, code) == 0)
				found++;
		}
	return found;
}

/* Whether text is a warning code: capitals and underscores. */
static bool is_code(const char *text)
{
	if (strlen(text) < 3)
		return false;
	for (const char *c = text; *c != '\0'; c++)
		if (!((*c >= 'A' && *c <= 'Z') || *c == '_'))
			return false;
	return true;
}

/*
 * The quoted literals of a view's SQL that are codes or severities: every
 * code must be the table's for this view, and the severities it names the
 * table's severities for it.  Returns how many codes it named.
 */
static size_t check_view_literals(const char *view, const char *sql)
{
	unsigned table_severities;
	unsigned view_severities = 0;
	size_t codes = 0;

	rule_codes_of(view, NULL, &table_severities);
	for (const char *p = strchr(sql, '\''); p != NULL; p = strchr(p + 1, '\'')) {
		const char *end = p + 1;
		char literal[64];

		while (*end != '\0' && !(end[0] == '\'' && end[1] != '\''))
			end += end[0] == '\'' ? 2 : 1;
		assert_int_equal(*end, '\'');
		snprintf(literal, sizeof literal, "%.*s", (int)(end - p - 1), p + 1);
		p = end;
		if (is_code(literal)) {
			unsigned ignored;

			if (rule_codes_of(view, literal, &ignored) != 1)
				fail_msg("%s raises %s, which the rules table does not give it", view, literal);
			codes++;
		}
		for (int sv = SEVERITY_OVERDUE; sv <= SEVERITY_INFO; sv++)
			if (strcmp(literal, severity_name((enum severity)sv)) == 0)
				view_severities |= SEVERITY_BIT(sv);
	}
	if (view_severities != table_severities)
		fail_msg("%s may say severities %#x, the rules table %#x", view, view_severities,
			 table_severities);
	return codes;
}

static void rules_table_matches_the_schema_views(void **state)
{
	struct fixture *f = *state;
	size_t n;
	const struct due_rule *rules = due_rules(&n);
	sqlite3 *db;
	sqlite3_stmt *stmt;
	size_t codes = 0;

	assert_true(n > 0);
	for (size_t i = 0; i < n; i++) {
		char *query = sqlite3_mprintf("SELECT sql FROM sqlite_schema "
					      "WHERE type = 'view' AND name = '%q'",
					      rules[i].view);
		char *sql = fx_sql_text(f, query);
		char quoted[64];
		bool new_view = i == 0 || strcmp(rules[i - 1].view, rules[i].view) != 0;

		snprintf(quoted, sizeof quoted, "'%s'", rules[i].code);
		if (sql == NULL)
			fail_msg("%s: the schema has no view %s", rules[i].code, rules[i].view);
		if (strstr(sql, quoted) == NULL)
			fail_msg("%s: the view %s never raises it", rules[i].code, rules[i].view);
		free(sql);
		sqlite3_free(query);
		assert_non_null(record_type_find(rules[i].register_name));
		assert_non_null(rules[i].help);
		assert_true(rules[i].severities != 0);
		for (size_t j = 0; j < i; j++) {
			if (strcmp(rules[j].code, rules[i].code) == 0)
				fail_msg("%s is in the rules table twice", rules[i].code);
			if (strcmp(rules[j].view, rules[i].view) != 0)
				continue;
			/* due_list reads a view once, at its first row. */
			if (new_view)
				fail_msg("%s: the rows of %s are not together", rules[i].code, rules[i].view);
			if (strcmp(rules[j].register_name, rules[i].register_name) != 0 ||
			    rules[j].counted != rules[i].counted)
				fail_msg("%s: the rows of %s differ on who sees them", rules[i].code,
					 rules[i].view);
		}
	}
	/* Every rule view of the schema is in the table, with the codes it raises. */
	assert_int_equal(sqlite3_open_v2(f->path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT name, sql FROM sqlite_schema "
						"WHERE type = 'view' AND name GLOB 'due_*' "
						"AND name <> 'due_context' ORDER BY name",
					    -1, &stmt, NULL),
			 SQLITE_OK);
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		const char *view = (const char *)sqlite3_column_text(stmt, 0);
		unsigned severities;

		if (rule_codes_of(view, NULL, &severities) == 0 && severities == 0)
			fail_msg("the rules table has no row for the view %s", view);
		codes += check_view_literals(view, (const char *)sqlite3_column_text(stmt, 1));
	}
	sqlite3_finalize(stmt);
	sqlite3_close(db);
	/* Each code is named once or more (a CASE names it in each branch). */
	assert_true(codes >= n);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, fixture_setup, fixture_teardown)
	const struct CMUnitTest tests[] = {
		T(policy_due_within_the_window_overdue_once_passed),
		T(changing_a_threshold_moves_the_window),
		T(retired_policy_raises_nothing),
		T(compliant_channel_raises_nothing),
		T(channel_without_master_admin),
		T(channel_not_risk_assessed),
		T(channel_privacy_check_due),
		T(channel_yes_no_safeguards),
		T(channel_signed_off_each_term),
		T(channel_dormant_without_posts),
		T(too_many_admins),
		T(closed_channel_raises_nothing),
		T(leaver_has_access),
		T(authorisation_review),
		T(consent_withdrawn_is_flagged_for_a_while),
		T(takedown_open_then_overdue),
		T(pupil_without_current_consent),
		T(contact_open_due_then_overdue),
		T(contact_open_is_for_the_dsl_only),
		T(training_due_each_school_year),
		T(training_due_without_induction),
		T(training_due_for_the_kinds_the_setting_names),
		T(must_read_policy_in_its_current_version),
		T(channel_loses_its_master_before_the_day),
		T(few_who_can_get_in),
		T(governor_counts_each_pupil_once),
		T(governor_sees_pupils_only_as_counts),
		T(within_days_looks_further_ahead),
		T(withdrawing_consent_raises_takedowns),
		T(recording_a_review_moves_the_next_review),
		T(review_cycle_counts_months_as_dates_do),
		T(rules_table_matches_the_schema_views),
	};
#undef T

	return cmocka_run_group_tests(tests, NULL, NULL);
}
