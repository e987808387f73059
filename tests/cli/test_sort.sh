# list --sort FIELD [--reverse] (issue 16.4): any column of the list, a
# reference by the name of the record it names; the same rows as the list
# in its own order, only those the role may see; a field that is not a
# column is refused, naming the columns.
. "$(dirname "$0")/../lib.sh"

# Three reports (one about a pupil not on the register), two filed by the
# DSL and one by a member of staff, each with an action.
reports() {
	fresh_register
	add person name="Dee Lead" >/dev/null
	add person name="Sam Staff" >/dev/null
	add_user dsl dsl "Dee Lead"
	add_user staff staff "Sam Staff"
	add pupil name="Zoë Young" >/dev/null
	add pupil name="Ann Smith" >/dev/null
	ZOE=$(add_as dsl contact reported_by="Dee Lead" pupil="Zoë Young" platform=x \
		category=other summary="A direct message")
	ANN=$(add_as dsl contact reported_by="Dee Lead" pupil="Ann Smith" platform=x \
		category=friend_request summary="A friend request")
	MIA=$(add_as staff contact pupil_name="Mia Former" platform=x category=other \
		summary="A former pupil wrote")
	local r
	for r in "$ZOE" "$ANN" "$MIA"; do
		add_as dsl action contact="$r" note="Noted" >/dev/null
	done
}

test_a_list_sorts_by_a_reference_by_its_name_either_way() {
	register_once reports ZOE ANN MIA
	run_as dsl list action --sort contact --format csv
	expect_status 0
	[ "$(printf '%s\n' "$OUT" | sed 1d | cut -d\" -f2 | cut -c1-2 | tr '\n' ' ')" = "An Mi Zo " ] ||
		fail "actions by report, A to Z" "$OUT"
	run_as dsl list action --sort contact --reverse --format csv
	[ "$(printf '%s\n' "$OUT" | sed 1d | cut -d\" -f2 | cut -c1-2 | tr '\n' ' ')" = "Zo Mi An " ] ||
		fail "actions by report, Z to A" "$OUT"
	run_as dsl list contact --sort pupil --format csv --limit 2
	[ "$(printf '%s\n' "$OUT" | sed 1d | cut -d, -f4 | tr '\n' ' ')" = "Ann Smith Mia Former " ] ||
		fail "reports by pupil, the first two" "$OUT"
}

test_a_sort_lists_only_what_the_role_may_see() {
	register_once reports ZOE ANN MIA
	run_as staff list contact --sort pupil --format csv
	expect_status 0
	[ "$(printf '%s\n' "$OUT" | sed 1d | wc -l)" -eq 1 ] || fail "staff see their own report alone" "$OUT"
	expect_out "Mia Former"
}

test_a_field_that_is_not_a_column_is_refused() {
	register_once reports ZOE ANN MIA
	snapshot
	run_as dsl list action --sort role
	expect_refused 2 --sort 'is not a column of the action list; the columns are contact, acted_on'
	run_as dsl list action --sort nonsense --reverse
	expect_refused 2 --sort
	run_as dsl list action --reverse
	expect_refused 2 --reverse "give --sort FIELD too"
	expect_unchanged
}

run_tests
