-- smreg schema, version 21: one trigram index for every register's filter
-- (issue 16.3; src/core/search.c).
--
-- search_doc holds each row's search text: its title, each field, the
-- title of each record it refers to, joined by char(31).  Its id is the
-- register's number (its place in smreg's descriptors) times 2^40, plus
-- the row's rowid, so one register's rows are one range of ids.  No
-- trigger keeps it: a filter first brings it up to date from the audit
-- trail, whose rows after search_state.seq name each record written since
-- (search_catch_up), and every migration rebuilds it (search_rebuild).
-- One table and one index, so every command's schema grows by a few
-- hundred bytes, not by a table and three triggers per register.
CREATE TABLE search_doc (
	id INTEGER PRIMARY KEY,
	doc TEXT NOT NULL
) STRICT;

-- detail=none: the index says which rows hold each trigram, and the text
-- itself says whether a row holds what was typed.
CREATE VIRTUAL TABLE search USING fts5(doc, content='search_doc', content_rowid='id',
	tokenize='trigram', detail='none', columnsize=0);

-- The last audit row the index has taken in.
CREATE TABLE search_state (
	only INTEGER PRIMARY KEY CHECK (only = 1),
	seq INTEGER NOT NULL
) STRICT;
INSERT INTO search_state (only, seq) VALUES (1, 0);
