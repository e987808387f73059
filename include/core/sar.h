/*
 * A subject-access bundle: everything the register holds about one pupil
 * or person, as a self-contained HTML page or JSON.  Safeguarding records
 * (contact reports and their chronology) are a separate section for the
 * DSL to review before release, with third parties' names marked; a role
 * that may not read them is told they exist and who must add them.
 */
#ifndef SMREG_CORE_SAR_H
#define SMREG_CORE_SAR_H

#include <stdio.h>

#include "core/error.h"

struct smreg;

enum sar_format {
	SAR_HTML,
	SAR_JSON
};

/*
 * Write the bundle about ref to out.  type_name ("pupil", "person") may be
 * NULL: ref is then looked for among every register of data subjects, and
 * a name both hold is refused as ambiguous.  For the admin and the DSL;
 * the request is recorded in the audit trail.
 */
int sar_write(struct smreg *s, const char *type_name, const char *ref, enum sar_format format,
	      FILE *out, struct error *err);

#endif
