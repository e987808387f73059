# The terminal UI's reads of safeguarding records are in the audit trail:
# each page read, with the ids it showed, and each search.
. "$(dirname "$0")/tmux.sh"

dsl_with_reports() {
	fresh_register
	add person "name=Dee Lead" >/dev/null
	add person "name=Sam Staff" >/dev/null
	add_user dsl dsl "Dee Lead"
	FIRST=$(add_as dsl contact "reported_by=Sam Staff" pupil_name=Li platform=instagram \
		category=pupil_contact "summary=Sent a message")
	SECOND=$(add_as dsl contact "reported_by=Sam Staff" pupil_name=Zoë platform=tiktok \
		category=friend_request "summary=Sent a request")
}

reads() {
	sql "SELECT count(*) FROM audit WHERE action = 'read' AND login = 'dsl'"
}

test_a_page_of_reports_read_in_the_ui_is_recorded_once_with_its_ids() {
	dsl_with_reports
	tui_start --as dsl
	open_register Contact "Contact reports: 2 current"
	expect_sql "SELECT json_extract(after, '$.read') || ' ' || json_extract(after, '$.rows')
		FROM audit WHERE action = 'read' ORDER BY seq DESC LIMIT 1" "page 2"
	expect_sql "SELECT count(*) FROM audit, json_each(audit.after, '$.ids') AS j
		WHERE audit.action = 'read' AND j.value IN ('$FIRST', '$SECOND')" 2
	local before
	before=$(reads)
	# Moving about the same page reads nothing new.
	tui_keys Down Up
	tui_wait_for "Contact reports: 2 current"
	expect_sql "SELECT count(*) FROM audit WHERE action = 'read' AND login = 'dsl'" "$before"
	# A filter is a read of its own, naming the filter and what it found.
	tui_keys /
	tui_wait_for "Filter:"
	tui_type "tiktok"
	tui_wait_for "matching tiktok"
	expect_sql "SELECT json_extract(after, '$.filter') || ' ' || json_extract(after, '$.rows') || ' ' ||
		json_extract(after, '$.ids[0]') FROM audit WHERE action = 'read' ORDER BY seq DESC LIMIT 1" \
		"tiktok 1 $SECOND"
	tui_quit
}

run_tests
