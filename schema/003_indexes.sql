-- smreg schema, version 3: indexes for the registers' own orders.
--
-- A register's screen lists it in its default order a page at a time; at
-- a trust's scale (300,000 actions, 100,000 contact reports) a page far
-- down must come from walking an index, not from sorting the table.

CREATE INDEX IF NOT EXISTS action_acted_on ON action (acted_on);
CREATE INDEX IF NOT EXISTS consent_received_on ON consent (received_on);
CREATE INDEX IF NOT EXISTS takedown_raised_on ON takedown (raised_on);
CREATE INDEX IF NOT EXISTS review_reviewed_on ON review (reviewed_on);
CREATE INDEX IF NOT EXISTS training_completed_on ON training (completed_on);
CREATE INDEX IF NOT EXISTS contact_platform ON contact (platform);
CREATE INDEX IF NOT EXISTS contact_category ON contact (category);

-- The audit trail is read a register at a time (audit_register); a
-- record's history is a walk back through its register's part.  An index
-- on record_id, whose values are random, made every row added anywhere
-- cost a write to a page in the middle of an index as large as the trail:
-- a third of the time of importing 20,000 rows into a trust's register.
DROP INDEX IF EXISTS audit_record;
