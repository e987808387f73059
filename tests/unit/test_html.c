/* HTML pages (core/html.h): any text, even hostile, stays text. */
#include "fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/html.h"

/* text as html_text writes it; the caller frees it. */
static char *written(const char *text)
{
	char *html = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&html, &len);

	assert_non_null(out);
	html_text(out, text);
	assert_int_equal(fclose(out), 0);
	return html;
}

static void expect_html(const char *text, const char *html)
{
	char *got = written(text);

	assert_string_equal(got, html);
	free(got);
}

static void markup_is_escaped(void **state)
{
	(void)state;
	expect_html(NULL, "");
	expect_html("<script>alert('x')</script>",
		    "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
	expect_html("a & \"b\"", "a &amp; &quot;b&quot;");
	expect_html("Zo\xC3\xAB \xE6\x9D\x8E", "Zo\xC3\xAB \xE6\x9D\x8E");
}

/* A printed record must show what is stored: line breaks kept, a
 * reordering mark or a terminal control named, a bad byte replaced. */
static void controls_are_named_not_obeyed(void **state)
{
	(void)state;
	expect_html("one\ntwo\tthree", "one\ntwo\tthree");
	expect_html("abc\xE2\x80\xAE"
		    "def",
		    "abc[U+202E]def");
	expect_html("\x1B[2J", "[U+001B][2J");
	expect_html("a\xC2\x9B"
		    "b",
		    "a[U+009B]b");
	expect_html("\xFF"
		    "A",
		    "&#xFFFD;A");
}

/* page with title and running reference; the caller frees it. */
static char *page(const char *title, const char *running)
{
	char *html = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&html, &len);

	assert_non_null(out);
	html_begin(out, title, running);
	html_end(out);
	assert_int_equal(fclose(out), 0);
	return html;
}

/* The running reference sits in the style sheet: nothing in it may end
 * the CSS string or the style element. */
static void running_reference_stays_in_its_string(void **state)
{
	char *html = page("Report <1>", "CR-7\"}</style><script>x</script>\xC3\xA9");

	(void)state;
	assert_non_null(strstr(html, "<title>Report &lt;1&gt;</title>"));
	assert_non_null(strstr(html, "content:\"CR-7\\22 }\\3C /style\\3E \\3C script\\3E x\\3C /script\\3E \\E9 \""));
	assert_null(strstr(html, "<script"));
	assert_null(strstr(strstr(html, "</style>") + 1, "</style>"));
	free(html);
}

static void page_without_running_reference(void **state)
{
	char *html = page("Chronology", NULL);

	(void)state;
	assert_null(strstr(html, "@top-center"));
	assert_non_null(strstr(html, "counter(pages)"));
	assert_non_null(strstr(html, "<h1>Chronology</h1>"));
	free(html);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(markup_is_escaped),
		cmocka_unit_test(controls_are_named_not_obeyed),
		cmocka_unit_test(running_reference_stays_in_its_string),
		cmocka_unit_test(page_without_running_reference),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
