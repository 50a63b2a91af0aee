package io.mlwb.training.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.audit.AuditLog;
import io.mlwb.catalog.dataset.DatasetRecord;
import io.mlwb.catalog.dataset.DatasetRepository;
import io.mlwb.catalog.dataset.DatasetVersionRecord;
import io.mlwb.catalog.dataset.NewDatasetVersion;
import io.mlwb.catalog.run.NewRun;
import io.mlwb.catalog.run.RunFiles;
import io.mlwb.catalog.run.RunInput;
import io.mlwb.catalog.run.RunRecord;
import io.mlwb.catalog.run.RunRepository;
import io.mlwb.catalog.run.RunStatus;
import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import io.mlwb.core.job.Cancelled;
import io.mlwb.core.job.Progress;
import io.mlwb.core.project.DatasetConfig;
import io.mlwb.core.project.Project;
import io.mlwb.data.read.ReadOptions;
import io.mlwb.data.read.ReadResult;
import io.mlwb.data.read.TableReader;
import io.mlwb.data.table.Column;
import io.mlwb.data.table.NumericColumn;
import io.mlwb.training.spec.LoadedSpec;
import io.mlwb.training.spec.TrainingSpec;
import io.mlwb.training.spec.TrainingSpec.Task;
import io.mlwb.training.spec.TrainingSpecLoader;
import io.mlwb.vcs.CommitInfo;
import io.mlwb.vcs.GitRepo;
import io.mlwb.vcs.fingerprint.FileFingerprint;
import io.mlwb.vcs.fingerprint.Fingerprints;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Local training, the whole use case: the CLI's {@code mlwb train} and the Training pane only call this.
 *
 * <p>{@link #train} resolves the spec (a file with {@code --set} overrides, or a quick baseline that writes the spec it
 * used under {@code training/}), reads the data once with our reader, fingerprints it (SHA-256 and git blob id),
 * records the run before the first step (spec as run, params, git commit + dirty flag + diff of dirty files, data
 * versions, Java/DJL/PyTorch versions, hardware, seed, pid), audits {@code run.start}, trains (deterministic on the
 * CPU for a seed and data version), writes per-step and per-epoch metrics through the catalog's batched writer,
 * checkpoints every N epochs (keeping the best K and the latest), evaluates validation and test, saves the model
 * artifact (weights, fitted preprocessing, input/output signature), and ends the run with its duration and estimated
 * cost, audited as {@code run.finish} or {@code run.stop}.
 *
 * <p>{@link #resume} continues a stopped or interrupted run from its last checkpoint on the same data version;
 * the result equals the uninterrupted run. {@link #markInterrupted} ends runs whose process died (never "running"
 * forever). Without a catalog nothing is recorded and training still works; a catalog failure ends recording,
 * not training.
 *
 * <p>Thread-safety: one call at a time per instance; a run's listener and control may be used from other threads.
 */
public final class TrainingService {
    /** Audit action: a run started. */
    public static final String AUDIT_START = "run.start";
    /** Audit action: a run ended normally. */
    public static final String AUDIT_FINISH = "run.finish";
    /** Audit action: a run was stopped (by the person, or failed). */
    public static final String AUDIT_STOP = "run.stop";
    /** Audit action: a new run started from another run's checkpoint. */
    public static final String AUDIT_FORK = "run.fork";
    /** Tag of a run started from another run's checkpoint: {@code <run id>@<epoch>}. */
    public static final String TAG_FORKED_FROM = "mlwb.forked_from";
    /** Audit action: a run resumed from a checkpoint. */
    public static final String AUDIT_RESUME = "run.resume";
    /** Audit action: a run whose process died was marked interrupted. */
    public static final String AUDIT_INTERRUPTED = "run.interrupted";
    /** Audit action: a run was deleted with its files. */
    public static final String AUDIT_DELETE = "run.delete";
    /** Tag holding how a run ended when its status alone does not say it: {@code interrupted}, {@code early_stopped}. */
    public static final String TAG_END = "mlwb.end";

    private static final Logger LOG = LoggerFactory.getLogger(TrainingService.class);
    /** Records become snake_case JSON objects (evaluation.json, preprocessing.json, model.json). */
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .setPropertyNamingStrategy(com.fasterxml.jackson.databind.PropertyNamingStrategies.SNAKE_CASE);

    private final Project project;
    private final GitRepo repo;
    private final Catalog catalog;
    private final TrainingSettings settings;
    private final Clock clock;
    private final TableReader reader = new TableReader();
    private io.mlwb.telemetry.HardwareFacts hardware;

    /**
     * @param project  the project (root and configuration)
     * @param repo     its git repository, or null when it has none
     * @param catalog  its catalog, or null (nothing is recorded then)
     * @param settings cost rates, telemetry
     * @param clock    time source
     */
    public TrainingService(Project project, GitRepo repo, Catalog catalog, TrainingSettings settings, Clock clock) {
        this.project = project;
        this.repo = repo;
        this.catalog = catalog;
        this.settings = settings;
        this.clock = clock;
    }

    /** The spec a request resolves to, before any training. */
    record Resolved(LoadedSpec loaded, String yaml, Path specFile, List<String> overrides) {
    }

    /**
     * Resolves and validates the spec of a request without training (for the pane's form and {@code --dry-run}).
     *
     * @param request what to train
     * @return the spec
     * @throws UserError when the spec or the data cannot be used
     */
    public LoadedSpec check(TrainRequest request) {
        return resolve(request).loaded();
    }

    Resolved resolve(TrainRequest request) {
        if (request.resumeRun() != null) {
            RunRecord run = runs().get(request.resumeRun()).orElseThrow(() -> new UserError(
                    "there is no run " + request.resumeRun() + " in this project's catalog",
                    "List runs with `mlwb runs list` and pick an id."));
            String yaml;
            try {
                yaml = JSON.readTree(run.specJson()).path("yaml").asText(null);
            } catch (IOException | RuntimeException e) {
                yaml = null;
            }
            if (yaml == null) {
                throw new UserError("run " + run.id() + " has no training spec recorded, so it cannot resume",
                        "Only runs trained by mlwb can resume.");
            }
            if (request.fork()) {
                yaml = SpecText.applyOverrides(yaml, request.overrides());
            }
            return new Resolved(new TrainingSpecLoader().parse(yaml, "run " + run.id() + " spec"
                    + (request.fork() && !request.overrides().isEmpty() ? " (with --set)" : ""), project.config()),
                    yaml, null, request.fork() ? request.overrides() : List.of());
        }
        if (request.quick() != null) {
            return resolveQuick(request.quick());
        }
        if (request.specFile() == null) {
            throw new UserError("nothing to train: give a spec file, or --data and --target",
                    "Run `mlwb train training/<spec>.yaml`, or `mlwb train --data FILE --target COLUMN`.");
        }
        Path file = project.root().resolve(request.specFile()).normalize();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UserError("training spec " + request.specFile() + " does not exist",
                    "Check the path; specs live in the project's training/ folder.");
        } catch (IOException e) {
            throw new UserError("cannot read training spec " + file + ": " + e.getMessage(),
                    "Check the file is readable.", ExitCode.BAD_INPUT, e);
        }
        String yaml = SpecText.applyOverrides(text, request.overrides());
        String name = request.overrides().isEmpty() ? rel(file) : rel(file) + " (with --set)";
        return new Resolved(new TrainingSpecLoader().parse(yaml, name, project.config()), yaml, file,
                request.overrides());
    }

    private Resolved resolveQuick(TrainRequest.Quick q) {
        if (q.dataFile() == null || q.target() == null || q.target().isBlank()) {
            throw new UserError("a quick baseline needs --data FILE and --target COLUMN",
                    "Run e.g. `mlwb train --data data/loans.csv --target defaulted`.");
        }
        Path data = q.dataFile().isAbsolute() ? q.dataFile() : project.root().resolve(q.dataFile()).normalize();
        if (!Files.isRegularFile(data)) {
            Path cwd = q.dataFile().toAbsolutePath().normalize();
            if (Files.isRegularFile(cwd)) {
                data = cwd;
            } else {
                throw new UserError("no data file " + q.dataFile() + " (looked in " + project.root() + ")",
                        "Give the path of a CSV or Parquet file, relative to the project folder.");
            }
        }
        Path dataAbs = data;
        if (!data.startsWith(project.root())) {
            throw new UserError("data file " + data + " is outside the project " + project.root(),
                    "Copy it into the project (e.g. its data/ folder) so the run can record and reproduce it.");
        }
        String dataPath = rel(data);
        ReadResult read = reader.read(data, ReadOptions.defaults(), Progress.NONE);
        Column target = read.table().column(q.target()).orElseThrow(
                () -> UserError.missingColumn(dataAbs, q.target(), read.table().names()));
        Task task = looksLikeRegression(target) ? Task.REGRESSION : Task.CLASSIFICATION;
        String yaml = SpecText.quickSpec(q, dataPath, task);
        if (task == Task.CLASSIFICATION && distinctValues(target) > 2) {
            // more than two classes: a softmax over the classes
            yaml = yaml.replace("loss:\n  type: bce\n", "loss:\n  type: cross_entropy\n");
        }
        String model = q.model() == null ? (task == Task.REGRESSION ? "linear" : "logistic")
                : q.model().toLowerCase(Locale.ROOT);
        Path specFile = project.root().resolve("training").resolve(SpecText.stem(data) + "_" + model + ".yaml");
        LoadedSpec loaded = new TrainingSpecLoader().parse(yaml, rel(specFile), project.config());
        try {
            Files.createDirectories(specFile.getParent());
            Files.writeString(specFile, yaml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserError("cannot write the spec " + specFile + ": " + e.getMessage(),
                    "Check the project folder is writable.", ExitCode.BAD_INPUT, e);
        }
        return new Resolved(loaded, yaml, specFile, List.of());
    }

    private static int distinctValues(Column target) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < target.size() && seen.size() <= 2; i++) {
            if (!target.isMissing(i)) {
                seen.add(target instanceof io.mlwb.data.table.CategoricalColumn c ? c.value(i)
                        : target instanceof NumericColumn n ? Double.toString(n.values()[i]) : "b" + i % 2);
            }
        }
        return seen.size();
    }

    private static boolean looksLikeRegression(Column target) {
        if (!(target instanceof NumericColumn n)) {
            return false;
        }
        Set<Double> distinct = new HashSet<>();
        for (int i = 0; i < n.size() && distinct.size() <= 2; i++) {
            if (!n.isMissing(i)) {
                distinct.add(n.values()[i]);
            }
        }
        return distinct.size() > 2;
    }

    /**
     * Trains a spec, a quick baseline, or resumes a run.
     *
     * @param request  what to train
     * @param listener extra reports (the pane's charts, the CLI's progress), or null
     * @param control  pause and stop, or null
     * @param progress progress; a cancel stops the run like {@link TrainingControl#stop()}
     * @return the result
     * @throws UserError for a bad spec, data that cannot be trained on, or a diverged loss
     */
    public TrainResult train(TrainRequest request, TrainingListener listener, TrainingControl control,
                             Progress progress) {
        long t0 = System.nanoTime();
        warmTablesaw();
        TrainingListener extra = listener == null ? new TrainingListener() { } : listener;
        TrainingControl ctl = control == null ? new TrainingControl() : control;
        Resolved resolved = resolve(request);
        TrainingSpec spec = resolved.loaded().spec();
        List<String> warnings = new ArrayList<>();
        resolved.loaded().warnings().forEach(w -> warnings.add(w.toString()));
        DatasetConfig dataset = spec.dataset().resolve(project.config());
        Path dataFile = pinned(spec, project.resolve(dataset));
        progress.report(0, "reading " + rel(dataFile));
        if (catalog != null && dataset.personalData()) {
            new io.mlwb.data.read.PersonalDataReads(catalog).record(dataset, spec.dataset().version() == null
                    ? rel(dataFile) : dataset.name() + "@" + spec.dataset().version(),
                    "train " + (resolved.specFile() == null ? "" : rel(resolved.specFile())), actor());
        }
        ReadResult read = reader.read(dataFile, ReadOptions.from(dataset), Progress.NONE);
        warnings.addAll(read.warnings());
        PreparedData data = DataPreparation.prepare(read.table(), dataFile, spec, dataset);
        warnings.addAll(data.warnings());
        Device device = chooseDevice(spec, warnings);

        RunRecorder rec = RunRecorder.NONE;
        Path runDir;
        Long runId = null;
        RunRecord resumed = null;
        RunRecord forkOf = null;
        RunFiles.Checkpoint forkPoint = null;
        TrainRequest asRecorded = request;
        if (request.fork()) {
            forkOf = runs().get(request.resumeRun()).orElseThrow();
            long wanted = request.checkpoint();
            forkPoint = new RunFiles(catalog).checkpoints(forkOf.id()).stream().filter(c -> c.id() == wanted)
                    .findFirst().orElseThrow(() -> new UserError("run " + request.resumeRun() + " has no checkpoint "
                            + wanted, "Pick one of the run's checkpoints (run detail, Checkpoints tab)."));
            if (!Files.isRegularFile(project.root().resolve(forkPoint.path()))) {
                throw new UserError("checkpoint " + forkPoint.path() + " is no longer on disk (only the best K and "
                        + "the latest are kept)", "Pick a checkpoint that is still kept.");
            }
            if (request.runName() == null) {
                asRecorded = request.named(forkOf.name() + " from epoch " + forkPoint.epoch());
            }
        } else if (request.resumeRun() != null) {
            resumed = runs().get(request.resumeRun()).orElseThrow();
            if (resumed.status() == RunStatus.RUNNING || resumed.status() == RunStatus.PAUSED) {
                if (processAlive(request.resumeRun())) {
                    throw new UserError("run " + resumed.id() + " is still running",
                            "Stop it first, or wait for it to end.");
                }
            }
            if (resumed.status() == RunStatus.FINISHED) {
                throw new UserError("run " + resumed.id() + " finished; there is nothing to resume",
                        "Train the spec again for a new run.");
            }
        }
        FileFingerprint fp = fingerprint(dataFile);
        if (resumed != null) {
            checkSameData(resumed, fp);
        }
        if (forkOf != null) {
            checkSameData(forkOf, fp);
        }
        if (catalog != null && settings.recording()) {
            try {
                if (resumed != null) {
                    runId = resumed.id();
                    rec = RunRecorder.resume(catalog, project.root(), runId, clock);
                } else {
                    runId = createRun(asRecorded, resolved, data, device, dataset, dataFile, fp);
                    rec = RunRecorder.start(catalog, project.root(), runId, clock);
                }
                if (settings.telemetryMs() > 0) {
                    rec.startTelemetry(settings.telemetryMs(), hardware().gpus().isEmpty() ? null
                            : new io.mlwb.telemetry.NvidiaSmi()::query);
                }
            } catch (UserError | Cancelled e) {
                throw e;
            } catch (RuntimeException e) {
                LOG.warn("Not recording this run: {}", e.getMessage());
                warnings.add("the run is not recorded in the catalog: " + e.getMessage());
            }
        }
        runDir = project.root().resolve(Project.STATE_DIR).resolve("runs")
                .resolve(runId == null ? "unrecorded-" + System.currentTimeMillis() : Long.toString(runId));
        Path checkpointDir = runDir.resolve("checkpoints");

        TrainLoop.End end;
        TrainLoop loop = new TrainLoop(spec, data, device, (y, p) -> Evaluation.epoch(spec, y, p));
        try {
            if (forkOf != null && runId != null) {
                copyHistory(forkOf.id(), runId, forkPoint);
                runs().tag(runId, TAG_FORKED_FROM, forkOf.id() + "@" + forkPoint.epoch());
            }
            if (forkOf != null) {
                loop.load(project.root().resolve(forkPoint.path()));
                rec.audit(AUDIT_FORK, Map.of("from_run", forkOf.id(), "from_epoch", forkPoint.epoch(),
                        "checkpoint", forkPoint.path(), "overrides", request.overrides()));
                LOG.info("Run {} starts from run {} after epoch {}", runId, forkOf.id(), forkPoint.epoch());
            }
            if (resumed != null) {
                RunFiles.Checkpoint last = new RunFiles(catalog).latestCheckpoint(resumed.id()).orElseThrow(
                        () -> new UserError("run " + request.resumeRun() + " has no checkpoint to resume from",
                                "Train the spec again for a new run."));
                loop.load(project.root().resolve(last.path()));
                rec.audit(AUDIT_RESUME, Map.of("from_epoch", last.epoch(), "checkpoint", last.path()));
                LOG.info("Resuming run {} after epoch {}", runId, last.epoch());
            }
            rec.recordSetup(loop, data);
            TrainingListener both = rec.listener(extra);
            end = loop.run(checkpointDir, both, ctl, progress);
            if (loop.epochDone() == 0 || end == TrainLoop.End.STOPPED) {
                double seconds = (System.nanoTime() - t0) / 1e9;
                double cost = cost(device, seconds);
                rec.end(RunStatus.STOPPED, null, cost, AUDIT_STOP, Map.of("epoch", loop.epochDone(),
                        "reason", progress.cancelled() ? "cancelled" : "stopped"));
                return new TrainResult(runId, RunStatus.STOPPED, "stopped", loop.epochDone(), loop.bestEpoch(),
                        Map.of(), Double.NaN, null, resolved.specFile(), runDir, seconds, cost, warnings);
            }
            progress.report(0.98, "evaluating");
            Evaluation eval = Evaluation.of(spec, data, loop);
            com.fasterxml.jackson.databind.node.ObjectNode mitigation = Mitigations.report(spec, data, eval,
                    () -> twinWithoutWeights(spec, data, device, runDir));
            if (mitigation != null) {
                eval.details().set("mitigation", mitigation);
            }
            progress.report(0.99, "explaining");
            com.fasterxml.jackson.databind.node.ObjectNode explanation = explain(spec, data, loop, eval, warnings);
            Path model = ModelArtifact.write(runDir.resolve("model.zip"), spec, resolved.yaml(), data, loop, eval);
            Path predictions = Frames.writePredictions(runDir.resolve("predictions-test.csv"), read.table(), dataset,
                    data, spec.task(), eval);
            writeSplit(runDir.resolve("split.csv"), data);
            rec.artifacts(runDir, eval, model, predictions, explanation);
            rec.finalMetrics(eval, loop.bestEpoch());
            double seconds = (System.nanoTime() - t0) / 1e9;
            double cost = cost(device, seconds);
            String how = end == TrainLoop.End.EARLY_STOPPED ? "early_stopped" : "finished";
            rec.end(RunStatus.FINISHED, how, cost, AUDIT_FINISH, Map.of("epochs", loop.epochDone(),
                    "best_epoch", loop.bestEpoch(), "end", how));
            String overBudget = budgetWarning();
            if (overBudget != null) {
                warnings.add(overBudget);
                LOG.warn("{}", overBudget);
            }
            return new TrainResult(runId, RunStatus.FINISHED, how, loop.epochDone(), loop.bestEpoch(),
                    eval.metrics(), eval.threshold(), model, resolved.specFile(), runDir, seconds, cost, warnings);
        } catch (RuntimeException | Error e) {
            double seconds = (System.nanoTime() - t0) / 1e9;
            String why = UserError.find(e).map(UserError::getMessage).orElse(String.valueOf(e.getMessage()));
            rec.end(RunStatus.FAILED, "failed", cost(device, seconds), AUDIT_STOP, Map.of("reason", why));
            throw e;
        } finally {
            rec.close();
            loop.close();
        }
    }

    /**
     * Copies a run's training and per-epoch metric points up to a checkpoint into the run started from it, so its
     * charts and epoch table begin where the other run was (system series are not copied: another process measured
     * them).
     */
    private void copyHistory(long from, long to, RunFiles.Checkpoint at) {
        io.mlwb.catalog.metrics.MetricSeriesReader reader = new io.mlwb.catalog.metrics.MetricSeriesReader(catalog);
        try (io.mlwb.catalog.metrics.MetricWriter w = new io.mlwb.catalog.metrics.MetricWriter(catalog,
                io.mlwb.catalog.metrics.MetricWriter.Options.defaults())) {
            for (String name : reader.names(from)) {
                for (io.mlwb.catalog.metrics.MetricKind kind : List.of(io.mlwb.catalog.metrics.MetricKind.TRAIN,
                        io.mlwb.catalog.metrics.MetricKind.EVAL)) {
                    io.mlwb.catalog.metrics.MetricSeries s = reader.read(from, name, kind);
                    long limit = kind == io.mlwb.catalog.metrics.MetricKind.EVAL ? at.epoch() : at.step();
                    for (int i = 0; i < s.size() && s.steps()[i] <= limit; i++) {
                        w.log(to, name, kind, s.steps()[i], s.values()[i], s.times()[i]);
                    }
                }
            }
        }
    }

    /** The test predictions of the same spec, seed and data trained without the reweighing row weights. */
    private static double[] twinWithoutWeights(TrainingSpec spec, PreparedData data, Device device, Path runDir) {
        PreparedData.Part t = data.train();
        PreparedData plain = new PreparedData(data.preprocessor(), data.target(), data.featureColumns(),
                new PreparedData.Part(t.name(), t.rows(), t.x(), t.y(), t.groups(), null), data.validation(),
                data.test(), data.sensitive(), data.warnings(), data.facts());
        try (TrainLoop twin = new TrainLoop(spec, plain, device, (y, p) -> Evaluation.epoch(spec, y, p))) {
            twin.run(runDir.resolve("twin-without-reweighing"), new TrainingListener() { }, new TrainingControl(),
                    Progress.NONE);
            return twin.predict(data.test().x(), data.test().size());
        } finally {
            deleteTree(runDir.resolve("twin-without-reweighing"));
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.debug("Could not delete {}: {}", dir, e.getMessage());
        }
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode explain(TrainingSpec spec, PreparedData data,
            TrainLoop loop, Evaluation eval, List<String> warnings) {
        try {
            return Explanations.of(spec, data, loop, eval);
        } catch (IllegalArgumentException e) {
            // e.g. a validation split with one class: no AUC to permute against
            warnings.add("no explanations for this run: " + e.getMessage());
            return null;
        }
    }

    /** Which split each data row went to ({@code row,split}, rows 1-based as in the file), for reproduction. */
    private static void writeSplit(Path file, PreparedData data) {
        StringBuilder sb = new StringBuilder("row,split\n");
        for (PreparedData.Part part : List.of(data.train(), data.validation(), data.test())) {
            for (int r : part.rows()) {
                sb.append(r + 1).append(',').append(part.name()).append('\n');
            }
        }
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, sb);
        } catch (IOException e) {
            throw io("cannot write " + file, e);
        }
    }

    /** The data file as committed at {@code dataset.version}, written to the state folder; else the working copy. */
    private Path pinned(TrainingSpec spec, Path working) {
        String version = spec.dataset().version();
        if (version == null) {
            return working;
        }
        if (repo == null) {
            throw new UserError("dataset.version " + version + " needs a git repository, and this project has none",
                    "Remove dataset.version to train on the working copy.");
        }
        String relPath = repo.root().relativize(working.toAbsolutePath().normalize()).toString().replace('\\', '/');
        String blob = repo.blobId(version, relPath).orElseThrow(() -> new UserError("dataset.version " + version
                + " has no " + relPath, "Check the revision with `git log -- " + relPath + "`."));
        Path out = project.root().resolve(Project.STATE_DIR).resolve("data").resolve(blob + "-"
                + working.getFileName());
        if (!Files.exists(out)) {
            try {
                Files.createDirectories(out.getParent());
            } catch (IOException e) {
                throw io("cannot create " + out.getParent(), e);
            }
            repo.writeBlob(blob, out);
        }
        return out;
    }

    /**
     * Tablesaw's first use costs about 0.35 s (it scans the class path; decision 0006); start it while the data is
     * read and the model trains, so the predictions export at the end does not wait for it.
     */
    private static void warmTablesaw() {
        Thread t = new Thread(() -> {
            try {
                Class.forName("tech.tablesaw.api.Table");
            } catch (ClassNotFoundException | LinkageError e) {
                LOG.debug("Tablesaw not warmed: {}", e.getMessage());
            }
        }, "mlwb-tablesaw-warm");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    private Device chooseDevice(TrainingSpec spec, List<String> warnings) {
        Engine engine = Engine.getEngine("PyTorch");
        int gpus = engine.getGpuCount();
        Device d = switch (spec.device().kind()) {
            case CPU -> Device.cpu();
            case AUTO -> gpus > 0 ? Device.gpu(0) : Device.cpu();
            case GPU -> {
                if (spec.device().gpuIndex() >= gpus) {
                    throw new UserError("device gpu:" + spec.device().gpuIndex() + " is not available: this machine has "
                            + (gpus == 0 ? "no GPU usable by PyTorch (CPU build or no driver)" : gpus + " GPU(s)"),
                            "Use device: auto or cpu, or build with -Pcuda on a machine with an NVIDIA GPU.");
                }
                yield Device.gpu(spec.device().gpuIndex());
            }
        };
        if (spec.mixedPrecision() && d.isGpu()) {
            warnings.add("mixed_precision is not applied by this engine yet; training runs in float32");
        }
        return d;
    }

    /** Device-hours × the hourly rate of mlwb.yaml's {@code cost:} section, else of the settings. */
    private double cost(Device device, double seconds) {
        io.mlwb.core.project.CostConfig c = project.config().cost();
        double rate = device.isGpu() ? (c.gpuHourUsd() != null ? c.gpuHourUsd() : settings.gpuHourUsd())
                : (c.cpuHourUsd() != null ? c.cpuHourUsd() : settings.cpuHourUsd());
        return seconds / 3600.0 * rate;
    }

    /** A warning when the estimated spend of all runs crossed the project's budget, else null. */
    private String budgetWarning() {
        Double budget = project.config().cost().budgetUsd();
        if (budget == null || catalog == null) {
            return null;
        }
        try {
            double spent = new RunRepository(catalog).totalCostUsd();
            return spent > budget ? String.format(java.util.Locale.ROOT, "the estimated spend of this project's runs, "
                    + "%.2f USD, crosses its budget of %.2f USD (cost.budget_usd in mlwb.yaml)", spent, budget) : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private FileFingerprint fingerprint(Path file) {
        try {
            return Fingerprints.fingerprint(file);
        } catch (RuntimeException e) {
            LOG.warn("Cannot fingerprint {}: {}", file, e.getMessage());
            return null;
        }
    }

    private void checkSameData(RunRecord run, FileFingerprint fp) {
        if (catalog == null || fp == null) {
            return;
        }
        for (RunInput in : runs().inputs(run.id())) {
            new DatasetRepository(catalog).version(in.datasetVersionId()).ifPresent(v -> {
                if (!v.sha256().equals(fp.sha256())) {
                    throw new UserError("the data of run " + run.id() + " changed since it trained (" + v.path()
                            + " had sha256 " + v.sha256().substring(0, 12) + "…, now " + fp.sha256().substring(0, 12)
                            + "…)", "Check out the data version it trained on (git checkout " + run.commitSha()
                            + " -- " + v.path() + ") and resume again.");
                }
            });
        }
    }

    private long createRun(TrainRequest request, Resolved resolved, PreparedData data, Device device,
                           DatasetConfig dataset, Path dataFile, FileFingerprint fp) {
        TrainingSpec spec = resolved.loaded().spec();
        String commit = null;
        Boolean dirty = null;
        String diff = null;
        if (repo != null) {
            try {
                commit = repo.head().map(CommitInfo::sha).orElse(null);
                dirty = repo.isDirty();
                diff = dirty ? repo.dirtyDiff() : null;
            } catch (RuntimeException e) {
                LOG.warn("Cannot read git state for the run: {}", e.getMessage());
            }
        }
        List<RunInput> inputs = new ArrayList<>();
        if (fp != null) {
            String relData = rel(dataFile);
            Long rows = (long) (data.train().size() + data.validation().size() + data.test().size());
            DatasetVersionRecord v = catalog.inTransaction("record data version of " + dataset.name(), c -> {
                DatasetRepository repoDs = new DatasetRepository(catalog);
                DatasetRecord ds = repoDs.register(dataset.name(), null);
                return repoDs.addVersion(ds.id(), new NewDatasetVersion(relData, fp.sha256(), null, null, fp.size(),
                        rows, null));
            });
            inputs.add(new RunInput(v.id(), "train"));
        }
        ObjectNode specJson = JSON.createObjectNode();
        specJson.put("file", resolved.specFile() == null ? null : rel(resolved.specFile()));
        specJson.put("yaml", resolved.yaml());
        specJson.set("overrides", JSON.valueToTree(resolved.overrides()));
        Map<String, String> params = params(spec, data);
        Map<String, String> tags = new TreeMap<>();
        tags.put("mlwb.pid", Long.toString(ProcessHandle.current().pid()));
        tags.put("mlwb.host", host());
        tags.put("mlwb.device", device.toString());
        if (resolved.specFile() != null) {
            tags.put("mlwb.spec", rel(resolved.specFile()));
        }
        tags.put("mlwb.task", spec.task().name().toLowerCase(Locale.ROOT));
        io.mlwb.core.project.CostConfig cost = project.config().cost();
        tags.put("project", cost.project() != null ? cost.project() : project.config().name());
        if (cost.team() != null) {
            tags.put("team", cost.team());
        }
        if (cost.costCentre() != null) {
            tags.put("cost_centre", cost.costCentre());
        }
        String name = request.runName() != null ? request.runName()
                : (resolved.specFile() == null ? "run" : SpecText.stem(resolved.specFile())) + " "
                + DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC).format(clock.instant());
        if (request.parentRun() == null) {
            // A sweep names its trials; a run started on its own must follow the project's rule for run names.
            project.config().naming().check(io.mlwb.core.project.NamingRules.Kind.RUN, name).ifPresent(problem -> {
                throw new UserError(problem, request.runName() == null
                        ? "Name the run so that it matches, e.g. `mlwb train SPEC --name NAME`."
                        : "Choose a name that matches the rule, or change naming.run in mlwb.yaml.");
            });
        }
        NewRun run = NewRun.named(name)
                .withPlacement(null, request.parentRun())
                .withGit(commit, Boolean.TRUE.equals(dirty), diff)
                .withEnvironment(spec.seed(), specJson.toString(), versionsJson(), hardwareJson(device))
                .withStartedAt(clock.instant())
                .withDetails(params, tags, inputs);
        if (commit == null) {
            run = new NewRun(run.name(), run.experimentId(), run.parentRunId(), null, dirty, diff, run.seed(),
                    run.specJson(), run.versionsJson(), run.hardwareJson(), run.startedAt(), run.params(), run.tags(),
                    run.inputs());
        }
        RunRecord stored = runs().create(run);
        new AuditLog(catalog).append(actor(), AUDIT_START, "run", Long.toString(stored.id()), Map.of(
                "name", name, "spec", resolved.specFile() == null ? "" : rel(resolved.specFile()),
                "commit", commit == null ? "" : commit, "dirty", Boolean.TRUE.equals(dirty),
                "data_sha256", fp == null ? "" : fp.sha256()));
        return stored.id();
    }

    private static Map<String, String> params(TrainingSpec spec, PreparedData data) {
        Map<String, String> p = new TreeMap<>(data.facts());
        p.put("model.type", spec.model().type().name().toLowerCase(Locale.ROOT));
        if (spec.model().type() == TrainingSpec.ModelType.MLP) {
            p.put("model.layers", spec.model().layers().toString());
            p.put("model.activation", spec.model().activation().name().toLowerCase(Locale.ROOT));
            p.put("model.dropout", Double.toString(spec.model().dropout()));
            p.put("model.batch_norm", Boolean.toString(spec.model().batchNorm()));
        }
        p.put("loss.type", spec.loss().type().name().toLowerCase(Locale.ROOT));
        p.put("optimizer.type", spec.optimizer().type().name().toLowerCase(Locale.ROOT));
        p.put("optimizer.learning_rate", Double.toString(spec.optimizer().learningRate()));
        p.put("optimizer.weight_decay", Double.toString(spec.optimizer().weightDecay()));
        p.put("lr_schedule.type", spec.schedule().type().name().toLowerCase(Locale.ROOT));
        p.put("batch_size", Integer.toString(spec.batchSize()));
        p.put("epochs", Integer.toString(spec.epochs()));
        p.put("seed", Long.toString(spec.seed()));
        p.put("target", spec.target());
        p.put("features", Integer.toString(data.featureColumns().size()));
        return p;
    }

    private String versionsJson() {
        ObjectNode v = JSON.createObjectNode();
        v.put("nvidia_driver", hardware().driver());
        v.put("cuda", hardware().cuda());
        v.put("java", System.getProperty("java.version"));
        v.put("java_vendor", System.getProperty("java.vendor"));
        v.put("djl", Engine.getDjlVersion());
        Engine e = Engine.getEngine("PyTorch");
        v.put("pytorch", e.getVersion());
        v.put("torch_threads", intraOpThreads());
        v.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        return v.toString();
    }

    private static String intraOpThreads() {
        String t = System.getProperty("ai.djl.pytorch.num_threads");
        return t != null ? t : Integer.toString(Runtime.getRuntime().availableProcessors());
    }

    private String hardwareJson(Device device) {
        ObjectNode h = JSON.valueToTree(hardware().toMap());
        h.put("device", device.toString());
        h.put("max_heap_bytes", Runtime.getRuntime().maxMemory());
        h.put("gpu_count", Engine.getEngine("PyTorch").getGpuCount());
        return h.toString();
    }

    /** The machine's facts, read once per service (nvidia-smi is a process start). */
    private io.mlwb.telemetry.HardwareFacts hardware() {
        if (hardware == null) {
            hardware = io.mlwb.telemetry.HardwareFacts.collect(new io.mlwb.telemetry.NvidiaSmi());
        }
        return hardware;
    }

    private static String host() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private String actor() {
        if (repo != null) {
            try {
                var a = repo.author();
                return a.name() + " <" + a.email() + ">";
            } catch (RuntimeException e) {
                // fall through
            }
        }
        return System.getProperty("user.name", "unknown");
    }

    private RunRepository runs() {
        if (catalog == null) {
            throw new UserError("this project's catalog is not available", "Check .mlwb/catalog.db.");
        }
        return new RunRepository(catalog);
    }

    /**
     * Ends the runs left "running" or "paused" by a process that no longer exists (killed, crashed, power cut):
     * they become stopped with the tag {@code mlwb.end=interrupted}, audited, and can be resumed.
     *
     * @return the ids of the runs marked
     */
    public List<Long> markInterrupted() {
        if (catalog == null) {
            return List.of();
        }
        List<Long> marked = new ArrayList<>();
        RunRepository runs = new RunRepository(catalog);
        for (RunRecord r : runs.withStatus(Set.of(RunStatus.RUNNING, RunStatus.PAUSED))) {
            if (processAlive(r.id())) {
                continue;
            }
            runs.tag(r.id(), TAG_END, "interrupted");
            runs.finish(r.id(), RunStatus.STOPPED, clock.instant(), r.costUsd());
            new AuditLog(catalog).append(actor(), AUDIT_INTERRUPTED, "run", Long.toString(r.id()),
                    Map.of("reason", "its process ended without finishing the run"));
            marked.add(r.id());
        }
        return marked;
    }

    /**
     * What the Training pane shows of a run: its status, how it ended, the series its charts draw, and (once finished)
     * its evaluation and explanations.
     *
     * @param status      the run's status, or null when there is no such run
     * @param end         the {@code mlwb.end} tag (interrupted, early_stopped, ...), or null
     * @param series      the chart series by name (absent names are left out)
     * @param evaluation  {@code evaluation.json}, or null
     * @param explanation {@code explanation.json}, or null
     */
    public record RunSnapshot(RunStatus status, String end, Map<String, io.mlwb.catalog.metrics.MetricSeries> series,
                              com.fasterxml.jackson.databind.JsonNode evaluation,
                              com.fasterxml.jackson.databind.JsonNode explanation) {
    }

    /** The series the Training pane draws, with their kinds. */
    private static final Map<String, io.mlwb.catalog.metrics.MetricKind> PANE_SERIES = paneSeries();

    private static Map<String, io.mlwb.catalog.metrics.MetricKind> paneSeries() {
        Map<String, io.mlwb.catalog.metrics.MetricKind> m = new java.util.LinkedHashMap<>();
        for (String n : List.of("train/loss", "train/lr")) {
            m.put(n, io.mlwb.catalog.metrics.MetricKind.TRAIN);
        }
        for (String n : List.of("epoch/train_loss", "epoch/val_loss", "epoch/val_roc_auc", "epoch/val_rmse",
                "epoch/val_accuracy", "epoch/lr", "epoch/seconds")) {
            m.put(n, io.mlwb.catalog.metrics.MetricKind.EVAL);
        }
        for (String n : List.of("sys/cpu_percent", "sys/process_cpu_percent", "gpu0/utilization_percent")) {
            m.put(n, io.mlwb.catalog.metrics.MetricKind.SYSTEM);
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    /**
     * @param runId a run
     * @return what the pane shows of it (read in a few queries; safe to call a few times a second)
     */
    public RunSnapshot snapshot(long runId) {
        return snapshot(runId, null).snapshot();
    }

    /**
     * What the pane shows of a run, with the per-step series read incrementally.
     *
     * @param snapshot the run's state; its per-step series ({@code train/*} and system series) hold only the points
     *                 logged after the cursors passed in, its per-epoch series all their points
     * @param next     the cursors to pass next time, by series name
     */
    public record LiveSnapshot(RunSnapshot snapshot,
                               Map<String, io.mlwb.catalog.metrics.MetricSeriesReader.TailCursor> next) {
    }

    /**
     * A snapshot whose per-step series (the long ones: one point per batch, or per second of telemetry) are read
     * from where the previous call stopped, so a live chart costs the same at step 1,000,000 as at step 1,000.
     * Per-epoch series are read whole (an epoch table has a row per epoch).
     *
     * @param runId   a run
     * @param cursors where the previous call stopped, by series name; null (or a missing name) reads from the start
     * @return the snapshot and the next cursors
     */
    public LiveSnapshot snapshot(long runId,
                                 Map<String, io.mlwb.catalog.metrics.MetricSeriesReader.TailCursor> cursors) {
        RunRepository runs = runs();
        RunRecord run = runs.get(runId).orElse(null);
        if (run == null) {
            return new LiveSnapshot(new RunSnapshot(null, null, Map.of(), null, null), Map.of());
        }
        io.mlwb.catalog.metrics.MetricSeriesReader reader = new io.mlwb.catalog.metrics.MetricSeriesReader(catalog);
        Map<String, io.mlwb.catalog.metrics.MetricSeries> series = new java.util.LinkedHashMap<>();
        Map<String, io.mlwb.catalog.metrics.MetricSeriesReader.TailCursor> next = new java.util.LinkedHashMap<>();
        PANE_SERIES.forEach((name, kind) -> {
            io.mlwb.catalog.metrics.MetricSeries s;
            if (cursors != null && kind != io.mlwb.catalog.metrics.MetricKind.EVAL) {
                io.mlwb.catalog.metrics.MetricSeriesReader.Tail t = reader.readTail(runId, name, kind,
                        cursors.getOrDefault(name, io.mlwb.catalog.metrics.MetricSeriesReader.TailCursor.START));
                next.put(name, t.next());
                s = t.points();
            } else {
                s = reader.read(runId, name, kind);
            }
            if (s.size() > 0) {
                series.put(name, s);
            }
        });
        com.fasterxml.jackson.databind.JsonNode evaluation = null;
        com.fasterxml.jackson.databind.JsonNode explanation = null;
        if (run.status() == RunStatus.FINISHED) {
            for (RunFiles.Artifact a : new RunFiles(catalog).artifacts(runId)) {
                try {
                    if (a.kind().equals("evaluation")) {
                        evaluation = JSON.readTree(project.root().resolve(a.path()).toFile());
                    } else if (a.kind().equals("explanation")) {
                        explanation = JSON.readTree(project.root().resolve(a.path()).toFile());
                    }
                } catch (IOException e) {
                    LOG.debug("Cannot read {}: {}", a.path(), e.getMessage());
                }
            }
        }
        return new LiveSnapshot(new RunSnapshot(run.status(), runs.tags(runId).get(TAG_END), series, evaluation,
                explanation), next);
    }

    /** @return the newest run's id, or 0 when there is none */
    public long latestRunId() {
        List<RunRecord> last = runs().list(0, 1);
        return last.isEmpty() ? 0 : last.get(0).id();
    }

    /** @return the runs training or paused now, oldest first */
    public List<Long> activeRuns() {
        return runs().withStatus(Set.of(RunStatus.RUNNING, RunStatus.PAUSED)).stream().map(RunRecord::id).toList();
    }

    /**
     * The newest stopped run of a spec that has a checkpoint (what {@code mlwb train SPEC --resume-latest} resumes:
     * a run interrupted by a preempted worker, a kill or a stop).
     *
     * @param spec the spec, relative to the project root
     * @return its run id, if any
     */
    public java.util.Optional<Long> latestResumable(Path spec) {
        if (catalog == null) {
            return java.util.Optional.empty();
        }
        String rel = rel(project.root().resolve(spec));
        RunRepository runs = new RunRepository(catalog);
        List<RunRecord> stopped = runs.withStatus(Set.of(RunStatus.STOPPED));
        for (int i = stopped.size() - 1; i >= 0; i--) {
            RunRecord r = stopped.get(i);
            if (rel.equals(runs.tags(r.id()).get("mlwb.spec"))
                    && new RunFiles(catalog).latestCheckpoint(r.id()).isPresent()) {
                return java.util.Optional.of(r.id());
            }
        }
        return java.util.Optional.empty();
    }

    private boolean processAlive(long runId) {
        Map<String, String> tags = runs().tags(runId);
        String pid = tags.get("mlwb.pid");
        String host = tags.get("mlwb.host");
        if (pid == null) {
            return false;
        }
        if (host != null && !host.equals(host())) {
            return true; // another machine's run: we cannot tell, so never mark it
        }
        try {
            long p = Long.parseLong(pid);
            if (p == ProcessHandle.current().pid()) {
                return true;
            }
            return ProcessHandle.of(p).map(ph -> ph.isAlive() && ph.info().command()
                    .map(c -> c.contains("java")).orElse(true)).orElse(false);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private String rel(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        return abs.startsWith(project.root()) ? project.root().relativize(abs).toString().replace('\\', '/')
                : abs.toString();
    }

    /** For the recorder: the JSON mapper. */
    static ObjectMapper json() {
        return JSON;
    }

    /** Thrown to wrap an I/O failure of the run's files. */
    static UncheckedIOException io(String what, IOException e) {
        return new UncheckedIOException(what + ": " + e.getMessage(), e);
    }
}
