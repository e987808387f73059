/*
 * FIELD=VALUE as typed on the command line: value_split_assignment on
 * arbitrary bytes (up to the first NUL), then value_parse of the value as
 * a field of every type (a reference to each register that fields refer
 * to, codes of both kinds), and as every field called FIELD, against a
 * scratch register opened once per process.
 *
 * Invariants: the split gives back exactly the text it was given; a value
 * accepted is in its type's canonical form (storable text within its
 * length, an ISO date, yes or no, a listed choice, the id or code of a
 * record that exists, known codes sorted without repeats); a value refused
 * leaves nothing behind and its error names the field.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/record.h"
#include "core/text.h"
#include "core/value.h"
#include "core/private.h"
#include "scratch.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

#define FIELDS_MAX 32

/* One field of each type, and one REF field for each register referred to. */
static const struct field *fields[FIELDS_MAX];
static size_t field_count;

static void die(const struct field *f, const char *what, const char *value)
{
	fprintf(stderr, "fuzz_assignment: %s: %s (value \"%s\")\n", f ? f->name : "", what, value);
	abort();
}

/* Whether a and b exercise the same parsing: the same type, and for a
 * reference the same register, for codes the same kind (fixed choices or
 * consent uses). */
static bool same_parsing(const struct field *a, const struct field *b)
{
	if (a->type != b->type)
		return false;
	if (a->type == FIELD_REF)
		return strcmp(a->target, b->target) == 0;
	if (a->type == FIELD_CODES)
		return (a->choices == NULL) == (b->choices == NULL);
	return true;
}

static bool chosen_already(const struct field *f)
{
	for (size_t i = 0; i < field_count; i++)
		if (same_parsing(fields[i], f))
			return true;
	return false;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	size_t n;
	const struct record_type *const *types = record_types(&n);

	(void)argc;
	(void)argv;
	text_use_utf8_locale();
	scratch_register();
	for (size_t t = 0; t < n; t++)
		for (size_t i = 0; i < types[t]->field_count && field_count < FIELDS_MAX; i++)
			if (!chosen_already(&types[t]->fields[i]))
				fields[field_count++] = &types[t]->fields[i];
	return 0;
}

static void check_split(const char *text, char *copy)
{
	struct assignment a;
	const char *equals = strchr(text, '=');

	if (value_split_assignment(copy, &a) != 0) {
		if (equals != NULL && equals != text)
			die(NULL, "a FIELD=VALUE was not split", text);
		return;
	}
	if (equals == NULL || equals == text)
		die(NULL, "text without a field name was split", text);
	if (a.field[0] == '\0' || strchr(a.field, '=') != NULL)
		die(NULL, "the field name is empty or holds '='", text);
	if (strlen(a.field) != (size_t)(equals - text) ||
	    strncmp(a.field, text, strlen(a.field)) != 0 || strcmp(a.value, equals + 1) != 0)
		die(NULL, "the split does not give back the text", text);
}

static bool record_exists(struct smreg *s, const struct field *f, const char *key)
{
	char sql[128];
	char *found = NULL;
	bool exists;

	snprintf(sql, sizeof sql, "SELECT 1 FROM \"%s\" WHERE \"%s\" = ?", f->target, record_ref_key(f));
	if (db_query_text(s, sql, key, &found, NULL) != STATUS_OK)
		return false;
	exists = found != NULL;
	free(found);
	return exists;
}

static bool is_choice(const struct field *f, const char *value)
{
	for (size_t i = 0; f->choices[i] != NULL; i++)
		if (strcmp(f->choices[i], value) == 0)
			return true;
	return false;
}

/* Each code known, in strictly increasing order, none empty. */
static bool codes_canonical(struct smreg *s, const struct field *f, const char *value)
{
	const struct field as_ref = {.name = f->name, .type = FIELD_REF, .target = f->target};
	char *copy = strdup(value);
	char *previous = NULL;
	bool ok = copy != NULL;

	for (char *save = NULL, *code = ok ? strtok_r(copy, ";", &save) : NULL; code != NULL;
	     code = strtok_r(NULL, ";", &save)) {
		if (previous != NULL && strcmp(previous, code) >= 0)
			ok = false;
		if (f->choices ? !is_choice(f, code) : !record_exists(s, &as_ref, code))
			ok = false;
		previous = code;
	}
	if (ok && (value[0] == ';' || value[strlen(value) - 1] == ';' || strstr(value, ";;")))
		ok = false;
	free(copy);
	return ok;
}

/* A time of day is kept as HH:MM, 00:00 to 23:59. */
static bool is_time(const char *value)
{
	return strlen(value) == 5 && strspn(value, "0123456789") == 2 && value[2] == ':' &&
	       strspn(value + 3, "0123456789") == 2 && atoi(value) < 24 && atoi(value + 3) < 60;
}

/* Text is kept as typed, trimmed and put in NFC. */
static bool same_as_nfc(const char *value, const char *trimmed)
{
	char *nfc = text_nfc(trimmed);
	bool same = nfc != NULL && strcmp(value, nfc) == 0;

	free(nfc);
	return same;
}

static bool canonical_ok(struct smreg *s, const struct field *f, const char *trimmed,
			 const char *value)
{
	struct date d;
	const char *why;
	unsigned invisible;
	char *end;

	switch (f->type) {
	case FIELD_TEXT:
	case FIELD_LONG_TEXT:
		return same_as_nfc(value, trimmed) && text_has_visible(value) &&
		       !((f->flags & FIELD_NAME) && text_find_invisible(value, &invisible)) &&
		       text_is_storable(value, f->type == FIELD_LONG_TEXT, &why) &&
		       strlen(value) <= (f->type == FIELD_LONG_TEXT ? VALUE_LONG_TEXT_MAX : VALUE_TEXT_MAX);
	case FIELD_INTEGER:
		(void)strtoll(value, &end, 10);
		return value[0] != '\0' && *end == '\0';
	case FIELD_DATE:
		return date_from_iso(value, &d);
	case FIELD_YES_NO:
		return strcmp(value, "yes") == 0 || strcmp(value, "no") == 0;
	case FIELD_CHOICE:
		return is_choice(f, value);
	case FIELD_REF:
		return record_exists(s, f, value);
	case FIELD_CODES:
		return codes_canonical(s, f, value);
	case FIELD_TIME:
		return is_time(value);
	}
	return false;
}

/* Empty as value_parse sees it: nothing but white space (and, for codes,
 * separators). */
static bool empty_value(const struct field *f, const char *value)
{
	for (const char *p = value; *p; p++)
		if (!isspace((unsigned char)*p) && !(f->type == FIELD_CODES && (*p == ';' || *p == ',')))
			return false;
	return true;
}

static void check_parse(struct smreg *s, const struct field *f, const char *value)
{
	static char unset[] = "unset";
	char *canonical = unset;
	char *trimmed = text_trimmed(value);
	struct error err = {0};
	int rc = value_parse(s, f, value, &canonical, &err);

	if (trimmed == NULL)
		abort();
	if (canonical == unset)
		die(f, "value_parse left its result unset", value);
	if (rc == STATUS_OK) {
		if ((canonical == NULL) != empty_value(f, trimmed))
			die(f, "an empty value is not NULL, or a NULL value was not empty", value);
		if (canonical != NULL && !canonical_ok(s, f, trimmed, canonical))
			die(f, "an accepted value is not in its canonical form", value);
	} else {
		if (canonical != NULL)
			die(f, "a refused value left a result", value);
		if (err.status != rc || err.text[0] == '\0')
			die(f, "a refusal does not say why", value);
		if (rc == STATUS_INVALID && strcmp(err.field, f->name) != 0)
			die(f, "a refusal does not name the field", value);
	}
	free(canonical);
	free(trimmed);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct smreg *s = scratch_register();
	char *text = malloc(size + 1);
	char *copy = malloc(size + 1);
	struct assignment a;
	size_t n;
	const struct record_type *const *types = record_types(&n);

	if (text == NULL || copy == NULL) {
		free(text);
		free(copy);
		return 0;
	}
	memcpy(text, data, size);
	text[size] = '\0';
	memcpy(copy, text, size + 1);
	check_split(text, copy);
	memcpy(copy, text, size + 1);
	if (value_split_assignment(copy, &a) != 0) {
		a.field = "";
		a.value = copy;
	}
	for (size_t i = 0; i < field_count; i++)
		check_parse(s, fields[i], a.value);
	for (size_t t = 0; t < n; t++) {
		const struct field *f = record_field_find(types[t], a.field);

		if (f != NULL)
			check_parse(s, f, a.value);
	}
	free(text);
	free(copy);
	return 0;
}
