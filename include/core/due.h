/*
 * Due-review warnings, as the schema's due views compute them, cut to
 * what the user's roles may see: someone who may not read pupils sees
 * how many pupils a warning concerns, never who.
 */
#ifndef SMREG_CORE_DUE_H
#define SMREG_CORE_DUE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/date.h"
#include "core/error.h"

struct smreg;

enum severity {
	SEVERITY_OVERDUE,
	SEVERITY_DUE,
	SEVERITY_INFO,
};

/* A set of severities: SEVERITY_BIT(SEVERITY_DUE) | ... */
#define SEVERITY_BIT(severity) (1u << (severity))

/*
 * One warning code, as the rules table in due.c lists it.  The schema's
 * view reads the records; this says what the view may answer and who sees
 * it.  A view that raises several codes has one row for each, together.
 */
struct due_rule {
	const char *code;	   /* e.g. POLICY_OVERDUE */
	const char *view;	   /* the schema's view that raises it, e.g. due_policy */
	const char *register_name; /* whose readers see its warnings by name */
	unsigned severities;	   /* SEVERITY_BITs it may be shown with */
	bool counted;		   /* others see how many pupils, never who */
	/* Its rows are of many registers (d.register), each shown only to
	 * those who may read that row of its own register. */
	bool mixed;
	const char *help; /* what it means, in one line */
};

/* The warning rules, in the order smreg due reads them. */
const struct due_rule *due_rules(size_t *count);

struct due_item {
	char *code; /* e.g. POLICY_OVERDUE */
	enum severity severity;
	char *register_name;	    /* the register of the record */
	char *record_id;	    /* NULL when several records are counted */
	char *school;		    /* the school's name, NULL for every school */
	char *subject;		    /* what: a title, a name, "12 pupils" */
	char *detail;		    /* what is wrong */
	char due_on[DATE_ISO_SIZE]; /* since or until when */
	int count;		    /* records behind this item (1, or more when counted) */
	int warnings;		    /* the warnings folded into it (1 when shown) */
};

struct due_list {
	size_t count;
	struct due_item *items;
	int by_severity[3]; /* warnings of each severity, counted ones included */
};

/*
 * The warnings for today, most urgent first.  within_days >= 0 looks that
 * many days ahead instead of each rule's own warning window; -1 uses the
 * settings.  *out is the caller's, freed with due_list_free().
 */
int due_list(struct smreg *s, int within_days, struct due_list **out,
	     struct error *err);

/* due_list from the schema's views themselves, never the stored rows
 * (schema/020's due_cache): what the cache must always agree with. */
int due_list_from_views(struct smreg *s, int within_days, struct due_list **out,
			struct error *err);

void due_list_free(struct due_list **list);

/* "overdue", "due", "info". */
const char *severity_name(enum severity severity);

#endif
