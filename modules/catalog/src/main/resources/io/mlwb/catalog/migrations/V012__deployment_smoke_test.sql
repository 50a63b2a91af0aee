-- Smoke tests of deployments (issue 14): the inference server started on loopback with a version's artifact,
-- speaking a target's contract, sent the version's test set; whether its predictions equal the run's recorded test
-- predictions, and the latency and throughput measured. `mlwb deploy cost` and the wizard take the newest
-- throughput of a version from here.
CREATE TABLE deployment_smoke_test (
    id                 INTEGER PRIMARY KEY,
    deployment_id      INTEGER REFERENCES deployment(id) ON DELETE SET NULL,  -- null: a version tested before any deployment
    model_version_id   INTEGER NOT NULL REFERENCES model_version(id) ON DELETE CASCADE,
    target             TEXT NOT NULL
                       CHECK (target IN ('local', 'sagemaker', 'vertex', 'azureml', 'kubernetes', 'kserve')),
    matched            INTEGER NOT NULL CHECK (matched IN (0, 1)),
    rows_checked       INTEGER NOT NULL CHECK (rows_checked >= 0),
    mismatches         INTEGER NOT NULL CHECK (mismatches >= 0),
    max_abs_diff       REAL,
    health_ms          REAL,
    latency_p50_ms     REAL,
    latency_p95_ms     REAL,
    latency_p99_ms     REAL,
    throughput_rps     REAL,
    requests           INTEGER NOT NULL DEFAULT 0,
    cores              INTEGER,                  -- of the machine it was measured on (the cost estimate scales by it)
    details            TEXT,                     -- JSON: routes, first mismatching rows, tolerance
    created_by         TEXT NOT NULL,
    created_at         INTEGER NOT NULL DEFAULT (CAST(strftime('%s', 'now') AS INTEGER) * 1000 + CAST(substr(strftime('%f', 'now'), 4) AS INTEGER))
);
CREATE INDEX deployment_smoke_test_deployment ON deployment_smoke_test(deployment_id);
CREATE INDEX deployment_smoke_test_version ON deployment_smoke_test(model_version_id);

-- a smoke test is news about its deployment: open deployment panes refresh
CREATE TRIGGER change_log_deployment_smoke_test_insert AFTER INSERT ON deployment_smoke_test
BEGIN
    INSERT INTO change_log(kind, entity_id, detail, at)
    VALUES ('deployment', NEW.deployment_id, 'smoke_test',
            CAST(strftime('%s', 'now') AS INTEGER) * 1000 + CAST(substr(strftime('%f', 'now'), 4) AS INTEGER));
END;
