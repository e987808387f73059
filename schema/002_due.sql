-- smreg schema, version 2: the due-review warnings, one view per rule.
--
-- Every rule view has the same columns:
--   code       the rule, e.g. POLICY_OVERDUE
--   severity   overdue, due or info; 'later' for a dated item not yet within
--              its warning window (smreg due --within shows those too)
--   register   the register of the record the warning is about
--   record_id  that record
--   school     the school it concerns (NULL: every school)
--   subject    what it is about, in words (a policy title, a channel, a name)
--   detail     what is wrong, in words
--   due_on     the date it fell or falls due
--   pupil      the pupil it is about, for those who may count them only
-- due_all is their union; due is what needs attention today.
--
-- "Today" is date('now', 'localtime'); smreg fixes it with SMREG_TODAY.

CREATE VIEW due_context AS
SELECT
	date('now', 'localtime') AS today,
	CASE WHEN strftime('%m', 'now', 'localtime') >= '09'
	     THEN strftime('%Y', 'now', 'localtime') || '-09-01'
	     ELSE (strftime('%Y', 'now', 'localtime') - 1) || '-09-01'
	END AS school_year_start,
	(SELECT value FROM setting WHERE key = 'policy_warn_days') AS policy_warn_days,
	(SELECT value FROM setting WHERE key = 'auth_warn_days') AS auth_warn_days,
	(SELECT value FROM setting WHERE key = 'privacy_check_months') AS privacy_check_months,
	(SELECT value FROM setting WHERE key = 'max_admins') AS max_admins,
	(SELECT value FROM setting WHERE key = 'consent_withdrawn_days') AS consent_withdrawn_days,
	(SELECT value FROM setting WHERE key = 'takedown_days') AS takedown_days,
	(SELECT value FROM setting WHERE key = 'contact_warn_days') AS contact_warn_days,
	(SELECT value FROM setting WHERE key = 'contact_overdue_days') AS contact_overdue_days,
	(SELECT value FROM setting WHERE key = 'training_grace_days') AS training_grace_days;

-- What is in force today.  A date in the future has not happened yet: a
-- channel closing next week is open, a leaver working their notice is active.
CREATE VIEW open_channel AS
SELECT ch.* FROM channel AS ch, due_context AS x
WHERE ch.closed_on IS NULL OR ch.closed_on > x.today;

CREATE VIEW active_authorisation AS
SELECT a.* FROM authorisation AS a, due_context AS x
WHERE a.granted_on <= x.today AND (a.revoked_on IS NULL OR a.revoked_on > x.today);

CREATE VIEW current_staff AS
SELECT p.* FROM person AS p, due_context AS x
WHERE p.kind = 'staff'
  AND (p.started_on IS NULL OR p.started_on <= x.today)
  AND (p.left_on IS NULL OR p.left_on > x.today);

CREATE VIEW pupil_on_roll AS
SELECT p.* FROM pupil AS p, due_context AS x
WHERE (p.joined_on IS NULL OR p.joined_on <= x.today)
  AND (p.left_on IS NULL OR p.left_on > x.today);

-- A pupil's consent that counts: the latest one received that is neither
-- withdrawn nor expired today.
CREATE VIEW current_consent AS
SELECT c.* FROM consent AS c, due_context AS x
WHERE c.id = (
	SELECT c2.id FROM consent AS c2
	WHERE c2.pupil = c.pupil AND c2.received_on <= x.today
	  AND (c2.withdrawn_on IS NULL OR c2.withdrawn_on > x.today)
	  AND (c2.expires_on IS NULL OR c2.expires_on >= x.today)
	ORDER BY c2.received_on DESC, c2.rowid DESC LIMIT 1);

CREATE VIEW due_policy AS
SELECT
	CASE WHEN p.next_review_on < x.today THEN 'POLICY_OVERDUE' ELSE 'POLICY_DUE' END AS code,
	CASE WHEN p.next_review_on < x.today THEN 'overdue'
	     WHEN p.next_review_on <= date(x.today, '+' || x.policy_warn_days || ' days') THEN 'due'
	     ELSE 'later' END AS severity,
	'policy' AS register, p.id AS record_id, p.school AS school, p.title AS subject,
	CASE WHEN p.next_review_on < x.today THEN 'review overdue' ELSE 'review due' END AS detail,
	p.next_review_on AS due_on,
	NULL AS pupil
FROM policy AS p, due_context AS x
WHERE p.status <> 'retired';

CREATE VIEW due_channel_no_master AS
SELECT 'CHANNEL_NO_MASTER' AS code, 'overdue' AS severity,
	'channel' AS register, ch.id AS record_id, ch.school AS school,
	ch.platform || ':' || ch.account AS subject,
	'no active master administrator' AS detail,
	coalesce((SELECT max(a.revoked_on) FROM authorisation AS a
		  WHERE a.channel = ch.id AND a.kind = 'master_admin' AND a.revoked_on <= x.today),
		 ch.opened_on) AS due_on,
	NULL AS pupil
FROM open_channel AS ch, due_context AS x
WHERE NOT EXISTS (SELECT 1 FROM active_authorisation AS a
		  WHERE a.channel = ch.id AND a.kind = 'master_admin');

-- Access on a closed channel is no access; an exception has no channel.
CREATE VIEW due_leaver_has_access AS
SELECT 'LEAVER_HAS_ACCESS' AS code, 'overdue' AS severity,
	'authorisation' AS register, a.id AS record_id, coalesce(ch.school, p.school) AS school,
	p.name AS subject,
	'left, still holds ' || a.kind ||
		coalesce(' on ' || ch.platform || ':' || ch.account, '') AS detail,
	p.left_on AS due_on,
	NULL AS pupil
FROM active_authorisation AS a
JOIN person AS p ON p.id = a.person
LEFT JOIN channel AS ch ON ch.id = a.channel,
due_context AS x
WHERE p.left_on <= x.today
  AND (ch.id IS NULL OR ch.closed_on IS NULL OR ch.closed_on > x.today);

CREATE VIEW due_authorisation AS
SELECT
	CASE WHEN a.review_on < x.today THEN 'AUTH_EXPIRED' ELSE 'AUTH_DUE' END AS code,
	CASE WHEN a.review_on < x.today THEN 'overdue'
	     WHEN a.review_on <= date(x.today, '+' || x.auth_warn_days || ' days') THEN 'due'
	     ELSE 'later' END AS severity,
	'authorisation' AS register, a.id AS record_id, coalesce(ch.school, p.school) AS school,
	p.name AS subject,
	a.kind || coalesce(' on ' || ch.platform || ':' || ch.account, '') ||
		CASE WHEN a.review_on < x.today THEN ': review overdue' ELSE ': review due' END AS detail,
	a.review_on AS due_on,
	NULL AS pupil
FROM active_authorisation AS a
JOIN person AS p ON p.id = a.person
LEFT JOIN channel AS ch ON ch.id = a.channel,
due_context AS x
WHERE a.review_on IS NOT NULL
  -- Access that ends before its review date needs no review.
  AND (a.revoked_on IS NULL OR a.revoked_on > a.review_on)
  -- As for leavers: access on a closed channel is no access, nothing to review.
  AND (ch.id IS NULL OR ch.closed_on IS NULL OR ch.closed_on > x.today);

CREATE VIEW due_not_risk_assessed AS
SELECT 'NOT_RISK_ASSESSED' AS code, 'overdue' AS severity,
	'channel' AS register, ch.id AS record_id, ch.school AS school,
	ch.platform || ':' || ch.account AS subject,
	CASE WHEN ch.risk_assessed_on IS NULL AND ch.approved_by IS NULL
	     THEN 'no risk assessment and no head teacher''s approval'
	     WHEN ch.risk_assessed_on IS NULL THEN 'no risk assessment'
	     ELSE 'no head teacher''s approval' END AS detail,
	ch.opened_on AS due_on,
	NULL AS pupil
FROM open_channel AS ch
WHERE ch.risk_assessed_on IS NULL OR ch.approved_by IS NULL;

-- Months counted as date_add_months() counts them: checked on 31 August,
-- due again six months on, on 28 February (SQLite alone says 3 March).
CREATE VIEW due_privacy_check AS
SELECT 'PRIVACY_CHECK_DUE' AS code,
	CASE WHEN ch.privacy_checked_on IS NULL
	       OR min(date(ch.privacy_checked_on, '+' || x.privacy_check_months || ' months'),
		      date(ch.privacy_checked_on, 'start of month',
			   '+' || (x.privacy_check_months + 1) || ' months', '-1 day')) <= x.today
	     THEN 'due' ELSE 'later' END AS severity,
	'channel' AS register, ch.id AS record_id, ch.school AS school,
	ch.platform || ':' || ch.account AS subject,
	CASE WHEN ch.privacy_checked_on IS NULL THEN 'privacy settings never checked'
	     ELSE 'privacy settings check due' END AS detail,
	CASE WHEN ch.privacy_checked_on IS NULL THEN ch.opened_on
	     ELSE min(date(ch.privacy_checked_on, '+' || x.privacy_check_months || ' months'),
		      date(ch.privacy_checked_on, 'start of month',
			   '+' || (x.privacy_check_months + 1) || ' months', '-1 day')) END AS due_on,
	NULL AS pupil
FROM open_channel AS ch, due_context AS x;

-- The yes/no safeguards every open channel should have.
CREATE VIEW due_channel_settings AS
SELECT 'NOT_IN_PRIVACY_NOTICE' AS code, 'due' AS severity,
	'channel' AS register, ch.id AS record_id, ch.school AS school,
	ch.platform || ':' || ch.account AS subject,
	'not listed in the privacy notice' AS detail, ch.opened_on AS due_on, NULL AS pupil
FROM open_channel AS ch WHERE ch.in_privacy_notice = 0
UNION ALL
SELECT 'NO_EMERGENCY_ACCESS', 'due', 'channel', ch.id, ch.school,
	ch.platform || ':' || ch.account,
	'leadership cannot reach the login details in an emergency', ch.opened_on, NULL
FROM open_channel AS ch WHERE ch.emergency_access = 0
UNION ALL
SELECT 'NO_MFA', 'due', 'channel', ch.id, ch.school,
	ch.platform || ':' || ch.account,
	'two-factor sign-in is off', ch.opened_on, NULL
FROM open_channel AS ch WHERE ch.mfa = 0
UNION ALL
SELECT 'PERSONAL_EMAIL', 'due', 'channel', ch.id, ch.school,
	ch.platform || ':' || ch.account,
	'signed up with one person''s e-mail, not the school''s', ch.opened_on, NULL
FROM open_channel AS ch WHERE ch.school_email = 0;

CREATE VIEW due_too_many_admins AS
SELECT 'TOO_MANY_ADMINS' AS code, 'due' AS severity,
	'channel' AS register, ch.id AS record_id, ch.school AS school,
	ch.platform || ':' || ch.account AS subject,
	n.admins || ' active admins, more than ' || x.max_admins AS detail,
	n.latest AS due_on,
	NULL AS pupil
FROM open_channel AS ch
JOIN (SELECT a.channel, count(*) AS admins, max(a.granted_on) AS latest
      FROM active_authorisation AS a
      WHERE a.kind IN ('master_admin', 'admin') GROUP BY a.channel) AS n
  ON n.channel = ch.id,
due_context AS x
WHERE n.admins > x.max_admins;

CREATE VIEW due_consent_withdrawn AS
SELECT 'CONSENT_WITHDRAWN' AS code, 'info' AS severity,
	'consent' AS register, c.id AS record_id, p.school AS school,
	p.name AS subject,
	'consent withdrawn: check what is already published' AS detail,
	c.withdrawn_on AS due_on,
	c.pupil AS pupil
FROM consent AS c
JOIN pupil AS p ON p.id = c.pupil,
due_context AS x
WHERE c.withdrawn_on <= x.today
  AND c.withdrawn_on > date(x.today, '-' || x.consent_withdrawn_days || ' days');

CREATE VIEW due_takedown AS
SELECT 'TAKEDOWN_OPEN' AS code,
	CASE WHEN t.raised_on < date(x.today, '-' || x.takedown_days || ' days')
	     THEN 'overdue' ELSE 'due' END AS severity,
	'takedown' AS register, t.id AS record_id, p.school AS school,
	p.name AS subject,
	'take down from ' || ch.platform || ':' || ch.account AS detail,
	t.raised_on AS due_on,
	t.pupil AS pupil
FROM takedown AS t
JOIN pupil AS p ON p.id = t.pupil
JOIN channel AS ch ON ch.id = t.channel,
due_context AS x
WHERE t.done_on IS NULL;

-- A pupil on roll whose latest consent has expired, or who has none at all.
-- A pupil whose latest consent was withdrawn is not warned about: that is
-- the parent's answer, not a gap in the register.
--
-- "Today" inside the correlated subqueries is date('now', 'localtime')
-- itself: a view such as due_context there would be worked out again for
-- every pupil.
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
  -- No consent in force today (the current one, if there were one).
  AND NOT EXISTS (
	SELECT 1 FROM consent AS c
	WHERE c.pupil = p.id AND c.received_on <= date('now', 'localtime')
	  AND (c.withdrawn_on IS NULL OR c.withdrawn_on > date('now', 'localtime'))
	  AND (c.expires_on IS NULL OR c.expires_on >= date('now', 'localtime')))
  AND (latest.id IS NULL OR (latest.withdrawn_on IS NULL AND latest.expires_on < x.today));

CREATE VIEW due_contact AS
SELECT 'CONTACT_OPEN' AS code,
	-- Open longer than the days: reported 7 days ago is open 7 days, not longer.
	CASE WHEN c.reported_on < date(x.today, '-' || x.contact_overdue_days || ' days') THEN 'overdue'
	     WHEN c.reported_on < date(x.today, '-' || x.contact_warn_days || ' days') THEN 'due'
	     ELSE 'later' END AS severity,
	'contact' AS register, c.id AS record_id, c.school AS school,
	coalesce(p.name, c.pupil_name) AS subject,
	c.status || ' report: ' || replace(c.category, '_', ' ') AS detail,
	c.reported_on AS due_on,
	c.pupil AS pupil
FROM contact AS c
LEFT JOIN pupil AS p ON p.id = c.pupil,
due_context AS x
-- Not "<> 'closed'": IN lets the index on status find the few open ones.
-- Its date says since when a report is open, not when it falls due, so
-- one open only a few days is left out rather than shown as 'later'.
WHERE c.status IN ('open', 'monitoring')
  AND c.reported_on < date(x.today, '-' || x.contact_warn_days || ' days');

CREATE VIEW due_training AS
SELECT 'TRAINING_DUE' AS code,
	CASE WHEN coalesce(s.started_on, x.school_year_start)
		  < date(x.today, '-' || x.training_grace_days || ' days')
	     THEN 'overdue' ELSE 'due' END AS severity,
	'person' AS register, s.id AS record_id, s.school AS school, s.name AS subject,
	'no induction recorded' AS detail,
	coalesce(s.started_on, x.school_year_start) AS due_on, NULL AS pupil
FROM current_staff AS s, due_context AS x
WHERE NOT EXISTS (SELECT 1 FROM training AS t WHERE t.person = s.id AND t.kind = 'induction')
UNION ALL
SELECT 'TRAINING_DUE',
	CASE WHEN x.school_year_start < date(x.today, '-' || x.training_grace_days || ' days')
	     THEN 'overdue' ELSE 'due' END,
	'person', s.id, s.school, s.name,
	'no annual refresher since 1 September',
	x.school_year_start, NULL
FROM current_staff AS s, due_context AS x
WHERE coalesce(s.started_on, '') < x.school_year_start
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
FROM current_staff AS s, due_context AS x
WHERE NOT EXISTS (SELECT 1 FROM training AS t
		  WHERE t.person = s.id AND t.kind = 'policy_read'
		    AND t.completed_on >= x.school_year_start);

CREATE VIEW due_all AS
SELECT * FROM due_policy
UNION ALL SELECT * FROM due_channel_no_master
UNION ALL SELECT * FROM due_leaver_has_access
UNION ALL SELECT * FROM due_authorisation
UNION ALL SELECT * FROM due_not_risk_assessed
UNION ALL SELECT * FROM due_privacy_check
UNION ALL SELECT * FROM due_channel_settings
UNION ALL SELECT * FROM due_too_many_admins
UNION ALL SELECT * FROM due_consent_withdrawn
UNION ALL SELECT * FROM due_takedown
UNION ALL SELECT * FROM due_pupil_consent
UNION ALL SELECT * FROM due_contact
UNION ALL SELECT * FROM due_training;

CREATE VIEW due AS
SELECT * FROM due_all WHERE severity <> 'later';
