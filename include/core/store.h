/*
 * Reading any register: get one record, count, list a page, walk them
 * all.  Each checks the user's roles and shows only what they may see.
 * (Writing is edit.h.)
 */
#ifndef SMREG_CORE_STORE_H
#define SMREG_CORE_STORE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/error.h"
#include "core/record.h"

struct smreg;

/* One record as stored: values in canonical form (ISO dates, "yes"/"no",
 * ids for references), with the titles of what the references name. */
struct record {
	const struct record_type *type;
	char *id;
	long long row_version;
	bool ended;
	char *title;
	char **values; /* [type->field_count], NULL when empty */
	char **shown;  /* [type->field_count], REF fields' titles */
};

/* Free *r and set it to NULL. */
void record_free(struct record **r);

/*
 * A field of r as a person reads it: a reference's title, a date as
 * DD/MM/YYYY (written into date_buf[DATE_ISO_SIZE]), anything else as
 * stored.  NULL when empty.
 */
const char *record_display(const struct record *r, size_t field, char *date_buf);

struct record_page {
	size_t count;
	struct record **rows;
};

/* Free *page and its rows and set it to NULL. */
void record_page_free(struct record_page **page);

struct list_query {
	const char *filter; /* text anywhere in the row, or NULL */
	int sort_field;	    /* index into the fields, or -1 for the default */
	bool descending;
	bool include_ended;	 /* closed, revoked, withdrawn, left... too */
	const char *where_field; /* only rows whose field ... */
	const char *where_value; /* ... holds this id or value */
	bool concerning;	 /* a whole count: of the records about a person */
	long first;		 /* store_each: only the first N rows (0: all) */
	long known_count;	 /* store_list: the rows it gives, when known (0: not) */
};

/* A query with nothing set: every current row, default order. */
struct list_query list_query_default(void);

/* The record ref names; *out is the caller's.  Opening a contact report
 * is recorded in the audit trail. */
int store_get(struct smreg *s, const struct record_type *type, const char *ref,
	      struct record **out, struct error *err);

/* The record again, for a screen that has it open already: its opening
 * was recorded once, when store_get fetched it. */
int store_reload(struct smreg *s, const struct record_type *type, const char *id,
		 struct record **out, struct error *err);

/* How many rows a query finds among those the user may list: a page of
 * store_list never holds a row this did not count. */
int store_count(struct smreg *s, const struct record_type *type,
		const struct list_query *query, long *count, struct error *err);

/*
 * How many records a register holds (current ones, or all): the whole
 * register for a user who may count it, though they may list none or only
 * their own of it (a governor, the contact reports); else their own.  No
 * filter: a count of what someone may not read answers nothing about it.
 * The whole register's current records are counted once per change, with
 * the warnings (due_cache.h), and read back while current.
 */
int store_total(struct smreg *s, const struct record_type *type, bool include_ended,
		long *count, struct error *err);

/*
 * The statement store_total counts a register's current records with for
 * a user who may count the whole register (:today bound by bind_context),
 * for due_cache.c to store the count it gives; the caller's to free, NULL
 * when out of memory.
 */
char *store_total_sql(struct smreg *s, const struct record_type *type);

/*
 * Of a register whose records may concern a person (type->concerns_field:
 * a concern about a member of staff), how many do, counted apart from the
 * rest, which store_total then counts alone: numbers only, for those who
 * may count the register.  0 for any other register.
 */
int store_total_concerning(struct smreg *s, const struct record_type *type, bool include_ended,
			   long *count, struct error *err);

/* Rows offset .. offset+limit-1 of a query; *out is the caller's. */
int store_list(struct smreg *s, const struct record_type *type,
	       const struct list_query *query, long offset, int limit,
	       struct record_page **out, struct error *err);

/* Call each(record, arg) for every row of a query, in order (its first
 * query->first when set: the read audit counts those alone, so a list's
 * first page is not a count of the whole register); a non-zero return
 * from each stops the walk and is returned. */
int store_each(struct smreg *s, const struct record_type *type,
	       const struct list_query *query,
	       int (*each)(const struct record *r, void *arg), void *arg,
	       struct error *err);

#endif
