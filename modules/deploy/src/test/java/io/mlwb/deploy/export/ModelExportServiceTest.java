package io.mlwb.deploy.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.audit.AuditEntry;
import io.mlwb.catalog.audit.AuditLog;
import io.mlwb.catalog.run.RunFiles;
import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import io.mlwb.core.job.Progress;
import io.mlwb.core.project.Project;
import io.mlwb.serving.onnx.OnnxScorer;
import io.mlwb.tracking.registry.ModelRegistry;
import io.mlwb.training.engine.TrainRequest;
import io.mlwb.training.engine.TrainResult;
import io.mlwb.training.engine.TrainingService;
import io.mlwb.training.engine.TrainingSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample project's two specs trained for real, registered, exported to ONNX (float and int8), checked in ONNX
 * Runtime against the model's own test predictions, measured and recorded.
 */
class ModelExportServiceTest {
    @TempDir
    static Path dir;

    private static Project project;
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void trainAndRegister() throws Exception {
        Path sample = sample();
        for (String f : List.of("mlwb.yaml", "data/applications_2023.csv", "training/logistic_baseline.yaml",
                "training/mlp.yaml")) {
            Files.createDirectories(dir.resolve(f).getParent());
            Files.copy(sample.resolve(f), dir.resolve(f));
        }
        project = Project.load(dir);
        try (Catalog catalog = Catalog.open(project.catalogFile())) {
            TrainingService training = new TrainingService(project, null, catalog,
                    new TrainingSettings(0.1, 2.5, 0, true), Clock.systemUTC());
            for (String[] s : new String[][] {{"training/logistic_baseline.yaml", "credit-logistic"},
                {"training/mlp.yaml", "credit-mlp"}}) {
                TrainResult r = training.train(TrainRequest.spec(Path.of(s[0]), List.of()), null, null,
                        Progress.NONE);
                ModelRegistry.of(catalog, project).register(r.runId(), s[1], null, null, false, "tester");
            }
        }
    }

    private static ModelExportService.Result export(String model, boolean int8, Path out) {
        try (Catalog catalog = Catalog.open(project.catalogFile())) {
            return new ModelExportService(project, catalog, "test", 300).export(
                    new ModelExportService.Request(model, ModelExportService.Format.ONNX, int8, out, "tester"),
                    Progress.NONE);
        }
    }

    @Test
    void logisticExportsReproduceTheTestPredictions() throws Exception {
        ModelExportService.Result r = export("credit-logistic@1", false, dir.resolve("out/logistic.onnx"));
        assertEquals("credit-logistic@1", r.model());
        assertTrue(r.float32().maxAbsDiff() <= 1e-5, "max abs diff " + r.float32().maxAbsDiff());
        assertTrue(r.rows() > 4000, "test rows " + r.rows());
        assertEquals(r.original(), r.float32().metricValue(), 1e-6, "same AUC as the saved model");
        assertNull(r.int8());
        assertTrue(Files.isRegularFile(dir.resolve("out/logistic.onnx")));
        try (OnnxScorer s = OnnxScorer.load(Files.readAllBytes(r.float32().file()), 1)) {
            assertEquals(r.inputWidth(), s.width());
            assertTrue(s.metadata().containsKey("mlwb.preprocessing"));
        }
        JsonNode report = JSON.readTree(dir.resolve("out/logistic-export.json").toFile());
        assertEquals("probability", report.path("output").asText());
        assertEquals("roc_auc", report.path("metric").asText());
        System.out.println("EXPORT logistic " + report);
    }

    @Test
    void mlpInt8IsMeasuredAndRecorded() throws Exception {
        ModelExportService.Result r = export("credit-mlp@1", true, null);
        assertTrue(r.float32().maxAbsDiff() <= 1e-5, "max abs diff " + r.float32().maxAbsDiff());
        assertNotNull(r.int8());
        assertTrue(r.int8().sizeBytes() < r.float32().sizeBytes(), r.int8().sizeBytes() + " vs "
                + r.float32().sizeBytes());
        double change = r.int8().metricValue() - r.float32().metricValue();
        assertTrue(Math.abs(change) < 0.01, "AUC change of int8 " + change);
        assertTrue(r.int8().singleP50Ms() > 0 && r.int8().batchP50Ms() > 0);
        Path expected = dir.resolve(".mlwb/exports/credit-mlp-v1/model.onnx");
        assertEquals(expected, r.float32().file());
        assertTrue(Files.isRegularFile(dir.resolve(".mlwb/exports/credit-mlp-v1/model-int8.onnx")));
        JsonNode report = JSON.readTree(r.report().toFile());
        for (String key : List.of("size_bytes", "p50_ms_single", "p50_ms_batch", "roc_auc", "size_ratio",
                "roc_auc_change")) {
            assertTrue(report.path("int8").has(key), key + " in " + report);
        }
        System.out.println("EXPORT mlp " + report);
        try (Catalog catalog = Catalog.open(project.catalogFile())) {
            long run = ModelRegistry.of(catalog, project).resolve(io.mlwb.tracking.registry.ModelRef.parse(
                    "credit-mlp@1")).runId();
            List<String> kinds = new RunFiles(catalog).artifacts(run).stream().map(RunFiles.Artifact::kind).toList();
            assertTrue(kinds.containsAll(List.of("onnx", "onnx-int8", "export-report")), kinds.toString());
            List<String> actions = new AuditLog(catalog).list(0, 100).stream().map(AuditEntry::action).toList();
            assertTrue(actions.contains(ModelExportService.AUDIT_EXPORT), actions.toString());
        }
    }

    @Test
    void badInputIsRefusedClearly() throws Exception {
        UserError unknown = assertThrows(UserError.class, () -> export("nope@1", false, null));
        assertTrue(unknown.getMessage().contains("nope"), unknown.getMessage());
        Files.createDirectories(dir.resolve("a-folder"));
        UserError folder = assertThrows(UserError.class, () -> export("credit-logistic@1", false,
                dir.resolve("a-folder")));
        assertEquals(ExitCode.BAD_INPUT, folder.exit());
        assertTrue(folder.getMessage().contains("is a folder"), folder.getMessage());
    }

    private static Path sample() {
        Path d = Path.of("").toAbsolutePath();
        while (d != null && !Files.isDirectory(d.resolve("sample-projects/credit-risk"))) {
            d = d.getParent();
        }
        assertNotNull(d, "no sample-projects folder above the working directory");
        return d.resolve("sample-projects/credit-risk");
    }
}
