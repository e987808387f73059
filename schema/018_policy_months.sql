-- smreg schema, version 18: a policy's dates as the policies print them
-- (issue 13.5).  "Date: October 2025", "September 2020 Review: September
-- 2022", or no date at all.
--
-- A policy's approved_on and next_review_on hold a day ("YYYY-MM-DD"), a
-- month ("YYYY-MM"), or nothing: an undated policy can be entered, and the
-- next review of one approved in a month is worked out in months.  SQLite
-- changes a CHECK (and a NOT NULL) only by building the table again, as
-- migration 8 did: copy the rows aside, drop the table (its triggers and
-- indexes go with it), build it, put the rows back, and make again what
-- went.  Reviews and readings refer to policies: checked at commit, when
-- their policies are back.  The audit's triggers are written again after
-- every migration.
PRAGMA defer_foreign_keys = ON;
CREATE TEMP TABLE policy_copy AS SELECT * FROM policy;
DROP TABLE policy;
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
	approved_on TEXT CONSTRAINT "approved_on: is not a date or a month"
		CHECK ((date(approved_on, '+0 days') IS approved_on
			OR (length(approved_on) = 7 AND date(approved_on || '-01', '+0 days') IS approved_on || '-01'))
		       AND approved_on BETWEEN '1900-01' AND '2199-12-31'),
	next_review_on TEXT CONSTRAINT "next_review_on: is not a date or a month"
		CHECK ((date(next_review_on, '+0 days') IS next_review_on
			OR (length(next_review_on) = 7
			    AND date(next_review_on || '-01', '+0 days') IS next_review_on || '-01'))
		       AND next_review_on BETWEEN '1900-01' AND '2199-12-31'),
	document TEXT,
	status TEXT NOT NULL DEFAULT 'approved'
		CONSTRAINT "status: must be draft, approved, under_review or retired"
		CHECK (status IN ('draft', 'approved', 'under_review', 'retired')),
	must_read TEXT
		CONSTRAINT "must_read: must be staff, governor, volunteer or contractor, separated by ;"
		CHECK (must_read GLOB '[a-z]*' AND must_read NOT GLOB '*[^a-z;]*'
		       AND must_read NOT GLOB '*;;*' AND must_read NOT GLOB '*;')
) STRICT;
INSERT INTO policy (id, row_version, title, school, owner, approver, statutory, cycle_months,
		    version, approved_on, next_review_on, document, status, must_read)
SELECT id, row_version, title, school, owner, approver, statutory, cycle_months,
	version, approved_on, next_review_on, document, status, must_read
FROM policy_copy;
DROP TABLE policy_copy;

-- What went with the table (migrations 1, 4, 10 and 11).
CREATE UNIQUE INDEX policy_title ON policy (title, coalesce(school, ''));
CREATE INDEX policy_school ON policy (school);
CREATE INDEX policy_owner ON policy (owner);
CREATE INDEX policy_order ON policy (next_review_on, title);
CREATE INDEX policy_must_read ON policy (school) WHERE must_read IS NOT NULL;
CREATE INDEX policy_title_folded ON policy (lower(trim(title)));
CREATE TRIGGER policy_must_read_insert BEFORE INSERT ON policy
WHEN EXISTS (SELECT 1 FROM json_each('["' || replace(NEW.must_read, ';', '","') || '"]') AS k
	     WHERE k.value NOT IN ('staff', 'governor', 'volunteer', 'contractor'))
BEGIN
	SELECT RAISE(ABORT, 'must_read: must be staff, governor, volunteer or contractor, separated by ;');
END;
CREATE TRIGGER policy_must_read_update BEFORE UPDATE OF must_read ON policy
WHEN EXISTS (SELECT 1 FROM json_each('["' || replace(NEW.must_read, ';', '","') || '"]') AS k
	     WHERE k.value NOT IN ('staff', 'governor', 'volunteer', 'contractor'))
BEGIN
	SELECT RAISE(ABORT, 'must_read: must be staff, governor, volunteer or contractor, separated by ;');
END;

-- A review due "October 2026" is warned about policy_warn_days before the
-- month starts, and is overdue only once the month is over: no day of it
-- is invented.  The warning names the month in full; due_on keeps it as
-- stored, so it sorts before the days of that month.
DROP VIEW due_policy;
CREATE VIEW due_policy AS
SELECT
	CASE WHEN p.last_day < x.today THEN 'POLICY_OVERDUE' ELSE 'POLICY_DUE' END AS code,
	CASE WHEN p.last_day < x.today THEN 'overdue'
	     WHEN p.first_day <= date(x.today, '+' || x.policy_warn_days || ' days') THEN 'due'
	     ELSE 'later' END AS severity,
	'policy' AS register, p.id AS record_id, p.school AS school, p.title AS subject,
	CASE WHEN p.last_day < x.today THEN 'review overdue' ELSE 'review due' END ||
	CASE WHEN length(p.next_review_on) = 7
	     THEN CASE WHEN p.last_day < x.today THEN ': due in ' ELSE ' in ' END || rtrim(substr('January  February March    April    May      June     ' ||
					 'July     August   SeptemberOctober  November December ',
					 substr(p.next_review_on, 6, 2) * 9 - 8, 9)) ||
		  ' ' || substr(p.next_review_on, 1, 4)
	     ELSE '' END AS detail,
	p.next_review_on AS due_on,
	NULL AS pupil
FROM (SELECT q.id, q.school, q.title, q.next_review_on,
	     CASE WHEN length(q.next_review_on) = 7 THEN q.next_review_on || '-01'
		  ELSE q.next_review_on END AS first_day,
	     CASE WHEN length(q.next_review_on) = 7
		  THEN date(q.next_review_on || '-01', '+1 month', '-1 day')
		  ELSE q.next_review_on END AS last_day
      FROM policy AS q
      WHERE q.status <> 'retired' AND q.next_review_on IS NOT NULL) AS p,
due_context AS x;

-- "Date:" left blank: a policy in force with no approval date and no
-- review date cannot fall due, so it says so instead.  Dated today, as a
-- missing statutory policy is: it needs attention now, and is not overdue.
CREATE VIEW due_policy_undated AS
SELECT 'POLICY_UNDATED' AS code, 'due' AS severity,
	'policy' AS register, p.id AS record_id, p.school AS school, p.title AS subject,
	'no approval date: enter it (a month will do), or the next review' AS detail,
	x.today AS due_on,
	NULL AS pupil
FROM policy AS p, due_context AS x
WHERE p.status IN ('approved', 'under_review')
  AND p.approved_on IS NULL AND p.next_review_on IS NULL;

-- An objection at an opt-out school reaches the posts, as a withdrawal
-- does at an opt-in one (issue 13.7): a takedown for each post showing
-- the pupil that it objects to (every use when it names none; a name
-- beside a photo when the post names them).
CREATE TRIGGER objection_reaches_posts AFTER INSERT ON objection
WHEN NEW.withdrawn_on IS NULL
 AND (SELECT sc.consent_model FROM pupil AS p JOIN school AS sc ON sc.id = p.school
      WHERE p.id = NEW.pupil) = 'opt_out'
BEGIN
	INSERT INTO takedown (id, pupil, channel, post, raised_on, note)
	SELECT smreg_uuid(), pp.pupil, pp.channel, pp.post, NEW.received_on, 'a parent objected'
	FROM post_pupil AS pp
	WHERE pp.pupil = NEW.pupil
	  AND (NEW.uses IS NULL OR instr(';' || NEW.uses || ';', ';' || pp.use || ';') > 0
	       OR (pp.named = 1 AND instr(';' || NEW.uses || ';', ';name_with_photo;') > 0))
	  AND NOT EXISTS (SELECT 1 FROM takedown AS t WHERE t.post = pp.post AND t.pupil = pp.pupil);
END;
CREATE TRIGGER objection_widened_reaches_posts AFTER UPDATE OF uses ON objection
WHEN NEW.withdrawn_on IS NULL
 AND (SELECT sc.consent_model FROM pupil AS p JOIN school AS sc ON sc.id = p.school
      WHERE p.id = NEW.pupil) = 'opt_out'
BEGIN
	INSERT INTO takedown (id, pupil, channel, post, raised_on, note)
	SELECT smreg_uuid(), pp.pupil, pp.channel, pp.post, date('now', 'localtime'), 'a parent objected'
	FROM post_pupil AS pp
	WHERE pp.pupil = NEW.pupil
	  AND (NEW.uses IS NULL OR instr(';' || NEW.uses || ';', ';' || pp.use || ';') > 0
	       OR (pp.named = 1 AND instr(';' || NEW.uses || ';', ';name_with_photo;') > 0))
	  AND NOT EXISTS (SELECT 1 FROM takedown AS t WHERE t.post = pp.post AND t.pupil = pp.pupil);
END;

-- A purge of a pupil (retention) takes them out of the posts that showed
-- them: the post stays, the school's record of what it published, with
-- the other pupils it shows; outside a purge a pupil shown is still kept
-- whole, as a foreign key would.
DROP TRIGGER pupil_shown_in_post;
CREATE TRIGGER pupil_shown_in_post BEFORE DELETE ON pupil
WHEN NOT smreg_purging() AND EXISTS (SELECT 1 FROM post AS po
	     WHERE instr(';' || po.pupils || ';', ';' || OLD.id || ';') > 0)
BEGIN
	SELECT RAISE(ABORT, 'FOREIGN KEY constraint failed');
END;
CREATE TRIGGER pupil_purged_from_posts BEFORE DELETE ON pupil
WHEN smreg_purging()
BEGIN
	UPDATE post SET pupils = nullif(trim(replace(';' || pupils || ';', ';' || OLD.id || ';', ';'), ';'), '')
	WHERE instr(';' || pupils || ';', ';' || OLD.id || ';') > 0;
END;
