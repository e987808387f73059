/* Operations on one record, shared by the register and detail screens. */
#include "tui/ops.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/access.h"
#include "core/date.h"
#include "core/edit.h"
#include "core/smreg.h"
#include "core/store.h"
#include "tui/form.h"
#include "tui/prompt.h"

bool ops_can_read(struct ui *ui, const struct record_type *type)
{
	return (access_mine(ui->s, type) & CAN_READ_ANY) != 0;
}

bool ops_can_add(struct ui *ui, const struct record_type *type)
{
	return (access_mine(ui->s, type) & (CAN_WRITE | CAN_ADD_OWN)) != 0 &&
	       !(type->flags & RECORD_FIXED_SET);
}

bool ops_can_write(struct ui *ui, const struct record_type *type)
{
	return (access_mine(ui->s, type) & CAN_WRITE) != 0;
}

bool ops_can_end(struct ui *ui, const struct record *r)
{
	return r != NULL && r->type->end_field != NULL && ops_can_write(ui, r->type) &&
	       r->values[record_field_index(r->type, r->type->end_field)] == NULL;
}

void ops_new(struct ui *ui, const struct record_type *type, const struct assignment *presets,
	     size_t preset_count)
{
	struct screen *s = form_new_record(ui, type, presets, preset_count);

	if (s != NULL)
		ui_push(ui, s);
}

void ops_edit(struct ui *ui, const struct record_type *type, const char *id)
{
	struct screen *s = form_edit_record(ui, type, id);

	if (s != NULL)
		ui_push(ui, s);
}

/* What ending a record needs carried between its questions. */
struct end_request {
	const struct record_type *type;
	char id[64];
	char title[256];
	char date[64];
	char note[1024]; /* the note as it stands, then as said */
	bool ask_by;	 /* who did it: the user has no person to be */
};

static void finish_end(struct ui *ui, struct end_request *r, const char *note, const char *by)
{
	struct error err;
	char verb[320];

	snprintf(verb, sizeof verb, "Cannot %s %s", r->type->end_verb, r->title);
	if (edit_end_by(ui->s, r->type, r->id, r->date, note, by, NULL, &err) != STATUS_OK) {
		ui_error_in(ui, verb, r->type, &err);
		return;
	}
	ui_changed(ui);
	ui_message(ui, false, "%c%s: %s.", toupper((unsigned char)r->type->end_past[0]),
		   r->type->end_past + 1, r->title);
	if (r->type->end_follow_up == END_REVOKE_HELD &&
	    edit_follow_up_count(ui->s, r->type, r->id) > 0)
		ops_offer_revoke_all(ui, r->id, r->title, r->date);
}

/* A prompt frees what it was given: the next question needs its own copy. */
static struct end_request *copy_of(const struct end_request *r)
{
	struct end_request *copy = malloc(sizeof *copy);

	if (copy != NULL)
		*copy = *r;
	return copy;
}

static void by_given(struct screen *s, struct ui *ui, const char *text, void *arg)
{
	struct end_request *r = arg;

	(void)s;
	finish_end(ui, r, r->note, text);
}

/* The register keeps who ended it: ask, as the user is no person in it. */
static void ask_by(struct ui *ui, struct end_request *r)
{
	const struct field *by = NULL;
	struct end_request *copy;
	char question[300];

	for (size_t i = 0; i < r->type->field_count && by == NULL; i++)
		if (r->type->fields[i].flags & FIELD_ENDED_BY)
			by = &r->type->fields[i];
	copy = copy_of(r);
	if (copy == NULL)
		return;
	snprintf(question, sizeof question, "%s (a %s's name, or part of it):", by->label, by->target);
	prompt_text(ui, question, "", HINT_NONE, by_given, copy, free);
}

static void note_given(struct screen *s, struct ui *ui, const char *text, void *arg)
{
	struct end_request *r = arg;

	(void)s;
	snprintf(r->note, sizeof r->note, "%s", text);
	if (r->ask_by)
		ask_by(ui, r);
	else
		finish_end(ui, r, r->note, NULL);
}

static void date_given(struct screen *s, struct ui *ui, const char *text, void *arg)
{
	struct end_request *r = arg;
	const struct field *note;
	struct end_request *copy;
	char question[400];

	(void)s;
	snprintf(r->date, sizeof r->date, "%s", text);
	if (r->type->end_note_field == NULL) {
		if (r->ask_by)
			ask_by(ui, r);
		else
			finish_end(ui, r, NULL, NULL);
		return;
	}
	copy = copy_of(r);
	if (copy == NULL)
		return;
	note = record_field_find(r->type, r->type->end_note_field);
	if (note->help != NULL)
		snprintf(question, sizeof question, "%s (%s):", note->label, note->help);
	else
		snprintf(question, sizeof question, "%s:", note->label);
	/* The note as it stands, to keep or add to: never lost by Enter. */
	prompt_text(ui, question, copy->note, HINT_NONE, note_given, copy, free);
}

void ops_end(struct ui *ui, const struct record *record)
{
	const struct record_type *type = record->type;
	struct end_request *r;
	char question[400];
	char today[DATE_ISO_SIZE];

	if (type->end_field == NULL)
		return;
	/* An ending that asks more than a date and a note is one form. */
	if (type->end_fields != NULL) {
		struct screen *form = form_end_record(ui, type, record->id);

		if (form != NULL)
			ui_push(ui, form);
		return;
	}
	r = calloc(1, sizeof *r);
	if (r == NULL)
		return;
	r->type = type;
	snprintf(r->id, sizeof r->id, "%s", record->id);
	snprintf(r->title, sizeof r->title, "%s", record->title ? record->title : type->label);
	if (type->end_note_field != NULL) {
		const char *now = record->values[record_field_index(type, type->end_note_field)];

		snprintf(r->note, sizeof r->note, "%s", now ? now : "");
	}
	for (size_t i = 0; i < type->field_count; i++)
		if ((type->fields[i].flags & FIELD_ENDED_BY) && record->values[i] == NULL &&
		    smreg_person_id(ui->s) == NULL)
			r->ask_by = true;
	date_to_iso(smreg_today(ui->s), today);
	date_iso_to_display(today, today);
	snprintf(question, sizeof question, "%c%s: %s on which date?",
		 toupper((unsigned char)type->end_verb[0]), type->end_verb + 1, r->title);
	prompt_text(ui, question, today, HINT_DATE, date_given, r, free);
}

struct revoke_request {
	char person_id[64];
	char date[64];
};

static void revoke_confirmed(struct screen *s, struct ui *ui, int key, void *arg)
{
	struct revoke_request *r = arg;
	struct error err;
	int count = 0;

	(void)s;
	(void)key;
	if (edit_revoke_all(ui->s, r->person_id, r->date, "left", &count, &err) != STATUS_OK) {
		ui_error(ui, "Cannot revoke", &err);
		return;
	}
	ui_changed(ui);
	ui_message(ui, false, "Revoked %d authorisation%s.", count, count == 1 ? "" : "s");
}

void ops_offer_revoke_all(struct ui *ui, const char *person_id, const char *name,
			  const char *date)
{
	struct revoke_request *r = calloc(1, sizeof *r);
	char question[400];
	long held = edit_follow_up_count(ui->s, record_type_find("person"), person_id);

	if (r == NULL)
		return;
	snprintf(r->person_id, sizeof r->person_id, "%s", person_id);
	snprintf(r->date, sizeof r->date, "%s", date ? date : "today");
	snprintf(question, sizeof question, "%s still holds %ld authorisation%s. Revoke them all from %s?",
		 name, held, held == 1 ? "" : "s", r->date);
	prompt_confirm(ui, question, revoke_confirmed, r, free);
}

struct delete_request {
	const struct record_type *type;
	char id[64];
	char title[256];
};

static void delete_confirmed(struct screen *s, struct ui *ui, int key, void *arg)
{
	struct delete_request *r = arg;
	struct error err;

	(void)s;
	(void)key;
	if (edit_delete(ui->s, r->type, r->id, "deleted in smreg", &err) != STATUS_OK) {
		ui_error_in(ui, "Not deleted", r->type, &err);
		return;
	}
	ui_changed(ui);
	ui_message(ui, false, "Deleted %s.", r->title);
}

void ops_delete(struct ui *ui, const struct record_type *type, const char *id, const char *title)
{
	struct delete_request *r = calloc(1, sizeof *r);
	char question[400];

	if (r == NULL)
		return;
	r->type = type;
	snprintf(r->id, sizeof r->id, "%s", id);
	snprintf(r->title, sizeof r->title, "%s", title ? title : type->label);
	snprintf(question, sizeof question,
		 "Delete %s for good? Only for a record entered by mistake; the audit trail keeps it.",
		 r->title);
	prompt_confirm(ui, question, delete_confirmed, r, free);
}
