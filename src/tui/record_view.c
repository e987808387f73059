/* The whole record on a screen, and written to a file. */
#include "tui/record_view.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/chronology.h"
#include "core/date.h"
#include "core/store.h"
#include "tui/editor.h"
#include "tui/prompt.h"
#include "tui/ui.h"

bool record_view_available(const struct record_type *type)
{
	return type == chronology_type();
}

/* The record as text; the caller frees it.  NULL when it could not be
 * read, with the reason in err. */
static char *record_text(struct ui *ui, const char *id, struct error *err)
{
	struct chronology *c = NULL;
	char *text = NULL;
	size_t size = 0;
	FILE *out;

	if (chronology_load(ui->s, chronology_type(), id, &c, err) != STATUS_OK)
		return NULL;
	out = open_memstream(&text, &size);
	if (out != NULL) {
		chronology_write(c, CHRONOLOGY_TEXT, out);
		fclose(out);
	}
	chronology_free(&c);
	return text;
}

/* Write the record, as HTML, to a new file at path: never over another. */
static void write_to(struct screen *asker, struct ui *ui, const char *path, void *arg)
{
	const char *id = arg;
	struct chronology *c = NULL;
	struct error err = {0};
	FILE *out;

	(void)asker;
	if (path == NULL || path[0] == '\0')
		return;
	out = fopen(path, "wx");
	if (out == NULL) {
		ui_message(ui, true, "Not written: %s: %s%s", path, strerror(errno),
			   errno == EEXIST ? " (choose another name)" : "");
		return;
	}
	if (chronology_load(ui->s, chronology_type(), id, &c, &err) != STATUS_OK ||
	    chronology_write(c, CHRONOLOGY_HTML, out) != STATUS_OK ||
	    chronology_record_written(ui->s, c, path, &err) != STATUS_OK) {
		fclose(out);
		remove(path);
		ui_message(ui, true, "Not written: %s", err.text[0] ? err.text : "the file could not be written");
		chronology_free(&c);
		return;
	}
	chronology_free(&c);
	if (fclose(out) != 0) {
		remove(path);
		ui_message(ui, true, "Not written: %s: %s", path, strerror(errno));
		return;
	}
	ui_message(ui, false, "Wrote %s.", path);
}

static void ask_where(struct ui *ui, void *arg)
{
	char name[64];

	snprintf(name, sizeof name, "record-%.8s.html", (const char *)arg);
	prompt_text(ui, "Write the record, as HTML for A4, to which new file?", name, HINT_NONE, write_to,
		    strdup(arg), free);
}

void record_view_open(struct ui *ui, const struct record_type *type, const char *id)
{
	struct error err = {0};
	char *text = record_text(ui, id, &err);
	char title[160];
	char *arg;

	if (text == NULL) {
		ui_error(ui, "open the whole record", &err);
		return;
	}
	arg = strdup(id);
	snprintf(title, sizeof title, "whole %s", type->label);
	editor_view(ui, title, text, arg ? ask_where : NULL, arg, free);
	free(text);
}

/* Every field as "Label: value"; a value with line breaks starts on the
 * line under its label.  The caller frees the text; NULL when out of memory. */
static char *fields_text(const struct record *r)
{
	char *text = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&text, &size);

	if (out == NULL)
		return NULL;
	for (size_t i = 0; i < r->type->field_count; i++) {
		char date[DATE_ISO_SIZE];
		const char *value = record_display(r, i, date);
		bool lines = value != NULL && strchr(value, '\n') != NULL;

		fprintf(out, "%s:%s%s\n", r->type->fields[i].label, lines ? "\n" : " ",
			value ? value : "\xE2\x80\x94");
	}
	if (fclose(out) != 0) {
		free(text);
		return NULL;
	}
	return text;
}

void record_view_fields(struct ui *ui, const struct record *r)
{
	char *text = fields_text(r);
	char title[160];

	if (text == NULL) {
		ui_message(ui, true, "Cannot show the record: out of memory");
		return;
	}
	snprintf(title, sizeof title, "whole %s", r->type->label);
	editor_view(ui, title, text, NULL, NULL, NULL);
	free(text);
}
