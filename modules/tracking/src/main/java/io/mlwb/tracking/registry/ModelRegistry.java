package io.mlwb.tracking.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.audit.AuditLog;
import io.mlwb.catalog.run.RunFiles;
import io.mlwb.catalog.run.RunRecord;
import io.mlwb.catalog.run.RunRepository;
import io.mlwb.catalog.run.RunStatus;
import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import io.mlwb.core.project.NamingRules;
import io.mlwb.core.project.Project;
import io.mlwb.tracking.RunDetails;
import io.mlwb.vcs.GitRepo;
import io.mlwb.vcs.TagInfo;
import io.mlwb.vcs.fingerprint.Fingerprints;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model registry: a run's model registered as version N of a named model, with aliases ({@code champion},
 * {@code challenger}, free names; one version per alias per model), stages, retirement with a rationale and a
 * successor, an annotated git tag {@code model/<name>/v<N>} on the commit the run was trained from, a lineage edge
 * run → model version, and the signature check against the version it replaces. Every change is audited
 * ({@code model.register}, {@code model.tag}, {@code model.alias}, {@code model.unalias}, {@code model.stage},
 * {@code model.retire}). The CLI ({@code mlwb models}) and the registry pane both call this class.
 */
public final class ModelRegistry {
    /** Stages a person may set; {@code archived} comes only with {@link #retire}. */
    public static final Set<String> STAGES = Set.of("none", "staging", "production");
    private static final Logger LOG = LoggerFactory.getLogger(ModelRegistry.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Catalog catalog;
    private final Path projectRoot;
    private final NamingRules naming;

    /**
     * @param catalog     the project's catalog
     * @param projectRoot the project's root (model artifacts are read from it, tags made in its git repository)
     * @param naming      the project's naming rules
     */
    public ModelRegistry(Catalog catalog, Path projectRoot, NamingRules naming) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.projectRoot = Objects.requireNonNull(projectRoot, "projectRoot");
        this.naming = naming == null ? NamingRules.none() : naming;
    }

    /**
     * @param catalog the project's catalog
     * @param project the project
     * @return the registry of that project
     */
    public static ModelRegistry of(Catalog catalog, Project project) {
        return new ModelRegistry(catalog, project.root(), project.config().naming());
    }

    /**
     * What a registration did.
     *
     * @param version          the new version
     * @param signatureChanges how its signature differs from the version it replaces (empty for a first version)
     * @param replaced         the {@code NAME@VERSION} it was compared with, or null for a first version
     * @param warnings         what did not go as it should but did not stop the registration (no git tag...)
     */
    public record Registration(ModelVersion version, List<SignatureCheck.Change> signatureChanges, String replaced,
                               List<String> warnings) {
        /** Copies the lists. */
        public Registration {
            signatureChanges = List.copyOf(signatureChanges);
            warnings = List.copyOf(warnings);
        }
    }

    // ---------------------------------------------------------------- register

    /**
     * Registers a finished run's model as the next version of a model (created on first use).
     *
     * @param runId         the run
     * @param name          the model's name
     * @param alias         an alias to point at the new version, or null
     * @param description   what the version is, or null
     * @param allowBreaking register even when its signature breaks the callers of the version it replaces
     * @param actor         who
     * @return the new version and what was noticed
     * @throws UserError exit 2 for a bad name or alias, a run that is missing, unfinished or without a model, a model
     *                   file that is gone or changed; exit 1 when the signature check fails without
     *                   {@code allowBreaking}
     */
    public Registration register(long runId, String name, String alias, String description, boolean allowBreaking,
                                 String actor) {
        String model = name == null ? "" : name.strip();
        ModelRef.requireName(model, model);
        naming.check(NamingRules.Kind.MODEL, model).ifPresent(problem -> {
            throw new UserError(problem, "Choose a name that matches the rule, or change naming.model in mlwb.yaml.",
                    ExitCode.BAD_INPUT, null);
        });
        if (alias != null) {
            requireAlias(alias);
        }
        RunRecord run = new RunRepository(catalog).get(runId).orElseThrow(() -> new UserError(
                "There is no run " + runId + ".", "See `mlwb runs list` for the runs' ids."));
        if (run.deleted()) {
            throw new UserError("Run " + runId + " '" + run.name() + "' is deleted.",
                    "Restore it first (`mlwb runs restore " + runId + "`) if it is the one to register.");
        }
        if (run.status() != RunStatus.FINISHED) {
            throw new UserError("Run " + runId + " '" + run.name() + "' is " + run.status().name()
                    .toLowerCase(Locale.ROOT) + "; only a finished run's model can be registered.",
                    "Register a finished run, or resume this one and let it finish.");
        }
        RunFiles.Artifact artifact = new RunFiles(catalog).artifacts(runId).stream()
                .filter(a -> "model".equals(a.kind())).findFirst().orElseThrow(() -> new UserError(
                        "Run " + runId + " '" + run.name() + "' has no model artifact.",
                        "Register a run trained by mlwb (`mlwb train`); imported runs carry no model it can serve."));
        JsonNode signature = signature(runId, artifact);
        List<String> warnings = new ArrayList<>();
        Object[] compared = new Object[2];
        long[] ids = catalog.inTransaction("register model " + model, c -> {
            long modelId = modelId(c, model, actor);
            JsonNode previousSig = null;
            String replaced = null;
            try (PreparedStatement st = c.prepareStatement("SELECT version, signature FROM model_version "
                    + "WHERE model_id = ? AND retired_at IS NULL ORDER BY version DESC LIMIT 1")) {
                st.setLong(1, modelId);
                try (ResultSet rs = st.executeQuery()) {
                    if (rs.next()) {
                        replaced = ModelRef.format(model, rs.getInt(1));
                        previousSig = parse(rs.getString(2));
                    }
                }
            }
            List<SignatureCheck.Change> changes = SignatureCheck.compare(previousSig, signature);
            compared[0] = replaced;
            compared[1] = changes;
            if (SignatureCheck.breaking(changes) && !allowBreaking) {
                StringBuilder why = new StringBuilder();
                changes.stream().filter(SignatureCheck.Change::breaking).forEach(ch -> why.append("\n  ").append(ch));
                throw new UserError("Run " + runId + "'s model would break the callers of " + replaced + ":" + why,
                        "Keep the previous inputs and outputs, register it under another model name, or pass "
                                + "--allow-breaking if the callers are being changed too.", ExitCode.CHECK_FAILED,
                        null);
            }
            int version;
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT coalesce(max(version), 0) + 1 FROM model_version WHERE model_id = ?")) {
                st.setLong(1, modelId);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    version = rs.getInt(1);
                }
            }
            long mvId;
            try (PreparedStatement st = c.prepareStatement("INSERT INTO model_version(model_id, version, run_id, "
                    + "artifact_id, stage, description, created_by, signature, stage_changed_at) "
                    + "VALUES (?, ?, ?, ?, 'none', ?, ?, ?, ?) RETURNING id")) {
                st.setLong(1, modelId);
                st.setInt(2, version);
                st.setLong(3, runId);
                st.setLong(4, artifact.id());
                setText(st, 5, description == null || description.isBlank() ? null : description.strip());
                st.setString(6, actor);
                setText(st, 7, signature == null ? null : signature.toString());
                st.setLong(8, System.currentTimeMillis());
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    mvId = rs.getLong(1);
                }
            }
            try (PreparedStatement st = c.prepareStatement("INSERT OR IGNORE INTO lineage_edge(from_kind, from_id, "
                    + "to_kind, to_id, relation) VALUES ('run', ?, 'model_version', ?, 'registered_as')")) {
                st.setString(1, Long.toString(runId));
                st.setString(2, Long.toString(mvId));
                st.executeUpdate();
            }
            String ref = ModelRef.format(model, version);
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("run_id", runId);
            d.put("artifact", artifact.path());
            d.put("sha256", artifact.sha256());
            d.put("replaces", replaced);
            d.put("signature_changes", changes.stream().map(SignatureCheck.Change::toString).toList());
            d.put("allow_breaking", allowBreaking);
            new AuditLog(catalog).append(c, actor, "model.register", "model_version", ref, d);
            if (alias != null) {
                putAlias(c, modelId, mvId, ref, alias, actor);
            }
            return new long[] {mvId, version};
        });
        @SuppressWarnings("unchecked")
        List<SignatureCheck.Change> changes = (List<SignatureCheck.Change>) compared[1];
        tagCommit(model, (int) ids[1], ids[0], run, actor).ifPresent(warnings::add);
        ModelVersion v = version(ids[0]);
        LOG.info("Registered run {} as {}", runId, v.ref());
        return new Registration(v, changes, (String) compared[0], warnings);
    }

    private static long modelId(Connection c, String model, String actor) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT id FROM model WHERE name = ?")) {
            st.setString(1, model);
            try (ResultSet rs = st.executeQuery()) {
                if (rs.next()) {
                    return rs.getLong(1);
                }
            }
        }
        try (PreparedStatement st = c.prepareStatement(
                "INSERT INTO model(name, created_by) VALUES (?, ?) RETURNING id")) {
            st.setString(1, model);
            st.setString(2, actor);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * The model file's signature, with the classes from {@code model.json} added to its output so that a change of
     * classes counts as a change of the signature.
     */
    private JsonNode signature(long runId, RunFiles.Artifact artifact) {
        Path file = RunDetails.localFile(projectRoot, artifact.path());
        if (!Files.isRegularFile(file)) {
            throw new UserError("Run " + runId + "'s model file " + artifact.path() + " is missing (" + file + ").",
                    "Restore the file (e.g. `git checkout` or from a backup) or retrain the run.");
        }
        if (artifact.sha256() != null) {
            String now = Fingerprints.fingerprint(file).sha256();
            if (!artifact.sha256().equals(now)) {
                throw new UserError("Run " + runId + "'s model file " + artifact.path() + " changed since the run "
                        + "recorded it (sha256 " + now.substring(0, 12) + "…, recorded " + artifact.sha256()
                        .substring(0, Math.min(12, artifact.sha256().length())) + "…).",
                        "Restore the file the run wrote, or retrain to register a new model.");
            }
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry sig = zip.getEntry("signature.json");
            if (sig == null) {
                throw new UserError("Run " + runId + "'s model file " + artifact.path() + " has no signature.json.",
                        "Retrain the run with this mlwb; its model files carry their input/output signature.");
            }
            JsonNode node;
            try (InputStream in = zip.getInputStream(sig)) {
                node = JSON.readTree(in);
            }
            ZipEntry meta = zip.getEntry("model.json");
            if (meta != null && node instanceof ObjectNode o && o.path("output") instanceof ObjectNode out) {
                JsonNode m;
                try (InputStream in = zip.getInputStream(meta)) {
                    m = JSON.readTree(in);
                }
                for (String k : List.of("task", "classes", "positive_class", "negative_class")) {
                    if (m.has(k)) {
                        out.set(k, m.get(k));
                    }
                }
            }
            return node;
        } catch (NoSuchFileException e) {
            throw new UserError("Run " + runId + "'s model file " + artifact.path() + " is missing.",
                    "Restore the file or retrain the run.", ExitCode.BAD_INPUT, e);
        } catch (IOException e) {
            throw new UserError("Run " + runId + "'s model file " + artifact.path() + " cannot be read as a model "
                    + "archive: " + e.getMessage(), "Retrain the run to write it again.", ExitCode.BAD_INPUT, e);
        }
    }

    /** Tags the run's commit; returns a warning when no tag could be made. */
    private Optional<String> tagCommit(String model, int version, long mvId, RunRecord run, String actor) {
        String tag = "model/" + model + "/v" + version;
        String ref = ModelRef.format(model, version);
        if (run.commitSha() == null) {
            return Optional.of("no git tag: run " + run.id() + " recorded no commit");
        }
        if (GitRepo.findRoot(projectRoot).isEmpty()) {
            return Optional.of("no git tag: " + projectRoot + " is not in a git repository");
        }
        String made;
        try (GitRepo git = GitRepo.open(projectRoot)) {
            Optional<TagInfo> existing = git.tags().stream().filter(t -> t.name().equals(tag)).findFirst();
            if (existing.isPresent()) {
                if (!existing.get().targetSha().equals(run.commitSha())) {
                    return Optional.of("no git tag: " + tag + " already exists on another commit ("
                            + existing.get().targetSha().substring(0, 7) + "); delete it with `git tag -d " + tag
                            + "` if it is stale");
                }
                made = tag;
            } else {
                String msg = "Model " + ref + ": run " + run.id() + " '" + run.name() + "'"
                        + (Boolean.TRUE.equals(run.dirty()) ? " (trained with uncommitted changes, see the run's "
                        + "dirty.diff)" : "");
                made = git.tag(tag, msg, run.commitSha()).name();
            }
        } catch (UserError | IllegalStateException e) {
            return Optional.of("no git tag " + tag + ": " + e.getMessage());
        }
        catalog.inTransaction("record the git tag of " + ref, c -> {
            try (PreparedStatement st = c.prepareStatement("UPDATE model_version SET git_tag = ? WHERE id = ?")) {
                st.setString(1, made);
                st.setLong(2, mvId);
                st.executeUpdate();
            }
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("tag", made);
            d.put("commit", run.commitSha());
            d.put("dirty", run.dirty());
            new AuditLog(catalog).append(c, actor, "model.tag", "model_version", ref, d);
            return null;
        });
        return Boolean.TRUE.equals(run.dirty())
                ? Optional.of("run " + run.id() + " was trained with uncommitted changes: the tag " + tag
                + " marks the commit it started from; the changes are in its dirty.diff artifact")
                : Optional.empty();
    }

    // ---------------------------------------------------------------- aliases, stages, retirement

    /**
     * Points an alias at a version, moving it from the version that had it.
     *
     * @param ref   the version ({@code NAME@VERSION} or another alias)
     * @param alias the alias
     * @param actor who
     * @return the version, now with the alias
     */
    public ModelVersion setAlias(ModelRef ref, String alias, String actor) {
        requireAlias(alias);
        ModelVersion v = resolve(ref);
        if (v.retired()) {
            throw new UserError(v.ref() + " is retired; an alias cannot point at it.",
                    "Point " + alias + " at a version in service" + (v.successor() == null ? ""
                            : ", e.g. its successor " + v.successor()) + ".");
        }
        catalog.inTransaction("set alias " + alias, c -> {
            putAlias(c, modelIdOf(c, v.model()), v.id(), v.ref(), alias, actor);
            return null;
        });
        return version(v.id());
    }

    private void putAlias(Connection c, long modelId, long mvId, String ref, String alias, String actor)
            throws SQLException {
        String from = null;
        try (PreparedStatement st = c.prepareStatement("SELECT v.version FROM model_alias a JOIN model_version v "
                + "ON v.id = a.model_version_id WHERE a.model_id = ? AND a.alias = ?")) {
            st.setLong(1, modelId);
            st.setString(2, alias);
            try (ResultSet rs = st.executeQuery()) {
                if (rs.next()) {
                    from = ref.substring(0, ref.lastIndexOf('@') + 1) + rs.getInt(1);
                }
            }
        }
        try (PreparedStatement st = c.prepareStatement("INSERT INTO model_alias(model_id, alias, model_version_id, "
                + "updated_at) VALUES (?, ?, ?, ?) ON CONFLICT(model_id, alias) DO UPDATE SET "
                + "model_version_id = excluded.model_version_id, updated_at = excluded.updated_at")) {
            st.setLong(1, modelId);
            st.setString(2, alias);
            st.setLong(3, mvId);
            st.setLong(4, System.currentTimeMillis());
            st.executeUpdate();
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("alias", alias);
        d.put("from", from);
        d.put("to", ref);
        new AuditLog(catalog).append(c, actor, "model.alias", "model_version", ref, d);
    }

    /**
     * Removes an alias.
     *
     * @param model the model's name
     * @param alias the alias
     * @param actor who
     * @throws UserError when the model has no such alias
     */
    public void removeAlias(String model, String alias, String actor) {
        ModelVersion v = resolve(new ModelRef(model, null, alias));
        catalog.inTransaction("remove alias " + alias, c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "DELETE FROM model_alias WHERE model_id = ? AND alias = ?")) {
                st.setLong(1, modelIdOf(c, model));
                st.setString(2, alias);
                st.executeUpdate();
            }
            new AuditLog(catalog).append(c, actor, "model.unalias", "model_version", v.ref(),
                    Map.of("alias", alias));
            return null;
        });
    }

    /**
     * Moves a version to a stage.
     *
     * @param ref   the version
     * @param stage none, staging or production
     * @param actor who
     * @return the version in its new stage
     */
    public ModelVersion setStage(ModelRef ref, String stage, String actor) {
        String s = stage == null ? "" : stage.strip().toLowerCase(Locale.ROOT);
        if ("archived".equals(s)) {
            throw new UserError("A version is archived by retiring it, with a rationale.",
                    "Run `mlwb models retire " + ref + " --rationale TEXT [--successor NAME@VERSION]`.");
        }
        if (!STAGES.contains(s)) {
            throw new UserError("'" + stage + "' is not a stage.", "Use none, staging or production.");
        }
        ModelVersion v = resolve(ref);
        if (v.retired()) {
            throw new UserError(v.ref() + " is retired (archived); its stage cannot change.",
                    "Register the run again as a new version if it should serve again.");
        }
        if (v.stage().equals(s)) {
            return v;
        }
        catalog.inTransaction("set the stage of " + v.ref(), c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "UPDATE model_version SET stage = ?, stage_changed_at = ? WHERE id = ?")) {
                st.setString(1, s);
                st.setLong(2, System.currentTimeMillis());
                st.setLong(3, v.id());
                st.executeUpdate();
            }
            new AuditLog(catalog).append(c, actor, "model.stage", "model_version", v.ref(),
                    Map.of("from", v.stage(), "to", s));
            return null;
        });
        return version(v.id());
    }

    /**
     * Retires a version: archived, its aliases removed, the rationale and successor recorded; its row, lineage and
     * git tag stay.
     *
     * @param ref       the version
     * @param rationale why (required)
     * @param successor the version that replaces it, or null
     * @param actor     who
     * @return the retired version
     * @throws UserError when the rationale is empty, the version is already retired or still deployed, or the
     *                   successor is itself, retired or missing
     */
    public ModelVersion retire(ModelRef ref, String rationale, ModelRef successor, String actor) {
        if (rationale == null || rationale.isBlank()) {
            throw new UserError("Retiring a model version needs a rationale.",
                    "Say why it is retired with --rationale TEXT; it stays in the audit trail.");
        }
        ModelVersion v = resolve(ref);
        if (v.retired()) {
            throw new UserError(v.ref() + " was already retired.", "Nothing to do.");
        }
        List<ModelVersion.Deployment> live = v.deployments().stream()
                .filter(d -> "deployed".equals(d.status())).toList();
        if (!live.isEmpty()) {
            throw new UserError(v.ref() + " is still deployed (deployment " + live.stream()
                    .map(d -> d.id() + " on " + d.target()).reduce((a, b) -> a + ", " + b).orElse("") + ").",
                    "Roll the deployment over to another version or retire it first.");
        }
        ModelVersion next = successor == null ? null : resolve(successor);
        if (next != null && next.id() == v.id()) {
            throw new UserError("A version cannot succeed itself.", "Name the version that replaces " + v.ref() + ".");
        }
        if (next != null && next.retired()) {
            throw new UserError("The successor " + next.ref() + " is retired too.",
                    "Name a version in service" + (next.successor() == null ? "" : ", e.g. " + next.successor())
                            + ".");
        }
        catalog.inTransaction("retire " + v.ref(), c -> {
            try (PreparedStatement st = c.prepareStatement("UPDATE model_version SET stage = 'archived', "
                    + "stage_changed_at = ?, retired_at = ?, retire_rationale = ?, successor_version_id = ? "
                    + "WHERE id = ?")) {
                long now = System.currentTimeMillis();
                st.setLong(1, now);
                st.setLong(2, now);
                st.setString(3, rationale.strip());
                if (next == null) {
                    st.setNull(4, Types.INTEGER);
                } else {
                    st.setLong(4, next.id());
                }
                st.setLong(5, v.id());
                st.executeUpdate();
            }
            try (PreparedStatement st = c.prepareStatement("DELETE FROM model_alias WHERE model_version_id = ?")) {
                st.setLong(1, v.id());
                st.executeUpdate();
            }
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("rationale", rationale.strip());
            d.put("successor", next == null ? null : next.ref());
            d.put("stage_before", v.stage());
            d.put("aliases_removed", v.aliases());
            new AuditLog(catalog).append(c, actor, "model.retire", "model_version", v.ref(), d);
            return null;
        });
        return version(v.id());
    }

    private static void requireAlias(String alias) {
        if (alias == null || !ModelRef.ALIAS.matcher(alias).matches()) {
            throw new UserError("'" + alias + "' is not an alias.", "Use lower-case letters, digits, '-' and '_', "
                    + "starting with a letter, e.g. champion or challenger.");
        }
        if (ModelRef.LATEST.equals(alias)) {
            throw new UserError("'latest' is built in: it always means the newest version in service.",
                    "Choose another alias.");
        }
    }

    // ---------------------------------------------------------------- reading

    /**
     * @param ref {@code NAME@VERSION}, {@code NAME@ALIAS} or {@code NAME@latest}
     * @return that version (a retired one too: it stays traceable)
     * @throws UserError naming what is unknown and what is there
     */
    public ModelVersion resolve(ModelRef ref) {
        if (!ref.pointsAtVersion()) {
            throw new UserError("'" + ref + "' names a model, not one of its versions.",
                    "Write " + ref + "@VERSION or " + ref + "@ALIAS, e.g. " + ref + "@latest.");
        }
        RegisteredModel m = model(ref.name()).orElseThrow(() -> new UserError(
                "There is no registered model '" + ref.name() + "'" + known() + ".",
                "Register one with `mlwb models register RUN --name " + ref.name() + "`."));
        if (ref.version() != null) {
            return m.versions().stream().filter(v -> v.version() == ref.version()).findFirst().orElseThrow(() ->
                    new UserError(m.name() + " has no version " + ref.version() + " (its versions: " + m.versions()
                            .stream().map(v -> Integer.toString(v.version())).sorted().reduce((a, b) -> a + ", " + b)
                            .orElse("none") + ").", "See `mlwb models show " + m.name() + "`."));
        }
        if (ModelRef.LATEST.equals(ref.alias())) {
            ModelVersion latest = m.latest();
            if (latest == null) {
                throw new UserError("Every version of " + m.name() + " is retired; " + ref + " names none.",
                        "Register a new version, or name a retired one by its number.");
            }
            return latest;
        }
        return m.versions().stream().filter(v -> v.aliases().contains(ref.alias())).findFirst().orElseThrow(() ->
                new UserError(m.name() + " has no alias '" + ref.alias() + "'" + (m.aliases().isEmpty()
                        ? " (it has no aliases)" : " (its aliases: " + m.aliases().entrySet().stream()
                        .map(e -> e.getKey() + " → " + e.getValue()).reduce((a, b) -> a + ", " + b).orElse("")
                        + ")") + ".", "Set one with `mlwb models alias " + m.name() + "@VERSION " + ref.alias()
                        + "`."));
    }

    private String known() {
        List<String> names = list().stream().map(RegisteredModel::name).toList();
        return names.isEmpty() ? " (none is registered yet)" : " (registered: " + String.join(", ", names) + ")";
    }

    /** @return every registered model with its versions, by name */
    public List<RegisteredModel> list() {
        return load(null);
    }

    /**
     * @param name a model's name
     * @return it with its versions, if registered
     */
    public Optional<RegisteredModel> model(String name) {
        return load(name).stream().findFirst();
    }

    /**
     * @param modelVersionId {@code model_version.id}
     * @return that version
     */
    public ModelVersion version(long modelVersionId) {
        for (RegisteredModel m : list()) {
            for (ModelVersion v : m.versions()) {
                if (v.id() == modelVersionId) {
                    return v;
                }
            }
        }
        throw new IllegalStateException("no model_version " + modelVersionId);
    }

    private List<RegisteredModel> load(String only) {
        return catalog.read("read the model registry", c -> {
            Map<Long, List<String>> aliases = new TreeMap<>();
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT model_version_id, alias FROM model_alias ORDER BY alias");
                 ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    aliases.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
                }
            }
            Map<Long, List<ModelVersion.Deployment>> deployments = new TreeMap<>();
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT model_version_id, id, target, status FROM deployment ORDER BY id");
                 ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    deployments.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(new ModelVersion.Deployment(rs.getLong(2), rs.getString(3), rs.getString(4)));
                }
            }
            Map<Long, List<ModelVersion.DatasetUse>> datasets = new TreeMap<>();
            try (PreparedStatement st = c.prepareStatement("SELECT rd.run_id, d.name, dv.version_no, rd.role "
                    + "FROM run_dataset rd JOIN dataset_version dv ON dv.id = rd.dataset_version_id "
                    + "JOIN dataset d ON d.id = dv.dataset_id "
                    + "WHERE rd.run_id IN (SELECT run_id FROM model_version) ORDER BY d.name, rd.role");
                 ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    datasets.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(new ModelVersion.DatasetUse(rs.getString(2), rs.getInt(3), rs.getString(4)));
                }
            }
            Map<Long, List<ModelVersion>> versions = new LinkedHashMap<>();
            String sql = "SELECT v.id, v.model_id, m.name, v.version, v.run_id, r.name AS run_name, a.path, v.stage, "
                    + "v.git_tag, r.commit_sha, v.description, v.created_by, v.created_at, v.signature, v.retired_at, "
                    + "v.retire_rationale, sm.name AS succ_model, s.version AS succ_version, mc.status AS card_status, "
                    + "mc.path AS card_path, "
                    + "(WITH RECURSIVE t(id) AS (SELECT v.run_id UNION ALL SELECT x.id FROM run x JOIN t "
                    + "ON x.parent_run_id = t.id) SELECT CASE WHEN count(cost_usd) = 0 THEN NULL ELSE "
                    + "sum(cost_usd) END FROM run WHERE id IN t) AS cost, "
                    + "(WITH RECURSIVE t(id) AS (SELECT r.parent_run_id WHERE r.parent_run_id IS NOT NULL "
                    + "UNION ALL SELECT x.id FROM run x JOIN t ON x.parent_run_id = t.id) SELECT CASE WHEN "
                    + "count(cost_usd) = 0 THEN NULL ELSE sum(cost_usd) END FROM run WHERE id IN t) AS sweep_cost "
                    + "FROM model_version v JOIN model m ON m.id = v.model_id "
                    + "LEFT JOIN run r ON r.id = v.run_id LEFT JOIN artifact a ON a.id = v.artifact_id "
                    + "LEFT JOIN model_version s ON s.id = v.successor_version_id "
                    + "LEFT JOIN model sm ON sm.id = s.model_id "
                    + "LEFT JOIN model_card mc ON mc.model_version_id = v.id "
                    + (only == null ? "" : "WHERE m.name = ? ") + "ORDER BY v.model_id, v.version DESC";
            try (PreparedStatement st = c.prepareStatement(sql)) {
                if (only != null) {
                    st.setString(1, only);
                }
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        long id = rs.getLong("id");
                        Long runId = rs.getObject("run_id") == null ? null : rs.getLong("run_id");
                        String succ = rs.getString("succ_model") == null ? null
                                : ModelRef.format(rs.getString("succ_model"), rs.getInt("succ_version"));
                        versions.computeIfAbsent(rs.getLong("model_id"), k -> new ArrayList<>()).add(new ModelVersion(
                                id, rs.getString("name"), rs.getInt("version"), runId, rs.getString("run_name"),
                                rs.getString("path"), rs.getString("stage"), aliases.getOrDefault(id, List.of()),
                                rs.getString("git_tag"), rs.getString("commit_sha"), rs.getString("description"),
                                rs.getString("created_by"), rs.getLong("created_at"), parse(rs.getString("signature")),
                                (Long) (rs.getObject("retired_at") == null ? null : rs.getLong("retired_at")),
                                rs.getString("retire_rationale"), succ,
                                rs.getObject("cost") == null ? null : rs.getDouble("cost"),
                                rs.getObject("sweep_cost") == null ? null : rs.getDouble("sweep_cost"),
                                rs.getString("card_status"), rs.getString("card_path"),
                                deployments.getOrDefault(id, List.of()),
                                runId == null ? List.of() : datasets.getOrDefault(runId, List.of())));
                    }
                }
            }
            List<RegisteredModel> models = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("SELECT id, name, description, created_by, created_at "
                    + "FROM model" + (only == null ? "" : " WHERE name = ?") + " ORDER BY name")) {
                if (only != null) {
                    st.setString(1, only);
                }
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        long id = rs.getLong(1);
                        models.add(new RegisteredModel(id, rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getLong(5), versions.getOrDefault(id, List.of())));
                    }
                }
            }
            return models;
        });
    }

    private static long modelIdOf(Connection c, String model) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT id FROM model WHERE name = ?")) {
            st.setString(1, model);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    throw new UserError("There is no registered model '" + model + "'.", "See `mlwb models list`.");
                }
                return rs.getLong(1);
            }
        }
    }

    private static JsonNode parse(String json) {
        if (json == null) {
            return null;
        }
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            LOG.warn("A stored model signature is not JSON; treated as none", e);
            return null;
        }
    }

    private static void setText(PreparedStatement st, int i, String v) throws SQLException {
        if (v == null) {
            st.setNull(i, Types.VARCHAR);
        } else {
            st.setString(i, v);
        }
    }
}
