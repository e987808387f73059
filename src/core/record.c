/* The registers and their fields: the one place that describes them. */
#include "core/record.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

#define REQ FIELD_REQUIRED
#define LIST FIELD_LISTED
#define NAME FIELD_NAME

static const char *const person_kinds[] = {"staff", "governor", "volunteer", "contractor", NULL};
static const char *const audiences[] = {"public", "private", "group", NULL};
static const char *const authorisation_kinds[] = {
	"master_admin", "admin", "poster", "moderator", "exception", NULL};
static const char *const policy_statuses[] = {"draft", "approved", "under_review", "retired", NULL};
static const char *const pupil_statuses[] = {"current", "former", NULL};
static const char *const contact_categories[] = {
	"pupil_contact", "friend_request", "inappropriate_content", "cyberbullying",
	"parent_post", "online_safety", "other", NULL};
static const char *const contact_statuses[] = {"open", "monitoring", "closed", NULL};
static const char *const training_kinds[] = {
	"induction", "annual_refresher", "policy_read", "cpd", NULL};
static const char *const role_choices[] = {"admin", "dsl", "governor", "staff", NULL};

static const struct field school_fields[] = {
	{"name", "Name", FIELD_TEXT, REQ | LIST | NAME, NULL, NULL, NULL, 32, "the school's name"},
	{"code", "Code", FIELD_TEXT, LIST | NAME, NULL, NULL, NULL, 10, "a short code, e.g. SMP"},
	{"urn", "URN", FIELD_TEXT, LIST | NAME, NULL, NULL, NULL, 8, "the school's unique reference number (6 digits)"},
};

static const struct field person_fields[] = {
	{"name", "Name", FIELD_TEXT, REQ | LIST | NAME, NULL, NULL, NULL, 24, "full name"},
	{"job_title", "Job title", FIELD_TEXT, LIST, NULL, NULL, NULL, 20, "e.g. Head teacher, Class teacher"},
	{"school", "School", FIELD_REF, LIST, "school", NULL, NULL, 14, "empty: works across the schools"},
	{"kind", "Kind", FIELD_CHOICE, REQ | LIST, NULL, person_kinds, "staff", 10, "staff, governor, volunteer or contractor"},
	{"email", "E-mail", FIELD_TEXT, NAME, NULL, NULL, NULL, 24, "work e-mail address"},
	{"started_on", "Started", FIELD_DATE, 0, NULL, NULL, NULL, 10, "first day"},
	{"left_on", "Left", FIELD_DATE, LIST, NULL, NULL, NULL, 10, "last day; their access must end"},
	{"notes", "Notes", FIELD_LONG_TEXT, 0, NULL, NULL, NULL, 20, NULL},
};

static const struct field channel_fields[] = {
	{"school", "School", FIELD_REF, REQ | LIST, "school", NULL, NULL, 14, "the school the channel speaks for"},
	{"platform", "Platform", FIELD_TEXT, REQ | LIST | NAME, NULL, NULL, NULL, 10, "e.g. facebook, x, instagram, youtube"},
	{"account", "Account", FIELD_TEXT, REQ | LIST | NAME, NULL, NULL, NULL, 22, "the account's name on the platform"},
	{"url", "Address", FIELD_TEXT, 0, NULL, NULL, NULL, 30, "the channel's web address"},
	{"purpose", "Purpose", FIELD_TEXT, 0, NULL, NULL, NULL, 24, "what the school uses it for"},
	{"audience", "Audience", FIELD_CHOICE, 0, NULL, audiences, NULL, 8, "public, private or group"},
	{"consent_use", "Consent use", FIELD_REF, REQ, "consent_use", NULL, "social_media", 14, "the consent a photo on it needs"},
	{"opened_on", "Opened", FIELD_DATE, REQ | LIST, NULL, NULL, "today", 10, "when the account was opened"},
	{"closed_on", "Closed", FIELD_DATE, LIST, NULL, NULL, NULL, 10, "when it was closed"},
	{"risk_assessed_on", "Risk assessed", FIELD_DATE, 0, NULL, NULL, NULL, 10, "date of its risk assessment (DPIA)"},
	{"approved_by", "Approved by", FIELD_REF, 0, "person", NULL, NULL, 16, "the head teacher who approved it"},
	{"privacy_checked_on", "Privacy checked", FIELD_DATE, 0, NULL, NULL, NULL, 10, "when its privacy settings were last checked"},
	{"in_privacy_notice", "In privacy notice", FIELD_YES_NO, 0, NULL, NULL, "no", 3, "listed in the school's privacy notice"},
	{"emergency_access", "Emergency access", FIELD_YES_NO, 0, NULL, NULL, "no", 3, "leadership can reach the login details in an emergency"},
	{"mfa", "Two-factor sign-in", FIELD_YES_NO, 0, NULL, NULL, "no", 3, "two-factor sign-in is on"},
	{"school_email", "School e-mail", FIELD_YES_NO, 0, NULL, NULL, "no", 3, "signed up with a school e-mail, not one person's"},
	{"notes", "Notes", FIELD_LONG_TEXT, 0, NULL, NULL, NULL, 20, "never a password: who holds the login, not the login"},
};

static const struct field authorisation_fields[] = {
	{"person", "Person", FIELD_REF, REQ | LIST, "person", NULL, NULL, 20, "who is authorised"},
	{"channel", "Channel", FIELD_REF, LIST, "channel", NULL, NULL, 22, "on which channel (empty for an exception)"},
	{"kind", "Kind", FIELD_CHOICE, REQ | LIST, NULL, authorisation_kinds, "poster", 12, "master_admin, admin, poster, moderator or exception"},
	{"detail", "Detail", FIELD_TEXT, 0, NULL, NULL, NULL, 24, "what an exception allows"},
	{"authorised_by", "Authorised by", FIELD_REF, REQ, "person", NULL, NULL, 16, "who approved it (the head teacher)"},
	{"granted_on", "Granted", FIELD_DATE, REQ | LIST, NULL, NULL, "today", 10, "from when"},
	{"review_on", "Review", FIELD_DATE, LIST, NULL, NULL, NULL, 10, "when to review it"},
	{"revoked_on", "Revoked", FIELD_DATE, LIST, NULL, NULL, NULL, 10, "when it was taken away"},
	{"revoke_reason", "Revoke reason", FIELD_TEXT, 0, NULL, NULL, NULL, 20, "why it was taken away"},
};

static const struct field pupil_fields[] = {
	{"school", "School", FIELD_REF, REQ | LIST, "school", NULL, NULL, 14, "the pupil's school"},
	{"name", "Name", FIELD_TEXT, REQ | LIST | NAME, NULL, NULL, NULL, 24, "full name"},
	{"year_group", "Year", FIELD_TEXT, LIST, NULL, NULL, NULL, 5, "e.g. R, 3, 11"},
	{"mis_id", "MIS id", FIELD_TEXT, LIST | NAME, NULL, NULL, NULL, 8, "the school's own pupil number"},
	{"joined_on", "Joined", FIELD_DATE, 0, NULL, NULL, NULL, 10, "first day on roll"},
	{"left_on", "Left", FIELD_DATE, LIST, NULL, NULL, NULL, 10, "last day on roll"},
};

static const struct field consent_use_fields[] = {
	{"code", "Code", FIELD_TEXT, REQ | LIST | NAME, NULL, NULL, NULL, 16, "lower case, e.g. social_media"},
	{"label", "Label", FIELD_TEXT, REQ | LIST | NAME, NULL, NULL, NULL, 40, "as the consent form asks it"},
};

static const struct field consent_fields[] = {
	{"pupil", "Pupil", FIELD_REF, REQ | LIST | FIELD_FIXED, "pupil", NULL, NULL, 22, "whose consent"},
	{"given_by", "Given by", FIELD_TEXT, REQ | LIST, NULL, NULL, NULL, 18, "the parent or carer who signed"},
	{"relationship", "Relationship", FIELD_TEXT, 0, NULL, NULL, NULL, 10, "e.g. mother, father, carer"},
	{"received_on", "Received", FIELD_DATE, REQ | LIST, NULL, NULL, "today", 10, "when the signed form arrived"},
	{"uses", "Uses", FIELD_CODES, LIST, "consent_use", NULL, NULL, 30, "what is consented to, separated by ;"},
	{"expires_on", "Expires", FIELD_DATE, 0, NULL, NULL, NULL, 10, "when it runs out, if it does"},
	{"withdrawn_on", "Withdrawn", FIELD_DATE, LIST, NULL, NULL, NULL, 10, "when the parent withdrew it"},
	{"form_ref", "Form", FIELD_TEXT, 0, NULL, NULL, NULL, 16, "where the signed form is kept"},
	{"notes", "Notes", FIELD_LONG_TEXT, 0, NULL, NULL, NULL, 20, NULL},
};

static const struct field policy_fields[] = {
	{"title", "Title", FIELD_TEXT, REQ | LIST | NAME, NULL, NULL, NULL, 30, "e.g. Social media policy"},
	{"school", "School", FIELD_REF, LIST, "school", NULL, NULL, 14, "empty: every school"},
	{"owner", "Owner", FIELD_REF, LIST, "person", NULL, NULL, 16, "who keeps it up to date"},
	{"approver", "Approver", FIELD_TEXT, 0, NULL, NULL, NULL, 20, "e.g. Full governing board"},
	{"statutory", "Statutory", FIELD_YES_NO, 0, NULL, NULL, "no", 3, "required by law or guidance"},
	{"cycle_months", "Cycle (months)", FIELD_INTEGER, REQ, NULL, NULL, "12", 4, "months between reviews"},
	{"version", "Version", FIELD_TEXT, 0, NULL, NULL, NULL, 8, NULL},
	{"approved_on", "Approved", FIELD_DATE, 0, NULL, NULL, NULL, 10, "when it was last approved"},
	{"next_review_on", "Next review", FIELD_DATE, REQ | LIST, NULL, NULL, NULL, 10, "when it must next be reviewed"},
	{"document", "Document", FIELD_TEXT, 0, NULL, NULL, NULL, 24, "path or web address of the document"},
	{"status", "Status", FIELD_CHOICE, REQ | LIST, NULL, policy_statuses, "approved", 12, "draft, approved, under_review or retired"},
};

static const struct field review_fields[] = {
	{"policy", "Policy", FIELD_REF, REQ | LIST | FIELD_FIXED, "policy", NULL, NULL, 28, "the policy reviewed"},
	{"reviewed_on", "Reviewed", FIELD_DATE, REQ | LIST, NULL, NULL, "today", 10, "when it was reviewed"},
	{"reviewed_by", "Reviewed by", FIELD_REF, LIST | FIELD_ME, "person", NULL, NULL, 16, NULL},
	{"approved_on", "Approved", FIELD_DATE, LIST, NULL, NULL, NULL, 10, "when the board approved it"},
	{"approved_by", "Approved by", FIELD_TEXT, 0, NULL, NULL, NULL, 20, "e.g. Full governing board"},
	{"minute_ref", "Minute", FIELD_TEXT, 0, NULL, NULL, NULL, 10, "the minute that records it"},
	{"version", "Version", FIELD_TEXT, 0, NULL, NULL, NULL, 8, NULL},
	{"summary", "Summary", FIELD_LONG_TEXT, 0, NULL, NULL, NULL, 30, "what changed"},
};

static const struct field contact_fields[] = {
	{"school", "School", FIELD_REF, REQ, "school", NULL, NULL, 14, NULL},
	{"reported_on", "Reported", FIELD_DATE, REQ | LIST, NULL, NULL, "today", 10, "when it was reported to the DSL"},
	{"reported_by", "Reported by", FIELD_REF, REQ | LIST, "person", NULL, NULL, 16, "the member of staff reporting"},
	{"pupil", "Pupil", FIELD_REF, LIST, "pupil", NULL, NULL, 18, "the pupil, if on the register"},
	{"pupil_name", "Pupil's name", FIELD_TEXT, NAME, NULL, NULL, NULL, 18, "when the pupil is not on the register"},
	{"pupil_status", "Pupil is", FIELD_CHOICE, 0, NULL, pupil_statuses, NULL, 8, "current or former pupil"},
	{"platform", "Platform", FIELD_TEXT, REQ | LIST, NULL, NULL, NULL, 10, "where the contact happened"},
	{"category", "Category", FIELD_CHOICE, REQ | LIST, NULL, contact_categories, NULL, 14, NULL},
	{"summary", "Summary", FIELD_LONG_TEXT, REQ, NULL, NULL, NULL, 30, "what happened, in the reporter's words"},
	{"evidence", "Evidence", FIELD_TEXT, 0, NULL, NULL, NULL, 20, "where screenshots are held"},
	{"dsl", "DSL", FIELD_REF, FIELD_MANAGED, "person", NULL, NULL, 16, "the safeguarding lead handling it"},
	{"status", "Status", FIELD_CHOICE, REQ | LIST | FIELD_MANAGED, NULL, contact_statuses, "open", 10, "open, monitoring or closed"},
	{"action_taken", "Action taken", FIELD_LONG_TEXT, FIELD_MANAGED, NULL, NULL, NULL, 20, NULL},
	{"parent_informed", "Parent informed", FIELD_YES_NO, FIELD_MANAGED, NULL, NULL, "no", 3, NULL},
	{"referred_to", "Referred to", FIELD_TEXT, FIELD_MANAGED, NULL, NULL, NULL, 20, "e.g. children's social care, police"},
	{"rationale", "Rationale", FIELD_LONG_TEXT, FIELD_MANAGED, NULL, NULL, NULL, 20, "why the DSL decided as they did, a decision not to refer included"},
	{"closed_on", "Closed", FIELD_DATE, FIELD_MANAGED, NULL, NULL, NULL, 10, NULL},
};

static const struct field action_fields[] = {
	{"contact", "Report", FIELD_REF, REQ | LIST | FIELD_FIXED, "contact", NULL, NULL, 24, "the contact report"},
	{"acted_on", "Date", FIELD_DATE, REQ | LIST, NULL, NULL, "today", 10, NULL},
	{"by", "By", FIELD_REF, LIST | FIELD_ME, "person", NULL, NULL, 16, NULL},
	{"note", "Note", FIELD_LONG_TEXT, REQ | LIST, NULL, NULL, NULL, 40, "what was done or decided, and why"},
};

static const struct field takedown_fields[] = {
	{"pupil", "Pupil", FIELD_REF, REQ | LIST, "pupil", NULL, NULL, 20, NULL},
	{"channel", "Channel", FIELD_REF, REQ | LIST, "channel", NULL, NULL, 22, NULL},
	{"raised_on", "Raised", FIELD_DATE, REQ | LIST, NULL, NULL, "today", 10, NULL},
	{"done_on", "Done", FIELD_DATE, LIST, NULL, NULL, NULL, 10, "when the posts came down"},
	{"done_by", "Done by", FIELD_REF, FIELD_ENDED_BY, "person", NULL, NULL, 16, NULL},
	{"note", "Note", FIELD_TEXT, LIST, NULL, NULL, NULL, 24, NULL},
};

static const struct field training_fields[] = {
	{"person", "Person", FIELD_REF, REQ | LIST, "person", NULL, NULL, 20, NULL},
	{"kind", "Kind", FIELD_CHOICE, REQ | LIST, NULL, training_kinds, NULL, 16, "induction, annual_refresher, policy_read or cpd"},
	{"policy", "Policy", FIELD_REF, LIST, "policy", NULL, NULL, 24, "the policy read, if any"},
	{"completed_on", "Completed", FIELD_DATE, REQ | LIST, NULL, NULL, "today", 10, NULL},
	{"notes", "Notes", FIELD_LONG_TEXT, 0, NULL, NULL, NULL, 20, NULL},
};

static const struct field user_fields[] = {
	{"login", "Login", FIELD_TEXT, REQ | LIST | NAME, NULL, NULL, NULL, 14, "their login name on this computer"},
	{"person", "Person", FIELD_REF, LIST, "person", NULL, NULL, 20, "who they are in the register"},
	{"roles", "Roles", FIELD_CODES, REQ | LIST, NULL, role_choices, NULL, 20, "admin, dsl, governor, staff; separated by ;"},
	{"disabled_on", "Disabled", FIELD_DATE, LIST, NULL, NULL, NULL, 10, "from when they may no longer use smreg"},
};

static const struct field setting_fields[] = {
	{"key", "Setting", FIELD_TEXT, REQ | LIST | FIELD_FIXED | NAME, NULL, NULL, NULL, 22, NULL},
	{"value", "Value", FIELD_INTEGER, REQ | LIST, NULL, NULL, NULL, 6, NULL},
	{"label", "Meaning", FIELD_TEXT, REQ | LIST | FIELD_FIXED, NULL, NULL, NULL, 50, NULL},
};

static const char *const match_school[] = {"$.name", "$.code", "$.urn", NULL};
static const char *const match_person[] = {"$.name", "$.email", NULL};
static const char *const match_channel[] = {"$.platform || ':' || $.account", NULL};
static const char *const match_pupil[] = {"$.name", "$.mis_id", NULL};
static const char *const match_code[] = {"$.code", "$.label", NULL};
static const char *const match_title[] = {"$.title", NULL};
static const char *const match_login[] = {"$.login", NULL};
static const char *const match_key[] = {"$.key", NULL};
/* A consent is named by its pupil: the current one is meant (see ref.c). */
static const char *const match_consent[] = {"(SELECT p.name FROM pupil AS p WHERE p.id = $.pupil)", NULL};

#define FIELDS(a) a, COUNT(a)

static const struct record_type school_type = {
	.name = "school", .label = "school", .plural = "Schools",
	FIELDS(school_fields),
	.title_sql = "$.name", .match_sql = match_school, .order_sql = "$.name",
	.help = "the schools of the trust, or the one school",
};

static const struct record_type person_type = {
	.name = "person", .label = "person", .plural = "People",
	FIELDS(person_fields),
	.title_sql = "$.name", .match_sql = match_person, .order_sql = "$.name",
	.ended_sql = "$.left_on <= :today",
	.end_field = "left_on", .end_verb = "record leaving", .end_past = "left",
	.help = "staff, governors, volunteers and contractors",
};

static const struct record_type channel_type = {
	.name = "channel", .label = "channel", .plural = "Channels",
	FIELDS(channel_fields),
	.title_sql = "$.platform || ':' || $.account", .match_sql = match_channel,
	.order_sql = "$.platform, $.account",
	.ended_sql = "$.closed_on <= :today",
	.end_field = "closed_on", .end_verb = "close", .end_past = "closed",
	.help = "the school's official social-media accounts",
};

static const struct record_type authorisation_type = {
	.name = "authorisation", .label = "authorisation", .plural = "Authorisations",
	FIELDS(authorisation_fields),
	.title_sql = "(SELECT p.name FROM person AS p WHERE p.id = $.person) || ' ' || "
		     "replace($.kind, '_', ' ') || coalesce(' on ' || (SELECT c.platform || ':' || "
		     "c.account FROM channel AS c WHERE c.id = $.channel), '')",
	/* Active first, the master admin at the top, then admins, posters...
	 * The index authorisation_order (schema/004) holds these expressions: change
	 * them together (test_plans fails a first page that sorts). */
	.order_sql = "$.revoked_on IS NOT NULL, $.revoked_on DESC, "
		     "instr('master_admin admin poster moderator exception', $.kind), $.granted_on DESC",
	.ended_sql = "$.revoked_on <= :today",
	.end_field = "revoked_on", .end_verb = "revoke", .end_past = "revoked", .end_note_field = "revoke_reason",
	.help = "who may manage or post on a channel, and approved exceptions",
};

static const struct record_type pupil_type = {
	.name = "pupil", .label = "pupil", .plural = "Pupils",
	FIELDS(pupil_fields),
	.title_sql = "$.name", .match_sql = match_pupil, .order_sql = "$.name",
	.ended_sql = "$.left_on <= :today",
	.end_field = "left_on", .end_verb = "record leaving", .end_past = "left",
	.help = "pupils, for their photo consents",
};

static const struct record_type consent_use_type = {
	.name = "consent_use", .label = "consent use", .plural = "Consent uses",
	FIELDS(consent_use_fields),
	.title_sql = "$.code", .match_sql = match_code, .order_sql = "$.code",
	.help = "the uses a consent form asks about",
};

static const struct record_type consent_type = {
	.name = "consent", .label = "consent", .plural = "Consents",
	FIELDS(consent_fields),
	.title_sql = "(SELECT p.name FROM pupil AS p WHERE p.id = $.pupil) || ', received ' || "
		     "strftime('%d/%m/%Y', $.received_on)",
	.match_sql = match_consent,
	.order_sql = "$.received_on DESC",
	.ended_sql = "($.withdrawn_on <= :today OR $.expires_on < :today)",
	.end_field = "withdrawn_on", .end_verb = "withdraw", .end_past = "withdrawn",
	.help = "photo consents from parents and carers",
};

static const struct record_type policy_type = {
	.name = "policy", .label = "policy", .plural = "Policies",
	FIELDS(policy_fields),
	.title_sql = "$.title", .match_sql = match_title, .order_sql = "$.next_review_on, $.title",
	.ended_sql = "$.status = 'retired'",
	.help = "policies and their review dates",
};

static const struct record_type review_type = {
	.name = "review", .label = "review", .plural = "Reviews",
	FIELDS(review_fields),
	.title_sql = "(SELECT p.title FROM policy AS p WHERE p.id = $.policy) || ', reviewed ' || "
		     "strftime('%d/%m/%Y', $.reviewed_on)",
	.order_sql = "$.reviewed_on DESC",
	.help = "policy reviews; each moves its policy's next review",
};

static const struct record_type contact_type = {
	.name = "contact", .label = "contact report", .plural = "Contact reports",
	FIELDS(contact_fields),
	.title_sql = "coalesce((SELECT p.name FROM pupil AS p WHERE p.id = $.pupil), $.pupil_name) || "
		     "', ' || replace($.category, '_', ' ') || ', ' || strftime('%d/%m/%Y', $.reported_on)",
	.order_sql = "$.reported_on DESC",
	.ended_sql = "$.status = 'closed'",
	.end_field = "closed_on", .end_verb = "close", .end_past = "closed", .end_note_field = "rationale",
	.end_also_sql = "status = 'closed'",
	.owner_field = "reported_by",
	.flags = RECORD_NEVER_DELETED | RECORD_NEEDS_REASON | RECORD_AUDIT_OPENS,
	.help = "pupil-contact reports to the designated safeguarding lead",
};

static const struct record_type action_type = {
	.name = "action", .label = "action", .plural = "Actions",
	FIELDS(action_fields),
	.title_sql = "strftime('%d/%m/%Y', $.acted_on) || ': ' || substr($.note, 1, 40)",
	.order_sql = "$.acted_on",
	.flags = RECORD_NEVER_DELETED | RECORD_NEEDS_REASON | RECORD_AUDIT_OPENS,
	.help = "the dated chronology of a contact report",
};

static const struct record_type takedown_type = {
	.name = "takedown", .label = "takedown", .plural = "Takedowns",
	FIELDS(takedown_fields),
	.title_sql = "(SELECT p.name FROM pupil AS p WHERE p.id = $.pupil) || ' from ' || "
		     "(SELECT c.platform || ':' || c.account FROM channel AS c WHERE c.id = $.channel)",
	.order_sql = "$.raised_on DESC",
	.ended_sql = "$.done_on <= :today",
	.end_field = "done_on", .end_verb = "mark done", .end_past = "done", .end_note_field = "note",
	.help = "what must come down when consent is withdrawn or narrowed",
};

static const struct record_type training_type = {
	.name = "training", .label = "training", .plural = "Training",
	FIELDS(training_fields),
	.title_sql = "(SELECT p.name FROM person AS p WHERE p.id = $.person) || ', ' || "
		     "replace($.kind, '_', ' ') || ', ' || strftime('%d/%m/%Y', $.completed_on)",
	.order_sql = "$.completed_on DESC",
	.help = "staff training: induction, refreshers, policy reading",
};

static const struct record_type user_type = {
	.name = "user", .label = "user", .plural = "Users",
	FIELDS(user_fields),
	.title_sql = "$.login", .match_sql = match_login, .order_sql = "$.login",
	.ended_sql = "$.disabled_on <= :today",
	.end_field = "disabled_on", .end_verb = "disable", .end_past = "disabled",
	.help = "who may use smreg, and in which roles",
};

static const struct record_type setting_type = {
	.name = "setting", .label = "setting", .plural = "Settings",
	FIELDS(setting_fields),
	.title_sql = "$.key", .match_sql = match_key, .order_sql = "$.key",
	.flags = RECORD_FIXED_SET,
	.help = "the thresholds of the due-review warnings",
};

static const struct record_type *const all_types[] = {
	&school_type, &person_type, &channel_type, &authorisation_type,
	&pupil_type, &consent_use_type, &consent_type, &takedown_type,
	&policy_type, &review_type, &contact_type, &action_type,
	&training_type, &user_type, &setting_type,
};

const struct record_type *const *record_types(size_t *count)
{
	*count = COUNT(all_types);
	return all_types;
}

const struct record_type *record_type_find(const char *name)
{
	for (size_t i = 0; i < COUNT(all_types); i++)
		if (strcmp(all_types[i]->name, name) == 0)
			return all_types[i];
	return NULL;
}

int record_field_index(const struct record_type *type, const char *name)
{
	for (size_t i = 0; i < type->field_count; i++)
		if (strcmp(type->fields[i].name, name) == 0)
			return (int)i;
	return -1;
}

const struct field *record_field_find(const struct record_type *type,
				      const char *name)
{
	int i = record_field_index(type, name);

	return i < 0 ? NULL : &type->fields[i];
}

const char *record_choices_text(const struct field *field, char *buf, size_t len)
{
	size_t used = 0;
	size_t n = 0;

	buf[0] = '\0';
	if (field->choices == NULL)
		return buf;
	while (field->choices[n] != NULL)
		n++;
	for (size_t i = 0; i < n && used < len; i++) {
		const char *sep = i == 0 ? "" : (i + 1 == n ? " or " : ", ");

		used += (size_t)snprintf(buf + used, len - used, "%s%s", sep, field->choices[i]);
	}
	return buf;
}

const char *record_ref_key(const struct field *field)
{
	return strcmp(field->target, "consent_use") == 0 ? "code" : "id";
}

char *record_sql(const char *fragment, const char *alias)
{
	size_t alias_len = strlen(alias);
	size_t n = 0;
	char *out;
	char *o;

	for (const char *p = fragment; (p = strstr(p, "$.")) != NULL; p += 2)
		n++;
	out = malloc(strlen(fragment) + n * alias_len + 1);
	if (out == NULL)
		return NULL;
	o = out;
	for (const char *p = fragment; *p != '\0';) {
		if (p[0] == '$' && p[1] == '.') {
			memcpy(o, alias, alias_len);
			o += alias_len;
			*o++ = '.';
			p += 2;
		} else {
			*o++ = *p++;
		}
	}
	*o = '\0';
	return out;
}
