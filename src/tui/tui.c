/*
 * The terminal UI's life: set the terminal up, run the loop of keys, put
 * the terminal back however smreg ends — quit, Ctrl-C, SIGTERM, a hangup
 * or a crash.
 */
#include "tui/tui.h"

#include <errno.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "core/access.h"
#include "core/due.h"
#include "core/record.h"
#include "core/smreg.h"
#include "tui/calendar.h"
#include "tui/dashboard.h"
#include "tui/menu.h"
#include "tui/post.h"
#include "tui/prompt.h"
#include "tui/report.h"
#include "tui/ui.h"

/* Signal handlers only set this; the loop does the work. */
static volatile sig_atomic_t pending_signal;

/* The terminal as it was, for the crash handler to put back. */
static struct termios saved_termios;
static volatile sig_atomic_t termios_saved;

static void on_signal(int sig)
{
	pending_signal = sig;
}

/*
 * A crash: put the terminal back with async-signal-safe calls only, then
 * die of the same signal so the shell and core dumps see what happened.
 */
static void on_fatal(int sig)
{
	static const char reset[] = "\033[0m\033[?25h\033[?1049l\r\n";

	if (termios_saved)
		tcsetattr(STDIN_FILENO, TCSANOW, &saved_termios);
	if (write(STDOUT_FILENO, reset, sizeof reset - 1) < 0) {
		/* Nothing more can be done from here. */
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

static void install_handlers(void)
{
	static const int fatal[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sa.sa_handler = on_fatal;
	for (size_t i = 0; i < sizeof fatal / sizeof fatal[0]; i++)
		sigaction(fatal[i], &sa, NULL);
}

static void restore_handlers(void)
{
	static const int all[] = {SIGINT, SIGTERM, SIGHUP, SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};

	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
		signal(all[i], SIG_DFL);
}

/* --- the actions available on every screen ------------------------------------ */

static void do_help(struct screen *s, struct ui *ui)
{
	struct screen *help = help_screen_new(ui);

	(void)s;
	if (help != NULL)
		ui_push(ui, help);
}

static void quit_now(struct screen *s, struct ui *ui, int key, void *arg)
{
	(void)s;
	(void)key;
	(void)arg;
	ui->quit = true;
}

static void leave_screen(struct screen *s, struct ui *ui, int key, void *arg)
{
	(void)s;
	(void)key;
	(void)arg;
	ui_pop(ui);
}

static void do_back(struct screen *s, struct ui *ui)
{
	if (s->below == NULL)
		ui->quit = true;
	else if (s->cls->dirty != NULL && s->cls->dirty(s))
		prompt_confirm(ui, "Leave without saving what you typed?", leave_screen, NULL, NULL);
	else
		ui_pop(ui);
}

static const char *back_label(struct screen *s, struct ui *ui)
{
	(void)ui;
	return s->below == NULL ? "quit" : "back";
}

static void do_quit(struct screen *s, struct ui *ui)
{
	(void)s;
	if (ui_dirty(ui))
		prompt_confirm(ui, "Quit smreg and lose what you typed but did not save?",
			       quit_now, NULL, NULL);
	else
		ui->quit = true;
}

/* Back to the dashboard at the bottom of the stack. */
static void to_dashboard(struct screen *s, struct ui *ui, int key, void *arg)
{
	(void)s;
	(void)key;
	(void)arg;
	while (ui->top != NULL && ui->top->below != NULL)
		ui_pop(ui);
}

static void do_dashboard(struct screen *s, struct ui *ui)
{
	if (ui_dirty(ui))
		prompt_confirm(ui, "Go to the dashboard and lose what you typed?", to_dashboard,
			       NULL, NULL);
	else
		to_dashboard(s, ui, 0, NULL);
}

static void do_registers(struct screen *s, struct ui *ui)
{
	struct screen *menu = menu_screen_new(ui);

	(void)s;
	if (menu != NULL)
		ui_push(ui, menu);
}

/* Asking "may I post?" means reading pupils: not for governors. */
static bool may_check_post(struct screen *s, struct ui *ui)
{
	(void)s;
	return (access_mine(ui->s, record_type_find("pupil")) & CAN_READ) != 0;
}

static void do_post(struct screen *s, struct ui *ui)
{
	struct screen *post = post_screen_new(ui);

	(void)s;
	if (post != NULL)
		ui_push(ui, post);
}

static void do_calendar(struct screen *s, struct ui *ui)
{
	struct screen *calendar = calendar_screen_new(ui);

	(void)s;
	if (calendar != NULL)
		ui_push(ui, calendar);
}

/* The governors' report, for whoever may count contact reports. */
static bool may_report(struct screen *s, struct ui *ui)
{
	(void)s;
	return (access_mine(ui->s, record_type_find("contact")) & CAN_COUNT) != 0;
}

static void do_report(struct screen *s, struct ui *ui)
{
	struct screen *report = report_screen_new(ui);

	(void)s;
	if (report != NULL)
		ui_push(ui, report);
}

static void do_redraw(struct screen *s, struct ui *ui)
{
	(void)s;
	(void)ui;
	clearok(curscr, TRUE);
}

/* clang-format off */
const struct action global_actions[] = {
	{"help", {'?', KEY_FN(KEY_F(1))}, "help", "the keys of this screen", ACTION_STATUS, do_help, NULL, NULL},
	{"back", {'q', KEY_ESCAPE}, "back", "back to the screen before (quit on the dashboard)",
	 ACTION_STATUS, do_back, NULL, back_label},
	{"dashboard", {'D'}, "dashboard", "the dashboard: what is due", 0, do_dashboard, NULL, NULL},
	{"registers", {'R'}, "registers", "choose a register to open", ACTION_STATUS_HOME,
	 do_registers, NULL, NULL},
	{"may I post?", {'M'}, "may I post?", "may I post a photo of these pupils?", ACTION_STATUS_HOME, do_post, may_check_post, NULL},
	{"calendar", {'V'}, "calendar", "the policy review calendar", ACTION_STATUS_HOME, do_calendar, NULL, NULL},
	{"report", {'T'}, "report", "the governors' termly report (w writes it as HTML)", 0,
	 do_report, may_report, NULL},
	{"redraw", {KEY_CTRL('l')}, "redraw", "redraw the screen", 0, do_redraw, NULL, NULL},
	{"quit", {KEY_CTRL('c')}, "quit", "quit smreg", 0, do_quit, NULL, NULL},
	{NULL},
};
/* clang-format on */

/* --- the loop ------------------------------------------------------------------ */

static void handle_signal(struct ui *ui)
{
	int sig = pending_signal;

	pending_signal = 0;
	/* SIGTERM and a lost terminal cannot wait for an answer. */
	if (sig == SIGTERM || sig == SIGHUP) {
		ui->quit = true;
		ui->exit_status = 128 + sig;
	} else if (sig == SIGINT && ui->top != NULL) {
		do_quit(ui->top, ui);
	}
}

/*
 * Whether the terminal has gone: hung up, closed, or failing.  Such a
 * terminal answers every read at once with nothing, and curses says ERR
 * for that as for a quiet timeout; taken for "no key yet" it would spin.
 * Under su or runuser no SIGHUP comes to say so.  So ask the terminal: a
 * hangup or error flag, or input said to be waiting when none is queued
 * (an end of file).  A key that arrives just now is queued, so it never
 * reads as gone.
 */
static bool terminal_gone(void)
{
	struct pollfd in = {.fd = STDIN_FILENO, .events = POLLIN};
	int queued = 0;

	if (poll(&in, 1, 0) < 0)
		return errno != EINTR && errno != EAGAIN;
	if (in.revents & (POLLHUP | POLLERR | POLLNVAL))
		return true;
	if (!(in.revents & POLLIN))
		return false;
	return ioctl(STDIN_FILENO, FIONREAD, &queued) != 0 || queued == 0;
}

/* The terminal cannot answer: the UI ends at once, unsaved work lost, as
 * for SIGHUP. */
static void hang_up(struct ui *ui)
{
	ui->quit = true;
	ui->exit_status = 128 + SIGHUP;
}

/* The next key, or 0 for none (a timeout, a signal, or a terminal gone,
 * which ends the UI). */
static int read_key(struct ui *ui)
{
	wint_t ch;
	int rc = get_wch(&ch);

	if (rc == ERR) {
		if (terminal_gone())
			hang_up(ui);
		return 0;
	}
	return rc == KEY_CODE_YES ? KEY_FN((int)ch) : (int)ch;
}

static bool too_small(const struct ui *ui)
{
	return ui->cols < UI_MIN_COLS || ui->lines < UI_MIN_LINES;
}

static void handle_key(struct ui *ui, int key)
{
	if (key == KEY_FN(KEY_RESIZE)) {
		getmaxyx(stdscr, ui->lines, ui->cols);
		return;
	}
	/* Too small to show a question: only a quit that loses nothing. */
	if (too_small(ui)) {
		if (key == KEY_CTRL('c') && !ui_dirty(ui))
			ui->quit = true;
		return;
	}
	ui->message[0] = '\0';
	if (!ui_dispatch(ui, key))
		ui_message(ui, false, "That key does nothing here: press ? for the keys.");
}

/* Rights that follow the register's records (a head reads a concern about
 * staff) are made current before each key: when they changed, every
 * screen refetches.  Should the check fail, the rights stay as they were,
 * and the next key tries again. */
static void refresh_rights(struct ui *ui)
{
	struct error err;
	bool changed;

	if (access_refresh(ui->s, &changed, &err) == STATUS_OK && changed)
		ui_changed(ui);
}

static void run_loop(struct ui *ui)
{
	bool redraw = true;

	while (!ui->quit && ui->top != NULL) {
		int key;

		if (redraw)
			ui_draw(ui);
		key = read_key(ui);
		/* A search deferred for a key that reads as none (Ctrl-Space,
		 * a stray byte) is still to be read. */
		redraw = pending_signal != 0 || ui->search_waiting;
		/* Someone else wrote: the warnings, counts and lists shown are
		 * read again, within a quarter of a second. */
		if (smreg_changed_elsewhere(ui->s)) {
			ui_changed(ui);
			redraw = true;
		}
		if (pending_signal)
			handle_signal(ui);
		if (key == 0)
			continue;
		/* Keys already waiting (a paste, quick typing) are all taken
		 * before one redraw, rather than a redraw each. */
		timeout(0);
		refresh_rights(ui);
		do
			handle_key(ui, key);
		while (!ui->quit && ui->top != NULL && (key = read_key(ui)) != 0);
		timeout(250);
		redraw = true;
	}
}

int tui_run(struct smreg *s, bool color)
{
	struct ui ui = {.s = s, .color = color, .global_actions = global_actions};
	struct screen *dashboard;

	if (tcgetattr(STDIN_FILENO, &saved_termios) == 0)
		termios_saved = 1;
	install_handlers();
	if (initscr() == NULL) {
		restore_handlers();
		return STATUS_USAGE;
	}
	raw();
	noecho();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	timeout(250);
	draw_setup_colors(&ui);
	getmaxyx(stdscr, ui.lines, ui.cols);
	/* From here on, another's write shows (run_loop). */
	smreg_changed_elsewhere(s);
	dashboard = dashboard_screen_new(&ui);
	if (dashboard != NULL) {
		ui_push(&ui, dashboard);
		/* Said here, where it stays readable, not on stderr under curses. */
		if (smreg_open_warning(s) != NULL)
			ui_message(&ui, true, "%s", smreg_open_warning(s));
		run_loop(&ui);
	}
	while (ui.top != NULL)
		ui_pop(&ui);
	due_list_free(&ui.due);
	endwin();
	restore_handlers();
	termios_saved = 0;
	return ui.exit_status;
}
