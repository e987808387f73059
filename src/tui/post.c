/*
 * The question a member of staff asks before posting a photo.  The answer
 * is worked out again after every change, in words as well as colour.
 */
#include "tui/post.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/canpost.h"
#include "core/record.h"
#include "core/ref.h"
#include "core/smreg.h"
#include "tui/list.h"
#include "tui/picker.h"

#define PUPILS_MAX 60

enum post_focus {
	FOCUS_CHANNEL,
	FOCUS_POSTER,
	FOCUS_NAMED,
	FOCUS_PUPILS,
	FOCUS_ANSWER,
	FOCUS_COUNT,
};

struct chosen {
	char id[64];
	char title[256];
};

struct post {
	struct screen base;
	struct chosen channel;
	struct chosen poster;
	bool named;
	struct chosen pupils[PUPILS_MAX];
	int pupil_count;
	struct list pupil_list;
	struct list answer_list; /* the reasons, scrolled when they do not fit */
	enum post_focus focus;
	struct post_answer *answer;
	char error[600];
};

static struct post *as_post(struct screen *s)
{
	return (struct post *)s;
}

/* Ask core again: the answer always matches what is on screen. */
static void recheck(struct post *p, struct ui *ui)
{
	const char *ids[PUPILS_MAX];
	struct post_question q = {
		.pupils = ids,
		.pupil_count = (size_t)p->pupil_count,
		.channel = p->channel.id,
		.poster = p->poster.id[0] ? p->poster.id : NULL,
		.named = p->named,
	};
	struct error err;

	post_answer_free(&p->answer);
	p->error[0] = '\0';
	if (p->channel.id[0] == '\0' || p->pupil_count == 0)
		return;
	for (int i = 0; i < p->pupil_count; i++)
		ids[i] = p->pupils[i].id;
	if (canpost_check(ui->s, &q, &p->answer, &err) != STATUS_OK)
		error_message(&err, p->error, sizeof p->error);
	list_set_count(&p->answer_list, p->answer ? (long)p->answer->count : 0);
	list_move_to(&p->answer_list, 0);
}

static void draw_choice(struct ui *ui, int y, int x, int width, const char *label, const char *value,
			bool focused)
{
	draw_text(y, x + 1, 16, label, focused ? ui->attr[ATTR_HEADING] & ~A_UNDERLINE : ui->attr[ATTR_NORMAL]);
	draw_text(y, x + 18, width - 20, value, focused ? ui->attr[ATTR_SELECTED] : ui->attr[ATTR_INPUT]);
}

/* The answer's i-th reason to show: every "no" before any "ok", so what
 * stops the post is read first. */
static const struct post_reason *reason_shown(const struct post_answer *a, long i)
{
	long seen = 0;

	for (int pass = 0; pass < 2; pass++)
		for (size_t r = 0; r < a->count; r++)
			if (a->reasons[r].ok == (pass == 1) && seen++ == i)
				return &a->reasons[r];
	return NULL;
}

/* The answer, under the question: its verdict, then its reasons in the
 * rows given, scrolled (Tab to it, then the arrows) when they do not all
 * fit, with a line saying how many more there are.  Returns rows used. */
static int draw_answer(struct post *p, struct ui *ui, int y, int x, int width, int rows)
{
	struct list *l = &p->answer_list;
	bool focused = p->focus == FOCUS_ANSWER;
	int shown;

	if (p->error[0] != '\0')
		return draw_wrapped(y, x + 1, width - 2, rows, p->error, ui->attr[ATTR_ERROR], true);
	if (p->answer == NULL) {
		draw_text(y, x + 1, width - 2, "Choose a channel and at least one pupil for the answer.",
			  ui->attr[ATTR_MUTED]);
		return 1;
	}
	draw_text(y, x + 1, width - 2, p->answer->yes ? "YES: you may post" : "NO: do not post",
		  ui->attr[p->answer->yes ? ATTR_OK : ATTR_OVERDUE] | A_BOLD);
	shown = rows - 1;
	if (shown < (int)p->answer->count)
		shown--; /* a line for "more" */
	if (shown < 1)
		shown = 1;
	list_set_height(l, shown);
	/* The cursor is the first reason in view: each key scrolls at once. */
	if (l->cursor > l->count - shown)
		l->cursor = l->count - shown > 0 ? l->count - shown : 0;
	l->top = l->cursor;
	for (int i = 0; i < shown && l->top + i < l->count; i++) {
		const struct post_reason *r = reason_shown(p->answer, l->top + i);
		char line[700];

		snprintf(line, sizeof line, "%s: %s", r->subject, r->text);
		draw_text(y + 1 + i, x + 3, 3, r->ok ? "ok" : "no",
			  ui->attr[r->ok ? ATTR_OK : ATTR_OVERDUE]);
		draw_text(y + 1 + i, x + 7, width - 8, line, ui->attr[ATTR_NORMAL]);
	}
	if (l->count > shown) {
		long below = l->count - l->top - shown;
		char more[160];

		if (below > 0)
			snprintf(more, sizeof more, "\xE2\x86\x93 %ld more%s", below,
				 focused ? ": Down, PgDn" : ": Tab to the answer, then Down");
		else
			snprintf(more, sizeof more, "\xE2\x86\x91 %ld above: Up, PgUp", l->top);
		draw_text(y + 1 + shown, x + 7, width - 8, more, ui->attr[ATTR_MUTED]);
		return shown + 2;
	}
	return 1 + (int)l->count;
}

/* How many rows the answer would take, all shown. */
static int answer_rows(const struct post *p)
{
	if (p->error[0] != '\0')
		return 2;
	return p->answer ? 1 + (int)p->answer->count : 1;
}

static void post_draw(struct screen *s, struct ui *ui, int y, int x, int height, int width)
{
	struct post *p = as_post(s);
	int row = y + 1;
	int bottom = y + height;
	int pupil_rows = p->pupil_count > 0 ? p->pupil_count : 1;
	int answer_room;

	draw_choice(ui, row++, x, width, "Channel", p->channel.id[0] ? p->channel.title : "(Enter to choose)",
		    p->focus == FOCUS_CHANNEL);
	draw_choice(ui, row++, x, width, "Who will post",
		    p->poster.id[0] ? p->poster.title : "(anyone: Enter to name them)",
		    p->focus == FOCUS_POSTER);
	draw_choice(ui, row++, x, width, "Names with photo", p->named ? "yes" : "no",
		    p->focus == FOCUS_NAMED);
	row++;
	/* The answer comes straight under the question, with the rows it
	 * needs; the pupils get what is left, two rows at least. */
	answer_room = bottom - row - 2 - (pupil_rows < 2 || height < 16 ? 1 : 2);
	if (answer_room > answer_rows(p))
		answer_room = answer_rows(p);
	if (answer_room < 2)
		answer_room = 2;
	row += draw_answer(p, ui, row, x, width, answer_room) + 1;
	draw_text(row++, x + 1, width - 2, "Pupils in the photo (a: add, d: remove)",
		  p->focus == FOCUS_PUPILS ? ui->attr[ATTR_HEADING] : ui->attr[ATTR_HEADING] & ~A_UNDERLINE);
	pupil_rows = bottom - row;
	if (pupil_rows < 1)
		pupil_rows = 1;
	list_set_height(&p->pupil_list, pupil_rows);
	if (p->pupil_count == 0)
		draw_text(row, x + 3, width - 4, "(none yet: press a)", ui->attr[ATTR_MUTED]);
	for (int i = 0; i < pupil_rows && p->pupil_list.top + i < p->pupil_count; i++) {
		long index = p->pupil_list.top + i;
		bool selected = p->focus == FOCUS_PUPILS && index == p->pupil_list.cursor;

		draw_text(row + i, x + 3, width - 4, p->pupils[index].title,
			  selected ? ui->attr[ATTR_SELECTED] : ui->attr[ATTR_NORMAL]);
	}
	if (p->pupil_list.top + pupil_rows < p->pupil_count)
		draw_text(bottom - 1, x + width - 12, 10, "\xE2\x86\x93 more", ui->attr[ATTR_MUTED]);
}

static struct list *post_list(struct screen *s)
{
	struct post *p = as_post(s);

	if (p->focus == FOCUS_ANSWER)
		return &p->answer_list;
	return p->focus == FOCUS_PUPILS ? &p->pupil_list : NULL;
}

static void post_destroy(struct screen *s)
{
	post_answer_free(&as_post(s)->answer);
	free(s);
}

static void set_chosen(struct chosen *c, const char *title, const char *id)
{
	snprintf(c->title, sizeof c->title, "%s", title ? title : "");
	snprintf(c->id, sizeof c->id, "%s", id ? id : "");
}

static void channel_chosen(struct screen *s, struct ui *ui, const char *value, const char *id, void *arg)
{
	(void)arg;
	set_chosen(&as_post(s)->channel, value, id);
	recheck(as_post(s), ui);
}

static void poster_chosen(struct screen *s, struct ui *ui, const char *value, const char *id, void *arg)
{
	(void)arg;
	set_chosen(&as_post(s)->poster, value, id);
	recheck(as_post(s), ui);
}

static void pupil_chosen(struct screen *s, struct ui *ui, const char *value, const char *id, void *arg)
{
	struct post *p = as_post(s);

	(void)arg;
	for (int i = 0; i < p->pupil_count; i++)
		if (strcmp(p->pupils[i].id, id) == 0)
			return;
	if (p->pupil_count == PUPILS_MAX) {
		ui_message(ui, true, "At most %d pupils at a time.", PUPILS_MAX);
		return;
	}
	set_chosen(&p->pupils[p->pupil_count++], value, id);
	list_set_count(&p->pupil_list, p->pupil_count);
	list_move_to(&p->pupil_list, p->pupil_count - 1);
	p->focus = FOCUS_PUPILS;
	recheck(p, ui);
}

static void do_choose(struct screen *s, struct ui *ui)
{
	struct post *p = as_post(s);

	switch (p->focus) {
	case FOCUS_CHANNEL:
		picker_records(ui, "Channel", record_type_find("channel"), "", channel_chosen, NULL);
		break;
	case FOCUS_POSTER:
		picker_records(ui, "Who will post", record_type_find("person"), "", poster_chosen, NULL);
		break;
	case FOCUS_NAMED:
		p->named = !p->named;
		recheck(p, ui);
		break;
	case FOCUS_PUPILS:
		picker_records(ui, "Add a pupil", record_type_find("pupil"), "", pupil_chosen, NULL);
		break;
	default:
		break;
	}
}

static void do_add_pupil(struct screen *s, struct ui *ui)
{
	(void)s;
	picker_records(ui, "Add a pupil", record_type_find("pupil"), "", pupil_chosen, NULL);
}

static bool has_pupils(struct screen *s, struct ui *ui)
{
	(void)ui;
	return as_post(s)->pupil_count > 0;
}

static void do_remove_pupil(struct screen *s, struct ui *ui)
{
	struct post *p = as_post(s);
	long i = p->pupil_list.cursor;

	memmove(&p->pupils[i], &p->pupils[i + 1], (size_t)(p->pupil_count - i - 1) * sizeof p->pupils[0]);
	p->pupil_count--;
	list_set_count(&p->pupil_list, p->pupil_count);
	recheck(p, ui);
}

static void do_next(struct screen *s, struct ui *ui)
{
	(void)ui;
	as_post(s)->focus = (as_post(s)->focus + 1) % FOCUS_COUNT;
}

static void do_previous(struct screen *s, struct ui *ui)
{
	(void)ui;
	as_post(s)->focus = (as_post(s)->focus + FOCUS_COUNT - 1) % FOCUS_COUNT;
}

/* clang-format off */
static const struct action post_actions[] = {
	{"choose", {'\n', '\r', KEY_FN(KEY_ENTER)}, "choose",
	 "choose the channel, the poster or a pupil; change names with photo", ACTION_STATUS,
	 do_choose, NULL, NULL},
	{"next", {'\t'}, "next", "the next part of the question, then the answer (its reasons "
	 "scroll with the arrows)", ACTION_STATUS, do_next, NULL, NULL},
	{"previous", {KEY_FN(KEY_BTAB)}, "previous", "the part before", 0, do_previous, NULL, NULL},
	{"add pupil", {'a'}, "add pupil", "add a pupil to the photo", ACTION_STATUS, do_add_pupil,
	 NULL, NULL},
	{"remove pupil", {'d', KEY_FN(KEY_DC)}, "remove pupil", "take the chosen pupil out", 0,
	 do_remove_pupil, has_pupils, NULL},
	{NULL},
};
/* clang-format on */

static const struct action *const post_tables[] = {post_actions, movement_actions, NULL};

const struct screen_class post_class = {
	.name = "May I post?",
	.actions = post_tables,
	.focused_list = post_list,
	.draw = post_draw,
	.destroy = post_destroy,
};

struct screen *post_screen_new(struct ui *ui)
{
	struct post *p = calloc(1, sizeof *p);

	if (p == NULL)
		return NULL;
	p->base.cls = &post_class;
	snprintf(p->base.title, sizeof p->base.title, "may I post a photo?");
	/* Most often the one asking will post. */
	if (smreg_person_id(ui->s) != NULL) {
		char *me = ref_title(ui->s, record_type_find("person"), smreg_person_id(ui->s));

		set_chosen(&p->poster, me, smreg_person_id(ui->s));
		free(me);
	}
	return &p->base;
}
