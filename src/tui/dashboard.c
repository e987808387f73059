/*
 * The dashboard: today, who is using smreg, counts per register, and the
 * due-review warnings, overdue first, each saying what, where and since
 * when.  Enter opens the record a warning is about.
 */
#include "tui/dashboard.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/access.h"
#include "core/date.h"
#include "core/due.h"
#include "core/record.h"
#include "core/store.h"
#include "tui/detail.h"
#include "tui/line.h"
#include "tui/list.h"
#include "tui/ops.h"
#include "tui/picker.h"
#include "tui/register.h"

#define COUNTS_MAX 16
/* A rule with more warnings than this (of one severity) is one line. */
#define FOLD_OVER 5
#define UNFOLDED_MAX 32

/* A line of the warnings list: a warning, or a rule's warnings folded. */
struct view_row {
	long item;   /* the warning (the first of a fold) */
	long folded; /* 0: one warning; else how many this line stands for */
	bool open;   /* a fold unfolded: its warnings follow */
};

struct count {
	const struct record_type *type;
	long current;
};

struct dashboard {
	struct screen base;
	struct count counts[COUNTS_MAX];
	int count_count;
	unsigned long generation;
	bool loaded;
	struct list list;
	bool one_school;		 /* then "where" goes without saying */
	struct line filter;		 /* show only warnings holding this text */
	bool filtering;			 /* keys go to the filter */
	int severity_only;		 /* -1: every severity */
	char unfolded[UNFOLDED_MAX][80]; /* "CODE severity" of rules opened */
	int unfolded_count;
	struct view_row *rows; /* what the list shows, over ui_due's items */
	long row_count;
	char only_school[128]; /* "": every school */
	char only_rule[64];    /* "": every rule */
	bool others_shown;     /* warnings about others' work shown too */
	long others_hidden;    /* warnings the view leaves out as others' work */
	/* The one-school-or-rule picker's choices (copies, the dashboard's),
	 * kept while it is open; NULL-terminated. */
	char **pick_choices;
	long pick_rules; /* choices [1, pick_rules] are rules, then schools */
	struct field pick_field;
};

static struct dashboard *as_dashboard(struct screen *s)
{
	return (struct dashboard *)s;
}

static void free_choices(struct dashboard *d)
{
	for (long i = 0; d->pick_choices != NULL && d->pick_choices[i] != NULL; i++)
		free(d->pick_choices[i]);
	free(d->pick_choices);
	d->pick_choices = NULL;
}

static void load_counts(struct dashboard *d, struct ui *ui)
{
	size_t n;
	const struct record_type *const *types = record_types(&n);

	d->count_count = 0;
	d->one_school = true;
	for (size_t i = 0; i < n && d->count_count < COUNTS_MAX; i++) {
		struct error err;
		long count;

		/* The lookup tables are not what anyone keeps. */
		if ((types[i]->flags & RECORD_LOOKUP) ||
		    !(access_mine(ui->s, types[i]) & (CAN_COUNT | CAN_READ_OWN)))
			continue;
		if (store_total(ui->s, types[i], false, &count, &err) != STATUS_OK)
			continue;
		d->counts[d->count_count].type = types[i];
		d->counts[d->count_count].current = count;
		if (types[i]->flags & RECORD_ONE_PREFILLS)
			d->one_school = count <= 1;
		d->count_count++;
	}
}

/* Whether hay holds needle, ignoring the case of ASCII letters. */
static bool holds(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; hay != NULL && *hay != '\0'; hay++) {
		size_t i = 0;

		while (i < n && hay[i] != '\0' &&
		       tolower((unsigned char)hay[i]) == tolower((unsigned char)needle[i]))
			i++;
		if (i == n)
			return true;
	}
	return n == 0;
}

static bool shown(const struct dashboard *d, const struct due_item *item)
{
	const char *f = d->filter.text;

	if (d->severity_only >= 0 && (int)item->severity != d->severity_only)
		return false;
	if (d->only_rule[0] != '\0' && strcmp(item->code, d->only_rule) != 0)
		return false;
	/* A warning for every school (a trust's policy) is one school's too. */
	if (d->only_school[0] != '\0' && item->school != NULL &&
	    strcmp(item->school, d->only_school) != 0)
		return false;
	return f[0] == '\0' || holds(item->code, f) || holds(item->subject, f) ||
	       holds(item->detail, f) || holds(item->school, f) ||
	       holds(severity_name(item->severity), f);
}

/* "CODE severity": a rule's warnings of one severity, folded together. */
static void fold_key(const struct due_item *item, char *key, size_t len)
{
	snprintf(key, len, "%s %s", item->code, severity_name(item->severity));
}

static bool is_unfolded(const struct dashboard *d, const char *key)
{
	for (int i = 0; i < d->unfolded_count; i++)
		if (strcmp(d->unfolded[i], key) == 0)
			return true;
	return false;
}

/* The role's own work: warnings about a register the user keeps. */
static bool own_work(struct ui *ui, const struct due_item *item)
{
	const struct record_type *type = record_type_find(item->register_name);

	return type != NULL && (access_mine(ui->s, type) & CAN_WRITE) != 0;
}

#define GROUPS_MAX 256

/* The rules' warnings of one severity, as shown: how many, and whether
 * their line is listed yet. */
struct group {
	const char *code;
	enum severity severity;
	long size;
	bool listed;
};

static struct group *group_of(struct group *groups, int *count, const struct due_item *item)
{
	for (int i = 0; i < *count; i++)
		if (groups[i].severity == item->severity && strcmp(groups[i].code, item->code) == 0)
			return &groups[i];
	if (*count == GROUPS_MAX)
		return NULL;
	groups[*count] = (struct group){item->code, item->severity, 0, false};
	return &groups[(*count)++];
}

/* Whether any warning the filter lets through is the user's own work. */
static bool has_own_work(const struct dashboard *d, struct ui *ui, const struct due_list *due,
			 size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (shown(d, &due->items[i]) && own_work(ui, &due->items[i]))
			return true;
	return false;
}

/*
 * The lines of the list: the warnings the filter lets through, the user's
 * own work first, then the rest (only when asked, a for all, for a role
 * with work of its own: the DSL's reports are not lost among the admin's
 * training warnings), each in due's order (most urgent first);
 * a rule with many warnings of one severity is one line with its count,
 * its warnings under it once unfolded.
 */
static void build_view(struct dashboard *d, struct ui *ui)
{
	const struct due_list *due = ui_due(ui);
	size_t n = due ? due->count : 0;
	struct view_row *rows = calloc(n * 2 + 1, sizeof *rows);
	struct group groups[GROUPS_MAX];
	int group_count = 0;
	long count = 0;

	bool hide_others;

	if (rows == NULL)
		n = 0;
	hide_others = !d->others_shown && has_own_work(d, ui, due, n);
	d->others_hidden = 0;
	for (size_t i = 0; i < n; i++) {
		struct group *g = shown(d, &due->items[i]) ? group_of(groups, &group_count,
								      &due->items[i])
							   : NULL;
		if (g != NULL)
			g->size++;
	}
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < n; i++) {
			const struct due_item *item = &due->items[i];
			struct group *g;
			char key[80];

			if (own_work(ui, item) != (pass == 0) || !shown(d, item))
				continue;
			if (pass == 1 && hide_others) {
				d->others_hidden += item->warnings;
				continue;
			}
			g = group_of(groups, &group_count, item);
			fold_key(item, key, sizeof key);
			if (g != NULL && g->size > FOLD_OVER) {
				if (!g->listed) {
					rows[count++] = (struct view_row){(long)i, g->size,
									  is_unfolded(d, key)};
					g->listed = true;
				}
				if (!is_unfolded(d, key))
					continue;
			}
			rows[count++] = (struct view_row){(long)i, 0, false};
		}
	}
	free(d->rows);
	d->rows = rows;
	d->row_count = count;
	list_set_count(&d->list, count);
}

static void sync(struct dashboard *d, struct ui *ui)
{
	if (d->loaded && d->generation == ui->generation)
		return;
	/* The warnings first: stored again when stale, they store the counts
	 * load_counts reads (due_cache.h), which it would else count itself. */
	ui_due(ui);
	load_counts(d, ui);
	d->generation = ui->generation;
	d->loaded = true;
	build_view(d, ui);
}

/* "Channels 5   People 62   Contact reports 3" across as many lines as
 * needed, at most lines_max: the heading then says how many more there are. */
static int draw_counts(struct dashboard *d, struct ui *ui, int y, int x, int width, int lines_max)
{
	int cell = 26;
	int per_line = width / cell > 0 ? width / cell : 1;
	int lines = (d->count_count + per_line - 1) / per_line;
	int shown = d->count_count;

	if (lines > lines_max) {
		char more[80];

		lines = lines_max > 0 ? lines_max : 1;
		shown = lines * per_line;
		snprintf(more, sizeof more, "(and %d more: R opens them)", d->count_count - shown);
		draw_text(y - 1, x + 17, width - 18, more, ui->attr[ATTR_MUTED]);
	}
	for (int i = 0; i < shown; i++) {
		char text[96];

		snprintf(text, sizeof text, "%-17s %6ld", d->counts[i].type->plural, d->counts[i].current);
		draw_text(y + i / per_line, x + 1 + (i % per_line) * cell, cell - 2, text,
			  ui->attr[ATTR_NORMAL]);
	}
	return lines;
}

static enum role_attr severity_attr(enum severity severity)
{
	return severity == SEVERITY_OVERDUE ? ATTR_OVERDUE : severity == SEVERITY_DUE ? ATTR_DUE
										      : ATTR_INFO;
}

static void draw_item(const struct due_item *item, bool one_school, struct ui *ui, int y, int x,
		      int width, bool selected)
{
	static const char *const words[] = {"OVERDUE", "due", "info"};
	char date[DATE_ISO_SIZE];
	char what[600];
	int col = x + 1;
	attr_t attr = selected ? ui->attr[ATTR_SELECTED] : ui->attr[ATTR_NORMAL];

	attrset(attr);
	mvhline(y, x, ' ', width);
	date_iso_to_display(item->due_on, date);
	draw_text(y, col, 8, words[item->severity],
		  selected ? attr : ui->attr[severity_attr(item->severity)]);
	col += 9;
	draw_text(y, col, 10, date, attr);
	col += 11;
	snprintf(what, sizeof what, "%s: %s", item->subject ? item->subject : "",
		 item->detail ? item->detail : "");
	if (!one_school)
		snprintf(what + strlen(what), sizeof what - strlen(what), " (%s)",
			 item->school ? item->school : "every school");
	draw_text(y, col, width - (col - x) - 1, what, attr);
}

/* "OVERDUE  TRAINING_DUE ×1,050  Enter: show them" */
static void draw_fold(const struct due_item *item, const struct view_row *r, struct ui *ui, int y,
		      int x, int width, bool selected)
{
	static const char *const words[] = {"OVERDUE", "due", "info"};
	char count[32];
	char text[200];
	int len;
	attr_t attr = selected ? ui->attr[ATTR_SELECTED] : ui->attr[ATTR_NORMAL];

	/* 1050 as 1,050. */
	len = snprintf(count, sizeof count, "%ld", r->folded);
	for (int at = len - 3; at > 0; at -= 3) {
		memmove(count + at + 1, count + at, strlen(count + at) + 1);
		count[at] = ',';
	}
	snprintf(text, sizeof text, "%s \xC3\x97%s  %s", item->code, count,
		 r->open ? "(Enter: fold)" : "(Enter: show them)");
	attrset(attr);
	mvhline(y, x, ' ', width);
	draw_text(y, x + 1, 8, words[item->severity],
		  selected ? attr : ui->attr[severity_attr(item->severity)]);
	draw_text(y, x + 10, width - 11, text, attr | A_BOLD);
}

/* Nothing kept yet but the school smreg init made. */
static bool register_empty(const struct dashboard *d)
{
	for (int i = 0; i < d->count_count; i++)
		if (!(d->counts[i].type->flags & (RECORD_ONE_PREFILLS | RECORD_USERS)) &&
		    d->counts[i].current > 0)
			return false;
	return true;
}

/* A new register's first minute: what to do first, in order. */
static void draw_first_steps(struct ui *ui, int y, int x, int height, int width)
{
	static const char *const steps[] = {
		"This register is empty. First steps:",
		"1. The school: R, Schools, e to check its name (add more with n).",
		"2. The people: R, People, n for each member of staff and governor.",
		"3. The channels: R, Channels, n for each official account; Enter on "
		"one to add its admins.",
		"4. Pupils and consents: R, Pupils and R, Consents, or import them from CSV "
		"(smreg help import).",
		"Then this lists what falls due; ? shows the keys.",
	};
	int row = 0;

	for (size_t i = 0; i < sizeof steps / sizeof steps[0] && row < height; i++)
		row += draw_wrapped(y + row, x + 1 + (i > 0 && i < 5 ? 2 : 0), width - 4, height - row,
				    steps[i], ui->attr[i == 0 ? ATTR_HEADING : ATTR_NORMAL], true);
}

static void dashboard_draw(struct screen *s, struct ui *ui, int y, int x, int height, int width)
{
	struct dashboard *d = as_dashboard(s);
	const struct due_list *due = ui_due(ui);
	int row = y;
	char summary[200];
	bool first_steps;

	sync(d, ui);
	/* Rows of noughts say nothing to a newcomer: the first steps do. */
	first_steps = due != NULL && due->count == 0 && register_empty(d) &&
		      ops_can_add(ui, record_type_find("person"));
	if (!first_steps) {
		draw_text(row, x + 1, width - 2, "Current records", ui->attr[ATTR_HEADING]);
		/* The warnings keep room for a few lines on a small screen. */
		row += draw_counts(d, ui, row + 1, x, width, height - 10) + 2;
	}
	if (due == NULL) {
		draw_text(row, x + 1, width - 2, ui->due_error, ui->attr[ATTR_ERROR]);
		return;
	}
	snprintf(summary, sizeof summary, "Due-review warnings: %d overdue, %d due, %d for information",
		 due->by_severity[SEVERITY_OVERDUE], due->by_severity[SEVERITY_DUE],
		 due->by_severity[SEVERITY_INFO]);
	draw_text(row, x + 1, width - 2, summary, ui->attr[ATTR_HEADING]);
	row++;
	if (d->filtering || d->filter.len > 0 || d->severity_only >= 0 || d->only_rule[0] ||
	    d->only_school[0]) {
		char only[300];

		snprintf(only, sizeof only, "%s%s%s%s%s%s  (Esc: all)",
			 d->severity_only >= 0 ? "only " : "",
			 d->severity_only >= 0 ? severity_name((enum severity)d->severity_only) : "",
			 d->severity_only >= 0 && (d->only_rule[0] || d->only_school[0]) ? " " : "",
			 d->only_rule, d->only_rule[0] && d->only_school[0] ? " at " : "",
			 d->only_school);
		/* No text to filter by: what is shown has the whole line. */
		int at = d->filtering || d->filter.len > 0 ? width / 2 : 9;

		draw_text(row, x + 1, 8, "Filter:", ui->attr[ATTR_HEADING] & ~A_UNDERLINE);
		if (at > 9)
			line_draw(&d->filter, ui, row, x + 9, width / 2 - 10, ui->attr[ATTR_INPUT],
				  d->filtering);
		draw_text(row, x + at, width - at - 1, only, ui->attr[ATTR_MUTED]);
		row++;
	}
	if (first_steps) {
		draw_first_steps(ui, row + 1, x, y + height - row - 1, width);
		return;
	}
	if (d->others_hidden > 0) {
		char others[120];

		snprintf(others, sizeof others, "and %ld about others' work, not shown (a: show all)",
			 d->others_hidden);
		draw_text(row, x + 1, width - 2, others, ui->attr[ATTR_MUTED]);
		row++;
	}
	if (due->count == 0) {
		draw_text(row + 1, x + 1, width - 2, "Nothing is due. Press R to open a register.",
			  ui->attr[ATTR_OK]);
		return;
	}
	if (d->row_count == 0) {
		draw_text(row + 1, x + 1, width - 2, "No warning matches: Esc shows them all.",
			  ui->attr[ATTR_MUTED]);
		return;
	}
	list_set_height(&d->list, y + height - row);
	for (int i = 0; row + i < y + height && d->list.top + i < d->row_count; i++) {
		long index = d->list.top + i;
		const struct view_row *r = &d->rows[index];

		if (r->folded > 0)
			draw_fold(&due->items[r->item], r, ui, row + i, x, width, index == d->list.cursor);
		else
			draw_item(&due->items[r->item], d->one_school, ui, row + i, x + (r->open ? 2 : 0),
				  width, index == d->list.cursor);
	}
}

static struct list *dashboard_list(struct screen *s)
{
	return &as_dashboard(s)->list;
}

static void dashboard_destroy(struct screen *s)
{
	struct dashboard *d = as_dashboard(s);

	line_free(&d->filter);
	free(d->rows);
	free_choices(d);
	free(d);
}

/* The UI's warnings, not a copy: a write elsewhere replaces them (ui_due),
 * even before the dashboard is drawn again. */
static const struct due_item *selected(struct screen *s, struct ui *ui)
{
	struct dashboard *d = as_dashboard(s);
	const struct due_list *due;
	long cursor = d->list.cursor;

	sync(d, ui);
	due = ui_due(ui);
	if (due == NULL || cursor < 0 || cursor >= d->row_count)
		return NULL;
	return &due->items[d->rows[cursor].item];
}

/* The fold line the cursor is on, or NULL. */
static const struct view_row *selected_fold(struct screen *s, struct ui *ui)
{
	struct dashboard *d = as_dashboard(s);

	if (selected(s, ui) == NULL || d->rows[d->list.cursor].folded == 0)
		return NULL;
	return &d->rows[d->list.cursor];
}

static bool has_item(struct screen *s, struct ui *ui)
{
	return selected(s, ui) != NULL;
}

/* A rule's warnings shown under its line, or folded back into it. */
static void toggle_fold(struct dashboard *d, struct ui *ui, const struct due_item *item)
{
	char key[80];
	int i;

	fold_key(item, key, sizeof key);
	for (i = 0; i < d->unfolded_count && strcmp(d->unfolded[i], key) != 0; i++)
		;
	if (i < d->unfolded_count)
		memmove(d->unfolded[i], d->unfolded[i + 1],
			(size_t)(d->unfolded_count-- - i - 1) * sizeof d->unfolded[0]);
	else if (d->unfolded_count < UNFOLDED_MAX)
		snprintf(d->unfolded[d->unfolded_count++], sizeof d->unfolded[0], "%s", key);
	build_view(d, ui);
}

static void do_filter(struct screen *s, struct ui *ui)
{
	(void)ui;
	as_dashboard(s)->filtering = true;
}

/* All, then only overdue, only due, only for information. */
static void do_severity(struct screen *s, struct ui *ui)
{
	struct dashboard *d = as_dashboard(s);

	d->severity_only = d->severity_only == SEVERITY_INFO ? -1 : d->severity_only + 1;
	build_view(d, ui);
	list_move_to(&d->list, 0);
}

static bool dashboard_key(struct screen *s, struct ui *ui, int key)
{
	struct dashboard *d = as_dashboard(s);
	bool changed;

	if (key == KEY_ESCAPE && (d->filtering || d->filter.len > 0 || d->severity_only >= 0 ||
				  d->only_rule[0] || d->only_school[0])) {
		d->filtering = false;
		d->severity_only = -1;
		d->only_rule[0] = '\0';
		d->only_school[0] = '\0';
		line_set(&d->filter, "");
		build_view(d, ui);
		return true;
	}
	if (!d->filtering)
		return false;
	if (ui_is_enter(key)) {
		d->filtering = false;
		return true;
	}
	if (!line_key(&d->filter, key, &changed))
		return false;
	if (changed) {
		build_view(d, ui);
		list_move_to(&d->list, 0);
	}
	return true;
}

/* Open what the warning is about; a counted warning opens the register. */
static void do_open(struct screen *s, struct ui *ui)
{
	const struct due_item *item = selected(s, ui);
	const struct record_type *type = record_type_find(item->register_name);
	const struct view_row *fold = selected_fold(s, ui);

	if (fold != NULL) {
		toggle_fold(as_dashboard(s), ui, item);
		return;
	}

	if (item->record_id != NULL) {
		detail_open(ui, type, item->record_id);
	} else if (ops_can_read(ui, type)) {
		struct screen *r = register_screen_new(ui, type);

		if (r != NULL)
			ui_push(ui, r);
	} else {
		ui_message(ui, false, "Your role sees how many pupils this concerns, not who.");
	}
}

/* Others' work shown after the user's own, or left out again. */
static void do_others(struct screen *s, struct ui *ui)
{
	struct dashboard *d = as_dashboard(s);

	d->others_shown = !d->others_shown;
	build_view(d, ui);
	ui_message(ui, false, d->others_shown ? "Showing every warning: your own work first." : "Showing your own work alone.");
}

/* value added to the choices (a copy) unless listed; false when out of
 * memory. */
static bool add_choice(char **choices, long *count, const char *value)
{
	for (long i = 0; i < *count; i++)
		if (strcmp(choices[i], value) == 0)
			return true;
	choices[*count] = strdup(value);
	return choices[*count] != NULL && ++*count > 0;
}

static void one_chosen(struct screen *s, struct ui *ui, const char *value, const char *id,
		       void *arg)
{
	struct dashboard *d = as_dashboard(s);
	long i = 0;

	(void)id;
	(void)arg;
	while (d->pick_choices[i] != NULL && strcmp(d->pick_choices[i], value) != 0)
		i++;
	if (i == 0) {
		d->only_rule[0] = '\0';
		d->only_school[0] = '\0';
	} else if (i <= d->pick_rules) {
		snprintf(d->only_rule, sizeof d->only_rule, "%s", value);
	} else if (d->pick_choices[i] != NULL) {
		snprintf(d->only_school, sizeof d->only_school, "%s", value);
	}
	build_view(d, ui);
	list_move_to(&d->list, 0);
}

/* A pick-list of the rules, then the schools, the warnings name: one
 * chosen shows its warnings alone (a rule and a school together narrow
 * to both). */
static void do_one(struct screen *s, struct ui *ui)
{
	struct dashboard *d = as_dashboard(s);
	const struct due_list *due = ui_due(ui);
	size_t n = due ? due->count : 0;
	long count = 0;
	bool ok;

	free_choices(d);
	d->pick_choices = calloc(n * 2 + 2, sizeof *d->pick_choices);
	ok = d->pick_choices != NULL && add_choice(d->pick_choices, &count, "everything");
	for (size_t i = 0; ok && i < n; i++)
		ok = add_choice(d->pick_choices, &count, due->items[i].code);
	d->pick_rules = count - 1;
	for (size_t i = 0; ok && i < n && !d->one_school; i++)
		ok = due->items[i].school == NULL ||
		     add_choice(d->pick_choices, &count, due->items[i].school);
	if (!ok) {
		free_choices(d);
		ui_message(ui, true, "Out of memory.");
		return;
	}
	d->pick_field = (struct field){.name = "one", .label = "Show one", .type = FIELD_CHOICE, .choices = (const char *const *)d->pick_choices};
	picker_choice(ui, "Show one rule or one school", &d->pick_field,
		      d->only_rule[0] ? d->only_rule : d->only_school[0] ? d->only_school
									 : NULL,
		      NULL, one_chosen, NULL);
}

/* clang-format off */
static const struct action dashboard_actions[] = {
	{"open", {'\n', '\r', KEY_FN(KEY_ENTER), 'l'}, "open", "open the record the warning is "
	 "about; on a rule's line (TRAINING_DUE \xC3\x97" "1,050), show its warnings or fold them",
	 ACTION_STATUS, do_open, has_item, NULL},
	{"filter", {'/'}, "filter", "show only warnings holding what you type: a school, a rule, "
	 "a name (Enter keeps it, Esc shows all)", ACTION_STATUS, do_filter, NULL, NULL},
	{"severity", {'s'}, "severity", "show only overdue, then only due, then only for "
	 "information, then all", ACTION_STATUS, do_severity, NULL, NULL},
	{"one", {'o'}, "one", "show one rule or one school, chosen from a list (Esc: all)",
	 ACTION_STATUS, do_one, NULL, NULL},
	{"all", {'a'}, "all", "show others' work too, after your own, or your own alone",
	 0, do_others, NULL, NULL},
	{NULL},
};
/* clang-format on */

static const struct action *const dashboard_tables[] = {dashboard_actions, movement_actions, NULL};

const struct screen_class dashboard_class = {
	.name = "Dashboard",
	.actions = dashboard_tables,
	.focused_list = dashboard_list,
	.draw = dashboard_draw,
	.key = dashboard_key,
	.destroy = dashboard_destroy,
};

struct screen *dashboard_screen_new(struct ui *ui)
{
	struct dashboard *d = calloc(1, sizeof *d);

	(void)ui;
	if (d == NULL)
		return NULL;
	d->base.cls = &dashboard_class;
	snprintf(d->base.title, sizeof d->base.title, "dashboard");
	d->severity_only = -1;
	line_init(&d->filter, NULL);
	return &d->base;
}
