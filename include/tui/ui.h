/*
 * What every screen of the terminal UI shares: the open register, the
 * screen stack, keys, actions and drawing.
 *
 * Screens are a stack; the top one gets the keys and modal ones (prompts,
 * pickers) draw over those beneath.  There are no nested input loops, so
 * a resize reaches every screen, forms and pickers included.  Each screen
 * class has one table of actions that both dispatches keys and writes the
 * help screen and the status line.
 */
#ifndef SMREG_TUI_UI_H
#define SMREG_TUI_UI_H

#include <curses.h>
#include <stdbool.h>

#include "core/error.h"

struct due_list;
struct record_type;
struct smreg;
struct screen;
struct ui;

/* A key: a Unicode character, or a curses function key moved past Unicode. */
#define KEY_FN(k) (0x110000 + (k))
#define KEY_CTRL(c) ((c)&0x1f)
#define KEY_ESCAPE 27
#define KEY_ENTER_CHAR 10

/* Semantic colour roles, each with a monochrome stand-in. */
enum role_attr {
	ATTR_NORMAL,
	ATTR_TITLE,    /* the top bar */
	ATTR_STATUS,   /* the bottom bar */
	ATTR_SELECTED, /* the cursor row */
	ATTR_HEADING,  /* column and section headings */
	ATTR_OVERDUE,
	ATTR_DUE,
	ATTR_INFO,
	ATTR_OK,
	ATTR_MUTED, /* ended records, hints */
	ATTR_ERROR,
	ATTR_INPUT, /* a field being edited */
	ATTR_COUNT,
};

enum action_flag {
	ACTION_STATUS = 1 << 0,	     /* shown on the status line */
	ACTION_STATUS_HOME = 1 << 1, /* shown there on the first screen only */
};

/* One thing a screen can do, with its keys and its words for help.  The
 * help screen and the status line are written from these, so they cannot
 * disagree with what the keys do. */
struct action {
	const char *name;  /* e.g. "add" */
	int keys[4];	   /* 0-terminated; the first is the one shown */
	const char *label; /* short, for the status line: "new" */
	const char *help;  /* one line for the help screen */
	unsigned flags;
	void (*run)(struct screen *s, struct ui *ui);
	/* NULL: always; else whether the action applies now (e.g. may write). */
	bool (*available)(struct screen *s, struct ui *ui);
	/* NULL: label; else the label for now ("revoke" on authorisations). */
	const char *(*label_now)(struct screen *s, struct ui *ui);
};

/* An action's label as it applies on screen s. */
const char *action_label(const struct action *a, struct screen *s, struct ui *ui);

struct screen_class {
	const char *name; /* for the help screen's title */
	/* Tables of actions (each ending with a NULL name), NULL-terminated. */
	const struct action *const *actions;
	/* The list the movement actions move, or NULL. */
	struct list *(*focused_list)(struct screen *s);
	/* Draw into the area (y, x, height, width) the UI gives the screen. */
	void (*draw)(struct screen *s, struct ui *ui, int y, int x, int height, int width);
	/* Keys the action table does not take (typing); true if used. */
	bool (*key)(struct screen *s, struct ui *ui, int key);
	/* The register changed (another screen saved): refetch. */
	void (*reload)(struct screen *s, struct ui *ui);
	/* Unsaved input the user would lose by leaving. */
	bool (*dirty)(struct screen *s);
	/* The status line's text, when not generated from the actions. */
	const char *(*status)(struct screen *s, struct ui *ui);
	/* What the cursor is on, for the help screen: a heading and a line of
	 * help into the buffers given (a form's field); false for nothing. */
	bool (*about)(struct screen *s, char *heading, size_t heading_size, char *text,
		      size_t text_size);
	void (*destroy)(struct screen *s);
	bool modal; /* drawn over the screen beneath */
};

struct screen {
	const struct screen_class *cls;
	struct screen *below;
	char title[160];
};

struct ui {
	struct smreg *s;
	struct screen *top;
	bool quit;
	bool color;
	int exit_status;
	int lines;
	int cols;
	attr_t attr[ATTR_COUNT];
	char message[512]; /* shown above the status line until the next key */
	bool message_is_error;
	unsigned long generation; /* bumped by every write: lists refetch */
	struct due_list *due;	  /* the warnings, as of due_generation */
	unsigned long due_generation;
	bool due_loaded;
	char due_error[600];
	bool cursor_on; /* a screen wants the cursor shown here */
	int cursor_y;
	int cursor_x;
	bool searches_wait;  /* this frame shows "Searching" for a new filter */
	bool search_waiting; /* a table did: draw again, searching */
	bool count_waiting;  /* a table shows a first page before its count */
	/* The actions of every screen: help, back, quit, the main places
	 * (tui.c's, which the screen stack and help read from here). */
	const struct action *global_actions;
};

/* The smallest terminal the UI lays itself out in. */
#define UI_MIN_COLS 60
#define UI_MIN_LINES 15

/* --- the screen stack (screen.c) --- */

/* Put a screen on top; it now gets the keys. */
void ui_push(struct ui *ui, struct screen *s);

/* Take the top screen off and destroy it. */
void ui_pop(struct ui *ui);

/* Run the action of the top screen (or the global ones) bound to key. */
bool ui_dispatch(struct ui *ui, int key);

/*
 * Redraw everything: title, screens, message, status line.  A filtered
 * table with rows to read again (the filter, the sort or the data changed)
 * shows the typing first, with "Searching", and then, unless another key
 * is already waiting, the frame again with what it found.
 */
void ui_draw(struct ui *ui);

/* Show a message until the next key (error: in the error colour). */
void ui_message(struct ui *ui, bool error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Show a core error as "doing: field: why". */
void ui_error(struct ui *ui, const char *doing, const struct error *err);

/* The same for a record of type: its fields named by their labels. */
void ui_error_in(struct ui *ui, const char *doing, const struct record_type *type,
		 const struct error *err);

/* The most lines a message takes above the status line. */
#define MESSAGE_LINES_MAX 4

/* A record was written: every screen refetches what it shows. */
void ui_changed(struct ui *ui);

/*
 * The due-review warnings the user may see, read again after any write;
 * the dashboard lists them and the status line counts them.  NULL when
 * they could not be read (ui->due_error says why).
 */
const struct due_list *ui_due(struct ui *ui);

/* Whether any screen holds unsaved input. */
bool ui_dirty(struct ui *ui);

/* The help screen for the screen beneath it (help.c). */
struct screen *help_screen_new(struct ui *ui);

/* Moving through a list: arrows, j/k, PgUp/PgDn, Home/End (list.c). */
extern const struct action movement_actions[];

/* The keys of every screen (tui.c). */
extern const struct action global_actions[];

/* --- drawing (draw.c) --- */

void draw_setup_colors(struct ui *ui);

/*
 * Write text at (y, x) in exactly `width` columns (cut with "…" or padded),
 * made safe for the terminal first.  Returns the columns written.
 */
int draw_text(int y, int x, int width, const char *text, attr_t attr);

/* Write text from (y, x) up to width columns, not padded. */
int draw_text_left(int y, int x, int width, const char *text, attr_t attr);

/*
 * Write text from (y, x) wrapped at spaces into lines of width columns,
 * at most max_lines of them (draw false: only count).  Returns the lines
 * it takes.
 */
int draw_wrapped(int y, int x, int width, int max_lines, const char *text, attr_t attr,
		 bool draw);

/*
 * The same, leaving out the first skip lines and drawing at most
 * max_lines after them (0: only count).  Returns all the lines it takes.
 */
int draw_wrapped_from(int y, int x, int width, int skip, int max_lines, const char *text,
		      attr_t attr);

/* A framed box for a modal screen, cleared inside. */
void draw_box(int y, int x, int height, int width, const char *title, struct ui *ui);

/* Enter, however the terminal sends it. */
bool ui_is_enter(int key);

/* Whether a key is waiting to be read; arg unused.  The shape
 * smreg_stop_reads() wants.  (A resize waits for the read.)  A terminal
 * that has hung up counts as one: the read stops, and the loop ends. */
bool ui_key_waiting(void *arg);

/* Show the terminal's cursor at (y, x) once drawing is done (for typing). */
void ui_place_cursor(struct ui *ui, int y, int x);

/* A key as help shows it: "Enter", "^S", "PgDn", "j". */
const char *ui_key_name(int key, char *buf, int len);

#endif
