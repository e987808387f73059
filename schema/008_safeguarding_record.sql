-- smreg schema, version 8: a safeguarding record that stands up in a review.
--
-- A school names its head teacher and its chair of governors: the policies
-- send a concern about a member of staff to the head, and one about the
-- head to the chair (see ROLES in smreg(1)).
ALTER TABLE school ADD COLUMN head TEXT REFERENCES person (id);
ALTER TABLE school ADD COLUMN chair TEXT REFERENCES person (id);

-- Each chronology entry has a time, a kind, whom it was shared with, and
-- the role of whoever recorded it.  Entries made before this have no time
-- and are notes.
ALTER TABLE action ADD COLUMN "time" TEXT CONSTRAINT "time: is not a time of day (HH:MM)"
	CHECK ("time" GLOB '[0-2][0-9]:[0-5][0-9]' AND "time" <= '23:59');
ALTER TABLE action ADD COLUMN kind TEXT NOT NULL DEFAULT 'note'
	CONSTRAINT "kind: must be concern_received, advice_given, parent_informed, shared_with, referral_made, decision, note, closed or reopened"
	CHECK (kind IN ('concern_received', 'advice_given', 'parent_informed', 'shared_with',
			'referral_made', 'decision', 'note', 'closed', 'reopened'));
ALTER TABLE action ADD COLUMN with_whom TEXT;
ALTER TABLE action ADD COLUMN "role" TEXT;

-- A contact report holds the child's own words, when the parent or carer
-- was told, and may be about a member of staff instead of a pupil.  The
-- CHECK that a pupil is named must allow that, and SQLite changes a CHECK
-- only by building the table again: copy the rows aside, drop the table
-- (its triggers, indexes and the view reading it go with it), build it,
-- put the rows back, and make again what went.  The actions that refer to
-- the reports are checked at commit, when their reports are back.
PRAGMA defer_foreign_keys = ON;
CREATE TEMP TABLE contact_copy AS SELECT * FROM contact;
DROP VIEW due_contact;
DROP TABLE contact;
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
	words TEXT,
	concerns TEXT REFERENCES person (id),
	parent_informed_on TEXT CONSTRAINT "parent_informed_on: is not a date"
		CHECK (date(parent_informed_on, '+0 days') IS parent_informed_on
		       AND parent_informed_on BETWEEN '1900-01-01' AND '2199-12-31'),
	CONSTRAINT "closed_on: is before reported_on" CHECK (closed_on >= reported_on),
	-- coalesce: a CHECK that is NULL passes, so a missing name must be false.
	CONSTRAINT "pupil: name the pupil, from the register or as pupil_name, or the member of staff as concerns"
		CHECK (pupil IS NOT NULL OR coalesce(trim(pupil_name), '') <> '' OR concerns IS NOT NULL),
	CONSTRAINT "concerns: a report is about a pupil or about a member of staff, not both"
		CHECK (concerns IS NULL OR (pupil IS NULL AND pupil_name IS NULL)),
	CONSTRAINT "parent_informed_on: a parent or carer told has parent_informed yes"
		CHECK (parent_informed_on IS NULL OR parent_informed = 1),
	CONSTRAINT "closed_on: a closed report has a closing date, and only a closed one"
		CHECK ((status = 'closed') = (closed_on IS NOT NULL)),
	CONSTRAINT "rationale: a closed report needs the DSL's rationale"
		CHECK (status <> 'closed' OR coalesce(trim(rationale), '') <> '')
) STRICT;
INSERT INTO contact (id, row_version, school, reported_on, reported_by, pupil, pupil_name,
		     pupil_status, platform, category, summary, evidence, dsl, status,
		     action_taken, parent_informed, referred_to, rationale, closed_on)
SELECT id, row_version, school, reported_on, reported_by, pupil, pupil_name,
       pupil_status, platform, category, summary, evidence, dsl, status,
       action_taken, parent_informed, referred_to, rationale, closed_on
FROM temp.contact_copy;
DROP TABLE temp.contact_copy;

CREATE INDEX contact_school ON contact (school);
CREATE INDEX contact_reported_on ON contact (reported_on);
CREATE INDEX contact_reported_by ON contact (reported_by);
CREATE INDEX contact_pupil ON contact (pupil);
CREATE INDEX contact_dsl ON contact (dsl);
CREATE INDEX contact_open ON contact (status, reported_on);
CREATE INDEX contact_platform ON contact (platform);
CREATE INDEX contact_category ON contact (category);
CREATE INDEX contact_concerns ON contact (concerns);

CREATE TRIGGER contact_change_needs_reason BEFORE UPDATE ON contact
WHEN smreg_reason() IS NULL
BEGIN
	SELECT RAISE(ABORT, 'reason: a change to a contact report needs a reason');
END;
CREATE TRIGGER contact_never_deleted BEFORE DELETE ON contact
BEGIN
	SELECT RAISE(ABORT, 'contact: contact reports are never deleted; close them');
END;
CREATE TRIGGER contact_reported_on_not_future_insert BEFORE INSERT ON contact
WHEN NEW.reported_on > smreg_real_today()
BEGIN
	SELECT RAISE(ABORT, 'reported_on: is later than today');
END;
CREATE TRIGGER contact_reported_on_not_future_update BEFORE UPDATE OF reported_on ON contact
WHEN NEW.reported_on > smreg_real_today() AND NEW.reported_on IS NOT OLD.reported_on
BEGIN
	SELECT RAISE(ABORT, 'reported_on: is later than today');
END;

-- Closing and reopening are entries of the chronology, whichever way the
-- status changed (smreg close, smreg set, a form): recorded by the user
-- doing it, with their roles, at the time it was done.
CREATE TRIGGER contact_closed_enters_chronology AFTER UPDATE OF status ON contact
WHEN NEW.status = 'closed' AND OLD.status <> 'closed'
BEGIN
	INSERT INTO action (id, contact, acted_on, "time", "by", "role", kind, note)
	VALUES (smreg_uuid(), NEW.id, NEW.closed_on, strftime('%H:%M', 'now', 'localtime'),
		(SELECT person FROM user WHERE login = smreg_login()),
		(SELECT replace(roles, ';', ', ') FROM user WHERE login = smreg_login()),
		'closed',
		'Closed.' || coalesce(char(10) || 'Outcome: ' || nullif(trim(NEW.action_taken), ''), '') ||
		char(10) || 'Rationale: ' || NEW.rationale ||
		char(10) || CASE WHEN NEW.parent_informed THEN 'Parent or carer informed' ||
			coalesce(' on ' || strftime('%d/%m/%Y', NEW.parent_informed_on), '') || '.'
		     ELSE 'Parent or carer not informed.' END ||
		char(10) || coalesce('Referred to: ' || nullif(trim(NEW.referred_to), '') || '.',
				     'Not referred.'));
END;
CREATE TRIGGER contact_reopened_enters_chronology AFTER UPDATE OF status ON contact
WHEN OLD.status = 'closed' AND NEW.status <> 'closed'
BEGIN
	INSERT INTO action (id, contact, acted_on, "time", "by", "role", kind, note)
	VALUES (smreg_uuid(), NEW.id, smreg_real_today(), strftime('%H:%M', 'now', 'localtime'),
		(SELECT person FROM user WHERE login = smreg_login()),
		(SELECT replace(roles, ';', ', ') FROM user WHERE login = smreg_login()),
		'reopened', 'Reopened: ' || coalesce(smreg_reason(), 'no reason given') || '.');
END;

-- As in version 2, naming a report about a member of staff by them.
CREATE VIEW due_contact AS
SELECT 'CONTACT_OPEN' AS code,
	-- Open longer than the days: reported 7 days ago is open 7 days, not longer.
	CASE WHEN c.reported_on < date(x.today, '-' || x.contact_overdue_days || ' days') THEN 'overdue'
	     WHEN c.reported_on < date(x.today, '-' || x.contact_warn_days || ' days') THEN 'due'
	     ELSE 'later' END AS severity,
	'contact' AS register, c.id AS record_id, c.school AS school,
	coalesce(p.name, c.pupil_name, (SELECT s.name FROM person AS s WHERE s.id = c.concerns)) AS subject,
	c.status || ' report: ' || replace(c.category, '_', ' ') AS detail,
	c.reported_on AS due_on,
	c.pupil AS pupil
FROM contact AS c
LEFT JOIN pupil AS p ON p.id = c.pupil,
due_context AS x
WHERE c.status IN ('open', 'monitoring')
  AND c.reported_on < date(x.today, '-' || x.contact_warn_days || ' days');

CREATE INDEX school_head ON school (head);
CREATE INDEX school_chair ON school (chair);
