-- smreg schema, version 10: what the schools' policies require that the
-- register could not yet say (issue 13).

-- A person is "current" while they work here, whatever their kind: the
-- policies train "all staff, including governors, volunteers, and those
-- with access to official accounts".
CREATE VIEW current_person AS
SELECT p.* FROM person AS p, due_context AS x
WHERE (p.started_on IS NULL OR p.started_on <= x.today)
  AND (p.left_on IS NULL OR p.left_on > x.today);

-- Which kinds of person need each kind of training: a fixed set of rows
-- whose kinds an admin changes.  Whoever holds an authorisation on a
-- channel needs every one of them too, whatever their kind.
CREATE TABLE training_need (
	id TEXT PRIMARY KEY NOT NULL
		CONSTRAINT "id: is not a UUID"
		CHECK (id GLOB '????????-????-????-????-????????????' AND id NOT GLOB '*[^0-9a-f-]*'),
	row_version INTEGER NOT NULL DEFAULT 1,
	training TEXT NOT NULL
		CONSTRAINT "training: must be induction or annual_refresher"
		CHECK (training IN ('induction', 'annual_refresher')),
	kinds TEXT CONSTRAINT "kinds: must be staff, governor, volunteer or contractor, separated by ;"
		CHECK (kinds GLOB '[a-z]*' AND kinds NOT GLOB '*[^a-z;]*'
		       AND kinds NOT GLOB '*;;*' AND kinds NOT GLOB '*;'),
	UNIQUE (training)
) STRICT;
CREATE TRIGGER training_need_kinds_insert BEFORE INSERT ON training_need
WHEN EXISTS (SELECT 1 FROM json_each('["' || replace(NEW.kinds, ';', '","') || '"]') AS k
	     WHERE k.value NOT IN ('staff', 'governor', 'volunteer', 'contractor'))
BEGIN
	SELECT RAISE(ABORT, 'kinds: must be staff, governor, volunteer or contractor, separated by ;');
END;
CREATE TRIGGER training_need_kinds_update BEFORE UPDATE OF kinds ON training_need
WHEN EXISTS (SELECT 1 FROM json_each('["' || replace(NEW.kinds, ';', '","') || '"]') AS k
	     WHERE k.value NOT IN ('staff', 'governor', 'volunteer', 'contractor'))
BEGIN
	SELECT RAISE(ABORT, 'kinds: must be staff, governor, volunteer or contractor, separated by ;');
END;
CREATE TRIGGER training_need_fixed_update BEFORE UPDATE OF training ON training_need
WHEN NEW.training IS NOT OLD.training
BEGIN
	SELECT RAISE(ABORT, 'training: the kinds of training are fixed; change who needs them');
END;
CREATE TRIGGER training_need_fixed_delete BEFORE DELETE ON training_need
BEGIN
	SELECT RAISE(ABORT, 'training_need: the kinds of training are fixed; change who needs them');
END;
INSERT INTO training_need (id, training, kinds) VALUES
	('61691e1c-e7d4-412d-a9ca-9c1958895a42', 'induction', 'staff'),
	('a561747d-b954-4db1-91e3-4ad4ba3aba24', 'annual_refresher', 'staff');

-- Reading this policy, not any policy: a reading names the version read,
-- and a policy says who must read it each year.
ALTER TABLE training ADD COLUMN version TEXT;
ALTER TABLE policy ADD COLUMN must_read TEXT
	CONSTRAINT "must_read: must be staff, governor, volunteer or contractor, separated by ;"
	CHECK (must_read GLOB '[a-z]*' AND must_read NOT GLOB '*[^a-z;]*'
	       AND must_read NOT GLOB '*;;*' AND must_read NOT GLOB '*;');
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
CREATE INDEX training_policy_read ON training (policy, person, completed_on);

-- Who needs which training: the kinds the setting names, and anyone
-- holding an authorisation on a channel.
CREATE VIEW training_needed AS
SELECT p.id AS person, n.training AS training
FROM current_person AS p, training_need AS n
WHERE instr(';' || coalesce(n.kinds, '') || ';', ';' || p.kind || ';') > 0
   OR EXISTS (SELECT 1 FROM authorisation AS a
	      WHERE a.person = p.id AND a.channel IS NOT NULL
		AND a.granted_on <= date('now', 'localtime')
		AND (a.revoked_on IS NULL OR a.revoked_on > date('now', 'localtime')));

-- TRAINING_DUE, again: for whoever the setting names.  The old "has not
-- read the policy" (any policy) stays only while no policy says it must be
-- read: once one does, POLICY_UNREAD asks for that policy by name.
DROP VIEW due_training;
CREATE VIEW due_training AS
SELECT 'TRAINING_DUE' AS code,
	CASE WHEN coalesce(s.started_on, x.school_year_start)
		  < date(x.today, '-' || x.training_grace_days || ' days')
	     THEN 'overdue' ELSE 'due' END AS severity,
	'person' AS register, s.id AS record_id, s.school AS school, s.name AS subject,
	'no induction recorded' AS detail,
	coalesce(s.started_on, x.school_year_start) AS due_on, NULL AS pupil
FROM training_needed AS n
JOIN current_person AS s ON s.id = n.person,
due_context AS x
WHERE n.training = 'induction'
  AND NOT EXISTS (SELECT 1 FROM training AS t WHERE t.person = s.id AND t.kind = 'induction')
UNION ALL
SELECT 'TRAINING_DUE',
	CASE WHEN x.school_year_start < date(x.today, '-' || x.training_grace_days || ' days')
	     THEN 'overdue' ELSE 'due' END,
	'person', s.id, s.school, s.name,
	'no annual refresher since 1 September',
	x.school_year_start, NULL
FROM training_needed AS n
JOIN current_person AS s ON s.id = n.person,
due_context AS x
WHERE n.training = 'annual_refresher'
  AND coalesce(s.started_on, '') < x.school_year_start
  AND NOT EXISTS (SELECT 1 FROM training AS t
		  WHERE t.person = s.id AND t.kind = 'annual_refresher'
		    AND t.completed_on >= x.school_year_start)
UNION ALL
SELECT 'TRAINING_DUE',
	CASE WHEN max(x.school_year_start, coalesce(s.started_on, ''))
		  < date(x.today, '-' || x.training_grace_days || ' days')
	     THEN 'overdue' ELSE 'due' END,
	'person', s.id, s.school, s.name,
	'has not read the policy since 1 September',
	max(x.school_year_start, coalesce(s.started_on, '')), NULL
FROM training_needed AS n
JOIN current_person AS s ON s.id = n.person,
due_context AS x
WHERE n.training = 'annual_refresher'
  AND NOT EXISTS (SELECT 1 FROM policy WHERE must_read IS NOT NULL AND status <> 'retired')
  AND NOT EXISTS (SELECT 1 FROM training AS t
		  WHERE t.person = s.id AND t.kind = 'policy_read'
		    AND t.completed_on >= x.school_year_start);

-- A must-read policy in force, for each person it names (by kind, at its
-- school or across the trust), not read in its current version since 1
-- September.  A new version is due from its approval.
--
-- Who a policy is for, three ways, so that each walks an index (an OR in
-- one join would read every person for every policy): a school's policy
-- and its people; a trust-wide policy and everyone; a school's policy and
-- the people who work across the schools.
CREATE INDEX policy_must_read ON policy (school) WHERE must_read IS NOT NULL;

CREATE VIEW must_read_for AS
SELECT pol.id AS policy, s.id AS person
FROM policy AS pol JOIN person AS s ON s.school = pol.school
WHERE pol.must_read IS NOT NULL
  AND instr(';' || pol.must_read || ';', ';' || s.kind || ';') > 0
UNION ALL
SELECT pol.id, s.id
FROM policy AS pol, person AS s
WHERE pol.must_read IS NOT NULL AND pol.school IS NULL
  AND instr(';' || pol.must_read || ';', ';' || s.kind || ';') > 0
UNION ALL
SELECT pol.id, s.id
FROM policy AS pol JOIN person AS s ON s.school IS NULL
WHERE pol.must_read IS NOT NULL AND pol.school IS NOT NULL
  AND instr(';' || pol.must_read || ';', ';' || s.kind || ';') > 0;

CREATE VIEW due_policy_read AS
SELECT 'POLICY_UNREAD' AS code,
	CASE WHEN r.due_on < date(x.today, '-' || x.training_grace_days || ' days')
	     THEN 'overdue' ELSE 'due' END AS severity,
	'person' AS register, r.person AS record_id, r.school AS school, r.name AS subject,
	CASE WHEN r.other_version
	     THEN 'has read an older version of ' || r.title || '; version ' || r.version || ' is new'
	     ELSE 'has not read ' || r.title || coalesce(' (version ' || r.version || ')', '') ||
		  ' since 1 September' END AS detail,
	r.due_on AS due_on, NULL AS pupil
FROM (SELECT s.id AS person, s.school AS school, s.name AS name, pol.title AS title,
	     pol.version AS version,
	     max(x2.school_year_start, coalesce(s.started_on, ''),
		 CASE WHEN pol.approved_on <= x2.today THEN pol.approved_on ELSE '' END) AS due_on,
	     EXISTS (SELECT 1 FROM training AS t
		     WHERE t.policy = pol.id AND t.person = s.id AND t.kind = 'policy_read'
		       AND t.completed_on >= x2.school_year_start) AS other_version
      FROM must_read_for AS m
      JOIN policy AS pol ON pol.id = m.policy
      JOIN person AS s ON s.id = m.person,
      due_context AS x2
      WHERE pol.status IN ('approved', 'under_review')
	AND (s.started_on IS NULL OR s.started_on <= x2.today)
	AND (s.left_on IS NULL OR s.left_on > x2.today)
	AND NOT EXISTS (SELECT 1 FROM training AS t
			WHERE t.policy = pol.id AND t.person = s.id AND t.kind = 'policy_read'
			  AND t.completed_on >= x2.school_year_start
			  AND (pol.version IS NULL OR t.version = pol.version))) AS r,
due_context AS x;

-- "Staff must not identify by name any children featured in photographs":
-- a school, or one channel, that never puts names beside photos, whatever
-- the consent says.  may-I-post answers no to a named photo there.
ALTER TABLE school ADD COLUMN never_name INTEGER NOT NULL DEFAULT 0
	CONSTRAINT "never_name: must be yes or no" CHECK (never_name IN (0, 1));
ALTER TABLE channel ADD COLUMN never_name INTEGER NOT NULL DEFAULT 0
	CONSTRAINT "never_name: must be yes or no" CHECK (never_name IN (0, 1));

-- Who can get in to a channel: its master administrator and admins, who
-- hold the account.  Each grant's access ends on its revocation or on its
-- holder's leaving day, whichever comes first.
CREATE VIEW access_span AS
SELECT a.id, a.channel, a.kind, a.person, a.granted_on,
	CASE WHEN p.left_on IS NOT NULL AND (a.revoked_on IS NULL OR p.left_on < a.revoked_on)
	     THEN p.left_on ELSE a.revoked_on END AS ends_on
FROM authorisation AS a
JOIN person AS p ON p.id = a.person
WHERE a.channel IS NOT NULL AND a.kind IN ('master_admin', 'admin');

-- "Warn before the day": the first day on which a revocation or a leaving
-- already recorded leaves an open channel with no master administrator, or
-- with no one who can get in, and no grant already made to take over.
CREATE VIEW channel_loss AS
SELECT ch.id AS channel, ch.school AS school, ch.platform || ':' || ch.account AS title,
	ch.closed_on AS closed_on, l.what AS what,
	(SELECT min(e.ends_on) FROM access_span AS e
	 WHERE e.channel = ch.id AND (l.what = 'access' OR e.kind = 'master_admin')
	   AND e.granted_on <= x.today AND e.ends_on > x.today
	   AND NOT EXISTS (SELECT 1 FROM access_span AS m
			   WHERE m.channel = ch.id AND (l.what = 'access' OR m.kind = 'master_admin')
			     AND m.granted_on <= e.ends_on
			     AND (m.ends_on IS NULL OR m.ends_on > e.ends_on))) AS on_day
FROM open_channel AS ch, due_context AS x, (SELECT 'master' AS what UNION ALL SELECT 'access') AS l;

CREATE VIEW due_channel_loses AS
SELECT CASE l.what WHEN 'access' THEN 'CHANNEL_LOSES_ACCESS' ELSE 'CHANNEL_LOSES_MASTER' END AS code,
	CASE WHEN l.on_day <= date(x.today, '+' || x.auth_warn_days || ' days') THEN 'due'
	     ELSE 'later' END AS severity,
	'channel' AS register, l.channel AS record_id, l.school AS school, l.title AS subject,
	CASE l.what WHEN 'access' THEN 'no one will be able to get in from this date'
	     ELSE 'no master administrator from this date' END AS detail,
	l.on_day AS due_on, NULL AS pupil
FROM channel_loss AS l, due_context AS x
WHERE l.on_day IS NOT NULL
  AND (l.closed_on IS NULL OR l.closed_on > l.on_day)
  -- Losing everyone is said once, as that.
  AND NOT (l.what = 'master' AND EXISTS (
	SELECT 1 FROM channel_loss AS o
	WHERE o.channel = l.channel AND o.what = 'access' AND o.on_day <= l.on_day));

-- "Leadership staff must have access to account information and login
-- details ... in case of emergency, such as staff absence": fewer than
-- min_who_can_get_in people who can get in to an open channel today.
INSERT INTO setting (id, key, value, label) VALUES
	('5c213454-31d6-40d5-96c8-bf83c6ef0eb7', 'min_who_can_get_in', 2,
	 'Fewest people (master and admins) who should be able to get in to a channel');

CREATE VIEW due_few_who_can_get_in AS
SELECT 'FEW_WHO_CAN_GET_IN' AS code, 'due' AS severity,
	'channel' AS register, ch.id AS record_id, ch.school AS school,
	ch.platform || ':' || ch.account AS subject,
	CASE n.people WHEN 1 THEN 'only one person can get in'
	     ELSE 'only ' || n.people || ' people can get in' END AS detail,
	ch.opened_on AS due_on, NULL AS pupil
FROM open_channel AS ch, due_context AS x,
(SELECT o.id AS channel,
	(SELECT count(DISTINCT e.person) FROM access_span AS e
	 WHERE e.channel = o.id AND e.granted_on <= date('now', 'localtime')
	   AND (e.ends_on IS NULL OR e.ends_on > date('now', 'localtime'))) AS people
 FROM channel AS o) AS n
WHERE n.channel = ch.id
  -- No one at all: CHANNEL_NO_MASTER says so.
  AND n.people > 0
  AND n.people < (SELECT value FROM setting WHERE key = 'min_who_can_get_in');
