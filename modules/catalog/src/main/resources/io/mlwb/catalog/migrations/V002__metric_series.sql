-- Metric series: one key per (run, name, kind); points packed into blocks; the latest point per key kept
-- apart so the runs table never reads a series. Layout and payload format: io.mlwb.catalog.metrics.package-info.
CREATE TABLE metric_key (
    id     INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE,
    name   TEXT    NOT NULL,
    kind   TEXT    NOT NULL CHECK (kind IN ('train', 'eval', 'system')),
    UNIQUE (run_id, name, kind)
);

-- A rowid table, not WITHOUT ROWID: rows carry blobs of up to ~45 KB, and SQLite advises WITHOUT ROWID only
-- for small rows. payload is the last column so queries on the other columns never touch its overflow pages.
CREATE TABLE metric_block (
    key_id     INTEGER NOT NULL REFERENCES metric_key(id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL,
    first_step INTEGER NOT NULL,
    last_step  INTEGER NOT NULL,
    n          INTEGER NOT NULL,
    min_value  REAL,
    max_value  REAL,
    payload    BLOB    NOT NULL,
    PRIMARY KEY (key_id, seq)
);

-- value is NULL when the latest value is NaN (SQLite stores NaN as NULL).
CREATE TABLE metric_latest (
    key_id INTEGER PRIMARY KEY REFERENCES metric_key(id) ON DELETE CASCADE,
    step   INTEGER NOT NULL,
    value  REAL,
    time   INTEGER NOT NULL
);
