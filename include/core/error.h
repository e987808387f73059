/* Errors as values: core never prints, it fills an error the caller owns. */
#ifndef SMREG_CORE_ERROR_H
#define SMREG_CORE_ERROR_H

#include <stddef.h>

/* Also the command line's exit statuses (see smreg(1)). */
enum status {
	STATUS_OK = 0,
	STATUS_FOUND = 1, /* due: something overdue; can-post: no */
	STATUS_USAGE = 2,
	STATUS_INVALID = 3,  /* invalid data, nothing written */
	STATUS_DENIED = 4,   /* the user's roles do not allow it */
	STATUS_DATABASE = 5, /* the database could not be opened, read or written */
	STATUS_CONFLICT = 6, /* the record changed since it was read */
	STATUS_STOPPED = 7,  /* a read given up because smreg_stop_reads said so */
};

struct error {
	int status;
	long line;	 /* input line for imports, else 0 */
	char field[64];	 /* the field concerned, or "" */
	char text[1024]; /* why, without the field */
};

/*
 * Fill err (if not NULL) and return status.  field may be NULL.
 * The message is truncated, never overflowed.
 */
int error_set(struct error *err, int status, const char *field,
	      const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Clear err to STATUS_OK. */
void error_clear(struct error *err);

/*
 * Format err as "field: text" (or just text) into buf of size len.
 * Returns buf.
 */
const char *error_message(const struct error *err, char *buf, size_t len);

/* A growing list of errors, for imports that report every bad row. */
struct error_list {
	size_t count;
	size_t capacity;
	struct error *items;
};

/* Append a copy of err; returns -1 when out of memory. */
int error_list_add(struct error_list *list, const struct error *err);

/* Free the items and empty the list (the list itself is the caller's). */
void error_list_clear(struct error_list *list);

#endif
