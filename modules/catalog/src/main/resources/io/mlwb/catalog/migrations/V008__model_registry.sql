-- V008: the model registry (io.mlwb.tracking.registry.ModelRegistry).
--
-- A model version records who registered it, an optional description, the input/output signature of its model
-- artifact (JSON, the artifact's signature.json) that the next version is checked against, and its retirement:
-- when, why, and which version replaces it. A retired version keeps its row, stage 'archived', its lineage and its
-- git tag: it stays traceable. Changes to models, versions and aliases appear as change-log kind 'model' (entity:
-- the model's id) so the registry pane refreshes when the CLI registers or retires a version.

ALTER TABLE model ADD COLUMN created_by TEXT;

ALTER TABLE model_version ADD COLUMN description TEXT;
ALTER TABLE model_version ADD COLUMN created_by TEXT;
ALTER TABLE model_version ADD COLUMN signature TEXT;
ALTER TABLE model_version ADD COLUMN retired_at INTEGER;
ALTER TABLE model_version ADD COLUMN retire_rationale TEXT;
ALTER TABLE model_version ADD COLUMN successor_version_id INTEGER REFERENCES model_version(id) ON DELETE SET NULL;
ALTER TABLE model_version ADD COLUMN stage_changed_at INTEGER;

CREATE INDEX IF NOT EXISTS model_version_successor ON model_version(successor_version_id);

CREATE TRIGGER change_log_model_insert AFTER INSERT ON model
BEGIN
    INSERT INTO change_log(kind, entity_id, detail, at)
    VALUES ('model', NEW.id, NEW.name,
            CAST(strftime('%s', 'now') AS INTEGER) * 1000 + CAST(substr(strftime('%f', 'now'), 4) AS INTEGER));
END;

CREATE TRIGGER change_log_model_update AFTER UPDATE ON model
BEGIN
    INSERT INTO change_log(kind, entity_id, detail, at)
    VALUES ('model', NEW.id, NEW.name,
            CAST(strftime('%s', 'now') AS INTEGER) * 1000 + CAST(substr(strftime('%f', 'now'), 4) AS INTEGER));
END;

CREATE TRIGGER change_log_model_version_insert AFTER INSERT ON model_version
BEGIN
    INSERT INTO change_log(kind, entity_id, detail, at)
    VALUES ('model', NEW.model_id, NULL,
            CAST(strftime('%s', 'now') AS INTEGER) * 1000 + CAST(substr(strftime('%f', 'now'), 4) AS INTEGER));
END;

CREATE TRIGGER change_log_model_version_update AFTER UPDATE ON model_version
BEGIN
    INSERT INTO change_log(kind, entity_id, detail, at)
    VALUES ('model', NEW.model_id, NULL,
            CAST(strftime('%s', 'now') AS INTEGER) * 1000 + CAST(substr(strftime('%f', 'now'), 4) AS INTEGER));
END;

CREATE TRIGGER change_log_model_alias_insert AFTER INSERT ON model_alias
BEGIN
    INSERT INTO change_log(kind, entity_id, detail, at)
    VALUES ('model', NEW.model_id, NEW.alias,
            CAST(strftime('%s', 'now') AS INTEGER) * 1000 + CAST(substr(strftime('%f', 'now'), 4) AS INTEGER));
END;

CREATE TRIGGER change_log_model_alias_update AFTER UPDATE ON model_alias
BEGIN
    INSERT INTO change_log(kind, entity_id, detail, at)
    VALUES ('model', NEW.model_id, NEW.alias,
            CAST(strftime('%s', 'now') AS INTEGER) * 1000 + CAST(substr(strftime('%f', 'now'), 4) AS INTEGER));
END;

CREATE TRIGGER change_log_model_alias_delete AFTER DELETE ON model_alias
BEGIN
    INSERT INTO change_log(kind, entity_id, detail, at)
    VALUES ('model', OLD.model_id, OLD.alias,
            CAST(strftime('%s', 'now') AS INTEGER) * 1000 + CAST(substr(strftime('%f', 'now'), 4) AS INTEGER));
END;
