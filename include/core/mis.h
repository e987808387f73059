/*
 * Pupil lists as a school's MIS (SIMS, Arbor, Bromcom) exports them.  The
 * column names are not in the code: they are read from a data file
 * (data/mis-columns.tsv, installed as $(DATADIR)/mis-columns.tsv) that
 * cites where each comes from.
 */
#ifndef SMREG_CORE_MIS_H
#define SMREG_CORE_MIS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/error.h"
#include "core/record.h"

struct smreg;

/* What an import did, or would do, to one pupil. */
enum mis_change {
	MIS_ADD,
	MIS_CHANGE,
	MIS_MISSING,
	MIS_WITHDRAW,
	MIS_KEEP
};

struct mis_options {
	const char *system;   /* "sims", "arbor", "bromcom": a system of the columns file */
	const char *columns;  /* the columns file's text */
	const char *school;   /* the school REF, or NULL for the only one */
	bool dry_run;	      /* report, keep nothing */
	bool full;	      /* a full export: pupils missing from it leave */
	const char *leave_on; /* their leaving date (as typed; NULL: today) */
	/* Told each add, change (detail: "field: old -> new; ...") and
	 * pupil missing from the file (detail: the leaving date offered). */
	void (*report)(enum mis_change change, const char *name, const char *detail, void *arg);
	void *arg;
};

/*
 * Import the pupil list data (CSV as the MIS wrote it) into type, in one
 * transaction: every row or none.  Pupils are matched on UPN, then on MIS
 * id within the school; a match is changed to what the file says, anyone
 * else added.  Each bad row adds an error with its line to *errors.
 *
 * For a register of consents (type->mis), data is the MIS's parental-
 * consent answers, a row a pupil a consent type.  The types are mapped to
 * consent uses by the columns file ("use:CODE" lines; "ignore" for those
 * not about media; else a type named as a use is that use), an unknown
 * type or answer refused.  Each pupil's answers are laid over the consent
 * that counts for them: more uses add a new consent; fewer add one with
 * what is left and withdraw the old (edit_end's path: its takedowns);
 * none left withdraws it.  A register consent newer than the answers is
 * kept.  Reported as MIS_ADD, MIS_CHANGE, MIS_WITHDRAW, MIS_KEEP.
 */
int mis_import(struct smreg *s, const struct record_type *type, const struct mis_options *o,
	       const char *data, size_t len, struct error_list *errors, struct error *err);

#endif
