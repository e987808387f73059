/*
 * A cursor over rows the list does not hold: it knows how many rows there
 * are and which are in view.  Whoever draws it fetches just the rows in
 * view.  The keys that move it are movement_actions (ui.h).
 */
#ifndef SMREG_TUI_LIST_H
#define SMREG_TUI_LIST_H

struct list {
	long count;  /* rows in all */
	long cursor; /* the selected row */
	long top;    /* the first row in view */
	int height;  /* rows in view, as last drawn */
};

enum list_move {
	LIST_UP,
	LIST_DOWN,
	LIST_PAGE_UP,
	LIST_PAGE_DOWN,
	LIST_FIRST,
	LIST_LAST,
};

/* Set the number of rows, keeping the cursor on a row. */
void list_set_count(struct list *l, long count);

/* Fit the view to height rows around the cursor. */
void list_set_height(struct list *l, int height);

void list_move(struct list *l, enum list_move move);

/* Move the cursor to row, scrolling it into view. */
void list_move_to(struct list *l, long row);

#endif
