/*
 * smreg-writer DB LOGIN add N TAG: add N people, one transaction each,
 *                                  printing "saved K" after each commit.
 * smreg-writer DB LOGIN edit N REF: rename person REF N times, printing
 *                                   "saved K" once each change is committed.
 *
 * For the tests of many writers at once and of being killed at any moment:
 * a process that writes through core, as smreg does, and says exactly which
 * writes it was told were saved.  Built for the tests only, never installed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/edit.h"
#include "core/error.h"
#include "core/record.h"
#include "core/smreg.h"
#include "core/text.h"

static int add_people(struct smreg *s, long n, const char *tag)
{
	const struct record_type *person = record_type_find("person");
	int failures = 0;

	for (long i = 1; i <= n; i++) {
		char name[96];
		struct assignment a[2] = {{"name", name}, {"job_title", tag}};
		struct error err;
		char *id = NULL;

		snprintf(name, sizeof name, "%s %ld", tag, i);
		if (edit_add(s, person, a, 2, &id, &err) != STATUS_OK) {
			fprintf(stderr, "smreg-writer: %s: %s: %s\n", name, err.field, err.text);
			failures++;
			continue;
		}
		free(id);
		printf("saved %ld\n", i);
		fflush(stdout);
	}
	return failures ? STATUS_DATABASE : STATUS_OK;
}

static int rename_person(struct smreg *s, long n, const char *ref)
{
	const struct record_type *person = record_type_find("person");
	char name[96];
	char *current = strdup(ref);
	int failures = 0;

	for (long i = 1; i <= n && current != NULL; i++) {
		struct assignment a = {"name", name};
		struct error err;

		snprintf(name, sizeof name, "Renamed %ld", i);
		if (edit_set(s, person, current, &a, 1, 0, NULL, &err) != STATUS_OK) {
			fprintf(stderr, "smreg-writer: change %ld: %s: %s\n", i, err.field, err.text);
			failures++;
			continue;
		}
		free(current);
		current = strdup(name);
		printf("saved %ld\n", i);
		fflush(stdout);
	}
	free(current);
	return failures ? STATUS_DATABASE : STATUS_OK;
}

int main(int argc, char **argv)
{
	struct smreg_options o = {.need_user = true};
	struct smreg *s = NULL;
	struct error err;
	long n;
	int rc;

	if (argc != 6 || (strcmp(argv[3], "add") != 0 && strcmp(argv[3], "edit") != 0)) {
		fprintf(stderr, "usage: smreg-writer DB LOGIN add|edit N TAG|REF\n");
		return STATUS_USAGE;
	}
	text_use_utf8_locale();
	o.path = argv[1];
	o.login = argv[2];
	n = atol(argv[4]);
	if (smreg_open(&o, &s, &err) != STATUS_OK) {
		fprintf(stderr, "smreg-writer: %s\n", err.text);
		return err.status;
	}
	rc = strcmp(argv[3], "add") == 0 ? add_people(s, n, argv[5]) : rename_person(s, n, argv[5]);
	smreg_close(&s);
	return rc;
}
