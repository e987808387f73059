-- A register as smreg left it at schema 7 (git abf4f6e~1), made by that
-- smreg through its command line as the logins admin7 and dsl7, with
-- SMREG_TODAY=2026-01-15: two contact reports (a pupil on the register, and a
-- former pupil by name, closed), three actions, two amendments with their
-- reasons, an opening; its audit chain as that smreg wrote it, and its
-- generated audit triggers.  sqlite3 .dump, then its user_version.
PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE school (
	id TEXT PRIMARY KEY NOT NULL
		CONSTRAINT "id: is not a UUID"
		CHECK (id GLOB '????????-????-????-????-????????????' AND id NOT GLOB '*[^0-9a-f-]*'),
	row_version INTEGER NOT NULL DEFAULT 1,
	name TEXT NOT NULL CONSTRAINT "name: is required" CHECK (trim(name) <> ''),
	code TEXT,
	urn TEXT CONSTRAINT "urn: is not a unique reference number (6 digits)"
		CHECK (urn GLOB '[0-9][0-9][0-9][0-9][0-9][0-9]'),
	UNIQUE (name),
	UNIQUE (code),
	UNIQUE (urn)
) STRICT;
INSERT INTO school VALUES('564f8d6e-8e06-4c5d-9bb0-756d89620cec',1,'Test School',NULL,NULL);
CREATE TABLE person (
	id TEXT PRIMARY KEY NOT NULL
		CONSTRAINT "id: is not a UUID"
		CHECK (id GLOB '????????-????-????-????-????????????' AND id NOT GLOB '*[^0-9a-f-]*'),
	row_version INTEGER NOT NULL DEFAULT 1,
	name TEXT NOT NULL CONSTRAINT "name: is required" CHECK (trim(name) <> ''),
	job_title TEXT,
	school TEXT REFERENCES school (id),
	kind TEXT NOT NULL DEFAULT 'staff'
		CONSTRAINT "kind: must be staff, governor, volunteer or contractor"
		CHECK (kind IN ('staff', 'governor', 'volunteer', 'contractor')),
	email TEXT CONSTRAINT "email: is not an e-mail address"
		CHECK (email GLOB '?*@?*' AND email NOT GLOB '* *'),
	started_on TEXT CONSTRAINT "started_on: is not a date"
		CHECK (date(started_on, '+0 days') IS started_on AND started_on BETWEEN '1900-01-01' AND '2199-12-31'),
	left_on TEXT CONSTRAINT "left_on: is not a date"
		CHECK (date(left_on, '+0 days') IS left_on AND left_on BETWEEN '1900-01-01' AND '2199-12-31'),
	notes TEXT,
	CONSTRAINT "left_on: is before started_on" CHECK (left_on >= started_on),
	UNIQUE (email)
) STRICT;
INSERT INTO person VALUES('8f981c2e-3538-4db9-ae6e-3cd7f21b8da1',1,'Dee Dsl','Deputy head',NULL,'staff',NULL,NULL,NULL,NULL);
INSERT INTO person VALUES('425c7a39-0aea-44b9-89b5-2e7dc5c7e302',1,'Sam Staff',NULL,NULL,'staff',NULL,NULL,NULL,NULL);
CREATE TABLE consent_use (
	id TEXT PRIMARY KEY NOT NULL
		CONSTRAINT "id: is not a UUID"
		CHECK (id GLOB '????????-????-????-????-????????????' AND id NOT GLOB '*[^0-9a-f-]*'),
	row_version INTEGER NOT NULL DEFAULT 1,
	code TEXT NOT NULL
		CONSTRAINT "code: must be lower-case letters, digits and _, starting with a letter"
		CHECK (code GLOB '[a-z]*' AND code NOT GLOB '*[^a-z0-9_]*'),
	label TEXT NOT NULL CONSTRAINT "label: is required" CHECK (trim(label) <> ''),
	UNIQUE (code)
) STRICT;
INSERT INTO consent_use VALUES('b37b0a98-f857-4f34-8367-25a9e5c55402',1,'displays','Displays in school');
INSERT INTO consent_use VALUES('3e52eca2-ee43-4d27-8519-574eece69e59',1,'website','School website');
INSERT INTO consent_use VALUES('19348dd9-2e09-49c1-9329-b84353bbb79c',1,'social_media','School social media');
INSERT INTO consent_use VALUES('a207b127-8cc0-4b70-ae7e-0c9233f63559',1,'press','Local press');
INSERT INTO consent_use VALUES('c400ea95-56e9-4fb1-aa07-83df443e4345',1,'newsletter','Newsletter');
INSERT INTO consent_use VALUES('4eb20e76-6083-4de9-9ca5-4c6d007e0ba4',1,'video','Video and live streams');
INSERT INTO consent_use VALUES('cc1d067c-b88b-4cec-88a5-4fcfd726cf46',1,'class_app','Class app (e.g. Seesaw, Class Dojo)');
INSERT INTO consent_use VALUES('f8653635-d734-45d4-a51d-407f62e40014',1,'name_with_photo','Name beside a photo');
CREATE TABLE channel (
	id TEXT PRIMARY KEY NOT NULL
		CONSTRAINT "id: is not a UUID"
		CHECK (id GLOB '????????-????-????-????-????????????' AND id NOT GLOB '*[^0-9a-f-]*'),
	row_version INTEGER NOT NULL DEFAULT 1,
	school TEXT NOT NULL REFERENCES school (id),
	platform TEXT NOT NULL COLLATE NOCASE
		CONSTRAINT "platform: is required" CHECK (trim(platform) <> ''),
	account TEXT NOT NULL COLLATE NOCASE
		CONSTRAINT "account: is required" CHECK (trim(account) <> ''),
	url TEXT,
	purpose TEXT,
	audience TEXT CONSTRAINT "audience: must be public, private or group"
		CHECK (audience IN ('public', 'private', 'group')),
	consent_use TEXT NOT NULL DEFAULT 'social_media'
		REFERENCES consent_use (code) ON UPDATE CASCADE,
	opened_on TEXT NOT NULL CONSTRAINT "opened_on: is not a date"
		CHECK (date(opened_on, '+0 days') IS opened_on AND opened_on BETWEEN '1900-01-01' AND '2199-12-31'),
	closed_on TEXT CONSTRAINT "closed_on: is not a date"
		CHECK (date(closed_on, '+0 days') IS closed_on AND closed_on BETWEEN '1900-01-01' AND '2199-12-31'),
	risk_assessed_on TEXT CONSTRAINT "risk_assessed_on: is not a date"
		CHECK (date(risk_assessed_on, '+0 days') IS risk_assessed_on AND risk_assessed_on BETWEEN '1900-01-01' AND '2199-12-31'),
	approved_by TEXT REFERENCES person (id),
	privacy_checked_on TEXT CONSTRAINT "privacy_checked_on: is not a date"
		CHECK (date(privacy_checked_on, '+0 days') IS privacy_checked_on AND privacy_checked_on BETWEEN '1900-01-01' AND '2199-12-31'),
	in_privacy_notice INTEGER NOT NULL DEFAULT 0
		CONSTRAINT "in_privacy_notice: must be yes or no" CHECK (in_privacy_notice IN (0, 1)),
	emergency_access INTEGER NOT NULL DEFAULT 0
		CONSTRAINT "emergency_access: must be yes or no" CHECK (emergency_access IN (0, 1)),
	mfa INTEGER NOT NULL DEFAULT 0
		CONSTRAINT "mfa: must be yes or no" CHECK (mfa IN (0, 1)),
	school_email INTEGER NOT NULL DEFAULT 0
		CONSTRAINT "school_email: must be yes or no" CHECK (school_email IN (0, 1)),
	notes TEXT,
	CONSTRAINT "closed_on: is before opened_on" CHECK (closed_on >= opened_on),
	UNIQUE (platform, account)
) STRICT;
CREATE TABLE authorisation (
	id TEXT PRIMARY KEY NOT NULL
		CONSTRAINT "id: is not a UUID"
		CHECK (id GLOB '????????-????-????-????-????????????' AND id NOT GLOB '*[^0-9a-f-]*'),
	row_version INTEGER NOT NULL DEFAULT 1,
	person TEXT NOT NULL REFERENCES person (id),
	channel TEXT REFERENCES channel (id),
	kind TEXT NOT NULL
		CONSTRAINT "kind: must be master_admin, admin, poster, moderator or exception"
		CHECK (kind IN ('master_admin', 'admin', 'poster', 'moderator', 'exception')),
	detail TEXT,
	authorised_by TEXT NOT NULL REFERENCES person (id),
	granted_on TEXT NOT NULL CONSTRAINT "granted_on: is not a date"
		CHECK (date(granted_on, '+0 days') IS granted_on AND granted_on BETWEEN '1900-01-01' AND '2199-12-31'),
	review_on TEXT CONSTRAINT "review_on: is not a date"
		CHECK (date(review_on, '+0 days') IS review_on AND review_on BETWEEN '1900-01-01' AND '2199-12-31'),
	revoked_on TEXT CONSTRAINT "revoked_on: is not a date"
		CHECK (date(revoked_on, '+0 days') IS revoked_on AND revoked_on BETWEEN '1900-01-01' AND '2199-12-31'),
	revoke_reason TEXT,
	CONSTRAINT "revoked_on: is before granted_on" CHECK (revoked_on >= granted_on),
	CONSTRAINT "channel: is required unless the kind is exception"
		CHECK (channel IS NOT NULL OR kind = 'exception'),
	-- coalesce: a CHECK that is NULL passes, so a missing detail must be false.
	CONSTRAINT "detail: an exception needs the detail of what it allows"
		CHECK (kind <> 'exception' OR coalesce(trim(detail), '') <> '')
) STRICT;
CREATE TABLE pupil (
	id TEXT PRIMARY KEY NOT NULL
		CONSTRAINT "id: is not a UUID"
		CHECK (id GLOB '????????-????-????-????-????????????' AND id NOT GLOB '*[^0-9a-f-]*'),
	row_version INTEGER NOT NULL DEFAULT 1,
	school TEXT NOT NULL REFERENCES school (id),
	name TEXT NOT NULL CONSTRAINT "name: is required" CHECK (trim(name) <> ''),
	year_group TEXT,
	mis_id TEXT,
	joined_on TEXT CONSTRAINT "joined_on: is not a date"
		CHECK (date(joined_on, '+0 days') IS joined_on AND joined_on BETWEEN '1900-01-01' AND '2199-12-31'),
	left_on TEXT CONSTRAINT "left_on: is not a date"
		CHECK (date(left_on, '+0 days') IS left_on AND left_on BETWEEN '1900-01-01' AND '2199-12-31'),
	CONSTRAINT "left_on: is before joined_on" CHECK (left_on >= joined_on),
	UNIQUE (school, mis_id)
) STRICT;
INSERT INTO pupil VALUES('51b17f07-f380-4211-8dc5-75b18a88dcef',1,'564f8d6e-8e06-4c5d-9bb0-756d89620cec','Zoë Brontë','9',NULL,NULL,NULL);
CREATE TABLE consent (
	id TEXT PRIMARY KEY NOT NULL
		CONSTRAINT "id: is not a UUID"
		CHECK (id GLOB '????????-????-????-????-????????????' AND id NOT GLOB '*[^0-9a-f-]*'),
	row_version INTEGER NOT NULL DEFAULT 1,
	pupil TEXT NOT NULL REFERENCES pupil (id),
	given_by TEXT NOT NULL CONSTRAINT "given_by: is required" CHECK (trim(given_by) <> ''),
	relationship TEXT,
	received_on TEXT NOT NULL CONSTRAINT "received_on: is not a date"
		CHECK (date(received_on, '+0 days') IS received_on AND received_on BETWEEN '1900-01-01' AND '2199-12-31'),
	uses TEXT CONSTRAINT "uses: must be consent use codes separated by ;"
		CHECK (uses GLOB '[a-z]*' AND uses NOT GLOB '*[^a-z0-9_;]*'
		       AND uses NOT GLOB '*;;*' AND uses NOT GLOB '*;' AND uses NOT GLOB '*;[^a-z]*'),
	expires_on TEXT CONSTRAINT "expires_on: is not a date"
		CHECK (date(expires_on, '+0 days') IS expires_on AND expires_on BETWEEN '1900-01-01' AND '2199-12-31'),
	withdrawn_on TEXT CONSTRAINT "withdrawn_on: is not a date"
		CHECK (date(withdrawn_on, '+0 days') IS withdrawn_on AND withdrawn_on BETWEEN '1900-01-01' AND '2199-12-31'),
	form_ref TEXT,
	notes TEXT,
	CONSTRAINT "expires_on: is before received_on" CHECK (expires_on >= received_on),
	CONSTRAINT "withdrawn_on: is before received_on" CHECK (withdrawn_on >= received_on)
) STRICT;
CREATE TABLE policy (
	id TEXT PRIMARY KEY NOT NULL
		CONSTRAINT "id: is not a UUID"
		CHECK (id GLOB '????????-????-????-????-????????????' AND id NOT GLOB '*[^0-9a-f-]*'),
	row_version INTEGER NOT NULL DEFAULT 1,
	title TEXT NOT NULL CONSTRAINT "title: is required" CHECK (trim(title) <> ''),
	school TEXT REFERENCES school (id),
	owner TEXT REFERENCES person (id),
	approver TEXT,
	statutory INTEGER NOT NULL DEFAULT 0
		CONSTRAINT "statutory: must be yes or no" CHECK (statutory IN (0, 1)),
	cycle_months INTEGER NOT NULL DEFAULT 12
		CONSTRAINT "cycle_months: must be between 1 and 120" CHECK (cycle_months BETWEEN 1 AND 120),
	version TEXT,
	approved_on TEXT CONSTRAINT "approved_on: is not a date"
		CHECK (date(approved_on, '+0 days') IS approved_on AND approved_on BETWEEN '1900-01-01' AND '2199-12-31'),
	next_review_on TEXT NOT NULL CONSTRAINT "next_review_on: is not a date"
		CHECK (date(next_review_on, '+0 days') IS next_review_on AND next_review_on BETWEEN '1900-01-01' AND '2199-12-31'),
	document TEXT,
	status TEXT NOT NULL DEFAULT 'approved'
		CONSTRAINT "status: must be draft, approved, under_review or retired"
		CHECK (status IN ('draft', 'approved', 'under_review', 'retired'))
) STRICT;
CREATE TABLE review (
	id TEXT PRIMARY KEY NOT NULL
		CONSTRAINT "id: is not a UUID"
		CHECK (id GLOB '????????-????-????-????-????????????' AND id NOT GLOB '*[^0-9a-f-]*'),
	row_version INTEGER NOT NULL DEFAULT 1,
	policy TEXT NOT NULL REFERENCES policy (id),
	reviewed_on TEXT NOT NULL CONSTRAINT "reviewed_on: is not a date"
		CHECK (date(reviewed_on, '+0 days') IS reviewed_on AND reviewed_on BETWEEN '1900-01-01' AND '2199-12-31'),
	reviewed_by TEXT REFERENCES person (id),
	approved_on TEXT CONSTRAINT "approved_on: is not a date"
		CHECK (date(approved_on, '+0 days') IS approved_on AND approved_on BETWEEN '1900-01-01' AND '2199-12-31'),
	approved_by TEXT,
	minute_ref TEXT,
	version TEXT,
	summary TEXT,
	CONSTRAINT "approved_on: is before reviewed_on" CHECK (approved_on >= reviewed_on)
) STRICT;
CREATE TABLE contact (
	id TEXT PRIMARY KEY NOT NULL
		CONSTRAINT "id: is not a UUID"
		CHECK (id GLOB '????????-????-????-????-????????????' AND id NOT GLOB '*[^0-9a-f-]*'),
	row_version INTEGER NOT NULL DEFAULT 1,
	school TEXT NOT NULL REFERENCES school (id),
	reported_on TEXT NOT NULL CONSTRAINT "reported_on: is not a date"
		CHECK (date(reported_on, '+0 days') IS reported_on AND reported_on BETWEEN '1900-01-01' AND '2199-12-31'),
	reported_by TEXT NOT NULL REFERENCES person (id),
	pupil TEXT REFERENCES pupil (id),
	pupil_name TEXT,
	pupil_status TEXT CONSTRAINT "pupil_status: must be current or former"
		CHECK (pupil_status IN ('current', 'former')),
	platform TEXT NOT NULL CONSTRAINT "platform: is required" CHECK (trim(platform) <> ''),
	category TEXT NOT NULL
		CONSTRAINT "category: must be pupil_contact, friend_request, inappropriate_content, cyberbullying, parent_post, online_safety or other"
		CHECK (category IN ('pupil_contact', 'friend_request', 'inappropriate_content',
				    'cyberbullying', 'parent_post', 'online_safety', 'other')),
	summary TEXT NOT NULL CONSTRAINT "summary: is required" CHECK (trim(summary) <> ''),
	evidence TEXT,
	dsl TEXT REFERENCES person (id),
	status TEXT NOT NULL DEFAULT 'open'
		CONSTRAINT "status: must be open, monitoring or closed"
		CHECK (status IN ('open', 'monitoring', 'closed')),
	action_taken TEXT,
	parent_informed INTEGER NOT NULL DEFAULT 0
		CONSTRAINT "parent_informed: must be yes or no" CHECK (parent_informed IN (0, 1)),
	referred_to TEXT,
	rationale TEXT,
	closed_on TEXT CONSTRAINT "closed_on: is not a date"
		CHECK (date(closed_on, '+0 days') IS closed_on AND closed_on BETWEEN '1900-01-01' AND '2199-12-31'),
	CONSTRAINT "closed_on: is before reported_on" CHECK (closed_on >= reported_on),
	-- coalesce: a CHECK that is NULL passes, so a missing name must be false.
	CONSTRAINT "pupil: name the pupil, from the register or as pupil_name"
		CHECK (pupil IS NOT NULL OR coalesce(trim(pupil_name), '') <> ''),
	CONSTRAINT "closed_on: a closed report has a closing date, and only a closed one"
		CHECK ((status = 'closed') = (closed_on IS NOT NULL)),
	CONSTRAINT "rationale: a closed report needs the DSL's rationale"
		CHECK (status <> 'closed' OR coalesce(trim(rationale), '') <> '')
) STRICT;
INSERT INTO contact VALUES('d5179008-e00d-4abc-9e0b-54a9ae2d2de9',2,'564f8d6e-8e06-4c5d-9bb0-756d89620cec','2026-01-12','425c7a39-0aea-44b9-89b5-2e7dc5c7e302','51b17f07-f380-4211-8dc5-75b18a88dcef',NULL,NULL,'instagram','pupil_contact',replace('Zoë messaged Mr Staff on Instagram at 21:40.\nShe wrote: « je ne veux pas rentrer » — 李雷 was named.','\n',char(10)),'Screenshots in the DSL safe','8f981c2e-3538-4db9-ae6e-3cd7f21b8da1','open','Spoke with the pupil; told her mother',1,NULL,NULL,NULL);
INSERT INTO contact VALUES('8c2d5b65-ec46-49e6-8f57-ba6fd33ad73e',2,'564f8d6e-8e06-4c5d-9bb0-756d89620cec','2026-01-13','425c7a39-0aea-44b9-89b5-2e7dc5c7e302',NULL,'Li Lei','former','facebook','friend_request','A friend request from a former pupil',NULL,NULL,'closed',NULL,0,'none','Declined; no contact since; no referral needed','2026-01-14');
CREATE TABLE action (
	id TEXT PRIMARY KEY NOT NULL
		CONSTRAINT "id: is not a UUID"
		CHECK (id GLOB '????????-????-????-????-????????????' AND id NOT GLOB '*[^0-9a-f-]*'),
	row_version INTEGER NOT NULL DEFAULT 1,
	contact TEXT NOT NULL REFERENCES contact (id),
	acted_on TEXT NOT NULL CONSTRAINT "acted_on: is not a date"
		CHECK (date(acted_on, '+0 days') IS acted_on AND acted_on BETWEEN '1900-01-01' AND '2199-12-31'),
	"by" TEXT REFERENCES person (id),
	note TEXT NOT NULL CONSTRAINT "note: is required" CHECK (trim(note) <> '')
) STRICT;
INSERT INTO "action" VALUES('c9b2850b-24cd-4cc5-a5ba-9f8e99e28fec',1,'d5179008-e00d-4abc-9e0b-54a9ae2d2de9','2026-01-12','8f981c2e-3538-4db9-ae6e-3cd7f21b8da1',replace('Spoke with Zoë; she is safe at home.\nWill phone her mother.','\n',char(10)));
INSERT INTO "action" VALUES('5c07f52c-b76c-4840-8526-9083f915545e',1,'d5179008-e00d-4abc-9e0b-54a9ae2d2de9','2026-01-13','8f981c2e-3538-4db9-ae6e-3cd7f21b8da1','Phoned her mother, 15:20: told her of the concern.');
INSERT INTO "action" VALUES('9bc11c24-c596-4b25-81f8-72054e90849f',1,'8c2d5b65-ec46-49e6-8f57-ba6fd33ad73e','2026-01-13','8f981c2e-3538-4db9-ae6e-3cd7f21b8da1','Advised Mr Staff to decline and not reply.');
CREATE TABLE takedown (
	id TEXT PRIMARY KEY NOT NULL
		CONSTRAINT "id: is not a UUID"
		CHECK (id GLOB '????????-????-????-????-????????????' AND id NOT GLOB '*[^0-9a-f-]*'),
	row_version INTEGER NOT NULL DEFAULT 1,
	pupil TEXT NOT NULL REFERENCES pupil (id),
	channel TEXT NOT NULL REFERENCES channel (id),
	raised_on TEXT NOT NULL CONSTRAINT "raised_on: is not a date"
		CHECK (date(raised_on, '+0 days') IS raised_on AND raised_on BETWEEN '1900-01-01' AND '2199-12-31'),
	done_on TEXT CONSTRAINT "done_on: is not a date"
		CHECK (date(done_on, '+0 days') IS done_on AND done_on BETWEEN '1900-01-01' AND '2199-12-31'),
	done_by TEXT REFERENCES person (id),
	note TEXT,
	CONSTRAINT "done_on: is before raised_on" CHECK (done_on >= raised_on)
) STRICT;
CREATE TABLE training (
	id TEXT PRIMARY KEY NOT NULL
		CONSTRAINT "id: is not a UUID"
		CHECK (id GLOB '????????-????-????-????-????????????' AND id NOT GLOB '*[^0-9a-f-]*'),
	row_version INTEGER NOT NULL DEFAULT 1,
	person TEXT NOT NULL REFERENCES person (id),
	kind TEXT NOT NULL
		CONSTRAINT "kind: must be induction, annual_refresher, policy_read or cpd"
		CHECK (kind IN ('induction', 'annual_refresher', 'policy_read', 'cpd')),
	policy TEXT REFERENCES policy (id),
	completed_on TEXT NOT NULL CONSTRAINT "completed_on: is not a date"
		CHECK (date(completed_on, '+0 days') IS completed_on AND completed_on BETWEEN '1900-01-01' AND '2199-12-31'),
	notes TEXT
) STRICT;
CREATE TABLE user (
	id TEXT PRIMARY KEY NOT NULL
		CONSTRAINT "id: is not a UUID"
		CHECK (id GLOB '????????-????-????-????-????????????' AND id NOT GLOB '*[^0-9a-f-]*'),
	row_version INTEGER NOT NULL DEFAULT 1,
	login TEXT NOT NULL
		CONSTRAINT "login: is not a login name"
		CHECK (login <> '' AND login NOT GLOB '*[^A-Za-z0-9._-]*' AND login NOT GLOB '-*'),
	person TEXT REFERENCES person (id),
	roles TEXT NOT NULL
		CONSTRAINT "roles: must be admin, dsl, governor or staff, separated by ;"
		CHECK (roles GLOB '[a-z]*' AND roles NOT GLOB '*[^a-z;]*'
		       AND roles NOT GLOB '*;;*' AND roles NOT GLOB '*;'),
	disabled_on TEXT CONSTRAINT "disabled_on: is not a date"
		CHECK (date(disabled_on, '+0 days') IS disabled_on AND disabled_on BETWEEN '1900-01-01' AND '2199-12-31'),
	UNIQUE (login)
) STRICT;
INSERT INTO user VALUES('4eb7981e-20cd-4997-9462-833b00f51e01',1,'admin7',NULL,'admin',NULL);
INSERT INTO user VALUES('6d5d4ee3-0cc8-4fbf-b0b4-a7e176302fb6',1,'dsl7','8f981c2e-3538-4db9-ae6e-3cd7f21b8da1','dsl',NULL);
CREATE TABLE setting (
	id TEXT PRIMARY KEY NOT NULL
		CONSTRAINT "id: is not a UUID"
		CHECK (id GLOB '????????-????-????-????-????????????' AND id NOT GLOB '*[^0-9a-f-]*'),
	row_version INTEGER NOT NULL DEFAULT 1,
	key TEXT NOT NULL,
	value INTEGER NOT NULL CONSTRAINT "value: must be between 0 and 3650" CHECK (value BETWEEN 0 AND 3650),
	label TEXT NOT NULL,
	UNIQUE (key)
) STRICT;
INSERT INTO setting VALUES('b6d4e7de-ec68-4dde-9a1e-1498886a1b29',1,'policy_warn_days',60,'Warn of a policy review this many days ahead');
INSERT INTO setting VALUES('2f2c95a7-f62d-40e5-b4b5-acfaa0863560',1,'auth_warn_days',30,'Warn of an authorisation review this many days ahead');
INSERT INTO setting VALUES('7db3aedf-ad8c-41f8-b98a-1b734536268e',1,'privacy_check_months',6,'Check each channel''s privacy settings every this many months');
INSERT INTO setting VALUES('a643141b-44e4-44ac-84ea-aec45fd2ff27',1,'max_admins',3,'Most active admins (master included) a channel should have');
INSERT INTO setting VALUES('c834b6e7-7052-4935-85d3-0f78360bf286',1,'consent_withdrawn_days',30,'Flag a withdrawn consent for this many days');
INSERT INTO setting VALUES('c864a074-0b5f-4039-8a83-ce28401b37f9',1,'takedown_days',2,'A takedown is overdue after this many days');
INSERT INTO setting VALUES('5d3d1329-baa3-4ee4-b338-90a93e957ba7',1,'contact_warn_days',7,'Flag a contact report open longer than this many days');
INSERT INTO setting VALUES('12a35b9b-a6a0-4b29-a62a-51f921fe8bca',1,'contact_overdue_days',28,'A contact report open longer than this many days is overdue');
INSERT INTO setting VALUES('803c7fa0-9e9c-4163-a14a-9059ca4e0a0d',1,'training_grace_days',30,'Missing training is overdue this many days after it fell due');
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
INSERT INTO audit VALUES(1,'2026-11-29T13:04:06Z','admin7','user','4eb7981e-20cd-4997-9462-833b00f51e01','insert',NULL,'{"id":"4eb7981e-20cd-4997-9462-833b00f51e01","login":"admin7","roles":"admin"}',NULL,X'1ef40b4e7c976c5426b1842b5bb6b5afffe4d9259236144be3e43889ee90d637');
INSERT INTO audit VALUES(2,'2026-11-29T13:04:06Z','admin7','school','564f8d6e-8e06-4c5d-9bb0-756d89620cec','insert',NULL,'{"id":"564f8d6e-8e06-4c5d-9bb0-756d89620cec","name":"Test School"}',NULL,X'ca44c4aed3fdc023586036bdfcf0732699a7e48a58ddec209f834086839f3c7e');
INSERT INTO audit VALUES(3,'2026-11-29T13:04:12Z','admin7','person','8f981c2e-3538-4db9-ae6e-3cd7f21b8da1','insert',NULL,'{"id":"8f981c2e-3538-4db9-ae6e-3cd7f21b8da1","name":"Dee Dsl","job_title":"Deputy head","kind":"staff"}',NULL,X'da8016a7bb6af65fcabdd925fe64e31dcb5364e844333d7f297840811840844a');
INSERT INTO audit VALUES(4,'2026-11-29T13:04:12Z','admin7','person','425c7a39-0aea-44b9-89b5-2e7dc5c7e302','insert',NULL,'{"id":"425c7a39-0aea-44b9-89b5-2e7dc5c7e302","name":"Sam Staff","kind":"staff"}',NULL,X'90016f31ab7afcea71dd6894e24657da20eb954c89152c21c9e2faa174c59ba5');
INSERT INTO audit VALUES(5,'2026-11-29T13:04:12Z','admin7','pupil','51b17f07-f380-4211-8dc5-75b18a88dcef','insert',NULL,'{"id":"51b17f07-f380-4211-8dc5-75b18a88dcef","school":"564f8d6e-8e06-4c5d-9bb0-756d89620cec","name":"Zoë Brontë","year_group":"9"}',NULL,X'e1220d601a3411c012feb33149a379dc78e89b4db77bca25cc521a045c62e8be');
INSERT INTO audit VALUES(6,'2026-11-29T13:04:12Z','admin7','user','6d5d4ee3-0cc8-4fbf-b0b4-a7e176302fb6','insert',NULL,'{"id":"6d5d4ee3-0cc8-4fbf-b0b4-a7e176302fb6","login":"dsl7","person":"8f981c2e-3538-4db9-ae6e-3cd7f21b8da1","roles":"dsl"}',NULL,X'c72e831e97e74b62f88e50baec339a2a2fc7459c16e0715185177347056a6bd1');
INSERT INTO audit VALUES(7,'2026-11-29T13:04:13Z','dsl7','contact','d5179008-e00d-4abc-9e0b-54a9ae2d2de9','insert',NULL,'{"id":"d5179008-e00d-4abc-9e0b-54a9ae2d2de9","school":"564f8d6e-8e06-4c5d-9bb0-756d89620cec","reported_on":"2026-01-12","reported_by":"425c7a39-0aea-44b9-89b5-2e7dc5c7e302","pupil":"51b17f07-f380-4211-8dc5-75b18a88dcef","platform":"instagram","category":"pupil_contact","summary":"Zoë messaged Mr Staff on Instagram at 21:40.\nShe wrote: « je ne veux pas rentrer » — 李雷 was named.","evidence":"Screenshots in the DSL safe","dsl":"8f981c2e-3538-4db9-ae6e-3cd7f21b8da1","status":"open","parent_informed":0}',NULL,X'116c927c3f83dc697d8402c27e47e092f817fc792c449216a6dbb203e9067b36');
INSERT INTO audit VALUES(8,'2026-11-29T13:04:13Z','dsl7','contact','8c2d5b65-ec46-49e6-8f57-ba6fd33ad73e','insert',NULL,'{"id":"8c2d5b65-ec46-49e6-8f57-ba6fd33ad73e","school":"564f8d6e-8e06-4c5d-9bb0-756d89620cec","reported_on":"2026-01-13","reported_by":"425c7a39-0aea-44b9-89b5-2e7dc5c7e302","pupil_name":"Li Lei","pupil_status":"former","platform":"facebook","category":"friend_request","summary":"A friend request from a former pupil","status":"open","parent_informed":0}',NULL,X'77bfbc35adc1717b23ca90807b122111efd45efb7241d2e09e9245f4276b17a9');
INSERT INTO audit VALUES(9,'2026-11-29T13:04:13Z','dsl7','action','c9b2850b-24cd-4cc5-a5ba-9f8e99e28fec','insert',NULL,'{"id":"c9b2850b-24cd-4cc5-a5ba-9f8e99e28fec","contact":"d5179008-e00d-4abc-9e0b-54a9ae2d2de9","acted_on":"2026-01-12","by":"8f981c2e-3538-4db9-ae6e-3cd7f21b8da1","note":"Spoke with Zoë; she is safe at home.\nWill phone her mother."}',NULL,X'9848990e8f9b029894bb8216a42ae8202973309d9ca72f66ab0d606dd20d1494');
INSERT INTO audit VALUES(10,'2026-11-29T13:04:14Z','dsl7','action','5c07f52c-b76c-4840-8526-9083f915545e','insert',NULL,'{"id":"5c07f52c-b76c-4840-8526-9083f915545e","contact":"d5179008-e00d-4abc-9e0b-54a9ae2d2de9","acted_on":"2026-01-13","by":"8f981c2e-3538-4db9-ae6e-3cd7f21b8da1","note":"Phoned her mother, 15:20: told her of the concern."}',NULL,X'9c9369858eedf4b11f729d92b065a80b51b9489cb56c9d76f5d43ead371f0e14');
INSERT INTO audit VALUES(11,'2026-11-29T13:04:14Z','dsl7','action','9bc11c24-c596-4b25-81f8-72054e90849f','insert',NULL,'{"id":"9bc11c24-c596-4b25-81f8-72054e90849f","contact":"8c2d5b65-ec46-49e6-8f57-ba6fd33ad73e","acted_on":"2026-01-13","by":"8f981c2e-3538-4db9-ae6e-3cd7f21b8da1","note":"Advised Mr Staff to decline and not reply."}',NULL,X'f9fa4c96585bb76f04561917a2edc650506c03cfaf2506e3206f769c66bfb554');
INSERT INTO audit VALUES(12,'2026-11-29T13:04:14Z','dsl7','contact','d5179008-e00d-4abc-9e0b-54a9ae2d2de9','open',NULL,NULL,NULL,X'a8a00c60b781d3c5a575cf5ef7a5a9ef18d686a4d0ed04be08610913992d5891');
INSERT INTO audit VALUES(13,'2026-11-29T13:04:14Z','dsl7','contact','d5179008-e00d-4abc-9e0b-54a9ae2d2de9','update','{"action_taken":null,"parent_informed":0}','{"action_taken":"Spoke with the pupil; told her mother","parent_informed":1}','after the phone call',X'5a1ddd27f15d04dcae7b6384f6213fc95e902341ddf380176c9572961cea149d');
INSERT INTO audit VALUES(14,'2026-11-29T13:04:14Z','dsl7','contact','8c2d5b65-ec46-49e6-8f57-ba6fd33ad73e','open',NULL,NULL,NULL,X'1f1864c16aa6382d679bd09b2b666625156366b79c5cdad704548e36976dfbcf');
INSERT INTO audit VALUES(15,'2026-11-29T13:04:14Z','dsl7','contact','8c2d5b65-ec46-49e6-8f57-ba6fd33ad73e','close','{"status":"open","referred_to":null,"rationale":null,"closed_on":null}','{"status":"closed","referred_to":"none","rationale":"Declined; no contact since; no referral needed","closed_on":"2026-01-14"}','closing',X'79cd5eef479fd57a6dbd6a77ccc0eb620b4f3bc194c4ff362fd6ed496b18c5ff');
INSERT INTO audit VALUES(16,'2026-11-29T13:04:15Z','dsl7','contact','d5179008-e00d-4abc-9e0b-54a9ae2d2de9','open',NULL,NULL,NULL,X'546f146afb5ed839144d8a4d75c6bc5997bc04d3744613ce2d3f8bb532d88f9f');
INSERT INTO audit VALUES(17,'2026-11-29T13:04:15Z','dsl7','action','','read',NULL,'{"read":"page","all":true,"where":{"contact":"d5179008-e00d-4abc-9e0b-54a9ae2d2de9"},"rows":2,"ids":["c9b2850b-24cd-4cc5-a5ba-9f8e99e28fec","5c07f52c-b76c-4840-8526-9083f915545e"]}',NULL,X'2c244362a4d74083c031e5af4561064d1ce0165a0d71a7c4704c23d550149de3');
CREATE INDEX person_name ON person (name);
CREATE INDEX person_school ON person (school);
CREATE INDEX channel_school ON channel (school);
CREATE INDEX channel_consent_use ON channel (consent_use);
CREATE INDEX channel_approved_by ON channel (approved_by);
CREATE INDEX channel_closed_on ON channel (closed_on);
CREATE INDEX authorisation_person ON authorisation (person);
CREATE INDEX authorisation_channel ON authorisation (channel, kind);
CREATE INDEX authorisation_authorised_by ON authorisation (authorised_by);
CREATE INDEX authorisation_review_on ON authorisation (review_on);
CREATE UNIQUE INDEX authorisation_active
	ON authorisation (person, channel, kind) WHERE revoked_on IS NULL;
CREATE INDEX pupil_name ON pupil (name);
CREATE INDEX pupil_school ON pupil (school, name);
CREATE INDEX consent_pupil ON consent (pupil, received_on);
CREATE INDEX consent_withdrawn_on ON consent (withdrawn_on);
CREATE TRIGGER consent_uses_insert BEFORE INSERT ON consent
WHEN NEW.uses IS NOT NULL AND EXISTS (
	SELECT 1 FROM json_each('["' || replace(NEW.uses, ';', '","') || '"]') AS u
	WHERE u.value NOT IN (SELECT code FROM consent_use))
BEGIN
	SELECT RAISE(ABORT, 'uses: names a use that is not in the consent_use register');
END;
CREATE TRIGGER consent_uses_update BEFORE UPDATE OF uses ON consent
WHEN NEW.uses IS NOT NULL AND EXISTS (
	SELECT 1 FROM json_each('["' || replace(NEW.uses, ';', '","') || '"]') AS u
	WHERE u.value NOT IN (SELECT code FROM consent_use))
BEGIN
	SELECT RAISE(ABORT, 'uses: names a use that is not in the consent_use register');
END;
CREATE UNIQUE INDEX policy_title ON policy (title, coalesce(school, ''));
CREATE INDEX policy_school ON policy (school);
CREATE INDEX policy_owner ON policy (owner);
CREATE INDEX review_policy ON review (policy, reviewed_on);
CREATE INDEX review_reviewed_by ON review (reviewed_by);
CREATE TRIGGER review_moves_policy AFTER INSERT ON review
WHEN NOT EXISTS (
	SELECT 1 FROM review AS r
	WHERE r.policy = NEW.policy AND r.id <> NEW.id
	  AND coalesce(r.approved_on, r.reviewed_on) > coalesce(NEW.approved_on, NEW.reviewed_on))
BEGIN
	UPDATE policy SET
		-- Months counted as date_add_months() counts them, as when a policy
		-- is added: 31 August plus six months is 28 February (the last day
		-- of the month reached), where SQLite alone says 3 March.
		next_review_on = min(date(coalesce(NEW.approved_on, NEW.reviewed_on),
					  '+' || cycle_months || ' months'),
				     date(coalesce(NEW.approved_on, NEW.reviewed_on), 'start of month',
					  '+' || (cycle_months + 1) || ' months', '-1 day')),
		approved_on = coalesce(NEW.approved_on, approved_on),
		version = coalesce(NEW.version, version),
		status = CASE WHEN NEW.approved_on IS NOT NULL THEN 'approved' ELSE status END,
		row_version = row_version + 1
	WHERE id = NEW.policy;
END
;
CREATE INDEX contact_school ON contact (school);
CREATE INDEX contact_reported_on ON contact (reported_on);
CREATE INDEX contact_reported_by ON contact (reported_by);
CREATE INDEX contact_pupil ON contact (pupil);
CREATE INDEX contact_dsl ON contact (dsl);
CREATE INDEX contact_open ON contact (status, reported_on);
CREATE INDEX action_contact ON action (contact, acted_on);
CREATE INDEX action_by ON action ("by");
CREATE TRIGGER action_after_report BEFORE INSERT ON action
WHEN NEW.acted_on < (SELECT reported_on FROM contact WHERE id = NEW.contact)
BEGIN
	SELECT RAISE(ABORT, 'acted_on: is before the report was made');
END;
CREATE TRIGGER contact_change_needs_reason BEFORE UPDATE ON contact
WHEN smreg_reason() IS NULL
BEGIN
	SELECT RAISE(ABORT, 'reason: a change to a contact report needs a reason');
END;
CREATE TRIGGER action_change_needs_reason BEFORE UPDATE ON action
WHEN smreg_reason() IS NULL
BEGIN
	SELECT RAISE(ABORT, 'reason: a change to a contact report needs a reason');
END;
CREATE TRIGGER contact_never_deleted BEFORE DELETE ON contact
BEGIN
	SELECT RAISE(ABORT, 'contact: contact reports are never deleted; close them');
END;
CREATE TRIGGER action_never_deleted BEFORE DELETE ON action
BEGIN
	SELECT RAISE(ABORT, 'action: a report''s actions are never deleted');
END;
CREATE INDEX takedown_pupil ON takedown (pupil);
CREATE INDEX takedown_channel ON takedown (channel);
CREATE INDEX takedown_done_by ON takedown (done_by);
CREATE INDEX takedown_open ON takedown (done_on, raised_on);
CREATE TRIGGER consent_withdrawn_raises_takedowns
AFTER UPDATE OF withdrawn_on ON consent
WHEN OLD.withdrawn_on IS NULL AND NEW.withdrawn_on IS NOT NULL AND NEW.uses IS NOT NULL
BEGIN
	INSERT INTO takedown (id, pupil, channel, raised_on, note)
	SELECT smreg_uuid(), NEW.pupil, ch.id, NEW.withdrawn_on, 'consent withdrawn'
	FROM channel AS ch
	JOIN pupil AS p ON p.id = NEW.pupil AND ch.school = p.school
	WHERE (ch.closed_on IS NULL OR ch.closed_on > NEW.withdrawn_on)
	  AND instr(';' || NEW.uses || ';', ';' || ch.consent_use || ';') > 0
	  AND NOT EXISTS (
		SELECT 1 FROM consent AS c
		WHERE c.pupil = NEW.pupil AND c.id <> NEW.id
		  AND c.received_on <= NEW.withdrawn_on
		  AND (c.withdrawn_on IS NULL OR c.withdrawn_on > NEW.withdrawn_on)
		  AND (c.expires_on IS NULL OR c.expires_on >= NEW.withdrawn_on)
		  AND instr(';' || c.uses || ';', ';' || ch.consent_use || ';') > 0)
	  AND NOT EXISTS (
		SELECT 1 FROM takedown AS t
		WHERE t.pupil = NEW.pupil AND t.channel = ch.id AND t.done_on IS NULL);
END;
CREATE TRIGGER consent_narrowed_raises_takedowns
AFTER UPDATE OF uses ON consent
WHEN NEW.withdrawn_on IS NULL AND OLD.uses IS NOT NULL
BEGIN
	INSERT INTO takedown (id, pupil, channel, raised_on, note)
	SELECT smreg_uuid(), NEW.pupil, ch.id, date('now', 'localtime'), 'consent narrowed'
	FROM channel AS ch
	JOIN pupil AS p ON p.id = NEW.pupil AND ch.school = p.school
	WHERE (ch.closed_on IS NULL OR ch.closed_on > date('now', 'localtime'))
	  AND instr(';' || OLD.uses || ';', ';' || ch.consent_use || ';') > 0
	  AND instr(';' || coalesce(NEW.uses, '') || ';', ';' || ch.consent_use || ';') = 0
	  AND NOT EXISTS (
		SELECT 1 FROM consent AS c
		WHERE c.pupil = NEW.pupil AND c.id <> NEW.id
		  AND c.withdrawn_on IS NULL
		  AND (c.expires_on IS NULL OR c.expires_on >= date('now', 'localtime'))
		  AND instr(';' || c.uses || ';', ';' || ch.consent_use || ';') > 0)
	  AND NOT EXISTS (
		SELECT 1 FROM takedown AS t
		WHERE t.pupil = NEW.pupil AND t.channel = ch.id AND t.done_on IS NULL);
END;
CREATE TRIGGER consent_replaced_raises_takedowns
AFTER INSERT ON consent
WHEN NEW.withdrawn_on IS NULL
BEGIN
	INSERT INTO takedown (id, pupil, channel, raised_on, note)
	SELECT smreg_uuid(), NEW.pupil, ch.id, NEW.received_on, 'replaced by a consent that does not cover it'
	FROM channel AS ch
	JOIN pupil AS p ON p.id = NEW.pupil AND ch.school = p.school
	WHERE (ch.closed_on IS NULL OR ch.closed_on > NEW.received_on)
	  AND instr(';' || coalesce(NEW.uses, '') || ';', ';' || ch.consent_use || ';') = 0
	  AND instr(';' || (
		SELECT c.uses FROM consent AS c
		WHERE c.pupil = NEW.pupil AND c.id <> NEW.id
		  AND c.received_on <= NEW.received_on
		  AND (c.withdrawn_on IS NULL OR c.withdrawn_on > NEW.received_on)
		  AND (c.expires_on IS NULL OR c.expires_on >= NEW.received_on)
		ORDER BY c.received_on DESC, c.rowid DESC LIMIT 1) || ';',
		';' || ch.consent_use || ';') > 0
	  AND NOT EXISTS (
		SELECT 1 FROM takedown AS t
		WHERE t.pupil = NEW.pupil AND t.channel = ch.id AND t.done_on IS NULL);
END;
CREATE INDEX training_person ON training (person, kind, completed_on);
CREATE INDEX training_policy ON training (policy);
CREATE INDEX user_person ON user (person);
CREATE TRIGGER user_roles_insert BEFORE INSERT ON user
WHEN EXISTS (SELECT 1 FROM json_each('["' || replace(NEW.roles, ';', '","') || '"]') AS r
	     WHERE r.value NOT IN ('admin', 'dsl', 'governor', 'staff'))
BEGIN
	SELECT RAISE(ABORT, 'roles: must be admin, dsl, governor or staff, separated by ;');
END;
CREATE TRIGGER user_roles_update BEFORE UPDATE OF roles ON user
WHEN EXISTS (SELECT 1 FROM json_each('["' || replace(NEW.roles, ';', '","') || '"]') AS r
	     WHERE r.value NOT IN ('admin', 'dsl', 'governor', 'staff'))
BEGIN
	SELECT RAISE(ABORT, 'roles: must be admin, dsl, governor or staff, separated by ;');
END;
CREATE TRIGGER user_keep_an_admin_update AFTER UPDATE ON user
WHEN NOT EXISTS (SELECT 1 FROM user
		 WHERE disabled_on IS NULL AND instr(';' || roles || ';', ';admin;') > 0)
BEGIN
	SELECT RAISE(ABORT, 'roles: the register must keep at least one admin who is not disabled');
END;
CREATE TRIGGER user_keep_an_admin_delete AFTER DELETE ON user
WHEN NOT EXISTS (SELECT 1 FROM user
		 WHERE disabled_on IS NULL AND instr(';' || roles || ';', ';admin;') > 0)
BEGIN
	SELECT RAISE(ABORT, 'user: the register must keep at least one admin who is not disabled');
END;
CREATE TRIGGER setting_keys_fixed_update BEFORE UPDATE OF key ON setting
WHEN NEW.key IS NOT OLD.key
BEGIN
	SELECT RAISE(ABORT, 'key: settings are fixed; change their values');
END;
CREATE TRIGGER setting_keys_fixed_delete BEFORE DELETE ON setting
BEGIN
	SELECT RAISE(ABORT, 'setting: settings are fixed; change their values');
END;
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
  AND (ch.id IS NULL OR ch.closed_on IS NULL OR ch.closed_on > x.today)
;
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
  AND (latest.id IS NULL OR (latest.withdrawn_on IS NULL AND latest.expires_on < x.today))
;
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
  AND c.reported_on < date(x.today, '-' || x.contact_warn_days || ' days')
;
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
CREATE INDEX action_acted_on ON action (acted_on);
CREATE INDEX consent_received_on ON consent (received_on);
CREATE INDEX takedown_raised_on ON takedown (raised_on);
CREATE INDEX review_reviewed_on ON review (reviewed_on);
CREATE INDEX training_completed_on ON training (completed_on);
CREATE INDEX contact_platform ON contact (platform);
CREATE INDEX contact_category ON contact (category);
CREATE INDEX authorisation_order ON authorisation (revoked_on IS NOT NULL,
	revoked_on DESC, instr('master_admin admin poster moderator exception', kind),
	granted_on DESC);
CREATE INDEX policy_order ON policy (next_review_on, title);
CREATE TRIGGER audit_chain AFTER INSERT ON audit
BEGIN
	UPDATE audit SET hash = smreg_audit_hash(NEW.seq, NEW.at, NEW.login, NEW.register,
		NEW.record_id, NEW.action, NEW.before, NEW.after, NEW.reason,
		(SELECT p.hash FROM audit AS p WHERE p.seq < NEW.seq ORDER BY p.seq DESC LIMIT 1))
	WHERE seq = NEW.seq;
END;
CREATE INDEX audit_register ON audit (register, seq);
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
CREATE TRIGGER contact_reported_on_not_future_insert BEFORE INSERT ON contact
WHEN NEW.reported_on > smreg_real_today()
BEGIN
	SELECT RAISE(ABORT, 'reported_on: is later than today');
END;
CREATE TRIGGER contact_reported_on_not_future_update BEFORE UPDATE OF reported_on ON contact
WHEN NEW.reported_on > smreg_real_today() AND NEW.reported_on IS NOT OLD.reported_on
BEGIN
	SELECT RAISE(ABORT, 'reported_on: is later than today');
END;
CREATE TRIGGER action_acted_on_not_future_insert BEFORE INSERT ON action
WHEN NEW.acted_on > smreg_real_today()
BEGIN
	SELECT RAISE(ABORT, 'acted_on: is later than today');
END;
CREATE TRIGGER action_acted_on_not_future_update BEFORE UPDATE OF acted_on ON action
WHEN NEW.acted_on > smreg_real_today() AND NEW.acted_on IS NOT OLD.acted_on
BEGIN
	SELECT RAISE(ABORT, 'acted_on: is later than today');
END;
CREATE TRIGGER audit_school_insert AFTER INSERT ON "school" BEGIN INSERT INTO audit (at, login, register, record_id, action, before, after, reason) VALUES (smreg_now(), smreg_login(), 'school', NEW.id, 'insert', NULL, json_patch('{}', json_object('id', NEW."id", 'name', NEW."name", 'code', NEW."code", 'urn', NEW."urn")), smreg_reason()); END;
CREATE TRIGGER audit_school_update AFTER UPDATE ON "school" WHEN 0 OR OLD."id" IS NOT NEW."id" OR OLD."name" IS NOT NEW."name" OR OLD."code" IS NOT NEW."code" OR OLD."urn" IS NOT NEW."urn" BEGIN INSERT INTO audit (at, login, register, record_id, action, before, after, reason) SELECT smreg_now(), smreg_login(), 'school', NEW.id, 'update', json_group_object(k, o), json_group_object(k, n), smreg_reason() FROM (SELECT 'id' AS k, OLD."id" AS o, NEW."id" AS n UNION ALL SELECT 'name', OLD."name", NEW."name" UNION ALL SELECT 'code', OLD."code", NEW."code" UNION ALL SELECT 'urn', OLD."urn", NEW."urn") WHERE o IS NOT n; END;
CREATE TRIGGER audit_school_delete AFTER DELETE ON "school" BEGIN INSERT INTO audit (at, login, register, record_id, action, before, after, reason) VALUES (smreg_now(), smreg_login(), 'school', OLD.id, 'delete', json_patch('{}', json_object('id', OLD."id", 'name', OLD."name", 'code', OLD."code", 'urn', OLD."urn")), NULL, smreg_reason()); END;
CREATE TRIGGER audit_person_insert AFTER INSERT ON "person" BEGIN INSERT INTO audit (at, login, register, record_id, action, before, after, reason) VALUES (smreg_now(), smreg_login(), 'person', NEW.id, 'insert', NULL, json_patch('{}', json_object('id', NEW."id", 'name', NEW."name", 'job_title', NEW."job_title", 'school', NEW."school", 'kind', NEW."kind", 'email', NEW."email", 'started_on', NEW."started_on", 'left_on', NEW."left_on", 'notes', NEW."notes")), smreg_reason()); END;
CREATE TRIGGER audit_person_update AFTER UPDATE ON "person" WHEN 0 OR OLD."id" IS NOT NEW."id" OR OLD."name" IS NOT NEW."name" OR OLD."job_title" IS NOT NEW."job_title" OR OLD."school" IS NOT NEW."school" OR OLD."kind" IS NOT NEW."kind" OR OLD."email" IS NOT NEW."email" OR OLD."started_on" IS NOT NEW."started_on" OR OLD."left_on" IS NOT NEW."left_on" OR OLD."notes" IS NOT NEW."notes" BEGIN INSERT INTO audit (at, login, register, record_id, action, before, after, reason) SELECT smreg_now(), smreg_login(), 'person', NEW.id, CASE WHEN OLD."left_on" IS NULL AND NEW."left_on" IS NOT NULL THEN 'close' ELSE 'update' END, json_group_object(k, o), json_group_object(k, n), smreg_reason() FROM (SELECT 'id' AS k, OLD."id" AS o, NEW."id" AS n UNION ALL SELECT 'name', OLD."name", NEW."name" UNION ALL SELECT 'job_title', OLD."job_title", NEW."job_title" UNION ALL SELECT 'school', OLD."school", NEW."school" UNION ALL SELECT 'kind', OLD."kind", NEW."kind" UNION ALL SELECT 'email', OLD."email", NEW."email" UNION ALL SELECT 'started_on', OLD."started_on", NEW."started_on" UNION ALL SELECT 'left_on', OLD."left_on", NEW."left_on" UNION ALL SELECT 'notes', OLD."notes", NEW."notes") WHERE o IS NOT n; END;
CREATE TRIGGER audit_person_delete AFTER DELETE ON "person" BEGIN INSERT INTO audit (at, login, register, record_id, action, before, after, reason) VALUES (smreg_now(), smreg_login(), 'person', OLD.id, 'delete', json_patch('{}', json_object('id', OLD."id", 'name', OLD."name", 'job_title', OLD."job_title", 'school', OLD."school", 'kind', OLD."kind", 'email', OLD."email", 'started_on', OLD."started_on", 'left_on', OLD."left_on", 'notes', OLD."notes")), NULL, smreg_reason()); END;
CREATE TRIGGER audit_channel_insert AFTER INSERT ON "channel" BEGIN INSERT INTO audit (at, login, register, record_id, action, before, after, reason) VALUES (smreg_now(), smreg_login(), 'channel', NEW.id, 'insert', NULL, json_patch('{}', json_object('id', NEW."id", 'school', NEW."school", 'platform', NEW."platform", 'account', NEW."account", 'url', NEW."url", 'purpose', NEW."purpose", 'audience', NEW."audience", 'consent_use', NEW."consent_use", 'opened_on', NEW."opened_on", 'closed_on', NEW."closed_on", 'risk_assessed_on', NEW."risk_assessed_on", 'approved_by', NEW."approved_by", 'privacy_checked_on', NEW."privacy_checked_on", 'in_privacy_notice', NEW."in_privacy_notice", 'emergency_access', NEW."emergency_access", 'mfa', NEW."mfa", 'school_email', NEW."school_email", 'notes', NEW."notes")), smreg_reason()); END;
CREATE TRIGGER audit_channel_update AFTER UPDATE ON "channel" WHEN 0 OR OLD."id" IS NOT NEW."id" OR OLD."school" IS NOT NEW."school" OR OLD."platform" IS NOT NEW."platform" OR OLD."account" IS NOT NEW."account" OR OLD."url" IS NOT NEW."url" OR OLD."purpose" IS NOT NEW."purpose" OR OLD."audience" IS NOT NEW."audience" OR OLD."consent_use" IS NOT NEW."consent_use" OR OLD."opened_on" IS NOT NEW."opened_on" OR OLD."closed_on" IS NOT NEW."closed_on" OR OLD."risk_assessed_on" IS NOT NEW."risk_assessed_on" OR OLD."approved_by" IS NOT NEW."approved_by" OR OLD."privacy_checked_on" IS NOT NEW."privacy_checked_on" OR OLD."in_privacy_notice" IS NOT NEW."in_privacy_notice" OR OLD."emergency_access" IS NOT NEW."emergency_access" OR OLD."mfa" IS NOT NEW."mfa" OR OLD."school_email" IS NOT NEW."school_email" OR OLD."notes" IS NOT NEW."notes" BEGIN INSERT INTO audit (at, login, register, record_id, action, before, after, reason) SELECT smreg_now(), smreg_login(), 'channel', NEW.id, CASE WHEN OLD."closed_on" IS NULL AND NEW."closed_on" IS NOT NULL THEN 'close' ELSE 'update' END, json_group_object(k, o), json_group_object(k, n), smreg_reason() FROM (SELECT 'id' AS k, OLD."id" AS o, NEW."id" AS n UNION ALL SELECT 'school', OLD."school", NEW."school" UNION ALL SELECT 'platform', OLD."platform", NEW."platform" UNION ALL SELECT 'account', OLD."account", NEW."account" UNION ALL SELECT 'url', OLD."url", NEW."url" UNION ALL SELECT 'purpose', OLD."purpose", NEW."purpose" UNION ALL SELECT 'audience', OLD."audience", NEW."audience" UNION ALL SELECT 'consent_use', OLD."consent_use", NEW."consent_use" UNION ALL SELECT 'opened_on', OLD."opened_on", NEW."opened_on" UNION ALL SELECT 'closed_on', OLD."closed_on", NEW."closed_on" UNION ALL SELECT 'risk_assessed_on', OLD."risk_assessed_on", NEW."risk_assessed_on" UNION ALL SELECT 'approved_by', OLD."approved_by", NEW."approved_by" UNION ALL SELECT 'privacy_checked_on', OLD."privacy_checked_on", NEW."privacy_checked_on" UNION ALL SELECT 'in_privacy_notice', OLD."in_privacy_notice", NEW."in_privacy_notice" UNION ALL SELECT 'emergency_access', OLD."emergency_access", NEW."emergency_access" UNION ALL SELECT 'mfa', OLD."mfa", NEW."mfa" UNION ALL SELECT 'school_email', OLD."school_email", NEW."school_email" UNION ALL SELECT 'notes', OLD."notes", NEW."notes") WHERE o IS NOT n; END;
CREATE TRIGGER audit_channel_delete AFTER DELETE ON "channel" BEGIN INSERT INTO audit (at, login, register, record_id, action, before, after, reason) VALUES (smreg_now(), smreg_login(), 'channel', OLD.id, 'delete', json_patch('{}', json_object('id', OLD."id", 'school', OLD."school", 'platform', OLD."platform", 'account', OLD."account", 'url', OLD."url", 'purpose', OLD."purpose", 'audience', OLD."audience", 'consent_use', OLD."consent_use", 'opened_on', OLD."opened_on", 'closed_on', OLD."closed_on", 'risk_assessed_on', OLD."risk_assessed_on", 'approved_by', OLD."approved_by", 'privacy_checked_on', OLD."privacy_checked_on", 'in_privacy_notice', OLD."in_privacy_notice", 'emergency_access', OLD."emergency_access", 'mfa', OLD."mfa", 'school_email', OLD."school_email", 'notes', OLD."notes")), NULL, smreg_reason()); END;
CREATE TRIGGER audit_authorisation_insert AFTER INSERT ON "authorisation" BEGIN INSERT INTO audit (at, login, register, record_id, action, before, after, reason) VALUES (smreg_now(), smreg_login(), 'authorisation', NEW.id, 'insert', NULL, json_patch('{}', json_object('id', NEW."id", 'person', NEW."person", 'channel', NEW."channel", 'kind', NEW."kind", 'detail', NEW."detail", 'authorised_by', NEW."authorised_by", 'granted_on', NEW."granted_on", 'review_on', NEW."review_on", 'revoked_on', NEW."revoked_on", 'revoke_reason', NEW."revoke_reason")), smreg_reason()); END;
CREATE TRIGGER audit_authorisation_update AFTER UPDATE ON "authorisation" WHEN 0 OR OLD."id" IS NOT NEW."id" OR OLD."person" IS NOT NEW."person" OR OLD."channel" IS NOT NEW."channel" OR OLD."kind" IS NOT NEW."kind" OR OLD."detail" IS NOT NEW."detail" OR OLD."authorised_by" IS NOT NEW."authorised_by" OR OLD."granted_on" IS NOT NEW."granted_on" OR OLD."review_on" IS NOT NEW."review_on" OR OLD."revoked_on" IS NOT NEW."revoked_on" OR OLD."revoke_reason" IS NOT NEW."revoke_reason" BEGIN INSERT INTO audit (at, login, register, record_id, action, before, after, reason) SELECT smreg_now(), smreg_login(), 'authorisation', NEW.id, CASE WHEN OLD."revoked_on" IS NULL AND NEW."revoked_on" IS NOT NULL THEN 'close' ELSE 'update' END, json_group_object(k, o), json_group_object(k, n), smreg_reason() FROM (SELECT 'id' AS k, OLD."id" AS o, NEW."id" AS n UNION ALL SELECT 'person', OLD."person", NEW."person" UNION ALL SELECT 'channel', OLD."channel", NEW."channel" UNION ALL SELECT 'kind', OLD."kind", NEW."kind" UNION ALL SELECT 'detail', OLD."detail", NEW."detail" UNION ALL SELECT 'authorised_by', OLD."authorised_by", NEW."authorised_by" UNION ALL SELECT 'granted_on', OLD."granted_on", NEW."granted_on" UNION ALL SELECT 'review_on', OLD."review_on", NEW."review_on" UNION ALL SELECT 'revoked_on', OLD."revoked_on", NEW."revoked_on" UNION ALL SELECT 'revoke_reason', OLD."revoke_reason", NEW."revoke_reason") WHERE o IS NOT n; END;
CREATE TRIGGER audit_authorisation_delete AFTER DELETE ON "authorisation" BEGIN INSERT INTO audit (at, login, register, record_id, action, before, after, reason) VALUES (smreg_now(), smreg_login(), 'authorisation', OLD.id, 'delete', json_patch('{}', json_object('id', OLD."id", 'person', OLD."person", 'channel', OLD."channel", 'kind', OLD."kind", 'detail', OLD."detail", 'authorised_by', OLD."authorised_by", 'granted_on', OLD."granted_on", 'review_on', OLD."review_on", 'revoked_on', OLD."revoked_on", 'revoke_reason', OLD."revoke_reason")), NULL, smreg_reason()); END;
CREATE TRIGGER audit_pupil_insert AFTER INSERT ON "pupil" BEGIN INSERT INTO audit (at, login, register, record_id, action, before, after, reason) VALUES (smreg_now(), smreg_login(), 'pupil', NEW.id, 'insert', NULL, json_patch('{}', json_object('id', NEW."id", 'school', NEW."school", 'name', NEW."name", 'year_group', NEW."year_group", 'mis_id', NEW."mis_id", 'joined_on', NEW."joined_on", 'left_on', NEW."left_on")), smreg_reason()); END;
CREATE TRIGGER audit_pupil_update AFTER UPDATE ON "pupil" WHEN 0 OR OLD."id" IS NOT NEW."id" OR OLD."school" IS NOT NEW."school" OR OLD."name" IS NOT NEW."name" OR OLD."year_group" IS NOT NEW."year_group" OR OLD."mis_id" IS NOT NEW."mis_id" OR OLD."joined_on" IS NOT NEW."joined_on" OR OLD."left_on" IS NOT NEW."left_on" BEGIN INSERT INTO audit (at, login, register, record_id, action, before, after, reason) SELECT smreg_now(), smreg_login(), 'pupil', NEW.id, CASE WHEN OLD."left_on" IS NULL AND NEW."left_on" IS NOT NULL THEN 'close' ELSE 'update' END, json_group_object(k, o), json_group_object(k, n), smreg_reason() FROM (SELECT 'id' AS k, OLD."id" AS o, NEW."id" AS n UNION ALL SELECT 'school', OLD."school", NEW."school" UNION ALL SELECT 'name', OLD."name", NEW."name" UNION ALL SELECT 'year_group', OLD."year_group", NEW."year_group" UNION ALL SELECT 'mis_id', OLD."mis_id", NEW."mis_id" UNION ALL SELECT 'joined_on', OLD."joined_on", NEW."joined_on" UNION ALL SELECT 'left_on', OLD."left_on", NEW."left_on") WHERE o IS NOT n; END;
CREATE TRIGGER audit_pupil_delete AFTER DELETE ON "pupil" BEGIN INSERT INTO audit (at, login, register, record_id, action, before, after, reason) VALUES (smreg_now(), smreg_login(), 'pupil', OLD.id, 'delete', json_patch('{}', json_object('id', OLD."id", 'school', OLD."school", 'name', OLD."name", 'year_group', OLD."year_group", 'mis_id', OLD."mis_id", 'joined_on', OLD."joined_on", 'left_on', OLD."left_on")), NULL, smreg_reason()); END;
CREATE TRIGGER audit_consent_use_insert AFTER INSERT ON "consent_use" BEGIN INSERT INTO audit (at, login, register, record_id, action, before, after, reason) VALUES (smreg_now(), smreg_login(), 'consent_use', NEW.id, 'insert', NULL, json_patch('{}', json_object('id', NEW."id", 'code', NEW."code", 'label', NEW."label")), smreg_reason()); END;
CREATE TRIGGER audit_consent_use_update AFTER UPDATE ON "consent_use" WHEN 0 OR OLD."id" IS NOT NEW."id" OR OLD."code" IS NOT NEW."code" OR OLD."label" IS NOT NEW."label" BEGIN INSERT INTO audit (at, login, register, record_id, action, before, after, reason) SELECT smreg_now(), smreg_login(), 'consent_use', NEW.id, 'update', json_group_object(k, o), json_group_object(k, n), smreg_reason() FROM (SELECT 'id' AS k, OLD."id" AS o, NEW."id" AS n UNION ALL SELECT 'code', OLD."code", NEW."code" UNION ALL SELECT 'label', OLD."label", NEW."label") WHERE o IS NOT n; END;
CREATE TRIGGER audit_consent_use_delete AFTER DELETE ON "consent_use" BEGIN INSERT INTO audit (at, login, register, record_id, action, before, after, reason) VALUES (smreg_now(), smreg_login(), 'consent_use', OLD.id, 'delete', json_patch('{}', json_object('id', OLD."id", 'code', OLD."code", 'label', OLD."label")), NULL, smreg_reason()); END;
CREATE TRIGGER audit_consent_insert AFTER INSERT ON "consent" BEGIN INSERT INTO audit (at, login, register, record_id, action, before, after, reason) VALUES (smreg_now(), smreg_login(), 'consent', NEW.id, 'insert', NULL, json_patch('{}', json_object('id', NEW."id", 'pupil', NEW."pupil", 'given_by', NEW."given_by", 'relationship', NEW."relationship", 'received_on', NEW."received_on", 'uses', NEW."uses", 'expires_on', NEW."expires_on", 'withdrawn_on', NEW."withdrawn_on", 'form_ref', NEW."form_ref", 'notes', NEW."notes")), smreg_reason()); END;
CREATE TRIGGER audit_consent_update AFTER UPDATE ON "consent" WHEN 0 OR OLD."id" IS NOT NEW."id" OR OLD."pupil" IS NOT NEW."pupil" OR OLD."given_by" IS NOT NEW."given_by" OR OLD."relationship" IS NOT NEW."relationship" OR OLD."received_on" IS NOT NEW."received_on" OR OLD."uses" IS NOT NEW."uses" OR OLD."expires_on" IS NOT NEW."expires_on" OR OLD."withdrawn_on" IS NOT NEW."withdrawn_on" OR OLD."form_ref" IS NOT NEW."form_ref" OR OLD."notes" IS NOT NEW."notes" BEGIN INSERT INTO audit (at, login, register, record_id, action, before, after, reason) SELECT smreg_now(), smreg_login(), 'consent', NEW.id, CASE WHEN OLD."withdrawn_on" IS NULL AND NEW."withdrawn_on" IS NOT NULL THEN 'close' ELSE 'update' END, json_group_object(k, o), json_group_object(k, n), smreg_reason() FROM (SELECT 'id' AS k, OLD."id" AS o, NEW."id" AS n UNION ALL SELECT 'pupil', OLD."pupil", NEW."pupil" UNION ALL SELECT 'given_by', OLD."given_by", NEW."given_by" UNION ALL SELECT 'relationship', OLD."relationship", NEW."relationship" UNION ALL SELECT 'received_on', OLD."received_on", NEW."received_on" UNION ALL SELECT 'uses', OLD."uses", NEW."uses" UNION ALL SELECT 'expires_on', OLD."expires_on", NEW."expires_on" UNION ALL SELECT 'withdrawn_on', OLD."withdrawn_on", NEW."withdrawn_on" UNION ALL SELECT 'form_ref', OLD."form_ref", NEW."form_ref" UNION ALL SELECT 'notes', OLD."notes", NEW."notes") WHERE o IS NOT n; END;
CREATE TRIGGER audit_consent_delete AFTER DELETE ON "consent" BEGIN INSERT INTO audit (at, login, register, record_id, action, before, after, reason) VALUES (smreg_now(), smreg_login(), 'consent', OLD.id, 'delete', json_patch('{}', json_object('id', OLD."id", 'pupil', OLD."pupil", 'given_by', OLD."given_by", 'relationship', OLD."relationship", 'received_on', OLD."received_on", 'uses', OLD."uses", 'expires_on', OLD."expires_on", 'withdrawn_on', OLD."withdrawn_on", 'form_ref', OLD."form_ref", 'notes', OLD."notes")), NULL, smreg_reason()); END;
CREATE TRIGGER audit_takedown_insert AFTER INSERT ON "takedown" BEGIN INSERT INTO audit (at, login, register, record_id, action, before, after, reason) VALUES (smreg_now(), smreg_login(), 'takedown', NEW.id, 'insert', NULL, json_patch('{}', json_object('id', NEW."id", 'pupil', NEW."pupil", 'channel', NEW."channel", 'raised_on', NEW."raised_on", 'done_on', NEW."done_on", 'done_by', NEW."done_by", 'note', NEW."note")), smreg_reason()); END;
CREATE TRIGGER audit_takedown_update AFTER UPDATE ON "takedown" WHEN 0 OR OLD."id" IS NOT NEW."id" OR OLD."pupil" IS NOT NEW."pupil" OR OLD."channel" IS NOT NEW."channel" OR OLD."raised_on" IS NOT NEW."raised_on" OR OLD."done_on" IS NOT NEW."done_on" OR OLD."done_by" IS NOT NEW."done_by" OR OLD."note" IS NOT NEW."note" BEGIN INSERT INTO audit (at, login, register, record_id, action, before, after, reason) SELECT smreg_now(), smreg_login(), 'takedown', NEW.id, CASE WHEN OLD."done_on" IS NULL AND NEW."done_on" IS NOT NULL THEN 'close' ELSE 'update' END, json_group_object(k, o), json_group_object(k, n), smreg_reason() FROM (SELECT 'id' AS k, OLD."id" AS o, NEW."id" AS n UNION ALL SELECT 'pupil', OLD."pupil", NEW."pupil" UNION ALL SELECT 'channel', OLD."channel", NEW."channel" UNION ALL SELECT 'raised_on', OLD."raised_on", NEW."raised_on" UNION ALL SELECT 'done_on', OLD."done_on", NEW."done_on" UNION ALL SELECT 'done_by', OLD."done_by", NEW."done_by" UNION ALL SELECT 'note', OLD."note", NEW."note") WHERE o IS NOT n; END;
CREATE TRIGGER audit_takedown_delete AFTER DELETE ON "takedown" BEGIN INSERT INTO audit (at, login, register, record_id, action, before, after, reason) VALUES (smreg_now(), smreg_login(), 'takedown', OLD.id, 'delete', json_patch('{}', json_object('id', OLD."id", 'pupil', OLD."pupil", 'channel', OLD."channel", 'raised_on', OLD."raised_on", 'done_on', OLD."done_on", 'done_by', OLD."done_by", 'note', OLD."note")), NULL, smreg_reason()); END;
CREATE TRIGGER audit_policy_insert AFTER INSERT ON "policy" BEGIN INSERT INTO audit (at, login, register, record_id, action, before, after, reason) VALUES (smreg_now(), smreg_login(), 'policy', NEW.id, 'insert', NULL, json_patch('{}', json_object('id', NEW."id", 'title', NEW."title", 'school', NEW."school", 'owner', NEW."owner", 'approver', NEW."approver", 'statutory', NEW."statutory", 'cycle_months', NEW."cycle_months", 'version', NEW."version", 'approved_on', NEW."approved_on", 'next_review_on', NEW."next_review_on", 'document', NEW."document", 'status', NEW."status")), smreg_reason()); END;
CREATE TRIGGER audit_policy_update AFTER UPDATE ON "policy" WHEN 0 OR OLD."id" IS NOT NEW."id" OR OLD."title" IS NOT NEW."title" OR OLD."school" IS NOT NEW."school" OR OLD."owner" IS NOT NEW."owner" OR OLD."approver" IS NOT NEW."approver" OR OLD."statutory" IS NOT NEW."statutory" OR OLD."cycle_months" IS NOT NEW."cycle_months" OR OLD."version" IS NOT NEW."version" OR OLD."approved_on" IS NOT NEW."approved_on" OR OLD."next_review_on" IS NOT NEW."next_review_on" OR OLD."document" IS NOT NEW."document" OR OLD."status" IS NOT NEW."status" BEGIN INSERT INTO audit (at, login, register, record_id, action, before, after, reason) SELECT smreg_now(), smreg_login(), 'policy', NEW.id, 'update', json_group_object(k, o), json_group_object(k, n), smreg_reason() FROM (SELECT 'id' AS k, OLD."id" AS o, NEW."id" AS n UNION ALL SELECT 'title', OLD."title", NEW."title" UNION ALL SELECT 'school', OLD."school", NEW."school" UNION ALL SELECT 'owner', OLD."owner", NEW."owner" UNION ALL SELECT 'approver', OLD."approver", NEW."approver" UNION ALL SELECT 'statutory', OLD."statutory", NEW."statutory" UNION ALL SELECT 'cycle_months', OLD."cycle_months", NEW."cycle_months" UNION ALL SELECT 'version', OLD."version", NEW."version" UNION ALL SELECT 'approved_on', OLD."approved_on", NEW."approved_on" UNION ALL SELECT 'next_review_on', OLD."next_review_on", NEW."next_review_on" UNION ALL SELECT 'document', OLD."document", NEW."document" UNION ALL SELECT 'status', OLD."status", NEW."status") WHERE o IS NOT n; END;
CREATE TRIGGER audit_policy_delete AFTER DELETE ON "policy" BEGIN INSERT INTO audit (at, login, register, record_id, action, before, after, reason) VALUES (smreg_now(), smreg_login(), 'policy', OLD.id, 'delete', json_patch('{}', json_object('id', OLD."id", 'title', OLD."title", 'school', OLD."school", 'owner', OLD."owner", 'approver', OLD."approver", 'statutory', OLD."statutory", 'cycle_months', OLD."cycle_months", 'version', OLD."version", 'approved_on', OLD."approved_on", 'next_review_on', OLD."next_review_on", 'document', OLD."document", 'status', OLD."status")), NULL, smreg_reason()); END;
CREATE TRIGGER audit_review_insert AFTER INSERT ON "review" BEGIN INSERT INTO audit (at, login, register, record_id, action, before, after, reason) VALUES (smreg_now(), smreg_login(), 'review', NEW.id, 'insert', NULL, json_patch('{}', json_object('id', NEW."id", 'policy', NEW."policy", 'reviewed_on', NEW."reviewed_on", 'reviewed_by', NEW."reviewed_by", 'approved_on', NEW."approved_on", 'approved_by', NEW."approved_by", 'minute_ref', NEW."minute_ref", 'version', NEW."version", 'summary', NEW."summary")), smreg_reason()); END;
CREATE TRIGGER audit_review_update AFTER UPDATE ON "review" WHEN 0 OR OLD."id" IS NOT NEW."id" OR OLD."policy" IS NOT NEW."policy" OR OLD."reviewed_on" IS NOT NEW."reviewed_on" OR OLD."reviewed_by" IS NOT NEW."reviewed_by" OR OLD."approved_on" IS NOT NEW."approved_on" OR OLD."approved_by" IS NOT NEW."approved_by" OR OLD."minute_ref" IS NOT NEW."minute_ref" OR OLD."version" IS NOT NEW."version" OR OLD."summary" IS NOT NEW."summary" BEGIN INSERT INTO audit (at, login, register, record_id, action, before, after, reason) SELECT smreg_now(), smreg_login(), 'review', NEW.id, 'update', json_group_object(k, o), json_group_object(k, n), smreg_reason() FROM (SELECT 'id' AS k, OLD."id" AS o, NEW."id" AS n UNION ALL SELECT 'policy', OLD."policy", NEW."policy" UNION ALL SELECT 'reviewed_on', OLD."reviewed_on", NEW."reviewed_on" UNION ALL SELECT 'reviewed_by', OLD."reviewed_by", NEW."reviewed_by" UNION ALL SELECT 'approved_on', OLD."approved_on", NEW."approved_on" UNION ALL SELECT 'approved_by', OLD."approved_by", NEW."approved_by" UNION ALL SELECT 'minute_ref', OLD."minute_ref", NEW."minute_ref" UNION ALL SELECT 'version', OLD."version", NEW."version" UNION ALL SELECT 'summary', OLD."summary", NEW."summary") WHERE o IS NOT n; END;
CREATE TRIGGER audit_review_delete AFTER DELETE ON "review" BEGIN INSERT INTO audit (at, login, register, record_id, action, before, after, reason) VALUES (smreg_now(), smreg_login(), 'review', OLD.id, 'delete', json_patch('{}', json_object('id', OLD."id", 'policy', OLD."policy", 'reviewed_on', OLD."reviewed_on", 'reviewed_by', OLD."reviewed_by", 'approved_on', OLD."approved_on", 'approved_by', OLD."approved_by", 'minute_ref', OLD."minute_ref", 'version', OLD."version", 'summary', OLD."summary")), NULL, smreg_reason()); END;
CREATE TRIGGER audit_contact_insert AFTER INSERT ON "contact" BEGIN INSERT INTO audit (at, login, register, record_id, action, before, after, reason) VALUES (smreg_now(), smreg_login(), 'contact', NEW.id, 'insert', NULL, json_patch('{}', json_object('id', NEW."id", 'school', NEW."school", 'reported_on', NEW."reported_on", 'reported_by', NEW."reported_by", 'pupil', NEW."pupil", 'pupil_name', NEW."pupil_name", 'pupil_status', NEW."pupil_status", 'platform', NEW."platform", 'category', NEW."category", 'summary', NEW."summary", 'evidence', NEW."evidence", 'dsl', NEW."dsl", 'status', NEW."status", 'action_taken', NEW."action_taken", 'parent_informed', NEW."parent_informed", 'referred_to', NEW."referred_to", 'rationale', NEW."rationale", 'closed_on', NEW."closed_on")), smreg_reason()); END;
CREATE TRIGGER audit_contact_update AFTER UPDATE ON "contact" WHEN 0 OR OLD."id" IS NOT NEW."id" OR OLD."school" IS NOT NEW."school" OR OLD."reported_on" IS NOT NEW."reported_on" OR OLD."reported_by" IS NOT NEW."reported_by" OR OLD."pupil" IS NOT NEW."pupil" OR OLD."pupil_name" IS NOT NEW."pupil_name" OR OLD."pupil_status" IS NOT NEW."pupil_status" OR OLD."platform" IS NOT NEW."platform" OR OLD."category" IS NOT NEW."category" OR OLD."summary" IS NOT NEW."summary" OR OLD."evidence" IS NOT NEW."evidence" OR OLD."dsl" IS NOT NEW."dsl" OR OLD."status" IS NOT NEW."status" OR OLD."action_taken" IS NOT NEW."action_taken" OR OLD."parent_informed" IS NOT NEW."parent_informed" OR OLD."referred_to" IS NOT NEW."referred_to" OR OLD."rationale" IS NOT NEW."rationale" OR OLD."closed_on" IS NOT NEW."closed_on" BEGIN INSERT INTO audit (at, login, register, record_id, action, before, after, reason) SELECT smreg_now(), smreg_login(), 'contact', NEW.id, CASE WHEN OLD."closed_on" IS NULL AND NEW."closed_on" IS NOT NULL THEN 'close' ELSE 'update' END, json_group_object(k, o), json_group_object(k, n), smreg_reason() FROM (SELECT 'id' AS k, OLD."id" AS o, NEW."id" AS n UNION ALL SELECT 'school', OLD."school", NEW."school" UNION ALL SELECT 'reported_on', OLD."reported_on", NEW."reported_on" UNION ALL SELECT 'reported_by', OLD."reported_by", NEW."reported_by" UNION ALL SELECT 'pupil', OLD."pupil", NEW."pupil" UNION ALL SELECT 'pupil_name', OLD."pupil_name", NEW."pupil_name" UNION ALL SELECT 'pupil_status', OLD."pupil_status", NEW."pupil_status" UNION ALL SELECT 'platform', OLD."platform", NEW."platform" UNION ALL SELECT 'category', OLD."category", NEW."category" UNION ALL SELECT 'summary', OLD."summary", NEW."summary" UNION ALL SELECT 'evidence', OLD."evidence", NEW."evidence" UNION ALL SELECT 'dsl', OLD."dsl", NEW."dsl" UNION ALL SELECT 'status', OLD."status", NEW."status" UNION ALL SELECT 'action_taken', OLD."action_taken", NEW."action_taken" UNION ALL SELECT 'parent_informed', OLD."parent_informed", NEW."parent_informed" UNION ALL SELECT 'referred_to', OLD."referred_to", NEW."referred_to" UNION ALL SELECT 'rationale', OLD."rationale", NEW."rationale" UNION ALL SELECT 'closed_on', OLD."closed_on", NEW."closed_on") WHERE o IS NOT n; END;
CREATE TRIGGER audit_contact_delete AFTER DELETE ON "contact" BEGIN INSERT INTO audit (at, login, register, record_id, action, before, after, reason) VALUES (smreg_now(), smreg_login(), 'contact', OLD.id, 'delete', json_patch('{}', json_object('id', OLD."id", 'school', OLD."school", 'reported_on', OLD."reported_on", 'reported_by', OLD."reported_by", 'pupil', OLD."pupil", 'pupil_name', OLD."pupil_name", 'pupil_status', OLD."pupil_status", 'platform', OLD."platform", 'category', OLD."category", 'summary', OLD."summary", 'evidence', OLD."evidence", 'dsl', OLD."dsl", 'status', OLD."status", 'action_taken', OLD."action_taken", 'parent_informed', OLD."parent_informed", 'referred_to', OLD."referred_to", 'rationale', OLD."rationale", 'closed_on', OLD."closed_on")), NULL, smreg_reason()); END;
CREATE TRIGGER audit_action_insert AFTER INSERT ON "action" BEGIN INSERT INTO audit (at, login, register, record_id, action, before, after, reason) VALUES (smreg_now(), smreg_login(), 'action', NEW.id, 'insert', NULL, json_patch('{}', json_object('id', NEW."id", 'contact', NEW."contact", 'acted_on', NEW."acted_on", 'by', NEW."by", 'note', NEW."note")), smreg_reason()); END;
CREATE TRIGGER audit_action_update AFTER UPDATE ON "action" WHEN 0 OR OLD."id" IS NOT NEW."id" OR OLD."contact" IS NOT NEW."contact" OR OLD."acted_on" IS NOT NEW."acted_on" OR OLD."by" IS NOT NEW."by" OR OLD."note" IS NOT NEW."note" BEGIN INSERT INTO audit (at, login, register, record_id, action, before, after, reason) SELECT smreg_now(), smreg_login(), 'action', NEW.id, 'update', json_group_object(k, o), json_group_object(k, n), smreg_reason() FROM (SELECT 'id' AS k, OLD."id" AS o, NEW."id" AS n UNION ALL SELECT 'contact', OLD."contact", NEW."contact" UNION ALL SELECT 'acted_on', OLD."acted_on", NEW."acted_on" UNION ALL SELECT 'by', OLD."by", NEW."by" UNION ALL SELECT 'note', OLD."note", NEW."note") WHERE o IS NOT n; END;
CREATE TRIGGER audit_action_delete AFTER DELETE ON "action" BEGIN INSERT INTO audit (at, login, register, record_id, action, before, after, reason) VALUES (smreg_now(), smreg_login(), 'action', OLD.id, 'delete', json_patch('{}', json_object('id', OLD."id", 'contact', OLD."contact", 'acted_on', OLD."acted_on", 'by', OLD."by", 'note', OLD."note")), NULL, smreg_reason()); END;
CREATE TRIGGER audit_training_insert AFTER INSERT ON "training" BEGIN INSERT INTO audit (at, login, register, record_id, action, before, after, reason) VALUES (smreg_now(), smreg_login(), 'training', NEW.id, 'insert', NULL, json_patch('{}', json_object('id', NEW."id", 'person', NEW."person", 'kind', NEW."kind", 'policy', NEW."policy", 'completed_on', NEW."completed_on", 'notes', NEW."notes")), smreg_reason()); END;
CREATE TRIGGER audit_training_update AFTER UPDATE ON "training" WHEN 0 OR OLD."id" IS NOT NEW."id" OR OLD."person" IS NOT NEW."person" OR OLD."kind" IS NOT NEW."kind" OR OLD."policy" IS NOT NEW."policy" OR OLD."completed_on" IS NOT NEW."completed_on" OR OLD."notes" IS NOT NEW."notes" BEGIN INSERT INTO audit (at, login, register, record_id, action, before, after, reason) SELECT smreg_now(), smreg_login(), 'training', NEW.id, 'update', json_group_object(k, o), json_group_object(k, n), smreg_reason() FROM (SELECT 'id' AS k, OLD."id" AS o, NEW."id" AS n UNION ALL SELECT 'person', OLD."person", NEW."person" UNION ALL SELECT 'kind', OLD."kind", NEW."kind" UNION ALL SELECT 'policy', OLD."policy", NEW."policy" UNION ALL SELECT 'completed_on', OLD."completed_on", NEW."completed_on" UNION ALL SELECT 'notes', OLD."notes", NEW."notes") WHERE o IS NOT n; END;
CREATE TRIGGER audit_training_delete AFTER DELETE ON "training" BEGIN INSERT INTO audit (at, login, register, record_id, action, before, after, reason) VALUES (smreg_now(), smreg_login(), 'training', OLD.id, 'delete', json_patch('{}', json_object('id', OLD."id", 'person', OLD."person", 'kind', OLD."kind", 'policy', OLD."policy", 'completed_on', OLD."completed_on", 'notes', OLD."notes")), NULL, smreg_reason()); END;
CREATE TRIGGER audit_user_insert AFTER INSERT ON "user" BEGIN INSERT INTO audit (at, login, register, record_id, action, before, after, reason) VALUES (smreg_now(), smreg_login(), 'user', NEW.id, 'insert', NULL, json_patch('{}', json_object('id', NEW."id", 'login', NEW."login", 'person', NEW."person", 'roles', NEW."roles", 'disabled_on', NEW."disabled_on")), smreg_reason()); END;
CREATE TRIGGER audit_user_update AFTER UPDATE ON "user" WHEN 0 OR OLD."id" IS NOT NEW."id" OR OLD."login" IS NOT NEW."login" OR OLD."person" IS NOT NEW."person" OR OLD."roles" IS NOT NEW."roles" OR OLD."disabled_on" IS NOT NEW."disabled_on" BEGIN INSERT INTO audit (at, login, register, record_id, action, before, after, reason) SELECT smreg_now(), smreg_login(), 'user', NEW.id, CASE WHEN OLD."disabled_on" IS NULL AND NEW."disabled_on" IS NOT NULL THEN 'close' ELSE 'update' END, json_group_object(k, o), json_group_object(k, n), smreg_reason() FROM (SELECT 'id' AS k, OLD."id" AS o, NEW."id" AS n UNION ALL SELECT 'login', OLD."login", NEW."login" UNION ALL SELECT 'person', OLD."person", NEW."person" UNION ALL SELECT 'roles', OLD."roles", NEW."roles" UNION ALL SELECT 'disabled_on', OLD."disabled_on", NEW."disabled_on") WHERE o IS NOT n; END;
CREATE TRIGGER audit_user_delete AFTER DELETE ON "user" BEGIN INSERT INTO audit (at, login, register, record_id, action, before, after, reason) VALUES (smreg_now(), smreg_login(), 'user', OLD.id, 'delete', json_patch('{}', json_object('id', OLD."id", 'login', OLD."login", 'person', OLD."person", 'roles', OLD."roles", 'disabled_on', OLD."disabled_on")), NULL, smreg_reason()); END;
CREATE TRIGGER audit_setting_insert AFTER INSERT ON "setting" BEGIN INSERT INTO audit (at, login, register, record_id, action, before, after, reason) VALUES (smreg_now(), smreg_login(), 'setting', NEW.id, 'insert', NULL, json_patch('{}', json_object('id', NEW."id", 'key', NEW."key", 'value', NEW."value", 'label', NEW."label")), smreg_reason()); END;
CREATE TRIGGER audit_setting_update AFTER UPDATE ON "setting" WHEN 0 OR OLD."id" IS NOT NEW."id" OR OLD."key" IS NOT NEW."key" OR OLD."value" IS NOT NEW."value" OR OLD."label" IS NOT NEW."label" BEGIN INSERT INTO audit (at, login, register, record_id, action, before, after, reason) SELECT smreg_now(), smreg_login(), 'setting', NEW.id, 'update', json_group_object(k, o), json_group_object(k, n), smreg_reason() FROM (SELECT 'id' AS k, OLD."id" AS o, NEW."id" AS n UNION ALL SELECT 'key', OLD."key", NEW."key" UNION ALL SELECT 'value', OLD."value", NEW."value" UNION ALL SELECT 'label', OLD."label", NEW."label") WHERE o IS NOT n; END;
CREATE TRIGGER audit_setting_delete AFTER DELETE ON "setting" BEGIN INSERT INTO audit (at, login, register, record_id, action, before, after, reason) VALUES (smreg_now(), smreg_login(), 'setting', OLD.id, 'delete', json_patch('{}', json_object('id', OLD."id", 'key', OLD."key", 'value', OLD."value", 'label', OLD."label")), NULL, smreg_reason()); END;
COMMIT;
PRAGMA user_version = 7;
