-- V007: the runs table reads one metric's latest value for every run (io.mlwb.tracking.RunTable), and the column
-- picker counts the runs of each metric name. metric_key's only index starts with run_id, so both scanned the whole
-- table (1,000,000 rows for 10,000 runs x 100 metrics: 50 ms a column, measured by the runs-table benchmark).
-- IF NOT EXISTS: a catalog may have met this file under another number while V007 was being written on a branch.

CREATE INDEX IF NOT EXISTS metric_key_name ON metric_key(name, run_id);
