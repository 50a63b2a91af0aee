-- V001: the catalog schema for the whole product (roadmap items 1-8), except the metric tables (V002).
--
-- Conventions: INTEGER PRIMARY KEY ids; times are INTEGER epoch milliseconds (UTC); JSON is TEXT;
-- flags are INTEGER 0/1. ON DELETE rules: CASCADE where a row only describes its parent (a run's params),
-- RESTRICT where deleting would erase provenance someone relied on (a registered model's run, an approved
-- card), SET NULL for optional context. One project per catalog, so there is no project table.

CREATE TABLE catalog_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

INSERT INTO catalog_meta(key, value)
VALUES ('created_at', CAST(strftime('%s', 'now') AS INTEGER) * 1000 + CAST(substr(strftime('%f', 'now'), 4) AS INTEGER));

-- ---------------------------------------------------------------- datasets

CREATE TABLE dataset (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    description TEXT,
    created_at  INTEGER NOT NULL DEFAULT (CAST(strftime('%s', 'now') AS INTEGER) * 1000 + CAST(substr(strftime('%f', 'now'), 4) AS INTEGER))
);

-- One row per distinct content of a dataset file (by sha256), so profiles and runs point at exact bytes.
CREATE TABLE dataset_version (
    id           INTEGER PRIMARY KEY,
    dataset_id   INTEGER NOT NULL REFERENCES dataset(id) ON DELETE CASCADE,
    version_no   INTEGER NOT NULL,
    path         TEXT NOT NULL,              -- relative to the project root
    sha256       TEXT NOT NULL,
    git_blob_id  TEXT,                       -- null while the file is not committed
    commit_sha   TEXT,
    size_bytes   INTEGER NOT NULL CHECK (size_bytes >= 0),
    row_count    INTEGER,
    column_count INTEGER,
    created_at   INTEGER NOT NULL DEFAULT (CAST(strftime('%s', 'now') AS INTEGER) * 1000 + CAST(substr(strftime('%f', 'now'), 4) AS INTEGER)),
    UNIQUE (dataset_id, version_no),
    UNIQUE (dataset_id, sha256)
);
CREATE INDEX dataset_version_sha256 ON dataset_version(sha256);
CREATE INDEX dataset_version_blob ON dataset_version(git_blob_id);

CREATE TABLE profile (
    id                 INTEGER PRIMARY KEY,
    dataset_version_id INTEGER NOT NULL REFERENCES dataset_version(id) ON DELETE CASCADE,
    payload            TEXT NOT NULL,        -- JSON: per-column statistics
    approximate        INTEGER NOT NULL DEFAULT 0 CHECK (approximate IN (0, 1)),
    created_at         INTEGER NOT NULL DEFAULT (CAST(strftime('%s', 'now') AS INTEGER) * 1000 + CAST(substr(strftime('%f', 'now'), 4) AS INTEGER))
);
CREATE INDEX profile_dataset_version ON profile(dataset_version_id, created_at);

CREATE TABLE quality_check (
    id                 INTEGER PRIMARY KEY,
    dataset_version_id INTEGER NOT NULL REFERENCES dataset_version(id) ON DELETE CASCADE,
    profile_id         INTEGER REFERENCES profile(id) ON DELETE SET NULL,
    rule               TEXT NOT NULL,        -- the rule as written in mlwb.yaml
    status             TEXT NOT NULL CHECK (status IN ('passed', 'failed', 'warning', 'error')),
    details            TEXT,                 -- JSON
    created_at         INTEGER NOT NULL DEFAULT (CAST(strftime('%s', 'now') AS INTEGER) * 1000 + CAST(substr(strftime('%f', 'now'), 4) AS INTEGER))
);
CREATE INDEX quality_check_dataset_version ON quality_check(dataset_version_id);

-- Approved schemas: later versions are compared against the latest approved one.
CREATE TABLE schema_snapshot (
    id                 INTEGER PRIMARY KEY,
    dataset_id         INTEGER NOT NULL REFERENCES dataset(id) ON DELETE CASCADE,
    dataset_version_id INTEGER REFERENCES dataset_version(id) ON DELETE SET NULL,
    schema_json        TEXT NOT NULL,
    approved_by        TEXT,
    approved_at        INTEGER,
    created_at         INTEGER NOT NULL DEFAULT (CAST(strftime('%s', 'now') AS INTEGER) * 1000 + CAST(substr(strftime('%f', 'now'), 4) AS INTEGER))
);
CREATE INDEX schema_snapshot_dataset ON schema_snapshot(dataset_id, created_at);

-- ---------------------------------------------------------------- experiments and runs

CREATE TABLE experiment (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    description TEXT,
    created_at  INTEGER NOT NULL DEFAULT (CAST(strftime('%s', 'now') AS INTEGER) * 1000 + CAST(substr(strftime('%f', 'now'), 4) AS INTEGER))
);

-- Everything but name is nullable or defaulted: a run is created first and filled in as it starts.
CREATE TABLE run (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL,
    experiment_id INTEGER REFERENCES experiment(id) ON DELETE SET NULL,
    parent_run_id INTEGER REFERENCES run(id) ON DELETE CASCADE,  -- sweep children go with their sweep
    status        TEXT NOT NULL DEFAULT 'created'
                  CHECK (status IN ('created', 'running', 'paused', 'finished', 'failed', 'stopped')),
    source        TEXT NOT NULL DEFAULT 'mlwb',   -- 'mlwb', or the store it was imported from (mlflow, ...)
    commit_sha    TEXT,
    dirty         INTEGER CHECK (dirty IN (0, 1)),
    dirty_diff    TEXT,
    seed          INTEGER,
    spec          TEXT,                  -- JSON: the training spec as run
    versions      TEXT,                  -- JSON: library and runtime versions
    hardware      TEXT,                  -- JSON: CPU, GPU, memory
    started_at    INTEGER,
    ended_at      INTEGER,
    cost_usd      REAL,
    created_at    INTEGER NOT NULL DEFAULT (CAST(strftime('%s', 'now') AS INTEGER) * 1000 + CAST(substr(strftime('%f', 'now'), 4) AS INTEGER))
);
CREATE INDEX run_experiment ON run(experiment_id);
CREATE INDEX run_parent ON run(parent_run_id);
CREATE INDEX run_status ON run(status);
CREATE INDEX run_created ON run(created_at);
CREATE INDEX run_commit ON run(commit_sha);

-- The data fingerprints of a run: which exact dataset versions it read, and in which role.
-- RESTRICT: a dataset version a run used must not vanish from under it.
CREATE TABLE run_dataset (
    run_id             INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE,
    dataset_version_id INTEGER NOT NULL REFERENCES dataset_version(id) ON DELETE RESTRICT,
    role               TEXT NOT NULL,        -- train, validation, test, reference, ...
    PRIMARY KEY (run_id, dataset_version_id, role)
) WITHOUT ROWID;
CREATE INDEX run_dataset_version ON run_dataset(dataset_version_id);

CREATE TABLE run_param (
    run_id INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE,
    key    TEXT NOT NULL,
    value  TEXT,
    PRIMARY KEY (run_id, key)
) WITHOUT ROWID;
CREATE INDEX run_param_key ON run_param(key, value);

-- Key/value like MLflow tags; a plain label has a null value.
CREATE TABLE run_tag (
    run_id INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE,
    key    TEXT NOT NULL,
    value  TEXT,
    PRIMARY KEY (run_id, key)
) WITHOUT ROWID;
CREATE INDEX run_tag_key ON run_tag(key, value);

CREATE TABLE artifact (
    id         INTEGER PRIMARY KEY,
    run_id     INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,                -- model, report, plot, predictions, ...
    path       TEXT NOT NULL,
    sha256     TEXT,
    size_bytes INTEGER,
    created_at INTEGER NOT NULL DEFAULT (CAST(strftime('%s', 'now') AS INTEGER) * 1000 + CAST(substr(strftime('%f', 'now'), 4) AS INTEGER)),
    UNIQUE (run_id, path)
);
CREATE INDEX artifact_sha256 ON artifact(sha256);

CREATE TABLE checkpoint (
    id         INTEGER PRIMARY KEY,
    run_id     INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE,
    epoch      INTEGER,
    step       INTEGER,
    path       TEXT NOT NULL,
    sha256     TEXT,
    metrics    TEXT,                         -- JSON: metric values at this point
    created_at INTEGER NOT NULL DEFAULT (CAST(strftime('%s', 'now') AS INTEGER) * 1000 + CAST(substr(strftime('%f', 'now'), 4) AS INTEGER))
);
CREATE INDEX checkpoint_run ON checkpoint(run_id, step);

-- Lineage from raw file to deployment. Ids are TEXT because nodes include git objects (blob ids, commits)
-- as well as catalog rows. Kinds: file, commit, dataset_version, profile, run, artifact, model_version,
-- model_card, drift_report, deployment.
CREATE TABLE lineage_edge (
    id         INTEGER PRIMARY KEY,
    from_kind  TEXT NOT NULL,
    from_id    TEXT NOT NULL,
    to_kind    TEXT NOT NULL,
    to_id      TEXT NOT NULL,
    relation   TEXT NOT NULL,                -- read, produced, derived_from, registered_as, deployed_as, ...
    created_at INTEGER NOT NULL DEFAULT (CAST(strftime('%s', 'now') AS INTEGER) * 1000 + CAST(substr(strftime('%f', 'now'), 4) AS INTEGER)),
    UNIQUE (from_kind, from_id, to_kind, to_id, relation)
);
CREATE INDEX lineage_edge_to ON lineage_edge(to_kind, to_id);

-- ---------------------------------------------------------------- models and governance

CREATE TABLE model (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    description TEXT,
    created_at  INTEGER NOT NULL DEFAULT (CAST(strftime('%s', 'now') AS INTEGER) * 1000 + CAST(substr(strftime('%f', 'now'), 4) AS INTEGER))
);

CREATE TABLE model_version (
    id          INTEGER PRIMARY KEY,
    model_id    INTEGER NOT NULL REFERENCES model(id) ON DELETE CASCADE,
    version     INTEGER NOT NULL,
    run_id      INTEGER REFERENCES run(id) ON DELETE RESTRICT,
    artifact_id INTEGER REFERENCES artifact(id) ON DELETE RESTRICT,
    stage       TEXT NOT NULL DEFAULT 'none' CHECK (stage IN ('none', 'staging', 'production', 'archived')),
    git_tag     TEXT,
    created_at  INTEGER NOT NULL DEFAULT (CAST(strftime('%s', 'now') AS INTEGER) * 1000 + CAST(substr(strftime('%f', 'now'), 4) AS INTEGER)),
    UNIQUE (model_id, version)
);
CREATE INDEX model_version_run ON model_version(run_id);
CREATE INDEX model_version_artifact ON model_version(artifact_id);

CREATE TABLE model_alias (
    model_id         INTEGER NOT NULL REFERENCES model(id) ON DELETE CASCADE,
    alias            TEXT NOT NULL,          -- champion, challenger, ...
    model_version_id INTEGER NOT NULL REFERENCES model_version(id) ON DELETE CASCADE,
    updated_at       INTEGER NOT NULL DEFAULT (CAST(strftime('%s', 'now') AS INTEGER) * 1000 + CAST(substr(strftime('%f', 'now'), 4) AS INTEGER)),
    PRIMARY KEY (model_id, alias)
) WITHOUT ROWID;
CREATE INDEX model_alias_version ON model_alias(model_version_id);

-- RESTRICT: a model version with a card cannot be deleted; the card is the governance record.
CREATE TABLE model_card (
    id               INTEGER PRIMARY KEY,
    model_version_id INTEGER NOT NULL UNIQUE REFERENCES model_version(id) ON DELETE RESTRICT,
    front_matter     TEXT NOT NULL DEFAULT '{}',  -- JSON of the Hugging Face YAML front matter
    markdown         TEXT NOT NULL DEFAULT '',
    status           TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'review', 'approved')),
    risk_tier        TEXT CHECK (risk_tier IN ('low', 'medium', 'high')),
    author           TEXT,
    path             TEXT,                        -- the card file in the repository
    created_at       INTEGER NOT NULL DEFAULT (CAST(strftime('%s', 'now') AS INTEGER) * 1000 + CAST(substr(strftime('%f', 'now'), 4) AS INTEGER)),
    updated_at       INTEGER NOT NULL DEFAULT (CAST(strftime('%s', 'now') AS INTEGER) * 1000 + CAST(substr(strftime('%f', 'now'), 4) AS INTEGER))
);
CREATE INDEX model_card_status ON model_card(status);

CREATE TABLE approval (
    id            INTEGER PRIMARY KEY,
    model_card_id INTEGER NOT NULL REFERENCES model_card(id) ON DELETE RESTRICT,
    approver      TEXT NOT NULL,
    decision      TEXT NOT NULL CHECK (decision IN ('approved', 'rejected', 'changes_requested')),
    comment       TEXT,
    decided_at    INTEGER NOT NULL DEFAULT (CAST(strftime('%s', 'now') AS INTEGER) * 1000 + CAST(substr(strftime('%f', 'now'), 4) AS INTEGER))
);
CREATE INDEX approval_card ON approval(model_card_id);

-- ---------------------------------------------------------------- drift and deployment

CREATE TABLE drift_report (
    id                   INTEGER PRIMARY KEY,
    reference_version_id INTEGER NOT NULL REFERENCES dataset_version(id) ON DELETE RESTRICT,
    current_version_id   INTEGER NOT NULL REFERENCES dataset_version(id) ON DELETE RESTRICT,
    model_version_id     INTEGER REFERENCES model_version(id) ON DELETE SET NULL,
    report               TEXT NOT NULL,      -- JSON: per-column tests and statistics
    drifted              INTEGER NOT NULL CHECK (drifted IN (0, 1)),
    created_at           INTEGER NOT NULL DEFAULT (CAST(strftime('%s', 'now') AS INTEGER) * 1000 + CAST(substr(strftime('%f', 'now'), 4) AS INTEGER))
);
CREATE INDEX drift_report_reference ON drift_report(reference_version_id);
CREATE INDEX drift_report_current ON drift_report(current_version_id);

CREATE TABLE deployment (
    id                     INTEGER PRIMARY KEY,
    model_version_id       INTEGER NOT NULL REFERENCES model_version(id) ON DELETE RESTRICT,
    target                 TEXT NOT NULL CHECK (target IN ('local', 'sagemaker', 'vertex', 'azureml', 'kserve')),
    strategy               TEXT NOT NULL DEFAULT 'direct'
                           CHECK (strategy IN ('direct', 'canary', 'blue-green', 'a-b')),
    traffic_split          TEXT,             -- JSON: {"<model_version_id>": percent, ...}
    status                 TEXT NOT NULL DEFAULT 'planned'
                           CHECK (status IN ('planned', 'generated', 'deployed', 'rolled_back', 'failed', 'retired')),
    artifact_path          TEXT,             -- generated files, relative to the project root
    commit_sha             TEXT,             -- the commit holding the generated artifacts
    previous_deployment_id INTEGER REFERENCES deployment(id) ON DELETE SET NULL,  -- what a rollback returns to
    created_at             INTEGER NOT NULL DEFAULT (CAST(strftime('%s', 'now') AS INTEGER) * 1000 + CAST(substr(strftime('%f', 'now'), 4) AS INTEGER)),
    updated_at             INTEGER NOT NULL DEFAULT (CAST(strftime('%s', 'now') AS INTEGER) * 1000 + CAST(substr(strftime('%f', 'now'), 4) AS INTEGER))
);
CREATE INDEX deployment_model_version ON deployment(model_version_id);
CREATE INDEX deployment_status ON deployment(status);

-- ---------------------------------------------------------------- audit

-- Append-only and hash-chained (see io.mlwb.catalog.audit.AuditLog). seq is assigned by the writer, not
-- by AUTOINCREMENT, so a deleted row shows as a gap. No foreign keys: entries outlive what they describe.
CREATE TABLE audit_log (
    seq       INTEGER PRIMARY KEY,
    time      INTEGER NOT NULL,
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id TEXT,
    details   TEXT NOT NULL,                 -- canonical JSON: keys sorted, no whitespace
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL UNIQUE
);
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);
CREATE INDEX audit_log_time ON audit_log(time);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
