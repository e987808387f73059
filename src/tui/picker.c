/* Pickers: type-ahead over records, choices, ticked codes. */
#include "tui/picker.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/ref.h"
#include "core/value.h"
#include "tui/line.h"
#include "tui/list.h"

#define PICKER_ROWS_MAX 200

enum picker_kind {
	PICK_RECORD,
	PICK_CHOICE,
	PICK_CODES,
};

struct option_row {
	char *value;
	char *id;
	bool ended;
	bool ticked;
};

struct picker {
	struct screen base;
	enum picker_kind kind;
	const struct record_type *target;
	const struct field *field; /* PICK_CHOICE: whose choices */
	struct line filter;
	struct option_row rows[PICKER_ROWS_MAX];
	int count;
	struct list list;
	picker_fn chosen;
	void *arg;
	char error[300];
};

static void clear_rows(struct picker *p)
{
	for (int i = 0; i < p->count; i++) {
		free(p->rows[i].value);
		free(p->rows[i].id);
	}
	p->count = 0;
}

static void add_row(struct picker *p, const char *value, const char *id, bool ended, bool ticked)
{
	if (p->count == PICKER_ROWS_MAX)
		return;
	p->rows[p->count].value = strdup(value ? value : "");
	p->rows[p->count].id = id ? strdup(id) : NULL;
	p->rows[p->count].ended = ended;
	p->rows[p->count].ticked = ticked;
	p->count++;
}

/* The records whose title holds what is typed, current ones first. */
static void refresh_records(struct picker *p, struct ui *ui)
{
	struct ref_candidate *found = NULL;
	struct error err;
	int n;

	clear_rows(p);
	p->error[0] = '\0';
	n = ref_suggest(ui->s, p->target, p->filter.text, PICKER_ROWS_MAX, &found, &err);
	if (n < 0) {
		error_message(&err, p->error, sizeof p->error);
		n = 0;
	}
	for (int i = 0; i < n; i++)
		add_row(p, found[i].title, found[i].id, found[i].ended, false);
	ref_candidates_free(found, n);
	list_set_count(&p->list, p->count);
	list_move_to(&p->list, 0);
}

/* The choices that start as typed; the cursor on current, if shown. */
static void refresh_choices(struct picker *p, const char *current)
{
	char list[256];

	clear_rows(p);
	p->error[0] = '\0';
	for (int i = 0; p->field->choices[i] != NULL; i++) {
		if (!value_choice_fits(p->field->choices[i], p->filter.text))
			continue;
		if (current != NULL && strcmp(current, p->field->choices[i]) == 0)
			p->list.cursor = p->count;
		add_row(p, p->field->choices[i], NULL, false, false);
	}
	if (p->count == 0)
		snprintf(p->error, sizeof p->error, "nothing starts so; the choices: %s",
			 record_choices_text(p->field, list, sizeof list));
	list_set_count(&p->list, p->count);
	if (current == NULL)
		list_move_to(&p->list, 0);
}

/* Whether code is one of codes, ';'-separated.  A list of references
 * shows its titles separated by "; ", so blanks around each are not part
 * of it. */
static bool has_code(const char *codes, const char *code)
{
	size_t len = strlen(code);

	for (const char *c = codes; c != NULL && *c != '\0';) {
		size_t n;

		c += strspn(c, " ");
		n = strcspn(c, ";");
		while (n > 0 && c[n - 1] == ' ')
			n--;
		if (n == len && strncmp(c, code, n) == 0)
			return true;
		c += strcspn(c, ";");
		c += *c == ';';
	}
	return false;
}

static void picker_draw(struct screen *s, struct ui *ui, int y, int x, int height, int width)
{
	struct picker *p = (struct picker *)s;
	int box_width = width > 64 ? 64 : width - 2;
	int box_height = height - 2 > 18 ? 18 : height - 2;
	int top = y + 1;
	int left = x + (width - box_width) / 2;
	bool finds = p->kind != PICK_CODES;
	int row_y = top + (finds ? 3 : 1);
	int rows = box_height - (row_y - top) - 1;

	draw_box(top, left, box_height, box_width, s->title, ui);
	if (finds) {
		draw_text(top + 1, left + 2, 6, "Find:", ui->attr[ATTR_HEADING] & ~A_UNDERLINE);
		line_draw(&p->filter, ui, top + 1, left + 8, box_width - 10, ui->attr[ATTR_INPUT], true);
		draw_text(top + 2, left + 2, box_width - 4,
			  p->error[0] ? p->error : (p->count ? "" : "nothing matches"),
			  ui->attr[p->error[0] ? ATTR_ERROR : ATTR_MUTED]);
	}
	list_set_height(&p->list, rows);
	for (int i = 0; i < rows && p->list.top + i < p->count; i++) {
		const struct option_row *r = &p->rows[p->list.top + i];
		char text[400];
		attr_t attr = r->ended ? ui->attr[ATTR_MUTED] : ui->attr[ATTR_NORMAL];

		if (p->list.top + i == p->list.cursor)
			attr = ui->attr[ATTR_SELECTED];
		if (p->kind == PICK_CODES)
			snprintf(text, sizeof text, "[%s] %s", r->ticked ? "x" : " ", r->value);
		else
			snprintf(text, sizeof text, "%s%s", r->value, r->ended ? "  (ended)" : "");
		draw_text(row_y + i, left + 2, box_width - 4, text, attr);
	}
}

static void picker_destroy(struct screen *s)
{
	struct picker *p = (struct picker *)s;

	clear_rows(p);
	line_free(&p->filter);
	free(p);
}

/* Pop the picker and hand the choice to the screen that asked. */
static void choose(struct ui *ui, struct picker *p)
{
	picker_fn chosen = p->chosen;
	void *arg = p->arg;
	char *value = NULL;
	char *id = NULL;

	if (p->kind == PICK_CODES) {
		size_t len = 1;

		for (int i = 0; i < p->count; i++)
			len += strlen(p->rows[i].value) + 1;
		value = calloc(1, len);
		for (int i = 0; value && i < p->count; i++) {
			if (!p->rows[i].ticked)
				continue;
			if (value[0] != '\0')
				strcat(value, ";");
			strcat(value, p->rows[i].value);
		}
	} else if (p->count > 0) {
		value = strdup(p->rows[p->list.cursor].value);
		id = p->rows[p->list.cursor].id ? strdup(p->rows[p->list.cursor].id) : NULL;
	} else {
		/* Nothing fits what was typed: nothing is chosen behind the
		 * user's back; the finder says what the choices are. */
		return;
	}
	ui_pop(ui);
	if (value != NULL)
		chosen(ui->top, ui, value, id, arg);
	free(value);
	free(id);
}

static bool picker_key(struct screen *s, struct ui *ui, int key)
{
	struct picker *p = (struct picker *)s;
	bool changed = false;

	/* Enter, Esc, Home and End are the table's (picker_actions): Home and
	 * End move in the list, not in the few letters typed. */
	if (ui_is_enter(key) || key == KEY_ESCAPE || key == KEY_FN(KEY_HOME) ||
	    key == KEY_FN(KEY_END))
		return false;
	if (p->kind != PICK_CODES && line_key(&p->filter, key, &changed)) {
		if (changed && p->kind == PICK_RECORD)
			refresh_records(p, ui);
		else if (changed)
			refresh_choices(p, NULL);
		return true;
	}
	return false;
}

static struct list *picker_list(struct screen *s)
{
	return &((struct picker *)s)->list;
}

static const char *picker_status(struct screen *s, struct ui *ui)
{
	struct picker *p = (struct picker *)s;

	(void)ui;
	if (p->kind == PICK_CODES)
		return " Space:tick  Enter:accept  Esc:cancel  Up/Down:move";
	if (p->kind != PICK_CODES)
		return " type to find  Up/Down, Home/End:move  Enter:choose  Esc:cancel";
	return " Up/Down:move  Enter:choose  Esc:cancel";
}

/* Only the arrows move a picker: letters are for finding. */
static void move_picker(struct screen *s, struct ui *ui, enum list_move move)
{
	(void)ui;
	list_move(picker_list(s), move);
}

static void picker_up(struct screen *s, struct ui *ui)
{
	move_picker(s, ui, LIST_UP);
}

static void picker_down(struct screen *s, struct ui *ui)
{
	move_picker(s, ui, LIST_DOWN);
}

static void picker_page_up(struct screen *s, struct ui *ui)
{
	move_picker(s, ui, LIST_PAGE_UP);
}

static void picker_page_down(struct screen *s, struct ui *ui)
{
	move_picker(s, ui, LIST_PAGE_DOWN);
}

static void picker_first(struct screen *s, struct ui *ui)
{
	move_picker(s, ui, LIST_FIRST);
}

static void picker_last(struct screen *s, struct ui *ui)
{
	move_picker(s, ui, LIST_LAST);
}

static void picker_choose(struct screen *s, struct ui *ui)
{
	choose(ui, (struct picker *)s);
}

static void picker_cancel(struct screen *s, struct ui *ui)
{
	(void)s;
	ui_pop(ui);
}

static bool picks_codes(struct screen *s, struct ui *ui)
{
	struct picker *p = (struct picker *)s;

	(void)ui;
	return p->kind == PICK_CODES && p->count > 0;
}

static void picker_tick(struct screen *s, struct ui *ui)
{
	struct picker *p = (struct picker *)s;

	(void)ui;
	p->rows[p->list.cursor].ticked = !p->rows[p->list.cursor].ticked;
}

/* clang-format off */
static const struct action picker_actions[] = {
	{"choose", {KEY_ENTER_CHAR, '\r', KEY_FN(KEY_ENTER)}, "choose",
	 "choose it (for codes, accept the ticked ones)", 0, picker_choose, NULL, NULL},
	{"tick", {' '}, "tick", "tick or untick a code", 0, picker_tick, picks_codes, NULL},
	{"cancel", {KEY_ESCAPE}, "cancel", "close without choosing", 0, picker_cancel, NULL, NULL},
	{"up", {KEY_FN(KEY_UP)}, "up", "the row above", 0, picker_up, NULL, NULL},
	{"down", {KEY_FN(KEY_DOWN), '\t'}, "down", "the row below", 0, picker_down, NULL, NULL},
	{"page up", {KEY_FN(KEY_PPAGE)}, "page up", "a page up", 0, picker_page_up, NULL, NULL},
	{"page down", {KEY_FN(KEY_NPAGE)}, "page down", "a page down", 0, picker_page_down, NULL, NULL},
	{"first", {KEY_FN(KEY_HOME)}, "first", "the first row", 0, picker_first, NULL, NULL},
	{"last", {KEY_FN(KEY_END)}, "last", "the last row", 0, picker_last, NULL, NULL},
	{NULL},
};
/* clang-format on */

static const struct action *const picker_tables[] = {picker_actions, NULL};

const struct screen_class picker_class = {
	.name = "Choose",
	.actions = picker_tables,
	.focused_list = picker_list,
	.draw = picker_draw,
	.key = picker_key,
	.status = picker_status,
	.destroy = picker_destroy,
	.modal = true,
};

static struct picker *picker_new(const char *title, enum picker_kind kind, picker_fn chosen,
				 void *arg)
{
	struct picker *p = calloc(1, sizeof *p);

	if (p == NULL)
		return NULL;
	p->base.cls = &picker_class;
	snprintf(p->base.title, sizeof p->base.title, "%s", title);
	p->kind = kind;
	p->chosen = chosen;
	p->arg = arg;
	line_init(&p->filter, NULL);
	return p;
}

void picker_records_at(struct ui *ui, const char *title, const struct record_type *target,
		       const char *text, const char *current_id, picker_fn chosen, void *arg)
{
	struct picker *p = picker_new(title, PICK_RECORD, chosen, arg);

	if (p == NULL)
		return;
	p->target = target;
	line_set(&p->filter, text);
	refresh_records(p, ui);
	/* Opened on what the field holds now, as a choice list is. */
	for (int i = 0; current_id != NULL && i < p->count; i++)
		if (p->rows[i].id != NULL && strcmp(p->rows[i].id, current_id) == 0)
			list_move_to(&p->list, i);
	ui_push(ui, &p->base);
}

void picker_records(struct ui *ui, const char *title, const struct record_type *target,
		    const char *text, picker_fn chosen, void *arg)
{
	picker_records_at(ui, title, target, text, NULL, chosen, arg);
}

void picker_choice(struct ui *ui, const char *title, const struct field *field,
		   const char *current, const char *typed, picker_fn chosen, void *arg)
{
	struct picker *p = picker_new(title, PICK_CHOICE, chosen, arg);

	if (p == NULL)
		return;
	p->field = field;
	line_set(&p->filter, typed);
	refresh_choices(p, typed && typed[0] ? NULL : current);
	ui_push(ui, &p->base);
}

void picker_codes(struct ui *ui, const char *title, const struct field *field,
		  const char *current, picker_fn chosen, void *arg)
{
	struct picker *p = picker_new(title, PICK_CODES, chosen, arg);

	if (p == NULL)
		return;
	if (field->choices != NULL) {
		for (int i = 0; field->choices[i] != NULL; i++)
			add_row(p, field->choices[i], NULL, false, has_code(current, field->choices[i]));
	} else {
		struct ref_candidate *found = NULL;
		struct error err;
		int n = ref_suggest(ui->s, record_type_find(field->target), "", PICKER_ROWS_MAX,
				    &found, &err);

		for (int i = 0; i < n; i++)
			add_row(p, found[i].title, NULL, false, has_code(current, found[i].title));
		ref_candidates_free(found, n > 0 ? n : 0);
	}
	list_set_count(&p->list, p->count);
	ui_push(ui, &p->base);
}
