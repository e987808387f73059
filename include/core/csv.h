/*
 * CSV as RFC 4180 and spreadsheets write it: a UTF-8 byte-order mark is
 * skipped, CRLF and LF both end records, quoted fields hold commas,
 * doubled quotes and line breaks.
 */
#ifndef SMREG_CORE_CSV_H
#define SMREG_CORE_CSV_H

#include <stddef.h>
#include <stdio.h>

struct csv_reader;

/* A reader over data[0..len), which must outlive it.  NULL when out of memory. */
struct csv_reader *csv_reader_new(const char *data, size_t len);

/* Free *reader and set it to NULL. */
void csv_reader_free(struct csv_reader **reader);

/*
 * Read the next record.  Returns 1 with *fields (count *count) pointing
 * into the reader's own storage, valid until the next call; 0 at the end
 * of the data; -1 on malformed input, with *why saying what and the
 * reader positioned after the bad record.  *line is the line the record
 * starts on (from 1).  A blank line yields a record of one empty field.
 */
int csv_read(struct csv_reader *reader, char ***fields, size_t *count,
	     long *line, const char **why);

/* Write one field, quoted when it needs to be; `first` omits the comma. */
void csv_write_field(FILE *out, const char *value, int first);

/* End the current record. */
void csv_write_end(FILE *out);

#endif
