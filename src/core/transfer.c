/* CSV import; CSV and JSON export. */
#include "core/transfer.h"

#include <stdlib.h>
#include <string.h>

#include "core/access.h"
#include "core/csv.h"
#include "core/edit.h"
#include "core/json.h"
#include "core/postrec.h"
#include "core/store.h"
#include "core/text.h"
#include "private.h"

/* SQLite's page cache while a file streams in: with the rest, well under
 * 64 MB, whatever the file's size. */
#define TRANSFER_STREAM_CACHE_KIB 16384

/* An import stops collecting errors here; the rest it only reports as "at least". */
#define IMPORT_ERRORS_MAX 1000

struct header {
	size_t count;
	char **names; /* field names (or "id"), trimmed */
};

static void header_clear(struct header *h)
{
	for (size_t i = 0; i < h->count; i++)
		free(h->names[i]);
	free(h->names);
}

static int row_error(struct error_list *errors, long line, const char *field,
		     const char *text, int status)
{
	struct error e;

	error_set(&e, status, field, "%s", text);
	e.line = line;
	if (errors->count >= IMPORT_ERRORS_MAX)
		return 0;
	return error_list_add(errors, &e);
}

/* Read and check the header row: every column a field, none twice. */
static int read_header(struct csv_reader *reader, const struct record_type *type,
		       struct header *h, struct error_list *errors, struct error *err)
{
	char **fields;
	size_t count;
	long line;
	const char *why;
	int rc = csv_read(reader, &fields, &count, &line, &why);

	if (rc == 0)
		return error_set(err, STATUS_INVALID, NULL, "the file is empty: it needs a header row of field names");
	if (rc < 0) {
		row_error(errors, line, NULL, why, STATUS_INVALID);
		return error_set(err, STATUS_INVALID, NULL, "the header row is not valid CSV");
	}
	h->names = calloc(count, sizeof *h->names);
	if (h->names == NULL)
		return error_set(err, STATUS_DATABASE, NULL, "out of memory");
	h->count = count;
	for (size_t i = 0; i < count; i++) {
		h->names[i] = text_trimmed(fields[i]);
		if (h->names[i] == NULL)
			return error_set(err, STATUS_DATABASE, NULL, "out of memory");
		if (strcmp(h->names[i], "id") != 0 && record_field_index(type, h->names[i]) < 0)
			row_error(errors, line, h->names[i], "is not a field of this register", STATUS_INVALID);
		for (size_t j = 0; j < i; j++)
			if (strcmp(h->names[i], h->names[j]) == 0)
				row_error(errors, line, h->names[i], "is a column twice", STATUS_INVALID);
	}
	return errors->count ? error_set(err, STATUS_INVALID, NULL, "the header row names unknown fields")
			     : STATUS_OK;
}

static bool blank_row(char **fields, size_t count)
{
	return count == 1 && fields[0][0] == '\0';
}

/*
 * Insert one row.  A refusal of its data is the row's error, added to
 * errors, and the import goes on to find the others.  Anything else (a
 * full disk, an I/O error) ends the import, with *fatal saying why: SQLite
 * may have rolled the whole transaction back already, and the rows after
 * must not go in one by one on their own.
 */
static int import_row(struct smreg *s, const struct record_type *type, const struct header *h,
		      char **fields, size_t count, long line, struct error_list *errors,
		      struct error *fatal)
{
	struct assignment *a;
	size_t n = 0;
	struct error e;
	char *id = NULL;
	int rc;

	if (count != h->count) {
		char text[128];

		snprintf(text, sizeof text, "has %zu field%s; the header has %zu", count,
			 count == 1 ? "" : "s", h->count);
		if (row_error(errors, line, NULL, text, STATUS_INVALID) != 0)
			return error_set(fatal, STATUS_DATABASE, NULL, "out of memory");
		return STATUS_OK;
	}
	a = calloc(count, sizeof *a);
	if (a == NULL)
		return error_set(fatal, STATUS_DATABASE, NULL, "out of memory");
	for (size_t i = 0; i < count; i++) {
		/* A post's answer is asked again, not taken from the file. */
		if (fields[i][0] == '\0' || postrec_worked_out(type, h->names[i]))
			continue;
		a[n].field = h->names[i];
		a[n].value = fields[i];
		n++;
	}
	rc = edit_insert(s, type, a, n, &id, &e);
	free(a);
	free(id);
	if (rc == STATUS_OK)
		return STATUS_OK;
	if (rc == STATUS_DATABASE || sqlite3_get_autocommit(s->db)) {
		*fatal = e;
		if (fatal->status == STATUS_OK)
			fatal->status = STATUS_DATABASE;
		return fatal->status;
	}
	e.line = line;
	if (errors->count < IMPORT_ERRORS_MAX && error_list_add(errors, &e) != 0)
		return error_set(fatal, STATUS_DATABASE, NULL, "out of memory");
	return STATUS_OK;
}

/* The import from reader; cache_kib is SQLite's page cache meanwhile. */
static int import_from(struct smreg *s, const struct record_type *type,
		       struct csv_reader *reader, long cache_kib, bool dry_run, long *rows,
		       struct error_list *errors, struct error *err)
{
	struct header h = {0};
	size_t errors_before = errors->count;
	int rc = access_require(s, type, CAN_WRITE | CAN_ADD_OWN, "import into", err);
	if (rc == STATUS_OK)
		rc = read_header(reader, type, &h, errors, err);
	if (rc == STATUS_OK)
		rc = db_bulk_begin(s, cache_kib, err);
	if (rc == STATUS_OK)
		rc = db_begin(s, err);
	while (rc == STATUS_OK) {
		char **fields;
		size_t count;
		long line;
		const char *why;
		int got = csv_read(reader, &fields, &count, &line, &why);

		if (got == 0)
			break;
		if (got < 0) {
			if (row_error(errors, line, NULL, why, STATUS_INVALID) != 0)
				rc = error_set(err, STATUS_DATABASE, NULL, "out of memory");
			continue;
		}
		if (blank_row(fields, count))
			continue;
		(*rows)++;
		rc = import_row(s, type, &h, fields, count, line, errors, err);
	}
	if (rc == STATUS_OK && csv_reader_failed(reader))
		rc = error_set(err, STATUS_USAGE, NULL, "the file could not be read to its end");
	if (rc == STATUS_OK && errors->count > errors_before)
		rc = error_set(err, errors->items[errors_before].status, NULL,
			       "nothing was imported: %s%zu row%s %s wrong",
			       /* Past the limit, rows were wrong that no error lists. */
			       errors->count >= IMPORT_ERRORS_MAX ? "at least " : "",
			       errors->count - errors_before,
			       errors->count - errors_before == 1 ? "" : "s",
			       errors->count - errors_before == 1 ? "is" : "are");
	if (rc == STATUS_OK && !dry_run)
		rc = db_commit(s, err);
	else
		db_rollback(s);
	db_bulk_end(s);
	header_clear(&h);
	return rc;
}

int transfer_import(struct smreg *s, const struct record_type *type, const char *data,
		    size_t len, bool dry_run, long *rows, struct error_list *errors,
		    struct error *err)
{
	struct csv_reader *reader = csv_reader_new(data, len);
	int rc;

	*rows = 0;
	if (reader == NULL)
		return error_set(err, STATUS_DATABASE, NULL, "out of memory");
	rc = import_from(s, type, reader, 262144, dry_run, rows, errors, err);
	csv_reader_free(&reader);
	return rc;
}

/*
 * From a file, any size, in bounded memory: the file is read a window at a
 * time, and SQLite's cache is kept small, its overflow going to the WAL
 * (still one transaction: every row or none).
 */
int transfer_import_file(struct smreg *s, const struct record_type *type, FILE *in,
			 bool dry_run, long *rows, struct error_list *errors, struct error *err)
{
	struct csv_reader *reader = csv_reader_file(in);
	int rc;

	*rows = 0;
	if (reader == NULL)
		return error_set(err, STATUS_DATABASE, NULL, "out of memory");
	rc = import_from(s, type, reader, TRANSFER_STREAM_CACHE_KIB, dry_run, rows, errors, err);
	csv_reader_free(&reader);
	return rc;
}

enum column_kind transfer_column_kind(const struct field *f)
{
	if (f->type == FIELD_YES_NO)
		return COLUMN_YES_NO;
	return f->type == FIELD_INTEGER ? COLUMN_NUMBER : COLUMN_TEXT;
}

int record_writer_start(struct record_writer *w, const struct record_type *type,
			enum output_format format, FILE *out)
{
	w->type = type;
	w->out = out;
	w->result = NULL;
	w->cells = NULL;
	w->columns = calloc(type->field_count + 1, sizeof *w->columns);
	w->cells = calloc(type->field_count + 1, sizeof *w->cells);
	if (w->columns == NULL || w->cells == NULL)
		return STATUS_DATABASE;
	w->columns[0] = (struct column){.name = "id", .heading = "Id"};
	for (size_t i = 0; i < type->field_count; i++) {
		const struct field *f = &type->fields[i];

		w->columns[i + 1] = (struct column){
			.name = f->name,
			.heading = f->label,
			.kind = transfer_column_kind(f),
		};
	}
	w->result = result_new(w->columns, type->field_count + 1, format, out);
	return w->result ? STATUS_OK : STATUS_DATABASE;
}

int record_writer_add(struct record_writer *w, const struct record *r)
{
	w->cells[0] = r->id;
	for (size_t i = 0; i < w->type->field_count; i++)
		w->cells[i + 1] = r->values[i];
	return result_add(w->result, w->cells) ? STATUS_DATABASE : STATUS_OK;
}

int record_writer_finish(struct record_writer *w)
{
	bool failed = w->result == NULL;

	result_finish(&w->result);
	free(w->columns);
	free(w->cells);
	w->columns = NULL;
	w->cells = NULL;
	return failed || ferror(w->out) ? STATUS_DATABASE : STATUS_OK;
}

static int export_row(const struct record *r, void *arg)
{
	struct record_writer *w = arg;

	if (record_writer_add(w, r) != STATUS_OK)
		return STATUS_DATABASE;
	return ferror(w->out) ? STATUS_DATABASE : 0;
}

int transfer_export(struct smreg *s, const struct record_type *type,
		    enum output_format format, FILE *out, struct error *err)
{
	struct record_writer w;
	struct list_query q = list_query_default();
	/* Before the header is written: a refusal is not an empty export. */
	int rc = access_require(s, type, CAN_READ_ANY, "read", err);

	if (rc != STATUS_OK)
		return rc;
	q.include_ended = true;
	rc = record_writer_start(&w, type, format, out);
	if (rc == STATUS_OK)
		rc = store_walk(s, type, &q, "export", export_row, &w, err);
	if (record_writer_finish(&w) != STATUS_OK && rc == STATUS_OK)
		rc = STATUS_DATABASE;
	if (rc == STATUS_DATABASE && err->text[0] == '\0')
		error_set(err, STATUS_DATABASE, NULL, "could not write the export");
	return rc;
}
