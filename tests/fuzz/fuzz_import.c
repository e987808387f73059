/*
 * Whole-file import: the input after its first byte is a CSV file given to
 * transfer_import, into a scratch register opened once per process.  The
 * first byte chooses the register (its low three bits: 0 school, 1 person,
 * 2 channel, 3 pupil, 4 consent, 5 policy, 6 contact, 7 authorisation) and
 * whether the import is a dry run (bit 3); so "0".."7" import for real and
 * "8".."?" try, which keeps the seed files readable.
 *
 * Invariants, after every input: PRAGMA integrity_check says ok; an import
 * refused, or a dry run, leaves the register exactly as it was; a refusal
 * has a reason and an import kept has none; an import kept adds exactly
 * the rows it counted.  A kept import is then undone by copying the
 * register back, so that every input meets the same register.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/record.h"
#include "core/text.h"
#include "core/transfer.h"
#include "scratch.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

static const char *const registers[] = {
	"school",
	"person",
	"channel",
	"pupil",
	"consent",
	"policy",
	"contact",
	"authorisation",
};

static uint64_t pristine_digest;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	text_use_utf8_locale();
	pristine_digest = scratch_digest(scratch_register());
	return 0;
}

static void check_outcome(struct smreg *s, const char *name, int rc, bool dry_run,
			  long rows, long before, const struct error_list *errors,
			  const struct error *err)
{
	scratch_check_integrity(s);
	if (rc != STATUS_OK && err->text[0] == '\0')
		scratch_die("an import was refused without a reason", name);
	if (rc == STATUS_OK && errors->count != 0)
		scratch_die("an import was kept although rows were wrong", name);
	if (rc != STATUS_OK || dry_run) {
		if (scratch_digest(s) != pristine_digest)
			scratch_die("an import refused or tried changed the register", name);
		return;
	}
	if (rows < 0 || scratch_count(s, name) != before + rows)
		scratch_die("an import added another number of rows than it counted", name);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct smreg *s = scratch_register();
	const char *name;
	bool dry_run;
	struct error_list errors = {0};
	struct error err = {0};
	long rows = -1;
	long before;
	int rc;

	if (size == 0)
		return 0;
	name = registers[data[0] & 7];
	dry_run = (data[0] & 8) != 0;
	before = scratch_count(s, name);
	rc = transfer_import(s, record_type_find(name), (const char *)data + 1, size - 1,
			     dry_run, &rows, &errors, &err);
	check_outcome(s, name, rc, dry_run, rows, before, &errors, &err);
	if (rc == STATUS_OK && !dry_run) {
		scratch_restore(s);
		if (scratch_digest(s) != pristine_digest)
			scratch_die("the register was not put back after an import", name);
	}
	error_list_clear(&errors);
	return 0;
}
