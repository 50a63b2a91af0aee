-- V010: comments on a model card, anchored to one of its sections (io.mlwb.modelcard.CardComments).
--
-- A comment names the section by its key (the heading lower-cased without punctuation, as CardSection.key makes it)
-- and keeps the heading as written, so a comment whose section later disappears from the card is still shown, as
-- "orphaned", never lost. quote is an optional excerpt of the section the comment is about. A reply points at the
-- comment it answers (reply_to); a thread is resolved on its first comment (resolved_by/resolved_at). Authors and
-- resolvers are git identities ("Name <email>"). Every insert and resolve is audited by the service.

CREATE TABLE card_comment (
    id               INTEGER PRIMARY KEY,
    model            TEXT    NOT NULL,
    model_version_id INTEGER REFERENCES model_version(id) ON DELETE SET NULL,
    version_ref      TEXT    NOT NULL,               -- NAME@N the card described when the comment was made
    section_key      TEXT    NOT NULL,
    section_heading  TEXT    NOT NULL,
    quote            TEXT,
    author           TEXT    NOT NULL,
    author_email     TEXT    NOT NULL,
    body             TEXT    NOT NULL,
    reply_to         INTEGER REFERENCES card_comment(id) ON DELETE CASCADE,
    card_sha256      TEXT,                           -- the card's bytes the comment was made on
    created_at       INTEGER NOT NULL,
    resolved_by      TEXT,
    resolved_at      INTEGER
);
CREATE INDEX card_comment_model ON card_comment(model, id);
CREATE INDEX card_comment_reply ON card_comment(reply_to);

CREATE TRIGGER change_log_card_comment_insert AFTER INSERT ON card_comment
BEGIN
    INSERT INTO change_log(kind, entity_id, detail, at)
    VALUES ('card', (SELECT id FROM model_card WHERE model_version_id = NEW.model_version_id), 'comment',
            CAST(strftime('%s', 'now') AS INTEGER) * 1000 + CAST(substr(strftime('%f', 'now'), 4) AS INTEGER));
END;

CREATE TRIGGER change_log_card_comment_update AFTER UPDATE ON card_comment
BEGIN
    INSERT INTO change_log(kind, entity_id, detail, at)
    VALUES ('card', (SELECT id FROM model_card WHERE model_version_id = NEW.model_version_id), 'comment',
            CAST(strftime('%s', 'now') AS INTEGER) * 1000 + CAST(substr(strftime('%f', 'now'), 4) AS INTEGER));
END;
