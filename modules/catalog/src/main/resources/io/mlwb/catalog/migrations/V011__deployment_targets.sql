-- V011: deployments of every target (issue 14, io.mlwb.deploy.DeploymentService).
--
-- V001's deployment table allowed neither the 'kubernetes' target nor the rollouts the deploy wizard and
-- `mlwb deploy` offer ('all-at-once', and 'rollback' for a deployment that restores a previous version), and had no
-- room for the endpoint name, the resolved configuration and who generated it. SQLite cannot change a CHECK
-- constraint in place, so the table is rebuilt: the old one is renamed first (that rewrites the self reference of
-- previous_deployment_id and keeps FK actions away from the copy), the new one is filled from it, then the old one is
-- dropped with its triggers and indexes, which are made again below. Old 'direct' rows stay 'direct'.

ALTER TABLE deployment RENAME TO deployment_v001;

CREATE TABLE deployment (
    id                     INTEGER PRIMARY KEY,
    model_version_id       INTEGER NOT NULL REFERENCES model_version(id) ON DELETE RESTRICT,
    target                 TEXT NOT NULL
                           CHECK (target IN ('local', 'sagemaker', 'vertex', 'azureml', 'kubernetes', 'kserve')),
    strategy               TEXT NOT NULL DEFAULT 'all-at-once'
                           CHECK (strategy IN ('direct', 'all-at-once', 'canary', 'blue-green', 'a-b', 'rollback')),
    traffic_split          TEXT,             -- JSON: {"<model_version_id>": percent, ...}
    status                 TEXT NOT NULL DEFAULT 'planned'
                           CHECK (status IN ('planned', 'generated', 'deployed', 'rolled_back', 'failed', 'retired')),
    artifact_path          TEXT,             -- generated files, relative to the project root
    commit_sha             TEXT,             -- the commit holding the generated artifacts
    previous_deployment_id INTEGER REFERENCES deployment(id) ON DELETE SET NULL,  -- what a rollback returns to
    created_at             INTEGER NOT NULL DEFAULT (CAST(strftime('%s', 'now') AS INTEGER) * 1000 + CAST(substr(strftime('%f', 'now'), 4) AS INTEGER)),
    updated_at             INTEGER NOT NULL DEFAULT (CAST(strftime('%s', 'now') AS INTEGER) * 1000 + CAST(substr(strftime('%f', 'now'), 4) AS INTEGER)),
    endpoint               TEXT,             -- the endpoint / service name on the target
    config                 TEXT,             -- JSON: the resolved deployment configuration (instance type, replicas...)
    created_by             TEXT              -- who generated it
);

INSERT INTO deployment(id, model_version_id, target, strategy, traffic_split, status, artifact_path, commit_sha,
                       previous_deployment_id, created_at, updated_at)
SELECT id, model_version_id, target, strategy, traffic_split, status, artifact_path, commit_sha,
       previous_deployment_id, created_at, updated_at
FROM deployment_v001;

DROP TABLE deployment_v001;

CREATE INDEX deployment_model_version ON deployment(model_version_id);
CREATE INDEX deployment_status ON deployment(status);
CREATE INDEX deployment_previous ON deployment(previous_deployment_id);

CREATE TRIGGER change_log_deployment_insert AFTER INSERT ON deployment
BEGIN
    INSERT INTO change_log(kind, entity_id, detail, at)
    VALUES ('deployment', NEW.id, NULL,
            CAST(strftime('%s', 'now') AS INTEGER) * 1000 + CAST(substr(strftime('%f', 'now'), 4) AS INTEGER));
END;

CREATE TRIGGER change_log_deployment_update AFTER UPDATE ON deployment
BEGIN
    INSERT INTO change_log(kind, entity_id, detail, at)
    VALUES ('deployment', NEW.id, NULL,
            CAST(strftime('%s', 'now') AS INTEGER) * 1000 + CAST(substr(strftime('%f', 'now'), 4) AS INTEGER));
END;

CREATE TRIGGER change_log_deployment_delete AFTER DELETE ON deployment
BEGIN
    INSERT INTO change_log(kind, entity_id, detail, at)
    VALUES ('deployment', OLD.id, NULL,
            CAST(strftime('%s', 'now') AS INTEGER) * 1000 + CAST(substr(strftime('%f', 'now'), 4) AS INTEGER));
END;
