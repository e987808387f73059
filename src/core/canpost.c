/* The answer a member of staff needs before posting a photo. */
#include "core/canpost.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/access.h"
#include "core/date.h"
#include "core/record.h"
#include "core/ref.h"
#include "core/text.h"
#include "private.h"

/* Kinds of authorisation that may post. */
#define POSTING_KINDS "('master_admin', 'admin', 'poster')"

void post_answer_free(struct post_answer **ap)
{
	struct post_answer *a = *ap;

	if (a == NULL)
		return;
	for (size_t i = 0; i < a->count; i++) {
		free(a->reasons[i].subject);
		free(a->reasons[i].text);
	}
	free(a->reasons);
	free(a);
	*ap = NULL;
}

static int add_reason(struct post_answer *a, bool ok, const char *subject,
		      const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static int add_reason(struct post_answer *a, bool ok, const char *subject,
		      const char *fmt, ...)
{
	struct post_reason *grown = realloc(a->reasons, (a->count + 1) * sizeof *grown);
	struct post_reason *r;
	va_list ap;
	char text[512];

	if (grown == NULL)
		return -1;
	a->reasons = grown;
	r = &a->reasons[a->count];
	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	r->ok = ok;
	r->subject = strdup(subject ? subject : "");
	r->text = strdup(text);
	if (r->subject == NULL || r->text == NULL) {
		free(r->subject);
		free(r->text);
		return -1;
	}
	a->count++;
	if (!ok)
		a->yes = false;
	return 0;
}

struct channel_facts {
	char *id;
	char *title;
	char *use; /* the consent use a photo on it needs */
	char *use_label;
	char *closed_on;	 /* when closed, NULL while open */
	char *school;		 /* its school's name */
	bool school_never_names; /* no name beside a photo, at the school */
	bool never_names;	 /* or on this channel */
};

static void channel_facts_clear(struct channel_facts *c)
{
	free(c->id);
	free(c->title);
	free(c->use);
	free(c->use_label);
	free(c->closed_on);
	free(c->school);
}

static int load_channel(struct smreg *s, const char *ref, struct channel_facts *c,
			struct error *err)
{
	sqlite3_stmt *stmt;
	int rc = ref_resolve(s, record_type_find("channel"), ref, "channel", &c->id, err);

	if (rc == STATUS_OK)
		rc = db_prepare(s,
				"SELECT ch.platform || ':' || ch.account, ch.consent_use, "
				"(SELECT label FROM consent_use WHERE code = ch.consent_use), "
				"CASE WHEN ch.closed_on <= :today THEN ch.closed_on END, "
				"sc.name, sc.never_name, ch.never_name "
				"FROM channel AS ch JOIN school AS sc ON sc.id = ch.school "
				"WHERE ch.id = :id",
				&stmt, err);
	if (rc != STATUS_OK)
		return rc;
	bind_context(s, stmt);
	db_bind_text(stmt, sqlite3_bind_parameter_index(stmt, ":id"), c->id);
	if (sqlite3_step(stmt) == SQLITE_ROW) {
		c->title = db_column_dup(stmt, 0);
		c->use = db_column_dup(stmt, 1);
		c->use_label = db_column_dup(stmt, 2);
		c->closed_on = db_column_dup(stmt, 3);
		c->school = db_column_dup(stmt, 4);
		c->school_never_names = sqlite3_column_int(stmt, 5) != 0;
		c->never_names = sqlite3_column_int(stmt, 6) != 0;
	} else {
		rc = db_error(s, sqlite3_errcode(s->db), err);
	}
	db_release(stmt);
	return rc;
}

/* An outlet that is not a channel (the newsletter, the press...): never
 * closed, and known by the consent use it needs. */
static int load_outlet(struct smreg *s, const char *use, struct channel_facts *c,
		       struct error *err)
{
	int rc = db_query_text(s, "SELECT label FROM consent_use WHERE code = ?", use,
			       &c->use_label, err);

	if (rc == STATUS_OK && c->use_label == NULL)
		return error_set(err, STATUS_INVALID, "outlet", "\"%s\" is not a consent use", use);
	c->use = strdup(use);
	c->title = c->use_label ? strdup(c->use_label) : NULL;
	if (rc == STATUS_OK && (c->use == NULL || c->title == NULL))
		rc = error_set(err, STATUS_DATABASE, NULL, "out of memory");
	return rc;
}

static bool has_code(const char *codes, const char *code)
{
	size_t len = strlen(code);

	for (const char *p = codes; p != NULL && *p != '\0';) {
		size_t n = strcspn(p, ";");

		if (n == len && strncmp(p, code, len) == 0)
			return true;
		p += n;
		if (*p == ';')
			p++;
	}
	return false;
}

/* A school, or a channel, that never names children beside photos says
 * no to a named photo whatever the consent says. */
static int check_never_named(const struct channel_facts *ch, struct post_answer *a)
{
	if (ch->school_never_names)
		return add_reason(a, false, ch->school,
				  "the school never names children beside photos");
	if (ch->never_names)
		return add_reason(a, false, ch->title,
				  "names are never given beside photos on this channel");
	return 0;
}

/* When the objection in force today to a use (an SQL expression) was
 * received, at a school whose consent is opt-out; NULL when none. */
#define OBJECTION_TO(use)                                                                 \
	"SELECT o.received_on FROM objection AS o WHERE o.pupil = p.id "                  \
	"AND o.received_on <= date('now', 'localtime') "                                  \
	"AND (o.withdrawn_on IS NULL OR o.withdrawn_on > date('now', 'localtime')) "      \
	"AND (o.uses IS NULL OR instr(';' || o.uses || ';', ';' || " use " || ';') > 0) " \
	"ORDER BY o.received_on DESC LIMIT 1"

/*
 * Under opt-out, a pupil may be shown unless a parent has objected to the
 * use (and, when named, to a name beside the photo).  Returns non-zero
 * when memory ran out.
 */
static int check_objections(sqlite3_stmt *stmt, const char *name, const struct post_question *q,
			    const struct channel_facts *ch, struct post_answer *a)
{
	char when[DATE_ISO_SIZE];
	int failed;

	if (sqlite3_column_type(stmt, 8) != SQLITE_NULL) {
		date_iso_to_display((const char *)sqlite3_column_text(stmt, 8), when);
		failed = add_reason(a, false, name, "a parent objected on %s to %s (opt-out consent)",
				    when, ch->use_label);
	} else {
		failed = add_reason(a, true, name, "no objection to %s on record (opt-out consent)",
				    ch->use_label);
	}
	if (failed || !q->named)
		return failed;
	if (sqlite3_column_type(stmt, 9) != SQLITE_NULL) {
		date_iso_to_display((const char *)sqlite3_column_text(stmt, 9), when);
		return add_reason(a, false, name, "a parent objected on %s to a name beside a photo "
						  "(opt-out consent)",
				  when);
	}
	return add_reason(a, true, name, "no objection to a name beside a photo (opt-out consent)");
}

/* Each answer says which consent model applied, opt-in as opt-out does. */
#define OPT_IN " (opt-in consent)"

/* One pupil's consent, as it stands today, for this channel. */
static int check_pupil(struct smreg *s, const struct post_question *q, const char *ref,
		       const struct channel_facts *ch, struct post_answer *a, struct error *err)
{
	char *id = NULL;
	sqlite3_stmt *stmt;
	char when[DATE_ISO_SIZE];
	int rc = ref_resolve(s, record_type_find("pupil"), ref, "pupil", &id, err);

	/* clang-format off */
	if (rc == STATUS_OK)
		rc = db_prepare(s,
				"SELECT p.name, cc.id, cc.uses, latest.withdrawn_on, latest.expires_on, "
				"latest.id, EXISTS (SELECT 1 FROM takedown AS t WHERE t.pupil = p.id "
				"AND t.channel = :channel AND t.done_on IS NULL), "
				"(SELECT sc.consent_model FROM school AS sc WHERE sc.id = p.school), "
				"(" OBJECTION_TO(":use") "), (" OBJECTION_TO("'name_with_photo'") ") "
				"FROM pupil AS p "
				/* Reached through its id: joined whole, the view would
				 * be worked out for every pupil of the trust first. */
				"LEFT JOIN consent AS cc ON cc.id = (SELECT v.id FROM current_consent AS v "
				"WHERE v.pupil = p.id) "
				"LEFT JOIN consent AS latest ON latest.id = (SELECT c.id FROM consent AS c "
				"WHERE c.pupil = p.id ORDER BY c.received_on DESC, c.rowid DESC LIMIT 1) "
				"WHERE p.id = :pupil", &stmt, err);
	/* clang-format on */
	if (rc != STATUS_OK) {
		free(id);
		return rc;
	}
	db_bind_text(stmt, sqlite3_bind_parameter_index(stmt, ":channel"), ch->id);
	db_bind_text(stmt, sqlite3_bind_parameter_index(stmt, ":pupil"), id);
	db_bind_text(stmt, sqlite3_bind_parameter_index(stmt, ":use"), ch->use);
	if (sqlite3_step(stmt) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(stmt, 0);
		const char *uses = (const char *)sqlite3_column_text(stmt, 2);
		const char *model = (const char *)sqlite3_column_text(stmt, 7);
		bool opt_out = model != NULL && strcmp(model, "opt_out") == 0;
		bool current = sqlite3_column_type(stmt, 1) != SQLITE_NULL;
		bool failed = false;

		if (opt_out) {
			failed = check_objections(stmt, name, q, ch, a) != 0;
			/* The objections answer for the consent. */
			current = false;
		} else if (!current && sqlite3_column_type(stmt, 3) != SQLITE_NULL) {
			date_iso_to_display((const char *)sqlite3_column_text(stmt, 3), when);
			failed = add_reason(a, false, name, "consent was withdrawn on %s" OPT_IN, when);
		} else if (!current && sqlite3_column_type(stmt, 4) != SQLITE_NULL) {
			date_iso_to_display((const char *)sqlite3_column_text(stmt, 4), when);
			failed = add_reason(a, false, name, "consent expired on %s" OPT_IN, when);
		} else if (!current) {
			failed = add_reason(a, false, name, "no consent on record" OPT_IN);
		} else if (!has_code(uses, ch->use)) {
			failed = add_reason(a, false, name, "consent does not cover %s (%s)" OPT_IN,
					    ch->use_label, ch->use);
		} else {
			failed = add_reason(a, true, name, "consent covers %s" OPT_IN, ch->use_label);
		}
		if (!failed && current && q->named)
			failed = has_code(uses, "name_with_photo")
					 ? add_reason(a, true, name, "consent covers a name beside a photo" OPT_IN)
					 : add_reason(a, false, name, "consent does not cover a name beside a photo" OPT_IN);
		if (!failed && sqlite3_column_int(stmt, 6))
			failed = add_reason(a, false, name, "a takedown from %s is still open", ch->title);
		if (failed)
			rc = error_set(err, STATUS_DATABASE, NULL, "out of memory");
	} else {
		rc = db_error(s, sqlite3_errcode(s->db), err);
	}
	db_release(stmt);
	free(id);
	return rc;
}

/* Whether the poster holds an active authorisation to post on the channel. */
static int check_poster(struct smreg *s, const char *ref, const struct channel_facts *ch,
			struct post_answer *a, struct error *err)
{
	char *id = NULL;
	sqlite3_stmt *stmt;
	char when[DATE_ISO_SIZE];
	int rc = ref_resolve(s, record_type_find("person"), ref, "by", &id, err);

	if (rc == STATUS_OK)
		rc = db_prepare(s,
				"SELECT p.name, CASE WHEN p.left_on <= :today THEN p.left_on END, "
				"EXISTS (SELECT 1 FROM active_authorisation AS a WHERE a.person = p.id "
				"AND a.channel = :channel AND a.kind IN " POSTING_KINDS "), "
				"(SELECT max(a.revoked_on) FROM authorisation AS a WHERE a.person = p.id "
				"AND a.channel = :channel AND a.kind IN " POSTING_KINDS
				" AND a.revoked_on <= :today) "
				"FROM person AS p WHERE p.id = :person",
				&stmt, err);
	if (rc != STATUS_OK) {
		free(id);
		return rc;
	}
	bind_context(s, stmt);
	db_bind_text(stmt, sqlite3_bind_parameter_index(stmt, ":channel"), ch->id);
	db_bind_text(stmt, sqlite3_bind_parameter_index(stmt, ":person"), id);
	if (sqlite3_step(stmt) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(stmt, 0);
		int failed;

		if (sqlite3_column_type(stmt, 1) != SQLITE_NULL) {
			date_iso_to_display((const char *)sqlite3_column_text(stmt, 1), when);
			failed = add_reason(a, false, name, "left on %s", when);
		} else if (sqlite3_column_int(stmt, 2)) {
			failed = add_reason(a, true, name, "is authorised to post on %s", ch->title);
		} else if (sqlite3_column_type(stmt, 3) != SQLITE_NULL) {
			date_iso_to_display((const char *)sqlite3_column_text(stmt, 3), when);
			failed = add_reason(a, false, name,
					    "authorisation to post on %s was revoked on %s",
					    ch->title, when);
		} else {
			failed = add_reason(a, false, name, "is not authorised to post on %s", ch->title);
		}
		if (failed)
			rc = error_set(err, STATUS_DATABASE, NULL, "out of memory");
	} else {
		rc = db_error(s, sqlite3_errcode(s->db), err);
	}
	db_release(stmt);
	free(id);
	return rc;
}

int canpost_check(struct smreg *s, const struct post_question *q,
		  struct post_answer **out, struct error *err)
{
	struct channel_facts ch = {0};
	struct post_answer *a;
	char when[DATE_ISO_SIZE];
	int rc;

	*out = NULL;
	rc = access_require(s, record_type_find("pupil"), CAN_READ, "check consent of", err);
	if (rc == STATUS_OK && q->pupil_count == 0)
		rc = error_set(err, STATUS_USAGE, "pupil", "name at least one pupil");
	if (rc != STATUS_OK)
		return rc;
	a = calloc(1, sizeof *a);
	if (a == NULL)
		return error_set(err, STATUS_DATABASE, NULL, "out of memory");
	a->yes = true;
	/* The answer a member of staff acts on goes by the real day, never
	 * SMREG_TODAY's what-if: a withdrawn consent stays withdrawn. */
	session_use_real_day(s);
	rc = q->channel == NULL && q->outlet != NULL ? load_outlet(s, q->outlet, &ch, err)
						     : load_channel(s, q->channel, &ch, err);
	if (rc == STATUS_OK && ch.id == NULL) {
		if (add_reason(a, true, ch.title, "an outlet that is not a channel") != 0)
			rc = error_set(err, STATUS_DATABASE, NULL, "out of memory");
	} else if (rc == STATUS_OK) {
		date_iso_to_display(ch.closed_on, when);
		if ((ch.closed_on ? add_reason(a, false, ch.title, "the channel was closed on %s", when)
				  : add_reason(a, true, ch.title, "the channel is open")) != 0)
			rc = error_set(err, STATUS_DATABASE, NULL, "out of memory");
	}
	if (rc == STATUS_OK && q->named && check_never_named(&ch, a) != 0)
		rc = error_set(err, STATUS_DATABASE, NULL, "out of memory");
	for (size_t i = 0; rc == STATUS_OK && i < q->pupil_count; i++)
		rc = check_pupil(s, q, q->pupils[i], &ch, a, err);
	/* Authorisations are to post on channels; an outlet has none. */
	if (rc == STATUS_OK && q->poster != NULL && ch.id != NULL)
		rc = check_poster(s, q->poster, &ch, a, err);
	session_use_what_if(s);
	channel_facts_clear(&ch);
	if (rc != STATUS_OK) {
		post_answer_free(&a);
		return rc;
	}
	*out = a;
	return STATUS_OK;
}
