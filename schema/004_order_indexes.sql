-- The authorisations' and policies' orders are more than a column: each
-- index holds its register's order (record.c, order_sql) as the register
-- sorts by it, so that a first page is read from the index, not sorted.
CREATE INDEX IF NOT EXISTS authorisation_order ON authorisation (revoked_on IS NOT NULL,
	revoked_on DESC, instr('master_admin admin poster moderator exception', kind),
	granted_on DESC);
CREATE INDEX IF NOT EXISTS policy_order ON policy (next_review_on, title);
-- policy_order serves whatever this did.
DROP INDEX IF EXISTS policy_next_review_on;
