/* The due-review warnings a user may see. */
#include "core/due.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/access.h"
#include "core/record.h"
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
	return SEVERITY_DUE;	/* 'later', shown because of --within */
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

/* What the user may see of a warning about a record of this register. */
enum visibility { HIDDEN, COUNTED, SHOWN };

static enum visibility visibility_of(struct smreg *s, const char *register_name)
{
	const struct record_type *type = record_type_find(register_name);

	if (access_mine(s, type) & CAN_READ)
		return SHOWN;
	/* Warnings about pupils are everyone's business; their names are not. */
	if (type->flags & RECORD_COUNTED_UNREAD)
		return COUNTED;
	return HIDDEN;
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
		list->by_severity[severity]++;
	}
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
	list->by_severity[severity]++;
	return 0;
}

/*
 * The rule views and the register each one's records belong to.  Each is
 * read on its own and the rows merged here: SQLite plans some of them far
 * worse inside the one union (the due view) than alone, and a rule about
 * a register the user may not see is not read at all.
 */
static const struct {
	const char *view;
	const char *register_name;	/* whose readers see the rule's warnings */
} rules[] = {
	{"due_policy", "policy"},
	{"due_channel_no_master", "channel"},
	{"due_leaver_has_access", "authorisation"},
	{"due_authorisation", "authorisation"},
	{"due_not_risk_assessed", "channel"},
	{"due_privacy_check", "channel"},
	{"due_channel_settings", "channel"},
	{"due_too_many_admins", "channel"},
	{"due_consent_withdrawn", "consent"},
	{"due_takedown", "takedown"},
	{"due_pupil_consent", "pupil"},
	{"due_contact", "contact"},
	/* About people, but only for those who may see their training. */
	{"due_training", "training"},
};

/* The rows of one rule view that are due; within_days as due_list. */
static char *rule_sql(const char *view, int within_days)
{
	const char *where = within_days >= 0
			    ? "d.severity IN ('overdue', 'info') OR "
			      "d.due_on <= date(:today, '+' || :within || ' days')"
			    : "d.severity <> 'later'";

	return text_format("SELECT d.code, d.severity, d.register, d.record_id, "
			   "(SELECT name FROM school WHERE id = d.school), d.subject, d.detail, d.due_on, "
			   "d.pupil FROM %s AS d WHERE %s", view, where);
}

static int read_rule(struct smreg *s, size_t rule, int within_days, struct due_list *list,
		     size_t *capacity, struct tallies *tallies, struct error *err)
{
	enum visibility v = visibility_of(s, rules[rule].register_name);
	char *sql;
	sqlite3_stmt *stmt;
	int rc;

	if (v == HIDDEN)
		return STATUS_OK;
	sql = rule_sql(rules[rule].view, within_days);
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

int due_list(struct smreg *s, int within_days, struct due_list **out, struct error *err)
{
	struct due_list *list = calloc(1, sizeof *list);
	struct tallies tallies = {0};
	size_t capacity = 0;
	int rc = STATUS_OK;

	*out = NULL;
	if (list == NULL)
		return error_set(err, STATUS_DATABASE, NULL, "out of memory");
	for (size_t i = 0; i < sizeof rules / sizeof rules[0] && rc == STATUS_OK; i++)
		rc = read_rule(s, i, within_days, list, &capacity, &tallies, err);
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
