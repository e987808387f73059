/*
 * Questions asked over the screen that asks them: a choice of keys
 * ("Discard your changes? y/n") or a line of text ("Closing date:").
 * The answer comes back through a callback on the screen beneath.
 */
#ifndef SMREG_TUI_PROMPT_H
#define SMREG_TUI_PROMPT_H

#include <stdbool.h>

#include "tui/ui.h"

typedef void (*prompt_key_fn)(struct screen *asker, struct ui *ui, int key, void *arg);
typedef void (*prompt_text_fn)(struct screen *asker, struct ui *ui, const char *text, void *arg);

/*
 * Ask question; one of the ASCII keys in `keys` answers (Esc answers the
 * last of them, the cautious one).  The prompt takes arg and frees it with
 * free_arg (may be NULL) after calling answered.
 */
void prompt_keys(struct ui *ui, const char *question, const char *keys,
		 prompt_key_fn answered, void *arg, void (*free_arg)(void *));

/* Ask a yes/no question; `yes` runs only on y. */
void prompt_confirm(struct ui *ui, const char *question, prompt_key_fn yes, void *arg,
		    void (*free_arg)(void *));

enum prompt_hint {
	HINT_NONE,
	HINT_DATE, /* show the date understood as it is typed */
};

/* Ask for a line of text, starting with initial; Enter answers, Esc cancels. */
void prompt_text(struct ui *ui, const char *question, const char *initial,
		 enum prompt_hint hint, prompt_text_fn answered, void *arg,
		 void (*free_arg)(void *));

/* "Saturday 21/11/2026" for what text means as a date, or why it is not
 * one, into buf; false when it is not a date. */
bool prompt_date_hint(struct ui *ui, const char *text, char *buf, int len);

/* The screen's class, its keys among them (tui/keys.h). */
extern const struct screen_class prompt_class;

#endif
