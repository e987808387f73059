-- smreg schema, version 20: the due views' rows kept between runs (issue
-- 16), so the dashboard and smreg due read a few thousand stored rows
-- instead of running some twenty views over a trust's registers.
--
-- The cache holds every row each view gives, unfiltered: which of them a
-- user sees is decided as before, at read time, by due.c (rule_sql), so
-- the cache holds no decision about who may see what.  due_cache.c fills
-- it and says when it is current.

CREATE TABLE due_cache (
	view TEXT NOT NULL,
	code TEXT,
	severity TEXT,
	register TEXT,
	record_id TEXT,
	school TEXT,
	subject TEXT,
	detail TEXT,
	due_on TEXT,
	pupil TEXT
);
CREATE INDEX due_cache_view ON due_cache (view);

-- What the rows were computed under; no row, or another key: stale.
--   today:          date('now', 'localtime') as the views saw it
--                   (SMREG_TODAY moves it);
--   schema_version: PRAGMA schema_version, which any migration or changed
--                   trigger or view moves;
--   audit_seq:      the audit trail's last seq.  Every write to a register
--                   leaves an audit row (settings included), so a row after
--                   it that is not a read means the registers changed.
CREATE TABLE due_cache_key (
	one INTEGER PRIMARY KEY CHECK (one = 1),
	today TEXT NOT NULL,
	schema_version INTEGER NOT NULL,
	audit_seq INTEGER NOT NULL
);

-- The tables the views read that leave no audit row (the sqlite3 command
-- can write them too) make the cache stale themselves.  A purge's disposal
-- empties it: what was purged must not stay behind in its rows.
-- tests/unit/test_plans.c fails for a table the views read that is
-- neither audited nor here.
CREATE TRIGGER due_cache_legal_hold_insert AFTER INSERT ON legal_hold
BEGIN DELETE FROM due_cache_key; END;
CREATE TRIGGER due_cache_legal_hold_update AFTER UPDATE ON legal_hold
BEGIN DELETE FROM due_cache_key; END;
CREATE TRIGGER due_cache_legal_hold_delete AFTER DELETE ON legal_hold
BEGIN DELETE FROM due_cache_key; END;
CREATE TRIGGER due_cache_statutory_policy_insert AFTER INSERT ON statutory_policy
BEGIN DELETE FROM due_cache_key; END;
CREATE TRIGGER due_cache_statutory_policy_update AFTER UPDATE ON statutory_policy
BEGIN DELETE FROM due_cache_key; END;
CREATE TRIGGER due_cache_statutory_policy_delete AFTER DELETE ON statutory_policy
BEGIN DELETE FROM due_cache_key; END;
CREATE TRIGGER due_cache_statutory_title_insert AFTER INSERT ON statutory_title
BEGIN DELETE FROM due_cache_key; END;
CREATE TRIGGER due_cache_statutory_title_update AFTER UPDATE ON statutory_title
BEGIN DELETE FROM due_cache_key; END;
CREATE TRIGGER due_cache_statutory_title_delete AFTER DELETE ON statutory_title
BEGIN DELETE FROM due_cache_key; END;
CREATE TRIGGER due_cache_disposal_insert AFTER INSERT ON disposal
BEGIN DELETE FROM due_cache_key; DELETE FROM due_cache; END;
