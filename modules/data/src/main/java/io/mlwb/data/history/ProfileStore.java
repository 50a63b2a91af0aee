package io.mlwb.data.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.CatalogException;
import io.mlwb.catalog.dataset.DatasetRecord;
import io.mlwb.catalog.dataset.DatasetRepository;
import io.mlwb.catalog.dataset.DatasetVersionRecord;
import io.mlwb.catalog.dataset.NewDatasetVersion;
import io.mlwb.catalog.profile.CheckStatus;
import io.mlwb.catalog.profile.NewQualityCheck;
import io.mlwb.catalog.profile.ProfileMatrix;
import io.mlwb.catalog.profile.ProfileMatrixRepository;
import io.mlwb.catalog.profile.ProfileRecord;
import io.mlwb.catalog.profile.ProfileRepository;
import io.mlwb.catalog.profile.QualityCheckRecord;
import io.mlwb.catalog.profile.SchemaSnapshotRepository;
import io.mlwb.data.profile.CorrelationMatrix;
import io.mlwb.data.profile.Correlations;
import io.mlwb.data.quality.QualityReport;
import io.mlwb.data.quality.RuleResult;
import io.mlwb.data.quality.SchemaSnapshot;
import io.mlwb.vcs.fingerprint.FileFingerprint;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Profiles in the catalog, keyed by the profiled file's content: the same bytes are never profiled twice unless
 * asked ({@link #find(String)} is the cache), each profile records the file's fingerprint and the commit holding
 * it, and a dataset's profiles form its history.
 *
 * <p>Commit semantics: a version's commit is a commit whose tree holds exactly these bytes. When a file is
 * profiled with uncommitted changes ({@code dirty}), no commit and no blob id are recorded; profiling the same
 * bytes later from a clean checkout fills them in.
 *
 * <p>Correlations are stored in two forms. The profile's JSON (the {@code mlwb profile --json} shape,
 * {@link io.mlwb.data.profile.ProfileJson} with its default options) lists only the notable pairs: every pair at or
 * above the alert threshold and the 100 strongest. The full matrices, which the Dataset pane's heatmap shows for a
 * reused profile, go beside it in binary ({@link #storeMatrices}, table {@code profile_matrix} of schema V004): the
 * upper triangle as doubles. Why doubles and not float32 or a column-count limit: a reused profile must be the
 * profile that would be computed now, figure for figure ({@code --full-correlations} of a reused profile prints what
 * a fresh one prints), and at 8 bytes a pair the largest case the issue names (3,000 columns) costs 72 MB for both
 * matrices, against 550 MB as JSON before; float32 would halve that but print other digits, and a limit would leave
 * wide tables without a heatmap after reuse. Profiles stored before V004 carry full matrices in their JSON, which
 * {@link io.mlwb.data.profile.ProfileJsonReader} reads as well.
 *
 * <p>Storing a profile writes no audit entry by itself: {@link ProfileService} records a profile and its audit entry
 * in one transaction. Approving a schema appends its own entry.
 */
public final class ProfileStore {
    private static final Logger LOG = LoggerFactory.getLogger(ProfileStore.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Catalog catalog;
    private final DatasetRepository datasets;
    private final ProfileRepository profiles;
    private final SchemaSnapshotRepository schemas;

    /** @param catalog the project's open catalog */
    public ProfileStore(Catalog catalog) {
        this(catalog, Clock.systemUTC());
    }

    /**
     * @param catalog the project's open catalog
     * @param clock   where approval and audit times come from
     */
    public ProfileStore(Catalog catalog, Clock clock) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.datasets = new DatasetRepository(catalog);
        this.profiles = new ProfileRepository(catalog);
        this.schemas = new SchemaSnapshotRepository(catalog, clock);
    }

    /**
     * The cache lookup: the newest stored profile of a file with these bytes, in any dataset.
     *
     * @param sha256 SHA-256 of the file's bytes (hex), from {@link FileFingerprint#sha256()}
     * @return the profile, or empty when these bytes were never profiled
     */
    public Optional<StoredProfile> find(String sha256) {
        return catalog.read("find a profile by content", c -> profiles.latestBySha256(sha256).map(this::stored));
    }

    /**
     * Stores a profile: registers the dataset (if new) and the file version (if these bytes are new to it), then
     * adds the profile, all in one transaction. Row and column counts are taken from the profile's {@code rows}
     * and {@code columns}.
     *
     * @param datasetName  the dataset
     * @param relativePath the file, relative to the project root
     * @param fp           the file's fingerprint as read
     * @param commitSha    the commit checked out when the file was read (HEAD), or null when there is none
     * @param dirty        true when the file differed from its version in that commit (or is untracked)
     * @param profileJson  the profile in the {@code mlwb profile --json} shape
     * @param approximate  true when some figures come from sketches
     * @return the stored profile
     * @throws CatalogException when the catalog is read-only or the write fails
     * @throws IllegalArgumentException when {@code profileJson} is not a JSON object
     */
    public StoredProfile store(String datasetName, String relativePath, FileFingerprint fp, String commitSha,
                               boolean dirty, String profileJson, boolean approximate) {
        Objects.requireNonNull(fp, "fp");
        JsonNode root = parse(profileJson);
        Long rows = root.path("rows").isIntegralNumber() ? root.path("rows").asLong() : null;
        Long columns = root.path("columns").isArray() ? (long) root.path("columns").size() : null;
        boolean committed = !dirty && commitSha != null;
        StoredProfile stored = catalog.inTransaction("store a profile of " + datasetName, c -> {
            DatasetRecord dataset = datasets.register(datasetName, null);
            DatasetVersionRecord version = datasets.addVersion(dataset.id(), new NewDatasetVersion(relativePath,
                    fp.sha256(), committed ? fp.gitBlobId() : null, committed ? commitSha : null, fp.size(), rows,
                    columns));
            if (committed && version.commitSha() == null) {
                version = datasets.markCommitted(version.id(), commitSha, fp.gitBlobId());
            }
            ProfileRecord profile = profiles.insert(version.id(), profileJson, approximate);
            return new StoredProfile(profile.id(), dataset.name(), version, profile.payload(), profile.approximate(),
                    profile.createdAt());
        });
        LOG.debug("Stored profile {} of {} version {} ({})", stored.profileId(), datasetName,
                stored.version().versionNo(), stored.dirty() ? "uncommitted" : stored.commitSha());
        return stored;
    }

    /**
     * Stores a profile's full correlation matrices beside its JSON, in one transaction (joining the caller's).
     * Empty matrices are not stored.
     *
     * @param profileId    the profile, from {@link StoredProfile#profileId()}
     * @param correlations its matrices
     * @throws CatalogException when there is no such profile, the matrices are already stored, the catalog is
     *                          read-only or the write fails
     */
    public void storeMatrices(long profileId, Correlations correlations) {
        List<ProfileMatrix> all = new ArrayList<>();
        matrix(all, profileId, "pearson", correlations.pearson());
        matrix(all, profileId, "spearman", correlations.spearman());
        matrix(all, profileId, "cramersV", correlations.cramersV());
        new ProfileMatrixRepository(catalog).insert(all);
    }

    private static void matrix(List<ProfileMatrix> all, long profileId, String kind, CorrelationMatrix m) {
        if (!m.columns().isEmpty()) {
            all.add(ProfileMatrix.ofSquare(profileId, kind, m.columns(), m.values()));
        }
    }

    /**
     * The full correlation matrices stored with a profile.
     *
     * @param profileId the profile
     * @return the matrices (a kind not stored is empty), or empty when the profile has none stored (it was stored
     *         before schema V004, with its matrices in its JSON, or without correlations)
     */
    public Optional<Correlations> matrices(long profileId) {
        List<ProfileMatrix> stored = new ProfileMatrixRepository(catalog).find(profileId);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        CorrelationMatrix pearson = CorrelationMatrix.empty();
        CorrelationMatrix spearman = CorrelationMatrix.empty();
        CorrelationMatrix cramersV = CorrelationMatrix.empty();
        for (ProfileMatrix m : stored) {
            CorrelationMatrix square = new CorrelationMatrix(m.columns(), m.toSquare());
            switch (m.kind()) {
                case "pearson" -> pearson = square;
                case "spearman" -> spearman = square;
                case "cramersV" -> cramersV = square;
                default -> LOG.debug("Ignoring a {} matrix of profile {}", m.kind(), profileId);
            }
        }
        return Optional.of(new Correlations(pearson, spearman, cramersV));
    }

    /**
     * A dataset's history: the newest profile of each of its versions, oldest version first (the order the
     * versions were first recorded).
     *
     * @param datasetName the dataset
     * @return the profiles; empty when the dataset was never profiled
     */
    public List<StoredProfile> history(String datasetName) {
        return catalog.read("read the profile history of " + datasetName, c -> {
            Optional<DatasetRecord> dataset = datasets.findByName(datasetName);
            List<StoredProfile> all = new ArrayList<>();
            if (dataset.isPresent()) {
                for (ProfileRecord p : profiles.latestPerVersion(dataset.get().id())) {
                    all.add(stored(p));
                }
            }
            return all;
        });
    }

    /**
     * Stores the results of a quality check run with a profile, one row per rule, in one transaction.
     *
     * @param profileId the profile, from {@link StoredProfile#profileId()}
     * @param report    the results
     * @throws CatalogException when there is no such profile or the write fails
     */
    public void storeQuality(long profileId, QualityReport report) {
        List<NewQualityCheck> checks = new ArrayList<>();
        for (RuleResult r : report.results()) {
            ObjectNode details = JSON.createObjectNode();
            details.put("type", r.rule().type().yamlName());
            details.put("column", r.rule().column());
            details.put("severity", r.rule().severity().yamlName());
            details.put("violations", r.violations());
            details.put("observed", r.observed());
            details.put("message", r.message());
            r.examples().forEach(details.putArray("examples")::add);
            checks.add(new NewQualityCheck(r.label(), status(r.status()), details.toString()));
        }
        profiles.insertChecks(profileId, checks);
    }

    /**
     * The quality checks stored with a profile.
     *
     * @param profileId the profile
     * @return the checks, in rule order; details are JSON with type, column, severity, violations, observed,
     *         message and examples
     */
    public List<QualityCheckRecord> quality(long profileId) {
        return profiles.checks(profileId);
    }

    /**
     * The schema a person last approved for the dataset.
     *
     * @param datasetName the dataset
     * @return the snapshot, or empty when none was approved
     */
    public Optional<SchemaSnapshot> approvedSchema(String datasetName) {
        return catalog.read("read the approved schema of " + datasetName, c -> datasets.findByName(datasetName)
                .flatMap(d -> schemas.latestApproved(d.id()))
                .map(s -> SchemaSnapshot.fromJson(s.schemaJson())));
    }

    /**
     * Approves a schema for the dataset (registering the dataset if new) and appends an {@code approve_schema}
     * audit entry, in one transaction. Later {@code schema_equals_approved} checks compare with it.
     *
     * @param datasetName the dataset
     * @param schema      the schema approved
     * @param actor       who approved it
     * @throws CatalogException when the actor is blank, the catalog is read-only or the write fails
     */
    public void approveSchema(String datasetName, SchemaSnapshot schema, String actor) {
        Objects.requireNonNull(schema, "schema");
        catalog.inTransaction("approve the schema of " + datasetName, c -> {
            long datasetId = datasets.register(datasetName, null).id();
            return schemas.approve(datasetId, null, schema.toJson(), actor);
        });
        LOG.info("Schema of dataset {} approved by {} ({} columns)", datasetName, actor, schema.columns().size());
    }

    private StoredProfile stored(ProfileRecord p) {
        DatasetVersionRecord version = datasets.version(p.datasetVersionId()).orElseThrow();
        String name = datasets.find(version.datasetId()).orElseThrow().name();
        return new StoredProfile(p.id(), name, version, p.payload(), p.approximate(), p.createdAt());
    }

    private static CheckStatus status(RuleResult.Status s) {
        return switch (s) {
            case PASS -> CheckStatus.PASSED;
            case FAIL -> CheckStatus.FAILED;
            case WARN -> CheckStatus.WARNING;
        };
    }

    private static JsonNode parse(String profileJson) {
        Objects.requireNonNull(profileJson, "profileJson");
        try {
            JsonNode root = JSON.readTree(profileJson);
            if (root == null || !root.isObject()) {
                throw new IllegalArgumentException("profileJson is not a JSON object");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("profileJson is not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
