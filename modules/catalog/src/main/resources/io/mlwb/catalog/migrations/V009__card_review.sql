-- V009: the model card review workflow (io.mlwb.modelcard.CardService).
--
-- An approval records the SHA-256 of the card's bytes and the model version it approved, so a changed card or model
-- is visibly no longer approved; approvers are git identities (name and e-mail). A card in review remembers the hash
-- it was submitted with: an edit during review is noticed. "Changes requested" is a decision (approval.decision); the
-- card returns to draft.

ALTER TABLE approval ADD COLUMN content_hash TEXT;
ALTER TABLE approval ADD COLUMN approver_email TEXT;
ALTER TABLE approval ADD COLUMN model_version_id INTEGER REFERENCES model_version(id) ON DELETE SET NULL;

ALTER TABLE model_card ADD COLUMN submitted_hash TEXT;
ALTER TABLE model_card ADD COLUMN author_email TEXT;

CREATE TRIGGER change_log_approval_insert AFTER INSERT ON approval
BEGIN
    INSERT INTO change_log(kind, entity_id, detail, at)
    VALUES ('card', NEW.model_card_id, NULL,
            CAST(strftime('%s', 'now') AS INTEGER) * 1000 + CAST(substr(strftime('%f', 'now'), 4) AS INTEGER));
END;
