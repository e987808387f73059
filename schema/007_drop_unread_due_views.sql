-- smreg schema, version 7: the views due and due_all go.
--
-- smreg reads each rule view on its own (SQLite plans some of them far
-- worse inside the union), as the rules table in src/core/due.c lists
-- them; nothing has read the union since.  A view nobody reads is one
-- more list of the rules to keep in step.

DROP VIEW due;
DROP VIEW due_all;
