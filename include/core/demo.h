/*
 * A fictional school (or trust of schools) to look around in, and to
 * measure smreg against: names in many scripts, dates spread over ten
 * years so that every warning rule fires somewhere.
 */
#ifndef SMREG_CORE_DEMO_H
#define SMREG_CORE_DEMO_H

#include "core/error.h"

struct smreg;

#define DEMO_SCALE_MAX 200

/*
 * Fill a register that holds no records yet.  scale 1 is one primary
 * school (400 pupils, 60 staff, 6 channels, 25 policies, 200 contact
 * reports); scale 50 a trust of 50 schools with ten years of history;
 * up to scale 200, a trust of 200 (400,000 reports, 4,000,000 audit rows).
 * The register's user must be an admin.
 */
int demo_fill(struct smreg *s, int scale, struct error *err);

#endif
