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
	if (strcmp(register_name, "pupil") == 0 || strcmp(register_name, "consent") == 0 ||
	    strcmp(register_name, "takedown") == 0)
		return COUNTED;
	return HIDDEN;
}

/* Fold a warning the user may only count into the item counting its kind. */
static int count_into(struct due_list *list, size_t *capacity, sqlite3_stmt *stmt,
		      enum severity severity)
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
	item->count++;
	if (due_on != NULL && strcmp(due_on, item->due_on) < 0)
		snprintf(item->due_on, sizeof item->due_on, "%s", due_on);
	free(item->subject);
	item->subject = text_format("%d pupil%s", item->count, item->count == 1 ? "" : "s");
	return 0;
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

/* Rows of the due views, most urgent first; within_days as due_list. */
static char *due_sql(int within_days)
{
	const char *view = within_days >= 0 ? "due_all" : "due";
	const char *where = within_days >= 0
			    ? "d.severity IN ('overdue', 'info') OR "
			      "d.due_on <= date(:today, '+' || :within || ' days')"
			    : "1";

	return text_format("SELECT d.code, d.severity, d.register, d.record_id, "
			   "(SELECT name FROM school WHERE id = d.school), d.subject, d.detail, d.due_on "
			   "FROM %s AS d WHERE %s "
			   "ORDER BY CASE d.severity WHEN 'overdue' THEN 0 WHEN 'info' THEN 2 ELSE 1 END, "
			   "d.due_on, d.code, d.subject", view, where);
}

int due_list(struct smreg *s, int within_days, struct due_list **out, struct error *err)
{
	struct due_list *list = calloc(1, sizeof *list);
	char *sql = due_sql(within_days);
	size_t capacity = 0;
	sqlite3_stmt *stmt;
	int rc;

	*out = NULL;
	if (list == NULL || sql == NULL) {
		free(list);
		free(sql);
		return error_set(err, STATUS_DATABASE, NULL, "out of memory");
	}
	rc = sql ? db_prepare(s, sql, &stmt, err)
		 : error_set(err, STATUS_DATABASE, NULL, "out of memory");
	free(sql);
	if (rc != STATUS_OK) {
		due_list_free(&list);
		return rc;
	}
	bind_context(s, stmt);
	if (within_days >= 0)
		sqlite3_bind_int(stmt, sqlite3_bind_parameter_index(stmt, ":within"), within_days);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *register_name = (const char *)sqlite3_column_text(stmt, 2);
		enum severity severity = severity_parse((const char *)sqlite3_column_text(stmt, 1));
		enum visibility v = visibility_of(s, register_name);
		int failed = 0;

		if (v == SHOWN)
			failed = show(list, &capacity, stmt, severity);
		else if (v == COUNTED)
			failed = count_into(list, &capacity, stmt, severity);
		if (failed) {
			rc = SQLITE_NOMEM;
			break;
		}
	}
	if (rc == SQLITE_DONE) {
		rc = STATUS_OK;
		*out = list;
	} else {
		rc = db_error(s, rc, err);
		due_list_free(&list);
	}
	db_release(stmt);
	return rc;
}
