/* The registers and their fields: the one place that describes them. */
#include "core/record.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/role.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

#define REQ FIELD_REQUIRED
#define LIST FIELD_LISTED
#define NAME FIELD_NAME

/*
 * The descriptors below are tables laid out by hand, one field a row with
 * its attributes grouped as they read best; clang-format would repack them.
 */
/* clang-format off */
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
static const char *const action_kinds[] = {
	"concern_received", "advice_given", "parent_informed", "shared_with", "referral_made",
	"decision", "note", "closed", "reopened", NULL};
static const char *const training_kinds[] = {
	"induction", "annual_refresher", "policy_read", "cpd", NULL};
static const char *const role_choices[] = {SMREG_ROLES(ROLE_NAME) NULL};
static const char *const consent_models[] = {"opt_in", "opt_out", NULL};
/* Outlets that are not channels, by the consent use a post there needs. */
static const char *const outlets[] = {"newsletter", "press", "website", "displays", NULL};

static const struct field school_fields[] = {
	{ .name = "name",
	  .label = "Name",
	  .type = FIELD_TEXT,
	  .flags = REQ | LIST | NAME,
	  .width = 32,
	  .help = "the school's name"
	},
	{ .name = "code",
	  .label = "Code",
	  .type = FIELD_TEXT,
	  .flags = LIST | NAME,
	  .width = 10,
	  .help = "a short code, e.g. SMP"
	},
	{ .name = "urn",
	  .label = "URN",
	  .type = FIELD_TEXT,
	  .flags = LIST | NAME,
	  .width = 8,
	  .help = "the school's unique reference number (6 digits)"
	},
	{ .name = "head",
	  .label = "Head teacher",
	  .type = FIELD_REF,
	  .target = "person",
	  .width = 18,
	  .help = "reads concerns about the school's staff"
	},
	{ .name = "chair",
	  .label = "Governors' chair",
	  .type = FIELD_REF,
	  .target = "person",
	  .width = 18,
	  .help = "reads concerns about the head teacher"
	},
	{ .name = "never_name",
	  .label = "Never names",
	  .type = FIELD_YES_NO,
	  .initial = "no",
	  .width = 3,
	  .help = "never a child's name beside a photo, whatever the consent says"
	},
	{ .name = "consent_model",
	  .label = "Consent",
	  .type = FIELD_CHOICE,
	  .choices = consent_models,
	  .initial = "opt_in",
	  .width = 7,
	  .help = "opt_in: a parent's written consent; opt_out: assumed unless a parent objects"
	},
};

static const struct field person_fields[] = {
	{ .name = "name",
	  .label = "Name",
	  .type = FIELD_TEXT,
	  .flags = REQ | LIST | NAME,
	  .width = 24,
	  .help = "full name"
	},
	{ .name = "job_title",
	  .label = "Job title",
	  .type = FIELD_TEXT,
	  .flags = LIST,
	  .width = 20,
	  .help = "e.g. Head teacher, Class teacher"
	},
	{ .name = "school",
	  .label = "School",
	  .type = FIELD_REF,
	  .flags = LIST,
	  .target = "school",
	  .width = 14,
	  .help = "empty: works across the schools"
	},
	{ .name = "kind",
	  .label = "Kind",
	  .type = FIELD_CHOICE,
	  .flags = REQ | LIST,
	  .choices = person_kinds,
	  .initial = "staff",
	  .width = 10,
	  .help = "staff, governor, volunteer or contractor"
	},
	{ .name = "email",
	  .label = "E-mail",
	  .type = FIELD_TEXT,
	  .flags = NAME,
	  .width = 24,
	  .help = "work e-mail address"
	},
	{ .name = "started_on",
	  .label = "Started",
	  .type = FIELD_DATE,
	  .width = 10,
	  .help = "first day"
	},
	{ .name = "left_on",
	  .label = "Left",
	  .type = FIELD_DATE,
	  .flags = LIST,
	  .width = 10,
	  .help = "last day; their access must end"
	},
	{ .name = "notes",
	  .label = "Notes",
	  .type = FIELD_LONG_TEXT,
	  .width = 20
	},
};

static const struct field channel_fields[] = {
	{ .name = "school",
	  .label = "School",
	  .type = FIELD_REF,
	  .flags = REQ | LIST,
	  .target = "school",
	  .width = 14,
	  .help = "the school the channel speaks for"
	},
	{ .name = "platform",
	  .label = "Platform",
	  .type = FIELD_TEXT,
	  .flags = REQ | LIST | NAME,
	  .width = 10,
	  .help = "e.g. facebook, x, instagram, youtube"
	},
	{ .name = "account",
	  .label = "Account",
	  .type = FIELD_TEXT,
	  .flags = REQ | LIST | NAME,
	  .width = 22,
	  .help = "the account's name on the platform"
	},
	{ .name = "url",
	  .label = "Address",
	  .type = FIELD_TEXT,
	  .width = 30,
	  .help = "the channel's web address"
	},
	{ .name = "purpose",
	  .label = "Purpose",
	  .type = FIELD_TEXT,
	  .width = 24,
	  .help = "what the school uses it for"
	},
	{ .name = "audience",
	  .label = "Audience",
	  .type = FIELD_CHOICE,
	  .choices = audiences,
	  .width = 8,
	  .help = "public, private or group"
	},
	{ .name = "consent_use",
	  .label = "Consent use",
	  .type = FIELD_REF,
	  .flags = REQ,
	  .target = "consent_use",
	  .initial = "social_media",
	  .width = 14,
	  .help = "the consent a photo on it needs"
	},
	{ .name = "opened_on",
	  .label = "Opened",
	  .type = FIELD_DATE,
	  .flags = REQ | LIST,
	  .initial = "today",
	  .width = 10,
	  .help = "when the account was opened"
	},
	{ .name = "closed_on",
	  .label = "Closed",
	  .type = FIELD_DATE,
	  .flags = LIST,
	  .width = 10,
	  .help = "when it was closed"
	},
	{ .name = "risk_assessed_on",
	  .label = "Risk assessed",
	  .type = FIELD_DATE,
	  .width = 10,
	  .help = "date of its risk assessment (DPIA)"
	},
	{ .name = "approved_by",
	  .label = "Approved by",
	  .type = FIELD_REF,
	  .target = "person",
	  .width = 16,
	  .help = "the head teacher who approved it"
	},
	{ .name = "privacy_checked_on",
	  .label = "Privacy checked",
	  .type = FIELD_DATE,
	  .width = 10,
	  .help = "when its privacy settings were last checked"
	},
	{ .name = "in_privacy_notice",
	  .label = "In privacy notice",
	  .type = FIELD_YES_NO,
	  .initial = "no",
	  .width = 3,
	  .help = "listed in the school's privacy notice"
	},
	{ .name = "emergency_access",
	  .label = "Emergency access",
	  .type = FIELD_YES_NO,
	  .initial = "no",
	  .width = 3,
	  .help = "leadership can reach the login details in an emergency"
	},
	{ .name = "mfa",
	  .label = "Two-factor login",
	  .type = FIELD_YES_NO,
	  .initial = "no",
	  .width = 3,
	  .help = "two-factor sign-in is on"
	},
	{ .name = "school_email",
	  .label = "School e-mail",
	  .type = FIELD_YES_NO,
	  .initial = "no",
	  .width = 3,
	  .help = "signed up with a school e-mail, not one person's"
	},
	{ .name = "notes",
	  .label = "Notes",
	  .type = FIELD_LONG_TEXT,
	  .width = 20,
	  .help = "never a password: who holds the login, not the login"
	},
	{ .name = "never_name",
	  .label = "Never names",
	  .type = FIELD_YES_NO,
	  .initial = "no",
	  .width = 3,
	  .help = "never a child's name beside a photo here, whatever the consent says"
	},
};

static const struct field authorisation_fields[] = {
	{ .name = "person",
	  .label = "Person",
	  .type = FIELD_REF,
	  .flags = REQ | LIST,
	  .target = "person",
	  .width = 20,
	  .help = "who is authorised"
	},
	{ .name = "channel",
	  .label = "Channel",
	  .type = FIELD_REF,
	  .flags = LIST,
	  .target = "channel",
	  .width = 22,
	  .help = "on which channel (empty for an exception)"
	},
	{ .name = "kind",
	  .label = "Kind",
	  .type = FIELD_CHOICE,
	  .flags = REQ | LIST,
	  .choices = authorisation_kinds,
	  .initial = "poster",
	  .width = 12,
	  .help = "master_admin, admin, poster, moderator or exception"
	},
	{ .name = "detail",
	  .label = "Detail",
	  .type = FIELD_TEXT,
	  .width = 24,
	  .help = "what an exception allows"
	},
	{ .name = "authorised_by",
	  .label = "Authorised by",
	  .type = FIELD_REF,
	  .flags = REQ,
	  .target = "person",
	  .width = 16,
	  .help = "who approved it (the head teacher)"
	},
	{ .name = "granted_on",
	  .label = "Granted",
	  .type = FIELD_DATE,
	  .flags = REQ | LIST,
	  .initial = "today",
	  .width = 10,
	  .help = "from when"
	},
	{ .name = "review_on",
	  .label = "Review",
	  .type = FIELD_DATE,
	  .flags = LIST,
	  .width = 10,
	  .help = "when to review it"
	},
	{ .name = "revoked_on",
	  .label = "Revoked",
	  .type = FIELD_DATE,
	  .flags = LIST,
	  .width = 10,
	  .help = "when it was taken away"
	},
	{ .name = "revoke_reason",
	  .label = "Revoke reason",
	  .type = FIELD_TEXT,
	  .width = 20,
	  .help = "why it was taken away"
	},
};

static const struct field pupil_fields[] = {
	{ .name = "school",
	  .label = "School",
	  .type = FIELD_REF,
	  .flags = REQ | LIST,
	  .target = "school",
	  .width = 14,
	  .help = "the pupil's school"
	},
	{ .name = "name",
	  .label = "Name",
	  .type = FIELD_TEXT,
	  .flags = REQ | LIST | NAME,
	  .width = 24,
	  .help = "full name"
	},
	{ .name = "year_group",
	  .label = "Year",
	  .type = FIELD_TEXT,
	  .flags = LIST,
	  .width = 5,
	  .help = "e.g. R, 3, 11"
	},
	{ .name = "mis_id",
	  .label = "MIS id",
	  .type = FIELD_TEXT,
	  .flags = LIST | NAME,
	  .width = 8,
	  .help = "the school's own pupil number"
	},
	{ .name = "joined_on",
	  .label = "Joined",
	  .type = FIELD_DATE,
	  .width = 10,
	  .help = "first day on roll"
	},
	{ .name = "date_of_birth",
	  .label = "Born",
	  .type = FIELD_DATE,
	  .width = 10,
	  .help = "date of birth: contact reports are kept 25 years from it"
	},
	{ .name = "upn",
	  .label = "UPN",
	  .type = FIELD_TEXT,
	  .flags = NAME,
	  .width = 13,
	  .help = "the DfE's unique pupil number, which MIS imports match on"
	},
	{ .name = "left_on",
	  .label = "Left",
	  .type = FIELD_DATE,
	  .flags = LIST,
	  .width = 10,
	  .help = "last day on roll"
	},
};

static const struct field consent_use_fields[] = {
	{ .name = "code",
	  .label = "Code",
	  .type = FIELD_TEXT,
	  .flags = REQ | LIST | NAME,
	  .width = 16,
	  .help = "lower case, e.g. social_media"
	},
	{ .name = "label",
	  .label = "Label",
	  .type = FIELD_TEXT,
	  .flags = REQ | LIST | NAME,
	  .width = 40,
	  .help = "as the consent form asks it"
	},
};

static const struct field consent_fields[] = {
	{ .name = "pupil",
	  .label = "Pupil",
	  .type = FIELD_REF,
	  .flags = REQ | LIST | FIELD_FIXED,
	  .target = "pupil",
	  .width = 22,
	  .help = "whose consent"
	},
	{ .name = "given_by",
	  .label = "Given by",
	  .type = FIELD_TEXT,
	  .flags = REQ | LIST,
	  .width = 18,
	  .help = "the parent or carer who signed"
	},
	{ .name = "relationship",
	  .label = "Relationship",
	  .type = FIELD_TEXT,
	  .width = 10,
	  .help = "e.g. mother, father, carer"
	},
	{ .name = "received_on",
	  .label = "Received",
	  .type = FIELD_DATE,
	  .flags = REQ | LIST,
	  .initial = "today",
	  .width = 10,
	  .help = "when the signed form arrived"
	},
	{ .name = "uses",
	  .label = "Uses",
	  .type = FIELD_CODES,
	  .flags = LIST,
	  .target = "consent_use",
	  .width = 30,
	  .help = "what is consented to, separated by ;"
	},
	{ .name = "expires_on",
	  .label = "Expires",
	  .type = FIELD_DATE,
	  .width = 10,
	  .help = "when it runs out, if it does"
	},
	{ .name = "withdrawn_on",
	  .label = "Withdrawn",
	  .type = FIELD_DATE,
	  .flags = LIST,
	  .width = 10,
	  .help = "when the parent withdrew it"
	},
	{ .name = "form_ref",
	  .label = "Form",
	  .type = FIELD_TEXT,
	  .width = 16,
	  .help = "where the signed form is kept"
	},
	{ .name = "notes",
	  .label = "Notes",
	  .type = FIELD_LONG_TEXT,
	  .width = 20
	},
};

static const struct field policy_fields[] = {
	{ .name = "title",
	  .label = "Title",
	  .type = FIELD_TEXT,
	  .flags = REQ | LIST | NAME,
	  .width = 30,
	  .help = "e.g. Social media policy"
	},
	{ .name = "school",
	  .label = "School",
	  .type = FIELD_REF,
	  .flags = LIST,
	  .target = "school",
	  .width = 14,
	  .help = "empty: every school"
	},
	{ .name = "owner",
	  .label = "Owner",
	  .type = FIELD_REF,
	  .flags = LIST,
	  .target = "person",
	  .width = 16,
	  .help = "who keeps it up to date"
	},
	{ .name = "approver",
	  .label = "Approver",
	  .type = FIELD_TEXT,
	  .width = 20,
	  .help = "e.g. Full governing board"
	},
	{ .name = "statutory",
	  .label = "Statutory",
	  .type = FIELD_YES_NO,
	  .initial = "no",
	  .width = 3,
	  .help = "required by law or guidance"
	},
	{ .name = "cycle_months",
	  .label = "Cycle (months)",
	  .type = FIELD_INTEGER,
	  .flags = REQ,
	  .initial = "12",
	  .width = 4,
	  .help = "months between reviews"
	},
	{ .name = "version",
	  .label = "Version",
	  .type = FIELD_TEXT,
	  .width = 8
	},
	{ .name = "approved_on",
	  .label = "Approved",
	  .type = FIELD_DATE,
	  .flags = LIST | FIELD_MONTH_OK,
	  .width = 10,
	  .help = "when it was last approved; empty if the policy is undated"
	},
	{ .name = "next_review_on",
	  .label = "Next review",
	  .type = FIELD_DATE,
	  .flags = LIST | FIELD_MONTH_OK,
	  .width = 10,
	  .help = "when it must next be reviewed; empty: approved_on plus cycle_months"
	},
	{ .name = "document",
	  .label = "Document",
	  .type = FIELD_TEXT,
	  .width = 24,
	  .help = "path or web address of the document"
	},
	{ .name = "status",
	  .label = "Status",
	  .type = FIELD_CHOICE,
	  .flags = REQ | LIST,
	  .choices = policy_statuses,
	  .initial = "approved",
	  .width = 12,
	  .help = "draft, approved, under_review or retired"
	},
	{ .name = "must_read",
	  .label = "Must read",
	  .type = FIELD_CODES,
	  .choices = person_kinds,
	  .width = 16,
	  .help = "who must read it each year: staff, governor, volunteer; separated by ;"
	},
};

static const struct field review_fields[] = {
	{ .name = "policy",
	  .label = "Policy",
	  .type = FIELD_REF,
	  .flags = REQ | LIST | FIELD_FIXED,
	  .target = "policy",
	  .width = 28,
	  .help = "the policy reviewed"
	},
	{ .name = "reviewed_on",
	  .label = "Reviewed",
	  .type = FIELD_DATE,
	  .flags = REQ | LIST,
	  .initial = "today",
	  .width = 10,
	  .help = "when it was reviewed"
	},
	{ .name = "reviewed_by",
	  .label = "Reviewed by",
	  .type = FIELD_REF,
	  .flags = LIST | FIELD_ME,
	  .target = "person",
	  .width = 16
	},
	{ .name = "approved_on",
	  .label = "Approved",
	  .type = FIELD_DATE,
	  .flags = LIST,
	  .width = 10,
	  .help = "when the board approved it"
	},
	{ .name = "approved_by",
	  .label = "Approved by",
	  .type = FIELD_TEXT,
	  .width = 20,
	  .help = "e.g. Full governing board"
	},
	{ .name = "minute_ref",
	  .label = "Minute",
	  .type = FIELD_TEXT,
	  .width = 10,
	  .help = "the minute that records it"
	},
	{ .name = "version",
	  .label = "Version",
	  .type = FIELD_TEXT,
	  .width = 8
	},
	{ .name = "summary",
	  .label = "Summary",
	  .type = FIELD_LONG_TEXT,
	  .width = 30,
	  .help = "what changed"
	},
};

static const struct field contact_fields[] = {
	{ .name = "school",
	  .label = "School",
	  .type = FIELD_REF,
	  .flags = REQ,
	  .target = "school",
	  .width = 14
	},
	{ .name = "reported_on",
	  .label = "Reported",
	  .type = FIELD_DATE,
	  .flags = REQ | LIST,
	  .initial = "today",
	  .width = 10,
	  .help = "when it was reported to the DSL"
	},
	{ .name = "reported_by",
	  .label = "Reported by",
	  .type = FIELD_REF,
	  .flags = REQ | LIST,
	  .target = "person",
	  .width = 16,
	  .help = "the member of staff reporting"
	},
	{ .name = "pupil",
	  .label = "Pupil",
	  .type = FIELD_REF,
	  .flags = LIST,
	  .target = "pupil",
	  .width = 18,
	  .help = "the pupil, if on the register",
	  /* Who the report is about when the pupil is not on the register. */
	  .otherwise_sql = "coalesce($.pupil_name || coalesce(' (' || $.pupil_status || ' pupil)', ''), "
			   "'staff: ' || (SELECT s.name FROM person AS s WHERE s.id = $.concerns))"
	},
	{ .name = "pupil_name",
	  .label = "Pupil's name",
	  .type = FIELD_TEXT,
	  .flags = NAME,
	  .width = 18,
	  .help = "when the pupil is not on the register"
	},
	{ .name = "pupil_status",
	  .label = "Pupil is",
	  .type = FIELD_CHOICE,
	  .choices = pupil_statuses,
	  .width = 8,
	  .help = "current or former pupil"
	},
	{ .name = "platform",
	  .label = "Platform",
	  .type = FIELD_TEXT,
	  .flags = REQ | LIST,
	  .width = 10,
	  .help = "where the contact happened"
	},
	{ .name = "category",
	  .label = "Category",
	  .type = FIELD_CHOICE,
	  .flags = REQ | LIST,
	  .choices = contact_categories,
	  .width = 14
	},
	{ .name = "summary",
	  .label = "Summary",
	  .type = FIELD_LONG_TEXT,
	  .flags = REQ,
	  .width = 30,
	  .help = "what happened, in the reporter's words"
	},
	{ .name = "words",
	  .label = "Child's own words",
	  .type = FIELD_LONG_TEXT,
	  .width = 30,
	  .help = "what the child said or wrote, word for word"
	},
	{ .name = "concerns",
	  .label = "Member of staff",
	  .type = FIELD_REF,
	  .target = "person",
	  .width = 18,
	  .help = "instead of a pupil: the member of staff the concern is about"
	},
	{ .name = "concerns_born_on",
	  .label = "Staff born on",
	  .type = FIELD_DATE,
	  .width = 10,
	  .help = "their date of birth: the report is kept until their pension age"
	},
	{ .name = "evidence",
	  .label = "Evidence",
	  .type = FIELD_TEXT,
	  .width = 20,
	  .help = "where screenshots are held"
	},
	{ .name = "dsl",
	  .label = "DSL",
	  .type = FIELD_REF,
	  .flags = FIELD_MANAGED,
	  .target = "person",
	  .width = 16,
	  .help = "the safeguarding lead handling it"
	},
	{ .name = "status",
	  .label = "Status",
	  .type = FIELD_CHOICE,
	  .flags = REQ | LIST | FIELD_MANAGED,
	  .choices = contact_statuses,
	  .initial = "open",
	  .width = 10,
	  .help = "open, monitoring or closed"
	},
	{ .name = "action_taken",
	  .label = "Action taken",
	  .type = FIELD_LONG_TEXT,
	  .flags = FIELD_MANAGED,
	  .width = 20
	},
	{ .name = "parent_informed",
	  .label = "Parent informed",
	  .type = FIELD_YES_NO,
	  .flags = FIELD_MANAGED,
	  .initial = "no",
	  .width = 3
	},
	{ .name = "parent_informed_on",
	  .label = "Parent told on",
	  .type = FIELD_DATE,
	  .flags = FIELD_MANAGED,
	  .width = 10,
	  .help = "when the parent or carer was told"
	},
	{ .name = "referred_to",
	  .label = "Referred to",
	  .type = FIELD_TEXT,
	  .flags = FIELD_MANAGED,
	  .width = 20,
	  .help = "e.g. children's social care, police"
	},
	{ .name = "rationale",
	  .label = "Rationale",
	  .type = FIELD_LONG_TEXT,
	  .flags = FIELD_MANAGED,
	  .width = 20,
	  .help = "why the DSL decided as they did, a decision not to refer included"
	},
	{ .name = "closed_on",
	  .label = "Closed",
	  .type = FIELD_DATE,
	  .flags = FIELD_MANAGED,
	  .width = 10
	},
};

static const struct field action_fields[] = {
	{ .name = "contact",
	  .label = "Report",
	  .type = FIELD_REF,
	  .flags = REQ | LIST | FIELD_FIXED,
	  .target = "contact",
	  .width = 24,
	  .help = "the contact report"
	},
	{ .name = "acted_on",
	  .label = "Date",
	  .type = FIELD_DATE,
	  .flags = REQ | LIST,
	  .initial = "today",
	  .width = 10
	},
	{ .name = "time",
	  .label = "Time",
	  .type = FIELD_TIME,
	  .flags = LIST,
	  .initial = "now",
	  .width = 5,
	  .help = "the time of day, HH:MM"
	},
	{ .name = "kind",
	  .label = "Kind",
	  .type = FIELD_CHOICE,
	  .flags = REQ | LIST,
	  .choices = action_kinds,
	  .initial = "note",
	  .width = 16,
	  .help = "what kind of entry: concern_received, advice_given, shared_with..."
	},
	{ .name = "by",
	  .label = "By",
	  .type = FIELD_REF,
	  .flags = LIST | FIELD_ME | FIELD_AUTO,
	  .target = "person",
	  .width = 16,
	  .help = "who recorded it: the user, filled in"
	},
	{ .name = "role",
	  .label = "Role",
	  .type = FIELD_TEXT,
	  .flags = FIELD_AUTO,
	  .width = 10,
	  .help = "the recorder's roles, filled in"
	},
	{ .name = "with_whom",
	  .label = "With whom",
	  .type = FIELD_TEXT,
	  .width = 20,
	  .help = "for sharing and referrals: with whom"
	},
	{ .name = "note",
	  .label = "Note",
	  .type = FIELD_LONG_TEXT,
	  .flags = REQ | LIST,
	  .width = 40,
	  .help = "what was done or decided, and why"
	},
};

static const struct field takedown_fields[] = {
	{ .name = "pupil",
	  .label = "Pupil",
	  .type = FIELD_REF,
	  .flags = REQ | LIST,
	  .target = "pupil",
	  .width = 20
	},
	{ .name = "channel",
	  .label = "Channel",
	  .type = FIELD_REF,
	  .flags = LIST,
	  .target = "channel",
	  .width = 22,
	  .help = "empty for a post on an outlet that is not a channel"
	},
	{ .name = "raised_on",
	  .label = "Raised",
	  .type = FIELD_DATE,
	  .flags = REQ | LIST,
	  .initial = "today",
	  .width = 10
	},
	{ .name = "done_on",
	  .label = "Done",
	  .type = FIELD_DATE,
	  .flags = LIST,
	  .width = 10,
	  .help = "when the posts came down"
	},
	{ .name = "done_by",
	  .label = "Done by",
	  .type = FIELD_REF,
	  .flags = FIELD_ENDED_BY,
	  .target = "person",
	  .width = 16
	},
	{ .name = "note",
	  .label = "Note",
	  .type = FIELD_TEXT,
	  .flags = LIST,
	  .width = 24
	},
	{ .name = "post",
	  .label = "Post",
	  .type = FIELD_REF,
	  .flags = LIST,
	  .target = "post",
	  .width = 24,
	  .help = "the post that must come down"
	},
};

static const struct field post_fields[] = {
	{ .name = "channel",
	  .label = "Channel",
	  .type = FIELD_REF,
	  .flags = LIST,
	  .target = "channel",
	  .width = 20,
	  .help = "the channel posted on; empty for an outlet"
	},
	{ .name = "outlet",
	  .label = "Outlet",
	  .type = FIELD_CHOICE,
	  .flags = LIST,
	  .choices = outlets,
	  .width = 10,
	  .help = "or an outlet that is not a channel: newsletter, press, website, displays"
	},
	{ .name = "posted_on",
	  .label = "Posted",
	  .type = FIELD_DATE,
	  .flags = REQ | LIST,
	  .initial = "today",
	  .width = 10
	},
	{ .name = "url",
	  .label = "Address",
	  .type = FIELD_TEXT,
	  .flags = NAME,
	  .width = 24,
	  .help = "the post's address, or where to find it (issue, page, board)"
	},
	{ .name = "pupils",
	  .label = "Pupils",
	  .type = FIELD_CODES,
	  .flags = LIST,
	  .target = "pupil",
	  .width = 24,
	  .help = "the pupils shown, separated by ;"
	},
	{ .name = "named",
	  .label = "Named",
	  .type = FIELD_YES_NO,
	  .flags = LIST,
	  .initial = "no",
	  .width = 5,
	  .help = "whether their names were given"
	},
	{ .name = "posted_by",
	  .label = "Posted by",
	  .type = FIELD_REF,
	  .flags = FIELD_ME,
	  .target = "person",
	  .width = 16
	},
	{ .name = "answer",
	  .label = "May I post?",
	  .type = FIELD_TEXT,
	  .flags = FIELD_FIXED,
	  .width = 30,
	  .help = "may I post's answer when the post was recorded, with its reasons"
	},
	{ .name = "override",
	  .label = "Override",
	  .type = FIELD_TEXT,
	  .flags = FIELD_FIXED,
	  .width = 24,
	  .help = "why an admin recorded it though may I post said no"
	},
};

static const struct field objection_fields[] = {
	{ .name = "pupil",
	  .label = "Pupil",
	  .type = FIELD_REF,
	  .flags = REQ | LIST,
	  .target = "pupil",
	  .width = 20
	},
	{ .name = "given_by",
	  .label = "From",
	  .type = FIELD_TEXT,
	  .flags = REQ | LIST,
	  .width = 18,
	  .help = "the parent or carer who objected"
	},
	{ .name = "received_on",
	  .label = "Received",
	  .type = FIELD_DATE,
	  .flags = REQ | LIST,
	  .initial = "today",
	  .width = 10,
	  .help = "when the letter reached the head teacher"
	},
	{ .name = "uses",
	  .label = "Uses",
	  .type = FIELD_CODES,
	  .flags = LIST,
	  .target = "consent_use",
	  .width = 24,
	  .help = "the uses objected to, separated by ;; empty: every use"
	},
	{ .name = "withdrawn_on",
	  .label = "Withdrawn",
	  .type = FIELD_DATE,
	  .flags = LIST,
	  .width = 10,
	  .help = "when the parent withdrew the objection"
	},
	{ .name = "form_ref",
	  .label = "Letter",
	  .type = FIELD_TEXT,
	  .width = 16,
	  .help = "where the letter is kept"
	},
	{ .name = "notes",
	  .label = "Notes",
	  .type = FIELD_LONG_TEXT,
	  .width = 20
	},
};

static const struct field signoff_fields[] = {
	{ .name = "channel",
	  .label = "Channel",
	  .type = FIELD_REF,
	  .flags = REQ | LIST,
	  .target = "channel",
	  .width = 22
	},
	{ .name = "signed_on",
	  .label = "Signed off",
	  .type = FIELD_DATE,
	  .flags = REQ | LIST,
	  .initial = "today",
	  .width = 10
	},
	{ .name = "signed_by",
	  .label = "Signed by",
	  .type = FIELD_REF,
	  .flags = LIST | FIELD_ME,
	  .target = "person",
	  .width = 16,
	  .help = "the head teacher"
	},
	{ .name = "note",
	  .label = "Note",
	  .type = FIELD_TEXT,
	  .flags = LIST,
	  .width = 30,
	  .help = "what was looked at: posts, followers, settings, who can get in"
	},
};

static const struct field training_fields[] = {
	{ .name = "person",
	  .label = "Person",
	  .type = FIELD_REF,
	  .flags = REQ | LIST,
	  .target = "person",
	  .width = 20
	},
	{ .name = "kind",
	  .label = "Kind",
	  .type = FIELD_CHOICE,
	  .flags = REQ | LIST,
	  .choices = training_kinds,
	  .width = 16,
	  .help = "induction, annual_refresher, policy_read or cpd"
	},
	{ .name = "policy",
	  .label = "Policy",
	  .type = FIELD_REF,
	  .flags = LIST,
	  .target = "policy",
	  .width = 24,
	  .help = "the policy read, if any"
	},
	{ .name = "completed_on",
	  .label = "Completed",
	  .type = FIELD_DATE,
	  .flags = REQ | LIST,
	  .initial = "today",
	  .width = 10
	},
	{ .name = "notes",
	  .label = "Notes",
	  .type = FIELD_LONG_TEXT,
	  .width = 20
	},
	{ .name = "version",
	  .label = "Version",
	  .type = FIELD_TEXT,
	  .flags = LIST,
	  .width = 8,
	  .help = "the version of the policy read; a new version asks again"
	},
};

static const char *const needed_trainings[] = {"induction", "annual_refresher", NULL};

static const struct field training_need_fields[] = {
	{ .name = "training",
	  .label = "Training",
	  .type = FIELD_CHOICE,
	  .flags = REQ | LIST | FIELD_FIXED,
	  .choices = needed_trainings,
	  .width = 18
	},
	{ .name = "kinds",
	  .label = "Who needs it",
	  .type = FIELD_CODES,
	  .flags = LIST,
	  .choices = person_kinds,
	  .width = 40,
	  .help = "kinds of person, separated by ;; whoever holds an authorisation needs it too"
	},
};

static const struct field user_fields[] = {
	{ .name = "login",
	  .label = "Login",
	  .type = FIELD_TEXT,
	  .flags = REQ | LIST | NAME,
	  .width = 14,
	  .help = "their login name on this computer"
	},
	{ .name = "person",
	  .label = "Person",
	  .type = FIELD_REF,
	  .flags = LIST,
	  .target = "person",
	  .width = 20,
	  .help = "who they are in the register"
	},
	{ .name = "roles",
	  .label = "Roles",
	  .type = FIELD_CODES,
	  .flags = REQ | LIST,
	  .choices = role_choices,
	  .width = 20,
	  .help = "admin, dsl, governor, staff; separated by ;"
	},
	{ .name = "disabled_on",
	  .label = "Disabled",
	  .type = FIELD_DATE,
	  .flags = LIST,
	  .width = 10,
	  .help = "from when they may no longer use smreg"
	},
};

static const struct field request_fields[] = {
	{ .name = "requester",
	  .label = "Requester",
	  .type = FIELD_TEXT,
	  .flags = REQ | LIST | NAME,
	  .width = 20,
	  .help = "who asked (a parent, the pupil, a member of staff); a verbal request counts"
	},
	{ .name = "pupil",
	  .label = "About pupil",
	  .type = FIELD_REF,
	  .flags = LIST,
	  .target = "pupil",
	  .width = 20,
	  .help = "the pupil the request is about (or give person)"
	},
	{ .name = "person",
	  .label = "About person",
	  .type = FIELD_REF,
	  .flags = LIST,
	  .target = "person",
	  .width = 20,
	  .help = "the person the request is about (or give pupil)"
	},
	{ .name = "received_on",
	  .label = "Received",
	  .type = FIELD_DATE,
	  .flags = REQ | LIST,
	  .initial = "today",
	  .width = 10,
	  .help = "the day the request was made"
	},
	{ .name = "due_on",
	  .label = "Due",
	  .type = FIELD_DATE,
	  .flags = LIST,
	  .width = 10,
	  .help = "one calendar month after it was received, unless given"
	},
	{ .name = "extended_to",
	  .label = "Extended to",
	  .type = FIELD_DATE,
	  .flags = LIST,
	  .width = 10,
	  .help = "a new deadline, at most two months after the due date"
	},
	{ .name = "done_on",
	  .label = "Done",
	  .type = FIELD_DATE,
	  .flags = LIST,
	  .width = 10,
	  .help = "the day the answer was sent"
	},
	{ .name = "handling",
	  .label = "Handling",
	  .type = FIELD_LONG_TEXT,
	  .width = 20,
	  .help = "how it was handled: what was released, withheld and why"
	},
};

static const struct field setting_fields[] = {
	{ .name = "key",
	  .label = "Setting",
	  .type = FIELD_TEXT,
	  .flags = REQ | LIST | FIELD_FIXED | NAME,
	  .width = 22
	},
	{ .name = "value",
	  .label = "Value",
	  .type = FIELD_INTEGER,
	  .flags = REQ | LIST,
	  .width = 6
	},
	{ .name = "label",
	  .label = "Meaning",
	  .type = FIELD_TEXT,
	  .flags = REQ | LIST | FIELD_FIXED,
	  .width = 50
	},
};

static const char *const match_school[] = {"$.name", "$.code", "$.urn", NULL};
static const char *const match_person[] = {"$.name", "$.email", NULL};
static const char *const match_channel[] = {"$.platform || ':' || $.account", NULL};
static const char *const match_pupil[] = {"$.name", "$.mis_id", "$.upn", NULL};
static const char *const match_requester[] = {"$.requester", NULL};
static const char *const match_code[] = {"$.code", "$.label", NULL};
static const char *const match_title[] = {"$.title", NULL};
static const char *const match_login[] = {"$.login", NULL};
static const char *const match_key[] = {"$.key", NULL};
static const char *const match_training[] = {"$.training", NULL};
/* A consent is named by its pupil: the current one is meant (see ref.c). */
static const char *const match_consent[] = {"(SELECT p.name FROM pupil AS p WHERE p.id = $.pupil)", NULL};

#define FIELDS(a) a, COUNT(a)

/* Each register's related records, as its record screen and show list them. */
static const struct relation school_relations[] = {
	{"channel", "school", "Channels", "new channel"},
	{NULL, NULL, NULL, NULL},
};

static const struct relation person_relations[] = {
	{"authorisation", "person", "Authorisations", "grant"},
	{"training", "person", "Training", "record training"},
	{NULL, NULL, NULL, NULL},
};

static const struct relation channel_relations[] = {
	{"authorisation", "channel", "Admins and posters", "grant"},
	{"takedown", "channel", "Takedowns", "raise takedown"},
	{"post", "channel", "Posts", "record post"},
	{"signoff", "channel", "Sign-offs", "record sign-off"},
	{NULL, NULL, NULL, NULL},
};

static const struct relation pupil_relations[] = {
	{"consent", "pupil", "Consent history", "record consent"},
	{"takedown", "pupil", "Takedowns", "raise takedown"},
	{"post", "pupils", "Published in", "record post"},
	{"objection", "pupil", "Objections (opt-out)", "record objection"},
	{NULL, NULL, NULL, NULL},
};

static const struct relation policy_relations[] = {
	{"review", "policy", "Review history", "record review"},
	{NULL, NULL, NULL, NULL},
};

static const struct relation contact_relations[] = {
	{"action", "contact", "Chronology", "add action"},
	{NULL, NULL, NULL, NULL},
};

static const struct record_type school_type = {
	.name = "school", .label = "school", .plural = "Schools",
	FIELDS(school_fields),
	.title_sql = "$.name", .match_sql = match_school, .order_sql = "$.name",
	.relations = school_relations,
	.flags = RECORD_ONE_PREFILLS,
	.help = "the schools of the trust, or the one school",
};

/* Rules across fields (the schema's CHECKs of the same names). */
static const struct field_rule person_rules[] = {
	{"left_on", "$.left_on >= $.started_on",
	 "is before started_on"},
	{0},
};

static const struct record_type person_type = {
	.name = "person", .label = "person", .plural = "People",
	FIELDS(person_fields),
	.title_sql = "$.name", .match_sql = match_person, .order_sql = "$.name",
	.ended_sql = "$.left_on <= :today",
	.end_field = "left_on", .end_verb = "record leaving", .end_past = "left",
	.end_follow_up = END_REVOKE_HELD,
	.relations = person_relations,
	.flags = RECORD_SUBJECT,
	.help = "staff, governors, volunteers and contractors",
	.rules = person_rules,
};

static const struct field_rule channel_rules[] = {
	{"closed_on", "$.closed_on >= $.opened_on",
	 "is before opened_on"},
	{0},
};

static const struct record_type channel_type = {
	.name = "channel", .label = "channel", .plural = "Channels",
	FIELDS(channel_fields),
	.title_sql = "$.platform || ':' || $.account", .match_sql = match_channel,
	.order_sql = "$.platform, $.account",
	.ended_sql = "$.closed_on <= :today",
	.end_field = "closed_on", .end_verb = "close", .end_past = "closed",
	.relations = channel_relations,
	.help = "the school's official social-media accounts",
	.rules = channel_rules,
};

static const struct field_rule authorisation_rules[] = {
	{"revoked_on", "$.revoked_on >= $.granted_on",
	 "is before granted_on"},
	{"channel", "$.channel IS NOT NULL OR $.kind = 'exception'",
	 "is required unless the kind is exception"},
	{"detail", "$.kind <> 'exception' OR coalesce(trim($.detail), '') <> ''",
	 "an exception needs the detail of what it allows"},
	{0},
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
	.rules = authorisation_rules,
};

static const struct field_rule pupil_rules[] = {
	{"left_on", "$.left_on >= $.joined_on",
	 "is before joined_on"},
	{0},
};

static const struct record_type pupil_type = {
	.name = "pupil", .label = "pupil", .plural = "Pupils",
	FIELDS(pupil_fields),
	.title_sql = "$.name", .match_sql = match_pupil, .order_sql = "$.name",
	.ended_sql = "$.left_on <= :today",
	.end_field = "left_on", .end_verb = "record leaving", .end_past = "left",
	.relations = pupil_relations,
	.mis = MIS_PUPILS,
	.flags = RECORD_SUBJECT,
	.help = "pupils, for their photo consents",
	.rules = pupil_rules,
};

static const struct record_type consent_use_type = {
	.name = "consent_use", .label = "consent use", .plural = "Consent uses",
	FIELDS(consent_use_fields),
	.title_sql = "$.code", .match_sql = match_code, .order_sql = "$.code",
	.key = "code",
	.flags = RECORD_LOOKUP,
	.help = "the uses a consent form asks about",
};

static const struct field_rule consent_rules[] = {
	{"expires_on", "$.expires_on >= $.received_on",
	 "is before received_on"},
	{"withdrawn_on", "$.withdrawn_on >= $.received_on",
	 "is before received_on"},
	{0},
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
	.mis = MIS_CONSENTS,
	.help = "photo consents from parents and carers",
	.rules = consent_rules,
};

static const struct record_type policy_type = {
	.name = "policy", .label = "policy", .plural = "Policies",
	FIELDS(policy_fields),
	.title_sql = "$.title", .match_sql = match_title, .order_sql = "$.next_review_on, $.title",
	.ended_sql = "$.status = 'retired'",
	.relations = policy_relations,
	.derived = {.field = "next_review_on", .from = "approved_on", .months = "cycle_months"},
	.help = "policies and their review dates",
};

static const struct field_rule review_rules[] = {
	{"approved_on", "$.approved_on >= $.reviewed_on",
	 "is before reviewed_on"},
	{0},
};

static const struct record_type review_type = {
	.name = "review", .label = "review", .plural = "Reviews",
	FIELDS(review_fields),
	.title_sql = "(SELECT p.title FROM policy AS p WHERE p.id = $.policy) || ', reviewed ' || "
		     "strftime('%d/%m/%Y', $.reviewed_on)",
	.order_sql = "$.reviewed_on DESC",
	.help = "policy reviews; each moves its policy's next review",
	.rules = review_rules,
};

/* Closing a report asks, in one form, what a review will look for. */
static const char *const contact_end_fields[] = {
	"action_taken", "parent_informed", "parent_informed_on", "referred_to", NULL};

static const struct field_rule contact_rules[] = {
	{"closed_on", "$.closed_on >= $.reported_on",
	 "is before reported_on"},
	{"pupil", "$.pupil IS NOT NULL OR coalesce(trim($.pupil_name), '') <> '' OR $.concerns IS NOT NULL",
	 "name the pupil, from the register or as pupil_name, or the member of staff as concerns"},
	{"concerns", "$.concerns IS NULL OR ($.pupil IS NULL AND $.pupil_name IS NULL)",
	 "a report is about a pupil or about a member of staff, not both"},
	{"parent_informed_on", "$.parent_informed_on IS NULL OR $.parent_informed = 1",
	 "a parent or carer told has parent_informed yes"},
	{"closed_on", "($.status = 'closed') = ($.closed_on IS NOT NULL)",
	 "a closed report has a closing date, and only a closed one"},
	{"rationale", "$.status <> 'closed' OR coalesce(trim($.rationale), '') <> ''",
	 "a closed report needs the DSL's rationale"},
	{0},
};

static const struct record_type contact_type = {
	.name = "contact", .label = "contact report", .plural = "Contact reports",
	FIELDS(contact_fields),
	.title_sql = "coalesce((SELECT p.name FROM pupil AS p WHERE p.id = $.pupil), $.pupil_name) || "
		     "', ' || replace($.category, '_', ' ') || ', ' || strftime('%d/%m/%Y', $.reported_on)",
	.order_sql = "$.reported_on DESC",
	.ended_sql = "$.status = 'closed'",
	.title_table = "contact_title",
	.end_field = "closed_on", .end_verb = "close", .end_past = "closed", .end_note_field = "rationale",
	.end_also_sql = "status = 'closed'",
	.end_fields = contact_end_fields,
	.owner_field = "reported_by",
	/* A concern about staff goes to the head, or to the chair about the head. */
	.concerns_field = "concerns",
	.named_reader_sql = "(SELECT CASE WHEN h.head IS $.concerns THEN h.chair ELSE h.head END "
			    "FROM school AS h WHERE h.id = $.school)",
	.flags = RECORD_NEVER_DELETED | RECORD_NEEDS_REASON | RECORD_AUDIT_OPENS,
	.relations = contact_relations,
	.help = "pupil-contact reports to the designated safeguarding lead",
	.rules = contact_rules,
};

static const struct record_type action_type = {
	.name = "action", .label = "action", .plural = "Actions",
	FIELDS(action_fields),
	.title_sql = "strftime('%d/%m/%Y', $.acted_on) || coalesce(' ' || $.time, '') || ' ' || "
		     "replace($.kind, '_', ' ') || ': ' || substr($.note, 1, 40) || "
		     "CASE WHEN length($.note) > 40 THEN '…' ELSE '' END",
	.order_sql = "$.acted_on",
	.parent_field = "contact",
	.flags = RECORD_NEVER_DELETED | RECORD_NEEDS_REASON | RECORD_AUDIT_OPENS,
	.help = "the dated chronology of a contact report",
};

static const struct field_rule takedown_rules[] = {
	{"done_on", "$.done_on >= $.raised_on",
	 "is before raised_on"},
	{"channel", "$.channel IS NOT NULL OR $.post IS NOT NULL",
	 "name the channel or the post"},
	{0},
};

static const struct record_type takedown_type = {
	.name = "takedown", .label = "takedown", .plural = "Takedowns",
	FIELDS(takedown_fields),
	.title_sql = "(SELECT p.name FROM pupil AS p WHERE p.id = $.pupil) || ' from ' || "
		     "coalesce((SELECT c.platform || ':' || c.account FROM channel AS c WHERE c.id = $.channel), "
		     "(SELECT o.outlet FROM post AS o WHERE o.id = $.post))",
	.order_sql = "$.raised_on DESC",
	.ended_sql = "$.done_on <= :today",
	.end_field = "done_on", .end_verb = "mark done", .end_past = "done", .end_note_field = "note",
	.help = "what must come down when consent is withdrawn or narrowed",
	.rules = takedown_rules,
};

static const struct field_rule post_rules[] = {
	{"channel", "($.channel IS NULL) <> ($.outlet IS NULL)",
	 "name the channel or the outlet, not both"},
	{0},
};

static const struct record_type post_type = {
	.name = "post", .label = "post", .plural = "Posts",
	FIELDS(post_fields),
	.title_sql = "coalesce((SELECT c.platform || ':' || c.account FROM channel AS c "
		     "WHERE c.id = $.channel), $.outlet) || ', ' || strftime('%d/%m/%Y', $.posted_on) || "
		     "coalesce(' ' || $.url, '')",
	.order_sql = "$.posted_on DESC",
	.add_check = ADD_ASKS_MAY_POST,
	.help = "what was published, where, showing whom; asks may I post? when recorded",
	.rules = post_rules,
};

static const struct field_rule objection_rules[] = {
	{"withdrawn_on", "$.withdrawn_on >= $.received_on",
	 "is before received_on"},
	{0},
};

static const struct record_type objection_type = {
	.name = "objection", .label = "objection", .plural = "Objections",
	FIELDS(objection_fields),
	.title_sql = "(SELECT p.name FROM pupil AS p WHERE p.id = $.pupil) || ', objected ' || "
		     "strftime('%d/%m/%Y', $.received_on)",
	.order_sql = "$.received_on DESC",
	.ended_sql = "$.withdrawn_on <= :today",
	.end_field = "withdrawn_on", .end_verb = "withdraw", .end_past = "withdrawn",
	.help = "a parent's objection to photos, at an opt-out school",
	.rules = objection_rules,
};

static const struct record_type signoff_type = {
	.name = "signoff", .label = "sign-off", .plural = "Sign-offs",
	FIELDS(signoff_fields),
	.title_sql = "(SELECT c.platform || ':' || c.account FROM channel AS c WHERE c.id = $.channel) || "
		     "', signed off ' || strftime('%d/%m/%Y', $.signed_on)",
	.order_sql = "$.signed_on DESC",
	.help = "the head teacher's termly sign-off of each channel",
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
	.flags = RECORD_USERS,
	.help = "who may use smreg, and in which roles",
};

static const struct field_rule request_rules[] = {
	{"pupil", "($.pupil IS NULL) <> ($.person IS NULL)",
	 "name the pupil or the person the request is about, not both"},
	{"due_on", "$.due_on >= $.received_on",
	 "is before received_on"},
	{"extended_to", "$.extended_to >= $.due_on AND $.extended_to <= date($.due_on, '+2 months')",
	 "is more than two months after due_on"},
	{"done_on", "$.done_on >= $.received_on",
	 "is before received_on"},
	{0},
};

static const struct record_type request_type = {
	.name = "request", .label = "subject-access request", .plural = "Access requests",
	FIELDS(request_fields),
	.title_sql = "'request from ' || $.requester || ', received ' || strftime('%d/%m/%Y', $.received_on)",
	.match_sql = match_requester,
	.order_sql = "$.received_on DESC",
	.ended_sql = "$.done_on <= :today",
	.end_field = "done_on", .end_verb = "mark answered", .end_past = "answered",
	.end_note_field = "handling",
	.derived = {.field = "due_on", .from = "received_on", .fixed_months = 1},
	.help = "subject-access requests: answered within one calendar month",
	.rules = request_rules,
};

static const struct record_type setting_type = {
	.name = "setting", .label = "setting", .plural = "Settings",
	FIELDS(setting_fields),
	.title_sql = "$.key", .match_sql = match_key, .order_sql = "$.key",
	.flags = RECORD_FIXED_SET | RECORD_LOOKUP,
	.help = "the thresholds of the due-review warnings",
};

static const struct record_type training_need_type = {
	.name = "training_need", .label = "training need", .plural = "Training needs",
	FIELDS(training_need_fields),
	.title_sql = "$.training", .match_sql = match_training, .order_sql = "$.training",
	.flags = RECORD_FIXED_SET | RECORD_LOOKUP,
	.help = "which kinds of person need each kind of training",
};

static const struct record_type *const all_types[] = {
	&school_type, &person_type, &channel_type, &authorisation_type,
	&pupil_type, &consent_use_type, &consent_type, &takedown_type,
	&policy_type, &review_type, &contact_type, &action_type,
	&training_type, &user_type, &setting_type, &training_need_type, &request_type,
	&post_type, &signoff_type, &objection_type,
};
/* clang-format on */

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
	const struct record_type *target = record_type_find(field->target);

	return target != NULL && target->key != NULL ? target->key : "id";
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
