-- smreg schema, version 5: the audit trail records reads, and is chained.
--
-- Reading safeguarding records (a list, a page of one, a search, an
-- export) writes the action 'read', whose "after" says what was read:
-- how, the filter, the number of rows and, for a page, their ids
-- (src/core/store.c).
--
-- Each row's hash is SHA-256 over the row and the hash of the row before
-- it (smreg_audit_hash; src/core/chain.c says exactly which bytes), so a
-- row changed, or a row removed from before it, behind smreg's back shows
-- as the first row whose hash does not match: smreg check names it.  One
-- trigger fills the hash for every way a row goes in (the registers'
-- triggers, the record of an opening or a read, the demonstration).
--
-- SQLite cannot change a CHECK, so the table is made again, keeping every
-- row and its seq.  The old table is renamed out of the way first: the
-- registers' triggers follow the rename, and smreg writes them again, for
-- the new table, at the end of every migration.
ALTER TABLE audit RENAME TO audit_before_005;

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
	hash BLOB CHECK (hash IS NULL OR length(hash) = 32)
) STRICT;

-- The previous row is the one with the next lower seq: a rowid lookup.
CREATE TRIGGER audit_chain AFTER INSERT ON audit
BEGIN
	UPDATE audit SET hash = smreg_audit_hash(NEW.seq, NEW.at, NEW.login, NEW.register,
		NEW.record_id, NEW.action, NEW.before, NEW.after, NEW.reason,
		(SELECT p.hash FROM audit AS p WHERE p.seq < NEW.seq ORDER BY p.seq DESC LIMIT 1))
	WHERE seq = NEW.seq;
END;

-- The rows already there get their hashes in seq order, through the trigger.
INSERT INTO audit (seq, at, login, register, record_id, action, before, after, reason)
	SELECT seq, at, login, register, record_id, action, before, after, reason
	FROM audit_before_005 ORDER BY seq;
DROP TABLE audit_before_005;

CREATE INDEX audit_register ON audit (register, seq);
-- Rows are only ever added: the one change allowed is audit_chain's,
-- filling the hash of a row that has none and changing nothing else.
CREATE TRIGGER audit_never_changed BEFORE UPDATE ON audit
	WHEN NOT (OLD.hash IS NULL AND NEW.seq IS OLD.seq AND NEW.at IS OLD.at
		AND NEW.login IS OLD.login AND NEW.register IS OLD.register
		AND NEW.record_id IS OLD.record_id AND NEW.action IS OLD.action
		AND NEW.before IS OLD.before AND NEW.after IS OLD.after
		AND NEW.reason IS OLD.reason)
BEGIN
	SELECT RAISE(ABORT, 'audit: the audit trail cannot be changed');
END;
CREATE TRIGGER audit_never_deleted BEFORE DELETE ON audit
BEGIN
	SELECT RAISE(ABORT, 'audit: the audit trail cannot be changed');
END;
