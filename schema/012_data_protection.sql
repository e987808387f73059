-- smreg schema, version 12: data protection.  What smreg keeps and for
-- how long, legal holds, the disposal log, purging without a trace, and
-- subject-access requests.
--
-- 1. Pupils gain a date of birth (retention counts from it) and a UPN (the
--    DfE's unique pupil number, which MIS exports match on).
ALTER TABLE pupil ADD COLUMN date_of_birth TEXT CONSTRAINT "date_of_birth: is not a date"
	CHECK (date(date_of_birth, '+0 days') IS date_of_birth AND date_of_birth BETWEEN '1900-01-01' AND '2199-12-31');
-- A UPN is a check letter and twelve characters: 11 digits and a digit, or
-- a letter for a temporary UPN.
ALTER TABLE pupil ADD COLUMN upn TEXT CONSTRAINT "upn: must be a capital letter, 11 digits and a digit or capital letter"
	CHECK (upn GLOB '[A-Z][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9A-Z]');
CREATE UNIQUE INDEX pupil_upn ON pupil (upn) WHERE upn IS NOT NULL;

-- 2. Retention: how many years each register's records are kept, counted
--    from the date the view retention_due names (man page: RETENTION).  The
--    defaults follow the IRMS Information Management Toolkit for Schools
--    where it gives a figure; 0 keeps the records for ever.
INSERT INTO setting (id, key, value, label) VALUES
	('0b7e0b2c-5f1e-4d43-9d0e-2f6a1c0e7a01', 'retention_contact_years', 25, 'Keep a contact report this many years from the pupil''s date of birth (IRMS: DOB + 25)'),
	('0b7e0b2c-5f1e-4d43-9d0e-2f6a1c0e7a02', 'retention_pupil_years', 6, 'Keep a leaver and their consents this many years after they left'),
	('0b7e0b2c-5f1e-4d43-9d0e-2f6a1c0e7a03', 'retention_authorisation_years', 6, 'Keep a revoked authorisation this many years after it was revoked'),
	('0b7e0b2c-5f1e-4d43-9d0e-2f6a1c0e7a04', 'retention_training_years', 6, 'Keep a training record this many years after the person left'),
	('0b7e0b2c-5f1e-4d43-9d0e-2f6a1c0e7a05', 'retention_request_years', 1, 'Keep a subject-access request this many years after it was answered'),
	('0b7e0b2c-5f1e-4d43-9d0e-2f6a1c0e7a06', 'sar_warn_days', 7, 'Warn of a subject-access request due within this many days');

-- A legal hold keeps a record, whatever its retention, until released.
CREATE TABLE legal_hold (
	id TEXT PRIMARY KEY NOT NULL
		CONSTRAINT "id: is not a UUID"
		CHECK (id GLOB '????????-????-????-????-????????????' AND id NOT GLOB '*[^0-9a-f-]*'),
	register TEXT NOT NULL,
	record_id TEXT NOT NULL,
	reason TEXT NOT NULL CONSTRAINT "reason: a legal hold needs a reason" CHECK (trim(reason) <> ''),
	held_on TEXT NOT NULL,
	held_by TEXT NOT NULL,
	released_on TEXT,
	released_by TEXT
) STRICT;
CREATE UNIQUE INDEX legal_hold_active ON legal_hold (register, record_id) WHERE released_on IS NULL;

-- The disposal log: what was purged, how many, when, by whom, under which
-- rule.  Never the content.  Never changed or deleted.
CREATE TABLE disposal (
	id TEXT PRIMARY KEY NOT NULL
		CONSTRAINT "id: is not a UUID"
		CHECK (id GLOB '????????-????-????-????-????????????' AND id NOT GLOB '*[^0-9a-f-]*'),
	register TEXT NOT NULL,
	count INTEGER NOT NULL CHECK (count > 0),
	disposed_at TEXT NOT NULL,
	login TEXT NOT NULL,
	rule TEXT NOT NULL
) STRICT;
CREATE TRIGGER disposal_never_changed BEFORE UPDATE ON disposal
BEGIN
	SELECT RAISE(ABORT, 'disposal: the disposal log cannot be changed');
END;
CREATE TRIGGER disposal_never_deleted BEFORE DELETE ON disposal
BEGIN
	SELECT RAISE(ABORT, 'disposal: the disposal log cannot be changed');
END;

-- Safeguarding records are never deleted, except by a purge of what is due
-- (smreg_purging() is 1 only inside one, src/core/retention.c).
DROP TRIGGER contact_never_deleted;
CREATE TRIGGER contact_never_deleted BEFORE DELETE ON contact WHEN NOT smreg_purging()
BEGIN
	SELECT RAISE(ABORT, 'contact: contact reports are never deleted; close them');
END;
DROP TRIGGER action_never_deleted;
CREATE TRIGGER action_never_deleted BEFORE DELETE ON action WHEN NOT smreg_purging()
BEGIN
	SELECT RAISE(ABORT, 'action: a report''s actions are never deleted');
END;

-- 3. Subject-access requests: answered within one calendar month of
--    receipt, extendable by two; a record of how each was handled.
CREATE TABLE request (
	id TEXT PRIMARY KEY NOT NULL
		CONSTRAINT "id: is not a UUID"
		CHECK (id GLOB '????????-????-????-????-????????????' AND id NOT GLOB '*[^0-9a-f-]*'),
	row_version INTEGER NOT NULL DEFAULT 1,
	requester TEXT NOT NULL CONSTRAINT "requester: is required" CHECK (trim(requester) <> ''),
	pupil TEXT REFERENCES pupil (id),
	person TEXT REFERENCES person (id),
	received_on TEXT NOT NULL CONSTRAINT "received_on: is not a date"
		CHECK (date(received_on, '+0 days') IS received_on AND received_on BETWEEN '1900-01-01' AND '2199-12-31'),
	due_on TEXT CONSTRAINT "due_on: is not a date"
		CHECK (date(due_on, '+0 days') IS due_on AND due_on BETWEEN '1900-01-01' AND '2199-12-31'),
	extended_to TEXT CONSTRAINT "extended_to: is not a date"
		CHECK (date(extended_to, '+0 days') IS extended_to AND extended_to BETWEEN '1900-01-01' AND '2199-12-31'),
	done_on TEXT CONSTRAINT "done_on: is not a date"
		CHECK (date(done_on, '+0 days') IS done_on AND done_on BETWEEN '1900-01-01' AND '2199-12-31'),
	handling TEXT,
	CONSTRAINT "pupil: name the pupil or the person the request is about, not both"
		CHECK ((pupil IS NULL) <> (person IS NULL)),
	CONSTRAINT "due_on: is before received_on" CHECK (due_on >= received_on),
	CONSTRAINT "extended_to: is more than two months after due_on"
		CHECK (extended_to >= due_on AND extended_to <= date(due_on, '+2 months')),
	CONSTRAINT "done_on: is before received_on" CHECK (done_on >= received_on)
) STRICT;
CREATE INDEX request_pupil ON request (pupil);
CREATE INDEX request_person ON request (person);
CREATE INDEX request_open ON request (done_on, due_on);
CREATE INDEX request_received_on ON request (received_on);

-- SAR_OVERDUE: past its due date (or extension) unanswered; SAR_DUE: due
-- within sar_warn_days.
CREATE VIEW due_request AS
SELECT CASE WHEN coalesce(r.extended_to, r.due_on) < x.today THEN 'SAR_OVERDUE'
	    ELSE 'SAR_DUE' END AS code,
	CASE WHEN coalesce(r.extended_to, r.due_on) < x.today THEN 'overdue'
	     WHEN coalesce(r.extended_to, r.due_on) <= date(x.today, '+' ||
		(SELECT value FROM setting WHERE key = 'sar_warn_days') || ' days') THEN 'due'
	     ELSE 'later' END AS severity,
	'request' AS register, r.id AS record_id, NULL AS school,
	'request from ' || r.requester AS subject,
	'subject-access request received ' || strftime('%d/%m/%Y', r.received_on) ||
		CASE WHEN r.extended_to IS NOT NULL THEN ', extended' ELSE '' END AS detail,
	coalesce(r.extended_to, r.due_on) AS due_on,
	NULL AS pupil
FROM request AS r, due_context AS x
WHERE r.done_on IS NULL AND coalesce(r.extended_to, r.due_on) IS NOT NULL;

-- 4. What is due for disposal: each register's records past their
--    retention, not on legal hold.  One row per record: its register, the
--    record, who or what it is, the rule, the date it fell due.  A record
--    still needed by another that is kept (a pupil named in a contact
--    report or a request) waits for it.  A record's own related records
--    (a report's actions, a pupil's consents and takedowns) go with it.
CREATE VIEW retention_due AS
WITH years AS (SELECT
	(SELECT value FROM setting WHERE key = 'retention_contact_years') AS contact,
	(SELECT value FROM setting WHERE key = 'retention_pupil_years') AS pupil,
	(SELECT value FROM setting WHERE key = 'retention_authorisation_years') AS authorisation,
	(SELECT value FROM setting WHERE key = 'retention_training_years') AS training,
	(SELECT value FROM setting WHERE key = 'retention_request_years') AS request),
candidate AS (
	-- A report about a pupil not on the register counts from when it was made.
	SELECT 'contact' AS register, c.id AS record_id, c.school AS school,
		coalesce(p.name, c.pupil_name) AS subject, c.pupil AS pupil,
		CASE WHEN p.date_of_birth IS NOT NULL
		     THEN 'retention_contact_years: ' || y.contact || ' years from the pupil''s date of birth'
		     ELSE 'retention_contact_years: ' || y.contact || ' years from the report (no date of birth)' END AS rule,
		date(coalesce(p.date_of_birth, c.reported_on), '+' || y.contact || ' years') AS due_on
	FROM contact AS c LEFT JOIN pupil AS p ON p.id = c.pupil, years AS y
	WHERE y.contact > 0 AND c.status = 'closed'
	UNION ALL
	SELECT 'pupil', p.id, p.school, p.name, p.id,
		'retention_pupil_years: ' || y.pupil || ' years after leaving',
		date(p.left_on, '+' || y.pupil || ' years')
	FROM pupil AS p, years AS y
	WHERE y.pupil > 0 AND p.left_on IS NOT NULL
	  AND NOT EXISTS (SELECT 1 FROM contact AS c WHERE c.pupil = p.id)
	  AND NOT EXISTS (SELECT 1 FROM request AS r WHERE r.pupil = p.id)
	UNION ALL
	SELECT 'authorisation', a.id, NULL, (SELECT name FROM person WHERE id = a.person), NULL,
		'retention_authorisation_years: ' || y.authorisation || ' years after revocation',
		date(a.revoked_on, '+' || y.authorisation || ' years')
	FROM authorisation AS a, years AS y
	WHERE y.authorisation > 0 AND a.revoked_on IS NOT NULL
	UNION ALL
	-- Training shows what a member of staff was taught while they work
	-- here: it is kept until they have left.
	SELECT 'training', t.id, NULL, p.name, NULL,
		'retention_training_years: ' || y.training || ' years after the person left',
		date(p.left_on, '+' || y.training || ' years')
	FROM training AS t JOIN person AS p ON p.id = t.person, years AS y
	WHERE y.training > 0 AND p.left_on IS NOT NULL
	UNION ALL
	SELECT 'request', r.id, NULL, r.requester, r.pupil,
		'retention_request_years: ' || y.request || ' years after it was answered',
		date(r.done_on, '+' || y.request || ' years')
	FROM request AS r, years AS y
	WHERE y.request > 0 AND r.done_on IS NOT NULL)
SELECT c.* FROM candidate AS c, due_context AS x
WHERE c.due_on <= x.today
  AND NOT EXISTS (SELECT 1 FROM legal_hold AS h
		  WHERE h.register = c.register AND h.record_id = c.record_id AND h.released_on IS NULL);

CREATE VIEW due_retention AS
SELECT 'RETENTION_DUE' AS code, 'due' AS severity, d.register AS register,
	d.record_id AS record_id, d.school AS school, d.subject AS subject,
	'due for disposal under ' || d.rule AS detail, d.due_on AS due_on, d.pupil AS pupil
FROM retention_due AS d;

-- 5. The audit trail, version 2: each row's hash covers a digest of its
--    content (before, after, reason) instead of the content, so a purge
--    can remove the content and keep the digest, and smreg check still
--    verifies every row (src/core/chain.c says which bytes).  A row whose
--    content was purged names its disposal in purged; the disposal's own
--    audit row (register 'disposal') holds a digest of the seqs it purged,
--    so a row emptied behind smreg's back is found too.
--
--    First the version 1 chain is checked: a trail already broken is not
--    re-chained (that would hide the break).
CREATE TEMP TABLE audit_v1_broken (
	rows INTEGER CONSTRAINT "audit: the audit trail is broken; run smreg check, and restore a backup, before upgrading"
		CHECK (rows = 0)
);
INSERT INTO audit_v1_broken
	SELECT count(*) FROM audit AS a
	WHERE a.hash IS NOT smreg_audit_hash(a.seq, a.at, a.login, a.register, a.record_id, a.action,
		a.before, a.after, a.reason,
		(SELECT p.hash FROM audit AS p WHERE p.seq < a.seq ORDER BY p.seq DESC LIMIT 1));
DROP TABLE audit_v1_broken;

ALTER TABLE audit RENAME TO audit_before_012;
DROP TRIGGER audit_chain;
DROP TRIGGER audit_never_changed;
DROP TRIGGER audit_never_deleted;
DROP INDEX audit_register;

CREATE TABLE audit (
	seq INTEGER PRIMARY KEY,
	at TEXT NOT NULL,
	login TEXT NOT NULL,
	register TEXT NOT NULL,
	record_id TEXT NOT NULL,
	action TEXT NOT NULL CHECK (action IN ('insert', 'update', 'close', 'delete', 'open', 'read')),
	before TEXT,
	after TEXT,
	reason TEXT,
	digest BLOB CHECK (digest IS NULL OR length(digest) = 32),
	hash BLOB CHECK (hash IS NULL OR length(hash) = 32),
	purged TEXT REFERENCES disposal (id),
	CONSTRAINT "audit: a purged row keeps no content"
		CHECK (purged IS NULL OR (before IS NULL AND after IS NULL AND reason IS NULL))
) STRICT;

CREATE TRIGGER audit_chain AFTER INSERT ON audit
BEGIN
	UPDATE audit SET digest = smreg_audit_digest(NEW.before, NEW.after, NEW.reason),
		hash = smreg_audit_hash2(NEW.seq, NEW.at, NEW.login, NEW.register, NEW.record_id,
			NEW.action, smreg_audit_digest(NEW.before, NEW.after, NEW.reason),
			(SELECT p.hash FROM audit AS p WHERE p.seq < NEW.seq ORDER BY p.seq DESC LIMIT 1))
	WHERE seq = NEW.seq;
END;

INSERT INTO audit (seq, at, login, register, record_id, action, before, after, reason)
	SELECT seq, at, login, register, record_id, action, before, after, reason
	FROM audit_before_012 ORDER BY seq;
DROP TABLE audit_before_012;

CREATE INDEX audit_register ON audit (register, seq);
CREATE INDEX audit_record ON audit (record_id);
CREATE INDEX audit_purged ON audit (purged) WHERE purged IS NOT NULL;
-- Rows are only ever added.  Two changes are allowed: audit_chain's, filling
-- the digest and hash of a row that has none; and a purge's, emptying the
-- content of a row once, naming its disposal, keeping everything else.
CREATE TRIGGER audit_never_changed BEFORE UPDATE ON audit
	WHEN NOT (NEW.seq IS OLD.seq AND NEW.at IS OLD.at AND NEW.login IS OLD.login
		AND NEW.register IS OLD.register AND NEW.record_id IS OLD.record_id
		AND NEW.action IS OLD.action
		AND ((OLD.hash IS NULL AND OLD.digest IS NULL AND OLD.purged IS NULL
		      AND NEW.purged IS NULL AND NEW.before IS OLD.before
		      AND NEW.after IS OLD.after AND NEW.reason IS OLD.reason)
		  OR (OLD.hash IS NOT NULL AND OLD.purged IS NULL AND NEW.purged IS NOT NULL
		      AND NEW.digest IS OLD.digest AND NEW.hash IS OLD.hash
		      AND NEW.before IS NULL AND NEW.after IS NULL AND NEW.reason IS NULL)))
BEGIN
	SELECT RAISE(ABORT, 'audit: the audit trail cannot be changed');
END;
CREATE TRIGGER audit_never_deleted BEFORE DELETE ON audit
BEGIN
	SELECT RAISE(ABORT, 'audit: the audit trail cannot be changed');
END;
