package io.mlwb.modelcard;

import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.audit.AuditLog;
import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import io.mlwb.core.project.Project;
import io.mlwb.core.project.RiskTier;
import io.mlwb.tracking.registry.ModelRef;
import io.mlwb.tracking.registry.ModelRegistry;
import io.mlwb.tracking.registry.ModelVersion;
import io.mlwb.vcs.Author;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Model cards: one Markdown file per model, {@code model-cards/<model>.md}, describing a registered version, recorded
 * in the catalog ({@code model_card}, one row per version) and audited. The CLI ({@code mlwb card}) and the card
 * editor pane both call this class.
 */
public final class CardService {
    /** Where cards live, relative to the project root. */
    public static final String FOLDER = "model-cards";

    private final Catalog catalog;
    private final Project project;
    private final ModelRegistry registry;
    private final String revision;

    /**
     * @param catalog the project's catalog
     * @param project the project
     */
    public CardService(Catalog catalog, Project project) {
        this(catalog, project, null);
    }

    private CardService(Catalog catalog, Project project, String revision) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.project = Objects.requireNonNull(project, "project");
        this.registry = ModelRegistry.of(catalog, project);
        this.revision = revision;
    }

    /**
     * The cards of a project open for review at a revision ({@code mlwb open --review}): they are read, checked,
     * exported and bundled, and reviewers comment on them ({@link #comments()}), but nothing edits a card or its review
     * state. {@link #state} reports an approval that no longer holds for the revision's bytes as a draft without
     * recording it (the project's own card may still be approved), and {@link #create}, {@link #save}, {@link #fill},
     * {@link #submit} and {@link #decide} refuse with a {@link UserError} naming the revision.
     *
     * @param catalog  the project's catalog
     * @param project  the project as it is at the revision (its root: the revision's files)
     * @param revision the revision, e.g. {@code model/credit/v1}
     * @return the service
     */
    public static CardService atRevision(Catalog catalog, Project project, String revision) {
        return new CardService(catalog, project, Objects.requireNonNull(revision, "revision"));
    }

    /** @return the revision this service reads the cards at, read-only ({@link #atRevision}); empty for the work tree */
    public java.util.Optional<String> revision() {
        return java.util.Optional.ofNullable(revision);
    }

    private void writable(String what) {
        if (revision != null) {
            throw new UserError("The project is open for review at " + revision + " (read-only): cannot " + what + ".",
                    "Open the project itself (File \u203a Open) to change its cards; comments can be added in review.",
                    ExitCode.BAD_INPUT, null);
        }
    }

    /** @return the review comments on this project's cards (same catalog, same registry) */
    public CardComments comments() {
        return new CardComments(catalog, this, registry, java.time.Clock.systemUTC());
    }

    /**
     * @return the models that have a card file ({@code model-cards/NAME.md}), by name; empty without the folder
     */
    public List<String> cards() {
        Path dir = project.root().resolve(FOLDER);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".md"))
                    .map(n -> n.substring(0, n.length() - 3)).sorted().toList();
        } catch (IOException e) {
            throw new UserError("Cannot list " + FOLDER + ": " + e.getMessage(), "Check the folder.",
                    ExitCode.BAD_INPUT, e);
        }
    }

    /**
     * @param model a model's name
     * @return its card file
     */
    public Path file(String model) {
        return project.root().resolve(FOLDER).resolve(model + ".md");
    }

    /**
     * Writes a new card for a registered version and records it.
     *
     * @param ref    the version ({@code NAME@VERSION} or {@code NAME@ALIAS})
     * @param who    who writes it (git identity)
     * @return the card's file
     * @throws UserError when the version is not registered, the card file exists, or the version already has a card
     */
    public Path create(ModelRef ref, Author who) {
        writable("write a new card");
        String author = who(who);
        ModelVersion v = registry.resolve(ref);
        if (v.retired()) {
            throw new UserError(v.ref() + " is retired; a new card would describe a version out of service.",
                    v.successor() == null ? "Write the card for the version in service."
                            : "Write the card for its successor, " + v.successor() + ".");
        }
        Path file = file(v.model());
        String rel = FOLDER + "/" + v.model() + ".md";
        if (Files.exists(file)) {
            throw new UserError(rel + " already exists.", "Edit it, or `mlwb card fill " + v.model() + "` to update "
                    + "what the catalog knows; delete it first to start over.");
        }
        if (v.cardStatus() != null) {
            throw new UserError(v.ref() + " already has a card (" + v.cardPath() + ", " + v.cardStatus() + ").",
                    "Edit that card.");
        }
        RiskTier tier = tier(null);
        String text = CardTemplate.text(v, project.config(), author, tier);
        CardDocument doc = CardDocument.parse(text, rel);
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UserError("Cannot write " + rel + ": " + e.getMessage(), "Check that the folder is writable.",
                    ExitCode.BAD_INPUT, e);
        }
        try {
            catalog.inTransaction("record the card of " + v.ref(), c -> {
                try (PreparedStatement st = c.prepareStatement("INSERT INTO model_card(model_version_id, front_matter, "
                        + "markdown, status, risk_tier, author, path, author_email) "
                        + "VALUES (?, ?, ?, 'draft', ?, ?, ?, ?)")) {
                    st.setLong(1, v.id());
                    st.setString(2, doc.metadata().toString());
                    st.setString(3, text);
                    st.setString(4, tier.yamlName());
                    st.setString(5, author);
                    st.setString(6, rel);
                    st.setString(7, who.email());
                    st.executeUpdate();
                }
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("path", rel);
                d.put("sha256", doc.contentHash());
                d.put("risk_tier", tier.yamlName());
                if (!project.config().governance().riskTierDeclared()) {
                    d.put("risk_tier_suggested", true); // no risk_tier in mlwb.yaml: the suggestion stood in
                }
                new AuditLog(catalog).append(c, author, "card.create", "model_version", v.ref(), d);
                return null;
            });
        } catch (RuntimeException e) {
            try {
                Files.deleteIfExists(file); // the card and its record come together, or not at all
            } catch (IOException ignored) {
                // the catalog failure is the one to report
            }
            throw e;
        }
        return file;
    }

    /**
     * What a card lacks for its risk tier.
     *
     * @param model    the model
     * @param file     the card's path relative to the project root
     * @param tier     the risk tier checked against
     * @param required the sections required, in card order (titles)
     * @param missing  required sections that are absent or hold only their prompt
     * @param filled   how many required sections are filled
     * @param approvals approvals required at this tier
     * @param unknownHeadings level-2 headings that are none of the known sections (kept, not checked)
     * @param suggested the risk tier suggested from the declared intended use and domain ({@link RiskSuggestion})
     */
    public record Check(String model, String file, RiskTier tier, List<String> required, List<String> missing,
                        int filled, int approvals, List<String> unknownHeadings, RiskSuggestion suggested) {
        /** Copies the lists. */
        public Check {
            required = List.copyOf(required);
            missing = List.copyOf(missing);
            unknownHeadings = List.copyOf(unknownHeadings);
        }

        /** @return the share of required sections filled, 0 to 1 (the completeness meter) */
        public double completeness() {
            return required.isEmpty() ? 1 : (double) filled / required.size();
        }

        /** @return whether every required section is filled */
        public boolean complete() {
            return missing.isEmpty();
        }

        /** @return a warning when the tier checked against is below the suggested one, else null */
        public String tierWarning() {
            return suggested == null || !suggested.above(tier) ? null : "risk tier " + tier.yamlName()
                    + " is below the suggested " + suggested.tier().yamlName() + " (" + String.join("; ",
                    suggested.matches()) + "); raise risk_tier in mlwb.yaml, or say in the card why it is lower";
        }
    }

    /**
     * @param tier a risk tier
     * @return the approvals a card needs at that tier: high two (neither the author), medium one, low none
     */
    public static int approvalsRequired(RiskTier tier) {
        return switch (tier) {
            case HIGH -> 2;
            case MEDIUM -> 1;
            case LOW -> 0;
        };
    }

    /**
     * Checks a card's sections against its risk tier ({@code model_card.required_sections} in mlwb.yaml, when set,
     * replaces the tier's list).
     *
     * @param model the model's name
     * @return what is required and what is missing
     * @throws UserError when the card does not exist or cannot be read
     */
    public Check check(String model) {
        return check(model, read(model));
    }

    /**
     * Checks a card's text as it stands, e.g. unsaved in the editor, like {@link #check(String)} checks the file.
     *
     * @param model the model's name
     * @param doc   the card
     * @return what is required and what is missing
     */
    public Check check(String model, CardDocument doc) {
        String intended = doc.section(CardSection.INTENDED_USE).map(CardDocument.Section::body).orElse(null);
        RiskSuggestion suggested = RiskSuggestion.of(project.config(), intended);
        RiskTier tier = project.config().governance().riskTierDeclared() ? project.config().riskTier()
                : suggested.orDefault();
        List<String> required = new ArrayList<>();
        List<String> configured = project.config().modelCard().requiredSections();
        if (configured.isEmpty()) {
            CardSection.required(tier).forEach(s -> required.add(s.title()));
        } else {
            required.addAll(configured);
        }
        List<String> missing = new ArrayList<>();
        for (String title : required) {
            String key = CardSection.key(title);
            boolean ok = doc.sections().stream().anyMatch(s -> CardSection.key(s.heading()).equals(key) && s.filled());
            if (!ok) {
                missing.add(title);
            }
        }
        List<String> unknown = doc.sections().stream().filter(s -> s.kind().isEmpty()).map(CardDocument.Section::heading)
                .toList();
        return new Check(model, doc.file(), tier, required, missing, required.size() - missing.size(),
                approvalsRequired(tier), unknown, suggested);
    }

    /**
     * @param model a model's name
     * @return its card as written
     * @throws UserError when there is no card or it cannot be read
     */
    public CardDocument read(String model) {
        ModelRef.parse(model); // the name is checked like a model name
        String rel = FOLDER + "/" + model + ".md";
        try {
            return CardDocument.parse(Files.readString(file(model), StandardCharsets.UTF_8), rel);
        } catch (NoSuchFileException e) {
            throw new UserError("There is no card " + rel + ".", "Write one with `mlwb card new " + model
                    + "@VERSION`.", ExitCode.BAD_INPUT, e);
        } catch (IOException e) {
            throw new UserError("Cannot read " + rel + ": " + e.getMessage(), "Check the file.", ExitCode.BAD_INPUT, e);
        }
    }

    /**
     * What {@link #save} did.
     *
     * @param file     the card's file
     * @param written  false when the file already held these bytes (nothing written, nothing audited)
     * @param recorded whether the catalog's copy was updated and the edit audited
     * @param note     why it was not recorded (the model is no longer registered, or the card was not made by
     *                 {@code mlwb card new}), or null
     */
    public record Saved(Path file, boolean written, boolean recorded, String note) {
    }

    /**
     * Writes a card edited by hand (the card editor's Save), atomically, and records the new text in the catalog,
     * audited {@code card.edit}. The file is written even when the model is no longer registered, so that no edit is
     * lost; the result says it was not recorded. An approved card that changed returns to draft when its state is
     * next read ({@link #state}).
     *
     * @param model the model
     * @param text  the card's whole text
     * @param who   who edits it
     * @return what was written and recorded
     * @throws UserError when the text does not parse (front matter named by line and column), or the file is read-only
     *                   or cannot be written; the file is then unchanged
     */
    public Saved save(String model, String text, Author who) {
        writable("save " + FOLDER + "/" + model + ".md");
        ModelRef.parse(model); // the name is checked like a model name
        String rel = FOLDER + "/" + model + ".md";
        CardDocument doc = CardDocument.parse(text, rel);
        Path file = file(model);
        try {
            if (Files.exists(file) && Files.readString(file, StandardCharsets.UTF_8).equals(text)) {
                return new Saved(file, false, false, null);
            }
        } catch (IOException e) {
            // unreadable: try to write it below, which reports what is wrong
        }
        if (Files.exists(file) && readOnly(file)) {
            throw new UserError(rel + " is read-only; the card was not saved.", "Make it writable (chmod u+w " + rel
                    + ") and save again; your edits stay in the editor.", ExitCode.BAD_INPUT, null);
        }
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UserError("Cannot write " + rel + ": " + e.getMessage(), "Check that the folder is writable; "
                    + "your edits stay in the editor.", ExitCode.BAD_INPUT, e);
        }
        Row r;
        try {
            r = row(model, doc);
        } catch (UserError e) {
            return new Saved(file, true, false, e.getMessage());
        }
        catalog.inTransaction("record the edited card of " + r.versionRef(), c -> {
            try (PreparedStatement st = c.prepareStatement("UPDATE model_card SET front_matter = ?, markdown = ?, "
                    + "updated_at = ? WHERE id = ?")) {
                st.setString(1, doc.metadata().toString());
                st.setString(2, text);
                st.setLong(3, System.currentTimeMillis());
                st.setLong(4, r.cardId());
                st.executeUpdate();
            }
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("path", rel);
            d.put("sha256", doc.contentHash());
            new AuditLog(catalog).append(c, who(who), "card.edit", "model_version", r.versionRef(), d);
            return null;
        });
        return new Saved(file, true, true, null);
    }

    /**
     * @param file a file
     * @return whether it is marked read-only: not writable for us, or (POSIX) not writable for its owner, which root
     *         could write anyway but which says that someone meant it not to change
     */
    public static boolean readOnly(Path file) {
        if (!Files.isWritable(file)) {
            return true;
        }
        try {
            return !Files.getPosixFilePermissions(file).contains(java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        } catch (UnsupportedOperationException | IOException e) {
            return false;
        }
    }

    /**
     * Fills a card from the catalog (see {@link CardFill}): model details, training data with fingerprints, metrics,
     * per-group analyses, explainability, monitoring plan, and the front matter's datasets, metrics and
     * {@code model-index}. Marked blocks are replaced on a later fill; hand-written text is kept. Audited
     * {@code card.fill}. Changing an approved card returns it to draft when it is next read.
     *
     * @param model the model
     * @param who   who fills it
     * @return the blocks filled, by key
     */
    public List<String> fill(String model, Author who) {
        writable("fill " + FOLDER + "/" + model + ".md");
        CardDocument doc = read(model);
        Row r = row(model, doc);
        ModelVersion v = registry.resolve(ModelRef.parse(r.versionRef()));
        CardFill.Facts facts = CardFill.facts(v, new io.mlwb.tracking.RunDetails(catalog), project);
        // the monitoring plan says where monitoring stands: the latest drift report of this version
        facts.blocks().merge("monitoring", ReviewEvidence.driftStatus(catalog, v), String::concat);
        // where the version sits in the lineage, and whether a changed input made it stale
        facts.blocks().merge("model-details", lineage(v), String::concat);
        // and the training data's profiles: the evidence that the data was looked at, and which rules it passed
        facts.blocks().computeIfPresent("training-data", (k, table) -> table + "\n"
                + ReviewEvidence.profileStatus(catalog, v));
        SupplyChain chain = new SupplyChain(project);
        facts.blocks().put("licence-review", chain.check(chain.sbom(v)).markdown());
        facts.sections().put("licence-review", CardSection.LICENCE_REVIEW);
        Map.Entry<String, List<String>> out = CardFill.apply(doc, facts);
        CardDocument filled = CardDocument.parse(out.getKey(), doc.file());
        Path file = file(model);
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, out.getKey(), StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UserError("Cannot write " + doc.file() + ": " + e.getMessage(), "Check the file.",
                    ExitCode.BAD_INPUT, e);
        }
        catalog.inTransaction("record the filled card of " + r.versionRef(), c -> {
            try (PreparedStatement st = c.prepareStatement("UPDATE model_card SET front_matter = ?, markdown = ?, "
                    + "updated_at = ? WHERE id = ?")) {
                st.setString(1, filled.metadata().toString());
                st.setString(2, out.getKey());
                st.setLong(3, System.currentTimeMillis());
                st.setLong(4, r.cardId());
                st.executeUpdate();
            }
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("blocks", out.getValue());
            d.put("sha256", filled.contentHash());
            new AuditLog(catalog).append(c, who(who), "card.fill", "model_version", r.versionRef(), d);
            return null;
        });
        return out.getValue();
    }

    /**
     * Exports a card: {@code hf} writes {@code OUT/README.md} (the Hub's metadata rules checked first), {@code mct}
     * writes Model Card Toolkit JSON (schema v0.0.2) to OUT, {@code html} a self-contained page to OUT.
     *
     * @param model  the model
     * @param format hf, mct or html
     * @param out    a folder (hf) or a file
     * @return the file written
     * @throws UserError when the format is unknown, the Hub would refuse the metadata, or the file cannot be written
     */
    public Path export(String model, String format, Path out) {
        String f = CardExport.format(format);
        CardDocument doc = read(model);
        Row r = row(model, doc);
        ModelVersion v = registry.resolve(ModelRef.parse(r.versionRef()));
        Path file = f.equals("hf") ? out.resolve("README.md") : out;
        String text = switch (f) {
            case "hf" -> CardExport.huggingFace(doc);
            case "mct" -> CardExport.modelCardToolkit(doc, v).toPrettyString() + "\n";
            default -> CardExport.html(doc);
        };
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserError("Cannot write " + file + ": " + e.getMessage(), "Check the path.",
                    ExitCode.BAD_INPUT, e);
        }
        return file;
    }

    /**
     * Writes a review bundle of a card (see {@link ReviewBundle}): {@code card.md}, {@code card.html}, the evidence
     * ({@code evidence/evidence.html}: the version, its review state and audit trail, its run's metrics and fairness,
     * the drift reports that monitored it; and the run's {@code evaluation.json} and {@code explanation.json}), signed
     * with the person's key. Audited {@code card.bundle}.
     *
     * @param model   the model
     * @param out     the zip
     * @param who     who signs
     * @param keyFile the signing key (made when missing)
     * @return the signing key's fingerprint
     */
    public String bundle(String model, Path out, Author who, Path keyFile) {
        State st = state(model);
        CardDocument doc = read(model);
        Row r = row(model, doc);
        ModelVersion v = registry.resolve(ModelRef.parse(r.versionRef()));
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("card.md", doc.text().getBytes(StandardCharsets.UTF_8));
        files.put("card.html", CardExport.html(doc).getBytes(StandardCharsets.UTF_8));
        Map<String, String> evidence = new LinkedHashMap<>();
        evidence.put("Model version", v.toJson().toString());
        evidence.put("Review", "status " + st.status() + ", approvals " + st.approvedBy().size() + " of "
                + st.required() + " " + st.approvedBy() + ", card SHA-256 " + st.contentHash()
                + (st.lastDecision() == null ? "" : "\nlast decision: " + st.lastDecision()));
        StringBuilder audit = new StringBuilder();
        catalog.read("read the card's audit trail", c -> {
            try (PreparedStatement q = c.prepareStatement("SELECT seq, time, actor, action, details FROM audit_log "
                    + "WHERE entity = 'model_version' AND entity_id = ? ORDER BY seq")) {
                q.setString(1, v.ref());
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        audit.append('#').append(rs.getLong(1)).append(' ').append(rs.getString(2)).append(' ')
                                .append(rs.getString(3)).append(' ').append(rs.getString(4)).append(' ')
                                .append(rs.getString(5)).append('\n');
                    }
                }
            }
            try (PreparedStatement q = c.prepareStatement("SELECT id, drifted, created_at, report FROM drift_report "
                    + "WHERE model_version_id = ? ORDER BY id")) {
                q.setLong(1, v.id());
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        evidence.put("Drift report " + rs.getLong(1), (rs.getInt(2) == 1 ? "dataset drift" : "no "
                                + "dataset drift") + "\n" + rs.getString(4));
                    }
                }
            }
            return null;
        });
        evidence.put("Audit trail", audit.toString());
        java.util.List<CardComments.Comment> comments = comments().list(model, doc, false);
        java.util.List<CardComments.Comment> open = comments.stream().filter(c -> c.root() && c.open()).toList();
        evidence.put("Open comments (" + open.size() + ")", open.isEmpty() ? "none" : CardComments.describe(open));
        com.fasterxml.jackson.databind.node.ArrayNode commentsJson =
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        comments.forEach(c -> commentsJson.add(c.toJson()));
        files.put("evidence/comments.json", (commentsJson.toPrettyString() + "\n").getBytes(StandardCharsets.UTF_8));
        if (v.runId() != null) {
            for (io.mlwb.catalog.run.RunFiles.Artifact a : new io.mlwb.catalog.run.RunFiles(catalog)
                    .artifacts(v.runId())) {
                if (a.kind().equals("evaluation") || a.kind().equals("explanation")) {
                    try {
                        byte[] bytes = Files.readAllBytes(project.root().resolve(a.path()));
                        files.put("evidence/" + a.kind() + ".json", bytes);
                        if (a.kind().equals("evaluation")) {
                            evidence.put("Run " + v.runId() + " evaluation", new String(bytes, StandardCharsets.UTF_8));
                        }
                    } catch (IOException e) {
                        evidence.put("Run " + v.runId() + " " + a.kind(), "missing: " + a.path());
                    }
                }
            }
        }
        SupplyChain chain = new SupplyChain(project);
        SupplyChain.Sbom sbom = chain.sbom(v);
        SupplyChain.LicenceCheck licences = chain.check(sbom);
        files.put("sbom.json", ReviewBundle.utf8(sbom.json()));
        files.put("licence-check.json", ReviewBundle.utf8(licences.json()));
        evidence.put("Licence check", licences.markdown());
        files.put("evidence/evidence.html", ReviewBundle.page(v.ref() + " — review evidence", evidence));
        Map<String, Object> about = new LinkedHashMap<>();
        about.put("model", v.ref());
        about.put("card", doc.file());
        about.put("card_sha256", doc.contentHash());
        about.put("status", st.status());
        about.put("open_comments", open.size());
        about.put("created", java.time.Instant.now().toString());
        String fingerprint = ReviewBundle.write(out, files, about, who(who), keyFile);
        catalog.inTransaction("audit the bundle of " + v.ref(), c -> {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("file", out.toString());
            d.put("key", fingerprint);
            d.put("sha256", doc.contentHash());
            new AuditLog(catalog).append(c, who(who), "card.bundle", "model_version", v.ref(), d);
            return null;
        });
        return fingerprint;
    }

    /**
     * The version a supply-chain command is about: {@code NAME@VERSION} or {@code NAME@ALIAS} as written; a bare
     * {@code NAME} is the version its card describes, else its latest version.
     *
     * @param target NAME, NAME@VERSION or NAME@ALIAS
     * @return the registered version
     * @throws UserError when the model or version is not registered
     */
    public ModelVersion version(String target) {
        ModelRef ref = ModelRef.parse(target);
        if (ref.pointsAtVersion()) {
            return registry.resolve(ref);
        }
        if (Files.isRegularFile(file(ref.name()))) {
            int version = read(ref.name()).mlwb().path("version").asInt(0);
            if (version > 0) {
                return registry.resolve(new ModelRef(ref.name(), version, null));
            }
        }
        return registry.resolve(new ModelRef(ref.name(), null, ModelRef.LATEST));
    }

    /**
     * The CycloneDX SBOM of a version (see {@link SupplyChain#sbom}).
     *
     * @param target NAME, NAME@VERSION or NAME@ALIAS (see {@link #version})
     * @return the SBOM
     */
    public SupplyChain.Sbom sbom(String target) {
        return new SupplyChain(project).sbom(version(target));
    }

    /**
     * The licence check of a version's SBOM against mlwb.yaml's {@code licences:} policy.
     *
     * @param target NAME, NAME@VERSION or NAME@ALIAS (see {@link #version})
     * @return every library's and dataset's verdict
     */
    public SupplyChain.LicenceCheck licences(String target) {
        SupplyChain chain = new SupplyChain(project);
        return chain.check(chain.sbom(version(target)));
    }

    /**
     * The risk tier cards are held to: {@code risk_tier} from mlwb.yaml when it is written, else the tier suggested
     * from the declared intended use and domain (and the card's Intended use section, when there is a card), medium
     * when nothing there suggests a tier.
     *
     * @param model a model with a card, or null before the card exists
     * @return the tier
     */
    public RiskTier tier(String model) {
        if (project.config().governance().riskTierDeclared()) {
            return project.config().riskTier();
        }
        String intended = null;
        if (model != null && Files.isRegularFile(file(model))) {
            intended = read(model).section(CardSection.INTENDED_USE).map(CardDocument.Section::body).orElse(null);
        }
        return RiskSuggestion.of(project.config(), intended).orDefault();
    }

    /**
     * The evidence for a review of a card: the version its front matter names, with its run, training data, per-group
     * analyses and drift reports, computed from the catalog now (see {@link ReviewEvidence}).
     *
     * @param model the model
     * @return the evidence pages
     * @throws UserError when the card does not exist, names no version, or the version has no card record
     */
    public ReviewEvidence evidence(String model) {
        CardDocument doc = read(model);
        Row r = row(model, doc);
        return ReviewEvidence.of(catalog, project, registry.resolve(ModelRef.parse(r.versionRef())));
    }

    /** @return "Name &lt;email&gt;", how the audit trail and the card name a person */
    public static String who(Author a) {
        return a.name() + " <" + a.email() + ">";
    }

    /**
     * Where a card stands in review.
     *
     * @param model       the model
     * @param version     the version the card describes ({@code NAME@VERSION})
     * @param status      draft, review or approved, as the catalog has it after {@link #state} settled it
     * @param author      who wrote it
     * @param contentHash the card file's SHA-256 now
     * @param approvedBy  the approvers whose approval holds for these bytes and this version
     * @param required    approvals required at the risk tier
     * @param lastDecision the latest decision (approved, changes_requested) with its comment, or null
     * @param check       the sections check
     */
    public record State(String model, String version, String status, String author, String contentHash,
                        List<String> approvedBy, int required, String lastDecision, Check check) {
        /** Copies the list. */
        public State {
            approvedBy = List.copyOf(approvedBy);
        }

        /** @return whether it is approved for the bytes and version it has now */
        public boolean approved() {
            return "approved".equals(status);
        }
    }

    private record Row(long cardId, long versionId, String versionRef, String status, String author,
                       String authorEmail, String submittedHash, boolean retired, String successor) {
    }

    /** The catalog row of the card of the version the file names ({@code mlwb.version}). */
    private Row row(String model, CardDocument doc) {
        int version = doc.mlwb().path("version").asInt(0);
        if (version < 1) {
            throw new UserError(doc.file() + " names no model version (mlwb.version in its front matter).",
                    "Add `mlwb: {model: " + model + ", version: N}` to the front matter, or write the card anew.");
        }
        ModelVersion v = registry.resolve(new ModelRef(model, version, null));
        return catalog.read("read the card of " + v.ref(), c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT id, status, author, author_email, submitted_hash "
                    + "FROM model_card WHERE model_version_id = ?")) {
                st.setLong(1, v.id());
                try (ResultSet rs = st.executeQuery()) {
                    if (!rs.next()) {
                        throw new UserError(v.ref() + " has no card in the catalog (" + doc.file() + " was not made by "
                                + "`mlwb card new`).", "Run `mlwb card new " + v.ref() + "` after moving the file "
                                + "aside, then copy your text in.");
                    }
                    return new Row(rs.getLong(1), v.id(), v.ref(), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), v.retired(), v.successor());
                }
            }
        });
    }

    /** @return the model-details lines on the version's lineage: what it came from, what came from it, staleness */
    private String lineage(ModelVersion v) {
        io.mlwb.tracking.lineage.LineageGraph g;
        try {
            g = new io.mlwb.tracking.lineage.LineageService(catalog, registry).graph("model:" + v.ref(),
                    io.mlwb.tracking.lineage.LineageService.Direction.BOTH, 0);
        } catch (UserError e) {
            return ""; // not in the lineage (yet): nothing to say
        }
        java.util.Set<String> up = new java.util.LinkedHashSet<>();
        java.util.Set<String> down = new java.util.LinkedHashSet<>();
        java.util.Map<String, io.mlwb.tracking.lineage.LineageGraph.Node> byId = new LinkedHashMap<>();
        g.nodes().forEach(n -> byId.put(n.id(), n));
        // upstream: nodes with a path to the root; downstream: reachable from it
        java.util.Deque<String> todo = new java.util.ArrayDeque<>(List.of(g.root()));
        while (!todo.isEmpty()) {
            String at = todo.pop();
            for (io.mlwb.tracking.lineage.LineageGraph.Edge e : g.edges()) {
                if (e.to().equals(at) && up.add(e.from())) {
                    todo.push(e.from());
                }
            }
        }
        todo.push(g.root());
        while (!todo.isEmpty()) {
            String at = todo.pop();
            for (io.mlwb.tracking.lineage.LineageGraph.Edge e : g.edges()) {
                if (e.from().equals(at) && down.add(e.to())) {
                    todo.push(e.to());
                }
            }
        }
        StringBuilder out = new StringBuilder();
        out.append("- Lineage (`mlwb lineage ").append(v.ref()).append("`): from ").append(labels(up, byId, "nothing recorded"))
                .append("; feeds ").append(labels(down, byId, "nothing yet")).append('\n');
        io.mlwb.tracking.lineage.LineageGraph.Node root = byId.get(g.root());
        if (root != null && root.stale()) {
            out.append("- **Stale**: ").append(String.join("; ", root.staleReasons())).append('\n');
        }
        return out.toString();
    }

    private static String labels(java.util.Set<String> ids, java.util.Map<String,
            io.mlwb.tracking.lineage.LineageGraph.Node> byId, String none) {
        List<String> out = new ArrayList<>();
        for (String id : ids) {
            io.mlwb.tracking.lineage.LineageGraph.Node n = byId.get(id);
            if (n != null && !n.kind().equals("card") && !n.kind().equals("artifact")) {
                out.add(n.label().startsWith(n.kind()) ? n.label() : n.kind() + " " + n.label());
            }
        }
        return out.isEmpty() ? none : String.join(", ", out);
    }

    /**
     * The card's review state. An approved card whose bytes changed since the approvals (or whose version is no longer
     * the one approved) returns to draft here, audited {@code card.invalidate}: edit after approval returns it to
     * draft.
     *
     * @param model the model
     * @return where it stands
     */
    public State state(String model) {
        CardDocument doc = read(model);
        Row r = row(model, doc);
        String hash = doc.contentHash();
        int required = approvalsRequired(tier(model));
        List<String> valid = approvers(r, hash);
        String status = r.status();
        String reason = null;
        if ("approved".equals(status) && valid.size() < Math.max(required, 1) && required > 0) {
            reason = "the card changed after it was approved";
        } else if ("approved".equals(status) && required == 0 && !hash.equals(r.submittedHash())) {
            reason = "the card changed after it was approved";
        } else if ("review".equals(status) && r.submittedHash() != null && !hash.equals(r.submittedHash())) {
            // reviewers cannot decide on changed bytes, and only a draft can be submitted again
            reason = "the card changed during review";
        }
        if (reason != null) {
            if (revision == null) {
                settle(r, "draft", "card.invalidate", Map.of("reason", reason, "sha256", hash), "mlwb");
            }
            // at a revision the bytes read are the revision's: they are not approved, but the project's may be
            status = "draft";
        }
        return new State(model, r.versionRef(), status, r.author(), hash, valid, required, lastDecision(r),
                check(model));
    }

    /**
     * Submits a draft for review: every required section must be filled.
     *
     * @param model   the model
     * @param comment a note for the reviewers, or null
     * @param who     who submits
     * @return the new state
     * @throws UserError exit 1 when required sections are missing; exit 2 when it is not a draft
     */
    public State submit(String model, String comment, Author who) {
        writable("submit " + model + "'s card");
        State s = state(model);
        if (!"draft".equals(s.status())) {
            throw new UserError(s.version() + "'s card is " + s.status() + ", not a draft.", "review".equals(
                    s.status()) ? "Wait for the reviewers, or edit it: an edit during review needs a new submit."
                    : "Edit it first: an edit after approval returns it to draft.");
        }
        if (!s.check().complete()) {
            throw new UserError("The card lacks required sections for risk tier " + s.check().tier().yamlName() + ": "
                    + String.join(", ", s.check().missing()) + ".", "Fill them, then submit again.",
                    ExitCode.CHECK_FAILED, null);
        }
        Row r = row(model, read(model));
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("sha256", s.contentHash());
        d.put("comment", comment);
        // a low-risk card needs no approval: submitting it is approving it
        String to = s.required() == 0 ? "approved" : "review";
        catalog.inTransaction("submit the card of " + r.versionRef(), c -> {
            try (PreparedStatement st = c.prepareStatement("UPDATE model_card SET status = ?, submitted_hash = ?, "
                    + "updated_at = ? WHERE id = ?")) {
                st.setString(1, to);
                st.setString(2, s.contentHash());
                st.setLong(3, System.currentTimeMillis());
                st.setLong(4, r.cardId());
                st.executeUpdate();
            }
            new AuditLog(catalog).append(c, who(who), "card.submit", "model_version", r.versionRef(), d);
            return null;
        });
        return state(model);
    }

    /**
     * Records a reviewer's approval or request for changes of the bytes submitted.
     *
     * @param model    the model
     * @param approve  true to approve, false to request changes
     * @param comment  the reviewer's comment, or null (required when requesting changes)
     * @param who      the reviewer (git identity)
     * @return the new state: approved once enough distinct reviewers approved these bytes
     * @throws UserError when approving the card of a retired version, when the card is not in review, changed since
     *                   it was submitted, the reviewer is its author, is not among mlwb.yaml's
     *                   {@code model_card.approvers} (when that list is set), or already approved these bytes (exit 2)
     */
    public State decide(String model, boolean approve, String comment, Author who) {
        return decide(model, approve, comment, who, false);
    }

    /**
     * Records a reviewer's approval or request for changes, as {@link #decide(String, boolean, String, Author)}; an
     * approval is refused (exit 1) while comments on the card's version are open, unless {@code allowOpenComments}
     * (then the audit entry records how many were open).
     *
     * @param model             the model
     * @param approve           true to approve, false to request changes
     * @param comment           the reviewer's comment, or null
     * @param who               the reviewer
     * @param allowOpenComments approve even though comments are open
     * @return the new state
     * @throws UserError as the other overload; exit 1 when approving with open comments without allowing it
     */
    public State decide(String model, boolean approve, String comment, Author who, boolean allowOpenComments) {
        writable((approve ? "approve " : "request changes to ") + model + "'s card");
        CardDocument doc = read(model);
        Row r = row(model, doc);
        String hash = doc.contentHash();
        if (approve && r.retired()) {
            // an approval says "fit to ship"; a retired version is out of service and must not come back through it
            throw new UserError(r.versionRef() + " is retired; its card cannot be approved.",
                    r.successor() == null ? "Approve the card of the version in service instead."
                            : "Approve the card of its successor, " + r.successor() + ", instead.");
        }
        if (!"review".equals(r.status())) {
            throw new UserError(r.versionRef() + "'s card is " + r.status() + ", not in review.",
                    "The author submits it first (`mlwb card submit " + model + "`).");
        }
        if (!hash.equals(r.submittedHash())) {
            throw new UserError(r.versionRef() + "'s card changed since it was submitted.",
                    "The author submits it again, so that reviewers decide on what they read.");
        }
        if (who.email().equalsIgnoreCase(r.authorEmail() == null ? "" : r.authorEmail())) {
            throw new UserError(who(who) + " wrote this card and cannot review it.",
                    "Ask another reviewer (git identity: user.email, or GIT_AUTHOR_EMAIL).");
        }
        List<String> allowed = project.config().modelCard().approvers();
        if (!allowed.isEmpty() && allowed.stream().noneMatch(a -> a.equalsIgnoreCase(who.email())
                || a.equalsIgnoreCase(who.name()))) {
            throw new UserError(who(who) + " is not an approver of this project (model_card.approvers in mlwb.yaml: "
                    + String.join(", ", allowed) + ").", "Ask one of them to review the card.");
        }
        if (!approve && (comment == null || comment.isBlank())) {
            throw new UserError("A request for changes needs a comment.", "Say what to change with --comment TEXT.");
        }
        if (approve && approvers(r, hash).stream().anyMatch(a -> a.equalsIgnoreCase(who.email()))) {
            throw new UserError(who(who) + " already approved this card.", "A second approval must come from "
                    + "someone else.");
        }
        java.util.List<CardComments.Comment> open = approve ? comments().openOn(model, r.versionRef())
                : java.util.List.of();
        if (!open.isEmpty() && !allowOpenComments) {
            throw new UserError(r.versionRef() + "'s card has " + open.size() + " open comment"
                    + (open.size() == 1 ? "" : "s") + ":\n" + CardComments.describe(open),
                    "Resolve them (`mlwb card resolve-comment ID`), or approve anyway with --allow-open-comments.",
                    ExitCode.CHECK_FAILED, null);
        }
        int required = approvalsRequired(tier(model));
        catalog.inTransaction("review the card of " + r.versionRef(), c -> {
            try (PreparedStatement st = c.prepareStatement("INSERT INTO approval(model_card_id, approver, decision, "
                    + "comment, content_hash, approver_email, model_version_id) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                st.setLong(1, r.cardId());
                st.setString(2, who(who));
                st.setString(3, approve ? "approved" : "changes_requested");
                st.setString(4, comment);
                st.setString(5, hash);
                st.setString(6, who.email());
                st.setLong(7, r.versionId());
                st.executeUpdate();
            }
            int approvals = approve ? countApprovals(c, r.cardId(), hash, r.versionId()) : 0;
            String next = !approve ? "draft" : approvals >= required ? "approved" : "review";
            try (PreparedStatement st = c.prepareStatement(
                    "UPDATE model_card SET status = ?, updated_at = ? WHERE id = ?")) {
                st.setString(1, next);
                st.setLong(2, System.currentTimeMillis());
                st.setLong(3, r.cardId());
                st.executeUpdate();
            }
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("sha256", hash);
            d.put("comment", comment);
            d.put("status", next);
            d.put("approvals", approvals);
            d.put("required", required);
            if (!open.isEmpty()) {
                d.put("open_comments", open.size());
            }
            new AuditLog(catalog).append(c, who(who), approve ? "card.approve" : "card.request_changes",
                    "model_version", r.versionRef(), d);
            return null;
        });
        return state(model);
    }

    private static int countApprovals(java.sql.Connection c, long cardId, String hash, long versionId)
            throws java.sql.SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT count(DISTINCT lower(approver_email)) FROM approval "
                + "WHERE model_card_id = ? AND decision = 'approved' AND content_hash = ? AND model_version_id = ?")) {
            st.setLong(1, cardId);
            st.setString(2, hash);
            st.setLong(3, versionId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    /** The approvers whose approval holds for these bytes and this version (since the last submit). */
    private List<String> approvers(Row r, String hash) {
        return catalog.read("read the approvals", c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("SELECT DISTINCT approver_email FROM approval "
                    + "WHERE model_card_id = ? AND decision = 'approved' AND content_hash = ? "
                    + "AND model_version_id = ? ORDER BY id")) {
                st.setLong(1, r.cardId());
                st.setString(2, hash);
                st.setLong(3, r.versionId());
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
            return out;
        });
    }

    private String lastDecision(Row r) {
        return catalog.read("read the last decision", c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT decision, approver, comment FROM approval "
                    + "WHERE model_card_id = ? ORDER BY id DESC LIMIT 1")) {
                st.setLong(1, r.cardId());
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? rs.getString(1) + " by " + rs.getString(2)
                            + (rs.getString(3) == null ? "" : ": " + rs.getString(3)) : null;
                }
            }
        });
    }

    private void settle(Row r, String status, String action, Map<String, Object> details, String actor) {
        catalog.inTransaction("settle the card of " + r.versionRef(), c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "UPDATE model_card SET status = ?, updated_at = ? WHERE id = ?")) {
                st.setString(1, status);
                st.setLong(2, System.currentTimeMillis());
                st.setLong(3, r.cardId());
                st.executeUpdate();
            }
            new AuditLog(catalog).append(c, actor, action, "model_version", r.versionRef(), details);
            return null;
        });
    }

    /**
     * @param modelVersionId a model version's id
     * @return its card's status in the catalog (draft, review, approved), if it has a card
     */
    public java.util.Optional<String> status(long modelVersionId) {
        return catalog.read("read a card's status", c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT status FROM model_card WHERE model_version_id = ?")) {
                st.setLong(1, modelVersionId);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? java.util.Optional.of(rs.getString(1)) : java.util.Optional.<String>empty();
                }
            }
        });
    }
}
