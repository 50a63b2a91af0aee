package io.mlwb.drift.service;

import io.mlwb.drift.DatasetDrift;
import io.mlwb.drift.DriftEngine;
import io.mlwb.drift.DriftOptions;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.audit.AuditLog;
import io.mlwb.catalog.dataset.DatasetRecord;
import io.mlwb.catalog.dataset.DatasetRepository;
import io.mlwb.catalog.dataset.DatasetVersionRecord;
import io.mlwb.catalog.dataset.NewDatasetVersion;
import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import io.mlwb.core.job.Progress;
import io.mlwb.core.project.ColumnType;
import io.mlwb.core.project.DatasetConfig;
import io.mlwb.core.project.DriftConfig;
import io.mlwb.core.project.Project;
import io.mlwb.data.read.ReadOptions;
import io.mlwb.data.read.ReadResult;
import io.mlwb.data.read.RequestLogReader;
import io.mlwb.data.read.TableReader;
import io.mlwb.data.table.Column;
import io.mlwb.data.table.DataTable;
import io.mlwb.vcs.CommitInfo;
import io.mlwb.vcs.GitRepo;
import io.mlwb.vcs.fingerprint.FileFingerprint;
import io.mlwb.vcs.fingerprint.Fingerprints;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Data drift as one use case, shared by {@code mlwb drift} and the Drift pane: resolve the reference and the current
 * data (a file, {@code dataset:NAME} or {@code dataset:NAME@VERSION}, {@code REV:path} from git history, or a folder
 * of request logs), read them (the current typed as the reference), compare them with {@link DriftEngine} under the
 * project's {@code drift:} settings (a declared dataset's id and time columns left out), record the report in the
 * catalog linked to both dataset versions (lineage) and audit it ({@code drift.report}).
 */
public final class DriftService {
    /** Audit action of a recorded drift report. */
    public static final String AUDIT_REPORT = "drift.report";
    private static final Logger LOG = LoggerFactory.getLogger(DriftService.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How many past revisions of a file are searched for a recorded version's bytes. */
    private static final int HISTORY_SEARCH = 50;

    private final Project project;
    private final Catalog catalog;
    private final GitRepo repo;
    private final TableReader reader = new TableReader();
    private final DriftEngine engine = new DriftEngine();

    /**
     * @param project the project, or null outside one (files only, nothing recorded)
     * @param catalog its catalog, or null (nothing recorded)
     * @param repo    its git repository, or null (no {@code REV:path}, no dataset versions from history)
     */
    public DriftService(Project project, Catalog catalog, GitRepo repo) {
        this.project = project;
        this.catalog = catalog;
        this.repo = repo;
    }

    /**
     * Data read for one side.
     *
     * @param spec      what was asked for
     * @param label     what a person reads ({@code loans@2 (data/loans.csv)}, {@code HEAD~3:data/loans.csv})
     * @param dataset   the dataset name it is recorded under
     * @param path      the file or folder, relative to the project root where possible
     * @param sha256    the content's hash (for a log folder: over its files)
     * @param commit    the commit holding it, or null
     * @param sizeBytes its size
     * @param table     the data
     * @param config    the declared dataset, or null
     * @param warnings  what the reader noticed
     */
    public record Source(String spec, String label, String dataset, String path, String sha256, String commit,
                         long sizeBytes, DataTable table, DatasetConfig config, List<String> warnings) {
        /** Copies the list. */
        public Source {
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * A comparison.
     *
     * @param reference the reference data
     * @param current   the current data
     * @param drift     the engine's result
     * @param reportId  the recorded {@code drift_report.id}, or null when not recorded
     * @param warnings  what was noticed (reading, recording)
     * @param overTime  PSI per column per time window with control charts, or null without a time column
     * @param model     the model section ({@code NAME@VERSION}, prediction, performance and fairness drift), or null
     */
    public record Result(Source reference, Source current, DatasetDrift drift, Long reportId, List<String> warnings,
                         io.mlwb.drift.time.DriftOverTime.Result overTime, Map<String, Object> model) {
        /** Copies the list. */
        public Result {
            warnings = List.copyOf(warnings);
        }

        /** A result without drift over time or a model. */
        public Result(Source reference, Source current, DatasetDrift drift, Long reportId, List<String> warnings) {
            this(reference, current, drift, reportId, warnings, null, null);
        }

        /** @return the JSON of {@code mlwb drift --json} (docs/cli.md) */
        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("reference", side(reference));
            m.put("current", side(current));
            m.putAll(drift.toJson());
            m.put("over_time", overTime == null ? null : overTime.toJson());
            m.put("model", model);
            m.put("report_id", reportId);
            m.put("warnings", warnings);
            return m;
        }

        private static Map<String, Object> side(Source s) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("spec", s.spec());
            m.put("label", s.label());
            m.put("dataset", s.dataset());
            m.put("path", s.path());
            m.put("sha256", s.sha256());
            m.put("commit", s.commit());
            m.put("rows", s.table().rowCount());
            return m;
        }
    }

    /**
     * Compares and records.
     *
     * @param reference the reference data, in any accepted form
     * @param current   the current data, in any accepted form
     * @param share     the dataset drift share to use instead of the project's, or null
     * @param record    whether to record the report in the catalog
     * @param actor     who (for the audit trail)
     * @param progress  progress and cancellation
     * @return the result
     * @throws UserError (exit 2) when a side cannot be found or read
     */
    public Result compare(String reference, String current, Double share, boolean record, String actor,
                          Progress progress) {
        return compare(reference, current, share, null, null, record, actor, progress);
    }

    /**
     * Compares and records, and, when the current data has a time column, computes drift over time.
     *
     * @param reference  the reference data, in any accepted form
     * @param current    the current data, in any accepted form
     * @param share      the dataset drift share to use instead of the project's, or null
     * @param timeColumn the datetime column to cut windows by; null for the current dataset's declared
     *                   {@code time_column} (none when it declares none); {@code ""} for no drift over time
     * @param window     {@code week}, {@code month} (the default) or {@code Nd}
     * @param record     whether to record the report in the catalog
     * @param actor      who (for the audit trail)
     * @param progress   progress and cancellation
     * @return the result
     */
    public Result compare(String reference, String current, Double share, String timeColumn, String window,
                          boolean record, String actor, Progress progress) {
        return compare(reference, current, share, timeColumn, window, null, record, actor, progress);
    }

    /**
     * Compares and records, with drift over time, and with a model: prediction, performance and fairness drift.
     *
     * @param reference  the reference data, in any accepted form
     * @param current    the current data, in any accepted form
     * @param share      the dataset drift share to use instead of the project's, or null
     * @param timeColumn as {@link #compare(String, String, Double, String, String, boolean, String, Progress)}
     * @param window     {@code week}, {@code month} (the default) or {@code Nd}
     * @param model      a registered model version ({@code NAME@VERSION} or {@code NAME@ALIAS}), or null
     * @param record     whether to record the report in the catalog (linked to the model version too)
     * @param actor      who (for the audit trail)
     * @param progress   progress and cancellation
     * @return the result
     * @throws UserError when the model is unknown, its file is gone, or the data lacks one of its inputs
     */
    public Result compare(String reference, String current, Double share, String timeColumn, String window,
                          String model, boolean record, String actor, Progress progress) {
        List<String> warnings = new ArrayList<>();
        Source ref = load(reference, Map.of(), progress.scaled(0, 0.3));
        Map<String, ColumnType> types = new LinkedHashMap<>();
        for (Column c : ref.table().columns()) {
            types.put(c.name(), c.type());
        }
        Source cur = load(current, types, progress.scaled(0.3, 0.6));
        warnings.addAll(ref.warnings().stream().map(w -> "reference: " + w).toList());
        warnings.addAll(cur.warnings().stream().map(w -> "current: " + w).toList());
        DriftOptions options = options(ref, share);
        DatasetDrift drift = engine.compare(ref.table(), cur.table(), options, progress.scaled(0.6, 0.9));
        Map<String, Object> modelSection = null;
        Long versionId = null;
        if (model != null) {
            if (catalog == null || project == null) {
                throw new UserError("--model needs the project's model registry.", "Run inside the project.");
            }
            io.mlwb.tracking.registry.ModelVersion v = io.mlwb.tracking.registry.ModelRegistry.of(catalog, project)
                    .resolve(io.mlwb.tracking.registry.ModelRef.parse(model));
            if (v.artifactPath() == null) {
                throw new UserError(v.ref() + " has no model file recorded.", "Register a run trained by mlwb.");
            }
            versionId = v.id();
            List<String> sensitive = ref.config() != null ? ref.config().sensitiveAttributes()
                    : cur.config() != null ? cur.config().sensitiveAttributes() : List.of();
            try (io.mlwb.training.engine.SavedModel saved = io.mlwb.training.engine.SavedModel.load(
                    project.root().resolve(v.artifactPath()))) {
                modelSection = new LinkedHashMap<>();
                modelSection.put("version", v.ref());
                modelSection.putAll(io.mlwb.drift.model.ModelDrift.compute(saved, ref.table(), cur.table(), sensitive,
                        options));
            }
            progress.report(0.95, "scored both sides with " + v.ref());
        }
        Long id = null;
        if (record && catalog != null && project != null) {
            try {
                id = store(ref, cur, drift, actor, versionId);
            } catch (RuntimeException e) {
                LOG.warn("Drift report not recorded: {}", e.getMessage());
                warnings.add("the report was not recorded in the catalog: " + e.getMessage());
            }
        }
        String time = timeColumn != null ? timeColumn : cur.config() != null ? cur.config().timeColumn() : null;
        io.mlwb.drift.time.DriftOverTime.Result overTime = null;
        if (time != null && !time.isBlank()) {
            try {
                overTime = io.mlwb.drift.time.DriftOverTime.compute(ref.table(), cur.table(), time,
                        window == null ? "month" : window, options);
            } catch (UserError e) {
                if (timeColumn != null) {
                    throw e; // asked for by name: its problem is the answer
                }
                warnings.add("no drift over time: " + e.getMessage());
            }
        }
        progress.report(1, "compared " + drift.compared() + " columns");
        return new Result(ref, cur, drift, id, warnings, overTime, modelSection);
    }

    /**
     * A side the pane can offer: a declared dataset ({@code dataset:NAME}) or a recorded version of a dataset held in
     * a file ({@code dataset:NAME@VERSION}).
     *
     * @param spec   what {@link #compare} takes
     * @param path   the file, relative to the project
     * @param rows   the version's rows, or null (declared datasets, or not counted)
     * @param commit the commit that holds the version, or null (declared datasets, or not committed)
     * @param declared whether it is a declared dataset rather than a recorded version
     */
    public record Side(String spec, String path, Long rows, String commit, boolean declared) {
    }

    /**
     * The sides a comparison can take in this project: every declared dataset, then every recorded version of a
     * dataset held in a file, newest first (request-log folders, recorded as {@code requests:PATH}, are left out: the
     * folder itself is picked instead). Reads the catalog.
     *
     * @return the sides, empty without a project or catalog
     */
    public List<Side> sides() {
        List<Side> out = new ArrayList<>();
        if (project != null) {
            for (DatasetConfig d : project.config().datasets()) {
                out.add(new Side("dataset:" + d.name(), d.path(), null, null, true));
            }
        }
        if (catalog != null) {
            DatasetRepository datasets = new DatasetRepository(catalog);
            for (DatasetRecord ds : datasets.list()) {
                if (ds.name().contains(":")) {
                    continue;
                }
                List<DatasetVersionRecord> versions = new ArrayList<>(datasets.versions(ds.id()));
                versions.sort(java.util.Comparator.comparingInt(DatasetVersionRecord::versionNo).reversed());
                for (DatasetVersionRecord v : versions) {
                    out.add(new Side("dataset:" + ds.name() + "@" + v.versionNo(), v.path(),
                            v.rowCount(), v.commitSha(), false));
                }
            }
        }
        return out;
    }

    /**
     * The models a comparison can score with: every registered version that has a model file and is not retired, as
     * {@code NAME@VERSION}, then each model's aliases as {@code NAME@ALIAS}. Reads the catalog.
     *
     * @return the specs {@link #compare} takes as its model, empty without a project or catalog
     */
    public List<String> models() {
        List<String> out = new ArrayList<>();
        if (project == null || catalog == null) {
            return out;
        }
        for (io.mlwb.tracking.registry.RegisteredModel m : io.mlwb.tracking.registry.ModelRegistry.of(catalog, project)
                .list()) {
            for (io.mlwb.tracking.registry.ModelVersion v : m.versions()) {
                if (v.artifactPath() != null && v.retiredAtMs() == null) {
                    out.add(m.name() + "@" + v.version());
                }
            }
            m.aliases().keySet().forEach(a -> out.add(m.name() + "@" + a));
        }
        return out;
    }

    /**
     * Drift over time for a comparison already made (the pane's time column and window pickers): the same windows,
     * PSI and control charts as {@code compare} computes with a time column, on the data already read, under the same
     * settings. Nothing is read or recorded.
     *
     * @param result     a comparison's result
     * @param timeColumn the current data's datetime column to cut windows by
     * @param window     {@code week}, {@code month} (the default) or {@code Nd}
     * @return the windows, PSI per column and window, and the control charts
     * @throws UserError when the column is missing or not a datetime, or the window is not understood
     */
    public io.mlwb.drift.time.DriftOverTime.Result overTime(Result result, String timeColumn, String window) {
        return io.mlwb.drift.time.DriftOverTime.compute(result.reference().table(), result.current().table(),
                timeColumn, window == null || window.isBlank() ? "month" : window, options(result.reference(), null));
    }

    /** The project's settings, with the declared dataset's id and time columns left out unless configured. */
    private DriftOptions options(Source ref, Double share) {
        DriftConfig config = project == null ? DriftConfig.defaults() : project.config().drift();
        Map<String, DriftConfig.Column> columns = new LinkedHashMap<>(config.columns());
        if (ref.config() != null) {
            for (String c : new String[] {ref.config().idColumn(), ref.config().timeColumn()}) {
                if (c != null && !columns.containsKey(c)) {
                    columns.put(c, new DriftConfig.Column(null, null, null, null, List.of(), true));
                }
            }
        }
        DriftOptions o = new DriftOptions(config.driftShare(), config.bins(), config.binning(), columns);
        return share == null ? o : o.withDriftShare(share);
    }

    // ---------------------------------------------------------------- sources

    /**
     * Reads one side.
     *
     * @param spec     a file, {@code dataset:NAME[@VERSION]}, {@code REV:path}, or a request-log folder
     * @param types    column types to use (the reference's), empty to infer
     * @param progress progress
     * @return the data and where it came from
     */
    public Source load(String spec, Map<String, ColumnType> types, Progress progress) {
        String s = spec == null ? "" : spec.strip();
        if (s.isEmpty()) {
            throw new UserError("No data named.", "Give a file, dataset:NAME, dataset:NAME@VERSION, REV:path or a "
                    + "folder of request logs.");
        }
        if (s.startsWith("dataset:")) {
            return dataset(s, types, progress);
        }
        Path path = resolvePath(s);
        if (Files.isDirectory(path)) {
            if (!RequestLogReader.isLogFolder(path)) {
                throw new UserError(s + " is a folder without request logs.", "Name a data file, or a folder holding "
                        + "requests*.jsonl files (docs/request-log.md).");
            }
            return logs(s, path, types, progress);
        }
        if (Files.isRegularFile(path)) {
            return file(s, path, path, null, types, progress);
        }
        int colon = s.indexOf(':');
        if (colon > 0 && !(colon == 1 && s.length() > 2 && (s.charAt(2) == '\\' || s.charAt(2) == '/'))) {
            return revision(s, s.substring(0, colon), s.substring(colon + 1), types, progress);
        }
        throw new UserError("There is no file " + s + (project == null ? "" : " (looked in " + project.root()
                + " too)") + ".", "Give a data file, dataset:NAME, dataset:NAME@VERSION, REV:path (a file at a git "
                + "revision) or a folder of request logs.");
    }

    private Path resolvePath(String s) {
        Path p = Path.of(s);
        if (p.isAbsolute() || project == null || Files.exists(p)) {
            return p.toAbsolutePath().normalize();
        }
        return project.root().resolve(p).normalize();
    }

    private Source dataset(String spec, Map<String, ColumnType> types, Progress progress) {
        String key = spec.substring("dataset:".length());
        int at = key.lastIndexOf('@');
        String name = at < 0 ? key : key.substring(0, at);
        DatasetConfig declared = project == null ? null : project.config().dataset(name).orElse(null);
        if (at < 0) {
            if (declared == null) {
                throw new UserError("mlwb.yaml declares no dataset '" + name + "'" + known() + ".",
                        "Name a declared dataset, or give its file.");
            }
            Path file = project.resolve(declared);
            return file(spec, file, file, declared, types, progress);
        }
        int version;
        try {
            version = Integer.parseInt(key.substring(at + 1));
        } catch (NumberFormatException e) {
            throw new UserError("'" + spec + "' does not end with a version number.", "Write dataset:NAME@3.",
                    ExitCode.BAD_INPUT, e);
        }
        if (catalog == null) {
            throw new UserError("Dataset versions are recorded in the project's catalog, which is not open here.",
                    "Run inside the project, or give the file.");
        }
        DatasetRepository datasets = new DatasetRepository(catalog);
        DatasetRecord ds = datasets.findByName(name).orElseThrow(() -> new UserError("The catalog has no dataset '"
                + name + "'.", "Profile or train on it first (that records its versions), or give the file."));
        DatasetVersionRecord v = datasets.versions(ds.id()).stream().filter(x -> x.versionNo() == version).findFirst()
                .orElseThrow(() -> new UserError("Dataset " + name + " has no version " + version + ".",
                        "See `mlwb lineage dataset:" + name + "` for its versions."));
        Path file = project.root().resolve(v.path()).normalize();
        if (Files.isRegularFile(file) && Fingerprints.fingerprint(file).sha256().equals(v.sha256())) {
            return file(spec, file, file, declaredFor(v.path(), name), types, progress);
        }
        String commit = v.commitSha() != null ? v.commitSha() : committedWithHash(v.path(), v.sha256());
        if (commit == null || repo == null) {
            throw new UserError("The bytes of " + name + "@" + version + " are gone: " + v.path() + " changed and no "
                    + "commit holds that version.", "Compare with a committed version, or restore the file.");
        }
        return revision(spec, commit, v.path(), types, progress);
    }

    private String committedWithHash(String path, String sha256) {
        return repo == null ? null : new io.mlwb.data.history.DatasetVersions().commitHolding(repo, path, sha256,
                HISTORY_SEARCH);
    }

    private DatasetConfig declaredFor(String relPath, String name) {
        if (project == null) {
            return null;
        }
        return project.config().datasets().stream().filter(d -> d.name().equals(name)
                || project.resolve(d).equals(project.root().resolve(relPath).normalize())).findFirst().orElse(null);
    }

    private Source revision(String spec, String rev, String relPath, Map<String, ColumnType> types,
                            Progress progress) {
        if (repo == null) {
            throw new UserError("'" + spec + "' names a git revision, but there is no git repository here.",
                    "Run inside the project's repository, or give a file.");
        }
        CommitInfo commit;
        try {
            commit = repo.commitInfo(rev);
        } catch (UserError e) {
            throw new UserError("'" + rev + "' in " + spec + " names no commit.", "Give a commit id, tag, branch or "
                    + "HEAD~N (see `git log -- " + relPath + "`).", ExitCode.BAD_INPUT, e);
        }
        String blob = repo.blobId(commit.sha(), relPath).orElseThrow(() -> new UserError(relPath + " is not in "
                + "revision " + rev + " (commit " + commit.shortSha() + ").", "`git log -- " + relPath
                + "` lists the revisions that hold it."));
        Path tmp;
        try {
            Path dir = Files.createTempDirectory("mlwb-drift");
            tmp = dir.resolve(commit.shortSha() + "-" + Path.of(relPath).getFileName());
            repo.writeBlob(blob, tmp);
        } catch (IOException e) {
            throw new UserError("Cannot extract " + spec + ": " + e.getMessage(), "Check the temporary folder.",
                    ExitCode.BAD_INPUT, e);
        }
        try {
            Path original = project == null ? Path.of(relPath) : project.root().resolve(relPath).normalize();
            Source s = file(spec, tmp, original, declaredFor(relPath, Path.of(relPath).getFileName().toString()),
                    types, progress);
            return new Source(s.spec(), commit.shortSha() + ":" + relPath, s.dataset(), s.path(), s.sha256(),
                    commit.sha(), s.sizeBytes(), s.table(), s.config(), s.warnings());
        } finally {
            try {
                Files.deleteIfExists(tmp);
                Files.deleteIfExists(tmp.getParent());
            } catch (IOException e) {
                LOG.debug("Could not delete {}: {}", tmp, e.getMessage());
            }
        }
    }

    /** Reads {@code bytes}, recorded as the file at {@code original}. */
    private Source file(String spec, Path bytes, Path original, DatasetConfig declared, Map<String, ColumnType> types,
                        Progress progress) {
        DatasetConfig config = declared != null ? declared : project == null ? null : project.config().datasets()
                .stream().filter(d -> project.resolve(d).equals(original.toAbsolutePath().normalize())).findFirst()
                .orElse(null);
        ReadOptions options = config == null ? ReadOptions.defaults() : ReadOptions.from(config);
        if (!types.isEmpty()) {
            Map<String, ColumnType> merged = new LinkedHashMap<>(types);
            if (config != null) {
                merged.putAll(config.columnTypes());
            }
            options = options.withColumnTypes(merged);
        }
        // The content is hashed while it is parsed, from the bytes the reader read (not by reading the file again:
        // 114 MB less copied per side of the 1M x 20 benchmark, and the digest describes exactly the parsed bytes).
        // The git blob id (a second digest, SHA-1) only where committed() can use it, a working-tree file inside the
        // project's repository (about 0.15 s of CPU saved on two 114 MB files outside one). A Parquet file is read
        // its own way, so its file is hashed on the side as before.
        boolean blobId = repo != null && project != null && bytes.equals(original);
        AtomicReference<CompletableFuture<Hashes>> hashing = new AtomicReference<>();
        if (TableReader.isParquet(bytes, options.format())) {
            hashing.set(CompletableFuture.supplyAsync(() -> Hashes.of(bytes, null, blobId)));
        }
        if (catalog != null) {
            new io.mlwb.data.read.PersonalDataReads(catalog).record(config, spec, "drift",
                    System.getProperty("user.name", "unknown"));
        }
        ReadResult read;
        try {
            read = reader.read(bytes, options, progress,
                    content -> hashing.set(CompletableFuture.supplyAsync(() -> Hashes.of(bytes, content, blobId))));
        } catch (RuntimeException e) {
            if (hashing.get() != null) {
                hashing.get().cancel(true);
            }
            throw e;
        }
        Hashes fp;
        try {
            fp = hashing.get().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        String rel = relative(original);
        String name = config != null ? config.name() : stem(original);
        return new Source(spec, rel, name, rel, fp.sha256(), fp.gitBlobId() == null ? null
                : committed(bytes, original, fp.gitBlobId()), fp.size(), read.table(), config, read.warnings());
    }

    /** A file's SHA-256 and size, with its git blob id when it was computed (else null). */
    private record Hashes(String sha256, String gitBlobId, long size) {
        static Hashes of(FileFingerprint fp) {
            return new Hashes(fp.sha256(), fp.gitBlobId(), fp.size());
        }

        /**
         * @param file    the file
         * @param content its bytes, already read, or null to read the file
         * @param blobId  whether the git blob id is wanted too
         */
        static Hashes of(Path file, byte[] content, boolean blobId) {
            if (blobId) {
                return of(content == null ? Fingerprints.fingerprint(file) : Fingerprints.fingerprint(file, content));
            }
            return content == null ? sha256(file) : sha256(content);
        }

        /** SHA-256 alone, of content already read. */
        static Hashes sha256(byte[] content) {
            try {
                MessageDigest md = MessageDigest.getInstance("SHA-256");
                return new Hashes(HexFormat.of().formatHex(md.digest(content)), null, content.length);
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is not available", e);
            }
        }

        /** SHA-256 alone, read as {@link Fingerprints} reads: one 1 MiB buffer, front to back. */
        static Hashes sha256(Path file) {
            try {
                MessageDigest md = MessageDigest.getInstance("SHA-256");
                byte[] buffer = new byte[1 << 20];
                long size = 0;
                try (java.io.InputStream in = new java.io.FileInputStream(file.toFile())) {
                    int n;
                    while ((n = in.read(buffer)) >= 0) {
                        md.update(buffer, 0, n);
                        size += n;
                    }
                }
                return new Hashes(HexFormat.of().formatHex(md.digest()), null, size);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java platform has SHA-256", e);
            } catch (IOException e) {
                throw new UserError("Cannot read " + file + ": " + e.getMessage(), "Check that the file exists and "
                        + "is readable.", ExitCode.BAD_INPUT, e);
            }
        }
    }

    /** HEAD, when the working-tree file is what HEAD holds (so the recorded version can be read back from git). */
    private String committed(Path bytes, Path original, String gitBlobId) {
        if (repo == null || !bytes.equals(original) || project == null
                || !original.toAbsolutePath().normalize().startsWith(repo.root().toAbsolutePath().normalize())) {
            return null;
        }
        try {
            String rel = repo.root().toAbsolutePath().normalize().relativize(original.toAbsolutePath().normalize())
                    .toString().replace('\\', '/');
            Optional<CommitInfo> head = repo.head();
            return head.isPresent() && repo.blobId(head.get().sha(), rel).map(gitBlobId::equals).orElse(false)
                    ? head.get().sha() : null;
        } catch (RuntimeException e) {
            LOG.debug("Cannot tell whether {} is committed: {}", original, e.getMessage());
            return null;
        }
    }

    private Source logs(String spec, Path dir, Map<String, ColumnType> types, Progress progress) {
        RequestLogReader.Result r = new RequestLogReader().read(dir, new RequestLogReader.Options(null, null, null,
                null, types), progress);
        String sha;
        long size = 0;
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Path f : r.files()) {
                md.update(f.getFileName().toString().getBytes(StandardCharsets.UTF_8));
                md.update(Fingerprints.fingerprint(f).sha256().getBytes(StandardCharsets.UTF_8));
                size += Files.size(f);
            }
            sha = HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException | IOException e) {
            throw new UserError("Cannot fingerprint the request logs in " + dir + ": " + e.getMessage(),
                    "Check the folder.", ExitCode.BAD_INPUT, e);
        }
        List<String> warnings = new ArrayList<>(r.warnings());
        warnings.addAll(r.read().warnings());
        String rel = relative(dir);
        return new Source(spec, rel + " (" + r.instances() + " requests' instances)", "requests:" + rel, rel, sha,
                null, size, r.read().table(), null, warnings);
    }

    private String relative(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        if (project != null && abs.startsWith(project.root())) {
            return project.root().relativize(abs).toString().replace('\\', '/');
        }
        return abs.toString();
    }

    private static String stem(Path p) {
        String n = p.getFileName().toString();
        int dot = n.indexOf('.');
        return (dot > 0 ? n.substring(0, dot) : n).toLowerCase(Locale.ROOT);
    }

    private String known() {
        return project == null || project.config().datasets().isEmpty() ? "" : " (declared: " + String.join(", ",
                project.config().datasets().stream().map(DatasetConfig::name).toList()) + ")";
    }

    // ---------------------------------------------------------------- recording

    private long store(Source ref, Source cur, DatasetDrift drift, String actor, Long modelVersionId) {
        DatasetRepository datasets = new DatasetRepository(catalog);
        long refVersion = version(datasets, ref);
        long curVersion = version(datasets, cur);
        String json;
        try {
            json = JSON.writeValueAsString(drift.toJson());
        } catch (IOException e) {
            throw new IllegalStateException("a drift report always serialises", e);
        }
        return catalog.inTransaction("record a drift report", c -> {
            long id;
            try (PreparedStatement st = c.prepareStatement("INSERT INTO drift_report(reference_version_id, "
                    + "current_version_id, report, drifted, model_version_id) VALUES (?, ?, ?, ?, ?) RETURNING id")) {
                st.setLong(1, refVersion);
                st.setLong(2, curVersion);
                st.setString(3, json);
                st.setInt(4, drift.datasetDrift() ? 1 : 0);
                if (modelVersionId == null) {
                    st.setNull(5, java.sql.Types.INTEGER);
                } else {
                    st.setLong(5, modelVersionId);
                }
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
            }
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("reference", ref.label());
            d.put("current", cur.label());
            d.put("dataset_drift", drift.datasetDrift());
            d.put("drift_share", drift.share());
            d.put("drifted_columns", drift.drifted());
            new AuditLog(catalog).append(c, actor, AUDIT_REPORT, "drift_report", Long.toString(id), d);
            return id;
        });
    }

    private static long version(DatasetRepository datasets, Source s) {
        DatasetRecord ds = datasets.register(s.dataset(), null);
        Optional<DatasetVersionRecord> same = datasets.versions(ds.id()).stream()
                .filter(v -> v.sha256().equals(s.sha256())).findFirst();
        if (same.isPresent()) {
            return same.get().id();
        }
        return datasets.addVersion(ds.id(), new NewDatasetVersion(s.path(), s.sha256(), null, s.commit(),
                s.sizeBytes(), (long) s.table().rowCount(), (long) s.table().columns().size())).id();
    }

}
