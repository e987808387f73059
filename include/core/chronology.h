/*
 * The whole record of one safeguarding report, to read on screen, print or
 * send: every field, its chronology (the records that belong to it, e.g. a
 * report's actions), every amendment with its reason and the earlier text,
 * and who opened it and when.  Read through store.c, so it shows only what
 * the user may read, and loading it is recorded in the audit trail.
 */
#ifndef SMREG_CORE_CHRONOLOGY_H
#define SMREG_CORE_CHRONOLOGY_H

#include <stddef.h>
#include <stdio.h>

#include "core/error.h"
#include "core/record.h"
#include "core/store.h"

struct smreg;

/* One change to the report or to one of its entries, field by field. */
struct chronology_change {
	char *at;     /* UTC, as the audit keeps it */
	char *who;    /* the person's name, else the login */
	char *what;   /* the title of the record changed */
	char *field;  /* the field's label */
	char *before; /* the earlier text, NULL when empty */
	char *after;
	char *reason;
	const struct record *record; /* the report or entry changed (the chronology's) */
};

/* An opening of the report (or a read that showed it). */
struct chronology_opening {
	char *at;
	char *who;
	char *how; /* "open", "chronology"... */
};

struct chronology {
	struct record *report;
	const struct record_type *entry_type; /* NULL when it has none */
	size_t entry_count;
	struct record **entries; /* oldest first */
	size_t change_count;
	struct chronology_change *changes; /* oldest first */
	size_t opening_count;
	struct chronology_opening *openings; /* oldest first */
};

enum chronology_format {
	CHRONOLOGY_TEXT,
	CHRONOLOGY_HTML,
	CHRONOLOGY_JSON
};

/* The register whose records have a chronology: the one whose opening is
 * audited and that has records of its own (contact reports). */
const struct record_type *chronology_type(void);

/*
 * The record of the report ref names (a register with RECORD_AUDIT_OPENS
 * and a relation: contact reports).  Loading opens it, which the audit
 * trail records, and records the chronology read.  *out is the caller's.
 */
int chronology_load(struct smreg *s, const struct record_type *type, const char *ref,
		    struct chronology **out, struct error *err);

/* Free *c and set it to NULL. */
void chronology_free(struct chronology **c);

/* The record, as text, one self-contained A4 HTML page, or JSON.  Returns
 * STATUS_OK, or STATUS_DATABASE when out could not be written. */
int chronology_write(const struct chronology *c, enum chronology_format format, FILE *out);

/* Record in the audit trail that the record was written to a file (path). */
int chronology_record_written(struct smreg *s, const struct chronology *c, const char *path,
			      struct error *err);

#endif
