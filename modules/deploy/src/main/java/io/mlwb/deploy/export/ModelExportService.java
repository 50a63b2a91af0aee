package io.mlwb.deploy.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.audit.AuditLog;
import io.mlwb.catalog.dataset.DatasetRepository;
import io.mlwb.catalog.dataset.DatasetVersionRecord;
import io.mlwb.catalog.run.RunFiles;
import io.mlwb.catalog.run.RunInput;
import io.mlwb.catalog.run.RunRepository;
import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import io.mlwb.core.job.Cancelled;
import io.mlwb.core.job.Progress;
import io.mlwb.core.project.Project;
import io.mlwb.data.read.ReadOptions;
import io.mlwb.data.read.TableReader;
import io.mlwb.data.table.BooleanColumn;
import io.mlwb.data.table.CategoricalColumn;
import io.mlwb.data.table.Column;
import io.mlwb.data.table.DataTable;
import io.mlwb.data.table.DateTimeColumn;
import io.mlwb.data.table.NumericColumn;
import io.mlwb.serving.onnx.OnnxExport;
import io.mlwb.serving.onnx.OnnxScorer;
import io.mlwb.tracking.registry.ModelRef;
import io.mlwb.tracking.registry.ModelRegistry;
import io.mlwb.tracking.registry.ModelVersion;
import io.mlwb.training.engine.SavedModel;
import io.mlwb.training.engine.TargetEncoding;
import io.mlwb.training.eval.ClassificationMetrics;
import io.mlwb.training.spec.TrainingSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exports a registered model version to a serving format (ONNX), checks the export against the model's own
 * predictions on its test split in ONNX Runtime, and optionally writes and measures an int8-quantized variant (size,
 * p50 latency of one row and of a batch, the test metric next to the float model's) so the choice can be made
 * before anyone deploys it. The files, the measurement ({@code export.json}) and an audit entry are recorded with the
 * version's run. The CLI's {@code mlwb models export} and the deployment wizard call it.
 */
public final class ModelExportService {
    /** The audit action of an export. */
    public static final String AUDIT_EXPORT = "model.export";
    /** The largest difference between the ONNX float model and ours that passes the check. */
    public static final double TOLERANCE = 1e-5;
    /** Rows per batch in the batch latency figure. */
    public static final int BATCH_ROWS = 256;

    private static final Logger LOG = LoggerFactory.getLogger(ModelExportService.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Project project;
    private final Catalog catalog;
    private final String producer;
    private final int latencyRuns;

    /**
     * @param project     the project
     * @param catalog     its catalog
     * @param producer    the mlwb version written into the ONNX file
     * @param latencyRuns timed runs per latency figure (single rows; batches take a tenth), at least 10
     */
    public ModelExportService(Project project, Catalog catalog, String producer, int latencyRuns) {
        this.project = project;
        this.catalog = catalog;
        this.producer = producer;
        this.latencyRuns = Math.max(10, latencyRuns);
    }

    /** The formats {@link #export} writes. */
    public enum Format {
        /** ONNX (opset {@value OnnxExport#OPSET}). */
        ONNX
    }

    /**
     * What to export.
     *
     * @param model    {@code NAME@VERSION} or {@code NAME@ALIAS}
     * @param format   the format
     * @param int8     whether to write and measure the int8-quantized variant too
     * @param out      the file to write; null for {@code .mlwb/exports/NAME-vN/model.onnx}
     * @param actor    who asked (audit)
     */
    public record Request(String model, Format format, boolean int8, Path out, String actor) {
    }

    /**
     * The measurement of one exported file on the test split, in ONNX Runtime with one intra-op thread.
     *
     * @param file          the file
     * @param sizeBytes     its size
     * @param sha256        its digest
     * @param maxAbsDiff    the largest difference from the saved model's own predictions
     * @param singleP50Ms   median latency of a one-row run
     * @param batchP50Ms    median latency of a {@value #BATCH_ROWS}-row run
     * @param metric        the test metric (roc_auc, accuracy or rmse)
     * @param metricValue   its value on the test split
     */
    public record Measured(Path file, long sizeBytes, String sha256, double maxAbsDiff, double singleP50Ms,
                           double batchP50Ms, String metric, double metricValue) {
        Map<String, Object> toJson(Path root) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", shown(root, file));
            m.put("size_bytes", sizeBytes);
            m.put("sha256", sha256);
            m.put("max_abs_diff", maxAbsDiff);
            m.put("p50_ms_single", singleP50Ms);
            m.put("p50_ms_batch", batchP50Ms);
            m.put("batch_rows", BATCH_ROWS);
            m.put(metric, metricValue);
            return m;
        }
    }

    /**
     * What an export wrote and measured.
     *
     * @param model      the version exported ({@code NAME@N})
     * @param format     the format
     * @param rows       test rows checked
     * @param inputWidth width of the preprocessed feature vector the graph takes
     * @param output     the graph's output name
     * @param original   the saved model's own test metric ({@code metric} of {@code float32})
     * @param float32    the float export
     * @param int8       the int8 export, or null
     * @param report     the JSON report written next to the files
     */
    public record Result(String model, Format format, int rows, int inputWidth, String output, double original,
                         Measured float32, Measured int8, Path report) {
        /** @return the JSON of {@code mlwb models export --json} and of {@code export.json} (docs/cli.md) */
        public Map<String, Object> toJson(Path root) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("model", model);
            m.put("format", format.name().toLowerCase(Locale.ROOT));
            m.put("opset", OnnxExport.OPSET);
            m.put("input", Map.of("name", OnnxExport.INPUT, "width", inputWidth, "preprocessing",
                    "not in the graph: apply preprocessing.json (model.zip; also ONNX metadata mlwb.preprocessing)"));
            m.put("output", output);
            m.put("test_rows", rows);
            m.put("tolerance", TOLERANCE);
            m.put("metric", float32.metric());
            m.put("saved_model_" + float32.metric(), original);
            m.put("float32", float32.toJson(root));
            if (int8 != null) {
                Map<String, Object> q = int8.toJson(root);
                q.put("size_ratio", (double) int8.sizeBytes() / float32.sizeBytes());
                q.put(float32.metric() + "_change", int8.metricValue() - float32.metricValue());
                q.put("p50_ms_single_change", int8.singleP50Ms() - float32.singleP50Ms());
                q.put("p50_ms_batch_change", int8.batchP50Ms() - float32.batchP50Ms());
                m.put("int8", q);
            }
            m.put("report", shown(root, report));
            return m;
        }
    }

    /**
     * Exports, checks, measures and records.
     *
     * @param request  what to export
     * @param progress progress and cancel
     * @return what was written and measured
     * @throws UserError when the version or its files are missing, or (exit 1) when the export does not reproduce
     *                   the model's predictions within {@link #TOLERANCE}
     */
    public Result export(Request request, Progress progress) {
        ModelVersion v = ModelRegistry.of(catalog, project).resolve(ModelRef.parse(request.model()));
        if (v.artifactPath() == null || v.runId() == null) {
            throw new UserError(v.ref() + " has no model artifact (its run is gone).",
                    "Export another version; see `mlwb models show " + v.model() + "`.", ExitCode.BAD_INPUT, null);
        }
        Path zip = project.root().resolve(v.artifactPath());
        if (!Files.isRegularFile(zip)) {
            throw new UserError("The model artifact of " + v.ref() + " is missing: " + zip + ".",
                    "Retrain its run, or export another version.", ExitCode.BAD_INPUT, null);
        }
        Path out = request.out() != null ? request.out().toAbsolutePath().normalize()
                : project.root().resolve(".mlwb/exports/" + v.model() + "-v" + v.version() + "/model.onnx");
        if (Files.isDirectory(out)) {
            throw new UserError("--out " + out + " is a folder.", "Name the .onnx file to write.", ExitCode.BAD_INPUT,
                    null);
        }
        progress.report(0.05, "reading the test split");
        try (SavedModel model = SavedModel.load(zip)) {
            TestSplit test = testSplit(v, zip, model);
            double[] labels = labels(model, test.table(), test.rows());
            checkCancel(progress);
            float[] x = model.preprocessor().transform(test.table(), test.rows());
            int n = test.rows().length;
            double[] ours = ours(model, test);
            String metric = metric(model);
            double original = metricOf(model, ours, labels, n);
            progress.report(0.2, "writing ONNX");
            byte[] floatBytes = OnnxExport.write(model, OnnxExport.Precision.FLOAT32, producer);
            Path floatFile = write(out, floatBytes);
            Measured f = measure(model, floatFile, floatBytes, x, n, ours, labels, progress, 0.2);
            if (f.maxAbsDiff() > TOLERANCE) {
                throw new UserError(String.format(Locale.ROOT, "The ONNX export of %s differs from the model by %.3g "
                        + "on its test split (tolerance %.0e).", v.ref(), f.maxAbsDiff(), TOLERANCE),
                        "Report this with the model file; do not deploy the export.", ExitCode.CHECK_FAILED, null);
            }
            Measured q = null;
            if (request.int8()) {
                progress.report(0.55, "writing the int8 variant");
                byte[] qBytes = OnnxExport.write(model, OnnxExport.Precision.INT8, producer);
                Path qFile = write(out.resolveSibling(stem(out) + "-int8.onnx"), qBytes);
                q = measure(model, qFile, qBytes, x, n, ours, labels, progress, 0.55);
            }
            Path report = out.resolveSibling(stem(out) + "-export.json");
            Result result = new Result(v.ref(), request.format(), n, model.preprocessor().width(),
                    OnnxExport.outputName(model), original, f, q, report);
            try {
                write(report, JSON.writeValueAsBytes(result.toJson(project.root())));
            } catch (IOException e) {
                throw new UserError("Cannot write " + report + ": " + e.getMessage(), "Choose a writable --out.",
                        ExitCode.BAD_INPUT, e);
            }
            record(v, result, request.actor());
            progress.report(1, "exported " + v.ref());
            LOG.info("Exported {} to {} ({} bytes{})", v.ref(), floatFile, f.sizeBytes(),
                    q == null ? "" : ", int8 " + q.sizeBytes() + " bytes");
            return result;
        }
    }

    /**
     * The latest checked export of a version, for serving it.
     *
     * @param model {@code NAME@VERSION} or {@code NAME@ALIAS}
     * @param int8  the int8 variant rather than the float one
     * @return the {@code .onnx} file
     * @throws UserError (exit 2) when the version has no such export on disk, naming the command that writes it
     */
    public Path exported(String model, boolean int8) {
        ModelVersion v = ModelRegistry.of(catalog, project).resolve(ModelRef.parse(model));
        String kind = int8 ? "onnx-int8" : "onnx";
        Path found = null;
        if (v.runId() != null) {
            for (RunFiles.Artifact a : new RunFiles(catalog).artifacts(v.runId())) {
                if (kind.equals(a.kind())) {
                    found = project.root().resolve(a.path()); // the last recorded is the latest
                }
            }
        }
        if (found == null || !Files.isRegularFile(found)) {
            throw new UserError(v.ref() + " has no " + (int8 ? "int8 " : "") + "ONNX export"
                    + (found == null ? "" : " on disk (" + found + ")") + ".",
                    "Export it first: mlwb models export " + v.ref() + " --format onnx" + (int8 ? " --quantize int8"
                    : "") + ".", ExitCode.BAD_INPUT, null);
        }
        return found;
    }

    /** @return timed runs per single-row latency figure (batches take a tenth) */
    int latencyRuns() {
        return latencyRuns;
    }

    /** The rows of the run's test split in its data file, with their labels. */
    record TestSplit(DataTable table, int[] rows) {
        /**
         * @param count how many of the first test rows
         * @return a table of just those rows (the shape a request body decodes to)
         */
        DataTable first(int count) {
            return ModelExportService.rows(table, Arrays.copyOf(rows, Math.min(count, rows.length)));
        }
    }

    /** @return the test split's labels and the saved model's test metric on them (the run's own) */
    double savedMetric(SavedModel model, TestSplit test) {
        double[] labels = labels(model, test.table(), test.rows());
        return metricOf(model, ours(model, test), labels, test.rows().length);
    }

    /** A table of some rows of another, in the order given. */
    static DataTable rows(DataTable t, int[] rows) {
        List<Column> cols = new ArrayList<>();
        for (Column c : t.columns()) {
            if (c instanceof NumericColumn n) {
                double[] v = new double[rows.length];
                BitSet miss = new BitSet();
                for (int i = 0; i < rows.length; i++) {
                    v[i] = n.values()[rows[i]];
                    miss.set(i, n.missing().get(rows[i]));
                }
                cols.add(new NumericColumn(n.name(), v, miss, n.integral()));
            } else if (c instanceof CategoricalColumn k) {
                int[] codes = new int[rows.length];
                for (int i = 0; i < rows.length; i++) {
                    codes[i] = k.codes()[rows[i]];
                }
                cols.add(new CategoricalColumn(k.name(), k.type(), codes, k.dictionary()));
            } else if (c instanceof BooleanColumn b) {
                byte[] v = new byte[rows.length];
                for (int i = 0; i < rows.length; i++) {
                    v[i] = b.values()[rows[i]];
                }
                cols.add(new BooleanColumn(b.name(), v));
            } else if (c instanceof DateTimeColumn d) {
                long[] v = new long[rows.length];
                BitSet miss = new BitSet();
                for (int i = 0; i < rows.length; i++) {
                    v[i] = d.millis()[rows[i]];
                    miss.set(i, d.missing().get(rows[i]));
                }
                cols.add(new DateTimeColumn(d.name(), v, miss, d.style(), d.format()));
            } else {
                throw new IllegalStateException("unknown column kind " + c.getClass());
            }
        }
        return new DataTable(rows.length, cols);
    }

    TestSplit testSplit(ModelVersion v, Path zip, SavedModel model) {
        Path predictions = zip.resolveSibling("predictions-test.csv");
        if (!Files.isRegularFile(predictions)) {
            throw new UserError("The run of " + v.ref() + " has no predictions-test.csv to check an export against.",
                    "Retrain its run.", ExitCode.BAD_INPUT, null);
        }
        RunRepository runs = new RunRepository(catalog);
        DatasetRepository datasets = new DatasetRepository(catalog);
        Path data = null;
        for (RunInput in : runs.inputs(v.runId())) {
            DatasetVersionRecord dv = datasets.version(in.datasetVersionId()).orElse(null);
            if (dv != null && dv.path() != null) {
                data = project.root().resolve(dv.path());
                break;
            }
        }
        if (data == null || !Files.isRegularFile(data)) {
            throw new UserError("The data file the run of " + v.ref() + " was trained on is not there"
                    + (data == null ? "" : ": " + data) + ".", "Restore it (it holds the test split the export is "
                    + "checked on).", ExitCode.BAD_INPUT, null);
        }
        DataTable table = new TableReader().read(data, ReadOptions.defaults(), Progress.NONE).table();
        List<Integer> rows = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(predictions);
            int rowCol = Arrays.asList(lines.get(0).split(",")).indexOf("row");
            for (String line : lines.subList(1, lines.size())) {
                rows.add(Integer.parseInt(line.split(",", -1)[rowCol]) - 1);
            }
        } catch (IOException | RuntimeException e) {
            throw new UserError("Cannot read " + predictions + ": " + e.getMessage(), "Retrain the run.",
                    ExitCode.BAD_INPUT, e);
        }
        int[] r = rows.stream().mapToInt(Integer::intValue).toArray();
        for (int i : r) {
            if (i < 0 || i >= table.rowCount()) {
                throw new UserError(data + " has changed since the run (row " + (i + 1) + " is gone).",
                        "Restore the data file the run read.", ExitCode.BAD_INPUT, null);
            }
        }
        return new TestSplit(table, r);
    }

    private static double[] labels(SavedModel m, DataTable table, int[] rows) {
        Column col = table.column(m.target()).orElseThrow(() -> new UserError("The data has no target column '"
                + m.target() + "'.", "Restore the data file the run read.", ExitCode.BAD_INPUT, null));
        TargetEncoding enc = m.task() == TrainingSpec.Task.REGRESSION
                ? new TargetEncoding(TrainingSpec.Task.REGRESSION, m.target(), null, null)
                : !m.classes().isEmpty()
                ? new TargetEncoding(TrainingSpec.Task.CLASSIFICATION, m.target(), null, null, m.classes())
                : new TargetEncoding(TrainingSpec.Task.CLASSIFICATION, m.target(), m.negative(), m.positive());
        double[] y = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            y[i] = enc.label(col, rows[i]);
        }
        return y;
    }

    /** Our model's outputs on the test rows, laid out as the ONNX output is. */
    private static double[] ours(SavedModel model, TestSplit test) {
        SavedModel.Scores all = model.predict(test.table());
        int k = model.classes().isEmpty() ? 1 : model.classes().size();
        double[] out = new double[test.rows().length * k];
        for (int i = 0; i < test.rows().length; i++) {
            int r = test.rows()[i];
            if (k == 1) {
                out[i] = all.score()[r];
            } else {
                System.arraycopy(all.probabilities(), r * k, out, i * k, k);
            }
        }
        return out;
    }

    static String metric(SavedModel m) {
        if (m.task() == TrainingSpec.Task.REGRESSION) {
            return "rmse";
        }
        return m.classes().isEmpty() ? "roc_auc" : "accuracy";
    }

    private static double metricOf(SavedModel m, double[] out, double[] y, int n) {
        switch (metric(m)) {
            case "rmse" -> {
                double ss = 0;
                int c = 0;
                for (int i = 0; i < n; i++) {
                    if (!Double.isNaN(y[i])) {
                        ss += (out[i] - y[i]) * (out[i] - y[i]);
                        c++;
                    }
                }
                return Math.sqrt(ss / Math.max(1, c));
            }
            case "accuracy" -> {
                int k = m.classes().size();
                int right = 0;
                for (int i = 0; i < n; i++) {
                    int best = 0;
                    for (int c = 1; c < k; c++) {
                        if (out[i * k + c] > out[i * k + best]) {
                            best = c;
                        }
                    }
                    right += best == (int) y[i] ? 1 : 0;
                }
                return (double) right / Math.max(1, n);
            }
            default -> {
                List<Integer> keep = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    if (!Double.isNaN(y[i])) {
                        keep.add(i);
                    }
                }
                double[] yy = new double[keep.size()];
                double[] ss = new double[keep.size()];
                for (int j = 0; j < yy.length; j++) {
                    yy[j] = y[keep.get(j)];
                    ss[j] = out[keep.get(j)];
                }
                return ClassificationMetrics.rocAuc(yy, ss, null);
            }
        }
    }

    private Measured measure(SavedModel model, Path file, byte[] bytes, float[] x, int n, double[] ours, double[] y,
                             Progress progress, double at) {
        try (OnnxScorer s = OnnxScorer.load(bytes, 1)) {
            float[] out = s.run(x, n);
            double[] got = new double[out.length];
            double worst = 0;
            for (int i = 0; i < out.length; i++) {
                got[i] = out[i];
                double scale = model.task() == TrainingSpec.Task.REGRESSION ? Math.max(1, Math.abs(ours[i])) : 1;
                worst = Math.max(worst, Math.abs(got[i] - ours[i]) / scale);
            }
            double value = metricOf(model, got, y, n);
            int w = s.width();
            progress.report(at + 0.1, "timing " + file.getFileName());
            float[] one = Arrays.copyOf(x, w);
            double single = p50(() -> s.run(one, 1), latencyRuns, progress);
            int b = Math.min(BATCH_ROWS, n);
            float[] batch = Arrays.copyOf(x, b * w);
            double batched = p50(() -> s.run(batch, b), Math.max(10, latencyRuns / 10), progress);
            return new Measured(file, bytes.length, sha256(bytes), worst, single, batched, metric(model), value);
        }
    }

    static double p50(Runnable work, int runs, Progress progress) {
        for (int i = 0; i < Math.max(5, runs / 10); i++) {
            work.run(); // warm-up: the first runs allocate and plan
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            work.run();
            ms[i] = (System.nanoTime() - t0) / 1e6;
            if ((i & 255) == 0) {
                checkCancel(progress);
            }
        }
        Arrays.sort(ms);
        return ms[runs / 2];
    }

    private void record(ModelVersion v, Result r, String actor) {
        RunFiles files = new RunFiles(catalog);
        files.addArtifact(v.runId(), "onnx", shown(project.root(), r.float32().file()), r.float32().sha256(),
                r.float32().sizeBytes());
        if (r.int8() != null) {
            files.addArtifact(v.runId(), "onnx-int8", shown(project.root(), r.int8().file()), r.int8().sha256(),
                    r.int8().sizeBytes());
        }
        try {
            byte[] report = Files.readAllBytes(r.report());
            files.addArtifact(v.runId(), "export-report", shown(project.root(), r.report()), sha256(report),
                    (long) report.length);
        } catch (IOException e) {
            throw new UserError("Cannot read back " + r.report() + ": " + e.getMessage(), "Export again.",
                    ExitCode.INTERNAL, e);
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("format", r.format().name().toLowerCase(Locale.ROOT));
        details.put("file", shown(project.root(), r.float32().file()));
        details.put("max_abs_diff", r.float32().maxAbsDiff());
        if (r.int8() != null) {
            details.put("int8_file", shown(project.root(), r.int8().file()));
            details.put("int8_size_bytes", r.int8().sizeBytes());
            details.put(r.float32().metric() + "_change", r.int8().metricValue() - r.float32().metricValue());
        }
        new AuditLog(catalog).append(actor, AUDIT_EXPORT, "model_version", Long.toString(v.id()), details);
    }

    private static void checkCancel(Progress progress) {
        if (progress.cancelled()) {
            throw new Cancelled();
        }
    }

    private static Path write(Path file, byte[] bytes) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(tmp, bytes);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return file;
        } catch (IOException e) {
            throw new UserError("Cannot write " + file + ": " + e.getMessage(), "Choose a writable --out path.",
                    ExitCode.BAD_INPUT, e);
        }
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".onnx") ? name.substring(0, name.length() - 5) : name;
    }

    static String shown(Path root, Path file) {
        Path abs = file.toAbsolutePath().normalize();
        return abs.startsWith(root) ? root.relativize(abs).toString().replace('\\', '/') : abs.toString();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
