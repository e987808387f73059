# Hostile text in the terminal UI (issue 4, item 3): records that reached
# the database past smreg's checks, named with a screen-clearing sequence,
# a window-title change and a bell, are shown with visible stand-ins (^[)
# on every screen that shows them, and no escape sequence in them reaches
# the terminal: tmux's pane title never becomes the one the data asks for.
. "$(dirname "$0")/tmux.sh"

# What the data's escapes would do, and how the screen must show them.
SHOWN="Evil^[[2J^[]0;pwned^G"

# A pupil (without consent, so the dashboard names them) and a channel,
# each named "Evil", ESC [2J (clear the screen), ESC ]0;pwned BEL (set the
# window title), "Name".
hostile_records() {
	fresh_register
	local school name
	school=$(sql "SELECT id FROM school")
	name="'Evil' || char(27) || '[2J' || char(27) || ']0;pwned' || char(7) || 'Name'"
	raw_insert pupil "INSERT INTO pupil (id, school, name, year_group) VALUES
		('11111111-1111-4111-8111-111111111111', '$school', $name, '3' || char(27) || '[5m')"
	raw_insert channel "INSERT INTO channel (id, school, platform, account, purpose, opened_on) VALUES
		('22222222-2222-4222-8222-222222222222', '$school', 'x' || char(27) || '[31m', $name,
		 'bell' || char(7) || char(7), '2026-01-01')"
	expect_sql "SELECT count(*) FROM pupil WHERE instr(name, char(27)) > 0" "1"
}

expect_title_untouched() {
	local title
	title=$(tmux_ display-message -p -t smreg '#{pane_title}')
	case "$title" in
	*pwned*) fail "the data set the terminal's title: $title" ;;
	esac
}

test_the_dashboard_shows_a_hostile_name_with_stand_ins() {
	hostile_records
	tui_start
	tui_wait_for "Due-review warnings"
	tui_wait_for "$SHOWN"
	expect_screen "${SHOWN}Name: no consent on record"
	expect_screen "x^[[31m:${SHOWN}Name: no active master admin"
	expect_title_untouched
	tui_quit
}

test_a_register_and_a_record_show_a_hostile_pupil_with_stand_ins() {
	hostile_records
	tui_start
	open_register Pupils "Pupils: 1 current"
	tui_wait_for "$SHOWN"
	expect_screen "3^[["
	expect_title_untouched
	tui_keys Enter
	tui_wait_for "${SHOWN}Name"
	expect_screen "pupil ${SHOWN}"
	expect_title_untouched
	tui_quit
}

test_a_register_and_a_record_show_a_hostile_channel_with_stand_ins() {
	hostile_records
	tui_start
	open_register Channels "Channels: 1 current"
	tui_wait_for "$SHOWN"
	expect_screen "x^[[31m"
	expect_title_untouched
	tui_keys Enter
	tui_wait_for "bell^G^G"
	expect_screen "${SHOWN}Name"
	expect_title_untouched
	tui_quit
}

test_a_form_shows_a_hostile_name_with_stand_ins_and_leaves_it_as_it_was() {
	hostile_records
	local before
	before=$(sql "SELECT hex(name) FROM pupil")
	tui_start
	open_register Pupils "Pupils: 1 current"
	tui_wait_for "$SHOWN"
	tui_keys e
	tui_wait_for "change pupil $SHOWN"
	expect_screen "Name *               ${SHOWN}Name"
	expect_title_untouched
	# Another field changed: the name is not rewritten with its stand-ins.
	tui_keys Tab Tab Tab
	tui_type M7
	tui_keys C-s
	tui_wait_for "Saved the pupil."
	expect_sql "SELECT hex(name), mis_id FROM pupil" "$before|M7"
	expect_title_untouched
	tui_quit
}

test_finding_a_hostile_name_shows_it_with_stand_ins() {
	hostile_records
	tui_start
	open_register Pupils "Pupils: 1 current"
	tui_type /
	tui_type Evil
	tui_keys Enter
	tui_wait_for "$SHOWN"
	expect_title_untouched
	tui_quit
}

run_tests
