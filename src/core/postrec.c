/* A post asks may-I-post when it is recorded, and keeps the answer. */
#include "core/postrec.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/canpost.h"
#include "core/text.h"
#include "private.h"

/* The value of the field called name, or NULL. */
static const char *value_of(const struct record_type *type, char **values, const char *name)
{
	int i = record_field_index(type, name);

	return i < 0 ? NULL : values[i];
}

/* The ';'-separated ids as an array pointing into copy (the caller's). */
static size_t split_ids(char *copy, const char **ids, size_t max)
{
	size_t n = 0;

	for (char *save = NULL, *tok = copy ? strtok_r(copy, ";", &save) : NULL;
	     tok != NULL && n < max; tok = strtok_r(NULL, ";", &save))
		ids[n++] = tok;
	return n;
}

/* "yes" or "no", then each reason as "subject: text"; the caller frees it.
 * A "no" lists only the reasons that said no. */
static char *answer_text(const struct post_answer *a)
{
	char *text = strdup(a->yes ? "yes" : "no");

	for (size_t i = 0; text != NULL && i < a->count; i++) {
		char *more;

		if (!a->yes && a->reasons[i].ok)
			continue;
		more = text_format("%s%s %s: %s", text, strchr(text, ':') ? ";" : ":",
				   a->reasons[i].subject, a->reasons[i].text);
		free(text);
		text = more;
	}
	return text;
}

int postrec_ask(struct smreg *s, const struct record_type *type, char **values,
		struct error *err)
{
	const char *ids[64];
	char *copy = NULL;
	const char *pupils = value_of(type, values, "pupils");
	const char *named = value_of(type, values, "named");
	const char *override = value_of(type, values, "override");
	struct post_question q = {
		.channel = value_of(type, values, "channel"),
		.outlet = value_of(type, values, "outlet"),
		.poster = value_of(type, values, "posted_by"),
		.named = named != NULL && strcmp(named, "yes") == 0,
		.pupils = ids,
	};
	struct post_answer *a = NULL;
	int answer = record_field_index(type, "answer");
	char *text;
	int rc;

	if (q.channel == NULL && q.outlet == NULL)
		return error_set(err, STATUS_INVALID, "channel",
				 "is required: name the channel, or the outlet (newsletter, press...)");
	if (q.channel != NULL && q.outlet != NULL)
		return error_set(err, STATUS_INVALID, "outlet",
				 "a post is on a channel or an outlet, not both");
	if (values[answer] != NULL)
		return error_set(err, STATUS_INVALID, "answer",
				 "is may-I-post's answer, worked out when the post is recorded");
	if (pupils != NULL && strlen(pupils) > 37 * (sizeof ids / sizeof ids[0]))
		return error_set(err, STATUS_INVALID, "pupils", "names more than %zu pupils",
				 sizeof ids / sizeof ids[0]);
	copy = pupils ? strdup(pupils) : NULL;
	if (pupils != NULL && copy == NULL)
		return error_set(err, STATUS_DATABASE, NULL, "out of memory");
	q.pupil_count = split_ids(copy, ids, sizeof ids / sizeof ids[0]);
	if (q.pupil_count == 0) {
		/* No child shown: no consent to ask about. */
		free(copy);
		values[answer] = strdup("yes: no pupil shown");
		return values[answer] ? STATUS_OK : error_set(err, STATUS_DATABASE, NULL, "out of memory");
	}
	rc = canpost_check(s, &q, &a, err);
	free(copy);
	if (rc != STATUS_OK)
		return rc;
	text = answer_text(a);
	if (text == NULL)
		rc = error_set(err, STATUS_DATABASE, NULL, "out of memory");
	else if (!a->yes && override == NULL)
		rc = error_set(err, STATUS_INVALID, "override",
			       "may I post? says %s; give the reason to record it anyway "
			       "(override=REASON)",
			       text);
	else if (a->yes && override != NULL)
		rc = error_set(err, STATUS_INVALID, "override",
			       "is for a post may I post? says no to; it says yes");
	post_answer_free(&a);
	if (rc != STATUS_OK) {
		free(text);
		return rc;
	}
	values[answer] = text;
	return STATUS_OK;
}

bool postrec_worked_out(const struct record_type *type, const char *field)
{
	return type->add_check == ADD_ASKS_MAY_POST && strcmp(field, "answer") == 0;
}

/* The fields may-I-post asks about. */
static const char *const asked[] = {"channel", "outlet", "pupils", "named", "posted_by", NULL};

bool postrec_reasks(const struct record_type *type, char *const *current, char *const *values,
		    const bool *given)
{
	for (int i = 0; asked[i] != NULL; i++) {
		int f = record_field_index(type, asked[i]);

		/* A form gives back what it did not change: that asks nothing. */
		if (f >= 0 && given[f] &&
		    ((current[f] == NULL) != (values[f] == NULL) ||
		     (current[f] != NULL && strcmp(current[f], values[f]) != 0)))
			return true;
	}
	return false;
}

int postrec_reask(struct smreg *s, const struct record_type *type, char *const *current,
		  char **values, bool *given, struct error *err)
{
	int answer = record_field_index(type, "answer");
	int override = record_field_index(type, "override");
	/* The post as it will be: pointers into current[] and values[], owned
	 * there; only the answer worked out here is new. */
	char **merged;
	int rc;

	if (!postrec_reasks(type, current, values, given))
		return STATUS_OK;
	merged = calloc(type->field_count, sizeof *merged);
	if (merged == NULL)
		return error_set(err, STATUS_DATABASE, NULL, "out of memory");
	for (size_t i = 0; i < type->field_count; i++)
		merged[i] = given[i] ? values[i] : current[i];
	/* A new answer: an earlier override does not answer for it. */
	merged[answer] = NULL;
	merged[override] = given[override] ? values[override] : NULL;
	rc = postrec_ask(s, type, merged, err);
	if (rc == STATUS_OK) {
		free(values[answer]);
		values[answer] = merged[answer];
		given[answer] = true;
		given[override] = true; /* NULL when none: the old one goes */
	}
	free(merged);
	return rc;
}
