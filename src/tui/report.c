/*
 * The governors' report on a screen: the text smreg report prints, to
 * scroll through, and w to write the same report as an HTML page to print.
 */
#include "tui/report.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/report.h"
#include "core/text.h"
#include "tui/prompt.h"

/* How far Left and Right move across a wide table, in columns. */
#define SIDE_STEP 20

struct report_screen {
	struct screen base;
	struct report *report;
	char *text; /* the report as text, its lines cut at '\n' */
	char **lines;
	int count;
	int top;    /* the first line in view */
	int left;   /* the first column in view */
	int height; /* lines in view, as last drawn */
};

static struct report_screen *as_report(struct screen *s)
{
	return (struct report_screen *)s;
}

/* The line from its column `left` on (a character a column). */
static const char *from_column(const char *line, int left)
{
	size_t len = strlen(line);

	while (left-- > 0 && len > 0) {
		unsigned code;
		size_t n = text_decode(line, len, &code);

		n = n ? n : 1;
		line += n;
		len -= n;
	}
	return line;
}

static void report_draw(struct screen *s, struct ui *ui, int y, int x, int height, int width)
{
	struct report_screen *r = as_report(s);

	r->height = height;
	if (r->top > r->count - height)
		r->top = r->count - height > 0 ? r->count - height : 0;
	for (int row = 0; row < height; row++) {
		int i = r->top + row;
		const char *line = i < r->count ? r->lines[i] : "";
		/* Section headings ("3. Authorisations") and the title stand out. */
		bool heading = i == 0 || (line[0] >= '1' && line[0] <= '9' && line[1] == '.');

		draw_text(y + row, x, width, from_column(line, r->left),
			  ui->attr[heading ? ATTR_HEADING : ATTR_NORMAL]);
	}
}

static void scroll_by(struct screen *s, int lines)
{
	struct report_screen *r = as_report(s);

	r->top += lines;
	if (r->top > r->count - r->height)
		r->top = r->count - r->height;
	if (r->top < 0)
		r->top = 0;
}

static void do_up(struct screen *s, struct ui *ui)
{
	(void)ui;
	scroll_by(s, -1);
}

static void do_down(struct screen *s, struct ui *ui)
{
	(void)ui;
	scroll_by(s, 1);
}

static void do_page_up(struct screen *s, struct ui *ui)
{
	(void)ui;
	scroll_by(s, -(as_report(s)->height - 1));
}

static void do_page_down(struct screen *s, struct ui *ui)
{
	(void)ui;
	scroll_by(s, as_report(s)->height - 1);
}

static void do_first(struct screen *s, struct ui *ui)
{
	(void)ui;
	as_report(s)->top = 0;
}

static void do_last(struct screen *s, struct ui *ui)
{
	(void)ui;
	scroll_by(s, as_report(s)->count);
}

static void do_left(struct screen *s, struct ui *ui)
{
	struct report_screen *r = as_report(s);

	(void)ui;
	r->left = r->left > SIDE_STEP ? r->left - SIDE_STEP : 0;
}

static void do_right(struct screen *s, struct ui *ui)
{
	(void)ui;
	as_report(s)->left += SIDE_STEP;
}

/* Write the HTML to a new file, never over one that is there. */
static void write_answered(struct screen *s, struct ui *ui, const char *path, void *arg)
{
	struct report_screen *r = as_report(s);
	int fd;
	FILE *out;

	(void)arg;
	if (path == NULL || path[0] == '\0')
		return;
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0) {
		ui_message(ui, true, "cannot write %s: %s", path,
			   errno == EEXIST ? "it already exists: give another name" : strerror(errno));
		return;
	}
	out = fdopen(fd, "w");
	if (out == NULL) {
		close(fd);
		ui_message(ui, true, "cannot write %s: %s", path, strerror(errno));
		return;
	}
	report_write_html(r->report, out);
	if (ferror(out) | (fclose(out) != 0))
		ui_message(ui, true, "cannot write %s: %s", path, strerror(errno));
	else
		ui_message(ui, false, "Wrote %s: open it in a browser to print", path);
}

static void do_write(struct screen *s, struct ui *ui)
{
	struct report_screen *r = as_report(s);
	char name[96];

	snprintf(name, sizeof name, "governors-report-%s-to-%s.html", r->report->from, r->report->to);
	prompt_text(ui, "Write the report as HTML to:", name, HINT_NONE, write_answered, NULL, NULL);
}

/* clang-format off */
static const struct action report_actions[] = {
	{"write", {'w'}, "write HTML", "write the report as an HTML page, to print", ACTION_STATUS,
	 do_write, NULL, NULL},
	{"up", {KEY_FN(KEY_UP), 'k'}, "up", "a line up", 0, do_up, NULL, NULL},
	{"down", {KEY_FN(KEY_DOWN), 'j'}, "down", "a line down", 0, do_down, NULL, NULL},
	{"page up", {KEY_FN(KEY_PPAGE), KEY_CTRL('b')}, "page up", "a page up", 0, do_page_up, NULL, NULL},
	{"page down", {KEY_FN(KEY_NPAGE), KEY_CTRL('f'), ' '}, "page down", "a page down", 0,
	 do_page_down, NULL, NULL},
	{"first", {KEY_FN(KEY_HOME), 'g'}, "first", "the start", 0, do_first, NULL, NULL},
	{"last", {KEY_FN(KEY_END), 'G'}, "last", "the end", 0, do_last, NULL, NULL},
	{"left", {KEY_FN(KEY_LEFT), 'h'}, "left", "see the left of wide tables", 0, do_left, NULL, NULL},
	{"right", {KEY_FN(KEY_RIGHT), 'l'}, "right", "see the right of wide tables", 0, do_right,
	 NULL, NULL},
	{NULL},
};
/* clang-format on */

static void report_destroy(struct screen *s)
{
	struct report_screen *r = as_report(s);

	report_free(&r->report);
	free(r->lines);
	free(r->text);
	free(r);
}

static const struct action *const report_tables[] = {report_actions, NULL};

const struct screen_class report_class = {
	.name = "Governors' report",
	.actions = report_tables,
	.draw = report_draw,
	.destroy = report_destroy,
};

/* The report's text, cut into lines. */
static int split_text(struct report_screen *r)
{
	size_t size = 0;
	FILE *out = open_memstream(&r->text, &size);
	int lines = 0;

	if (out == NULL)
		return -1;
	report_write_text(r->report, out);
	if (fclose(out) != 0 || r->text == NULL)
		return -1;
	for (const char *p = r->text; *p != '\0'; p++)
		lines += *p == '\n';
	r->lines = calloc((size_t)lines + 1, sizeof *r->lines);
	if (r->lines == NULL)
		return -1;
	for (char *p = r->text, *end; *p != '\0'; p = end + 1) {
		end = strchr(p, '\n');
		r->lines[r->count++] = p;
		if (end == NULL)
			break;
		*end = '\0';
	}
	return 0;
}

struct screen *report_screen_new(struct ui *ui)
{
	struct report_screen *r = calloc(1, sizeof *r);
	struct report_options o = {0};
	struct error err = {0};

	if (r == NULL)
		return NULL;
	r->base.cls = &report_class;
	if (report_build(ui->s, &o, &r->report, &err) != STATUS_OK) {
		ui_error(ui, "cannot make the governors' report", &err);
		report_destroy(&r->base);
		return NULL;
	}
	if (split_text(r) != 0) {
		ui_message(ui, true, "cannot show the governors' report: out of memory");
		report_destroy(&r->base);
		return NULL;
	}
	snprintf(r->base.title, sizeof r->base.title, "governors' report");
	return &r->base;
}
