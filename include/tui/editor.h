/*
 * A multi-line editor for a long text (a report's summary, an action's
 * note): a screen of its own that wraps the text at the width it is given,
 * scrolls, moves by character, row, line and page, takes pasted lines and
 * wide characters, and lays itself out again on a resize.  Ctrl-S hands
 * the text back to be saved, Tab hands it back to go on with the form, and
 * Esc leaves it as it was.
 */
#ifndef SMREG_TUI_EDITOR_H
#define SMREG_TUI_EDITOR_H

#include "tui/ui.h"

/* What the editor gives back: the text (the callee copies it), and
 * whether the user asked to save (Ctrl-S) or only to go on (Tab). */
typedef void (*editor_done_fn)(struct screen *asker, struct ui *ui, const char *text, bool save,
			       void *arg);

/*
 * Push an editor titled title over the screen on top (the asker), holding
 * text, the cursor at its end, with first_key (0 for none) already typed.
 */
void editor_open(struct ui *ui, const char *title, const char *text, int first_key,
		 editor_done_fn done, void *arg);

/* What a viewer's w key does (write what is shown to a file), with its arg. */
typedef void (*viewer_write_fn)(struct ui *ui, void *arg);

/*
 * Push the same screen read-only: text wrapped whole, scrolled with the
 * arrows and PgUp/PgDn, Esc to leave.  When write is not NULL, w calls it
 * with arg; free_arg (may be NULL) frees arg when the screen goes.
 */
void editor_view(struct ui *ui, const char *title, const char *text, viewer_write_fn write,
		 void *arg, void (*free_arg)(void *));

/* The screens' classes, their keys among them (tui/keys.h). */
extern const struct screen_class editor_class;
extern const struct screen_class viewer_class;

#endif
