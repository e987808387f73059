# The source's shape: no two modules use each other in a circle, and the
# layers point one way (DESIGN.md, Architecture).  tools/include-graph reads
# the #include lines and, from the build's object files, the calls.
. "$(dirname "$0")/../lib.sh"

SOURCE=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=$(dirname "$SMREG")

# The graph, from the build's objects when it has them (make valgrind's
# build holds wrappers only: there, the includes alone).
graph() {
	if [ -f "$BUILD/src/main.o" ]; then
		"$SOURCE/tools/include-graph" "$BUILD"
	else
		"$SOURCE/tools/include-graph"
	fi
}

test_no_two_modules_use_each_other_in_a_circle() {
	local out
	out=$(graph)
	grep -q '^circle' <<<"$out" && fail "modules in a circle:" "$(grep '^circle' <<<"$out")"
	# The graph sees both kinds of use, or it proves nothing.
	grep -q '^tui/ops -> core/edit (include)' <<<"$out" || fail "no include edges seen"
	if [ -f "$BUILD/src/main.o" ]; then
		grep -q '^core/session -> core/db (call)' <<<"$out" || fail "no call edges seen"
	fi
}

test_core_knows_no_front_end() {
	local out
	out=$(graph)
	grep -E '^core/[a-z_]+ -> (cli|tui|main)/?' <<<"$out" | grep . &&
		fail "core uses a front end (above)"
	grep -lE '^#[[:space:]]*include[[:space:]]*<(n?curses|form|menu|panel)' \
		"$SOURCE"/src/core/*.c "$SOURCE"/include/core/*.h &&
		fail "core includes curses (above)"
	true
}

# The command line and the terminal UI know nothing of each other:
# main.c chooses between them.
test_front_ends_know_nothing_of_each_other() {
	local out
	out=$(graph)
	grep -E '^(cli/[a-z_]+ -> tui/|tui/[a-z_]+ -> cli/)' <<<"$out" | grep . &&
		fail "a front end uses the other (above)"
	true
}

# The source is laid out as .clang-format says (make format lays it out);
# tables laid out by hand are fenced with "clang-format off".
test_source_is_formatted() {
	local files out
	command -v clang-format >/dev/null || fail "clang-format is not installed (tools/install-deps check)"
	files=$(cd "$SOURCE" && find src include tests tools -name '*.[ch]' | sort)
	out=$(cd "$SOURCE" && clang-format --style=file --dry-run $files 2>&1) ||
		fail "clang-format failed" "$out"
	[ -z "$out" ] || fail "not formatted as .clang-format says (make format):" \
		"$(grep -E '^[^ ].*: (warning|error):' <<<"$out" | head -20)"
}

run_tests
