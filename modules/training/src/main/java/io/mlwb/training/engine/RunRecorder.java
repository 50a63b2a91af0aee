package io.mlwb.training.engine;

import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.audit.AuditLog;
import io.mlwb.catalog.metrics.MetricKind;
import io.mlwb.catalog.metrics.MetricWriter;
import io.mlwb.catalog.run.RunFiles;
import io.mlwb.catalog.run.RunRepository;
import io.mlwb.catalog.run.RunStatus;
import io.mlwb.vcs.fingerprint.Fingerprints;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one run to the catalog while it trains: per-step and per-epoch metrics through the batched writer,
 * checkpoints, artifacts, pause/resume status, the end and its audit entry. A catalog failure is logged once and ends
 * recording; training goes on.
 */
class RunRecorder implements AutoCloseable {
    /** Records nothing. */
    static final RunRecorder NONE = new RunRecorder(null, null, null, null);

    private static final Logger LOG = LoggerFactory.getLogger(RunRecorder.class);

    private final Catalog catalog;
    private final Path root;
    private final Long runId;
    private final Clock clock;
    private final MetricWriter writer;
    /** Catalog writes that need not hold up training (checkpoint rows), in order, off the training thread. */
    private final java.util.concurrent.ExecutorService background;
    private volatile boolean broken;
    private io.mlwb.telemetry.SystemSampler sampler;
    private final java.util.concurrent.atomic.AtomicLong samples = new java.util.concurrent.atomic.AtomicLong();

    private RunRecorder(Catalog catalog, Path root, Long runId, Clock clock) {
        this.catalog = catalog;
        this.root = root;
        this.runId = runId;
        this.clock = clock;
        this.writer = catalog == null ? null : new MetricWriter(catalog, MetricWriter.Options.defaults());
        this.background = catalog == null ? null : java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "mlwb-run-recorder");
            t.setDaemon(true);
            return t;
        });
    }

    static RunRecorder start(Catalog catalog, Path root, long runId, Clock clock) {
        return new RunRecorder(catalog, root, runId, clock);
    }

    static RunRecorder resume(Catalog catalog, Path root, long runId, Clock clock) {
        RunRecorder r = new RunRecorder(catalog, root, runId, clock);
        RunRepository runs = new RunRepository(catalog);
        runs.setStatus(runId, RunStatus.RUNNING);
        runs.untag(runId, TrainingService.TAG_END);
        runs.tag(runId, "mlwb.pid", Long.toString(ProcessHandle.current().pid()));
        return r;
    }

    private boolean on() {
        return catalog != null && !broken;
    }

    private void failed(String what, RuntimeException e) {
        if (!broken) {
            broken = true;
            LOG.warn("Recording of run {} stopped ({}): {}", runId, what, e.getMessage());
        }
    }

    void log(String name, MetricKind kind, long step, double value) {
        if (!on() || !Double.isFinite(value)) {
            return;
        }
        try {
            writer.log(runId, name, kind, step, value, clock.millis());
        } catch (RuntimeException e) {
            failed("metric " + name, e);
        }
    }

    void audit(String action, Map<String, ?> details) {
        if (!on()) {
            return;
        }
        try {
            new AuditLog(catalog).append(System.getProperty("user.name", "unknown"), action, "run",
                    Long.toString(runId), details);
        } catch (RuntimeException e) {
            failed("audit " + action, e);
        }
    }

    /**
     * Samples the machine every interval into {@code sys/*} and {@code gpuN/*} metrics of the run until it ends.
     *
     * @param intervalMs the interval
     * @param gpus       the GPU source, or null when the machine has none
     */
    void startTelemetry(long intervalMs, java.util.function.Supplier<io.mlwb.telemetry.GpuStatus> gpus) {
        if (!on() || sampler != null) {
            return;
        }
        sampler = new io.mlwb.telemetry.SystemSampler(intervalMs, gpus, sample -> {
            long step = samples.incrementAndGet();
            sample.values().forEach((k, v) -> log(k, MetricKind.SYSTEM, step, v));
        });
        sampler.start();
    }

    private void stopTelemetry() {
        if (sampler != null) {
            sampler.tick(); // a last reading up to the run's end, so that a run shorter than the interval has one too
            sampler.close();
            sampler = null;
        }
    }

    /** Facts known once the model is built. */
    void recordSetup(TrainLoop loop, PreparedData data) {
        if (!on()) {
            return;
        }
        try {
            RunRepository runs = new RunRepository(catalog);
            runs.putParams(runId, Map.of("model.parameters", Long.toString(loop.parameterCount()),
                    "steps_per_epoch", Integer.toString(loop.stepsPerEpoch()),
                    "preprocessing", data.preprocessor().summary()));
        } catch (RuntimeException e) {
            failed("params", e);
        }
    }

    TrainingListener listener(TrainingListener extra) {
        return new TrainingListener() {
            @Override
            public void onStep(long step, int epoch, double loss, double lr) {
                log("train/loss", MetricKind.TRAIN, step, loss);
                log("train/lr", MetricKind.TRAIN, step, lr);
                extra.onStep(step, epoch, loss, lr);
            }

            @Override
            public void onEpoch(EpochReport r) {
                log("epoch/train_loss", MetricKind.EVAL, r.epoch(), r.trainLoss());
                log("epoch/lr", MetricKind.EVAL, r.epoch(), r.lr());
                log("epoch/seconds", MetricKind.EVAL, r.epoch(), r.seconds());
                r.metrics().forEach((k, v) -> log("epoch/" + k, MetricKind.EVAL, r.epoch(), v));
                extra.onEpoch(r);
            }

            @Override
            public void onCheckpoint(int epoch, long step, Path file, Map<String, Double> metrics, List<Path> deleted) {
                if (on()) {
                    List<String> gone = new ArrayList<>();
                    deleted.forEach(d -> gone.add(rel(d)));
                    String json = TrainingService.json().valueToTree(metrics).toString();
                    // hashed now: a later epoch may delete this file (keep best K) before the queue writes its row
                    String sha = Fingerprints.fingerprint(file).sha256();
                    background.execute(() -> {
                        try {
                            new RunFiles(catalog).addCheckpoint(runId, epoch, step, rel(file), sha, json, gone);
                        } catch (RuntimeException e) {
                            LOG.warn("Checkpoint row of run {} epoch {} not recorded: {}", runId, epoch, e.getMessage());
                        }
                    });
                }
                extra.onCheckpoint(epoch, step, file, metrics, deleted);
            }

            @Override
            public void onPause(boolean paused) {
                if (on()) {
                    try {
                        new RunRepository(catalog).setStatus(runId, paused ? RunStatus.PAUSED : RunStatus.RUNNING);
                    } catch (RuntimeException e) {
                        failed("status", e);
                    }
                }
                extra.onPause(paused);
            }
        };
    }

    void finalMetrics(Evaluation eval, int step) {
        eval.metrics().forEach((split, m) -> m.forEach((k, v) -> log(split + "/" + k, MetricKind.EVAL, step, v)));
    }

    void artifacts(Path runDir, Evaluation eval, Path model, Path predictions,
                   com.fasterxml.jackson.databind.node.ObjectNode explanation) {
        try {
            Files.createDirectories(runDir);
            Path evalFile = runDir.resolve("evaluation.json");
            Files.writeString(evalFile, eval.json());
            Path explainFile = runDir.resolve("explanation.json");
            if (explanation != null) {
                Files.writeString(explainFile, explanation.toPrettyString());
            }
            if (on()) {
                RunFiles files = new RunFiles(catalog);
                for (Object[] a : new Object[][] {{"model", model}, {"evaluation", evalFile},
                    {"predictions", predictions}, {"explanation", explainFile},
                    {"split", runDir.resolve("split.csv")}}) {
                    Path p = (Path) a[1];
                    if (!Files.exists(p)) {
                        continue;
                    }
                    files.addArtifact(runId, (String) a[0], rel(p), Fingerprints.fingerprint(p).sha256(), Files.size(p));
                }
                String diff = new RunRepository(catalog).get(runId).map(r -> r.dirtyDiff()).orElse(null);
                if (diff != null && !diff.isEmpty()) {
                    Path d = runDir.resolve("dirty.diff");
                    Files.writeString(d, diff);
                    files.addArtifact(runId, "diff", rel(d), Fingerprints.fingerprint(d).sha256(), Files.size(d));
                }
            }
        } catch (IOException e) {
            throw TrainingService.io("cannot write the run's files in " + runDir, e);
        } catch (RuntimeException e) {
            failed("artifacts", e);
        }
    }

    void end(RunStatus status, String how, double cost, String auditAction, Map<String, ?> details) {
        if (catalog == null) {
            return;
        }
        // even after a failed write earlier (recording stopped), the run is ended if the catalog takes it, so it is
        // never left "running"
        broken = false;
        stopTelemetry();
        try {
            drainBackground();
            writer.flush();
            RunRepository runs = new RunRepository(catalog);
            if (how != null) {
                runs.tag(runId, TrainingService.TAG_END, how);
            }
            runs.finish(runId, status, clock.instant(), cost);
        } catch (RuntimeException e) {
            failed("end", e);
        }
        audit(auditAction, details);
    }

    /** Waits for the queued catalog writes (checkpoint rows) to land. */
    void drainBackground() {
        if (background == null) {
            return;
        }
        try {
            background.submit(() -> { }).get(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.warn("Recording of run {}: queued writes did not finish: {}", runId, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String rel(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        return abs.startsWith(root) ? root.relativize(abs).toString().replace('\\', '/') : abs.toString();
    }

    @Override
    public void close() {
        stopTelemetry();
        if (background != null) {
            drainBackground();
            background.shutdown();
        }
        if (writer != null) {
            try {
                writer.close();
            } catch (RuntimeException e) {
                failed("close", e);
            }
        }
    }
}
