-- smreg schema, version 23: an audit row's content is hashed once (issue
-- 16, imports).  The chain is unchanged (schema 012's version 2): the
-- digest of before, after and reason, and the row's hash over it.  The
-- trigger worked the digest out twice, once for the column and once for
-- the hash; smreg_audit_seal (chain.c) gives both, 64 bytes, the digest
-- first, so a 20,000-row import hashes each row's content once.
DROP TRIGGER audit_chain;
CREATE TRIGGER audit_chain AFTER INSERT ON audit
BEGIN
	UPDATE audit SET (digest, hash) = (
		SELECT substr(seal, 1, 32), substr(seal, 33, 32)
		FROM (SELECT smreg_audit_seal(NEW.seq, NEW.at, NEW.login, NEW.register,
			NEW.record_id, NEW.action, NEW.before, NEW.after, NEW.reason,
			(SELECT p.hash FROM audit AS p WHERE p.seq < NEW.seq
			 ORDER BY p.seq DESC LIMIT 1)) AS seal))
	WHERE seq = NEW.seq;
END;

-- A new consent that grants what the one it replaces granted takes nothing
-- down: the takedown trigger now says so before it joins the school's
-- channels, as it did for every row of an import of consents already held
-- (a third of an imported consent's work).  Its body is schema 001's.
DROP TRIGGER consent_replaced_raises_takedowns;
CREATE TRIGGER consent_replaced_raises_takedowns
AFTER INSERT ON consent
WHEN NEW.withdrawn_on IS NULL
 AND EXISTS (SELECT 1 FROM (
	SELECT c.uses FROM consent AS c
	WHERE c.pupil = NEW.pupil AND c.id <> NEW.id
	  AND c.received_on <= NEW.received_on
	  AND (c.withdrawn_on IS NULL OR c.withdrawn_on > NEW.received_on)
	  AND (c.expires_on IS NULL OR c.expires_on >= NEW.received_on)
	ORDER BY c.received_on DESC, c.rowid DESC LIMIT 1) AS replaced
	WHERE replaced.uses IS NOT NEW.uses)
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
