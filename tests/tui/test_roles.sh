# Who may see what, screen by screen: the registers menu, the dashboard and
# a register's keys, for each role, in the real terminal UI.
. "$(dirname "$0")/tmux.sh"

school_with_every_role() {
	fresh_register
	add person "name=Dee Lead" >/dev/null
	add person "name=Sam Staff" >/dev/null
	add_user dsl dsl "Dee Lead"
	add_user gov governor
	add_user staff staff "Sam Staff"
	add channel platform=facebook account=StMarys opened_on=1/9/2020 >/dev/null
	add pupil "name=Zoë Secret" >/dev/null
	add pupil "name=Łukasz Hidden" >/dev/null
}

# menu_for LOGIN: start smreg as LOGIN and leave SCREEN showing the menu.
menu_for() {
	# Tall enough for every register, the places after them included.
	if [ "$1" = admin ]; then tui_start --size 80x40; else tui_start --as "$1" --size 80x40; fi
	tui_wait_for "Due-review warnings"
	tui_keys R
	# The status line is painted last: the whole menu is on the screen.
	tui_wait_for "Esc:back"
}

ALL="Schools People Channels Authorisations Pupils Consent.uses Consents Takedowns Policies Reviews Contact.reports Actions Training Users Settings Training.needs Access.requests Posts Sign-offs Objections May.I.post? Review.calendar"

# expect_menu "VISIBLE ...": exactly these places (dots for spaces).
expect_menu() {
	local place
	for place in $ALL; do
		case " $1 " in
		*" $place "*) expect_screen "  ${place//./ }  " ;;
		*) expect_no_screen "  ${place//./ }  " ;;
		esac
	done
}

test_each_role_is_offered_only_the_registers_it_may_read() {
	school_with_every_role
	menu_for admin
	expect_menu "Schools People Channels Authorisations Pupils Consent.uses Consents Takedowns Policies Reviews Training Users Settings Training.needs Access.requests Posts Sign-offs Objections May.I.post? Review.calendar"
	tui_quit
	menu_for dsl
	expect_menu "Schools People Channels Authorisations Pupils Consent.uses Consents Takedowns Policies Reviews Contact.reports Actions Training Settings Training.needs Access.requests Posts Sign-offs Objections May.I.post? Review.calendar"
	tui_quit
	menu_for gov
	expect_menu "Schools People Channels Authorisations Consent.uses Policies Reviews Training Settings Training.needs Sign-offs Review.calendar"
	tui_quit
	menu_for staff
	expect_menu "Schools People Channels Authorisations Pupils Consent.uses Policies Reviews Contact.reports Settings Training.needs Sign-offs May.I.post? Review.calendar"
	tui_quit
}

test_only_those_who_may_write_are_offered_to_add_and_change() {
	school_with_every_role
	local login
	for login in admin dsl gov staff; do
		menu_for "$login"
		tui_type Channels
		tui_keys Enter
		tui_wait_for "Channels: 1 current"
		if [ "$login" = admin ]; then
			expect_screen "n:new"
			expect_screen "e:edit"
		else
			expect_no_screen "n:new"
			expect_no_screen "e:edit"
			# The key does nothing either, not only its label.
			tui_keys n
			tui_wait_for "That key does nothing here"
			expect_no_screen "new channel"
		fi
		tui_quit
	done
}

test_a_governors_dashboard_counts_pupils_and_names_none() {
	school_with_every_role
	tui_start
	# The last warnings: a dashboard with more registers counted has room
	# for fewer at 80x24.
	tui_wait_for "Due-review warnings"
	tui_keys G
	tui_wait_for "no consent on record"
	expect_screen "Zoë Secret"
	tui_quit
	tui_start --as gov
	tui_wait_for "Due-review warnings"
	tui_wait_for "2 pupils: no consent on record"
	expect_no_screen "Zoë"
	expect_no_screen "Łukasz"
	# Nor may they open the pupils behind the count.
	tui_keys G Enter
	tui_wait_for "not who"
	tui_quit
}

run_tests
