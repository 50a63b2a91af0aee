package io.mlwb.data.history;

import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.audit.AuditLog;
import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import io.mlwb.core.job.Cancelled;
import io.mlwb.core.job.Progress;
import io.mlwb.core.project.DatasetConfig;
import io.mlwb.data.profile.DatasetProfile;
import io.mlwb.data.profile.ProfileJson;
import io.mlwb.data.profile.ProfileJsonReader;
import io.mlwb.data.profile.ProfileOptions;
import io.mlwb.data.profile.ProfileReuse;
import io.mlwb.data.profile.Profiler;
import io.mlwb.data.quality.QualityChecker;
import io.mlwb.data.quality.QualityContext;
import io.mlwb.data.quality.QualityReport;
import io.mlwb.data.quality.RuleResult;
import io.mlwb.data.quality.SchemaSnapshot;
import io.mlwb.data.read.Detected;
import io.mlwb.data.read.ReadResult;
import io.mlwb.data.read.TableReader;
import io.mlwb.data.stream.StreamingProfiler;
import io.mlwb.vcs.Author;
import io.mlwb.vcs.CommitInfo;
import io.mlwb.vcs.GitRepo;
import io.mlwb.vcs.fingerprint.FileFingerprint;
import io.mlwb.vcs.fingerprint.Fingerprints;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Profiling as one use case, the same for {@code mlwb profile} and the Dataset pane: both call this service and only
 * differ in how they show its result.
 *
 * <p>{@link #profile} resolves the file version (fingerprint with git blob id, HEAD, dirty), reuses the catalog's
 * profile of the same bytes read into the same table with the same options unless forced, else profiles exactly
 * or, for a file larger than {@link ProfileSettings#streamingThresholdBytes()}, in streaming mode; checks the
 * dataset's quality rules against the approved schema; records the profile with the rules' results; and approves
 * the schema when asked. {@link #compare} profiles a file at two git revisions and diffs them; {@link #versions}
 * lists the revisions there are.
 *
 * <p>Guarantees:
 * <ul>
 *   <li>The catalog never stops profiling. Without a project, nothing is recorded and nothing is said. Inside a
 *       project, a file outside it or outside git, a missing, read-only or failing catalog leaves the profile
 *       unrecorded and adds a {@link ProfileNote.Kind#NOT_RECORDED} note; an unreadable stored profile is a miss
 *       (logged). Only an explicit schema approval fails on such a catalog, since it is the change asked for.</li>
 *   <li>Recording is one transaction: the dataset, its file version, the profile and the rules' results commit
 *       together (or not at all). A newly recorded profile appends one {@value #AUDIT_ACTION} audit entry
 *       (who, which bytes, which commit, how the rules came out) in that same transaction, so every figure the
 *       Dataset pane shows is traceable to who profiled which blob at which commit; a reused profile records and
 *       audits nothing (no new fact). Approving a schema is written with its {@code approve_schema} audit entry in
 *       one transaction ({@link ProfileStore#approveSchema}).</li>
 *   <li>A reused profile is the profile a fresh run would give, correlations included: its JSON in the catalog lists
 *       only the notable correlation pairs, and its full matrices are stored beside it in binary and read back
 *       (see {@link ProfileStore} for why doubles rather than float32 or a column-count limit).</li>
 *   <li>A profile stored while the file had uncommitted changes gets its commit filled in when the same bytes are
 *       later read from a clean checkout.</li>
 *   <li>Progress is reported from 0 to 1; cancellation is honoured between steps and inside reading and profiling,
 *       and {@link Cancelled} always propagates (never taken for a catalog failure).</li>
 *   <li>Bad input (unreadable file, unknown target column, rules that cannot be checked when required, unknown
 *       revision) raises {@link UserError}.</li>
 * </ul>
 *
 * <p>The service holds no state of its own; it may be used from several threads as far as its collaborators may
 * ({@link GitRepo} and {@link Catalog} are thread-safe).
 */
public final class ProfileService {
    private static final Logger LOG = LoggerFactory.getLogger(ProfileService.class);
    /** Progress shares: fingerprinting, then reading, then profiling. */
    private static final double FINGERPRINT_SHARE = 0.1;
    private static final double READ_SHARE = 0.5;
    private static final int TOP_K = 10;
    /** The audit action of a recorded profile. */
    public static final String AUDIT_ACTION = "profile.record";

    private final TableReader reader;
    private final Profiler profiler;
    private final StreamingProfiler streaming;
    private final QualityChecker checker;
    private final ProfileSettings settings;
    private final Clock clock;
    private final Path root;
    private final GitRepo repo;
    private final Catalog catalog;

    /**
     * A service with the standard reader, profilers and rule checker.
     *
     * @param settings the streaming threshold
     * @param clock    where the rules' "now" and approval times come from
     * @param root     the project's root folder, or null when there is no project
     * @param repo     the project's git repository, or null when there is none
     * @param catalog  the project's catalog, or null when there is none or it could not be opened
     */
    public ProfileService(ProfileSettings settings, Clock clock, Path root, GitRepo repo, Catalog catalog) {
        this(new TableReader(), new Profiler(), new StreamingProfiler(), new QualityChecker(), settings, clock, root,
                repo, catalog);
    }

    /**
     * @param reader    reads files into tables
     * @param profiler  the exact profiler
     * @param streaming the streaming profiler
     * @param checker   the quality rules
     * @param settings  the streaming threshold
     * @param clock     where the rules' "now" and approval times come from
     * @param root      the project's root folder, or null when there is no project
     * @param repo      the project's git repository, or null when there is none
     * @param catalog   the project's catalog, or null when there is none or it could not be opened
     */
    public ProfileService(TableReader reader, Profiler profiler, StreamingProfiler streaming, QualityChecker checker,
                          ProfileSettings settings, Clock clock, Path root, GitRepo repo, Catalog catalog) {
        this.reader = Objects.requireNonNull(reader, "reader");
        this.profiler = Objects.requireNonNull(profiler, "profiler");
        this.streaming = Objects.requireNonNull(streaming, "streaming");
        this.checker = Objects.requireNonNull(checker, "checker");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.root = root == null ? null : root.toAbsolutePath().normalize();
        this.repo = repo;
        this.catalog = catalog;
    }

    /**
     * A service outside any project: profiles, records nothing, compares nothing.
     *
     * @param settings the streaming threshold
     * @return the service
     */
    public static ProfileService withoutProject(ProfileSettings settings) {
        return new ProfileService(settings, Clock.systemUTC(), null, null, null);
    }

    /** @return the settings this service chooses the mode with */
    public ProfileSettings settings() {
        return settings;
    }

    // ------------------------------------------------------------------------------------------------ profile

    /**
     * Profiles one file version; see the class comment for what is reused, recorded and audited.
     *
     * @param request what to profile and how
     * @param p       receives progress (0..1) and is checked for cancellation
     * @return the profile, how it was made, and what was recorded
     * @throws UserError when the file cannot be read, the target column is not in it, the rules are
     *                   {@link ProfileRequest.Rules#REQUIRED} but cannot be checked, or a schema approval cannot be
     *                   made
     * @throws Cancelled once {@code p} is cancelled
     */
    public ProfileResult profile(ProfileRequest request, Progress p) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(p, "p");
        Path file = request.file().toAbsolutePath().normalize();
        boolean stream = request.streaming() || settings.streams(size(file));
        if (stream) {
            requireInMemoryWork(request, file);
        }
        List<ProfileNote> notes = new ArrayList<>();
        if (stream && !request.streaming()) {
            notes.add(new ProfileNote(ProfileNote.Kind.STREAMED, "%s is larger than the streaming threshold (%s); "
                    .formatted(request.name(), megabytes(settings.streamingThresholdBytes()))
                    + "profiling it in streaming mode (quantiles, distinct counts and top values approximate; "
                    + "no Spearman)"));
        }
        Optional<String> noCatalog = withoutCatalog(file);
        noCatalog.filter(reason -> request.store() && root != null)
                .ifPresent(reason -> notes.add(notRecorded(reason)));
        ProfiledVersion version = noCatalog.isPresent() ? null
                : version(request, file, p.scaled(0, FINGERPRINT_SHARE), notes);
        double readFrom = version == null ? 0 : FINGERPRINT_SHARE;
        if (version != null && catalog != null && request.dataset() != null && request.dataset().personalData()) {
            new io.mlwb.data.read.PersonalDataReads(catalog).record(request.dataset(), "sha256:"
                    + version.fingerprint().sha256() + (version.commit() == null ? "" : " at " + version.commit()),
                    "profile", actor());
        }
        ProfileOptions options = new ProfileOptions(request.bins(), TOP_K, Optional.ofNullable(request.target()),
                true, 0);
        if (stream) {
            List<String> warnings = new ArrayList<>();
            Detected[] detected = new Detected[1];
            DatasetProfile profile = streaming.profile(file, request.readOptions(), options, p.scaled(readFrom, 1),
                    warnings::add, d -> detected[0] = d);
            LOG.info("Profiled {} in streaming mode: {} rows x {} columns", file, profile.rows(),
                    profile.columnsCount());
            StoredProfile recorded = request.store() && version != null
                    ? record(version, profile, ProfileJson.toJson(profile), null, notes) : null;
            return new ProfileResult(null, profile, ProfileResult.Mode.STREAMING, null, null, recorded, version,
                    null, notes, warnings, detected[0]);
        }
        ReadResult read = reader.read(file, request.readOptions(), p.scaled(readFrom, READ_SHARE));
        if (request.target() != null && read.table().column(request.target()).isEmpty()) {
            throw UserError.missingColumn(file, request.target(), read.table().names());
        }
        p.checkCancelled();
        StoredProfile reused = version == null || request.force() ? null : lookup(version, read, options);
        DatasetProfile profile;
        if (reused != null) {
            profile = withStoredMatrices(ProfileJsonReader.read(reused.profileJson()), reused);
            LOG.info("Reused stored profile {} of {}", reused.profileId(), file);
        } else {
            profile = profiler.profile(read.table(), options, p.scaled(READ_SHARE, 1));
            LOG.info("Profiled {}: {} rows x {} columns", file, profile.rows(), profile.columnsCount());
        }
        p.checkCancelled();
        QualityReport quality = checksRules(request) ? checkRules(request.dataset(), read) : null;
        ApprovedSchema approved = request.approveSchema() ? approve(request, read) : null;
        StoredProfile recorded = null;
        if (request.store() && version != null) {
            if (reused == null) {
                recorded = record(version, profile, ProfileJson.toJson(profile), quality, notes);
            } else if (reused.dirty() && !version.dirty() && version.commit() != null) {
                // the same bytes, uncommitted when stored and committed now: the commit is filled in
                recorded = record(version, profile, reused.profileJson(), null, notes);
            }
        }
        p.report(1, request.name());
        return new ProfileResult(read, profile, ProfileResult.Mode.EXACT, quality, reused, recorded, version, approved,
                notes, read.warnings());
    }

    /**
     * The stored profile with its full correlation matrices: its JSON lists only the notable pairs (see
     * {@link ProfileStore}), the matrices are stored beside it. A profile stored before they were (its JSON holds
     * whole matrices) comes back as its JSON says. A failure to read them is logged, and the JSON's pairs remain.
     */
    private DatasetProfile withStoredMatrices(DatasetProfile fromJson, StoredProfile stored) {
        Optional<io.mlwb.data.profile.Correlations> matrices;
        try {
            matrices = new ProfileStore(catalog, clock).matrices(stored.profileId());
        } catch (UserError e) {
            LOG.warn("Could not read the correlation matrices of stored profile {}: {}", stored.profileId(),
                    e.getMessage());
            return fromJson;
        }
        if (matrices.isEmpty()) {
            return fromJson;
        }
        DatasetProfile p = fromJson;
        return new DatasetProfile(p.rows(), p.columnsCount(), p.missingCells(), p.duplicateRows(), p.memoryBytes(),
                p.columns(), matrices.get(), p.target(), p.alerts(), p.approximate());
    }

    /** Streaming mode keeps no table: what needs one is an error when asked for outright. */
    private void requireInMemoryWork(ProfileRequest request, Path file) {
        String why = request.streaming() ? "streaming mode was asked for"
                : "it is larger than the streaming threshold (%s)".formatted(
                        megabytes(settings.streamingThresholdBytes()));
        String todo = request.streaming() ? "Profile without streaming mode."
                : "Run with a larger heap (e.g. JAVA_OPTS=-Xmx16g), or raise -D" + ProfileSettings.THRESHOLD_PROPERTY
                        + ".";
        if (request.rules() == ProfileRequest.Rules.REQUIRED) {
            throw new UserError("The quality rules of %s need the whole table in memory, and %s."
                    .formatted(request.name(), why), todo);
        }
        if (request.approveSchema()) {
            throw new UserError("Approving the schema of %s needs the whole table in memory, and %s."
                    .formatted(request.name(), why), todo);
        }
        LOG.debug("Streaming {}: {}", file, why);
    }

    private static boolean checksRules(ProfileRequest request) {
        return switch (request.rules()) {
            case SKIP -> false;
            case WHEN_POSSIBLE -> request.dataset() != null && !request.dataset().rules().isEmpty();
            case REQUIRED -> {
                if (request.dataset() == null) {
                    throw new UserError("Checking quality rules needs a dataset of mlwb.yaml; %s is not one."
                            .formatted(request.name()), "Name the dataset, or declare it with rules in mlwb.yaml.");
                }
                yield true;
            }
        };
    }

    private QualityReport checkRules(DatasetConfig dataset, ReadResult read) {
        Optional<SchemaSnapshot> approved = Optional.empty();
        if (catalog != null) {
            try {
                approved = new ProfileStore(catalog, clock).approvedSchema(dataset.name());
            } catch (UserError e) {
                LOG.warn("Could not read the approved schema of {}: {}", dataset.name(), e.getMessage());
            }
        }
        return checker.check(read.table(), dataset, new QualityContext(clock.instant(), approved));
    }

    private ApprovedSchema approve(ProfileRequest request, ReadResult read) {
        if (request.dataset() == null || catalog == null || repo == null) {
            throw new UserError("Approving a schema needs a dataset of an mlwb project with a catalog; %s is not one."
                    .formatted(request.name()), "Name a dataset declared in mlwb.yaml, in a project whose catalog "
                    + "opens.");
        }
        Author a = repo.author();
        String actor = a.name() + " <" + a.email() + ">";
        SchemaSnapshot schema = SchemaSnapshot.of(read.table());
        new ProfileStore(catalog, clock).approveSchema(request.dataset().name(), schema, actor);
        return new ApprovedSchema(request.dataset().name(), schema, actor);
    }

    /** Why the catalog cannot be used for {@code file} at all (neither reused from nor recorded in), or empty. */
    private Optional<String> withoutCatalog(Path file) {
        if (root == null) {
            return Optional.of("there is no project");
        }
        if (!file.startsWith(root)) {
            return Optional.of("the file is outside the project");
        }
        if (repo == null) {
            return Optional.of("the project is not a git repository");
        }
        if (catalog == null) {
            return Optional.of("the project's catalog is not available");
        }
        return Optional.empty();
    }

    private static ProfileNote notRecorded(String reason) {
        return new ProfileNote(ProfileNote.Kind.NOT_RECORDED, "the profile is not recorded in the catalog: " + reason);
    }

    /** Fingerprints the file and finds where it stands in git; null (with a note) when that fails. */
    private ProfiledVersion version(ProfileRequest request, Path file, Progress p, List<ProfileNote> notes) {
        try {
            FileFingerprint fp = Fingerprints.fingerprint(file, p);
            String rel = root.relativize(file).toString().replace('\\', '/');
            // HEAD alone: the file's own blob decides whether it is dirty (no status of the whole work tree)
            String commit = repo.head().map(CommitInfo::sha).orElse(null);
            Optional<String> committedBlob = commit == null ? Optional.empty()
                    : repo.blobId(commit, repo.root().relativize(file).toString().replace('\\', '/'));
            boolean dirty = committedBlob.isEmpty() || !committedBlob.get().equals(fp.gitBlobId());
            String name = request.dataset() != null ? request.dataset().name() : rel;
            return new ProfiledVersion(name, rel, fp, commit, dirty);
        } catch (UserError e) {
            LOG.warn("Not using the catalog for {}: {}", file, e.getMessage());
            if (request.store()) {
                notes.add(notRecorded(e.getMessage()));
            }
            return null;
        }
    }

    /** The catalog's profile of these bytes, when it fits the table and options; a failure is a miss (logged). */
    private StoredProfile lookup(ProfiledVersion v, ReadResult read, ProfileOptions options) {
        try {
            Optional<StoredProfile> found = new ProfileStore(catalog, clock).find(v.fingerprint().sha256());
            if (found.isEmpty()) {
                return null;
            }
            DatasetProfile stored = ProfileJsonReader.read(found.get().profileJson());
            Optional<String> mismatch = ProfileReuse.mismatch(stored, read.table(), options);
            if (mismatch.isPresent()) {
                LOG.debug("Stored profile {} of {} does not fit ({}); profiling again", found.get().profileId(),
                        v.datasetName(), mismatch.get());
                return null;
            }
            return found.get();
        } catch (Cancelled e) {
            throw e;
        } catch (UserError | IllegalArgumentException e) {
            LOG.warn("Could not use a stored profile of {}: {}", v.datasetName(), e.getMessage());
            return null;
        }
    }

    /**
     * Records a profile (and the rules' results) in one transaction; a read-only catalog or a failure becomes a note.
     * A read-only catalog still served the lookup: it is only said when there was something to record.
     */
    private StoredProfile record(ProfiledVersion v, DatasetProfile profile, String json, QualityReport quality,
                                 List<ProfileNote> notes) {
        boolean approximate = profile.isApproximate();
        if (catalog.readOnly()) {
            notes.add(notRecorded("the catalog is read-only" + catalog.readOnlyReason().map(r -> " (" + r + ")")
                    .orElse("")));
            return null;
        }
        try {
            ProfileStore store = new ProfileStore(catalog, clock);
            String actor = actor();
            StoredProfile stored = catalog.inTransaction("record the profile of " + v.datasetName(), c -> {
                StoredProfile s = store.store(v.datasetName(), v.relativePath(), v.fingerprint(), v.commit(),
                        v.dirty(), json, approximate);
                store.storeMatrices(s.profileId(), profile.correlations());
                if (quality != null) {
                    store.storeQuality(s.profileId(), quality);
                }
                new AuditLog(catalog, clock).append(c, actor, AUDIT_ACTION, "profile", Long.toString(s.profileId()),
                        auditDetails(v, approximate, quality));
                return s;
            });
            LOG.info("Recorded profile {} of {} ({})", stored.profileId(), v.datasetName(), v.fingerprint().sha256());
            return stored;
        } catch (Cancelled e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.warn("The profile of {} is not recorded: {}", v.datasetName(), e.getMessage());
            notes.add(notRecorded(String.valueOf(e.getMessage())));
            return null;
        }
    }

    /** Who records: the project's git author, else the operating-system user. */
    private String actor() {
        if (repo != null) {
            try {
                Author a = repo.author();
                return a.name() + " <" + a.email() + ">";
            } catch (UserError e) {
                LOG.debug("No git author for the audit entry: {}", e.getMessage());
            }
        }
        return System.getProperty("user.name", "unknown");
    }

    /** What the audit entry of a recorded profile says: which bytes, where in git, and how the rules came out. */
    private static Map<String, Object> auditDetails(ProfiledVersion v, boolean approximate, QualityReport quality) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("dataset", v.datasetName());
        d.put("path", v.relativePath());
        d.put("sha256", v.fingerprint().sha256());
        d.put("commit", v.dirty() ? null : v.commit());
        d.put("dirty", v.dirty());
        d.put("approximate", approximate);
        if (quality != null) {
            d.put("rulesPassed", quality.count(RuleResult.Status.PASS));
            d.put("rulesFailed", quality.count(RuleResult.Status.FAIL));
            d.put("rulesWarned", quality.count(RuleResult.Status.WARN));
        }
        return d;
    }

    // ------------------------------------------------------------------------------------------------ history

    /**
     * Whether {@code file} has a git history this service can read: inside the project's repository.
     *
     * @param file a data file
     * @return true when {@link #versions} and {@link #compare} can work on it
     */
    public boolean hasHistory(Path file) {
        return repo != null && file != null
                && file.toAbsolutePath().normalize().startsWith(repo.root().toAbsolutePath().normalize());
    }

    /**
     * The file's versions, newest first: the working copy when it differs from HEAD, then the commits that changed
     * it ({@link DatasetVersions#versions}).
     *
     * @param file  the data file
     * @param limit the most committed versions to list
     * @return the versions
     * @throws UserError when the file is not in the project's git repository, or in neither the working tree nor
     *                   the history
     */
    public List<DatasetVersion> versions(Path file, int limit) {
        return new DatasetVersions().versions(requireRepo(file), repoPath(file), limit);
    }

    /**
     * Profiles the file at two revisions (exactly, without correlations; nothing is recorded) and diffs the
     * profiles.
     *
     * @param request the file and the two revisions
     * @param p       receives progress (0..1) and is checked for cancellation
     * @return both versions with their profiles, and the difference
     * @throws UserError when the file is not in a git repository, a revision is unknown, the file is not in a
     *                   revision, or a version cannot be read as a table
     * @throws Cancelled once {@code p} is cancelled
     */
    public Comparison compare(CompareRequest request, Progress p) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(p, "p");
        Path file = request.file().toAbsolutePath().normalize();
        GitRepo git = requireRepo(file);
        String rel = repoPath(file);
        ProfileOptions options = new ProfileOptions(request.bins(), TOP_K, Optional.empty(), false, 0);
        Path tmp = null;
        try {
            tmp = Files.createTempDirectory("mlwb-compare");
            ComparedVersion base = profileAt(git, file, rel, request.base(), request, options, tmp,
                    p.scaled(0, 0.5));
            ComparedVersion current = profileAt(git, file, rel, request.current(), request, options, tmp,
                    p.scaled(0.5, 1));
            DiffResult diff = new ProfileDiff().diff(ProfileJson.toJson(base.profile()),
                    ProfileJson.toJson(current.profile()));
            LOG.info("Compared {} at {} with {}: {} columns added, {} removed, {} statistics changed", rel,
                    base.rev(), current.rev(), diff.added().size(), diff.removed().size(), diff.changed().size());
            return new Comparison(request.name(), rel, base, current, diff);
        } catch (IOException e) {
            throw new UserError("Could not make a temporary folder to compare %s: %s".formatted(request.name(),
                    e.getMessage()), "Check that the temporary folder is writable.", ExitCode.BAD_INPUT, e);
        } finally {
            delete(tmp);
        }
    }

    private ComparedVersion profileAt(GitRepo git, Path file, String rel, String rev, CompareRequest request,
                                      ProfileOptions options, Path tmp, Progress p) {
        p.checkCancelled();
        Path bytes;
        String commit;
        String blob;
        if (rev == null) {
            FileFingerprint fp = Fingerprints.fingerprint(file);
            Optional<CommitInfo> head = git.head();
            boolean clean = head.isPresent() && git.blobId(head.get().sha(), rel).map(fp.gitBlobId()::equals)
                    .orElse(false);
            bytes = file;
            commit = clean ? head.get().sha() : null;
            blob = fp.gitBlobId();
        } else {
            CommitInfo info;
            try {
                info = git.commitInfo(rev);
            } catch (UserError e) {
                throw new UserError("Cannot compare %s with revision '%s': it names no commit in %s."
                        .formatted(request.name(), rev, git.root()),
                        "Give a commit id, tag or branch, or a form like HEAD~1 (see `git log -- " + rel + "`).",
                        ExitCode.BAD_INPUT, e);
            }
            commit = info.sha();
            blob = git.blobId(commit, rel).orElseThrow(() -> new UserError(
                    "%s is not in revision '%s' (commit %s).".formatted(rel, rev, info.shortSha()),
                    "Pick a revision that holds the file: `git log -- " + rel + "` lists them."));
            bytes = tmp.resolve(info.shortSha() + "-" + file.getFileName());
            git.writeBlob(blob, bytes);
        }
        ReadResult read = reader.read(bytes, request.readOptions(), p.scaled(0, READ_SHARE));
        p.checkCancelled();
        DatasetProfile profile = profiler.profile(read.table(), options, p.scaled(READ_SHARE, 1));
        return new ComparedVersion(rev == null ? ComparedVersion.WORKING_TREE : rev, commit, blob, profile);
    }

    private GitRepo requireRepo(Path file) {
        if (!hasHistory(file)) {
            throw new UserError("%s is not in a git repository of an mlwb project, so it has no revisions to compare."
                    .formatted(file.getFileName()), "Run inside the project (`mlwb init` makes one), on a file in it.");
        }
        return repo;
    }

    private String repoPath(Path file) {
        return repo.root().toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize()).toString()
                .replace('\\', '/');
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0; // the reader reports the real problem
        }
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path f : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            LOG.debug("Could not delete {}: {}", dir, e.getMessage());
        }
    }
}
