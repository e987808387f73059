/* Typed values, understood the same way by every front end. */
#include "core/value.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "core/date.h"
#include "core/ref.h"
#include "core/text.h"
#include "private.h"

int value_split_assignment(char *text, struct assignment *out)
{
	char *equals = strchr(text, '=');

	if (equals == NULL || equals == text)
		return -1;
	*equals = '\0';
	out->field = text;
	out->value = equals + 1;
	return 0;
}

/*
 * Text is stored in NFC, so that "é" typed as one character or as "e" and
 * a combining accent is the same value, found by the same search.  A name
 * (FIELD_NAME) holds no invisible character: two names that look the same
 * must be the same name, or a reference could find the wrong record.
 */
static int parse_text(const struct field *field, const char *text, char **out,
		      struct error *err)
{
	bool multiline = field->type == FIELD_LONG_TEXT;
	size_t max = multiline ? VALUE_LONG_TEXT_MAX : VALUE_TEXT_MAX;
	const char *why;
	unsigned invisible;

	if (!text_is_storable(text, multiline, &why))
		return error_set(err, STATUS_INVALID, field->name, "%s", why);
	if (!text_has_visible(text))
		return error_set(err, STATUS_INVALID, field->name,
				 "has no visible character (only spaces or invisible characters)");
	if ((field->flags & FIELD_NAME) && text_find_invisible(text, &invisible))
		return error_set(err, STATUS_INVALID, field->name,
				 "contains an invisible character (U+%04X): a name must be "
				 "what it shows, so that references find it",
				 invisible);
	*out = text_nfc(text);
	if (*out == NULL)
		return error_set(err, STATUS_DATABASE, NULL, "out of memory");
	if (strlen(*out) > max) {
		size_t len = strlen(*out);

		free(*out);
		*out = NULL;
		return error_set(err, STATUS_INVALID, field->name,
				 "is too long (%zu bytes; at most %zu)", len, max);
	}
	return STATUS_OK;
}

static int parse_integer(const struct field *field, const char *text, char **out,
			 struct error *err)
{
	char *end;
	long long n;
	char buf[32];

	errno = 0;
	n = strtoll(text, &end, 10);
	if (errno != 0 || *end != '\0' || end == text || isspace((unsigned char)text[0]))
		return error_set(err, STATUS_INVALID, field->name,
				 "\"%.40s\" is not a whole number", text);
	snprintf(buf, sizeof buf, "%lld", n);
	*out = strdup(buf);
	return *out ? STATUS_OK : error_set(err, STATUS_DATABASE, NULL, "out of memory");
}

static int parse_date(struct smreg *s, const struct field *field, const char *text,
		      char **out, struct error *err)
{
	struct date d;
	const char *why;
	char why_buf[128];
	char iso[DATE_ISO_SIZE];

	if ((field->flags & FIELD_MONTH_OK) && date_parse_month(text, &d) == 0) {
		date_month_to_iso(d, iso);
		*out = strdup(iso);
		return *out ? STATUS_OK : error_set(err, STATUS_DATABASE, NULL, "out of memory");
	}
	if (date_parse(text, smreg_today(s), &d, &why, why_buf) != 0) {
		/* A typed day that does not exist keeps its own reason. */
		if ((field->flags & FIELD_MONTH_OK) && strncmp(why, "is not a date: type", 19) == 0)
			return error_set(err, STATUS_INVALID, field->name,
					 "\"%.40s\" is not a date or a month: type a day "
					 "(DD/MM/YYYY, YYYY-MM-DD, today, +1y) or a month "
					 "(October 2025, Oct 2025, 10/2025)",
					 text);
		if (strncmp(why, "is ", 3) == 0)
			return error_set(err, STATUS_INVALID, field->name, "\"%.40s\" %s", text, why);
		return error_set(err, STATUS_INVALID, field->name,
				 "\"%.40s\" is not a date: %s", text, why);
	}
	date_to_iso(d, iso);
	*out = strdup(iso);
	return *out ? STATUS_OK : error_set(err, STATUS_DATABASE, NULL, "out of memory");
}

/* "now" (the real clock: a chronology is not a what-if), "9:05" or "09:05". */
static int parse_time(const struct field *field, const char *text, char **out,
		      struct error *err)
{
	unsigned hours, minutes;
	char tail;
	char hhmm[8];

	if (strcasecmp(text, "now") == 0) {
		time_t t = time(NULL);
		struct tm tm;

		if (localtime_r(&t, &tm) == NULL)
			return error_set(err, STATUS_INVALID, field->name, "the clock cannot be read");
		hours = (unsigned)tm.tm_hour;
		minutes = (unsigned)tm.tm_min;
	} else if (sscanf(text, "%2u:%2u%c", &hours, &minutes, &tail) != 2 || !isdigit((unsigned char)text[0]) ||
		   strlen(text) < 4 || hours > 23 || minutes > 59) {
		return error_set(err, STATUS_INVALID, field->name,
				 "\"%.40s\" is not a time of day: give it as HH:MM, e.g. 14:05, or now",
				 text);
	}
	snprintf(hhmm, sizeof hhmm, "%02u:%02u", hours % 24, minutes % 60);
	*out = strdup(hhmm);
	return *out ? STATUS_OK : error_set(err, STATUS_DATABASE, NULL, "out of memory");
}

static int parse_yes_no(const struct field *field, const char *text, char **out,
			struct error *err)
{
	static const char *const yes[] = {"yes", "y", "true", "1", "on", NULL};
	static const char *const no[] = {"no", "n", "false", "0", "off", NULL};

	for (int i = 0; yes[i] != NULL; i++) {
		if (strcasecmp(text, yes[i]) == 0) {
			*out = strdup("yes");
			return *out ? STATUS_OK : error_set(err, STATUS_DATABASE, NULL, "out of memory");
		}
		if (strcasecmp(text, no[i]) == 0) {
			*out = strdup("no");
			return *out ? STATUS_OK : error_set(err, STATUS_DATABASE, NULL, "out of memory");
		}
	}
	return error_set(err, STATUS_INVALID, field->name, "\"%.40s\" is not yes or no", text);
}

/* How much of choice c text matches: any case, spaces for underscores
 * ("master admin"); -1 when text goes on past what matches. */
static long choice_match_length(const char *c, const char *text)
{
	size_t j = 0;

	/* Choices are lower-case codes, but a list of rule codes or school
	 * names is found as typed too. */
	while (c[j] != '\0' && text[j] != '\0' &&
	       (tolower((unsigned char)text[j]) == tolower((unsigned char)c[j]) ||
		(c[j] == '_' && (text[j] == ' ' || text[j] == '-'))))
		j++;
	return text[j] == '\0' ? (long)j : -1;
}

bool value_choice_fits(const char *choice, const char *text)
{
	return choice_match_length(choice, text) >= 0;
}

/* A choice as typed, whole, or (with starts_too) the start of just one
 * ("mast"). */
static const char *match_choice(const char *const *choices, const char *text, bool starts_too)
{
	const char *start = NULL;
	int starts = 0;

	for (int i = 0; choices[i] != NULL; i++) {
		long n = choice_match_length(choices[i], text);

		if (n >= 0 && choices[i][n] == '\0')
			return choices[i];
		if (n > 0) {
			start = choices[i];
			starts++;
		}
	}
	return starts == 1 && starts_too ? start : NULL;
}

static int parse_choice(const struct field *field, const char *text, char **out,
			struct error *err)
{
	const char *choice = match_choice(field->choices, text, true);
	char list[256];

	if (choice == NULL)
		return error_set(err, STATUS_INVALID, field->name, "\"%.40s\" is not %s%s", text,
				 field->choices[1] ? "one of " : "",
				 record_choices_text(field, list, sizeof list));
	*out = strdup(choice);
	return *out ? STATUS_OK : error_set(err, STATUS_DATABASE, NULL, "out of memory");
}

static int parse_ref(struct smreg *s, const struct field *field, const char *text,
		     char **out, struct error *err)
{
	const struct record_type *target = record_type_find(field->target);
	char *id = NULL;
	int rc;

	rc = ref_resolve(s, target, text, field->name, &id, err);
	if (rc != STATUS_OK || strcmp(record_ref_key(field), "id") == 0) {
		*out = id;
		return rc;
	}
	/* Consent uses are referred to by their code, which the schema keys on. */
	rc = db_query_text(s, "SELECT code FROM consent_use WHERE id = ?", id, out, err);
	free(id);
	return rc;
}

/*
 * The codes a field takes that are not fixed in its descriptor: the
 * consent uses, as ";code;code;", read once for a whole value.  *codes
 * is the caller's to free; NULL for a field with fixed choices.
 */
static int known_codes(struct smreg *s, const struct field *field, char **codes,
		       struct error *err)
{
	*codes = NULL;
	if (field->choices != NULL)
		return STATUS_OK;
	return db_query_text(s, "SELECT ';' || group_concat(code, ';') || ';' FROM consent_use",
			     NULL, codes, err);
}

/* Is code one of the codes this field takes?  codes from known_codes(). */
static bool code_known(const struct field *field, const char *codes, const char *code)
{
	size_t len = strlen(code);

	if (field->choices != NULL)
		return match_choice(field->choices, code, false) != NULL;
	for (const char *p = codes ? strstr(codes, code) : NULL; p != NULL; p = strstr(p + 1, code))
		if (p[-1] == ';' && p[len] == ';')
			return true;
	return false;
}

static int code_unknown_error(struct smreg *s, const struct field *field,
			      const char *code, struct error *err)
{
	char list[512];
	char *codes = NULL;

	if (field->choices != NULL)
		return error_set(err, STATUS_INVALID, field->name,
				 "\"%.40s\" is not %s", code,
				 record_choices_text(field, list, sizeof list));
	db_query_text(s, "SELECT group_concat(code, ', ') FROM (SELECT code FROM consent_use ORDER BY code)",
		      NULL, &codes, NULL);
	error_set(err, STATUS_INVALID, field->name,
		  "\"%.40s\" is not a consent use; the uses are %s", code, codes ? codes : "none");
	free(codes);
	return STATUS_INVALID;
}

static int compare_strings(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/*
 * References to records kept by id ("Ann Smith; Ben Jones" for pupils)
 * become their ids, ';'-separated, each once, in the order given.
 */
static int parse_refs(struct smreg *s, const struct field *field, const char *text,
		      char **out, struct error *err)
{
	const struct record_type *target = record_type_find(field->target);
	char *copy = strdup(text);
	char *joined = strdup("");
	int rc = copy && joined ? STATUS_OK : error_set(err, STATUS_DATABASE, NULL, "out of memory");

	for (char *save = NULL, *tok = rc == STATUS_OK ? strtok_r(copy, ";", &save) : NULL;
	     tok != NULL && rc == STATUS_OK; tok = strtok_r(NULL, ";", &save)) {
		char *ref = text_trimmed(tok);
		char *id = NULL;
		char *more;

		if (ref == NULL) {
			rc = error_set(err, STATUS_DATABASE, NULL, "out of memory");
			break;
		}
		if (ref[0] != '\0')
			rc = ref_resolve(s, target, ref, field->name, &id, err);
		free(ref);
		if (rc != STATUS_OK || id == NULL)
			continue;
		/* Ids are UUIDs of one length: one inside another is itself. */
		if (strstr(joined, id) == NULL) {
			more = text_format("%s%s%s", joined, joined[0] ? ";" : "", id);
			if (more == NULL) {
				rc = error_set(err, STATUS_DATABASE, NULL, "out of memory");
			} else {
				free(joined);
				joined = more;
			}
		}
		free(id);
	}
	free(copy);
	if (rc == STATUS_OK && joined[0] != '\0') {
		*out = joined;
		return STATUS_OK;
	}
	free(joined);
	return rc;
}

/* "website; Social_Media,website" becomes "social_media;website". */
static int parse_codes(struct smreg *s, const struct field *field, const char *text,
		       char **out, struct error *err)
{
	char *copy = strdup(text);
	char *known = NULL;
	char *codes[64];
	size_t n = 0;
	size_t len = 0;
	int rc = copy ? known_codes(s, field, &known, err)
		      : error_set(err, STATUS_DATABASE, NULL, "out of memory");

	for (char *save = NULL, *tok = rc == STATUS_OK ? strtok_r(copy, ";,", &save) : NULL;
	     tok != NULL; tok = strtok_r(NULL, ";,", &save)) {
		while (isspace((unsigned char)*tok))
			tok++;
		for (char *end = tok + strlen(tok); end > tok && isspace((unsigned char)end[-1]);)
			*--end = '\0';
		for (char *p = tok; *p; p++)
			*p = (*p == ' ' || *p == '-') ? '_' : (char)tolower((unsigned char)*p);
		if (*tok == '\0')
			continue;
		if (!code_known(field, known, tok)) {
			rc = code_unknown_error(s, field, tok, err);
			break;
		}
		if (n == sizeof codes / sizeof codes[0]) {
			rc = error_set(err, STATUS_INVALID, field->name, "has too many codes");
			break;
		}
		codes[n++] = tok;
	}
	if (rc == STATUS_OK) {
		qsort(codes, n, sizeof codes[0], compare_strings);
		for (size_t i = 0; i < n; i++)
			len += strlen(codes[i]) + 1;
		*out = n ? malloc(len) : NULL;
		if (n && *out == NULL)
			rc = error_set(err, STATUS_DATABASE, NULL, "out of memory");
	}
	if (rc == STATUS_OK && n) {
		char *o = *out;

		for (size_t i = 0; i < n; i++) {
			size_t code_len = strlen(codes[i]);

			if (i > 0 && strcmp(codes[i], codes[i - 1]) == 0)
				continue;
			/* Copied, not printed: an import parses this on every row. */
			if (o != *out)
				*o++ = ';';
			memcpy(o, codes[i], code_len + 1);
			o += code_len;
		}
	}
	free(copy);
	free(known);
	return rc;
}

int value_parse(struct smreg *s, const struct field *field, const char *raw,
		char **canonical, struct error *err)
{
	char *text = text_trimmed(raw ? raw : "");
	int rc;

	*canonical = NULL;
	if (text == NULL)
		return error_set(err, STATUS_DATABASE, NULL, "out of memory");
	if (text[0] == '\0') {
		free(text);
		return STATUS_OK;
	}
	switch (field->type) {
	case FIELD_TEXT:
	case FIELD_LONG_TEXT:
		rc = parse_text(field, text, canonical, err);
		break;
	case FIELD_INTEGER:
		rc = parse_integer(field, text, canonical, err);
		break;
	case FIELD_DATE:
		rc = parse_date(s, field, text, canonical, err);
		break;
	case FIELD_YES_NO:
		rc = parse_yes_no(field, text, canonical, err);
		break;
	case FIELD_CHOICE:
		rc = parse_choice(field, text, canonical, err);
		break;
	case FIELD_REF:
		rc = parse_ref(s, field, text, canonical, err);
		break;
	case FIELD_CODES:
		rc = field->target != NULL && strcmp(record_ref_key(field), "id") == 0
			     ? parse_refs(s, field, text, canonical, err)
			     : parse_codes(s, field, text, canonical, err);
		break;
	case FIELD_TIME:
		rc = parse_time(field, text, canonical, err);
		break;
	default:
		rc = error_set(err, STATUS_INVALID, field->name, "has an unknown type");
		break;
	}
	free(text);
	return rc;
}
