/*
 * CSV as RFC 4180 and spreadsheets write it: a UTF-8 byte-order mark is
 * skipped, CRLF and LF both end records, quoted fields hold commas,
 * doubled quotes and line breaks.
 *
 * No cell smreg writes is a formula: a value that begins with = + - @ TAB
 * or CR, after any number of ', is written with one more ' in front, and
 * the reader takes exactly that ' off again, so what is written reads
 * back the same.  No cell carries a control character but line feed and
 * tab: CR and CR LF are written as LF, and any other control, a mark that
 * reverses text, or a byte that is not UTF-8, as text_safe() shows it
 * ("^[", U+FFFD).
 */
#ifndef SMREG_CORE_CSV_H
#define SMREG_CORE_CSV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct csv_reader;

/* A reader over data[0..len), which must outlive it.  NULL when out of memory. */
struct csv_reader *csv_reader_new(const char *data, size_t len);

/* A reader streaming the file in, a window at a time, so that a file of any
 * size is read in bounded memory; in must outlive it.  NULL when out of memory. */
struct csv_reader *csv_reader_file(FILE *in);

/* Whether reading the file failed (an I/O error, not the end). */
bool csv_reader_failed(const struct csv_reader *reader);

/* Free *reader and set it to NULL. */
void csv_reader_free(struct csv_reader **reader);

/*
 * Read the next record.  Returns 1 with *fields (count *count) pointing
 * into the reader's own storage, valid until the next call; 0 at the end
 * of the data; -1 on malformed input, with *why saying what and the
 * reader positioned after the bad record.  *line is the line the record
 * starts on (from 1).  A blank line yields a record of one empty field.
 * A field's formula mark (see above) is taken off.
 */
int csv_read(struct csv_reader *reader, char ***fields, size_t *count,
	     long *line, const char **why);

/* Write one field, marked and quoted when it needs to be; `first` omits
 * the comma.  Every CSV smreg writes goes through here. */
void csv_write_field(FILE *out, const char *value, int first);

/* End the current record. */
void csv_write_end(FILE *out);

#endif
