/* JSON strings (core/json.h): any text, even hostile, stays data. */
#include "fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/json.h"

/* s as json_write_string writes it; the caller frees it. */
static char *written(const char *s)
{
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);

	assert_non_null(out);
	json_write_string(out, s);
	assert_int_equal(fclose(out), 0);
	return text;
}

static void expect_json(const char *s, const char *json)
{
	char *got = written(s);

	assert_string_equal(got, json);
	free(got);
}

static void plain_text_and_null(void **state)
{
	(void)state;
	expect_json(NULL, "null");
	expect_json("", "\"\"");
	expect_json("Robert'); DROP TABLE pupil;--", "\"Robert'); DROP TABLE pupil;--\"");
	expect_json("say \"hi\" \\ bye", "\"say \\\"hi\\\" \\\\ bye\"");
	expect_json("Zo\xC3\xAB \xE6\x9D\x8E \xF0\x9F\x98\x80", "\"Zo\xC3\xAB \xE6\x9D\x8E \xF0\x9F\x98\x80\"");
}

static void controls_are_escaped(void **state)
{
	(void)state;
	expect_json("a\nb\tc\rd", "\"a\\nb\\tc\\rd\"");
	expect_json("\x1B[2J\x1B]0;pwned\x07", "\"\\u001b[2J\\u001b]0;pwned\\u0007\"");
	expect_json("del\x7F", "\"del\\u007f\"");
}

/* Found by tests/cli/test_hostile.sh: a C1 control (a CSI, as UTF-8) and
 * a mark that reverses the text went out as they were, and a byte that is
 * not UTF-8 made the whole export invalid JSON. */
static void c1_controls_bidi_marks_and_bad_bytes(void **state)
{
	(void)state;
	expect_json("a\xC2\x9B"
		    "2Jb",
		    "\"a\\u009b2Jb\"");
	expect_json("abc\xE2\x80\xAE"
		    "def",
		    "\"abc\\u202edef\"");
	expect_json("\xE2\x81\xA6x\xE2\x81\xA9", "\"\\u2066x\\u2069\"");
	expect_json("line\xE2\x80\xA8sep", "\"line\\u2028sep\"");
	expect_json("\xFF"
		    "A",
		    "\"\\ufffdA\"");
	expect_json("caf\xC3", "\"caf\\ufffd\"");
	expect_json("\xC0\xAF", "\"\\ufffd\\ufffd\"");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(plain_text_and_null),
		cmocka_unit_test(controls_are_escaped),
		cmocka_unit_test(c1_controls_bidi_marks_and_bad_bytes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
