/*
 * The demonstration register.  Everything is made up; the dates are laid
 * out around today so that every warning rule has something to say.
 * Rows go in through the schema (its constraints and triggers, the audit
 * trail included), with statements prepared once, in one transaction.
 */
#include "core/demo.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <uuid/uuid.h>

#include "core/access.h"
#include "core/chainwrite.h"
#include "core/date.h"
#include "core/pack.h"
#include "core/search.h"
#include "core/text.h"
#include "private.h"

/* The demonstration's names and statements, laid out by hand. */
/* clang-format off */
static const char *const first_names[] = {
	"Zoë", "Siân", "Łukasz", "李雷", "Aoife", "Oluwaseun", "Mohammed", "Chloé", "Björn",
	"Ana-María", "Niamh", "Priya", "Zainab", "Дмитрий", "Kwame", "Ayşe", "Søren", "Amélie",
	"Raúl", "Noémie", "Fatima", "Tomás", "Ewa", "Hannah", "Oliver", "Amelia", "Jack", "Isla",
	"Harry", "Ava", "Leo", "Mia", "Arjun", "Yusuf", "Ngozi", "Giulia", "Mateusz", "Saoirse",
	"Hamza", "Kofi", "陈静", "Αλέξανδρος", "Émile", "Ingrid", "Mariam", "Callum", "Eilidh",
	"Rhys", "Ffion", "Dylan", "Grace", "Noah", "Freya", "Aarav", "Layla", "Jakub", "Olga",
};

static const char *const surnames[] = {
	"Adams", "Evans", "Kowalski", "Nowak", "O'Brien", "Ó Súilleabháin", "Okafor", "Nguyen",
	"Patel", "Khan", "Müller", "García", "Jones", "Williams", "Davies", "Thomas", "Roberts",
	"Lewis", "Hughes", "Morgan", "Smith", "Brown", "Taylor", "Wilson", "Ahmed", "Ali",
	"Hussain", "Begum", "Mensah", "Yılmaz", "Petrov", "Jensen", "Rossi", "Dubois", "Schmidt",
	"Wang", "Li", "Zhang", "MacLeod", "Campbell", "Fraser", "Ivanova", "Kaur", "Singh",
	"Chowdhury", "Ogunleye", "Bianchi", "Fernández", "Lindqvist", "Hernández", "Ward",
};

static const char *const places[] = {
	"St Aidan's", "Ashby Fields", "Beckford", "Calder Vale", "Dunmore", "Elmstead",
	"Fairhaven", "Glenbrook", "Hartwell", "Ivybridge Lane", "Juniper Hill", "Kingsmead",
	"Larkfield", "Millbrook", "Northgate", "Oakwood", "Pennington", "Queensway", "Riverside",
	"Saltmarsh", "Thornbury", "Upton Park", "Valley Road", "Westfield", "Yewtree",
};

static const char *const policy_titles[] = {
	"Social media policy", "Online safety policy", "Child protection and safeguarding policy",
	"Acceptable use policy (staff)", "Acceptable use policy (pupils)", "Data protection policy",
	"Photography and images policy", "Staff code of conduct", "Behaviour policy",
	"Anti-bullying policy", "Whistleblowing policy", "Complaints procedure",
	"Remote learning policy", "Mobile phone policy", "Privacy notice (pupils)",
	"Privacy notice (staff)", "Records retention policy", "Publication scheme",
	"Equality objectives", "SEND policy", "Attendance policy", "Health and safety policy",
	"Charging and remissions policy", "Educational visits policy",
	"Relationships and sex education policy",
};

static const char *const categories[] = {
	"pupil_contact", "friend_request", "inappropriate_content", "cyberbullying",
	"parent_post", "online_safety", "other",
};

static const char *const platforms[] = {
	"instagram", "snapchat", "tiktok", "whatsapp", "facebook", "x", "discord", "youtube",
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

struct channel_plan {
	const char *platform;
	const char *account_suffix;	/* after the school's code */
	const char *use;
};

static const struct channel_plan channel_plans[] = {
	{"facebook", "School", "social_media"},
	{"x", "_news", "social_media"},
	{"instagram", ".school", "social_media"},
	{"youtube", "SchoolTV", "video"},
	{"seesaw", "-classes", "class_app"},
	{"wordpress", "-blog", "website"},
};

/* A small deterministic generator, so a demo is the same every time. */
struct rng {
	uint64_t state;
};

static uint32_t rng_next(struct rng *r)
{
	r->state ^= r->state >> 12;
	r->state ^= r->state << 25;
	r->state ^= r->state >> 27;
	return (uint32_t)((r->state * 2685821657736338717ULL) >> 32);
}

static int rng_below(struct rng *r, int n)
{
	return n <= 0 ? 0 : (int)(rng_next(r) % (uint32_t)n);
}

static bool rng_percent(struct rng *r, int percent)
{
	return rng_below(r, 100) < percent;
}

struct demo {
	struct smreg *s;
	struct rng rng;
	long today;		/* days since 1970 */
	int scale;
	struct error *err;
	sqlite3_stmt *insert[16];
	struct chain_writer *chain; /* the audit chain, written in bulk */
	int people;		/* a counter for unique e-mail addresses */
	uint64_t id_ms;		/* new_id's time, when the demo began */
	uint64_t ids;		/* new_id's counter */
	struct rng id_rng;	/* new_id's random bits, unlike any other run's */
};

enum statement {
	INSERT_SCHOOL, INSERT_PERSON, INSERT_CHANNEL, INSERT_AUTHORISATION, INSERT_PUPIL,
	INSERT_CONSENT, WITHDRAW_CONSENT, INSERT_POLICY, INSERT_REVIEW, INSERT_CONTACT,
	INSERT_ACTION, INSERT_TRAINING, INSERT_USER, FINISH_TAKEDOWNS,
	STATEMENT_COUNT,
};

static const char *const statement_sql[] = {
	[INSERT_SCHOOL] = "INSERT INTO school (id, name, code, urn) VALUES (?, ?, ?, ?)",
	[INSERT_PERSON] = "INSERT INTO person (id, name, job_title, school, kind, email, started_on, left_on) "
			  "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
	[INSERT_CHANNEL] = "INSERT INTO channel (id, school, platform, account, url, purpose, audience, "
			   "consent_use, opened_on, closed_on, risk_assessed_on, approved_by, privacy_checked_on, "
			   "in_privacy_notice, emergency_access, mfa, school_email) "
			   "VALUES (?, ?, ?, ?, ?, ?, 'public', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	[INSERT_AUTHORISATION] = "INSERT INTO authorisation (id, person, channel, kind, detail, authorised_by, "
				 "granted_on, review_on, revoked_on, revoke_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	[INSERT_PUPIL] = "INSERT INTO pupil (id, school, name, year_group, mis_id, joined_on, left_on) "
			 "VALUES (?, ?, ?, ?, ?, ?, ?)",
	[INSERT_CONSENT] = "INSERT INTO consent (id, pupil, given_by, relationship, received_on, uses, expires_on, "
			   "form_ref) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
	[WITHDRAW_CONSENT] = "UPDATE consent SET withdrawn_on = ?, row_version = row_version + 1 WHERE id = ?",
	[INSERT_POLICY] = "INSERT INTO policy (id, title, school, owner, approver, statutory, cycle_months, "
			  "version, approved_on, next_review_on, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'approved')",
	[INSERT_REVIEW] = "INSERT INTO review (id, policy, reviewed_on, reviewed_by, approved_on, approved_by, "
			  "minute_ref, version, summary) VALUES (?, ?, ?, ?, ?, 'Full governing board', ?, ?, ?)",
	[INSERT_CONTACT] = "INSERT INTO contact (id, school, reported_on, reported_by, pupil, pupil_name, "
			   "pupil_status, platform, category, summary, dsl, status, action_taken, parent_informed, "
			   "referred_to, rationale, closed_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	[INSERT_ACTION] = "INSERT INTO action (id, contact, acted_on, \"by\", note) VALUES (?, ?, ?, ?, ?)",
	[INSERT_TRAINING] = "INSERT INTO training (id, person, kind, policy, completed_on) VALUES (?, ?, ?, ?, ?)",
	[INSERT_USER] = "INSERT OR IGNORE INTO user (id, login, person, roles) VALUES (?, ?, ?, ?)",
	[FINISH_TAKEDOWNS] = "UPDATE takedown SET done_on = min(date(raised_on, '+1 day'), ?), done_by = ?, "
			     "row_version = row_version + 1 WHERE done_on IS NULL AND raised_on < ?",
};
/* clang-format on */

/* An ISO date `offset` days from today.  The text lives in one of eight
 * rotating buffers: enough for the dates of any one row being written. */
static const char *day(struct demo *d, long offset)
{
	static char ring[8][DATE_ISO_SIZE];
	static int next;
	char *out = ring[next++ % 8];

	date_to_iso(date_from_days(d->today + offset), out);
	return out;
}

static int run(struct demo *d, enum statement which, const char *const *values, int count)
{
	sqlite3_stmt *stmt = d->insert[which];
	int rc;

	for (int i = 0; i < count; i++)
		db_bind_text(stmt, i + 1, values[i]);
	rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	sqlite3_clear_bindings(stmt);
	return rc == SQLITE_DONE ? STATUS_OK : db_error(d->s, rc, d->err);
}

/*
 * Ids in the order they are made (RFC 9562's version 7: the time in
 * milliseconds, a counter of 42 bits, 32 random bits), so that each
 * register's index by id, every index by a reference to it and the audit
 * trail's index by record fill at their end.  With random ids (version 4)
 * at a trust's scale, nearly every insert missed the page cache somewhere.
 * The time and the random bits keep them unique between registers.
 */
static void new_id(struct demo *d, char *id)
{
	uint64_t n = d->ids++;
	uint32_t tail = rng_next(&d->id_rng);
	unsigned char raw[16];

	for (int i = 0; i < 6; i++)
		raw[i] = (unsigned char)(d->id_ms >> (40 - 8 * i));
	raw[6] = (unsigned char)(0x70 | ((n >> 38) & 0x0f));
	raw[7] = (unsigned char)(n >> 30);
	raw[8] = (unsigned char)(0x80 | ((n >> 24) & 0x3f));
	raw[9] = (unsigned char)(n >> 16);
	raw[10] = (unsigned char)(n >> 8);
	raw[11] = (unsigned char)n;
	for (int i = 0; i < 4; i++)
		raw[12 + i] = (unsigned char)(tail >> (24 - 8 * i));
	uuid_unparse_lower(raw, id);
}

static void person_name(struct demo *d, char *out, size_t len)
{
	snprintf(out, len, "%s %s", first_names[rng_below(&d->rng, COUNT(first_names))],
		 surnames[rng_below(&d->rng, COUNT(surnames))]);
}

struct school_ids {
	char id[37];
	char code[16];
	char head[37];
	char dsl[37];
	char manager[37];
	char (*staff)[37];
	bool *staff_left;
	int staff_count;
	char (*pupils)[37];
	int pupil_count;
	char channels[COUNT(channel_plans)][37];
	char policies[COUNT(policy_titles)][37];
};

static int add_school(struct demo *d, int index, struct school_ids *ids)
{
	char name[128];
	char urn[16];
	const char *values[4];

	new_id(d, ids->id);
	snprintf(name, sizeof name, "%s %s", places[index % (int)COUNT(places)],
		 index % 3 == 2 ? "Academy" : "Primary School");
	if (index >= (int)COUNT(places))
		snprintf(name + strlen(name), sizeof name - strlen(name), " (%d)", index / (int)COUNT(places) + 1);
	snprintf(ids->code, sizeof ids->code, "S%02d", index + 1);
	snprintf(urn, sizeof urn, "9%05d", index + 1);
	values[0] = ids->id;
	values[1] = name;
	values[2] = ids->code;
	values[3] = urn;
	return run(d, INSERT_SCHOOL, values, 4);
}

static int add_person(struct demo *d, const struct school_ids *school, const char *job,
		      const char *kind, long started, long left, char *id)
{
	char name[128];
	char email[160];
	const char *values[8];

	person_name(d, name, sizeof name);
	snprintf(email, sizeof email, "person%d@%s.school.example", ++d->people, school->code);
	new_id(d, id);
	values[0] = id;
	values[1] = name;
	values[2] = job;
	values[3] = school->id;
	values[4] = kind;
	values[5] = email;
	values[6] = day(d, started);
	values[7] = left ? day(d, left) : NULL;
	return run(d, INSERT_PERSON, values, 8);
}

/* 60 staff a school, some long gone, and a few governors. */
static int add_people(struct demo *d, struct school_ids *ids)
{
	static const char *const jobs[] = {
		"Class teacher",
		"Teaching assistant",
		"Class teacher",
		"Office manager",
		"Site manager",
		"Lunchtime supervisor",
		"SENCo",
		"Class teacher",
	};
	char governor[37];
	int rc;

	ids->staff_count = 60;
	ids->staff = calloc((size_t)ids->staff_count, sizeof *ids->staff);
	ids->staff_left = calloc((size_t)ids->staff_count, sizeof *ids->staff_left);
	if (ids->staff == NULL || ids->staff_left == NULL)
		return error_set(d->err, STATUS_DATABASE, NULL, "out of memory");
	rc = add_person(d, ids, "Head teacher", "staff", -2900, 0, ids->head);
	if (rc == STATUS_OK)
		rc = add_person(d, ids, "Deputy head and DSL", "staff", -2500, 0, ids->dsl);
	if (rc == STATUS_OK)
		rc = add_person(d, ids, "School business manager", "staff", -3100, 0, ids->manager);
	for (int i = 0; i < ids->staff_count && rc == STATUS_OK; i++) {
		long started = -30 - rng_below(&d->rng, 3600);
		long left = 0;

		/* One in eight has left, one of those only last week. */
		if (i % 8 == 7) {
			left = i == 7 ? -7 : started + 200 + rng_below(&d->rng, (int)(-started - 200));
			ids->staff_left[i] = true;
		}
		rc = add_person(d, ids, jobs[i % (int)COUNT(jobs)], "staff", started, left, ids->staff[i]);
	}
	for (int i = 0; i < 6 && rc == STATUS_OK; i++)
		rc = add_person(d, ids, i == 0 ? "Chair of governors" : "Governor", "governor",
				-365 * (1 + i), 0, governor);
	return rc;
}

static int grant(struct demo *d, const char *person, const char *channel, const char *kind,
		 const char *by, long granted, long review, long revoked, const char *detail)
{
	char id[37];
	const char *values[10];

	new_id(d, id);
	values[0] = id;
	values[1] = person;
	values[2] = channel;
	values[3] = kind;
	values[4] = detail;
	values[5] = by;
	values[6] = day(d, granted);
	values[7] = review ? day(d, review) : NULL;
	values[8] = revoked ? day(d, revoked) : NULL;
	values[9] = revoked ? "no longer needed" : NULL;
	return run(d, INSERT_AUTHORISATION, values, 10);
}

/*
 * Six channels.  Channel 5 was closed two years ago.  The others each lack
 * one safeguard, so that every channel rule fires: no MFA, a personal
 * e-mail, no risk assessment, not in the privacy notice, no emergency
 * access, an old privacy check; channel 2 lost its master admin; channel 1
 * has too many admins; a leaver still posts on channel 0.
 */
static int add_channels(struct demo *d, struct school_ids *ids)
{
	int rc = STATUS_OK;

	for (int c = 0; c < (int)COUNT(channel_plans) && rc == STATUS_OK; c++) {
		const struct channel_plan *p = &channel_plans[c];
		char account[64];
		char url[160];
		const char *values[16];
		long opened = -3400 + c * 300;

		snprintf(account, sizeof account, "%s%s", ids->code, p->account_suffix);
		snprintf(url, sizeof url, "https://%s.example/%s", p->platform, account);
		new_id(d, ids->channels[c]);
		values[0] = ids->channels[c];
		values[1] = ids->id;
		values[2] = p->platform;
		values[3] = account;
		values[4] = url;
		values[5] = "news and celebrations for parents";
		values[6] = p->use;
		values[7] = day(d, opened);
		values[8] = c == 5 ? day(d, -730) : NULL;
		values[9] = c == 2 ? NULL : day(d, opened + 10);
		values[10] = c == 3 ? NULL : ids->head;
		values[11] = c == 4 ? day(d, -400) : day(d, -60 - c);
		values[12] = c == 1 ? "0" : "1";
		values[13] = c == 3 ? "0" : "1";
		values[14] = c == 0 ? "0" : "1";
		values[15] = c == 4 ? "0" : "1";
		rc = run(d, INSERT_CHANNEL, values, 16);
		if (rc == STATUS_OK)
			rc = grant(d, ids->manager, ids->channels[c], "master_admin", ids->head,
				   opened, 0, c == 2 ? -45 : 0, NULL);
		if (rc == STATUS_OK)
			rc = grant(d, ids->head, ids->channels[c], "admin", ids->head, opened, 0, 0, NULL);
		for (int k = 0; k < (c == 1 ? 3 : 0) && rc == STATUS_OK; k++)
			rc = grant(d, ids->staff[k], ids->channels[c], "admin", ids->head, -300, 0, 0, NULL);
		for (int k = 0; k < 3 && rc == STATUS_OK; k++) {
			int who = 3 + c * 4 + k;
			/* A leaver keeps their posting rights on channel 0. */
			long revoked = ids->staff_left[who] && c != 0 ? -5 : 0;

			if (c == 0 && k == 0)
				who = 7;
			rc = grant(d, ids->staff[who], ids->channels[c], "poster", ids->head, -700,
				   k == 1 ? (c == 0 ? -20 : 20 + c) : 365, revoked, NULL);
		}
	}
	if (rc == STATUS_OK)
		rc = grant(d, ids->staff[10], NULL, "exception", ids->head, -200, 165, 0,
			   "friends online with a parent who is their sister");
	return rc;
}

static void consent_uses(struct demo *d, char *out, size_t len)
{
	static const char *const all = "class_app;displays;name_with_photo;newsletter;press;social_media;video;website";
	static const char *const some = "class_app;displays;newsletter;website";

	snprintf(out, len, "%s", rng_percent(&d->rng, 80) ? all : some);
}

/* 400 pupils a school, each with their consent history. */
static int add_pupils(struct demo *d, struct school_ids *ids)
{
	static const char *const years[] = {"R", "1", "2", "3", "4", "5", "6"};
	static const char *const relations[] = {"mother", "father", "carer", "grandmother"};
	int rc = STATUS_OK;

	ids->pupil_count = 400;
	ids->pupils = calloc((size_t)ids->pupil_count, sizeof *ids->pupils);
	if (ids->pupils == NULL)
		return error_set(d->err, STATUS_DATABASE, NULL, "out of memory");
	for (int i = 0; i < ids->pupil_count && rc == STATUS_OK; i++) {
		char name[128], parent[128], mis[40], uses[128], consent[37], form[64];
		int year = i % 7;
		long joined = -(long)year * 365 - 100 - rng_below(&d->rng, 200);
		long left = i % 9 == 8 ? joined + 1 + rng_below(&d->rng, (int)(-joined - 1)) : 0;
		const char *values[8];

		person_name(d, name, sizeof name);
		snprintf(mis, sizeof mis, "%s-%04d", ids->code, i + 1);
		new_id(d, ids->pupils[i]);
		values[0] = ids->pupils[i];
		values[1] = ids->id;
		values[2] = name;
		values[3] = years[year];
		values[4] = mis;
		values[5] = day(d, joined);
		values[6] = left ? day(d, left) : NULL;
		rc = run(d, INSERT_PUPIL, values, 7);
		/* One in twenty has no consent form back yet. */
		if (rc != STATUS_OK || i % 20 == 19)
			continue;
		snprintf(parent, sizeof parent, "%s %s", first_names[rng_below(&d->rng, COUNT(first_names))],
			 strchr(name, ' ') + 1);
		consent_uses(d, uses, sizeof uses);
		snprintf(form, sizeof form, "Consent file %s/%d", ids->code, i + 1);
		new_id(d, consent);
		values[0] = consent;
		values[1] = ids->pupils[i];
		values[2] = parent;
		values[3] = relations[rng_below(&d->rng, COUNT(relations))];
		values[4] = day(d, joined);
		values[5] = uses;
		/* A few consents ran for a fixed time and have lapsed. */
		values[6] = i % 37 == 5 ? day(d, -10 - i % 50) : NULL;
		values[7] = form;
		rc = run(d, INSERT_CONSENT, values, 8);
		/* One in thirty withdrew, a few only this month. */
		if (rc == STATUS_OK && i % 30 == 11) {
			const char *w[2] = {day(d, i < 100 ? -3 - i % 20 : -40 - rng_below(&d->rng, 900)), consent};

			if (strcmp(w[0], values[4]) < 0)
				w[0] = values[4];
			rc = run(d, WITHDRAW_CONSENT, w, 2);
		}
	}
	return rc;
}

/* 25 policies, each with its past reviews; a few overdue, a few due soon. */
static int add_policies(struct demo *d, struct school_ids *ids)
{
	int rc = STATUS_OK;

	for (int i = 0; i < (int)COUNT(policy_titles) && rc == STATUS_OK; i++) {
		/* Policy 0 is overdue, 1 and 2 are due within the warning window. */
		long next = i == 0 ? -30 : i == 1 ? 20
				   : i == 2	  ? 50
						  : 70 + (i * 13) % 290;
		long approved = next - 365;
		char version[16];
		const char *values[10];

		snprintf(version, sizeof version, "%d.0", 2 + i % 5);
		new_id(d, ids->policies[i]);
		values[0] = ids->policies[i];
		values[1] = policy_titles[i];
		values[2] = d->scale > 1 ? ids->id : NULL;
		values[3] = i % 2 ? ids->dsl : ids->head;
		values[4] = "Full governing board";
		values[5] = i < 6 ? "1" : "0";
		values[6] = "12";
		values[7] = version;
		values[8] = day(d, approved);
		values[9] = day(d, next);
		rc = run(d, INSERT_POLICY, values, 10);
		for (int y = 1 + i % 9; y >= 1 && rc == STATUS_OK; y--) {
			char id[37], minute[24], v[16];
			const char *r[8];
			long on = approved - 365L * (y - 1);

			new_id(d, id);
			snprintf(minute, sizeof minute, "FGB %s/%d", ids->code, 10 + y);
			snprintf(v, sizeof v, "%d.0", 2 + i % 5 - (y > 1));
			r[0] = id;
			r[1] = ids->policies[i];
			r[2] = day(d, on - 14);
			r[3] = i % 2 ? ids->dsl : ids->head;
			r[4] = day(d, on);
			r[5] = minute;
			r[6] = v;
			r[7] = "Reviewed; wording updated to current guidance.";
			rc = run(d, INSERT_REVIEW, r, 8);
		}
	}
	return rc;
}

static int add_action(struct demo *d, const char *contact, long on, const char *by,
		      const char *note)
{
	char id[37];
	const char *values[5];

	new_id(d, id);
	values[0] = id;
	values[1] = contact;
	values[2] = day(d, on);
	values[3] = by;
	values[4] = note;
	return run(d, INSERT_ACTION, values, 5);
}

/* Contact reports over ten years; old ones closed with the DSL's rationale. */
static int add_contacts(struct demo *d, struct school_ids *ids, int count)
{
	static const char *const notes[] = {
		"Spoke to the member of staff; they had not replied and have now blocked the account.",
		"Parents informed by telephone; they will monitor the pupil's accounts.",
		"Screenshots saved to the safeguarding drive; no further contact since.",
	};
	int rc = STATUS_OK;

	for (int i = 0; i < count && rc == STATUS_OK; i++) {
		char id[37];
		/* The newest few are recent and open; one is a month old and still open. */
		long reported = i < 3 ? -2 - i * 15 : -40 - rng_below(&d->rng, 3600);
		bool open = i < 3;
		long closed = reported + 5 + rng_below(&d->rng, 30);
		const char *pupil = ids->pupils[rng_below(&d->rng, ids->pupil_count)];
		bool former = i % 11 == 4;
		const char *category = categories[rng_below(&d->rng, COUNT(categories))];
		const char *values[17];

		if (closed > -1)
			closed = -1;
		new_id(d, id);
		values[0] = id;
		values[1] = ids->id;
		values[2] = day(d, reported);
		values[3] = ids->staff[rng_below(&d->rng, ids->staff_count)];
		values[4] = former ? NULL : pupil;
		values[5] = former ? "a former pupil (left in 2019)" : NULL;
		values[6] = former ? "former" : "current";
		values[7] = platforms[rng_below(&d->rng, COUNT(platforms))];
		values[8] = category;
		values[9] = "A pupil sent a message to a member of staff's personal account.";
		values[10] = ids->dsl;
		values[11] = open ? (i == 2 ? "monitoring" : "open") : "closed";
		values[12] = open ? NULL : "Member of staff reminded of the social media policy.";
		values[13] = rng_percent(&d->rng, 70) ? "1" : "0";
		values[14] = i % 17 == 3 ? "Children's social care" : NULL;
		values[15] = open ? NULL : "No risk of harm found; no referral needed. Monitored for two weeks.";
		values[16] = open ? NULL : day(d, closed);
		rc = run(d, INSERT_CONTACT, values, 17);
		for (int a = 0; a < 3 && rc == STATUS_OK; a++) {
			long on = reported + a * (open ? 1 : (closed - reported) / 3);

			rc = add_action(d, id, on > -1 ? -1 : on, ids->dsl, notes[a]);
		}
	}
	return rc;
}

static int add_training(struct demo *d, struct school_ids *ids)
{
	static const char *const kinds[] = {"induction", "annual_refresher", "policy_read"};
	int rc = STATUS_OK;

	for (int i = 0; i < ids->staff_count && rc == STATUS_OK; i++) {
		for (int k = 0; k < 3 && rc == STATUS_OK; k++) {
			char id[37];
			const char *values[5];

			/* Most are up to date; some missed the refresher or the reading. */
			if ((k == 0 && i % 25 == 24) || (k == 1 && i % 12 == 5) || (k == 2 && i % 10 == 4))
				continue;
			new_id(d, id);
			values[0] = id;
			values[1] = ids->staff[i];
			values[2] = kinds[k];
			values[3] = k == 2 ? ids->policies[0] : NULL;
			values[4] = day(d, k == 0 ? -rng_below(&d->rng, 20) - 3000 : -rng_below(&d->rng, 40) - 1);
			rc = run(d, INSERT_TRAINING, values, 5);
		}
	}
	return rc;
}

/* Users for the roles, so each can be tried (their logins are made up). */
static int add_users(struct demo *d, struct school_ids *ids)
{
	static const char *const logins[] = {"bursar", "dsl", "governor", "teacher"};
	static const char *const roles[] = {"admin", "dsl", "governor", "staff"};
	const char *people[] = {ids->manager, ids->dsl, NULL, ids->staff[0]};
	int rc = STATUS_OK;

	for (int i = 0; i < 4 && rc == STATUS_OK; i++) {
		char id[37];
		const char *values[4];

		new_id(d, id);
		values[0] = id;
		values[1] = logins[i];
		values[2] = people[i];
		values[3] = roles[i];
		rc = run(d, INSERT_USER, values, 4);
	}
	return rc;
}

static void school_ids_clear(struct school_ids *ids)
{
	free(ids->staff);
	free(ids->staff_left);
	free(ids->pupils);
}

/* Contact reports per school: 200 at scale 1, rising to 2,000 at 50 and
 * staying there (scale 200: 400,000 reports). */
static int contacts_per_school(int scale)
{
	return scale >= 50 ? 2000 : 200 + (1800 * (scale - 1)) / 49;
}

static int add_school_and_all(struct demo *d, int index)
{
	struct school_ids ids = {0};
	int rc = add_school(d, index, &ids);

	if (rc == STATUS_OK)
		rc = add_people(d, &ids);
	if (rc == STATUS_OK)
		rc = add_channels(d, &ids);
	if (rc == STATUS_OK)
		rc = add_pupils(d, &ids);
	if (rc == STATUS_OK)
		rc = add_policies(d, &ids);
	if (rc == STATUS_OK)
		rc = add_contacts(d, &ids, contacts_per_school(d->scale));
	if (rc == STATUS_OK)
		rc = add_training(d, &ids);
	if (rc == STATUS_OK && index == 0)
		rc = add_users(d, &ids);
	if (rc == STATUS_OK) {
		/* Takedowns of long ago were done the day after. */
		const char *values[3] = {day(d, -1), ids.manager, day(d, -10)};

		rc = run(d, FINISH_TAKEDOWNS, values, 3);
	}
	school_ids_clear(&ids);
	return rc;
}

/*
 * What the schools' policies require (issue 13), so that each of its
 * warnings shows somewhere: governors need the refresher too, the social
 * media policy must be read by staff and governors in its version, and a
 * channel is about to lose its master administrator.
 */
static int add_policy_requirements(struct demo *d)
{
	static const char *const steps[] = {
		"UPDATE training_need SET kinds = 'staff;governor' WHERE training = 'annual_refresher'",
		"UPDATE policy SET must_read = 'staff;governor' WHERE title = 'Social media policy'",
		"UPDATE training SET version = (SELECT p.version FROM policy AS p "
		"WHERE p.id = training.policy) WHERE kind = 'policy_read'",
		/* Dated as policies print them: the social media policy by its
		 * month, and one whose "Date:" was left blank (issue 13.5). */
		"UPDATE policy SET approved_on = substr(approved_on, 1, 7), "
		"next_review_on = substr(next_review_on, 1, 7) WHERE title = 'Social media policy'",
		"UPDATE policy SET approved_on = NULL, next_review_on = NULL "
		"WHERE title = 'Publication scheme'",
		/* A master administrator moving on in three weeks, with no one
		 * named to take over. */
		"UPDATE authorisation SET revoked_on = date('now', 'localtime', '+20 days'), "
		"revoke_reason = 'moving to another school' WHERE id = (SELECT a.id "
		"FROM active_authorisation AS a WHERE a.kind = 'master_admin' AND a.revoked_on IS NULL "
		"AND a.channel IN (SELECT id FROM open_channel) "
		"AND EXISTS (SELECT 1 FROM active_authorisation AS b WHERE b.channel = a.channel "
		"AND b.kind = 'admin') ORDER BY a.rowid LIMIT 1)",
	};
	int rc = STATUS_OK;

	for (size_t i = 0; i < COUNT(steps) && rc == STATUS_OK; i++)
		rc = db_exec(d->s, steps[i], d->err);
	return rc;
}

/*
 * Channels are run, not only opened (issue 13.8): the head teacher's
 * termly sign-offs, some of them falling due, and lately recorded posts
 * showing pupils whose consent covers them, but none on every fifth
 * channel, which is dormant.
 */
static int add_channel_running(struct demo *d)
{
	static const char *const steps[] = {
		"INSERT INTO signoff (id, channel, signed_on, signed_by, note) "
		"SELECT smreg_uuid(), ch.id, date('now', 'localtime', '-' || (40 + (ch.n % 4) * 35) || "
		"' days'), ch.approved_by, 'posts, followers and who can get in checked' "
		"FROM (SELECT o.*, row_number() OVER (ORDER BY o.opened_on, o.id) AS n "
		"FROM open_channel AS o) AS ch",
		"INSERT INTO post (id, channel, posted_on, url, pupils, named, answer) "
		"SELECT smreg_uuid(), ch.id, date('now', 'localtime', '-' || ((ch.n % 3) * 7 + 2) || "
		"' days'), ch.url, (SELECT group_concat(v.pupil, ';') FROM (SELECT c.pupil "
		"FROM current_consent AS c JOIN pupil AS p ON p.id = c.pupil "
		"WHERE p.school = ch.school AND instr(';' || c.uses || ';', ';' || ch.consent_use || ';') > 0 "
		"ORDER BY c.pupil LIMIT 2) AS v), 0, 'yes: recorded by the demonstration' "
		"FROM (SELECT o.*, row_number() OVER (ORDER BY o.opened_on, o.id) AS n "
		"FROM open_channel AS o) AS ch WHERE ch.n % 5 <> 0",
	};
	int rc = STATUS_OK;

	for (size_t i = 0; i < COUNT(steps) && rc == STATUS_OK; i++)
		rc = db_exec(d->s, steps[i], d->err);
	return rc;
}

/* An audit time `days` before now, as the schema keeps it (UTC). */
static void audit_time(time_t now, long days, char out[24])
{
	time_t t = now - (time_t)days * 86400;
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 24, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/*
 * One sweep over the contact reports in the order of their ids (so the
 * audit's index by record fills nearly in order): each is opened once,
 * or, when `wanted` is fewer than the reports, a fair choice of `wanted`
 * of them (Knuth's selection sampling), at a time in the last ten years.
 */
static int history_sweep(struct demo *d, sqlite3_stmt *contacts, long wanted, long reports)
{
	time_t now = time(NULL);
	long seen = 0;
	int rc = STATUS_OK;

	while (rc == STATUS_OK && wanted > 0 && sqlite3_step(contacts) == SQLITE_ROW) {
		const char *id = (const char *)sqlite3_column_text(contacts, 0);
		char at[24];

		if ((long)(rng_next(&d->rng) % (uint32_t)(reports - seen)) < wanted) {
			audit_time(now, rng_below(&d->rng, 3650), at);
			rc = chain_append_read(d->chain, at, "dsl", "contact", id, "open", d->err);
			wanted--;
		}
		seen++;
	}
	sqlite3_reset(contacts);
	return rc;
}

/*
 * The audit trail of ten years' reading: 20,000 entries a school in all.
 * Most of the trail (a million rows at scale 50), written by the chain
 * writer with their hashes.
 */
static int add_reading_history(struct demo *d)
{
	sqlite3_stmt *contacts = NULL;
	char *count = NULL;
	long missing = 0;
	long reports = 0;
	int rc = db_query_text(d->s, "SELECT (SELECT count(*) FROM contact) || ' ' || (SELECT count(*) FROM audit)",
			       NULL, &count, d->err);

	if (rc == STATUS_OK && count != NULL && sscanf(count, "%ld %ld", &reports, &missing) == 2)
		missing = 20000L * d->scale - missing;
	free(count);
	if (rc != STATUS_OK || missing <= 0 || reports <= 0)
		return rc;
	rc = chain_catch_up(d->chain, d->err);
	if (rc == STATUS_OK &&
	    sqlite3_prepare_v2(d->s->db, "SELECT id FROM contact ORDER BY id", -1, &contacts, NULL) != SQLITE_OK)
		rc = db_error(d->s, sqlite3_errcode(d->s->db), d->err);
	/* Each report is opened several times over the years: a sweep each. */
	while (rc == STATUS_OK && missing > 0) {
		long wanted = missing < reports ? missing : reports;

		rc = history_sweep(d, contacts, wanted, reports);
		missing -= wanted;
	}
	sqlite3_finalize(contacts);
	return rc;
}

static int refuse_filled(struct demo *d)
{
	char *records = NULL;
	int rc = db_query_text(d->s, "SELECT (SELECT count(*) FROM school) + (SELECT count(*) FROM person) "
				     "+ (SELECT count(*) FROM channel) + (SELECT count(*) FROM pupil)",
			       NULL, &records, d->err);

	if (rc == STATUS_OK && records != NULL && atol(records) > 0)
		rc = error_set(d->err, STATUS_INVALID, NULL,
			       "%s already holds records; the demonstration fills only a new register "
			       "(try smreg --db demo.db demo)",
			       smreg_path(d->s));
	free(records);
	return rc;
}

/* new_id's start: now, and random bits from libuuid (never zero). */
static void demo_ids_begin(struct demo *d)
{
	struct timespec now;
	uuid_t seed;

	clock_gettime(CLOCK_REALTIME, &now);
	d->id_ms = (uint64_t)now.tv_sec * 1000 + (uint64_t)now.tv_nsec / 1000000;
	uuid_generate_random(seed);
	memcpy(&d->id_rng.state, seed, sizeof d->id_rng.state);
	d->id_rng.state |= 1;
}

int demo_fill(struct smreg *s, int scale, struct error *err)
{
	struct demo d = {.s = s, .rng = {0x9E3779B97F4A7C15ULL}, .scale = scale, .err = err};
	int rc = STATUS_OK;

	d.today = date_to_days(s->today);
	demo_ids_begin(&d);
	if (!(s->roles & ROLE_ADMIN))
		return error_set(err, STATUS_DENIED, NULL, "permission denied: only an admin fills a register");
	if (scale < 1 || scale > DEMO_SCALE_MAX)
		return error_set(err, STATUS_USAGE, "--scale", "must be from 1 to %d", DEMO_SCALE_MAX);
	rc = refuse_filled(&d);
	for (int i = 0; i < STATEMENT_COUNT && rc == STATUS_OK; i++)
		if (sqlite3_prepare_v2(s->db, statement_sql[i], -1, &d.insert[i], NULL) != SQLITE_OK)
			rc = db_error(s, sqlite3_errcode(s->db), err);
	/*
	 * A trust's ten years is hundreds of megabytes written in one go.  A
	 * rollback journal writes the new pages once, where the WAL would
	 * write them twice; the register is new, so its journal stays tiny.
	 * A cache of 32 MB holds the indexes being filled; the rest spills
	 * to the file as it goes: with the journal below, a trust of fifty is
	 * made in 49 MB (it took 291 MB with a cache the size of the register).
	 */
	if (rc == STATUS_OK)
		rc = db_bulk_begin(s, 32768, err);
	if (rc == STATUS_OK)
		rc = db_exec(s, "PRAGMA journal_mode = DELETE", err);
	if (rc == STATUS_OK)
		rc = db_begin(s, err);
	/* Each school's audit rows are hashed while their pages are in the
	 * cache; the trigger is back before the DfE's list goes in. */
	if (rc == STATUS_OK)
		rc = chain_pause(s, &d.chain, err);
	for (int i = 0; i < scale && rc == STATUS_OK; i++) {
		rc = add_school_and_all(&d, i);
		if (rc == STATUS_OK)
			rc = chain_catch_up(d.chain, err);
	}
	if (rc == STATUS_OK)
		rc = add_policy_requirements(&d);
	if (rc == STATUS_OK)
		rc = add_channel_running(&d);
	if (rc == STATUS_OK)
		rc = add_reading_history(&d);
	if (rc == STATUS_OK)
		rc = chain_resume(d.chain, err);
	else
		chain_abandon(d.chain);
	/* The DfE's list, so that the statutory policies missing show. */
	if (rc == STATUS_OK)
		rc = pack_follow(s, PACK_MAINTAINED, err);
	/* The filter's index made in one go, as a migration makes it: else
	 * the first filter would take in every row the demonstration wrote. */
	if (rc == STATUS_OK)
		rc = search_rebuild(s, err);
	if (rc == STATUS_OK)
		rc = db_commit(s, err);
	else
		db_rollback(s);
	for (int i = 0; i < STATEMENT_COUNT; i++)
		sqlite3_finalize(d.insert[i]);
	db_bulk_end(s);
	db_exec(s, "PRAGMA journal_mode = WAL", NULL);
	if (rc == STATUS_OK)
		smreg_reload_user(s, NULL);
	return rc;
}
