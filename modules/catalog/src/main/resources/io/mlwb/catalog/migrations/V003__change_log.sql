-- V003: the change log behind catalog change events (io.mlwb.catalog.events, decision 0004).
--
-- Triggers append one row per change to the tables listeners care about, so every writer (this process, the CLI,
-- another window) produces rows without calling anything. A watcher in each process polls PRAGMA data_version and
-- reads the rows after its cursor. seq is a plain rowid (no AUTOINCREMENT): pruning never deletes the newest row,
-- so seq only grows and stays contiguous, and a gap after a reader's cursor means rows were pruned before it read
-- them. Times are epoch milliseconds, as everywhere in the catalog.

CREATE TABLE change_log (
    seq       INTEGER PRIMARY KEY,
    kind      TEXT    NOT NULL,      -- profile, run_created, run_updated, run_deleted, metrics, card, deployment, audit
    entity_id INTEGER,               -- the profile, run, card, deployment id or the audit seq
    detail    TEXT,                  -- profile: dataset name; metrics: metric name; audit: action
    at        INTEGER NOT NULL
);

-- ---------------------------------------------------------------- profiles

CREATE TRIGGER change_log_profile_insert AFTER INSERT ON profile
BEGIN
    INSERT INTO change_log(kind, entity_id, detail, at)
    VALUES ('profile', NEW.id,
            (SELECT d.name FROM dataset_version v JOIN dataset d ON d.id = v.dataset_id WHERE v.id = NEW.dataset_version_id),
            CAST(strftime('%s', 'now') AS INTEGER) * 1000 + CAST(substr(strftime('%f', 'now'), 4) AS INTEGER));
END;

-- ---------------------------------------------------------------- runs (a tag or param change updates the run)

CREATE TRIGGER change_log_run_insert AFTER INSERT ON run
BEGIN
    INSERT INTO change_log(kind, entity_id, detail, at)
    VALUES ('run_created', NEW.id, NULL,
            CAST(strftime('%s', 'now') AS INTEGER) * 1000 + CAST(substr(strftime('%f', 'now'), 4) AS INTEGER));
END;

CREATE TRIGGER change_log_run_update AFTER UPDATE ON run
BEGIN
    INSERT INTO change_log(kind, entity_id, detail, at)
    VALUES ('run_updated', NEW.id, NULL,
            CAST(strftime('%s', 'now') AS INTEGER) * 1000 + CAST(substr(strftime('%f', 'now'), 4) AS INTEGER));
END;

CREATE TRIGGER change_log_run_delete AFTER DELETE ON run
BEGIN
    INSERT INTO change_log(kind, entity_id, detail, at)
    VALUES ('run_deleted', OLD.id, NULL,
            CAST(strftime('%s', 'now') AS INTEGER) * 1000 + CAST(substr(strftime('%f', 'now'), 4) AS INTEGER));
END;

CREATE TRIGGER change_log_run_tag_insert AFTER INSERT ON run_tag
BEGIN
    INSERT INTO change_log(kind, entity_id, detail, at)
    VALUES ('run_updated', NEW.run_id, NULL,
            CAST(strftime('%s', 'now') AS INTEGER) * 1000 + CAST(substr(strftime('%f', 'now'), 4) AS INTEGER));
END;

CREATE TRIGGER change_log_run_tag_update AFTER UPDATE ON run_tag
BEGIN
    INSERT INTO change_log(kind, entity_id, detail, at)
    VALUES ('run_updated', NEW.run_id, NULL,
            CAST(strftime('%s', 'now') AS INTEGER) * 1000 + CAST(substr(strftime('%f', 'now'), 4) AS INTEGER));
END;

CREATE TRIGGER change_log_run_tag_delete AFTER DELETE ON run_tag
BEGIN
    INSERT INTO change_log(kind, entity_id, detail, at)
    SELECT 'run_updated', OLD.run_id, NULL,
           CAST(strftime('%s', 'now') AS INTEGER) * 1000 + CAST(substr(strftime('%f', 'now'), 4) AS INTEGER)
    WHERE EXISTS (SELECT 1 FROM run WHERE id = OLD.run_id);   -- not when the run itself is being deleted
END;

CREATE TRIGGER change_log_run_param_insert AFTER INSERT ON run_param
BEGIN
    INSERT INTO change_log(kind, entity_id, detail, at)
    VALUES ('run_updated', NEW.run_id, NULL,
            CAST(strftime('%s', 'now') AS INTEGER) * 1000 + CAST(substr(strftime('%f', 'now'), 4) AS INTEGER));
END;

CREATE TRIGGER change_log_run_param_update AFTER UPDATE ON run_param
BEGIN
    INSERT INTO change_log(kind, entity_id, detail, at)
    VALUES ('run_updated', NEW.run_id, NULL,
            CAST(strftime('%s', 'now') AS INTEGER) * 1000 + CAST(substr(strftime('%f', 'now'), 4) AS INTEGER));
END;

-- ---------------------------------------------------------------- metrics: one row per block written or extended

CREATE TRIGGER change_log_metric_block_insert AFTER INSERT ON metric_block
BEGIN
    INSERT INTO change_log(kind, entity_id, detail, at)
    SELECT 'metrics', k.run_id, k.name,
           CAST(strftime('%s', 'now') AS INTEGER) * 1000 + CAST(substr(strftime('%f', 'now'), 4) AS INTEGER)
    FROM metric_key k WHERE k.id = NEW.key_id;
END;

CREATE TRIGGER change_log_metric_block_update AFTER UPDATE OF payload ON metric_block
BEGIN
    INSERT INTO change_log(kind, entity_id, detail, at)
    SELECT 'metrics', k.run_id, k.name,
           CAST(strftime('%s', 'now') AS INTEGER) * 1000 + CAST(substr(strftime('%f', 'now'), 4) AS INTEGER)
    FROM metric_key k WHERE k.id = NEW.key_id;
END;

-- ---------------------------------------------------------------- model cards and deployments

CREATE TRIGGER change_log_model_card_insert AFTER INSERT ON model_card
BEGIN
    INSERT INTO change_log(kind, entity_id, detail, at)
    VALUES ('card', NEW.id, NULL,
            CAST(strftime('%s', 'now') AS INTEGER) * 1000 + CAST(substr(strftime('%f', 'now'), 4) AS INTEGER));
END;

CREATE TRIGGER change_log_model_card_update AFTER UPDATE ON model_card
BEGIN
    INSERT INTO change_log(kind, entity_id, detail, at)
    VALUES ('card', NEW.id, NULL,
            CAST(strftime('%s', 'now') AS INTEGER) * 1000 + CAST(substr(strftime('%f', 'now'), 4) AS INTEGER));
END;

CREATE TRIGGER change_log_model_card_delete AFTER DELETE ON model_card
BEGIN
    INSERT INTO change_log(kind, entity_id, detail, at)
    VALUES ('card', OLD.id, NULL,
            CAST(strftime('%s', 'now') AS INTEGER) * 1000 + CAST(substr(strftime('%f', 'now'), 4) AS INTEGER));
END;

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

-- ---------------------------------------------------------------- audit

CREATE TRIGGER change_log_audit_insert AFTER INSERT ON audit_log
BEGIN
    INSERT INTO change_log(kind, entity_id, detail, at)
    VALUES ('audit', NEW.seq, NEW.action,
            CAST(strftime('%s', 'now') AS INTEGER) * 1000 + CAST(substr(strftime('%f', 'now'), 4) AS INTEGER));
END;
