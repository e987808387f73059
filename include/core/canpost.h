/*
 * "May I post a photo of these pupils on this channel?": yes only if every
 * pupil has a current consent for the channel's use (and for a name beside
 * the photo when named), no takedown is open for them there, the channel
 * is open and, when a poster is named, they hold an active authorisation
 * to post on it.  Every answer comes with its reasons.
 */
#ifndef SMREG_CORE_CANPOST_H
#define SMREG_CORE_CANPOST_H

#include <stdbool.h>
#include <stddef.h>

#include "core/error.h"

struct smreg;

struct post_reason {
	bool ok;       /* this check passed */
	char *subject; /* the pupil, channel or poster it is about */
	char *text;    /* in words */
};

struct post_answer {
	bool yes;
	size_t count;
	struct post_reason *reasons;
};

struct post_question {
	const char *const *pupils; /* references, as typed */
	size_t pupil_count;
	const char *channel; /* reference, or NULL for an outlet: */
	const char *outlet;  /* the consent use a post there needs */
	const char *poster;  /* reference to a person, or NULL */
	bool named;	     /* the pupils' names go beside the photo */
};

/* Answer the question; *out is the caller's, freed with post_answer_free(). */
int canpost_check(struct smreg *s, const struct post_question *q,
		  struct post_answer **out, struct error *err);

void post_answer_free(struct post_answer **answer);

#endif
