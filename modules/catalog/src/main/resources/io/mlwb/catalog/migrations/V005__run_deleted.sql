-- V005: soft delete of runs (issue 11). A deleted run keeps every row (params, metrics, artifacts, audit) and is
-- hidden from lists unless asked for; restoring clears the mark. NULL = not deleted; otherwise when it was deleted
-- (ms since the epoch).

ALTER TABLE run ADD COLUMN deleted_at INTEGER;
CREATE INDEX run_deleted ON run(deleted_at);
