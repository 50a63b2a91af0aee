package io.mlwb.deploy.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.run.RunFiles;
import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import io.mlwb.core.job.Progress;
import io.mlwb.core.project.Project;
import io.mlwb.data.table.DataTable;
import io.mlwb.serving.Predictor;
import io.mlwb.serving.onnx.OnnxExport;
import io.mlwb.training.engine.Layer;
import io.mlwb.training.engine.SavedModel;
import io.mlwb.tracking.registry.ModelRef;
import io.mlwb.tracking.registry.ModelRegistry;
import io.mlwb.tracking.registry.ModelVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The serving format of a deployment, the use case: which formats a version can be served in (and why not),
 * the artifact a deployment of a format serves (its recorded export reused while the file on disk is the one the
 * export measured, else exported now through {@link ModelExportService}), and the side-by-side measurement of every
 * format before one is chosen (size, p50 latency through the server's {@link Predictor}, the test metric and its
 * change against the run's). {@code mlwb deploy formats}, {@code mlwb deploy --format}, the deployment's smoke test and
 * the wizard's Format step all call this class.
 *
 * <p>Rules: ONNX needs a network {@link OnnxExport} covers (every model we train today; a layer it does not cover is
 * the reason). int8 is allowed only for a network with a hidden layer: a logistic or linear model is one dense layer
 * whose int8 file is no smaller (its file is mostly preprocessing metadata) and whose quantization error goes
 * straight to the output, so it is refused rather than offered.
 */
public final class ServingFormatService {
    /** A metric change worse than this (ROC AUC, accuracy; for RMSE a relative increase) earns a note. */
    public static final double NOTABLE_LOSS = 0.005;
    /** Timed single-row runs per latency figure of {@link #of} (batches take a tenth). */
    public static final int LATENCY_RUNS = 500;

    private static final Logger LOG = LoggerFactory.getLogger(ServingFormatService.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Project project;
    private final Catalog catalog;
    private final ModelExportService exports;

    /**
     * @param project the project
     * @param catalog its catalog
     * @param exports the export service whose exports and measurement this reuses
     */
    public ServingFormatService(Project project, Catalog catalog, ModelExportService exports) {
        this.project = Objects.requireNonNull(project, "project");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.exports = Objects.requireNonNull(exports, "exports");
    }

    /**
     * @param project the project
     * @param catalog its catalog
     * @return the service over an export service timing {@value #LATENCY_RUNS} runs per single-row figure
     */
    public static ServingFormatService of(Project project, Catalog catalog) {
        String producer = ServingFormatService.class.getPackage().getImplementationVersion();
        return new ServingFormatService(project, catalog, new ModelExportService(project, catalog,
                producer == null ? "dev" : producer, LATENCY_RUNS));
    }

    /**
     * Whether a version can be served in a format.
     *
     * @param format the format
     * @param reason why not, or null when it can
     */
    public record Availability(ServingFormat format, String reason) {
        /** @return whether it can */
        public boolean available() {
            return reason == null;
        }
    }

    /**
     * The file a deployment of a format serves, with what its export measured.
     *
     * @param format      the format
     * @param path        the file, relative to the project root when inside it
     * @param sha256      its digest
     * @param sizeBytes   its size
     * @param maxAbsDiff  the largest difference from the saved model's own test predictions (0 for {@code djl})
     * @param metric      the test metric (roc_auc, accuracy or rmse), or null for {@code djl} before any export
     * @param metricChange the metric's change against the saved model's (0 for {@code djl})
     */
    public record Served(ServingFormat format, String path, String sha256, long sizeBytes, double maxAbsDiff,
                         String metric, double metricChange) {
    }

    /**
     * One format measured for {@link #compare}.
     *
     * @param format       the format
     * @param reason       why it is not available, or null
     * @param file         the file, relative to the project root (null when not available)
     * @param sizeBytes    its size
     * @param sha256       its digest
     * @param p50SingleMs  median latency of scoring one row through {@link Predictor#score} (preprocessing included)
     * @param p50BatchMs   median latency of scoring {@link ModelExportService#BATCH_ROWS} rows
     * @param metricValue  the test metric
     * @param metricChange its change against the run's (the saved model's on the same rows)
     * @param maxAbsDiff   the largest difference from the saved model's test predictions
     * @param notableLoss  whether the metric is worse than the run's by more than {@link #NOTABLE_LOSS}
     */
    public record Measured(ServingFormat format, String reason, String file, Long sizeBytes, String sha256,
                           Double p50SingleMs, Double p50BatchMs, Double metricValue, Double metricChange,
                           Double maxAbsDiff, boolean notableLoss) {
        /** @return whether the format can be served */
        public boolean available() {
            return reason == null;
        }

        Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("format", format.id());
            m.put("label", format.label());
            m.put("available", available());
            m.put("reason", reason);
            m.put("file", file);
            m.put("size_bytes", sizeBytes);
            m.put("sha256", sha256);
            m.put("p50_ms_single", p50SingleMs);
            m.put("p50_ms_batch", p50BatchMs);
            m.put("metric_value", metricValue);
            m.put("metric_change", metricChange);
            m.put("max_abs_diff", maxAbsDiff);
            m.put("notable_loss", notableLoss);
            return m;
        }
    }

    /**
     * Every format of a version side by side.
     *
     * @param model     {@code NAME@N}
     * @param metric    roc_auc, accuracy or rmse
     * @param runMetric the run's test metric (the saved model's, on the run's test split)
     * @param testRows  test rows the metric is computed on
     * @param formats   djl, onnx, onnx-int8 in that order
     */
    public record Comparison(String model, String metric, double runMetric, int testRows, List<Measured> formats) {
        /** Copies the list. */
        public Comparison {
            formats = List.copyOf(formats);
        }

        /**
         * @param f a format
         * @return its row
         */
        public Measured of(ServingFormat f) {
            return formats.stream().filter(m -> m.format() == f).findFirst().orElseThrow();
        }

        /** @return the JSON of {@code mlwb deploy formats --json} (docs/cli.md) */
        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("model", model);
            m.put("metric", metric);
            m.put("run_metric", runMetric);
            m.put("test_rows", testRows);
            m.put("batch_rows", ModelExportService.BATCH_ROWS);
            m.put("latency", "p50 of Predictor.score (preprocessing + model, one replica, one thread) on 1 row and "
                    + "on batch_rows rows of the test split");
            m.put("notable_loss", NOTABLE_LOSS);
            m.put("formats", formats.stream().map(Measured::toJson).toList());
            return m;
        }
    }

    // ---------------------------------------------------------------- availability

    /**
     * @param model {@code NAME@VERSION} or an alias
     * @return every format with why it is not available (djl, onnx, onnx-int8)
     * @throws UserError when the version or its model artifact is missing
     */
    public List<Availability> availability(String model) {
        ModelVersion v = version(model);
        return availability(v, zip(v));
    }

    private List<Availability> availability(ModelVersion v, Path zip) {
        String onnx = null;
        String int8 = null;
        try (SavedModel m = SavedModel.load(zip)) {
            try {
                OnnxExport.write(m, OnnxExport.Precision.FLOAT32, "check");
            } catch (UserError e) {
                onnx = v.ref() + " has no ONNX export: " + e.getMessage();
            }
            long dense = m.layers().stream().filter(l -> l instanceof Layer.Dense).count();
            if (onnx != null) {
                int8 = onnx;
            } else if (dense < 2) {
                int8 = v.ref() + " is a single-layer (logistic or linear) model: int8 makes its file no smaller and "
                        + "only adds error, so it is served in float32.";
            }
        }
        return List.of(new Availability(ServingFormat.DJL, null), new Availability(ServingFormat.ONNX, onnx),
                new Availability(ServingFormat.ONNX_INT8, int8));
    }

    /**
     * @param model  {@code NAME@VERSION} or an alias
     * @param format the format
     * @throws UserError (exit 2) when the version cannot be served in it, saying why and what to choose instead
     */
    public void require(String model, ServingFormat format) {
        if (format == ServingFormat.DJL) {
            return;
        }
        ModelVersion v = version(model);
        Availability a = availability(v, zip(v)).get(format.ordinal());
        if (!a.available()) {
            throw new UserError(a.reason(), format == ServingFormat.ONNX_INT8
                    ? "Use format: onnx (or djl); see mlwb deploy formats " + v.ref() + "."
                    : "Use format: djl.", ExitCode.BAD_INPUT, null);
        }
    }

    // ---------------------------------------------------------------- artifacts

    /**
     * The file a deployment of the format serves: {@code model.zip} for djl; for onnx and onnx-int8 the newest
     * recorded export whose file on disk still has the digest its export report measured, else (when {@code export})
     * a new export through {@link ModelExportService#export}.
     *
     * @param model    {@code NAME@VERSION} or an alias
     * @param format   the format
     * @param export   whether to export when no matching export is recorded
     * @param actor    who asks (the export's audit entry)
     * @param progress progress and cancel of an export
     * @return the artifact, or null when there is none and {@code export} is false
     * @throws UserError (exit 2) when the format is not available for the version
     */
    public Served artifact(String model, ServingFormat format, boolean export, String actor, Progress progress) {
        ModelVersion v = version(model);
        Path zip = zip(v);
        if (format == ServingFormat.DJL) {
            try {
                byte[] bytes = Files.readAllBytes(zip);
                return new Served(format, ModelExportService.shown(root(), zip), ModelExportService.sha256(bytes),
                        bytes.length, 0, null, 0);
            } catch (IOException e) {
                throw new UserError("Cannot read " + zip + ": " + e.getMessage(), "Restore the run's files.",
                        ExitCode.BAD_INPUT, e);
            }
        }
        Served kept = recorded(v, format);
        if (kept != null || !export) {
            return kept;
        }
        require(v.ref(), format);
        ModelExportService.Result r = exports.export(new ModelExportService.Request(v.ref(),
                ModelExportService.Format.ONNX, format == ServingFormat.ONNX_INT8, null, actor),
                progress == null ? Progress.NONE : progress);
        LOG.info("Exported {} as {} for serving", v.ref(), format.id());
        return served(format, format == ServingFormat.ONNX_INT8 ? r.int8() : r.float32(), r.original());
    }

    private Served served(ServingFormat f, ModelExportService.Measured m, double original) {
        return new Served(f, ModelExportService.shown(root(), m.file()), m.sha256(), m.sizeBytes(), m.maxAbsDiff(),
                m.metric(), m.metricValue() - original);
    }

    /** The newest export report of the version's run that describes the file now on disk, or null. */
    private Served recorded(ModelVersion v, ServingFormat format) {
        if (v.runId() == null) {
            return null;
        }
        List<RunFiles.Artifact> reports = new ArrayList<>(new RunFiles(catalog).artifacts(v.runId()).stream()
                .filter(a -> a.kind().equals("export-report")).toList());
        java.util.Collections.reverse(reports);         // newest first
        String section = format == ServingFormat.ONNX_INT8 ? "int8" : "float32";
        for (RunFiles.Artifact a : reports) {
            try {
                Path report = root().resolve(a.path());
                if (!Files.isRegularFile(report)) {
                    continue;
                }
                JsonNode j = JSON.readTree(report.toFile());
                JsonNode s = j.path(section);
                if (s.isMissingNode() || !s.hasNonNull("file")) {
                    continue;
                }
                Path file = root().resolve(s.get("file").asText()).normalize();
                if (!Files.isRegularFile(file)) {
                    continue;
                }
                byte[] bytes = Files.readAllBytes(file);
                String sha = ModelExportService.sha256(bytes);
                if (!sha.equals(s.path("sha256").asText())) {
                    continue;                           // rewritten since: its measurement is not this file's
                }
                String metric = j.path("metric").asText();
                double original = j.path("saved_model_" + metric).asDouble();
                return new Served(format, ModelExportService.shown(root(), file), sha, bytes.length,
                        s.path("max_abs_diff").asDouble(), metric, s.path(metric).asDouble() - original);
            } catch (IOException e) {
                LOG.debug("Skipping unreadable export report {}", a.path(), e);
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- comparison

    /**
     * Measures every format of a version side by side: exports ONNX (and int8 where allowed) through
     * {@link ModelExportService#export}, which checks and records the files, then times each format through the
     * server's {@link Predictor} on the run's test split with {@link ModelExportService}'s timing.
     *
     * @param model    {@code NAME@VERSION} or an alias
     * @param actor    who asks (the export's audit entry)
     * @param progress progress; cancel stops between steps and timed runs ({@link io.mlwb.core.job.Cancelled})
     * @return the formats, djl first; an unavailable one carries its reason and no figures
     * @throws UserError when the version, its artifact, its test predictions or its data are missing
     */
    public Comparison compare(String model, String actor, Progress progress) {
        Progress p = progress == null ? Progress.NONE : progress;
        ModelVersion v = version(model);
        Path zip = zip(v);
        p.report(0.02, "checking which formats " + v.ref() + " allows");
        Map<ServingFormat, String> why = new EnumMap<>(ServingFormat.class);
        availability(v, zip).forEach(a -> why.put(a.format(), a.reason()));
        p.checkCancelled();
        Map<ServingFormat, Served> files = new EnumMap<>(ServingFormat.class);
        files.put(ServingFormat.DJL, artifact(v.ref(), ServingFormat.DJL, false, actor, p));
        if (why.get(ServingFormat.ONNX) == null) {
            try {
                ModelExportService.Result r = exports.export(new ModelExportService.Request(v.ref(),
                        ModelExportService.Format.ONNX, why.get(ServingFormat.ONNX_INT8) == null, null, actor),
                        p.scaled(0.05, 0.55));
                files.put(ServingFormat.ONNX, served(ServingFormat.ONNX, r.float32(), r.original()));
                if (r.int8() != null) {
                    files.put(ServingFormat.ONNX_INT8, served(ServingFormat.ONNX_INT8, r.int8(), r.original()));
                }
            } catch (UserError e) {
                if (e.exit() != ExitCode.CHECK_FAILED) {
                    throw e;
                }
                why.put(ServingFormat.ONNX, e.getMessage());
                why.put(ServingFormat.ONNX_INT8, e.getMessage());
            }
        }
        String metric;
        double runMetric;
        DataTable one;
        DataTable batch;
        int rows;
        p.report(0.6, "reading the test split");
        try (SavedModel m = SavedModel.load(zip)) {
            ModelExportService.TestSplit test = exports.testSplit(v, zip, m);
            metric = ModelExportService.metric(m);
            runMetric = exports.savedMetric(m, test);
            rows = test.rows().length;
            one = test.first(1);
            batch = test.first(ModelExportService.BATCH_ROWS);
        }
        List<Measured> out = new ArrayList<>();
        double at = 0.65;
        for (ServingFormat f : ServingFormat.values()) {
            p.checkCancelled();
            Served s = files.get(f);
            if (why.get(f) != null || s == null) {
                out.add(new Measured(f, why.get(f) == null ? "not exported" : why.get(f), null, null, null, null,
                        null, null, null, null, false));
                continue;
            }
            p.report(at, "timing " + f.label());
            at += 0.11;
            double[] lat = latency(f == ServingFormat.DJL ? Predictor.load(zip, 1)
                    : Predictor.loadOnnx(root().resolve(s.path()), 1), one, batch, p);
            double value = f == ServingFormat.DJL ? runMetric : runMetric + s.metricChange();
            double change = value - runMetric;
            out.add(new Measured(f, null, s.path(), s.sizeBytes(), s.sha256(), lat[0], lat[1], value, change,
                    s.maxAbsDiff(), notableLoss(metric, runMetric, change)));
        }
        p.report(1, "measured " + v.ref() + "'s formats");
        return new Comparison(v.ref(), metric, runMetric, rows, out);
    }

    /**
     * @param metric    roc_auc, accuracy or rmse
     * @param run       the run's value
     * @param change    a format's change against it
     * @return whether the change is a loss worth a note: ROC AUC or accuracy down by more than {@link #NOTABLE_LOSS},
     *         RMSE up by more than that share of the run's
     */
    public static boolean notableLoss(String metric, double run, double change) {
        return "rmse".equals(metric) ? change > NOTABLE_LOSS * Math.abs(run) : change < -NOTABLE_LOSS;
    }

    private double[] latency(Predictor predictor, DataTable one, DataTable batch, Progress p) {
        try (predictor) {
            int runs = exports.latencyRuns();
            double single = ModelExportService.p50(() -> predictor.score(one), runs, p);
            double batched = ModelExportService.p50(() -> predictor.score(batch), Math.max(10, runs / 10), p);
            return new double[] {single, batched};
        }
    }

    // ---------------------------------------------------------------- helpers

    private ModelVersion version(String model) {
        return ModelRegistry.of(catalog, project).resolve(ModelRef.parse(model));
    }

    private Path zip(ModelVersion v) {
        if (v.artifactPath() == null) {
            throw new UserError(v.ref() + " has no model artifact.", "Register a version of a finished run.",
                    ExitCode.BAD_INPUT, null);
        }
        Path zip = root().resolve(v.artifactPath()).normalize();
        if (!Files.isRegularFile(zip)) {
            throw new UserError(v.ref() + "'s model artifact " + v.artifactPath() + " is missing.",
                    "Restore the run's files (.mlwb/) or train and register the version again.", ExitCode.BAD_INPUT,
                    null);
        }
        return zip;
    }

    private Path root() {
        return project.root().toAbsolutePath().normalize();
    }
}
