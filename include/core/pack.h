/*
 * The statutory policy pack: the DfE's lists of the policies maintained
 * schools and academy trusts must have (data/statutory-policies.tsv, built
 * into smreg), the one a register follows, and which of it the register
 * holds.
 */
#ifndef SMREG_CORE_PACK_H
#define SMREG_CORE_PACK_H

#include <stdbool.h>
#include <stddef.h>

#include "core/error.h"

struct smreg;

enum pack_kind {
	PACK_MAINTAINED,
	PACK_ACADEMY,
};

/* "maintained" or "academy" into *kind; otherwise STATUS_USAGE naming
 * field (an option, say "--policies"). */
int pack_kind_parse(const char *text, const char *field, enum pack_kind *kind,
		    struct error *err);

const char *pack_kind_name(enum pack_kind kind);

struct pack_policy {
	char *code;	  /* e.g. child_protection */
	char *title;	  /* the title a new policy is given */
	int cycle_months; /* between reviews */
	bool live;	  /* a live document, kept up to date as things change */
	char *approver;
	bool held;	/* every school holds it (a policy bears one of its titles) */
	char *added_id; /* the policy pack_adopt added, or NULL */
};

struct pack_list {
	char *kind; /* "maintained", "academy", or NULL when none is chosen */
	size_t count;
	struct pack_policy *items; /* in the pack's order */
	size_t added;		   /* how many pack_adopt added */
};

/* The pack the register follows and how it stands; *out (count 0 and no
 * kind when none is chosen) is the caller's, freed with pack_list_free. */
int pack_status(struct smreg *s, struct pack_list **out, struct error *err);

/*
 * Follow kind's pack, and add each of its policies the register does not
 * hold, for every school, as a statutory draft whose approval is due
 * today.  One transaction; with dry_run, nothing is kept, and *out says
 * what would have been added.  Only those who may add policies may.
 */
int pack_adopt(struct smreg *s, enum pack_kind kind, bool dry_run, struct pack_list **out,
	       struct error *err);

/* Follow kind's list and add nothing, inside a write transaction the
 * caller holds: the demonstration, whose school lacks some policies. */
int pack_follow(struct smreg *s, enum pack_kind kind, struct error *err);

void pack_list_free(struct pack_list **list);

#endif
