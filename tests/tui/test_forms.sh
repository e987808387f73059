# The terminal UI's forms and manners: adding through a form, refusing a
# bad date without losing anything, resizing mid-form, a tiny terminal.
. "$(dirname "$0")/tmux.sh"

test_add_a_channel_through_its_form() {
	fresh_register
	tui_start
	new_channel_form
	tui_type facebook
	tui_keys Tab
	tui_type StMarysPrimary
	tui_keys C-s
	tui_wait_for "Saved the channel."
	tui_wait_for "StMarysPrimary"
	expect_sql "SELECT platform, account, opened_on FROM channel" "facebook|StMarysPrimary|2026-11-21"
	tui_quit
}

test_a_bad_date_stays_in_the_form_with_a_message_and_nothing_is_stored() {
	fresh_register
	tui_start
	new_channel_form
	tui_type x
	tui_keys Tab
	tui_type stmarys
	tui_keys Tab Tab Tab Tab Tab
	tui_type 31/02/2026
	tui_wait_for "February 2026 has 28 days"
	tui_keys C-s
	tui_wait_for "Not saved: Opened: "
	expect_screen "31/02/2026"
	expect_screen "stmarys"
	expect_sql "SELECT count(*) FROM channel" "0"
	# Put right, it saves.
	tui_type 1/9/2026
	tui_keys C-s
	tui_wait_for "Saved the channel."
	expect_sql "SELECT account, opened_on FROM channel" "stmarys|2026-09-01"
	tui_quit
}

test_resizing_in_the_middle_of_a_form_keeps_what_was_typed() {
	fresh_register
	tui_start
	new_channel_form
	tui_type instagram
	tui_keys Tab
	tui_type Zoë_and_李雷
	tui_resize 100 30
	tui_wait_for "Zoë_and_李雷"
	tui_resize 20 6
	tui_wait_for "Enlarge it"
	tui_resize 80 24
	tui_wait_for "Zoë_and_李雷"
	expect_screen "instagram"
	tui_keys C-s
	tui_wait_for "Saved the channel."
	expect_sql "SELECT platform, account FROM channel" "instagram|Zoë_and_李雷"
	tui_quit
}

test_a_20x6_terminal_says_it_is_too_small_and_recovers() {
	fresh_register
	tui_start --size 20x6
	tui_wait_for "Enlarge it"
	expect_screen "smreg needs at least"
	tui_resize 80 24
	tui_wait_for "Due-review warnings"
	tui_quit
}

test_escape_asks_before_discarding_a_form() {
	fresh_register
	tui_start
	new_channel_form
	tui_type youtube
	tui_keys Escape
	tui_wait_for "Discard what you typed"
	tui_keys n
	tui_wait_gone "Discard what you typed"
	expect_screen "youtube"
	tui_keys Escape
	tui_wait_for "Discard what you typed"
	tui_keys y
	tui_wait_for "Nothing was saved."
	expect_sql "SELECT count(*) FROM channel" "0"
	tui_quit
}

test_help_lists_the_keys_of_the_screen() {
	fresh_register
	tui_start
	open_register Channels "Channels: 0 current"
	tui_keys '?'
	tui_wait_for "Keys of this screen: Register"
	expect_screen "add a record"
	expect_screen "show only rows containing what you type"
	expect_screen "Keys of every screen"
	tui_keys q
	tui_wait_for "Channels: 0 current"
	tui_quit
}

# F1 on a form's field leads the help with that field's own help, from
# its descriptor; leaving the help goes back to the form as it was.
test_f1_on_a_field_shows_its_help() {
	fresh_register
	tui_start
	new_channel_form
	tui_type facebook
	tui_keys Tab
	tui_keys F1
	tui_wait_for "This field: Account (required)"
	expect_screen "$("$SMREG" help channel | sed -n '/^  account \*$/{n;s/^ *text: //;p}')"
	expect_screen "Keys of this screen: Form"
	tui_keys q
	tui_wait_for "new channel"
	expect_screen "facebook"
	tui_keys Escape
	tui_wait_for "Discard what you typed"
	tui_keys y
	tui_wait_for "Channels: 0 current"
	tui_quit
}

test_sigterm_restores_the_terminal() {
	fresh_register
	tui_start
	tui_wait_for "Due-review warnings"
	kill -TERM "$(tui_pid)"
	tui_wait_exit 143
	tui_screen
	expect_no_screen "Due-review warnings"
}

run_tests
