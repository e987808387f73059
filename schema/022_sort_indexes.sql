-- smreg schema, version 22: a list sorted by any column reads its first
-- page from an index, not from a sort of the whole register (issue 16.4).
--
-- A sort by a reference walks the referred register in its title's order
-- and, for each record, the rows referring to it by the reference's index
-- (store.c, reference_sort_rows).  Every title but a contact report's is a column
-- or an expression of its own row, which the referred register's indexes
-- serve.  A report's title names its pupil from the pupil register, and no
-- index may read another table: contact_title keeps each report's title,
-- kept by triggers, as an index of the title (record.c, title_table; a unit
-- test holds it to the descriptor's title_sql).  It holds nothing a list of
-- the reports does not show, and goes with its report.
CREATE TABLE contact_title (
	id TEXT PRIMARY KEY REFERENCES contact (id) ON DELETE CASCADE ON UPDATE CASCADE,
	title TEXT
) STRICT, WITHOUT ROWID;
CREATE INDEX contact_title_title ON contact_title (title);

INSERT INTO contact_title (id, title)
SELECT c.id, coalesce((SELECT p.name FROM pupil AS p WHERE p.id = c.pupil), c.pupil_name) ||
	', ' || replace(c.category, '_', ' ') || ', ' || strftime('%d/%m/%Y', c.reported_on)
FROM contact AS c;

CREATE TRIGGER contact_title_insert AFTER INSERT ON contact
BEGIN
	INSERT OR REPLACE INTO contact_title (id, title)
	VALUES (NEW.id, coalesce((SELECT p.name FROM pupil AS p WHERE p.id = NEW.pupil), NEW.pupil_name) ||
		', ' || replace(NEW.category, '_', ' ') || ', ' || strftime('%d/%m/%Y', NEW.reported_on));
END;

CREATE TRIGGER contact_title_update AFTER UPDATE OF pupil, pupil_name, category, reported_on ON contact
BEGIN
	UPDATE contact_title
	SET title = coalesce((SELECT p.name FROM pupil AS p WHERE p.id = NEW.pupil), NEW.pupil_name) ||
		', ' || replace(NEW.category, '_', ' ') || ', ' || strftime('%d/%m/%Y', NEW.reported_on)
	WHERE id = NEW.id;
END;

CREATE TRIGGER contact_title_pupil AFTER UPDATE OF name ON pupil
BEGIN
	UPDATE contact_title
	SET title = NEW.name || (SELECT ', ' || replace(c.category, '_', ' ') || ', ' ||
				 strftime('%d/%m/%Y', c.reported_on) FROM contact AS c WHERE c.id = contact_title.id)
	WHERE id IN (SELECT c.id FROM contact AS c WHERE c.pupil = NEW.id);
END;

-- The actions' listed columns that had no index (by and the report have
-- theirs): a sort by one is a walk along it.  A note is free text, so its
-- index is the largest (24 MB at scale 50, beside the actions' 65 MB), but
-- the DSL's chronologies are the register a sort must not make wait.
CREATE INDEX action_kind ON action (kind);
CREATE INDEX action_time ON action (time);
CREATE INDEX action_note ON action (note);

-- The DSL's current reports by date, oldest first: the walk along
-- contact_reported_on passed ten years of closed reports before the first
-- open one (0.4 s).  The open ones alone, as the list asks for them
-- (store.c: NOT coalesce(ended, 0), record.c's ended_sql for a report).
CREATE INDEX contact_open_reported_on ON contact (reported_on) WHERE NOT coalesce(status = 'closed', 0);
