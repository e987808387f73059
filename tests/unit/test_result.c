/* The output layer (core/result.h) that list, show, export and the reports share. */
#include "fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/result.h"

static const struct column columns[] = {
	{"name", "Name", 0, COLUMN_TEXT},
	{"mfa", "MFA", 3, COLUMN_YES_NO},
	{"count", "Count", 5, COLUMN_NUMBER},
};

/* rows (three cells each) printed in format; the caller frees the text. */
static char *printed(enum output_format format, const char *const rows[][3], size_t n)
{
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	struct result *r;

	assert_non_null(out);
	r = result_new(columns, 3, format, out);
	assert_non_null(r);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(result_add(r, rows[i]), 0);
	result_finish(&r);
	assert_null(r);
	assert_int_equal(fclose(out), 0);
	return text;
}

/* JSON gives yes/no and numbers their types, and an empty cell is null;
 * text that only looks like a number in a number column stays a string. */
static void json_cells_have_their_types(void **state)
{
	const char *const rows[][3] = {
		{"Year 6 \"trip\"", "yes", "12"},
		{NULL, "no", "-3"},
		{"x", "", "1; DROP"},
	};
	char *json = printed(OUTPUT_JSON, rows, 3);

	(void)state;
	assert_string_equal(json,
			    "[\n  {\"name\": \"Year 6 \\\"trip\\\"\", \"mfa\": true, \"count\": 12},"
			    "\n  {\"name\": null, \"mfa\": false, \"count\": -3},"
			    "\n  {\"name\": \"x\", \"mfa\": null, \"count\": \"1; DROP\"}\n]\n");
	free(json);
}

static void nothing_to_print_is_an_empty_list(void **state)
{
	char *json = printed(OUTPUT_JSON, NULL, 0);
	char *csv = printed(OUTPUT_CSV, NULL, 0);

	(void)state;
	assert_string_equal(json, "[]\n");
	assert_string_equal(csv, "name,mfa,count\n");
	free(json);
	free(csv);
}

/* CSV keeps the stored values, and no formula leaves as one. */
static void csv_keeps_values_and_defuses_formulas(void **state)
{
	const char *const rows[][3] = {{"=HYPERLINK(\"x\")", "yes", "2"}};
	char *csv = printed(OUTPUT_CSV, rows, 1);

	(void)state;
	assert_non_null(strstr(csv, "\"'=HYPERLINK(\"\"x\"\")\",yes,2"));
	free(csv);
}

/* A table is aligned to its widest cell and shows no control character. */
static void table_is_aligned_and_safe(void **state)
{
	const char *const rows[][3] = {{"Ann", "yes", "1"}, {"Bartholomew\x1B[2J", "no", "22"}};
	char *table = printed(OUTPUT_TABLE, rows, 2);

	(void)state;
	assert_null(strchr(table, '\x1B'));
	assert_non_null(strstr(table, "Name"));
	assert_int_equal(strstr(strstr(table, "Ann"), "yes") - strstr(table, "Ann"),
			 strstr(table, "MFA") - strstr(table, "Name"));
	free(table);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(json_cells_have_their_types),
		cmocka_unit_test(nothing_to_print_is_an_empty_list),
		cmocka_unit_test(csv_keeps_values_and_defuses_formulas),
		cmocka_unit_test(table_is_aligned_and_safe),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
