/*
 * What the fuzzers that need a register share: one scratch register per
 * process, made in a temporary folder at the first call and removed at
 * exit, holding a few records that the inputs' references can name; and
 * the checks run on it after each input.
 */
#ifndef SMREG_TESTS_FUZZ_SCRATCH_H
#define SMREG_TESTS_FUZZ_SCRATCH_H

#include <stdint.h>

#include "core/smreg.h"

#define SCRATCH_TODAY "2026-11-21"

/* The register, opened as login "admin" (roles admin and dsl, so that every
 * register may be written); aborts the process if it cannot be made. */
struct smreg *scratch_register(void);

/* Abort the process, naming what went wrong: libFuzzer keeps the input. */
void scratch_die(const char *what, const char *detail) __attribute__((noreturn));

/* A digest of everything the register holds, its schema included. */
uint64_t scratch_digest(struct smreg *s);

/* Abort unless PRAGMA integrity_check says "ok". */
void scratch_check_integrity(struct smreg *s);

/* Put the register back as scratch_register() first made it. */
void scratch_restore(struct smreg *s);

/* The number of rows of table (a register's name). */
long scratch_count(struct smreg *s, const char *table);

#endif
