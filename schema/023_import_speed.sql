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
