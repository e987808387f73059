/*
 * The register's dates as an iCalendar file (RFC 5545), to subscribe to
 * or import: each policy review, authorisation review, channel sign-off,
 * consent expiry (as counts) and training renewal the user may see, as an
 * all-day event whose UID is made from the record's id and the rule, so
 * that importing again updates events instead of adding them twice.  No
 * SUMMARY holds a pupil's name.
 */
#ifndef SMREG_CORE_ICS_H
#define SMREG_CORE_ICS_H

#include <stdio.h>

#include "core/error.h"

struct smreg;

/* Write the calendar to out, lines ended CRLF and folded at 75 octets. */
int ics_write(struct smreg *s, FILE *out, struct error *err);

#endif
