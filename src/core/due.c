/* The due-review warnings a user may see. */
#include "core/due.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/access.h"
#include "core/due_cache.h"
#include "core/edit.h"
#include "core/record.h"
#include "core/store.h"
#include "core/text.h"
#include "private.h"

static const char *const severity_names[] = {"overdue", "due", "info"};

const char *severity_name(enum severity severity)
{
	return severity_names[severity];
}

static enum severity severity_parse(const char *text)
{
	for (int i = 0; i < 3; i++)
		if (text != NULL && strcmp(text, severity_names[i]) == 0)
			return (enum severity)i;
	return SEVERITY_DUE; /* 'later', shown because of --within */
}

static void item_clear(struct due_item *item)
{
	free(item->code);
	free(item->register_name);
	free(item->record_id);
	free(item->school);
	free(item->subject);
	free(item->detail);
}

void due_list_free(struct due_list **lp)
{
	struct due_list *list = *lp;

	if (list == NULL)
		return;
	for (size_t i = 0; i < list->count; i++)
		item_clear(&list->items[i]);
	free(list->items);
	free(list);
	*lp = NULL;
}

static struct due_item *append(struct due_list *list, size_t *capacity)
{
	if (list->count == *capacity) {
		size_t grown = *capacity ? *capacity * 2 : 64;
		struct due_item *items = realloc(list->items, grown * sizeof *items);

		if (items == NULL)
			return NULL;
		list->items = items;
		*capacity = grown;
	}
	memset(&list->items[list->count], 0, sizeof list->items[0]);
	return &list->items[list->count++];
}

/* What the user may see of a warning raised by this rule. */
enum visibility {
	HIDDEN,
	COUNTED,
	SHOWN
};

static enum visibility visibility_of(struct smreg *s, const struct due_rule *rule)
{
	const struct record_type *type = record_type_find(rule->register_name);

	if (access_mine(s, type) & CAN_READ)
		return SHOWN;
	/* Warnings about pupils are everyone's business; their names are not. */
	return rule->counted ? COUNTED : HIDDEN;
}

/* Pupils behind the counted items: one warning may name a pupil twice
 * (a takedown on two channels), and the count is of pupils. */
struct tally {
	size_t item;
	char *pupil;
};

struct tallies {
	size_t count;
	size_t capacity;
	struct tally *items;
};

static int tally_add(struct tallies *t, size_t item, const char *pupil)
{
	if (t->count == t->capacity) {
		size_t grown = t->capacity ? t->capacity * 2 : 64;
		struct tally *items = realloc(t->items, grown * sizeof *items);

		if (items == NULL)
			return -1;
		t->items = items;
		t->capacity = grown;
	}
	t->items[t->count].item = item;
	t->items[t->count].pupil = strdup(pupil ? pupil : "");
	if (t->items[t->count].pupil == NULL)
		return -1;
	t->count++;
	return 0;
}

static int compare_tallies(const void *a, const void *b)
{
	const struct tally *x = a;
	const struct tally *y = b;

	if (x->item != y->item)
		return x->item < y->item ? -1 : 1;
	return strcmp(x->pupil, y->pupil);
}

/* Each counted item's number of pupils, and its subject: "12 pupils". */
static void finish_tallies(struct due_list *list, struct tallies *t)
{
	if (t->count > 1)
		qsort(t->items, t->count, sizeof t->items[0], compare_tallies);
	for (size_t i = 0; i < t->count; i++) {
		struct due_item *item = &list->items[t->items[i].item];

		if (i == 0 || t->items[i].item != t->items[i - 1].item ||
		    strcmp(t->items[i].pupil, t->items[i - 1].pupil) != 0)
			item->count++;
	}
	for (size_t i = 0; i < t->count; i++) {
		struct due_item *item = &list->items[t->items[i].item];

		if (item->subject == NULL)
			item->subject = text_format("%d pupil%s", item->count, item->count == 1 ? "" : "s");
		free(t->items[i].pupil);
	}
	free(t->items);
}

static bool same_detail(const struct due_item *item, const char *detail)
{
	if (item->detail == NULL || detail == NULL)
		return item->detail == detail;
	return strcmp(item->detail, detail) == 0;
}

/* Warnings of one kind that say different things ("take down from" one
 * channel and another) are said as how many: "2 takedowns". */
static int fold_detail(struct due_item *item)
{
	const struct record_type *type = record_type_find(item->register_name);

	free(item->detail);
	item->detail = text_format("%d %s%s", item->warnings, type ? type->label : "warning",
				   item->warnings == 1 ? "" : "s");
	return item->detail ? 0 : -1;
}

/* Fold a warning the user may only count into the item counting its kind. */
static int count_into(struct due_list *list, size_t *capacity, struct tallies *tallies,
		      sqlite3_stmt *stmt, enum severity severity)
{
	const char *code = (const char *)sqlite3_column_text(stmt, 0);
	const char *school = (const char *)sqlite3_column_text(stmt, 4);
	const char *due_on = (const char *)sqlite3_column_text(stmt, 7);
	struct due_item *item = NULL;

	for (size_t i = 0; i < list->count && item == NULL; i++) {
		struct due_item *it = &list->items[i];

		if (it->record_id == NULL && it->severity == severity && strcmp(it->code, code) == 0 &&
		    ((it->school == NULL && school == NULL) ||
		     (it->school && school && strcmp(it->school, school) == 0)))
			item = it;
	}
	if (item == NULL) {
		item = append(list, capacity);
		if (item == NULL)
			return -1;
		item->code = strdup(code);
		item->severity = severity;
		item->register_name = db_column_dup(stmt, 2);
		item->school = db_column_dup(stmt, 4);
		item->detail = db_column_dup(stmt, 6);
		snprintf(item->due_on, sizeof item->due_on, "%s", due_on ? due_on : "");
	}
	/* Counted as the readers count them: each warning, not each line. */
	list->by_severity[severity]++;
	item->warnings++;
	if (!same_detail(item, (const char *)sqlite3_column_text(stmt, 6)) &&
	    fold_detail(item) != 0)
		return -1;
	if (due_on != NULL && strcmp(due_on, item->due_on) < 0)
		snprintf(item->due_on, sizeof item->due_on, "%s", due_on);
	return tally_add(tallies, (size_t)(item - list->items),
			 (const char *)sqlite3_column_text(stmt, 8));
}

static int show(struct due_list *list, size_t *capacity, sqlite3_stmt *stmt,
		enum severity severity)
{
	struct due_item *item = append(list, capacity);
	const char *due_on = (const char *)sqlite3_column_text(stmt, 7);

	if (item == NULL)
		return -1;
	item->code = db_column_dup(stmt, 0);
	item->severity = severity;
	item->register_name = db_column_dup(stmt, 2);
	item->record_id = db_column_dup(stmt, 3);
	item->school = db_column_dup(stmt, 4);
	item->subject = db_column_dup(stmt, 5);
	item->detail = db_column_dup(stmt, 6);
	snprintf(item->due_on, sizeof item->due_on, "%s", due_on ? due_on : "");
	item->count = 1;
	item->warnings = 1;
	list->by_severity[severity]++;
	return 0;
}

#define OVERDUE SEVERITY_BIT(SEVERITY_OVERDUE)
#define DUE SEVERITY_BIT(SEVERITY_DUE)
#define INFO SEVERITY_BIT(SEVERITY_INFO)

/*
 * The warning rules: each code, the view that raises it, and who sees it.
 * Each view is read on its own and the rows merged here: SQLite plans some
 * of them far worse inside one union than alone, and a rule about a
 * register the user may not see is not read at all.  The rows of a view
 * are together, and agree on its register and on counting.  test_due holds
 * this table to the schema's views; smreg help due prints it, and
 * tests/cli/test_basics.sh holds the man page's list to that.
 */
/* clang-format off */
static const struct due_rule rules[] = {
	{.code = "POLICY_OVERDUE", .view = "due_policy", .register_name = "policy",
	 .severities = OVERDUE, .help = "a policy in force whose review date has passed"},
	{.code = "POLICY_DUE", .view = "due_policy", .register_name = "policy",
	 .severities = DUE, .help = "a policy whose review falls within policy_warn_days"},
	{.code = "POLICY_UNDATED", .view = "due_policy_undated", .register_name = "policy",
	 .severities = DUE, .help = "a policy in force with no approval date and no review date"},
	{.code = "CHANNEL_NO_MASTER", .view = "due_channel_no_master", .register_name = "channel",
	 .severities = OVERDUE, .help = "an open channel with no active master administrator"},
	{.code = "LEAVER_HAS_ACCESS", .view = "due_leaver_has_access",
	 .register_name = "authorisation", .severities = OVERDUE,
	 .help = "someone who has left still holds an active authorisation"},
	{.code = "AUTH_EXPIRED", .view = "due_authorisation", .register_name = "authorisation",
	 .severities = OVERDUE, .help = "an active authorisation whose review date has passed"},
	{.code = "AUTH_DUE", .view = "due_authorisation", .register_name = "authorisation",
	 .severities = DUE, .help = "an authorisation whose review falls within auth_warn_days"},
	{.code = "NOT_RISK_ASSESSED", .view = "due_not_risk_assessed", .register_name = "channel",
	 .severities = OVERDUE,
	 .help = "an open channel without a risk assessment or the head's approval"},
	{.code = "PRIVACY_CHECK_DUE", .view = "due_privacy_check", .register_name = "channel",
	 .severities = DUE, .help = "an open channel's privacy settings are due a check"},
	{.code = "NOT_IN_PRIVACY_NOTICE", .view = "due_channel_settings", .register_name = "channel",
	 .severities = DUE, .help = "an open channel not listed in the privacy notice"},
	{.code = "NO_EMERGENCY_ACCESS", .view = "due_channel_settings", .register_name = "channel",
	 .severities = DUE, .help = "leadership cannot reach an open channel's login in an emergency"},
	{.code = "NO_MFA", .view = "due_channel_settings", .register_name = "channel",
	 .severities = DUE, .help = "an open channel without two-factor sign-in"},
	{.code = "PERSONAL_EMAIL", .view = "due_channel_settings", .register_name = "channel",
	 .severities = DUE, .help = "an open channel signed up with one person's e-mail"},
	{.code = "TOO_MANY_ADMINS", .view = "due_too_many_admins", .register_name = "channel",
	 .severities = DUE, .help = "an open channel with more than max_admins active admins"},
	{.code = "CHANNEL_LOSES_MASTER", .view = "due_channel_loses", .register_name = "channel",
	 .severities = DUE,
	 .help = "a revocation or leaving to come leaves a channel without a master administrator"},
	{.code = "CHANNEL_LOSES_ACCESS", .view = "due_channel_loses", .register_name = "channel",
	 .severities = DUE,
	 .help = "a revocation or leaving to come leaves no one who can get in to a channel"},
	{.code = "FEW_WHO_CAN_GET_IN", .view = "due_few_who_can_get_in", .register_name = "channel",
	 .severities = DUE,
	 .help = "fewer than min_who_can_get_in people can get in to an open channel"},
	{.code = "CHANNEL_SIGNOFF_DUE", .view = "due_channel_signoff", .register_name = "channel",
	 .severities = DUE | OVERDUE,
	 .help = "an open channel's termly sign-off by the head teacher is due (signoff_months)"},
	{.code = "CHANNEL_DORMANT", .view = "due_channel_dormant", .register_name = "channel",
	 .severities = DUE,
	 .help = "an open channel with no recorded post for dormant_months: review it or close it"},
	{.code = "CONSENT_WITHDRAWN", .view = "due_consent_withdrawn", .register_name = "consent",
	 .severities = INFO, .counted = true,
	 .help = "a consent withdrawn lately; check what is already published"},
	{.code = "TAKEDOWN_OPEN", .view = "due_takedown", .register_name = "takedown",
	 .severities = DUE | OVERDUE, .counted = true,
	 .help = "a takedown not yet done (overdue after takedown_days)"},
	{.code = "CONSENT_EXPIRED", .view = "due_pupil_consent", .register_name = "pupil",
	 .severities = DUE, .counted = true,
	 .help = "a pupil on roll whose latest consent has expired"},
	{.code = "NO_CONSENT", .view = "due_pupil_consent", .register_name = "pupil",
	 .severities = INFO, .counted = true, .help = "a pupil on roll with no consent received"},
	{.code = "CONTACT_OPEN", .view = "due_contact", .register_name = "contact",
	 .severities = DUE | OVERDUE,
	 .help = "a contact report open over contact_warn_days (for the DSL)"},
	/* About people, but only for those who may see their training. */
	{.code = "TRAINING_DUE", .view = "due_training", .register_name = "training",
	 .severities = DUE | OVERDUE,
	 .help = "someone without induction or this year's refresher (see training_need)"},
	{.code = "POLICY_UNREAD", .view = "due_policy_read", .register_name = "training",
	 .severities = DUE | OVERDUE,
	 .help = "a must-read policy not read this school year in its current version"},
	{.code = "POLICY_MISSING", .view = "due_statutory_missing",
	 .register_name = "policy", .severities = DUE,
	 .help = "a statutory policy of the school's pack that the register does not hold"},
	{.code = "SAR_OVERDUE", .view = "due_request", .register_name = "request",
	 .severities = OVERDUE, .help = "a subject-access request past its due date, unanswered"},
	{.code = "SAR_DUE", .view = "due_request", .register_name = "request",
	 .severities = DUE, .help = "a subject-access request due within sar_warn_days"},
	/* Records of many registers, for those who answer for data protection
	 * (who read requests: the admin and the DSL), each row only to those
	 * who may read its record: a contact report's to the DSL alone. */
	{.code = "RETENTION_DUE", .view = "due_retention", .register_name = "request",
	 .severities = DUE, .mixed = true, .help = "records past their retention period, due for smreg purge"},
};
/* clang-format on */

const struct due_rule *due_rules(size_t *count)
{
	*count = sizeof rules / sizeof rules[0];
	return rules;
}

/* For a mixed rule: "(d.register = 'contact' AND d.record_id IN (...)) OR
 * ...", a row of each register the user may read in full, and of those
 * only the rows they may see; "0" when none.  The caller frees it. */
static char *mixed_visible_sql(struct smreg *s)
{
	size_t n;
	const struct record_type *const *types = record_types(&n);
	char *sql = strdup("0");

	for (size_t i = 0; i < n && sql != NULL; i++) {
		char *visible, *more;

		/* As smreg retention: a pupil waits while a report names them, so
		 * a register hidden records refer to is not shown at all. */
		if (!(access_mine(s, types[i]) & CAN_READ) || edit_hidden_referrer(s, types[i]))
			continue;
		visible = visible_id_sql(s, types[i], "d.record_id");
		more = visible ? text_format("%s OR (d.register = '%s' AND %s)", sql, types[i]->name,
					     visible)
			       : NULL;
		free(visible);
		free(sql);
		sql = more;
	}
	return sql;
}

/* The rows of one rule view that are due; within_days as due_list.  A
 * warning shown names its record, so only a record the user may see.
 * cached: the view's rows as due_cache stored them, cut the same way. */
static char *rule_sql(struct smreg *s, const struct due_rule *rule, enum visibility v,
		      int within_days, bool cached)
{
	const struct record_type *type = record_type_find(rule->register_name);
	const char *where = within_days >= 0
				    ? "d.severity IN ('overdue', 'info') OR "
				      "d.due_on <= date(:today, '+' || :within || ' days')"
				    : "d.severity <> 'later'";
	char *visible;
	char *sql;

	if (v != SHOWN)
		visible = strdup("1");
	else if (rule->mixed)
		visible = mixed_visible_sql(s);
	else
		visible = visible_id_sql(s, type, "d.record_id");
	sql = visible ? text_format("SELECT d.code, d.severity, d.register, d.record_id, "
				    "(SELECT name FROM school WHERE id = d.school), d.subject, d.detail, "
				    "d.due_on, d.pupil FROM %s AS d WHERE %s%s%s(%s) AND (%s)",
				    cached ? "due_cache" : rule->view, cached ? "d.view = '" : "",
				    cached ? rule->view : "", cached ? "' AND " : "", where, visible)
		      : NULL;
	free(visible);
	return sql;
}

/* The warnings of the view of this rule (and of the rows after it). */
static int read_rule(struct smreg *s, const struct due_rule *rule, int within_days, bool cached,
		     struct due_list *list, size_t *capacity, struct tallies *tallies,
		     struct error *err)
{
	enum visibility v = visibility_of(s, rule);
	char *sql;
	sqlite3_stmt *stmt;
	int rc;

	if (v == HIDDEN)
		return STATUS_OK;
	sql = rule_sql(s, rule, v, within_days, cached);
	rc = sql ? db_prepare(s, sql, &stmt, err)
		 : error_set(err, STATUS_DATABASE, NULL, "out of memory");
	free(sql);
	if (rc != STATUS_OK)
		return rc;
	bind_context(s, stmt);
	if (within_days >= 0)
		sqlite3_bind_int(stmt, sqlite3_bind_parameter_index(stmt, ":within"), within_days);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		enum severity severity = severity_parse((const char *)sqlite3_column_text(stmt, 1));
		int failed = v == SHOWN ? show(list, capacity, stmt, severity)
					: count_into(list, capacity, tallies, stmt, severity);

		if (failed) {
			rc = SQLITE_NOMEM;
			break;
		}
	}
	rc = rc == SQLITE_DONE ? STATUS_OK : db_error(s, rc, err);
	db_release(stmt);
	return rc;
}

/* Most urgent first: overdue, due, info; then the oldest; then by name. */
static int compare_items(const void *a, const void *b)
{
	const struct due_item *x = a;
	const struct due_item *y = b;
	int c;

	if (x->severity != y->severity)
		return (int)x->severity - (int)y->severity;
	if ((c = strcmp(x->due_on, y->due_on)) != 0)
		return c;
	if ((c = strcmp(x->code, y->code)) != 0)
		return c;
	return strcmp(x->subject ? x->subject : "", y->subject ? y->subject : "");
}

/* The warnings, from the stored rows when cached, else from the views. */
static int read_all(struct smreg *s, int within_days, bool cached, struct due_list **out,
		    struct error *err)
{
	struct due_list *list = calloc(1, sizeof *list);
	struct tallies tallies = {0};
	size_t capacity = 0;
	int rc = STATUS_OK;

	*out = NULL;
	if (list == NULL)
		return error_set(err, STATUS_DATABASE, NULL, "out of memory");
	/* Each view once: its codes are rows side by side. */
	for (size_t i = 0; i < sizeof rules / sizeof rules[0] && rc == STATUS_OK; i++)
		if (i == 0 || strcmp(rules[i].view, rules[i - 1].view) != 0)
			rc = read_rule(s, &rules[i], within_days, cached, list, &capacity, &tallies,
				       err);
	/* Counted before sorting: the tallies point at items by position. */
	finish_tallies(list, &tallies);
	if (rc != STATUS_OK) {
		due_list_free(&list);
		return rc;
	}
	if (list->count > 1)
		qsort(list->items, list->count, sizeof list->items[0], compare_items);
	*out = list;
	return STATUS_OK;
}

/* read_all in one read transaction (unless the caller holds one), so the
 * rows read are all of one moment, and current at it when cached. */
static int read_once(struct smreg *s, int within_days, bool may_cache, bool *stale,
		     struct due_list **out, struct error *err)
{
	bool own = sqlite3_get_autocommit(s->db);
	bool cached = false;
	int rc = own ? db_exec(s, "BEGIN", err) : STATUS_OK;

	*out = NULL;
	if (rc == STATUS_OK && may_cache)
		rc = due_cache_current(s, &cached, err);
	*stale = may_cache && !cached;
	if (rc == STATUS_OK && !*stale)
		rc = read_all(s, within_days, cached, out, err);
	if (own && rc == STATUS_OK)
		rc = db_commit(s, err);
	else if (own)
		db_rollback(s);
	if (rc != STATUS_OK)
		due_list_free(out);
	return rc;
}

/* Each rule's view once, into views (as many as there are rules). */
static size_t rule_views(const char **views)
{
	size_t n = 0;

	for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++)
		if (i == 0 || strcmp(rules[i].view, rules[i - 1].view) != 0)
			views[n++] = rules[i].view;
	return n;
}

/* The views' rows and every register's count stored (due_cache.h);
 * *stored: they are current now. */
static void refresh(struct smreg *s, bool *stored)
{
	const char *views[sizeof rules / sizeof rules[0]];
	size_t n;
	const struct record_type *const *types = record_types(&n);
	struct due_cache_total *totals = calloc(n ? n : 1, sizeof *totals);
	struct error ignored;

	*stored = false;
	if (totals == NULL)
		return;
	/* By store.c's own count, so stored and counted never disagree. */
	for (size_t i = 0; i < n; i++) {
		totals[i].register_name = types[i]->name;
		totals[i].sql = store_total_sql(s, types[i]);
	}
	due_cache_refresh(s, views, rule_views(views), totals, n, stored, &ignored);
	for (size_t i = 0; i < n; i++)
		free(totals[i].sql);
	free(totals);
}

int due_list(struct smreg *s, int within_days, struct due_list **out, struct error *err)
{
	bool stale;
	bool stored;
	int rc = read_once(s, within_days, true, &stale, out, err);

	if (rc != STATUS_OK || !stale)
		return rc;
	/* Not stored (read-only, busy, full): the views answer instead. */
	refresh(s, &stored);
	rc = read_once(s, within_days, stored, &stale, out, err);
	/* Written again elsewhere since they were stored: the views. */
	if (rc == STATUS_OK && stale)
		rc = read_once(s, within_days, false, &stale, out, err);
	return rc;
}

int due_list_from_views(struct smreg *s, int within_days, struct due_list **out,
			struct error *err)
{
	bool stale;

	return read_once(s, within_days, false, &stale, out, err);
}
