/* The statutory policy pack: parsing the built-in lists, following one. */
#include "core/pack.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/access.h"
#include "core/date.h"
#include "core/record.h"
#include "core/text.h"
#include "private.h"

/* data/statutory-policies.tsv, built in by tools/embed-text. */
extern const char statutory_pack_text[];

static const char *const kind_names[] = {"maintained", "academy"};

const char *pack_kind_name(enum pack_kind kind)
{
	return kind_names[kind];
}

int pack_kind_parse(const char *text, const char *field, enum pack_kind *kind,
		    struct error *err)
{
	for (int i = 0; i < 2; i++)
		if (text != NULL && strcmp(text, kind_names[i]) == 0) {
			*kind = (enum pack_kind)i;
			return STATUS_OK;
		}
	return error_set(err, STATUS_USAGE, field,
			 "\"%s\" is not a kind of school: say maintained or academy",
			 text ? text : "");
}

void pack_list_free(struct pack_list **lp)
{
	struct pack_list *list = *lp;

	if (list == NULL)
		return;
	for (size_t i = 0; i < list->count; i++) {
		free(list->items[i].code);
		free(list->items[i].title);
		free(list->items[i].approver);
		free(list->items[i].added_id);
	}
	free(list->items);
	free(list->kind);
	free(list);
	*lp = NULL;
}

/* A line of the pack, cut at its tabs (in place): 6 columns, or -1. */
static int split_line(char *line, char *cols[6])
{
	int n = 0;

	cols[n++] = line;
	for (char *p = line; *p != '\0'; p++)
		if (*p == '\t') {
			if (n == 6)
				return -1;
			*p = '\0';
			cols[n++] = p + 1;
		}
	return n == 6 ? 0 : -1;
}

/* Each of a line's titles ("A|B|C"), folded, into statutory_title. */
static int store_titles(struct smreg *s, const char *code, const char *titles, struct error *err)
{
	sqlite3_stmt *stmt = NULL;
	int rc = db_prepare(s, "INSERT OR IGNORE INTO statutory_title (code, title) "
			       "VALUES (?, lower(trim(?)))",
			    &stmt, err);

	while (rc == STATUS_OK && *titles != '\0') {
		size_t len = strcspn(titles, "|");

		db_bind_text(stmt, 1, code);
		sqlite3_bind_text(stmt, 2, titles, (int)len, SQLITE_TRANSIENT);
		rc = sqlite3_step(stmt);
		rc = rc == SQLITE_DONE ? STATUS_OK : db_error(s, rc, err);
		sqlite3_reset(stmt);
		titles += len + (titles[len] == '|');
	}
	db_release(stmt);
	return rc;
}

/* Copy the pack's line for kind into the table statutory_policy. */
static int store_line(struct smreg *s, char *cols[6], int place, enum pack_kind kind,
		      struct error *err)
{
	sqlite3_stmt *stmt;
	size_t title_len = strcspn(cols[5], "|");
	bool live = strcmp(cols[3], "live") == 0;
	int rc = db_prepare(s, "INSERT INTO statutory_policy (code, pack, title, titles, "
			       "cycle_months, live, approver, place) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
			    &stmt, err);

	if (rc != STATUS_OK)
		return rc;
	db_bind_text(stmt, 1, cols[0]);
	db_bind_text(stmt, 2, pack_kind_name(kind));
	sqlite3_bind_text(stmt, 3, cols[5], (int)title_len, SQLITE_TRANSIENT);
	db_bind_text(stmt, 4, cols[5]);
	/* A live document still deserves a look once a year. */
	sqlite3_bind_int(stmt, 5, live ? 12 : atoi(cols[3]));
	sqlite3_bind_int(stmt, 6, live);
	db_bind_text(stmt, 7, cols[4]);
	sqlite3_bind_int(stmt, 8, place);
	rc = sqlite3_step(stmt);
	rc = rc == SQLITE_DONE ? STATUS_OK : db_error(s, rc, err);
	db_release(stmt);
	return rc == STATUS_OK ? store_titles(s, cols[0], cols[5], err) : rc;
}

/* Replace the table statutory_policy with kind's lines of the pack. */
static int store_pack(struct smreg *s, enum pack_kind kind, struct error *err)
{
	char *text = strdup(statutory_pack_text);
	char *save = NULL;
	int place = 0;
	int rc = text ? db_exec(s, "DELETE FROM statutory_title; DELETE FROM statutory_policy", err)
		      : error_set(err, STATUS_DATABASE, NULL, "out of memory");

	for (char *line = text ? strtok_r(text, "\n", &save) : NULL;
	     line != NULL && rc == STATUS_OK; line = strtok_r(NULL, "\n", &save)) {
		char *cols[6];

		if (line[0] == '#' || strncmp(line, "code\t", 5) == 0)
			continue;
		if (split_line(line, cols) != 0)
			rc = error_set(err, STATUS_DATABASE, NULL,
				       "the built-in statutory policy pack has a bad line");
		else if (strcmp(cols[1 + kind], "yes") == 0)
			rc = store_line(s, cols, ++place, kind, err);
	}
	free(text);
	return rc;
}

int pack_follow(struct smreg *s, enum pack_kind kind, struct error *err)
{
	return store_pack(s, kind, err);
}

/* The table statutory_policy, and whether every school holds each. */
static int read_status(struct smreg *s, struct pack_list *list, struct error *err)
{
	sqlite3_stmt *stmt;
	int rc = db_prepare(s, "SELECT code, title, cycle_months, live, approver, pack, "
			       "NOT EXISTS (SELECT 1 FROM due_statutory_missing AS m "
			       "            WHERE m.subject = sp.title) "
			       "FROM statutory_policy AS sp ORDER BY place",
			    &stmt, err);

	if (rc != STATUS_OK)
		return rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct pack_policy *items = realloc(list->items, (list->count + 1) * sizeof *items);
		struct pack_policy *p;

		if (items == NULL) {
			rc = SQLITE_NOMEM;
			break;
		}
		list->items = items;
		p = &items[list->count++];
		memset(p, 0, sizeof *p);
		p->code = db_column_dup(stmt, 0);
		p->title = db_column_dup(stmt, 1);
		p->cycle_months = sqlite3_column_int(stmt, 2);
		p->live = sqlite3_column_int(stmt, 3) != 0;
		p->approver = db_column_dup(stmt, 4);
		p->held = sqlite3_column_int(stmt, 6) != 0;
		if (list->kind == NULL)
			list->kind = db_column_dup(stmt, 5);
	}
	rc = rc == SQLITE_DONE ? STATUS_OK : db_error(s, rc, err);
	db_release(stmt);
	return rc;
}

int pack_status(struct smreg *s, struct pack_list **out, struct error *err)
{
	struct pack_list *list = calloc(1, sizeof *list);
	int rc = list ? access_require(s, record_type_find("policy"), CAN_READ, "read", err)
		      : error_set(err, STATUS_DATABASE, NULL, "out of memory");

	if (rc == STATUS_OK)
		rc = read_status(s, list, err);
	if (rc != STATUS_OK)
		pack_list_free(&list);
	*out = list;
	return rc;
}

/*
 * Add the policy p as a statutory draft, its approval due today.  A
 * retired policy of the same title is left to whoever retired it to bring
 * back (titles are unique): p stays missing, and *added says so.
 */
static int add_policy(struct smreg *s, struct pack_policy *p, bool *added, struct error *err)
{
	char today[DATE_ISO_SIZE];
	char cycle[16];
	char *retired = NULL;
	struct assignment a[] = {
		{"title", p->title},
		{"approver", p->approver},
		{"statutory", "yes"},
		{"cycle_months", cycle},
		{"next_review_on", today},
		{"status", "draft"},
	};
	int rc = db_query_text(s, "SELECT id FROM policy WHERE lower(trim(title)) = lower(?)",
			       p->title, &retired, err);

	*added = false;
	if (rc != STATUS_OK || retired != NULL) {
		free(retired);
		return rc;
	}
	*added = true;
	date_to_iso(smreg_today(s), today);
	snprintf(cycle, sizeof cycle, "%d", p->cycle_months);
	return edit_insert(s, record_type_find("policy"), a, sizeof a / sizeof a[0],
			   &p->added_id, err);
}

int pack_adopt(struct smreg *s, enum pack_kind kind, bool dry_run, struct pack_list **out,
	       struct error *err)
{
	struct pack_list *list = calloc(1, sizeof *list);
	int rc = list ? access_require(s, record_type_find("policy"), CAN_WRITE, "add", err)
		      : error_set(err, STATUS_DATABASE, NULL, "out of memory");

	*out = NULL;
	if (rc == STATUS_OK)
		rc = db_begin(s, err);
	if (rc != STATUS_OK) {
		pack_list_free(&list);
		return rc;
	}
	rc = store_pack(s, kind, err);
	if (rc == STATUS_OK)
		rc = read_status(s, list, err);
	for (size_t i = 0; i < (rc == STATUS_OK ? list->count : 0) && rc == STATUS_OK; i++)
		if (!list->items[i].held) {
			bool added;

			rc = add_policy(s, &list->items[i], &added, err);
			list->added += added;
		}
	if (rc == STATUS_OK && !dry_run)
		rc = db_commit(s, err);
	else
		db_rollback(s);
	if (rc != STATUS_OK)
		pack_list_free(&list);
	*out = list;
	return rc;
}
