-- smreg schema, version 25: each register's count of current records,
-- kept with the due views' rows (issue 16), so the dashboard's heading
-- reads some fifteen stored numbers instead of counting every register
-- (300,000 actions at a trust of fifty schools) each time it starts.
--
-- due_cache.c stores them in the same transaction and under the same key
-- (due_cache_key) as the views' rows, from the very statement store.c
-- counts with (store_total_sql), so stored and counted cannot disagree.
-- They are whole-register counts: store_total uses them only for a user
-- who may count the whole register (CAN_COUNT), never for one who counts
-- only their own.

CREATE TABLE due_cache_count (
	register TEXT PRIMARY KEY,
	current INTEGER NOT NULL
);
