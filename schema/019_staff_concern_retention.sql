-- smreg schema, version 19: how long a concern about a member of staff is
-- kept (issue 15).  The IRMS toolkit keeps an allegation against staff
-- until the person's normal pension age or for 10 years, whichever is
-- longer; contact reports about pupils keep their 25 years from the
-- pupil's date of birth (schema/012).
--
-- The member of staff's date of birth is kept on the report, not on the
-- person: every role reads the person register, and nothing else in smreg
-- needs a member of staff's date of birth.  On the report only the DSL and
-- the reader the policy names see it.
ALTER TABLE contact ADD COLUMN concerns_born_on TEXT
	CONSTRAINT "concerns_born_on: is not a date"
		CHECK (date(concerns_born_on, '+0 days') IS concerns_born_on
		       AND concerns_born_on BETWEEN '1900-01-01' AND '2199-12-31')
	CONSTRAINT "concerns_born_on: only a report about a member of staff has their date of birth"
		CHECK (concerns_born_on IS NULL OR concerns IS NOT NULL);

INSERT INTO setting (id, key, value, label) VALUES
	('5d0c7a3e-2b8f-4c61-a4e2-19f0d7b3c019', 'retention_staff_concern_years', 10,
	 'Keep a concern about a member of staff at least this many years after it closed (IRMS: 10)'),
	('5d0c7a3e-2b8f-4c61-a4e2-19f0d7b3c020', 'state_pension_age', 67,
	 'Normal pension age: a concern about a member of staff is kept until then at least');

-- The view of schema/015 again, with a rule of its own for concerns about
-- staff: the later of their date of birth + state_pension_age and closing
-- + retention_staff_concern_years.  Without a date of birth it is never
-- due (retention_kept says so): keeping it too long can be put right,
-- destroying it before the person's pension age cannot.
DROP VIEW retention_due;
CREATE VIEW retention_due AS
WITH years AS (SELECT
	(SELECT value FROM setting WHERE key = 'retention_contact_years') AS contact,
	(SELECT value FROM setting WHERE key = 'retention_pupil_years') AS pupil,
	(SELECT value FROM setting WHERE key = 'retention_authorisation_years') AS authorisation,
	(SELECT value FROM setting WHERE key = 'retention_training_years') AS training,
	(SELECT value FROM setting WHERE key = 'retention_request_years') AS request,
	(SELECT value FROM setting WHERE key = 'retention_staff_concern_years') AS staff_concern,
	(SELECT value FROM setting WHERE key = 'state_pension_age') AS pension_age),
candidate AS (
	-- A report about a pupil not on the register counts from when it was made.
	-- Of a trust's 100,000 closed reports only those old enough are read, as
	-- in schema/015: those about a pupil born long enough ago (through
	-- pupil_born), and the others reported long enough ago (through
	-- contact_open).  Each bound is a month looser than the rule, which
	-- alone decides.
	SELECT 'contact' AS register, c.id AS record_id, c.school AS school,
		coalesce(p.name, c.pupil_name) AS subject, c.pupil AS pupil,
		'retention_contact_years: ' || y.contact || ' years from the pupil''s date of birth' AS rule,
		date(p.date_of_birth, '+' || y.contact || ' years') AS due_on
	-- CROSS JOIN: the bound is known before the index is searched.
	FROM years AS y CROSS JOIN due_context AS x CROSS JOIN pupil AS p CROSS JOIN contact AS c
	WHERE y.contact > 0 AND c.pupil = p.id AND +c.status = 'closed' AND p.date_of_birth IS NOT NULL
	  AND c.concerns IS NULL
	  AND p.date_of_birth <= date(x.today, '-' || y.contact || ' years', '+1 month')
	UNION ALL
	SELECT 'contact', c.id, c.school, coalesce(p.name, c.pupil_name), c.pupil,
		'retention_contact_years: ' || y.contact || ' years from the report (no date of birth)',
		date(c.reported_on, '+' || y.contact || ' years')
	FROM years AS y CROSS JOIN due_context AS x CROSS JOIN contact AS c
		LEFT JOIN pupil AS p ON p.id = c.pupil
	WHERE y.contact > 0 AND c.status = 'closed' AND p.date_of_birth IS NULL AND c.concerns IS NULL
	  AND c.reported_on <= date(x.today, '-' || y.contact || ' years', '+1 month')
	UNION ALL
	SELECT 'contact', c.id, c.school, 'staff: ' || s.name, NULL,
		'retention_staff_concern_years: the later of state_pension_age (' || y.pension_age
			|| ') from their date of birth and ' || y.staff_concern || ' years from closing',
		max(date(c.concerns_born_on, '+' || y.pension_age || ' years'),
		    date(c.closed_on, '+' || y.staff_concern || ' years'))
	FROM contact AS c JOIN person AS s ON s.id = c.concerns, years AS y
	WHERE y.staff_concern > 0 AND c.status = 'closed' AND c.concerns_born_on IS NOT NULL
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

-- Records a rule would dispose of but cannot date, and why: smreg
-- retention says how many it keeps.
CREATE VIEW retention_kept AS
SELECT 'contact' AS register, c.id AS record_id,
	'a concern about a member of staff without their date of birth (concerns_born_on) is '
	|| 'never due: it is kept until their pension age or for '
	|| (SELECT value FROM setting WHERE key = 'retention_staff_concern_years')
	|| ' years, whichever is longer' AS why
FROM contact AS c
WHERE c.concerns IS NOT NULL AND c.concerns_born_on IS NULL AND c.status = 'closed'
  AND (SELECT value FROM setting WHERE key = 'retention_staff_concern_years') > 0;
