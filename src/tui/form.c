/* Forms from the record descriptors. */
#include "tui/form.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/access.h"
#include "core/date.h"
#include "core/edit.h"
#include "core/ref.h"
#include "core/smreg.h"
#include "core/store.h"
#include "core/value.h"
#include "core/wording.h"
#include "tui/editor.h"
#include "tui/line.h"
#include "tui/picker.h"
#include "tui/prompt.h"

#define LABEL_WIDTH 20

struct form_field {
	const struct field *f;
	struct line line; /* what the field shows and the user types */
	char *original;	  /* its text when the form opened */
	char *ref_id;	  /* REF: the record picked or loaded (its id or code) */
	char *original_ref_id;
	char error[1024]; /* core's message about this field */
	bool locked;	  /* set by where the form came from */
};

struct form {
	struct screen base;
	const struct record_type *type;
	char *id; /* NULL for a new record */
	long long row_version;
	struct form_field *fields;
	int count;
	int current;
	bool fresh;	 /* the focus just arrived: typing replaces the text */
	int top;	 /* the first field in view */
	char error[800]; /* a message that names no field */
	char *reason;	 /* why a safeguarding record changes */
	bool overwrite;	 /* save over someone else's change */
	bool ending;	 /* a closing form: saving ends the record */
};

static bool is_typed(const struct field *f)
{
	return f->type == FIELD_TEXT || f->type == FIELD_LONG_TEXT ||
	       f->type == FIELD_INTEGER || f->type == FIELD_DATE || f->type == FIELD_TIME;
}

static void field_set(struct form_field *ff, const char *text, const char *ref_id)
{
	line_set(&ff->line, text);
	free(ff->ref_id);
	ff->ref_id = ref_id ? strdup(ref_id) : NULL;
	ff->error[0] = '\0';
}

/* The text a new record's field starts with: core's initial value for it
 * (edit_initial, as adding from the command line takes it), shown as a
 * person would type it. */
static void initial_text(struct ui *ui, struct form_field *ff)
{
	const struct field *f = ff->f;
	struct error err;
	char *value = NULL;

	if (edit_initial(ui->s, f, &value, &err) != STATUS_OK || value == NULL) {
		free(value);
		return;
	}
	if (f->type == FIELD_DATE) {
		char shown[DATE_ISO_SIZE];

		date_iso_to_display(value, shown);
		field_set(ff, shown, NULL);
	} else if (f->type == FIELD_REF) {
		/* A reference by code (a consent use) is shown as its code. */
		char *title = strcmp(record_ref_key(f), "id") == 0
				      ? ref_title(ui->s, record_type_find(f->target), value)
				      : NULL;

		field_set(ff, title ? title : value, value);
		free(title);
	} else {
		field_set(ff, value, NULL);
	}
	/* field_set keeps copies. */
	free(value);
}

static void remember_original(struct form *fm)
{
	for (int i = 0; i < fm->count; i++) {
		struct form_field *ff = &fm->fields[i];

		free(ff->original);
		free(ff->original_ref_id);
		ff->original = strdup(ff->line.text);
		ff->original_ref_id = ff->ref_id ? strdup(ff->ref_id) : NULL;
	}
}

static bool field_changed(const struct form_field *ff)
{
	if (ff->original == NULL || strcmp(ff->original, ff->line.text) != 0)
		return true;
	if ((ff->ref_id == NULL) != (ff->original_ref_id == NULL))
		return true;
	return ff->ref_id != NULL && strcmp(ff->ref_id, ff->original_ref_id) != 0;
}

static bool form_dirty(struct screen *s)
{
	struct form *fm = (struct form *)s;

	for (int i = 0; i < fm->count; i++)
		if (!fm->fields[i].locked && field_changed(&fm->fields[i]))
			return true;
	return false;
}

static void form_destroy(struct screen *s)
{
	struct form *fm = (struct form *)s;

	for (int i = 0; i < fm->count; i++) {
		line_free(&fm->fields[i].line);
		free(fm->fields[i].original);
		free(fm->fields[i].ref_id);
		free(fm->fields[i].original_ref_id);
	}
	free(fm->fields);
	free(fm->id);
	free(fm->reason);
	free(fm);
}

/* --- drawing ------------------------------------------------------------------ */

/* A policy's month, as typed ("Oct 2025"): "October 2025", understood. */
static bool month_hint(const struct form_field *ff, char *buf, int len)
{
	struct date d;

	if (!(ff->f->flags & FIELD_MONTH_OK) || date_parse_month(ff->line.text, &d) != 0)
		return false;
	snprintf(buf, (size_t)len, "%s %d", date_month_name(d.month), d.year);
	return true;
}

/* A date that is not one yet, as typed: said on the line below. */
static bool date_not_understood(struct ui *ui, const struct form_field *ff, char *why, int len)
{
	char hint[160];

	if (ff->f->type != FIELD_DATE || ff->line.len == 0 || ff->locked ||
	    month_hint(ff, hint, sizeof hint) ||
	    prompt_date_hint(ui, ff->line.text, hint, sizeof hint))
		return false;
	snprintf(why, (size_t)len, "\"%.60s\" %s%.120s", ff->line.text,
		 strncmp(hint, "is ", 3) == 0 ? "" : "is not a date: ", hint);
	return true;
}

/* The width of what is said under a field. */
static int why_width(struct ui *ui)
{
	return ui->cols - LABEL_WIDTH - 3;
}

#define WHY_LINES_MAX 3

/* A field's line, and the lines under it saying what is wrong, whole. */
static int field_rows(struct ui *ui, const struct form_field *ff)
{
	char why[400];

	if (ff->error[0] != '\0')
		return 1 + draw_wrapped(0, 0, why_width(ui), WHY_LINES_MAX, ff->error, 0, false);
	return date_not_understood(ui, ff, why, sizeof why) ? 2 : 1;
}

/* What to show beside a field: the date understood, or how to choose. */
static void field_hint(struct ui *ui, const struct form_field *ff, bool focused, char *buf,
		       int len, bool *ok)
{
	*ok = true;
	buf[0] = '\0';
	if (ff->locked)
		return;
	switch (ff->f->type) {
	case FIELD_DATE:
		if (ff->line.len > 0)
			*ok = month_hint(ff, buf, len) || prompt_date_hint(ui, ff->line.text, buf, len);
		break;
	case FIELD_YES_NO:
		if (focused)
			snprintf(buf, (size_t)len, "Space: change");
		break;
	case FIELD_CHOICE:
	case FIELD_REF:
	case FIELD_CODES:
		if (focused)
			snprintf(buf, (size_t)len, "Enter: choose");
		break;
	default:
		break;
	}
}

/* Room beside a value for its hint: a weekday and date, or how to choose.
 * A narrow screen gives the value more, and the hint its short form. */
#define HINT_WIDTH 22
#define HINT_WIDTH_NARROW 13
#define VALUE_WIDTH_MIN 30

static int hint_width(int width)
{
	return width - LABEL_WIDTH - 3 - HINT_WIDTH >= VALUE_WIDTH_MIN ? HINT_WIDTH
								       : HINT_WIDTH_NARROW;
}

/* A hint too long for room columns in short: "Wednesday 01/01/2020" as the
 * date alone, "Enter: choose" as the key alone. */
static void shorten_hint(char *hint, int room, bool date)
{
	char *space = strchr(hint, ' ');
	char *colon = strchr(hint, ':');

	if ((int)strlen(hint) <= room)
		return;
	if (date && space != NULL)
		memmove(hint, space + 1, strlen(space + 1) + 1);
	else if (!date && colon != NULL)
		*colon = '\0';
}

static void draw_field(struct form *fm, struct ui *ui, int index, int y, int x, int width)
{
	struct form_field *ff = &fm->fields[index];
	bool focused = index == fm->current;
	int value_width = width - LABEL_WIDTH - 3 - hint_width(width);
	char label[96];
	char hint[160];
	char why[400];
	bool ok;
	attr_t attr = focused ? ui->attr[ATTR_INPUT] | A_BOLD : ui->attr[ATTR_INPUT];

	if (value_width > 44)
		value_width = 44;
	snprintf(label, sizeof label, "%s%s", ff->f->label, ff->f->flags & FIELD_REQUIRED ? " *" : "");
	draw_text(y, x + 1, LABEL_WIDTH, label,
		  focused ? ui->attr[ATTR_HEADING] & ~A_UNDERLINE : ui->attr[ATTR_NORMAL]);
	if (ff->locked)
		attr = ui->attr[ATTR_MUTED];
	line_draw(&ff->line, ui, y, x + 1 + LABEL_WIDTH + 1, value_width, attr,
		  focused && is_typed(ff->f) && !ff->locked);
	field_hint(ui, ff, focused, hint, sizeof hint, &ok);
	if (ok)
		shorten_hint(hint, width - (LABEL_WIDTH + value_width + 5), ff->f->type == FIELD_DATE);
	/* What is wrong goes on the line below, whole; not cut short beside. */
	if (!ok || ff->error[0] != '\0')
		hint[0] = '\0';
	draw_text(y, x + 1 + LABEL_WIDTH + 1 + value_width + 2, width - (LABEL_WIDTH + value_width + 5),
		  hint, ui->attr[ok ? ATTR_MUTED : ATTR_ERROR]);
	if (ff->error[0] != '\0') {
		draw_wrapped(y + 1, x + 1 + LABEL_WIDTH + 1, why_width(ui), WHY_LINES_MAX, ff->error,
			     ui->attr[ATTR_ERROR], true);
	} else if (date_not_understood(ui, ff, why, sizeof why)) {
		draw_text(y + 1, x + 1 + LABEL_WIDTH + 1, width - LABEL_WIDTH - 3, why,
			  ui->attr[ATTR_ERROR]);
	}
}

/* Scroll so the focused field is in view. */
static void scroll_to_current(struct form *fm, struct ui *ui, int rows)
{
	int used = 0;

	if (fm->current < fm->top)
		fm->top = fm->current;
	for (;;) {
		used = 0;
		for (int i = fm->top; i <= fm->current; i++)
			used += field_rows(ui, &fm->fields[i]);
		if (used <= rows || fm->top >= fm->current)
			break;
		fm->top++;
	}
}

static void form_draw(struct screen *s, struct ui *ui, int y, int x, int height, int width)
{
	struct form *fm = (struct form *)s;
	int row = y + 1;
	int bottom = y + height;

	if (fm->error[0] != '\0')
		row += draw_wrapped(row, x + 1, width - 2, 3, fm->error, ui->attr[ATTR_ERROR], true) + 1;
	scroll_to_current(fm, ui, bottom - row - 1);
	if (fm->top > 0)
		draw_text(row - 1 < y ? y : row - 1, x + width - 12, 10, "\xE2\x86\x91 more", ui->attr[ATTR_MUTED]);
	for (int i = fm->top; i < fm->count && row + field_rows(ui, &fm->fields[i]) <= bottom; i++) {
		draw_field(fm, ui, i, row, x, width);
		row += field_rows(ui, &fm->fields[i]);
		if (i + 1 < fm->count && row + field_rows(ui, &fm->fields[i + 1]) > bottom)
			draw_text(bottom - 1, x + width - 12, 10, "\xE2\x86\x93 more", ui->attr[ATTR_MUTED]);
	}
	draw_text(bottom - 1, x + 1, 40, "* required", ui->attr[ATTR_MUTED]);
}

static const char *form_status(struct screen *s, struct ui *ui)
{
	(void)s;
	(void)ui;
	return " ^S:save  Esc:cancel  Tab/Down:next field  S-Tab/Up:previous  F1:help";
}

/* --- saving ------------------------------------------------------------------- */

static void form_save(struct screen *s, struct ui *ui);

/* The value to hand core: the picked record's id, else what was typed. */
static const char *field_value(const struct form_field *ff)
{
	if (ff->ref_id != NULL)
		return ff->ref_id;
	return ff->line.text;
}

static int field_index(const struct form *fm, const char *name)
{
	for (int i = 0; i < fm->count; i++)
		if (strcmp(fm->fields[i].f->name, name) == 0)
			return i;
	return -1;
}

static void show_error(struct form *fm, struct ui *ui, const struct error *err)
{
	int i = field_index(fm, err->field);

	char said[sizeof err->text + sizeof err->field + 8];

	/* In the form's words: its labels, not the columns' names. */
	wording_error(fm->type, err, said, sizeof said);
	if (i >= 0) {
		struct error why = *err;

		why.field[0] = '\0';
		wording_error(fm->type, &why, fm->fields[i].error, sizeof fm->fields[i].error);
		fm->current = i;
		fm->fresh = true;
		fm->error[0] = '\0';
	} else {
		wording_error(fm->type, err, fm->error, sizeof fm->error);
	}
	ui_message(ui, true, "Not saved: %s", said);
}

static void reload_values(struct form *fm, struct ui *ui);

static void conflict_answered(struct screen *s, struct ui *ui, int key, void *arg)
{
	struct form *fm = (struct form *)s;

	(void)arg;
	if (key == 'r') {
		reload_values(fm, ui);
		ui_message(ui, false, "Reloaded: the form shows the record as it is now.");
	} else if (key == 'o') {
		fm->overwrite = true;
		form_save(s, ui);
	}
}

static void reason_given(struct screen *s, struct ui *ui, const char *text, void *arg)
{
	struct form *fm = (struct form *)s;
	char *reason = NULL;
	struct error err;
	char why[sizeof err.text + sizeof err.field];

	(void)arg;
	/* Core's check, the same as the command line's. */
	if (edit_reason(fm->type, text, &reason, &err) != STATUS_OK) {
		wording_error(fm->type, &err, why, sizeof why);
		ui_message(ui, true, "Not saved: %s", why);
		return;
	}
	free(fm->reason);
	fm->reason = reason;
	form_save(s, ui);
}

/* The fields to hand core into a (count fields): a change sends what
 * changed; a new record sends every field, and ending sends all it asks.
 * Returns how many. */
static size_t collect(const struct form *fm, struct assignment *a)
{
	size_t n = 0;

	for (int i = 0; i < fm->count; i++) {
		const struct form_field *ff = &fm->fields[i];

		if (fm->id != NULL && !fm->ending && !field_changed(ff))
			continue;
		a[n].field = ff->f->name;
		a[n].value = field_value(ff);
		n++;
	}
	return n;
}

static int save_through_core(struct form *fm, struct ui *ui, bool check_only, struct error *err)
{
	struct assignment *a = calloc(fm->count > 0 ? (size_t)fm->count : 1, sizeof *a);
	char *id = NULL;
	size_t n;
	int rc;

	if (a == NULL)
		return error_set(err, STATUS_DATABASE, NULL, "out of memory");
	n = collect(fm, a);
	if (fm->ending)
		rc = edit_end_with(ui->s, fm->type, fm->id, a, n, NULL, err);
	else if (fm->id != NULL && check_only)
		rc = edit_check_set(ui->s, fm->type, fm->id, a, n, fm->overwrite ? 0 : fm->row_version,
				    err);
	else if (fm->id == NULL)
		rc = edit_add(ui->s, fm->type, a, n, &id, err);
	else if (n == 0)
		rc = STATUS_OK;
	else
		rc = edit_set(ui->s, fm->type, fm->id, a, n, fm->overwrite ? 0 : fm->row_version,
			      fm->reason, err);
	free(a);
	free(id);
	return rc;
}

/* Each field's value checked on its own, as core parses it: for a closing
 * form, whose rules core checks as it closes.  Returns how many are wrong;
 * the focus goes to the first. */
static int mark_unparsed_fields(struct form *fm, struct ui *ui)
{
	int wrong = 0;

	for (int i = 0; i < fm->count; i++) {
		struct form_field *ff = &fm->fields[i];
		struct error err;
		char *value = NULL;

		ff->error[0] = '\0';
		if (ff->locked || ff->line.len == 0 || (fm->id != NULL && !field_changed(ff)))
			continue;
		if (value_parse(ui->s, ff->f, field_value(ff), &value, &err) != STATUS_OK &&
		    err.status == STATUS_INVALID) {
			err.field[0] = '\0';
			wording_error(fm->type, &err, ff->error, sizeof ff->error);
			if (wrong++ == 0) {
				fm->current = i;
				fm->fresh = true;
			}
		}
		free(value);
	}
	return wrong;
}

/* Every wrong field marked at once, as core finds them (edit_wrong_fields:
 * values, required fields, the rules across fields), rather than one a
 * save.  Returns how many are wrong; the focus goes to the first. */
static int mark_wrong_fields(struct form *fm, struct ui *ui)
{
	struct assignment *a = calloc(fm->count > 0 ? (size_t)fm->count : 1, sizeof *a);
	struct error_list wrong = {0};
	struct error err;
	int marked = 0;

	for (int i = 0; i < fm->count; i++)
		fm->fields[i].error[0] = '\0';
	if (fm->ending || a == NULL) {
		free(a);
		return mark_unparsed_fields(fm, ui);
	}
	/* Could it not look, the save that follows says why. */
	if (edit_wrong_fields(ui->s, fm->type, fm->id, a, collect(fm, a), &wrong, &err) != STATUS_OK)
		wrong.count = 0;
	for (size_t n = 0; n < wrong.count; n++) {
		struct error *e = &wrong.items[n];
		int i = field_index(fm, e->field);

		/* A field the form does not show is for the save's message. */
		if (i < 0 || fm->fields[i].error[0] != '\0')
			continue;
		e->field[0] = '\0';
		wording_error(fm->type, e, fm->fields[i].error, sizeof fm->fields[i].error);
		if (marked++ == 0 || i < fm->current) {
			fm->current = i;
			fm->fresh = true;
		}
	}
	error_list_clear(&wrong);
	free(a);
	return marked;
}

/* Whether the record saved has ended by today (a leaving date typed, a
 * report closed): the lists of current records no longer show it. */
static bool now_ended(const struct form *fm, struct ui *ui)
{
	const struct record_type *type = fm->type;
	int i = type->end_field ? field_index(fm, type->end_field) : -1;
	char *iso = NULL;
	char today[DATE_ISO_SIZE];
	bool ended;

	if (i < 0 || fm->fields[i].line.len == 0 ||
	    value_parse(ui->s, fm->fields[i].f, fm->fields[i].line.text, &iso, NULL) != STATUS_OK ||
	    iso == NULL) {
		free(iso);
		return false;
	}
	date_to_iso(smreg_today(ui->s), today);
	ended = strcmp(iso, today) <= 0;
	free(iso);
	return ended;
}

static void form_save(struct screen *s, struct ui *ui)
{
	struct form *fm = (struct form *)s;
	const struct record_type *type = fm->type;
	struct error err;
	char label[64];
	bool ended;
	int wrong;
	int rc;

	fm->error[0] = '\0';
	wrong = mark_wrong_fields(fm, ui);
	if (wrong > 1) {
		ui_message(ui, true, "Not saved: %d fields need putting right (marked in red).", wrong);
		return;
	}
	if (wrong == 1) {
		ui_message(ui, true, "Not saved: %s: %s", fm->fields[fm->current].f->label,
			   fm->fields[fm->current].error);
		return;
	}
	/* The reason is asked only for a change that passes every check:
	 * nobody types it again for each thing put right. */
	if (fm->id != NULL && !fm->ending && (fm->type->flags & RECORD_NEEDS_REASON) &&
	    fm->reason == NULL && form_dirty(s)) {
		char question[200];

		rc = save_through_core(fm, ui, true, &err);
		if (rc == STATUS_OK) {
			snprintf(question, sizeof question,
				 "Why is this %s being changed? (the audit trail keeps it)",
				 fm->type->label);
			prompt_text(ui, question, "", HINT_NONE, reason_given, NULL, NULL);
			return;
		}
	} else {
		rc = save_through_core(fm, ui, false, &err);
	}
	if (rc == STATUS_CONFLICT) {
		char question[1200];

		snprintf(question, sizeof question, "%s  r: reload it  o: overwrite  c: keep editing",
			 err.text);
		prompt_keys(ui, question, "roc", conflict_answered, NULL, NULL);
		return;
	}
	if (rc != STATUS_OK) {
		free(fm->reason);
		fm->reason = NULL;
		show_error(fm, ui, &err);
		return;
	}
	snprintf(label, sizeof label, "%s", fm->type->label);
	ended = now_ended(fm, ui);
	ui_changed(ui);
	ui_pop(ui);
	/* Say why it is gone from the list it was saved from. */
	if (ended) {
		char plural[64];

		snprintf(plural, sizeof plural, "%s", type->plural);
		plural[0] = (char)tolower((unsigned char)plural[0]);
		ui_message(ui, false, "Saved the %s, now %s: lists of current %s no longer show it "
				      "(a: show all).",
			   label, type->end_past, plural);
	} else
		ui_message(ui, false, "Saved the %s.", label);
}

/* --- keys --------------------------------------------------------------------- */

/* A choice made stays on its field: the Tab that follows, from habit,
 * must not skip the next one. */
static void picked(struct screen *s, struct ui *ui, const char *value, const char *id, void *arg)
{
	struct form *fm = (struct form *)s;
	struct form_field *ff = &fm->fields[(intptr_t)arg];

	(void)ui;
	field_set(ff, value, id);
	fm->fresh = true;
}

static void open_picker(struct form *fm, struct ui *ui, const char *typed)
{
	struct form_field *ff = &fm->fields[fm->current];
	void *arg = (void *)(intptr_t)fm->current;
	char title[128];

	snprintf(title, sizeof title, "%s", ff->f->label);
	if (ff->f->type == FIELD_CHOICE)
		picker_choice(ui, title, ff->f, ff->line.text, typed, picked, arg);
	else if (ff->f->type == FIELD_CODES)
		picker_codes(ui, title, ff->f, ff->line.text, picked, arg);
	else
		picker_records_at(ui, title, record_type_find(ff->f->target), typed,
				  typed[0] ? NULL : ff->ref_id, picked, arg);
}

static bool toggle_key(struct form_field *ff, int key)
{
	const char *now = NULL;

	if (key == ' ')
		now = strcmp(ff->line.text, "yes") == 0 ? "no" : "yes";
	else if (key == 'y' || key == 'Y')
		now = "yes";
	else if (key == 'n' || key == 'N')
		now = "no";
	if (now == NULL)
		return false;
	field_set(ff, now, NULL);
	return true;
}

static bool is_printable(int key)
{
	return key >= 0x20 && key != 0x7F && key < 0x110000 && !(key >= 0x80 && key < 0xA0);
}

static bool clears(int key)
{
	return key == KEY_FN(KEY_BACKSPACE) || key == 127 || key == KEY_FN(KEY_DC) ||
	       key == KEY_CTRL('u');
}

static void form_next(struct screen *s, struct ui *ui);

/* The long text the editor gives back, into its field; then save, as
 * Ctrl-S does everywhere, or go on to the next field. */
static void edited(struct screen *s, struct ui *ui, const char *text, bool save, void *arg)
{
	struct form *fm = (struct form *)s;

	field_set(&fm->fields[(intptr_t)arg], text, NULL);
	fm->fresh = false;
	if (save)
		form_save(s, ui);
	else
		form_next(s, ui);
}

static bool form_key(struct screen *s, struct ui *ui, int key)
{
	struct form *fm = (struct form *)s;
	struct form_field *ff = &fm->fields[fm->current];
	bool changed;

	if (ff->locked) {
		if (!is_printable(key) || key == '?')
			return false;
		ui_message(ui, false, "%s is set by the screen you came from.", ff->f->label);
		return true;
	}
	/* A long text is typed in an editor of its own, never replaced by
	 * a key: typing (or ^O) opens it with the text whole. */
	if (ff->f->type == FIELD_LONG_TEXT && (key == KEY_CTRL('o') || (is_printable(key) && key != '?'))) {
		editor_open(ui, ff->f->label, ff->line.text, key == KEY_CTRL('o') ? 0 : key, edited,
			    (void *)(intptr_t)fm->current);
		return true;
	}
	switch (ff->f->type) {
	case FIELD_YES_NO:
		return key != '?' && (toggle_key(ff, key) || is_printable(key));
	case FIELD_CHOICE:
	case FIELD_CODES:
	case FIELD_REF:
		if (clears(key)) {
			field_set(ff, "", NULL);
			return true;
		}
		if (ui_is_enter(key) || (is_printable(key) && key != '?')) {
			char typed[8] = {0};

			if (is_printable(key) && key < 0x80)
				typed[0] = (char)key;
			open_picker(fm, ui, ui_is_enter(key) ? "" : typed);
			return true;
		}
		return false;
	default:
		/* Like a spreadsheet cell: typing into a field just reached
		 * replaces what it held; any editing key keeps it. */
		if (fm->fresh && is_printable(key))
			line_set(&ff->line, "");
		if (!line_key(&ff->line, key, &changed))
			return false;
		fm->fresh = false;
		if (changed)
			ff->error[0] = '\0';
		return true;
	}
}

/* The next field that can be changed (locked ones are skipped). */
static void form_next(struct screen *s, struct ui *ui)
{
	struct form *fm = (struct form *)s;
	int i = fm->current + 1;

	(void)ui;
	while (i < fm->count && fm->fields[i].locked)
		i++;
	if (i < fm->count)
		fm->current = i;
	fm->fresh = true;
}

static void form_previous(struct screen *s, struct ui *ui)
{
	struct form *fm = (struct form *)s;
	int i = fm->current - 1;

	(void)ui;
	while (i >= 0 && fm->fields[i].locked)
		i--;
	if (i >= 0)
		fm->current = i;
	fm->fresh = true;
}

static void discard(struct screen *s, struct ui *ui, int key, void *arg)
{
	(void)s;
	(void)key;
	(void)arg;
	ui_pop(ui);
	ui_message(ui, false, "Nothing was saved.");
}

static void form_cancel(struct screen *s, struct ui *ui)
{
	if (form_dirty(s))
		prompt_confirm(ui, "Discard what you typed in this form?", discard, NULL, NULL);
	else
		ui_pop(ui);
}

/* clang-format off */
static const struct action form_actions[] = {
	{"save", {KEY_CTRL('s'), KEY_FN(KEY_F(2))}, "save", "save the record (core checks every field)",
	 ACTION_STATUS, form_save, NULL, NULL},
	{"cancel", {KEY_ESCAPE}, "cancel", "leave the form (asks first if you typed anything)",
	 ACTION_STATUS, form_cancel, NULL, NULL},
	{"next field", {'\t', KEY_FN(KEY_DOWN), '\n', '\r'}, "next", "the next field", ACTION_STATUS,
	 form_next, NULL, NULL},
	{"previous field", {KEY_FN(KEY_BTAB), KEY_FN(KEY_UP)}, "previous", "the field before", 0,
	 form_previous, NULL, NULL},
	{NULL},
};
/* clang-format on */

/* clang-format off */
static const struct action form_typing[] = {
	{"type", {0}, "", "type into a field (on arriving, typing replaces it); Left/Right, Home/End, "
	 "Backspace/Del edit it; ^U clears it",
	 0, NULL, NULL, NULL},
	{"choose", {0}, "", "on a choice or a reference, Enter (or typing) opens a list to choose from",
	 0, NULL, NULL, NULL},
	{"toggle", {0}, "", "on a yes/no field, Space changes it (or type y or n)", 0, NULL, NULL, NULL},
	{"dates", {0}, "", "a date field shows the day it understood beside it", 0, NULL, NULL, NULL},
	{NULL},
};
/* clang-format on */

static const struct action *const form_tables[] = {form_actions, form_typing, NULL};

/* F1 on a field: the help screen leads with that field's own help, from
 * its descriptor, as smreg help REGISTER prints it. */
static bool form_about(struct screen *s, char *heading, size_t heading_size, char *text,
		       size_t text_size)
{
	struct form *form = (struct form *)s;
	const struct field *f;

	if (form->current < 0 || form->current >= form->count)
		return false;
	f = form->fields[form->current].f;
	snprintf(heading, heading_size, "This field: %s%s", f->label,
		 (f->flags & FIELD_REQUIRED) ? " (required)" : "");
	snprintf(text, text_size, "%s", f->help ? f->help : "No help for this field.");
	return true;
}

const struct screen_class form_class = {
	.name = "Form",
	.actions = form_tables,
	.draw = form_draw,
	.key = form_key,
	.dirty = form_dirty,
	.status = form_status,
	.about = form_about,
	.destroy = form_destroy,
};

/* --- making forms ------------------------------------------------------------- */

/* Staff file records of their own without the managers' fields. */
static bool filing_own(struct ui *ui, const struct record_type *type)
{
	unsigned access = access_mine(ui->s, type);

	return !(access & CAN_WRITE) && (access & CAN_ADD_OWN);
}

static struct form *form_new(const struct record_type *type, bool own)
{
	struct form *fm = calloc(1, sizeof *fm);

	if (fm == NULL)
		return NULL;
	fm->base.cls = &form_class;
	fm->type = type;
	fm->fields = calloc(type->field_count, sizeof *fm->fields);
	if (fm->fields == NULL) {
		free(fm);
		return NULL;
	}
	for (size_t i = 0; i < type->field_count; i++) {
		/* Who recorded it is filled in by core, never typed. */
		if ((own && (type->fields[i].flags & FIELD_MANAGED)) ||
		    (type->fields[i].flags & FIELD_AUTO))
			continue;
		fm->fields[fm->count].f = &type->fields[i];
		line_init(&fm->fields[fm->count].line, NULL);
		fm->count++;
	}
	return fm;
}

static void lock(struct form *fm, const char *name, const char *text, const char *value)
{
	int i = field_index(fm, name);

	if (i < 0)
		return;
	field_set(&fm->fields[i], text, value);
	fm->fields[i].locked = true;
	if (fm->current == i && i + 1 < fm->count)
		fm->current = i + 1;
}

struct screen *form_new_record(struct ui *ui, const struct record_type *type,
			       const struct assignment *presets, size_t preset_count)
{
	bool own = filing_own(ui, type);
	struct form *fm = form_new(type, own);

	if (fm == NULL)
		return NULL;
	snprintf(fm->base.title, sizeof fm->base.title, "new %s", type->label);
	for (int i = 0; i < fm->count; i++)
		initial_text(ui, &fm->fields[i]);
	for (size_t p = 0; p < preset_count; p++) {
		const struct field *f = record_field_find(type, presets[p].field);
		char *title = NULL;

		if (f != NULL && f->type == FIELD_REF)
			title = ref_title(ui->s, record_type_find(f->target), presets[p].value);
		lock(fm, presets[p].field, title ? title : presets[p].value,
		     f && f->type == FIELD_REF ? presets[p].value : NULL);
		free(title);
	}
	if (own && type->owner_field != NULL && smreg_person_id(ui->s) != NULL) {
		char *me = ref_title(ui->s, record_type_find("person"), smreg_person_id(ui->s));

		lock(fm, type->owner_field, me ? me : "you", smreg_person_id(ui->s));
		free(me);
	}
	while (fm->current < fm->count && fm->fields[fm->current].locked)
		fm->current++;
	if (fm->current >= fm->count)
		fm->current = 0;
	/* The first field is reached as Tab reaches the others: typing
	 * replaces what it holds (today's date, say). */
	fm->fresh = true;
	remember_original(fm);
	return &fm->base;
}

/* Fill the fields from the record as it is stored now. */
static void reload_values(struct form *fm, struct ui *ui)
{
	struct record *r = NULL;
	struct error err;

	fm->overwrite = false;
	if (store_get(ui->s, fm->type, fm->id, &r, &err) != STATUS_OK) {
		error_message(&err, fm->error, sizeof fm->error);
		return;
	}
	fm->row_version = r->row_version;
	snprintf(fm->base.title, sizeof fm->base.title, "change %s %s", fm->type->label,
		 r->title ? r->title : "");
	for (int i = 0; i < fm->count; i++) {
		struct form_field *ff = &fm->fields[i];
		size_t index = (size_t)(ff->f - fm->type->fields);
		char date[DATE_ISO_SIZE];
		const char *shown = record_display(r, index, date);

		/* An empty reference shows what stands in for it (a pupil not on
		 * the register) in lists, never in a field to be saved. */
		field_set(ff, shown && r->values[index] ? shown : "",
			  ff->f->type == FIELD_REF ? r->values[index] : NULL);
		ff->locked = (ff->f->flags & (FIELD_FIXED | FIELD_AUTO)) != 0;
	}
	remember_original(fm);
	record_free(&r);
}

/* Is f asked for when a record of type ends (its date, note, end_fields)? */
static bool asked_at_end(const struct record_type *type, const struct field *f)
{
	if (strcmp(f->name, type->end_field) == 0 ||
	    (type->end_note_field != NULL && strcmp(f->name, type->end_note_field) == 0))
		return true;
	for (const char *const *name = type->end_fields; name != NULL && *name != NULL; name++)
		if (strcmp(f->name, *name) == 0)
			return true;
	return false;
}

struct screen *form_end_record(struct ui *ui, const struct record_type *type, const char *id)
{
	struct form *fm = form_new(type, false);
	char today[DATE_ISO_SIZE];
	int kept = 0;

	if (fm == NULL)
		return NULL;
	fm->id = strdup(id);
	fm->ending = true;
	reload_values(fm, ui);
	if (fm->error[0] != '\0') {
		ui_message(ui, true, "%s", fm->error);
		form_destroy(&fm->base);
		return NULL;
	}
	/* Only what ending asks, the date first, today unless changed. */
	for (int i = 0; i < fm->count; i++) {
		struct form_field *ff = &fm->fields[i];

		if (!asked_at_end(type, ff->f)) {
			line_free(&ff->line);
			free(ff->original);
			free(ff->ref_id);
			free(ff->original_ref_id);
			continue;
		}
		fm->fields[kept++] = *ff;
	}
	fm->count = kept;
	for (int i = 0; i < fm->count; i++)
		if (strcmp(fm->fields[i].f->name, type->end_field) == 0 && fm->fields[i].line.len == 0) {
			date_to_iso(smreg_today(ui->s), today);
			date_iso_to_display(today, today);
			field_set(&fm->fields[i], today, NULL);
		}
	{
		char was[sizeof fm->base.title];

		/* "change contact report X" becomes "close contact report X". */
		snprintf(was, sizeof was, "%s", fm->base.title + strlen("change "));
		/* A title too long is cut, as every title is. */
		if (snprintf(fm->base.title, sizeof fm->base.title, "%s %s", type->end_verb, was) < 0)
			fm->base.title[0] = '\0';
	}
	fm->current = 0;
	return &fm->base;
}

struct screen *form_edit_record(struct ui *ui, const struct record_type *type, const char *id)
{
	struct form *fm = form_new(type, false);

	if (fm == NULL)
		return NULL;
	fm->id = strdup(id);
	reload_values(fm, ui);
	if (fm->error[0] != '\0') {
		ui_message(ui, true, "%s", fm->error);
		form_destroy(&fm->base);
		return NULL;
	}
	while (fm->current + 1 < fm->count && fm->fields[fm->current].locked)
		fm->current++;
	fm->fresh = true;
	return &fm->base;
}
