# tests/lib.sh: what the command-line and terminal UI tests share.
#
# A test script defines functions named test_*, then calls run_tests.  Each
# test runs in its own subshell on a fresh register (fresh_register), runs
# the real smreg (run, or run_as LOGIN through the test helper), and checks
# what it printed, its exit status, and what the database holds (sql).
# Output is TAP: "ok - name" or "not ok - name" with "# why" lines, and
# last the plan "1..N", N the tests reported: tests/run fails a script that
# stops before it (skip and skip_all below print theirs too).

set -u
: "${SMREG:?SMREG must name the smreg binary}"
: "${SMREG_AS:?SMREG_AS must name the smreg-as test helper}"
SMREG=$(cd "$(dirname "$SMREG")" && pwd)/$(basename "$SMREG")
SMREG_AS=$(cd "$(dirname "$SMREG_AS")" && pwd)/$(basename "$SMREG_AS")

TEST_ROOT=$(mktemp -d)
trap 'rm -rf "$TEST_ROOT"' EXIT
export SMREG_TODAY=2026-11-21
export HOME="$TEST_ROOT/home"
export XDG_DATA_HOME="$TEST_ROOT/data"
export LC_ALL=C.UTF-8
unset SMREG_DB NO_COLOR
mkdir -p "$HOME"
LOGIN=$(id -un)

STATUS=0
OUT=
ERR=
# The TAP lines printed so far, for the plan.
TAP_COUNT=0

# A failure is marked in a file, so that one inside $(...) counts too; its
# reasons go to stderr, so that one inside $(...) is read too.
fail() {
	printf '# %s\n' "$@" >&2
	touch "$TEST_ROOT/failed"
}

# A new register at $DB with the school "Test School", this login its admin.
# smreg init makes the first of a test file for each SMREG_TODAY; the rest
# are copies of it, as the same command would write the same register (the
# tests of init itself run it with run).
fresh_register() {
	local first="$TEST_ROOT/init-$SMREG_TODAY.db"
	DB="$TEST_ROOT/register-$BASHPID-$RANDOM.db"
	export SMREG_DB="$DB"
	if [ ! -s "$first" ]; then
		"$SMREG" init --school "Test School" >/dev/null 2>&1 || { fail "smreg init failed"; return; }
		copy_db "$DB" "$first"
	else
		copy_db "$first" "$DB"
	fi
}

# copy_db FROM TO: a register copied, its WAL with it if smreg left one.
copy_db() {
	cp -p "$1" "$2" || { fail "could not copy $1"; return 1; }
	[ ! -e "$1-wal" ] || cp -p "$1-wal" "$2-wal"
}

# register_once SETUP [VAR...]: the register that the function SETUP builds
# on a fresh_register (at $DB), built once a test file and copied for each
# test that asks, with the variables VAR... that SETUP sets (the ids of
# what it added).  A SETUP that fails is not kept: the next test builds it
# again, and fails too.
register_once() {
	local setup=$1 kept="$TEST_ROOT/once-$1-$SMREG_TODAY"
	shift
	if [ -s "$kept.db" ]; then
		DB="$TEST_ROOT/register-$BASHPID-$RANDOM.db"
		export SMREG_DB="$DB"
		copy_db "$kept.db" "$DB"
		# declare -g: set where the caller sees them, not local to this function.
		# shellcheck source=/dev/null
		. "$kept.vars"
		return
	fi
	"$setup"
	[ ! -e "$TEST_ROOT/failed" ] || return
	if [ $# -gt 0 ]; then
		declare -p "$@" | sed 's/^declare /declare -g /' >"$kept.vars"
	else
		: >"$kept.vars"
	fi
	copy_db "$DB" "$kept.db"
}

# Sanitizer reports fail the test whatever the exit status says.
check_sanitizers() {
	case "$ERR" in
	*AddressSanitizer* | *LeakSanitizer* | *"runtime error:"*)
		fail "sanitizer report:" "$ERR"
		;;
	esac
}

capture() {
	"$@" >"$TEST_ROOT/out" 2>"$TEST_ROOT/err" <"${INPUT:-/dev/null}"
	STATUS=$?
	OUT=$(cat "$TEST_ROOT/out")
	ERR=$(cat "$TEST_ROOT/err")
	check_sanitizers
}

# run ARGS...: smreg as this login.
run() {
	capture "$SMREG" "$@"
}

# run_input FILE ARGS...: smreg as this login, reading standard input from FILE.
run_input() {
	local INPUT=$1
	shift
	capture "$SMREG" "$@"
}

# run_as LOGIN ARGS...: smreg as another login (tests/helpers/smreg-as.c).
run_as() {
	capture "$SMREG_AS" "$@"
}

# run_ok ARGS...: run, and fail unless it exits 0.
run_ok() {
	run "$@"
	[ "$STATUS" -eq 0 ] || fail "smreg $* exited $STATUS" "$ERR"
}

expect_status() {
	[ "$STATUS" -eq "$1" ] || fail "expected exit status $1, got $STATUS" "stdout: $OUT" "stderr: $ERR"
}

expect_out() {
	case "$OUT" in
	*"$1"*) ;;
	*) fail "stdout lacks: $1" "stdout: $OUT" "stderr: $ERR" ;;
	esac
}

expect_no_out() {
	case "$OUT" in
	*"$1"*) fail "stdout should not contain: $1" "stdout: $OUT" ;;
	esac
}

expect_err() {
	case "$ERR" in
	*"$1"*) ;;
	*) fail "stderr lacks: $1" "stderr: $ERR" ;;
	esac
}

expect_no_err() {
	[ -z "$ERR" ] || fail "expected nothing on stderr" "stderr: $ERR"
}

# expect_refused STATUS [FIELD [WHY]]: exit STATUS, nothing on stdout, one
# line on stderr; with FIELD, that line is "smreg: DOING: FIELD: why", and
# with WHY, the why contains it.
expect_refused() {
	expect_status "$1"
	[ -z "$OUT" ] || fail "expected nothing on stdout" "stdout: $OUT"
	case "$ERR" in
	"" | *$'\n'*) fail "expected one line on stderr" "stderr: $ERR" ;;
	esac
	if [ $# -ge 2 ]; then
		[[ "$ERR" =~ ^smreg:\ [^:]+:\ $2:\ .+ ]] ||
			fail "stderr is not \"smreg: doing: $2: why\"" "stderr: $ERR"
	else
		[[ "$ERR" =~ ^smreg:\ [^:]+:\ .+ ]] ||
			fail "stderr is not \"smreg: doing: why\"" "stderr: $ERR"
	fi
	[ $# -lt 3 ] || expect_err "$3"
}

# sql QUERY: what the sqlite3 command finds in the register.  It waits for
# a lock as smreg does, rather than fail at once on a machine so loaded
# that a killed writer's recovery is still under way.
sql() {
	sqlite3 -batch -noheader -cmd '.timeout 10000' "$DB" "$1"
}

# raw_insert TABLE SQL: write as a tool other than smreg would, past its
# checks.  The audit triggers call functions that exist only inside smreg,
# so TABLE's insert trigger is dropped for the statement and put back.
raw_insert() {
	local trigger
	trigger=$(sql "SELECT sql FROM sqlite_schema WHERE name = 'audit_$1_insert'")
	[ -n "$trigger" ] || fail "no audit trigger on $1"
	sqlite3 -batch "$DB" "BEGIN; DROP TRIGGER audit_$1_insert; $2; $trigger; COMMIT;" ||
		fail "could not insert into $1 directly"
}

expect_sql() {
	local got
	got=$(sql "$1")
	[ "$got" = "$2" ] || fail "query: $1" "expected: $2" "got: $got"
}

# snapshot, then expect_unchanged: the database is exactly as it was.
snapshot() {
	SNAPSHOT=$(sqlite3 -batch "$DB" .dump | sha256sum)
}

expect_unchanged() {
	local now
	now=$(sqlite3 -batch "$DB" .dump | sha256sum)
	[ "$now" = "$SNAPSHOT" ] || fail "the database changed"
}

# add_user LOGIN ROLES [PERSON]: a user of the register (as its admin).
add_user() {
	# An array, so that a person's name with spaces stays one argument.
	local person=()
	[ -z "${3:-}" ] || person=("person=$3")
	"$SMREG" add user "login=$1" "roles=$2" "${person[@]}" >/dev/null 2>"$TEST_ROOT/err" ||
		fail "could not add user $1: $(cat "$TEST_ROOT/err")"
}

# add ARGS...: smreg add, printing the new id; fails the test if refused.
add() {
	added "$SMREG" add "$@"
}

# add_as LOGIN ARGS...: the same as LOGIN, through the test helper.
add_as() {
	added "$SMREG_AS" "$1" add "${@:2}"
}

# added COMMAND...: run an add, print the id it printed, fail if refused.
added() {
	local id
	id=$("$@" 2>"$TEST_ROOT/err") ||
		fail "${*:2} failed with exit status $?: $(cat "$TEST_ROOT/err")"
	printf '%s' "$id"
}

# chromium ARGS...: Debian's headless chromium on a profile of the test's
# own, quietly; as root it needs --no-sandbox.
chromium_headless() {
	chromium --headless --no-sandbox --disable-gpu --no-first-run \
		--user-data-dir="$TEST_ROOT/chromium" "$@" 2>/dev/null
}

# browser_dom FILE: the document chromium built from the HTML file FILE.
browser_dom() {
	chromium_headless --dump-dom "file://$(realpath "$1")"
}

# browser_text FILE: the text of FILE as chromium prints it on A4, a form
# feed between pages (through pdftotext), so the page furniture shows too.
browser_text() {
	local pdf="$TEST_ROOT/browser-$BASHPID.pdf"
	rm -f "$pdf"
	chromium_headless --no-pdf-header-footer --print-to-pdf="$pdf" \
		"file://$(realpath "$1")" >/dev/null
	[ -s "$pdf" ] || { fail "chromium printed nothing for $1"; return 1; }
	pdftotext -layout "$pdf" -
}

# browser_shot FILE PNG: a screenshot of FILE in chromium, kept at PNG.
browser_shot() {
	chromium_headless --window-size=900,1200 --screenshot="$(realpath -m "$2")" \
		"file://$(realpath "$1")" >/dev/null
	[ -s "$2" ] || fail "chromium took no screenshot of $1"
}

# skip NAME WHY: a test not run here, said so; it counts as passed.
skip() {
	echo "ok - $1 # skip $2"
	TAP_COUNT=$((TAP_COUNT + 1))
}

# skip_all NAME WHY: the whole script skipped, said so, and a clean end.
skip_all() {
	skip "$1" "$2"
	echo "1..$TAP_COUNT"
	exit 0
}

# bail_out WHY [DETAIL...]: the script cannot go on: one failure (DETAIL
# lines as comments), and a clean end.
bail_out() {
	echo "not ok - $1"
	shift
	[ $# -eq 0 ] || printf '%s\n' "$@" | sed 's/^/# /'
	echo "1..$((TAP_COUNT + 1))"
	exit 1
}

run_tests() {
	local t
	for t in $(declare -F | awk '{print $3}' | grep '^test_'); do
		rm -f "$TEST_ROOT/failed"
		(cd "$TEST_ROOT" && "$t") || true
		if [ ! -e "$TEST_ROOT/failed" ]; then
			echo "ok - $t"
		else
			echo "not ok - $t"
		fi
		TAP_COUNT=$((TAP_COUNT + 1))
	done
	echo "1..$TAP_COUNT"
}
