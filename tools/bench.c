/*
 * The measuring half of make bench (tools/bench runs it):
 *
 *   bench time N PROGRAM ARGS...
 *	run a command N times; print "median_ms worst_ms peak_kb"
 *   bench sql DB LOGIN due | list TYPE ROWS | export TYPE | can-post CHANNEL PUPIL...
 *	do what that smreg command does, through core, printing each SQL
 *	statement it runs with its values filled in, for the sqlite3 command
 *   bench ui SCRIPT PROGRAM ARGS...
 *	run the terminal UI in tmux at 80x24 and time it: to the first
 *	screen, then each key of SCRIPT (lines "KEY" or "KEY<TAB>TEXT": send
 *	KEY, then wait until the screen changes and, if given, shows TEXT;
 *	"KEY<TAB>TEXT<TAB>TAG" is timed apart from the keys, as work the
 *	key starts: a search, a sort); print each latency ("key KEY ms" or
 *	"TAG KEY ms"), then "first_ms median_ms worst_ms peak_kb"
 *   bench first N TEXT PROGRAM ARGS...
 *	start a terminal program N times in tmux at 80x24, each time until
 *	its screen shows TEXT (smreg's warnings, calcurse's first frame);
 *	print "median_ms worst_ms peak_kb"
 *
 * A developer's tool: never installed, not part of smreg.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/canpost.h"
#include "core/due.h"
#include "core/record.h"
#include "core/smreg.h"
#include "core/store.h"
#include "core/transfer.h"

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static int compare_doubles(const void *a, const void *b)
{
	double x = *(const double *)a;
	double y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double median(double *values, int n)
{
	qsort(values, (size_t)n, sizeof *values, compare_doubles);
	return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

/* --- bench time ---------------------------------------------------------------- */

static int run_times(int n, char **argv)
{
	double *took = calloc((size_t)n, sizeof *took);
	double worst = 0;
	long peak = 0;
	struct rusage usage;

	if (took == NULL)
		return 1;
	for (int i = 0; i < n; i++) {
		double start = now_ms();
		int status;
		pid_t pid = fork();

		if (pid == 0) {
			int null = open("/dev/null", O_WRONLY);

			dup2(null, STDOUT_FILENO);
			dup2(null, STDERR_FILENO);
			execvp(argv[0], argv);
			_exit(127);
		}
		if (pid < 0 || waitpid(pid, &status, 0) < 0) {
			free(took);
			return 1;
		}
		took[i] = now_ms() - start;
		if (took[i] > worst)
			worst = took[i];
		/* 1 is smreg due's "something is overdue"; a crash is no time. */
		if (!WIFEXITED(status) || WEXITSTATUS(status) > 1) {
			fprintf(stderr, "bench: %s failed (wait status %d)\n", argv[0], status);
			free(took);
			return 1;
		}
	}
	/* The largest of the children waited for: the peak of the runs. */
	getrusage(RUSAGE_CHILDREN, &usage);
	peak = usage.ru_maxrss;
	printf("%.1f %.1f %ld\n", median(took, n), worst, peak);
	free(took);
	return 0;
}

/* --- bench sql ----------------------------------------------------------------- */

/* What follows each statement traced: smreg list --limit stops its walk
 * after so many rows, which for the sqlite3 command is a LIMIT. */
static char trace_tail[32];

/* Each statement as it starts, its parameters filled in (smreg_trace). */
static void trace(const char *sql, void *arg)
{
	(void)arg;
	printf("%s%s;\n", sql, trace_tail);
}

/* store_each's callback for list: stop (with -1, never a status) when
 * *rows_left reaches 0, as smreg list --limit does. */
static int count_down(const struct record *r, void *rows_left)
{
	(void)r;
	return --*(int *)rows_left == 0 ? -1 : 0;
}

static int run_sql(int argc, char **argv)
{
	struct smreg_options o = {.path = argv[0], .login = argv[1], .need_user = true};
	struct smreg *s = NULL;
	struct error err;
	int rc;

	if (smreg_open(&o, &s, &err) != STATUS_OK) {
		fprintf(stderr, "bench: %s\n", err.text);
		return 1;
	}
	smreg_trace(s, trace, NULL);
	if (strcmp(argv[2], "due") == 0) {
		struct due_list *list = NULL;

		rc = due_list(s, -1, &list, &err);
		due_list_free(&list);
	} else if (strcmp(argv[2], "list") == 0 && argc == 5 && record_type_find(argv[3]) &&
		   atoi(argv[4]) > 0) {
		struct list_query q = list_query_default();
		int rows_left = atoi(argv[4]);

		snprintf(trace_tail, sizeof trace_tail, " LIMIT %d", rows_left);
		rc = store_each(s, record_type_find(argv[3]), &q, count_down, &rows_left, &err);
		if (rc == -1)
			rc = STATUS_OK;
	} else if (strcmp(argv[2], "export") == 0 && argc == 4 && record_type_find(argv[3])) {
		FILE *null = fopen("/dev/null", "w");

		rc = transfer_export(s, record_type_find(argv[3]), OUTPUT_CSV, null, &err);
		fclose(null);
	} else if (strcmp(argv[2], "can-post") == 0 && argc >= 5) {
		struct post_question q = {
			.pupils = (const char *const *)argv + 4,
			.pupil_count = (size_t)(argc - 4),
			.channel = argv[3],
		};
		struct post_answer *a = NULL;

		rc = canpost_check(s, &q, &a, &err);
		post_answer_free(&a);
	} else {
		rc = error_set(&err, STATUS_USAGE, NULL, "sql: cannot do %s (see tools/bench.c)",
			       argv[2]);
	}
	smreg_trace(s, NULL, NULL);
	smreg_close(&s);
	if (rc != STATUS_OK)
		fprintf(stderr, "bench: %s\n", err.text);
	return rc != STATUS_OK;
}

/* --- bench ui ------------------------------------------------------------------- */

/* A tmux client in control mode: commands in, "%begin ... %end" blocks out. */
struct control {
	FILE *in;
	FILE *out;
	pid_t pid;
	char socket[64];
};

static int control_start(struct control *c, char **argv)
{
	int to_tmux[2];
	int from_tmux[2];
	char command[4096] = "exec";

	for (int i = 0; argv[i] != NULL; i++)
		snprintf(command + strlen(command), sizeof command - strlen(command), " '%s'", argv[i]);
	snprintf(c->socket, sizeof c->socket, "smreg-bench-%d", (int)getpid());

	if (pipe(to_tmux) != 0 || pipe(from_tmux) != 0)
		return -1;
	c->pid = fork();
	if (c->pid == 0) {
		dup2(to_tmux[0], STDIN_FILENO);
		dup2(from_tmux[1], STDOUT_FILENO);
		close(to_tmux[1]);
		close(from_tmux[0]);
		execlp("tmux", "tmux", "-L", c->socket, "-f", "/dev/null", "-C", "new-session",
		       "-x", "80", "-y", "24", "-s", "bench", command, (char *)NULL);
		_exit(127);
	}
	close(to_tmux[0]);
	close(from_tmux[1]);
	c->in = fdopen(to_tmux[1], "w");
	c->out = fdopen(from_tmux[0], "r");
	return c->pid > 0 && c->in && c->out ? 0 : -1;
}

/* Read the block answering the last command (skipping notifications). */
static int control_read(struct control *c, char *buf, size_t len)
{
	char line[4096];
	bool inside = false;
	size_t used = 0;

	if (buf != NULL && len > 0)
		buf[0] = '\0';
	while (fgets(line, sizeof line, c->out) != NULL) {

		if (strncmp(line, "%begin", 6) == 0) {
			inside = true;
			continue;
		}
		if (inside && (strncmp(line, "%end", 4) == 0 || strncmp(line, "%error", 6) == 0))
			return strncmp(line, "%end", 4) == 0 ? 0 : -1;
		if (inside && buf != NULL && used + strlen(line) < len) {
			memcpy(buf + used, line, strlen(line) + 1);
			used += strlen(line);
		}
	}
	return -1;
}

/* Send a command; its output (without the %begin/%end lines) into buf. */
static int control_command(struct control *c, const char *command, char *buf, size_t len)
{
	fprintf(c->in, "%s\n", command);
	fflush(c->in);
	return control_read(c, buf, len);
}

static long peak_kb(pid_t pid)
{
	char path[64];
	char line[256];
	long kb = 0;
	FILE *f;

	snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
	f = fopen(path, "r");
	while (f != NULL && fgets(line, sizeof line, f) != NULL)
		if (strncmp(line, "VmHWM:", 6) == 0)
			kb = atol(line + 6);
	if (f != NULL)
		fclose(f);
	return kb;
}

/* Poll the screen until it differs from before and holds want. */
static double wait_screen(struct control *c, const char *before, const char *want, char *screen,
			  size_t len, double start)
{
	for (;;) {
		if (control_command(c, "capture-pane -p -e -t bench", screen, len) != 0)
			return -1;
		if ((before == NULL || strcmp(screen, before) != 0) &&
		    (want == NULL || strstr(screen, want) != NULL))
			return now_ms() - start;
		if (now_ms() - start > 20000)
			return -1;
		/* Half a millisecond between looks leaves tmux time to work. */
		nanosleep(&(struct timespec){0, 500000}, NULL);
	}
}

/* End the tmux server and its client. */
static void control_stop(struct control *c)
{
	control_command(c, "kill-server", NULL, 0);
	fclose(c->in);
	fclose(c->out);
	/* The client may stay to report the server's end to a closed pipe. */
	kill(c->pid, SIGTERM);
	waitpid(c->pid, NULL, 0);
}

/* The program's pid in the pane: its peak memory is read from /proc. */
static pid_t pane_pid(struct control *c)
{
	char pid_text[64];

	control_command(c, "display-message -p -t bench '#{pane_pid}'", pid_text, sizeof pid_text);
	return (pid_t)atol(pid_text);
}

static int run_first(int n, const char *want, char **argv)
{
	static char screen[65536];
	double *took = calloc((size_t)n, sizeof *took);
	double worst = 0;
	long peak = 0;

	if (took == NULL)
		return 1;
	for (int i = 0; i < n; i++) {
		struct control c;
		double start = now_ms();
		long kb;

		if (control_start(&c, argv) != 0) {
			free(took);
			return 1;
		}
		control_read(&c, NULL, 0);
		control_command(&c, "refresh-client -f no-output", NULL, 0);
		took[i] = wait_screen(&c, NULL, want, screen, sizeof screen, start);
		kb = peak_kb(pane_pid(&c));
		control_stop(&c);
		if (took[i] < 0) {
			fprintf(stderr, "bench: first: %s never showed %s\n", argv[0], want);
			free(took);
			return 1;
		}
		worst = took[i] > worst ? took[i] : worst;
		peak = kb > peak ? kb : peak;
	}
	printf("%.1f %.1f %ld\n", median(took, n), worst, peak);
	free(took);
	return 0;
}

static int run_ui(const char *script_path, char **argv)
{
	static char screen[65536];
	static char before[65536];
	double latencies[4096];
	int count = 0;
	double first;
	double start = now_ms();
	char line[512];
	struct control c;
	FILE *script = fopen(script_path, "r");
	pid_t pid;

	if (script == NULL || control_start(&c, argv) != 0)
		return 1;
	/* The answer to new-session comes first, unasked. */
	control_read(&c, NULL, 0);
	control_command(&c, "refresh-client -f no-output", NULL, 0);
	first = wait_screen(&c, NULL, "Due-review warnings", screen, sizeof screen, start);
	pid = pane_pid(&c);
	while (fgets(line, sizeof line, script) != NULL && count < 4096) {
		char *want = strchr(line, '\t');
		char *tag = NULL;
		char command[600];
		double took;

		line[strcspn(line, "\n")] = '\0';
		if (line[0] == '\0' || line[0] == '#')
			continue;
		if (want != NULL)
			*want++ = '\0';
		if (want != NULL && (tag = strchr(want, '\t')) != NULL)
			*tag++ = '\0';
		memcpy(before, screen, sizeof before);
		snprintf(command, sizeof command, "send-keys -t bench %s", line);
		start = now_ms();
		control_command(&c, command, NULL, 0);
		took = wait_screen(&c, before, want, screen, sizeof screen, start);
		if (took < 0) {
			fprintf(stderr, "bench: ui: key %s never showed %s\n", line, want ? want : "a change");
			break;
		}
		if (tag != NULL) {
			printf("%s %-9s %6.1f ms\n", tag, line, took);
			continue;
		}
		latencies[count++] = took;
		printf("key %-12s %6.1f ms\n", line, took);
	}
	fclose(script);
	{
		long kb = peak_kb(pid);
		double worst = 0;

		for (int i = 0; i < count; i++)
			if (latencies[i] > worst)
				worst = latencies[i];
		printf("%.1f %.1f %.1f %ld\n", first, count ? median(latencies, count) : 0, worst, kb);
	}
	control_stop(&c);
	return 0;
}

int main(int argc, char **argv)
{
	/* Each line as it comes, so a run stopped early still says how far it got. */
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc >= 4 && strcmp(argv[1], "time") == 0)
		return run_times(atoi(argv[2]), argv + 3);
	if (argc >= 5 && strcmp(argv[1], "sql") == 0)
		return run_sql(argc - 2, argv + 2);
	if (argc >= 4 && strcmp(argv[1], "ui") == 0)
		return run_ui(argv[2], argv + 3);
	if (argc >= 5 && strcmp(argv[1], "first") == 0)
		return run_first(atoi(argv[2]), argv[3], argv + 4);
	fprintf(stderr, "usage: bench time N PROGRAM ARGS... | sql DB LOGIN OPERATION... | "
			"ui SCRIPT PROGRAM ARGS... | first N TEXT PROGRAM ARGS...\n");
	return 2;
}
