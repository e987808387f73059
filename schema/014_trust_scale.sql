-- smreg schema, version 14: imports at trust scale (issue 16.5).

-- Which posts show which pupil, kept by triggers from post.pupils, so that
-- a new consent finds the posts showing its pupil through an index.  The
-- view post_pupil expands every post's list to find them: at a trust's 400
-- posts that was most of the cost of importing consents.  It holds ids
-- only, and goes with its post.
CREATE TABLE post_pupil_link (
	pupil TEXT NOT NULL,
	post TEXT NOT NULL,
	PRIMARY KEY (pupil, post)
) STRICT, WITHOUT ROWID;
CREATE INDEX post_pupil_link_post ON post_pupil_link (post);

INSERT OR IGNORE INTO post_pupil_link (pupil, post)
SELECT j.value, po.id
FROM post AS po, json_each('["' || replace(po.pupils, ';', '","') || '"]') AS j
WHERE po.pupils IS NOT NULL;

CREATE TRIGGER post_pupil_link_insert AFTER INSERT ON post
WHEN NEW.pupils IS NOT NULL
BEGIN
	INSERT OR IGNORE INTO post_pupil_link (pupil, post)
	SELECT j.value, NEW.id FROM json_each('["' || replace(NEW.pupils, ';', '","') || '"]') AS j;
END;

CREATE TRIGGER post_pupil_link_update AFTER UPDATE OF id, pupils ON post
BEGIN
	DELETE FROM post_pupil_link WHERE post = OLD.id;
	INSERT OR IGNORE INTO post_pupil_link (pupil, post)
	SELECT j.value, NEW.id FROM json_each('["' || replace(NEW.pupils, ';', '","') || '"]') AS j
	WHERE NEW.pupils IS NOT NULL;
END;

CREATE TRIGGER post_pupil_link_delete AFTER DELETE ON post
BEGIN
	DELETE FROM post_pupil_link WHERE post = OLD.id;
END;

-- As in version 13, but only for a pupil some post shows, and only over
-- the posts that show them.
DROP TRIGGER consent_replaced_reaches_posts;
CREATE TRIGGER consent_replaced_reaches_posts
AFTER INSERT ON consent
WHEN NEW.withdrawn_on IS NULL
 AND EXISTS (SELECT 1 FROM post_pupil_link AS l WHERE l.pupil = NEW.pupil)
BEGIN
	INSERT INTO takedown (id, pupil, channel, post, raised_on, note)
	SELECT smreg_uuid(), pp.pupil, pp.channel, pp.post, NEW.received_on,
		'replaced by a consent that does not cover it'
	FROM post_pupil AS pp
	WHERE pp.pupil = NEW.pupil
	  AND pp.post IN (SELECT l.post FROM post_pupil_link AS l WHERE l.pupil = NEW.pupil)
	  AND NOT (instr(';' || coalesce(NEW.uses, '') || ';', ';' || pp.use || ';') > 0
		   AND (pp.named = 0 OR instr(';' || coalesce(NEW.uses, '') || ';', ';name_with_photo;') > 0))
	  -- Only a post the consent it replaces covered: a first consent takes
	  -- nothing down.
	  AND EXISTS (SELECT 1 FROM consent AS c
		WHERE c.pupil = NEW.pupil AND c.id <> NEW.id AND c.received_on <= NEW.received_on
		  AND (c.withdrawn_on IS NULL OR c.withdrawn_on > NEW.received_on)
		  AND (c.expires_on IS NULL OR c.expires_on >= NEW.received_on))
	  AND NOT EXISTS (SELECT 1 FROM takedown AS t WHERE t.post = pp.post AND t.pupil = pp.pupil);
END;
