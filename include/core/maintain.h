/* Keeping the file sound: online backup and integrity checks. */
#ifndef SMREG_CORE_MAINTAIN_H
#define SMREG_CORE_MAINTAIN_H

#include "core/error.h"

struct smreg;

/*
 * Copy the register to a new, private file with SQLite's online backup,
 * while others go on working, and check the copy's integrity.  Admins
 * only; path must not exist.
 */
int maintain_backup(struct smreg *s, const char *path, struct error *err);

/*
 * Run SQLite's integrity and foreign-key checks, and check the audit
 * trail's hash chain (audit_verify).  Each problem found is
 * passed to report(text, arg); *problems counts them.
 */
int maintain_check(struct smreg *s, void (*report)(const char *text, void *arg), void *arg,
		   int *problems, struct error *err);

#endif
