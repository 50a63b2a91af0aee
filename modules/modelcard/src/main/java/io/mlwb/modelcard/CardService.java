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

    /**
     * @param catalog the project's catalog
     * @param project the project
     */
    public CardService(Catalog catalog, Project project) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.project = Objects.requireNonNull(project, "project");
        this.registry = ModelRegistry.of(catalog, project);
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
     * @param author who writes it (git identity, "Name &lt;email&gt;")
     * @return the card's file
     * @throws UserError when the version is not registered, the card file exists, or the version already has a card
     */
    public Path create(ModelRef ref, String author) {
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
        String text = CardTemplate.text(v, project.config(), author);
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
                        + "markdown, status, risk_tier, author, path) VALUES (?, ?, ?, 'draft', ?, ?, ?)")) {
                    st.setLong(1, v.id());
                    st.setString(2, doc.metadata().toString());
                    st.setString(3, text);
                    st.setString(4, project.config().riskTier().yamlName());
                    st.setString(5, author);
                    st.setString(6, rel);
                    st.executeUpdate();
                }
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("path", rel);
                d.put("sha256", doc.contentHash());
                d.put("risk_tier", project.config().riskTier().yamlName());
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
     */
    public record Check(String model, String file, RiskTier tier, List<String> required, List<String> missing,
                        int filled, int approvals, List<String> unknownHeadings) {
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
        CardDocument doc = read(model);
        RiskTier tier = project.config().riskTier();
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
                approvalsRequired(tier), unknown);
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
