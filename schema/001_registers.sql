-- smreg schema, version 1: the registers and their integrity.
--
-- The schema, not the program, decides what may be stored: whatever writes
-- (the terminal UI, the command line, an import), the database refuses what
-- is wrong.  A named constraint's name is the message smreg shows, written
-- "field: why", so the name says which field is wrong and why.
--
-- Conventions: every register has `id`, a lower-case UUID, and `row_version`,
-- raised by each change so that a form saved over a newer version is caught.
-- Dates are ISO YYYY-MM-DD text; yes/no fields are 0 or 1; lists of codes are
-- ';'-separated.  The audit triggers are not here: smreg writes them from the
-- table definitions after every migration (src/core/migrate.c), so they can
-- never miss a column.
--
-- A date check is "date(x, '+0 days') IS x": unlike date(x) alone, it
-- normalises 2026-02-31 to 2026-03-03 and so refuses it.

CREATE TABLE school (
	id TEXT PRIMARY KEY NOT NULL
		CONSTRAINT "id: is not a UUID"
		CHECK (id GLOB '????????-????-????-????-????????????' AND id NOT GLOB '*[^0-9a-f-]*'),
	row_version INTEGER NOT NULL DEFAULT 1,
	name TEXT NOT NULL CONSTRAINT "name: is required" CHECK (trim(name) <> ''),
	code TEXT,
	urn TEXT CONSTRAINT "urn: is not a unique reference number (6 digits)"
		CHECK (urn GLOB '[0-9][0-9][0-9][0-9][0-9][0-9]'),
	UNIQUE (name),
	UNIQUE (code),
	UNIQUE (urn)
) STRICT;

CREATE TABLE person (
	id TEXT PRIMARY KEY NOT NULL
		CONSTRAINT "id: is not a UUID"
		CHECK (id GLOB '????????-????-????-????-????????????' AND id NOT GLOB '*[^0-9a-f-]*'),
	row_version INTEGER NOT NULL DEFAULT 1,
	name TEXT NOT NULL CONSTRAINT "name: is required" CHECK (trim(name) <> ''),
	job_title TEXT,
	school TEXT REFERENCES school (id),
	kind TEXT NOT NULL DEFAULT 'staff'
		CONSTRAINT "kind: must be staff, governor, volunteer or contractor"
		CHECK (kind IN ('staff', 'governor', 'volunteer', 'contractor')),
	email TEXT CONSTRAINT "email: is not an e-mail address"
		CHECK (email GLOB '?*@?*' AND email NOT GLOB '* *'),
	started_on TEXT CONSTRAINT "started_on: is not a date"
		CHECK (date(started_on, '+0 days') IS started_on AND started_on BETWEEN '1900-01-01' AND '2199-12-31'),
	left_on TEXT CONSTRAINT "left_on: is not a date"
		CHECK (date(left_on, '+0 days') IS left_on AND left_on BETWEEN '1900-01-01' AND '2199-12-31'),
	notes TEXT,
	CONSTRAINT "left_on: is before started_on" CHECK (left_on >= started_on),
	UNIQUE (email)
) STRICT;
CREATE INDEX person_name ON person (name);
CREATE INDEX person_school ON person (school);

CREATE TABLE consent_use (
	id TEXT PRIMARY KEY NOT NULL
		CONSTRAINT "id: is not a UUID"
		CHECK (id GLOB '????????-????-????-????-????????????' AND id NOT GLOB '*[^0-9a-f-]*'),
	row_version INTEGER NOT NULL DEFAULT 1,
	code TEXT NOT NULL
		CONSTRAINT "code: must be lower-case letters, digits and _, starting with a letter"
		CHECK (code GLOB '[a-z]*' AND code NOT GLOB '*[^a-z0-9_]*'),
	label TEXT NOT NULL CONSTRAINT "label: is required" CHECK (trim(label) <> ''),
	UNIQUE (code)
) STRICT;

CREATE TABLE channel (
	id TEXT PRIMARY KEY NOT NULL
		CONSTRAINT "id: is not a UUID"
		CHECK (id GLOB '????????-????-????-????-????????????' AND id NOT GLOB '*[^0-9a-f-]*'),
	row_version INTEGER NOT NULL DEFAULT 1,
	school TEXT NOT NULL REFERENCES school (id),
	platform TEXT NOT NULL COLLATE NOCASE
		CONSTRAINT "platform: is required" CHECK (trim(platform) <> ''),
	account TEXT NOT NULL COLLATE NOCASE
		CONSTRAINT "account: is required" CHECK (trim(account) <> ''),
	url TEXT,
	purpose TEXT,
	audience TEXT CONSTRAINT "audience: must be public, private or group"
		CHECK (audience IN ('public', 'private', 'group')),
	consent_use TEXT NOT NULL DEFAULT 'social_media'
		REFERENCES consent_use (code) ON UPDATE CASCADE,
	opened_on TEXT NOT NULL CONSTRAINT "opened_on: is not a date"
		CHECK (date(opened_on, '+0 days') IS opened_on AND opened_on BETWEEN '1900-01-01' AND '2199-12-31'),
	closed_on TEXT CONSTRAINT "closed_on: is not a date"
		CHECK (date(closed_on, '+0 days') IS closed_on AND closed_on BETWEEN '1900-01-01' AND '2199-12-31'),
	risk_assessed_on TEXT CONSTRAINT "risk_assessed_on: is not a date"
		CHECK (date(risk_assessed_on, '+0 days') IS risk_assessed_on AND risk_assessed_on BETWEEN '1900-01-01' AND '2199-12-31'),
	approved_by TEXT REFERENCES person (id),
	privacy_checked_on TEXT CONSTRAINT "privacy_checked_on: is not a date"
		CHECK (date(privacy_checked_on, '+0 days') IS privacy_checked_on AND privacy_checked_on BETWEEN '1900-01-01' AND '2199-12-31'),
	in_privacy_notice INTEGER NOT NULL DEFAULT 0
		CONSTRAINT "in_privacy_notice: must be yes or no" CHECK (in_privacy_notice IN (0, 1)),
	emergency_access INTEGER NOT NULL DEFAULT 0
		CONSTRAINT "emergency_access: must be yes or no" CHECK (emergency_access IN (0, 1)),
	mfa INTEGER NOT NULL DEFAULT 0
		CONSTRAINT "mfa: must be yes or no" CHECK (mfa IN (0, 1)),
	school_email INTEGER NOT NULL DEFAULT 0
		CONSTRAINT "school_email: must be yes or no" CHECK (school_email IN (0, 1)),
	notes TEXT,
	CONSTRAINT "closed_on: is before opened_on" CHECK (closed_on >= opened_on),
	UNIQUE (platform, account)
) STRICT;
CREATE INDEX channel_school ON channel (school);
CREATE INDEX channel_consent_use ON channel (consent_use);
CREATE INDEX channel_approved_by ON channel (approved_by);
CREATE INDEX channel_closed_on ON channel (closed_on);

CREATE TABLE authorisation (
	id TEXT PRIMARY KEY NOT NULL
		CONSTRAINT "id: is not a UUID"
		CHECK (id GLOB '????????-????-????-????-????????????' AND id NOT GLOB '*[^0-9a-f-]*'),
	row_version INTEGER NOT NULL DEFAULT 1,
	person TEXT NOT NULL REFERENCES person (id),
	channel TEXT REFERENCES channel (id),
	kind TEXT NOT NULL
		CONSTRAINT "kind: must be master_admin, admin, poster, moderator or exception"
		CHECK (kind IN ('master_admin', 'admin', 'poster', 'moderator', 'exception')),
	detail TEXT,
	authorised_by TEXT NOT NULL REFERENCES person (id),
	granted_on TEXT NOT NULL CONSTRAINT "granted_on: is not a date"
		CHECK (date(granted_on, '+0 days') IS granted_on AND granted_on BETWEEN '1900-01-01' AND '2199-12-31'),
	review_on TEXT CONSTRAINT "review_on: is not a date"
		CHECK (date(review_on, '+0 days') IS review_on AND review_on BETWEEN '1900-01-01' AND '2199-12-31'),
	revoked_on TEXT CONSTRAINT "revoked_on: is not a date"
		CHECK (date(revoked_on, '+0 days') IS revoked_on AND revoked_on BETWEEN '1900-01-01' AND '2199-12-31'),
	revoke_reason TEXT,
	CONSTRAINT "revoked_on: is before granted_on" CHECK (revoked_on >= granted_on),
	CONSTRAINT "channel: is required unless the kind is exception"
		CHECK (channel IS NOT NULL OR kind = 'exception'),
	-- coalesce: a CHECK that is NULL passes, so a missing detail must be false.
	CONSTRAINT "detail: an exception needs the detail of what it allows"
		CHECK (kind <> 'exception' OR coalesce(trim(detail), '') <> '')
) STRICT;
CREATE INDEX authorisation_person ON authorisation (person);
CREATE INDEX authorisation_channel ON authorisation (channel, kind);
CREATE INDEX authorisation_authorised_by ON authorisation (authorised_by);
CREATE INDEX authorisation_review_on ON authorisation (review_on);
-- One active grant of a kind per person and channel.
CREATE UNIQUE INDEX authorisation_active
	ON authorisation (person, channel, kind) WHERE revoked_on IS NULL;

CREATE TABLE pupil (
	id TEXT PRIMARY KEY NOT NULL
		CONSTRAINT "id: is not a UUID"
		CHECK (id GLOB '????????-????-????-????-????????????' AND id NOT GLOB '*[^0-9a-f-]*'),
	row_version INTEGER NOT NULL DEFAULT 1,
	school TEXT NOT NULL REFERENCES school (id),
	name TEXT NOT NULL CONSTRAINT "name: is required" CHECK (trim(name) <> ''),
	year_group TEXT,
	mis_id TEXT,
	joined_on TEXT CONSTRAINT "joined_on: is not a date"
		CHECK (date(joined_on, '+0 days') IS joined_on AND joined_on BETWEEN '1900-01-01' AND '2199-12-31'),
	left_on TEXT CONSTRAINT "left_on: is not a date"
		CHECK (date(left_on, '+0 days') IS left_on AND left_on BETWEEN '1900-01-01' AND '2199-12-31'),
	CONSTRAINT "left_on: is before joined_on" CHECK (left_on >= joined_on),
	UNIQUE (school, mis_id)
) STRICT;
CREATE INDEX pupil_name ON pupil (name);
CREATE INDEX pupil_school ON pupil (school, name);

CREATE TABLE consent (
	id TEXT PRIMARY KEY NOT NULL
		CONSTRAINT "id: is not a UUID"
		CHECK (id GLOB '????????-????-????-????-????????????' AND id NOT GLOB '*[^0-9a-f-]*'),
	row_version INTEGER NOT NULL DEFAULT 1,
	pupil TEXT NOT NULL REFERENCES pupil (id),
	given_by TEXT NOT NULL CONSTRAINT "given_by: is required" CHECK (trim(given_by) <> ''),
	relationship TEXT,
	received_on TEXT NOT NULL CONSTRAINT "received_on: is not a date"
		CHECK (date(received_on, '+0 days') IS received_on AND received_on BETWEEN '1900-01-01' AND '2199-12-31'),
	uses TEXT CONSTRAINT "uses: must be consent use codes separated by ;"
		CHECK (uses GLOB '[a-z]*' AND uses NOT GLOB '*[^a-z0-9_;]*'
		       AND uses NOT GLOB '*;;*' AND uses NOT GLOB '*;' AND uses NOT GLOB '*;[^a-z]*'),
	expires_on TEXT CONSTRAINT "expires_on: is not a date"
		CHECK (date(expires_on, '+0 days') IS expires_on AND expires_on BETWEEN '1900-01-01' AND '2199-12-31'),
	withdrawn_on TEXT CONSTRAINT "withdrawn_on: is not a date"
		CHECK (date(withdrawn_on, '+0 days') IS withdrawn_on AND withdrawn_on BETWEEN '1900-01-01' AND '2199-12-31'),
	form_ref TEXT,
	notes TEXT,
	CONSTRAINT "expires_on: is before received_on" CHECK (expires_on >= received_on),
	CONSTRAINT "withdrawn_on: is before received_on" CHECK (withdrawn_on >= received_on)
) STRICT;
CREATE INDEX consent_pupil ON consent (pupil, received_on);
CREATE INDEX consent_withdrawn_on ON consent (withdrawn_on);

-- Every code in uses must be a consent use; the core names the unknown one
-- before it gets here, this is the wall behind it.
CREATE TRIGGER consent_uses_insert BEFORE INSERT ON consent
WHEN NEW.uses IS NOT NULL AND EXISTS (
	SELECT 1 FROM json_each('["' || replace(NEW.uses, ';', '","') || '"]') AS u
	WHERE u.value NOT IN (SELECT code FROM consent_use))
BEGIN
	SELECT RAISE(ABORT, 'uses: names a use that is not in the consent_use register');
END;
CREATE TRIGGER consent_uses_update BEFORE UPDATE OF uses ON consent
WHEN NEW.uses IS NOT NULL AND EXISTS (
	SELECT 1 FROM json_each('["' || replace(NEW.uses, ';', '","') || '"]') AS u
	WHERE u.value NOT IN (SELECT code FROM consent_use))
BEGIN
	SELECT RAISE(ABORT, 'uses: names a use that is not in the consent_use register');
END;

CREATE TABLE policy (
	id TEXT PRIMARY KEY NOT NULL
		CONSTRAINT "id: is not a UUID"
		CHECK (id GLOB '????????-????-????-????-????????????' AND id NOT GLOB '*[^0-9a-f-]*'),
	row_version INTEGER NOT NULL DEFAULT 1,
	title TEXT NOT NULL CONSTRAINT "title: is required" CHECK (trim(title) <> ''),
	school TEXT REFERENCES school (id),
	owner TEXT REFERENCES person (id),
	approver TEXT,
	statutory INTEGER NOT NULL DEFAULT 0
		CONSTRAINT "statutory: must be yes or no" CHECK (statutory IN (0, 1)),
	cycle_months INTEGER NOT NULL DEFAULT 12
		CONSTRAINT "cycle_months: must be between 1 and 120" CHECK (cycle_months BETWEEN 1 AND 120),
	version TEXT,
	approved_on TEXT CONSTRAINT "approved_on: is not a date"
		CHECK (date(approved_on, '+0 days') IS approved_on AND approved_on BETWEEN '1900-01-01' AND '2199-12-31'),
	next_review_on TEXT NOT NULL CONSTRAINT "next_review_on: is not a date"
		CHECK (date(next_review_on, '+0 days') IS next_review_on AND next_review_on BETWEEN '1900-01-01' AND '2199-12-31'),
	document TEXT,
	status TEXT NOT NULL DEFAULT 'approved'
		CONSTRAINT "status: must be draft, approved, under_review or retired"
		CHECK (status IN ('draft', 'approved', 'under_review', 'retired'))
) STRICT;
-- A title once per school, and once across the trust (school empty).
CREATE UNIQUE INDEX policy_title ON policy (title, coalesce(school, ''));
CREATE INDEX policy_school ON policy (school);
CREATE INDEX policy_owner ON policy (owner);
CREATE INDEX policy_next_review_on ON policy (next_review_on);

CREATE TABLE review (
	id TEXT PRIMARY KEY NOT NULL
		CONSTRAINT "id: is not a UUID"
		CHECK (id GLOB '????????-????-????-????-????????????' AND id NOT GLOB '*[^0-9a-f-]*'),
	row_version INTEGER NOT NULL DEFAULT 1,
	policy TEXT NOT NULL REFERENCES policy (id),
	reviewed_on TEXT NOT NULL CONSTRAINT "reviewed_on: is not a date"
		CHECK (date(reviewed_on, '+0 days') IS reviewed_on AND reviewed_on BETWEEN '1900-01-01' AND '2199-12-31'),
	reviewed_by TEXT REFERENCES person (id),
	approved_on TEXT CONSTRAINT "approved_on: is not a date"
		CHECK (date(approved_on, '+0 days') IS approved_on AND approved_on BETWEEN '1900-01-01' AND '2199-12-31'),
	approved_by TEXT,
	minute_ref TEXT,
	version TEXT,
	summary TEXT,
	CONSTRAINT "approved_on: is before reviewed_on" CHECK (approved_on >= reviewed_on)
) STRICT;
CREATE INDEX review_policy ON review (policy, reviewed_on);
CREATE INDEX review_reviewed_by ON review (reviewed_by);

-- Recording the latest review moves the policy's next review to the review
-- (or approval) date plus its cycle; recording an older one changes nothing.
CREATE TRIGGER review_moves_policy AFTER INSERT ON review
WHEN NOT EXISTS (
	SELECT 1 FROM review AS r
	WHERE r.policy = NEW.policy AND r.id <> NEW.id
	  AND coalesce(r.approved_on, r.reviewed_on) > coalesce(NEW.approved_on, NEW.reviewed_on))
BEGIN
	UPDATE policy SET
		-- Months counted as date_add_months() counts them, as when a policy
		-- is added: 31 August plus six months is 28 February (the last day
		-- of the month reached), where SQLite alone says 3 March.
		next_review_on = min(date(coalesce(NEW.approved_on, NEW.reviewed_on),
					  '+' || cycle_months || ' months'),
				     date(coalesce(NEW.approved_on, NEW.reviewed_on), 'start of month',
					  '+' || (cycle_months + 1) || ' months', '-1 day')),
		approved_on = coalesce(NEW.approved_on, approved_on),
		version = coalesce(NEW.version, version),
		status = CASE WHEN NEW.approved_on IS NOT NULL THEN 'approved' ELSE status END,
		row_version = row_version + 1
	WHERE id = NEW.policy;
END;

CREATE TABLE contact (
	id TEXT PRIMARY KEY NOT NULL
		CONSTRAINT "id: is not a UUID"
		CHECK (id GLOB '????????-????-????-????-????????????' AND id NOT GLOB '*[^0-9a-f-]*'),
	row_version INTEGER NOT NULL DEFAULT 1,
	school TEXT NOT NULL REFERENCES school (id),
	reported_on TEXT NOT NULL CONSTRAINT "reported_on: is not a date"
		CHECK (date(reported_on, '+0 days') IS reported_on AND reported_on BETWEEN '1900-01-01' AND '2199-12-31'),
	reported_by TEXT NOT NULL REFERENCES person (id),
	pupil TEXT REFERENCES pupil (id),
	pupil_name TEXT,
	pupil_status TEXT CONSTRAINT "pupil_status: must be current or former"
		CHECK (pupil_status IN ('current', 'former')),
	platform TEXT NOT NULL CONSTRAINT "platform: is required" CHECK (trim(platform) <> ''),
	category TEXT NOT NULL
		CONSTRAINT "category: must be pupil_contact, friend_request, inappropriate_content, cyberbullying, parent_post, online_safety or other"
		CHECK (category IN ('pupil_contact', 'friend_request', 'inappropriate_content',
				    'cyberbullying', 'parent_post', 'online_safety', 'other')),
	summary TEXT NOT NULL CONSTRAINT "summary: is required" CHECK (trim(summary) <> ''),
	evidence TEXT,
	dsl TEXT REFERENCES person (id),
	status TEXT NOT NULL DEFAULT 'open'
		CONSTRAINT "status: must be open, monitoring or closed"
		CHECK (status IN ('open', 'monitoring', 'closed')),
	action_taken TEXT,
	parent_informed INTEGER NOT NULL DEFAULT 0
		CONSTRAINT "parent_informed: must be yes or no" CHECK (parent_informed IN (0, 1)),
	referred_to TEXT,
	rationale TEXT,
	closed_on TEXT CONSTRAINT "closed_on: is not a date"
		CHECK (date(closed_on, '+0 days') IS closed_on AND closed_on BETWEEN '1900-01-01' AND '2199-12-31'),
	CONSTRAINT "closed_on: is before reported_on" CHECK (closed_on >= reported_on),
	-- coalesce: a CHECK that is NULL passes, so a missing name must be false.
	CONSTRAINT "pupil: name the pupil, from the register or as pupil_name"
		CHECK (pupil IS NOT NULL OR coalesce(trim(pupil_name), '') <> ''),
	CONSTRAINT "closed_on: a closed report has a closing date, and only a closed one"
		CHECK ((status = 'closed') = (closed_on IS NOT NULL)),
	CONSTRAINT "rationale: a closed report needs the DSL's rationale"
		CHECK (status <> 'closed' OR coalesce(trim(rationale), '') <> '')
) STRICT;
CREATE INDEX contact_school ON contact (school);
CREATE INDEX contact_reported_on ON contact (reported_on);
CREATE INDEX contact_reported_by ON contact (reported_by);
CREATE INDEX contact_pupil ON contact (pupil);
CREATE INDEX contact_dsl ON contact (dsl);
CREATE INDEX contact_open ON contact (status, reported_on);

CREATE TABLE action (
	id TEXT PRIMARY KEY NOT NULL
		CONSTRAINT "id: is not a UUID"
		CHECK (id GLOB '????????-????-????-????-????????????' AND id NOT GLOB '*[^0-9a-f-]*'),
	row_version INTEGER NOT NULL DEFAULT 1,
	contact TEXT NOT NULL REFERENCES contact (id),
	acted_on TEXT NOT NULL CONSTRAINT "acted_on: is not a date"
		CHECK (date(acted_on, '+0 days') IS acted_on AND acted_on BETWEEN '1900-01-01' AND '2199-12-31'),
	"by" TEXT REFERENCES person (id),
	note TEXT NOT NULL CONSTRAINT "note: is required" CHECK (trim(note) <> '')
) STRICT;
CREATE INDEX action_contact ON action (contact, acted_on);
CREATE INDEX action_by ON action ("by");

CREATE TRIGGER action_after_report BEFORE INSERT ON action
WHEN NEW.acted_on < (SELECT reported_on FROM contact WHERE id = NEW.contact)
BEGIN
	SELECT RAISE(ABORT, 'acted_on: is before the report was made');
END;

-- A safeguarding record is never silently rewritten: a change needs a
-- reason (kept in the audit trail with the earlier version), and nothing
-- is ever deleted.  smreg_reason() is the reason the program was given.
CREATE TRIGGER contact_change_needs_reason BEFORE UPDATE ON contact
WHEN smreg_reason() IS NULL
BEGIN
	SELECT RAISE(ABORT, 'reason: a change to a contact report needs a reason');
END;
CREATE TRIGGER action_change_needs_reason BEFORE UPDATE ON action
WHEN smreg_reason() IS NULL
BEGIN
	SELECT RAISE(ABORT, 'reason: a change to a contact report needs a reason');
END;
CREATE TRIGGER contact_never_deleted BEFORE DELETE ON contact
BEGIN
	SELECT RAISE(ABORT, 'contact: contact reports are never deleted; close them');
END;
CREATE TRIGGER action_never_deleted BEFORE DELETE ON action
BEGIN
	SELECT RAISE(ABORT, 'action: a report''s actions are never deleted');
END;

CREATE TABLE takedown (
	id TEXT PRIMARY KEY NOT NULL
		CONSTRAINT "id: is not a UUID"
		CHECK (id GLOB '????????-????-????-????-????????????' AND id NOT GLOB '*[^0-9a-f-]*'),
	row_version INTEGER NOT NULL DEFAULT 1,
	pupil TEXT NOT NULL REFERENCES pupil (id),
	channel TEXT NOT NULL REFERENCES channel (id),
	raised_on TEXT NOT NULL CONSTRAINT "raised_on: is not a date"
		CHECK (date(raised_on, '+0 days') IS raised_on AND raised_on BETWEEN '1900-01-01' AND '2199-12-31'),
	done_on TEXT CONSTRAINT "done_on: is not a date"
		CHECK (date(done_on, '+0 days') IS done_on AND done_on BETWEEN '1900-01-01' AND '2199-12-31'),
	done_by TEXT REFERENCES person (id),
	note TEXT,
	CONSTRAINT "done_on: is before raised_on" CHECK (done_on >= raised_on)
) STRICT;
CREATE INDEX takedown_pupil ON takedown (pupil);
CREATE INDEX takedown_channel ON takedown (channel);
CREATE INDEX takedown_done_by ON takedown (done_by);
CREATE INDEX takedown_open ON takedown (done_on, raised_on);

-- Whether a ';' list of codes includes a code is written, here and in the
-- views, as instr(';' || uses || ';', ';' || code || ';') > 0.

-- Withdrawing a consent raises a takedown for every open channel of the
-- pupil's school whose use that consent granted and which no other of the
-- pupil's consents, valid on the day of withdrawal, still grants.
CREATE TRIGGER consent_withdrawn_raises_takedowns
AFTER UPDATE OF withdrawn_on ON consent
WHEN OLD.withdrawn_on IS NULL AND NEW.withdrawn_on IS NOT NULL AND NEW.uses IS NOT NULL
BEGIN
	INSERT INTO takedown (id, pupil, channel, raised_on, note)
	SELECT smreg_uuid(), NEW.pupil, ch.id, NEW.withdrawn_on, 'consent withdrawn'
	FROM channel AS ch
	JOIN pupil AS p ON p.id = NEW.pupil AND ch.school = p.school
	WHERE (ch.closed_on IS NULL OR ch.closed_on > NEW.withdrawn_on)
	  AND instr(';' || NEW.uses || ';', ';' || ch.consent_use || ';') > 0
	  AND NOT EXISTS (
		SELECT 1 FROM consent AS c
		WHERE c.pupil = NEW.pupil AND c.id <> NEW.id
		  AND c.received_on <= NEW.withdrawn_on
		  AND (c.withdrawn_on IS NULL OR c.withdrawn_on > NEW.withdrawn_on)
		  AND (c.expires_on IS NULL OR c.expires_on >= NEW.withdrawn_on)
		  AND instr(';' || c.uses || ';', ';' || ch.consent_use || ';') > 0)
	  AND NOT EXISTS (
		SELECT 1 FROM takedown AS t
		WHERE t.pupil = NEW.pupil AND t.channel = ch.id AND t.done_on IS NULL);
END;

-- Narrowing a consent (taking uses out of it) raises takedowns the same way
-- for the uses taken out.
CREATE TRIGGER consent_narrowed_raises_takedowns
AFTER UPDATE OF uses ON consent
WHEN NEW.withdrawn_on IS NULL AND OLD.uses IS NOT NULL
BEGIN
	INSERT INTO takedown (id, pupil, channel, raised_on, note)
	SELECT smreg_uuid(), NEW.pupil, ch.id, date('now', 'localtime'), 'consent narrowed'
	FROM channel AS ch
	JOIN pupil AS p ON p.id = NEW.pupil AND ch.school = p.school
	WHERE (ch.closed_on IS NULL OR ch.closed_on > date('now', 'localtime'))
	  AND instr(';' || OLD.uses || ';', ';' || ch.consent_use || ';') > 0
	  AND instr(';' || coalesce(NEW.uses, '') || ';', ';' || ch.consent_use || ';') = 0
	  AND NOT EXISTS (
		SELECT 1 FROM consent AS c
		WHERE c.pupil = NEW.pupil AND c.id <> NEW.id
		  AND c.withdrawn_on IS NULL
		  AND (c.expires_on IS NULL OR c.expires_on >= date('now', 'localtime'))
		  AND instr(';' || c.uses || ';', ';' || ch.consent_use || ';') > 0)
	  AND NOT EXISTS (
		SELECT 1 FROM takedown AS t
		WHERE t.pupil = NEW.pupil AND t.channel = ch.id AND t.done_on IS NULL);
END;

-- A newer consent form that grants less than the one it replaces narrows
-- consent too.
CREATE TRIGGER consent_replaced_raises_takedowns
AFTER INSERT ON consent
WHEN NEW.withdrawn_on IS NULL
BEGIN
	INSERT INTO takedown (id, pupil, channel, raised_on, note)
	SELECT smreg_uuid(), NEW.pupil, ch.id, NEW.received_on, 'replaced by a consent that does not cover it'
	FROM channel AS ch
	JOIN pupil AS p ON p.id = NEW.pupil AND ch.school = p.school
	WHERE (ch.closed_on IS NULL OR ch.closed_on > NEW.received_on)
	  AND instr(';' || coalesce(NEW.uses, '') || ';', ';' || ch.consent_use || ';') = 0
	  AND instr(';' || (
		SELECT c.uses FROM consent AS c
		WHERE c.pupil = NEW.pupil AND c.id <> NEW.id
		  AND c.received_on <= NEW.received_on
		  AND (c.withdrawn_on IS NULL OR c.withdrawn_on > NEW.received_on)
		  AND (c.expires_on IS NULL OR c.expires_on >= NEW.received_on)
		ORDER BY c.received_on DESC, c.rowid DESC LIMIT 1) || ';',
		';' || ch.consent_use || ';') > 0
	  AND NOT EXISTS (
		SELECT 1 FROM takedown AS t
		WHERE t.pupil = NEW.pupil AND t.channel = ch.id AND t.done_on IS NULL);
END;

CREATE TABLE training (
	id TEXT PRIMARY KEY NOT NULL
		CONSTRAINT "id: is not a UUID"
		CHECK (id GLOB '????????-????-????-????-????????????' AND id NOT GLOB '*[^0-9a-f-]*'),
	row_version INTEGER NOT NULL DEFAULT 1,
	person TEXT NOT NULL REFERENCES person (id),
	kind TEXT NOT NULL
		CONSTRAINT "kind: must be induction, annual_refresher, policy_read or cpd"
		CHECK (kind IN ('induction', 'annual_refresher', 'policy_read', 'cpd')),
	policy TEXT REFERENCES policy (id),
	completed_on TEXT NOT NULL CONSTRAINT "completed_on: is not a date"
		CHECK (date(completed_on, '+0 days') IS completed_on AND completed_on BETWEEN '1900-01-01' AND '2199-12-31'),
	notes TEXT
) STRICT;
CREATE INDEX training_person ON training (person, kind, completed_on);
CREATE INDEX training_policy ON training (policy);

CREATE TABLE user (
	id TEXT PRIMARY KEY NOT NULL
		CONSTRAINT "id: is not a UUID"
		CHECK (id GLOB '????????-????-????-????-????????????' AND id NOT GLOB '*[^0-9a-f-]*'),
	row_version INTEGER NOT NULL DEFAULT 1,
	login TEXT NOT NULL
		CONSTRAINT "login: is not a login name"
		CHECK (login <> '' AND login NOT GLOB '*[^A-Za-z0-9._-]*' AND login NOT GLOB '-*'),
	person TEXT REFERENCES person (id),
	roles TEXT NOT NULL
		CONSTRAINT "roles: must be admin, dsl, governor or staff, separated by ;"
		CHECK (roles GLOB '[a-z]*' AND roles NOT GLOB '*[^a-z;]*'
		       AND roles NOT GLOB '*;;*' AND roles NOT GLOB '*;'),
	disabled_on TEXT CONSTRAINT "disabled_on: is not a date"
		CHECK (date(disabled_on, '+0 days') IS disabled_on AND disabled_on BETWEEN '1900-01-01' AND '2199-12-31'),
	UNIQUE (login)
) STRICT;
CREATE INDEX user_person ON user (person);

CREATE TRIGGER user_roles_insert BEFORE INSERT ON user
WHEN EXISTS (SELECT 1 FROM json_each('["' || replace(NEW.roles, ';', '","') || '"]') AS r
	     WHERE r.value NOT IN ('admin', 'dsl', 'governor', 'staff'))
BEGIN
	SELECT RAISE(ABORT, 'roles: must be admin, dsl, governor or staff, separated by ;');
END;
CREATE TRIGGER user_roles_update BEFORE UPDATE OF roles ON user
WHEN EXISTS (SELECT 1 FROM json_each('["' || replace(NEW.roles, ';', '","') || '"]') AS r
	     WHERE r.value NOT IN ('admin', 'dsl', 'governor', 'staff'))
BEGIN
	SELECT RAISE(ABORT, 'roles: must be admin, dsl, governor or staff, separated by ;');
END;
-- Someone must always be able to manage users.
CREATE TRIGGER user_keep_an_admin_update AFTER UPDATE ON user
WHEN NOT EXISTS (SELECT 1 FROM user
		 WHERE disabled_on IS NULL AND instr(';' || roles || ';', ';admin;') > 0)
BEGIN
	SELECT RAISE(ABORT, 'roles: the register must keep at least one admin who is not disabled');
END;
CREATE TRIGGER user_keep_an_admin_delete AFTER DELETE ON user
WHEN NOT EXISTS (SELECT 1 FROM user
		 WHERE disabled_on IS NULL AND instr(';' || roles || ';', ';admin;') > 0)
BEGIN
	SELECT RAISE(ABORT, 'user: the register must keep at least one admin who is not disabled');
END;

-- Thresholds of the due-review warnings: a fixed set of keys whose values
-- admins change.
CREATE TABLE setting (
	id TEXT PRIMARY KEY NOT NULL
		CONSTRAINT "id: is not a UUID"
		CHECK (id GLOB '????????-????-????-????-????????????' AND id NOT GLOB '*[^0-9a-f-]*'),
	row_version INTEGER NOT NULL DEFAULT 1,
	key TEXT NOT NULL,
	value INTEGER NOT NULL CONSTRAINT "value: must be between 0 and 3650" CHECK (value BETWEEN 0 AND 3650),
	label TEXT NOT NULL,
	UNIQUE (key)
) STRICT;
CREATE TRIGGER setting_keys_fixed_update BEFORE UPDATE OF key ON setting
WHEN NEW.key IS NOT OLD.key
BEGIN
	SELECT RAISE(ABORT, 'key: settings are fixed; change their values');
END;
CREATE TRIGGER setting_keys_fixed_delete BEFORE DELETE ON setting
BEGIN
	SELECT RAISE(ABORT, 'setting: settings are fixed; change their values');
END;

INSERT INTO setting (id, key, value, label) VALUES
	('b6d4e7de-ec68-4dde-9a1e-1498886a1b29', 'policy_warn_days', 60, 'Warn of a policy review this many days ahead'),
	('2f2c95a7-f62d-40e5-b4b5-acfaa0863560', 'auth_warn_days', 30, 'Warn of an authorisation review this many days ahead'),
	('7db3aedf-ad8c-41f8-b98a-1b734536268e', 'privacy_check_months', 6, 'Check each channel''s privacy settings every this many months'),
	('a643141b-44e4-44ac-84ea-aec45fd2ff27', 'max_admins', 3, 'Most active admins (master included) a channel should have'),
	('c834b6e7-7052-4935-85d3-0f78360bf286', 'consent_withdrawn_days', 30, 'Flag a withdrawn consent for this many days'),
	('c864a074-0b5f-4039-8a83-ce28401b37f9', 'takedown_days', 2, 'A takedown is overdue after this many days'),
	('5d3d1329-baa3-4ee4-b338-90a93e957ba7', 'contact_warn_days', 7, 'Flag a contact report open longer than this many days'),
	('12a35b9b-a6a0-4b29-a62a-51f921fe8bca', 'contact_overdue_days', 28, 'A contact report open longer than this many days is overdue'),
	('803c7fa0-9e9c-4163-a14a-9059ca4e0a0d', 'training_grace_days', 30, 'Missing training is overdue this many days after it fell due');

INSERT INTO consent_use (id, code, label) VALUES
	('b37b0a98-f857-4f34-8367-25a9e5c55402', 'displays', 'Displays in school'),
	('3e52eca2-ee43-4d27-8519-574eece69e59', 'website', 'School website'),
	('19348dd9-2e09-49c1-9329-b84353bbb79c', 'social_media', 'School social media'),
	('a207b127-8cc0-4b70-ae7e-0c9233f63559', 'press', 'Local press'),
	('c400ea95-56e9-4fb1-aa07-83df443e4345', 'newsletter', 'Newsletter'),
	('4eb20e76-6083-4de9-9ca5-4c6d007e0ba4', 'video', 'Video and live streams'),
	('cc1d067c-b88b-4cec-88a5-4fcfd726cf46', 'class_app', 'Class app (e.g. Seesaw, Class Dojo)'),
	('f8653635-d734-45d4-a51d-407f62e40014', 'name_with_photo', 'Name beside a photo');

-- The audit trail: who changed or opened what, when, from which values to
-- which.  Rows are only ever added.
CREATE TABLE audit (
	seq INTEGER PRIMARY KEY,
	at TEXT NOT NULL,
	login TEXT NOT NULL,
	register TEXT NOT NULL,
	record_id TEXT NOT NULL,
	action TEXT NOT NULL CHECK (action IN ('insert', 'update', 'close', 'delete', 'open')),
	before TEXT,
	after TEXT,
	reason TEXT
) STRICT;
CREATE INDEX audit_record ON audit (record_id);
CREATE INDEX audit_register ON audit (register, seq);
CREATE TRIGGER audit_never_changed BEFORE UPDATE ON audit
BEGIN
	SELECT RAISE(ABORT, 'audit: the audit trail cannot be changed');
END;
CREATE TRIGGER audit_never_deleted BEFORE DELETE ON audit
BEGIN
	SELECT RAISE(ABORT, 'audit: the audit trail cannot be changed');
END;
