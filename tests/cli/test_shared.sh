# The shared register, as README tells a school to set it up: smreg
# installed setgid to the group smreg (make install into a DESTDIR), the
# register made by root with smreg init --shared, and real logins (useradd,
# runuser) trying to read it past smreg.  Needs root, as CI runs; skipped
# otherwise.  Run once, on the plain build: it builds and installs its own.
. "$(dirname "$0")/../lib.sh"

REPO=$(cd "$(dirname "$0")/../.." && pwd)
REAL_TODAY=$(date +%F)
# A test sets SMREG_TODAY itself where it means to.
unset SMREG_TODAY

if [ "$(id -u)" -ne 0 ] || ! command -v runuser >/dev/null || ! command -v useradd >/dev/null; then
	skip_all test_shared "needs root, runuser and useradd"
fi
case "$SMREG" in
*/sanitize/*)
	skip_all test_shared "run once, on the plain build"
	;;
esac

# The logins of this run: a business manager (admin), a member of staff,
# and a login that is no user at all.  Removed when the tests end.
ADMIN=smk$$a
STAFF=smk$$s
OTHER=smk$$o
for u in "$ADMIN" "$STAFF" "$OTHER"; do
	useradd -M -d /nonexistent -s /bin/sh "$u" || bail_out "useradd $u"
done
cleanup() {
	for u in "$ADMIN" "$STAFF" "$OTHER"; do userdel "$u" 2>/dev/null; done
	rm -rf "$TEST_ROOT"
}
trap cleanup EXIT

# Other logins must reach the installed program, not the register.
chmod 755 "$TEST_ROOT"
ROOT=$TEST_ROOT/root
SHARED=$ROOT/var/lib/smreg/register.db
FOLDER=$(dirname "$SHARED")
INSTALLED=$ROOT/usr/local/bin/smreg
if ! make -C "$REPO" --no-print-directory install BUILD="$TEST_ROOT/build" DESTDIR="$ROOT" \
	SHARED_DB="$SHARED" >"$TEST_ROOT/install.log" 2>&1; then
	bail_out "make install" "$(tail -20 "$TEST_ROOT/install.log")"
fi
mkdir -p "$TEST_ROOT/files"
chmod 755 "$ROOT" "$TEST_ROOT/files"

# as LOGIN ARGS...: the installed smreg run by LOGIN, from a folder LOGIN may read.
as() {
	local login=$1
	shift
	capture runuser -u "$login" -- env -u SMREG -u SMREG_AS "$INSTALLED" "$@"
}

# A shared register at the installed smreg's default place, $ADMIN its
# first admin, $STAFF a member of staff.
shared_register() {
	rm -rf "$FOLDER"
	"$INSTALLED" init --shared --admin "$ADMIN" --school "St Mary's" >/dev/null 2>&1 ||
		fail "smreg init --shared failed"
	as "$ADMIN" add person name="Sam Staff"
	as "$ADMIN" add user login="$STAFF" roles=staff person="Sam Staff"
	[ "$STATUS" -eq 0 ] || fail "could not add $STAFF" "$ERR"
	DB=$SHARED
}

# A contact report filed by the member of staff, for there to be
# something worth stealing.
with_a_contact_report() {
	as "$ADMIN" add pupil name="Amy Able"
	as "$STAFF" add contact platform=instagram category=pupil_contact \
		summary="Amy wrote to my own account" pupil="Amy Able"
	[ "$STATUS" -eq 0 ] || fail "staff could not file a report" "$ERR"
}

test_install_makes_smreg_setgid_to_its_group() {
	getent group smreg >/dev/null || fail "make install made no group smreg"
	expect_stat "$INSTALLED" "root:smreg 2755"
	# No person is in the group.
	[ -z "$(getent group smreg | cut -d: -f4)" ] || fail "the group smreg has members"
}

# expect_stat PATH "OWNER:GROUP MODE"
expect_stat() {
	local got
	got=$(stat -c '%U:%G %a' "$1")
	[ "$got" = "$2" ] || fail "$1 is $got, not $2"
}

test_init_shared_makes_a_folder_and_file_only_the_group_opens() {
	shared_register
	expect_stat "$FOLDER" "root:smreg 2770"
	expect_stat "$SHARED" "root:smreg 660"
	expect_sql "SELECT login || ' ' || roles FROM user ORDER BY login" "$ADMIN admin
$STAFF staff"
	expect_sql "SELECT name FROM school" "St Mary's"
	# Whatever smreg made beside the file stays in the group.
	for f in "$SHARED-wal" "$SHARED-shm"; do
		[ ! -e "$f" ] || [ "$(stat -c '%G %a' "$f")" = "smreg 660" ] ||
			fail "$f is $(stat -c '%U:%G %a' "$f")"
	done
}

test_only_root_sets_up_a_shared_register() {
	shared_register
	as "$ADMIN" --db "$TEST_ROOT/files/mine.db" init --shared --admin "$ADMIN"
	expect_refused 4
	expect_err "root"
	"$INSTALLED" --db "$TEST_ROOT/x/register.db" init --shared --admin nosuchlogin$$ \
		>/dev/null 2>"$TEST_ROOT/err"
	[ $? -eq 2 ] && grep -q "admin: there is no login" "$TEST_ROOT/err" ||
		fail "an unknown --admin was not refused: $(cat "$TEST_ROOT/err")"
	# A folder already in use is never taken over.
	touch "$TEST_ROOT/files/other"
	"$INSTALLED" --db "$TEST_ROOT/files/register.db" init --shared --admin "$ADMIN" \
		>/dev/null 2>"$TEST_ROOT/err"
	[ $? -eq 2 ] && [ "$(stat -c %a "$TEST_ROOT/files")" = 755 ] ||
		fail "init --shared took over a folder in use" "$(cat "$TEST_ROOT/err")"
}

test_every_login_reaches_the_shared_register_by_typing_smreg() {
	shared_register
	as "$STAFF" list school
	expect_status 0
	expect_out "St Mary's"
	# $SMREG_DB is not taken from the environment by an installed smreg.
	SMREG_DB=$TEST_ROOT/files/elsewhere.db as "$STAFF" list school
	expect_status 0
	expect_out "St Mary's"
	expect_err "SMREG_DB"
	[ ! -e "$TEST_ROOT/files/elsewhere.db" ] || fail "SMREG_DB was used"
	# A login that is no user is told so, by smreg.
	as "$OTHER" list school
	expect_refused 4
	expect_err "is not a user"
}

test_nobody_reads_the_file_but_through_smreg() {
	shared_register
	with_a_contact_report
	for login in "$STAFF" "$ADMIN" "$OTHER"; do
		runuser -u "$login" -- sqlite3 -batch "$SHARED" "SELECT summary FROM contact" \
			>"$TEST_ROOT/out" 2>&1 && fail "$login read the register with sqlite3"
		grep -q "Amy wrote" "$TEST_ROOT/out" && fail "$login read a contact report"
		runuser -u "$login" -- cat "$SHARED" >/dev/null 2>&1 && fail "$login read the file"
		runuser -u "$login" -- ls "$FOLDER" >/dev/null 2>&1 && fail "$login listed the folder"
	done
	# The admin reads counts of contact reports only, through smreg.
	as "$ADMIN" list contact
	expect_status 4
}

test_a_backup_into_the_shared_folder_is_refused() {
	shared_register
	as "$ADMIN" backup "$FOLDER/copy.db"
	expect_refused 5
	expect_err "Permission denied"
	[ ! -e "$FOLDER/copy.db" ] || fail "the backup made a file in the shared folder"
	# Into a folder of the admin's own, it is the admin's, private.
	install -d -o "$ADMIN" -m 700 "$TEST_ROOT/files/kim"
	as "$ADMIN" backup "$TEST_ROOT/files/kim/copy.db"
	expect_status 0
	expect_stat "$TEST_ROOT/files/kim/copy.db" "$ADMIN:$(id -gn "$ADMIN") 600"
}

test_no_file_is_made_in_the_shared_folder_for_a_user() {
	shared_register
	as "$STAFF" --db "$FOLDER/mine.db" init
	expect_status 5
	as "$ADMIN" --db "$FOLDER/mine.db" demo
	[ "$STATUS" -ne 0 ] || fail "demo made a register in the shared folder"
	[ -z "$(ls "$FOLDER" | grep -v '^register\.db\(-wal\|-shm\)\?$')" ] ||
		fail "a file was made in the shared folder: $(ls "$FOLDER")"
}

test_an_import_of_a_file_only_the_group_reads_is_refused() {
	shared_register
	printf 'name\nAmy Able\n' >"$TEST_ROOT/files/pupils.csv"
	chgrp smreg "$TEST_ROOT/files/pupils.csv"
	chmod 640 "$TEST_ROOT/files/pupils.csv"
	as "$ADMIN" import pupil "$TEST_ROOT/files/pupils.csv"
	[ "$STATUS" -ne 0 ] || fail "the import read a file its user cannot"
	expect_err "Permission denied"
	expect_sql "SELECT count(*) FROM pupil" 0
	# The same file, readable by its user, imports.
	chmod 644 "$TEST_ROOT/files/pupils.csv"
	as "$ADMIN" import pupil "$TEST_ROOT/files/pupils.csv"
	expect_status 0
	expect_sql "SELECT count(*) FROM pupil" 1
}

test_smreg_today_is_ignored_when_privileged() {
	shared_register
	SMREG_TODAY=2020-01-01 as "$ADMIN" add person name="Pat Past" started_on=today
	expect_status 0
	expect_err "SMREG_TODAY ignored"
	expect_sql "SELECT started_on FROM person WHERE name = 'Pat Past'" "$REAL_TODAY"
}

test_a_disabled_user_is_refused_in_every_run() {
	shared_register
	as "$ADMIN" set user "$STAFF" disabled_on=today
	expect_status 0
	for when in "" 2020-01-01 "$(date -d '-1 day' +%F)"; do
		SMREG_TODAY=$when as "$STAFF" list school
		expect_status 4
		expect_err "was disabled"
		SMREG_TODAY=$when as "$STAFF" add contact platform=x category=other summary=s \
			pupil_name="Amy Able"
		expect_status 4
	done
	expect_sql "SELECT count(*) FROM contact" 0
}

test_check_reports_a_shared_register_with_the_wrong_modes() {
	shared_register
	run_root_check
	expect_status 0
	chmod 2775 "$FOLDER"
	run_root_check
	expect_status 5
	expect_out "its folder"
	# Nor does smreg open it for a user while others can reach into it.
	as "$STAFF" list school
	expect_refused 4
	expect_err "shared register's folder"
	chmod 2770 "$FOLDER"
	chmod 664 "$SHARED"
	run_root_check
	expect_status 5
	expect_out "its file"
	chmod 660 "$SHARED"
	chgrp root "$SHARED"
	run_root_check
	expect_status 5
	expect_out "its file"
	chgrp smreg "$SHARED"
	chown "$STAFF" "$SHARED"
	run_root_check
	expect_status 5
	expect_out "its file is owner"
	chown root "$SHARED"
	cp -p "$SHARED" "$FOLDER/copy-of-register.db"
	run_root_check
	expect_status 5
	expect_out "copy-of-register.db"
}

# The group's right opens the configured register and nothing else: not
# its -wal or -shm, not a copy beside it, not the register by another path.
test_the_group_opens_the_shared_register_alone() {
	shared_register
	with_a_contact_report
	"$INSTALLED" check >/dev/null 2>&1 # root, the last to close, removes -wal and -shm
	as "$OTHER" list person            # leaves an empty -wal behind, the user's
	cp -p "$SHARED" "$FOLDER/register-2026-11.db"
	local path
	for path in "$SHARED-wal" "$SHARED-shm" "$FOLDER/register-2026-11.db" "$FOLDER//register.db" \
		"$FOLDER/../smreg/register.db" "$FOLDER/nothing-here.db"; do
		as "$OTHER" --db "$path" init
		[ "$STATUS" -ne 0 ] || fail "$OTHER opened $path"
		as "$STAFF" --db "$path" list contact
		[ "$STATUS" -ne 0 ] || fail "$STAFF opened $path"
		expect_no_out "Amy wrote"
	done
	# A name that exists answers as one that does not.
	as "$STAFF" --db "$FOLDER/register-2026-11.db" list school
	local exists=$ERR
	as "$STAFF" --db "$FOLDER/no-such-file.db" list school
	[ "${exists//register-2026-11/X}" = "${ERR//no-such-file/X}" ] ||
		fail "the folder can be probed" "$exists" "$ERR"
	[ -z "$(ls "$FOLDER" | grep -v '^register\.db\(-wal\|-shm\)\?$' | grep -v register-2026-11.db)" ] ||
		fail "a file was made in the shared folder: $(ls "$FOLDER")"
	expect_sql "SELECT count(*) FROM contact" 1
}

# With its output closed, smreg must not open the register as descriptor
# 1 or 2 and print into it.
test_closed_output_never_writes_into_the_register() {
	shared_register
	with_a_contact_report
	for i in 1 2 3; do
		runuser -u "$ADMIN" -- sh -c 'exec "$0" list school >&- 2>&-' "$INSTALLED"
		runuser -u "$ADMIN" -- sh -c 'exec "$0" add person name="Closed $1" >&- 2>&- <&-' \
			"$INSTALLED" "$i"
	done
	expect_sql "PRAGMA integrity_check" ok
	expect_sql "SELECT count(*) FROM person WHERE name LIKE 'Closed %'" 3
	[ "$(head -c 15 "$SHARED")" = "SQLite format 3" ] || fail "the register's header was overwritten"
}

run_root_check() {
	capture "$INSTALLED" check
}

# A terminfo entry of the user's own, named where ncurses would look if it
# took TERMINFO or HOME from the environment: a privileged smreg must not
# find it, so its UI refuses the unknown terminal.
test_the_environment_cannot_reach_ncurses() {
	shared_register
	command -v tmux >/dev/null && command -v tic >/dev/null || { fail "needs tmux and tic"; return; }
	local terms=$TEST_ROOT/files/terminfo
	mkdir -p "$terms" "$TEST_ROOT/files/home"
	infocmp xterm | sed '1,/^xterm|/s/^xterm|[^,]*,/smregterm|planted,/' >"$TEST_ROOT/files/t.src"
	tic -x -o "$terms" "$TEST_ROOT/files/t.src" 2>/dev/null || { fail "tic failed"; return; }
	cp -r "$terms" "$TEST_ROOT/files/home/.terminfo"
	chmod -R a+rX "$TEST_ROOT/files"
	local session=smk$$
	tmux new-session -d -s "$session" -x 80 -y 24 "runuser -u $STAFF -- env TERM=smregterm \
TERMINFO=$terms HOME=$TEST_ROOT/files/home $INSTALLED; echo exited \$?; sleep 30"
	local screen=""
	for _ in $(seq 50); do
		screen=$(tmux capture-pane -p -t "$session")
		case "$screen" in *exited*) break ;; esac
		sleep 0.1
	done
	tmux kill-session -t "$session" 2>/dev/null
	case "$screen" in
	*dashboard*) fail "a privileged smreg read a terminfo entry of the user's" "$screen" ;;
	*exited*) ;;
	*) fail "smreg neither ran nor refused" "$screen" ;;
	esac
}

run_tests
