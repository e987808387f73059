-- smreg schema, version 13: a record of what was published, and the
-- takedowns that reach each post (issue 13.4).

-- A post: on a channel, or on an outlet that is not one (the newsletter,
-- the press, the website, a display), whose code is the consent use it
-- needs.  pupils holds the ids of the pupils shown, ';'-separated; answer
-- is the may-I-post answer when the post was recorded, and override the
-- admin's reason for recording it against a "no".
CREATE TABLE post (
	id TEXT PRIMARY KEY NOT NULL
		CONSTRAINT "id: is not a UUID"
		CHECK (id GLOB '????????-????-????-????-????????????' AND id NOT GLOB '*[^0-9a-f-]*'),
	row_version INTEGER NOT NULL DEFAULT 1,
	channel TEXT REFERENCES channel (id),
	outlet TEXT CONSTRAINT "outlet: must be newsletter, press, website or displays"
		CHECK (outlet IN ('newsletter', 'press', 'website', 'displays')),
	posted_on TEXT NOT NULL CONSTRAINT "posted_on: is not a date"
		CHECK (date(posted_on, '+0 days') IS posted_on AND posted_on BETWEEN '1900-01-01' AND '2199-12-31'),
	url TEXT,
	pupils TEXT CONSTRAINT "pupils: must be pupil ids separated by ;"
		CHECK (pupils NOT GLOB '*[^0-9a-f;-]*' AND pupils NOT GLOB '*;;*'
		       AND pupils NOT GLOB ';*' AND pupils NOT GLOB '*;'),
	named INTEGER NOT NULL DEFAULT 0
		CONSTRAINT "named: must be yes or no" CHECK (named IN (0, 1)),
	posted_by TEXT REFERENCES person (id),
	answer TEXT,
	override TEXT,
	CONSTRAINT "channel: name the channel or the outlet, not both"
		CHECK ((channel IS NULL) <> (outlet IS NULL))
) STRICT;
CREATE INDEX post_channel ON post (channel, posted_on);
CREATE INDEX post_posted_by ON post (posted_by);
CREATE INDEX post_posted_on ON post (posted_on);

-- The pupils a post shows are references the schema keeps whole, as a
-- foreign key would.
CREATE TRIGGER post_pupils_insert BEFORE INSERT ON post
WHEN EXISTS (SELECT 1 FROM json_each('["' || replace(NEW.pupils, ';', '","') || '"]') AS j
	     WHERE NOT EXISTS (SELECT 1 FROM pupil AS p WHERE p.id = j.value))
BEGIN
	SELECT RAISE(ABORT, 'pupils: names a pupil not on the register');
END;
CREATE TRIGGER post_pupils_update BEFORE UPDATE OF pupils ON post
WHEN EXISTS (SELECT 1 FROM json_each('["' || replace(NEW.pupils, ';', '","') || '"]') AS j
	     WHERE NOT EXISTS (SELECT 1 FROM pupil AS p WHERE p.id = j.value))
BEGIN
	SELECT RAISE(ABORT, 'pupils: names a pupil not on the register');
END;
CREATE TRIGGER pupil_shown_in_post BEFORE DELETE ON pupil
WHEN EXISTS (SELECT 1 FROM post AS po
	     WHERE instr(';' || po.pupils || ';', ';' || OLD.id || ';') > 0)
BEGIN
	SELECT RAISE(ABORT, 'FOREIGN KEY constraint failed');
END;

-- Each pupil a post shows, with the consent use the post needs.
CREATE VIEW post_pupil AS
SELECT po.id AS post, po.channel AS channel, j.value AS pupil,
	coalesce(ch.consent_use, po.outlet) AS use, po.named AS named
FROM post AS po
LEFT JOIN channel AS ch ON ch.id = po.channel,
json_each('["' || replace(po.pupils, ';', '","') || '"]') AS j
WHERE po.pupils IS NOT NULL;

-- A takedown names its post; one for a post on an outlet has no channel.
-- SQLite cannot loosen NOT NULL in place, so the table is built again (the
-- legacy rename leaves the views and triggers naming it as they are).
PRAGMA legacy_alter_table = ON;
CREATE TABLE takedown_new (
	id TEXT PRIMARY KEY NOT NULL
		CONSTRAINT "id: is not a UUID"
		CHECK (id GLOB '????????-????-????-????-????????????' AND id NOT GLOB '*[^0-9a-f-]*'),
	row_version INTEGER NOT NULL DEFAULT 1,
	pupil TEXT NOT NULL REFERENCES pupil (id),
	channel TEXT REFERENCES channel (id),
	raised_on TEXT NOT NULL CONSTRAINT "raised_on: is not a date"
		CHECK (date(raised_on, '+0 days') IS raised_on AND raised_on BETWEEN '1900-01-01' AND '2199-12-31'),
	done_on TEXT CONSTRAINT "done_on: is not a date"
		CHECK (date(done_on, '+0 days') IS done_on AND done_on BETWEEN '1900-01-01' AND '2199-12-31'),
	done_by TEXT REFERENCES person (id),
	note TEXT,
	post TEXT REFERENCES post (id),
	CONSTRAINT "done_on: is before raised_on" CHECK (done_on >= raised_on),
	CONSTRAINT "channel: name the channel or the post" CHECK (channel IS NOT NULL OR post IS NOT NULL)
) STRICT;
INSERT INTO takedown_new (id, row_version, pupil, channel, raised_on, done_on, done_by, note)
SELECT id, row_version, pupil, channel, raised_on, done_on, done_by, note FROM takedown;
DROP TABLE takedown;
ALTER TABLE takedown_new RENAME TO takedown;
PRAGMA legacy_alter_table = OFF;
CREATE INDEX takedown_pupil ON takedown (pupil);
CREATE INDEX takedown_channel ON takedown (channel);
CREATE INDEX takedown_done_by ON takedown (done_by);
CREATE INDEX takedown_open ON takedown (done_on, raised_on);
CREATE INDEX takedown_raised_on ON takedown (raised_on);
CREATE INDEX takedown_post ON takedown (post, pupil);

-- Whether the consent that counts for a pupil on a day (the latest one
-- received, neither withdrawn nor expired) still covers a post: its use,
-- and a name beside the photo when the post names them.  The three
-- triggers below raise a takedown for each post it no longer covers.
CREATE TRIGGER consent_withdrawn_reaches_posts
AFTER UPDATE OF withdrawn_on ON consent
WHEN OLD.withdrawn_on IS NULL AND NEW.withdrawn_on IS NOT NULL
BEGIN
	INSERT INTO takedown (id, pupil, channel, post, raised_on, note)
	SELECT smreg_uuid(), pp.pupil, pp.channel, pp.post, NEW.withdrawn_on, 'consent withdrawn'
	FROM post_pupil AS pp
	WHERE pp.pupil = NEW.pupil
	  AND NOT coalesce((SELECT instr(';' || c.uses || ';', ';' || pp.use || ';') > 0
			   AND (pp.named = 0 OR instr(';' || c.uses || ';', ';name_with_photo;') > 0)
		FROM consent AS c
		WHERE c.pupil = NEW.pupil AND c.received_on <= NEW.withdrawn_on
		  AND (c.withdrawn_on IS NULL OR c.withdrawn_on > NEW.withdrawn_on)
		  AND (c.expires_on IS NULL OR c.expires_on >= NEW.withdrawn_on)
		ORDER BY c.received_on DESC, c.rowid DESC LIMIT 1), 0)
	  AND NOT EXISTS (SELECT 1 FROM takedown AS t WHERE t.post = pp.post AND t.pupil = pp.pupil);
END;

CREATE TRIGGER consent_narrowed_reaches_posts
AFTER UPDATE OF uses ON consent
WHEN NEW.withdrawn_on IS NULL
BEGIN
	INSERT INTO takedown (id, pupil, channel, post, raised_on, note)
	SELECT smreg_uuid(), pp.pupil, pp.channel, pp.post, date('now', 'localtime'), 'consent narrowed'
	FROM post_pupil AS pp
	WHERE pp.pupil = NEW.pupil
	  AND NOT coalesce((SELECT instr(';' || coalesce(c.uses, '') || ';', ';' || pp.use || ';') > 0
			   AND (pp.named = 0 OR instr(';' || c.uses || ';', ';name_with_photo;') > 0)
		FROM consent AS c
		WHERE c.pupil = NEW.pupil AND c.received_on <= date('now', 'localtime')
		  AND (c.withdrawn_on IS NULL OR c.withdrawn_on > date('now', 'localtime'))
		  AND (c.expires_on IS NULL OR c.expires_on >= date('now', 'localtime'))
		ORDER BY c.received_on DESC, c.rowid DESC LIMIT 1), 0)
	  AND NOT EXISTS (SELECT 1 FROM takedown AS t WHERE t.post = pp.post AND t.pupil = pp.pupil);
END;

CREATE TRIGGER consent_replaced_reaches_posts
AFTER INSERT ON consent
WHEN NEW.withdrawn_on IS NULL
BEGIN
	INSERT INTO takedown (id, pupil, channel, post, raised_on, note)
	SELECT smreg_uuid(), pp.pupil, pp.channel, pp.post, NEW.received_on,
		'replaced by a consent that does not cover it'
	FROM post_pupil AS pp
	WHERE pp.pupil = NEW.pupil
	  AND NOT (instr(';' || coalesce(NEW.uses, '') || ';', ';' || pp.use || ';') > 0
		   AND (pp.named = 0 OR instr(';' || coalesce(NEW.uses, '') || ';', ';name_with_photo;') > 0))
	  -- Only a post the consent it replaces covered: a first consent takes
	  -- nothing down.
	  AND EXISTS (SELECT 1 FROM consent AS c
		WHERE c.pupil = NEW.pupil AND c.id <> NEW.id AND c.received_on <= NEW.received_on
		  AND (c.withdrawn_on IS NULL OR c.withdrawn_on > NEW.received_on)
		  AND (c.expires_on IS NULL OR c.expires_on >= NEW.received_on))
	  AND NOT EXISTS (SELECT 1 FROM takedown AS t WHERE t.post = pp.post AND t.pupil = pp.pupil);
END;

-- A takedown of a post on an outlet has no channel: say the outlet.
DROP VIEW due_takedown;
CREATE VIEW due_takedown AS
SELECT 'TAKEDOWN_OPEN' AS code,
	CASE WHEN t.raised_on < date(x.today, '-' || x.takedown_days || ' days')
	     THEN 'overdue' ELSE 'due' END AS severity,
	'takedown' AS register, t.id AS record_id, p.school AS school,
	p.name AS subject,
	'take down from ' || coalesce(ch.platform || ':' || ch.account, po.outlet)
		|| coalesce(' (' || po.url || ')', '') AS detail,
	t.raised_on AS due_on,
	t.pupil AS pupil
FROM takedown AS t
JOIN pupil AS p ON p.id = t.pupil
LEFT JOIN channel AS ch ON ch.id = t.channel
LEFT JOIN post AS po ON po.id = t.post,
due_context AS x
WHERE t.done_on IS NULL;

-- Channels are run, not only opened (issue 13.8): the head teacher signs
-- each channel off every term, recorded like a policy review.
CREATE TABLE signoff (
	id TEXT PRIMARY KEY NOT NULL
		CONSTRAINT "id: is not a UUID"
		CHECK (id GLOB '????????-????-????-????-????????????' AND id NOT GLOB '*[^0-9a-f-]*'),
	row_version INTEGER NOT NULL DEFAULT 1,
	channel TEXT NOT NULL REFERENCES channel (id),
	signed_on TEXT NOT NULL CONSTRAINT "signed_on: is not a date"
		CHECK (date(signed_on, '+0 days') IS signed_on AND signed_on BETWEEN '1900-01-01' AND '2199-12-31'),
	signed_by TEXT REFERENCES person (id),
	note TEXT
) STRICT;
CREATE INDEX signoff_channel ON signoff (channel, signed_on);
CREATE INDEX signoff_signed_by ON signoff (signed_by);
CREATE INDEX signoff_signed_on ON signoff (signed_on);

INSERT INTO setting (id, key, value, label) VALUES
	('0b7b0c55-86a4-4c1e-9d0e-5c2f3a61e8a4', 'signoff_months', 4,
	 'The head teacher signs each channel off every this many months (a term)'),
	('7e0f4f0e-2d7a-4f55-a3f1-93c1d0b6a2c7', 'dormant_months', 6,
	 'A channel with no recorded post for this many months is dormant');

-- An open channel's next sign-off: a term after the last one, or after it
-- opened.  Due auth_warn_days ahead, overdue once passed.
CREATE VIEW due_channel_signoff AS
SELECT 'CHANNEL_SIGNOFF_DUE' AS code,
	CASE WHEN n.due_on < x.today THEN 'overdue'
	     WHEN n.due_on <= date(x.today, '+' || x.auth_warn_days || ' days') THEN 'due'
	     ELSE 'later' END AS severity,
	'channel' AS register, n.id AS record_id, n.school AS school, n.title AS subject,
	CASE WHEN n.last_on IS NULL THEN 'never signed off by the head teacher'
	     ELSE 'last signed off ' || strftime('%d/%m/%Y', n.last_on) END AS detail,
	n.due_on AS due_on, NULL AS pupil
FROM (SELECT ch.id, ch.school, ch.platform || ':' || ch.account AS title,
	     (SELECT max(s.signed_on) FROM signoff AS s WHERE s.channel = ch.id) AS last_on,
	     date(coalesce((SELECT max(s.signed_on) FROM signoff AS s WHERE s.channel = ch.id),
			   ch.opened_on),
		  '+' || (SELECT value FROM setting WHERE key = 'signoff_months') || ' months') AS due_on
      FROM open_channel AS ch) AS n,
due_context AS x;

-- An open channel with no post recorded for dormant_months: review it or
-- close it.  A channel opened lately is not dormant yet.
CREATE VIEW due_channel_dormant AS
SELECT 'CHANNEL_DORMANT' AS code,
	CASE WHEN n.due_on <= x.today THEN 'due' ELSE 'later' END AS severity,
	'channel' AS register, n.id AS record_id, n.school AS school, n.title AS subject,
	CASE WHEN n.last_on IS NULL THEN 'no post recorded: review it or close it'
	     ELSE 'no post recorded since ' || strftime('%d/%m/%Y', n.last_on)
		  || ': review it or close it' END AS detail,
	n.due_on AS due_on, NULL AS pupil
FROM (SELECT ch.id, ch.school, ch.platform || ':' || ch.account AS title,
	     (SELECT max(p.posted_on) FROM post AS p WHERE p.channel = ch.id) AS last_on,
	     date(coalesce((SELECT max(p.posted_on) FROM post AS p WHERE p.channel = ch.id),
			   ch.opened_on),
		  '+' || (SELECT value FROM setting WHERE key = 'dormant_months') || ' months') AS due_on
      FROM open_channel AS ch) AS n,
due_context AS x;

-- Opt-out consent (issue 13.7): a school whose photo consent is assumed
-- unless a parent objects keeps the objections instead of consent forms.
ALTER TABLE school ADD COLUMN consent_model TEXT NOT NULL DEFAULT 'opt_in'
	CONSTRAINT "consent_model: must be opt_in or opt_out" CHECK (consent_model IN ('opt_in', 'opt_out'));

CREATE TABLE objection (
	id TEXT PRIMARY KEY NOT NULL
		CONSTRAINT "id: is not a UUID"
		CHECK (id GLOB '????????-????-????-????-????????????' AND id NOT GLOB '*[^0-9a-f-]*'),
	row_version INTEGER NOT NULL DEFAULT 1,
	pupil TEXT NOT NULL REFERENCES pupil (id),
	given_by TEXT NOT NULL CONSTRAINT "given_by: is required" CHECK (given_by <> ''),
	received_on TEXT NOT NULL CONSTRAINT "received_on: is not a date"
		CHECK (date(received_on, '+0 days') IS received_on AND received_on BETWEEN '1900-01-01' AND '2199-12-31'),
	uses TEXT,
	withdrawn_on TEXT CONSTRAINT "withdrawn_on: is not a date"
		CHECK (date(withdrawn_on, '+0 days') IS withdrawn_on AND withdrawn_on BETWEEN '1900-01-01' AND '2199-12-31'),
	form_ref TEXT,
	notes TEXT,
	CONSTRAINT "withdrawn_on: is before received_on" CHECK (withdrawn_on >= received_on)
) STRICT;
CREATE INDEX objection_pupil ON objection (pupil, received_on);
CREATE INDEX objection_received_on ON objection (received_on);
CREATE TRIGGER objection_uses_insert BEFORE INSERT ON objection
WHEN NEW.uses IS NOT NULL AND EXISTS (
	SELECT 1 FROM json_each('["' || replace(NEW.uses, ';', '","') || '"]') AS u
	WHERE u.value NOT IN (SELECT code FROM consent_use))
BEGIN
	SELECT RAISE(ABORT, 'uses: names a use that is not in the consent_use register');
END;
CREATE TRIGGER objection_uses_update BEFORE UPDATE OF uses ON objection
WHEN NEW.uses IS NOT NULL AND EXISTS (
	SELECT 1 FROM json_each('["' || replace(NEW.uses, ';', '","') || '"]') AS u
	WHERE u.value NOT IN (SELECT code FROM consent_use))
BEGIN
	SELECT RAISE(ABORT, 'uses: names a use that is not in the consent_use register');
END;

-- A pupil of an opt-out school needs no consent form: no NO_CONSENT or
-- CONSENT_EXPIRED for them.
DROP VIEW due_pupil_consent;
CREATE VIEW due_pupil_consent AS
SELECT
	CASE WHEN latest.id IS NULL THEN 'NO_CONSENT' ELSE 'CONSENT_EXPIRED' END AS code,
	CASE WHEN latest.id IS NULL THEN 'info' ELSE 'due' END AS severity,
	'pupil' AS register, p.id AS record_id, p.school AS school,
	p.name AS subject,
	CASE WHEN latest.id IS NULL THEN 'no consent on record' ELSE 'consent expired' END AS detail,
	coalesce(latest.expires_on, p.joined_on, x.school_year_start) AS due_on,
	p.id AS pupil
FROM due_context AS x, pupil AS p
-- The latest received by today: a form not yet received is no consent.
LEFT JOIN consent AS latest ON latest.id = (
	SELECT c.id FROM consent AS c
	WHERE c.pupil = p.id AND c.received_on <= date('now', 'localtime')
	ORDER BY c.received_on DESC, c.rowid DESC LIMIT 1)
WHERE (p.joined_on IS NULL OR p.joined_on <= x.today)
  AND (p.left_on IS NULL OR p.left_on > x.today)
  AND (SELECT sc.consent_model FROM school AS sc WHERE sc.id = p.school) IS NOT 'opt_out'
  -- No consent in force today (the current one, if there were one).
  AND NOT EXISTS (
	SELECT 1 FROM consent AS c
	WHERE c.pupil = p.id AND c.received_on <= date('now', 'localtime')
	  AND (c.withdrawn_on IS NULL OR c.withdrawn_on > date('now', 'localtime'))
	  AND (c.expires_on IS NULL OR c.expires_on >= date('now', 'localtime')))
  AND (latest.id IS NULL OR (latest.withdrawn_on IS NULL AND latest.expires_on < x.today));
