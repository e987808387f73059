/* Modal questions. */
#include "tui/prompt.h"

#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/smreg.h"
#include "core/text.h"
#include "tui/line.h"

struct prompt {
	struct screen base;
	char question[512];
	char keys[16];
	bool text_mode;
	enum prompt_hint hint;
	struct line line;
	prompt_key_fn key_answered;
	prompt_text_fn text_answered;
	void *arg;
	void (*free_arg)(void *);
};

static void prompt_destroy(struct screen *s)
{
	struct prompt *p = (struct prompt *)s;

	if (p->free_arg != NULL)
		p->free_arg(p->arg);
	line_free(&p->line);
	free(p);
}

bool prompt_date_hint(struct ui *ui, const char *text, char *buf, int len)
{
	static const char *const weekdays[] = {
		"Thursday",
		"Friday",
		"Saturday",
		"Sunday",
		"Monday",
		"Tuesday",
		"Wednesday",
	};
	struct date d;
	const char *why;
	char why_buf[128];
	char iso[DATE_ISO_SIZE];
	long days;

	if (text == NULL || text[strspn(text, " ")] == '\0') {
		snprintf(buf, (size_t)len, "(empty)");
		return false;
	}
	if (date_parse(text, smreg_today(ui->s), &d, &why, why_buf) != 0) {
		snprintf(buf, (size_t)len, "%s", why);
		return false;
	}
	date_to_iso(d, iso);
	date_iso_to_display(iso, iso);
	days = date_to_days(d);
	/* 1970-01-01 was a Thursday. */
	snprintf(buf, (size_t)len, "%s %s", weekdays[((days % 7) + 7) % 7], iso);
	return true;
}

static void prompt_draw(struct screen *s, struct ui *ui, int y, int x, int height, int width)
{
	struct prompt *p = (struct prompt *)s;
	int box_width = width > 70 ? 70 : width - 2;
	attr_t question_attr = ui->attr[ATTR_HEADING] & ~A_UNDERLINE;
	/* The whole question, however long: wrapped, never cut. */
	int lines = draw_wrapped(0, 0, box_width - 4, height - 6, p->question, question_attr, false);
	int box_height = lines + (p->text_mode ? 5 : 2);
	int top = y + (height - box_height) / 2;
	int left = x + (width - box_width) / 2;
	int row = top + 1 + lines;

	draw_box(top, left, box_height, box_width, NULL, ui);
	draw_wrapped(top + 1, left + 2, box_width - 4, lines, p->question, question_attr, true);
	if (!p->text_mode)
		return;
	line_draw(&p->line, ui, row, left + 2, box_width - 4, ui->attr[ATTR_INPUT], true);
	if (p->hint == HINT_DATE) {
		char hint[160];
		bool ok = prompt_date_hint(ui, p->line.text, hint, sizeof hint);

		draw_text(row + 1, left + 2, box_width - 4, hint, ui->attr[ok ? ATTR_OK : ATTR_ERROR]);
	}
	draw_text(row + 2, left + 2, box_width - 4, "Enter: accept   Esc: cancel",
		  ui->attr[ATTR_MUTED]);
}

/* Pop the prompt, then answer the screen that asked (now on top). */
static void answer_key(struct ui *ui, struct prompt *p, int key)
{
	prompt_key_fn answered = p->key_answered;
	void *arg = p->arg;
	void (*free_arg)(void *) = p->free_arg;

	p->free_arg = NULL;
	ui_pop(ui);
	if (answered != NULL)
		answered(ui->top, ui, key, arg);
	if (free_arg != NULL)
		free_arg(arg);
}

static void answer_text(struct ui *ui, struct prompt *p)
{
	prompt_text_fn answered = p->text_answered;
	void *arg = p->arg;
	void (*free_arg)(void *) = p->free_arg;
	char *text = strdup(p->line.text);

	p->free_arg = NULL;
	ui_pop(ui);
	if (answered != NULL && text != NULL)
		answered(ui->top, ui, text, arg);
	if (free_arg != NULL)
		free_arg(arg);
	free(text);
}

static bool prompt_key(struct screen *s, struct ui *ui, int key)
{
	struct prompt *p = (struct prompt *)s;
	bool changed;

	if (key == KEY_ESCAPE) {
		if (p->text_mode)
			ui_pop(ui);
		else
			answer_key(ui, p, p->keys[strlen(p->keys) - 1]);
		return true;
	}
	if (p->text_mode) {
		if (ui_is_enter(key))
			answer_text(ui, p);
		else
			line_key(&p->line, key, &changed);
		return true;
	}
	if (key > 0 && key < 128 && strchr(p->keys, key) != NULL) {
		answer_key(ui, p, key);
		return true;
	}
	if (key > 0 && key < 128 && strchr(p->keys, key | 0x20) != NULL) {
		answer_key(ui, p, key | 0x20);
		return true;
	}
	return true; /* a question holds every other key until answered */
}

static const char *prompt_status(struct screen *s, struct ui *ui)
{
	struct prompt *p = (struct prompt *)s;

	(void)ui;
	return p->text_mode ? " Enter:accept  Esc:cancel  ^U:clear" : " answer the question (Esc: no)";
}

const struct screen_class prompt_class = {
	.name = "Question",
	.draw = prompt_draw,
	.key = prompt_key,
	.status = prompt_status,
	.destroy = prompt_destroy,
	.modal = true,
};

static struct prompt *prompt_new(struct ui *ui, const char *question, void *arg,
				 void (*free_arg)(void *))
{
	struct prompt *p = calloc(1, sizeof *p);

	if (p == NULL) {
		if (free_arg != NULL)
			free_arg(arg);
		ui_message(ui, true, "out of memory");
		return NULL;
	}
	p->base.cls = &prompt_class;
	snprintf(p->base.title, sizeof p->base.title, "%s", ui->top ? ui->top->title : "");
	snprintf(p->question, sizeof p->question, "%s", question);
	p->arg = arg;
	p->free_arg = free_arg;
	return p;
}

void prompt_keys(struct ui *ui, const char *question, const char *keys,
		 prompt_key_fn answered, void *arg, void (*free_arg)(void *))
{
	struct prompt *p = prompt_new(ui, question, arg, free_arg);

	if (p == NULL)
		return;
	snprintf(p->keys, sizeof p->keys, "%s", keys);
	p->key_answered = answered;
	line_init(&p->line, NULL);
	ui_push(ui, &p->base);
}

struct confirm {
	prompt_key_fn yes;
	void *arg;
	void (*free_arg)(void *);
};

static void confirm_answered(struct screen *asker, struct ui *ui, int key, void *arg)
{
	struct confirm *c = arg;

	if (key == 'y' && c->yes != NULL)
		c->yes(asker, ui, key, c->arg);
}

static void confirm_free(void *arg)
{
	struct confirm *c = arg;

	if (c->free_arg != NULL)
		c->free_arg(c->arg);
	free(c);
}

void prompt_confirm(struct ui *ui, const char *question, prompt_key_fn yes, void *arg,
		    void (*free_arg)(void *))
{
	struct confirm *c = malloc(sizeof *c);
	char text[600];

	if (c == NULL) {
		if (free_arg != NULL)
			free_arg(arg);
		return;
	}
	c->yes = yes;
	c->arg = arg;
	c->free_arg = free_arg;
	snprintf(text, sizeof text, "%s (y/n)", question);
	prompt_keys(ui, text, "yn", confirm_answered, c, confirm_free);
}

void prompt_text(struct ui *ui, const char *question, const char *initial,
		 enum prompt_hint hint, prompt_text_fn answered, void *arg,
		 void (*free_arg)(void *))
{
	struct prompt *p = prompt_new(ui, question, arg, free_arg);

	if (p == NULL)
		return;
	p->text_mode = true;
	p->hint = hint;
	p->text_answered = answered;
	line_init(&p->line, initial);
	ui_push(ui, &p->base);
}
