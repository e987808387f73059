# The terminal UI's filter on more rows than a page (issue 16.3): the
# first page is shown before the count of every match ("19+"), and the
# count that follows is every match, not the page's.
. "$(dirname "$0")/tmux.sh"

# Forty pupils whose names hold "common", and one whose name does not.
many_pupils() {
	register_once enter_many_pupils
}

enter_many_pupils() {
	fresh_register
	{
		echo "name,year_group"
		for i in $(seq 1 40); do echo "Common Pupil $i,3"; done
		echo "Other Child,4"
	} >"$TEST_ROOT/pupils.csv"
	run import pupil "$TEST_ROOT/pupils.csv" || fail "the pupils were not imported"
}

test_a_filter_counts_every_match_after_its_first_page() {
	many_pupils
	tui_start
	open_register Pupils "Pupils: 41 current"
	tui_keys /
	tui_wait_for "Filter:"
	tui_type "common"
	tui_wait_for "Pupils: 40 current, matching common"
	expect_no_screen "Other Child"
	expect_no_screen "Common Pupil 9 "
	# The list is every match long: End reaches the last, past the page.
	tui_keys Enter End
	tui_wait_for "Common Pupil 9 "
	expect_no_screen "40+"
	tui_quit
}

test_a_filter_at_the_smallest_size() {
	many_pupils
	tui_start --size 60x15
	open_register Pupils "Pupils: 41 current"
	tui_keys /
	tui_wait_for "Filter:"
	tui_type "pupil 1"
	# Ten rows a page here: the eleventh is counted after, and reached.
	tui_wait_for "Pupils: 11 current"
	expect_screen "Filter: pupil 1"
	expect_no_screen "Common Pupil 19"
	tui_keys Enter End
	tui_wait_for "Common Pupil 19"
	tui_quit
}

run_tests
