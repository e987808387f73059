-- smreg schema, version 15: the speed of the dashboard and of smreg due
-- at trust scale (issue 16).

-- Every command of a user who may be named in a contact report (the DSL,
-- a head, a chair) first asks whether a report names another person for
-- them to read.  Few reports name a member of staff, so an index of those
-- alone answers it without reading the 100,000 reports of a trust.
CREATE INDEX contact_concerned ON contact (concerns, school) WHERE concerns IS NOT NULL;

-- smreg due reads what is due for disposal, and so read every closed
-- contact report of the trust (1.4 s at scale 50): the same view, the
-- reports read only when they may be old enough.  Its rows are those of
-- version 12's, row for row (tests/cli/test_retention.sh).
CREATE INDEX pupil_born ON pupil (date_of_birth);

DROP VIEW retention_due;
CREATE VIEW retention_due AS
WITH years AS (SELECT
	(SELECT value FROM setting WHERE key = 'retention_contact_years') AS contact,
	(SELECT value FROM setting WHERE key = 'retention_pupil_years') AS pupil,
	(SELECT value FROM setting WHERE key = 'retention_authorisation_years') AS authorisation,
	(SELECT value FROM setting WHERE key = 'retention_training_years') AS training,
	(SELECT value FROM setting WHERE key = 'retention_request_years') AS request),
candidate AS (
	-- A report about a pupil not on the register counts from when it was made.
	-- Of a trust's 100,000 closed reports only those old enough are read:
	-- those about a pupil born long enough ago (through pupil_born), and
	-- the others reported long enough ago (through contact_open).  Each
	-- bound is a month looser than the rule, which alone decides.
	SELECT 'contact' AS register, c.id AS record_id, c.school AS school,
		coalesce(p.name, c.pupil_name) AS subject, c.pupil AS pupil,
		'retention_contact_years: ' || y.contact || ' years from the pupil''s date of birth' AS rule,
		date(p.date_of_birth, '+' || y.contact || ' years') AS due_on
	-- CROSS JOIN: the bound is known before the index is searched.
	FROM years AS y CROSS JOIN due_context AS x CROSS JOIN pupil AS p CROSS JOIN contact AS c
	WHERE y.contact > 0 AND c.pupil = p.id AND +c.status = 'closed' AND p.date_of_birth IS NOT NULL
	  AND p.date_of_birth <= date(x.today, '-' || y.contact || ' years', '+1 month')
	UNION ALL
	SELECT 'contact', c.id, c.school, coalesce(p.name, c.pupil_name), c.pupil,
		'retention_contact_years: ' || y.contact || ' years from the report (no date of birth)',
		date(c.reported_on, '+' || y.contact || ' years')
	FROM years AS y CROSS JOIN due_context AS x CROSS JOIN contact AS c
		LEFT JOIN pupil AS p ON p.id = c.pupil
	WHERE y.contact > 0 AND c.status = 'closed' AND p.date_of_birth IS NULL
	  AND c.reported_on <= date(x.today, '-' || y.contact || ' years', '+1 month')
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
