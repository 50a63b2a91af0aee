package io.mlwb.modelcard;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.audit.AuditLog;
import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import io.mlwb.tracking.registry.ModelRef;
import io.mlwb.tracking.registry.ModelRegistry;
import io.mlwb.tracking.registry.ModelVersion;
import io.mlwb.vcs.Author;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Review comments on a model card, each anchored to one of its level-2 sections (and, optionally, an excerpt of it),
 * kept in the catalog ({@code card_comment}, migration V010) and audited ({@code card.comment},
 * {@code card.comment_reply}, {@code card.comment_resolve}). The catalog stays writable while the project is open for
 * review at a tag, so reviewers comment on the version they read.
 *
 * <p>Threads are flat: a reply to a reply answers the thread's first comment; resolving any comment of a thread
 * resolves the thread. A comment whose section is no longer in the card is listed as {@linkplain Comment#orphaned()
 * orphaned}, never dropped. Open comments (unresolved threads) on the version the card describes block its approval
 * unless the approver says otherwise ({@link CardService#decide(String, boolean, String, Author, boolean)}).
 */
public final class CardComments {
    private final Catalog catalog;
    private final CardService cards;
    private final ModelRegistry registry;
    private final Clock clock;

    /**
     * @param catalog the project's catalog
     * @param cards   reads the cards comments are anchored to
     * @param registry resolves the versions cards describe
     * @param clock    stamps comments and resolutions
     */
    public CardComments(Catalog catalog, CardService cards, ModelRegistry registry, Clock clock) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.cards = Objects.requireNonNull(cards, "cards");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * One comment.
     *
     * @param id             its id, what {@code mlwb card resolve-comment} takes
     * @param model          the model whose card it is on
     * @param version        the version the card described when it was made ({@code NAME@N})
     * @param sectionKey     the section's key ({@code metric} for "Metrics": lower case, letters and digits, no
     *                       trailing s)
     * @param sectionHeading the section's heading as it was written when the comment was made
     * @param quote          the excerpt of the section it is about, or null
     * @param author         who wrote it, "Name &lt;email&gt;"
     * @param text           what it says
     * @param replyTo        the thread's first comment, or null for a first comment
     * @param createdAt      when it was made
     * @param resolvedBy     who resolved its thread, or null while open
     * @param resolvedAt     when, or null
     * @param orphaned       whether its section is no longer in the card it was listed against
     * @param quoteFound     whether its excerpt is still in that section (true when it has none)
     */
    public record Comment(long id, String model, String version, String sectionKey, String sectionHeading,
                          String quote, String author, String text, Long replyTo, Instant createdAt,
                          String resolvedBy, Instant resolvedAt, boolean orphaned, boolean quoteFound) {
        /** @return whether its thread is unresolved */
        public boolean open() {
            return resolvedAt == null;
        }

        /** @return whether it starts a thread */
        public boolean root() {
            return replyTo == null;
        }

        /** @return the JSON {@code mlwb card comments --json} prints for it (docs/cli.md) */
        public ObjectNode toJson() {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            o.put("id", id);
            o.put("model", model);
            o.put("version", version);
            o.put("section", sectionKey);
            o.put("heading", sectionHeading);
            o.put("quote", quote);
            o.put("author", author);
            o.put("text", text);
            if (replyTo == null) {
                o.putNull("reply_to");
            } else {
                o.put("reply_to", replyTo);
            }
            o.put("created_at", createdAt.toString());
            o.put("open", open());
            o.put("resolved_by", resolvedBy);
            o.put("resolved_at", resolvedAt == null ? null : resolvedAt.toString());
            o.put("orphaned", orphaned);
            o.put("quote_found", quoteFound);
            return o;
        }
    }

    /**
     * Comments on a section of a model's card, on the version the card describes.
     *
     * @param model   the model
     * @param section the section: its heading ("Metrics") or key ("metric"), matched as {@link CardSection#of} does
     * @param quote   an excerpt of the section the comment is about, or null; it must be in the section
     * @param text    the comment
     * @param who     the author (git identity)
     * @return the comment
     * @throws UserError (exit 2) when the card does not exist, has no such section, the excerpt is not in it, or the
     *                   text is blank
     */
    public Comment add(String model, String section, String quote, String text, Author who) {
        return add(model, cards.read(model), section, quote, text, who);
    }

    /**
     * Comments on a section of a given text of the card (the card at a tag, in review mode).
     *
     * @param model   the model
     * @param doc     the card as the reviewer reads it
     * @param section the section's heading or key
     * @param quote   an excerpt of the section, or null
     * @param text    the comment
     * @param who     the author
     * @return the comment
     * @throws UserError (exit 2) as {@link #add(String, String, String, String, Author)}
     */
    public Comment add(String model, CardDocument doc, String section, String quote, String text, Author who) {
        requireText(text);
        if (section == null || section.isBlank()) {
            throw new UserError("A comment needs the section it is about.", "Name it with --section, e.g. --section "
                    + "Metrics; the card's sections: " + headings(doc) + ".", ExitCode.BAD_INPUT, null);
        }
        String key = CardSection.key(section);
        CardDocument.Section s = doc.sections().stream().filter(x -> CardSection.key(x.heading()).equals(key))
                .findFirst().orElseThrow(() -> new UserError(doc.file() + " has no section '" + section.strip()
                        + "'.", "Use one of its sections: " + headings(doc) + ".", ExitCode.BAD_INPUT, null));
        String q = quote == null || quote.isBlank() ? null : quote.strip();
        if (q != null && !normalize(s.body()).contains(normalize(q))) {
            throw new UserError("The excerpt \"" + shorten(q) + "\" is not in the section " + s.heading() + " of "
                    + doc.file() + ".", "Quote the card's words exactly, or leave --quote out.", ExitCode.BAD_INPUT,
                    null);
        }
        ModelVersion v = version(model, doc);
        long id = catalog.inTransaction("record a comment on the card of " + v.ref(), c -> {
            long newId = insert(c, model, v, key, s.heading(), q, text.strip(), null, doc.contentHash(), who);
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("comment", newId);
            d.put("section", s.heading());
            d.put("quote", q);
            d.put("text", text.strip());
            new AuditLog(catalog).append(c, CardService.who(who), "card.comment", "model_version", v.ref(), d);
            return newId;
        });
        return get(id, doc);
    }

    /**
     * Replies to a comment; the reply joins the thread of the comment answered (a reply to a reply answers the
     * thread's first comment) and is anchored to the same section.
     *
     * @param replyTo the comment answered
     * @param text    the reply
     * @param who     the author
     * @return the reply
     * @throws UserError (exit 2) when there is no such comment or the text is blank
     */
    public Comment reply(long replyTo, String text, Author who) {
        requireText(text);
        Comment parent = get(replyTo, null);
        long root = parent.replyTo() == null ? parent.id() : parent.replyTo();
        Comment first = parent.replyTo() == null ? parent : get(root, null);
        long id = catalog.inTransaction("record a reply to comment " + root, c -> {
            long newId;
            try (PreparedStatement st = c.prepareStatement("INSERT INTO card_comment(model, model_version_id, "
                    + "version_ref, section_key, section_heading, quote, author, author_email, body, reply_to, "
                    + "card_sha256, created_at, resolved_by, resolved_at) SELECT model, model_version_id, version_ref, "
                    + "section_key, section_heading, NULL, ?, ?, ?, id, card_sha256, ?, resolved_by, resolved_at "
                    + "FROM card_comment WHERE id = ?", Statement.RETURN_GENERATED_KEYS)) {
                st.setString(1, CardService.who(who));
                st.setString(2, who.email());
                st.setString(3, text.strip());
                st.setLong(4, clock.millis());
                st.setLong(5, root);
                st.executeUpdate();
                try (ResultSet keys = st.getGeneratedKeys()) {
                    keys.next();
                    newId = keys.getLong(1);
                }
            }
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("comment", newId);
            d.put("reply_to", root);
            d.put("section", first.sectionHeading());
            d.put("text", text.strip());
            new AuditLog(catalog).append(c, CardService.who(who), "card.comment_reply", "model_version",
                    first.version(), d);
            return newId;
        });
        return get(id, null);
    }

    /**
     * Resolves a comment's thread (its first comment and every reply).
     *
     * @param id  any comment of the thread
     * @param who who resolves it
     * @return the thread's first comment, resolved
     * @throws UserError (exit 2) when there is no such comment; exit 1 when the thread is already resolved
     */
    public Comment resolve(long id, Author who) {
        Comment c0 = get(id, null);
        long root = c0.replyTo() == null ? c0.id() : c0.replyTo();
        Comment first = c0.replyTo() == null ? c0 : get(root, null);
        if (!first.open()) {
            throw new UserError("Comment " + root + " is already resolved (by " + first.resolvedBy() + ", "
                    + first.resolvedAt() + ").", "Nothing to do; reply to it to say more.", ExitCode.CHECK_FAILED,
                    null);
        }
        catalog.inTransaction("resolve comment " + root, c -> {
            try (PreparedStatement st = c.prepareStatement("UPDATE card_comment SET resolved_by = ?, resolved_at = ? "
                    + "WHERE (id = ? OR reply_to = ?) AND resolved_at IS NULL")) {
                st.setString(1, CardService.who(who));
                st.setLong(2, clock.millis());
                st.setLong(3, root);
                st.setLong(4, root);
                st.executeUpdate();
            }
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("comment", root);
            d.put("section", first.sectionHeading());
            new AuditLog(catalog).append(c, CardService.who(who), "card.comment_resolve", "model_version",
                    first.version(), d);
            return null;
        });
        return get(root, null);
    }

    /**
     * A model's comments, thread by thread (each first comment followed by its replies, oldest first), checked
     * against the card as it is in the project.
     *
     * @param model    the model
     * @param openOnly only unresolved threads
     * @return the comments; every one is listed against the card file now (orphaned when its section is gone, and
     *         all of them when the card file is gone)
     */
    public List<Comment> list(String model, boolean openOnly) {
        ModelRef.parse(model);
        CardDocument doc;
        try {
            doc = cards.read(model);
        } catch (UserError e) {
            doc = null;
        }
        return list(model, doc, openOnly);
    }

    /**
     * A model's comments checked against a given text of its card (the card at a tag, in review mode).
     *
     * @param model    the model
     * @param doc      the card the comments are shown with, or null (every comment is then orphaned)
     * @param openOnly only unresolved threads
     * @return the comments, thread by thread
     */
    public List<Comment> list(String model, CardDocument doc, boolean openOnly) {
        List<Comment> all = catalog.read("read the comments on " + model + "'s card", c -> {
            List<Comment> out = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement(SELECT + " WHERE model = ? "
                    + (openOnly ? "AND resolved_at IS NULL " : "") + "ORDER BY coalesce(reply_to, id), id")) {
                st.setString(1, model);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(anchored(row(rs), doc));
                    }
                }
            }
            return out;
        });
        return all;
    }

    /**
     * The unresolved threads on the card of one version: what blocks its approval.
     *
     * @param model   the model
     * @param version the version ({@code NAME@N})
     * @return the threads' first comments, listed against the card file now
     */
    public List<Comment> openOn(String model, String version) {
        return list(model, true).stream().filter(c -> c.root() && c.version().equals(version)).toList();
    }

    /**
     * @param id a comment's id
     * @param doc the card to check its section against, or null for the card file now
     * @return the comment
     * @throws UserError (exit 2) when there is no such comment
     */
    public Comment get(long id, CardDocument doc) {
        Comment c = catalog.read("read comment " + id, conn -> {
            try (PreparedStatement st = conn.prepareStatement(SELECT + " WHERE id = ?")) {
                st.setLong(1, id);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? row(rs) : null;
                }
            }
        });
        if (c == null) {
            throw new UserError("There is no comment " + id + ".", "List them with `mlwb card comments NAME`.",
                    ExitCode.BAD_INPUT, null);
        }
        CardDocument against = doc;
        if (against == null) {
            try {
                against = cards.read(c.model());
            } catch (UserError e) {
                against = null;
            }
        }
        return anchored(c, against);
    }

    /** @return one line per comment, how the evidence page and {@code mlwb card check} show open comments */
    public static String describe(List<Comment> comments) {
        return comments.stream().map(c -> "#" + c.id() + " [" + c.sectionHeading() + (c.orphaned() ? ", orphaned"
                : "") + "] " + c.author() + ": " + c.text() + (c.quote() == null ? "" : " (on \"" + shorten(c.quote())
                + "\")")).collect(Collectors.joining("\n"));
    }

    // ---------------------------------------------------------------- internals

    private static final String SELECT = "SELECT id, model, version_ref, section_key, section_heading, quote, author, "
            + "body, reply_to, created_at, resolved_by, resolved_at FROM card_comment";

    private static Comment row(ResultSet rs) throws SQLException {
        long reply = rs.getLong(9);
        Long replyTo = rs.wasNull() ? null : reply;
        long resolved = rs.getLong(12);
        Instant resolvedAt = rs.wasNull() ? null : Instant.ofEpochMilli(resolved);
        return new Comment(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), replyTo, Instant.ofEpochMilli(rs.getLong(10)),
                rs.getString(11), resolvedAt, false, true);
    }

    /** The comment with orphaned and quoteFound computed against {@code doc} (null: no card, so orphaned). */
    private static Comment anchored(Comment c, CardDocument doc) {
        CardDocument.Section s = doc == null ? null : doc.sections().stream()
                .filter(x -> CardSection.key(x.heading()).equals(c.sectionKey())).findFirst().orElse(null);
        boolean found = c.quote() == null || (s != null && normalize(s.body()).contains(normalize(c.quote())));
        return new Comment(c.id(), c.model(), c.version(), c.sectionKey(), c.sectionHeading(), c.quote(), c.author(),
                c.text(), c.replyTo(), c.createdAt(), c.resolvedBy(), c.resolvedAt(), s == null, found);
    }

    private long insert(Connection c, String model, ModelVersion v, String key, String heading, String quote,
                        String text, Long replyTo, String hash, Author who) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO card_comment(model, model_version_id, version_ref, "
                + "section_key, section_heading, quote, author, author_email, body, reply_to, card_sha256, created_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            st.setString(1, model);
            st.setLong(2, v.id());
            st.setString(3, v.ref());
            st.setString(4, key);
            st.setString(5, heading);
            st.setString(6, quote);
            st.setString(7, CardService.who(who));
            st.setString(8, who.email());
            st.setString(9, text);
            if (replyTo == null) {
                st.setNull(10, Types.INTEGER);
            } else {
                st.setLong(10, replyTo);
            }
            st.setString(11, hash);
            st.setLong(12, clock.millis());
            st.executeUpdate();
            try (ResultSet keys = st.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /** The version the card describes ({@code mlwb.version} in its front matter). */
    private ModelVersion version(String model, CardDocument doc) {
        int n = doc.mlwb().path("version").asInt(0);
        if (n < 1) {
            throw new UserError(doc.file() + " names no model version (mlwb.version in its front matter).",
                    "Add `mlwb: {model: " + model + ", version: N}` to the front matter.");
        }
        return registry.resolve(new ModelRef(model, n, null));
    }

    private static void requireText(String text) {
        if (text == null || text.isBlank()) {
            throw new UserError("The comment is empty.", "Say what you mean with --text TEXT.", ExitCode.BAD_INPUT,
                    null);
        }
    }

    private static String headings(CardDocument doc) {
        return doc.sections().isEmpty() ? "(none)" : doc.sections().stream().map(CardDocument.Section::heading)
                .collect(Collectors.joining(", "));
    }

    /** Blanks collapse and case is ignored, so an excerpt copied across a line break still matches. */
    private static String normalize(String s) {
        return s.replaceAll("\\s+", " ").strip().toLowerCase(java.util.Locale.ROOT);
    }

    private static String shorten(String s) {
        String one = s.replaceAll("\\s+", " ").strip();
        return one.length() <= 60 ? one : one.substring(0, 57) + "...";
    }
}
