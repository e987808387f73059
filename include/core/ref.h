/*
 * References: a record named by its id (or the start of it) or by an
 * unambiguous name — a person's or pupil's name, a school's name or code,
 * a channel as platform:account, a policy's title.
 */
#ifndef SMREG_CORE_REF_H
#define SMREG_CORE_REF_H

#include <stddef.h>

#include "core/error.h"
#include "core/record.h"

struct smreg;

/*
 * Find the one record of type that text names, among those the user may
 * see.  On success *id is the caller's.  An unknown name is
 * STATUS_INVALID "no TYPE called ..."; an ambiguous one STATUS_INVALID
 * listing the candidates with their ids.  The error's field is `field`.
 */
int ref_resolve(struct smreg *s, const struct record_type *type,
		const char *text, const char *field, char **id,
		struct error *err);

/* A suggestion for type-ahead pickers. */
struct ref_candidate {
	char *id;
	char *title;
	int ended;
};

/*
 * Up to max records of type whose name contains text (all when text is
 * empty), open ones first; *out is the caller's, freed with
 * ref_candidates_free().  Returns the number found, or -1 with err set.
 */
int ref_suggest(struct smreg *s, const struct record_type *type,
		const char *text, int max, struct ref_candidate **out,
		struct error *err);

void ref_candidates_free(struct ref_candidate *candidates, int count);

/* The title of the record of type with this id into a new string, or
 * NULL when there is none. */
char *ref_title(struct smreg *s, const struct record_type *type,
		const char *id);

#endif
