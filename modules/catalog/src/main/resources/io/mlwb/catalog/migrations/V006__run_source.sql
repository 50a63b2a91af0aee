-- Provenance of runs imported from other tracking tools (mlwb runs import). A run of mlwb itself has no row.
-- (kind, path, source_id) is unique, so importing the same source again finds what is already there.

CREATE TABLE run_source (
    run_id      INTEGER PRIMARY KEY REFERENCES run(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN ('mlflow', 'tensorboard', 'dvclive')),
    source_id   TEXT NOT NULL,               -- MLflow run id, TensorBoard log-dir path, DVCLive folder
    path        TEXT NOT NULL,               -- the imported store, log dir or folder (absolute, normalized)
    imported_at INTEGER NOT NULL DEFAULT (CAST(strftime('%s', 'now') AS INTEGER) * 1000 + CAST(substr(strftime('%f', 'now'), 4) AS INTEGER)),
    UNIQUE (kind, path, source_id)
);
