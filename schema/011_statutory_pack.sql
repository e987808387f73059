-- smreg schema, version 11: the statutory policy pack a register follows.
--
-- smreg ships the DfE's lists of statutory policies (data/statutory-
-- policies.tsv, built into the binary).  When a school chooses its list
-- (smreg init --policies maintained|academy, or smreg statutory KIND later)
-- the list's lines are copied here, so that the warning below can read
-- them; choosing again replaces them.  It holds no personal data.

CREATE TABLE statutory_policy (
	code TEXT PRIMARY KEY NOT NULL CHECK (code <> '' AND code NOT GLOB '*[^a-z_]*'),
	pack TEXT NOT NULL CHECK (pack IN ('maintained', 'academy')),
	title TEXT NOT NULL CHECK (trim(title) <> ''),
	-- the title, then other titles schools give it, separated by |
	-- (statutory_title holds them one a row)
	titles TEXT NOT NULL,
	cycle_months INTEGER NOT NULL CHECK (cycle_months BETWEEN 1 AND 120),
	live INTEGER NOT NULL DEFAULT 0 CHECK (live IN (0, 1)),
	approver TEXT,
	place INTEGER NOT NULL
) STRICT;

-- The titles a statutory policy goes by (the pack's, lower case), each a
-- row, so that finding a school's policy by title walks an index.
CREATE TABLE statutory_title (
	code TEXT NOT NULL REFERENCES statutory_policy (code) ON DELETE CASCADE,
	title TEXT NOT NULL CHECK (title = lower(trim(title)) AND title <> ''),
	PRIMARY KEY (code, title)
) STRICT;
CREATE INDEX policy_title_folded ON policy (lower(trim(title)));

-- A school holds a statutory policy when a policy of its own, or one for
-- every school, that is not retired bears one of its titles (ignoring case
-- and the spaces around it).  A register with no school yet holds one when
-- a policy for every school does.
CREATE VIEW due_statutory_missing AS
SELECT
	'POLICY_MISSING' AS code,
	'due' AS severity,
	'policy' AS register, NULL AS record_id, sc.id AS school, sp.title AS subject,
	'statutory policy missing (' || sp.pack || ' schools)' AS detail,
	x.today AS due_on,
	NULL AS pupil
FROM statutory_policy AS sp, due_context AS x,
	-- each school; a register with none yet is one school, unnamed
	(SELECT id FROM school UNION ALL SELECT NULL WHERE NOT EXISTS (SELECT 1 FROM school)) AS sc
WHERE NOT EXISTS (
	SELECT 1 FROM statutory_title AS st
	JOIN policy AS p ON lower(trim(p.title)) = st.title
	WHERE st.code = sp.code AND p.status <> 'retired'
	  AND (p.school IS NULL OR p.school = sc.id));
