/* UTF-8 text (core/text.h): what may be stored, how wide it is, and how it is shown safely. */
#include "fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"

#define REPLACEMENT "\xEF\xBF\xBD" /* U+FFFD */
#define ELLIPSIS "\xE2\x80\xA6"	   /* U+2026 */

static const char *const names[] = {
	"Zoë",
	"Siân",
	"Łukasz",
	"李雷",
	"Robert'); DROP TABLE pupil;--",
	"O'Brien-Smith",
	"Ægir Þór",
	"Ольга",
	"محمد",
	"שׂרה",
	"😀 smile",
};

static void refused(const char *s, bool multiline, const char *reason)
{
	const char *why = NULL;

	if (text_is_storable(s, multiline, &why))
		fail_msg("\"%s\" (multiline %d) was accepted", s, multiline);
	assert_non_null(why);
	if (strstr(why, reason) == NULL)
		fail_msg("expected a reason containing \"%s\", got \"%s\"", reason, why);
}

static void accepted(const char *s, bool multiline)
{
	const char *why = NULL;

	if (!text_is_storable(s, multiline, &why))
		fail_msg("\"%s\" (multiline %d) was refused: %s", s, multiline, why);
}

static void names_in_any_script_are_storable(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		accepted(names[i], false);
		accepted(names[i], true);
	}
	accepted("", false);
	accepted("\xF4\x8F\xBF\xBF", false); /* U+10FFFF, the last code point */
}

static void invalid_utf8_is_refused(void **state)
{
	static const char *const bad[] = {
		"\xC0\xAF",	    /* overlong '/' */
		"\xC1\xBF",	    /* overlong */
		"\xE0\x80\xAF",	    /* overlong '/' in three bytes */
		"\xF0\x80\x80\xAF", /* overlong '/' in four bytes */
		"\xED\xA0\x80",	    /* surrogate U+D800 */
		"\xED\xBF\xBF",	    /* surrogate U+DFFF */
		"\xF4\x90\x80\x80", /* beyond U+10FFFF */
		"\xE6\x9D",	    /* 李 cut short */
		"abc\xC3",	    /* ë cut short at the end */
		"\xC3(",	    /* a lead byte without its continuation */
		"\x80",		    /* a continuation byte alone */
		"\xFF",
		"\xF8\x88\x80\x80\x80", /* a five-byte form */
		"Zo\xEB",		/* Latin-1 ë */
	};

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		refused(bad[i], false, "not valid UTF-8");
		refused(bad[i], true, "not valid UTF-8");
	}
}

static void control_characters_are_refused(void **state)
{
	static const char *const bad[] = {
		"\x1b[2J", "bell\x07", "back\x08space", "del\x7f", "cr\r", "nul-less \x01",
		"\xC2\x85", /* NEL, a C1 control */
		"\xC2\x9B"
		"2J", /* CSI, a C1 control */
	};

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		refused(bad[i], false, "control character");
		refused(bad[i], true, "control character");
	}
}

static void tabs_and_newlines_only_where_multiline(void **state)
{
	(void)state;
	refused("two\nlines", false, "control character");
	refused("tab\there", false, "control character");
	accepted("two\nlines", true);
	accepted("tab\there", true);
	accepted("Zoë\n李雷\n", true);
}

static void bidi_overrides_are_refused(void **state)
{
	static const char *const bad[] = {
		"invoice\xE2\x80\xAEgpj.exe", /* U+202E RIGHT-TO-LEFT OVERRIDE */
		"\xE2\x80\xAA"
		"a", /* U+202A */
		"\xE2\x81\xA6"
		"a",		 /* U+2066 LEFT-TO-RIGHT ISOLATE */
		"a\xE2\x81\xA9", /* U+2069 POP DIRECTIONAL ISOLATE */
		"a\xE2\x80\x8F", /* U+200F RIGHT-TO-LEFT MARK */
		"a\xD8\x9C",	 /* U+061C ARABIC LETTER MARK */
	};

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		refused(bad[i], false, "direction");
		refused(bad[i], true, "direction");
	}
}

/* True when s holds no byte below 0x20 (but newline where allowed) and no DEL. */
static bool no_control_bytes(const char *s, bool newline_allowed)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if ((*p < 0x20 && !(newline_allowed && *p == '\n')) || *p == 0x7F)
			return false;
	return true;
}

static void safe_is(const char *s, bool single_line, const char *want)
{
	char *got = text_safe(s, single_line);
	const char *why;

	assert_non_null(got);
	assert_string_equal(got, want);
	assert_true(no_control_bytes(got, !single_line));
	/* What text_safe makes is always valid UTF-8. */
	assert_true(text_is_storable(got, true, &why));
	free(got);
}

static void escape_sequences_become_visible(void **state)
{
	(void)state;
	safe_is("\x1b[2J", true, "^[[2J");
	safe_is("\x1b]0;owned\x07", true, "^[]0;owned^G");
	safe_is("a\rb", true, "a^Mb");
	safe_is("del\x7f", true, "del^?");
	safe_is("nul-less\x01", true, "nul-less^A");
	/* C1 controls (an 8-bit CSI) and bidi overrides cannot be shown. */
	safe_is("\xC2\x9B"
		"2J",
		true, REPLACEMENT "2J");
	safe_is("gpj\xE2\x80\xAE"
		"exe",
		true, "gpj" REPLACEMENT "exe");
}

static void valid_text_is_kept(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		safe_is(names[i], true, names[i]);
	safe_is("", true, "");
	safe_is(NULL, true, "");
}

static void invalid_bytes_become_replacement_characters(void **state)
{
	(void)state;
	safe_is("a\xFF"
		"b",
		true, "a" REPLACEMENT "b");
	safe_is("\xC0\xAF", true, REPLACEMENT REPLACEMENT);
	safe_is("\xED\xA0\x80", true, REPLACEMENT REPLACEMENT REPLACEMENT);
	safe_is("Zo\xEB", true, "Zo" REPLACEMENT);
	safe_is("\xE6\x9D", true, REPLACEMENT REPLACEMENT);
	safe_is("\x9B"
		"2J",
		true, REPLACEMENT "2J");
}

static void line_breaks_follow_the_mode(void **state)
{
	(void)state;
	safe_is("one\ntwo", true, "one\xE2\x86\xB5two");
	safe_is("one\ntwo", false, "one\ntwo");
	safe_is("tab\there", true, "tab here");
	safe_is("tab\there", false, "tab here");
	safe_is("\x1b[2J\n", false, "^[[2J\n");
}

static void width_counts_terminal_columns(void **state)
{
	(void)state;
	assert_int_equal(text_width(""), 0);
	assert_int_equal(text_width("Zoë"), 3);
	assert_int_equal(text_width("Zoe\xCC\x88"), 3); /* e and a combining diaeresis */
	assert_int_equal(text_width("Siân"), 4);
	assert_int_equal(text_width("Łukasz"), 6);
	assert_int_equal(text_width("李雷"), 4);
	assert_int_equal(text_width("李雷 Zoë"), 8);
	assert_int_equal(text_width("…"), 1);
}

/* Unshowable characters count as what text_safe() shows for them. */
static void width_of_raw_text_matches_its_safe_form(void **state)
{
	static const char *const hostile[] = {
		"\x1b[2J",
		"a\xFF"
		"b",
		"\xC2\x9B"
		"2J",
		"gpj\xE2\x80\xAE"
		"exe",
		"tab\there",
		"one\ntwo",
		"del\x7f",
		"\xC0\xAF",
		"Zoë\x1b",
		"李\x07雷",
	};

	(void)state;
	for (size_t i = 0; i < sizeof hostile / sizeof hostile[0]; i++) {
		char *safe = text_safe(hostile[i], true);

		assert_non_null(safe);
		if (text_width(hostile[i]) != text_width(safe))
			fail_msg("text %zu: text_width says %d, its safe form \"%s\" takes %d",
				 i, text_width(hostile[i]), safe, text_width(safe));
		free(safe);
	}
}

static void fits(const char *s, int columns, const char *want)
{
	char out[128];

	text_fit(s, columns, out, sizeof out);
	assert_string_equal(out, want);
	assert_int_equal(text_width(out), columns);
}

static void fit_pads_and_cuts_to_exact_columns(void **state)
{
	(void)state;
	fits("Zoë", 5, "Zoë  ");
	fits("Zoë", 3, "Zoë");
	fits("Zoë", 2, "Z" ELLIPSIS);
	fits("Łukasz", 4, "Łuk" ELLIPSIS);
	fits("Siân", 1, ELLIPSIS);
	fits("", 3, "   ");
	fits("abc", 0, "");
	fits("", 0, "");
}

static void fit_never_splits_a_wide_character(void **state)
{
	(void)state;
	fits("李雷", 4, "李雷");
	fits("李雷", 6, "李雷  ");
	fits("李雷", 3, "李" ELLIPSIS);
	/* 李 does not fit beside the ellipsis in two columns: pad instead. */
	fits("李雷", 2, ELLIPSIS " ");
	fits("a李雷", 4, "a李" ELLIPSIS);
	fits("a李雷", 3, "a" ELLIPSIS " ");
}

static void fit_is_exact_for_every_width(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		for (int columns = 0; columns <= 40; columns++) {
			char out[256];

			text_fit(names[i], columns, out, sizeof out);
			if (text_width(out) != columns)
				fail_msg("\"%s\" fitted to %d columns takes %d: \"%s\"", names[i],
					 columns, text_width(out), out);
			/* What is kept is the start of the text. */
			if (text_width(names[i]) <= columns)
				assert_int_equal(strncmp(out, names[i], strlen(names[i])), 0);
		}
	}
}

static void fit_respects_the_buffer(void **state)
{
	char out[8];

	(void)state;
	memset(out, 'x', sizeof out);
	text_fit("李雷李雷李雷", 20, out, sizeof out);
	assert_true(memchr(out, '\0', sizeof out) != NULL);
	assert_true(strlen(out) < sizeof out);
	assert_true(text_is_storable(out, false, &(const char *){NULL}));
}

static void trimmed_and_duplicated(void **state)
{
	char *t;

	(void)state;
	t = text_trimmed("  Zoë \t\n");
	assert_string_equal(t, "Zoë");
	free(t);
	t = text_trimmed("   ");
	assert_string_equal(t, "");
	free(t);
	assert_null(text_dup(NULL));
	t = text_format("%s has %d", "李雷", 2);
	assert_string_equal(t, "李雷 has 2");
	free(t);
}

#define NBSP "\xC2\xA0"			 /* U+00A0 NO-BREAK SPACE */
#define IDEOGRAPHIC_SPACE "\xE3\x80\x80" /* U+3000 */
#define ZWSP "\xE2\x80\x8B"		 /* U+200B ZERO WIDTH SPACE */
#define ZWJ "\xE2\x80\x8D"		 /* U+200D ZERO WIDTH JOINER */
#define WORD_JOINER "\xE2\x81\xA0"	 /* U+2060 */
#define BOM "\xEF\xBB\xBF"		 /* U+FEFF */
#define SOFT_HYPHEN "\xC2\xAD"		 /* U+00AD */
#define ACUTE "\xCC\x81"		 /* U+0301 COMBINING ACUTE ACCENT */

static void trimming_takes_unicode_spaces_from_both_ends(void **state)
{
	char *t;

	(void)state;
	t = text_trimmed(NBSP IDEOGRAPHIC_SPACE " Zoë" NBSP "Adams " IDEOGRAPHIC_SPACE NBSP);
	assert_string_equal(t, "Zoë" NBSP "Adams");
	free(t);
	t = text_trimmed(NBSP " " IDEOGRAPHIC_SPACE);
	assert_string_equal(t, "");
	free(t);
	/* A last character that is not a space is kept whole. */
	t = text_trimmed(" 李雷");
	assert_string_equal(t, "李雷");
	free(t);
	/* A zero-width space is not white space: it is kept, and caught as
	 * invisible by the checks below. */
	t = text_trimmed(" " ZWSP " ");
	assert_string_equal(t, ZWSP);
	free(t);
}

static void visible_text_is_more_than_spaces_and_zero_width_characters(void **state)
{
	static const char *const blank[] = {
		"",
		" ",
		"\t \n",
		NBSP,
		IDEOGRAPHIC_SPACE,
		ZWSP,
		ZWSP ZWSP " " ZWSP,
		ZWJ,
		WORD_JOINER,
		BOM,
		SOFT_HYPHEN,
		" " BOM NBSP,
	};
	static const char *const visible[] = {
		"a",
		ZWSP "a",
		"Zoë",
		"李雷",
		"😀",
		".",
		ACUTE,
	};

	(void)state;
	for (size_t i = 0; i < sizeof blank / sizeof blank[0]; i++)
		if (text_has_visible(blank[i]))
			fail_msg("blank text %zu was taken as visible", i);
	for (size_t i = 0; i < sizeof visible / sizeof visible[0]; i++)
		if (!text_has_visible(visible[i]))
			fail_msg("\"%s\" was taken as blank", visible[i]);
}

static void invisible_characters_are_found_and_named(void **state)
{
	unsigned code = 0;

	(void)state;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		assert_false(text_find_invisible(names[i], &code));
	assert_false(text_find_invisible("Jose" ACUTE " Lo" ACUTE "pez", &code));
	assert_true(text_find_invisible("Amy" ZWSP " Able", &code));
	assert_int_equal(code, 0x200B);
	assert_true(text_find_invisible("Amy Able" ZWJ, &code));
	assert_int_equal(code, 0x200D);
	assert_true(text_find_invisible(BOM "Amy", &code));
	assert_int_equal(code, 0xFEFF);
	assert_true(text_find_invisible("Am" SOFT_HYPHEN "y", &code));
	assert_int_equal(code, 0xAD);
}

static void nfc_composes_what_is_typed_decomposed(void **state)
{
	char *t;

	(void)state;
	/* "José López" typed with combining accents becomes the precomposed
	 * U+00E9 and U+00F3. */
	t = text_nfc("Jose" ACUTE " Lo" ACUTE "pez");
	assert_string_equal(t, "Jos\xC3\xA9 L\xC3\xB3pez");
	free(t);
	/* Text already in NFC is unchanged, byte for byte. */
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		t = text_nfc(names[i]);
		assert_string_equal(t, names[i]);
		free(t);
	}
	t = text_nfc("");
	assert_string_equal(t, "");
	free(t);
}

/* Case folded beyond ASCII, so that a name typed in capitals is found. */
static void case_is_folded_in_every_script(void **state)
{
	static const char *const same[][2] = {
		{"ZO\xC3\x8B", "zo\xC3\xAB"},				      /* ZOË, zoë */
		{"\xC3\x96mer", "\xC3\xB6MER"},				      /* Ömer, öMER */
		{"\xCE\xA3\xCE\x9F\xCE\xA6\xCE\x8A\xCE\x91",		      /* ΣΟΦΊΑ */
		 "\xCF\x83\xCE\xBF\xCF\x86\xCE\xAF\xCE\xB1"},		      /* σοφία */
		{"\xD0\x94\xD0\x9C\xD0\x98\xD0\xA2\xD0\xA0\xD0\x98\xD0\x99",  /* ДМИТРИЙ */
		 "\xD0\xB4\xD0\xBC\xD0\xB8\xD1\x82\xD1\x80\xD0\xB8\xD0\xB9"}, /* дмитрий */
		{"Jose" ACUTE, "JOS\xC3\x89"},				      /* decomposed too */
	};

	(void)state;
	for (size_t i = 0; i < sizeof same / sizeof same[0]; i++) {
		char *a = text_fold(same[i][0]);
		char *b = text_fold(same[i][1]);

		assert_non_null(a);
		assert_non_null(b);
		assert_string_equal(a, b);
		free(a);
		free(b);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(case_is_folded_in_every_script),
		cmocka_unit_test(names_in_any_script_are_storable),
		cmocka_unit_test(invalid_utf8_is_refused),
		cmocka_unit_test(control_characters_are_refused),
		cmocka_unit_test(tabs_and_newlines_only_where_multiline),
		cmocka_unit_test(bidi_overrides_are_refused),
		cmocka_unit_test(escape_sequences_become_visible),
		cmocka_unit_test(valid_text_is_kept),
		cmocka_unit_test(invalid_bytes_become_replacement_characters),
		cmocka_unit_test(line_breaks_follow_the_mode),
		cmocka_unit_test(width_counts_terminal_columns),
		cmocka_unit_test(width_of_raw_text_matches_its_safe_form),
		cmocka_unit_test(fit_pads_and_cuts_to_exact_columns),
		cmocka_unit_test(fit_never_splits_a_wide_character),
		cmocka_unit_test(fit_is_exact_for_every_width),
		cmocka_unit_test(fit_respects_the_buffer),
		cmocka_unit_test(trimmed_and_duplicated),
		cmocka_unit_test(trimming_takes_unicode_spaces_from_both_ends),
		cmocka_unit_test(visible_text_is_more_than_spaces_and_zero_width_characters),
		cmocka_unit_test(invisible_characters_are_found_and_named),
		cmocka_unit_test(nfc_composes_what_is_typed_decomposed),
	};

	if (!text_use_utf8_locale()) {
		fprintf(stderr, "no UTF-8 locale: cannot measure text\n");
		return 1;
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
