/* Core's messages in the words of the screen (core/wording.h). */
#include "fixture.h"

#include <string.h>

#include "core/record.h"
#include "core/wording.h"

static const char *worded(const char *type, const char *field, const char *text, char *buf,
			  size_t len)
{
	struct error err;

	error_set(&err, STATUS_INVALID, field, "%s", text);
	return wording_error(record_type_find(type), &err, buf, len);
}

/* Seen on screen: "left_on: is before started_on". */
static void fields_are_named_by_their_labels(void **state)
{
	char buf[256];

	(void)state;
	assert_string_equal(worded("person", "left_on", "is before started_on", buf, sizeof buf),
			    "Left: is before Started");
	assert_string_equal(worded("person", "started_on", "\"31/02/2019\" is not a date", buf,
				   sizeof buf),
			    "Started: \"31/02/2019\" is not a date");
}

/* A rule across fields names the field it means after "as", with or
 * without an underscore in its name. */
static void a_field_named_after_as_is_named_by_its_label(void **state)
{
	char buf[256];

	(void)state;
	assert_string_equal(worded("contact", "pupil", "name the pupil, from the register or as "
						       "pupil_name, or the member of staff as concerns",
				   buf, sizeof buf),
			    "Pupil: name the pupil, from the register or as Pupil's name, or the "
			    "member of staff as Member of staff");
	/* "has" is no "as". */
	assert_string_equal(worded("contact", "parent_informed_on", "a parent or carer told has "
								    "parent_informed yes",
				   buf, sizeof buf),
			    "Parent told on: a parent or carer told has Parent informed yes");
}

/* The reason the audit keeps is no field of the register: it still reads
 * as a word, not as a column. */
static void a_name_that_is_no_field_begins_with_a_capital(void **state)
{
	char buf[256];

	(void)state;
	assert_string_equal(worded("contact", "reason", "is blank", buf, sizeof buf),
			    "Reason: is blank");
	assert_string_equal(worded("contact", "", "the record changed", buf, sizeof buf),
			    "the record changed");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fields_are_named_by_their_labels),
		cmocka_unit_test(a_field_named_after_as_is_named_by_its_label),
		cmocka_unit_test(a_name_that_is_no_field_begins_with_a_capital),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
