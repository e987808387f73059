/* Add, change, end, delete, get and list records of any register. */
#include "core/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/access.h"
#include "core/date.h"
#include "core/due_cache.h"
#include "core/json.h"
#include "core/ref.h"
#include "core/search.h"
#include "core/text.h"
#include "private.h"

/* --- records ---------------------------------------------------------------- */

void record_free(struct record **rp)
{
	struct record *r = *rp;

	if (r == NULL)
		return;
	for (size_t i = 0; r->values && i < r->type->field_count; i++)
		free(r->values[i]);
	for (size_t i = 0; r->shown && i < r->type->field_count; i++)
		free(r->shown[i]);
	free(r->values);
	free(r->shown);
	free(r->id);
	free(r->title);
	free(r);
	*rp = NULL;
}

void record_page_free(struct record_page **pp)
{
	struct record_page *p = *pp;

	if (p == NULL)
		return;
	for (size_t i = 0; i < p->count; i++)
		record_free(&p->rows[i]);
	free(p->rows);
	free(p);
	*pp = NULL;
}

/* A field of references kept by id, ';'-separated (a post's pupils). */
static bool is_id_list(const struct field *f)
{
	return f->type == FIELD_CODES && f->target != NULL && strcmp(record_ref_key(f), "id") == 0;
}

const char *record_display(const struct record *r, size_t i, char *date_buf)
{
	const struct field *f = &r->type->fields[i];

	if ((f->type == FIELD_REF || is_id_list(f)) && r->shown[i] != NULL)
		return r->shown[i];
	if (f->type == FIELD_DATE && r->values[i] != NULL) {
		date_iso_to_display(r->values[i], date_buf);
		return date_buf;
	}
	return r->values[i];
}

struct list_query list_query_default(void)
{
	struct list_query q = {.filter = NULL, .sort_field = -1};

	return q;
}

/* The columns every record query selects, in the order read_record reads
 * them: id, row_version, ended, title, each field, each REF's title (and
 * the titles of a list of references). */
static char *select_columns(const struct record_type *type)
{
	char *title = record_sql(type->title_sql, "t");
	char *ended = type->ended_sql ? record_sql(type->ended_sql, "t") : strdup("0");
	char *sql = NULL;

	if (title == NULL || ended == NULL)
		goto done;
	sql = text_format("t.id, t.row_version, coalesce(%s, 0), %s", ended, title);
	for (size_t i = 0; sql != NULL && i < type->field_count; i++) {
		char *more = text_format("%s, t.\"%s\"", sql, type->fields[i].name);

		free(sql);
		sql = more;
	}
	for (size_t i = 0; sql != NULL && i < type->field_count; i++) {
		const struct field *f = &type->fields[i];
		const struct record_type *target;
		char alias[24];
		char *target_title;
		char *otherwise;
		char *more;

		if (f->type != FIELD_REF && !is_id_list(f))
			continue;
		target = record_type_find(f->target);
		snprintf(alias, sizeof alias, "r%zu", i);
		target_title = record_sql(target->title_sql, alias);
		otherwise = record_sql(f->otherwise_sql ? f->otherwise_sql : "NULL", "t");
		if (target_title != NULL && is_id_list(f))
			more = text_format("%s, (SELECT group_concat(%s, '; ') FROM \"%s\" AS %s "
					   "WHERE instr(';' || t.\"%s\" || ';', ';' || %s.id || ';') > 0) AS s%zu",
					   sql, target_title, target->name, alias, f->name, alias, i);
		else
			more = target_title && otherwise
				       ? text_format("%s, coalesce((SELECT %s FROM \"%s\" AS %s WHERE %s.\"%s\" = t.\"%s\"), %s) AS s%zu",
						     sql, target_title, target->name, alias, alias,
						     record_ref_key(f), f->name, otherwise, i)
				       : NULL;
		free(target_title);
		free(otherwise);
		free(sql);
		sql = more;
	}
done:
	free(title);
	free(ended);
	return sql;
}

static char *column_value(sqlite3_stmt *stmt, int column, const struct field *f)
{
	if (sqlite3_column_type(stmt, column) == SQLITE_NULL)
		return NULL;
	if (f->type == FIELD_YES_NO)
		return strdup(sqlite3_column_int(stmt, column) ? "yes" : "no");
	return db_column_dup(stmt, column);
}

static struct record *read_record(sqlite3_stmt *stmt, const struct record_type *type)
{
	struct record *r = calloc(1, sizeof *r);
	int column = 4 + (int)type->field_count;

	if (r == NULL)
		return NULL;
	r->type = type;
	r->values = calloc(type->field_count, sizeof *r->values);
	r->shown = calloc(type->field_count, sizeof *r->shown);
	if (r->values == NULL || r->shown == NULL) {
		record_free(&r);
		return NULL;
	}
	r->id = db_column_dup(stmt, 0);
	r->row_version = sqlite3_column_int64(stmt, 1);
	r->ended = sqlite3_column_int(stmt, 2) != 0;
	r->title = db_column_dup(stmt, 3);
	for (size_t i = 0; i < type->field_count; i++) {
		r->values[i] = column_value(stmt, 4 + (int)i, &type->fields[i]);
		if (type->fields[i].type == FIELD_REF || is_id_list(&type->fields[i]))
			r->shown[i] = db_column_dup(stmt, column++);
	}
	return r;
}

/* --- queries ------------------------------------------------------------------ */

/*
 * sql, and "OR" the record field i refers to has a title the filter
 * matches.  The titles matching are found once, into a set SQLite keeps
 * for the query, rather than a title worked out again for every row: a
 * filter on a trust's 300,000 actions is then one pass, not 300,000
 * lookups.  Returns a new string, or NULL when memory ran out.
 */
static char *ref_filter(const char *sql, const struct field *f, size_t i)
{
	const struct record_type *target = record_type_find(f->target);
	char alias[24];
	char *title;
	char *more;

	snprintf(alias, sizeof alias, "f%zu", i);
	title = record_sql(target->title_sql, alias);
	more = title ? text_format("%s OR t.\"%s\" IN (SELECT %s.\"%s\" FROM \"%s\" AS %s "
				   "WHERE (%s) LIKE :filter ESCAPE '\\')",
				   sql, f->name, alias, record_ref_key(f), target->name, alias, title)
		     : NULL;
	free(title);
	return more;
}

/* The rows a whole count counts: those about a person apart (store_total_concerning). */
static char *whole_sql(const struct record_type *type, bool concerning)
{
	if (type->concerns_field == NULL)
		return strdup(concerning ? "0" : "1");
	return text_format("t.\"%s\" IS %sNULL", type->concerns_field, concerning ? "NOT " : "");
}

/* sql AND (the filter matches the title, a field, or the title of a
 * record a field refers to), field by field.  Frees sql; returns a new
 * string. */
static char *field_filter(char *sql, const struct record_type *type)
{
	char *title = record_sql(type->title_sql, "t");
	char *more = title ? text_format("%s AND ((%s) LIKE :filter ESCAPE '\\'", sql, title) : NULL;

	free(title);
	free(sql);
	sql = more;
	for (size_t i = 0; sql != NULL && i < type->field_count; i++) {
		const struct field *f = &type->fields[i];

		if (f->type == FIELD_REF)
			more = ref_filter(sql, f, i);
		else if (f->type != FIELD_YES_NO)
			more = text_format("%s OR t.\"%s\" LIKE :filter ESCAPE '\\'", sql, f->name);
		else
			continue;
		free(sql);
		sql = more;
	}
	more = sql ? text_format("%s)", sql) : NULL;
	free(sql);
	return more;
}

/* sql AND the filter: through the filter's index (search.h), brought up
 * to date first, or field by field when it cannot answer.  paged: for a
 * page, which a common filter fills by walking the list's order.  Frees
 * sql; returns a new string. */
static char *filter_conditions(struct smreg *s, char *sql, const struct record_type *type,
			       const char *filter, bool paged)
{
	char *indexed = search_catch_up(s) ? search_condition(type, filter,
							      paged && search_common(s, type, filter))
					   : NULL;
	char *more;

	if (indexed == NULL)
		return field_filter(sql, type);
	more = text_format("%s AND %s", sql, indexed);
	free(indexed);
	free(sql);
	return more;
}

/* WHERE conditions for a query; :filter, :where bound by bind_query.
 * whole: every row, for a count of the whole register (store_total).
 * paged: for a page, not a count or a walk. */
static char *query_conditions(struct smreg *s, const struct record_type *type,
			      const struct list_query *q, bool whole, bool paged)
{
	char *visible = whole ? whole_sql(type, q->concerning) : visible_sql(s, type, "t");
	char *ended = NULL;
	char *sql = NULL;

	if (visible == NULL)
		return NULL;
	sql = strdup(visible);
	if (sql != NULL && !q->include_ended && type->ended_sql != NULL) {
		char *more;

		ended = record_sql(type->ended_sql, "t");
		more = ended ? text_format("%s AND NOT coalesce(%s, 0)", sql, ended) : NULL;
		free(sql);
		sql = more;
	}
	if (sql != NULL && q->where_field != NULL &&
	    (strcmp(q->where_field, "id") == 0 || record_field_index(type, q->where_field) >= 0)) {
		int i = record_field_index(type, q->where_field);
		/* A list of references holds the one asked for among others. */
		char *more = i >= 0 && is_id_list(&type->fields[i])
				     ? text_format("%s AND instr(';' || t.\"%s\" || ';', ';' || :where || ';') > 0",
						   sql, q->where_field)
				     : text_format("%s AND t.\"%s\" = :where", sql, q->where_field);

		free(sql);
		sql = more;
	}
	if (sql != NULL && q->filter != NULL && q->filter[0] != '\0')
		sql = filter_conditions(s, sql, type, q->filter, paged);
	free(visible);
	free(ended);
	return sql;
}

/* "%text%" with LIKE's wildcards in text escaped, in NFC as the text
 * stored is. */
static char *like_pattern(const char *typed)
{
	char *text = text_nfc(typed);
	char *out = text ? malloc(strlen(text) * 2 + 3) : NULL;
	char *o = out;

	if (out == NULL) {
		free(text);
		return NULL;
	}
	*o++ = '%';
	for (const char *p = text; *p; p++) {
		if (*p == '%' || *p == '_' || *p == '\\')
			*o++ = '\\';
		*o++ = *p;
	}
	*o++ = '%';
	*o = '\0';
	free(text);
	return out;
}

static void bind_query(struct smreg *s, sqlite3_stmt *stmt, const struct list_query *q)
{
	int i;

	bind_context(s, stmt);
	i = sqlite3_bind_parameter_index(stmt, ":where");
	if (i > 0)
		db_bind_text(stmt, i, q->where_value);
	i = sqlite3_bind_parameter_index(stmt, ":filter_index");
	if (i > 0) {
		char *pattern = search_pattern(q->filter);

		sqlite3_bind_text(stmt, i, pattern ? pattern : "%", -1, SQLITE_TRANSIENT);
		free(pattern);
	}
	i = sqlite3_bind_parameter_index(stmt, ":filter");
	if (i > 0) {
		char *pattern = like_pattern(q->filter);

		sqlite3_bind_text(stmt, i, pattern ? pattern : "%", -1, SQLITE_TRANSIENT);
		free(pattern);
	}
}

/* A register's own order, each term the other way: "a, b DESC" as
 * "a DESC, b".  Terms are split at commas outside brackets and quotes.
 * The caller's. */
static char *order_reversed(const char *order)
{
	char *out = strdup("");
	const char *term = order;
	int depth = 0;
	char quote = 0;

	for (const char *p = order; out != NULL; p++) {
		if (quote != 0 && *p == quote)
			quote = 0;
		else if (quote == 0 && (*p == '\'' || *p == '"'))
			quote = *p;
		else if (quote == 0 && *p == '(')
			depth++;
		else if (quote == 0 && *p == ')')
			depth--;
		if (*p == '\0' || (*p == ',' && depth == 0 && quote == 0)) {
			int len = (int)(p - term);
			bool desc = len > 5 && strncmp(p - 5, " DESC", 5) == 0;
			char *more;

			while (len > 0 && term[0] == ' ') {
				term++;
				len--;
			}
			len -= desc ? 5 : 0;
			more = text_format("%s%s%.*s%s", out, out[0] ? ", " : "", len, term,
					   desc ? "" : " DESC");
			free(out);
			out = more;
			if (*p == '\0')
				break;
			term = p + 1;
		}
	}
	return out;
}

/*
 * The order of a list.  A page of a list breaks ties by rowid, going the
 * way the last key goes, and sorts on a column bare, so that an index on
 * the key gives the order as it stands: a page far down is a walk along
 * the index, not a sort of the whole table.  A whole walk (an export)
 * breaks ties by id instead, so that the same records come out in the same
 * order wherever they are, however they went in.  reversed: every key the
 * other way, for a page read from the end (store_list).
 */
static char *order_by(const struct record_type *type, const struct list_query *q, bool paged,
		      bool reversed)
{
	const char *direction = q->descending != reversed ? "DESC" : "ASC";
	const char *tie = paged ? "t.rowid" : "t.id";
	char *order;
	char *sql;
	size_t len;

	if (q->sort_field < 0 || (size_t)q->sort_field >= type->field_count) {
		order = record_sql(type->order_sql, "t");
		len = order ? strlen(order) : 0;
		sql = order ? text_format("%s, %s%s", order, tie,
					  len > 5 && strcmp(order + len - 5, " DESC") == 0 ? " DESC" : "")
			    : NULL;
		free(order);
		if (sql != NULL && reversed) {
			order = order_reversed(sql);
			free(sql);
			sql = order;
		}
		return sql;
	}
	if (type->fields[q->sort_field].type == FIELD_REF)
		return text_format("s%d %s, %s %s", q->sort_field, direction, tie, direction);
	return text_format("t.\"%s\" %s, %s %s", type->fields[q->sort_field].name, direction,
			   tie, direction);
}

/*
 * Whether a query sorts by a reference by walking the referred register
 * (reference_sort_select).  Not while ended records are hidden: the walk
 * then passes every ended one on its way, and a register's ended records
 * may be nearly all of it (100,000 contact reports, ten years of them
 * closed: 170 ms to find a page of the open ones, against 70 ms to sort
 * the open ones by their titles worked out).
 */
static bool sorts_by_reference(const struct record_type *type, const struct list_query *q)
{
	return q->sort_field >= 0 && (size_t)q->sort_field < type->field_count &&
	       type->fields[q->sort_field].type == FIELD_REF &&
	       (q->include_ended || type->ended_sql == NULL);
}

/* Whether a register's title is never NULL: one required field of its own. */
static bool title_never_null(const struct record_type *type)
{
	const struct field *f = strncmp(type->title_sql, "$.", 2) == 0
					? record_field_find(type, type->title_sql + 2)
					: NULL;

	return f != NULL && (f->flags & FIELD_REQUIRED);
}

/*
 * The rows of a query sorted by a reference, as "ORDER BY s<field>, tie"
 * (the title select_columns works out for each row) would list them: the
 * rows naming no record first, by what they show instead (a pupil not on
 * the register, by the name typed), merged with the rows naming one,
 * walked from the referred register in its title's order (an index on the
 * title, or the title_table kept for it) and, for each record, the rows
 * naming it by the reference's index.  Working the title out for every
 * row and sorting them all took most of a second at 300,000 actions.
 * When a filter or a field narrows the rows, they are few or every one is
 * read anyway: SQLite then picks the order of the walk itself.  Each row
 * is what `select` says, then its key and tie, "sort_key" and "sort_tie".
 */
static char *reference_sort_rows(const struct record_type *type, const struct list_query *q,
				 const char *select, const char *conditions, const char *tie)
{
	const struct field *f = &type->fields[q->sort_field];
	const struct record_type *target = record_type_find(f->target);
	bool narrowed = q->where_field != NULL || (q->filter != NULL && q->filter[0] != '\0');
	char *otherwise = record_sql(f->otherwise_sql ? f->otherwise_sql : "NULL", "t");
	char *title = target->title_table ? strdup("so.title") : record_sql(target->title_sql, "so");
	char *key = NULL;
	char *unnamed = NULL;
	char *sql = NULL;

	if (otherwise == NULL || title == NULL)
		goto done;
	/* A title never NULL is the key as it stands, which its index holds. */
	key = f->otherwise_sql && !title_never_null(target)
		      ? text_format("coalesce(%s, %s)", title, otherwise)
		      : strdup(title);
	/* A required reference (NOT NULL) has no rows naming nothing. */
	if (key != NULL && !(f->flags & FIELD_REQUIRED))
		unnamed = text_format("SELECT %s%s AS sort_key, %s AS sort_tie FROM \"%s\" AS t "
				      "WHERE t.\"%s\" IS NULL AND %s UNION ALL ",
				      select, otherwise, tie, type->name, f->name, conditions);
	if (key != NULL && (unnamed != NULL || (f->flags & FIELD_REQUIRED)))
		sql = text_format("%sSELECT %s%s AS sort_key, %s AS sort_tie FROM \"%s\" AS so "
				  "%s JOIN \"%s\" AS t ON t.\"%s\" = so.\"%s\" WHERE %s",
				  unnamed ? unnamed : "", select, key, tie,
				  target->title_table ? target->title_table : target->name,
				  narrowed ? "" : "CROSS", type->name, f->name,
				  target->title_table ? "id" : record_ref_key(f), conditions);
done:
	free(otherwise);
	free(title);
	free(key);
	free(unnamed);
	return sql;
}

/*
 * A query sorted by a reference (reference_sort_rows).  A page sorts its
 * rows' keys alone and reads its few rows after: the rows of one title
 * (the 6,000 actions one DSL recorded) are sorted by their tie, and
 * working out every column of each of them cost more than the walk.
 */
static char *reference_sort_select(const struct record_type *type, const struct list_query *q,
				   const char *columns, const char *conditions, const char *tail)
{
	const char *direction = q->descending ? "DESC" : "ASC";
	char *with_columns = NULL;
	char *rows;
	char *sql = NULL;

	if (tail[0] == '\0') {
		with_columns = text_format("%s, ", columns);
		rows = with_columns ? reference_sort_rows(type, q, with_columns, conditions, "t.rowid")
				    : NULL;
		sql = rows ? text_format("%s ORDER BY sort_key %s, sort_tie %s", rows, direction, direction)
			   : NULL;
	} else {
		rows = reference_sort_rows(type, q, "", conditions, "t.rowid");
		sql = rows ? text_format("SELECT %s FROM (%s ORDER BY sort_key %s, sort_tie %s%s) AS page "
					 "CROSS JOIN \"%s\" AS t ON t.rowid = page.sort_tie "
					 "ORDER BY page.sort_key %s, page.sort_tie %s",
					 columns, rows, direction, direction, tail, type->name,
					 direction, direction)
			   : NULL;
	}
	free(with_columns);
	free(rows);
	return sql;
}

static int require_read(struct smreg *s, const struct record_type *type, struct error *err)
{
	return access_require(s, type, CAN_READ_ANY, "read", err);
}

/* Prepare "SELECT <record columns> ... LIMIT/OFFSET" for a query, in its
 * order or (reversed) the other way. */
static int prepare_select(struct smreg *s, const struct record_type *type,
			  const struct list_query *q, const char *tail, bool reversed,
			  sqlite3_stmt **stmt, struct error *err)
{
	char *columns = select_columns(type);
	char *conditions = query_conditions(s, type, q, false, tail[0] != '\0');
	/* A tail (LIMIT ...) makes it a page; without, a whole walk.  A walk
	 * sorted by a column breaks ties as a page does, so that the index
	 * on the column gives its order (list --sort); an export's stays by id. */
	char *order = order_by(type, q, tail[0] != '\0' || q->sort_field >= 0, reversed);
	char *sql = NULL;
	int rc;

	if (columns && conditions && order && sorts_by_reference(type, q))
		sql = reference_sort_select(type, q, columns, conditions, tail);
	else if (columns && conditions && order)
		sql = text_format("SELECT %s FROM \"%s\" AS t WHERE %s ORDER BY %s%s",
				  columns, type->name, conditions, order, tail);
	rc = sql ? db_prepare(s, sql, stmt, err)
		 : error_set(err, STATUS_DATABASE, NULL, "out of memory");
	if (rc == STATUS_OK)
		bind_query(s, *stmt, q);
	free(columns);
	free(conditions);
	free(order);
	free(sql);
	return rc;
}

/* "SELECT count(*) ..." for a query; the caller's to free, NULL when out
 * of memory. */
static char *count_sql(struct smreg *s, const struct record_type *type,
		       const struct list_query *q, bool whole)
{
	char *conditions = query_conditions(s, type, q, whole, false);
	char *sql = NULL;

	/* Of the first rows alone, the count stops at them. */
	if (conditions != NULL && q->first > 0)
		sql = text_format("SELECT count(*) FROM (SELECT 1 FROM \"%s\" AS t WHERE %s LIMIT %ld)",
				  type->name, conditions, q->first);
	else if (conditions != NULL)
		sql = text_format("SELECT count(*) FROM \"%s\" AS t WHERE %s", type->name, conditions);
	free(conditions);
	return sql;
}

static int count_rows(struct smreg *s, const struct record_type *type,
		      const struct list_query *q, bool whole, long *count, struct error *err)
{
	char *sql = count_sql(s, type, q, whole);
	sqlite3_stmt *stmt;
	int rc;

	rc = sql ? db_prepare(s, sql, &stmt, err)
		 : error_set(err, STATUS_DATABASE, NULL, "out of memory");
	if (rc == STATUS_OK) {
		bind_query(s, stmt, q);
		rc = sqlite3_step(stmt);
		if (rc == SQLITE_ROW) {
			*count = (long)sqlite3_column_int64(stmt, 0);
			rc = STATUS_OK;
		} else {
			rc = db_error(s, rc, err);
		}
		db_release(stmt);
	}
	free(sql);
	return rc;
}

/* --- reads of safeguarding records are recorded ------------------------------ */

static bool reads_audited(const struct record_type *type)
{
	return (type->flags & RECORD_AUDIT_OPENS) != 0;
}

/* Record a read of type in the audit trail (audit.c's audit_record_read):
 * how, the query, how many rows, and the page's ids when there is one. */
static int audit_read(struct smreg *s, const struct record_type *type, const char *how,
		      const struct list_query *q, long rows, const struct record_page *page,
		      struct error *err)
{
	struct audit_read_note n = {
		.how = how,
		.filter = q->filter,
		.all = q->include_ended,
		.where_field = q->where_field,
		.where_value = q->where_value,
		.rows = rows,
	};
	char **ids = NULL;
	int rc;

	if (page != NULL) {
		ids = calloc(page->count ? page->count : 1, sizeof *ids);
		if (ids == NULL)
			return error_set(err, STATUS_DATABASE, NULL, "out of memory");
		for (size_t i = 0; i < page->count; i++)
			ids[i] = page->rows[i]->id;
		n.ids = ids;
		n.id_count = page->count;
	}
	rc = audit_record_read(s, type, &n, err);
	free(ids);
	return rc;
}

int store_audit_copy(struct smreg *s, const char *how, struct error *err)
{
	size_t n;
	const struct record_type *const *types = record_types(&n);
	struct list_query q = list_query_default();
	int rc = STATUS_OK;

	q.include_ended = true;
	for (size_t i = 0; i < n && rc == STATUS_OK; i++) {
		long rows = 0;

		if (!reads_audited(types[i]))
			continue;
		rc = count_rows(s, types[i], &q, true, &rows, err);
		if (rc == STATUS_OK)
			rc = audit_read(s, types[i], how, &q, rows, NULL, err);
	}
	return rc;
}

/* A count with a filter is a search: recorded, with what it found. */
int store_count(struct smreg *s, const struct record_type *type,
		const struct list_query *q, long *count, struct error *err)
{
	int rc = require_read(s, type, err);

	*count = 0;
	if (rc == STATUS_OK)
		rc = count_rows(s, type, q, false, count, err);
	if (rc == STATUS_OK && reads_audited(type) && q->filter != NULL && q->filter[0] != '\0')
		rc = audit_read(s, type, "search", q, *count, NULL, err);
	if (rc != STATUS_OK)
		*count = 0;
	return rc;
}

char *store_total_sql(struct smreg *s, const struct record_type *type)
{
	struct list_query q = list_query_default();

	return count_sql(s, type, &q, true);
}

int store_total(struct smreg *s, const struct record_type *type, bool include_ended,
		long *count, struct error *err)
{
	struct list_query q = list_query_default();
	int rc = access_require(s, type, CAN_COUNT | CAN_READ_OWN, "count", err);
	bool whole = (access_mine(s, type) & CAN_COUNT) != 0;
	bool stored = false;

	*count = 0;
	q.include_ended = include_ended;
	if (rc != STATUS_OK)
		return rc;
	/* The stored count is of the whole register: only for those who may
	 * count it all (store_total_sql's, kept by due_cache.c). */
	if (whole && !include_ended)
		rc = due_cache_total(s, type->name, &stored, count, err);
	if (rc != STATUS_OK || stored)
		return rc;
	return count_rows(s, type, &q, whole, count, err);
}

int store_total_concerning(struct smreg *s, const struct record_type *type, bool include_ended,
			   long *count, struct error *err)
{
	struct list_query q = list_query_default();
	int rc = access_require(s, type, CAN_COUNT, "count", err);

	*count = 0;
	q.include_ended = include_ended;
	q.concerning = true;
	if (rc != STATUS_OK || type->concerns_field == NULL)
		return rc;
	return count_rows(s, type, &q, true, count, err);
}

int store_list(struct smreg *s, const struct record_type *type,
	       const struct list_query *q, long offset, int limit,
	       struct record_page **out, struct error *err)
{
	struct record_page *page;
	sqlite3_stmt *stmt;
	int rc = require_read(s, type, err);
	/* A page past the middle of a list whose length is known is the same
	 * rows read from the end, the order reversed: an OFFSET walks every
	 * row before it, and the DSL's rows each look up their report. */
	bool from_end = q->known_count > 0 && offset > q->known_count / 2 &&
			offset < q->known_count && !sorts_by_reference(type, q);
	long end = offset + limit < q->known_count ? offset + limit : q->known_count;

	*out = NULL;
	if (rc != STATUS_OK)
		return rc;
	if (from_end) {
		limit = (int)(end - offset);
		offset = q->known_count - end;
	}
	page = calloc(1, sizeof *page);
	if (page == NULL || (limit > 0 && (page->rows = calloc((size_t)limit, sizeof *page->rows)) == NULL)) {
		free(page);
		return error_set(err, STATUS_DATABASE, NULL, "out of memory");
	}
	rc = prepare_select(s, type, q, " LIMIT :limit OFFSET :offset", from_end, &stmt, err);
	if (rc != STATUS_OK) {
		record_page_free(&page);
		return rc;
	}
	sqlite3_bind_int(stmt, sqlite3_bind_parameter_index(stmt, ":limit"), limit);
	sqlite3_bind_int64(stmt, sqlite3_bind_parameter_index(stmt, ":offset"), offset);
	while ((int)page->count < limit && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct record *r = read_record(stmt, type);

		if (r == NULL) {
			rc = SQLITE_NOMEM;
			break;
		}
		page->rows[page->count++] = r;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE && (int)page->count < limit) {
		rc = db_error(s, rc, err);
		record_page_free(&page);
	} else {
		rc = STATUS_OK;
	}
	db_release(stmt);
	for (size_t i = 0; page != NULL && from_end && i < page->count / 2; i++) {
		struct record *r = page->rows[i];

		page->rows[i] = page->rows[page->count - 1 - i];
		page->rows[page->count - 1 - i] = r;
	}
	/* A page nobody can be told was read is not shown. */
	if (rc == STATUS_OK && reads_audited(type)) {
		rc = audit_read(s, type, "page", q, (long)page->count, page, err);
		if (rc != STATUS_OK)
			record_page_free(&page);
	}
	*out = page;
	return rc;
}

/*
 * The record of a walk goes in before its first row goes out, so that
 * stopping the program half way never leaves a read unrecorded.  It counts
 * the rows the query finds, as they stand then, or its first (list
 * --limit): a caller may stop early, so it says what could have been read.
 */
static int audit_walk(struct smreg *s, const struct record_type *type,
		      const struct list_query *q, const char *how, struct error *err)
{
	long rows = 0;
	int rc;

	if (!reads_audited(type))
		return STATUS_OK;
	rc = count_rows(s, type, q, false, &rows, err);
	return rc == STATUS_OK ? audit_read(s, type, how, q, rows, NULL, err) : rc;
}

int store_each(struct smreg *s, const struct record_type *type,
	       const struct list_query *q,
	       int (*each)(const struct record *r, void *arg), void *arg,
	       struct error *err)
{
	return store_walk(s, type, q, "list", each, arg, err);
}

int store_walk(struct smreg *s, const struct record_type *type,
	       const struct list_query *q, const char *how,
	       int (*each)(const struct record *r, void *arg), void *arg,
	       struct error *err)
{
	sqlite3_stmt *stmt;
	int rc = require_read(s, type, err);
	int stop = 0;
	long left = q->first;

	if (rc == STATUS_OK)
		rc = audit_walk(s, type, q, how, err);
	if (rc != STATUS_OK)
		return rc;
	rc = prepare_select(s, type, q, "", false, &stmt, err);
	if (rc != STATUS_OK)
		return rc;
	while (stop == 0 && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct record *r = read_record(stmt, type);

		if (r == NULL) {
			rc = SQLITE_NOMEM;
			break;
		}
		stop = each(r, arg);
		record_free(&r);
		if (stop == 0 && left > 0 && --left == 0) {
			rc = SQLITE_DONE;
			break;
		}
	}
	if (stop != 0)
		rc = stop;
	else if (rc == SQLITE_DONE)
		rc = STATUS_OK;
	else
		rc = db_error(s, rc, err);
	db_release(stmt);
	return rc;
}

/* The record with this id, as the user may see it. */
static int get_by_id(struct smreg *s, const struct record_type *type, const char *id,
		     struct record **out, struct error *err)
{
	struct list_query q = list_query_default();
	sqlite3_stmt *stmt;
	int rc;

	q.include_ended = true;
	q.where_field = "id";
	q.where_value = id;
	*out = NULL;
	rc = prepare_select(s, type, &q, " LIMIT 1", false, &stmt, err);
	if (rc != STATUS_OK)
		return rc;
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		*out = read_record(stmt, type);
		rc = *out ? STATUS_OK : error_set(err, STATUS_DATABASE, NULL, "out of memory");
	} else if (rc == SQLITE_DONE) {
		rc = error_set(err, STATUS_INVALID, NULL, "there is no %s with the id %s",
			       type->label, id);
	} else {
		rc = db_error(s, rc, err);
	}
	db_release(stmt);
	return rc;
}

static int audit_open(struct smreg *s, const struct record_type *type, const char *id,
		      struct error *err)
{
	sqlite3_stmt *stmt;
	int rc = db_prepare(s, "INSERT INTO audit (at, login, register, record_id, action) "
			       "VALUES (smreg_now(), smreg_login(), ?, ?, 'open')",
			    &stmt, err);

	if (rc != STATUS_OK)
		return rc;
	db_bind_text(stmt, 1, type->name);
	db_bind_text(stmt, 2, id);
	rc = sqlite3_step(stmt);
	rc = rc == SQLITE_DONE ? STATUS_OK : db_error(s, rc, err);
	db_release(stmt);
	return rc;
}

int store_reload(struct smreg *s, const struct record_type *type, const char *id,
		 struct record **out, struct error *err)
{
	int rc = require_read(s, type, err);

	*out = NULL;
	return rc == STATUS_OK ? get_by_id(s, type, id, out, err) : rc;
}

int store_get(struct smreg *s, const struct record_type *type, const char *ref,
	      struct record **out, struct error *err)
{
	char *id = NULL;
	int rc = require_read(s, type, err);

	*out = NULL;
	if (rc == STATUS_OK)
		rc = ref_resolve(s, type, ref, type->name, &id, err);
	if (rc == STATUS_OK)
		rc = get_by_id(s, type, id, out, err);
	/* Nobody reads a safeguarding record without it being recorded; if
	 * the record of it cannot be written, the report is not shown. */
	if (rc == STATUS_OK && (type->flags & RECORD_AUDIT_OPENS)) {
		rc = audit_open(s, type, id, err);
		if (rc != STATUS_OK)
			record_free(out);
	}
	free(id);
	return rc;
}
