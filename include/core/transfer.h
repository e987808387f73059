/*
 * Import and export: CSV in (all or nothing, every bad row reported), CSV
 * and JSON out, with the field names of the record descriptors.
 */
#ifndef SMREG_CORE_TRANSFER_H
#define SMREG_CORE_TRANSFER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "core/error.h"
#include "core/record.h"
#include "core/result.h"

struct smreg;

/*
 * Import CSV data (a header row of field names, then one record a row)
 * into type, in one transaction: every row or none.  Each bad row adds an
 * error with its line to *errors (the caller clears it).  With dry_run
 * nothing is kept even when all is well.  *rows is the number of records
 * the data holds.  Returns STATUS_OK, or the status of the first error.
 */
int transfer_import(struct smreg *s, const struct record_type *type,
		    const char *data, size_t len, bool dry_run, long *rows,
		    struct error_list *errors, struct error *err);

/* transfer_import from a file read as it goes, in bounded memory, however
 * large (a million rows well under 64 MB). */
int transfer_import_file(struct smreg *s, const struct record_type *type, FILE *in,
			 bool dry_run, long *rows, struct error_list *errors, struct error *err);

/*
 * Writing whole records through the output layer (core/result.h), a
 * column for the id and each field: ISO dates, yes/no (true/false in
 * JSON), references as ids (consent uses as their codes), so an import
 * takes CSV or JSON back.
 */
struct record_writer {
	const struct record_type *type;
	struct column *columns; /* the id's, then each field's */
	const char **cells;	/* a row's, pointing into its record */
	struct result *result;
	FILE *out;
};

struct record;

/* What a field's values are in JSON. */
enum column_kind transfer_column_kind(const struct field *f);

/* Start writing records of type to out; STATUS_DATABASE when out of memory
 * (then record_writer_finish still frees what was made). */
int record_writer_start(struct record_writer *w, const struct record_type *type,
			enum output_format format, FILE *out);
int record_writer_add(struct record_writer *w, const struct record *r);

/* Close the JSON array and free the writer's memory; STATUS_DATABASE when
 * anything failed to write. */
int record_writer_finish(struct record_writer *w);

/* Write every record of type the user may read, ended ones too. */
int transfer_export(struct smreg *s, const struct record_type *type,
		    enum output_format format, FILE *out, struct error *err);

#endif
