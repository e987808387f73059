/*
 * The manual's keys (smreg(1), TERMINAL UI) against the action tables
 * the screens, their help and their status lines are made from: every key
 * a screen has is in its part of the manual, and every key the manual
 * lists as an item of that part (.TP) is one the screen has.
 */
#include "fixture.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/keys.h"
#include "tui/ui.h"

#define MAN_BYTES_MAX (1 << 20)
#define WORDS_MAX 256

/* The words a manual part shows in bold, and those of its items' tags. */
struct part {
	char bold[WORDS_MAX][32];
	int bold_count;
	char tagged[WORDS_MAX][32];
	int tagged_count;
};

static char *read_manual(void)
{
	FILE *man = fopen("man/smreg.1", "r");
	char *text = calloc(1, MAN_BYTES_MAX);
	size_t n;

	assert_non_null(man);
	assert_non_null(text);
	n = fread(text, 1, MAN_BYTES_MAX - 1, man);
	text[n] = '\0';
	fclose(man);
	return text;
}

/* A roff word as a reader sees it: "Ctrl\-S" is Ctrl-S, "?\&" is ?. */
static void plain_word(const char *word, size_t len, char *out, size_t size)
{
	size_t o = 0;

	for (size_t i = 0; i < len && o + 1 < size; i++) {
		if (word[i] == '\\' && i + 1 < len && (word[i + 1] == '-' || word[i + 1] == '&')) {
			if (word[++i] == '-')
				out[o++] = '-';
			continue;
		}
		if (word[i] != '"')
			out[o++] = word[i];
	}
	out[o] = '\0';
}

static void add_word(char words[][32], int *count, const char *word)
{
	if (*count < WORDS_MAX && *word)
		snprintf(words[(*count)++], 32, "%s", word);
}

/* The bold words of one ".B"/".BR" line (".BR a ", " b": a and b);
 * "PgUp / PgDn" and "Up, Down" count as their keys. */
static void bold_words(const char *line, bool tag, struct part *p)
{
	bool alternate = strncmp(line, ".BR ", 4) == 0;
	const char *s = line + (alternate ? 4 : 3);
	int index = 0;

	while (*s) {
		const char *start;
		size_t len;
		char word[32];

		while (*s == ' ')
			s++;
		if (*s == '\0' || *s == '\n')
			break;
		start = s;
		if (*s == '"') {
			s = strchr(s + 1, '"');
			s = s ? s + 1 : start + strlen(start);
		} else {
			s += strcspn(s, " \n");
		}
		len = (size_t)(s - start);
		plain_word(start, len, word, sizeof word);
		if (!alternate || index % 2 == 0) {
			char *save = NULL;

			if (strcmp(word, "/") == 0) {
				add_word(p->bold, &p->bold_count, word);
				if (tag)
					add_word(p->tagged, &p->tagged_count, word);
			}
			for (char *k = strtok_r(word, "/,", &save); k; k = strtok_r(NULL, "/,", &save)) {
				add_word(p->bold, &p->bold_count, k);
				if (tag)
					add_word(p->tagged, &p->tagged_count, k);
			}
		}
		index++;
	}
}

/* The part of TERMINAL UI titled title. */
static void read_part(const char *manual, const char *title, struct part *p)
{
	const char *ui = strstr(manual, "\n.SH TERMINAL UI\n");
	const char *end = ui ? strstr(ui + 1, "\n.SH ") : NULL;
	char heading[128], quoted[128];
	const char *at, *stop;
	bool after_tp = false;

	memset(p, 0, sizeof *p);
	assert_non_null(end);
	snprintf(heading, sizeof heading, "\n.SS %s\n", title);
	snprintf(quoted, sizeof quoted, "\n.SS \"%s\"\n", title);
	at = strstr(ui, heading);
	if (at == NULL || at > end)
		at = strstr(ui, quoted);
	if (at == NULL || at > end)
		fail_msg("smreg(1) TERMINAL UI has no part \"%s\"", title);
	at = strchr(at + 1, '\n') + 1;
	stop = strstr(at, "\n.SS ");
	if (stop == NULL || stop > end)
		stop = end;
	while (at < stop) {
		const char *nl = strchr(at, '\n');
		char line[512];

		snprintf(line, sizeof line, "%.*s", (int)(nl - at), at);
		if (strncmp(line, ".B ", 3) == 0 || strncmp(line, ".BR ", 4) == 0)
			bold_words(line, after_tp, p);
		after_tp = strncmp(line, ".TP", 3) == 0;
		at = nl + 1;
	}
}

/* A key's name as the manual writes it: ^S is Ctrl-S, S-Tab Shift-Tab. */
static void manual_key_name(int key, char *buf, int len)
{
	char name[16];

	ui_key_name(key, name, sizeof name);
	if (name[0] == '^' && name[1] != '\0')
		snprintf(buf, (size_t)len, "Ctrl-%s", name + 1);
	else if (strcmp(name, "S-Tab") == 0)
		snprintf(buf, (size_t)len, "Shift-Tab");
	else
		snprintf(buf, (size_t)len, "%s", name);
}

static bool has_word(char words[][32], int count, const char *word)
{
	for (int i = 0; i < count; i++)
		if (strcmp(words[i], word) == 0)
			return true;
	return false;
}

/* Whether key is bound in any table of the screens the manual's part
 * documents, or on every screen (F1 in a form). */
static bool part_binds(const struct screen_keys *keys, size_t n, const char *title, const char *word)
{
	for (size_t i = 0; i < n; i++) {
		if (strcmp(keys[i].manual, title) != 0 && strcmp(keys[i].manual, "Keys of every screen") != 0)
			continue;
		for (const struct action *const *t = keys[i].tables; t && *t; t++)
			for (const struct action *a = *t; a->name; a++)
				for (int k = 0; k < 4 && a->keys[k]; k++) {
					char name[32];

					manual_key_name(a->keys[k], name, sizeof name);
					if (strcmp(name, word) == 0)
						return true;
				}
	}
	return false;
}

static void every_key_is_in_the_manual(void **state)
{
	char *manual = read_manual();
	size_t n;
	const struct screen_keys *keys = tui_screen_keys(&n);
	int missing = 0;

	(void)state;
	for (size_t i = 0; i < n; i++) {
		struct part p;

		read_part(manual, keys[i].manual, &p);
		for (const struct action *const *t = keys[i].tables; t && *t; t++) {
			/* The moving keys have their own part. */
			if (*t == movement_actions && strcmp(keys[i].manual, "Moving in a list") != 0)
				continue;
			for (const struct action *a = *t; a->name; a++)
				for (int k = 0; k < 4 && a->keys[k]; k++) {
					char name[32];

					manual_key_name(a->keys[k], name, sizeof name);
					if (!has_word(p.bold, p.bold_count, name)) {
						print_message("# \"%s\": %s (%s) is not in the manual\n",
							      keys[i].manual, name, a->name);
						missing++;
					}
				}
		}
	}
	free(manual);
	assert_int_equal(missing, 0);
}

static void every_key_the_manual_lists_is_bound(void **state)
{
	char *manual = read_manual();
	size_t n;
	const struct screen_keys *keys = tui_screen_keys(&n);
	int unbound = 0;

	(void)state;
	for (size_t i = 0; i < n; i++) {
		struct part p;

		read_part(manual, keys[i].manual, &p);
		for (int w = 0; w < p.tagged_count; w++)
			if (!part_binds(keys, n, keys[i].manual, p.tagged[w])) {
				print_message("# \"%s\" lists %s, which that screen does not have\n",
					      keys[i].manual, p.tagged[w]);
				unbound++;
			}
	}
	free(manual);
	assert_int_equal(unbound, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_key_is_in_the_manual),
		cmocka_unit_test(every_key_the_manual_lists_is_bound),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
