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
		cmocka_unit_test(a_name_that_is_no_field_begins_with_a_capital),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
